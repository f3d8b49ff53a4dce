package process_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// An incident's life from report to closure: recorded, classified,
// assigned, put on hold while the customer is awaited, resolved and closed.
func ExampleIncident() {
	desk := process.Actor{ID: "dana", Roles: []process.Role{process.RoleServiceDesk}}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	step := func() time.Time { at = at.Add(10 * time.Minute); return at }

	inc := process.NewIncident("users cannot send mail", desk, at)
	inc.Description = "outgoing mail stuck in the queue since 08:45"
	_ = inc.Classify(desk, step(), "email", process.LevelHigh, process.LevelMedium, 2)
	_ = inc.SetService(desk, step(), process.NewID())
	fmt.Println("reported:", inc.State(), inc.Priority)

	// Closing before resolution is refused, and changes nothing.
	err := inc.Close(desk, step())
	fmt.Println("close now refused:", errors.Is(err, process.ErrInvalidTransition), inc.State())

	steps := []func() error{
		func() error { return inc.Assign(desk, step(), "messaging", "sam") },
		func() error { return inc.Start(desk, step()) },
		func() error { return inc.Pend(desk, step(), process.PendingCustomer) },
		func() error { return inc.Resume(desk, step()) },
		func() error { return inc.Resolve(desk, step(), "restarted the mail relay") },
		func() error { return inc.Close(desk, step()) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println("now", inc.State())
	}
	fmt.Println("valid:", inc.Validate() == nil)
	// Output:
	// reported: new P2
	// close now refused: true new
	// now assigned
	// now in-progress
	// now pending
	// now in-progress
	// now resolved
	// now closed
	// valid: true
}

// A normal change from request to review: assessed by the change manager,
// approved by two members of the change authority (the requester cannot
// approve it alone), scheduled, implemented and reviewed.
func ExampleRequestForChange() {
	var (
		requester = process.Actor{ID: "alice", Roles: []process.Role{process.RoleChangeAuthority}}
		manager   = process.Actor{ID: "carl", Roles: []process.Role{process.RoleChangeManager}}
		approver  = process.Actor{ID: "bob", Roles: []process.Role{process.RoleChangeAuthority}}
		approver2 = process.Actor{ID: "cleo", Roles: []process.Role{process.RoleChangeAuthority}}
		engineer  = process.Actor{ID: "ivan"}
	)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	step := func() time.Time { at = at.Add(time.Hour); return at }

	policy := process.NewChangePolicy("change policy", manager, at)
	policy.RequiredApprovals = 2

	rfc := process.NewRequestForChange("set a quota on the mail archive", process.ChangeNormal, requester, at)
	rfc.Description = "limit archive folders to 5 GB"
	fmt.Println(rfc.State())

	_ = rfc.Assess(manager, step(), process.Assessment{
		Risk: process.LevelLow, Impact: "mail slower for five minutes",
		BusinessBenefit: "no more full disks", BackoutPlan: "remove the quota",
	})
	fmt.Println(rfc.State())

	// The requester holds the change-authority role but may not be the
	// only approver, and their own approval does not count towards the
	// policy's two.
	err := rfc.Authorise(requester, step(), policy)
	fmt.Println("requester alone:", errors.Is(err, process.ErrSegregation))

	_ = rfc.Approve(approver2, step(), process.DecisionApprove, "")
	if err := rfc.Authorise(approver, step(), policy); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rfc.State(), "with", len(rfc.Approvals), "approvals")

	window := process.Window{Start: at.Add(24 * time.Hour), End: at.Add(26 * time.Hour)}
	_ = rfc.Schedule(manager, step(), window, policy)
	fmt.Println(rfc.State())
	_ = rfc.Implement(engineer, window.Start)
	_ = rfc.Complete(engineer, window.Start.Add(time.Hour), "quota active, no errors")
	fmt.Println(rfc.State(), "by", rfc.Implementer)

	pir := process.NewPostImplementationReview("review of archive quota", rfc.ID, manager, window.End)
	pir.Held, pir.Reviewers, pir.Findings = window.End, []string{"carl", "ivan"}, "quota works as planned"
	pir.Successful = true
	_ = rfc.Review(manager, window.End.Add(time.Hour), pir)
	_ = rfc.Close(manager, window.End.Add(2*time.Hour))
	fmt.Println(rfc.State(), "valid:", rfc.Validate() == nil)
	// Output:
	// requested
	// assessed
	// requester alone: true
	// authorised with 2 approvals
	// scheduled
	// implemented by ivan
	// closed valid: true
}

// The incident lifecycle is data: its states, and where each leads.
func ExampleIncident_Lifecycle() {
	l := (*process.Incident)(nil).Lifecycle()
	for _, s := range l.States() {
		fmt.Println(s, "→", l.Next(s))
	}
	// Output:
	// new → [assigned cancelled]
	// assigned → [new in-progress pending resolved cancelled]
	// in-progress → [new pending resolved cancelled]
	// pending → [in-progress pending resolved cancelled]
	// resolved → [in-progress closed]
	// closed → []
	// cancelled → []
}

