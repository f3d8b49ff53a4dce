package capacity

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

// simETS draws n points of the state-space model of form fm with known
// parameters: level 100, trend b, a sine season of amplitude amp (added,
// or a factor 1 + amp/100) and errors of standard deviation sigma (in the
// series' unit, or relative to the forecast for a multiplicative error).
func simETS(seed uint64, n, m int, fm Form, alpha, beta, gamma, phi, b, amp, sigma float64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 20000))
	l := 100.0
	s := make([]float64, m)
	for j := range s {
		switch fm.Season {
		case ComponentAdditive:
			s[j] = amp * math.Sin(2*math.Pi*float64(j)/float64(m))
		case ComponentMultiplicative:
			s[j] = 1 + amp/100*math.Sin(2*math.Pi*float64(j)/float64(m))
		}
	}
	if fm.Trend == ComponentNone {
		b = 0
	}
	if fm.Trend != ComponentDamped {
		phi = 1
	}
	y := make([]float64, n)
	for t := range y {
		pb := phi * b
		tt := l + pb
		mu := tt
		j := t % max(1, m)
		switch fm.Season {
		case ComponentAdditive:
			mu += s[j]
		case ComponentMultiplicative:
			mu *= s[j]
		}
		e := sigma * rng.NormFloat64()
		if fm.Error == ComponentMultiplicative {
			e *= mu
		}
		y[t] = mu + e
		// The updates of etsPass, in terms of the error in the series' unit.
		if fm.Season == ComponentMultiplicative {
			l = tt + alpha*e/s[j]
			b = pb + beta*e/s[j]
			s[j] += gamma * e / tt
		} else {
			l = tt + alpha*e
			b = pb + beta*e
			if fm.Season == ComponentAdditive {
				s[j] += gamma * e
			}
		}
		if fm.Trend == ComponentNone {
			b = 0
		}
	}
	return y
}

func TestETSRecoversParameters(t *testing.T) {
	// Series drawn from each form with known parameters: the fit of that
	// form by likelihood finds them within α ±0.06, β ±0.03, γ ±0.06 and
	// φ ±0.06, and σ within 10 %.
	tests := []struct {
		form                    Form
		alpha, beta, gamma, phi float64
		b, amp, sigma           float64
	}{
		{Form{ComponentAdditive, ComponentNone, ComponentNone}, 0.3, 0, 0, 0, 0, 0, 1},
		{Form{ComponentAdditive, ComponentAdditive, ComponentAdditive}, 0.3, 0.02, 0.1, 0, 0.1, 10, 1},
		{Form{ComponentMultiplicative, ComponentNone, ComponentMultiplicative}, 0.2, 0, 0.3, 0, 0, 20, 0.05},
		{Form{ComponentAdditive, ComponentDamped, ComponentNone}, 0.4, 0.1, 0, 0.9, 1, 0, 1},
		{Form{ComponentMultiplicative, ComponentAdditive, ComponentAdditive}, 0.25, 0.01, 0.15, 0, 0.2, 10, 0.01},
	}
	const m, n = 12, 600
	for _, tt := range tests {
		for seed := uint64(1); seed <= 2; seed++ {
			t.Run(tt.form.String()+"/seed"+strconv.FormatUint(seed, 10), func(t *testing.T) {
				y := simETS(seed, n, m, tt.form, tt.alpha, tt.beta, tt.gamma, tt.phi, tt.b, tt.amp, tt.sigma)
				md, err := FitSpec(y, Spec{Method: MethodETS, Period: m, Form: tt.form})
				require.NoError(t, err)
				t.Logf("%s: %s, σ %.4f, AICc %.1f, %d evaluations", tt.form, md.Describe(), md.Sigma, md.AICc, md.Evals)
				assert.Equal(t, tt.form, md.Form)
				assert.InDelta(t, tt.alpha, md.Alpha, 0.06, "alpha")
				if tt.form.Trend != ComponentNone {
					assert.InDelta(t, tt.beta, md.Beta, 0.03, "beta")
				}
				if tt.form.Season != ComponentNone {
					assert.InDelta(t, tt.gamma, md.Gamma, 0.06, "gamma")
				}
				if tt.form.Trend == ComponentDamped {
					assert.InDelta(t, tt.phi, md.Phi, 0.06, "phi")
				}
				assert.InDelta(t, tt.sigma, md.Sigma, 0.1*tt.sigma, "sigma")
				assert.Equal(t, etsParams(tt.form, m, nil), md.Params)
				assert.False(t, math.IsNaN(md.LogLik) || math.IsNaN(md.AICc))
			})
		}
	}
}

