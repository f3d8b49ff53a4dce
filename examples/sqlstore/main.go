// Command sqlstore measures the interface audit over records read from
// PostgreSQL through package process/sqlstore, beside the same audit over
// the same records in a process.MemStore, in one run. It generates a
// provider's year of records (the generator of the audit's own benchmark,
// same seed), puts them into both stores (into PostgreSQL with PutAll in
// batches, every record checked in its transaction), checks that both
// audits give the same report, then times the two audits in pairs, a
// garbage collection before each, and prints the medians: time per record,
// memory allocated per record, the live heap the audit added at its peak
// (sampled), and the ratio.
//
//	.ci/databases go run . -records 1000000
//	go run . -records 100000 -pg 'host=/tmp/... port=... user=postgres dbname=iso20000'
//
// With -reuse, records already loaded by an earlier run of the same size
// are audited again without loading them anew.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"iter"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/smskit/iso20000/interfaces"
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/smskit/iso20000/process/sqlstore"
)

// pgEnv names the environment variable that holds the DSN of the
// PostgreSQL server to measure and test against (.ci/databases sets it).
// Without it the PostgreSQL tests are skipped, but not in CI (CI set):
// there they fail.
const pgEnv = "ISO20000_PG_DSN"

func main() {
	n := flag.Int("records", 1_000_000, "records to generate (the design scale is 1000000)")
	rounds := flag.Int("rounds", 3, "timed pairs of audits")
	batch := flag.Int("batch", 2000, "records a PutAll stores in one transaction")
	dsn := flag.String("pg", os.Getenv(pgEnv), "PostgreSQL DSN (default $"+pgEnv+")")
	reuse := flag.Bool("reuse", false, "audit the records an earlier run loaded, if it loaded as many")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the timed rounds to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "sqlstore:", err)
			os.Exit(1)
		}
		defer f.Close()
		profile = f
	}
	if *dsn == "" {
		fmt.Fprintln(os.Stderr, "sqlstore: no PostgreSQL DSN: pass -pg or run under .ci/databases")
		os.Exit(2)
	}
	if err := run(context.Background(), *n, *rounds, *batch, *dsn, *reuse); err != nil {
		fmt.Fprintln(os.Stderr, "sqlstore:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, n, rounds, batch int, dsn string, reuse bool) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := sqlstore.Migrate(ctx, db, sqlstore.PostgreSQL); err != nil {
		return err
	}
	pg, err := sqlstore.Open(ctx, db, sqlstore.PostgreSQL, &sqlstore.Options{Decode: decodeRec})
	if err != nil {
		return err
	}
	defer pg.Close()
	stored, err := pg.Len(ctx)
	if err != nil {
		return err
	}
	load := !reuse || stored == 0
	if load && stored > 0 {
		if _, err := db.ExecContext(ctx, `TRUNCATE sms_link, sms_record RESTART IDENTITY`); err != nil {
			return err
		}
	}

	runtime.GC()
	heap0 := liveHeap()
	mem := process.NewMemStore()
	var pending []process.Record
	var putTime time.Duration
	flush := func() error {
		if !load || len(pending) == 0 {
			return nil
		}
		t := time.Now()
		err := pg.PutAll(ctx, pending...)
		putTime += time.Since(t)
		pending = pending[:0]
		return err
	}
	start := time.Now()
	year, err := provider(n, func(r process.Record) error {
		if err := mem.Put(r); err != nil {
			return err
		}
		if !load {
			return nil
		}
		pending = append(pending, r)
		if len(pending) == batch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	total := time.Since(start)
	if _, err := db.ExecContext(ctx, `ANALYZE sms_record; ANALYZE sms_link`); err != nil {
		return err
	}
	if stored, err = pg.Len(ctx); err != nil {
		return err
	}
	if stored != mem.Len() {
		return fmt.Errorf("postgresql holds %d records, the in-memory store %d: run without -reuse", stored, mem.Len())
	}
	runtime.GC()
	memHeap := liveHeap() - heap0
	var dbSize string
	if err := db.QueryRowContext(ctx, `SELECT pg_size_pretty(pg_total_relation_size('sms_record') + pg_total_relation_size('sms_link'))`).Scan(&dbSize); err != nil {
		return err
	}
	fmt.Printf("records: %d (%d per PutAll); generated and stored in %v, of which PostgreSQL PutAll %v (%.1f µs a record, checks included)%s\n",
		mem.Len(), batch, total.Round(time.Millisecond), putTime.Round(time.Millisecond), float64(putTime.Microseconds())/float64(n), map[bool]string{false: " (reused)", true: ""}[load])
	fmt.Printf("memstore holds them in %.0f MB of heap (%.0f bytes a record); postgresql in %s (tables and indexes)\n",
		float64(memHeap)/1e6, float64(memHeap)/float64(mem.Len()), dbSize)

	audit := func(s process.Store) (interfaces.AuditReport, error) { return (&interfaces.Auditor{}).Audit(s, year) }
	memRep, err := audit(mem)
	if err != nil {
		return err
	}
	counted := &counter{Store: pg.Bind(ctx)}
	pgRep, err := audit(counted)
	if err != nil {
		return err
	}
	a, _ := json.Marshal(memRep)
	b, _ := json.Marshal(pgRep)
	if string(a) != string(b) {
		return errors.New("the audits of the two stores disagree")
	}
	fmt.Printf("the audits agree: %d records checked, %d findings; the audit calls postgresql's view %d times (Records %d, Get %d, LinksTo %d)\n",
		memRep.Records, len(memRep.Findings), counted.records.Load()+counted.gets.Load()+counted.links.Load(),
		counted.records.Load(), counted.gets.Load(), counted.links.Load())

	if profile != nil {
		if err := pprof.StartCPUProfile(profile); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var memNs, pgNs, ratio, memAlloc, pgAlloc, memPeak, pgPeak []float64
	recs := float64(mem.Len())
	for range rounds {
		mt, ma, mp, err := measure(func() error { _, err := audit(mem); return err })
		if err != nil {
			return err
		}
		pt, pa, pp, err := measure(func() error { _, err := audit(pg.Bind(ctx)); return err })
		if err != nil {
			return err
		}
		memNs = append(memNs, float64(mt.Nanoseconds())/recs)
		pgNs = append(pgNs, float64(pt.Nanoseconds())/recs)
		ratio = append(ratio, float64(pt)/float64(mt))
		memAlloc = append(memAlloc, float64(ma)/recs)
		pgAlloc = append(pgAlloc, float64(pa)/recs)
		memPeak = append(memPeak, float64(mp)/1e6)
		pgPeak = append(pgPeak, float64(pp)/1e6)
		fmt.Printf("  round: memstore %v, postgresql %v (%.1fx)\n", mt.Round(time.Millisecond), pt.Round(time.Millisecond), float64(pt)/float64(mt))
	}
	med := processtest.Median
	fmt.Printf("audit, medians of %d pairs over %d records:\n", rounds, mem.Len())
	fmt.Printf("  memstore:   %8.0f ns/record, %6.0f B/record allocated, peak live heap +%4.0f MB\n", med(memNs), med(memAlloc), med(memPeak))
	fmt.Printf("  postgresql: %8.0f ns/record, %6.0f B/record allocated, peak live heap +%4.0f MB\n", med(pgNs), med(pgAlloc), med(pgPeak))
	fmt.Printf("  postgresql/memstore: %.1fx\n", med(ratio))
	return nil
}

// profile is where the CPU profile of the timed rounds goes, if anywhere.
var profile *os.File

// measure runs f after a garbage collection and returns how long it took,
// the bytes it allocated, and the most the live heap grew over what it
// was before f, sampled every 10 ms (heap objects, live and not yet
// swept, so an upper bound on f's working set).
func measure(f func() error) (time.Duration, uint64, uint64, error) {
	runtime.GC()
	base := liveHeap()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			if h := liveHeap(); h > base && h-base > peak.Load() {
				peak.Store(h - base)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	start := time.Now()
	err := f()
	d := time.Since(start)
	close(done)
	wg.Wait()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	return d, after.TotalAlloc - before.TotalAlloc, peak.Load(), err
}

// liveHeap returns the bytes of heap objects (live, or dead and not yet
// swept).
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// counter counts the calls a reader makes on a store.
type counter struct {
	process.Store
	records, gets, links atomic.Int64
}

func (c *counter) Get(id process.ID) (process.Record, error) {
	c.gets.Add(1)
	return c.Store.Get(id)
}

func (c *counter) Records(k process.RecordKind) iter.Seq2[process.Record, error] {
	c.records.Add(1)
	return c.Store.Records(k)
}

func (c *counter) LinksTo(id process.ID) iter.Seq2[process.Backlink, error] {
	c.links.Add(1)
	return c.Store.LinksTo(id)
}
