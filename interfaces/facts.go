package interfaces

import (
	"slices"
	"time"

	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/process"
)

// What the rules read from a record's status and history. The record types
// of package process use some of these names; a host's own types may use
// others, so the sets are generous.
var (
	approvedStates  = []string{"approved", "authorised", "authorized", "scheduled", "building", "built", "testing", "tested", "implementing", "implemented", "deploying", "deployed", "completed", "successful", "failed", "unsuccessful", "backed-out", "rolled-back", "reviewed"}
	completedStates = []string{"implemented", "deployed", "completed", "succeeded", "successful"}
	failedStates    = []string{"failed", "unsuccessful", "backed-out", "rolled-back"}
	deployedStates  = []string{"deployed", "live", "released", "early-life-support"}
	resolvedStates  = []string{"resolved", "closed", "fulfilled"}
	closedStates    = []string{"closed"}
	// unapproved are the states of a record not approved now, whatever its
	// history: sent back for approval, rejected, cancelled or withdrawn.
	unapproved    = []string{"requested", "assessed", "rejected", "cancelled", "canceled", "withdrawn", "draft"}
	endedStates   = []string{"resolved", "closed", "cancelled", "canceled", "retired", "withdrawn", "rejected", "obsolete"}
	hiddenStates  = []string{"draft", "unpublished", "hidden"}
	needsChange   = []string{"awaiting-change", "change-required", "pending-change", "change-raised"}
	fixPending    = []string{"fix-pending", "awaiting-change", "awaiting-fix", "change-required"}
	retiredStates = []string{"draft", "retired", "withdrawn", "terminated", "expired", "cancelled", "rejected"}
	planDesigned  = []string{"designed", "built", "tested", "transitioned", "reviewed"}
	planBuilt     = []string{"built", "tested", "transitioned", "reviewed"}
	planLive      = []string{"transitioned", "reviewed"}
	planApproved  = []string{"planned", "designed", "built", "tested", "transitioned", "reviewed"}
	doneOrLive    = slices.Concat(completedStates, deployedStates)
	doneOrFailed  = slices.Concat(completedStates, failedStates)
	agreedStates  = []string{"agreed", "in-force", "under-review", "approved", "active", "signed"}
)

// reached returns when h first moved into one of the states (from its
// history), or its Updated time if it is in one of them with no such move
// recorded, and whether it ever reached one.
func reached(h *process.Header, states []string) (time.Time, bool) {
	for _, e := range h.History {
		if e.Action == process.ActionMoved && slices.Contains(states, e.To) {
			return e.At, true
		}
	}
	if slices.Contains(states, h.Status) {
		return h.Updated, true
	}
	return time.Time{}, false
}

// ever reports whether h was ever in one of the states: its status, or a
// move in its history (the status is read first, so that most records are
// judged without their history).
func ever(h *process.Header, states []string) bool {
	if slices.Contains(states, h.Status) {
		return true
	}
	_, ok := reached(h, states)
	return ok
}

// everApproved reports whether h stands approved, as approved does.
func everApproved(h *process.Header) bool {
	if slices.Contains(approvedStates, h.Status) {
		return true
	}
	_, ok := approved(h)
	return ok
}

// approved returns when a record was first approved (an approval in its
// history or a state that only approved records reach), and whether it
// stands approved: a record sent back for approval, rejected, cancelled or
// withdrawn does not, whatever its history says.
func approved(h *process.Header) (time.Time, bool) {
	if slices.Contains(unapproved, h.Status) {
		return time.Time{}, false
	}
	for _, e := range h.History {
		if e.Action == process.ActionApproved {
			return e.At, true
		}
	}
	return reached(h, approvedStates)
}

// Optional methods that typed records may have and the rules use when they
// do; records without them are judged on their header.
type (
	majorFlag interface{ IsMajor() bool }
	// needsChangeFlag is a problem whose resolution needs a change (8.2).
	needsChangeFlag interface{ NeedsChange() bool }
	// visibleFlag is a known error and whether incident management can see it (8.1).
	visibleFlag interface{ Visible() bool }
	// securityFlag is an incident that says whether it is a security incident (6.6.3).
	securityFlag interface{ IsSecurity() bool }
)

