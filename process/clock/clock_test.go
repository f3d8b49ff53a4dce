package clock

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
	"github.com/smskit/iso20000/process/priority"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The incident states the tests' targets name (the incident lifecycle's).
var (
	stopResolved  = Condition{States: []string{"resolved", "closed"}}
	pauseCustomer = Condition{States: []string{"pending"}, Reasons: []string{"waiting-for-customer"}}
	cancelled     = Condition{States: []string{"cancelled"}}
)

// berlinOffice is office hours in Berlin, 09:00–17:00 Monday to Friday.
//
// The tests on it are written in Berlin wall time in the week of Monday
// 1 June 2026, away from daylight-saving changes, rather than from
// processtest.T0: they need named weekdays, evenings and a weekend, which
// offsets from a base time would hide.
func berlinOffice(t testing.TB) *calendar.Calendar {
	t.Helper()
	return calendar.Must(calendar.Spec{Name: "office", Zone: "Europe/Berlin", Week: calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(17, 0)})})
}

func resolution(name string, d time.Duration, c *calendar.Calendar) Target {
	return Target{Name: name, Kind: Resolution, Duration: d, Calendar: c,
		Stop: stopResolved, Pause: pauseCustomer, Cancel: cancelled}
}

func TestClockPauseResume(t *testing.T) {
	loc := processtest.Location(t, "Europe/Berlin")
	cal := berlinOffice(t)
	// P3: 24h of office time. Logged Monday 1 June 2026 10:00; waiting for
	// the customer Monday 12:00 to Tuesday 11:00 (paused 5h + 2h of office
	// time); waiting for a supplier Wednesday 9:00-10:00 does not pause.
	ticks := []Tick{
		{At: processtest.Local(t, loc, "2026-06-01 10:00"), State: "new"},
		{At: processtest.Local(t, loc, "2026-06-01 10:30"), State: "in-progress"},
		{At: processtest.Local(t, loc, "2026-06-01 12:00"), State: "pending", Reason: "waiting-for-customer"},
		{At: processtest.Local(t, loc, "2026-06-02 11:00"), State: "in-progress"},
		{At: processtest.Local(t, loc, "2026-06-03 09:00"), State: "pending", Reason: "waiting-for-supplier"},
		{At: processtest.Local(t, loc, "2026-06-03 10:00"), State: "in-progress"},
		{At: processtest.Local(t, loc, "2026-06-04 15:00"), State: "resolved"},
	}
	c := Clock{Target: resolution("P3 resolution", 24*time.Hour, cal)}
	tests := []struct {
		now       string
		state     State
		elapsed   time.Duration
		paused    time.Duration
		deadline  string
		remaining time.Duration
	}{
		// Not started: as if it ran from now, Monday 09:00: three days of 8h.
		{"2026-06-01 09:00", NotStarted, 0, 0, "2026-06-03 17:00", 24 * time.Hour},
		{"2026-06-01 11:00", Running, time.Hour, 0, "2026-06-04 10:00", 23 * time.Hour},
		// Paused: the deadline is as if the clock ran from now (Monday 14:00: 22h left).
		{"2026-06-01 14:00", Paused, 2 * time.Hour, 2 * time.Hour, "2026-06-04 12:00", 22 * time.Hour},
		// Running again from Tuesday 11:00 with 22h left: Tue 6h, Wed 8h, Thu 8h -> Thursday 17:00.
		{"2026-06-02 12:00", Running, 3 * time.Hour, 7 * time.Hour, "2026-06-04 17:00", 21 * time.Hour},
		// At risk from 18h used: Thursday 11:00 (2h + 6h + 8h + 2h).
		{"2026-06-04 11:00", AtRisk, 18 * time.Hour, 7 * time.Hour, "2026-06-04 17:00", 6 * time.Hour},
		// Resolved Thursday 15:00 with 22h used: met.
		{"2026-06-05 12:00", Met, 22 * time.Hour, 7 * time.Hour, "2026-06-04 17:00", 2 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.now, func(t *testing.T) {
			s, err := c.At(ticks, processtest.Local(t, loc, tt.now))
			require.NoError(t, err)
			assert.Equal(t, tt.state, s.State, "state")
			assert.Equal(t, tt.elapsed, s.Elapsed, "elapsed")
			assert.Equal(t, tt.paused, s.Paused, "paused")
			assert.Equal(t, tt.remaining, s.Remaining, "remaining")
			assert.True(t, s.Deadline.Equal(processtest.Local(t, loc, tt.deadline)), "deadline: got %s, want %s", s.Deadline, tt.deadline)
		})
	}
	s, err := c.At(ticks, processtest.Local(t, loc, "2026-06-05 12:00"))
	require.NoError(t, err)
	assert.True(t, s.Stopped.Equal(processtest.Local(t, loc, "2026-06-04 15:00")), "stopped at %s", s.Stopped)
}

