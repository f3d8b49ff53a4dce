package budgeting

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

func TestEnumText(t *testing.T) {
	t.Run("Basis", func(t *testing.T) { processtest.EnumText(t, BasisFixedShares, BasisDriver, BasisEven) })
	t.Run("SourceKind", func(t *testing.T) {
		processtest.EnumText(t, SourceDirect, SourceRule, SourceStepDown, SourcePassedOn)
	})
	t.Run("BudgetState", func(t *testing.T) {
		processtest.EnumText(t, (*Budget)(nil).Lifecycle().States()...)
	})
	t.Run("RecoveryStatus", func(t *testing.T) {
		processtest.EnumText(t, Recovered, UnderRecovery, OverRecovery)
	})
	t.Run("Category", func(t *testing.T) { processtest.EnumText(t, Categories()...) })
	t.Run("Nature", func(t *testing.T) { processtest.EnumText(t, Direct, Indirect) })
	t.Run("Behaviour", func(t *testing.T) { processtest.EnumText(t, Fixed, Variable) })
	t.Run("Expense", func(t *testing.T) { processtest.EnumText(t, Capital, Operating) })
	t.Run("Currency", func(t *testing.T) {
		processtest.EnumText(t, EUR, USD, JPY, KWD, Currency("NZD")) // NZD: known without a constant
	})
}

// TestCurrencyText checks what Currency adds to the rule: codes are upper
// case, as ISO 4217 writes them (lower case is refused, not normalised),
// and a refusal also matches ErrUnknownCurrency.
func TestCurrencyText(t *testing.T) {
	for _, code := range []string{"eur", "Eur", "EURO", " EUR"} {
		c := USD
		err := c.UnmarshalText([]byte(code))
		assert.ErrorIs(t, err, ErrUnknownCurrency, "%q", code)
		assert.ErrorIs(t, err, process.ErrInvalidValue, "%q", code)
		assert.Equal(t, USD, c, "%q leaves the currency unchanged", code)
	}
	_, err := Currency("eur").MarshalText()
	assert.ErrorIs(t, err, ErrUnknownCurrency)
	var m Money
	require.NoError(t, json.Unmarshal([]byte(`{"amount":"0","currency":""}`), &m), "money with no currency decodes")
	assert.Equal(t, Currency(""), m.Currency)
	j, err := json.Marshal(Money{})
	require.NoError(t, err, "the zero Money encodes")
	assert.JSONEq(t, `{"amount":"0","currency":""}`, string(j))
}
