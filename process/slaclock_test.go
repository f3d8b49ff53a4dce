package process

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestServiceTargetClock(t *testing.T) {
	office, err := NewCalendar(CalendarSpec{Name: "office", Zone: "Europe/Berlin", Week: MondayToFriday(Interval{HM(9, 0), HM(17, 0)})})
	ok(t, err)
	cals := map[string]*Calendar{"office": office}
	tests := []struct {
		name    string
		target  ServiceTarget
		want    time.Duration
		wantCal *Calendar
		wantErr error
	}{
		{"resolution in hours on service hours", ServiceTarget{Name: "P3", Kind: TargetResolution, Value: decimal.NewFromInt(24), Unit: UnitHours, Calendar: "office"}, 24 * time.Hour, office, nil},
		{"response in fractional minutes", ServiceTarget{Name: "P1", Kind: TargetResponse, Value: decimal.RequireFromString("7.5"), Unit: UnitMinutes}, 450 * time.Second, nil, nil},
		{"days around the clock", ServiceTarget{Name: "req", Kind: TargetResolution, Value: decimal.NewFromInt(2), Unit: UnitDays}, 48 * time.Hour, nil, nil},
		{"days on service hours", ServiceTarget{Name: "P4", Kind: TargetResolution, Value: decimal.NewFromInt(5), Unit: UnitDays, Calendar: "office"}, 0, nil, ErrInvalidValue},
		{"unknown calendar", ServiceTarget{Name: "x", Kind: TargetResolution, Value: decimal.NewFromInt(1), Unit: UnitHours, Calendar: "night"}, 0, nil, ErrNotFound},
		{"not a time target", ServiceTarget{Name: "avail", Kind: TargetAvailability, Value: decimal.NewFromInt(99), Unit: UnitPercent}, 0, nil, ErrInvalidValue},
		{"not a time unit", ServiceTarget{Name: "x", Kind: TargetResolution, Value: decimal.NewFromInt(1), Unit: UnitCount}, 0, nil, ErrInvalidValue},
		{"negative", ServiceTarget{Name: "x", Kind: TargetResolution, Value: decimal.NewFromInt(-1), Unit: UnitHours}, 0, nil, ErrInvalidValue},
		{"too large", ServiceTarget{Name: "x", Kind: TargetResolution, Value: decimal.RequireFromString("1e30"), Unit: UnitHours}, 0, nil, ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.target.Clock(cals, IncidentClockRules(ClockResolution))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			ok(t, err)
			if got.Duration != tt.want || got.Calendar != tt.wantCal || got.Name != tt.target.Name {
				t.Errorf("got %s on %v named %q, want %s on %v", got.Duration, got.Calendar, got.Name, tt.want, tt.wantCal)
			}
			ok(t, got.Validate())
		})
	}
}

// An SLA target drives an incident's resolution clock: the pause while the
// customer is asked does not count, service hours do.
func TestSLAClockOnIncident(t *testing.T) {
	office, err := NewCalendar(CalendarSpec{Name: "office", Zone: "UTC", Week: MondayToFriday(Interval{HM(9, 0), HM(17, 0)})})
	ok(t, err)
	target, err := ServiceTarget{Name: "resolve", Kind: TargetResolution, Value: decimal.NewFromInt(4), Unit: UnitHours, Calendar: "office"}.
		Clock(map[string]*Calendar{"office": office}, IncidentClockRules(ClockResolution))
	ok(t, err)
	mon := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // a Monday
	inc := NewIncident("Printer", desk, mon)
	_, err = inc.ClassifyByMatrix(DefaultPriorityMatrix(), "hardware", LevelLow, LevelMedium, desk, mon.Add(time.Minute))
	ok(t, err)
	ok(t, inc.Assign(im, mon.Add(30*time.Minute), "desk", "ines"))
	ok(t, inc.Start(im, mon.Add(time.Hour)))
	ok(t, inc.Pend(im, mon.Add(2*time.Hour), PendingCustomer))
	ok(t, inc.Resume(im, mon.Add(5*time.Hour)))
	st, err := Clock{Target: target}.At(Timeline(&inc.Header), mon.Add(6*time.Hour))
	ok(t, err)
	if st.Elapsed != 3*time.Hour || st.State != ClockAtRisk {
		t.Errorf("used %s, state %s; want 3h used (2h before the pause, 1h after), at risk", st.Elapsed, st.State)
	}
	if want := mon.Add(6 * time.Hour).Add(time.Hour); !st.Deadline.Equal(want) {
		t.Errorf("deadline %s, want %s", st.Deadline, want)
	}
	first := IncidentClockRules(ClockFirstResponse)
	first.Duration, first.Name = time.Hour, "respond"
	st, err = Clock{Target: first}.At(Timeline(&inc.Header), mon.Add(6*time.Hour))
	ok(t, err)
	if st.State != ClockMet || st.Elapsed != 30*time.Minute {
		t.Errorf("first response: %s after %s, want met after 30m", st.State, st.Elapsed)
	}
}
