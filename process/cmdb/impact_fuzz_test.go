package cmdb

import (
	"slices"
	"testing"

	"github.com/smskit/iso20000/process"
)

// FuzzIndexImpact builds small graphs from bytes and checks that building
// and walking never panic, that ignoring redundancy reaches exactly what a
// plain breadth-first search reaches, that honouring it reaches a subset,
// in the reference walk's order, and that every path starts at a given CI,
// ends at its CI and steps there from its parent in the reference walk.
func FuzzIndexImpact(f *testing.F) {
	f.Add([]byte{5, 0, 1, 1, 2, 2, 3, 3, 4, 4, 0, 9, 1, 2, 3})
	f.Add([]byte{3, 0, 1, 0, 1, 2, 5, 2, 0, 7})
	f.Add([]byte{8, 1, 0, 2, 0, 3, 0, 4, 1, 5, 2, 6, 3, 7, 4, 200, 1, 2, 3, 4})
	types := []process.RelationType{process.RelationDependsOn, process.RelationPartOf, process.RelationReplicates, process.RelationMemberOf, process.RelationUses}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		n := int(data[0]%12) + 1
		cis := make([]Node, n)
		for i := range cis {
			cis[i] = Node{ID: cid(i + 1), Type: "x", Service: i%3 == 0}
		}
		var rels []Relation
		rest := data[1:]
		for len(rest) >= 3 && rest[0] != 200 {
			rels = append(rels, Relation{From: cid(int(rest[0])%n + 1), To: cid(int(rest[1])%n + 1), Type: types[int(rest[2])%len(types)]})
			rest = rest[3:]
		}
		var groups []RedundancyGroup
		if len(rest) >= 3 && n >= 3 {
			g := RedundancyGroup{CI: cid(int(rest[1])%n + 1), MinUp: 1}
			for i := 1; i <= n && len(g.Members) < int(rest[2])%4+1; i++ {
				if cid(i) != g.CI {
					g.Members = append(g.Members, cid(i))
				}
			}
			g.MinUp = int(rest[0])%len(g.Members) + 1
			groups = append(groups, g)
		}
		x, err := Build(cis, rels, groups)
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		seed := cid(int(data[len(data)-1])%n + 1)
		for _, dir := range []Direction{Downstream, Upstream} {
			plain, err := x.Impact(ImpactQuery{CIs: []process.ID{seed}, Direction: dir, IgnoreRedundancy: true})
			if err != nil {
				t.Fatal(err)
			}
			off, dst := x.fwd.off, x.fwd.dst
			if dir == Upstream {
				off, dst = x.rev.off, x.rev.dst
			}
			seen := map[int32]bool{x.pos[seed]: true}
			q := []int32{x.pos[seed]}
			for len(q) > 0 {
				u := q[0]
				q = q[1:]
				for _, v := range dst[off[u]:off[u+1]] {
					if !seen[v] {
						seen[v] = true
						q = append(q, v)
					}
				}
			}
			if plain.Len() != len(seen) {
				t.Fatalf("%s: got %d reached, bfs %d", dir, plain.Len(), len(seen))
			}
			full, err := x.Impact(ImpactQuery{CIs: []process.ID{seed}, Direction: dir})
			if err != nil {
				t.Fatal(err)
			}
			order, parent := refWalk(x, ImpactQuery{CIs: []process.ID{seed}, Direction: dir})
			if !slices.Equal(full.order, order) {
				t.Fatalf("%s: reached %v, the reference walk %v", dir, full.order, order)
			}
			for a := range full.All() {
				if v, p := x.pos[a.CI], full.Path(a.CI); len(p) > 1 && p[len(p)-2].CI != x.ids[parent[v]] {
					t.Fatalf("%s: path %v, reached from %s in the reference walk", dir, p, x.ids[parent[v]])
				}
				if !plain.Has(a.CI) {
					t.Fatalf("%s: %s reached with redundancy, not without", dir, a.CI)
				}
				p := full.Path(a.CI)
				if len(p) != a.Depth+1 || p[0].CI != seed || p[len(p)-1].CI != a.CI {
					t.Fatalf("%s: path %v for %s at depth %d", dir, p, a.CI, a.Depth)
				}
				if slices.ContainsFunc(p[1:], func(s ImpactStep) bool { return s.Relation == "" }) {
					t.Fatalf("%s: path %v has a step without relation", dir, p)
				}
			}
			plain.Release()
			full.Release()
		}
	})
}
