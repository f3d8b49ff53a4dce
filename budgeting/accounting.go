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

// CostReport is actual against budget against forecast per service,
// category and period, with variances and overspend flags
// (ISO/IEC 20000-1:2011, 6.4; record kind cost-report). It keeps its
// figures in minor units and gives them as money through [CostReport.Lines]
// and [CostReport.Totals], ordered by period, service ID and category; it
// writes itself as JSON and CSV. It is immutable and safe for concurrent
// use.
type CostReport struct {
	cur       Currency
	exp       int32
	periods   []Period
	services  []Service
	f         []figs // period × service × category
	threshold decimal.Decimal
	thr       thresholdInt
	rates     []Rate
}

// figs is the figures of one line in minor units.
type figs struct{ budget, actual, forecast acc }

func (x figs) isZero() bool { return x.budget.isZero() && x.actual.isZero() && x.forecast.isZero() }

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
		periods = append(periods, b.Period)
	}
	for _, c := range opt.Commitments {
		periods = append(periods, c.Period)
	}
	slices.SortFunc(periods, func(x, y Period) int { return strings.Compare(string(x), string(y)) })
	periods = slices.Compact(periods)
	ns := len(a.services)
	rep := &CostReport{cur: a.cur, exp: a.exp, periods: periods, services: a.services, threshold: opt.Threshold, thr: newThresholdInt(opt.Threshold),
		f: make([]figs, len(periods)*ns*numCategories)}
	f := rep.f
	pidx := func(p Period) int {
		pi, _ := slices.BinarySearchFunc(periods, p, func(x, y Period) int { return strings.Compare(string(x), string(y)) })
		return pi
	}
	for i, b := range budgets {
		p := "budgets[" + strconv.Itoa(i) + "]"
		if b.Currency != a.cur {
			v.Addf(p+".currency", ErrCurrencyMismatch, "%s, want %s", b.Currency, a.cur)
			continue
		}
		if b.Period == "" || !b.linesValid(a.exp) {
			err := b.Validate()
			if err == nil { // cannot happen: Validate checks the same
				err = fmt.Errorf("lines: %w", process.ErrInvalidValue)
			}
			v.Merge(p, err)
			continue
		}
		s, ok := a.svc.get(b.Service)
		if !ok {
			v.Addf(p+".service", process.ErrNotFound, "service %s", b.Service.Short())
			continue
		}
		base := (pidx(b.Period)*ns + int(s)) * numCategories
		for l := range b.lines() {
			addDecimal(&f[base+l.Category.index()].budget, l.Amount, a.exp)
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
	for api, p := range alloc.periods {
		base := pidx(p) * ns * numCategories
		tot := &alloc.acc[api].tot
		for s := range ns {
			for c := range numCategories {
				// tot is category × service; f is service × category.
				f[base+s*numCategories+c].actual = tot.at(c*ns + s)
			}
		}
	}
	for i := range f {
		f[i].forecast = forecast(f[i].actual, opt)
	}
	for k, t := range committed {
		f[k].forecast.addAcc(t)
	}
	return rep, nil
}

// Currency returns the currency of every amount of the report.
func (r *CostReport) Currency() Currency { return r.cur }

// Periods returns the periods the report covers, in order.
func (r *CostReport) Periods() []Period { return slices.Clone(r.periods) }

// Rates returns the exchange rates used to convert the report, if any.
func (r *CostReport) Rates() []Rate { return slices.Clone(r.rates) }

// Lines yields the figures of each service per period and category, leaving
// out lines with no budget, actual or forecast.
func (r *CostReport) Lines() iter.Seq[ReportLine] {
	return func(yield func(ReportLine) bool) {
		ns := len(r.services)
		zero := decimal.New(0, -r.exp)
		for pi, p := range r.periods {
			for s, svc := range r.services {
				for c := range numCategories {
					x := r.f[(pi*ns+s)*numCategories+c]
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
		ns := len(r.services)
		zero := decimal.New(0, -r.exp)
		for pi, p := range r.periods {
			for s, svc := range r.services {
				var t figs
				for c := range numCategories {
					x := r.f[(pi*ns+s)*numCategories+c]
					t.budget.addAcc(x.budget)
					t.actual.addAcc(x.actual)
					t.forecast.addAcc(x.forecast)
				}
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

// forecast extends actual at its run rate: actual × Length / Elapsed,
// rounded half away from zero to the minor unit.
func forecast(actual acc, opt *ReportOptions) acc {
	if opt.Elapsed == 0 || opt.Elapsed == opt.Length {
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
}

func newThresholdInt(t decimal.Decimal) thresholdInt {
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