// TestClockRetarget re-prioritises an incident mid-flight: the deadline is
// recomputed from the new target, keeping the time used and the time paused
// (where GLPI #6902 and #15605 recompute from the opening date).
func TestClockRetarget(t *testing.T) {
	loc := processtest.Location(t, "Europe/Berlin")
	cal := berlinOffice(t)
	ticks := []Tick{
		{At: processtest.Local(t, loc, "2026-06-01 10:00"), State: "new"},
		{At: processtest.Local(t, loc, "2026-06-01 12:00"), State: "pending", Reason: "waiting-for-customer"},
		{At: processtest.Local(t, loc, "2026-06-02 11:00"), State: "in-progress"},
	}
	// P3 (24h of office time) until Tuesday 14:00, then P2 (8h around the
	// clock). Used by then: Mon 10-12 and Tue 11-14 = 5h; paused 7h of
	// office time. 3h left around the clock: Tuesday 17:00.
	c := Clock{
		Target:  resolution("P3 resolution", 24*time.Hour, cal),
		Changes: []Retarget{{At: processtest.Local(t, loc, "2026-06-02 14:00"), Target: resolution("P2 resolution", 8*time.Hour, nil), Reason: "re-prioritised"}},
	}
	s, err := c.At(ticks, processtest.Local(t, loc, "2026-06-02 16:00"))
	require.NoError(t, err)
	assert.Equal(t, "P2 resolution", s.Target)
	assert.Equal(t, AtRisk, s.State, "7h of 8h used")
	assert.Equal(t, 7*time.Hour, s.Elapsed)
	assert.Equal(t, 7*time.Hour, s.Paused, "pause kept across the change")
	assert.Equal(t, time.Hour, s.Remaining)
	assert.True(t, s.Deadline.Equal(processtest.Local(t, loc, "2026-06-02 17:00")), "deadline %s", s.Deadline)
	// The anchors' answer, opening + 8h = Monday 18:00, would be breached already.
	assert.False(t, s.Breached)

	s, err = c.At(ticks, processtest.Local(t, loc, "2026-06-02 18:30"))
	require.NoError(t, err)
	assert.Equal(t, Breached, s.State)
	assert.True(t, s.Deadline.Equal(processtest.Local(t, loc, "2026-06-02 17:00")), "breached at %s", s.Deadline)
	assert.Equal(t, -90*time.Minute, s.Remaining)

	// Down-graded instead, to P4 (40h of office time) on Tuesday 14:00:
	// 35h left from Tuesday 14:00: Tue 3h, Wed 8h, Thu 8h, Fri 8h, Mon 8h = 35h -> Monday 8 June 17:00.
	c.Changes[0].Target = resolution("P4 resolution", 40*time.Hour, cal)
	s, err = c.At(ticks, processtest.Local(t, loc, "2026-06-02 16:00"))
	require.NoError(t, err)
	assert.Equal(t, Running, s.State)
	assert.Equal(t, 7*time.Hour, s.Elapsed)
	assert.True(t, s.Deadline.Equal(processtest.Local(t, loc, "2026-06-08 17:00")), "deadline %s", s.Deadline)
}

