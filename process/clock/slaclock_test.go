package clock

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServiceTargetClock(t *testing.T) {
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
	office, err := calendar.New(calendar.Spec{Name: "office", Zone: "UTC", Week: calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(17, 0)})})
	require.NoError(t, err)
	target, err := FromServiceTarget(process.ServiceTarget{Name: "resolve", Kind: process.TargetResolution, Value: decimal.NewFromInt(4), Unit: process.UnitHours, Calendar: "office"},
		map[string]*calendar.Calendar{"office": office}, IncidentRules(Resolution))
	require.NoError(t, err)
	mon := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // a Monday
	inc := process.NewIncident("Printer", processtest.Desk, mon)
	_, err = inc.ClassifyByMatrix(processtest.Desk, mon.Add(time.Minute), process.DefaultPriorityMatrix(), "hardware", process.LevelLow, process.LevelMedium)
	require.NoError(t, err)
	require.NoError(t, inc.Assign(processtest.IM, mon.Add(30*time.Minute), "processtest.Desk", "ines"))
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

func TestPriorityMatrixClock(t *testing.T) {
	m := process.DefaultPriorityMatrix()
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
}
