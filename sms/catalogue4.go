package sms

import (
	"github.com/smskit/iso20000/budgeting"
	"github.com/smskit/iso20000/process"
)

// Record kinds of Clause 4, short.
const (
	kPolicy      = process.KindServiceManagementPolicy
	kObjective   = process.KindServiceManagementObjective
	kPlan        = process.KindServiceManagementPlan
	kScope       = process.KindScopeStatement
	kDocument    = process.KindDocument
	kReview      = process.KindManagementReview
	kAudit       = process.KindInternalAudit
	kFinding     = process.KindAuditFinding
	kNC          = process.KindNonconformity
	kCorrective  = process.KindCorrectiveAction
	kPreventive  = process.KindPreventiveAction
	kImprovement = process.KindImprovement
	kCompetence  = process.KindCompetenceRecord
	kTraining    = process.KindTrainingRecord
	kOtherParty  = process.KindOtherParty
)

var (
	c4Approved  = states(Approved)
	c4Issued    = states(DocIssued, DocUnderReview)
	c4Reported  = states(AuditReported)
	c4NcClosed  = states(NCClosed)
	c4ActsDone  = states(ActionClosed)
	c4ActsMoved = states(ActionPlanned, ActionImplemented, ActionMeasured, ActionClosed)
	c4Measured  = states(ActionMeasured, ActionClosed)
	c4InForce   = states(process.AgreementInForce, process.AgreementUnderReview)
)

// The rules Clause 4 shares.
var (
	c4PolicyApproved = rec("policy-approved", kPolicy).in(c4Approved...)
	c4PlanApproved   = rec("plan-approved", kPlan).in(c4Approved...)
	c4ReviewInYear   = rec("management-review", kReview).dated("held").within(12).due("nextDue")
	c4AuditReported  = rec("audit-reported", kAudit).in(c4Reported...).within(12)
	c4SmsDocument    = documented(none)
)

