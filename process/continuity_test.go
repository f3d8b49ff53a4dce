package process

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContinuityRiskAssessmentValidate(t *testing.T) {
	testValidate(t, newContinuityRiskAssessment, append(headerCases[*ContinuityRiskAssessment](), []vcase[*ContinuityRiskAssessment]{
		{"no assessed", func(a *ContinuityRiskAssessment) { a.Assessed = time.Time{} }, "assessed", ErrRequired},
		{"no services", func(a *ContinuityRiskAssessment) { a.Services = nil }, "services", ErrRequired},
		{"no requirements", func(a *ContinuityRiskAssessment) { a.Requirements = "" }, "requirements", ErrRequired},
		{"no risks", func(a *ContinuityRiskAssessment) { a.Risks = nil }, "risks", ErrRequired},
		{"no risks[0].description", func(a *ContinuityRiskAssessment) { a.Risks[0].Description = "" }, "risks[0].description", ErrRequired},
		{"no risks[0].likelihood", func(a *ContinuityRiskAssessment) { a.Risks[0].Likelihood = "" }, "risks[0].likelihood", ErrRequired},
		{"bad risks[0].impact", func(a *ContinuityRiskAssessment) { a.Risks[0].Impact = " " }, "risks[0].impact", ErrInvalidValue},
		{"no risks[0].treatment", func(a *ContinuityRiskAssessment) { a.Risks[0].Treatment = "" }, "risks[0].treatment", ErrRequired},
		{"bad nextDue", func(a *ContinuityRiskAssessment) { a.NextDue = a.Assessed.Add(-1) }, "nextDue", ErrInvalidValue},
	}...))
	a := newContinuityRiskAssessment(t)
	a.Risks[0].Likelihood, a.Risks[0].Impact = "rare", "severe"
	require.NoError(t, a.Validate(), "a host's own levels grade risks as they grade incidents")
}

func planTermsCases[T Record](terms func(T) *PlanTerms) []vcase[T] {
	return []vcase[T]{
		{"no services", func(r T) { terms(r).Services = nil }, "services", ErrRequired},
		{"no invocation", func(r T) { terms(r).Invocation = "" }, "invocation", ErrRequired},
		{"no responsibilities", func(r T) { terms(r).Responsibilities = nil }, "responsibilities", ErrRequired},
		{"no responsibilities[0].holder", func(r T) { terms(r).Responsibilities[0].Holder = "" }, "responsibilities[0].holder", ErrRequired},
		{"no targets", func(r T) { terms(r).Targets = nil }, "targets", ErrRequired},
		{"no targets[0].calendar", func(r T) { terms(r).Targets[0].Calendar = "" }, "targets[0].calendar", ErrRequired},
		{"no recovery", func(r T) { terms(r).Recovery = nil }, "recovery", ErrRequired},
		{"no recovery[0].description", func(r T) { terms(r).Recovery[0].Description = "" }, "recovery[0].description", ErrRequired},
		{"bad recovery[0].recoveryTime", func(r T) { terms(r).Recovery[0].RecoveryTime = -1 }, "recovery[0].recoveryTime", ErrInvalidValue},
		{"bad recovery[0].dataLoss", func(r T) { terms(r).Recovery[0].DataLoss = -1 }, "recovery[0].dataLoss", ErrInvalidValue},
		{"no returnToNormal", func(r T) { terms(r).ReturnToNormal = "" }, "returnToNormal", ErrRequired},
		{"no retest", func(r T) { terms(r).Retest = "" }, "retest", ErrRequired},
	}
}

func TestContinuityPlanValidate(t *testing.T) {
	testValidate(t, newContinuityPlan, append(headerCases[*ContinuityPlan](), planTermsCases(func(p *ContinuityPlan) *PlanTerms { return &p.PlanTerms })...))
}

func TestAvailabilityPlanValidate(t *testing.T) {
	testValidate(t, newAvailabilityPlan, append(headerCases[*AvailabilityPlan](), planTermsCases(func(p *AvailabilityPlan) *PlanTerms { return &p.PlanTerms })...))
}

