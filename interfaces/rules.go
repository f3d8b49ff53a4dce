package interfaces

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/smskit/iso20000/budgeting"
	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/process"
)

// Rules returns the library's rules, in the order [Audit] reports them:
// at least one for every required interface of the [Standard] graph and
// for every expected one that records can show, each citing its interface
// and clause ([Coverage] gives, for each edge, its rules or the reason
// records cannot show it). The list is a fresh copy; a host appends its
// own rules to it and runs them with an [Auditor].
func Rules() []Rule { return slices.Clone(libraryRules) }

// libraryRules is the library's rules, grouped as the processes of
// ISO/IEC 20000-1:2011 are (Clauses 5 to 9, then the SMS).
var libraryRules = []Rule{
	// Design and transition of new or changed services (5).
	{Name: "major-change-designed", From: chg, To: dt, Kind: process.KindRequestForChange, Calls: kinds(process.KindServicePlan), Clause: "5.1",
		Description: "an approved change with potential major impact that no service plan of design and transition takes in",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if ok := everApproved(h); !ok || !majorOf(r) || c.linkedWith(h, is(process.KindServicePlan)) {
				return nil
			}
			return violation("approved with potential major impact, but no service plan takes it in: it bypassed design and transition")
		}},
	{Name: "service-plan-change", From: dt, To: chg, Kind: process.KindServicePlan, Calls: kinds(process.KindRequestForChange), Clause: "5.1",
		Description: "a new or changed service designed or built with no request for change raised for it",
		Check:       linkedOnce(planDesigned, is(process.KindRequestForChange), "designed or built with no request for change: the service does not go through change management")},
	{Name: "service-plan-cis", From: dt, To: cfg, Kind: process.KindServicePlan, Calls: kinds(process.KindConfigurationItem), Clause: "5.1",
		Description: "a new or changed service transitioned with no configuration item recorded for it, by its plan or its designs",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if ok := ever(h, planLive); !ok || c.linkedWith(h, is(process.KindConfigurationItem)) {
				return nil
			}
			for _, d := range c.related(h, is(process.KindServiceDesign)) {
				if dr := c.Get(d); dr != nil && c.linkedWith(dr.Meta(), is(process.KindConfigurationItem)) {
					return nil
				}
			}
			return violation("transitioned, but neither the plan nor its designs name a configuration item: the new service is not under configuration control")
		}},
	{Name: "service-plan-release", From: dt, To: rdm, Kind: process.KindServicePlan, Calls: kinds(process.KindRelease), Clause: "5.4",
		Description: "a new or changed service built or transitioned with no release to deploy it",
		Check:       linkedOnce(planBuilt, is(process.KindRelease, process.KindDeployment), "built, but no release or deployment is linked: the service was not deployed through release and deployment management")},
	{Name: "transition-evidence", From: rdm, To: dt, Kind: process.KindTransitionReport, Calls: kinds(process.KindReleaseAcceptanceTest, process.KindDeployment), Clause: "5.4",
		Description: "a transition report with no release test or deployment result as its evidence",
		Check:       linkedOnce(nil, is(process.KindReleaseAcceptanceTest, process.KindDeployment), "reports outcomes with no release acceptance test or deployment linked as evidence")},
	{Name: "design-agreements", From: dt, To: slm, Kind: process.KindServiceDesign, Calls: kinds(process.KindSLA, process.KindServiceCatalogue), Clause: "5.3",
		Description: "a service design that specifies no SLA or catalogue entry for the service",
		Check:       linkedOnce(nil, is(process.KindSLA, process.KindServiceCatalogue), "specifies no SLA or service catalogue: the new service's agreements are not designed")},
	{Name: "service-plan-budget", From: dt, To: ba, Kind: process.KindServicePlan, Calls: kinds(process.KindBudget), Clause: "5.2",
		Description: "a planned service whose financial needs no budgeting record holds",
		Check:       linkedOnce(planApproved, ownedBy(ba), "planned, but no budgeting record is linked: its financial needs are not budgeted")},
	{Name: "service-plan-capacity", From: dt, To: capm, Kind: process.KindServicePlan, Calls: kinds(process.KindCapacityRequirement), Clause: "6.5",
		Description: "a designed service whose capacity and performance needs no capacity record holds",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if ok := ever(h, planDesigned); !ok || c.linkedWith(h, ownedBy(capm)) {
				return nil
			}
			for _, d := range c.related(h, is(process.KindServiceDesign)) {
				if dr := c.Get(d); dr != nil && c.linkedWith(dr.Meta(), ownedBy(capm)) {
					return nil
				}
			}
			return violation("designed, but no capacity requirement or plan is linked to the plan or its designs")
		}},
	{Name: "service-plan-continuity", From: dt, To: sca, Kind: process.KindServicePlan, Calls: kinds(process.KindContinuityPlan), Clause: "6.3.2",
		Description: "a transitioned service in no continuity or availability plan",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			svcs := servicesOf(r, h)
			if ok := ever(h, planLive); !ok || len(svcs) == 0 || continuityPlans.Of(c).any(svcs) {
				return nil
			}
			return violation("transitioned, but its service is in no continuity or availability plan")
		}},
	{Name: "transition-reported", From: dt, To: sr, Kind: process.KindServicePlan, Calls: kinds(process.KindTransitionReport), Clause: "5.4",
		Description: "a transitioned service with no report of its outcomes against those planned",
		Check:       linkedOnce(planLive, is(process.KindTransitionReport), "transitioned with no transition report: the outcomes reached were never set beside those planned")},
	{Name: "service-plan-requirement", From: brm, To: dt, Kind: process.KindServicePlan, Calls: kinds(process.KindServiceRequirement), Clause: "5.2",
		Description: "a planned service that fulfils no service requirement",
		Check:       linkedOnce(planApproved, is(process.KindServiceRequirement), "planned with no service requirement it fulfils: what the customer needs was not its input")},

	// Service level management (6.1) and service reporting (6.2).
	{Name: "sla-changed", From: slm, To: chg, Kind: process.KindSLA, Calls: kinds(process.KindRequestForChange), Clause: "6.1",
		Description: "an SLA changed after it was agreed, with no request for change approved before the change",
		Check:       changedWithoutRFC},
	{Name: "ola-changed", From: slm, To: chg, Kind: process.KindOLA, Calls: kinds(process.KindRequestForChange), Clause: "6.1",
		Description: "an OLA changed after it was agreed, with no request for change approved before the change",
		Check:       changedWithoutRFC},
	{Name: "sla-reported", From: slm, To: sr, Kind: process.KindSLA, Calls: kinds(process.KindServiceReport), Clause: "6.2",
		Description: "an SLA in force for more than a reporting interval with no service report on it, its services or its target measurements in the last interval",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			from := c.Now.Add(-c.Policy.Reporting)
			if !inForce(r, h, c.Now) || !since(r, h).Before(from) {
				return nil
			}
			last, measured := reportsAbout.Of(c), measurementsReported.Of(c)
			for _, id := range append(servicesOf(r, h), h.ID) {
				if !last[id].Before(from) || !measured[id].Before(from) {
					return nil
				}
			}
			for _, id := range h.Linked(process.LinkReportedIn) {
				if rep := c.Get(id); rep != nil && !rep.Meta().Created.Before(from) {
					return nil
				}
			}
			return violation(fmt.Sprintf("in force, but no service report since %s covers it or its services", stamp(from)))
		}},
	{Name: "sla-continuity", From: slm, To: sca, Kind: process.KindSLA, Calls: kinds(process.KindContinuityPlan, process.KindAvailabilityPlan), Clause: "6.3.1",
		Description: "an SLA in force whose services are in no continuity or availability plan",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			svcs := servicesOf(r, h)
			if !inForce(r, h, c.Now) || len(svcs) == 0 || continuityPlans.Of(c).any(svcs) {
				return nil
			}
			return violation("in force, but no continuity or availability plan covers its services: the availability agreed has no plan behind it")
		}},
	{Name: "capacity-plan-sla", From: slm, To: capm, Kind: process.KindCapacityPlan, Calls: kinds(process.KindCapacityRequirement), Clause: "6.5",
		Description: "a capacity plan that does not cover the capacity and performance agreed in the SLAs of its services",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if retiredPlan(r, h) {
				return nil
			}
			considered := consideredBy(r, h)
			var vs []Violation
			for _, sla := range agreements.Of(c).of(planServices(c, r, h)) {
				sh := sla.Meta()
				if sh.Kind != process.KindSLA || !inForce(sla, sh, c.Now) || !agreesCapacity(sla) {
					continue
				}
				if !slices.ContainsFunc(capacityRequirements.Of(c)[sh.ID], func(req process.Record) bool { return considered[req.Meta().ID] }) {
					vs = append(vs, Violation{Message: "does not cover the capacity and performance agreed in " + sh.Subject() + ": no capacity requirement from it is considered",
						Records: []RecordRef{refOf(sh)}})
				}
			}
			return vs
		}},
	{Name: "sla-supplier-support", From: slm, To: sup, Kind: process.KindSLA, Calls: kinds(process.KindSupplierContract), Clause: "7.2",
		Description: "an SLA in force on a service that depends on a supplier whose contract does not support the SLA",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if !inForce(r, h, c.Now) {
				return nil
			}
			var vs []Violation
			for _, k := range contracts.Of(c).of(servicesOf(r, h)) {
				kh := k.Meta()
				if !inForce(k, kh, c.Now) || kh.HasLink(process.LinkSupports, h.ID) {
					continue
				}
				vs = append(vs, Violation{Message: "its service depends on " + kh.Subject() + ", which does not support it",
					Records: []RecordRef{refOf(kh)}})
			}
			return vs
		}},
	{Name: "service-review", From: slm, To: brm, Kind: process.KindSLA, Calls: kinds(process.KindServiceReview), Clause: "7.1",
		Description: "an SLA in force longer than the service review interval, with no service review of it, its customer or its services in the last interval",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			from := c.Now.Add(-c.Policy.ServiceReview)
			if !inForce(r, h, c.Now) || !since(r, h).Before(from) {
				return nil
			}
			last := serviceReviews.Of(c)
			ids := append(servicesOf(r, h), h.ID)
			if s, ok := r.(*process.SLA); ok {
				ids = append(ids, s.Customer)
			}
			ids = append(ids, h.Linked(process.LinkAbout)...)
			for _, id := range ids {
				if !last[id].Before(from) {
					return nil
				}
			}
			return violation(fmt.Sprintf("in force, but not reviewed with its customer since %s", stamp(from)))
		}},
	{Name: "major-incident-reported", From: isr, To: sr, Kind: process.KindIncident, Calls: kinds(process.KindServiceReport), Clause: "6.2",
		Description: "a major incident, directly or through its review, in none of the service reports made since",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if !majorIncident(r, h) || !lastReport.Of(c).After(h.Created) || c.reportedIn(h, h.Created) {
				return nil // not major, no report made since (not yet due), or reported
			}
			var reviews []RecordRef
			for _, id := range c.related(h, is(process.KindMajorIncidentReview)) {
				if rv := c.Get(id); rv != nil {
					if c.reportedIn(rv.Meta(), h.Created) {
						return nil
					}
					reviews = append(reviews, refOf(rv.Meta()))
				}
			}
			return violation("a major incident with no entry in the service reports made since", reviews...)
		}},
	{Name: "invocation-reported", From: sca, To: sr, Kind: process.KindContinuityInvocation, Calls: kinds(process.KindServiceReport), Clause: "6.2",
		Description: "an invocation of a continuity plan missing from the service reports made since",
		Check:       reportedSince("invoked"),
	},
	{Name: "complaint-reported", From: brm, To: sr, Kind: process.KindComplaint, Calls: kinds(process.KindServiceReport), Clause: "6.2",
		Description: "a complaint missing from the service reports made since",
		Check:       reportedSince("received"),
	},
	{Name: "deployment-reported", From: rdm, To: sr, Kind: process.KindDeployment, Calls: kinds(process.KindServiceReport), Clause: "6.2",
		Description: "a deployment of a new or changed service missing from the service reports made since",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			at, ok := reached(h, completedStates)
			if !ok {
				return nil
			}
			for _, rel := range c.related(h, is(process.KindRelease)) {
				if rr := c.Get(rel); rr != nil && c.reportedIn(rr.Meta(), at) {
					return nil
				}
			}
			return c.unreported(h, at, "deployed")
		}},

	{Name: "workload-reported", From: capm, To: sr, Kind: process.KindServiceReport, Calls: kinds(process.KindUtilisationSeries), Clause: "6.2",
		Description: "a service report issued with no section on the workload of its period",
		Check: func(_ *Context, r process.Record) []Violation {
			x, ok := r.(*process.ServiceReport)
			if !ok || x.Issued.IsZero() || slices.ContainsFunc(x.Sections, func(s process.ReportSection) bool { return s.Topic == process.TopicWorkload }) {
				return nil
			}
			return violation("issued with no workload section: the characteristics and trends of the workload were not reported")
		}},

	// Service continuity and availability management (6.3).
	{Name: "continuity-retest", From: chg, To: sca, Kind: process.KindContinuityPlan, Calls: kinds(process.KindPlanTest), Clause: "6.3.3",
		Description: "a continuity plan not re-tested after a major change to its services (to any service, when it names none)",
		Check:       retested},
	{Name: "availability-retest", From: chg, To: sca, Kind: process.KindAvailabilityPlan, Calls: kinds(process.KindPlanTest), Clause: "6.3.3",
		Description: "an availability plan not re-tested after a major change to its services (to any service, when it names none)",
		Check:       retested},
	{Name: "capacity-plan-continuity", From: sca, To: capm, Kind: process.KindCapacityPlan, Calls: kinds(process.KindAvailabilityPlan, process.KindContinuityPlan), Clause: "6.5",
		Description: "a capacity plan that does not consider the availability and continuity plans of its services",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if retiredPlan(r, h) {
				return nil
			}
			considered := consideredBy(r, h)
			var vs []Violation
			for _, p := range continuityPlans.Of(c).of(planServices(c, r, h)) {
				ph := p.Meta()
				if !considered[ph.ID] && inForce(p, ph, c.Now) {
					vs = append(vs, Violation{Message: "does not consider " + ph.Subject() + ", which covers its services", Records: []RecordRef{refOf(ph)}})
				}
			}
			return vs
		}},

	// Budgeting and accounting (6.4) and capacity management (6.5).
	{Name: "capacity-plan-changes", From: chg, To: capm, Kind: process.KindCapacityPlan, Calls: kinds(process.KindRequestForChange), Clause: "6.5",
		Description: "a capacity plan that does not consider a change with potential major impact to its services approved before the plan was last revised",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if retiredPlan(r, h) {
				return nil
			}
			considered := consideredBy(r, h)
			var vs []Violation
			for _, ch := range majorChanges.Of(c).approved.of(planServices(c, r, h)) {
				chh := ch.Meta()
				linksPlan := slices.ContainsFunc(chh.Links, func(l process.Link) bool { return l.To == h.ID })
				if at, _ := approved(chh); considered[chh.ID] || linksPlan || at.After(h.Updated) {
					continue
				}
				vs = append(vs, Violation{Message: "does not consider " + chh.Subject() + ", a change with potential major impact to its services", Records: []RecordRef{refOf(chh)}})
			}
			return vs
		}},

	{Name: "capacity-costs", From: capm, To: ba, Kind: process.KindCapacityPlan, Calls: kinds(process.KindBudget), Clause: "6.5",
		Description: "a capacity plan whose upgrade costs are not in budgeting: an upgrade with no budgeting record (or, for other record types, no budgeting record linked)",
		Check: func(c *Context, r process.Record) []Violation {
			if p, ok := r.(*capacity.Plan); ok {
				return upgradeCosts(c, p)
			}
			if c.linkedWith(r.Meta(), ownedBy(ba)) {
				return nil
			}
			return violation("no budgeting record linked: the timescales and costs of its upgrades are not in the budget")
		}},
	{Name: "change-financial", From: ba, To: chg, Kind: process.KindRequestForChange, Calls: kinds(process.KindBudget), Clause: "9.2",
		Description: "an approved change decided with no financial impact: none recorded on it and no budgeting record linked",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if ok := everApproved(h); !ok || c.linkedWith(h, ownedBy(ba)) {
				return nil
			}
			if x, ok := r.(*process.RequestForChange); ok && x.FinancialImpact != "" {
				return nil
			}
			return violation("approved with no financial impact recorded or budgeting record linked")
		}},
	{Name: "budget-catalogue", From: slm, To: ba, Kind: process.KindBudget, Calls: kinds(process.KindServiceCatalogue), Clause: "6.4",
		Description: "a budget for a service that no service catalogue in force lists",
		Check: func(c *Context, r process.Record) []Violation {
			listed := catalogued.Of(c)
			var vs []Violation
			for _, s := range budgetServices(r) {
				if !listed[s] {
					vs = append(vs, Violation{Message: "books costs to " + process.Subject(process.KindService, s) + ", which no service catalogue in force lists",
						Records: []RecordRef{{Kind: process.KindService, ID: s}}})
				}
			}
			return vs
		}},

	// Information security management (6.6).
	{Name: "change-security", From: chg, To: ism, Kind: process.KindRequestForChange, Calls: kinds(process.KindSecurityRiskAssessment), Clause: "6.6.3",
		Description: "an approved change of a class the security policy has assessed, with no security risk assessment",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if ok := everApproved(h); !ok || !c.securityAssessed(r) || c.linkedWith(h, is(process.KindSecurityRiskAssessment)) {
				return nil
			}
			return violation("approved with no security risk assessment")
		}},
	{Name: "security-incident-reviewed", From: isr, To: ism, Kind: process.KindIncident, Calls: kinds(process.KindSecurityIncidentReview), Clause: "6.6.3",
		Description: "a security incident that no security incident review covers: those made after it leave it out, or none was made within the review interval",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if !security(r) {
				return nil
			}
			sir := securityReviews.Of(c)
			if sir.about[h.ID] || !h.Created.Before(sir.last) && c.Now.Sub(h.Created) <= c.Policy.SecurityReview {
				return nil // reviewed, or no review made since and not yet due
			}
			for _, w := range sir.periods {
				if !h.Created.Before(w.Start) && h.Created.Before(w.End) {
					return nil
				}
			}
			return violation("a security incident that no security incident review covers: its type, volume and impact were not analysed")
		}},

	// Supplier management (7.2).
	{Name: "contract-changed", From: sup, To: chg, Kind: process.KindSupplierContract, Calls: kinds(process.KindRequestForChange), Clause: "7.2",
		Description: "a supplier contract changed after it was agreed, with no request for change approved before the change",
		Check:       changedWithoutRFC},
	{Name: "supplier-review", From: sup, To: slm, Kind: process.KindSupplierContract, Calls: kinds(process.KindSupplierReview), Clause: "7.2",
		Description: "a supplier contract in force longer than the supplier review interval, with no review of it or its supplier in the last interval",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			from := c.Now.Add(-c.Policy.SupplierReview)
			if !inForce(r, h, c.Now) || !since(r, h).Before(from) {
				return nil
			}
			last := supplierReviews.Of(c)
			ids := []process.ID{h.ID}
			if k, ok := r.(*process.SupplierContract); ok {
				ids = append(ids, k.Supplier)
			}
			for _, id := range ids {
				if !last[id].Before(from) {
					return nil
				}
			}
			return violation(fmt.Sprintf("in force, but its supplier's performance was not reviewed since %s", stamp(from)))
		}},

	// Incident and service request management (8.1), problem management (8.2).
	{Name: "known-error-visible", From: prb, To: isr, Kind: process.KindKnownError, Clause: "8.1",
		Description: "a known error not visible to incident management",
		Check: func(_ *Context, r process.Record) []Violation {
			h := r.Meta()
			hidden := slices.Contains(hiddenStates, h.Status)
			if f, ok := r.(visibleFlag); ok {
				hidden = !f.Visible()
			}
			if !hidden {
				return nil
			}
			return violation("not visible to incident management (status " + orDefault(h.Status, "none") + ")")
		}},
	{Name: "known-error-unused", From: prb, To: isr, Kind: process.KindIncident, Calls: kinds(process.KindKnownError), Clause: "8.1",
		Description: "an incident of a problem resolved, after the problem's known error was recorded, with nothing linked as its resolution: the known error was not visible or not used",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			resolved, ok := reached(h, resolvedStates)
			if !ok || linksType(h, process.LinkResolvedBy) {
				return nil
			}
			for _, p := range c.problemsOf(h) {
				if ke, at, ok := c.knownErrorOf(p); ok && at.Before(resolved) {
					return violation(fmt.Sprintf("resolved %s with nothing linked as its resolution, though its problem's known error was recorded %s", stamp(resolved), stamp(at)),
						ke, RecordRef{Kind: process.KindProblem, ID: p})
				}
			}
			return nil
		}},
	{Name: "incident-closed-problem-open", From: prb, To: isr, Kind: process.KindIncident, Calls: kinds(process.KindKnownError), Clause: "8.2",
		Description: "an incident closed while its problem was open, with no known error or workaround recorded for it",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			closed, ok := reached(h, closedStates)
			if !ok || linksType(h, process.LinkResolvedBy) {
				return nil
			}
			var vs []Violation
			for _, p := range c.problemsOf(h) {
				pr := c.Get(p)
				if pr == nil {
					continue
				}
				if at, done := reached(pr.Meta(), endedStates); done && !at.After(closed) {
					continue
				}
				if _, at, ok := c.knownErrorOf(p); ok && !at.After(closed) {
					continue
				}
				vs = append(vs, Violation{Message: fmt.Sprintf("closed %s while %s was open, with no known error or workaround recorded", stamp(closed), pr.Meta().Subject()),
					Records: []RecordRef{refOf(pr.Meta())}})
			}
			return vs
		}},
	{Name: "problem-rfc", From: prb, To: chg, Kind: process.KindProblem, Calls: kinds(process.KindRequestForChange), Clause: "8.2",
		Description: "a problem whose resolution needs a change, with no request for change linked",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if !needsChangeOf(r, h) || c.linkedWith(h, is(process.KindRequestForChange)) {
				return nil
			}
			return violation("its resolution needs a change, but no request for change is linked")
		}},
	{Name: "known-error-rfc", From: prb, To: chg, Kind: process.KindKnownError, Calls: kinds(process.KindRequestForChange), Clause: "8.2",
		Description: "a known error waiting for a fix that needs a change, with no request for change for it or its problem, whatever its problem says",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if !slices.Contains(fixPending, h.Status) || c.linkedWith(h, is(process.KindRequestForChange)) {
				return nil
			}
			if k, ok := r.(*process.KnownError); ok && !k.Fix.IsZero() {
				if f := c.Get(k.Fix); f != nil && (f.Meta().Kind == process.KindRequestForChange || c.linkedWith(f.Meta(), is(process.KindRequestForChange))) {
					return nil
				}
			}
			for _, p := range c.problemsOfKnownError(r, h) {
				if pr := c.Get(p); pr != nil && c.linkedWith(pr.Meta(), is(process.KindRequestForChange)) {
					return nil
				}
			}
			return violation("waiting for a fix, but no request for change is linked to it or its problem")
		}},
	{Name: "recurring-incidents", From: isr, To: prb, Kind: process.KindIncident, Calls: kinds(process.KindProblem), Clause: "8.2",
		Description: "an incident on a configuration item that had the policy's number of incidents in its window, none of them under a problem",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			ix := byCI.Of(c)
			n, window := c.Policy.RecurringIncidents, c.Policy.Recurrence
			for _, l := range h.Links {
				if l.Type != process.LinkAffects {
					continue
				}
				f := ix[l.To]
				if f == nil {
					continue
				}
				es := f.incidents
				from, until := h.Created.Add(-window).UnixNano(), h.Created.UnixNano()
				i, _ := slices.BinarySearchFunc(es, from, func(e incidentAt, t int64) int { return cmp.Compare(e.at, t) })
				j := i
				for j < len(es) && es[j].at <= until {
					j++
				}
				if j-i < n || slices.ContainsFunc(es[i:j], func(e incidentAt) bool { return c.linkedWith(e.h, is(process.KindProblem, process.KindKnownError)) }) {
					continue // too few, or one of them is under a problem
				}
				var refs []RecordRef
				for _, e := range es[i:j] {
					if e.h.ID != h.ID {
						refs = append(refs, refOf(e.h))
					}
				}
				return violation(fmt.Sprintf("the %d incidents on %s within %s, this one included, are under no problem", j-i, process.Subject(process.KindConfigurationItem, l.To), window), refs...)
			}
			return nil
		}},
	{Name: "failed-change-investigated", From: chg, To: prb, Kind: process.KindRequestForChange, Calls: kinds(process.KindProblem), Clause: "9.2",
		Description: "a failed or backed-out change with no problem, incident or review investigating it",
		Check:       linkedOnce(failedStates, is(process.KindProblem, process.KindIncident, process.KindPostImplementationReview), "failed, with no problem, incident or post-implementation review investigating why")},
	{Name: "known-error-ci", From: prb, To: cfg, Kind: process.KindKnownError, Calls: kinds(process.KindConfigurationItem), Clause: "9.1",
		Description: "a known error linked to no configuration item",
		Check:       linkedOnce(nil, is(process.KindConfigurationItem), "linked to no configuration item")},
	{Name: "fixed-known-error", From: prb, To: rdm, Kind: process.KindKnownError, Calls: kinds(process.KindRelease), Clause: "9.3",
		Description: "a known error still open more than the post-deployment window after a release that fixes it was deployed",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if slices.Contains(endedStates, h.Status) {
				return nil
			}
			var first dated // the first release deployed that fixes it
			for _, b := range c.LinksTo(h.ID) {
				if b.Type != process.LinkFixes || b.Kind != process.KindRelease {
					continue
				}
				if rel := c.Get(b.From); rel != nil {
					if at, ok := releaseDeployed(c, rel, rel.Meta()); ok && c.Now.Sub(at) >= c.Policy.PostDeployment {
						first = first.earlier(dated{ref: refOf(rel.Meta()), at: at})
					}
				}
			}
			if first.at.IsZero() {
				return nil
			}
			return violation(fmt.Sprintf("still %s, though %s, which fixes it, was deployed %s", orDefault(h.Status, "open"), first.ref, stamp(first.at)), first.ref)
		}},
	{Name: "incident-after-release", From: isr, To: rdm, Kind: process.KindIncident, Calls: kinds(process.KindRelease), Clause: "9.3",
		Description: "an incident on a CI a release changed, in the post-deployment window, not linked to the release",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			ix := byCI.Of(c)
			var vs []Violation
			var seen []process.ID
			for _, l := range h.Links {
				if l.Type != process.LinkAffects {
					continue
				}
				ci := l.To
				f := ix[ci]
				if f == nil {
					continue
				}
				for _, d := range f.releases {
					if h.Created.Before(d.at) || !h.Created.Before(d.at.Add(c.Policy.PostDeployment)) || slices.Contains(seen, d.ref.ID) {
						continue
					}
					seen = append(seen, d.ref.ID)
					if slices.ContainsFunc(h.Links, func(x process.Link) bool { return x.To == d.ref.ID }) {
						continue
					}
					vs = append(vs, Violation{
						Message: fmt.Sprintf("raised %s on a CI that %s changed %s, but not linked to the release", stamp(h.Created), d.ref, stamp(d.at)),
						Records: []RecordRef{d.ref, {Kind: process.KindConfigurationItem, ID: ci}},
					})
				}
			}
			return vs
		}},
	{Name: "major-incident-top-management", From: isr, To: TopManagement, Kind: process.KindIncident, Clause: "8.1",
		Description: "a major incident whose notice top management has not acknowledged within the policy's time, or that has no notice",
		Check: func(c *Context, r process.Record) []Violation {
			x, ok := r.(*process.Incident)
			if !ok || !x.Major {
				return nil
			}
			if len(x.Notices) == 0 {
				return violation("major, but no notice to top management is recorded")
			}
			for _, n := range x.Notices {
				if n.AckBy == "" && c.Now.Sub(n.At) > c.Policy.Acknowledge {
					return violation(fmt.Sprintf("top management has not acknowledged the notice of %s that it is major", stamp(n.At)))
				}
			}
			return nil
		}},

	// Configuration management (9.1), change management (9.2), release and
	// deployment management (9.3).
	{Name: "change-assessed-ci", From: cfg, To: chg, Kind: process.KindRequestForChange, Calls: kinds(process.KindConfigurationItem), Clause: "9.1",
		Description: "an approved change linked to no configuration item: it was assessed with no configuration information",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if ok := everApproved(h); !ok || len(changeCIs(c, r, h)) > 0 {
				return nil
			}
			return violation("approved, but linked to no configuration item: its impact on the CMDB was not assessed and cannot be shown")
		}},
	{Name: "change-ci-updated", From: chg, To: cfg, Kind: process.KindRequestForChange, Calls: kinds(process.KindConfigurationItem), Clause: "9.1",
		Description: "an implemented change none of whose configuration items shows an update made under it (a link alone is not an update)",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			done, ok := reached(h, completedStates)
			cis := changeCIs(c, r, h)
			if !ok || len(cis) == 0 {
				return nil
			}
			refs := make([]RecordRef, 0, len(cis))
			for _, id := range cis {
				ci := c.Get(id)
				if ci == nil {
					continue
				}
				if updatedUnder(ci.Meta(), h.ID) {
					return nil
				}
				refs = append(refs, refOf(ci.Meta()))
			}
			return violation(fmt.Sprintf("implemented %s, but none of its configuration items shows an update made under it", stamp(done)), refs...)
		}},
	{Name: "release-baseline", From: cfg, To: rdm, Kind: process.KindRelease, Calls: kinds(process.KindConfigurationBaseline), Clause: "9.1",
		Description: "a deployed release with no configuration baseline taken before its deployment",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			at, ok := releaseDeployed(c, r, h)
			if !ok {
				return nil
			}
			ids := h.Linked(process.LinkBaselinedBy)
			if x, ok := r.(*process.Release); ok && !x.Baseline.IsZero() && !slices.Contains(ids, x.Baseline) {
				ids = append(ids, x.Baseline)
			}
			var late []RecordRef
			for _, id := range ids {
				b := c.Get(id)
				if b == nil {
					continue
				}
				if !b.Meta().Created.After(at) {
					return nil
				}
				late = append(late, refOf(b.Meta()))
			}
			if len(late) > 0 {
				return violation(fmt.Sprintf("deployed %s, but its configuration baseline was taken after the deployment", stamp(at)), late...)
			}
			return violation(fmt.Sprintf("deployed %s with no configuration baseline", stamp(at)))
		}},
	{Name: "change-scheduled", From: chg, To: rdm, Kind: process.KindRequestForChange, Calls: kinds(process.KindScheduleOfChange), Clause: "9.2",
		Description: "an approved change that never reached a schedule of change",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if ok := everApproved(h); !ok || c.linkedWith(h, is(process.KindScheduleOfChange)) || scheduled.Of(c)[h.ID] {
				return nil
			}
			return violation("approved, but never in a schedule of change")
		}},
	{Name: "release-change", From: chg, To: rdm, Kind: process.KindRelease, Calls: kinds(process.KindRequestForChange), Clause: "9.2",
		Description: "a deployed release that implements no request for change",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			if _, ok := releaseDeployed(c, r, h); !ok || c.linkedWith(h, is(process.KindRequestForChange)) {
				return nil
			}
			if x, ok := r.(*process.Release); ok && len(x.Changes) > 0 {
				return nil
			}
			return violation("deployed, but no request for change is implemented by it")
		}},
	{Name: "deployment-review", From: rdm, To: chg, Kind: process.KindDeployment, Calls: kinds(process.KindPostDeploymentReview), Clause: "9.3",
		Description: "a deployment completed more than the post-deployment window ago with no post-deployment review of it or its release",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			at, ok := reached(h, doneOrFailed)
			if !ok || c.Now.Sub(at) < c.Policy.PostDeployment || c.linkedWith(h, is(process.KindPostDeploymentReview)) {
				return nil
			}
			for _, rel := range c.related(h, is(process.KindRelease)) {
				if rr := c.Get(rel); rr != nil && c.linkedWith(rr.Meta(), is(process.KindPostDeploymentReview)) {
					return nil
				}
			}
			return violation(fmt.Sprintf("deployed %s and not reviewed: success or failure never went back to change management", stamp(at)))
		}},
	{Name: "release-review", From: rdm, To: chg, Kind: process.KindRelease, Calls: kinds(process.KindPostDeploymentReview), Clause: "9.3",
		Description: "a release deployed, with no deployment recorded, more than the post-deployment window ago and not reviewed",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			at, ok := releaseDeployed(c, r, h)
			if !ok || c.Now.Sub(at) < c.Policy.PostDeployment || c.linkedWith(h, is(process.KindPostDeploymentReview, process.KindDeployment)) {
				return nil
			}
			return violation(fmt.Sprintf("deployed %s and not reviewed: success or failure never went back to change management", stamp(at)))
		}},
	{Name: "release-window", From: rdm, To: brm, Kind: process.KindRelease, Calls: kinds(process.KindRelease), Clause: "9.3",
		Description: "a release deployed with no deployment window planned with the customer, or outside the one planned",
		Check: func(c *Context, r process.Record) []Violation {
			x, ok := r.(*process.Release)
			if !ok {
				return nil
			}
			at, deployed := releaseDeployed(c, r, r.Meta())
			switch {
			case !deployed:
				return nil
			case x.Planned.Start.IsZero() || x.Planned.End.IsZero():
				return violation(fmt.Sprintf("deployed %s with no deployment window planned with the customer", stamp(at)))
			case at.Before(x.Planned.Start) || at.After(x.Planned.End):
				return violation(fmt.Sprintf("deployed %s, outside the window planned with the customer (%s to %s)", stamp(at), stamp(x.Planned.Start), stamp(x.Planned.End)))
			}
			return nil
		}},
	{Name: "change-reviewed", From: chg, To: Improvement, Kind: process.KindRequestForChange, Calls: kinds(process.KindPostImplementationReview), Clause: "9.2",
		Description: "an emergency change or a change with potential major impact, completed more than the change review window ago, never reviewed",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			x, typed := r.(*process.RequestForChange)
			if !c.majorChange(r) && !(typed && x.Class == process.ChangeEmergency) {
				return nil
			}
			at, ok := reached(h, completedStates)
			if !ok || c.Now.Sub(at) < c.Policy.ChangeReview || c.linkedWith(h, is(process.KindPostImplementationReview)) {
				return nil
			}
			return violation(fmt.Sprintf("completed %s and never reviewed for effectiveness", stamp(at)))
		}},

	// The SMS (Clause 4).
	{Name: "improvement-change", From: Improvement, To: chg, Kind: process.KindImprovement, Calls: kinds(process.KindRequestForChange), Clause: "4.5.5",
		Description: "an approved improvement carried out with no request for change",
		Check:       linkedOnce([]string{"implemented", "measured", "closed"}, is(process.KindRequestForChange), "implemented with no request for change: the improvement did not go through change management")},
	{Name: "other-party-governed", From: Governance, To: slm, Kind: process.KindOtherParty, Calls: kinds(process.KindOLA, process.KindSLA, process.KindSupplierContract), Clause: "4.2",
		Description: "another party operating part of a process with no agreement or contract governing it",
		Check:       linkedOnce(nil, is(process.KindOLA, process.KindSLA, process.KindSupplierContract, process.KindSupplier), "operates part of a process, but no agreement or supplier contract is linked: it is not governed")},
	{Name: "supplier-party-contract", From: Governance, To: sup, Kind: process.KindOtherParty, Calls: kinds(process.KindSupplierContract), Clause: "4.2",
		Description: "a supplier operating part of a process with no supplier contract in force",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			suppliers := c.related(h, is(process.KindSupplier))
			if len(suppliers) == 0 || c.linkedWith(h, is(process.KindSupplierContract)) {
				return nil
			}
			ix := supplierContracts.Of(c)
			for _, s := range suppliers {
				for _, k := range ix[s] {
					if inForce(k, k.Meta(), c.Now) {
						return nil
					}
				}
			}
			return violation("a supplier operates part of a process, but no supplier contract of it is in force", RecordRef{Kind: process.KindSupplier, ID: suppliers[0]})
		}},
	{Name: "missed-target-action", From: slm, To: Improvement, Kind: process.KindTargetMeasurement, Calls: kinds(process.KindImprovement), Clause: "6.1",
		Description: "a service target missed with no reason and action recorded, and no improvement or corrective action linked",
		Check: func(c *Context, r process.Record) []Violation {
			h := r.Meta()
			x, ok := r.(*process.TargetMeasurement)
			missed := ok && !x.Met || !ok && h.Status == "missed"
			if !missed || ok && x.Action != "" || c.linkedWith(h, is(process.KindImprovement, process.KindCorrectiveAction, process.KindPreventiveAction)) {
				return nil
			}
			return violation("the target was missed, with no action recorded or improvement linked")
		}},
}

