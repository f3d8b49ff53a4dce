package capacity

import "math"

// The smoothing parameters of Holt-Winters, and those of the state-space
// forms without a season with their two starting states, are fitted
// (ISO/IEC 20000-1:2011, 6.5: procedures for predictive analysis) by
// minimising a sum of squared one-step errors (for a multiplicative error,
// relative errors scaled by the forecasts' geometric mean: the same
// minimiser as the likelihood's; see [etsPassGrad]). The derivatives of every error with
// respect to the parameters follow the recursion forward, in the same
// pass that computes the errors, so one pass gives the sum, its exact
// gradient and the Gauss–Newton matrix; the bounded Levenberg–Marquardt
// search below then needs a few dozen passes where a simplex needs some
// hundreds.

// lsqMaxDim is the most parameters a [lsq] search takes: its step solves
// the bounded quadratic model exactly, over the 3^d sets of active bounds
// (at most 243: Holt-Winters has three parameters, a state-space form
// without a season up to five, the starting states among them).
const lsqMaxDim = 5

// crawlSteps and crawlGain bound a search that crawls: see [lsq.solve].
const (
	crawlSteps = 8
	crawlGain  = 1e-5
)

// lsq is a bounded least-squares minimisation over at most lsqMaxDim
// parameters in the box [lo, hi].
type lsq struct {
	// f returns the sum of squares at x, its gradient in g and the
	// Gauss–Newton matrix (twice JᵀJ, J the errors' Jacobian) in h, d×d
	// row-major; +Inf (or NaN) where the model breaks down, g and h then
	// unspecified.
	f      func(x, g, h []float64) float64
	lo, hi []float64
	// budget caps the evaluations of f; evals counts them.
	budget, evals int
	// retract, when not nil, sets xn to the point that a step from x
	// reaches (x + step to first order; see [productRetract]); nil means
	// x + step.
	retract func(x, step, xn []float64)
}

// productRetract returns the retraction of a search in which the smoothing
// parameter α (entry ia) and the ratio β (entry ib) act through their
// product w = αβ: Holt-Winters ([searchHW]), where a step moves the level
// by α times the error and the trend by αβ times it. (The search of the
// state-space forms without a season, whose u = β/α plays β's part, keeps
// straight steps: there the retraction changed the forms that AICc chose,
// for a worse held-out error.) The sum of squares is smooth in α and w,
// and where α is small its valley follows w constant, a curve
// in (α, β) that a straight step leaves at once. The retraction keeps the
// first-order change of w, w + β·Δα + α·Δβ, and divides it by the new α;
// and a step may shrink α by at most four times (the fraction-to-the-
// boundary rule of interior-point searches), since at α = 0 the trend
// stops adapting whatever β, a cliff that the quadratic model cannot see.
// Over the 71 Holt-Winters fits of the public series of testdata/rhw and
// of the synthetic hourly series of examples/capacityr (seeds 20000 and
// 1-3), the fits take 3,279 passes against 3,888 with straight steps, 60
// at most where they took up to 114, none ending at a higher SSE (by
// 1e-12 of it at most).
//
// The search judges the retracted point by the gain that the damped model
// predicts for the straight step. That is the model's prediction for the
// retracted point itself in the chart (α, w): the Gauss–Newton model is
// the same linearisation of the errors in either chart, and the straight
// step in (α, β) is, mapped linearly, the step to the retracted point in
// (α, w), unless α's shrink was capped. Judging the retracted point by
// the (α, β) model took 5,059 passes against 4,345 over 93 fits (the 71
// and seeds 4 and 5), six of them ending higher.
func productRetract(ia, ib int) func(x, step, xn []float64) {
	return func(x, step, xn []float64) {
		for i := range x {
			xn[i] = x[i] + step[i]
		}
		a, b := x[ia], x[ib]
		if !(a > 0) {
			return // w is zero whatever β: the straight step
		}
		an := max(a+step[ia], a/4)
		if !(an > 0) {
			return // a/4 below the smallest float
		}
		xn[ia], xn[ib] = an, (a*b+b*(an-a)+a*step[ib])/an
	}
}

// eval evaluates f at x, projected onto the box in place.
func (p *lsq) eval(x, g, h []float64) float64 {
	p.evals++
	for i := range x {
		x[i] = min(max(x[i], p.lo[i]), p.hi[i])
	}
	v := p.f(x, g, h)
	if math.IsNaN(v) {
		return math.Inf(1)
	}
	return v
}

