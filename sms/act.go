package sms

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
)

// NonconformityState is a state of a nonconformity (ISO/IEC 20000-1:2011,
// 4.5.5.1).
type NonconformityState string

// The states of a nonconformity (ISO/IEC 20000-1:2011, 4.5.5.1).
const (
	NCRecorded  NonconformityState = "recorded"
	NCCorrected NonconformityState = "corrected" // the immediate correction made
	NCClosed    NonconformityState = "closed"    // its cause dealt with by corrective action
)

// String returns the state's code.
func (s NonconformityState) String() string { return string(s) }

// MarshalText encodes the state as its code, or as nothing when unset;
// an unknown value is an error wrapping [process.ErrInvalidValue].
func (s NonconformityState) MarshalText() ([]byte, error) { return process.MarshalEnum(s) }

// UnmarshalText decodes a known state or "" (unset); any other value
// is an error wrapping [process.ErrInvalidValue] and leaves the receiver
// unchanged.
func (s *NonconformityState) UnmarshalText(b []byte) error { return process.UnmarshalEnum(s, b) }

// Valid reports whether s is a state of the nonconformity lifecycle.
func (s NonconformityState) Valid() bool { return nonconformityLifecycle.Valid(s) }

var nonconformityLifecycle = process.MustLifecycle(process.KindNonconformity, NCRecorded,
	[]NonconformityState{NCRecorded, NCCorrected, NCClosed}, []NonconformityState{NCClosed},
	[]process.Move[NonconformityState]{
		{From: []NonconformityState{NCRecorded}, To: NCCorrected},
		{From: []NonconformityState{NCCorrected}, To: NCClosed, Role: process.RoleManagementRep},
	})

// Lifecycle returns the lifecycle of nonconformities: recorded,
// corrected, closed; closing needs the management representative (ISO/IEC
// 20000-1:2011, 4.5.5.1).
// The receiver is not read: a nil *Nonconformity gives the same lifecycle.
func (*Nonconformity) Lifecycle() *process.Lifecycle[NonconformityState] {
	return nonconformityLifecycle
}

// Nonconformity is a requirement found not met, from an audit finding or
// elsewhere, with the correction made; its cause is removed by
// [CorrectiveAction] records naming it (ISO/IEC 20000-1:2011, 4.5.4.2,
// 4.5.5.1).
type Nonconformity struct {
	process.Header
	Finding     process.ID `json:"finding,omitzero"` // the audit finding that raised it, if any
	Requirement string     `json:"requirement"`
	Description string     `json:"description"`
	// Correction is set by the move to corrected.
	Correction string `json:"correction,omitempty"`
	// CorrectiveActions lists the corrective actions raised; closing needs one.
	CorrectiveActions []process.ID `json:"correctiveActions,omitempty"`
}

// NewNonconformity records a nonconformity against requirement (ISO/IEC
// 20000-1:2011, 4.5.5.1).
func NewNonconformity(title, requirement, description string, by process.Actor, at time.Time) *Nonconformity {
	n := &Nonconformity{Header: process.NewHeader(process.KindNonconformity, title, by, at), Requirement: requirement, Description: description}
	nonconformityLifecycle.Start(&n.Header)
	return n
}

// State returns the nonconformity's state in its
// [Nonconformity.Lifecycle] (ISO/IEC 20000-1:2011, 4.5.5.1).
func (n *Nonconformity) State() NonconformityState { return NonconformityState(n.Status) }

// Move moves the nonconformity along its [Nonconformity.Lifecycle]. The
// move to corrected needs a correction, the move to closed a corrective
// action (ISO/IEC 20000-1:2011, 4.5.5.1).
func (n *Nonconformity) Move(by process.Actor, at time.Time, to NonconformityState, note string) error {
	return nonconformityLifecycle.Apply(by, at, &n.Header, to, note, func() error {
		switch {
		case to == NCCorrected && n.Correction == "":
			return fmt.Errorf("correction: %w", process.ErrPrecondition)
		case to == NCClosed && len(n.CorrectiveActions) == 0:
			return fmt.Errorf("correctiveActions: %w", process.ErrPrecondition)
		}
		return nil
	})
}

