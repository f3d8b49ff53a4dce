package capacity

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

func TestNewForecastAndScenarios(t *testing.T) {
	s := NewSeries("web", process.NewID(), "requests", "req/s", actor, t0)
	y := genHW(4, 24*7*4, 24, 0.3, 0.05, 0.2, 1)
	require.NoError(t, s.Add(actor, t0, pts(y...)...))
	r, err := Regularise(s.Points, time.Hour, GapLinear, 0)
	require.NoError(t, err)
	f, err := NewForecast(s, r, 24*7, nil, actor, t0)
	require.NoError(t, err)
	require.NoError(t, f.Validate())
	assert.Equal(t, process.KindCapacityForecast, f.Kind)
	assert.True(t, f.Points[0].At.Equal(r.End()), "first step follows the history")
	assert.Equal(t, 24*7, len(f.Points))
	assert.NotEmpty(t, f.Candidates)
	periods := map[int]bool{}
	for _, c := range f.Candidates {
		periods[c.Period] = true
	}
	assert.True(t, periods[24] && periods[168] && periods[0], "daily, weekly and linear candidates: %v", periods)

	start := f.Points[0].At
	launch := Scenario{Name: "payments API", Kind: EffectNewService, Source: process.NewID(), SourceKind: process.KindService,
		From: start.Add(48 * time.Hour), Add: 30}
	campaign := Scenario{Name: "spring campaign", Kind: EffectBusinessEvent, From: start.Add(72 * time.Hour), Until: start.Add(96 * time.Hour), Scale: 2}
	base := append([]ForecastPoint(nil), f.Points...)
	require.NoError(t, f.Apply(actor, t0, launch, campaign))
	for i, p := range f.Points {
		want := base[i].Value
		if !p.At.Before(launch.From) {
			want += 30
		}
		if !p.At.Before(campaign.From) && p.At.Before(campaign.Until) {
			want = (base[i].Value + 30) * 2 // applied in order: the launch, then the campaign

		}
		assert.InDelta(t, want, p.Value, 1e-9, "step %d", i)
		assert.InDelta(t, base[i].Base, p.Base, 0, "base unchanged")
		assert.True(t, p.Lower <= p.Value && p.Value <= p.Upper)
	}
	assert.Len(t, f.Scenarios, 2)
	require.NoError(t, f.Validate())

	before := append([]ForecastPoint(nil), f.Points...)
	err = f.Apply(actor, t0, Scenario{Name: "bad", Kind: "rumour", From: start, Scale: -1, Add: math.NaN()})
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("kind", process.ErrInvalidValue))
	assert.True(t, ve.Has("scale", process.ErrInvalidValue))
	assert.True(t, ve.Has("add", ErrNotFinite))
	assert.Equal(t, before, f.Points, "a refused scenario changes nothing")

	// The record round-trips through JSON.
	data, err := json.Marshal(f)
	require.NoError(t, err)
	var back Forecast
	require.NoError(t, json.Unmarshal(data, &back))
	require.NoError(t, back.Validate())
	assert.Equal(t, f.Model.Method, back.Model.Method)
	assert.Len(t, back.Points, len(f.Points))
}

func TestNewForecastErrors(t *testing.T) {
	s := NewSeries("one", process.NewID(), "cpu", "%", actor, t0)
	require.NoError(t, s.Add(actor, t0, pts(5)...))
	r, err := Regularise(s.Points, time.Hour, GapLinear, 0)
	require.NoError(t, err)
	_, err = NewForecast(s, r, 24, nil, actor, t0)
	require.ErrorIs(t, err, ErrTooShort)
	assert.Contains(t, err.Error(), "utilisation-series "+s.ID.Short())
}

