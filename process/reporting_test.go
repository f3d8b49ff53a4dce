package process

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReportDefinitionValidate(t *testing.T) {
	runValidate57(t, validReportDefinition, []vcase57[*ReportDefinition]{
		{"reference", ErrRequired, func(d *ReportDefinition) { d.Reference = "" }},
		{"purpose", ErrRequired, func(d *ReportDefinition) { d.Purpose = "" }},
		{"audience", ErrRequired, func(d *ReportDefinition) { d.Audience = nil }},
		{"audience[0]", ErrRequired, func(d *ReportDefinition) { d.Audience[0] = "" }},
		{"frequency", ErrRequired, func(d *ReportDefinition) { d.Frequency = "" }},
		{"frequency", ErrInvalidValue, func(d *ReportDefinition) { d.Frequency = "hourly" }},
		{"sources", ErrRequired, func(d *ReportDefinition) { d.Sources = nil }},
		{"sources[1]", ErrRequired, func(d *ReportDefinition) { d.Sources[1] = "" }},
	})
}

func TestServiceReportValidate(t *testing.T) {
	runValidate57(t, validServiceReport, []vcase57[*ServiceReport]{
		{"definition", ErrRequired, func(r *ServiceReport) { r.Definition = ID{} }},
		{"periodStart", ErrRequired, func(r *ServiceReport) { r.PeriodStart = zeroTime57 }},
		{"periodEnd", ErrRequired, func(r *ServiceReport) { r.PeriodEnd = zeroTime57 }},
		{"periodEnd", ErrInvalidValue, func(r *ServiceReport) { r.PeriodEnd = r.PeriodStart.Add(-1) }},
		{"issued", ErrRequired, func(r *ServiceReport) { r.Issued = zeroTime57 }},
		{"issued", ErrInvalidValue, func(r *ServiceReport) { r.Issued = r.PeriodEnd.Add(-1) }},
		{"sections", ErrRequired, func(r *ServiceReport) { r.Sections = nil }},
		{"sections", ErrRequired, func(r *ServiceReport) { r.Sections = r.Sections[:1] }},
		{"sections[0].topic", ErrRequired, func(r *ServiceReport) { r.Sections[0].Topic = "" }},
		{"sections[0].topic", ErrInvalidValue, func(r *ServiceReport) { r.Sections[0].Topic = "gossip" }},
		{"sections[1].summary", ErrRequired, func(r *ServiceReport) { r.Sections[1].Summary = "" }},
		{"decisions[0].decision", ErrRequired, func(r *ServiceReport) { r.Decisions[0].Decision = "" }},
		{"decisions[0].by", ErrRequired, func(r *ServiceReport) { r.Decisions[0].By = "" }},
		{"decisions[0].at", ErrRequired, func(r *ServiceReport) { r.Decisions[0].At = zeroTime57 }},
		{"decisions[0].at", ErrInvalidValue, func(r *ServiceReport) { r.Decisions[0].At = r.Issued.Add(-1) }},
		{"decisions[0].actions[0].action", ErrRequired, func(r *ServiceReport) { r.Decisions[0].Actions[0].Action = "" }},
		{"decisions[0].actions[0].owner", ErrRequired, func(r *ServiceReport) { r.Decisions[0].Actions[0].Owner = "" }},
		{"decisions[0].communicatedTo", ErrRequired, func(r *ServiceReport) { r.Decisions[0].CommunicatedTo = nil }},
	})
}

func TestServiceReportDecide(t *testing.T) {
	board := actor57("board")
	d := ReportDecision{Decision: "review SLA", Actions: []ReportAction{{Action: "draft RFC", Owner: "SLM"}}, CommunicatedTo: []string{"customer"}}
	t.Run("recorded", func(t *testing.T) {
		r := validServiceReport()
		require.NoError(t, r.Decide(board, at57(24*33), d))
		got := r.Decisions[len(r.Decisions)-1]
		assert.Equal(t, "board", got.By)
		assert.Equal(t, at57(24*33), got.At)
		assert.Equal(t, "review SLA", r.History[len(r.History)-1].Note)
		require.NoError(t, r.Validate())
	})
	t.Run("incomplete decision", func(t *testing.T) {
		bad := d
		bad.CommunicatedTo = nil
		r := validServiceReport()
		refuse57(t, r, ErrRequired, func(r *ServiceReport) error { return r.Decide(board, at57(24*33), bad) })
		var ve *ValidationError
		err := r.Decide(board, at57(24*33), bad)
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("decisions[1].communicatedTo", ErrRequired), "got %v", err)
	})
	t.Run("before the report was issued", func(t *testing.T) {
		refuse57(t, validServiceReport(), ErrInvalidValue, func(r *ServiceReport) error { return r.Decide(board, r.Issued.Add(-time.Hour), d) })
	})
	t.Run("no actor", func(t *testing.T) {
		refuse57(t, validServiceReport(), ErrRequired, func(r *ServiceReport) error { return r.Decide(Actor{}, at57(1), d) })
	})
	t.Run("time before history", func(t *testing.T) {
		r := validServiceReport()
		require.NoError(t, r.Note(board, at57(24*33), "read at the board"))
		refuse57(t, r, ErrInvalidValue, func(r *ServiceReport) error { return r.Decide(board, at57(24*32), d) })
	})
}
