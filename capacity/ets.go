package capacity

import (
	"fmt"
	"math"
	"slices"

	"github.com/smskit/iso20000/process"
)

// Component is one part of the form of an exponential-smoothing
// state-space model (a [Form]): how its error, trend or season enters
// (ISO/IEC 20000-1:2011, 6.5: procedures for predictive analysis).
type Component string

// The components of a [Form], in the letters of Hyndman et al. (2008) and
// of R's forecast::ets.
const (
	// ComponentNone is a trend or season the model does not have.
	ComponentNone Component = "N"
	// ComponentAdditive is an error, trend or season added to the level.
	ComponentAdditive Component = "A"
	// ComponentDamped is an additive trend damped by Phi: a forecast that
	// levels off rather than growing without end.
	ComponentDamped Component = "Ad"
	// ComponentMultiplicative is an error relative to the forecast, or a
	// season that multiplies the level; it needs positive values.
	ComponentMultiplicative Component = "M"
)

// Valid reports whether c is one of the components above.
func (c Component) Valid() bool {
	switch c {
	case ComponentNone, ComponentAdditive, ComponentDamped, ComponentMultiplicative:
		return true
	}
	return false
}

// String returns the component's letter.
func (c Component) String() string { return string(c) }

// MarshalText encodes the component: its letter, or nothing when unset; an
// unknown value is refused.
func (c Component) MarshalText() ([]byte, error) { return process.MarshalEnum(c) }

// UnmarshalText decodes a letter, or "" as unset; an unknown value is
// refused and leaves c unchanged.
func (c *Component) UnmarshalText(b []byte) error { return process.UnmarshalEnum(c, b) }

// Form is the form of an exponential-smoothing state-space model, ETS(error,
// trend, season): Error additive or multiplicative, Trend none, additive or
// damped, Season none, additive or multiplicative (ISO/IEC 20000-1:2011,
// 6.5). The zero Form is unset: in a [Spec] or [Options] it means "choose by
// AICc".
type Form struct {
	Error  Component `json:"error"`
	Trend  Component `json:"trend"`
	Season Component `json:"season"`
}

// IsZero reports whether f is unset.
func (f Form) IsZero() bool { return f == Form{} }

// Valid reports whether f is a form the package fits: the error A or M,
// the trend N, A or Ad, the season N, A or M.
func (f Form) Valid() bool {
	return (f.Error == ComponentAdditive || f.Error == ComponentMultiplicative) &&
		(f.Trend == ComponentNone || f.Trend == ComponentAdditive || f.Trend == ComponentDamped) &&
		(f.Season == ComponentNone || f.Season == ComponentAdditive || f.Season == ComponentMultiplicative)
}

// String returns the form as forecast::ets names it: "ETS(M,Ad,M)".
func (f Form) String() string {
	if f.IsZero() {
		return "ETS"
	}
	return "ETS(" + string(f.Error) + "," + string(f.Trend) + "," + string(f.Season) + ")"
}

// The bounds of the state-space parameters, as forecast::ets sets them.
const (
	etsLower = 1e-4
	etsUpper = 0.9999
	phiMin   = 0.8
	phiMax   = 0.98
)

// maxETSPeriod is the longest season the state-space models take, as in
// forecast::ets: beyond it the starting states outnumber what a likelihood
// search can fit.
const maxETSPeriod = 24

