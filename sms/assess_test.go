package sms

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// evidence is a bare record of any kind, enough to stand as evidence.
type evidence struct{ process.Header }

func (e *evidence) Validate() error { return nil }

func storeWith(t *testing.T, ks ...process.RecordKind) *process.MemStore {
	t.Helper()
	s := process.NewMemStore()
	for _, k := range ks {
		require.NoError(t, s.Put(&evidence{process.NewHeader(k, string(k), clerk, t0)}))
	}
	return s
}

func TestRequirementsCatalogue(t *testing.T) {
	reqs := Requirements()
	require.NotEmpty(t, reqs)
	ids := map[string]bool{}
	covered := map[process.Process]bool{}
	for _, r := range reqs {
		assert.False(t, ids[r.ID], "duplicate %s", r.ID)
		ids[r.ID] = true
		assert.NotEmpty(t, r.Summary, r.ID)
		if r.Process != "" {
			assert.True(t, r.Process.Valid(), r.ID)
			assert.True(t, strings.HasPrefix(r.Clause, r.Process.Clause()), "%s: clause %s of %s", r.ID, r.Clause, r.Process)
			covered[r.Process] = true
		} else {
			assert.True(t, strings.HasPrefix(r.Clause, "4"), r.ID)
		}
		for _, k := range r.Evidence {
			assert.True(t, k.Valid(), "%s: %s", r.ID, k)
		}
	}
	assert.Len(t, covered, 14, "every process has requirements")
	reqs[0].Evidence[0] = "tampered"
	assert.NotEqual(t, process.RecordKind("tampered"), Requirements()[0].Evidence[0], "a copy")
}

func find(r *Report, id string) Finding {
	for _, f := range r.Findings {
		if f.Requirement.ID == id {
			return f
		}
	}
	return Finding{}
}

func TestAssess(t *testing.T) {
	s := storeWith(t, process.KindIncident, process.KindIncident, process.KindMajorIncidentReview, process.KindProblem,
		process.KindContinuityPlan)
	rep, err := Assess(System{Name: "acme", Excluded: map[process.Process]string{process.CapacityManagement: "outsourced hosting out of scope"}}, s)
	require.NoError(t, err)
	require.Len(t, rep.Findings, len(Requirements()))

	f := find(rep, "8.1/a")
	assert.Equal(t, PartlyMet, f.Status)
	assert.Equal(t, []Evidence{{process.KindIncident, 2}}, f.Found)
	assert.Equal(t, []process.RecordKind{process.KindServiceRequest}, f.Missing)
	assert.Equal(t, Met, find(rep, "8.1/b").Status)
	assert.Equal(t, NotMet, find(rep, "9.2/a").Status)
	assert.Equal(t, PartlyMet, find(rep, "6.3/b").Status)
	assert.Equal(t, NotApplicable, find(rep, "6.5/b").Status)
	assert.Equal(t, "outsourced hosting out of scope", find(rep, "6.5/b").Note)
	assert.Equal(t, Met, find(rep, "4.3/c").Status, "some records are kept")
	assert.Equal(t, Met, find(rep, "4.2/a").Status, "nothing operated by others")

	total := 0
	for _, n := range rep.Totals {
		total += n
	}
	assert.Equal(t, len(rep.Findings), total)

	var text bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "8.1/a    partly-met")
	assert.Contains(t, text.String(), "missing: service-request")
	data, err := rep.JSON()
	require.NoError(t, err)
	var back Report
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, rep.Totals, back.Totals)
}

func TestAssessEmptyStore(t *testing.T) {
	rep, err := Assess(System{}, process.NewMemStore())
	require.NoError(t, err)
	assert.Equal(t, NotMet, find(rep, "4.3/c").Status)
	assert.Zero(t, rep.Totals[Met]-1, "only governance is met with nothing operated by others")
}

func TestAssessGovernance(t *testing.T) {
	many := []process.Process{process.ServiceLevelManagement, process.ServiceReporting, process.CapacityManagement, process.SupplierManagement,
		process.IncidentRequestManagement, process.ProblemManagement, process.ConfigurationManagement, process.ChangeManagement}
	rep, err := Assess(System{OperatedByOthers: many}, storeWith(t, process.KindOtherParty))
	require.NoError(t, err)
	f := find(rep, "4.2/a")
	assert.Equal(t, PartlyMet, f.Status)
	assert.Contains(t, f.Note, "8 of the 14")

	rep, err = Assess(System{OperatedByOthers: many[:2]}, storeWith(t, process.KindOtherParty))
	require.NoError(t, err)
	assert.Equal(t, Met, find(rep, "4.2/a").Status)

	rep, err = Assess(System{OperatedByOthers: many[:2]}, process.NewMemStore())
	require.NoError(t, err)
	assert.Equal(t, NotMet, find(rep, "4.2/a").Status, "no other-party records")
}

func TestAssessRefusesInvalidSystem(t *testing.T) {
	_, err := Assess(System{
		Excluded:         map[process.Process]string{"nope": "x", process.ChangeManagement: ""},
		OperatedByOthers: []process.Process{"ghost"},
	}, process.NewMemStore())
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("excluded.nope", process.ErrInvalidValue))
	assert.True(t, ve.Has("excluded.change", process.ErrRequired))
	assert.True(t, ve.Has("operatedByOthers[0]", process.ErrInvalidValue))
}
