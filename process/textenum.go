package process

import (
	"fmt"
	"time"
)

// textEnum is a typed string enumeration of the records of Clauses 5 to 7:
// the zero value means unset, and Valid says whether a value is known.
type textEnum interface {
	~string
	Valid() bool
}

// marshalEnum encodes e as text: its code, or "" when unset. Any other
// unknown value is an error wrapping [ErrInvalidValue].
func marshalEnum[E textEnum](e E, what string) ([]byte, error) {
	if e != "" && !e.Valid() {
		return nil, fmt.Errorf("process: unknown %s %q: %w", what, string(e), ErrInvalidValue)
	}
	return []byte(e), nil
}

// unmarshalEnum decodes text into *dst, accepting a known code or "" (unset,
// which Validate then reports) and refusing any other value, which leaves
// *dst unchanged.
func unmarshalEnum[E textEnum](dst *E, b []byte, what string) error {
	e := E(b)
	if e != "" && !e.Valid() {
		return fmt.Errorf("process: unknown %s %q: %w", what, string(b), ErrInvalidValue)
	}
	*dst = e
	return nil
}

// checkEnum adds to v a finding for path when e is unset or unknown.
func checkEnum[E textEnum](v *ValidationError, path string, e E) {
	switch {
	case e == "":
		v.Add(path, ErrRequired)
	case !e.Valid():
		v.Addf(path, ErrInvalidValue, "%q", string(e))
	}
}

// checkTexts adds to v a finding for path when list is empty, and one for
// each empty entry.
func checkTexts(v *ValidationError, path string, list []string) {
	v.Require(path, len(list) > 0)
	for i, s := range list {
		v.Require(fmt.Sprintf("%s[%d]", path, i), s != "")
	}
}

// checkIDs adds to v a finding for each zero ID in list, and for an empty
// list when required.
func checkIDs(v *ValidationError, path string, list []ID, required bool) {
	if required {
		v.Require(path, len(list) > 0)
	}
	for i, id := range list {
		v.Require(fmt.Sprintf("%s[%d]", path, i), !id.IsZero())
	}
}

// checkPeriod adds to v the findings for a period from start to end: both
// required, and end not before start.
func checkPeriod(v *ValidationError, startPath, endPath string, start, end time.Time) {
	v.Require(startPath, !start.IsZero())
	v.Require(endPath, !end.IsZero())
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		v.Addf(endPath, ErrInvalidValue, "before %s", startPath)
	}
}

// checkNotBefore adds to v a finding for path when t is set and before
// since.
func checkNotBefore(v *ValidationError, path string, t, since time.Time, sinceName string) {
	if !t.IsZero() && !since.IsZero() && t.Before(since) {
		v.Addf(path, ErrInvalidValue, "before %s", sinceName)
	}
}

// linkCheck returns a check for a lifecycle move that needs a link of type
// t from h: an error wrapping [ErrPrecondition] when there is none.
func linkCheck(h *Header, t LinkType, what string) error {
	if len(h.Linked(t)) == 0 {
		return fmt.Errorf("no %s linked (%s): %w", what, t, ErrPrecondition)
	}
	return nil
}

// precondition wraps the findings of a validation as an unmet precondition
// of a move.
func precondition(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrPrecondition, err)
}
