package cmdb

import (
	"fmt"
	"iter"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/smskit/iso20000/process"
)

// Direction says which way impact analysis walks the CMDB (ISO/IEC
// 20000-1:2011, 9.1). The zero Direction is unset, which [Index.Impact]
// refuses.
type Direction string

// The directions of impact analysis.
const (
	// Downstream finds what the given CIs affect: the CIs and services that
	// fail or change with them.
	Downstream Direction = "downstream"
	// Upstream finds what the given CIs depend on: the CIs whose failure
	// would affect them.
	Upstream Direction = "upstream"
)

// Valid reports whether d is Downstream or Upstream.
func (d Direction) Valid() bool { return d == Downstream || d == Upstream }

// String returns the direction's code.
func (d Direction) String() string { return string(d) }

// MarshalText encodes the direction as its code, and the zero Direction as
// empty text; it refuses an unknown direction with an error wrapping
// [process.ErrInvalidValue].
func (d Direction) MarshalText() ([]byte, error) { return process.MarshalEnum(d) }

// UnmarshalText decodes a direction's code, and empty text as the zero
// Direction; it refuses any other text with an error wrapping
// [process.ErrInvalidValue], leaving d unchanged.
func (d *Direction) UnmarshalText(b []byte) error { return process.UnmarshalEnum(d, b) }

// ImpactQuery asks for the impact of one or more failed or changed CIs
// (ISO/IEC 20000-1:2011, 9.1, 9.2: configuration information for assessing
// a change; 8.1: the services an incident affects).
type ImpactQuery struct {
	// CIs are the failed or changed CIs, at least one.
	CIs []process.ID
	// Direction is Downstream (what they affect) or Upstream (what they
	// depend on).
	Direction Direction
	// Relations, when not empty, restricts the walk to relationships of
	// these types.
	Relations []process.RelationType
	// IgnoreRedundancy lets a member's failure reach its redundancy group at
	// once, as when assessing a change to every member. Upstream walks
	// ignore redundancy always.
	IgnoreRedundancy bool
	// MaxDepth, when positive, stops the walk that many relationships away
	// from the given CIs; zero walks to any depth.
	MaxDepth int
}

// Impact is the result of an impact analysis: the CIs reached, in
// breadth-first order (the given CIs first, then those one relationship away,
// and so on), each with a path that explains how it is reached (ISO/IEC
// 20000-1:2011, 9.1).
//
// An Impact holds scratch space of its index (4 bytes per CI of the index);
// call [Impact.Release] when done to hand it back for the next query. An
// Impact is not safe for concurrent use, and must not be used after Release.
type Impact struct {
	x *Index
	// stamp holds, per node, base + the node's position in order if the
	// walk reached it, or a number below base. Every walk starts its base
	// past the stamps of the walk before, so nothing is cleared between
	// walks, and a check reads 4 bytes a node, as a bare visited stamp
	// does. The parents that explain a path are not kept: [Impact.Path]
	// finds them from the positions.
	stamp  []uint32
	base   uint32
	order  []int32  // reached nodes in breadth-first order
	levels []int32  // levels[d] = end in order of depth d
	gcount []int32  // failed members per group
	gstamp []uint32 // gstamp[g] == base: gcount[g] is current
	dir    Direction
	mask   uint64
	gates  bool // the walk counted members' failures towards their groups
	owned  bool // made by NewImpact: never in the free list
	listed bool // in the index's free list; guarded by its mutex
}

// AffectedCI is one CI reached by an impact analysis: its identity, type,
// whether it is a service, and how many relationships away from the given CIs
// it is. Absorbed, when not zero, is the redundancy group CI that absorbed
// this CI's failure: the group has not failed, so impact stops at it
// (ISO/IEC 20000-1:2011, 9.1).
type AffectedCI struct {
	CI       process.ID
	Type     string
	Service  bool
	Depth    int
	Absorbed process.ID
}

