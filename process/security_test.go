package process

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func approvedPolicy(t *testing.T) *SecurityPolicy {
	t.Helper()
	p := newSecurityPolicy(t)
	reach(securityPolicyLifecycle, &p.Header, SecurityPolicyCommunicated)
	p.ApprovedBy, p.Approved = "board", atHour(1)
	p.CommunicatedTo, p.Communicated = []string{"all staff"}, atHour(2)
	return p
}

func TestSecurityPolicyValidate(t *testing.T) {
	testValidate(t, newSecurityPolicy, append(headerCases[*SecurityPolicy](), []vcase[*SecurityPolicy]{
		{"no status", func(p *SecurityPolicy) { p.Status = "" }, "status", ErrRequired},
		{"no content", func(p *SecurityPolicy) { p.Content = "" }, "content", ErrRequired},
		{"no owner", func(p *SecurityPolicy) { p.Owner = "" }, "owner", ErrRequired},
		{"no approvedBy", func(p *SecurityPolicy) { p.Status = string(SecurityPolicyApproved) }, "approvedBy", ErrRequired},
		{"no approved", func(p *SecurityPolicy) { p.Status = string(SecurityPolicyApproved) }, "approved", ErrRequired},
	}...))
	testValidate(t, approvedPolicy, append(headerCases[*SecurityPolicy](), []vcase[*SecurityPolicy]{
		{"no approvedBy", func(p *SecurityPolicy) { p.ApprovedBy = "" }, "approvedBy", ErrRequired},
		{"no communicatedTo", func(p *SecurityPolicy) { p.CommunicatedTo = nil }, "communicatedTo", ErrRequired},
		{"no communicatedTo[0]", func(p *SecurityPolicy) { p.CommunicatedTo[0] = "" }, "communicatedTo[0]", ErrRequired},
		{"no communicated", func(p *SecurityPolicy) { p.Communicated = time.Time{} }, "communicated", ErrRequired},
		{"bad communicated", func(p *SecurityPolicy) { p.Communicated = p.Approved.Add(-1) }, "communicated", ErrInvalidValue},
	}...))
}

func TestSecurityPolicyLifecycle(t *testing.T) {
	t.Run("happy path", func(t *testing.T) {
		p := newSecurityPolicy(t)
		require.NoError(t, p.Approve(top, atHour(1), ""))
		assert.Equal(t, "tess", p.ApprovedBy)
		require.NoError(t, p.Communicate(sec, atHour(2), []string{"all staff", "suppliers"}, "intranet"))
		assert.Equal(t, SecurityPolicyCommunicated, p.State())
		require.NoError(t, p.Validate())
		require.NoError(t, p.Supersede(top, atHour(3), "new edition"))
		require.NoError(t, p.Validate())
	})
	cases := []struct {
		name  string
		state SecurityPolicyState
		want  error
		move  func(*SecurityPolicy) error
	}{
		{"approve needs top management", SecurityPolicyDraft, ErrForbidden, func(p *SecurityPolicy) error { return p.Approve(sec, atHour(1), "") }},
		{"approve twice", SecurityPolicyApproved, ErrInvalidTransition, func(p *SecurityPolicy) error { return p.Approve(top, atHour(1), "") }},
		{"communicate a draft", SecurityPolicyDraft, ErrInvalidTransition, func(p *SecurityPolicy) error { return p.Communicate(sec, atHour(1), []string{"staff"}, "") }},
		{"communicate needs security manager", SecurityPolicyApproved, ErrForbidden, func(p *SecurityPolicy) error { return p.Communicate(top, atHour(1), []string{"staff"}, "") }},
		{"communicate to nobody", SecurityPolicyApproved, ErrPrecondition, func(p *SecurityPolicy) error { return p.Communicate(sec, atHour(1), nil, "") }},
		{"supersede needs top management", SecurityPolicyCommunicated, ErrForbidden, func(p *SecurityPolicy) error { return p.Supersede(sec, atHour(3), "") }},
		{"nothing after superseded", SecurityPolicySuperseded, ErrInvalidTransition, func(p *SecurityPolicy) error { return p.Approve(top, atHour(3), "") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := approvedPolicy(t)
			p.Status = string(c.state)
			refusedTransition(t, p, c.want, func() error { return c.move(p) })
		})
	}
	t.Run("approve empty content", func(t *testing.T) {
		p := newSecurityPolicy(t)
		p.Content = ""
		refusedTransition(t, p, ErrPrecondition, func() error { return p.Approve(top, atHour(1), "") })
	})
}

