package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"reflect"
	"strings"
	"time"

	"github.com/smskit/iso20000/process"
)

// maxAttempts bounds the runs of one write that lose a race
// ([Dialect.retryable]) before the last error is returned.
const maxAttempts = 10

// rowsPerInsert is the number of rows one INSERT writes: 5 parameters a
// row stays well under the parameter limits of SQLite (32766) and
// PostgreSQL (65535).
const rowsPerInsert = 200

// Put stores r, creating it or replacing the stored record with its ID,
// once [process.Check] accepts it against what the database holds, in the
// transaction that writes it: as [process.MemStore.Put], a nil record, an
// invalid one, a status or accountability field its history does not
// explain, content changed after its approval, a replacement of another
// kind or whose history does not extend the stored one, a link to a
// record not stored, and a broken cross-record rule are refused with
// Check's error, storing nothing; so is a record whose JSON the store's
// decoder cannot read back. A record may link to itself.
func (s *Store) Put(ctx context.Context, r process.Record) error {
	err := s.write(ctx, []process.Record{r})
	var at *indexError
	if errors.As(err, &at) {
		return at.err // one record: Check's error as it is
	}
	return err
}

// PutAll stores every record of rs, in order, in one transaction: each is
// checked as [Store.Put] checks it, against what the database holds with
// the records before it in rs already stored (a record may link to one
// stored by the same call), and either all are stored or, when one is
// refused, none is, with an error that names its index in rs and wraps
// Check's error. A record may appear more than once, each time extending
// its history.
func (s *Store) PutAll(ctx context.Context, rs ...process.Record) error {
	err := s.write(ctx, rs)
	var at *indexError
	if errors.As(err, &at) {
		return fmt.Errorf("sqlstore: put all: records[%d]: %w", at.i, at.err)
	}
	return err
}

// indexError is the refusal of the record rs[i] of a write.
type indexError struct {
	i   int
	err error
}

func (e *indexError) Error() string { return fmt.Sprintf("records[%d]: %v", e.i, e.err) }
func (e *indexError) Unwrap() error { return e.err }

// write runs the transaction that stores rs, again from the start while
// it loses a race and attempts remain.
func (s *Store) write(ctx context.Context, rs []process.Record) error {
	if s.dialect == SQLite {
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
	}
	for attempt := 1; ; attempt++ {
		err := s.try(ctx, rs)
		if err == nil {
			s.writes.Add(1)
			return nil
		}
		if !s.dialect.retryable(err) || attempt == maxAttempts {
			return err
		}
		// Back off, with jitter, so that the writers that collided do not
		// collide again.
		wait := time.Duration(rand.Int64N(int64(time.Millisecond) << min(attempt, 7)))
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("sqlstore: put: %w (after %w)", ctx.Err(), err)
		case <-t.C:
		}
	}
}

// execQueryer is what a writing transaction runs its statements on.
type execQueryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// try runs the transaction that stores rs once.
func (s *Store) try(ctx context.Context, rs []process.Record) (err error) {
	t := &txn{s: s, ctx: ctx, known: make(map[process.ID]known, 4*len(rs))}
	if s.dialect == PostgreSQL {
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return fmt.Errorf("sqlstore: put: %w", err)
		}
		t.q = tx
		if err := t.run(rs); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("sqlstore: put: commit: %w", err)
		}
		return nil
	}
	// SQLite: database/sql begins transactions DEFERRED; IMMEDIATE takes
	// the write lock before the checks read, so no other writer can
	// change what they read.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: put: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, s.dialect.begin()); err != nil {
		return fmt.Errorf("sqlstore: put: begin: %w", err)
	}
	t.q = conn
	committed := false
	defer func() {
		if committed {
			return
		}
		if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); rerr != nil {
			// A connection whose transaction may still be open must not
			// go back to the pool.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	if err := t.run(rs); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("sqlstore: put: commit: %w", err)
	}
	committed = true
	return nil
}

// txn is one run of a writing transaction: what it has read of the
// database (known), and the records checked but not yet written
// (pending), written in batches before anything else is read.
type txn struct {
	s       *Store
	ctx     context.Context
	q       execQueryer
	known   map[process.ID]known
	pending []pendingPut
	queued  map[process.ID]bool // the IDs in pending
}

// known is a record as the transaction sees it: rec nil and err nil when
// it is not stored.
type known struct {
	rec process.Record
	err error
}