func TestClockRetroactiveStartAndFirstResponse(t *testing.T) {
	loc := processtest.Location(t, "Europe/Berlin")
	first := Target{Name: "P1 first response", Kind: FirstResponse, Duration: 15 * time.Minute,
		Stop:        Condition{States: []string{"in-progress", "pending", "resolved", "closed"}},
		Escalations: []Escalation{{Level: 1, Share: 0.5, Notify: "duty manager"}, {Level: 2, Before: time.Minute, Notify: "incident manager"}}}
	ticks := []Tick{
		{At: processtest.Local(t, loc, "2026-06-01 10:10"), State: "new"},
		{At: processtest.Local(t, loc, "2026-06-01 10:20"), State: "in-progress"},
	}
	// The customer called at 10:00; logged at 10:10: the clock starts at 10:00.
	c := Clock{Target: first, Start: processtest.Local(t, loc, "2026-06-01 10:00")}
	s, err := c.At(ticks, processtest.Local(t, loc, "2026-06-01 10:12"))
	require.NoError(t, err)
	assert.Equal(t, AtRisk, s.State)
	assert.Equal(t, 12*time.Minute, s.Elapsed)
	assert.Equal(t, 1, s.Level())
	assert.True(t, s.Escalations[0].At.Equal(processtest.Local(t, loc, "2026-06-01 10:07").Add(30*time.Second)), "level 1 at %s", s.Escalations[0].At)
	assert.False(t, s.Escalations[1].Reached)
	assert.True(t, s.Escalations[1].At.Equal(processtest.Local(t, loc, "2026-06-01 10:14")), "level 2 due %s", s.Escalations[1].At)

	s, err = c.At(ticks, processtest.Local(t, loc, "2026-06-01 11:00"))
	require.NoError(t, err)
	assert.Equal(t, Breached, s.State, "first worked on after 20 minutes")
	assert.Equal(t, 2, s.Level())
	assert.True(t, s.Deadline.Equal(processtest.Local(t, loc, "2026-06-01 10:15")))

	// Without the retroactive start the clock starts at the first tick: met.
	c.Start = time.Time{}
	s, err = c.At(ticks, processtest.Local(t, loc, "2026-06-01 11:00"))
	require.NoError(t, err)
	assert.Equal(t, Met, s.State)
	assert.Equal(t, 10*time.Minute, s.Elapsed)
}

func TestClockCancelResetReopen(t *testing.T) {
	at := processtest.At // around the clock: any base time will do
	target := resolution("P2 resolution", 8*time.Hour, nil)
	target.Reset = Condition{States: []string{"reset"}}
	tests := []struct {
		name    string
		ticks   []Tick
		state   State
		elapsed time.Duration
	}{
		{"cancelled for good", []Tick{
			{At: at(1), State: "new"},
			{At: at(2), State: "cancelled"},
			{At: at(3), State: "in-progress"},
		}, Cancelled, time.Hour},
		{"reopened runs on", []Tick{
			{At: at(1), State: "new"},
			{At: at(2), State: "resolved"},
			{At: at(4), State: "in-progress"},
		}, Running, 2 * time.Hour},
		{"reset starts from nothing", []Tick{
			{At: at(1), State: "new"},
			{At: at(4), State: "reset"},
		}, Running, time.Hour},
		{"no ticks", nil, NotStarted, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Clock{Target: target}.At(tt.ticks, at(5))
			require.NoError(t, err)
			assert.Equal(t, tt.state, s.State)
			assert.Equal(t, tt.elapsed, s.Elapsed)
		})
	}
}

func TestClockStartCondition(t *testing.T) {
	at := processtest.At // around the clock: any base time will do
	target := Target{Name: "fix", Kind: Custom, Duration: 4 * time.Hour,
		Start: Condition{States: []string{"assigned"}}, Stop: stopResolved}
	ticks := []Tick{
		{At: at(1), State: "new"},
		{At: at(2), State: "assigned"},
		{At: at(3).Add(30 * time.Minute), State: "resolved"},
	}
	s, err := Clock{Target: target}.At(ticks, at(5))
	require.NoError(t, err)
	assert.Equal(t, Met, s.State)
	assert.Equal(t, 90*time.Minute, s.Elapsed)
	assert.True(t, s.Started.Equal(at(2)))
}

