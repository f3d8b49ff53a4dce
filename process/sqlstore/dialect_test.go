package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

func TestDialectText(t *testing.T) {
	processtest.EnumText(t, SQLite, PostgreSQL)
	assert.False(t, Dialect("").Valid())
	assert.Equal(t, "postgresql", PostgreSQL.String())
}

func TestSchema(t *testing.T) {
	for _, d := range []Dialect{SQLite, PostgreSQL} {
		st := statements(d.Schema())
		assert.Len(t, st, 5, "%s: two tables and three indexes", d)
		for _, s := range st {
			assert.Contains(t, s, "IF NOT EXISTS", "%s: %q runs again harmlessly", d, s)
		}
	}
	assert.Empty(t, Dialect("oracle").Schema())
}

func TestRebind(t *testing.T) {
	q := `SELECT body FROM sms_record WHERE kind = ? AND seq > ? LIMIT ?`
	assert.Equal(t, q, SQLite.rebind(q))
	assert.Equal(t, `SELECT body FROM sms_record WHERE kind = $1 AND seq > $2 LIMIT $3`, PostgreSQL.rebind(q))
	assert.Equal(t, "(?, ?, ?), (?, ?, ?)", placeholders(2, 3))
	assert.Equal(t, "?, ?, ?", placeholders(3, 1))
}

func TestIDList(t *testing.T) {
	a := process.MustParseID("0b5f1c0e-3f1d-4c8e-9d2a-6f0e8a1b2c3d")
	b := process.MustParseID("9e8d7c6b-5a49-4382-a716-f5e4d3c2b1a0")
	tests := []struct {
		d    Dialect
		ids  []process.ID
		want string
	}{
		{PostgreSQL, []process.ID{a, b}, "{0b5f1c0e-3f1d-4c8e-9d2a-6f0e8a1b2c3d,9e8d7c6b-5a49-4382-a716-f5e4d3c2b1a0}"},
		{PostgreSQL, nil, "{}"},
		{SQLite, []process.ID{a, b}, `["0b5f1c0e-3f1d-4c8e-9d2a-6f0e8a1b2c3d","9e8d7c6b-5a49-4382-a716-f5e4d3c2b1a0"]`},
		{SQLite, nil, "[]"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.d.idList(tt.ids), "%s", tt.d)
	}
}

func TestBatchQueries(t *testing.T) {
	for _, d := range []Dialect{SQLite, PostgreSQL} {
		b := d.batches()
		assert.Equal(t, 1, strings.Count(b.links, "?"), "%s: %q takes the page's IDs", d, b.links)
		for _, q := range b.neighbours {
			assert.Equal(t, 2, strings.Count(q, "?"), "%s: %q takes the page's IDs and a limit", d, q)
		}
		for _, q := range append([]string{b.links}, b.neighbours[:]...) {
			assert.NotContains(t, q, "seq BETWEEN", "%s: %q reads no range of sms_record", d, q)
		}
	}
	assert.Len(t, PostgreSQL.pageArgs("incident", 7), strings.Count(PostgreSQL.pageQuery(), "?"))
	assert.Len(t, SQLite.pageArgs("incident", 7), strings.Count(SQLite.pageQuery(), "?"))
}

// pgError and liteError stand for the drivers' errors, as the store
// probes them.
type pgError struct{ state string }

func (e pgError) Error() string    { return "pg: " + e.state }
func (e pgError) SQLState() string { return e.state }

type liteError struct{ code int }

func (e liteError) Error() string { return fmt.Sprintf("sqlite: %d", e.code) }
func (e liteError) Code() int     { return e.code }

func TestRetryable(t *testing.T) {
	tests := []struct {
		d    Dialect
		err  error
		want bool
	}{
		{PostgreSQL, pgError{"40001"}, true},
		{PostgreSQL, fmt.Errorf("put: %w", pgError{"40P01"}), true},
		{PostgreSQL, pgError{"23505"}, false},
		{PostgreSQL, liteError{5}, false},
		{SQLite, liteError{5}, true},
		{SQLite, liteError{5 | 2<<8}, true}, // SQLITE_BUSY_SNAPSHOT
		{SQLite, liteError{6}, true},
		{SQLite, liteError{19}, false},
		{SQLite, pgError{"40001"}, false},
		{SQLite, errors.New("other"), false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.d.retryable(tt.err), "%s %v", tt.d, tt.err)
	}
}

func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	_, err := Open(ctx, nil, SQLite, nil)
	assert.ErrorIs(t, err, process.ErrRequired)
	db, err := sql.Open("no-such-driver", "")
	assert.Error(t, err)
	assert.Nil(t, db)
	_, err = Open(ctx, &sql.DB{}, "oracle", nil)
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	assert.ErrorIs(t, Migrate(ctx, nil, SQLite), process.ErrRequired)
	assert.ErrorIs(t, Migrate(ctx, &sql.DB{}, ""), process.ErrInvalidValue)
	assert.True(t, strings.HasPrefix(Migrate(ctx, nil, SQLite).Error(), "sqlstore: "))
}
