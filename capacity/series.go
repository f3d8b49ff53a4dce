package capacity

import (
	"fmt"
	"math"
	"time"

	"github.com/smskit/iso20000/process"
)

// Point is one measurement of a utilisation series: when it was taken and
// the value measured, in the series' unit (ISO/IEC 20000-1:2011, 6.5).
type Point struct {
	At    time.Time `json:"at"`
	Value float64   `json:"value"`
}

// Series is a utilisation series: the measurements of one metric of one
// resource over time, as monitoring delivers them, at irregular times and
// with gaps (ISO/IEC 20000-1:2011, 6.5: usage is monitored and capacity and
// performance data analysed). Points are kept in time order; [Regularise]
// turns them into equally spaced steps for analysis and forecasting.
// Its kind is process.KindUtilisationSeries. Not safe for concurrent
// mutation.
type Series struct {
	process.Header
	// Resource is the capacity resource measured.
	Resource process.ID `json:"resource"`
	// Metric names what is measured ("cpu-busy", "storage-used",
	// "tickets-per-hour") and Unit its unit ("%", "GiB", "tickets").
	Metric string `json:"metric"`
	Unit   string `json:"unit"`
	// Points are the measurements, strictly increasing in time.
	Points []Point `json:"points"`
}

// NewSeries returns a new, empty utilisation series of the resource.
// ISO/IEC 20000-1:2011, 6.5.
func NewSeries(title string, resource process.ID, metric, unit string, by process.Actor, at time.Time) *Series {
	return &Series{
		Header:   process.NewHeader(process.KindUtilisationSeries, title, by, at),
		Resource: resource,
		Metric:   metric,
		Unit:     unit,
	}
}

// Add appends measurements to the series, loaded by by at at, and records
// in the history how many points came and the span they cover
// (ISO/IEC 20000-1:2011, 6.5: usage is monitored). A host loads points in
// batches: each call is one history entry. It refuses, changing nothing, a
// missing actor or time ([process.ErrRequired]), a time before the last
// history entry, a value that is not finite ([ErrNotFinite]) and a point
// not after the one before it ([process.ErrInvalidValue]). No points
// change nothing.
func (s *Series) Add(by process.Actor, at time.Time, points ...Point) error {
	if err := s.CheckEvent(by, at); err != nil {
		return err
	}
	if len(points) == 0 {
		return nil
	}
	last := time.Time{}
	if n := len(s.Points); n > 0 {
		last = s.Points[n-1].At
	}
	for i, p := range points {
		if math.IsNaN(p.Value) || math.Abs(p.Value) > maxAbs {
			return fmt.Errorf("capacity: %s: point %d: value %g: %w", s.Subject(), i, p.Value, ErrNotFinite)
		}
		if p.At.IsZero() || (!last.IsZero() && !p.At.After(last)) {
			return fmt.Errorf("capacity: %s: point %d at %s is not after the point before: %w", s.Subject(), i, p.At.Format(time.RFC3339), process.ErrInvalidValue)
		}
		last = p.At
	}
	note := fmt.Sprintf("%d points from %s to %s", len(points),
		points[0].At.Format(time.RFC3339), points[len(points)-1].At.Format(time.RFC3339))
	if err := s.Note(by, at, note); err != nil {
		return fmt.Errorf("capacity: add points: %w", err)
	}
	s.Points = append(s.Points, points...)
	return nil
}

// Validate reports every field at fault: the header, the resource, metric
// and unit, and points that are not finite or not in strictly increasing
// time order.
func (s *Series) Validate() error {
	v := process.ValidationError{Subject: s.Subject()}
	process.ValidateHeader(&s.Header, process.KindUtilisationSeries, &v)
	v.Require("resource", !s.Resource.IsZero())
	v.RequireText("metric", s.Metric)
	v.RequireText("unit", s.Unit)
	for i, p := range s.Points {
		path := fmt.Sprintf("points[%d]", i)
		if math.IsNaN(p.Value) || math.Abs(p.Value) > maxAbs {
			v.Add(path+".value", ErrNotFinite)
		}
		switch {
		case p.At.IsZero():
			v.Add(path+".at", process.ErrRequired)
		case i > 0 && !p.At.After(s.Points[i-1].At):
			v.Addf(path+".at", process.ErrInvalidValue, "not after the point before")
		}
	}
	return v.Err()
}

// GapPolicy says how [Regularise] fills a step with no measurement
// (ISO/IEC 20000-1:2011, 6.5: capacity data analysed). The zero GapPolicy
// is invalid.
type GapPolicy string

// The gap policies.
const (
	// GapLinear fills a gap on the straight line between the steps either
	// side of it. (A regular series starts and ends with a measured step,
	// so every gap has both sides.)
	GapLinear GapPolicy = "linear"
	// GapPrevious repeats the last measured step across the gap (for
	// counters and levels that hold until they change).
	GapPrevious GapPolicy = "previous"
	// GapRefuse refuses any gap with [ErrGap].
	GapRefuse GapPolicy = "refuse"
)

// Valid reports whether g is one of the policies above.
func (g GapPolicy) Valid() bool {
	switch g {
	case GapLinear, GapPrevious, GapRefuse:
		return true
	}
	return false
}

// String returns the policy's code.
func (g GapPolicy) String() string { return string(g) }

