package interfaces

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
)

// quarter is the audit period of the provider tests; the records are
// judged as of its end.
var quarter = process.Window{Start: day(0), End: day(90)}

// provider is a small service provider whose every interface is in place:
// one service for one customer, its catalogue, SLA, OLA and supplier
// contract, its plans, a new service designed and transitioned, changes,
// a release and its deployment, incidents, a problem and its known error,
// reports, reviews and the SMS records that go with them. Its records are
// header-only, so the audit is shown to judge any record type on what its
// header says.
type provider struct {
	f *fixture
	r map[string]process.Record
}

func (p *provider) add(name string, kind process.RecordKind, status string, created, updated time.Time, links ...process.Link) process.Record {
	p.f.t.Helper()
	r := p.f.add(kind, name, status, created, updated, links...)
	p.r[name] = r
	return r
}

// change adds a request for change with everything an approved change
// needs but what skip names: a schedule, a security assessment, its
// financial impact (a budget), a CI and, once implemented, an update of
// the CI made under it.
func (p *provider) change(name, status string, created, updated time.Time, skip string, links ...process.Link) process.Record {
	p.f.t.Helper()
	for _, l := range []struct {
		key  string
		link process.Link
	}{
		{"schedule", to(process.LinkScheduledIn, p.r["schedule"])},
		{"security", to(process.LinkSecurityCheck, p.r["security assessment"])},
		{"budget", x("budget", p.r["budget"])},
		{"ci", to(process.LinkAffects, p.r["ci-1"])},
	} {
		if skip != l.key {
			links = append(links, l.link)
		}
	}
	rfc := p.add(name, process.KindRequestForChange, status, created, updated, links...)
	if slices.Contains(completedStates, status) && skip != "ci" && skip != "ci-update" {
		p.r["ci-1"] = p.f.event(p.r["ci-1"], process.Event{At: updated, Action: process.ActionChanged, Field: "version", From: "1", To: name, Ref: rfc.Meta().ID})
	}
	return rfc
}

