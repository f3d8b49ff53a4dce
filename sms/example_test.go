package sms_test

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/sms"
)

// The assessment judges records as they stood at the end of the period:
// a draft policy counts for nothing; once top management approves it,
// the requirements it shows are met (ISO/IEC 20000-1:2011, 4.1.2).
func ExampleAssess() {
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	clerk := process.Actor{ID: "clerk"}
	board := process.Actor{ID: "ceo", Roles: []process.Role{process.RoleTopManagement}}
	quarter := process.Window{Start: at.AddDate(0, 0, -4), End: at.AddDate(0, 3, 0)}

	policy := sms.NewPolicy("Service management policy", "we run our services to agreed levels", clerk, at)
	policy.MeetsRequirements, policy.ContinualImprovement = true, true
	store := process.NewMemStore()
	show := func() {
		rep, err := sms.Assess(sms.System{Name: "acme"}, store, sms.Options{Period: quarter})
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, f := range rep.Findings {
			if f.Requirement.ID == "4.1.2/b" {
				fmt.Println(f.Requirement.ID, f.Status, f.Results[0].Missing)
			}
		}
	}
	show() // the empty store meets nothing
	_ = store.Put(policy)
	show()
	_ = policy.Move(board, at.Add(time.Hour), sms.Approved, "")
	_ = store.Put(policy)
	show()
	// Output:
	// 4.1.2/b not-met [no approved service-management-policy]
	// 4.1.2/b not-met [no approved service-management-policy (1 examined: 1 in state draft)]
	// 4.1.2/b met []
}

// An internal audit finds a nonconformity; the nonconformity is corrected
// and a corrective action removes its cause, measured against its target
// and closed (ISO/IEC 20000-1:2011, 4.5.4.2, 4.5.5.1).
func ExampleCorrectiveAction() {
	at := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	ann := process.Actor{ID: "ann", Roles: []process.Role{process.RoleAuditor}}
	rep := process.Actor{ID: "raj", Roles: []process.Role{process.RoleManagementRep}}
	cm := process.Actor{ID: "cm"}

	audit := sms.NewInternalAudit("Audit Q2", at,
		[]sms.AuditedArea{{Area: "change management", Owners: []string{"cm"}}}, []string{"ann"}, ann, at)
	audit.Criteria, audit.Method = []string{"9.2"}, "sample of 20 changes"
	// The change manager may not audit their own process.
	err := audit.Move(process.Actor{ID: "cm", Roles: []process.Role{process.RoleAuditor}}, at, sms.AuditInProgress, "")
	fmt.Println("cm audits change:", err != nil)
	fmt.Println(audit.Move(ann, at, sms.AuditInProgress, ""), audit.State())

	finding := sms.NewAuditFinding("changes closed without review", audit.ID, sms.FindingNonconformity,
		"9.2/b", "3 of 20 sampled changes", ann, at)
	nc := sms.NewNonconformity(finding.Title, finding.Requirement, finding.Evidence, ann, at)
	nc.Finding = finding.ID
	nc.Correction = "the 3 reviews held"
	fmt.Println(nc.Move(cm, at, sms.NCCorrected, ""), nc.State())

	ca := sms.NewCorrectiveAction("review before closure", nc.ID, "closure not gated on review", "cm",
		[]sms.Target{{Measure: "changes closed with review", Target: "100%"}}, cm, at)
	nc.CorrectiveActions = append(nc.CorrectiveActions, ca.ID)

	later := at.AddDate(0, 2, 0)
	ca.Plan, ca.Due = "gate closure on the review in the tool", at.AddDate(0, 1, 0)
	ca.Targets[0].Result, ca.Targets[0].Met = "20 of 20", true
	for _, step := range []struct {
		to sms.ActionState
		by process.Actor
	}{{sms.ActionApproved, rep}, {sms.ActionPlanned, cm}, {sms.ActionImplemented, cm}, {sms.ActionMeasured, cm}, {sms.ActionClosed, rep}} {
		if err := ca.Move(step.by, later, step.to, ""); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(ca.State(), "achieved:", ca.Achieved())
	fmt.Println(nc.Move(rep, later, sms.NCClosed, ""), nc.State())

	store := process.NewMemStore()
	for _, r := range []process.Record{audit, finding, ca, nc} { // the actions first: a closed nonconformity needs them stored
		if err := store.Put(r); err != nil {
			fmt.Println(err)
		}
	}
	period := process.Window{Start: at, End: at.AddDate(0, 3, 0)}
	rep2, _ := sms.Assess(sms.System{}, store, sms.Options{Period: period})
	for _, f := range rep2.Findings {
		switch f.Requirement.ID {
		case "4.5.4.2/a", "4.5.5.1/c":
			fmt.Println(f.Requirement.ID, f.Status)
			for _, r := range f.Results {
				fmt.Println("  ", r.Rule, r.Status, r.Missing, r.Notes)
			}
		}
	}
	// Output:
	// cm audits change: true
	// <nil> in-progress
	// <nil> corrected
	// closed achieved: true
	// <nil> closed
	// 4.5.4.2/a not-met
	//    audit-reported not-met [no reported internal-audit within 12 months (1 examined: 1 in state in-progress)] []
	// 4.5.5.1/c met
	//    closed met [] []
	//    effective met [] [nonconformities closed in the period: 1, each with its actions closed and effective]
}
