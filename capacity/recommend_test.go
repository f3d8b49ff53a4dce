package capacity

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

// lineForecast returns a forecast of a resource whose utilisation grows on
// a straight line from start by slope per hour, over 60 days ahead.
func lineForecast(t *testing.T, res *Resource, start, slope float64) *Forecast {
	t.Helper()
	s := NewSeries(res.Title, res.ID, "cpu", "%", actor, t0)
	vals := make([]float64, 24*14)
	for i := range vals {
		vals[i] = start + slope*float64(i)
	}
	require.NoError(t, s.Add(actor, t0, pts(vals...)...))
	r, err := Regularise(s.Points, time.Hour, GapLinear, 0)
	require.NoError(t, err)
	f, err := NewForecast(s, r, 24*60, &Options{Method: MethodLinear}, actor, t0)
	require.NoError(t, err)
	return f
}

func TestRecommend(t *testing.T) {
	now := t0.Add(24 * 14 * time.Hour) // the end of the history
	mk := func(title string, lead time.Duration) *Resource {
		r := NewResource(title, ResourceTechnical, 100, "%", actor, t0)
		r.CI, r.LeadTime = process.NewID(), lead
		return r
	}
	fast, slow, calm, late := mk("fast", 0), mk("slow", 0), mk("calm", 0), mk("late", 50*24*time.Hour)
	th := func(r *Resource) *Threshold { return NewThreshold(r.Title, r.ID, "cpu", 70, 90, actor, t0) }
	eur := decimal.RequireFromString("1000.00")
	items := []Assessment{
		{Resource: slow, Forecast: lineForecast(t, slow, 40, 0.02), Threshold: th(slow), Upgrade: "more cores", Cost: eur, Currency: "EUR"},
		{Resource: calm, Forecast: lineForecast(t, calm, 20, 0), Threshold: th(calm)},
		{Resource: fast, Forecast: lineForecast(t, fast, 60, 0.05), Threshold: th(fast), Upgrade: "new host", Cost: eur, Currency: "EUR"},
		{Resource: late, Forecast: lineForecast(t, late, 50, 0.03), Threshold: th(late), Upgrade: "array", Cost: eur, Currency: "EUR"},
	}
	got, err := Recommend(items, now)
	require.NoError(t, err)
	require.Len(t, got, 3, "calm needs nothing")
	// fast: 60 + 0.05·i reaches 90 at i = 600 (day 25): critical.
	// late: 50 + 0.03·i reaches 90 at i = 1334 (day 55.6); lead 50 days: order by day 5.6, past.
	// slow: 40 + 0.02·i reaches 70 at i = 1500 (day 62.5), 90 after the horizon: warning.
	assert.Equal(t, "late", got[0].Title)
	assert.Equal(t, process.LevelHigh, got[0].Urgency, "order date already past")
	assert.Equal(t, SeverityCritical, got[0].Severity)
	assert.True(t, got[0].OrderBy.Equal(got[0].Reaches.Add(-late.LeadTime)))
	assert.Equal(t, "fast", got[1].Title)
	assert.Equal(t, SeverityCritical, got[1].Severity)
	assert.True(t, got[1].Reaches.Equal(t0.Add(600*time.Hour)), "fast reaches at %s", got[1].Reaches)
	assert.Equal(t, process.LevelMedium, got[1].Urgency)
	assert.Equal(t, "slow", got[2].Title)
	assert.Equal(t, process.LevelLow, got[2].Urgency)
	assert.Equal(t, SeverityWarning, got[2].Severity)
	assert.True(t, got[2].Cost.Equal(eur))

	up := got[1].PlanUpgrade()
	assert.Equal(t, fast.ID, up.Resource)
	assert.True(t, up.Due.Equal(got[1].Reaches))
	assert.Equal(t, "EUR", up.Currency)

	_, err = Recommend([]Assessment{{Resource: fast}}, now)
	assert.ErrorIs(t, err, process.ErrRequired)
	_, err = Recommend([]Assessment{{Resource: fast, Forecast: items[0].Forecast, Threshold: th(fast)}}, now)
	assert.ErrorIs(t, err, process.ErrInvalidValue)
}
