package process_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// An SLA with an availability target on business hours and a resolution
// target on round-the-clock hours: agreed, put in force, and amended only
// with a request for change.
func ExampleSLA() {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clerk := process.Actor{Name: "clerk"}
	slm := process.Actor{Name: "lee", Roles: []process.Role{process.RoleServiceLevelManager}}
	customer := process.NewCustomer("Acme Bank", "Rita", clerk, at)
	banking := process.NewID()

	terms := process.AgreementTerms{
		Services: []process.ID{banking},
		Targets: []process.ServiceTarget{
			{Name: "availability", Kind: process.TargetAvailability, Value: decimal.RequireFromString("99.5"),
				Unit: process.UnitPercent, Calendar: "eu-business-hours", Exceptions: []string{"planned maintenance"}},
			{Name: "p1-resolution", Kind: process.TargetResolution, Value: decimal.NewFromInt(4),
				Unit: process.UnitHours, Calendar: "24x7"},
		},
		Workload: []process.WorkloadCharacteristic{{Measure: "tickets", Volume: decimal.NewFromInt(1200), Per: "month"}},
		Start:    at.AddDate(0, 0, 1),
	}
	sla := process.NewSLA("Gold banking SLA", customer.ID, terms, clerk, at)
	fmt.Println(sla.State(), sla.Validate() == nil)

	if err := sla.Agree(slm, at.Add(time.Hour), "signed by both sides"); err != nil {
		fmt.Println(err)
	}
	if err := sla.Enforce(slm, terms.Start, ""); err != nil {
		fmt.Println(err)
	}
	for _, t := range sla.Targets {
		fmt.Printf("%s: %s %s on %s hours\n", t.Name, t.Value, t.Unit, t.Calendar)
	}

	tighter := sla.AgreementTerms
	tighter.Targets = []process.ServiceTarget{tighter.Targets[0], tighter.Targets[1]}
	tighter.Targets[0].Value = decimal.RequireFromString("99.9")
	err := sla.Amend(slm, terms.Start.Add(time.Hour), tighter, process.ID{}, "tighter")
	fmt.Println(errors.Is(err, process.ErrPrecondition), sla.Targets[0].Value)

	rfc := process.NewID()
	err = sla.Amend(slm, terms.Start.Add(time.Hour), tighter, rfc, "tighter, as RFC approved")
	fmt.Println(err, sla.Targets[0].Value, sla.HasLink(process.LinkAmendedBy, rfc))
	fmt.Println(sla.State())

	met := sla.Targets[0].Met(decimal.RequireFromString("99.7"))
	fmt.Println("99.7% meets the target:", met)
	// Output:
	// draft true
	// availability: 99.5 percent on eu-business-hours hours
	// p1-resolution: 4 hours on 24x7 hours
	// true 99.5
	// <nil> 99.9 true
	// in-force
	// 99.7% meets the target: false
}

// A lead supplier sub-contracts a carrier, which sub-contracts a fibre
// crew: the provider sees the chain from any of them to the lead.
func ExampleSupplierChain() {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clerk := process.Actor{Name: "clerk"}
	store := process.NewMemStore()

	lead := process.NewSupplier("Hoster Ltd", "Sam", clerk, at)
	carrier := process.NewSubcontractor("Carrier plc", "Sam", lead.ID, clerk, at)
	crew := process.NewSubcontractor("Fibre crew", "Sam", carrier.ID, clerk, at)
	for _, s := range []*process.Supplier{lead, carrier, crew} {
		if err := store.Put(s); err != nil {
			fmt.Println(err)
		}
	}

	chain, err := process.SupplierChain(store, crew.ID)
	if err != nil {
		fmt.Println(err)
	}
	for i, s := range chain {
		fmt.Printf("%d %s (%s)\n", i, s.Title, s.Role)
	}
	// Output:
	// 0 Fibre crew (sub-contracted)
	// 1 Carrier plc (sub-contracted)
	// 2 Hoster Ltd (lead)
}

// A complaint about an incident, from its recording to its closure, with an
// escalation once it is past its due date.
func ExampleComplaint() {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	desk := process.Actor{Name: "desk"}
	rita := process.Actor{Name: "rita", Roles: []process.Role{process.RoleRelationshipManager}}
	customer := process.NewCustomer("Acme Bank", "rita", desk, at)
	incident := process.NewID()

	c := process.NewComplaint("Payments slow all week", customer.ID, "Acme CIO",
		"card payments took minutes", at, at.AddDate(0, 0, 5), desk, at)
	if err := c.Link(desk, at, process.LinkAbout, incident, process.KindIncident); err != nil {
		fmt.Println(err)
	}
	fmt.Println(c.State())

	if err := c.Investigate(rita, at.Add(time.Hour), "asked the incident manager"); err != nil {
		fmt.Println(err)
	}
	fmt.Println(c.State())

	late := at.AddDate(0, 0, 6)
	fmt.Println("overdue:", c.Overdue(late))
	if err := c.Escalate(desk, late, "head of service", "past its due date"); err != nil {
		fmt.Println(err)
	}
	if err := c.Act(rita, late.Add(time.Hour), "a full disk slowed the gateway", []string{"disk alerting", "service credit"}); err != nil {
		fmt.Println(err)
	}
	fmt.Println(c.State())
	if err := c.Report(rita, late.Add(2*time.Hour), []string{"Acme CIO"}, "call and letter"); err != nil {
		fmt.Println(err)
	}
	fmt.Println(c.State())
	if err := c.Close(rita, late.Add(3*time.Hour), "customer accepted the credit"); err != nil {
		fmt.Println(err)
	}
	fmt.Println(c.State(), c.Validate() == nil)
	fmt.Println("escalated to:", c.Escalations[0].To)
	fmt.Println("overdue:", c.Overdue(late.Add(4*time.Hour)))
	// Output:
	// recorded
	// investigating
	// overdue: true
	// actioned
	// reported
	// closed true
	// escalated to: head of service
	// overdue: false
}
