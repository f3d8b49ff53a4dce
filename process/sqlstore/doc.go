// Package sqlstore keeps the records of the service management system in a
// host's SQL database, through database/sql: a [process.Store] that the
// library's readers (the interface audit, the conformity assessment, the
// CMDB build) read, and whose writes run the same checks as
// [process.MemStore.Put] inside the transaction that writes (ISO/IEC
// 20000-1:2011, 4.3.3: records are kept, identifiable, retrievable and
// protected against changes that their history does not explain).
//
// The library imports no driver: the host opens the database with its own
// (modernc.org/sqlite for [SQLite], whose busy errors the store retries;
// pgx's stdlib for [PostgreSQL] and the PostgreSQL-compatible engines),
// creates the tables with [Migrate] (or runs [Dialect.Schema] itself), and
// hands the *sql.DB to [Open].
//
// # Schema
//
// Two tables, readable by a DBA without the library. sms_record holds one
// row per record: seq (the order records were first stored, the order
// [Store.Records] yields them), id, kind (indexed with seq), created and
// updated (UTC; for queries: the record's own times, with their offsets,
// are in the body) and body, the record as JSON as its type encodes it,
// its append-only history included. sms_link holds one row per link a
// record holds: from_id, to_id, type and from_kind, in the order they were
// stored, indexed by to_id (for [Store.LinksTo]) and by from_id.
//
// # Contexts and the process.Store view
//
// Every call takes a context. [process.Store] has none, so [Store.Bind]
// returns a view bound to one context (one request) for the readers of the
// library; its reads are batched: a lookup that misses reads the records
// and backlinks near it in one query (at 1,000,000 records, 2,865 of the
// interface audit's 656,906 lookups go to the database one at a time; the
// rest are answered from 756 pages of records and 1,549 batches).
//
// A query reads what its page needs, whatever the size of the store. A
// page of [Store.Records] is one range of the index on (kind, seq), and a
// batch takes the IDs of a page as its one parameter, each ID one probe of
// an index (in PostgreSQL in a LATERAL subquery, which the planner cannot
// turn into a join). Joined to a range of sms_record instead, the batches
// were planned from statistics that grow with the store: past a few
// hundred thousand records PostgreSQL read the whole of sms_link for each
// page (half a second a batch at a million records), and read the table
// through its seq index for a kind with few records or none.
//
// # Writes
//
// [Store.Put] and [Store.PutAll] run [process.Check] against what the
// database holds, inside one transaction per call: on SQLite it begins
// IMMEDIATE, so writers are serialised by the database; on PostgreSQL it
// runs SERIALIZABLE and is retried, from the start, when the database
// reports a serialisation failure. So two writers cannot both pass a check
// that only one should pass (two edits of one stored version, where the
// second would rewrite the first's history), and a refused write stores
// nothing: PutAll stores every record or none.
//
// What the store keeps is what a record's JSON keeps: its exported fields,
// and times as instants with their UTC offset (the location's name is not
// kept, as with [process.Copy]). A record whose JSON the store's decoder
// cannot read back is refused at Put.
package sqlstore