// solve runs a bounded Levenberg–Marquardt search from x0 (of at most
// lsqMaxDim parameters) and returns the best point found and its value
// (+Inf if f is not finite at x0). The model's matrix is the Gauss–Newton
// matrix plus a secant estimate of the part it leaves out (the errors
// times their second derivatives, large where the errors are), updated
// and sized in the manner of Dennis, Gay and Welsch's NL2SOL, which also
// keeps whichever of the two models predicted the last step better: the
// search converges fast where Gauss–Newton alone crawls. Each step
// minimises the model, damped by λ times the Gauss–Newton diagonal, over
// the box; a step that gains at least a small share of what the model
// predicts is taken and λ shrinks, else λ grows. The search stops when a
// step taken gains less than 1e-12 of the sum twice running, when the
// model predicts less than that, when the last crawlSteps steps taken
// gained less than crawlGain of the sum together, or at the budget.
func (p *lsq) solve(x0 []float64) ([]float64, float64) {
	d := len(x0)
	if d > lsqMaxDim {
		d = 0 // not searched: returned as evaluated
	}
	const n = lsqMaxDim
	var x, xn, g, gn, y, r, step [n]float64
	var h, hn, sm, b [n * n]float64
	if d == 0 {
		x := append([]float64(nil), x0...)
		return x, p.eval(x, make([]float64, len(x)), make([]float64, len(x)*len(x)))
	}
	copy(x[:], x0)
	fx := p.eval(x[:d], g[:d], h[:d*d])
	if math.IsInf(fx, 1) {
		return append([]float64(nil), x[:d]...), fx
	}
	const ftol = 1e-12
	lambda, nu := 1e-3, 2.0
	var hist [crawlSteps]float64 // the sum after each of the last steps taken
	taken := 0
	hist[0] = fx
	small := 0
	useS := true
	for p.evals < p.budget {
		for k := range d * d {
			b[k] = h[k]
			if useS {
				b[k] += sm[k]
			}
		}
		pred, ok := boxNewton(g[:d], b[:d*d], h[:d*d], lambda, x[:d], p.lo, p.hi, step[:d])
		if !ok {
			// The model is not convex at this damping.
			lambda = max(4*lambda, 1e-6)
			if lambda > 1e12 {
				break
			}
			continue
		}
		if !(pred > ftol*fx) || lambda > 1e12 {
			break
		}
		if p.retract != nil {
			p.retract(x[:d], step[:d], xn[:d])
		} else {
			for i := range d {
				xn[i] = x[i] + step[i]
			}
		}
		fn := p.eval(xn[:d], gn[:d], hn[:d*d])
		// The next step uses whichever model, with the secant term or
		// without, predicted this one's change the better (as NL2SOL).
		var gs, sHs, sSs0 float64
		for i := range d {
			gs += g[i] * step[i]
			for j := range d {
				sHs += step[i] * h[i*d+j] * step[j]
				sSs0 += step[i] * sm[i*d+j] * step[j]
			}
		}
		qGN := gs + 0.5*sHs
		useS = math.Abs(fn-fx-qGN-0.5*sSs0) < math.Abs(fn-fx-qGN)
		rho := (fx - fn) / pred
		if !(rho > 1e-4) {
			lambda *= nu
			nu *= 2
			continue
		}
		// The secant update: the step s = xn − x, y the change of the
		// gradient, and S updated so that (H(xn) + S)s = y.
		var sy, ss, sSs, sYs float64
		for i := range d {
			step[i] = xn[i] - x[i]
			y[i] = gn[i] - g[i]
			sy += step[i] * y[i]
			ss += step[i] * step[i]
		}
		for i := range d {
			var hs, sS float64
			for j := range d {
				hs += hn[i*d+j] * step[j]
				sS += sm[i*d+j] * step[j]
			}
			r[i] = y[i] - hs // the target of S s
			sSs += step[i] * sS
			sYs += step[i] * r[i]
		}
		if sy > 1e-300 && ss > 0 {
			if sSs != 0 {
				if f := math.Abs(sYs / sSs); f < 1 {
					for k := range d * d {
						sm[k] *= f
					}
				}
			}
			var rs float64
			for i := range d {
				var sS float64
				for j := range d {
					sS += sm[i*d+j] * step[j]
				}
				r[i] -= sS
				rs += r[i] * step[i]
			}
			for i := range d {
				for j := range d {
					sm[i*d+j] += (r[i]*y[j]+y[i]*r[j])/sy - rs*y[i]*y[j]/(sy*sy)
				}
			}
		}
		gain := fx - fn
		x, g, h, fx = xn, gn, hn, fn
		// A search that crawls, gaining less than crawlGain of the sum
		// over the last crawlSteps steps taken, stops: it is following a
		// valley nearly flat along its floor (Holt-Winters with α near
		// zero, where β hardly matters, when the search has no
		// productRetract), and what is left to gain is below what the
		// forecasts can tell apart.
		taken++
		if taken >= crawlSteps && hist[taken%crawlSteps]-fx < crawlGain*fx {
			break
		}
		hist[taken%crawlSteps] = fx
		lambda *= max(1.0/3, 1-math.Pow(2*rho-1, 3))
		nu = 2
		if gain <= ftol*fx {
			if small++; small == 2 {
				break
			}
		} else {
			small = 0
		}
	}
	return append([]float64(nil), x[:d]...), fx
}

