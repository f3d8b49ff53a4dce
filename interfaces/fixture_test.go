package interfaces

import (
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// rec is a test-only record: a header and nothing else, so that the audit is
// shown to work on any record type.
type rec struct {
	process.Header
}

func (r *rec) Validate() error {
	v := process.ValidationError{Subject: r.Subject()}
	process.ValidateHeader(&r.Header, r.Kind, &v)
	return v.Err()
}

// flagged is a test-only record with the optional methods typed records may
// have.
type flagged struct {
	rec
	major, needsChange, visible, security bool
}

func (r *flagged) IsMajor() bool     { return r.major }
func (r *flagged) NeedsChange() bool { return r.needsChange }
func (r *flagged) Visible() bool     { return r.visible }
func (r *flagged) IsSecurity() bool  { return r.security }

// t0 is the base time of the audit tests; the records are placed by day.
var t0 = processtest.T0

// day returns t0 plus n days.
func day(n int) time.Time { return t0.Add(time.Duration(n) * 24 * time.Hour) }

// fixture builds records into a MemStore.
type fixture struct {
	t     testing.TB
	store *process.MemStore
}

func newFixture(t testing.TB) *fixture { return &fixture{t: t, store: process.NewMemStore()} }

// to makes a link to r.
func to(t process.LinkType, r process.Record) process.Link {
	return process.Link{Type: t, To: r.Meta().ID, Kind: r.Meta().Kind}
}

// header makes a header created at created, with the status set at updated.
func header(kind process.RecordKind, title, status string, created, updated time.Time, links ...process.Link) process.Header {
	h := process.Header{ID: process.NewID(), Kind: kind, Title: title, Status: status, Created: created, Updated: created, Links: links,
		History: []process.Event{{At: created, Actor: "test", Action: process.ActionCreated}}}
	for _, l := range links {
		h.History = append(h.History, process.Event{At: created, Actor: "test", Action: process.ActionLinked, Field: string(l.Type), To: string(l.Kind), Ref: l.To})
	}
	if status != "" && updated.After(created) {
		h.History = append(h.History, process.Event{At: updated, Actor: "test", Action: process.ActionMoved, To: status})
		h.Updated = updated
	}
	return h
}

func (f *fixture) put(r process.Record) process.Record {
	f.t.Helper()
	if err := f.store.Put(r); err != nil {
		f.t.Fatalf("put %s: %v", r.Meta().Title, err)
	}
	return r
}

func (f *fixture) add(kind process.RecordKind, title, status string, created, updated time.Time, links ...process.Link) process.Record {
	f.t.Helper()
	return f.put(&rec{header(kind, title, status, created, updated, links...)})
}

// event appends an entry to the history of the stored record r and puts it
// back: a CI updated under a change, an agreement amended.
func (f *fixture) event(r process.Record, e process.Event) process.Record {
	f.t.Helper()
	got, err := f.store.Get(r.Meta().ID)
	if err != nil {
		f.t.Fatal(err)
	}
	h := got.Meta()
	if e.Actor == "" {
		e.Actor = "test"
	}
	if n := len(h.History); n > 0 && e.At.Before(h.History[n-1].At) {
		e.At = h.History[n-1].At // histories run forward: plants added out of time order
	}
	h.History = append(h.History, e)
	if e.At.After(h.Updated) {
		h.Updated = e.At
	}
	return f.put(got)
}

// link adds a link to the stored record r, with its history entry.
func (f *fixture) link(r process.Record, at time.Time, l process.Link) process.Record {
	f.t.Helper()
	got, err := f.store.Get(r.Meta().ID)
	if err != nil {
		f.t.Fatal(err)
	}
	h := got.Meta()
	h.Links = append(h.Links, l)
	h.History = append(h.History, process.Event{At: at, Actor: "test", Action: process.ActionLinked, Field: string(l.Type), To: string(l.Kind), Ref: l.To})
	if at.After(h.Updated) {
		h.Updated = at
	}
	return f.put(got)
}

// x makes a host's own link (x-…) to r, for pairs the library's link
// types do not join.
func x(name string, r process.Record) process.Link {
	return process.Link{Type: process.LinkType("x-" + name), To: r.Meta().ID, Kind: r.Meta().Kind}
}

// sliceStore is a host's store that keeps records as they are given, with no
// validation: the audit reads any [process.Store]. With reverse set it
// yields records and links in the opposite order.
type sliceStore struct {
	recs    []process.Record
	reverse bool
}

func (s *sliceStore) add(rs ...process.Record) { s.recs = append(s.recs, rs...) }

func (s *sliceStore) ordered() []process.Record {
	if !s.reverse {
		return s.recs
	}
	rs := slices.Clone(s.recs)
	slices.Reverse(rs)
	return rs
}

func (s *sliceStore) Get(id process.ID) (process.Record, error) {
	for _, r := range s.recs {
		if r.Meta().ID == id {
			return r, nil
		}
	}
	return nil, process.ErrNotFound
}

func (s *sliceStore) Records(k process.RecordKind) iter.Seq2[process.Record, error] {
	return func(yield func(process.Record, error) bool) {
		for _, r := range s.ordered() {
			if r.Meta().Kind == k && !yield(r, nil) {
				return
			}
		}
	}
}

func (s *sliceStore) LinksTo(id process.ID) iter.Seq2[process.Backlink, error] {
	return func(yield func(process.Backlink, error) bool) {
		for _, r := range s.ordered() {
			links := slices.Clone(r.Meta().Links)
			if s.reverse {
				slices.Reverse(links)
			}
			for _, l := range links {
				if l.To == id && !yield(process.Backlink{From: r.Meta().ID, Kind: r.Meta().Kind, Type: l.Type}, nil) {
					return
				}
			}
		}
	}
}
