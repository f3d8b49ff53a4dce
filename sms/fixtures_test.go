package sms

import (
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The base time and actors of the package's tests: the module's shared
// fixtures.
var (
	t0    = processtest.T0
	clerk = processtest.Nobody  // no role
	board = processtest.Top     // top management
	rep   = processtest.Rep     // management representative
	aud   = processtest.Auditor // internal auditor
)

func validScope() *ScopeStatement {
	return NewScopeStatement("SMS scope", []string{"email"}, []string{"IT operations"}, []string{"Leeds"}, clerk, t0)
}

func validPolicy() *Policy {
	p := NewPolicy("SM policy", "we run services to agreed levels", clerk, t0)
	p.MeetsRequirements, p.ContinualImprovement = true, true
	return p
}

func validObjective() *Objective {
	return NewObjective("availability", "monthly availability", ">= 99.5%", "rep", clerk, t0)
}

func validPlan() *Plan {
	p := NewPlan("SM plan 2026", "rep", clerk, t0)
	p.Objectives = []process.ID{process.NewID()}
	p.ServiceRequirements = []string{"email available in office hours"}
	p.Obligations = []string{"data protection law"}
	p.Authorities = []Authority{{Role: process.RoleChangeManager, Holder: "cm", Responsibilities: "runs change"}}
	p.Resources = process.Resources{Human: "12 staff", Technical: "two sites", Information: "CMDB", Financial: "budget 2026"}
	p.OtherParties = "suppliers under contract, reviewed yearly"
	p.Interfaces = []Interface{{From: process.IncidentRequestManagement, To: process.ProblemManagement, Coordination: "recurring incidents raise problems"}}
	p.RiskApproach, p.RiskAcceptance = "risk register", "residual risk low"
	p.Technology = []string{"ticketing tool"}
	p.Measurement = "quarterly report, yearly audit"
	return p
}

func validParty() *OtherParty {
	return NewOtherParty("Acme Hosting", process.PartySupplier, []process.Process{process.CapacityManagement},
		Governance{Accountable: "capacity manager", Definition: "our capacity process", Interfaces: "weekly reports",
			Measures: []string{"utilisation report on time"}, Improvements: "our improvement register"}, clerk, t0)
}

func validDocument() *Document { return NewDocument("Change procedure", "1.0", "cm", clerk, t0) }

func validAudit() *InternalAudit {
	a := NewInternalAudit("Audit Q1", t0.AddDate(0, 1, 0), []AuditedArea{{Area: "change", Owners: []string{"cm"}}}, []string{"ann"}, clerk, t0)
	a.Criteria, a.Method = []string{"9.2"}, "interviews and samples"
	return a
}

func validFinding() *AuditFinding {
	return NewAuditFinding("RFCs without review", process.NewID(), FindingNonconformity, "9.2/b", "3 of 20 sampled", aud, t0)
}

func validReview() *ManagementReview {
	r := NewManagementReview("Review 2026", t0, "ceo", clerk, t0)
	for _, in := range ReviewInputs() {
		r.Inputs[in] = "considered"
	}
	r.Decisions = []string{"fund a second site"}
	r.Actions = []ReviewAction{{What: "cost the site", Owner: "cfo", Due: t0.AddDate(0, 2, 0)}}
	r.NextDue = t0.AddDate(1, 0, 0)
	return r
}

func validNC() *Nonconformity {
	return NewNonconformity("RFCs without review", "9.2/b", "post-implementation reviews skipped", clerk, t0)
}

func targets() []Target { return []Target{{Measure: "RFCs reviewed", Target: "100%"}} }

func validCA() *CorrectiveAction {
	return NewCorrectiveAction("enforce reviews", process.NewID(), "no reminder", "cm", targets(), clerk, t0)
}

func validPA() *PreventiveAction {
	return NewPreventiveAction("second approver", "approver away", "cm", targets(), clerk, t0)
}

func validImprovement() *Improvement {
	return NewImprovement("self-service resets", "password resets take an hour", process.LevelHigh, "sd", targets(), clerk, t0)
}

func validCompetence() *CompetenceRecord {
	return NewCompetenceRecord("cm competence", "cm", process.RoleChangeManager, []string{"5 years"}, "rep", t0, clerk, t0)
}

func validTraining() *TrainingRecord {
	return NewTrainingRecord("cm training", "cm", "change process", "ITSM foundation", t0, clerk, t0)
}

func fixtures() []process.Record {
	return []process.Record{validScope(), validPolicy(), validObjective(), validPlan(), validParty(), validDocument(),
		validCompetence(), validTraining(), validAudit(), validFinding(), validReview(), validNC(), validCA(), validPA(), validImprovement()}
}

func TestFixturesValidAndCoverEveryKind(t *testing.T) {
	seen := map[process.RecordKind]bool{}
	for _, r := range fixtures() {
		require.NoError(t, r.Validate(), r.Meta().Kind)
		seen[r.Meta().Kind] = true
	}
	for _, k := range process.Kinds() {
		if k.SMS() {
			assert.True(t, seen[k], "no fixture for %s", k)
		}
	}
}
