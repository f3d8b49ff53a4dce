package clock

import (
	"testing"
	"time"

	"github.com/smskit/iso20000/process/calendar"
)

// benchTicks is the timeline of an incident open for six weeks in Berlin
// office hours, waiting for the customer for a day every week.
func benchTicks(loc *time.Location) []Tick {
	start := time.Date(2026, time.March, 2, 10, 0, 0, 0, loc) // Monday, three weeks before summer time
	ticks := []Tick{{At: start, State: "new"}}
	for w := range 6 {
		week := start.AddDate(0, 0, 7*w)
		ticks = append(ticks,
			Tick{At: week.AddDate(0, 0, 1), State: "pending", Reason: "waiting-for-customer"},
			Tick{At: week.AddDate(0, 0, 2), State: "in-progress"},
		)
	}
	return ticks
}

func benchCalendar(b *testing.B) *calendar.Calendar {
	b.Helper()
	return calendar.Must(calendar.Spec{Name: "berlin office", Zone: "Europe/Berlin",
		Week: calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(12, 30)},
			calendar.Interval{Start: calendar.HM(13, 30), End: calendar.HM(17, 0)}),
		Holidays: []calendar.Holiday{
			{Name: "new year", Date: calendar.Date{Year: 2026, Month: time.January, Day: 1}, Yearly: true},
			{Name: "labour day", Date: calendar.Date{Year: 2026, Month: time.May, Day: 1}, Yearly: true},
			{Name: "christmas", Date: calendar.Date{Year: 2026, Month: time.December, Day: 25}, Yearly: true},
			{Feast: calendar.GoodFriday}, {Feast: calendar.EasterMonday},
		}})
}

// benchClock evaluates c over the ticks at an instant past the last one.
func benchClock(b *testing.B, c Clock, ticks []Tick) {
	now := ticks[len(ticks)-1].At.Add(50 * time.Hour)
	if _, err := c.At(ticks, now); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = c.At(ticks, now)
	}
}

// BenchmarkClockDuration times the Status at an instant of a target of
// business hours over an incident's six weeks of pauses.
func BenchmarkClockDuration(b *testing.B) {
	cal := benchCalendar(b)
	target := resolution("P4", 120*time.Hour, cal)
	target.Escalations = []Escalation{{Level: 1, Share: 0.5}, {Level: 2, After: 200 * time.Hour}}
	benchClock(b, Clock{Target: target}, benchTicks(cal.Location()))
}

// BenchmarkClockWorkingDays times the same Status for a target of 15
// working days, whose allowance is fixed at the start with
// Calendar.AddWorkingDays.
func BenchmarkClockWorkingDays(b *testing.B) {
	cal := benchCalendar(b)
	target := inWorkingDays("P4", 15, cal)
	target.Escalations = []Escalation{{Level: 1, Share: 0.5}, {Level: 2, After: 200 * time.Hour}}
	benchClock(b, Clock{Target: target}, benchTicks(cal.Location()))
}