// Validate reports every field at fault: requirement and description are
// required, a correction once corrected and a corrective action once
// closed (ISO/IEC 20000-1:2011, 4.5.5.1).
func (n *Nonconformity) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: n.Subject()}
	process.ValidateHeader(&n.Header, process.KindNonconformity, &v)
	nonconformityLifecycle.ValidateState(&n.Header, &v)
	v.RequireText("requirement", n.Requirement)
	v.RequireText("description", n.Description)
	if s := n.State(); s == NCCorrected || s == NCClosed {
		v.RequireText("correction", n.Correction)
	}
	if n.State() == NCClosed {
		v.Require("correctiveActions", len(n.CorrectiveActions) > 0)
	}
	for i, id := range n.CorrectiveActions {
		v.Require(fmt.Sprintf("correctiveActions[%d]", i), !id.IsZero())
	}
	return v.Err()
}

// ActionState is a state of a corrective action, preventive action or
// improvement (ISO/IEC 20000-1:2011, 4.5.5).
type ActionState string

// The states of an action (ISO/IEC 20000-1:2011, 4.5.5).
const (
	ActionRecorded    ActionState = "recorded"
	ActionApproved    ActionState = "approved"
	ActionPlanned     ActionState = "planned"
	ActionImplemented ActionState = "implemented"
	ActionMeasured    ActionState = "measured" // results measured against the targets
	ActionClosed      ActionState = "closed"
)

// String returns the state's code.
func (s ActionState) String() string { return string(s) }

// MarshalText encodes the state as its code, or as nothing when unset;
// an unknown value is an error wrapping [process.ErrInvalidValue].
func (s ActionState) MarshalText() ([]byte, error) { return process.MarshalEnum(s) }

// UnmarshalText decodes a known state or "" (unset); any other value
// is an error wrapping [process.ErrInvalidValue] and leaves the receiver
// unchanged.
func (s *ActionState) UnmarshalText(b []byte) error { return process.UnmarshalEnum(s, b) }

// Valid reports whether s is a state of the action lifecycle.
func (s ActionState) Valid() bool { return correctiveLifecycle.Valid(s) }

func newActionLifecycle(kind process.RecordKind, approver process.Role) *process.Lifecycle[ActionState] {
	return process.MustLifecycle(kind, ActionRecorded,
		[]ActionState{ActionRecorded, ActionApproved, ActionPlanned, ActionImplemented, ActionMeasured, ActionClosed},
		[]ActionState{ActionClosed},
		[]process.Move[ActionState]{
			{From: []ActionState{ActionRecorded}, To: ActionApproved, Role: approver},
			{From: []ActionState{ActionApproved}, To: ActionPlanned},
			{From: []ActionState{ActionPlanned}, To: ActionImplemented},
			{From: []ActionState{ActionImplemented}, To: ActionMeasured},
			{From: []ActionState{ActionMeasured}, To: ActionClosed, Role: process.RoleManagementRep},
		})
}

var (
	correctiveLifecycle  = newActionLifecycle(process.KindCorrectiveAction, process.RoleManagementRep)
	preventiveLifecycle  = newActionLifecycle(process.KindPreventiveAction, process.RoleManagementRep)
	improvementLifecycle = newActionLifecycle(process.KindImprovement, process.RoleTopManagement)
)

// Target is a measurable target an action is judged against, and the
// result measured (ISO/IEC 20000-1:2011, 4.5.5.2).
type Target struct {
	Measure string `json:"measure"`
	Target  string `json:"target"`
	Result  string `json:"result,omitempty"` // set once measured
	Met     bool   `json:"met,omitempty"`
}

// ActionPlan is what corrective actions, preventive actions and
// improvements share: the owner, what will be done and by when, and the
// targets (ISO/IEC 20000-1:2011, 4.5.5).
type ActionPlan struct {
	Owner   string    `json:"owner"`
	Plan    string    `json:"plan,omitempty"` // required from planned on
	Due     time.Time `json:"due,omitzero"`   // required from planned on
	Targets []Target  `json:"targets"`
}

func (p *ActionPlan) validate(v *process.ValidationError, s ActionState) {
	v.RequireText("owner", p.Owner)
	v.Require("targets", len(p.Targets) > 0)
	planned := s != ActionRecorded && s != ActionApproved
	measured := s == ActionMeasured || s == ActionClosed
	if planned {
		v.RequireText("plan", p.Plan)
		v.Require("due", !p.Due.IsZero())
	}
	for i, t := range p.Targets {
		path := fmt.Sprintf("targets[%d]", i)
		v.RequireText(path+".measure", t.Measure)
		v.RequireText(path+".target", t.Target)
		if measured {
			v.RequireText(path+".result", t.Result)
		}
	}
}

