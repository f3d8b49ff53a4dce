package budgeting

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// hugeExponent is an amount built in code with an exponent of a billion:
// printing, adding or apportioning it used to take minutes and gigabytes.
var hugeExponent = decimal.New(1, 1_000_000_000)

// quick fails t if f takes more than a generous bound: the operations
// below used to hang on the numbers they are given.
func quick(t *testing.T, f func()) {
	t.Helper()
	start := time.Now()
	f()
	assert.Less(t, time.Since(start), 10*time.Second, "computed with a number past the limits")
}

// TestArithmeticRefusesHugeDecimals: amounts, weights, rates, prices and
// quantities past the limits on untrusted numbers are refused with
// process.ErrTooLarge by every entry point that takes them, before any
// arithmetic, printing or apportionment.
func TestArithmeticRefusesHugeDecimals(t *testing.T) {
	a, err := NewApportioner(workedModel())
	require.NoError(t, err)
	rates, err := NewRates(Rate{From: USD, To: EUR, On: day, Rate: d("0.9")})
	require.NoError(t, err)
	approved := func(t *testing.T) *Budget {
		b, err := NewBudget(emailPlan(), planner, processtest.T0)
		require.NoError(t, err)
		require.NoError(t, b.Approve(manager.Actor, processtest.At(1), manager))
		return b
	}
	for _, tc := range []struct {
		name string
		run  func(t *testing.T) error
	}{
		{"apportion", func(t *testing.T) error {
			e := workedEntries()
			e[0].Amount = hugeExponent
			_, err := a.Apportion(e)
			var ve *process.ValidationError
			if assert.ErrorAs(t, err, &ve) {
				assert.True(t, ve.Has("entries[0].amount", process.ErrTooLarge), "%v", err)
			}
			return err
		}},
		{"split", func(t *testing.T) error {
			_, err := a.Split(Money{Amount: hugeExponent, Currency: EUR}, ruleCIs)
			return err
		}},
		{"split of a hundred thousand digits", func(t *testing.T) error {
			_, err := a.Split(Money{Amount: decimal.RequireFromString(strings.Repeat("9", 100_000)), Currency: EUR}, ruleCIs)
			return err
		}},
		{"ledger", func(t *testing.T) error {
			l, err := NewLedger(EUR)
			require.NoError(t, err)
			e := workedEntries()[0]
			e.Amount = hugeExponent.Neg()
			return l.Add(e)
		}},
		{"weights", func(t *testing.T) error {
			m := workedModel()
			m.Rules[0].Shares[1].Weight = hugeExponent
			_, err := NewApportioner(m)
			var ve *process.ValidationError
			if assert.ErrorAs(t, err, &ve) {
				assert.True(t, ve.Has("rules[0].shares[1].weight", process.ErrTooLarge), "%v", err)
			}
			return err
		}},
		{"money", func(t *testing.T) error { return Money{Amount: hugeExponent, Currency: EUR}.Validate() }},
		{"money in an unknown currency", func(t *testing.T) error { return Money{Amount: hugeExponent, Currency: "XXX"}.Validate() }},
		{"new money", func(t *testing.T) error { _, err := NewMoney("1e2147483647", EUR); return err }},
		{"new money of a million digits", func(t *testing.T) error { _, err := NewMoney(strings.Repeat("1", 1_000_000), EUR); return err }},
		{"parse money", func(t *testing.T) error { _, err := ParseMoney("1e-99999 EUR"); return err }},
		{"cost entry", func(t *testing.T) error { e := workedEntries()[0]; e.Amount = hugeExponent; return e.Validate() }},
		{"budget line", func(t *testing.T) error {
			b, err := NewBudget(emailPlan(), planner, processtest.T0)
			require.NoError(t, err)
			b.Lines[0].Amount = hugeExponent
			return b.Validate()
		}},
		{"budget approval", func(t *testing.T) error {
			b, err := NewBudget(emailPlan(), planner, processtest.T0)
			require.NoError(t, err)
			b.Lines[0].Amount = hugeExponent
			return b.Approve(manager.Actor, processtest.At(1), manager)
		}},
		{"approver's limit", func(t *testing.T) error {
			b, err := NewBudget(emailPlan(), planner, processtest.T0)
			require.NoError(t, err)
			huge := manager
			huge.Limit.Amount = hugeExponent
			return b.Approve(manager.Actor, processtest.At(1), huge)
		}},
		{"approvals", func(t *testing.T) error { b := approved(t); b.Approvals[0].Limit = hugeExponent; return b.Validate() }},
		{"variation", func(t *testing.T) error {
			return approved(t).Vary(planner, processtest.At(2), Variation{Reason: "more",
				Lines: []BudgetLine{{Category: CategoryLicences, Amount: hugeExponent}}}, manager)
		}},
		{"new budget", func(t *testing.T) error {
			p := emailPlan()
			p.Changes[0].Estimate.Amount = hugeExponent
			_, err := NewBudget(p, planner, processtest.T0)
			return err
		}},
		{"rates", func(t *testing.T) error {
			_, err := NewRates(Rate{From: USD, To: EUR, On: day, Rate: hugeExponent})
			return err
		}},
		{"convert", func(t *testing.T) error {
			_, _, err := rates.Convert(Money{Amount: hugeExponent, Currency: USD}, EUR, day)
			return err
		}},
		{"price", func(t *testing.T) error {
			pl := PriceList{Currency: EUR, Prices: []Price{{Service: svcEmail, Driver: "mailbox", Unit: hugeExponent}}}
			_, err := pl.Charge([]Usage{{Customer: "x", Service: svcEmail, Driver: "mailbox", Period: "2026-11", Quantity: d("1")}}, false)
			return err
		}},
		{"quantity", func(t *testing.T) error {
			pl := PriceList{Currency: EUR, Prices: []Price{{Service: svcEmail, Driver: "mailbox", Unit: d("1")}}}
			_, err := pl.Charge([]Usage{{Customer: "x", Service: svcEmail, Driver: "mailbox", Period: "2026-11", Quantity: hugeExponent}}, false)
			return err
		}},
		{"hours", func(t *testing.T) error {
			rc := RateCard{Currency: EUR, Rates: []LabourRate{{Role: "engineer", PerHour: MustMoney("85.50", EUR)}}}
			_, err := rc.Cost(process.KindIncident, process.NewID(), []Effort{{"engineer", hugeExponent}})
			return err
		}},
		{"labour rate", func(t *testing.T) error {
			rc := RateCard{Currency: EUR, Rates: []LabourRate{{Role: "engineer", PerHour: Money{Amount: hugeExponent, Currency: EUR}}}}
			_, err := rc.Cost(process.KindIncident, process.NewID(), []Effort{{"engineer", d("1")}})
			return err
		}},
		{"threshold", func(t *testing.T) error {
			_, err := NewCostReport(workedAllocation(t), nil, &ReportOptions{Threshold: hugeExponent})
			return err
		}},
		{"commitment", func(t *testing.T) error {
			_, err := NewCostReport(workedAllocation(t), nil, &ReportOptions{Commitments: []Commitment{
				{Service: svcEmail, Period: "2026-11", Category: CategoryAssets, Amount: Money{Amount: hugeExponent, Currency: EUR}}}})
			return err
		}},
		{"budget of a report", func(t *testing.T) error {
			b, err := NewBudget(emailPlan(), planner, processtest.T0)
			require.NoError(t, err)
			b.Lines[0].Amount = hugeExponent
			_, err = NewCostReport(workedAllocation(t), []*Budget{b}, nil)
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			quick(t, func() { err = tc.run(t) })
			assert.ErrorIs(t, err, process.ErrTooLarge)
			quick(t, func() { assert.Regexp(t, `^budgeting: `, err.Error()) })
		})
	}
	t.Run("products past the limits", func(t *testing.T) {
		large := decimal.New(1, process.MaxExponent) // within the limits; its square is not
		pl := PriceList{Currency: EUR, Prices: []Price{{Service: svcEmail, Driver: "mailbox", Unit: large}}}
		_, err := pl.Charge([]Usage{{Customer: "x", Service: svcEmail, Driver: "mailbox", Period: "2026-11", Quantity: large}}, false)
		assert.ErrorIs(t, err, process.ErrTooLarge)
		rc := RateCard{Currency: EUR, Rates: []LabourRate{{Role: "engineer", PerHour: Money{Amount: large, Currency: EUR}}}}
		_, err = rc.Cost(process.KindIncident, process.NewID(), []Effort{{"engineer", large}})
		assert.ErrorIs(t, err, process.ErrTooLarge)
		rs, err := NewRates(Rate{From: USD, To: EUR, On: day, Rate: large})
		require.NoError(t, err)
		_, _, err = rs.Convert(Money{Amount: large, Currency: USD}, EUR, day)
		assert.ErrorIs(t, err, process.ErrTooLarge)
	})
	t.Run("printing", func(t *testing.T) {
		quick(t, func() {
			_, err := json.Marshal(Money{Amount: hugeExponent, Currency: EUR})
			assert.ErrorIs(t, err, process.ErrTooLarge)
			assert.Equal(t, "%!(number too large) EUR", Money{Amount: hugeExponent, Currency: EUR}.String())
			assert.Equal(t, "%!(number too large) XXX", Money{Amount: hugeExponent, Currency: "XXX"}.String())
		})
	})
	t.Run("at the limits", func(t *testing.T) {
		m, err := NewMoney(strings.Repeat("9", process.MaxDigits-2)+".00", EUR)
		require.NoError(t, err)
		parts, err := a.Split(m, ruleCIs)
		require.NoError(t, err)
		sum := decimal.Zero
		for _, p := range parts {
			sum = sum.Add(p.Amount.Amount)
		}
		assert.True(t, sum.Equal(m.Amount), "got %s, want %s", sum, m.Amount)
	})
}

