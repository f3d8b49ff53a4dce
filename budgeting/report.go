package budgeting

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// reportJSON is the JSON form of a CostReport.
type reportJSON struct {
	Currency Currency       `json:"currency"`
	Periods  []Period       `json:"periods"`
	Lines    []ReportLine   `json:"lines"`
	Totals   []ServiceTotal `json:"totals"`
	Rates    []Rate         `json:"rates,omitempty"`
}

// MarshalJSON writes the report with every line and total. Amounts are
// decimal strings; nothing is a float.
func (r *CostReport) MarshalJSON() ([]byte, error) {
	j := reportJSON{Currency: r.cur, Periods: r.periods, Rates: r.rates, Lines: []ReportLine{}, Totals: []ServiceTotal{}}
	for l := range r.Lines() {
		j.Lines = append(j.Lines, l)
	}
	for t := range r.Totals() {
		j.Totals = append(j.Totals, t)
	}
	return json.Marshal(j)
}

// WriteJSON writes the report as indented JSON. Amounts are decimal
// strings; nothing is a float.
func (r *CostReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("budgeting: cost report: %w", err)
	}
	return nil
}

// WriteCSV writes one row per line and one per service total (category
// "total"), with amounts in the currency's minor-unit places.
func (r *CostReport) WriteCSV(w io.Writer) error {
	exp := r.exp
	cw := csv.NewWriter(w)
	header := []string{"period", "service", "name", "category", "currency", "budget", "actual", "forecast",
		"variance", "variance_pct", "forecast_variance", "overspend", "forecast_overspend"}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("budgeting: cost report: %w", err)
	}
	row := func(p Period, svc, name, cat string, f Figures) []string {
		pct := ""
		if f.VariancePct.Valid {
			pct = f.VariancePct.Decimal.StringFixed(2)
		}
		return []string{string(p), svc, name, cat, string(r.cur), fixed(f.Budget.Amount, exp), fixed(f.Actual.Amount, exp),
			fixed(f.Forecast.Amount, exp), fixed(f.Variance.Amount, exp), pct, fixed(f.ForecastVariance.Amount, exp),
			fmt.Sprint(f.Overspend), fmt.Sprint(f.ForecastOverspend)}
	}
	for l := range r.Lines() {
		if err := cw.Write(row(l.Period, l.Service.String(), l.Name, string(l.Category), l.Figures)); err != nil {
			return fmt.Errorf("budgeting: cost report: %w", err)
		}
	}
	for t := range r.Totals() {
		if err := cw.Write(row(t.Period, t.Service.String(), t.Name, "total", t.Figures)); err != nil {
			return fmt.Errorf("budgeting: cost report: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("budgeting: cost report: %w", err)
	}
	return nil
}

// fixed writes d with exactly exp places (d is exact in them).
func fixed(d decimal.Decimal, exp int32) string { return d.StringFixed(exp) }

// Convert returns a copy of the report in currency to, every budget,
// actual and forecast converted at the rate that applies on on, rounded half
// to even to the minor unit, with the rate used listed in
// [CostReport.Rates] (ISO/IEC 20000-1:2011, 6.4: one reporting currency,
// conversions never silent). Variances and flags are computed again from
// the converted amounts. It refuses an unknown currency
// ([ErrUnknownCurrency]) and a missing rate ([ErrMissingRate]); nothing is
// returned then.
func (r *CostReport) Convert(rates *Rates, to Currency, on time.Time) (*CostReport, error) {
	exp, err := to.MinorUnit()
	if err != nil {
		return nil, err
	}
	out := *r
	out.periods, out.rates = slices.Clone(r.periods), slices.Clone(r.rates)
	if r.cur == to {
		out.f, out.big = slices.Clone(r.f), maps.Clone(r.big) // the figs in big are never changed
		return &out, nil
	}
	rate, err := rates.Rate(r.cur, to, on)
	if err != nil {
		return nil, fmt.Errorf("budgeting: cost report: %w", err)
	}
	out.cur, out.exp, out.rates = to, exp, addRate(out.rates, rate)
	out.f, out.big = make([]lineFigs, len(r.f)), nil
	conv := func(a acc) acc {
		if a.isZero() {
			return acc{}
		}
		d := a.decimal(r.exp).Mul(rate.Rate).RoundBank(exp)
		var t acc
		addDecimal(&t, d, exp)
		return t
	}
	for i := range r.f {
		x := r.line(i)
		out.setLine(i, figs{budget: conv(x.budget), actual: conv(x.actual), forecast: conv(x.forecast)})
	}
	out.fits = out.fitMinor()
	return &out, nil
}

// allocationJSON is the JSON form of an Allocation.
type allocationJSON struct {
	Currency Currency      `json:"currency"`
	Periods  []Period      `json:"periods"`
	Costs    []ServiceCost `json:"costs"`
	Trace    []Line        `json:"trace"`
}

// MarshalJSON writes the allocation: the cost of each service per period
// and category, and the trace of where it came from.
func (r *Allocation) MarshalJSON() ([]byte, error) {
	j := allocationJSON{Currency: r.ap.cur, Periods: r.periods, Costs: []ServiceCost{}, Trace: []Line{}}
	for c := range r.Costs() {
		j.Costs = append(j.Costs, c)
	}
	for l := range r.Lines() {
		j.Trace = append(j.Trace, l)
	}
	return json.Marshal(j)
}

// WriteCSV writes the trace of the allocation, one row per line: period,
// service, its name, the source (kind, rule, shared service it came from),
// the amount with the currency's minor-unit places and the entries counted.
func (r *Allocation) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	rows := [][]string{{"period", "service", "name", "source", "rule", "from", "currency", "amount", "entries"}}
	id := func(x process.ID) string {
		if x.IsZero() {
			return ""
		}
		return x.String()
	}
	for l := range r.Lines() {
		s, _ := r.ap.svc.get(l.Service)
		rows = append(rows, []string{string(l.Period), l.Service.String(), r.ap.services[s].Name, string(l.Source.Kind),
			id(l.Source.Rule), id(l.Source.From), string(l.Amount.Currency), fixed(l.Amount.Amount, r.ap.exp), fmt.Sprint(l.Entries)})
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("budgeting: allocation: %w", err)
	}
	return nil
}
