package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
	"github.com/smskit/iso20000/process/clock"
)

// TicketStatus is the state of every time target of an agreement on one
// incident or service request at an instant: how much business time each
// has used on the agreement's service hours, how long it was paused, its
// deadline and whether it is running, met or breached (ISO/IEC
// 20000-1:2011, 6.1, 8.1).
type TicketStatus struct {
	Ticket    process.ID         `json:"ticket"`
	Kind      process.RecordKind `json:"kind"`
	Service   process.ID         `json:"service"`
	Priority  process.Priority   `json:"priority"`
	Agreement process.ID         `json:"agreement"`
	At        time.Time          `json:"at"`
	// Targets holds one status per kind of time target the agreement sets
	// for the ticket's service and priority: first response, then
	// resolution.
	Targets []clock.Status `json:"targets"`
}

// Breached reports whether any target of the ticket is breached
// (ISO/IEC 20000-1:2011, 6.1).
func (s TicketStatus) Breached() bool {
	return slices.ContainsFunc(s.Targets, func(t clock.Status) bool { return t.Breached })
}

// ticket is what a target clock needs from an incident or a service
// request.
type ticket struct {
	h        *process.Header
	service  process.ID
	priority process.Priority
	// rules gives the conditions of a clock of the kind on this kind of
	// record.
	rules func(clock.Kind) clock.Target
	// done says the ticket is resolved, fulfilled, closed, cancelled or
	// rejected: its clocks stopped by its last change.
	done bool
}

// ticketOf reads r as a ticket, or returns an error wrapping
// [process.ErrRequired] for a nil record and [process.ErrInvalidValue]
// for a record that is neither an incident nor a service request.
func ticketOf(r process.Record) (ticket, error) {
	switch t := r.(type) {
	case *process.Incident:
		if t != nil {
			st := t.State()
			done := st == process.IncidentResolved || st == process.IncidentClosed || st == process.IncidentCancelled
			return ticket{h: &t.Header, service: t.Service, priority: t.Priority, rules: clock.IncidentRules, done: done}, nil
		}
	case *process.ServiceRequest:
		if t != nil {
			st := t.State()
			done := st == process.RequestFulfilled || st == process.RequestClosed || st == process.RequestCancelled || st == process.RequestRejected
			return ticket{h: &t.Header, service: t.Service, priority: t.Priority, rules: requestRules, done: done}, nil
		}
	case nil:
	default:
		return ticket{}, fmt.Errorf("report: %s: not an incident or service request: %w", r.Meta().Subject(), process.ErrInvalidValue)
	}
	return ticket{}, fmt.Errorf("report: ticket: %w", process.ErrRequired)
}

// lastMove returns the time of the ticket's last history entry, from
// which its timeline ([clock.Timeline]) has no more ticks.
func (t ticket) lastMove() time.Time {
	if n := len(t.h.History); n > 0 {
		return t.h.History[n-1].At
	}
	return t.h.Created
}

// requestRules returns the conditions under which the clock of a service
// request's target of kind k runs, as [clock.IncidentRules] does for an
// incident: first response runs from creation until the request leaves
// new; resolution (fulfilment) runs from creation, pauses while pending
// for the customer or a time agreed with the customer, stops when
// fulfilled or closed; both are cancelled when the request is cancelled
// or rejected (ISO/IEC 20000-1:2011, 8.1).
func requestRules(k clock.Kind) clock.Target {
	cancel := clock.Condition{States: []string{string(process.RequestCancelled), string(process.RequestRejected)}}
	if k == clock.FirstResponse {
		return clock.Target{Kind: k, Cancel: cancel, Stop: clock.Condition{States: []string{
			string(process.RequestApproved), string(process.RequestFulfilling), string(process.RequestPending),
			string(process.RequestFulfilled), string(process.RequestClosed),
		}}}
	}
	return clock.Target{
		Kind:   k,
		Pause:  clock.Condition{States: []string{string(process.RequestPending)}, Reasons: []string{string(process.PendingCustomer), string(process.PendingSchedule)}},
		Stop:   clock.Condition{States: []string{string(process.RequestFulfilled), string(process.RequestClosed)}},
		Cancel: cancel,
	}
}

// timeKinds are the kinds of service target measured on tickets, in the
// order a [TicketStatus] lists them.
var timeKinds = [...]struct {
	target process.TargetKind
	clock  clock.Kind
}{{process.TargetResponse, clock.FirstResponse}, {process.TargetResolution, clock.Resolution}}

