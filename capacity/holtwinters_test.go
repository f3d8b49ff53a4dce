package capacity

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rFit is one fit of R's stats::HoltWinters recorded in
// testdata/rhw/holtwinters.txt (by testdata/rhw/gen.R).
type rFit struct {
	series, seasonal    string
	period              int
	fixed               bool
	x                   []float64
	alpha, beta, gamma  float64
	sse, lstart, bstart float64
	sstart              []float64
	level, trend        float64
	season              []float64
}

func (r rFit) method() Method {
	if r.seasonal == "multiplicative" {
		return MethodHoltWintersMultiplicative
	}
	return MethodHoltWintersAdditive
}

func (r rFit) name() string {
	fixed := "optimised"
	if r.fixed {
		fixed = "fixed"
	}
	return r.series + "/" + r.seasonal + "/" + fixed
}

func loadRFits(t testing.TB) []rFit {
	t.Helper()
	f, err := os.Open("testdata/rhw/holtwinters.txt")
	require.NoError(t, err)
	defer f.Close()
	var out []rFit
	var cur rFit
	nums := func(fs []string) []float64 {
		v := make([]float64, len(fs))
		for i, s := range fs {
			x, err := strconv.ParseFloat(s, 64)
			require.NoError(t, err, "number %q", s)
			v[i] = x
		}
		return v
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) == 0 || strings.HasPrefix(fs[0], "#") {
			continue
		}
		one := func() float64 { require.Len(t, fs, 2, "line %q", sc.Text()); return nums(fs[1:])[0] }
		switch fs[0] {
		case "series":
			cur = rFit{series: fs[1]}
		case "period":
			cur.period = int(one())
		case "seasonal":
			cur.seasonal = fs[1]
		case "fixed":
			cur.fixed = fs[1] == "TRUE"
		case "x":
			cur.x = nums(fs[1:])
		case "alpha":
			cur.alpha = one()
		case "beta":
			cur.beta = one()
		case "gamma":
			cur.gamma = one()
		case "sse":
			cur.sse = one()
		case "lstart":
			cur.lstart = one()
		case "bstart":
			cur.bstart = one()
		case "sstart":
			cur.sstart = nums(fs[1:])
		case "a":
			cur.level = one()
		case "b":
			cur.trend = one()
		case "s":
			cur.season = nums(fs[1:])
		case "end":
			out = append(out, cur)
		default:
			t.Fatalf("unknown line %q", sc.Text())
		}
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, out)
	return out
}

// relClose asserts got within tol of want, relative to want's magnitude
// (or absolute below 1).
func relClose(t *testing.T, want, got, tol float64, what string) {
	t.Helper()
	assert.InDelta(t, want, got, tol*math.Max(1, math.Abs(want)), "%s: got %.17g want %.17g", what, got, want)
}

func TestHoltWintersStartIsR(t *testing.T) {
	for _, r := range loadRFits(t) {
		t.Run(r.name(), func(t *testing.T) {
			m := r.period
			s := make([]float64, m)
			l, b := rStart(r.x, m, r.method() == MethodHoltWintersMultiplicative, make([]float64, 2*m), s)
			relClose(t, r.lstart, l, 1e-12, "l.start")
			relClose(t, r.bstart, b, 1e-10, "b.start")
			for i := range m {
				relClose(t, r.sstart[i], s[i], 1e-11, "s.start["+strconv.Itoa(i)+"]")
			}
		})
	}
}

func TestHoltWintersFixedIsR(t *testing.T) {
	// With R's parameters fixed, the recursion gives R's SSE and final
	// state: the one R reports for its own fit, and for a fit with
	// parameters fixed from outside.
	for _, r := range loadRFits(t) {
		t.Run(r.name(), func(t *testing.T) {
			md, err := FitSpec(r.x, Spec{Method: r.method(), Period: r.period, RStart: true,
				Fixed: map[Param]float64{ParamAlpha: r.alpha, ParamBeta: r.beta, ParamGamma: r.gamma}})
			require.NoError(t, err)
			relClose(t, r.sse, md.SSE, 1e-9, "SSE")
			relClose(t, r.level, md.Level, 1e-9, "level")
			relClose(t, r.trend, md.Trend, 1e-8, "trend")
			for i := range r.period {
				relClose(t, r.season[i], md.Season[i], 1e-8, "season["+strconv.Itoa(i)+"]")
			}
			assert.Equal(t, r.period, md.From, "errors summed from the second season")
			assert.Equal(t, 0, md.Params, "nothing estimated")
		})
	}
}

func TestHoltWintersNeverAboveR(t *testing.T) {
	// The default fit starts where R's optimiser starts, and from a grid:
	// its SSE (R's definition) is at most R's on every series, from R's
	// starting state alone and (the default) from the better of R's and the
	// package's own; it never collapses to all smoothing parameters at
	// zero; and the search with the gradient needs few passes.
	for _, r := range loadRFits(t) {
		if r.fixed {
			continue
		}
		for _, rOnly := range []bool{true, false} {
			name := r.name() + "/own-start"
			if rOnly {
				name = r.name() + "/r-start"
			}
			t.Run(name, func(t *testing.T) {
				md, err := FitSpec(r.x, Spec{Method: r.method(), Period: r.period, RStart: rOnly})
				require.NoError(t, err)
				t.Logf("SSE %.6g (R %.6g, ratio %.6f); α %.4f β %.4f γ %.4f (R %.4f %.4f %.4f); %d evaluations",
					md.SSE, r.sse, md.SSE/r.sse, md.Alpha, md.Beta, md.Gamma, r.alpha, r.beta, r.gamma, md.Evals)
				assert.LessOrEqual(t, md.SSE, r.sse*(1+1e-9), "SSE above R's")
				assert.False(t, md.Alpha < 1e-3 && md.Beta < 1e-3 && md.Gamma < 1e-3, "collapsed: α %g β %g γ %g", md.Alpha, md.Beta, md.Gamma)
				assert.Equal(t, r.period, md.From, "errors summed from the second season")
				assert.LessOrEqual(t, md.Evals, 120, "passes of the recursion: the gradient search needs a few dozen")
				if rOnly {
					relClose(t, r.lstart, md.Start.Level, 1e-12, "start level")
				}
			})
		}
	}
}