// etsPass runs the state-space recursion of form fm over y, from level l,
// trend b and the seasonal states s (changed in place; s[i%len(s)] serves
// point i; empty without a season). It returns the sum of squared one-step
// errors in the series' unit, the sum of squared relative errors, the sum
// of the logs of the forecasts' magnitudes, the final level and trend, and
// ok false where the model breaks down (a forecast at or below zero for a
// multiplicative error or season, a state not finite). It allocates nothing.
func etsPass(y []float64, fm Form, alpha, beta, gamma, phi, l, b float64, s []float64) (sse, rel, logmu, level, trend float64, ok bool) {
	m := len(s)
	j := 0
	hasTrend := fm.Trend != ComponentNone
	mulSeason := fm.Season == ComponentMultiplicative
	addSeason := fm.Season == ComponentAdditive
	mulErr := fm.Error == ComponentMultiplicative
	if !hasTrend {
		b = 0
	}
	prod := 1.0
	defer func() { logmu += math.Log(prod) }()
	for _, v := range y {
		pb := phi * b
		t := l + pb
		mu := t
		var sj float64
		switch {
		case addSeason:
			sj = s[j]
			mu = t + sj
		case mulSeason:
			sj = s[j]
			mu = t * sj
		}
		e := v - mu
		if (mulErr || mulSeason) && !(mu > 0) {
			return sse, rel, logmu, l, b, false
		}
		if mulErr {
			r := e / mu
			rel += r * r
			// The logs of the forecasts are summed as the log of their
			// product, taken whenever the product leaves [1e-100, 1e100]:
			// a logarithm per point would cost as much as the rest of the
			// pass.
			if mu > 1e-100 && mu < 1e100 {
				prod *= mu
				if prod > 1e100 || prod < 1e-100 {
					logmu += math.Log(prod)
					prod = 1
				}
			} else {
				logmu += math.Log(mu)
			}
		}
		sse += e * e
		if mulSeason {
			l = t + alpha*e/sj
			if hasTrend {
				b = pb + beta*e/sj
			}
			s[j] = sj + gamma*e/t
		} else {
			l = t + alpha*e
			if hasTrend {
				b = pb + beta*e
			}
			if addSeason {
				s[j] = sj + gamma*e
			}
		}
		if !(l < maxAbs && l > -maxAbs && b < maxAbs && b > -maxAbs) {
			return sse, rel, logmu, l, b, false
		}
		if m > 0 {
			if j++; j == m {
				j = 0
			}
		}
	}
	return sse, rel, logmu, l, b, true
}

// etsForms returns the forms tried for y: those of forecast::ets with its
// default restrictions (no multiplicative trend; no additive error with a
// multiplicative season; multiplicative parts only for positive series),
// seasonal ones only when seasonal is set.
func etsForms(seasonal, positive bool) []Form {
	var out []Form
	errs := []Component{ComponentAdditive}
	if positive {
		errs = append(errs, ComponentMultiplicative)
	}
	seasons := []Component{ComponentNone}
	if seasonal {
		seasons = append(seasons, ComponentAdditive)
		if positive {
			seasons = append(seasons, ComponentMultiplicative)
		}
	}
	for _, e := range errs {
		for _, t := range []Component{ComponentNone, ComponentAdditive, ComponentDamped} {
			for _, s := range seasons {
				if e == ComponentAdditive && s == ComponentMultiplicative {
					continue
				}
				out = append(out, Form{e, t, s})
			}
		}
	}
	return out
}

// etsParams counts the estimated parameters of a form with season m: the
// smoothing parameters, the damping and the starting states (level, trend,
// and all seasonal states but one, which the others fix).
func etsParams(fm Form, m int, fixed map[Param]float64) int {
	k := 2 // alpha, level
	if fm.Trend != ComponentNone {
		k += 2 // beta, trend
	}
	if fm.Trend == ComponentDamped {
		k++
	}
	if fm.Season != ComponentNone {
		k += m // gamma, m-1 states
	}
	for p := range fixed {
		switch {
		case p == ParamAlpha,
			p == ParamBeta && fm.Trend != ComponentNone,
			p == ParamGamma && fm.Season != ComponentNone,
			p == ParamPhi && fm.Trend == ComponentDamped:
			k--
		}
	}
	return k
}

