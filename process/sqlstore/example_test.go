package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/smskit/iso20000/interfaces"
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/sqlstore"
	"github.com/smskit/iso20000/sms"
)

// The tables and indexes the store keeps, as a DBA reads them in the
// statements of the schema.
func ExampleDialect_Schema() {
	for _, line := range strings.Split(sqlstore.PostgreSQL.Schema(), "\n") {
		if strings.HasPrefix(line, "CREATE") {
			fmt.Println(strings.TrimSuffix(line, ";"))
		}
	}
	// Output:
	// CREATE TABLE IF NOT EXISTS sms_record (
	// CREATE INDEX IF NOT EXISTS sms_record_kind ON sms_record (kind, seq)
	// CREATE TABLE IF NOT EXISTS sms_link (
	// CREATE INDEX IF NOT EXISTS sms_link_to ON sms_link (to_id, seq)
	// CREATE INDEX IF NOT EXISTS sms_link_from ON sms_link (from_id)
}

// A host plugs its database in: it opens it with its own driver (here
// pgx's database/sql driver, imported by the host as
// _ "github.com/jackc/pgx/v5/stdlib"), creates the tables once, stores
// records through the checked writes, and hands the library a view bound
// to the request's context. The records of Clause 4 and of budgeting and
// capacity decode with sms.Decode.
func ExampleOpen() {
	ctx := context.Background()
	db, err := sql.Open("pgx", "postgres://sms@db.example/sms")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	if err := sqlstore.Migrate(ctx, db, sqlstore.PostgreSQL); err != nil {
		fmt.Println(err)
		return
	}
	store, err := sqlstore.Open(ctx, db, sqlstore.PostgreSQL, &sqlstore.Options{Decode: sms.Decode})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer store.Close()

	var incident process.Record // from the host's service desk
	if err := store.Put(ctx, incident); err != nil {
		fmt.Println(err) // refused by the checks: nothing stored
	}
	report, err := interfaces.Audit(interfaces.Standard(), store.Bind(ctx), process.Window{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(report.Findings), "findings")
}
