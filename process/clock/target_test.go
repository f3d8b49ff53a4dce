package clock

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
	"github.com/smskit/iso20000/process/priority"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFromServiceTarget(t *testing.T) {
	office, err := calendar.New(calendar.Spec{Name: "office", Zone: "Europe/Berlin", Week: calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(17, 0)})})
	require.NoError(t, err)
	allDay := calendar.Must(calendar.Spec{Name: "24x7", Zone: "Europe/Berlin", Week: calendar.EveryDay(calendar.AllDay())})
	never := calendar.Must(calendar.Spec{Name: "never", Zone: "Europe/Berlin"})
	cals := map[string]*calendar.Calendar{"office": office, "24x7": allDay, "never": never}
	days := func(v string, cal string) process.ServiceTarget {
		return process.ServiceTarget{Name: "P4", Kind: process.TargetResolution, Value: decimal.RequireFromString(v), Unit: process.UnitDays, Calendar: cal}
	}
	tests := []struct {
		name     string
		target   process.ServiceTarget
		want     time.Duration
		wantDays int
		wantCal  *calendar.Calendar
		wantErr  error
	}{
		{"resolution in hours on service hours", process.ServiceTarget{Name: "P3", Kind: process.TargetResolution, Value: decimal.NewFromInt(24), Unit: process.UnitHours, Calendar: "office"}, 24 * time.Hour, 0, office, nil},
		{"response in fractional minutes", process.ServiceTarget{Name: "P1", Kind: process.TargetResponse, Value: decimal.RequireFromString("7.5"), Unit: process.UnitMinutes}, 450 * time.Second, 0, nil, nil},
		{"days around the clock", process.ServiceTarget{Name: "req", Kind: process.TargetResolution, Value: decimal.NewFromInt(2), Unit: process.UnitDays}, 48 * time.Hour, 0, nil, nil},
		{"fractional days around the clock", days("1.5", ""), 36 * time.Hour, 0, nil, nil},
		{"days on a 24x7 calendar", days("2", "24x7"), 48 * time.Hour, 0, allDay, nil},
		{"days on service hours", days("5", "office"), 0, 5, office, nil},
		{"whole days written with decimals", days("3.00", "office"), 0, 3, office, nil},
		{"no days on service hours", days("0", "office"), 0, 0, office, nil},
		{"fractional days on service hours", days("2.5", "office"), 0, 0, nil, process.ErrInvalidValue},
		{"too many days on service hours", days("100000", "office"), 0, 0, nil, process.ErrInvalidValue},
		{"calendar never open", days("1", "never"), 0, 0, nil, process.ErrInvalidValue},
		{"unknown calendar", process.ServiceTarget{Name: "x", Kind: process.TargetResolution, Value: decimal.NewFromInt(1), Unit: process.UnitHours, Calendar: "night"}, 0, 0, nil, process.ErrNotFound},
		{"not a time target", process.ServiceTarget{Name: "avail", Kind: process.TargetAvailability, Value: decimal.NewFromInt(99), Unit: process.UnitPercent}, 0, 0, nil, process.ErrInvalidValue},
		{"not a time unit", process.ServiceTarget{Name: "x", Kind: process.TargetResolution, Value: decimal.NewFromInt(1), Unit: process.UnitCount}, 0, 0, nil, process.ErrInvalidValue},
		{"negative", process.ServiceTarget{Name: "x", Kind: process.TargetResolution, Value: decimal.NewFromInt(-1), Unit: process.UnitHours}, 0, 0, nil, process.ErrInvalidValue},
		{"too large", process.ServiceTarget{Name: "x", Kind: process.TargetResolution, Value: decimal.RequireFromString("1e30"), Unit: process.UnitHours}, 0, 0, nil, process.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromServiceTarget(tt.target, cals, IncidentRules(Resolution))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.HasPrefix(err.Error(), "clock: service target ") {
					t.Errorf("message %q lacks the package's prefix", err)
				}
				return
			}
			require.NoError(t, err)
			if got.Duration != tt.want || got.Days != tt.wantDays || got.Calendar != tt.wantCal || got.Name != tt.target.Name {
				t.Errorf("got %s and %d days on %v named %q, want %s and %d days on %v", got.Duration, got.Days, got.Calendar, got.Name, tt.want, tt.wantDays, tt.wantCal)
			}
			require.NoError(t, got.Validate())
		})
	}
}

