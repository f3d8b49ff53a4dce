package clock

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
)

// Tick is one point of a record's timeline as a clock sees it (ISO/IEC
// 20000-1:2011, 6.1, 8.1): from At on, the record is in State, for Reason
// (the pending reason code, such as "waiting-for-customer", or empty).
type Tick struct {
	At     time.Time `json:"at"`
	State  string    `json:"state"`
	Reason string    `json:"reason,omitempty"`
}

// Timeline derives a record's ticks from its [process.Header] (ISO/IEC
// 20000-1:2011, 8.1: the record's history): its initial state at creation,
// then every lifecycle move ([process.ActionMoved]) of its history, with the
// move's note as the reason (the lifecycle records the pending reason code
// there).
func Timeline(h *process.Header) []Tick {
	initial := h.Status
	for _, e := range h.History {
		if e.Action == process.ActionMoved {
			initial = e.From
			break
		}
	}
	created := h.Created
	if created.IsZero() && len(h.History) > 0 {
		created = h.History[0].At
	}
	ticks := []Tick{{At: created, State: initial}}
	for _, e := range h.History {
		if e.Action == process.ActionMoved {
			ticks = append(ticks, Tick{At: e.At, State: e.To, Reason: e.Note})
		}
	}
	return ticks
}

// Retarget moves a clock to another target at an instant: the record was
// re-prioritised, or moved to another SLA or OLA (ISO/IEC 20000-1:2011,
// 6.1, 8.1). The business time used and the time paused are kept; a new
// target in working days ([Target.Days]) has its allowance fixed from the
// clock's start; the new target's escalation levels (and its breach) that
// the time used already passes count as reached at the change.
type Retarget struct {
	At     time.Time `json:"at"`
	Target Target    `json:"target"`
	Reason string    `json:"reason,omitempty"`
}

// Retargets derives a clock's changes of target from a record's history
// (ISO/IEC 20000-1:2011, 8.1: a re-prioritised record keeps the time it has
// used): one [Retarget] for every change ([process.ActionChanged]) of field
// (such as "priority") to a value for which target returns a target, with
// the change's note as reason. target maps the value as the history writes
// it ("P2").
func Retargets(h *process.Header, field string, target func(value string) (Target, bool)) []Retarget {
	var out []Retarget
	for _, e := range h.History {
		if e.Action != process.ActionChanged || e.Field != field {
			continue
		}
		if t, ok := target(e.To); ok {
			out = append(out, Retarget{At: e.At, Target: t, Reason: e.Note})
		}
	}
	return out
}

// Clock is a target applied to one record (ISO/IEC 20000-1:2011, 6.1,
// 8.1): its first Target, an optional retroactive Start (the clock starts
// there whatever the Target's start condition says: the record was logged
// after the customer called), and the Changes of target since, in order.
type Clock struct {
	Target  Target     `json:"target"`
	Start   time.Time  `json:"start,omitzero"`
	Changes []Retarget `json:"changes,omitempty"`
}

// State is the state of a target's clock at an instant (ISO/IEC
// 20000-1:2011, 6.1). The zero State is unset.
type State string

// The states of a clock.
const (
	NotStarted State = "not-started"
	Running    State = "running"
	Paused     State = "paused"
	AtRisk     State = "at-risk"  // running, with the at-risk share used
	Met        State = "met"      // stopped within the target
	Breached   State = "breached" // more than the target used, stopped or not
	Cancelled  State = "cancelled"
)

// Valid reports whether s is one of the states above.
func (s State) Valid() bool {
	switch s {
	case NotStarted, Running, Paused, AtRisk, Met, Breached, Cancelled:
		return true
	}
	return false
}

// String returns the state's code.
func (s State) String() string { return string(s) }

// MarshalText encodes the state as its code, and the zero State as empty
// text; it refuses an unknown state with an error wrapping
// [process.ErrInvalidValue].
func (s State) MarshalText() ([]byte, error) { return process.MarshalEnum(s) }

// UnmarshalText decodes a state's code, and empty text as the zero State; it
// refuses any other text with an error wrapping [process.ErrInvalidValue],
// leaving s unchanged.
func (s *State) UnmarshalText(b []byte) error { return process.UnmarshalEnum(s, b) }

// EscalationStatus says whether an escalation level is reached (ISO/IEC
// 20000-1:2011, 8.1), and when it was (or, while the clock runs, when it
// will be if the clock is not paused).
type EscalationStatus struct {
	Level   int       `json:"level"`
	Notify  string    `json:"notify,omitempty"`
	Reached bool      `json:"reached"`
	At      time.Time `json:"at,omitzero"`
}

