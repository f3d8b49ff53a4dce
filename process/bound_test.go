package process

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An approval's digest survives the JSON a host stores records as: a bound
// record decoded from its JSON still matches what was approved.
func TestBoundSurvivesJSON(t *testing.T) {
	c := &clock{}
	sla := newSLA(t)
	require.NoError(t, sla.Agree(slm, c.next(), ""))
	ola := newOLA(t)
	require.NoError(t, ola.Agree(slm, c.next(), ""))
	for _, r := range []Bound{rfcTo(t, ChangeAuthorised, c), rfcTo(t, ChangeScheduled, c), rfcTo(t, ChangeImplemented, c), sla, ola} {
		t.Run(string(r.Meta().Kind)+" "+r.Meta().Status, func(t *testing.T) {
			_, bound := r.Scope()
			require.True(t, bound)
			require.NoError(t, checkBinding(r))
			back, err := Copy(r)
			require.NoError(t, err)
			assert.NoError(t, checkBinding(back), "after a JSON round trip")
		})
	}
}

// A refused addition to an authorised change's scope does not send it
// back: the refusal changes nothing.
func TestReviseRefusedChangesNothing(t *testing.T) {
	c := &clock{}
	r := rfcTo(t, ChangeAuthorised, c)
	svc := r.Services[0]
	refused(t, r, ErrExists, func() error { return r.AddService(nobody, c.next(), svc) })
	refused(t, r, ErrRequired, func() error { return r.Affect(nobody, c.next(), ID{}) })
	refused(t, r, ErrRequired, func() error { return r.Affect(Actor{ID: " "}, c.next(), NewID()) })
	assert.Equal(t, ChangeAuthorised, r.State())
}
