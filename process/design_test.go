package process

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServiceRequirementValidate(t *testing.T) {
	testValidate(t, newServiceRequirement, append(headerCases[*ServiceRequirement](), []vcase[*ServiceRequirement]{
		{"no source", func(r *ServiceRequirement) { r.Source = "" }, "source", ErrRequired},
		{"no statement", func(r *ServiceRequirement) { r.Statement = "" }, "statement", ErrRequired},
	}...))
}

func TestServicePlanValidate(t *testing.T) {
	testValidate(t, newServicePlan, append(headerCases[*ServicePlan](), []vcase[*ServicePlan]{
		{"no status", func(p *ServicePlan) { p.Status = "" }, "status", ErrRequired},
		{"bad status", func(p *ServicePlan) { p.Status = "approved" }, "status", ErrInvalidValue},
		{"no type", func(p *ServicePlan) { p.Type = "" }, "type", ErrRequired},
		{"bad type", func(p *ServicePlan) { p.Type = "merger" }, "type", ErrInvalidValue},
		{"no links.fulfils", func(p *ServicePlan) { p.Links = p.Links[1:] }, "links.fulfils", ErrRequired},
		{"no links.accepted-against", func(p *ServicePlan) { p.Links = p.Links[:1] }, "links.accepted-against", ErrRequired},
		{"no authorities", func(p *ServicePlan) { p.Authorities = nil }, "authorities", ErrRequired},
		{"no authorities[0].holder", func(p *ServicePlan) { p.Authorities[0].Holder = "" }, "authorities[0].holder", ErrRequired},
		{"no authorities[0].role", func(p *ServicePlan) { p.Authorities[0].Role = "" }, "authorities[0].role", ErrRequired},
		{"no parties", func(p *ServicePlan) { p.Parties = nil }, "parties", ErrRequired},
		{"no parties[1].name", func(p *ServicePlan) { p.Parties[1].Name = "" }, "parties[1].name", ErrRequired},
		{"no parties[0].work", func(p *ServicePlan) { p.Parties[0].Work = "" }, "parties[0].work", ErrRequired},
		{"no communication", func(p *ServicePlan) { p.Communication = "" }, "communication", ErrRequired},
		{"no resources.human", func(p *ServicePlan) { p.Resources.Human = "" }, "resources.human", ErrRequired},
		{"no resources.technical", func(p *ServicePlan) { p.Resources.Technical = "" }, "resources.technical", ErrRequired},
		{"no resources.information", func(p *ServicePlan) { p.Resources.Information = "" }, "resources.information", ErrRequired},
		{"no resources.financial", func(p *ServicePlan) { p.Resources.Financial = "" }, "resources.financial", ErrRequired},
		{"no start", func(p *ServicePlan) { p.Start = time.Time{} }, "start", ErrRequired},
		{"no end", func(p *ServicePlan) { p.End = time.Time{} }, "end", ErrRequired},
		{"bad end", func(p *ServicePlan) { p.End = p.Start.Add(-1) }, "end", ErrInvalidValue},
		{"no risks", func(p *ServicePlan) { p.Risks = nil }, "risks", ErrRequired},
		{"no risks[0].description", func(p *ServicePlan) { p.Risks[0].Description = "" }, "risks[0].description", ErrRequired},
		{"no risks[0].treatment", func(p *ServicePlan) { p.Risks[0].Treatment = "" }, "risks[0].treatment", ErrRequired},
		{"no dependencies[0]", func(p *ServicePlan) { p.Dependencies[0] = ID{} }, "dependencies[0]", ErrRequired},
		{"no testing", func(p *ServicePlan) { p.Testing = "" }, "testing", ErrRequired},
		{"no expectedOutcomes", func(p *ServicePlan) { p.ExpectedOutcomes = nil }, "expectedOutcomes", ErrRequired},
		{"no expectedOutcomes[0].measure", func(p *ServicePlan) { p.ExpectedOutcomes[0].Measure = "" }, "expectedOutcomes[0].measure", ErrRequired},
		{"no expectedOutcomes[0].target", func(p *ServicePlan) { p.ExpectedOutcomes[0].Target = "" }, "expectedOutcomes[0].target", ErrRequired},
		{"bad removal", func(p *ServicePlan) { p.Removal = &RemovalItems{} }, "removal", ErrInvalidValue},
		{"no transferTo", func(p *ServicePlan) { p.Type = PlanTransfer }, "transferTo", ErrRequired},
		{"no removal", func(p *ServicePlan) { p.Type = PlanRemoval }, "removal", ErrRequired},
	}...))
	removal := func(*testing.T) *ServicePlan {
		p := NewServicePlan("retire fax", PlanRemoval, nobody, t0)
		fillPlanItems(p)
		p.Links = append(p.Links, Link{Type: LinkDesignedBy, To: NewID(), Kind: KindServiceDesign})
		reach(servicePlanLifecycle, &p.Header, PlanDesigned)
		return p
	}
	testValidate(t, removal, append(headerCases[*ServicePlan](), []vcase[*ServicePlan]{
		{"no removal.date", func(p *ServicePlan) { p.Removal.Date = time.Time{} }, "removal.date", ErrRequired},
		{"no removal.archiving", func(p *ServicePlan) { p.Removal.Archiving = "" }, "removal.archiving", ErrRequired},
		{"no removal.disposal", func(p *ServicePlan) { p.Removal.Disposal = "" }, "removal.disposal", ErrRequired},
		{"no removal.dataTransfer", func(p *ServicePlan) { p.Removal.DataTransfer = "" }, "removal.dataTransfer", ErrRequired},
		{"no removal.decommission", func(p *ServicePlan) { p.Removal.Decommission = nil }, "removal.decommission", ErrRequired},
		{"no removal.decommission[0]", func(p *ServicePlan) { p.Removal.Decommission[0] = "" }, "removal.decommission[0]", ErrRequired},
	}...))
	reviewed := func(t *testing.T) *ServicePlan {
		f := newPlanFlow(t)
		reach(servicePlanLifecycle, &f.plan.Header, PlanReviewed)
		return f.plan
	}
	without := func(lt LinkType) func(*ServicePlan) {
		return func(p *ServicePlan) {
			p.Links = slices.DeleteFunc(p.Links, func(l Link) bool { return l.Type == lt })
		}
	}
	testValidate(t, reviewed, append(headerCases[*ServicePlan](), []vcase[*ServicePlan]{
		{"no links.designed-by", without(LinkDesignedBy), "links.designed-by", ErrRequired},
		{"no links.acceptance-tested-by", without(LinkAcceptanceTestedBy), "links.acceptance-tested-by", ErrRequired},
		{"no links.transition-reported-in", without(LinkTransitionReported), "links.transition-reported-in", ErrRequired},
	}...))
	t.Run("requested plan may be incomplete", func(t *testing.T) {
		assert.NoError(t, NewServicePlan("idea", PlanNew, nobody, t0).Validate())
	})
}

