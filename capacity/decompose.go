package capacity

import (
	"fmt"
	"slices"

	"github.com/smskit/iso20000/process"
)

// decompCycles is the most recent seasons whose deviations from the
// moving-average trend make the seasonal figure of [seasonalFigure], so
// that a season that drifts is taken as it is now.
const decompCycles = 7

// seasonalFigure returns the seasonal figure of y with period m by a robust
// moving-average decomposition: a centred moving average of order m (2×m
// for an even m) for the trend, the deviation from it (the ratio to it
// when mul) at each point, and at each position of the season the mean of
// those of the last [decompCycles] seasons, the largest and the least left
// out where there are five or more; centred to sum to zero (to average one
// when mul). Element j serves the points i with i mod m = j. It returns
// nil where y holds fewer than two seasons, or, when mul, a trend at or
// below zero.
func seasonalFigure(y []float64, m int, mul bool) []float64 {
	n := len(y)
	if m < 2 || n < 2*m {
		return nil
	}
	k := m / 2
	// The moving average at i, for k ≤ i < n−k.
	ma := func(i int) float64 {
		var s float64
		if m%2 == 0 {
			s = (y[i-k] + y[i+k]) / 2
			for j := i - k + 1; j < i+k; j++ {
				s += y[j]
			}
		} else {
			for j := i - k; j <= i+k; j++ {
				s += y[j]
			}
		}
		return s / float64(m)
	}
	dev := make([][]float64, m)
	for i := n - k - 1; i >= k; i-- {
		j := i % m
		if len(dev[j]) >= decompCycles {
			continue
		}
		t := ma(i)
		if mul {
			if !(t > 0) {
				return nil
			}
			dev[j] = append(dev[j], y[i]/t)
		} else {
			dev[j] = append(dev[j], y[i]-t)
		}
	}
	s := make([]float64, m)
	var sum float64
	for j, d := range dev {
		if len(d) == 0 {
			return nil
		}
		slices.Sort(d)
		if len(d) >= 5 {
			d = d[1 : len(d)-1]
		}
		for _, v := range d {
			s[j] += v
		}
		s[j] /= float64(len(d))
		sum += s[j]
	}
	mean := sum / float64(m)
	for j := range s {
		if mul {
			s[j] /= mean
		} else {
			s[j] -= mean
		}
	}
	if mul && slices.ContainsFunc(s, func(v float64) bool { return !(v > 0) }) {
		return nil
	}
	return s
}

// fitDecomposed fits sp (its Decompose set) to y: the seasonal figure of
// [seasonalFigure], then the state-space form without a season of least
// AICc on the seasonally adjusted series (with additive errors for an
// additive season, multiplicative for a multiplicative one), as
// forecast::stlf forecasts. The model it returns is that form with the
// season added and held fixed (γ = 0), which forecasts, runs on and gives
// intervals exactly as the form on the adjusted series does.
func (f *fitter) fitDecomposed(y []float64, sp Spec) (*Model, error) {
	m := sp.Period
	kind := sp.Decompose
	if kind != ComponentAdditive && kind != ComponentMultiplicative {
		return nil, fmt.Errorf("capacity: fit %s: decomposition %q, want additive or multiplicative: %w", MethodETS, string(kind), process.ErrInvalidValue)
	}
	if m < 2 {
		return nil, fmt.Errorf("capacity: fit %s: a decomposition needs a period of 2 or more: %w", MethodETS, process.ErrInvalidValue)
	}
	if len(y) < 2*m {
		return nil, fmt.Errorf("capacity: fit %s: %d points, need two seasons of %d to decompose: %w", MethodETS, len(y), m, ErrTooShort)
	}
	mul := kind == ComponentMultiplicative
	if mul {
		if err := checkPositive(y, "a multiplicative decomposition"); err != nil {
			return nil, err
		}
	}
	if len(sp.Fixed) > 0 || !sp.Form.IsZero() {
		return nil, fmt.Errorf("capacity: fit %s: a decomposition chooses its own form and parameters: %w", MethodETS, process.ErrInvalidValue)
	}
	s := seasonalFigure(y, m, mul)
	if s == nil {
		return nil, fmt.Errorf("capacity: fit %s: the moving-average trend falls to zero: %w", MethodETS, ErrNonPositive)
	}
	adj := make([]float64, len(y))
	for i, v := range y {
		if mul {
			adj[i] = v / s[i%m]
		} else {
			adj[i] = v - s[i%m]
		}
	}
	evals := sp.MaxEvals
	if evals <= 0 {
		evals = 2000
	}
	var best *Model
	total := 0
	for _, t := range []Component{ComponentNone, ComponentAdditive, ComponentDamped} {
		fm := Form{Error: kind, Trend: t, Season: ComponentNone}
		if len(adj) < etsParams(fm, 0, nil)+3 {
			continue
		}
		md := f.fitForm(adj, fm, 0, nil, evals, nil)
		if md == nil {
			continue
		}
		total += md.Evals
		if best == nil || md.AICc < best.AICc {
			best = md
		}
	}
	if best == nil {
		return nil, fmt.Errorf("capacity: fit %s: %d points, too few for any form of the adjusted series: %w", MethodETS, len(y), ErrTooShort)
	}
	best.Evals = total
	best.Form.Season = kind
	best.Decomposed = true
	best.Period, best.Gamma = m, 0
	best.Season = rotated(s, len(y)%m)
	best.Start.Season = rotated(s, best.From%m)
	// The likelihood on y itself, the seasonal figure counted among the
	// parameters (m−1 states).
	best.Params += m - 1
	st := slices.Clone(best.Start.Season)
	sse, rel, logmu, _, _, ok := etsPass(y[best.From:], best.Form, best.Alpha, best.Beta, 0, best.Phi, best.Start.Level, best.Start.Trend, st)
	if mul {
		sse = rel
	}
	if ok {
		best.setLikelihood(len(y)-best.From, sse, logmu)
	}
	return best, nil
}
