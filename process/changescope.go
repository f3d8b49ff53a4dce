package process

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Scope returns what an authorisation of the change covers, encoded
// canonically: its class and model, description, back-out plan, planned
// window (in UTC) and the services and configuration items it affects (as
// sets, from its fields and its [LinkService] and [LinkAffects] links). bound is true once the change is authorised: from then on the
// history's last authorising or scheduling entry holds the digest of this
// content, and [Check] refuses the record if the content no longer
// matches. The assessment is not part of it: an emergency change completes
// its assessment after authorisation (ISO/IEC 20000-1:2011, 9.2).
func (c *RequestForChange) Scope() (content []byte, bound bool) {
	asSet := func(field []ID, t LinkType) []ID {
		ids := append(slices.Clone(field), c.Linked(t)...) // a link added with Header.Link counts as the field does
		slices.SortFunc(ids, ID.Compare)
		return slices.Compact(ids)
	}
	services, cis := asSet(c.Services, LinkService), asSet(c.AffectedCIs, LinkAffects)
	content, _ = json.Marshal(struct {
		Class       ChangeClass `json:"class"`
		Model       string      `json:"model"`
		Description string      `json:"description"`
		BackoutPlan string      `json:"backoutPlan"`
		Start       time.Time   `json:"start"`
		End         time.Time   `json:"end"`
		Services    []ID        `json:"services"`
		AffectedCIs []ID        `json:"affectedCIs"`
	}{c.Class, c.Model, c.Description, c.BackoutPlan, c.Window.Start.UTC(), c.Window.End.UTC(), services, cis}) // cannot fail: plain values
	return content, c.Authorised()
}

// digest returns the digest of the change's current scope.
func (c *RequestForChange) digest() string {
	content, _ := c.Scope()
	return ScopeDigest(content)
}

// bindLast records the digest of the current scope on the last history
// entry, the authorising move just made.
func (c *RequestForChange) bindLast() { c.History[len(c.History)-1].Scope = c.digest() }

// checkBound returns an error wrapping [ErrPrecondition] and
// [ErrInconsistent] when the scope differs from what the last
// authorisation or schedule bound: the change cannot go on on an approval
// of something else.
func (c *RequestForChange) checkBound() error {
	d, i := boundDigest(&c.Header)
	if i < 0 || d == c.digest() {
		return nil
	}
	e := c.History[i]
	return fmt.Errorf("scope changed since %s by %s at %s: %w: %w", orNone(e.To), e.Actor, e.At.Format(time.RFC3339), ErrInconsistent, ErrPrecondition)
}

// Guard refuses, for [Set], a write to the requester or the implementer
// (who asked and who did the work are accountable facts, recorded by the
// change's own methods), to whether it has potential major impact once it
// is authorised, and to the approved scope once implementation has begun; a write to the scope of an authorised or scheduled change sends
// it back for approval first, as [RequestForChange.Lifecycle] describes,
// and the history shows the move (ISO/IEC 20000-1:2011, 9.2).
func (c *RequestForChange) Guard(by Actor, at time.Time, dst any) error {
	switch dst {
	case &c.Requester:
		return fmt.Errorf("the requester is who created the request: %w", ErrProtected)
	case &c.Implementer:
		return fmt.Errorf("the implementer is who started the implementation: %w", ErrProtected)
	case &c.MajorImpact:
		if c.Authorised() {
			return fmt.Errorf("potential major impact was assessed before authorisation (Clause 5 follows from it): %w", ErrProtected)
		}
	case &c.Class, &c.Model, &c.Description, &c.BackoutPlan, &c.Window.Start, &c.Window.End:
		return c.revise(by, at, "scope")
	}
	return nil
}

// revise prepares a change of the scope named what: on an authorised or
// scheduled change it moves the change back for approval (to assessed for
// a normal change, to requested otherwise); once implementation has begun
// it is refused with [ErrProtected]; before authorisation it does nothing.
func (c *RequestForChange) revise(by Actor, at time.Time, what string) error {
	switch st := c.State(); {
	case st == ChangeAuthorised || st == ChangeScheduled:
		to := ChangeRequested
		if c.Class == ChangeNormal {
			to = ChangeAssessed
		}
		return changeLifecycle.apply(&c.Header, to, by, at, what+" changed after authorisation: sent back for approval", nil)
	case c.Authorised():
		return fmt.Errorf("process: %s: %s: the change is %s on its approval: %w", c.Subject(), what, st, ErrProtected)
	}
	return nil
}

// preRevise refuses, before [RequestForChange.revise] moves anything, what
// adding id to the field ids would refuse: no actor or time, a zero ID, an
// ID already there. A refused addition changes nothing.
func (c *RequestForChange) preRevise(by Actor, at time.Time, ids []ID, id ID) error {
	if err := c.CheckEvent(by, at); err != nil {
		return err
	}
	switch {
	case id.IsZero():
		return fmt.Errorf("process: %s: %w", c.Subject(), ErrRequired)
	case slices.Contains(ids, id):
		return fmt.Errorf("process: %s: %s: %w", c.Subject(), id.Short(), ErrExists)
	}
	return nil
}

// validateAccountability adds the findings on the fields that must match
// the history ([ErrInconsistent]): the requester is who created the
// request, the implementer who started the implementation, each approval
// an approval entry of the history in the same order, and an authorised
// normal change holds an approval by someone other than the requester
// ([ErrSegregation]) (ISO/IEC 20000-1:2011, 9.2).
func (c *RequestForChange) validateAccountability(v *ValidationError) {
	requesterCreated(v, &c.Header, c.Requester)
	if want := lastMover(&c.Header, string(ChangeImplementing)); c.Implementer != want {
		v.Addf("implementer", ErrInconsistent, "%q, but the history's implementer is %q", c.Implementer, want)
	}
	var recorded []Approval
	for _, e := range c.History {
		if e.Action == ActionApproved && e.Field == "approvals" {
			recorded = append(recorded, Approval{By: e.Actor, At: e.At, Decision: Decision(e.To), Note: e.Note, Scope: e.Scope})
		}
	}
	if !slices.EqualFunc(c.Approvals, recorded, func(a, b Approval) bool {
		return a.By == b.By && a.At.Equal(b.At) && a.Decision == b.Decision && a.Note == b.Note && a.Scope == b.Scope
	}) {
		v.Addf("approvals", ErrInconsistent, "%d approvals, but the history records %d others", len(c.Approvals), len(recorded))
	}
	if c.Class == ChangeNormal && c.Authorised() && !slices.ContainsFunc(c.Approvals, func(a Approval) bool {
		return a.Decision == DecisionApprove && a.By != c.Requester
	}) {
		v.Addf("approvals", ErrSegregation, "authorised with no approval but the requester's")
	}
}

// lastMover returns who made the last move of h's history to state, or "".
func lastMover(h *Header, state string) string {
	for i := len(h.History) - 1; i >= 0; i-- {
		if e := h.History[i]; e.Action == ActionMoved && e.To == state {
			return e.Actor
		}
	}
	return ""
}
