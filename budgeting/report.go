package budgeting

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"
)

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
	exp, err := r.Currency.MinorUnit()
	if err != nil {
		return err
	}
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
		return []string{string(p), svc, name, cat, string(r.Currency), fixed(f.Budget.Amount, exp), fixed(f.Actual.Amount, exp),
			fixed(f.Forecast.Amount, exp), fixed(f.Variance.Amount, exp), pct, fixed(f.ForecastVariance.Amount, exp),
			fmt.Sprint(f.Overspend), fmt.Sprint(f.ForecastOverspend)}
	}
	for _, l := range r.Lines {
		if err := cw.Write(row(l.Period, l.Service.String(), l.Name, string(l.Category), l.Figures)); err != nil {
			return fmt.Errorf("budgeting: cost report: %w", err)
		}
	}
	for _, t := range r.Totals {
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

// Convert returns a copy of the report in currency to, every amount
// converted at the rate that applies on on, rounded half to even to the
// minor unit, with the rate used listed in Rates (ISO/IEC 20000-1:2011, 6.4:
// one reporting currency, conversions never silent). Percentages and flags
// are kept. It refuses a missing rate ([ErrMissingRate]); nothing is
// returned then.
func (r *CostReport) Convert(rates *Rates, to Currency, on time.Time) (*CostReport, error) {
	if r.Currency == to {
		c := *r
		return &c, nil
	}
	if _, err := to.MinorUnit(); err != nil {
		return nil, err
	}
	rate, err := rates.Rate(r.Currency, to, on)
	if err != nil {
		return nil, fmt.Errorf("budgeting: cost report: %w", err)
	}
	out := &CostReport{Currency: to, Periods: append([]Period(nil), r.Periods...), Rates: addRate(append([]Rate(nil), r.Rates...), rate)}
	conv := func(f Figures) Figures {
		for _, m := range []*Money{&f.Budget, &f.Actual, &f.Forecast} {
			*m, _, _ = rates.Convert(*m, to, on) // the rate exists: checked above
		}
		// Variances from the converted amounts, so that they still add up.
		f.Variance = Money{Amount: f.Actual.Amount.Sub(f.Budget.Amount), Currency: to}
		f.ForecastVariance = Money{Amount: f.Forecast.Amount.Sub(f.Budget.Amount), Currency: to}
		return f
	}
	for _, l := range r.Lines {
		l.Figures = conv(l.Figures)
		out.Lines = append(out.Lines, l)
	}
	for _, t := range r.Totals {
		t.Figures = conv(t.Figures)
		out.Totals = append(out.Totals, t)
	}
	return out, nil
}
