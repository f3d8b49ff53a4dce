package process_test

import (
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// FuzzDecodeDecimal decodes a record from a JSON template in which each "@"
// stands for the text of a decimal, lit (with its quotes if it is a
// string): decoding never panics, a refusal for the size of a number wraps
// process.ErrTooLarge, and a record decoded holds no decimal past the
// limits on untrusted numbers. Decoding reads the input once before any
// parse; BenchmarkDecodeHostileDecimal measures it. Seeds in
// testdata/fuzz/FuzzDecodeDecimal.
func FuzzDecodeDecimal(f *testing.F) {
	processtest.DecimalSeeds(f, "99.5",
		`{"kind":"sla","targets":[{"name":"a","kind":"availability","value":@,"unit":"percent"}],"workload":[{"volume":@}]}`,
		`{"kind":"availability-measurement","target":@,"achieved":"@"}`,
		`{"kind":"satisfaction-survey","results":[{"score":@,"scale":5}]}`,
		`{"kind":"supplier-contract","TARGETS":[{"Value":@}]}`)
	f.Fuzz(func(t *testing.T, tmpl, lit string) {
		processtest.DecodeDecimals(t, process.Decode, func(msg string) bool { return strings.HasPrefix(msg, "process: decode ") }, tmpl, lit)
	})
}
