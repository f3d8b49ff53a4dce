package process

import (
	"fmt"
	"time"
)

// ServiceRequestState is where a service request stands in its life
// (ISO/IEC 20000-1:2011, 8.1). The zero ServiceRequestState is unset.
type ServiceRequestState string

// The states of a service request.
const (
	RequestNew        ServiceRequestState = "new"        // recorded
	RequestApproved   ServiceRequestState = "approved"   // approved, where the request needs approval
	RequestRejected   ServiceRequestState = "rejected"   // approval refused
	RequestFulfilling ServiceRequestState = "fulfilling" // being fulfilled
	RequestPending    ServiceRequestState = "pending"    // waiting, for the reason in PendingReason
	RequestFulfilled  ServiceRequestState = "fulfilled"  // delivered, awaiting confirmation
	RequestClosed     ServiceRequestState = "closed"     // confirmed and closed
	RequestCancelled  ServiceRequestState = "cancelled"  // withdrawn
)

var requestLifecycle = MustLifecycle(KindServiceRequest, RequestNew,
	[]ServiceRequestState{RequestNew, RequestApproved, RequestRejected, RequestFulfilling, RequestPending, RequestFulfilled, RequestClosed, RequestCancelled},
	[]ServiceRequestState{RequestRejected, RequestClosed, RequestCancelled},
	[]Move[ServiceRequestState]{
		{From: []ServiceRequestState{RequestNew}, To: RequestApproved},
		{From: []ServiceRequestState{RequestNew}, To: RequestRejected},
		{From: []ServiceRequestState{RequestNew, RequestApproved, RequestPending, RequestFulfilled}, To: RequestFulfilling},
		{From: []ServiceRequestState{RequestFulfilling, RequestPending}, To: RequestPending}, // pending → pending: what it waits for changed
		{From: []ServiceRequestState{RequestFulfilling, RequestPending}, To: RequestFulfilled},
		{From: []ServiceRequestState{RequestFulfilled}, To: RequestClosed},
		{From: []ServiceRequestState{RequestNew, RequestApproved, RequestFulfilling, RequestPending}, To: RequestCancelled},
	})

// Lifecycle returns the lifecycle of a service request: new →
// (approved or rejected) → fulfilling ⇄ pending → fulfilled → closed,
// fulfilled → fulfilling when reopened, pending → pending when what it
// waits for changes, cancelled from any open state, which is also how a
// request closed without being fulfilled ends (ISO/IEC 20000-1:2011, 8.1).
// The receiver is not read: a nil *ServiceRequest gives the same lifecycle.
func (*ServiceRequest) Lifecycle() *Lifecycle[ServiceRequestState] { return requestLifecycle }

// Valid reports whether s is a state of [ServiceRequest.Lifecycle].
func (s ServiceRequestState) Valid() bool { return requestLifecycle.Valid(s) }

// String returns the state's code.
func (s ServiceRequestState) String() string { return string(s) }

// MarshalText encodes a known state; an unknown one is an error.
func (s ServiceRequestState) MarshalText() ([]byte, error) {
	return MarshalEnum(s)
}

// UnmarshalText decodes a known state; an unknown one is an error.
func (s *ServiceRequestState) UnmarshalText(b []byte) error {
	return UnmarshalEnum(s, b)
}

// ServiceRequest is a user's request for something the service provides
// as a matter of course (information, access, a standard item), recorded
// and fulfilled under 8.1 (ISO/IEC 20000-1:2011, 8.1).
type ServiceRequest struct {
	Header
	Description string `json:"description"`
	// Requester is who asked.
	Requester string `json:"requester"`
	// Item names what is requested, as the service catalogue names it.
	Item     string   `json:"item"`
	Priority Priority `json:"priority,omitempty"`
	// Service is the service the request is made under.
	Service ID `json:"service,omitzero"`
	// NeedsApproval says the request must be approved before it is
	// fulfilled; Approver is who approved or rejected it.
	NeedsApproval bool          `json:"needsApproval,omitempty"`
	Approver      string        `json:"approver,omitempty"`
	AssigneeGroup string        `json:"assigneeGroup,omitempty"`
	PendingReason PendingReason `json:"pendingReason,omitempty"`
	Fulfilment    string        `json:"fulfilment,omitempty"`
	Fulfilled     time.Time     `json:"fulfilled,omitzero"`
}

