package calendar

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones the tests name, whatever the machine has

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests of this package name their instants by date and wall time, not
// from processtest.T0: what they check happens on particular days (the
// daylight-saving changes of 2026 in each zone, Christmas, a weekend, the
// day Apia skipped), which offsets from one base time would hide.

var nineToFive = Interval{HM(9, 0), HM(17, 0)}

// at reads "2006-01-02 15:04" in loc.
var at = processtest.Local

func utc(t testing.TB, s string) time.Time { return processtest.Local(t, time.UTC, s) }

type span struct {
	name     string
	from, to time.Time
	want     time.Duration
}

func checkSpans(t *testing.T, c *Calendar, spans []span) {
	t.Helper()
	for _, s := range spans {
		t.Run(s.name, func(t *testing.T) {
			got := c.BusinessTime(s.from, s.to)
			assert.Equal(t, s.want, got, "BusinessTime(%s, %s): got %s, want %s", s.from, s.to, got, s.want)
			if s.want > 0 {
				d := c.Deadline(s.from, s.want)
				assert.False(t, d.After(s.to), "Deadline(%s, %s) = %s, want at or before %s", s.from, s.want, d, s.to)
				assert.Equal(t, s.want, c.BusinessTime(s.from, d), "round trip")
			}
		})
	}
}

func TestCalendarDSTBerlin(t *testing.T) {
	loc := processtest.Location(t, "Europe/Berlin")
	office := Must(Spec{Name: "office", Zone: "Europe/Berlin", Week: MondayToFriday(nineToFive)})
	always := Must(Spec{Name: "24x7", Zone: "Europe/Berlin", Week: EveryDay(AllDay())})
	// 2026: clocks go forward on Sunday 29 March, back on Sunday 25 October.
	checkSpans(t, office, []span{
		{"spring week is 5 x 8h", at(t, loc, "2026-03-23 00:00"), at(t, loc, "2026-03-30 00:00"), 40 * time.Hour},
		{"fall week is 5 x 8h", at(t, loc, "2026-10-19 00:00"), at(t, loc, "2026-10-26 00:00"), 40 * time.Hour},
		{"friday to monday over spring", utc(t, "2026-03-27 15:00"), utc(t, "2026-03-30 08:00"), 2 * time.Hour},
		{"friday to monday over fall", utc(t, "2026-10-23 14:00"), utc(t, "2026-10-26 09:00"), 2 * time.Hour},
		{"closed weekend", at(t, loc, "2026-03-28 00:00"), at(t, loc, "2026-03-30 00:00"), 0},
	})
	checkSpans(t, always, []span{
		{"spring-forward day is 23h", at(t, loc, "2026-03-29 00:00"), at(t, loc, "2026-03-30 00:00"), 23 * time.Hour},
		{"fall-back day is 25h", at(t, loc, "2026-10-25 00:00"), at(t, loc, "2026-10-26 00:00"), 25 * time.Hour},
		{"spring week", at(t, loc, "2026-03-23 00:00"), at(t, loc, "2026-03-30 00:00"), 167 * time.Hour},
	})
	// Friday 16:00 CET plus 3h of office time: 1h on Friday, 2h on Monday (CEST).
	got := office.Deadline(at(t, loc, "2026-03-27 16:00"), 3*time.Hour)
	assert.True(t, got.Equal(at(t, loc, "2026-03-30 11:00")), "got %s", got)
	assert.Equal(t, loc, got.Location(), "the deadline keeps the caller's location")
}

