package process

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// ContinuityRisk is one risk to the continuity or availability of services,
// how likely it is, how much it would hurt and how it is treated
// (ISO/IEC 20000-1:2011, 6.3.1).
type ContinuityRisk struct {
	Description string        `json:"description"`
	Likelihood  Level         `json:"likelihood"`
	Impact      Level         `json:"impact"`
	Treatment   RiskTreatment `json:"treatment"`
	Action      string        `json:"action,omitempty"`
}

// ContinuityRiskAssessment assesses and documents the risks to the
// continuity and availability of services, and records the requirements
// agreed with the customer in their light (ISO/IEC 20000-1:2011, 6.3.1).
// It may link the SLAs it takes account of ([LinkAbout]).
type ContinuityRiskAssessment struct {
	Header
	Assessed time.Time `json:"assessed"`
	Services []ID      `json:"services"`
	// Requirements are the continuity and availability requirements agreed
	// with the customer, taking account of business plans, service
	// requirements, SLAs and the risks.
	Requirements string           `json:"requirements"`
	Risks        []ContinuityRisk `json:"risks"`
	// NextDue is when the next assessment is planned.
	NextDue time.Time `json:"nextDue,omitzero"`
}

// NewContinuityRiskAssessment starts a risk assessment made at assessed
// (ISO/IEC 20000-1:2011, 6.3.1).
func NewContinuityRiskAssessment(title string, assessed time.Time, by Actor, at time.Time) *ContinuityRiskAssessment {
	return &ContinuityRiskAssessment{Header: NewHeader(KindContinuityRiskAssessment, title, by, at), Assessed: assessed}
}

// Validate reports every field at fault: date, services, requirements and at
// least one risk, each with likelihood and impact (a default [Level] or a
// host's own) and treatment (ISO/IEC 20000-1:2011, 6.3.1).
func (a *ContinuityRiskAssessment) Validate() error {
	v := ValidationError{Subject: a.Subject()}
	a.validate(&v, KindContinuityRiskAssessment)
	v.Require("assessed", !a.Assessed.IsZero())
	checkIDs(&v, "services", a.Services, true)
	v.Require("requirements", a.Requirements != "")
	v.Require("risks", len(a.Risks) > 0)
	for i, r := range a.Risks {
		p := fmt.Sprintf("risks[%d]", i)
		v.Require(p+".description", r.Description != "")
		checkLevel(&v, p+".likelihood", r.Likelihood)
		checkLevel(&v, p+".impact", r.Impact)
		CheckEnum(&v, p+".treatment", r.Treatment)
	}
	checkNotBefore(&v, "nextDue", a.NextDue, a.Assessed, "assessed")
	return v.Err()
}

// RecoveryRequirement is how fast and to what point a service must be
// recovered: the time to restore it and the most data that may be lost
// (ISO/IEC 20000-1:2011, 6.3.2). JSON carries the two durations as Go
// duration strings ("4h0m0s", "15m0s"); a number is read as nanoseconds,
// as earlier versions wrote them.
type RecoveryRequirement struct {
	Service      ID            `json:"service,omitzero"`
	Description  string        `json:"description"`
	RecoveryTime time.Duration `json:"recoveryTime"`
	DataLoss     time.Duration `json:"dataLoss"`
}

// recoveryJSON is the JSON form of a [RecoveryRequirement].
type recoveryJSON struct {
	Service      ID           `json:"service,omitzero"`
	Description  string       `json:"description"`
	RecoveryTime textDuration `json:"recoveryTime"`
	DataLoss     textDuration `json:"dataLoss"`
}

// MarshalJSON encodes r with its durations as Go duration strings.
func (r RecoveryRequirement) MarshalJSON() ([]byte, error) {
	return json.Marshal(recoveryJSON{r.Service, r.Description, textDuration(r.RecoveryTime), textDuration(r.DataLoss)})
}

// UnmarshalJSON decodes r, reading each duration as a Go duration string
// or a number of nanoseconds; anything else is an error wrapping
// [ErrInvalidValue] and leaves r unchanged.
func (r *RecoveryRequirement) UnmarshalJSON(b []byte) error {
	var j recoveryJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = RecoveryRequirement{j.Service, j.Description, time.Duration(j.RecoveryTime), time.Duration(j.DataLoss)}
	return nil
}

// textDuration is a duration that JSON carries as a Go duration string.
type textDuration time.Duration

