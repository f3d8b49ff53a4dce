package process

import (
	"fmt"
	"slices"
	"time"
)

// ServiceRequirement is a need for a new or changed service, stated by a
// customer or another interested party, that design and transition plans
// to meet (ISO/IEC 20000-1:2011, 5.2). Plans and designs link to it with
// [LinkFulfils].
type ServiceRequirement struct {
	Header
	// Source names who stated the requirement (a customer, a user group,
	// the provider itself).
	Source string `json:"source"`
	// Customer is the customer record behind the requirement, when there
	// is one.
	Customer ID `json:"customer,omitzero"`
	// Statement says what is needed, in the customer's terms.
	Statement string `json:"statement"`
	// Measure says how meeting the requirement will be recognised.
	Measure string `json:"measure,omitempty"`
}

// NewServiceRequirement starts a service requirement stated by source
// (ISO/IEC 20000-1:2011, 5.2).
func NewServiceRequirement(title, source, statement string, by Actor, at time.Time) *ServiceRequirement {
	return &ServiceRequirement{Header: NewHeader(KindServiceRequirement, title, by, at), Source: source, Statement: statement}
}

// Validate reports every field at fault: source and statement are required
// (ISO/IEC 20000-1:2011, 5.2).
func (r *ServiceRequirement) Validate() error {
	v := ValidationError{Subject: r.Subject()}
	r.validate(&v, KindServiceRequirement)
	v.Require("source", r.Source != "")
	v.Require("statement", r.Statement != "")
	return v.Err()
}

// PlanKind is what a service plan plans: a new service, a changed one, the
// removal of a service or its transfer to the customer or another party
// (ISO/IEC 20000-1:2011, 5.1, 5.2). The zero PlanKind is unset.
type PlanKind string

// The four kinds of service plan (ISO/IEC 20000-1:2011, 5.1).
const (
	PlanNew      PlanKind = "new"
	PlanChanged  PlanKind = "changed"
	PlanRemoval  PlanKind = "removal"
	PlanTransfer PlanKind = "transfer"
)

// Valid reports whether k is one of the four kinds of plan.
func (k PlanKind) Valid() bool {
	return k == PlanNew || k == PlanChanged || k == PlanRemoval || k == PlanTransfer
}

// String returns the kind's code.
func (k PlanKind) String() string { return string(k) }

// MarshalText encodes a known or unset kind; any other is an error.
func (k PlanKind) MarshalText() ([]byte, error) { return MarshalEnum(k) }

// UnmarshalText decodes a known or unset kind; any other is an error.
func (k *PlanKind) UnmarshalText(b []byte) error { return UnmarshalEnum(k, b) }

// RoleAssignment is one authority or responsibility given to a named party:
// who designs, builds or transitions a service, who invokes a plan, who
// answers for a contract (ISO/IEC 20000-1:2011, 5.2, 6.3.2, 7.2).
type RoleAssignment struct {
	Role   string `json:"role"`
	Holder string `json:"holder"`
}

func (a RoleAssignment) validate(v *ValidationError, path string) {
	v.Require(path+".role", a.Role != "")
	v.Require(path+".holder", a.Holder != "")
}

func checkAssignments(v *ValidationError, path string, list []RoleAssignment) {
	v.Require(path, len(list) > 0)
	for i, a := range list {
		a.validate(v, fmt.Sprintf("%s[%d]", path, i))
	}
}

// PlanParty is a party that does part of the work of a plan: the provider
// itself or another party, such as a supplier (ISO/IEC 20000-1:2011, 5.2).
type PlanParty struct {
	Name     string `json:"name"`
	Work     string `json:"work"`
	Provider bool   `json:"provider,omitempty"`
}

// Resources are the human, technical, information and financial resources
// a plan or design needs (ISO/IEC 20000-1:2011, 5.2, 5.3).
type Resources struct {
	Human       string `json:"human"`
	Technical   string `json:"technical"`
	Information string `json:"information"`
	Financial   string `json:"financial"`
}

