package capacity

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/smskit/iso20000/process"
)

// Options says how to forecast a series (ISO/IEC 20000-1:2011, 6.5: the
// procedures for predictive analysis). A nil *Options means the defaults.
type Options struct {
	// Method fixes the method; "" (or [MethodCombined]) forecasts with the
	// combination of the three candidates of least root mean squared error
	// on the held-out points, each weighted by the inverse of its held-out
	// mean squared error (see [Options.Single]). The candidates are: the
	// linear method; both Holt-Winters methods for each period in Periods
	// (the multiplicative one only for positive series); the state-space
	// family ([MethodETS], its form chosen by AICc, fitted on at most the
	// last 2,016 points) with each period in Periods of at most 24 steps, or
	// without a season where there is none; for each period in Periods,
	// the seasonal decomposition with ETS on the seasonally adjusted series
	// ([Spec.Decompose], additive, and multiplicative for positive series;
	// forecast::stlf's approach, added because it lowered the mean held-out
	// RMSE of the default over R's best on the reference series of
	// examples/capacityr from 1.027 to 1.019); and double-seasonal
	// Holt-Winters for each pair of periods of which the longer is a
	// multiple of the shorter.
	Method Method
	// Single keeps, when Method is "", the one candidate of least held-out
	// error, or the combination only where its held-out error is less
	// still. Combining is the default because it is the more accurate on
	// the reference series of examples/capacityr (see its RESULTS.md):
	// choosing one model by one held-out season is a noisy choice.
	Single bool
	// Periods are the candidate season lengths in steps. For a [Regular]
	// series nil means a day and a week of steps, where those are whole
	// numbers of at least 2 (24 and 168 for hourly points); for bare values
	// nil means no season.
	Periods []int
	// Form fixes the form of [MethodETS] when Method is MethodETS; the zero
	// Form chooses by AICc.
	Form Form
	// Fixed holds parameters at the given values instead of fitting them
	// (see [Spec.Fixed]); it needs a fixed Method of which they are
	// parameters.
	Fixed map[Param]float64
	// Holdout is how many of the last points are held out to measure the
	// error of each candidate. 0 means the longest period that leaves two
	// seasons to fit on, or a fifth of the points when there is none.
	// Where the horizon is shorter than the held-out points, each
	// candidate forecasts them at most the horizon ahead, as it will be
	// used: from the end of the points it was fitted on, then from every
	// horizon's length further on, its state run on over the points
	// between (its parameters kept; a line is refitted); at most 64
	// origins, beyond which each forecasts a 64th of the held-out points.
	// This lowered the mean held-out RMSE of the default over R's best on
	// the six hourly series of examples/capacityr, forecast a day ahead
	// with a week held out, from 1.0054 to 1.0034, averaged over six draws
	// of them (seeds 20000 and 1-5; lower on five).
	Holdout int
	// Level is the coverage of the prediction intervals, in (0,1); 0 means
	// 0.95.
	Level float64
	// RawIntervals keeps the chosen model's intervals as the model gives
	// them. Without it they are calibrated on the held-out points: where
	// those fall further from the forecast than the model's intervals
	// allow, the intervals widen by the factor (the root of the mean of 1
	// and the mean squared standardised held-out error), reported as
	// [Model.Scale]; they never narrow.
	RawIntervals bool
	// KeepFit keeps the parameters fitted without the held-out points and
	// only runs the state on over them, saving a second fit of each model
	// the forecast keeps. Without it the kept models (each part of a
	// combination, with the form and weight the held-out points chose) are
	// fitted again on every point, held-out ones included: the default since
	// it lowered the mean held-out RMSE of the default over R's best on the
	// reference series of examples/capacityr from 1.019 to 1.002, most on
	// the short series, where the held-out season is a sixth of the points
	// (see its RESULTS.md).
	KeepFit bool
	// MaxEvals caps the evaluations of the objective in each fit; 0 means
	// each method's default (see [Spec.MaxEvals]).
	MaxEvals int
}

