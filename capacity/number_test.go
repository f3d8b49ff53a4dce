package capacity

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

// year is 365 days, as time.Time.AddDate does not count them.
const year = 365 * 24 * time.Hour

// TestRegulariseRefusesOverflowingSpans: a span over 292 years (the longest
// time.Duration) used to panic with a small step, the count of steps
// overflowing, and to be cut silently with a long one, time.Time.Sub
// saturating. Both are refused, as are steps that end past the longest
// duration; nothing panics and nothing is cut.
func TestRegulariseRefusesOverflowingSpans(t *testing.T) {
	// century is a time that steps of 100 and of 200 years start from:
	// Regularise truncates the first point's time to the step.
	century := t0.Truncate(200 * year)
	require.True(t, century.Equal(century.Truncate(100*year)))
	for _, tc := range []struct {
		name   string
		points []Point
		step   time.Duration
		want   string
	}{
		{"300 years by the nanosecond", []Point{{At: t0, Value: 1}, {At: t0.AddDate(300, 0, 0), Value: 2}}, time.Nanosecond,
			"longer than 2562047h47m16.854775807s, the longest time.Duration"},
		{"400 years by the year", []Point{{At: t0, Value: 1}, {At: t0.AddDate(100, 0, 0), Value: 2}, {At: t0.AddDate(400, 0, 0), Value: 3}}, year,
			"longer than 2562047h47m16.854775807s, the longest time.Duration"},
		{"250 years in steps of 200", []Point{{At: century, Value: 1}, {At: century.Add(250 * year), Value: 2}}, 200 * year,
			"2 steps of 1752000h0m0s end past 2562047h47m16.854775807s"},
		{"a million years by the second", []Point{{At: t0, Value: 1}, {At: t0.AddDate(1_000_000, 0, 0), Value: 2}}, time.Second,
			"the longest time.Duration"},
		{"too many steps", []Point{{At: t0, Value: 1}, {At: t0.Add(100 * year), Value: 2}}, time.Minute,
			"more than 50000000 steps of 1m0s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { _, err = Regularise(tc.points, tc.step, GapPrevious, 0) })
			assert.ErrorIs(t, err, process.ErrInvalidValue)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Regexp(t, "^capacity: regularise: ", err.Error())
		})
	}
	t.Run("within the limits", func(t *testing.T) {
		for _, tc := range []struct {
			points []Point
			step   time.Duration
			n      int
		}{
			{[]Point{{At: century, Value: 1}, {At: century.Add(150 * year), Value: 2}}, 100 * year, 2},
			{[]Point{{At: century, Value: 1}, {At: century.Add(199 * year), Value: 2}}, 200 * year, 1},
			{[]Point{{At: t0, Value: 1}, {At: t0.Add(5000 * 24 * time.Hour), Value: 2}}, time.Hour, 5000*24 + 1},
		} {
			r, err := Regularise(tc.points, tc.step, GapPrevious, 0)
			require.NoError(t, err)
			require.Len(t, r.Values, tc.n)
			last := tc.points[len(tc.points)-1].At
			assert.False(t, last.Before(r.At(tc.n-1)), "the last step starts by the last point")
			assert.True(t, last.Before(r.End()), "the last step holds the last point: %s, end %s", last, r.End())
		}
	})
}

// TestNewForecastRefusesOverflowingSteps: the forecast's points lie after
// the series, step by step; steps that end past the longest time.Duration
// used to wrap around to times before the series.
func TestNewForecastRefusesOverflowingSteps(t *testing.T) {
	s := NewSeries("decades", process.NewID(), "cpu", "%", actor, t0)
	r := Regular{Start: t0, Step: 10 * year, Values: make([]float64, 28)}
	for i := range r.Values {
		r.Values[i] = float64(i)
	}
	_, err := NewForecast(s, r, 5, &Options{Method: MethodLinear}, actor, t0)
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "28 steps of 87600h0m0s and 5 ahead end past")
	f, err := NewForecast(s, r, 1, &Options{Method: MethodLinear}, actor, t0)
	require.NoError(t, err)
	assert.True(t, f.Points[0].At.After(r.At(27)))
}