func TestCalendarDSTNewYork(t *testing.T) {
	loc := processtest.Location(t, "America/New_York")
	office := Must(Spec{Name: "office", Zone: "America/New_York", Week: MondayToFriday(nineToFive)})
	night := Must(Spec{Name: "night", Zone: "America/New_York", Week: EveryDay(Interval{HM(22, 0), HM(6, 0)})})
	always := Must(Spec{Name: "24x7", Zone: "America/New_York", Week: EveryDay(AllDay())})
	// 2026: forward on Sunday 8 March (02:00 -> 03:00), back on Sunday 1 November (02:00 -> 01:00).
	checkSpans(t, office, []span{
		{"spring week", at(t, loc, "2026-03-02 00:00"), at(t, loc, "2026-03-09 00:00"), 40 * time.Hour},
		{"fall week", at(t, loc, "2026-10-26 00:00"), at(t, loc, "2026-11-02 00:00"), 40 * time.Hour},
		{"friday 16:00 EST to monday 10:00 EDT", utc(t, "2026-03-06 21:00"), utc(t, "2026-03-09 14:00"), 2 * time.Hour},
	})
	checkSpans(t, night, []span{
		{"spring-forward night is 7h", at(t, loc, "2026-03-07 12:00"), at(t, loc, "2026-03-08 12:00"), 7 * time.Hour},
		{"fall-back night is 9h", at(t, loc, "2026-10-31 12:00"), at(t, loc, "2026-11-01 12:00"), 9 * time.Hour},
		{"inside the repeated hour", utc(t, "2026-11-01 05:00"), utc(t, "2026-11-01 06:30"), 90 * time.Minute},
	})
	checkSpans(t, always, []span{
		{"spring-forward day is 23h", at(t, loc, "2026-03-08 00:00"), at(t, loc, "2026-03-09 00:00"), 23 * time.Hour},
		{"fall-back day is 25h", at(t, loc, "2026-11-01 00:00"), at(t, loc, "2026-11-02 00:00"), 25 * time.Hour},
	})
	// Saturday 23:00 EST plus 4h of night shift: 3h to 03:00 EDT (02:00 does not exist) ... ends 04:00 EDT.
	got := night.Deadline(at(t, loc, "2026-03-07 23:00"), 4*time.Hour)
	assert.True(t, got.Equal(at(t, loc, "2026-03-08 04:00")), "got %s", got)
}

func TestCalendarOtherZone(t *testing.T) {
	// Kolkata office hours (UTC+05:30, no DST) for a ticket logged in UTC.
	kolkata := Must(Spec{Name: "bangalore", Zone: "Asia/Kolkata", Week: MondayToFriday(Interval{HM(9, 0), HM(18, 0)})})
	logged := utc(t, "2026-06-05 11:00") // Friday 16:30 IST
	due := kolkata.Deadline(logged, 4*time.Hour)
	// 1h30 on Friday (16:30-18:00), 2h30 on Monday from 09:00 IST: 11:30 IST = 06:00 UTC.
	assert.True(t, due.Equal(utc(t, "2026-06-08 06:00")), "got %s", due)
	assert.Equal(t, time.UTC, due.Location())
	assert.Equal(t, 4*time.Hour, kolkata.BusinessTime(logged, due))
	assert.Equal(t, 90*time.Minute, kolkata.BusinessTime(logged, utc(t, "2026-06-07 23:00")))
	assert.True(t, kolkata.Open(utc(t, "2026-06-08 03:30")), "09:00 IST on Monday is open")
	assert.False(t, kolkata.Open(utc(t, "2026-06-08 03:29")), "08:59 IST on Monday is closed")
}

