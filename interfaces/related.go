package interfaces

import (
	"fmt"
	"slices"

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
// and that does not exist (or is not linked): its kind, the interface and
// the clause, and why.
type Missing struct {
	Kind   process.RecordKind `json:"kind"`
	Edge   Edge               `json:"edge"`
	Clause string             `json:"clause"`
	Reason string             `json:"reason"`
}

// RelatedRecords is the result of [Related].
type RelatedRecords struct {
	Record  RecordRef      `json:"record"`
	Owner   NodeID         `json:"owner"`
	Groups  []RelatedGroup `json:"groups"`
	Missing []Missing      `json:"missing"`
}

// callFor is one record an interface says a record calls for: records of
// kind are checked with when, and when it holds, a record of kind missing is
// expected across the edge from → to.
type callFor struct {
	kind     process.RecordKind
	missing  process.RecordKind
	from, to NodeID
	clause   string
	reason   string
	when     func(s process.Store, r process.Record, h *process.Header) bool
}

// workaroundFlag is an incident that says whether a workaround resolved it.
type workaroundFlag interface{ ResolvedByWorkaround() bool }

// callsFor lists what records call for in other processes.
var callsFor = []callFor{
	{process.KindIncident, process.KindKnownError, isr, prb, "8.2",
		"resolved by a workaround with no known error recording it",
		func(_ process.Store, r process.Record, h *process.Header) bool {
			if _, ok := reached(h, resolvedStates); !ok {
				return false
			}
			if w, ok := r.(workaroundFlag); ok && !w.ResolvedByWorkaround() {
				return false
			}
			return !linkedKind(h, process.KindKnownError) && !linkedKind(h, process.KindRequestForChange) && !linkedKind(h, process.KindRelease)
		}},
	{process.KindRequestForChange, process.KindProblem, chg, prb, "9.2",
		"failed, with no problem investigating why",
		func(s process.Store, _ process.Record, h *process.Header) bool {
			if _, ok := reached(h, failedStates); !ok {
				return false
			}
			return !linkedKind(h, process.KindProblem) && !linkedFromKind(s, h.ID, process.KindProblem) && !linkedFromKind(s, h.ID, process.KindIncident)
		}},
	{process.KindRequestForChange, process.KindScheduleOfChange, chg, rdm, "9.2",
		"approved, but in no schedule of change",
		func(_ process.Store, _ process.Record, h *process.Header) bool {
			_, ok := approved(h)
			return ok && !linksKind(h, process.LinkScheduledIn, process.KindScheduleOfChange)
		}},
	{process.KindRequestForChange, process.KindSecurityRiskAssessment, chg, ism, "6.6.3",
		"approved with no security risk assessment",
		func(_ process.Store, _ process.Record, h *process.Header) bool {
			_, ok := approved(h)
			return ok && !linksKind(h, process.LinkSecurityCheck, process.KindSecurityRiskAssessment)
		}},
	{process.KindProblem, process.KindRequestForChange, prb, chg, "8.2",
		"its resolution needs a change, but no request for change is linked",
		func(s process.Store, r process.Record, h *process.Header) bool {
			return needsChangeOf(r, h) && !linkedKind(h, process.KindRequestForChange) && !linkedFromKind(s, h.ID, process.KindRequestForChange)
		}},
	{process.KindRelease, process.KindConfigurationBaseline, cfg, rdm, "9.1",
		"deployed with no configuration baseline",
		func(s process.Store, _ process.Record, h *process.Header) bool {
			_, deployed := reached(h, deployedStates)
			deployed = deployed || linkedFromKind(s, h.ID, process.KindDeployment)
			return deployed && !linksKind(h, process.LinkBaselinedBy, process.KindConfigurationBaseline)
		}},
	{process.KindIncident, process.KindServiceReport, isr, sr, "6.2",
		"a major incident with no entry in a service report",
		func(s process.Store, r process.Record, h *process.Header) bool {
			major, known := majorOf(r)
			if !known {
				major = linksKind(h, process.LinkReviewedBy, process.KindMajorIncidentReview)
			}
			return major && !reportedDirectlyOrByReview(s, h)
		}},
}

// reportedDirectlyOrByReview reports whether an incident, or a major
// incident review it links to, is reported in a service report.
func reportedDirectlyOrByReview(s process.Store, h *process.Header) bool {
	if linksKind(h, process.LinkReportedIn, process.KindServiceReport) {
		return true
	}
	for _, l := range h.Links {
		if l.Type != process.LinkReviewedBy || l.Kind != process.KindMajorIncidentReview {
			continue
		}
		if rv, err := s.Get(l.To); err == nil && linksKind(rv.Meta(), process.LinkReportedIn, process.KindServiceReport) {
			return true
		}
	}
	return false
}

func linkedFromKind(s process.Store, id process.ID, k process.RecordKind) bool {
	for b, err := range s.LinksTo(id) {
		if err != nil {
			return false
		}
		if b.Kind == k {
			return true
		}
	}
	return false
}

// Related returns, for the record id of store, the records in other
// processes it links to or that link to it, grouped by the interface of g
// that justifies each link (groups in graph order, unexplained links last),
// and the records the interfaces say it calls for that do not exist yet: an
// incident resolved by a workaround with no known error (8.2), a failed
// change with no problem (9.2), an approved change with no schedule of
// change (9.2) or security assessment (6.6.3), a problem whose fix needs a
// change with no request for change (8.2), a deployed release with no
// baseline (9.1), a major incident with no report entry (6.2). Links to the
// service record are left out. A record not in the store is an error
// wrapping [process.ErrNotFound].
func Related(g *Graph, store process.Store, id process.ID) (RelatedRecords, error) {
	store = process.ReadOnly(store) // reads only: no copies
	if g == nil {
		g = &Graph{}
	}
	if store == nil {
		return RelatedRecords{}, fmt.Errorf("interfaces: related: store: %w", process.ErrRequired)
	}
	r, err := store.Get(id)
	if err != nil {
		return RelatedRecords{}, fmt.Errorf("interfaces: related: %w", err)
	}
	h := r.Meta()
	owner := Owner(h.Kind)
	res := RelatedRecords{Record: refOf(h), Owner: owner, Groups: []RelatedGroup{}, Missing: []Missing{}}
	groups := make(map[int]*RelatedGroup)         // by edge index
	unexplained := make(map[NodeID]*RelatedGroup) // by the other owner
	var others []NodeID                           // the keys of unexplained, as first met
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
			others = append(others, o)
		}
		ref := RecordRef{Kind: kind, ID: other}
		if rec, err := store.Get(other); err == nil {
			ref.Title = rec.Meta().Title
		}
		grp.Records = append(grp.Records, RelatedRecord{Record: ref, Link: t, Out: out})
	}
	for _, l := range h.Links {
		add(l.To, l.Kind, l.Type, true)
	}
	for b, err := range store.LinksTo(id) {
		if err != nil {
			return RelatedRecords{}, fmt.Errorf("interfaces: related: links to %s: %w", h.Subject(), err)
		}
		add(b.From, b.Kind, b.Type, false)
	}
	keys := make([]int, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		res.Groups = append(res.Groups, *groups[k])
	}
	for _, o := range others {
		res.Groups = append(res.Groups, *unexplained[o])
	}
	for _, c := range callsFor {
		if c.kind != h.Kind || !c.when(store, r, h) {
			continue
		}
		m := Missing{Kind: c.missing, Clause: c.clause, Reason: c.reason}
		for _, i := range g.out[c.from] {
			if g.edges[i].To == c.to {
				m.Edge = g.edges[i].clone()
				break
			}
		}
		if m.Edge.From == "" {
			continue // the graph has no such interface
		}
		res.Missing = append(res.Missing, m)
	}
	return res, nil
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
