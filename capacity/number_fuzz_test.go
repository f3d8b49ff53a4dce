package capacity

import (
	"errors"
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// FuzzDecodeDecimal decodes a capacity record from a JSON template in
// which each "@" stands for the text of a decimal, lit (with its quotes if
// it is a string): decoding never panics, a refusal for the size of a
// number wraps process.ErrTooLarge and names the package, and a record
// decoded holds no decimal past the limits on untrusted numbers. Seeds in
// testdata/fuzz/FuzzDecodeDecimal.
func FuzzDecodeDecimal(f *testing.F) {
	for _, tmpl := range []string{
		`{"kind":"capacity-plan","version":1,"upgrades":[{"description":"disks","cost":@,"currency":"EUR"},{"Cost":"@"}]}`,
		`{"kind":"capacity-forecast","points":[{"value":@}]}`,
	} {
		for _, lit := range []string{"12400.00", `"12400.00"`, "1e2147483647", "-1e-41", strings.Repeat("9", 41), "null"} {
			f.Add(tmpl, lit)
		}
	}
	f.Fuzz(func(t *testing.T, tmpl, lit string) {
		r, err := Decode([]byte(strings.ReplaceAll(tmpl, "@", lit)))
		if err != nil {
			if errors.Is(err, process.ErrTooLarge) && !strings.HasPrefix(err.Error(), "capacity: decode ") {
				t.Fatalf("a number refused without naming the record: %v", err)
			}
			return
		}
		processtest.CheckDecimals(t, r)
		_ = r.Validate() // within the limits, quick
	})
}
