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
// The records of Clause 4 have their types here, each embedding
// [process.Header] and validating with [process.ValidationError]: the
// [ScopeStatement], service management [Policy], [Objective] and [Plan]
// (approved by top management: [ScopeStatement.Lifecycle],
// [Policy.Lifecycle], [Objective.Lifecycle], [Plan.Lifecycle]); the
// [OtherParty] operating processes and the governance kept over it; the
// controlled [Document] ([Document.Lifecycle]); [CompetenceRecord] and
// [TrainingRecord]; the [InternalAudit] ([InternalAudit.Lifecycle]), whose
// auditors may not own what they audit, and its [AuditFinding]; the
// [ManagementReview] with its defined inputs; the [Nonconformity]
// ([Nonconformity.Lifecycle]), and the [CorrectiveAction],
// [PreventiveAction] and [Improvement], which move from recorded to closed
// along their lifecycles ([CorrectiveAction.Lifecycle],
// [PreventiveAction.Lifecycle], [Improvement.Lifecycle]) and are measured
// against their targets. As in package process, a record type with a
// lifecycle returns it from its Lifecycle method, which does not read its
// receiver: (*sms.Policy)(nil).Lifecycle() is the policy's lifecycle.
// [Decode] reads a record of any kind of the module from JSON: these kinds
// into these types, the kinds of budgeting and capacity through their
// packages' decoders, the other kinds of the module through
// [process.Decode]; any other kind, a host's custom kinds ("x-…") among
// them, is refused with an error wrapping [process.ErrUnknownKind].
// [Assess] counts them as evidence like any other record.
//
// The enumerations of the package (the states of each lifecycle,
// [FindingType], [ReviewInput], [Status]) follow the module's one encoding
// rule, through [process.MarshalEnum] and [process.UnmarshalEnum]: a known
// value reads and writes as its code, "" as unset (so the zero record
// encodes, and Validate reports what it lacks), and any other value is
// refused with an error wrapping [process.ErrInvalidValue]. Errors name
// the package: a [process.ValidationError] or [process.TransitionError] of
// one of these records reads "sms: …".
//
// Records are not safe for concurrent mutation: give each goroutine its
// own, or copy with [process.Copy]. The lifecycles and the catalogue are
// immutable and safe for concurrent use, and [Assess] is safe to call
// concurrently when the store is. The package starts no goroutines and
// keeps no mutable package state.
package sms