func TestETSChoosesByAICc(t *testing.T) {
	// A clearly seasonal, trending series with a season that grows with the
	// level picks a form with a multiplicative season; a series with
	// values at or below zero only forms with additive parts; and the
	// chosen form has the least AICc of those fitted one by one.
	y := simETS(4, 240, 12, Form{ComponentMultiplicative, ComponentAdditive, ComponentMultiplicative}, 0.2, 0.01, 0.05, 0, 1.5, 40, 0.01)
	md, err := FitSpec(y, Spec{Method: MethodETS, Period: 12})
	require.NoError(t, err)
	assert.Equal(t, ComponentMultiplicative, md.Form.Season, "chosen %s", md.Form)
	assert.NotEqual(t, ComponentNone, md.Form.Trend, "chosen %s", md.Form)
	for _, fm := range etsForms(true, true) {
		one, err := FitSpec(y, Spec{Method: MethodETS, Period: 12, Form: fm})
		require.NoError(t, err)
		assert.GreaterOrEqual(t, one.AICc, md.AICc, "%s has a lesser AICc than the chosen %s", fm, md.Form)
	}

	neg := simETS(5, 120, 12, Form{ComponentAdditive, ComponentNone, ComponentAdditive}, 0.2, 0, 0.1, 0, 0, 10, 1)
	for i := range neg {
		neg[i] -= 100
	}
	md, err = FitSpec(neg, Spec{Method: MethodETS, Period: 12})
	require.NoError(t, err)
	assert.Equal(t, ComponentAdditive, md.Form.Error)
	assert.NotEqual(t, ComponentMultiplicative, md.Form.Season)
	_, err = FitSpec(neg, Spec{Method: MethodETS, Period: 12, Form: Form{ComponentMultiplicative, ComponentNone, ComponentNone}})
	assert.ErrorIs(t, err, ErrNonPositive)
}

// genDouble draws additive double-seasonal Holt-Winters in its error form.
func genDouble(seed uint64, n, m1, m2 int, alpha, beta, gamma, omega, sigma float64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 2))
	l, b := 200.0, 0.02
	s1, s2 := make([]float64, m1), make([]float64, m2)
	for j := range s1 {
		s1[j] = 20 * math.Sin(2*math.Pi*float64(j)/float64(m1))
	}
	for k := range s2 {
		if k/m1 >= 5 {
			s2[k] = -30
		} else {
			s2[k] = 12
		}
	}
	y := make([]float64, n)
	for t := range y {
		e := sigma * rng.NormFloat64()
		j1, j2 := t%m1, t%m2
		y[t] = l + b + s1[j1] + s2[j2] + e
		l += b + alpha*e
		b += alpha * beta * e
		s1[j1] += (1 - alpha) * gamma * e
		s2[j2] += (1 - alpha) * omega * e
	}
	return y
}

