package capacity

import (
	"fmt"
	"math"

	"github.com/smskit/iso20000/process"
)

// Method names a forecasting method, one of the procedures for predictive
// analysis a capacity plan records (ISO/IEC 20000-1:2011, 6.5). The zero
// Method is invalid; in [Options] it means "choose by held-out error".
type Method string

// The forecasting methods of the package.
const (
	// MethodLinear fits a straight line by least squares: level and trend,
	// no season.
	MethodLinear Method = "linear"
	// MethodHoltWintersAdditive is Holt-Winters exponential smoothing with a
	// trend and a season added to the level: the seasonal swing stays the
	// same size as demand grows.
	MethodHoltWintersAdditive Method = "holt-winters-additive"
	// MethodHoltWintersMultiplicative is Holt-Winters with a season that
	// multiplies the level: the swing grows with demand. It needs positive
	// values ([ErrNonPositive]).
	MethodHoltWintersMultiplicative Method = "holt-winters-multiplicative"
)

// Valid reports whether m is one of the methods above.
func (m Method) Valid() bool {
	switch m {
	case MethodLinear, MethodHoltWintersAdditive, MethodHoltWintersMultiplicative:
		return true
	}
	return false
}

// Seasonal reports whether m models a season.
func (m Method) Seasonal() bool {
	return m == MethodHoltWintersAdditive || m == MethodHoltWintersMultiplicative
}

// String returns the method's code.
func (m Method) String() string { return string(m) }