// MarshalJSON encodes d as a Go duration string.
func (d textDuration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

// UnmarshalJSON decodes a Go duration string or a number of nanoseconds.
func (d *textDuration) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] != '"' {
		var ns int64
		if err := json.Unmarshal(b, &ns); err != nil {
			return fmt.Errorf("process: duration %s: %w", b, ErrInvalidValue)
		}
		*d = textDuration(ns)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("process: duration %q: %w: %w", s, ErrInvalidValue, err)
	}
	*d = textDuration(v)
	return nil
}

// PlanTerms is the content shared by continuity and availability plans: the
// services they cover, how a plan is invoked, who is responsible, the
// availability targets, the recovery requirements, the return to normal
// working and how the plan is re-tested after major changes
// (ISO/IEC 20000-1:2011, 6.3.2).
type PlanTerms struct {
	Services         []ID                  `json:"services"`
	Invocation       string                `json:"invocation"`
	Responsibilities []RoleAssignment      `json:"responsibilities"`
	Targets          []ServiceTarget       `json:"targets"`
	Recovery         []RecoveryRequirement `json:"recovery"`
	ReturnToNormal   string                `json:"returnToNormal"`
	Retest           string                `json:"retest"`
}

func (t *PlanTerms) check(v *ValidationError) {
	checkIDs(v, "services", t.Services, true)
	v.Require("invocation", t.Invocation != "")
	checkAssignments(v, "responsibilities", t.Responsibilities)
	checkTargets(v, "targets", t.Targets)
	v.Require("recovery", len(t.Recovery) > 0)
	for i, r := range t.Recovery {
		p := fmt.Sprintf("recovery[%d]", i)
		v.Require(p+".description", r.Description != "")
		if r.RecoveryTime < 0 {
			v.Addf(p+".recoveryTime", ErrInvalidValue, "negative")
		}
		if r.DataLoss < 0 {
			v.Addf(p+".dataLoss", ErrInvalidValue, "negative")
		}
	}
	v.Require("returnToNormal", t.ReturnToNormal != "")
	v.Require("retest", t.Retest != "")
}

// MajorServiceChange is a major change to a service: the request for change
// and when it was deployed. Hosts take them from change management to find
// plans that need re-testing (ISO/IEC 20000-1:2011, 6.3.2, 9.2).
type MajorServiceChange struct {
	Change  ID        `json:"change"`
	Service ID        `json:"service"`
	At      time.Time `json:"at"`
}

// retest returns the changes to the plan's services made after the plan's
// last test among tests (all of them if it was never tested), by time then
// change ID.
func (t *PlanTerms) retest(plan ID, tests []*PlanTest, changes []MajorServiceChange) []MajorServiceChange {
	var last time.Time
	for _, pt := range tests {
		if pt != nil && pt.Plan == plan && pt.Performed.After(last) {
			last = pt.Performed
		}
	}
	var out []MajorServiceChange
	for _, c := range changes {
		if slices.Contains(t.Services, c.Service) && c.At.After(last) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b MajorServiceChange) int {
		return cmp.Or(a.At.Compare(b.At), a.Change.Compare(b.Change), a.Service.Compare(b.Service))
	})
	return out
}

// ContinuityPlan is the service continuity plan (ISO/IEC 20000-1:2011,
// 6.3.2). It may be combined with the availability plan; then the same
// content lives here.
type ContinuityPlan struct {
	Header
	PlanTerms
}

// NewContinuityPlan starts a continuity plan (ISO/IEC 20000-1:2011, 6.3.2).
func NewContinuityPlan(title string, terms PlanTerms, by Actor, at time.Time) *ContinuityPlan {
	return &ContinuityPlan{Header: NewHeader(KindContinuityPlan, title, by, at), PlanTerms: terms}
}

// Validate reports every item of the plan missing (ISO/IEC 20000-1:2011,
// 6.3.2).
func (p *ContinuityPlan) Validate() error {
	v := ValidationError{Subject: p.Subject()}
	p.validate(&v, KindContinuityPlan)
	p.check(&v)
	return v.Err()
}

// RetestNeeded flags a plan whose last test among tests predates a major
// change to one of its services: it returns those changes, by time, or
// none when the plan is tested since (ISO/IEC 20000-1:2011, 6.3.2).
func (p *ContinuityPlan) RetestNeeded(tests []*PlanTest, changes []MajorServiceChange) []MajorServiceChange {
	return p.retest(p.ID, tests, changes)
}

// AvailabilityPlan is the service availability plan (ISO/IEC 20000-1:2011,
// 6.3.2), with the same content as a [ContinuityPlan].
type AvailabilityPlan struct {
	Header
	PlanTerms
}

