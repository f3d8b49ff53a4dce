package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// seeded is the random source of the records the tests make by hand.
func seeded(t *testing.T) *rand.Rand { return rand.New(rand.NewPCG(uint64(len(t.Name())), 7)) }

// widget returns a new record of a host's custom kind, linking to the
// given records.
func widget(rng *rand.Rand, title string, links ...process.Record) *rec {
	var ls []process.Link
	for _, r := range links {
		ls = append(ls, process.Link{Type: "x-uses", To: r.Meta().ID, Kind: r.Meta().Kind})
	}
	return &rec{header(rng, "x-widget", title, "", t0, t0, ls...)}
}

// edit returns a copy of the record stored under id with a note appended
// to its history.
func edit(t *testing.T, s process.Store, id process.ID, note string, at time.Time) *rec {
	t.Helper()
	got, err := s.Get(id)
	require.NoError(t, err)
	r := &rec{Header: *got.Meta()}
	r.Links = slices.Clone(r.Links)
	r.History = slices.Clone(r.History)
	require.NoError(t, r.Note(processtest.Nobody, at, note))
	r.Updated = at
	return r
}

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

func ids(rs []process.Record) []process.ID {
	out := make([]process.ID, len(rs))
	for i, r := range rs {
		out[i] = r.Meta().ID
	}
	return out
}

// sameRecord asserts that got is want as its JSON says (a SQL store gives
// times back with their offset, not their location).
func sameRecord(t *testing.T, want, got process.Record) {
	t.Helper()
	w, err := json.Marshal(want)
	require.NoError(t, err)
	g, err := json.Marshal(got)
	require.NoError(t, err)
	assert.JSONEq(t, string(w), string(g))
	for i, e := range want.Meta().History {
		assert.True(t, e.At.Equal(got.Meta().History[i].At), "history[%d].at", i)
	}
}

func TestPutGetRecordsLinks(t *testing.T) {
	eachBackend(t, decodeRec, func(t *testing.T, b *backend) {
		rng := seeded(t)
		a := widget(rng, "a")
		require.NoError(t, b.put(a))
		bb := widget(rng, "b", a)
		require.NoError(t, b.put(bb))
		c := widget(rng, "c", a, bb)
		require.NoError(t, b.put(c))
		assert.Equal(t, 3, b.len())

		got, err := b.store.Get(a.ID)
		require.NoError(t, err)
		sameRecord(t, a, got)
		_, err = b.store.Get(newID(rng))
		assert.ErrorIs(t, err, process.ErrNotFound)

		recs, err := collect(b.store.Records("x-widget"))
		require.NoError(t, err)
		assert.Equal(t, []process.ID{a.ID, bb.ID, c.ID}, ids(recs), "the order first put")
		none, err := collect(b.store.Records(process.KindIncident))
		require.NoError(t, err)
		assert.Empty(t, none)

		back, err := collect(b.store.LinksTo(a.ID))
		require.NoError(t, err)
		assert.Equal(t, []process.Backlink{{From: bb.ID, Kind: "x-widget", Type: "x-uses"}, {From: c.ID, Kind: "x-widget", Type: "x-uses"}}, back)

		// Replace b without its link: its backlink goes; b keeps its place.
		b2 := edit(t, b.store, bb.ID, "unlinking", t0.Add(time.Minute))
		require.NoError(t, b2.Unlink(processtest.Nobody, t0.Add(time.Minute), "x-uses", a.ID))
		require.NoError(t, b.put(b2))
		back, err = collect(b.store.LinksTo(a.ID))
		require.NoError(t, err)
		assert.Equal(t, []process.Backlink{{From: c.ID, Kind: "x-widget", Type: "x-uses"}}, back)
		// Link it again: its backlink comes after c's, as it was put after.
		b3 := edit(t, b.store, bb.ID, "relinking", t0.Add(2*time.Minute))
		require.NoError(t, b3.Link(processtest.Nobody, t0.Add(2*time.Minute), "x-uses", a.ID, "x-widget"))
		require.NoError(t, b.put(b3))
		back, err = collect(b.store.LinksTo(a.ID))
		require.NoError(t, err)
		assert.Equal(t, []process.Backlink{{From: c.ID, Kind: "x-widget", Type: "x-uses"}, {From: bb.ID, Kind: "x-widget", Type: "x-uses"}}, back)
		recs, err = collect(b.store.Records("x-widget"))
		require.NoError(t, err)
		assert.Equal(t, []process.ID{a.ID, bb.ID, c.ID}, ids(recs), "replacing keeps the place")
		got, err = b.store.Get(bb.ID)
		require.NoError(t, err)
		sameRecord(t, b3, got)

		self := widget(rng, "self")
		require.NoError(t, self.Link(processtest.Nobody, t0, "x-uses", self.ID, "x-widget"))
		assert.NoError(t, b.put(self), "a record may link to itself")
	})
}