func TestClockValidation(t *testing.T) {
	good := resolution("P1", 4*time.Hour, nil)
	_, err := Clock{Target: good}.At([]Tick{{At: processtest.At(2)}, {At: processtest.At(1)}}, processtest.At(3))
	var ve *process.ValidationError
	require.True(t, errors.As(err, &ve), "got %v", err)
	assert.True(t, ve.Has("ticks[1].at", process.ErrInvalidValue))
	assert.True(t, strings.HasPrefix(err.Error(), "clock: clock P1 invalid: "), "got %q", err)

	// An invalid target is reported under target, a change's under its path.
	bad := Clock{Target: Target{Name: "P2"}, Changes: []Retarget{{At: processtest.At(1), Target: Target{Kind: "sometime"}}}}
	_, err = bad.At(nil, processtest.At(2))
	require.True(t, errors.As(err, &ve), "got %v", err)
	assert.True(t, ve.Has("target.kind", process.ErrRequired), "got %v", err)
	assert.True(t, ve.Has("changes[0].target.kind", process.ErrInvalidValue), "got %v", err)
	assert.True(t, ve.Has("changes[0].target.name", process.ErrRequired), "got %v", err)
}

func TestTimeline(t *testing.T) {
	by, t0 := processtest.Desk, processtest.T0
	h := process.NewHeader(process.RecordKind("x-ticket"), "mail down", by, t0)
	h.Status = "new"
	lc, err := process.NewLifecycle(process.RecordKind("x-ticket"), "new", []string{"new", "in-progress", "pending"}, nil, []process.Move[string]{
		{From: []string{"new", "pending"}, To: "in-progress"},
		{From: []string{"in-progress"}, To: "pending"},
	})
	require.NoError(t, err)
	require.NoError(t, lc.Apply(by, t0.Add(time.Hour), &h, "in-progress", "", nil))
	require.NoError(t, lc.Apply(by, t0.Add(2*time.Hour), &h, "pending", "waiting-for-customer", nil))
	require.NoError(t, h.Note(by, t0.Add(3*time.Hour), "called the customer"))
	require.NoError(t, lc.Apply(by, t0.Add(4*time.Hour), &h, "in-progress", "", nil))
	want := []Tick{
		{At: t0, State: "new"},
		{At: t0.Add(time.Hour), State: "in-progress"},
		{At: t0.Add(2 * time.Hour), State: "pending", Reason: "waiting-for-customer"},
		{At: t0.Add(4 * time.Hour), State: "in-progress"},
	}
	assert.Equal(t, want, Timeline(&h))
	s, err := Clock{Target: resolution("P2", 8*time.Hour, nil)}.At(Timeline(&h), t0.Add(5*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, 3*time.Hour, s.Elapsed)
	assert.Equal(t, 2*time.Hour, s.Paused)
}

func TestRetargets(t *testing.T) {
	by, t0 := processtest.IM, processtest.T0 // around the clock: any base time will do
	h := process.NewHeader(process.KindIncident, "payroll slow", by, t0)
	h.History = append(h.History, process.Event{At: t0.Add(time.Hour), Actor: by.ID, Action: process.ActionChanged, Field: "priority", From: "P3", To: "P2"})
	h.History = append(h.History, process.Event{At: t0.Add(2 * time.Hour), Actor: by.ID, Action: process.ActionChanged, Field: "category", From: "a", To: "b"})
	o, err := priority.NewOverride(priority.Prioritisation{Priority: 2, Matrix: "default", Version: 1}, 1, "ceo affected", by, t0.Add(3*time.Hour))
	require.NoError(t, err)
	h.History = append(h.History, o.Event())
	m := priority.DefaultMatrix()
	target := func(v string) (Target, bool) {
		for _, pt := range m.Targets {
			if pt.Priority.String() == v {
				return FromMatrix(m, pt.Priority, Resolution, nil, Target{Stop: stopResolved})
			}
		}
		return Target{}, false
	}
	got := Retargets(&h, "priority", target)
	require.Len(t, got, 2)
	assert.Equal(t, "P2 high resolution", got[0].Target.Name)
	assert.True(t, got[0].At.Equal(t0.Add(time.Hour)))
	assert.Equal(t, "P1 critical resolution", got[1].Target.Name)
	assert.Equal(t, "ceo affected (matrix default v1)", got[1].Reason)

	// P3 for an hour, P2 for two, then P1 (4h around the clock): 3h used
	// at the change to P1, 1h left.
	p3, _ := FromMatrix(m, 3, Resolution, nil, Target{Stop: stopResolved})
	s, err := Clock{Target: p3, Changes: got}.At([]Tick{{At: t0, State: "new"}}, t0.Add(3*time.Hour+30*time.Minute))
	require.NoError(t, err)
	assert.Equal(t, AtRisk, s.State)
	assert.True(t, s.Deadline.Equal(t0.Add(4*time.Hour)), "deadline %s", s.Deadline)
}

// TestClockOnIncident runs a resolution clock over a real incident's
// history: pending for the customer pauses it, a manual re-prioritisation
// (an override with its reason) moves it to the P2 target keeping the time
// used and paused.
func TestClockOnIncident(t *testing.T) {
	loc := processtest.Location(t, "Europe/Berlin")
	hours := berlinOffice(t)
	desk, im := processtest.Desk, processtest.IM
	m := priority.DefaultMatrix()
	rules := Target{
		Stop:   Condition{States: []string{string(process.IncidentResolved), string(process.IncidentClosed)}},
		Pause:  Condition{States: []string{string(process.IncidentPending)}, Reasons: []string{string(process.PendingCustomer)}},
		Cancel: Condition{States: []string{string(process.IncidentCancelled)}},
	}
	targetOf := func(v string) (Target, bool) {
		for _, pt := range m.Targets {
			if pt.Priority.String() == v {
				return FromMatrix(m, pt.Priority, Resolution, hours, rules)
			}
		}
		return Target{}, false
	}

	inc := process.NewIncident("invoices not sent", desk, processtest.Local(t, loc, "2026-06-01 10:00"))
	p, err := m.Prioritise(process.LevelMedium, process.LevelMedium)
	require.NoError(t, err)
	require.NoError(t, inc.Classify(desk, processtest.Local(t, loc, "2026-06-01 10:05"), "email", p.Impact, p.Urgency, p.Priority))
	require.NoError(t, inc.Assign(im, processtest.Local(t, loc, "2026-06-01 10:10"), "mail team", "ana"))
	require.NoError(t, inc.Start(im, processtest.Local(t, loc, "2026-06-01 10:30")))
	require.NoError(t, inc.Pend(im, processtest.Local(t, loc, "2026-06-01 12:00"), process.PendingCustomer))
	require.NoError(t, inc.Resume(im, processtest.Local(t, loc, "2026-06-02 11:00")))
	o, err := priority.NewOverride(p, 2, "month-end billing run blocked", im, processtest.Local(t, loc, "2026-06-02 14:00"))
	require.NoError(t, err)
	require.NoError(t, o.Apply(inc, &inc.Priority))
	assert.Equal(t, process.Priority(2), inc.Priority)
	last := inc.History[len(inc.History)-1]
	assert.Equal(t, "month-end billing run blocked (matrix default v1)", last.Note)
	assert.Equal(t, "P3", last.From)
	assert.ErrorIs(t, o.Apply(inc, &inc.Priority), process.ErrInvalidValue, "an override that changes nothing")

	first, _ := FromMatrix(m, p.Priority, Resolution, hours, rules)
	c := Clock{Target: first, Changes: Retargets(&inc.Header, "priority", targetOf)}
	require.Len(t, c.Changes, 2, "the classification and the override")
	// Used: Mon 10:00-12:00 and Tue 11:00-14:00 = 5h; paused 7h of office
	// time; then P2, 8h around the clock: 3h left at 14:00 -> due 17:00.
	s, err := c.At(Timeline(&inc.Header), processtest.Local(t, loc, "2026-06-02 16:30"))
	require.NoError(t, err)
	assert.Equal(t, "P2 high resolution", s.Target)
	assert.Equal(t, 7*time.Hour+30*time.Minute, s.Elapsed)
	assert.Equal(t, 7*time.Hour, s.Paused)
	assert.Equal(t, AtRisk, s.State)
	assert.True(t, s.Deadline.Equal(processtest.Local(t, loc, "2026-06-02 17:00")), "deadline %s", s.Deadline)

	// Resolved at 16:45: met, within the P2 target.
	require.NoError(t, inc.Resolve(im, processtest.Local(t, loc, "2026-06-02 16:45"), "relay fixed"))
	s, err = c.At(Timeline(&inc.Header), processtest.Local(t, loc, "2026-06-03 09:00"))
	require.NoError(t, err)
	assert.Equal(t, Met, s.State)
	assert.Equal(t, 7*time.Hour+45*time.Minute, s.Elapsed)
}

func TestStateText(t *testing.T) {
	for _, s := range []State{NotStarted, Running, Paused, AtRisk, Met, Breached, Cancelled} {
		t.Run(string(s), func(t *testing.T) { processtest.EnumText(t, s) })
	}
	// A zero Status encodes: its kind and state read as unset.
	b, err := json.Marshal(Status{})
	require.NoError(t, err)
	var back Status
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, Status{}, back)
	err = json.Unmarshal([]byte(`{"state":"late"}`), &back)
	assert.ErrorIs(t, err, process.ErrInvalidValue)
}

