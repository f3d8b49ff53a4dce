package sms

import (
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestActionLifecycleToClosed(t *testing.T) {
	m := validImprovement()
	at := t0.Add(time.Hour)
	require.NoError(t, m.Move(board, at, ActionApproved, "worth it"))
	m.Plan, m.Due = "self-service portal", at.AddDate(0, 1, 0)
	require.NoError(t, m.Move(clerk, at, ActionPlanned, ""))
	require.NoError(t, m.Move(clerk, at, ActionImplemented, ""))
	err := m.Move(clerk, at, ActionMeasured, "")
	require.ErrorIs(t, err, process.ErrPrecondition)
	m.Targets[0].Result, m.Targets[0].Met = "100%", true
	require.NoError(t, m.Move(clerk, at, ActionMeasured, ""))
	require.ErrorIs(t, m.Move(clerk, at, ActionClosed, ""), process.ErrForbidden)
	require.NoError(t, m.Move(rep, at, ActionClosed, ""))
	assert.True(t, m.Achieved())
	assert.True(t, improvementLifecycle.Final(m.State()))
	require.NoError(t, m.Validate())
}