// majorOf reports whether a record says itself that it is major: a
// [process.Incident] declared major (8.1), a [process.RequestForChange] with
// potential major impact (5.1, 9.2), or any record with an IsMajor method.
func majorOf(r process.Record) bool {
	switch x := r.(type) {
	case *process.Incident:
		return x.Major
	case *process.RequestForChange:
		return x.MajorImpact
	case majorFlag:
		return x.IsMajor()
	}
	return false
}

// majorIncident reports whether an incident is major: as it says, or, for
// a record that cannot say, a link to a major incident review.
func majorIncident(r process.Record, h *process.Header) bool {
	switch r.(type) {
	case *process.Incident, majorFlag:
		return majorOf(r)
	}
	return linksKind(h, process.LinkReviewedBy, process.KindMajorIncidentReview)
}

// security reports whether an incident is a security incident (6.6.3).
func security(r process.Record) bool {
	switch x := r.(type) {
	case *process.Incident:
		return x.Security
	case securityFlag:
		return x.IsSecurity()
	}
	return false
}

func linksKind(h *process.Header, t process.LinkType, k process.RecordKind) bool {
	return slices.ContainsFunc(h.Links, func(l process.Link) bool { return l.Type == t && l.Kind == k })
}

func linksType(h *process.Header, t process.LinkType) bool {
	return slices.ContainsFunc(h.Links, func(l process.Link) bool { return l.Type == t })
}

// match says which kinds of record a lookup accepts: up to six kinds, or
// every kind one node owns. It is a value, so that the rules' lookups
// allocate nothing.
type match struct {
	kinds [6]process.RecordKind
	n     uint8
	owner NodeID
}

func is(ks ...process.RecordKind) match {
	var m match
	m.n = uint8(copy(m.kinds[:], ks))
	return m
}

func ownedBy(n NodeID) match { return match{owner: n} }

func (m *match) has(k process.RecordKind) bool {
	if m.owner != "" {
		return Owner(k) == m.owner
	}
	for _, x := range m.kinds[:m.n] {
		if x == k {
			return true
		}
	}
	return false
}

// linkedWith reports whether h links to, or is linked from, a record of a
// kind m accepts.
func (c *Context) linkedWith(h *process.Header, m match) bool {
	for i := range h.Links {
		if m.has(h.Links[i].Kind) {
			return true
		}
	}
	return c.linkedFrom(h.ID, "", m)
}

// linkedFrom reports whether a record of a kind m accepts holds a link to
// id of type t (of any type when t is empty).
func (c *Context) linkedFrom(id process.ID, t process.LinkType, m match) bool {
	for _, b := range c.LinksTo(id) {
		if (t == "" || b.Type == t) && m.has(b.Kind) {
			return true
		}
	}
	return false
}

// related returns the IDs of the records of a kind m accepts that h links
// to or that link to it, sorted and without repeats.
func (c *Context) related(h *process.Header, m match) []process.ID {
	var ids []process.ID
	for _, l := range h.Links {
		if m.has(l.Kind) {
			ids = append(ids, l.To)
		}
	}
	for _, b := range c.LinksTo(h.ID) {
		if m.has(b.Kind) {
			ids = append(ids, b.From)
		}
	}
	if len(ids) > 1 {
		slices.SortFunc(ids, process.ID.Compare)
		ids = slices.Compact(ids)
	}
	return ids
}

