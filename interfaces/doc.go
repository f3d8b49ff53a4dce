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
// interfaces, [Audit] checks the required interfaces on live records, and
// [Related] finds, for one record, the records in other processes that it is
// linked with or that the interfaces say it calls for. Graphs write
// themselves as JSON (which [DecodeJSON] reads back), Graphviz DOT and
// Mermaid.
//
// A [Graph] is immutable and safe for concurrent use by many goroutines.
// Every list the package returns is a fresh copy, in a deterministic order.
// The package starts no goroutines and keeps no mutable package-level state.
package interfaces
