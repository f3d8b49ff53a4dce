package sms

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
)

// ApprovalState is a state of a record that top management approves: the
// scope statement, the policy, an objective, the plan (ISO/IEC
// 20000-1:2011, 4.1.1, 4.1.2, 4.5.1, 4.5.2).
type ApprovalState string

// The states of an approved SMS record (ISO/IEC 20000-1:2011, 4.1.1).
const (
	Draft     ApprovalState = "draft"
	Approved  ApprovalState = "approved"
	Withdrawn ApprovalState = "withdrawn" // replaced or no longer in force
)

// String returns the state's code.
func (s ApprovalState) String() string { return string(s) }

// MarshalText encodes the state as its code, or as nothing when unset;
// an unknown value is an error wrapping [process.ErrInvalidValue].
func (s ApprovalState) MarshalText() ([]byte, error) { return process.MarshalEnum(s) }

// UnmarshalText decodes a known state or "" (unset); any other value
// is an error wrapping [process.ErrInvalidValue] and leaves the receiver
// unchanged.
func (s *ApprovalState) UnmarshalText(b []byte) error { return process.UnmarshalEnum(s, b) }

// Valid reports whether s is a state of the approval lifecycle.
func (s ApprovalState) Valid() bool { return s == Draft || s == Approved || s == Withdrawn }

var (
	scopeLifecycle     = newApprovalLifecycle(process.KindScopeStatement)
	policyLifecycle    = newApprovalLifecycle(process.KindServiceManagementPolicy)
	objectiveLifecycle = newApprovalLifecycle(process.KindServiceManagementObjective)
	planLifecycle      = newApprovalLifecycle(process.KindServiceManagementPlan)
)

// newApprovalLifecycle returns the lifecycle of a record of kind that top
// management approves: draft, approved (by top management only), back to
// draft for revision (by the management representative), withdrawn (by top
// management) (ISO/IEC 20000-1:2011, 4.1.1).
func newApprovalLifecycle(kind process.RecordKind) *process.Lifecycle[ApprovalState] {
	return process.MustLifecycle(kind, Draft, []ApprovalState{Draft, Approved, Withdrawn}, []ApprovalState{Withdrawn},
		[]process.Move[ApprovalState]{
			{From: []ApprovalState{Draft}, To: Approved, Role: process.RoleTopManagement},
			{From: []ApprovalState{Approved}, To: Draft, Role: process.RoleManagementRep}, // reopened for revision
			{From: []ApprovalState{Draft, Approved}, To: Withdrawn, Role: process.RoleTopManagement},
		})
}

// moveApproval moves r along l; approval needs a record that validates.
func moveApproval(l *process.Lifecycle[ApprovalState], by process.Actor, at time.Time, r process.Record, to ApprovalState, note string) error {
	return l.Apply(by, at, r.Meta(), to, note, func() error {
		if to == Approved {
			if err := r.Validate(); err != nil {
				return fmt.Errorf("%w: %w", process.ErrPrecondition, err)
			}
		}
		return nil
	})
}

// ScopeStatement names what the SMS covers: the services, and the
// organisation units and locations that provide them (ISO/IEC 20000-1:2011,
// 4.5.1). The services in scope may also be linked with
// [process.LinkService].
type ScopeStatement struct {
	process.Header
	Services  []string `json:"services"`
	Units     []string `json:"units"`
	Locations []string `json:"locations"`
	// Exclusions says what is left out and why.
	Exclusions []string `json:"exclusions,omitempty"`
}

// NewScopeStatement starts a draft scope statement (ISO/IEC 20000-1:2011,
// 4.5.1).
func NewScopeStatement(title string, services, units, locations []string, by process.Actor, at time.Time) *ScopeStatement {
	s := &ScopeStatement{Header: process.NewHeader(process.KindScopeStatement, title, by, at), Services: services, Units: units, Locations: locations}
	scopeLifecycle.Start(&s.Header)
	return s
}

