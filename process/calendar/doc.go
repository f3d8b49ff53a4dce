// Package calendar computes business time on service hours: how much of it
// lies between two instants and at which instant a given amount of it ends
// (ISO/IEC 20000-1:2011, 6.1: service targets run on the hours agreed in the
// SLA; 8.1: incident targets are measured against them).
//
// # Specs and calendars
//
// A [Spec] is the plain-data description of service hours, as an SLA or OLA
// agrees them: weekly hours per weekday (intervals of [TimeOfDay],
// [Interval], built with [Week], [MondayToFriday], [EveryDay] and [AllDay])
// in a named IANA time zone, holidays ([Holiday]), closures ([Closure]) and
// exceptional openings ([Opening]) on civil dates ([Date]). It reads and
// writes as JSON. [New] validates a spec, reporting every problem at once in
// one *[process.ValidationError], and compiles it into a [Calendar] (the
// shape of regexp.Compile; [Must] panics instead, for literals). A Calendar
// answers [Calendar.BusinessTime], [Calendar.Deadline] (forwards, and
// backwards for a negative delay) and [Calendar.Open]. A nil *Calendar, or
// a zero Calendar, is the 24x7 clock: business time is real elapsed time.
//
// A yearly holiday applies in every year the calendar compiles; a holiday
// with a [Feast] (Good Friday, Easter Monday, Ascension, Whit Monday,
// Corpus Christi and the others) falls each year on its date from Easter,
// so nobody types those dates in by hand.
//
// # Working days and the tools' conventions
//
// Targets stated in days ("resolve within 3 working days", as GLPI and
// ServiceNow offer them) count whole working days: a working day is a civil
// day with working time. [Calendar.AddWorkingDays] adds them (the start's
// day not counted, the time of day kept and clamped into the working span
// of the day reached), [Calendar.EndOfWorkingDay] gives the closing of a
// working day ("by the end of the next working day"),
// [Calendar.WorkingDays] counts them between two dates, and
// [Calendar.WorkingDay], [Calendar.HolidayOn], [Calendar.NextOpening] and
// [Calendar.NextClosing] answer the questions a service desk asks of its
// hours. Where tools place a deadline differently, [Options] names the
// choice and [Calendar.DeadlineWith] takes it: the library's default (and
// ServiceNow's and iTop's) ends a delay that uses up the day at the closing
// and a zero delay at its start; GLPI's moves both to the next opening.
// All of them cost the same for any span.
//
// # How time is counted
//
// Opening hours are wall-clock times in the calendar's zone, and business
// time is the real time that elapses while the calendar is open. So a
// 09:00–17:00 day is 8 hours on every day, daylight-saving days included,
// because the change happens at night; a 24x7 calendar counts real elapsed
// time, so its spring-forward day holds 23 hours and its fall-back day 25; a
// night shift 22:00–06:00 on the fall-back night holds 9 hours. A wall time
// that does not exist (skipped by a spring-forward change) stands for the
// instant of the change; a wall time that happens twice (repeated by a
// fall-back change) stands for its first occurrence. Results keep the
// caller's location, whatever the calendar's zone.
//
// Holidays and daylight-saving changes are compiled for the civil years
// [FirstYear] to [LastYear]; outside them the weekly hours apply with the
// zone's nearest offset.
//
// # Performance
//
// A Calendar answers millions of questions a second, at a cost independent
// of the span and of the number of holidays. [New] compiles the weekly
// hours into the business seconds of every weekday and of a whole week;
// every day that differs from its weekday (a holiday, a closure, an
// exceptional opening, the day after one of these when a shift crosses
// midnight, a daylight-saving day) is stored once, in order, with its real
// open intervals; and a lookup index of one cache line per 8 days gives the
// zone's offset, the business time accumulated before each of the days and
// which of them are special. The business time up to an instant is then
// one read of the index and a walk over the day's few pieces (its
// weekday's, or its own on a special day), so a span of one day or of ten
// years costs the same, and 200 holidays a year cost about as much as none;
// the instant a duration ends is found by galloping over the index from
// the start. No step walks minute by minute or day by day, and neither
// BusinessTime nor Deadline allocates. A compiled calendar with daylight
// saving and 200 holidays a year takes about 800 KB, most of it the index
// over the compiled years; compile it once and share it.
//
// # Concurrency
//
// A Calendar is immutable once built and safe for concurrent use by any
// number of goroutines; [Calendar.Spec] returns a copy. Decoding JSON into a
// Calendar replaces it, so a Calendar in use must not be decoded into. The
// package starts no goroutines and keeps no mutable package state.
package calendar
