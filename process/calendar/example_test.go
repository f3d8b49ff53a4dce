package calendar_test

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process/calendar"
)

// Business time and deadlines on a calendar in another zone than the
// ticket's: the results keep the caller's location.
func ExampleCalendar_Deadline() {
	kolkata, _ := calendar.New(calendar.Spec{
		Name: "bangalore", Zone: "Asia/Kolkata",
		Week: calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(18, 0)}),
	})
	logged := time.Date(2026, 6, 5, 11, 0, 0, 0, time.UTC) // Friday 16:30 in Kolkata
	due := kolkata.Deadline(logged, 4*time.Hour)
	fmt.Println(due)
	fmt.Println(kolkata.BusinessTime(logged, due))
	// Output:
	// 2026-06-08 06:00:00 +0000 UTC
	// 4h0m0s
}
