package cmdb

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ids gives stable readable IDs for small hand-built graphs: cid(1) is
// 00000000-0000-0000-0000-000000000001.
func cid(n int) process.ID {
	return process.MustParseID(fmt.Sprintf("00000000-0000-0000-0000-%012d", n))
}

// Names of the CIs of the web-shop fixture.
const (
	ciShop  = 1 // service
	ciApp   = 2 // application, runs-on the cluster
	ciClus  = 3 // cluster of vm4, vm5, vm6
	ciVM4   = 4
	ciVM5   = 5
	ciVM6   = 6
	ciHostA = 7 // hosts vm4 and vm5
	ciHostB = 8 // hosts vm6
	ciDB    = 9 // database the app depends on
	ciSAN   = 10
	ciDNS   = 11 // dns, which depends back on the app (a cycle)
)

// webShop builds: shop depends-on app; app runs-on cluster; cluster has
// members vm4–vm6 (min up as given); vm4, vm5 hosted-on hostA, vm6 on hostB;
// app depends-on db; db uses san; hosts use san; app uses dns; dns
// depends-on app (back-edge: a cycle app↔dns).
func webShop(t *testing.T, g RedundancyGroup) *Index {
	t.Helper()
	cis := []Node{
		{ID: cid(ciShop), Type: "service", Service: true},
		{ID: cid(ciApp), Type: "application"},
		{ID: cid(ciClus), Type: "cluster"},
		{ID: cid(ciVM4), Type: "vm"}, {ID: cid(ciVM5), Type: "vm"}, {ID: cid(ciVM6), Type: "vm"},
		{ID: cid(ciHostA), Type: "host"}, {ID: cid(ciHostB), Type: "host"},
		{ID: cid(ciDB), Type: "database"}, {ID: cid(ciSAN), Type: "storage"}, {ID: cid(ciDNS), Type: "dns"},
	}
	rel := func(a int, t process.RelationType, b int) Relation {
		return Relation{From: cid(a), To: cid(b), Type: t}
	}
	rels := []Relation{
		rel(ciShop, process.RelationDependsOn, ciApp),
		rel(ciApp, process.RelationRunsOn, ciClus),
		rel(ciVM4, process.RelationHostedOn, ciHostA),
		rel(ciVM5, process.RelationHostedOn, ciHostA),
		rel(ciVM6, process.RelationHostedOn, ciHostB),
		rel(ciApp, process.RelationDependsOn, ciDB),
		rel(ciDB, process.RelationUses, ciSAN),
		rel(ciHostA, process.RelationUses, ciSAN),
		rel(ciHostB, process.RelationUses, ciSAN),
		rel(ciApp, process.RelationUses, ciDNS),
		rel(ciDNS, process.RelationDependsOn, ciApp),
	}
	g.CI = cid(ciClus)
	g.Members = []process.ID{cid(ciVM4), cid(ciVM5), cid(ciVM6)}
	x, err := Build(cis, rels, []RedundancyGroup{g})
	require.NoError(t, err)
	return x
}

func reached(t *testing.T, x *Index, q ImpactQuery) []int {
	t.Helper()
	r, err := x.Impact(q)
	require.NoError(t, err)
	defer r.Release()
	var got []int
	for a := range r.All() {
		got = append(got, int(a.CI[15]>>4)*10+int(a.CI[15]&15))
	}
	return got
}

func ints(ns ...int) []process.ID {
	out := make([]process.ID, len(ns))
	for i, n := range ns {
		out[i] = cid(n)
	}
	return out
}

