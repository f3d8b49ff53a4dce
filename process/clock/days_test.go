package clock

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/smskit/iso20000/process/calendar"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// berlinOfficeCorpusChristi is berlinOffice closed on Thursday 4 June 2026
// (Corpus Christi, a holiday in much of Germany), so that the week of
// Monday 1 June 2026 has four working days.
func berlinOfficeCorpusChristi(t testing.TB) *calendar.Calendar {
	t.Helper()
	return calendar.Must(calendar.Spec{Name: "office", Zone: "Europe/Berlin",
		Week:     calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(17, 0)}),
		Holidays: []calendar.Holiday{{Name: "corpus christi", Date: calendar.Date{Year: 2026, Month: time.June, Day: 4}}}})
}

func inWorkingDays(name string, days int, c *calendar.Calendar) Target {
	return Target{Name: name, Kind: Resolution, Days: days, Calendar: c,
		Stop: stopResolved, Pause: pauseCustomer, Cancel: cancelled}
}

// TestClockWorkingDays measures targets in working days on hand-worked
// starts: the allowance is the office time from the start (or the next
// opening) to the same time of day so many working days on, and the
// deadline of a clock that runs throughout is that instant
// (Calendar.AddWorkingDays).
func TestClockWorkingDays(t *testing.T) {
	loc := processtest.Location(t, "Europe/Berlin")
	office := berlinOfficeCorpusChristi(t)
	tests := []struct {
		name  string
		cal   *calendar.Calendar
		start string // Berlin wall time
		days  int
		due   string
		allow time.Duration
	}{
		{"three days over a holiday", office, "2026-06-01 10:00", 3, "2026-06-05 10:00", 7*time.Hour + 8*time.Hour + 8*time.Hour + time.Hour},
		{"two days", office, "2026-06-01 10:00", 2, "2026-06-03 10:00", 16 * time.Hour},
		{"the holiday is not counted", office, "2026-06-03 15:00", 1, "2026-06-05 15:00", 2*time.Hour + 6*time.Hour},
		{"over a weekend", office, "2026-06-05 15:00", 1, "2026-06-08 15:00", 8 * time.Hour},
		// Outside the office hours the days count from the next opening.
		{"logged at the opening", office, "2026-06-01 09:00", 1, "2026-06-02 09:00", 8 * time.Hour},
		{"logged before the opening", office, "2026-06-01 07:00", 1, "2026-06-02 09:00", 8 * time.Hour},
		{"logged at the closing", office, "2026-06-01 17:00", 1, "2026-06-03 09:00", 8 * time.Hour},
		{"logged after the closing", office, "2026-06-01 18:00", 1, "2026-06-03 09:00", 8 * time.Hour},
		{"logged on a Saturday", office, "2026-06-06 16:00", 3, "2026-06-11 09:00", 24 * time.Hour},
		{"logged on the holiday", office, "2026-06-04 10:00", 1, "2026-06-08 09:00", 8 * time.Hour},
		{"a week", office, "2026-06-01 10:00", 5, "2026-06-09 10:00", 40 * time.Hour},
		// Berlin moves to summer time on Sunday 29 March 2026: office hours
		// are wall times, so the week keeps its 8-hour days.
		{"over the change to summer time", office, "2026-03-27 10:00", 2, "2026-03-31 10:00", 7*time.Hour + 8*time.Hour + time.Hour},
		{"a day over the change to summer time", office, "2026-03-27 10:00", 1, "2026-03-30 10:00", 8 * time.Hour},
		// Around the clock a day is a civil day in the start's location:
		// the day of the change to summer time holds 23 hours, that of the
		// change back 25.
		{"around the clock", nil, "2026-06-01 10:00", 3, "2026-06-04 10:00", 72 * time.Hour},
		{"around the clock into summer time", nil, "2026-03-28 12:00", 1, "2026-03-29 12:00", 23 * time.Hour},
		{"around the clock out of summer time", nil, "2026-10-24 12:00", 1, "2026-10-25 12:00", 25 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, due := processtest.Local(t, loc, tt.start), processtest.Local(t, loc, tt.due)
			require.True(t, tt.cal.AddWorkingDays(start, tt.days).Equal(due), "the hand-worked due date is the calendar's")
			target := inWorkingDays("P4", tt.days, tt.cal)
			require.NoError(t, target.Validate())
			c := Clock{Target: target}
			ticks := []Tick{{At: start, State: "new"}}

			s, err := c.At(nil, start)
			require.NoError(t, err)
			assert.Equal(t, NotStarted, s.State)
			assert.True(t, s.Deadline.Equal(due), "not started: deadline %s, want %s", s.Deadline, due)
			assert.Equal(t, tt.allow, s.Remaining, "not started: remaining")

			s, err = c.At(ticks, start)
			require.NoError(t, err)
			assert.True(t, s.Deadline.Equal(due), "at the start: deadline %s, want %s", s.Deadline, due)
			assert.Equal(t, tt.allow, s.Remaining, "at the start: remaining")

			s, err = c.At(ticks, due)
			require.NoError(t, err)
			assert.Equal(t, tt.allow, s.Elapsed, "at the deadline: elapsed")
			assert.Equal(t, time.Duration(0), s.Remaining, "at the deadline: remaining")
			assert.False(t, s.Breached, "at the deadline")
			assert.Equal(t, AtRisk, s.State, "at the deadline")
			assert.True(t, s.Deadline.Equal(due), "at the deadline: deadline %s, want %s", s.Deadline, due)

			// An hour of business time past it: breached, at the deadline.
			late := tt.cal.Deadline(due, time.Hour)
			s, err = c.At(ticks, late)
			require.NoError(t, err)
			assert.Equal(t, Breached, s.State, "at %s", late)
			assert.Equal(t, tt.allow+time.Hour, s.Elapsed)
			assert.Equal(t, -time.Hour, s.Remaining)
			assert.True(t, s.Deadline.Equal(due), "breached: deadline %s, want %s", s.Deadline, due)
		})
	}
}

