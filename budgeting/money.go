package budgeting

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// pkg names the package in its errors: every message starts "budgeting: ",
// and the validation errors of values that are not records set it as their
// Package.
const pkg = "budgeting"

// Sentinel errors for the kinds of failure of money arithmetic
// (ISO/IEC 20000-1:2011, 6.4).
var (
	// ErrUnknownCurrency marks a currency code the package does not know.
	ErrUnknownCurrency = errors.New("budgeting: unknown Currency")
	// ErrPrecision marks an amount finer than its currency's minor unit
	// (1.005 EUR): the package does not round it silently.
	ErrPrecision = errors.New("budgeting: amount finer than the currency's minor unit")
	// ErrCurrencyMismatch marks money in one currency where another was
	// expected; convert it first with [Rates.Convert].
	ErrCurrencyMismatch = errors.New("budgeting: currency mismatch")
	// ErrOverflow marks a figure asked for in int64 minor units that does
	// not fit them (beyond ±92,233,720,368,547,758.07 EUR); the decimal
	// form of the same figure is exact at any size.
	ErrOverflow = errors.New("budgeting: figure does not fit int64 minor units")
)

// Currency is an ISO 4217 alphabetic currency code ("EUR"), in which costs,
// budgets and charges are kept (ISO/IEC 20000-1:2011, 6.4). The zero
// Currency is invalid; so is a code the package does not know (see
// [Currency.Valid]).
type Currency string

// Common currencies. Any code with a known minor unit is valid, not only
// these.
const (
	EUR Currency = "EUR"
	USD Currency = "USD"
	GBP Currency = "GBP"
	JPY Currency = "JPY"
	CHF Currency = "CHF"
	INR Currency = "INR"
	CNY Currency = "CNY"
	SEK Currency = "SEK"
	NOK Currency = "NOK"
	DKK Currency = "DKK"
	AUD Currency = "AUD"
	CAD Currency = "CAD"
	BHD Currency = "BHD"
	KWD Currency = "KWD"
)

// minorUnit returns the number of decimal places of c's minor unit as ISO
// 4217 lists it, and false for a currency the package does not know.
func minorUnit(c Currency) (int32, bool) {
	switch c {
	case "EUR", "USD", "GBP", "CHF", "INR", "CNY", "SEK", "NOK", "DKK", "AUD", "CAD",
		"NZD", "SGD", "HKD", "ZAR", "BRL", "MXN", "PLN", "CZK", "HUF", "RON", "TRY",
		"ILS", "THB", "MYR", "PHP", "IDR", "AED", "SAR", "QAR", "EGP", "TWD", "RUB":
		return 2, true
	case "JPY", "KRW", "ISK", "CLP", "VND", "PYG", "UGX", "XOF", "XAF":
		return 0, true
	case "BHD", "KWD", "JOD", "OMR", "TND", "LYD", "IQD":
		return 3, true
	}
	return 0, false
}

// ParseCurrency returns the currency with code s (upper case, as ISO 4217
// writes it) in which costs are kept (ISO/IEC 20000-1:2011, 6.4), or an
// error matching [ErrUnknownCurrency].
func ParseCurrency(s string) (Currency, error) {
	c := Currency(s)
	if !c.Valid() {
		return "", unknownCurrency(s)
	}
	return c, nil
}

// unknownCurrency is the error for a code the package does not know: it
// matches both [ErrUnknownCurrency] and [process.ErrInvalidValue].
func unknownCurrency(code string) error {
	return fmt.Errorf("%w %q: %w", ErrUnknownCurrency, code, process.ErrInvalidValue)
}

// Valid reports whether c is a currency the package knows.
func (c Currency) Valid() bool {
	_, ok := minorUnit(c)
	return ok
}

// MinorUnit returns the number of decimal places of c's minor unit (2 for
// EUR, 0 for JPY, 3 for KWD), or an error matching [ErrUnknownCurrency].
func (c Currency) MinorUnit() (int32, error) {
	e, ok := minorUnit(c)
	if !ok {
		return 0, unknownCurrency(string(c))
	}
	return e, nil
}

// String returns the code.
func (c Currency) String() string { return string(c) }

// MarshalText encodes the currency: its code, or nothing when unset. A code
// the package does not know is refused with an error matching both
// [ErrUnknownCurrency] and [process.ErrInvalidValue].
func (c Currency) MarshalText() ([]byte, error) {
	b, err := process.MarshalEnum(c)
	if err != nil {
		return nil, unknownCurrency(string(c))
	}
	return b, nil
}

// UnmarshalText decodes a code, or "" as unset. Codes are upper case, as
// ISO 4217 writes them; any other text is refused with an error matching
// both [ErrUnknownCurrency] and [process.ErrInvalidValue], leaving c
// unchanged.
func (c *Currency) UnmarshalText(b []byte) error {
	if err := process.UnmarshalEnum(c, b); err != nil {
		return unknownCurrency(string(b))
	}
	return nil
}

// Money is an exact amount in a currency (ISO/IEC 20000-1:2011, 6.4). The
// zero Money has no currency and is invalid where money is required.
// Compare amounts with [decimal.Decimal.Equal], never ==. The amount is held
// to the limits on untrusted numbers (process.MaxDigits significant digits,
// an exponent within ±process.MaxExponent): constructors, Validate,
// decoding and the package's arithmetic refuse more with
// process.ErrTooLarge.
type Money struct {
	Amount   decimal.Decimal `json:"amount"`
	Currency Currency        `json:"currency"`
}

