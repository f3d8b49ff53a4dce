package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"maps"
	"sync"

	"github.com/smskit/iso20000/process"
)

// Bind returns the store as a [process.Store] whose every call runs with
// ctx: the view a host hands the library's readers (the interface audit,
// sms.Assess, the CMDB build) for one request. It is safe for concurrent
// use; each Get and Records decodes its records afresh, so changing one
// changes nothing stored or cached.
//
// Its reads are batched for readers that take a kind's records and then
// look at each in turn, as the audit does: it remembers the IDs of each
// page of [Store.Records] and which page each record came in (about 60
// bytes a record at a million), and the first LinksTo of a record of a
// page reads the backlinks of the whole page in one query, the first Get
// of a record that a record of that page links to reads every record the
// page links to, and a few pages' worth are kept. A batch is read by the
// page's IDs, each one probe of an index, so it reads what the page needs
// however many records the store holds. A write through the store drops
// them; so the view sees every write made through its store (in this
// process) once it returns, and what other processes write once the
// batches it holds are dropped or replaced: a view is for one request,
// and a fresh view reads afresh.
func (s *Store) Bind(ctx context.Context) process.Store {
	return &view{s: s, ctx: ctx, pageOf: make(map[process.ID]int32), active: -1, recent: make(map[process.ID][]byte)}
}

// keptPages bounds the pages whose link targets a view keeps.
const keptPages = 8

// view is the [Store.Bind] view of a store.
type view struct {
	s   *Store
	ctx context.Context

	mu     sync.Mutex
	writes uint64                // the store's writes when the batches were read
	pages  []page                // the pages Records has read, in order
	pageOf map[process.ID]int32  // the page a record came in
	active int32                 // the page of the last record looked up; -1 for none
	linked []int32               // pages whose backlinks are read
	kept   []int32               // pages whose link targets are kept, least recently used first
	recent map[process.ID][]byte // records read one at a time, at most recentSize
	order  []process.ID          // the keys of recent, oldest first
}

// recentSize bounds the records read one at a time that a view keeps:
// the few that many records link to (a schedule of change, a budget)
// are read once.
const recentSize = 1024

// fresh drops the batches read before the store's last write, so that a
// view sees every write made through its store; v.mu is held.
func (v *view) fresh() {
	if w := v.s.writes.Load(); w != v.writes {
		for _, p := range v.linked {
			v.pages[p].links = nil
		}
		for _, p := range v.kept {
			v.pages[p].targets, v.pages[p].hops = nil, 0
		}
		v.linked, v.kept = v.linked[:0], v.kept[:0]
		clear(v.recent)
		v.order = v.order[:0]
		v.writes = w
	}
}

// page is a page of records of one kind read by Records: their IDs, and
// what the view has read in one batch about them.
type page struct {
	kind    process.RecordKind
	ids     []process.ID                      // the page's records, in order
	links   map[process.ID][]process.Backlink // nil until read
	targets map[process.ID][]byte             // nil until read
	hops    int                               // the batches of neighbours read, of neighbourHops
}

func (v *view) Records(k process.RecordKind) iter.Seq2[process.Record, error] {
	return func(yield func(process.Record, error) bool) {
		var after int64
		for {
			rows, err := v.s.readPage(v.ctx, k, after)
			if err != nil {
				yield(nil, err)
				return
			}
			if len(rows) == 0 {
				return
			}
			v.mu.Lock()
			p := int32(len(v.pages))
			ids := make([]process.ID, len(rows))
			for i, r := range rows {
				ids[i] = r.id
				v.pageOf[r.id] = p
			}
			v.pages = append(v.pages, page{kind: k, ids: ids})
			v.mu.Unlock()
			for _, row := range rows {
				r, err := v.s.decodeBody(row.id, row.body)
				if !yield(r, err) || err != nil {
					return
				}
			}
			if len(rows) < pageSize {
				return
			}
			after = rows[len(rows)-1].seq
		}
	}
}

func (v *view) LinksTo(id process.ID) iter.Seq2[process.Backlink, error] {
	return func(yield func(process.Backlink, error) bool) {
		bs, err := v.backlinks(id)
		if err != nil {
			yield(process.Backlink{}, err)
			return
		}
		for _, b := range bs {
			if !yield(b, nil) {
				return
			}
		}
	}
}

// backlinks returns the links to id: from the batch of its page, read now
// if need be, or, for a record no page holds, in a query of their own.
func (v *view) backlinks(id process.ID) ([]process.Backlink, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.fresh()
	p, ok := v.pageOf[id]
	if !ok {
		return v.s.backlinks(v.ctx, v.s.links, id)
	}
	v.active = p
	pg := &v.pages[p]
	if pg.links == nil {
		links, err := v.s.pageLinks(v.ctx, pg.kind, pg.ids)
		if err != nil {
			return nil, err
		}
		pg.links = links
		v.linked = append(v.linked, p)
	}
	return pg.links[id], nil
}

