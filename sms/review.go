package sms

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
)

// ReviewInput is one of the defined inputs of a management review (ISO/IEC
// 20000-1:2011, 4.5.4.3).
type ReviewInput string

// The inputs every management review considers (ISO/IEC 20000-1:2011,
// 4.5.4.3).
const (
	InputAuditResults    ReviewInput = "audit-results"
	InputFeedback        ReviewInput = "feedback" // from customers and interested parties
	InputPerformance     ReviewInput = "performance"
	InputWorkload        ReviewInput = "workload"              // current and forecast resources and workload
	InputActions         ReviewInput = "actions"               // state of preventive and corrective actions
	InputFollowUps       ReviewInput = "follow-ups"            // from earlier reviews
	InputChanges         ReviewInput = "changes"               // that could affect the SMS
	InputRecommendations ReviewInput = "improvement-proposals" // recommendations for improvement
)

// ReviewInputs returns the defined inputs in a fixed order (ISO/IEC
// 20000-1:2011, 4.5.4.3).
func ReviewInputs() []ReviewInput {
	return []ReviewInput{InputAuditResults, InputFeedback, InputPerformance, InputWorkload,
		InputActions, InputFollowUps, InputChanges, InputRecommendations}
}

// Valid reports whether i is one of the defined inputs.
func (i ReviewInput) Valid() bool {
	switch i {
	case InputAuditResults, InputFeedback, InputPerformance, InputWorkload,
		InputActions, InputFollowUps, InputChanges, InputRecommendations:
		return true
	}
	return false
}

// String returns the input's code.
func (i ReviewInput) String() string { return string(i) }

// MarshalText encodes the input as its code, or as nothing when unset;
// an unknown value is an error wrapping [process.ErrInvalidValue].
func (i ReviewInput) MarshalText() ([]byte, error) { return process.MarshalEnum(i) }

// UnmarshalText decodes a known input or "" (unset); any other value
// is an error wrapping [process.ErrInvalidValue] and leaves the receiver
// unchanged.
func (i *ReviewInput) UnmarshalText(b []byte) error { return process.UnmarshalEnum(i, b) }

// ReviewAction is an action decided at a management review, with its owner
// and due date (ISO/IEC 20000-1:2011, 4.5.4.3).
type ReviewAction struct {
	What  string    `json:"what"`
	Owner string    `json:"owner"`
	Due   time.Time `json:"due"`
}

// ManagementReview is a review of the SMS by top management at planned
// intervals: what was considered under each defined input, and the
// decisions and actions recorded (ISO/IEC 20000-1:2011, 4.1.1, 4.5.4.3).
type ManagementReview struct {
	process.Header
	Held      time.Time              `json:"held"`
	Chair     string                 `json:"chair"` // top management
	Attendees []string               `json:"attendees,omitempty"`
	Inputs    map[ReviewInput]string `json:"inputs"`
	Decisions []string               `json:"decisions"`
	Actions   []ReviewAction         `json:"actions,omitempty"`
	NextDue   time.Time              `json:"nextDue"`
}

// NewManagementReview records a review held at held, chaired by chair
// (ISO/IEC 20000-1:2011, 4.5.4.3).
func NewManagementReview(title string, held time.Time, chair string, by process.Actor, at time.Time) *ManagementReview {
	return &ManagementReview{Header: process.NewHeader(process.KindManagementReview, title, by, at), Held: held, Chair: chair, Inputs: map[ReviewInput]string{}}
}

// Validate reports every field at fault: date, chair, a note on every
// defined input and no unknown input, at least one decision, complete
// actions, and a next review after this one (ISO/IEC 20000-1:2011,
// 4.5.4.3).
func (r *ManagementReview) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: r.Subject()}
	process.ValidateHeader(&r.Header, process.KindManagementReview, &v)
	v.Require("held", !r.Held.IsZero())
	v.RequireText("chair", r.Chair)
	for _, in := range ReviewInputs() {
		v.RequireText("inputs."+string(in), r.Inputs[in])
	}
	for _, in := range slices.Sorted(maps.Keys(r.Inputs)) {
		if !in.Valid() {
			v.Addf("inputs", process.ErrInvalidValue, "unknown input %q", in)
		}
	}
	v.CheckTexts("decisions", r.Decisions, true)
	for i, a := range r.Actions {
		path := fmt.Sprintf("actions[%d]", i)
		v.RequireText(path+".what", a.What)
		v.RequireText(path+".owner", a.Owner)
		v.Require(path+".due", !a.Due.IsZero())
	}
	switch {
	case r.NextDue.IsZero():
		v.Add("nextDue", process.ErrRequired)
	case !r.NextDue.After(r.Held):
		v.Addf("nextDue", process.ErrInvalidValue, "not after the review")
	}
	return v.Err()
}
