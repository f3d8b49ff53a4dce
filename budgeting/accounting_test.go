package budgeting

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

func workedAllocation(t *testing.T) *Allocation {
	t.Helper()
	a, err := NewApportioner(workedModel())
	require.NoError(t, err)
	r, err := a.Apportion(workedEntries())
	require.NoError(t, err)
	return r
}

func TestCostReport(t *testing.T) {
	alloc := workedAllocation(t)
	// Email's actual personnel cost is 4600.00; web's licences 2500.00.
	emailBudget, err := NewBudget(BudgetPlan{Title: "email", Service: svcEmail, Period: "2026-11", Currency: EUR, Base: []BudgetLine{
		{Category: CategoryPersonnel, Amount: d("4000")}, {Category: CategoryFacilities, Amount: d("3000")}}}, planner, processtest.T0)
	require.NoError(t, err)
	webBudget, err := NewBudget(BudgetPlan{Title: "web", Service: svcWeb, Period: "2026-11", Currency: EUR, Base: []BudgetLine{
		{Category: CategoryLicences, Amount: d("2450")}}}, planner, processtest.T0)
	require.NoError(t, err)
	rep, err := NewCostReport(alloc, []*Budget{emailBudget, webBudget}, &ReportOptions{
		Elapsed: 20, Length: 30, Threshold: d("5"),
		Commitments: []Commitment{{Service: svcWeb, Period: "2026-11", Category: CategoryLicences, Amount: MustMoney("100", EUR)}},
	})
	require.NoError(t, err)

	type row struct {
		budget, actual, forecast, variance, pct string
		over, fover                             bool
	}
	lines := map[string]row{}
	for l := range rep.Lines() {
		pct := "n/a"
		if l.VariancePct.Valid {
			pct = l.VariancePct.Decimal.StringFixed(2)
		}
		lines[l.Name+"/"+string(l.Category)] = row{l.Budget.Amount.StringFixed(2), l.Actual.Amount.StringFixed(2),
			l.Forecast.Amount.StringFixed(2), l.Variance.Amount.StringFixed(2), pct, l.Overspend, l.ForecastOverspend}
	}
	for _, tc := range []struct {
		line string
		want row
	}{
		// 4600 against 4000: 15% over; forecast 4600 × 30/20 = 6900.
		{"email/personnel", row{"4000.00", "4600.00", "6900.00", "600.00", "15.00", true, true}},
		// 2666.67 against 3000: 11.11% under; forecast 4000.01 (half up from 4000.005).
		{"email/facilities", row{"3000.00", "2666.67", "4000.01", "-333.33", "-11.11", false, true}},
		// No budget for overheads: no percentage, any overspend is flagged.
		{"email/overheads", row{"0.00", "333.34", "500.01", "333.34", "n/a", true, true}},
		// 2500 against 2450: 2.04% over, within the 5% threshold; forecast 3750 + 100 committed.
		{"web/licences", row{"2450.00", "2500.00", "3850.00", "50.00", "2.04", false, true}},
	} {
		assert.Equal(t, tc.want, lines[tc.line], tc.line)
	}
	// Shared services carry no cost once passed on, and have no lines.
	for l := range rep.Lines() {
		assert.NotEqual(t, svcDC, l.Service)
	}
	var total decimal.Decimal
	for tt := range rep.Totals() {
		total = total.Add(tt.Actual.Amount)
	}
	assert.True(t, total.Equal(d("21300")), "totals add up to every cost: got %s", total)
}

