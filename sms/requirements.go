package sms

import (
	"slices"

	"github.com/smskit/iso20000/process"
)

// Requirement is one requirement of ISO/IEC 20000-1:2011 (Clauses 4 to 9),
// stated in the library's own words, with the records that show it is met.
// The catalogue paraphrases; it does not reproduce the standard.
type Requirement struct {
	// ID is stable: the clause, a slash and a letter ("8.1/b").
	ID string `json:"id"`
	// Clause is the clause of ISO/IEC 20000-1:2011 that sets it.
	Clause string `json:"clause"`
	// Process is the process it belongs to, or "" for the SMS itself (Clause 4).
	Process process.Process `json:"process,omitempty"`
	// Summary says what is required, in our words.
	Summary string `json:"summary"`
	// Evidence lists the kinds of record that show the requirement is met;
	// a requirement is met when a record of every kind is found.
	Evidence []process.RecordKind `json:"evidence"`
}

// Requirements returns the catalogue of requirements of ISO/IEC
// 20000-1:2011, Clauses 4 to 9, in clause order. The slice and its
// contents are fresh copies on each call.
func Requirements() []Requirement {
	out := make([]Requirement, len(catalogue))
	for i, r := range catalogue {
		r.Evidence = slices.Clone(r.Evidence)
		out[i] = r
	}
	return out
}

type kinds = []process.RecordKind

const (
	p5   = process.DesignTransition
	p61  = process.ServiceLevelManagement
	p62  = process.ServiceReporting
	p63  = process.ContinuityAvailabilityManagement
	p64  = process.BudgetingAccounting
	p65  = process.CapacityManagement
	p66  = process.InformationSecurityManagement
	p71  = process.BusinessRelationshipManagement
	p72  = process.SupplierManagement
	p81  = process.IncidentRequestManagement
	p82  = process.ProblemManagement
	p91  = process.ConfigurationManagement
	p92  = process.ChangeManagement
	p93  = process.ReleaseDeploymentManagement
	none = process.Process("")
)

