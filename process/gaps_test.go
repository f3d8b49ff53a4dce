package process

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The lifecycle gaps that real tickets hit: each an explicit move or an
// audited write, with who, when and why in the history.

func TestIncidentOpen(t *testing.T) {
	svc, ci := NewID(), NewID()
	t.Run("every missing field at once", func(t *testing.T) {
		i := &Incident{Header: Header{Title: "mail down"}}
		before := clone(i)
		err := i.Open(desk, t0)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		for _, f := range []string{"description", "impact", "urgency", "priority", "category", "service"} {
			assert.True(t, ve.Has(f, ErrRequired), "%s not reported in %v", f, err)
		}
		assert.False(t, ve.Has("id", nil) || ve.Has("created", nil) || ve.Has("status", nil), "header faults reported: %v", err)
		assert.Equal(t, before, i, "a refused Open changed the literal")
	})
	t.Run("a complete literal opens valid", func(t *testing.T) {
		i := &Incident{Header: Header{Title: "mail down"}, Description: "no mail", Category: "email",
			Impact: LevelHigh, Urgency: LevelMedium, Priority: 2, Service: svc, AffectedCIs: []ID{ci}}
		require.NoError(t, i.Open(desk, t0))
		require.NoError(t, i.Validate())
		assert.Equal(t, IncidentNew, i.State())
		assert.Equal(t, desk.ID, i.Reporter)
		assert.True(t, i.HasLink(LinkService, svc) && i.HasLink(LinkAffects, ci))
		assert.ErrorIs(t, i.Open(desk, t0), ErrExists)
	})
	t.Run("a bad CI is reported with the rest", func(t *testing.T) {
		i := &Incident{Header: Header{Title: "x"}, AffectedCIs: []ID{{}}}
		var ve *ValidationError
		require.ErrorAs(t, i.Open(desk, t0), &ve)
		assert.True(t, ve.Has("affectedCIs[0]", ErrRequired), "%v", ve)
		assert.True(t, ve.Has("description", ErrRequired), "%v", ve)
	})
}

func TestOtherOpens(t *testing.T) {
	svc := NewID()
	r := &ServiceRequest{Header: Header{Title: "laptop"}}
	var ve *ValidationError
	require.ErrorAs(t, r.Open(desk, t0), &ve)
	for _, f := range []string{"description", "item", "priority", "service"} {
		assert.True(t, ve.Has(f, ErrRequired), "request: %s not in %v", f, ve)
	}
	r = &ServiceRequest{Header: Header{Title: "laptop"}, Description: "for a starter", Item: "laptop", Priority: 4, Service: svc}
	require.NoError(t, r.Open(desk, t0))
	require.NoError(t, r.Validate())

	p := &Problem{Header: Header{Title: "disk fills"}}
	require.ErrorAs(t, p.Open(pm, t0), &ve)
	for _, f := range []string{"description", "impact", "urgency", "priority", "category"} {
		assert.True(t, ve.Has(f, ErrRequired), "problem: %s not in %v", f, ve)
	}
	p = &Problem{Header: Header{Title: "disk fills"}, Description: "d", Category: "storage", Impact: LevelLow, Urgency: LevelLow, Priority: 4, Services: []ID{svc}}
	require.NoError(t, p.Open(pm, t0))
	require.NoError(t, p.Validate())

	c := &RequestForChange{Header: Header{Title: "patch"}, Class: ChangeStandard}
	require.ErrorAs(t, c.Open(cm, t0), &ve)
	assert.True(t, ve.Has("description", ErrRequired) && ve.Has("model", ErrRequired), "change: %v", ve)
	c = &RequestForChange{Header: Header{Title: "patch"}, Description: "d", Class: ChangeNormal, Services: []ID{svc}}
	require.NoError(t, c.Open(cm, t0))
	require.NoError(t, c.Validate())
	assert.Equal(t, cm.ID, c.Requester)
}

