package sqlstore

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/smskit/iso20000/process"
)

// Dialect is the SQL a database speaks, as far as the store needs it: its
// placeholders, its column types and how a writing transaction begins. The
// zero Dialect is not valid.
type Dialect string

// The dialects the store speaks.
const (
	// SQLite is SQLite 3.35 or later (ON CONFLICT upserts): writes begin
	// IMMEDIATE, so the database serialises writers.
	SQLite Dialect = "sqlite"
	// PostgreSQL is PostgreSQL 12 or later, and the engines that speak its
	// SQL with serializable transactions: writes run SERIALIZABLE and are
	// retried on a serialisation failure.
	PostgreSQL Dialect = "postgresql"
)

// Valid reports whether d is a dialect the store speaks.
func (d Dialect) Valid() bool { return d == SQLite || d == PostgreSQL }

// String returns the dialect's name.
func (d Dialect) String() string { return string(d) }

// MarshalText encodes the dialect by the module's rule for enumerations
// ([process.MarshalEnum]): its name, or nothing when unset.
func (d Dialect) MarshalText() ([]byte, error) { return process.MarshalEnum(d) }

// UnmarshalText decodes a known dialect or "" (unset); any other value is
// an error wrapping [process.ErrInvalidValue] and leaves d unchanged.
func (d *Dialect) UnmarshalText(b []byte) error { return process.UnmarshalEnum(d, b) }

// Schema returns the statements that create the store's tables and indexes
// in dialect d, separated by semicolons, each of them a no-op when its
// table or index exists already; "" for a dialect not [Dialect.Valid].
// [Migrate] runs them; a host that manages its schema with its own
// migration tool runs them there.
func (d Dialect) Schema() string {
	switch d {
	case SQLite:
		return schemaSQLite
	case PostgreSQL:
		return schemaPostgreSQL
	}
	return ""
}

const schemaSQLite = `CREATE TABLE IF NOT EXISTS sms_record (
	seq     INTEGER PRIMARY KEY,  -- order first stored: the order Records yields
	id      TEXT NOT NULL UNIQUE, -- the record's ID, canonical UUID text
	kind    TEXT NOT NULL,        -- its record kind ("incident", "release", ...)
	created TEXT NOT NULL,        -- created, UTC, RFC 3339
	updated TEXT NOT NULL,        -- last changed, UTC, RFC 3339
	body    TEXT NOT NULL         -- the record as JSON, its history included
);
CREATE INDEX IF NOT EXISTS sms_record_kind ON sms_record (kind, seq);
CREATE TABLE IF NOT EXISTS sms_link (
	seq       INTEGER PRIMARY KEY,                     -- order stored: the order LinksTo yields
	from_id   TEXT NOT NULL REFERENCES sms_record (id), -- the record holding the link
	to_id     TEXT NOT NULL REFERENCES sms_record (id), -- the record it links to
	type      TEXT NOT NULL,                           -- link type ("affects", "x-budget", ...)
	from_kind TEXT NOT NULL                            -- the kind of from_id
);
CREATE INDEX IF NOT EXISTS sms_link_to ON sms_link (to_id, seq);
CREATE INDEX IF NOT EXISTS sms_link_from ON sms_link (from_id)`

const schemaPostgreSQL = `CREATE TABLE IF NOT EXISTS sms_record (
	seq     bigint GENERATED ALWAYS AS IDENTITY UNIQUE, -- order first stored: the order Records yields
	id      uuid PRIMARY KEY,                           -- the record's ID
	kind    text NOT NULL,                              -- its record kind ("incident", "release", ...)
	created timestamptz NOT NULL,                       -- created
	updated timestamptz NOT NULL,                       -- last changed
	body    json NOT NULL                               -- the record as JSON, its history included
);
CREATE INDEX IF NOT EXISTS sms_record_kind ON sms_record (kind, seq);
CREATE TABLE IF NOT EXISTS sms_link (
	seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- order stored: the order LinksTo yields
	from_id   uuid NOT NULL REFERENCES sms_record (id),        -- the record holding the link
	to_id     uuid NOT NULL REFERENCES sms_record (id),        -- the record it links to
	type      text NOT NULL,                                   -- link type ("affects", "x-budget", ...)
	from_kind text NOT NULL                                    -- the kind of from_id
);
CREATE INDEX IF NOT EXISTS sms_link_to ON sms_link (to_id, seq);
CREATE INDEX IF NOT EXISTS sms_link_from ON sms_link (from_id)`

