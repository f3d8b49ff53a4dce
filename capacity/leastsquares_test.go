package capacity

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hwResiduals returns the one-step errors of Holt-Winters over y from the
// given state, each from a fresh pass over the points before it.
func hwResiduals(y, s0 []float64, mul bool, p params, l, b float64) []float64 {
	m := len(s0)
	out := make([]float64, len(y))
	for t := range y {
		s := slices.Clone(s0)
		var lv, tr float64
		if mul {
			_, _, lv, tr, _ = passMul(y[:t], s, p[0], p[1], p[2], l, b)
			out[t] = y[t] - (lv+tr)*s[t%m]
		} else {
			_, lv, tr = passAdd(y[:t], s, p[0], p[1], p[2], l, b)
			out[t] = y[t] - (lv + tr + s[t%m])
		}
	}
	return out
}

func TestHoltWintersGradientIsFiniteDifference(t *testing.T) {
	// The gradient of the SSE carried through the recursion matches
	// central differences, and the Gauss–Newton matrix is twice JᵀJ of the
	// errors' Jacobian by differences, on every series of testdata/rhw at
	// points inside the box.
	points := []params{{0.3, 0.1, 0.1}, {0.05, 0.6, 0.3}, {0.8, 0.02, 0.7}}
	for _, r := range loadRFits(t) {
		if r.fixed {
			continue
		}
		t.Run(r.name(), func(t *testing.T) {
			m := r.period
			mul := r.method() == MethodHoltWintersMultiplicative
			s0 := make([]float64, m)
			l0, b0 := rStart(r.x, m, mul, make([]float64, 2*m), s0)
			rest := r.x[m:]
			s, ds := make([]float64, m), make([]float64, 3*m)
			sse := func(p params) float64 {
				copy(s, s0)
				if mul {
					v, _, _, _, ok := passMul(rest, s, p[0], p[1], p[2], l0, b0)
					require.True(t, ok)
					return v
				}
				v, _, _ := passAdd(rest, s, p[0], p[1], p[2], l0, b0)
				return v
			}
			for _, p := range points {
				var g [3]float64
				var h [9]float64
				copy(s, s0)
				var v float64
				if mul {
					v = passMulGrad(rest, s, ds, p[0], p[1], p[2], l0, b0, &g, &h)
				} else {
					v = passAddGrad(rest, s, ds, p[0], p[1], p[2], l0, b0, &g, &h)
				}
				relClose(t, sse(p), v, 1e-12, "SSE")
				var jac [3][]float64
				const eps = 1e-6
				for k := range 3 {
					up, dn := p, p
					up[k] += eps
					dn[k] -= eps
					fd := (sse(up) - sse(dn)) / (2 * eps)
					assert.InDelta(t, fd, g[k], 1e-5*(math.Abs(fd)+1e-3*v), "∂SSE/∂%s at %v: got %g want %g", hwParams[k], p, g[k], fd)
					if len(rest) <= 200 {
						ru, rd := hwResiduals(rest, s0, mul, up, l0, b0), hwResiduals(rest, s0, mul, dn, l0, b0)
						jac[k] = make([]float64, len(rest))
						for i := range rest {
							jac[k][i] = (ru[i] - rd[i]) / (2 * eps)
						}
					}
				}
				if jac[0] == nil {
					continue
				}
				for a := range 3 {
					for c := range 3 {
						var want float64
						for i := range rest {
							want += 2 * jac[a][i] * jac[c][i]
						}
						assert.InDelta(t, want, h[a*3+c], 1e-5*math.Sqrt(h[a*3+a]*h[c*3+c]), "Gauss–Newton[%d][%d] at %v", a, c, p)
					}
				}
			}
		})
	}
}