func newProvider(t testing.TB) *provider {
	p := &provider{f: newFixture(t), r: make(map[string]process.Record)}
	svc := p.add("payments", process.KindService, "live", day(-400), day(-400))
	cust := p.add("customer", process.KindCustomer, "", day(-400), day(-400))
	_ = cust
	p.add("catalogue", process.KindServiceCatalogue, "published", day(-400), day(-400), to(process.LinkService, svc))
	ci1 := p.add("ci-1", process.KindConfigurationItem, "live", day(-300), day(-300), to(process.LinkService, svc))
	ci2 := p.add("ci-2", process.KindConfigurationItem, "live", day(-300), day(-300), to(process.LinkService, svc))
	p.add("schedule", process.KindScheduleOfChange, "", day(-300), day(-300))
	p.add("security assessment", process.KindSecurityRiskAssessment, "", day(-300), day(-300))
	budget := p.add("budget", process.KindBudget, "approved", day(-100), day(-99), to(process.LinkService, svc))

	// Reports at the end of each month of the quarter.
	rep1 := p.add("report month 1", process.KindServiceReport, "", day(31), day(31))
	rep2 := p.add("report month 2", process.KindServiceReport, "", day(61), day(61))
	rep3 := p.add("report month 3", process.KindServiceReport, "", day(89), day(89))

	// The agreements, amended under an approved change.
	amend := p.change("amend sla", "implemented", day(1), day(3), "")
	sla := p.add("sla", process.KindSLA, "in-force", day(-400), day(-399), to(process.LinkService, svc), to(process.LinkAmendedBy, amend))
	p.f.event(sla, process.Event{At: day(5), Action: process.ActionChanged, Field: "targets", From: "99.5", To: "99.9"})
	p.add("ola", process.KindOLA, "in-force", day(-200), day(-199), to(process.LinkService, svc), to(process.LinkSupports, sla))
	p.add("measurement", process.KindTargetMeasurement, "met", day(88), day(88), x("agreement", sla), to(process.LinkReportedIn, rep3))
	p.add("service review", process.KindServiceReview, "", day(80), day(80), to(process.LinkAbout, sla))
	supplier := p.add("supplier", process.KindSupplier, "", day(-400), day(-400))
	contract := p.add("contract", process.KindSupplierContract, "in-force", day(-400), day(-399),
		to(process.LinkService, svc), to(process.LinkSupports, sla), x("supplier", supplier))
	p.add("supplier review", process.KindSupplierReview, "", day(70), day(70), x("contract", contract))
	p.add("other party", process.KindOtherParty, "", day(-200), day(-200), x("supplier", supplier), x("contract", contract))

	// Continuity, availability and capacity.
	cp := p.add("continuity plan", process.KindContinuityPlan, "approved", day(-100), day(-100), to(process.LinkService, svc))
	ap := p.add("availability plan", process.KindAvailabilityPlan, "approved", day(-100), day(-100), to(process.LinkService, svc))
	capReq := p.add("capacity requirement", process.KindCapacityRequirement, "", day(-100), day(-100), x("sla", sla), to(process.LinkService, svc))
	p.add("capacity plan", process.KindCapacityPlan, "approved", day(-50), day(-50),
		to(process.LinkService, svc), x("considers", capReq), x("considers", cp), x("considers", ap), x("budget", budget))

	// A new service, designed and transitioned through a change with
	// potential major impact.
	req := p.add("service requirement", process.KindServiceRequirement, "", day(0), day(0))
	design := p.add("service design", process.KindServiceDesign, "approved", day(1), day(2), to(process.LinkSpecifies, sla), to(process.LinkSpecifies, ci1))
	pir := p.add("post-implementation review", process.KindPostImplementationReview, "", day(16), day(16))
	major := p.change("new service change", "implemented", day(2), day(12), "", to(process.LinkService, svc), to(process.LinkReviewedBy, pir))
	p.add("plan test", process.KindPlanTest, "", day(14), day(14), x("tests", cp), x("tests", ap), to(process.LinkAfterChange, major))

	// The release that carries it, deployed, baselined and reviewed.
	baseline := p.add("baseline", process.KindConfigurationBaseline, "", day(19), day(19), to(process.LinkIncludes, ci1))
	pdr := p.add("post-deployment review", process.KindPostDeploymentReview, "", day(36), day(36))
	oldKE := p.add("known error fixed", process.KindKnownError, "retired", day(-50), day(25), to(process.LinkAffects, ci2))
	rel := p.add("release", process.KindRelease, "deployed", day(10), day(20),
		to(process.LinkBaselinedBy, baseline), to(process.LinkAffects, ci1), to(process.LinkReviewedBy, pdr), to(process.LinkFixes, oldKE))
	dep := p.add("deployment", process.KindDeployment, "completed", day(20), day(20), to(process.LinkDeploys, rel), to(process.LinkReportedIn, rep1))
	p.change("release change", "implemented", day(5), day(20), "", to(process.LinkImplementedBy, rel))
	tr := p.add("transition report", process.KindTransitionReport, "", day(30), day(30), to(process.LinkEvidencedBy, dep))
	p.add("service plan", process.KindServicePlan, "reviewed", day(0), day(30),
		to(process.LinkRaised, major), to(process.LinkDesignedBy, design), to(process.LinkTransitionReported, tr),
		to(process.LinkFulfils, req), to(process.LinkService, svc), x("budget", budget), x("capacity", capReq), x("release", rel))

	// Incidents: a major one after the release, a security one, and two
	// resolved with the known error of their problem.
	mir := p.add("major incident review", process.KindMajorIncidentReview, "", day(23), day(23), to(process.LinkReportedIn, rep1))
	p.add("major incident", process.KindIncident, "resolved", day(22), day(22),
		to(process.LinkAffects, ci1), to(process.LinkAfterRelease, rel), to(process.LinkReviewedBy, mir))
	sec := p.put(&flagged{rec: rec{header(process.KindIncident, "security incident", "resolved", day(40), day(41))}, security: true})
	p.add("security incident review", process.KindSecurityIncidentReview, "", day(45), day(45), to(process.LinkAbout, sec))
	ke := p.add("known error", process.KindKnownError, "published", day(42), day(42), to(process.LinkAffects, ci2))
	fix := p.change("fix change", "approved", day(43), day(44), "")
	prb := p.add("problem", process.KindProblem, "known-error", day(41), day(42), to(process.LinkKnownError, ke), to(process.LinkRequires, fix))
	p.add("incident on the problem", process.KindIncident, "resolved", day(46), day(47), to(process.LinkAffects, ci2), to(process.LinkRaised, prb), to(process.LinkResolvedBy, ke))
	p.add("incident closed", process.KindIncident, "closed", day(46), day(48), to(process.LinkAffects, ci2), to(process.LinkRaised, prb), to(process.LinkResolvedBy, ke))

	// Events the reports carry.
	p.add("invocation", process.KindContinuityInvocation, "", day(50), day(50), to(process.LinkReportedIn, rep2))
	p.add("complaint", process.KindComplaint, "closed", day(55), day(57), to(process.LinkReportedIn, rep2))
	_ = rep2

	// An improvement carried out as a change.
	p.add("improvement", process.KindImprovement, "implemented", day(60), day(70), to(process.LinkRaised, p.r["release change"]))

	// Outside the period: gaps that must not be reported.
	p.add("change next year", process.KindRequestForChange, "approved", day(400), day(401))
	p.put(&flagged{rec: rec{header(process.KindIncident, "old major incident", "resolved", day(-100), day(-99))}, major: true})
	return p
}

