package budgeting

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// FuzzDecodeDecimal decodes JSON from a template in which each "@" stands
// for the text of a decimal, lit (with its quotes if it is a string), as a
// budgeting record with Decode and as each value of the package holding
// decimals with encoding/json: decoding never panics, a refusal for the
// size of a number wraps process.ErrTooLarge and names the package, and
// what is decoded holds no decimal past the limits on untrusted numbers.
// Seeds in testdata/fuzz/FuzzDecodeDecimal.
func FuzzDecodeDecimal(f *testing.F) {
	processtest.DecimalSeeds(f, "12.50",
		`{"kind":"budget","currency":"EUR","lines":[{"category":"assets","amount":@}],"approvals":[{"limit":"@","amount":@}]}`,
		`{"amount":@,"currency":"EUR","shares":[{"weight":@}],"quantity":"@","unit":@,"Amount":{"amount":"@","currency":"EUR"}}`)
	named := func(msg string) bool { return strings.HasPrefix(msg, "budgeting: ") }
	f.Fuzz(func(t *testing.T, tmpl, lit string) {
		data := processtest.DecodeDecimals(t, Decode, named, tmpl, lit)
		for _, v := range []any{&CostEntry{}, &Rule{}, &Charge{}, &Money{}} {
			if err := json.Unmarshal(data, v); err != nil {
				if errors.Is(err, process.ErrTooLarge) && !named(err.Error()) {
					t.Fatalf("a number refused without naming the package: %v", err)
				}
				continue
			}
			processtest.CheckDecimals(t, v)
		}
	})
}
