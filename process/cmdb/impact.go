package cmdb

import (
	"fmt"
	"iter"
	"slices"

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
// An Impact holds scratch space of its index; call [Impact.Release] when done
// to hand it back for the next query. An Impact is not safe for concurrent
// use, and must not be used after Release.
type Impact struct {
	x      *Index
	dir    Direction
	epoch  uint32
	visits []visit  // per node: reached in this epoch, and from where
	order  []int32  // reached nodes in breadth-first order
	levels []int32  // levels[d] = end in order of depth d
	gcount []int32  // failed members per group
	gstamp []uint32 // gstamp[g] == epoch: gcount[g] is current
	mask   uint64
	owned  bool // made by NewImpact: not pooled
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
// concurrent use.
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
// (about 8 bytes per CI of the index) without the pool that [Index.Impact]
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
		if r.visits[v].epoch != r.epoch {
			r.visits[v] = visit{epoch: r.epoch, parent: -1}
			r.order = append(r.order, v)
		}
	}
	r.dir = q.Direction
	r.mask = mask
	if q.Direction == Downstream {
		r.walk(&x.fwd, q, !q.IgnoreRedundancy && len(x.groupNode) > 0)
	} else {
		r.walk(&x.rev, q, false)
	}
	return nil
}

// scratch returns a pooled Impact, reset for a walk.
func (x *Index) scratch() *Impact {
	r, _ := x.pool.Get().(*Impact)
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
		visits: make([]visit, n),
		order:  make([]int32, 0, 64),
		gcount: make([]int32, len(x.groupNode)),
		gstamp: make([]uint32, len(x.groupNode)),
	}
}

// reset starts a fresh epoch: every stamp of the last walk is forgotten.
func (r *Impact) reset() {
	r.epoch++
	if r.epoch == 0 { // wrapped: forget every stamp
		clear(r.visits)
		clear(r.gstamp)
		r.epoch = 1
	}
	r.order = r.order[:0]
	r.levels = r.levels[:0]
	r.dir = ""
}

// Release hands r's scratch space back to its index. r must not be used
// after.
func (r *Impact) Release() {
	if r == nil || r.x == nil || r.owned {
		return
	}
	r.x.pool.Put(r)
}

// visit is what a walk keeps per node, side by side so that reaching a node
// touches one cache line, not two: the epoch in which the node was reached
// (reached now if it is the walk's epoch) and the node it was reached from
// (-1 for a given CI).
type visit struct {
	epoch  uint32
	parent int32
}

// walk is the breadth-first search from the CIs in r.order. With gates,
// an edge whose type carries gateBit counts a member's failure towards its
// group and reaches the group only on the failure that makes it fail.
// Without gates and without a relationship filter it does not read the
// relationship types at all.
func (r *Impact) walk(g *csr, q ImpactQuery, gates bool) {
	ep, visits := r.epoch, r.visits
	off, dst, rel, mask := g.off, g.dst, g.rel, r.mask
	plain := !gates && mask == ^uint64(0)
	order := r.order // the given CIs, placed by Impact
	levelEnd := len(order)
	depth := 0
	for head := 0; head < len(order); head++ {
		if head == levelEnd {
			r.levels = append(r.levels, int32(levelEnd))
			levelEnd = len(order)
			depth++
		}
		if q.MaxDepth > 0 && depth >= q.MaxDepth {
			break
		}
		u := order[head]
		lo, hi := off[u], off[u+1]
		if plain {
			for _, v := range dst[lo:hi] {
				if visits[v].epoch != ep {
					visits[v] = visit{epoch: ep, parent: u}
					order = append(order, v)
				}
			}
			continue
		}
		for e := lo; e < hi; e++ {
			v := dst[e]
			if visits[v].epoch == ep {
				continue
			}
			t := rel[e]
			if mask&(1<<(t&(maxRelationTypes-1))) == 0 {
				continue
			}
			if gates && t&gateBit != 0 && !r.gate(v) {
				continue
			}
			visits[v] = visit{epoch: ep, parent: u}
			order = append(order, v)
		}
	}
	r.levels = append(r.levels, int32(len(order)))
	r.order = order
}

// gate counts one more failed member of the group whose CI is v and reports
// whether the group has now failed.
func (r *Impact) gate(v int32) bool {
	g := r.x.groupOf(v)
	if g < 0 {
		return true
	}
	if r.gstamp[g] != r.epoch {
		r.gstamp[g] = r.epoch
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
	return ok && r.visits[v].epoch == r.epoch
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
		if gn := x.groupNode[g-1]; r.visits[gn].epoch != r.epoch {
			a.Absorbed = x.ids[gn]
		}
	}
	return a
}

// Path returns the path that explains why id is reached: from a given CI,
// step by step, to id. It is nil if id is not reached.
func (r *Impact) Path(id process.ID) []ImpactStep {
	x := r.x
	v, ok := x.pos[id]
	if !ok || r.visits[v].epoch != r.epoch {
		return nil
	}
	var nodes []int32
	for ; v >= 0; v = r.visits[v].parent {
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
