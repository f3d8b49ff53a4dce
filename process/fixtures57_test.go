package process

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Fixtures and helpers shared by the tests of the records of Clauses 5–7.

var (
	t57        = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	zeroTime57 time.Time
)

// at57 returns the fixture time plus h hours.
func at57(h int) time.Time { return t57.Add(time.Duration(h) * time.Hour) }

func actor57(name string, roles ...Role) Actor { return Actor{Name: name, Roles: roles} }

var (
	clerk57 = actor57("clerk")
	// every57 holds every role the lifecycles of Clauses 5–7 use.
	every57 = actor57("root", RoleDesignTransitionOwner, RoleServiceOwner, RoleChangeAuthority,
		RoleServiceLevelManager, RoleSecurityManager, RoleTopManagement, RoleRelationshipManager,
		RoleSupplierManager)
)

func target57() ServiceTarget {
	return ServiceTarget{Name: "availability", Kind: TargetAvailability, Value: decimal.RequireFromString("99.5"),
		Unit: UnitPercent, Calendar: "eu-business-hours", Exceptions: []string{"planned maintenance"}}
}

func terms57() AgreementTerms {
	svc := NewID()
	return AgreementTerms{
		Services: []ID{svc},
		Targets: []ServiceTarget{target57(), {Name: "p1-resolution", Kind: TargetResolution,
			Value: decimal.NewFromInt(4), Unit: UnitHours, Calendar: "24x7", Service: svc}},
		Workload:   []WorkloadCharacteristic{{Measure: "tickets", Volume: decimal.NewFromInt(1200), Per: "month", Pattern: "peaks at month end"}},
		Exceptions: []string{"force majeure"},
		Start:      at57(24),
		End:        at57(24 * 365),
	}
}

func resources57() Resources {
	return Resources{Human: "two engineers", Technical: "staging cluster", Information: "runbooks", Financial: "EUR 40k"}
}

func validServiceRequirement() *ServiceRequirement {
	r := NewServiceRequirement("mobile banking", "retail customer", "customers bank from phones", clerk57, t57)
	r.Customer = NewID()
	return r
}

// planItems57 fills every planning item of 5.2 on p.
func planItems57(p *ServicePlan) {
	p.Links = append(p.Links,
		Link{Type: LinkFulfils, To: NewID(), Kind: KindServiceRequirement},
		Link{Type: LinkAcceptedAgainst, To: NewID(), Kind: KindAcceptanceCriterion})
	p.Authorities = []RoleAssignment{{Role: "design", Holder: "architecture"}}
	p.Parties = []PlanParty{{Name: "provider", Work: "build", Provider: true}, {Name: "hoster", Work: "hosting"}}
	p.Communication = "fortnightly bulletin"
	p.Resources = resources57()
	p.Start, p.End = at57(0), at57(24*90)
	p.Risks = []PlanRisk{{Description: "late supplier", Treatment: "penalty clause"}}
	p.Dependencies = []ID{NewID()}
	p.Testing = "load and failover tests"
	p.ExpectedOutcomes = []ExpectedOutcome{{Measure: "availability", Target: "99.5%"}}
	switch p.Type {
	case PlanRemoval:
		p.Removal = &RemovalItems{Date: at57(24 * 60), Archiving: "archive to tape", Disposal: "wipe disks",
			DataTransfer: "export to customer", Decommission: []string{"app-server-1"}}
	case PlanTransfer:
		p.TransferTo = "customer IT"
	}
}

func validServicePlan() *ServicePlan {
	p := NewServicePlan("mobile banking", PlanNew, clerk57, t57)
	planItems57(p)
	p.Status = string(PlanPlanned)
	return p
}

func validServiceDesign() *ServiceDesign {
	d := NewServiceDesign("mobile banking design", clerk57, t57)
	d.Roles = []DesignRole{{Role: "service owner", Responsibility: "outcomes"}}
	d.Activities = []string{"onboarding"}
	d.Agreements = "new SLA and catalogue entry"
	d.SMSChanges = "none"
	d.Resources = resources57()
	d.Skills = []string{"mobile security"}
	d.Technology = []string{"kubernetes"}
	d.Effects = "shares the payments gateway"
	return d
}

func validAcceptanceCriterion() *AcceptanceCriterion {
	return NewAcceptanceCriterion("login time", "login under two seconds", "synthetic probe", clerk57, t57)
}