func TestCostReportRefuses(t *testing.T) {
	alloc := workedAllocation(t)
	usd, err := NewBudget(BudgetPlan{Title: "x", Service: svcEmail, Period: "2026-11", Currency: USD}, planner, processtest.T0)
	require.NoError(t, err)
	stranger, err := NewBudget(BudgetPlan{Title: "x", Service: process.NewID(), Period: "2026-11", Currency: EUR}, planner, processtest.T0)
	require.NoError(t, err)
	for _, tc := range []struct {
		name    string
		budgets []*Budget
		opt     *ReportOptions
		path    string
		want    error
	}{
		{"budget in another currency", []*Budget{usd}, nil, "budgets[0].currency", ErrCurrencyMismatch},
		{"unknown service", []*Budget{stranger}, nil, "budgets[0].service", process.ErrNotFound},
		{"elapsed beyond the period", nil, &ReportOptions{Elapsed: 31, Length: 30}, "options.elapsed", process.ErrInvalidValue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := NewCostReport(alloc, tc.budgets, tc.opt)
			assert.Nil(t, rep)
			var ve *process.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tc.path, tc.want), "got %v", err)
		})
	}
}

func TestRateCardCost(t *testing.T) {
	rc := RateCard{Currency: EUR, Rates: []LabourRate{
		{Role: "engineer", PerHour: MustMoney("85.50", EUR)}, {Role: "manager", PerHour: MustMoney("110", EUR)}}}
	change := process.MustParseID("30000000-0000-7000-8000-000000000001")
	for _, tc := range []struct {
		name   string
		kind   process.RecordKind
		effort []Effort
		want   string
		err    error
	}{
		{"change", process.KindRequestForChange, []Effort{{"engineer", d("7.5")}, {"manager", d("0.25")}}, "668.75 EUR", nil},
		// 0.1 h × 85.50 = 8.55; 0.333 h × 85.50 = 28.4715 → 28.47 (half to even).
		{"incident", process.KindIncident, []Effort{{"engineer", d("0.1")}, {"engineer", d("0.333")}}, "37.02 EUR", nil},
		{"release", process.KindRelease, nil, "0.00 EUR", nil},
		{"unknown role", process.KindRelease, []Effort{{"tester", d("1")}}, "", process.ErrNotFound},
		{"negative hours", process.KindIncident, []Effort{{"engineer", d("-1")}}, "", process.ErrInvalidValue},
		{"unknown kind", "bogus", nil, "", process.ErrUnknownKind},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := rc.Cost(tc.kind, change, tc.effort)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, c.Total.String())
			e := c.Entry(process.NewID(), svcEmail, "2026-11", day)
			require.NoError(t, e.Validate())
			if tc.kind == process.KindRequestForChange {
				assert.Equal(t, change, e.Change)
			}
		})
	}
}

func TestOverThreshold(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, th := range []string{"0", "5", "2.5", "0.001", "150", "12.3456789"} {
		thr := d(th)
		ti := newThresholdInt(thr)
		require.True(t, ti.ok, th)
		for range 2000 {
			v, b := rng.Int64N(1e12)-1e11, rng.Int64N(1e12)-1e10
			want := v > 0 && (b <= 0 || decimal.NewFromInt(v).Mul(decimal.NewFromInt(100)).GreaterThan(thr.Mul(decimal.NewFromInt(b))))
			if thr.IsZero() {
				want = v > 0
			}
			got := over(acc{v: v}, acc{v: b}, thr, ti)
			require.Equal(t, want, got, "threshold %s, variance %d, budget %d", th, v, b)
			// The decimal path agrees.
			require.Equal(t, want, over(acc{v: v}, acc{v: b}, thr, thresholdInt{}), "decimal path: threshold %s, variance %d, budget %d", th, v, b)
		}
	}
}

func TestCostReportRefusesBadBudgetLines(t *testing.T) {
	b, err := NewBudget(BudgetPlan{Title: "x", Service: svcEmail, Period: "2026-11", Currency: EUR,
		Base: []BudgetLine{{Category: CategoryPersonnel, Amount: d("1")}}}, planner, processtest.T0)
	require.NoError(t, err)
	b.Lines[0].Amount = d("0.001") // changed after it was built
	_, err = NewCostReport(workedAllocation(t), []*Budget{b}, nil)
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("budgets[0].lines[0].amount", ErrPrecision), "got %v", err)
}

