package process

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCustomerValidate(t *testing.T) {
	testValidate(t, newCustomer, append(headerCases[*Customer](), []vcase[*Customer]{
		{"no relationshipOwner", func(c *Customer) { c.RelationshipOwner = "" }, "relationshipOwner", ErrRequired},
		{"no contacts[0]", func(c *Customer) { c.Contacts[0] = "" }, "contacts[0]", ErrRequired},
		{"no contacts[0]", func(c *Customer) { c.Contacts[0] = " \t" }, "contacts[0]", ErrRequired},
		{"no users[0]", func(c *Customer) { c.Users = []string{""} }, "users[0]", ErrRequired},
	}...))
}

func TestInterestedPartyValidate(t *testing.T) {
	testValidate(t, newInterestedParty, append(headerCases[*InterestedParty](), []vcase[*InterestedParty]{
		{"no role", func(p *InterestedParty) { p.Role = "" }, "role", ErrRequired},
		{"no interest", func(p *InterestedParty) { p.Interest = "" }, "interest", ErrRequired},
	}...))
}

func TestServiceReviewValidate(t *testing.T) {
	testValidate(t, newServiceReview, append(headerCases[*ServiceReview](), []vcase[*ServiceReview]{
		{"no customer", func(r *ServiceReview) { r.Customer = ID{} }, "customer", ErrRequired},
		{"no held", func(r *ServiceReview) { r.Held = time.Time{} }, "held", ErrRequired},
		{"no participants", func(r *ServiceReview) { r.Participants = nil }, "participants", ErrRequired},
		{"no participants[1]", func(r *ServiceReview) { r.Participants[1] = "" }, "participants[1]", ErrRequired},
		{"no intervalMonths", func(r *ServiceReview) { r.IntervalMonths = 0 }, "intervalMonths", ErrRequired},
		{"bad intervalMonths", func(r *ServiceReview) { r.IntervalMonths = 13 }, "intervalMonths", ErrInvalidValue},
		{"bad intervalMonths", func(r *ServiceReview) { r.IntervalMonths = -1 }, "intervalMonths", ErrInvalidValue},
		{"no findings[0]", func(r *ServiceReview) { r.Findings[0] = "" }, "findings[0]", ErrRequired},
		{"no actions[0]", func(r *ServiceReview) { r.Actions = []string{""} }, "actions[0]", ErrRequired},
	}...))
}

func TestServiceReviewNextDue(t *testing.T) {
	// The dates are given in an explicit zone, UTC: NextDue adds calendar
	// months in the zone of Held, and assert.Equal compares zones too.
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
		r := newServiceReview(t)
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
		r := newServiceReview(t)
		r.Held, r.IntervalMonths = c.held, c.months
		assert.Equal(t, c.want, r.NextDue(), "%s plus %d months", c.held.Format(time.DateOnly), c.months)
	}
	r := newServiceReview(t)
	require.NoError(t, r.Link(nobody, atHour(1), LinkRaised, NewID(), KindRequestForChange))
	require.NoError(t, r.Link(nobody, atHour(1), LinkAbout, NewID(), KindServiceReport))
	require.NoError(t, r.Validate())
}

