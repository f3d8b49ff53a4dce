package cmdb

import (
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// listStore is a Store over a list of records, in order, that validates
// nothing: records in any state, built without their lifecycles.
type listStore []process.Record

func (s listStore) Get(id process.ID) (process.Record, error) {
	for _, r := range s {
		if r.Meta().ID == id {
			return r, nil
		}
	}
	return nil, fmt.Errorf("cmdb: record %s: %w", id, process.ErrNotFound)
}

func (s listStore) Records(k process.RecordKind) iter.Seq2[process.Record, error] {
	return func(yield func(process.Record, error) bool) {
		for _, r := range s {
			if r.Meta().Kind == k && !yield(r, nil) {
				return
			}
		}
	}
}

func (s listStore) LinksTo(id process.ID) iter.Seq2[process.Backlink, error] {
	return func(yield func(process.Backlink, error) bool) {
		for _, r := range s {
			for _, l := range r.Meta().Links {
				if l.To == id && !yield(process.Backlink{From: r.Meta().ID, Kind: r.Meta().Kind, Type: l.Type}, nil) {
					return
				}
			}
		}
	}
}

func hdr(kind process.RecordKind, n int, status string) process.Header {
	at := processtest.T0
	return process.Header{ID: cid(n), Kind: kind, Title: fmt.Sprintf("%s %d", kind, n), Status: status, Created: at, Updated: at}
}

func link(h *process.Header, t process.LinkType, to int, k process.RecordKind) {
	h.Links = append(h.Links, process.Link{Type: t, To: cid(to), Kind: k})
}

func TestReadinessFromStore(t *testing.T) {
	rfc1 := &process.RequestForChange{Header: hdr(process.KindRequestForChange, 1, string(process.ChangeScheduled)), AffectedCIs: ints(20, 21)}
	rfc2 := &process.RequestForChange{Header: hdr(process.KindRequestForChange, 2, string(process.ChangeAssessed)), AffectedCIs: ints(21, 22)}
	t1 := &process.ReleaseAcceptanceTest{Header: hdr(process.KindReleaseAcceptanceTest, 3, ""), Results: []process.TestResult{{Criterion: "a", Passed: true}, {Criterion: "b"}}}
	t2 := &process.ReleaseAcceptanceTest{Header: hdr(process.KindReleaseAcceptanceTest, 4, ""), Results: []process.TestResult{{Criterion: "b", Passed: true}}}
	rel := &process.Release{Header: hdr(process.KindRelease, 5, string(process.ReleaseTesting)), Changes: ints(1, 2), Baseline: cid(6),
		AcceptanceCriteria: []process.Criterion{{Code: "a"}, {Code: "b"}}}
	link(&rel.Header, process.LinkTestedBy, 3, process.KindReleaseAcceptanceTest)
	link(&rel.Header, process.LinkTestedBy, 4, process.KindReleaseAcceptanceTest)
	s := listStore{rfc1, rfc2, t1, t2, rel}
	r, err := ReadinessFromStore(s, rel)
	require.NoError(t, err)
	// b failed in the first test and passed in the second: met. The
	// assessed change is not authorised yet.
	assert.Equal(t, []GateFailure{{Gate: GateChangesAuthorised, Record: cid(2), Detail: "not authorised"}}, r.Gates())
	cis, err := ReleaseCIs(s, rel)
	require.NoError(t, err)
	assert.Equal(t, ints(20, 21, 22), cis)
}

func TestScheduleFromStore(t *testing.T) {
	day := processtest.T0
	rfc1 := &process.RequestForChange{Header: hdr(process.KindRequestForChange, 1, string(process.ChangeScheduled)), AffectedCIs: ints(20)}
	rfc2 := &process.RequestForChange{Header: hdr(process.KindRequestForChange, 2, string(process.ChangeScheduled)), AffectedCIs: ints(20)}
	sc := &process.ScheduleOfChange{Header: hdr(process.KindScheduleOfChange, 9, ""),
		Entries: []process.ScheduleEntry{
			{Change: cid(1), Window: process.Window{Start: day.Add(1 * time.Hour), End: day.Add(3 * time.Hour)}},
			{Change: cid(2), Window: process.Window{Start: day.Add(2 * time.Hour), End: day.Add(4 * time.Hour)}},
		},
		Blackouts: []process.Blackout{{Window: process.Window{Start: day.Add(3 * time.Hour), End: day.Add(5 * time.Hour)}, Reason: "freeze"}},
	}
	in, err := ScheduleFromStore(listStore{rfc1, rfc2, sc}, sc)
	require.NoError(t, err)
	got, err := CheckSchedule(in)
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, ConflictSameCI, got[0].Reason)
	assert.Equal(t, ScheduleConflict{Reason: ConflictBlackout, Change: cid(2), Other: cid(9), Detail: "blackout: freeze"}, got[1])
}

