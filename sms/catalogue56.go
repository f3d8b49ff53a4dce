package sms

import (
	"github.com/smskit/iso20000/budgeting"
	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/process"
)

// The states that count for the records of Clauses 5 and 6: what is in
// use, agreed or approved, never a draft, a withdrawn or a retired one.
var (
	// c56PlanLive are service plans whose service has been transitioned.
	c56PlanLive = states(process.PlanTransitioned, process.PlanReviewed)
	// c56PlanAccepted are service plans past planning: every item of 5.2 is in
	// place, and change management has not refused them.
	c56PlanAccepted = states(process.PlanPlanned, process.PlanDesigned, process.PlanBuilt,
		process.PlanTested, process.PlanTransitioned, process.PlanReviewed)
	// c56PlanBuilt are service plans built from their design.
	c56PlanBuilt = states(process.PlanBuilt, process.PlanTested, process.PlanTransitioned, process.PlanReviewed)
	// c56PlanTested are service plans tested against their acceptance criteria.
	c56PlanTested = states(process.PlanTested, process.PlanTransitioned, process.PlanReviewed)
	// c56InForce are agreements in effect.
	c56InForce = states(process.AgreementInForce, process.AgreementUnderReview)
	// c56Live is a service offered under the catalogue.
	c56Live = states(process.ServiceLive)
	// c56BudgetApproved are budgets approved within a limit (closed ones were).
	c56BudgetApproved = states(budgeting.BudgetApproved, budgeting.BudgetClosed)
	// c56CapacityApproved is a capacity plan approved and in force.
	c56CapacityApproved = states(capacity.PlanApproved)
	// c56SecurityApproved are security policies approved by top management.
	c56SecurityApproved = states(process.SecurityPolicyApproved, process.SecurityPolicyCommunicated)
)

// The 2018 clauses that carry the requirements of Clauses 5 and 6.
var (
	c56Plan2018       = in2018("8.5.2.1")
	c56Design2018     = in2018("8.5.2.2")
	c56Transition2018 = in2018("8.5.2.3")
)

