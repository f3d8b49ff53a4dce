package sms

import (
	"fmt"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
)

// AuditState is a state of an internal audit (ISO/IEC 20000-1:2011,
// 4.5.4.2).
type AuditState string

// The states of an internal audit (ISO/IEC 20000-1:2011, 4.5.4.2).
const (
	AuditPlanned    AuditState = "planned"
	AuditInProgress AuditState = "in-progress"
	AuditReported   AuditState = "reported" // findings recorded and reported
)

// String returns the state's code.
func (s AuditState) String() string { return string(s) }

// MarshalText encodes the state as its code, or as nothing when unset;
// an unknown value is an error wrapping [process.ErrInvalidValue].
func (s AuditState) MarshalText() ([]byte, error) { return process.MarshalEnum(s) }

// UnmarshalText decodes a known state or "" (unset); any other value
// is an error wrapping [process.ErrInvalidValue] and leaves the receiver
// unchanged.
func (s *AuditState) UnmarshalText(b []byte) error { return process.UnmarshalEnum(s, b) }

// Valid reports whether s is a state of the audit lifecycle.
func (s AuditState) Valid() bool { return auditLifecycle.Valid(s) }

var auditLifecycle = process.MustLifecycle(process.KindInternalAudit, AuditPlanned,
	[]AuditState{AuditPlanned, AuditInProgress, AuditReported}, []AuditState{AuditReported},
	[]process.Move[AuditState]{
		{From: []AuditState{AuditPlanned}, To: AuditInProgress, Role: process.RoleAuditor},
		{From: []AuditState{AuditInProgress}, To: AuditReported, Role: process.RoleAuditor},
	})

// Lifecycle returns the lifecycle of internal audits: planned, in progress,
// reported; each move needs an auditor (ISO/IEC 20000-1:2011, 4.5.4.2).
// The receiver is not read: a nil *InternalAudit gives the same lifecycle.
func (*InternalAudit) Lifecycle() *process.Lifecycle[AuditState] { return auditLifecycle }

// AuditedArea is a part of the SMS an audit covers, with the people who own
// it; none of them may audit it (ISO/IEC 20000-1:2011, 4.5.4.2).
type AuditedArea struct {
	Area   string   `json:"area"`
	Owners []string `json:"owners"`
}

// InternalAudit is an internal audit of the SMS held at planned intervals,
// with its criteria, scope, method and auditors, who do not audit their own
// work (ISO/IEC 20000-1:2011, 4.5.4.2). Its findings are [AuditFinding]
// records naming it.
type InternalAudit struct {
	process.Header
	Planned  time.Time     `json:"planned"`
	Criteria []string      `json:"criteria"` // e.g. the clauses audited against
	Method   string        `json:"method"`
	Areas    []AuditedArea `json:"areas"`
	Auditors []string      `json:"auditors"`
}

// NewInternalAudit plans an audit of areas by auditors (ISO/IEC
// 20000-1:2011, 4.5.4.2).
func NewInternalAudit(title string, planned time.Time, areas []AuditedArea, auditors []string, by process.Actor, at time.Time) *InternalAudit {
	a := &InternalAudit{Header: process.NewHeader(process.KindInternalAudit, title, by, at), Planned: planned, Areas: areas, Auditors: auditors}
	auditLifecycle.Start(&a.Header)
	return a
}

// State returns the audit's state in its [InternalAudit.Lifecycle]
// (ISO/IEC 20000-1:2011, 4.5.4.2).
func (a *InternalAudit) State() AuditState { return AuditState(a.Status) }

// Independent returns an error wrapping [process.ErrSegregation] when
// auditor owns one of the audited areas (ISO/IEC 20000-1:2011, 4.5.4.2).
func (a *InternalAudit) Independent(auditor string) error {
	if err := a.independent(auditor); err != nil {
		return fmt.Errorf("sms: %s: %w", a.Subject(), err)
	}
	return nil
}

// independent returns the reason auditor may not audit a, naming the area
// they own, or nil.
func (a *InternalAudit) independent(auditor string) error {
	for _, ar := range a.Areas {
		if slices.Contains(ar.Owners, auditor) {
			return fmt.Errorf("auditor %q owns %q: %w", auditor, ar.Area, process.ErrSegregation)
		}
	}
	return nil
}