func (r Resources) validate(v *ValidationError, path string) {
	v.Require(path+".human", r.Human != "")
	v.Require(path+".technical", r.Technical != "")
	v.Require(path+".information", r.Information != "")
	v.Require(path+".financial", r.Financial != "")
}

// PlanRisk is a risk a plan identifies and how it is managed
// (ISO/IEC 20000-1:2011, 5.2).
type PlanRisk struct {
	Description string `json:"description"`
	Treatment   string `json:"treatment"`
}

// ExpectedOutcome is an outcome a plan expects, in measurable terms: what is
// measured and the value aimed for (ISO/IEC 20000-1:2011, 5.2).
type ExpectedOutcome struct {
	Measure string `json:"measure"`
	Target  string `json:"target"`
}

// RemovalItems holds the items a plan for removing a service adds: when, how
// records are archived and components disposed of, how data and documents
// are transferred, and which components are decommissioned
// (ISO/IEC 20000-1:2011, 5.2).
type RemovalItems struct {
	Date         time.Time `json:"date"`
	Archiving    string    `json:"archiving"`
	Disposal     string    `json:"disposal"`
	DataTransfer string    `json:"dataTransfer"`
	Decommission []string  `json:"decommission"`
}

func (r *RemovalItems) validate(v *ValidationError) {
	v.Require("removal.date", !r.Date.IsZero())
	v.Require("removal.archiving", r.Archiving != "")
	v.Require("removal.disposal", r.Disposal != "")
	v.Require("removal.dataTransfer", r.DataTransfer != "")
	v.CheckTexts("removal.decommission", r.Decommission, true)
}

// ServicePlanState is a state of the design and transition of a new,
// changed, removed or transferred service (ISO/IEC 20000-1:2011, 5.2–5.4).
type ServicePlanState string

// The states of a service plan (ISO/IEC 20000-1:2011, 5.2–5.4).
const (
	PlanRequested    ServicePlanState = "requested"    // asked for, not yet planned
	PlanPlanned      ServicePlanState = "planned"      // every planning item of 5.2 in place
	PlanDesigned     ServicePlanState = "designed"     // a design linked (5.3)
	PlanBuilt        ServicePlanState = "built"        // built, ready to test
	PlanTested       ServicePlanState = "tested"       // acceptance test performed (5.4)
	PlanTransitioned ServicePlanState = "transitioned" // accepted and deployed into the live environment (5.4)
	PlanReviewed     ServicePlanState = "reviewed"     // outcomes reported against expectations (5.4)
	PlanRejected     ServicePlanState = "rejected"     // refused by change management
	PlanWithdrawn    ServicePlanState = "withdrawn"    // abandoned by the provider
)

// String returns the state's code.
func (s ServicePlanState) String() string { return string(s) }

// Valid reports whether s is a state of the service plan lifecycle.
func (s ServicePlanState) Valid() bool { return servicePlanLifecycle.Valid(s) }

var servicePlanLifecycle = MustLifecycle(KindServicePlan, PlanRequested,
	[]ServicePlanState{PlanRequested, PlanPlanned, PlanDesigned, PlanBuilt, PlanTested, PlanTransitioned, PlanReviewed, PlanRejected, PlanWithdrawn},
	[]ServicePlanState{PlanReviewed, PlanRejected, PlanWithdrawn},
	[]Move[ServicePlanState]{
		{From: []ServicePlanState{PlanRequested}, To: PlanPlanned, Role: RoleDesignTransitionOwner},
		{From: []ServicePlanState{PlanPlanned}, To: PlanDesigned, Role: RoleDesignTransitionOwner},
		{From: []ServicePlanState{PlanDesigned}, To: PlanBuilt, Role: RoleDesignTransitionOwner},
		{From: []ServicePlanState{PlanBuilt}, To: PlanTested, Role: RoleDesignTransitionOwner},
		{From: []ServicePlanState{PlanTested}, To: PlanBuilt, Role: RoleDesignTransitionOwner},
		{From: []ServicePlanState{PlanTested}, To: PlanTransitioned, Role: RoleServiceOwner},
		{From: []ServicePlanState{PlanTransitioned}, To: PlanReviewed, Role: RoleDesignTransitionOwner},
		{From: []ServicePlanState{PlanRequested, PlanPlanned, PlanDesigned}, To: PlanRejected, Role: RoleChangeAuthority},
		{From: []ServicePlanState{PlanRequested, PlanPlanned, PlanDesigned, PlanBuilt, PlanTested}, To: PlanWithdrawn, Role: RoleDesignTransitionOwner},
	})