func kinds(ks ...process.RecordKind) []process.RecordKind { return ks }

// linkedOnce returns the check of the commonest rule: a record that has
// been in one of states (in any state, for nil) is linked with a record of
// a kind m accepts, or the violation says msg.
func linkedOnce(states []string, m match, msg string) func(*Context, process.Record) []Violation {
	return func(c *Context, r process.Record) []Violation {
		h := r.Meta()
		if states != nil && !ever(h, states) || c.linkedWith(h, m) {
			return nil
		}
		return violation(msg)
	}
}

// changedWithoutRFC is the check of agreements and contracts: each change
// of their content after they were agreed needs a request for change,
// approved at or before the change, that the record links or the change
// names (6.1, 7.2, 9.2).
func changedWithoutRFC(c *Context, r process.Record) []Violation {
	h := r.Meta()
	agreed, ok := agreedAt(h)
	if !ok {
		return nil
	}
	rfcs := c.related(h, is(process.KindRequestForChange))
	for _, e := range h.History {
		if e.Action != process.ActionChanged || !e.At.After(agreed) {
			continue
		}
		ids := rfcs
		if !e.Ref.IsZero() {
			ids = append(slices.Clip(ids), e.Ref)
		}
		if !slices.ContainsFunc(ids, func(id process.ID) bool { return c.approvedBy(id, e.At) }) {
			return violation(fmt.Sprintf("%s changed %s, after it was agreed, with no request for change approved for it", orDefault(e.Field, "content"), stamp(e.At)))
		}
	}
	return nil
}

