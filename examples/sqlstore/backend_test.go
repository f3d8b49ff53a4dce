package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/sqlstore"
)

// backend is one store the conformance suite runs on: the in-memory store,
// or a SQL store on SQLite or PostgreSQL.
type backend struct {
	name  string
	store process.Store // as the library reads it
	put   func(process.Record) error
	len   func() int
	sql   *sqlstore.Store // nil for the in-memory store
	db    *sql.DB
}

// backendKinds are the stores the suite runs on.
var backendKinds = []string{"memstore", "sqlite", "postgresql"}

// newBackend returns an empty store of the named kind whose SQL stores
// decode with decode; it skips the test when PostgreSQL is not configured
// outside CI.
func newBackend(t testing.TB, name string, decode func([]byte) (process.Record, error)) *backend {
	t.Helper()
	switch name {
	case "memstore":
		m := process.NewMemStore()
		return &backend{name: name, store: m, put: m.Put, len: m.Len}
	case "sqlite":
		dsn := "file:" + filepath.Join(t.TempDir(), "sms.db") + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)"
		db, err := sql.Open("sqlite", dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return sqlBackend(t, name, db, sqlstore.SQLite, decode)
	case "postgresql":
		db := pgDatabase(t)
		return sqlBackend(t, name, db, sqlstore.PostgreSQL, decode)
	}
	t.Fatalf("no backend %q", name)
	return nil
}

func sqlBackend(t testing.TB, name string, db *sql.DB, d sqlstore.Dialect, decode func([]byte) (process.Record, error)) *backend {
	t.Helper()
	ctx := context.Background()
	if err := sqlstore.Migrate(ctx, db, d); err != nil {
		t.Fatal(err)
	}
	s, err := sqlstore.Open(ctx, db, d, &sqlstore.Options{Decode: decode})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &backend{
		name: name, store: s.Bind(ctx), sql: s, db: db,
		put: func(r process.Record) error { return s.Put(ctx, r) },
		len: func() int {
			n, err := s.Len(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return n
		},
	}
}

// pgDSN returns the DSN of the test server, skipping the test without one
// outside CI.
func pgDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(pgEnv)
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set in CI: .ci/databases starts the server and sets it", pgEnv)
		}
		t.Skipf("%s not set: no PostgreSQL server to test against (.ci/databases starts one)", pgEnv)
	}
	return dsn
}

// pgDatabase returns a connection pool to a fresh schema of the test
// server, dropped when the test ends, so that tests do not see each
// other's records.
func pgDatabase(t testing.TB) *sql.DB {
	t.Helper()
	ctx := context.Background()
	dsn := pgDSN(t)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	schema := fmt.Sprintf("sqlstore_test_%d_%s", os.Getpid(), process.NewID().Short())
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Error(err)
		}
	})
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	cfg.RuntimeParams["search_path"] = schema
	db := stdlib.OpenDB(*cfg)
	t.Cleanup(func() { db.Close() })
	return db
}

// eachBackend runs f on a fresh store of every kind.
func eachBackend(t *testing.T, decode func([]byte) (process.Record, error), f func(t *testing.T, b *backend)) {
	for _, name := range backendKinds {
		t.Run(name, func(t *testing.T) { f(t, newBackend(t, name, decode)) })
	}
}