// check returns why p may not move to s, or nil.
func (p *ActionPlan) check(s ActionState) error {
	switch s {
	case ActionPlanned:
		if p.Plan == "" || p.Due.IsZero() {
			return fmt.Errorf("plan and due: %w", process.ErrPrecondition)
		}
	case ActionMeasured:
		for i, t := range p.Targets {
			if t.Result == "" {
				return fmt.Errorf("targets[%d].result: %w", i, process.ErrPrecondition)
			}
		}
	}
	return nil
}

// Achieved reports whether every target is met (ISO/IEC 20000-1:2011,
// 4.5.5.2).
func (p *ActionPlan) Achieved() bool {
	for _, t := range p.Targets {
		if !t.Met {
			return false
		}
	}
	return len(p.Targets) > 0
}

// CorrectiveAction removes the cause of a nonconformity so that it does
// not recur (ISO/IEC 20000-1:2011, 4.5.5.1).
type CorrectiveAction struct {
	process.Header
	Nonconformity process.ID `json:"nonconformity"`
	Cause         string     `json:"cause"` // the cause found
	ActionPlan
}

// NewCorrectiveAction records a corrective action for nonconformity
// (ISO/IEC 20000-1:2011, 4.5.5.1).
func NewCorrectiveAction(title string, nonconformity process.ID, cause, owner string, targets []Target, by process.Actor, at time.Time) *CorrectiveAction {
	c := &CorrectiveAction{Header: process.NewHeader(process.KindCorrectiveAction, title, by, at), Nonconformity: nonconformity, Cause: cause,
		ActionPlan: ActionPlan{Owner: owner, Targets: targets}}
	correctiveLifecycle.Start(&c.Header)
	return c
}

// Lifecycle returns the lifecycle of corrective actions: recorded,
// approved by the management representative, planned, implemented,
// measured, closed by the management representative, each in turn (ISO/IEC
// 20000-1:2011, 4.5.5.1).
// The receiver is not read: a nil *CorrectiveAction gives the same lifecycle.
func (*CorrectiveAction) Lifecycle() *process.Lifecycle[ActionState] { return correctiveLifecycle }

// State returns the corrective action's state in its
// [CorrectiveAction.Lifecycle] (ISO/IEC 20000-1:2011, 4.5.5.1).
func (c *CorrectiveAction) State() ActionState { return ActionState(c.Status) }

// Move moves the action along its [CorrectiveAction.Lifecycle]: planning
// needs a plan and due date, measuring a result for every target (ISO/IEC
// 20000-1:2011, 4.5.5.1).
func (c *CorrectiveAction) Move(by process.Actor, at time.Time, to ActionState, note string) error {
	return correctiveLifecycle.Apply(by, at, &c.Header, to, note, func() error { return c.check(to) })
}

// Validate reports every field at fault: nonconformity, cause, owner and
// targets always, plan and due from planned on, results from measured on
// (ISO/IEC 20000-1:2011, 4.5.5.1).
func (c *CorrectiveAction) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: c.Subject()}
	process.ValidateHeader(&c.Header, process.KindCorrectiveAction, &v)
	correctiveLifecycle.ValidateState(&c.Header, &v)
	v.Require("nonconformity", !c.Nonconformity.IsZero())
	v.RequireText("cause", c.Cause)
	c.validate(&v, c.State())
	return v.Err()
}

// PreventiveAction removes the cause of a potential nonconformity before
// it occurs (ISO/IEC 20000-1:2011, 4.5.5.1).
type PreventiveAction struct {
	process.Header
	// Potential describes the nonconformity that could occur.
	Potential string `json:"potential"`
	ActionPlan
}

// NewPreventiveAction records a preventive action (ISO/IEC 20000-1:2011,
// 4.5.5.1).
func NewPreventiveAction(title, potential, owner string, targets []Target, by process.Actor, at time.Time) *PreventiveAction {
	p := &PreventiveAction{Header: process.NewHeader(process.KindPreventiveAction, title, by, at), Potential: potential,
		ActionPlan: ActionPlan{Owner: owner, Targets: targets}}
	preventiveLifecycle.Start(&p.Header)
	return p
}

// Lifecycle returns the lifecycle of preventive actions: recorded,
// approved by the management representative, planned, implemented,
// measured, closed by the management representative, each in turn (ISO/IEC
// 20000-1:2011, 4.5.5.1).
// The receiver is not read: a nil *PreventiveAction gives the same lifecycle.
func (*PreventiveAction) Lifecycle() *process.Lifecycle[ActionState] { return preventiveLifecycle }