// Lifecycle returns the approval lifecycle of scope statements: draft,
// approved by top management only, back to draft for revision by the
// management representative, withdrawn by top management (ISO/IEC
// 20000-1:2011, 4.1.1, 4.5.1).
// The receiver is not read: a nil *ScopeStatement gives the same lifecycle.
func (*ScopeStatement) Lifecycle() *process.Lifecycle[ApprovalState] { return scopeLifecycle }

// State returns the statement's approval state (ISO/IEC 20000-1:2011,
// 4.5.1).
func (s *ScopeStatement) State() ApprovalState { return ApprovalState(s.Status) }

// Move moves the statement along its [ScopeStatement.Lifecycle]; approval
// needs top management and a statement that validates (ISO/IEC
// 20000-1:2011, 4.1.1, 4.5.1).
func (s *ScopeStatement) Move(by process.Actor, at time.Time, to ApprovalState, note string) error {
	return moveApproval(scopeLifecycle, by, at, s, to, note)
}

// Validate reports every field at fault: services, units and locations are
// required (ISO/IEC 20000-1:2011, 4.5.1).
func (s *ScopeStatement) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: s.Subject()}
	process.ValidateHeader(&s.Header, process.KindScopeStatement, &v)
	scopeLifecycle.ValidateState(&s.Header, &v)
	v.CheckTexts("services", s.Services, true)
	v.CheckTexts("units", s.Units, true)
	v.CheckTexts("locations", s.Locations, true)
	v.CheckTexts("exclusions", s.Exclusions, false)
	return v.Err()
}

// Policy is the service management policy set by top management: it fits
// the provider's purpose and commits to meeting service requirements and
// to continual improvement (ISO/IEC 20000-1:2011, 4.1.2). Only top
// management approves it.
type Policy struct {
	process.Header
	Statement string `json:"statement"`
	// MeetsRequirements and ContinualImprovement record the two
	// commitments the policy must make.
	MeetsRequirements    bool `json:"meetsRequirements"`
	ContinualImprovement bool `json:"continualImprovement"`
	// ImprovementCriteria are the criteria for evaluating improvement
	// opportunities (4.5.5.1).
	ImprovementCriteria []string `json:"improvementCriteria,omitempty"`
}

// NewPolicy starts a draft service management policy (ISO/IEC
// 20000-1:2011, 4.1.2).
func NewPolicy(title, statement string, by process.Actor, at time.Time) *Policy {
	p := &Policy{Header: process.NewHeader(process.KindServiceManagementPolicy, title, by, at), Statement: statement}
	policyLifecycle.Start(&p.Header)
	return p
}

// Lifecycle returns the approval lifecycle of service management
// policies: draft, approved by top management only, back to draft for
// revision by the management representative, withdrawn by top management
// (ISO/IEC 20000-1:2011, 4.1.1, 4.1.2).
// The receiver is not read: a nil *Policy gives the same lifecycle.
func (*Policy) Lifecycle() *process.Lifecycle[ApprovalState] { return policyLifecycle }

// State returns the policy's approval state (ISO/IEC 20000-1:2011,
// 4.1.2).
func (p *Policy) State() ApprovalState { return ApprovalState(p.Status) }

// Move moves the policy along its [Policy.Lifecycle]. Approval needs top
// management and a policy that validates with both commitments made
// (ISO/IEC 20000-1:2011, 4.1.2).
func (p *Policy) Move(by process.Actor, at time.Time, to ApprovalState, note string) error {
	return moveApproval(policyLifecycle, by, at, p, to, note)
}

// Validate reports every field at fault: the statement and both
// commitments are required (ISO/IEC 20000-1:2011, 4.1.2).
func (p *Policy) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: p.Subject()}
	process.ValidateHeader(&p.Header, process.KindServiceManagementPolicy, &v)
	policyLifecycle.ValidateState(&p.Header, &v)
	v.RequireText("statement", p.Statement)
	v.Require("meetsRequirements", p.MeetsRequirements)
	v.Require("continualImprovement", p.ContinualImprovement)
	v.CheckTexts("improvementCriteria", p.ImprovementCriteria, false)
	return v.Err()
}