func TestRefusalsStoreNothing(t *testing.T) {
	eachBackend(t, decodeRec, func(t *testing.T, b *backend) {
		rng := seeded(t)
		a := widget(rng, "a")
		require.NoError(t, b.put(a))
		noted := edit(t, b.store, a.ID, "checked", t0.Add(time.Hour))
		require.NoError(t, b.put(noted))

		dangling := widget(rng, "dangling")
		require.NoError(t, dangling.Link(processtest.Nobody, t0, "x-uses", newID(rng), "x-widget"))
		wrongKind := widget(rng, "wrong kind")
		require.NoError(t, wrongKind.Link(processtest.Nobody, t0, "x-uses", a.ID, process.KindIncident))
		rewritten := edit(t, b.store, a.ID, "more", t0.Add(2*time.Hour))
		rewritten.History[0].Actor = "mallory"
		shorter := &rec{Header: a.Header}
		otherKind := edit(t, b.store, a.ID, "more", t0.Add(2*time.Hour))
		otherKind.Kind = "x-gadget"
		unexplained := edit(t, b.store, a.ID, "more", t0.Add(2*time.Hour))
		unexplained.Links = append(unexplained.Links, process.Link{Type: "x-uses", To: a.ID, Kind: "x-widget"})
		invalid := widget(rng, "")

		tests := []struct {
			name   string
			r      process.Record
			reason error
		}{
			{"nil", nil, process.ErrRequired},
			{"nil pointer", (*rec)(nil), process.ErrRequired},
			{"invalid", invalid, process.ErrRequired},
			{"dangling link", dangling, process.ErrNotFound},
			{"link kind mismatch", wrongKind, process.ErrInvalidLink},
			{"history rewritten", rewritten, process.ErrHistoryRewritten},
			{"history truncated", shorter, process.ErrHistoryRewritten},
			{"kind changed", otherKind, process.ErrInvalidValue},
			{"link the history does not explain", unexplained, process.ErrInconsistent},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				n := b.len()
				err := b.put(tt.r)
				assert.ErrorIs(t, err, tt.reason)
				assert.Equal(t, n, b.len(), "nothing stored")
			})
		}
		got, err := b.store.Get(a.ID)
		require.NoError(t, err)
		sameRecord(t, noted, got)
		back, err := collect(b.store.LinksTo(a.ID))
		require.NoError(t, err)
		assert.Empty(t, back, "no refused record's link is stored")
	})
}

// TestTypedRecords stores the library's own record types through their
// decoder and holds the rules that span records: a known error's problem
// must be stored.
func TestTypedRecords(t *testing.T) {
	eachBackend(t, process.Decode, func(t *testing.T, b *backend) {
		at := processtest.T0
		p := &process.Problem{Header: process.Header{Title: "disk fills up"}, Description: "the log volume fills every night",
			Category: "storage", Impact: process.LevelHigh, Urgency: process.LevelMedium, Priority: 2}
		require.NoError(t, p.Open(processtest.PM, at))
		ke := process.NewKnownError("log rotation", p.ID, "no rotation", "delete old logs", processtest.PM, at)

		n := b.len()
		err := b.put(ke)
		assert.ErrorIs(t, err, process.ErrInconsistent, "a known error before its problem")
		assert.ErrorIs(t, err, process.ErrNotFound)
		assert.Equal(t, n, b.len())

		require.NoError(t, b.put(p))
		require.NoError(t, b.put(ke))
		got, err := b.store.Get(ke.ID)
		require.NoError(t, err)
		require.IsType(t, &process.KnownError{}, got)
		sameRecord(t, ke, got)
		gp, err := b.store.Get(p.ID)
		require.NoError(t, err)
		require.IsType(t, &process.Problem{}, gp)
		sameRecord(t, p, gp)
	})
}

func TestHistoryExtends(t *testing.T) {
	eachBackend(t, decodeRec, func(t *testing.T, b *backend) {
		rng := seeded(t)
		a := widget(rng, "a")
		require.NoError(t, b.put(a))
		first := edit(t, b.store, a.ID, "first", t0.Add(time.Hour))
		stale := edit(t, b.store, a.ID, "stale", t0.Add(time.Hour))
		require.NoError(t, b.put(first))
		assert.ErrorIs(t, b.put(stale), process.ErrHistoryRewritten, "an edit of a version no longer stored")
		second := edit(t, b.store, a.ID, "second", t0.Add(2*time.Hour))
		require.NoError(t, b.put(second))
		got, err := b.store.Get(a.ID)
		require.NoError(t, err)
		h := got.Meta().History
		require.Len(t, h, 3)
		assert.Equal(t, []string{"", "first", "second"}, []string{h[0].Note, h[1].Note, h[2].Note})
	})
}