// pendingPut is a checked record to be written.
type pendingPut struct {
	rec     process.Record // as decoded from body
	body    []byte
	existed bool // it replaces a stored record, whose links go
}

// run checks and writes rs.
func (t *txn) run(rs []process.Record) error {
	if err := t.prefetch(rs); err != nil {
		return err
	}
	v := txView{t}
	for i, r := range rs {
		if err := process.Check(v, r); err != nil {
			return &indexError{i, err}
		}
		h := r.Meta()
		body, err := json.Marshal(r)
		if err != nil {
			return &indexError{i, fmt.Errorf("%s: %s: encode: %w", h.Kind.Package(), h.Subject(), err)}
		}
		back, err := t.s.decode(body)
		if err == nil && (isNil(back) || back.Meta().ID != h.ID || back.Meta().Kind != h.Kind) {
			err = fmt.Errorf("decoded as another record: %w", process.ErrInvalidValue)
		}
		if err != nil {
			return &indexError{i, fmt.Errorf("%s: %s: the store's decoder cannot read it back: %w", h.Kind.Package(), h.Subject(), err)}
		}
		if t.queued[h.ID] {
			if err := t.flush(); err != nil {
				return err
			}
		}
		t.pending = append(t.pending, pendingPut{rec: back, body: body, existed: t.known[h.ID].rec != nil})
		if t.queued == nil {
			t.queued = make(map[process.ID]bool)
		}
		t.queued[h.ID] = true
		t.known[h.ID] = known{rec: back}
		if len(t.pending) >= rowsPerInsert {
			if err := t.flush(); err != nil {
				return err
			}
		}
	}
	return t.flush()
}

// prefetch reads, in a few queries, every record the checks of rs are
// sure to ask for: each record of rs and the targets of its links.
func (t *txn) prefetch(rs []process.Record) error {
	var ids []process.ID
	add := func(id process.ID) {
		if _, ok := t.known[id]; !ok {
			t.known[id] = known{}
			ids = append(ids, id)
		}
	}
	for _, r := range rs {
		if isNil(r) {
			continue
		}
		h := r.Meta()
		add(h.ID)
		for _, l := range h.Links {
			add(l.To)
		}
	}
	return t.read(ids)
}

// read reads the records ids into known, marking those not stored.
func (t *txn) read(ids []process.ID) error {
	for len(ids) > 0 {
		n := min(len(ids), rowsPerInsert*5)
		chunk := ids[:n]
		ids = ids[n:]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id.String()
			t.known[id] = known{}
		}
		q := t.s.dialect.rebind(`SELECT id, body FROM sms_record WHERE id IN (` + placeholders(len(chunk), 1) + `)`)
		rows, err := t.q.QueryContext(t.ctx, q, args...)
		if err != nil {
			return fmt.Errorf("sqlstore: put: read: %w", err)
		}
		for rows.Next() {
			var idText string
			var body []byte
			if err := rows.Scan(&idText, &body); err != nil {
				rows.Close()
				return fmt.Errorf("sqlstore: put: read: %w", err)
			}
			id, err := parseID(idText)
			if err != nil {
				rows.Close()
				return fmt.Errorf("sqlstore: put: read: %w", err)
			}
			r, err := t.s.decodeBody(id, body)
			t.known[id] = known{rec: r, err: err}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("sqlstore: put: read: %w", err)
		}
	}
	return nil
}

