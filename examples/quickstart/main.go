// Command quickstart walks records of the service management system through
// their lives and prints what happens: an incident from report to closure,
// and a change from request to review, each with a move the library refuses.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/smskit/iso20000/interfaces"
	"github.com/smskit/iso20000/process"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

var (
	desk     = process.Actor{ID: "dana (service desk)", Roles: []process.Role{process.RoleServiceDesk}}
	manager  = process.Actor{ID: "carl (change manager)", Roles: []process.Role{process.RoleChangeManager}}
	alice    = process.Actor{ID: "alice (change authority)", Roles: []process.Role{process.RoleChangeAuthority}}
	bob      = process.Actor{ID: "bob (change authority)", Roles: []process.Role{process.RoleChangeAuthority}}
	cleo     = process.Actor{ID: "cleo (change authority)", Roles: []process.Role{process.RoleChangeAuthority}}
	engineer = process.Actor{ID: "ivan (engineer)"}
)

// clock hands out the times of the story, ten minutes apart.
type clock struct{ t time.Time }

func (c *clock) next() time.Time { c.t = c.t.Add(10 * time.Minute); return c.t }

// step runs one move and prints the state it leads to, or the error.
func step(what string, state func() string, move func() error) error {
	if err := move(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	fmt.Printf("  %-28s → %s\n", what, state())
	return nil
}

func run() error {
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}

	mail := process.NewService("E-mail", "olga", desk, c.t)
	mail.Description, mail.Criticality = "mailboxes and delivery for every employee", process.CriticalityHigh

	fmt.Println("Incident (ISO/IEC 20000-1:2011, 8.1)")
	inc := process.NewIncident("users cannot send mail", desk, c.t)
	inc.Description = "outgoing mail stuck in the queue"
	state := func() string { return inc.State().String() }
	if err := inc.Classify(desk, c.next(), "email", process.LevelHigh, process.LevelMedium, 2); err != nil {
		return err
	}
	if err := inc.SetService(desk, c.next(), mail.ID); err != nil {
		return err
	}
	fmt.Printf("  %-28s → %s, priority %s\n", "reported", state(), inc.Priority)
	if err := inc.Close(desk, c.next()); err != nil {
		fmt.Printf("  refused: %v\n", err)
	}
	for _, s := range []struct {
		what string
		move func() error
	}{
		{"assign to messaging", func() error { return inc.Assign(desk, c.next(), "messaging", "sam") }},
		{"start work", func() error { return inc.Start(desk, c.next()) }},
		{"wait for the customer", func() error { return inc.Pend(desk, c.next(), process.PendingCustomer) }},
		{"customer answered", func() error { return inc.Resume(desk, c.next()) }},
		{"resolve", func() error { return inc.Resolve(desk, c.next(), "restarted the mail relay") }},
		{"close", func() error { return inc.Close(desk, c.next()) }},
	} {
		if err := step(s.what, state, s.move); err != nil {
			return err
		}
	}

	fmt.Println("\nRequest for change (ISO/IEC 20000-1:2011, 9.2)")
	policy := process.NewChangePolicy("change policy", manager, c.t)
	policy.RequiredApprovals = 2
	rfc := process.NewRequestForChange("quota on the mail archive", process.ChangeNormal, alice, c.next())
	rfc.Description = "limit archive folders to 5 GB"
	state = func() string { return rfc.State().String() }
	fmt.Printf("  %-28s → %s\n", "requested by alice", state())
	window := process.Window{Start: c.t.Add(24 * time.Hour), End: c.t.Add(26 * time.Hour)}
	pir := process.NewPostImplementationReview("review of the archive quota", rfc.ID, manager, window.End)
	pir.Held, pir.Reviewers, pir.Findings, pir.Successful = window.End, []string{"carl", "ivan"}, "works as planned", true

	if err := step("assess", state, func() error {
		return rfc.Assess(manager, c.next(), process.Assessment{
			Risk: process.LevelLow, Impact: "mail slower for five minutes",
			BusinessBenefit: "no more full disks", BackoutPlan: "remove the quota",
		})
	}); err != nil {
		return err
	}
	if err := rfc.Authorise(alice, c.next(), policy); err != nil {
		fmt.Printf("  refused: %v\n", err)
	}
	for _, s := range []struct {
		what string
		move func() error
	}{
		{"cleo approves", func() error { return rfc.Approve(cleo, c.next(), process.DecisionApprove, "") }},
		{"bob authorises", func() error { return rfc.Authorise(bob, c.next(), policy) }},
		{"schedule", func() error { return rfc.Schedule(manager, c.next(), window, policy) }},
		{"implement", func() error { return rfc.Implement(engineer, window.Start) }},
		{"complete", func() error { return rfc.Complete(engineer, window.Start.Add(time.Hour), "quota active") }},
		{"review", func() error { return rfc.Review(manager, window.End.Add(time.Hour), pir) }},
		{"close", func() error { return rfc.Close(manager, window.End.Add(2*time.Hour)) }},
	} {
		if err := step(s.what, state, s.move); err != nil {
			return err
		}
	}
	for _, r := range []process.Record{inc, rfc} {
		if err := r.Validate(); err != nil {
			return err
		}
	}
	fmt.Printf("\nThe incident's history has %d entries, the change's %d.\n", len(inc.History), len(rfc.History))
	return integrate([]process.Record{mail, inc, pir, rfc}, rfc.ID)
}

// integrate stores the records and asks the interface graph of Annex A what
// they relate to and what the live records miss.
func integrate(records []process.Record, rfc process.ID) error {
	fmt.Println("\nProcess interfaces (ISO/IEC 20000-2:2012, Annex A)")
	store := process.NewMemStore()
	for _, r := range records {
		if err := store.Put(r); err != nil {
			return err
		}
	}
	g := interfaces.Standard()
	rel, err := interfaces.Related(g, store, rfc)
	if err != nil {
		return err
	}
	for _, m := range rel.Missing {
		fmt.Printf("  the change calls for a %s (%s): %s\n", m.Kind, m.Clause, m.Reason)
	}
	rep, err := interfaces.Audit(g, store, process.Window{})
	if err != nil {
		return err
	}
	fmt.Printf("  audit of %d live records: %d findings\n", rep.Records, len(rep.Findings))
	for _, f := range rep.Findings {
		fmt.Printf("    %s (%s): %s\n", f.Rule, f.Clause, f.Message)
	}
	return nil
}