func TestLsqBoxedLinear(t *testing.T) {
	// On the squares of errors linear in x (e = Ax − t, A = I plus 0.1 of
	// a cyclic shift), with a target outside the box on two axes, the
	// search ends at a point that meets the bounded first-order
	// conditions, in a few evaluations.
	target := []float64{0.3, 1.4, -0.2}
	var jac [3][3]float64
	for i := range 3 {
		jac[i][i] = 1
		jac[i][(i+1)%3] = 0.1
	}
	p := lsq{
		f: func(x, g, h []float64) float64 {
			var e [3]float64
			var v float64
			for i := range 3 {
				e[i] = x[i] + 0.1*x[(i+1)%3] - target[i]
				v += e[i] * e[i]
			}
			for c := range 3 {
				g[c] = 0
				for i := range 3 {
					g[c] += 2 * e[i] * jac[i][c]
				}
				for a := range 3 {
					h[c*3+a] = 0
					for i := range 3 {
						h[c*3+a] += 2 * jac[i][c] * jac[i][a]
					}
				}
			}
			return v
		},
		lo: []float64{0, 0, 0}, hi: []float64{1, 1, 1}, budget: 100,
	}
	x, v := p.solve([]float64{0.5, 0.5, 0.5})
	var g [3]float64
	var h [9]float64
	assert.Equal(t, v, p.f(x, g[:], h[:]))
	for i := range 3 {
		switch {
		case x[i] <= 0:
			assert.GreaterOrEqual(t, g[i], -1e-9, "gradient at the lower bound of %d", i)
		case x[i] >= 1:
			assert.LessOrEqual(t, g[i], 1e-9, "gradient at the upper bound of %d", i)
		default:
			assert.InDelta(t, 0, g[i], 1e-6, "gradient of free parameter %d", i)
		}
	}
	assert.Equal(t, 0.0, x[2], "x2 at its lower bound")
	assert.Equal(t, 1.0, x[1], "x1 at its upper bound")
	assert.Less(t, p.evals, 20, "evaluations")
}

func TestLsqNotFiniteStart(t *testing.T) {
	// A start where the model breaks down is returned as it is, +Inf.
	p := lsq{
		f:  func(x, g, h []float64) float64 { return math.NaN() },
		lo: []float64{0}, hi: []float64{1}, budget: 10,
	}
	x, v := p.solve([]float64{0.5})
	assert.True(t, math.IsInf(v, 1))
	assert.Equal(t, []float64{0.5}, x)
	assert.Equal(t, 1, p.evals)
}

// etsResiduals returns the terms whose squares [etsPassGrad] sums for a
// form without a season: the one-step errors, or for a multiplicative
// error the relative errors times the forecasts' geometric mean.
func etsResiduals(y []float64, fm Form, alpha, beta, phi, l, b float64) []float64 {
	out := make([]float64, len(y))
	var logmu float64
	for t := range y {
		_, _, _, lv, tr, _ := etsPass(y[:t], fm, alpha, beta, 0, phi, l, b, nil)
		mu := lv + phi*tr
		out[t] = y[t] - mu
		if fm.Error == ComponentMultiplicative {
			out[t] /= mu
			logmu += math.Log(mu)
		}
	}
	if fm.Error == ComponentMultiplicative {
		g := math.Exp(logmu / float64(len(y)))
		for t := range out {
			out[t] *= g
		}
	}
	return out
}

