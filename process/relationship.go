package process

import (
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// Customer is a customer of the services, with the named person who
// answers for the relationship and the customer's satisfaction
// (ISO/IEC 20000-1:2011, 7.1). The services it takes link with
// [LinkService].
type Customer struct {
	Header
	RelationshipOwner string   `json:"relationshipOwner"`
	Contacts          []string `json:"contacts,omitempty"`
	// Users names the user groups of the customer.
	Users []string `json:"users,omitempty"`
}

// NewCustomer records a customer and its relationship owner
// (ISO/IEC 20000-1:2011, 7.1).
func NewCustomer(name, owner string, by Actor, at time.Time) *Customer {
	return &Customer{Header: NewHeader(KindCustomer, name, by, at), RelationshipOwner: owner}
}

// Validate reports every field at fault: the relationship owner is
// required (ISO/IEC 20000-1:2011, 7.1).
func (c *Customer) Validate() error {
	v := ValidationError{Subject: c.Subject()}
	c.validate(&v, KindCustomer)
	v.Require("relationshipOwner", c.RelationshipOwner != "")
	v.CheckTexts("contacts", c.Contacts, false)
	v.CheckTexts("users", c.Users, false)
	return v.Err()
}

// InterestedParty is a party with an interest in the services other than
// a customer: a regulator, a user group, a partner (ISO/IEC 20000-1:2011,
// 7.1).
type InterestedParty struct {
	Header
	// Role says what the party is to the provider.
	Role     string `json:"role"`
	Interest string `json:"interest"`
	Contact  string `json:"contact,omitempty"`
}

// NewInterestedParty records an interested party (ISO/IEC 20000-1:2011,
// 7.1).
func NewInterestedParty(name, role, interest string, by Actor, at time.Time) *InterestedParty {
	return &InterestedParty{Header: NewHeader(KindInterestedParty, name, by, at), Role: role, Interest: interest}
}

// Validate reports every field at fault: role and interest are required
// (ISO/IEC 20000-1:2011, 7.1).
func (p *InterestedParty) Validate() error {
	v := ValidationError{Subject: p.Subject()}
	p.validate(&v, KindInterestedParty)
	v.Require("role", p.Role != "")
	v.Require("interest", p.Interest != "")
	return v.Err()
}

// MaxReviewMonths is the longest interval between two service reviews with
// a customer, or two reviews of a supplier: a year (ISO/IEC 20000-1:2011,
// 7.1, 7.2).
const MaxReviewMonths = 12

func checkInterval(v *ValidationError, months int) {
	switch {
	case months == 0:
		v.Add("intervalMonths", ErrRequired)
	case months < 0 || months > MaxReviewMonths:
		v.Addf("intervalMonths", ErrInvalidValue, "%d is not between 1 and %d", months, MaxReviewMonths)
	}
}

// nextDue returns held plus months, capped at a year. A day that the
// target month lacks falls back to that month's last day (31 January plus
// one month is 28 February, not 3 March), so that the interval is never
// stretched past the months planned.
func nextDue(held time.Time, months int) time.Time {
	if months <= 0 || months > MaxReviewMonths {
		months = MaxReviewMonths
	}
	y, m, d := held.Date()
	hh, mm, ss := held.Clock()
	first := time.Date(y, m+time.Month(months), 1, hh, mm, ss, held.Nanosecond(), held.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// ServiceReview is a review of the services with a customer, held at
// planned intervals of at most a year (ISO/IEC 20000-1:2011, 7.1). It links
// the reports and agreements it reviewed ([LinkAbout]) and the requests for
// change it raised ([LinkRaised]).
type ServiceReview struct {
	Header
	Customer     ID        `json:"customer"`
	Held         time.Time `json:"held"`
	Participants []string  `json:"participants"`
	// IntervalMonths is the planned interval to the next review, 1 to 12.
	IntervalMonths int      `json:"intervalMonths"`
	Findings       []string `json:"findings,omitempty"`
	Actions        []string `json:"actions,omitempty"`
}

// NewServiceReview records a review with customer held at held, the next
// due after intervalMonths (ISO/IEC 20000-1:2011, 7.1).
func NewServiceReview(title string, customer ID, held time.Time, intervalMonths int, by Actor, at time.Time) *ServiceReview {
	return &ServiceReview{Header: NewHeader(KindServiceReview, title, by, at), Customer: customer, Held: held, IntervalMonths: intervalMonths}
}

// Validate reports every field at fault: customer, date, participants and an
// interval of 1 to 12 months (ISO/IEC 20000-1:2011, 7.1).
func (r *ServiceReview) Validate() error {
	v := ValidationError{Subject: r.Subject()}
	r.validate(&v, KindServiceReview)
	v.Require("customer", !r.Customer.IsZero())
	v.Require("held", !r.Held.IsZero())
	v.CheckTexts("participants", r.Participants, true)
	checkInterval(&v, r.IntervalMonths)
	v.CheckTexts("findings", r.Findings, false)
	v.CheckTexts("actions", r.Actions, false)
	return v.Err()
}

// NextDue returns when the next review is due: the review date plus the
// planned interval, and never more than a year after it
// (ISO/IEC 20000-1:2011, 7.1).
func (r *ServiceReview) NextDue() time.Time { return nextDue(r.Held, r.IntervalMonths) }

// ComplaintState is a state of a service complaint (ISO/IEC 20000-1:2011,
// 7.1).
type ComplaintState string

// The states of a complaint (ISO/IEC 20000-1:2011, 7.1).
const (
	ComplaintRecorded      ComplaintState = "recorded"
	ComplaintInvestigating ComplaintState = "investigating"
	ComplaintActioned      ComplaintState = "actioned" // findings and actions recorded
	ComplaintReported      ComplaintState = "reported" // the outcome reported to the complainant
	ComplaintClosed        ComplaintState = "closed"
)

// String returns the state's code.
func (s ComplaintState) String() string { return string(s) }

// Valid reports whether s is a state of the complaint lifecycle.
func (s ComplaintState) Valid() bool { return complaintLifecycle.Valid(s) }

var complaintLifecycle = MustLifecycle(KindComplaint, ComplaintRecorded,
	[]ComplaintState{ComplaintRecorded, ComplaintInvestigating, ComplaintActioned, ComplaintReported, ComplaintClosed},
	[]ComplaintState{ComplaintClosed},
	[]Move[ComplaintState]{
		{From: []ComplaintState{ComplaintRecorded}, To: ComplaintInvestigating, Role: RoleRelationshipManager},
		{From: []ComplaintState{ComplaintInvestigating}, To: ComplaintActioned, Role: RoleRelationshipManager},
		{From: []ComplaintState{ComplaintActioned}, To: ComplaintReported, Role: RoleRelationshipManager},
		{From: []ComplaintState{ComplaintReported}, To: ComplaintClosed, Role: RoleRelationshipManager},
	})

// Lifecycle returns the lifecycle of complaints: recorded,
// investigating, actioned, reported, closed, each step in turn since 7.1
// asks that every complaint be reported before it is closed; every move
// needs a relationship manager (ISO/IEC 20000-1:2011, 7.1).
// The receiver is not read: a nil *Complaint gives the same lifecycle.
func (*Complaint) Lifecycle() *Lifecycle[ComplaintState] { return complaintLifecycle }

// ComplaintEscalation is one escalation of a complaint not resolved by its
// due date: when, by whom, to whom (ISO/IEC 20000-1:2011, 7.1).
type ComplaintEscalation struct {
	At   time.Time `json:"at"`
	By   string    `json:"by"`
	To   string    `json:"to"`
	Note string    `json:"note,omitempty"`
}

// MarshalText encodes the complaint state by the module's rule for enumerations
// ([MarshalEnum]): its code, or nothing when unset.
func (s ComplaintState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known code or "" (unset) and refuses any other
// value ([UnmarshalEnum]).
func (s *ComplaintState) UnmarshalText(b []byte) error { return UnmarshalEnum(s, b) }

// Complaint is a service complaint from a customer: recorded, investigated,
// acted on, reported and closed, and escalated when not resolved by its due
// date (ISO/IEC 20000-1:2011, 7.1). A complaint about an incident links it
// ([LinkAbout]); complaints are reported in service reports
// ([LinkReportedIn]).
type Complaint struct {
	Header
	Customer    ID        `json:"customer"`
	Complainant string    `json:"complainant"`
	Received    time.Time `json:"received"`
	// Due is when the complaint should be closed; past it, the complaint
	// is overdue and may be escalated.
	Due         time.Time `json:"due"`
	Description string    `json:"description"`
	// Findings and Actions are set by [Complaint.Act].
	Findings string   `json:"findings,omitempty"`
	Actions  []string `json:"actions,omitempty"`
	// ReportedTo is set by [Complaint.Report].
	ReportedTo []string `json:"reportedTo,omitempty"`
	// Resolution is set by [Complaint.Close].
	Resolution  string                `json:"resolution,omitempty"`
	Escalations []ComplaintEscalation `json:"escalations,omitempty"`
}

// NewComplaint records a complaint received at received and due to close
// by due (ISO/IEC 20000-1:2011, 7.1).
func NewComplaint(title string, customer ID, complainant, description string, received, due time.Time, by Actor, at time.Time) *Complaint {
	c := &Complaint{Header: NewHeader(KindComplaint, title, by, at), Customer: customer, Complainant: complainant, Description: description, Received: received, Due: due}
	complaintLifecycle.Start(&c.Header)
	return c
}

// State returns the complaint's lifecycle state.
func (c *Complaint) State() ComplaintState { return ComplaintState(c.Status) }

// Validate reports every field at fault: customer, complainant,
// description, received and due dates (due not before received); from
// actioned on the findings and actions, from reported on the audience, once
// closed the resolution; each escalation past the due date, as
// [Complaint.Escalate] makes them (ISO/IEC 20000-1:2011, 7.1).
func (c *Complaint) Validate() error {
	v := ValidationError{Subject: c.Subject()}
	c.validate(&v, KindComplaint)
	complaintLifecycle.ValidateState(&c.Header, &v)
	v.Require("customer", !c.Customer.IsZero())
	v.Require("complainant", c.Complainant != "")
	v.Require("description", c.Description != "")
	v.Require("received", !c.Received.IsZero())
	v.Require("due", !c.Due.IsZero())
	checkNotBefore(&v, "due", c.Due, c.Received, "received")
	switch st := c.State(); st {
	case ComplaintActioned, ComplaintReported, ComplaintClosed:
		v.Require("findings", c.Findings != "")
		v.CheckTexts("actions", c.Actions, true)
		if st != ComplaintActioned {
			v.CheckTexts("reportedTo", c.ReportedTo, true)
		}
		if st == ComplaintClosed {
			v.Require("resolution", c.Resolution != "")
		}
	}
	for i, e := range c.Escalations {
		p := fmt.Sprintf("escalations[%d]", i)
		v.Require(p+".at", !e.At.IsZero())
		if !e.At.IsZero() && !c.Due.IsZero() && !e.At.After(c.Due) {
			v.Addf(p+".at", ErrInvalidValue, "not past the due date %s", c.Due.Format(time.RFC3339))
		}
		v.Require(p+".by", e.By != "")
		v.Require(p+".to", e.To != "")
	}
	return v.Err()
}

// Investigate starts the investigation of a recorded complaint
// (ISO/IEC 20000-1:2011, 7.1).
func (c *Complaint) Investigate(by Actor, at time.Time, note string) error {
	return complaintLifecycle.apply(&c.Header, ComplaintInvestigating, by, at, note, nil)
}

// Act records the findings of the investigation and the actions taken;
// both are required (ISO/IEC 20000-1:2011, 7.1).
func (c *Complaint) Act(by Actor, at time.Time, findings string, actions []string) error {
	err := complaintLifecycle.apply(&c.Header, ComplaintActioned, by, at, findings, func() error {
		return requireOutcome(findings, actions)
	})
	if err == nil {
		c.Findings, c.Actions = findings, slices.Clone(actions)
	}
	return err
}

// Report records to whom the outcome of the complaint was reported
// (ISO/IEC 20000-1:2011, 7.1).
func (c *Complaint) Report(by Actor, at time.Time, to []string, note string) error {
	err := complaintLifecycle.apply(&c.Header, ComplaintReported, by, at, note, func() error {
		return requireTexts("reportedTo", to)
	})
	if err == nil {
		c.ReportedTo = slices.Clone(to)
	}
	return err
}

// Close closes a reported complaint with its resolution, which is required
// (ISO/IEC 20000-1:2011, 7.1).
func (c *Complaint) Close(by Actor, at time.Time, resolution string) error {
	err := complaintLifecycle.apply(&c.Header, ComplaintClosed, by, at, resolution, func() error {
		if blank(resolution) {
			return missing("resolution")
		}
		return nil
	})
	if err == nil {
		c.Resolution = resolution
	}
	return err
}

// Overdue reports whether the complaint is still open after its due date
// at time at (ISO/IEC 20000-1:2011, 7.1).
func (c *Complaint) Overdue(at time.Time) bool {
	return c.State() != ComplaintClosed && !c.Due.IsZero() && at.After(c.Due)
}

// Escalate records the escalation of an overdue complaint to to, keeping
// its state (ISO/IEC 20000-1:2011, 7.1). It refuses, changing nothing, a
// complaint not overdue at at ([ErrPrecondition]), a missing target
// ([ErrRequired]), and a missing actor or a time before the last history
// entry.
func (c *Complaint) Escalate(by Actor, at time.Time, to string, note string) error {
	if err := c.CheckEvent(by, at); err != nil {
		return err
	}
	if to == "" {
		return fmt.Errorf("process: %s: escalate: to: %w", c.Subject(), ErrRequired)
	}
	if !c.Overdue(at) {
		return fmt.Errorf("process: %s: escalate: not overdue at %s (state %s, due %s): %w",
			c.Subject(), at.Format(time.RFC3339), c.Status, c.Due.Format(time.RFC3339), ErrPrecondition)
	}
	c.Escalations = append(slices.Clip(c.Escalations), ComplaintEscalation{At: at, By: by.ID, To: to, Note: note})
	c.append(Event{At: at, Actor: by.ID, Action: ActionNoted, Field: "escalations", To: to, Note: note})
	return nil
}

// requireOutcome is the precondition of acting on a complaint or a
// dispute: the findings of the investigation and the actions taken.
func requireOutcome(findings string, actions []string) error {
	if blank(findings) {
		return missing("findings")
	}
	return requireTexts("actions", actions)
}

// SurveySample is the sample a satisfaction survey asked: how many could
// have answered, how many did and how they were chosen, so that it can be
// judged representative (ISO/IEC 20000-1:2011, 7.1).
type SurveySample struct {
	Population int    `json:"population"`
	Size       int    `json:"size"`
	Method     string `json:"method"`
}

// SurveyResult is the result of one question of a satisfaction survey: the
// mean score on a scale from 0 to Scale (ISO/IEC 20000-1:2011, 7.1). Score
// and Scale are held to the limits on untrusted numbers ([MaxDigits],
// [MaxExponent]).
type SurveyResult struct {
	Question string          `json:"question"`
	Score    decimal.Decimal `json:"score"`
	Scale    decimal.Decimal `json:"scale"`
}

// SatisfactionSurvey is a measurement of customer satisfaction at a planned
// interval on a sample, with results and their analysis
// (ISO/IEC 20000-1:2011, 7.1). It is reported in service reports
// ([LinkReportedIn]).
type SatisfactionSurvey struct {
	Header
	Customer  ID             `json:"customer,omitzero"`
	Conducted time.Time      `json:"conducted"`
	Sample    SurveySample   `json:"sample"`
	Results   []SurveyResult `json:"results"`
	Analysis  string         `json:"analysis"`
}

// NewSatisfactionSurvey starts a survey conducted at conducted on sample
// (ISO/IEC 20000-1:2011, 7.1).
func NewSatisfactionSurvey(title string, conducted time.Time, sample SurveySample, by Actor, at time.Time) *SatisfactionSurvey {
	return &SatisfactionSurvey{Header: NewHeader(KindSatisfactionSurvey, title, by, at), Conducted: conducted, Sample: sample}
}

// Validate reports every field at fault: the date, a sample of at least one
// respondent and no more than the population with its method, at least one
// result with a score within its positive scale (both within the limits on
// untrusted numbers, [MaxDigits] and [MaxExponent]), and the analysis
// (ISO/IEC 20000-1:2011, 7.1).
func (s *SatisfactionSurvey) Validate() error {
	v := ValidationError{Subject: s.Subject()}
	s.validate(&v, KindSatisfactionSurvey)
	v.Require("conducted", !s.Conducted.IsZero())
	switch {
	case s.Sample.Size == 0:
		v.Add("sample.size", ErrRequired)
	case s.Sample.Size < 0:
		v.Addf("sample.size", ErrInvalidValue, "%d is negative", s.Sample.Size)
	case s.Sample.Population > 0 && s.Sample.Size > s.Sample.Population:
		v.Addf("sample.size", ErrInvalidValue, "%d is more than the population %d", s.Sample.Size, s.Sample.Population)
	}
	switch {
	case s.Sample.Population == 0:
		v.Add("sample.population", ErrRequired)
	case s.Sample.Population < 0:
		v.Addf("sample.population", ErrInvalidValue, "%d is negative", s.Sample.Population)
	}
	v.Require("sample.method", s.Sample.Method != "")
	v.Require("results", len(s.Results) > 0)
	for i, r := range s.Results {
		p := fmt.Sprintf("results[%d]", i)
		v.Require(p+".question", r.Question != "")
		scaleOK, scoreOK := v.Decimal(p+".scale", r.Scale), v.Decimal(p+".score", r.Score)
		if !scaleOK || !scoreOK {
			continue // past the limits: neither compared nor printed
		}
		if !r.Scale.IsPositive() {
			v.Addf(p+".scale", ErrInvalidValue, "%s is not positive", r.Scale)
		}
		if r.Score.IsNegative() || r.Score.GreaterThan(r.Scale) {
			v.Addf(p+".score", ErrInvalidValue, "%s is outside 0 to %s", r.Score, r.Scale)
		}
	}
	v.Require("analysis", s.Analysis != "")
	return v.Err()
}
