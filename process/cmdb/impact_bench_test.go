package cmdb_test

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/cmdb"
	"github.com/smskit/iso20000/process/cmdbgen"
	"github.com/smskit/iso20000/process/processtest"
)

// The benchmarks of impact analysis run on a graph of package cmdbgen at
// the design scale (1,000,000 CIs, 5,000,000 relationships), or 20,000 CIs
// with -short. Beside each scenario they run, on the same seeds and the same
// compressed rows, a bare breadth-first search that knows nothing of
// relationship types or redundancy: the floor. Before any clock starts they
// check that the library, redundancy ignored, reaches the same set of CIs
// as the floor from every seed, and, redundancy honoured, a subset of it.

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
	num  map[process.ID]int32 // CI → its number in g (and in x)
	err  error
}

func loadBenchGraph(b *testing.B) (*cmdbgen.Graph, *cmdb.Index, map[process.ID]int32) {
	b.Helper()
	n, m := benchSize()
	v, _ := benchGraphs.LoadOrStore(n, &benchGraph{})
	bg := v.(*benchGraph)
	bg.once.Do(func() {
		bg.g = cmdbgen.Generate(cmdbgen.Config{CIs: n, Relations: m, Seed: 20000})
		bg.x, bg.err = bg.g.Index()
		bg.num = make(map[process.ID]int32, len(bg.g.IDs))
		for i, id := range bg.g.IDs {
			bg.num[process.ID(id)] = int32(i)
		}
	})
	if bg.err != nil {
		b.Fatal(bg.err)
	}
	return bg.g, bg.x, bg.num
}

