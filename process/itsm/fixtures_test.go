package itsm

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readFixture reads the audit rows of a fixture written in tool t's shape.
func readFixture(t *testing.T, tool *Tool, name string) []Row {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	require.NoError(t, err)
	defer f.Close()
	rows, err := ReadRows(tool, f, nil)
	require.NoError(t, err)
	return rows
}

// hostLookup is a host's mapping of the values its tools' installations
// define: groups and pending reasons it knows, categories and resolution
// codes as they are.
func hostLookup(field, v string) (string, bool) {
	switch field {
	case "assigneeGroup":
		g, ok := map[string]string{"Support L1 (3)": "support-l1", "Network team (7)": "network"}[v]
		return g, ok
	case "pendingReason":
		r, ok := map[string]process.PendingReason{
			"Waiting for spare part (2)": process.PendingSupplier,
			"Waiting for the user":       process.PendingCustomer,
			"Waiting for the vendor":     process.PendingSupplier,
		}[v]
		return string(r), ok
	case "category", "resolutionCode":
		return v, true
	}
	return "", false
}

// moves returns the lifecycle moves of a history, as "from→to (note)".
func moves(h *process.Header) []string {
	var out []string
	for _, e := range h.History {
		if e.Action == process.ActionMoved {
			s := e.From + "→" + e.To
			if e.Note != "" {
				s += " (" + e.Note + ")"
			}
			out = append(out, s)
		}
	}
	return out
}

// placedOrReported checks that every row is placed or reported, once.
func placedOrReported(t *testing.T, rep *Report) {
	t.Helper()
	assert.Equal(t, rep.Rows, rep.Placed+len(rep.Unplaced), "every row placed or reported")
	seen := map[int]bool{}
	for _, f := range rep.Unplaced {
		assert.False(t, seen[f.Row], "row %d reported twice", f.Row)
		seen[f.Row] = true
	}
}

func TestFixtureServiceNowIncident(t *testing.T) {
	rows := readFixture(t, ServiceNow(), "servicenow-incident-sys_audit.json")
	ci := RefID(ServiceNow(), process.KindConfigurationItem, "b4fd7c8437201000deeabfc8bcbe5dc1")
	svc := process.MustParseID("0190a3c1-0000-7000-8000-0000000000aa")
	o := &Options{Source: "servicenow:prod", Lookup: hostLookup, ServiceOf: cmdbOf(map[process.ID][]process.ID{ci: {svc}})}
	rec, rep, err := Replay(ServiceNow(), process.KindIncident, rows, o, migrator, imported)
	require.NoError(t, err, "%+v", rep)
	i := rec.(*process.Incident)
	require.NoError(t, i.Validate())
	placedOrReported(t, rep)

	assert.Equal(t, process.IncidentClosed, i.State())
	assert.Equal(t, "Switch on floor 3 drops packets", i.Title)
	assert.Equal(t, "abel.tuter", i.Reporter)
	assert.Equal(t, process.LevelMedium, i.Impact)
	assert.Equal(t, process.LevelMedium, i.Urgency, "a label decodes as its code")
	assert.Equal(t, process.Priority(3), i.Priority)
	assert.Equal(t, "hardware", i.Category, "edited after resolution")
	assert.Equal(t, process.Unrecorded, i.AssigneeGroup, "an unknown group is kept as unrecorded")
	assert.Equal(t, "beth.anglin", i.Assignee)
	assert.Equal(t, "Vendor replaced the switch", i.Resolution)
	assert.Equal(t, "Solved (Permanently)", i.ResolutionCode)
	assert.Equal(t, []process.ID{ci}, i.AffectedCIs)
	assert.Equal(t, svc, i.Service, "derived from the CI")
	assert.Equal(t, []string{
		"new→assigned ((unrecorded))",
		"assigned→in-progress",
		"in-progress→pending (waiting-for-customer)",
		"pending→pending (waiting-for-supplier)",
		"pending→in-progress",
		"in-progress→resolved",
		"resolved→in-progress (reopened in servicenow)",
		"in-progress→resolved",
		"resolved→closed",
	}, moves(&i.Header))
	for _, e := range i.History {
		if e.Action == process.ActionChanged && e.Field == "category" && e.To == "hardware" {
			assert.Equal(t, "beth.anglin", e.Actor)
			assert.Equal(t, "edited after resolved in servicenow", e.Note)
		}
		if e.Action == process.ActionLinked && e.Field == string(process.LinkService) {
			assert.Equal(t, migrator.ID, e.Actor, "the derivation is the importer's")
			assert.Contains(t, e.Note, "CMDB")
		}
		assert.Equal(t, "servicenow:prod", e.Source)
	}
	require.Len(t, rep.Unrecorded, 1)
	assert.Equal(t, "assignment_group", rep.Unrecorded[0].Field)
	require.Len(t, rep.Unplaced, 2)
	assert.Equal(t, "u_floor_warden", rep.Unplaced[0].Field)
	assert.ErrorIs(t, rep.Unplaced[0], ErrUnmapped)
	assert.Equal(t, "9", rep.Unplaced[1].Value)
	assert.ErrorIs(t, rep.Unplaced[1], ErrUnmapped)
	assert.Len(t, rep.Notes, 1)

	// Without the host's CMDB the service is not invented: the import is
	// refused, saying so.
	_, _, err = Replay(ServiceNow(), process.KindIncident, rows, &Options{Lookup: hostLookup}, migrator, imported)
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("service", process.ErrRequired), "%v", err)
}