// batchQueries are the queries with which a [Store.Bind] view reads what
// it batches about one page of records: each takes the page's IDs as one
// parameter, written by [Dialect.idList].
type batchQueries struct {
	// links reads the links to the page's records (to_id, from_id,
	// from_kind, type), in the order they were stored.
	links string
	// neighbours read, by hop, the bodies of the records near the page
	// (id, body), at most as many as their second parameter: those the
	// page's records link to, those that link to them, and those that the
	// first link to.
	neighbours [neighbourHops]string
}

// neighbourHops is the number of batches of neighbours of a page a view
// reads, one at a time, until a Get finds its record.
const neighbourHops = 3

// batches returns the view's batch queries in d. In PostgreSQL each ID
// is its own probe of an index, in a LATERAL subquery that OFFSET 0 keeps
// the planner from flattening into a join: joined to the page's rows,
// the planner estimated the links to a record from statistics that grow
// with the store (a few records, a budget or a schedule of change, hold
// links from most of the others) and, past a few hundred thousand
// records, read the whole of sms_link by a hash join for every page.
// SQLite's CROSS JOIN keeps the IDs as the outer loop likewise.
func (d Dialect) batches() batchQueries {
	if d == PostgreSQL {
		const (
			ids  = `unnest(?::uuid[]) AS p (id)`
			to   = `SELECT DISTINCT l.to_id FROM ` + ids + ` CROSS JOIN LATERAL (SELECT to_id FROM sms_link WHERE from_id = p.id OFFSET 0) AS l`
			from = `SELECT DISTINCT l.from_id FROM ` + ids + ` CROSS JOIN LATERAL (SELECT from_id FROM sms_link WHERE to_id = p.id OFFSET 0) AS l`
			hop2 = `SELECT DISTINCT l2.to_id FROM (` + to + `) AS n (id) CROSS JOIN LATERAL (SELECT to_id FROM sms_link WHERE from_id = n.id OFFSET 0) AS l2`
		)
		bodies := func(q string) string {
			return `SELECT t.id, t.body FROM (` + q + `) AS n (id) CROSS JOIN LATERAL (SELECT id, body FROM sms_record WHERE id = n.id OFFSET 0) AS t LIMIT ?`
		}
		return batchQueries{
			links: `SELECT l.to_id, l.from_id, l.from_kind, l.type FROM ` + ids +
				` CROSS JOIN LATERAL (SELECT seq, to_id, from_id, from_kind, type FROM sms_link WHERE to_id = p.id OFFSET 0) AS l ORDER BY l.seq`,
			neighbours: [...]string{bodies(to), bodies(from), bodies(hop2)},
		}
	}
	const (
		ids  = `json_each(?) AS p`
		to   = `SELECT l.to_id FROM ` + ids + ` CROSS JOIN sms_link AS l ON l.from_id = p.value`
		from = `SELECT l.from_id FROM ` + ids + ` CROSS JOIN sms_link AS l ON l.to_id = p.value`
		hop2 = `SELECT l2.to_id FROM sms_link AS l2 WHERE l2.from_id IN (` + to + `)`
	)
	bodies := func(q string) string {
		return `SELECT t.id, t.body FROM sms_record AS t WHERE t.id IN (` + q + `) LIMIT ?`
	}
	return batchQueries{
		links:      `SELECT l.to_id, l.from_id, l.from_kind, l.type FROM ` + ids + ` CROSS JOIN sms_link AS l ON l.to_id = p.value ORDER BY l.seq`,
		neighbours: [...]string{bodies(to), bodies(from), bodies(hop2)},
	}
}

