package capacity

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

func nightThreshold() *Threshold {
	th := NewThreshold("db cpu", process.NewID(), "cpu-busy", 70, 90, actor, t0)
	th.Zone = "Europe/Berlin"
	// The nightly batch, 22:00–04:00 local time, runs hotter.
	th.Bands = []TimeBand{{From: 22 * 60, To: 4 * 60, Warning: 85, Critical: 97}}
	return th
}

func TestThresholdLimits(t *testing.T) {
	th := nightThreshold()
	require.NoError(t, th.Validate())
	tests := []struct {
		at       time.Time
		warn, cr float64
	}{
		{time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC), 70, 90},  // 13:00 Berlin
		{time.Date(2026, 3, 2, 21, 0, 0, 0, time.UTC), 85, 97},  // 22:00 Berlin (CET, UTC+1)
		{time.Date(2026, 3, 2, 2, 59, 0, 0, time.UTC), 85, 97},  // 03:59 Berlin
		{time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC), 70, 90},   // 04:00 Berlin: the band ends
		{time.Date(2026, 7, 1, 20, 30, 0, 0, time.UTC), 85, 97}, // 22:30 Berlin summer time (UTC+2)
	}
	for _, tt := range tests {
		t.Run(tt.at.Format(time.RFC3339), func(t *testing.T) {
			w, c := th.Limits(tt.at)
			assert.Equal(t, tt.warn, w, "warning")
			assert.Equal(t, tt.cr, c, "critical")
			assert.Equal(t, tt.cr, th.Limit(SeverityCritical, tt.at))
		})
	}
}

func TestThresholdBandDays(t *testing.T) {
	th := NewThreshold("lan", process.NewID(), "mbps", 600, 900, actor, t0)
	th.Bands = []TimeBand{{From: 0, To: 1440, Days: []time.Weekday{time.Saturday, time.Sunday}, Warning: 800, Critical: 950}}
	require.NoError(t, th.Validate())
	w, _ := th.Limits(time.Date(2026, 3, 7, 10, 0, 0, 0, time.UTC)) // Saturday
	assert.Equal(t, 800.0, w)
	w, _ = th.Limits(time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)) // Monday
	assert.Equal(t, 600.0, w)
}

func TestThresholdValidate(t *testing.T) {
	th := nightThreshold()
	th.Warning, th.Critical = 95, 90
	th.Zone = "Mars/Olympus"
	th.Bands = append(th.Bands, TimeBand{From: -1, To: 2000, Days: []time.Weekday{9}, Warning: math.NaN(), Critical: 1})
	err := th.Validate()
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, f := range []struct {
		path string
		err  error
	}{
		{"warning", process.ErrInvalidValue}, {"zone", process.ErrInvalidValue},
		{"windows[1].from", process.ErrInvalidValue}, {"windows[1].to", process.ErrInvalidValue},
		{"windows[1].days[0]", process.ErrInvalidValue}, {"windows[1].warning", ErrNotFinite},
	} {
		assert.True(t, ve.Has(f.path, f.err), "want %s: %v in %v", f.path, f.err, err)
	}
	// An unknown zone reads bands in UTC rather than failing.
	w, _ := th.Limits(time.Date(2026, 3, 2, 23, 0, 0, 0, time.UTC))
	assert.Equal(t, 85.0, w)
}

func TestSeverityText(t *testing.T) {
	var s Severity
	require.NoError(t, s.UnmarshalText([]byte("critical")))
	assert.Equal(t, SeverityCritical, s)
	assert.ErrorIs(t, s.UnmarshalText([]byte("major")), process.ErrInvalidValue)
	_, err := Severity("major").MarshalText()
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	b, err := Severity("").MarshalText()
	require.NoError(t, err, "the unset severity encodes")
	assert.Empty(t, b)
}
