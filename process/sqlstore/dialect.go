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
