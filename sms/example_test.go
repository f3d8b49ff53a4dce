package sms_test

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/sms"
)

// note is a minimal record type standing in for a host's own records.
type note struct{ process.Header }

func (n *note) Validate() error { return nil }

func ExampleAssess() {
	store := process.NewMemStore()
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for _, k := range []process.RecordKind{process.KindIncident, process.KindServiceRequest, process.KindProblem} {
		_ = store.Put(&note{process.NewHeader(k, "evidence", process.Actor{ID: "auditor"}, at)})
	}
	rep, err := sms.Assess(sms.System{Name: "acme"}, store)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range rep.Findings {
		if f.Requirement.Process == process.IncidentRequestManagement || f.Requirement.Process == process.ProblemManagement {
			fmt.Println(f.Requirement.ID, f.Status, f.Missing)
		}
	}
	// Output:
	// 8.1/a met []
	// 8.1/b not-met [major-incident-review]
	// 8.2/a met []
	// 8.2/b not-met [known-error]
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
	for _, r := range []process.Record{audit, finding, nc, ca} {
		if err := store.Put(r); err != nil {
			fmt.Println(err)
		}
	}
	rep2, _ := sms.Assess(sms.System{}, store)
	for _, f := range rep2.Findings {
		if f.Requirement.ID == "4.5/c" || f.Requirement.ID == "4.5/e" {
			fmt.Println(f.Requirement.ID, f.Status, f.Missing)
		}
	}
	// Output:
	// cm audits change: true
	// <nil> in-progress
	// <nil> corrected
	// closed achieved: true
	// <nil> closed
	// 4.5/c met []
	// 4.5/e partly-met [preventive-action]
}