// Accuracy is a forecast's error on points it did not see: the held-out
// error every forecast of the package carries (ISO/IEC 20000-1:2011, 6.5).
type Accuracy struct {
	// N is the number of held-out points.
	N int `json:"n"`
	// RMSE is the root mean squared error, in the series' unit.
	RMSE float64 `json:"rmse"`
	// MAE is the mean absolute error, in the series' unit.
	MAE float64 `json:"mae"`
	// MAPE is the mean absolute percentage error over the held-out points
	// whose actual value is not zero (MAPEN of them); 0 when there are none.
	MAPE  float64 `json:"mape"`
	MAPEN int     `json:"mapeN"`
}

// Measure returns the accuracy of forecasts f against actual values y,
// pairwise over the shorter of the two (ISO/IEC 20000-1:2011, 6.5).
func Measure(y []float64, f []Band) Accuracy {
	n := min(len(y), len(f))
	a := Accuracy{N: n}
	if n == 0 {
		return a
	}
	var sse, sae, sape float64
	for i := range n {
		e := y[i] - f[i].Value
		sse += e * e
		sae += math.Abs(e)
		if y[i] != 0 {
			sape += math.Abs(e / y[i])
			a.MAPEN++
		}
	}
	a.RMSE = finite(math.Sqrt(sse / float64(n)))
	a.MAE = finite(sae / float64(n))
	if a.MAPEN > 0 {
		a.MAPE = finite(100 * sape / float64(a.MAPEN))
	}
	return a
}

// finite caps v to the largest finite float, keeping its sign; NaN is 0.
func finite(v float64) float64 {
	switch {
	case math.IsNaN(v):
		return 0
	case math.IsInf(v, 1):
		return math.MaxFloat64
	case math.IsInf(v, -1):
		return -math.MaxFloat64
	}
	return v
}

// Candidate is one method tried for a series and its held-out error, or the
// reason it could not be fitted (ISO/IEC 20000-1:2011, 6.5).
type Candidate struct {
	Method  Method `json:"method"`
	Period  int    `json:"period,omitempty"`
	Period2 int    `json:"period2,omitempty"`
	// Form is the form of a [MethodETS] candidate, as its AICc chose it.
	Form Form `json:"form,omitzero"`
	// Decomposed marks an ETS candidate fitted on the seasonally adjusted
	// series, its season from a decomposition ([Spec.Decompose]).
	Decomposed bool     `json:"decomposed,omitempty"`
	Holdout    Accuracy `json:"holdout"`
	// Error says why the candidate was not fitted (too short for its
	// season, a non-positive value for a multiplicative model); "" if it was.
	Error string `json:"error,omitempty"`
}

// Result is the outcome of forecasting a series of values: the chosen
// model, its held-out error, every candidate tried, in the order tried, and
// the forecast with prediction intervals (ISO/IEC 20000-1:2011, 6.5).
type Result struct {
	Model      Model       `json:"model"`
	Holdout    Accuracy    `json:"holdout"`
	Candidates []Candidate `json:"candidates"`
	Level      float64     `json:"level"`
	Bands      []Band      `json:"bands"`
}

// maxHorizon bounds the number of steps a forecast may ask for.
const maxHorizon = 10_000_000

