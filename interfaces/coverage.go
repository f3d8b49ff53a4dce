package interfaces

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/smskit/iso20000/process"
)

// EdgeCoverage says how live records are checked on one edge of a graph:
// the rules that cite it, the kinds of record [Related] reports missing
// under it, and, for an edge no rule cites, why records cannot show its
// flow.
type EdgeCoverage struct {
	Edge  string `json:"edge"`
	From  NodeID `json:"from"`
	To    NodeID `json:"to"`
	Basis Basis  `json:"basis"`
	// Rules are the names of the rules that cite the edge.
	Rules []string `json:"rules"`
	// Missing are the kinds of record Related reports missing under it.
	Missing []process.RecordKind `json:"missing"`
	// Reason says why no rule cites the edge: what a record would have to
	// hold to show the flow failed, and why records do not.
	Reason string `json:"reason,omitempty"`
}

// Coverage returns, for every edge of g in graph order, the rules that
// check it on live records and what Related reports under it, or the
// stated reason records cannot show its flow. Rules nil means [Rules]. The
// library's rules and reasons leave no edge of the [Standard] graph
// without one or the other.
//
// The coverage of the Standard graph by the library's rules:
//
//	1    CHG  → DT    required  major-change-designed
//	2    DT   → CHG   required  service-plan-change
//	3    DT   → CFG   required  service-plan-cis
//	4    DT   → RDM   required  service-plan-release
//	5    RDM  → DT    expected  transition-evidence
//	6    DT   → SLM   required  design-agreements
//	7    DT   → SUP   required  no rule: whether a new service needs a supplier contract is a design decision; a design that names one links it (specifies), and the store refuses a link to a contract it does not hold; a service that depends on a supplier is checked against its SLA by sla-supplier-support
//	8    SUP  → DT    expected  no rule: what suppliers can deliver is information planning draws on; no record shows it was not consulted
//	9    DT   → BA    required  service-plan-budget
//	10   DT   → CAP   required  service-plan-capacity
//	11   DT   → SCA   expected  service-plan-continuity
//	12   DT   → ISM   expected  no rule: the security needs of a new service are content of its design, which the record types do not hold as separate records to look for
//	13   DT   → SR    required  transition-reported
//	14   BRM  → DT    expected  service-plan-requirement
//	15   SLM  → SR    required  sla-reported
//	16   SLM  → SCA   required  sla-continuity
//	17   SLM  → CAP   required  capacity-plan-sla
//	18   SLM  → ISR   expected  no rule: service targets drive the priority and times of incident handling, which the clocks of package process compute from the SLA; no record is left missing when they are used
//	19   SLM  → SUP   expected  sla-supplier-support
//	20   SLM  → ISM   expected  no rule: security requirements agreed with the customer are content of the SLA and the security policy; no separate record is called for
//	21   SLM  → BRM   required  service-review
//	22   SLM  → CHG   expected  sla-changed, ola-changed
//	23   SUP  → SLM   expected  supplier-review
//	24   BRM  → SLM   expected  no rule: changed service level requirements reach service level management as requests for change or as SLA amendments, which sla-changed checks
//	25   ISR  → SR    required  major-incident-reported
//	26   SCA  → SR    required  invocation-reported
//	27   CAP  → SR    required  workload-reported
//	28   BRM  → SR    required  complaint-reported
//	29   RDM  → SR    required  deployment-reported
//	30   SR   → BRM   expected  no rule: reports go to the customer for the relationship; their use leaves no record to look for
//	31   CFG  → SCA   required  no rule: that configuration information stays reachable when normal access is lost is content of the continuity plan (its recovery requirements) and is shown when the plan is tested; no record is missing when it is
//	32   CHG  → SCA   required  continuity-retest, availability-retest
//	33   SCA  → CHG   expected  no rule: changes that improve availability or continuity are optional: nothing is missing when none is raised
//	34   SCA  → CAP   required  capacity-plan-continuity
//	35   ISR  → SCA   expected  no rule: which incidents are outages, and their investigation, are content of the incident and the availability measurements; no record is called for by an incident alone
//	36   CAP  → BA    required  capacity-costs
//	37   SUP  → BA    required  no rule: the cost of supplied services and the basis of charges are content of the contract (its Validate requires the charging terms); costs are booked as budgeting.CostEntry values, which are not records a store holds
//	38   CFG  → BA    expected  no rule: assets and licences are costed as budgeting.CostEntry values naming the CI, which are not records a store holds
//	39   BA   → CHG   required  change-financial
//	40   CAP  → CHG   expected  no rule: an upgrade is carried out as a change only when it is approved; the plan's upgrades are checked for their costs (capacity-costs), and an upgrade not yet due calls for nothing
//	41   CHG  → CAP   required  capacity-plan-changes
//	42   CAP  → ISR   expected  no rule: a threshold crossed is raised as an incident by the host's monitoring (capacity.Threshold); a crossing not raised leaves no record to find
//	43   ISR  → CAP   expected  no rule: incidents about capacity are information capacity management draws on; no record shows they were not read
//	44   CHG  → ISM   required  change-security
//	45   ISM  → ISR   required  no rule: security incidents are handled through the incident procedures, with the priority incident management sets from impact and urgency (Validate requires it once classified); how risk weighed in that priority is not recorded apart from it
//	46   ISR  → ISM   required  security-incident-reviewed
//	47   ISM  → CHG   expected  no rule: security controls are carried out as changes when they need one; a control needs no change of its own, so none is missing
//	48   ISM  → PRB   expected  no rule: possible breaches are investigated as problems when the review finds a root cause to seek; the review's findings are its content
//	49   ISM  → SUP   required  no rule: which outside parties have access to information is not part of a supplier's record, so an access agreement cannot be found missing; the access agreement's own Validate requires its party, scope and controls
//	50   CFG  → ISM   expected  no rule: the assets to protect are read from the CMDB; their use leaves no record to look for
//	51   BRM  → CHG   required  no rule: a service review's findings and actions are free text, and a complaint's actions need not be changes; the changes they raise link to them (raised), and nothing is missing when they raised none
//	52   ISR  → BRM   expected  no rule: keeping the customer informed leaves no record of its own; complaints about incidents link to them (about)
//	53   SUP  → CHG   expected  contract-changed
//	54   SUP  → PRB   expected  no rule: problems and known errors that suppliers report are recorded as problems and known errors; none is missing when a supplier reports none
//	55   PRB  → ISR   required  known-error-visible, known-error-unused, incident-closed-problem-open
//	56   ISR  → PRB   required  recurring-incidents
//	57   CFG  → ISR   required  no rule: configuration information used to classify and resolve an incident leaves no trace; the CIs an incident affects are optional links, and incident-after-release and recurring-incidents read them where they are
//	58   ISR  → CHG   expected  no rule: an incident or request needs a change only when its resolution does; that decision is content, and the problem route (problem-rfc, known-error-rfc) checks the changes root causes need
//	59   ISR  → RDM   required  incident-after-release
//	60   RDM  → ISR   expected  no rule: release dates and contents are the same records incident-after-release reads on edge 59
//	61   PRB  → CHG   required  problem-rfc, known-error-rfc
//	62   CHG  → PRB   expected  failed-change-investigated
//	63   CFG  → PRB   expected  no rule: configuration information used in investigation leaves no trace; known-error-ci checks the CIs known errors concern
//	64   PRB  → CFG   required  known-error-ci
//	65   PRB  → RDM   required  fixed-known-error
//	66   CFG  → CHG   required  change-assessed-ci
//	67   CHG  → CFG   required  change-ci-updated
//	68   CFG  → RDM   required  release-baseline
//	69   RDM  → CFG   expected  no rule: the CMDB is brought up to date under the change a release implements, which change-ci-updated checks on edge 67
//	70   CHG  → RDM   required  change-scheduled, release-change
//	71   RDM  → CHG   required  deployment-review, release-review
//	72   RDM  → BRM   required  release-window
//	73   CHG  → SLM   expected  no rule: how a change affects services and agreements is content of its impact assessment; an agreement it changes is checked by sla-changed and ola-changed
//	74   SLM  → BA    expected  budget-catalogue
//	S1   DT   → PLAN  required  no rule: the changes a new service needs in the SMS are content of its design (SMSChanges); the plan itself is an SMS record the conformity assessment (sms.Assess) judges
//	S2   SR   → REV   required  no rule: decisions on reports are recorded on the report (Decisions) and the management review's inputs are judged by the conformity assessment (sms.Assess, 4.5.4.3)
//	S3   BRM  → REV   required  no rule: what customers say reaches management review as its inputs, which the conformity assessment (sms.Assess, 4.5.4.3) judges
//	S4   ISR  → TOP   required  major-incident-top-management
//	S5   PRB  → IMP   required  no rule: how well problems are resolved is measured from problem records (Effective on close); an opportunity for improvement is optional, so none is missing
//	S6   CHG  → IMP   required  change-reviewed
//	S7   RDM  → IMP   required  no rule: why releases succeed or fail is analysed in the post-deployment reviews that deployment-review and release-review check on edge 71
//	S8   IMP  → CHG   required  improvement-change
//	S9   GOV  → SLM   required  other-party-governed
//	S10  GOV  → SUP   required  supplier-party-contract
//	S11  SLM  → IMP   required  missed-target-action
//	S12  CFG  → AUD   required  no rule: configuration audits at planned intervals are judged by the conformity assessment (sms.Assess, 9.1): an audit that was not made in its interval leaves no record here to name, and the deficiencies an audit found are its content
//
// Regenerate the block with go test -update; testdata/coverage.md holds
// the same as a Markdown table, with what Related reports missing.
func Coverage(g *Graph, rules []Rule) []EdgeCoverage {
	if g == nil {
		return []EdgeCoverage{}
	}
	if rules == nil {
		rules = libraryRules
	}
	cov := make([]EdgeCoverage, len(g.edges))
	for i, e := range g.edges {
		cov[i] = EdgeCoverage{Edge: e.Ref, From: e.From, To: e.To, Basis: e.Basis, Rules: []string{}, Missing: []process.RecordKind{}}
	}
	at := make(map[string]int, len(g.edges))
	for i, e := range g.edges {
		at[e.Ref] = i
	}
	for _, ap := range apply(g, rules) {
		c := &cov[at[ap.edge.Ref]]
		c.Rules = append(c.Rules, ap.rule.Name)
		if len(ap.rule.Calls) > 0 && !slices.Contains(c.Missing, ap.rule.Calls[0]) {
			c.Missing = append(c.Missing, ap.rule.Calls[0])
		}
	}
	for i := range cov {
		if len(cov[i].Rules) > 0 {
			continue
		}
		for _, u := range unchecked {
			if u.ref == cov[i].Edge && u.from == cov[i].From && u.to == cov[i].To {
				cov[i].Reason = u.reason
			}
		}
	}
	return cov
}

