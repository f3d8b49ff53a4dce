// Package budgeting carries budgeting and accounting for services
// (ISO/IEC 20000-1:2011, 6.4): exact money in ISO 4217 currencies, cost
// entries by category, allocation of direct costs and apportionment of
// indirect costs to services (fixed shares, drivers, even split, step-down
// through shared services), budgets per service and period built from a base
// and the planned changes of the period with approval limits, accounting of
// actual against budget and forecast, charging and its reconciliation to
// costs, dated exchange rates, and reports as Go values, JSON and CSV.
//
// # Money
//
// Money is [decimal.Decimal] with a [Currency]; nothing here is a float. At
// the API amounts are decimals; inside, the package computes in int64 minor
// units of the currency (cents) with every product and sum checked for
// overflow, and falls back to exact big integers for a value that does not
// fit. Amounts finer than the currency's minor unit are refused
// ([ErrPrecision]) rather than rounded, except where the package computes a
// product (rate × effort, price × quantity, an exchange rate) and says how it
// rounds.
//
// # Apportionment
//
// Every apportionment adds up exactly, in the currency's minor unit, to the
// amount apportioned: each service first gets the floor of its exact share,
// and the units left over go one each to the services with the largest
// remainders, ties going to the lower service ID (largest-remainder, also
// called Hamilton's method). Shared services pass their costs on by the
// step-down method, in an order derived from their rules; a cycle between
// shared services is refused with [ErrCycle] (the reciprocal method is not
// used). An [Allocation] says, per service, where every amount came from.
//
// # Errors
//
// Bad input changes nothing and gets a matchable error: validation failures
// are *[process.ValidationError] with field paths; kinds of failure are the
// sentinels [ErrUnknownCurrency], [ErrPrecision], [ErrZeroDriver],
// [ErrCycle], [ErrCurrencyMismatch], [ErrMissingRate], [ErrOverLimit]
// (which also matches [process.ErrForbidden]) and [process.ErrSegregation].
//
// # Concurrency
//
// Values built by this package ([Apportioner], [Allocation], [Rates],
// [CostReport]) are immutable once built and safe for concurrent use; a
// [Budget] is a record and is not safe for concurrent mutation. The package
// starts no goroutines and keeps no mutable package state.
package budgeting
