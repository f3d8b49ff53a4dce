package process

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServiceRequirementValidate(t *testing.T) {
	runValidate57(t, validServiceRequirement, []vcase57[*ServiceRequirement]{
		{"source", ErrRequired, func(r *ServiceRequirement) { r.Source = "" }},
		{"statement", ErrRequired, func(r *ServiceRequirement) { r.Statement = "" }},
	})
}

func TestServicePlanValidate(t *testing.T) {
	runValidate57(t, validServicePlan, []vcase57[*ServicePlan]{
		{"status", ErrRequired, func(p *ServicePlan) { p.Status = "" }},
		{"status", ErrInvalidValue, func(p *ServicePlan) { p.Status = "approved" }},
		{"type", ErrRequired, func(p *ServicePlan) { p.Type = "" }},
		{"type", ErrInvalidValue, func(p *ServicePlan) { p.Type = "merger" }},
		{"links.fulfils", ErrRequired, func(p *ServicePlan) { p.Links = p.Links[1:] }},
		{"links.accepted-against", ErrRequired, func(p *ServicePlan) { p.Links = p.Links[:1] }},
		{"authorities", ErrRequired, func(p *ServicePlan) { p.Authorities = nil }},
		{"authorities[0].holder", ErrRequired, func(p *ServicePlan) { p.Authorities[0].Holder = "" }},
		{"authorities[0].role", ErrRequired, func(p *ServicePlan) { p.Authorities[0].Role = "" }},
		{"parties", ErrRequired, func(p *ServicePlan) { p.Parties = nil }},
		{"parties[1].name", ErrRequired, func(p *ServicePlan) { p.Parties[1].Name = "" }},
		{"parties[0].work", ErrRequired, func(p *ServicePlan) { p.Parties[0].Work = "" }},
		{"communication", ErrRequired, func(p *ServicePlan) { p.Communication = "" }},
		{"resources.human", ErrRequired, func(p *ServicePlan) { p.Resources.Human = "" }},
		{"resources.technical", ErrRequired, func(p *ServicePlan) { p.Resources.Technical = "" }},
		{"resources.information", ErrRequired, func(p *ServicePlan) { p.Resources.Information = "" }},
		{"resources.financial", ErrRequired, func(p *ServicePlan) { p.Resources.Financial = "" }},
		{"start", ErrRequired, func(p *ServicePlan) { p.Start = zeroTime57 }},
		{"end", ErrRequired, func(p *ServicePlan) { p.End = zeroTime57 }},
		{"end", ErrInvalidValue, func(p *ServicePlan) { p.End = p.Start.Add(-1) }},
		{"risks", ErrRequired, func(p *ServicePlan) { p.Risks = nil }},
		{"risks[0].description", ErrRequired, func(p *ServicePlan) { p.Risks[0].Description = "" }},
		{"risks[0].treatment", ErrRequired, func(p *ServicePlan) { p.Risks[0].Treatment = "" }},
		{"dependencies[0]", ErrRequired, func(p *ServicePlan) { p.Dependencies[0] = ID{} }},
		{"testing", ErrRequired, func(p *ServicePlan) { p.Testing = "" }},
		{"expectedOutcomes", ErrRequired, func(p *ServicePlan) { p.ExpectedOutcomes = nil }},
		{"expectedOutcomes[0].measure", ErrRequired, func(p *ServicePlan) { p.ExpectedOutcomes[0].Measure = "" }},
		{"expectedOutcomes[0].target", ErrRequired, func(p *ServicePlan) { p.ExpectedOutcomes[0].Target = "" }},
		{"removal", ErrInvalidValue, func(p *ServicePlan) { p.Removal = &RemovalItems{} }},
		{"transferTo", ErrRequired, func(p *ServicePlan) { p.Type = PlanTransfer }},
		{"removal", ErrRequired, func(p *ServicePlan) { p.Type = PlanRemoval }},
	})
	removal := func() *ServicePlan {
		p := NewServicePlan("retire fax", PlanRemoval, clerk57, t57)
		planItems57(p)
		p.Links = append(p.Links, Link{Type: LinkDesignedBy, To: NewID(), Kind: KindServiceDesign})
		p.Status = string(PlanDesigned)
		return p
	}
	runValidate57(t, removal, []vcase57[*ServicePlan]{
		{"removal.date", ErrRequired, func(p *ServicePlan) { p.Removal.Date = zeroTime57 }},
		{"removal.archiving", ErrRequired, func(p *ServicePlan) { p.Removal.Archiving = "" }},
		{"removal.disposal", ErrRequired, func(p *ServicePlan) { p.Removal.Disposal = "" }},
		{"removal.dataTransfer", ErrRequired, func(p *ServicePlan) { p.Removal.DataTransfer = "" }},
		{"removal.decommission", ErrRequired, func(p *ServicePlan) { p.Removal.Decommission = nil }},
		{"removal.decommission[0]", ErrRequired, func(p *ServicePlan) { p.Removal.Decommission[0] = "" }},
	})
	reviewed := func() *ServicePlan {
		f := newPlanFlow57(t)
		f.plan.Status = string(PlanReviewed)
		return f.plan
	}
	without := func(lt LinkType) func(*ServicePlan) {
		return func(p *ServicePlan) {
			p.Links = slices.DeleteFunc(p.Links, func(l Link) bool { return l.Type == lt })
		}
	}
	runValidate57(t, reviewed, []vcase57[*ServicePlan]{
		{"links.designed-by", ErrRequired, without(LinkDesignedBy)},
		{"links.acceptance-tested-by", ErrRequired, without(LinkAcceptanceTestedBy)},
		{"links.transition-reported-in", ErrRequired, without(LinkTransitionReported)},
	})
	t.Run("requested plan may be incomplete", func(t *testing.T) {
		assert.NoError(t, NewServicePlan("idea", PlanNew, clerk57, t57).Validate())
	})
}

