// Package cmdbgen generates a seeded, realistic CMDB graph (ISO/IEC
// 20000-1:2011, 9.1) for benchmarks: those of the impact analysis of
// package cmdb, the SQL peer in examples/cmdbsql, and a host's own, so that
// all measure the same graph. The same seed and size give the same graph.
//
// The graph has five layers: services, applications (with databases and a
// few shared platform applications), virtual machines (with clusters),
// hosts, and infrastructure (storage arrays, DNS and directory server pools,
// access and core switch pairs, racks). Heavy hubs (storage arrays, DNS and
// directory pools, core switches, platform applications) take a large share
// of the relationships, a few back-edges make cycles, and clusters, switch
// pairs and server pools are redundancy groups.
//
// The relationship type names are those of [process.RelationType], and
// [Graph.Index] builds a [cmdb.Index] of the graph. Generating is linear in
// the size asked for; a Graph is plain data, not safe for concurrent
// mutation, and the package keeps no mutable package state.
package cmdbgen

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/cmdb"
)

// Layer is the layer of a CI.
type Layer uint8

// The layers, top to bottom.
const (
	Service Layer = iota
	Application
	VM
	Host
	Infrastructure
)

// Layers lists the layers top to bottom.
var Layers = [...]Layer{Service, Application, VM, Host, Infrastructure}

// String returns the layer's name, or "Layer(n)" for a value out of range.
func (l Layer) String() string {
	names := [...]string{"service", "application", "vm", "host", "infrastructure"}
	if int(l) < 0 || int(l) >= len(names) {
		return fmt.Sprintf("Layer(%d)", int(l))
	}
	return names[l]
}

// Relationship type numbers, indexes into RelNames.
const (
	DependsOn uint8 = iota
	RunsOn
	HostedOn
	ConnectsTo
	Uses
	MemberOf
	Contains
)

// RelNames are the names of the relationship types, as process spells them.
var RelNames = [...]string{"depends-on", "runs-on", "hosted-on", "connected-to", "uses", "member-of", "contains"}

// ImpactToTarget reports whether failure flows from a relationship's source
// to its target for type t (member-of, contains); otherwise it flows from
// the target to the source.
func ImpactToTarget(t uint8) bool { return t == MemberOf || t == Contains }

// Group is a redundancy group: the CI standing for it, its members, and how
// many members must be up (MinUp) for it to work.
type Group struct {
	CI      int32
	Members []int32
	MinUp   int
}

// Graph is a generated CMDB. CIs are numbered 0..len(IDs)-1; relationship e
// reads "From[e] Rel[e] To[e]" ("app runs-on vm").
type Graph struct {
	IDs       [][16]byte
	Layer     []Layer
	Type      []uint8 // index into TypeNames
	TypeNames []string
	From, To  []int32
	Rel       []uint8
	Groups    []Group
	// Hubs are the CIs with the most dependents: storage arrays, the DNS
	// and directory pools, the core switch pairs and the platform
	// applications.
	Hubs []int32
}

// Config sizes a graph. Relations is the number of relationships wanted
// (about five per CI at the design scale).
type Config struct {
	CIs       int
	Relations int
	Seed      uint64
}

// CI types.
const (
	tService uint8 = iota
	tApp
	tDatabase
	tCluster
	tVM
	tHost
	tStorage
	tDNS
	tDirectory
	tSwitch
	tRack
	tPool
)

var typeNames = []string{"service", "application", "database", "cluster", "vm", "host",
	"storage", "dns", "directory", "switch", "rack", "pool"}

const domainSize = 200 // applications per business domain

type gen struct {
	g   *Graph
	rnd *rand.Rand
}

func (q *gen) add(l Layer, t uint8) int32 {
	g := q.g
	var id [16]byte
	lo, hi := q.rnd.Uint64(), q.rnd.Uint64()
	for i := range 8 {
		id[i] = byte(lo >> (8 * i))
		id[8+i] = byte(hi >> (8 * i))
	}
	id[6] = id[6]&0x0f | 0x40 // version 4
	id[8] = id[8]&0x3f | 0x80 // RFC 4122 variant
	g.IDs = append(g.IDs, id)
	g.Layer = append(g.Layer, l)
	g.Type = append(g.Type, t)
	return int32(len(g.IDs) - 1)
}

func (q *gen) rel(from int32, t uint8, to int32) {
	q.g.From = append(q.g.From, from)
	q.g.To = append(q.g.To, to)
	q.g.Rel = append(q.g.Rel, t)
}

// span is a contiguous range of CI numbers.
type span struct{ lo, n int32 }

func (s span) pick(r *rand.Rand) int32 { return s.lo + r.Int32N(s.n) }

// group adds a pool CI of type t with k members of type mt, k-of need up.
func (q *gen) group(l Layer, t, mt uint8, k, minUp int) (int32, []int32) {
	gci := q.add(l, t)
	members := make([]int32, k)
	for i := range members {
		members[i] = q.add(l, mt)
		q.rel(members[i], MemberOf, gci)
	}
	q.g.Groups = append(q.g.Groups, Group{CI: gci, Members: members, MinUp: minUp})
	return gci, members
}

