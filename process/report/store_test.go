package report

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/sms"
)

var (
	slm   = process.Actor{ID: "sol", Roles: []process.Role{process.RoleServiceLevelManager}}
	owner = process.Actor{ID: "owen", Roles: []process.Role{process.RoleServiceOwner, process.RoleRelationshipManager, process.RoleContinuityManager}}
	major = process.Actor{ID: "mia", Roles: []process.Role{process.RoleIncidentManager, process.RoleMajorIncidentManager}}
)

// world is the hand-built store of the builder's tests and what it holds.
type world struct {
	store          *process.MemStore
	customer, mail process.ID
	sla            *process.SLA
	def            *process.ReportDefinition
	a, b, c, d, e  *process.Incident
	invocation     *process.ContinuityInvocation
	complaint      *process.Complaint
	survey         *process.SatisfactionSurvey
	nonconformity  *sms.Nonconformity
	march          *process.ServiceReport
}

// april is the report period of the builder's tests: April 2026 in
// Berlin, 20 working days of office hours (Good Friday and Easter Monday
// off) = 160h.
var april = process.Window{Start: bt(time.April, 1, 0, 0), End: bt(time.May, 1, 0, 0)}

func put(t testing.TB, s *process.MemStore, rs ...process.Record) {
	t.Helper()
	for _, r := range rs {
		require.NoError(t, s.Put(r), "%s", r.Meta().Subject())
	}
}

