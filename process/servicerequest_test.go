package process

import (
	"testing"
	"time"
)

func TestServiceRequestValidate(t *testing.T) {
	fresh := func(t *testing.T) *ServiceRequest { return newServiceRequest(t, &clock{}) }
	cases := append(headerCases[*ServiceRequest](),
		vcase[*ServiceRequest]{"unknown status", func(r *ServiceRequest) { r.Status = "open" }, "status", ErrInvalidValue},
		vcase[*ServiceRequest]{"no description", func(r *ServiceRequest) { r.Description = "" }, "description", ErrRequired},
		vcase[*ServiceRequest]{"no requester", func(r *ServiceRequest) { r.Requester = "" }, "requester", ErrRequired},
		vcase[*ServiceRequest]{"no item", func(r *ServiceRequest) { r.Item = "" }, "item", ErrRequired},
		vcase[*ServiceRequest]{"no priority", func(r *ServiceRequest) { r.Priority = 0 }, "priority", ErrRequired},
		vcase[*ServiceRequest]{"no service", func(r *ServiceRequest) { r.Service = ID{} }, "service", ErrRequired},
		vcase[*ServiceRequest]{"approved without approver", func(r *ServiceRequest) { r.Status = string(RequestApproved) }, "approver", ErrRequired},
		vcase[*ServiceRequest]{"fulfilling without group", func(r *ServiceRequest) { r.Status = string(RequestFulfilling) }, "assigneeGroup", ErrRequired},
		vcase[*ServiceRequest]{"fulfilling unapproved", func(r *ServiceRequest) {
			r.Status, r.AssigneeGroup, r.NeedsApproval = string(RequestFulfilling), "g", true
		}, "approver", ErrRequired},
		vcase[*ServiceRequest]{"pending without reason", func(r *ServiceRequest) {
			r.Status, r.AssigneeGroup = string(RequestPending), "g"
		}, "pendingReason", ErrRequired},
		vcase[*ServiceRequest]{"reason while new", func(r *ServiceRequest) { r.PendingReason = PendingSupplier }, "pendingReason", ErrInvalidValue},
		vcase[*ServiceRequest]{"fulfilled without fulfilment", func(r *ServiceRequest) {
			r.Status, r.AssigneeGroup, r.Fulfilled = string(RequestFulfilled), "g", t0
		}, "fulfilment", ErrRequired},
		vcase[*ServiceRequest]{"closed without time", func(r *ServiceRequest) {
			r.Status, r.AssigneeGroup, r.Fulfilment = string(RequestClosed), "g", "done"
		}, "fulfilled", ErrRequired},
	)
	testValidate(t, fresh, cases)
}

func TestServiceRequestLifecycle(t *testing.T) {
	t.Run("with approval", func(t *testing.T) {
		c := &clock{}
		r := newServiceRequest(t, c)
		r.NeedsApproval = true
		refused(t, r, ErrPrecondition, func() error { return r.Fulfil(desk, c.next(), "g") })
		refused(t, r, ErrSegregation, func() error { return r.Approve(desk, c.next()) })
		ok(t, r.Approve(im, c.next()))
		ok(t, r.Validate())
		ok(t, r.Fulfil(desk, c.next(), "workplace"))
		ok(t, r.Pend(desk, c.next(), PendingSupplier))
		if r.PendingReason != PendingSupplier || r.History[len(r.History)-1].Note != string(PendingSupplier) {
			t.Fatalf("got reason %q, note %q", r.PendingReason, r.History[len(r.History)-1].Note)
		}
		ok(t, r.Validate())
		ok(t, r.Fulfil(desk, c.next(), ""))
		ok(t, r.Complete(desk, c.next(), "laptop delivered"))
		ok(t, r.Fulfil(desk, c.next(), ""))
		if r.Fulfilment != "" || !r.Fulfilled.IsZero() {
			t.Fatalf("reopened: got fulfilment %q at %v, want none", r.Fulfilment, r.Fulfilled)
		}
		ok(t, r.Pend(desk, c.next(), PendingCustomer))
		ok(t, r.Complete(desk, c.next(), "laptop swapped"))
		ok(t, r.Close(desk, c.next()))
		ok(t, r.Validate())
		if r.State() != RequestClosed || r.Approver != "ines" || r.PendingReason != "" {
			t.Fatalf("got %s approver %q reason %q", r.State(), r.Approver, r.PendingReason)
		}
	})
	t.Run("without approval", func(t *testing.T) {
		c := &clock{}
		r := newServiceRequest(t, c)
		refused(t, r, ErrPrecondition, func() error { return r.Approve(im, c.next()) })
		refused(t, r, ErrPrecondition, func() error { return r.Fulfil(desk, c.next(), "") })
		ok(t, r.Fulfil(desk, c.next(), "workplace"))
		refused(t, r, ErrPrecondition, func() error { return r.Pend(desk, c.next(), "") })
		refused(t, r, ErrPrecondition, func() error { return r.Complete(desk, c.next(), "") })
		refused(t, r, ErrInvalidTransition, func() error { return r.Close(desk, c.next()) })
	})
	t.Run("rejected", func(t *testing.T) {
		c := &clock{}
		r := newServiceRequest(t, c)
		r.NeedsApproval = true
		refused(t, r, ErrPrecondition, func() error { return r.Reject(im, c.next(), "") })
		refused(t, r, ErrSegregation, func() error { return r.Reject(desk, c.next(), "no") })
		ok(t, r.Reject(im, c.next(), "not in catalogue"))
		ok(t, r.Validate())
		refused(t, r, ErrInvalidTransition, func() error { return r.Fulfil(desk, c.next(), "g") })
		refused(t, r, ErrInvalidTransition, func() error { return r.Cancel(desk, c.next(), "x") })
	})
	t.Run("cancelled", func(t *testing.T) {
		c := &clock{}
		r := newServiceRequest(t, c)
		refused(t, r, ErrPrecondition, func() error { return r.Cancel(desk, c.next(), "") })
		refused(t, r, ErrInvalidValue, func() error { return r.Cancel(desk, t0.Add(-time.Hour), "x") })
		ok(t, r.Cancel(desk, c.next(), "no longer needed"))
		ok(t, r.Validate())
	})
}
