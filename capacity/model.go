package capacity

import (
	"fmt"
	"math"
	"strings"

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
	// same size as demand grows. It is R's stats::HoltWinters: the same
	// starting state and the same sum of squared errors, so that its
	// parameters and fit can be set beside R's.
	MethodHoltWintersAdditive Method = "holt-winters-additive"
	// MethodHoltWintersMultiplicative is Holt-Winters with a season that
	// multiplies the level: the swing grows with demand. It needs positive
	// values ([ErrNonPositive]).
	MethodHoltWintersMultiplicative Method = "holt-winters-multiplicative"
	// MethodETS is the exponential-smoothing state-space family (Hyndman et
	// al., Forecasting with Exponential Smoothing, 2008), as R's
	// forecast::ets fits it: additive or multiplicative errors, no,
	// additive or damped trend, no, additive or multiplicative season (see
	// [Form]), parameters and starting states fitted by likelihood, and the
	// form chosen by AICc when not fixed.
	MethodETS Method = "ets"
	// MethodDoubleSeasonal is double-seasonal Holt-Winters (Taylor, 2003):
	// a level, a trend and two additive seasons, a shorter one of Period
	// steps inside a longer one of Period2 (a day and a week of hourly
	// points), for demand that has both.
	MethodDoubleSeasonal Method = "double-seasonal-holt-winters"
	// MethodCombined is a forecast combination (Bates and Granger, 1969):
	// the mean of the forecasts of the candidates of least held-out error,
	// each weighted by the inverse of its held-out mean squared error (see
	// [Model.Parts]). [ForecastValues] offers it beside the candidates it
	// combines; it is not fitted on its own.
	MethodCombined Method = "combination"
)

// Valid reports whether m is one of the methods above.
func (m Method) Valid() bool {
	switch m {
	case MethodLinear, MethodHoltWintersAdditive, MethodHoltWintersMultiplicative, MethodETS, MethodDoubleSeasonal, MethodCombined:
		return true
	}
	return false
}

