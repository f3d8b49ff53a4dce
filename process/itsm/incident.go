package itsm

import (
	"fmt"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
)

// incidentEngine replays the rows of an incident. It keeps the tool's view
// of the fields that decide the library's state (the tool's state, the
// group and person assigned, the hold reason and the resolution notes) and
// moves the incident to where that view puts it.
type incidentEngine struct {
	r     *replayer
	i     *process.Incident
	state process.IncidentState
	group string
	who   string
	hold  string
	notes string
}

func (e *incidentEngine) record() process.Record { return e.i }

// create records the incident from the rows of its first step.
func (e *incidentEngine) create(cs []change, by process.Actor, at time.Time) error {
	title, rest := createTitle(e.r, cs)
	e.i = process.NewIncident(title, by, at)
	e.i.ID = RefID(e.r.t, process.KindIncident, e.r.ticket)
	e.i.History = slices.Grow(e.i.History, len(e.r.rows)+4)
	e.state = process.IncidentNew
	var later []change
	for _, c := range rest {
		switch c.field.Library {
		case "description":
			e.i.Description = c.value
			e.r.done(nil, c)
		case "reporter":
			u, err := e.r.user(c.value)
			if err == nil {
				e.i.Reporter = u
			}
			e.r.done(err, c)
		default:
			later = append(later, c)
		}
	}
	e.step(later, by, at)
	return nil
}

// createTitle returns the title the first step's rows give, or
// [process.Unrecorded] with a note, and the other rows.
func createTitle(r *replayer, cs []change) (string, []change) {
	title := ""
	var rest []change
	for _, c := range cs {
		if c.field.Library == "title" {
			title = c.value
			r.done(nil, c)
			continue
		}
		rest = append(rest, c)
	}
	if title == "" {
		title = process.Unrecorded
		r.note("no title among the rows of the record's creation: title kept as %s", process.Unrecorded)
	}
	return title, rest
}

// step replays the rows of one save in the tool, in their order but for
// those that decide the state, which are replayed together where the
// first of them is.
func (e *incidentEngine) step(cs []change, by process.Actor, at time.Time) {
	var flow []change
	for _, c := range cs {
		switch c.field.Library {
		case "status", "assigneeGroup", "assignee", "pendingReason":
			flow = append(flow, c)
		case "resolution":
			e.notes = c.value
		}
	}
	flowed := false
	for _, c := range cs {
		switch c.field.Library {
		case "status", "assigneeGroup", "assignee", "pendingReason":
			if !flowed {
				e.flow(flow, by, at)
				flowed = true
			}
		case "resolution", "resolutionCode":
			e.r.done(e.resolved(c, by, at), c)
		default:
			e.r.done(e.field(c, by, at), c)
			e.noteAfter(c)
		}
	}
}

// noteAfter says, on the history entry the row c wrote, that it is an edit
// after the incident was resolved, closed or cancelled, when it is one.
func (e *incidentEngine) noteAfter(c change) {
	i := e.i
	st := i.State()
	if st != process.IncidentResolved && st != process.IncidentClosed && st != process.IncidentCancelled {
		return
	}
	if n := len(i.History); n > 0 && e.r.placed[c.row] {
		last := &i.History[n-1]
		if last.Action == process.ActionChanged && last.Field == c.field.Library && last.Note == "" {
			last.Note = "edited after " + string(st) + " " + e.r.in()
		}
	}
}

// resolved replays a row of the resolution or its code: an edit after
// resolution says so in the history.
func (e *incidentEngine) resolved(c change, by process.Actor, at time.Time) error {
	i := e.i
	note := ""
	if st := i.State(); st == process.IncidentResolved || st == process.IncidentClosed || st == process.IncidentCancelled {
		note = "edited after " + string(st) + " " + e.r.in()
	}
	if c.field.Library == "resolution" {
		if i.Resolution == c.value {
			return nil
		}
		return process.Set(i, "resolution", &i.Resolution, c.value, process.ID{}, note, by, at)
	}
	return process.Set(i, "resolutionCode", &i.ResolutionCode, c.value, process.ID{}, note, by, at)
}

