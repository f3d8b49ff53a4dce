package capacity

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

var (
	t0    = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday
	actor = process.Actor{Name: "cathy", Roles: []process.Role{process.RoleCapacityManager}}
)

func pts(vals ...float64) []Point {
	ps := make([]Point, len(vals))
	for i, v := range vals {
		ps[i] = Point{At: t0.Add(time.Duration(i) * time.Hour), Value: v}
	}
	return ps
}

func TestRegularise(t *testing.T) {
	irregular := []Point{
		{t0.Add(5 * time.Minute), 10}, {t0.Add(40 * time.Minute), 20}, // hour 0: mean 15
		{t0.Add(70 * time.Minute), 30}, // hour 1
		// hours 2 and 3 missing
		{t0.Add(4*time.Hour + 59*time.Minute), 60}, // hour 4
	}
	tests := []struct {
		name    string
		points  []Point
		step    time.Duration
		policy  GapPolicy
		maxGap  int
		want    []float64
		filled  int
		wantErr error
	}{
		{"regular", pts(1, 2, 3), time.Hour, GapLinear, 0, []float64{1, 2, 3}, 0, nil},
		{"single point", pts(7), time.Hour, GapLinear, 0, []float64{7}, 0, nil},
		{"irregular and gaps, linear", irregular, time.Hour, GapLinear, 0, []float64{15, 30, 40, 50, 60}, 2, nil},
		{"irregular and gaps, previous", irregular, time.Hour, GapPrevious, 0, []float64{15, 30, 30, 30, 60}, 2, nil},
		{"gap within bound", irregular, time.Hour, GapLinear, 2, []float64{15, 30, 40, 50, 60}, 2, nil},
		{"gap beyond bound", irregular, time.Hour, GapLinear, 1, nil, 0, ErrGap},
		{"gap refused", irregular, time.Hour, GapRefuse, 0, nil, 0, ErrGap},
		{"coarser step", pts(1, 2, 3, 4), 2 * time.Hour, GapRefuse, 0, []float64{1.5, 3.5}, 0, nil},
		{"no points", nil, time.Hour, GapLinear, 0, nil, 0, ErrNoData},
		{"zero step", pts(1), 0, GapLinear, 0, nil, 0, process.ErrInvalidValue},
		{"bad policy", pts(1), time.Hour, "spline", 0, nil, 0, process.ErrInvalidValue},
		{"out of order", []Point{{t0.Add(time.Hour), 1}, {t0, 2}}, time.Hour, GapLinear, 0, nil, 0, process.ErrInvalidValue},
		{"duplicate time", []Point{{t0, 1}, {t0, 2}}, time.Hour, GapLinear, 0, nil, 0, process.ErrInvalidValue},
		{"NaN", pts(1, math.NaN()), time.Hour, GapLinear, 0, nil, 0, ErrNotFinite},
		{"too many steps", []Point{{t0, 1}, {t0.Add(24 * 365 * time.Hour), 2}}, time.Millisecond, GapLinear, 0, nil, 0, process.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Regularise(tt.points, tt.step, tt.policy, tt.maxGap)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.InDeltaSlice(t, tt.want, r.Values, 1e-12, "values: got %v want %v", r.Values, tt.want)
			assert.Equal(t, tt.filled, r.Filled, "filled")
			assert.True(t, r.Start.Equal(tt.points[0].At.Truncate(tt.step)), "start %s", r.Start)
		})
	}
}

func TestRegulariseGapMessageNamesWhere(t *testing.T) {
	_, err := Regularise([]Point{{t0, 1}, {t0.Add(3 * time.Hour), 2}}, time.Hour, GapRefuse, 0)
	require.ErrorIs(t, err, ErrGap)
	assert.Contains(t, err.Error(), "2 steps without a measurement from 2026-03-02T01:00:00Z")
}

func TestSeriesAddAndValidate(t *testing.T) {
	res := process.NewID()
	s := NewSeries("web cpu", res, "cpu-busy", "%", actor, t0)
	require.NoError(t, s.Add(pts(1, 2, 3)...))
	require.NoError(t, s.Validate())

	before := len(s.Points)
	err := s.Add(Point{t0.Add(10 * time.Hour), 4}, Point{t0.Add(9 * time.Hour), 5})
	require.ErrorIs(t, err, process.ErrInvalidValue)
	assert.Len(t, s.Points, before, "a refused add changes nothing")
	require.ErrorIs(t, s.Add(Point{t0.Add(20 * time.Hour), math.Inf(1)}), ErrNotFinite)
	assert.Len(t, s.Points, before)

	bad := &Series{Header: s.Header, Points: []Point{{t0, math.NaN()}, {t0, 1}}}
	err = bad.Validate()
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, f := range []struct {
		path string
		err  error
	}{
		{"resource", process.ErrRequired}, {"metric", process.ErrRequired}, {"unit", process.ErrRequired},
		{"points[0].value", ErrNotFinite}, {"points[1].at", process.ErrInvalidValue},
	} {
		assert.True(t, ve.Has(f.path, f.err), "want %s: %v in %v", f.path, f.err, err)
	}
}

func TestGapPolicyText(t *testing.T) {
	for _, g := range []GapPolicy{GapLinear, GapPrevious, GapRefuse} {
		b, err := g.MarshalText()
		require.NoError(t, err)
		var got GapPolicy
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, g, got)
	}
	var g GapPolicy
	assert.ErrorIs(t, g.UnmarshalText([]byte("cubic")), process.ErrInvalidValue)
}
