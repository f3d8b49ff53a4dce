package cmdb_test

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/cmdb"
	"github.com/smskit/iso20000/process/cmdbgen"
)

// The benchmarks of impact analysis run on a graph of package cmdbgen at
// the design scale (1,000,000 CIs, 5,000,000 relationships), or 20,000 CIs
// with -short. Beside each scenario they run, on the same seeds and the same
// compressed rows, a bare breadth-first search that knows nothing of
// relationship types or redundancy: the floor.

func benchSize() (cis, rels int) {
	if testing.Short() {
		return 20_000, 100_000
	}
	return 1_000_000, 5_000_000
}

var benchGraphs sync.Map // size → *benchGraph

type benchGraph struct {
	once sync.Once
	g    *cmdbgen.Graph
	x    *cmdb.Index
	err  error
}

func loadBenchGraph(b *testing.B) (*cmdbgen.Graph, *cmdb.Index) {
	b.Helper()
	n, m := benchSize()
	v, _ := benchGraphs.LoadOrStore(n, &benchGraph{})
	bg := v.(*benchGraph)
	bg.once.Do(func() {
		bg.g = cmdbgen.Generate(cmdbgen.Config{CIs: n, Relations: m, Seed: 20000})
		bg.x, bg.err = bg.g.Index()
	})
	if bg.err != nil {
		b.Fatal(bg.err)
	}
	return bg.g, bg.x
}

func BenchmarkCMDBBuild(b *testing.B) {
	g, _ := loadBenchGraph(b)
	var heap uint64
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		b.StartTimer()
		x, err := g.Index()
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - before.HeapAlloc
		runtime.KeepAlive(x)
		b.StartTimer()
	}
	b.ReportMetric(float64(heap)/float64(len(g.From)), "bytes/relationship")
	b.ReportMetric(float64(heap)/(1<<20), "MB")
	b.ReportMetric(float64(len(g.IDs)), "CIs")
	b.ReportMetric(float64(len(g.From)), "relationships")
}

// floorBFS is the floor: a bare breadth-first search over compressed rows,
// with a visit stamp and a queue, nothing else.
type floorBFS struct {
	seen  []uint32
	epoch uint32
	queue []int32
}

func (f *floorBFS) run(off, dst []int32, seeds []int32) int {
	f.epoch++
	ep, seen := f.epoch, f.seen
	q := f.queue[:0]
	for _, s := range seeds {
		if seen[s] != ep {
			seen[s] = ep
			q = append(q, s)
		}
	}
	for head := 0; head < len(q); head++ {
		u := q[head]
		for _, v := range dst[off[u]:off[u+1]] {
			if seen[v] != ep {
				seen[v] = ep
				q = append(q, v)
			}
		}
	}
	f.queue = q
	return len(q)
}