// TestClockWorkingDaysPause pauses a target of 3 working days: the
// allowance is fixed at the start (24h of office time, due Friday 5 June
// 2026 10:00 over the holiday on Thursday), and the four hours of office
// time spent waiting for the customer push the deadline to Friday 14:00.
func TestClockWorkingDaysPause(t *testing.T) {
	loc := processtest.Location(t, "Europe/Berlin")
	at := func(s string) time.Time { return processtest.Local(t, loc, s) }
	c := Clock{Target: inWorkingDays("P4", 3, berlinOfficeCorpusChristi(t))}
	ticks := []Tick{
		{At: at("2026-06-01 10:00"), State: "new"},
		{At: at("2026-06-01 17:30"), State: "pending", Reason: "waiting-for-customer"}, // overnight: no office time lost
		{At: at("2026-06-02 08:30"), State: "in-progress"},
		{At: at("2026-06-02 11:00"), State: "pending", Reason: "waiting-for-customer"},
		{At: at("2026-06-02 15:00"), State: "in-progress"},
		{At: at("2026-06-03 12:00"), State: "resolved"},
	}
	tests := []struct {
		now       string
		state     State
		elapsed   time.Duration
		paused    time.Duration
		remaining time.Duration
		deadline  string
	}{
		{"2026-06-01 20:00", Paused, 7 * time.Hour, 0, 17 * time.Hour, "2026-06-05 10:00"},
		// Running throughout in office time: still the working days' instant.
		{"2026-06-02 10:00", Running, 8 * time.Hour, 0, 16 * time.Hour, "2026-06-05 10:00"},
		// Paused at 11:00 with 15h left: as if it ran from now, Tuesday
		// 12:00: Tue 5h, Wed 8h, (Thursday closed), Fri 2h.
		{"2026-06-02 12:00", Paused, 9 * time.Hour, time.Hour, 15 * time.Hour, "2026-06-05 11:00"},
		// Running again from 15:00: 14h left at 16:00: Tue 1h, Wed 8h, Fri 5h.
		{"2026-06-02 16:00", Running, 10 * time.Hour, 4 * time.Hour, 14 * time.Hour, "2026-06-05 14:00"},
		// Resolved Wednesday 12:00 with 9 + 2 + 3 = 14h used: met; the
		// deadline it would have had.
		{"2026-06-05 09:00", Met, 14 * time.Hour, 4 * time.Hour, 10 * time.Hour, "2026-06-05 14:00"},
	}
	for _, tt := range tests {
		t.Run(tt.now, func(t *testing.T) {
			s, err := c.At(ticks, at(tt.now))
			require.NoError(t, err)
			assert.Equal(t, tt.state, s.State, "state")
			assert.Equal(t, tt.elapsed, s.Elapsed, "elapsed")
			assert.Equal(t, tt.paused, s.Paused, "paused")
			assert.Equal(t, tt.remaining, s.Remaining, "remaining")
			assert.True(t, s.Deadline.Equal(at(tt.deadline)), "deadline: got %s, want %s", s.Deadline, tt.deadline)
		})
	}
}