func TestResourceAndRequirement(t *testing.T) {
	res := NewResource("service desk", ResourceHuman, 320, "agent-hours/week", actor, t0)
	res.Team = "first line"
	require.NoError(t, res.Validate())
	assert.Equal(t, Headroom{Free: 20, Fraction: 0.0625}, res.Headroom(300))
	bad := NewResource("", "robots", -1, "", actor, t0)
	bad.LeadTime = -time.Hour
	var ve *process.ValidationError
	require.ErrorAs(t, bad.Validate(), &ve)
	for _, f := range []struct {
		path string
		err  error
	}{{"title", process.ErrRequired}, {"type", process.ErrInvalidValue}, {"ci", process.ErrRequired},
		{"capacity", process.ErrInvalidValue}, {"unit", process.ErrRequired}, {"leadTime", process.ErrInvalidValue}} {
		assert.True(t, ve.Has(f.path, f.err), "want %s in %v", f.path, ve)
	}
	assert.Equal(t, []ResourceType{ResourceHuman, ResourceTechnical, ResourceInformation, ResourceFinancial}, ResourceTypes())

	q := NewRequirement("checkout p95", process.NewID(), "response-time", "ms", BoundAtMost, 300, actor, t0)
	q.Percentile = 95
	require.NoError(t, q.Validate())
	vals := make([]float64, 100)
	for i := range vals {
		vals[i] = float64(200 + i) // p95 = 294.05
	}
	ok, got := q.Met(vals)
	assert.True(t, ok)
	assert.InDelta(t, 294.05, got, 1e-9)
	users := NewRequirement("concurrent users", q.Service, "users", "users", BoundAtLeast, 210, actor, t0)
	users.Percentile = 95
	ok, got = users.Met(vals) // p5 = 204.95
	assert.False(t, ok)
	assert.InDelta(t, 204.95, got, 1e-9)
	ok, _ = q.Met(nil)
	assert.False(t, ok)
	q.Bound, q.Percentile = "about", 101
	require.ErrorAs(t, q.Validate(), &ve)
	assert.True(t, ve.Has("bound", process.ErrInvalidValue))
	assert.True(t, ve.Has("percentile", process.ErrInvalidValue))
}

func TestRequirementsFromSLA(t *testing.T) {
	shop, pay := process.NewID(), process.NewID()
	terms := process.AgreementTerms{
		Services: []process.ID{shop, pay},
		Targets: []process.ServiceTarget{
			{Name: "page time", Kind: process.TargetResponse, Value: decimal.RequireFromString("0.8"), Unit: process.UnitMinutes, Calendar: "24x7", Service: shop},
			{Name: "availability", Kind: process.TargetAvailability, Value: decimal.RequireFromString("99.9"), Unit: process.UnitPercent, Calendar: "24x7"},
			{Name: "orders", Kind: process.TargetThroughput, Value: decimal.RequireFromString("1200"), Unit: process.UnitCount, Calendar: "24x7"},
		},
		Workload: []process.WorkloadCharacteristic{{Measure: "payments", Volume: decimal.RequireFromString("50000"), Per: "day"}},
		Start:    t0,
	}
	sla := process.NewSLA("web shop SLA", process.NewID(), terms, actor, t0)
	qs, err := RequirementsFromSLA(sla, actor, t0)
	require.NoError(t, err)
	type row struct {
		service process.ID
		metric  string
		bound   Bound
		target  float64
	}
	var got []row
	for _, q := range qs {
		require.NoError(t, q.Validate())
		assert.Equal(t, sla.ID, q.SLA)
		assert.True(t, q.HasLink(process.LinkService, q.Service))
		got = append(got, row{q.Service, q.Metric, q.Bound, q.Target})
	}
	assert.Equal(t, []row{
		{shop, "response-time", BoundAtMost, 0.8},
		{shop, "throughput", BoundAtLeast, 1200},
		{pay, "throughput", BoundAtLeast, 1200},
		{shop, "payments", BoundAtLeast, 50000},
		{pay, "payments", BoundAtLeast, 50000},
	}, got)
}

func TestForecastApplyRecordsWhoAndWhen(t *testing.T) {
	f := sampleForecast(t)
	n, at := len(f.History), t0.Add(2*time.Hour)
	sc := Scenario{Name: "campaign", Kind: EffectBusinessEvent, From: f.Points[0].At, Scale: 2}
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
			before := append([]ForecastPoint(nil), f.Points...)
			require.ErrorIs(t, f.Apply(tc.by, tc.at, sc), tc.want)
			assert.Equal(t, before, f.Points, "a refused scenario changes nothing")
			assert.Len(t, f.History, n)
			assert.Len(t, f.Scenarios, 1)
		})
	}
	require.NoError(t, f.Apply(processtest.Owner, at, sc))
	require.Len(t, f.History, n+1, "one entry a scenario")
	last := f.History[n]
	assert.Equal(t, processtest.Owner.ID, last.Actor)
	assert.True(t, last.At.Equal(at))
	assert.Contains(t, last.Note, "campaign")
	require.NoError(t, f.Validate())
}
