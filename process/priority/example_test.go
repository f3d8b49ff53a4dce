package priority_test

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/priority"
)

// Whether an incident is major is decided by criteria agreed with the
// customer, not by priority alone.
func ExampleMajorCriteria_Evaluate() {
	criteria := priority.DefaultMajorCriteria()
	major, why := criteria.Evaluate(priority.Facts{Priority: 1, CriticalService: true, AffectedUsers: 250})
	fmt.Println(major, why)
	major, why = criteria.Evaluate(priority.Facts{Priority: 1, AffectedUsers: 20})
	fmt.Println(major, why)
	// Output:
	// true [priority 1 on a critical service 100 or more users affected]
	// false []
}

// An incident classified with the default matrix: high impact and medium
// urgency make it a P2, and its history says which matrix computed it.
func ExampleClassify() {
	desk := process.Actor{ID: "dana", Roles: []process.Role{process.RoleServiceDesk}}
	logged := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	inc := process.NewIncident("VPN down", desk, logged)
	p, err := priority.Classify(inc, priority.DefaultMatrix(), "network", process.LevelHigh, process.LevelMedium, desk, logged.Add(time.Minute))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Priority, inc.Priority)
	fmt.Println(inc.History[len(inc.History)-1].Note)
	// Output:
	// P2 P2
	// priority P2 computed by priority matrix default version 1
}
