package process

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// Actors of the tests, one per role the rules ask for, and allRole, who
// holds every role a lifecycle of package process asks for.
var (
	desk    = Actor{ID: "dana", Roles: []Role{RoleServiceDesk}}
	im      = Actor{ID: "ines", Roles: []Role{RoleIncidentManager}}
	mim     = Actor{ID: "mika", Roles: []Role{RoleMajorIncidentManager}}
	top     = Actor{ID: "tess", Roles: []Role{RoleTopManagement}}
	pm      = Actor{ID: "paul", Roles: []Role{RoleProblemManager}}
	cm      = Actor{ID: "carl", Roles: []Role{RoleChangeManager}}
	cab1    = Actor{ID: "alice", Roles: []Role{RoleChangeAuthority}}
	cab2    = Actor{ID: "bob", Roles: []Role{RoleChangeAuthority}}
	ecab    = Actor{ID: "erin", Roles: []Role{RoleEmergencyAuthority}}
	rm      = Actor{ID: "rita", Roles: []Role{RoleReleaseManager}}
	cust    = Actor{ID: "cora", Roles: []Role{RoleCustomer}}
	cfgm    = Actor{ID: "cfg", Roles: []Role{RoleConfigurationManager}}
	owner   = Actor{ID: "olga", Roles: []Role{RoleServiceOwner}}
	dto     = Actor{ID: "dora", Roles: []Role{RoleDesignTransitionOwner}}
	slm     = Actor{ID: "lee", Roles: []Role{RoleServiceLevelManager}}
	sec     = Actor{ID: "sid", Roles: []Role{RoleSecurityManager}}
	brm     = Actor{ID: "bea", Roles: []Role{RoleRelationshipManager}}
	sup     = Actor{ID: "sam", Roles: []Role{RoleSupplierManager}}
	nobody  = Actor{ID: "nick"}
	tz      = time.FixedZone("CET", 3600)
	t0      = time.Date(2026, 3, 2, 9, 0, 0, 0, tz)
	allRole = Actor{ID: "root", Roles: []Role{
		RoleServiceDesk, RoleIncidentManager, RoleMajorIncidentManager, RoleProblemManager, RoleChangeManager,
		RoleChangeAuthority, RoleEmergencyAuthority, RoleReleaseManager, RoleConfigurationManager,
		RoleServiceOwner, RoleTopManagement, RoleCustomer,
		RoleDesignTransitionOwner, RoleServiceLevelManager, RoleSecurityManager, RoleRelationshipManager,
		RoleSupplierManager,
	}}
)

// clock hands out instants a minute apart, from t0.
type clock struct{ n int }

func (c *clock) next() time.Time {
	c.n++
	return t0.Add(time.Duration(c.n) * time.Minute)
}

// atHour returns the instant h hours after t0.
func atHour(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }

// ok fails the test at once if err is not nil.
func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// refused runs a move that must fail with want, and checks that it left r
// exactly as it was.
func refused[R any](t *testing.T, r R, want error, move func() error) {
	t.Helper()
	before := clone(r)
	err := move()
	if err == nil {
		t.Fatalf("got no error, want %v", want)
	}
	if !errors.Is(err, want) {
		t.Fatalf("got %v, want an error matching %v", err, want)
	}
	if !reflect.DeepEqual(before, r) {
		t.Fatalf("refused move changed the record:\nbefore %+v\nafter  %+v", before, r)
	}
}

// refusedTransition is refused for a lifecycle move: its error is also a
// *TransitionError.
func refusedTransition[R any](t *testing.T, r R, want error, move func() error) {
	t.Helper()
	refused(t, r, want, func() error {
		err := move()
		if te := (*TransitionError)(nil); err != nil && !errors.As(err, &te) {
			t.Errorf("got %v, want a *TransitionError", err)
		}
		return err
	})
}

// vcase is one case of a Validate table: break the record, expect path.
type vcase[R Record] struct {
	name string
	mut  func(R)
	path string
	err  error
}