func TestIncidentPendingReasonChanges(t *testing.T) {
	c := &clock{}
	i := newIncident(t, c)
	ok(t, i.Assign(desk, c.next(), "mail", ""))
	ok(t, i.Pend(desk, c.next(), PendingCustomer))
	refusedTransition(t, i, ErrPrecondition, func() error { return i.Pend(desk, c.next(), PendingCustomer) })
	refusedTransition(t, i, ErrInvalidValue, func() error { return i.Pend(desk, c.next(), "later") })
	ok(t, i.Pend(im, c.next(), PendingSupplier))
	assert.Equal(t, PendingSupplier, i.PendingReason)
	last := i.History[len(i.History)-1]
	assert.Equal(t, Event{At: last.At, Actor: im.ID, Action: ActionMoved, From: "pending", To: "pending", Note: string(PendingSupplier)}, last)
	require.NoError(t, i.Validate())
	ok(t, i.Resume(desk, c.next()))
	require.NoError(t, i.Validate())

	r := newServiceRequest(t, c)
	ok(t, r.Fulfil(desk, c.next(), "desk"))
	ok(t, r.Pend(desk, c.next(), PendingCustomer))
	refusedTransition(t, r, ErrPrecondition, func() error { return r.Pend(desk, c.next(), PendingCustomer) })
	ok(t, r.Pend(desk, c.next(), PendingSupplier))
	require.NoError(t, r.Validate())
}

func TestIncidentAssignment(t *testing.T) {
	c := &clock{}
	t.Run("a person without a group", func(t *testing.T) {
		i := newIncident(t, c)
		ok(t, i.Assign(desk, c.next(), "", "bob"))
		assert.Equal(t, "bob", i.Assignee)
		require.NoError(t, i.Validate())
		refusedTransition(t, i, ErrRequired, func() error { return NewIncident("x", desk, t0).Assign(desk, t0, "", "") })
		j := newIncident(t, c)
		refusedTransition(t, j, ErrRequired, func() error { return j.Assign(desk, c.next(), " ", "bob") })
		// A group cleared later, the person kept: an audited write.
		k := newIncident(t, c)
		ok(t, k.Assign(desk, c.next(), "mail", "bob"))
		ok(t, Set(k, "assigneeGroup", &k.AssigneeGroup, "", ID{}, "group dissolved", desk, c.next()))
		require.NoError(t, k.Validate())
		ok(t, Set(k, "assignee", &k.Assignee, "", ID{}, "", desk, c.next()))
		assert.True(t, errorsHas(k.Validate(), "assigneeGroup", ErrRequired), "nobody accountable must be refused")
	})
	t.Run("returned to the queue", func(t *testing.T) {
		i := newIncident(t, c)
		refusedTransition(t, i, ErrInvalidTransition, func() error { return i.Unassign(desk, c.next(), "wrong desk") })
		ok(t, i.Assign(desk, c.next(), "mail", "bob"))
		ok(t, i.Start(desk, c.next()))
		refusedTransition(t, i, ErrRequired, func() error { return i.Unassign(desk, c.next(), " ") })
		ok(t, i.Unassign(desk, c.next(), "not ours"))
		assert.Equal(t, IncidentNew, i.State())
		assert.Empty(t, i.AssigneeGroup+i.Assignee)
		require.NoError(t, i.Validate())
		ok(t, i.Assign(desk, c.next(), "network", ""))
		require.NoError(t, i.Validate())
	})
	t.Run("edits after resolution", func(t *testing.T) {
		i := newIncident(t, c)
		ok(t, i.Assign(desk, c.next(), "mail", ""))
		ok(t, i.Resolve(desk, c.next(), "restarted"))
		ok(t, i.Reassign(im, c.next(), "mail-l2", "bob"))
		ok(t, i.Classify(im, c.next(), "email/smtp", LevelHigh, LevelMedium, 2))
		ok(t, Set(i, "resolutionCode", &i.ResolutionCode, "workaround", ID{}, "corrected after resolution", im, c.next()))
		require.NoError(t, i.Validate())
		ok(t, i.Close(desk, c.next()))
		refused(t, i, ErrPrecondition, func() error { return i.Reassign(im, c.next(), "x", "") })
	})
	t.Run("closed never resolved is cancelled", func(t *testing.T) {
		i := newIncident(t, c)
		ok(t, i.Assign(desk, c.next(), "mail", ""))
		refusedTransition(t, i, ErrInvalidTransition, func() error { return i.Close(desk, c.next()) })
		err := i.Close(desk, c.next())
		assert.Contains(t, err.Error(), "cancelled")
		ok(t, i.Cancel(desk, c.next(), "closed without resolution in the source"))
		require.NoError(t, i.Validate())
	})
	t.Run("reopened after resolution", func(t *testing.T) {
		i := newIncident(t, c)
		ok(t, i.Assign(desk, c.next(), "mail", ""))
		ok(t, i.Resolve(desk, c.next(), "restarted"))
		ok(t, i.Reopen(cust.withID("cora"), c.next(), "still down"))
		assert.Empty(t, i.Resolution)
		require.NoError(t, i.Validate())
	})
}

// withID returns a with another identity (a test helper).
func (a Actor) withID(id string) Actor { a.ID = id; return a }

