// Package priority computes the priority of incidents, service requests and
// problems from their impact and urgency, and decides which incidents are
// major (ISO/IEC 20000-1:2011, 8.1, 8.2).
//
// A [Matrix] is the table agreed with the customer: its levels of impact
// and urgency, the priority of each pair, and what each priority promises
// (first response and resolution, on service hours or around the clock).
// [DefaultMatrix] is the library's three-by-three default. A [Resolver] picks
// the matrix in force for a record (its SLA's, else its service's, else a
// default), and [Classify] classifies an incident with the matrix and keeps
// in its history which matrix and version computed the priority, so that a
// later change of matrix leaves earlier priorities explained. An [Override]
// sets a priority by hand, with its reason, as a traceable change.
//
// [MajorCriteria] are the criteria of a major incident agreed with the
// customer (a priority, a critical service, a number of users, a security
// breach); [MajorCriteria.Evaluate] applies them to the [Facts] of an
// incident ([FactsOf]).
//
// The package reads and writes records of package process only through
// their exported methods; process does not import it. Matrices, resolvers
// and criteria are plain data: not safe for concurrent mutation, safe for
// concurrent reads once built. The package starts no goroutines.
package priority