// Objective is a measurable service management objective set by top
// management (ISO/IEC 20000-1:2011, 4.1.1, 4.5.2).
type Objective struct {
	process.Header
	// Measure says how achievement is measured, Target what counts as met.
	Measure string    `json:"measure"`
	Target  string    `json:"target"`
	Owner   string    `json:"owner"`
	Due     time.Time `json:"due,omitzero"`
}

// NewObjective starts a draft objective (ISO/IEC 20000-1:2011, 4.1.1).
func NewObjective(title, measure, target, owner string, by process.Actor, at time.Time) *Objective {
	o := &Objective{Header: process.NewHeader(process.KindServiceManagementObjective, title, by, at), Measure: measure, Target: target, Owner: owner}
	objectiveLifecycle.Start(&o.Header)
	return o
}

// Lifecycle returns the approval lifecycle of service management
// objectives: draft, approved by top management only, back to draft for
// revision by the management representative, withdrawn by top management
// (ISO/IEC 20000-1:2011, 4.1.1, 4.5.2).
// The receiver is not read: a nil *Objective gives the same lifecycle.
func (*Objective) Lifecycle() *process.Lifecycle[ApprovalState] { return objectiveLifecycle }

// State returns the objective's approval state (ISO/IEC 20000-1:2011,
// 4.1.1).
func (o *Objective) State() ApprovalState { return ApprovalState(o.Status) }

// Move moves the objective along its [Objective.Lifecycle]; approval needs
// top management and an objective that validates (ISO/IEC 20000-1:2011,
// 4.1.1).
func (o *Objective) Move(by process.Actor, at time.Time, to ApprovalState, note string) error {
	return moveApproval(objectiveLifecycle, by, at, o, to, note)
}

// Validate reports every field at fault: measure, target and owner are
// required (ISO/IEC 20000-1:2011, 4.1.1).
func (o *Objective) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: o.Subject()}
	process.ValidateHeader(&o.Header, process.KindServiceManagementObjective, &v)
	objectiveLifecycle.ValidateState(&o.Header, &v)
	v.RequireText("measure", o.Measure)
	v.RequireText("target", o.Target)
	v.RequireText("owner", o.Owner)
	return v.Err()
}

// Authority is one entry of the plan's framework of authorities: a role,
// who holds it and what it answers for (ISO/IEC 20000-1:2011, 4.1.4,
// 4.5.2).
type Authority struct {
	Role             process.Role `json:"role"`
	Holder           string       `json:"holder"`
	Responsibilities string       `json:"responsibilities"`
}

// Interface is one interface between two processes and how their work is
// coordinated across it (ISO/IEC 20000-1:2011, 4.5.2).
type Interface struct {
	From         process.Process `json:"from"`
	To           process.Process `json:"to"`
	Coordination string          `json:"coordination"`
}

// Plan is the service management plan: objectives, requirements,
// limitations, obligations, authorities, resources, the approach to other
// parties, the interfaces between processes, risk, technology and how the
// SMS is measured, with the management representative named (ISO/IEC
// 20000-1:2011, 4.1.3, 4.5.2).
type Plan struct {
	process.Header
	// Representative is the management representative with authority
	// for the SMS (4.1.3).
	Representative      string       `json:"representative"`
	Objectives          []process.ID `json:"objectives"`
	ServiceRequirements []string     `json:"serviceRequirements"`
	Limitations         []string     `json:"limitations,omitempty"` // known limitations, if any
	Obligations         []string     `json:"obligations"`           // policies, standards, legal and contractual
	Authorities         []Authority  `json:"authorities"`
	// Resources are the human, technical, information and financial
	// resources the plan provides for the SMS (4.4.1).
	Resources      process.Resources `json:"resources"`
	OtherParties   string            `json:"otherParties"` // the approach to working with them
	Interfaces     []Interface       `json:"interfaces"`
	RiskApproach   string            `json:"riskApproach"`
	RiskAcceptance string            `json:"riskAcceptance"` // the criteria for accepting risks
	Technology     []string          `json:"technology"`
	// Measurement says how the SMS is measured, audited, reported on and
	// improved.
	Measurement string `json:"measurement"`
}