func (v *view) Get(id process.ID) (process.Record, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.fresh()
	body, ok := v.cachedBody(id)
	for !ok && v.active >= 0 && v.pages[v.active].hops < neighbourHops {
		// The record looked at last may be linked to id, directly or
		// through one record: read, a batch at a time, the records that
		// the records of its page link to, that link to them, and that
		// their targets link to, until id is found.
		p := v.active
		pg := &v.pages[p]
		batch, err := v.s.pageNeighbours(v.ctx, pg.kind, pg.ids, pg.hops)
		if err != nil {
			return nil, err
		}
		if pg.targets == nil {
			pg.targets = make(map[process.ID][]byte, len(batch))
			v.keep(p)
		}
		maps.Copy(pg.targets, batch)
		pg.hops++
		body, ok = batch[id]
	}
	if p, held := v.pageOf[id]; held {
		v.active = p
	}
	if ok {
		return v.s.decodeBody(id, body)
	}
	err := v.s.get.QueryRowContext(v.ctx, id.String()).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlstore: record %s: %w", id, process.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: record %s: %w", id, err)
	}
	if len(v.order) == recentSize {
		delete(v.recent, v.order[0])
		v.order = v.order[1:]
	}
	v.recent[id] = body
	v.order = append(v.order, id)
	return v.s.decodeBody(id, body)
}

// cachedBody returns the body of id if the view holds it: read one at a
// time, or in the batch of a kept page's link targets (which is then the
// most recently used).
func (v *view) cachedBody(id process.ID) ([]byte, bool) {
	if b, ok := v.recent[id]; ok {
		return b, true
	}
	for i := len(v.kept) - 1; i >= 0; i-- {
		p := v.kept[i]
		if b, ok := v.pages[p].targets[id]; ok {
			copy(v.kept[i:], v.kept[i+1:])
			v.kept[len(v.kept)-1] = p
			return b, true
		}
	}
	return nil, false
}

// keep adds page p to the pages whose link targets are kept, dropping
// those of the least recently used page past [keptPages].
func (v *view) keep(p int32) {
	v.kept = append(v.kept, p)
	if len(v.kept) > keptPages {
		old := &v.pages[v.kept[0]]
		old.targets, old.hops = nil, 0
		v.kept = v.kept[1:]
	}
}

// pageLinks reads the links to the records ids, of kind k, in the order
// they were stored, by target (a record with none has no entry).
func (s *Store) pageLinks(ctx context.Context, k process.RecordKind, ids []process.ID) (map[process.ID][]process.Backlink, error) {
	out := make(map[process.ID][]process.Backlink, pageSize)
	fail := func(err error) (map[process.ID][]process.Backlink, error) {
		return nil, fmt.Errorf("sqlstore: links to records of kind %s: %w", k, err)
	}
	rows, err := s.pageLinkRows.QueryContext(ctx, s.dialect.idList(ids))
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var to, from, kind, typ string
		if err := rows.Scan(&to, &from, &kind, &typ); err != nil {
			return fail(err)
		}
		t, err := parseID(to)
		if err != nil {
			return fail(err)
		}
		f, err := parseID(from)
		if err != nil {
			return fail(err)
		}
		out[t] = append(out[t], process.Backlink{From: f, Kind: process.RecordKind(kind), Type: process.LinkType(typ)})
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	if len(out) > maxNeighbours {
		clear(out)
	}
	return out, nil
}

// maxNeighbours bounds the records one batch of neighbours reads: a page
// next to a record that very many records link to (a schedule of change)
// reads none of them.
const maxNeighbours = 4 * pageSize

// pageNeighbours reads the bodies of the records of hop i of the
// neighbours of the records ids, of kind k (see [batchQueries]); none if
// there are more than maxNeighbours.
func (s *Store) pageNeighbours(ctx context.Context, k process.RecordKind, ids []process.ID, i int) (map[process.ID][]byte, error) {
	fail := func(err error) (map[process.ID][]byte, error) {
		return nil, fmt.Errorf("sqlstore: records near records of kind %s: %w", k, err)
	}
	rows, err := s.neighbours[i].QueryContext(ctx, s.dialect.idList(ids), maxNeighbours+1)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	out := make(map[process.ID][]byte)
	for rows.Next() {
		var id string
		var body []byte
		if err := rows.Scan(&id, &body); err != nil {
			return fail(err)
		}
		t, err := parseID(id)
		if err != nil {
			return fail(err)
		}
		out[t] = body
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	if len(out) > maxNeighbours {
		clear(out)
	}
	return out, nil
}
