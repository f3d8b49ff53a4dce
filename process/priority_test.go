package process

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultPriorityMatrix(t *testing.T) {
	m := DefaultPriorityMatrix()
	require.NoError(t, m.Validate())
	tests := []struct {
		impact, urgency Level
		want            Priority
	}{
		{LevelHigh, LevelHigh, 1}, {LevelHigh, LevelMedium, 2}, {LevelHigh, LevelLow, 3},
		{LevelMedium, LevelHigh, 2}, {LevelMedium, LevelMedium, 3}, {LevelMedium, LevelLow, 4},
		{LevelLow, LevelHigh, 3}, {LevelLow, LevelMedium, 4}, {LevelLow, LevelLow, 5},
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
	assert.Equal(t, PriorityTarget{Priority: 1, Name: "critical", FirstResponse: 15 * time.Minute, Resolution: 4 * time.Hour, Clock: ClockAroundTheClock}, p1)
	p5, _ := m.Target(5)
	assert.Equal(t, time.Duration(0), p5.Resolution, "planning: no resolution target")

	_, err := m.Prioritise("severe", LevelHigh)
	assert.ErrorIs(t, err, ErrInvalidValue)

	// The default is a fresh copy: changing one changes no other.
	m.Cells[0][0] = 5
	assert.Equal(t, Priority(1), DefaultPriorityMatrix().Cells[0][0])
}

func TestPriorityMatrixValidate(t *testing.T) {
	m := &PriorityMatrix{
		Version:   0,
		Impacts:   []Level{"big", "big"},
		Urgencies: []Level{"now", ""},
		Cells:     [][]Priority{{1, 0}, {2}},
		Targets: []PriorityTarget{
			{Priority: 1, Name: "one", Clock: "whenever", Resolution: -time.Hour},
			{Priority: 1, Clock: ClockAroundTheClock},
		},
	}
	err := m.Validate()
	var ve *ValidationError
	require.True(t, errors.As(err, &ve), "got %v", err)
	for _, p := range []string{"id", "version", "impacts[1]", "urgencies[1]", "cells[0][1]", "cells[1]",
		"targets[0].clock", "targets[0].resolution", "targets[1].priority", "targets[1].name", "targets"} {
		assert.True(t, ve.Has(p, nil), "want a finding at %s in %v", p, err)
	}
}

func TestMatrixResolver(t *testing.T) {
	sla, service, other := NewID(), NewID(), NewID()
	// A customer's own matrix: two levels each, four priorities... all 24x7.
	gold := &PriorityMatrix{ID: "gold", Version: 3,
		Impacts: []Level{"wide", "narrow"}, Urgencies: []Level{"now", "later"},
		Cells: [][]Priority{{1, 2}, {2, 3}},
		Targets: []PriorityTarget{
			{Priority: 1, Name: "p1", FirstResponse: 5 * time.Minute, Resolution: 2 * time.Hour, Clock: ClockAroundTheClock},
			{Priority: 2, Name: "p2", FirstResponse: 15 * time.Minute, Resolution: 4 * time.Hour, Clock: ClockAroundTheClock},
			{Priority: 3, Name: "p3", FirstResponse: time.Hour, Resolution: 8 * time.Hour, Clock: ClockServiceHours},
		}}
	svc := DefaultPriorityMatrix()
	svc.ID, svc.Version = "payments", 2
	svc.Cells[1][1] = 2
	r := &MatrixResolver{BySLA: map[ID]*PriorityMatrix{sla: gold}, ByService: map[ID]*PriorityMatrix{service: svc}}
	require.NoError(t, r.Validate())

	got, err := r.Prioritise(sla, service, "wide", "later")
	require.NoError(t, err)
	assert.Equal(t, Prioritisation{Priority: 2, Impact: "wide", Urgency: "later", Matrix: "gold", Version: 3}, got, "the SLA's matrix first")
	got, err = r.Prioritise(ID{}, service, LevelMedium, LevelMedium)
	require.NoError(t, err)
	assert.Equal(t, Prioritisation{Priority: 2, Impact: LevelMedium, Urgency: LevelMedium, Matrix: "payments", Version: 2}, got, "then the service's")
	got, err = r.Prioritise(other, other, LevelMedium, LevelMedium)
	require.NoError(t, err)
	assert.Equal(t, "default", got.Matrix, "then the default")
	assert.Equal(t, Priority(3), got.Priority)

	r.BySLA[other] = &PriorityMatrix{ID: "broken", Version: 1}
	var ve *ValidationError
	require.True(t, errors.As(r.Validate(), &ve))
	assert.True(t, ve.Has("bySLA["+other.String()+"].impacts", ErrRequired), "%v", ve)
}

func TestOverride(t *testing.T) {
	computed, err := DefaultPriorityMatrix().Prioritise(LevelMedium, LevelMedium)
	require.NoError(t, err)
	by := Actor{Name: "ines", Roles: []Role{RoleIncidentManager}}
	at := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)

	_, err = NewOverride(computed, 1, "", by, at)
	var ve *ValidationError
	require.True(t, errors.As(err, &ve), "an override needs a reason: %v", err)
	assert.True(t, ve.Has("reason", ErrRequired))
	_, err = NewOverride(computed, 0, "x", Actor{}, time.Time{})
	require.True(t, errors.As(err, &ve))
	for _, p := range []string{"priority", "by", "at"} {
		assert.True(t, ve.Has(p, ErrRequired), "want %s in %v", p, err)
	}

	o, err := NewOverride(computed, 1, "board meeting in one hour", by, at)
	require.NoError(t, err)
	assert.Equal(t, Priority(1), o.Priority)
	assert.Equal(t, Priority(3), o.Computed.Priority)
	e := o.Event()
	assert.Equal(t, Event{At: at, Actor: "ines", Action: ActionChanged, Field: "priority", From: "P3", To: "P1",
		Note: "board meeting in one hour (matrix default v1)"}, e)
}

