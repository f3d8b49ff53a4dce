package process

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidationError(t *testing.T) {
	var empty ValidationError
	assert.NoError(t, empty.Err())
	var nilv *ValidationError
	assert.NoError(t, nilv.Err())

	v := ValidationError{Subject: "incident 0190a3c1"}
	v.Require("title", false)
	v.Require("impact", true)
	v.Addf("targets[2].value", ErrInvalidValue, "%d is negative", -3)
	err := v.Err()
	require.Error(t, err)
	assert.Equal(t, "process: incident 0190a3c1 invalid: title: required; targets[2].value: -3 is negative: invalid value", err.Error())
	assert.ErrorIs(t, err, ErrInvalid)
	assert.ErrorIs(t, err, ErrRequired)
	assert.ErrorIs(t, err, ErrInvalidValue)
	assert.NotErrorIs(t, err, ErrNotFound)

	wrapped := fmt.Errorf("saving: %w", err)
	var ve *ValidationError
	require.True(t, errors.As(wrapped, &ve))
	assert.True(t, ve.Has("title", ErrRequired))
	assert.True(t, ve.Has("targets[2].value", nil))
	assert.False(t, ve.Has("title", ErrInvalidValue))
	var fe FieldError
	require.True(t, errors.As(wrapped, &fe))
	assert.Equal(t, "title", fe.Path)
}

func TestValidationErrorMerge(t *testing.T) {
	inner := ValidationError{Subject: "target"}
	inner.Require("value", false)
	inner.Require("", false)
	inner.Add("[0]", ErrInvalidValue)

	outer := ValidationError{Subject: "sla"}
	outer.Merge("targets[2]", inner.Err())
	outer.Merge("ignored", nil)
	outer.Merge("calendar", errors.New("boom"))
	outer.Merge("", inner.Err())
	assert.Equal(t, []string{"targets[2].value", "targets[2]", "targets[2][0]", "calendar", "value", "", "[0]"}, paths(outer))
}

func paths(v ValidationError) []string {
	var ps []string
	for _, f := range v.Fields {
		ps = append(ps, f.Path)
	}
	return ps
}

func TestTransitionError(t *testing.T) {
	id := MustParseID("0190a3c1-0000-7000-8000-000000000001")
	err := error(&TransitionError{Kind: KindRequestForChange, ID: id, From: "requested", To: "authorised", Err: fmt.Errorf("%w: %s", ErrForbidden, RoleChangeAuthority)})
	assert.Equal(t, "process: request-for-change 00000001: cannot move from requested to authorised: role required: change-authority", err.Error())
	assert.ErrorIs(t, err, ErrForbidden)
	var te *TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "requested", te.From)
	empty := &TransitionError{Kind: KindIncident, To: "new", Err: ErrInvalidTransition}
	assert.Equal(t, "process: incident: cannot move from (none) to new: invalid transition", empty.Error())
}

// A reason merged from the same package does not repeat its name; one from
// another package keeps its own.
func TestValidationErrorPrefixOnce(t *testing.T) {
	v := ValidationError{Package: "sms", Subject: "policy"}
	v.Add("a", fmt.Errorf("sms: inner: %w", ErrRequired))
	v.Add("b", fmt.Errorf("budgeting: money: %w", ErrInvalidValue))
	if got, want := v.Error(), "sms: policy invalid: a: inner: required; b: budgeting: money: invalid value"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