// testValidate checks that fresh() validates, that faults of its header
// are all reported at once, and that each case's change makes Validate
// name the case's path with its reason.
func testValidate[R Record](t *testing.T, fresh func(t *testing.T) R, cases []vcase[R]) {
	t.Helper()
	t.Run("valid", func(t *testing.T) {
		if err := fresh(t).Validate(); err != nil {
			t.Fatalf("valid example: got %v, want nil", err)
		}
	})
	t.Run("header", func(t *testing.T) {
		r := fresh(t)
		wrong := KindIncident
		if r.Meta().Kind == KindIncident {
			wrong = KindProblem
		}
		r.Meta().Title, r.Meta().Kind = "", wrong
		err := r.Validate()
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("got %v, want a *ValidationError", err)
		}
		if !ve.Has("title", ErrRequired) || !ve.Has("kind", ErrInvalidValue) {
			t.Fatalf("got %v, want title: %v and kind: %v", err, ErrRequired, ErrInvalidValue)
		}
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := fresh(t)
			c.mut(r)
			err := r.Validate()
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want a *ValidationError", err)
			}
			if !ve.Has(c.path, c.err) {
				t.Fatalf("got %v, want %s: %v", err, c.path, c.err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want it to match ErrInvalid", err)
			}
		})
	}
}

// headerCases are the header faults every record kind reports.
func headerCases[R Record]() []vcase[R] {
	return []vcase[R]{
		{"no id", func(r R) { r.Meta().ID = ID{} }, "id", ErrRequired},
		{"no title", func(r R) { r.Meta().Title = "" }, "title", ErrRequired},
		{"wrong kind", func(r R) { r.Meta().Kind = KindBudget }, "kind", ErrInvalidValue},
		{"no created", func(r R) { r.Meta().Created = time.Time{} }, "created", ErrRequired},
	}
}

// processKinds are the kinds package process has a record type for: the
// kinds of every process but budgeting and accounting (6.4) and capacity
// management (6.5), whose records packages budgeting and capacity model,
// less the service target, which is a part of an agreement
// ([ServiceTarget]), not a record of its own. The records of the SMS
// itself (Clause 4) have no owning process.
func processKinds() []RecordKind {
	var ks []RecordKind
	for _, k := range Kinds() {
		switch o := k.Owner(); {
		case o == "", o == BudgetingAccounting, o == CapacityManagement, k == KindServiceTarget:
		default:
			ks = append(ks, k)
		}
	}
	return ks
}

// --- valid examples of every kind, built through their methods ---

func newService(t *testing.T) *Service {
	t.Helper()
	s := NewService("E-mail", "olga", owner, t0)
	s.Description = "mail for all staff"
	s.Criticality = CriticalityHigh
	s.Customers = []ID{NewID()}
	return s
}

func newIncident(t *testing.T, c *clock) *Incident {
	t.Helper()
	i := NewIncident("mail down", desk, c.next())
	i.Description = "users cannot send mail"
	ok(t, i.Classify(desk, c.next(), "email", LevelHigh, LevelMedium, 2))
	ok(t, i.SetService(desk, c.next(), NewID()))
	ok(t, i.Affect(desk, c.next(), NewID()))
	ok(t, i.Affect(desk, c.next(), NewID()))
	return i
}

func newMajorIncidentReview(t *testing.T) *MajorIncidentReview {
	t.Helper()
	r := NewMajorIncidentReview("review of mail outage", NewID(), mim, t0)
	r.Held = t0.Add(48 * time.Hour)
	r.Reviewers = []string{"mika", "ines"}
	r.Findings = "storage filled up; alerting was missing"
	r.Actions = []string{"add disk alert"}
	return r
}

func newServiceRequest(t *testing.T, c *clock) *ServiceRequest {
	t.Helper()
	r := NewServiceRequest("new laptop", "laptop", desk, c.next())
	r.Description = "standard laptop for new starter"
	ok(t, Set(r, "priority", &r.Priority, 4, ID{}, "", desk, c.next()))
	ok(t, r.SetService(desk, c.next(), NewID()))
	return r
}

func newProblem(t *testing.T, c *clock) *Problem {
	t.Helper()
	p := NewProblem("mail storage fills", pm, c.next())
	p.Description = "mail store fills every month"
	ok(t, p.Classify(pm, c.next(), "email", LevelHigh, LevelLow, 3))
	ok(t, p.AddService(pm, c.next(), NewID()))
	ok(t, p.Affect(pm, c.next(), NewID()))
	p.Incidents = []ID{NewID()}
	return p
}