// flush writes the pending records: the links of those replaced go, the
// records are inserted or updated in place (keeping their place in the
// order of Records), their links are inserted after every link stored.
func (t *txn) flush() error {
	if len(t.pending) == 0 {
		return nil
	}
	d := t.s.dialect
	var gone []any
	for _, p := range t.pending {
		if p.existed {
			gone = append(gone, p.rec.Meta().ID.String())
		}
	}
	for len(gone) > 0 {
		n := min(len(gone), rowsPerInsert*5)
		q := d.rebind(`DELETE FROM sms_link WHERE from_id IN (` + placeholders(n, 1) + `)`)
		if _, err := t.q.ExecContext(t.ctx, q, gone[:n]...); err != nil {
			return fmt.Errorf("sqlstore: put: %w", err)
		}
		gone = gone[n:]
	}
	for ps := t.pending; len(ps) > 0; {
		n := min(len(ps), rowsPerInsert)
		args := make([]any, 0, 5*n)
		for _, p := range ps[:n] {
			h := p.rec.Meta()
			args = append(args, h.ID.String(), string(h.Kind), d.time(h.Created), d.time(h.Updated), p.body)
		}
		q := d.rebind(`INSERT INTO sms_record (id, kind, created, updated, body) VALUES ` + placeholders(n, 5) +
			` ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, created = excluded.created, updated = excluded.updated, body = excluded.body`)
		if _, err := t.q.ExecContext(t.ctx, q, args...); err != nil {
			return fmt.Errorf("sqlstore: put: %w", err)
		}
		ps = ps[n:]
	}
	var links []any
	for _, p := range t.pending {
		h := p.rec.Meta()
		for _, l := range h.Links {
			links = append(links, h.ID.String(), l.To.String(), string(l.Type), string(h.Kind))
		}
	}
	for len(links) > 0 {
		n := min(len(links)/4, rowsPerInsert)
		q := d.rebind(`INSERT INTO sms_link (from_id, to_id, type, from_kind) VALUES ` + placeholders(n, 4))
		if _, err := t.q.ExecContext(t.ctx, q, links[:4*n]...); err != nil {
			return fmt.Errorf("sqlstore: put: %w", err)
		}
		links = links[4*n:]
	}
	t.pending = t.pending[:0]
	clear(t.queued)
	return nil
}

// placeholders returns n groups of width placeholders: "(?, ?), (?, ?)"
// for n 2 and width 2, or "?, ?" for width 1.
func placeholders(n, width int) string {
	group := "?" + strings.Repeat(", ?", width-1)
	if width > 1 {
		group = "(" + group + ")"
	}
	return group + strings.Repeat(", "+group, n-1)
}

// txView is the database as the checks of a write read it: inside its
// transaction, with the records the write has checked already stored.
type txView struct{ t *txn }

func (v txView) Get(id process.ID) (process.Record, error) {
	t := v.t
	if k, ok := t.known[id]; ok {
		if k.rec == nil && k.err == nil {
			return nil, fmt.Errorf("sqlstore: record %s: %w", id, process.ErrNotFound)
		}
		return k.rec, k.err
	}
	if err := t.flush(); err != nil {
		return nil, err
	}
	if err := t.read([]process.ID{id}); err != nil {
		return nil, err
	}
	return v.Get(id)
}

func (v txView) Records(k process.RecordKind) iter.Seq2[process.Record, error] {
	return func(yield func(process.Record, error) bool) {
		t := v.t
		if err := t.flush(); err != nil {
			yield(nil, err)
			return
		}
		rows, err := t.q.QueryContext(t.ctx, t.s.dialect.rebind(`SELECT id, body FROM sms_record WHERE kind = ? ORDER BY seq`), string(k))
		if err != nil {
			yield(nil, fmt.Errorf("sqlstore: records of kind %s: %w", k, err))
			return
		}
		var got []row
		for err == nil && rows.Next() {
			var r row
			var id string
			if err = rows.Scan(&id, &r.body); err == nil {
				r.id, err = parseID(id)
				got = append(got, r)
			}
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
		if err != nil {
			yield(nil, fmt.Errorf("sqlstore: records of kind %s: %w", k, err))
			return
		}
		for _, r := range got {
			rec, err := t.s.decodeBody(r.id, r.body)
			if !yield(rec, err) || err != nil {
				return
			}
		}
	}
}

func (v txView) LinksTo(id process.ID) iter.Seq2[process.Backlink, error] {
	return func(yield func(process.Backlink, error) bool) {
		t := v.t
		if err := t.flush(); err != nil {
			yield(process.Backlink{}, err)
			return
		}
		rows, err := t.q.QueryContext(t.ctx, t.s.dialect.rebind(`SELECT from_id, from_kind, type FROM sms_link WHERE to_id = ? ORDER BY seq`), id.String())
		if err != nil {
			yield(process.Backlink{}, fmt.Errorf("sqlstore: links to %s: %w", id, err))
			return
		}
		bs, err := scanBacklinks(rows)
		if err != nil {
			yield(process.Backlink{}, fmt.Errorf("sqlstore: links to %s: %w", id, err))
			return
		}
		for _, b := range bs {
			if !yield(b, nil) {
				return
			}
		}
	}
}

// isNil reports whether r is nil or a nil pointer.
func isNil(r process.Record) bool {
	if r == nil {
		return true
	}
	v := reflect.ValueOf(r)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