// ImpactStep is one step of the path that explains why a CI is affected: the
// CI reached, and the relationship type by which impact reached it from the
// step before ("" on the first step, a given CI). Group is true when the step
// reaches a redundancy group that failed because enough members failed
// (ISO/IEC 20000-1:2011, 9.1).
type ImpactStep struct {
	CI       process.ID
	Relation process.RelationType
	Group    bool
}

// Impact runs an impact analysis. It walks every relationship whose impact
// flows the chosen way, to any depth, visiting each CI once (cycles are safe).
// Downstream, a member's failure reaches its redundancy group only when the
// group has failed (fewer members up than it needs), unless the query ignores
// redundancy.
//
// It returns an error wrapping [process.ErrRequired] for a query without CIs,
// [process.ErrInvalidValue] for an invalid direction or relationship type, and
// [process.ErrNotFound] for a CI not in the index. Impact is safe for
// concurrent use: each query takes scratch space of its own from the
// index's free list, or makes it when all of the list's are in use.
func (x *Index) Impact(q ImpactQuery) (*Impact, error) {
	r := x.scratch()
	if err := r.run(q); err != nil {
		r.Release()
		return nil, err
	}
	return r, nil
}

// NewImpact returns an empty Impact that the caller owns, for running one
// query after another with [Impact.Analyse] on the same scratch space
// (4 bytes per CI of the index) without the free list that [Index.Impact]
// takes it from. It is not safe for concurrent use; Release does nothing
// on it.
func (x *Index) NewImpact() *Impact {
	r := x.newScratch()
	r.owned = true
	r.reset()
	return r
}

// Analyse runs q as [Index.Impact] does, on r's scratch space, replacing
// r's result. On error r holds no result (Len is 0).
func (r *Impact) Analyse(q ImpactQuery) error {
	r.reset()
	if err := r.run(q); err != nil {
		r.reset()
		return err
	}
	return nil
}

// run checks q, places its CIs and walks.
func (r *Impact) run(q ImpactQuery) error {
	x := r.x
	if len(q.CIs) == 0 {
		return fmt.Errorf("cmdb: impact: cis: %w", process.ErrRequired)
	}
	if !q.Direction.Valid() {
		return fmt.Errorf("cmdb: impact: direction %q: %w", string(q.Direction), process.ErrInvalidValue)
	}
	mask := ^uint64(0)
	if len(q.Relations) > 0 {
		mask = 0
		for _, t := range q.Relations {
			if !indexable(t) {
				return fmt.Errorf("cmdb: impact: relation type %q: %w", string(t), process.ErrInvalidValue)
			}
			if i := slices.Index(x.relTypes, t); i >= 0 {
				mask |= 1 << uint(i)
			}
		}
	}
	for _, id := range q.CIs {
		v, ok := x.pos[id]
		if !ok {
			return fmt.Errorf("cmdb: impact: ci %s: %w", id, process.ErrNotFound)
		}
		if r.stamp[v] < r.base {
			r.stamp[v] = r.base + uint32(len(r.order))
			r.order = append(r.order, v)
		}
	}
	r.dir = q.Direction
	r.mask = mask
	if q.Direction == Downstream {
		r.gates = !q.IgnoreRedundancy && len(x.groupNode) > 0
		r.walk(&x.fwd, q)
	} else {
		r.walk(&x.rev, q)
	}
	return nil
}

// freeList is the scratch space an index keeps for its queries: a stack of
// Impacts released by earlier queries, at most max of them (twice
// GOMAXPROCS when the first is released), each taken by one query at a
// time. Unlike a sync.Pool it keeps them for the index's lifetime, so that
// a query after a garbage collection costs what any other does instead of
// allocating and clearing scratch space as big as the index's nodes.
type freeList struct {
	mu    sync.Mutex
	stack []*Impact
	max   int
}

// get takes an Impact off the list, or returns nil if it is empty.
func (l *freeList) get() *Impact {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(l.stack)
	if n == 0 {
		return nil
	}
	r := l.stack[n-1]
	l.stack[n-1] = nil
	l.stack = l.stack[:n-1]
	r.listed = false
	return r
}