// clause4 holds the requirements of Clause 4: the SMS itself.
var clause4 = []Requirement{
	// 4.1.1 Management commitment.
	req("4.1.1/a", "4.1.1", in2018("5.1", "5.2", "6.2", "6.3"), none,
		"Top management has set the service management policy, objectives and plan.",
		"An approved policy, at least one approved objective and an approved plan.",
		c4PolicyApproved, rec("objective-approved", kObjective).in(c4Approved...), c4PlanApproved),
	req("4.1.1/b", "4.1.1", in2018("5.1"), none,
		"Top management tells the organisation why meeting the service requirements matters.",
		"A statement by top management, backed by a controlled document.",
		attested("communicated")),
	req("4.1.1/c", "4.1.1", in2018("5.1", "6.3"), none,
		"Top management sees that the plan is made, carried out and kept up to date.",
		"An approved plan approved again within the last year.",
		c4PlanApproved.within(12)),
	req("4.1.1/d", "4.1.1", in2018("5.1", "5.3"), none,
		"Top management has appointed a management representative.",
		"The approved plan names the representative.",
		c4PlanApproved.with("representative")),
	req("4.1.1/e", "4.1.1", in2018("5.1", "7.1"), none,
		"Top management decides and provides the resources the SMS and the services need.",
		"The approved plan states human, technical, information and financial resources, and an approved budget exists.",
		c4PlanApproved.with("resources.human", "resources.technical", "resources.information", "resources.financial"),
		rec("budget-approved", process.KindBudget).in(states(budgeting.BudgetApproved, budgeting.BudgetClosed)...)),
	req("4.1.1/f", "4.1.1", in2018("5.1", "6.1"), none,
		"Risks to the service management system and the services are managed.",
		"The approved plan states the approach to risk and the criteria for accepting it; risks to continuity and security are assessed within the year.",
		c4PlanApproved.with("riskApproach", "riskAcceptance"),
		rec("risks-assessed", process.KindContinuityRiskAssessment, process.KindSecurityRiskAssessment).within(12)),
	req("4.1.1/g", "4.1.1", in2018("5.1", "9.3"), none,
		"Top management reviews the SMS and the services at planned intervals.",
		"A management review held within the last year and not overdue for the next.",
		c4ReviewInYear),

	// 4.1.2 Service management policy.
	req("4.1.2/a", "4.1.2", in2018("5.2.1"), none,
		"The policy suits the purpose of the provider.",
		"An approved policy with a statement of purpose.",
		c4PolicyApproved.with("statement")),
	req("4.1.2/b", "4.1.2", in2018("5.2.1"), none,
		"The policy commits the provider to meeting the service requirements.",
		"The approved policy makes the commitment.",
		c4PolicyApproved.where("meetsRequirements", "true")),
	req("4.1.2/c", "4.1.2", in2018("5.2.1", "10.2"), none,
		"The policy commits the provider to improving the SMS and the services continually.",
		"The approved policy makes the commitment.",
		c4PolicyApproved.where("continualImprovement", "true")),
	req("4.1.2/d", "4.1.2", in2018("5.2.1", "6.2.1"), none,
		"The policy gives the frame in which the objectives are set and reviewed.",
		"Approved objectives, each with a measure, a target and an owner, under an approved policy.",
		c4PolicyApproved, rec("objectives-measurable", kObjective).in(c4Approved...).with("measure", "target", "owner")),
	req("4.1.2/e", "4.1.2", in2018("5.2.2"), none,
		"The policy is communicated and understood inside the provider.",
		"The policy is issued as a controlled document, and top management states it was communicated.",
		c4SmsDocument, attested("understood")),
	req("4.1.2/f", "4.1.2", in2018("5.2.1", "9.3"), none,
		"The policy is reviewed for continuing suitability.",
		"The policy was approved, or approved again, within the last year.",
		c4PolicyApproved.within(12)),

	// 4.1.3 Authority, responsibility and communication.
	req("4.1.3/a", "4.1.3", in2018("5.3"), none,
		"Authorities and responsibilities for service management are defined and kept up to date.",
		"The approved plan holds its framework of authorities, each with a holder and responsibilities.",
		c4PlanApproved.with("authorities")),
	req("4.1.3/b", "4.1.3", in2018("7.4"), none,
		"A documented procedure sets how the provider communicates about service management.",
		"An issued, current SMS document, and a statement that it is followed.",
		c4SmsDocument, attested("communication-procedure")),

	// 4.1.4 Management representative.
	req("4.1.4/a", "4.1.4", in2018("5.3"), none,
		"The management representative sees that service requirements are identified, documented and met.",
		"The approved plan names the representative and lists the service requirements.",
		c4PlanApproved.with("representative", "serviceRequirements")),
	req("4.1.4/b", "4.1.4", in2018("5.3"), none,
		"The management representative assigns authorities and responsibilities for the processes.",
		"The approved plan's authorities cover process roles.",
		c4PlanApproved.with("authorities")),
	req("4.1.4/c", "4.1.4", in2018("5.3", "7.1"), none,
		"The management representative manages the human, technical, information and financial resources.",
		"The approved plan states all four resources.",
		c4PlanApproved.with("resources.human", "resources.technical", "resources.information", "resources.financial")),
	req("4.1.4/d", "4.1.4", in2018("5.3", "6.1"), none,
		"The management representative identifies and manages risks to the services.",
		"Risk assessments made within the year.",
		rec("risks-assessed", process.KindContinuityRiskAssessment, process.KindSecurityRiskAssessment).within(12)),
	req("4.1.4/e", "4.1.4", in2018("5.3", "9.1"), none,
		"The management representative watches over the SMS's effectiveness and efficiency.",
		"A management review within the year considered the performance of the SMS.",
		c4ReviewInYear.with("inputs.performance")),

	// 4.2 Governance of processes operated by other parties.
	req("4.2/a", "4.2", in2018("8.2.3.1"), none,
		"The processes, or parts of them, that other parties operate are identified.",
		"The approved plan states the approach to other parties, and a valid other-party record governs each process the system declares operated by others.",
		c4PlanApproved.with("otherParties"), computed("identified", "governance")),
	req("4.2/b", "4.2", in2018("8.2.3.1"), none,
		"The provider stays accountable for the processes other parties operate and has the authority to require that they follow them.",
		"Other-party records name who stays accountable.",
		rec("accountable", kOtherParty).with("governance.accountable"), computed("governed", "governance")),
	req("4.2/c", "4.2", in2018("8.2.3.1"), none,
		"The provider controls the definition of, and the interfaces to, the processes others operate.",
		"Other-party records say how definition and interfaces are controlled, and the interface audit finds every other party governed.",
		rec("controlled", kOtherParty).with("governance.definition", "governance.interfaces").audit("other-party-governed")),
	req("4.2/d", "4.2", in2018("8.2.3.1", "9.1"), none,
		"The provider sets and checks the performance and compliance of the processes others operate.",
		"Other-party records list the measures used.",
		rec("measured", kOtherParty).with("governance.measures")),
	req("4.2/e", "4.2", in2018("8.2.3.1", "10.2"), none,
		"The provider controls how improvements to the processes others operate are planned and prioritised.",
		"Other-party records say how improvements are controlled, and suppliers operating processes are under contract.",
		rec("improvements", kOtherParty).with("governance.improvements").audit("supplier-party-contract")),

	// 4.3.1 Establish and maintain documents.
	req("4.3.1/a", "4.3.1", in2018("7.5.1"), none,
		"The policy and objectives are documented.",
		"An approved policy and approved objectives.",
		c4PolicyApproved, rec("objective-approved", kObjective).in(c4Approved...)),
	req("4.3.1/b", "4.3.1", in2018("7.5.1", "6.3"), none,
		"The service management plan is documented.",
		"An approved plan.",
		c4PlanApproved),
	req("4.3.1/c", "4.3.1", in2018("7.5.1"), none,
		"The policies and plans the standard calls for are documented.",
		"Valid change and release policies and an approved security policy.",
		rec("change-policy", process.KindChangePolicy),
		rec("release-policy", process.KindReleasePolicy),
		rec("security-policy", process.KindSecurityPolicy).in(states(process.SecurityPolicyApproved, process.SecurityPolicyCommunicated)...)),
	req("4.3.1/d", "4.3.1", in2018("7.5.1", "8.2.4"), none,
		"The service catalogue is documented.",
		"A valid service catalogue.",
		rec("catalogue", process.KindServiceCatalogue)),
	req("4.3.1/e", "4.3.1", in2018("7.5.1", "8.3.3"), none,
		"The SLAs are documented.",
		"SLAs in force.",
		rec("slas", process.KindSLA).in(c4InForce...)),
	req("4.3.1/f", "4.3.1", in2018("7.5.1", "4.4"), none,
		"The service management processes are documented.",
		"An issued, current document for each of the fourteen processes.",
		documentedAll()...),
	req("4.3.1/g", "4.3.1", in2018("7.5.1"), none,
		"The documented procedures and records the standard calls for exist.",
		"An issued SMS document, and retention set for every kind of record kept.",
		c4SmsDocument, computed("records-kept", "retention")),

	// 4.3.2 Control of documents.
	req("4.3.2/a", "4.3.2", in2018("7.5.3"), none,
		"Documents are approved before they are issued.",
		"Issued documents record who approved them and when.",
		rec("approved-documents", kDocument).in(c4Issued...).with("approvedBy", "approvedAt")),
	req("4.3.2/b", "4.3.2", in2018("7.5.3"), none,
		"Documents are reviewed and brought up to date, and approved again.",
		"Issued documents carry a review date, and the latest is not overdue.",
		rec("reviewed-documents", kDocument).in(c4Issued...).with("reviewDue").due("reviewDue")),
	req("4.3.2/c", "4.3.2", in2018("7.5.3"), none,
		"The changes to a document and its current revision are identified.",
		"Issued documents carry a version.",
		rec("versioned", kDocument).in(c4Issued...).with("version")),
	req("4.3.2/d", "4.3.2", in2018("7.5.3"), none,
		"The relevant versions of documents are available where they are used.",
		"Issued documents say where the current version is kept.",
		rec("available", kDocument).in(c4Issued...).with("location")),
	req("4.3.2/e", "4.3.2", in2018("7.5.2"), none,
		"Documents stay legible and identifiable.",
		"Issued documents are valid records with a title, version and owner.",
		rec("identifiable", kDocument).in(c4Issued...).with("version", "owner")),
	req("4.3.2/f", "4.3.2", in2018("7.5.3"), none,
		"Documents from outside the provider are identified and their distribution controlled.",
		"An issued document marked external, with the place it is held.",
		rec("external", kDocument).in(c4Issued...).where("external", "true").with("location")),
	req("4.3.2/g", "4.3.2", in2018("7.5.3"), none,
		"Obsolete documents are kept from unintended use and marked when retained.",
		"Withdrawn documents are in the obsolete state, and the procedure is attested.",
		attested("obsolete-controlled")),

	// 4.3.3 Control of records.
	req("4.3.3/a", "4.3.3", in2018("7.5.1", "7.5.3"), none,
		"Records are kept to show conformity and the effective working of the SMS.",
		"Every kind of record kept has a retention period; records past it are listed.",
		computed("retention", "retention")),
	req("4.3.3/b", "4.3.3", in2018("7.5.3"), none,
		"A documented procedure sets how records are identified, stored, protected, retrieved, kept and disposed of.",
		"An issued, current SMS document and a statement that it is followed.",
		c4SmsDocument, attested("records-procedure")),

	// 4.4.1 Provision of resources.
	req("4.4.1/a", "4.4.1", in2018("7.1"), none,
		"The resources to set up, run and improve the SMS and the services are determined and provided.",
		"The approved plan states the resources and an approved budget funds them.",
		c4PlanApproved.with("resources.human", "resources.technical", "resources.information", "resources.financial"),
		rec("budget-approved", process.KindBudget).in(states(budgeting.BudgetApproved, budgeting.BudgetClosed)...)),
	req("4.4.1/b", "4.4.1", in2018("7.1", "8.3.2"), none,
		"Resources are provided so as to raise customer satisfaction by meeting the service requirements.",
		"Customer satisfaction measured within the year.",
		rec("satisfaction", process.KindSatisfactionSurvey).within(12)),

	// 4.4.2 Human resources.
	req("4.4.2/a", "4.4.2", in2018("7.2"), none,
		"The competence needed by each role is determined, and role holders are competent.",
		"A valid competence record for every role holder of the approved plan.",
		computed("competent", "competence")),
	req("4.4.2/b", "4.4.2", in2018("7.2"), none,
		"Training or other action is taken where competence is lacking.",
		"Training records for identified needs, completed within the year.",
		rec("trained", kTraining).dated("completed").within(12).with("need")),
	req("4.4.2/c", "4.4.2", in2018("7.2"), none,
		"The effectiveness of the training or other action is evaluated.",
		"Training records with their effectiveness evaluated.",
		rec("evaluated", kTraining).with("effectiveness")),
	req("4.4.2/d", "4.4.2", in2018("7.3"), none,
		"People know how their work matters and how they contribute to the objectives.",
		"A statement of top management on awareness, backed by a controlled document.",
		attested("awareness")),
	req("4.4.2/e", "4.4.2", in2018("7.2"), none,
		"Records of education, training, skills and experience are kept.",
		"Competence records with their evidence and an assessor other than the person.",
		rec("competence-records", kCompetence).with("evidence", "assessor")),

	// 4.5.1 Define the scope of the SMS.
	req("4.5.1/a", "4.5.1", in2018("4.3"), none,
		"The scope of the SMS is defined and included in the plan.",
		"An approved scope statement.",
		rec("scope", kScope).in(c4Approved...)),
	req("4.5.1/b", "4.5.1", in2018("4.3"), none,
		"The scope names the organisational units that provide the services.",
		"The approved scope statement lists units and locations.",
		rec("units", kScope).in(c4Approved...).with("units", "locations")),
	req("4.5.1/c", "4.5.1", in2018("4.3"), none,
		"The scope names the services it covers.",
		"The approved scope statement lists the services.",
		rec("services", kScope).in(c4Approved...).with("services")),

	// 4.5.2 Plan the SMS.
	req("4.5.2/a", "4.5.2", in2018("6.3"), none,
		"A service management plan is made, carried out and kept up to date.",
		"An approved plan approved within the last year.",
		c4PlanApproved.within(12)),
	req("4.5.2/b", "4.5.2", in2018("6.3", "6.2"), none,
		"The plan holds the service management objectives.",
		"The approved plan names approved objectives.",
		c4PlanApproved.ref("objectives", kObjective)),
	req("4.5.2/c", "4.5.2", in2018("6.3", "4.2"), none,
		"The plan holds the service requirements.",
		"The approved plan lists service requirements.",
		c4PlanApproved.with("serviceRequirements")),
	req("4.5.2/d", "4.5.2", in2018("6.3"), none,
		"The plan holds the known limitations that can affect the SMS.",
		"The approved plan states its limitations.",
		c4PlanApproved.with("limitations")),
	req("4.5.2/e", "4.5.2", in2018("4.2", "6.3"), none,
		"The plan holds the policies, standards, legal, regulatory and contractual obligations and how they apply.",
		"The approved plan lists its obligations.",
		c4PlanApproved.with("obligations")),
	req("4.5.2/f", "4.5.2", in2018("5.3", "6.3"), none,
		"The plan holds the framework of authorities, responsibilities and process roles.",
		"The approved plan lists authorities with holders and responsibilities.",
		c4PlanApproved.with("authorities")),
	req("4.5.2/g", "4.5.2", in2018("7.1", "6.3"), none,
		"The plan holds the human, technical, information and financial resources needed.",
		"The approved plan states the four resources.",
		c4PlanApproved.with("resources.human", "resources.technical", "resources.information", "resources.financial")),
	req("4.5.2/h", "4.5.2", in2018("8.2.3", "6.3"), none,
		"The plan holds the approach to working with other parties.",
		"The approved plan states it.",
		c4PlanApproved.with("otherParties")),
	req("4.5.2/i", "4.5.2", in2018("6.3", "8.1"), none,
		"The plan holds the interfaces between the processes and how they are coordinated.",
		"The approved plan's interfaces are those of the interface graph.",
		computed("interfaces", "plan-interfaces")),
	req("4.5.2/j", "4.5.2", in2018("6.3", "6.1"), none,
		"The plan holds the approach to managing risks and the criteria for accepting them.",
		"The approved plan states both.",
		c4PlanApproved.with("riskApproach", "riskAcceptance")),
	req("4.5.2/k", "4.5.2", in2018("6.3"), none,
		"The plan holds the technology used to support the SMS.",
		"The approved plan lists it.",
		c4PlanApproved.with("technology")),
	req("4.5.2/l", "4.5.2", in2018("9.1", "6.3"), none,
		"The plan says how the SMS is measured, audited, reported on and improved.",
		"The approved plan states it.",
		c4PlanApproved.with("measurement")),

	// 4.5.3 Implement and operate the SMS.
	req("4.5.3/a", "4.5.3", in2018("8.1", "8.4.1"), none,
		"Funds and budgets are allocated and managed.",
		"Approved budgets for the period.",
		rec("budgets", process.KindBudget).in(states(budgeting.BudgetApproved, budgeting.BudgetClosed)...)),
	req("4.5.3/b", "4.5.3", in2018("8.1", "5.3"), none,
		"Authorities, responsibilities and process roles are assigned.",
		"The approved plan's role holders are competent for their roles.",
		computed("assigned", "competence")),
	req("4.5.3/c", "4.5.3", in2018("8.1", "7.1"), none,
		"Human, technical and information resources are managed.",
		"Competence records and a configuration of the technical resources.",
		rec("people", kCompetence), rec("technology", process.KindConfigurationItem)),
	req("4.5.3/d", "4.5.3", in2018("8.1", "6.1"), none,
		"Risks to the services are identified, assessed and managed.",
		"Continuity and security risk assessments within the year.",
		rec("continuity-risks", process.KindContinuityRiskAssessment).within(12),
		rec("security-risks", process.KindSecurityRiskAssessment).within(12)),
	req("4.5.3/e", "4.5.3", in2018("8.1"), none,
		"The service management processes are managed, with their interfaces kept.",
		"Every process documented and the interfaces of the graph in the approved plan.",
		append(documentedAll(), computed("interfaces", "plan-interfaces"))...),
	req("4.5.3/f", "4.5.3", in2018("8.1", "9.4"), none,
		"Service management activities are monitored and reported on.",
		"Service reports issued in the period.",
		rec("reports", process.KindServiceReport).inPeriod()),

	// 4.5.4.1 Monitoring and reviewing: general.
	req("4.5.4.1/a", "4.5.4.1", in2018("9.1"), none,
		"Methods for monitoring and measuring the SMS and the services are defined.",
		"The approved plan says how the SMS is measured, and reports are defined.",
		c4PlanApproved.with("measurement"), rec("report-definitions", process.KindReportDefinition)),
	req("4.5.4.1/b", "4.5.4.1", in2018("9.1"), none,
		"Monitoring shows whether the processes achieve their planned results.",
		"Target measurements and service reports in the period.",
		rec("measured", process.KindTargetMeasurement).inPeriod(), rec("reported", process.KindServiceReport).inPeriod()),

	// 4.5.4.2 Internal audit.
	req("4.5.4.2/a", "4.5.4.2", in2018("9.2.1"), none,
		"Internal audits are held at planned intervals.",
		"An internal audit reported within the last year.",
		c4AuditReported),
	req("4.5.4.2/b", "4.5.4.2", in2018("9.2.2"), none,
		"The audit programme sets the criteria, scope, frequency and methods, in a documented procedure.",
		"A reported audit with criteria, areas and method, and an issued audit procedure.",
		c4AuditReported.with("criteria", "areas", "method"), c4SmsDocument),
	req("4.5.4.2/c", "4.5.4.2", in2018("9.2.2"), none,
		"Auditors are chosen to be objective and never audit their own work.",
		"A reported audit names auditors who own none of the areas audited (a record that breaks this does not validate).",
		c4AuditReported.with("auditors")),
	req("4.5.4.2/d", "4.5.4.2", in2018("9.2.2"), none,
		"Audit findings are recorded and reported to those concerned.",
		"Findings of a reported audit, each naming its audit.",
		rec("findings", kFinding).refIn("audit", kAudit, c4Reported...).within(12)),
	req("4.5.4.2/e", "4.5.4.2", in2018("9.2.2", "10.1"), none,
		"Nonconformities found by audits are recorded, prioritised and given an owner.",
		"Nonconformities raised from audit findings.",
		rec("nonconformities", kNC).ref("finding", kFinding)),
	req("4.5.4.2/f", "4.5.4.2", in2018("9.2.2", "10.1"), none,
		"Action on audit nonconformities is taken without undue delay.",
		"Corrective actions on the nonconformities, planned or further.",
		rec("acted", kCorrective).in(c4ActsMoved...).ref("nonconformity", kNC)),
	req("4.5.4.2/g", "4.5.4.2", in2018("9.2.2", "10.1"), none,
		"Follow-up verifies the actions taken and reports the result.",
		"Corrective actions measured against their targets.",
		rec("verified", kCorrective).in(c4Measured...)),

	// 4.5.4.3 Management review.
	req("4.5.4.3/a", "4.5.4.3", in2018("9.3"), none,
		"Top management reviews the SMS and the services at planned intervals.",
		"A management review within the year, the next not overdue.",
		c4ReviewInYear),
	req("4.5.4.3/b", "4.5.4.3", in2018("9.3"), none,
		"The review considers every defined input: audit results, feedback, performance, workload and resources, actions, follow-ups, changes and recommendations.",
		"A valid management review within the year notes each input (one missing an input does not validate).",
		c4ReviewInYear.with("inputs")),
	req("4.5.4.3/c", "4.5.4.3", in2018("9.3"), none,
		"The review records its decisions and actions.",
		"A management review within the year with decisions and actions.",
		c4ReviewInYear.with("decisions", "actions")),
	req("4.5.4.3/d", "4.5.4.3", in2018("9.3"), none,
		"Records of management reviews are kept.",
		"Management reviews are kept under a retention period.",
		c4ReviewInYear, computed("retention", "retention")),

	// 4.5.5.1 Continual improvement: general.
	req("4.5.5.1/a", "4.5.5.1", in2018("10.2"), none,
		"A policy on continual improvement states the criteria for judging improvements.",
		"The approved policy lists its improvement criteria.",
		c4PolicyApproved.with("improvementCriteria")),
	req("4.5.5.1/b", "4.5.5.1", in2018("10.1"), none,
		"Nonconformities are corrected.",
		"Nonconformities corrected or closed, with the correction recorded.",
		rec("corrected", kNC).in(states(NCCorrected, NCClosed)...).with("correction")),
	req("4.5.5.1/c", "4.5.5.1", in2018("10.1"), none,
		"The causes of nonconformities are removed by corrective action.",
		"Closed nonconformities each with all corrective actions closed and effective.",
		rec("closed", kNC).in(c4NcClosed...).with("correctiveActions"), computed("effective", "nonconformity-closure")),
	req("4.5.5.1/d", "4.5.5.1", in2018("6.1", "10.1"), none,
		"The causes of potential nonconformities are removed by preventive action.",
		"A preventive action planned or further.",
		rec("preventive", kPreventive).in(c4ActsMoved...)),
	req("4.5.5.1/e", "4.5.5.1", in2018("10.1"), none,
		"Corrective and preventive actions follow a documented procedure.",
		"An issued, current SMS document for them.",
		c4SmsDocument),

	// 4.5.5.2 Management of improvements.
	req("4.5.5.2/a", "4.5.5.2", in2018("10.2"), none,
		"Improvements have targets for quality, cost or resource use.",
		"Improvements with targets.",
		rec("targets", kImprovement).with("targets")),
	req("4.5.5.2/b", "4.5.5.2", in2018("10.2", "9.2", "9.3"), none,
		"Improvement takes in what audits and reviews found.",
		"An audit finding or management review within the year, and an improvement recorded.",
		rec("inputs", kFinding, kReview).within(12), rec("recorded", kImprovement)),
	req("4.5.5.2/c", "4.5.5.2", in2018("10.2"), none,
		"Opportunities for improvement are recorded.",
		"Improvements recorded in the period.",
		rec("recorded", kImprovement).inPeriod()),
	req("4.5.5.2/d", "4.5.5.2", in2018("10.2"), none,
		"Improvements are prioritised and approved.",
		"Improvements with a priority, approved or further on.",
		rec("prioritised", kImprovement).with("priority").in(states(ActionApproved, ActionPlanned, ActionImplemented, ActionMeasured, ActionClosed)...)),
	req("4.5.5.2/e", "4.5.5.2", in2018("10.2"), none,
		"Improvements are planned.",
		"Improvements with a plan and due date.",
		rec("planned", kImprovement).in(c4ActsMoved...).with("plan", "due")),
	req("4.5.5.2/f", "4.5.5.2", in2018("10.2"), none,
		"Improvements are carried out, with a change raised where one is needed.",
		"Improvements implemented or further, and the interface audit finds every improvement needing a change linked to its RFC.",
		rec("implemented", kImprovement).in(states(ActionImplemented, ActionMeasured, ActionClosed)...).audit("improvement-change")),
	req("4.5.5.2/g", "4.5.5.2", in2018("10.2"), none,
		"The results of improvements are measured against their targets.",
		"Improvements measured or closed, with results.",
		rec("measured", kImprovement).in(c4Measured...)),
	req("4.5.5.2/h", "4.5.5.2", in2018("10.2", "9.3"), none,
		"The results of improvements are reported.",
		"A management review within the year considered the improvement proposals.",
		c4ReviewInYear.with("inputs.improvement-proposals")),
}

// documentedAll asks for the documented process of each process of
// Clauses 5 to 9.
func documentedAll() []Rule {
	var rs []Rule
	for _, p := range process.All() {
		r := documented(p)
		r.Name = "documented-" + p.Code()
		rs = append(rs, r)
	}
	return rs
}
