package capacity

import (
	"bufio"
	"cmp"
	"fmt"
	"html"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// Chart is a line chart of one resource for a capacity review: the recent
// history, the forecast with its prediction interval as a band, and the
// threshold's warning and critical limits (ISO/IEC 20000-1:2011, 6.5:
// current and forecast demand, thresholds).
type Chart struct {
	Title     string
	Unit      string
	History   Regular
	Forecast  *Forecast  // optional
	Threshold *Threshold // optional
	// Width and Height are the size in pixels; 0 means 800 by 320.
	Width, Height int
}

// chartPoints is the most points a line of the chart carries: longer lines
// are thinned to the highest value per bucket, so that peaks stay visible.
const chartPoints = 600

type xy struct {
	t time.Time
	v float64
}

// thin keeps at most n points, each the highest of its bucket.
func thin(ps []xy, n int) []xy {
	if len(ps) <= n {
		return ps
	}
	out := make([]xy, 0, n)
	per := float64(len(ps)) / float64(n)
	for b := range n {
		lo, hi := int(float64(b)*per), int(float64(b+1)*per)
		best := ps[lo]
		for _, p := range ps[lo:min(hi, len(ps))] {
			if p.v > best.v {
				best = p
			}
		}
		out = append(out, best)
	}
	return out
}

// WriteSVG writes the chart as a standalone SVG image.
// ISO/IEC 20000-1:2011, 6.5.
func (c Chart) WriteSVG(w io.Writer) error {
	W, H := c.Width, c.Height
	if W <= 0 || H <= 0 {
		W, H = 800, 320
	}
	const left, right, top, bottom = 64.0, 16.0, 36.0, 44.0
	pw, ph := float64(W)-left-right, float64(H)-top-bottom

	var hist, fc, lo, hi []xy
	for i, v := range c.History.Values {
		hist = append(hist, xy{c.History.At(i), v})
	}
	if c.Forecast != nil {
		for _, p := range c.Forecast.Points {
			fc = append(fc, xy{p.At, p.Value})
			lo = append(lo, xy{p.At, p.Lower})
			hi = append(hi, xy{p.At, p.Upper})
		}
	}
	hist, fc, hi = thin(hist, chartPoints), thin(fc, chartPoints), thin(hi, chartPoints)
	if len(lo) > chartPoints { // thin the lower bound to its lowest values
		neg := make([]xy, len(lo))
		for i, p := range lo {
			neg[i] = xy{p.t, -p.v}
		}
		neg = thin(neg, chartPoints)
		lo = lo[:0]
		for _, p := range neg {
			lo = append(lo, xy{p.t, -p.v})
		}
	}
	var t0, t1 time.Time
	ymin, ymax := 0.0, 0.0
	first := true
	for _, line := range [][]xy{hist, fc, lo, hi} {
		for _, p := range line {
			if first || p.t.Before(t0) {
				t0 = p.t
			}
			if first || p.t.After(t1) {
				t1 = p.t
			}
			first = false
			ymin, ymax = min(ymin, p.v), max(ymax, p.v)
		}
	}
	var warn, crit []xy
	if c.Threshold != nil && !first {
		limits, err := c.Threshold.limits()
		if err != nil {
			return err
		}
		// Sample the limits finely enough to show time bands; they
		// are drawn as steps.
		const samples = 2 * chartPoints
		for i := 0; i <= samples; i++ {
			t := t0.Add(time.Duration(float64(t1.Sub(t0)) * float64(i) / samples))
			wv, cv := limits(t)
			if i > 0 && wv != warn[len(warn)-1].v {
				warn = append(warn, xy{t, warn[len(warn)-1].v})
			}
			if i > 0 && cv != crit[len(crit)-1].v {
				crit = append(crit, xy{t, crit[len(crit)-1].v})
			}
			warn, crit = append(warn, xy{t, wv}), append(crit, xy{t, cv})
			ymin, ymax = min(ymin, wv, cv), max(ymax, wv, cv)
		}
	}
	ymin, ymax, tick := niceScale(ymin, ymax)
	span := float64(t1.Sub(t0))
	if span <= 0 {
		span = 1
	}
	X := func(t time.Time) float64 { return left + pw*float64(t.Sub(t0))/span }
	Y := func(v float64) float64 { return top + ph*(1-(v-ymin)/(ymax-ymin)) }
	num := func(f float64) string { return strconv.FormatFloat(finite(f), 'f', 1, 64) }
	path := func(ps []xy) string {
		var b strings.Builder
		for i, p := range ps {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(num(X(p.t)) + "," + num(Y(p.v)))
		}
		return b.String()
	}

	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n", W, H, W, H)
	fmt.Fprintf(bw, `<rect width="%d" height="%d" fill="white"/>`+"\n", W, H)
	fmt.Fprintf(bw, `<text x="%s" y="20" font-size="14" font-weight="bold">%s</text>`+"\n", num(left), html.EscapeString(c.Title))
	// Axes and grid at round values.
	for v := ymin; v <= ymax+tick/2; v += tick {
		y := num(Y(v))
		fmt.Fprintf(bw, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#ddd"/>`+"\n", num(left), y, num(left+pw), y)
		fmt.Fprintf(bw, `<text x="%s" y="%s" text-anchor="end" dominant-baseline="middle">%s</text>`+"\n", num(left-6), y, html.EscapeString(strconv.FormatFloat(finite(v), 'g', 4, 64)))
	}
	fmt.Fprintf(bw, `<text x="14" y="%s" transform="rotate(-90 14 %s)" text-anchor="middle">%s</text>`+"\n", num(top+ph/2), num(top+ph/2), html.EscapeString(c.Unit))
	if !first {
		for i := 0; i <= 4; i++ {
			t := t0.Add(time.Duration(span * float64(i) / 4))
			anchor := [...]string{"start", "middle", "middle", "middle", "end"}[i]
			fmt.Fprintf(bw, `<text x="%s" y="%s" text-anchor="%s">%s</text>`+"\n", num(X(t)), num(top+ph+16), anchor, t.UTC().Format("2006-01-02"))
		}
	}
	fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#999"/>`+"\n", num(left), num(top), num(pw), num(ph))
	if len(hi) > 0 && len(lo) > 0 {
		band := slices.Clone(hi)
		for i := len(lo) - 1; i >= 0; i-- {
			band = append(band, lo[i])
		}
		fmt.Fprintf(bw, `<polygon points="%s" fill="#f4a261" fill-opacity="0.3" stroke="none"/>`+"\n", path(band))
	}
	line := func(ps []xy, colour, dash string) {
		if len(ps) == 0 {
			return
		}
		fmt.Fprintf(bw, `<polyline points="%s" fill="none" stroke="%s" stroke-width="1.5"%s/>`+"\n", path(ps), colour, dash)
	}
	line(warn, "#e9c46a", ` stroke-dasharray="6 4"`)
	line(crit, "#e63946", ` stroke-dasharray="6 4"`)
	line(hist, "#1d3557", "")
	line(fc, "#e76f51", "")
	// Legend.
	lx := left + pw - 430
	for i, l := range []struct{ name, colour string }{
		{"history", "#1d3557"}, {"forecast", "#e76f51"}, {"interval", "#f4a261"}, {"warning", "#e9c46a"}, {"critical", "#e63946"},
	} {
		x := lx + float64(i)*86
		fmt.Fprintf(bw, `<rect x="%s" y="12" width="14" height="8" fill="%s"/><text x="%s" y="20">%s</text>`+"\n", num(x), l.colour, num(x+18), l.name)
	}
	fmt.Fprintln(bw, `</svg>`)
	return bw.Flush()
}

// niceScale widens [lo, hi] to round bounds with a round tick step, about
// five ticks.
func niceScale(lo, hi float64) (float64, float64, float64) {
	lo, hi = finite(lo), finite(hi)
	if !(hi > lo) {
		hi = lo + 1
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*mag >= raw {
			step = f * mag
			break
		}
	}
	if !(step > 0) || math.IsInf(step, 0) || (hi-lo)/step > 20 {
		return lo, hi, hi - lo
	}
	return math.Floor(lo/step) * step, math.Ceil(hi/step) * step, step
}

// ChartRef is a chart image the Markdown of a plan shows, by the path the
// reader's tool resolves (ISO/IEC 20000-1:2011, 6.5).
type ChartRef struct {
	Title string
	Path  string
}

// RenderOptions says what else the Markdown of a plan shows; nil means
// the plan alone (ISO/IEC 20000-1:2011, 6.5).
type RenderOptions struct {
	Charts          []ChartRef
	Forecasts       []*Forecast
	Recommendations []Recommendation
}

// WriteMarkdown writes the plan as Markdown a capacity manager pastes into
// a review: one section per content item of ISO/IEC 20000-1:2011, 6.5, in
// its order, the charts, the forecasts' methods and held-out errors, the
// recommendations, the revisions, and any missing item called out. It
// writes nothing and returns an error wrapping process.ErrTooLarge if a cost
// of the plan or of a recommendation is past the limits on untrusted
// numbers (process.MaxDigits, process.MaxExponent).
func WriteMarkdown(w io.Writer, p *Plan, opt *RenderOptions) error {
	var o RenderOptions
	if opt != nil {
		o = *opt
	}
	if err := checkCosts(p); err != nil {
		return fmt.Errorf("capacity: write %s: %w", p.Subject(), err)
	}
	for i, r := range o.Recommendations {
		if err := process.CheckDecimal(r.Cost); err != nil {
			return fmt.Errorf("capacity: write %s: recommendations[%d].cost: %w", p.Subject(), i, err)
		}
	}
	esc := func(s string) string {
		return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
	}
	g := func(f float64) string { return strconv.FormatFloat(finite(f), 'f', 1, 64) }
	day := func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.UTC().Format("2006-01-02")
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n", esc(p.Title))
	fmt.Fprintf(bw, "Capacity plan, version %d (%s), for %s to %s. ISO/IEC 20000-1:2011, 6.5.\n\n", p.Version, p.Status, day(p.From), day(p.To))
	if miss := p.Missing(); len(miss) > 0 {
		names := make([]string, len(miss))
		for i, m := range miss {
			names[i] = "`" + string(m) + "`"
		}
		fmt.Fprintf(bw, "> **Incomplete:** the plan lacks %s.\n\n", strings.Join(names, ", "))
	}

	fmt.Fprintf(bw, "## Current and forecast demand\n\n")
	fmt.Fprintf(bw, "| Resource | Type | Capacity | Mean | P95 | Peak | Forecast peak | Forecast upper | Headroom at forecast peak | Horizon |\n")
	fmt.Fprintf(bw, "|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n")
	for _, d := range p.Demand {
		h := HeadroomOf(d.Capacity, d.ForecastPeak)
		fmt.Fprintf(bw, "| %s | %s | %s %s | %s | %s | %s | %s | %s | %s %% | %s |\n",
			esc(d.Title), d.Type, g(d.Capacity), esc(d.Unit), g(d.Current.Mean), g(d.Current.P95), g(d.Current.Max),
			g(d.ForecastPeak), g(d.ForecastUpper), g(100*h.Fraction), day(d.Until))
	}
	for _, e := range p.Excluded {
		fmt.Fprintf(bw, "\nNo %s resources: %s\n", e.Type, esc(e.Reason))
	}
	fmt.Fprintln(bw)
	for _, c := range o.Charts {
		fmt.Fprintf(bw, "![%s](%s)\n\n", esc(c.Title), c.Path)
	}

	considerations := func(title string, items ...Item) {
		fmt.Fprintf(bw, "## %s\n\n", title)
		n := 0
		for _, c := range p.Considerations {
			if c.Area.Valid() && slices.Contains(items, c.Area.item()) {
				fmt.Fprintf(bw, "- **%s**: %s\n", c.Area, esc(c.Description))
				n++
			}
		}
		if n == 0 {
			fmt.Fprintf(bw, "- *missing*\n")
		}
		fmt.Fprintln(bw)
	}
	considerations("Effect of availability, continuity and service-level requirements", ItemAvailabilityEffect, ItemContinuityEffect, ItemServiceLevelEffect)

	fmt.Fprintf(bw, "## Thresholds, timescales and costs of upgrades\n\n")
	fmt.Fprintf(bw, "Thresholds in force: %d.\n\n", len(p.Thresholds))
	if len(p.Upgrades) == 0 {
		fmt.Fprintf(bw, "No upgrade planned: %s\n\n", esc(cmp.Or(p.NoUpgrades, "*missing*")))
	} else {
		fmt.Fprintf(bw, "| Due | Resource | Upgrade | Adds | Cost |\n|---|---|---|--:|--:|\n")
		ups := slices.Clone(p.Upgrades)
		slices.SortStableFunc(ups, func(a, b Upgrade) int { return a.Due.Compare(b.Due) })
		totals := map[string]decimal.Decimal{}
		for _, u := range ups {
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s %s |\n", day(u.Due), esc(titleOf(p, u.Resource)), esc(u.Description), g(u.Add), u.Cost.StringFixed(2), u.Currency)
			totals[u.Currency] = totals[u.Currency].Add(u.Cost)
		}
		for _, cur := range slices.Sorted(func(yield func(string) bool) {
			for k := range totals {
				if !yield(k) {
					return
				}
			}
		}) {
			fmt.Fprintf(bw, "| | | **total** | | **%s %s** |\n", totals[cur].StringFixed(2), cur)
		}
		fmt.Fprintln(bw)
	}

	considerations("Effect of statutory, regulatory, contractual and organisational changes", ItemOrganisationalEffect)
	considerations("Effect of new or changed services and new technology", ItemServiceTechnologyEffect)

	fmt.Fprintf(bw, "## Procedures for predictive analysis\n\n")
	for _, pr := range p.Procedures {
		fmt.Fprintf(bw, "- **%s**: %s\n", pr.Method, esc(pr.Description))
	}
	if len(p.Procedures) == 0 {
		fmt.Fprintf(bw, "- *missing*\n")
	}
	fmt.Fprintln(bw)
	if len(o.Forecasts) > 0 {
		fmt.Fprintf(bw, "| Forecast | Model | Held-out RMSE | Held-out MAPE | Interval |\n|---|---|--:|--:|--:|\n")
		for _, f := range o.Forecasts {
			fmt.Fprintf(bw, "| %s | %s | %.2f %s | %.1f %% | %.0f %% |\n", esc(f.Title), esc(f.Model.Describe()),
				f.Holdout.RMSE, esc(f.Unit), f.Holdout.MAPE, 100*f.Level)
		}
		fmt.Fprintln(bw)
	}

	if len(o.Recommendations) > 0 {
		fmt.Fprintf(bw, "## Recommendations\n\n| Urgency | Order by | Resource | Reaches | Severity | Upgrade | Cost |\n|---|---|---|---|---|---|--:|\n")
		for _, r := range o.Recommendations {
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s %s |\n", r.Urgency, day(r.OrderBy), esc(r.Title), day(r.Reaches), r.Severity, esc(r.Upgrade), r.Cost.StringFixed(2), r.Currency)
		}
		fmt.Fprintln(bw)
	}

	if len(p.Revisions) > 0 {
		fmt.Fprintf(bw, "## Revisions\n\n| Version | Date | By | Note | Changed |\n|--:|---|---|---|---|\n")
		for _, r := range p.Revisions {
			fmt.Fprintf(bw, "| %d | %s | %s | %s | %s |\n", r.Version, day(r.At), esc(r.By), esc(r.Note), strings.Join(r.Changed, ", "))
		}
		fmt.Fprintln(bw)
	}
	return bw.Flush()
}

// titleOf returns the title of the plan's demand entry for a resource, or
// its short ID.
func titleOf(p *Plan, id process.ID) string {
	for _, d := range p.Demand {
		if d.Resource == id && d.Title != "" {
			return d.Title
		}
	}
	return id.Short()
}
