package priority

import (
	"errors"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOverride(t *testing.T) {
	computed, err := DefaultMatrix().Prioritise(process.LevelMedium, process.LevelMedium)
	require.NoError(t, err)
	by := process.Actor{ID: "ines", Roles: []process.Role{process.RoleIncidentManager}}
	at := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)

	_, err = NewOverride(computed, 1, "", by, at)
	var ve *process.ValidationError
	require.True(t, errors.As(err, &ve), "an override needs a reason: %v", err)
	assert.True(t, ve.Has("reason", process.ErrRequired))
	_, err = NewOverride(computed, 0, "x", process.Actor{}, time.Time{})
	require.True(t, errors.As(err, &ve))
	for _, p := range []string{"priority", "by", "at"} {
		assert.True(t, ve.Has(p, process.ErrRequired), "want %s in %v", p, err)
	}

	o, err := NewOverride(computed, 1, "board meeting in one hour", by, at)
	require.NoError(t, err)
	assert.Equal(t, process.Priority(1), o.Priority)
	assert.Equal(t, process.Priority(3), o.Computed.Priority)
	e := o.Event()
	assert.Equal(t, process.Event{At: at, Actor: "ines", Action: process.ActionChanged, Field: "priority", From: "P3", To: "P1",
		Note: "board meeting in one hour (matrix default v1)"}, e)
}
