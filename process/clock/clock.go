package clock

import (
	"fmt"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
)

// Target clocks (ISO/IEC 20000-1:2011, 6.1: service targets are agreed in
// SLAs and OLAs and measured; 8.1: incidents and service requests are
// resolved within them).
//
// A [Target] says how much business time a record is allowed, on which
// [calendar.Calendar], and which states of the record start, pause, stop, cancel or
// reset its clock. A [Clock] evaluates a target over the record's timeline
// (a list of [Tick]s, which [Timeline] derives from a record's history) at
// any instant, and gives its [Status]: running, paused, at risk, met,
// breached or cancelled, with the business time used and left, the time
// spent paused, and the deadline.
//
// A clock counts the business time it has used, segment by segment; it
// never recomputes a deadline from the record's opening. So when a record
// moves to another target mid-flight (re-prioritised, moved to another SLA,
// see [Retarget]) the time already used and the time spent paused are kept
// and the new deadline is the instant the new target's remaining time runs
// out on the new target's calendar.

// Kind says what a target measures (ISO/IEC 20000-1:2011, 6.1, 8.1).
// The zero Kind is unset.
type Kind string

// The kinds of target.
const (
	FirstResponse Kind = "first-response" // until the record is first worked on
	Resolution    Kind = "resolution"     // until the record is resolved
	Custom        Kind = "custom"         // any other span an SLA or OLA agrees
)

// Valid reports whether k is one of the kinds above.
func (k Kind) Valid() bool {
	return k == FirstResponse || k == Resolution || k == Custom
}

// String returns the kind's code.
func (k Kind) String() string { return string(k) }

// MarshalText writes the kind's code; it refuses an invalid kind.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.Valid() {
		return nil, fmt.Errorf("process: clock kind %q: %w", string(k), process.ErrInvalidValue)
	}
	return []byte(k), nil
}

// UnmarshalText reads a kind's code; it refuses an unknown one.
func (k *Kind) UnmarshalText(b []byte) error {
	v := Kind(b)
	if !v.Valid() {
		return fmt.Errorf("process: clock kind %q: %w", string(b), process.ErrInvalidValue)
	}
	*k = v
	return nil
}

// DefaultAtRisk is the share of a target used from which its clock is at
// risk, unless the target says otherwise (ISO/IEC 20000-1:2011, 6.1).
const DefaultAtRisk = 0.75

// Tick is one point of a record's timeline as a clock sees it (ISO/IEC
// 20000-1:2011, 6.1, 8.1): from At on,
// the record is in State, for Reason (the pending reason code, such as
// "waiting-for-customer", or empty).
type Tick struct {
	At     time.Time `json:"at"`
	State  string    `json:"state"`
	Reason string    `json:"reason,omitempty"`
}

// Timeline derives a record's ticks from its header (ISO/IEC 20000-1:2011,
// 8.1: the record's history): its initial state at
// creation, then every lifecycle move of its history, with the move's note
// as the reason (the lifecycle records the pending reason code there).
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

// Condition is a condition on a record's state that drives a target's
// clock (ISO/IEC 20000-1:2011, 6.1). It matches the ticks whose state is
// one of States and, if Reasons
// is not empty, whose reason is one of Reasons. A zero Condition matches no
// tick.
type Condition struct {
	States  []string `json:"states,omitempty"`
	Reasons []string `json:"reasons,omitempty"`
}

// Match reports whether the tick t matches c.
func (c Condition) Match(t Tick) bool {
	return slices.Contains(c.States, t.State) && (len(c.Reasons) == 0 || slices.Contains(c.Reasons, t.Reason))
}

// IsZero reports whether c matches no tick.
func (c Condition) IsZero() bool { return len(c.States) == 0 }

// Escalation is a level of escalation of a target (ISO/IEC 20000-1:2011,
// 8.1: incidents are escalated): reached when a Share of the target is used,
// or when only Before of it is left. Exactly one of Share and Before is set.
type Escalation struct {
	Level  int           `json:"level"`
	Share  float64       `json:"share,omitempty"`
	Before time.Duration `json:"before,omitempty"`
	// Notify names who is told, as the host names them (a role, a group).
	Notify string `json:"notify,omitempty"`
}

