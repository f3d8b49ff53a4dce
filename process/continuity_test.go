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
	runValidate57(t, validContinuityRiskAssessment, []vcase57[*ContinuityRiskAssessment]{
		{"assessed", ErrRequired, func(a *ContinuityRiskAssessment) { a.Assessed = zeroTime57 }},
		{"services", ErrRequired, func(a *ContinuityRiskAssessment) { a.Services = nil }},
		{"requirements", ErrRequired, func(a *ContinuityRiskAssessment) { a.Requirements = "" }},
		{"risks", ErrRequired, func(a *ContinuityRiskAssessment) { a.Risks = nil }},
		{"risks[0].description", ErrRequired, func(a *ContinuityRiskAssessment) { a.Risks[0].Description = "" }},
		{"risks[0].likelihood", ErrRequired, func(a *ContinuityRiskAssessment) { a.Risks[0].Likelihood = "" }},
		{"risks[0].impact", ErrInvalidValue, func(a *ContinuityRiskAssessment) { a.Risks[0].Impact = " " }},
		{"risks[0].treatment", ErrRequired, func(a *ContinuityRiskAssessment) { a.Risks[0].Treatment = "" }},
		{"nextDue", ErrInvalidValue, func(a *ContinuityRiskAssessment) { a.NextDue = a.Assessed.Add(-1) }},
	})
	a := validContinuityRiskAssessment()
	a.Risks[0].Likelihood, a.Risks[0].Impact = "rare", "severe"
	require.NoError(t, a.Validate(), "a host's own levels grade risks as they grade incidents")
}

func planTermsCases57[T Record](terms func(T) *PlanTerms) []vcase57[T] {
	return []vcase57[T]{
		{"services", ErrRequired, func(r T) { terms(r).Services = nil }},
		{"invocation", ErrRequired, func(r T) { terms(r).Invocation = "" }},
		{"responsibilities", ErrRequired, func(r T) { terms(r).Responsibilities = nil }},
		{"responsibilities[0].holder", ErrRequired, func(r T) { terms(r).Responsibilities[0].Holder = "" }},
		{"targets", ErrRequired, func(r T) { terms(r).Targets = nil }},
		{"targets[0].calendar", ErrRequired, func(r T) { terms(r).Targets[0].Calendar = "" }},
		{"recovery", ErrRequired, func(r T) { terms(r).Recovery = nil }},
		{"recovery[0].description", ErrRequired, func(r T) { terms(r).Recovery[0].Description = "" }},
		{"recovery[0].recoveryTime", ErrInvalidValue, func(r T) { terms(r).Recovery[0].RecoveryTime = -1 }},
		{"recovery[0].dataLoss", ErrInvalidValue, func(r T) { terms(r).Recovery[0].DataLoss = -1 }},
		{"returnToNormal", ErrRequired, func(r T) { terms(r).ReturnToNormal = "" }},
		{"retest", ErrRequired, func(r T) { terms(r).Retest = "" }},
	}
}

func TestContinuityPlanValidate(t *testing.T) {
	runValidate57(t, validContinuityPlan, planTermsCases57(func(p *ContinuityPlan) *PlanTerms { return &p.PlanTerms }))
}

func TestAvailabilityPlanValidate(t *testing.T) {
	runValidate57(t, validAvailabilityPlan, planTermsCases57(func(p *AvailabilityPlan) *PlanTerms { return &p.PlanTerms }))
}

func TestPlanTestValidate(t *testing.T) {
	runValidate57(t, validPlanTest, []vcase57[*PlanTest]{
		{"plan", ErrRequired, func(p *PlanTest) { p.Plan = ID{} }},
		{"performed", ErrRequired, func(p *PlanTest) { p.Performed = zeroTime57 }},
		{"scenario", ErrRequired, func(p *PlanTest) { p.Scenario = "" }},
		{"results", ErrRequired, func(p *PlanTest) { p.Results = nil }},
		{"results[0].objective", ErrRequired, func(p *PlanTest) { p.Results[0].Objective = "" }},
		{"actions", ErrRequired, func(p *PlanTest) { p.Actions = nil }},
		{"actions[0]", ErrRequired, func(p *PlanTest) { p.Actions[0] = "" }},
	})
	p := validPlanTest()
	assert.False(t, p.Passed())
	p.Results[0].Met = true
	p.Actions = nil
	assert.True(t, p.Passed())
	require.NoError(t, p.Validate(), "a passed test needs no actions")
}

