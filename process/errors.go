package process

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Sentinel errors for the kinds of failure. Every error the library returns
// wraps one or more of them, so callers match with [errors.Is].
var (
	// ErrInvalid is wrapped by every *ValidationError.
	ErrInvalid = errors.New("invalid")
	// ErrRequired marks a field the clause asks for that is missing.
	ErrRequired = errors.New("required")
	// ErrInvalidValue marks a value outside its domain (an unknown state, a
	// negative duration, an end before its start).
	ErrInvalidValue = errors.New("invalid value")
	// ErrUnknownKind marks a record kind the library does not know and that
	// is not a custom kind.
	ErrUnknownKind = errors.New("unknown record kind")
	// ErrInvalidLink marks a link whose type does not join the kinds it joins.
	ErrInvalidLink = errors.New("invalid link")
	// ErrInvalidTransition is returned when a lifecycle move is not allowed
	// from the record's current state.
	ErrInvalidTransition = errors.New("invalid transition")
	// ErrForbidden is returned when the actor lacks the role a move needs.
	ErrForbidden = errors.New("role required")
	// ErrSegregation is returned when a move would break segregation of
	// duties (for example the requester of a change approving it alone).
	ErrSegregation = errors.New("segregation of duties")
	// ErrPrecondition is returned when a move is allowed from the state but a
	// condition on the record is not met (a major incident closed before its
	// review, a release deployed without a baseline).
	ErrPrecondition = errors.New("precondition not met")
	// ErrNotFound is returned when a record is not in a store.
	ErrNotFound = errors.New("not found")
	// ErrExists is returned when a record to be created already exists.
	ErrExists = errors.New("already exists")
	// ErrHistoryRewritten is returned when a stored record's history would
	// lose or change entries: histories are append-only.
	ErrHistoryRewritten = errors.New("history rewritten")
	// ErrInconsistent is returned when a record disagrees with its own
	// history or with the records it names: a status the history's moves do
	// not lead to, a requester who is not the creator, a priority no history
	// entry set, content changed after an approval bound it, a known error
	// whose problem is not stored.
	ErrInconsistent = errors.New("inconsistent with history")
	// ErrProtected is returned by [Set] for a field that carries
	// accountability (who requested, who approved, who implemented) or that
	// an approval binds: those change only through the record's methods.
	ErrProtected = errors.New("protected field")
	// ErrTooLarge is returned for an untrusted number past the library's
	// limits (see [MaxDigits] and [MaxExponent]): refused rather than left
	// to make arithmetic or formatting hang.
	ErrTooLarge = errors.New("number too large")
	// ErrSupplierCycle is returned by [SupplierChain] when following the
	// lead suppliers comes back to a supplier already seen: a chain of
	// sub-contracting must end at a lead supplier (ISO/IEC 20000-1:2011,
	// 7.2).
	ErrSupplierCycle = errors.New("supplier chain has a cycle")
)

// FieldError is one field at fault in a record: its path from the record's
// root in JSON names ("targets[2].value") and the sentinel that says what is
// wrong with it, possibly wrapped with detail.
type FieldError struct {
	Path string
	Err  error
}

// Error returns "path: reason".
func (e FieldError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the reason.
func (e FieldError) Unwrap() error { return e.Err }

// ValidationError lists every field at fault in one record or value. It is
// the one validation error type of the library: every Validate method
// returns a *ValidationError or nil. It matches [ErrInvalid] and each
// field's reason with [errors.Is] (errors.Is(err, ErrRequired)).
//
// A zero ValidationError is an empty builder: add findings with [ValidationError.Add]
// or [ValidationError.Require] and finish with [ValidationError.Err].
type ValidationError struct {
	// Package names the package of the module that reports the error, as
	// the message's prefix ("sms", "budgeting"); "" reads as "process".
	// Validate methods of records set it from the record's kind.
	Package string
	// Subject names what was validated, as messages name it: the record's
	// kind and short ID ("incident 0190a3c1"), or a value's name.
	Subject string
	Fields  []FieldError
}

// Subject returns how messages name a record: its kind and short ID.
func Subject(kind RecordKind, id ID) string {
	if id.IsZero() {
		return string(kind)
	}
	return string(kind) + " " + id.Short()
}

// Add records that the field at path is at fault for reason err.
func (e *ValidationError) Add(path string, err error) {
	e.Fields = append(e.Fields, FieldError{Path: path, Err: err})
}

// Addf records that the field at path is at fault for reason sentinel,
// with a formatted detail.
func (e *ValidationError) Addf(path string, sentinel error, format string, args ...any) {
	e.Add(path, fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), sentinel))
}

