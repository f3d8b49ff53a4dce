package process

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func collect[T any](seq func(func(T, error) bool)) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

func TestMemStorePutGet(t *testing.T) {
	s := NewMemStore()
	a, b := newWidget("a"), newWidget("b")
	require.NoError(t, s.Put(a))
	require.NoError(t, b.Link(nobody, t0, "x-uses", a.ID, kindWidget))
	require.NoError(t, s.Put(b))
	assert.Equal(t, 2, s.Len())

	got, err := s.Get(a.ID)
	require.NoError(t, err)
	assert.NotSame(t, a, got.(*coreWidget), "the store keeps its own copy")
	assert.Equal(t, a, got.(*coreWidget))
	_, err = s.Get(NewID())
	assert.ErrorIs(t, err, ErrNotFound)

	recs, err := collect(s.Records(kindWidget))
	require.NoError(t, err)
	require.Len(t, recs, 2)
	assert.Equal(t, a.ID, recs[0].Meta().ID, "insertion order")
	none, err := collect(s.Records(KindIncident))
	require.NoError(t, err)
	assert.Empty(t, none)

	back, err := collect(s.LinksTo(a.ID))
	require.NoError(t, err)
	assert.Equal(t, []Backlink{{From: b.ID, Kind: kindWidget, Type: "x-uses"}}, back)

	// Replace b without its link: the backlink goes.
	b2, err := Copy(b)
	require.NoError(t, err)
	require.NoError(t, b2.Unlink(nobody, t0.Add(time.Minute), "x-uses", a.ID))
	require.NoError(t, s.Put(b2))
	back, _ = collect(s.LinksTo(a.ID))
	assert.Empty(t, back)
	recs, _ = collect(s.Records(kindWidget))
	assert.Len(t, recs, 2, "replacement keeps one entry")
}

func TestMemStoreRefusals(t *testing.T) {
	s := NewMemStore()
	a := newWidget("a")
	require.NoError(t, s.Put(a))

	dangling := newWidget("dangling")
	require.NoError(t, dangling.Link(nobody, t0, "x-uses", NewID(), kindWidget))

	wrongKind := newWidget("wrong kind")
	require.NoError(t, wrongKind.Link(nobody, t0, "x-uses", a.ID, KindIncident))

	rewritten, err := Copy(a)
	require.NoError(t, err)
	rewritten.History[0].Actor = "mallory"

	truncated, err := Copy(a)
	require.NoError(t, err)
	require.NoError(t, truncated.Note(nobody, t0, "x"))
	require.NoError(t, s.Put(truncated))
	shorter, err := Copy(a)
	require.NoError(t, err)

	invalid := newWidget("")

	tests := []struct {
		name   string
		r      Record
		reason error
	}{
		{"nil", nil, ErrRequired},
		{"invalid", invalid, ErrRequired},
		{"dangling link", dangling, ErrNotFound},
		{"link kind mismatch", wrongKind, ErrInvalidLink},
		{"history rewritten", rewritten, ErrHistoryRewritten},
		{"history truncated", shorter, ErrHistoryRewritten},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := s.Len()
			err := s.Put(tt.r)
			assert.ErrorIs(t, err, tt.reason)
			assert.Equal(t, n, s.Len(), "nothing stored")
		})
	}
	got, _ := s.Get(a.ID)
	assert.Equal(t, cm.ID, got.Meta().History[0].Actor)

	self := newWidget("self")
	require.NoError(t, self.Link(nobody, t0, "x-uses", self.ID, kindWidget))
	assert.NoError(t, s.Put(self), "a record may link to itself")
}

func TestMemStoreConcurrent(t *testing.T) {
	s := NewMemStore()
	root := newWidget("root")
	require.NoError(t, s.Put(root))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range 50 {
				w := newWidget(fmt.Sprintf("w%d-%d", g, i))
				if err := w.Link(nobody, t0, "x-uses", root.ID, kindWidget); err != nil {
					t.Error(err)
					return
				}
				if err := s.Put(w); err != nil {
					t.Error(err)
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range 50 {
				for r, err := range s.Records(kindWidget) {
					if err != nil || r == nil {
						t.Error("bad iteration", err)
						return
					}
					if _, err := s.Get(r.Meta().ID); err != nil && !errors.Is(err, ErrNotFound) {
						t.Error(err)
					}
				}
				for range s.LinksTo(root.ID) {
				}
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, 201, s.Len())
	back, _ := collect(s.LinksTo(root.ID))
	assert.Len(t, back, 200)
}

func TestMemStoreIterationMayCallStore(t *testing.T) {
	s := NewMemStore()
	require.NoError(t, s.Put(newWidget("a")))
	n := 0
	for r := range s.Records(kindWidget) {
		n++
		if n == 1 {
			require.NoError(t, s.Put(newWidget("b")), "no deadlock when the loop body writes")
		}
		_ = r
	}
	assert.Equal(t, 2, n)
}

// TestMemStoreBacklinksSnapshot shows an iteration over backlinks, which
// the store hands out without a copy, unchanged by a Put made while it
// runs: the removed link is still seen, the added one is not.
func TestMemStoreBacklinksSnapshot(t *testing.T) {
	s := NewMemStore()
	root := newWidget("root")
	require.NoError(t, s.Put(root))
	var ws []*coreWidget
	for i := range 3 {
		w := newWidget(fmt.Sprintf("w%d", i))
		require.NoError(t, w.Link(nobody, t0, "x-uses", root.ID, kindWidget))
		require.NoError(t, s.Put(w))
		ws = append(ws, w)
	}
	for _, view := range []Store{s, ReadOnly(s)} {
		before, _ := collect(view.LinksTo(root.ID))
		var seen []ID
		first := true
		for b, err := range view.LinksTo(root.ID) {
			require.NoError(t, err)
			seen = append(seen, b.From)
			if !first {
				continue
			}
			first = false
			// Unlink the second widget and link a new one mid-iteration.
			got, err := s.Get(ws[1].ID)
			require.NoError(t, err)
			w := got.(*coreWidget)
			require.NoError(t, w.Unlink(nobody, t0.Add(time.Hour), "x-uses", root.ID))
			require.NoError(t, s.Put(w))
			n := newWidget("new")
			require.NoError(t, n.Link(nobody, t0, "x-uses", root.ID, kindWidget))
			require.NoError(t, s.Put(n))
		}
		want := make([]ID, len(before))
		for i, b := range before {
			want[i] = b.From
		}
		assert.Equal(t, want, seen, "the iteration sees the backlinks as they were when it started")
		ws[1] = newWidget("relinked")
		require.NoError(t, ws[1].Link(nobody, t0, "x-uses", root.ID, kindWidget))
		require.NoError(t, s.Put(ws[1]))
	}
	back, _ := collect(s.LinksTo(root.ID))
	assert.Len(t, back, 5) // w0, w2 and, per view, one added; the first relinked one unlinked again
}
