package sms

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
)

// DocumentState is a state of a controlled document (ISO/IEC 20000-1:2011,
// 4.3.2).
type DocumentState string

// The states of a controlled document (ISO/IEC 20000-1:2011, 4.3.2).
const (
	DocDraft       DocumentState = "draft"
	DocApproved    DocumentState = "approved"     // approved, not yet issued
	DocIssued      DocumentState = "issued"       // available where it is used
	DocUnderReview DocumentState = "under-review" // being reviewed, still in use
	DocObsolete    DocumentState = "obsolete"     // withdrawn and marked as such
)

// String returns the state's code.
func (s DocumentState) String() string { return string(s) }

// MarshalText encodes the state as its code, or as nothing when unset;
// an unknown value is an error wrapping [process.ErrInvalidValue].
func (s DocumentState) MarshalText() ([]byte, error) { return process.MarshalEnum(s) }

// UnmarshalText decodes a known state or "" (unset); any other value
// is an error wrapping [process.ErrInvalidValue] and leaves the receiver
// unchanged.
func (s *DocumentState) UnmarshalText(b []byte) error { return process.UnmarshalEnum(s, b) }

// Valid reports whether s is a state of the document lifecycle.
func (s DocumentState) Valid() bool { return documentLifecycle.Valid(s) }

var documentLifecycle = process.MustLifecycle(process.KindDocument, DocDraft,
	[]DocumentState{DocDraft, DocApproved, DocIssued, DocUnderReview, DocObsolete},
	[]DocumentState{DocObsolete},
	[]process.Move[DocumentState]{
		{From: []DocumentState{DocDraft, DocUnderReview}, To: DocApproved, Role: process.RoleManagementRep},
		{From: []DocumentState{DocApproved}, To: DocIssued, Role: process.RoleManagementRep},
		{From: []DocumentState{DocIssued}, To: DocUnderReview},
		{From: []DocumentState{DocUnderReview}, To: DocDraft}, // revision needed
		{From: []DocumentState{DocDraft, DocApproved, DocIssued, DocUnderReview}, To: DocObsolete, Role: process.RoleManagementRep},
	})

// Lifecycle returns the lifecycle of controlled documents: draft,
// approved, issued, under review, obsolete. A document is issued only once
// approved, and re-approved after review; approval, issue and withdrawal
// need the management representative (ISO/IEC 20000-1:2011, 4.3.2).
// The receiver is not read: a nil *Document gives the same lifecycle.
func (*Document) Lifecycle() *process.Lifecycle[DocumentState] { return documentLifecycle }

// Document is a controlled SMS document: the policy, a plan, a documented
// process or procedure, or an external document, with its version, owner
// and the date its next review is due (ISO/IEC 20000-1:2011, 4.3.1,
// 4.3.2).
type Document struct {
	process.Header
	Version string `json:"version"`
	Owner   string `json:"owner"`
	// Process is the process whose policy, documented process, procedure
	// or plan the document is; "" for a document of the SMS as a whole
	// (ISO/IEC 20000-1:2011, 4.3.1).
	Process process.Process `json:"process,omitempty"`
	// External marks a document of outside origin controlled by the SMS.
	External bool `json:"external,omitempty"`
	// Location says where the current version is available to its users.
	Location  string    `json:"location,omitempty"`
	ReviewDue time.Time `json:"reviewDue,omitzero"`
	// ApprovedBy and ApprovedAt are set on approval.
	ApprovedBy string    `json:"approvedBy,omitempty"`
	ApprovedAt time.Time `json:"approvedAt,omitzero"`
}

// NewDocument starts a draft document at version (ISO/IEC 20000-1:2011,
// 4.3.2).
func NewDocument(title, version, owner string, by process.Actor, at time.Time) *Document {
	d := &Document{Header: process.NewHeader(process.KindDocument, title, by, at), Version: version, Owner: owner}
	documentLifecycle.Start(&d.Header)
	return d
}

// State returns the document's state in its [Document.Lifecycle] (ISO/IEC
// 20000-1:2011, 4.3.2).
func (d *Document) State() DocumentState { return DocumentState(d.Status) }

// Obsolete reports whether the document is marked obsolete (ISO/IEC
// 20000-1:2011, 4.3.2).
func (d *Document) Obsolete() bool { return d.State() == DocObsolete }

// Move moves the document along its [Document.Lifecycle]. Issue needs a
// review date after at; approval records the approver (ISO/IEC
// 20000-1:2011, 4.3.2).
func (d *Document) Move(by process.Actor, at time.Time, to DocumentState, note string) error {
	err := documentLifecycle.Apply(by, at, &d.Header, to, note, func() error {
		if to == DocApproved {
			if err := d.Validate(); err != nil {
				return fmt.Errorf("%w: %w", process.ErrPrecondition, err)
			}
		}
		if to == DocIssued && !d.ReviewDue.After(at) {
			return fmt.Errorf("%w: reviewDue must be after the issue date", process.ErrPrecondition)
		}
		return nil
	})
	if err == nil && to == DocApproved {
		d.ApprovedBy, d.ApprovedAt = by.ID, at
	}
	return err
}

// Validate reports every field at fault: version and owner are required, a
// process named must be known; a document past draft records its approver; an issued document or one
// under review has a review date (ISO/IEC 20000-1:2011, 4.3.2).
func (d *Document) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: d.Subject()}
	process.ValidateHeader(&d.Header, process.KindDocument, &v)
	documentLifecycle.ValidateState(&d.Header, &v)
	v.RequireText("version", d.Version)
	v.RequireText("owner", d.Owner)
	if d.Process != "" && !d.Process.Valid() {
		v.Addf("process", process.ErrInvalidValue, "unknown process %q", string(d.Process))
	}
	switch d.State() {
	case DocApproved, DocIssued, DocUnderReview:
		v.Require("approvedBy", d.ApprovedBy != "")
		v.Require("approvedAt", !d.ApprovedAt.IsZero())
	}
	if s := d.State(); s == DocIssued || s == DocUnderReview {
		v.Require("reviewDue", !d.ReviewDue.IsZero())
	}
	return v.Err()
}
