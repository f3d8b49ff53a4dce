package process

import (
	"fmt"
	"slices"
	"time"
)

// ReportFrequency is how often a service report is produced
// (ISO/IEC 20000-1:2011, 6.2). The zero ReportFrequency is unset.
type ReportFrequency string

// The frequencies of service reports (ISO/IEC 20000-1:2011, 6.2).
const (
	ReportDaily     ReportFrequency = "daily"
	ReportWeekly    ReportFrequency = "weekly"
	ReportMonthly   ReportFrequency = "monthly"
	ReportQuarterly ReportFrequency = "quarterly"
	ReportYearly    ReportFrequency = "yearly"
	ReportOnDemand  ReportFrequency = "on-demand"
)

// Valid reports whether f is one of the frequencies above.
func (f ReportFrequency) Valid() bool {
	switch f {
	case ReportDaily, ReportWeekly, ReportMonthly, ReportQuarterly, ReportYearly, ReportOnDemand:
		return true
	}
	return false
}

// String returns the frequency's code.
func (f ReportFrequency) String() string { return string(f) }

// MarshalText encodes a known or unset frequency; any other is an error.
func (f ReportFrequency) MarshalText() ([]byte, error) { return MarshalEnum(f) }

// UnmarshalText decodes a known or unset frequency; any other is an error.
func (f *ReportFrequency) UnmarshalText(b []byte) error {
	return UnmarshalEnum(f, b)
}

// ReportDefinition describes a service report: its identity, purpose,
// audience, frequency and the sources of its data (ISO/IEC 20000-1:2011,
// 6.2). Its identity is the header's ID and title plus Reference, the code
// readers know it by.
type ReportDefinition struct {
	Header
	Reference string          `json:"reference"`
	Purpose   string          `json:"purpose"`
	Audience  []string        `json:"audience"`
	Frequency ReportFrequency `json:"frequency"`
	Sources   []string        `json:"sources"`
}

// NewReportDefinition starts a report definition (ISO/IEC 20000-1:2011,
// 6.2).
func NewReportDefinition(title, reference, purpose string, frequency ReportFrequency, by Actor, at time.Time) *ReportDefinition {
	return &ReportDefinition{Header: NewHeader(KindReportDefinition, title, by, at), Reference: reference, Purpose: purpose, Frequency: frequency}
}

// Validate reports every item of the description missing
// (ISO/IEC 20000-1:2011, 6.2).
func (d *ReportDefinition) Validate() error {
	v := ValidationError{Subject: d.Subject()}
	d.validate(&v, KindReportDefinition)
	v.Require("reference", d.Reference != "")
	v.Require("purpose", d.Purpose != "")
	v.CheckTexts("audience", d.Audience, true)
	CheckEnum(&v, "frequency", d.Frequency)
	v.CheckTexts("sources", d.Sources, true)
	return v.Err()
}

// ReportTopic is what a section of a service report covers
// (ISO/IEC 20000-1:2011, 6.2). The zero ReportTopic is unset.
type ReportTopic string

// The topics of service report sections (ISO/IEC 20000-1:2011, 6.2).
const (
	TopicPerformance       ReportTopic = "performance"        // performance against service targets
	TopicSignificantEvents ReportTopic = "significant-events" // major incidents, deployments, continuity invocations
	TopicWorkload          ReportTopic = "workload"           // volumes and periodic changes
	TopicNonconformities   ReportTopic = "nonconformities"    // against the SMS and the SLAs
	TopicTrends            ReportTopic = "trends"
	TopicSatisfaction      ReportTopic = "satisfaction" // satisfaction, complaints and their analysis
	TopicOther             ReportTopic = "other"
)

// Valid reports whether t is one of the topics above.
func (t ReportTopic) Valid() bool {
	switch t {
	case TopicPerformance, TopicSignificantEvents, TopicWorkload, TopicNonconformities, TopicTrends, TopicSatisfaction, TopicOther:
		return true
	}
	return false
}

// String returns the topic's code.
func (t ReportTopic) String() string { return string(t) }

// MarshalText encodes a known or unset topic; any other is an error.
func (t ReportTopic) MarshalText() ([]byte, error) { return MarshalEnum(t) }

// UnmarshalText decodes a known or unset topic; any other is an error.
func (t *ReportTopic) UnmarshalText(b []byte) error { return UnmarshalEnum(t, b) }

// ReportSection is one section of a service report (ISO/IEC 20000-1:2011,
// 6.2). The records a section reports link to the report with
// [LinkReportedIn].
type ReportSection struct {
	Topic   ReportTopic `json:"topic"`
	Summary string      `json:"summary"`
}

// ReportAction is an action decided on a service report, with who owns it
// and when it is due (ISO/IEC 20000-1:2011, 6.2).
type ReportAction struct {
	Action string    `json:"action"`
	Owner  string    `json:"owner"`
	Due    time.Time `json:"due,omitzero"`
}

