package process

import (
	"fmt"
	"slices"
	"time"
)

// RiskTreatment is how a risk is treated: reduced by controls, avoided,
// transferred to another party or accepted (ISO/IEC 20000-1:2011, 6.3.1,
// 6.6.2). The zero RiskTreatment is unset.
type RiskTreatment string

// The treatments of a risk (ISO/IEC 20000-1:2011, 6.6.2).
const (
	TreatReduce   RiskTreatment = "reduce"
	TreatAvoid    RiskTreatment = "avoid"
	TreatTransfer RiskTreatment = "transfer"
	TreatAccept   RiskTreatment = "accept"
)

// Valid reports whether t is one of the treatments above.
func (t RiskTreatment) Valid() bool {
	return t == TreatReduce || t == TreatAvoid || t == TreatTransfer || t == TreatAccept
}

// String returns the treatment's code.
func (t RiskTreatment) String() string { return string(t) }

// MarshalText encodes a known or unset treatment; any other is an error.
func (t RiskTreatment) MarshalText() ([]byte, error) { return MarshalEnum(t) }

// UnmarshalText decodes a known or unset treatment; any other is an error.
func (t *RiskTreatment) UnmarshalText(b []byte) error {
	return UnmarshalEnum(t, b)
}

// SecurityPolicyState is a state of the information security policy
// (ISO/IEC 20000-1:2011, 6.6.1).
type SecurityPolicyState string

// The states of a security policy (ISO/IEC 20000-1:2011, 6.6.1).
const (
	SecurityPolicyDraft        SecurityPolicyState = "draft"
	SecurityPolicyApproved     SecurityPolicyState = "approved"     // approved by management with the authority to
	SecurityPolicyCommunicated SecurityPolicyState = "communicated" // made known to those it concerns
	SecurityPolicySuperseded   SecurityPolicyState = "superseded"   // replaced or withdrawn
)

// String returns the state's code.
func (s SecurityPolicyState) String() string { return string(s) }

// Valid reports whether s is a state of the security policy lifecycle.
func (s SecurityPolicyState) Valid() bool { return securityPolicyLifecycle.Valid(s) }

var securityPolicyLifecycle = MustLifecycle(KindSecurityPolicy, SecurityPolicyDraft,
	[]SecurityPolicyState{SecurityPolicyDraft, SecurityPolicyApproved, SecurityPolicyCommunicated, SecurityPolicySuperseded},
	[]SecurityPolicyState{SecurityPolicySuperseded},
	[]Move[SecurityPolicyState]{
		{From: []SecurityPolicyState{SecurityPolicyDraft}, To: SecurityPolicyApproved, Role: RoleTopManagement},
		{From: []SecurityPolicyState{SecurityPolicyApproved}, To: SecurityPolicyCommunicated, Role: RoleSecurityManager},
		{From: []SecurityPolicyState{SecurityPolicyDraft, SecurityPolicyApproved, SecurityPolicyCommunicated}, To: SecurityPolicySuperseded, Role: RoleTopManagement},
	})

// Lifecycle returns the lifecycle of security policies:
// draft, approved by top management, communicated by the security manager,
// superseded by top management (ISO/IEC 20000-1:2011, 6.6.1).
// The receiver is not read: a nil *SecurityPolicy gives the same lifecycle.
func (*SecurityPolicy) Lifecycle() *Lifecycle[SecurityPolicyState] { return securityPolicyLifecycle }

// SecurityPolicy is the information security policy, approved by
// management with suitable authority and communicated to the people it
// concerns (ISO/IEC 20000-1:2011, 6.6.1).
type SecurityPolicy struct {
	Header
	Content string `json:"content"`
	Owner   string `json:"owner"`
	// ApprovedBy and Approved record the approval; set by
	// [SecurityPolicy.Approve].
	ApprovedBy string    `json:"approvedBy,omitempty"`
	Approved   time.Time `json:"approved,omitzero"`
	// CommunicatedTo and Communicated record the communication; set by
	// [SecurityPolicy.Communicate].
	CommunicatedTo []string  `json:"communicatedTo,omitempty"`
	Communicated   time.Time `json:"communicated,omitzero"`
}