func TestDoubleSeasonalRecoversParameters(t *testing.T) {
	// Hourly points with a daily and a weekly season drawn from the model,
	// with a slow level so that the seasons carry the forecast: the fit
	// finds α ±0.05, γ ±0.08, ω ±0.08, and on the held-out week it beats
	// single-season Holt-Winters of either period.
	const m1, m2, n = 24, 168, 168 * 16
	for seed := uint64(1); seed <= 2; seed++ {
		y := genDouble(seed, n, m1, m2, 0.05, 0.01, 0.1, 0.15, 2)
		md, err := FitSpec(y, Spec{Method: MethodDoubleSeasonal, Period: m1, Period2: m2})
		require.NoError(t, err)
		t.Logf("%s, σ %.3f, %d evaluations", md.Describe(), md.Sigma, md.Evals)
		assert.InDelta(t, 0.05, md.Alpha, 0.05, "alpha")
		assert.InDelta(t, 0.1, md.Gamma, 0.08, "gamma")
		assert.InDelta(t, 0.15, md.Omega, 0.08, "omega")
		assert.InDelta(t, 2, md.Sigma, 0.2, "sigma")

		held := func(o *Options) float64 {
			r, err := ForecastValues(y, m2, o)
			require.NoError(t, err)
			return r.Holdout.RMSE
		}
		ds := held(&Options{Method: MethodDoubleSeasonal, Periods: []int{m1, m2}})
		assert.Less(t, ds, held(&Options{Method: MethodHoltWintersAdditive, Periods: []int{m1}}), "double seasonal against daily Holt-Winters")
		assert.Less(t, ds, held(&Options{Method: MethodHoltWintersAdditive, Periods: []int{m2}}), "double seasonal against weekly Holt-Winters")
	}
}

func TestTScore(t *testing.T) {
	// Two-sided 95 % and 80 % quantiles of Student's t, from the tables.
	tests := []struct{ level, df, want float64 }{
		{0.95, 1, 12.7062}, {0.95, 2, 4.3027}, {0.95, 5, 2.5706}, {0.95, 30, 2.0423},
		{0.8, 3, 1.6377}, {0.99, 10, 3.1693}, {0.95, 1e7, 1.9600},
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.want, tScore(tt.level, tt.df), 1e-4, "t(%g, %g)", tt.level, tt.df)
	}
	assert.InDelta(t, 1.96, tScore(0.95, 0), 1e-3, "no degrees of freedom: the normal quantile")
}

func TestLinearIntervalsUseStudentT(t *testing.T) {
	// Six points on a noisy line: the 95 % interval of the next point holds
	// it about 95 % of the time with Student's t on 4 degrees of freedom;
	// the normal quantile would hold it far less often.
	rng := rand.New(rand.NewPCG(8, 8))
	in, total := 0, 4000
	for range total {
		y := make([]float64, 7)
		for i := range y {
			y[i] = 3 + 0.5*float64(i) + rng.NormFloat64()
		}
		md, err := Fit(y[:6], MethodLinear, 0, 0)
		require.NoError(t, err)
		if b := md.Predict(1, 0.95)[0]; y[6] >= b.Lower && y[6] <= b.Upper {
			in++
		}
	}
	assert.InDelta(t, 0.95, float64(in)/float64(total), 0.015, "coverage")
}

