package process

import (
	"fmt"
	"iter"
	"slices"
	"sync"
)

// Store gives the library a host's records. It is the only interface a host
// implements to plug its own storage in: the interface audit and related
// records (package interfaces), the CMDB engine's FromStore functions
// (package cmdb), the conformity assessment (sms.Assess) and [SupplierChain]
// read through it and never write.
//
// Implementations must be safe for concurrent use, and must yield records in
// a deterministic order. A Store bound to one request (and its context) is
// a fine implementation: the library calls it synchronously.
type Store interface {
	// Get returns the record with the given ID, or an error wrapping
	// [ErrNotFound].
	Get(id ID) (Record, error)
	// Records yields every record of kind k. An error ends the iteration.
	Records(k RecordKind) iter.Seq2[Record, error]
	// LinksTo yields the links that other records hold to the record id.
	LinksTo(id ID) iter.Seq2[Backlink, error]
}

// Backlink is a link seen from its target: the record From, of kind Kind,
// holds a link of type Type to the record asked about.
type Backlink struct {
	From ID
	Kind RecordKind
	Type LinkType
}

// MemStore is the in-memory [Store]. It is safe for concurrent use by many
// goroutines: any number of readers and writers. The zero MemStore is not
// ready; use [NewMemStore].
//
// It keeps its own copies: Put stores a deep copy of what it is given, and
// Get and Records return deep copies, so changing a record after Put, or a
// record Get returned, changes nothing stored; to change a stored record,
// change the copy Get returns and Put it back, which runs every check
// again. Copies keep the location of every time; the unexported fields of
// a host's own record types are copied as values, so what they refer to is
// shared.
type MemStore struct {
	mu      sync.RWMutex
	recs    map[ID]Record
	byKind  map[RecordKind][]ID
	inbound map[ID][]Backlink
}

var _ Store = (*MemStore)(nil)

// NewMemStore returns an empty in-memory store.
func NewMemStore() *MemStore {
	return &MemStore{
		recs:    make(map[ID]Record),
		byKind:  make(map[RecordKind][]ID),
		inbound: make(map[ID][]Backlink),
	}
}

// Len returns the number of records stored.
func (s *MemStore) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.recs)
}

// Put stores a copy of r, creating it or replacing the stored record with
// its ID, once [Check] accepts it against what the store holds: a nil
// record, an invalid one, a status or accountability field its history
// does not explain, content changed after its approval, a replacement of
// another kind or whose history does not extend the stored one, a link to a
// record not stored, and a broken cross-record rule are refused, storing
// nothing. A record may link to itself.
func (s *MemStore) Put(r Record) error {
	if isNil(r) {
		return fmt.Errorf("process: put: nil record: %w", ErrRequired)
	}
	r = clone(r)
	h := r.Meta()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := Check(memView{s}, r); err != nil {
		return err
	}
	if old, exists := s.recs[h.ID]; exists {
		// A fresh slice, never an edit in place: readers may hold the old
		// one (sharedView.LinksTo hands it out without a copy).
		for _, l := range old.Meta().Links {
			s.inbound[l.To] = slices.DeleteFunc(slices.Clone(s.inbound[l.To]), func(b Backlink) bool {
				return b.From == h.ID && b.Type == l.Type
			})
		}
	} else {
		s.byKind[h.Kind] = append(s.byKind[h.Kind], h.ID)
	}
	for _, l := range h.Links {
		// Appending writes past the length any reader holds, so the
		// backlinks a reader was given never change under it.
		s.inbound[l.To] = append(s.inbound[l.To], Backlink{From: h.ID, Kind: h.Kind, Type: l.Type})
	}
	s.recs[h.ID] = r
	return nil
}

// historyExtends reports whether next begins with every entry of prev.
func historyExtends(prev, next []Event) bool {
	if len(next) < len(prev) {
		return false
	}
	for i, e := range prev {
		n := next[i]
		if !e.At.Equal(n.At) || e.Actor != n.Actor || e.Action != n.Action || e.Field != n.Field ||
			e.From != n.From || e.To != n.To || e.Note != n.Note || e.Ref != n.Ref || e.Scope != n.Scope || e.Source != n.Source {
			return false
		}
	}
	return true
}