// ForecastValues forecasts h steps after the equally spaced values y.
//
// It holds out the last points (see [Options.Holdout]), fits each candidate
// method on the rest and measures its error on the held-out points,
// forecast at most h steps ahead; the forecast is the combination of the
// three of least RMSE, weighted by the inverse of their held-out mean
// squared error ([MethodCombined]), or with [Options.Single] the one of
// least RMSE, or the method [Options] fixes.
// The kept models are then fitted again on all of y (unless
// [Options.KeepFit]), and the forecast starts from the end of y. The
// intervals are widened where the held-out errors call for it
// ([Options.RawIntervals]).
//
// It refuses, with matchable errors and no partial result: h outside
// [1, 10⁷], an unknown method or form, a form without [MethodETS], fixed
// parameters without a fixed method or out of their range
// ([process.ErrInvalidValue]); a value that is NaN, infinite or beyond
// ±1e100 ([ErrNotFinite]); fewer than three points ([ErrTooShort]); a fixed
// method that cannot fit the series ([ErrTooShort] when shorter than two
// seasons plus the held-out points, [ErrNonPositive] for a multiplicative
// model of a series with a value at or below zero). A flat series
// forecasts flat with zero-width intervals; no output holds NaN or an
// infinity (ISO/IEC 20000-1:2011, 6.5).
func ForecastValues(y []float64, h int, opt *Options) (*Result, error) {
	var f fitter
	return f.forecast(y, h, opt)
}

func (f *fitter) forecast(y []float64, h int, opt *Options) (*Result, error) {
	var o Options
	if opt != nil {
		o = *opt
	}
	if h < 1 || h > maxHorizon {
		return nil, fmt.Errorf("capacity: forecast: horizon %d outside [1, %d]: %w", h, maxHorizon, process.ErrInvalidValue)
	}
	if o.Method != "" && !o.Method.Valid() {
		return nil, fmt.Errorf("capacity: forecast: method %q: %w", string(o.Method), process.ErrInvalidValue)
	}
	if !o.Form.IsZero() && (o.Method != MethodETS || !o.Form.Valid()) {
		return nil, fmt.Errorf("capacity: forecast: form %s needs method %s and a valid form: %w", o.Form, MethodETS, process.ErrInvalidValue)
	}
	if len(o.Fixed) > 0 {
		if o.Method == "" || o.Method == MethodCombined {
			return nil, fmt.Errorf("capacity: forecast: fixed parameters need a fixed method: %w", process.ErrInvalidValue)
		}
		if err := checkFixed(o.Method, o.Fixed); err != nil {
			return nil, err
		}
	}
	if !(o.Level > 0 && o.Level < 1) {
		if o.Level != 0 {
			return nil, fmt.Errorf("capacity: forecast: interval level %g outside (0,1): %w", o.Level, process.ErrInvalidValue)
		}
		o.Level = 0.95
	}
	for _, p := range o.Periods {
		if p < 2 {
			return nil, fmt.Errorf("capacity: forecast: period %d, want 2 or more: %w", p, process.ErrInvalidValue)
		}
	}
	if err := checkValues(y); err != nil {
		return nil, err
	}
	n := len(y)
	if n == 0 {
		return nil, fmt.Errorf("capacity: forecast: %w", ErrNoData)
	}
	if n < 3 {
		return nil, fmt.Errorf("capacity: forecast: %d points, need at least 3 (2 to fit, 1 held out): %w", n, ErrTooShort)
	}
	hold := o.Holdout
	if hold == 0 {
		for _, p := range o.Periods {
			if n-p >= 2*p && p > hold {
				hold = p
			}
		}
		if hold == 0 {
			hold = max(1, n/5)
		}
	}
	if hold < 1 || n-hold < 2 {
		return nil, fmt.Errorf("capacity: forecast: %d points held out of %d leaves fewer than 2 to fit: %w", hold, n, ErrTooShort)
	}
	train, test := y[:n-hold], y[n-hold:]
	cands, err := candidates(o, y)
	if err != nil {
		return nil, err
	}
	res := &Result{Level: o.Level}
	var best *Model
	var bestBands []Band // best's forecasts of the held-out points
	var firstErr error
	var fitted []*Model
	var held []float64 // the held-out RMSE of each of fitted
	for _, c := range cands {
		md, err := f.fitCandidate(train, c, o.Method == "" || o.Method == MethodCombined)
		cd := Candidate{Method: c.Method, Period: c.Period, Period2: c.Period2, Form: c.Form, Decomposed: c.Decompose != ""}
		if err != nil {
			cd.Error = err.Error()
			if firstErr == nil {
				firstErr = err
			}
			res.Candidates = append(res.Candidates, cd)
			continue
		}
		cd.Period, cd.Form, cd.Decomposed = md.Period, md.Form, md.Decomposed
		bands := heldOut(md, y, len(train), h, o.Level)
		cd.Holdout = Measure(test, bands)
		res.Candidates = append(res.Candidates, cd)
		fitted, held = append(fitted, md), append(held, cd.Holdout.RMSE)
		if best == nil || cd.Holdout.RMSE < res.Holdout.RMSE {
			best, bestBands, res.Holdout = md, bands, cd.Holdout
		}
	}
	if o.Method == "" && slices.ContainsFunc(y, func(v float64) bool { return v <= 0 }) && len(o.Periods) > 0 {
		res.Candidates = append(res.Candidates, Candidate{
			Method: MethodHoltWintersMultiplicative,
			Error:  fmt.Sprintf("capacity: not tried: the series has a value at or below zero: %v", ErrNonPositive),
		})
	}
	if best == nil {
		return nil, fmt.Errorf("capacity: forecast: no method fits: %w", firstErr)
	}
	if o.Method == "" || o.Method == MethodCombined {
		if cm := combine(fitted, held); cm != nil {
			bands := heldOut(cm, y, len(train), h, o.Level)
			acc := Measure(test, bands)
			res.Candidates = append(res.Candidates, Candidate{Method: MethodCombined, Holdout: acc})
			if !o.Single || acc.RMSE < res.Holdout.RMSE {
				best, bestBands, res.Holdout = cm, bands, acc
			}
		} else if o.Method == MethodCombined {
			res.Candidates = append(res.Candidates, Candidate{Method: MethodCombined,
				Error: "capacity: not formed: fewer than two candidates with a held-out error above zero"})
		}
	}
	scale := 1.0
	if !o.RawIntervals {
		scale = calibration(best, bestBands, test, o.Level)
	}
	if !o.KeepFit {
		best = f.refit(best, y, test, o)
	} else {
		best.update(y, test)
	}
	if scale > 1 {
		best.Scale = scale
	}
	res.Model = *best
	res.Bands = best.Predict(h, o.Level)
	res.sanitise()
	return res, nil
}

