package interfaces

import (
	"slices"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
)

// TestAuditTypedRecords audits the record types of package process: the
// rules read their typed fields (an incident declared major, a problem whose
// fix needs a change, a change entered on a schedule of change by entry
// rather than by link).
func TestAuditTypedRecords(t *testing.T) {
	s := process.NewMemStore()
	by := process.Actor{Name: "ann", Roles: []process.Role{process.RoleChangeManager, process.RoleMajorIncidentManager}}
	at := day(10)
	put := func(r process.Record) {
		t.Helper()
		if err := s.Put(r); err != nil {
			t.Fatalf("put %s: %v", r.Meta().Title, err)
		}
	}

	svc := process.NewService("payments", "dana", by, at)
	svc.Description, svc.Criticality = "card payments", process.CriticalityCritical
	put(svc)

	inc := process.NewIncident("payments down", by, at)
	if err := inc.SetService(svc.ID, by, at); err != nil {
		t.Fatal(err)
	}
	inc.Description, inc.Category = "card payments fail", "payments"
	inc.Impact, inc.Urgency, inc.Priority = process.LevelHigh, process.LevelHigh, 1
	inc.Major, inc.MajorResponsible, inc.MajorDeclared = true, "ann", at
	inc.Notices = []process.TopManagementNotice{{At: at, By: "ann", Responsible: "ann", Summary: "payments down"}}
	put(inc)

	minor := process.NewIncident("printer jam", by, at)
	if err := minor.SetService(svc.ID, by, at); err != nil {
		t.Fatal(err)
	}
	minor.Description, minor.Category = "jammed", "printing"
	minor.Impact, minor.Urgency, minor.Priority = process.LevelLow, process.LevelLow, 5
	put(minor)

	prb := process.NewProblem("payments keep failing", by, at)
	prb.Description, prb.Category = "root cause unknown", "payments"
	prb.Impact, prb.Urgency, prb.Priority = process.LevelHigh, process.LevelMedium, 2
	prb.NeedsChange = true
	put(prb)

	rfc := process.NewRequestForChange("upgrade gateway", process.ChangeNormal, by, at)
	rfc.Description, rfc.Requester = "new gateway version", "bob"
	rfc.Risk, rfc.ImpactAssessment, rfc.BusinessBenefit, rfc.BackoutPlan = process.LevelMedium, "payments", "fewer failures", "roll back"
	rfc.Window = process.Window{Start: day(20), End: day(20).Add(2 * time.Hour)}
	rfc.Status = "scheduled"
	rfc.History = append(rfc.History,
		process.Event{At: at.Add(time.Hour), Actor: "carol", Action: process.ActionApproved},
		process.Event{At: at.Add(2 * time.Hour), Actor: "ann", Action: process.ActionMoved, From: "authorised", To: "scheduled"})
	rfc.Updated = at.Add(2 * time.Hour)
	put(rfc)

	soc := process.NewScheduleOfChange("schedule Q1", process.Window{Start: day(0), End: day(90)}, by, at)
	soc.Entries = []process.ScheduleEntry{{Change: rfc.ID, Window: rfc.Window}}
	put(soc)

	r, err := Audit(Standard(), s, quarter)
	if err != nil {
		t.Fatal(err)
	}
	got := findingNames(r)
	want := []string{
		"change-security: upgrade gateway",
		"problem-rfc: payments keep failing",
		"major-incident-reported: payments down",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\ngot  %q\nwant %q", got, want)
	}
}
