package capacity

import (
	"strings"
	"testing"

	"github.com/smskit/iso20000/process/processtest"
)

// FuzzDecodeDecimal decodes a capacity record from a JSON template in
// which each "@" stands for the text of a decimal, lit (with its quotes if
// it is a string): decoding never panics, a refusal for the size of a
// number wraps process.ErrTooLarge and names the package, and a record
// decoded holds no decimal past the limits on untrusted numbers. Seeds in
// testdata/fuzz/FuzzDecodeDecimal.
func FuzzDecodeDecimal(f *testing.F) {
	processtest.DecimalSeeds(f, "12400.00",
		`{"kind":"capacity-plan","version":1,"upgrades":[{"description":"disks","cost":@,"currency":"EUR"},{"Cost":"@"}]}`,
		`{"kind":"capacity-forecast","points":[{"value":@}]}`)
	f.Fuzz(func(t *testing.T, tmpl, lit string) {
		processtest.DecodeDecimals(t, Decode, func(msg string) bool { return strings.HasPrefix(msg, "capacity: decode ") }, tmpl, lit)
	})
}
