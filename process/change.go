package process

import (
	"fmt"
	"slices"
	"time"
)

// ChangeClass is how a request for change is handled (ISO/IEC 20000-1:2011,
// 9.2: requests are classified). The zero ChangeClass is unset.
type ChangeClass string

// The classes of change.
const (
	// ChangeStandard is a low-risk change of a model the change policy
	// pre-authorises: it is scheduled without an authorisation step.
	ChangeStandard ChangeClass = "standard"
	// ChangeNormal is assessed and authorised by the change authority.
	ChangeNormal ChangeClass = "normal"
	// ChangeEmergency must be made at once: an emergency change authority
	// authorises it, assessment may follow, and it is reviewed afterwards.
	ChangeEmergency ChangeClass = "emergency"
)

// Valid reports whether c is one of the classes above.
func (c ChangeClass) Valid() bool {
	return c == ChangeStandard || c == ChangeNormal || c == ChangeEmergency
}

// String returns the class's code.
func (c ChangeClass) String() string { return string(c) }

// MarshalText encodes a known class; an unknown one is an error.
func (c ChangeClass) MarshalText() ([]byte, error) { return MarshalEnum(c) }

// UnmarshalText decodes a known class; an unknown one is an error.
func (c *ChangeClass) UnmarshalText(b []byte) error { return UnmarshalEnum(c, b) }

// StandardChange is a change model the change policy pre-authorises: a
// change of this model is low risk and done the same way each time
// (ISO/IEC 20000-1:2011, 9.2).
type StandardChange struct {
	Code        string `json:"code"`
	Description string `json:"description"`
}

// ChangePolicy is the change management policy: which configuration items
// are under change control, the criteria for a change with potential major
// impact on services or customers (those go through Clause 5), the
// pre-authorised standard changes and how many approvals a normal change
// needs (ISO/IEC 20000-1:2011, 9.2).
type ChangePolicy struct {
	Header
	// ControlledCIs are configuration items under change control.
	ControlledCIs []ID `json:"controlledCIs,omitempty"`
	// ControlledTypes are CI types whose every item is under change control.
	ControlledTypes []ID `json:"controlledTypes,omitempty"`
	// MajorImpactCriteria say when a change has potential major impact.
	MajorImpactCriteria []string `json:"majorImpactCriteria"`
	// StandardChanges are the pre-authorised change models.
	StandardChanges []StandardChange `json:"standardChanges,omitempty"`
	// RequiredApprovals is how many approvals authorise a normal change,
	// each by a different person other than the requester: the requester's
	// own approval is recorded but never counted.
	RequiredApprovals int `json:"requiredApprovals"`
}

var _ Record = (*ChangePolicy)(nil)

// NewChangePolicy starts a change policy requiring one approval (ISO/IEC 20000-1:2011, 9.2).
func NewChangePolicy(title string, by Actor, at time.Time) *ChangePolicy {
	return &ChangePolicy{Header: NewHeader(KindChangePolicy, title, by, at), RequiredApprovals: 1}
}

// Validate checks that the policy names what is under change control, its
// major-impact criteria, a positive number of approvals and well-formed
// standard changes (ISO/IEC 20000-1:2011, 9.2).
func (p *ChangePolicy) Validate() error {
	v := ValidationError{Subject: p.Subject()}
	p.validate(&v, KindChangePolicy)
	v.Require("controlledCIs", len(p.ControlledCIs)+len(p.ControlledTypes) > 0)
	validateRefs(&v, &p.Header, "controlledCIs", p.ControlledCIs, "")
	validateRefs(&v, &p.Header, "controlledTypes", p.ControlledTypes, "")
	v.Require("majorImpactCriteria", len(p.MajorImpactCriteria) > 0)
	v.CheckTexts("majorImpactCriteria", p.MajorImpactCriteria, false)
	switch {
	case p.RequiredApprovals == 0:
		v.Add("requiredApprovals", ErrRequired)
	case p.RequiredApprovals < 0:
		v.Addf("requiredApprovals", ErrInvalidValue, "%d", p.RequiredApprovals)
	}
	for i, s := range p.StandardChanges {
		pre := fmt.Sprintf("standardChanges[%d]", i)
		v.RequireText(pre+".code", s.Code)
		v.RequireText(pre+".description", s.Description)
		if !blank(s.Code) && slices.IndexFunc(p.StandardChanges, func(o StandardChange) bool { return o.Code == s.Code }) < i {
			v.Addf(pre+".code", ErrInvalidValue, "%q repeated", s.Code)
		}
	}
	return v.Err()
}

// Controls reports whether the policy puts the item ci, of CI type
// typeID, under change control (ISO/IEC 20000-1:2011, 9.2).
func (p *ChangePolicy) Controls(ci, typeID ID) bool {
	return slices.Contains(p.ControlledCIs, ci) || (!typeID.IsZero() && slices.Contains(p.ControlledTypes, typeID))
}

// Standard reports whether code is one of the policy's pre-authorised
// standard changes (ISO/IEC 20000-1:2011, 9.2).
func (p *ChangePolicy) Standard(code string) bool {
	return code != "" && slices.ContainsFunc(p.StandardChanges, func(s StandardChange) bool { return s.Code == code })
}

// ChangeState is where a request for change stands in its life (ISO/IEC
// 20000-1:2011, 9.2). The zero ChangeState is unset.
type ChangeState string

