package budgeting

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// TestErrorsNamePackage checks that the errors of the package read
// "budgeting: …", as encoding/json's read "json: …": the validation errors
// of records and of plain values, refused moves and the sentinels.
func TestErrorsNamePackage(t *testing.T) {
	_, err := NewLedger("XXX")
	ledgerErr := err
	var l *Ledger
	l, err = NewLedger(EUR)
	require.NoError(t, err)
	ap, err := NewApportioner(workedModel())
	require.NoError(t, err)
	b, err := NewBudget(emailPlan(), planner, processtest.T0)
	require.NoError(t, err)
	approved, err := NewBudget(emailPlan(), planner, processtest.T0)
	require.NoError(t, err)
	require.NoError(t, approved.Approve(manager.Actor, processtest.At(1), manager))
	_, ruleErr := ap.Split(MustMoney("1", EUR), process.NewID())
	_, chargeErr := PriceList{Currency: EUR}.Charge([]Usage{{Service: svcEmail}}, false)
	_, ratesErr := NewRates(Rate{From: EUR, To: EUR})
	_, modelErr := NewApportioner(Model{})
	_, costErr := RateCard{}.Cost("", process.ID{}, nil)
	for _, tc := range []struct {
		name       string
		err        error
		validation bool
	}{
		{"a record", (&Budget{}).Validate(), true},
		{"a cost entry", CostEntry{}.Validate(), true},
		{"money", Money{}.Validate(), true},
		{"an entry booked", l.Add(CostEntry{}), true},
		{"an apportionment model", modelErr, true},
		{"exchange rates", ratesErr, true},
		{"charges", chargeErr, true},
		{"a rate card", costErr, true},
		{"a refused move", b.Approve(process.Actor{}, processtest.At(1), manager), false},
		{"a refused variation", b.Vary(planner, processtest.At(1), Variation{}), false},
		{"a variation by no one", approved.Vary(process.Actor{}, processtest.At(2), Variation{}), false},
		{"a variation too early", approved.Vary(planner, processtest.T0, Variation{}), false},
		{"a budget closed by no one", approved.Close(process.Actor{}, processtest.At(2), ""), false},
		{"an unknown rule", ruleErr, false},
		{"an unknown currency", ledgerErr, false},
		{"a sentinel", ErrZeroDriver, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.err)
			msg := tc.err.Error()
			assert.True(t, strings.HasPrefix(msg, "budgeting: "), "got %q", msg)
			assert.NotContains(t, msg, "process: ")
			var ve *process.ValidationError
			if tc.validation {
				require.True(t, errors.As(tc.err, &ve), "got %T", tc.err)
				assert.Equal(t, "budgeting", ve.Package)
			}
		})
	}
}
