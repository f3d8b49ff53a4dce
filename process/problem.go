package process

import (
	"fmt"
	"time"
)

// ProblemState is where a problem stands in its life (ISO/IEC
// 20000-1:2011, 8.2). The zero ProblemState is unset.
type ProblemState string

// The states of a problem.
const (
	ProblemNew           ProblemState = "new"           // recorded
	ProblemInvestigating ProblemState = "investigating" // root cause being sought
	ProblemKnownError    ProblemState = "known-error"   // root cause known, workaround recorded, not yet removed
	ProblemResolved      ProblemState = "resolved"      // root cause removed
	ProblemClosed        ProblemState = "closed"        // resolution confirmed effective
	ProblemCancelled     ProblemState = "cancelled"     // withdrawn or duplicate
)

var problemLifecycle = MustLifecycle(KindProblem, ProblemNew,
	[]ProblemState{ProblemNew, ProblemInvestigating, ProblemKnownError, ProblemResolved, ProblemClosed, ProblemCancelled},
	[]ProblemState{ProblemClosed, ProblemCancelled},
	[]Move[ProblemState]{
		{From: []ProblemState{ProblemNew, ProblemResolved}, To: ProblemInvestigating},
		{From: []ProblemState{ProblemInvestigating}, To: ProblemKnownError},
		{From: []ProblemState{ProblemInvestigating, ProblemKnownError}, To: ProblemResolved},
		{From: []ProblemState{ProblemResolved}, To: ProblemClosed, Role: RoleProblemManager},
		{From: []ProblemState{ProblemNew, ProblemInvestigating, ProblemKnownError}, To: ProblemCancelled, Role: RoleProblemManager},
	})

// Lifecycle returns the lifecycle of a problem: new → investigating
// → known error → resolved → closed, resolved → investigating when the fix
// did not hold, cancelled before resolution; closing and cancelling need a
// problem manager (ISO/IEC 20000-1:2011, 8.2).
// The receiver is not read: a nil *Problem gives the same lifecycle.
func (*Problem) Lifecycle() *Lifecycle[ProblemState] { return problemLifecycle }

// Valid reports whether s is a state of [Problem.Lifecycle].
func (s ProblemState) Valid() bool { return problemLifecycle.Valid(s) }

// String returns the state's code.
func (s ProblemState) String() string { return string(s) }

