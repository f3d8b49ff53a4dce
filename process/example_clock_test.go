package process_test

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
)

// A P3 incident on office hours in Berlin, logged by a service desk in
// UTC, waiting for the customer for a while, then re-prioritised to P2,
// which runs around the clock: the deadline comes from the new target and
// keeps the time used and the time paused.
func ExampleClock_At() {
	hours, err := process.NewCalendar(process.CalendarSpec{
		Name: "berlin office", Zone: "Europe/Berlin",
		Week:     process.MondayToFriday(process.Interval{Start: process.HM(9, 0), End: process.HM(17, 0)}),
		Holidays: []process.Holiday{{Name: "christmas", Date: process.Date{Year: 2020, Month: time.December, Day: 25}, Yearly: true}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	matrix := process.DefaultPriorityMatrix()
	p, _ := matrix.Prioritise(process.LevelMedium, process.LevelMedium)
	rules := process.Target{
		Stop:  process.Condition{States: []string{"resolved", "closed"}},
		Pause: process.Condition{States: []string{"pending"}, Reasons: []string{"waiting-for-customer"}},
	}
	p3, _ := matrix.Clock(p.Priority, process.ClockResolution, hours, rules)
	p2, _ := matrix.Clock(2, process.ClockResolution, hours, rules)

	utc := func(s string) time.Time { t, _ := time.Parse("2006-01-02 15:04", s); return t }
	ticks := []process.Tick{
		{At: utc("2026-06-01 08:00"), State: "new"}, // 10:00 in Berlin
		{At: utc("2026-06-01 10:00"), State: "pending", Reason: "waiting-for-customer"},
		{At: utc("2026-06-02 09:00"), State: "in-progress"},
	}
	clock := process.Clock{Target: p3}
	s, _ := clock.At(ticks, utc("2026-06-02 12:00"))
	fmt.Printf("%s (matrix %s v%d): %s, used %s, paused %s, due %s\n",
		s.Target, p.Matrix, p.Version, s.State, s.Elapsed, s.Paused, s.Deadline.Format(time.RFC3339))

	clock.Changes = []process.Retarget{{At: utc("2026-06-02 12:00"), Target: p2, Reason: "more users affected"}}
	s, _ = clock.At(ticks, utc("2026-06-02 14:00"))
	fmt.Printf("%s: %s, used %s, paused %s, due %s\n", s.Target, s.State, s.Elapsed, s.Paused, s.Deadline.Format(time.RFC3339))
	// Output:
	// P3 medium resolution (matrix default v1): running, used 5h0m0s, paused 7h0m0s, due 2026-06-04T15:00:00Z
	// P2 high resolution: at-risk, used 7h0m0s, paused 7h0m0s, due 2026-06-02T15:00:00Z
}

// Business time and deadlines on a calendar in another zone than the
// ticket's: the results keep the caller's location.
func ExampleCalendar_Deadline() {
	kolkata, _ := process.NewCalendar(process.CalendarSpec{
		Name: "bangalore", Zone: "Asia/Kolkata",
		Week: process.MondayToFriday(process.Interval{Start: process.HM(9, 0), End: process.HM(18, 0)}),
	})
	logged := time.Date(2026, 6, 5, 11, 0, 0, 0, time.UTC) // Friday 16:30 in Kolkata
	due := kolkata.Deadline(logged, 4*time.Hour)
	fmt.Println(due)
	fmt.Println(kolkata.BusinessTime(logged, due))
	// Output:
	// 2026-06-08 06:00:00 +0000 UTC
	// 4h0m0s
}

// Whether an incident is major is decided by criteria agreed with the
// customer, not by priority alone.
func ExampleMajorCriteria_Evaluate() {
	criteria := process.DefaultMajorCriteria()
	major, why := criteria.Evaluate(process.IncidentFacts{Priority: 1, CriticalService: true, AffectedUsers: 250})
	fmt.Println(major, why)
	major, why = criteria.Evaluate(process.IncidentFacts{Priority: 1, AffectedUsers: 20})
	fmt.Println(major, why)
	// Output:
	// true [priority 1 on a critical service 100 or more users affected]
	// false []
}