func TestImpactRedundancy(t *testing.T) {
	tests := []struct {
		name   string
		group  RedundancyGroup
		failed []int
		want   []int // breadth-first order
	}{
		// One vm of three down, one needed: the cluster holds.
		{"1 of 3 down, min up 1", RedundancyGroup{MinUp: 1}, []int{ciVM4}, []int{ciVM4}},
		// Two of three down, one needed: still holds.
		{"2 of 3 down, min up 1", RedundancyGroup{MinUp: 1}, []int{ciVM4, ciVM5}, []int{ciVM4, ciVM5}},
		// All three down: the cluster fails, the app on it, the shop and
		// dns (which depends on the app).
		{"3 of 3 down, min up 1", RedundancyGroup{MinUp: 1}, []int{ciVM4, ciVM5, ciVM6},
			[]int{ciVM4, ciVM5, ciVM6, ciClus, ciApp, ciShop, ciDNS}},
		// Two needed: two down leaves one up, fewer than two: fails.
		{"2 of 3 down, min up 2", RedundancyGroup{MinUp: 2}, []int{ciVM4, ciVM6},
			[]int{ciVM4, ciVM6, ciClus, ciApp, ciShop, ciDNS}},
		// 50 % of 3 rounds up to 2 needed: one down holds, hostA (vm4, vm5)
		// down fails it.
		{"1 of 3 down, 50 %", RedundancyGroup{MinUpPercent: 50}, []int{ciVM6}, []int{ciVM6}},
		{"host with 2 of 3 down, 50 %", RedundancyGroup{MinUpPercent: 50}, []int{ciHostA},
			[]int{ciHostA, ciVM4, ciVM5, ciClus, ciApp, ciShop, ciDNS}},
		{"host with 2 of 3 down, min up 1", RedundancyGroup{MinUp: 1}, []int{ciHostA},
			[]int{ciHostA, ciVM4, ciVM5}},
		// The SAN takes both hosts, so all vms, and the db directly.
		{"san, min up 1", RedundancyGroup{MinUp: 1}, []int{ciSAN},
			[]int{ciSAN, ciDB, ciHostA, ciHostB, ciApp, ciVM4, ciVM5, ciVM6, ciShop, ciDNS, ciClus}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := webShop(t, tt.group)
			got := reached(t, x, ImpactQuery{CIs: ints(tt.failed...), Direction: Downstream})
			assert.Equal(t, tt.want, got, "reached")
		})
	}
}

func TestImpactAbsorbedAndPath(t *testing.T) {
	x := webShop(t, RedundancyGroup{MinUp: 1})
	r, err := x.Impact(ImpactQuery{CIs: ints(ciHostA), Direction: Downstream})
	require.NoError(t, err)
	var absorbed []process.ID
	for a := range r.All() {
		if !a.Absorbed.IsZero() {
			absorbed = append(absorbed, a.CI)
			assert.Equal(t, cid(ciClus), a.Absorbed)
		}
	}
	assert.Equal(t, ints(ciVM4, ciVM5), absorbed)
	r.Release()

	r, err = x.Impact(ImpactQuery{CIs: ints(ciSAN), Direction: Downstream})
	require.NoError(t, err)
	defer r.Release()
	// dns: san → db (db uses san) → app (app depends-on db) → dns (dns
	// depends-on app).
	assert.Equal(t, []ImpactStep{
		{CI: cid(ciSAN)},
		{CI: cid(ciDB), Relation: process.RelationUses},
		{CI: cid(ciApp), Relation: process.RelationDependsOn},
		{CI: cid(ciDNS), Relation: process.RelationDependsOn},
	}, r.Path(cid(ciDNS)))
	// The cluster is reached by the member that made it fail: vm6, the
	// last of the three, through the member-of relationship the group added.
	assert.Equal(t, []ImpactStep{
		{CI: cid(ciSAN)},
		{CI: cid(ciHostB), Relation: process.RelationUses},
		{CI: cid(ciVM6), Relation: process.RelationHostedOn},
		{CI: cid(ciClus), Relation: process.RelationMemberOf, Group: true},
	}, r.Path(cid(ciClus)))
	var depths []int
	for a := range r.All() {
		depths = append(depths, a.Depth)
	}
	assert.Equal(t, []int{0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3}, depths)
	var services []process.ID
	for a := range r.Services() {
		services = append(services, a.CI)
	}
	assert.Equal(t, ints(ciShop), services)
	assert.True(t, r.Has(cid(ciShop)))
	assert.Nil(t, r.Path(cid(99)))
}

