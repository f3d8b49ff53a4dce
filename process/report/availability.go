package report

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
)

// PercentPlaces is the number of decimal places to which availability
// percentages and shares of targets met are rounded (half away from zero)
// (ISO/IEC 20000-1:2011, 6.2, 6.3.2).
const PercentPlaces = 3

// AvailabilityInput is what [Availability] measures a service's
// availability from: the agreement with its availability target, the
// service and period, and the records of the period (ISO/IEC
// 20000-1:2011, 6.3.2).
type AvailabilityInput struct {
	Agreement *process.SLA
	Service   process.ID
	Period    process.Window
	// Incidents and Changes are the records to read outages and planned
	// downtime from; records of other services are skipped.
	Incidents []*process.Incident
	Changes   []*process.RequestForChange
	// Calendars maps the calendar names targets use to calendars.
	Calendars map[string]*calendar.Calendar
	// CountPlanned counts planned downtime against availability; when
	// false it is taken out of the agreed service time instead. The SLA has
	// no field that says which (its exceptions are free text), so the host
	// passes what the agreement says.
	CountPlanned bool
	// Outage reports whether an incident marks an outage of its service.
	// An incident has no outage flag, so nil takes a major incident, or one
	// of priority 1, as an outage.
	Outage func(*process.Incident) bool
}

// Outage is one span of non-availability of a service within a period:
// an incident that marks an outage (unplanned) or the implementation
// window of a change to the service (planned) (ISO/IEC 20000-1:2011,
// 6.3.2, 9.2).
type Outage struct {
	// Record is the incident or request for change.
	Record  process.ID         `json:"record"`
	Kind    process.RecordKind `json:"kind"`
	Title   string             `json:"title"`
	Planned bool               `json:"planned"`
	// Start and End bound the outage within the period; an outage still
	// open at the end of the period ends there (Open says so).
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Open  bool      `json:"open,omitempty"`
	// Downtime is the outage's length on the service hours; outages that
	// overlap each count theirs here and once in the totals.
	Downtime time.Duration `json:"downtime"`
}

// ServiceAvailability is a service's availability over a period on the
// service hours of its agreement, against the agreement's target, with
// the mean time between failures and to restore service and every outage
// (ISO/IEC 20000-1:2011, 6.3.2: availability is monitored and compared
// with its targets, and unplanned non-availability investigated).
//
// All durations are business time on the availability target's calendar.
// ServiceHours is the service time of the period; PlannedDowntime and
// UnplannedDowntime are the service time covered by planned and by
// unplanned outages (an instant in both counts as planned); Agreed is
// ServiceHours, less PlannedDowntime unless it is counted; Downtime is
// what counts against availability. Achieved is the percentage of Agreed
// the service was available, rounded to [PercentPlaces]; 100 when Agreed
// is zero. Failures counts the separate spans of unplanned downtime
// (overlapping outages are one failure); MTBF is the service time the
// service was up (ServiceHours less both downtimes) per failure, MTRS the
// unplanned downtime per failure, both zero without failures.
type ServiceAvailability struct {
	Service           process.ID      `json:"service"`
	Agreement         process.ID      `json:"agreement"`
	Target            string          `json:"target"`
	Period            process.Window  `json:"period"`
	CountPlanned      bool            `json:"countPlanned"`
	ServiceHours      time.Duration   `json:"serviceHours"`
	PlannedDowntime   time.Duration   `json:"plannedDowntime"`
	UnplannedDowntime time.Duration   `json:"unplannedDowntime"`
	Agreed            time.Duration   `json:"agreed"`
	Downtime          time.Duration   `json:"downtime"`
	Goal              decimal.Decimal `json:"goal"`
	Achieved          decimal.Decimal `json:"achieved"`
	Met               bool            `json:"met"`
	Failures          int             `json:"failures"`
	MTBF              time.Duration   `json:"mtbf"`
	MTRS              time.Duration   `json:"mtrs"`
	// Outages lists every outage in the period, by start, then record ID.
	Outages []Outage `json:"outages"`
}