// Generate builds a graph of about cfg.CIs CIs (exactly, for any size of
// 1,000 or more) and cfg.Relations relationships, the same for the same
// Config.
func Generate(cfg Config) *Graph {
	n := max(cfg.CIs, 1000)
	m := max(cfg.Relations, 3*n)
	q := &gen{g: &Graph{TypeNames: typeNames}, rnd: rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15))}
	g, r := q.g, q.rnd
	g.IDs = make([][16]byte, 0, n)
	g.Layer = make([]Layer, 0, n)
	g.Type = make([]uint8, 0, n)
	g.From = make([]int32, 0, m)
	g.To = make([]int32, 0, m)
	g.Rel = make([]uint8, 0, m)

	nSvc := n * 2 / 100
	nApp := n * 20 / 100
	nCluster := n * 2 / 100
	nHost := n * 20 / 100
	nStorage := max(n/20000, 2)
	nRack := max(nHost/40, 1)
	nAccess := max(nHost/40, 1) // access switch pairs

	// Infrastructure first, so that hubs have low numbers.
	var dnsPools, dirPools, corePairs []int32
	for range 2 {
		p, _ := q.group(Infrastructure, tPool, tDNS, 4, 1)
		dnsPools = append(dnsPools, p)
	}
	p, _ := q.group(Infrastructure, tPool, tDirectory, 6, 2)
	dirPools = append(dirPools, p)
	for range 2 {
		p, _ := q.group(Infrastructure, tPool, tSwitch, 2, 1)
		corePairs = append(corePairs, p)
	}
	storage := span{int32(len(g.IDs)), int32(nStorage)}
	for range nStorage {
		q.add(Infrastructure, tStorage)
	}
	var access []int32
	for range nAccess {
		p, ms := q.group(Infrastructure, tPool, tSwitch, 2, 1)
		access = append(access, p)
		core := corePairs[r.IntN(len(corePairs))]
		for _, s := range ms {
			q.rel(s, ConnectsTo, core)
		}
	}
	racks := span{int32(len(g.IDs)), int32(nRack)}
	for range nRack {
		q.add(Infrastructure, tRack)
	}
	g.Hubs = append(g.Hubs, dnsPools...)
	g.Hubs = append(g.Hubs, dirPools...)
	g.Hubs = append(g.Hubs, corePairs...)
	for i := range min(nStorage, 8) {
		g.Hubs = append(g.Hubs, storage.lo+int32(i))
	}

	// Hosts: in a rack, on an access switch pair, on a storage array.
	hosts := span{int32(len(g.IDs)), int32(nHost)}
	for i := range nHost {
		h := q.add(Host, tHost)
		q.rel(racks.lo+int32(i/40)%racks.n, Contains, h)
		q.rel(h, ConnectsTo, access[(i/40)%len(access)])
		q.rel(h, Uses, storage.pick(r))
	}

	// Clusters of 2–4 VMs, then the other VMs, each on a host, a
	// datastore, a DNS pool and the directory.
	nVM := n - len(g.IDs) - nSvc - nApp - nCluster
	vmRel := func(v int32) {
		q.rel(v, HostedOn, hosts.pick(r))
		q.rel(v, Uses, storage.pick(r))
		q.rel(v, Uses, dnsPools[v%2])
		q.rel(v, Uses, dirPools[0])
	}
	clusters := make([]int32, 0, nCluster)
	for range nCluster {
		if nVM < 4 {
			break
		}
		k := 2 + r.IntN(3)
		c, ms := q.group(VM, tCluster, tVM, k, 1+r.IntN(k-1))
		nVM -= k
		clusters = append(clusters, c)
		for _, v := range ms {
			vmRel(v)
		}
	}
	vms := span{int32(len(g.IDs)), int32(nVM)}
	for range nVM {
		vmRel(q.add(VM, tVM))
	}

	// Applications in business domains of 200; a fifth are databases; the
	// first 50 are shared platform applications.
	apps := span{int32(len(g.IDs)), int32(nApp)}
	for i := range nApp {
		t := tApp
		if i%5 == 4 {
			t = tDatabase
		}
		a := q.add(Application, t)
		if r.IntN(10) < 3 && len(clusters) > 0 {
			q.rel(a, RunsOn, clusters[r.IntN(len(clusters))])
		} else {
			for range 1 + r.IntN(8) {
				q.rel(a, RunsOn, vms.pick(r))
			}
		}
	}
	for i := range min(nApp, 50) {
		g.Hubs = append(g.Hubs, apps.lo+int32(i))
	}
	domain := func(a int32) span {
		lo := apps.lo + (a-apps.lo)/domainSize*domainSize
		return span{lo, min(domainSize, apps.lo+apps.n-lo)}
	}
	for i := range nApp {
		if i%5 == 4 {
			continue
		}
		a := apps.lo + int32(i)
		d := domain(a)
		for range 1 + r.IntN(2) {
			db := d.lo + int32(r.IntN(int(d.n)/5))*5 + 4
			if db < d.lo+d.n {
				q.rel(a, DependsOn, db)
			}
		}
	}

	// Services, each on 3–12 applications of one domain.
	for i := range nSvc {
		s := q.add(Service, tService)
		d := domain(apps.lo + int32(i*nApp/nSvc))
		for range 3 + r.IntN(10) {
			q.rel(s, DependsOn, d.pick(r))
		}
	}

	// A few back-edges make cycles: DNS servers and some hosts depend on
	// applications.
	for i := range 4 + n/100000 {
		src := hosts.pick(r)
		if i%2 == 0 {
			src = g.Groups[0].Members[i/2%4]
		}
		q.rel(src, DependsOn, apps.pick(r))
	}

	// Fill up with applications using others of their domain (forward
	// only, a DAG) or a platform application.
	for len(g.From) < m {
		a := apps.pick(r)
		if r.IntN(10) == 0 {
			q.rel(a, Uses, apps.lo+r.Int32N(min(apps.n, 50)))
			continue
		}
		d := domain(a)
		if hi := d.lo + d.n - a - 1; hi > 0 {
			q.rel(a, Uses, a+1+r.Int32N(hi))
		}
	}
	return g
}