// Status is a clock's state at an instant (ISO/IEC 20000-1:2011, 6.1,
// 8.1).
type Status struct {
	// Target and Kind name the target in force.
	Target string `json:"target"`
	Kind   Kind   `json:"kind"`
	State  State  `json:"state"`
	// AtRisk and Breached hold whatever the state (a paused clock may be at
	// risk).
	AtRisk   bool `json:"atRisk"`
	Breached bool `json:"breached"`
	// Started is when the clock started (or was last reset); Stopped when it
	// last stopped or was cancelled, if it is stopped or cancelled.
	Started time.Time `json:"started,omitzero"`
	Stopped time.Time `json:"stopped,omitzero"`
	// Elapsed is the business time used; Paused the business time spent
	// paused; Remaining is the business time the target allows (its
	// Duration, or the allowance of its working Days, fixed at the start)
	// less Elapsed (negative once breached, zero without a deadline).
	Elapsed   time.Duration `json:"elapsed"`
	Paused    time.Duration `json:"paused"`
	Remaining time.Duration `json:"remaining"`
	// Deadline is the instant the target runs out: when breached, the
	// instant it did; when running, the instant it will if the clock is not
	// paused; when paused or not started, the instant it would if the clock
	// ran from now; when stopped, the instant it would have. For a Days
	// target whose clock has lost no business time to pauses or stops it
	// is AddWorkingDays(Started, Days) (see [Target]). Zero without a
	// deadline.
	Deadline    time.Time          `json:"deadline,omitzero"`
	Escalations []EscalationStatus `json:"escalations,omitempty"`
}

type clockPhase uint8

const (
	phaseRunning clockPhase = iota
	phasePaused
	phaseStopped
	phaseCancelled
)

// clockRun is the state of the evaluation of a clock.
type clockRun struct {
	t        *Target
	started  bool
	phase    clockPhase
	seg      time.Time // start of the current segment
	elapsed  time.Duration
	paused   time.Duration
	startAt  time.Time
	stopAt   time.Time
	breachAt time.Time
	reached  []time.Time // per escalation of t, zero until reached
	// The allowance of t, fixed when the clock starts, is reset or moves
	// to t: the business time allowed, whether there is a deadline, and a
	// Days target's AddWorkingDays(start, Days).
	allow   time.Duration
	bounded bool
	due     time.Time
}

// fix fixes the allowance of the target in force for a clock started (or
// reset) at start.
func (r *clockRun) fix(start time.Time) {
	r.allow, r.bounded, r.due = r.t.allowance(start)
}

// onSchedule reports whether a Days target's clock has used all the
// business time from its start to at, so that its deadline is the instant
// of its working days rather than one its pauses pushed out.
func (r *clockRun) onSchedule(at time.Time) bool {
	return !r.due.IsZero() && (!r.started || r.t.Calendar.BusinessTime(r.startAt, at) == r.elapsed)
}

func (r *clockRun) phaseOf(k Tick) clockPhase {
	switch {
	case r.t.Cancel.Match(k):
		return phaseCancelled
	case r.t.Stop.Match(k):
		return phaseStopped
	case r.t.Pause.Match(k):
		return phasePaused
	}
	return phaseRunning
}

// advance counts the business time from the current segment's start to at,
// noting the escalations and the breach it reaches on the way.
func (r *clockRun) advance(at time.Time) {
	if !r.started || !at.After(r.seg) {
		return
	}
	cal := r.t.Calendar
	switch r.phase {
	case phaseRunning:
		bt := cal.BusinessTime(r.seg, at)
		from := r.elapsed
		if r.bounded && r.breachAt.IsZero() && from+bt > r.allow {
			if r.onSchedule(r.seg) {
				r.breachAt = r.due
			} else {
				r.breachAt = cal.Deadline(r.seg, r.allow-from)
			}
		}
		for i, e := range r.t.Escalations {
			if x := e.threshold(r.allow); r.reached[i].IsZero() && e.reachable(r.bounded) && from+bt >= x {
				r.reached[i] = cal.Deadline(r.seg, x-from)
			}
		}
		r.elapsed += bt
	case phasePaused:
		r.paused += cal.BusinessTime(r.seg, at)
	}
	r.seg = at
}

// retarget moves the run to target t at instant at.
func (r *clockRun) retarget(t *Target, at time.Time) {
	r.advance(at)
	r.t = t
	r.reached = make([]time.Time, len(t.Escalations))
	r.breachAt = time.Time{}
	if !r.started {
		return
	}
	r.fix(r.startAt)
	for i, e := range t.Escalations {
		if e.reachable(r.bounded) && r.elapsed >= e.threshold(r.allow) {
			r.reached[i] = at
		}
	}
	if r.bounded && r.elapsed > r.allow {
		r.breachAt = at
	}
}