func TestComplaintValidate(t *testing.T) {
	testValidate(t, newComplaint, append(headerCases[*Complaint](), []vcase[*Complaint]{
		{"bad status", func(c *Complaint) { c.Status = "open" }, "status", ErrInvalidValue},
		{"no customer", func(c *Complaint) { c.Customer = ID{} }, "customer", ErrRequired},
		{"no complainant", func(c *Complaint) { c.Complainant = "" }, "complainant", ErrRequired},
		{"no description", func(c *Complaint) { c.Description = "" }, "description", ErrRequired},
		{"no received", func(c *Complaint) { c.Received = time.Time{} }, "received", ErrRequired},
		{"no due", func(c *Complaint) { c.Due = time.Time{} }, "due", ErrRequired},
		{"bad due", func(c *Complaint) { c.Due = c.Received.Add(-1) }, "due", ErrInvalidValue},
		{"no findings", func(c *Complaint) { c.Status = string(ComplaintActioned) }, "findings", ErrRequired},
		{"no actions", func(c *Complaint) { c.Status = string(ComplaintActioned) }, "actions", ErrRequired},
		{"no reportedTo", func(c *Complaint) {
			c.Status, c.Findings, c.Actions = string(ComplaintReported), "slow disks", []string{"new disks"}
		}, "reportedTo", ErrRequired},
		{"no resolution", func(c *Complaint) {
			c.Status, c.Findings, c.Actions, c.ReportedTo = string(ComplaintClosed), "slow disks", []string{"new disks"}, []string{"CIO"}
		}, "resolution", ErrRequired},
		{"no reportedTo", func(c *Complaint) {
			c.Status, c.Findings, c.Actions, c.Resolution = string(ComplaintClosed), "slow disks", []string{"new disks"}, "fixed"
		}, "reportedTo", ErrRequired},
		{"no escalations[0].to", func(c *Complaint) { c.Escalations = []ComplaintEscalation{{At: atHour(1), By: "x"}} }, "escalations[0].to", ErrRequired},
		{"no escalations[0].by", func(c *Complaint) { c.Escalations = []ComplaintEscalation{{At: atHour(1), To: "x"}} }, "escalations[0].by", ErrRequired},
		{"no escalations[0].at", func(c *Complaint) { c.Escalations = []ComplaintEscalation{{By: "x", To: "y"}} }, "escalations[0].at", ErrRequired},
		{"bad escalations[0].at", func(c *Complaint) { c.Escalations = []ComplaintEscalation{{At: c.Due, By: "x", To: "y"}} }, "escalations[0].at", ErrInvalidValue},
	}...))
}

func TestComplaintLifecycle(t *testing.T) {
	t.Run("with report", func(t *testing.T) {
		c := newComplaint(t)
		require.NoError(t, c.Link(nobody, atHour(0), LinkAbout, NewID(), KindIncident))
		require.NoError(t, c.Investigate(brm, atHour(1), ""))
		require.NoError(t, c.Act(brm, atHour(2), "slow disks", []string{"new disks"}))
		require.NoError(t, c.Report(brm, atHour(3), []string{"customer CIO"}, ""))
		require.NoError(t, c.Close(brm, atHour(4), "fixed and accepted"))
		assert.Equal(t, ComplaintClosed, c.State())
		require.NoError(t, c.Validate())
	})
	acted := func(st ComplaintState) *Complaint {
		c := newComplaint(t)
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
		{"investigate needs relationship manager", ComplaintRecorded, ErrForbidden, func(c *Complaint) error { return c.Investigate(nobody, atHour(1), "") }},
		{"act before investigating", ComplaintRecorded, ErrInvalidTransition, func(c *Complaint) error { return c.Act(brm, atHour(1), "x", []string{"y"}) }},
		{"act without findings", ComplaintInvestigating, ErrPrecondition, func(c *Complaint) error { return c.Act(brm, atHour(1), "", []string{"y"}) }},
		{"act without actions", ComplaintInvestigating, ErrPrecondition, func(c *Complaint) error { return c.Act(brm, atHour(1), "x", nil) }},
		{"act needs relationship manager", ComplaintInvestigating, ErrForbidden, func(c *Complaint) error { return c.Act(nobody, atHour(1), "x", []string{"y"}) }},
		{"report to nobody", ComplaintActioned, ErrPrecondition, func(c *Complaint) error { return c.Report(brm, atHour(1), nil, "") }},
		{"report to a blank", ComplaintActioned, ErrPrecondition, func(c *Complaint) error { return c.Report(brm, atHour(1), []string{" "}, "") }},
		{"act with blank findings", ComplaintInvestigating, ErrRequired, func(c *Complaint) error { return c.Act(brm, atHour(1), " ", []string{"y"}) }},
		{"report before acting", ComplaintInvestigating, ErrInvalidTransition, func(c *Complaint) error { return c.Report(brm, atHour(1), []string{"CIO"}, "") }},
		{"close while investigating", ComplaintInvestigating, ErrInvalidTransition, func(c *Complaint) error { return c.Close(brm, atHour(1), "x") }},
		{"close before reporting", ComplaintActioned, ErrInvalidTransition, func(c *Complaint) error { return c.Close(brm, atHour(1), "x") }},
		{"close without resolution", ComplaintReported, ErrPrecondition, func(c *Complaint) error { return c.Close(brm, atHour(1), "") }},
		{"close with a blank resolution", ComplaintReported, ErrRequired, func(c *Complaint) error { return c.Close(brm, atHour(1), " ") }},
		{"close needs relationship manager", ComplaintReported, ErrForbidden, func(c *Complaint) error { return c.Close(nobody, atHour(1), "x") }},
		{"nothing after closed", ComplaintClosed, ErrInvalidTransition, func(c *Complaint) error { return c.Investigate(brm, atHour(1), "") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := acted(c.state)
			if c.state == ComplaintClosed {
				r.Resolution = "done"
			}
			refusedTransition(t, r, c.want, func() error { return c.move(r) })
		})
	}
}