// Seasonal reports whether m needs a season length: the Holt-Winters
// methods do; [MethodETS] takes one where its form has a season.
func (m Method) Seasonal() bool {
	return m == MethodHoltWintersAdditive || m == MethodHoltWintersMultiplicative || m == MethodDoubleSeasonal
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

// Model is a fitted forecasting model: its method, season lengths,
// parameters, the state it started from and its state at the last point
// it saw, and the measures of its fit, so that a planner can explain the
// forecast in the capacity plan (ISO/IEC 20000-1:2011, 6.5, forecast
// demand). A Model is a plain value, safe for concurrent reads.
type Model struct {
	Method Method `json:"method"`
	// Form is the form of a [MethodETS] model; zero for the other methods.
	Form Form `json:"form,omitzero"`
	// Period is the season length in steps (24 for a daily season of hourly
	// points, 168 for a weekly one); 0 for a model without a season. Period2
	// is the longer season of [MethodDoubleSeasonal], a multiple of Period.
	Period  int `json:"period,omitempty"`
	Period2 int `json:"period2,omitempty"`
	// Alpha, Beta and Gamma are the smoothing parameters of level, trend and
	// season. For the Holt-Winters methods they are in the classic form of
	// R's stats::HoltWinters, each in [0,1]; for [MethodETS] in the
	// state-space form of forecast::ets (β ≤ α, γ ≤ 1−α). Zero for the
	// linear method and for components a model does not have.
	Alpha float64 `json:"alpha"`
	Beta  float64 `json:"beta"`
	Gamma float64 `json:"gamma"`
	// Omega smooths the longer season of [MethodDoubleSeasonal].
	Omega float64 `json:"omega,omitempty"`
	// Phi damps the trend of a [MethodETS] model: each step ahead adds Phi
	// times the trend of the step before; 1 for an undamped trend, 0
	// without a trend or for the other methods.
	Phi float64 `json:"phi,omitempty"`
	// Level and Trend are the state at the last point: the smoothed level and
	// the change per step. For the linear method, the fitted line's value at
	// the last point and its slope.
	Level float64 `json:"level"`
	Trend float64 `json:"trend"`
	// Season holds the seasonal states for the next Period steps: Season[0]
	// applies one step ahead. Added for an additive season, a factor for a
	// multiplicative one; empty without a season. Season2 holds those of
	// the longer season of [MethodDoubleSeasonal] for the next Period2 steps.
	Season  []float64 `json:"season,omitempty"`
	Season2 []float64 `json:"season2,omitempty"`
	// Start is the state the recursion started from, before the point
	// y[From]: for Holt-Winters R's starting values, for [MethodETS] the
	// fitted starting states.
	Start State `json:"start,omitzero"`
	// From is the first point whose one-step error the fit sums: Period for
	// Holt-Winters (the errors of the first season are not summed, as in
	// R), Period2 for double-seasonal Holt-Winters, 0 otherwise.
	From int `json:"from,omitempty"`
	// Sigma is the standard deviation of the one-step errors in sample: in
	// the series' unit, or relative to the forecast for the multiplicative
	// Holt-Winters method and for ETS models with multiplicative errors.
	// Prediction intervals scale with it.
	Sigma float64 `json:"sigma"`
	// Scale widens the prediction intervals by the factor the held-out
	// errors called for (see [Options.RawIntervals]); 0 or 1 leaves them as
	// the model gives them.
	Scale float64 `json:"scale,omitempty"`
	// SSE is the sum of squared one-step errors in sample, from y[From] on,
	// in the series' unit: for Holt-Winters the quantity R's HoltWinters
	// minimises and reports.
	SSE float64 `json:"sse"`
	// LogLik is the Gaussian log-likelihood of the one-step errors at their
	// fitted variance, and AICc the corrected Akaike information criterion
	// counting Params estimated parameters and the variance; [MethodETS]
	// chooses its form by AICc.
	LogLik float64 `json:"logLik"`
	AICc   float64 `json:"aicc"`
	// Params is the number of parameters estimated: smoothing parameters,
	// damping, and starting states where they are fitted (ETS); 2 for the
	// line.
	Params int `json:"params"`
	// N is the number of points the model has seen; Fitted the number its
	// parameters were fitted on: N, except for the smoothing methods from
	// [ForecastValues] with [Options.KeepFit], where it is N less the
	// held-out points (the linear method is refitted on all N).
	N      int `json:"n"`
	Fitted int `json:"fitted"`
	// Evals is how many times the fit evaluated its objective; for a model
	// that [ForecastValues] fitted again on every point (unless
	// [Options.KeepFit]) it counts both fits (for
	// Holt-Winters a pass that also carries the gradient, some two to four
	// times the work of one without, counts as one).
	Evals int `json:"evals,omitempty"`
	// Parts are the models a [MethodCombined] forecast combines, with their
	// weights, which sum to one; empty for the other methods.
	Parts []Part `json:"parts,omitempty"`
	// Decomposed marks a [MethodETS] model whose season was taken from a
	// moving-average decomposition and is held fixed (Gamma 0), its level
	// and trend fitted on the seasonally adjusted series ([Spec.Decompose]).
	Decomposed bool `json:"decomposed,omitempty"`
}

// Part is one model of a forecast combination and its weight in it
// (ISO/IEC 20000-1:2011, 6.5).
type Part struct {
	Weight float64 `json:"weight"`
	Model  Model   `json:"model"`
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

// fitter holds scratch space of the fits, so that a worker fitting many
// series allocates less. The zero fitter is ready to use.
type fitter struct {
	buf []float64
}

// scratch3 returns three buffers of the given lengths.
func (f *fitter) scratch3(a, b, c int) (x, y, z []float64) {
	if cap(f.buf) < a+b+c {
		f.buf = make([]float64, a+b+c)
	}
	buf := f.buf[:a+b+c]
	return buf[:a:a], buf[a : a+b : a+b], buf[a+b:]
}

// Spec names a model to fit: the method, its season lengths, for
// [MethodETS] its form, parameters held fixed rather than fitted, and the
// budget of the search (ISO/IEC 20000-1:2011, 6.5).
type Spec struct {
	Method Method
	// Period is the season length in steps (ignored by the linear method;
	// for ETS, 0 or a form without a season means none); Period2 is the
	// longer season of [MethodDoubleSeasonal], a multiple of Period.
	Period, Period2 int
	// Form fixes the form of a [MethodETS] model; the zero Form chooses,
	// by AICc, among the forms forecast::ets tries.
	Form Form
	// Fixed holds parameters at the given values instead of fitting them;
	// with every smoothing parameter fixed a Holt-Winters fit runs R's
	// recursion once, to check it against R's numbers.
	Fixed map[Param]float64
	// RStart fits Holt-Winters from R's starting state only, so that the
	// fit is R's stats::HoltWinters exactly (with every smoothing parameter
	// in Fixed, the same SSE and final state). Without it the fit also
	// starts from the package's own starting state, taken from up to four
	// seasons, and keeps whichever gives the lesser SSE over the same
	// points: never more than R's.
	RStart bool
	// MaxEvals caps the evaluations of the objective in the search; 0 means
	// the method's default (600 for Holt-Winters, 2,000 for each ETS form
	// over all the rounds of the search among forms, 800 for
	// double-seasonal Holt-Winters).
	MaxEvals int
	// Decompose, for [MethodETS] with a Period, takes the season out by a
	// moving-average decomposition (additive or multiplicative), fits the
	// form without a season of least AICc to the seasonally adjusted
	// series, and puts the season back held fixed, as forecast::stlf does
	// (see [Model.Decomposed]); "" fits the season by likelihood. It takes
	// no Form and no Fixed parameters.
	Decompose Component
}

// Fit fits a model of the given method to the values y, taken as equally
// spaced steps, with period the season length in steps (ignored by the
// linear method), as [FitSpec] does with a Spec of those fields.
// ISO/IEC 20000-1:2011, 6.5.
func Fit(y []float64, method Method, period, maxEvals int) (*Model, error) {
	var f fitter
	return f.fit(y, Spec{Method: method, Period: period, MaxEvals: maxEvals})
}

// FitSpec fits the model sp names to the values y, taken as equally spaced
// steps. Holt-Winters minimises R's sum of squared errors (from y[Period]
// on) over the smoothing parameters by a deterministic multi-start search
// (bounded Levenberg–Marquardt on the exact gradient) from the best of a
// grid that includes where R's optimiser starts, from R's starting state
// and (unless [Spec.RStart]) the package's own, so that its sum is never
// above R's. ETS models are fitted by likelihood, parameters and starting
// states together: with a season by a bounded Nelder–Mead search, without
// one by bounded Levenberg–Marquardt on the exact gradient. FitSpec refuses, with matchable errors: an invalid
// method, period or fixed parameter ([process.ErrInvalidValue]), a value
// that is not finite ([ErrNotFinite]), too few points ([ErrTooShort]: two
// for the linear method, two seasons for Holt-Winters, two of the longer
// season for double-seasonal Holt-Winters, more points than parameters for
// ETS) and a value at or below zero for a multiplicative model
// ([ErrNonPositive]). ISO/IEC 20000-1:2011, 6.5.
func FitSpec(y []float64, sp Spec) (*Model, error) {
	var f fitter
	return f.fit(y, sp)
}

func (f *fitter) fit(y []float64, sp Spec) (*Model, error) {
	if err := checkValues(y); err != nil {
		return nil, err
	}
	method := sp.Method
	switch method {
	case MethodLinear:
		return fitLinear(y)
	case MethodHoltWintersAdditive, MethodHoltWintersMultiplicative, MethodETS, MethodDoubleSeasonal:
	case MethodCombined:
		return nil, fmt.Errorf("capacity: fit %s: a combination is formed from held-out errors by ForecastValues, not fitted: %w", method, process.ErrInvalidValue)
	default:
		return nil, fmt.Errorf("capacity: fit: method %q: %w", string(method), process.ErrInvalidValue)
	}
	if err := checkFixed(method, sp.Fixed); err != nil {
		return nil, err
	}
	m := sp.Period
	if method == MethodETS && sp.Decompose != "" {
		return f.fitDecomposed(y, sp)
	}
	if sp.Decompose != "" {
		return nil, fmt.Errorf("capacity: fit %s: a decomposition needs method %s: %w", method, MethodETS, process.ErrInvalidValue)
	}
	if method == MethodETS {
		return f.fitETS(y, sp)
	}
	if m < 2 {
		return nil, fmt.Errorf("capacity: fit %s: period %d, want 2 or more: %w", method, m, process.ErrInvalidValue)
	}
	if method == MethodDoubleSeasonal {
		return f.fitDouble(y, sp)
	}
	if len(y) < 2*m {
		return nil, fmt.Errorf("capacity: fit %s: %d points, need two seasons of %d: %w", method, len(y), m, ErrTooShort)
	}
	if method == MethodHoltWintersMultiplicative {
		if err := checkPositive(y, method); err != nil {
			return nil, err
		}
	}
	evals := sp.MaxEvals
	if evals <= 0 {
		evals = hwEvals
	}
	return f.fitHW(y, method, m, sp.Fixed, evals, sp.RStart)
}

// checkPositive refuses a value at or below zero for a multiplicative model.
func checkPositive(y []float64, what any) error {
	for i, v := range y {
		if v <= 0 {
			return fmt.Errorf("capacity: fit %v: value %d is %g: %w", what, i, v, ErrNonPositive)
		}
	}
	return nil
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
	md := &Model{Method: MethodLinear, Level: a + slope*float64(n-1), Trend: slope, Sigma: sigma, N: n, Fitted: n, SSE: sse, Params: 2,
		Start: State{Level: a - slope, Trend: slope}}
	md.setLikelihood(n, sse, 0)
	return md, nil
}

// errorsSeen is the number of one-step errors behind Sigma.
func (md *Model) errorsSeen() int {
	k := md.N - md.From
	if md.Method == MethodETS {
		k -= md.Params
	}
	return max(1, k)
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
	if md.Method == MethodCombined {
		for i := range md.Parts {
			md.Parts[i].Model.update(all, y)
		}
		md.N += len(y)
		return
	}
	h := len(y)
	rot := rotated(md.Season, 0)
	rot2 := rotated(md.Season2, 0)
	var sse, rel, l, b float64
	ok := true
	switch md.Method {
	case MethodHoltWintersMultiplicative:
		_, sse, l, b, ok = passMul(y, rot, md.Alpha, md.Beta, md.Gamma, md.Level, md.Trend) // relative errors
	case MethodHoltWintersAdditive:
		sse, l, b = passAdd(y, rot, md.Alpha, md.Beta, md.Gamma, md.Level, md.Trend)
	case MethodDoubleSeasonal:
		sse, l, b = dsPass(y, rot, rot2, md.Alpha, md.Beta, md.Gamma, md.Omega, md.Level, md.Trend)
	case MethodETS:
		var add float64
		add, rel, _, l, b, ok = etsPass(y, md.Form, md.Alpha, md.Beta, md.Gamma, md.Phi, md.Level, md.Trend, rot)
		sse = add
		if md.Form.Error == ComponentMultiplicative {
			sse = rel
		}
	}
	if !ok || math.IsNaN(sse) {
		// The model broke down on the new points: carry its forecast over
		// them instead, so that the forecast still starts after the last
		// point.
		md.Level, md.Trend = md.Point(h)-md.seasonAt(h), md.trendAfter(h)
		md.Season, md.Season2 = rotated(md.Season, h), rotated(md.Season2, h)
		md.N += h
		return
	}
	k0 := float64(md.errorsSeen())
	md.Sigma = math.Sqrt((md.Sigma*md.Sigma*k0 + sse) / (k0 + float64(h)))
	md.Level, md.Trend = l, b
	md.N += h
	md.Season, md.Season2 = rotated(rot, h), rotated(rot2, h)
}

// rotated returns a copy of the ring s started k steps on; nil for nil.
func rotated(s []float64, k int) []float64 {
	if len(s) == 0 {
		return nil
	}
	out := make([]float64, len(s))
	for i := range s {
		out[i] = s[(k+i)%len(s)]
	}
	return out
}

// dampSum returns φ + φ² + … + φʰ: the steps of trend a damped forecast
// adds h steps ahead (h for φ = 1).
func dampSum(phi float64, h int) float64 {
	if phi == 1 {
		return float64(h)
	}
	return phi * (1 - math.Pow(phi, float64(h))) / (1 - phi)
}

// trendAfter returns the trend h steps on.
func (md *Model) trendAfter(h int) float64 {
	if md.Method == MethodETS && md.Form.Trend == ComponentDamped {
		return md.Trend * math.Pow(md.Phi, float64(h))
	}
	return md.Trend
}

// seasonAt returns the additive seasonal part of the forecast h steps
// ahead (0 for a multiplicative or no season).
func (md *Model) seasonAt(h int) float64 {
	switch {
	case md.Method == MethodHoltWintersAdditive, md.Method == MethodETS && md.Form.Season == ComponentAdditive:
		return md.Season[(h-1)%len(md.Season)]
	case md.Method == MethodDoubleSeasonal:
		return md.Season[(h-1)%len(md.Season)] + md.Season2[(h-1)%len(md.Season2)]
	}
	return 0
}

// Point returns the point forecast h steps ahead (h ≥ 1).
// ISO/IEC 20000-1:2011, 6.5.
func (md *Model) Point(h int) float64 {
	fh := float64(h)
	switch md.Method {
	case MethodCombined:
		var v float64
		for _, p := range md.Parts {
			v += p.Weight * p.Model.Point(h)
		}
		return v
	case MethodHoltWintersAdditive:
		return md.Level + fh*md.Trend + md.Season[(h-1)%len(md.Season)]
	case MethodHoltWintersMultiplicative:
		return (md.Level + fh*md.Trend) * md.Season[(h-1)%len(md.Season)]
	case MethodDoubleSeasonal:
		return md.Level + fh*md.Trend + md.seasonAt(h)
	case MethodETS:
		t := md.Level
		if md.Form.Trend != ComponentNone {
			t += dampSum(md.Phi, h) * md.Trend
		}
		switch md.Form.Season {
		case ComponentAdditive:
			return t + md.Season[(h-1)%len(md.Season)]
		case ComponentMultiplicative:
			return t * md.Season[(h-1)%len(md.Season)]
		}
		return t
	}
	return md.Level + fh*md.Trend
}

// relative reports whether Sigma is relative to the forecast.
func (md *Model) relative() bool {
	return md.Method == MethodHoltWintersMultiplicative || md.Method == MethodETS && md.Form.Error == ComponentMultiplicative
}

// psi returns the weight of a one-step error j steps back in the error h
// steps ahead, for j ≥ 1: the coefficient of the innovations form.
func (md *Model) psi(j int) float64 {
	a := md.Alpha
	switch md.Method {
	case MethodETS:
		c := a
		if md.Form.Trend != ComponentNone {
			c += md.Beta * dampSum(md.Phi, j)
		}
		if md.Form.Season != ComponentNone && len(md.Season) > 0 && j%len(md.Season) == 0 {
			c += md.Gamma
		}
		return c
	case MethodDoubleSeasonal:
		c := a + a*md.Beta*float64(j)
		if j%md.Period == 0 {
			c += (1 - a) * md.Gamma
		}
		if j%md.Period2 == 0 {
			c += (1 - a) * md.Omega
		}
		return c
	}
	c := a + a*md.Beta*float64(j)
	if md.Period > 0 && j%md.Period == 0 {
		c += (1 - a) * md.Gamma
	}
	return c
}

// Predict returns the forecast for the next h steps with prediction
// intervals of the given coverage (0.95 for 95 %; 0 means 0.95).
//
// The intervals are those of the innovations state-space form of each model
// (Hyndman et al., Forecasting with Exponential Smoothing, 2008, ch. 6): the
// variance h steps ahead is σ²(1 + Σ_{j<h} ψ_j²), with ψ_j the weight a
// one-step error carries j steps on (for additive Holt-Winters
// α + αβj + (1−α)γ·[j mod m = 0]); for a multiplicative error or season the
// same factor is applied to the relative error, an approximation that is
// good while σ is small. For the linear method they are the classic
// intervals of a regression prediction, with Student's t of n−2 degrees of
// freedom. A combination's interval is the weighted mean of its parts'
// intervals, their bounds as wide as if the parts' errors moved together.
// All are widened by Scale where the held-out errors called for it
// (ISO/IEC 20000-1:2011, 6.5).
func (md *Model) Predict(h int, level float64) []Band {
	if h <= 0 {
		return nil
	}
	if !(level > 0 && level < 1) {
		level = 0.95
	}
	if md.Method == MethodCombined {
		return md.predictCombined(h, level)
	}
	z := zScore(level)
	if md.Method == MethodLinear {
		z = tScore(level, float64(md.N-2))
	}
	if md.Scale > 0 {
		z *= md.Scale
	}
	out := make([]Band, h)
	n := float64(md.N)
	xm := (n - 1) / 2
	sxx := n * (n*n - 1) / 12
	var sumc float64
	rel := md.relative()
	for i := range h {
		hh := i + 1
		v := md.Point(hh)
		var half float64
		if md.Method == MethodLinear {
			x0 := n - 1 + float64(hh)
			f := 1 + 1/n
			if sxx > 0 {
				f += (x0 - xm) * (x0 - xm) / sxx
			}
			half = z * md.Sigma * math.Sqrt(f)
		} else {
			if hh > 1 {
				c := md.psi(hh - 1)
				sumc += c * c
			}
			half = z * md.Sigma * math.Sqrt(1+sumc)
			if rel {
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

// cycle is the number of steps after which the seasonal pattern of the
// point forecast repeats: the longest season, or 1.
func (md *Model) cycle() int {
	switch {
	case md.Method == MethodCombined:
		c := 1
		for _, p := range md.Parts {
			k := p.Model.cycle()
			c = c / gcd(c, k) * k
			if c > maxCycle {
				return 0
			}
		}
		return c
	case md.Method == MethodDoubleSeasonal && len(md.Season2) > 0:
		return len(md.Season2)
	case len(md.Season) > 0:
		return len(md.Season)
	}
	return 1
}

// Crossing returns the first step h in [1, maxH] at which the point forecast
// reaches threshold, and false if it does not within maxH steps. At each
// position of the season the forecast moves one way only (it is the trend,
// damped or not, plus or times that position's seasonal state), so Crossing
// searches each position by bisection: its cost is the season length times
// the logarithm of the horizon, not the horizon. A combination whose parts
// trend different ways is stepped through instead (ISO/IEC 20000-1:2011,
// 6.5).
func (md *Model) Crossing(threshold float64, maxH int) (int, bool) {
	if maxH < 1 {
		return 0, false
	}
	m := md.cycle()
	if m == 0 || !md.monotone() {
		// A combination whose parts trend different ways: step.
		for h := 1; h <= maxH; h++ {
			if md.Point(h) >= threshold {
				return h, true
			}
		}
		return 0, false
	}
	best := 0
	for k := range m {
		h0 := k + 1
		if h0 > maxH || (best > 0 && h0 >= best) {
			break
		}
		if md.Point(h0) >= threshold {
			best = h0
			continue
		}
		last := (maxH - h0) / m // the last j with h0 + j·m ≤ maxH
		if last == 0 || !(md.Point(h0+m) > md.Point(h0)) {
			continue // flat or falling at this position
		}
		if md.Point(h0+last*m) < threshold {
			continue
		}
		lo, hi := 0, last // Point(h0+lo·m) < threshold ≤ Point(h0+hi·m)
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			if md.Point(h0+mid*m) >= threshold {
				hi = mid
			} else {
				lo = mid
			}
		}
		if h := h0 + hi*m; best == 0 || h < best {
			best = h
		}
	}
	return best, best > 0
}

// maxCycle bounds the common cycle of a combination's parts searched by
// bisection.
const maxCycle = 1 << 20

// gcd returns the greatest common divisor of positive a and b.
func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// monotone reports whether the point forecast moves one way at each
// position of the cycle: always, but for a combination whose parts trend
// different ways.
func (md *Model) monotone() bool {
	if md.Method != MethodCombined {
		return true
	}
	up, down := false, false
	for _, p := range md.Parts {
		if !p.Model.monotone() {
			return false
		}
		up = up || p.Model.Trend > 0
		down = down || p.Model.Trend < 0
	}
	return !(up && down)
}

// predictCombined returns the bands of a combination: the weighted mean of
// its parts' bands, widened by Scale.
func (md *Model) predictCombined(h int, level float64) []Band {
	out := make([]Band, h)
	for _, p := range md.Parts {
		for i, b := range p.Model.Predict(h, level) {
			out[i].Value += p.Weight * b.Value
			out[i].Lower += p.Weight * (b.Value - b.Lower)
			out[i].Upper += p.Weight * (b.Upper - b.Value)
		}
	}
	k := 1.0
	if md.Scale > 0 {
		k = md.Scale
	}
	for i := range out {
		lo, hi := k*out[i].Lower, k*out[i].Upper
		if math.IsInf(lo, 0) || math.IsNaN(lo) || math.IsInf(hi, 0) || math.IsNaN(hi) {
			lo, hi = math.MaxFloat64/4, math.MaxFloat64/4
		}
		out[i].Lower, out[i].Upper = out[i].Value-lo, out[i].Value+hi
	}
	return out
}

// Describe returns the model in a line a planner can put in the capacity
// plan: the method or form, the seasons and the fitted parameters, and for
// a combination each part with its weight (ISO/IEC 20000-1:2011, 6.5).
func (md *Model) Describe() string {
	var b strings.Builder
	switch md.Method {
	case MethodLinear:
		fmt.Fprintf(&b, "linear trend %.4g per step", md.Trend)
		return b.String()
	case MethodCombined:
		b.WriteString("combination of ")
		for i, p := range md.Parts {
			if i > 0 {
				b.WriteString(" + ")
			}
			fmt.Fprintf(&b, "%.2f × [%s]", p.Weight, p.Model.Describe())
		}
		return b.String()
	case MethodETS:
		if md.Decomposed {
			b.WriteString("decomposition + ")
		}
		b.WriteString(md.Form.String())
	default:
		b.WriteString(string(md.Method))
	}
	switch {
	case md.Period2 > 0:
		fmt.Fprintf(&b, ", seasons %d and %d", md.Period, md.Period2)
	case md.Period > 0:
		fmt.Fprintf(&b, ", season %d", md.Period)
	}
	fmt.Fprintf(&b, ": α %.3f", md.Alpha)
	hasTrend := md.Method != MethodETS || md.Form.Trend != ComponentNone
	if hasTrend {
		fmt.Fprintf(&b, " β %.3f", md.Beta)
	}
	if md.Period > 0 {
		fmt.Fprintf(&b, " γ %.3f", md.Gamma)
	}
	if md.Method == MethodDoubleSeasonal {
		fmt.Fprintf(&b, " ω %.3f", md.Omega)
	}
	if md.Method == MethodETS && md.Form.Trend == ComponentDamped {
		fmt.Fprintf(&b, " φ %.3f", md.Phi)
	}
	return b.String()
}