func TestETSGradientIsFiniteDifference(t *testing.T) {
	// For every form without a season, the objective of etsPassGrad is
	// the sum of squares of etsResiduals, its gradient in α, β, φ and the
	// two starting states matches central differences, and its
	// Gauss–Newton matrix is twice JᵀJ of the residuals' Jacobian by
	// differences, on the airline series.
	y := loadAirline(t)
	for _, fm := range etsForms(false, true) {
		t.Run(fm.String(), func(t *testing.T) {
			hasTrend := fm.Trend != ComponentNone
			// The vector: α, [β, [φ,]] level, [trend].
			x := []float64{0.4}
			ix := etsGrad{0, -1, -1, -1, -1}
			if hasTrend {
				x, ix.beta = append(x, 0.1), 1
			}
			if fm.Trend == ComponentDamped {
				x, ix.phi = append(x, 0.9), len(x)
			}
			x, ix.level = append(x, 110), len(x)
			if hasTrend {
				x, ix.trend = append(x, 2), len(x)
			}
			get := func(x []float64) (a, be, ph, l, b float64) {
				a, ph, l = x[0], 0, x[ix.level]
				if hasTrend {
					be, ph, b = x[ix.beta], 1, x[ix.trend]
				}
				if ix.phi >= 0 {
					ph = x[ix.phi]
				}
				return
			}
			res := func(x []float64) []float64 {
				a, be, ph, l, b := get(x)
				return etsResiduals(y, fm, a, be, ph, l, b)
			}
			d := len(x)
			g, h := make([]float64, d), make([]float64, d*d)
			a, be, ph, l, b := get(x)
			mul := fm.Error == ComponentMultiplicative
			v := etsPassGrad(y, mul, hasTrend, a, be, ph, l, b, ix, d, g, h)
			var want float64
			for _, r := range res(x) {
				want += r * r
			}
			assert.InEpsilon(t, want, v, 1e-9)
			jac := make([][]float64, d)
			for k := range d {
				eps := 1e-6 * math.Max(1, math.Abs(x[k]))
				xp, xm := slices.Clone(x), slices.Clone(x)
				xp[k] += eps
				xm[k] -= eps
				rp, rm := res(xp), res(xm)
				var fp, fm float64
				jac[k] = make([]float64, len(y))
				for i := range rp {
					fp += rp[i] * rp[i]
					fm += rm[i] * rm[i]
					jac[k][i] = (rp[i] - rm[i]) / (2 * eps)
				}
				assert.InDelta(t, (fp-fm)/(2*eps), g[k], 1e-5*math.Abs(v)/math.Max(1, math.Abs(x[k])), "gradient %d", k)
			}
			for i := range d {
				for j := range d {
					var jj float64
					for k := range y {
						jj += jac[i][k] * jac[j][k]
					}
					assert.InDelta(t, 2*jj, h[i*d+j], 1e-5*math.Sqrt(math.Abs(h[i*d+i]*h[j*d+j]))+1e-9, "Gauss–Newton %d,%d", i, j)
				}
			}
		})
	}
}

// valley returns the squares of e = (20(x₁ − x₀²), slope·(1 − x₀), 10):
// a curved valley whose floor falls by slope² to its end at x₀ = 1,
// above a floor of 100 no parameter moves.
func valley(slope float64) lsq {
	return lsq{
		f: func(x, g, h []float64) float64 {
			e := [2]float64{20 * (x[1] - x[0]*x[0]), slope * (1 - x[0])}
			jac := [2][2]float64{{-40 * x[0], 20}, {-slope, 0}}
			for c := range 2 {
				g[c] = 2 * (e[0]*jac[0][c] + e[1]*jac[1][c])
				for a := range 2 {
					h[c*2+a] = 2 * (jac[0][c]*jac[0][a] + jac[1][c]*jac[1][a])
				}
			}
			return e[0]*e[0] + e[1]*e[1] + 100
		},
		lo: []float64{0, 0}, hi: []float64{2, 2}, budget: 2000,
	}
}

func TestLsqStopsCrawling(t *testing.T) {
	// Along a floor that falls by a millionth of the sum, the search stops
	// within that of the end instead of crawling to it; along one that
	// falls by a hundredth it goes to the end.
	flat := valley(1e-2)
	_, v := flat.solve([]float64{0.2, 0.04})
	assert.Less(t, v-100, 2e-4, "within the floor's fall of the minimum")
	steep := valley(1)
	x, v := steep.solve([]float64{0.2, 0.04})
	assert.InDelta(t, 100, v, 1e-9, "the minimum")
	assert.InDelta(t, 1, x[0], 1e-4)
	assert.Less(t, flat.evals, steep.evals, "the flat valley stops sooner")
	t.Logf("flat: %d evaluations, steep: %d", flat.evals, steep.evals)
}

