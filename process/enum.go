package process

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Enum is a typed string enumeration of the module (a state, a category, a
// reason): the zero value "" means unset, and Valid says whether a value is
// one the type knows. Every enumeration of the module follows one encoding
// rule, which [MarshalEnum], [UnmarshalEnum] and [CheckEnum] implement: a
// known value reads and writes as its code; "" reads and writes as unset
// (so json.Marshal of a zero record works, and Validate then reports the
// field as required); any other value is refused with an error wrapping
// [ErrInvalidValue] that leaves the destination unchanged.
type Enum interface {
	~string
	Valid() bool
}

// MarshalEnum encodes e for its MarshalText method: its code, or nothing
// when unset. An unknown value is an error wrapping [ErrInvalidValue] that
// names the package and type of e ("sms: unknown PartyType "x"").
func MarshalEnum[E Enum](e E) ([]byte, error) {
	if e != "" && !e.Valid() {
		return nil, unknownEnum(e)
	}
	return []byte(e), nil
}

// UnmarshalEnum decodes text into *dst for an UnmarshalText method,
// accepting a known code or "" (unset) and refusing any other value, which
// leaves *dst unchanged.
func UnmarshalEnum[E Enum](dst *E, b []byte) error {
	e := E(b)
	if e != "" && !e.Valid() {
		return unknownEnum(e)
	}
	*dst = e
	return nil
}

// unknownEnum is the error for a value of an enumeration that it does not
// know, naming the enumeration's package and type.
func unknownEnum[E Enum](e E) error {
	name := fmt.Sprintf("%T", e)
	pkg, typ, ok := strings.Cut(name, ".")
	if !ok {
		pkg, typ = "process", name
	}
	return fmt.Errorf("%s: unknown %s %q: %w", pkg, typ, string(e), ErrInvalidValue)
}

// CheckEnum adds to v a finding for path when e is unset ([ErrRequired]) or
// unknown ([ErrInvalidValue]); Validate methods call it for required
// enumerations.
func CheckEnum[E Enum](v *ValidationError, path string, e E) {
	switch {
	case e == "":
		v.Add(path, ErrRequired)
	case !e.Valid():
		v.Addf(path, ErrInvalidValue, "%q", string(e))
	}
}

// checkIDs adds to v a finding for each zero or repeated ID in list, and
// for an empty list when required.
func checkIDs(v *ValidationError, path string, list []ID, required bool) {
	if required {
		v.Require(path, len(list) > 0)
	}
	validateRefs(v, nil, path, list, "")
}

// requireTexts returns an error wrapping [ErrRequired] and
// [ErrPrecondition] naming field when a move is given no texts, or a blank
// one, for it.
func requireTexts(field string, list []string) error {
	if len(list) == 0 || slices.ContainsFunc(list, blank) {
		return missing(field)
	}
	return nil
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