// hugeExponent is a cost built in code with an exponent of a billion:
// printing or adding it used to take minutes and gigabytes.
var hugeExponent = decimal.New(1, 1_000_000_000)

// TestCostsPastTheLimits: an upgrade's cost past the limits on untrusted
// numbers is refused by Validate, Recommend, WriteMarkdown, Revise and
// decoding, before anything prints or adds it up.
func TestCostsPastTheLimits(t *testing.T) {
	quick := func(t *testing.T, f func() error) error {
		t.Helper()
		start := time.Now()
		err := f()
		assert.Less(t, time.Since(start), 10*time.Second, "computed with a number past the limits")
		assert.ErrorIs(t, err, process.ErrTooLarge)
		return err
	}
	t.Run("validate", func(t *testing.T) {
		p := completePlan(t)
		p.Upgrades[0].Cost = hugeExponent
		err := quick(t, p.Validate)
		var ve *process.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("upgrades[0].cost", process.ErrTooLarge))
	})
	t.Run("write markdown", func(t *testing.T) {
		p := completePlan(t)
		p.Upgrades[0].Cost = hugeExponent
		var b bytes.Buffer
		err := quick(t, func() error { return WriteMarkdown(&b, p, nil) })
		assert.Contains(t, err.Error(), "upgrades[0].cost: ")
		assert.Zero(t, b.Len(), "nothing written")
		p = completePlan(t)
		err = quick(t, func() error {
			return WriteMarkdown(&b, p, &RenderOptions{Recommendations: []Recommendation{{Cost: hugeExponent}}})
		})
		assert.Contains(t, err.Error(), "recommendations[0].cost: ")
	})
	t.Run("revise", func(t *testing.T) {
		p := completePlan(t)
		before, err := json.Marshal(p)
		require.NoError(t, err)
		err = quick(t, func() error {
			return p.Revise(actor, t0.Add(time.Hour), "dearer", process.ID{}, func(q *Plan) error {
				q.Upgrades[0].Cost = hugeExponent
				return nil
			})
		})
		assert.Regexp(t, `^capacity: capacity-plan [0-9a-f]{8}: revise: upgrades\[0\]\.cost: `, err.Error())
		after, err := json.Marshal(p)
		require.NoError(t, err)
		assert.JSONEq(t, string(before), string(after), "a refused revision changes nothing")
		p.Upgrades[0].Cost = hugeExponent
		quick(t, func() error {
			return p.Revise(actor, t0.Add(time.Hour), "cheaper", process.ID{}, func(q *Plan) error { return nil })
		})
	})
	t.Run("recommend", func(t *testing.T) {
		res := NewResource("web", ResourceTechnical, 100, "%", actor, t0)
		a := Assessment{Resource: res, Forecast: lineForecast(t, res, 60, 0.05),
			Threshold: NewThreshold("web", res.ID, "cpu", 70, 90, actor, t0), Upgrade: "host", Cost: hugeExponent, Currency: "EUR"}
		err := quick(t, func() error { _, err := Recommend([]Assessment{a}, t0); return err })
		assert.Contains(t, err.Error(), "capacity: recommend: assessment 0: cost: ")
	})
	t.Run("decode", func(t *testing.T) {
		data := []byte(`{"kind":"capacity-plan","upgrades":[{"description":"disks","cost":` + strings.Repeat("9", 1_000_000) + `}]}`)
		var err error
		quick(t, func() error { _, err = Decode(data); return err })
		assert.EqualError(t, err, "capacity: decode capacity-plan: upgrades[0].cost: 1000000 digits, more than 40: number too large")
		var p Plan
		quick(t, func() error { return json.Unmarshal(data, &p) })
		var fe process.FieldError
		require.ErrorAs(t, json.Unmarshal([]byte(`{"upgrades":[{},{"cost":"1e-99"}]}`), &p), &fe)
		assert.Equal(t, "upgrades[1].cost", fe.Path)
	})
	t.Run("round trip", func(t *testing.T) {
		p := completePlan(t)
		data, err := json.Marshal(p)
		require.NoError(t, err)
		r, err := Decode(data)
		require.NoError(t, err)
		require.NoError(t, r.Validate())
		assert.True(t, r.(*Plan).Upgrades[0].Cost.Equal(p.Upgrades[0].Cost))
	})
}
