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