// Investigate returns the unplanned outages of the period, the
// non-availability to investigate (ISO/IEC 20000-1:2011, 6.3.2).
func (a ServiceAvailability) Investigate() []Outage {
	var out []Outage
	for _, o := range a.Outages {
		if !o.Planned {
			out = append(out, o)
		}
	}
	return out
}

// Measurement returns the availability measurement record of a titled
// title, with its outages, made by by at at (ISO/IEC 20000-1:2011, 6.3.2). The host adds
// the causes and investigations of the outages before the record
// validates.
func (a ServiceAvailability) Measurement(by process.Actor, at time.Time, title string) *process.AvailabilityMeasurement {
	m := process.NewAvailabilityMeasurement(title, a.Service, a.Period.Start, a.Period.End, a.Goal, a.Achieved, by, at)
	for _, o := range a.Outages {
		m.Outages = append(m.Outages, process.AvailabilityOutage{Start: o.Start, End: o.End, Planned: o.Planned})
	}
	return m
}

// isOutage is the default rule for an incident marking an outage.
func isOutage(i *process.Incident) bool { return i.Major || i.Priority == 1 }

// availabilityTarget returns the availability target of the agreement for
// service: one naming the service before one naming none.
func availabilityTarget(sla *process.SLA, service process.ID) (process.ServiceTarget, bool) {
	return pickTarget(sla.Targets, process.TargetAvailability, service, 0)
}

