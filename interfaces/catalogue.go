package interfaces

import (
	"slices"
	"strconv"

	"github.com/smskit/iso20000/process"
)

// The catalogue of the process interfaces (ISO/IEC 20000-2:2012, Annex A),
// as the library encodes it: built from what the requirements of
// ISO/IEC 20000-1:2011 name and from established practice, in our own words.
// It is data only; Standard validates it once with New.

// Short names for the nodes, used only in the literals below.
const (
	dt   = NodeID(process.DesignTransition)
	slm  = NodeID(process.ServiceLevelManagement)
	sr   = NodeID(process.ServiceReporting)
	sca  = NodeID(process.ContinuityAvailabilityManagement)
	ba   = NodeID(process.BudgetingAccounting)
	capm = NodeID(process.CapacityManagement)
	ism  = NodeID(process.InformationSecurityManagement)
	brm  = NodeID(process.BusinessRelationshipManagement)
	sup  = NodeID(process.SupplierManagement)
	isr  = NodeID(process.IncidentRequestManagement)
	prb  = NodeID(process.ProblemManagement)
	cfg  = NodeID(process.ConfigurationManagement)
	chg  = NodeID(process.ChangeManagement)
	rdm  = NodeID(process.ReleaseDeploymentManagement)
)

// clauses2018 maps each process to the clauses of ISO/IEC 20000-1:2018 that
// carry its requirements.
var clauses2018 = map[process.Process][]string{
	process.DesignTransition:                 {"8.5.2", "8.2.2"},
	process.ServiceLevelManagement:           {"8.3.3", "8.2.4"},
	process.ServiceReporting:                 {"9.4"},
	process.ContinuityAvailabilityManagement: {"8.7.1", "8.7.2"},
	process.BudgetingAccounting:              {"8.4.1"},
	process.CapacityManagement:               {"8.4.3", "8.4.2"},
	process.InformationSecurityManagement:    {"8.7.3"},
	process.BusinessRelationshipManagement:   {"8.3.2"},
	process.SupplierManagement:               {"8.3.4"},
	process.IncidentRequestManagement:        {"8.6.1", "8.6.2"},
	process.ProblemManagement:                {"8.6.3"},
	process.ConfigurationManagement:          {"8.2.6", "8.2.5"},
	process.ChangeManagement:                 {"8.5.1"},
	process.ReleaseDeploymentManagement:      {"8.5.3"},
}

// catalogueNodes returns the nodes of the standard graph: the fourteen
// processes in clause order, then the SMS elements in clause order.
func catalogueNodes() []Node {
	var ns []Node
	for i, p := range process.All() {
		ns = append(ns, Node{
			ID:          ProcessNode(p),
			Code:        p.Code(),
			Title:       p.String(),
			Clause:      p.Clause(),
			Clauses2018: slices.Clone(clauses2018[p]),
			Table:       tableName(i + 1),
		})
	}
	return append(ns,
		Node{ID: TopManagement, Code: "TOP", Title: "Top management", Clause: "4.1", Clauses2018: []string{"5.1", "5.2", "5.3"}},
		Node{ID: Governance, Code: "GOV", Title: "Governance of processes operated by other parties", Clause: "4.2", Clauses2018: []string{"8.2.3"},
			Generic: ToProcess, Integration: "where another party operates part of the process, the provider keeps it governed"},
		Node{ID: Documentation, Code: "DOC", Title: "Documentation management", Clause: "4.3", Clauses2018: []string{"7.5"},
			Generic: Both, Integration: "the process's documented procedure in, its controlled records out"},
		Node{ID: Resources, Code: "RES", Title: "Resource management", Clause: "4.4", Clauses2018: []string{"7.1", "7.2", "7.3"},
			Generic: ToProcess, Integration: "competent people and the other resources the process needs"},
		Node{ID: Plan, Code: "PLAN", Title: "The service management plan", Clause: "4.5.2", Clauses2018: []string{"6.3"},
			Generic: ToProcess, Integration: "the objectives, policies and resources the plan sets for the process"},
		Node{ID: Monitoring, Code: "MON", Title: "Monitoring and measuring", Clause: "4.5.4.1", Clauses2018: []string{"9.1"},
			Generic: FromProcess, Integration: "the process's measures"},
		Node{ID: InternalAudit, Code: "AUD", Title: "Internal audit", Clause: "4.5.4.2", Clauses2018: []string{"9.2"},
			Generic: ToProcess, Integration: "the process audited at planned intervals"},
		Node{ID: ManagementReview, Code: "REV", Title: "Management review", Clause: "4.5.4.3", Clauses2018: []string{"9.3"},
			Generic: FromProcess, Integration: "the process's performance as input to management review"},
		Node{ID: Improvement, Code: "IMP", Title: "Continual improvement", Clause: "4.5.5", Clauses2018: []string{"10.1", "10.2"},
			Generic: FromProcess, Integration: "opportunities for improvement found in the process"},
	)
}

