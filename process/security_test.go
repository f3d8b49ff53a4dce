package process

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func approvedPolicy57() *SecurityPolicy {
	p := validSecurityPolicy()
	p.Status = string(SecurityPolicyCommunicated)
	p.ApprovedBy, p.Approved = "board", at57(1)
	p.CommunicatedTo, p.Communicated = []string{"all staff"}, at57(2)
	return p
}

func TestSecurityPolicyValidate(t *testing.T) {
	runValidate57(t, validSecurityPolicy, []vcase57[*SecurityPolicy]{
		{"status", ErrRequired, func(p *SecurityPolicy) { p.Status = "" }},
		{"content", ErrRequired, func(p *SecurityPolicy) { p.Content = "" }},
		{"owner", ErrRequired, func(p *SecurityPolicy) { p.Owner = "" }},
		{"approvedBy", ErrRequired, func(p *SecurityPolicy) { p.Status = string(SecurityPolicyApproved) }},
		{"approved", ErrRequired, func(p *SecurityPolicy) { p.Status = string(SecurityPolicyApproved) }},
	})
	runValidate57(t, approvedPolicy57, []vcase57[*SecurityPolicy]{
		{"approvedBy", ErrRequired, func(p *SecurityPolicy) { p.ApprovedBy = "" }},
		{"communicatedTo", ErrRequired, func(p *SecurityPolicy) { p.CommunicatedTo = nil }},
		{"communicatedTo[0]", ErrRequired, func(p *SecurityPolicy) { p.CommunicatedTo[0] = "" }},
		{"communicated", ErrRequired, func(p *SecurityPolicy) { p.Communicated = zeroTime57 }},
		{"communicated", ErrInvalidValue, func(p *SecurityPolicy) { p.Communicated = p.Approved.Add(-1) }},
	})
}

func TestSecurityPolicyLifecycle(t *testing.T) {
	top := actor57("tess", RoleTopManagement)
	sec := actor57("sid", RoleSecurityManager)
	t.Run("happy path", func(t *testing.T) {
		p := validSecurityPolicy()
		require.NoError(t, p.Approve(top, at57(1), ""))
		assert.Equal(t, "tess", p.ApprovedBy)
		require.NoError(t, p.Communicate(sec, at57(2), []string{"all staff", "suppliers"}, "intranet"))
		assert.Equal(t, SecurityPolicyCommunicated, p.State())
		require.NoError(t, p.Validate())
		require.NoError(t, p.Supersede(top, at57(3), "new edition"))
		require.NoError(t, p.Validate())
	})
	cases := []struct {
		name  string
		state SecurityPolicyState
		want  error
		move  func(*SecurityPolicy) error
	}{
		{"approve needs top management", SecurityPolicyDraft, ErrForbidden, func(p *SecurityPolicy) error { return p.Approve(sec, at57(1), "") }},
		{"approve twice", SecurityPolicyApproved, ErrInvalidTransition, func(p *SecurityPolicy) error { return p.Approve(top, at57(1), "") }},
		{"communicate a draft", SecurityPolicyDraft, ErrInvalidTransition, func(p *SecurityPolicy) error { return p.Communicate(sec, at57(1), []string{"staff"}, "") }},
		{"communicate needs security manager", SecurityPolicyApproved, ErrForbidden, func(p *SecurityPolicy) error { return p.Communicate(top, at57(1), []string{"staff"}, "") }},
		{"communicate to nobody", SecurityPolicyApproved, ErrPrecondition, func(p *SecurityPolicy) error { return p.Communicate(sec, at57(1), nil, "") }},
		{"supersede needs top management", SecurityPolicyCommunicated, ErrForbidden, func(p *SecurityPolicy) error { return p.Supersede(sec, at57(3), "") }},
		{"nothing after superseded", SecurityPolicySuperseded, ErrInvalidTransition, func(p *SecurityPolicy) error { return p.Approve(top, at57(3), "") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := approvedPolicy57()
			p.Status = string(c.state)
			transition57(t, p, c.want, c.move)
		})
	}
	t.Run("approve empty content", func(t *testing.T) {
		p := validSecurityPolicy()
		p.Content = ""
		transition57(t, p, ErrPrecondition, func(p *SecurityPolicy) error { return p.Approve(top, at57(1), "") })
	})
}