// NewPlan starts a draft plan naming its management representative
// (ISO/IEC 20000-1:2011, 4.1.3, 4.5.2).
func NewPlan(title, representative string, by process.Actor, at time.Time) *Plan {
	p := &Plan{Header: process.NewHeader(process.KindServiceManagementPlan, title, by, at), Representative: representative}
	planLifecycle.Start(&p.Header)
	return p
}

// Lifecycle returns the approval lifecycle of service management plans:
// draft, approved by top management only, back to draft for revision by
// the management representative, withdrawn by top management (ISO/IEC
// 20000-1:2011, 4.1.1, 4.5.2).
// The receiver is not read: a nil *Plan gives the same lifecycle.
func (*Plan) Lifecycle() *process.Lifecycle[ApprovalState] { return planLifecycle }

// State returns the plan's approval state (ISO/IEC 20000-1:2011,
// 4.5.2).
func (p *Plan) State() ApprovalState { return ApprovalState(p.Status) }

// Move moves the plan along its [Plan.Lifecycle]; approval needs top
// management and a complete plan (ISO/IEC 20000-1:2011, 4.1.1, 4.5.2).
func (p *Plan) Move(by process.Actor, at time.Time, to ApprovalState, note string) error {
	return moveApproval(planLifecycle, by, at, p, to, note)
}

// Validate reports every field at fault: every content item of the plan
// but the known limitations is required, interfaces join two distinct
// known processes (ISO/IEC 20000-1:2011, 4.1.3, 4.5.2).
func (p *Plan) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: p.Subject()}
	process.ValidateHeader(&p.Header, process.KindServiceManagementPlan, &v)
	planLifecycle.ValidateState(&p.Header, &v)
	v.RequireText("representative", p.Representative)
	v.Require("objectives", len(p.Objectives) > 0)
	for i, id := range p.Objectives {
		v.Require(fmt.Sprintf("objectives[%d]", i), !id.IsZero())
	}
	v.CheckTexts("serviceRequirements", p.ServiceRequirements, true)
	v.CheckTexts("limitations", p.Limitations, false)
	v.CheckTexts("obligations", p.Obligations, true)
	v.Require("authorities", len(p.Authorities) > 0)
	for i, a := range p.Authorities {
		path := fmt.Sprintf("authorities[%d]", i)
		v.Require(path+".role", a.Role != "")
		v.RequireText(path+".holder", a.Holder)
		v.RequireText(path+".responsibilities", a.Responsibilities)
	}
	v.RequireText("resources.human", p.Resources.Human)
	v.RequireText("resources.technical", p.Resources.Technical)
	v.RequireText("resources.information", p.Resources.Information)
	v.RequireText("resources.financial", p.Resources.Financial)
	v.RequireText("otherParties", p.OtherParties)
	v.Require("interfaces", len(p.Interfaces) > 0)
	for i, in := range p.Interfaces {
		path := fmt.Sprintf("interfaces[%d]", i)
		if !in.From.Valid() {
			v.Addf(path+".from", process.ErrInvalidValue, "unknown process %q", string(in.From))
		}
		if !in.To.Valid() {
			v.Addf(path+".to", process.ErrInvalidValue, "unknown process %q", string(in.To))
		} else if in.To == in.From {
			v.Addf(path+".to", process.ErrInvalidValue, "same process as from")
		}
		v.RequireText(path+".coordination", in.Coordination)
	}
	v.RequireText("riskApproach", p.RiskApproach)
	v.RequireText("riskAcceptance", p.RiskAcceptance)
	v.CheckTexts("technology", p.Technology, true)
	v.RequireText("measurement", p.Measurement)
	return v.Err()
}
