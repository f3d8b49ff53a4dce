package capacity

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

func TestSeasonalFigureRecoversSeason(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	const m, n = 12, 12 * 10
	add, mul := make([]float64, n), make([]float64, n)
	for i := range n {
		s := math.Sin(2 * math.Pi * float64(i%m) / m)
		add[i] = 100 + 0.5*float64(i) + 10*s + 0.5*rng.NormFloat64()
		mul[i] = (100 + 0.5*float64(i)) * (1 + 0.2*s) * (1 + 0.005*rng.NormFloat64())
	}
	sa := seasonalFigure(add, m, false)
	sm := seasonalFigure(mul, m, true)
	require.Len(t, sa, m)
	require.Len(t, sm, m)
	for j := range m {
		s := math.Sin(2 * math.Pi * float64(j) / m)
		assert.InDelta(t, 10*s, sa[j], 0.5, "additive position %d", j)
		assert.InDelta(t, 1+0.2*s, sm[j], 0.01, "multiplicative position %d", j)
	}
	assert.Nil(t, seasonalFigure(add[:2*m-1], m, false), "fewer than two seasons")
}

func TestFitDecomposedRecoversLevelAndSeason(t *testing.T) {
	// A state-space series whose season does not move (γ = 0): the
	// decomposition finds the season, and the form on the adjusted series
	// the smoothing of the level.
	tests := []struct {
		kind Component
		fm   Form
		tol  float64
	}{
		{ComponentAdditive, Form{ComponentAdditive, ComponentNone, ComponentAdditive}, 1.5},
		{ComponentMultiplicative, Form{ComponentMultiplicative, ComponentNone, ComponentMultiplicative}, 0.02},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			const m, n = 12, 12 * 12
			y := simETS(7, n, m, tt.fm, 0.3, 0, 0, 0, 0, 10, map[Component]float64{ComponentAdditive: 1, ComponentMultiplicative: 0.01}[tt.kind])
			md, err := FitSpec(y, Spec{Method: MethodETS, Period: m, Decompose: tt.kind})
			require.NoError(t, err)
			t.Logf("%s", md.Describe())
			assert.True(t, md.Decomposed)
			assert.Equal(t, tt.kind, md.Form.Season)
			assert.Equal(t, tt.kind, md.Form.Error)
			assert.Zero(t, md.Gamma)
			assert.InDelta(t, 0.3, md.Alpha, 0.15, "alpha")
			require.Len(t, md.Season, m)
			for i := range m {
				s := math.Sin(2 * math.Pi * float64((n+i)%m) / m)
				want := 10 * s
				if tt.kind == ComponentMultiplicative {
					want = 1 + 0.1*s
				}
				assert.InDelta(t, want, md.Season[i], tt.tol, "season %d ahead", i+1)
			}
			assert.Less(t, md.AICc, math.MaxFloat64)
		})
	}
}

func TestFitDecomposedShortFlatAndRefused(t *testing.T) {
	short := make([]float64, 24) // two seasons of 12
	for i := range short {
		short[i] = 50 + 10*math.Sin(2*math.Pi*float64(i)/12) + float64(i%5)
	}
	md, err := FitSpec(short, Spec{Method: MethodETS, Period: 12, Decompose: ComponentMultiplicative})
	require.NoError(t, err, "two seasons are enough")
	assert.False(t, md.Alpha < 1e-3 && md.Sigma == 0, "short series collapsed: %s", md.Describe())

	flat := slices.Repeat([]float64{7}, 48)
	md, err = FitSpec(flat, Spec{Method: MethodETS, Period: 12, Decompose: ComponentAdditive})
	require.NoError(t, err)
	for _, b := range md.Predict(24, 0.95) {
		assert.InDelta(t, 7, b.Value, 1e-9)
		assert.False(t, math.IsNaN(b.Lower) || math.IsNaN(b.Upper))
	}

	withZero := slices.Clone(short)
	withZero[3] = 0
	for _, tt := range []struct {
		name string
		y    []float64
		sp   Spec
		want error
	}{
		{"too short", short[:23], Spec{Method: MethodETS, Period: 12, Decompose: ComponentAdditive}, ErrTooShort},
		{"a zero, multiplicative", withZero, Spec{Method: MethodETS, Period: 12, Decompose: ComponentMultiplicative}, ErrNonPositive},
		{"no period", short, Spec{Method: MethodETS, Decompose: ComponentAdditive}, process.ErrInvalidValue},
		{"a form", short, Spec{Method: MethodETS, Period: 12, Decompose: ComponentAdditive, Form: Form{ComponentAdditive, ComponentNone, ComponentAdditive}}, process.ErrInvalidValue},
		{"not ets", short, Spec{Method: MethodHoltWintersAdditive, Period: 12, Decompose: ComponentAdditive}, process.ErrInvalidValue},
		{"damped is no season", short, Spec{Method: MethodETS, Period: 12, Decompose: ComponentDamped}, process.ErrInvalidValue},
	} {
		_, err := FitSpec(tt.y, tt.sp)
		assert.ErrorIs(t, err, tt.want, tt.name)
	}
}

func TestDecomposedIntervalCoverage(t *testing.T) {
	// The 90 % intervals of a decomposition fit, calibrated on an inner
	// held-out season as ForecastValues does (the model's own leave out
	// the error of the seasonal figure), hold about 90 % of the next
	// season's points of series it describes.
	if testing.Short() {
		t.Skip("fits 30 series per kind")
	}
	for _, kind := range []Component{ComponentAdditive, ComponentMultiplicative} {
		t.Run(string(kind), func(t *testing.T) {
			fm := Form{kind, ComponentNone, kind}
			sigma := map[Component]float64{ComponentAdditive: 1, ComponentMultiplicative: 0.01}[kind]
			const draws = 30 // fast enough for the race detector too
			in, total := 0, 0
			for seed := uint64(200); seed < 200+draws; seed++ {
				y := simETS(seed, 12*12+12, 12, fm, 0.2, 0, 0, 0, 0, 10, sigma)
				train, test := y[:len(y)-12], y[len(y)-12:]
				inner, held := train[:len(train)-12], train[len(train)-12:]
				md, err := FitSpec(inner, Spec{Method: MethodETS, Period: 12, Decompose: kind})
				require.NoError(t, err)
				sc := calibration(md, md.Predict(len(held), 0.9), held, 0.9)
				md.update(train, held)
				if sc > 1 {
					md.Scale = sc
				}
				bands := md.Predict(12, 0.9)
				in, total = in+inside(test, bands), total+len(bands)
			}
			cover := float64(in) / float64(total)
			t.Logf("coverage %.3f of %d points", cover, total)
			assert.InDelta(t, 0.9, cover, 0.06, "coverage of the 90 %% interval")
		})
	}
}

func TestForecastTriesDecompositions(t *testing.T) {
	y := genHW(3, 12*8, 12, 0.3, 0.05, 0.2, 1)
	r, err := ForecastValues(y, 12, &Options{Periods: []int{12}})
	require.NoError(t, err)
	var kinds []Component
	for _, c := range r.Candidates {
		if c.Decomposed {
			require.Empty(t, c.Error)
			kinds = append(kinds, c.Form.Season)
		}
	}
	assert.ElementsMatch(t, []Component{ComponentAdditive, ComponentMultiplicative}, kinds)
}