// tableName returns the name of the table of Annex A with number n ("A.13").
func tableName(n int) string { return "A." + strconv.Itoa(n) }

type k = process.RecordKind

// row is one line of the catalogue; tables are added from the ends.
type row struct {
	ref      string
	from, to NodeID
	mode     Mode
	kinds    []k
	carries  string
	basis    Basis
	clauses  []string
}

func req(c ...string) []string { return c }

// catalogueRows holds the edges between processes (refs 1 to 74) and the
// process-specific SMS edges (S1 to S12), in the catalogue's order.
var catalogueRows = [...]row{
	{"1", chg, dt, Provides, []k{process.KindChangePolicy, process.KindRequestForChange}, "changes with potential major impact, and removals and transfers of services, handed to design and transition", Required, req("5.1", "9.2")},
	{"2", dt, chg, Raises, []k{process.KindRequestForChange}, "the new or changed service goes through change assessment, approval, scheduling and review", Required, req("5.1")},
	{"3", dt, cfg, Raises, []k{process.KindConfigurationItem}, "the CIs the new or changed service touches are put under configuration control", Required, req("5.1")},
	{"4", dt, rdm, Provides, []k{process.KindServiceDesign, process.KindAcceptanceCriterion}, "the approved service to build, test and deploy, and the criteria for accepting it", Required, req("5.4")},
	{"5", rdm, dt, Provides, []k{process.KindReleaseAcceptanceTest, process.KindDeployment}, "results of testing and deployment for the transition report", Expected, nil},
	{"6", dt, slm, Raises, []k{process.KindSLA, process.KindServiceCatalogue}, "new or changed SLAs and catalogue entries", Required, req("5.3")},
	{"7", dt, sup, Raises, []k{process.KindSupplierContract}, "new or changed supplier contracts the service needs", Required, req("5.3")},
	{"8", sup, dt, Provides, []k{process.KindSupplier, process.KindSupplierContract}, "what suppliers are able to deliver, for planning the service", Expected, nil},
	{"9", dt, ba, Provides, []k{process.KindServicePlan}, "the plan's financial needs and resources", Required, req("5.2")},
	{"10", dt, capm, Provides, []k{process.KindServiceRequirement, process.KindServiceDesign}, "the capacity and performance the new service will need", Required, req("6.5")},
	{"11", dt, sca, Provides, []k{process.KindServiceDesign}, "the continuity and availability the new service will need", Expected, nil},
	{"12", dt, ism, Provides, []k{process.KindServiceDesign}, "the security needs and risks of the new service", Expected, nil},
	{"13", dt, sr, Provides, []k{process.KindTransitionReport}, "the outcomes reached compared with those planned", Required, req("5.4")},
	{"14", brm, dt, Raises, []k{process.KindServiceRequirement}, "what customers need from new or changed services", Expected, nil},
	{"15", slm, sr, Provides, []k{process.KindSLA, process.KindTargetMeasurement}, "how services perform against their targets", Required, req("6.1", "6.2")},
	{"16", slm, sca, Provides, []k{process.KindSLA}, "the availability and continuity the customer agreed", Required, req("6.3.1")},
	{"17", slm, capm, Provides, []k{process.KindSLA}, "the capacity and performance targets the customer agreed", Required, req("6.5")},
	{"18", slm, isr, Provides, []k{process.KindSLA}, "service targets that drive priority, escalation and resolution times", Expected, nil},
	{"19", slm, sup, Provides, []k{process.KindSLA, process.KindOLA}, "the targets supplier contracts have to support", Expected, nil},
	{"20", slm, ism, Provides, []k{process.KindSLA}, "security requirements agreed with the customer", Expected, nil},
	{"21", slm, brm, Provides, []k{process.KindServiceCatalogue, process.KindSLA, process.KindTargetMeasurement}, "input for service reviews with the customer", Required, req("7.1")},
	{"22", slm, chg, Raises, []k{process.KindRequestForChange}, "changes to the catalogue, the SLAs and other agreements", Expected, nil},
	{"23", sup, slm, Provides, []k{process.KindSupplierReview}, "how suppliers perform against the targets they support", Expected, nil},
	{"24", brm, slm, Provides, []k{process.KindServiceReview}, "service level requirements the customer has changed", Expected, nil},
	{"25", isr, sr, Provides, []k{process.KindIncident, process.KindMajorIncidentReview}, "major incidents and the volumes of work handled", Required, req("6.2")},
	{"26", sca, sr, Provides, []k{process.KindContinuityInvocation, process.KindAvailabilityMeasurement}, "plan invocations, and availability compared with targets", Required, req("6.2", "6.3.3")},
	{"27", capm, sr, Provides, []k{process.KindUtilisationSeries, process.KindCapacityForecast}, "the characteristics and trends of the workload", Required, req("6.2")},
	{"28", brm, sr, Provides, []k{process.KindSatisfactionSurvey, process.KindComplaint}, "satisfaction results and complaints, with their analysis", Required, req("6.2")},
	{"29", rdm, sr, Provides, []k{process.KindDeployment}, "deployments of new or changed services", Required, req("6.2")},
	{"30", sr, brm, Provides, []k{process.KindServiceReport}, "reports to use in managing the customer relationship", Expected, nil},
	{"31", cfg, sca, Provides, []k{process.KindConfigurationItem}, "configuration information that stays reachable when normal access is lost", Required, req("6.3.2")},
	{"32", chg, sca, Provides, []k{process.KindRequestForChange}, "how changes affect the plans; plans re-tested after major changes", Required, req("6.3.2", "6.3.3")},
	{"33", sca, chg, Raises, []k{process.KindRequestForChange}, "measures that improve availability or continuity", Expected, nil},
	{"34", sca, capm, Provides, []k{process.KindAvailabilityPlan, process.KindContinuityPlan}, "requirements the capacity plan has to cover", Required, req("6.5")},
	{"35", isr, sca, Provides, []k{process.KindIncident}, "outages, to investigate unplanned unavailability and to invoke the plan", Expected, nil},
	{"36", capm, ba, Provides, []k{process.KindCapacityPlan}, "when upgrades are due and what they cost", Required, req("6.5")},
	{"37", sup, ba, Provides, []k{process.KindSupplierContract}, "the cost of services supplied from outside and the basis of charges", Required, req("6.4", "7.2")},
	{"38", cfg, ba, Provides, []k{process.KindConfigurationItem}, "assets and licences as items of cost", Expected, nil},
	{"39", ba, chg, Provides, []k{process.KindBudget, process.KindCostReport}, "the financial effect of a change, for deciding on it", Required, req("9.2")},
	{"40", capm, chg, Raises, []k{process.KindRequestForChange}, "the upgrades the capacity plan calls for", Expected, nil},
	{"41", chg, capm, Provides, []k{process.KindRequestForChange}, "the effect changes are predicted to have on capacity", Required, req("6.5")},
	{"42", capm, isr, Provides, []k{process.KindCapacityThreshold}, "thresholds crossed, handled as incidents", Expected, nil},
	{"43", isr, capm, Provides, []k{process.KindIncident}, "incidents about capacity and performance", Expected, nil},
	{"44", chg, ism, Provides, []k{process.KindRequestForChange}, "each change, assessed for its security risk", Required, req("6.6.3")},
	{"45", ism, isr, Provides, []k{process.KindSecurityPolicy, process.KindSecurityRiskAssessment}, "how security incidents are handled as incidents, prioritised by risk", Required, req("6.6.3")},
	{"46", isr, ism, Provides, []k{process.KindIncident}, "security incidents, to analyse their types, volumes and impacts", Required, req("6.6.3")},
	{"47", ism, chg, Raises, []k{process.KindRequestForChange}, "security controls to put in place", Expected, nil},
	{"48", ism, prb, Provides, []k{process.KindSecurityIncidentReview}, "possible breaches to investigate as problems", Expected, nil},
	{"49", ism, sup, Provides, []k{process.KindAccessAgreement}, "controls agreed with outside parties that have access to information", Required, req("6.6.2")},
	{"50", cfg, ism, Provides, []k{process.KindConfigurationItem}, "the assets to protect", Expected, nil},
	{"51", brm, chg, Raises, []k{process.KindRequestForChange}, "changes to services and agreements that service reviews found", Required, req("7.1")},
	{"52", isr, brm, Provides, []k{process.KindIncident}, "keeping the customer informed, and complaints about incidents", Expected, nil},
	{"53", sup, chg, Provides, []k{process.KindSupplierContract}, "contract changes assessed for their effect before they are agreed", Expected, nil},
	{"54", sup, prb, Raises, []k{process.KindKnownError}, "problems and known errors that suppliers report", Expected, nil},
	{"55", prb, isr, Provides, []k{process.KindKnownError, process.KindProblem}, "known errors, their workarounds and the resolutions", Required, req("8.1", "8.2")},
	{"56", isr, prb, Provides, []k{process.KindIncident}, "incident records and trends for finding root causes", Required, req("8.2")},
	{"57", cfg, isr, Provides, []k{process.KindConfigurationItem}, "configuration information to classify and resolve incidents", Required, req("8.1")},
	{"58", isr, chg, Raises, []k{process.KindRequestForChange}, "changes needed to resolve an incident or fulfil a request", Expected, nil},
	{"59", isr, rdm, Provides, []k{process.KindIncident}, "incidents tied to a release in the period after its deployment", Required, req("9.3")},
	{"60", rdm, isr, Provides, []k{process.KindRelease}, "release dates and contents, so that incidents can be tied to them", Expected, nil},
	{"61", prb, chg, Raises, []k{process.KindRequestForChange}, "a fix that needs a change to a CI", Required, req("8.2")},
	{"62", chg, prb, Provides, []k{process.KindRequestForChange, process.KindPostImplementationReview}, "failed or unsuccessful changes to investigate", Expected, nil},
	{"63", cfg, prb, Provides, []k{process.KindConfigurationItem}, "configuration information for investigation", Expected, nil},
	{"64", prb, cfg, Provides, []k{process.KindProblem, process.KindKnownError}, "problems and known errors tied to the CIs they concern", Required, req("9.1")},
	{"65", prb, rdm, Provides, []k{process.KindKnownError, process.KindProblem}, "the known errors and problems a release fixes or goes live with", Required, req("9.3")},
	{"66", cfg, chg, Provides, []k{process.KindConfigurationItem}, "configuration information to assess a change with", Required, req("9.1", "9.2")},
	{"67", chg, cfg, Provides, []k{process.KindRequestForChange}, "the CMDB updated after a successful change; changes tied to their CIs", Required, req("9.1", "9.2")},
	{"68", cfg, rdm, Provides, []k{process.KindConfigurationBaseline}, "the baseline taken before a release goes live", Required, req("9.1")},
	{"69", rdm, cfg, Provides, []k{process.KindDeployment}, "what was deployed, to bring the CMDB up to date", Expected, nil},
	{"70", chg, rdm, Provides, []k{process.KindScheduleOfChange, process.KindRequestForChange}, "approved changes and their dates, on which releases are planned", Required, req("9.2")},
	{"71", rdm, chg, Provides, []k{process.KindRelease, process.KindPostDeploymentReview}, "whether a release succeeded or failed, for the review of the change", Required, req("9.3")},
	{"72", rdm, brm, Provides, []k{process.KindReleasePolicy, process.KindRelease}, "releases planned together with the customer", Required, req("9.3")},
	{"73", chg, slm, Provides, []k{process.KindRequestForChange}, "how a change affects services and agreements", Expected, nil},
	{"74", slm, ba, Provides, []k{process.KindServiceCatalogue}, "the services of the catalogue, against which costs are budgeted and accounted", Expected, nil},

	{"S1", dt, Plan, Provides, []k{process.KindServiceDesign}, "the changes to the SMS that a new service needs", Required, req("5.3")},
	{"S2", sr, ManagementReview, Provides, []k{process.KindServiceReport}, "decisions and actions taken on the reports", Required, req("6.2")},
	{"S3", brm, ManagementReview, Provides, []k{process.KindSatisfactionSurvey, process.KindComplaint}, "what customers say about the services", Required, req("4.5.4.3", "7.1")},
	{"S4", isr, TopManagement, Provides, []k{process.KindIncident, process.KindMajorIncidentReview}, "major incidents, reported to top management", Required, req("8.1")},
	{"S5", prb, Improvement, Provides, []k{process.KindProblem}, "how well problems are resolved, and preventive actions", Required, req("8.2")},
	{"S6", chg, Improvement, Provides, []k{process.KindPostImplementationReview}, "trends in changes and the results of their reviews", Required, req("9.2")},
	{"S7", rdm, Improvement, Provides, []k{process.KindPostDeploymentReview}, "analysis of why releases succeed or fail", Required, req("9.3")},
	{"S8", Improvement, chg, Provides, []k{process.KindImprovement}, "approved improvements, carried out as changes", Required, req("4.5.5")},
	{"S9", Governance, slm, Provides, []k{process.KindOtherParty}, "parts of processes run by internal groups or customers, governed through agreements", Required, req("4.2", "6.1")},
	{"S10", Governance, sup, Provides, []k{process.KindOtherParty}, "parts of processes run by suppliers, governed through contracts", Required, req("4.2", "7.2")},
	{"S11", slm, Improvement, Provides, []k{process.KindTargetMeasurement}, "why targets were missed and what is done about it", Required, req("6.1")},
	{"S12", cfg, InternalAudit, Provides, []k{process.KindConfigurationAudit}, "audits of the CMDB and the deficiencies they found", Required, req("9.1")},
}

// catalogueEdges returns a fresh copy of the catalogue's edges, each with
// the tables of its process ends in table order.
func catalogueEdges() []Edge {
	table := make(map[NodeID]string)
	for _, n := range catalogueNodes() {
		table[n.ID] = n.Table
	}
	es := make([]Edge, len(catalogueRows))
	for i, r := range catalogueRows {
		var tables []string
		for _, t := range [...]string{table[r.from], table[r.to]} {
			if t != "" {
				tables = append(tables, t)
			}
		}
		slices.SortFunc(tables, compareTables)
		es[i] = Edge{
			Ref: r.ref, From: r.from, To: r.to, Mode: r.mode, Kinds: slices.Clone(r.kinds),
			Carries: r.carries, Basis: r.basis, Clauses: slices.Clone(r.clauses), Tables: tables,
		}
	}
	return es
}
