package calendar

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process/processtest"
)

// berlin is an office on 09:00–17:00, Monday to Friday, in Berlin, with
// Christmas entered for 2030 (it applies in earlier years too), Good
// Friday and Easter Monday as feasts, and a closure across the year end.
func berlin(t testing.TB) *Calendar {
	t.Helper()
	c, err := New(Spec{Name: "berlin office", Zone: "Europe/Berlin", Week: MondayToFriday(Interval{HM(9, 0), HM(17, 0)}),
		Holidays: []Holiday{
			{Name: "Christmas", Date: Date{2030, time.December, 25}, Yearly: true},
			{Name: "Good Friday", Feast: GoodFriday},
			{Feast: EasterMonday},
		},
		Closures: []Closure{{Name: "year end", From: Date{2026, time.December, 28}, To: Date{2027, time.January, 1}}},
	})
	require.NoError(t, err)
	return c
}

var berlinZone = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}()

func inBerlin(t testing.TB, s string) time.Time { return processtest.Local(t, berlinZone, s) }

func TestEasterDates(t *testing.T) {
	// Published dates of Easter Sunday.
	for _, want := range []Date{{1970, 3, 29}, {2000, 4, 23}, {2008, 3, 23}, {2011, 4, 24}, {2019, 4, 21},
		{2024, 3, 31}, {2025, 4, 20}, {2026, 4, 5}, {2027, 3, 28}, {2028, 4, 16}, {2038, 4, 25}} {
		assert.Equal(t, want, EasterSunday.In(want.Year), "Easter %d", want.Year)
	}
	for f, want := range map[Feast]Date{GoodFriday: {2026, 4, 3}, EasterMonday: {2026, 4, 6}, Ascension: {2026, 5, 14},
		WhitSunday: {2026, 5, 24}, WhitMonday: {2026, 5, 25}, CorpusChristi: {2026, 6, 4}, MaundyThursday: {2026, 4, 2}, HolySaturday: {2026, 4, 4}} {
		assert.Equal(t, want, f.In(2026), "%s 2026", f)
	}
	var f Feast
	assert.Error(t, f.UnmarshalText([]byte("whit-tuesday")))
	assert.NoError(t, f.UnmarshalText([]byte("ascension")))
	assert.Equal(t, Ascension, f)
	_, err := New(Spec{Name: "x", Zone: "UTC", Holidays: []Holiday{{Feast: "whit-tuesday"}, {Feast: GoodFriday, Date: Date{2026, 4, 3}}}})
	assert.ErrorContains(t, err, "holidays[0].feast")
	assert.ErrorContains(t, err, "holidays[1].date")
}

func TestWorkingDayQueries(t *testing.T) {
	c := berlin(t)
	for _, tc := range []struct {
		d       Date
		working bool
		holiday string
	}{
		{Date{2026, 4, 2}, true, ""},
		{Date{2026, 4, 3}, false, "Good Friday"},
		{Date{2026, 4, 4}, false, ""}, // a Saturday is closed, not a holiday
		{Date{2026, 4, 6}, false, "easter-monday"},
		{Date{2026, 4, 7}, true, ""},
		{Date{2026, 12, 25}, false, "Christmas"}, // before the year it was entered
		{Date{1999, 12, 24}, true, ""},
		{Date{2026, 12, 29}, false, "year end"},
		{Date{2027, 1, 1}, false, "year end"},
		{Date{2027, 1, 4}, true, ""},
		{Date{2027, 3, 26}, false, "Good Friday"},
	} {
		assert.Equal(t, tc.working, c.WorkingDay(tc.d), "working %s", tc.d)
		h, ok := c.HolidayOn(tc.d)
		assert.Equal(t, tc.holiday != "", ok, "holiday %s", tc.d)
		assert.Equal(t, tc.holiday, h.Name, "holiday %s", tc.d)
	}
	assert.Equal(t, 4, c.WorkingDays(Date{2026, 4, 1}, Date{2026, 4, 9}))
	assert.Equal(t, -4, c.WorkingDays(Date{2026, 4, 9}, Date{2026, 4, 1}))
	assert.Equal(t, 0, c.WorkingDays(Date{2026, 12, 25}, Date{2027, 1, 4}))
	var around *Calendar
	assert.Equal(t, 8, around.WorkingDays(Date{2026, 4, 1}, Date{2026, 4, 9}))
	assert.True(t, around.WorkingDay(Date{2026, 4, 4}))
}

