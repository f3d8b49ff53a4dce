package sms

import (
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/smskit/iso20000/interfaces"
	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// notMet lists the findings of the report under the clause prefix that
// are not met, with what their rules missed.
func notMet(rep *Report, prefix string) []string {
	var out []string
	for _, f := range rep.Findings {
		if f.Status == Met || !strings.HasPrefix(f.Requirement.Clause, prefix) {
			continue
		}
		var miss []string
		for _, r := range f.Results {
			if r.Status != Met {
				miss = append(miss, fmt.Sprintf("%s: %s", r.Rule, strings.Join(r.Missing, "; ")))
			}
		}
		out = append(out, fmt.Sprintf("%s %s [%s]", f.Requirement.ID, f.Status, strings.Join(miss, " | ")))
	}
	return out
}

func TestSample4(t *testing.T) {
	s := newSample(t)
	rep, err := Assess(sampleSystem(), s.store, s.options())
	require.NoError(t, err)
	assert.Empty(t, notMet(rep, "4"), "every requirement of Clause 4 is met by the sample")
}

func TestCatalogue(t *testing.T) {
	reqs := Requirements()
	require.NoError(t, validateCatalogue(reqs))
	require.NotEmpty(t, reqs)
	covered := map[process.Process]bool{}
	for _, r := range reqs {
		if r.Process != "" {
			covered[r.Process] = true
		}
	}
	assert.Len(t, covered, 14, "every process has requirements")
	reqs[0].Evidence[0].Name = "tampered"
	assert.NotEqual(t, "tampered", Requirements()[0].Evidence[0].Name, "a copy")
}

// mapStore is a store that checks nothing, for records no checked store
// would accept: blank ones.
type mapStore struct {
	recs []process.Record
}

func (m *mapStore) Get(id process.ID) (process.Record, error) {
	for _, r := range m.recs {
		if r.Meta().ID == id {
			return r, nil
		}
	}
	return nil, process.ErrNotFound
}

func (m *mapStore) Records(k process.RecordKind) iter.Seq2[process.Record, error] {
	return func(yield func(process.Record, error) bool) {
		for _, r := range m.recs {
			if r.Meta().Kind == k && !yield(r, nil) {
				return
			}
		}
	}
}

func (m *mapStore) LinksTo(id process.ID) iter.Seq2[process.Backlink, error] {
	return func(yield func(process.Backlink, error) bool) {
		for _, r := range m.recs {
			for _, l := range r.Meta().Links {
				if l.To == id && !yield(process.Backlink{From: r.Meta().ID, Kind: r.Meta().Kind, Type: l.Type}, nil) {
					return
				}
			}
		}
	}
}

// blank decodes a record of kind k with nothing but its header, created
// at created; ok is false when no record type of the module has kind k.
func blank(t *testing.T, k process.RecordKind, created time.Time) (process.Record, bool) {
	t.Helper()
	b, err := json.Marshal(map[string]any{"id": process.NewID(), "kind": k, "title": "blank " + string(k), "created": created, "updated": created})
	require.NoError(t, err)
	r, err := Decode(b)
	if err != nil {
		return nil, false
	}
	return r, true
}

func TestAssessEmptyStoreMeetsNothing(t *testing.T) {
	rep, err := Assess(System{}, process.NewMemStore(), Options{Period: period})
	require.NoError(t, err)
	assert.Equal(t, len(rep.Findings), rep.Totals[NotMet], "not met: %v", notMet(rep, ""))
	assert.Zero(t, rep.Score)
	assert.Len(t, rep.Findings, len(Requirements()))
}

func TestAssessBlankRecordsMeetNothing(t *testing.T) {
	st := &mapStore{}
	for _, k := range process.Kinds() {
		if r, ok := blank(t, k, period.Start.AddDate(-6, 0, 0)); ok {
			st.recs = append(st.recs, r)
		}
	}
	require.Greater(t, len(st.recs), 60)
	rep, err := Assess(System{}, st, Options{Period: period})
	require.NoError(t, err)
	for _, f := range rep.Findings {
		assert.Equal(t, NotMet, f.Status, "%s: a blank record counted: %+v", f.Requirement.ID, f.Results)
	}
}

// TestAssessStaleSample assesses the complete sample six years on: only
// requirements whose every rule ignores dates may still be met.
func TestAssessStaleSample(t *testing.T) {
	s := newSample(t)
	later := process.Window{Start: period.Start.AddDate(6, 0, 0), End: period.End.AddDate(6, 0, 0)}
	opt := s.options()
	opt.Period = later
	rep, err := Assess(sampleSystem(), s.store, opt)
	require.NoError(t, err)
	byID := map[string]Requirement{}
	for _, r := range Requirements() {
		byID[r.ID] = r
	}
	for _, f := range rep.Findings {
		if f.Status == NotMet {
			continue
		}
		for _, r := range byID[f.Requirement.ID].Evidence {
			dated := r.Recent != AnyTime || r.Due != "" || r.Attest || len(r.Audit) > 0
			assert.False(t, dated && f.Status == Met, "%s is %s six years on, though rule %s is dated", f.Requirement.ID, f.Status, r.Name)
		}
	}
	assert.Less(t, rep.Score, 50.0, "a stale provider scores low")
}

// TestEvidenceKindsHaveRecordTypes checks that every kind a rule names is
// one some record type of the module decodes, so no requirement asks for
// evidence no record can give.
func TestEvidenceKindsHaveRecordTypes(t *testing.T) {
	for _, q := range Requirements() {
		for _, r := range q.Evidence {
			ks := slices.Clone(r.Kinds)
			if r.Each != nil {
				ks = append(ks, r.Each.Kinds...)
			}
			for _, n := range r.Links {
				if n.Kind != "" {
					ks = append(ks, n.Kind)
				}
			}
			for _, k := range ks {
				rec, ok := blank(t, k, t0)
				if assert.True(t, ok, "%s rule %s: no record type of the module has kind %s", q.ID, r.Name, k) {
					assert.Equal(t, k, rec.Meta().Kind)
				}
			}
		}
	}
}

// TestAuditRulesExist checks that every interface-audit rule a
// requirement names is one of the library's.
func TestAuditRulesExist(t *testing.T) {
	known := map[string]bool{}
	for _, r := range interfaces.Rules() {
		known[r.Name] = true
	}
	for _, q := range Requirements() {
		for _, r := range q.Evidence {
			for _, name := range r.Audit {
				assert.True(t, known[name], "%s rule %s: no interface rule %q", q.ID, r.Name, name)
			}
		}
	}
}

// TestClauses2018 checks each requirement's 2018 clauses against the
// mapping of the interface graph: at least one lies in a clause the graph
// maps the requirement's 2011 clause to (the others name the 2018 clauses
// of the processes and SMS parts the requirement also touches), and every
// one is a clause of the 2018 structure (4 to 10).
func TestClauses2018(t *testing.T) {
	g := interfaces.Standard()
	for _, q := range Requirements() {
		mapped := g.Clauses2018(q.Clause)
		require.NotEmpty(t, mapped, "%s: the graph maps 2011 clause %s to nothing", q.ID, q.Clause)
		primary := slices.ContainsFunc(q.Clauses2018, func(c string) bool {
			return slices.ContainsFunc(mapped, func(m string) bool { return inClause(c, m) || inClause(m, c) })
		})
		assert.True(t, primary, "%s: none of its 2018 clauses %v lies in what 2011 %s maps to (%v)", q.ID, q.Clauses2018, q.Clause, mapped)
		for _, c := range q.Clauses2018 {
			top, _, _ := strings.Cut(c, ".")
			n, err := strconv.Atoi(top)
			assert.True(t, err == nil && n >= 4 && n <= 10, "%s: %q is not a clause of the 2018 edition", q.ID, c)
		}
	}
}
