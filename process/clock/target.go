package clock

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/shopspring/decimal"
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
	"github.com/smskit/iso20000/process/priority"
)

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

// MarshalText encodes the kind as its code, and the zero Kind as empty
// text; it refuses an unknown kind with an error wrapping
// [process.ErrInvalidValue].
func (k Kind) MarshalText() ([]byte, error) { return process.MarshalEnum(k) }

// UnmarshalText decodes a kind's code, and empty text as the zero Kind; it
// refuses any other text with an error wrapping [process.ErrInvalidValue],
// leaving k unchanged.
func (k *Kind) UnmarshalText(b []byte) error { return process.UnmarshalEnum(k, b) }

// DefaultAtRisk is the share of a target used from which its clock is at
// risk, unless the target says otherwise (ISO/IEC 20000-1:2011, 6.1).
const DefaultAtRisk = 0.75

// Condition is a condition on a record's state that drives a target's
// clock (ISO/IEC 20000-1:2011, 6.1). It matches the ticks whose state is
// one of States and, if Reasons is not empty, whose reason is one of
// Reasons. A zero Condition matches no tick.
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
// 8.1: incidents are escalated). Exactly one of Share, Before and After is
// set; the level is reached once the clock has used
//
//   - Share of the business time the target allows (a Share over 1 is
//     reached after the deadline);
//   - all but Before of it (on a [Target.Days] target, whose allowance is
//     fixed only when its clock starts, a Before longer than the allowance
//     is reached at the start);
//   - After of business time, whatever the target allows: After may pass
//     the deadline ("escalate to the duty manager after 2 hours"), and
//     works on a target without one.
//
// The instant a level is reached is exact to the nanosecond: it is found
// on the calendar from the clock's segments ([calendar.Calendar.Deadline]).
type Escalation struct {
	Level  int           `json:"level"`
	Share  float64       `json:"share,omitempty"`
	Before time.Duration `json:"before,omitempty"`
	After  time.Duration `json:"after,omitempty"`
	// Notify names who is told, as the host names them (a role, a group).
	Notify string `json:"notify,omitempty"`
}

// threshold returns the business time used at which e is reached on a
// target that allows allow.
func (e Escalation) threshold(allow time.Duration) time.Duration {
	switch {
	case e.After > 0:
		return e.After
	case e.Before > 0:
		return max(0, allow-e.Before)
	}
	return share(allow, e.Share)
}

// reachable reports whether e can be reached on a target with (bounded)
// or without a deadline: a level set by After always can.
func (e Escalation) reachable(bounded bool) bool { return bounded || e.After > 0 }

// share returns the share s of d, rounded to the nanosecond.
func share(d time.Duration, s float64) time.Duration {
	return time.Duration(math.Round(float64(d) * s))
}

// maxDays is the most working days a [Target] may allow: as many days as
// the years a calendar compiles hold.
const maxDays = (calendar.LastYear - calendar.FirstYear + 1) * 366