// agreedAt returns when a record was agreed: its first approval, or its
// first move to an agreed state.
func agreedAt(h *process.Header) (time.Time, bool) {
	for _, e := range h.History {
		if e.Action == process.ActionApproved || e.Action == process.ActionMoved && slices.Contains(agreedStates, e.To) {
			return e.At, true
		}
	}
	return time.Time{}, false
}

// approvedBy reports whether id is a request for change approved at or
// before t.
func (c *Context) approvedBy(id process.ID, t time.Time) bool {
	rfc := c.Get(id)
	if rfc == nil || rfc.Meta().Kind != process.KindRequestForChange {
		return false
	}
	at, ok := approved(rfc.Meta())
	return ok && !at.After(t)
}

// reportedSince returns the check of an event that the service reports
// made after it must carry (6.2).
func reportedSince(verb string) func(c *Context, r process.Record) []Violation {
	return func(c *Context, r process.Record) []Violation {
		h := r.Meta()
		return c.unreported(h, h.Created, verb)
	}
}

// unreported returns a violation when a service report was made after an
// event at t and none reports it.
func (c *Context) unreported(h *process.Header, t time.Time, verb string) []Violation {
	last := lastReport.Of(c)
	if last.IsZero() || !last.After(t) || c.reportedIn(h, t) {
		return nil
	}
	return violation(fmt.Sprintf("%s %s, but missing from the service reports made since (the latest %s)", verb, stamp(t), stamp(last)))
}

