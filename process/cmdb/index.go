package cmdb

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/smskit/iso20000/process"
)

var relationFlows = map[process.RelationType]Flow{
	process.RelationDependsOn:   FlowToSource,
	process.RelationRunsOn:      FlowToSource,
	process.RelationHostedOn:    FlowToSource,
	process.RelationConnectedTo: FlowToSource,
	process.RelationUses:        FlowToSource,
	process.RelationPartOf:      FlowToTarget,
	process.RelationMemberOf:    FlowToTarget,
	process.RelationContains:    FlowToTarget,
	process.RelationReplicates:  FlowBoth,
	process.RelationProvidedBy:  FlowToSource,
	process.RelationCommunicate: FlowBoth,
}

// indexable reports whether the impact index takes relationships of type
// t: a type with a default flow, or a host's own ("x-" and more).
func indexable(t process.RelationType) bool {
	_, ok := relationFlows[t]
	return ok || (len(t) > 2 && t[:2] == "x-")
}

// FlowOf returns the direction in which failure travels along a relationship
// of type t by default (a configuration item depends on what it runs on,
// uses, is connected to; a part's failure affects the whole); "" for a
// host's own type, whose relationships must say it (ISO/IEC 20000-1:2011,
// 9.1).
func FlowOf(t process.RelationType) Flow { return relationFlows[t] }

// Flow is the direction in which the failure or change of one CI
// travels along a relationship to the other (ISO/IEC 20000-1:2011, 9.1: the
// CMDB gives change and incident management the impact of a CI). The zero
// Flow is unset: the relationship type's default applies.
type Flow string

// The directions of impact.
const (
	// FlowToSource: the target's failure affects the source (A depends on B).
	FlowToSource Flow = "to-source"
	// FlowToTarget: the source's failure affects the target (A is part of B).
	FlowToTarget Flow = "to-target"
	// FlowBoth: the failure of either affects the other.
	FlowBoth Flow = "both"
)

// Valid reports whether f is one of the three directions.
func (f Flow) Valid() bool { return f == FlowToSource || f == FlowToTarget || f == FlowBoth }

// String returns the flow's code.
func (f Flow) String() string { return string(f) }

// MarshalText encodes the flow as its code, and the zero Flow as empty text;
// it refuses an unknown flow with an error wrapping
// [process.ErrInvalidValue].
func (f Flow) MarshalText() ([]byte, error) { return process.MarshalEnum(f) }

// UnmarshalText decodes a flow's code, and empty text as the zero Flow; it
// refuses any other text with an error wrapping [process.ErrInvalidValue],
// leaving f unchanged.
func (f *Flow) UnmarshalText(b []byte) error { return process.UnmarshalEnum(f, b) }

// Node is a configuration item as the impact index sees it (ISO/IEC
// 20000-1:2011, 9.1): its identity, its CI type and whether it is a service,
// the top of the CMDB that impact analysis reports on.
type Node struct {
	ID      process.ID
	Type    string // the CI type ("host", "vm", "database")
	Service bool   // the CI is a service
}

// Relation is a typed, directed relationship from one CI to another
// ("From runs-on To"), with the direction in which failure travels along it:
// Flow, or when Flow is empty the type's default (ISO/IEC 20000-1:2011, 9.1).
type Relation struct {
	From, To process.ID
	Type     process.RelationType
	Flow     Flow
}

// RedundancyGroup is a set of CIs that together provide one capability,
// represented by a CI of its own (a cluster, a pair of core switches, a pool
// of DNS servers) that fails only when too few of its members are up
// (ISO/IEC 20000-1:2011, 9.1; 6.3 availability). Exactly one of MinUp (a
// count) and MinUpPercent (1–100, rounded up to whole members) says how many
// members must be up for the group to work.
//
// The failure of a member travels to the group CI only once the group has
// failed; the group CI's own relationships carry impact as any CI's do. Each
// member's relationships to the group (any type whose impact flows from the
// member to the group) count towards the group's failure; a member with no
// such relationship gets a [process.RelationMemberOf] relationship to it.
type RedundancyGroup struct {
	CI           process.ID
	Members      []process.ID
	MinUp        int
	MinUpPercent int
}