func newKnownError(t *testing.T, problem ID, c *clock) *KnownError {
	t.Helper()
	k := NewKnownError("mail store fills", problem, "no quota on archive folder", "purge the archive folder", pm, c.next())
	ok(t, k.Affect(pm, c.next(), NewID()))
	return k
}

func newCIType(t *testing.T) *CIType {
	t.Helper()
	ct := NewCIType("Server", "server", cfgm, t0)
	ct.Description = "a physical or virtual server"
	ct.RequiredAttributes = []string{"os", "cpu-count"}
	ct.Versioned = true
	return ct
}

func newCI(t *testing.T, c *clock) *ConfigurationItem {
	t.Helper()
	ci := NewConfigurationItem("mail01", NewID(), cfgm, c.next())
	ci.Description = "mail server"
	ci.Location = "DC1 rack 4"
	ci.Owner = "ops"
	ci.Version = "1.0"
	ci.Attributes = map[string]string{"os": "linux", "cpu-count": "8"}
	ok(t, ci.AddService(cfgm, c.next(), NewID()))
	ok(t, ci.Relate(cfgm, c.next(), RelationRunsOn, NewID()))
	ok(t, ci.AddChange(cfgm, c.next(), NewID()))
	ci.Problems = []ID{NewID()}
	ci.KnownErrors = []ID{NewID()}
	return ci
}

func newCIRelationship(t *testing.T) *CIRelationship {
	t.Helper()
	return NewCIRelationship("mail01 runs on host7", NewID(), RelationRunsOn, NewID(), cfgm, t0)
}

func newBaseline(t *testing.T, release ID, c *clock) *ConfigurationBaseline {
	t.Helper()
	a, b := newCI(t, c), newCI(t, c)
	b.Version = "2.3"
	bl, err := NewConfigurationBaseline("before R1", release, []*ConfigurationItem{a, b}, cfgm, c.next())
	ok(t, err)
	return bl
}

func newConfigurationAudit(t *testing.T) *ConfigurationAudit {
	t.Helper()
	a := NewConfigurationAudit("Q1 CMDB audit", "data centre 1", "audrey", cfgm, t0)
	a.Checked = 120
	a.Deficiencies = []Deficiency{
		{CI: NewID(), Description: "location wrong", Action: "corrected", Corrected: t0.Add(time.Hour)},
		{Description: "switch missing from CMDB"},
	}
	return a
}

func newChangePolicy(t *testing.T) *ChangePolicy {
	t.Helper()
	p := NewChangePolicy("change policy", cm, t0)
	p.ControlledCIs = []ID{NewID()}
	p.ControlledTypes = []ID{NewID()}
	p.MajorImpactCriteria = []string{"affects a critical service for more than an hour"}
	p.StandardChanges = []StandardChange{{Code: "add-mailbox", Description: "create a mailbox"}}
	p.RequiredApprovals = 2
	return p
}

var window1 = Window{Start: t0.Add(72 * time.Hour), End: t0.Add(74 * time.Hour)}

var assessment = Assessment{
	Risk: LevelMedium, Impact: "mail unavailable 30 minutes", BusinessBenefit: "no more outages",
	Feasibility: "done before", FinancialImpact: "none", BackoutPlan: "restore snapshot", BackoutTested: true,
}

func newRFC(t *testing.T, class ChangeClass, c *clock) *RequestForChange {
	t.Helper()
	r := NewRequestForChange("add archive quota", class, desk, c.next())
	r.Description = "set a quota on the archive folder"
	if class == ChangeStandard {
		r.Model = "add-mailbox"
	}
	ok(t, r.AddService(desk, c.next(), NewID()))
	ok(t, r.Affect(desk, c.next(), NewID()))
	return r
}