// reportedIn reports whether h is in a service report that covers t.
func (c *Context) reportedIn(h *process.Header, t time.Time) bool {
	for _, id := range c.related(h, is(process.KindServiceReport)) {
		if rep := c.Get(id); rep != nil && reportCovers(rep, t) {
			return true
		}
	}
	return false
}

// reportCovers reports whether a service report covers an event at t: a
// [process.ServiceReport] whose period holds t, or else any report made at
// or after t (6.2).
func reportCovers(rep process.Record, t time.Time) bool {
	if s, ok := rep.(*process.ServiceReport); ok && !s.PeriodStart.IsZero() && !s.PeriodEnd.IsZero() {
		return !t.Before(s.PeriodStart) && t.Before(s.PeriodEnd)
	}
	return !rep.Meta().Created.Before(t)
}

// retested is the check of continuity and availability plans: re-tested
// after the latest major change completed to one of the services they
// cover, or to any service when they name none (6.3.2, 6.3.3).
func retested(c *Context, r process.Record) []Violation {
	h := r.Meta()
	if !inForce(r, h, c.Now) {
		return nil
	}
	ix := majorChanges.Of(c)
	major := ix.any
	if svcs := servicesOf(r, h); len(svcs) > 0 {
		major = dated{}
		for _, s := range svcs {
			major = major.later(ix.bySvc[s])
		}
	}
	if major.at.IsZero() || h.Created.After(major.at) {
		return nil
	}
	tested := planTests.Of(c)[h.ID]
	if !tested.Before(major.at) {
		return nil
	}
	last := "never tested"
	if !tested.IsZero() {
		last = "last tested " + stamp(tested)
	}
	return violation(fmt.Sprintf("not re-tested after the major change completed %s (%s)", stamp(major.at), last), major.ref)
}