// fitETS fits the state-space model sp names, or with a zero Form every
// form that fits y and keeps the least AICc: every form is searched with a
// few evaluations, and the forms near the least AICc go on in rounds
// ([etsRounds]), so that the search's time goes to the forms that could
// be chosen.
func (f *fitter) fitETS(y []float64, sp Spec) (*Model, error) {
	m := sp.Period
	if m < 0 {
		return nil, fmt.Errorf("capacity: fit %s: period %d: %w", MethodETS, sp.Period, process.ErrInvalidValue)
	}
	if m == 1 {
		m = 0 // a season of one step is none
	}
	positive := !slices.ContainsFunc(y, func(v float64) bool { return v <= 0 })
	evals := sp.MaxEvals
	if evals <= 0 {
		evals = 2000
	}
	if !sp.Form.IsZero() {
		fm := sp.Form
		if !fm.Valid() {
			return nil, fmt.Errorf("capacity: fit %s: form %s: %w", MethodETS, fm, process.ErrInvalidValue)
		}
		if fm.Season != ComponentNone && m < 2 {
			return nil, fmt.Errorf("capacity: fit %s: a seasonal form needs a period of 2 or more: %w", fm, process.ErrInvalidValue)
		}
		if fm.Season != ComponentNone && len(y) < 2*m {
			return nil, fmt.Errorf("capacity: fit %s: %d points, need two seasons of %d: %w", fm, len(y), m, ErrTooShort)
		}
		if (fm.Error == ComponentMultiplicative || fm.Season == ComponentMultiplicative) && !positive {
			return nil, checkPositive(y, fm)
		}
		if k := etsParams(fm, m, sp.Fixed); len(y) < k+3 {
			return nil, fmt.Errorf("capacity: fit %s: %d points, need %d for %d parameters: %w", fm, len(y), k+3, k, ErrTooShort)
		}
		md := f.fitForm(y, fm, m, sp.Fixed, evals, nil)
		if md == nil {
			return nil, fmt.Errorf("capacity: fit %s: the forecast falls to zero for every parameter tried: %w", fm, ErrNonPositive)
		}
		return md, nil
	}
	seasonal := m >= 2 && m <= maxETSPeriod && len(y) >= 2*m
	// Every form is searched briefly, and only those whose AICc is close
	// to the least go on, in rounds of longer searches from where they
	// stopped: a form far behind after a short search does not catch up
	// (its likelihood is lower by more than the search could still gain),
	// and the search of the rest is where the time goes.
	type fit struct {
		fm Form
		md *Model
	}
	var fits []fit
	evalsAll := 0
	screen := min(evals, etsRounds[0].evals)
	for _, fm := range etsForms(seasonal, positive) {
		if len(y) < etsParams(fm, m, sp.Fixed)+3 {
			continue
		}
		md := f.fitForm(y, fm, m, sp.Fixed, screen, nil)
		if md == nil {
			continue
		}
		evalsAll += md.Evals
		fits = append(fits, fit{fm, md})
	}
	if len(fits) == 0 {
		return nil, fmt.Errorf("capacity: fit %s: %d points, too few for any form: %w", MethodETS, len(y), ErrTooShort)
	}
	least := func() *Model {
		best := fits[0].md
		for _, ft := range fits[1:] {
			if ft.md.AICc < best.AICc {
				best = ft.md
			}
		}
		return best
	}
	spent := screen
	for _, r := range etsRounds[1:] {
		budget := min(r.evals, evals-spent)
		if r.evals == 0 {
			budget = evals - spent
		}
		if budget < 20 {
			break
		}
		spent += budget
		cut := least().AICc + r.within
		order := make([]int, len(fits))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmpFloat(fits[a].md.AICc, fits[b].md.AICc) })
		for k, i := range order {
			ft := fits[i]
			if !(ft.md.AICc <= cut) || k >= r.most {
				break
			}
			md := f.fitForm(y, ft.fm, m, sp.Fixed, budget, ft.md)
			if md == nil {
				continue
			}
			evalsAll += md.Evals
			if md.AICc <= ft.md.AICc {
				fits[i].md = md
			}
		}
	}
	best := least()
	best.Evals = evalsAll
	return best, nil
}

// etsRounds are the rounds of the search over forms: every form is
// searched with the evaluations of the first, and in each later round
// the forms whose AICc is within that round's margin of the least go on
// with its evaluations (0: what is left of the budget per form), at most
// the round's most of them, least AICc first. The margins were set by
// in-sample AICc alone, against the full search of every form (2,000
// evaluations each): on the 20 reference series of examples/capacityr and
// 10 synthetic ones drawn with other seeds, the rounds end at a lower
// AICc on 25 of the 30, within 0.02 of it on 4, and 5.2 above it on one
// (the same form, searched less far), with a quarter to a half of the
// evaluations.
var etsRounds = [...]struct {
	evals  int
	within float64
	most   int
}{
	{200, 0, 0},
	{600, 20, 6},
	{0, 4, 3},
}

