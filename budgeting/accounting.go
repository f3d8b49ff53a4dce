package budgeting

import (
	"fmt"
	"iter"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// Commitment is a cost committed but not yet incurred (an order placed, a
// contract signed) that a forecast adds on top of the run rate
// (ISO/IEC 20000-1:2011, 6.4).
type Commitment struct {
	Service   process.ID `json:"service"`
	Period    Period     `json:"period"`
	Category  Category   `json:"category"`
	Amount    Money      `json:"amount"`
	Reference process.ID `json:"reference,omitzero"` // the supplier contract or order
}

// ReportOptions says how a [CostReport] forecasts and flags
// (ISO/IEC 20000-1:2011, 6.4: forecasts reviewed). A nil *ReportOptions
// means: periods are closed (forecast = actual), no commitments, and any
// overspend is flagged.
type ReportOptions struct {
	// Elapsed and Length say how much of each period has passed (days 20
	// of 30): the forecast extends the actual cost at its run rate,
	// actual × Length / Elapsed. Zero Elapsed means the period is closed.
	Elapsed, Length int
	// Commitments are added to the forecast.
	Commitments []Commitment
	// Threshold is the variance in percent above which a line is flagged
	// as overspent (5 flags more than 5% over budget); zero flags any
	// overspend. It is held to the limits on untrusted numbers
	// (process.MaxDigits, process.MaxExponent).
	Threshold decimal.Decimal
}

// Figures are the accounting figures of one line of a cost report: budget,
// actual and forecast, the variances (actual − budget, forecast − budget),
// the actual variance in percent of budget (invalid when the budget is
// zero), and whether actual or forecast exceed budget by more than the
// threshold (ISO/IEC 20000-1:2011, 6.4: costs monitored and reported
// against budget, forecasts reviewed).
type Figures struct {
	Budget            Money               `json:"budget"`
	Actual            Money               `json:"actual"`
	Forecast          Money               `json:"forecast"`
	Variance          Money               `json:"variance"`
	VariancePct       decimal.NullDecimal `json:"variance_pct"`
	ForecastVariance  Money               `json:"forecast_variance"`
	Overspend         bool                `json:"overspend"`
	ForecastOverspend bool                `json:"forecast_overspend"`
}

// ReportLine is the figures of one service in one period and category of
// cost (ISO/IEC 20000-1:2011, 6.4).
type ReportLine struct {
	Period   Period     `json:"period"`
	Service  process.ID `json:"service"`
	Name     string     `json:"name"`
	Category Category   `json:"category"`
	Figures
}

// ServiceTotal is the figures of one service in one period, all categories
// together: the overall cost of the service (ISO/IEC 20000-1:2011, 6.4).
type ServiceTotal struct {
	Period  Period     `json:"period"`
	Service process.ID `json:"service"`
	Name    string     `json:"name"`
	Figures
}

// MinorFigures are the [Figures] of a line in int64 minor units of
// Currency (cents for EUR), as the report keeps them: read without a
// decimal per figure, and turned into money on demand by
// [MinorFigures.Figures]. VariancePct is the actual variance in hundredths
// of a percent of budget (1525 is 15.25%), rounded half away from zero as
// in Figures; it is 0 and VariancePctValid false when the budget is not
// positive. The flags are those of Figures. Get them from
// [CostReport.MinorLines] and [CostReport.MinorTotals].
type MinorFigures struct {
	Currency          Currency
	Budget            int64
	Actual            int64
	Forecast          int64
	Variance          int64
	ForecastVariance  int64
	VariancePct       int64
	VariancePctValid  bool
	Overspend         bool
	ForecastOverspend bool
}

// Figures returns f as money: the same figures, equal to the cent, as the
// report's [CostReport.Lines] and [CostReport.Totals] give. It builds a
// decimal per figure, so a caller that reads many lines and few amounts
// calls it only for the lines it shows. An f in an unknown currency gives
// its amounts in units of the currency (no places).
func (f MinorFigures) Figures() Figures {
	exp, _ := minorUnit(f.Currency)
	m := func(v int64) Money { return Money{Amount: fromMinor(v, exp), Currency: f.Currency} }
	out := Figures{Budget: m(f.Budget), Actual: m(f.Actual), Forecast: m(f.Forecast), Variance: m(f.Variance),
		ForecastVariance: m(f.ForecastVariance), Overspend: f.Overspend, ForecastOverspend: f.ForecastOverspend}
	if f.VariancePctValid {
		out.VariancePct = decimal.NullDecimal{Decimal: decimal.New(f.VariancePct, -2), Valid: true}
	}
	return out
}

// MinorLine is a [ReportLine] with its figures in minor units.
type MinorLine struct {
	Period   Period
	Service  process.ID
	Name     string
	Category Category
	MinorFigures
}

// MinorTotal is a [ServiceTotal] with its figures in minor units.
type MinorTotal struct {
	Period  Period
	Service process.ID
	Name    string
	MinorFigures
}

// CostReport is actual against budget against forecast per service,
// category and period, with variances and overspend flags
// (ISO/IEC 20000-1:2011, 6.4; record kind cost-report). It keeps its
// figures in minor units (int64, exact big integers past them) and gives
// them as money through [CostReport.Lines] and [CostReport.Totals], or in
// int64 minor units, with no decimal built, through [CostReport.MinorLines]
// and [CostReport.MinorTotals]; both are ordered by period, service ID and
// category. It writes itself as JSON and CSV. It is immutable and safe for
// concurrent use.
type CostReport struct {
	cur       Currency
	exp       int32
	periods   []Period
	services  []Service
	f         []lineFigs   // period × service × category
	big       map[int]figs // the lines of f with a figure past int64, exactly; zero in f
	threshold decimal.Decimal
	thr       thresholdInt
	rates     []Rate
	fits      bool // every figure of the minor-unit view fits an int64 (see fitMinor)
}

// lineFigs is the figures of one line in int64 minor units, as a report
// stores them: no pointers, 24 bytes.
type lineFigs struct{ budget, actual, forecast int64 }

// figs is the figures of one line in minor units, exact at any size.
type figs struct{ budget, actual, forecast acc }

func (x figs) isZero() bool { return x.budget.isZero() && x.actual.isZero() && x.forecast.isZero() }

// line returns the figures of line i.
func (r *CostReport) line(i int) figs {
	if len(r.big) > 0 {
		if x, ok := r.big[i]; ok {
			return x
		}
	}
	l := &r.f[i]
	return figs{acc{v: l.budget}, acc{v: l.actual}, acc{v: l.forecast}}
}

// setLine sets the figures of line i to x, which the report then owns.
func (r *CostReport) setLine(i int, x figs) {
	b, ok1 := x.budget.small()
	a, ok2 := x.actual.small()
	f, ok3 := x.forecast.small()
	if ok1 && ok2 && ok3 {
		r.f[i] = lineFigs{b, a, f}
		delete(r.big, i)
		return
	}
	if r.big == nil {
		r.big = make(map[int]figs)
	}
	r.f[i] = lineFigs{}
	r.big[i] = x
}

// NewCostReport compares the costs of alloc with budgets, and forecasts
// from the run rate and commitments (see [ReportOptions]): costs reported
// against budget (ISO/IEC 20000-1:2011, 6.4). Budgets and
// commitments must be in the allocation's currency ([ErrCurrencyMismatch])
// and name services the allocation knows ([process.ErrNotFound]); the
// budgets' periods and lines must be valid (the rest of a budget record is
// its owner's to validate), and the threshold and every amount within the
// limits on untrusted numbers ([process.ErrTooLarge]). Nothing is returned
// on error.
func NewCostReport(alloc *Allocation, budgets []*Budget, opt *ReportOptions) (*CostReport, error) {
	if opt == nil {
		opt = &ReportOptions{}
	}
	a := alloc.ap
	v := process.ValidationError{Package: pkg, Subject: "cost report"}
	if !v.Decimal("options.threshold", opt.Threshold) {
		return nil, v.Err()
	}
	if opt.Threshold.IsNegative() {
		v.Addf("options.threshold", process.ErrInvalidValue, "negative")
	}
	if opt.Elapsed < 0 || opt.Length < 0 || opt.Elapsed > opt.Length {
		v.Addf("options.elapsed", process.ErrInvalidValue, "%d of %d", opt.Elapsed, opt.Length)
	}
	periods := slices.Clone(alloc.periods)
	for _, b := range budgets {
		if len(periods) == 0 || periods[len(periods)-1] != b.Period { // budgets of a period often come together
			periods = append(periods, b.Period)
		}
	}
	for _, c := range opt.Commitments {
		periods = append(periods, c.Period)
	}
	slices.SortFunc(periods, func(x, y Period) int { return strings.Compare(string(x), string(y)) })
	periods = slices.Compact(periods)
	ns := len(a.services)
	rep := &CostReport{cur: a.cur, exp: a.exp, periods: periods, services: a.services, threshold: opt.Threshold, thr: newThresholdInt(opt.Threshold),
		f: make([]lineFigs, len(periods)*ns*numCategories)}
	budget := newLedger(len(rep.f)) // in the order of f; the budgets come in any order
	pidx := func(p Period) int {
		pi, _ := slices.BinarySearchFunc(periods, p, func(x, y Period) int { return strings.Compare(string(x), string(y)) })
		return pi
	}
	path := func(i int) string { return "budgets[" + strconv.Itoa(i) + "]" } // only for a finding
	for i, b := range budgets {
		if b.Currency != a.cur {
			v.Addf(path(i)+".currency", ErrCurrencyMismatch, "%s, want %s", b.Currency, a.cur)
			continue
		}
		var sums [numCategories]acc
		if b.Period == "" || !b.sumLines(&sums, a.exp) {
			err := b.Validate()
			if err == nil { // cannot happen: Validate checks the same
				err = fmt.Errorf("lines: %w", process.ErrInvalidValue)
			}
			v.Merge(path(i), err)
			continue
		}
		s, ok := a.svc.get(b.Service)
		if !ok {
			v.Addf(path(i)+".service", process.ErrNotFound, "service %s", b.Service.Short())
			continue
		}
		base := (pidx(b.Period)*ns + int(s)) * numCategories
		for c := range sums {
			if sums[c].b != nil {
				budget.addBig(base+c, sums[c].b)
			} else if sums[c].v != 0 {
				budget.add(base+c, sums[c].v)
			}
		}
	}
	committed := make(map[int]acc)
	for i, c := range opt.Commitments {
		p := fmt.Sprintf("options.commitments[%d]", i)
		s, ok := a.svc.get(c.Service)
		switch {
		case !ok:
			v.Addf(p+".service", process.ErrNotFound, "service %s", c.Service.Short())
		case c.Amount.Currency != a.cur:
			v.Addf(p+".amount.currency", ErrCurrencyMismatch, "%s, want %s", c.Amount.Currency, a.cur)
		case !c.Category.Valid() || c.Period == "":
			v.Addf(p, process.ErrInvalidValue, "category %q, period %q", c.Category, c.Period)
		default:
			if err := c.Amount.check(); err != nil {
				v.Add(p+".amount", err)
				continue
			}
			k := (pidx(c.Period)*ns+int(s))*numCategories + c.Category.index()
			t := committed[k]
			addDecimal(&t, c.Amount.Amount, a.exp)
			committed[k] = t
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	// One pass in the order of f: budget, actual (the allocation's totals
	// are category × service; f is service × category) and forecast.
	actual := make([]*ledger, len(periods))
	for api, p := range alloc.periods {
		actual[pidx(p)] = &alloc.acc[api].tot
	}
	var none ledger
	for pi := range periods {
		tot := actual[pi]
		if tot == nil {
			tot = &none
		}
		base := pi * ns * numCategories
		fast := len(tot.big) == 0 && len(budget.big) == 0
		for s := range ns {
			for c := range numCategories {
				k := base + s*numCategories + c
				if fast && tot.v != nil {
					b, a := budget.v[k], tot.v[c*ns+s]
					if fc, ok := forecastMinor(a, opt); ok {
						rep.f[k] = lineFigs{b, a, fc}
						continue
					}
				} else if fast {
					rep.f[k] = lineFigs{budget: budget.v[k]}
					continue
				}
				x := figs{budget: budget.at(k)}
				if tot.v != nil {
					x.actual = tot.at(c*ns + s)
				}
				x.forecast = forecast(x.actual, opt)
				rep.setLine(k, x)
			}
		}
	}
	for k, t := range committed {
		x := rep.line(k)
		x.forecast.addAcc(t)
		rep.setLine(k, x)
	}
	rep.fits = rep.fitMinor()
	return rep, nil
}

// Currency returns the currency of every amount of the report.
func (r *CostReport) Currency() Currency { return r.cur }

// Periods returns the periods the report covers, in order.
func (r *CostReport) Periods() []Period { return slices.Clone(r.periods) }

// Rates returns the exchange rates used to convert the report, if any.
func (r *CostReport) Rates() []Rate { return slices.Clone(r.rates) }

// Lines yields the figures of each service per period and category, leaving
// out lines with no budget, actual or forecast. Each figure is a decimal
// built for the line; [CostReport.MinorLines] gives the same figures in minor
// units without.
func (r *CostReport) Lines() iter.Seq[ReportLine] {
	return func(yield func(ReportLine) bool) {
		ns := len(r.services)
		zero := decimal.New(0, -r.exp)
		for pi, p := range r.periods {
			for s, svc := range r.services {
				for c := range numCategories {
					x := r.line((pi*ns+s)*numCategories + c)
					if x.isZero() {
						continue
					}
					if !yield(ReportLine{Period: p, Service: svc.ID, Name: svc.Name, Category: categories[c],
						Figures: x.figures(r.cur, r.exp, r.threshold, r.thr, zero)}) {
						return
					}
				}
			}
		}
	}
}

// Totals yields the figures of each service per period, all categories
// together, leaving out services with no figures: the overall cost of each
// service against its budget.
func (r *CostReport) Totals() iter.Seq[ServiceTotal] {
	return func(yield func(ServiceTotal) bool) {
		zero := decimal.New(0, -r.exp)
		for pi, p := range r.periods {
			for s, svc := range r.services {
				t := r.total(pi, s)
				if t.isZero() {
					continue
				}
				if !yield(ServiceTotal{Period: p, Service: svc.ID, Name: svc.Name, Figures: t.figures(r.cur, r.exp, r.threshold, r.thr, zero)}) {
					return
				}
			}
		}
	}
}

// MinorLines is [CostReport.Lines] in minor units: the same lines, in the
// same order, with the same figures, and nothing allocated per line. It
// returns an error matching [ErrOverflow], and an empty sequence, when a
// figure of the report (an amount, variance or percentage of a line or a
// service total) does not fit an int64 in minor units, beyond
// ±92,233,720,368,547,758.07 EUR; Lines and Totals give every figure exactly
// at any size. A figure is never wrapped round or rounded to fit.
func (r *CostReport) MinorLines() (iter.Seq[MinorLine], error) {
	if !r.fits {
		return func(func(MinorLine) bool) {}, fmt.Errorf("budgeting: cost report in minor units: %w", ErrOverflow)
	}
	return func(yield func(MinorLine) bool) {
		ns := len(r.services)
		var l MinorLine
		for pi, p := range r.periods {
			l.Period = p
			for s := range r.services {
				svc := &r.services[s]
				l.Service, l.Name = svc.ID, svc.Name
				for c := range numCategories {
					x := &r.f[(pi*ns+s)*numCategories+c] // no line is in r.big
					if *x == (lineFigs{}) {
						continue
					}
					l.Category = categories[c]
					r.minorOf(&l.MinorFigures, x.budget, x.actual, x.forecast) // fits: checked when built
					if !yield(l) {
						return
					}
				}
			}
		}
	}, nil
}

// MinorTotals is [CostReport.Totals] in minor units, as [CostReport.MinorLines]
// is Lines: the same totals, nothing allocated per total, and an error
// matching [ErrOverflow], with an empty sequence, when a figure of the report
// does not fit an int64 in minor units.
func (r *CostReport) MinorTotals() (iter.Seq[MinorTotal], error) {
	if !r.fits {
		return func(func(MinorTotal) bool) {}, fmt.Errorf("budgeting: cost report in minor units: %w", ErrOverflow)
	}
	return func(yield func(MinorTotal) bool) {
		for pi, p := range r.periods {
			for s := range r.services {
				svc := &r.services[s]
				t := r.total(pi, s)
				if t.isZero() {
					continue
				}
				l := MinorTotal{Period: p, Service: svc.ID, Name: svc.Name}
				r.minor(&l.MinorFigures, t) // fits: checked when built
				if !yield(l) {
					return
				}
			}
		}
	}, nil
}

// total returns the figures of service s in period pi, all categories
// together.
func (r *CostReport) total(pi, s int) figs {
	var t figs
	base := (pi*len(r.services) + s) * numCategories
	for k := base; k < base+numCategories; k++ {
		x := r.line(k)
		t.budget.addAcc(x.budget)
		t.actual.addAcc(x.actual)
		t.forecast.addAcc(x.forecast)
	}
	return t
}

// minorBound bounds the amounts of a report whose minor-unit view fits
// without a check per line: seven categories of amounts within ±2^45 minor
// units give totals and variances within ±14·2^45 < 2^49, and percentages
// (variance × 10,000 / budget) within 2^63.
const minorBound = 1 << 45

// fitMinor reports whether every figure of the minor-unit view (each line's
// and each service total's amounts, variances and percentage) fits an int64.
// Amounts within ±minorBound are known to; past that each line and total is
// worked out with its overflow checked.
func (r *CostReport) fitMinor() bool {
	if len(r.big) > 0 {
		return false // a figure past int64
	}
	in := func(v int64) bool { return uint64(v+minorBound) <= 2*minorBound }
	quick := true
	for i := range r.f {
		x := &r.f[i]
		if !in(x.budget) || !in(x.actual) || !in(x.forecast) {
			quick = false
			break
		}
	}
	if quick {
		return true
	}
	for pi := range r.periods {
		for s := range r.services {
			base := (pi*len(r.services) + s) * numCategories
			var m MinorFigures
			for _, x := range r.f[base : base+numCategories] {
				if !r.minorOf(&m, x.budget, x.actual, x.forecast) {
					return false
				}
			}
			if !r.minor(&m, r.total(pi, s)) {
				return false
			}
		}
	}
	return true
}

// minor sets m to the figures x in minor units, and reports false when one
// of them does not fit an int64.
func (r *CostReport) minor(m *MinorFigures, x figs) bool {
	b, ok1 := x.budget.small()
	a, ok2 := x.actual.small()
	f, ok3 := x.forecast.small()
	return ok1 && ok2 && ok3 && r.minorOf(m, b, a, f)
}

// minorOf sets m to the figures of budget b, actual a and forecast f in
// minor units, and reports false when one of them does not fit an int64.
// It writes through m so that a line's figures are not copied about.
func (r *CostReport) minorOf(m *MinorFigures, b, a, f int64) bool {
	va, ok1 := sub64(a, b)
	vf, ok2 := sub64(f, b)
	if !ok1 || !ok2 {
		return false
	}
	m.Currency, m.Budget, m.Actual, m.Forecast, m.Variance, m.ForecastVariance = r.cur, b, a, f, va, vf
	m.VariancePct, m.VariancePctValid = 0, false
	if b > 0 {
		p, ok := mulDivRound(va, 10000, uint64(b))
		if !ok {
			return false
		}
		m.VariancePct, m.VariancePctValid = p, true
	}
	m.Overspend, m.ForecastOverspend = r.over(va, b), r.over(vf, b)
	return true
}

// over is [over] for int64 minor units.
func (r *CostReport) over(v, b int64) bool {
	switch {
	case r.thr.zero:
		return v > 0
	case v <= 0:
		return false
	case b <= 0:
		return true
	case r.thr.ok:
		// v × 100 × 10^k > n × b, in 128 bits.
		lh, ll := bits.Mul64(uint64(v), r.thr.left)
		rh, rl := bits.Mul64(uint64(b), r.thr.n)
		return lh > rh || lh == rh && ll > rl
	}
	return over(acc{v: v}, acc{v: b}, r.threshold, r.thr)
}

// sub64 returns a − b and whether it fits an int64.
func sub64(a, b int64) (int64, bool) {
	d := a - b
	return d, (a^b)&(a^d) >= 0 // overflow only when a and b differ in sign and d's sign is not a's
}

// addDecimal adds d, exact in minor units (checked by the caller), to t.
func addDecimal(t *acc, d decimal.Decimal, exp int32) {
	v, fits, _ := toMinor(d, exp)
	if fits {
		t.add(v)
		return
	}
	if b, err := toMinorBig(d, exp); err == nil {
		t.addBig(b)
	}
}

// forecastMinor is forecast for an int64 actual, and false when the
// forecast does not fit an int64.
func forecastMinor(actual int64, opt *ReportOptions) (int64, bool) {
	if opt.Elapsed == 0 || opt.Elapsed == opt.Length {
		return actual, true
	}
	return mulDivRound(actual, uint64(opt.Length), uint64(opt.Elapsed))
}

// forecast extends actual at its run rate: actual × Length / Elapsed,
// rounded half away from zero to the minor unit. The result shares nothing
// with actual.
func forecast(actual acc, opt *ReportOptions) acc {
	if opt.Elapsed == 0 || opt.Elapsed == opt.Length {
		if actual.b != nil {
			return acc{b: actual.big()} // a copy: the forecast may have commitments added
		}
		return actual
	}
	if v, ok := actual.small(); ok {
		if f, ok := mulDivRound(v, uint64(opt.Length), uint64(opt.Elapsed)); ok {
			return acc{v: f}
		}
	}
	d := decimal.NewFromBigInt(actual.big(), 0).Mul(decimal.NewFromInt(int64(opt.Length))).
		DivRound(decimal.NewFromInt(int64(opt.Elapsed)), 0)
	var t acc
	t.addBig(d.BigInt())
	return t
}

// figures turns x into money, variances and flags.
func (x figs) figures(cur Currency, exp int32, threshold decimal.Decimal, thr thresholdInt, zero decimal.Decimal) Figures {
	m := func(a acc) Money {
		if a.isZero() {
			return Money{Amount: zero, Currency: cur} // decimals are immutable: one zero serves all
		}
		return Money{Amount: a.decimal(exp), Currency: cur}
	}
	diff := func(a, b acc) acc {
		if av, ok := a.small(); ok {
			if bv, ok := b.small(); ok && bv != math.MinInt64 {
				d := acc{v: av}
				d.add(-bv)
				return d
			}
		}
		var d acc
		d.addBig(a.big())
		d.addBig(new(big.Int).Neg(b.big()))
		return d
	}
	variance, fvariance := diff(x.actual, x.budget), diff(x.forecast, x.budget)
	out := Figures{Budget: m(x.budget), Actual: m(x.actual), Forecast: m(x.forecast), Variance: m(variance),
		ForecastVariance: m(fvariance)}
	out.VariancePct = percent(variance, x.budget)
	out.Overspend = over(variance, x.budget, threshold, thr)
	out.ForecastOverspend = over(fvariance, x.budget, threshold, thr)
	return out
}

// percent returns v as a percentage of b, rounded half away from zero to
// two places; invalid when b is not positive.
func percent(v, b acc) decimal.NullDecimal {
	bv, ok := b.small()
	if ok && bv <= 0 || !ok && b.b.Sign() <= 0 {
		return decimal.NullDecimal{}
	}
	if vv, ok2 := v.small(); ok && ok2 {
		if p, ok := mulDivRound(vv, 10000, uint64(bv)); ok {
			return decimal.NullDecimal{Decimal: decimal.New(p, -2), Valid: true}
		}
	}
	d := decimal.NewFromBigInt(v.big(), 2).DivRound(decimal.NewFromBigInt(b.big(), 0), 2)
	return decimal.NullDecimal{Decimal: d, Valid: true}
}

// over reports whether variance v exceeds threshold percent of budget b
// (any positive variance when b is not positive).
func over(v, b acc, threshold decimal.Decimal, thr thresholdInt) bool {
	vv, ok1 := v.small()
	bv, ok2 := b.small()
	if ok1 && ok2 && threshold.IsZero() {
		return vv > 0
	}
	if ok1 && ok2 && thr.ok && vv > 0 && bv > 0 {
		// v × 100 × 10^k > n × b, in 128 bits.
		lh, ll := bits.Mul64(uint64(vv), thr.left)
		rh, rl := bits.Mul64(uint64(bv), thr.n)
		return lh > rh || lh == rh && ll > rl
	}
	if ok1 && vv <= 0 || !ok1 && v.b.Sign() <= 0 {
		return false
	}
	if ok2 && bv <= 0 || !ok2 && b.b.Sign() <= 0 {
		return true
	}
	// v / b × 100 > threshold ⇔ v × 100 > threshold × b
	lhs := decimal.NewFromBigInt(v.big(), 2)
	return lhs.GreaterThan(threshold.Mul(decimal.NewFromBigInt(b.big(), 0)))
}

// LabourRate is the cost of an hour of a role's effort: personnel costs
// of a service (ISO/IEC 20000-1:2011, 6.4).
type LabourRate struct {
	Role    string `json:"role"`
	PerHour Money  `json:"per_hour"`
}

// RateCard holds the labour rates by which the effort spent on a change, an
// incident or a release is costed (ISO/IEC 20000-1:2011, 6.4).
type RateCard struct {
	Currency Currency     `json:"currency"`
	Rates    []LabourRate `json:"rates"`
}

// Effort is hours of a role's work on a record, to be costed at the role's
// rate (ISO/IEC 20000-1:2011, 6.4).
type Effort struct {
	Role  string          `json:"role"`
	Hours decimal.Decimal `json:"hours"`
}

// EffortLine is the cost of one effort: hours × rate, rounded half to even
// to the minor unit (ISO/IEC 20000-1:2011, 6.4).
type EffortLine struct {
	Role   string          `json:"role"`
	Hours  decimal.Decimal `json:"hours"`
	Rate   Money           `json:"rate"`
	Amount Money           `json:"amount"`
}

// ActivityCost is the cost of the work on one record (a request for
// change, an incident, a release) from effort and rates
// (ISO/IEC 20000-1:2011, 6.4).
type ActivityCost struct {
	Kind   process.RecordKind `json:"kind"`
	Record process.ID         `json:"record"`
	Lines  []EffortLine       `json:"lines"`
	Total  Money              `json:"total"`
}

// Cost costs the effort spent on record of kind: each effort's hours at its
// role's rate, rounded half to even to the minor unit, and their total. It
// refuses, as a *process.ValidationError, an unknown kind, a role with no
// rate ([process.ErrNotFound]), negative hours, hours or rates past the
// limits on untrusted numbers ([process.ErrTooLarge]) and rates in another
// currency ([ErrCurrencyMismatch]).
func (rc RateCard) Cost(kind process.RecordKind, record process.ID, effort []Effort) (ActivityCost, error) {
	v := process.ValidationError{Package: pkg, Subject: process.Subject(kind, record)}
	if !kind.Valid() {
		v.Addf("kind", process.ErrUnknownKind, "%q", kind)
	}
	v.Require("record", !record.IsZero())
	exp, err := rc.Currency.MinorUnit()
	if err != nil {
		v.Add("currency", err)
	}
	out := ActivityCost{Kind: kind, Record: record, Total: Money{Amount: decimal.New(0, -exp), Currency: rc.Currency}}
	for i, e := range effort {
		p := fmt.Sprintf("effort[%d]", i)
		j := slices.IndexFunc(rc.Rates, func(r LabourRate) bool { return r.Role == e.Role })
		switch {
		case j < 0:
			v.Addf(p+".role", process.ErrNotFound, "no rate for %q", e.Role)
		case rc.Rates[j].PerHour.Currency != rc.Currency:
			v.Addf(p+".role", ErrCurrencyMismatch, "rate for %q in %s", e.Role, rc.Rates[j].PerHour.Currency)
		case !v.Decimal(p+".hours", e.Hours) || !v.Decimal(fmt.Sprintf("rates[%d].per_hour.amount", j), rc.Rates[j].PerHour.Amount):
			// Past the limits on untrusted numbers: not computed with.
		case e.Hours.IsNegative():
			v.Addf(p+".hours", process.ErrInvalidValue, "negative")
		default:
			amt := e.Hours.Mul(rc.Rates[j].PerHour.Amount).RoundBank(exp)
			if !v.Decimal(p+".hours", amt) { // a product past the limits
				continue
			}
			out.Lines = append(out.Lines, EffortLine{Role: e.Role, Hours: e.Hours, Rate: rc.Rates[j].PerHour,
				Amount: Money{Amount: amt, Currency: rc.Currency}})
			out.Total.Amount = out.Total.Amount.Add(amt)
		}
	}
	if err := v.Err(); err != nil {
		return ActivityCost{}, err
	}
	return out, nil
}

// Entry returns the activity's cost as a direct personnel cost entry of
// service in period, dated at; a request for change is referenced as the
// entry's Change.
func (c ActivityCost) Entry(id, service process.ID, period Period, at time.Time) CostEntry {
	e := CostEntry{ID: id, Amount: c.Total.Amount, Currency: c.Total.Currency, Date: at, Period: period,
		Category: CategoryPersonnel, Nature: Direct, Behaviour: Variable, Expense: Operating, Service: service,
		Description: fmt.Sprintf("effort on %s", process.Subject(c.Kind, c.Record))}
	if c.Kind == process.KindRequestForChange {
		e.Change = c.Record
	}
	return e
}

// thresholdInt is an overspend threshold t = n / 10^k percent as integers:
// a variance v of a budget b is over it when v × 100 × 10^k > n × b. ok is
// false when t does not fit, and the decimal comparison is used.
type thresholdInt struct {
	n, left uint64
	ok      bool
	zero    bool // t is zero: any overspend is over it
}

func newThresholdInt(t decimal.Decimal) thresholdInt {
	if t.IsZero() {
		return thresholdInt{n: 0, left: 100, ok: true, zero: true}
	}
	if t.IsNegative() || t.NumDigits() > 18 {
		return thresholdInt{}
	}
	n, e := uint64(t.CoefficientInt64()), t.Exponent()
	switch {
	case e >= 0 && e <= 18:
		hi, lo := bits.Mul64(n, pow10[e])
		return thresholdInt{n: lo, left: 100, ok: hi == 0}
	case e < 0 && e >= -16:
		return thresholdInt{n: n, left: 100 * pow10[-e], ok: true}
	}
	return thresholdInt{}
}
