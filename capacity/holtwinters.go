package capacity

import (
	"fmt"
	"math"
	"slices"

	"github.com/smskit/iso20000/process"
)

// Param names a parameter of a forecasting model that a caller may fix
// rather than have fitted, to check the recursion against another tool or
// to keep a planner's judgement (ISO/IEC 20000-1:2011, 6.5: procedures for
// predictive analysis).
type Param string

// The parameters of the package's models.
const (
	// ParamAlpha is the smoothing of the level, in [0,1].
	ParamAlpha Param = "alpha"
	// ParamBeta is the smoothing of the trend, in [0,1]: Holt-Winters'
	// β (of the level's change), which the state-space form writes αβ.
	ParamBeta Param = "beta"
	// ParamGamma is the smoothing of the season, in [0,1]: Holt-Winters' γ,
	// which the state-space form writes (1−α)γ.
	ParamGamma Param = "gamma"
	// ParamPhi is the damping of the trend of a state-space model with a
	// damped trend, in [0.8, 0.98].
	ParamPhi Param = "phi"
	// ParamOmega is the smoothing of the second, longer season of
	// double-seasonal Holt-Winters, in [0,1].
	ParamOmega Param = "omega"
)

// Valid reports whether p is one of the parameters above.
func (p Param) Valid() bool {
	switch p {
	case ParamAlpha, ParamBeta, ParamGamma, ParamPhi, ParamOmega:
		return true
	}
	return false
}

// String returns the parameter's name.
func (p Param) String() string { return string(p) }

// MarshalText encodes the parameter: its name, or nothing when unset; an
// unknown value is refused.
func (p Param) MarshalText() ([]byte, error) { return process.MarshalEnum(p) }

// UnmarshalText decodes a name, or "" as unset; an unknown value is refused
// and leaves p unchanged.
func (p *Param) UnmarshalText(b []byte) error { return process.UnmarshalEnum(p, b) }

// State is the state of an exponential-smoothing model at one point: the
// level, the trend (change per step) and the seasonal states, Season[0]
// serving the next step (ISO/IEC 20000-1:2011, 6.5). A fitted [Model]
// reports its starting state in this form, so that a planner can explain
// where the recursion began.
type State struct {
	Level  float64   `json:"level"`
	Trend  float64   `json:"trend"`
	Season []float64 `json:"season,omitempty"`
	// Season2 holds the states of the second, longer season of
	// double-seasonal Holt-Winters; empty otherwise.
	Season2 []float64 `json:"season2,omitempty"`
}

// rStart computes the starting state of R's stats::HoltWinters for a
// seasonal model of period m from the first two seasons of y, as R does:
// a classical decomposition (a centred moving average of order m for the
// trend, the mean deviation from it, or ratio to it, at each position of
// the season for the seasonal figure, centred to sum to zero or average
// one), then the level and trend from the least-squares line through the
// moving average (its intercept and slope, x counted from 1). The states
// serve the points from y[m] on, the first whose error R sums. y holds at
// least 2m points; trend is scratch of length 2m; s receives the m
// seasonal states.
func rStart(y []float64, m int, mul bool, trend, s []float64) (level, slope float64) {
	w := 2 * m
	nf := m
	if m%2 == 0 {
		nf = m + 1
	}
	o := nf / 2
	lo, hi := nf-1-o, w-o // the moving average is defined on [lo, hi)
	inner := 1 / float64(m)
	edge := inner
	if m%2 == 0 {
		edge = 0.5 / float64(m)
	}
	for i := lo; i < hi; i++ {
		z := 0.0
		for j := range nf {
			wt := inner
			if j == 0 || j == nf-1 {
				wt = edge
			}
			z += wt * y[i+o-j]
		}
		trend[i] = z
	}
	var fsum float64
	for i := range m {
		sum, cnt := 0.0, 0
		for k := i; k < w; k += m {
			if k < lo || k >= hi {
				continue
			}
			if mul {
				sum += y[k] / trend[k]
			} else {
				sum += y[k] - trend[k]
			}
			cnt++
		}
		s[i] = sum / float64(cnt)
		fsum += s[i]
	}
	fmean := fsum / float64(m)
	for i := range m {
		if mul {
			s[i] /= fmean
		} else {
			s[i] -= fmean
		}
	}
	nt := hi - lo
	xm := float64(nt+1) / 2
	var ym float64
	for i := lo; i < hi; i++ {
		ym += trend[i]
	}
	ym /= float64(nt)
	var sxy, sxx float64
	for i := lo; i < hi; i++ {
		dx := float64(i-lo+1) - xm
		sxy += dx * (trend[i] - ym)
		sxx += dx * dx
	}
	slope = sxy / sxx
	return ym - slope*xm, slope
}