func TestComplaintEscalation(t *testing.T) {
	c := newComplaint(t) // due atHour(120)
	assert.False(t, c.Overdue(atHour(120)))
	assert.True(t, c.Overdue(atHour(121)))
	refused(t, c, ErrPrecondition, func() error { return c.Escalate(nobody, atHour(100), "head of service", "") })
	refused(t, c, ErrRequired, func() error { return c.Escalate(nobody, atHour(121), "", "") })
	refused(t, c, ErrRequired, func() error { return c.Escalate(Actor{}, atHour(121), "boss", "") })
	refused(t, c, ErrInvalidValue, func() error { return c.Escalate(nobody, t0.Add(-1), "boss", "") })
	require.NoError(t, c.Escalate(nobody, atHour(121), "head of service", "past due"))
	require.NoError(t, c.Escalate(nobody, atHour(150), "director", "still open"))
	require.Len(t, c.Escalations, 2)
	assert.Equal(t, ComplaintEscalation{At: atHour(150), By: nobody.ID, To: "director", Note: "still open"}, c.Escalations[1])
	assert.Equal(t, ComplaintRecorded, c.State(), "escalation keeps the state")
	require.NoError(t, c.Validate())

	c.Status, c.Findings, c.Actions, c.ReportedTo, c.Resolution = string(ComplaintClosed), "x", []string{"y"}, []string{"CIO"}, "z"
	assert.False(t, c.Overdue(atHour(200)), "a closed complaint is never overdue")
	refused(t, c, ErrPrecondition, func() error { return c.Escalate(nobody, atHour(200), "boss", "") })
}

func TestSatisfactionSurveyValidate(t *testing.T) {
	testValidate(t, newSatisfactionSurvey, append(headerCases[*SatisfactionSurvey](), []vcase[*SatisfactionSurvey]{
		{"no conducted", func(s *SatisfactionSurvey) { s.Conducted = time.Time{} }, "conducted", ErrRequired},
		{"no sample.size", func(s *SatisfactionSurvey) { s.Sample.Size = 0 }, "sample.size", ErrRequired},
		{"bad sample.size", func(s *SatisfactionSurvey) { s.Sample.Size = -3 }, "sample.size", ErrInvalidValue},
		{"bad sample.size", func(s *SatisfactionSurvey) { s.Sample.Size = 401 }, "sample.size", ErrInvalidValue},
		{"no sample.population", func(s *SatisfactionSurvey) { s.Sample.Population = 0 }, "sample.population", ErrRequired},
		{"bad sample.population", func(s *SatisfactionSurvey) { s.Sample.Population = -1 }, "sample.population", ErrInvalidValue},
		{"no sample.method", func(s *SatisfactionSurvey) { s.Sample.Method = "" }, "sample.method", ErrRequired},
		{"no results", func(s *SatisfactionSurvey) { s.Results = nil }, "results", ErrRequired},
		{"no results[0].question", func(s *SatisfactionSurvey) { s.Results[0].Question = "" }, "results[0].question", ErrRequired},
		{"bad results[0].scale", func(s *SatisfactionSurvey) { s.Results[0].Scale = decimal.Zero }, "results[0].scale", ErrInvalidValue},
		{"bad results[0].score", func(s *SatisfactionSurvey) { s.Results[0].Score = decimal.NewFromInt(6) }, "results[0].score", ErrInvalidValue},
		{"bad results[0].score", func(s *SatisfactionSurvey) { s.Results[0].Score = decimal.NewFromInt(-1) }, "results[0].score", ErrInvalidValue},
		{"no analysis", func(s *SatisfactionSurvey) { s.Analysis = "" }, "analysis", ErrRequired},
	}...))
}
