// Package iso20000 is the root of a library that lets Go programs carry the
// service management system (SMS) of ISO/IEC 20000-1:2011, with the guidance
// of ISO/IEC 20000-2:2012.
//
// The packages:
//
//   - process: the records, lifecycles and rules of Clauses 5 to 9, the CMDB
//     and impact analysis, service calendars and target clocks.
//   - budgeting: budgeting and accounting for services (6.4), exact money.
//   - capacity: capacity management (6.5), utilisation and forecasts.
//   - interfaces: the process interfaces of Annex A as a validated graph.
//   - sms: the SMS of Clause 4 and the conformity self-assessment.
package iso20000