// Target is a service target from an SLA or OLA applied to records
// (ISO/IEC 20000-1:2011, 6.1, 8.1): the business time allowed on Calendar
// (nil: around the clock), stated as a Duration or as a number of working
// Days, the share of it from which the clock is at risk, escalation
// levels, and the conditions on the record's state that drive its clock.
//
// The clock starts at the first tick matching Start (a zero Start: the
// first tick), is paused while the record's tick matches Pause, stops while
// it matches Stop (met or breached; a later tick that no longer matches, a
// reopened record, lets it run on), is cancelled for good by a tick
// matching Cancel, and starts again from nothing at a tick matching Reset.
// A target with neither Duration nor Days tracks time used without a
// deadline ("by agreement").
//
// # Working days
//
// Days states the target in whole working days of Calendar ("resolve
// within 3 working days"), counted as [calendar.Calendar.AddWorkingDays]
// counts them, as GLPI and ServiceNow do: from the start, or from the next
// opening when the service hours are closed then, the day is not counted
// and the target runs out at the same time of day Days working days later,
// kept within that day's working hours. On 09:00–17:00 office hours, a
// record logged on Monday at 10:00 with 3 working days is due on Thursday
// at 10:00; one logged on Saturday, on Thursday at 09:00.
//
// When the clock starts, and again when it is reset, its allowance is
// fixed as the business time from the start to that instant; from then on
// the clock counts the business time it uses as for a Duration, so pauses
// and stops push the deadline out. The deadline of a clock that has lost
// no business time to a pause or stop is AddWorkingDays(start, Days); that
// of one that has is the instant its remaining allowance runs out. A clock
// that moves to a Days target ([Retarget]) keeps the time it used, and
// the target's allowance is fixed from the clock's start. Around the clock
// (a nil Calendar) the days are calendar days in the location of the start
// instant: across a daylight-saving change one is 23 or 25 hours. When the
// calendar has no Days-th working day after the start (it opens on
// exceptional dates only, or the start is near the end of the years it
// compiles), the target has no deadline.
type Target struct {
	Name     string        `json:"name"`
	Kind     Kind          `json:"kind"`
	Duration time.Duration `json:"duration"`
	// Days is the target in working days of Calendar; it excludes Duration.
	Days        int                `json:"days,omitempty"`
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
// negative, working days not negative, within the years a calendar
// compiles (package calendar's FirstYear to LastYear) and not with a
// duration, a calendar with working time ([calendar.Calendar.HasWorkingTime]:
// a target cannot run on hours that never open), an at-risk share in
// [0, 1], escalation levels that are unique and positive with exactly one
// of share (positive), before (positive, and within the duration of a
// Duration target) or after (positive) (ISO/IEC 20000-1:2011, 6.1, 8.1). It
// reports every field at fault in one *[process.ValidationError].
func (t Target) Validate() error {
	v := process.ValidationError{Package: "clock", Subject: "target " + t.Name}
	v.RequireText("name", t.Name)
	process.CheckEnum(&v, "kind", t.Kind)
	if t.Duration < 0 {
		v.Addf("duration", process.ErrInvalidValue, "negative duration %s", t.Duration)
	}
	switch {
	case t.Days < 0:
		v.Addf("days", process.ErrInvalidValue, "negative days %d", t.Days)
	case t.Days > maxDays:
		v.Addf("days", process.ErrInvalidValue, "%d working days is more than the %d a calendar holds", t.Days, maxDays)
	case t.Days > 0 && t.Duration != 0:
		v.Addf("days", process.ErrInvalidValue, "set at most one of duration and days")
	}
	if !t.Calendar.HasWorkingTime() {
		v.Addf("calendar", process.ErrInvalidValue, "calendar %q has no working time", t.Calendar.Name())
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
		set := 0
		for _, on := range []bool{e.Share != 0, e.Before != 0, e.After != 0} {
			if on {
				set++
			}
		}
		switch {
		case set != 1:
			v.Addf(path, process.ErrInvalidValue, "set exactly one of share, before and after")
		case e.Share < 0:
			v.Addf(path+".share", process.ErrInvalidValue, "share %g is negative", e.Share)
		case e.Before < 0:
			v.Addf(path+".before", process.ErrInvalidValue, "negative duration %s", e.Before)
		case e.Before > 0 && t.Days == 0 && e.Before > t.Duration:
			v.Addf(path+".before", process.ErrInvalidValue, "%s is outside the target's %s", e.Before, t.Duration)
		case e.After < 0:
			v.Addf(path+".after", process.ErrInvalidValue, "negative duration %s", e.After)
		}
	}
	return v.Err()
}

// allowance returns the business time t allows a clock started (or reset)
// at start, whether t has a deadline, and for a Days target the instant
// AddWorkingDays(start, Days) (zero otherwise).
func (t *Target) allowance(start time.Time) (allow time.Duration, bounded bool, due time.Time) {
	if t.Days == 0 {
		return t.Duration, t.Duration > 0, time.Time{}
	}
	due = t.Calendar.AddWorkingDays(start, t.Days)
	if due.IsZero() {
		return 0, false, due
	}
	return t.Calendar.BusinessTime(start, due), true, due
}

// atRiskAt returns the business time used from which a clock allowed allow
// on t is at risk.
func (t *Target) atRiskAt(allow time.Duration) time.Duration {
	s := t.AtRisk
	if s == 0 {
		s = DefaultAtRisk
	}
	return share(allow, s)
}

// IncidentRules returns the conditions under which the clock of an
// incident's target of kind k runs, as a template for [FromServiceTarget]
// and [FromMatrix] (ISO/IEC 20000-1:2011, 6.1, 8.1):
//
//   - first response: runs from creation until the incident leaves new
//     (assigned, in progress or any later state stops it);
//   - resolution (and custom): runs from creation, is paused while pending
//     waiting for the customer or for a time agreed with the customer,
//     stops when resolved or closed (a reopened incident runs on), and is
//     cancelled when the incident is cancelled.
//
// Waiting for a supplier, a change or a problem does not pause the clock:
// those waits are the provider's own. A host that agrees otherwise with its
// customer changes the returned conditions.
func IncidentRules(k Kind) Target {
	cancel := Condition{States: []string{string(process.IncidentCancelled)}}
	if k == FirstResponse {
		return Target{Kind: k, Cancel: cancel, Stop: Condition{States: []string{
			string(process.IncidentAssigned), string(process.IncidentInProgress), string(process.IncidentPending),
			string(process.IncidentResolved), string(process.IncidentClosed),
		}}}
	}
	return Target{
		Kind:   k,
		Pause:  Condition{States: []string{string(process.IncidentPending)}, Reasons: []string{string(process.PendingCustomer), string(process.PendingSchedule)}},
		Stop:   Condition{States: []string{string(process.IncidentResolved), string(process.IncidentClosed)}},
		Cancel: cancel,
	}
}

// FromServiceTarget turns an SLA or OLA target of response or resolution
// time ([process.ServiceTarget]) into a clock [Target] on the calendar its
// service hours name, with the conditions of rules (for example
// [IncidentRules]) (ISO/IEC 20000-1:2011, 6.1). calendars maps the names
// that targets use to compiled calendars; a target without a calendar name
// runs around the clock.
//
// A value in minutes or hours becomes a Duration. A value in days becomes
// a [Target.Days] target of that many working days on service hours, where
// it must be a whole number; around the clock (no calendar, or one open
// 24 hours a day, 7 days a week) a day is 24 hours and the value becomes a
// Duration, fractions included.
//
// The target's pause reasons ([process.ServiceTarget.Pause]), when it has
// any, replace the reasons of rules' Pause condition, which keeps its
// states (the record's pending state): so an OLA's response target may
// pause while a supplier is awaited where the SLA's does not. A rules
// template without a pause state (the first-response rules of
// [IncidentRules], whose clock stops when the record pends) pauses on
// nothing. Without pause reasons the template's Pause stands.
//
// It refuses other kinds of target and units, a fractional number of
// working days, an unknown pause reason and a calendar with no working time
// ([process.ErrInvalidValue]), an unknown calendar ([process.ErrNotFound]),
// a negative value, and a value past the limits on untrusted numbers
// ([process.ErrTooLarge]).
func FromServiceTarget(t process.ServiceTarget, calendars map[string]*calendar.Calendar, rules Target) (Target, error) {
	fail := func(path string, err error) (Target, error) {
		return Target{}, fmt.Errorf("clock: service target %q: %s: %w", t.Name, path, err)
	}
	var kind Kind
	switch t.Kind {
	case process.TargetResponse:
		kind = FirstResponse
	case process.TargetResolution:
		kind = Resolution
	default:
		return fail("kind", fmt.Errorf("%s targets have no clock: %w", t.Kind, process.ErrInvalidValue))
	}
	if err := process.CheckDecimal(t.Value); err != nil {
		return fail("value", err)
	}
	if t.Value.IsNegative() {
		return fail("value", process.ErrInvalidValue)
	}
	var cal *calendar.Calendar
	if t.Calendar != "" {
		c, ok := calendars[t.Calendar]
		if !ok {
			return fail("calendar", fmt.Errorf("unknown calendar %q: %w", t.Calendar, process.ErrNotFound))
		}
		if !c.HasWorkingTime() {
			return fail("calendar", fmt.Errorf("calendar %q has no working time: %w", t.Calendar, process.ErrInvalidValue))
		}
		cal = c
	}
	out := rules
	out.Name, out.Kind, out.Calendar = t.Name, kind, cal
	out.Duration, out.Days = 0, 0
	if len(t.Pause) > 0 {
		reasons := make([]string, len(t.Pause))
		for i, r := range t.Pause {
			if !r.Valid() {
				return fail(fmt.Sprintf("pause[%d]", i), fmt.Errorf("unknown pending reason %q: %w", string(r), process.ErrInvalidValue))
			}
			reasons[i] = string(r)
		}
		out.Pause = Condition{States: slices.Clone(rules.Pause.States), Reasons: reasons}
	}
	var unit time.Duration
	switch t.Unit {
	case process.UnitMinutes:
		unit = time.Minute
	case process.UnitHours:
		unit = time.Hour
	case process.UnitDays:
		if cal == nil || cal.WeeklyHours() == 7*24*time.Hour {
			unit = 24 * time.Hour
			break
		}
		switch {
		case !t.Value.IsInteger():
			return fail("value", fmt.Errorf("%s working days is not a whole number: %w", t.Value, process.ErrInvalidValue))
		case t.Value.GreaterThan(decimal.NewFromInt(maxDays)):
			return fail("value", fmt.Errorf("too large: %w", process.ErrInvalidValue))
		}
		out.Days = int(t.Value.IntPart())
		return out, nil
	default:
		return fail("unit", fmt.Errorf("%q is not a unit of time: %w", t.Unit, process.ErrInvalidValue))
	}
	ns := t.Value.Mul(decimal.NewFromInt(int64(unit))).Round(0)
	if ns.GreaterThan(decimal.NewFromInt(int64(1 << 62))) {
		return fail("value", fmt.Errorf("too large: %w", process.ErrInvalidValue))
	}
	out.Duration = time.Duration(ns.IntPart())
	return out, nil
}

// FromMatrix returns the target of kind first-response or resolution for
// priority p in the [priority.Matrix] m as a clock [Target] (ISO/IEC
// 20000-1:2011, 6.1, 8.1): the rules (conditions, escalations, at-risk
// share) come from template, the name, kind, duration and calendar from
// the matrix (serviceHours for a priority on service hours,
// [priority.OnServiceHours], nil, around the clock, otherwise); a
// template's Days are cleared, as a matrix states hours. It does not
// validate the result ([Clock.At] does). It returns false if the matrix
// has no target for p or kind is neither.
func FromMatrix(m *priority.Matrix, p process.Priority, kind Kind, serviceHours *calendar.Calendar, template Target) (Target, bool) {
	pt, ok := m.Target(p)
	if !ok || (kind != FirstResponse && kind != Resolution) {
		return Target{}, false
	}
	t := template
	t.Kind = kind
	t.Name = fmt.Sprintf("%s %s %s", p, pt.Name, kind)
	t.Duration, t.Days = pt.Resolution, 0
	if kind == FirstResponse {
		t.Duration = pt.FirstResponse
	}
	t.Calendar = nil
	if pt.Clock == priority.OnServiceHours {
		t.Calendar = serviceHours
	}
	return t, true
}
