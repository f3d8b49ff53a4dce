package itsm

import (
	"fmt"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
)

// changeEngine replays the rows of a request for change.
type changeEngine struct {
	r         *replayer
	c         *process.RequestForChange
	state     process.ChangeState
	closeCode string
	pending   map[string]string
	view      process.Window // the planned window, as the rows give it
}

// changePath is the order of a request for change's states on its way to
// implementation; a replay moves along it.
var changePath = []process.ChangeState{process.ChangeRequested, process.ChangeAssessed, process.ChangeAuthorised,
	process.ChangeScheduled, process.ChangeImplementing, process.ChangeImplemented}

func (e *changeEngine) record() process.Record { return e.c }

func (e *changeEngine) create(cs []change, by process.Actor, at time.Time) error {
	title, rest := createTitle(e.r, cs)
	class := process.ChangeClass("")
	var later []change
	for _, c := range rest {
		if c.field.Library == "class" {
			class = process.ChangeClass(c.value)
			e.r.done(nil, c)
			continue
		}
		later = append(later, c)
	}
	if class == "" && e.r.tb.byLibrary("class") == nil {
		class = e.r.o.ChangeClass
		if e.r.t == iTop {
			class = process.ChangeNormal // the class of iTop's NormalChange
		}
	}
	e.c = process.NewRequestForChange(title, class, by, at)
	e.c.ID = RefID(e.r.t, process.KindRequestForChange, e.r.ticket)
	e.c.History = slices.Grow(e.c.History, len(e.r.rows)+4)
	e.state = process.ChangeRequested
	var rest2 []change
	for _, c := range later {
		switch c.field.Library {
		case "description":
			e.c.Description = c.value
		case "model":
			e.c.Model = c.value
		case "requester":
			u, err := e.r.user(c.value)
			if err == nil && u != by.ID {
				err = fmt.Errorf("requested by %q, recorded by %q: the requester of a change is who records it (ISO/IEC 20000-1:2011, 9.2): %w", u, by.ID, process.ErrInconsistent)
			}
			e.r.done(err, c)
			continue
		default:
			rest2 = append(rest2, c)
			continue
		}
		e.r.done(nil, c)
	}
	e.step(rest2, by, at)
	return nil
}

// step replays the rows of one save in the tool. The rows that move the
// change (its state, close code and planned window) are replayed together
// where the first of them is, with the assessment and outcome the step
// gives, so that the moves record them as the library's moves do.
func (e *changeEngine) step(cs []change, by process.Actor, at time.Time) {
	c := e.c
	moves := false
	for _, ch := range cs {
		switch ch.field.Library {
		case "status":
			if ch.value != "" {
				e.state = process.ChangeState(ch.value)
			}
			moves = true
		case "closeCode":
			e.closeCode = ch.value
			moves = true
		case "window.start", "window.end":
			t, err := e.r.dateTime(ch.value)
			if err != nil {
				e.r.done(err, ch)
				continue
			}
			if ch.field.Library == "window.start" {
				e.view.Start = t
			} else {
				e.view.End = t
			}
			moves = true
		}
	}
	var moveErr error
	moved := false
	for _, ch := range cs {
		var err error
		switch v := ch.value; ch.field.Library {
		case "status", "closeCode", "window.start", "window.end":
			if ch.field.Library == "status" && v == "" {
				e.r.done(fmt.Errorf("state: %w", process.ErrRequired), ch)
				continue
			}
			if !moved && moves {
				e.assessment(cs)
				scheduling := e.target() == process.ChangeScheduled && c.State() != process.ChangeScheduled
				for _, w := range cs {
					if w.field.Library == "window.start" || w.field.Library == "window.end" {
						if scheduling {
							e.r.done(nil, w) // the schedule writes it
						} else {
							e.r.done(e.window(w, by, at), w)
						}
					}
				}
				moveErr = e.moveTo(e.target(), by, at)
				moved = true
			}
			if ch.field.Library == "window.start" || ch.field.Library == "window.end" {
				continue
			}
			err = moveErr
		case "approval":
			if d := process.Decision(v); d.Valid() {
				err = c.Approve(by, at, d, "")
			}
		case "title":
			err = process.Set(c, "title", &c.Title, v, process.ID{}, "", by, at)
		case "description":
			err = process.Set(c, "description", &c.Description, v, process.ID{}, "", by, at)
		case "model":
			err = process.Set(c, "model", &c.Model, v, process.ID{}, "", by, at)
		case "class":
			err = process.Set(c, "class", &c.Class, process.ChangeClass(v), process.ID{}, "", by, at)
		case "requester":
			err = fmt.Errorf("the requester of a change is who recorded it (ISO/IEC 20000-1:2011, 9.2): %w", process.ErrProtected)
		case "risk":
			err = process.Set(c, "risk", &c.Risk, process.Level(v), process.ID{}, "", by, at)
		case "impactAssessment":
			err = process.Set(c, "impactAssessment", &c.ImpactAssessment, v, process.ID{}, "", by, at)
		case "businessBenefit":
			err = process.Set(c, "businessBenefit", &c.BusinessBenefit, v, process.ID{}, "", by, at)
		case "backoutPlan":
			err = process.Set(c, "backoutPlan", &c.BackoutPlan, v, process.ID{}, "", by, at)
		case "outcome":
			err = process.Set(c, "outcome", &c.Outcome, v, process.ID{}, "", by, at)
		case "services", "affectedCIs":
			err = e.ref(ch, by, at)
		default:
			err = fmt.Errorf("%s: %w", ch.field.Library, ErrUnmapped)
		}
		e.r.done(err, ch)
	}
}