// failuresToFail returns how many members must fail for g to fail, given its
// size n: the group works while at least need members are up.
func (g RedundancyGroup) failuresToFail(n int) int {
	need := g.MinUp
	if g.MinUpPercent > 0 {
		need = (g.MinUpPercent*n + 99) / 100
	}
	return n - need + 1
}

// Index is the compiled impact graph of a CMDB (ISO/IEC 20000-1:2011, 9.1):
// every CI and relationship as compact arrays (compressed sparse rows of
// int32 node numbers, one byte per relationship for its type), built once by
// an [Builder] or [Build] and immutable after. It answers impact
// analysis ([Index.Impact]) in both directions, and is safe for concurrent
// use by any number of goroutines: each query takes scratch space of its
// own (4 bytes per CI) from a free list that the index keeps for its
// lifetime, or makes it if the list is empty, and [Impact.Release] hands it
// back, to be kept if the list holds fewer than twice GOMAXPROCS. The list,
// the index's only state that changes, is behind a mutex; it outlives
// garbage collections, so the first query after one costs what any other
// does.
type Index struct {
	ids      []process.ID
	pos      map[process.ID]int32
	ciType   []uint16
	service  []bool
	types    []string               // CI type names, by number
	relTypes []process.RelationType // relationship type names, by number (at most 64)

	// The impact graph: an edge u→v means u's failure affects v. fwd is
	// indexed by u (downstream), rev by v (upstream).
	fwd, rev csr

	// Redundancy groups, sorted by group node.
	groupNode  []int32
	groupFails []int32 // member failures that make the group fail
	groupSize  []int32
	memberOf   []int32 // per node: group number + 1, 0 for none

	relations int // relationships given to the builder

	free freeList // scratch space for queries
}

// csr is a compressed sparse row adjacency: the edges of node u are
// dst[off[u]:off[u+1]], with types rel[off[u]:off[u+1]].
type csr struct {
	off []int32
	dst []int32
	rel []uint8
}

// gateBit marks in rel an edge from a member of a redundancy group to its
// group: it counts towards the group's failure instead of carrying it.
const gateBit = 0x80

// maxRelationTypes is how many distinct relationship types an index holds.
const maxRelationTypes = 64

// Len returns the number of CIs in the index.
func (x *Index) Len() int { return len(x.ids) }

// Relations returns the number of relationships the index was built from.
func (x *Index) Relations() int { return x.relations }

// CI returns the CI with the given ID as the index holds it.
func (x *Index) CI(id process.ID) (Node, bool) {
	i, ok := x.pos[id]
	if !ok {
		return Node{}, false
	}
	return x.node(i), true
}

func (x *Index) node(i int32) Node {
	return Node{ID: x.ids[i], Type: x.types[x.ciType[i]], Service: x.service[i]}
}

// groupOf returns the number of the group whose CI is node v, or -1.
func (x *Index) groupOf(v int32) int {
	g, ok := slices.BinarySearch(x.groupNode, v)
	if !ok {
		return -1
	}
	return g
}

// Builder collects CIs, relationships and redundancy groups and builds an
// [Index] from them (ISO/IEC 20000-1:2011, 9.1). CIs and relationships may come
// in any order; a relationship may name a CI added later. Each Add method
// checks what it can on its own and refuses, adding nothing, a bad item;
// [Builder.Build] checks the rest. The zero Builder is ready to use; it is not
// safe for concurrent use.
type Builder struct {
	pos      map[process.ID]int32
	ids      []process.ID
	known    []bool // per node: added by AddCI
	ciType   []uint16
	service  []bool
	types    []string
	typeNum  map[string]uint16
	relTypes []process.RelationType
	src, dst []int32
	rel      []uint8
	groups   []RedundancyGroup
	rels     int
}