// put keeps r on the list, unless it is there already or the list is full,
// in which case r is left to the garbage collector.
func (l *freeList) put(r *Impact) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.max == 0 {
		l.max = 2 * runtime.GOMAXPROCS(0)
		l.stack = make([]*Impact, 0, l.max)
	}
	if r.listed || len(l.stack) >= l.max {
		return
	}
	r.listed = true
	l.stack = append(l.stack, r)
}

// scratch returns an Impact from the free list, or a new one, reset for a
// walk.
func (x *Index) scratch() *Impact {
	r := x.free.get()
	if r == nil {
		r = x.newScratch()
	}
	r.reset()
	return r
}

func (x *Index) newScratch() *Impact {
	n := len(x.ids)
	return &Impact{
		x:      x,
		stamp:  make([]uint32, n),
		base:   1, // a stamp of 0: never reached
		order:  make([]int32, 0, 64),
		gcount: make([]int32, len(x.groupNode)),
		gstamp: make([]uint32, len(x.groupNode)),
	}
}

// reset forgets the last walk: the next one stamps past its stamps, and
// when the stamps would pass the largest uint32 every stamp is cleared.
func (r *Impact) reset() {
	r.base += uint32(len(r.order))
	if uint64(r.base)+uint64(len(r.stamp)) > math.MaxUint32 {
		clear(r.stamp)
		clear(r.gstamp)
		r.base = 1
	}
	r.order = r.order[:0]
	r.levels = r.levels[:0]
	r.dir = ""
	r.gates = false
}

// Release hands r's scratch space back to its index for the next query. r
// must not be used after.
func (r *Impact) Release() {
	if r == nil || r.x == nil || r.owned {
		return
	}
	r.x.free.put(r)
}

// reached reports whether node v is reached by the last walk.
func (r *Impact) reached(v int32) bool { return r.stamp[v] >= r.base }

// position returns where in r.order node v, reached, is.
func (r *Impact) position(v int32) uint32 { return r.stamp[v] - r.base }

// walk is the breadth-first search from the CIs in r.order, one depth at a
// time, to q.MaxDepth if it is positive. With r.gates, an edge whose type
// carries gateBit counts a member's failure towards its group and reaches
// the group only on the failure that makes it fail. Without gates and
// without a relationship filter it does not read the relationship types at
// all.
func (r *Impact) walk(g *csr, q ImpactQuery) {
	plain := !r.gates && r.mask == ^uint64(0)
	order := r.order // the given CIs, placed by Impact
	for start, depth := 0, 0; ; depth++ {
		end := len(order)
		if q.MaxDepth > 0 && depth >= q.MaxDepth {
			r.levels = append(r.levels, int32(end))
			break
		}
		if plain {
			order = expand(g.off, g.dst, r.stamp, r.base, order, start, end)
		} else {
			order = r.expandTyped(g, order, start, end)
		}
		r.levels = append(r.levels, int32(end))
		if len(order) == end {
			break
		}
		start = end
	}
	r.order = order
}

// expand appends to order the nodes not yet stamped past base that the
// nodes of order[start:end] have edges to, stamping each with its position.
// It is the whole of a plain walk's work, kept apart so that its loop holds
// no more than a bare breadth-first search's does; it makes room for a
// node's edges before it reads them, so that the loop over them calls
// nothing and keeps its values in registers.
func expand(off, dst []int32, stamp []uint32, base uint32, order []int32, start, end int) []int32 {
	for _, u := range order[start:end] {
		row := dst[off[u]:off[u+1]]
		order = slices.Grow(order, len(row))
		n, buf := len(order), order[:cap(order)]
		for _, v := range row {
			if stamp[v] < base {
				stamp[v] = base + uint32(n)
				buf[n] = v
				n++
			}
		}
		order = buf[:n]
	}
	return order
}