func TestCalendarHolidays(t *testing.T) {
	loc := processtest.Location(t, "Europe/Berlin")
	c := Must(Spec{
		Name: "office", Zone: "Europe/Berlin", Week: MondayToFriday(nineToFive),
		Holidays: []Holiday{
			{Name: "christmas", Date: Date{2020, time.December, 25}, Yearly: true},
			{Name: "boxing day", Date: Date{2020, time.December, 26}, Yearly: true},
			{Name: "new year", Date: Date{2000, time.January, 1}, Yearly: true},
			{Name: "christmas eve 2026", Date: Date{2026, time.December, 24}},
		},
		Closures: []Closure{{Name: "year-end", From: Date{2026, time.December, 28}, To: Date{2026, time.December, 31}}},
		Openings: []Opening{{Name: "sunday release", Date: Date{2026, time.December, 27}, Intervals: []Interval{{HM(10, 0), HM(14, 0)}}}},
	})
	checkSpans(t, c, []span{
		// Mon-Wed 3 x 8h; Thu 24 and Fri 25 holidays; Sun 27 opened 4h; 28-31 closed; Fri 1 Jan holiday.
		{"two weeks over year end", at(t, loc, "2026-12-21 00:00"), at(t, loc, "2027-01-04 00:00"), 28 * time.Hour},
		{"yearly holiday in 2031", at(t, loc, "2031-12-22 00:00"), at(t, loc, "2031-12-27 00:00"), 24 * time.Hour},
		{"a year", at(t, loc, "2027-01-01 00:00"), at(t, loc, "2028-01-01 00:00"), 260 * 8 * time.Hour},
	})
	// Wednesday 12:00 plus 9h: 5h on Wednesday, 4h in the Sunday opening, ending at its close.
	from := at(t, loc, "2026-12-23 12:00")
	got := c.Deadline(from, 9*time.Hour)
	assert.True(t, got.Equal(at(t, loc, "2026-12-27 14:00")), "got %s", got)
	got = c.Deadline(from, 9*time.Hour+time.Second)
	assert.True(t, got.Equal(at(t, loc, "2027-01-04 09:00").Add(time.Second)), "got %s", got)
}

func TestCalendarMidnightShift(t *testing.T) {
	// Night shift Monday to Friday, 22:00-06:00 UTC; Wednesday 3 June 2026 is a holiday:
	// Wednesday's shift is closed, Tuesday's shift still runs into Wednesday morning.
	c := Must(Spec{
		Name: "night", Zone: "UTC", Week: MondayToFriday(Interval{HM(22, 0), HM(6, 0)}),
		Holidays: []Holiday{{Date: Date{2026, time.June, 3}}},
	})
	checkSpans(t, c, []span{
		{"week with one shift off", utc(t, "2026-06-01 00:00"), utc(t, "2026-06-08 00:00"), 32 * time.Hour},
		{"normal week", utc(t, "2026-06-08 00:00"), utc(t, "2026-06-15 00:00"), 40 * time.Hour},
		{"over the holiday", utc(t, "2026-06-03 05:00"), utc(t, "2026-06-04 23:00"), 2 * time.Hour},
		{"saturday morning from friday", utc(t, "2026-06-06 00:00"), utc(t, "2026-06-07 00:00"), 6 * time.Hour},
	})
	got := c.Deadline(utc(t, "2026-06-03 05:00"), 2*time.Hour)
	assert.True(t, got.Equal(utc(t, "2026-06-04 23:00")), "got %s", got)
}

func TestCalendarSubSecond(t *testing.T) {
	c := Must(Spec{Name: "office", Zone: "UTC", Week: MondayToFriday(nineToFive)})
	from := utc(t, "2026-06-01 16:59").Add(30*time.Second + 250*time.Millisecond)
	assert.Equal(t, 29*time.Second+750*time.Millisecond, c.BusinessTime(from, utc(t, "2026-06-01 18:00")))
	got := c.Deadline(from, time.Minute)
	assert.True(t, got.Equal(utc(t, "2026-06-02 09:00").Add(30*time.Second+250*time.Millisecond)), "got %s", got)
}

func TestCalendarNil(t *testing.T) {
	var c *Calendar
	a, b := utc(t, "2026-03-29 00:00"), utc(t, "2026-03-30 00:00")
	assert.Equal(t, 24*time.Hour, c.BusinessTime(a, b))
	assert.True(t, c.Deadline(a, time.Hour).Equal(a.Add(time.Hour)))
	assert.True(t, c.Open(a))
}

