// Package report computes service reports and availability from the
// records of the service management system (ISO/IEC 20000-1:2011, 6.2
// service reporting, 6.3.2 availability, 6.1 service targets), so that a
// host never computes a figure the records hold.
//
// # A ticket's targets
//
// [Ticket] gives, in one call, where an incident or service request
// stands against every response and resolution target of its SLA at an
// instant: the business time used on the target's service hours, the time
// paused as the ticket's history shows, the deadline and the state
// (running, at risk, met, breached), kept across re-prioritisation. It
// builds on package clock (the target clocks) and package calendar (the
// service hours, right across daylight-saving changes and holidays).
// A [process.ServiceTarget] has no priority field: a target applies to
// the priorities its name holds as words ("P1 resolution"), or to every
// priority when it names none.
//
// # Availability
//
// [Availability] measures a service over a period on the service hours of
// its SLA's availability target: outages from incidents (an incident has
// no outage flag, so by default a major or priority 1 incident of the
// service marks one; the host may say otherwise), planned downtime from
// the implementation windows of changes to the service, counted against
// availability or taken out of the agreed service time as the host says
// (the SLA has no field for it), the share achieved against the target,
// MTBF and MTRS, and the unplanned outages to investigate.
//
// # Reports
//
// [Build] reads a [process.Store] and computes the content of a service
// report for services, or a customer's services, and a period: performance
// against each target per priority, availability, significant events
// (major incidents, deployments of releases that change the services,
// continuity invocations), workload by kind against the earlier periods,
// nonconformities (breached targets, missed availability and the SMS's
// nonconformity records, read by their headers), trends, satisfaction and
// complaints, and the decisions and actions recorded on earlier reports of
// the same definition. [Report.ServiceReport] fills the report record, one
// section per topic; [Report.WriteJSON] and [Report.WriteMarkdown] write
// it, the Markdown with inline SVG charts drawn by hand.
//
// # Graphs
//
// [CMDBGraph] and [DependencyTree] draw the CMDB, and the tree of what a
// service depends on from the CMDB index of package cmdb, as Graphviz DOT
// and Mermaid, as package interfaces draws the process-interface graph.
//
// # Concurrency and determinism
//
// The functions are synchronous, start no goroutines and keep no state;
// they read their arguments and the store and change neither. The same
// records give the same figures and the same bytes, in the same order.
package report
