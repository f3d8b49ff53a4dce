// Package sms models the service management system itself, Clause 4 of
// ISO/IEC 20000-1:2011, and assesses conformity to the requirements of
// Clauses 4 to 9.
//
// # The conformity self-assessment
//
// [Requirements] is the catalogue: one checkable statement per
// requirement of Clauses 4 to 9, in the library's own words, each with
// its 2011 clause, the 2018 clauses that carry it, its process, how it is
// shown, and the [Rule] values that judge it. Rules are data, never a
// switch per requirement: the record kinds that count, the states that
// count at the end of the period (as each record's history tells), how
// recent a record must be (inside the period, or within an interval
// before its end; not overdue by its next due date), the links or
// references it must hold, the share of some other kind it must cover
// ("each supplier has a contract"), the interface audit's findings
// (package interfaces) for the integration requirements, a computed check
// of [Checks] for what fields cannot say (competence per role, the plan's
// interfaces against the interface graph, retention, the effectiveness of
// corrective actions), or an [Attestation] for what no record can show:
// who stated it, when, backed by which controlled document, until when. A
// record that does not validate never counts. A host appends its own
// requirements to the catalogue; a researcher reads the rules as JSON.
//
// [Assess] judges the catalogue against a host's records read through a
// [process.Store] over an assessment period ([Options]) and returns a
// [Report]: met, partly met or not met per requirement, with the records
// that counted and why, what is missing, and the rule that judged; the
// totals, summaries per clause and per process, and a score. No
// requirement can be excluded (ISO/IEC 20000-1:2011, 1.2): processes that
// other parties operate ([System].OperatedByOthers) are judged on the same
// rules and must also show the provider's governance of them (4.2), with a
// warning when others operate most of them (ISO/IEC 20000-2:2012, 1.2).
// The empty store meets nothing. The report is a Go value, JSON
// ([Report.JSON]) and Markdown in either numbering
// ([Report.WriteMarkdown]).
//
// The rules of Clause 4 that span records are kept at write time too: a
// [Nonconformity] closes only when its corrective actions are stored,
// closed and met their targets ([Nonconformity.CrossCheck], run by
// [process.Check]); [System.Disposable] refuses to dispose of a record
// under its retention period; [CompetenceGaps] lists the plan's roles
// whose holders lack a competence record; [PlanInterfaces] writes the
// plan's interfaces from an interface graph, so that plan and graph cannot
// drift.
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
