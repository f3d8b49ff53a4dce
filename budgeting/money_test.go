package budgeting

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

func TestCurrencyMinorUnit(t *testing.T) {
	for _, tc := range []struct {
		c    Currency
		want int32
	}{
		{EUR, 2}, {USD, 2}, {GBP, 2}, {JPY, 0}, {CHF, 2}, {INR, 2}, {CNY, 2}, {SEK, 2}, {NOK, 2}, {DKK, 2},
		{AUD, 2}, {CAD, 2}, {BHD, 3}, {KWD, 3},
	} {
		got, err := tc.c.MinorUnit()
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "%s: got %d want %d", tc.c, got, tc.want)
	}
	for _, bad := range []Currency{"", "XXX", "eur", "EURO"} {
		_, err := bad.MinorUnit()
		assert.ErrorIs(t, err, ErrUnknownCurrency, "%q", bad)
		assert.False(t, bad.Valid())
	}
	var c Currency
	assert.ErrorIs(t, json.Unmarshal([]byte(`"ZZZ"`), &c), ErrUnknownCurrency)
	require.NoError(t, json.Unmarshal([]byte(`"KWD"`), &c))
	assert.Equal(t, KWD, c)
}

func TestNewMoney(t *testing.T) {
	for _, tc := range []struct {
		in   string
		c    Currency
		want string
		err  error
	}{
		{"12.5", EUR, "12.50 EUR", nil},
		{"12.500", EUR, "12.50 EUR", nil},
		{"-3", JPY, "-3 JPY", nil},
		{"1.234", KWD, "1.234 KWD", nil},
		{"1.005", EUR, "", ErrPrecision},
		{"1.5", JPY, "", ErrPrecision},
		{"1", "XXX", "", ErrUnknownCurrency},
		{"one", EUR, "", process.ErrInvalidValue},
		{"123456789012345678901234567890.12", USD, "123456789012345678901234567890.12 USD", nil},
	} {
		t.Run(tc.in+" "+string(tc.c), func(t *testing.T) {
			m, err := NewMoney(tc.in, tc.c)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, m.String())
			back, err := ParseMoney(m.String())
			require.NoError(t, err)
			assert.True(t, back.Amount.Equal(m.Amount), "got %s want %s", back, m)
		})
	}
}

func TestMoneyValidate(t *testing.T) {
	err := Money{Amount: d("0.001"), Currency: EUR}.Validate()
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("amount", ErrPrecision))
	err = Money{Amount: d("1")}.Validate()
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("currency", process.ErrRequired))
	assert.NoError(t, MustMoney("1.10", CHF).Validate())
}

func TestToMinor(t *testing.T) {
	for _, tc := range []struct {
		in   string
		exp  int32
		want int64
		fits bool
		err  error
	}{
		{"0", 2, 0, true, nil},
		{"12.34", 2, 1234, true, nil},
		{"12", 2, 1200, true, nil},
		{"12.3400", 2, 1234, true, nil},
		{"-0.01", 2, -1, true, nil},
		{"92233720368547758.07", 2, 9223372036854775807, false, nil}, // 19 digits: taken as big, exactly
		{"92233720368547758.08", 2, 0, false, nil},
		{"1e30", 2, 0, false, nil},
		{"0.001", 2, 0, false, ErrPrecision},
		{"1e-30", 2, 0, false, ErrPrecision},
	} {
		v, fits, err := toMinor(d(tc.in), tc.exp)
		if tc.err != nil {
			assert.ErrorIs(t, err, tc.err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.fits, fits, tc.in)
		if fits {
			assert.Equal(t, tc.want, v, tc.in)
		}
		b, err := toMinorBig(d(tc.in), tc.exp)
		require.NoError(t, err)
		assert.Equal(t, d(tc.in).Shift(tc.exp).String(), b.String(), tc.in)
	}
}

func TestLedgerOverflow(t *testing.T) {
	l := newLedger(1)
	const big = int64(1) << 62
	for range 8 {
		l.add(0, big)
	}
	l.add(0, -1)
	assert.Equal(t, "36893488147419103231", l.at(0).big().String()) // 8·2^62 − 1
	assert.Equal(t, "368934881474191032.31", l.at(0).decimal(2).String())
}
