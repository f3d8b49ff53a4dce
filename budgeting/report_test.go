package budgeting

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process/processtest"
)

func workedReport(t *testing.T) *CostReport {
	t.Helper()
	b, err := NewBudget(BudgetPlan{Title: "email", Service: svcEmail, Period: "2026-11", Currency: EUR,
		Base: []BudgetLine{{Category: CategoryPersonnel, Amount: d("4000")}}}, planner, processtest.T0)
	require.NoError(t, err)
	rep, err := NewCostReport(workedAllocation(t), []*Budget{b}, nil)
	require.NoError(t, err)
	return rep
}

func TestCostReportCSV(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, workedReport(t).WriteCSV(&buf))
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	assert.Equal(t, "period,service,name,category,currency,budget,actual,forecast,variance,variance_pct,forecast_variance,overspend,forecast_overspend", lines[0])
	assert.Contains(t, lines, "2026-11,00000000-0000-7000-8000-000000000001,email,personnel,EUR,4000.00,4600.00,4600.00,600.00,15.00,600.00,true,true")
	assert.Contains(t, lines, "2026-11,00000000-0000-7000-8000-000000000001,email,total,EUR,4000.00,7600.01,7600.01,3600.01,90.00,3600.01,true,true")
	assert.Len(t, lines, 1+11+3, "header, eleven lines, three service totals")
}

func TestCostReportJSON(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, workedReport(t).WriteJSON(&buf))
	var got struct {
		Currency string
		Lines    []struct {
			Name        string
			Category    string
			Actual      struct{ Amount, Currency string }
			VariancePct *string `json:"variance_pct"`
		}
		Totals []json.RawMessage
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
	assert.Equal(t, "EUR", got.Currency)
	require.Len(t, got.Lines, 11)
	assert.Equal(t, "email", got.Lines[1].Name)
	assert.Equal(t, "personnel", got.Lines[1].Category)
	assert.Equal(t, "4600.00", got.Lines[1].Actual.Amount)
	assert.Equal(t, "15", *got.Lines[1].VariancePct)
	assert.Nil(t, got.Lines[0].VariancePct, "no budget, no percentage")
	assert.Len(t, got.Totals, 3)
}

func TestCostReportConvert(t *testing.T) {
	rep := workedReport(t)
	rates := testRates(t)
	kwd, err := rep.Convert(rates, KWD, day)
	require.NoError(t, err)
	assert.Equal(t, KWD, kwd.Currency())
	require.Len(t, kwd.Rates(), 1, "the rate used is listed")
	for l := range kwd.Lines() {
		if l.Name == "email" && l.Category == CategoryPersonnel {
			assert.Equal(t, "1527.660 KWD", l.Actual.String()) // 4600 × 0.3321
			assert.Equal(t, "1328.400 KWD", l.Budget.String())
			assert.Equal(t, "199.260 KWD", l.Variance.String())
		}
	}
	_, err = rep.Convert(rates, USD, day)
	assert.ErrorIs(t, err, ErrMissingRate)
	assert.Equal(t, EUR, rep.Currency(), "the report is not changed")
}

func TestAllocationCSVAndJSON(t *testing.T) {
	alloc := workedAllocation(t)
	var buf bytes.Buffer
	require.NoError(t, alloc.WriteCSV(&buf))
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	assert.Equal(t, "period,service,name,source,rule,from,currency,amount,entries", lines[0])
	assert.Contains(t, lines, "2026-11,00000000-0000-7000-8000-000000000001,email,stepped-down,00000000-0000-7000-8000-0000000000a2,00000000-0000-7000-8000-000000000005,EUR,3885.72,0")
	assert.Len(t, lines, 1+17)

	j, err := json.Marshal(alloc)
	require.NoError(t, err)
	var got struct {
		Currency string
		Costs    []struct{ Amount Money }
		Trace    []Line
	}
	require.NoError(t, json.Unmarshal(j, &got))
	assert.Equal(t, "EUR", got.Currency)
	assert.Len(t, got.Trace, 17)
	assert.Equal(t, SourceStepDown, got.Trace[3].Source.Kind)
	assert.True(t, got.Trace[3].Amount.Amount.Equal(d("3885.72")))
}
