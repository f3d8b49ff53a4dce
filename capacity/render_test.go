package capacity

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

func TestChartWriteSVG(t *testing.T) {
	s := NewSeries("web", process.NewID(), "cpu", "%", actor, t0)
	require.NoError(t, s.Add(actor, t0, pts(genHW(8, 24*7*8, 24, 0.3, 0.05, 0.2, 1)...)...))
	r, err := Regularise(s.Points, time.Hour, GapLinear, 0)
	require.NoError(t, err)
	f, err := NewForecast(s, r, 24*14, nil, actor, t0)
	require.NoError(t, err)
	th := NewThreshold("web", s.Resource, "cpu", 120, 140, actor, t0)
	th.Bands = []TimeBand{{From: 0, To: 360, Warning: 130, Critical: 150}}

	tests := []struct {
		name  string
		chart Chart
		want  []string
	}{
		{"full", Chart{Title: "web <cpu> & co", Unit: "%", History: r, Forecast: f, Threshold: th}, []string{"<polygon", "#e63946", "#e9c46a", "web &lt;cpu&gt; &amp; co"}},
		{"history only", Chart{Title: "h", History: r}, []string{"<polyline"}},
		{"flat single point", Chart{Title: "one", History: reg(5)}, []string{"<svg"}},
		{"empty", Chart{Title: "none"}, []string{"<svg"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, tt.chart.WriteSVG(&b))
			out := b.String()
			for _, w := range tt.want {
				assert.Contains(t, out, w)
			}
			assert.NotContains(t, out, "NaN")
			assert.NotContains(t, out, "Inf")
			d := xml.NewDecoder(strings.NewReader(out))
			for {
				_, err := d.Token()
				if err == io.EOF {
					break
				}
				require.NoError(t, err, "well-formed SVG")
			}
			assert.LessOrEqual(t, strings.Count(out, " "), 20000, "long series are thinned")
		})
	}
}

func TestWriteMarkdown(t *testing.T) {
	p := completePlan(t)
	rec := Recommendation{Resource: p.Demand[1].Resource, Title: "technical", Severity: SeverityCritical,
		Reaches: t0.AddDate(0, 3, 0), OrderBy: t0.AddDate(0, 2, 0), Urgency: process.LevelMedium, Upgrade: "two | servers",
		Cost: p.Upgrades[0].Cost, Currency: "EUR"}
	require.NoError(t, p.Revise(actor, t0.Add(time.Hour), "brought forward", process.ID{}, func(q *Plan) error {
		q.Upgrades[0].Due = q.Upgrades[0].Due.AddDate(0, -1, 0)
		return nil
	}))
	var b bytes.Buffer
	require.NoError(t, WriteMarkdown(&b, p, &RenderOptions{
		Charts:          []ChartRef{{Title: "web", Path: "web.svg"}},
		Recommendations: []Recommendation{rec},
	}))
	out := b.String()
	for _, w := range []string{
		"# Capacity plan 2026", "version 2 (draft)",
		"## Current and forecast demand", "No financial resources: cloud spend",
		"![web](web.svg)",
		"## Effect of availability, continuity and service-level requirements", "**continuity**: warm standby",
		"## Thresholds, timescales and costs of upgrades", "| 2026-08-02 | technical | two more web servers | 32.0 | 12400.00 EUR |", "**12400.00 EUR**",
		"## Effect of statutory, regulatory, contractual and organisational changes", "**regulatory**",
		"## Effect of new or changed services and new technology", "**new-service**",
		"## Procedures for predictive analysis", "**holt-winters-additive**",
		"## Recommendations", `two \| servers`,
		"## Revisions", "| 2 | 2026-03-02 | cathy | brought forward | upgrades |",
	} {
		assert.Contains(t, out, w)
	}
	assert.NotContains(t, out, "Incomplete")

	var inc bytes.Buffer
	require.NoError(t, WriteMarkdown(&inc, NewPlan("empty", t0, t0.AddDate(1, 0, 0), actor, t0), nil))
	assert.Contains(t, inc.String(), "> **Incomplete:** the plan lacks `resources.human`")
	assert.Contains(t, inc.String(), "*missing*")
}