// catalogue is the requirement data, in our own words.
var catalogue = []Requirement{
	// Clause 4: the SMS itself.
	{"4.1/a", "4.1.1", none, "Top management shows its commitment: it sets and approves the policy, the objectives and the plan, and chairs their review.", kinds{process.KindServiceManagementPolicy, process.KindServiceManagementObjective, process.KindServiceManagementPlan, process.KindManagementReview}},
	{"4.1/b", "4.1.2", none, "A service management policy exists, approved, fitting the provider's purpose, committing to meet service requirements and to improve.", kinds{process.KindServiceManagementPolicy}},
	{"4.1/c", "4.1.3", none, "A management representative with authority for the SMS is named.", kinds{process.KindServiceManagementPlan}},
	{"4.1/d", "4.1.4", none, "Roles, responsibilities and communication for service management are defined.", kinds{process.KindServiceManagementPlan, process.KindDocument}},
	{"4.2/a", "4.2", none, "Processes or parts of processes run by other parties are identified and governed: the provider keeps accountability, controls their definition, interfaces and measures.", kinds{process.KindOtherParty}},
	{"4.3/a", "4.3.1", none, "The SMS documents exist: policy, objectives, plan, catalogue, SLAs, documented processes and the records they call for.", kinds{process.KindDocument, process.KindServiceCatalogue, process.KindSLA}},
	{"4.3/b", "4.3.2", none, "Documents are controlled: approved before issue, reviewed, versioned, available where used, obsolete ones marked.", kinds{process.KindDocument}},
	{"4.3/c", "4.3.3", none, "Records are kept to show conformity, legible, identifiable and retrievable.", nil},
	{"4.4/a", "4.4.1", none, "Human, technical, information and financial resources are determined and provided.", kinds{process.KindServiceManagementPlan, process.KindBudget}},
	{"4.4/b", "4.4.2", none, "People are competent, trained where needed, and records of competence and training are kept.", kinds{process.KindCompetenceRecord, process.KindTrainingRecord}},
	{"4.5/a", "4.5.1", none, "The scope of the SMS is defined in a scope statement: services, organisation units, locations.", kinds{process.KindScopeStatement}},
	{"4.5/b", "4.5.2", none, "A service management plan holds objectives, requirements, limitations, obligations, authorities, resources, the approach to other parties, the interfaces between processes, risk criteria and how the SMS is measured.", kinds{process.KindServiceManagementPlan}},
	{"4.5/c", "4.5.4.2", none, "Internal audits run at planned intervals by auditors who do not audit their own work; findings are recorded.", kinds{process.KindInternalAudit, process.KindAuditFinding}},
	{"4.5/d", "4.5.4.3", none, "Management reviews run at planned intervals with the defined inputs; decisions and actions are recorded.", kinds{process.KindManagementReview}},
	{"4.5/e", "4.5.5.1", none, "Nonconformities are corrected and their causes removed; potential ones are prevented.", kinds{process.KindNonconformity, process.KindCorrectiveAction, process.KindPreventiveAction}},
	{"4.5/f", "4.5.5.2", none, "Improvements are recorded, prioritised, approved, planned and measured against their targets.", kinds{process.KindImprovement}},

	// Clause 5: design and transition of new or changed services.
	{"5/a", "5.1", p5, "New services and changes with potential major impact, removals and transfers of services go through design and transition.", kinds{process.KindServicePlan, process.KindChangePolicy}},
	{"5/b", "5.2", p5, "Each new or changed service is planned: requirements, responsibilities, resources, timescales, risks, tests, acceptance criteria and measurable outcomes.", kinds{process.KindServiceRequirement, process.KindServicePlan, process.KindAcceptanceCriterion}},
	{"5/c", "5.3", p5, "A documented design covers roles, SLAs, catalogue entries, contracts, resources, skills and technology.", kinds{process.KindServiceDesign}},
	{"5/d", "5.4", p5, "The service is tested against its acceptance criteria, deployed through release management, and the outcomes achieved are reported.", kinds{process.KindServiceAcceptanceTest, process.KindTransitionReport}},

	// Clause 6: service delivery.
	{"6.1/a", "6.1", p61, "A service catalogue is agreed with the customer, with the dependencies between services and components.", kinds{process.KindServiceCatalogue, process.KindService}},
	{"6.1/b", "6.1", p61, "Each service has an SLA with service targets, workload characteristics and exceptions.", kinds{process.KindSLA}},
	{"6.1/c", "6.1", p61, "Performance against targets is monitored and recorded; missed targets are reviewed.", kinds{process.KindTargetMeasurement}},
	{"6.1/d", "6.1", p61, "Agreements with internal groups support the SLAs.", kinds{process.KindOLA}},
	{"6.2/a", "6.2", p62, "Each report has a description: identity, purpose, audience, frequency, data sources.", kinds{process.KindReportDefinition}},
	{"6.2/b", "6.2", p62, "Reports cover targets, significant events, workload, nonconformities, trends and satisfaction; decisions and actions on them are recorded.", kinds{process.KindServiceReport}},
	{"6.3/a", "6.3.1", p63, "Risks to continuity and availability are assessed and requirements agreed.", kinds{process.KindContinuityRiskAssessment}},
	{"6.3/b", "6.3.2", p63, "Continuity and availability plans cover invocation, responsibilities, targets, recovery and return to normal.", kinds{process.KindContinuityPlan, process.KindAvailabilityPlan}},
	{"6.3/c", "6.3.3", p63, "Plans are tested at planned intervals and after major changes; availability is monitored against targets.", kinds{process.KindPlanTest, process.KindAvailabilityMeasurement}},
	{"6.4/a", "6.4", p64, "Costs of service components are budgeted and accounted for; direct costs allocated and indirect costs apportioned to services.", kinds{process.KindBudget, process.KindCostEntry, process.KindApportionmentRule}},
	{"6.4/b", "6.4", p64, "Costs are monitored and reported against budget, and forecasts reviewed.", kinds{process.KindCostReport}},
	{"6.5/a", "6.5", p65, "Capacity and performance requirements are agreed with the customer.", kinds{process.KindCapacityRequirement}},
	{"6.5/b", "6.5", p65, "A capacity plan holds current and forecast demand, the effect of other requirements, upgrade timescales, thresholds and costs, and the predictive methods used.", kinds{process.KindCapacityPlan}},
	{"6.5/c", "6.5", p65, "Capacity usage is monitored and the data analysed.", kinds{process.KindUtilisationSeries, process.KindCapacityThreshold}},
	{"6.6/a", "6.6.1", p66, "A security policy is approved by management with authority and communicated.", kinds{process.KindSecurityPolicy}},
	{"6.6/b", "6.6.1", p66, "Security risks are assessed at planned intervals.", kinds{process.KindSecurityRiskAssessment}},
	{"6.6/c", "6.6.2", p66, "Security controls are documented and operated, and agreements exist with external parties needing access.", kinds{process.KindSecurityControl, process.KindAccessAgreement}},
	{"6.6/d", "6.6.3", p66, "Changes are assessed for security risk, and security incidents are analysed for improvement.", kinds{process.KindSecurityIncidentReview}},

	// Clause 7: relationships.
	{"7.1/a", "7.1", p71, "Customers and interested parties are identified, each customer with a named relationship owner.", kinds{process.KindCustomer, process.KindInterestedParty}},
	{"7.1/b", "7.1", p71, "Service reviews with the customer happen at least yearly.", kinds{process.KindServiceReview}},
	{"7.1/c", "7.1", p71, "Complaints are recorded, investigated, acted on, reported and closed.", kinds{process.KindComplaint}},
	{"7.1/d", "7.1", p71, "Customer satisfaction is measured on a representative sample.", kinds{process.KindSatisfactionSurvey}},
	{"7.2/a", "7.2", p72, "Each supplier has an owner and a documented contract with the content the clause lists.", kinds{process.KindSupplier, process.KindSupplierContract}},
	{"7.2/b", "7.2", p72, "Supplier performance and contracts are reviewed at least yearly; disputes are recorded and closed.", kinds{process.KindSupplierReview}},

	// Clause 8: resolution.
	{"8.1/a", "8.1", p81, "Incidents and service requests are recorded, prioritised, classified, escalated, resolved and closed.", kinds{process.KindIncident, process.KindServiceRequest}},
	{"8.1/b", "8.1", p81, "Major incidents are defined with the customer, managed by a responsible person and reviewed.", kinds{process.KindMajorIncidentReview}},
	{"8.2/a", "8.2", p82, "Problems are identified, recorded, analysed for root cause and resolved; fixes needing a change become requests for change.", kinds{process.KindProblem}},
	{"8.2/b", "8.2", p82, "Known errors with their workarounds are recorded and available to incident management.", kinds{process.KindKnownError}},

	// Clause 9: control.
	{"9.1/a", "9.1", p91, "Each type of CI is defined, and each CI records its description, relationships, status, version and location.", kinds{process.KindCIType, process.KindConfigurationItem, process.KindCIRelationship}},
	{"9.1/b", "9.1", p91, "A configuration baseline is taken before a release goes live.", kinds{process.KindConfigurationBaseline}},
	{"9.1/c", "9.1", p91, "The CMDB is audited at planned intervals and deficiencies corrected.", kinds{process.KindConfigurationAudit}},
	{"9.2/a", "9.2", p92, "A change management policy names the CIs under change control and the criteria for major-impact changes.", kinds{process.KindChangePolicy}},
	{"9.2/b", "9.2", p92, "Requests for change are recorded, classified, assessed, decided on, and reviewed after implementation.", kinds{process.KindRequestForChange, process.KindPostImplementationReview}},
	{"9.2/c", "9.2", p92, "A schedule of change with approved changes and their dates is communicated.", kinds{process.KindScheduleOfChange}},
	{"9.3/a", "9.3", p93, "A release policy states the frequency and types of releases.", kinds{process.KindReleasePolicy}},
	{"9.3/b", "9.3", p93, "Releases are planned, built and tested against acceptance criteria, deployed, and their success or failure analysed.", kinds{process.KindRelease, process.KindReleaseAcceptanceTest, process.KindDeployment, process.KindPostDeploymentReview}},
}