func TestServiceDesignValidate(t *testing.T) {
	runValidate57(t, validServiceDesign, []vcase57[*ServiceDesign]{
		{"roles", ErrRequired, func(d *ServiceDesign) { d.Roles = nil }},
		{"roles[0].role", ErrRequired, func(d *ServiceDesign) { d.Roles[0].Role = "" }},
		{"roles[0].responsibility", ErrRequired, func(d *ServiceDesign) { d.Roles[0].Responsibility = "" }},
		{"activities", ErrRequired, func(d *ServiceDesign) { d.Activities = nil }},
		{"activities[0]", ErrRequired, func(d *ServiceDesign) { d.Activities[0] = "" }},
		{"agreements", ErrRequired, func(d *ServiceDesign) { d.Agreements = "" }},
		{"smsChanges", ErrRequired, func(d *ServiceDesign) { d.SMSChanges = "" }},
		{"resources.financial", ErrRequired, func(d *ServiceDesign) { d.Resources.Financial = "" }},
		{"skills", ErrRequired, func(d *ServiceDesign) { d.Skills = nil }},
		{"technology", ErrRequired, func(d *ServiceDesign) { d.Technology = nil }},
		{"effects", ErrRequired, func(d *ServiceDesign) { d.Effects = "" }},
	})
}

func TestAcceptanceCriterionValidate(t *testing.T) {
	runValidate57(t, validAcceptanceCriterion, []vcase57[*AcceptanceCriterion]{
		{"statement", ErrRequired, func(c *AcceptanceCriterion) { c.Statement = "" }},
		{"method", ErrRequired, func(c *AcceptanceCriterion) { c.Method = "" }},
	})
}

func TestServiceAcceptanceTestValidate(t *testing.T) {
	runValidate57(t, validServiceAcceptanceTest, []vcase57[*ServiceAcceptanceTest]{
		{"performed", ErrRequired, func(s *ServiceAcceptanceTest) { s.Performed = zeroTime57 }},
		{"environment", ErrRequired, func(s *ServiceAcceptanceTest) { s.Environment = "" }},
		{"results", ErrRequired, func(s *ServiceAcceptanceTest) { s.Results = nil }},
		{"results[0].criterion", ErrRequired, func(s *ServiceAcceptanceTest) { s.Results[0].Criterion = ID{} }},
		{"results[0].evidence", ErrRequired, func(s *ServiceAcceptanceTest) { s.Results[0].Evidence = "" }},
		{"results[1].criterion", ErrInvalidValue, func(s *ServiceAcceptanceTest) { s.Results = append(s.Results, s.Results[0]) }},
	})
}

func TestTransitionReportValidate(t *testing.T) {
	runValidate57(t, validTransitionReport, []vcase57[*TransitionReport]{
		{"issued", ErrRequired, func(r *TransitionReport) { r.Issued = zeroTime57 }},
		{"outcomes", ErrRequired, func(r *TransitionReport) { r.Outcomes = nil }},
		{"outcomes[0].measure", ErrRequired, func(r *TransitionReport) { r.Outcomes[0].Measure = "" }},
		{"outcomes[0].expected", ErrRequired, func(r *TransitionReport) { r.Outcomes[0].Expected = "" }},
		{"outcomes[0].achieved", ErrRequired, func(r *TransitionReport) { r.Outcomes[0].Achieved = "" }},
	})
	r := validTransitionReport()
	r.Outcomes = append(r.Outcomes, OutcomeResult{Measure: "tickets", Expected: "<100", Achieved: "140"})
	assert.Equal(t, []OutcomeResult{r.Outcomes[1]}, r.Shortfalls())
}