// etsStart is the heuristic starting state of a form, from which the
// likelihood search begins: the seasonal states of [seasonsStart] (from
// two to four seasons), and the level and trend of the least-squares line
// through the first points once the season is taken out, one step before
// the first point.
func etsStart(y []float64, fm Form, m int, s []float64) (l, b float64) {
	k := min(len(y), max(10, 2*m))
	if fm.Season != ComponentNone {
		seasonsStart(y, m, fm.Season == ComponentMultiplicative, s)
	}
	d := make([]float64, k)
	for i := range k {
		d[i] = y[i]
		switch fm.Season {
		case ComponentAdditive:
			d[i] -= s[i%m]
		case ComponentMultiplicative:
			d[i] /= s[i%m]
		}
	}
	var dm float64
	for _, v := range d {
		dm += v
	}
	dm /= float64(k)
	if fm.Trend == ComponentNone {
		return dm, 0
	}
	xm := float64(k-1) / 2
	var sxy, sxx float64
	for i, v := range d {
		sxy += (float64(i) - xm) * (v - dm)
		sxx += (float64(i) - xm) * (float64(i) - xm)
	}
	b = sxy / sxx
	return dm - b*xm - b, b
}

// etsStarts are the smoothing parameters the search starts from: α, β, γ
// (in the state-space form) and φ.
var etsStarts = [...][4]float64{
	{0.1, 0.01, 0.01, 0.97},
	{0.3, 0.05, 0.1, 0.9},
	{0.6, 0.1, 0.05, 0.95},
	{0.02, 0.002, 0.05, 0.98},
}