// newWorld builds the store: one customer, the mail service under the
// fixtures' SLA, and in April one met and one breached ticket per
// priority and target:
//
//	a  P1  13 Apr 09:00, assigned 09:10 (10m, met), resolved 11:00 (2h, met)
//	b  P1  14 Apr 09:00, assigned 09:30 (30m, breached), major, resolved 15:00 (6h, breached)
//	c  P3   2 Apr 15:00, assigned 16:00 (1h, met), pending 16:30 to 7 Apr 10:00, resolved 8 Apr 12:00 (11h30m, met)
//	d  P3  20 Apr 09:00, assigned 12:00 (3h, breached), resolved 24 Apr 09:00 (32h, breached)
//
// and e, a P3 of March resolved the day it was logged (workload and trend
// of March). The P1s are the outages: 2h and 6h of office hours.
func newWorld(t testing.TB) *world {
	t.Helper()
	s := process.NewMemStore()
	w := &world{store: s}
	jan := bt(time.January, 1, 0, 0)
	cust := process.NewCustomer("Acme", owner.ID, owner, jan)
	svc := process.NewService("mail", owner.ID, owner, jan)
	cust.ID, svc.ID = fixedID(1), fixedID(2)
	svc.Description, svc.Criticality = "mail for Acme", process.CriticalityHigh
	put(t, s, cust, svc)
	w.customer, w.mail = cust.ID, svc.ID
	w.sla = agreement(cust.ID, svc.ID)
	w.sla.ID = fixedID(3)
	require.NoError(t, w.sla.Agree(slm, jan.Add(time.Hour), "agreed"))
	require.NoError(t, w.sla.Enforce(slm, jan.Add(2*time.Hour), "in force"))
	put(t, s, w.sla)

	declare := func(at time.Time) step {
		return func(i *process.Incident) error { return i.DeclareMajor(major, at, "mia", "mail down for everyone") }
	}
	w.a = incidentID(t, fixedID(10), "mail down", svc.ID, 1, bt(time.April, 13, 9, 0), assign(bt(time.April, 13, 9, 10)), resolve(bt(time.April, 13, 11, 0)))
	w.b = incidentID(t, fixedID(11), "mail store lost", svc.ID, 1, bt(time.April, 14, 9, 0), declare(bt(time.April, 14, 9, 5)),
		assign(bt(time.April, 14, 9, 30)), resolve(bt(time.April, 14, 15, 0)))
	w.c = incidentID(t, fixedID(12), "mail slow", svc.ID, 3, bt(time.April, 2, 15, 0), assign(bt(time.April, 2, 16, 0)),
		pend(bt(time.April, 2, 16, 30)), resume(bt(time.April, 7, 10, 0)), resolve(bt(time.April, 8, 12, 0)))
	w.d = incidentID(t, fixedID(13), "search broken", svc.ID, 3, bt(time.April, 20, 9, 0), assign(bt(time.April, 20, 12, 0)), resolve(bt(time.April, 24, 9, 0)))
	w.e = incidentID(t, fixedID(14), "one mailbox full", svc.ID, 3, bt(time.March, 10, 9, 0), assign(bt(time.March, 10, 9, 30)), resolve(bt(time.March, 10, 11, 0)))
	put(t, s, w.e, w.c, w.a, w.b, w.d)

	plan := process.NewContinuityPlan("mail continuity", process.PlanTerms{
		Services: []process.ID{svc.ID}, Invocation: "the service manager invokes it when the mail store is lost",
		Responsibilities: []process.RoleAssignment{{Role: "invokes the plan", Holder: "owen"}},
		Targets:          []process.ServiceTarget{w.sla.Targets[0]},
		Recovery:         []process.RecoveryRequirement{{Service: svc.ID, Description: "restore the store", RecoveryTime: 4 * time.Hour, DataLoss: time.Hour}},
		ReturnToNormal:   "move back to the primary site", Retest: "after every major change to the mail store",
	}, owner, jan)
	plan.ID = fixedID(20)
	put(t, s, plan)
	w.invocation = process.NewContinuityInvocation("mail store failover", plan.ID, bt(time.April, 14, 10, 0), "mail store lost", "no mail for 6 hours", owner, bt(time.April, 14, 10, 0))
	w.invocation.ID = fixedID(21)
	w.invocation.Recovery = "failed over to the standby store"
	put(t, s, w.invocation)

	w.complaint = process.NewComplaint("mail lost for a day", cust.ID, "carla", "no mail on 14 April", bt(time.April, 15, 9, 0), bt(time.April, 22, 9, 0), owner, bt(time.April, 15, 9, 0))
	w.complaint.ID = fixedID(22)
	w.survey = process.NewSatisfactionSurvey("April pulse", bt(time.April, 28, 12, 0), process.SurveySample{Population: 200, Size: 40, Method: "random"}, owner, bt(time.April, 28, 12, 0))
	w.survey.ID = fixedID(23)
	w.survey.Customer, w.survey.Analysis = cust.ID, "speed of resolution is the main concern"
	w.survey.Results = []process.SurveyResult{
		{Question: "overall", Score: decimal.NewFromInt(4), Scale: decimal.NewFromInt(5)},
		{Question: "speed", Score: decimal.NewFromInt(3), Scale: decimal.NewFromInt(5)},
	}
	w.nonconformity = sms.NewNonconformity("incident reviews late", "8.1", "two major incident reviews held after the agreed time", owner, bt(time.April, 20, 9, 0))
	w.nonconformity.ID = fixedID(24)
	put(t, s, w.complaint, w.survey, w.nonconformity)

	w.def = process.NewReportDefinition("Acme monthly service report", "SR-ACME", "service performance for Acme", process.ReportMonthly, slm, jan)
	w.def.ID = fixedID(25)
	w.def.Audience, w.def.Sources = []string{"Acme service owner"}, []string{"incidents", "changes", "SLA"}
	put(t, s, w.def)
	w.march = process.NewServiceReport("Acme March 2026", w.def.ID, bt(time.March, 1, 0, 0), april.Start, bt(time.April, 1, 9, 0), slm, bt(time.April, 1, 9, 0))
	w.march.ID = fixedID(26)
	w.march.Sections = []process.ReportSection{{Topic: process.TopicSignificantEvents, Summary: "none"}}
	require.NoError(t, w.march.Decide(slm, bt(time.April, 2, 9, 0), process.ReportDecision{
		Decision: "review the mail store's capacity", Actions: []process.ReportAction{{Action: "capacity review of the store", Owner: "owen", Due: bt(time.April, 30, 0, 0)}},
		CommunicatedTo: []string{"Acme service owner"},
	}))
	put(t, s, w.march)
	return w
}