// Availability measures the availability of a service over a period
// from its outages and planned downtime, on the service hours of the
// agreement's availability target, against that target (ISO/IEC
// 20000-1:2011, 6.3.2). An incident of the service marks an outage when
// in.Outage says so, from its creation until it was resolved (the end of
// the period if it is not); a change implemented on the service (one with
// an implementer) is planned downtime over its implementation window.
// Cancelled incidents are skipped.
//
// It returns an error wrapping [process.ErrRequired] for a missing
// agreement, service or period, [process.ErrInvalidValue] for a period
// that ends before it starts, [process.ErrPrecondition] for a service the
// agreement does not cover, and [process.ErrNotFound] for an agreement
// without an availability target for the service or a calendar not in
// in.Calendars.
func Availability(in AvailabilityInput) (ServiceAvailability, error) {
	fail := func(err error) (ServiceAvailability, error) {
		return ServiceAvailability{}, fmt.Errorf("report: availability of %s: %w", in.Service.Short(), err)
	}
	switch {
	case in.Agreement == nil:
		return fail(fmt.Errorf("agreement: %w", process.ErrRequired))
	case in.Service.IsZero():
		return fail(fmt.Errorf("service: %w", process.ErrRequired))
	case in.Period.Start.IsZero() || in.Period.End.IsZero():
		return fail(fmt.Errorf("period: %w", process.ErrRequired))
	case in.Period.End.Before(in.Period.Start):
		return fail(fmt.Errorf("period ends before it starts: %w", process.ErrInvalidValue))
	case !slices.Contains(in.Agreement.Services, in.Service):
		return fail(fmt.Errorf("not covered by %s: %w", in.Agreement.Subject(), process.ErrPrecondition))
	}
	t, ok := availabilityTarget(in.Agreement, in.Service)
	if !ok {
		return fail(fmt.Errorf("%s has no availability target: %w", in.Agreement.Subject(), process.ErrNotFound))
	}
	var cal *calendar.Calendar
	if t.Calendar != "" {
		if cal, ok = in.Calendars[t.Calendar]; !ok {
			return fail(fmt.Errorf("calendar %q: %w", t.Calendar, process.ErrNotFound))
		}
	}
	outage := in.Outage
	if outage == nil {
		outage = isOutage
	}
	a := ServiceAvailability{Service: in.Service, Agreement: in.Agreement.ID, Target: t.Name, Period: in.Period,
		CountPlanned: in.CountPlanned, Goal: t.Value, ServiceHours: cal.BusinessTime(in.Period.Start, in.Period.End)}
	p := in.Period
	add := func(id process.ID, k process.RecordKind, title string, planned bool, w process.Window, open bool) {
		if !w.Overlaps(p) {
			return
		}
		if w.Start.Before(p.Start) {
			w.Start = p.Start
		}
		if w.End.After(p.End) {
			w.End, open = p.End, true
		}
		a.Outages = append(a.Outages, Outage{Record: id, Kind: k, Title: title, Planned: planned,
			Start: w.Start, End: w.End, Open: open, Downtime: cal.BusinessTime(w.Start, w.End)})
	}
	for _, i := range in.Incidents {
		if i == nil || i.Service != in.Service || i.State() == process.IncidentCancelled || !outage(i) {
			continue
		}
		end, open := p.End, true
		if st := i.State(); (st == process.IncidentResolved || st == process.IncidentClosed) && !i.Resolved.IsZero() {
			end, open = i.Resolved, false
		}
		add(i.ID, i.Kind, i.Title, false, process.Window{Start: i.Created, End: end}, open)
	}
	for _, c := range in.Changes {
		if c == nil || c.Implementer == "" || c.Window.IsZero() || !slices.Contains(c.Services, in.Service) {
			continue
		}
		add(c.ID, c.Kind, c.Title, true, c.Window, false)
	}
	slices.SortFunc(a.Outages, func(x, y Outage) int {
		return cmp.Or(x.Start.Compare(y.Start), x.Record.Compare(y.Record))
	})
	planned := merge(a.Outages, func(o Outage) bool { return o.Planned })
	all := merge(a.Outages, func(Outage) bool { return true })
	a.PlannedDowntime = busy(cal, planned)
	a.UnplannedDowntime = busy(cal, all) - a.PlannedDowntime
	a.Failures = len(merge(a.Outages, func(o Outage) bool { return !o.Planned }))
	a.Agreed, a.Downtime = a.ServiceHours-a.PlannedDowntime, a.UnplannedDowntime
	if in.CountPlanned {
		a.Agreed, a.Downtime = a.ServiceHours, a.UnplannedDowntime+a.PlannedDowntime
	}
	a.Achieved = percent(a.Agreed-a.Downtime, a.Agreed)
	a.Met = t.Met(a.Achieved)
	if a.Failures > 0 {
		n := time.Duration(a.Failures)
		a.MTBF = (a.ServiceHours - a.PlannedDowntime - a.UnplannedDowntime) / n
		a.MTRS = a.UnplannedDowntime / n
	}
	return a, nil
}

// percent returns part of whole as a percentage rounded to
// [PercentPlaces], or 100 when whole is zero or less.
func percent(part, whole time.Duration) decimal.Decimal {
	if whole <= 0 {
		return decimal.NewFromInt(100)
	}
	return decimal.NewFromInt(int64(part)).Mul(decimal.NewFromInt(100)).DivRound(decimal.NewFromInt(int64(whole)), PercentPlaces)
}

// merge returns the spans of the outages (sorted by start) that keep
// selects, with overlapping or touching spans joined.
func merge(os []Outage, keep func(Outage) bool) []process.Window {
	var out []process.Window
	for _, o := range os {
		if !keep(o) {
			continue
		}
		if n := len(out); n > 0 && !o.Start.After(out[n-1].End) {
			if o.End.After(out[n-1].End) {
				out[n-1].End = o.End
			}
			continue
		}
		out = append(out, process.Window{Start: o.Start, End: o.End})
	}
	return out
}

// busy returns the service time the spans cover on cal.
func busy(cal *calendar.Calendar, spans []process.Window) time.Duration {
	var d time.Duration
	for _, w := range spans {
		d += cal.BusinessTime(w.Start, w.End)
	}
	return d
}
