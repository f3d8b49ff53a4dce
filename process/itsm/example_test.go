package itsm_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/itsm"
)

// A ServiceNow incident's audit rows (sys_audit, as its table API returns
// them) replayed into the library's incident through the checked import,
// then exported back in ServiceNow's shape.
func Example() {
	const sysAudit = `{"result": [
 {"documentkey": "INC0010001", "fieldname": "short_description", "newvalue": "VPN down", "sys_created_on": "2025-01-06 08:00:00", "user": "jdoe"},
 {"documentkey": "INC0010001", "fieldname": "description", "newvalue": "No one can log in", "sys_created_on": "2025-01-06 08:00:00", "user": "jdoe"},
 {"documentkey": "INC0010001", "fieldname": "category", "newvalue": "network", "sys_created_on": "2025-01-06 08:00:00", "user": "jdoe"},
 {"documentkey": "INC0010001", "fieldname": "impact", "newvalue": "1", "sys_created_on": "2025-01-06 08:00:00", "user": "jdoe"},
 {"documentkey": "INC0010001", "fieldname": "urgency", "newvalue": "2", "sys_created_on": "2025-01-06 08:00:00", "user": "jdoe"},
 {"documentkey": "INC0010001", "fieldname": "priority", "newvalue": "2", "sys_created_on": "2025-01-06 08:00:00", "user": "jdoe"},
 {"documentkey": "INC0010001", "fieldname": "business_service", "newvalue": "27d32778c0a8000b00db970eeaa60f16", "sys_created_on": "2025-01-06 08:00:00", "user": "jdoe"},
 {"documentkey": "INC0010001", "fieldname": "assignment_group", "newvalue": "Network", "sys_created_on": "2025-01-06 08:05:00", "user": "jdoe"},
 {"documentkey": "INC0010001", "fieldname": "assigned_to", "newvalue": "beth.anglin", "sys_created_on": "2025-01-06 08:10:00", "user": "beth.anglin"},
 {"documentkey": "INC0010001", "fieldname": "state", "oldvalue": "1", "newvalue": "2", "sys_created_on": "2025-01-06 08:10:00", "user": "beth.anglin"},
 {"documentkey": "INC0010001", "fieldname": "state", "oldvalue": "2", "newvalue": "3", "sys_created_on": "2025-01-06 09:00:00", "user": "beth.anglin"},
 {"documentkey": "INC0010001", "fieldname": "hold_reason", "newvalue": "1", "sys_created_on": "2025-01-06 09:00:00", "user": "beth.anglin"},
 {"documentkey": "INC0010001", "fieldname": "hold_reason", "oldvalue": "1", "newvalue": "4", "sys_created_on": "2025-01-06 10:00:00", "user": "beth.anglin"},
 {"documentkey": "INC0010001", "fieldname": "state", "oldvalue": "3", "newvalue": "6", "sys_created_on": "2025-01-06 12:00:00", "user": "beth.anglin"},
 {"documentkey": "INC0010001", "fieldname": "hold_reason", "oldvalue": "4", "newvalue": "", "sys_created_on": "2025-01-06 12:00:00", "user": "beth.anglin"},
 {"documentkey": "INC0010001", "fieldname": "close_notes", "newvalue": "Vendor fixed the gateway", "sys_created_on": "2025-01-06 12:00:00", "user": "beth.anglin"},
 {"documentkey": "INC0010001", "fieldname": "u_internal", "newvalue": "x", "sys_created_on": "2025-01-06 12:00:00", "user": "beth.anglin"}
]}`
	sn := itsm.ServiceNow()
	rows, err := itsm.ReadRows(sn, strings.NewReader(sysAudit), time.UTC)
	if err != nil {
		fmt.Println(err)
		return
	}
	migrator := process.Actor{ID: "svc-migration"}
	rec, report, err := itsm.Replay(sn, process.KindIncident, rows, &itsm.Options{Source: "servicenow:prod"},
		migrator, time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	inc := rec.(*process.Incident)
	fmt.Println(inc.Title, "is", inc.State(), "with", inc.AssigneeGroup, "/", inc.Assignee)
	for _, e := range inc.History {
		if e.Action == process.ActionMoved {
			fmt.Printf("  %s → %s %s %s\n", e.From, e.To, e.Note, e.Actor)
		}
	}
	fmt.Printf("%d rows: %d placed\n", report.Rows, report.Placed)
	for _, f := range report.Unplaced {
		fmt.Println("not placed:", f.Error())
	}

	ticket, audit, err := itsm.Export(sn, inc, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("state", ticket["state"], "priority", ticket["priority"], "close_notes", ticket["close_notes"])
	fmt.Println(len(audit), "audit rows")
	// Output:
	// VPN down is resolved with Network / beth.anglin
	//   new → assigned Network jdoe
	//   assigned → in-progress  beth.anglin
	//   in-progress → pending waiting-for-customer beth.anglin
	//   pending → pending waiting-for-supplier beth.anglin
	//   pending → resolved  beth.anglin
	// 17 rows: 16 placed
	// not placed: row 16 (u_internal = "x"): field "u_internal" of incident: itsm: not mapped
	// state 6 priority 2 close_notes Vendor fixed the gateway
	// 17 audit rows
}