// clause5 holds the requirements of Clause 5: design and transition of
// new or changed services.
var clause5 = []Requirement{
	// 5.1 General.
	req("5.1/a", "5.1", in2018("8.5.2", "8.5.1.1"), p5,
		"The change management policy sets the criteria by which a change with potential major impact on services or customers is taken through design and transition.",
		"A change policy naming the criteria for potential major impact.",
		rec("change-policy", process.KindChangePolicy).with("majorImpactCriteria")),
	req("5.1/b", "5.1", in2018("8.5.2", "8.2.2"), p5,
		"Every new service, and every change with potential major impact, is planned, designed and transitioned through this process: no such approved change bypasses a service plan.",
		"Service plans past planning, and no approved major change without a service plan that takes it in.",
		rec("service-plan", process.KindServicePlan).in(c56PlanAccepted...),
		audited("major-change-designed", "major-change-designed")),
	req("5.1/c", "5.1", in2018("8.5.2", "8.2.2"), p5,
		"The removal of a service is planned through this process, with the items a removal needs.",
		"The documented design and transition process, and every removal plan past planning, with its date, archiving, disposal, transfer of data and the components to decommission.",
		documented(p5),
		rec("removal-plan", process.KindServicePlan).in(c56PlanAccepted...).where("type", string(process.PlanRemoval)).
			with("removal.date", "removal.archiving", "removal.disposal", "removal.dataTransfer", "removal.decommission").optional()),
	req("5.1/d", "5.1", in2018("8.5.2", "8.2.2"), p5,
		"The transfer of a service to the customer or another party is planned through this process, naming who receives it.",
		"The documented design and transition process, and every transfer plan past planning names the receiving party.",
		documented(p5),
		rec("transfer-plan", process.KindServicePlan).in(c56PlanAccepted...).where("type", string(process.PlanTransfer)).with("transferTo").optional()),
	req("5.1/e", "5.1", in2018("8.5.2", "8.5.1.2"), p5,
		"Design and transition work is assessed, approved, scheduled and reviewed through change management: each designed service has a request for change raised for it.",
		"Service plans that raised a request for change, and no designed plan without one.",
		rec("plan-raised-change", process.KindServicePlan).in(c56PlanAccepted...).link(process.LinkRaised, process.KindRequestForChange),
		audited("service-plan-change", "service-plan-change")),
	req("5.1/f", "5.1", in2018("8.5.2", "8.2.6"), p5,
		"The configuration items of a new or changed service are controlled by configuration management.",
		"A service design that specifies its configuration items, and no transitioned plan with none.",
		rec("design-cis", process.KindServiceDesign).link(process.LinkSpecifies, process.KindConfigurationItem),
		audited("service-plan-cis", "service-plan-cis")),
	req("5.1/g", "5.1", in2018("8.5.2"), p5,
		"Design and transition of new or changed services follows a documented process.",
		"An issued, current document of the design and transition process.",
		documented(p5)),

	// 5.2 Plan new or changed services.
	req("5.2/a", "5.2", c56Plan2018, p5,
		"Each plan starts from the service requirements it is to meet.",
		"Plans past planning that fulfil a service requirement, and no approved plan without one.",
		rec("plan-fulfils", process.KindServicePlan).in(c56PlanAccepted...).link(process.LinkFulfils, process.KindServiceRequirement),
		audited("service-plan-requirement", "service-plan-requirement")),
	req("5.2/b", "5.2", c56Plan2018, p5,
		"Each plan names the authorities and responsibilities for design, build and transition.",
		"Plans past planning with their role assignments.",
		rec("plan-authorities", process.KindServicePlan).in(c56PlanAccepted...).with("authorities")),
	req("5.2/c", "5.2", c56Plan2018, p5,
		"Each plan states the work to be done by the provider and by other parties.",
		"Plans past planning listing the parties and their work.",
		rec("plan-parties", process.KindServicePlan).in(c56PlanAccepted...).with("parties")),
	req("5.2/d", "5.2", c56Plan2018, p5,
		"Each plan says how the interested parties are communicated with.",
		"Plans past planning with their communication.",
		rec("plan-communication", process.KindServicePlan).in(c56PlanAccepted...).with("communication")),
	req("5.2/e", "5.2", in2018("8.5.2.1", "8.4.1"), p5,
		"Each plan states the human, technical, information and financial resources it needs, and its financial needs are budgeted.",
		"Plans past planning with the four kinds of resource, and no approved plan without a budgeting record.",
		rec("plan-resources", process.KindServicePlan).in(c56PlanAccepted...).
			with("resources.human", "resources.technical", "resources.information", "resources.financial"),
		audited("service-plan-budget", "service-plan-budget")),
	req("5.2/f", "5.2", c56Plan2018, p5,
		"Each plan sets the timescales of the work.",
		"Plans past planning with a start and an end.",
		rec("plan-timescales", process.KindServicePlan).in(c56PlanAccepted...).with("start", "end")),
	req("5.2/g", "5.2", c56Plan2018, p5,
		"Each plan identifies, assesses and manages its risks.",
		"Plans past planning listing risks with their treatment.",
		rec("plan-risks", process.KindServicePlan).in(c56PlanAccepted...).with("risks")),
	req("5.2/h", "5.2", c56Plan2018, p5,
		"Each plan identifies the other services the service depends on.",
		"Plans past planning, whose dependencies are stated (validation holds them to real services).",
		rec("plan-dependencies", process.KindServicePlan).in(c56PlanAccepted...).with("dependencies")),
	req("5.2/i", "5.2", c56Plan2018, p5,
		"Each plan states the testing the new or changed service needs.",
		"Plans past planning with their testing.",
		rec("plan-testing", process.KindServicePlan).in(c56PlanAccepted...).with("testing")),
	req("5.2/j", "5.2", c56Plan2018, p5,
		"Each plan sets the service acceptance criteria the service must meet.",
		"Plans past planning linked to acceptance criteria, each with its statement and method.",
		rec("plan-criteria", process.KindServicePlan).in(c56PlanAccepted...).link(process.LinkAcceptedAgainst, process.KindAcceptanceCriterion),
		rec("criteria", process.KindAcceptanceCriterion).with("statement", "method")),
	req("5.2/k", "5.2", c56Plan2018, p5,
		"Each plan states its expected outcomes in measurable terms.",
		"Plans past planning with expected outcomes, each a measure and a target.",
		rec("plan-outcomes", process.KindServicePlan).in(c56PlanAccepted...).with("expectedOutcomes")),

	// 5.3 Design and development of new or changed services.
	req("5.3/a", "5.3", c56Design2018, p5,
		"The service is designed and the design documented before it is built.",
		"Plans past design linked to their documented design.",
		rec("plan-designed", process.KindServicePlan).in(states(process.PlanDesigned, process.PlanBuilt, process.PlanTested,
			process.PlanTransitioned, process.PlanReviewed)...).link(process.LinkDesignedBy, process.KindServiceDesign)),
	req("5.3/b", "5.3", c56Design2018, p5,
		"The design names the roles the service needs, with the authorities and responsibilities of each.",
		"Service designs with their roles and responsibilities.",
		rec("design-roles", process.KindServiceDesign).with("roles")),
	req("5.3/c", "5.3", c56Design2018, p5,
		"The design names the activities to be done by people, and the skills and training they need.",
		"Service designs with their activities and skills.",
		rec("design-activities", process.KindServiceDesign).with("activities", "skills")),
	req("5.3/d", "5.3", in2018("8.5.2.2", "8.2.4", "8.3.3"), p5,
		"The design specifies the new or changed SLAs, catalogue entries and contracts the service needs.",
		"Service designs that specify an SLA or catalogue, and no design that specifies none.",
		rec("design-agreements", process.KindServiceDesign).with("agreements").link(process.LinkSpecifies, process.KindSLA),
		audited("design-agreements-audit", "design-agreements")),
	req("5.3/e", "5.3", c56Design2018, p5,
		"The design states the changes the SMS needs for the service.",
		"Service designs that state the changes to the SMS (none is an answer).",
		rec("design-sms", process.KindServiceDesign).with("smsChanges")),
	req("5.3/f", "5.3", c56Design2018, p5,
		"The design states the human, technical, information and financial resources the service needs.",
		"Service designs with the four kinds of resource.",
		rec("design-resources", process.KindServiceDesign).with("resources.human", "resources.technical", "resources.information", "resources.financial")),
	req("5.3/g", "5.3", c56Design2018, p5,
		"The design names the technology the service uses.",
		"Service designs listing their technology.",
		rec("design-technology", process.KindServiceDesign).with("technology")),
	req("5.3/h", "5.3", c56Design2018, p5,
		"The design states the effect of the service on the other services.",
		"Service designs with the effect on other services.",
		rec("design-effects", process.KindServiceDesign).with("effects")),
	req("5.3/i", "5.3", in2018("8.5.2.2", "8.4.3"), p5,
		"The capacity and performance the designed service needs are taken to capacity management.",
		"No designed plan whose plan or design links no capacity record.",
		audited("service-plan-capacity", "service-plan-capacity")),
	req("5.3/j", "5.3", c56Transition2018, p5,
		"The service is built according to its design.",
		"Plans built, tested or transitioned, linked to their design.",
		rec("plan-built", process.KindServicePlan).in(c56PlanBuilt...).link(process.LinkDesignedBy, process.KindServiceDesign)),

	// 5.4 Transition of new or changed services.
	req("5.4/a", "5.4", c56Transition2018, p5,
		"The new or changed service is tested against its acceptance criteria before it goes live.",
		"Tested plans linked to their acceptance test, and acceptance tests with a result per criterion.",
		rec("plan-tested", process.KindServicePlan).in(c56PlanTested...).link(process.LinkAcceptanceTestedBy, process.KindServiceAcceptanceTest),
		rec("acceptance-test", process.KindServiceAcceptanceTest).with("performed", "environment", "results").link(process.LinkAcceptedAgainst, process.KindAcceptanceCriterion)),
	req("5.4/b", "5.4", in2018("8.5.2.3", "8.5.3"), p5,
		"The service is accepted and deployed into the live environment through release and deployment management.",
		"Transitioned plans whose service is live, no built plan without a release, and transition reports evidenced by release tests or deployments.",
		rec("plan-transitioned", process.KindServicePlan).in(c56PlanLive...).link(process.LinkService, process.KindService),
		audited("release-used", "service-plan-release", "transition-evidence")),
	req("5.4/c", "5.4", c56Transition2018, p5,
		"After transition, the outcomes achieved are reported against those expected.",
		"Reviewed plans with their transition report, reports with expected and achieved outcomes in the period, and no transitioned plan without one.",
		rec("plan-reviewed", process.KindServicePlan).in(states(process.PlanReviewed)...).link(process.LinkTransitionReported, process.KindTransitionReport),
		rec("transition-report", process.KindTransitionReport).with("outcomes").dated("issued").inPeriod(),
		audited("transition-reported", "transition-reported")),
	req("5.4/d", "5.4", in2018("8.5.2.3", "9.4"), p5,
		"The report on a transition reaches the interested parties through service reporting.",
		"Transition reports in a service report.",
		rec("transition-in-report", process.KindTransitionReport).link(process.LinkReportedIn, process.KindServiceReport)),
}