// intern returns the node number of id, creating it.
func (b *Builder) intern(id process.ID) int32 {
	if i, ok := b.pos[id]; ok {
		return i
	}
	if b.pos == nil {
		b.pos = make(map[process.ID]int32)
	}
	i := int32(len(b.ids))
	b.pos[id] = i
	b.ids = append(b.ids, id)
	b.known = append(b.known, false)
	b.ciType = append(b.ciType, 0)
	b.service = append(b.service, false)
	return i
}

// Grow makes room for about cis more CIs and relations more relationships.
func (b *Builder) Grow(cis, relations int) {
	if b.pos == nil {
		b.pos = make(map[process.ID]int32, cis)
	}
	b.ids = slices.Grow(b.ids, cis)
	b.known = slices.Grow(b.known, cis)
	b.ciType = slices.Grow(b.ciType, cis)
	b.service = slices.Grow(b.service, cis)
	b.src = slices.Grow(b.src, relations)
	b.dst = slices.Grow(b.dst, relations)
	b.rel = slices.Grow(b.rel, relations)
}

// AddCI adds a CI. It refuses a zero ID or empty type ([process.ErrRequired])
// and a CI added before ([process.ErrExists]).
func (b *Builder) AddCI(c Node) error {
	if c.ID.IsZero() {
		return fmt.Errorf("cmdb: ci: id: %w", process.ErrRequired)
	}
	if c.Type == "" {
		return fmt.Errorf("cmdb: ci %s: type: %w", c.ID.Short(), process.ErrRequired)
	}
	if i, ok := b.pos[c.ID]; ok && b.known[i] {
		return fmt.Errorf("cmdb: ci %s: %w", c.ID.Short(), process.ErrExists)
	}
	t, ok := b.typeNum[c.Type]
	if !ok {
		if len(b.types) >= 1<<16 {
			return fmt.Errorf("cmdb: ci %s: type %q: more than 65536 ci types: %w", c.ID.Short(), c.Type, process.ErrInvalidValue)
		}
		if b.typeNum == nil {
			b.typeNum = make(map[string]uint16)
		}
		t = uint16(len(b.types))
		b.types = append(b.types, c.Type)
		b.typeNum[c.Type] = t
	}
	i := b.intern(c.ID)
	b.known[i] = true
	b.ciType[i] = t
	b.service[i] = c.Service
	return nil
}

// AddRelation adds a relationship. It refuses a zero endpoint
// ([process.ErrRequired]), an invalid type or flow, a custom type without a
// flow, and a 65th distinct type ([process.ErrInvalidValue]).
func (b *Builder) AddRelation(r Relation) error {
	if r.From.IsZero() || r.To.IsZero() {
		return fmt.Errorf("cmdb: relation %s: endpoint: %w", r.Type, process.ErrRequired)
	}
	flow := r.Flow
	if flow == "" {
		flow = FlowOf(r.Type)
	}
	if !indexable(r.Type) || !flow.Valid() {
		return fmt.Errorf("cmdb: relation %s %s %s: type %q flow %q: %w",
			r.From.Short(), r.Type, r.To.Short(), string(r.Type), string(r.Flow), process.ErrInvalidValue)
	}
	t := slices.Index(b.relTypes, r.Type)
	if t < 0 {
		if len(b.relTypes) >= maxRelationTypes {
			return fmt.Errorf("cmdb: relation type %s: more than %d types: %w", r.Type, maxRelationTypes, process.ErrInvalidValue)
		}
		t = len(b.relTypes)
		b.relTypes = append(b.relTypes, r.Type)
	}
	from, to := b.intern(r.From), b.intern(r.To)
	if flow == FlowToTarget || flow == FlowBoth {
		b.edge(from, to, uint8(t))
	}
	if flow == FlowToSource || flow == FlowBoth {
		b.edge(to, from, uint8(t))
	}
	b.rels++
	return nil
}

func (b *Builder) edge(u, v int32, t uint8) {
	b.src = append(b.src, u)
	b.dst = append(b.dst, v)
	b.rel = append(b.rel, t)
}

// AddGroup adds a redundancy group. It refuses a group with a zero CI, no
// members, a zero or repeated member, the group among its own members, or
// not exactly one of MinUp (1 to the number of members) and MinUpPercent
// (1–100), reporting every fault in one *[process.ValidationError].
func (b *Builder) AddGroup(g RedundancyGroup) error {
	v := process.ValidationError{Package: "cmdb", Subject: "redundancy group " + g.CI.Short()}
	v.Require("ci", !g.CI.IsZero())
	v.Require("members", len(g.Members) > 0)
	seen := make(map[process.ID]bool, len(g.Members))
	for i, m := range g.Members {
		switch {
		case m.IsZero():
			v.Add(fmt.Sprintf("members[%d]", i), process.ErrRequired)
		case m == g.CI:
			v.Addf(fmt.Sprintf("members[%d]", i), process.ErrInvalidValue, "the group's own ci")
		case seen[m]:
			v.Add(fmt.Sprintf("members[%d]", i), process.ErrExists)
		}
		seen[m] = true
	}
	switch {
	case (g.MinUp > 0) == (g.MinUpPercent > 0):
		v.Addf("min_up", process.ErrInvalidValue, "exactly one of min_up and min_up_percent")
	case g.MinUp < 0 || g.MinUp > len(g.Members):
		v.Addf("min_up", process.ErrInvalidValue, "%d of %d members", g.MinUp, len(g.Members))
	case g.MinUpPercent < 0 || g.MinUpPercent > 100:
		v.Addf("min_up_percent", process.ErrInvalidValue, "%d%%", g.MinUpPercent)
	}
	if err := v.Err(); err != nil {
		return err
	}
	g.Members = slices.Clone(g.Members)
	b.groups = append(b.groups, g)
	return nil
}