// An SLA with an availability target on business hours and a resolution
// target on round-the-clock hours: agreed, put in force, and amended only
// with a request for change.
func ExampleSLA() {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clerk := process.Actor{ID: "clerk"}
	slm := process.Actor{ID: "lee", Roles: []process.Role{process.RoleServiceLevelManager}}
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
	clerk := process.Actor{ID: "clerk"}
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
	desk := process.Actor{ID: "desk"}
	rita := process.Actor{ID: "rita", Roles: []process.Role{process.RoleRelationshipManager}}
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

// A store refuses what the history does not explain: a status written
// rather than moved, and a change edited after its authorisation. The same
// gate, process.Check, is what a host's own store runs before it writes.
func ExampleCheck() {
	desk := process.Actor{ID: "u-1042", Roles: []process.Role{process.RoleServiceDesk}}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	store := process.NewMemStore()
	svc := process.NewService("E-mail", "olga", desk, at)
	svc.Description, svc.Criticality, svc.Customers = "mail for all staff", process.CriticalityHigh, []process.ID{process.NewID()}
	fmt.Println("service stored:", store.Put(svc) == nil)

	inc := process.NewIncident("users cannot send mail", desk, at)
	inc.Description = "outgoing mail stuck in the queue"
	_ = inc.Classify(desk, at, "email", process.LevelHigh, process.LevelMedium, 2)
	_ = inc.SetService(desk, at, svc.ID)
	inc.Status = string(process.IncidentClosed) // written, not moved
	err := store.Put(inc)
	fmt.Println("closed without a move:", errors.Is(err, process.ErrInconsistent))

	inc.Status = string(process.IncidentNew)
	inc.Priority = 1 // written, not set through the history
	err = process.Check(store, inc)
	fmt.Println("priority nobody set:", errors.Is(err, process.ErrInconsistent))
	// Output:
	// service stored: true
	// closed without a move: true
	// priority nobody set: true
}

// A ticket from another tool comes in with its real history: the status is
// derived from its moves, every entry names its source, and a history that
// skips a step is refused.
func ExampleImport() {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	migrator := process.Actor{ID: "svc-migration"}
	inc := &process.Incident{
		Header: process.Header{ID: process.NewID(), Kind: process.KindIncident, Title: "VPN drops",
			Status: string(process.IncidentNew), Created: at, Updated: at,
			History: []process.Event{
				{At: at, Actor: "sn-user-77", Action: process.ActionCreated},
				{At: at.Add(time.Minute), Actor: "sn-user-77", Action: process.ActionChanged, Field: "impact", To: "medium"},
				{At: at.Add(time.Minute), Actor: "sn-user-77", Action: process.ActionChanged, Field: "urgency", To: "medium"},
				{At: at.Add(time.Minute), Actor: "sn-user-77", Action: process.ActionChanged, Field: "priority", To: "P3"},
				{At: at.Add(time.Hour), Actor: "sn-user-12", Action: process.ActionMoved, From: "new", To: "resolved"},
			}},
		Description: "tunnel drops every hour", Reporter: "sn-user-77", Category: "network",
		Impact: process.LevelMedium, Urgency: process.LevelMedium, Priority: 3,
	}
	err := process.Import(inc, "servicenow:prod", migrator, at.Add(24*time.Hour))
	fmt.Println("new → resolved with no assignment refused:", errors.Is(err, process.ErrInconsistent), inc.Status)

	// The real history had the assignment: with it, the import is accepted.
	svc := process.NewID()
	h := &inc.Header
	h.Links = []process.Link{{Type: process.LinkService, To: svc, Kind: process.KindService}}
	h.History = append(h.History[:4],
		process.Event{At: at.Add(time.Minute), Actor: "sn-user-77", Action: process.ActionLinked, Field: string(process.LinkService), To: string(process.KindService), Ref: svc},
		process.Event{At: at.Add(10 * time.Minute), Actor: "sn-user-12", Action: process.ActionMoved, From: "new", To: "assigned"},
		process.Event{At: at.Add(time.Hour), Actor: "sn-user-12", Action: process.ActionMoved, From: "assigned", To: "resolved"})
	inc.Service, inc.AssigneeGroup = svc, "network"
	inc.Resolution, inc.Resolved = "firmware updated", at.Add(time.Hour)
	err = process.Import(inc, "servicenow:prod", migrator, at.Add(24*time.Hour))
	last := inc.History[len(inc.History)-1]
	fmt.Println("accepted:", err == nil, inc.Status, inc.History[1].Source, last.Action)
	// Output:
	// new → resolved with no assignment refused: true new
	// accepted: true resolved servicenow:prod imported
}