// TestConcurrentWriters runs writers and readers at once: new records
// linking to one root all go in; edits of one stored version race, and
// exactly one of each race wins, the others refused as rewriting history.
func TestConcurrentWriters(t *testing.T) {
	eachBackend(t, decodeRec, func(t *testing.T, b *backend) {
		rng := seeded(t)
		root := widget(rng, "root")
		require.NoError(t, b.put(root))
		const writers, each = 4, 15
		ws := make([][]*rec, writers)
		for g := range ws {
			for i := range each {
				ws[g] = append(ws[g], widget(rng, fmt.Sprintf("w%d-%d", g, i), root))
			}
		}
		var wg sync.WaitGroup
		for g := range writers {
			wg.Go(func() {
				for _, w := range ws[g] {
					if err := b.put(w); err != nil {
						t.Error(err)
						return
					}
				}
			})
			wg.Go(func() {
				for range 10 {
					for r, err := range b.store.Records("x-widget") {
						if err != nil || r == nil {
							t.Error("bad iteration", err)
							return
						}
					}
					if _, err := collect(b.store.LinksTo(root.ID)); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		assert.Equal(t, 1+writers*each, b.len())
		back, err := collect(b.store.LinksTo(root.ID))
		require.NoError(t, err)
		assert.Len(t, back, writers*each)

		for round := range 3 {
			at := t0.Add(time.Duration(round+1) * time.Hour)
			var edits []*rec
			for g := range writers {
				edits = append(edits, edit(t, b.store, root.ID, fmt.Sprintf("round %d by %d", round, g), at))
			}
			errs := make([]error, writers)
			for g := range writers {
				wg.Go(func() { errs[g] = b.put(edits[g]) })
			}
			wg.Wait()
			won := 0
			for _, err := range errs {
				if err == nil {
					won++
				} else {
					assert.ErrorIs(t, err, process.ErrHistoryRewritten)
				}
			}
			assert.Equal(t, 1, won, "round %d: one edit of the version wins", round)
		}
		got, err := b.store.Get(root.ID)
		require.NoError(t, err)
		assert.Len(t, got.Meta().History, 1+3, "created, and one note a round")
	})
}

// TestIterationMayCallStore writes from the body of a Records loop, on a
// pool of one connection for the SQL stores: the store holds no
// connection while the body runs.
func TestIterationMayCallStore(t *testing.T) {
	eachBackend(t, decodeRec, func(t *testing.T, b *backend) {
		if b.db != nil {
			b.db.SetMaxOpenConns(1)
		}
		rng := seeded(t)
		a := widget(rng, "a")
		require.NoError(t, b.put(a))
		n := 0
		for r, err := range b.store.Records("x-widget") {
			require.NoError(t, err)
			n++
			if n == 1 {
				require.NoError(t, b.put(widget(rng, "b", r)), "no deadlock when the loop body writes")
				_, err := collect(b.store.LinksTo(r.Meta().ID))
				require.NoError(t, err)
			}
		}
		assert.Contains(t, []int{1, 2}, n)
	})
}

// TestPutAll stores records that link to each other in one transaction,
// and refuses a batch with one bad record whole.
func TestPutAll(t *testing.T) {
	for _, name := range backendKinds[1:] {
		t.Run(name, func(t *testing.T) {
			b := newBackend(t, name, decodeRec)
			ctx := context.Background()
			rng := seeded(t)
			a := widget(rng, "a")
			bb := widget(rng, "b", a)
			a2 := &rec{Header: a.Header}
			a2.History = slices.Clone(a.History)
			require.NoError(t, a2.Note(processtest.Nobody, t0.Add(time.Hour), "again"))
			require.NoError(t, b.sql.PutAll(ctx, a, bb, a2), "a record may follow one it links to, and repeat")
			assert.Equal(t, 2, b.len())
			got, err := b.store.Get(a.ID)
			require.NoError(t, err)
			sameRecord(t, a2, got)

			c := widget(rng, "c", bb)
			bad := widget(rng, "bad")
			require.NoError(t, bad.Link(processtest.Nobody, t0, "x-uses", newID(rng), "x-widget"))
			err = b.sql.PutAll(ctx, c, bad)
			assert.ErrorIs(t, err, process.ErrNotFound)
			assert.ErrorContains(t, err, "records[1]")
			assert.Equal(t, 2, b.len(), "nothing of a refused batch is stored")
			_, err = b.store.Get(c.ID)
			assert.ErrorIs(t, err, process.ErrNotFound)
			back, err := collect(b.store.LinksTo(bb.ID))
			require.NoError(t, err)
			assert.Empty(t, back)
		})
	}
}

// TestDecoderMustReadBack refuses a record the store's decoder cannot
// read: a store that decodes the kinds of package process, given a host's
// custom kind.
func TestDecoderMustReadBack(t *testing.T) {
	for _, name := range backendKinds[1:] {
		t.Run(name, func(t *testing.T) {
			b := newBackend(t, name, process.Decode)
			err := b.put(widget(seeded(t), "w"))
			assert.ErrorIs(t, err, process.ErrUnknownKind)
			assert.Equal(t, 0, b.len())
		})
	}
}

// TestCancelledContext stores nothing when the call's context is done.
func TestCancelledContext(t *testing.T) {
	for _, name := range backendKinds[1:] {
		t.Run(name, func(t *testing.T) {
			b := newBackend(t, name, decodeRec)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			err := b.sql.Put(ctx, widget(seeded(t), "w"))
			assert.True(t, errors.Is(err, context.Canceled), "got %v", err)
			assert.Equal(t, 0, b.len())
			_, err = b.sql.Bind(ctx).Get(newID(seeded(t)))
			assert.ErrorIs(t, err, context.Canceled)
		})
	}
}
