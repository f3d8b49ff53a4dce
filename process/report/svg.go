package report

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// The charts are drawn by hand as SVG: fixed sizes, coordinates written
// with one decimal, the same bytes for the same figures.
const (
	chartWidth  = 480
	chartHeight = 200
	chartLeft   = 40
	chartRight  = 10
	chartTop    = 24
	chartBottom = 40
)

// palette colours the series of a chart, in order.
var palette = [...]string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"}

// series is one named row of values of a chart.
type series struct {
	name   string
	values []float64
}

// svgChart writes the frame of a chart: title, axis from lo to hi with
// ticks, and the labels of the columns; plot draws inside it, given the
// x of column i's centre, the width of a column and y of a value.
func svgChart(title string, labels []string, lo, hi float64, unit string, plot func(b *strings.Builder, x func(int) float64, colw float64, y func(float64) float64)) string {
	var b strings.Builder
	pw, ph := float64(chartWidth-chartLeft-chartRight), float64(chartHeight-chartTop-chartBottom)
	n := max(len(labels), 1)
	colw := pw / float64(n)
	x := func(i int) float64 { return chartLeft + colw*(float64(i)+0.5) }
	if hi <= lo {
		hi = lo + 1
	}
	y := func(v float64) float64 { return chartTop + ph*(1-(v-lo)/(hi-lo)) }
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="10">`+"\n", chartWidth, chartHeight, chartWidth, chartHeight)
	fmt.Fprintf(&b, `<title>%s</title>`+"\n", html.EscapeString(title))
	fmt.Fprintf(&b, `<text x="%d" y="14" font-size="12" font-weight="bold">%s</text>`+"\n", chartLeft, html.EscapeString(title))
	for i := 0; i <= 4; i++ {
		v := lo + (hi-lo)*float64(i)/4
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`+"\n", chartLeft, y(v), chartWidth-chartRight, y(v))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%s%s</text>`+"\n", chartLeft-4, y(v)+3, trim(v), unit)
	}
	for i, l := range labels {
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", x(i), chartHeight-chartBottom+14, html.EscapeString(l))
	}
	plot(&b, x, colw, y)
	b.WriteString("</svg>")
	return b.String()
}

// at returns labels[i], or "" past the end of labels.
func at(labels []string, i int) string {
	if i < len(labels) {
		return labels[i]
	}
	return ""
}

// trim writes v with at most one decimal, without a trailing ".0".
func trim(v float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0")
}

// barChart draws each series as bars side by side per column, with a
// dashed line at each goal (one per series; NaN-free: goals < lo are not
// drawn).
func barChart(title string, labels []string, lo, hi float64, unit string, rows []series, goals []float64) string {
	return svgChart(title, labels, lo, hi, unit, func(b *strings.Builder, x func(int) float64, colw float64, y func(float64) float64) {
		bw := colw * 0.7 / float64(max(len(rows), 1))
		for s, row := range rows {
			c := palette[s%len(palette)]
			for i, v := range row.values {
				if math.IsNaN(v) {
					continue // nothing measured in the period
				}
				v = min(max(v, lo), hi)
				left := x(i) - colw*0.35 + bw*float64(s)
				fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s: %s%s</title></rect>`+"\n",
					left, y(v), bw, y(lo)-y(v), c, html.EscapeString(row.name), html.EscapeString(at(labels, i)), trim(v), unit)
			}
			if s < len(goals) && goals[s] >= lo && goals[s] <= hi {
				fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-dasharray="4 3"/>`+"\n",
					chartLeft, y(goals[s]), chartWidth-chartRight, y(goals[s]), c)
			}
		}
		legend(b, rows)
	})
}

// lineChart draws each series as a line with a dot per column.
func lineChart(title string, labels []string, lo, hi float64, rows []series) string {
	return svgChart(title, labels, lo, hi, "", func(b *strings.Builder, x func(int) float64, _ float64, y func(float64) float64) {
		for s, row := range rows {
			c := palette[s%len(palette)]
			pts := make([]string, len(row.values))
			for i, v := range row.values {
				pts[i] = fmt.Sprintf("%.1f,%.1f", x(i), y(v))
			}
			fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.Join(pts, " "), c)
			for i, v := range row.values {
				fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s %s: %s</title></circle>`+"\n",
					x(i), y(v), c, html.EscapeString(row.name), html.EscapeString(at(labels, i)), trim(v))
			}
		}
		legend(b, rows)
	})
}

// legend writes the names of the series along the bottom.
func legend(b *strings.Builder, rows []series) {
	for s, row := range rows {
		xx := chartLeft + 110*s
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="8" height="8" fill="%s"/><text x="%d" y="%d">%s</text>`+"\n",
			xx, chartHeight-14, palette[s%len(palette)], xx+11, chartHeight-6, html.EscapeString(row.name))
	}
}