// servicesOf returns the services a record concerns: its links to service
// records, and the services its typed fields name.
func servicesOf(r process.Record, h *process.Header) []process.ID {
	svcs := h.Linked(process.LinkService)
	switch x := r.(type) {
	case *process.ContinuityPlan:
		svcs = append(svcs, x.Services...)
	case *process.AvailabilityPlan:
		svcs = append(svcs, x.Services...)
	case *process.RequestForChange:
		svcs = append(svcs, x.Services...)
	case *process.SLA:
		svcs = append(svcs, x.Services...)
	case *process.OLA:
		svcs = append(svcs, x.Services...)
	case *process.Incident:
		svcs = append(svcs, x.Service)
	case *process.Problem:
		svcs = append(svcs, x.Services...)
	case *process.ConfigurationItem:
		svcs = append(svcs, x.Services...)
	case *capacity.Requirement:
		svcs = append(svcs, x.Service)
	}
	svcs = slices.DeleteFunc(svcs, process.ID.IsZero)
	slices.SortFunc(svcs, process.ID.Compare)
	return slices.Compact(svcs)
}

// inForce reports whether an agreement, plan or contract is in force at
// now: not draft, retired or withdrawn, and, for the typed ones, started
// and not ended.
func inForce(r process.Record, h *process.Header, now time.Time) bool {
	if slices.Contains(retiredStates, h.Status) {
		return false
	}
	start, end, typed := term(r)
	if !typed {
		start = h.Created
	}
	return !start.After(now) && (end.IsZero() || now.Before(end))
}

// since returns when an agreement or contract took effect.
func since(r process.Record, h *process.Header) time.Time {
	if start, _, typed := term(r); typed {
		return start
	}
	if at, ok := reached(h, agreedStates); ok {
		return at
	}
	return h.Created
}

// term returns the start and end of a typed agreement or contract, and
// false for a record of another type.
func term(r process.Record) (start, end time.Time, typed bool) {
	switch x := r.(type) {
	case *process.SLA:
		return x.Start, x.End, true
	case *process.OLA:
		return x.Start, x.End, true
	case *process.SupplierContract:
		return x.Start, x.End, true
	}
	return time.Time{}, time.Time{}, false
}

// byService indexes records of some kinds by the services they concern.
type byService map[process.ID][]process.Record

func servicesIndex(kinds ...process.RecordKind) *Index[byService] {
	return NewIndex(func(c *Context) byService {
		ix := make(byService)
		for _, k := range kinds {
			for _, r := range c.Records(k) {
				for _, s := range servicesOf(r, r.Meta()) {
					ix[s] = append(ix[s], r)
				}
			}
		}
		for s := range ix {
			slices.SortFunc(ix[s], func(x, y process.Record) int { return x.Meta().ID.Compare(y.Meta().ID) })
		}
		return ix
	})
}

// any reports whether a record of the index concerns one of svcs.
func (ix byService) any(svcs []process.ID) bool {
	return slices.ContainsFunc(svcs, func(s process.ID) bool { return len(ix[s]) > 0 })
}

// of returns the records of the index that concern one of svcs, without
// repeats, by ID.
func (ix byService) of(svcs []process.ID) []process.Record {
	var rs []process.Record
	for _, s := range svcs {
		rs = append(rs, ix[s]...)
	}
	slices.SortFunc(rs, func(x, y process.Record) int { return x.Meta().ID.Compare(y.Meta().ID) })
	return slices.CompactFunc(rs, func(x, y process.Record) bool { return x.Meta().ID == y.Meta().ID })
}

// latest indexes, per record ID, the latest time a record of some kinds
// linked to it (or, with typed fields, named it) was made.
type latest map[process.ID]time.Time

func (l latest) note(id process.ID, at time.Time) {
	if !id.IsZero() && at.After(l[id]) {
		l[id] = at
	}
}

// latestAbout returns an index of when records of kind k last named each
// record: by any link, and by the IDs named returns for typed fields; at
// returns when the record was made.
func latestAbout(k process.RecordKind, named func(process.Record) []process.ID, at func(process.Record) time.Time) *Index[latest] {
	return NewIndex(func(c *Context) latest {
		l := make(latest)
		for _, r := range c.Records(k) {
			t := at(r)
			for _, lk := range r.Meta().Links {
				l.note(lk.To, t)
			}
			if named != nil {
				for _, id := range named(r) {
					l.note(id, t)
				}
			}
		}
		return l
	})
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }
