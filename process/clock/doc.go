// Package clock measures service targets on records: how much of the
// business time a target allows a record has used, whether its clock runs,
// is paused, at risk, met, breached or cancelled, and when the target runs
// out (ISO/IEC 20000-1:2011, 6.1: service targets are agreed in SLAs and
// OLAs and measured; 8.1: incidents and service requests are resolved
// within them).
//
// # Targets
//
// A [Target] says how much business time a record is allowed, on which
// calendar.Calendar (nil: around the clock), what share of it puts the clock
// at risk, its escalation levels, and which states of the record start,
// pause, stop, cancel or reset its clock, as conditions ([Condition]) on the
// record's state and pending reason. [Target.Validate] reports every field
// at fault in one *[process.ValidationError], and refuses a calendar that
// never opens, on which a clock would run for ever without a deadline.
//
// The time allowed is a Duration of business time ("resolve within 16
// office hours") or a number of working Days ("within 3 working days"). A
// Days target's allowance is fixed when its clock starts (and when it is
// reset): the business time from the start to the instant
// calendar.Calendar.AddWorkingDays gives, the same time of day so many
// working days on, holidays skipped. From then on its clock counts as a
// Duration target's does, so a clock that runs throughout is due at that
// instant, and pauses push the deadline out by the business time they
// take.
//
// An [Escalation] level is reached at a Share of the allowance, at Before
// the deadline, or After a given business time used, which may pass the
// deadline and needs none; the instant it is reached is found on the
// calendar from the clock's segments, exact to the nanosecond.
//
// [FromServiceTarget] turns the response or resolution target of an SLA or
// OLA ([process.ServiceTarget]) into one, on the calendar its service hours
// name: hours and minutes become a Duration, days on service hours working
// Days; the pending reasons the agreement lets pause the target
// ([process.ServiceTarget.Pause]) become its pause condition, so that an
// SLA's and an OLA's clocks on one record may pause for different waits.
// [FromMatrix] turns the targets of a priority matrix (package priority)
// into one per priority; [IncidentRules] gives the conditions that suit an
// incident's lifecycle, the template for both.
//
// # Clocks
//
// A [Clock] is a target applied to one record: its first target, an optional
// retroactive start, and the changes of target since ([Retarget]). [Clock.At]
// evaluates it over the record's timeline (a list of ticks ([Tick]), which
// [Timeline] derives from a record's history) at any instant and returns its
// [Status]: its [State], the business time used, left and spent paused, the
// deadline and the escalation levels reached. [Retargets] derives the changes
// of target from the history, for a record re-prioritised or moved to another
// SLA.
//
// A clock counts the business time it has used, segment by segment; it
// never recomputes a deadline from the record's opening. So when a record
// moves to another target mid-flight the time already used and the time
// spent paused are kept, and the new deadline is the instant the new
// target's remaining time runs out on the new target's calendar (a target
// in working days fixes its allowance from the clock's start).
//
// # Cost
//
// [Clock.At] takes one pass over the ticks and changes before the instant,
// and for each segment between them one call to the calendar's
// BusinessTime or Deadline, which cost the same whatever the span (see
// package calendar), plus a few for the status and, on a Days target, one
// AddWorkingDays at each start, reset or change, which costs the same for
// any number of days; it never steps through time. A clock over a record
// open for a year costs what one open for an hour with as many moves costs.
//
// # Concurrency
//
// [Target], [Clock] and [Status] are plain values. [Clock.At] does not
// change the clock, the ticks or the target's calendar (which is immutable),
// so any number of goroutines may evaluate one clock at once, as long as
// none of them changes it or its ticks meanwhile. The package starts no
// goroutines and keeps no mutable package state.
package clock
