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

// unmarshalEnum decodes text into dst, refusing values valid rejects.
func unmarshalEnum[E ~string](what string, dst *E, text []byte, valid func(E) bool) error {
	e := E(text)
	if !valid(e) {
		return fmt.Errorf("sms: %s %q: %w", what, text, process.ErrInvalidValue)
	}
	*dst = e
	return nil
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