// expandTyped is expand following only the edges of r.mask's types, and
// with r.gates through redundancy groups.
func (r *Impact) expandTyped(g *csr, order []int32, start, end int) []int32 {
	base, stamp, gates, mask := r.base, r.stamp, r.gates, r.mask
	off, dst, rel := g.off, g.dst, g.rel
	for _, u := range order[start:end] {
		for e := off[u]; e < off[u+1]; e++ {
			v := dst[e]
			if stamp[v] >= base {
				continue
			}
			t := rel[e]
			if mask&(1<<(t&(maxRelationTypes-1))) == 0 {
				continue
			}
			if gates && t&gateBit != 0 && !r.gate(u) {
				continue
			}
			stamp[v] = base + uint32(len(order))
			order = append(order, v)
		}
	}
	return order
}

// gate counts the failure of member u towards its group, to which a gated
// edge leads from u, and reports whether the group has now failed.
func (r *Impact) gate(u int32) bool {
	g := r.x.memberOf[u] - 1
	if r.gstamp[g] != r.base {
		r.gstamp[g] = r.base
		r.gcount[g] = 0
	}
	r.gcount[g]++
	return r.gcount[g] >= r.x.groupFails[g]
}

// Len returns the number of CIs reached, the given CIs included.
func (r *Impact) Len() int { return len(r.order) }

// Has reports whether the CI id is reached.
func (r *Impact) Has(id process.ID) bool {
	v, ok := r.x.pos[id]
	return ok && r.reached(v)
}

// All yields every CI reached, in breadth-first order.
func (r *Impact) All() iter.Seq[AffectedCI] {
	return func(yield func(AffectedCI) bool) {
		depth := 0
		for i, v := range r.order {
			for depth < len(r.levels) && int32(i) >= r.levels[depth] {
				depth++
			}
			if !yield(r.affected(v, depth)) {
				return
			}
		}
	}
}

// Services yields the services reached, in breadth-first order.
func (r *Impact) Services() iter.Seq[AffectedCI] {
	return func(yield func(AffectedCI) bool) {
		for a := range r.All() {
			if a.Service && !yield(a) {
				return
			}
		}
	}
}

func (r *Impact) affected(v int32, depth int) AffectedCI {
	x := r.x
	a := AffectedCI{CI: x.ids[v], Type: x.types[x.ciType[v]], Service: x.service[v], Depth: depth}
	if g := x.memberOf[v]; g != 0 && r.dir == Downstream {
		if gn := x.groupNode[g-1]; !r.reached(gn) {
			a.Absorbed = x.ids[gn]
		}
	}
	return a
}

// Path returns the path that explains why id is reached: from a given CI,
// step by step, to id. It is nil if id is not reached. The walk keeps no
// parents, so each step costs a read of the relationships into its CI.
func (r *Impact) Path(id process.ID) []ImpactStep {
	x := r.x
	v, ok := x.pos[id]
	if !ok || !r.reached(v) {
		return nil
	}
	var nodes []int32
	for ; v >= 0; v = r.parent(v) {
		nodes = append(nodes, v)
	}
	slices.Reverse(nodes)
	g := &x.fwd
	if r.dir == Upstream {
		g = &x.rev
	}
	steps := make([]ImpactStep, len(nodes))
	for i, n := range nodes {
		steps[i].CI = x.ids[n]
		if i == 0 {
			continue
		}
		u := nodes[i-1]
		for e := g.off[u]; e < g.off[u+1]; e++ {
			t := g.rel[e]
			if g.dst[e] == n && r.mask&(1<<(t&(maxRelationTypes-1))) != 0 {
				steps[i].Relation = x.relTypes[t&(maxRelationTypes-1)]
				steps[i].Group = t&gateBit != 0 && r.dir == Downstream
				break
			}
		}
	}
	return steps
}

