package calendar

import (
	"slices"
	"time"
)

// Week returns weekly hours open with the intervals ivs on the given
// weekdays, for [Spec.Week] (ISO/IEC 20000-1:2011, 6.1).
func Week(days []time.Weekday, ivs ...Interval) [7][]Interval {
	var w [7][]Interval
	for _, d := range days {
		if d >= time.Sunday && d <= time.Saturday {
			w[d] = slices.Clone(ivs)
		}
	}
	return w
}

// MondayToFriday returns weekly hours open with the intervals ivs from
// Monday to Friday, for [Spec.Week] (ISO/IEC 20000-1:2011, 6.1).
func MondayToFriday(ivs ...Interval) [7][]Interval {
	return Week([]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, ivs...)
}

// EveryDay returns weekly hours open with the intervals ivs every day of
// the week, for [Spec.Week]; EveryDay(AllDay()) is 24x7 (ISO/IEC
// 20000-1:2011, 6.1).
func EveryDay(ivs ...Interval) [7][]Interval {
	return Week([]time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}, ivs...)
}

// AllDay returns the interval of a whole day, 00:00–24:00 (ISO/IEC
// 20000-1:2011, 6.1).
func AllDay() Interval { return Interval{0, secondsPerDay} }

// Holiday is a date on which the service hours are closed (ISO/IEC
// 20000-1:2011, 6.1). A Yearly holiday recurs on the same month and day in
// every year the calendar compiles, before the year of Date too (29
// February only in leap years); the year of Date is then only where it was
// first entered. A holiday with a Feast recurs every year on that movable
// feast, computed from Easter, and has no Date.
type Holiday struct {
	Name   string `json:"name,omitempty"`
	Date   Date   `json:"date,omitzero"`
	Yearly bool   `json:"yearly,omitempty"`
	Feast  Feast  `json:"feast,omitempty"`
}

// Closure is a one-off closure of the service hours from one date to
// another, both included (ISO/IEC 20000-1:2011, 6.1), such as an office
// move or a year-end shutdown.
type Closure struct {
	Name string `json:"name,omitempty"`
	From Date   `json:"from"`
	To   Date   `json:"to"`
}

// Opening is an exceptional opening: on Date the calendar is open in the
// given intervals instead of its weekly hours, even if the date is a holiday
// or closed (ISO/IEC 20000-1:2011, 6.1: exceptions agreed in the SLA).
type Opening struct {
	Name      string     `json:"name,omitempty"`
	Date      Date       `json:"date"`
	Intervals []Interval `json:"intervals"`
}

// Spec is the plain-data description of service hours, as agreed in
// an SLA or OLA (ISO/IEC 20000-1:2011, 6.1): weekly hours per weekday in a
// named IANA time zone, holidays, closures and exceptional openings. Build a
// [Calendar] from it with [New]. It reads and writes as JSON; Week
// is indexed by [time.Weekday], Sunday first.
type Spec struct {
	Name     string        `json:"name"`
	Zone     string        `json:"zone"`
	Week     [7][]Interval `json:"week"`
	Holidays []Holiday     `json:"holidays,omitempty"`
	Closures []Closure     `json:"closures,omitempty"`
	Openings []Opening     `json:"openings,omitempty"`
}

// cloneSpec returns a deep copy of s.
func cloneSpec(s Spec) Spec {
	for d := range 7 {
		s.Week[d] = slices.Clone(s.Week[d])
	}
	s.Holidays = slices.Clone(s.Holidays)
	s.Closures = slices.Clone(s.Closures)
	s.Openings = slices.Clone(s.Openings)
	for i := range s.Openings {
		s.Openings[i].Intervals = slices.Clone(s.Openings[i].Intervals)
	}
	return s
}
