package itsm

import (
	"fmt"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
)

// problemEngine replays the rows of a problem.
type problemEngine struct {
	r         *replayer
	p         *process.Problem
	state     process.ProblemState
	closeCode string
	notes     string
	effective string
}

func (e *problemEngine) record() process.Record { return e.p }

func (e *problemEngine) create(cs []change, by process.Actor, at time.Time) error {
	title, rest := createTitle(e.r, cs)
	e.p = process.NewProblem(title, by, at)
	e.p.ID = RefID(e.r.t, process.KindProblem, e.r.ticket)
	e.p.History = slices.Grow(e.p.History, len(e.r.rows)+4)
	e.state = process.ProblemNew
	var later []change
	for _, c := range rest {
		if c.field.Library == "description" {
			e.p.Description = c.value
			e.r.done(nil, c)
			continue
		}
		later = append(later, c)
	}
	e.step(later, by, at)
	return nil
}

func (e *problemEngine) step(cs []change, by process.Actor, at time.Time) {
	p := e.p
	for _, c := range cs {
		switch c.field.Library {
		case "status":
			if c.value != "" {
				e.state = process.ProblemState(c.value)
			}
		case "closeCode":
			e.closeCode = c.value
		case "resolution":
			e.notes = c.value
		case "effective":
			e.effective = c.value
		}
	}
	moved := false
	var moveErr error
	for _, c := range cs {
		var err error
		switch c.field.Library {
		case "status", "closeCode":
			if c.field.Library == "status" && c.value == "" {
				e.r.done(fmt.Errorf("state: %w", process.ErrRequired), c)
				continue
			}
			if !moved {
				moveErr, moved = e.moveTo(e.target(), by, at), true
			}
			err = moveErr
		case "resolution":
			if p.Resolution != c.value {
				err = process.Set(p, "resolution", &p.Resolution, c.value, process.ID{}, "", by, at)
			}
		case "effective":
			if p.Effective != c.value {
				err = process.Set(p, "effective", &p.Effective, c.value, process.ID{}, "", by, at)
			}
		default:
			err = e.field(c, by, at)
		}
		e.r.done(err, c)
	}
}

func (e *problemEngine) field(c change, by process.Actor, at time.Time) error {
	p, v := e.p, c.value
	switch c.field.Library {
	case "title":
		if v == "" {
			return fmt.Errorf("title: %w", process.ErrRequired)
		}
		return process.Set(p, "title", &p.Title, v, process.ID{}, "", by, at)
	case "description":
		return process.Set(p, "description", &p.Description, v, process.ID{}, "", by, at)
	case "category":
		return process.Set(p, "category", &p.Category, v, process.ID{}, "", by, at)
	case "impact":
		return process.Set(p, "impact", &p.Impact, process.Level(v), process.ID{}, "", by, at)
	case "urgency":
		return process.Set(p, "urgency", &p.Urgency, process.Level(v), process.ID{}, "", by, at)
	case "priority":
		pr, err := priority(v)
		if err != nil {
			return err
		}
		return process.Set(p, "priority", &p.Priority, pr, process.ID{}, "", by, at)
	case "rootCause":
		return process.Set(p, "rootCause", &p.RootCause, v, process.ID{}, "", by, at)
	case "services", "affectedCIs":
		if v == "" {
			return fmt.Errorf("a reference taken off the problem: its history keeps what it concerned (ISO/IEC 20000-1:2011, 8.2): %w", process.ErrPrecondition)
		}
		if c.field.Library == "services" {
			id, err := e.r.ref(process.KindService, v)
			if err != nil || p.HasLink(process.LinkService, id) {
				return err
			}
			return p.AddService(by, at, id)
		}
		id, err := e.r.ref(process.KindConfigurationItem, v)
		if err != nil || p.HasLink(process.LinkAffects, id) {
			return err
		}
		return p.Affect(by, at, id)
	}
	return fmt.Errorf("%s: %w", c.field.Library, ErrUnmapped)
}

// target returns the library state of the tool's view: a problem closed
// as cancelled or a duplicate is cancelled.
func (e *problemEngine) target() process.ProblemState {
	if e.state == process.ProblemClosed && (e.closeCode == "cancelled" || e.closeCode == "duplicate" || e.p.State() == process.ProblemCancelled) {
		return process.ProblemCancelled
	}
	return e.state
}

func (e *problemEngine) moveTo(target process.ProblemState, by process.Actor, at time.Time) error {
	p := e.p
	now := p.State()
	if now == target {
		return nil
	}
	switch {
	case target == process.ProblemCancelled || (target == process.ProblemClosed && now != process.ProblemResolved):
		reason := "cancelled " + e.r.in()
		switch {
		case e.closeCode == "duplicate":
			reason = "closed as a duplicate " + e.r.in()
		case target == process.ProblemClosed:
			reason = "closed " + e.r.in() + " without a resolution"
		}
		return p.Cancel(by, at, reason)
	case target == process.ProblemClosed:
		eff := e.effective
		if blank(eff) {
			eff = process.Unrecorded
		}
		return p.Close(by, at, eff)
	case target == process.ProblemInvestigating:
		return p.Investigate(by, at)
	case target == process.ProblemResolved && now != process.ProblemNew:
		res := e.notes
		if blank(res) {
			res = process.Unrecorded
		}
		return p.Resolve(by, at, res)
	case target == process.ProblemResolved:
		return fmt.Errorf("resolved without an investigation: a problem's root cause is sought before it is resolved (ISO/IEC 20000-1:2011, 8.2): %w", process.ErrPrecondition)
	}
	return fmt.Errorf("no move from %s to %s: %w", now, target, process.ErrInvalidTransition)
}

func (e *problemEngine) finish(process.Actor, time.Time) {}
