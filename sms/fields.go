package sms

import (
	"fmt"
	"strings"

	"github.com/smskit/iso20000/process"
)

// checkTexts requires a non-empty list of non-blank texts at path.
func checkTexts(v *process.ValidationError, path string, xs []string) {
	v.Require(path, len(xs) > 0)
	validateTexts(v, path, xs)
}

// validateTexts requires every text of an optional list to be non-blank.
func validateTexts(v *process.ValidationError, path string, xs []string) {
	for i, x := range xs {
		v.Require(fmt.Sprintf("%s[%d]", path, i), strings.TrimSpace(x) != "")
	}
}

// requireText requires a non-blank text at path.
func requireText(v *process.ValidationError, path, s string) {
	v.Require(path, strings.TrimSpace(s) != "")
}

// textEnum is a typed string enumeration: "" means unset, and Valid says
// whether a value is known.
type textEnum interface {
	~string
	Valid() bool
}

// marshalEnum encodes e: its code, or "" when unset; any other unknown
// value is refused.
func marshalEnum[E textEnum](e E, what string) ([]byte, error) {
	if e != "" && !e.Valid() {
		return nil, fmt.Errorf("sms: unknown %s %q: %w", what, string(e), process.ErrInvalidValue)
	}
	return []byte(e), nil
}

// unmarshalEnum decodes text into *dst, accepting a known code or "" (unset,
// which Validate reports) and refusing any other value, leaving *dst
// unchanged.
func unmarshalEnum[E textEnum](dst *E, b []byte, what string) error {
	e := E(b)
	if e != "" && !e.Valid() {
		return fmt.Errorf("sms: unknown %s %q: %w", what, string(b), process.ErrInvalidValue)
	}
	*dst = e
	return nil
}

// checkEnum adds a finding for path when e is unset or unknown.
func checkEnum[E textEnum](v *process.ValidationError, path string, e E) {
	switch {
	case e == "":
		v.Add(path, process.ErrRequired)
	case !e.Valid():
		v.Addf(path, process.ErrInvalidValue, "%q", string(e))
	}
}

// mustLifecycle builds one of the package's lifecycles; tests check them,
// so a failure is a programming error.
func mustLifecycle[S ~string](kind process.RecordKind, initial S, states, final []S, moves []process.Move[S]) *process.Lifecycle[S] {
	l, err := process.NewLifecycle(kind, initial, states, final, moves)
	if err != nil {
		panic(err)
	}
	return l
}

// validateState adds a finding when status is not a state of l.
func validateState[S ~string](v *process.ValidationError, l *process.Lifecycle[S], status string) {
	switch {
	case status == "":
		v.Add("status", process.ErrRequired)
	case !l.Valid(S(status)):
		v.Addf("status", process.ErrInvalidValue, "%q is not a %s state", status, l.Kind())
	}
}

// start sets a new record's state to the lifecycle's initial one.
func start[S ~string](h *process.Header, l *process.Lifecycle[S]) { h.Status = string(l.Initial()) }