func TestFixtureGLPITicket(t *testing.T) {
	rows := readFixture(t, GLPI(), "glpi-ticket-logs.csv")
	ci := RefID(GLPI(), process.KindConfigurationItem, "PRN-2F-01 (42)")
	svc := process.MustParseID("0190a3c1-0000-7000-8000-0000000000bb")
	o := &Options{Lookup: hostLookup, ServiceOf: cmdbOf(map[process.ID][]process.ID{ci: {svc}})}
	rec, rep, err := Replay(GLPI(), process.KindIncident, rows, o, migrator, imported)
	require.NoError(t, err, "%+v", rep)
	i := rec.(*process.Incident)
	placedOrReported(t, rep)
	assert.Empty(t, rep.Unplaced)
	assert.Equal(t, process.IncidentClosed, i.State())
	assert.Equal(t, process.Priority(5), i.Priority, "GLPI's Low is the fifth of six")
	assert.Equal(t, process.LevelLow, i.Impact)
	assert.Equal(t, "Hardware > Printer (12)", i.Category)
	assert.Equal(t, "support-l1", i.AssigneeGroup)
	assert.Equal(t, "anna (7)", i.Assignee)
	assert.Equal(t, "Fuser unit replaced", i.Resolution)
	assert.Equal(t, svc, i.Service)
	assert.Equal(t, []string{
		"new→assigned (support-l1)",
		"assigned→in-progress",
		"in-progress→pending (waiting-for-supplier)",
		"pending→in-progress",
		"in-progress→resolved",
		"resolved→closed",
	}, moves(&i.Header))

	// A pending reason the host does not know is kept as unrecorded.
	rec, rep, err = Replay(GLPI(), process.KindIncident, rows, &Options{ServiceOf: o.ServiceOf}, migrator, imported)
	require.NoError(t, err, "%+v", rep)
	require.NotEmpty(t, rep.Unrecorded)
	assert.Contains(t, moves(rec.Meta()), "in-progress→pending ((unrecorded))")
}

func TestFixtureITopIncident(t *testing.T) {
	rows := readFixture(t, ITop(), "itop-incident-changeops.csv")
	rec, rep, err := Replay(ITop(), process.KindIncident, rows, &Options{Lookup: hostLookup}, migrator, imported)
	require.NoError(t, err, "%+v", rep)
	i := rec.(*process.Incident)
	placedOrReported(t, rep)
	assert.Empty(t, rep.Unplaced)
	assert.Equal(t, process.IncidentClosed, i.State())
	assert.Equal(t, "network", i.AssigneeGroup)
	assert.Equal(t, "Vincent van Gogh", i.Assignee)
	assert.Equal(t, process.LevelHigh, i.Impact, "a department")
	assert.Equal(t, process.Priority(1), i.Priority)
	assert.Equal(t, RefID(ITop(), process.KindService, "Remote access (4)"), i.Service)
	assert.Equal(t, "software patch", i.ResolutionCode)
	assert.Equal(t, []string{
		"new→assigned (network)",
		"assigned→pending (waiting-for-customer)",
		"pending→pending (waiting-for-supplier)",
		"pending→in-progress",
		"in-progress→resolved",
		"resolved→closed",
	}, moves(&i.Header))
}

