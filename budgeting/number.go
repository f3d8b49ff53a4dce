package budgeting

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// This file holds the package's side of the limits on untrusted numbers
// (process.MaxDigits, process.MaxExponent): amounts, weights, rates,
// prices and quantities past them are refused with process.ErrTooLarge
// wherever they come in (ISO/IEC 20000-1:2011, 6.4). Amounts pass toMinor,
// which checks them before any arithmetic; the decoders of the package's
// kinds check the text of each decimal before it is parsed.

// tooLargeText stands for an amount past the limits where one is printed:
// writing such a number out could take minutes.
const tooLargeText = "%!(number too large)"

// decimalText returns d as text, or tooLargeText for a number past the
// limits.
func decimalText(d decimal.Decimal) string {
	if process.CheckDecimal(d) != nil {
		return tooLargeText
	}
	return d.String()
}

// parseAmount parses a decimal from s, as decimal.NewFromString does, but
// refuses text past the limits on untrusted numbers (process.ErrTooLarge)
// before parsing it: it reads s as a JSON string through
// process.UnmarshalJSON, which holds the one check of a decimal's text. A
// decimal's text has no character that JSON would escape; text that has
// one is refused as malformed, as NewFromString refuses it.
func parseAmount(s string) (decimal.Decimal, error) {
	var d decimal.Decimal
	if err := process.UnmarshalJSON(strconv.AppendQuote(nil, s), &d); err != nil {
		if errors.Is(err, process.ErrTooLarge) {
			return decimal.Decimal{}, err
		}
		return decimal.Decimal{}, process.ErrInvalidValue
	}
	return d, nil
}

// decodeValue is the UnmarshalJSON of a value of kind k that holds
// decimals: plain is the value with a type of no methods.
func decodeValue(data []byte, plain any, k process.RecordKind) error {
	if err := process.UnmarshalJSON(data, plain); err != nil {
		return fmt.Errorf("budgeting: decode %s: %w", k, err)
	}
	return nil
}

// UnmarshalJSON decodes the budget, refusing a number past the limits on
// untrusted numbers (process.MaxDigits, process.MaxExponent) with
// process.ErrTooLarge, naming its JSON path, before it is parsed.
func (b *Budget) UnmarshalJSON(data []byte) error {
	type plain Budget
	return decodeValue(data, (*plain)(b), process.KindBudget)
}

// UnmarshalJSON decodes the entry, refusing a number past the limits on
// untrusted numbers (process.MaxDigits, process.MaxExponent) with
// process.ErrTooLarge, naming its JSON path, before it is parsed.
func (e *CostEntry) UnmarshalJSON(data []byte) error {
	type plain CostEntry
	return decodeValue(data, (*plain)(e), process.KindCostEntry)
}

// UnmarshalJSON decodes the rule, refusing a weight past the limits on
// untrusted numbers (process.MaxDigits, process.MaxExponent) with
// process.ErrTooLarge, naming its JSON path, before it is parsed.
func (r *Rule) UnmarshalJSON(data []byte) error {
	type plain Rule
	return decodeValue(data, (*plain)(r), process.KindApportionmentRule)
}

// UnmarshalJSON decodes the charge, refusing a number past the limits on
// untrusted numbers (process.MaxDigits, process.MaxExponent) with
// process.ErrTooLarge, naming its JSON path, before it is parsed.
func (c *Charge) UnmarshalJSON(data []byte) error {
	type plain Charge
	return decodeValue(data, (*plain)(c), process.KindCharge)
}