// Target is a service target from an SLA or OLA applied to records
// (ISO/IEC 20000-1:2011, 6.1, 8.1): the business time Duration allowed on
// Calendar (nil: around the clock), the share of it from which the clock is
// at risk, escalation levels, and the conditions on the record's state
// that drive its clock.
//
// The clock starts at the first tick matching Start (a zero Start: the
// first tick), is paused while the record's tick matches Pause, stops while
// it matches Stop (met or breached; a later tick that no longer matches, a
// reopened record, lets it run on), is cancelled for good by a tick
// matching Cancel, and starts again from nothing at a tick matching Reset.
// A Duration of zero tracks time used without a deadline ("by agreement").
type Target struct {
	Name        string             `json:"name"`
	Kind        Kind               `json:"kind"`
	Duration    time.Duration      `json:"duration"`
	Calendar    *calendar.Calendar `json:"calendar,omitempty"`
	AtRisk      float64            `json:"atRisk,omitempty"`
	Escalations []Escalation       `json:"escalations,omitempty"`
	Start       Condition          `json:"start,omitzero"`
	Pause       Condition          `json:"pause,omitzero"`
	Stop        Condition          `json:"stop,omitzero"`
	Cancel      Condition          `json:"cancel,omitzero"`
	Reset       Condition          `json:"reset,omitzero"`
}

// Validate checks the target: a name, a known kind, a duration not
// negative, an at-risk share in [0, 1], escalation levels that are unique
// and positive with exactly one of share (positive) or before (positive,
// within the duration).
func (t Target) Validate() error {
	v := process.ValidationError{Subject: "target " + t.Name}
	v.Require("name", t.Name != "")
	switch {
	case t.Kind == "":
		v.Add("kind", process.ErrRequired)
	case !t.Kind.Valid():
		v.Addf("kind", process.ErrInvalidValue, "unknown kind %q", string(t.Kind))
	}
	if t.Duration < 0 {
		v.Addf("duration", process.ErrInvalidValue, "negative duration %s", t.Duration)
	}
	if t.AtRisk < 0 || t.AtRisk > 1 {
		v.Addf("atRisk", process.ErrInvalidValue, "share %g outside [0, 1]", t.AtRisk)
	}
	levels := map[int]bool{}
	for i, e := range t.Escalations {
		path := fmt.Sprintf("escalations[%d]", i)
		if e.Level < 1 {
			v.Addf(path+".level", process.ErrInvalidValue, "level %d is not positive", e.Level)
		} else if levels[e.Level] {
			v.Addf(path+".level", process.ErrInvalidValue, "level %d repeated", e.Level)
		}
		levels[e.Level] = true
		switch {
		case (e.Share != 0) == (e.Before != 0):
			v.Addf(path, process.ErrInvalidValue, "set exactly one of share and before")
		case e.Share < 0:
			v.Addf(path+".share", process.ErrInvalidValue, "share %g is negative", e.Share)
		case e.Before < 0 || (e.Before > 0 && e.Before > t.Duration):
			v.Addf(path+".before", process.ErrInvalidValue, "%s is outside the target's %s", e.Before, t.Duration)
		}
	}
	return v.Err()
}

// atRisk returns the business time used from which t is at risk.
func (t *Target) atRiskAt() time.Duration {
	share := t.AtRisk
	if share == 0 {
		share = DefaultAtRisk
	}
	return time.Duration(float64(t.Duration) * share)
}

// threshold returns the business time used at which escalation e is
// reached.
func (t *Target) threshold(e Escalation) time.Duration {
	if e.Before > 0 {
		return t.Duration - e.Before
	}
	return time.Duration(float64(t.Duration) * e.Share)
}