// The states of a request for change.
const (
	ChangeRequested    ChangeState = "requested"    // recorded and classified
	ChangeAssessed     ChangeState = "assessed"     // risk, impact and benefit assessed
	ChangeAuthorised   ChangeState = "authorised"   // approved by the change authority
	ChangeScheduled    ChangeState = "scheduled"    // on the schedule of change with a window
	ChangeImplementing ChangeState = "implementing" // being built, tested and deployed
	ChangeImplemented  ChangeState = "implemented"  // done as planned
	ChangeFailed       ChangeState = "failed"       // not successful; to be investigated
	ChangeBackedOut    ChangeState = "backed-out"   // remedial action taken, previous state restored
	ChangeReviewed     ChangeState = "reviewed"     // post-implementation review done
	ChangeClosed       ChangeState = "closed"
	ChangeRejected     ChangeState = "rejected"
	ChangeCancelled    ChangeState = "cancelled"
)

var changeLifecycle = MustLifecycle(KindRequestForChange, ChangeRequested,
	[]ChangeState{ChangeRequested, ChangeAssessed, ChangeAuthorised, ChangeScheduled, ChangeImplementing,
		ChangeImplemented, ChangeFailed, ChangeBackedOut, ChangeReviewed, ChangeClosed, ChangeRejected, ChangeCancelled},
	[]ChangeState{ChangeClosed, ChangeRejected, ChangeCancelled},
	[]Move[ChangeState]{
		{From: []ChangeState{ChangeRequested}, To: ChangeAssessed, Role: RoleChangeManager},
		{From: []ChangeState{ChangeAssessed}, To: ChangeAuthorised, Role: RoleChangeAuthority},
		{From: []ChangeState{ChangeRequested}, To: ChangeAuthorised, Role: RoleEmergencyAuthority},
		{From: []ChangeState{ChangeRequested, ChangeAuthorised}, To: ChangeScheduled, Role: RoleChangeManager},
		{From: []ChangeState{ChangeScheduled, ChangeAuthorised}, To: ChangeImplementing},
		{From: []ChangeState{ChangeImplementing}, To: ChangeImplemented},
		{From: []ChangeState{ChangeImplementing}, To: ChangeFailed},
		{From: []ChangeState{ChangeImplementing, ChangeImplemented, ChangeFailed}, To: ChangeBackedOut},
		{From: []ChangeState{ChangeImplemented, ChangeFailed, ChangeBackedOut}, To: ChangeReviewed, Role: RoleChangeManager},
		{From: []ChangeState{ChangeReviewed}, To: ChangeClosed, Role: RoleChangeManager},
		{From: []ChangeState{ChangeRequested}, To: ChangeRejected, Role: RoleChangeManager},
		{From: []ChangeState{ChangeAssessed}, To: ChangeRejected, Role: RoleChangeAuthority},
		{From: []ChangeState{ChangeRequested, ChangeAssessed, ChangeAuthorised, ChangeScheduled}, To: ChangeCancelled},
		{From: []ChangeState{ChangeAuthorised, ChangeScheduled}, To: ChangeAssessed},  // scope changed: a normal change goes back for approval
		{From: []ChangeState{ChangeAuthorised, ChangeScheduled}, To: ChangeRequested}, // scope changed: an emergency or standard change starts again
	})

// Lifecycle returns the lifecycle of a request for change (ISO/IEC
// 20000-1:2011, 9.2):
//
//   - normal: requested → assessed (change manager) → authorised (change
//     authority, enough approvals, not by the requester alone) → scheduled →
//     implementing → implemented → reviewed → closed;
//   - standard: requested → scheduled directly, the policy having
//     pre-authorised the model;
//   - emergency: requested → authorised by an emergency change authority →
//     implementing (scheduling optional) → implemented → reviewed → closed;
//   - implementing → failed or backed out, both then reviewed;
//   - requested or assessed → rejected; cancelled before implementation;
//   - authorised or scheduled → assessed (a normal change) or requested (an
//     emergency or standard change) when its approved scope changes: the
//     approval binds what it approved ([RequestForChange.Scope]).
//
// The receiver is not read: a nil *RequestForChange gives the same lifecycle.
func (*RequestForChange) Lifecycle() *Lifecycle[ChangeState] { return changeLifecycle }

// Valid reports whether s is a state of [RequestForChange.Lifecycle].
func (s ChangeState) Valid() bool { return changeLifecycle.Valid(s) }

// String returns the state's code.
func (s ChangeState) String() string { return string(s) }

