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
// rounds. Amounts, weights, rates, prices and quantities are held to the
// module's limits on untrusted numbers ([process.MaxDigits] significant
// digits, an exponent within ±[process.MaxExponent]): past them a number
// would make arithmetic or printing hang, and every entry point refuses it
// with [process.ErrTooLarge], decoding before it parses the number.
//
// # Apportionment
//
// Every apportionment adds up exactly, in the currency's minor unit, to the
// amount apportioned. Each indirect entry is split by its rule on its own
// (so any entry's split can be explained with [Apportioner.Split]), and each
// shared service's total per period and category is split by its rule when
// it steps down. A split gives each service the floor of its exact share,
// and the units left over go one each to the services with the largest
// remainders, ties going to the lower service ID (largest-remainder, also
// called Hamilton's method). Shared services pass their costs on by the
// step-down method, in an order derived from their rules; a cycle between
// shared services is refused with [ErrCycle] (the reciprocal method is not
// used). An [Allocation] says, per service and period, where every amount
// came from (directly, by which rule, or stepped down from which shared
// service, with the number of entries), and gives each service's cost by
// category.
//
// # Performance
//
// [Apportioner.Apportion] is built for a million cost entries a period over
// thousands of services: it reads each entry's decimal amount once into
// int64 minor units, looks its rule up in an open-addressing table whose
// slots hold the rule's weights in one cache line, splits with 128-bit
// integer arithmetic, and accumulates into flat int64 arrays (per service
// and category, and per source for the trace), spilling into big integers
// only on overflow. It looks entries up in small batches so that their cache
// misses overlap, and it allocates nothing per entry: its memory is in
// proportion to services and rules, not to entries. A [Ledger] holds entries
// booked once, checked and converted, in 32 bytes each; apportioning a
// ledger ([Apportioner.ApportionLedger]) gives the same allocation faster,
// for hosts that report on the same entries more than once. A [CostReport]
// keeps its figures in int64 minor units (exact big integers past them) and
// builds decimals only when asked: [CostReport.Lines] and
// [CostReport.Totals] give money, [CostReport.MinorLines] and
// [CostReport.MinorTotals] the same figures in minor units with nothing
// allocated per line, or [ErrOverflow] when a figure does not fit an int64
// (never a wrapped or rounded one). bench_test.go measures apportionment and
// reports beside plain int64 arithmetic and naive per-entry decimal
// arithmetic, which must agree with them to the cent, timing the three as a
// set in each round.
//
// # Records
//
// A [Budget] is a record (process.KindBudget) with a header, a history and
// the lifecycle of [Budget.Lifecycle]. Its moves ([Budget.Approve],
// [Budget.Vary], [Budget.Close]) take the actor and time first, (by, at,
// …), as every method of the module that takes an actor does (functions and
// constructors such as [NewBudget] take them last), and append who did what
// and when to the history. Cost entries, apportionment rules, cost reports
// and charges are plain values. [Decode] decodes a budgeting record from its
// JSON by its "kind" field; nothing is registered anywhere.
//
// # Enumerations
//
// The enumerations ([Category], [Nature], [Behaviour], [Expense], [Basis],
// [SourceKind], [BudgetState], [RecoveryStatus], [Currency]) are typed
// strings whose zero value "" means unset. They follow the module's one
// encoding rule ([process.Enum]): a known value encodes as its code, ""
// encodes and decodes as unset (so the zero value of every type marshals),
// and any other value is refused with an error wrapping
// [process.ErrInvalidValue], leaving the destination unchanged. A refused
// [Currency] also matches [ErrUnknownCurrency]; codes are upper case, as
// ISO 4217 writes them.
//
// # Errors
//
// Bad input changes nothing and gets a matchable error whose message starts
// "budgeting: ": validation failures are *[process.ValidationError] with
// field paths; refused moves are *[process.TransitionError]; kinds of
// failure are the sentinels [ErrUnknownCurrency], [ErrPrecision],
// [ErrZeroDriver], [ErrCycle], [ErrCurrencyMismatch], [ErrMissingRate],
// [ErrOverflow],
// [ErrOverLimit] (which also matches [process.ErrForbidden]),
// [process.ErrSegregation] and [process.ErrTooLarge].
//
// # Concurrency
//
// Values built by this package ([Apportioner], [Allocation], [Rates],
// [CostReport]) are immutable once built and safe for concurrent use; a
// [Budget] is a record and is not safe for concurrent mutation. The package
// starts no goroutines and keeps no mutable package state.
package budgeting