func TestCalendarNeverOpen(t *testing.T) {
	c := Must(Spec{Name: "closed", Zone: "UTC",
		Openings: []Opening{{Date: Date{2026, time.June, 1}, Intervals: []Interval{nineToFive}}}})
	assert.True(t, c.Deadline(utc(t, "2026-05-01 00:00"), 8*time.Hour).Equal(utc(t, "2026-06-01 17:00")))
	assert.True(t, c.Deadline(utc(t, "2026-05-01 00:00"), 9*time.Hour).IsZero(), "never open long enough")
	assert.Equal(t, 8*time.Hour, c.BusinessTime(utc(t, "2020-01-01 00:00"), utc(t, "2030-01-01 00:00")))
}

func TestCalendarBeforeAfter(t *testing.T) {
	c := Must(Spec{Name: "office", Zone: "UTC", Week: MondayToFriday(nineToFive)})
	a, b := utc(t, "2026-06-01 10:00"), utc(t, "2026-06-01 12:00")
	assert.Equal(t, time.Duration(0), c.BusinessTime(b, a), "to before from")
	assert.True(t, c.Deadline(a, 0).Equal(a))
	assert.True(t, c.Deadline(a, -time.Hour).Equal(utc(t, "2026-06-01 09:00")), "an hour back from 10:00 is the opening")
}

func TestNewCalendarValidation(t *testing.T) {
	_, err := New(Spec{
		Name: "bad", Zone: "Mars/Olympus_Mons",
		Week:     [7][]Interval{1: {{HM(9, 0), HM(9, 0)}}, 2: {{HM(9, 0), HM(25, 0)}}},
		Holidays: []Holiday{{Date: Date{2026, time.February, 30}}, {Date: Date{1800, time.January, 1}}},
		Closures: []Closure{{From: Date{2026, time.May, 2}, To: Date{2026, time.May, 1}}},
		Openings: []Opening{{Date: Date{2026, time.May, 2}}, {Date: Date{2026, time.May, 2}, Intervals: []Interval{nineToFive}}},
	})
	var ve *process.ValidationError
	require.True(t, errors.As(err, &ve), "got %v", err)
	assert.True(t, errors.Is(err, process.ErrInvalid))
	for _, want := range []string{"zone", "week[1][0]", "week[2][0].end", "holidays[0].date", "holidays[1].date",
		"closures[0].to", "openings[0].intervals", "openings[1].date"} {
		assert.True(t, ve.Has(want, nil), "want a finding at %s in %v", want, err)
	}

	_, err = New(Spec{Name: "overlap", Zone: "UTC", Week: [7][]Interval{
		1: {{HM(22, 0), HM(6, 0)}},
		2: {{HM(5, 0), HM(9, 0)}},
		3: {nineToFive, {HM(16, 0), HM(18, 0)}},
	}})
	require.True(t, errors.As(err, &ve), "got %v", err)
	assert.True(t, ve.Has("week[2]", process.ErrInvalidValue), "night shift overlaps the next morning: %v", err)
	assert.True(t, ve.Has("week[3]", process.ErrInvalidValue), "two intervals overlap: %v", err)

	_, err = New(Spec{Name: "nozone"})
	require.True(t, errors.As(err, &ve))
	assert.True(t, ve.Has("zone", process.ErrRequired))
	assert.True(t, strings.HasPrefix(err.Error(), `calendar: calendar "nozone" invalid: zone: `), "got %q", err)
}

