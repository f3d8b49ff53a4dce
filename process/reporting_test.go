package process

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReportDefinitionValidate(t *testing.T) {
	testValidate(t, newReportDefinition, append(headerCases[*ReportDefinition](), []vcase[*ReportDefinition]{
		{"no reference", func(d *ReportDefinition) { d.Reference = "" }, "reference", ErrRequired},
		{"no purpose", func(d *ReportDefinition) { d.Purpose = "" }, "purpose", ErrRequired},
		{"no audience", func(d *ReportDefinition) { d.Audience = nil }, "audience", ErrRequired},
		{"no audience[0]", func(d *ReportDefinition) { d.Audience[0] = "" }, "audience[0]", ErrRequired},
		{"no frequency", func(d *ReportDefinition) { d.Frequency = "" }, "frequency", ErrRequired},
		{"bad frequency", func(d *ReportDefinition) { d.Frequency = "hourly" }, "frequency", ErrInvalidValue},
		{"no sources", func(d *ReportDefinition) { d.Sources = nil }, "sources", ErrRequired},
		{"no sources[1]", func(d *ReportDefinition) { d.Sources[1] = "" }, "sources[1]", ErrRequired},
	}...))
}

func TestServiceReportValidate(t *testing.T) {
	testValidate(t, newServiceReport, append(headerCases[*ServiceReport](), []vcase[*ServiceReport]{
		{"no definition", func(r *ServiceReport) { r.Definition = ID{} }, "definition", ErrRequired},
		{"no periodStart", func(r *ServiceReport) { r.PeriodStart = time.Time{} }, "periodStart", ErrRequired},
		{"no periodEnd", func(r *ServiceReport) { r.PeriodEnd = time.Time{} }, "periodEnd", ErrRequired},
		{"bad periodEnd", func(r *ServiceReport) { r.PeriodEnd = r.PeriodStart.Add(-1) }, "periodEnd", ErrInvalidValue},
		{"no issued", func(r *ServiceReport) { r.Issued = time.Time{} }, "issued", ErrRequired},
		{"bad issued", func(r *ServiceReport) { r.Issued = r.PeriodEnd.Add(-1) }, "issued", ErrInvalidValue},
		{"no sections", func(r *ServiceReport) { r.Sections = nil }, "sections", ErrRequired},
		{"no sections", func(r *ServiceReport) { r.Sections = r.Sections[:1] }, "sections", ErrRequired},
		{"no sections[0].topic", func(r *ServiceReport) { r.Sections[0].Topic = "" }, "sections[0].topic", ErrRequired},
		{"bad sections[0].topic", func(r *ServiceReport) { r.Sections[0].Topic = "gossip" }, "sections[0].topic", ErrInvalidValue},
		{"no sections[1].summary", func(r *ServiceReport) { r.Sections[1].Summary = "" }, "sections[1].summary", ErrRequired},
		{"no decisions[0].decision", func(r *ServiceReport) { r.Decisions[0].Decision = "" }, "decisions[0].decision", ErrRequired},
		{"no decisions[0].by", func(r *ServiceReport) { r.Decisions[0].By = "" }, "decisions[0].by", ErrRequired},
		{"no decisions[0].at", func(r *ServiceReport) { r.Decisions[0].At = time.Time{} }, "decisions[0].at", ErrRequired},
		{"bad decisions[0].at", func(r *ServiceReport) { r.Decisions[0].At = r.Issued.Add(-1) }, "decisions[0].at", ErrInvalidValue},
		{"no decisions[0].actions[0].action", func(r *ServiceReport) { r.Decisions[0].Actions[0].Action = "" }, "decisions[0].actions[0].action", ErrRequired},
		{"no decisions[0].actions[0].owner", func(r *ServiceReport) { r.Decisions[0].Actions[0].Owner = "" }, "decisions[0].actions[0].owner", ErrRequired},
		{"no decisions[0].communicatedTo", func(r *ServiceReport) { r.Decisions[0].CommunicatedTo = nil }, "decisions[0].communicatedTo", ErrRequired},
	}...))
}

func TestServiceReportDecide(t *testing.T) {
	d := ReportDecision{Decision: "review SLA", Actions: []ReportAction{{Action: "draft RFC", Owner: "SLM"}}, CommunicatedTo: []string{"customer"}}
	t.Run("recorded", func(t *testing.T) {
		r := newServiceReport(t)
		require.NoError(t, r.Decide(nobody, atHour(24*33), d))
		got := r.Decisions[len(r.Decisions)-1]
		assert.Equal(t, nobody.ID, got.By)
		assert.Equal(t, atHour(24*33), got.At)
		assert.Equal(t, "review SLA", r.History[len(r.History)-1].Note)
		require.NoError(t, r.Validate())
	})
	t.Run("incomplete decision", func(t *testing.T) {
		bad := d
		bad.CommunicatedTo = nil
		r := newServiceReport(t)
		refused(t, r, ErrRequired, func() error { return r.Decide(nobody, atHour(24*33), bad) })
		var ve *ValidationError
		err := r.Decide(nobody, atHour(24*33), bad)
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("decisions[1].communicatedTo", ErrRequired), "got %v", err)
	})
	t.Run("before the report was issued", func(t *testing.T) {
		r := newServiceReport(t)
		refused(t, r, ErrInvalidValue, func() error { return r.Decide(nobody, r.Issued.Add(-time.Hour), d) })
	})
	t.Run("no actor", func(t *testing.T) {
		r := newServiceReport(t)
		refused(t, r, ErrRequired, func() error { return r.Decide(Actor{}, atHour(1), d) })
	})
	t.Run("time before history", func(t *testing.T) {
		r := newServiceReport(t)
		require.NoError(t, r.Note(nobody, atHour(24*33), "read at the board"))
		refused(t, r, ErrInvalidValue, func() error { return r.Decide(nobody, atHour(24*32), d) })
	})
}