// MarshalText encodes the security policy state by the module's rule for enumerations
// ([MarshalEnum]): its code, or nothing when unset.
func (s SecurityPolicyState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known code or "" (unset) and refuses any other
// value ([UnmarshalEnum]).
func (s *SecurityPolicyState) UnmarshalText(b []byte) error { return UnmarshalEnum(s, b) }

// NewSecurityPolicy starts a draft security policy (ISO/IEC 20000-1:2011,
// 6.6.1).
func NewSecurityPolicy(title, content, owner string, by Actor, at time.Time) *SecurityPolicy {
	p := &SecurityPolicy{Header: NewHeader(KindSecurityPolicy, title, by, at), Content: content, Owner: owner}
	securityPolicyLifecycle.Start(&p.Header)
	return p
}

// State returns the policy's lifecycle state.
func (p *SecurityPolicy) State() SecurityPolicyState { return SecurityPolicyState(p.Status) }

// Validate reports every field at fault: content and owner; the approval
// once approved; the audience once communicated (ISO/IEC 20000-1:2011,
// 6.6.1).
func (p *SecurityPolicy) Validate() error {
	v := ValidationError{Subject: p.Subject()}
	p.validate(&v, KindSecurityPolicy)
	securityPolicyLifecycle.ValidateState(&p.Header, &v)
	v.Require("content", p.Content != "")
	v.Require("owner", p.Owner != "")
	switch p.State() {
	case SecurityPolicyApproved:
		p.checkApproval(&v)
	case SecurityPolicyCommunicated:
		p.checkApproval(&v)
		v.CheckTexts("communicatedTo", p.CommunicatedTo, true)
		v.Require("communicated", !p.Communicated.IsZero())
		checkNotBefore(&v, "communicated", p.Communicated, p.Approved, "approved")
	}
	return v.Err()
}

func (p *SecurityPolicy) checkApproval(v *ValidationError) {
	v.Require("approvedBy", p.ApprovedBy != "")
	v.Require("approved", !p.Approved.IsZero())
}

// Approve records the approval of a draft policy by top management
// (ISO/IEC 20000-1:2011, 6.6.1).
func (p *SecurityPolicy) Approve(by Actor, at time.Time, note string) error {
	err := securityPolicyLifecycle.apply(&p.Header, SecurityPolicyApproved, by, at, note, func() error {
		if blank(p.Content) {
			return missing("content")
		}
		return nil
	})
	if err == nil {
		p.ApprovedBy, p.Approved = by.ID, at
	}
	return err
}

// Communicate records that the approved policy was communicated to
// audience, which must not be empty (ISO/IEC 20000-1:2011, 6.6.1).
func (p *SecurityPolicy) Communicate(by Actor, at time.Time, audience []string, note string) error {
	err := securityPolicyLifecycle.apply(&p.Header, SecurityPolicyCommunicated, by, at, note, func() error {
		return requireTexts("audience", audience)
	})
	if err == nil {
		p.CommunicatedTo, p.Communicated = slices.Clone(audience), at
	}
	return err
}

// Supersede ends the policy (ISO/IEC 20000-1:2011, 6.6.1).
func (p *SecurityPolicy) Supersede(by Actor, at time.Time, note string) error {
	return securityPolicyLifecycle.apply(&p.Header, SecurityPolicySuperseded, by, at, note, nil)
}

// SecurityRisk is one information security risk: the asset, the threat,
// its likelihood and impact, its treatment, its owner and the controls that
// treat it (ISO/IEC 20000-1:2011, 6.6.2).
type SecurityRisk struct {
	Asset      string        `json:"asset"`
	Threat     string        `json:"threat"`
	Likelihood Level         `json:"likelihood"`
	Impact     Level         `json:"impact"`
	Treatment  RiskTreatment `json:"treatment"`
	Owner      string        `json:"owner"`
	// Controls are the security controls that reduce the risk; required
	// when the treatment is to reduce it.
	Controls []ID `json:"controls,omitempty"`
}

// SecurityRiskAssessment is an information security risk assessment made
// at planned intervals (ISO/IEC 20000-1:2011, 6.6.2). It links the controls
// that treat its risks ([LinkTreatedBy]) and any request for change it
// raised ([LinkRaised]).
type SecurityRiskAssessment struct {
	Header
	Assessed time.Time      `json:"assessed"`
	Scope    string         `json:"scope"`
	Risks    []SecurityRisk `json:"risks"`
	NextDue  time.Time      `json:"nextDue,omitzero"`
}

// NewSecurityRiskAssessment starts an assessment made at assessed
// (ISO/IEC 20000-1:2011, 6.6.2).
func NewSecurityRiskAssessment(title, scope string, assessed time.Time, by Actor, at time.Time) *SecurityRiskAssessment {
	return &SecurityRiskAssessment{Header: NewHeader(KindSecurityRiskAssessment, title, by, at), Scope: scope, Assessed: assessed}
}

// Validate reports every field at fault: date, scope and at least one risk
// with its asset, threat, likelihood and impact (a default [Level] or a
// host's own), treatment and owner; a risk
// to reduce names its controls, and every control it names is linked with
// [LinkTreatedBy] (ISO/IEC 20000-1:2011, 6.6.2).
func (a *SecurityRiskAssessment) Validate() error {
	v := ValidationError{Subject: a.Subject()}
	a.validate(&v, KindSecurityRiskAssessment)
	v.Require("assessed", !a.Assessed.IsZero())
	v.Require("scope", a.Scope != "")
	v.Require("risks", len(a.Risks) > 0)
	for i, r := range a.Risks {
		p := fmt.Sprintf("risks[%d]", i)
		v.Require(p+".asset", r.Asset != "")
		v.Require(p+".threat", r.Threat != "")
		checkLevel(&v, p+".likelihood", r.Likelihood)
		checkLevel(&v, p+".impact", r.Impact)
		CheckEnum(&v, p+".treatment", r.Treatment)
		v.Require(p+".owner", r.Owner != "")
		if r.Treatment == TreatReduce {
			v.Require(p+".controls", len(r.Controls) > 0)
		}
		validateRefs(&v, &a.Header, p+".controls", r.Controls, LinkTreatedBy)
	}
	checkNotBefore(&v, "nextDue", a.NextDue, a.Assessed, "assessed")
	return v.Err()
}

// EffectivenessMeasure is how the effectiveness of a control is measured,
// and its latest result (ISO/IEC 20000-1:2011, 6.6.2).
type EffectivenessMeasure struct {
	Name     string    `json:"name"`
	Method   string    `json:"method"`
	Result   string    `json:"result,omitempty"`
	Measured time.Time `json:"measured,omitzero"`
}

// SecurityControl is a documented information security control, with its
// owner and the measures of its effectiveness (ISO/IEC 20000-1:2011,
// 6.6.2).
type SecurityControl struct {
	Header
	Objective string                 `json:"objective"`
	Owner     string                 `json:"owner"`
	Measures  []EffectivenessMeasure `json:"measures"`
}

// NewSecurityControl starts a control with its objective and owner
// (ISO/IEC 20000-1:2011, 6.6.2).
func NewSecurityControl(title, objective, owner string, by Actor, at time.Time) *SecurityControl {
	return &SecurityControl{Header: NewHeader(KindSecurityControl, title, by, at), Objective: objective, Owner: owner}
}

// Validate reports every field at fault: objective, owner and at least one
// effectiveness measure with name and method; a result has its date
// (ISO/IEC 20000-1:2011, 6.6.2).
func (c *SecurityControl) Validate() error {
	v := ValidationError{Subject: c.Subject()}
	c.validate(&v, KindSecurityControl)
	v.Require("objective", c.Objective != "")
	v.Require("owner", c.Owner != "")
	v.Require("measures", len(c.Measures) > 0)
	for i, m := range c.Measures {
		p := fmt.Sprintf("measures[%d]", i)
		v.Require(p+".name", m.Name != "")
		v.Require(p+".method", m.Method != "")
		if m.Result != "" {
			v.Require(p+".measured", !m.Measured.IsZero())
		}
	}
	return v.Err()
}

// AccessAgreement is an agreement with an external party that needs access
// to the provider's information or services, naming the controls it agrees
// to (ISO/IEC 20000-1:2011, 6.6.2). When the party is a supplier, the
// agreement links it ([LinkGrantsAccess]).
type AccessAgreement struct {
	Header
	Party    string    `json:"party"`
	Scope    string    `json:"scope"`
	Controls []string  `json:"controls"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end,omitzero"`
}

// NewAccessAgreement starts an access agreement with party
// (ISO/IEC 20000-1:2011, 6.6.2).
func NewAccessAgreement(title, party, scope string, start time.Time, by Actor, at time.Time) *AccessAgreement {
	return &AccessAgreement{Header: NewHeader(KindAccessAgreement, title, by, at), Party: party, Scope: scope, Start: start}
}

// Validate reports every field at fault: party, scope, controls and start
// (ISO/IEC 20000-1:2011, 6.6.2).
func (a *AccessAgreement) Validate() error {
	v := ValidationError{Subject: a.Subject()}
	a.validate(&v, KindAccessAgreement)
	v.Require("party", a.Party != "")
	v.Require("scope", a.Scope != "")
	v.CheckTexts("controls", a.Controls, true)
	v.Require("start", !a.Start.IsZero())
	checkNotBefore(&v, "end", a.End, a.Start, "start")
	return v.Err()
}

// SecurityFinding is one type of security incident seen in a review
// period: how many and what impact they had (ISO/IEC 20000-1:2011, 6.6.3).
type SecurityFinding struct {
	Type   string `json:"type"`
	Count  int    `json:"count"`
	Impact string `json:"impact"`
}

// SecurityIncidentReview analyses the security incidents of a period by
// type, volume and impact, to improve security (ISO/IEC 20000-1:2011,
// 6.6.3). It links the incidents reviewed ([LinkAbout]) and the problems
// or requests for change it raised ([LinkRaised]).
type SecurityIncidentReview struct {
	Header
	PeriodStart  time.Time         `json:"periodStart"`
	PeriodEnd    time.Time         `json:"periodEnd"`
	Reviewed     time.Time         `json:"reviewed"`
	Findings     []SecurityFinding `json:"findings"`
	Improvements []string          `json:"improvements,omitempty"`
}

// NewSecurityIncidentReview starts a review of the period from start to end
// (ISO/IEC 20000-1:2011, 6.6.3).
func NewSecurityIncidentReview(title string, start, end, reviewed time.Time, by Actor, at time.Time) *SecurityIncidentReview {
	return &SecurityIncidentReview{Header: NewHeader(KindSecurityIncidentReview, title, by, at), PeriodStart: start, PeriodEnd: end, Reviewed: reviewed}
}

// Validate reports every field at fault: period, date and at least one
// finding with type, a count not below zero and impact
// (ISO/IEC 20000-1:2011, 6.6.3).
func (r *SecurityIncidentReview) Validate() error {
	v := ValidationError{Subject: r.Subject()}
	r.validate(&v, KindSecurityIncidentReview)
	checkPeriod(&v, "periodStart", "periodEnd", r.PeriodStart, r.PeriodEnd)
	v.Require("reviewed", !r.Reviewed.IsZero())
	v.Require("findings", len(r.Findings) > 0)
	for i, f := range r.Findings {
		p := fmt.Sprintf("findings[%d]", i)
		v.Require(p+".type", f.Type != "")
		if f.Count < 0 {
			v.Addf(p+".count", ErrInvalidValue, "%d is negative", f.Count)
		}
		v.Require(p+".impact", f.Impact != "")
	}
	v.CheckTexts("improvements", r.Improvements, false)
	return v.Err()
}