func BenchmarkCMDBBuild(b *testing.B) {
	g, _, _ := loadBenchGraph(b)
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

// reached reports whether the floor's last run reached CI v.
func (f *floorBFS) reached(v int32) bool { return f.seen[v] == f.epoch }

// checkSets checks, outside any clock, that from every seed the library
// without redundancy reaches the same set of CIs as the floor and the
// library as asked a subset of it.
func checkSets(b testing.TB, x *cmdb.Index, num map[process.ID]int32, f *floorBFS, off, dst []int32,
	seeds []int32, queries, plain []cmdb.ImpactQuery) {
	b.Helper()
	twice := make([]bool, len(f.seen))
	for i, s := range seeds {
		f.run(off, dst, []int32{s})
		for _, q := range []cmdb.ImpactQuery{plain[i], queries[i]} {
			r, err := x.Impact(q)
			if err != nil {
				b.Fatal(err)
			}
			var got []int32
			for a := range r.All() {
				v, ok := num[a.CI]
				switch {
				case !ok:
					b.Fatalf("seed %d: the library reached %s, not in the graph", s, a.CI)
				case twice[v]:
					b.Fatalf("seed %d: the library reached %s twice", s, a.CI)
				case !f.reached(v):
					b.Fatalf("seed %d (redundancy ignored: %t): the library reached %s, the floor did not", s, q.IgnoreRedundancy, a.CI)
				}
				twice[v] = true
				got = append(got, v)
			}
			r.Release()
			for _, v := range got {
				twice[v] = false
			}
			if q.IgnoreRedundancy && len(got) != len(f.queue) {
				b.Fatalf("seed %d: the library without redundancy reached %d CIs, the floor %d", s, len(got), len(f.queue))
			}
		}
	}
}

// BenchmarkCMDBImpact measures one impact query per seed of each scenario
// (a random CI of each layer downstream, the biggest hubs downstream, a
// service's full dependency tree upstream), and on the same seeds the floor
// and the library with redundancy ignored, which reaches the same set of
// CIs as the floor (checked first).
//
// Each round times the three as batches over every seed, one timer each,
// back to back in an order that turns from round to round, and then each
// seed's three single queries back to back. The ratios are medians over
// pairs timed together, which a shared machine's load disturbs least:
// x-floor (the library as asked, redundancy honoured) and x-floor-same-set
// (the same walk as the floor) over the rounds' batches; the -pair-median
// ratios over the seeds' single queries, of which the percentiles are also
// given (a timer read costs some tens of ns in each).
func BenchmarkCMDBImpact(b *testing.B) {
	g, x, num := loadBenchGraph(b)
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
			checkSets(b, x, num, f, off, dst, sc.Seeds, queries, plain)
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
			seed := make([]int32, 1)
			floor := func(s int32) int {
				seed[0] = s
				return f.run(off, dst, seed)
			}
			var lib, same, flo []time.Duration    // single queries
			var pair, samePair []float64          // per seed, single queries
			var ratio, sameRatio []float64        // per round, batches
			var libT, sameT, floorT time.Duration // all batches, for the means
			runtime.GC()
			b.ResetTimer()
			for b.Loop() {
				var dl, ds, df time.Duration
				batches := []func(){
					func() {
						t0 := time.Now()
						for _, q := range queries {
							reached += run(q)
						}
						dl = time.Since(t0)
					},
					func() {
						t0 := time.Now()
						for _, q := range plain {
							run(q)
						}
						ds = time.Since(t0)
					},
					func() {
						t0 := time.Now()
						for _, s := range sc.Seeds {
							floorReached += floor(s)
						}
						df = time.Since(t0)
					},
				}
				for k := range batches {
					batches[(nq/len(sc.Seeds)+k)%len(batches)]()
				}
				nq += len(queries)
				libT, sameT, floorT = libT+dl, sameT+ds, floorT+df
				ratio = append(ratio, float64(dl)/float64(df))
				sameRatio = append(sameRatio, float64(ds)/float64(df))
				for i, s := range sc.Seeds {
					run(queries[i]) // warm the caches for all three
					run(plain[i])
					floor(s)
					t0 := time.Now()
					run(queries[i])
					dl := time.Since(t0)
					t0 = time.Now()
					run(plain[i])
					ds := time.Since(t0)
					t0 = time.Now()
					floor(s)
					df := time.Since(t0)
					lib, same, flo = append(lib, dl), append(same, ds), append(flo, df)
					pair = append(pair, float64(dl)/float64(df))
					samePair = append(samePair, float64(ds)/float64(df))
				}
			}
			b.StopTimer()
			allocs := testing.AllocsPerRun(1, func() {
				for _, q := range queries {
					r, _ := x.Impact(q)
					r.Release()
				}
			})
			b.ReportMetric(float64(pct(lib, 50)), "p50-ns")
			b.ReportMetric(float64(pct(lib, 99)), "p99-ns")
			b.ReportMetric(float64(pct(same, 50)), "same-set-p50-ns")
			b.ReportMetric(float64(pct(flo, 50)), "floor-p50-ns")
			b.ReportMetric(float64(pct(flo, 99)), "floor-p99-ns")
			b.ReportMetric(processtest.Median(ratio), "x-floor")
			b.ReportMetric(processtest.Median(sameRatio), "x-floor-same-set")
			b.ReportMetric(processtest.Median(pair), "x-floor-pair-median")
			b.ReportMetric(processtest.Median(samePair), "x-floor-same-set-pair-median")
			b.ReportMetric(float64(libT.Nanoseconds())/float64(nq), "mean-ns")
			b.ReportMetric(float64(sameT.Nanoseconds())/float64(nq), "same-set-mean-ns")
			b.ReportMetric(float64(floorT.Nanoseconds())/float64(nq), "floor-mean-ns")
			b.ReportMetric(float64(reached)/float64(nq), "CIs/query")
			b.ReportMetric(float64(floorReached)/float64(nq), "floor-CIs/query")
			b.ReportMetric(allocs/float64(len(queries)), "allocs/query")
		})
	}
}

