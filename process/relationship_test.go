package process

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCustomerValidate(t *testing.T) {
	runValidate57(t, validCustomer, []vcase57[*Customer]{
		{"relationshipOwner", ErrRequired, func(c *Customer) { c.RelationshipOwner = "" }},
		{"contacts[0]", ErrRequired, func(c *Customer) { c.Contacts[0] = "" }},
		{"contacts[0]", ErrRequired, func(c *Customer) { c.Contacts[0] = " \t" }},
		{"users[0]", ErrRequired, func(c *Customer) { c.Users = []string{""} }},
	})
}

func TestInterestedPartyValidate(t *testing.T) {
	runValidate57(t, validInterestedParty, []vcase57[*InterestedParty]{
		{"role", ErrRequired, func(p *InterestedParty) { p.Role = "" }},
		{"interest", ErrRequired, func(p *InterestedParty) { p.Interest = "" }},
	})
}

func TestServiceReviewValidate(t *testing.T) {
	runValidate57(t, validServiceReview, []vcase57[*ServiceReview]{
		{"customer", ErrRequired, func(r *ServiceReview) { r.Customer = ID{} }},
		{"held", ErrRequired, func(r *ServiceReview) { r.Held = zeroTime57 }},
		{"participants", ErrRequired, func(r *ServiceReview) { r.Participants = nil }},
		{"participants[1]", ErrRequired, func(r *ServiceReview) { r.Participants[1] = "" }},
		{"intervalMonths", ErrRequired, func(r *ServiceReview) { r.IntervalMonths = 0 }},
		{"intervalMonths", ErrInvalidValue, func(r *ServiceReview) { r.IntervalMonths = 13 }},
		{"intervalMonths", ErrInvalidValue, func(r *ServiceReview) { r.IntervalMonths = -1 }},
		{"findings[0]", ErrRequired, func(r *ServiceReview) { r.Findings[0] = "" }},
		{"actions[0]", ErrRequired, func(r *ServiceReview) { r.Actions = []string{""} }},
	})
}

func TestServiceReviewNextDue(t *testing.T) {
	held := time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		months int
		want   time.Time
	}{
		{6, time.Date(2026, 7, 31, 10, 0, 0, 0, time.UTC)},
		{12, time.Date(2027, 1, 31, 10, 0, 0, 0, time.UTC)},
		{0, time.Date(2027, 1, 31, 10, 0, 0, 0, time.UTC)},  // unset: at most a year
		{24, time.Date(2027, 1, 31, 10, 0, 0, 0, time.UTC)}, // too long: capped at a year
	}
	for _, c := range cases {
		r := validServiceReview()
		r.Held, r.IntervalMonths = held, c.months
		assert.Equal(t, c.want, r.NextDue(), "interval %d", c.months)
	}
	// A day the target month lacks falls back to its last day.
	ends := []struct {
		held   time.Time
		months int
		want   time.Time
	}{
		{held, 1, time.Date(2026, 2, 28, 10, 0, 0, 0, time.UTC)},
		{time.Date(2028, 2, 29, 8, 0, 0, 0, time.UTC), 12, time.Date(2029, 2, 28, 8, 0, 0, 0, time.UTC)},
		{time.Date(2026, 8, 31, 8, 0, 0, 0, time.UTC), 6, time.Date(2027, 2, 28, 8, 0, 0, 0, time.UTC)},
	}
	for _, c := range ends {
		r := validServiceReview()
		r.Held, r.IntervalMonths = c.held, c.months
		assert.Equal(t, c.want, r.NextDue(), "%s plus %d months", c.held.Format(time.DateOnly), c.months)
	}
	r := validServiceReview()
	require.NoError(t, r.Link(clerk57, at57(1), LinkRaised, NewID(), KindRequestForChange))
	require.NoError(t, r.Link(clerk57, at57(1), LinkAbout, NewID(), KindServiceReport))
	require.NoError(t, r.Validate())
}

