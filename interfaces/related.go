package interfaces

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/smskit/iso20000/process"
)

// RelatedRecord is a record linked with the one asked about: the link's type
// and whether the record asked about holds it (Out) or the other one does.
type RelatedRecord struct {
	Record RecordRef        `json:"record"`
	Link   process.LinkType `json:"link"`
	Out    bool             `json:"out"`
}

// RelatedGroup is the records linked with the one asked about that belong to
// one other process or SMS element, under the interface that justifies the
// link (ISO/IEC 20000-2:2012, Annex A). Edge is the zero Edge when the graph
// has no interface between the two owners: a link the graph does not
// explain.
type RelatedGroup struct {
	Edge    Edge            `json:"edge"`
	Records []RelatedRecord `json:"records"`
}

// Missing is a record the interfaces say the record asked about calls for,
// and that does not exist (or is not linked, or not in time): the rule that
// says so, the kind, the interface and the clause, why, and the other
// records involved.
type Missing struct {
	Rule    string             `json:"rule"`
	Kind    process.RecordKind `json:"kind,omitempty"`
	Edge    Edge               `json:"edge"`
	Clause  string             `json:"clause"`
	Reason  string             `json:"reason"`
	Records []RecordRef        `json:"records,omitempty"`
}

// RelatedRecords is the result of [Related].
type RelatedRecords struct {
	Record  RecordRef      `json:"record"`
	Owner   NodeID         `json:"owner"`
	Groups  []RelatedGroup `json:"groups"`
	Missing []Missing      `json:"missing"`
}

// Related returns what [Auditor.Related] returns for the library's [Rules]
// and the default [Policy], as of now. A nil graph is an empty one.
func Related(g *Graph, store process.Store, id process.ID) (RelatedRecords, error) {
	if g == nil {
		g = &Graph{}
	}
	return (&Auditor{Graph: g}).Related(store, id)
}

// Related returns, for the record id of store, the records in other
// processes it links to or that link to it, grouped by the interface of the
// graph that justifies each link (groups in graph order, links the graph
// does not explain last, by the other owner), and the records the
// interfaces say it calls for that are missing: every violation the rules
// of its kind find on it, as of the Auditor's clock, each with its rule,
// interface and clause. The checks are the audit's, so Related reports a
// record missing exactly when [Auditor.Audit] would find that rule broken
// on the record. Links to the service record are left out. The result is
// the same whatever order the store yields records and links in. A record
// not in the store is an error wrapping [process.ErrNotFound].
func (a *Auditor) Related(store process.Store, id process.ID) (RelatedRecords, error) {
	if store == nil {
		return RelatedRecords{}, fmt.Errorf("interfaces: related: store: %w", process.ErrRequired)
	}
	rules := a.rules()
	if err := checkRules(rules); err != nil {
		return RelatedRecords{}, fmt.Errorf("interfaces: related: %w", err)
	}
	store = process.ReadOnly(store) // reads only: no copies
	r, err := store.Get(id)
	if err != nil {
		return RelatedRecords{}, fmt.Errorf("interfaces: related: %w", err)
	}
	if nilRecord(r) {
		return RelatedRecords{}, fmt.Errorf("interfaces: related: record %s: the store gave a nil record: %w", id, process.ErrNotFound)
	}
	g := a.graph()
	c := newContext(store, a.now(), a.Policy)
	h := r.Meta()
	owner := Owner(h.Kind)
	res := RelatedRecords{Record: refOf(h), Owner: owner, Groups: []RelatedGroup{}, Missing: []Missing{}}
	groups := make(map[int]*RelatedGroup)         // by edge index
	unexplained := make(map[NodeID]*RelatedGroup) // by the other owner
	add := func(other process.ID, kind process.RecordKind, t process.LinkType, out bool) {
		o := Owner(kind)
		if kind == process.KindService || o == "" || o == owner {
			return
		}
		var grp *RelatedGroup
		if key := g.justify(owner, h.Kind, o, kind, out); key >= 0 {
			if grp = groups[key]; grp == nil {
				grp = &RelatedGroup{Edge: g.edges[key].clone()}
				groups[key] = grp
			}
		} else if grp = unexplained[o]; grp == nil {
			grp = &RelatedGroup{Edge: Edge{From: owner, To: o}}
			if !out {
				grp.Edge = Edge{From: o, To: owner}
			}
			unexplained[o] = grp
		}
		ref := RecordRef{Kind: kind, ID: other}
		if rec := c.Get(other); rec != nil {
			ref.Title = rec.Meta().Title
		}
		grp.Records = append(grp.Records, RelatedRecord{Record: ref, Link: t, Out: out})
	}
	for _, l := range h.Links {
		add(l.To, l.Kind, l.Type, true)
	}
	for _, b := range c.LinksTo(id) {
		add(b.From, b.Kind, b.Type, false)
	}
	if c.err != nil {
		return RelatedRecords{}, fmt.Errorf("interfaces: related: %w", c.err)
	}
	keys := slices.Sorted(maps.Keys(groups))
	for _, k := range keys {
		res.Groups = append(res.Groups, *groups[k])
	}
	for _, o := range slices.Sorted(maps.Keys(unexplained)) {
		res.Groups = append(res.Groups, *unexplained[o])
	}
	for i := range res.Groups {
		slices.SortFunc(res.Groups[i].Records, compareRelated)
	}
	for _, ap := range apply(g, rules) {
		if ap.rule.Kind != h.Kind {
			continue
		}
		for _, v := range ap.rule.Check(c, r) {
			res.Missing = append(res.Missing, Missing{
				Rule: ap.rule.Name, Kind: ap.missing(v), Edge: ap.edge.clone(), Clause: ap.rule.Clause,
				Reason: v.Message, Records: slices.Clone(v.Records),
			})
		}
		if c.err != nil {
			return RelatedRecords{}, fmt.Errorf("interfaces: related: %w", c.err)
		}
	}
	return res, nil
}

// compareRelated orders related records: the links the record holds first,
// then by kind, ID and link type.
func compareRelated(x, y RelatedRecord) int {
	if x.Out != y.Out {
		if x.Out {
			return -1
		}
		return 1
	}
	if x.Record.Kind != y.Record.Kind {
		return strings.Compare(string(x.Record.Kind), string(y.Record.Kind))
	}
	if c := x.Record.ID.Compare(y.Record.ID); c != 0 {
		return c
	}
	return strings.Compare(string(x.Link), string(y.Link))
}

// justify returns the index of the edge that best explains a link between a
// record of kind k owned by a and a record of kind ok owned by o (out: the
// first record holds the link): an edge carrying one of the two kinds, in
// either direction, preferring the direction of the link; else any edge
// between the owners; else -1.
func (g *Graph) justify(a NodeID, k process.RecordKind, o NodeID, ok process.RecordKind, out bool) int {
	best, bestScore := -1, -1
	for _, i := range g.touching(a) {
		e := g.edges[i]
		if !(e.From == a && e.To == o) && !(e.From == o && e.To == a) {
			continue
		}
		score := 0
		if e.Carry(k) || e.Carry(ok) {
			score += 2
		}
		if (e.From == a) == out {
			score++
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}