func TestProductRetract(t *testing.T) {
	// The step keeps the first-order change of w = αβ, and shrinks α by
	// four times at most.
	r := productRetract(0, 1)
	xn := make([]float64, 3)
	r([]float64{0.2, 0.5, 0.3}, []float64{0.1, -0.1, 0.05}, xn)
	assert.InDelta(t, 0.3, xn[0], 1e-15)
	assert.InDelta(t, (0.1+0.5*0.1+0.2*-0.1)/0.3, xn[1], 1e-15, "β from w + βΔα + αΔβ")
	assert.InDelta(t, 0.35, xn[2], 1e-15, "other parameters step straight")
	r([]float64{1e-3, 0.1, 0.5}, []float64{-2e-3, 0.3, 0}, xn)
	assert.InDelta(t, 2.5e-4, xn[0], 1e-18, "α shrinks four times, not to its bound")
	assert.InDelta(t, (1e-4+0.1*(2.5e-4-1e-3)+1e-3*0.3)/2.5e-4, xn[1], 1e-12)
	r([]float64{0, 0.4, 0.5}, []float64{0.1, 0.1, 0}, xn)
	assert.InDelta(t, 0.1, xn[0], 1e-15, "from α = 0 the step is straight")
	assert.InDelta(t, 0.5, xn[1], 1e-15)
	assert.InDelta(t, 0.5, xn[2], 1e-15)
}

func TestLsqFollowsProductValley(t *testing.T) {
	// An hourly series of a daily profile, a slow linear trend and noise:
	// its additive Holt-Winters optimum has α near 1e-4 and β at 1, at
	// the end of a valley along αβ constant. From the same start the
	// search with productRetract ends at least as low as the one with
	// straight steps, in far fewer passes, and never steps onto α = 0.
	rng := rand.New(rand.NewPCG(3, 65))
	y := make([]float64, 24*7*6-24)
	for i := range y {
		y[i] = 40 + 0.01*float64(i) + 15*math.Sin(2*math.Pi*float64(i%24)/24) + 2*rng.NormFloat64()
	}
	const m = 24
	s0 := make([]float64, m)
	l0, b0 := seasonsStart(y, m, false, s0)
	st, ds := make([]float64, m), make([]float64, 3*m)
	minAlpha := math.Inf(1)
	f := func(x, g, h []float64) float64 {
		minAlpha = min(minAlpha, x[0])
		copy(st, s0)
		var G [3]float64
		var H [9]float64
		v := passAddGrad(y[m:], st, ds, x[0], x[1], x[2], l0, b0, &G, &H)
		copy(g, G[:])
		copy(h, H[:])
		return v
	}
	run := func(retract func(x, step, xn []float64)) ([]float64, float64, int) {
		p := lsq{f: f, lo: []float64{0, 0, 0}, hi: []float64{1, 1, 1}, budget: 600, retract: retract}
		x, v := p.solve([]float64{0.02, 0.01, 0.02})
		return x, v, p.evals
	}
	_, vs, es := run(nil)
	straightMin := minAlpha
	minAlpha = math.Inf(1)
	x, vr, er := run(productRetract(0, 1))
	t.Logf("straight: %d passes, SSE %.6f; retracted: %d passes, SSE %.6f at %v", es, vs, er, vr, x)
	assert.LessOrEqual(t, vr, vs*(1+1e-9), "SSE with the retraction against straight steps")
	assert.Less(t, er, es*2/3, "passes with the retraction (%d) against straight steps (%d)", er, es)
	// The premise: straight steps reach the cliff at α = 0.
	assert.Equal(t, 0.0, straightMin, "straight steps reach the cliff at α = 0")
	assert.Greater(t, minAlpha, 0.0, "with the retraction no step reaches α = 0")
	assert.Less(t, x[0], 1e-3, "α at the end of the valley")
	assert.Greater(t, x[1], 0.9, "β at the end of the valley")
}