// TestClockEscalations reaches escalation levels set by a share of the
// target, by the time left before its deadline and by the time used
// (After, which may pass the deadline), on targets in hours and in working
// days, at instants exact to the second.
func TestClockEscalations(t *testing.T) {
	loc := processtest.Location(t, "Europe/Berlin")
	at := func(s string) time.Time { return processtest.Local(t, loc, s) }
	type level struct {
		reached bool
		at      time.Time
	}
	tests := []struct {
		name     string
		target   Target
		ticks    []Tick
		changes  []Retarget
		now      time.Time
		want     []level
		deadline time.Time
	}{
		// 3 working days from Monday 1 June 2026 10:00 over the holiday on
		// Thursday: 24h, due Friday 10:00. Half of it, 12h: Mon 7h, Tue 5h;
		// 4h before: 20h, Mon 7h, Tue 8h, Wed 5h; 26h30m15s: 2h30m15s past
		// the deadline.
		{"days, on Wednesday", Target{Name: "P4", Kind: Resolution, Days: 3, Calendar: berlinOfficeCorpusChristi(t), Escalations: []Escalation{
			{Level: 1, Share: 0.5}, {Level: 2, Before: 4 * time.Hour}, {Level: 3, After: 26*time.Hour + 30*time.Minute + 15*time.Second},
		}}, []Tick{{At: at("2026-06-01 10:00"), State: "new"}}, nil, at("2026-06-03 15:00"),
			[]level{{true, at("2026-06-02 14:00")}, {true, at("2026-06-03 14:00")}, {false, at("2026-06-05 12:30").Add(15 * time.Second)}},
			at("2026-06-05 10:00")},
		{"days, after the deadline", Target{Name: "P4", Kind: Resolution, Days: 3, Calendar: berlinOfficeCorpusChristi(t), Escalations: []Escalation{
			{Level: 3, After: 26*time.Hour + 30*time.Minute + 15*time.Second},
		}}, []Tick{{At: at("2026-06-01 10:00"), State: "new"}}, nil, at("2026-06-08 09:00"),
			[]level{{true, at("2026-06-05 12:30").Add(15 * time.Second)}}, at("2026-06-05 10:00")},
		// 4h before the end of a 1-day target (8h): 4h used, Monday 14:00;
		// 10h before: at the start.
		{"before, longer than a day's allowance", Target{Name: "P4", Kind: Resolution, Days: 1, Calendar: berlinOffice(t), Escalations: []Escalation{
			{Level: 1, Before: 4 * time.Hour}, {Level: 2, Before: 10 * time.Hour},
		}}, []Tick{{At: at("2026-06-01 10:00"), State: "new"}}, nil, at("2026-06-01 15:00"),
			[]level{{true, at("2026-06-01 14:00")}, {true, at("2026-06-01 10:00")}}, at("2026-06-02 10:00")},
		// After 2h30m15s of office time, paused overnight and Monday
		// 11:00-Tuesday 10:00 waiting for the customer: 1h on Monday, then
		// 1h30m15s from Tuesday 10:00.
		{"after, across a pause, due", resolutionWith(8*time.Hour, berlinOffice(t), Escalation{Level: 1, After: 2*time.Hour + 30*time.Minute + 15*time.Second}), []Tick{
			{At: at("2026-06-01 10:00"), State: "new"},
			{At: at("2026-06-01 11:00"), State: "pending", Reason: "waiting-for-customer"},
			{At: at("2026-06-02 10:00"), State: "in-progress"},
		}, nil, at("2026-06-02 11:00"), []level{{false, at("2026-06-02 11:30").Add(15 * time.Second)}}, at("2026-06-02 17:00")},
		{"after, across a pause, reached", resolutionWith(8*time.Hour, berlinOffice(t), Escalation{Level: 1, After: 2*time.Hour + 30*time.Minute + 15*time.Second}), []Tick{
			{At: at("2026-06-01 10:00"), State: "new"},
			{At: at("2026-06-01 11:00"), State: "pending", Reason: "waiting-for-customer"},
			{At: at("2026-06-02 10:00"), State: "in-progress"},
		}, nil, at("2026-06-02 12:00"), []level{{true, at("2026-06-02 11:30").Add(15 * time.Second)}}, at("2026-06-02 17:00")},
		// Around the clock: after 6h of a 4h target.
		{"after the deadline, due", resolutionWith(4*time.Hour, nil, Escalation{Level: 1, After: 6 * time.Hour}),
			[]Tick{{At: processtest.At(0), State: "new"}}, nil, processtest.At(5), []level{{false, processtest.At(6)}}, processtest.At(4)},
		{"after the deadline, reached", resolutionWith(4*time.Hour, nil, Escalation{Level: 1, After: 6 * time.Hour}),
			[]Tick{{At: processtest.At(0), State: "new"}}, nil, processtest.At(7), []level{{true, processtest.At(6)}}, processtest.At(4)},
		{"after, on a target without a deadline", resolutionWith(0, nil, Escalation{Level: 1, After: 2 * time.Hour}, Escalation{Level: 2, Share: 0.5}),
			[]Tick{{At: processtest.At(0), State: "new"}}, nil, processtest.At(3), []level{{true, processtest.At(2)}, {false, time.Time{}}}, time.Time{}},
		// 0.7 of 13h is 9h06m, though the float product truncates to a
		// nanosecond less.
		{"a share, exactly", resolutionWith(13*time.Hour, nil, Escalation{Level: 1, Share: 0.7}),
			[]Tick{{At: processtest.At(0), State: "new"}}, nil, processtest.At(10), []level{{true, processtest.At(9).Add(6 * time.Minute)}}, processtest.At(13)},
		// Moved at 3h to a target whose level after 2h that time passes:
		// reached at the change.
		{"after, passed at a change", resolutionWith(8*time.Hour, nil), []Tick{{At: processtest.At(0), State: "new"}},
			[]Retarget{{At: processtest.At(3), Target: resolutionWith(8*time.Hour, nil, Escalation{Level: 1, After: 2 * time.Hour})}},
			processtest.At(4), []level{{true, processtest.At(3)}}, processtest.At(8)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Clock{Target: tt.target, Changes: tt.changes}.At(tt.ticks, tt.now)
			require.NoError(t, err)
			require.Len(t, s.Escalations, len(tt.want))
			for i, w := range tt.want {
				e := s.Escalations[i]
				assert.Equal(t, w.reached, e.Reached, "level %d reached", e.Level)
				assert.True(t, e.At.Equal(w.at), "level %d at %s, want %s", e.Level, e.At, w.at)
			}
			assert.True(t, s.Deadline.Equal(tt.deadline), "deadline %s, want %s", s.Deadline, tt.deadline)
		})
	}
}

func resolutionWith(d time.Duration, c *calendar.Calendar, es ...Escalation) Target {
	t := resolution("P3", d, c)
	t.Escalations = es
	return t
}