// At evaluates the clock over the record's timeline ticks (in order of
// time) at the instant now; ticks and changes after now are ignored. It
// returns a *[process.ValidationError] if a target is invalid or the ticks
// or changes are out of order. It takes one pass over the ticks and changes
// and costs, per segment, one constant-time call to the calendar.
func (c Clock) At(ticks []Tick, now time.Time) (Status, error) {
	v := process.ValidationError{Package: "clock", Subject: "clock " + c.Target.Name}
	v.Merge("target", c.Target.Validate())
	for i := range c.Changes {
		v.Merge(fmt.Sprintf("changes[%d].target", i), c.Changes[i].Target.Validate())
		if i > 0 && c.Changes[i].At.Before(c.Changes[i-1].At) {
			v.Addf(fmt.Sprintf("changes[%d].at", i), process.ErrInvalidValue, "before changes[%d]", i-1)
		}
	}
	for i := 1; i < len(ticks); i++ {
		if ticks[i].At.Before(ticks[i-1].At) {
			v.Addf(fmt.Sprintf("ticks[%d].at", i), process.ErrInvalidValue, "before ticks[%d]", i-1)
		}
	}
	if err := v.Err(); err != nil {
		return Status{}, err
	}

	r := clockRun{t: &c.Target, reached: make([]time.Time, len(c.Target.Escalations))}
	var cur *Tick // the tick in force
	startPending := !c.Start.IsZero() && !c.Start.After(now)
	ti, ci := 0, 0
	for {
		// The next event: the retroactive start, a tick, or a change, in
		// order of time; at one instant the start, then ticks, then changes.
		var at time.Time
		kind := 0
		if startPending {
			at, kind = c.Start, 1
		}
		if ti < len(ticks) && !ticks[ti].At.After(now) && (kind == 0 || ticks[ti].At.Before(at)) {
			at, kind = ticks[ti].At, 2
		}
		if ci < len(c.Changes) && !c.Changes[ci].At.After(now) && (kind == 0 || c.Changes[ci].At.Before(at)) {
			at, kind = c.Changes[ci].At, 3
		}
		if kind == 0 {
			break
		}
		switch kind {
		case 1:
			startPending = false
			r.started, r.startAt, r.seg = true, at, at
			r.fix(at)
			r.phase = phaseRunning
			if cur != nil {
				r.phase = r.phaseOf(*cur)
			}
		case 2:
			cur = &ticks[ti]
			ti++
			r.tick(*cur, at, c.Start.IsZero())
		case 3:
			r.retarget(&c.Changes[ci].Target, at)
			ci++
		}
	}
	r.advance(now)
	return r.status(now), nil
}

// tick applies the tick k at instant at; mayStart is false when the clock
// has a retroactive start, which alone starts it.
func (r *clockRun) tick(k Tick, at time.Time, mayStart bool) {
	r.advance(at)
	if r.started && r.phase == phaseCancelled {
		return
	}
	if r.started && r.t.Reset.Match(k) {
		r.elapsed, r.paused = 0, 0
		r.startAt, r.seg = at, at
		r.breachAt = time.Time{}
		clear(r.reached)
		r.fix(at)
	}
	if !r.started {
		if !mayStart || !(r.t.Start.IsZero() || r.t.Start.Match(k)) {
			return
		}
		r.started, r.startAt, r.seg = true, at, at
		r.fix(at)
	}
	was := r.phase
	r.phase = r.phaseOf(k)
	if (r.phase == phaseStopped || r.phase == phaseCancelled) && r.phase != was {
		r.stopAt = at
	}
}

func (r *clockRun) status(now time.Time) Status {
	t := r.t
	s := Status{Target: t.Name, Kind: t.Kind, Elapsed: r.elapsed, Paused: r.paused, Started: r.startAt}
	if !r.started {
		r.fix(now) // as if the clock started now
	}
	if r.bounded {
		s.Remaining = r.allow - r.elapsed
		s.Breached = r.elapsed > r.allow
		s.AtRisk = !s.Breached && r.elapsed >= t.atRiskAt(r.allow)
	}
	switch {
	case !r.started:
		s.State = NotStarted
	case r.phase == phaseCancelled:
		s.State = Cancelled
	case r.phase == phaseStopped && s.Breached:
		s.State = Breached
	case r.phase == phaseStopped:
		s.State = Met
	case s.Breached:
		s.State = Breached
	case r.phase == phasePaused:
		s.State = Paused
	case s.AtRisk:
		s.State = AtRisk
	default:
		s.State = Running
	}
	if r.phase == phaseStopped || r.phase == phaseCancelled {
		s.Stopped = r.stopAt
	}
	// From where the clock would run on: the current segment if running,
	// the stop if stopped, now otherwise.
	from := now
	switch {
	case r.started && r.phase == phaseRunning:
		from = r.seg
	case r.started && (r.phase == phaseStopped || r.phase == phaseCancelled):
		from = r.stopAt
	}
	if r.bounded {
		switch {
		case s.Breached:
			s.Deadline = r.breachAt
		case r.onSchedule(from):
			s.Deadline = r.due
		default:
			s.Deadline = t.Calendar.Deadline(from, s.Remaining)
		}
	}
	for i, e := range t.Escalations {
		es := EscalationStatus{Level: e.Level, Notify: e.Notify, Reached: !r.reached[i].IsZero(), At: r.reached[i]}
		if !es.Reached && e.reachable(r.bounded) && r.started && r.phase == phaseRunning {
			es.At = t.Calendar.Deadline(from, e.threshold(r.allow)-r.elapsed)
		}
		s.Escalations = append(s.Escalations, es)
	}
	return s
}

// Level returns the highest escalation level reached, or 0.
func (s Status) Level() int {
	level := 0
	for _, e := range s.Escalations {
		if e.Reached {
			level = max(level, e.Level)
		}
	}
	return level
}