func TestServiceDesignValidate(t *testing.T) {
	testValidate(t, newServiceDesign, append(headerCases[*ServiceDesign](), []vcase[*ServiceDesign]{
		{"no roles", func(d *ServiceDesign) { d.Roles = nil }, "roles", ErrRequired},
		{"no roles[0].role", func(d *ServiceDesign) { d.Roles[0].Role = "" }, "roles[0].role", ErrRequired},
		{"no roles[0].responsibility", func(d *ServiceDesign) { d.Roles[0].Responsibility = "" }, "roles[0].responsibility", ErrRequired},
		{"no activities", func(d *ServiceDesign) { d.Activities = nil }, "activities", ErrRequired},
		{"no activities[0]", func(d *ServiceDesign) { d.Activities[0] = "" }, "activities[0]", ErrRequired},
		{"no agreements", func(d *ServiceDesign) { d.Agreements = "" }, "agreements", ErrRequired},
		{"no smsChanges", func(d *ServiceDesign) { d.SMSChanges = "" }, "smsChanges", ErrRequired},
		{"no resources.financial", func(d *ServiceDesign) { d.Resources.Financial = "" }, "resources.financial", ErrRequired},
		{"no skills", func(d *ServiceDesign) { d.Skills = nil }, "skills", ErrRequired},
		{"no technology", func(d *ServiceDesign) { d.Technology = nil }, "technology", ErrRequired},
		{"no effects", func(d *ServiceDesign) { d.Effects = "" }, "effects", ErrRequired},
	}...))
}

