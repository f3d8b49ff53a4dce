package process_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
)

// An incident's life from report to closure: recorded, classified,
// assigned, put on hold while the customer is awaited, resolved and closed.
func ExampleIncident() {
	desk := process.Actor{Name: "dana", Roles: []process.Role{process.RoleServiceDesk}}
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
		requester = process.Actor{Name: "alice", Roles: []process.Role{process.RoleChangeAuthority}}
		manager   = process.Actor{Name: "carl", Roles: []process.Role{process.RoleChangeManager}}
		approver  = process.Actor{Name: "bob", Roles: []process.Role{process.RoleChangeAuthority}}
		approver2 = process.Actor{Name: "cleo", Roles: []process.Role{process.RoleChangeAuthority}}
		engineer  = process.Actor{Name: "ivan"}
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
func ExampleIncidentLifecycle() {
	l := process.IncidentLifecycle()
	for _, s := range l.States() {
		fmt.Println(s, "→", l.Next(s))
	}
	// Output:
	// new → [assigned cancelled]
	// assigned → [in-progress pending resolved cancelled]
	// in-progress → [pending resolved cancelled]
	// pending → [in-progress resolved cancelled]
	// resolved → [in-progress closed]
	// closed → []
	// cancelled → []
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