func TestSecurityRiskAssessmentValidate(t *testing.T) {
	testValidate(t, newSecurityRiskAssessment, append(headerCases[*SecurityRiskAssessment](), []vcase[*SecurityRiskAssessment]{
		{"no assessed", func(a *SecurityRiskAssessment) { a.Assessed = time.Time{} }, "assessed", ErrRequired},
		{"no scope", func(a *SecurityRiskAssessment) { a.Scope = "" }, "scope", ErrRequired},
		{"no risks", func(a *SecurityRiskAssessment) { a.Risks = nil }, "risks", ErrRequired},
		{"no risks[0].asset", func(a *SecurityRiskAssessment) { a.Risks[0].Asset = "" }, "risks[0].asset", ErrRequired},
		{"no risks[0].threat", func(a *SecurityRiskAssessment) { a.Risks[0].Threat = "" }, "risks[0].threat", ErrRequired},
		{"bad risks[0].likelihood", func(a *SecurityRiskAssessment) { a.Risks[0].Likelihood = "\t" }, "risks[0].likelihood", ErrInvalidValue},
		{"no risks[0].impact", func(a *SecurityRiskAssessment) { a.Risks[0].Impact = "" }, "risks[0].impact", ErrRequired},
		{"bad risks[0].treatment", func(a *SecurityRiskAssessment) { a.Risks[0].Treatment = "ignore" }, "risks[0].treatment", ErrInvalidValue},
		{"no risks[0].owner", func(a *SecurityRiskAssessment) { a.Risks[0].Owner = "" }, "risks[0].owner", ErrRequired},
		{"no risks[0].controls", func(a *SecurityRiskAssessment) { a.Risks[0].Controls = nil }, "risks[0].controls", ErrRequired},
		{"no risks[0].controls[0]", func(a *SecurityRiskAssessment) { a.Risks[0].Controls[0] = ID{} }, "risks[0].controls[0]", ErrRequired},
		{"unlinked risks[0].controls[0]", func(a *SecurityRiskAssessment) { a.Links = nil }, "risks[0].controls[0]", ErrInvalidLink},
		{"bad nextDue", func(a *SecurityRiskAssessment) { a.NextDue = a.Assessed.Add(-1) }, "nextDue", ErrInvalidValue},
	}...))
	a := newSecurityRiskAssessment(t)
	a.Risks[0].Treatment, a.Risks[0].Controls = TreatAccept, nil
	require.NoError(t, a.Validate(), "an accepted risk needs no control")
	a.Risks[0].Likelihood = "often"
	require.NoError(t, a.Validate(), "a host's own levels grade risks as they grade incidents")
}

func TestSecurityControlValidate(t *testing.T) {
	testValidate(t, newSecurityControl, append(headerCases[*SecurityControl](), []vcase[*SecurityControl]{
		{"no objective", func(c *SecurityControl) { c.Objective = "" }, "objective", ErrRequired},
		{"no owner", func(c *SecurityControl) { c.Owner = "" }, "owner", ErrRequired},
		{"no measures", func(c *SecurityControl) { c.Measures = nil }, "measures", ErrRequired},
		{"no measures[0].name", func(c *SecurityControl) { c.Measures[0].Name = "" }, "measures[0].name", ErrRequired},
		{"no measures[0].method", func(c *SecurityControl) { c.Measures[0].Method = "" }, "measures[0].method", ErrRequired},
		{"no measures[0].measured", func(c *SecurityControl) { c.Measures[0].Measured = time.Time{} }, "measures[0].measured", ErrRequired},
	}...))
}

func TestAccessAgreementValidate(t *testing.T) {
	testValidate(t, newAccessAgreement, append(headerCases[*AccessAgreement](), []vcase[*AccessAgreement]{
		{"no party", func(a *AccessAgreement) { a.Party = "" }, "party", ErrRequired},
		{"no scope", func(a *AccessAgreement) { a.Scope = "" }, "scope", ErrRequired},
		{"no controls", func(a *AccessAgreement) { a.Controls = nil }, "controls", ErrRequired},
		{"no controls[1]", func(a *AccessAgreement) { a.Controls[1] = "" }, "controls[1]", ErrRequired},
		{"no start", func(a *AccessAgreement) { a.Start = time.Time{} }, "start", ErrRequired},
		{"bad end", func(a *AccessAgreement) { a.End = a.Start.Add(-1) }, "end", ErrInvalidValue},
		{"unlinked links[0]", func(a *AccessAgreement) {
			a.Links = []Link{{Type: LinkGrantsAccess, To: NewID(), Kind: KindCustomer}}
		}, "links[0]", ErrInvalidLink},
	}...))
	a := newAccessAgreement(t)
	require.NoError(t, a.Link(nobody, atHour(1), LinkGrantsAccess, NewID(), KindSupplier))
}

func TestSecurityIncidentReviewValidate(t *testing.T) {
	testValidate(t, newSecurityIncidentReview, append(headerCases[*SecurityIncidentReview](), []vcase[*SecurityIncidentReview]{
		{"no periodStart", func(r *SecurityIncidentReview) { r.PeriodStart = time.Time{} }, "periodStart", ErrRequired},
		{"bad periodEnd", func(r *SecurityIncidentReview) { r.PeriodEnd = r.PeriodStart.Add(-1) }, "periodEnd", ErrInvalidValue},
		{"no reviewed", func(r *SecurityIncidentReview) { r.Reviewed = time.Time{} }, "reviewed", ErrRequired},
		{"no findings", func(r *SecurityIncidentReview) { r.Findings = nil }, "findings", ErrRequired},
		{"no findings[0].type", func(r *SecurityIncidentReview) { r.Findings[0].Type = "" }, "findings[0].type", ErrRequired},
		{"bad findings[0].count", func(r *SecurityIncidentReview) { r.Findings[0].Count = -1 }, "findings[0].count", ErrInvalidValue},
		{"no findings[0].impact", func(r *SecurityIncidentReview) { r.Findings[0].Impact = "" }, "findings[0].impact", ErrRequired},
		{"no improvements[0]", func(r *SecurityIncidentReview) { r.Improvements[0] = "" }, "improvements[0]", ErrRequired},
	}...))
	r := newSecurityIncidentReview(t)
	require.NoError(t, r.Link(nobody, atHour(1), LinkAbout, NewID(), KindIncident))
	require.NoError(t, r.Link(nobody, atHour(1), LinkRaised, NewID(), KindProblem))
	require.NoError(t, r.Validate())
}