// put stores a record built by hand under its title.
func (p *provider) put(r process.Record) process.Record {
	p.f.t.Helper()
	p.f.put(r)
	p.r[r.Meta().Title] = r
	return r
}

// plant is one violation planted in the clean provider: the finding it
// must give ("rule: title of the record checked"), the edge and the clause
// of ISO/IEC 20000-1:2011 it must cite, and what it adds. Each adds
// records complete in every other respect, so that exactly one rule fails.
type plant struct {
	want, edge, clause string
	add                func(p *provider)
}

// svc2 returns a second service, with a continuity plan of its own, made
// once per provider.
func (p *provider) svc2() process.Record {
	if s, ok := p.r["billing"]; ok {
		return s
	}
	s := p.add("billing", process.KindService, "live", day(-400), day(-400))
	p.add("billing continuity plan", process.KindContinuityPlan, "approved", day(-100), day(-100), to(process.LinkService, s))
	return s
}

// sla adds an SLA in force for no service, reported and reviewed but for
// what skip names, and returns it.
func (p *provider) sla(name, skip string, links ...process.Link) process.Record {
	sla := p.add(name, process.KindSLA, "in-force", day(-400), day(-399), links...)
	if skip != "report" {
		p.add(name+" measurement", process.KindTargetMeasurement, "met", day(88), day(88), x("agreement", sla), to(process.LinkReportedIn, p.r["report month 3"]))
	}
	if skip != "review" {
		p.add(name+" review", process.KindServiceReview, "", day(80), day(80), to(process.LinkAbout, sla))
	}
	return sla
}

// contract adds a supplier contract in force for no service, reviewed but
// when skip says so.
func (p *provider) contract(name, skip string, links ...process.Link) process.Record {
	k := p.add(name, process.KindSupplierContract, "in-force", day(-400), day(-399), append(links, x("supplier", p.r["supplier"]))...)
	if skip != "review" {
		p.add(name+" review", process.KindSupplierReview, "", day(70), day(70), x("contract", k))
	}
	return k
}

// release adds a release deployed at d, with its baseline, review and
// change but for what skip names.
func (p *provider) release(name string, d time.Time, skip string) process.Record {
	var links []process.Link
	if skip != "baseline" {
		links = append(links, to(process.LinkBaselinedBy, p.add(name+" baseline", process.KindConfigurationBaseline, "", d.Add(-time.Hour), d.Add(-time.Hour))))
	}
	if skip != "review" {
		links = append(links, to(process.LinkReviewedBy, p.add(name+" review", process.KindPostDeploymentReview, "", d.Add(48*time.Hour), d.Add(48*time.Hour))))
	}
	rel := p.add(name, process.KindRelease, "deployed", d.Add(-72*time.Hour), d, links...)
	if skip != "change" {
		p.change(name+" change", "implemented", d.Add(-96*time.Hour), d, "", to(process.LinkImplementedBy, rel))
	}
	return rel
}