// Ticket returns the status at the instant at of every response and
// resolution target that the agreement sla sets for the incident or
// service request r, each on the calendar its service hours name in
// calendars and paused as r's history shows (ISO/IEC 20000-1:2011, 6.1,
// 8.1). It is the one call that answers "where does this ticket stand".
//
// A [process.ServiceTarget] has no field for the priorities it applies
// to, so Ticket reads them from the target's name: a target whose name
// holds a priority's code as a word ("P1 resolution", "p2-response")
// applies to tickets of that priority, one naming no priority to every
// ticket; a target with a Service applies to that service only. Of the
// targets of one kind that apply, the one naming the priority is taken
// before one naming none, one naming the service before one naming none,
// and then the first in the agreement. A ticket re-prioritised keeps the
// time its clocks used ([clock.Retargets] over the priority's history).
//
// It returns an error wrapping [process.ErrRequired] for a nil record or
// agreement, [process.ErrInvalidValue] for a record of another kind,
// [process.ErrPrecondition] when the agreement does not cover the
// ticket's service, and the errors of [clock.FromServiceTarget] and
// [clock.Clock.At] for a target or history that cannot be evaluated.
func Ticket(r process.Record, sla *process.SLA, calendars map[string]*calendar.Calendar, at time.Time) (TicketStatus, error) {
	t, err := ticketOf(r)
	if err != nil {
		return TicketStatus{}, err
	}
	if sla == nil {
		return TicketStatus{}, fmt.Errorf("report: %s: agreement: %w", t.h.Subject(), process.ErrRequired)
	}
	if !slices.Contains(sla.Services, t.service) {
		return TicketStatus{}, fmt.Errorf("report: %s: service %s is not covered by %s: %w", t.h.Subject(), t.service.Short(), sla.Subject(), process.ErrPrecondition)
	}
	return t.status(sla, calendars, clock.Timeline(t.h), at)
}

// status is Ticket on a ticket already read, with its timeline.
func (t ticket) status(sla *process.SLA, calendars map[string]*calendar.Calendar, ticks []clock.Tick, at time.Time) (TicketStatus, error) {
	out := TicketStatus{Ticket: t.h.ID, Kind: t.h.Kind, Service: t.service, Priority: t.priority, Agreement: sla.ID, At: at}
	first, changes := t.priorities()
	for _, k := range timeKinds {
		var convErr error
		target := func(value string) (clock.Target, bool) {
			p, ok := parsePriority(value)
			if !ok {
				return clock.Target{}, false
			}
			st, ok := pickTarget(sla.Targets, k.target, t.service, p)
			if !ok {
				return clock.Target{}, false
			}
			ct, err := clock.FromServiceTarget(st, calendars, t.rules(k.clock))
			if err != nil {
				convErr = err
				return clock.Target{}, false
			}
			ct.Kind = k.clock
			return ct, true
		}
		c := clock.Clock{Changes: changes(target)}
		ct, ok := target(first.String())
		if convErr != nil {
			return TicketStatus{}, fmt.Errorf("report: %s: %w", t.h.Subject(), convErr)
		}
		if !ok {
			if len(c.Changes) == 0 {
				continue // the agreement sets no target of this kind for the ticket
			}
			// No target at the first priority: the clock starts at the
			// first change that has one, with the time used from the start.
			ct, c.Changes = c.Changes[0].Target, c.Changes[1:]
		}
		c.Target = ct
		s, err := c.At(ticks, at)
		if err != nil {
			return TicketStatus{}, fmt.Errorf("report: %s: %w", t.h.Subject(), err)
		}
		out.Targets = append(out.Targets, s)
	}
	return out, nil
}

// priorities returns the ticket's first priority (the first value its
// history gives the priority, or its priority now) and a function giving
// the later changes of priority as clock changes of target.
func (t ticket) priorities() (process.Priority, func(func(string) (clock.Target, bool)) []clock.Retarget) {
	first := t.priority
	skip := -1
	for i, e := range t.h.History {
		if e.Action == process.ActionChanged && e.Field == priorityField {
			if p, ok := parsePriority(e.To); ok {
				first, skip = p, i
			}
			break
		}
	}
	return first, func(target func(string) (clock.Target, bool)) []clock.Retarget {
		if skip < 0 {
			return nil
		}
		// Retargets yields one change per change of the field, the first
		// included: that one is the clock's first target.
		h := *t.h
		h.History = h.History[skip+1:]
		return clock.Retargets(&h, priorityField, target)
	}
}

// priorityField names the priority of a ticket in its history.
const priorityField = "priority"

// parsePriority reads a priority as the history writes it ("P2").
func parsePriority(s string) (process.Priority, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 || (s[0] != 'P' && s[0] != 'p') {
		return 0, false
	}
	n, err := strconv.Atoi(s[1:])
	if err != nil || n < 1 {
		return 0, false
	}
	return process.Priority(n), true
}

// namedPriority reports whether a target's name holds a priority's code
// as a word, and whether one of them is p; it allocates nothing.
func namedPriority(name string, p process.Priority) (named, match bool) {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(name); {
		r, n := utf8.DecodeRuneInString(name[i:])
		if !word(r) {
			i += n
			continue
		}
		j := i
		for j < len(name) {
			r, n := utf8.DecodeRuneInString(name[j:])
			if !word(r) {
				break
			}
			j += n
		}
		if q, ok := parsePriority(name[i:j]); ok {
			named = true
			match = match || q == p
		}
		i = j
	}
	return named, match
}

// pickTarget returns the target of kind k among targets that applies to a
// ticket of service svc and priority p, by the rule of [Ticket].
func pickTarget(targets []process.ServiceTarget, k process.TargetKind, svc process.ID, p process.Priority) (process.ServiceTarget, bool) {
	best, score := -1, -1
	for i, t := range targets {
		if t.Kind != k || (!t.Service.IsZero() && t.Service != svc) {
			continue
		}
		named, match := namedPriority(t.Name, p)
		s := 0
		switch {
		case match:
			s = 2
		case named:
			continue
		}
		if !t.Service.IsZero() {
			s++
		}
		if s > score {
			best, score = i, s
		}
	}
	if best < 0 {
		return process.ServiceTarget{}, false
	}
	return targets[best], true
}