func TestImpactCycles(t *testing.T) {
	// a → b → c → a in impact terms (each depends on the next one back),
	// plus d depending on c; every node once, from any start.
	cis := []Node{{ID: cid(1), Type: "x"}, {ID: cid(2), Type: "x"}, {ID: cid(3), Type: "x"}, {ID: cid(4), Type: "x"}}
	rels := []Relation{
		{From: cid(2), To: cid(1), Type: process.RelationDependsOn},
		{From: cid(3), To: cid(2), Type: process.RelationDependsOn},
		{From: cid(1), To: cid(3), Type: process.RelationDependsOn},
		{From: cid(4), To: cid(3), Type: process.RelationDependsOn},
		{From: cid(4), To: cid(4), Type: process.RelationDependsOn}, // self-loop
	}
	x, err := Build(cis, rels, nil)
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2, 3, 4}, reached(t, x, ImpactQuery{CIs: ints(1), Direction: Downstream}))
	assert.Equal(t, []int{3, 1, 4, 2}, reached(t, x, ImpactQuery{CIs: ints(3), Direction: Downstream}))
	assert.Equal(t, []int{4, 3, 2, 1}, reached(t, x, ImpactQuery{CIs: ints(4), Direction: Upstream}))
	assert.Equal(t, []int{1, 2}, reached(t, x, ImpactQuery{CIs: ints(1), Direction: Downstream, MaxDepth: 1}))
}

func TestImpactUpstreamAndFilters(t *testing.T) {
	x := webShop(t, RedundancyGroup{MinUp: 1})
	// The shop's full dependency tree, redundancy ignored upstream.
	assert.Equal(t,
		[]int{ciShop, ciApp, ciClus, ciDB, ciDNS, ciVM4, ciVM5, ciVM6, ciSAN, ciHostA, ciHostB},
		reached(t, x, ImpactQuery{CIs: ints(ciShop), Direction: Upstream}))
	// Only depends-on: shop → app → db (and dns depends on app, but that
	// is downstream of the app, not upstream).
	assert.Equal(t, []int{ciShop, ciApp, ciDB},
		reached(t, x, ImpactQuery{CIs: ints(ciShop), Direction: Upstream, Relations: []process.RelationType{process.RelationDependsOn}}))
	// Ignoring redundancy, one vm takes the cluster down.
	assert.Equal(t, []int{ciVM4, ciClus, ciApp, ciShop, ciDNS},
		reached(t, x, ImpactQuery{CIs: ints(ciVM4), Direction: Downstream, IgnoreRedundancy: true}))
	// A type the index has not seen matches nothing.
	assert.Equal(t, []int{ciVM4},
		reached(t, x, ImpactQuery{CIs: ints(ciVM4), Direction: Downstream, Relations: []process.RelationType{process.RelationContains}}))
}