var _ Record = (*ServiceRequest)(nil)

// NewServiceRequest records a new request for item, titled title, made by
// by at at (ISO/IEC 20000-1:2011, 8.1).
func NewServiceRequest(title, item string, by Actor, at time.Time) *ServiceRequest {
	r := &ServiceRequest{Header: NewHeader(KindServiceRequest, title, by, at), Requester: by.ID, Item: item}
	requestLifecycle.Start(&r.Header)
	return r
}

// Open records the request that the literal r describes, made by by at at:
// the builder of a service request (ISO/IEC 20000-1:2011, 8.1). r holds its
// Title, Description, Item, Priority, Service and NeedsApproval (Requester
// is by, ID a fresh one unless set); Open starts its history with its
// creation, records the priority and links the service, each in the
// history, and validates the result. Every field missing or at fault is
// reported at once in one *ValidationError, and r is then unchanged; a
// request already recorded is refused with [ErrExists].
func (r *ServiceRequest) Open(by Actor, at time.Time) error {
	if len(r.History) > 0 || r.Status != "" {
		return fmt.Errorf("process: %s: open: recorded already: %w", r.Subject(), ErrExists)
	}
	c := &ServiceRequest{Header: NewHeader(KindServiceRequest, r.Title, by, at), Description: r.Description,
		Requester: by.ID, Item: r.Item, NeedsApproval: r.NeedsApproval}
	if !r.ID.IsZero() {
		c.ID = r.ID
	}
	if err := c.CheckEvent(by, at); err != nil {
		return err
	}
	requestLifecycle.Start(&c.Header)
	set(c, "priority", &c.Priority, r.Priority, ID{}, "", by, at)
	v := ValidationError{Subject: c.Subject()}
	if !r.Service.IsZero() {
		v.Merge("service", c.SetService(by, at, r.Service))
	}
	if err := c.Validate(); err != nil {
		v.Merge("", err)
	}
	if err := v.Err(); err != nil {
		return err
	}
	*r = *c
	return nil
}

// State returns the request's lifecycle state.
func (r *ServiceRequest) State() ServiceRequestState { return ServiceRequestState(r.Status) }

// Validate checks the request's description, requester, item, priority and
// service; the approver once approved or rejected; the assignee group while
// fulfilled; the pending reason while pending; the fulfilment once
// fulfilled (ISO/IEC 20000-1:2011, 8.1).
func (r *ServiceRequest) Validate() error {
	v := ValidationError{Subject: r.Subject()}
	r.validate(&v, KindServiceRequest)
	requestLifecycle.ValidateState(&r.Header, &v)
	v.RequireText("description", r.Description)
	v.Identity("requester", r.Requester)
	r.validateAccountability(&v)
	v.RequireText("item", r.Item)
	if !r.Priority.Valid() {
		v.Add("priority", ErrRequired)
	}
	validateRef(&v, &r.Header, "service", r.Service, LinkService)
	st := r.State()
	switch st {
	case RequestApproved, RequestRejected:
		v.Identity("approver", r.Approver)
	case RequestFulfilling, RequestPending, RequestFulfilled, RequestClosed:
		v.RequireText("assigneeGroup", r.AssigneeGroup)
		if r.NeedsApproval {
			v.Identity("approver", r.Approver)
		}
	}
	if st == RequestPending {
		CheckEnum(&v, "pendingReason", r.PendingReason)
	} else if r.PendingReason != "" {
		v.Addf("pendingReason", ErrInvalidValue, "set while %s", st)
	}
	if st == RequestFulfilled || st == RequestClosed {
		v.RequireText("fulfilment", r.Fulfilment)
		v.Require("fulfilled", !r.Fulfilled.IsZero())
	}
	return v.Err()
}

// SetService records the service the request is made under, with a
// [LinkService] link (ISO/IEC 20000-1:2011, 8.1).
func (r *ServiceRequest) SetService(by Actor, at time.Time, svc ID) error {
	return setRef(&r.Header, &r.Service, LinkService, svc, KindService, by, at)
}

// Approve approves a request that needs approval. The requester cannot
// approve their own request ([ErrSegregation]) (ISO/IEC 20000-1:2011, 8.1).
func (r *ServiceRequest) Approve(by Actor, at time.Time) error {
	return r.decide(RequestApproved, by, at, "")
}