// etsWindow is the most points an ETS candidate is fitted on when
// ForecastValues chooses: the last twelve weeks of hourly points. The
// likelihood search over starting states costs in proportion to the
// points, and the state forgets its start long before.
const etsWindow = 12 * 168

// fitCandidate fits sp to train; when choosing, an ETS candidate only to the
// last etsWindow points, its state then run on from there (From says where).
func (f *fitter) fitCandidate(train []float64, sp Spec, choosing bool) (*Model, error) {
	if !choosing || sp.Method != MethodETS || len(train) <= etsWindow {
		return f.fit(train, sp)
	}
	off := len(train) - etsWindow
	md, err := f.fit(train[off:], sp)
	if err != nil {
		return nil, err
	}
	md.From, md.N, md.Fitted = off, len(train), len(train)
	return md, nil
}

// refit fits md's method again on all of y (test its tail), or, where that
// fails, runs md on over test; a combination refits each part.
// Holt-Winters is refitted from md's starting state and parameters
// ([fitter.refitHW]), the others from scratch with md's form.
func (f *fitter) refit(md *Model, y, test []float64, o Options) *Model {
	if md.Method == MethodCombined {
		for i := range md.Parts {
			md.Parts[i].Model = *f.refit(&md.Parts[i].Model, y, test, o)
		}
		md.N, md.Fitted = len(y), len(y)
		return md
	}
	var nm *Model
	if md.Method == MethodHoltWintersAdditive || md.Method == MethodHoltWintersMultiplicative {
		nm, _ = f.refitHW(y, md, o.Fixed, o.MaxEvals)
	}
	if nm == nil {
		sp := Spec{Method: md.Method, Period: md.Period, Period2: md.Period2, Form: md.Form, Fixed: o.Fixed, MaxEvals: o.MaxEvals}
		if md.Decomposed {
			sp.Form, sp.Decompose = Form{}, md.Form.Season
		}
		nm, _ = f.fitCandidate(y, sp, o.Method == "" || o.Method == MethodCombined)
	}
	if nm != nil {
		nm.Evals += md.Evals
		return nm
	}
	md.update(y, test)
	return md
}