// planFlow57 holds a plan and the records its moves need.
type planFlow57 struct {
	plan      *ServicePlan
	criteria  []ID
	test      *ServiceAcceptanceTest
	report    *TransitionReport
	owner, so Actor
}

func newPlanFlow57(t *testing.T) *planFlow57 {
	f := &planFlow57{
		plan:  NewServicePlan("mobile banking", PlanNew, clerk57, t57),
		owner: actor57("dora", RoleDesignTransitionOwner),
		so:    actor57("sol", RoleServiceOwner),
	}
	planItems57(f.plan)
	f.criteria = f.plan.Linked(LinkAcceptedAgainst)
	f.test = validServiceAcceptanceTest()
	f.test.Results = []CriterionResult{{Criterion: f.criteria[0], Met: true, Evidence: "probe log"}}
	f.test.Performed = at57(2)
	f.report = validTransitionReport()
	f.report.Issued = at57(2)
	require.NoError(t, f.plan.Link(f.owner, at57(1), LinkDesignedBy, NewID(), KindServiceDesign))
	require.NoError(t, f.plan.Link(f.owner, at57(1), LinkAcceptanceTestedBy, f.test.ID, KindServiceAcceptanceTest))
	require.NoError(t, f.plan.Link(f.owner, at57(1), LinkTransitionReported, f.report.ID, KindTransitionReport))
	return f
}

