package capacity

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

func reg(vals ...float64) Regular {
	return Regular{Start: t0, Step: time.Hour, Values: vals}
}

func TestPercentile(t *testing.T) {
	vals := []float64{15, 20, 35, 40, 50}
	tests := []struct {
		p, want float64
	}{{0, 15}, {25, 20}, {40, 29}, {50, 35}, {100, 50}, {150, 50}, {-3, 15}}
	for _, tt := range tests {
		assert.InDelta(t, tt.want, Percentile(vals, tt.p), 1e-12, "p%g", tt.p)
	}
	assert.Equal(t, 0.0, Percentile(nil, 50))
	assert.Equal(t, []float64{15, 20, 35, 40, 50}, vals, "input unchanged")
}

func TestSummarise(t *testing.T) {
	st := Summarise(reg(3, 9, 1, 9, 5))
	assert.Equal(t, 5, st.N)
	assert.Equal(t, 1.0, st.Min)
	assert.Equal(t, 9.0, st.Max)
	assert.InDelta(t, 5.4, st.Mean, 1e-12)
	assert.Equal(t, 5.0, st.P50)
	assert.True(t, st.PeakAt.Equal(t0.Add(time.Hour)), "first peak: got %s", st.PeakAt)
	assert.Equal(t, Stats{}, Summarise(Regular{}))
}

func TestPeaks(t *testing.T) {
	r := reg(1, 5, 2, 7, 7, 3, 6, 1)
	got := Peaks(r, 2)
	require.Len(t, got, 2)
	assert.Equal(t, Point{t0.Add(3 * time.Hour), 7}, got[0], "plateau counts once, at its start")
	assert.Equal(t, Point{t0.Add(6 * time.Hour), 6}, got[1])
	assert.Len(t, Peaks(r, -1), 3)
	assert.Len(t, Peaks(reg(4, 4, 4), 5), 1, "a flat series is one plateau")
}

func TestBusyHours(t *testing.T) {
	vals := make([]float64, 48)
	for i := range vals {
		vals[i] = float64(i % 24)
	}
	hs := BusyHours(reg(vals...), nil)
	require.Len(t, hs, 24)
	assert.Equal(t, HourLoad{Hour: 23, N: 2, Mean: 23, Max: 23}, hs[0])
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	assert.Equal(t, 0, BusyHours(reg(vals...), berlin)[0].Hour, "23:00 UTC is midnight in Berlin in March")
}

func TestCrossings(t *testing.T) {
	th := NewThreshold("cpu", process.NewID(), "cpu", 70, 90, actor, t0)
	r := reg(50, 75, 95, 80, 60, 72, 91)
	got, err := Crossings(r, th)
	require.NoError(t, err)
	h := func(i int) time.Time { return t0.Add(time.Duration(i) * time.Hour) }
	want := []Crossing{
		{Threshold: th.ID, Resource: th.Resource, Severity: SeverityWarning, From: h(1), To: h(4), Peak: 95, PeakAt: h(2)},
		{Threshold: th.ID, Resource: th.Resource, Severity: SeverityCritical, From: h(2), To: h(3), Peak: 95, PeakAt: h(2)},
		{Threshold: th.ID, Resource: th.Resource, Severity: SeverityWarning, From: h(5), To: h(7), Peak: 91, PeakAt: h(6), Ongoing: true},
		{Threshold: th.ID, Resource: th.Resource, Severity: SeverityCritical, From: h(6), To: h(7), Peak: 91, PeakAt: h(6), Ongoing: true},
	}
	assert.Equal(t, want, got)

	// Per time of day: at night (22:00–04:00 UTC) the limits are higher.
	th.Bands = []TimeBand{{From: 0, To: 4 * 60, Warning: 85, Critical: 99}}
	got, err = Crossings(reg(80, 80, 80, 80, 80), th)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.True(t, got[0].From.Equal(h(4)), "crossing starts when the night window ends: got %s", got[0].From)
}

func TestHeadroom(t *testing.T) {
	assert.Equal(t, Headroom{Free: 25, Fraction: 0.25}, HeadroomOf(100, 75))
	assert.Equal(t, Headroom{Free: -10, Fraction: -0.1}, HeadroomOf(100, 110))
	assert.Equal(t, Headroom{Free: -5}, HeadroomOf(0, 5))
}

func TestExhaust(t *testing.T) {
	s := NewSeries("db", process.NewID(), "cpu", "%", actor, t0)
	vals := make([]float64, 24*7*3)
	for i := range vals {
		vals[i] = 40 + 0.05*float64(i)
	}
	require.NoError(t, s.Add(actor, t0, pts(vals...)...))
	r, err := Regularise(s.Points, time.Hour, GapLinear, 0)
	require.NoError(t, err)
	f, err := NewForecast(s, r, 24*30, &Options{Method: MethodLinear}, actor, t0)
	require.NoError(t, err)
	th := NewThreshold("db", s.Resource, "cpu", 70, 90, actor, t0)

	// The line reaches 70 at i = 600 and 90 at i = 1000.
	e, ok, err := Exhaust(f, th, SeverityWarning, false)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, 600-len(vals)+1, e.Steps)
	assert.True(t, e.At.Equal(t0.Add(600*time.Hour)), "at %s", e.At)
	e, ok, err = Exhaust(f, th, SeverityCritical, false)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.True(t, e.At.Equal(t0.Add(1000*time.Hour)), "at %s", e.At)
	_, ok, err = Exhaust(f, NewThreshold("x", s.Resource, "cpu", 500, 600, actor, t0), SeverityCritical, false)
	require.NoError(t, err)
	assert.False(t, ok)
	_, _, err = Exhaust(f, th, "major", false)
	assert.ErrorIs(t, err, process.ErrInvalidValue)
}
