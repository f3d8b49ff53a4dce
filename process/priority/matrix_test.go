package priority

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultPriorityMatrix(t *testing.T) {
	m := DefaultMatrix()
	require.NoError(t, m.Validate())
	tests := []struct {
		impact, urgency process.Level
		want            process.Priority
	}{
		{process.LevelHigh, process.LevelHigh, 1}, {process.LevelHigh, process.LevelMedium, 2}, {process.LevelHigh, process.LevelLow, 3},
		{process.LevelMedium, process.LevelHigh, 2}, {process.LevelMedium, process.LevelMedium, 3}, {process.LevelMedium, process.LevelLow, 4},
		{process.LevelLow, process.LevelHigh, 3}, {process.LevelLow, process.LevelMedium, 4}, {process.LevelLow, process.LevelLow, 5},
	}
	for _, tt := range tests {
		t.Run(string(tt.impact)+"/"+string(tt.urgency), func(t *testing.T) {
			got, err := m.Prioritise(tt.impact, tt.urgency)
			require.NoError(t, err)
			assert.Equal(t, Prioritisation{Priority: tt.want, Impact: tt.impact, Urgency: tt.urgency, Matrix: "default", Version: 1}, got)
		})
	}
	p1, ok := m.Target(1)
	require.True(t, ok)
	assert.Equal(t, Target{Priority: 1, Name: "critical", FirstResponse: 15 * time.Minute, Resolution: 4 * time.Hour, Clock: AroundTheClock}, p1)
	p5, _ := m.Target(5)
	assert.Equal(t, time.Duration(0), p5.Resolution, "planning: no resolution target")

	_, err := m.Prioritise("severe", process.LevelHigh)
	assert.ErrorIs(t, err, process.ErrInvalidValue)

	// The default is a fresh copy: changing one changes no other.
	m.Cells[0][0] = 5
	assert.Equal(t, process.Priority(1), DefaultMatrix().Cells[0][0])
}

func TestPriorityMatrixValidate(t *testing.T) {
	m := &Matrix{
		Version:   0,
		Impacts:   []process.Level{"big", "big"},
		Urgencies: []process.Level{"now", ""},
		Cells:     [][]process.Priority{{1, 0}, {2}},
		Targets: []Target{
			{Priority: 1, Name: "one", Clock: "whenever", Resolution: -time.Hour},
			{Priority: 1, Clock: AroundTheClock},
		},
	}
	err := m.Validate()
	var ve *process.ValidationError
	require.True(t, errors.As(err, &ve), "got %v", err)
	for _, p := range []string{"id", "version", "impacts[1]", "urgencies[1]", "cells[0][1]", "cells[1]",
		"targets[0].clock", "targets[0].resolution", "targets[1].priority", "targets[1].name", "targets"} {
		assert.True(t, ve.Has(p, nil), "want a finding at %s in %v", p, err)
	}
}

func TestErrorsNamePackage(t *testing.T) {
	err := (&Matrix{ID: "broken"}).Validate()
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "priority: priority matrix broken invalid: "), "%v", err)
	_, err = Classify(process.NewIncident("x", processtest.Desk, processtest.T0), nil, "c", process.LevelLow, process.LevelLow, processtest.Desk, processtest.At(1))
	assert.True(t, strings.HasPrefix(err.Error(), "priority: "), "%v", err)
}

func TestEnumText(t *testing.T) {
	t.Run("ClockBasis", func(t *testing.T) { processtest.EnumText(t, AroundTheClock, OnServiceHours) })
	t.Run("MatchMode", func(t *testing.T) { processtest.EnumText(t, MatchAny, MatchAll) })
}