func TestCalendarJSON(t *testing.T) {
	spec := Spec{
		Name: "office", Zone: "Europe/Berlin", Week: MondayToFriday(nineToFive, Interval{HM(22, 0), HM(2, 30)}),
		Holidays: []Holiday{{Name: "christmas", Date: Date{2020, time.December, 25}, Yearly: true}},
	}
	c := Must(spec)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	var back Spec
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, spec, back)
	assert.Contains(t, string(b), `"start":"22:00","end":"02:30"`)
	assert.Contains(t, string(b), `"date":"2020-12-25"`)
	assert.Error(t, json.Unmarshal([]byte(`{"week":[[{"start":"9:00","end":"17:00"}]]}`), &back))

	var cal Calendar
	err = json.Unmarshal([]byte(`{"name":"x","zone":7}`), &cal)
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	if assert.Error(t, err) {
		assert.True(t, strings.HasPrefix(err.Error(), "calendar: decode spec: "), "got %q", err)
	}
	err = json.Unmarshal([]byte(`{"name":"x","zone":"Nowhere/Else"}`), &cal)
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	assert.True(t, cal.around(), "a refused spec leaves the calendar unset")
}

// TestCalendarOddZones checks the library against the day stepper in zones
// whose changes are unusual: half-hour daylight saving (Lord Howe), changes
// at midnight (Havana, São Paulo until 2019), daylight saving suspended in
// Ramadan (Casablanca), negative daylight saving (Dublin), a two-hour change
// (Troll), a skipped calendar day (Apia, 30 December 2011), odd offsets
// (Chatham +12:45, Kathmandu +05:45).
func TestCalendarOddZones(t *testing.T) {
	zones := []string{"Australia/Lord_Howe", "America/Havana", "America/Sao_Paulo", "Africa/Casablanca",
		"Europe/Dublin", "Antarctica/Troll", "Pacific/Apia", "Pacific/Chatham", "Asia/Kathmandu", "Asia/Tehran"}
	weeks := map[string][7][]Interval{
		"24x7":   EveryDay(AllDay()),
		"office": MondayToFriday(nineToFive),
		"night":  EveryDay(Interval{HM(22, 30), HM(1, 30)}, Interval{HM(1, 45), HM(2, 15)}),
	}
	n := 300
	if testing.Short() {
		n = 40
	}
	r := rand.New(rand.NewPCG(9, 9))
	for _, z := range zones {
		for name, week := range weeks {
			t.Run(z+"/"+name, func(t *testing.T) {
				spec := Spec{Name: name, Zone: z, Week: week}
				c := Must(spec)
				p := newPeer(spec)
				base := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
				for range n {
					from := base.Add(time.Duration(r.Int64N(int64(40 * 365 * 24 * time.Hour))))
					to := from.Add(time.Duration(r.Int64N(int64(20 * 24 * time.Hour))))
					if got, want := c.BusinessTime(from, to), p.dayBusinessTime(from, to); got != want {
						t.Fatalf("BusinessTime(%s, %s) = %s, day stepper %s", from, to, got, want)
					}
					d := time.Duration(r.Int64N(int64(30 * time.Hour)))
					if got, want := c.Deadline(from, d), p.dayDeadline(from, d); !got.Equal(want) {
						t.Fatalf("Deadline(%s, %s) = %s, day stepper %s", from, d, got, want)
					}
				}
				// Around Apia's skipped day and each zone's 2011 changes.
				from := time.Date(2011, 12, 28, 0, 0, 0, 0, time.UTC)
				to := from.Add(5 * 24 * time.Hour)
				if got, want := c.BusinessTime(from, to), p.dayBusinessTime(from, to); got != want {
					t.Fatalf("BusinessTime(%s, %s) = %s, day stepper %s", from, to, got, want)
				}
			})
		}
	}
}

func TestCalendarConcurrent(t *testing.T) {
	c := Must(Spec{Name: "office", Zone: "Europe/Berlin", Week: MondayToFriday(nineToFive)})
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	want := c.BusinessTime(from, from.AddDate(1, 0, 0))
	done := make(chan time.Duration)
	for range 4 {
		go func() { done <- c.BusinessTime(from, from.AddDate(1, 0, 0)) }()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("concurrent BusinessTime = %s, want %s", got, want)
		}
	}
}