// BenchmarkCMDBImpactAfterGC measures the query that comes right after a
// garbage collection beside warm ones, on the random CIs of the layers
// whose queries are quick (application, VM, host). Each round picks a seed,
// and three times runs a query on another seed and then times the query on
// its seed: hot, at once (its CIs still in the caches from the round
// before); cold-cache, after evicting the caches by writing a buffer
// bigger than them, its scratch space warm; and after-gc, after
// runtime.GC(). The order of the three turns from round to round. A
// collection evicts the caches too, so after-gc is to be compared with
// cold-cache: the scratch space must survive it (after-gc-p99 within 2×
// cold-cache-p99); after-gc/hot says what the caches cost beside.
func BenchmarkCMDBImpactAfterGC(b *testing.B) {
	g, x, _ := loadBenchGraph(b)
	perLayer, rounds := 64, 300
	if testing.Short() {
		perLayer, rounds = 8, 20
	}
	evict := make([]byte, 64<<20)
	for _, sc := range g.Scenarios(perLayer) {
		if !slices.Contains([]string{"application", "vm", "host"}, strings.TrimPrefix(sc.Name, "layer=")) {
			continue
		}
		b.Run(sc.Name, func(b *testing.B) {
			queries := make([]cmdb.ImpactQuery, len(sc.Seeds))
			for i, s := range sc.Seeds {
				queries[i] = cmdb.ImpactQuery{CIs: []process.ID{process.ID(g.IDs[s])}, Direction: cmdb.Downstream}
			}
			run := func(q cmdb.ImpactQuery) {
				r, err := x.Impact(q)
				if err != nil {
					b.Fatal(err)
				}
				r.Release()
			}
			arms := []func(){
				func() {},
				func() {
					for i := 0; i < len(evict); i += 64 {
						evict[i]++
					}
				},
				runtime.GC,
			}
			times := make([][]time.Duration, len(arms))
			var gcCold, gcHot []float64
			k := 0
			for b.Loop() {
				for range rounds {
					q, other := queries[k%len(queries)], queries[(k+1)%len(queries)]
					d := make([]time.Duration, len(arms))
					for j := range arms {
						a := (j + k) % len(arms)
						run(other)
						arms[a]()
						t0 := time.Now()
						run(q)
						d[a] = time.Since(t0)
					}
					for a := range arms {
						times[a] = append(times[a], d[a])
					}
					gcHot = append(gcHot, float64(d[2])/float64(d[0]))
					gcCold = append(gcCold, float64(d[2])/float64(d[1]))
					k++
				}
			}
			b.StopTimer()
			hot, cold, gc := times[0], times[1], times[2]
			b.ReportMetric(float64(pct(hot, 50)), "hot-p50-ns")
			b.ReportMetric(float64(pct(hot, 99)), "hot-p99-ns")
			b.ReportMetric(float64(pct(cold, 50)), "cold-cache-p50-ns")
			b.ReportMetric(float64(pct(cold, 99)), "cold-cache-p99-ns")
			b.ReportMetric(float64(pct(gc, 50)), "after-gc-p50-ns")
			b.ReportMetric(float64(pct(gc, 99)), "after-gc-p99-ns")
			b.ReportMetric(float64(pct(gc, 99))/float64(pct(cold, 99)), "after-gc-p99/cold-cache-p99")
			b.ReportMetric(float64(pct(gc, 99))/float64(pct(hot, 99)), "after-gc-p99/hot-p99")
			b.ReportMetric(processtest.Median(gcCold), "after-gc/cold-cache-pair-median")
			b.ReportMetric(processtest.Median(gcHot), "after-gc/hot-pair-median")
		})
	}
}

func pct(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(min(i, len(s))-1, 0)]
}

// TestCMDBGenIndex checks the generated graph builds and that from every
// CI of a small graph the library without redundancy reaches the same set
// of CIs as the floor, and with redundancy a subset of it.
func TestCMDBGenIndex(t *testing.T) {
	g := cmdbgen.Generate(cmdbgen.Config{CIs: 5000, Relations: 25000, Seed: 1})
	x, err := g.Index()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := x.Len(), len(g.IDs); got != want {
		t.Fatalf("got %d CIs, want %d", got, want)
	}
	num := make(map[process.ID]int32, len(g.IDs))
	seeds := make([]int32, len(g.IDs))
	queries := make([]cmdb.ImpactQuery, len(g.IDs))
	plain := make([]cmdb.ImpactQuery, len(g.IDs))
	for i, id := range g.IDs {
		num[process.ID(id)], seeds[i] = int32(i), int32(i)
		queries[i] = cmdb.ImpactQuery{CIs: []process.ID{process.ID(id)}, Direction: cmdb.Downstream}
		plain[i] = queries[i]
		plain[i].IgnoreRedundancy = true
	}
	f := &floorBFS{seen: make([]uint32, x.Len())}
	off, dst := x.CSR(cmdb.Downstream)
	checkSets(t, x, num, f, off, dst, seeds, queries, plain)
}
