package calendar

import (
	randv1 "math/rand"
	"sync"
	"testing"
	"testing/quick"
	"time"
)

// propFleet is built once for the property tests: generated calendars in
// three zones with daylight saving, and their peers.
var propFleet = sync.OnceValue(func() *fleet { return newFleet(7) })

// propInstant maps a fuzzed number to an instant in 2024–2028, at any
// nanosecond.
func propInstant(x uint64) time.Time {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	return base.Add(time.Duration(x % uint64(5*365*24*time.Hour)))
}

// checkCalendarProperties checks, on calendar c and instants x <= y <= z,
// that business time is additive, monotone, bounded by elapsed time, and
// that Deadline inverts it.
func checkCalendarProperties(t *testing.T, c *Calendar, x, y, z time.Time) {
	t.Helper()
	xy, yz, xz := c.BusinessTime(x, y), c.BusinessTime(y, z), c.BusinessTime(x, z)
	if xy+yz != xz {
		t.Fatalf("%s: not additive: [%s, %s) %s + [%s, %s) %s != %s", c.spec.Zone, x, y, xy, y, z, yz, xz)
	}
	if xy < 0 || yz < 0 || xy > xz || xz > z.Sub(x) {
		t.Fatalf("%s: not monotone or above elapsed: %s, %s, %s over %s", c.spec.Zone, xy, yz, xz, z.Sub(x))
	}
	if xz > 0 {
		d := c.Deadline(x, xz)
		if d.IsZero() || d.After(z) || c.BusinessTime(x, d) != xz {
			t.Fatalf("%s: Deadline(%s, %s) = %s, want at or before %s with that much business time (got %s)",
				c.spec.Zone, x, xz, d, z, c.BusinessTime(x, d))
		}
		if !c.Open(d.Add(-time.Nanosecond)) {
			t.Fatalf("%s: deadline %s does not end an open stretch", c.spec.Zone, d)
		}
	}
}

func TestCalendarPropertiesQuick(t *testing.T) {
	f := propFleet()
	prop := func(ci uint8, a, b, cc uint64) bool {
		x, y, z := sort3(propInstant(a), propInstant(b), propInstant(cc))
		checkCalendarProperties(t, f.cals[int(ci)%len(f.cals)], x, y, z)
		return true
	}
	cfg := &quick.Config{Rand: randv1.New(randv1.NewSource(11)), MaxCount: 2000}
	if testing.Short() {
		cfg.MaxCount = 300
	}
	if err := quick.Check(prop, cfg); err != nil {
		t.Fatal(err)
	}
}

// FuzzCalendar checks the properties and the day stepper's answer on
// fuzzed calendars and instants. Seeds are in testdata/fuzz/FuzzCalendar.
func FuzzCalendar(f *testing.F) {
	f.Add(uint8(0), uint64(0), uint64(1), uint64(2))
	f.Fuzz(func(t *testing.T, ci uint8, a, b, cc uint64) {
		fl := propFleet()
		i := int(ci) % len(fl.cals)
		x, y, z := sort3(propInstant(a), propInstant(b), propInstant(cc))
		if z.Sub(x) > 200*24*time.Hour {
			z = x.Add(time.Duration(cc % uint64(200*24*time.Hour)))
			y = x.Add(time.Duration(b % uint64(z.Sub(x)+1)))
		}
		checkCalendarProperties(t, fl.cals[i], x, y, z)
		if got, want := fl.cals[i].BusinessTime(x, z), fl.peers[i].dayBusinessTime(x, z); got != want {
			t.Fatalf("calendar %d: BusinessTime(%s, %s) = %s, day stepper %s", i, x, z, got, want)
		}
	})
}

func sort3(a, b, c time.Time) (time.Time, time.Time, time.Time) {
	if b.Before(a) {
		a, b = b, a
	}
	if c.Before(b) {
		b, c = c, b
	}
	if b.Before(a) {
		a, b = b, a
	}
	return a, b, c
}