// Lifecycle returns the lifecycle of service plans: requested,
// planned, designed, built, tested, transitioned, reviewed, or rejected by
// a change authority or withdrawn on the way. Accepting the service (tested
// to transitioned) needs a service owner (ISO/IEC 20000-1:2011, 5.2–5.4).
// The receiver is not read: a nil *ServicePlan gives the same lifecycle.
func (*ServicePlan) Lifecycle() *Lifecycle[ServicePlanState] { return servicePlanLifecycle }

// ServicePlan plans the design and transition of a new or changed service,
// or the removal or transfer of a service, with every planning item
// Clause 5.2 asks for (ISO/IEC 20000-1:2011, 5.2). Its links name the
// requirements it fulfils ([LinkFulfils]), its design ([LinkDesignedBy]),
// its acceptance criteria ([LinkAcceptedAgainst]), its acceptance tests
// ([LinkAcceptanceTestedBy]), its transition report
// ([LinkTransitionReported]) and the request for change it raised
// ([LinkRaised]).
//
// A plan in state requested may be incomplete; from planned on, Validate
// requires every planning item.
type ServicePlan struct {
	Header
	Type PlanKind `json:"type"`
	// Authorities are the authorities and responsibilities for design,
	// build and transition.
	Authorities []RoleAssignment `json:"authorities,omitempty"`
	// Parties are the work done by the provider and by other parties.
	Parties []PlanParty `json:"parties,omitempty"`
	// Communication says how the interested parties are kept informed.
	Communication string    `json:"communication,omitempty"`
	Resources     Resources `json:"resources"`
	// Start and End are the timescale of the plan.
	Start time.Time  `json:"start"`
	End   time.Time  `json:"end"`
	Risks []PlanRisk `json:"risks,omitempty"`
	// Dependencies are the services the service depends on; none is a
	// valid answer.
	Dependencies []ID `json:"dependencies,omitempty"`
	// Testing is the testing the service needs.
	Testing          string            `json:"testing,omitempty"`
	ExpectedOutcomes []ExpectedOutcome `json:"expectedOutcomes,omitempty"`
	// Removal holds the extra items of a plan of kind removal, and must be
	// nil for any other kind.
	Removal *RemovalItems `json:"removal,omitempty"`
	// TransferTo names who receives a service a transfer plan transfers.
	TransferTo string `json:"transferTo,omitempty"`
}

