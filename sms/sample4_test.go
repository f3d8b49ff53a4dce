package sms

import (
	"time"

	"github.com/smskit/iso20000/interfaces"
	"github.com/smskit/iso20000/process"
	pt "github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/require"
)

// sampleSystem is the sample provider's system: a retention period for
// every kind of record, and no process operated by others.
func sampleSystem() System {
	sys := System{Name: "sample"}
	for _, k := range process.Kinds() {
		sys.Retention = append(sys.Retention, Retention{Kind: k, Months: 84})
	}
	return sys
}

// at returns T0 moved by days.
func at(days int) time.Time { return pt.T0.AddDate(0, 0, days) }

// issue stores an issued document of process p (none for the SMS).
func (s *sample) issue(name, title string, p process.Process, external bool) *Document {
	s.t.Helper()
	d := NewDocument(title, "1.0", "rep", pt.Nobody, at(-30))
	d.Process, d.External, d.Location = p, external, "intranet/sms/"+name
	d.ReviewDue = at(300)
	require.NoError(s.t, d.Move(pt.Rep, at(-29), DocApproved, ""))
	require.NoError(s.t, d.Move(pt.Rep, at(-28), DocIssued, ""))
	s.put(name, d)
	return d
}

// attest adds an attestation of requirement id backed by the document.
func (s *sample) attest(id, doc string) {
	s.attestations = append(s.attestations, Attestation{Requirement: id, By: pt.Top, At: at(1),
		Statement: "stated at the management review", Document: s.id(doc), Expires: at(365)})
}

// clause4 adds the records of the SMS itself.
func (s *sample) clause4() {
	t := s.t
	s.issue("sms-doc", "SMS manual", none, false)
	s.issue("standard", "ISO/IEC 20000-1:2011 (purchased copy)", none, true)
	for _, p := range process.All() {
		s.issue("doc-"+p.Code(), p.String()+": process and procedures", p, false)
	}
	for _, id := range []string{"4.1.1/b", "4.1.2/e", "4.1.3/b", "4.3.2/g", "4.3.3/b", "4.4.2/d"} {
		s.attest(id, "sms-doc")
	}

	scope := NewScopeStatement("SMS scope", []string{"email", "hosting"}, []string{"IT operations"}, []string{"Leeds", "Lyon"}, pt.Nobody, at(-20))
	require.NoError(t, scope.Move(pt.Top, at(-19), Approved, ""))
	s.put("scope", scope)

	policy := NewPolicy("Service management policy", "we run our services to the levels agreed with customers", pt.Nobody, at(-20))
	policy.MeetsRequirements, policy.ContinualImprovement = true, true
	policy.ImprovementCriteria = []string{"benefit to customers", "cost", "risk"}
	require.NoError(t, policy.Move(pt.Top, at(-19), Approved, ""))
	s.put("policy", policy)

	objective := NewObjective("Availability", "monthly availability of each service", ">= 99.5%", "rep", pt.Nobody, at(-20))
	require.NoError(t, objective.Move(pt.Top, at(-19), Approved, ""))
	s.put("objective", objective)

	plan := NewPlan("Service management plan 2026", "rep", pt.Nobody, at(-18))
	plan.Objectives = []process.ID{objective.ID}
	plan.ServiceRequirements = []string{"email available 99.5% of office hours"}
	plan.Limitations = []string{"one data centre until Q3"}
	plan.Obligations = []string{"data protection law", "customer contracts"}
	plan.Authorities = []Authority{
		{Role: process.RoleChangeManager, Holder: pt.CM.ID, Responsibilities: "runs change management"},
		{Role: process.RoleIncidentManager, Holder: pt.IM.ID, Responsibilities: "runs incident management"},
		{Role: process.RoleManagementRep, Holder: pt.Rep.ID, Responsibilities: "runs the SMS"},
	}
	plan.Resources = process.Resources{Human: "12 staff", Technical: "two sites", Information: "CMDB", Financial: "budget 2026"}
	plan.OtherParties = "suppliers under contract, reviewed yearly"
	plan.Interfaces = PlanInterfaces(interfaces.Standard(), []Interface{
		{From: process.IncidentRequestManagement, To: process.ProblemManagement, Coordination: "recurring incidents raise problems"},
	})
	plan.RiskApproach, plan.RiskAcceptance = "risk register reviewed monthly", "residual risk low"
	plan.Technology = []string{"ticketing tool", "CMDB"}
	plan.Measurement = "quarterly report, yearly audit, management review"
	s.adjust("plan", plan)
	require.NoError(t, plan.Move(pt.Top, at(-17), Approved, ""))
	s.put("plan", plan)

	for _, au := range plan.Authorities {
		c := NewCompetenceRecord("competence of "+au.Holder, au.Holder, au.Role, []string{"ITIL Foundation", "5 years"}, "rep-deputy", at(-60), pt.Nobody, at(-60))
		s.put("competence-"+au.Holder, c)
	}
	tr := NewTrainingRecord("change training", pt.CM.ID, "CAB chairing", "CAB course", at(-5), pt.Nobody, at(-5))
	tr.Effectiveness = "chaired two CABs without findings"
	s.put("training", tr)

	audit := NewInternalAudit("Internal audit 2026", at(5), []AuditedArea{{Area: "change management", Owners: []string{pt.CM.ID}}}, []string{pt.Auditor.ID}, pt.Nobody, at(-10))
	audit.Criteria, audit.Method = []string{"9.2", "9.3"}, "interviews and a sample of 20 changes"
	if !s.skip["audit-held"] {
		require.NoError(t, audit.Move(pt.Auditor, at(5), AuditInProgress, ""))
		require.NoError(t, audit.Move(pt.Auditor, at(7), AuditReported, ""))
	}
	s.put("audit", audit)
	finding := NewAuditFinding("changes closed without review", audit.ID, FindingNonconformity, "9.2/b", "3 of 20 sampled changes", pt.Auditor, at(7))
	s.put("finding", finding)

	nc := NewNonconformity(finding.Title, finding.Requirement, finding.Evidence, pt.Auditor, at(8))
	nc.Finding = finding.ID
	nc.Correction = "the three reviews held"
	require.NoError(t, nc.Move(pt.CM, at(9), NCCorrected, ""))
	ca := NewCorrectiveAction("review before closure", nc.ID, "closure not gated on review", pt.CM.ID,
		[]Target{{Measure: "changes closed with a review", Target: "100%"}}, pt.CM, at(9))
	ca.Plan, ca.Due = "gate closure on the review in the tool", at(30)
	ca.Targets[0].Result, ca.Targets[0].Met = "20 of 20", true
	moveAction(t, ca.Move, at(10))
	s.put("corrective", ca)
	nc.CorrectiveActions = []process.ID{ca.ID}
	require.NoError(t, nc.Move(pt.Rep, at(40), NCClosed, ""))
	s.put("nonconformity", nc)

	pa := NewPreventiveAction("second DNS provider", "a single DNS provider may fail", pt.CM.ID,
		[]Target{{Measure: "DNS outages", Target: "0"}}, pt.Nobody, at(12))
	pa.Plan, pa.Due = "contract a second provider", at(90)
	require.NoError(t, pa.Move(pt.Rep, at(13), ActionApproved, ""))
	require.NoError(t, pa.Move(pt.CM, at(14), ActionPlanned, ""))
	s.put("preventive", pa)

	review := NewManagementReview("Management review H1 2026", at(20), pt.Top.ID, pt.Nobody, at(20))
	for _, in := range ReviewInputs() {
		review.Inputs[in] = "considered: see the minutes"
	}
	review.Decisions = []string{"fund a second site"}
	review.Actions = []ReviewAction{{What: "cost the second site", Owner: "cfo", Due: at(80)}}
	review.NextDue = at(385)
	s.adjust("review", review)
	s.put("review", review)
}

