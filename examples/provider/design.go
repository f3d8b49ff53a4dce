package main

import (
	"time"

	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/process"
)

// design carries the quarter's changed service through design and
// transition (Clause 5): Hudson asked that patients reset their own
// passwords on the portal; the plan, its design and acceptance criterion,
// the change and release of April (month m) that build it, the service
// acceptance test evidenced by the release's test, and the transition
// report in May.
func (p *provider) design(m *month) {
	if m.rel == nil || m.test == nil || len(m.changes) == 0 {
		return
	}
	s, c := m.svc, m.svc.cust
	at := m.changes[0].Created.Add(-time.Hour)
	need := named(p, process.NewServiceRequirement("patients reset their own passwords", c.rec.Title, "a patient resets a forgotten password without calling the desk", brm, at))
	need.Customer, need.Measure = c.rec.ID, "password reset calls a month"
	p.put(need)
	crit := named(p, process.NewAcceptanceCriterion("self-service reset works", "95 % of test patients reset in under two minutes", "usability test with 40 patients", dto, at))
	p.put(crit)
	var capReq process.ID
	for r, err := range p.store.Records(process.KindCapacityRequirement) {
		if err == nil {
			capReq = r.Meta().ID
			break
		}
	}
	design := named(p, process.NewServiceDesign("Portal self-service reset design", dto, at.Add(2*time.Hour)))
	design.Roles = []process.DesignRole{{Role: "portal operator", Responsibility: "monitors the reset page"}}
	design.Activities = []string{"monitor the reset page", "review failed resets weekly"}
	design.Agreements, design.SMSChanges = "the SLA gains no new target", "none"
	design.Resources = process.Resources{Human: "one developer", Technical: "two portal VMs", Information: "the identity directory", Financial: "within the portal budget"}
	design.Skills, design.Technology = []string{"identity management"}, []string{"the directory's reset API"}
	design.Effects = "fewer password calls to the service desk"
	p.do(design.Link(dto, design.Created, process.LinkSpecifies, c.sla.ID, process.KindSLA))
	p.do(design.Link(dto, design.Created, process.LinkSpecifies, s.apps[0].ID, process.KindConfigurationItem))
	if !capReq.IsZero() {
		p.do(design.Link(dto, design.Created, process.LinkType("x-capacity"), capReq, process.KindCapacityRequirement))
	}
	p.put(design)

	plan := named(p, process.NewServicePlan("Portal self-service password reset", process.PlanChanged, dto, at.Add(time.Hour)))
	plan.Authorities = []process.RoleAssignment{{Role: "design and transition owner", Holder: dto.ID}}
	plan.Parties = []process.PlanParty{{Name: "Northwind", Work: "design, build, transition", Provider: true}, {Name: c.rec.Title, Work: "test with patients"}}
	plan.Communication = "weekly note to " + c.rec.Title
	plan.Resources = design.Resources
	plan.Start, plan.End = plan.Created, p.day(time.May, 29)
	plan.Risks = []process.PlanRisk{{Description: "the directory's API is rate limited", Treatment: "queue resets"}}
	plan.Dependencies = []process.ID{p.platform.ID}
	plan.Testing = "usability test with 40 patients in staging"
	plan.ExpectedOutcomes = []process.ExpectedOutcome{{Measure: "password reset calls a month", Target: "-50 %"}}
	t := plan.Created
	p.do(plan.Link(dto, t, process.LinkFulfils, need.ID, process.KindServiceRequirement))
	p.do(plan.Link(dto, t, process.LinkAcceptedAgainst, crit.ID, process.KindAcceptanceCriterion))
	p.do(plan.Link(dto, t, process.LinkService, s.rec.ID, process.KindService))
	p.do(plan.Link(dto, t, process.LinkRaised, m.changes[0].ID, process.KindRequestForChange))
	p.do(plan.Link(dto, t, process.LinkType("x-release"), m.rel.ID, process.KindRelease))
	p.do(plan.Link(dto, t, process.LinkType("x-budget"), p.budgets[2].ID, process.KindBudget))
	p.do(plan.Plan(dto, t, "planned"))
	p.do(plan.Link(dto, design.Created, process.LinkDesignedBy, design.ID, process.KindServiceDesign))
	p.do(plan.Design(dto, design.Created, "designed"))
	p.do(plan.Build(dto, m.test.Created.Add(-time.Hour), "built in the April release"))
	tested := m.test.Created.Add(2 * time.Hour)
	sat := named(p, process.NewServiceAcceptanceTest("Portal reset acceptance test", "staging", tested, dto, tested))
	sat.Results = []process.CriterionResult{{Criterion: crit.ID, Met: true, Evidence: "39 of 40 patients reset in under two minutes"}}
	p.do(sat.Link(dto, tested, process.LinkAcceptedAgainst, crit.ID, process.KindAcceptanceCriterion))
	p.do(sat.Link(dto, tested, process.LinkEvidencedBy, m.test.ID, process.KindReleaseAcceptanceTest))
	p.put(sat)
	p.do(plan.Link(dto, tested, process.LinkAcceptanceTestedBy, sat.ID, process.KindServiceAcceptanceTest))
	p.do(plan.Test(dto, tested, sat, "tested"))
	p.do(plan.Accept(owner, tested.Add(3*time.Hour), sat, "accepted"))
	reported := p.day(time.May, 12)
	tr := named(p, process.NewTransitionReport("Portal reset transition report", reported, dto, reported))
	tr.Outcomes = []process.OutcomeResult{{Measure: "password reset calls a month", Expected: "-50 %", Achieved: "-58 %", Met: true}}
	p.do(tr.Link(dto, reported, process.LinkEvidencedBy, m.test.ID, process.KindReleaseAcceptanceTest))
	p.put(tr)
	p.do(plan.Link(dto, reported, process.LinkTransitionReported, tr.ID, process.KindTransitionReport))
	p.do(plan.Review(dto, reported, tr, "outcomes reported"))
	p.put(plan)
}

// requirementsFromSLAs records the capacity requirements the SLAs agree.
func (p *provider) requirementsFromSLAs(at time.Time) {
	for _, c := range p.customers {
		reqs, err := capacity.RequirementsFromSLA(c.sla, capm, at)
		p.do(err)
		for _, r := range reqs {
			p.put(named(p, r))
		}
	}
}