// rfcTo walks a normal change to state s by the usual path.
func rfcTo(t *testing.T, s ChangeState, c *clock) *RequestForChange {
	t.Helper()
	r := newRFC(t, ChangeNormal, c)
	steps := []struct {
		st ChangeState
		do func() error
	}{
		{ChangeAssessed, func() error { return r.Assess(cm, c.next(), assessment) }},
		{ChangeAuthorised, func() error {
			if err := r.Approve(cab1, c.next(), DecisionApprove, ""); err != nil {
				return err
			}
			return r.Authorise(cab2, c.next(), newChangePolicy(t))
		}},
		{ChangeScheduled, func() error { return r.Schedule(cm, c.next(), window1, nil) }},
		{ChangeImplementing, func() error { return r.Implement(desk, c.next()) }},
		{ChangeImplemented, func() error { return r.Complete(desk, c.next(), "done, checks passed") }},
		{ChangeReviewed, func() error { return r.Review(cm, c.next(), newPIR(t, r.ID)) }},
		{ChangeClosed, func() error { return r.Close(cm, c.next()) }},
	}
	for _, st := range steps {
		if r.State() == s {
			break
		}
		ok(t, st.do())
	}
	if r.State() != s {
		t.Fatalf("rfcTo: got %s, want %s", r.State(), s)
	}
	return r
}

func newPIR(t *testing.T, change ID) *PostImplementationReview {
	t.Helper()
	r := NewPostImplementationReview("PIR archive quota", change, cm, t0)
	r.Held = t0 // before the review is recorded on the change
	r.Reviewers = []string{"carl", "alice"}
	r.Successful = true
	r.Findings = "quota works"
	return r
}

func newSchedule(t *testing.T) *ScheduleOfChange {
	t.Helper()
	s := NewScheduleOfChange("March changes", Window{Start: t0, End: t0.Add(30 * 24 * time.Hour)}, cm, t0)
	s.Blackouts = []Blackout{{Window: Window{Start: t0.Add(10 * 24 * time.Hour), End: t0.Add(11 * 24 * time.Hour)}, Reason: "month-end close"}}
	s.Entries = []ScheduleEntry{{Change: NewID(), Window: window1}}
	return s
}

func newReleasePolicy(t *testing.T) *ReleasePolicy {
	t.Helper()
	p := NewReleasePolicy("release policy", rm, t0)
	p.Frequency = "monthly minor, quarterly major"
	p.Types = []ReleaseType{ReleaseMajor, ReleaseMinor, ReleaseEmergency}
	p.Emergency = "emergency releases follow emergency changes"
	return p
}

func newRelease(t *testing.T, c *clock) *Release {
	t.Helper()
	r := NewRelease("R1", ReleaseMinor, rm, c.next())
	r.Description = "archive quota and fixes"
	r.Version = "1.1"
	r.Planned = window1
	r.Deliverables = []string{"config package"}
	r.DeploymentMeans = "automated roll-out"
	r.AcceptanceCriteria = []Criterion{{Code: "AC1", Description: "mail flows"}, {Code: "AC2", Description: "quota enforced"}}
	ok(t, r.AddChange(rm, c.next(), NewID()))
	ok(t, r.Fix(rm, c.next(), NewID(), KindKnownError))
	ok(t, r.Carry(rm, c.next(), NewID()))
	return r
}

func newAcceptanceTest(t *testing.T, release ID, c *clock) *ReleaseAcceptanceTest {
	t.Helper()
	a := NewReleaseAcceptanceTest("R1 acceptance", release, "acceptance lab", rm, c.next())
	a.Results = []TestResult{{Criterion: "AC1", Passed: true, Evidence: "test log 1"}, {Criterion: "AC2", Passed: true}}
	return a
}