func TestAcceptanceCriterionValidate(t *testing.T) {
	testValidate(t, newAcceptanceCriterion, append(headerCases[*AcceptanceCriterion](), []vcase[*AcceptanceCriterion]{
		{"no statement", func(c *AcceptanceCriterion) { c.Statement = "" }, "statement", ErrRequired},
		{"no method", func(c *AcceptanceCriterion) { c.Method = "" }, "method", ErrRequired},
	}...))
}

func TestServiceAcceptanceTestValidate(t *testing.T) {
	testValidate(t, newServiceAcceptanceTest, append(headerCases[*ServiceAcceptanceTest](), []vcase[*ServiceAcceptanceTest]{
		{"no performed", func(s *ServiceAcceptanceTest) { s.Performed = time.Time{} }, "performed", ErrRequired},
		{"no environment", func(s *ServiceAcceptanceTest) { s.Environment = "" }, "environment", ErrRequired},
		{"no results", func(s *ServiceAcceptanceTest) { s.Results = nil }, "results", ErrRequired},
		{"no results[0].criterion", func(s *ServiceAcceptanceTest) { s.Results[0].Criterion = ID{} }, "results[0].criterion", ErrRequired},
		{"no results[0].evidence", func(s *ServiceAcceptanceTest) { s.Results[0].Evidence = "" }, "results[0].evidence", ErrRequired},
		{"bad results[1].criterion", func(s *ServiceAcceptanceTest) { s.Results = append(s.Results, s.Results[0]) }, "results[1].criterion", ErrInvalidValue},
	}...))
}

func TestTransitionReportValidate(t *testing.T) {
	testValidate(t, newTransitionReport, append(headerCases[*TransitionReport](), []vcase[*TransitionReport]{
		{"no issued", func(r *TransitionReport) { r.Issued = time.Time{} }, "issued", ErrRequired},
		{"no outcomes", func(r *TransitionReport) { r.Outcomes = nil }, "outcomes", ErrRequired},
		{"no outcomes[0].measure", func(r *TransitionReport) { r.Outcomes[0].Measure = "" }, "outcomes[0].measure", ErrRequired},
		{"no outcomes[0].expected", func(r *TransitionReport) { r.Outcomes[0].Expected = "" }, "outcomes[0].expected", ErrRequired},
		{"no outcomes[0].achieved", func(r *TransitionReport) { r.Outcomes[0].Achieved = "" }, "outcomes[0].achieved", ErrRequired},
	}...))
	r := newTransitionReport(t)
	r.Outcomes = append(r.Outcomes, OutcomeResult{Measure: "tickets", Expected: "<100", Achieved: "140"})
	assert.Equal(t, []OutcomeResult{r.Outcomes[1]}, r.Shortfalls())
}

// planFlow holds a plan and the records its moves need.
type planFlow struct {
	plan     *ServicePlan
	criteria []ID
	test     *ServiceAcceptanceTest
	report   *TransitionReport
}

func newPlanFlow(t *testing.T) *planFlow {
	t.Helper()
	f := &planFlow{plan: NewServicePlan("mobile banking", PlanNew, nobody, t0)}
	fillPlanItems(f.plan)
	f.criteria = f.plan.Linked(LinkAcceptedAgainst)
	f.test = newServiceAcceptanceTest(t)
	f.test.Results = []CriterionResult{{Criterion: f.criteria[0], Met: true, Evidence: "probe log"}}
	f.test.Performed = atHour(2)
	f.report = newTransitionReport(t)
	f.report.Issued = atHour(2)
	require.NoError(t, f.plan.Link(dto, atHour(1), LinkDesignedBy, NewID(), KindServiceDesign))
	require.NoError(t, f.plan.Link(dto, atHour(1), LinkAcceptanceTestedBy, f.test.ID, KindServiceAcceptanceTest))
	require.NoError(t, f.plan.Link(dto, atHour(1), LinkTransitionReported, f.report.ID, KindTransitionReport))
	return f
}

