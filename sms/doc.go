// Package sms models the service management system itself, Clause 4 of
// ISO/IEC 20000-1:2011, and assesses conformity to the requirements of
// Clauses 4 to 9.
//
// [Requirements] is the catalogue of requirements in the library's own words,
// each with its clause and the kinds of record that show it is met.
// [Assess] reads a host's records through a [process.Store] and returns a gap
// report (met, partly met, not met, not applicable, with the evidence found
// and missing), printable as text and JSON.
//
// Everything in the package is safe for concurrent use; the catalogue is
// immutable.
package sms