// sameFigures reports whether two figures are equal to the cent, flags and
// percentage included.
func sameFigures(a, b Figures) bool {
	return a.Budget.Amount.Equal(b.Budget.Amount) && a.Budget.Currency == b.Budget.Currency &&
		a.Actual.Amount.Equal(b.Actual.Amount) && a.Forecast.Amount.Equal(b.Forecast.Amount) &&
		a.Variance.Amount.Equal(b.Variance.Amount) && a.ForecastVariance.Amount.Equal(b.ForecastVariance.Amount) &&
		a.VariancePct.Valid == b.VariancePct.Valid && (!a.VariancePct.Valid || a.VariancePct.Decimal.Equal(b.VariancePct.Decimal)) &&
		a.Overspend == b.Overspend && a.ForecastOverspend == b.ForecastOverspend
}

// decimalView and minorView key the figures of a report's lines and totals
// by period, service and category ("total" for a service total).
func decimalView(r *CostReport) map[string]Figures {
	out := map[string]Figures{}
	for l := range r.Lines() {
		out[string(l.Period)+"/"+l.Service.String()+"/"+string(l.Category)] = l.Figures
	}
	for t := range r.Totals() {
		out[string(t.Period)+"/"+t.Service.String()+"/total"] = t.Figures
	}
	return out
}

func minorView(t *testing.T, r *CostReport) (map[string]Figures, error) {
	lines, err := r.MinorLines()
	totals, err2 := r.MinorTotals()
	require.Equal(t, err == nil, err2 == nil, "lines and totals agree on overflow")
	if err != nil {
		return nil, err
	}
	out := map[string]Figures{}
	for l := range lines {
		require.Equal(t, r.Currency(), l.Currency)
		out[string(l.Period)+"/"+l.Service.String()+"/"+string(l.Category)] = l.Figures()
	}
	for x := range totals {
		out[string(x.Period)+"/"+x.Service.String()+"/total"] = x.Figures()
	}
	return out, nil
}

// fitsInt64 reports whether every figure of view is an int64 in minor units
// (hundredths for the percentage).
func fitsInt64(view map[string]Figures, exp int32) bool {
	fits := func(d decimal.Decimal, places int32) bool {
		b := d.Shift(places)
		return b.IsInteger() && b.BigInt().IsInt64()
	}
	for _, f := range view {
		for _, m := range []Money{f.Budget, f.Actual, f.Forecast, f.Variance, f.ForecastVariance} {
			if !fits(m.Amount, exp) {
				return false
			}
		}
		if f.VariancePct.Valid && !fits(f.VariancePct.Decimal, 2) {
			return false
		}
	}
	return true
}

// randomReport builds a report over a random model (some amounts past int64
// minor units), with random budgets, commitments, run rate and threshold.
func randomReport(t *testing.T, rng *rand.Rand) *CostReport {
	m, entries := randomModel(rng)
	a, err := NewApportioner(m)
	require.NoError(t, err)
	alloc, err := a.Apportion(entries)
	require.NoError(t, err)
	exp, _ := minorUnit(m.Currency)
	amount := func() decimal.Decimal {
		switch rng.IntN(8) {
		case 0:
			return decimal.New(1<<62+rng.Int64N(1<<20), -exp) // near the int64 edge
		case 1:
			return decimal.New(-rng.Int64N(1e9), -exp) // a credit
		case 2:
			return decimal.New(rng.Int64N(3), -exp) // tiny: percentages blow up
		default:
			return decimal.New(rng.Int64N(1e9), -exp)
		}
	}
	periods := []Period{"2026-11", "2026-12"}
	var budgets []*Budget
	for _, s := range m.Services {
		for _, p := range periods {
			if rng.IntN(3) == 0 {
				continue
			}
			b := &Budget{Service: s.ID, Period: p, Currency: m.Currency}
			for range 1 + rng.IntN(4) {
				b.Lines = append(b.Lines, BudgetLine{Category: categories[rng.IntN(numCategories)], Amount: amount()})
			}
			budgets = append(budgets, b)
		}
	}
	opt := &ReportOptions{Threshold: []decimal.Decimal{decimal.Zero, d("5"), d("2.5"), d("0.0000000000000000001"),
		d("12345678901234567890.5")}[rng.IntN(5)]}
	if rng.IntN(2) == 0 {
		opt.Length = 1 + rng.IntN(31)
		opt.Elapsed = rng.IntN(opt.Length + 1)
	}
	for range rng.IntN(4) {
		opt.Commitments = append(opt.Commitments, Commitment{Service: m.Services[rng.IntN(len(m.Services))].ID,
			Period: periods[rng.IntN(2)], Category: categories[rng.IntN(numCategories)], Amount: Money{Amount: amount(), Currency: m.Currency}})
	}
	rep, err := NewCostReport(alloc, budgets, opt)
	require.NoError(t, err)
	return rep
}

func TestCostReportMinorMatchesDecimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 20000))
	var fit, overflow int
	for iter := range 400 {
		rep := randomReport(t, rng)
		want := decimalView(rep)
		got, err := minorView(t, rep)
		exp, _ := minorUnit(rep.Currency())
		if err != nil {
			require.ErrorIs(t, err, ErrOverflow, "iteration %d", iter)
			require.False(t, fitsInt64(want, exp), "iteration %d: overflow reported, but every figure fits", iter)
			overflow++
			continue
		}
		fit++
		require.True(t, fitsInt64(want, exp), "iteration %d", iter)
		require.Equal(t, len(want), len(got), "iteration %d: the same lines", iter)
		for k, w := range want {
			g, ok := got[k]
			require.True(t, ok, "iteration %d: line %s missing", iter, k)
			require.True(t, sameFigures(w, g), "iteration %d line %s:\n got %+v\nwant %+v", iter, k, g, w)
		}
	}
	require.NotZero(t, fit, "some reports fit int64")
	require.NotZero(t, overflow, "some reports overflow int64")
}

func TestCostReportMinorOverflow(t *testing.T) {
	a, err := NewApportioner(workedModel())
	require.NoError(t, err)
	report := func(t *testing.T, budget string, amounts ...string) *CostReport {
		var entries []CostEntry
		for i, x := range amounts {
			entries = append(entries, entry(i+1, x, categories[i], Direct, svcEmail))
		}
		alloc, err := a.Apportion(entries)
		require.NoError(t, err)
		var budgets []*Budget
		if budget != "" {
			budgets = []*Budget{{Service: svcEmail, Period: "2026-11", Currency: EUR,
				Lines: []BudgetLine{{Category: categories[0], Amount: d(budget)}}}}
		}
		rep, err := NewCostReport(alloc, budgets, nil)
		require.NoError(t, err)
		return rep
	}
	for _, tc := range []struct {
		name     string
		budget   string
		amounts  []string
		overflow bool
	}{
		{"an amount", "", []string{"100000000000000000"}, true},                        // 10^19 cents
		{"a total", "", []string{"50000000000000000", "50000000000000000"}, true},      // lines fit, the total does not
		{"a variance", "-10000000000000000", []string{"90000000000000000"}, true},      // 9·10^18 − (−10^18) cents
		{"a percentage", "0.01", []string{"10000000000000"}, true},                     // 10^15 cents of 1: 10^19 hundredths
		{"the edge", "", []string{"92233720368547758.07"}, false},                      // MaxInt64 cents
		{"the edge, negative", "", []string{"-92233720368547758.08"}, false},           // MinInt64 cents
		{"past the bound of the quick check", "1", []string{"900000000000.00"}, false}, // checked line by line
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := report(t, tc.budget, tc.amounts...)
			want := decimalView(rep)
			got, err := minorView(t, rep)
			if tc.overflow {
				require.ErrorIs(t, err, ErrOverflow)
				assert.Regexp(t, `^budgeting: `, err.Error())
				lines, _ := rep.MinorLines()
				for range lines {
					t.Fatal("an overflowing report yields no line")
				}
				assert.False(t, fitsInt64(want, 2))
				return
			}
			require.NoError(t, err)
			require.Equal(t, len(want), len(got))
			for k, w := range want {
				require.True(t, sameFigures(w, got[k]), "%s: got %+v want %+v", k, got[k], w)
			}
		})
	}
	t.Run("the edge in minor units", func(t *testing.T) {
		lines, err := report(t, "", "92233720368547758.07").MinorLines()
		require.NoError(t, err)
		for l := range lines {
			assert.Equal(t, int64(math.MaxInt64), l.Actual)
			assert.Equal(t, int64(math.MaxInt64), l.Variance)
			assert.False(t, l.VariancePctValid)
		}
	})
	t.Run("converted", func(t *testing.T) {
		// 4·10^16 EUR fits in cents; at 0.3321 it is 1.3284·10^19 fils.
		rep := report(t, "", "40000000000000000")
		_, err := rep.MinorLines()
		require.NoError(t, err)
		kwd, err := rep.Convert(testRates(t), KWD, day)
		require.NoError(t, err)
		_, err = kwd.MinorLines()
		require.ErrorIs(t, err, ErrOverflow)
		_, err = kwd.MinorTotals()
		require.ErrorIs(t, err, ErrOverflow)
		for l := range kwd.Lines() {
			assert.Equal(t, "13284000000000000.000 KWD", l.Actual.String(), "exact as a decimal")
		}
	})
}