// An SLA target drives an incident's resolution clock: the pause while the
// customer is asked does not count, service hours do.
func TestSLAClockOnIncident(t *testing.T) {
	// processtest.T0 is Monday 09:00 in Berlin (CET, before the change to
	// summer time): the opening of office hours there.
	office, err := calendar.New(calendar.Spec{Name: "office", Zone: "Europe/Berlin", Week: calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(17, 0)})})
	require.NoError(t, err)
	target, err := FromServiceTarget(process.ServiceTarget{Name: "resolve", Kind: process.TargetResolution, Value: decimal.NewFromInt(4), Unit: process.UnitHours, Calendar: "office"},
		map[string]*calendar.Calendar{"office": office}, IncidentRules(Resolution))
	require.NoError(t, err)
	mon := processtest.T0
	inc := process.NewIncident("Printer", processtest.Desk, mon)
	_, err = priority.Classify(inc, priority.DefaultMatrix(), "hardware", process.LevelLow, process.LevelMedium, processtest.Desk, mon.Add(time.Minute))
	require.NoError(t, err)
	require.NoError(t, inc.Assign(processtest.IM, mon.Add(30*time.Minute), "service desk", processtest.IM.ID))
	require.NoError(t, inc.Start(processtest.IM, mon.Add(time.Hour)))
	require.NoError(t, inc.Pend(processtest.IM, mon.Add(2*time.Hour), process.PendingCustomer))
	require.NoError(t, inc.Resume(processtest.IM, mon.Add(5*time.Hour)))
	st, err := Clock{Target: target}.At(Timeline(&inc.Header), mon.Add(6*time.Hour))
	require.NoError(t, err)
	if st.Elapsed != 3*time.Hour || st.State != AtRisk {
		t.Errorf("used %s, state %s; want 3h used (2h before the pause, 1h after), at risk", st.Elapsed, st.State)
	}
	if want := mon.Add(6 * time.Hour).Add(time.Hour); !st.Deadline.Equal(want) {
		t.Errorf("deadline %s, want %s", st.Deadline, want)
	}
	first := IncidentRules(FirstResponse)
	first.Duration, first.Name = time.Hour, "respond"
	st, err = Clock{Target: first}.At(Timeline(&inc.Header), mon.Add(6*time.Hour))
	require.NoError(t, err)
	if st.State != Met || st.Elapsed != 30*time.Minute {
		t.Errorf("first response: %s after %s, want met after 30m", st.State, st.Elapsed)
	}
}

func TestFromMatrix(t *testing.T) {
	m := priority.DefaultMatrix()
	hours := berlinOffice(t)
	tmpl := Target{Stop: stopResolved, Pause: pauseCustomer}
	p1, ok := FromMatrix(m, 1, Resolution, hours, tmpl)
	require.True(t, ok)
	assert.Equal(t, 4*time.Hour, p1.Duration)
	assert.Nil(t, p1.Calendar, "P1 runs around the clock")
	assert.Equal(t, "P1 critical resolution", p1.Name)
	p3, ok := FromMatrix(m, 3, FirstResponse, hours, tmpl)
	require.True(t, ok)
	assert.Equal(t, 2*time.Hour, p3.Duration)
	assert.Same(t, hours, p3.Calendar, "P3 runs on service hours")
	assert.Equal(t, pauseCustomer, p3.Pause)
	require.NoError(t, p3.Validate())
	_, ok = FromMatrix(m, 9, Resolution, hours, tmpl)
	assert.False(t, ok)
	_, ok = FromMatrix(m, 1, Custom, hours, tmpl)
	assert.False(t, ok, "the matrix has no custom targets")
	tmpl.Days = 3
	p3, ok = FromMatrix(m, 3, Resolution, hours, tmpl)
	require.True(t, ok)
	assert.Equal(t, 0, p3.Days, "a matrix states hours")
	require.NoError(t, p3.Validate())
}

func TestTargetValidate(t *testing.T) {
	bad := Target{Name: " ", Kind: "sometime", Duration: -time.Hour, AtRisk: 1.5,
		Escalations: []Escalation{{Level: 0}, {Level: 2, Share: 0.5, Before: time.Hour}, {Level: 2, Before: 2 * time.Hour}}}
	err := bad.Validate()
	var ve *process.ValidationError
	require.True(t, errors.As(err, &ve), "got %v", err)
	for _, p := range []string{"name", "kind", "duration", "atRisk", "escalations[0].level", "escalations[0]", "escalations[1]", "escalations[2].level"} {
		assert.True(t, ve.Has(p, nil), "want a finding at %s in %v", p, err)
	}
	assert.True(t, ve.Has("name", process.ErrRequired), "a blank name is missing")
	assert.True(t, ve.Has("kind", process.ErrInvalidValue))
	assert.True(t, strings.HasPrefix(err.Error(), "clock: target   invalid: "), "got %q", err)

	err = Target{Name: "P1"}.Validate()
	require.True(t, errors.As(err, &ve), "got %v", err)
	assert.True(t, ve.Has("kind", process.ErrRequired))
	require.NoError(t, resolution("P1", 4*time.Hour, nil).Validate())
}

