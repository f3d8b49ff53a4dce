package itsm

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// goldenRecords are the sample records of every kind, by kind and name.
func goldenRecords(t *testing.T) map[string]process.Record {
	t.Helper()
	out := map[string]process.Record{}
	for n, r := range sampleIncidents(t) {
		out["incident-"+n] = r
	}
	for n, r := range sampleProblems(t) {
		out["problem-"+n] = r
	}
	for n, r := range sampleChanges(t) {
		out["change-"+n] = r
	}
	for n, r := range sampleCIs(t) {
		out["ci-"+n] = r
	}
	return out
}

// TestGolden holds every tool's export of every sample record to the
// files of testdata/golden (the ticket as JSON, the audit rows as the
// tool's CSV; go test -update rewrites them), and replays each CSV file
// into a record that exports as the file says.
func TestGolden(t *testing.T) {
	recs := goldenRecords(t)
	names := make([]string, 0, len(recs))
	for n := range recs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, tool := range []*Tool{ServiceNow(), GLPI(), ITop()} {
		o := &Options{ChangeClass: process.ChangeNormal, ServiceOf: cmdbOf(map[process.ID][]process.ID{ciMail: {svcMail}, ciProxy: {svcMail}})}
		for _, name := range names {
			r := recs[name]
			tk, rows, err := Export(tool, r, o)
			if err != nil {
				continue // what the tool cannot hold (TestRoundTripChanges)
			}
			base := filepath.Join("testdata", "golden", tool.Name(), strings.ReplaceAll(name, " ", "-"))
			t.Run(tool.Name()+"/"+name, func(t *testing.T) {
				var csv bytes.Buffer
				require.NoError(t, WriteRows(tool, &csv, rows))
				js, err := json.MarshalIndent(tk, "", "  ")
				require.NoError(t, err)
				js = append(js, '\n')
				if *update {
					require.NoError(t, os.MkdirAll(filepath.Dir(base), 0o755))
					require.NoError(t, os.WriteFile(base+".csv", csv.Bytes(), 0o644))
					require.NoError(t, os.WriteFile(base+".json", js, 0o644))
				}
				wantCSV, err := os.ReadFile(base + ".csv")
				require.NoError(t, err, "go test -update writes it")
				wantJSON, err := os.ReadFile(base + ".json")
				require.NoError(t, err)
				assert.Equal(t, string(wantCSV), csv.String(), "audit rows")
				assert.Equal(t, string(wantJSON), string(js), "ticket")

				read, err := ReadRows(tool, bytes.NewReader(wantCSV), nil)
				require.NoError(t, err)
				got, rep, err := Replay(tool, r.Meta().Kind, read, o, migrator, imported)
				if r.Meta().Kind == process.KindRequestForChange && tool == GLPI() && r.(*process.RequestForChange).Authorised() {
					require.NoError(t, err)
					assert.NotEmpty(t, rep.Unplaced, "GLPI keeps no schedule: the implementation is reported")
					return
				}
				require.NoError(t, err, "%+v", rep)
				assert.Empty(t, rep.Unplaced)
				tk2, rows2, err := Export(tool, got, o)
				require.NoError(t, err)
				var csv2 bytes.Buffer
				require.NoError(t, WriteRows(tool, &csv2, rows2))
				assert.Equal(t, string(wantCSV), csv2.String(), "the replayed record's rows")
				assert.Equal(t, tk, tk2, "the replayed record's ticket")
			})
		}
	}
}