func TestPlanTestValidate(t *testing.T) {
	testValidate(t, newPlanTest, append(headerCases[*PlanTest](), []vcase[*PlanTest]{
		{"no plan", func(p *PlanTest) { p.Plan = ID{} }, "plan", ErrRequired},
		{"no performed", func(p *PlanTest) { p.Performed = time.Time{} }, "performed", ErrRequired},
		{"no scenario", func(p *PlanTest) { p.Scenario = "" }, "scenario", ErrRequired},
		{"no results", func(p *PlanTest) { p.Results = nil }, "results", ErrRequired},
		{"no results[0].objective", func(p *PlanTest) { p.Results[0].Objective = "" }, "results[0].objective", ErrRequired},
		{"no actions", func(p *PlanTest) { p.Actions = nil }, "actions", ErrRequired},
		{"no actions[0]", func(p *PlanTest) { p.Actions[0] = "" }, "actions[0]", ErrRequired},
	}...))
	p := newPlanTest(t)
	assert.False(t, p.Passed())
	p.Results[0].Met = true
	p.Actions = nil
	assert.True(t, p.Passed())
	require.NoError(t, p.Validate(), "a passed test needs no actions")
}

func TestRetestNeeded(t *testing.T) {
	plan := newContinuityPlan(t)
	svc, other := plan.Services[0], NewID()
	rfc1, rfc2, rfc3 := NewID(), NewID(), NewID()
	tested := NewPlanTest("failover", plan.ID, "site loss", atHour(10), nobody, t0)
	otherPlanTest := NewPlanTest("other", NewID(), "site loss", atHour(100), nobody, t0)
	changes := []MajorServiceChange{
		{Change: rfc3, Service: svc, At: atHour(20)},
		{Change: rfc1, Service: svc, At: atHour(5)},    // before the test
		{Change: rfc2, Service: other, At: atHour(30)}, // another service
		{Change: rfc1, Service: svc, At: atHour(15)},
	}
	cases := []struct {
		name  string
		tests []*PlanTest
		want  []MajorServiceChange
	}{
		{"never tested", nil, []MajorServiceChange{changes[1], changes[3], changes[0]}},
		{"tested before changes", []*PlanTest{tested, otherPlanTest, nil}, []MajorServiceChange{changes[3], changes[0]}},
		{"tested since", []*PlanTest{tested, NewPlanTest("retest", plan.ID, "site loss", atHour(25), nobody, t0)}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, plan.RetestNeeded(c.tests, changes))
		})
	}
	avail := newAvailabilityPlan(t)
	avail.Services = []ID{other}
	assert.Equal(t, []MajorServiceChange{changes[2]}, avail.RetestNeeded(nil, changes))
}

func TestAvailabilityMeasurementValidate(t *testing.T) {
	testValidate(t, newAvailabilityMeasurement, append(headerCases[*AvailabilityMeasurement](), []vcase[*AvailabilityMeasurement]{
		{"no service", func(m *AvailabilityMeasurement) { m.Service = ID{} }, "service", ErrRequired},
		{"no periodStart", func(m *AvailabilityMeasurement) { m.PeriodStart = time.Time{} }, "periodStart", ErrRequired},
		{"bad periodEnd", func(m *AvailabilityMeasurement) { m.PeriodEnd = m.PeriodStart.Add(-1) }, "periodEnd", ErrInvalidValue},
		{"bad target", func(m *AvailabilityMeasurement) { m.Target = decimal.NewFromInt(101) }, "target", ErrInvalidValue},
		{"bad achieved", func(m *AvailabilityMeasurement) { m.Achieved = decimal.NewFromInt(-1) }, "achieved", ErrInvalidValue},
		{"no outages[0].start", func(m *AvailabilityMeasurement) { m.Outages[0].Start = time.Time{} }, "outages[0].start", ErrRequired},
		{"bad outages[0].start", func(m *AvailabilityMeasurement) { m.Outages[0].Start = m.PeriodStart.Add(-1) }, "outages[0].start", ErrInvalidValue},
		{"bad outages[0].end", func(m *AvailabilityMeasurement) { m.Outages[0].End = m.Outages[0].Start.Add(-1) }, "outages[0].end", ErrInvalidValue},
		{"bad outages[0].end", func(m *AvailabilityMeasurement) { m.Outages[0].End = m.PeriodEnd.Add(1) }, "outages[0].end", ErrInvalidValue},
		{"no outages[0].cause", func(m *AvailabilityMeasurement) { m.Outages[0].Cause = "" }, "outages[0].cause", ErrRequired},
		{"no outages[0].investigation", func(m *AvailabilityMeasurement) { m.Outages[0].Investigation = "" }, "outages[0].investigation", ErrRequired},
	}...))
	m := newAvailabilityMeasurement(t)
	m.Outages[0].Investigation, m.Outages[0].Planned = "", true
	require.NoError(t, m.Validate(), "a planned outage needs no investigation")
	assert.True(t, m.Met())
	m.Achieved = decimal.RequireFromString("99.4")
	assert.False(t, m.Met())
}

