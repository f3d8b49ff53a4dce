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
	for _, tmpl := range []string{
		`{"kind":"budget","currency":"EUR","lines":[{"category":"assets","amount":@}],"approvals":[{"limit":"@","amount":@}]}`,
		`{"amount":@,"currency":"EUR","shares":[{"weight":@}],"quantity":"@","unit":@,"Amount":{"amount":"@","currency":"EUR"}}`,
	} {
		for _, lit := range []string{"12.50", `"12.50"`, "1e2147483647", "-1e-41", strings.Repeat("9", 41), "null"} {
			f.Add(tmpl, lit)
		}
	}
	f.Fuzz(func(t *testing.T, tmpl, lit string) {
		data := []byte(strings.ReplaceAll(tmpl, "@", lit))
		refused := func(err error) {
			if errors.Is(err, process.ErrTooLarge) && !strings.HasPrefix(err.Error(), "budgeting: ") {
				t.Fatalf("a number refused without naming the package: %v", err)
			}
		}
		if r, err := Decode(data); err != nil {
			refused(err)
		} else {
			processtest.CheckDecimals(t, r)
			_ = r.Validate() // within the limits, quick
		}
		for _, v := range []any{&CostEntry{}, &Rule{}, &Charge{}, &Money{}} {
			if err := json.Unmarshal(data, v); err != nil {
				refused(err)
				continue
			}
			processtest.CheckDecimals(t, v)
		}
	})
}