func TestKindText(t *testing.T) {
	for _, k := range []Kind{FirstResponse, Resolution, Custom} {
		t.Run(string(k), func(t *testing.T) { processtest.EnumText(t, k) })
	}
	// A target of unset kind encodes, and Validate then reports the kind.
	b, err := json.Marshal(Target{Name: "P1"})
	require.NoError(t, err)
	var back Target
	require.NoError(t, json.Unmarshal(b, &back))
	assert.ErrorIs(t, back.Validate(), process.ErrRequired)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"kind":"sometime"}`), &back), process.ErrInvalidValue)
}

// TestTargetJSON writes a target with its calendar and reads it back: the
// calendar is compiled again from its spec. The span crosses the change to
// summer time in Berlin on Sunday 29 March 2026, so the dates are fixed.
func TestTargetJSON(t *testing.T) {
	office := calendar.Must(calendar.Spec{Name: "office", Zone: "Europe/Berlin", Week: calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(17, 0)})})
	target := Target{Name: "P3", Kind: Resolution, Duration: 24 * time.Hour, Calendar: office}
	b, err := json.Marshal(target)
	require.NoError(t, err)
	var back Target
	require.NoError(t, json.Unmarshal(b, &back))
	require.NotNil(t, back.Calendar)
	from, to := processtest.Local(t, time.UTC, "2026-03-27 15:00"), processtest.Local(t, time.UTC, "2026-03-30 08:00")
	assert.Equal(t, office.BusinessTime(from, to), back.Calendar.BusinessTime(from, to))
	assert.Equal(t, office.Spec(), back.Calendar.Spec())

	err = json.Unmarshal([]byte(`{"name":"x","kind":"resolution","calendar":{"name":"bad","zone":"Nowhere/Else"}}`), &back)
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	err = json.Unmarshal([]byte(`{"calendar":{"zone":12}}`), &back)
	assert.ErrorIs(t, err, process.ErrInvalidValue)

	var zero calendar.Calendar // not built by New: around the clock, no panic
	assert.Equal(t, 25*time.Hour, zero.BusinessTime(from, from.Add(25*time.Hour)))
	assert.True(t, zero.Deadline(from, time.Hour).Equal(from.Add(time.Hour)))
}

func TestTargetValidateDaysAndEscalations(t *testing.T) {
	never := calendar.Must(calendar.Spec{Name: "never", Zone: "Europe/Berlin"})
	base := func() Target { return resolution("P4", 0, berlinOffice(t)) }
	tests := []struct {
		name string
		mut  func(*Target)
		path string // "" for a valid target
		err  error
	}{
		{"days", func(t *Target) { t.Days = 3 }, "", nil},
		{"days around the clock", func(t *Target) { t.Days, t.Calendar = 3, nil }, "", nil},
		{"negative days", func(t *Target) { t.Days = -1 }, "days", process.ErrInvalidValue},
		{"days and duration", func(t *Target) { t.Days, t.Duration = 3, 24*time.Hour }, "days", process.ErrInvalidValue},
		{"days past the calendar's years", func(t *Target) { t.Days = maxDays + 1 }, "days", process.ErrInvalidValue},
		{"calendar never open", func(t *Target) { t.Duration, t.Calendar = time.Hour, never }, "calendar", process.ErrInvalidValue},
		{"after", func(t *Target) {
			t.Duration, t.Escalations = time.Hour, []Escalation{{Level: 1, After: 3 * time.Hour}}
		}, "", nil},
		{"after without a deadline", func(t *Target) { t.Escalations = []Escalation{{Level: 1, After: time.Hour}} }, "", nil},
		{"before on days, any length", func(t *Target) {
			t.Days, t.Escalations = 1, []Escalation{{Level: 1, Before: 100 * time.Hour}}
		}, "", nil},
		{"before past a duration", func(t *Target) {
			t.Duration, t.Escalations = time.Hour, []Escalation{{Level: 1, Before: 2 * time.Hour}}
		}, "escalations[0].before", process.ErrInvalidValue},
		{"negative after", func(t *Target) {
			t.Duration, t.Escalations = time.Hour, []Escalation{{Level: 1, After: -time.Minute}}
		}, "escalations[0].after", process.ErrInvalidValue},
		{"share and after", func(t *Target) {
			t.Duration, t.Escalations = time.Hour, []Escalation{{Level: 1, Share: 0.5, After: time.Hour}}
		}, "escalations[0]", process.ErrInvalidValue},
		{"before and after", func(t *Target) {
			t.Duration, t.Escalations = time.Hour, []Escalation{{Level: 1, Before: time.Minute, After: time.Hour}}
		}, "escalations[0]", process.ErrInvalidValue},
		{"none of them", func(t *Target) { t.Duration, t.Escalations = time.Hour, []Escalation{{Level: 1}} }, "escalations[0]", process.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := base()
			tt.mut(&target)
			err := target.Validate()
			if tt.path == "" {
				require.NoError(t, err)
				return
			}
			var ve *process.ValidationError
			require.True(t, errors.As(err, &ve), "got %v", err)
			assert.True(t, ve.Has(tt.path, tt.err), "want %s at %s in %v", tt.err, tt.path, err)
		})
	}

	// A clock on a calendar that never opens is refused, where it would
	// run for ever without a deadline.
	c := Clock{Target: Target{Name: "P3", Kind: Resolution, Duration: 8 * time.Hour, Calendar: never}}
	_, err := c.At([]Tick{{At: processtest.At(0), State: "new"}}, processtest.At(1))
	var ve *process.ValidationError
	require.True(t, errors.As(err, &ve), "got %v", err)
	assert.True(t, ve.Has("target.calendar", process.ErrInvalidValue), "got %v", err)
	assert.Contains(t, err.Error(), `calendar "never" has no working time`)
}

// TestFromServiceTargetPause takes the pause reasons of an SLA or OLA
// target as data: an OLA whose provider counts waiting for a supplier as
// its own time pauses on the customer only, one that does not pauses on
// the supplier too, and a target without reasons keeps the template's.
func TestFromServiceTargetPause(t *testing.T) {
	office := berlinOffice(t)
	cals := map[string]*calendar.Calendar{"office": office}
	st := process.ServiceTarget{Name: "resolve", Kind: process.TargetResolution, Value: decimal.NewFromInt(8), Unit: process.UnitHours, Calendar: "office"}
	pending := []string{string(process.IncidentPending)}
	tests := []struct {
		name  string
		pause []process.PendingReason
		rules Target
		want  Condition
	}{
		{"template's reasons", nil, IncidentRules(Resolution),
			Condition{States: pending, Reasons: []string{"waiting-for-customer", "waiting-for-schedule"}}},
		{"the agreement's reasons", []process.PendingReason{process.PendingCustomer, process.PendingSupplier}, IncidentRules(Resolution),
			Condition{States: pending, Reasons: []string{"waiting-for-customer", "waiting-for-supplier"}}},
		{"a template without a pause state", []process.PendingReason{process.PendingCustomer}, IncidentRules(FirstResponse),
			Condition{Reasons: []string{"waiting-for-customer"}}},
		{"a template's own pending states", []process.PendingReason{process.PendingChange}, Target{Pause: Condition{States: []string{"on-hold", "pending"}}},
			Condition{States: []string{"on-hold", "pending"}, Reasons: []string{"waiting-for-change"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := st
			in.Pause = tt.pause
			rules := tt.rules
			before := slices.Clone(rules.Pause.States)
			got, err := FromServiceTarget(in, cals, rules)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.Pause)
			assert.Equal(t, before, rules.Pause.States, "the template is not changed")
		})
	}
	in := st
	in.Pause = []process.PendingReason{process.PendingCustomer, "waiting-for-godot"}
	_, err := FromServiceTarget(in, cals, IncidentRules(Resolution))
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	assert.Contains(t, err.Error(), "pause[1]")

	// The clocks of one incident waiting for a supplier for two hours of
	// office time (Monday 1 June 2026, 11:00-13:00): the SLA's target runs
	// on, the OLA's that counts the wait against the supplier is paused.
	loc := processtest.Location(t, "Europe/Berlin")
	ticks := []Tick{
		{At: processtest.Local(t, loc, "2026-06-01 09:00"), State: "new"},
		{At: processtest.Local(t, loc, "2026-06-01 11:00"), State: "pending", Reason: "waiting-for-supplier"},
		{At: processtest.Local(t, loc, "2026-06-01 13:00"), State: "in-progress"},
	}
	now := processtest.Local(t, loc, "2026-06-01 14:00")
	sla, err := FromServiceTarget(st, cals, IncidentRules(Resolution))
	require.NoError(t, err)
	ola := st
	ola.Pause = []process.PendingReason{process.PendingCustomer, process.PendingSupplier}
	olaTarget, err := FromServiceTarget(ola, cals, IncidentRules(Resolution))
	require.NoError(t, err)
	s, err := Clock{Target: sla}.At(ticks, now)
	require.NoError(t, err)
	assert.Equal(t, 5*time.Hour, s.Elapsed, "the SLA counts the wait")
	s, err = Clock{Target: olaTarget}.At(ticks, now)
	require.NoError(t, err)
	assert.Equal(t, 3*time.Hour, s.Elapsed, "the OLA does not")
	assert.Equal(t, 2*time.Hour, s.Paused)
	assert.True(t, s.Deadline.Equal(processtest.Local(t, loc, "2026-06-02 11:00")), "5h left at 14:00: deadline %s", s.Deadline)
}