func TestContinuityInvocationValidate(t *testing.T) {
	testValidate(t, newContinuityInvocation, append(headerCases[*ContinuityInvocation](), []vcase[*ContinuityInvocation]{
		{"no plan", func(c *ContinuityInvocation) { c.Plan = ID{} }, "plan", ErrRequired},
		{"no invoked", func(c *ContinuityInvocation) { c.Invoked = time.Time{} }, "invoked", ErrRequired},
		{"no cause", func(c *ContinuityInvocation) { c.Cause = "" }, "cause", ErrRequired},
		{"no impact", func(c *ContinuityInvocation) { c.Impact = "" }, "impact", ErrRequired},
		{"no recovery", func(c *ContinuityInvocation) { c.Recovery = "" }, "recovery", ErrRequired},
		{"bad recovered", func(c *ContinuityInvocation) { c.Recovered = c.Invoked.Add(-1) }, "recovered", ErrInvalidValue},
		{"bad normal", func(c *ContinuityInvocation) { c.Normal = c.Recovered.Add(-1) }, "normal", ErrInvalidValue},
	}...))
}

func TestContinuityLinks(t *testing.T) {
	pt := newPlanTest(t)
	require.NoError(t, pt.Link(nobody, atHour(1), LinkAfterChange, NewID(), KindRequestForChange))
	require.Error(t, pt.Link(nobody, atHour(1), LinkAfterChange, NewID(), KindIncident))
	inv := newContinuityInvocation(t)
	require.NoError(t, inv.Link(nobody, atHour(1), LinkAbout, NewID(), KindIncident))
	require.NoError(t, inv.Link(nobody, atHour(1), LinkReportedIn, NewID(), KindServiceReport))
	require.NoError(t, inv.Validate())
}

func TestRecoveryRequirementJSON(t *testing.T) {
	r := RecoveryRequirement{Service: NewID(), Description: "core banking", RecoveryTime: 4 * time.Hour, DataLoss: 15 * time.Minute}
	data, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"recoveryTime":"4h0m0s"`)
	assert.Contains(t, string(data), `"dataLoss":"15m0s"`)
	var got RecoveryRequirement
	require.NoError(t, json.Unmarshal(data, &got))
	assert.Equal(t, r, got)

	cases := []struct {
		name, json string
		want       RecoveryRequirement
		err        error
	}{
		{"nanoseconds as earlier versions wrote them", `{"description":"d","recoveryTime":14400000000000,"dataLoss":0}`,
			RecoveryRequirement{Description: "d", RecoveryTime: 4 * time.Hour}, nil},
		{"negative string", `{"description":"d","recoveryTime":"-1s","dataLoss":"1ms"}`,
			RecoveryRequirement{Description: "d", RecoveryTime: -time.Second, DataLoss: time.Millisecond}, nil},
		{"not a duration", `{"description":"d","recoveryTime":"four hours"}`, RecoveryRequirement{}, ErrInvalidValue},
		{"a fraction of a nanosecond", `{"description":"d","dataLoss":1.5}`, RecoveryRequirement{}, ErrInvalidValue},
		{"not a string or number", `{"description":"d","dataLoss":true}`, RecoveryRequirement{}, ErrInvalidValue},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got RecoveryRequirement
			err := json.Unmarshal([]byte(c.json), &got)
			if c.err != nil {
				assert.ErrorIs(t, err, c.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}
