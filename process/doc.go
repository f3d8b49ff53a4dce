// Package process models the records, lifecycles and rules of the service
// management processes of ISO/IEC 20000-1:2011, Clauses 5 to 9 (but 6.4
// budgeting and 6.5 capacity, which have packages of their own), and the
// machinery every record of the module shares.
//
// # Records
//
// Every record embeds a [Header]: one [ID], a [RecordKind], a title, created
// and updated times, a lifecycle status, typed links to other records
// ([Link]) and an append-only history of events ([Event]) (4.3.3). Records
// are plain structs with exported fields and a Validate method that names
// every field at fault by its path in one [*ValidationError]
// ("targets[2].value: required"). Constructors (NewIncident,
// NewRequestForChange, NewSLA, …) start a record with a fresh ID, its first
// history entry and its initial state.
//
// The records cover design and transition (ServicePlan, ServiceDesign,
// AcceptanceCriterion, TransitionReport), service level (Service,
// ServiceCatalogue, SLA, OLA, TargetMeasurement), reporting
// (ReportDefinition, ServiceReport), continuity and availability
// (ContinuityPlan, AvailabilityPlan, PlanTest, ContinuityInvocation),
// information security (SecurityPolicy, SecurityRiskAssessment,
// SecurityControl, AccessAgreement), business relationship (Customer,
// ServiceReview, Complaint, SatisfactionSurvey), supplier (Supplier,
// SupplierContract, SupplierReview, ContractDispute), incident and service
// request (Incident, ServiceRequest, MajorIncidentReview), problem (Problem,
// KnownError), configuration (CIType, ConfigurationItem, CIRelationship,
// ConfigurationBaseline, ConfigurationAudit), change (ChangePolicy,
// RequestForChange, ScheduleOfChange, PostImplementationReview) and release
// and deployment (ReleasePolicy, Release, ReleaseAcceptanceTest, Deployment,
// PostDeploymentReview). The fourteen processes are the [Process] constants,
// named as the standard names them ([ProblemManagement],
// [ChangeManagement], …), so that the records have the nouns.
//
// # Lifecycles, roles and segregation of duties
//
// Records with a lifecycle change state only through methods (inc.Resolve,
// rfc.Authorise, rel.Deploy), backed by a [Lifecycle] declared as data and
// returned by the record's Lifecycle method ([Incident.Lifecycle]). A move
// that needs a role is refused without it, and segregation of duties holds:
// the requester of a change is not its only approver, and who implemented it
// does not close its review alone. A refused move returns a
// [*TransitionError] that names the record, its state and the move, wraps a
// sentinel ([ErrInvalidTransition], [ErrForbidden], [ErrSegregation],
// [ErrPrecondition]) and leaves the record unchanged.
//
// Record types of other packages (sms, budgeting, capacity, a host's own)
// drive lifecycles of their own with the same machinery: [NewLifecycle] or
// [MustLifecycle] declare one, [Lifecycle.Start] sets a new record's state,
// [Lifecycle.Apply] makes a move, [Lifecycle.ValidateState] checks the state
// in Validate, [ValidateHeader] checks the header, and [Header.CheckEvent]
// checks an actor and a time before several records change together.
//
// # Conventions of the module
//
// The packages of the module hold to three rules, each checked by a test
// that walks the whole module's source:
//
//   - Who and when. An exported method that takes an [Actor] takes
//     (by Actor, at time.Time) first, right after its receiver:
//     inc.Resolve(by, at, note). An exported function, a constructor among
//     them, takes them last: NewIncident(title, by, at).
//   - Enumerations. A typed string with a Valid method encodes by one rule
//     ([Enum], [MarshalEnum], [UnmarshalEnum]): a known value as its code,
//     the zero value "" as unset (so json.Marshal of a zero record works and
//     Validate reports the field as required), anything else refused with an
//     error wrapping [ErrInvalidValue] that leaves the destination unchanged.
//   - Errors name their package: "process: …", "sms: …", "budgeting: …"
//     ([ValidationError.Package], [RecordKind.Package]), wrap a sentinel of
//     this package, and are matched with errors.Is and errors.As.
//
// # Storage
//
// A host gives the library its records through [Store], three methods over
// its own database; [NewMemStore] is the in-memory one, which keeps its own
// copies. [Decode] reads a record of any kind of this package from JSON;
// sms.Decode reads a record of any kind of the module (Clause 4, budgeting
// and capacity records included), refusing numbers past [MaxDigits] and
// [MaxExponent] before it parses them.
//
// # Trust
//
// Every write passes one gate, [Check], in the in-memory store and in a
// host's own: the record validates; its status is where its history's
// moves lead ([Lifecycle.ValidateState]); the fields that carry
// accountability (requester, approvals, implementer, priority, accepter)
// match the history entries that set them; a [Bound] record still holds
// what its approval bound; its links are those its history added; its
// history extends the stored one; and the rules that span records hold.
// Actors are the host's user IDs ([Actor], [CheckIdentity]), compared
// exactly. [Set] refuses the header and the fields a [Guarded] record
// protects ([ErrProtected]). Records from another tool come in through
// [Import], with their real history and source named, and nothing invented
// (process/itsm replays ServiceNow, GLPI and iTop audit rows through it). A
// value the source did not record is [Unrecorded], never empty. The Open
// methods ([Incident.Open], [RequestForChange.Open], …) record a record
// filled as a literal, reporting every missing field at once.
//
// # Engines in packages of their own
//
// The engines that records do not depend on live beside this package and
// import it; it imports none of them:
//
//   - process/calendar: service hours (weekly hours in an IANA zone,
//     holidays, closures, openings) and business time across daylight saving;
//   - process/clock: target clocks over a record's history, with pauses,
//     escalation and re-prioritisation, made from an SLA's service target or
//     a priority matrix;
//   - process/priority: priority from impact and urgency by a versioned
//     matrix, overrides with their reason, the criteria of a major incident;
//   - process/cmdb: the compiled CMDB index and impact analysis, snapshots
//     and baseline differences, CMDB health, and the change and release rules
//     that run on the index or beside it (change risk and routing, schedule
//     conflicts, release readiness, the post-deployment window, known-error
//     matching);
//   - process/sqlstore: a [Store] on database/sql for SQLite and PostgreSQL,
//     every write checked by [Check] in its transaction;
//   - process/itsm: ServiceNow, GLPI and iTop mapped onto the records and
//     back, and their audit rows replayed through [Import].
//
// Beside them, process/cmdbgen generates seeded CMDBs for benchmarks, and
// process/processtest holds the fixtures and convention checks the
// module's tests share.
//
// # Concurrency
//
// Records are not safe for concurrent mutation: give each goroutine its own,
// or copy with [Copy]. Lifecycles and the other tables of the package are
// immutable and safe for concurrent use, as is [MemStore]. The package
// starts no goroutines and keeps no mutable package state.
package process