// fitForm fits one form by likelihood; nil where it breaks down for
// every parameter tried.
func (f *fitter) fitForm(y []float64, fm Form, m int, fixed map[Param]float64, evals int, warm *Model) *Model {
	if fm.Season == ComponentNone {
		m = 0
	}
	s0 := make([]float64, m)
	l0, b0 := etsStart(y, fm, m, s0)
	hasTrend := fm.Trend != ComponentNone
	// The vector searched: the parameters not fixed, then the level, the
	// trend and m−1 seasonal states.
	type slot struct {
		p        Param
		lo, hi   float64
		fixed    bool
		value    float64
		relevant bool
	}
	slots := []slot{
		{p: ParamAlpha, lo: etsLower, hi: etsUpper, relevant: true},
		{p: ParamBeta, lo: etsLower, hi: etsUpper, relevant: hasTrend},
		{p: ParamGamma, lo: etsLower, hi: etsUpper, relevant: m > 0},
		{p: ParamPhi, lo: phiMin, hi: phiMax, relevant: fm.Trend == ComponentDamped},
	}
	for i := range slots {
		if v, ok := fixed[slots[i].p]; ok && slots[i].relevant {
			slots[i].fixed, slots[i].value = true, v
		}
	}
	var lo, hi, step []float64
	var which []int // slot index of each searched parameter
	for i, sl := range slots {
		if sl.relevant && !sl.fixed {
			which = append(which, i)
			lo, hi = append(lo, sl.lo), append(hi, sl.hi)
			step = append(step, 0.05)
			if sl.p == ParamPhi {
				step[len(step)-1] = 0.02
			}
		}
	}
	np := len(which)
	scale := spread(y)
	lo, hi, step = append(lo, math.Inf(-1)), append(hi, math.Inf(1)), append(step, 0.2*scale+1e-9)
	if hasTrend {
		lo, hi, step = append(lo, math.Inf(-1)), append(hi, math.Inf(1)), append(step, 0.02*scale+1e-9)
	}
	for range max(0, m-1) {
		if fm.Season == ComponentMultiplicative {
			lo, hi, step = append(lo, 1e-3), append(hi, math.Inf(1)), append(step, 0.05)
		} else {
			lo, hi, step = append(lo, math.Inf(-1)), append(hi, math.Inf(1)), append(step, 0.1*scale+1e-9)
		}
	}
	s := make([]float64, m)
	// unpack sets the parameters and the starting state from x.
	var a, be, g, ph float64
	unpack := func(x []float64) (l, b float64, ok bool) {
		vals := [4]float64{}
		for i, sl := range slots {
			vals[i] = sl.value
		}
		for k, i := range which {
			vals[i] = x[k]
		}
		a, be, g, ph = vals[0], vals[1], vals[2], vals[3]
		switch fm.Trend {
		case ComponentNone:
			be, ph = 0, 0
		case ComponentAdditive:
			ph = 1
		}
		if m == 0 {
			g = 0
		}
		// The usual region of forecast::ets: β ≤ α, γ ≤ 1 − α.
		if be > a || g > 1-a {
			return 0, 0, false
		}
		l = x[np]
		if hasTrend {
			b = x[np+1]
		}
		if m > 0 {
			off := np + 1
			if hasTrend {
				off++
			}
			var sum float64
			for j := range m - 1 {
				s[j] = x[off+j]
				sum += s[j]
			}
			if fm.Season == ComponentMultiplicative {
				s[m-1] = float64(m) - sum
				if !(s[m-1] > 0) {
					return 0, 0, false
				}
			} else {
				s[m-1] = -sum
			}
		}
		return l, b, true
	}
	n := float64(len(y))
	objective := func(x []float64) float64 {
		l, b, ok := unpack(x)
		if !ok {
			return math.Inf(1)
		}
		sse, rel, logmu, _, _, ok := etsPass(y, fm, a, be, g, ph, l, b, s)
		if !ok {
			return math.Inf(1)
		}
		if fm.Error == ComponentMultiplicative {
			return n*math.Log(rel+1e-300) + 2*logmu
		}
		return n * math.Log(sse+1e-300)
	}
	var starts [][]float64
	for _, st := range etsStarts {
		x := make([]float64, 0, len(lo))
		for _, i := range which {
			v := st[i]
			if slots[i].p == ParamBeta {
				v = min(v, st[0])
			}
			x = append(x, v)
		}
		x = append(x, l0)
		if hasTrend {
			x = append(x, b0)
		}
		x = append(x, s0[:max(0, m-1)]...)
		starts = append(starts, x)
	}
	if warm != nil {
		// Go on from an earlier, shorter search of the same form.
		x := make([]float64, 0, len(lo))
		for _, i := range which {
			x = append(x, [4]float64{warm.Alpha, warm.Beta, warm.Gamma, warm.Phi}[i])
		}
		x = append(x, warm.Start.Level)
		if hasTrend {
			x = append(x, warm.Start.Trend)
		}
		x = append(x, warm.Start.Season[:max(0, m-1)]...)
		starts = [][]float64{x}
	}
	// The tolerance is forecast::ets's (optim's reltol): the likelihood
	// is the objective, and a part in 10⁸ of it is far below a difference
	// of AICc that could change the choice of form.
	pr := problem{f: objective, lo: lo, hi: hi, step: step, budget: evals, ftol: 1e-8}
	x, best := pr.solve(starts, 1)
	if math.IsInf(best, 1) {
		return nil
	}
	l, b, _ := unpack(x)
	md := &Model{Method: MethodETS, Form: fm, Period: m, Alpha: a, Beta: be, Gamma: g, Phi: ph, N: len(y), Fitted: len(y), Evals: pr.evals}
	md.Start = State{Level: l, Trend: b, Season: slices.Clone(s)}
	sse, rel, logmu, lN, bN, _ := etsPass(y, fm, a, be, g, ph, l, b, s)
	md.Level, md.Trend, md.SSE = lN, bN, sse
	md.Params = etsParams(fm, m, fixed)
	if fm.Error == ComponentMultiplicative {
		md.setLikelihood(len(y), rel, logmu)
		md.Sigma = math.Sqrt(rel / float64(max(1, len(y)-md.Params)))
	} else {
		md.setLikelihood(len(y), sse, 0)
		md.Sigma = math.Sqrt(sse / float64(max(1, len(y)-md.Params)))
	}
	if m > 0 {
		md.Season = make([]float64, m)
		for k := range m {
			md.Season[k] = s[(len(y)+k)%m]
		}
	}
	return md
}

// spread is the standard deviation of y, or 1 for a flat series, the scale
// of the starting states' first steps.
func spread(y []float64) float64 {
	var mean float64
	for _, v := range y {
		mean += v
	}
	mean /= float64(len(y))
	var ss float64
	for _, v := range y {
		ss += (v - mean) * (v - mean)
	}
	sd := math.Sqrt(ss / float64(len(y)))
	if !(sd > 0) {
		return math.Max(1e-3*math.Abs(mean), 1e-9)
	}
	return sd
}