func validServiceAcceptanceTest() *ServiceAcceptanceTest {
	s := NewServiceAcceptanceTest("acceptance", "staging", at57(10), clerk57, t57)
	s.Results = []CriterionResult{{Criterion: NewID(), Met: true, Evidence: "probe log"}}
	return s
}

func validTransitionReport() *TransitionReport {
	r := NewTransitionReport("mobile banking transition", at57(48), clerk57, t57)
	r.Outcomes = []OutcomeResult{{Measure: "availability", Expected: "99.5%", Achieved: "99.7%", Met: true}}
	return r
}

func validServiceCatalogue() *ServiceCatalogue {
	c := NewServiceCatalogue("catalogue", clerk57, t57)
	a, b := NewID(), NewID()
	c.Entries = []CatalogueEntry{
		{Service: a, Description: "mobile banking", DependsOn: []ID{b}, Components: []string{"app", "api"}},
		{Service: b, Description: "payments"},
	}
	return c
}

func validSLA() *SLA { return NewSLA("gold SLA", NewID(), terms57(), clerk57, t57) }

func validOLA() *OLA { return NewOLA("network OLA", "network team", terms57(), clerk57, t57) }

func validTargetMeasurement() *TargetMeasurement {
	terms := terms57()
	m, err := MeasureTarget(NewID(), &terms, "availability", at57(0), at57(24*30), decimal.RequireFromString("99.1"), clerk57, t57)
	if err != nil {
		panic(err)
	}
	m.Reason = "storage failure"
	m.Action = "replace array"
	return m
}

func validReportDefinition() *ReportDefinition {
	d := NewReportDefinition("monthly service report", "SR-01", "performance against targets", ReportMonthly, clerk57, t57)
	d.Audience = []string{"customer board"}
	d.Sources = []string{"monitoring", "service desk"}
	return d
}

func validServiceReport() *ServiceReport {
	r := NewServiceReport("March report", NewID(), at57(0), at57(24*30), at57(24*31), clerk57, t57)
	r.Sections = []ReportSection{{Topic: TopicPerformance, Summary: "all targets met"}, {Topic: TopicSignificantEvents, Summary: "one major incident"}}
	r.Decisions = []ReportDecision{{Decision: "add capacity", By: "board", At: at57(24 * 32), Actions: []ReportAction{{Action: "order disks", Owner: "ops", Due: at57(24 * 40)}}, CommunicatedTo: []string{"ops"}}}
	return r
}

func validContinuityRiskAssessment() *ContinuityRiskAssessment {
	a := NewContinuityRiskAssessment("2026 continuity risks", at57(0), clerk57, t57)
	a.Services = []ID{NewID()}
	a.Requirements = "restore in 4h"
	a.Risks = []ContinuityRisk{{Description: "data centre loss", Likelihood: LevelLow, Impact: LevelHigh, Treatment: TreatReduce, Action: "second site"}}
	a.NextDue = at57(24 * 365)
	return a
}

func planTerms57() PlanTerms {
	return PlanTerms{
		Services:         []ID{NewID()},
		Invocation:       "duty manager declares a disaster",
		Responsibilities: []RoleAssignment{{Role: "invoker", Holder: "duty manager"}},
		Targets:          []ServiceTarget{target57()},
		Recovery:         []RecoveryRequirement{{Description: "core banking", RecoveryTime: 4 * time.Hour, DataLoss: 15 * time.Minute}},
		ReturnToNormal:   "fail back at a weekend",
		Retest:           "after every major change to the services",
	}
}

func validContinuityPlan() *ContinuityPlan {
	return NewContinuityPlan("continuity plan", planTerms57(), clerk57, t57)
}

func validAvailabilityPlan() *AvailabilityPlan {
	return NewAvailabilityPlan("availability plan", planTerms57(), clerk57, t57)
}

func validPlanTest() *PlanTest {
	p := NewPlanTest("failover test", NewID(), "site loss", at57(5), clerk57, t57)
	p.Results = []PlanTestResult{{Objective: "restore in 4h", Met: false, Observation: "took 5h"}}
	p.Actions = []string{"automate DNS switch"}
	return p
}

func validAvailabilityMeasurement() *AvailabilityMeasurement {
	m := NewAvailabilityMeasurement("March availability", NewID(), at57(0), at57(24*30), decimal.RequireFromString("99.5"), decimal.RequireFromString("99.8"), clerk57, t57)
	m.Outages = []AvailabilityOutage{{Start: at57(10), End: at57(11), Cause: "switch failure", Investigation: "problem raised"}}
	return m
}