func TestAddWorkingDays(t *testing.T) {
	c := berlin(t)
	for _, tc := range []struct {
		start string
		n     int
		want  string
	}{
		{"2026-04-02 10:30", 1, "2026-04-07 10:30"}, // over Good Friday, the weekend and Easter Monday
		{"2026-04-02 18:00", 1, "2026-04-08 09:00"}, // after hours: counted from the next opening
		{"2026-04-01 10:00", 3, "2026-04-08 10:00"},
		{"2026-04-07 10:00", -1, "2026-04-02 10:00"},
		{"2026-03-27 10:00", 1, "2026-03-30 10:00"}, // across the spring-forward Sunday: 10:00 CEST
		{"2026-10-23 16:59", 1, "2026-10-26 16:59"}, // across the fall-back Sunday
		{"2026-03-28 12:00", 1, "2026-03-31 09:00"}, // from a Saturday: from Monday's opening
		{"2026-12-24 10:00", 1, "2027-01-04 10:00"}, // Christmas, the year-end closure, a weekend
		{"2026-12-24 10:00", 0, "2026-12-24 10:00"},
		{"2026-04-08 08:00", -2, "2026-04-02 09:00"}, // before hours: from the opening
	} {
		got := c.AddWorkingDays(inBerlin(t, tc.start), tc.n)
		want := inBerlin(t, tc.want)
		assert.True(t, got.Equal(want), "%s %+d: got %s, want %s", tc.start, tc.n, got, want)
		assert.Equal(t, berlinZone, got.Location())
	}
	// The time of day is read in the calendar's zone, the result kept in
	// the caller's.
	ny := processtest.Local(t, mustZone(t, "America/New_York"), "2026-04-02 04:30") // 10:30 in Berlin
	assert.True(t, c.AddWorkingDays(ny, 1).Equal(inBerlin(t, "2026-04-07 10:30")))
	assert.Equal(t, "America/New_York", c.AddWorkingDays(ny, 1).Location().String())
	// Friday's shorter hours clamp the time of day to its closing.
	short := Must(Spec{Name: "short fridays", Zone: "Europe/Berlin", Week: func() [7][]Interval {
		w := MondayToFriday(Interval{HM(9, 0), HM(17, 0)})
		w[time.Friday] = []Interval{{HM(9, 0), HM(13, 0)}}
		return w
	}()})
	assert.True(t, short.AddWorkingDays(inBerlin(t, "2026-04-09 15:00"), 1).Equal(inBerlin(t, "2026-04-10 13:00")))
	none := Must(Spec{Name: "closed", Zone: "UTC"})
	assert.True(t, none.AddWorkingDays(utc(t, "2026-04-02 10:00"), 1).IsZero())
}

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func TestEndsAndOpenings(t *testing.T) {
	c := berlin(t)
	at := func(s string) time.Time { return inBerlin(t, s) }
	eq := func(got time.Time, want, what string) {
		t.Helper()
		assert.True(t, got.Equal(at(want)), "%s: got %s, want %s", what, got, want)
	}
	eq(c.EndOfWorkingDay(at("2026-04-02 10:00"), 0), "2026-04-02 17:00", "end of today")
	eq(c.EndOfWorkingDay(at("2026-04-02 18:00"), 0), "2026-04-07 17:00", "end of today, after hours")
	eq(c.EndOfWorkingDay(at("2026-04-02 10:00"), 1), "2026-04-07 17:00", "end of the next working day")
	eq(c.EndOfWorkingDay(at("2026-04-07 10:00"), -1), "2026-04-02 17:00", "end of the previous working day")
	eq(c.NextOpening(at("2026-04-02 18:00")), "2026-04-07 09:00", "next opening after hours")
	eq(c.NextOpening(at("2026-04-07 10:00")), "2026-04-07 10:00", "next opening while open")
	eq(c.NextClosing(at("2026-04-07 10:00")), "2026-04-07 17:00", "next closing while open")
	eq(c.NextClosing(at("2026-04-02 18:00")), "2026-04-07 17:00", "next closing after hours")

	// A night shift runs on across midnight, and across the fall-back night.
	night := Must(Spec{Name: "night", Zone: "Europe/Berlin", Week: EveryDay(Interval{HM(22, 0), HM(6, 0)})})
	eq(night.NextClosing(at("2026-10-24 23:00")), "2026-10-25 06:00", "night shift over the fall-back")
	assert.Equal(t, 9*time.Hour, night.BusinessTime(at("2026-10-24 22:00"), night.NextClosing(at("2026-10-24 23:00"))))
	// A calendar that never closes has no next closing; one never open, no opening.
	always := Must(Spec{Name: "24x7", Zone: "UTC", Week: EveryDay(AllDay())})
	assert.True(t, always.NextClosing(utc(t, "2026-04-02 10:00")).IsZero())
	closed := Must(Spec{Name: "closed", Zone: "UTC"})
	assert.True(t, closed.NextOpening(utc(t, "2026-04-02 10:00")).IsZero())
	assert.False(t, closed.HasWorkingTime())
	assert.True(t, c.HasWorkingTime())
	opened := Must(Spec{Name: "one day", Zone: "UTC", Openings: []Opening{{Date: Date{2026, 5, 1}, Intervals: []Interval{{HM(9, 0), HM(12, 0)}}}}})
	assert.True(t, opened.HasWorkingTime())
}