func TestReplayRefusals(t *testing.T) {
	base := func() []Row {
		return []Row{
			{Ticket: "INC1", Field: "short_description", New: "x", At: at(0), User: "u-dana"},
			{Ticket: "INC1", Field: "description", New: "d", At: at(0), User: "u-dana"},
			{Ticket: "INC1", Field: "category", New: "c", At: at(0), User: "u-dana"},
			{Ticket: "INC1", Field: "impact", New: "3", At: at(0), User: "u-dana"},
			{Ticket: "INC1", Field: "urgency", New: "3", At: at(0), User: "u-dana"},
			{Ticket: "INC1", Field: "priority", New: "5", At: at(0), User: "u-dana"},
			{Ticket: "INC1", Field: "business_service", New: svcMail.String(), At: at(0), User: "u-dana"},
		}
	}
	cases := []struct {
		name string
		rows []Row
		want error
	}{
		{"in progress with nobody assigned", []Row{{Field: "state", Old: "1", New: "2"}}, process.ErrPrecondition},
		{"an unknown state", []Row{{Field: "state", Old: "1", New: "5"}}, ErrUnmapped},
		{"an unknown priority", []Row{{Field: "priority", Old: "5", New: "0"}}, ErrUnmapped},
		{"the unrecorded marker spelt", []Row{{Field: "category", Old: "c", New: process.Unrecorded}}, process.ErrInvalidValue},
		{"a bad user", []Row{{Field: "category", Old: "c", New: "d", User: " u-x"}}, process.ErrInvalidValue},
		{"a row out of order", []Row{{Field: "category", Old: "c", New: "d", At: t0.Add(-1)}}, process.ErrInvalidValue},
		{"a row of another ticket", []Row{{Ticket: "INC2", Field: "category", Old: "c", New: "d"}}, process.ErrInvalidValue},
		{"a CI taken off", []Row{{Field: "cmdb_ci", New: ciMail.String()}, {Field: "cmdb_ci", Old: ciMail.String(), New: ""}}, process.ErrPrecondition},
		{"a hold reason while not pending", []Row{{Field: "hold_reason", New: "1"}}, process.ErrPrecondition},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows := base()
			for k, r := range c.rows {
				if r.Ticket == "" {
					r.Ticket = "INC1"
				}
				if r.At.IsZero() {
					r.At = at(10 + k)
				}
				if r.User == "" {
					r.User = "u-ines"
				}
				rows = append(rows, r)
			}
			rec, rep, err := Replay(ServiceNow(), process.KindIncident, rows, nil, migrator, imported)
			require.NoError(t, err)
			require.NoError(t, rec.Validate())
			placedOrReported(t, rep)
			require.NotEmpty(t, rep.Unplaced, "the row is reported")
			last := rep.Unplaced[len(rep.Unplaced)-1]
			assert.Equal(t, len(rows)-1, last.Row)
			assert.ErrorIs(t, last, c.want, "%v", last)
			assert.True(t, strings.Contains(last.Error(), "row "), "%v", last)
		})
	}
	t.Run("no rows", func(t *testing.T) {
		_, _, err := Replay(ServiceNow(), process.KindIncident, nil, nil, migrator, imported)
		assert.ErrorIs(t, err, process.ErrRequired)
	})
	t.Run("no tool, no record", func(t *testing.T) {
		_, _, err := Replay(nil, process.KindIncident, base(), nil, migrator, imported)
		assert.ErrorIs(t, err, process.ErrRequired)
		_, _, err = Export(ServiceNow(), (*process.Incident)(nil), nil)
		assert.ErrorIs(t, err, process.ErrRequired)
		_, _, err = Export(ServiceNow(), nil, nil)
		assert.ErrorIs(t, err, process.ErrRequired)
	})
	t.Run("a kind the tool does not map", func(t *testing.T) {
		_, _, err := Replay(ServiceNow(), process.KindSLA, base(), nil, migrator, imported)
		assert.True(t, errors.Is(err, ErrUnmapped))
	})
}

// The clocks of service targets see a changed hold reason: the move
// pending → pending starts a tick with the new reason.
func TestHoldReasonChangeOnTheClock(t *testing.T) {
	rows := readFixture(t, ServiceNow(), "servicenow-incident-sys_audit.json")
	ci := RefID(ServiceNow(), process.KindConfigurationItem, "b4fd7c8437201000deeabfc8bcbe5dc1")
	o := &Options{Lookup: hostLookup, ServiceOf: cmdbOf(map[process.ID][]process.ID{ci: {svcMail}})}
	rec, _, err := Replay(ServiceNow(), process.KindIncident, rows, o, migrator, imported)
	require.NoError(t, err)
	var pending []string
	for _, tick := range clock.Timeline(rec.Meta()) {
		if tick.State == string(process.IncidentPending) {
			pending = append(pending, tick.At.Format("15:04")+" "+tick.Reason)
		}
	}
	assert.Equal(t, []string{"09:00 waiting-for-customer", "10:00 waiting-for-supplier"}, pending)
}