// parent returns the node from which the walk reached node v, or -1 for a
// given CI. The walk keeps no parents: the parent is the first node taken
// off the queue with an edge to v that the walk follows, so it is found
// among the reached nodes with such an edge, by their positions in the
// walk's order. The edge of a group's member counts only towards the
// group's failure: the member whose failure made the group fail is the
// group's parent, unless a node before it reached the group otherwise.
func (r *Impact) parent(v int32) int32 {
	x := r.x
	p := r.position(v)
	if p < uint32(r.levels[0]) {
		return -1
	}
	in := &x.rev // the edges into v of the graph walked
	if r.dir == Upstream {
		in = &x.fwd
	}
	best := ^uint32(0)
	var members []uint32 // positions of the members that counted towards v
	for e := in.off[v]; e < in.off[v+1]; e++ {
		u, t := in.dst[e], in.rel[e]
		if !r.reached(u) || r.mask&(1<<(t&(maxRelationTypes-1))) == 0 {
			continue
		}
		pu := r.position(u)
		switch {
		case pu >= p:
		case r.gates && t&gateBit != 0:
			members = append(members, pu)
		default:
			best = min(best, pu)
		}
	}
	if g := x.groupOf(v); g >= 0 && len(members) >= int(x.groupFails[g]) {
		slices.Sort(members)
		best = min(best, members[x.groupFails[g]-1])
	}
	return r.order[best]
}

// OpenWork is the work open on a CI: the incidents, problems and requests
// for change that affect it and are not in a final state of their lifecycle
// (ISO/IEC 20000-1:2011, 9.1: a CI records its associated changes,
// problems and known errors; 8.1: incidents).
type OpenWork struct {
	Incidents []process.ID
	Problems  []process.ID
	Changes   []process.ID
}

// Empty reports whether nothing is open on the CI.
func (w OpenWork) Empty() bool { return len(w.Incidents)+len(w.Problems)+len(w.Changes) == 0 }

// OpenOn returns the work open on the CI ci in s: records linked to it with
// [process.LinkAffects], and the problems and changes a configuration item
// lists, in the store's order, each once.
func OpenOn(s process.Store, ci process.ID) (OpenWork, error) {
	var w OpenWork
	consider := func(id process.ID) error {
		if slices.Contains(w.Incidents, id) || slices.Contains(w.Problems, id) || slices.Contains(w.Changes, id) {
			return nil
		}
		rec, err := s.Get(id)
		if err != nil {
			return err
		}
		switch r := rec.(type) {
		case *process.Incident:
			if !r.Lifecycle().Final(r.State()) {
				w.Incidents = append(w.Incidents, id)
			}
		case *process.Problem:
			if !r.Lifecycle().Final(r.State()) {
				w.Problems = append(w.Problems, id)
			}
		case *process.RequestForChange:
			if !r.Lifecycle().Final(r.State()) {
				w.Changes = append(w.Changes, id)
			}
		}
		return nil
	}
	for b, err := range s.LinksTo(ci) {
		if err != nil {
			return OpenWork{}, err
		}
		if b.Type == process.LinkAffects || b.Type == process.LinkChangedBy {
			if err := consider(b.From); err != nil {
				return OpenWork{}, err
			}
		}
	}
	if rec, err := s.Get(ci); err == nil {
		if c, ok := rec.(*process.ConfigurationItem); ok {
			for _, id := range slices.Concat(c.Problems, c.Changes) {
				if err := consider(id); err != nil {
					return OpenWork{}, err
				}
			}
		}
	}
	return w, nil
}

// AffectedWork is a CI reached by an impact analysis with the work open on
// it (ISO/IEC 20000-1:2011, 8.1, 9.1).
type AffectedWork struct {
	AffectedCI
	OpenWork
}

// Open yields, for each CI reached in breadth-first order, the CI with the
// work open on it in s ([OpenOn]). An error from the store is yielded and
// ends the iteration.
func (r *Impact) Open(s process.Store) iter.Seq2[AffectedWork, error] {
	return func(yield func(AffectedWork, error) bool) {
		for a := range r.All() {
			w, err := OpenOn(s, a.CI)
			if err != nil {
				yield(AffectedWork{AffectedCI: a}, err)
				return
			}
			if !yield(AffectedWork{AffectedCI: a, OpenWork: w}, nil) {
				return
			}
		}
	}
}