// Retarget moves a clock to another target at an instant: the record was
// re-prioritised, or moved to another SLA or OLA (ISO/IEC 20000-1:2011,
// 6.1, 8.1). The business time used and the time paused are kept; the new
// target's escalation levels (and its breach) that this time already passes
// count as reached at the change.
type Retarget struct {
	At     time.Time `json:"at"`
	Target Target    `json:"target"`
	Reason string    `json:"reason,omitempty"`
}

// Retargets derives a clock's changes of target from a record's history
// (ISO/IEC 20000-1:2011, 8.1: a re-prioritised record keeps the time it has
// used): one [Retarget] for every change of field (such as "priority") to a
// value for which target returns a target, with the change's note as
// reason. target maps the value as the history writes it ("P2").
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
// 8.1): its first Target, an optional
// retroactive Start (the clock starts there whatever the Target's start
// condition says: the record was logged after the customer called), and
// the Changes of target since, in order.
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

// MarshalText writes the state's code; it refuses an invalid state.
func (s State) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("process: clock state %q: %w", string(s), process.ErrInvalidValue)
	}
	return []byte(s), nil
}

// UnmarshalText reads a state's code; it refuses an unknown one.
func (s *State) UnmarshalText(b []byte) error {
	v := State(b)
	if !v.Valid() {
		return fmt.Errorf("process: clock state %q: %w", string(b), process.ErrInvalidValue)
	}
	*s = v
	return nil
}

// EscalationStatus says whether an escalation level is reached (ISO/IEC
// 20000-1:2011, 8.1), and when it
// was (or, while the clock runs, when it will be if the clock is not
// paused).
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
	// paused; Remaining is the target's duration less Elapsed (negative
	// once breached, zero without a duration).
	Elapsed   time.Duration `json:"elapsed"`
	Paused    time.Duration `json:"paused"`
	Remaining time.Duration `json:"remaining"`
	// Deadline is the instant the target runs out: when breached, the
	// instant it did; when running, the instant it will if the clock is not
	// paused; when paused or not started, the instant it would if the clock
	// ran from now; when stopped, the instant it would have. Zero without a
	// duration.
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
		if d := r.t.Duration; d > 0 && r.breachAt.IsZero() && from+bt > d {
			r.breachAt = cal.Deadline(r.seg, d-from)
		}
		for i, e := range r.t.Escalations {
			if x := r.t.threshold(e); r.reached[i].IsZero() && from+bt >= x && r.t.Duration > 0 {
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
	for i, e := range t.Escalations {
		if t.Duration > 0 && r.elapsed >= t.threshold(e) {
			r.reached[i] = at
		}
	}
	if t.Duration > 0 && r.elapsed > t.Duration {
		r.breachAt = at
	}
}

// At evaluates the clock over the record's timeline ticks (in order of
// time) at the instant now; ticks and changes after now are ignored. It
// returns a *ValidationError if a target is invalid or the ticks or changes
// are out of order.
func (c Clock) At(ticks []Tick, now time.Time) (Status, error) {
	v := process.ValidationError{Subject: "clock " + c.Target.Name}
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
	}
	if !r.started {
		if !mayStart || !(r.t.Start.IsZero() || r.t.Start.Match(k)) {
			return
		}
		r.started, r.startAt, r.seg = true, at, at
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
	d := t.Duration
	if d > 0 {
		s.Remaining = d - r.elapsed
		s.Breached = r.elapsed > d
		s.AtRisk = !s.Breached && r.elapsed >= t.atRiskAt()
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
	if d > 0 {
		if s.Breached {
			s.Deadline = r.breachAt
		} else {
			s.Deadline = t.Calendar.Deadline(from, s.Remaining)
		}
	}
	for i, e := range t.Escalations {
		es := EscalationStatus{Level: e.Level, Notify: e.Notify, Reached: !r.reached[i].IsZero(), At: r.reached[i]}
		if !es.Reached && d > 0 && r.started && r.phase == phaseRunning {
			es.At = t.Calendar.Deadline(from, t.threshold(e)-r.elapsed)
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
