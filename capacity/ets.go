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
			// e/sj as v/sj − t: the division by sj, known a season
			// ahead, leaves the chain from one level to the next.
			q := v/sj - t
			l = t + alpha*q
			if hasTrend {
				b = pb + beta*q
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
// form that fits y and keeps the least AICc: every seasonal form is
// searched with a few evaluations, and the forms near the least AICc go on
// in rounds ([etsRounds]), so that the search's time goes to the forms that
// could be chosen; a form without a season is searched to the end in the
// first round, its gradient search needing a few dozen passes.
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
		// A form without a season is searched to the end at once: its
		// gradient search takes a few dozen passes.
		budget := screen
		if fm.Season == ComponentNone {
			budget = evals
		}
		md := f.fitForm(y, fm, m, sp.Fixed, budget, nil)
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
			if ft.fm.Season == ComponentNone {
				continue // searched to the end in the first round
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

// etsRounds are the rounds of the search over forms: every seasonal form
// is searched with the evaluations of the first (one without a season to
// the end), and in each later round the forms whose AICc is within that
// round's margin of the least go on with its evaluations (0: what is left
// of the budget per form), at most the round's most of them, least AICc
// first. The margins were set by
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

// fitForm fits one form by likelihood, from the best of [etsStarts] at
// the heuristic state of [etsStart]: with a season by the simplex
// ([problem]), without one by Levenberg–Marquardt ([lsq] on
// [etsPassGrad]); warm, when not nil, is the only start. It returns nil
// where the form breaks down for every parameter tried.
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
	var x []float64
	var best float64
	if m == 0 {
		// Without a season the recursion is linear in its two states and
		// the vector has at most five entries: the bounded
		// Levenberg–Marquardt search on the exact gradient ([lsq]) from
		// the best start.
		ix := etsGrad{-1, -1, -1, np, -1}
		if hasTrend {
			ix.trend = np + 1
		}
		for k, i := range which {
			switch slots[i].p {
			case ParamAlpha:
				ix.alpha = k
			case ParamBeta:
				ix.beta = k
			case ParamPhi:
				ix.phi = k
			}
		}
		mulErr := fm.Error == ComponentMultiplicative
		// The search takes u = β/α in [10⁻⁴, 1] for β, so that β ≤ α is a
		// bound of the box (β = max(αu, 10⁻⁴)); with one of the two
		// fixed, it bounds the other.
		reparam := ix.alpha >= 0 && ix.beta >= 0
		llo, lhi := slices.Clone(lo), slices.Clone(hi)
		switch {
		case reparam:
			llo[ix.beta], lhi[ix.beta] = etsLower, 1
		case ix.beta >= 0:
			lhi[ix.beta] = min(lhi[ix.beta], slots[0].value)
		case ix.alpha >= 0 && hasTrend:
			llo[ix.alpha] = max(llo[ix.alpha], slots[1].value)
		}
		xs := make([]float64, len(lo))
		toX := func(z []float64) []float64 {
			copy(xs, z)
			if reparam {
				xs[ix.beta] = max(etsLower, z[ix.alpha]*z[ix.beta])
			}
			return xs
		}
		d := len(lo)
		lp := lsq{
			f: func(z, g, h []float64) float64 {
				l, b, ok := unpack(toX(z))
				if !ok {
					return math.Inf(1)
				}
				v := etsPassGrad(y, mulErr, hasTrend, a, be, ph, l, b, ix, d, g, h)
				if !reparam {
					return v
				}
				// The chain rule: dβ = u dα + α du where αu is above
				// the bound, else 0.
				ia, ib := ix.alpha, ix.beta
				u, du := z[ib], z[ia]
				if z[ia]*z[ib] < etsLower {
					u, du = 0, 0
				}
				g[ia] += u * g[ib]
				g[ib] *= du
				for k := range d { // columns: H T
					h[k*d+ia] += u * h[k*d+ib]
					h[k*d+ib] *= du
				}
				for k := range d { // rows: Tᵀ (H T)
					h[ia*d+k] += u * h[ib*d+k]
					h[ib*d+k] *= du
				}
				return v
			},
			lo: llo, hi: lhi,
		}
		var z []float64
		best = math.Inf(1)
		for _, st := range starts {
			st = slices.Clone(st)
			for i := range st {
				st[i] = min(max(st[i], llo[i]), lhi[i])
			}
			if reparam {
				st[ix.beta] = min(max(st[ix.beta]/st[ix.alpha], etsLower), 1)
			}
			pr.evals++
			if v := objective(toX(st)); v < best || z == nil {
				z, best = st, v
			}
		}
		if !math.IsInf(best, 1) && pr.evals < evals {
			lp.budget = evals - pr.evals
			zl, fl := lp.solve(z)
			pr.evals += lp.evals
			// The likelihood often has a second optimum with β = α
			// (u = 1) where the search from the starts, all with β well
			// below α, ends with β at its lower bound: the search goes on
			// from there too.
			if reparam && zl[ix.beta] <= 2*etsLower && pr.evals < evals {
				z2 := slices.Clone(zl)
				z2[ix.beta] = 1
				lp.budget, lp.evals = evals-pr.evals, 0
				if z3, f3 := lp.solve(z2); f3 < fl {
					zl = z3
				}
				pr.evals += lp.evals
			}
			pr.evals++
			if objective(toX(zl)) <= best {
				z = zl
			}
		}
		x = slices.Clone(toX(z))
		best = objective(x)
	} else {
		x, best = pr.solve(starts, 1)
	}
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

// etsGrad is the layout of the parameters of a form without a season in
// the vector an [lsq] search takes: the position there of α, β, φ, the
// starting level and the starting trend, −1 for one the form does not
// have or that is held fixed.
type etsGrad struct {
	alpha, beta, phi, level, trend int
}

// etsPassGrad runs the recursion of a form without a season, as [etsPass]
// does, and returns its objective as a sum of squares: for an additive
// error the sum of squared errors; for a multiplicative one the sum of
// squared relative errors times the square of the forecasts' geometric
// mean, which is exp(L/n) for the L that fitForm minimises (n times the
// log of the relative sum, plus twice the logs of the forecasts), so both
// have the likelihood's minimiser. The recursion is linear in its states,
// and the derivatives of the level and trend with respect to α, β, φ and
// the two starting states are carried forward through it, giving the
// exact gradient in g and the Gauss–Newton matrix in h (d×d, row-major),
// of the d parameters of the vector at the positions ix gives. It returns
// +Inf where etsPass reports a breakdown. It allocates nothing.
func etsPassGrad(y []float64, mulErr, hasTrend bool, alpha, beta, phi, l, b float64, ix etsGrad, d int, g, h []float64) float64 {
	// The derivatives in α, β, φ, l₀ and b₀ (0 to 4), of the level (dl),
	// the trend (db) and the forecast (dm).
	var dl0, dl1, dl2, dl3, dl4 float64
	var db0, db1, db2, db3, db4 float64
	dl3 = 1
	if hasTrend {
		db4 = 1
	}
	// The gradient (g) and Gauss–Newton (h) sums, and for a
	// multiplicative error the sums of dμ/μ (c).
	var g0, g1, g2, g3, g4 float64
	var h00, h01, h02, h03, h04, h11, h12, h13, h14, h22, h23, h24, h33, h34, h44 float64
	var c0, c1, c2, c3, c4 float64
	var sum, logmu float64
	prod := 1.0
	for _, v := range y {
		mu := l + phi*b
		e := v - mu
		dm0, dm1, dm2, dm3, dm4 := dl0+phi*db0, dl1+phi*db1, dl2+phi*db2+b, dl3+phi*db3, dl4+phi*db4
		// The error's derivatives are sc times the forecast's, and rho
		// is the error (or relative error) they multiply.
		sc, rho := -1.0, e
		if mulErr {
			if !(mu > 0) {
				return math.Inf(1)
			}
			w := 1 / mu
			rho = e * w
			sc = -(1 + rho) * w
			c0, c1, c2, c3, c4 = c0+dm0*w, c1+dm1*w, c2+dm2*w, c3+dm3*w, c4+dm4*w
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
		sum += rho * rho
		q0, q1, q2, q3, q4 := sc*dm0, sc*dm1, sc*dm2, sc*dm3, sc*dm4
		g0, g1, g2, g3, g4 = g0+rho*q0, g1+rho*q1, g2+rho*q2, g3+rho*q3, g4+rho*q4
		h00, h01, h02, h03, h04 = h00+q0*q0, h01+q0*q1, h02+q0*q2, h03+q0*q3, h04+q0*q4
		h11, h12, h13, h14 = h11+q1*q1, h12+q1*q2, h13+q1*q3, h14+q1*q4
		h22, h23, h24 = h22+q2*q2, h23+q2*q3, h24+q2*q4
		h33, h34, h44 = h33+q3*q3, h34+q3*q4, h44+q4*q4
		// The states: l ← μ + αe, b ← φb + βe, so dl = (1−α)dμ (+e in
		// α) and db = φ·db − β·dμ (+e in β, +b in φ).
		ka := 1 - alpha
		dl0, dl1, dl2, dl3, dl4 = ka*dm0+e, ka*dm1, ka*dm2, ka*dm3, ka*dm4
		if hasTrend {
			db0, db1, db2, db3, db4 = phi*db0-beta*dm0, phi*db1-beta*dm1+e, phi*db2-beta*dm2+b, phi*db3-beta*dm3, phi*db4-beta*dm4
		}
		l, b = mu+alpha*e, phi*b+beta*e
		if !(l < maxAbs && l > -maxAbs && b < maxAbs && b > -maxAbs) {
			return math.Inf(1)
		}
	}
	G := [5]float64{g0, g1, g2, g3, g4}
	H := [25]float64{
		h00, h01, h02, h03, h04,
		h01, h11, h12, h13, h14,
		h02, h12, h22, h23, h24,
		h03, h13, h23, h33, h34,
		h04, h14, h24, h34, h44,
	}
	pos := [5]int{ix.alpha, ix.beta, ix.phi, ix.level, ix.trend}
	scale := 2.0
	val := sum
	var c [5]float64
	if mulErr {
		// The sum of (r·G)², G the geometric mean of the forecasts:
		// d(rG) = G(dr + r·c/n), c/n the mean of dμ/μ, the derivative of
		// log G.
		logmu += math.Log(prod)
		nf := float64(len(y))
		g2 := math.Exp(2 * logmu / nf)
		scale, val = 2*g2, g2*sum
		c = [5]float64{c0 / nf, c1 / nf, c2 / nf, c3 / nf, c4 / nf}
	}
	for i, pi := range pos {
		if pi < 0 || pi >= d {
			continue
		}
		g[pi] = scale * (G[i] + sum*c[i])
		for j, pj := range pos {
			if pj < 0 || pj >= d {
				continue
			}
			h[pi*d+pj] = scale * (H[i*5+j] + G[i]*c[j] + c[i]*G[j] + sum*c[i]*c[j])
		}
	}
	return val
}