// MarshalText encodes the service plan state by the module's rule for enumerations
// ([MarshalEnum]): its code, or nothing when unset.
func (s ServicePlanState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known code or "" (unset) and refuses any other
// value ([UnmarshalEnum]).
func (s *ServicePlanState) UnmarshalText(b []byte) error { return UnmarshalEnum(s, b) }

// NewServicePlan starts a plan of the given kind in state requested
// (ISO/IEC 20000-1:2011, 5.2).
func NewServicePlan(title string, kind PlanKind, by Actor, at time.Time) *ServicePlan {
	p := &ServicePlan{Header: NewHeader(KindServicePlan, title, by, at), Type: kind}
	servicePlanLifecycle.Start(&p.Header)
	return p
}

// State returns the plan's lifecycle state.
func (p *ServicePlan) State() ServicePlanState { return ServicePlanState(p.Status) }

// Validate reports every field at fault: the kind always, and from state
// planned on every planning item of 5.2, the removal items for a removal
// and the receiving party for a transfer; from designed on the link to the
// design, from tested on the link to the acceptance test, once reviewed
// the link to the transition report (ISO/IEC 20000-1:2011, 5.2–5.4).
func (p *ServicePlan) Validate() error {
	v := ValidationError{Subject: p.Subject()}
	p.validate(&v, KindServicePlan)
	servicePlanLifecycle.ValidateState(&p.Header, &v)
	CheckEnum(&v, "type", p.Type)
	if p.Type != PlanRemoval && p.Removal != nil {
		v.Addf("removal", ErrInvalidValue, "only a removal plan has removal items")
	}
	switch p.State() {
	case PlanRequested, PlanRejected, PlanWithdrawn:
	default:
		p.validateItems(&v)
	}
	// The links the moves required stay in place once the plan is past them.
	for _, need := range []struct {
		t     LinkType
		since []ServicePlanState
	}{
		{LinkDesignedBy, []ServicePlanState{PlanDesigned, PlanBuilt, PlanTested, PlanTransitioned, PlanReviewed}},
		{LinkAcceptanceTestedBy, []ServicePlanState{PlanTested, PlanTransitioned, PlanReviewed}},
		{LinkTransitionReported, []ServicePlanState{PlanReviewed}},
	} {
		if slices.Contains(need.since, p.State()) {
			v.Require("links."+string(need.t), len(p.Linked(need.t)) > 0)
		}
	}
	return v.Err()
}

// validateItems adds the findings on the planning items of 5.2 to v.
func (p *ServicePlan) validateItems(v *ValidationError) {
	v.Require("links."+string(LinkFulfils), len(p.Linked(LinkFulfils)) > 0)
	checkAssignments(v, "authorities", p.Authorities)
	v.Require("parties", len(p.Parties) > 0)
	for i, w := range p.Parties {
		v.Require(fmt.Sprintf("parties[%d].name", i), w.Name != "")
		v.Require(fmt.Sprintf("parties[%d].work", i), w.Work != "")
	}
	v.Require("communication", p.Communication != "")
	p.Resources.validate(v, "resources")
	checkPeriod(v, "start", "end", p.Start, p.End)
	v.Require("risks", len(p.Risks) > 0)
	for i, r := range p.Risks {
		v.Require(fmt.Sprintf("risks[%d].description", i), r.Description != "")
		v.Require(fmt.Sprintf("risks[%d].treatment", i), r.Treatment != "")
	}
	checkIDs(v, "dependencies", p.Dependencies, false)
	v.Require("testing", p.Testing != "")
	v.Require("links."+string(LinkAcceptedAgainst), len(p.Linked(LinkAcceptedAgainst)) > 0)
	v.Require("expectedOutcomes", len(p.ExpectedOutcomes) > 0)
	for i, o := range p.ExpectedOutcomes {
		v.Require(fmt.Sprintf("expectedOutcomes[%d].measure", i), o.Measure != "")
		v.Require(fmt.Sprintf("expectedOutcomes[%d].target", i), o.Target != "")
	}
	switch p.Type {
	case PlanRemoval:
		if p.Removal == nil {
			v.Add("removal", ErrRequired)
		} else {
			p.Removal.validate(v)
		}
	case PlanTransfer:
		v.Require("transferTo", p.TransferTo != "")
	}
}

// Plan moves a requested plan to planned; it is refused while any planning
// item is missing (ISO/IEC 20000-1:2011, 5.2).
func (p *ServicePlan) Plan(by Actor, at time.Time, note string) error {
	return servicePlanLifecycle.apply(&p.Header, PlanPlanned, by, at, note, func() error {
		v := ValidationError{Subject: p.Subject()}
		p.validateItems(&v)
		return precondition(v.Err())
	})
}

// Design moves a planned plan to designed; it needs a linked service
// design (ISO/IEC 20000-1:2011, 5.3).
func (p *ServicePlan) Design(by Actor, at time.Time, note string) error {
	return servicePlanLifecycle.apply(&p.Header, PlanDesigned, by, at, note, func() error {
		return linkCheck(&p.Header, LinkDesignedBy, "service design")
	})
}

// Build moves a designed plan to built, or a tested one back to built
// for rework after a failed test (ISO/IEC 20000-1:2011, 5.3).
func (p *ServicePlan) Build(by Actor, at time.Time, note string) error {
	return servicePlanLifecycle.apply(&p.Header, PlanBuilt, by, at, note, nil)
}

// Test moves a built plan to tested with the acceptance test performed,
// which the plan must link with [LinkAcceptanceTestedBy], which must be
// valid and performed no later than at (ISO/IEC 20000-1:2011, 5.4).
func (p *ServicePlan) Test(by Actor, at time.Time, test *ServiceAcceptanceTest, note string) error {
	return servicePlanLifecycle.apply(&p.Header, PlanTested, by, at, note, func() error {
		return p.checkTest(test, at)
	})
}

// Accept moves a tested plan to transitioned: the service owner accepts the
// service. It is refused while any acceptance criterion the plan links has
// no met result in test (ISO/IEC 20000-1:2011, 5.4).
func (p *ServicePlan) Accept(by Actor, at time.Time, test *ServiceAcceptanceTest, note string) error {
	return servicePlanLifecycle.apply(&p.Header, PlanTransitioned, by, at, note, func() error {
		if err := p.checkTest(test, at); err != nil {
			return err
		}
		criteria := p.Linked(LinkAcceptedAgainst)
		if len(criteria) == 0 {
			return fmt.Errorf("no acceptance criterion linked: %w", ErrPrecondition)
		}
		if unmet := test.Unmet(criteria); len(unmet) > 0 {
			short := make([]string, len(unmet))
			for i, id := range unmet {
				short[i] = id.Short()
			}
			return fmt.Errorf("acceptance criteria unmet: %v: %w", short, ErrPrecondition)
		}
		return nil
	})
}

// Review moves a transitioned plan to reviewed with the transition report,
// which the plan must link with [LinkTransitionReported], which must be
// valid and issued no later than at (ISO/IEC 20000-1:2011, 5.4).
func (p *ServicePlan) Review(by Actor, at time.Time, report *TransitionReport, note string) error {
	return servicePlanLifecycle.apply(&p.Header, PlanReviewed, by, at, note, func() error {
		if report == nil {
			return fmt.Errorf("transition report: %w", ErrRequired)
		}
		if !p.HasLink(LinkTransitionReported, report.ID) {
			return fmt.Errorf("%s not linked (%s): %w", report.Subject(), LinkTransitionReported, ErrPrecondition)
		}
		if report.Issued.After(at) {
			return unmet("%s issued %s, after the review", report.Subject(), report.Issued.Format(time.RFC3339))
		}
		return precondition(report.Validate())
	})
}

// Reject ends a plan not yet built: change management refused it
// (ISO/IEC 20000-1:2011, 5.1, 9.2).
func (p *ServicePlan) Reject(by Actor, at time.Time, note string) error {
	return servicePlanLifecycle.apply(&p.Header, PlanRejected, by, at, note, nil)
}

// Withdraw ends a plan before transition: the provider abandoned it
// (ISO/IEC 20000-1:2011, 5.1).
func (p *ServicePlan) Withdraw(by Actor, at time.Time, note string) error {
	return servicePlanLifecycle.apply(&p.Header, PlanWithdrawn, by, at, note, nil)
}

// checkTest is the precondition of a move at at that relies on test: given,
// linked with [LinkAcceptanceTestedBy], performed by then and valid.
func (p *ServicePlan) checkTest(test *ServiceAcceptanceTest, at time.Time) error {
	if test == nil {
		return fmt.Errorf("acceptance test: %w", ErrRequired)
	}
	if !p.HasLink(LinkAcceptanceTestedBy, test.ID) {
		return fmt.Errorf("%s not linked (%s): %w", test.Subject(), LinkAcceptanceTestedBy, ErrPrecondition)
	}
	if test.Performed.After(at) {
		return unmet("%s performed %s, after the move", test.Subject(), test.Performed.Format(time.RFC3339))
	}
	return precondition(test.Validate())
}

// DesignRole is a role a new or changed service needs and what it answers
// for (ISO/IEC 20000-1:2011, 5.3).
type DesignRole struct {
	Role           string `json:"role"`
	Responsibility string `json:"responsibility"`
}

// ServiceDesign is the documented design of a new or changed service, with
// every item Clause 5.3 lists (ISO/IEC 20000-1:2011, 5.3). It links the
// agreements, catalogues, contracts and CIs it calls for with
// [LinkSpecifies].
type ServiceDesign struct {
	Header
	Roles      []DesignRole `json:"roles,omitempty"`
	Activities []string     `json:"activities,omitempty"`
	// Agreements describes the new or changed SLAs, catalogue entries and
	// contracts the service needs.
	Agreements string `json:"agreements,omitempty"`
	// SMSChanges describes the changes the SMS needs ("none" is an answer).
	SMSChanges string    `json:"smsChanges,omitempty"`
	Resources  Resources `json:"resources"`
	Skills     []string  `json:"skills,omitempty"`
	Technology []string  `json:"technology,omitempty"`
	// Effects describes the effect on other services.
	Effects string `json:"effects,omitempty"`
}

// NewServiceDesign starts a service design (ISO/IEC 20000-1:2011, 5.3).
func NewServiceDesign(title string, by Actor, at time.Time) *ServiceDesign {
	return &ServiceDesign{Header: NewHeader(KindServiceDesign, title, by, at)}
}

// Validate reports every item of 5.3 missing (ISO/IEC 20000-1:2011, 5.3).
func (d *ServiceDesign) Validate() error {
	v := ValidationError{Subject: d.Subject()}
	d.validate(&v, KindServiceDesign)
	v.Require("roles", len(d.Roles) > 0)
	for i, r := range d.Roles {
		v.Require(fmt.Sprintf("roles[%d].role", i), r.Role != "")
		v.Require(fmt.Sprintf("roles[%d].responsibility", i), r.Responsibility != "")
	}
	v.CheckTexts("activities", d.Activities, true)
	v.Require("agreements", d.Agreements != "")
	v.Require("smsChanges", d.SMSChanges != "")
	d.Resources.validate(&v, "resources")
	v.CheckTexts("skills", d.Skills, true)
	v.CheckTexts("technology", d.Technology, true)
	v.Require("effects", d.Effects != "")
	return v.Err()
}

// AcceptanceCriterion is one criterion a new or changed service must meet
// before it is accepted, and how meeting it is verified
// (ISO/IEC 20000-1:2011, 5.2, 5.4).
type AcceptanceCriterion struct {
	Header
	Statement string `json:"statement"`
	Method    string `json:"method"`
}

// NewAcceptanceCriterion starts an acceptance criterion
// (ISO/IEC 20000-1:2011, 5.2).
func NewAcceptanceCriterion(title, statement, method string, by Actor, at time.Time) *AcceptanceCriterion {
	return &AcceptanceCriterion{Header: NewHeader(KindAcceptanceCriterion, title, by, at), Statement: statement, Method: method}
}

// Validate reports every field at fault: statement and method are required
// (ISO/IEC 20000-1:2011, 5.2).
func (c *AcceptanceCriterion) Validate() error {
	v := ValidationError{Subject: c.Subject()}
	c.validate(&v, KindAcceptanceCriterion)
	v.Require("statement", c.Statement != "")
	v.Require("method", c.Method != "")
	return v.Err()
}

// CriterionResult is the result of testing a service against one acceptance
// criterion (ISO/IEC 20000-1:2011, 5.4).
type CriterionResult struct {
	Criterion ID     `json:"criterion"`
	Met       bool   `json:"met"`
	Evidence  string `json:"evidence"`
}

// ServiceAcceptanceTest is a test of a new or changed service against its
// acceptance criteria, with a result per criterion (ISO/IEC 20000-1:2011,
// 5.4). It may link the release tests and deployments whose results it
// uses ([LinkEvidencedBy]).
type ServiceAcceptanceTest struct {
	Header
	Performed   time.Time         `json:"performed"`
	Environment string            `json:"environment"`
	Results     []CriterionResult `json:"results"`
}

// NewServiceAcceptanceTest starts an acceptance test performed at performed
// (ISO/IEC 20000-1:2011, 5.4).
func NewServiceAcceptanceTest(title, environment string, performed time.Time, by Actor, at time.Time) *ServiceAcceptanceTest {
	return &ServiceAcceptanceTest{Header: NewHeader(KindServiceAcceptanceTest, title, by, at), Performed: performed, Environment: environment}
}

// Validate reports every field at fault: when and where the test ran, and
// at least one result, each naming its criterion once with evidence
// (ISO/IEC 20000-1:2011, 5.4).
func (t *ServiceAcceptanceTest) Validate() error {
	v := ValidationError{Subject: t.Subject()}
	t.validate(&v, KindServiceAcceptanceTest)
	v.Require("performed", !t.Performed.IsZero())
	v.Require("environment", t.Environment != "")
	v.Require("results", len(t.Results) > 0)
	seen := make(map[ID]bool, len(t.Results))
	for i, r := range t.Results {
		p := fmt.Sprintf("results[%d]", i)
		switch {
		case r.Criterion.IsZero():
			v.Add(p+".criterion", ErrRequired)
		case seen[r.Criterion]:
			v.Addf(p+".criterion", ErrInvalidValue, "%s has another result", r.Criterion.Short())
		}
		seen[r.Criterion] = true
		v.Require(p+".evidence", r.Evidence != "")
	}
	return v.Err()
}

// Unmet returns, in the order given, the criteria that have no result in
// the test or whose result is not met (ISO/IEC 20000-1:2011, 5.4).
func (t *ServiceAcceptanceTest) Unmet(criteria []ID) []ID {
	var unmet []ID
	for _, c := range criteria {
		i := slices.IndexFunc(t.Results, func(r CriterionResult) bool { return r.Criterion == c })
		if i < 0 || !t.Results[i].Met {
			unmet = append(unmet, c)
		}
	}
	return unmet
}

// OutcomeResult sets an outcome achieved by a transition against the
// outcome expected (ISO/IEC 20000-1:2011, 5.4).
type OutcomeResult struct {
	Measure  string `json:"measure"`
	Expected string `json:"expected"`
	Achieved string `json:"achieved"`
	Met      bool   `json:"met"`
}

// TransitionReport reports, after a transition, the outcomes achieved
// against those expected (ISO/IEC 20000-1:2011, 5.4). It is reported in
// service reports ([LinkReportedIn]).
type TransitionReport struct {
	Header
	Issued   time.Time       `json:"issued"`
	Outcomes []OutcomeResult `json:"outcomes"`
}

// NewTransitionReport starts a transition report issued at issued
// (ISO/IEC 20000-1:2011, 5.4).
func NewTransitionReport(title string, issued time.Time, by Actor, at time.Time) *TransitionReport {
	return &TransitionReport{Header: NewHeader(KindTransitionReport, title, by, at), Issued: issued}
}

// Validate reports every field at fault: the issue date and at least one
// outcome with its measure, expected and achieved values
// (ISO/IEC 20000-1:2011, 5.4).
func (r *TransitionReport) Validate() error {
	v := ValidationError{Subject: r.Subject()}
	r.validate(&v, KindTransitionReport)
	v.Require("issued", !r.Issued.IsZero())
	v.Require("outcomes", len(r.Outcomes) > 0)
	for i, o := range r.Outcomes {
		p := fmt.Sprintf("outcomes[%d]", i)
		v.Require(p+".measure", o.Measure != "")
		v.Require(p+".expected", o.Expected != "")
		v.Require(p+".achieved", o.Achieved != "")
	}
	return v.Err()
}

// Shortfalls returns the outcomes not met, in report order
// (ISO/IEC 20000-1:2011, 5.4).
func (r *TransitionReport) Shortfalls() []OutcomeResult {
	var out []OutcomeResult
	for _, o := range r.Outcomes {
		if !o.Met {
			out = append(out, o)
		}
	}
	return out
}