// maxParts is the most candidates a combination takes.
const maxParts = 3

// combine returns the combination of the (up to) three models of least
// held-out RMSE, weighted by the inverse of their held-out mean squared
// error; nil where fewer than two have an error above zero.
func combine(models []*Model, rmse []float64) *Model {
	idx := make([]int, 0, len(models))
	for i, r := range rmse {
		if r > 0 && !math.IsInf(r, 0) && r < math.Sqrt(math.MaxFloat64) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmpFloat(rmse[a], rmse[b]) })
	idx = idx[:min(len(idx), maxParts)]
	if len(idx) < 2 {
		return nil
	}
	var ws float64
	for _, i := range idx {
		ws += 1 / (rmse[i] * rmse[i])
	}
	cm := &Model{Method: MethodCombined}
	for _, i := range idx {
		md := models[i]
		cm.Parts = append(cm.Parts, Part{Weight: 1 / (rmse[i] * rmse[i]) / ws, Model: *md})
		cm.N, cm.Fitted = max(cm.N, md.N), max(cm.Fitted, md.Fitted)
		cm.Evals += md.Evals
	}
	return cm
}

// candidates lists the fits ForecastValues tries for y under o.
func candidates(o Options, y []float64) ([]Spec, error) {
	positive := !slices.ContainsFunc(y, func(v float64) bool { return v <= 0 })
	if o.Method != "" && o.Method != MethodCombined {
		sp := Spec{Method: o.Method, Form: o.Form, Fixed: o.Fixed, MaxEvals: o.MaxEvals}
		switch {
		case o.Method == MethodLinear:
			return []Spec{sp}, nil
		case o.Method == MethodETS:
			if len(o.Periods) == 0 {
				return []Spec{sp}, nil
			}
			var out []Spec
			for _, p := range o.Periods {
				sp.Period = p
				out = append(out, sp)
			}
			return out, nil
		case o.Method == MethodDoubleSeasonal:
			var out []Spec
			for _, pair := range periodPairs(o.Periods) {
				sp.Period, sp.Period2 = pair[0], pair[1]
				out = append(out, sp)
			}
			if len(out) == 0 {
				return nil, fmt.Errorf("capacity: forecast: %s needs two periods, the longer a multiple of the shorter: %w", o.Method, process.ErrInvalidValue)
			}
			return out, nil
		}
		if len(o.Periods) == 0 {
			return nil, fmt.Errorf("capacity: forecast: %s needs a period: %w", o.Method, process.ErrInvalidValue)
		}
		var out []Spec
		for _, p := range o.Periods {
			sp.Period = p
			out = append(out, sp)
		}
		return out, nil
	}
	out := []Spec{{Method: MethodLinear}}
	for _, m := range []Method{MethodHoltWintersAdditive, MethodHoltWintersMultiplicative} {
		if m == MethodHoltWintersMultiplicative && !positive {
			continue // not a candidate: said once in the result
		}
		for _, p := range o.Periods {
			out = append(out, Spec{Method: m, Period: p, MaxEvals: o.MaxEvals})
		}
	}
	ets := 0
	for _, p := range o.Periods {
		if p <= maxETSPeriod {
			out = append(out, Spec{Method: MethodETS, Period: p, MaxEvals: o.MaxEvals})
			ets++
		}
	}
	if ets == 0 {
		out = append(out, Spec{Method: MethodETS, MaxEvals: o.MaxEvals})
	}
	for _, p := range o.Periods {
		out = append(out, Spec{Method: MethodETS, Period: p, Decompose: ComponentAdditive, MaxEvals: o.MaxEvals})
		if positive {
			out = append(out, Spec{Method: MethodETS, Period: p, Decompose: ComponentMultiplicative, MaxEvals: o.MaxEvals})
		}
	}
	for _, pair := range periodPairs(o.Periods) {
		out = append(out, Spec{Method: MethodDoubleSeasonal, Period: pair[0], Period2: pair[1], MaxEvals: o.MaxEvals})
	}
	return out, nil
}

