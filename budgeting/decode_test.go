package budgeting

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// variedBudget returns an approved budget with a variation and a link, so
// that every part of a budget record is set.
func variedBudget(t *testing.T) *Budget {
	t.Helper()
	b, err := NewBudget(emailPlan(), planner, processtest.T0)
	require.NoError(t, err)
	require.NoError(t, b.Link(planner, processtest.At(1), process.LinkService, svcEmail, process.KindService))
	require.NoError(t, b.Approve(manager.Actor, processtest.At(2), manager))
	require.NoError(t, b.Vary(planner, processtest.At(3), Variation{Reason: "more licences",
		Lines: []BudgetLine{{Category: CategoryLicences, Amount: d("250.00"), Description: "ten seats"}}}, manager))
	require.NoError(t, b.Validate())
	return b
}

func TestDecodeRoundTrip(t *testing.T) {
	records := []process.Record{variedBudget(t)}
	draft, err := NewBudget(emailPlan(), planner, processtest.T0)
	require.NoError(t, err)
	records = append(records, draft)
	for _, r := range records {
		t.Run(r.Meta().Status, func(t *testing.T) {
			data, err := json.Marshal(r)
			require.NoError(t, err)
			got, err := Decode(data)
			require.NoError(t, err)
			require.IsType(t, r, got)
			require.NoError(t, got.Validate())
			again, err := json.Marshal(got)
			require.NoError(t, err)
			assert.JSONEq(t, string(data), string(again))
		})
	}
}

func TestDecodeCoversEveryRecordKind(t *testing.T) {
	for _, k := range process.Kinds() {
		if k.Owner() != process.BudgetingAccounting {
			continue
		}
		r := newRecord(k)
		if r == nil {
			// A plain value, not a record: it carries no kind to decode by.
			assert.Contains(t, []process.RecordKind{process.KindCostEntry, process.KindApportionmentRule,
				process.KindCostReport, process.KindCharge}, k)
			continue
		}
		data, err := json.Marshal(r)
		require.NoError(t, err, "the zero %s encodes", k)
		_, err = Decode(data)
		assert.ErrorIs(t, err, process.ErrUnknownKind, "the zero %s has no kind", k)
		r.Meta().Kind = k
		data, err = json.Marshal(r)
		require.NoError(t, err)
		got, err := Decode(data)
		require.NoError(t, err, "%s", k)
		assert.Equal(t, k, got.Meta().Kind)
	}
}

func TestDecodeRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		want error
	}{
		{"a kind of package process", `{"kind":"incident"}`, process.ErrUnknownKind},
		{"a kind of capacity", `{"kind":"capacity-plan"}`, process.ErrUnknownKind},
		{"a plain value of budgeting", `{"kind":"cost-entry"}`, process.ErrUnknownKind},
		{"no kind", `{"title":"x"}`, process.ErrUnknownKind},
		{"an unknown category", `{"kind":"budget","lines":[{"category":"travel","amount":"1"}]}`, process.ErrInvalidValue},
		{"an unknown currency", `{"kind":"budget","currency":"eur"}`, ErrUnknownCurrency},
		{"malformed", `{`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Decode([]byte(tc.data))
			require.Error(t, err)
			assert.Nil(t, r)
			assert.Regexp(t, "^budgeting: ", err.Error())
			if tc.want != nil {
				assert.ErrorIs(t, err, tc.want)
			}
		})
	}
}

// TestMarshalZeroRecords checks that the zero value of each type of a
// budgeting kind encodes: an unset enumeration encodes as "".
func TestMarshalZeroRecords(t *testing.T) {
	for _, v := range []any{&Budget{}, Budget{}, CostEntry{}, Rule{}, &CostReport{}, Charge{}, &Charges{},
		BudgetLine{}, PlannedChange{}, Approver{}, Variation{}, Commitment{}, ReportLine{}, Recovery{}, Line{}, Rate{}} {
		t.Run(fmt.Sprintf("%T", v), func(t *testing.T) {
			_, err := json.Marshal(v)
			assert.NoError(t, err)
		})
	}
}

// FuzzDecode feeds arbitrary JSON to Decode: it never panics, and a record
// it decodes encodes, decodes again and encodes to the same bytes. Seeds in
// testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"kind":"budget"}`))
	f.Add([]byte(`{"kind":"incident"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Decode(data)
		if err != nil {
			return
		}
		_ = r.Validate() // must not panic
		if b, ok := r.(*Budget); ok && !tame(b) {
			return // an exponent such as 1e999999999 prints as a billion digits
		}
		processtest.RoundTrip(t, Decode, r)
	})
}

// tame reports whether every amount of b prints in a few thousand digits.
func tame(b *Budget) bool {
	ok := func(d decimal.Decimal) bool { return d.Exponent() > -4000 && d.Exponent() < 4000 }
	for l := range b.lines() {
		if !ok(l.Amount) {
			return false
		}
	}
	for _, a := range b.Approvals {
		if !ok(a.Limit) || !ok(a.Amount) {
			return false
		}
	}
	return true
}
