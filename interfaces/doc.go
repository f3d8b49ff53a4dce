// Package interfaces models the process-interface graph of ISO/IEC 20000
// (ISO/IEC 20000-2:2012, Annex A, Tables A.1 to A.14): which of the fourteen
// service management processes of ISO/IEC 20000-1:2011 pass which records to
// which others, and how each process is integrated with the service
// management system (SMS) of Clause 4. The name refers to those process
// interfaces; the package declares no Go interfaces for callers to implement
// (it reads a host's records through [process.Store]).
//
// The graph:
//
//   - Nodes ([Node]) are the fourteen processes and the SMS elements (top
//     management, governance of other parties, documentation, resources, the
//     service management plan, monitoring, internal audit, management review
//     and continual improvement), each with its clause in the 2011 and the
//     2018 edition.
//   - Edges ([Edge]) are directed flows of records. Most provide records
//     the source owns to the target ([Provides]); some have the source raise
//     a record the target then owns ([Raises]): any process may raise a
//     request for change, which change management owns. Each edge has a
//     basis: [Required] when a requirement of ISO/IEC 20000-1:2011 names the
//     flow (the clauses are given), [Expected] when it is established
//     practice.
//   - Each process has a table (A.1 to A.14): every edge that touches it, in
//     and out, and its integration with the SMS, both the generic points
//     every process has (plan, documentation, resources, monitoring, audit,
//     review, improvement, governance of other parties) and the points
//     specific to it.
//
// [Standard] returns the library's catalogue: 74 edges between processes
// (43 required, 31 expected) and 12 process-specific SMS edges, built and
// validated once. [New] builds a custom graph (a vendor's variant, a
// researcher's model, a view under the 2018 edition) and reports every
// problem in it at once as a *[process.ValidationError].
//
// On a graph, [Check] compares what a host declares it has wired with the
// interfaces. On live records, [Audit] checks the interfaces over a period
// and [Related] gives, for one record, the records in other processes it is
// linked with and the records the interfaces say it calls for that are
// missing. Graphs write themselves as JSON (which [DecodeJSON] reads back),
// Graphviz DOT and Mermaid.
//
// The checks on live records are rules ([Rule]): data that says what a rule
// reads (a kind of record, and lookups through a [Context]), what it
// asserts, the interface it cites and the clause it rests on. [Rules] lists
// the library's: at least one on every required interface and on every
// expected one that records can show; [Coverage] gives, edge by edge, the
// rules and what Related reports under them, or why records cannot show
// the flow. Audit and Related run the same checks, so Related reports a
// record missing exactly when Audit finds that rule broken on the record,
// whatever order the store yields records in. An [Auditor] runs a host's
// own rules beside the library's, on its own graph, with its own [Policy]
// (the post-deployment window, review and reporting intervals, which
// changes need a security assessment), as of its own clock.
//
// A [Graph] is immutable and safe for concurrent use by many goroutines.
// Every list the package returns is a fresh copy, in a deterministic order.
// The package starts no goroutines and keeps no mutable package-level state.
package interfaces
