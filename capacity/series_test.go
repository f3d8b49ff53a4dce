package capacity

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// The fixtures of the package's tests, from the shared ones of processtest.
var (
	// t0 is midnight UTC of the day of processtest.T0 (Monday 2 March
	// 2026): the series, forecasts and thresholds of these tests read
	// hours, days and seasons from midnight UTC, so the base time is
	// derived from T0 rather than T0 itself (09:00 CET).
	t0 = time.Date(processtest.T0.Year(), processtest.T0.Month(), processtest.T0.Day(), 0, 0, 0, 0, time.UTC)
	// actor is the capacity manager of the shared fixtures, the role plans
	// are approved and retired by.
	actor = processtest.Capacity
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
	require.NoError(t, s.Add(actor, t0, pts(1, 2, 3)...))
	require.NoError(t, s.Validate())

	before := len(s.Points)
	history := len(s.History)
	err := s.Add(actor, t0, Point{t0.Add(10 * time.Hour), 4}, Point{t0.Add(9 * time.Hour), 5})
	require.ErrorIs(t, err, process.ErrInvalidValue)
	assert.Len(t, s.Points, before, "a refused add changes nothing")
	require.ErrorIs(t, s.Add(actor, t0, Point{t0.Add(20 * time.Hour), math.Inf(1)}), ErrNotFinite)
	assert.Len(t, s.Points, before)
	assert.Len(t, s.History, history)

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

func TestSeriesAddRecordsWhoAndWhen(t *testing.T) {
	s := NewSeries("web cpu", process.NewID(), "cpu-busy", "%", actor, t0)
	at := t0.Add(4 * time.Hour)
	require.NoError(t, s.Add(processtest.Owner, at, pts(1, 2, 3)...))
	last := s.History[len(s.History)-1]
	assert.Equal(t, processtest.Owner.ID, last.Actor)
	assert.True(t, last.At.Equal(at))
	assert.Contains(t, last.Note, "3 points")
	assert.True(t, s.Updated.Equal(at))
	n := len(s.History)
	require.NoError(t, s.Add(processtest.Owner, at), "no points change nothing")
	assert.Len(t, s.History, n)
	for _, tc := range []struct {
		name string
		by   process.Actor
		at   time.Time
		want error
	}{
		{"no actor", process.Actor{}, at, process.ErrRequired},
		{"no time", actor, time.Time{}, process.ErrRequired},
		{"before the last entry", actor, t0, process.ErrInvalidValue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Add(tc.by, tc.at, Point{t0.Add(10 * time.Hour), 4})
			require.ErrorIs(t, err, tc.want)
			assert.Len(t, s.Points, 3)
			assert.Len(t, s.History, n)
		})
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
