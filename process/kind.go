package process

import (
	"fmt"
	"strings"
)

// RecordKind names a kind of record the service management system keeps: a
// stable kebab-case identifier used in JSON and in the interface graph. Every
// kind has an owner, the process that creates and maintains it, or the SMS
// itself for the records of Clause 4 (ISO/IEC 20000-1:2011, 4.3.3). A host may
// add its own kinds with the prefix "x-" (see [RecordKind.Custom]); the zero
// RecordKind is unset.
type RecordKind string

// The record kinds of ISO/IEC 20000-1:2011, grouped by the clause of their owner.
const (
	// Clause 4
	KindScopeStatement             RecordKind = "scope-statement"
	KindServiceManagementPolicy    RecordKind = "service-management-policy"
	KindServiceManagementObjective RecordKind = "service-management-objective"
	KindServiceManagementPlan      RecordKind = "service-management-plan"
	KindOtherParty                 RecordKind = "other-party"
	KindDocument                   RecordKind = "document"
	KindCompetenceRecord           RecordKind = "competence-record"
	KindTrainingRecord             RecordKind = "training-record"
	KindInternalAudit              RecordKind = "internal-audit"
	KindAuditFinding               RecordKind = "audit-finding"
	KindManagementReview           RecordKind = "management-review"
	KindNonconformity              RecordKind = "nonconformity"
	KindCorrectiveAction           RecordKind = "corrective-action"
	KindPreventiveAction           RecordKind = "preventive-action"
	KindImprovement                RecordKind = "improvement"

	// Clause 5
	KindServiceRequirement    RecordKind = "service-requirement"
	KindServicePlan           RecordKind = "service-plan"
	KindServiceDesign         RecordKind = "service-design"
	KindAcceptanceCriterion   RecordKind = "acceptance-criterion"
	KindServiceAcceptanceTest RecordKind = "service-acceptance-test"
	KindTransitionReport      RecordKind = "transition-report"

	// Clause 6.1
	KindService           RecordKind = "service"
	KindServiceCatalogue  RecordKind = "service-catalogue"
	KindSLA               RecordKind = "sla"
	KindOLA               RecordKind = "ola"
	KindServiceTarget     RecordKind = "service-target"
	KindTargetMeasurement RecordKind = "target-measurement"

	// Clause 6.2
	KindReportDefinition RecordKind = "report-definition"
	KindServiceReport    RecordKind = "service-report"

	// Clause 6.3
	KindContinuityRiskAssessment RecordKind = "continuity-risk-assessment"
	KindContinuityPlan           RecordKind = "continuity-plan"
	KindAvailabilityPlan         RecordKind = "availability-plan"
	KindPlanTest                 RecordKind = "plan-test"
	KindAvailabilityMeasurement  RecordKind = "availability-measurement"
	KindContinuityInvocation     RecordKind = "continuity-invocation"

	// Clause 6.4
	KindBudget            RecordKind = "budget"
	KindCostEntry         RecordKind = "cost-entry"
	KindApportionmentRule RecordKind = "apportionment-rule"
	KindCostReport        RecordKind = "cost-report"
	KindCharge            RecordKind = "charge"

	// Clause 6.5
	KindCapacityRequirement RecordKind = "capacity-requirement"
	KindCapacityResource    RecordKind = "capacity-resource"
	KindUtilisationSeries   RecordKind = "utilisation-series"
	KindCapacityThreshold   RecordKind = "capacity-threshold"
	KindCapacityForecast    RecordKind = "capacity-forecast"
	KindCapacityPlan        RecordKind = "capacity-plan"

	// Clause 6.6
	KindSecurityPolicy         RecordKind = "security-policy"
	KindSecurityRiskAssessment RecordKind = "security-risk-assessment"
	KindSecurityControl        RecordKind = "security-control"
	KindAccessAgreement        RecordKind = "access-agreement"
	KindSecurityIncidentReview RecordKind = "security-incident-review"

	// Clause 7.1
	KindCustomer           RecordKind = "customer"
	KindInterestedParty    RecordKind = "interested-party"
	KindServiceReview      RecordKind = "service-review"
	KindComplaint          RecordKind = "complaint"
	KindSatisfactionSurvey RecordKind = "satisfaction-survey"

	// Clause 7.2
	KindSupplier         RecordKind = "supplier"
	KindSupplierContract RecordKind = "supplier-contract"
	KindSupplierReview   RecordKind = "supplier-review"
	KindContractDispute  RecordKind = "contract-dispute"

	// Clause 8.1
	KindIncident            RecordKind = "incident"
	KindServiceRequest      RecordKind = "service-request"
	KindMajorIncidentReview RecordKind = "major-incident-review"

	// Clause 8.2
	KindProblem    RecordKind = "problem"
	KindKnownError RecordKind = "known-error"

	// Clause 9.1
	KindCIType                RecordKind = "ci-type"
	KindConfigurationItem     RecordKind = "configuration-item"
	KindCIRelationship        RecordKind = "ci-relationship"
	KindConfigurationBaseline RecordKind = "configuration-baseline"
	KindConfigurationAudit    RecordKind = "configuration-audit"

	// Clause 9.2
	KindChangePolicy             RecordKind = "change-policy"
	KindRequestForChange         RecordKind = "request-for-change"
	KindScheduleOfChange         RecordKind = "schedule-of-change"
	KindPostImplementationReview RecordKind = "post-implementation-review"

	// Clause 9.3
	KindReleasePolicy         RecordKind = "release-policy"
	KindRelease               RecordKind = "release"
	KindReleaseAcceptanceTest RecordKind = "release-acceptance-test"
	KindDeployment            RecordKind = "deployment"
	KindPostDeploymentReview  RecordKind = "post-deployment-review"
)

