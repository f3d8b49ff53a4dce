// Package process models the records, lifecycles and rules of the service
// management processes of ISO/IEC 20000-1:2011, Clauses 5 to 9 (but 6.4
// budgeting and 6.5 capacity, which have packages of their own), and the
// machinery every record of the library shares.
//
// # Records
//
// Every record embeds a [Header]: one [ID], a [RecordKind], a title, created
// and updated times, a lifecycle status, typed [Link]s to other records and an
// append-only history of [Event]s (4.3.3). Records are plain structs with
// exported fields and a Validate method that names every field at fault by
// its path in one [*ValidationError] ("targets[2].value: required").
// Constructors (NewIncident, NewRequestForChange, NewSLA, …) start a record
// with a fresh ID, its first history entry and its initial state.
//
// The records cover design and transition (ServicePlan, ServiceDesign,
// AcceptanceCriterion, TransitionReport), service level (Service,
// ServiceCatalogue, SLA, OLA, TargetMeasurement), reporting
// (ReportDefinition, ServiceReport), continuity and availability
// (ContinuityPlan, AvailabilityPlan, PlanTest, ContinuityInvocation),
// information security (SecurityPolicy, SecurityRiskAssessment,
// SecurityControl, AccessAgreement), business relationship (Customer,
// ServiceReview, Complaint, SatisfactionSurvey), supplier (ExternalSupplier,
// SupplierContract, SupplierReview, ContractDispute), incident and service
// request (Incident, ServiceRequest, MajorIncidentReview), problem
// (ProblemRecord, KnownError), configuration (CIType, ConfigurationItem,
// CIRelationship, ConfigurationBaseline, ConfigurationAudit), change
// (ChangePolicy, RequestForChange, ScheduleOfChange,
// PostImplementationReview) and release and deployment (ReleasePolicy,
// Release, ReleaseAcceptanceTest, Deployment, PostDeploymentReview).
//
// # Lifecycles, roles and segregation of duties
//
// Records with a lifecycle change state only through methods (inc.Resolve,
// rfc.Authorise, rel.Deploy), backed by a [Lifecycle] declared as data and
// readable with functions such as [IncidentLifecycle]. A move that needs a
// role is refused without it, and segregation of duties holds: the requester
// of a change is not its only approver, and who implemented it does not
// close its review alone. A refused move returns a [*TransitionError] that
// names the record, its state and the move, wraps a sentinel
// ([ErrInvalidTransition], [ErrForbidden], [ErrSegregation],
// [ErrPrecondition]) and leaves the record unchanged.
//
// # Storage
//
// A host gives the library its records through [Store], three methods over
// its own database; [NewMemStore] is the in-memory one, with referential
// checks and append-only histories. [Decode] reads any record from JSON by
// its kind.
//
// # Service hours, target clocks and priority
//
// A [Calendar] is compiled once from a [CalendarSpec] (weekly hours in an
// IANA zone, holidays, closures, exceptional openings) and answers
// BusinessTime and Deadline in constant time whatever the span, exactly
// across daylight-saving changes (6.1). A [Clock] runs a [Target] over a
// record's [Timeline], pausing and stopping on conditions of its state, and
// keeps the time used and paused when the record is re-prioritised or moved
// to another target (8.1). [ServiceTarget.Clock] turns an SLA's target into
// one. A [PriorityMatrix] (the default is [DefaultPriorityMatrix]) computes
// priority from impact and urgency and says which version did;
// [MajorCriteria] decides what is a major incident.
//
// # The CMDB and impact analysis
//
// An [Index] is a compact, immutable graph of configuration items and typed
// relationships ([BuildIndex], [IndexFromStore]), with redundancy groups
// that fail only when too few members are up. [Index.Impact] finds what a
// failed or changed item affects (or depends on) to any depth, with a path
// explaining each result (9.1). Around it: snapshots and baselines with
// their differences, CMDB health and its configuration audit, change risk
// and routing to design and transition ([AssessChange], [RouteChange]),
// conflicts in the schedule of change ([CheckSchedule]), release gates
// ([ReadinessFromStore]) and known-error matching ([MatchKnownErrors]).
//
// # Concurrency
//
// Records are not safe for concurrent mutation: give each goroutine its own,
// or copy with [Copy]. Lifecycles, calendars, priority matrices, the index
// and the other tables of the package are immutable and safe for concurrent
// use, as is [MemStore]. The package starts no goroutines and keeps no
// mutable package state.
package process