// plan adds a service plan in state status with every link a plan needs
// but the one skip names.
func (p *provider) plan(name, status, skip string, extra ...process.Link) process.Record {
	links := extra
	for _, l := range []struct {
		key  string
		link process.Link
	}{
		{"change", to(process.LinkRaised, p.r["new service change"])},
		{"design", to(process.LinkDesignedBy, p.r["service design"])},
		{"report", to(process.LinkTransitionReported, p.r["transition report"])},
		{"requirement", to(process.LinkFulfils, p.r["service requirement"])},
		{"service", to(process.LinkService, p.r["payments"])},
		{"budget", x("budget", p.r["budget"])},
		{"capacity", x("capacity", p.r["capacity requirement"])},
		{"release", x("release", p.r["release"])},
	} {
		if skip != l.key {
			links = append(links, l.link)
		}
	}
	return p.add(name, process.KindServicePlan, status, day(60), day(62), links...)
}

func (p *provider) flaggedChange(name, status string, created, updated time.Time, links ...process.Link) process.Record {
	links = append(links, to(process.LinkScheduledIn, p.r["schedule"]), to(process.LinkSecurityCheck, p.r["security assessment"]),
		x("budget", p.r["budget"]), to(process.LinkAffects, p.r["ci-1"]))
	r := p.put(&flagged{rec: rec{header(process.KindRequestForChange, name, status, created, updated, links...)}, major: true})
	if slices.Contains(completedStates, status) {
		p.r["ci-1"] = p.f.event(p.r["ci-1"], process.Event{At: updated, Action: process.ActionChanged, Field: "version", To: name, Ref: r.Meta().ID})
	}
	return r
}