// BenchmarkCMDBImpact measures one impact query per seed of each scenario
// (a random CI of each layer downstream, the biggest hubs downstream, a
// service's full dependency tree upstream), and on the same seeds the floor
// and the library with redundancy ignored (which reaches exactly what the
// floor reaches). The ratios to the floor come from batches timed whole
// (x-floor: the library as asked, redundancy honoured; x-floor-same-set:
// the same walk as the floor); the percentiles from single queries timed
// one by one, a timer read costing some tens of ns in each; the pair
// medians are the medians over seeds of the ratio of one query to the floor
// on the same seed run right after it, which a shared machine's load
// disturbs least.
func BenchmarkCMDBImpact(b *testing.B) {
	g, x := loadBenchGraph(b)
	perLayer := 64
	if testing.Short() {
		perLayer = 8
	}
	for _, sc := range g.Scenarios(perLayer) {
		b.Run(sc.Name, func(b *testing.B) {
			dir := cmdb.Downstream
			if sc.Upstream {
				dir = cmdb.Upstream
			}
			off, dst := x.CSR(dir)
			f := &floorBFS{seen: make([]uint32, len(g.IDs))}
			queries := make([]cmdb.ImpactQuery, len(sc.Seeds))
			plain := make([]cmdb.ImpactQuery, len(sc.Seeds))
			for i, s := range sc.Seeds {
				queries[i] = cmdb.ImpactQuery{CIs: []process.ID{process.ID(g.IDs[s])}, Direction: dir}
				plain[i] = queries[i]
				plain[i].IgnoreRedundancy = true
			}
			var lib, floor []time.Duration        // single queries, for percentiles
			var pair, samePair []float64          // per-seed ratios of single queries
			var libT, sameT, floorT time.Duration // batches, for the ratios
			var reached, floorReached, nq int
			run := func(q cmdb.ImpactQuery) int {
				r, err := x.Impact(q)
				if err != nil {
					b.Fatal(err)
				}
				n := r.Len()
				r.Release()
				return n
			}
			run(queries[0]) // warm the scratch pool
			f.run(off, dst, sc.Seeds[:1])
			seed := make([]int32, 1)
			iter := 0
			for b.Loop() {
				// Batches, one timer each: the library, the library
				// without redundancy (which reaches what the floor
				// reaches), the floor; which runs first (on colder
				// caches) turns with each iteration.
				batches := []func(){
					func() {
						t0 := time.Now()
						for _, q := range queries {
							reached += run(q)
						}
						libT += time.Since(t0)
					},
					func() {
						t0 := time.Now()
						for _, q := range plain {
							run(q)
						}
						sameT += time.Since(t0)
					},
					func() {
						t0 := time.Now()
						for _, s := range sc.Seeds {
							seed[0] = s
							floorReached += f.run(off, dst, seed)
						}
						floorT += time.Since(t0)
					},
				}
				for k := range batches {
					batches[(iter+k)%len(batches)]()
				}
				iter++
				nq += len(queries)
				// Single queries, one timer each, the library, the same
				// walk and the floor back to back on each seed, so that
				// each pair sees the same load on a shared machine.
				for i, s := range sc.Seeds {
					seed[0] = s
					run(queries[i]) // warm the caches for all three
					run(plain[i])
					f.run(off, dst, seed)
					t0 := time.Now()
					run(queries[i])
					dl := time.Since(t0)
					t0 = time.Now()
					run(plain[i])
					ds := time.Since(t0)
					seed[0] = s
					t0 = time.Now()
					f.run(off, dst, seed)
					df := time.Since(t0)
					lib, floor = append(lib, dl), append(floor, df)
					pair = append(pair, float64(dl)/float64(df))
					samePair = append(samePair, float64(ds)/float64(df))
				}
			}
			for i, s := range sc.Seeds { // the same set, checked outside the timers
				seed[0] = s
				if n, fn := run(plain[i]), f.run(off, dst, seed); n != fn {
					b.Fatalf("seed %d: library without redundancy reached %d, floor %d", s, n, fn)
				}
			}
			allocs := testing.AllocsPerRun(1, func() {
				for _, q := range queries {
					r, _ := x.Impact(q)
					r.Release()
				}
			})
			b.ReportMetric(float64(pct(lib, 50)), "p50-ns")
			b.ReportMetric(float64(pct(lib, 99)), "p99-ns")
			b.ReportMetric(float64(pct(floor, 50)), "floor-p50-ns")
			b.ReportMetric(float64(pct(floor, 99)), "floor-p99-ns")
			b.ReportMetric(float64(libT)/float64(floorT), "x-floor")
			b.ReportMetric(float64(sameT)/float64(floorT), "x-floor-same-set")
			slices.Sort(pair)
			slices.Sort(samePair)
			b.ReportMetric(pair[len(pair)/2], "x-floor-pair-median")
			b.ReportMetric(samePair[len(samePair)/2], "x-floor-same-set-pair-median")
			b.ReportMetric(float64(libT.Nanoseconds())/float64(nq), "mean-ns")
			b.ReportMetric(float64(floorT.Nanoseconds())/float64(nq), "floor-mean-ns")
			b.ReportMetric(float64(reached)/float64(nq), "CIs/query")
			b.ReportMetric(float64(floorReached)/float64(nq), "floor-CIs/query")
			b.ReportMetric(allocs/float64(len(queries)), "allocs/query")
		})
	}
}

func pct(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(min(i, len(s))-1, 0)]
}

// TestCMDBGenIndex checks the generated graph builds and that the library
// without redundancy reaches what the floor reaches, on a small graph.
func TestCMDBGenIndex(t *testing.T) {
	g := cmdbgen.Generate(cmdbgen.Config{CIs: 5000, Relations: 25000, Seed: 1})
	x, err := g.Index()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := x.Len(), len(g.IDs); got != want {
		t.Fatalf("got %d CIs, want %d", got, want)
	}
	f := &floorBFS{seen: make([]uint32, x.Len())}
	off, dst := x.CSR(cmdb.Downstream)
	for v := range int32(x.Len()) {
		r, err := x.Impact(cmdb.ImpactQuery{CIs: []process.ID{process.ID(g.IDs[v])}, Direction: cmdb.Downstream, IgnoreRedundancy: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.Len(), f.run(off, dst, []int32{v}); got != want {
			t.Fatalf("ci %d: got %d reached, floor %d", v, got, want)
		}
		r.Release()
	}
}