// releaseTo walks a release to state s by the usual path.
func releaseTo(t *testing.T, s ReleaseState, c *clock) *Release {
	t.Helper()
	r := newRelease(t, c)
	steps := []struct {
		st ReleaseState
		do func() error
	}{
		{ReleaseBuilding, func() error { return r.Build(rm, c.next()) }},
		{ReleaseTesting, func() error { return r.Test(rm, c.next()) }},
		{ReleaseAccepted, func() error {
			at := newAcceptanceTest(t, r.ID, c)
			if err := r.Link(rm, c.next(), LinkTestedBy, at.ID, KindReleaseAcceptanceTest); err != nil {
				return err
			}
			return r.Accept(rm, c.next(), at)
		}},
		{ReleaseDeploying, func() error {
			bl := newBaseline(t, r.ID, c) // taken before the deployment starts
			return r.Deploy(rm, c.next(), bl)
		}},
		{ReleaseDeployed, func() error { return r.Complete(rm, c.next()) }},
		{ReleaseReviewed, func() error { return r.Review(rm, c.next(), newPDR(t, r.ID)) }},
		{ReleaseClosed, func() error { return r.Close(rm, c.next()) }},
	}
	for _, st := range steps {
		if r.State() == s {
			break
		}
		ok(t, st.do())
	}
	if r.State() != s {
		t.Fatalf("releaseTo: got %s, want %s", r.State(), s)
	}
	return r
}

func newDeployment(t *testing.T, c *clock) *Deployment {
	t.Helper()
	d, err := NewDeployment("R1 to site A", NewID(), "site A", window1, rm, c.next())
	ok(t, err)
	return d
}

func newPDR(t *testing.T, release ID) *PostDeploymentReview {
	t.Helper()
	r := NewPostDeploymentReview("R1 review", release, Window{Start: t0.Add(-14 * 24 * time.Hour), End: t0}, rm, t0)
	r.Held = t0 // before the review is recorded on the release
	r.Reviewers = []string{"rita", "carl"}
	r.Successful = true
	r.Incidents = []ID{NewID()}
	r.Findings = "two minor incidents"
	return r
}

// --- valid examples of the records of Clauses 5 to 7, created by nobody at
// t0, with their dates in hours from t0 (atHour) ---

// availabilityTarget is a target on business hours, as the agreements,
// continuity plans and supplier contracts set them.
func availabilityTarget() ServiceTarget {
	return ServiceTarget{Name: "availability", Kind: TargetAvailability, Value: decimal.RequireFromString("99.5"),
		Unit: UnitPercent, Calendar: "eu-business-hours", Exceptions: []string{"planned maintenance"}}
}

// agreementTerms are full terms of an SLA or OLA (6.1), in force from a day
// after t0 for a year.
func agreementTerms() AgreementTerms {
	svc := NewID()
	return AgreementTerms{
		Services: []ID{svc},
		Targets: []ServiceTarget{availabilityTarget(), {Name: "p1-resolution", Kind: TargetResolution,
			Value: decimal.NewFromInt(4), Unit: UnitHours, Calendar: "24x7", Service: svc}},
		Workload:   []WorkloadCharacteristic{{Measure: "tickets", Volume: decimal.NewFromInt(1200), Per: "month", Pattern: "peaks at month end"}},
		Exceptions: []string{"force majeure"},
		Start:      atHour(24),
		End:        atHour(24 * 365),
	}
}

// planResources names each kind of resource a plan or design needs.
func planResources() Resources {
	return Resources{Human: "two engineers", Technical: "staging cluster", Information: "runbooks", Financial: "EUR 40k"}
}

func newServiceRequirement(t *testing.T) *ServiceRequirement {
	t.Helper()
	r := NewServiceRequirement("mobile banking", "retail customer", "customers bank from phones", nobody, t0)
	r.Customer = NewID()
	return r
}

// fillPlanItems fills every planning item of 5.2 on p.
func fillPlanItems(p *ServicePlan) {
	for _, l := range []Link{{Type: LinkFulfils, To: NewID(), Kind: KindServiceRequirement}, {Type: LinkAcceptedAgainst, To: NewID(), Kind: KindAcceptanceCriterion}} {
		if err := p.Link(nobody, p.Updated, l.Type, l.To, l.Kind); err != nil {
			panic(err) // a fixture's own links are valid
		}
	}
	p.Authorities = []RoleAssignment{{Role: "design", Holder: "architecture"}}
	p.Parties = []PlanParty{{Name: "provider", Work: "build", Provider: true}, {Name: "hoster", Work: "hosting"}}
	p.Communication = "fortnightly bulletin"
	p.Resources = planResources()
	p.Start, p.End = atHour(0), atHour(24*90)
	p.Risks = []PlanRisk{{Description: "late supplier", Treatment: "penalty clause"}}
	p.Dependencies = []ID{NewID()}
	p.Testing = "load and failover tests"
	p.ExpectedOutcomes = []ExpectedOutcome{{Measure: "availability", Target: "99.5%"}}
	switch p.Type {
	case PlanRemoval:
		p.Removal = &RemovalItems{Date: atHour(24 * 60), Archiving: "archive to tape", Disposal: "wipe disks",
			DataTransfer: "export to customer", Decommission: []string{"app-server-1"}}
	case PlanTransfer:
		p.TransferTo = "customer IT"
	}
}