// field replays a row of a field that no move depends on.
func (e *incidentEngine) field(c change, by process.Actor, at time.Time) error {
	i, v := e.i, c.value
	switch c.field.Library {
	case "title":
		if v == "" {
			return fmt.Errorf("title: %w", process.ErrRequired)
		}
		return process.Set(i, "title", &i.Title, v, process.ID{}, "", by, at)
	case "description":
		return process.Set(i, "description", &i.Description, v, process.ID{}, "", by, at)
	case "reporter":
		u, err := e.r.user(v)
		if err != nil {
			return err
		}
		return process.Set(i, "reporter", &i.Reporter, u, process.ID{}, "", by, at)
	case "category":
		return process.Set(i, "category", &i.Category, v, process.ID{}, "", by, at)
	case "impact":
		return process.Set(i, "impact", &i.Impact, process.Level(v), process.ID{}, "", by, at)
	case "urgency":
		return process.Set(i, "urgency", &i.Urgency, process.Level(v), process.ID{}, "", by, at)
	case "priority":
		p, err := priority(v)
		if err != nil {
			return err
		}
		return process.Set(i, "priority", &i.Priority, p, process.ID{}, "", by, at)
	case "service":
		return e.service(v, by, at)
	case "affectedCIs":
		if v == "" {
			return fmt.Errorf("a configuration item taken off the ticket: the incident's history keeps the items it affected (ISO/IEC 20000-1:2011, 9.1): %w", process.ErrPrecondition)
		}
		id, err := e.r.ref(process.KindConfigurationItem, v)
		if err != nil || i.HasLink(process.LinkAffects, id) {
			return err
		}
		return i.Affect(by, at, id)
	}
	return fmt.Errorf("%s: %w", c.field.Library, ErrUnmapped)
}

// service replays a change of the incident's service: the link to the
// service before is removed, in the history, and the new one added.
func (e *incidentEngine) service(v string, by process.Actor, at time.Time) error {
	i := e.i
	var id process.ID
	if v != "" {
		var err error
		if id, err = e.r.ref(process.KindService, v); err != nil {
			return err
		}
	}
	if id == i.Service {
		return nil
	}
	if old := i.Service; !old.IsZero() {
		if err := process.Set(i, "service", &i.Service, process.ID{}, process.ID{}, "", by, at); err != nil {
			return err
		}
		if err := i.Unlink(by, at, process.LinkService, old); err != nil {
			return err
		}
	}
	if id.IsZero() {
		return nil
	}
	return i.SetService(by, at, id)
}

// flow replays the rows that decide the incident's state: its state, who
// it is assigned to and why it waits.
func (e *incidentEngine) flow(cs []change, by process.Actor, at time.Time) {
	var states, assign, holds []change
	for _, c := range cs {
		switch c.field.Library {
		case "status":
			if c.value == "" {
				e.r.done(fmt.Errorf("state: %w", process.ErrRequired), c)
				continue
			}
			e.state = process.IncidentState(c.value)
			states = append(states, c)
		case "assigneeGroup":
			e.group = c.value
			assign = append(assign, c)
		case "assignee":
			u, err := e.r.user(c.value)
			if err != nil {
				e.r.done(err, c)
				continue
			}
			e.who = u
			assign = append(assign, c)
		case "pendingReason":
			e.hold = c.value
			holds = append(holds, c)
		}
	}
	moveErr := e.moveTo(e.target(), by, at)
	e.r.done(moveErr, states...)
	assignErr := moveErr
	if moveErr == nil {
		assignErr = e.assignment(by, at)
	}
	e.r.done(assignErr, assign...)
	holdErr := moveErr
	if moveErr == nil {
		holdErr = e.pending(len(holds) > 0, by, at)
	}
	e.r.done(holdErr, holds...)
}

// assigned reports whether the tool's view has a group or person assigned.
func (e *incidentEngine) assigned() bool { return e.group != "" || e.who != "" }

// target returns the library state the tool's view puts the incident in.
func (e *incidentEngine) target() process.IncidentState {
	now := e.i.State()
	switch e.state {
	case process.IncidentNew:
		if e.assigned() {
			return process.IncidentAssigned // new in the tool, in a group's queue
		}
	case process.IncidentClosed:
		if now == process.IncidentCancelled {
			return now // closed without a resolution: cancelled
		}
	case process.IncidentAssigned:
		if now == process.IncidentInProgress || now == process.IncidentPending || now == process.IncidentResolved {
			return process.IncidentInProgress // the tool's assigned is also its working state
		}
	}
	return e.state
}

// reason returns the library's pending reason for the tool's view.
func (e *incidentEngine) reason() process.PendingReason {
	if e.hold == "" {
		return process.PendingUnrecorded
	}
	return process.PendingReason(e.hold)
}

// resolution returns the tool's resolution notes, or
// [process.Unrecorded].
func (e *incidentEngine) resolution() string {
	if blank(e.notes) {
		return process.Unrecorded
	}
	return e.notes
}