// MarshalText encodes a known state; an unknown one is an error.
func (s ProblemState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known state; an unknown one is an error.
func (s *ProblemState) UnmarshalText(b []byte) error { return UnmarshalEnum(s, b) }

// Problem is a problem: the unknown underlying cause of one or more incidents
// (ISO/IEC 20000-1:2011, 8.2). Incidents link to it with [LinkRaised]; it
// links to its known error ([LinkKnownError]) and to the request for change
// its fix needs ([LinkRequires]).
type Problem struct {
	Header
	Description string   `json:"description"`
	Impact      Level    `json:"impact,omitempty"`
	Urgency     Level    `json:"urgency,omitempty"`
	Priority    Priority `json:"priority,omitempty"`
	Category    string   `json:"category"`
	// Proactive marks a problem found by analysing incident and problem
	// data and trends rather than raised from an incident (8.2).
	Proactive bool `json:"proactive,omitempty"`
	// Services are the services concerned ([LinkService]).
	Services []ID `json:"services,omitempty"`
	// AffectedCIs are the configuration items concerned ([LinkAffects]).
	AffectedCIs []ID `json:"affectedCIs,omitempty"`
	// Incidents are the incidents the problem underlies; each links to the
	// problem with [LinkRaised].
	Incidents []ID `json:"incidents,omitempty"`
	// RootCause is the root cause, once found.
	RootCause string `json:"rootCause,omitempty"`
	// KnownError is the known error recorded for the problem
	// ([LinkKnownError]).
	KnownError ID `json:"knownError,omitzero"`
	// NeedsChange says the fix needs a change: resolving the problem then
	// needs a request for change ([LinkRequires]).
	NeedsChange bool      `json:"needsChange,omitempty"`
	Resolution  string    `json:"resolution,omitempty"`
	Resolved    time.Time `json:"resolved,omitzero"`
	// Effective records the review of the resolution's effectiveness at
	// closure (8.2).
	Effective string `json:"effective,omitempty"`
}

var _ Record = (*Problem)(nil)

// NewProblem records a new problem titled title, by by at at (ISO/IEC
// 20000-1:2011, 8.2).
func NewProblem(title string, by Actor, at time.Time) *Problem {
	p := &Problem{Header: NewHeader(KindProblem, title, by, at)}
	problemLifecycle.Start(&p.Header)
	return p
}

// Open records the problem that the literal p describes, by by at at: the
// builder of a problem (ISO/IEC 20000-1:2011, 8.2). p holds its Title,
// Description, Category, Impact, Urgency, Priority, Proactive flag and any
// Services and AffectedCIs (ID a fresh one unless set); Open starts its
// history with its creation, records the classification and links the
// services and items, each in the history, and validates the result.
// Every field missing or at fault is reported at once in one
// *ValidationError, and p is then unchanged; a problem already recorded is
// refused with [ErrExists].
func (p *Problem) Open(by Actor, at time.Time) error {
	if len(p.History) > 0 || p.Status != "" {
		return fmt.Errorf("process: %s: open: recorded already: %w", p.Subject(), ErrExists)
	}
	c := &Problem{Header: NewHeader(KindProblem, p.Title, by, at), Description: p.Description, Proactive: p.Proactive}
	if !p.ID.IsZero() {
		c.ID = p.ID
	}
	if err := c.CheckEvent(by, at); err != nil {
		return err
	}
	problemLifecycle.Start(&c.Header)
	set(c, "category", &c.Category, p.Category, ID{}, "", by, at)
	set(c, "impact", &c.Impact, p.Impact, ID{}, "", by, at)
	set(c, "urgency", &c.Urgency, p.Urgency, ID{}, "", by, at)
	set(c, "priority", &c.Priority, p.Priority, ID{}, "", by, at)
	v := ValidationError{Subject: c.Subject()}
	for n, svc := range p.Services {
		v.Merge(fmt.Sprintf("services[%d]", n), c.AddService(by, at, svc))
	}
	for n, ci := range p.AffectedCIs {
		v.Merge(fmt.Sprintf("affectedCIs[%d]", n), c.Affect(by, at, ci))
	}
	if err := c.Validate(); err != nil {
		v.Merge("", err)
	}
	if err := v.Err(); err != nil {
		return err
	}
	*p = *c
	return nil
}

// State returns the problem's lifecycle state.
func (p *Problem) State() ProblemState { return ProblemState(p.Status) }

// Validate checks the problem's description, impact, urgency, priority and
// category, its references; the root cause and known error once a known
// error; the resolution once resolved; the review of effectiveness once
// closed (ISO/IEC 20000-1:2011, 8.2).
func (p *Problem) Validate() error {
	v := ValidationError{Subject: p.Subject()}
	p.validate(&v, KindProblem)
	problemLifecycle.ValidateState(&p.Header, &v)
	explainClassification(&v, &p.Header, p.Impact, p.Urgency, p.Priority)
	v.RequireText("description", p.Description)
	checkLevel(&v, "impact", p.Impact)
	checkLevel(&v, "urgency", p.Urgency)
	if !p.Priority.Valid() {
		v.Add("priority", ErrRequired)
	}
	v.RequireText("category", p.Category)
	validateRefs(&v, &p.Header, "services", p.Services, LinkService)
	validateRefs(&v, &p.Header, "affectedCIs", p.AffectedCIs, LinkAffects)
	validateRefs(&v, &p.Header, "incidents", p.Incidents, "")
	if !p.KnownError.IsZero() {
		validateRef(&v, &p.Header, "knownError", p.KnownError, LinkKnownError)
	}
	switch p.State() {
	case ProblemKnownError:
		v.RequireText("rootCause", p.RootCause)
		v.Require("knownError", !p.KnownError.IsZero())
	case ProblemResolved, ProblemClosed:
		v.RequireText("resolution", p.Resolution)
		v.Require("resolved", !p.Resolved.IsZero())
	}
	if p.State() == ProblemClosed {
		v.RequireText("effective", p.Effective)
	}
	return v.Err()
}

// Classify sets the problem's category, impact, urgency and priority, each
// change in the history; it refuses a closed or cancelled problem (ISO/IEC
// 20000-1:2011, 8.2).
func (p *Problem) Classify(by Actor, at time.Time, category string, impact Level, urgency Level, pr Priority) error {
	return classify(p, problemLifecycle.Final(p.State()), &p.Category, &p.Impact, &p.Urgency, &p.Priority, category, impact, urgency, pr, by, at)
}

// AddService records a service the problem concerns ([LinkService]) (ISO/IEC 20000-1:2011, 8.2).
func (p *Problem) AddService(by Actor, at time.Time, svc ID) error {
	return addRef(&p.Header, &p.Services, LinkService, svc, KindService, by, at)
}

// Affect records a configuration item the problem concerns ([LinkAffects])
// (ISO/IEC 20000-1:2011, 8.2).
func (p *Problem) Affect(by Actor, at time.Time, ci ID) error {
	return addRef(&p.Header, &p.AffectedCIs, LinkAffects, ci, KindConfigurationItem, by, at)
}

// RequireChange records the request for change the problem's fix needs,
// with a [LinkRequires] link, and marks the problem NeedsChange (ISO/IEC
// 20000-1:2011, 8.2).
func (p *Problem) RequireChange(by Actor, at time.Time, rfc ID) error {
	if err := p.CheckEvent(by, at); err != nil {
		return err
	}
	if err := p.Link(by, at, LinkRequires, rfc, KindRequestForChange); err != nil {
		return err
	}
	set(p, "needsChange", &p.NeedsChange, true, ID{}, "", by, at)
	return nil
}

// Investigate starts the search for the root cause, or resumes it when a
// resolution did not hold (ISO/IEC 20000-1:2011, 8.2).
func (p *Problem) Investigate(by Actor, at time.Time) error {
	from := p.State()
	if err := problemLifecycle.apply(&p.Header, ProblemInvestigating, by, at, "", nil); err != nil {
		return err
	}
	if from == ProblemResolved {
		set(p, "resolution", &p.Resolution, "", ID{}, "", by, at)
		p.Resolved = time.Time{}
	}
	return nil
}

// Identify records the root cause and the known error that holds it with
// its workaround, and moves the problem to known error (ISO/IEC
// 20000-1:2011, 8.2). ke must be a valid known error of this problem; the
// problem links to it with [LinkKnownError].
func (p *Problem) Identify(by Actor, at time.Time, ke *KnownError) error {
	err := problemLifecycle.apply(&p.Header, ProblemKnownError, by, at, "", func() error {
		switch {
		case ke == nil:
			return missing("knownError")
		case ke.Problem != p.ID:
			return unmet("%s is not of this problem", ke.Subject())
		case !p.KnownError.IsZero() && p.KnownError != ke.ID:
			return unmet("problem already has known error %s", p.KnownError.Short())
		}
		if err := ke.Validate(); err != nil {
			return fmt.Errorf("%w: %w", err, ErrPrecondition)
		}
		return nil
	})
	if err != nil {
		return err
	}
	set(p, "rootCause", &p.RootCause, ke.RootCause, ID{}, "", by, at)
	_ = setRef(&p.Header, &p.KnownError, LinkKnownError, ke.ID, KindKnownError, by, at)
	return nil
}

// Resolve records that the root cause is removed, with the resolution. A
// problem whose fix needs a change is resolved only once it links to a
// request for change ([LinkRequires]) (ISO/IEC 20000-1:2011, 8.2).
func (p *Problem) Resolve(by Actor, at time.Time, resolution string) error {
	err := problemLifecycle.apply(&p.Header, ProblemResolved, by, at, "", func() error {
		if blank(resolution) {
			return missing("resolution")
		}
		if p.NeedsChange && len(p.Linked(LinkRequires)) == 0 {
			return unmet("fix needs a change and no request for change is linked")
		}
		return nil
	})
	if err != nil {
		return err
	}
	set(p, "resolution", &p.Resolution, resolution, ID{}, "", by, at)
	p.Resolved = at
	return nil
}

// Close closes a resolved problem once the effectiveness of its
// resolution has been reviewed; by must be a problem manager (ISO/IEC
// 20000-1:2011, 8.2).
func (p *Problem) Close(by Actor, at time.Time, effectiveness string) error {
	err := problemLifecycle.apply(&p.Header, ProblemClosed, by, at, "", needText("effective", effectiveness))
	if err != nil {
		return err
	}
	set(p, "effective", &p.Effective, effectiveness, ID{}, "", by, at)
	return nil
}

// Cancel withdraws an unresolved problem; by must be a problem manager (ISO/IEC 20000-1:2011, 8.2).
func (p *Problem) Cancel(by Actor, at time.Time, reason string) error {
	return problemLifecycle.apply(&p.Header, ProblemCancelled, by, at, reason, needText("reason", reason))
}

// KnownErrorState is where a known error stands in its life (ISO/IEC
// 20000-1:2011, 8.2). The zero KnownErrorState is unset.
type KnownErrorState string

// The states of a known error.
const (
	KnownErrorOpen       KnownErrorState = "open"        // recorded with its workaround, available to incident management
	KnownErrorFixPending KnownErrorState = "fix-pending" // a permanent fix is on its way through change and release
	KnownErrorRetired    KnownErrorState = "retired"     // fixed, or no longer relevant
)

var knownErrorLifecycle = MustLifecycle(KindKnownError, KnownErrorOpen,
	[]KnownErrorState{KnownErrorOpen, KnownErrorFixPending, KnownErrorRetired},
	[]KnownErrorState{KnownErrorRetired},
	[]Move[KnownErrorState]{
		{From: []KnownErrorState{KnownErrorOpen}, To: KnownErrorFixPending},
		{From: []KnownErrorState{KnownErrorFixPending}, To: KnownErrorOpen},
		{From: []KnownErrorState{KnownErrorOpen, KnownErrorFixPending}, To: KnownErrorRetired, Role: RoleProblemManager},
	})

// Lifecycle returns the lifecycle of a known error: open ⇄ fix
// pending → retired; retiring needs a problem manager (ISO/IEC
// 20000-1:2011, 8.2).
// The receiver is not read: a nil *KnownError gives the same lifecycle.
func (*KnownError) Lifecycle() *Lifecycle[KnownErrorState] { return knownErrorLifecycle }

// Valid reports whether s is a state of [KnownError.Lifecycle].
func (s KnownErrorState) Valid() bool { return knownErrorLifecycle.Valid(s) }

// String returns the state's code.
func (s KnownErrorState) String() string { return string(s) }

// MarshalText encodes a known state; an unknown one is an error.
func (s KnownErrorState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known state; an unknown one is an error.
func (s *KnownErrorState) UnmarshalText(b []byte) error {
	return UnmarshalEnum(s, b)
}

// KnownError is a problem whose root cause is known but not yet removed,
// recorded with its workaround and made available to incident management
// (ISO/IEC 20000-1:2011, 8.2). Incidents link to it with [LinkResolvedBy]
// when its workaround restored service.
type KnownError struct {
	Header
	// Problem is the problem the known error comes from.
	Problem   ID     `json:"problem"`
	Symptoms  string `json:"symptoms,omitempty"`
	RootCause string `json:"rootCause"`
	// Workaround is how to restore service while the root cause remains.
	Workaround string `json:"workaround"`
	// AffectedCIs are the configuration items it affects ([LinkAffects]).
	AffectedCIs []ID `json:"affectedCIs,omitempty"`
	// Fix is the request for change or release expected to remove it, once
	// known (set by [KnownError.AwaitFix]).
	Fix ID `json:"fix,omitzero"`
}

var _ Record = (*KnownError)(nil)

// NewKnownError records a known error of problem, with its root cause and
// workaround (ISO/IEC 20000-1:2011, 8.2).
func NewKnownError(title string, problem ID, rootCause, workaround string, by Actor, at time.Time) *KnownError {
	k := &KnownError{Header: NewHeader(KindKnownError, title, by, at), Problem: problem, RootCause: rootCause, Workaround: workaround}
	knownErrorLifecycle.Start(&k.Header)
	return k
}

// State returns the known error's lifecycle state.
func (k *KnownError) State() KnownErrorState { return KnownErrorState(k.Status) }

// Validate checks that the known error names its problem, root cause and
// workaround, and its fix while one is pending (ISO/IEC 20000-1:2011, 8.2).
func (k *KnownError) Validate() error {
	v := ValidationError{Subject: k.Subject()}
	k.validate(&v, KindKnownError)
	knownErrorLifecycle.ValidateState(&k.Header, &v)
	v.Require("problem", !k.Problem.IsZero())
	v.RequireText("rootCause", k.RootCause)
	v.RequireText("workaround", k.Workaround)
	validateRefs(&v, &k.Header, "affectedCIs", k.AffectedCIs, LinkAffects)
	if k.State() == KnownErrorFixPending {
		v.Require("fix", !k.Fix.IsZero())
	}
	return v.Err()
}

// Affect records a configuration item the known error affects
// ([LinkAffects]) (ISO/IEC 20000-1:2011, 8.2).
func (k *KnownError) Affect(by Actor, at time.Time, ci ID) error {
	return addRef(&k.Header, &k.AffectedCIs, LinkAffects, ci, KindConfigurationItem, by, at)
}

// AwaitFix records that fix (a request for change or release) is to remove
// the known error (ISO/IEC 20000-1:2011, 8.2, 9.2).
func (k *KnownError) AwaitFix(by Actor, at time.Time, fix ID) error {
	err := knownErrorLifecycle.apply(&k.Header, KnownErrorFixPending, by, at, "", func() error {
		if fix.IsZero() {
			return missing("fix")
		}
		return nil
	})
	if err != nil {
		return err
	}
	set(k, "fix", &k.Fix, fix, ID{}, "", by, at)
	return nil
}

// Reopen returns a known error whose fix was abandoned to open (ISO/IEC 20000-1:2011, 8.2).
func (k *KnownError) Reopen(by Actor, at time.Time, reason string) error {
	err := knownErrorLifecycle.apply(&k.Header, KnownErrorOpen, by, at, reason, needText("reason", reason))
	if err != nil {
		return err
	}
	set(k, "fix", &k.Fix, ID{}, ID{}, "", by, at)
	return nil
}

// Retire retires the known error once fixed or no longer relevant; by must
// be a problem manager (ISO/IEC 20000-1:2011, 8.2).
func (k *KnownError) Retire(by Actor, at time.Time, reason string) error {
	return knownErrorLifecycle.apply(&k.Header, KnownErrorRetired, by, at, reason, needText("reason", reason))
}