// securityAssessed reports whether the policy asks for a change to be
// assessed for security risk: a change with potential major impact always,
// others when the policy names their class or names none.
func (c *Context) securityAssessed(r process.Record) bool {
	if len(c.Policy.SecurityAssessed) == 0 || c.majorChange(r) {
		return true
	}
	x, ok := r.(*process.RequestForChange)
	return !ok || slices.Contains(c.Policy.SecurityAssessed, x.Class)
}

// needsChangeOf reports whether a problem's resolution needs a change: as
// a [process.Problem] or a NeedsChange method says, or else by its
// status (8.2).
func needsChangeOf(r process.Record, h *process.Header) bool {
	switch x := r.(type) {
	case *process.Problem:
		return x.NeedsChange || slices.Contains(needsChange, h.Status)
	case needsChangeFlag:
		return x.NeedsChange()
	}
	return slices.Contains(needsChange, h.Status)
}

// problemsOf returns the problems an incident is under: those it links to
// and those that link to it or list it, sorted. The second come from an
// index of the problems (fewer than incidents, so it stays small), not
// from the incident's backlinks.
func (c *Context) problemsOf(h *process.Header) []process.ID {
	var ps []process.ID
	for _, l := range h.Links {
		if l.Kind == process.KindProblem {
			ps = append(ps, l.To)
		}
	}
	ps = append(ps, problemsLinking.Of(c)[h.ID]...)
	if len(ps) > 1 {
		slices.SortFunc(ps, process.ID.Compare)
		ps = slices.Compact(ps)
	}
	return ps
}

