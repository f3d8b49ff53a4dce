package budgeting

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

func TestApportionWorkedExample(t *testing.T) {
	a, err := NewApportioner(workedModel())
	require.NoError(t, err)
	r, err := a.Apportion(workedEntries())
	require.NoError(t, err)

	t.Run("totals", func(t *testing.T) {
		for _, tc := range []struct {
			svc  process.ID
			want string
		}{
			{svcEmail, "7600.01"}, {svcWeb, "10242.85"}, {svcPayroll, "3457.14"}, {svcDC, "0"}, {svcDesk, "0"},
		} {
			got := r.Cost(tc.svc, "2026-11")
			assert.True(t, got.Amount.Equal(d(tc.want)), "%s: got %s want %s", tc.svc.Short(), got, tc.want)
		}
	})
	t.Run("trace", func(t *testing.T) {
		type row struct {
			svc     process.ID
			src     Source
			want    string
			entries int
		}
		want := []row{
			{svcEmail, Source{Kind: SourceDirect}, "1000.00", 1},
			{svcEmail, Source{Kind: SourceRule, Rule: ruleEven}, "333.34", 1},
			{svcEmail, Source{Kind: SourceStepDown, Rule: ruleCIs, From: svcDC}, "2380.95", 0},
			{svcEmail, Source{Kind: SourceStepDown, Rule: ruleTicket, From: svcDesk}, "3885.72", 0}, // 3600.00 personnel + 285.72 facilities
			{svcWeb, Source{Kind: SourceDirect}, "2500.00", 1},
			{svcWeb, Source{Kind: SourceRule, Rule: ruleEven}, "333.33", 1},
			{svcWeb, Source{Kind: SourceStepDown, Rule: ruleCIs, From: svcDC}, "5952.38", 0},
			{svcWeb, Source{Kind: SourceStepDown, Rule: ruleTicket, From: svcDesk}, "1457.14", 0},
			{svcPayroll, Source{Kind: SourceDirect}, "800.00", 1},
			{svcPayroll, Source{Kind: SourceRule, Rule: ruleEven}, "333.33", 1},
			{svcPayroll, Source{Kind: SourceStepDown, Rule: ruleCIs, From: svcDC}, "1190.48", 0},
			{svcPayroll, Source{Kind: SourceStepDown, Rule: ruleTicket, From: svcDesk}, "1133.33", 0},
			{svcDC, Source{Kind: SourceDirect}, "10000.00", 1},
			{svcDC, Source{Kind: SourcePassedOn, Rule: ruleCIs}, "-10000.00", 0},
			{svcDesk, Source{Kind: SourceDirect}, "6000.00", 1},
			{svcDesk, Source{Kind: SourceStepDown, Rule: ruleCIs, From: svcDC}, "476.19", 0},
			{svcDesk, Source{Kind: SourcePassedOn, Rule: ruleTicket}, "-6476.19", 0},
		}
		var got []row
		for l := range r.Lines() {
			assert.Equal(t, Period("2026-11"), l.Period)
			got = append(got, row{l.Service, l.Source, l.Amount.Amount.StringFixed(2), l.Entries})
		}
		assert.Equal(t, want, got)
	})
	t.Run("costs by category", func(t *testing.T) {
		got := map[process.ID]map[Category]string{}
		for c := range r.Costs() {
			if got[c.Service] == nil {
				got[c.Service] = map[Category]string{}
			}
			got[c.Service][c.Category] = c.Amount.String()
		}
		assert.Equal(t, map[Category]string{
			CategoryPersonnel: "4600.00 EUR", CategoryOverheads: "333.34 EUR", CategoryFacilities: "2666.67 EUR",
		}, got[svcEmail])
		assert.Empty(t, got[svcDC])
		assert.Empty(t, got[svcDesk])
	})
}

