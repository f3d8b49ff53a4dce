package clock

import (
	"encoding/json"
	"errors"
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
	cals := map[string]*calendar.Calendar{"office": office}
	tests := []struct {
		name    string
		target  process.ServiceTarget
		want    time.Duration
		wantCal *calendar.Calendar
		wantErr error
	}{
		{"resolution in hours on service hours", process.ServiceTarget{Name: "P3", Kind: process.TargetResolution, Value: decimal.NewFromInt(24), Unit: process.UnitHours, Calendar: "office"}, 24 * time.Hour, office, nil},
		{"response in fractional minutes", process.ServiceTarget{Name: "P1", Kind: process.TargetResponse, Value: decimal.RequireFromString("7.5"), Unit: process.UnitMinutes}, 450 * time.Second, nil, nil},
		{"days around the clock", process.ServiceTarget{Name: "req", Kind: process.TargetResolution, Value: decimal.NewFromInt(2), Unit: process.UnitDays}, 48 * time.Hour, nil, nil},
		{"days on service hours", process.ServiceTarget{Name: "P4", Kind: process.TargetResolution, Value: decimal.NewFromInt(5), Unit: process.UnitDays, Calendar: "office"}, 0, nil, process.ErrInvalidValue},
		{"unknown calendar", process.ServiceTarget{Name: "x", Kind: process.TargetResolution, Value: decimal.NewFromInt(1), Unit: process.UnitHours, Calendar: "night"}, 0, nil, process.ErrNotFound},
		{"not a time target", process.ServiceTarget{Name: "avail", Kind: process.TargetAvailability, Value: decimal.NewFromInt(99), Unit: process.UnitPercent}, 0, nil, process.ErrInvalidValue},
		{"not a time unit", process.ServiceTarget{Name: "x", Kind: process.TargetResolution, Value: decimal.NewFromInt(1), Unit: process.UnitCount}, 0, nil, process.ErrInvalidValue},
		{"negative", process.ServiceTarget{Name: "x", Kind: process.TargetResolution, Value: decimal.NewFromInt(-1), Unit: process.UnitHours}, 0, nil, process.ErrInvalidValue},
		{"too large", process.ServiceTarget{Name: "x", Kind: process.TargetResolution, Value: decimal.RequireFromString("1e30"), Unit: process.UnitHours}, 0, nil, process.ErrInvalidValue},
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
			if got.Duration != tt.want || got.Calendar != tt.wantCal || got.Name != tt.target.Name {
				t.Errorf("got %s on %v named %q, want %s on %v", got.Duration, got.Calendar, got.Name, tt.want, tt.wantCal)
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
