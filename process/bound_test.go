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

// Found in review: a write into a slice element of bound content is
// refused by Set whatever authority it names, and changes nothing.
func TestSetRefusesBoundElements(t *testing.T) {
	c := &clock{}
	sla := newSLA(t)
	require.NoError(t, sla.Agree(slm, c.next(), ""))
	before := clone(sla)
	err := Set(sla, "targets[0].name", &sla.Targets[0].Name, "other", NewID(), "", nobody, c.next())
	assert.ErrorIs(t, err, ErrProtected)
	assert.Equal(t, before, sla)
}

// Found in review: an agreement's digest does not depend on the location
// its dates come back in.
func TestBoundDigestIgnoresLocation(t *testing.T) {
	sla := newSLA(t)
	require.NoError(t, sla.Agree(slm, atHour(1), ""))
	sla.Start = sla.Start.UTC()
	assert.NoError(t, checkBinding(sla))
}

// hostNode is a host's record type with a cycle, an array of slices and
// an unexported map.
type hostNode struct {
	Header
	Next  *hostNode
	Tags  [2][]string
	cache map[string]int
}

func (n *hostNode) Validate() error { return nil }

// Found in review: the store's copies follow arrays and survive cycles.
func TestCloneArraysAndCycles(t *testing.T) {
	n := &hostNode{Header: NewHeader("x-node", "n", nobody, t0), Tags: [2][]string{{"a"}, {"b"}}, cache: map[string]int{}}
	n.Next = n
	c := clone(n)
	assert.Same(t, c, c.Next, "a cycle is copied as a cycle")
	assert.NotSame(t, n, c)
	c.Tags[0][0] = "changed"
	assert.Equal(t, "a", n.Tags[0][0], "an array of slices is copied")
}

// Found in review: a review of a library kind held in another Go type is
// refused, not a panic.
func TestReviewOfAnotherType(t *testing.T) {
	s := NewMemStore()
	fake := &hostNode{Header: NewHeader(KindMajorIncidentReview, "review", nobody, t0)}
	fake.Status = ""
	require.NoError(t, s.Put(fake))
	err := reviewsOf(ReadOnly(s), &Header{ID: NewID(), Links: []Link{{Type: LinkReviewedBy, To: fake.ID, Kind: KindMajorIncidentReview}}}, KindMajorIncidentReview,
		func(rv *MajorIncidentReview) ID { return rv.Incident })
	assert.ErrorIs(t, err, ErrInvalidValue)
}