// problemsOfKnownError returns a known error's problems.
func (c *Context) problemsOfKnownError(r process.Record, h *process.Header) []process.ID {
	ps := c.related(h, is(process.KindProblem))
	if k, ok := r.(*process.KnownError); ok && !k.Problem.IsZero() && !slices.Contains(ps, k.Problem) {
		ps = append(ps, k.Problem)
	}
	return ps
}

// knownErrorOf returns a problem's earliest known error and when it was
// recorded.
func (c *Context) knownErrorOf(problem process.ID) (RecordRef, time.Time, bool) {
	d, ok := knownErrors.Of(c)[problem]
	return d.ref, d.at, ok
}

// changeCIs returns the configuration items a change is tied to: those it
// links or names, and those that link to it.
func changeCIs(c *Context, r process.Record, h *process.Header) []process.ID {
	ids := c.related(h, is(process.KindConfigurationItem))
	if x, ok := r.(*process.RequestForChange); ok {
		ids = append(ids, x.AffectedCIs...)
		slices.SortFunc(ids, process.ID.Compare)
		ids = slices.Compact(ids)
	}
	return ids
}

// updatedUnder reports whether a CI's history shows a change of its own
// content or state made under the request for change rfc.
func updatedUnder(h *process.Header, rfc process.ID) bool {
	return slices.ContainsFunc(h.History, func(e process.Event) bool {
		return e.Ref == rfc && (e.Action == process.ActionChanged || e.Action == process.ActionMoved)
	})
}

