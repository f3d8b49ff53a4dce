package process

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLifecycleQueries(t *testing.T) {
	l := widgetLifecycle
	assert.Equal(t, kindWidget, l.Kind())
	assert.Equal(t, widgetNew, l.Initial())
	assert.Equal(t, []widgetState{widgetNew, widgetActive, widgetDone}, l.States())
	assert.True(t, l.Valid(widgetActive))
	assert.False(t, l.Valid("gone"))
	assert.True(t, l.Final(widgetDone))
	assert.False(t, l.Final(widgetNew))
	assert.Equal(t, []widgetState{widgetDone, widgetNew}, l.Next(widgetActive))
	assert.Empty(t, l.Next(widgetDone))
	role, ok := l.Can(widgetActive, widgetDone)
	assert.True(t, ok)
	assert.Equal(t, RoleChangeManager, role)
	_, ok = l.Can(widgetNew, widgetDone)
	assert.False(t, ok)
	n := 0
	for m := range l.Moves() {
		m.From[0] = "tampered"
		n++
	}
	assert.Equal(t, 3, n)
	assert.True(t, l.Valid(widgetNew))
	_, ok = l.Can(widgetNew, widgetActive)
	assert.True(t, ok, "Moves yields copies")
}

func TestNewLifecycleInvalid(t *testing.T) {
	_, err := NewLifecycle[widgetState]("", "nowhere",
		[]widgetState{widgetNew, widgetDone},
		[]widgetState{widgetDone, "ghost"},
		[]Move[widgetState]{
			{From: []widgetState{widgetDone}, To: widgetNew},
			{From: nil, To: "limbo"},
			{From: []widgetState{"void"}, To: widgetNew},
		})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"kind", "initial", "final[1]", "moves[0].from[0]", "moves[1].to", "moves[1].from", "moves[2].from[0]"}, paths(*ve))
}

func TestApply(t *testing.T) {
	t1 := t0.Add(time.Hour)
	tests := []struct {
		name    string
		from    widgetState
		to      widgetState
		by      Actor
		at      time.Time
		check   func() error
		wantErr error
	}{
		{"allowed", widgetNew, widgetActive, nobody, t1, nil, nil},
		{"not a move", widgetNew, widgetDone, cm, t1, nil, ErrInvalidTransition},
		{"unknown state", widgetNew, "gone", cm, t1, nil, ErrInvalidTransition},
		{"role missing", widgetActive, widgetDone, nobody, t1, nil, ErrForbidden},
		{"role held", widgetActive, widgetDone, cm, t1, nil, nil},
		{"no actor", widgetNew, widgetActive, Actor{}, t1, nil, ErrRequired},
		{"no time", widgetNew, widgetActive, nobody, time.Time{}, nil, ErrRequired},
		{"time goes back", widgetNew, widgetActive, nobody, t0.Add(-time.Minute), nil, ErrInvalidValue},
		{"precondition", widgetNew, widgetActive, nobody, t1, func() error { return ErrPrecondition }, ErrPrecondition},
		{"segregation", widgetActive, widgetDone, cm, t1, func() error { return ErrSegregation }, ErrSegregation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWidget("w")
			if tt.from != widgetNew {
				require.NoError(t, widgetLifecycle.Apply(cm, t0, &w.Header, tt.from, "", nil))
			}
			before := clone(w) // not Copy: a JSON copy loses the zone of t0 (CET), and DeepEqual compares zones
			err := widgetLifecycle.Apply(tt.by, tt.at, &w.Header, tt.to, "why", tt.check)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var te *TransitionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, string(tt.from), te.From)
				assert.Equal(t, string(tt.to), te.To)
				assert.Equal(t, w.ID, te.ID)
				assert.True(t, reflect.DeepEqual(before, w), "record changed by a refused move")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, string(tt.to), w.Status)
			assert.Equal(t, tt.at, w.Updated)
			last := w.History[len(w.History)-1]
			assert.Equal(t, Event{At: tt.at, Actor: tt.by.ID, Action: ActionMoved, From: string(tt.from), To: string(tt.to), Note: "why"}, last)
			assert.NoError(t, w.Validate())
		})
	}
}

func TestApplyFinalStateHasNoMoves(t *testing.T) {
	w := newWidget("w")
	w.Status = string(widgetDone)
	for _, s := range widgetLifecycle.States() {
		assert.ErrorIs(t, widgetLifecycle.Apply(cm, t0, &w.Header, s, "", nil), ErrInvalidTransition, "done → %s", s)
	}
	assert.True(t, slices.Equal([]widgetState(nil), widgetLifecycle.Next(widgetDone)))
}

func TestApplyRefusesLibraryKinds(t *testing.T) {
	inc := NewIncident("x", cm, t0)
	before := inc.Status
	err := incidentLifecycle.Apply(cm, t0, &inc.Header, IncidentAssigned, "", nil)
	assert.ErrorIs(t, err, ErrInvalidTransition)
	var te *TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, before, inc.Status)
}
