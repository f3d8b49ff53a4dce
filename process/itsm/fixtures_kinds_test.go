package itsm

import (
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rowsOf returns the rows of one ticket among a fixture's rows.
func rowsOf(rows []Row, ticket string) []Row {
	var out []Row
	for _, r := range rows {
		if r.Ticket == ticket {
			out = append(out, r)
		}
	}
	return out
}

func TestFixtureServiceNowProblem(t *testing.T) {
	rows := rowsOf(readFixture(t, ServiceNow(), "servicenow-problem-sys_audit.csv"), "PRB0040001")
	rec, rep, err := Replay(ServiceNow(), process.KindProblem, rows, nil, migrator, imported)
	require.NoError(t, err, "%+v", rep)
	p := rec.(*process.Problem)
	placedOrReported(t, rep)
	assert.Empty(t, rep.Unplaced)
	assert.Equal(t, process.ProblemClosed, p.State())
	assert.Equal(t, "Log rotation was switched off", p.RootCause)
	assert.Equal(t, "Log rotation switched on", p.Resolution)
	assert.Equal(t, "No recurrence in two weeks", p.Effective)
	assert.Equal(t, process.Priority(4), p.Priority)
	assert.Equal(t, []string{"new→investigating", "investigating→resolved", "resolved→closed"}, moves(&p.Header),
		"Assess, Root Cause Analysis and Fix in Progress are all the library's investigation")

	// Closed as cancelled: the problem is cancelled, with the reason.
	c := append(rows[:len(rows)-2:len(rows)-2],
		Row{Ticket: "PRB0040001", Field: "resolution_code", Old: "fix_applied", New: "canceled", At: rows[len(rows)-1].At, User: "pat.manager"},
		Row{Ticket: "PRB0040001", Field: "state", Old: "106", New: "107", At: rows[len(rows)-1].At, User: "pat.manager"})
	c = append(c[:13:13], c[len(c)-2:]...) // before the resolution: state 104 → 107
	rec, rep, err = Replay(ServiceNow(), process.KindProblem, c, nil, migrator, imported)
	require.NoError(t, err, "%+v", rep)
	assert.Equal(t, process.ProblemCancelled, rec.(*process.Problem).State())
	assert.Contains(t, moves(rec.Meta()), "investigating→cancelled (cancelled in servicenow)")
}

func TestFixtureServiceNowChange(t *testing.T) {
	rows := readFixture(t, ServiceNow(), "servicenow-change-sys_audit.csv")
	rec, rep, err := Replay(ServiceNow(), process.KindRequestForChange, rows, nil, migrator, imported)
	require.NoError(t, err, "%+v", rep)
	c := rec.(*process.RequestForChange)
	placedOrReported(t, rep)
	assert.Equal(t, process.ChangeImplemented, c.State())
	assert.Equal(t, "carl.change", c.Requester)
	assert.Equal(t, "ivan.impl", c.Implementer)
	assert.Equal(t, "Patched; relay restarted", c.Outcome)
	assert.Equal(t, process.LevelLow, c.Risk)
	require.Len(t, c.Approvals, 1)
	assert.Equal(t, "alice.cab", c.Approvals[0].By)
	assert.Equal(t, "2025-01-11 22:00:00", c.Window.Start.Format("2006-01-02 15:04:05"))
	assert.Equal(t, []string{"requested→assessed", "assessed→authorised", "authorised→scheduled", "scheduled→implementing", "implementing→implemented (Patched; relay restarted)"},
		moves(&c.Header))
	// Closing needs the post-implementation review, which the rows do not
	// hold: the row is reported, the change stays implemented.
	require.Len(t, rep.Unplaced, 1)
	assert.Equal(t, "3", rep.Unplaced[0].Value)
	assert.ErrorIs(t, rep.Unplaced[0], process.ErrInvalidTransition)
}

func TestFixtureGLPIComputer(t *testing.T) {
	rows := readFixture(t, GLPI(), "glpi-computer-logs.csv")
	states := func(field, v string) (string, bool) {
		if field == "status" {
			s, ok := map[string]process.CIState{"Production (1)": process.CIActive, "Retired (3)": process.CIRetired}[v]
			return string(s), ok
		}
		return "", false
	}
	rec, rep, err := Replay(GLPI(), process.KindConfigurationItem, rows, &Options{Lookup: states}, migrator, imported)
	require.NoError(t, err, "%+v", rep)
	c := rec.(*process.ConfigurationItem)
	placedOrReported(t, rep)
	assert.Equal(t, process.CIActive, c.State())
	assert.Equal(t, "Building B > Floor 1 (8)", c.Location)
	assert.Equal(t, "olga (9)", c.Owner)
	assert.Equal(t, RefID(GLPI(), process.KindCIType, "Computer"), c.Type)
	require.Len(t, rep.Unplaced, 1, "a state the host does not know is refused, not guessed")
	assert.Equal(t, "Lost (4)", rep.Unplaced[0].Value)
	assert.ErrorIs(t, rep.Unplaced[0], ErrUnmapped)
}

func TestFixtureITopServer(t *testing.T) {
	rows := readFixture(t, ITop(), "itop-server-changeops.csv")
	rec, rep, err := Replay(ITop(), process.KindConfigurationItem, rows, nil, migrator, imported)
	require.NoError(t, err, "%+v", rep)
	c := rec.(*process.ConfigurationItem)
	placedOrReported(t, rep)
	assert.Empty(t, rep.Unplaced)
	assert.Equal(t, process.CIRetired, c.State())
	assert.Equal(t, []string{"planned→in-development", "in-development→active", "active→retired"}, moves(&c.Header))
}

// The roles a host says its tool's users held are the roles the moves
// see: without a problem manager, the closure is reported, not made.
func TestReplayRoles(t *testing.T) {
	rows := rowsOf(readFixture(t, ServiceNow(), "servicenow-problem-sys_audit.csv"), "PRB0040001")
	o := &Options{Roles: func(string) []process.Role { return []process.Role{process.RoleServiceDesk} }}
	rec, rep, err := Replay(ServiceNow(), process.KindProblem, rows, o, migrator, imported)
	require.NoError(t, err, "%+v", rep)
	assert.Equal(t, process.ProblemResolved, rec.(*process.Problem).State())
	placedOrReported(t, rep)
	require.NotEmpty(t, rep.Unplaced)
	last := rep.Unplaced[len(rep.Unplaced)-1]
	assert.Equal(t, "107", last.Value)
	assert.ErrorIs(t, last, process.ErrForbidden)
}