func TestServicePlanLifecycle(t *testing.T) {
	t.Run("happy path", func(t *testing.T) {
		f := newPlanFlow57(t)
		p := f.plan
		assert.Equal(t, PlanRequested, p.State())
		require.NoError(t, p.Plan(f.owner, at57(2), ""))
		require.NoError(t, p.Design(f.owner, at57(3), ""))
		require.NoError(t, p.Build(f.owner, at57(4), ""))
		require.NoError(t, p.Test(f.owner, at57(5), f.test, ""))
		require.NoError(t, p.Accept(f.so, at57(6), f.test, "accepted"))
		require.NoError(t, p.Review(f.owner, at57(7), f.report, ""))
		assert.Equal(t, PlanReviewed, p.State())
		assert.True(t, ServicePlanLifecycle().Final(p.State()))
		require.NoError(t, p.Validate())
	})
	t.Run("rework after a failed test", func(t *testing.T) {
		f := newPlanFlow57(t)
		p := f.plan
		p.Status = string(PlanTested)
		require.NoError(t, p.Build(f.owner, at57(5), "failed load test"))
		assert.Equal(t, PlanBuilt, p.State())
	})
	t.Run("reject and withdraw", func(t *testing.T) {
		f := newPlanFlow57(t)
		require.NoError(t, f.plan.Reject(actor57("cab", RoleChangeAuthority), at57(2), "no business case"))
		assert.Equal(t, PlanRejected, f.plan.State())
		g := newPlanFlow57(t)
		g.plan.Status = string(PlanTested)
		require.NoError(t, g.plan.Withdraw(g.owner, at57(2), ""))
		assert.Equal(t, PlanWithdrawn, g.plan.State())
	})
	type refusal struct {
		name  string
		state ServicePlanState
		want  error
		prep  func(f *planFlow57)
		move  func(f *planFlow57) error
	}
	refusals := []refusal{
		{"plan without items", PlanRequested, ErrPrecondition, func(f *planFlow57) { f.plan.Testing = "" },
			func(f *planFlow57) error { return f.plan.Plan(f.owner, at57(2), "") }},
		{"plan needs owner", PlanRequested, ErrForbidden, nil,
			func(f *planFlow57) error { return f.plan.Plan(f.so, at57(2), "") }},
		{"plan twice", PlanPlanned, ErrInvalidTransition, nil,
			func(f *planFlow57) error { return f.plan.Plan(f.owner, at57(2), "") }},
		{"design without design", PlanPlanned, ErrPrecondition, func(f *planFlow57) { f.plan.Links = f.plan.Links[:2] },
			func(f *planFlow57) error { return f.plan.Design(f.owner, at57(2), "") }},
		{"build before design", PlanPlanned, ErrInvalidTransition, nil,
			func(f *planFlow57) error { return f.plan.Build(f.owner, at57(2), "") }},
		{"test without test", PlanBuilt, ErrRequired, nil,
			func(f *planFlow57) error { return f.plan.Test(f.owner, at57(2), nil, "") }},
		{"test with unlinked test", PlanBuilt, ErrPrecondition, nil,
			func(f *planFlow57) error { return f.plan.Test(f.owner, at57(2), validServiceAcceptanceTest(), "") }},
		{"test performed after the move", PlanBuilt, ErrPrecondition, func(f *planFlow57) { f.test.Performed = at57(3) },
			func(f *planFlow57) error { return f.plan.Test(f.owner, at57(2), f.test, "") }},
		{"accept a test performed after the move", PlanTested, ErrPrecondition, func(f *planFlow57) { f.test.Performed = at57(3) },
			func(f *planFlow57) error { return f.plan.Accept(f.so, at57(2), f.test, "") }},
		{"review with a report issued after the move", PlanTransitioned, ErrPrecondition, func(f *planFlow57) { f.report.Issued = at57(3) },
			func(f *planFlow57) error { return f.plan.Review(f.owner, at57(2), f.report, "") }},
		{"test with invalid test", PlanBuilt, ErrPrecondition, func(f *planFlow57) { f.test.Environment = "" },
			func(f *planFlow57) error { return f.plan.Test(f.owner, at57(2), f.test, "") }},
		{"accept with unmet criterion", PlanTested, ErrPrecondition, func(f *planFlow57) { f.test.Results[0].Met = false },
			func(f *planFlow57) error { return f.plan.Accept(f.so, at57(2), f.test, "") }},
		{"accept with untested criterion", PlanTested, ErrPrecondition, func(f *planFlow57) {
			f.plan.Links = append(f.plan.Links, Link{Type: LinkAcceptedAgainst, To: NewID(), Kind: KindAcceptanceCriterion})
		}, func(f *planFlow57) error { return f.plan.Accept(f.so, at57(2), f.test, "") }},
		{"accept with no criterion", PlanTested, ErrPrecondition, func(f *planFlow57) {
			f.plan.Links = f.plan.Links[:1]
			f.plan.Links = append(f.plan.Links, Link{Type: LinkAcceptanceTestedBy, To: f.test.ID, Kind: KindServiceAcceptanceTest})
		}, func(f *planFlow57) error { return f.plan.Accept(f.so, at57(2), f.test, "") }},
		{"accept needs service owner", PlanTested, ErrForbidden, nil,
			func(f *planFlow57) error { return f.plan.Accept(f.owner, at57(2), f.test, "") }},
		{"accept before test", PlanBuilt, ErrInvalidTransition, nil,
			func(f *planFlow57) error { return f.plan.Accept(f.so, at57(2), f.test, "") }},
		{"review without report", PlanTransitioned, ErrRequired, nil,
			func(f *planFlow57) error { return f.plan.Review(f.owner, at57(2), nil, "") }},
		{"review with unlinked report", PlanTransitioned, ErrPrecondition, nil,
			func(f *planFlow57) error { return f.plan.Review(f.owner, at57(2), validTransitionReport(), "") }},
		{"review with invalid report", PlanTransitioned, ErrPrecondition, func(f *planFlow57) { f.report.Outcomes = nil },
			func(f *planFlow57) error { return f.plan.Review(f.owner, at57(2), f.report, "") }},
		{"reject needs change authority", PlanPlanned, ErrForbidden, nil,
			func(f *planFlow57) error { return f.plan.Reject(f.owner, at57(2), "") }},
		{"reject once built", PlanBuilt, ErrInvalidTransition, nil,
			func(f *planFlow57) error { return f.plan.Reject(actor57("cab", RoleChangeAuthority), at57(2), "") }},
		{"withdraw after transition", PlanTransitioned, ErrInvalidTransition, nil,
			func(f *planFlow57) error { return f.plan.Withdraw(f.owner, at57(2), "") }},
		{"nothing after reviewed", PlanReviewed, ErrInvalidTransition, nil,
			func(f *planFlow57) error { return f.plan.Withdraw(f.owner, at57(2), "") }},
		{"time before history", PlanRequested, ErrInvalidValue, nil,
			func(f *planFlow57) error { return f.plan.Plan(f.owner, t57.Add(-1), "") }},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			f := newPlanFlow57(t)
			f.plan.Status = string(c.state)
			if c.prep != nil {
				c.prep(f)
			}
			transition57(t, f.plan, c.want, func(*ServicePlan) error { return c.move(f) })
		})
	}
}

func TestServiceAcceptanceTestUnmet(t *testing.T) {
	a, b, c := NewID(), NewID(), NewID()
	s := validServiceAcceptanceTest()
	s.Results = []CriterionResult{{Criterion: a, Met: true}, {Criterion: b, Met: false}}
	assert.Equal(t, []ID{b, c}, s.Unmet([]ID{a, b, c}))
	assert.Empty(t, s.Unmet([]ID{a}))
}
