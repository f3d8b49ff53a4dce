package sms

import (
	"time"

	"github.com/smskit/iso20000/process"
)

// CompetenceRecord records that a person is competent for an SMS role, on
// the evidence of education, training, skills and experience, as assessed
// by someone else (ISO/IEC 20000-1:2011, 4.4.2).
type CompetenceRecord struct {
	process.Header
	Person   string       `json:"person"`
	Role     process.Role `json:"role"`
	Evidence []string     `json:"evidence"`
	Assessor string       `json:"assessor"`
	Assessed time.Time    `json:"assessed"`
}

// NewCompetenceRecord records the competence of person for role (ISO/IEC
// 20000-1:2011, 4.4.2).
func NewCompetenceRecord(title, person string, role process.Role, evidence []string, assessor string, assessed time.Time, by process.Actor, at time.Time) *CompetenceRecord {
	return &CompetenceRecord{Header: process.NewHeader(process.KindCompetenceRecord, title, by, at),
		Person: person, Role: role, Evidence: evidence, Assessor: assessor, Assessed: assessed}
}

// Validate reports every field at fault: person, role, evidence, assessor
// and date are required, and no one assesses themselves
// ([process.ErrSegregation]) (ISO/IEC 20000-1:2011, 4.4.2).
func (c *CompetenceRecord) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: c.Subject()}
	process.ValidateHeader(&c.Header, process.KindCompetenceRecord, &v)
	v.RequireText("person", c.Person)
	v.Require("role", c.Role != "")
	v.CheckTexts("evidence", c.Evidence, true)
	v.RequireText("assessor", c.Assessor)
	if c.Assessor != "" && c.Assessor == c.Person {
		v.Addf("assessor", process.ErrSegregation, "the person assessed")
	}
	v.Require("assessed", !c.Assessed.IsZero())
	return v.Err()
}

// TrainingRecord records training given to meet an identified need, and
// how its effectiveness was evaluated (ISO/IEC 20000-1:2011, 4.4.2).
type TrainingRecord struct {
	process.Header
	Person    string    `json:"person"`
	Need      string    `json:"need"` // the training need it meets
	Course    string    `json:"course"`
	Completed time.Time `json:"completed"`
	// Effectiveness records the evaluation, once made.
	Effectiveness string `json:"effectiveness,omitempty"`
}

// NewTrainingRecord records training person completed (ISO/IEC
// 20000-1:2011, 4.4.2).
func NewTrainingRecord(title, person, need, course string, completed time.Time, by process.Actor, at time.Time) *TrainingRecord {
	return &TrainingRecord{Header: process.NewHeader(process.KindTrainingRecord, title, by, at), Person: person, Need: need, Course: course, Completed: completed}
}

// Validate reports every field at fault: person, need, course and
// completion date are required (ISO/IEC 20000-1:2011, 4.4.2).
func (t *TrainingRecord) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: t.Subject()}
	process.ValidateHeader(&t.Header, process.KindTrainingRecord, &v)
	v.RequireText("person", t.Person)
	v.RequireText("need", t.Need)
	v.RequireText("course", t.Course)
	v.Require("completed", !t.Completed.IsZero())
	return v.Err()
}