// NewMoney returns amount (a decimal string such as "1234.50") in currency
// c, exact (ISO/IEC 20000-1:2011, 6.4); it refuses a malformed amount ([process.ErrInvalidValue]), an unknown
// currency ([ErrUnknownCurrency]), an amount finer than c's minor unit
// ([ErrPrecision]) and one past the limits on untrusted numbers
// ([process.ErrTooLarge]), before parsing it.
func NewMoney(amount string, c Currency) (Money, error) {
	d, err := parseAmount(amount)
	if errors.Is(err, process.ErrTooLarge) {
		return Money{}, fmt.Errorf("budgeting: amount: %w", err)
	}
	if err != nil {
		return Money{}, fmt.Errorf("budgeting: amount %q: %w", amount, process.ErrInvalidValue)
	}
	m := Money{Amount: d, Currency: c}
	if err := m.check(); err != nil {
		return Money{}, err
	}
	return m, nil
}

// MustMoney is like [NewMoney] but panics on bad input (ISO/IEC
// 20000-1:2011, 6.4). It is intended for tests and literals.
func MustMoney(amount string, c Currency) Money {
	m, err := NewMoney(amount, c)
	if err != nil {
		panic(err)
	}
	return m
}

// ParseMoney parses "1234.50 EUR" (amount, one space, code), as
// [Money.String] writes it (ISO/IEC 20000-1:2011, 6.4).
func ParseMoney(s string) (Money, error) {
	amount, code, ok := strings.Cut(s, " ")
	if !ok {
		return Money{}, fmt.Errorf("budgeting: money %q: want \"amount CODE\": %w", s, process.ErrInvalidValue)
	}
	c, err := ParseCurrency(code)
	if err != nil {
		return Money{}, err
	}
	return NewMoney(amount, c)
}

// String writes the amount with exactly the currency's minor-unit places and
// the code: "1234.50 EUR". Money in an unknown currency prints its amount as
// it is; an amount past the limits on untrusted numbers prints as
// "%!(number too large)".
func (m Money) String() string {
	if process.CheckDecimal(m.Amount) != nil {
		return tooLargeText + " " + string(m.Currency)
	}
	e, ok := minorUnit(m.Currency)
	if !ok {
		return m.Amount.String() + " " + string(m.Currency)
	}
	if _, _, err := toMinor(m.Amount, e); err == nil {
		return m.Amount.StringFixed(e) + " " + string(m.Currency)
	}
	return m.Amount.String() + " " + string(m.Currency)
}

// IsZero reports whether the amount is zero, whatever the currency.
func (m Money) IsZero() bool { return m.Amount.IsZero() }

// Validate reports an unknown currency, an amount finer than its minor
// unit or past the limits on untrusted numbers ([process.ErrTooLarge]) as
// a *process.ValidationError.
func (m Money) Validate() error {
	v := process.ValidationError{Package: pkg, Subject: "money"}
	m.validate(&v, "")
	return v.Err()
}

// validate adds m's findings to v under path prefix p ("" or "amount.").
func (m Money) validate(v *process.ValidationError, p string) {
	amountOK := v.Decimal(p+"amount", m.Amount)
	e, ok := minorUnit(m.Currency)
	if !ok {
		if m.Currency == "" {
			v.Add(p+"currency", process.ErrRequired)
		} else {
			v.Addf(p+"currency", ErrUnknownCurrency, "%q", string(m.Currency))
		}
		return
	}
	if !amountOK {
		return
	}
	if _, _, err := toMinor(m.Amount, e); err != nil {
		v.Add(p+"amount", err)
	}
}

// check returns m's first fault as a plain error.
func (m Money) check() error {
	if err := process.CheckDecimal(m.Amount); err != nil {
		return fmt.Errorf("budgeting: amount: %w", err)
	}
	e, err := m.Currency.MinorUnit()
	if err != nil {
		return err
	}
	if _, _, err := toMinor(m.Amount, e); err != nil {
		return fmt.Errorf("budgeting: %s: %w", m.Amount, err)
	}
	return nil
}

// moneyJSON is the JSON form of Money.
type moneyJSON struct {
	Amount   string   `json:"amount"`
	Currency Currency `json:"currency"`
}

// MarshalJSON writes {"amount":"1234.50","currency":"EUR"}: the amount as
// a string with the currency's minor-unit places, never a float. An amount
// past the limits on untrusted numbers is refused ([process.ErrTooLarge]).
func (m Money) MarshalJSON() ([]byte, error) {
	if err := process.CheckDecimal(m.Amount); err != nil {
		return nil, fmt.Errorf("budgeting: money amount: %w", err)
	}
	s := m.String()
	amount, _, _ := strings.Cut(s, " ")
	return json.Marshal(moneyJSON{Amount: amount, Currency: m.Currency})
}

// UnmarshalJSON reads what MarshalJSON writes, refusing an unknown
// currency, a malformed amount ([process.ErrInvalidValue]) and an amount
// past the limits on untrusted numbers ([process.ErrTooLarge]), before it
// is parsed.
func (m *Money) UnmarshalJSON(b []byte) error {
	var j moneyJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("budgeting: money: %w", err)
	}
	d, err := parseAmount(j.Amount)
	if errors.Is(err, process.ErrTooLarge) {
		return fmt.Errorf("budgeting: money: amount: %w", err)
	}
	if err != nil {
		return fmt.Errorf("budgeting: money amount %q: %w", j.Amount, process.ErrInvalidValue)
	}
	*m = Money{Amount: d, Currency: j.Currency}
	return nil
}
