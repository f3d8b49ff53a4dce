package capacity

import (
	"math"
	"slices"
)

// The parameters of the seasonal state-space and the double-seasonal models
// (smoothing parameters, damping, and for the state-space models the
// starting states) are fitted by minimising an objective — the sum of squared one-step
// errors, or minus twice the log-likelihood — with a bounded Nelder–Mead
// simplex search (the predictive procedures of ISO/IEC 20000-1:2011, 6.5).
// The search is deterministic: every start is evaluated, the simplex runs
// from the best few of them, and then restarts from its own result (at
// most three times) until a restart no longer improves; every trial point is projected onto the box
// before it is evaluated, and no search evaluates more than its budget
// (beyond the starts themselves, which are always evaluated). Holt-Winters
// evaluates its starts here too ([problem.eval]) but searches from the best
// with the gradient ([lsq]), as do the state-space forms without a season
// ([etsPassGrad]).

// params are the three smoothing parameters of Holt-Winters: alpha
// (level), beta (trend) and gamma (season), each in [0,1].
type params [3]float64

// problem is a bounded minimisation: the objective and the box [lo, hi].
// An objective returns +Inf (or NaN) where the model breaks down.
type problem struct {
	f      func(x []float64) float64
	lo, hi []float64
	// step is the initial simplex edge along each axis.
	step []float64
	// budget caps the evaluations; evals counts them.
	budget, evals int
	// ftol is the relative spread of the objective over the simplex at
	// which a search has converged; 0 means 1e-10.
	ftol float64
}

// eval evaluates f at x projected onto the box, in place.
func (p *problem) eval(x []float64) float64 {
	p.evals++
	for i := range x {
		x[i] = min(max(x[i], p.lo[i]), p.hi[i])
	}
	v := p.f(x)
	if math.IsNaN(v) {
		return math.Inf(1)
	}
	return v
}

// solve runs the multi-start search from starts (each of the box's
// dimension) and returns the best point and its value. It keeps the best
// point evaluated even where the budget runs out mid-search.
func (p *problem) solve(starts [][]float64, keep int) ([]float64, float64) {
	d := len(p.lo)
	type pt struct {
		x []float64
		f float64
	}
	pts := make([]pt, 0, len(starts))
	for _, s := range starts {
		x := slices.Clone(s)
		pts = append(pts, pt{x, p.eval(x)})
	}
	slices.SortStableFunc(pts, func(a, b pt) int { return cmpFloat(a.f, b.f) })
	best := pts[0]
	if d == 0 {
		return best.x, best.f
	}
	for i := 0; i < min(keep, len(pts)) && p.evals+d+3 <= p.budget; i++ {
		x, f := pts[i].x, pts[i].f
		// Restart from each result, at most four searches, until a
		// restart gains less than ten times the tolerance.
		for range 4 {
			nx, nf := p.simplex(x, f)
			gain := f - nf
			x, f = nx, nf
			if !(gain > 10*p.tol()*math.Abs(f)) || p.evals+d+3 > p.budget {
				break
			}
		}
		if f < best.f {
			best = pt{x, f}
		}
	}
	return best.x, best.f
}

// tol is the search's relative tolerance on the objective.
func (p *problem) tol() float64 {
	if p.ftol == 0 {
		return 1e-10
	}
	return p.ftol
}

// cmpFloat orders floats with +Inf last.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// simplex runs one Nelder–Mead search from x0 (value f0).
func (p *problem) simplex(x0 []float64, f0 float64) ([]float64, float64) {
	d := len(x0)
	sx := make([][]float64, d+1)
	fs := make([]float64, d+1)
	sx[0], fs[0] = slices.Clone(x0), f0
	for i := range d {
		x := slices.Clone(x0)
		step := p.step[i]
		if x[i]+step > p.hi[i] {
			step = -step
		}
		x[i] += step
		sx[i+1] = x
		fs[i+1] = p.eval(x)
	}
	c := make([]float64, d)
	// sum is the sum of the vertices, kept as vertices change, so that
	// the centroid costs d rather than d² a step; it is summed afresh
	// after a shrink and every few steps, against drift.
	sum := make([]float64, d)
	resum := func() {
		for k := range d {
			sum[k] = 0
			for i := range d + 1 {
				sum[k] += sx[i][k]
			}
		}
	}
	resum()
	// replace sets the worst vertex to x, of value fx.
	replace := func(x []float64, fx float64) {
		for k := range d {
			sum[k] += x[k] - sx[d][k]
		}
		copy(sx[d], x)
		fs[d] = fx
	}
	xr := make([]float64, d)
	xe := make([]float64, d)
	xc := make([]float64, d)
	at := func(dst []float64, t float64) {
		for k := range d {
			dst[k] = c[k] + t*(sx[d][k]-c[k])
		}
	}
	ftol := p.tol()   // relative spread of the objective at convergence
	const xtol = 1e-7 // spread of the simplex at convergence, relative to the box
	for iter := 1; p.evals+2 <= p.budget; iter++ {
		// Order the vertices, best first (insertion sort, in place: a few
		// dozen at most).
		for i := 1; i <= d; i++ {
			for j := i; j > 0 && cmpFloat(fs[j], fs[j-1]) < 0; j-- {
				fs[j], fs[j-1] = fs[j-1], fs[j]
				sx[j], sx[j-1] = sx[j-1], sx[j]
			}
		}
		best, worst := fs[0], fs[d]
		if !math.IsInf(worst, 1) && worst-best <= ftol*(math.Abs(best)+math.Abs(worst))+1e-300 {
			break
		}
		// The spread costs d² to measure: in many dimensions it is
		// measured every few steps.
		if d <= 4 || iter%4 == 0 {
			spread := 0.0
			for i := 1; i <= d; i++ {
				for k := range d {
					w := p.step[k]
					spread = max(spread, math.Abs(sx[i][k]-sx[0][k])/w)
				}
			}
			if spread < xtol {
				break
			}
		}
		if iter%max(d, 8) == 0 {
			resum()
		}
		for k := range d {
			c[k] = (sum[k] - sx[d][k]) / float64(d)
		}
		at(xr, -1)
		fr := p.eval(xr)
		switch {
		case fr < fs[0]:
			at(xe, -2)
			if fe := p.eval(xe); fe < fr {
				replace(xe, fe)
			} else {
				replace(xr, fr)
			}
		case fr < fs[d-1]:
			replace(xr, fr)
		default:
			t := 0.5
			if fr < fs[d] {
				t = -0.5 // outside contraction
			}
			at(xc, t)
			if fc := p.eval(xc); fc < min(fr, fs[d]) {
				replace(xc, fc)
			} else {
				// Shrink towards the best vertex.
				for i := 1; i <= d && p.evals < p.budget; i++ {
					for k := range d {
						sx[i][k] = sx[0][k] + 0.5*(sx[i][k]-sx[0][k])
					}
					fs[i] = p.eval(sx[i])
				}
				resum()
			}
		}
	}
	bi := 0
	for i := 1; i <= d; i++ {
		if fs[i] < fs[bi] {
			bi = i
		}
	}
	return sx[bi], fs[bi]
}
