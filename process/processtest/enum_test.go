package processtest_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// Colour keeps the module's rule for enumerations.
type Colour string

func (c Colour) Valid() bool                   { return c == "red" || c == "green" }
func (c Colour) String() string                { return string(c) }
func (c Colour) MarshalText() ([]byte, error)  { return process.MarshalEnum(c) }
func (c *Colour) UnmarshalText(b []byte) error { return process.UnmarshalEnum(c, b) }

// Strict refuses the unset value, which the rule does not allow.
type Strict string

func (s Strict) Valid() bool    { return s == "on" }
func (s Strict) String() string { return string(s) }
func (s Strict) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("processtest_test: bad %q: %w", string(s), process.ErrInvalidValue)
	}
	return []byte(s), nil
}
func (s *Strict) UnmarshalText(b []byte) error {
	if !Strict(b).Valid() {
		return fmt.Errorf("processtest_test: bad %q: %w", string(b), process.ErrInvalidValue)
	}
	*s = Strict(b)
	return nil
}

// recorder is a testing.TB that keeps what a check reports.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...); runtime.Goexit() }
func (r *recorder) Fatal(args ...any)                 { r.Errorf("%s", fmt.Sprint(args...)); runtime.Goexit() }

// run runs check on a recorder in a goroutine of its own, so that a Fatal
// ends only that goroutine, and returns what it reported.
func run(t *testing.T, check func(testing.TB)) []string {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() { defer close(done); check(r) }()
	<-done
	return r.errors
}

func TestEnumText(t *testing.T) {
	if errs := run(t, func(tb testing.TB) { processtest.EnumText(tb, Colour("red"), Colour("green")) }); len(errs) > 0 {
		t.Errorf("a conforming enumeration is reported: %v", errs)
	}
	errs := run(t, func(tb testing.TB) { processtest.EnumText(tb, Strict("on")) })
	if !strings.Contains(strings.Join(errs, "\n"), `"".MarshalText()`) {
		t.Errorf("an enumeration that refuses the unset value passes: %v", errs)
	}
	if errs := run(t, func(tb testing.TB) { processtest.EnumText[Colour](tb) }); len(errs) != 1 {
		t.Errorf("no known values: reported %v, want one fatal report", errs)
	}
}
