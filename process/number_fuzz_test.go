package process_test

import (
	"errors"
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
	for _, tmpl := range []string{
		`{"kind":"sla","targets":[{"name":"a","kind":"availability","value":@,"unit":"percent"}],"workload":[{"volume":@}]}`,
		`{"kind":"availability-measurement","target":@,"achieved":"@"}`,
		`{"kind":"satisfaction-survey","results":[{"score":@,"scale":5}]}`,
		`{"kind":"supplier-contract","TARGETS":[{"Value":@}]}`,
	} {
		for _, lit := range []string{"99.5", `"99.5"`, "1e2147483647", "-1e-41", strings.Repeat("9", 41), "null"} {
			f.Add(tmpl, lit)
		}
	}
	f.Fuzz(func(t *testing.T, tmpl, lit string) {
		data := []byte(strings.ReplaceAll(tmpl, "@", lit))
		r, err := process.Decode(data)
		if err != nil {
			if errors.Is(err, process.ErrTooLarge) && !strings.HasPrefix(err.Error(), "process: decode ") {
				t.Fatalf("a number refused without naming the record: %v", err)
			}
			return
		}
		processtest.CheckDecimals(t, r)
		_ = r.Validate() // within the limits, quick
	})
}
