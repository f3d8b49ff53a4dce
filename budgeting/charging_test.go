package budgeting

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

func TestChargesAndReconcile(t *testing.T) {
	alloc := workedAllocation(t) // email 7600.01, web 10242.85, payroll 3457.14
	pl := PriceList{Currency: EUR, Prices: []Price{
		{Service: svcEmail, Driver: "mailbox", Unit: d("4.75")},
		{Service: svcWeb, Driver: "gb", Unit: d("0.125")},
	}}
	usage := []Usage{
		{Customer: "sales", Service: svcEmail, Driver: "mailbox", Period: "2026-11", Quantity: d("1000")},
		{Customer: "hr", Service: svcEmail, Driver: "mailbox", Period: "2026-11", Quantity: d("600.5")},
		{Customer: "sales", Service: svcWeb, Driver: "gb", Period: "2026-11", Quantity: d("81942.8")},
		{Customer: "hr", Service: svcWeb, Driver: "gb", Period: "2026-11", Quantity: d("1")},
	}
	ch, err := pl.Charge(usage, true)
	require.NoError(t, err)
	assert.True(t, ch.Showback)
	byCustomer := ch.ByCustomer()
	require.Len(t, byCustomer, 2)
	// hr: 600.5 × 4.75 = 2852.375 → 2852.38 (half to even), + 0.125 → 0.12.
	assert.Equal(t, CustomerCharge{Customer: "hr", Period: "2026-11", Amount: Money{Amount: d("2852.50"), Currency: EUR}}.Customer, byCustomer[0].Customer)
	assert.Equal(t, "2852.50 EUR", byCustomer[0].Amount.String())
	assert.Equal(t, "sales", byCustomer[1].Customer)
	assert.Equal(t, "14992.85 EUR", byCustomer[1].Amount.String()) // 4750.00 + 10242.85

	rec, err := Reconcile(ch, alloc)
	require.NoError(t, err)
	got := map[process.ID]Recovery{}
	for _, r := range rec {
		got[r.Service] = r
	}
	assert.Equal(t, OverRecovery, got[svcEmail].Status) // 7602.38 charged for 7600.01
	assert.Equal(t, "2.37 EUR", got[svcEmail].Difference.String())
	assert.Equal(t, OverRecovery, got[svcWeb].Status) // 10242.97 for 10242.85
	assert.Equal(t, UnderRecovery, got[svcPayroll].Status)
	assert.Equal(t, "-3457.14 EUR", got[svcPayroll].Difference.String())
	_, shared := got[svcDC]
	assert.False(t, shared, "shared services pass their cost on and are left out")
}

func TestChargeRefuses(t *testing.T) {
	pl := PriceList{Currency: EUR, Prices: []Price{{Service: svcEmail, Driver: "mailbox", Unit: d("1")}}}
	_, err := pl.Charge([]Usage{{Customer: "x", Service: svcEmail, Driver: "gb", Period: "2026-11", Quantity: d("1")}}, false)
	assert.ErrorIs(t, err, process.ErrNotFound)
	_, err = pl.Charge([]Usage{{Customer: "x", Service: svcEmail, Driver: "mailbox", Period: "2026-11", Quantity: d("-1")}}, false)
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	ch, err := PriceList{Currency: USD}.Charge(nil, false)
	require.NoError(t, err)
	_, err = Reconcile(ch, workedAllocation(t))
	assert.ErrorIs(t, err, ErrCurrencyMismatch)
}
