package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"sync"
	"sync/atomic"

	"github.com/google/uuid"

	"github.com/smskit/iso20000/process"
)

// Store is a [process.Store] in a SQL database: records as JSON rows of
// sms_record, their links as rows of sms_link (see the package doc for the
// schema). It is safe for concurrent use by many goroutines, and by many
// processes on one database: the database's transactions keep the writes
// apart. The zero Store is not ready; use [Open].
type Store struct {
	db      *sql.DB
	dialect Dialect
	decode  func([]byte) (process.Record, error)

	// writeMu serialises this Store's writers on SQLite, whose database
	// takes one writer at a time: they wait here rather than find it busy.
	writeMu sync.Mutex
	// writes counts the writes committed, for the views to drop what
	// they read before.
	writes atomic.Uint64

	get, page, links, pageLinkRows *sql.Stmt
	neighbours                     [neighbourHops]*sql.Stmt
}

// Options are the settings of a [Store]. A nil *Options holds the
// defaults.
type Options struct {
	// Decode decodes a stored record from its JSON body, as
	// [process.DecodeWith] does; nil means [process.Decode], which reads
	// the kinds of package process. A store that holds the records of
	// Clause 4, budgeting and capacity passes sms.Decode; a host with
	// custom kinds passes its own, which falls back to one of those.
	Decode func([]byte) (process.Record, error)
}

// pageSize is the number of rows a read takes at a time: a page of
// Records, the records and backlinks a [Store.Bind] view reads ahead.
const pageSize = 1000

// Open returns the store of the records in db, which speaks dialect d and
// holds the tables [Migrate] creates. It prepares the store's queries; it
// neither creates tables nor closes db. Close the store when done, before
// db.
func Open(ctx context.Context, db *sql.DB, d Dialect, opts *Options) (*Store, error) {
	if db == nil {
		return nil, fmt.Errorf("sqlstore: open: database: %w", process.ErrRequired)
	}
	if !d.Valid() {
		return nil, fmt.Errorf("sqlstore: open: dialect %q: %w", string(d), process.ErrInvalidValue)
	}
	s := &Store{db: db, dialect: d, decode: process.Decode}
	if opts != nil && opts.Decode != nil {
		s.decode = opts.Decode
	}
	type query struct {
		stmt **sql.Stmt
		sql  string
	}
	b := d.batches()
	queries := []query{
		{&s.get, `SELECT body FROM sms_record WHERE id = ?`},
		{&s.page, d.pageQuery()},
		{&s.links, `SELECT from_id, from_kind, type FROM sms_link WHERE to_id = ? ORDER BY seq`},
		{&s.pageLinkRows, b.links},
	}
	for i := range s.neighbours {
		queries = append(queries, query{&s.neighbours[i], b.neighbours[i]})
	}
	for _, q := range queries {
		st, err := db.PrepareContext(ctx, d.rebind(q.sql))
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("sqlstore: open: %w", err)
		}
		*q.stmt = st
	}
	return s, nil
}