// periodPairs returns the pairs of periods (shorter, longer) of which the
// longer is a multiple of the shorter, in the order of ps.
func periodPairs(ps []int) [][2]int {
	var out [][2]int
	for _, a := range ps {
		for _, b := range ps {
			if b > a && b%a == 0 {
				out = append(out, [2]int{a, b})
			}
		}
	}
	return out
}

// calibration returns the factor by which md's intervals should widen for
// its errors on the held-out points test, forecast as bands (see
// [heldOut]), to be as wide as its intervals say: the root of the mean of
// 1 and the mean squared error in units of the model's standard deviation
// at each point's horizon, and never below 1. The
// 1 in the mean stands for the model's own claim, so that a few held-out
// points move the width only half way.
func calibration(md *Model, bands []Band, test []float64, level float64) float64 {
	if len(test) == 0 {
		return 1
	}
	z := zScore(level)
	if md.Method == MethodLinear {
		z = tScore(level, float64(md.N-2))
	}
	var ss float64
	var k int
	for i, b := range bands[:min(len(bands), len(test))] {
		sd := (b.Upper - b.Value) / z
		if !(sd > 0) || math.IsInf(sd, 0) {
			continue
		}
		r := (test[i] - b.Value) / sd
		ss += r * r
		k++
	}
	if k == 0 {
		return 1
	}
	f := math.Sqrt((1 + ss/float64(k)) / 2)
	if !(f > 1) || math.IsInf(f, 0) {
		return 1
	}
	return min(f, 10)
}

// maxOrigins is the most forecast origins [heldOut] takes. A line is
// refitted on every point at each origin, so that with an origin at every
// step the held-out forecasts of a line would cost in proportion to the
// square of the series' length.
const maxOrigins = 64

// heldOut returns md's forecasts of the held-out points y[n:], md fitted
// on y[:n], as the forecast will be used: at most h steps ahead. From the
// end of y[:n] md forecasts the first h held-out points; then its state
// runs on over those points (its parameters kept, a line refitted: see
// [Model.update]) and it forecasts the next h from there, and so on to the
// end. Where that would take more than maxOrigins origins, each forecasts
// a maxOrigins-th of the held-out points instead. Where h covers the
// held-out points (or is not positive) this is md.Predict(len(y)-n). md
// itself is not changed.
func heldOut(md *Model, y []float64, n, h int, level float64) []Band {
	hold := len(y) - n
	step := max(h, (hold+maxOrigins-1)/maxOrigins)
	if h <= 0 || step >= hold {
		return md.Predict(hold, level)
	}
	cur := *md
	cur.Parts = slices.Clone(md.Parts)
	out := make([]Band, 0, hold)
	for k := 0; k < hold; k += step {
		if k > 0 {
			cur.update(y[:n+k], y[n+k-step:n+k])
		}
		out = append(out, cur.Predict(min(step, hold-k), level)...)
	}
	return out
}