// releaseDeployed returns when a release was first deployed: the earliest
// of its move to a deployed state, its typed deployment time and the first
// deployment of it recorded.
func releaseDeployed(c *Context, r process.Record, h *process.Header) (time.Time, bool) {
	if c.deployedOf == h.ID && !h.ID.IsZero() {
		return c.deployedAt, c.deployedOK
	}
	at, ok := releaseFirstDeployed(c, r, h)
	c.deployedOf, c.deployedAt, c.deployedOK = h.ID, at, ok
	return at, ok
}

func releaseFirstDeployed(c *Context, r process.Record, h *process.Header) (time.Time, bool) {
	var at time.Time
	var ok bool
	for _, e := range h.History { // a recorded move, not the status alone
		if e.Action == process.ActionMoved && slices.Contains(deployedStates, e.To) {
			at, ok = e.At, true
			break
		}
	}
	if rel, isRel := r.(*process.Release); isRel && !rel.Deployed.IsZero() && (!ok || rel.Deployed.Before(at)) {
		at, ok = rel.Deployed, true
	}
	if d, seen := deployments.Of(c)[h.ID]; seen && (!ok || d.Before(at)) {
		at, ok = d, true
	}
	if !ok && slices.Contains(deployedStates, h.Status) {
		at, ok = h.Updated, true // deployed by its status, with nothing more to date it
	}
	return at, ok
}

