package budgeting

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

func testRates(t *testing.T) *Rates {
	t.Helper()
	r, err := NewRates(
		Rate{From: USD, To: EUR, On: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Rate: d("0.92")},
		Rate{From: USD, To: EUR, On: time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC), Rate: d("0.9150")},
		Rate{From: JPY, To: EUR, On: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Rate: d("0.0061")},
		Rate{From: EUR, To: KWD, On: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Rate: d("0.3321")},
	)
	require.NoError(t, err)
	return r
}

func TestRatesConvert(t *testing.T) {
	r := testRates(t)
	for _, tc := range []struct {
		name string
		m    Money
		to   Currency
		on   time.Time
		want string
		rate string
		err  error
	}{
		{"rate of the day", MustMoney("100", USD), EUR, time.Date(2026, 11, 15, 9, 0, 0, 0, time.UTC), "91.50 EUR", "0.915", nil},
		{"latest earlier rate", MustMoney("100", USD), EUR, time.Date(2026, 11, 14, 0, 0, 0, 0, time.UTC), "92.00 EUR", "0.92", nil},
		{"half to even", MustMoney("1025", JPY), EUR, day, "6.25 EUR", "0.0061", nil}, // 6.2525 → 6.25
		{"three places", MustMoney("10.01", EUR), KWD, day, "3.324 KWD", "0.3321", nil},
		{"same currency", MustMoney("5", EUR), EUR, day, "5.00 EUR", "", nil},
		{"before any rate", MustMoney("1", USD), EUR, time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC), "", "", ErrMissingRate},
		{"no inverse is derived", MustMoney("1", EUR), USD, day, "", "", ErrMissingRate},
		{"unknown currency", Money{Amount: d("1"), Currency: "XXX"}, EUR, day, "", "", ErrUnknownCurrency},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, rate, err := r.Convert(tc.m, tc.to, tc.on)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got.String())
			if tc.rate != "" {
				assert.True(t, rate.Rate.Equal(d(tc.rate)), "rate %s", rate.Rate)
			}
		})
	}
}

func TestNewRatesRefuses(t *testing.T) {
	on := day
	_, err := NewRates(Rate{From: USD, To: USD, On: on, Rate: d("1")}, Rate{From: USD, To: EUR, Rate: d("0")},
		Rate{From: "XXX", To: EUR, On: on, Rate: d("1")})
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("rates[0].to", process.ErrInvalidValue))
	assert.True(t, ve.Has("rates[1].rate", process.ErrInvalidValue))
	assert.True(t, ve.Has("rates[1].on", process.ErrRequired))
	assert.True(t, ve.Has("rates[2].from", ErrUnknownCurrency))
	_, err = NewRates(Rate{From: USD, To: EUR, On: on, Rate: d("1")}, Rate{From: USD, To: EUR, On: on, Rate: d("2")})
	assert.ErrorIs(t, err, process.ErrExists)
}

func TestConvertEntries(t *testing.T) {
	r := testRates(t)
	entries := []CostEntry{entry(1, "100", CategoryLicences, Direct, svcWeb), entry(2, "1025", CategoryAssets, Direct, svcWeb)}
	entries[0].Currency, entries[1].Currency = USD, JPY
	got, used, err := r.ConvertEntries(entries, EUR)
	require.NoError(t, err)
	assert.Equal(t, "91.50 EUR", got[0].Money().String())
	assert.Equal(t, "6.25 EUR", got[1].Money().String())
	require.Len(t, used, 2, "the rates used are listed")
	assert.Equal(t, USD, entries[0].Currency, "the input is not changed")

	entries[1].Date = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	got, _, err = r.ConvertEntries(entries, EUR)
	assert.ErrorIs(t, err, ErrMissingRate)
	assert.Nil(t, got)
}
