package clock_test

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
	"github.com/smskit/iso20000/process/clock"
	"github.com/smskit/iso20000/process/priority"
)

// A P3 incident on office hours in Berlin, logged by a service desk in
// UTC, waiting for the customer for a while, then re-prioritised to P2,
// which runs around the clock: the deadline comes from the new target and
// keeps the time used and the time paused.
func ExampleClock_At() {
	hours, err := calendar.New(calendar.Spec{
		Name: "berlin office", Zone: "Europe/Berlin",
		Week:     calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(17, 0)}),
		Holidays: []calendar.Holiday{{Name: "christmas", Date: calendar.Date{Year: 2020, Month: time.December, Day: 25}, Yearly: true}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	matrix := priority.DefaultMatrix()
	p, _ := matrix.Prioritise(process.LevelMedium, process.LevelMedium)
	rules := clock.Target{
		Stop:  clock.Condition{States: []string{"resolved", "closed"}},
		Pause: clock.Condition{States: []string{"pending"}, Reasons: []string{"waiting-for-customer"}},
	}
	p3, _ := clock.FromMatrix(matrix, p.Priority, clock.Resolution, hours, rules)
	p2, _ := clock.FromMatrix(matrix, 2, clock.Resolution, hours, rules)

	utc := func(s string) time.Time { t, _ := time.Parse("2006-01-02 15:04", s); return t }
	ticks := []clock.Tick{
		{At: utc("2026-06-01 08:00"), State: "new"}, // 10:00 in Berlin
		{At: utc("2026-06-01 10:00"), State: "pending", Reason: "waiting-for-customer"},
		{At: utc("2026-06-02 09:00"), State: "in-progress"},
	}
	c := clock.Clock{Target: p3}
	s, _ := c.At(ticks, utc("2026-06-02 12:00"))
	fmt.Printf("%s (matrix %s v%d): %s, used %s, paused %s, due %s\n",
		s.Target, p.Matrix, p.Version, s.State, s.Elapsed, s.Paused, s.Deadline.Format(time.RFC3339))

	c.Changes = []clock.Retarget{{At: utc("2026-06-02 12:00"), Target: p2, Reason: "more users affected"}}
	s, _ = c.At(ticks, utc("2026-06-02 14:00"))
	fmt.Printf("%s: %s, used %s, paused %s, due %s\n", s.Target, s.State, s.Elapsed, s.Paused, s.Deadline.Format(time.RFC3339))
	// Output:
	// P3 medium resolution (matrix default v1): running, used 5h0m0s, paused 7h0m0s, due 2026-06-04T15:00:00Z
	// P2 high resolution: at-risk, used 7h0m0s, paused 7h0m0s, due 2026-06-02T15:00:00Z
}

// A request to be fulfilled within 3 working days of Berlin office hours,
// logged on Friday 22 May 2026 at 15:00, before the Whit Monday holiday:
// due on Thursday at 15:00, and pushed out by the four hours of office time
// it waits for the customer on Tuesday. Its escalation after 20 hours of
// office time used moves with it.
func ExampleTarget_workingDays() {
	hours := calendar.Must(calendar.Spec{
		Name: "berlin office", Zone: "Europe/Berlin",
		Week:     calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(17, 0)}),
		Holidays: []calendar.Holiday{{Name: "whit monday", Feast: calendar.WhitMonday}},
	})
	target := clock.IncidentRules(clock.Resolution)
	target.Name, target.Days, target.Calendar = "request", 3, hours
	target.Escalations = []clock.Escalation{{Level: 1, After: 20 * time.Hour, Notify: "desk lead"}}

	may := func(day, hour int) time.Time { return time.Date(2026, time.May, day, hour, 0, 0, 0, hours.Location()) }
	const when = "Mon 2 Jan 15:04"
	ticks := []clock.Tick{{At: may(22, 15), State: "new"}}
	s, _ := clock.Clock{Target: target}.At(ticks, may(22, 16))
	fmt.Printf("%s: %s, %s left, due %s\n", s.Target, s.State, s.Remaining, s.Deadline.Format(when))

	ticks = append(ticks,
		clock.Tick{At: may(26, 10), State: "pending", Reason: string(process.PendingCustomer)},
		clock.Tick{At: may(26, 14), State: "in-progress"},
	)
	s, _ = clock.Clock{Target: target}.At(ticks, may(26, 15))
	fmt.Printf("%s: %s, used %s, paused %s, due %s, level 1 due %s\n",
		s.Target, s.State, s.Elapsed, s.Paused, s.Deadline.Format(when), s.Escalations[0].At.Format(when))
	// Output:
	// request: running, 23h0m0s left, due Thu 28 May 15:00
	// request: running, used 4h0m0s, paused 4h0m0s, due Fri 29 May 11:00, level 1 due Thu 28 May 15:00
}