func plants() []plant {
	return []plant{
		{"major-change-designed: major change alone", "1", "5.1", func(p *provider) {
			p.flaggedChange("major change alone", "approved", day(60), day(61))
		}},
		{"service-plan-change: plan with no change", "2", "5.1", func(p *provider) { p.plan("plan with no change", "designed", "change") }},
		{"service-plan-cis: plan with no ci", "3", "5.1", func(p *provider) {
			d := p.add("design with no ci", process.KindServiceDesign, "approved", day(60), day(60), to(process.LinkSpecifies, p.r["sla"]))
			p.plan("plan with no ci", "transitioned", "design", to(process.LinkDesignedBy, d))
		}},
		{"service-plan-release: plan with no release", "4", "5.4", func(p *provider) { p.plan("plan with no release", "built", "release") }},
		{"transition-evidence: report with no evidence", "5", "5.4", func(p *provider) {
			p.add("report with no evidence", process.KindTransitionReport, "", day(62), day(62))
		}},
		{"design-agreements: design with no sla", "6", "5.3", func(p *provider) {
			p.add("design with no sla", process.KindServiceDesign, "approved", day(60), day(60), to(process.LinkSpecifies, p.r["ci-1"]))
		}},
		{"service-plan-budget: plan with no budget", "9", "5.2", func(p *provider) { p.plan("plan with no budget", "planned", "budget") }},
		{"service-plan-capacity: plan with no capacity", "10", "6.5", func(p *provider) { p.plan("plan with no capacity", "designed", "capacity") }},
		{"service-plan-continuity: plan for a service with no continuity plan", "11", "6.3.2", func(p *provider) {
			svc := p.add("uncovered service", process.KindService, "live", day(0), day(0))
			p.plan("plan for a service with no continuity plan", "transitioned", "service", to(process.LinkService, svc))
		}},
		{"transition-reported: plan with no transition report", "13", "5.4", func(p *provider) {
			p.plan("plan with no transition report", "transitioned", "report")
		}},
		{"service-plan-requirement: plan with no requirement", "14", "5.2", func(p *provider) {
			p.plan("plan with no requirement", "planned", "requirement")
		}},
		{"sla-changed: sla changed", "22", "6.1", func(p *provider) {
			p.f.event(p.sla("sla changed", ""), process.Event{At: day(50), Action: process.ActionChanged, Field: "targets", From: "99.5", To: "99"})
		}},
		{"ola-changed: ola changed", "22", "6.1", func(p *provider) {
			ola := p.add("ola changed", process.KindOLA, "in-force", day(-200), day(-199), to(process.LinkSupports, p.r["sla"]))
			p.f.event(ola, process.Event{At: day(50), Action: process.ActionChanged, Field: "targets", From: "4h", To: "8h"})
		}},
		{"sla-reported: sla never reported", "15", "6.2", func(p *provider) { p.sla("sla never reported", "report") }},
		{"sla-continuity: sla with no continuity plan", "16", "6.3.1", func(p *provider) {
			svc := p.add("uncovered service", process.KindService, "live", day(0), day(0))
			p.sla("sla with no continuity plan", "", to(process.LinkService, svc))
		}},
		{"capacity-plan-sla: capacity plan missing the sla", "17", "6.5", func(p *provider) {
			svc := p.svc2()
			p.sla("billing sla", "", to(process.LinkService, svc))
			p.add("capacity plan missing the sla", process.KindCapacityPlan, "approved", day(60), day(60),
				to(process.LinkService, svc), x("considers", p.r["billing continuity plan"]), x("budget", p.r["budget"]))
		}},
		{"sla-supplier-support: sla", "19", "7.2", func(p *provider) {
			p.contract("contract not supporting the sla", "", to(process.LinkService, p.r["payments"]))
		}},
		{"service-review: sla never reviewed", "21", "7.1", func(p *provider) { p.sla("sla never reviewed", "review") }},
		{"major-incident-reported: major incident unreported", "25", "6.2", func(p *provider) {
			p.put(&flagged{rec: rec{header(process.KindIncident, "major incident unreported", "resolved", day(60), day(61))}, major: true})
		}},
		{"invocation-reported: invocation unreported", "26", "6.2", func(p *provider) {
			p.add("invocation unreported", process.KindContinuityInvocation, "", day(65), day(65))
		}},
		{"complaint-reported: complaint unreported", "28", "6.2", func(p *provider) {
			p.add("complaint unreported", process.KindComplaint, "closed", day(65), day(66))
		}},
		{"deployment-reported: deployment unreported", "29", "6.2", func(p *provider) {
			p.add("deployment unreported", process.KindDeployment, "completed", day(65), day(65), to(process.LinkDeploys, p.r["release"]))
		}},
		{"continuity-retest: continuity plan untested", "32", "6.3.3", func(p *provider) {
			p.add("continuity plan untested", process.KindContinuityPlan, "approved", day(-100), day(-100))
		}},
		{"availability-retest: availability plan untested", "32", "6.3.3", func(p *provider) {
			p.add("availability plan untested", process.KindAvailabilityPlan, "approved", day(-100), day(-100))
		}},
		{"capacity-plan-continuity: capacity plan missing availability", "34", "6.5", func(p *provider) {
			p.add("capacity plan missing availability", process.KindCapacityPlan, "approved", day(60), day(60),
				to(process.LinkService, p.r["payments"]), x("considers", p.r["capacity requirement"]), x("considers", p.r["continuity plan"]),
				x("considers", p.r["new service change"]), x("budget", p.r["budget"]))
		}},
		{"capacity-plan-changes: capacity plan missing the change", "41", "6.5", func(p *provider) {
			p.add("capacity plan missing the change", process.KindCapacityPlan, "approved", day(60), day(60),
				to(process.LinkService, p.r["payments"]), x("considers", p.r["capacity requirement"]), x("considers", p.r["continuity plan"]),
				x("considers", p.r["availability plan"]), x("budget", p.r["budget"]))
		}},
		{"capacity-costs: capacity plan with no budget", "36", "6.5", func(p *provider) {
			p.add("capacity plan with no budget", process.KindCapacityPlan, "approved", day(60), day(60))
		}},
		{"change-financial: change with no budget", "39", "9.2", func(p *provider) {
			p.change("change with no budget", "approved", day(60), day(61), "budget")
		}},
		{"budget-catalogue: budget for an uncatalogued service", "74", "6.4", func(p *provider) {
			svc := p.add("uncatalogued service", process.KindService, "live", day(0), day(0))
			p.add("budget for an uncatalogued service", process.KindBudget, "approved", day(60), day(61), to(process.LinkService, svc))
		}},
		{"change-security: change with no security assessment", "44", "6.6.3", func(p *provider) {
			p.change("change with no security assessment", "approved", day(60), day(61), "security")
		}},
		{"security-incident-reviewed: security incident unreviewed", "46", "6.6.3", func(p *provider) {
			p.put(&flagged{rec: rec{header(process.KindIncident, "security incident unreviewed", "resolved", day(20), day(21))}, security: true})
		}},
		{"contract-changed: contract changed", "53", "7.2", func(p *provider) {
			p.f.event(p.contract("contract changed", ""), process.Event{At: day(50), Action: process.ActionChanged, Field: "charging", From: "monthly", To: "yearly"})
		}},
		{"supplier-review: contract never reviewed", "23", "7.2", func(p *provider) { p.contract("contract never reviewed", "review") }},
		{"known-error-visible: known error in draft", "55", "8.1", func(p *provider) {
			p.add("known error in draft", process.KindKnownError, "draft", day(60), day(60), to(process.LinkAffects, p.r["ci-2"]))
		}},
		{"known-error-unused: incident ignoring the known error", "55", "8.1", func(p *provider) {
			ke := p.add("second known error", process.KindKnownError, "published", day(50), day(50), to(process.LinkAffects, p.r["ci-2"]))
			prb := p.add("second problem", process.KindProblem, "known-error", day(49), day(50), to(process.LinkKnownError, ke))
			p.add("incident ignoring the known error", process.KindIncident, "resolved", day(59), day(60), to(process.LinkRaised, prb))
		}},
		{"incident-closed-problem-open: incident closed under an open problem", "55", "8.2", func(p *provider) {
			prb := p.add("open problem", process.KindProblem, "investigating", day(49), day(50))
			p.add("incident closed under an open problem", process.KindIncident, "closed", day(59), day(60), to(process.LinkRaised, prb))
		}},
		{"problem-rfc: problem needing a change", "61", "8.2", func(p *provider) {
			p.add("problem needing a change", process.KindProblem, "awaiting-change", day(60), day(61))
		}},
		{"known-error-rfc: known error waiting for a fix", "61", "8.2", func(p *provider) {
			ke := p.add("known error waiting for a fix", process.KindKnownError, "fix-pending", day(50), day(55), to(process.LinkAffects, p.r["ci-2"]))
			p.add("problem of the waiting known error", process.KindProblem, "known-error", day(49), day(50), to(process.LinkKnownError, ke))
		}},
		{"recurring-incidents: recurring 3", "56", "8.2", func(p *provider) {
			ci := p.add("ci-3", process.KindConfigurationItem, "live", day(-300), day(-300))
			for i := 1; i <= 3; i++ {
				p.add(fmt.Sprintf("recurring %d", i), process.KindIncident, "resolved", day(68+i), day(69+i), to(process.LinkAffects, ci))
			}
		}},
		{"failed-change-investigated: failed change", "62", "9.2", func(p *provider) {
			p.change("failed change", "failed", day(60), day(62), "")
		}},
		{"known-error-ci: known error with no ci", "64", "9.1", func(p *provider) {
			p.add("known error with no ci", process.KindKnownError, "published", day(60), day(60))
		}},
		{"fixed-known-error: known error still open", "65", "9.3", func(p *provider) {
			ke := p.add("known error still open", process.KindKnownError, "published", day(5), day(5), to(process.LinkAffects, p.r["ci-2"]))
			p.r["release"] = p.f.link(p.r["release"], day(21), to(process.LinkFixes, ke))
		}},
		{"incident-after-release: incident after the release", "59", "9.3", func(p *provider) {
			p.add("incident after the release", process.KindIncident, "resolved", day(25), day(26), to(process.LinkAffects, p.r["ci-1"]))
		}},
		{"change-assessed-ci: change with no ci", "66", "9.1", func(p *provider) {
			p.change("change with no ci", "approved", day(60), day(61), "ci")
		}},
		{"change-ci-updated: change with no ci update", "67", "9.1", func(p *provider) {
			p.change("change with no ci update", "implemented", day(60), day(62), "ci-update")
		}},
		{"release-baseline: release with no baseline", "68", "9.1", func(p *provider) { p.release("release with no baseline", day(30), "baseline") }},
		{"change-scheduled: change never scheduled", "70", "9.2", func(p *provider) {
			p.change("change never scheduled", "approved", day(60), day(61), "schedule")
		}},
		{"release-change: release with no change", "70", "9.2", func(p *provider) { p.release("release with no change", day(30), "change") }},
		{"deployment-review: deployment never reviewed", "71", "9.3", func(p *provider) {
			rel := p.release("release deployed later", day(60), "review")
			p.add("deployment never reviewed", process.KindDeployment, "completed", day(60), day(60), to(process.LinkDeploys, rel), to(process.LinkReportedIn, p.r["report month 3"]))
		}},
		{"release-review: release never reviewed", "71", "9.3", func(p *provider) { p.release("release never reviewed", day(30), "review") }},
		{"change-reviewed: major change never reviewed", "S6", "9.2", func(p *provider) {
			p.flaggedChange("major change never reviewed", "implemented", day(30), day(40), x("plan", p.r["service plan"]))
		}},
		{"improvement-change: improvement with no change", "S8", "4.5.5", func(p *provider) {
			p.add("improvement with no change", process.KindImprovement, "implemented", day(60), day(70))
		}},
		{"other-party-governed: ungoverned party", "S9", "4.2", func(p *provider) {
			p.add("ungoverned party", process.KindOtherParty, "", day(60), day(60))
		}},
		{"supplier-party-contract: party of a supplier with no contract", "S10", "4.2", func(p *provider) {
			s := p.add("supplier with no contract", process.KindSupplier, "", day(60), day(60))
			p.add("party of a supplier with no contract", process.KindOtherParty, "", day(60), day(60), x("supplier", s))
		}},
		{"missed-target-action: missed target", "S11", "6.1", func(p *provider) {
			p.add("missed target", process.KindTargetMeasurement, "missed", day(60), day(60), x("agreement", p.r["sla"]), to(process.LinkReportedIn, p.r["report month 3"]))
		}},
	}
}

