package process

import (
	"fmt"
	"slices"
	"time"
)

// IncidentState is where an incident stands in its life (ISO/IEC
// 20000-1:2011, 8.1): new, assigned, in progress, pending with a reason,
// resolved, closed and cancelled, the states most service desks have in
// common. Package process/itsm maps the states of ServiceNow, GLPI and
// iTop onto these; a host maps its own tool's. The zero IncidentState is
// unset.
type IncidentState string

// The states of an incident.
const (
	IncidentNew        IncidentState = "new"         // recorded, not yet assigned
	IncidentAssigned   IncidentState = "assigned"    // given to a support group
	IncidentInProgress IncidentState = "in-progress" // being worked on
	IncidentPending    IncidentState = "pending"     // waiting, for the reason in PendingReason
	IncidentResolved   IncidentState = "resolved"    // service restored, awaiting confirmation
	IncidentClosed     IncidentState = "closed"      // confirmed and closed
	IncidentCancelled  IncidentState = "cancelled"   // withdrawn or recorded in error
)

var incidentLifecycle = MustLifecycle(KindIncident, IncidentNew,
	[]IncidentState{IncidentNew, IncidentAssigned, IncidentInProgress, IncidentPending, IncidentResolved, IncidentClosed, IncidentCancelled},
	[]IncidentState{IncidentClosed, IncidentCancelled},
	[]Move[IncidentState]{
		{From: []IncidentState{IncidentNew}, To: IncidentAssigned},
		{From: []IncidentState{IncidentAssigned, IncidentInProgress}, To: IncidentNew}, // returned to the queue
		{From: []IncidentState{IncidentAssigned, IncidentPending, IncidentResolved}, To: IncidentInProgress},
		{From: []IncidentState{IncidentAssigned, IncidentInProgress, IncidentPending}, To: IncidentPending}, // pending → pending: what it waits for changed
		{From: []IncidentState{IncidentAssigned, IncidentInProgress, IncidentPending}, To: IncidentResolved},
		{From: []IncidentState{IncidentResolved}, To: IncidentClosed},
		{From: []IncidentState{IncidentNew, IncidentAssigned, IncidentInProgress, IncidentPending}, To: IncidentCancelled},
	})

// Lifecycle returns the lifecycle of an incident: new → assigned →
// in progress ⇄ pending → resolved → closed, resolved → in progress when
// reopened, assigned or in progress → new when returned to the queue,
// pending → pending when what it waits for changes, and cancelled from any
// open state, which is also how a ticket closed without a resolution ends
// (ISO/IEC 20000-1:2011, 8.1).
// The receiver is not read: a nil *Incident gives the same lifecycle.
func (*Incident) Lifecycle() *Lifecycle[IncidentState] { return incidentLifecycle }

// Valid reports whether s is a state of [Incident.Lifecycle].
func (s IncidentState) Valid() bool { return incidentLifecycle.Valid(s) }

// String returns the state's code.
func (s IncidentState) String() string { return string(s) }

