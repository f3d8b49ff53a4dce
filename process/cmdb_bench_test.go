package process

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/smskit/iso20000/internal/cmdbgen"
)

// The benchmarks of impact analysis run on a graph of internal/cmdbgen at
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
	x    *Index
	err  error
}

func loadBenchGraph(b *testing.B) (*cmdbgen.Graph, *Index) {
	b.Helper()
	n, m := benchSize()
	v, _ := benchGraphs.LoadOrStore(n, &benchGraph{})
	bg := v.(*benchGraph)
	bg.once.Do(func() {
		bg.g = cmdbgen.Generate(cmdbgen.Config{CIs: n, Relations: m, Seed: 20000})
		bg.x, bg.err = indexFromGen(bg.g)
	})
	if bg.err != nil {
		b.Fatal(bg.err)
	}
	return bg.g, bg.x
}

// indexFromGen builds an index from a generated graph through the public
// builder, as a host would from its own rows.
func indexFromGen(g *cmdbgen.Graph) (*Index, error) {
	var bl IndexBuilder
	bl.Grow(len(g.IDs), len(g.From))
	for i, id := range g.IDs {
		if err := bl.AddCI(CINode{ID: ID(id), Type: g.TypeNames[g.Type[i]], Service: g.Layer[i] == cmdbgen.Service}); err != nil {
			return nil, err
		}
	}
	for e := range g.From {
		r := CIRelation{From: ID(g.IDs[g.From[e]]), To: ID(g.IDs[g.To[e]]), Type: RelationType(cmdbgen.RelNames[g.Rel[e]])}
		if err := bl.AddRelation(r); err != nil {
			return nil, err
		}
	}
	for _, gr := range g.Groups {
		ms := make([]ID, len(gr.Members))
		for i, m := range gr.Members {
			ms[i] = ID(g.IDs[m])
		}
		if err := bl.AddGroup(RedundancyGroup{CI: ID(g.IDs[gr.CI]), Members: ms, MinUp: gr.MinUp}); err != nil {
			return nil, err
		}
	}
	return bl.Build()
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
		x, err := indexFromGen(g)
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

func (f *floorBFS) run(c *csr, seeds []int32) int {
	f.epoch++
	ep, seen, off, dst := f.epoch, f.seen, c.off, c.dst
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

type benchScenario struct {
	name  string
	dir   ImpactDirection
	seeds []int32
}

func benchScenarios(g *cmdbgen.Graph, x *Index, perLayer int) []benchScenario {
	r := rand.New(rand.NewPCG(7, 11))
	var out []benchScenario
	for _, l := range cmdbgen.Layers {
		cis := g.ByLayer(l)
		s := benchScenario{name: "layer=" + l.String(), dir: Downstream}
		for range perLayer {
			s.seeds = append(s.seeds, cis[r.IntN(len(cis))])
		}
		out = append(out, s)
	}
	// The biggest hubs by the number of CIs their failure reaches at once.
	nodes := make([]int32, len(g.IDs))
	for i := range nodes {
		nodes[i] = int32(i)
	}
	deg := func(v int32) int32 { return x.fwd.off[v+1] - x.fwd.off[v] }
	slices.SortStableFunc(nodes, func(a, b int32) int { return cmpInt32(deg(b), deg(a)) })
	out = append(out, benchScenario{name: "hubs", dir: Downstream, seeds: nodes[:8]})
	svc := g.ByLayer(cmdbgen.Service)
	s := benchScenario{name: "service-tree", dir: Upstream}
	for range perLayer {
		s.seeds = append(s.seeds, svc[r.IntN(len(svc))])
	}
	return append(out, s)
}

// BenchmarkCMDBImpact measures one impact query per seed of each scenario
// (a random CI of each layer downstream, the biggest hubs downstream, a
// service's full dependency tree upstream), and on the same seeds the floor
// and the library with redundancy ignored (which reaches exactly what the
// floor reaches). It reports the percentiles of single queries, the ratio
// of the library's total time to the floor's, and allocations per query.
func BenchmarkCMDBImpact(b *testing.B) {
	g, x := loadBenchGraph(b)
	perLayer := 64
	if testing.Short() {
		perLayer = 8
	}
	for _, sc := range benchScenarios(g, x, perLayer) {
		b.Run(sc.name, func(b *testing.B) {
			c := &x.fwd
			if sc.dir == Upstream {
				c = &x.rev
			}
			f := &floorBFS{seen: make([]uint32, len(g.IDs))}
			queries := make([]ImpactQuery, len(sc.seeds))
			plain := make([]ImpactQuery, len(sc.seeds))
			for i, s := range sc.seeds {
				queries[i] = ImpactQuery{CIs: []ID{x.ids[s]}, Direction: sc.dir}
				plain[i] = queries[i]
				plain[i].IgnoreRedundancy = true
			}
			var lib, same, floor []time.Duration
			var reached, floorReached int
			one := func(q ImpactQuery) (int, time.Duration) {
				t0 := time.Now()
				r, err := x.Impact(q)
				if err != nil {
					b.Fatal(err)
				}
				n := r.Len()
				r.Release()
				return n, time.Since(t0)
			}
			one(queries[0]) // warm the scratch pool
			f.run(c, sc.seeds[:1])
			for b.Loop() {
				for i, s := range sc.seeds {
					n, d := one(queries[i])
					lib = append(lib, d)
					reached += n
					n2, d := one(plain[i])
					same = append(same, d)
					t0 := time.Now()
					fn := f.run(c, []int32{s})
					floor = append(floor, time.Since(t0))
					floorReached += fn
					if n2 != fn {
						b.Fatalf("seed %d: library without redundancy reached %d, floor %d", s, n2, fn)
					}
				}
			}
			allocs := testing.AllocsPerRun(1, func() {
				for _, q := range queries {
					r, _ := x.Impact(q)
					r.Release()
				}
			})
			nq := float64(len(lib))
			b.ReportMetric(float64(pct(lib, 50)), "p50-ns")
			b.ReportMetric(float64(pct(lib, 99)), "p99-ns")
			b.ReportMetric(float64(pct(floor, 50)), "floor-p50-ns")
			b.ReportMetric(float64(pct(floor, 99)), "floor-p99-ns")
			b.ReportMetric(float64(sum(lib))/float64(sum(floor)), "x-floor")
			b.ReportMetric(float64(sum(same))/float64(sum(floor)), "x-floor-same-set")
			b.ReportMetric(float64(reached)/nq, "CIs/query")
			b.ReportMetric(float64(floorReached)/nq, "floor-CIs/query")
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

func sum(ds []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t
}

// TestCMDBGenIndex checks the generated graph builds and that the library
// without redundancy reaches what the floor reaches, on a small graph.
func TestCMDBGenIndex(t *testing.T) {
	g := cmdbgen.Generate(cmdbgen.Config{CIs: 5000, Relations: 25000, Seed: 1})
	x, err := indexFromGen(g)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := x.Len(), len(g.IDs); got != want {
		t.Fatalf("got %d CIs, want %d", got, want)
	}
	f := &floorBFS{seen: make([]uint32, x.Len())}
	for v := range int32(x.Len()) {
		r, err := x.Impact(ImpactQuery{CIs: []ID{x.ids[v]}, Direction: Downstream, IgnoreRedundancy: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.Len(), f.run(&x.fwd, []int32{v}); got != want {
			t.Fatalf("ci %d: got %d reached, floor %d", v, got, want)
		}
		r.Release()
	}
}