// MarshalText encodes a known state; an unknown one is an error.
func (s ChangeState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known state; an unknown one is an error.
func (s *ChangeState) UnmarshalText(b []byte) error { return UnmarshalEnum(s, b) }

// Decision is an approver's decision on a request for change (ISO/IEC
// 20000-1:2011, 9.2). The zero Decision is unset.
type Decision string

// The decisions.
const (
	DecisionApprove Decision = "approve"
	DecisionReject  Decision = "reject"
)

// Valid reports whether d is one of the decisions above.
func (d Decision) Valid() bool { return d == DecisionApprove || d == DecisionReject }

// String returns the decision's code.
func (d Decision) String() string { return string(d) }

// MarshalText encodes a known decision; an unknown one is an error.
func (d Decision) MarshalText() ([]byte, error) { return MarshalEnum(d) }

// UnmarshalText decodes a known decision; an unknown one is an error.
func (d *Decision) UnmarshalText(b []byte) error { return UnmarshalEnum(d, b) }

// Approval is one approver's recorded decision on a request for change
// (ISO/IEC 20000-1:2011, 9.2).
type Approval struct {
	By       string    `json:"by"`
	At       time.Time `json:"at"`
	Decision Decision  `json:"decision"`
	Note     string    `json:"note,omitempty"`
	// Scope is the digest of the scope decided on ([RequestForChange.Scope]):
	// a decision counts only while the scope is unchanged.
	Scope string `json:"scope,omitempty"`
}

// RequestForChange is a request to add, modify or remove something that
// could affect services, recorded, classified, assessed and decided on
// (ISO/IEC 20000-1:2011, 9.2). It links to the services and items it
// affects ([LinkService], [LinkAffects]), the policy that governs it
// ([LinkGoverns]), the release that implements it ([LinkImplementedBy]) and
// its post-implementation review ([LinkReviewedBy]).
type RequestForChange struct {
	Header
	Description string      `json:"description"`
	Requester   string      `json:"requester"`
	Class       ChangeClass `json:"class,omitempty"`
	// Model is the standard change model, for a standard change.
	Model string `json:"model,omitempty"`
	// MajorImpact marks a change meeting the policy's major-impact criteria
	// (handled through Clause 5).
	MajorImpact bool `json:"majorImpact,omitempty"`
	// Risk, ImpactAssessment and BusinessBenefit are the assessment.
	Risk             Level  `json:"risk,omitempty"`
	ImpactAssessment string `json:"impactAssessment,omitempty"`
	BusinessBenefit  string `json:"businessBenefit,omitempty"`
	// Feasibility and FinancialImpact record the other grounds of the
	// decision.
	Feasibility     string `json:"feasibility,omitempty"`
	FinancialImpact string `json:"financialImpact,omitempty"`
	// BackoutPlan is the remedial action if the change fails; BackoutTested
	// records that it was tested.
	BackoutPlan   string `json:"backoutPlan,omitempty"`
	BackoutTested bool   `json:"backoutTested,omitempty"`
	// Window is the planned implementation window.
	Window      Window     `json:"window,omitzero"`
	Services    []ID       `json:"services,omitempty"`
	AffectedCIs []ID       `json:"affectedCIs,omitempty"`
	Approvals   []Approval `json:"approvals,omitempty"`
	// Implementer is who started the implementation.
	Implementer string `json:"implementer,omitempty"`
	// Outcome says what happened: how it went, or why it failed.
	Outcome string `json:"outcome,omitempty"`
}

var _ Record = (*RequestForChange)(nil)

// NewRequestForChange records a request for change of class class, titled
// title, requested by by at at (ISO/IEC 20000-1:2011, 9.2).
func NewRequestForChange(title string, class ChangeClass, by Actor, at time.Time) *RequestForChange {
	c := &RequestForChange{Header: NewHeader(KindRequestForChange, title, by, at), Requester: by.ID, Class: class}
	changeLifecycle.Start(&c.Header)
	return c
}

// Open records the request for change that the literal c describes,
// requested by by at at: the builder of a request for change (ISO/IEC
// 20000-1:2011, 9.2). c holds its Title, Description, Class, Model (for a
// standard change), MajorImpact and any Services and AffectedCIs
// (Requester is by, ID a fresh one unless set); Open starts its history
// with its creation and links the services and items, each in the
// history, and validates the result. Every field missing or at fault is
// reported at once in one *ValidationError, and c is then unchanged; a
// request already recorded is refused with [ErrExists].
func (c *RequestForChange) Open(by Actor, at time.Time) error {
	if len(c.History) > 0 || c.Status != "" {
		return fmt.Errorf("process: %s: open: recorded already: %w", c.Subject(), ErrExists)
	}
	n := &RequestForChange{Header: NewHeader(KindRequestForChange, c.Title, by, at), Description: c.Description,
		Requester: by.ID, Class: c.Class, Model: c.Model, MajorImpact: c.MajorImpact}
	if !c.ID.IsZero() {
		n.ID = c.ID
	}
	if err := n.CheckEvent(by, at); err != nil {
		return err
	}
	changeLifecycle.Start(&n.Header)
	v := ValidationError{Subject: n.Subject()}
	for i, svc := range c.Services {
		v.Merge(fmt.Sprintf("services[%d]", i), n.AddService(by, at, svc))
	}
	for i, ci := range c.AffectedCIs {
		v.Merge(fmt.Sprintf("affectedCIs[%d]", i), n.Affect(by, at, ci))
	}
	if err := n.Validate(); err != nil {
		v.Merge("", err)
	}
	if err := v.Err(); err != nil {
		return err
	}
	*c = *n
	return nil
}

// State returns the request's lifecycle state.
func (c *RequestForChange) State() ChangeState { return ChangeState(c.Status) }

// Authorised reports whether the change has been authorised: it is in the
// authorised state or any later one (scheduled, implementing, implemented,
// failed, backed out, reviewed, closed), and so was neither rejected nor
// cancelled before authorisation (ISO/IEC 20000-1:2011, 9.2).
func (c *RequestForChange) Authorised() bool { return c.after(changeAuthorisedOn...) }

// after reports whether the request is in one of states.
func (c *RequestForChange) after(states ...ChangeState) bool {
	return slices.Contains(states, c.State())
}

// The states a request for change is in once it has passed a step.
var (
	changeAssessedOn    = []ChangeState{ChangeAssessed, ChangeAuthorised, ChangeScheduled, ChangeImplementing, ChangeImplemented, ChangeFailed, ChangeBackedOut, ChangeReviewed, ChangeClosed}
	changeAuthorisedOn  = changeAssessedOn[1:]
	changeScheduledOn   = changeAssessedOn[2:]
	changeImplementedOn = changeAssessedOn[4:]
	changeReviewedOn    = changeAssessedOn[7:]
)

// Validate checks what 9.2 asks a request for change to hold: description,
// requester, classification (with its model when standard), each approval;
// once assessed the risk, impact assessment, business benefit, back-out plan
// and planned window; once implemented who implemented it and the outcome
// (ISO/IEC 20000-1:2011, 9.2).
func (c *RequestForChange) Validate() error {
	v := ValidationError{Subject: c.Subject()}
	c.validate(&v, KindRequestForChange)
	changeLifecycle.ValidateState(&c.Header, &v)
	v.RequireText("description", c.Description)
	v.Identity("requester", c.Requester)
	CheckEnum(&v, "class", c.Class)
	if c.Class == ChangeStandard {
		v.RequireText("model", c.Model)
	}
	// Standard changes are assessed once, in their model; normal ones
	// before they are authorised; emergency ones state their back-out plan
	// to be authorised and complete the assessment by their review.
	switch {
	case c.Class == ChangeNormal && c.after(changeAssessedOn...),
		c.Class == ChangeEmergency && c.after(changeReviewedOn...):
		c.validateAssessment(&v)
	case c.Class == ChangeEmergency && c.after(changeAuthorisedOn...):
		v.RequireText("backoutPlan", c.BackoutPlan)
	}
	if !c.Window.IsZero() || (c.Class != ChangeEmergency && c.after(changeScheduledOn...)) {
		c.Window.validate(&v, "window")
	}
	validateRefs(&v, &c.Header, "services", c.Services, LinkService)
	validateRefs(&v, &c.Header, "affectedCIs", c.AffectedCIs, LinkAffects)
	for i, a := range c.Approvals {
		p := fmt.Sprintf("approvals[%d]", i)
		v.Identity(p+".by", a.By)
		if !blank(a.By) && slices.IndexFunc(c.Approvals, func(o Approval) bool { return o.By == a.By && o.Scope == a.Scope }) < i {
			v.Addf(p+".by", ErrInvalidValue, "%s decided twice on one scope", a.By)
		}
		v.Require(p+".at", !a.At.IsZero())
		CheckEnum(&v, p+".decision", a.Decision)
	}
	if c.after(changeImplementedOn...) {
		v.Identity("implementer", c.Implementer)
		v.RequireText("outcome", c.Outcome)
	}
	c.validateAccountability(&v)
	return v.Err()
}

// validateAssessment adds the findings on the assessment fields.
func (c *RequestForChange) validateAssessment(v *ValidationError) {
	checkLevel(v, "risk", c.Risk)
	v.RequireText("impactAssessment", c.ImpactAssessment)
	v.RequireText("businessBenefit", c.BusinessBenefit)
	v.RequireText("backoutPlan", c.BackoutPlan)
}

// AddService records a service the change affects ([LinkService]) (ISO/IEC 20000-1:2011, 9.2).
//
// On an authorised or scheduled change it sends the change back for
// approval first, and once implementation has begun it is refused
// ([ErrProtected]): the approval binds the services it covered.
func (c *RequestForChange) AddService(by Actor, at time.Time, svc ID) error {
	if err := c.preRevise(by, at, c.Services, svc); err != nil {
		return err
	}
	if err := c.revise(by, at, "services"); err != nil {
		return err
	}
	return addRef(&c.Header, &c.Services, LinkService, svc, KindService, by, at)
}

// Affect records a configuration item the change affects ([LinkAffects]);
// the impact assessment draws on the CMDB (ISO/IEC 20000-1:2011, 9.1, 9.2).
//
// On an authorised or scheduled change it sends the change back for
// approval first, and once implementation has begun it is refused
// ([ErrProtected]): the approval binds the items it covered.
func (c *RequestForChange) Affect(by Actor, at time.Time, ci ID) error {
	if err := c.preRevise(by, at, c.AffectedCIs, ci); err != nil {
		return err
	}
	if err := c.revise(by, at, "affectedCIs"); err != nil {
		return err
	}
	return addRef(&c.Header, &c.AffectedCIs, LinkAffects, ci, KindConfigurationItem, by, at)
}

// Assessment is the assessment of a request for change: risk, impact on
// services and customers, business benefit, technical feasibility,
// financial impact and the remedial action planned (ISO/IEC 20000-1:2011,
// 9.2).
type Assessment struct {
	Risk            Level
	Impact          string
	BusinessBenefit string
	Feasibility     string
	FinancialImpact string
	BackoutPlan     string
	BackoutTested   bool
	MajorImpact     bool
}

// Assess records the assessment and moves the request to assessed; by must
// be a change manager and the assessment must give risk, impact, business
// benefit and back-out plan (ISO/IEC 20000-1:2011, 9.2). A standard change
// is refused: it was assessed once, in its model, and an assessed request
// could only go on through authorisation, which a standard change never
// gets.
func (c *RequestForChange) Assess(by Actor, at time.Time, a Assessment) error {
	err := changeLifecycle.apply(&c.Header, ChangeAssessed, by, at, "", func() error {
		if c.Class == ChangeStandard {
			return unmet("a standard change is assessed in its model")
		}
		v := ValidationError{Subject: c.Subject()}
		checkLevel(&v, "risk", a.Risk)
		v.RequireText("impactAssessment", a.Impact)
		v.RequireText("businessBenefit", a.BusinessBenefit)
		v.RequireText("backoutPlan", a.BackoutPlan)
		if err := v.Err(); err != nil {
			return fmt.Errorf("%w: %w", err, ErrPrecondition)
		}
		return nil
	})
	if err != nil {
		return err
	}
	set(c, "risk", &c.Risk, a.Risk, ID{}, "", by, at)
	set(c, "impactAssessment", &c.ImpactAssessment, a.Impact, ID{}, "", by, at)
	set(c, "businessBenefit", &c.BusinessBenefit, a.BusinessBenefit, ID{}, "", by, at)
	set(c, "feasibility", &c.Feasibility, a.Feasibility, ID{}, "", by, at)
	set(c, "financialImpact", &c.FinancialImpact, a.FinancialImpact, ID{}, "", by, at)
	set(c, "backoutPlan", &c.BackoutPlan, a.BackoutPlan, ID{}, "", by, at)
	set(c, "backoutTested", &c.BackoutTested, a.BackoutTested, ID{}, "", by, at)
	set(c, "majorImpact", &c.MajorImpact, a.MajorImpact, ID{}, "", by, at)
	return nil
}

// Approve records by's decision on an assessed normal change, or on a
// requested or assessed emergency change (ISO/IEC 20000-1:2011, 9.2). by
// must be a change authority (an emergency change authority for an
// emergency change) and may decide once. Approving does not authorise:
// [RequestForChange.Authorise] does, once there are enough approvals.
// Refused, it changes nothing.
func (c *RequestForChange) Approve(by Actor, at time.Time, d Decision, note string) error {
	fail := func(err error) error { return fmt.Errorf("process: %s: approve: %w", c.Subject(), err) }
	if !d.Valid() {
		return fail(fmt.Errorf("decision %q: %w", string(d), ErrInvalidValue))
	}
	if err := c.approvalRole(by); err != nil {
		return fail(err)
	}
	st := c.State()
	if st != ChangeAssessed && !(c.Class == ChangeEmergency && st == ChangeRequested) {
		return fail(unmet("request is %s", orNone(c.Status)))
	}
	if c.approvedBy(by.ID) {
		return fail(fmt.Errorf("%s has decided already: %w", by.ID, ErrExists))
	}
	if err := c.CheckEvent(by, at); err != nil {
		return err
	}
	c.decide(by, at, d, note)
	return nil
}

// decide records by's decision d on the current scope, in the approvals
// and the history.
func (c *RequestForChange) decide(by Actor, at time.Time, d Decision, note string) {
	scope := c.digest()
	c.Approvals = append(c.Approvals, Approval{By: by.ID, At: at, Decision: d, Note: note, Scope: scope})
	c.append(Event{At: at, Actor: by.ID, Action: ActionApproved, Field: "approvals", To: string(d), Note: note, Scope: scope})
}

// approvalRole returns the role an approver of c needs, checked on by.
func (c *RequestForChange) approvalRole(by Actor) error {
	if c.Class == ChangeEmergency {
		return needRole(by, RoleEmergencyAuthority, RoleChangeAuthority)
	}
	return needRole(by, RoleChangeAuthority)
}

// approvedBy reports whether the identity id has decided on c's current
// scope.
func (c *RequestForChange) approvedBy(id string) bool {
	scope := c.digest()
	return slices.ContainsFunc(c.Approvals, func(a Approval) bool { return a.By == id && a.Scope == scope })
}

// checkApprovals checks that approvals (with by's own approval added if by
// has not decided) authorise the change: no rejection, and at least
// required approvals by people other than the requester. Each approver
// counts once however many entries name them, an entry naming no one does
// not count, and the requester's own approval never counts: otherwise a
// policy asking for two approvals would let the requester and one other
// authorise, and a decoded record repeating an approver would count them
// twice (ISO/IEC 20000-1:2011, 9.2).
func (c *RequestForChange) checkApprovals(by Actor, required int) error {
	required = max(required, 1)
	approvers := []string{}
	scope := c.digest()
	for _, a := range c.Approvals {
		if a.Scope != scope {
			continue // a decision on a scope since changed
		}
		switch a.Decision {
		case DecisionReject:
			return unmet("rejected by %s", a.By)
		case DecisionApprove:
			approvers = append(approvers, a.By)
		}
	}
	approvers = append(approvers, by.ID)
	approvers = slices.DeleteFunc(approvers, func(n string) bool { return blank(n) || n == c.Requester })
	slices.Sort(approvers)
	approvers = slices.Compact(approvers)
	if len(approvers) == 0 {
		return fmt.Errorf("the requester %s is the only approver: %w", c.Requester, ErrSegregation)
	}
	if len(approvers) < required {
		return unmet("%d approvals besides the requester's, %d required", len(approvers), required)
	}
	return nil
}

// Authorise authorises an assessed normal (or assessed emergency) change
// (ISO/IEC 20000-1:2011, 9.2). by must be a change authority; by's own
// approval is added if by has not decided yet. The change needs the
// policy's number of approvals (one when policy is nil; a request linked
// to its policy with [LinkGoverns] needs that policy), none rejecting,
// each by a different person other than the requester; with no approver
// but the requester it is refused with [ErrSegregation]: the requester
// never authorises a change alone. A standard change needs no
// authorisation and is refused here.
func (c *RequestForChange) Authorise(by Actor, at time.Time, policy *ChangePolicy) error {
	required := 1
	if policy != nil {
		required = policy.RequiredApprovals
	}
	if c.State() == ChangeRequested {
		return &TransitionError{Kind: c.Kind, ID: c.ID, From: c.Status, To: string(ChangeAuthorised),
			Err: fmt.Errorf("assess first, or use AuthoriseEmergency: %w", ErrInvalidTransition)}
	}
	err := changeLifecycle.apply(&c.Header, ChangeAuthorised, by, at, "", func() error {
		if c.Class == ChangeStandard {
			return unmet("a standard change is pre-authorised")
		}
		if err := c.checkPolicy(policy); err != nil {
			return err
		}
		return c.checkApprovals(by, required)
	})
	if err != nil {
		return err
	}
	c.bindLast()
	c.addOwnApproval(by, at)
	return nil
}

// checkPolicy refuses policy when the request links to another change
// policy with [LinkGoverns], and refuses a nil policy when it links to
// any: the policy that governs a request sets its rules (ISO/IEC
// 20000-1:2011, 9.2).
func (c *RequestForChange) checkPolicy(policy *ChangePolicy) error {
	governed := len(c.Linked(LinkGoverns)) > 0
	switch {
	case policy == nil && governed:
		return missing("policy")
	case policy != nil && governed && !c.HasLink(LinkGoverns, policy.ID):
		return unmet("request is governed by another policy than %s", policy.Subject())
	}
	return nil
}

// AuthoriseEmergency authorises an emergency change straight from
// requested, before assessment (ISO/IEC 20000-1:2011, 9.2). by must be an
// emergency change authority other than the requester ([ErrSegregation]);
// the request must state a back-out plan. The change is reviewed after
// implementation like any other.
func (c *RequestForChange) AuthoriseEmergency(by Actor, at time.Time) error {
	err := changeLifecycle.apply(&c.Header, ChangeAuthorised, by, at, "emergency", func() error {
		if c.Class != ChangeEmergency {
			return unmet("%s change: only an emergency change is authorised before assessment", orNone(string(c.Class)))
		}
		if blank(c.BackoutPlan) {
			return missing("backoutPlan")
		}
		return c.checkApprovals(by, 1)
	})
	if err != nil {
		return err
	}
	c.bindLast()
	c.addOwnApproval(by, at)
	return nil
}

// addOwnApproval records by's approval if by has not decided.
func (c *RequestForChange) addOwnApproval(by Actor, at time.Time) {
	if !c.approvedBy(by.ID) {
		c.decide(by, at, DecisionApprove, "")
	}
}

// Schedule sets the planned implementation window and moves the change to
// scheduled: an authorised change, or a standard change straight from
// requested when policy pre-authorises its model (ISO/IEC 20000-1:2011,
// 9.2). by must be a change manager. The window is to be entered on the
// [ScheduleOfChange], which checks it against blackouts.
func (c *RequestForChange) Schedule(by Actor, at time.Time, w Window, policy *ChangePolicy) error {
	err := changeLifecycle.apply(&c.Header, ChangeScheduled, by, at, "", func() error {
		if err := w.check("window"); err != nil {
			return fmt.Errorf("%w: %w", err, ErrPrecondition)
		}
		if c.State() == ChangeRequested {
			switch {
			case c.Class != ChangeStandard:
				return unmet("%s change must be authorised first", orNone(string(c.Class)))
			case policy == nil:
				return missing("policy")
			case !policy.Standard(c.Model):
				return unmet("model %q is not a standard change of %s", c.Model, policy.Subject())
			}
			return c.checkPolicy(policy)
		}
		return c.checkBound()
	})
	if err != nil {
		return err
	}
	move := len(c.History) - 1
	set(c, "window.start", &c.Window.Start, w.Start, ID{}, "", by, at)
	set(c, "window.end", &c.Window.End, w.End, ID{}, "", by, at)
	c.History[move].Scope = c.digest() // the change manager's schedule binds the window with the approved scope
	return nil
}

// Implement starts implementing a scheduled change, or an authorised
// emergency change; by becomes the implementer (ISO/IEC 20000-1:2011, 9.2).
func (c *RequestForChange) Implement(by Actor, at time.Time) error {
	err := changeLifecycle.apply(&c.Header, ChangeImplementing, by, at, "", func() error {
		if c.State() == ChangeAuthorised && c.Class != ChangeEmergency {
			return unmet("%s change must be scheduled first", orNone(string(c.Class)))
		}
		return c.checkBound()
	})
	if err != nil {
		return err
	}
	set(c, "implementer", &c.Implementer, by.ID, ID{}, "", by, at)
	return nil
}

// Complete records the change implemented, with how it went (ISO/IEC
// 20000-1:2011, 9.2).
func (c *RequestForChange) Complete(by Actor, at time.Time, outcome string) error {
	return c.finish(ChangeImplemented, by, at, outcome)
}

// Fail records the change unsuccessful, with why; it is then investigated
// in its review (ISO/IEC 20000-1:2011, 9.2).
func (c *RequestForChange) Fail(by Actor, at time.Time, reason string) error {
	return c.finish(ChangeFailed, by, at, reason)
}

// BackOut records that the remedial action was taken and the previous
// state restored (ISO/IEC 20000-1:2011, 9.2).
func (c *RequestForChange) BackOut(by Actor, at time.Time, note string) error {
	return c.finish(ChangeBackedOut, by, at, note)
}

func (c *RequestForChange) finish(to ChangeState, by Actor, at time.Time, outcome string) error {
	err := changeLifecycle.apply(&c.Header, to, by, at, outcome, needText("outcome", outcome))
	if err != nil {
		return err
	}
	set(c, "outcome", &c.Outcome, outcome, ID{}, "", by, at)
	return nil
}

// Review closes the post-implementation review of an implemented, failed or
// backed-out change: pir must be a valid review of this change, held no
// later than at, and is linked with [LinkReviewedBy] (ISO/IEC
// 20000-1:2011, 9.2). by must be a change manager. Who implemented the
// change cannot close its review alone ([ErrSegregation]): if by is the
// implementer, the review must name another reviewer. An emergency change,
// authorised before assessment, must hold its assessment (risk, impact,
// business benefit, back-out plan) by its review.
func (c *RequestForChange) Review(by Actor, at time.Time, pir *PostImplementationReview) error {
	err := changeLifecycle.apply(&c.Header, ChangeReviewed, by, at, "", func() error {
		if pir == nil {
			return missing("review")
		}
		if pir.Change != c.ID {
			return unmet("%s is not a review of this change", pir.Subject())
		}
		if pir.Held.After(at) {
			return unmet("%s was held after %s", pir.Subject(), at.Format(time.RFC3339))
		}
		if c.Class == ChangeEmergency {
			v := ValidationError{Subject: c.Subject()}
			c.validateAssessment(&v)
			if err := v.Err(); err != nil {
				return fmt.Errorf("emergency change not yet assessed: %w: %w", err, ErrPrecondition)
			}
		}
		if err := pir.Validate(); err != nil {
			return fmt.Errorf("%w: %w", err, ErrPrecondition)
		}
		if by.ID == c.Implementer && !slices.ContainsFunc(pir.Reviewers, func(r string) bool { return r != c.Implementer }) {
			return fmt.Errorf("the implementer %s is the only reviewer: %w", c.Implementer, ErrSegregation)
		}
		return nil
	})
	if err != nil {
		return err
	}
	_ = linkOnce(&c.Header, LinkReviewedBy, pir.ID, KindPostImplementationReview, by, at) // cannot fail: Apply checked actor and time, pir.Validate its ID
	return nil
}

// Close closes a reviewed change; by must be a change manager (ISO/IEC
// 20000-1:2011, 9.2).
func (c *RequestForChange) Close(by Actor, at time.Time) error {
	return changeLifecycle.apply(&c.Header, ChangeClosed, by, at, "", func() error {
		if !linkedKind(&c.Header, LinkReviewedBy, KindPostImplementationReview) {
			return unmet("no post-implementation review linked")
		}
		return nil
	})
}

// Reject refuses the change, for reason: a change manager from requested,
// a change authority once assessed (ISO/IEC 20000-1:2011, 9.2). A change
// authority's rejection is recorded among the approvals.
func (c *RequestForChange) Reject(by Actor, at time.Time, reason string) error {
	from := c.State()
	err := changeLifecycle.apply(&c.Header, ChangeRejected, by, at, reason, needText("reason", reason))
	if err != nil {
		return err
	}
	if from == ChangeAssessed && !c.approvedBy(by.ID) {
		c.decide(by, at, DecisionReject, reason)
	}
	return nil
}

// Cancel withdraws the change before implementation: by must be its
// requester or a change manager (ISO/IEC 20000-1:2011, 9.2).
func (c *RequestForChange) Cancel(by Actor, at time.Time, reason string) error {
	return changeLifecycle.apply(&c.Header, ChangeCancelled, by, at, reason, func() error {
		if by.ID != c.Requester {
			if err := needRole(by, RoleChangeManager); err != nil {
				return err
			}
		}
		if blank(reason) {
			return missing("reason")
		}
		return nil
	})
}

// ScheduleEntry is one approved change on the schedule of change, with its
// proposed deployment window (ISO/IEC 20000-1:2011, 9.2).
type ScheduleEntry struct {
	Change ID     `json:"change"`
	Window Window `json:"window"`
}

// Blackout is a window in which no change may be deployed (a business peak,
// a freeze), with why (ISO/IEC 20000-1:2011, 9.2).
type Blackout struct {
	Window Window `json:"window"`
	Reason string `json:"reason"`
}

// ScheduleOfChange is the schedule of approved changes and their proposed
// deployment dates for a period, with its blackout windows, communicated to
// interested parties; it drives release planning (ISO/IEC 20000-1:2011,
// 9.2, 9.3). Changes link to it with [LinkScheduledIn].
type ScheduleOfChange struct {
	Header
	Period    Window          `json:"period"`
	Entries   []ScheduleEntry `json:"entries,omitempty"`
	Blackouts []Blackout      `json:"blackouts,omitempty"`
	// Communicated is when the schedule was last communicated, and To whom.
	Communicated   time.Time `json:"communicated,omitzero"`
	CommunicatedTo []string  `json:"communicatedTo,omitempty"`
}

var _ Record = (*ScheduleOfChange)(nil)

// NewScheduleOfChange starts the schedule of change for period (ISO/IEC 20000-1:2011, 9.2).
func NewScheduleOfChange(title string, period Window, by Actor, at time.Time) *ScheduleOfChange {
	return &ScheduleOfChange{Header: NewHeader(KindScheduleOfChange, title, by, at), Period: period}
}

// Validate checks the period, each entry (a change, a window inside the
// period and clear of every blackout), each blackout, and who it was
// communicated to (ISO/IEC 20000-1:2011, 9.2).
func (s *ScheduleOfChange) Validate() error {
	v := ValidationError{Subject: s.Subject()}
	s.validate(&v, KindScheduleOfChange)
	s.Period.validate(&v, "period")
	for i, b := range s.Blackouts {
		p := fmt.Sprintf("blackouts[%d]", i)
		b.Window.validate(&v, p+".window")
		v.RequireText(p+".reason", b.Reason)
	}
	for i, e := range s.Entries {
		p := fmt.Sprintf("entries[%d]", i)
		v.Require(p+".change", !e.Change.IsZero())
		if !e.Change.IsZero() && slices.IndexFunc(s.Entries, func(o ScheduleEntry) bool { return o.Change == e.Change }) < i {
			v.Addf(p+".change", ErrInvalidValue, "%s repeated", e.Change.Short())
		}
		if err := e.Window.check(p + ".window"); err != nil {
			v.Merge("", err)
			continue
		}
		if err := s.fits(e.Window); err != nil {
			v.Add(p+".window", err)
		}
	}
	if !s.Communicated.IsZero() {
		v.Require("communicatedTo", len(s.CommunicatedTo) > 0)
	}
	v.CheckTexts("communicatedTo", s.CommunicatedTo, false)
	return v.Err()
}

// fits returns why w cannot be on the schedule, or nil.
func (s *ScheduleOfChange) fits(w Window) error {
	if !s.Period.IsZero() && !s.Period.Contains(w) {
		return fmt.Errorf("outside the schedule's period: %w", ErrInvalidValue)
	}
	for i, b := range s.Blackouts {
		if b.Window.Overlaps(w) {
			return fmt.Errorf("overlaps blackouts[%d] (%s): %w", i, b.Reason, ErrInvalidValue)
		}
	}
	return nil
}

// Add enters the scheduled change rfc on the schedule with its window
// (ISO/IEC 20000-1:2011, 9.2). It refuses, changing nothing, a change that
// is not scheduled, already entered, or whose window lies outside the
// period or overlaps a blackout ([ErrPrecondition]). The host links rfc to
// the schedule with [LinkScheduledIn].
func (s *ScheduleOfChange) Add(by Actor, at time.Time, rfc *RequestForChange) error {
	fail := func(err error) error { return fmt.Errorf("process: %s: add change: %w", s.Subject(), err) }
	switch {
	case rfc == nil:
		return fail(ErrRequired)
	case rfc.State() != ChangeScheduled:
		return fail(unmet("%s is %s, not %s", rfc.Subject(), orNone(rfc.Status), ChangeScheduled))
	case slices.ContainsFunc(s.Entries, func(e ScheduleEntry) bool { return e.Change == rfc.ID }):
		return fail(fmt.Errorf("%s: %w", rfc.Subject(), ErrExists))
	}
	if err := rfc.Window.check("window"); err != nil {
		return fail(fmt.Errorf("%w: %w", err, ErrPrecondition))
	}
	if err := s.fits(rfc.Window); err != nil {
		return fail(fmt.Errorf("%s window: %w: %w", rfc.Subject(), err, ErrPrecondition))
	}
	if err := s.CheckEvent(by, at); err != nil {
		return err
	}
	s.Entries = append(s.Entries, ScheduleEntry{Change: rfc.ID, Window: rfc.Window})
	s.append(Event{At: at, Actor: by.ID, Action: ActionChanged, Field: "entries", To: rfc.ID.String()})
	return nil
}

// AddBlackout adds a blackout window, refusing one that overlaps a change
// already on the schedule ([ErrPrecondition]) (ISO/IEC 20000-1:2011, 9.2).
func (s *ScheduleOfChange) AddBlackout(by Actor, at time.Time, b Blackout) error {
	fail := func(err error) error { return fmt.Errorf("process: %s: add blackout: %w", s.Subject(), err) }
	if err := b.Window.check("window"); err != nil {
		return fail(err)
	}
	if blank(b.Reason) {
		return fail(fmt.Errorf("reason: %w", ErrRequired))
	}
	for i, e := range s.Entries {
		if e.Window.Overlaps(b.Window) {
			return fail(unmet("overlaps entries[%d] (%s)", i, e.Change.Short()))
		}
	}
	if err := s.CheckEvent(by, at); err != nil {
		return err
	}
	s.Blackouts = append(s.Blackouts, b)
	s.append(Event{At: at, Actor: by.ID, Action: ActionChanged, Field: "blackouts", To: b.Reason})
	return nil
}

// Communicate records that the schedule was communicated to the given
// parties (ISO/IEC 20000-1:2011, 9.2).
func (s *ScheduleOfChange) Communicate(by Actor, at time.Time, to []string) error {
	if len(to) == 0 || slices.ContainsFunc(to, blank) {
		return fmt.Errorf("process: %s: communicate: to: %w", s.Subject(), ErrRequired)
	}
	if err := s.CheckEvent(by, at); err != nil {
		return err
	}
	s.Communicated = at
	s.CommunicatedTo = slices.Clone(to)
	s.append(Event{At: at, Actor: by.ID, Action: ActionNoted, Field: "communicated", Note: "communicated"})
	return nil
}

// PostImplementationReview is the review of a change after implementation:
// whether it met its objectives, what went wrong if it failed, and what
// follows (ISO/IEC 20000-1:2011, 9.2). The change links to it with
// [LinkReviewedBy].
type PostImplementationReview struct {
	Header
	Change    ID        `json:"change"`
	Held      time.Time `json:"held"`
	Reviewers []string  `json:"reviewers"`
	// Successful says the change met its objectives.
	Successful bool     `json:"successful"`
	Findings   string   `json:"findings"`
	Actions    []string `json:"actions,omitempty"`
}

var _ Record = (*PostImplementationReview)(nil)

// NewPostImplementationReview starts the review of the change rfc (ISO/IEC 20000-1:2011, 9.2).
func NewPostImplementationReview(title string, rfc ID, by Actor, at time.Time) *PostImplementationReview {
	return &PostImplementationReview{Header: NewHeader(KindPostImplementationReview, title, by, at), Change: rfc}
}

// Validate checks that the review names its change, when it was held, its
// reviewers and findings (ISO/IEC 20000-1:2011, 9.2).
func (r *PostImplementationReview) Validate() error {
	v := ValidationError{Subject: r.Subject()}
	r.validate(&v, KindPostImplementationReview)
	v.Require("change", !r.Change.IsZero())
	validateReview(&v, r.Held, r.Reviewers, r.Findings, r.Actions)
	return v.Err()
}