func TestKnownErrorsFromStore(t *testing.T) {
	prob := &process.Problem{Header: hdr(process.KindProblem, 1, "")}
	link(&prob.Header, process.LinkService, 50, process.KindService)
	ke := &process.KnownError{Header: hdr(process.KindKnownError, 2, string(process.KnownErrorOpen)), Problem: cid(1), AffectedCIs: ints(20), Symptoms: "queue stuck"}
	old := &process.KnownError{Header: hdr(process.KindKnownError, 3, string(process.KnownErrorRetired)), Problem: cid(1), AffectedCIs: ints(20)}
	kes, err := KnownErrorProfiles(listStore{prob, ke, old})
	require.NoError(t, err)
	assert.Equal(t, []KnownErrorProfile{{KnownError: cid(2), CIs: ints(20), Services: ints(50), Symptoms: "known-error 2 queue stuck"}}, kes)
	inc := &process.Incident{Header: hdr(process.KindIncident, 4, ""), Service: cid(50), Description: "mail queue stuck"}
	got := MatchKnownErrors(SignatureOf(inc), kes, nil, nil)
	require.Len(t, got, 1)
	// service 25 + symptoms 35 × 2/4 rounded (of "known", "error",
	// "queue", "stuck") = 18.
	assert.Equal(t, 43, got[0].Score)
}

func TestSnapshotAndHealthFromStore(t *testing.T) {
	at := processtest.T0
	typ := &process.CIType{Header: hdr(process.KindCIType, 1, ""), Code: "server", RequiredAttributes: []string{"serial"}, Versioned: true}
	a := &process.ConfigurationItem{Header: hdr(process.KindConfigurationItem, 2, string(process.CIActive)), Type: cid(1), Version: "2.0",
		Location: "dc1", Owner: "ops", Attributes: map[string]string{"serial": "X1"},
		Relationships: []process.Relation{{Type: process.RelationDependsOn, To: cid(3)}}}
	b := &process.ConfigurationItem{Header: hdr(process.KindConfigurationItem, 3, string(process.CIActive)), Type: cid(1), Location: "dc1", Owner: "ops"}
	s := listStore{typ, a, b}
	base := &process.ConfigurationBaseline{Header: hdr(process.KindConfigurationBaseline, 4, ""), Release: cid(9), Taken: at,
		Items: []process.BaselineItem{{CI: cid(2), Version: "1.0"}, {CI: cid(3), Version: "unversioned"}, {CI: cid(5), Version: "1"}}}
	then, err := SnapshotOfBaseline(base, nil)
	require.NoError(t, err)
	now, err := SnapshotFromStore(s, process.ID{}, nil, at.Add(time.Hour), nil)
	require.NoError(t, err)
	assert.Equal(t, []Relation{{From: cid(2), To: cid(3), Type: process.RelationDependsOn}}, now.Relations)
	d := then.Diff(now.Only("version"))
	assert.Equal(t, ints(5), d.Removed)
	assert.Equal(t, []CIDiff{
		{CI: cid(2), Fields: []FieldChange{{Field: "version", From: "1.0", To: "2.0"}}},
		{CI: cid(3), Fields: []FieldChange{{Field: "version", From: "unversioned"}}},
	}, d.Changed)

	rep, err := HealthFromStore(s, HealthRules{})
	require.NoError(t, err)
	var fields []string
	for _, f := range rep.Findings {
		fields = append(fields, fmt.Sprintf("%d %s %s", f.CI[15], f.Issue, f.Field))
	}
	assert.Equal(t, []string{"3 incomplete attributes.serial", "3 incomplete version"}, fields)
	audit := rep.Audit(processtest.CfgM, at, "monthly cmdb audit", "all servers")
	require.NoError(t, audit.Validate())
	assert.Equal(t, 2, audit.Checked)
	assert.Equal(t, []process.Deficiency{
		{CI: cid(3), Description: "incomplete: attributes.serial: a server records its attributes.serial"},
		{CI: cid(3), Description: "incomplete: version: a server records its version"},
	}, audit.Deficiencies)
}
