// Package process models the records, lifecycles and rules of the service
// management processes of ISO/IEC 20000-1:2011, Clauses 5 to 9 (but 6.4
// budgeting and 6.5 capacity, which have packages of their own), and the
// machinery every record of the library shares.
//
// # Records
//
// Every record embeds a [Header]: one [ID], a [RecordKind], a title, created
// and updated times, a lifecycle status, typed [Link]s to other records and an
// append-only history of [Event]s. Records are plain structs with exported
// fields and a Validate method that names every field at fault by its path in
// one [*ValidationError].
//
// # Lifecycles
//
// Records with a lifecycle change state only through methods, backed by a
// [Lifecycle] declared as data. A refused move returns a [*TransitionError]
// that names the record, its state and the move, wraps a sentinel
// ([ErrInvalidTransition], [ErrForbidden], [ErrSegregation],
// [ErrPrecondition]) and leaves the record unchanged.
//
// # Storage
//
// A host gives the library its records through [Store]; [NewMemStore] is the
// in-memory one.
//
// # Concurrency
//
// Records are not safe for concurrent mutation. Lifecycles, link rules and
// the other tables of the package are immutable and safe for concurrent use,
// as is [MemStore].
package process