func newServicePlan(t *testing.T) *ServicePlan {
	t.Helper()
	p := NewServicePlan("mobile banking", PlanNew, nobody, t0)
	fillPlanItems(p)
	ok(t, p.Plan(dto, t0, ""))
	return p
}

func newServiceDesign(t *testing.T) *ServiceDesign {
	t.Helper()
	d := NewServiceDesign("mobile banking design", nobody, t0)
	d.Roles = []DesignRole{{Role: "service owner", Responsibility: "outcomes"}}
	d.Activities = []string{"onboarding"}
	d.Agreements = "new SLA and catalogue entry"
	d.SMSChanges = "none"
	d.Resources = planResources()
	d.Skills = []string{"mobile security"}
	d.Technology = []string{"kubernetes"}
	d.Effects = "shares the payments gateway"
	return d
}

func newAcceptanceCriterion(t *testing.T) *AcceptanceCriterion {
	t.Helper()
	return NewAcceptanceCriterion("login time", "login under two seconds", "synthetic probe", nobody, t0)
}

func newServiceAcceptanceTest(t *testing.T) *ServiceAcceptanceTest {
	t.Helper()
	s := NewServiceAcceptanceTest("acceptance", "staging", atHour(10), nobody, t0)
	s.Results = []CriterionResult{{Criterion: NewID(), Met: true, Evidence: "probe log"}}
	return s
}

func newTransitionReport(t *testing.T) *TransitionReport {
	t.Helper()
	r := NewTransitionReport("mobile banking transition", atHour(48), nobody, t0)
	r.Outcomes = []OutcomeResult{{Measure: "availability", Expected: "99.5%", Achieved: "99.7%", Met: true}}
	return r
}

func newServiceCatalogue(t *testing.T) *ServiceCatalogue {
	t.Helper()
	c := NewServiceCatalogue("catalogue", nobody, t0)
	a, b := NewID(), NewID()
	c.Entries = []CatalogueEntry{
		{Service: a, Description: "mobile banking", DependsOn: []ID{b}, Components: []string{"app", "api"}},
		{Service: b, Description: "payments"},
	}
	return c
}

func newSLA(t *testing.T) *SLA {
	t.Helper()
	return NewSLA("gold SLA", NewID(), agreementTerms(), nobody, t0)
}

func newOLA(t *testing.T) *OLA {
	t.Helper()
	return NewOLA("network OLA", "network team", agreementTerms(), nobody, t0)
}

func newTargetMeasurement(t *testing.T) *TargetMeasurement {
	t.Helper()
	terms := agreementTerms()
	m, err := MeasureTarget(NewID(), &terms, "availability", atHour(0), atHour(24*30), decimal.RequireFromString("99.1"), nobody, t0)
	ok(t, err)
	m.Reason = "storage failure"
	m.Action = "replace array"
	return m
}

func newReportDefinition(t *testing.T) *ReportDefinition {
	t.Helper()
	d := NewReportDefinition("monthly service report", "SR-01", "performance against targets", ReportMonthly, nobody, t0)
	d.Audience = []string{"customer board"}
	d.Sources = []string{"monitoring", "service desk"}
	return d
}

func newServiceReport(t *testing.T) *ServiceReport {
	t.Helper()
	r := NewServiceReport("March report", NewID(), atHour(0), atHour(24*30), atHour(24*31), nobody, t0)
	r.Sections = []ReportSection{{Topic: TopicPerformance, Summary: "all targets met"}, {Topic: TopicSignificantEvents, Summary: "one major incident"}}
	r.Decisions = []ReportDecision{{Decision: "add capacity", By: "board", At: atHour(24 * 32), Actions: []ReportAction{{Action: "order disks", Owner: "ops", Due: atHour(24 * 40)}}, CommunicatedTo: []string{"ops"}}}
	return r
}