// hwEvals is the default budget of a Holt-Winters search, in passes
// (see [Spec.MaxEvals]).
const hwEvals = 600

// hwStarts are the starting points of the Holt-Winters search: R's own
// start first (optim.start of stats::HoltWinters), so that the search
// never ends above where R's does from the same place, then a grid over
// the box.
var hwStarts = [...]params{
	{0.3, 0.1, 0.1},
	{0.1, 0.01, 0.05}, {0.1, 0.01, 0.4}, {0.1, 0.2, 0.05}, {0.1, 0.2, 0.4},
	{0.5, 0.01, 0.05}, {0.5, 0.01, 0.4}, {0.5, 0.2, 0.05}, {0.5, 0.2, 0.4},
	{0.9, 0.01, 0.1}, {0.02, 0.01, 0.02}, {0.2, 0.5, 0.8},
}

// hwParams are the parameters of Holt-Winters, in the order of params.
var hwParams = [3]Param{ParamAlpha, ParamBeta, ParamGamma}

// checkFixed refuses fixed parameters that the method does not have or
// that lie outside their range.
func checkFixed(method Method, fixed map[Param]float64) error {
	for p, v := range fixed {
		lo, hi := 0.0, 1.0
		ok := false
		switch method {
		case MethodHoltWintersAdditive, MethodHoltWintersMultiplicative:
			ok = p == ParamAlpha || p == ParamBeta || p == ParamGamma
		case MethodDoubleSeasonal:
			ok = p == ParamAlpha || p == ParamBeta || p == ParamGamma || p == ParamOmega
		case MethodETS:
			ok = p.Valid() && p != ParamOmega
			if p == ParamPhi {
				lo, hi = phiMin, phiMax
			}
		}
		if !ok {
			return fmt.Errorf("capacity: fit %s: parameter %q: not one of the method's: %w", method, string(p), process.ErrInvalidValue)
		}
		if !(v >= lo && v <= hi) {
			return fmt.Errorf("capacity: fit %s: %s = %g outside [%g, %g]: %w", method, p, v, lo, hi, process.ErrInvalidValue)
		}
	}
	return nil
}

// maxStartSeasons is the most seasons the package's own starting state
// of Holt-Winters is taken from.
const maxStartSeasons = 4