func TestComplaintValidate(t *testing.T) {
	runValidate57(t, validComplaint, []vcase57[*Complaint]{
		{"status", ErrInvalidValue, func(c *Complaint) { c.Status = "open" }},
		{"customer", ErrRequired, func(c *Complaint) { c.Customer = ID{} }},
		{"complainant", ErrRequired, func(c *Complaint) { c.Complainant = "" }},
		{"description", ErrRequired, func(c *Complaint) { c.Description = "" }},
		{"received", ErrRequired, func(c *Complaint) { c.Received = zeroTime57 }},
		{"due", ErrRequired, func(c *Complaint) { c.Due = zeroTime57 }},
		{"due", ErrInvalidValue, func(c *Complaint) { c.Due = c.Received.Add(-1) }},
		{"findings", ErrRequired, func(c *Complaint) { c.Status = string(ComplaintActioned) }},
		{"actions", ErrRequired, func(c *Complaint) { c.Status = string(ComplaintActioned) }},
		{"reportedTo", ErrRequired, func(c *Complaint) {
			c.Status, c.Findings, c.Actions = string(ComplaintReported), "slow disks", []string{"new disks"}
		}},
		{"resolution", ErrRequired, func(c *Complaint) {
			c.Status, c.Findings, c.Actions, c.ReportedTo = string(ComplaintClosed), "slow disks", []string{"new disks"}, []string{"CIO"}
		}},
		{"reportedTo", ErrRequired, func(c *Complaint) {
			c.Status, c.Findings, c.Actions, c.Resolution = string(ComplaintClosed), "slow disks", []string{"new disks"}, "fixed"
		}},
		{"escalations[0].to", ErrRequired, func(c *Complaint) { c.Escalations = []ComplaintEscalation{{At: at57(1), By: "x"}} }},
		{"escalations[0].by", ErrRequired, func(c *Complaint) { c.Escalations = []ComplaintEscalation{{At: at57(1), To: "x"}} }},
		{"escalations[0].at", ErrRequired, func(c *Complaint) { c.Escalations = []ComplaintEscalation{{By: "x", To: "y"}} }},
		{"escalations[0].at", ErrInvalidValue, func(c *Complaint) { c.Escalations = []ComplaintEscalation{{At: c.Due, By: "x", To: "y"}} }},
	})
}

func TestComplaintLifecycle(t *testing.T) {
	rm := actor57("rita", RoleRelationshipManager)
	t.Run("with report", func(t *testing.T) {
		c := validComplaint()
		require.NoError(t, c.Link(clerk57, at57(0), LinkAbout, NewID(), KindIncident))
		require.NoError(t, c.Investigate(rm, at57(1), ""))
		require.NoError(t, c.Act(rm, at57(2), "slow disks", []string{"new disks"}))
		require.NoError(t, c.Report(rm, at57(3), []string{"customer CIO"}, ""))
		require.NoError(t, c.Close(rm, at57(4), "fixed and accepted"))
		assert.Equal(t, ComplaintClosed, c.State())
		require.NoError(t, c.Validate())
	})
	acted := func(st ComplaintState) *Complaint {
		c := validComplaint()
		c.Status, c.Findings, c.Actions = string(st), "slow disks", []string{"new disks"}
		if st == ComplaintReported || st == ComplaintClosed {
			c.ReportedTo = []string{"CIO"}
		}
		return c
	}
	cases := []struct {
		name  string
		state ComplaintState
		want  error
		move  func(*Complaint) error
	}{
		{"investigate needs relationship manager", ComplaintRecorded, ErrForbidden, func(c *Complaint) error { return c.Investigate(clerk57, at57(1), "") }},
		{"act before investigating", ComplaintRecorded, ErrInvalidTransition, func(c *Complaint) error { return c.Act(rm, at57(1), "x", []string{"y"}) }},
		{"act without findings", ComplaintInvestigating, ErrPrecondition, func(c *Complaint) error { return c.Act(rm, at57(1), "", []string{"y"}) }},
		{"act without actions", ComplaintInvestigating, ErrPrecondition, func(c *Complaint) error { return c.Act(rm, at57(1), "x", nil) }},
		{"act needs relationship manager", ComplaintInvestigating, ErrForbidden, func(c *Complaint) error { return c.Act(clerk57, at57(1), "x", []string{"y"}) }},
		{"report to nobody", ComplaintActioned, ErrPrecondition, func(c *Complaint) error { return c.Report(rm, at57(1), nil, "") }},
		{"report to a blank", ComplaintActioned, ErrPrecondition, func(c *Complaint) error { return c.Report(rm, at57(1), []string{" "}, "") }},
		{"act with blank findings", ComplaintInvestigating, ErrRequired, func(c *Complaint) error { return c.Act(rm, at57(1), " ", []string{"y"}) }},
		{"report before acting", ComplaintInvestigating, ErrInvalidTransition, func(c *Complaint) error { return c.Report(rm, at57(1), []string{"CIO"}, "") }},
		{"close while investigating", ComplaintInvestigating, ErrInvalidTransition, func(c *Complaint) error { return c.Close(rm, at57(1), "x") }},
		{"close before reporting", ComplaintActioned, ErrInvalidTransition, func(c *Complaint) error { return c.Close(rm, at57(1), "x") }},
		{"close without resolution", ComplaintReported, ErrPrecondition, func(c *Complaint) error { return c.Close(rm, at57(1), "") }},
		{"close with a blank resolution", ComplaintReported, ErrRequired, func(c *Complaint) error { return c.Close(rm, at57(1), " ") }},
		{"close needs relationship manager", ComplaintReported, ErrForbidden, func(c *Complaint) error { return c.Close(clerk57, at57(1), "x") }},
		{"nothing after closed", ComplaintClosed, ErrInvalidTransition, func(c *Complaint) error { return c.Investigate(rm, at57(1), "") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := acted(c.state)
			if c.state == ComplaintClosed {
				r.Resolution = "done"
			}
			transition57(t, r, c.want, c.move)
		})
	}
}

