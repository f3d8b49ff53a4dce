package clock

import (
	"fmt"
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
// within the duration). It reports every field at fault in one
// *[process.ValidationError].
func (t Target) Validate() error {
	v := process.ValidationError{Package: "clock", Subject: "target " + t.Name}
	v.RequireText("name", t.Name)
	process.CheckEnum(&v, "kind", t.Kind)
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

// atRiskAt returns the business time used from which t is at risk.
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
// runs around the clock. A value in days counts whole days only around the
// clock: on service hours a day's length is the calendar's, so such targets
// are refused and must be stated in hours. It refuses other kinds of target
// and units ([process.ErrInvalidValue]), an unknown calendar
// ([process.ErrNotFound]), a negative value, and a value past the limits
// on untrusted numbers ([process.ErrTooLarge]).
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
		cal = c
	}
	var unit time.Duration
	switch t.Unit {
	case process.UnitMinutes:
		unit = time.Minute
	case process.UnitHours:
		unit = time.Hour
	case process.UnitDays:
		if cal != nil && cal.WeeklyHours() != 7*24*time.Hour {
			return fail("unit", fmt.Errorf("days on service hours are ambiguous, state the target in hours: %w", process.ErrInvalidValue))
		}
		unit = 24 * time.Hour
	default:
		return fail("unit", fmt.Errorf("%q is not a unit of time: %w", t.Unit, process.ErrInvalidValue))
	}
	ns := t.Value.Mul(decimal.NewFromInt(int64(unit))).Round(0)
	if ns.GreaterThan(decimal.NewFromInt(int64(1 << 62))) {
		return fail("value", fmt.Errorf("too large: %w", process.ErrInvalidValue))
	}
	out := rules
	out.Name, out.Kind, out.Duration, out.Calendar = t.Name, kind, time.Duration(ns.IntPart()), cal
	return out, nil
}

// FromMatrix returns the target of kind first-response or resolution for
// priority p in the [priority.Matrix] m as a clock [Target] (ISO/IEC
// 20000-1:2011, 6.1, 8.1): the rules (conditions, escalations, at-risk
// share) come from template, the name, kind, duration and calendar from the
// matrix (serviceHours for a priority on service hours,
// [priority.OnServiceHours], nil, around the clock, otherwise). It
// returns false if the matrix has no target for p or kind is neither.
func FromMatrix(m *priority.Matrix, p process.Priority, kind Kind, serviceHours *calendar.Calendar, template Target) (Target, bool) {
	pt, ok := m.Target(p)
	if !ok || (kind != FirstResponse && kind != Resolution) {
		return Target{}, false
	}
	t := template
	t.Kind = kind
	t.Name = fmt.Sprintf("%s %s %s", p, pt.Name, kind)
	t.Duration = pt.Resolution
	if kind == FirstResponse {
		t.Duration = pt.FirstResponse
	}
	t.Calendar = nil
	if pt.Clock == priority.OnServiceHours {
		t.Calendar = serviceHours
	}
	return t, true
}