// planServices returns the services a capacity plan covers: those it
// links, and those of the capacity requirements it considers.
func planServices(c *Context, r process.Record, h *process.Header) []process.ID {
	svcs := servicesOf(r, h)
	for id := range consideredBy(r, h) {
		if req := c.Get(id); req != nil && req.Meta().Kind == process.KindCapacityRequirement {
			svcs = append(svcs, servicesOf(req, req.Meta())...)
		}
	}
	slices.SortFunc(svcs, process.ID.Compare)
	return slices.Compact(svcs)
}

// consideredBy returns the records a capacity plan takes into account: its
// links and, for a [capacity.Plan], the sources of its considerations.
func consideredBy(r process.Record, h *process.Header) map[process.ID]bool {
	ids := make(map[process.ID]bool)
	for _, l := range h.Links {
		ids[l.To] = true
	}
	if p, ok := r.(*capacity.Plan); ok {
		for _, c := range p.Considerations {
			if !c.Source.IsZero() {
				ids[c.Source] = true
			}
		}
	}
	return ids
}

// retiredPlan reports whether a capacity plan is not in use: retired, or
// a draft still being written.
func retiredPlan(r process.Record, h *process.Header) bool {
	if p, ok := r.(*capacity.Plan); ok {
		return p.State() != capacity.PlanApproved
	}
	return slices.Contains(retiredStates, h.Status)
}

// agreesCapacity reports whether an SLA agrees capacity or performance: a
// throughput target or a workload characteristic; a record of another
// type is taken to.
func agreesCapacity(r process.Record) bool {
	s, ok := r.(*process.SLA)
	if !ok {
		return true
	}
	return len(s.Workload) > 0 || slices.ContainsFunc(s.Targets, func(t process.ServiceTarget) bool { return t.Kind == process.TargetThroughput })
}

// budgetServices returns the services a budgeting record books costs to.
func budgetServices(r process.Record) []process.ID {
	svcs := r.Meta().Linked(process.LinkService)
	if b, ok := r.(*budgeting.Budget); ok {
		svcs = append(svcs, b.Service)
	}
	svcs = slices.DeleteFunc(svcs, process.ID.IsZero)
	slices.SortFunc(svcs, process.ID.Compare)
	return slices.Compact(svcs)
}

// upgradeCosts checks each upgrade of a capacity plan for the budgeting
// record that carries its cost (6.5: timescales and costs of upgrades; 6.4).
// A plan not approved (a draft, a retired plan), and a plan with no
// upgrades, call for none.
func upgradeCosts(c *Context, p *capacity.Plan) []Violation {
	if p.State() != capacity.PlanApproved {
		return nil
	}
	var vs []Violation
	for i, u := range p.Upgrades {
		what := fmt.Sprintf("upgrade %d (%s, due %s, costing %s %s)", i+1, orDefault(u.Description, "no description"), stamp(u.Due), u.Cost.String(), u.Currency)
		switch {
		case u.Budget.IsZero() || Owner(u.BudgetKind) != ba:
			vs = append(vs, Violation{Message: what + " is carried by no budgeting record"})
		case c.Get(u.Budget) == nil:
			vs = append(vs, Violation{Message: what + " names a budgeting record that is not in the store",
				Records: []RecordRef{{Kind: u.BudgetKind, ID: u.Budget}}})
		}
	}
	return vs
}