func TestIntervalCoverageEveryMethod(t *testing.T) {
	// Over 30 draws (15 under the race detector), the calibrated 90 %
	// intervals of ForecastValues hold the points after the series about
	// 90 % of the time for each method, the multiplicative ones included.
	if testing.Short() {
		t.Skip("fits 30 series per method")
	}
	tests := []struct {
		method Method
		gen    func(seed uint64) []float64
	}{
		{MethodHoltWintersAdditive, func(seed uint64) []float64 { return genHW(seed, 12*12+12, 12, 0.3, 0.05, 0.2, 1) }},
		{MethodHoltWintersMultiplicative, func(seed uint64) []float64 {
			return simETS(seed, 12*12+12, 12, Form{ComponentMultiplicative, ComponentAdditive, ComponentMultiplicative}, 0.3, 0.02, 0.1, 0, 0.3, 30, 0.03)
		}},
		{MethodETS, func(seed uint64) []float64 {
			return simETS(seed, 12*12+12, 12, Form{ComponentMultiplicative, ComponentNone, ComponentMultiplicative}, 0.2, 0, 0.1, 0, 0, 30, 0.05)
		}},
		{MethodLinear, func(seed uint64) []float64 {
			rng := rand.New(rand.NewPCG(seed, 3))
			y := make([]float64, 40)
			for i := range y {
				y[i] = 10 + 0.3*float64(i) + 2*rng.NormFloat64()
			}
			return y
		}},
		{"", func(seed uint64) []float64 { return genHW(seed, 12*12+12, 12, 0.3, 0.05, 0.2, 1) }},
	}
	for _, tt := range tests {
		t.Run(string(tt.method), func(t *testing.T) {
			in, total := 0, 0
			draws := uint64(30)
			if raceEnabled {
				draws = 15
			}
			for seed := uint64(100); seed < 100+draws; seed++ {
				y := tt.gen(seed)
				h := 12
				if tt.method == MethodLinear {
					h = 5
				}
				train, test := y[:len(y)-h], y[len(y)-h:]
				r, err := ForecastValues(train, h, &Options{Method: tt.method, Periods: []int{12}, Level: 0.9})
				require.NoError(t, err)
				in, total = in+inside(test, r.Bands), total+len(r.Bands)
			}
			cover := float64(in) / float64(total)
			t.Logf("coverage %.3f of %d points", cover, total)
			assert.InDelta(t, 0.9, cover, 0.06, "coverage of the 90 %% interval")
		})
	}
}

// inside counts the points of v inside their bands.
func inside(v []float64, bands []Band) int {
	n := 0
	for i, b := range bands {
		if v[i] >= b.Lower && v[i] <= b.Upper {
			n++
		}
	}
	return n
}