// MarshalText encodes the method: its code, or nothing when unset; an
// unknown value is refused.
func (m Method) MarshalText() ([]byte, error) { return process.MarshalEnum(m) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves m unchanged.
func (m *Method) UnmarshalText(b []byte) error { return process.UnmarshalEnum(m, b) }

// maxAbs is the largest magnitude a value may have: its square, and sums of
// many squares, stay finite.
const maxAbs = 1e100

// Model is a fitted forecasting model: its method, season length, smoothing
// parameters and its state at the last point it saw (ISO/IEC 20000-1:2011,
// 6.5, forecast demand). A Model is a plain value, safe for concurrent reads.
type Model struct {
	Method Method `json:"method"`
	// Period is the season length in steps (24 for a daily season of hourly
	// points, 168 for a weekly one); 0 for the linear method.
	Period int `json:"period,omitempty"`
	// Alpha, Beta and Gamma are the smoothing parameters of level, trend and
	// season, each in [0,1], in the classic Holt-Winters form (the one of R's
	// stats::HoltWinters). Zero for the linear method.
	Alpha float64 `json:"alpha"`
	Beta  float64 `json:"beta"`
	Gamma float64 `json:"gamma"`
	// Level and Trend are the state at the last point: the smoothed level and
	// the change per step. For the linear method, the fitted line's value at
	// the last point and its slope.
	Level float64 `json:"level"`
	Trend float64 `json:"trend"`
	// Season holds the seasonal states for the next Period steps: Season[0]
	// applies one step ahead. Added for the additive method, a factor for the
	// multiplicative one; empty for the linear method.
	Season []float64 `json:"season,omitempty"`
	// Sigma is the standard deviation of the one-step errors in sample: in
	// the series' unit, or relative to the forecast for the multiplicative
	// method. Prediction intervals scale with it.
	Sigma float64 `json:"sigma"`
	// N is the number of points the model has seen; Fitted the number its
	// parameters were fitted on: for Holt-Winters from [ForecastValues], N
	// less the held-out points (unless refitted); the linear method is
	// refitted on all N.
	N      int `json:"n"`
	Fitted int `json:"fitted"`
	// Evals is how many times the fit evaluated the sum of squared errors.
	Evals int `json:"evals,omitempty"`
}

// Band is one forecast step: the point forecast and its prediction interval.
// ISO/IEC 20000-1:2011, 6.5.
type Band struct {
	Value float64 `json:"value"`
	Lower float64 `json:"lower"`
	Upper float64 `json:"upper"`
}

// checkValues refuses NaN, infinite and too large values.
func checkValues(y []float64) error {
	for i, v := range y {
		if math.IsNaN(v) || math.Abs(v) > maxAbs {
			return fmt.Errorf("capacity: value %d is %g: %w", i, v, ErrNotFinite)
		}
	}
	return nil
}

// fitter holds the scratch space of Holt-Winters fits, so that a worker
// fitting many series allocates once. The zero fitter is ready to use.
type fitter struct {
	s0, s []float64
}

// scratch returns the two seasonal buffers, of length m.
func (f *fitter) scratch(m int) (s0, s []float64) {
	if cap(f.s0) < m {
		f.s0 = make([]float64, m)
		f.s = make([]float64, m)
	}
	return f.s0[:m], f.s[:m]
}

// Fit fits a model of the given method to the values y, taken as equally
// spaced steps, with period the season length in steps (ignored by the
// linear method). Smoothing parameters are those that minimise the sum of
// squared one-step errors, found by a bounded Nelder–Mead search of at most
// maxEvals evaluations (0 means 200). Fit refuses, with matchable errors: an
// invalid method or period ([process.ErrInvalidValue]), a value that is not
// finite ([ErrNotFinite]), too few points ([ErrTooShort]: two for the
// linear method, two seasons for Holt-Winters) and a value at or below zero
// for the multiplicative method ([ErrNonPositive]). ISO/IEC 20000-1:2011, 6.5.
func Fit(y []float64, method Method, period, maxEvals int) (*Model, error) {
	var f fitter
	return f.fit(y, method, period, maxEvals)
}

func (f *fitter) fit(y []float64, method Method, period, maxEvals int) (*Model, error) {
	if err := checkValues(y); err != nil {
		return nil, err
	}
	if maxEvals <= 0 {
		maxEvals = 200
	}
	switch method {
	case MethodLinear:
		return fitLinear(y)
	case MethodHoltWintersAdditive, MethodHoltWintersMultiplicative:
	default:
		return nil, fmt.Errorf("capacity: fit: method %q: %w", string(method), process.ErrInvalidValue)
	}
	m := period
	if m < 2 {
		return nil, fmt.Errorf("capacity: fit %s: period %d, want 2 or more: %w", method, m, process.ErrInvalidValue)
	}
	if len(y) < 2*m {
		return nil, fmt.Errorf("capacity: fit %s: %d points, need two seasons of %d: %w", method, len(y), m, ErrTooShort)
	}
	mul := method == MethodHoltWintersMultiplicative
	if mul {
		for i, v := range y {
			if v <= 0 {
				return nil, fmt.Errorf("capacity: fit %s: value %d is %g: %w", method, i, v, ErrNonPositive)
			}
		}
	}
	s0, s := f.scratch(m)
	l0, b0 := initSeason(y, m, mul, s0)
	objective := func(p params) float64 {
		copy(s, s0)
		if mul {
			sse, _, _, _, ok := passMul(y, s, p[0], p[1], p[2], l0, b0)
			if !ok {
				return math.Inf(1)
			}
			return sse
		}
		sse, _, _ := passAdd(y, s, p[0], p[1], p[2], l0, b0)
		return sse
	}
	p, best, evals := minimise(objective, maxEvals)
	if math.IsInf(best, 1) {
		return nil, fmt.Errorf("capacity: fit %s: the level or a seasonal factor falls to zero for every parameter tried: %w", method, ErrNonPositive)
	}
	md := &Model{Method: method, Period: m, Alpha: p[0], Beta: p[1], Gamma: p[2], Fitted: len(y), Evals: evals}
	copy(s, s0)
	if mul {
		var rel float64
		_, rel, md.Level, md.Trend, _ = passMul(y, s, p[0], p[1], p[2], l0, b0)
		md.Sigma = math.Sqrt(rel / float64(len(y)))
	} else {
		var sse float64
		sse, md.Level, md.Trend = passAdd(y, s, p[0], p[1], p[2], l0, b0)
		md.Sigma = math.Sqrt(sse / float64(len(y)))
	}
	md.N = len(y)
	md.Season = make([]float64, m)
	for k := range m {
		md.Season[k] = s[(len(y)+k)%m]
	}
	return md, nil
}

// initSeasons is the most whole seasons the starting state is taken from.
const initSeasons = 4

// initSeason sets the starting state of Holt-Winters from the first whole
// seasons (two to four): the trend is the least-squares slope of their
// means per step, the level the trend line one step before the first point,
// and each seasonal state the mean of the seasons' deviations from
// (additive) or ratios to (multiplicative) the trend line, normalised to
// sum to zero or to average one. y holds at least two seasons.
func initSeason(y []float64, m int, mul bool, s []float64) (level, trend float64) {
	k := min(len(y)/m, initSeasons)
	var means [initSeasons]float64
	var mbar float64
	for i := range k {
		for j := range m {
			means[i] += y[i*m+j]
		}
		means[i] /= float64(m)
		mbar += means[i]
	}
	mbar /= float64(k)
	var sxy, sxx float64
	for i := range k {
		dx := float64(i) - float64(k-1)/2
		sxy += dx * (means[i] - mbar)
		sxx += dx * dx
	}
	trend = sxy / sxx / float64(m)
	centre := float64(k*m-1) / 2
	line := func(t int) float64 { return mbar + (float64(t)-centre)*trend }
	if mul && (line(-1) <= 0 || line(k*m-1) <= 0) {
		trend = 0 // a trend line that crosses zero cannot carry ratios
	}
	var sum float64
	for j := range m {
		s[j] = 0
		for i := range k {
			t := i*m + j
			if mul {
				s[j] += y[t] / line(t)
			} else {
				s[j] += y[t] - line(t)
			}
		}
		s[j] /= float64(k)
		sum += s[j]
	}
	mean := sum / float64(m)
	for j := range m {
		if mul {
			s[j] /= mean
		} else {
			s[j] -= mean
		}
	}
	return line(-1), trend
}

// passAdd runs additive Holt-Winters over y from level l and trend b with
// the seasonal states s (changed in place; s[i%len(s)] serves point i) and
// returns the sum of squared one-step errors and the final level and trend.
// It allocates nothing.
func passAdd(y, s []float64, alpha, beta, gamma, l, b float64) (sse, level, trend float64) {
	m := len(s)
	j := 0
	for _, v := range y {
		sj := s[j]
		lb := l + b
		e := v - (lb + sj)
		sse += e * e
		nl := alpha*(v-sj) + (1-alpha)*lb
		b = beta*(nl-l) + (1-beta)*b
		s[j] = gamma*(v-nl) + (1-gamma)*sj
		l = nl
		if j++; j == m {
			j = 0
		}
	}
	return sse, l, b
}

// passMul runs multiplicative Holt-Winters as passAdd does. It also returns
// the sum of squared errors relative to the forecast, and ok false if the
// level or a seasonal factor falls to zero or below, or the level beyond
// 1e100, where the model breaks down. It allocates nothing.
func passMul(y, s []float64, alpha, beta, gamma, l, b float64) (sse, rel, level, trend float64, ok bool) {
	m := len(s)
	j := 0
	for _, v := range y {
		sj := s[j]
		lb := l + b
		f := lb * sj
		e := v - f
		sse += e * e
		nl := alpha*(v/sj) + (1-alpha)*lb
		if !(nl > 0 && nl < maxAbs) || !(f > 0) {
			return sse, rel, l, b, false
		}
		rel += (e / f) * (e / f)
		b = beta*(nl-l) + (1-beta)*b
		s[j] = gamma*(v/nl) + (1-gamma)*sj
		l = nl
		if j++; j == m {
			j = 0
		}
	}
	return sse, rel, l, b, true
}

// fitLinear fits y = a + b·t by least squares over t = 0…n-1.
func fitLinear(y []float64) (*Model, error) {
	n := len(y)
	if n < 2 {
		return nil, fmt.Errorf("capacity: fit linear: %d points, need 2: %w", n, ErrTooShort)
	}
	xm := float64(n-1) / 2
	var ym float64
	for _, v := range y {
		ym += v
	}
	ym /= float64(n)
	var sxy, sxx float64
	for i, v := range y {
		dx := float64(i) - xm
		sxy += dx * (v - ym)
		sxx += dx * dx
	}
	slope := sxy / sxx
	a := ym - slope*xm
	var sse float64
	for i, v := range y {
		e := v - (a + slope*float64(i))
		sse += e * e
	}
	sigma := 0.0
	if n > 2 {
		sigma = math.Sqrt(sse / float64(n-2))
	}
	return &Model{Method: MethodLinear, Level: a + slope*float64(n-1), Trend: slope, Sigma: sigma, N: n, Fitted: n}, nil
}

// update runs the fitted model on over further points y that follow the
// ones it has seen, without changing its parameters: the state moves to the
// end of y and Sigma takes in the new one-step errors. For the linear
// method the line is refitted on all points, so update needs all of them:
// all is the whole series, y its tail.
func (md *Model) update(all, y []float64) {
	if len(y) == 0 {
		return
	}
	if md.Method == MethodLinear {
		if lm, err := fitLinear(all); err == nil {
			*md = *lm // the line is cheap: refitted on every point
		}
		return
	}
	m := md.Period
	n0 := md.N
	// Season[k] serves the step k+1 ahead, which is y[k]: the ring for a
	// pass over y starts as a copy of it.
	rot := make([]float64, m)
	copy(rot, md.Season)
	var sse, rel float64
	ok := true
	var l, b float64
	if md.Method == MethodHoltWintersMultiplicative {
		sse, rel, l, b, ok = passMul(y, rot, md.Alpha, md.Beta, md.Gamma, md.Level, md.Trend)
	} else {
		sse, l, b = passAdd(y, rot, md.Alpha, md.Beta, md.Gamma, md.Level, md.Trend)
	}
	if !ok {
		// The level fell to zero on the new points: carry the fitted
		// model's forecast over them instead, so that the forecast still
		// starts after the last point.
		h := len(y)
		md.Level += float64(h) * md.Trend
		copy(rot, md.Season)
		for k := range m {
			md.Season[k] = rot[(h+k)%m]
		}
		md.N = n0 + h
		return
	}
	v0 := md.Sigma * md.Sigma * float64(n0)
	if md.Method == MethodHoltWintersMultiplicative {
		md.Sigma = math.Sqrt((v0 + rel) / float64(n0+len(y)))
	} else {
		md.Sigma = math.Sqrt((v0 + sse) / float64(n0+len(y)))
	}
	md.Level, md.Trend = l, b
	md.N = n0 + len(y)
	for k := range m {
		md.Season[k] = rot[(len(y)+k)%m]
	}
}

// Point returns the point forecast h steps ahead (h ≥ 1).
// ISO/IEC 20000-1:2011, 6.5.
func (md *Model) Point(h int) float64 {
	fh := float64(h)
	switch md.Method {
	case MethodHoltWintersAdditive:
		return md.Level + fh*md.Trend + md.Season[(h-1)%len(md.Season)]
	case MethodHoltWintersMultiplicative:
		return (md.Level + fh*md.Trend) * md.Season[(h-1)%len(md.Season)]
	}
	return md.Level + fh*md.Trend
}

// zScore returns the two-sided normal quantile for coverage level in (0,1).
func zScore(level float64) float64 {
	return math.Sqrt2 * math.Erfinv(level)
}

// Predict returns the forecast for the next h steps with prediction
// intervals of the given coverage (0.95 for 95 %; 0 means 0.95).
//
// The intervals are those of the innovations state-space form of each model
// (Hyndman et al., Forecasting with Exponential Smoothing, 2008, ch. 6): for
// additive Holt-Winters the variance h steps ahead is σ²(1 + Σ_{j<h} c_j²)
// with c_j = α + αβj + (1−α)γ·[j mod m = 0]; for multiplicative Holt-Winters
// the same factor is applied to the relative error, an approximation that
// is good while σ is small; for the linear method the classic interval of a
// regression prediction (ISO/IEC 20000-1:2011, 6.5).
func (md *Model) Predict(h int, level float64) []Band {
	if h <= 0 {
		return nil
	}
	if !(level > 0 && level < 1) {
		level = 0.95
	}
	z := zScore(level)
	out := make([]Band, h)
	n := float64(md.N)
	xm := (n - 1) / 2
	sxx := n * (n*n - 1) / 12
	var sumc float64
	ab := md.Alpha * md.Beta
	g := (1 - md.Alpha) * md.Gamma
	for i := range h {
		hh := i + 1
		v := md.Point(hh)
		var half float64
		switch md.Method {
		case MethodLinear:
			x0 := n - 1 + float64(hh)
			f := 1 + 1/n
			if sxx > 0 {
				f += (x0 - xm) * (x0 - xm) / sxx
			}
			half = z * md.Sigma * math.Sqrt(f)
		default:
			if hh > 1 {
				j := hh - 1
				c := md.Alpha + ab*float64(j)
				if j%md.Period == 0 {
					c += g
				}
				sumc += c * c
			}
			half = z * md.Sigma * math.Sqrt(1+sumc)
			if md.Method == MethodHoltWintersMultiplicative {
				half *= math.Abs(v)
			}
		}
		if math.IsInf(half, 0) || math.IsNaN(half) {
			half = math.MaxFloat64 / 4
		}
		out[i] = Band{Value: v, Lower: v - half, Upper: v + half}
	}
	return out
}

// Crossing returns the first step h in [1, maxH] at which the point forecast
// reaches threshold, and false if it does not within maxH steps. It solves
// in closed form per seasonal position, so its cost is the season length,
// not the horizon (ISO/IEC 20000-1:2011, 6.5).
func (md *Model) Crossing(threshold float64, maxH int) (int, bool) {
	if maxH < 1 {
		return 0, false
	}
	m := 1
	if md.Method.Seasonal() {
		m = len(md.Season)
	}
	best := 0
	for k := range m {
		// Steps h = k+1 + j·m, j ≥ 0. The value is a + h·b·c for some a, c:
		// solve for the least j, then check it, since rounding may be off by one.
		h0 := k + 1
		if h0 > maxH {
			break
		}
		if md.Point(h0) >= threshold {
			if best == 0 || h0 < best {
				best = h0
			}
			continue
		}
		// The value grows with h only if the trend (times the factor) is positive.
		slope := md.Trend
		need := threshold - md.Point(h0)
		if md.Method == MethodHoltWintersMultiplicative {
			slope *= md.Season[k]
		}
		if !(slope > 0) {
			continue
		}
		j := math.Ceil(need / (slope * float64(m)))
		if j > float64(maxH) {
			continue
		}
		h := h0 + int(j)*m
		for h-m >= h0 && md.Point(h-m) >= threshold {
			h -= m
		}
		for h <= maxH && md.Point(h) < threshold {
			h += m
		}
		if h <= maxH && (best == 0 || h < best) {
			best = h
		}
	}
	return best, best > 0
}
