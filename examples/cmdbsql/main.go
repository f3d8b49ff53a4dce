// Command cmdbsql is the SQL peer of the CMDB impact benchmarks: it generates
// the same graph as the benchmarks of package process/cmdb (with package
// process/cmdbgen, same seed), loads it into SQLite and, when one is
// reachable, PostgreSQL,
// runs the same impact queries as recursive SQL, checks that every answer
// agrees with the library's, and prints both times and their ratio.
//
// Two forms of each downstream query are compared. "plain" ignores
// redundancy: one recursive CTE. "redundant" honours redundancy groups: SQL
// cannot count failed members inside a recursive CTE, so it iterates a
// recursive CTE over the ungated relationships and a GROUP BY over the gated
// ones until no more groups fail (a fixpoint, the same set the library's
// one-pass walk finds). In PostgreSQL the loop runs server-side, in one
// PL/pgSQL function, so a query is one round trip; SQLite runs in the
// process, so its loop makes no round trips either. Upstream queries are one recursive CTE. By default
// each query runs once untimed before it is timed, for the library and the
// databases alike, so that both are measured in a steady state (-warm=false
// times first runs).
//
//	go run . -cis 100000            # SQLite, and PostgreSQL if -pg is reachable
//	go run . -cis 1000000 -queries 4
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/cmdb"
	"github.com/smskit/iso20000/process/cmdbgen"
)

func main() {
	cis := flag.Int("cis", 100_000, "number of CIs (the design scale is 1000000)")
	perCI := flag.Int("rels-per-ci", 5, "relationships per CI")
	queries := flag.Int("queries", 8, "queries per scenario (seeds)")
	seed := flag.Uint64("seed", 20000, "generator seed (the benchmarks use 20000)")
	pgDSN := flag.String("pg", "postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable", "PostgreSQL URL; skipped if not reachable; empty to skip")
	noSQLite := flag.Bool("no-sqlite", false, "skip SQLite")
	warm := flag.Bool("warm", true, "run each query once untimed before timing it, library and SQL alike (steady state); false times first runs")
	flag.Parse()
	if err := run(*cis, *perCI, *queries, *seed, *pgDSN, !*noSQLite, *warm); err != nil {
		fmt.Fprintln(os.Stderr, "cmdbsql:", err)
		os.Exit(1)
	}
}

// edge is one impact edge: u's failure affects v; gated when it counts a
// redundancy group member towards its group's failure.
type edge struct {
	u, v  int32
	gated bool
}

func impactEdges(g *cmdbgen.Graph) []edge {
	es := make([]edge, len(g.From))
	for e, t := range g.Rel {
		if cmdbgen.ImpactToTarget(t) {
			es[e] = edge{g.From[e], g.To[e], t == cmdbgen.MemberOf}
		} else {
			es[e] = edge{g.To[e], g.From[e], false}
		}
	}
	return es
}

// failsAt returns, per group CI, the member failures that make it fail.
func failsAt(g *cmdbgen.Graph) map[int32]int {
	m := make(map[int32]int, len(g.Groups))
	for _, gr := range g.Groups {
		m[gr.CI] = len(gr.Members) - gr.MinUp + 1
	}
	return m
}

// db is what the peer needs of a database: run the three queries for one
// seed and return the CIs reached.
type db interface {
	name() string
	plain(seed int32, upstream bool) ([]int32, error)
	redundant(seed int32) ([]int32, error)
	close()
}