// Get returns a copy of the record with the given ID, or an error wrapping
// [ErrNotFound].
func (s *MemStore) Get(id ID) (Record, error) {
	s.mu.RLock()
	r, ok := s.recs[id]
	s.mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("process: record %s: %w", id, ErrNotFound)
	}
	return clone(r), nil
}

// Records yields a copy of every record of kind k in the order they were
// first put. Records put while the iteration runs may or may not be seen;
// the store is not locked while the loop body runs, so the body may call
// the store.
func (s *MemStore) Records(k RecordKind) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for r := range (sharedView{s}).Records(k) {
			if !yield(clone(r), nil) {
				return
			}
		}
	}
}

// memView is the store as [Check] reads it inside Put, under Put's lock:
// it reads the maps directly and returns the stored records themselves,
// which Check does not change.
type memView struct{ s *MemStore }

func (v memView) Get(id ID) (Record, error) {
	r, ok := v.s.recs[id]
	if !ok {
		return nil, fmt.Errorf("process: record %s: %w", id, ErrNotFound)
	}
	return r, nil
}

func (v memView) Records(k RecordKind) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for _, id := range v.s.byKind[k] {
			if !yield(v.s.recs[id], nil) {
				return
			}
		}
	}
}

func (v memView) LinksTo(id ID) iter.Seq2[Backlink, error] {
	return func(yield func(Backlink, error) bool) {
		for _, b := range v.s.inbound[id] {
			if !yield(b, nil) {
				return
			}
		}
	}
}

// LinksTo yields the links other records hold to id, in the order they were
// put, as they were when it was called.
func (s *MemStore) LinksTo(id ID) iter.Seq2[Backlink, error] { return sharedView{s}.LinksTo(id) }

// ReadOnly returns s as a reader that never changes what it reads sees
// it, such as the library's interface audit, its conformity assessment
// and the CMDB build: for a [MemStore], a view whose Get, Records and
// LinksTo yield the stored records themselves, without the copies the
// store makes (they are to be read, never changed); any other store as it
// is. The view is safe for concurrent use, as the store is. It also has a
// method Backlinks(id ID) []Backlink that returns the backlinks LinksTo
// would yield, as the store's own slice, without an iterator.
func ReadOnly(s Store) Store {
	if m, ok := s.(*MemStore); ok {
		return sharedView{m}
	}
	return s
}

// sharedView is the [ReadOnly] view of a MemStore.
type sharedView struct{ s *MemStore }

func (v sharedView) Get(id ID) (Record, error) {
	v.s.mu.RLock()
	defer v.s.mu.RUnlock()
	return memView(v).Get(id)
}

func (v sharedView) Records(k RecordKind) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for i := 0; ; i++ {
			v.s.mu.RLock()
			ids := v.s.byKind[k]
			if i >= len(ids) {
				v.s.mu.RUnlock()
				return
			}
			r := v.s.recs[ids[i]]
			v.s.mu.RUnlock()
			if !yield(r, nil) {
				return
			}
		}
	}
}

// Backlinks returns the backlinks of id as they were when it was called:
// the store's own slice, shared, to be read and never changed. Readers
// that look up many records' backlinks (the interface audit) use it to
// skip the iterator.
func (v sharedView) Backlinks(id ID) []Backlink {
	v.s.mu.RLock()
	defer v.s.mu.RUnlock()
	return v.s.inbound[id]
}

// LinksTo yields the backlinks of id as they were when it was called,
// without copying them: Put never changes a backlink slice it has handed
// out (it replaces the slice, or appends past its length).
func (v sharedView) LinksTo(id ID) iter.Seq2[Backlink, error] {
	return func(yield func(Backlink, error) bool) {
		v.s.mu.RLock()
		bs := v.s.inbound[id]
		v.s.mu.RUnlock()
		for _, b := range bs {
			if !yield(b, nil) {
				return
			}
		}
	}
}
