package budgeting

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

// textEnum is an enumeration of the package with its text methods.
type textEnum interface {
	process.Enum
	String() string
	MarshalText() ([]byte, error)
}

// checkEnum holds one enumeration to the module's encoding rule: a known
// value encodes as its code and decodes back; "" encodes and decodes as
// unset, so a zero value marshals; any other value is refused with an error
// naming the package and wrapping process.ErrInvalidValue, and a refused
// decoding leaves the destination unchanged.
func checkEnum[E textEnum, P interface {
	*E
	UnmarshalText([]byte) error
}](t *testing.T, unknown E, known ...E) {
	t.Helper()
	require.NotEmpty(t, known)
	for _, e := range known {
		assert.True(t, e.Valid(), "%q", e)
		assert.Equal(t, string(e), e.String())
		b, err := e.MarshalText()
		require.NoError(t, err, "%q", e)
		assert.Equal(t, string(e), string(b))
		var got E
		require.NoError(t, P(&got).UnmarshalText(b))
		assert.Equal(t, e, got)
	}

	b, err := E("").MarshalText()
	require.NoError(t, err, "the unset value encodes")
	assert.Empty(t, b)
	got := known[0]
	require.NoError(t, P(&got).UnmarshalText(nil), "the unset value decodes")
	assert.Equal(t, E(""), got)
	type holder struct{ V E }
	j, err := json.Marshal(holder{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"V":""}`, string(j))
	back := holder{V: known[0]}
	require.NoError(t, json.Unmarshal(j, &back))
	assert.Equal(t, E(""), back.V)

	assert.False(t, unknown.Valid(), "%q", unknown)
	_, err = unknown.MarshalText()
	require.ErrorIs(t, err, process.ErrInvalidValue)
	assert.True(t, strings.HasPrefix(err.Error(), "budgeting: "), "got %q", err)
	got = known[0]
	err = P(&got).UnmarshalText([]byte(unknown))
	require.ErrorIs(t, err, process.ErrInvalidValue)
	assert.True(t, strings.HasPrefix(err.Error(), "budgeting: "), "got %q", err)
	assert.Equal(t, known[0], got, "a refused value leaves the destination unchanged")
}

func TestEnumText(t *testing.T) {
	t.Run("Basis", func(t *testing.T) { checkEnum(t, Basis("random"), BasisFixedShares, BasisDriver, BasisEven) })
	t.Run("SourceKind", func(t *testing.T) {
		checkEnum(t, SourceKind("stolen"), SourceDirect, SourceRule, SourceStepDown, SourcePassedOn)
	})
	t.Run("BudgetState", func(t *testing.T) {
		checkEnum(t, BudgetState("frozen"), BudgetLifecycle().States()...)
	})
	t.Run("RecoveryStatus", func(t *testing.T) {
		checkEnum(t, RecoveryStatus("written-off"), Recovered, UnderRecovery, OverRecovery)
	})
	t.Run("Category", func(t *testing.T) { checkEnum(t, Category("travel"), Categories()...) })
	t.Run("Nature", func(t *testing.T) { checkEnum(t, Nature("mixed"), Direct, Indirect) })
	t.Run("Behaviour", func(t *testing.T) { checkEnum(t, Behaviour("stepped"), Fixed, Variable) })
	t.Run("Expense", func(t *testing.T) { checkEnum(t, Expense("other"), Capital, Operating) })
	t.Run("Currency", func(t *testing.T) {
		checkEnum(t, Currency("XXX"), EUR, USD, JPY, KWD, Currency("NZD")) // NZD: known without a constant
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