// TestDecodeRefusesLongDecimals: an amount of a million digits used to take
// seconds to decode, the parse being quadratic. The budget, cost entries,
// rules, charges and money refuse it, and a huge exponent, before parsing,
// naming the JSON path, however they are decoded.
func TestDecodeRefusesLongDecimals(t *testing.T) {
	million := strings.Repeat("7", 1_000_000)
	for _, tc := range []struct {
		name string
		into func() any
		data string
		path string
	}{
		{"budget line", nil, `{"kind":"budget","currency":"EUR","lines":[{"category":"assets","amount":"` + million + `"}]}`, "lines[0].amount"},
		{"budget approval", nil, `{"kind":"budget","approvals":[{"limit":1e2147483647}]}`, "approvals[0].limit"},
		{"variation", nil, `{"kind":"budget","variations":[{"lines":[{"amount":1},{"amount":"1e-41"}]}]}`, "variations[0].lines[1].amount"},
		{"cost entry", func() any { return &CostEntry{} }, `{"amount":` + million + `,"currency":"EUR"}`, "amount"},
		{"rule", func() any { return &Rule{} }, `{"shares":[{"weight":"1e99"}]}`, "shares[0].weight"},
		{"charge", func() any { return &Charge{} }, `{"quantity":1,"unit":1,"amount":{"amount":"` + million + `","currency":"EUR"}}`, "amount.amount"},
		{"money", func() any { return &Money{} }, `{"amount":"` + million + `","currency":"EUR"}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.into == nil {
				var r process.Record
				r, err = Decode([]byte(tc.data))
				assert.Nil(t, r)
			} else {
				err = json.Unmarshal([]byte(tc.data), tc.into())
			}
			require.ErrorIs(t, err, process.ErrTooLarge)
			assert.Regexp(t, `^budgeting: `, err.Error())
			var fe process.FieldError
			if tc.path == "" {
				assert.False(t, errors.As(err, &fe))
				return
			}
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.path, fe.Path)
		})
	}
	t.Run("direct", func(t *testing.T) {
		var b Budget
		err := json.Unmarshal([]byte(`{"kind":"budget","lines":[{"amount":1e99}]}`), &b)
		assert.EqualError(t, err, "budgeting: decode budget: lines[0].amount: exponent 99 is beyond ±40: number too large")
		_, err = Decode([]byte(`{"kind":"budget","lines":[{"amount":1e99}]}`))
		assert.EqualError(t, err, "budgeting: decode budget: lines[0].amount: exponent 99 is beyond ±40: number too large")
	})
	t.Run("round trip", func(t *testing.T) {
		b := variedBudget(t)
		data, err := json.Marshal(b)
		require.NoError(t, err)
		var back Budget
		require.NoError(t, json.Unmarshal(data, &back))
		require.NoError(t, back.Validate())
		e := workedEntries()[0]
		data, err = json.Marshal(e)
		require.NoError(t, err)
		var eb CostEntry
		require.NoError(t, json.Unmarshal(data, &eb))
		assert.True(t, eb.Amount.Equal(e.Amount))
		m := MustMoney("-12.50", EUR)
		data, err = json.Marshal(m)
		require.NoError(t, err)
		var mb Money
		require.NoError(t, json.Unmarshal(data, &mb))
		assert.True(t, mb.Amount.Equal(m.Amount))
	})
}

// TestParseAmount holds parseAmount to decimal.NewFromString on what is
// within the limits.
func TestParseAmount(t *testing.T) {
	for _, s := range []string{"12.50", "-3", "+3", "1e3", "1.5E-3", "−7", "0", "-0.00", "", " 1", "1 ", "x", "1.2.3", "1e", `1"`, `\`, "1\x00", "€1"} {
		want, wantErr := decimal.NewFromString(s)
		got, err := parseAmount(s)
		if wantErr != nil {
			assert.ErrorIs(t, err, process.ErrInvalidValue, "%q", s)
			continue
		}
		if assert.NoError(t, err, "%q", s) {
			assert.True(t, got.Equal(want), "%q: got %s, want %s", s, got, want)
		}
	}
	_, err := parseAmount(fmt.Sprintf("%0300d", 1))
	assert.ErrorIs(t, err, process.ErrTooLarge)
}