// Move moves the audit along its [InternalAudit.Lifecycle]. It refuses an
// actor who owns an audited area, and starts only a valid audit (ISO/IEC
// 20000-1:2011, 4.5.4.2).
func (a *InternalAudit) Move(by process.Actor, at time.Time, to AuditState, note string) error {
	return auditLifecycle.Apply(by, at, &a.Header, to, note, func() error {
		if err := a.independent(by.ID); err != nil {
			return err
		}
		if err := a.Validate(); err != nil {
			return fmt.Errorf("%w: %w", process.ErrPrecondition, err)
		}
		return nil
	})
}

// Validate reports every field at fault: planned date, criteria, method,
// areas with owners and auditors are required, and no auditor may own an
// audited area ([process.ErrSegregation]) (ISO/IEC 20000-1:2011, 4.5.4.2).
func (a *InternalAudit) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: a.Subject()}
	process.ValidateHeader(&a.Header, process.KindInternalAudit, &v)
	auditLifecycle.ValidateState(&a.Header, &v)
	v.Require("planned", !a.Planned.IsZero())
	v.CheckTexts("criteria", a.Criteria, true)
	v.RequireText("method", a.Method)
	v.Require("areas", len(a.Areas) > 0)
	for i, ar := range a.Areas {
		path := fmt.Sprintf("areas[%d]", i)
		v.RequireText(path+".area", ar.Area)
		v.CheckTexts(path+".owners", ar.Owners, true)
	}
	v.CheckTexts("auditors", a.Auditors, true)
	for i, au := range a.Auditors {
		for _, ar := range a.Areas {
			if slices.Contains(ar.Owners, au) {
				v.Addf(fmt.Sprintf("auditors[%d]", i), process.ErrSegregation, "%q owns %q", au, ar.Area)
				break
			}
		}
	}
	return v.Err()
}

// FindingType classifies an audit finding (ISO/IEC 20000-1:2011, 4.5.4.2).
type FindingType string

// The types of audit finding (ISO/IEC 20000-1:2011, 4.5.4.2).
const (
	FindingNonconformity FindingType = "nonconformity" // a requirement not met; raises a nonconformity record
	FindingObservation   FindingType = "observation"
	FindingOpportunity   FindingType = "opportunity" // an opportunity for improvement
)

// Valid reports whether t is one of the finding types.
func (t FindingType) Valid() bool {
	return t == FindingNonconformity || t == FindingObservation || t == FindingOpportunity
}

// String returns the type's code.
func (t FindingType) String() string { return string(t) }

// MarshalText encodes the type as its code, or as nothing when unset;
// an unknown value is an error wrapping [process.ErrInvalidValue].
func (t FindingType) MarshalText() ([]byte, error) { return process.MarshalEnum(t) }

// UnmarshalText decodes a known type or "" (unset); any other value
// is an error wrapping [process.ErrInvalidValue] and leaves the receiver
// unchanged.
func (t *FindingType) UnmarshalText(b []byte) error { return process.UnmarshalEnum(t, b) }

// AuditFinding is one finding of an internal audit, against a requirement,
// with its evidence (ISO/IEC 20000-1:2011, 4.5.4.2).
type AuditFinding struct {
	process.Header
	Audit       process.ID  `json:"audit"`
	Type        FindingType `json:"type"`
	Requirement string      `json:"requirement"` // e.g. a clause or a requirement ID of [Requirements]
	Evidence    string      `json:"evidence"`
}

// NewAuditFinding records a finding of audit (ISO/IEC 20000-1:2011,
// 4.5.4.2).
func NewAuditFinding(title string, audit process.ID, t FindingType, requirement, evidence string, by process.Actor, at time.Time) *AuditFinding {
	return &AuditFinding{Header: process.NewHeader(process.KindAuditFinding, title, by, at), Audit: audit, Type: t, Requirement: requirement, Evidence: evidence}
}

// Validate reports every field at fault: audit, a known type, requirement
// and evidence are required (ISO/IEC 20000-1:2011, 4.5.4.2).
func (f *AuditFinding) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: f.Subject()}
	process.ValidateHeader(&f.Header, process.KindAuditFinding, &v)
	v.Require("audit", !f.Audit.IsZero())
	process.CheckEnum(&v, "type", f.Type)
	v.RequireText("requirement", f.Requirement)
	v.RequireText("evidence", f.Evidence)
	return v.Err()
}
