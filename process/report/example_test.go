package report_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
	"github.com/smskit/iso20000/process/report"
)

// An incident on office hours in Berlin, logged on Thursday before Easter
// and waiting for the customer over the holidays: one call gives both of
// its targets.
func ExampleTicket() {
	calendars := map[string]*calendar.Calendar{"office": calendar.Must(calendar.Spec{
		Name: "office", Zone: "Europe/Berlin",
		Week:     calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(17, 0)}),
		Holidays: []calendar.Holiday{{Name: "good friday", Feast: calendar.GoodFriday}, {Name: "easter monday", Feast: calendar.EasterMonday}},
	})}
	berlin := calendars["office"].Location()
	at := func(day, hour, min int) time.Time { return time.Date(2026, time.April, day, hour, min, 0, 0, berlin) }
	desk := process.Actor{ID: "dana", Roles: []process.Role{process.RoleServiceDesk}}

	service := process.NewID()
	sla := process.NewSLA("mail", process.NewID(), process.AgreementTerms{
		Services: []process.ID{service},
		Targets: []process.ServiceTarget{
			{Name: "P3 response", Kind: process.TargetResponse, Value: decimal.NewFromInt(2), Unit: process.UnitHours, Calendar: "office"},
			{Name: "P3 resolution", Kind: process.TargetResolution, Value: decimal.NewFromInt(24), Unit: process.UnitHours, Calendar: "office",
				Pause: []process.PendingReason{process.PendingCustomer}},
		},
	}, desk, at(1, 9, 0))

	inc := &process.Incident{Header: process.Header{Title: "mail slow"}, Description: "mail slow", Category: "mail",
		Impact: process.LevelMedium, Urgency: process.LevelMedium, Priority: 3, Service: service}
	_ = inc.Open(desk, at(2, 15, 0))
	_ = inc.Assign(desk, at(2, 16, 0), "messaging", "sam")
	_ = inc.Pend(desk, at(2, 16, 30), process.PendingCustomer)
	_ = inc.Resume(desk, at(7, 10, 0))

	st, err := report.Ticket(inc, sla, calendars, at(8, 12, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range st.Targets {
		fmt.Printf("%s: %s, used %s, paused %s, due %s\n", t.Target, t.State, t.Elapsed, t.Paused, t.Deadline.Format("Mon 2 Jan 15:04"))
	}
	// Output:
	// P3 response: met, used 1h0m0s, paused 0s, due Thu 2 Apr 17:00
	// P3 resolution: running, used 11h30m0s, paused 1h30m0s, due Thu 9 Apr 16:30
}

// A month of a service on office hours with one outage over a weekend and
// one planned change, the planned downtime excluded from the agreed time.
func ExampleAvailability() {
	office := calendar.Must(calendar.Spec{Name: "office", Zone: "UTC",
		Week: calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(17, 0)})})
	day := func(d, h int) time.Time { return time.Date(2026, time.June, d, h, 0, 0, 0, time.UTC) }
	service := process.NewID()
	sla := &process.SLA{AgreementTerms: process.AgreementTerms{Services: []process.ID{service},
		Targets: []process.ServiceTarget{{Name: "availability", Kind: process.TargetAvailability, Value: decimal.RequireFromString("99.5"), Unit: process.UnitPercent, Calendar: "office"}}}}
	outage := &process.Incident{Header: process.Header{ID: process.NewID(), Title: "store down", Status: string(process.IncidentResolved), Created: day(5, 16)},
		Priority: 1, Service: service, Resolved: day(8, 10)} // Friday 16:00 to Monday 10:00: 2h of office hours
	change := &process.RequestForChange{Header: process.Header{ID: process.NewID(), Title: "patch"}, Services: []process.ID{service},
		Window: process.Window{Start: day(10, 16), End: day(10, 18)}, Implementer: "ivan"} // 1h of office hours

	a, err := report.Availability(report.AvailabilityInput{Agreement: sla, Service: service,
		Period:    process.Window{Start: day(1, 0), End: day(1, 0).AddDate(0, 1, 0)}, // 22 working days: 176h
		Incidents: []*process.Incident{outage}, Changes: []*process.RequestForChange{change},
		Calendars: map[string]*calendar.Calendar{"office": office}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s%% of %s agreed (target %s%%, met: %v); down %s unplanned, %s planned; MTRS %s\n",
		a.Achieved, a.Agreed, a.Goal, a.Met, a.UnplannedDowntime, a.PlannedDowntime, a.MTRS)
	for _, o := range a.Investigate() {
		fmt.Println("investigate:", o.Title, o.Downtime)
	}
	// Output:
	// 98.857% of 175h0m0s agreed (target 99.5%, met: false); down 2h0m0s unplanned, 1h0m0s planned; MTRS 2h0m0s
	// investigate: store down 2h0m0s
}