func validContinuityInvocation() *ContinuityInvocation {
	c := NewContinuityInvocation("site loss", NewID(), at57(1), "flood", "all services down", clerk57, t57)
	c.Recovery = "failed over to site B"
	c.Recovered, c.Normal = at57(5), at57(48)
	return c
}

func validSecurityPolicy() *SecurityPolicy {
	return NewSecurityPolicy("security policy", "we protect information", "CISO", clerk57, t57)
}

func validSecurityRiskAssessment() *SecurityRiskAssessment {
	a := NewSecurityRiskAssessment("2026 security risks", "all services", at57(0), clerk57, t57)
	ctl := NewID()
	a.Links = append(a.Links, Link{Type: LinkTreatedBy, To: ctl, Kind: KindSecurityControl})
	a.Risks = []SecurityRisk{{Asset: "customer data", Threat: "theft", Likelihood: LevelMedium, Impact: LevelHigh, Treatment: TreatReduce, Owner: "CISO", Controls: []ID{ctl}}}
	return a
}

func validSecurityControl() *SecurityControl {
	c := NewSecurityControl("MFA", "stop credential theft", "IAM lead", clerk57, t57)
	c.Measures = []EffectivenessMeasure{{Name: "coverage", Method: "directory report", Result: "98%", Measured: at57(2)}}
	return c
}

func validAccessAgreement() *AccessAgreement {
	a := NewAccessAgreement("hoster access", "hoster ltd", "production consoles", at57(0), clerk57, t57)
	a.Controls = []string{"named accounts", "session recording"}
	return a
}

func validSecurityIncidentReview() *SecurityIncidentReview {
	r := NewSecurityIncidentReview("Q1 security incidents", at57(0), at57(24*90), at57(24*91), clerk57, t57)
	r.Findings = []SecurityFinding{{Type: "phishing", Count: 12, Impact: "two accounts reset"}}
	r.Improvements = []string{"awareness training"}
	return r
}

func validCustomer() *Customer {
	c := NewCustomer("Acme Bank", "Rita", clerk57, t57)
	c.Contacts = []string{"it@acme.example"}
	return c
}

func validInterestedParty() *InterestedParty {
	return NewInterestedParty("regulator", "supervisor", "outage notifications", clerk57, t57)
}

func validServiceReview() *ServiceReview {
	r := NewServiceReview("2026 review", NewID(), at57(0), 6, clerk57, t57)
	r.Participants = []string{"Rita", "customer CIO"}
	r.Findings = []string{"wants longer hours"}
	return r
}

func validComplaint() *Complaint {
	return NewComplaint("slow payments", NewID(), "customer CIO", "payments slow for a week", at57(0), at57(24*5), clerk57, t57)
}

func validSatisfactionSurvey() *SatisfactionSurvey {
	s := NewSatisfactionSurvey("2026 survey", at57(0), SurveySample{Population: 400, Size: 80, Method: "random by user"}, clerk57, t57)
	s.Results = []SurveyResult{{Question: "overall", Score: decimal.RequireFromString("4.1"), Scale: decimal.NewFromInt(5)}}
	s.Analysis = "stable"
	return s
}

func validSupplier() *Supplier { return NewSupplier("hoster ltd", "Sam", clerk57, t57) }

func validSupplierContract() *SupplierContract {
	c := NewSupplierContract("hosting contract", NewID(), at57(0), clerk57, t57)
	c.Scope = "hosting"
	c.Dependencies = "network from carrier"
	c.Requirements = []string{"two sites"}
	c.Targets = []ServiceTarget{target57()}
	c.Interfaces = "incidents by API"
	c.Integration = "joins our change board"
	c.Workload = []WorkloadCharacteristic{{Measure: "VMs", Volume: decimal.NewFromInt(200), Per: "month"}}
	c.Exceptions = []string{"none"}
	c.Responsibilities = []RoleAssignment{{Role: "account manager", Holder: "hoster ltd"}}
	c.Reporting = "monthly"
	c.Charging = "per VM"
	c.Termination = "six months notice"
	c.Transfer = "assist migration"
	return c
}

func validSupplierReview() *SupplierReview {
	r := NewSupplierReview("hoster review", NewID(), NewID(), at57(0), 12, clerk57, t57)
	r.Participants = []string{"Sam"}
	r.Performance = "met all targets"
	return r
}

func validContractDispute() *ContractDispute {
	return NewContractDispute("credits owed", NewID(), "Sam", "service credits not paid", at57(0), clerk57, t57)
}

