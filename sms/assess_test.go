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
	pt "github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unmet returns the IDs of the requirements keep selects that the report
// does not find met, and for each rule not met, what it missed.
func unmet(rep *Report, keep func(Requirement) bool) (ids []string, why []string) {
	for _, f := range rep.Findings {
		if !keep(f.Requirement) || f.Status == Met {
			continue
		}
		ids = append(ids, f.Requirement.ID)
		for _, r := range f.Results {
			if r.Status != Met {
				why = append(why, fmt.Sprintf("%s %s: %s", f.Requirement.ID, r.Rule, strings.Join(r.Missing, "; ")))
			}
		}
	}
	return ids, why
}

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
			// An audit part with kinds of its own adds nothing when no
			// record was active in the period; audit-only rules need such
			// records.
			dated := r.Recent != AnyTime || r.Due != "" || r.Attest || len(r.Audit) > 0 && len(r.Kinds) == 0
			assert.False(t, dated && f.Status == Met, "%s is %s six years on, though rule %s is dated", f.Requirement.ID, f.Status, r.Name)
		}
	}
	fresh, err := Assess(sampleSystem(), s.store, s.options())
	require.NoError(t, err)
	assert.Less(t, rep.Score, fresh.Score*0.75, "a stale provider scores well below a current one")
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

// lost returns the IDs of requirements under clause prefix met in base
// and not in rep.
func lost(base, rep *Report, prefix string) []string {
	was := map[string]bool{}
	for _, f := range base.Findings {
		was[f.Requirement.ID] = f.Status == Met
	}
	var out []string
	for _, f := range rep.Findings {
		if strings.HasPrefix(f.Requirement.Clause, prefix) && was[f.Requirement.ID] && f.Status != Met {
			out = append(out, f.Requirement.ID)
		}
	}
	return out
}

// TestSample4Gaps plants one gap at a time in the sample and checks that
// exactly the requirements of Clause 4 that rest on it are no longer met.
func TestSample4Gaps(t *testing.T) {
	base := newSample(t)
	baseRep, err := Assess(sampleSystem(), base.store, base.options())
	require.NoError(t, err)
	tests := []struct {
		name  string
		plant func(*sample)
		sys   func(*System)
		opt   func(*Options)
		after func(*sample)
		want  []string
	}{
		{name: "no management review", plant: func(s *sample) { s.skip["review"] = true },
			want: []string{"4.1.1/g", "4.1.4/e", "4.5.4.3/a", "4.5.4.3/b", "4.5.4.3/c", "4.5.4.3/d", "4.5.5.2/h"}},
		{name: "review overdue for the next", plant: func(s *sample) {
			s.tweak["review"] = func(r process.Record) { r.(*ManagementReview).NextDue = at(60) }
		}, want: []string{"4.1.1/g", "4.1.4/e", "4.5.4.3/a", "4.5.4.3/b", "4.5.4.3/c", "4.5.4.3/d", "4.5.5.2/h"}},
		{name: "audit only planned", plant: func(s *sample) { s.skip["audit-held"] = true },
			want: []string{"4.5.4.2/a", "4.5.4.2/b", "4.5.4.2/c", "4.5.4.2/d"}},
		{name: "policy withdrawn", after: func(s *sample) {
			p := s.get("policy").(*Policy)
			require.NoError(t, p.Move(pt.Top, at(50), Withdrawn, "replaced"))
			require.NoError(t, s.store.Put(p))
		}, want: []string{"4.1.1/a", "4.1.2/a", "4.1.2/b", "4.1.2/c", "4.1.2/d", "4.1.2/f", "4.3.1/a", "4.5.5.1/a"}},
		{name: "a role holder without competence", plant: func(s *sample) { s.skip["competence-"+pt.IM.ID] = true },
			want: []string{"4.4.2/a", "4.5.3/b"}},
		{name: "plan and graph drift", plant: func(s *sample) {
			s.tweak["plan"] = func(r process.Record) { p := r.(*Plan); p.Interfaces = p.Interfaces[1:] }
		}, want: []string{"4.5.2/i", "4.5.3/e"}},
		{name: "attestation expired", opt: func(o *Options) {
			o.Attestations = slices.Clone(o.Attestations)
			o.Attestations[0].Expires = period.End.AddDate(0, 0, -1)
		}, want: []string{"4.1.1/b"}},
		{name: "no retention for one kind", sys: func(sys *System) { sys.Retention = sys.Retention[1:] },
			want: []string{"4.3.1/g", "4.3.3/a", "4.5.4.3/d"}},
		{name: "a process operated by others, ungoverned", sys: func(sys *System) {
			sys.OperatedByOthers = []process.Process{process.CapacityManagement, process.SupplierManagement}
		}, want: []string{"4.2/a", "4.2/b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base
			if tt.plant != nil {
				s = newVariant(t, tt.plant)
			} else if tt.after != nil {
				s = newSample(t)
			}
			if tt.after != nil {
				tt.after(s)
			}
			sys, opt := sampleSystem(), s.options()
			if tt.sys != nil {
				tt.sys(&sys)
			}
			if tt.opt != nil {
				tt.opt(&opt)
			}
			rep, err := Assess(sys, s.store, opt)
			require.NoError(t, err)
			assert.Equal(t, tt.want, lost(baseRep, rep, "4"))
		})
	}
}

// TestClosureWithoutEffectiveActions imports a nonconformity closed while
// its corrective action missed its target, into a store that checks
// nothing: the assessment still finds it.
func TestClosureWithoutEffectiveActions(t *testing.T) {
	s := newSample(t)
	st := &mapStore{}
	for _, k := range process.Kinds() {
		for r, err := range s.store.Records(k) {
			require.NoError(t, err)
			if c, ok := r.(*CorrectiveAction); ok {
				c.Targets[0].Met = false
			}
			st.recs = append(st.recs, r)
		}
	}
	rep, err := Assess(sampleSystem(), st, s.options())
	require.NoError(t, err)
	for _, f := range rep.Findings {
		if f.Requirement.ID == "4.5.5.1/c" {
			assert.Equal(t, PartlyMet, f.Status)
			assert.Contains(t, strings.Join(f.Results[1].Missing, " "), "did not meet its targets")
		}
	}
	nc := s.get("nonconformity").(*Nonconformity)
	assert.ErrorIs(t, s.store.Put(s.get("corrective")), nil, "the action itself may be stored")
	assert.Error(t, nc.CrossCheck(st), "and the store refuses the closure")
}

// TestMostProcessesOperatedByOthers checks the warning of the 2012
// guidance when others operate most processes.
func TestMostProcessesOperatedByOthers(t *testing.T) {
	s := newSample(t)
	sys := sampleSystem()
	sys.OperatedByOthers = process.All()[:8]
	rep, err := Assess(sys, s.store, s.options())
	require.NoError(t, err)
	require.Len(t, rep.Warnings, 1)
	assert.Contains(t, rep.Warnings[0], "8 of the 14 processes")
}

// TestSampleMeetsEverything checks the complete sample provider against
// the whole catalogue: every requirement met, a score of 100.
func TestSampleMeetsEverything(t *testing.T) {
	s := newSample(t)
	rep, err := Assess(sampleSystem(), s.store, s.options())
	require.NoError(t, err)
	require.Empty(t, notMet(rep, ""))
	assert.Equal(t, 100.0, rep.Score)
	assert.Empty(t, rep.Warnings)
}