// TestClockWorkingDaysRetargetReset moves clocks to and from targets in
// working days, keeping the time used, and resets one.
func TestClockWorkingDaysRetargetReset(t *testing.T) {
	loc := processtest.Location(t, "Europe/Berlin")
	at := func(s string) time.Time { return processtest.Local(t, loc, s) }
	office := berlinOfficeCorpusChristi(t)
	ticks := []Tick{{At: at("2026-06-01 10:00"), State: "new"}}
	paused := []Tick{
		{At: at("2026-06-01 10:00"), State: "new"},
		{At: at("2026-06-02 11:00"), State: "pending", Reason: "waiting-for-customer"},
		{At: at("2026-06-02 15:00"), State: "in-progress"},
	}
	reset := inWorkingDays("P4", 3, office)
	reset.Reset = Condition{States: []string{"reassigned"}}
	tests := []struct {
		name      string
		clock     Clock
		ticks     []Tick
		now       string
		elapsed   time.Duration
		remaining time.Duration
		deadline  string
		started   string
	}{
		// 24h of office time until Tuesday 10:00 (8h used), then 2 working
		// days from the start, Wednesday 10:00: 16h allowed, 6h left at
		// Tuesday 12:00; the clock ran throughout.
		{"hours to days", Clock{Target: resolution("P3", 24*time.Hour, office),
			Changes: []Retarget{{At: at("2026-06-02 10:00"), Target: inWorkingDays("P2", 2, office)}}},
			ticks, "2026-06-02 12:00", 10 * time.Hour, 6 * time.Hour, "2026-06-03 10:00", "2026-06-01 10:00"},
		// 3 working days until Tuesday 10:00 (8h used), then 12h around
		// the clock: 3h left at 11:00.
		{"days to hours", Clock{Target: inWorkingDays("P4", 3, office),
			Changes: []Retarget{{At: at("2026-06-02 10:00"), Target: resolution("P2", 12*time.Hour, nil)}}},
			ticks, "2026-06-02 11:00", 9 * time.Hour, 3 * time.Hour, "2026-06-02 14:00", "2026-06-01 10:00"},
		// 3 working days, paused 4h on Tuesday, then 2 working days from
		// the start (16h) on Wednesday 10:00 with 9 + 2 + 1 = 12h used:
		// 4h left, Wednesday 14:00, the 4h pause past Wednesday 10:00.
		{"days to days, paused", Clock{Target: inWorkingDays("P4", 3, office),
			Changes: []Retarget{{At: at("2026-06-03 10:00"), Target: inWorkingDays("P2", 2, office)}}},
			paused, "2026-06-03 10:00", 12 * time.Hour, 4 * time.Hour, "2026-06-03 14:00", "2026-06-01 10:00"},
		// Reset on Wednesday 10:00: 3 working days from there, Friday,
		// Monday, Tuesday 9 June 10:00: 7 + 8 + 8 + 1 = 24h, 1h used.
		{"reset", Clock{Target: reset}, []Tick{
			{At: at("2026-06-01 10:00"), State: "new"},
			{At: at("2026-06-03 10:00"), State: "reassigned"},
		}, "2026-06-03 11:00", time.Hour, 23 * time.Hour, "2026-06-09 10:00", "2026-06-03 10:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.clock.At(tt.ticks, at(tt.now))
			require.NoError(t, err)
			assert.Equal(t, tt.elapsed, s.Elapsed, "elapsed")
			assert.Equal(t, tt.remaining, s.Remaining, "remaining")
			assert.True(t, s.Deadline.Equal(at(tt.deadline)), "deadline: got %s, want %s", s.Deadline, tt.deadline)
			assert.True(t, s.Started.Equal(at(tt.started)), "started: got %s, want %s", s.Started, tt.started)
		})
	}

	// Days to a day target that the time used already passes: breached at
	// the change.
	c := Clock{Target: inWorkingDays("P4", 3, office),
		Changes: []Retarget{{At: at("2026-06-03 10:00"), Target: inWorkingDays("P1", 1, office)}}}
	s, err := c.At(ticks, at("2026-06-03 12:00"))
	require.NoError(t, err)
	assert.Equal(t, Breached, s.State)
	assert.Equal(t, 18*time.Hour, s.Elapsed)
	assert.Equal(t, -10*time.Hour, s.Remaining, "one working day from the start is 8h")
	assert.True(t, s.Deadline.Equal(at("2026-06-03 10:00")), "breached at the change: %s", s.Deadline)
}

