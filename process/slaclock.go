package process

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// IncidentClockRules returns the conditions under which the clock of an
// incident's target of kind k runs, as a template for [ServiceTarget.Clock]
// and [PriorityMatrix.Clock] (ISO/IEC 20000-1:2011, 6.1, 8.1):
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
func IncidentClockRules(k ClockKind) Target {
	cancel := Condition{States: []string{string(IncidentCancelled)}}
	if k == ClockFirstResponse {
		return Target{Kind: k, Cancel: cancel, Stop: Condition{States: []string{
			string(IncidentAssigned), string(IncidentInProgress), string(IncidentPending),
			string(IncidentResolved), string(IncidentClosed),
		}}}
	}
	return Target{
		Kind:   k,
		Pause:  Condition{States: []string{string(IncidentPending)}, Reasons: []string{string(PendingCustomer), string(PendingSchedule)}},
		Stop:   Condition{States: []string{string(IncidentResolved), string(IncidentClosed)}},
		Cancel: cancel,
	}
}

// Clock turns an SLA or OLA target of response or resolution time into a
// clock [Target] on the calendar its service hours name, with the
// conditions of rules (for example [IncidentClockRules]) (ISO/IEC
// 20000-1:2011, 6.1). calendars maps the names that targets use to compiled
// calendars; a target without a calendar name runs around the clock. A value
// in days counts whole days only around the clock: on service hours a day's
// length is the calendar's, so such targets are refused and must be stated
// in hours. It refuses other kinds of target, an unknown calendar, and a
// negative value.
func (t ServiceTarget) Clock(calendars map[string]*Calendar, rules Target) (Target, error) {
	fail := func(path string, err error) (Target, error) {
		return Target{}, fmt.Errorf("process: service target %q: %s: %w", t.Name, path, err)
	}
	var kind ClockKind
	switch t.Kind {
	case TargetResponse:
		kind = ClockFirstResponse
	case TargetResolution:
		kind = ClockResolution
	default:
		return fail("kind", fmt.Errorf("%s targets have no clock: %w", t.Kind, ErrInvalidValue))
	}
	if t.Value.IsNegative() {
		return fail("value", ErrInvalidValue)
	}
	var cal *Calendar
	if t.Calendar != "" {
		c, ok := calendars[t.Calendar]
		if !ok {
			return fail("calendar", fmt.Errorf("unknown calendar %q: %w", t.Calendar, ErrNotFound))
		}
		cal = c
	}
	var unit time.Duration
	switch t.Unit {
	case UnitMinutes:
		unit = time.Minute
	case UnitHours:
		unit = time.Hour
	case UnitDays:
		if cal != nil && cal.WeeklyHours() != 7*24*time.Hour {
			return fail("unit", fmt.Errorf("days on service hours are ambiguous, state the target in hours: %w", ErrInvalidValue))
		}
		unit = 24 * time.Hour
	default:
		return fail("unit", fmt.Errorf("%q is not a unit of time: %w", t.Unit, ErrInvalidValue))
	}
	ns := t.Value.Mul(decimal.NewFromInt(int64(unit))).Round(0)
	if ns.GreaterThan(decimal.NewFromInt(int64(1 << 62))) {
		return fail("value", fmt.Errorf("too large: %w", ErrInvalidValue))
	}
	out := rules
	out.Name, out.Kind, out.Duration, out.Calendar = t.Name, kind, time.Duration(ns.IntPart()), cal
	return out, nil
}