// CustomKindPrefix starts the code of a record kind a host adds itself.
const CustomKindPrefix = "x-"

type kindInfo struct {
	kind   RecordKind
	owner  Process
	clause string
}

var kinds = [...]kindInfo{
	{KindScopeStatement, "", "4.5.1"},
	{KindServiceManagementPolicy, "", "4.1"},
	{KindServiceManagementObjective, "", "4.1"},
	{KindServiceManagementPlan, "", "4.5.2"},
	{KindOtherParty, "", "4.2"},
	{KindDocument, "", "4.3"},
	{KindCompetenceRecord, "", "4.4"},
	{KindTrainingRecord, "", "4.4"},
	{KindInternalAudit, "", "4.5.4.2"},
	{KindAuditFinding, "", "4.5.4.2"},
	{KindManagementReview, "", "4.5.4.3"},
	{KindNonconformity, "", "4.5.5"},
	{KindCorrectiveAction, "", "4.5.5"},
	{KindPreventiveAction, "", "4.5.5"},
	{KindImprovement, "", "4.5.5"},
	{KindServiceRequirement, DesignTransition, "5"},
	{KindServicePlan, DesignTransition, "5"},
	{KindServiceDesign, DesignTransition, "5"},
	{KindAcceptanceCriterion, DesignTransition, "5"},
	{KindServiceAcceptanceTest, DesignTransition, "5"},
	{KindTransitionReport, DesignTransition, "5"},
	{KindService, ServiceLevelManagement, "6.1"},
	{KindServiceCatalogue, ServiceLevelManagement, "6.1"},
	{KindSLA, ServiceLevelManagement, "6.1"},
	{KindOLA, ServiceLevelManagement, "6.1"},
	{KindServiceTarget, ServiceLevelManagement, "6.1"},
	{KindTargetMeasurement, ServiceLevelManagement, "6.1"},
	{KindReportDefinition, ServiceReporting, "6.2"},
	{KindServiceReport, ServiceReporting, "6.2"},
	{KindContinuityRiskAssessment, ContinuityAvailabilityManagement, "6.3"},
	{KindContinuityPlan, ContinuityAvailabilityManagement, "6.3"},
	{KindAvailabilityPlan, ContinuityAvailabilityManagement, "6.3"},
	{KindPlanTest, ContinuityAvailabilityManagement, "6.3"},
	{KindAvailabilityMeasurement, ContinuityAvailabilityManagement, "6.3"},
	{KindContinuityInvocation, ContinuityAvailabilityManagement, "6.3"},
	{KindBudget, BudgetingAccounting, "6.4"},
	{KindCostEntry, BudgetingAccounting, "6.4"},
	{KindApportionmentRule, BudgetingAccounting, "6.4"},
	{KindCostReport, BudgetingAccounting, "6.4"},
	{KindCharge, BudgetingAccounting, "6.4"},
	{KindCapacityRequirement, CapacityManagement, "6.5"},
	{KindCapacityResource, CapacityManagement, "6.5"},
	{KindUtilisationSeries, CapacityManagement, "6.5"},
	{KindCapacityThreshold, CapacityManagement, "6.5"},
	{KindCapacityForecast, CapacityManagement, "6.5"},
	{KindCapacityPlan, CapacityManagement, "6.5"},
	{KindSecurityPolicy, InformationSecurityManagement, "6.6"},
	{KindSecurityRiskAssessment, InformationSecurityManagement, "6.6"},
	{KindSecurityControl, InformationSecurityManagement, "6.6"},
	{KindAccessAgreement, InformationSecurityManagement, "6.6"},
	{KindSecurityIncidentReview, InformationSecurityManagement, "6.6"},
	{KindCustomer, BusinessRelationshipManagement, "7.1"},
	{KindInterestedParty, BusinessRelationshipManagement, "7.1"},
	{KindServiceReview, BusinessRelationshipManagement, "7.1"},
	{KindComplaint, BusinessRelationshipManagement, "7.1"},
	{KindSatisfactionSurvey, BusinessRelationshipManagement, "7.1"},
	{KindSupplier, SupplierManagement, "7.2"},
	{KindSupplierContract, SupplierManagement, "7.2"},
	{KindSupplierReview, SupplierManagement, "7.2"},
	{KindContractDispute, SupplierManagement, "7.2"},
	{KindIncident, IncidentRequestManagement, "8.1"},
	{KindServiceRequest, IncidentRequestManagement, "8.1"},
	{KindMajorIncidentReview, IncidentRequestManagement, "8.1"},
	{KindProblem, ProblemManagement, "8.2"},
	{KindKnownError, ProblemManagement, "8.2"},
	{KindCIType, ConfigurationManagement, "9.1"},
	{KindConfigurationItem, ConfigurationManagement, "9.1"},
	{KindCIRelationship, ConfigurationManagement, "9.1"},
	{KindConfigurationBaseline, ConfigurationManagement, "9.1"},
	{KindConfigurationAudit, ConfigurationManagement, "9.1"},
	{KindChangePolicy, ChangeManagement, "9.2"},
	{KindRequestForChange, ChangeManagement, "9.2"},
	{KindScheduleOfChange, ChangeManagement, "9.2"},
	{KindPostImplementationReview, ChangeManagement, "9.2"},
	{KindReleasePolicy, ReleaseDeploymentManagement, "9.3"},
	{KindRelease, ReleaseDeploymentManagement, "9.3"},
	{KindReleaseAcceptanceTest, ReleaseDeploymentManagement, "9.3"},
	{KindDeployment, ReleaseDeploymentManagement, "9.3"},
	{KindPostDeploymentReview, ReleaseDeploymentManagement, "9.3"},
}