func TestNewApportionerRefuses(t *testing.T) {
	cycle := workedModel()
	cycle.Rules[1].Shares = append(cycle.Rules[1].Shares, Share{svcDC, d("1")}) // desk → DC → desk
	zero := workedModel()
	zero.Rules[1].Shares = []Share{{svcEmail, d("0")}, {svcWeb, d("0")}}
	unknown := workedModel()
	unknown.Currency = "XXX"
	neg := workedModel()
	neg.Rules[0].Shares[0].Weight = d("-1")
	for _, tc := range []struct {
		name string
		m    Model
		want error
		path string
	}{
		{"cycle", cycle, ErrCycle, ""},
		{"zero driver", zero, ErrZeroDriver, "rules[1].shares"},
		{"unknown currency", unknown, ErrUnknownCurrency, "currency"},
		{"negative weight", neg, process.ErrInvalidValue, "rules[0].shares[0].weight"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := NewApportioner(tc.m)
			require.Error(t, err)
			assert.Nil(t, a)
			assert.ErrorIs(t, err, tc.want)
			if tc.path != "" {
				var ve *process.ValidationError
				require.True(t, errors.As(err, &ve), "got %T", err)
				assert.True(t, ve.Has(tc.path, tc.want), "got %v", err)
			}
		})
	}
}

func TestApportionRefuses(t *testing.T) {
	a, err := NewApportioner(workedModel())
	require.NoError(t, err)
	good := workedEntries()
	for _, tc := range []struct {
		name   string
		change func(e *CostEntry)
		path   string
		want   error
	}{
		{"unknown currency", func(e *CostEntry) { e.Currency = "XXX" }, "entries[3].currency", ErrUnknownCurrency},
		{"another currency", func(e *CostEntry) { e.Currency = USD }, "entries[3].currency", ErrCurrencyMismatch},
		{"finer than a cent", func(e *CostEntry) { e.Amount = d("0.001") }, "entries[3].amount", ErrPrecision},
		{"unknown service", func(e *CostEntry) { e.Service = ruleEven }, "entries[3].service", process.ErrNotFound},
		{"unknown rule", func(e *CostEntry) { e.Nature, e.Service, e.Rule = Indirect, process.ID{}, svcEmail }, "entries[3].rule", process.ErrNotFound},
		{"no category", func(e *CostEntry) { e.Category = "" }, "entries[3].category", process.ErrRequired},
		{"no period", func(e *CostEntry) { e.Period = "" }, "entries[3].period", process.ErrRequired},
		{"no nature", func(e *CostEntry) { e.Nature = "" }, "entries[3].nature", process.ErrRequired},
		{"direct with a rule", func(e *CostEntry) { e.Rule = ruleEven }, "entries[3].rule", process.ErrInvalidValue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			entries := slices.Clone(good)
			tc.change(&entries[3])
			before := slices.Clone(entries)
			r, err := a.Apportion(entries)
			assert.Nil(t, r)
			var ve *process.ValidationError
			require.True(t, errors.As(err, &ve), "got %v", err)
			assert.True(t, ve.Has(tc.path, tc.want), "got %v", err)
			assert.Equal(t, before, entries, "the entries are not changed")
		})
	}
}

func TestSplit(t *testing.T) {
	a, err := NewApportioner(workedModel())
	require.NoError(t, err)
	for _, tc := range []struct {
		name   string
		amount Money
		rule   process.ID
		want   []string // email, web, payroll[, desk]
		err    error
	}{
		// 100.00 by 10:25:5:2 CIs: the two cents left after the floors
		// go to email and payroll, whose remainders are largest.
		{"by CI count", MustMoney("100", EUR), ruleCIs, []string{"23.81", "59.52", "11.91", "4.76"}, nil},
		{"by tickets", MustMoney("0.01", EUR), ruleTicket, []string{"0.01", "0.00", "0.00"}, nil},
		{"even, ties to the lower ID", MustMoney("0.02", EUR), ruleEven, []string{"0.01", "0.01", "0.00"}, nil},
		{"negative", MustMoney("-100", EUR), ruleEven, []string{"-33.34", "-33.33", "-33.33"}, nil},
		{"too large for int64", MustMoney("100000000000000000000.01", EUR), ruleEven,
			[]string{"33333333333333333333.34", "33333333333333333333.34", "33333333333333333333.33"}, nil},
		{"another currency", MustMoney("1", USD), ruleEven, nil, ErrCurrencyMismatch},
		{"unknown rule", MustMoney("1", EUR), svcEmail, nil, process.ErrNotFound},
		{"finer than a cent", Money{Amount: d("0.005"), Currency: EUR}, ruleEven, nil, ErrPrecision},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := a.Split(tc.amount, tc.rule)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			var amounts []string
			for _, p := range got {
				amounts = append(amounts, p.Amount.Amount.StringFixed(2))
			}
			assert.Equal(t, tc.want, amounts)
		})
	}
}
