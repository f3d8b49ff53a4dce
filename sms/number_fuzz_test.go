package sms

import (
	"strings"
	"testing"

	"github.com/smskit/iso20000/process/processtest"
)

// FuzzDecodeDecimal decodes a record of any kind of the module with Decode
// from a JSON template in which each "@" stands for the text of a decimal,
// lit (with its quotes if it is a string): decoding never panics, a refusal
// for the size of a number wraps process.ErrTooLarge and names the package
// that decodes, and a record decoded holds no decimal past the limits on
// untrusted numbers. Seeds in testdata/fuzz/FuzzDecodeDecimal.
func FuzzDecodeDecimal(f *testing.F) {
	processtest.DecimalSeeds(f, "12.5",
		`{"kind":"sla","targets":[{"name":"a","value":@}],"workload":[{"volume":"@"}]}`,
		`{"kind":"budget","currency":"EUR","lines":[{"category":"assets","amount":@}]}`,
		`{"kind":"capacity-plan","upgrades":[{"cost":@}]}`,
		`{"kind":"scope-statement","title":@}`)
	f.Fuzz(func(t *testing.T, tmpl, lit string) {
		processtest.DecodeDecimals(t, Decode, namesDecoder, tmpl, lit)
	})
}

// namesDecoder reports whether msg opens as the decoders of the module
// open their errors: "<package>: decode ".
func namesDecoder(msg string) bool {
	pkg, rest, ok := strings.Cut(msg, ": ")
	return ok && strings.HasPrefix(rest, "decode ") && (pkg == "process" || pkg == "budgeting" || pkg == "capacity" || pkg == "sms")
}
