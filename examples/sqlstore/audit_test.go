package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/interfaces"
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/smskit/iso20000/sms"
)

// TestAuditSameFindings runs the interface audit on the generated
// provider (more than one page of rows per kind) held by every store: the
// SQL stores give the report the in-memory store gives, findings and
// counts alike.
func TestAuditSameFindings(t *testing.T) {
	n := 6000
	if testing.Short() {
		n = 2500
	}
	var want []byte
	eachBackend(t, decodeRec, func(t *testing.T, b *backend) {
		var batch []process.Record
		flush := func() error {
			defer func() { batch = batch[:0] }()
			if b.sql == nil {
				for _, r := range batch {
					if err := b.put(r); err != nil {
						return err
					}
				}
				return nil
			}
			return b.sql.PutAll(t.Context(), batch...)
		}
		year, err := provider(n, func(r process.Record) error {
			batch = append(batch, r)
			if len(batch) == 500 {
				return flush()
			}
			return nil
		})
		require.NoError(t, err)
		require.NoError(t, flush())
		require.GreaterOrEqual(t, b.len(), n)

		rep, err := (&interfaces.Auditor{}).Audit(b.store, year)
		require.NoError(t, err)
		require.NotEmpty(t, rep.Findings, "the provider breaks some rules")
		got, err := json.Marshal(rep)
		require.NoError(t, err)
		if want == nil {
			want = got // the in-memory store's, which runs first
			return
		}
		assert.JSONEq(t, string(want), string(got))
	})
}

// TestAssessSameReport runs the conformity assessment on a few records of
// Clause 4 and of the processes, held by every store and read through
// sms.Decode: the same report.
func TestAssessSameReport(t *testing.T) {
	at := processtest.T0
	p := &process.Problem{Header: process.Header{Title: "disk fills up"}, Description: "the log volume fills every night",
		Category: "storage", Impact: process.LevelHigh, Urgency: process.LevelMedium, Priority: 2}
	require.NoError(t, p.Open(processtest.PM, at))
	policy := sms.NewPolicy("service management policy", "we run an SMS", processtest.Top, at)
	policy.MeetsRequirements, policy.ContinualImprovement = true, true
	records := []process.Record{policy, p, process.NewKnownError("log rotation", p.ID, "no rotation", "delete old logs", processtest.PM, at)}
	var want []byte
	eachBackend(t, sms.Decode, func(t *testing.T, b *backend) {
		for _, r := range records {
			require.NoError(t, b.put(r))
		}
		period := process.Window{Start: at.AddDate(0, -3, 0), End: at.AddDate(0, 0, 1)}
		rep, err := sms.Assess(sms.System{Name: "acme"}, b.store, sms.Options{Period: period})
		require.NoError(t, err)
		got, err := json.Marshal(rep)
		require.NoError(t, err)
		if want == nil {
			want = got
			return
		}
		assert.JSONEq(t, string(want), string(got))
	})
}