// TestClockWorkingDaysNoDeadline: on a calendar open on one exceptional
// date only there is no second working day, so a 2-day target has no
// deadline and tracks the time used.
func TestClockWorkingDaysNoDeadline(t *testing.T) {
	loc := processtest.Location(t, "Europe/Berlin")
	once := calendar.Must(calendar.Spec{Name: "open day", Zone: "Europe/Berlin", Openings: []calendar.Opening{{
		Name: "open day", Date: calendar.Date{Year: 2026, Month: time.June, Day: 6},
		Intervals: []calendar.Interval{{Start: calendar.HM(10, 0), End: calendar.HM(16, 0)}}}}})
	require.True(t, once.HasWorkingTime())
	c := Clock{Target: inWorkingDays("visit", 2, once)}
	start := processtest.Local(t, loc, "2026-06-01 09:00")
	s, err := c.At([]Tick{{At: start, State: "new"}}, processtest.Local(t, loc, "2026-06-08 09:00"))
	require.NoError(t, err)
	assert.Equal(t, Running, s.State)
	assert.Equal(t, 6*time.Hour, s.Elapsed)
	assert.True(t, s.Deadline.IsZero(), "deadline %s", s.Deadline)
	assert.Equal(t, time.Duration(0), s.Remaining)
	assert.False(t, s.Breached)
}

// TestClockWorkingDaysMonotone checks on seeded random starts and numbers
// of days, on office hours in Berlin with holidays (yearly ones, Easter's
// and a closure) over several years with their daylight-saving changes,
// that the deadline of a Days target is AddWorkingDays(start, Days) and
// is monotone: later for more days, and no earlier for a later start.
func TestClockWorkingDaysMonotone(t *testing.T) {
	cal := calendar.Must(calendar.Spec{Name: "berlin office", Zone: "Europe/Berlin",
		Week: calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(17, 0)}),
		Holidays: []calendar.Holiday{
			{Name: "new year", Date: calendar.Date{Year: 2025, Month: time.January, Day: 1}, Yearly: true},
			{Name: "labour day", Date: calendar.Date{Year: 2025, Month: time.May, Day: 1}, Yearly: true},
			{Name: "unity day", Date: calendar.Date{Year: 2025, Month: time.October, Day: 3}, Yearly: true},
			{Name: "christmas", Date: calendar.Date{Year: 2025, Month: time.December, Day: 25}, Yearly: true},
			{Name: "boxing day", Date: calendar.Date{Year: 2025, Month: time.December, Day: 26}, Yearly: true},
			{Feast: calendar.GoodFriday},
			{Feast: calendar.EasterMonday},
		},
		Closures: []calendar.Closure{{Name: "move", From: calendar.Date{Year: 2026, Month: time.July, Day: 27}, To: calendar.Date{Year: 2026, Month: time.August, Day: 7}}},
	})
	loc := cal.Location()
	r := rand.New(rand.NewPCG(20000, 1))
	from := time.Date(2025, time.January, 1, 0, 0, 0, 0, loc)
	span := time.Date(2028, time.January, 1, 0, 0, 0, 0, loc).Sub(from)
	deadline := func(start time.Time, days int) time.Time {
		t.Helper()
		s, err := Clock{Target: inWorkingDays("P4", days, cal)}.At([]Tick{{At: start, State: "new"}}, start)
		if err != nil {
			t.Fatal(err)
		}
		return s.Deadline
	}
	for i := range 2000 {
		start := from.Add(time.Duration(r.Int64N(int64(span))).Truncate(time.Minute))
		days := 1 + r.IntN(30)
		d := deadline(start, days)
		if want := cal.AddWorkingDays(start, days); d.IsZero() || !d.Equal(want) {
			t.Fatalf("case %d: %d days from %s: deadline %s, want AddWorkingDays %s", i, days, start, d, want)
		}
		if more := deadline(start, days+1+r.IntN(5)); !more.After(d) {
			t.Fatalf("case %d: more days from %s are due %s, not after %s", i, start, more, d)
		}
		later := start.Add(time.Duration(r.Int64N(int64(10 * 24 * time.Hour))).Truncate(time.Minute))
		if dl := deadline(later, days); dl.Before(d) {
			t.Fatalf("case %d: %d days from %s are due %s, before %s from the earlier %s", i, days, later, dl, d, start)
		}
	}
}
