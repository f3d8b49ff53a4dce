package capacity

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
)

// Percentile returns the p-th percentile (0 ≤ p ≤ 100) of values, by linear
// interpolation between closest ranks (the default of R's quantile, type 7).
// It returns 0 for no values; p outside [0, 100] is clamped.
// ISO/IEC 20000-1:2011, 6.5.
func Percentile(values []float64, p float64) float64 {
	if len(values) == 0 {
		return 0
	}
	s := slices.Clone(values)
	slices.Sort(s)
	return percentileSorted(s, p)
}

func percentileSorted(s []float64, p float64) float64 {
	if math.IsNaN(p) {
		p = 50
	}
	p = min(max(p, 0), 100)
	x := p / 100 * float64(len(s)-1)
	i := int(x)
	if i >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[i] + (x-float64(i))*(s[i+1]-s[i])
}

// Stats summarises utilisation over a period: the figures a capacity
// report gives for current demand (ISO/IEC 20000-1:2011, 6.5).
type Stats struct {
	N    int     `json:"n"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P95  float64 `json:"p95"`
	P99  float64 `json:"p99"`
	// PeakAt is the start of the first step with the maximum.
	PeakAt time.Time `json:"peakAt"`
}

// Summarise returns the statistics of a regular series; the zero Stats for
// an empty one (ISO/IEC 20000-1:2011, 6.5).
func Summarise(r Regular) Stats {
	if len(r.Values) == 0 {
		return Stats{}
	}
	st := Stats{N: len(r.Values), Min: r.Values[0], Max: r.Values[0], PeakAt: r.Start}
	var sum float64
	for i, v := range r.Values {
		sum += v
		st.Min = min(st.Min, v)
		if v > st.Max {
			st.Max, st.PeakAt = v, r.At(i)
		}
	}
	st.Mean = finite(sum / float64(len(r.Values)))
	s := slices.Clone(r.Values)
	slices.Sort(s)
	st.P50 = percentileSorted(s, 50)
	st.P90 = percentileSorted(s, 90)
	st.P95 = percentileSorted(s, 95)
	st.P99 = percentileSorted(s, 99)
	return st
}

// Peaks returns up to k peaks of r (every peak when k < 0): steps higher
// than the steps either side (a plateau counts once, at its first step),
// highest first, earlier first among equals (ISO/IEC 20000-1:2011, 6.5).
func Peaks(r Regular, k int) []Point {
	var ps []Point
	v := r.Values
	for i := 0; i < len(v); i++ {
		j := i
		for j+1 < len(v) && v[j+1] == v[i] {
			j++
		}
		if (i == 0 || v[i-1] < v[i]) && (j == len(v)-1 || v[j+1] < v[i]) {
			ps = append(ps, Point{At: r.At(i), Value: v[i]})
		}
		i = j
	}
	slices.SortStableFunc(ps, func(a, b Point) int { return cmp.Compare(b.Value, a.Value) })
	if k >= 0 && len(ps) > k {
		ps = ps[:k]
	}
	return ps
}

// HourLoad is the load of one hour of the day over a series.
// ISO/IEC 20000-1:2011, 6.5.
type HourLoad struct {
	Hour int     `json:"hour"`
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
	Max  float64 `json:"max"`
}

// BusyHours returns the load of each hour of the day, read in loc (nil
// means UTC), busiest first by mean and earlier hour first among equals;
// hours with no steps are left out (ISO/IEC 20000-1:2011, 6.5).
func BusyHours(r Regular, loc *time.Location) []HourLoad {
	if loc == nil {
		loc = time.UTC
	}
	var hs [24]HourLoad
	for i, v := range r.Values {
		h := r.At(i).In(loc).Hour()
		if hs[h].N == 0 || v > hs[h].Max {
			hs[h].Max = v
		}
		hs[h].N++
		hs[h].Mean += v
	}
	var out []HourLoad
	for h := range hs {
		if hs[h].N == 0 {
			continue
		}
		hs[h].Hour = h
		hs[h].Mean = finite(hs[h].Mean / float64(hs[h].N))
		out = append(out, hs[h])
	}
	slices.SortStableFunc(out, func(a, b HourLoad) int { return cmp.Compare(b.Mean, a.Mean) })
	return out
}

// Crossing is a period when a utilisation series was at or above a
// threshold's limit: an event a host raises as an incident and links from
// the threshold with process.LinkRaised (ISO/IEC 20000-1:2011, 6.5 and
// 8.1; Annex A, CAP → ISR).
type Crossing struct {
	Threshold process.ID `json:"threshold"`
	Resource  process.ID `json:"resource"`
	Severity  Severity   `json:"severity"`
	// From is the start of the first step at or above the limit; To the end
	// of the last one.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Peak is the highest value in the crossing, at PeakAt.
	Peak   float64   `json:"peak"`
	PeakAt time.Time `json:"peakAt"`
	// Ongoing is true when the series ends while still at or above the limit.
	Ongoing bool `json:"ongoing"`
}

// Crossings returns the crossings of r over t's warning and critical limits
// (read per step, so time bands apply), ordered by start, warning
// before critical at the same start. A critical crossing lies within a
// warning crossing when the warning limit is below the critical one.
// ISO/IEC 20000-1:2011, 6.5.
func Crossings(r Regular, t *Threshold) ([]Crossing, error) {
	limits, err := t.limits()
	if err != nil {
		return nil, err
	}
	var out []Crossing
	var open [2]*Crossing
	sev := [2]Severity{SeverityWarning, SeverityCritical}
	for i, v := range r.Values {
		at := r.At(i)
		w, c := limits(at)
		for k, lim := range [2]float64{w, c} {
			if v >= lim {
				if open[k] == nil {
					open[k] = &Crossing{Threshold: t.ID, Resource: t.Resource, Severity: sev[k], From: at, Peak: v, PeakAt: at}
				}
				if v > open[k].Peak {
					open[k].Peak, open[k].PeakAt = v, at
				}
				open[k].To = r.At(i + 1)
			} else if open[k] != nil {
				out = append(out, *open[k])
				open[k] = nil
			}
		}
	}
	for k := range open {
		if open[k] != nil {
			open[k].Ongoing = true
			out = append(out, *open[k])
		}
	}
	slices.SortStableFunc(out, func(a, b Crossing) int {
		if c := a.From.Compare(b.From); c != 0 {
			return c
		}
		return cmp.Compare(severityRank(a.Severity), severityRank(b.Severity))
	})
	return out, nil
}

func severityRank(s Severity) int {
	if s == SeverityCritical {
		return 1
	}
	return 0
}

// Headroom is the capacity left on a resource: free capacity in the
// resource's unit and as a fraction of its capacity (ISO/IEC 20000-1:2011,
// 6.5: enough capacity is provided). Negative when over capacity.
type Headroom struct {
	Free     float64 `json:"free"`
	Fraction float64 `json:"fraction"`
}

// HeadroomOf returns the headroom of a resource of the given capacity at a
// given use. Fraction is 0 for a capacity of zero (ISO/IEC 20000-1:2011, 6.5).
func HeadroomOf(capacity, used float64) Headroom {
	h := Headroom{Free: finite(capacity - used)}
	if capacity != 0 {
		h.Fraction = finite(h.Free / capacity)
	}
	return h
}

// Exhaustion is when a forecast reaches a threshold's limit.
// ISO/IEC 20000-1:2011, 6.5.
type Exhaustion struct {
	Severity Severity `json:"severity"`
	// At is the start of the first forecast step at or above the limit.
	At time.Time `json:"at"`
	// Steps is how many steps ahead of the forecast's start that is (1 is
	// the first step).
	Steps int `json:"steps"`
	// Upper is true when the upper bound of the prediction interval, not
	// the point forecast, reached the limit.
	Upper bool `json:"upper"`
}

// Exhaust returns when forecast f first reaches t's limit of severity s:
// with upper false, the point forecast; with upper true, the upper bound of
// its prediction interval (the prudent date). Time bands of the threshold
// apply per step. ok is false when f stays below the limit over its
// horizon (ISO/IEC 20000-1:2011, 6.5).
func Exhaust(f *Forecast, t *Threshold, s Severity, upper bool) (e Exhaustion, ok bool, err error) {
	if !s.Valid() {
		return Exhaustion{}, false, fmt.Errorf("capacity: exhaust: severity %q: %w", string(s), process.ErrInvalidValue)
	}
	limits, err := t.limits()
	if err != nil {
		return Exhaustion{}, false, err
	}
	for i, p := range f.Points {
		w, c := limits(p.At)
		lim := w
		if s == SeverityCritical {
			lim = c
		}
		v := p.Value
		if upper {
			v = p.Upper
		}
		if v >= lim {
			return Exhaustion{Severity: s, At: p.At, Steps: i + 1, Upper: upper}, true, nil
		}
	}
	return Exhaustion{}, false, nil
}