// seasonsStart is the package's own starting state of Holt-Winters, at the
// same point as R's (serving y[m] on), from the first k seasons of y, k
// from two to four and at most a third of the series, so that the start
// never takes the points the fit is judged on: the trend is the
// least-squares slope of the seasons' means per step, the level that line
// at point m−1, and each seasonal state the mean of the seasons'
// deviations from (additive) or ratios to (multiplicative) the line at its
// position, centred to sum to zero or average one. y holds at least 2m
// points.
func seasonsStart(y []float64, m int, mul bool, s []float64) (level, trend float64) {
	k := min(max(2, len(y)/(3*m)), maxStartSeasons, len(y)/m)
	var means [maxStartSeasons]float64
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
	if mul && (line(0) <= 0 || line(k*m-1) <= 0) {
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
	return line(m - 1), trend
}

// fitHW fits Holt-Winters as R's stats::HoltWinters does: the sum of
// squared one-step errors from y[m] on, minimised over the smoothing
// parameters (those in fixed held as given) by the multi-start search,
// from R's starting state ([rStart]) and, unless rOnly, also from the
// package's own ([seasonsStart]), keeping the fit of least SSE. Each search
// runs Levenberg–Marquardt ([searchHW]) from its best start only: the
// search from R's start alone keeps the SSE at most R's on every series of
// testdata/rhw, and the second search begins at the first one's optimum.
// y holds at least 2m points, positive ones when mul.
func (f *fitter) fitHW(y []float64, method Method, m int, fixed map[Param]float64, maxEvals int, rOnly bool) (*Model, error) {
	mul := method == MethodHoltWintersMultiplicative
	trend, s0, s := f.scratch3(2*m, m, 4*m)
	l0, b0 := rStart(y, m, mul, trend, s0)
	if math.IsNaN(l0) || math.IsNaN(b0) || math.IsInf(l0, 0) || math.IsInf(b0, 0) {
		return nil, fmt.Errorf("capacity: fit %s: the starting state is not finite: %w", method, ErrNotFinite)
	}
	md, err := f.fitHWFrom(y, method, m, fixed, maxEvals, l0, b0, s0, s, 1, nil)
	if rOnly {
		return md, err
	}
	l1, b1 := seasonsStart(y, m, mul, s0)
	md1, err1 := f.fitHWFrom(y, method, m, fixed, maxEvals, l1, b1, s0, s, 1, md)
	switch {
	case err1 != nil:
		return md, err
	case err != nil || md1.SSE < md.SSE:
		md1.Evals += md.evalsOrZero()
		return md1, nil
	}
	md.Evals += md1.Evals
	return md, nil
}

// refitHW fits md's Holt-Winters method again to y, of which md was
// fitted on the first md.Fitted points: the starting state, taken from
// the first seasons, is md's, and the search runs from md's parameters
// alone, which the added points move little.
func (f *fitter) refitHW(y []float64, md *Model, fixed map[Param]float64, maxEvals int) (*Model, error) {
	m := md.Period
	if len(md.Start.Season) != m || len(y) < 2*m {
		return nil, fmt.Errorf("capacity: refit %s: no starting state of period %d: %w", md.Method, m, process.ErrInvalidValue)
	}
	if md.Method == MethodHoltWintersMultiplicative {
		if err := checkPositive(y, md.Method); err != nil {
			return nil, err
		}
	}
	if maxEvals <= 0 {
		maxEvals = hwEvals
	}
	_, s0, s := f.scratch3(0, m, 4*m)
	copy(s0, md.Start.Season)
	return f.fitHWFrom(y, md.Method, m, fixed, maxEvals, md.Start.Level, md.Start.Trend, s0, s, 0, md)
}

// evalsOrZero is md.Evals, or 0 for a nil md.
func (md *Model) evalsOrZero() int {
	if md == nil {
		return 0
	}
	return md.Evals
}

// fitHWFrom fits Holt-Winters from the starting state l0, b0, s0 (s is
// scratch of four times its length), the search ([searchHW]) run from the
// keep best starts; the parameters of from, when not nil, are a start too,
// tried first, and with keep 0 the only one.
func (f *fitter) fitHWFrom(y []float64, method Method, m int, fixed map[Param]float64, maxEvals int, l0, b0 float64, s0, s []float64, keep int, from *Model) (*Model, error) {
	mul := method == MethodHoltWintersMultiplicative
	rest := y[m:]
	s, ds := s[:m:m], s[m:4*m]
	var free []int
	var base params
	for i, p := range hwParams {
		if v, ok := fixed[p]; ok {
			base[i] = v
		} else {
			free = append(free, i)
		}
	}
	full := func(x []float64) params {
		p := base
		for k, i := range free {
			p[i] = x[k]
		}
		return p
	}
	sse := func(p params) float64 {
		copy(s, s0)
		if mul {
			v, _, _, _, ok := passMul(rest, s, p[0], p[1], p[2], l0, b0)
			if !ok {
				return math.Inf(1)
			}
			return v
		}
		v, _, _ := passAdd(rest, s, p[0], p[1], p[2], l0, b0)
		return v
	}
	pr := problem{
		f:      func(x []float64) float64 { return sse(full(x)) },
		lo:     make([]float64, len(free)),
		hi:     make([]float64, len(free)),
		budget: maxEvals,
	}
	for k := range free {
		pr.hi[k] = 1
	}
	var starts [][]float64
	if from != nil && keep == 0 {
		// A refit: from's parameters, fitted on fewer of the same
		// points, are the only start; the grid is not evaluated.
		keep = 1
	} else {
		starts = make([][]float64, len(hwStarts))
		for j, st := range hwStarts {
			x := make([]float64, len(free))
			for k, i := range free {
				x[k] = st[i]
			}
			starts[j] = x
		}
	}
	if from != nil {
		// The other starting state's optimum first: most often the
		// optimum from this one is near.
		x := make([]float64, len(free))
		for k, i := range free {
			x[k] = [3]float64{from.Alpha, from.Beta, from.Gamma}[i]
		}
		starts = append([][]float64{x}, starts...)
	}
	x, best := searchHW(&pr, starts, keep, rest, s0, s, ds, mul, l0, b0, free, full)
	if math.IsInf(best, 1) {
		return nil, fmt.Errorf("capacity: fit %s: the level or a seasonal factor falls to zero for every parameter tried: %w", method, ErrNonPositive)
	}
	p := full(x)
	md := &Model{Method: method, Period: m, Alpha: p[0], Beta: p[1], Gamma: p[2], Fitted: len(y), N: len(y), Evals: pr.evals, From: m}
	md.Start = State{Level: l0, Trend: b0, Season: append([]float64(nil), s0...)}
	copy(s, s0)
	var rel float64
	if mul {
		md.SSE, rel, md.Level, md.Trend, _ = passMul(rest, s, p[0], p[1], p[2], l0, b0)
		md.Sigma = math.Sqrt(rel / float64(len(rest)))
	} else {
		md.SSE, md.Level, md.Trend = passAdd(rest, s, p[0], p[1], p[2], l0, b0)
		md.Sigma = math.Sqrt(md.SSE / float64(len(rest)))
	}
	md.Season = make([]float64, m)
	for k := range m {
		md.Season[k] = s[(len(rest)+k)%m]
	}
	md.Params = len(free)
	md.setLikelihood(len(rest), md.SSE, 0)
	return md, nil
}

// setLikelihood sets the Gaussian log-likelihood of n one-step errors with
// sum of squares sse (relative errors for a multiplicative error, with
// sumLogMu the sum of the logs of the forecasts' magnitudes) at the
// variance that maximises it, and the AICc counting Params estimated
// parameters and the variance.
func (md *Model) setLikelihood(n int, sse, sumLogMu float64) {
	if n < 1 {
		return
	}
	nf := float64(n)
	v := sse / nf
	if v <= 0 {
		v = 1e-300 // a perfect fit: the likelihood is bounded by the floor
	}
	md.LogLik = finite(-0.5*nf*(math.Log(2*math.Pi*v)+1) - sumLogMu)
	k := float64(md.Params + 1)
	md.AICc = finite(-2*md.LogLik + 2*k)
	if nf-k-1 > 0 {
		md.AICc = finite(md.AICc + 2*k*(k+1)/(nf-k-1))
	} else {
		md.AICc = math.MaxFloat64
	}
}

// passAddGrad runs additive Holt-Winters as [passAdd] does (s changed in
// place) and returns the sum of squared one-step errors, with its gradient
// with respect to alpha, beta and gamma in g and the Gauss–Newton matrix
// (twice the sum of the outer products of the errors' gradients) in h,
// 3×3 row-major. The derivatives of the level, trend and seasonal states
// are carried forward through the recursion (forward-mode
// differentiation: the starting state does not depend on the
// parameters); ds is scratch of length 3·len(s). It allocates nothing.
func passAddGrad(y, s, ds []float64, alpha, beta, gamma, l, b float64, g *[3]float64, h *[9]float64) float64 {
	m := len(s)
	clear(ds[:3*m])
	var sse float64
	var dl0, dl1, dl2, db0, db1, db2 float64
	var g0, g1, g2, h00, h01, h02, h11, h12, h22 float64
	j := 0
	for _, v := range y {
		sj := s[j]
		d := ds[3*j : 3*j+3 : 3*j+3]
		ds0, ds1, ds2 := d[0], d[1], d[2]
		lb := l + b
		e := v - (lb + sj)
		sse += e * e
		dlb0, dlb1, dlb2 := dl0+db0, dl1+db1, dl2+db2
		de0, de1, de2 := -(dlb0 + ds0), -(dlb1 + ds1), -(dlb2 + ds2)
		g0 += e * de0
		g1 += e * de1
		g2 += e * de2
		h00 += de0 * de0
		h01 += de0 * de1
		h02 += de0 * de2
		h11 += de1 * de1
		h12 += de1 * de2
		h22 += de2 * de2
		nl := alpha*(v-sj) + (1-alpha)*lb
		dnl0 := (v - sj - lb) - alpha*ds0 + (1-alpha)*dlb0
		dnl1 := -alpha*ds1 + (1-alpha)*dlb1
		dnl2 := -alpha*ds2 + (1-alpha)*dlb2
		nb := beta*(nl-l) + (1-beta)*b
		db0 = beta*(dnl0-dl0) + (1-beta)*db0
		db1 = (nl - l - b) + beta*(dnl1-dl1) + (1-beta)*db1
		db2 = beta*(dnl2-dl2) + (1-beta)*db2
		s[j] = gamma*(v-nl) + (1-gamma)*sj
		d[0] = -gamma*dnl0 + (1-gamma)*ds0
		d[1] = -gamma*dnl1 + (1-gamma)*ds1
		d[2] = (v - nl - sj) - gamma*dnl2 + (1-gamma)*ds2
		l, b = nl, nb
		dl0, dl1, dl2 = dnl0, dnl1, dnl2
		if j++; j == m {
			j = 0
		}
	}
	*g = [3]float64{2 * g0, 2 * g1, 2 * g2}
	*h = [9]float64{2 * h00, 2 * h01, 2 * h02, 2 * h01, 2 * h11, 2 * h12, 2 * h02, 2 * h12, 2 * h22}
	return sse
}

// passMulGrad runs multiplicative Holt-Winters as [passMul] does and
// returns its sum of squared errors with the gradient and Gauss–Newton
// matrix as [passAddGrad] does; +Inf where passMul reports a breakdown.
func passMulGrad(y, s, ds []float64, alpha, beta, gamma, l, b float64, g *[3]float64, h *[9]float64) float64 {
	m := len(s)
	clear(ds[:3*m])
	var sse float64
	var dl0, dl1, dl2, db0, db1, db2 float64
	var g0, g1, g2, h00, h01, h02, h11, h12, h22 float64
	j := 0
	for _, v := range y {
		sj := s[j]
		d := ds[3*j : 3*j+3 : 3*j+3]
		ds0, ds1, ds2 := d[0], d[1], d[2]
		lb := l + b
		f := lb * sj
		e := v - f
		sse += e * e
		vs := v / sj
		nl := alpha*vs + (1-alpha)*lb
		if !(nl > 0 && nl < maxAbs) || !(f > 0) {
			return math.Inf(1)
		}
		dlb0, dlb1, dlb2 := dl0+db0, dl1+db1, dl2+db2
		de0, de1, de2 := -(dlb0*sj + lb*ds0), -(dlb1*sj + lb*ds1), -(dlb2*sj + lb*ds2)
		g0 += e * de0
		g1 += e * de1
		g2 += e * de2
		h00 += de0 * de0
		h01 += de0 * de1
		h02 += de0 * de2
		h11 += de1 * de1
		h12 += de1 * de2
		h22 += de2 * de2
		dvs := -vs / sj // derivative of v/sj with respect to sj
		dnl0 := (vs - lb) + alpha*dvs*ds0 + (1-alpha)*dlb0
		dnl1 := alpha*dvs*ds1 + (1-alpha)*dlb1
		dnl2 := alpha*dvs*ds2 + (1-alpha)*dlb2
		nb := beta*(nl-l) + (1-beta)*b
		db0 = beta*(dnl0-dl0) + (1-beta)*db0
		db1 = (nl - l - b) + beta*(dnl1-dl1) + (1-beta)*db1
		db2 = beta*(dnl2-dl2) + (1-beta)*db2
		vn := v / nl
		dvn := -vn / nl // derivative of v/nl with respect to nl
		s[j] = gamma*vn + (1-gamma)*sj
		d[0] = gamma*dvn*dnl0 + (1-gamma)*ds0
		d[1] = gamma*dvn*dnl1 + (1-gamma)*ds1
		d[2] = (vn - sj) + gamma*dvn*dnl2 + (1-gamma)*ds2
		l, b = nl, nb
		dl0, dl1, dl2 = dnl0, dnl1, dnl2
		if j++; j == m {
			j = 0
		}
	}
	*g = [3]float64{2 * g0, 2 * g1, 2 * g2}
	*h = [9]float64{2 * h00, 2 * h01, 2 * h02, 2 * h01, 2 * h11, 2 * h12, 2 * h02, 2 * h12, 2 * h22}
	return sse
}

// searchHW evaluates the starts of a Holt-Winters fit and runs the bounded
// Levenberg–Marquardt search ([lsq]) from the keep best of them, on the
// SSE with its gradient from [passAddGrad] or [passMulGrad]; pr holds the
// plain objective, the box and the budget, and counts every pass; st and
// ds are scratch of m and 3m values. It returns the free parameters of
// least SSE found.
func searchHW(pr *problem, starts [][]float64, keep int, rest, s0, st, ds []float64, mul bool, l0, b0 float64, free []int, full func([]float64) params) ([]float64, float64) {
	type pt struct {
		x []float64
		f float64
	}
	pts := make([]pt, 0, len(starts))
	for _, x := range starts {
		pts = append(pts, pt{x, pr.eval(x)})
	}
	slices.SortStableFunc(pts, func(a, b pt) int { return cmpFloat(a.f, b.f) })
	best := pts[0]
	if len(free) == 0 || math.IsInf(best.f, 1) {
		return best.x, best.f
	}
	d := len(free)
	lp := lsq{
		f: func(x, g, h []float64) float64 {
			p := full(x)
			copy(st, s0)
			var G [3]float64
			var H [9]float64
			var v float64
			if mul {
				v = passMulGrad(rest, st, ds, p[0], p[1], p[2], l0, b0, &G, &H)
			} else {
				v = passAddGrad(rest, st, ds, p[0], p[1], p[2], l0, b0, &G, &H)
			}
			for a, i := range free {
				g[a] = G[i]
				for c, j := range free {
					h[a*d+c] = H[i*3+j]
				}
			}
			return v
		},
		lo: pr.lo, hi: pr.hi,
	}
	if ia, ib := slices.Index(free, 0), slices.Index(free, 1); ia >= 0 && ib >= 0 {
		lp.retract = productRetract(ia, ib)
	}
	for i := 0; i < min(keep, len(pts)) && pr.evals < pr.budget; i++ {
		if math.IsInf(pts[i].f, 1) {
			break
		}
		lp.budget, lp.evals = pr.budget-pr.evals, 0
		x, fx := lp.solve(pts[i].x)
		pr.evals += lp.evals
		if fx < best.f {
			best = pt{x, fx}
		}
	}
	return best.x, best.f
}