// MarshalText encodes the policy: its code, or nothing when unset; an
// unknown value is refused.
func (g GapPolicy) MarshalText() ([]byte, error) { return process.MarshalEnum(g) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves g unchanged.
func (g *GapPolicy) UnmarshalText(b []byte) error { return process.UnmarshalEnum(g, b) }

// Regular is a series on equally spaced steps: Values[i] is the mean of the
// measurements in [Start + i·Step, Start + (i+1)·Step), or a filled gap.
// [Regularise] makes at most 50,000,000 steps, ending within the longest
// time.Duration (about 292 years) of Start, so that At and End hold for
// every step. ISO/IEC 20000-1:2011, 6.5.
type Regular struct {
	Start time.Time     `json:"start"`
	Step  time.Duration `json:"step"`
	// Values holds one value per step.
	Values []float64 `json:"values"`
	// Filled counts the steps that had no measurement and were filled under
	// the gap policy.
	Filled int `json:"filled"`
}

// At returns the start time of step i.
func (r Regular) At(i int) time.Time { return r.Start.Add(time.Duration(i) * r.Step) }

// End returns the end of the last step.
func (r Regular) End() time.Time { return r.At(len(r.Values)) }

// maxSteps bounds the steps Regularise will make, so that a tiny step over
// a long span is refused rather than exhausting memory.
const maxSteps = 50_000_000

// stepsOver returns how many steps of length step, from start, it takes to
// reach last and cover it: the number of values of a regular series from
// start to last. It refuses, wrapping process.ErrInvalidValue and never
// cutting the span short, a span that time.Duration cannot hold (about 292
// years: time.Time.Sub saturates there), more than maxSteps steps, and
// steps whose end lies past that span, so that [Regular.At] and
// [Regular.End] hold for every step.
func stepsOver(start, last time.Time, step time.Duration) (int, error) {
	span := last.Sub(start)
	if span < 0 || !start.Add(span).Equal(last) {
		return 0, fmt.Errorf("span from %s to %s is longer than %s, the longest time.Duration: %w",
			start.Format(time.RFC3339), last.Format(time.RFC3339), time.Duration(math.MaxInt64), process.ErrInvalidValue)
	}
	n := int64(span / step) // whole steps before the one holding last
	if n >= maxSteps {
		return 0, fmt.Errorf("more than %d steps of %s: %w", maxSteps, step, process.ErrInvalidValue)
	}
	if n+1 > math.MaxInt64/int64(step) {
		return 0, fmt.Errorf("%d steps of %s end past %s, the longest time.Duration: %w", n+1, step, time.Duration(math.MaxInt64), process.ErrInvalidValue)
	}
	return int(n) + 1, nil
}

// Regularise puts points, in strictly increasing time order, on steps of
// the given length: the first step starts at the first point's time
// truncated to step (so hourly steps start on the hour), each step's value
// is the mean of the points that fall in it (irregular sampling), and a
// step with none is a gap, filled under policy. maxGap bounds the length of
// a gap in steps (0: no bound).
//
// It refuses: no points ([ErrNoData]); a step not positive, an unknown
// policy, points out of order ([process.ErrInvalidValue]); more than
// 50,000,000 steps, or a span, from the first step's start to the last
// step's end, longer than the longest time.Duration (about 292 years)
// ([process.ErrInvalidValue]: a long span is refused, never cut short); a
// value not finite ([ErrNotFinite]); a gap longer than maxGap, or any gap
// under [GapRefuse] ([ErrGap], naming where the gap starts).
// ISO/IEC 20000-1:2011, 6.5.
func Regularise(points []Point, step time.Duration, policy GapPolicy, maxGap int) (Regular, error) {
	if len(points) == 0 {
		return Regular{}, fmt.Errorf("capacity: regularise: %w", ErrNoData)
	}
	if step <= 0 {
		return Regular{}, fmt.Errorf("capacity: regularise: step %s: %w", step, process.ErrInvalidValue)
	}
	if !policy.Valid() {
		return Regular{}, fmt.Errorf("capacity: regularise: gap policy %q: %w", string(policy), process.ErrInvalidValue)
	}
	for i, p := range points {
		if math.IsNaN(p.Value) || math.Abs(p.Value) > maxAbs {
			return Regular{}, fmt.Errorf("capacity: regularise: point %d: value %g: %w", i, p.Value, ErrNotFinite)
		}
		if i > 0 && !p.At.After(points[i-1].At) {
			return Regular{}, fmt.Errorf("capacity: regularise: point %d is not after the point before: %w", i, process.ErrInvalidValue)
		}
	}
	start, last := points[0].At.Truncate(step), points[len(points)-1].At
	steps, err := stepsOver(start, last, step)
	if err != nil {
		return Regular{}, fmt.Errorf("capacity: regularise: %w", err)
	}
	r := Regular{Start: start, Step: step, Values: make([]float64, steps)}
	count := make([]int32, steps)
	for _, p := range points {
		i := int(p.At.Sub(start) / step)
		r.Values[i] += p.Value
		count[i]++
	}
	for i := range r.Values {
		if count[i] > 0 {
			r.Values[i] /= float64(count[i])
		}
	}
	// Fill the gaps. The first and last steps always have points.
	for i := 0; i < len(r.Values); {
		if count[i] > 0 {
			i++
			continue
		}
		j := i
		for count[j] == 0 {
			j++
		}
		gap := j - i
		if policy == GapRefuse || (maxGap > 0 && gap > maxGap) {
			return Regular{}, fmt.Errorf("capacity: regularise: %d steps without a measurement from %s: %w", gap, r.At(i).Format(time.RFC3339), ErrGap)
		}
		before, after := r.Values[i-1], r.Values[j]
		for k := i; k < j; k++ {
			if policy == GapPrevious {
				r.Values[k] = before
			} else {
				r.Values[k] = before + (after-before)*float64(k-i+1)/float64(gap+1)
			}
		}
		r.Filled += gap
		i = j
	}
	return r, nil
}