// State returns the preventive action's state in its
// [PreventiveAction.Lifecycle] (ISO/IEC 20000-1:2011, 4.5.5.1).
func (p *PreventiveAction) State() ActionState { return ActionState(p.Status) }

// Move moves the action along its [PreventiveAction.Lifecycle] (ISO/IEC
// 20000-1:2011, 4.5.5.1).
func (p *PreventiveAction) Move(by process.Actor, at time.Time, to ActionState, note string) error {
	return preventiveLifecycle.Apply(by, at, &p.Header, to, note, func() error { return p.check(to) })
}

// Validate reports every field at fault: the potential nonconformity,
// owner and targets always, plan and due from planned on, results from
// measured on (ISO/IEC 20000-1:2011, 4.5.5.1).
func (p *PreventiveAction) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: p.Subject()}
	process.ValidateHeader(&p.Header, process.KindPreventiveAction, &v)
	preventiveLifecycle.ValidateState(&p.Header, &v)
	v.RequireText("potential", p.Potential)
	p.validate(&v, p.State())
	return v.Err()
}

// Improvement is an opportunity for improvement of the SMS or the
// services: recorded, prioritised, approved, planned, and its results
// measured against its targets and reported (ISO/IEC 20000-1:2011,
// 4.5.5.2). An improvement that needs a change links its request for
// change with [process.LinkRaised].
type Improvement struct {
	process.Header
	Opportunity string        `json:"opportunity"`
	Priority    process.Level `json:"priority"`
	ActionPlan
}

// NewImprovement records an improvement opportunity (ISO/IEC 20000-1:2011,
// 4.5.5.2).
func NewImprovement(title, opportunity string, priority process.Level, owner string, targets []Target, by process.Actor, at time.Time) *Improvement {
	m := &Improvement{Header: process.NewHeader(process.KindImprovement, title, by, at), Opportunity: opportunity, Priority: priority,
		ActionPlan: ActionPlan{Owner: owner, Targets: targets}}
	improvementLifecycle.Start(&m.Header)
	return m
}

// Lifecycle returns the lifecycle of improvements: recorded, approved by
// top management, planned, implemented, measured, closed by the management
// representative, each in turn (ISO/IEC 20000-1:2011, 4.5.5.2).
// The receiver is not read: a nil *Improvement gives the same lifecycle.
func (*Improvement) Lifecycle() *process.Lifecycle[ActionState] { return improvementLifecycle }

// State returns the improvement's state in its [Improvement.Lifecycle]
// (ISO/IEC 20000-1:2011, 4.5.5.2).
func (m *Improvement) State() ActionState { return ActionState(m.Status) }

// Move moves the improvement along its [Improvement.Lifecycle]; approval
// needs top management (ISO/IEC 20000-1:2011, 4.5.5.2).
func (m *Improvement) Move(by process.Actor, at time.Time, to ActionState, note string) error {
	return improvementLifecycle.Apply(by, at, &m.Header, to, note, func() error { return m.check(to) })
}

// Validate reports every field at fault: opportunity, a known priority,
// owner and targets always, plan and due from planned on, results from
// measured on (ISO/IEC 20000-1:2011, 4.5.5.2).
func (m *Improvement) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: m.Subject()}
	process.ValidateHeader(&m.Header, process.KindImprovement, &v)
	improvementLifecycle.ValidateState(&m.Header, &v)
	v.RequireText("opportunity", m.Opportunity)
	process.CheckEnum(&v, "priority", m.Priority)
	m.validate(&v, m.State())
	return v.Err()
}

var _ process.CrossChecker = (*Nonconformity)(nil)

// CrossCheck refuses a closed nonconformity whose causes the store does
// not show removed: each of its corrective actions must be stored, name
// it, be closed and have met every target (ISO/IEC 20000-1:2011,
// 4.5.5.1). [process.Check] calls it, so a store refuses such a closure.
func (n *Nonconformity) CrossCheck(s process.Store) error {
	if n.State() != NCClosed {
		return nil
	}
	return n.effective(func(id process.ID) (*CorrectiveAction, bool) {
		r, err := s.Get(id)
		if err != nil {
			return nil, false
		}
		c, ok := r.(*CorrectiveAction)
		return c, ok
	})
}