// valid57 builds a valid record of every kind of Clauses 5–7.
var valid57 = map[RecordKind]func() Record{
	KindServiceRequirement:       func() Record { return validServiceRequirement() },
	KindServicePlan:              func() Record { return validServicePlan() },
	KindServiceDesign:            func() Record { return validServiceDesign() },
	KindAcceptanceCriterion:      func() Record { return validAcceptanceCriterion() },
	KindServiceAcceptanceTest:    func() Record { return validServiceAcceptanceTest() },
	KindTransitionReport:         func() Record { return validTransitionReport() },
	KindServiceCatalogue:         func() Record { return validServiceCatalogue() },
	KindSLA:                      func() Record { return validSLA() },
	KindOLA:                      func() Record { return validOLA() },
	KindTargetMeasurement:        func() Record { return validTargetMeasurement() },
	KindReportDefinition:         func() Record { return validReportDefinition() },
	KindServiceReport:            func() Record { return validServiceReport() },
	KindContinuityRiskAssessment: func() Record { return validContinuityRiskAssessment() },
	KindContinuityPlan:           func() Record { return validContinuityPlan() },
	KindAvailabilityPlan:         func() Record { return validAvailabilityPlan() },
	KindPlanTest:                 func() Record { return validPlanTest() },
	KindAvailabilityMeasurement:  func() Record { return validAvailabilityMeasurement() },
	KindContinuityInvocation:     func() Record { return validContinuityInvocation() },
	KindSecurityPolicy:           func() Record { return validSecurityPolicy() },
	KindSecurityRiskAssessment:   func() Record { return validSecurityRiskAssessment() },
	KindSecurityControl:          func() Record { return validSecurityControl() },
	KindAccessAgreement:          func() Record { return validAccessAgreement() },
	KindSecurityIncidentReview:   func() Record { return validSecurityIncidentReview() },
	KindCustomer:                 func() Record { return validCustomer() },
	KindInterestedParty:          func() Record { return validInterestedParty() },
	KindServiceReview:            func() Record { return validServiceReview() },
	KindComplaint:                func() Record { return validComplaint() },
	KindSatisfactionSurvey:       func() Record { return validSatisfactionSurvey() },
	KindSupplier:                 func() Record { return validSupplier() },
	KindSupplierContract:         func() Record { return validSupplierContract() },
	KindSupplierReview:           func() Record { return validSupplierReview() },
	KindContractDispute:          func() Record { return validContractDispute() },
}

// vcase57 is one case of a Validate table: mut breaks a valid record, and
// Validate must then name path with reason err.
type vcase57[T Record] struct {
	path string
	err  error
	mut  func(T)
}

// runValidate57 checks that valid() is valid and that each case's mutation
// makes Validate name the case's path and reason.
func runValidate57[T Record](t *testing.T, valid func() T, cases []vcase57[T]) {
	t.Helper()
	t.Run("valid", func(t *testing.T) {
		require.NoError(t, valid().Validate())
	})
	t.Run("header", func(t *testing.T) {
		r := valid()
		r.Meta().Title = ""
		r.Meta().Kind = KindIncident
		var ve *ValidationError
		require.ErrorAs(t, r.Validate(), &ve)
		assert.True(t, ve.Has("title", ErrRequired), "got %v, want title required", ve)
		assert.True(t, ve.Has("kind", ErrInvalidValue), "got %v, want kind invalid", ve)
	})
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			r := valid()
			c.mut(r)
			err := r.Validate()
			var ve *ValidationError
			require.ErrorAs(t, err, &ve, "got %v, want a validation error", err)
			assert.True(t, ve.Has(c.path, c.err), "got %v, want %s: %v", err, c.path, c.err)
			assert.True(t, errors.Is(err, ErrInvalid))
		})
	}
}

// refuse57 applies move to r and checks it is refused with want and leaves
// r exactly as it was.
func refuse57[T Record](t *testing.T, r T, want error, move func(T) error) {
	t.Helper()
	before, err := Copy(r)
	require.NoError(t, err)
	err = move(r)
	require.Error(t, err, "got no error, want %v", want)
	assert.ErrorIs(t, err, want)
	assert.Equal(t, before, r, "record changed by a refused move")
}

// transition57 is refuse57 for lifecycle moves: the error is also a
// *TransitionError.
func transition57[T Record](t *testing.T, r T, want error, move func(T) error) {
	t.Helper()
	refuse57(t, r, want, func(r T) error {
		err := move(r)
		var te *TransitionError
		assert.ErrorAs(t, err, &te)
		return err
	})
}