// ReportDecision is a decision taken on a service report, with the actions
// it calls for and to whom it was communicated (ISO/IEC 20000-1:2011, 6.2).
type ReportDecision struct {
	Decision       string         `json:"decision"`
	By             string         `json:"by"`
	At             time.Time      `json:"at"`
	Actions        []ReportAction `json:"actions,omitempty"`
	CommunicatedTo []string       `json:"communicatedTo"`
}

// check adds the findings on a decision taken on a report issued at issued
// to v: what, by whom, when (not before the issue), its actions and its
// audience.
func (d ReportDecision) check(v *ValidationError, p string, issued time.Time) {
	v.Require(p+".decision", d.Decision != "")
	v.Require(p+".by", d.By != "")
	v.Require(p+".at", !d.At.IsZero())
	checkNotBefore(v, p+".at", d.At, issued, "issued")
	for j, a := range d.Actions {
		q := fmt.Sprintf("%s.actions[%d]", p, j)
		v.Require(q+".action", a.Action != "")
		v.Require(q+".owner", a.Owner != "")
	}
	v.CheckTexts(p+".communicatedTo", d.CommunicatedTo, true)
}

// ServiceReport is a service report issued for a period under a report
// definition, with its sections and the decisions and actions taken on it
// (ISO/IEC 20000-1:2011, 6.2).
type ServiceReport struct {
	Header
	Definition  ID               `json:"definition"`
	PeriodStart time.Time        `json:"periodStart"`
	PeriodEnd   time.Time        `json:"periodEnd"`
	Issued      time.Time        `json:"issued"`
	Sections    []ReportSection  `json:"sections"`
	Decisions   []ReportDecision `json:"decisions,omitempty"`
}

// NewServiceReport starts a report under definition for the period from
// start to end (ISO/IEC 20000-1:2011, 6.2).
func NewServiceReport(title string, definition ID, start, end, issued time.Time, by Actor, at time.Time) *ServiceReport {
	return &ServiceReport{Header: NewHeader(KindServiceReport, title, by, at), Definition: definition, PeriodStart: start, PeriodEnd: end, Issued: issued}
}

// Validate reports every field at fault: definition, period and issue date
// are required; the report has a section on significant events (which may
// say there were none); every section has a topic and summary, every
// decision its maker, time (not before the report was issued) and audience
// (ISO/IEC 20000-1:2011, 6.2).
func (r *ServiceReport) Validate() error {
	v := ValidationError{Subject: r.Subject()}
	r.validate(&v, KindServiceReport)
	v.Require("definition", !r.Definition.IsZero())
	checkPeriod(&v, "periodStart", "periodEnd", r.PeriodStart, r.PeriodEnd)
	v.Require("issued", !r.Issued.IsZero())
	checkNotBefore(&v, "issued", r.Issued, r.PeriodEnd, "periodEnd")
	switch {
	case len(r.Sections) == 0:
		v.Add("sections", ErrRequired)
	case !slices.ContainsFunc(r.Sections, func(s ReportSection) bool { return s.Topic == TopicSignificantEvents }):
		v.Addf("sections", ErrRequired, "no %s section", TopicSignificantEvents)
	}
	for i, s := range r.Sections {
		p := fmt.Sprintf("sections[%d]", i)
		CheckEnum(&v, p+".topic", s.Topic)
		v.Require(p+".summary", s.Summary != "")
	}
	for i, d := range r.Decisions {
		d.check(&v, fmt.Sprintf("decisions[%d]", i), r.Issued)
	}
	return v.Err()
}

// Decide records a decision taken on the report, its actions and to whom it
// was communicated, with by as its maker and at as its time
// (ISO/IEC 20000-1:2011, 6.2). It refuses an incomplete decision or one
// taken before the report was issued (*ValidationError), a missing actor or time ([ErrRequired]) and a time
// before the last history entry ([ErrInvalidValue]), changing nothing.
func (r *ServiceReport) Decide(by Actor, at time.Time, d ReportDecision) error {
	if err := r.CheckEvent(by, at); err != nil {
		return err
	}
	d.By, d.At = by.ID, at
	d.Actions = slices.Clone(d.Actions)
	d.CommunicatedTo = slices.Clone(d.CommunicatedTo)
	v := ValidationError{Subject: r.Subject()}
	d.check(&v, fmt.Sprintf("decisions[%d]", len(r.Decisions)), r.Issued)
	if err := v.Err(); err != nil {
		return err
	}
	r.Decisions = append(slices.Clip(r.Decisions), d)
	r.append(Event{At: at, Actor: by.ID, Action: ActionNoted, Field: "decisions", Note: d.Decision})
	return nil
}