func TestComplaintEscalation(t *testing.T) {
	c := validComplaint() // due at57(120)
	assert.False(t, c.Overdue(at57(120)))
	assert.True(t, c.Overdue(at57(121)))
	refuse57(t, c, ErrPrecondition, func(c *Complaint) error { return c.Escalate(clerk57, at57(100), "head of service", "") })
	refuse57(t, c, ErrRequired, func(c *Complaint) error { return c.Escalate(clerk57, at57(121), "", "") })
	refuse57(t, c, ErrRequired, func(c *Complaint) error { return c.Escalate(Actor{}, at57(121), "boss", "") })
	refuse57(t, c, ErrInvalidValue, func(c *Complaint) error { return c.Escalate(clerk57, t57.Add(-1), "boss", "") })
	require.NoError(t, c.Escalate(clerk57, at57(121), "head of service", "past due"))
	require.NoError(t, c.Escalate(clerk57, at57(150), "director", "still open"))
	require.Len(t, c.Escalations, 2)
	assert.Equal(t, ComplaintEscalation{At: at57(150), By: "clerk", To: "director", Note: "still open"}, c.Escalations[1])
	assert.Equal(t, ComplaintRecorded, c.State(), "escalation keeps the state")
	require.NoError(t, c.Validate())

	c.Status, c.Findings, c.Actions, c.ReportedTo, c.Resolution = string(ComplaintClosed), "x", []string{"y"}, []string{"CIO"}, "z"
	assert.False(t, c.Overdue(at57(200)), "a closed complaint is never overdue")
	refuse57(t, c, ErrPrecondition, func(c *Complaint) error { return c.Escalate(clerk57, at57(200), "boss", "") })
}

func TestSatisfactionSurveyValidate(t *testing.T) {
	runValidate57(t, validSatisfactionSurvey, []vcase57[*SatisfactionSurvey]{
		{"conducted", ErrRequired, func(s *SatisfactionSurvey) { s.Conducted = zeroTime57 }},
		{"sample.size", ErrRequired, func(s *SatisfactionSurvey) { s.Sample.Size = 0 }},
		{"sample.size", ErrInvalidValue, func(s *SatisfactionSurvey) { s.Sample.Size = -3 }},
		{"sample.size", ErrInvalidValue, func(s *SatisfactionSurvey) { s.Sample.Size = 401 }},
		{"sample.population", ErrRequired, func(s *SatisfactionSurvey) { s.Sample.Population = 0 }},
		{"sample.population", ErrInvalidValue, func(s *SatisfactionSurvey) { s.Sample.Population = -1 }},
		{"sample.method", ErrRequired, func(s *SatisfactionSurvey) { s.Sample.Method = "" }},
		{"results", ErrRequired, func(s *SatisfactionSurvey) { s.Results = nil }},
		{"results[0].question", ErrRequired, func(s *SatisfactionSurvey) { s.Results[0].Question = "" }},
		{"results[0].scale", ErrInvalidValue, func(s *SatisfactionSurvey) { s.Results[0].Scale = decimal.Zero }},
		{"results[0].score", ErrInvalidValue, func(s *SatisfactionSurvey) { s.Results[0].Score = decimal.NewFromInt(6) }},
		{"results[0].score", ErrInvalidValue, func(s *SatisfactionSurvey) { s.Results[0].Score = decimal.NewFromInt(-1) }},
		{"analysis", ErrRequired, func(s *SatisfactionSurvey) { s.Analysis = "" }},
	})
}