// MarshalText encodes a known state; an unknown one is an error.
func (s IncidentState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known state; an unknown one is an error.
func (s *IncidentState) UnmarshalText(b []byte) error {
	return UnmarshalEnum(s, b)
}

// PendingReason says what a pending incident or service request waits for
// (ISO/IEC 20000-1:2011, 8.1; service targets may pause while the customer
// is awaited, 6.1). The zero PendingReason is unset.
type PendingReason string

// The reasons a ticket may wait.
const (
	PendingCustomer PendingReason = "waiting-for-customer" // information or confirmation from the customer or user
	PendingSupplier PendingReason = "waiting-for-supplier" // a supplier or other party (7.2)
	PendingChange   PendingReason = "waiting-for-change"   // a request for change to be implemented (9.2)
	PendingProblem  PendingReason = "waiting-for-problem"  // a problem investigation or fix (8.2)
	PendingSchedule PendingReason = "waiting-for-schedule" // a time agreed with the customer
	// PendingUnrecorded is the reason of a ticket imported as pending whose
	// source recorded no reason ([Unrecorded]); no service-target clock
	// pauses on it unless its agreement says so.
	PendingUnrecorded PendingReason = Unrecorded
)

// Valid reports whether r is one of the reasons above.
func (r PendingReason) Valid() bool {
	switch r {
	case PendingCustomer, PendingSupplier, PendingChange, PendingProblem, PendingSchedule, PendingUnrecorded:
		return true
	}
	return false
}

// String returns the reason's code.
func (r PendingReason) String() string { return string(r) }

// MarshalText encodes a known reason; an unknown one is an error.
func (r PendingReason) MarshalText() ([]byte, error) { return MarshalEnum(r) }

// UnmarshalText decodes a known reason; an unknown one is an error.
func (r *PendingReason) UnmarshalText(b []byte) error {
	return UnmarshalEnum(r, b)
}

// check is the check of a move to pending for reason r: an error wrapping
// [ErrInvalidValue] and [ErrPrecondition] when r is not a known reason.
func (r PendingReason) check() error {
	if !r.Valid() {
		return fmt.Errorf("pending reason %q: %w: %w", string(r), ErrInvalidValue, ErrPrecondition)
	}
	return nil
}

// TopManagementNotice is the notice that a major incident has been
// declared, addressed to top management, which the host delivers and top
// management acknowledges (ISO/IEC 20000-1:2011, 8.1: top management is
// informed of major incidents).
type TopManagementNotice struct {
	At          time.Time `json:"at"`
	By          string    `json:"by"`          // who declared the incident major
	Responsible string    `json:"responsible"` // the named person responsible
	Summary     string    `json:"summary"`
	AckBy       string    `json:"ackBy,omitempty"` // who in top management acknowledged it
	AckAt       time.Time `json:"ackAt,omitzero"`
}

// Incident is an unplanned interruption or degradation of a service, or an
// event that could cause one (ISO/IEC 20000-1:2011, 8.1). Security
// incidents are incidents too, flagged Security (6.6.3).
//
// Service and AffectedCIs are kept in step with [LinkService] and
// [LinkAffects] links by [Incident.SetService] and [Incident.Affect].
type Incident struct {
	Header
	Description string   `json:"description"`
	Reporter    string   `json:"reporter"` // who reported it: a user, customer or monitoring
	Impact      Level    `json:"impact,omitempty"`
	Urgency     Level    `json:"urgency,omitempty"`
	Priority    Priority `json:"priority,omitempty"`
	Category    string   `json:"category"`
	Security    bool     `json:"security,omitempty"`
	// Service is the affected service.
	Service ID `json:"service,omitzero"`
	// AffectedCIs are the configuration items affected.
	AffectedCIs   []ID   `json:"affectedCIs,omitempty"`
	AssigneeGroup string `json:"assigneeGroup,omitempty"`
	Assignee      string `json:"assignee,omitempty"`
	// PendingReason is set while the incident is pending; the move to
	// pending also carries it as the note of its history entry.
	PendingReason PendingReason `json:"pendingReason,omitempty"`
	// Major marks a major incident, handled under its own procedure with a
	// named responsible person (8.1).
	Major            bool                  `json:"major,omitempty"`
	MajorResponsible string                `json:"majorResponsible,omitempty"`
	MajorDeclared    time.Time             `json:"majorDeclared,omitzero"`
	Notices          []TopManagementNotice `json:"notices,omitempty"`
	Resolution       string                `json:"resolution,omitempty"`
	// ResolutionCode classifies how the incident was resolved, in the
	// host's codes (a tool's close code), or [Unrecorded]; it is optional
	// and written with [Set].
	ResolutionCode string    `json:"resolutionCode,omitempty"`
	Resolved       time.Time `json:"resolved,omitzero"`
	Closed         time.Time `json:"closed,omitzero"`
}

var _ Record = (*Incident)(nil)

// NewIncident records a new incident titled title, reported by by at at
// (ISO/IEC 20000-1:2011, 8.1). The caller fills in classification, impact,
// urgency, priority and the affected service before Validate passes;
// [Incident.Open] records an incident with all of them at once.
func NewIncident(title string, by Actor, at time.Time) *Incident {
	i := &Incident{Header: NewHeader(KindIncident, title, by, at), Reporter: by.ID}
	incidentLifecycle.Start(&i.Header)
	return i
}

// Open records the incident that the literal i describes, reported by by
// at at: the builder of an incident (ISO/IEC 20000-1:2011, 8.1). i holds its
// Title, Description, Category, Impact, Urgency, Priority, Service and any
// AffectedCIs and Security flag (Reporter defaults to by, ID to a fresh
// one); Open starts its history with its creation, records the
// classification and links the service and items, each in the history, and
// validates the result. Every field missing or at fault is reported at
// once in one *ValidationError, and i is then unchanged; an incident
// already recorded (with a history or a status) is refused with
// [ErrExists].
func (i *Incident) Open(by Actor, at time.Time) error {
	if len(i.History) > 0 || i.Status != "" {
		return fmt.Errorf("process: %s: open: recorded already: %w", i.Subject(), ErrExists)
	}
	c := &Incident{Description: i.Description, Reporter: cmpOr(i.Reporter, by.ID), Security: i.Security}
	c.Header = NewHeader(KindIncident, i.Title, by, at)
	if !i.ID.IsZero() {
		c.ID = i.ID
	}
	if err := c.CheckEvent(by, at); err != nil {
		return err
	}
	incidentLifecycle.Start(&c.Header)
	set(c, "category", &c.Category, i.Category, ID{}, "", by, at)
	set(c, "impact", &c.Impact, i.Impact, ID{}, "", by, at)
	set(c, "urgency", &c.Urgency, i.Urgency, ID{}, "", by, at)
	set(c, "priority", &c.Priority, i.Priority, ID{}, "", by, at)
	v := ValidationError{Subject: c.Subject()}
	if !i.Service.IsZero() {
		v.Merge("service", c.SetService(by, at, i.Service))
	}
	for n, ci := range i.AffectedCIs {
		v.Merge(fmt.Sprintf("affectedCIs[%d]", n), c.Affect(by, at, ci))
	}
	if err := c.Validate(); err != nil {
		v.Merge("", err)
	}
	if err := v.Err(); err != nil {
		return err
	}
	*i = *c
	return nil
}

// cmpOr returns a, or b when a is blank.
func cmpOr(a, b string) string {
	if blank(a) {
		return b
	}
	return a
}

// State returns the incident's lifecycle state.
func (i *Incident) State() IncidentState { return IncidentState(i.Status) }

// Validate checks that the incident holds what 8.1 asks a record to hold:
// description, reporter, impact, urgency, priority, category, affected
// service, each affected CI; an assignee group once assigned; a pending
// reason while pending; a resolution once resolved; a responsible person
// and a notice to top management when major (ISO/IEC 20000-1:2011, 8.1).
func (i *Incident) Validate() error {
	v := ValidationError{Subject: i.Subject()}
	i.validate(&v, KindIncident)
	incidentLifecycle.ValidateState(&i.Header, &v)
	explainClassification(&v, &i.Header, i.Impact, i.Urgency, i.Priority)
	explained(&v, &i.Header, "major", i.Major, false)
	v.RequireText("description", i.Description)
	v.RequireText("reporter", i.Reporter)
	checkLevel(&v, "impact", i.Impact)
	checkLevel(&v, "urgency", i.Urgency)
	if !i.Priority.Valid() {
		v.Add("priority", ErrRequired)
	}
	v.RequireText("category", i.Category)
	validateRef(&v, &i.Header, "service", i.Service, LinkService)
	validateRefs(&v, &i.Header, "affectedCIs", i.AffectedCIs, LinkAffects)
	st := i.State()
	if st != IncidentNew && st != IncidentCancelled && blank(i.AssigneeGroup) && blank(i.Assignee) {
		v.Add("assigneeGroup", ErrRequired) // a group, a person, or both
	}
	if st == IncidentPending {
		CheckEnum(&v, "pendingReason", i.PendingReason)
	} else if i.PendingReason != "" {
		v.Addf("pendingReason", ErrInvalidValue, "set while %s", st)
	}
	if st == IncidentResolved || st == IncidentClosed {
		v.RequireText("resolution", i.Resolution)
		v.Require("resolved", !i.Resolved.IsZero())
	}
	if st == IncidentClosed {
		v.Require("closed", !i.Closed.IsZero())
	}
	if !i.Closed.IsZero() && i.Closed.Before(i.Resolved) {
		v.Addf("closed", ErrInvalidValue, "before resolved")
	}
	if i.Major {
		v.RequireText("majorResponsible", i.MajorResponsible)
		v.Require("majorDeclared", !i.MajorDeclared.IsZero())
		v.Require("notices", len(i.Notices) > 0)
	}
	for n, t := range i.Notices {
		p := fmt.Sprintf("notices[%d]", n)
		v.Require(p+".at", !t.At.IsZero())
		v.Identity(p+".by", t.By)
		v.RequireText(p+".responsible", t.Responsible)
		v.RequireText(p+".summary", t.Summary)
		switch {
		case (t.AckBy == "") != t.AckAt.IsZero():
			v.Addf(p+".ackAt", ErrInvalidValue, "acknowledgement needs both who and when")
		case !t.AckAt.IsZero() && t.AckAt.Before(t.At):
			v.Addf(p+".ackAt", ErrInvalidValue, "before the notice")
		}
	}
	return v.Err()
}

// SetService records the service the incident affects, with a
// [LinkService] link (ISO/IEC 20000-1:2011, 8.1).
func (i *Incident) SetService(by Actor, at time.Time, svc ID) error {
	return setRef(&i.Header, &i.Service, LinkService, svc, KindService, by, at)
}

// DeriveService records svc as the service the incident affects, derived
// from the configuration item ci it affects: the host looked ci up in its
// CMDB (the item's services, or an impact analysis of process/cmdb) and
// found svc. The history entry of the [LinkService] link says so, naming
// ci, so the derivation is audited as the host's, not the reporter's
// (ISO/IEC 20000-1:2011, 8.1, 9.1). It refuses, changing nothing, a ci the
// incident does not affect ([ErrPrecondition]) and what SetService refuses.
func (i *Incident) DeriveService(by Actor, at time.Time, svc, ci ID) error {
	if svc.IsZero() {
		return fmt.Errorf("process: %s: derive service: %w", i.Subject(), missing("service"))
	}
	if ci.IsZero() || !i.HasLink(LinkAffects, ci) {
		return fmt.Errorf("process: %s: derive service: %w", i.Subject(), unmet("the incident does not affect %s", Subject(KindConfigurationItem, ci)))
	}
	if i.Service == svc {
		return fmt.Errorf("process: %s: derive service: %w", i.Subject(), unmet("service is %s already", svc.Short()))
	}
	n := len(i.History)
	if err := i.SetService(by, at, svc); err != nil {
		return err
	}
	if len(i.History) > n {
		i.History[len(i.History)-1].Note = "derived from " + Subject(KindConfigurationItem, ci) + " in the CMDB"
	}
	return nil
}

// Affect records a configuration item the incident affects, with a
// [LinkAffects] link (ISO/IEC 20000-1:2011, 8.1, 9.1).
func (i *Incident) Affect(by Actor, at time.Time, ci ID) error {
	return addRef(&i.Header, &i.AffectedCIs, LinkAffects, ci, KindConfigurationItem, by, at)
}

// Classify sets the incident's category, impact, urgency and priority (as
// computed by the host's priority matrix), each change in the history;
// called again, it reclassifies or reprioritises (ISO/IEC 20000-1:2011,
// 8.1). It refuses, changing nothing, a blank category or level, an unset
// priority, and an incident that is closed or cancelled.
func (i *Incident) Classify(by Actor, at time.Time, category string, impact Level, urgency Level, p Priority) error {
	return classify(i, incidentLifecycle.Final(i.State()), &i.Category, &i.Impact, &i.Urgency, &i.Priority, category, impact, urgency, p, by, at)
}

// classify is Classify for incidents and problems; final says the record
// is in a final state and may no longer change.
func classify(r Record, final bool, cat *string, imp, urg *Level, pri *Priority, category string, impact, urgency Level, p Priority, by Actor, at time.Time) error {
	h := r.Meta()
	if final {
		return fmt.Errorf("process: %s: classify: %w", h.Subject(), unmet("record is %s", h.Status))
	}
	v := ValidationError{Subject: h.Subject()}
	v.RequireText("category", category)
	checkLevel(&v, "impact", impact)
	checkLevel(&v, "urgency", urgency)
	if !p.Valid() {
		v.Add("priority", ErrRequired)
	}
	if err := v.Err(); err != nil {
		return err
	}
	if err := h.CheckEvent(by, at); err != nil {
		return err
	}
	set(r, "category", cat, category, ID{}, "", by, at)
	set(r, "impact", imp, impact, ID{}, "", by, at)
	set(r, "urgency", urg, urgency, ID{}, "", by, at)
	set(r, "priority", pri, p, ID{}, "", by, at)
	return nil
}

// Assign gives a new incident to a support group, to a person in it, or
// to a person named without a group (group ""), as real tools allow
// (ISO/IEC 20000-1:2011, 8.1). The incident must have a priority; group or
// assignee may be [Unrecorded]. A group of white space alone is refused.
func (i *Incident) Assign(by Actor, at time.Time, group, assignee string) error {
	err := incidentLifecycle.apply(&i.Header, IncidentAssigned, by, at, cmpOr(group, assignee), func() error {
		if blank(group) && (group != "" || blank(assignee)) {
			return missing("assigneeGroup")
		}
		if !i.Priority.Valid() {
			return missing("priority")
		}
		return nil
	})
	if err != nil {
		return err
	}
	set(i, "assigneeGroup", &i.AssigneeGroup, group, ID{}, "", by, at)
	set(i, "assignee", &i.Assignee, assignee, ID{}, "", by, at)
	return nil
}

// Reassign gives an assigned, in-progress, pending or resolved incident to
// another group or person, each change in the history, so that escalations
// are traceable (ISO/IEC 20000-1:2011, 8.1): assignee "" returns it to the
// group's queue, and on a resolved incident it is an edit after
// resolution, audited as any other. It refuses, changing nothing, a blank
// group (a person left without a group is written with [Set]; a ticket
// returned to the desk's queue is [Incident.Unassign]), an incident in
// another state, and a reassignment that changes nothing.
func (i *Incident) Reassign(by Actor, at time.Time, group, assignee string) error {
	fail := func(err error) error { return fmt.Errorf("process: %s: reassign: %w", i.Subject(), err) }
	switch st := i.State(); {
	case st != IncidentAssigned && st != IncidentInProgress && st != IncidentPending && st != IncidentResolved:
		return fail(unmet("incident is %s", orNone(i.Status)))
	case blank(group):
		return fail(missing("assigneeGroup"))
	case group == i.AssigneeGroup && assignee == i.Assignee:
		return fail(unmet("already assigned to %s", group))
	}
	if err := i.CheckEvent(by, at); err != nil {
		return err
	}
	set(i, "assigneeGroup", &i.AssigneeGroup, group, ID{}, "", by, at)
	set(i, "assignee", &i.Assignee, assignee, ID{}, "", by, at)
	return nil
}

// Unassign returns an assigned or in-progress incident to the queue: the
// group and person are cleared, each in the history, and it moves back to
// new with reason as the move's note (ISO/IEC 20000-1:2011, 8.1). Refused,
// it changes nothing.
func (i *Incident) Unassign(by Actor, at time.Time, reason string) error {
	err := incidentLifecycle.apply(&i.Header, IncidentNew, by, at, reason, needText("reason", reason))
	if err != nil {
		return err
	}
	set(i, "assigneeGroup", &i.AssigneeGroup, "", ID{}, "", by, at)
	set(i, "assignee", &i.Assignee, "", ID{}, "", by, at)
	return nil
}

// Start begins work on an assigned incident, or resumes it after pending
// (ISO/IEC 20000-1:2011, 8.1).
func (i *Incident) Start(by Actor, at time.Time) error {
	if i.State() == IncidentResolved {
		return &TransitionError{Kind: i.Kind, ID: i.ID, From: i.Status, To: string(IncidentInProgress),
			Err: fmt.Errorf("use Reopen: %w", ErrInvalidTransition)}
	}
	return i.toInProgress(by, at, "")
}

// Reopen takes a resolved incident back into progress, when the customer
// does not confirm the resolution; reason goes in the history (ISO/IEC
// 20000-1:2011, 8.1).
func (i *Incident) Reopen(by Actor, at time.Time, reason string) error {
	if i.State() != IncidentResolved {
		return &TransitionError{Kind: i.Kind, ID: i.ID, From: i.Status, To: string(IncidentInProgress),
			Err: fmt.Errorf("only a resolved incident reopens: %w", ErrInvalidTransition)}
	}
	if blank(reason) {
		return &TransitionError{Kind: i.Kind, ID: i.ID, From: i.Status, To: string(IncidentInProgress), Err: missing("reason")}
	}
	return i.toInProgress(by, at, reason)
}

func (i *Incident) toInProgress(by Actor, at time.Time, note string) error {
	from := i.State()
	if err := incidentLifecycle.apply(&i.Header, IncidentInProgress, by, at, note, nil); err != nil {
		return err
	}
	set(i, "pendingReason", &i.PendingReason, "", ID{}, "", by, at)
	if from == IncidentResolved {
		set(i, "resolution", &i.Resolution, "", ID{}, "", by, at)
		i.Resolved = time.Time{}
	}
	return nil
}

// Pend puts the incident on hold for reason, which becomes both the
// PendingReason field and the note of the move's history entry, so that
// service-target clocks can pause on it (ISO/IEC 20000-1:2011, 8.1, 6.1).
// On a pending incident it changes what the incident waits for (the user,
// then a supplier), as a move pending → pending with the new reason, so
// that the clocks see the change; the same reason again is refused.
func (i *Incident) Pend(by Actor, at time.Time, reason PendingReason) error {
	err := incidentLifecycle.apply(&i.Header, IncidentPending, by, at, string(reason), func() error {
		if i.State() == IncidentPending && reason == i.PendingReason {
			return unmet("already pending for %s", reason)
		}
		return reason.check()
	})
	if err != nil {
		return err
	}
	i.PendingReason = reason
	return nil
}

// Resume takes a pending incident back into progress (ISO/IEC 20000-1:2011,
// 8.1).
func (i *Incident) Resume(by Actor, at time.Time) error {
	if i.State() != IncidentPending {
		return &TransitionError{Kind: i.Kind, ID: i.ID, From: i.Status, To: string(IncidentInProgress),
			Err: fmt.Errorf("only a pending incident resumes: %w", ErrInvalidTransition)}
	}
	return i.toInProgress(by, at, "")
}

// Resolve records that service is restored, with the resolution (ISO/IEC
// 20000-1:2011, 8.1).
func (i *Incident) Resolve(by Actor, at time.Time, resolution string) error {
	err := incidentLifecycle.apply(&i.Header, IncidentResolved, by, at, "", needText("resolution", resolution))
	if err != nil {
		return err
	}
	set(i, "pendingReason", &i.PendingReason, "", ID{}, "", by, at)
	set(i, "resolution", &i.Resolution, resolution, ID{}, "", by, at)
	i.Resolved = at
	return nil
}

// Close closes a resolved incident (ISO/IEC 20000-1:2011, 8.1). A major
// incident is closed only by a major incident manager or an incident
// manager, and only once it links to its major incident review
// ([LinkReviewedBy]).
//
// An open incident that was never resolved is not closed but cancelled,
// with the reason ([Incident.Cancel]): Close refuses it, saying so.
func (i *Incident) Close(by Actor, at time.Time) error {
	if st := i.State(); st.Valid() && st != IncidentResolved && !incidentLifecycle.Final(st) {
		return &TransitionError{Kind: i.Kind, ID: i.ID, From: i.Status, To: string(IncidentClosed),
			Err: fmt.Errorf("never resolved: a ticket closed without a resolution is cancelled, with the reason: %w", ErrInvalidTransition)}
	}
	err := incidentLifecycle.apply(&i.Header, IncidentClosed, by, at, "", func() error {
		if !i.Major {
			return nil
		}
		if err := needRole(by, RoleMajorIncidentManager, RoleIncidentManager); err != nil {
			return err
		}
		if !linkedKind(&i.Header, LinkReviewedBy, KindMajorIncidentReview) {
			return unmet("major incident has no %s link to a %s", LinkReviewedBy, KindMajorIncidentReview)
		}
		return nil
	})
	if err != nil {
		return err
	}
	i.Closed = at
	return nil
}

// Cancel withdraws an open incident recorded in error or duplicated, or
// closed without a resolution; reason goes in the history, and a pending
// incident's pending reason is cleared (ISO/IEC 20000-1:2011, 8.1). A major incident
// is cancelled only by an incident manager or major incident manager, as
// it is closed: otherwise cancelling it would skip the rules on closing
// one (its review).
func (i *Incident) Cancel(by Actor, at time.Time, reason string) error {
	err := incidentLifecycle.apply(&i.Header, IncidentCancelled, by, at, reason, func() error {
		if i.Major {
			if err := needRole(by, RoleMajorIncidentManager, RoleIncidentManager); err != nil {
				return err
			}
			if !linkedKind(&i.Header, LinkReviewedBy, KindMajorIncidentReview) {
				return unmet("a declared major incident is reviewed before it is cancelled: no %s link to a %s", LinkReviewedBy, KindMajorIncidentReview)
			}
		}
		if blank(reason) {
			return missing("reason")
		}
		return nil
	})
	if err != nil {
		return err
	}
	set(i, "pendingReason", &i.PendingReason, "", ID{}, "", by, at)
	return nil
}

// DeclareMajor marks the incident major under the criteria agreed with the
// customer, names the person responsible for it, and issues a
// [TopManagementNotice] that the host delivers and top management
// acknowledges with [Incident.AcknowledgeNotice] (ISO/IEC 20000-1:2011,
// 8.1). by must be an incident manager or major incident manager; the
// incident must be open and not already major; responsible and summary
// are required. Refused, it changes nothing.
func (i *Incident) DeclareMajor(by Actor, at time.Time, responsible, summary string) error {
	fail := func(err error) error { return fmt.Errorf("process: %s: declare major: %w", i.Subject(), err) }
	if err := needRole(by, RoleIncidentManager, RoleMajorIncidentManager); err != nil {
		return fail(err)
	}
	switch {
	case i.Major:
		return fail(unmet("already major"))
	case !i.State().Valid() || i.State() == IncidentResolved || incidentLifecycle.Final(i.State()):
		return fail(unmet("incident is %s", orNone(i.Status)))
	case blank(responsible):
		return fail(missing("majorResponsible"))
	case blank(summary):
		return fail(missing("summary"))
	}
	if err := i.CheckEvent(by, at); err != nil {
		return err
	}
	set(i, "major", &i.Major, true, ID{}, "", by, at)
	set(i, "majorResponsible", &i.MajorResponsible, responsible, ID{}, "", by, at)
	i.MajorDeclared = at
	i.Notices = append(i.Notices, TopManagementNotice{At: at, By: by.ID, Responsible: responsible, Summary: summary})
	i.append(Event{At: at, Actor: by.ID, Action: ActionNoted, Field: "notices", Note: "top management notified of major incident; responsible: " + responsible})
	return nil
}

// PendingNotices returns the indexes of the notices to top management not
// yet acknowledged, in order (ISO/IEC 20000-1:2011, 8.1).
func (i *Incident) PendingNotices() []int {
	var idx []int
	for n, t := range i.Notices {
		if t.AckBy == "" {
			idx = append(idx, n)
		}
	}
	return idx
}

// AcknowledgeNotice records that top management has received every notice
// of the incident not yet acknowledged (ISO/IEC 20000-1:2011, 8.1). by must
// hold [RoleTopManagement]; with nothing to acknowledge it is an error
// wrapping [ErrPrecondition].
func (i *Incident) AcknowledgeNotice(by Actor, at time.Time) error {
	fail := func(err error) error { return fmt.Errorf("process: %s: acknowledge notice: %w", i.Subject(), err) }
	if err := needRole(by, RoleTopManagement); err != nil {
		return fail(err)
	}
	pending := i.PendingNotices()
	if len(pending) == 0 {
		return fail(unmet("no notice pending"))
	}
	if err := i.CheckEvent(by, at); err != nil {
		return err
	}
	i.Notices = slices.Clone(i.Notices)
	for _, n := range pending {
		i.Notices[n].AckBy, i.Notices[n].AckAt = by.ID, at
	}
	i.append(Event{At: at, Actor: by.ID, Action: ActionNoted, Field: "notices", Note: "top management acknowledged major incident notice"})
	return nil
}

// MajorIncidentReview is the review held after a major incident: what
// happened, why, how it was handled and what will be improved (ISO/IEC
// 20000-1:2011, 8.1). The incident links to it with [LinkReviewedBy].
type MajorIncidentReview struct {
	Header
	Incident  ID        `json:"incident"`
	Held      time.Time `json:"held"`
	Reviewers []string  `json:"reviewers"`
	// Findings say what happened and how it was handled.
	Findings string `json:"findings"`
	// Cause is the cause found, or what is known of it.
	Cause string `json:"cause,omitempty"`
	// Actions are the improvements agreed.
	Actions []string `json:"actions,omitempty"`
}

var _ Record = (*MajorIncidentReview)(nil)

// NewMajorIncidentReview starts the review of the major incident inc (ISO/IEC 20000-1:2011, 8.1).
func NewMajorIncidentReview(title string, inc ID, by Actor, at time.Time) *MajorIncidentReview {
	return &MajorIncidentReview{Header: NewHeader(KindMajorIncidentReview, title, by, at), Incident: inc}
}

// Validate checks that the review names its incident, when it was held, its
// reviewers and its findings (ISO/IEC 20000-1:2011, 8.1).
func (r *MajorIncidentReview) Validate() error {
	v := ValidationError{Subject: r.Subject()}
	r.validate(&v, KindMajorIncidentReview)
	v.Require("incident", !r.Incident.IsZero())
	validateReview(&v, r.Held, r.Reviewers, r.Findings, r.Actions)
	return v.Err()
}