func TestSecurityRiskAssessmentValidate(t *testing.T) {
	runValidate57(t, validSecurityRiskAssessment, []vcase57[*SecurityRiskAssessment]{
		{"assessed", ErrRequired, func(a *SecurityRiskAssessment) { a.Assessed = zeroTime57 }},
		{"scope", ErrRequired, func(a *SecurityRiskAssessment) { a.Scope = "" }},
		{"risks", ErrRequired, func(a *SecurityRiskAssessment) { a.Risks = nil }},
		{"risks[0].asset", ErrRequired, func(a *SecurityRiskAssessment) { a.Risks[0].Asset = "" }},
		{"risks[0].threat", ErrRequired, func(a *SecurityRiskAssessment) { a.Risks[0].Threat = "" }},
		{"risks[0].likelihood", ErrInvalidValue, func(a *SecurityRiskAssessment) { a.Risks[0].Likelihood = "\t" }},
		{"risks[0].impact", ErrRequired, func(a *SecurityRiskAssessment) { a.Risks[0].Impact = "" }},
		{"risks[0].treatment", ErrInvalidValue, func(a *SecurityRiskAssessment) { a.Risks[0].Treatment = "ignore" }},
		{"risks[0].owner", ErrRequired, func(a *SecurityRiskAssessment) { a.Risks[0].Owner = "" }},
		{"risks[0].controls", ErrRequired, func(a *SecurityRiskAssessment) { a.Risks[0].Controls = nil }},
		{"risks[0].controls[0]", ErrRequired, func(a *SecurityRiskAssessment) { a.Risks[0].Controls[0] = ID{} }},
		{"risks[0].controls[0]", ErrInvalidLink, func(a *SecurityRiskAssessment) { a.Links = nil }},
		{"nextDue", ErrInvalidValue, func(a *SecurityRiskAssessment) { a.NextDue = a.Assessed.Add(-1) }},
	})
	a := validSecurityRiskAssessment()
	a.Risks[0].Treatment, a.Risks[0].Controls = TreatAccept, nil
	require.NoError(t, a.Validate(), "an accepted risk needs no control")
	a.Risks[0].Likelihood = "often"
	require.NoError(t, a.Validate(), "a host's own levels grade risks as they grade incidents")
}

func TestSecurityControlValidate(t *testing.T) {
	runValidate57(t, validSecurityControl, []vcase57[*SecurityControl]{
		{"objective", ErrRequired, func(c *SecurityControl) { c.Objective = "" }},
		{"owner", ErrRequired, func(c *SecurityControl) { c.Owner = "" }},
		{"measures", ErrRequired, func(c *SecurityControl) { c.Measures = nil }},
		{"measures[0].name", ErrRequired, func(c *SecurityControl) { c.Measures[0].Name = "" }},
		{"measures[0].method", ErrRequired, func(c *SecurityControl) { c.Measures[0].Method = "" }},
		{"measures[0].measured", ErrRequired, func(c *SecurityControl) { c.Measures[0].Measured = zeroTime57 }},
	})
}

func TestAccessAgreementValidate(t *testing.T) {
	runValidate57(t, validAccessAgreement, []vcase57[*AccessAgreement]{
		{"party", ErrRequired, func(a *AccessAgreement) { a.Party = "" }},
		{"scope", ErrRequired, func(a *AccessAgreement) { a.Scope = "" }},
		{"controls", ErrRequired, func(a *AccessAgreement) { a.Controls = nil }},
		{"controls[1]", ErrRequired, func(a *AccessAgreement) { a.Controls[1] = "" }},
		{"start", ErrRequired, func(a *AccessAgreement) { a.Start = zeroTime57 }},
		{"end", ErrInvalidValue, func(a *AccessAgreement) { a.End = a.Start.Add(-1) }},
		{"links[0]", ErrInvalidLink, func(a *AccessAgreement) {
			a.Links = []Link{{Type: LinkGrantsAccess, To: NewID(), Kind: KindCustomer}}
		}},
	})
	a := validAccessAgreement()
	require.NoError(t, a.Link(clerk57, at57(1), LinkGrantsAccess, NewID(), KindSupplier))
}

func TestSecurityIncidentReviewValidate(t *testing.T) {
	runValidate57(t, validSecurityIncidentReview, []vcase57[*SecurityIncidentReview]{
		{"periodStart", ErrRequired, func(r *SecurityIncidentReview) { r.PeriodStart = zeroTime57 }},
		{"periodEnd", ErrInvalidValue, func(r *SecurityIncidentReview) { r.PeriodEnd = r.PeriodStart.Add(-1) }},
		{"reviewed", ErrRequired, func(r *SecurityIncidentReview) { r.Reviewed = zeroTime57 }},
		{"findings", ErrRequired, func(r *SecurityIncidentReview) { r.Findings = nil }},
		{"findings[0].type", ErrRequired, func(r *SecurityIncidentReview) { r.Findings[0].Type = "" }},
		{"findings[0].count", ErrInvalidValue, func(r *SecurityIncidentReview) { r.Findings[0].Count = -1 }},
		{"findings[0].impact", ErrRequired, func(r *SecurityIncidentReview) { r.Findings[0].Impact = "" }},
		{"improvements[0]", ErrRequired, func(r *SecurityIncidentReview) { r.Improvements[0] = "" }},
	})
	r := validSecurityIncidentReview()
	require.NoError(t, r.Link(clerk57, at57(1), LinkAbout, NewID(), KindIncident))
	require.NoError(t, r.Link(clerk57, at57(1), LinkRaised, NewID(), KindProblem))
	require.NoError(t, r.Validate())
}