// Require records [ErrRequired] for path unless ok.
func (e *ValidationError) Require(path string, ok bool) {
	if !ok {
		e.Add(path, ErrRequired)
	}
}

// RequireText records [ErrRequired] for path unless s holds more than
// space: a blank name or description is as missing as an empty one.
func (e *ValidationError) RequireText(path, s string) {
	e.Require(path, strings.TrimSpace(s) != "")
}

// CheckTexts records [ErrRequired] for each blank entry of list
// ("path[2]"), and for path itself when required and list is empty.
func (e *ValidationError) CheckTexts(path string, list []string, required bool) {
	if required {
		e.Require(path, len(list) > 0)
	}
	for i, x := range list {
		e.Require(fmt.Sprintf("%s[%d]", path, i), strings.TrimSpace(x) != "")
	}
}

// Identity records a finding for path unless id is an identity
// [CheckIdentity] accepts: [ErrRequired] when blank, [ErrInvalidValue]
// otherwise.
func (e *ValidationError) Identity(path, id string) {
	if err := CheckIdentity(id); err != nil {
		e.Add(path, err)
	}
}

// Identities records a finding for each entry of list that is not an
// identity ("path[2]"), for each entry repeated, and [ErrRequired] for path
// itself when required and list is empty.
func (e *ValidationError) Identities(path string, list []string, required bool) {
	if required {
		e.Require(path, len(list) > 0)
	}
	for i, x := range list {
		p := fmt.Sprintf("%s[%d]", path, i)
		e.Identity(p, x)
		if slices.Index(list, x) < i {
			e.Addf(p, ErrInvalidValue, "%q repeated", x)
		}
	}
}

// Merge adds the findings of a nested validation under prefix ("targets[2]"):
// err's field paths are joined to prefix with a dot. Any other non-nil error
// is added as the field prefix itself.
func (e *ValidationError) Merge(prefix string, err error) {
	if err == nil {
		return
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		e.Add(prefix, err)
		return
	}
	for _, f := range ve.Fields {
		p := f.Path
		switch {
		case prefix == "":
		case p == "":
			p = prefix
		case strings.HasPrefix(p, "["):
			p = prefix + p
		default:
			p = prefix + "." + p
		}
		e.Add(p, f.Err)
	}
}

// Err returns e if it holds any finding, and nil otherwise.
func (e *ValidationError) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Error lists every field at fault: "process: incident 0190a3c1 invalid:
// title: required; impact: invalid value".
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString(cmp.Or(e.Package, "process"))
	b.WriteString(": ")
	if e.Subject != "" {
		b.WriteString(e.Subject)
		b.WriteString(" ")
	}
	b.WriteString("invalid: ")
	prefix := cmp.Or(e.Package, "process") + ": "
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		// A reason from the same package, merged in, does not repeat
		// the package's name.
		b.WriteString(f.Path + ": " + strings.TrimPrefix(f.Err.Error(), prefix))
	}
	return b.String()
}

// Unwrap returns ErrInvalid followed by each field's error, so that
// [errors.Is] matches any of their reasons and [errors.As] finds a
// [FieldError].
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, 0, len(e.Fields)+1)
	errs = append(errs, ErrInvalid)
	for _, f := range e.Fields {
		errs = append(errs, f)
	}
	return errs
}

// Has reports whether the field at path is at fault, for reason err if err
// is not nil.
func (e *ValidationError) Has(path string, err error) bool {
	for _, f := range e.Fields {
		if f.Path == path && (err == nil || errors.Is(f.Err, err)) {
			return true
		}
	}
	return false
}

// TransitionError reports a lifecycle move refused: which record, the state it
// is in, the move asked for and why (a sentinel: [ErrInvalidTransition],
// [ErrForbidden], [ErrSegregation] or [ErrPrecondition], possibly with detail).
// The record is unchanged when a move returns a TransitionError.
type TransitionError struct {
	Kind RecordKind
	ID   ID
	From string // the state the record is in
	To   string // the state the move leads to
	Err  error
}

// Error reads "process: change 0190a3c1: cannot move from requested to
// authorised: role required: change-authority", prefixed with the package
// of the record's kind ([RecordKind.Package]).
func (e *TransitionError) Error() string {
	return fmt.Sprintf("%s: %s: cannot move from %s to %s: %v", e.Kind.Package(), Subject(e.Kind, e.ID), orNone(e.From), e.To, e.Err)
}

// Unwrap returns the reason.
func (e *TransitionError) Unwrap() error { return e.Err }

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
