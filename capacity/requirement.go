package capacity

import (
	"fmt"
	"math"
	"time"

	"github.com/smskit/iso20000/process"
)

// Bound says which side of its target a requirement's metric must stay
// (ISO/IEC 20000-1:2011, 6.5). The zero Bound is unset.
type Bound string

// The bounds of a requirement.
const (
	BoundAtMost  Bound = "at-most"  // the metric stays at or below the target (response time, utilisation)
	BoundAtLeast Bound = "at-least" // the metric stays at or above the target (throughput, concurrent users)
)

// Valid reports whether b is one of the bounds above.
func (b Bound) Valid() bool { return b == BoundAtMost || b == BoundAtLeast }

// String returns the bound's code.
func (b Bound) String() string { return string(b) }

// MarshalText encodes the bound: its code, or nothing when unset; an
// unknown value is refused.
func (b Bound) MarshalText() ([]byte, error) { return process.MarshalEnum(b) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves b unchanged.
func (b *Bound) UnmarshalText(p []byte) error { return process.UnmarshalEnum(b, p) }

// Requirement is a capacity or performance requirement agreed with the
// customer for a service, taken from the performance and capacity targets
// of its SLA (ISO/IEC 20000-1:2011, 6.5; Annex A, SLM → CAP): a metric that
// must stay at most or at least a target, measured at a percentile over a
// period ("p95 response time at most 300 ms per month", "2,000 concurrent
// users at least"). Its kind is process.KindCapacityRequirement; it links to
// its service with process.LinkService.
type Requirement struct {
	process.Header
	Service process.ID `json:"service"`
	// SLA is the agreement the requirement comes from; optional for a
	// requirement agreed before its SLA.
	SLA    process.ID `json:"sla,omitzero"`
	Metric string     `json:"metric"`
	Unit   string     `json:"unit"`
	Bound  Bound      `json:"bound"`
	Target float64    `json:"target"`
	// Percentile is the percentile of the period's measurements held to the
	// target (95 for p95); 0 means every measurement.
	Percentile float64 `json:"percentile,omitempty"`
	// Resources are the capacity resources that deliver the requirement.
	Resources []process.ID `json:"resources,omitempty"`
}

// NewRequirement returns a new requirement for a service.
// ISO/IEC 20000-1:2011, 6.5.
func NewRequirement(title string, service process.ID, metric, unit string, bound Bound, target float64, by process.Actor, at time.Time) *Requirement {
	return &Requirement{
		Header:  process.NewHeader(process.KindCapacityRequirement, title, by, at),
		Service: service, Metric: metric, Unit: unit, Bound: bound, Target: target,
	}
}

// Validate reports every field at fault: the header, a missing service,
// metric or unit, an unknown bound, a target not finite, a percentile
// outside [0, 100] and a zero resource ID.
func (q *Requirement) Validate() error {
	v := process.ValidationError{Subject: q.Subject()}
	process.ValidateHeader(&q.Header, process.KindCapacityRequirement, &v)
	v.Require("service", !q.Service.IsZero())
	v.RequireText("metric", q.Metric)
	v.RequireText("unit", q.Unit)
	process.CheckEnum(&v, "bound", q.Bound)
	if math.IsNaN(q.Target) || math.IsInf(q.Target, 0) {
		v.Add("target", ErrNotFinite)
	}
	if !(q.Percentile >= 0 && q.Percentile <= 100) {
		v.Addf("percentile", process.ErrInvalidValue, "%g outside [0, 100]", q.Percentile)
	}
	for i, r := range q.Resources {
		v.Require(fmt.Sprintf("resources[%d]", i), !r.IsZero())
	}
	return v.Err()
}

// Met reports whether measurements meet the requirement: the percentile
// (or, with Percentile 0, the worst value) of values on the right side of
// the target. It also returns the value compared. No values meet nothing.
// ISO/IEC 20000-1:2011, 6.5.
func (q *Requirement) Met(values []float64) (bool, float64) {
	if len(values) == 0 {
		return false, 0
	}
	p := q.Percentile
	if p == 0 {
		p = 100
		if q.Bound == BoundAtLeast {
			p = 0
		}
	} else if q.Bound == BoundAtLeast {
		p = 100 - p
	}
	got := Percentile(values, p)
	if q.Bound == BoundAtLeast {
		return got >= q.Target, got
	}
	return got <= q.Target, got
}

// RequirementsFromSLA derives the capacity requirements an SLA agrees
// (ISO/IEC 20000-1:2011, 6.5; Annex A, SLM → CAP): each response-time
// target becomes an at-most requirement and each throughput target an
// at-least one, and each expected workload an at-least requirement on the
// volume the services must handle. A target for one service gives one
// requirement; a target or workload for the whole agreement gives one per
// service of the agreement. Each requirement links to its service with
// process.LinkService. Other targets (availability, resolution time,
// reliability, satisfaction) are not capacity targets; their effect is a
// consideration of the plan. Order follows the SLA's targets, then its
// workload, then its services.
func RequirementsFromSLA(sla *process.SLA, by process.Actor, at time.Time) ([]*Requirement, error) {
	var out []*Requirement
	add := func(name string, services []process.ID, metric, unit string, bound Bound, target float64) error {
		for _, svc := range services {
			q := NewRequirement(sla.Title+": "+name, svc, metric, unit, bound, target, by, at)
			q.SLA = sla.ID
			if err := q.Link(by, at, process.LinkService, svc, process.KindService); err != nil {
				return fmt.Errorf("capacity: requirements from %s: %w", sla.Subject(), err)
			}
			out = append(out, q)
		}
		return nil
	}
	for _, t := range sla.Targets {
		var bound Bound
		switch t.Kind {
		case process.TargetResponse:
			bound = BoundAtMost
		case process.TargetThroughput:
			bound = BoundAtLeast
		default:
			continue
		}
		services := sla.Services
		if !t.Service.IsZero() {
			services = []process.ID{t.Service}
		}
		if err := add(t.Name, services, string(t.Kind), string(t.Unit), bound, t.Value.InexactFloat64()); err != nil {
			return nil, err
		}
	}
	for _, w := range sla.Workload {
		if err := add("workload "+w.Measure, sla.Services, w.Measure, w.Measure+"/"+w.Per, BoundAtLeast, w.Volume.InexactFloat64()); err != nil {
			return nil, err
		}
	}
	return out, nil
}
