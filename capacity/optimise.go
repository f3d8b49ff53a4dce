package capacity

import "math"

// The smoothing parameters of Holt-Winters are fitted by minimising the sum
// of squared one-step errors over the box [0,1]³ with a Nelder–Mead simplex
// search (the predictive procedures of ISO/IEC 20000-1:2011, 6.5). The search
// is deterministic: a coarse grid of eight starting points picks the start,
// the simplex moves from there, and every trial point is projected onto the
// box before it is evaluated. It stops when the simplex has shrunk or the
// objective no longer improves, and never evaluates more than maxEvals times.

// params are the three smoothing parameters: alpha (level), beta (trend)
// and gamma (season), each in [0,1].
type params [3]float64

// clampBox projects p onto [0,1]³.
func clampBox(p params) params {
	for i := range p {
		p[i] = min(max(p[i], 0), 1)
	}
	return p
}

// minimise returns the point of [0,1]³ where f is least, its value and the
// number of evaluations made. f must return a finite value or +Inf for a
// point where the model breaks down.
func minimise(f func(params) float64, maxEvals int) (params, float64, int) {
	evals := 0
	eval := func(p params) float64 {
		evals++
		v := f(p)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	// Pick the best grid point as the start.
	var x0 params
	f0 := math.Inf(1)
	// The starting points tried before the simplex search.
	grid := [...]params{
		{0.1, 0.01, 0.05}, {0.1, 0.01, 0.4}, {0.1, 0.2, 0.05}, {0.1, 0.2, 0.4},
		{0.5, 0.01, 0.05}, {0.5, 0.01, 0.4}, {0.5, 0.2, 0.05}, {0.5, 0.2, 0.4},
	}
	for _, g := range grid {
		if v := eval(g); v < f0 {
			x0, f0 = g, v
		}
	}
	// Initial simplex: the start and one step along each axis, towards the
	// inside of the box.
	var simplex [4]params
	var fs [4]float64
	simplex[0], fs[0] = x0, f0
	for i := range 3 {
		p := x0
		step := 0.1
		if p[i]+step > 1 {
			step = -step
		}
		p[i] += step
		simplex[i+1] = p
		fs[i+1] = eval(p)
	}
	const (
		ftol = 1e-9 // relative spread of the objective at convergence
		xtol = 1e-5 // spread of the simplex at convergence
	)
	for evals < maxEvals {
		// Order the vertices, best first (insertion sort: four points).
		for i := 1; i < 4; i++ {
			for j := i; j > 0 && fs[j] < fs[j-1]; j-- {
				fs[j], fs[j-1] = fs[j-1], fs[j]
				simplex[j], simplex[j-1] = simplex[j-1], simplex[j]
			}
		}
		best, worst := fs[0], fs[3]
		if !math.IsInf(worst, 1) && worst-best <= ftol*(math.Abs(best)+math.Abs(worst))+1e-300 {
			break
		}
		spread := 0.0
		for i := 1; i < 4; i++ {
			for d := range 3 {
				spread = max(spread, math.Abs(simplex[i][d]-simplex[0][d]))
			}
		}
		if spread < xtol {
			break
		}
		var c params // centroid of all but the worst
		for i := range 3 {
			for d := range 3 {
				c[d] += simplex[i][d] / 3
			}
		}
		at := func(t float64) params {
			var p params
			for d := range 3 {
				p[d] = c[d] + t*(simplex[3][d]-c[d])
			}
			return clampBox(p)
		}
		xr := at(-1)
		fr := eval(xr)
		switch {
		case fr < fs[0]:
			xe := at(-2)
			if fe := eval(xe); fe < fr {
				simplex[3], fs[3] = xe, fe
			} else {
				simplex[3], fs[3] = xr, fr
			}
		case fr < fs[2]:
			simplex[3], fs[3] = xr, fr
		default:
			t := 0.5
			if fr < fs[3] {
				t = -0.5 // outside contraction
			}
			xc := at(t)
			if fc := eval(xc); fc < min(fr, fs[3]) {
				simplex[3], fs[3] = xc, fc
			} else {
				// Shrink towards the best vertex.
				for i := 1; i < 4 && evals < maxEvals; i++ {
					for d := range 3 {
						simplex[i][d] = simplex[0][d] + 0.5*(simplex[i][d]-simplex[0][d])
					}
					fs[i] = eval(simplex[i])
				}
			}
		}
	}
	bi := 0
	for i := 1; i < 4; i++ {
		if fs[i] < fs[bi] {
			bi = i
		}
	}
	return simplex[bi], fs[bi], evals
}