// clause6 holds the requirements of Clause 6: service delivery processes.
var clause6 = c56Join(clause61, clause62, clause63, clause64, clause65, clause66)

// c56Join joins the parts of Clause 6.
func c56Join(parts ...[]Requirement) []Requirement {
	var out []Requirement
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// The 2018 clauses of service level management.
var (
	c56SLM2018       = in2018("8.3.3")
	c56Catalogue2018 = in2018("8.2.4")
)

// clause61 holds the requirements of 6.1, service level management.
var clause61 = []Requirement{
	req("6.1/a", "6.1", c56Catalogue2018, p61,
		"A service catalogue, agreed with the customer, lists the services.",
		"A service catalogue agreed with a customer, listing every live service.",
		rec("catalogue", process.KindServiceCatalogue).with("customer", "entries").link(process.LinkService, process.KindService).
			each(process.LinkService, process.KindService).of(c56Live...)),
	req("6.1/b", "6.1", c56Catalogue2018, p61,
		"The catalogue shows the dependencies between services and between services and their components.",
		"A valid catalogue whose entries name the services they depend on and the components they are built from.",
		rec("catalogue-dependencies", process.KindServiceCatalogue).with("entries[].dependsOn", "entries[].components")),
	req("6.1/c", "6.1", c56SLM2018, p61,
		"Each service has an SLA agreed with its customer and in force.",
		"SLAs in force, agreed with a customer, naming every live service.",
		rec("sla", process.KindSLA).in(c56InForce...).with("customer", "agreed").eachNamed("services", process.KindService).of(c56Live...)),
	req("6.1/d", "6.1", c56SLM2018, p61,
		"Each SLA holds the service targets of its services.",
		"SLAs in force with their targets.",
		rec("sla-targets", process.KindSLA).in(c56InForce...).with("targets")),
	req("6.1/e", "6.1", c56SLM2018, p61,
		"Each SLA holds the workload characteristics expected of its services.",
		"SLAs in force with their workload.",
		rec("sla-workload", process.KindSLA).in(c56InForce...).with("workload")),
	req("6.1/f", "6.1", c56SLM2018, p61,
		"Each SLA states the exceptions to its targets.",
		"SLAs in force with their exceptions.",
		rec("sla-exceptions", process.KindSLA).in(c56InForce...).with("exceptions")),
	req("6.1/g", "6.1", in2018("8.3.3", "8.5.1.2"), p61,
		"An SLA changes after it is agreed only through change management.",
		"SLAs in force, and no SLA changed after agreement without an approved request for change.",
		rec("sla-controlled", process.KindSLA).in(c56InForce...),
		audited("sla-changed", "sla-changed")),
	req("6.1/h", "6.1", in2018("8.2.4", "8.5.1.2"), p61,
		"The service catalogue changes only through change management.",
		"A catalogue amended by an approved request for change, with the amendment linked.",
		rec("catalogue-amended", process.KindServiceCatalogue).link(process.LinkAmendedBy, process.KindRequestForChange)),
	req("6.1/i", "6.1", c56SLM2018, p61,
		"Performance against the service targets is monitored and recorded.",
		"Target measurements of the period, each naming its SLA.",
		rec("measured", process.KindTargetMeasurement).dated("periodEnd").inPeriod().ref("agreement", process.KindSLA).atLeast(2)),
	req("6.1/j", "6.1", in2018("8.3.3", "9.4"), p61,
		"Performance against the service targets and its trends are reported at planned intervals.",
		"Target measurements of the period in a service report, and no SLA in force left out of the reports of the last interval.",
		rec("measurement-reported", process.KindTargetMeasurement).dated("periodEnd").inPeriod().link(process.LinkReportedIn, process.KindServiceReport),
		audited("sla-reported", "sla-reported")),
	req("6.1/k", "6.1", in2018("8.3.3", "10.1"), p61,
		"The reasons a target was missed are reviewed, and actions to improve are taken.",
		"No missed target without its reason and an action or a linked improvement.",
		audited("missed-target-action", "missed-target-action")),
	req("6.1/l", "6.1", in2018("8.3.3", "8.3.2"), p61,
		"SLAs are reviewed with the customer at planned intervals, at least once a year.",
		"A service review of an SLA within twelve months, held with the customer.",
		rec("sla-reviewed", process.KindServiceReview).link(process.LinkAbout, process.KindSLA).dated("held").within(12)),
	req("6.1/m", "6.1", in2018("8.3.3", "8.3.4.2"), p61,
		"Agreements with internal groups support the SLAs and are kept under the same control.",
		"OLAs in force, each supporting an SLA, and no OLA changed after agreement without an approved request for change.",
		rec("ola", process.KindOLA).in(c56InForce...).with("group", "targets").link(process.LinkSupports, process.KindSLA),
		audited("ola-changed", "ola-changed")),
	req("6.1/n", "6.1", in2018("8.3.3", "8.3.4.2"), p61,
		"Where customers act as suppliers, what they contribute is agreed and supports the SLAs.",
		"An attestation backed by the agreements: no record of the library models a customer acting as a supplier.",
		attested("customer-supplier")),
}

// clause62 holds the requirements of 6.2, service reporting.
var clause62 = []Requirement{
	req("6.2/a", "6.2", in2018("9.4"), p62,
		"Each report has a description agreed with the interested parties: its identity, purpose, audience, frequency and the sources of its data.",
		"Report definitions with all five items.",
		rec("definition", process.KindReportDefinition).with("reference", "purpose", "audience", "frequency", "sources")),
	req("6.2/b", "6.2", in2018("9.4"), p62,
		"Every service report is produced under its description.",
		"Service reports of the period that name a stored report definition.",
		rec("report-defined", process.KindServiceReport).dated("issued").inPeriod().ref("definition", process.KindReportDefinition)),
	req("6.2/c", "6.2", in2018("9.4"), p62,
		"Reports are produced at the frequency agreed, so that every agreement in force is reported on each interval.",
		"At least three service reports issued in the period, and no SLA in force left unreported in the last interval.",
		rec("reports", process.KindServiceReport).dated("issued").inPeriod().atLeast(3),
		audited("sla-reported", "sla-reported")),
	req("6.2/d", "6.2", in2018("9.4", "8.3.3"), p62,
		"Reports give performance against the service targets.",
		"Target measurements of the period in a service report.",
		rec("performance", process.KindTargetMeasurement).dated("periodEnd").inPeriod().link(process.LinkReportedIn, process.KindServiceReport)),
	req("6.2/e", "6.2", in2018("9.4"), p62,
		"Reports give the significant events: at least major incidents, deployments of new or changed services and invocations of the continuity plan.",
		"Service reports of the period (each with its section on significant events), and no major incident, deployment or invocation missing from the reports made since.",
		rec("reports-events", process.KindServiceReport).dated("issued").inPeriod().
			audit("major-incident-reported", "deployment-reported", "invocation-reported")),
	req("6.2/f", "6.2", in2018("9.4", "8.4.2"), p62,
		"Reports give the workload characteristics, their volumes and their periodic changes.",
		"Service reports of the period, none issued without a workload section, and a utilisation series reported.",
		rec("reports-workload", process.KindServiceReport).dated("issued").inPeriod().audit("workload-reported"),
		rec("utilisation-reported", process.KindUtilisationSeries).link(process.LinkReportedIn, process.KindServiceReport)),
	req("6.2/g", "6.2", in2018("9.4", "10.1"), p62,
		"Reports give the nonconformities detected against the SMS and the SLAs.",
		"Service reports of the period with a section on nonconformities.",
		rec("nonconformities-reported", process.KindServiceReport).inPeriod().where("sections[].topic", string(process.TopicNonconformities))),
	req("6.2/h", "6.2", in2018("9.4"), p62,
		"Reports give trend information.",
		"A capacity forecast in a service report.",
		rec("trends", process.KindCapacityForecast).link(process.LinkReportedIn, process.KindServiceReport)),
	req("6.2/i", "6.2", in2018("9.4", "8.3.2"), p62,
		"Reports give customer satisfaction, complaints and the analysis of both.",
		"A satisfaction survey with its analysis in a service report, and no complaint missing from the reports made since.",
		rec("satisfaction", process.KindSatisfactionSurvey).with("analysis").link(process.LinkReportedIn, process.KindServiceReport).
			audit("complaint-reported")),
	req("6.2/j", "6.2", in2018("9.4"), p62,
		"Decisions and actions taken on the reports are recorded, each with who owns it.",
		"Service reports of the period with their decisions.",
		rec("decisions", process.KindServiceReport).dated("issued").inPeriod().with("decisions")),
	req("6.2/k", "6.2", in2018("9.4", "7.4"), p62,
		"The decisions and actions taken on the reports are communicated to the interested parties.",
		"Report definitions with their audience, and reports of the period whose decisions were communicated (validation asks each decision for its audience).",
		rec("communicated", process.KindServiceReport).dated("issued").inPeriod().with("decisions"),
		rec("audience", process.KindReportDefinition).with("audience")),
}

// The 2018 clauses of continuity and availability.
var c56SCA2018 = in2018("8.7.1", "8.7.2")

// clause63 holds the requirements of 6.3, service continuity and
// availability management.
var clause63 = []Requirement{
	// 6.3.1 Service continuity and availability requirements.
	req("6.3.1/a", "6.3.1", c56SCA2018, p63,
		"Risks to service continuity and availability are assessed and documented at planned intervals.",
		"A continuity risk assessment within twelve months, with its risks, not past its next due date.",
		rec("risk-assessment", process.KindContinuityRiskAssessment).with("risks", "services").dated("assessed").within(12).due("nextDue")),
	req("6.3.1/b", "6.3.1", c56SCA2018, p63,
		"The continuity and availability requirements take account of the business plans, service requirements, SLAs and risks.",
		"A continuity risk assessment stating the requirements, linked to the SLA it considers.",
		rec("requirements", process.KindContinuityRiskAssessment).with("requirements").link(process.LinkAbout, process.KindSLA)),
	req("6.3.1/c", "6.3.1", c56SCA2018, p63,
		"The continuity and availability requirements are agreed with the customers and interested parties: every SLA in force is backed by a plan.",
		"SLAs in force, and none whose services no continuity or availability plan covers.",
		rec("agreed", process.KindSLA).in(c56InForce...),
		audited("sla-continuity", "sla-continuity")),
	req("6.3.1/d", "6.3.1", in2018("8.7.1", "8.7.3"), p63,
		"The requirements cover access rights to the services.",
		"An attestation backed by the continuity document: access rights are not held in any record's fields.",
		attested("access-rights")),
	req("6.3.1/e", "6.3.1", in2018("8.7.1", "8.4.3"), p63,
		"The requirements cover service response times.",
		"A capacity requirement on response time taken from an SLA.",
		rec("response-times", process.KindCapacityRequirement).where("metric", string(process.TargetResponse)).ref("sla", process.KindSLA)),
	req("6.3.1/f", "6.3.1", in2018("8.7.1"), p63,
		"The requirements cover the end-to-end availability of the services.",
		"An availability plan with availability targets for its services.",
		rec("end-to-end", process.KindAvailabilityPlan).with("targets", "services")),

	// 6.3.2 Service continuity and availability plans.
	req("6.3.2/a", "6.3.2", in2018("8.7.2"), p63,
		"A service continuity plan covers every live service.",
		"Continuity plans naming every live service.",
		rec("continuity-plan", process.KindContinuityPlan).eachNamed("services", process.KindService).of(c56Live...)),
	req("6.3.2/b", "6.3.2", in2018("8.7.1"), p63,
		"An availability plan covers every live service.",
		"Availability plans naming every live service.",
		rec("availability-plan", process.KindAvailabilityPlan).eachNamed("services", process.KindService).of(c56Live...)),
	req("6.3.2/c", "6.3.2", in2018("8.7.2"), p63,
		"The continuity plan says how it is invoked in a major loss of service, and who is responsible.",
		"Continuity plans with their invocation and responsibilities.",
		rec("invocation", process.KindContinuityPlan).with("invocation", "responsibilities")),
	req("6.3.2/d", "6.3.2", in2018("8.7.2"), p63,
		"The continuity plan sets the availability targets that hold while it is invoked.",
		"Continuity plans with their targets.",
		rec("targets", process.KindContinuityPlan).with("targets")),
	req("6.3.2/e", "6.3.2", in2018("8.7.2"), p63,
		"The continuity plan sets the recovery requirements.",
		"Continuity plans with their recovery requirements.",
		rec("recovery", process.KindContinuityPlan).with("recovery")),
	req("6.3.2/f", "6.3.2", in2018("8.7.2"), p63,
		"The continuity plan says how normal working returns.",
		"Continuity plans with the return to normal working.",
		rec("return", process.KindContinuityPlan).with("returnToNormal")),
	req("6.3.2/g", "6.3.2", in2018("8.7.2", "8.2.6"), p63,
		"The continuity plan, the contact lists and the CMDB stay accessible when the normal service locations are not.",
		"An attestation backed by the continuity document: where copies are kept is not in any record.",
		attested("accessible")),
	req("6.3.2/h", "6.3.2", c56SCA2018, p63,
		"The plans say how they are re-tested after major changes, and every transitioned service is taken into them.",
		"Continuity and availability plans stating their re-test, and no transitioned service outside every plan.",
		rec("retest-stated", process.KindContinuityPlan, process.KindAvailabilityPlan).with("retest").atLeast(2),
		audited("service-plan-continuity", "service-plan-continuity")),

	// 6.3.3 Service continuity and availability monitoring and testing.
	req("6.3.3/a", "6.3.3", in2018("8.7.1"), p63,
		"Availability is monitored, recorded and compared with its targets.",
		"Availability measurements of the period, with target and achieved.",
		rec("measured", process.KindAvailabilityMeasurement).with("target", "achieved").dated("periodEnd").inPeriod()),
	req("6.3.3/b", "6.3.3", in2018("8.7.1"), p63,
		"Unplanned non-availability is investigated and acted on.",
		"Availability measurements of the period, each unplanned outage with its investigation (validation), reported in a service report.",
		rec("outages", process.KindAvailabilityMeasurement).dated("periodEnd").inPeriod().link(process.LinkReportedIn, process.KindServiceReport)),
	req("6.3.3/c", "6.3.3", c56SCA2018, p63,
		"The continuity and availability plans are tested at planned intervals, and the results and actions recorded.",
		"Tests within twelve months of a continuity plan and of an availability plan, with their results.",
		rec("continuity-tested", process.KindPlanTest).with("results").ref("plan", process.KindContinuityPlan).dated("performed").within(12),
		rec("availability-tested", process.KindPlanTest).with("results").ref("plan", process.KindAvailabilityPlan).dated("performed").within(12)),
	req("6.3.3/d", "6.3.3", in2018("8.7.2", "8.5.1.3"), p63,
		"The plans are re-tested after major changes to the service environment.",
		"No plan in force left untested since the latest major change completed to its services.",
		audited("retested", "continuity-retest", "availability-retest")),
	req("6.3.3/e", "6.3.3", in2018("8.7.2", "9.4"), p63,
		"Each invocation of the continuity plan is reported with its cause, impact and recovery.",
		"Invocations with cause, impact and recovery in a service report, and none missing from the reports made since.",
		rec("invocation-reported", process.KindContinuityInvocation).with("cause", "impact", "recovery").link(process.LinkReportedIn, process.KindServiceReport).
			audit("invocation-reported")),
}

// The 2018 clause of budgeting and accounting.
var c56BA2018 = in2018("8.4.1")

// clause64 holds the requirements of 6.4, budgeting and accounting for
// services. The ledger of costs is not a record: what only it shows is
// attested.
var clause64 = []Requirement{
	req("6.4/a", "6.4", c56BA2018, p64,
		"Policies and documented procedures budget and account for the service components: assets and licences, shared resources, overheads, capital and operating expenses, external services, personnel and facilities.",
		"An issued, current document of budgeting and accounting.",
		documented(p64)),
	req("6.4/b", "6.4", c56BA2018, p64,
		"Each live service has an approved budget.",
		"Approved budgets naming every live service.",
		rec("budget", process.KindBudget).in(c56BudgetApproved...).eachNamed("service", process.KindService).of(c56Live...)),
	req("6.4/c", "6.4", c56BA2018, p64,
		"Budgets are built from lines by category of cost.",
		"Approved budgets with their lines.",
		rec("lines", process.KindBudget).in(c56BudgetApproved...).with("lines", "currency", "period")),
	req("6.4/d", "6.4", c56BA2018, p64,
		"Direct costs are allocated and indirect costs apportioned to services, giving an overall cost per service.",
		"An attestation backed by the accounting procedure: allocation and apportionment live in the ledger, which is not a record.",
		attested("allocated")),
	req("6.4/e", "6.4", c56BA2018, p64,
		"Financial control and approval are effective: budgets and their variations are approved within limits by someone other than the requester.",
		"Approved budgets with their approvals, and a variation approved.",
		rec("approved", process.KindBudget).in(c56BudgetApproved...).with("approvals"),
		rec("varied", process.KindBudget).in(c56BudgetApproved...).with("variations")),
	req("6.4/f", "6.4", in2018("8.4.1", "8.5.1.2"), p64,
		"Budgeting takes the planned changes into account: every approved change has its financial impact recorded or budgeted.",
		"Approved budgets, and no approved change without its financial impact.",
		rec("planned-changes", process.KindBudget).in(c56BudgetApproved...).audit("change-financial")),
	req("6.4/g", "6.4", in2018("8.4.1", "8.2.4"), p64,
		"Costs are budgeted only for services the catalogue lists.",
		"No budget for a service outside every catalogue in force.",
		audited("budget-catalogue", "budget-catalogue")),
	req("6.4/h", "6.4", c56BA2018, p64,
		"Costs are monitored and reported against the budget, forecasts reviewed and costs managed.",
		"An attestation backed by the cost reports: costs and their reports come from the ledger, which is not a record.",
		attested("monitored")),
}

// The 2018 clauses of capacity management.
var c56CAP2018 = in2018("8.4.3")

// clause65 holds the requirements of 6.5, capacity management.
var clause65 = []Requirement{
	req("6.5/a", "6.5", in2018("8.4.3", "8.4.2"), p65,
		"Capacity and performance requirements are identified and agreed with the customer, for every live service.",
		"Capacity requirements taken from an SLA, naming every live service.",
		rec("requirements", process.KindCapacityRequirement).ref("sla", process.KindSLA).eachNamed("service", process.KindService).of(c56Live...)),
	req("6.5/b", "6.5", c56CAP2018, p65,
		"A capacity plan is produced, approved and kept current.",
		"An approved capacity plan entered that state within twelve months.",
		rec("plan", process.KindCapacityPlan).in(c56CapacityApproved...).within(12)),
	req("6.5/c", "6.5", in2018("8.4.3", "8.5.1.2"), p65,
		"The capacity plan is kept under change control: it considers the major changes to its services.",
		"An approved capacity plan, and none that leaves out a major change to its services approved before its last revision.",
		rec("controlled", process.KindCapacityPlan).in(c56CapacityApproved...).with("version"),
		audited("plan-changes", "capacity-plan-changes")),
	req("6.5/d", "6.5", c56CAP2018, p65,
		"The plan covers human, technical, information and financial resources.",
		"An approved capacity plan with its demand per resource (validation asks for each type, or the reason there is none).",
		rec("resources", process.KindCapacityPlan).in(c56CapacityApproved...).with("demand")),
	req("6.5/e", "6.5", in2018("8.4.3", "8.4.2"), p65,
		"The plan states the current and forecast demand.",
		"An approved capacity plan with demand, and forecasts behind it.",
		rec("demand", process.KindCapacityPlan).in(c56CapacityApproved...).with("demand"),
		rec("forecast", process.KindCapacityForecast).ref("series", process.KindUtilisationSeries)),
	req("6.5/f", "6.5", in2018("8.4.3", "8.7.1", "8.3.3"), p65,
		"The plan states the effect of the agreed availability, continuity and service level requirements.",
		"An approved capacity plan with its considerations, and none that leaves out the SLAs, availability or continuity plans of its services.",
		rec("effects", process.KindCapacityPlan).in(c56CapacityApproved...).with("considerations").audit("capacity-plan-sla", "capacity-plan-continuity")),
	req("6.5/g", "6.5", in2018("8.4.3", "8.4.1"), p65,
		"The plan states the timescales, thresholds and costs of upgrades, and their costs are budgeted.",
		"An approved capacity plan with thresholds, and no upgrade whose cost no budgeting record carries.",
		rec("upgrades", process.KindCapacityPlan).in(c56CapacityApproved...).with("thresholds").audit("capacity-costs")),
	req("6.5/h", "6.5", c56CAP2018, p65,
		"The plan states the effect of statutory, regulatory, contractual or organisational changes.",
		"An approved capacity plan with its considerations (validation asks for one on these changes).",
		rec("regulatory", process.KindCapacityPlan).in(c56CapacityApproved...).with("considerations")),
	req("6.5/i", "6.5", c56CAP2018, p65,
		"The plan states the effect of new or changed services and new technology.",
		"An approved capacity plan with its considerations (validation asks for one on services or technology).",
		rec("services-technology", process.KindCapacityPlan).in(c56CapacityApproved...).with("considerations")),
	req("6.5/j", "6.5", c56CAP2018, p65,
		"The plan holds the procedures for predictive analysis.",
		"An approved capacity plan with its procedures.",
		rec("procedures", process.KindCapacityPlan).in(c56CapacityApproved...).with("procedures")),
	req("6.5/k", "6.5", c56CAP2018, p65,
		"Sufficient capacity is provided: each managed resource has its capacity and a threshold that warns before it runs out.",
		"Capacity resources with their capacity, and thresholds on each.",
		rec("resource", process.KindCapacityResource).with("capacity", "unit"),
		rec("thresholds", process.KindCapacityThreshold).with("metric", "critical").eachNamed("resource", process.KindCapacityResource)),
	req("6.5/l", "6.5", in2018("8.4.3", "9.1"), p65,
		"Capacity usage is monitored on every managed resource.",
		"Utilisation series with points, one on each capacity resource.",
		rec("usage", process.KindUtilisationSeries).with("points").eachNamed("resource", process.KindCapacityResource)),
	req("6.5/m", "6.5", c56CAP2018, p65,
		"Capacity and performance data are analysed.",
		"Capacity forecasts within twelve months from a utilisation series.",
		rec("analysed", process.KindCapacityForecast).ref("series", process.KindUtilisationSeries).with("points").within(12)),
	req("6.5/n", "6.5", in2018("8.4.3", "10.2"), p65,
		"Opportunities to improve performance are identified.",
		"An attestation backed by the capacity procedure: the library keeps no record of tuning opportunities apart from upgrades.",
		attested("improve")),
}

// The 2018 clause of information security management.
var c56ISM2018 = in2018("8.7.3")

// clause66 holds the requirements of 6.6, information security
// management.
var clause66 = []Requirement{
	// 6.6.1 Information security policy.
	req("6.6.1/a", "6.6.1", c56ISM2018, p66,
		"An information security policy is approved by management with the authority to do so.",
		"A security policy approved or communicated, with its approver.",
		rec("policy", process.KindSecurityPolicy).in(c56SecurityApproved...).with("approvedBy", "approved")),
	req("6.6.1/b", "6.6.1", in2018("8.7.3", "7.4"), p66,
		"The policy is communicated to the people it concerns in the provider, the customer and the suppliers.",
		"A communicated security policy with its audience.",
		rec("communicated", process.KindSecurityPolicy).in(states(process.SecurityPolicyCommunicated)...).with("communicatedTo", "communicated")),
	req("6.6.1/c", "6.6.1", c56ISM2018, p66,
		"The policy takes account of the service requirements and of statutory, regulatory and contractual obligations.",
		"An attestation backed by the policy document: the policy's text is not read by the rules.",
		attested("obligations")),
	req("6.6.1/d", "6.6.1", c56ISM2018, p66,
		"Management sets the objectives of information security management and documents its process.",
		"An issued, current document of information security management.",
		documented(p66)),
	req("6.6.1/e", "6.6.1", in2018("8.7.3", "6.1"), p66,
		"Management defines the approach to information security risk and the criteria for accepting risks.",
		"An attestation backed by the security document: risk criteria are not held in a record's fields.",
		attested("risk-criteria")),
	req("6.6.1/f", "6.6.1", c56ISM2018, p66,
		"Information security risk assessments are made at planned intervals.",
		"A security risk assessment within twelve months, with its risks, not past its next due date.",
		rec("risk-assessment", process.KindSecurityRiskAssessment).with("scope", "risks").dated("assessed").within(12).due("nextDue")),
	req("6.6.1/g", "6.6.1", in2018("8.7.3", "9.2"), p66,
		"Internal information security audits are made, and their results reviewed to find improvements.",
		"An attestation backed by the audit document: internal audits do not say which controls they covered.",
		attested("security-audits")),

	// 6.6.2 Information security controls.
	req("6.6.2/a", "6.6.2", c56ISM2018, p66,
		"Information security controls are documented, with their objective and owner.",
		"Security controls with objective and owner.",
		rec("controls", process.KindSecurityControl).with("objective", "owner")),
	req("6.6.2/b", "6.6.2", c56ISM2018, p66,
		"Each control is tied to the assessed risks it treats.",
		"Security risk assessments linked to the controls that treat their risks, covering every control.",
		rec("treated", process.KindSecurityRiskAssessment).link(process.LinkTreatedBy, process.KindSecurityControl).
			each(process.LinkTreatedBy, process.KindSecurityControl)),
	req("6.6.2/c", "6.6.2", in2018("8.7.3", "9.1"), p66,
		"The effectiveness of each control is measured.",
		"Security controls with their effectiveness measures.",
		rec("measured", process.KindSecurityControl).with("measures")),
	req("6.6.2/d", "6.6.2", in2018("8.7.3", "8.3.4.1"), p66,
		"External organisations that need access to the information or services do so under an agreement naming the controls.",
		"Access agreements with their party, scope and controls.",
		rec("access", process.KindAccessAgreement).with("party", "scope", "controls", "start")),

	// 6.6.3 Information security changes and incidents.
	req("6.6.3/a", "6.6.3", in2018("8.7.3", "8.5.1.3"), p66,
		"Each request for change is assessed for its information security risk before it is approved.",
		"No approved change of a class the policy assesses without a security risk assessment.",
		audited("change-security", "change-security")),
	req("6.6.3/b", "6.6.3", in2018("8.7.3", "8.6.1"), p66,
		"Security incidents are handled through incident management, with a priority that fits the risk.",
		"Security incidents recorded with their priority.",
		rec("security-incident", process.KindIncident).where("security", "true").with("priority")),
	req("6.6.3/c", "6.6.3", c56ISM2018, p66,
		"The types, volumes and impacts of security incidents are analysed at planned intervals.",
		"A security incident review within twelve months with its findings, and no security incident left out of the reviews.",
		rec("reviewed", process.KindSecurityIncidentReview).with("findings").dated("reviewed").within(12),
		audited("incidents-reviewed", "security-incident-reviewed")),
	req("6.6.3/d", "6.6.3", in2018("8.7.3", "10.2"), p66,
		"The analysis of security incidents identifies improvements to security.",
		"A security incident review within twelve months with its improvements.",
		rec("improvements", process.KindSecurityIncidentReview).with("improvements").dated("reviewed").within(12)),
}