// WriteCoverage writes the coverage of g as a Markdown table: edge, ends,
// basis, rules, what Related reports missing, and the reason where no rule
// checks the edge.
func WriteCoverage(w io.Writer, g *Graph, rules []Rule) error {
	b := bufio.NewWriter(w)
	fmt.Fprintln(b, "| edge | from | to | basis | rules | Related reports missing | why no rule |")
	fmt.Fprintln(b, "|---|---|---|---|---|---|---|")
	code := func(n NodeID) string {
		if i, ok := g.node[n]; ok && g.nodes[i].Code != "" {
			return g.nodes[i].Code
		}
		return string(n)
	}
	for _, c := range Coverage(g, rules) {
		missing := make([]string, len(c.Missing))
		for i, k := range c.Missing {
			missing[i] = string(k)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n", c.Edge, code(c.From), code(c.To), c.Basis,
			strings.Join(c.Rules, ", "), strings.Join(missing, ", "), c.Reason)
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("interfaces: write coverage: %w", err)
	}
	return nil
}

// uncheck is the stated reason no rule checks an edge of the standard
// graph on live records.
type uncheck struct {
	ref      string
	from, to NodeID
	reason   string
}

// unchecked holds, for each edge of the standard graph that no rule of the
// library cites, why records cannot show its flow failed.
var unchecked = []uncheck{
	{"7", dt, sup, "whether a new service needs a supplier contract is a design decision; a design that names one links it (specifies), and the store refuses a link to a contract it does not hold; a service that depends on a supplier is checked against its SLA by sla-supplier-support"},
	{"8", sup, dt, "what suppliers can deliver is information planning draws on; no record shows it was not consulted"},
	{"12", dt, ism, "the security needs of a new service are content of its design, which the record types do not hold as separate records to look for"},
	{"18", slm, isr, "service targets drive the priority and times of incident handling, which the clocks of package process compute from the SLA; no record is left missing when they are used"},
	{"20", slm, ism, "security requirements agreed with the customer are content of the SLA and the security policy; no separate record is called for"},
	{"24", brm, slm, "changed service level requirements reach service level management as requests for change or as SLA amendments, which sla-changed checks"},
	{"30", sr, brm, "reports go to the customer for the relationship; their use leaves no record to look for"},
	{"31", cfg, sca, "that configuration information stays reachable when normal access is lost is content of the continuity plan (its recovery requirements) and is shown when the plan is tested; no record is missing when it is"},
	{"33", sca, chg, "changes that improve availability or continuity are optional: nothing is missing when none is raised"},
	{"35", isr, sca, "which incidents are outages, and their investigation, are content of the incident and the availability measurements; no record is called for by an incident alone"},
	{"37", sup, ba, "the cost of supplied services and the basis of charges are content of the contract (its Validate requires the charging terms); costs are booked as budgeting.CostEntry values, which are not records a store holds"},
	{"38", cfg, ba, "assets and licences are costed as budgeting.CostEntry values naming the CI, which are not records a store holds"},
	{"40", capm, chg, "an upgrade is carried out as a change only when it is approved; the plan's upgrades are checked for their costs (capacity-costs), and an upgrade not yet due calls for nothing"},
	{"42", capm, isr, "a threshold crossed is raised as an incident by the host's monitoring (capacity.Threshold); a crossing not raised leaves no record to find"},
	{"43", isr, capm, "incidents about capacity are information capacity management draws on; no record shows they were not read"},
	{"45", ism, isr, "security incidents are handled through the incident procedures, with the priority incident management sets from impact and urgency (Validate requires it once classified); how risk weighed in that priority is not recorded apart from it"},
	{"47", ism, chg, "security controls are carried out as changes when they need one; a control needs no change of its own, so none is missing"},
	{"48", ism, prb, "possible breaches are investigated as problems when the review finds a root cause to seek; the review's findings are its content"},
	{"49", ism, sup, "which outside parties have access to information is not part of a supplier's record, so an access agreement cannot be found missing; the access agreement's own Validate requires its party, scope and controls"},
	{"50", cfg, ism, "the assets to protect are read from the CMDB; their use leaves no record to look for"},
	{"51", brm, chg, "a service review's findings and actions are free text, and a complaint's actions need not be changes; the changes they raise link to them (raised), and nothing is missing when they raised none"},
	{"52", isr, brm, "keeping the customer informed leaves no record of its own; complaints about incidents link to them (about)"},
	{"54", sup, prb, "problems and known errors that suppliers report are recorded as problems and known errors; none is missing when a supplier reports none"},
	{"57", cfg, isr, "configuration information used to classify and resolve an incident leaves no trace; the CIs an incident affects are optional links, and incident-after-release and recurring-incidents read them where they are"},
	{"58", isr, chg, "an incident or request needs a change only when its resolution does; that decision is content, and the problem route (problem-rfc, known-error-rfc) checks the changes root causes need"},
	{"60", rdm, isr, "release dates and contents are the same records incident-after-release reads on edge 59"},
	{"63", cfg, prb, "configuration information used in investigation leaves no trace; known-error-ci checks the CIs known errors concern"},
	{"69", rdm, cfg, "the CMDB is brought up to date under the change a release implements, which change-ci-updated checks on edge 67"},
	{"73", chg, slm, "how a change affects services and agreements is content of its impact assessment; an agreement it changes is checked by sla-changed and ola-changed"},
	{"S1", dt, Plan, "the changes a new service needs in the SMS are content of its design (SMSChanges); the plan itself is an SMS record the conformity assessment (sms.Assess) judges"},
	{"S2", sr, ManagementReview, "decisions on reports are recorded on the report (Decisions) and the management review's inputs are judged by the conformity assessment (sms.Assess, 4.5.4.3)"},
	{"S3", brm, ManagementReview, "what customers say reaches management review as its inputs, which the conformity assessment (sms.Assess, 4.5.4.3) judges"},
	{"S5", prb, Improvement, "how well problems are resolved is measured from problem records (Effective on close); an opportunity for improvement is optional, so none is missing"},
	{"S7", rdm, Improvement, "why releases succeed or fail is analysed in the post-deployment reviews that deployment-review and release-review check on edge 71"},
	{"S12", cfg, InternalAudit, "configuration audits at planned intervals are judged by the conformity assessment (sms.Assess, 9.1): an audit that was not made in its interval leaves no record here to name, and the deficiencies an audit found are its content"},
}