// boxNewton sets step to the minimiser of the quadratic model
// gᵀs + ½ sᵀ(B + λ·diag H)s over lo ≤ x+s ≤ hi and returns the gain the
// model predicts, minus its value there; ok is false, and step zero, if
// the damped matrix is not positive definite. Where it is, the minimiser
// is the best of the unconstrained minimisers on the faces of the box
// (each parameter free or at one of its bounds) that lie inside it.
func boxNewton(g, b, h []float64, lambda float64, x, lo, hi, step []float64) (pred float64, ok bool) {
	d := len(g)
	var a [lsqMaxDim * lsqMaxDim]float64
	for i := range d {
		for j := range d {
			a[i*d+j] = b[i*d+j]
		}
		diag := h[i*d+i]
		if !(diag > 0) {
			diag = 1e-12
		}
		a[i*d+i] += lambda * diag
	}
	for i := range step {
		step[i] = 0
	}
	if !positiveDefinite(a[:d*d], d) {
		return 0, false
	}
	n := 1
	for range d {
		n *= 3
	}
	var s [lsqMaxDim]float64
	var free [lsqMaxDim]int
	var m [lsqMaxDim * (lsqMaxDim + 1)]float64
	for code := range n {
		// Parameter i is free (0), at its lower bound (1) or at its upper
		// bound (2).
		nf := 0
		c := code
		skip := false
		for i := range d {
			switch c % 3 {
			case 0:
				free[nf] = i
				nf++
			case 1:
				s[i] = lo[i] - x[i]
				skip = skip || math.IsInf(lo[i], 0)
			case 2:
				s[i] = hi[i] - x[i]
				skip = skip || math.IsInf(hi[i], 0)
			}
			c /= 3
		}
		if skip {
			continue // no face at an infinite bound
		}
		// Solve the free parameters' rows: A_ff s_f = −g_f − A_fb s_b.
		for r := range nf {
			i := free[r]
			rhs := -g[i]
			for j := range d {
				if !isFree(j, free[:nf]) {
					rhs -= a[i*d+j] * s[j]
				}
			}
			for q := range nf {
				m[r*(nf+1)+q] = a[i*d+free[q]]
			}
			m[r*(nf+1)+nf] = rhs
		}
		if !solveSmall(m[:nf*(nf+1)], nf) {
			continue
		}
		inside := true
		for r := range nf {
			i := free[r]
			s[i] = m[r*(nf+1)+nf]
			if !(x[i]+s[i] >= lo[i]-1e-15 && x[i]+s[i] <= hi[i]+1e-15) {
				inside = false
			}
		}
		if !inside {
			continue
		}
		var q float64
		for i := range d {
			q += g[i] * s[i]
			for j := range d {
				q += 0.5 * s[i] * a[i*d+j] * s[j]
			}
		}
		if -q > pred {
			pred = -q
			copy(step, s[:d])
		}
	}
	return pred, true
}

// positiveDefinite reports whether the symmetric d×d matrix a has a
// Cholesky factor.
func positiveDefinite(a []float64, d int) bool {
	var l [lsqMaxDim * lsqMaxDim]float64
	for j := range d {
		sum := a[j*d+j]
		for k := range j {
			sum -= l[j*d+k] * l[j*d+k]
		}
		if !(sum > 0) {
			return false
		}
		l[j*d+j] = math.Sqrt(sum)
		for i := j + 1; i < d; i++ {
			v := a[i*d+j]
			for k := range j {
				v -= l[i*d+k] * l[j*d+k]
			}
			l[i*d+j] = v / l[j*d+j]
		}
	}
	return true
}

// isFree reports whether j is among free.
func isFree(j int, free []int) bool {
	for _, i := range free {
		if i == j {
			return true
		}
	}
	return false
}

// solveSmall solves the n×n system in the augmented matrix m (n rows of
// n+1) by Gaussian elimination with partial pivoting, leaving the solution
// in the last column; false if the matrix is singular.
func solveSmall(m []float64, n int) bool {
	w := n + 1
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r*w+c]) > math.Abs(m[p*w+c]) {
				p = r
			}
		}
		if !(math.Abs(m[p*w+c]) > 0) {
			return false
		}
		if p != c {
			for k := range w {
				m[p*w+k], m[c*w+k] = m[c*w+k], m[p*w+k]
			}
		}
		for r := range n {
			if r == c {
				continue
			}
			f := m[r*w+c] / m[c*w+c]
			if f == 0 {
				continue
			}
			for k := c; k < w; k++ {
				m[r*w+k] -= f * m[c*w+k]
			}
		}
	}
	for r := range n {
		m[r*w+n] /= m[r*w+r]
	}
	return true
}
