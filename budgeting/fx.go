package budgeting

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// ErrMissingRate marks a conversion for which the host gave no exchange
// rate: the package never converts without one.
var ErrMissingRate = errors.New("budgeting: no exchange rate")

// Rate is an exchange rate the host gives: from its date On, one unit of
// From is worth Rate units of To (ISO/IEC 20000-1:2011, 6.4: costs in
// several currencies are accounted for in one). Rate is held to the limits
// on untrusted numbers (process.MaxDigits, process.MaxExponent). The package never derives a
// rate (no inverses, no crosses): each one used is one given.
type Rate struct {
	From Currency        `json:"from"`
	To   Currency        `json:"to"`
	On   time.Time       `json:"on"`
	Rate decimal.Decimal `json:"rate"`
}

// Rates is a set of dated exchange rates, by which costs in several
// currencies are accounted for in one (ISO/IEC 20000-1:2011, 6.4). Build
// it with [NewRates]; it is immutable and safe for concurrent use.
type Rates struct {
	rates []Rate // sorted by From, To, On
}

// NewRates checks and indexes exchange rates (ISO/IEC 20000-1:2011, 6.4).
// It refuses, as a
// *process.ValidationError, unknown currencies, a rate from a currency to
// itself, a rate that is not positive or past the limits on untrusted
// numbers ([process.ErrTooLarge]), a missing date and two rates for the
// same pair and date.
func NewRates(rates ...Rate) (*Rates, error) {
	v := process.ValidationError{Package: pkg, Subject: "exchange rates"}
	for i, r := range rates {
		p := fmt.Sprintf("rates[%d]", i)
		for _, f := range []struct {
			path string
			c    Currency
		}{{".from", r.From}, {".to", r.To}} {
			if !f.c.Valid() {
				v.Addf(p+f.path, ErrUnknownCurrency, "%q", string(f.c))
			}
		}
		if r.From == r.To {
			v.Addf(p+".to", process.ErrInvalidValue, "same currency as from")
		}
		if v.Decimal(p+".rate", r.Rate) && !r.Rate.IsPositive() {
			v.Addf(p+".rate", process.ErrInvalidValue, "%s is not positive", r.Rate)
		}
		v.Require(p+".on", !r.On.IsZero())
	}
	rs := &Rates{rates: slices.Clone(rates)}
	slices.SortStableFunc(rs.rates, compareRates)
	for i := 1; i < len(rs.rates); i++ {
		if compareRates(rs.rates[i-1], rs.rates[i]) == 0 {
			r := rs.rates[i]
			v.Addf("rates", process.ErrExists, "two rates %s→%s on %s", r.From, r.To, r.On.Format(time.DateOnly))
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return rs, nil
}

func compareRates(x, y Rate) int {
	return cmp.Or(cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To), x.On.Compare(y.On))
}

// Rate returns the rate from one currency to another that applies at on:
// the latest given with a date not after on. It returns an error matching
// [ErrMissingRate] if there is none.
func (r *Rates) Rate(from, to Currency, on time.Time) (Rate, error) {
	if r != nil {
		i, _ := slices.BinarySearchFunc(r.rates, Rate{From: from, To: to, On: on}, compareRates)
		// rates[i] is the first not before (from, to, on); step over an exact date match.
		if i < len(r.rates) && compareRates(r.rates[i], Rate{From: from, To: to, On: on}) == 0 {
			return r.rates[i], nil
		}
		if i > 0 && r.rates[i-1].From == from && r.rates[i-1].To == to {
			return r.rates[i-1], nil
		}
	}
	return Rate{}, fmt.Errorf("%w: %s→%s on %s", ErrMissingRate, from, to, on.Format(time.DateOnly))
}

// Convert converts m into currency to at the rate that applies at on,
// rounding half to even to to's minor unit, and returns the rate used. Money
// already in to is returned as it is, with a zero Rate. It refuses unknown
// currencies ([ErrUnknownCurrency]), an amount, given or converted, past
// the limits on untrusted numbers ([process.ErrTooLarge]) and a missing
// rate ([ErrMissingRate]).
func (r *Rates) Convert(m Money, to Currency, on time.Time) (Money, Rate, error) {
	if err := process.CheckDecimal(m.Amount); err != nil {
		return Money{}, Rate{}, fmt.Errorf("budgeting: convert: amount: %w", err)
	}
	exp, err := to.MinorUnit()
	if err != nil {
		return Money{}, Rate{}, err
	}
	if _, err := m.Currency.MinorUnit(); err != nil {
		return Money{}, Rate{}, err
	}
	if m.Currency == to {
		return m, Rate{}, nil
	}
	rate, err := r.Rate(m.Currency, to, on)
	if err != nil {
		return Money{}, Rate{}, err
	}
	amount := m.Amount.Mul(rate.Rate).RoundBank(exp)
	if err := process.CheckDecimal(amount); err != nil {
		return Money{}, Rate{}, fmt.Errorf("budgeting: convert: %s at %s: %w", m, rate.Rate, err)
	}
	return Money{Amount: amount, Currency: to}, rate, nil
}

// ConvertEntries returns copies of entries in currency to, each converted
// at the rate that applies on its date, and the rates used in order. It
// refuses, naming the entry, a missing rate; nothing is converted then.
func (r *Rates) ConvertEntries(entries []CostEntry, to Currency) ([]CostEntry, []Rate, error) {
	out := make([]CostEntry, len(entries))
	var used []Rate
	for i, e := range entries {
		m, rate, err := r.Convert(e.Money(), to, e.Date)
		if err != nil {
			return nil, nil, fmt.Errorf("budgeting: entries[%d] (%s): %w", i, process.Subject(process.KindCostEntry, e.ID), err)
		}
		e.Amount, e.Currency = m.Amount, m.Currency
		out[i] = e
		if !rate.On.IsZero() {
			used = addRate(used, rate)
		}
	}
	return out, used, nil
}

// addRate adds rate to the sorted set used.
func addRate(used []Rate, rate Rate) []Rate {
	i, found := slices.BinarySearchFunc(used, rate, compareRates)
	if found {
		return used
	}
	return slices.Insert(used, i, rate)
}