// Reject refuses a request that needs approval, for reason. The requester
// cannot decide their own request ([ErrSegregation]) (ISO/IEC 20000-1:2011, 8.1).
func (r *ServiceRequest) Reject(by Actor, at time.Time, reason string) error {
	if blank(reason) {
		return &TransitionError{Kind: r.Kind, ID: r.ID, From: r.Status, To: string(RequestRejected), Err: missing("reason")}
	}
	return r.decide(RequestRejected, by, at, reason)
}

func (r *ServiceRequest) decide(to ServiceRequestState, by Actor, at time.Time, note string) error {
	err := requestLifecycle.apply(&r.Header, to, by, at, note, func() error {
		if !r.NeedsApproval {
			return unmet("request needs no approval")
		}
		if by.ID == r.Requester {
			return fmt.Errorf("%s decides own request: %w", by.ID, ErrSegregation)
		}
		return nil
	})
	if err != nil {
		return err
	}
	set(r, "approver", &r.Approver, by.ID, ID{}, "", by, at)
	return nil
}

// Fulfil starts fulfilling the request by group: a new request that needs
// no approval, an approved one, or one resumed from pending or reopened
// after fulfilment (ISO/IEC 20000-1:2011, 8.1).
func (r *ServiceRequest) Fulfil(by Actor, at time.Time, group string) error {
	from := r.State()
	err := requestLifecycle.apply(&r.Header, RequestFulfilling, by, at, "", func() error {
		if from == RequestNew && r.NeedsApproval {
			return unmet("request needs approval")
		}
		if blank(group) && blank(r.AssigneeGroup) {
			return missing("assigneeGroup")
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !blank(group) {
		set(r, "assigneeGroup", &r.AssigneeGroup, group, ID{}, "", by, at)
	}
	set(r, "pendingReason", &r.PendingReason, "", ID{}, "", by, at)
	if from == RequestFulfilled {
		set(r, "fulfilment", &r.Fulfilment, "", ID{}, "", by, at)
		r.Fulfilled = time.Time{}
	}
	return nil
}

// Pend puts the request on hold for reason, carried as the note of the
// move's history entry and in PendingReason (ISO/IEC 20000-1:2011, 8.1). On
// a pending request it changes what the request waits for, as a move
// pending → pending with the new reason; the same reason again is refused.
func (r *ServiceRequest) Pend(by Actor, at time.Time, reason PendingReason) error {
	err := requestLifecycle.apply(&r.Header, RequestPending, by, at, string(reason), func() error {
		if r.State() == RequestPending && reason == r.PendingReason {
			return unmet("already pending for %s", reason)
		}
		return reason.check()
	})
	if err != nil {
		return err
	}
	r.PendingReason = reason
	return nil
}

// Complete records the request fulfilled, with what was delivered (ISO/IEC
// 20000-1:2011, 8.1).
func (r *ServiceRequest) Complete(by Actor, at time.Time, fulfilment string) error {
	err := requestLifecycle.apply(&r.Header, RequestFulfilled, by, at, "", needText("fulfilment", fulfilment))
	if err != nil {
		return err
	}
	set(r, "pendingReason", &r.PendingReason, "", ID{}, "", by, at)
	set(r, "fulfilment", &r.Fulfilment, fulfilment, ID{}, "", by, at)
	r.Fulfilled = at
	return nil
}

// Close closes a fulfilled request (ISO/IEC 20000-1:2011, 8.1).
func (r *ServiceRequest) Close(by Actor, at time.Time) error {
	return requestLifecycle.apply(&r.Header, RequestClosed, by, at, "", nil)
}

// Cancel withdraws an open request, or one closed without being
// fulfilled; reason goes in the history, and a pending request's pending
// reason is cleared (ISO/IEC 20000-1:2011, 8.1).
func (r *ServiceRequest) Cancel(by Actor, at time.Time, reason string) error {
	if err := requestLifecycle.apply(&r.Header, RequestCancelled, by, at, reason, needText("reason", reason)); err != nil {
		return err
	}
	set(r, "pendingReason", &r.PendingReason, "", ID{}, "", by, at)
	return nil
}