// Migrate creates the store's tables and indexes in db, in one
// transaction, unless they exist: the statements of [Dialect.Schema].
func Migrate(ctx context.Context, db *sql.DB, d Dialect) error {
	if db == nil {
		return fmt.Errorf("sqlstore: migrate: database: %w", process.ErrRequired)
	}
	if !d.Valid() {
		return fmt.Errorf("sqlstore: migrate: dialect %q: %w", string(d), process.ErrInvalidValue)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	defer tx.Rollback()
	for _, st := range statements(d.Schema()) {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("sqlstore: migrate: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	return nil
}

// Close releases the store's prepared queries. It does not close the
// database.
func (s *Store) Close() error {
	var errs []error
	for _, st := range append([]*sql.Stmt{s.get, s.page, s.links, s.pageLinkRows}, s.neighbours[:]...) {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}

// Dialect returns the dialect the store speaks.
func (s *Store) Dialect() Dialect { return s.dialect }

// Len returns the number of records stored.
func (s *Store) Len(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sms_record`).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlstore: count records: %w", err)
	}
	return n, nil
}

// Get returns the record with the given ID, decoded afresh from its row
// (changing it changes nothing stored), or an error wrapping
// [process.ErrNotFound].
func (s *Store) Get(ctx context.Context, id process.ID) (process.Record, error) {
	var body []byte
	err := s.get.QueryRowContext(ctx, id.String()).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlstore: record %s: %w", id, process.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: record %s: %w", id, err)
	}
	return s.decodeBody(id, body)
}

// decodeBody decodes the stored body of the record id.
func (s *Store) decodeBody(id process.ID, body []byte) (process.Record, error) {
	r, err := s.decode(body)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: record %s: %w", id, err)
	}
	if r == nil || r.Meta() == nil {
		return nil, fmt.Errorf("sqlstore: record %s: the decoder gave no record: %w", id, process.ErrRequired)
	}
	return r, nil
}

// Records yields every record of kind k, decoded afresh, in the order they
// were first stored (replacing a record keeps its place), as
// [process.MemStore.Records] does. It reads a page of rows at a time and
// holds no connection while the loop body runs, so the body may call the
// store; records stored while the iteration runs may or may not be seen.
// An error ends the iteration.
func (s *Store) Records(ctx context.Context, k process.RecordKind) iter.Seq2[process.Record, error] {
	return func(yield func(process.Record, error) bool) {
		var after int64
		for {
			rows, err := s.readPage(ctx, k, after)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, row := range rows {
				r, err := s.decodeBody(row.id, row.body)
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

// row is one stored record, read but not decoded.
type row struct {
	seq  int64
	id   process.ID
	body []byte
}

// readPage reads the next page of records of kind k after seq after.
func (s *Store) readPage(ctx context.Context, k process.RecordKind, after int64) ([]row, error) {
	rows, err := s.page.QueryContext(ctx, s.dialect.pageArgs(k, after)...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: records of kind %s: %w", k, err)
	}
	defer rows.Close()
	out := make([]row, 0, pageSize)
	for rows.Next() {
		var r row
		var id string
		if err := rows.Scan(&r.seq, &id, &r.body); err != nil {
			return nil, fmt.Errorf("sqlstore: records of kind %s: %w", k, err)
		}
		if r.id, err = parseID(id); err != nil {
			return nil, fmt.Errorf("sqlstore: records of kind %s: %w", k, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: records of kind %s: %w", k, err)
	}
	return out, nil
}

// parseID parses an ID column.
func parseID(s string) (process.ID, error) {
	u, err := uuid.Parse(s)
	if err != nil {
		return process.ID{}, fmt.Errorf("stored id %q: %w", s, process.ErrInvalidValue)
	}
	return process.ID(u), nil
}

// LinksTo yields the links other records hold to id, in the order they
// were stored, as [process.MemStore.LinksTo] does. The links are read
// before the first is yielded, so the loop body may call the store.
func (s *Store) LinksTo(ctx context.Context, id process.ID) iter.Seq2[process.Backlink, error] {
	return func(yield func(process.Backlink, error) bool) {
		bs, err := s.backlinks(ctx, s.links, id)
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

// backlinks reads the links to id with the links query st.
func (s *Store) backlinks(ctx context.Context, st *sql.Stmt, id process.ID) ([]process.Backlink, error) {
	rows, err := st.QueryContext(ctx, id.String())
	if err != nil {
		return nil, fmt.Errorf("sqlstore: links to %s: %w", id, err)
	}
	bs, err := scanBacklinks(rows)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: links to %s: %w", id, err)
	}
	return bs, nil
}

// scanBacklinks reads rows of (from_id, from_kind, type) and closes them.
func scanBacklinks(rows *sql.Rows) ([]process.Backlink, error) {
	defer rows.Close()
	var bs []process.Backlink
	for rows.Next() {
		var from, kind, typ string
		if err := rows.Scan(&from, &kind, &typ); err != nil {
			return nil, err
		}
		id, err := parseID(from)
		if err != nil {
			return nil, err
		}
		bs = append(bs, process.Backlink{From: id, Kind: process.RecordKind(kind), Type: process.LinkType(typ)})
	}
	return bs, rows.Err()
}