// NewAvailabilityPlan starts an availability plan (ISO/IEC 20000-1:2011,
// 6.3.2).
func NewAvailabilityPlan(title string, terms PlanTerms, by Actor, at time.Time) *AvailabilityPlan {
	return &AvailabilityPlan{Header: NewHeader(KindAvailabilityPlan, title, by, at), PlanTerms: terms}
}

// Validate reports every item of the plan missing (ISO/IEC 20000-1:2011,
// 6.3.2).
func (p *AvailabilityPlan) Validate() error {
	v := ValidationError{Subject: p.Subject()}
	p.validate(&v, KindAvailabilityPlan)
	p.check(&v)
	return v.Err()
}

// RetestNeeded is [ContinuityPlan.RetestNeeded] for an availability plan
// (ISO/IEC 20000-1:2011, 6.3.2).
func (p *AvailabilityPlan) RetestNeeded(tests []*PlanTest, changes []MajorServiceChange) []MajorServiceChange {
	return p.retest(p.ID, tests, changes)
}

// PlanTestResult is the result of a plan test against one of its
// objectives (ISO/IEC 20000-1:2011, 6.3.3).
type PlanTestResult struct {
	Objective   string `json:"objective"`
	Met         bool   `json:"met"`
	Observation string `json:"observation,omitempty"`
}

// PlanTest is a test of a continuity or availability plan, with its results
// and the actions taken on them (ISO/IEC 20000-1:2011, 6.3.3). A test made
// after a major change links the change ([LinkAfterChange]).
type PlanTest struct {
	Header
	// Plan is the continuity or availability plan tested.
	Plan      ID               `json:"plan"`
	Performed time.Time        `json:"performed"`
	Scenario  string           `json:"scenario"`
	Results   []PlanTestResult `json:"results"`
	// Actions are the actions taken on the results; required when an
	// objective was not met.
	Actions []string `json:"actions,omitempty"`
}

// NewPlanTest starts a test of plan performed at performed
// (ISO/IEC 20000-1:2011, 6.3.3).
func NewPlanTest(title string, plan ID, scenario string, performed time.Time, by Actor, at time.Time) *PlanTest {
	return &PlanTest{Header: NewHeader(KindPlanTest, title, by, at), Plan: plan, Scenario: scenario, Performed: performed}
}

// Validate reports every field at fault: plan, date, scenario and at least
// one result are required, and actions when any objective was not met
// (ISO/IEC 20000-1:2011, 6.3.3).
func (t *PlanTest) Validate() error {
	v := ValidationError{Subject: t.Subject()}
	t.validate(&v, KindPlanTest)
	v.Require("plan", !t.Plan.IsZero())
	v.Require("performed", !t.Performed.IsZero())
	v.Require("scenario", t.Scenario != "")
	v.Require("results", len(t.Results) > 0)
	for i, r := range t.Results {
		v.Require(fmt.Sprintf("results[%d].objective", i), r.Objective != "")
	}
	if !t.Passed() && len(t.Results) > 0 {
		v.Require("actions", len(t.Actions) > 0)
	}
	v.CheckTexts("actions", t.Actions, false)
	return v.Err()
}

// Passed reports whether the test has results and every objective was met
// (ISO/IEC 20000-1:2011, 6.3.3).
func (t *PlanTest) Passed() bool {
	return len(t.Results) > 0 && !slices.ContainsFunc(t.Results, func(r PlanTestResult) bool { return !r.Met })
}

// AvailabilityOutage is a period a service was not available, planned or
// not, with its cause and, when unplanned, its investigation
// (ISO/IEC 20000-1:2011, 6.3.3).
type AvailabilityOutage struct {
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	Planned       bool      `json:"planned,omitempty"`
	Cause         string    `json:"cause"`
	Investigation string    `json:"investigation,omitempty"`
}

// AvailabilityMeasurement records a service's availability over a period
// against its target, with the outages in it (ISO/IEC 20000-1:2011,
// 6.3.3). It may link the incidents behind outages ([LinkAbout]) and is
// reported in service reports ([LinkReportedIn]). Target and Achieved are
// held to the limits on untrusted numbers ([MaxDigits], [MaxExponent]).
type AvailabilityMeasurement struct {
	Header
	Service     ID        `json:"service"`
	PeriodStart time.Time `json:"periodStart"`
	PeriodEnd   time.Time `json:"periodEnd"`
	// Target and Achieved are percentages of the agreed service hours.
	Target   decimal.Decimal      `json:"target"`
	Achieved decimal.Decimal      `json:"achieved"`
	Outages  []AvailabilityOutage `json:"outages,omitempty"`
}