func TestDeadlineConventions(t *testing.T) {
	c := berlin(t)
	at := func(s string) time.Time { return inBerlin(t, s) }
	glpi := Options{ExhaustedAtOpening: true, ZeroAtOpening: true}
	for _, tc := range []struct {
		start string
		d     time.Duration
		o     Options
		want  string
	}{
		{"2026-04-13 09:00", 8 * time.Hour, Options{}, "2026-04-13 17:00"}, // uses up the day: ends at closing
		{"2026-04-13 09:00", 8 * time.Hour, glpi, "2026-04-14 09:00"},      // GLPI: the next opening
		{"2026-04-13 09:00", 9 * time.Hour, glpi, "2026-04-14 10:00"},
		{"2026-04-11 12:00", 0, Options{}, "2026-04-11 12:00"}, // a Saturday: zero is the start
		{"2026-04-11 12:00", 0, glpi, "2026-04-13 09:00"},      // or the first working second
		{"2026-04-14 10:00", -2 * time.Hour, Options{}, "2026-04-13 16:00"},
		{"2026-04-14 10:00", -time.Hour, Options{}, "2026-04-14 09:00"},     // back to an opening
		{"2026-04-14 10:00", -time.Hour, glpi, "2026-04-13 17:00"},          // or the closing before it
		{"2026-04-07 10:00", -2 * time.Hour, Options{}, "2026-04-02 16:00"}, // back over Easter
		{"2026-03-30 10:00", -2 * time.Hour, Options{}, "2026-03-27 16:00"}, // back over the spring-forward weekend
	} {
		got := c.DeadlineWith(at(tc.start), tc.d, tc.o)
		assert.True(t, got.Equal(at(tc.want)), "%s %s %+v: got %s, want %s", tc.start, tc.d, tc.o, got, tc.want)
	}
}

// TestDaysProperties checks, on random instants over ten years, that
// working-day deadlines are monotone, that forward and backward deadlines
// invert each other, and that the working days counted agree with a
// day-by-day count.
func TestDaysProperties(t *testing.T) {
	c := berlin(t)
	r := rand.New(rand.NewPCG(15, 1))
	base := inBerlin(t, "2022-01-01 00:00")
	n := 3000
	if testing.Short() {
		n = 500
	}
	for range n {
		start := base.Add(time.Duration(r.Int64N(int64(10 * 365 * 24 * time.Hour))))
		k := r.IntN(40) + 1
		a, b := c.AddWorkingDays(start, k), c.AddWorkingDays(start, k+1)
		require.True(t, a.Before(b), "monotone in n: %s +%d = %s, +%d = %s", start, k, a, k+1, b)
		later := start.Add(time.Duration(r.Int64N(int64(72 * time.Hour))))
		require.False(t, c.AddWorkingDays(later, k).Before(a), "monotone in start: %s and %s, +%d", start, later, k)

		if c.Open(start) {
			d := time.Duration(r.Int64N(int64(200 * time.Hour)))
			end := c.Deadline(start, d)
			require.True(t, c.Deadline(end, -d).Equal(start), "back from %s (%s after %s) lands on %s", end, d, start, c.Deadline(end, -d))
			require.Equal(t, d, c.BusinessTime(start, end))
		}
		from := dateIn(start)
		to := dateIn(start.AddDate(0, 0, r.IntN(120)))
		want := 0
		for d := from; d != to; d = nextDate(d, 1) {
			if c.WorkingDay(d) {
				want++
			}
		}
		require.Equal(t, want, c.WorkingDays(from, to), "working days %s to %s", from, to)
	}
}

func dateIn(t time.Time) Date {
	y, m, d := t.In(berlinZone).Date()
	return Date{y, m, d}
}

func BenchmarkWorkingDays(b *testing.B) {
	f := newFleet(1)
	r := rand.New(rand.NewPCG(9, 9))
	starts := make([]time.Time, 4096)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range starts {
		starts[i] = base.Add(time.Duration(r.Int64N(int64(365 * 24 * time.Hour))))
	}
	for _, h := range holidayBuckets {
		var cals []*Calendar
		for i, c := range f.cals {
			if f.holidays[i] == h {
				cals = append(cals, c)
			}
		}
		for _, span := range []int{1, 30, 120} {
			name := fmt.Sprintf("holidays=%d/span=%dd", h, span)
			b.Run("add/"+name, func(b *testing.B) {
				i := 0
				for b.Loop() {
					sinkTime = cals[i%len(cals)].AddWorkingDays(starts[i%len(starts)], span*5/7+1)
					i++
				}
			})
			b.Run("count/"+name, func(b *testing.B) {
				i := 0
				for b.Loop() {
					s := starts[i%len(starts)]
					sinkInt += cals[i%len(cals)].WorkingDays(dateIn(s), dateIn(s.AddDate(0, 0, span)))
					i++
				}
			})
		}
		b.Run("holiday-on/"+fmt.Sprintf("holidays=%d", h), func(b *testing.B) {
			i := 0
			for b.Loop() {
				_, ok := cals[i%len(cals)].HolidayOn(dateIn(starts[i%len(starts)]))
				if ok {
					sinkInt++
				}
				i++
			}
		})
		b.Run("next-opening/"+fmt.Sprintf("holidays=%d", h), func(b *testing.B) {
			i := 0
			for b.Loop() {
				sinkTime = cals[i%len(cals)].NextOpening(starts[i%len(starts)])
				i++
			}
		})
	}
}

var (
	sinkTime time.Time
	sinkInt  int
)
