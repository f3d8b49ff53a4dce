package budgeting

import (
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