func TestServicePlanLifecycle(t *testing.T) {
	t.Run("happy path", func(t *testing.T) {
		f := newPlanFlow(t)
		p := f.plan
		assert.Equal(t, PlanRequested, p.State())
		require.NoError(t, p.Plan(dto, atHour(2), ""))
		require.NoError(t, p.Design(dto, atHour(3), ""))
		require.NoError(t, p.Build(dto, atHour(4), ""))
		require.NoError(t, p.Test(dto, atHour(5), f.test, ""))
		require.NoError(t, p.Accept(owner, atHour(6), f.test, "accepted"))
		require.NoError(t, p.Review(dto, atHour(7), f.report, ""))
		assert.Equal(t, PlanReviewed, p.State())
		assert.True(t, servicePlanLifecycle.Final(p.State()))
		require.NoError(t, p.Validate())
	})
	t.Run("rework after a failed test", func(t *testing.T) {
		f := newPlanFlow(t)
		p := f.plan
		p.Status = string(PlanTested)
		require.NoError(t, p.Build(dto, atHour(5), "failed load test"))
		assert.Equal(t, PlanBuilt, p.State())
	})
	t.Run("reject and withdraw", func(t *testing.T) {
		f := newPlanFlow(t)
		require.NoError(t, f.plan.Reject(cab1, atHour(2), "no business case"))
		assert.Equal(t, PlanRejected, f.plan.State())
		g := newPlanFlow(t)
		g.plan.Status = string(PlanTested)
		require.NoError(t, g.plan.Withdraw(dto, atHour(2), ""))
		assert.Equal(t, PlanWithdrawn, g.plan.State())
	})
	type refusal struct {
		name  string
		state ServicePlanState
		want  error
		prep  func(f *planFlow)
		move  func(f *planFlow) error
	}
	refusals := []refusal{
		{"plan without items", PlanRequested, ErrPrecondition, func(f *planFlow) { f.plan.Testing = "" },
			func(f *planFlow) error { return f.plan.Plan(dto, atHour(2), "") }},
		{"plan needs owner", PlanRequested, ErrForbidden, nil,
			func(f *planFlow) error { return f.plan.Plan(owner, atHour(2), "") }},
		{"plan twice", PlanPlanned, ErrInvalidTransition, nil,
			func(f *planFlow) error { return f.plan.Plan(dto, atHour(2), "") }},
		{"design without design", PlanPlanned, ErrPrecondition, func(f *planFlow) { f.plan.Links = f.plan.Links[:2] },
			func(f *planFlow) error { return f.plan.Design(dto, atHour(2), "") }},
		{"build before design", PlanPlanned, ErrInvalidTransition, nil,
			func(f *planFlow) error { return f.plan.Build(dto, atHour(2), "") }},
		{"test without test", PlanBuilt, ErrRequired, nil,
			func(f *planFlow) error { return f.plan.Test(dto, atHour(2), nil, "") }},
		{"test with unlinked test", PlanBuilt, ErrPrecondition, nil,
			func(f *planFlow) error { return f.plan.Test(dto, atHour(2), newServiceAcceptanceTest(t), "") }},
		{"test performed after the move", PlanBuilt, ErrPrecondition, func(f *planFlow) { f.test.Performed = atHour(3) },
			func(f *planFlow) error { return f.plan.Test(dto, atHour(2), f.test, "") }},
		{"accept a test performed after the move", PlanTested, ErrPrecondition, func(f *planFlow) { f.test.Performed = atHour(3) },
			func(f *planFlow) error { return f.plan.Accept(owner, atHour(2), f.test, "") }},
		{"review with a report issued after the move", PlanTransitioned, ErrPrecondition, func(f *planFlow) { f.report.Issued = atHour(3) },
			func(f *planFlow) error { return f.plan.Review(dto, atHour(2), f.report, "") }},
		{"test with invalid test", PlanBuilt, ErrPrecondition, func(f *planFlow) { f.test.Environment = "" },
			func(f *planFlow) error { return f.plan.Test(dto, atHour(2), f.test, "") }},
		{"accept with unmet criterion", PlanTested, ErrPrecondition, func(f *planFlow) { f.test.Results[0].Met = false },
			func(f *planFlow) error { return f.plan.Accept(owner, atHour(2), f.test, "") }},
		{"accept with untested criterion", PlanTested, ErrPrecondition, func(f *planFlow) {
			f.plan.Links = append(f.plan.Links, Link{Type: LinkAcceptedAgainst, To: NewID(), Kind: KindAcceptanceCriterion})
		}, func(f *planFlow) error { return f.plan.Accept(owner, atHour(2), f.test, "") }},
		{"accept with no criterion", PlanTested, ErrPrecondition, func(f *planFlow) {
			f.plan.Links = f.plan.Links[:1]
			f.plan.Links = append(f.plan.Links, Link{Type: LinkAcceptanceTestedBy, To: f.test.ID, Kind: KindServiceAcceptanceTest})
		}, func(f *planFlow) error { return f.plan.Accept(owner, atHour(2), f.test, "") }},
		{"accept needs service owner", PlanTested, ErrForbidden, nil,
			func(f *planFlow) error { return f.plan.Accept(dto, atHour(2), f.test, "") }},
		{"accept before test", PlanBuilt, ErrInvalidTransition, nil,
			func(f *planFlow) error { return f.plan.Accept(owner, atHour(2), f.test, "") }},
		{"review without report", PlanTransitioned, ErrRequired, nil,
			func(f *planFlow) error { return f.plan.Review(dto, atHour(2), nil, "") }},
		{"review with unlinked report", PlanTransitioned, ErrPrecondition, nil,
			func(f *planFlow) error { return f.plan.Review(dto, atHour(2), newTransitionReport(t), "") }},
		{"review with invalid report", PlanTransitioned, ErrPrecondition, func(f *planFlow) { f.report.Outcomes = nil },
			func(f *planFlow) error { return f.plan.Review(dto, atHour(2), f.report, "") }},
		{"reject needs change authority", PlanPlanned, ErrForbidden, nil,
			func(f *planFlow) error { return f.plan.Reject(dto, atHour(2), "") }},
		{"reject once built", PlanBuilt, ErrInvalidTransition, nil,
			func(f *planFlow) error { return f.plan.Reject(cab1, atHour(2), "") }},
		{"withdraw after transition", PlanTransitioned, ErrInvalidTransition, nil,
			func(f *planFlow) error { return f.plan.Withdraw(dto, atHour(2), "") }},
		{"nothing after reviewed", PlanReviewed, ErrInvalidTransition, nil,
			func(f *planFlow) error { return f.plan.Withdraw(dto, atHour(2), "") }},
		{"time before history", PlanRequested, ErrInvalidValue, nil,
			func(f *planFlow) error { return f.plan.Plan(dto, t0.Add(-1), "") }},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			f := newPlanFlow(t)
			f.plan.Status = string(c.state)
			if c.prep != nil {
				c.prep(f)
			}
			refusedTransition(t, f.plan, c.want, func() error { return c.move(f) })
		})
	}
}

func TestServiceAcceptanceTestUnmet(t *testing.T) {
	a, b, c := NewID(), NewID(), NewID()
	s := newServiceAcceptanceTest(t)
	s.Results = []CriterionResult{{Criterion: a, Met: true}, {Criterion: b, Met: false}}
	assert.Equal(t, []ID{b, c}, s.Unmet([]ID{a, b, c}))
	assert.Empty(t, s.Unmet([]ID{a}))
}
