package capacity

import (
	"fmt"
	"math"
	"slices"

	"github.com/smskit/iso20000/process"
)

// dsPass runs additive double-seasonal Holt-Winters (Taylor, 2003) over y
// from level l, trend b and the seasonal states s1 (the shorter season)
// and s2 (the longer one), both changed in place (s[i%len(s)] serves point
// i), and returns the sum of squared one-step errors and the final level
// and trend. It allocates nothing.
func dsPass(y, s1, s2 []float64, alpha, beta, gamma, omega, l, b float64) (sse, level, trend float64) {
	m1, m2 := len(s1), len(s2)
	j1, j2 := 0, 0
	for _, v := range y {
		a, c := s1[j1], s2[j2]
		lb := l + b
		e := v - (lb + a + c)
		sse += e * e
		nl := alpha*(v-a-c) + (1-alpha)*lb
		b = beta*(nl-l) + (1-beta)*b
		s1[j1] = gamma*(v-nl-c) + (1-gamma)*a
		s2[j2] = omega*(v-nl-a) + (1-omega)*c
		l = nl
		if j1++; j1 == m1 {
			j1 = 0
		}
		if j2++; j2 == m2 {
			j2 = 0
		}
	}
	return sse, l, b
}

// dsStart is the starting state of double-seasonal Holt-Winters from the
// first two long seasons of y: the trend from the change of their means,
// the level on that line one step before the first point, the short
// season the mean deviation from the line at each of its positions, the
// long season the mean deviation left at each of its positions, each
// centred to sum to zero.
func dsStart(y []float64, m1, m2 int, s1, s2 []float64) (l, b float64) {
	var w1, w2 float64
	for i := range m2 {
		w1 += y[i]
		w2 += y[m2+i]
	}
	w1 /= float64(m2)
	w2 /= float64(m2)
	b = (w2 - w1) / float64(m2)
	centre := float64(m2-1) / 2
	line := func(t int) float64 { return w1 + (float64(t)-centre)*b }
	clear(s1)
	clear(s2)
	for t := range 2 * m2 {
		s1[t%m1] += y[t] - line(t)
	}
	centreSum(s1, float64(2*m2/m1))
	for t := range 2 * m2 {
		s2[t%m2] += y[t] - line(t) - s1[t%m1]
	}
	centreSum(s2, 2)
	return line(-1), b
}

// centreSum divides s by n and takes out its mean.
func centreSum(s []float64, n float64) {
	var mean float64
	for i := range s {
		s[i] /= n
		mean += s[i]
	}
	mean /= float64(len(s))
	for i := range s {
		s[i] -= mean
	}
}

// dsParams are the parameters of double-seasonal Holt-Winters, in order.
var dsParams = [4]Param{ParamAlpha, ParamBeta, ParamGamma, ParamOmega}

// dsStarts are the points the search starts from: α, β, γ, ω.
var dsStarts = [...][4]float64{
	{0.1, 0.01, 0.1, 0.1}, {0.3, 0.01, 0.2, 0.2}, {0.05, 0.001, 0.05, 0.05},
	{0.5, 0.05, 0.3, 0.1}, {0.2, 0.01, 0.4, 0.4}, {0.02, 0.001, 0.2, 0.02},
}

// fitDouble fits additive double-seasonal Holt-Winters by least squares of
// the one-step errors from the first point on.
func (f *fitter) fitDouble(y []float64, sp Spec) (*Model, error) {
	m1, m2 := sp.Period, sp.Period2
	if m2 <= m1 || m2%m1 != 0 {
		return nil, fmt.Errorf("capacity: fit %s: period2 %d, want a multiple of period %d above it: %w", MethodDoubleSeasonal, m2, m1, process.ErrInvalidValue)
	}
	if len(y) < 2*m2 {
		return nil, fmt.Errorf("capacity: fit %s: %d points, need two seasons of %d: %w", MethodDoubleSeasonal, len(y), m2, ErrTooShort)
	}
	evals := sp.MaxEvals
	if evals <= 0 {
		evals = 800
	}
	s10, s20 := make([]float64, m1), make([]float64, m2)
	l0, b0 := dsStart(y, m1, m2, s10, s20)
	s1, s2 := make([]float64, m1), make([]float64, m2)
	var base [4]float64
	var free []int
	for i, p := range dsParams {
		if v, ok := sp.Fixed[p]; ok {
			base[i] = v
		} else {
			free = append(free, i)
		}
	}
	full := func(x []float64) [4]float64 {
		p := base
		for k, i := range free {
			p[i] = x[k]
		}
		return p
	}
	run := func(p [4]float64) (sse, l, b float64) {
		copy(s1, s10)
		copy(s2, s20)
		return dsPass(y, s1, s2, p[0], p[1], p[2], p[3], l0, b0)
	}
	pr := problem{
		f: func(x []float64) float64 {
			sse, _, _ := run(full(x))
			return sse
		},
		lo: make([]float64, len(free)), hi: make([]float64, len(free)), step: make([]float64, len(free)),
		budget: evals,
	}
	for k := range free {
		pr.hi[k], pr.step[k] = 1, 0.05
	}
	var starts [][]float64
	for _, st := range dsStarts {
		x := make([]float64, len(free))
		for k, i := range free {
			x[k] = st[i]
		}
		starts = append(starts, x)
	}
	x, _ := pr.solve(starts, 2)
	p := full(x)
	md := &Model{Method: MethodDoubleSeasonal, Period: m1, Period2: m2, Alpha: p[0], Beta: p[1], Gamma: p[2], Omega: p[3],
		N: len(y), Fitted: len(y), Evals: pr.evals, Params: len(free)}
	md.Start = State{Level: l0, Trend: b0, Season: slices.Clone(s10), Season2: slices.Clone(s20)}
	md.SSE, md.Level, md.Trend = run(p)
	md.Sigma = math.Sqrt(md.SSE / float64(len(y)))
	md.setLikelihood(len(y), md.SSE, 0)
	md.Season, md.Season2 = make([]float64, m1), make([]float64, m2)
	for k := range m1 {
		md.Season[k] = s1[(len(y)+k)%m1]
	}
	for k := range m2 {
		md.Season2[k] = s2[(len(y)+k)%m2]
	}
	return md, nil
}