// ByLayer returns the CI numbers of layer l.
func (g *Graph) ByLayer(l Layer) []int32 {
	var out []int32
	for i, x := range g.Layer {
		if x == l {
			out = append(out, int32(i))
		}
	}
	return out
}

// Index builds a [cmdb.Index] from g through the public [cmdb.Builder], as a
// host would from its own rows. A graph changed by hand so that the builder
// refuses it (a repeated ID, a type number out of range) is reported with the
// number of the CI, relationship or group at fault.
func (g *Graph) Index() (*cmdb.Index, error) {
	var b cmdb.Builder
	b.Grow(len(g.IDs), len(g.From))
	for i, id := range g.IDs {
		if int(g.Type[i]) >= len(g.TypeNames) {
			return nil, fmt.Errorf("cmdbgen: ci %d: type number %d, beyond the %d type names: %w", i, g.Type[i], len(g.TypeNames), process.ErrInvalidValue)
		}
		c := cmdb.Node{ID: process.ID(id), Type: g.TypeNames[g.Type[i]], Service: g.Layer[i] == Service}
		if err := b.AddCI(c); err != nil {
			return nil, fmt.Errorf("cmdbgen: ci %d: %w", i, err)
		}
	}
	for e := range g.From {
		r := cmdb.Relation{From: process.ID(g.IDs[g.From[e]]), To: process.ID(g.IDs[g.To[e]]), Type: process.RelationType(RelNames[g.Rel[e]])}
		if err := b.AddRelation(r); err != nil {
			return nil, fmt.Errorf("cmdbgen: relationship %d: %w", e, err)
		}
	}
	for gi, gr := range g.Groups {
		ms := make([]process.ID, len(gr.Members))
		for i, m := range gr.Members {
			ms[i] = process.ID(g.IDs[m])
		}
		if err := b.AddGroup(cmdb.RedundancyGroup{CI: process.ID(g.IDs[gr.CI]), Members: ms, MinUp: gr.MinUp}); err != nil {
			return nil, fmt.Errorf("cmdbgen: group %d: %w", gi, err)
		}
	}
	x, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("cmdbgen: %w", err)
	}
	return x, nil
}

// Scenario is a set of impact queries of one kind: one query per seed,
// downstream (what the seed affects) or upstream (what it depends on).
type Scenario struct {
	Name     string
	Upstream bool
	Seeds    []int32
}

// Scenarios returns the benchmark scenarios: perLayer random CIs of each
// layer downstream, the 8 CIs whose failure reaches most CIs at once
// downstream, and perLayer random services' full dependency trees upstream.
// The same graph and perLayer give the same scenarios.
func (g *Graph) Scenarios(perLayer int) []Scenario {
	r := rand.New(rand.NewPCG(7, 11))
	var out []Scenario
	for _, l := range Layers {
		cis := g.ByLayer(l)
		s := Scenario{Name: "layer=" + l.String()}
		for range perLayer {
			s.Seeds = append(s.Seeds, cis[r.IntN(len(cis))])
		}
		out = append(out, s)
	}
	deg := make([]int32, len(g.IDs))
	for e, t := range g.Rel {
		if ImpactToTarget(t) {
			deg[g.From[e]]++
		} else {
			deg[g.To[e]]++
		}
	}
	nodes := make([]int32, len(g.IDs))
	for i := range nodes {
		nodes[i] = int32(i)
	}
	slices.SortStableFunc(nodes, func(a, b int32) int { return int(deg[b]) - int(deg[a]) })
	out = append(out, Scenario{Name: "hubs", Seeds: nodes[:8]})
	svc := g.ByLayer(Service)
	s := Scenario{Name: "service-tree", Upstream: true}
	for range perLayer {
		s.Seeds = append(s.Seeds, svc[r.IntN(len(svc))])
	}
	return append(out, s)
}