// kindIndex maps each kind to its row in kinds; built once, never written.
var kindIndex = func() map[RecordKind]int {
	m := make(map[RecordKind]int, len(kinds))
	for i, e := range kinds {
		m[e.kind] = i
	}
	return m
}()

func (k RecordKind) info() (kindInfo, bool) {
	i, ok := kindIndex[k]
	if !ok {
		return kindInfo{}, false
	}
	return kinds[i], true
}

// Kinds returns every record kind the library knows, Clause 4 first, then in
// clause order of their owners. The slice is a fresh copy on each call.
func Kinds() []RecordKind {
	all := make([]RecordKind, len(kinds))
	for i, e := range kinds {
		all[i] = e.kind
	}
	return all
}

// Valid reports whether k is a kind the library knows. Custom kinds are not
// valid in this sense; see [RecordKind.Custom].
func (k RecordKind) Valid() bool {
	_, ok := k.info()
	return ok
}

// Custom reports whether k is a host's own kind: "x-" followed by at least one
// character.
func (k RecordKind) Custom() bool {
	return len(k) > len(CustomKindPrefix) && strings.HasPrefix(string(k), CustomKindPrefix)
}

// Owner returns the process that owns records of kind k, or "" for the
// records of the SMS itself (Clause 4), for custom and for unknown kinds.
func (k RecordKind) Owner() Process {
	i, _ := k.info()
	return i.owner
}

// SMS reports whether records of kind k belong to the SMS itself (Clause 4)
// rather than to one of the fourteen processes.
func (k RecordKind) SMS() bool {
	i, ok := k.info()
	return ok && i.owner == ""
}

// Package returns the name of the package of this module that defines the
// record type of kind k, as its errors name it: "sms" for the records of
// Clause 4, "budgeting" (6.4) and "capacity" (6.5) for those of their
// processes, and "process" for every other kind, custom and unknown ones
// included.
func (k RecordKind) Package() string {
	i, ok := k.info()
	switch {
	case ok && i.owner == "":
		return "sms"
	case i.owner == BudgetingAccounting:
		return "budgeting"
	case i.owner == CapacityManagement:
		return "capacity"
	}
	return "process"
}

// Clause returns the clause of ISO/IEC 20000-1:2011 that calls for records of
// kind k ("8.1", "4.5.4.2"), or "" for custom and unknown kinds.
func (k RecordKind) Clause() string {
	i, _ := k.info()
	return i.clause
}

// String returns the kind's code.
func (k RecordKind) String() string { return string(k) }

// MarshalText encodes a known or custom kind as its code, and the zero
// RecordKind as nothing (unset); any other is an error.
func (k RecordKind) MarshalText() ([]byte, error) {
	if k != "" && !k.Valid() && !k.Custom() {
		return nil, fmt.Errorf("process: unknown record kind %q: %w", string(k), ErrUnknownKind)
	}
	return []byte(k), nil
}

// UnmarshalText decodes a known or custom kind, and "" as the zero
// RecordKind (unset); any other is an error.
func (k *RecordKind) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*k = ""
		return nil
	}
	q, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = q
	return nil
}

// ParseKind returns the record kind whose code is s, which must be a kind the
// library knows or a custom kind ("x-…").
func ParseKind(s string) (RecordKind, error) {
	k := RecordKind(s)
	if !k.Valid() && !k.Custom() {
		return "", fmt.Errorf("process: unknown record kind %q (custom kinds start with %q): %w", s, CustomKindPrefix, ErrUnknownKind)
	}
	return k, nil
}
