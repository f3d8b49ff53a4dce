// Package iso20000 is the root of a library that lets Go programs carry the
// service management system (SMS) of ISO/IEC 20000-1:2011, with the guidance
// of ISO/IEC 20000-2:2012. The root holds this overview only; the work is in
// the packages below.
//
// # Packages
//
//   - [github.com/smskit/iso20000/process]: the records, lifecycles and rules
//     of Clauses 5 to 9 (design and transition, service level, reporting,
//     continuity and availability, information security, business
//     relationship, supplier, incident and service request, problem,
//     configuration, change, release and deployment); the record machinery
//     every package shares (IDs, typed links, append-only histories, one
//     validation error type, lifecycles, the enumeration rule); the Store a
//     host implements.
//   - [github.com/smskit/iso20000/process/calendar]: service hours and
//     business time, right across daylight saving.
//   - [github.com/smskit/iso20000/process/clock]: target clocks over a
//     record's history, made from an SLA's targets or a priority matrix.
//   - [github.com/smskit/iso20000/process/priority]: priority from impact
//     and urgency, overrides, the criteria of a major incident.
//   - [github.com/smskit/iso20000/process/cmdb]: the CMDB engine (index,
//     impact analysis, snapshots, health) and the change and release rules
//     that run on it.
//   - [github.com/smskit/iso20000/process/report]: service reports and
//     availability computed from the records (6.1, 6.2, 6.3.2), a ticket's
//     whole target status in one call, the CMDB and a service's dependency
//     tree as DOT and Mermaid.
//   - [github.com/smskit/iso20000/process/sqlstore]: a process.Store on
//     database/sql for SQLite and PostgreSQL, every write checked in its
//     transaction.
//   - [github.com/smskit/iso20000/process/itsm]: ServiceNow, GLPI and iTop
//     mapped onto the records and back; a tool's audit rows replayed
//     through the checked import.
//   - [github.com/smskit/iso20000/process/cmdbgen]: the seeded CMDB
//     generator the benchmarks and the SQL peer share.
//   - [github.com/smskit/iso20000/process/processtest]: the fixtures and
//     convention checks the module's tests share, for a host's tests too.
//   - [github.com/smskit/iso20000/budgeting]: budgeting and accounting for
//     services (6.4), exact to the cent.
//   - [github.com/smskit/iso20000/capacity]: capacity management (6.5):
//     utilisation, forecasts, the capacity plan.
//   - [github.com/smskit/iso20000/interfaces]: the process interfaces of
//     Annex A (Tables A.1 to A.14) as an immutable, validated graph, with
//     integration checks on a host's design and on its live records.
//   - [github.com/smskit/iso20000/sms]: the records of Clause 4, the
//     requirements of Clauses 4 to 9, a conformity self-assessment, and a
//     decoder for a record of any kind of the module.
//
// Imports go one way: process imports none of the others; its subpackages,
// budgeting and capacity import process; interfaces imports process,
// budgeting and capacity; sms may import them all.
//
// # Start here
//
// The command in examples/provider (go run ./examples/provider) runs a
// generated provider through a quarter with every package of the module
// and writes what the SMS reports: service reports, the capacity plan, the
// cost report, the conformity assessment, the interface audit and the
// graphs. Its source is the longest worked example of the API.
//
// # How data flows
//
// A host keeps its records as the types of these packages (or decodes them
// from JSON with sms.Decode) and gives the library access to them through a
// process.Store. Lifecycle moves happen on the records themselves and are
// refused, changing nothing, when the move, role or segregation of duties
// does not allow them. The interfaces package reads the same store to audit
// that the processes are integrated and to find the records an event calls
// for in other processes; budgeting and capacity read process records by ID;
// sms reads the store to assess conformity.
//
// Every write passes one gate, process.Check, whatever the store: the
// record is valid, its status and accountability fields are what its
// history says, an approval still matches what it approved, and the rules
// that span records hold. Actors are the host's user IDs, compared exactly.
// Records from another tool come in through process.Import, with their
// real history and source.
//
// # Example
//
//	desk := process.Actor{ID: "u-1042", Roles: []process.Role{process.RoleServiceDesk}} // the host's user ID
//	now := time.Now()
//	store := process.NewMemStore()
//	mail := process.NewService("E-mail", "olga", desk, now)
//	mail.Description, mail.Criticality = "Mailboxes for every employee", process.CriticalityHigh
//	_ = store.Put(mail)
//	inc := process.NewIncident("Mail is down", desk, now)
//	inc.Description, inc.Reporter = "No mail since 09:00", "a user"
//	_ = inc.Classify(desk, now, "email", process.LevelHigh, process.LevelMedium, 2)
//	_ = inc.SetService(desk, now, mail.ID)
//	err := inc.Close(desk, now)                               // refused: new → closed is not a move
//	fmt.Println(errors.Is(err, process.ErrInvalidTransition)) // true
//	_ = store.Put(inc)                                        // process.Check: validated, history explains it, links stored
//	q1 := process.Window{Start: now.AddDate(0, -3, 0), End: now}
//	rep, _ := sms.Assess(sms.System{Name: "acme"}, store, sms.Options{Period: q1}) // conformity, clause by clause
//	_ = rep.WriteMarkdown(os.Stdout, sms.Edition2018)
package iso20000