func TestRetestNeeded(t *testing.T) {
	plan := validContinuityPlan()
	svc, other := plan.Services[0], NewID()
	rfc1, rfc2, rfc3 := NewID(), NewID(), NewID()
	tested := NewPlanTest("failover", plan.ID, "site loss", at57(10), clerk57, t57)
	otherPlanTest := NewPlanTest("other", NewID(), "site loss", at57(100), clerk57, t57)
	changes := []MajorServiceChange{
		{Change: rfc3, Service: svc, At: at57(20)},
		{Change: rfc1, Service: svc, At: at57(5)},    // before the test
		{Change: rfc2, Service: other, At: at57(30)}, // another service
		{Change: rfc1, Service: svc, At: at57(15)},
	}
	cases := []struct {
		name  string
		tests []*PlanTest
		want  []MajorServiceChange
	}{
		{"never tested", nil, []MajorServiceChange{changes[1], changes[3], changes[0]}},
		{"tested before changes", []*PlanTest{tested, otherPlanTest, nil}, []MajorServiceChange{changes[3], changes[0]}},
		{"tested since", []*PlanTest{tested, NewPlanTest("retest", plan.ID, "site loss", at57(25), clerk57, t57)}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, plan.RetestNeeded(c.tests, changes))
		})
	}
	avail := validAvailabilityPlan()
	avail.Services = []ID{other}
	assert.Equal(t, []MajorServiceChange{changes[2]}, avail.RetestNeeded(nil, changes))
}

func TestAvailabilityMeasurementValidate(t *testing.T) {
	runValidate57(t, validAvailabilityMeasurement, []vcase57[*AvailabilityMeasurement]{
		{"service", ErrRequired, func(m *AvailabilityMeasurement) { m.Service = ID{} }},
		{"periodStart", ErrRequired, func(m *AvailabilityMeasurement) { m.PeriodStart = zeroTime57 }},
		{"periodEnd", ErrInvalidValue, func(m *AvailabilityMeasurement) { m.PeriodEnd = m.PeriodStart.Add(-1) }},
		{"target", ErrInvalidValue, func(m *AvailabilityMeasurement) { m.Target = decimal.NewFromInt(101) }},
		{"achieved", ErrInvalidValue, func(m *AvailabilityMeasurement) { m.Achieved = decimal.NewFromInt(-1) }},
		{"outages[0].start", ErrRequired, func(m *AvailabilityMeasurement) { m.Outages[0].Start = zeroTime57 }},
		{"outages[0].start", ErrInvalidValue, func(m *AvailabilityMeasurement) { m.Outages[0].Start = m.PeriodStart.Add(-1) }},
		{"outages[0].end", ErrInvalidValue, func(m *AvailabilityMeasurement) { m.Outages[0].End = m.Outages[0].Start.Add(-1) }},
		{"outages[0].end", ErrInvalidValue, func(m *AvailabilityMeasurement) { m.Outages[0].End = m.PeriodEnd.Add(1) }},
		{"outages[0].cause", ErrRequired, func(m *AvailabilityMeasurement) { m.Outages[0].Cause = "" }},
		{"outages[0].investigation", ErrRequired, func(m *AvailabilityMeasurement) { m.Outages[0].Investigation = "" }},
	})
	m := validAvailabilityMeasurement()
	m.Outages[0].Investigation, m.Outages[0].Planned = "", true
	require.NoError(t, m.Validate(), "a planned outage needs no investigation")
	assert.True(t, m.Met())
	m.Achieved = decimal.RequireFromString("99.4")
	assert.False(t, m.Met())
}

func TestContinuityInvocationValidate(t *testing.T) {
	runValidate57(t, validContinuityInvocation, []vcase57[*ContinuityInvocation]{
		{"plan", ErrRequired, func(c *ContinuityInvocation) { c.Plan = ID{} }},
		{"invoked", ErrRequired, func(c *ContinuityInvocation) { c.Invoked = zeroTime57 }},
		{"cause", ErrRequired, func(c *ContinuityInvocation) { c.Cause = "" }},
		{"impact", ErrRequired, func(c *ContinuityInvocation) { c.Impact = "" }},
		{"recovery", ErrRequired, func(c *ContinuityInvocation) { c.Recovery = "" }},
		{"recovered", ErrInvalidValue, func(c *ContinuityInvocation) { c.Recovered = c.Invoked.Add(-1) }},
		{"normal", ErrInvalidValue, func(c *ContinuityInvocation) { c.Normal = c.Recovered.Add(-1) }},
	})
}

func TestContinuityLinks(t *testing.T) {
	pt := validPlanTest()
	require.NoError(t, pt.Link(clerk57, at57(1), LinkAfterChange, NewID(), KindRequestForChange))
	require.Error(t, pt.Link(clerk57, at57(1), LinkAfterChange, NewID(), KindIncident))
	inv := validContinuityInvocation()
	require.NoError(t, inv.Link(clerk57, at57(1), LinkAbout, NewID(), KindIncident))
	require.NoError(t, inv.Link(clerk57, at57(1), LinkReportedIn, NewID(), KindServiceReport))
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
