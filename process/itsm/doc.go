// Package itsm maps the records of three ITSM tools, ServiceNow, GLPI and
// iTop, onto the library's records and back, and replays a tool's audit
// rows into a record through the checked import ([process.Import]), so a
// provider that moves to the library, or runs it beside its tool, brings
// its tickets in with their real history (ISO/IEC 20000-1:2011, 4.3.3;
// 8.1 incidents, 8.2 problems, 9.1 configuration items, 9.2 changes).
//
// # Mappings
//
// A [Tool] holds, as data, the tool's tables for incidents, problems,
// changes and configuration items, each field's name in the tool and in
// its audit rows, the library field it maps onto, and the codes and
// labels of coded fields (states, hold reasons, impact, urgency,
// priority). [ServiceNow], [GLPI] and [ITop] are the library's; each
// doc comment names the documented field names and codes it uses. A
// code a tool does not have is refused, or, for the fields whose values
// an installation defines (groups, categories, resolution codes, pending
// reasons, impact and urgency), kept as [process.Unrecorded] and
// reported; nothing is guessed.
//
// # Replay
//
// [Replay] takes the ordered audit rows of one record ([Row], read by
// [ReadRows] from the tool's CSV or JSON) and makes each the library's
// move or audited write: a group set on a new ticket assigns it, a state
// moved back to New returns it to the queue ([process.Incident.Unassign]),
// a hold reason changed while on hold is a move pending → pending, a
// ticket closed without a resolution is cancelled, a resolved one moved
// back to work is reopened, an edit after resolution is an audited write.
// A [Report] lists every row it could not place and why (each reason a
// rule of the library, wrapping its sentinel), and the values it kept as
// unrecorded. An incident that names only a configuration item gets its
// service from the host's CMDB when [Options.ServiceOf] allows it, and the
// history says so ([process.Incident.DeriveService]).
//
// # Export
//
// [Export] writes a record as the tool holds it: a [Ticket] with the
// tool's field names and codes, and its history as the tool's audit rows,
// which Replay reads back into the same record. The tests hold every tool
// and record kind to that round trip.
//
// # Concurrency
//
// Tools are immutable and safe for concurrent use; Replay and Export keep
// nothing between calls. The package starts no goroutines and keeps no
// mutable package state.
package itsm