func TestImpactErrors(t *testing.T) {
	x := webShop(t, RedundancyGroup{MinUp: 1})
	tests := []struct {
		name string
		q    ImpactQuery
		want error
	}{
		{"no cis", ImpactQuery{Direction: Downstream}, process.ErrRequired},
		{"no direction", ImpactQuery{CIs: ints(ciApp)}, process.ErrInvalidValue},
		{"unknown ci", ImpactQuery{CIs: ints(99), Direction: Downstream}, process.ErrNotFound},
		{"bad relation", ImpactQuery{CIs: ints(ciApp), Direction: Downstream, Relations: []process.RelationType{"nope"}}, process.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := x.Impact(tt.q)
			assert.Nil(t, r)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestBuildIndexErrors(t *testing.T) {
	ok := []Node{{ID: cid(1), Type: "vm"}, {ID: cid(2), Type: "vm"}, {ID: cid(3), Type: "cluster"}}
	tests := []struct {
		name   string
		cis    []Node
		rels   []Relation
		groups []RedundancyGroup
		path   string
		want   error
	}{
		{"duplicate ci", append(slices.Clone(ok), Node{ID: cid(1), Type: "vm"}), nil, nil, "cis[3]", process.ErrExists},
		{"ci without type", []Node{{ID: cid(1)}}, nil, nil, "cis[0]", process.ErrRequired},
		{"custom type without flow", ok, []Relation{{From: cid(1), To: cid(2), Type: "x-feeds"}}, nil, "relations[0]", process.ErrInvalidValue},
		{"dangling relation", ok, []Relation{{From: cid(1), To: cid(9), Type: process.RelationUses}}, nil, "cis", process.ErrNotFound},
		{"min up above members", ok, nil, []RedundancyGroup{{CI: cid(3), Members: ints(1, 2), MinUp: 3}}, "groups[0].min_up", process.ErrInvalidValue},
		{"both minimums", ok, nil, []RedundancyGroup{{CI: cid(3), Members: ints(1, 2), MinUp: 1, MinUpPercent: 50}}, "groups[0].min_up", process.ErrInvalidValue},
		{"repeated member", ok, nil, []RedundancyGroup{{CI: cid(3), Members: ints(1, 1), MinUp: 1}}, "groups[0].members[1]", process.ErrExists},
		{"member of two groups", ok, nil, []RedundancyGroup{
			{CI: cid(3), Members: ints(1), MinUp: 1}, {CI: cid(2), Members: ints(1), MinUp: 1}}, "groups[1].members[0]", process.ErrExists},
		{"unknown member", ok, nil, []RedundancyGroup{{CI: cid(3), Members: ints(7), MinUp: 1}}, "groups[0].members[0]", process.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := Build(tt.cis, tt.rels, tt.groups)
			assert.Nil(t, x)
			var ve *process.ValidationError
			require.True(t, errors.As(err, &ve), "got %v, want a *ValidationError", err)
			assert.True(t, ve.Has(tt.path, tt.want), "got %v, want %s: %v", err, tt.path, tt.want)
		})
	}
	// A custom type with its flow is fine.
	x, err := Build(ok, []Relation{{From: cid(1), To: cid(2), Type: "x-feeds", Flow: FlowToTarget}}, nil)
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, reached(t, x, ImpactQuery{CIs: ints(1), Direction: Downstream}))
}

func TestImpactConcurrent(t *testing.T) {
	x := webShop(t, RedundancyGroup{MinUp: 2})
	want := reached(t, x, ImpactQuery{CIs: ints(ciHostA), Direction: Downstream})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				got := reached(t, x, ImpactQuery{CIs: ints(ciHostA), Direction: Downstream})
				if !slices.Equal(got, want) {
					t.Errorf("got %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestImpactOwned(t *testing.T) {
	x := webShop(t, RedundancyGroup{MinUp: 1})
	r := x.NewImpact()
	require.NoError(t, r.Analyse(ImpactQuery{CIs: ints(ciSAN), Direction: Downstream}))
	assert.Equal(t, 11, r.Len())
	require.NoError(t, r.Analyse(ImpactQuery{CIs: ints(ciHostA), Direction: Downstream}))
	assert.Equal(t, 3, r.Len())
	assert.False(t, r.Has(cid(ciShop)), "a stamp of the first walk survived")
	err := r.Analyse(ImpactQuery{CIs: ints(ciHostA, 99), Direction: Downstream})
	assert.ErrorIs(t, err, process.ErrNotFound)
	assert.Equal(t, 0, r.Len())
	assert.False(t, r.Has(cid(ciHostA)))
	r.Release() // does nothing on an owned Impact
	require.NoError(t, r.Analyse(ImpactQuery{CIs: ints(ciVM4), Direction: Upstream}))
	assert.Equal(t, []int{ciVM4, ciHostA, ciSAN}, func() []int {
		var out []int
		for a := range r.All() {
			out = append(out, int(a.CI[15]>>4)*10+int(a.CI[15]&15))
		}
		return out
	}())
	q := ImpactQuery{CIs: ints(ciSAN), Direction: Downstream}
	allocs := testing.AllocsPerRun(100, func() { _ = r.Analyse(q) })
	assert.Zero(t, allocs, "allocations per analysis")
}

func TestDirectionText(t *testing.T) {
	for _, d := range []Direction{Downstream, Upstream} {
		t.Run(string(d), func(t *testing.T) { processtest.EnumText(t, d) })
	}
}

func TestImpactErrorPrefix(t *testing.T) {
	x := webShop(t, RedundancyGroup{MinUp: 1})
	_, err := x.Impact(ImpactQuery{CIs: ints(99), Direction: Downstream})
	require.ErrorIs(t, err, process.ErrNotFound)
	assert.True(t, strings.HasPrefix(err.Error(), "cmdb: impact: ci "), "got %q", err)
}

// refWalk is the walk as it was specified before positions replaced
// parents: a breadth-first search that records, for each node reached, the
// node it was reached from (-1 for a given CI).
func refWalk(x *Index, q ImpactQuery) (order []int32, parent map[int32]int32) {
	g, gates := &x.fwd, q.Direction == Downstream && !q.IgnoreRedundancy && len(x.groupNode) > 0
	if q.Direction == Upstream {
		g = &x.rev
	}
	mask := ^uint64(0)
	if len(q.Relations) > 0 {
		mask = 0
		for _, t := range q.Relations {
			if i := slices.Index(x.relTypes, t); i >= 0 {
				mask |= 1 << uint(i)
			}
		}
	}
	parent = map[int32]int32{}
	for _, id := range q.CIs {
		if v := x.pos[id]; !slices.Contains(order, v) {
			order = append(order, v)
			parent[v] = -1
		}
	}
	failed := map[int]int32{}
	depth := map[int32]int{}
	for head := 0; head < len(order); head++ {
		u := order[head]
		if q.MaxDepth > 0 && depth[u] >= q.MaxDepth {
			break
		}
		for e := g.off[u]; e < g.off[u+1]; e++ {
			v, t := g.dst[e], g.rel[e]
			if _, ok := parent[v]; ok || mask&(1<<(t&(maxRelationTypes-1))) == 0 {
				continue
			}
			if gates && t&gateBit != 0 {
				gi := x.groupOf(v)
				if failed[gi]++; failed[gi] < x.groupFails[gi] {
					continue
				}
			}
			parent[v], depth[v] = u, depth[u]+1
			order = append(order, v)
		}
	}
	return order, parent
}

// TestImpactPathsAsWalked checks on random graphs with redundancy groups,
// relationship filters and depth limits that the walk reaches what the
// reference walk reaches, in its order, and that every path is the chain
// of parents the reference walk recorded.
func TestImpactPathsAsWalked(t *testing.T) {
	types := []process.RelationType{process.RelationDependsOn, process.RelationRunsOn, process.RelationPartOf,
		process.RelationReplicates, process.RelationMemberOf, process.RelationUses}
	rnd := rand.New(rand.NewPCG(3, 5))
	for round := range 300 {
		n := 3 + rnd.IntN(40)
		cis := make([]Node, n)
		for i := range cis {
			cis[i] = Node{ID: cid(i + 1), Type: "x"}
		}
		var rels []Relation
		for range rnd.IntN(4 * n) {
			rels = append(rels, Relation{From: cid(1 + rnd.IntN(n)), To: cid(1 + rnd.IntN(n)), Type: types[rnd.IntN(len(types))]})
		}
		var groups []RedundancyGroup
		used := map[int]bool{}
		for range rnd.IntN(4) {
			g := RedundancyGroup{CI: cid(1 + rnd.IntN(n))}
			for range 1 + rnd.IntN(5) {
				m := 1 + rnd.IntN(n)
				if !used[m] && cid(m) != g.CI && !slices.Contains(g.Members, cid(m)) {
					used[m] = true
					g.Members = append(g.Members, cid(m))
				}
			}
			if len(g.Members) == 0 || slices.ContainsFunc(groups, func(h RedundancyGroup) bool { return h.CI == g.CI }) {
				continue
			}
			g.MinUp = 1 + rnd.IntN(len(g.Members))
			groups = append(groups, g)
		}
		x, err := Build(cis, rels, groups)
		require.NoError(t, err)
		owned := x.NewImpact()
		for range 10 {
			q := ImpactQuery{Direction: Downstream, IgnoreRedundancy: rnd.IntN(3) == 0, MaxDepth: rnd.IntN(4)}
			if rnd.IntN(3) == 0 {
				q.Direction = Upstream
			}
			for range 1 + rnd.IntN(3) {
				q.CIs = append(q.CIs, cid(1+rnd.IntN(n)))
			}
			if rnd.IntN(2) == 0 {
				q.Relations = []process.RelationType{types[rnd.IntN(len(types))], types[rnd.IntN(len(types))]}
			}
			order, parent := refWalk(x, q)
			require.NoError(t, owned.Analyse(q))
			pooled, err := x.Impact(q)
			require.NoError(t, err)
			for _, r := range []*Impact{owned, pooled} {
				require.Equal(t, order, r.order, "round %d: %+v: order", round, q)
				for _, v := range order {
					var want []process.ID
					for u := v; u >= 0; u = parent[u] {
						want = append(want, x.ids[u])
					}
					slices.Reverse(want)
					var got []process.ID
					for _, s := range r.Path(x.ids[v]) {
						got = append(got, s.CI)
					}
					require.Equal(t, want, got, "round %d: %+v: path to %d", round, q, v)
				}
			}
			pooled.Release()
		}
	}
}

// TestImpactScratchKept checks that the index keeps released scratch space
// across garbage collections, at most twice GOMAXPROCS of it, that a second
// Release of one Impact does not list it twice, and that the stamps are
// cleared, not misread, when they would pass the largest uint32.
func TestImpactScratchKept(t *testing.T) {
	x := webShop(t, RedundancyGroup{MinUp: 1})
	q := ImpactQuery{CIs: ints(ciSAN), Direction: Downstream}
	r, err := x.Impact(q)
	require.NoError(t, err)
	r.Release()
	r.Release() // a second Release does nothing
	runtime.GC()
	runtime.GC()
	a, err := x.Impact(q)
	require.NoError(t, err)
	b, err := x.Impact(q)
	require.NoError(t, err)
	assert.Same(t, r, a, "the scratch space did not survive a collection")
	assert.NotSame(t, a, b, "two queries share scratch space")
	a.Release()
	b.Release()

	var held []*Impact
	for range 2*runtime.GOMAXPROCS(0) + 3 {
		r, err := x.Impact(q)
		require.NoError(t, err)
		held = append(held, r)
	}
	for _, r := range held {
		r.Release()
	}
	assert.Len(t, x.free.stack, 2*runtime.GOMAXPROCS(0))

	want := reached(t, x, q)
	r = x.NewImpact()
	r.base = math.MaxUint32 - uint32(len(r.stamp)) - 2
	for range 3 {
		require.NoError(t, r.Analyse(q))
		var got []int
		for a := range r.All() {
			got = append(got, int(a.CI[15]>>4)*10+int(a.CI[15]&15))
			require.Len(t, r.Path(a.CI), a.Depth+1)
		}
		assert.Equal(t, want, got)
		assert.False(t, r.Has(cid(ciShop+100)))
	}
	assert.Less(t, r.base, uint32(100), "the stamps were not cleared")
}
