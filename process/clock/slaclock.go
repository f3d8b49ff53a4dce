package clock

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
)

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

// FromServiceTarget turns an SLA or OLA target of response or resolution time into a
// clock [Target] on the calendar its service hours name, with the
// conditions of rules (for example [IncidentRules]) (ISO/IEC
// 20000-1:2011, 6.1). calendars maps the names that targets use to compiled
// calendars; a target without a calendar name runs around the clock. A value
// in days counts whole days only around the clock: on service hours a day's
// length is the calendar's, so such targets are refused and must be stated
// in hours. It refuses other kinds of target, an unknown calendar, and a
// negative value.
func FromServiceTarget(t process.ServiceTarget, calendars map[string]*calendar.Calendar, rules Target) (Target, error) {
	fail := func(path string, err error) (Target, error) {
		return Target{}, fmt.Errorf("process: service target %q: %s: %w", t.Name, path, err)
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
// priority p as a clock [Target]: the rules (conditions, escalations,
// at-risk share) come from template, the name, kind, duration and calendar
// from the matrix (serviceHours for a service-hours priority, nil, around
// the clock, otherwise). It returns false if the matrix has no target for p.
func FromMatrix(m *process.PriorityMatrix, p process.Priority, kind Kind, serviceHours *calendar.Calendar, template Target) (Target, bool) {
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
	if pt.Clock == process.ClockServiceHours {
		t.Calendar = serviceHours
	}
	return t, true
}