// errorsHas reports whether err is a *ValidationError naming path for want.
func errorsHas(err error, path string, want error) bool {
	var ve *ValidationError
	return errors.As(err, &ve) && ve.Has(path, want)
}

func TestUnrecorded(t *testing.T) {
	c := &clock{}
	i := NewIncident("mail down", desk, c.next())
	i.Description = "imported"
	ok(t, i.Classify(desk, c.next(), Unrecorded, Level(Unrecorded), LevelLow, 4))
	ok(t, i.SetService(desk, c.next(), NewID()))
	ok(t, i.Assign(desk, c.next(), Unrecorded, ""))
	ok(t, i.Pend(desk, c.next(), PendingUnrecorded))
	require.NoError(t, i.Validate())
	ok(t, i.Resolve(desk, c.next(), Unrecorded))
	ok(t, Set(i, "resolutionCode", &i.ResolutionCode, Unrecorded, ID{}, "", desk, c.next()))
	require.NoError(t, i.Validate())
	b, err := json.Marshal(i)
	require.NoError(t, err)
	for _, f := range []string{`"category":"(unrecorded)"`, `"impact":"(unrecorded)"`, `"assigneeGroup":"(unrecorded)"`, `"resolution":"(unrecorded)"`, `"resolutionCode":"(unrecorded)"`} {
		assert.Contains(t, string(b), f)
	}
	assert.Contains(t, string(b), `"note":"(unrecorded)"`, "the pending move carries its reason")
	var back Incident
	require.NoError(t, json.Unmarshal(b, &back))
	require.NoError(t, back.Validate())
	again, err := json.Marshal(&back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(again))
	// Empty is not unrecorded: it is still refused where required.
	i.Category = ""
	assert.True(t, errorsHas(i.Validate(), "category", ErrRequired))
}

func TestDeriveService(t *testing.T) {
	c := &clock{}
	svc := struct{ ID ID }{NewID()}
	ci := newCI(t, c)
	i := NewIncident("mail down", desk, c.next())
	i.Description = "no mail"
	ok(t, i.Classify(desk, c.next(), "email", LevelLow, LevelLow, 4))
	other := NewID()
	refused(t, i, ErrPrecondition, func() error { return i.DeriveService(desk, c.next(), svc.ID, ci.ID) })
	ok(t, i.Affect(desk, c.next(), ci.ID))
	refused(t, i, ErrPrecondition, func() error { return i.DeriveService(desk, c.next(), svc.ID, other) })
	refused(t, i, ErrRequired, func() error { return i.DeriveService(desk, c.next(), ID{}, ci.ID) })
	ok(t, i.DeriveService(desk, c.next(), svc.ID, ci.ID))
	last := i.History[len(i.History)-1]
	assert.Equal(t, ActionLinked, last.Action)
	assert.Equal(t, svc.ID, last.Ref)
	assert.True(t, strings.Contains(last.Note, ci.ID.Short()) && strings.Contains(last.Note, "CMDB"), "note %q", last.Note)
	require.NoError(t, i.Validate())
	refused(t, i, ErrPrecondition, func() error { return i.DeriveService(desk, c.next(), svc.ID, ci.ID) })
}

func TestImportGaps(t *testing.T) {
	// A history with the moves real tickets make imports, and the store
	// keeps it.
	c := &clock{}
	i := newIncident(t, c)
	ok(t, i.Assign(desk, c.next(), Unrecorded, "bob"))
	ok(t, i.Start(desk, c.next()))
	ok(t, i.Unassign(desk, c.next(), "returned to the queue"))
	ok(t, i.Assign(desk, c.next(), "mail", ""))
	ok(t, i.Pend(desk, c.next(), PendingCustomer))
	ok(t, i.Pend(desk, c.next(), PendingSupplier))
	ok(t, i.Resume(desk, c.next()))
	ok(t, i.Resolve(desk, c.next(), "vendor patch"))
	ok(t, i.Reopen(desk, c.next(), "still down"))
	ok(t, i.Pend(desk, c.next(), PendingCustomer))
	ok(t, i.Cancel(desk, c.next(), "closed without resolution in the source"))
	assert.Empty(t, i.PendingReason, "a cancelled incident waits for nothing")
	require.NoError(t, i.Validate())
	for n := range i.History {
		i.History[n].Source = ""
	}
	require.NoError(t, Import(i, "servicenow:prod", Actor{ID: "svc-migration"}, c.next()))
	assert.Equal(t, IncidentCancelled, i.State())
}