func TestMajorCriteria(t *testing.T) {
	payments := NewID()
	c := DefaultMajorCriteria()
	require.NoError(t, c.Validate())
	tests := []struct {
		name  string
		facts IncidentFacts
		major bool
		rules []string
	}{
		{"P1 on a critical service", IncidentFacts{Priority: 1, CriticalService: true}, true, []string{"priority 1 on a critical service"}},
		{"P1 on another service", IncidentFacts{Priority: 1}, false, nil},
		{"P2 on a critical service", IncidentFacts{Priority: 2, CriticalService: true}, false, nil},
		{"many users", IncidentFacts{Priority: 3, AffectedUsers: 100}, true, []string{"100 or more users affected"}},
		{"both", IncidentFacts{Priority: 1, CriticalService: true, AffectedUsers: 5000}, true,
			[]string{"priority 1 on a critical service", "100 or more users affected"}},
		{"unset priority", IncidentFacts{CriticalService: true, AffectedUsers: 99}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			major, rules := c.Evaluate(tt.facts)
			assert.Equal(t, tt.major, major)
			assert.Equal(t, tt.rules, rules)
		})
	}

	all := &MajorCriteria{ID: "acme", Version: 2, Match: MatchAll, Rules: []MajorRule{
		{Name: "payments", Services: []ID{payments}},
		{Name: "P2 or higher", MaxPriority: 2},
	}}
	require.NoError(t, all.Validate())
	major, rules := all.Evaluate(IncidentFacts{Priority: 2, Service: payments})
	assert.True(t, major)
	assert.Equal(t, []string{"payments", "P2 or higher"}, rules)
	major, rules = all.Evaluate(IncidentFacts{Priority: 3, Service: payments})
	assert.False(t, major, "all of: one rule is not enough")
	assert.Equal(t, []string{"payments"}, rules)

	bad := &MajorCriteria{Match: "some", Rules: []MajorRule{{Name: "x"}, {Name: "x", MinAffectedUsers: -1}}}
	var ve *ValidationError
	require.True(t, errors.As(bad.Validate(), &ve))
	for _, p := range []string{"id", "version", "match", "rules[0]", "rules[1].name", "rules[1].minAffectedUsers"} {
		assert.True(t, ve.Has(p, nil), "want a finding at %s in %v", p, ve)
	}

	b, err := json.Marshal(all)
	require.NoError(t, err)
	var back MajorCriteria
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, *all, back)
}