// assessment gives the change, before it moves, the values of the step's
// rows that its moves take: the assessment and the outcome, so that the
// moves record them as the library's do.
func (e *changeEngine) assessment(cs []change) {
	e.pending = map[string]string{}
	for _, ch := range cs {
		switch ch.field.Library {
		case "risk", "impactAssessment", "businessBenefit", "backoutPlan", "outcome":
			e.pending[ch.field.Library] = ch.value
		}
	}
}

// take returns the value a move takes for field lib: the step's, else
// the record's, else [process.Unrecorded].
func (e *changeEngine) take(lib, current string) string {
	if v, ok := e.pending[lib]; ok && !blank(v) {
		return v
	}
	return orUnrecorded(current)
}

// window replays a row of the planned start or end, each written as the
// library's schedule writes it.
func (e *changeEngine) window(ch change, by process.Actor, at time.Time) error {
	c := e.c
	if ch.field.Library == "window.start" {
		return process.Set(c, "window.start", &c.Window.Start, e.view.Start, process.ID{}, "", by, at)
	}
	return process.Set(c, "window.end", &c.Window.End, e.view.End, process.ID{}, "", by, at)
}

// ref replays a row of a service or item the change affects.
func (e *changeEngine) ref(ch change, by process.Actor, at time.Time) error {
	c := e.c
	if ch.value == "" {
		return fmt.Errorf("a reference taken off the change: its history keeps what it affected (ISO/IEC 20000-1:2011, 9.2): %w", process.ErrPrecondition)
	}
	if ch.field.Library == "services" {
		id, err := e.r.ref(process.KindService, ch.value)
		if err != nil || slices.Contains(c.Services, id) {
			return err
		}
		return c.AddService(by, at, id)
	}
	id, err := e.r.ref(process.KindConfigurationItem, ch.value)
	if err != nil || slices.Contains(c.AffectedCIs, id) {
		return err
	}
	return c.Affect(by, at, id)
}

// target returns the library state of the tool's view: reviewed
// unsuccessful is failed; scheduled with no window is authorised.
func (e *changeEngine) target() process.ChangeState {
	switch {
	case e.state == process.ChangeImplemented && e.closeCode == "failed":
		return process.ChangeFailed
	case e.state == process.ChangeScheduled && (e.view.Start.IsZero() || !e.view.End.After(e.view.Start)):
		return process.ChangeAuthorised
	}
	return e.state
}

// orUnrecorded returns s, or [process.Unrecorded] when it is blank.
func orUnrecorded(s string) string {
	if blank(s) {
		return process.Unrecorded
	}
	return s
}

func (e *changeEngine) moveTo(target process.ChangeState, by process.Actor, at time.Time) error {
	c := e.c
	policy := e.r.o.ChangePolicy
	for range len(changePath) + 1 {
		now := c.State()
		if now == target {
			return nil
		}
		var err error
		switch {
		case target == process.ChangeCancelled:
			err = c.Cancel(by, at, "cancelled "+e.r.in())
		case target == process.ChangeRejected:
			err = c.Reject(by, at, "rejected "+e.r.in())
		case now == process.ChangeImplementing && target == process.ChangeFailed:
			err = c.Fail(by, at, e.take("outcome", c.Outcome))
		case slices.Index(changePath, target) <= slices.Index(changePath, now):
			return fmt.Errorf("no move from %s to %s: %w", now, target, process.ErrInvalidTransition)
		case now == process.ChangeRequested && c.Class == process.ChangeEmergency:
			err = c.AuthoriseEmergency(by, at)
		case now == process.ChangeRequested && c.Class == process.ChangeStandard:
			err = c.Schedule(by, at, e.view, policy)
		case now == process.ChangeRequested:
			err = c.Assess(by, at, process.Assessment{Risk: process.Level(e.take("risk", string(c.Risk))),
				Impact: e.take("impactAssessment", c.ImpactAssessment), BusinessBenefit: e.take("businessBenefit", c.BusinessBenefit),
				BackoutPlan: e.take("backoutPlan", c.BackoutPlan)})
		case now == process.ChangeAssessed:
			err = c.Authorise(by, at, policy)
		case now == process.ChangeAuthorised && target != process.ChangeAuthorised && e.view.End.After(e.view.Start) && !e.view.Start.IsZero():
			err = c.Schedule(by, at, e.view, policy)
		case now == process.ChangeAuthorised || now == process.ChangeScheduled:
			err = c.Implement(by, at)
		case now == process.ChangeImplementing:
			err = c.Complete(by, at, e.take("outcome", c.Outcome))
		default:
			return fmt.Errorf("no move from %s to %s: %w", now, target, process.ErrInvalidTransition)
		}
		if err != nil {
			return err
		}
	}
	return fmt.Errorf("no move from %s to %s: %w", c.State(), target, process.ErrInvalidTransition)
}

func (e *changeEngine) finish(process.Actor, time.Time) {}
