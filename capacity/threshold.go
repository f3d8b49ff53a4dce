package capacity

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
)

// Severity is how serious a threshold crossing is (ISO/IEC 20000-1:2011,
// 6.5: thresholds of the capacity plan). The zero Severity is unset.
type Severity string

// The severities of a threshold.
const (
	// SeverityWarning: utilisation is high enough to watch and plan for.
	SeverityWarning Severity = "warning"
	// SeverityCritical: utilisation threatens the agreed service; a host
	// raises an incident.
	SeverityCritical Severity = "critical"
)

// Valid reports whether s is one of the severities above.
func (s Severity) Valid() bool { return s == SeverityWarning || s == SeverityCritical }

// String returns the severity's code.
func (s Severity) String() string { return string(s) }

// MarshalText encodes the severity: its code, or nothing when unset; an
// unknown value is refused.
func (s Severity) MarshalText() ([]byte, error) { return process.MarshalEnum(s) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves s unchanged.
func (s *Severity) UnmarshalText(b []byte) error { return process.UnmarshalEnum(s, b) }

// TimeBand is a band of the day, recurring on some days of the week, when a
// threshold has other limits: a nightly batch may run hotter than office
// hours (ISO/IEC 20000-1:2011, 6.5: thresholds of the capacity plan). From
// and To are minutes after midnight in the threshold's zone, From included
// and To excluded; a band with To before From runs over midnight. Days
// empty means every day. A TimeBand recurs; a span from one instant to
// another is a process.Window.
type TimeBand struct {
	From     int            `json:"from"`
	To       int            `json:"to"`
	Days     []time.Weekday `json:"days,omitempty"`
	Warning  float64        `json:"warning"`
	Critical float64        `json:"critical"`
}

// contains reports whether local time t falls in b.
func (b TimeBand) contains(t time.Time) bool {
	if len(b.Days) > 0 && !slices.Contains(b.Days, t.Weekday()) {
		return false
	}
	m := t.Hour()*60 + t.Minute()
	if b.From <= b.To {
		return m >= b.From && m < b.To
	}
	return m >= b.From || m < b.To
}

// Threshold is the warning and critical limits of a metric of a resource,
// static or by time of day (ISO/IEC 20000-1:2011, 6.5: the thresholds of
// the capacity plan). A crossing of a threshold is an event a host raises
// as an incident, linked from the threshold with process.LinkRaised (Annex
// A, CAP → ISR). Limits are ceilings: a value at or above a limit crosses
// it. Its kind is process.KindCapacityThreshold.
type Threshold struct {
	process.Header
	Resource process.ID `json:"resource"`
	Metric   string     `json:"metric"`
	// Warning and Critical are the limits that hold outside any band;
	// Warning ≤ Critical.
	Warning  float64 `json:"warning"`
	Critical float64 `json:"critical"`
	// Zone is the IANA time zone that bands are read in; "" means UTC.
	Zone string `json:"zone,omitempty"`
	// Bands are the bands of the day with other limits; the first that
	// contains a time applies. (Their JSON name is "windows".)
	Bands []TimeBand `json:"windows,omitempty"`
}

// NewThreshold returns a static threshold on a metric of a resource.
// ISO/IEC 20000-1:2011, 6.5.
func NewThreshold(title string, resource process.ID, metric string, warning, critical float64, by process.Actor, at time.Time) *Threshold {
	return &Threshold{
		Header:   process.NewHeader(process.KindCapacityThreshold, title, by, at),
		Resource: resource, Metric: metric, Warning: warning, Critical: critical,
	}
}

// Validate reports every field at fault: the header, resource and metric,
// limits that are not finite or with warning above critical, bands with
// minutes outside [0, 1440] or unknown days (at "windows[i]"), and an
// unknown zone.
func (t *Threshold) Validate() error {
	v := process.ValidationError{Subject: t.Subject()}
	process.ValidateHeader(&t.Header, process.KindCapacityThreshold, &v)
	v.Require("resource", !t.Resource.IsZero())
	v.RequireText("metric", t.Metric)
	checkLimits(&v, "", t.Warning, t.Critical)
	if _, err := time.LoadLocation(t.Zone); err != nil {
		v.Addf("zone", process.ErrInvalidValue, "%q", t.Zone)
	}
	for i, w := range t.Bands {
		p := fmt.Sprintf("windows[%d].", i)
		if w.From < 0 || w.From >= 1440 {
			v.Addf(p+"from", process.ErrInvalidValue, "minute %d outside [0, 1440)", w.From)
		}
		if w.To < 0 || w.To > 1440 || w.To == w.From {
			v.Addf(p+"to", process.ErrInvalidValue, "minute %d outside [0, 1440] or equal to from", w.To)
		}
		for j, d := range w.Days {
			if d < time.Sunday || d > time.Saturday {
				v.Addf(fmt.Sprintf("%sdays[%d]", p, j), process.ErrInvalidValue, "%d", d)
			}
		}
		checkLimits(&v, p, w.Warning, w.Critical)
	}
	return v.Err()
}

func checkLimits(v *process.ValidationError, prefix string, warning, critical float64) {
	ok := true
	for _, f := range []struct {
		name string
		x    float64
	}{{"warning", warning}, {"critical", critical}} {
		if math.IsNaN(f.x) || math.IsInf(f.x, 0) {
			v.Add(prefix+f.name, ErrNotFinite)
			ok = false
		}
	}
	if ok && warning > critical {
		v.Addf(prefix+"warning", process.ErrInvalidValue, "%g above critical %g", warning, critical)
	}
}

// limits returns a function giving the warning and critical limits at a
// time, with the zone loaded once.
func (t *Threshold) limits() (func(time.Time) (warning, critical float64), error) {
	loc, err := time.LoadLocation(t.Zone)
	if err != nil {
		return nil, fmt.Errorf("capacity: %s: zone %q: %w", t.Subject(), t.Zone, process.ErrInvalidValue)
	}
	if len(t.Bands) == 0 {
		return func(time.Time) (float64, float64) { return t.Warning, t.Critical }, nil
	}
	return func(at time.Time) (float64, float64) {
		lt := at.In(loc)
		for _, b := range t.Bands {
			if b.contains(lt) {
				return b.Warning, b.Critical
			}
		}
		return t.Warning, t.Critical
	}, nil
}

// Limits returns the warning and critical limits that hold at time at.
// An unknown zone reads bands in UTC (Validate reports the zone).
// ISO/IEC 20000-1:2011, 6.5.
func (t *Threshold) Limits(at time.Time) (warning, critical float64) {
	f, err := t.limits()
	if err != nil {
		u := *t
		u.Zone = ""
		f, _ = u.limits()
	}
	return f(at)
}

// Limit returns the limit of severity s that holds at time at
// (ISO/IEC 20000-1:2011, 6.5).
func (t *Threshold) Limit(s Severity, at time.Time) float64 {
	w, c := t.Limits(at)
	if s == SeverityCritical {
		return c
	}
	return w
}
