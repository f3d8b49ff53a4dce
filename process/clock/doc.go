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
// record's state and pending reason. [FromServiceTarget] turns the response
// or resolution target of an SLA or OLA ([process.ServiceTarget]) into one,
// on the calendar its service hours name; [FromMatrix] turns the targets of a
// priority matrix (package priority) into one per priority; [IncidentRules]
// gives the conditions that suit an incident's lifecycle. [Target.Validate]
// reports every field at fault in one *[process.ValidationError].
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
// target's remaining time runs out on the new target's calendar.
//
// # Cost
//
// [Clock.At] takes one pass over the ticks and changes before the instant,
// and for each segment between them one call to the calendar's
// BusinessTime or Deadline, which cost the same whatever the span (see
// package calendar); it never steps through time. A clock over a record
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