// ForecastAll forecasts each series of ys as [ForecastValues] does, with the
// same h and options (ISO/IEC 20000-1:2011, 6.5: predictive analysis).
//
// ForecastAll starts goroutines: up to workers of them at once (0 or less
// means GOMAXPROCS), each forecasting one series at a time. It is the one
// function of the package that does, and it waits for them: every
// goroutine it started has ended when it returns. It reads ys and opt
// concurrently and does not change them; the caller must not change them
// until it returns.
//
// Results are in the order of ys; a series that fails has a nil result and
// its error, naming its index, joined into the returned error. It stops
// early, leaving the series not yet started with nil results and returning
// ctx.Err() joined in, when ctx is done.
func ForecastAll(ctx context.Context, ys [][]float64, h int, opt *Options, workers int) ([]*Result, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(1, len(ys)))
	out := make([]*Result, len(ys))
	errs := make([]error, len(ys))
	var next int
	var mu sync.Mutex
	take := func() int {
		mu.Lock()
		defer mu.Unlock()
		if ctx.Err() != nil || next >= len(ys) {
			return -1
		}
		next++
		return next - 1
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var f fitter
			for i := take(); i >= 0; i = take() {
				r, err := f.forecast(ys[i], h, opt)
				if err != nil {
					errs[i] = fmt.Errorf("capacity: series %d: %w", i, err)
					continue
				}
				out[i] = r
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	}
	return out, errors.Join(errs...)
}

// DefaultPeriods returns the season lengths of a day and of a week in steps
// of step, where those are whole numbers of at least 2: 24 and 168 for
// hourly points, 48 and 336 for half-hourly, 7 (a week) for daily points.
// ISO/IEC 20000-1:2011, 6.5.
func DefaultPeriods(step time.Duration) []int {
	var ps []int
	for _, d := range []time.Duration{24 * time.Hour, 7 * 24 * time.Hour} {
		if step > 0 && d%step == 0 && d/step >= 2 {
			ps = append(ps, int(d/step))
		}
	}
	return ps
}

// ForecastPoint is one step of a forecast record: when it starts, the
// forecast with its prediction interval after scenario effects, and Base,
// the model's point forecast before them (ISO/IEC 20000-1:2011, 6.5).
type ForecastPoint struct {
	At time.Time `json:"at"`
	Band
	Base float64 `json:"base"`
}

// Forecast is a forecast of a utilisation series: forecast demand for the
// capacity plan, with the model and method used, its error on held-out data,
// the candidates tried, the scenario effects applied and the forecast steps
// with prediction intervals (ISO/IEC 20000-1:2011, 6.5). Its kind is
// process.KindCapacityForecast; it is reported in service reports with
// process.LinkReportedIn (Annex A, CAP → SR). Not safe for concurrent
// mutation.
type Forecast struct {
	process.Header
	Series   process.ID    `json:"series"`
	Resource process.ID    `json:"resource"`
	Metric   string        `json:"metric"`
	Unit     string        `json:"unit"`
	Step     time.Duration `json:"step"`
	// Level is the coverage of the prediction intervals.
	Level      float64         `json:"level"`
	Model      Model           `json:"model"`
	Holdout    Accuracy        `json:"holdout"`
	Candidates []Candidate     `json:"candidates"`
	Scenarios  []Scenario      `json:"scenarios,omitempty"`
	Points     []ForecastPoint `json:"points"`
}