func run(nCI, perCI, perScenario int, seed uint64, pgDSN string, useSQLite, warm bool) error {
	t0 := time.Now()
	g := cmdbgen.Generate(cmdbgen.Config{CIs: nCI, Relations: perCI * nCI, Seed: seed})
	fmt.Printf("graph: %d CIs, %d relationships, %d redundancy groups (generated in %v)\n",
		len(g.IDs), len(g.From), len(g.Groups), time.Since(t0).Round(time.Millisecond))
	t0 = time.Now()
	x, err := g.Index()
	if err != nil {
		return err
	}
	fmt.Printf("library index built in %v\n", time.Since(t0).Round(time.Millisecond))
	pos := make(map[process.ID]int32, len(g.IDs))
	for i, id := range g.IDs {
		pos[process.ID(id)] = int32(i)
	}
	es := impactEdges(g)
	fails := failsAt(g)

	var dbs []db
	if useSQLite {
		d, err := openSQLite(es, fails)
		if err != nil {
			return err
		}
		dbs = append(dbs, d)
	}
	if pgDSN != "" {
		d, err := openPostgres(pgDSN, es, fails)
		if err != nil {
			fmt.Printf("postgresql: skipped: %v\n", err)
		} else {
			dbs = append(dbs, d)
		}
	}
	defer func() {
		for _, d := range dbs {
			d.close()
		}
	}()

	// One caller-owned Impact for every library query: its scratch space
	// survives the collections forced below (a pooled one would not).
	walk := x.NewImpact()
	lib := func(seed int32, dir cmdb.Direction, ignore bool) ([]int32, time.Duration, error) {
		q := cmdb.ImpactQuery{CIs: []process.ID{process.ID(g.IDs[seed])}, Direction: dir, IgnoreRedundancy: ignore}
		runtime.GC() // do not charge the SQL drivers' garbage to the library
		if warm {
			if err := walk.Analyse(q); err != nil {
				return nil, 0, err
			}
		}
		t := time.Now()
		if err := walk.Analyse(q); err != nil {
			return nil, 0, err
		}
		d := time.Since(t)
		out := make([]int32, 0, walk.Len())
		for a := range walk.All() {
			out = append(out, pos[a.CI])
		}
		return out, d, nil
	}

	for _, up := range []bool{false, true} { // warm the caches
		dir := cmdb.Downstream
		if up {
			dir = cmdb.Upstream
		}
		if _, _, err := lib(0, dir, false); err != nil {
			return err
		}
	}
	fmt.Printf("\n%-22s %-10s %8s %12s", "scenario", "query", "CIs/q", "library")
	for _, d := range dbs {
		fmt.Printf(" %12s %9s", d.name(), "ratio")
	}
	fmt.Println()
	type key struct{ form, db string }
	libTotal := map[string]time.Duration{}
	sqlTotal := map[key]time.Duration{}
	for _, sc := range g.Scenarios(perScenario) {
		forms := []string{"plain", "redundant"}
		if sc.Upstream {
			forms = []string{"upstream"}
		}
		for _, form := range forms {
			var lt time.Duration
			st := make([]time.Duration, len(dbs))
			reached := 0
			for _, s := range sc.Seeds {
				dir := cmdb.Downstream
				if sc.Upstream {
					dir = cmdb.Upstream
				}
				want, d, err := lib(s, dir, form == "plain")
				if err != nil {
					return err
				}
				lt += d
				reached += len(want)
				for i, db := range dbs {
					query := func() ([]int32, error) {
						if form == "redundant" {
							return db.redundant(s)
						}
						return db.plain(s, sc.Upstream)
					}
					runtime.GC()
					if warm {
						if _, err := query(); err != nil {
							return fmt.Errorf("%s %s %s seed %d: %w", db.name(), sc.Name, form, s, err)
						}
					}
					t := time.Now()
					got, err := query()
					if err != nil {
						return fmt.Errorf("%s %s %s seed %d: %w", db.name(), sc.Name, form, s, err)
					}
					st[i] += time.Since(t)
					if !sameSet(got, want) {
						return fmt.Errorf("%s %s %s seed %d: sql reached %d CIs, library %d", db.name(), sc.Name, form, s, len(got), len(want))
					}
				}
			}
			n := time.Duration(len(sc.Seeds))
			fmt.Printf("%-22s %-10s %8d %12v", sc.Name, form, reached/len(sc.Seeds), (lt / n).Round(100*time.Nanosecond))
			libTotal[form] += lt
			for i, d := range dbs {
				fmt.Printf(" %12v %8.0fx", (st[i] / n).Round(time.Microsecond), float64(st[i])/float64(lt))
				sqlTotal[key{form, d.name()}] += st[i]
			}
			fmt.Println()
		}
	}
	fmt.Println("\nall answers agree. totals (sql time / library time over every query):")
	for _, form := range []string{"plain", "redundant", "upstream"} {
		for _, d := range dbs {
			k := key{form, d.name()}
			fmt.Printf("  %-10s %-10s library %10v  sql %12v  ratio %8.0fx\n", form, d.name(),
				libTotal[form].Round(time.Microsecond), sqlTotal[k].Round(time.Millisecond), float64(sqlTotal[k])/float64(libTotal[form]))
		}
	}
	return nil
}

func sameSet(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// The SQL, shared by both databases; %s is the parameter placeholder.
const (
	sqlDown = `WITH RECURSIVE r(n) AS (SELECT CAST(%s AS INTEGER) UNION SELECT e.v FROM edge e JOIN r ON e.u = r.n) SELECT n FROM r`
	sqlUp   = `WITH RECURSIVE r(n) AS (SELECT CAST(%s AS INTEGER) UNION SELECT e.u FROM edge e JOIN r ON e.v = r.n) SELECT n FROM r`
	// One round of the redundant query: from the seeds, over ungated
	// edges, into reached.
	sqlRound = `INSERT INTO reached(n) WITH RECURSIVE r(n) AS (SELECT n FROM seeds UNION SELECT e.v FROM edge e JOIN r ON e.u = r.n WHERE e.gated = 0 AND NOT EXISTS (SELECT 1 FROM reached x WHERE x.n = e.v)) SELECT n FROM r WHERE NOT EXISTS (SELECT 1 FROM reached x WHERE x.n = r.n)`
	// The groups that have now failed and are not reached yet; %s joins
	// reached to edge in that order (SQLite's CROSS JOIN keeps it).
	sqlFailed = `SELECT e.v FROM reached r %s edge e ON e.u = r.n JOIN grp g ON g.ci = e.v WHERE e.gated = 1 AND NOT EXISTS (SELECT 1 FROM reached x WHERE x.n = e.v) GROUP BY e.v HAVING count(*) >= max(g.fails)`
)

// sqliteDB is SQLite through database/sql, one connection, in memory.
type sqliteDB struct {
	db   *sql.DB
	dir  string
	down *sql.Stmt
	up   *sql.Stmt
}

func openSQLite(es []edge, fails map[int32]int) (*sqliteDB, error) {
	dir, err := os.MkdirTemp("", "cmdbsql")
	if err != nil {
		return nil, err
	}
	d, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "cmdb.db")+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)&_pragma=cache_size(-1000000)&_pragma=temp_store(MEMORY)")
	if err != nil {
		return nil, err
	}
	d.SetMaxOpenConns(1)
	s := &sqliteDB{db: d, dir: dir}
	t0 := time.Now()
	for _, q := range []string{
		`CREATE TABLE edge(u INTEGER NOT NULL, v INTEGER NOT NULL, gated INTEGER NOT NULL)`,
		`CREATE TABLE grp(ci INTEGER PRIMARY KEY, fails INTEGER NOT NULL)`,
		`CREATE TEMP TABLE seeds(n INTEGER PRIMARY KEY)`,
		`CREATE TEMP TABLE reached(n INTEGER PRIMARY KEY)`,
	} {
		if _, err := d.Exec(q); err != nil {
			return nil, err
		}
	}
	tx, err := d.Begin()
	if err != nil {
		return nil, err
	}
	ins, err := tx.Prepare(`INSERT INTO edge(u, v, gated) VALUES (?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	for _, e := range es {
		if _, err := ins.Exec(e.u, e.v, e.gated); err != nil {
			return nil, err
		}
	}
	for ci, f := range fails {
		if _, err := tx.Exec(`INSERT INTO grp(ci, fails) VALUES (?, ?)`, ci, f); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	for _, q := range []string{`CREATE INDEX edge_u ON edge(u, v, gated)`, `CREATE INDEX edge_v ON edge(v, u)`, `ANALYZE`} {
		if _, err := d.Exec(q); err != nil {
			return nil, err
		}
	}
	fmt.Printf("sqlite: loaded and indexed in %v\n", time.Since(t0).Round(time.Millisecond))
	if s.down, err = d.Prepare(fmt.Sprintf(sqlDown, "?")); err != nil {
		return nil, err
	}
	if s.up, err = d.Prepare(fmt.Sprintf(sqlUp, "?")); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *sqliteDB) name() string { return "sqlite" }

func (s *sqliteDB) close() {
	s.db.Close()
	os.RemoveAll(s.dir)
}

func (s *sqliteDB) plain(seed int32, upstream bool) ([]int32, error) {
	st := s.down
	if upstream {
		st = s.up
	}
	rows, err := st.Query(seed)
	if err != nil {
		return nil, err
	}
	return scan(rows)
}

func scan(rows *sql.Rows) ([]int32, error) {
	defer rows.Close()
	var out []int32
	for rows.Next() {
		var n int32
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func (s *sqliteDB) redundant(seed int32) ([]int32, error) {
	for _, q := range []string{`DELETE FROM seeds`, `DELETE FROM reached`} {
		if _, err := s.db.Exec(q); err != nil {
			return nil, err
		}
	}
	next := []int32{seed}
	for len(next) > 0 {
		if _, err := s.db.Exec(`DELETE FROM seeds`); err != nil {
			return nil, err
		}
		for _, n := range next {
			if _, err := s.db.Exec(`INSERT INTO seeds(n) VALUES (?)`, n); err != nil {
				return nil, err
			}
		}
		if _, err := s.db.Exec(sqlRound); err != nil {
			return nil, err
		}
		rows, err := s.db.Query(fmt.Sprintf(sqlFailed, "CROSS JOIN"))
		if err != nil {
			return nil, err
		}
		if next, err = scan(rows); err != nil {
			return nil, err
		}
	}
	rows, err := s.db.Query(`SELECT n FROM reached`)
	if err != nil {
		return nil, err
	}
	return scan(rows)
}

// pgDB is PostgreSQL through pgx, one connection.
type pgDB struct {
	conn *pgx.Conn
	ctx  context.Context
}

func openPostgres(dsn string, es []edge, fails map[int32]int) (*pgDB, error) {
	ctx := context.Background()
	cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	conn, err := pgx.Connect(cctx, dsn)
	if err != nil {
		return nil, err
	}
	p := &pgDB{conn: conn, ctx: ctx}
	t0 := time.Now()
	for _, q := range []string{
		`SET jit = off`, // JIT compiles every one of these short queries: 15 ms each
		`DROP TABLE IF EXISTS edge, grp`,
		`CREATE UNLOGGED TABLE edge(u integer NOT NULL, v integer NOT NULL, gated integer NOT NULL)`,
		`CREATE UNLOGGED TABLE grp(ci integer PRIMARY KEY, fails integer NOT NULL)`,
		`CREATE TEMP TABLE seeds(n integer PRIMARY KEY)`,
		`CREATE TEMP TABLE reached(n integer PRIMARY KEY)`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			conn.Close(ctx)
			return nil, err
		}
	}
	rows := make([][]any, len(es))
	for i, e := range es {
		g := 0
		if e.gated {
			g = 1
		}
		rows[i] = []any{e.u, e.v, int32(g)}
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"edge"}, []string{"u", "v", "gated"}, pgx.CopyFromRows(rows)); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	grows := make([][]any, 0, len(fails))
	for ci, f := range fails {
		grows = append(grows, []any{ci, int32(f)})
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"grp"}, []string{"ci", "fails"}, pgx.CopyFromRows(grows)); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	for _, q := range []string{`CREATE INDEX edge_u ON edge(u, v, gated)`, `CREATE INDEX edge_v ON edge(v, u)`, `ANALYZE edge`, `ANALYZE grp`, pgRedundant} {
		if _, err := conn.Exec(ctx, q); err != nil {
			conn.Close(ctx)
			return nil, err
		}
	}
	fmt.Printf("postgresql: loaded and indexed in %v\n", time.Since(t0).Round(time.Millisecond))
	return p, nil
}

func (p *pgDB) name() string { return "postgresql" }

func (p *pgDB) close() {
	p.conn.Exec(p.ctx, `DROP TABLE IF EXISTS edge, grp`)
	p.conn.Close(p.ctx)
}

func (p *pgDB) query(q string, args ...any) ([]int32, error) {
	rows, err := p.conn.Query(p.ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int32
	for rows.Next() {
		var n int32
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func (p *pgDB) plain(seed int32, upstream bool) ([]int32, error) {
	q := sqlDown
	if upstream {
		q = sqlUp
	}
	return p.query(fmt.Sprintf(q, "$1::integer"), seed)
}

// pgRedundant is the redundant query as one server-side function: the same
// rounds as SQLite's client loop (a recursive CTE over the ungated
// relationships, then the groups that have failed), run inside PostgreSQL
// so that a query is one round trip, as the library's is one call.
var pgRedundant = `CREATE OR REPLACE FUNCTION redundant_impact(seed integer) RETURNS SETOF integer
LANGUAGE plpgsql AS $$
DECLARE
	added integer;
BEGIN
	DELETE FROM seeds;
	DELETE FROM reached;
	INSERT INTO seeds(n) VALUES (seed);
	LOOP
		ANALYZE seeds;
		` + sqlRound + `;
		-- Temporary tables have no statistics until analysed: without them
		-- the planner hashes the whole edge table every round.
		ANALYZE reached;
		DELETE FROM seeds;
		INSERT INTO seeds(n) ` + sqlFailedPG + `;
		GET DIAGNOSTICS added = ROW_COUNT;
		EXIT WHEN added = 0;
	END LOOP;
	RETURN QUERY SELECT n FROM reached;
END
$$`

// sqlFailedPG is sqlFailed for PostgreSQL's function (its joins in order).
var sqlFailedPG = fmt.Sprintf(sqlFailed, "JOIN")

func (p *pgDB) redundant(seed int32) ([]int32, error) {
	return p.query(`SELECT n FROM redundant_impact($1::integer) AS n`, seed)
}