// moveAction moves an action through every state to closed, approved by
// top management and the management representative.
func moveAction(t require.TestingT, move func(process.Actor, time.Time, ActionState, string) error, when time.Time) {
	for i, step := range []struct {
		to ActionState
		by process.Actor
	}{{ActionApproved, approver}, {ActionPlanned, pt.CM}, {ActionImplemented, pt.CM}, {ActionMeasured, pt.CM}, {ActionClosed, pt.Rep}} {
		require.NoError(t, move(step.by, when.Add(time.Duration(i)*time.Hour), step.to, ""), step.to)
	}
}

// approver holds both roles that approve actions: the management
// representative (corrective and preventive actions) and top management
// (improvements).
var approver = process.Actor{ID: "raj", Roles: []process.Role{process.RoleManagementRep, process.RoleTopManagement}}

// clause4Late adds the Clause 4 records that name records of later
// parts: an other party governed by a supplier contract, and an
// improvement carried out through a request for change.
func (s *sample) clause4Late() {
	t := s.t
	contract := first(t, s.store, process.KindSupplierContract)
	rfc := first(t, s.store, process.KindRequestForChange)

	op := NewOtherParty("Acme Hosting", process.PartySupplier, []process.Process{process.CapacityManagement},
		Governance{Accountable: "capacity manager", Definition: "our capacity process applies", Interfaces: "weekly utilisation reports",
			Measures: []string{"report on time", "forecast error"}, Improvements: "through our improvement register"}, pt.Nobody, at(2))
	if contract != nil {
		require.NoError(t, op.Link(pt.Nobody, at(2), process.LinkType("x-governed-by"), contract.Meta().ID, contract.Meta().Kind))
	}
	s.put("other-party", op)

	m := NewImprovement("self-service password reset", "users wait for the desk to reset passwords", process.LevelHigh, pt.CM.ID,
		[]Target{{Measure: "password tickets a month", Target: "-50%"}}, pt.Nobody, at(3))
	m.Plan, m.Due = "portal with reset", at(60)
	m.Targets[0].Result, m.Targets[0].Met = "-62%", true
	if rfc != nil {
		require.NoError(t, m.Link(pt.Nobody, at(3), process.LinkRaised, rfc.Meta().ID, rfc.Meta().Kind))
	}
	moveAction(t, m.Move, at(4))
	s.put("improvement", m)
}

// first returns the first stored record of kind k, or nil.
func first(t require.TestingT, st process.Store, k process.RecordKind) process.Record {
	for r, err := range st.Records(k) {
		require.NoError(t, err)
		return r
	}
	return nil
}