// NewForecast forecasts h steps after the regularised series r of s, as
// [ForecastValues] does (with nil Periods meaning [DefaultPeriods] of the
// step), and returns the forecast as a record created by by at at. It
// refuses ([process.ErrInvalidValue]) a step not positive, and a series
// whose steps with the h ahead span more than the longest time.Duration
// (about 292 years), where the times of its points would overflow.
// ISO/IEC 20000-1:2011, 6.5.
func NewForecast(s *Series, r Regular, h int, opt *Options, by process.Actor, at time.Time) (*Forecast, error) {
	var o Options
	if opt != nil {
		o = *opt
	}
	if o.Periods == nil {
		o.Periods = DefaultPeriods(r.Step)
	}
	if r.Step <= 0 {
		return nil, fmt.Errorf("capacity: forecast %s: step %s: %w", s.Subject(), r.Step, process.ErrInvalidValue)
	}
	if h > 0 && int64(len(r.Values))+int64(h) > math.MaxInt64/int64(r.Step) {
		return nil, fmt.Errorf("capacity: forecast %s: %d steps of %s and %d ahead end past %s, the longest time.Duration: %w",
			s.Subject(), len(r.Values), r.Step, h, time.Duration(math.MaxInt64), process.ErrInvalidValue)
	}
	res, err := ForecastValues(r.Values, h, &o)
	if err != nil {
		return nil, fmt.Errorf("capacity: forecast %s: %w", s.Subject(), err)
	}
	f := &Forecast{
		Header:     process.NewHeader(process.KindCapacityForecast, "forecast of "+s.Title, by, at),
		Series:     s.ID,
		Resource:   s.Resource,
		Metric:     s.Metric,
		Unit:       s.Unit,
		Step:       r.Step,
		Level:      res.Level,
		Model:      res.Model,
		Holdout:    res.Holdout,
		Candidates: res.Candidates,
		Points:     make([]ForecastPoint, len(res.Bands)),
	}
	end := r.End()
	for i, b := range res.Bands {
		f.Points[i] = ForecastPoint{At: end.Add(time.Duration(i) * r.Step), Band: b, Base: b.Value}
	}
	return f, nil
}

// Validate reports every field at fault: the header, the series and
// resource, the model's method, the interval level, and points out of time
// order or not finite.
func (f *Forecast) Validate() error {
	v := process.ValidationError{Subject: f.Subject()}
	process.ValidateHeader(&f.Header, process.KindCapacityForecast, &v)
	v.Require("series", !f.Series.IsZero())
	v.Require("resource", !f.Resource.IsZero())
	process.CheckEnum(&v, "model.method", f.Model.Method)
	if f.Model.Method == MethodETS && !f.Model.Form.Valid() {
		v.Addf("model.form", process.ErrInvalidValue, "%s is not a form of %s", f.Model.Form, MethodETS)
	}
	for i, p := range f.Model.Parts {
		process.CheckEnum(&v, fmt.Sprintf("model.parts[%d].model.method", i), p.Model.Method)
	}
	if !(f.Level > 0 && f.Level < 1) {
		v.Addf("level", process.ErrInvalidValue, "%g outside (0,1)", f.Level)
	}
	for i, sc := range f.Scenarios {
		v.Merge(fmt.Sprintf("scenarios[%d]", i), sc.Validate())
	}
	for i, p := range f.Points {
		path := fmt.Sprintf("points[%d]", i)
		for _, x := range []float64{p.Value, p.Lower, p.Upper, p.Base} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				v.Add(path, ErrNotFinite)
				break
			}
		}
		if i > 0 && !p.At.After(f.Points[i-1].At) {
			v.Addf(path+".at", process.ErrInvalidValue, "not after the point before")
		}
	}
	return v.Err()
}

// sanitise caps every number of the result to the finite range, so that no
// output holds an infinity or NaN even where extreme inputs (values near
// 1e±100 mixed with values near zero) overflow the arithmetic.
func (r *Result) sanitise() {
	r.Model.sanitise()
	for i := range r.Bands {
		b := &r.Bands[i]
		b.Value, b.Lower, b.Upper = finite(b.Value), finite(b.Lower), finite(b.Upper)
	}
}

// sanitise caps every number of the model, and of its parts, to the finite
// range.
func (m *Model) sanitise() {
	for _, p := range []*float64{&m.Alpha, &m.Beta, &m.Gamma, &m.Omega, &m.Phi, &m.Level, &m.Trend, &m.Sigma, &m.Scale,
		&m.SSE, &m.LogLik, &m.AICc, &m.Start.Level, &m.Start.Trend} {
		*p = finite(*p)
	}
	for _, s := range [][]float64{m.Season, m.Season2, m.Start.Season, m.Start.Season2} {
		for i := range s {
			s[i] = finite(s[i])
		}
	}
	for i := range m.Parts {
		m.Parts[i].Weight = finite(m.Parts[i].Weight)
		m.Parts[i].Model.sanitise()
	}
}