func TestForecastShortFlatTrendingIntermittent(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	short := make([]float64, 26) // two seasons of 12 and two points
	for i := range short {
		short[i] = 50 + 10*math.Sin(2*math.Pi*float64(i)/12) + rng.NormFloat64()
	}
	trending := make([]float64, 200)
	for i := range trending {
		trending[i] = 10 + 2*float64(i) + rng.NormFloat64()
	}
	intermittent := make([]float64, 24*7*3)
	for i := range intermittent {
		if rng.Float64() < 0.05 {
			intermittent[i] = float64(1 + rng.IntN(4))
		}
	}
	periodic := make([]float64, 24*7*2)
	for i := range periodic {
		periodic[i] = 30 + float64(i%24)
	}
	tests := []struct {
		name  string
		y     []float64
		opt   *Options
		check func(t *testing.T, r *Result)
	}{
		{"short", short, &Options{Periods: []int{12}, Holdout: 2}, func(t *testing.T, r *Result) {
			assert.InDelta(t, 50+10*math.Sin(2*math.Pi*26/12), r.Bands[0].Value, 8, "next point")
		}},
		{"trending", trending, &Options{Periods: []int{12}}, func(t *testing.T, r *Result) {
			for h, b := range r.Bands {
				assert.InDelta(t, 10+2*float64(200+h), b.Value, 5, "step %d", h+1)
			}
		}},
		{"intermittent", intermittent, &Options{Periods: []int{24, 168}}, func(t *testing.T, r *Result) {
			var mean float64
			for _, v := range intermittent {
				mean += v
			}
			mean /= float64(len(intermittent))
			var fm float64
			for _, b := range r.Bands {
				fm += b.Value
			}
			fm /= float64(len(r.Bands))
			assert.InDelta(t, mean, fm, 0.5, "mean forecast against the mean demand")
		}},
		{"exactly periodic", periodic, &Options{Periods: []int{24}}, func(t *testing.T, r *Result) {
			for h, b := range r.Bands {
				assert.InDelta(t, 30+float64((len(periodic)+h)%24), b.Value, 1e-6, "step %d", h+1)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ForecastValues(tt.y, 24, tt.opt)
			require.NoError(t, err)
			assertFinite(t, r)
			for _, b := range r.Bands {
				assert.True(t, b.Lower <= b.Value && b.Value <= b.Upper, "band %+v", b)
			}
			t.Logf("%s", r.Model.Describe())
			tt.check(t, r)
		})
	}
}

func TestShortSeriesDoNotCollapse(t *testing.T) {
	// Sixty monthly points (five seasons), the length of ldeaths and
	// USAccDeaths less their held-out year: a seasonal fit with noise keeps
	// some smoothing; only an exactly periodic series may have none.
	for seed := uint64(1); seed <= 5; seed++ {
		y := genHW(seed, 60, 12, 0.3, 0.05, 0.2, 3)
		for _, m := range []Method{MethodHoltWintersAdditive, MethodHoltWintersMultiplicative} {
			md, err := Fit(y, m, 12, 0)
			require.NoError(t, err)
			assert.False(t, md.Alpha < 1e-3 && md.Beta < 1e-3 && md.Gamma < 1e-3, "%s seed %d collapsed: %s", m, seed, md.Describe())
		}
	}
}

func TestFitSpecRefuses(t *testing.T) {
	y := genHW(1, 24*4, 24, 0.3, 0.05, 0.2, 1)
	tests := []struct {
		name string
		sp   Spec
		want error
	}{
		{"fixed out of range", Spec{Method: MethodHoltWintersAdditive, Period: 24, Fixed: map[Param]float64{ParamAlpha: 1.5}}, process.ErrInvalidValue},
		{"fixed not of the method", Spec{Method: MethodHoltWintersAdditive, Period: 24, Fixed: map[Param]float64{ParamPhi: 0.9}}, process.ErrInvalidValue},
		{"phi out of range", Spec{Method: MethodETS, Form: Form{ComponentAdditive, ComponentDamped, ComponentNone}, Fixed: map[Param]float64{ParamPhi: 0.5}}, process.ErrInvalidValue},
		{"bad form", Spec{Method: MethodETS, Form: Form{ComponentNone, ComponentNone, ComponentNone}}, process.ErrInvalidValue},
		{"seasonal form without period", Spec{Method: MethodETS, Form: Form{ComponentAdditive, ComponentNone, ComponentAdditive}}, process.ErrInvalidValue},
		{"double seasonal not a multiple", Spec{Method: MethodDoubleSeasonal, Period: 24, Period2: 36}, process.ErrInvalidValue},
		{"double seasonal too short", Spec{Method: MethodDoubleSeasonal, Period: 24, Period2: 168}, ErrTooShort},
		{"combination", Spec{Method: MethodCombined}, process.ErrInvalidValue},
		{"ets too short", Spec{Method: MethodETS, Period: 24, Form: Form{ComponentAdditive, ComponentAdditive, ComponentAdditive}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md, err := FitSpec(y, tt.sp)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.want)
			assert.Nil(t, md)
			assert.True(t, strings.HasPrefix(err.Error(), "capacity: "), "message %q", err)
		})
	}
	_, err := FitSpec(y[:30], Spec{Method: MethodETS, Period: 24, Form: Form{ComponentAdditive, ComponentAdditive, ComponentAdditive}})
	assert.ErrorIs(t, err, ErrTooShort)
}

func TestFixedParametersAreKept(t *testing.T) {
	y := genHW(2, 24*7*4, 24, 0.3, 0.05, 0.2, 1)
	md, err := FitSpec(y, Spec{Method: MethodHoltWintersAdditive, Period: 24, Fixed: map[Param]float64{ParamBeta: 0, ParamGamma: 0.25}})
	require.NoError(t, err)
	assert.Zero(t, md.Beta)
	assert.Equal(t, 0.25, md.Gamma)
	assert.Equal(t, 1, md.Params, "only alpha estimated")
	e, err := FitSpec(y, Spec{Method: MethodETS, Form: Form{ComponentAdditive, ComponentDamped, ComponentNone}, Fixed: map[Param]float64{ParamPhi: 0.9}})
	require.NoError(t, err)
	assert.Equal(t, 0.9, e.Phi)
}