// Build checks what needs every item and returns the index. It refuses,
// returning a *[process.ValidationError]: a relationship or group naming a CI
// never added ([process.ErrNotFound]), two groups with the same CI, and a CI
// member of two groups ([process.ErrExists]). The builder may be reused after
// Build only by starting again from its zero value.
func (b *Builder) Build() (*Index, error) {
	v := process.ValidationError{Package: "cmdb", Subject: "index"}
	for i, id := range b.ids {
		if !b.known[i] && len(v.Fields) < 100 {
			v.Addf("cis", process.ErrNotFound, "ci %s named by a relationship or group", id)
		}
	}
	n := int32(len(b.ids))
	x := &Index{
		ids: b.ids, pos: b.pos, ciType: b.ciType, service: b.service,
		types: b.types, relTypes: b.relTypes, relations: b.rels,
		memberOf: make([]int32, n),
	}
	// Groups: sort by group node; mark members.
	// Check groups in the order given, noting each member's group; then
	// number the groups by their node.
	inGroup := make(map[int32]int, len(b.groups))
	for gi, g := range b.groups {
		if gn, ok := b.pos[g.CI]; !ok || !b.known[gn] {
			v.Addf(fmt.Sprintf("groups[%d].ci", gi), process.ErrNotFound, "ci %s", g.CI)
		}
		for mi, m := range g.Members {
			mn, ok := b.pos[m]
			path := fmt.Sprintf("groups[%d].members[%d]", gi, mi)
			switch _, dup := inGroup[mn]; {
			case !ok || !b.known[mn]:
				v.Addf(path, process.ErrNotFound, "ci %s", m)
			case dup:
				v.Addf(path, process.ErrExists, "ci %s is a member of two groups", m)
			default:
				inGroup[mn] = gi
			}
		}
	}
	order := make([]int, len(b.groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, c int) int { return cmp.Compare(b.pos[b.groups[a].CI], b.pos[b.groups[c].CI]) })
	rank := make([]int32, len(b.groups))
	for k, gi := range order {
		g := b.groups[gi]
		if k > 0 && b.groups[order[k-1]].CI == g.CI {
			v.Addf(fmt.Sprintf("groups[%d].ci", gi), process.ErrExists, "two groups for ci %s", g.CI)
		}
		rank[gi] = int32(k)
		x.groupNode = append(x.groupNode, b.pos[g.CI])
		x.groupFails = append(x.groupFails, int32(g.failuresToFail(len(g.Members))))
		x.groupSize = append(x.groupSize, int32(len(g.Members)))
	}
	for mn, gi := range inGroup {
		x.memberOf[mn] = rank[gi] + 1
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	// Gate the edges from members to their group; give a member-of edge to
	// members with none; drop repeated gate edges so that each member counts
	// once.
	if len(x.groupNode) > 0 {
		gated := make([]bool, n)
		for e, u := range b.src {
			g := x.memberOf[u]
			if g == 0 || x.groupNode[g-1] != b.dst[e] {
				continue
			}
			if gated[u] {
				b.dst[e] = -1 // dropped below
				continue
			}
			gated[u] = true
			b.rel[e] |= gateBit
		}
		var mt uint8
		for u := range n {
			g := x.memberOf[u]
			if g == 0 || gated[u] {
				continue
			}
			if mt == 0 {
				t := slices.Index(b.relTypes, process.RelationMemberOf)
				if t < 0 {
					if len(b.relTypes) >= maxRelationTypes {
						return nil, fmt.Errorf("cmdb: relation type %s: more than %d types: %w", process.RelationMemberOf, maxRelationTypes, process.ErrInvalidValue)
					}
					t = len(b.relTypes)
					b.relTypes = append(b.relTypes, process.RelationMemberOf)
					x.relTypes = b.relTypes
				}
				mt = uint8(t) | gateBit
			}
			b.edge(u, x.groupNode[g-1], mt)
		}
	}
	x.fwd = buildCSR(n, b.src, b.dst, b.rel)
	x.rev = buildCSR(n, b.dst, b.src, b.rel)
	*b = Builder{}
	return x, nil
}

// buildCSR lays out the edges from[e]→to[e] by source, keeping the order in
// which edges were added (a counting sort). Edges with to[e] < 0 or
// from[e] < 0 are dropped.
func buildCSR(n int32, from, to []int32, rel []uint8) csr {
	off := make([]int32, n+1)
	m := 0
	for e, u := range from {
		if u < 0 || to[e] < 0 {
			continue
		}
		off[u+1]++
		m++
	}
	for i := range n {
		off[i+1] += off[i]
	}
	c := csr{off: off, dst: make([]int32, m), rel: make([]uint8, m)}
	next := slices.Clone(off[:n])
	for e, u := range from {
		if u < 0 || to[e] < 0 {
			continue
		}
		k := next[u]
		next[u]++
		c.dst[k] = to[e]
		c.rel[k] = rel[e]
	}
	return c
}

// known returns the CIs of ids that x holds, in order: the impact of a
// change or a failure is walked from those, the others are not in the CMDB.
func (x *Index) known(ids []process.ID) []process.ID {
	var out []process.ID
	for _, c := range ids {
		if _, ok := x.pos[c]; ok {
			out = append(out, c)
		}
	}
	return out
}

// Build builds an index from slices of CIs, relationships and redundancy
// groups (ISO/IEC 20000-1:2011, 9.1), reporting every fault in one
// *[process.ValidationError] with paths ("relations[12]",
// "groups[0].members[2]").
func Build(cis []Node, relations []Relation, groups []RedundancyGroup) (*Index, error) {
	var b Builder
	b.Grow(len(cis), len(relations))
	v := process.ValidationError{Package: "cmdb", Subject: "index"}
	for i, c := range cis {
		if err := b.AddCI(c); err != nil {
			v.Merge(fmt.Sprintf("cis[%d]", i), err)
		}
	}
	for i, r := range relations {
		if err := b.AddRelation(r); err != nil {
			v.Merge(fmt.Sprintf("relations[%d]", i), err)
		}
	}
	for i, g := range groups {
		if err := b.AddGroup(g); err != nil {
			v.Merge(fmt.Sprintf("groups[%d]", i), err)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return b.Build()
}

// FromStore builds the impact index of the CMDB a [process.Store] holds
// (ISO/IEC 20000-1:2011, 9.1): every service record as a service at the top,
// every configuration item (typed by its CI type's code, "ci" when the type is
// not in the store), each item's relationships, each item's services (the item
// is part of each: its failure affects the service), and every ci-relationship
// record. Redundancy groups, which the records do not hold, are given by the
// host. A relationship to a CI not in the store, or a record of those kinds
// that is not the library's type, is refused as by [Builder.Build].
func FromStore(s process.Store, groups []RedundancyGroup) (*Index, error) {
	s = process.ReadOnly(s) // reads only: no copies
	var b Builder
	v := process.ValidationError{Package: "cmdb", Subject: "index"}
	codes := make(map[process.ID]string)
	err := eachRecord(s, process.KindCIType, func(t *process.CIType) error {
		codes[t.ID] = t.Code
		return nil
	})
	if err == nil {
		err = eachRecord(s, process.KindService, func(r *process.Service) error {
			if err := b.AddCI(Node{ID: r.ID, Type: string(process.KindService), Service: true}); err != nil {
				v.Merge("services", err)
			}
			return nil
		})
	}
	if err == nil {
		err = eachRecord(s, process.KindConfigurationItem, func(c *process.ConfigurationItem) error {
			t := codes[c.Type]
			if t == "" {
				t = "ci"
			}
			if err := b.AddCI(Node{ID: c.ID, Type: t}); err != nil {
				v.Merge("cis", err)
			}
			for i, r := range c.Relationships {
				if err := b.AddRelation(Relation{From: c.ID, To: r.To, Type: r.Type}); err != nil {
					v.Merge(fmt.Sprintf("%s.relationships[%d]", process.Subject(process.KindConfigurationItem, c.ID), i), err)
				}
			}
			for i, svc := range c.Services {
				if err := b.AddRelation(Relation{From: c.ID, To: svc, Type: process.RelationPartOf}); err != nil {
					v.Merge(fmt.Sprintf("%s.services[%d]", process.Subject(process.KindConfigurationItem, c.ID), i), err)
				}
			}
			return nil
		})
	}
	if err == nil {
		err = eachRecord(s, process.KindCIRelationship, func(r *process.CIRelationship) error {
			if err := b.AddRelation(Relation{From: r.From, To: r.To, Type: r.Type}); err != nil {
				v.Merge(process.Subject(process.KindCIRelationship, r.ID), err)
			}
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	for i, g := range groups {
		if err := b.AddGroup(g); err != nil {
			v.Merge(fmt.Sprintf("groups[%d]", i), err)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return b.Build()
}

// eachRecord calls f with every record of kind k in s, as its library type
// R; a record of another type is an error wrapping [process.ErrInvalidValue].
func eachRecord[R process.Record](s process.Store, k process.RecordKind, f func(R) error) error {
	for rec, err := range s.Records(k) {
		if err != nil {
			return fmt.Errorf("cmdb: read %s records: %w", k, err)
		}
		r, ok := rec.(R)
		if !ok {
			return fmt.Errorf("cmdb: %s: stored as %T: %w", rec.Meta().Subject(), rec, process.ErrInvalidValue)
		}
		if err := f(r); err != nil {
			return err
		}
	}
	return nil
}