// typedOnly are the rules whose checks read only fields of the library's
// typed records; the test named shows each of them.
var typedOnly = map[string]string{
	"workload-reported":             "TestAuditTypedRules",
	"major-incident-top-management": "TestAuditTypedRules",
	"release-window":                "TestAuditReleaseWindow",
}

// names are the findings of a report as "rule: title of the record checked".
func names(r AuditReport) []string {
	var s []string
	for _, f := range r.Findings {
		s = append(s, f.Rule+": "+f.Records[0].Title)
	}
	return s
}

func TestProviderClean(t *testing.T) {
	p := newProvider(t)
	r, err := Audit(Standard(), p.f.store, quarter)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 0 {
		var text bytes.Buffer
		r.WriteText(&text)
		t.Errorf("got %d findings, want none:\n%s", len(r.Findings), text.String())
	}
	if len(r.Rules) != len(Rules()) {
		t.Errorf("rules applied: got %d, want %d", len(r.Rules), len(Rules()))
	}
	for _, c := range r.Rules {
		if c.Checked == 0 {
			t.Errorf("rule %s checked no record: the provider does not exercise it", c.Rule)
		}
	}
}

func TestProviderEachPlant(t *testing.T) {
	g := Standard()
	for _, pl := range plants() {
		t.Run(pl.want, func(t *testing.T) {
			p := newProvider(t)
			pl.add(p)
			r, err := Audit(g, p.f.store, quarter)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(r); !slices.Equal(got, []string{pl.want}) {
				var text bytes.Buffer
				r.WriteText(&text)
				t.Fatalf("findings: got %q, want exactly %q\n%s", got, pl.want, text.String())
			}
			f := r.Findings[0]
			e, ok := g.Edge(f.Edge)
			if f.Edge != pl.edge || !ok || e.From != f.From || e.To != f.To || len(f.Tables) == 0 || !slices.Equal(f.Tables, e.Tables) {
				t.Errorf("edge: got %s %s→%s %v, want edge %s with its tables", f.Edge, f.From, f.To, f.Tables, pl.edge)
			}
			if f.Clause != pl.clause || len(f.Clauses2018) == 0 || !slices.Equal(f.Clauses2018, g.Clauses2018(pl.clause)) {
				t.Errorf("clauses: got %s %v, want %s %v", f.Clause, f.Clauses2018, pl.clause, g.Clauses2018(pl.clause))
			}
			if f.Message == "" || !strings.HasPrefix(f.Message, f.Records[0].String()+": ") {
				t.Errorf("message %q does not name the record %s", f.Message, f.Records[0])
			}
			for _, rr := range f.Records {
				if _, err := p.f.store.Get(rr.ID); err != nil && rr.Kind != process.KindService {
					t.Errorf("finding names %s, not in the store", rr)
				}
			}
			// Related reports the same rule missing on the record, and
			// nothing else.
			rel, err := (&Auditor{Graph: g, Now: func() time.Time { return quarter.End }}).Related(p.f.store, f.Records[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(rel.Missing) != 1 || rel.Missing[0].Rule != f.Rule || rel.Missing[0].Edge.Ref != f.Edge || rel.Missing[0].Reason+"" == "" {
				t.Errorf("related missing: got %+v, want the one finding's rule %s on edge %s", rel.Missing, f.Rule, f.Edge)
			}
		})
	}
}

// TestPlantsCoverRules shows every rule of the library planted at least
// once.
func TestPlantsCoverRules(t *testing.T) {
	planted := make(map[string]bool)
	for _, pl := range plants() {
		planted[strings.SplitN(pl.want, ":", 2)[0]] = true
	}
	for _, r := range Rules() {
		if !planted[r.Name] && typedOnly[r.Name] == "" {
			t.Errorf("rule %s: no plant shows it", r.Name)
		}
	}
}

// TestAuditAgreesWithRelated runs Related on every record of the provider
// with every plant at once: what it reports missing is exactly what the
// audit finds on the record.
func TestAuditAgreesWithRelated(t *testing.T) {
	p := newProvider(t)
	for _, pl := range plants() {
		pl.add(p)
	}
	a := &Auditor{Now: func() time.Time { return quarter.End }}
	rep, err := a.Audit(p.f.store, process.Window{End: quarter.End})
	if err != nil {
		t.Fatal(err)
	}
	want := make(map[process.ID][]string)
	for _, f := range rep.Findings {
		want[f.Records[0].ID] = append(want[f.Records[0].ID], f.Rule+" "+f.Edge+" "+f.Message)
	}
	for _, k := range process.Kinds() {
		for r, err := range p.f.store.Records(k) {
			if err != nil {
				t.Fatal(err)
			}
			h := r.Meta()
			if h.Created.After(quarter.End) {
				continue
			}
			rel, err := a.Related(p.f.store, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range rel.Missing {
				got = append(got, m.Rule+" "+m.Edge.Ref+" "+h.Subject()+": "+m.Reason)
			}
			if !slices.Equal(got, want[h.ID]) {
				t.Errorf("%s %q: related %q, audit %q", h.Kind, h.Title, got, want[h.ID])
			}
		}
	}
	if len(rep.Findings) < len(plants()) {
		t.Errorf("got %d findings for %d plants", len(rep.Findings), len(plants()))
	}
}

// TestRelatedOrderIndependent shows Related's JSON byte-identical over two
// stores that hold the same records and return them, and their links, in
// opposite orders.
func TestRelatedOrderIndependent(t *testing.T) {
	p := newProvider(t)
	for _, pl := range plants() {
		pl.add(p)
	}
	fwd := &sliceStore{}
	rev := &sliceStore{reverse: true}
	for _, k := range process.Kinds() {
		for r := range p.f.store.Records(k) {
			fwd.add(r)
			rev.add(r)
		}
	}
	a := &Auditor{Now: func() time.Time { return quarter.End }}
	for _, r := range fwd.recs {
		x, err := a.Related(fwd, r.Meta().ID)
		if err != nil {
			t.Fatal(err)
		}
		y, err := a.Related(rev, r.Meta().ID)
		if err != nil {
			t.Fatal(err)
		}
		bx, _ := json.Marshal(x)
		by, _ := json.Marshal(y)
		if !bytes.Equal(bx, by) {
			t.Errorf("%s: related differs with the store's order:\n%s\n%s", r.Meta().Subject(), bx, by)
		}
	}
	x, err := a.Audit(fwd, quarter)
	if err != nil {
		t.Fatal(err)
	}
	y, err := a.Audit(rev, quarter)
	if err != nil {
		t.Fatal(err)
	}
	bx, _ := json.Marshal(x)
	by, _ := json.Marshal(y)
	if !bytes.Equal(bx, by) {
		t.Errorf("audit differs with the store's order")
	}
	fmt.Fprint(new(bytes.Buffer), len(x.Findings))
}