func newContinuityRiskAssessment(t *testing.T) *ContinuityRiskAssessment {
	t.Helper()
	a := NewContinuityRiskAssessment("2026 continuity risks", atHour(0), nobody, t0)
	a.Services = []ID{NewID()}
	a.Requirements = "restore in 4h"
	a.Risks = []ContinuityRisk{{Description: "data centre loss", Likelihood: LevelLow, Impact: LevelHigh, Treatment: TreatReduce, Action: "second site"}}
	a.NextDue = atHour(24 * 365)
	return a
}

// planTerms are full terms of a continuity or availability plan (6.3).
func planTerms() PlanTerms {
	return PlanTerms{
		Services:         []ID{NewID()},
		Invocation:       "duty manager declares a disaster",
		Responsibilities: []RoleAssignment{{Role: "invoker", Holder: "duty manager"}},
		Targets:          []ServiceTarget{availabilityTarget()},
		Recovery:         []RecoveryRequirement{{Description: "core banking", RecoveryTime: 4 * time.Hour, DataLoss: 15 * time.Minute}},
		ReturnToNormal:   "fail back at a weekend",
		Retest:           "after every major change to the services",
	}
}

func newContinuityPlan(t *testing.T) *ContinuityPlan {
	t.Helper()
	return NewContinuityPlan("continuity plan", planTerms(), nobody, t0)
}

func newAvailabilityPlan(t *testing.T) *AvailabilityPlan {
	t.Helper()
	return NewAvailabilityPlan("availability plan", planTerms(), nobody, t0)
}

func newPlanTest(t *testing.T) *PlanTest {
	t.Helper()
	p := NewPlanTest("failover test", NewID(), "site loss", atHour(5), nobody, t0)
	p.Results = []PlanTestResult{{Objective: "restore in 4h", Met: false, Observation: "took 5h"}}
	p.Actions = []string{"automate DNS switch"}
	return p
}

func newAvailabilityMeasurement(t *testing.T) *AvailabilityMeasurement {
	t.Helper()
	m := NewAvailabilityMeasurement("March availability", NewID(), atHour(0), atHour(24*30), decimal.RequireFromString("99.5"), decimal.RequireFromString("99.8"), nobody, t0)
	m.Outages = []AvailabilityOutage{{Start: atHour(10), End: atHour(11), Cause: "switch failure", Investigation: "problem raised"}}
	return m
}

func newContinuityInvocation(t *testing.T) *ContinuityInvocation {
	t.Helper()
	c := NewContinuityInvocation("site loss", NewID(), atHour(1), "flood", "all services down", nobody, t0)
	c.Recovery = "failed over to site B"
	c.Recovered, c.Normal = atHour(5), atHour(48)
	return c
}

func newSecurityPolicy(t *testing.T) *SecurityPolicy {
	t.Helper()
	return NewSecurityPolicy("security policy", "we protect information", "CISO", nobody, t0)
}

func newSecurityRiskAssessment(t *testing.T) *SecurityRiskAssessment {
	t.Helper()
	a := NewSecurityRiskAssessment("2026 security risks", "all services", atHour(0), nobody, t0)
	ctl := NewID()
	ok(t, a.Link(nobody, t0, LinkTreatedBy, ctl, KindSecurityControl))
	a.Risks = []SecurityRisk{{Asset: "customer data", Threat: "theft", Likelihood: LevelMedium, Impact: LevelHigh, Treatment: TreatReduce, Owner: "CISO", Controls: []ID{ctl}}}
	return a
}

func newSecurityControl(t *testing.T) *SecurityControl {
	t.Helper()
	c := NewSecurityControl("MFA", "stop credential theft", "IAM lead", nobody, t0)
	c.Measures = []EffectivenessMeasure{{Name: "coverage", Method: "directory report", Result: "98%", Measured: atHour(2)}}
	return c
}