// idList writes ids as the one parameter of a batch query in d: an array
// literal of uuids in PostgreSQL, a JSON array of strings in SQLite.
func (d Dialect) idList(ids []process.ID) string {
	var b strings.Builder
	open, quote, end := "{", "", "}"
	if d == SQLite {
		open, quote, end = "[", `"`, "]"
	}
	b.Grow(len(ids)*39 + 2)
	b.WriteString(open)
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(quote)
		b.WriteString(id.String())
		b.WriteString(quote)
	}
	b.WriteString(end)
	return b.String()
}

// pageQuery returns the query that reads a page of records in d: the
// records of a kind after a seq, at most a number of them (the arguments
// of [Dialect.pageArgs]). In PostgreSQL its row comparisons can be
// answered only by the index on (kind, seq), as one range scan in its
// order: written as kind = ? AND seq > ? ORDER BY seq, the generic plan
// of the prepared query walked the seq index instead and filtered its
// rows by kind, which reads the whole table for a kind with few records
// or none. SQLite's planner takes the index on (kind, seq) for that form
// (and not for the row comparisons).
func (d Dialect) pageQuery() string {
	if d == PostgreSQL {
		return `SELECT seq, id, body FROM sms_record WHERE (kind, seq) > (?, ?) AND kind <= ? ORDER BY kind, seq LIMIT ?`
	}
	return `SELECT seq, id, body FROM sms_record WHERE kind = ? AND seq > ? ORDER BY seq LIMIT ?`
}

// pageArgs returns the arguments of [Dialect.pageQuery] for the page of
// records of kind k after seq after.
func (d Dialect) pageArgs(k process.RecordKind, after int64) []any {
	if d == PostgreSQL {
		return []any{string(k), after, string(k), pageSize}
	}
	return []any{string(k), after, pageSize}
}

// statements splits a schema into its statements.
func statements(schema string) []string {
	var out []string
	for _, s := range strings.Split(schema, ";\n") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// rebind rewrites the ? placeholders of q as d writes them ($1, $2, … in
// PostgreSQL). The store's queries hold no ? but placeholders.
func (d Dialect) rebind(q string) string {
	if d != PostgreSQL {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// begin is the statement that starts a writing transaction in d.
func (d Dialect) begin() string {
	if d == SQLite {
		return "BEGIN IMMEDIATE"
	}
	return "BEGIN ISOLATION LEVEL SERIALIZABLE"
}

// time returns the value a created or updated column holds for t: the
// instant itself in PostgreSQL (timestamptz), RFC 3339 text in UTC in
// SQLite, which has no time type.
func (d Dialect) time(t time.Time) any {
	if d == SQLite {
		return t.UTC().Format(time.RFC3339Nano)
	}
	return t
}

// retryable reports whether err, returned by a database of dialect d,
// means that the transaction lost a race and may succeed when run again: a
// serialisation failure or deadlock in PostgreSQL (SQLSTATE 40001, 40P01),
// a busy or locked database in SQLite. The drivers' error types are probed
// through the methods they export (pgconn.PgError.SQLState, the sqlite
// drivers' Code), so that no driver is imported.
func (d Dialect) retryable(err error) bool {
	switch d {
	case PostgreSQL:
		var e interface{ SQLState() string }
		if errors.As(err, &e) {
			s := e.SQLState()
			return s == "40001" || s == "40P01"
		}
	case SQLite:
		var e interface{ Code() int }
		if errors.As(err, &e) {
			c := e.Code() & 0xff    // the primary result code
			return c == 5 || c == 6 // SQLITE_BUSY, SQLITE_LOCKED
		}
	}
	return false
}
