package process

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestID(t *testing.T) {
	var zero ID
	assert.True(t, zero.IsZero())
	a, b := NewID(), NewID()
	assert.False(t, a.IsZero())
	assert.NotEqual(t, a, b)
	p, err := ParseID(a.String())
	require.NoError(t, err)
	assert.Equal(t, a, p)
	assert.Equal(t, a.String()[28:], a.Short())
	assert.NotEqual(t, a.Short(), b.Short(), "short IDs of records made together differ")
	assert.Equal(t, 0, a.Compare(a))
	assert.Equal(t, -a.Compare(b), b.Compare(a))

	ids := make([]ID, 100)
	for i := range ids {
		ids[i] = NewID()
	}
	assert.True(t, slices.IsSortedFunc(ids, ID.Compare), "v7 IDs sort by creation")

	_, err = ParseID("not-a-uuid")
	assert.ErrorIs(t, err, ErrInvalidValue)
	assert.Panics(t, func() { MustParseID("nope") })

	m := MustParseID("0190a3c1-0000-7000-8000-000000000001")
	data, err := json.Marshal(struct{ ID ID }{m})
	require.NoError(t, err)
	assert.JSONEq(t, `{"ID":"0190a3c1-0000-7000-8000-000000000001"}`, string(data))
	var back struct{ ID ID }
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, m, back.ID)
	assert.Error(t, json.Unmarshal([]byte(`{"ID":"zz"}`), &back))
}

func FuzzParseID(f *testing.F) {
	f.Add("0190a3c1-0000-7000-8000-000000000001")
	f.Add("{0190a3c1-0000-7000-8000-000000000001}")
	f.Add("urn:uuid:0190a3c1-0000-7000-8000-000000000001")
	f.Add("")
	f.Add("0190a3c100007000800000000000000g")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseID(s)
		if err != nil {
			return
		}
		again, err := ParseID(id.String())
		if err != nil || again != id {
			t.Fatalf("round trip of %q: %v, %v != %v", s, err, again, id)
		}
	})
}