func newAccessAgreement(t *testing.T) *AccessAgreement {
	t.Helper()
	a := NewAccessAgreement("hoster access", "hoster ltd", "production consoles", atHour(0), nobody, t0)
	a.Controls = []string{"named accounts", "session recording"}
	return a
}

func newSecurityIncidentReview(t *testing.T) *SecurityIncidentReview {
	t.Helper()
	r := NewSecurityIncidentReview("Q1 security incidents", atHour(0), atHour(24*90), atHour(24*91), nobody, t0)
	r.Findings = []SecurityFinding{{Type: "phishing", Count: 12, Impact: "two accounts reset"}}
	r.Improvements = []string{"awareness training"}
	return r
}

func newCustomer(t *testing.T) *Customer {
	t.Helper()
	c := NewCustomer("Acme Bank", "Rita", nobody, t0)
	c.Contacts = []string{"it@acme.example"}
	return c
}

func newInterestedParty(t *testing.T) *InterestedParty {
	t.Helper()
	return NewInterestedParty("regulator", "supervisor", "outage notifications", nobody, t0)
}

func newServiceReview(t *testing.T) *ServiceReview {
	t.Helper()
	r := NewServiceReview("2026 review", NewID(), atHour(0), 6, nobody, t0)
	r.Participants = []string{"Rita", "customer CIO"}
	r.Findings = []string{"wants longer hours"}
	return r
}

func newComplaint(t *testing.T) *Complaint {
	t.Helper()
	return NewComplaint("slow payments", NewID(), "customer CIO", "payments slow for a week", atHour(0), atHour(24*5), nobody, t0)
}

func newSatisfactionSurvey(t *testing.T) *SatisfactionSurvey {
	t.Helper()
	s := NewSatisfactionSurvey("2026 survey", atHour(0), SurveySample{Population: 400, Size: 80, Method: "random by user"}, nobody, t0)
	s.Results = []SurveyResult{{Question: "overall", Score: decimal.RequireFromString("4.1"), Scale: decimal.NewFromInt(5)}}
	s.Analysis = "stable"
	return s
}

func newSupplier(t *testing.T) *Supplier {
	t.Helper()
	return NewSupplier("hoster ltd", "Sam", nobody, t0)
}

func newSupplierContract(t *testing.T) *SupplierContract {
	t.Helper()
	c := NewSupplierContract("hosting contract", NewID(), atHour(0), nobody, t0)
	c.Scope = "hosting"
	c.Dependencies = "network from carrier"
	c.Requirements = []string{"two sites"}
	c.Targets = []ServiceTarget{availabilityTarget()}
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

func newSupplierReview(t *testing.T) *SupplierReview {
	t.Helper()
	r := NewSupplierReview("hoster review", NewID(), NewID(), atHour(0), 12, nobody, t0)
	r.Participants = []string{"Sam"}
	r.Performance = "met all targets"
	return r
}

func newContractDispute(t *testing.T) *ContractDispute {
	t.Helper()
	return NewContractDispute("credits owed", NewID(), "Sam", "service credits not paid", atHour(0), nobody, t0)
}

// reach puts h in state to along the shortest path of moves l allows from
// h's current state, recording each move in the history as a lifecycle move
// would (at h.Updated, by nobody, no precondition checked): a fixture for
// the rules that depend on a state, whose history then explains it.
func reach[S ~string](l *Lifecycle[S], h *Header, to S) {
	from := S(h.Status)
	prev := map[S]S{from: from}
	queue := []S{from}
	for len(queue) > 0 && !slices.Contains(queue, to) {
		s := queue[0]
		queue = queue[1:]
		for _, n := range l.Next(s) {
			if _, seen := prev[n]; !seen {
				prev[n] = s
				queue = append(queue, n)
			}
		}
	}
	if _, ok := prev[to]; !ok {
		panic(fmt.Sprintf("reach: %s is not reachable from %s", to, from))
	}
	var path []S
	for s := to; s != from; s = prev[s] {
		path = append(path, s)
	}
	for i := len(path) - 1; i >= 0; i-- {
		h.append(Event{At: h.Updated, Actor: nobody.ID, Action: ActionMoved, From: h.Status, To: string(path[i])})
		h.Status = string(path[i])
	}
}