// moveTo makes the moves that take the incident to target, each the
// library's move for what the tool did.
func (e *incidentEngine) moveTo(target process.IncidentState, by process.Actor, at time.Time) error {
	i := e.i
	for range 4 {
		now := i.State()
		if now == target {
			return nil
		}
		var err error
		switch {
		case target == process.IncidentCancelled:
			err = i.Cancel(by, at, "cancelled "+e.r.in())
		case target == process.IncidentClosed && now != process.IncidentResolved:
			return i.Cancel(by, at, "closed "+e.r.in()+" without a resolution")
		case target == process.IncidentClosed:
			err = i.Close(by, at)
		case now == process.IncidentNew:
			if !e.assigned() {
				return fmt.Errorf("%s with nobody assigned: an incident is assigned before it is worked on (ISO/IEC 20000-1:2011, 8.1): %w", target, process.ErrPrecondition)
			}
			err = i.Assign(by, at, e.group, e.who)
		case target == process.IncidentNew || target == process.IncidentAssigned:
			err = i.Unassign(by, at, "returned to the queue "+e.r.in())
		case target == process.IncidentInProgress:
			switch now {
			case process.IncidentAssigned:
				err = i.Start(by, at)
			case process.IncidentPending:
				err = i.Resume(by, at)
			default:
				err = i.Reopen(by, at, "reopened "+e.r.in())
			}
		case target == process.IncidentPending:
			if now == process.IncidentResolved {
				err = i.Reopen(by, at, "reopened "+e.r.in())
			} else {
				err = i.Pend(by, at, e.reason())
			}
		case target == process.IncidentResolved:
			err = i.Resolve(by, at, e.resolution())
		default:
			return fmt.Errorf("no move from %s to %s: %w", now, target, process.ErrInvalidTransition)
		}
		if err != nil {
			return err
		}
	}
	if i.State() != target {
		return fmt.Errorf("no move from %s to %s: %w", i.State(), target, process.ErrInvalidTransition)
	}
	return nil
}

// assignment brings the incident's group and person to the tool's view.
func (e *incidentEngine) assignment(by process.Actor, at time.Time) error {
	i := e.i
	if i.AssigneeGroup == e.group && i.Assignee == e.who {
		return nil
	}
	switch st := i.State(); st {
	case process.IncidentNew:
		return fmt.Errorf("assignment changed while new and unassigned: %w", process.ErrPrecondition)
	case process.IncidentClosed, process.IncidentCancelled:
		note := "edited after " + string(st) + " " + e.r.in()
		if err := process.Set(i, "assigneeGroup", &i.AssigneeGroup, e.group, process.ID{}, note, by, at); err != nil {
			return err
		}
		return process.Set(i, "assignee", &i.Assignee, e.who, process.ID{}, note, by, at)
	}
	switch {
	case e.group != "":
		return i.Reassign(by, at, e.group, e.who)
	case e.who != "":
		if err := process.Set(i, "assigneeGroup", &i.AssigneeGroup, "", process.ID{}, "group cleared "+e.r.in()+"; the person stays assigned", by, at); err != nil {
			return err
		}
		return process.Set(i, "assignee", &i.Assignee, e.who, process.ID{}, "", by, at)
	}
	return fmt.Errorf("nobody assigned while %s: the incident keeps who is accountable for it (ISO/IEC 20000-1:2011, 8.1): %w", i.State(), process.ErrPrecondition)
}

// pending brings the pending reason to the tool's view: a changed hold
// reason while pending is a move pending → pending.
func (e *incidentEngine) pending(rows bool, by process.Actor, at time.Time) error {
	i := e.i
	if i.State() == process.IncidentPending {
		if r := e.reason(); r != i.PendingReason {
			return i.Pend(by, at, r)
		}
		return nil
	}
	if rows && e.hold != "" {
		return fmt.Errorf("a hold reason on an incident that is %s: %w", i.State(), process.ErrPrecondition)
	}
	return nil
}

// finish derives the incident's service from its configuration item, when
// it names none and the host allows it.
func (e *incidentEngine) finish(by process.Actor, at time.Time) {
	i := e.i
	if !i.Service.IsZero() || len(i.AffectedCIs) == 0 || e.r.o.ServiceOf == nil {
		return
	}
	ci := i.AffectedCIs[len(i.AffectedCIs)-1]
	svcs := e.r.o.ServiceOf(ci)
	switch len(svcs) {
	case 1:
		if err := i.DeriveService(by, at, svcs[0], ci); err != nil {
			e.r.note("service not derived from %s: %v", process.Subject(process.KindConfigurationItem, ci), err)
			return
		}
		e.r.note("service %s derived from %s in the CMDB", svcs[0].Short(), process.Subject(process.KindConfigurationItem, ci))
	case 0:
		e.r.note("no service: %s is part of none in the CMDB", process.Subject(process.KindConfigurationItem, ci))
	default:
		e.r.note("no service: %s is part of %d services in the CMDB, and none is chosen", process.Subject(process.KindConfigurationItem, ci), len(svcs))
	}
}

// blank reports whether s holds nothing but white space.
func blank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}