// NewAvailabilityMeasurement starts a measurement of service over a period
// (ISO/IEC 20000-1:2011, 6.3.3).
func NewAvailabilityMeasurement(title string, service ID, start, end time.Time, target, achieved decimal.Decimal, by Actor, at time.Time) *AvailabilityMeasurement {
	return &AvailabilityMeasurement{Header: NewHeader(KindAvailabilityMeasurement, title, by, at), Service: service, PeriodStart: start, PeriodEnd: end, Target: target, Achieved: achieved}
}

// Validate reports every field at fault: service and period are required;
// target and achieved are percentages, within the limits on untrusted
// numbers ([MaxDigits], [MaxExponent]); each outage lies in the period with
// its cause, and an unplanned one has been investigated
// (ISO/IEC 20000-1:2011, 6.3.3).
func (m *AvailabilityMeasurement) Validate() error {
	v := ValidationError{Subject: m.Subject()}
	m.validate(&v, KindAvailabilityMeasurement)
	v.Require("service", !m.Service.IsZero())
	checkPeriod(&v, "periodStart", "periodEnd", m.PeriodStart, m.PeriodEnd)
	checkPercent(&v, "target", m.Target)
	checkPercent(&v, "achieved", m.Achieved)
	for i, o := range m.Outages {
		p := fmt.Sprintf("outages[%d]", i)
		checkPeriod(&v, p+".start", p+".end", o.Start, o.End)
		if !o.Start.IsZero() && !m.PeriodStart.IsZero() && (o.Start.Before(m.PeriodStart) || (!m.PeriodEnd.IsZero() && o.Start.After(m.PeriodEnd))) {
			v.Addf(p+".start", ErrInvalidValue, "outside the period")
		}
		if !o.End.IsZero() && !m.PeriodEnd.IsZero() && o.End.After(m.PeriodEnd) {
			v.Addf(p+".end", ErrInvalidValue, "after the end of the period")
		}
		v.Require(p+".cause", o.Cause != "")
		if !o.Planned {
			v.Require(p+".investigation", o.Investigation != "")
		}
	}
	return v.Err()
}

func checkPercent(v *ValidationError, path string, d decimal.Decimal) {
	if v.Decimal(path, d) && (d.IsNegative() || d.GreaterThan(hundred)) {
		v.Addf(path, ErrInvalidValue, "%s is not a percentage", d)
	}
}

// Met reports whether the achieved availability reaches the target
// (ISO/IEC 20000-1:2011, 6.3.3).
func (m *AvailabilityMeasurement) Met() bool { return m.Achieved.GreaterThanOrEqual(m.Target) }

// ContinuityInvocation reports one invocation of the continuity plan: its
// cause, its impact and how the service was recovered
// (ISO/IEC 20000-1:2011, 6.3.3). It may link the incidents behind it
// ([LinkAbout]) and is reported in service reports ([LinkReportedIn]).
type ContinuityInvocation struct {
	Header
	Plan    ID        `json:"plan"`
	Invoked time.Time `json:"invoked"`
	Cause   string    `json:"cause"`
	Impact  string    `json:"impact"`
	// Recovery says how the service was recovered.
	Recovery string `json:"recovery"`
	// Recovered is when the service was recovered; Normal when normal
	// working returned.
	Recovered time.Time `json:"recovered,omitzero"`
	Normal    time.Time `json:"normal,omitzero"`
}

// NewContinuityInvocation starts the report of an invocation of plan at
// invoked (ISO/IEC 20000-1:2011, 6.3.3).
func NewContinuityInvocation(title string, plan ID, invoked time.Time, cause, impact string, by Actor, at time.Time) *ContinuityInvocation {
	return &ContinuityInvocation{Header: NewHeader(KindContinuityInvocation, title, by, at), Plan: plan, Invoked: invoked, Cause: cause, Impact: impact}
}

// Validate reports every field at fault: plan, time, cause, impact and
// recovery are required; recovery and return to normal follow the
// invocation in that order (ISO/IEC 20000-1:2011, 6.3.3).
func (c *ContinuityInvocation) Validate() error {
	v := ValidationError{Subject: c.Subject()}
	c.validate(&v, KindContinuityInvocation)
	v.Require("plan", !c.Plan.IsZero())
	v.Require("invoked", !c.Invoked.IsZero())
	v.Require("cause", c.Cause != "")
	v.Require("impact", c.Impact != "")
	v.Require("recovery", c.Recovery != "")
	checkNotBefore(&v, "recovered", c.Recovered, c.Invoked, "invoked")
	checkNotBefore(&v, "normal", c.Normal, c.Invoked, "invoked")
	checkNotBefore(&v, "normal", c.Normal, c.Recovered, "recovered")
	return v.Err()
}