func TestCostReportMinorAllocatesNothingPerLine(t *testing.T) {
	bd := makeBench(2_000)
	a, err := NewApportioner(bd.model)
	require.NoError(t, err)
	alloc, err := a.Apportion(bd.entries)
	require.NoError(t, err)
	budgets, _ := benchBudgets(bd.model, bd.floor.ids)
	rep, err := NewCostReport(alloc, budgets, &ReportOptions{Elapsed: 20, Length: 30, Threshold: d("5")})
	require.NoError(t, err)
	n, lines := 0, 0
	allocs := testing.AllocsPerRun(5, func() {
		seq, err := rep.MinorLines()
		if err != nil {
			t.Fatal(err)
		}
		n, lines = 0, 0
		for l := range seq {
			lines++
			if l.Overspend {
				n++
			}
		}
		totals, _ := rep.MinorTotals()
		for x := range totals {
			if x.Overspend {
				n++
			}
		}
	})
	require.NotZero(t, n)
	require.Greater(t, lines, 10_000)
	assert.LessOrEqual(t, allocs, 8.0, "allocations for %d lines: the iterators' own, none a line", lines)
}

func TestCostReportCommitmentOnALargeActual(t *testing.T) {
	// A closed period's forecast is its actual; a commitment adds to the
	// forecast only, even for an actual past int64 minor units.
	a, err := NewApportioner(workedModel())
	require.NoError(t, err)
	alloc, err := a.Apportion([]CostEntry{entry(1, "100000000000000000", CategoryPersonnel, Direct, svcEmail)})
	require.NoError(t, err)
	rep, err := NewCostReport(alloc, nil, &ReportOptions{Commitments: []Commitment{
		{Service: svcEmail, Period: "2026-11", Category: CategoryPersonnel, Amount: MustMoney("100", EUR)}}})
	require.NoError(t, err)
	n := 0
	for l := range rep.Lines() {
		n++
		assert.Equal(t, "100000000000000000.00 EUR", l.Actual.String())
		assert.Equal(t, "100000000000000100.00 EUR", l.Forecast.String())
	}
	assert.Equal(t, 1, n)
}
