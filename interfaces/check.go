package interfaces

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/smskit/iso20000/process"
)

// Declaration is what a host says about its own process integration: the
// processes it runs, those operated (in part) by other parties, and the
// flows of records it has wired between them (ISO/IEC 20000-1:2011, 4.2 and
// Clauses 5 to 9; ISO/IEC 20000-2:2012, Annex A).
type Declaration struct {
	// Runs are the processes the provider operates itself.
	Runs []process.Process `json:"runs"`
	// OtherParties are processes operated, in whole or in part, by a
	// supplier, an internal group or a customer (4.2). They count as run:
	// their interfaces must still be in place, and governed.
	OtherParties []OtherParty `json:"otherParties,omitempty"`
	// Flows are the flows the host has wired: records pass from one node to
	// another.
	Flows []Flow `json:"flows"`
}

// OtherParty is a process operated by another party (ISO/IEC 20000-1:2011,
// 4.2).
type OtherParty struct {
	Process process.Process   `json:"process"`
	Party   string            `json:"party"`
	Type    process.PartyType `json:"type"`
}

// Flow is one flow a host has wired: records of the given kinds pass from
// one node to another. No kinds means every kind the graph's edges between
// the two carry.
type Flow struct {
	From  NodeID               `json:"from"`
	To    NodeID               `json:"to"`
	Kinds []process.RecordKind `json:"kinds,omitempty"`
}

// FindingKind is what a finding of [Check] says.
type FindingKind string

// The kinds of finding of [Check], in the order a report lists them.
const (
	// FindingGap: a required interface between two processes the host
	// runs is not wired.
	FindingGap FindingKind = "gap"
	// FindingNotRun: a process the host does not run is at the other end
	// of a required interface of a process it runs.
	FindingNotRun FindingKind = "not-run"
	// FindingGovernance: a process is operated by another party, but the
	// process that governs such parties is not run (4.2 with 7.2 or 6.1).
	FindingGovernance FindingKind = "governance"
	// FindingNoInterfaces: a process the host runs has no flow wired at all.
	FindingNoInterfaces FindingKind = "no-interfaces"
	// FindingAdvice: an expected interface between two processes the host
	// runs is not wired; established practice, not a requirement.
	FindingAdvice FindingKind = "advice"
	// FindingUnknownFlow: a declared flow the graph does not know. Allowed
	// (providers implement interfaces differently), but flagged.
	FindingUnknownFlow FindingKind = "unknown-flow"
	// FindingOperated: a process operated by another party, with the
	// interfaces that cross to it; for information.
	FindingOperated FindingKind = "operated"
)

var findingOrder = [...]FindingKind{FindingGap, FindingNotRun, FindingGovernance, FindingNoInterfaces, FindingAdvice, FindingUnknownFlow, FindingOperated}

// Valid reports whether k is one of the kinds of finding.
func (k FindingKind) Valid() bool { return slices.Contains(findingOrder[:], k) }

// String returns the kind's code.
func (k FindingKind) String() string { return string(k) }

// MarshalText encodes the kind as its code, and the zero FindingKind as
// empty text; it refuses an unknown kind with an error wrapping
// [process.ErrInvalidValue].
func (k FindingKind) MarshalText() ([]byte, error) { return process.MarshalEnum(k) }

// UnmarshalText decodes a kind's code, and empty text as the zero
// FindingKind; it refuses any other text with an error wrapping
// [process.ErrInvalidValue], leaving k unchanged.
func (k *FindingKind) UnmarshalText(b []byte) error { return process.UnmarshalEnum(k, b) }

// Finding is one result of [Check], citing the tables of Annex A and the
// clauses of ISO/IEC 20000-1:2011 it rests on.
type Finding struct {
	Kind FindingKind `json:"kind"`
	// Edge is the ref of the interface concerned, if any; From and To its
	// ends (or the declared flow's).
	Edge string `json:"edge,omitempty"`
	From NodeID `json:"from,omitempty"`
	To   NodeID `json:"to,omitempty"`
	// Process is the process the finding is about, for findings about a
	// process rather than an interface.
	Process NodeID               `json:"process,omitempty"`
	Kinds   []process.RecordKind `json:"kinds,omitempty"`
	Tables  []string             `json:"tables"`
	Clauses []string             `json:"clauses"`
	// Clauses2018 are the clauses of ISO/IEC 20000-1:2018 that carry the
	// same requirements (see [Graph.Clauses2018]).
	Clauses2018 []string `json:"clauses2018"`
	Message     string   `json:"message"`
}

// Report is the result of [Check]: the findings, in a deterministic order
// (by kind, then in graph order), and how many of the required interfaces
// that concern the processes run are in place.
type Report struct {
	Findings []Finding `json:"findings"`
	// Required counts the required interfaces with at least one end a
	// process the host runs (or has operated by another party); InPlace
	// those of them that are wired with both ends run.
	Required int `json:"required"`
	InPlace  int `json:"inPlace"`
	// Share is InPlace / Required, 1 when Required is 0.
	Share float64 `json:"share"`
}

// Count returns the number of findings of kind k.
func (r Report) Count(k FindingKind) int {
	n := 0
	for _, f := range r.Findings {
		if f.Kind == k {
			n++
		}
	}
	return n
}

// Check compares a host's declaration with graph g (ISO/IEC 20000-2:2012,
// Annex A) and reports, each citing tables and clauses: required interfaces
// between processes run that are not wired (gaps), expected ones (advice),
// declared flows the graph does not know, processes run with no flow,
// processes not run at the other end of a required interface of one that is,
// processes operated by other parties and how they are governed (4.2), and
// the share of required interfaces in place.
//
// SMS elements are always present; custom nodes of g count as run. A flow
// wires an edge when it has the same ends and, if it names kinds, at least
// one kind the edge carries. The declaration is not changed; a nil graph is
// an empty one.
func Check(g *Graph, decl Declaration) Report {
	if g == nil {
		g = &Graph{}
	}
	present := make(map[NodeID]bool)
	for _, n := range g.nodes {
		if n.ID.SMS() || n.ID.Custom() {
			present[n.ID] = true
		}
	}
	run := make(map[NodeID]bool)
	for _, p := range decl.Runs {
		present[ProcessNode(p)], run[ProcessNode(p)] = true, true
	}
	operated := make(map[NodeID][]OtherParty)
	for _, o := range decl.OtherParties {
		present[ProcessNode(o.Process)] = true
		operated[ProcessNode(o.Process)] = append(operated[ProcessNode(o.Process)], o)
	}
	var r Report
	wired := make([]bool, len(g.edges))
	hasFlow := make(map[NodeID]bool)
	for _, f := range decl.Flows {
		hasFlow[f.From], hasFlow[f.To] = true, true
		known, unknownKinds := false, slices.Clone(f.Kinds)
		for _, i := range g.out[f.From] {
			e := g.edges[i]
			if e.To != f.To {
				continue
			}
			if len(f.Kinds) == 0 || slices.ContainsFunc(f.Kinds, e.Carry) {
				wired[i], known = true, true
			}
			unknownKinds = slices.DeleteFunc(unknownKinds, e.Carry)
		}
		switch {
		case !known:
			r.Findings = append(r.Findings, Finding{Kind: FindingUnknownFlow, From: f.From, To: f.To, Kinds: slices.Clone(f.Kinds),
				Tables: g.tablesOf(f.From, f.To), Clauses: g.clausesOf(f.From, f.To),
				Message: fmt.Sprintf("flow %s → %s is not an interface of the graph", g.label(f.From), g.label(f.To))})
		case len(unknownKinds) > 0:
			r.Findings = append(r.Findings, Finding{Kind: FindingUnknownFlow, From: f.From, To: f.To, Kinds: unknownKinds,
				Tables: g.tablesOf(f.From, f.To), Clauses: g.clausesOf(f.From, f.To),
				Message: fmt.Sprintf("flow %s → %s carries %s, which no interface between them carries", g.label(f.From), g.label(f.To), kindList(unknownKinds))})
		}
	}
	for i, e := range g.edges {
		from, to := present[e.From], present[e.To]
		processEnd := (e.From.Process() != "" && from) || (e.To.Process() != "" && to)
		if e.Basis == Required && processEnd {
			r.Required++
		}
		switch {
		case from && to && wired[i]:
			if e.Basis == Required {
				r.InPlace++
			}
		case from && to:
			kind, what := FindingAdvice, "expected"
			if e.Basis == Required {
				kind, what = FindingGap, "required"
			}
			r.Findings = append(r.Findings, g.edgeFinding(kind, e,
				fmt.Sprintf("%s interface %s not wired: %s %s %s (%s)", what, e.Ref, g.label(e.From), e.Mode, kindList(e.Kinds), e.Carries)))
		case e.Basis == Required && processEnd:
			absent, needs := e.From, e.To
			if from {
				absent, needs = e.To, e.From
			}
			r.Findings = append(r.Findings, g.edgeFinding(FindingNotRun, e,
				fmt.Sprintf("%s is not run, but %s depends on it through required interface %s (%s)", g.label(absent), g.label(needs), e.Ref, e.Carries)))
		}
	}
	for _, n := range g.nodes {
		if !run[n.ID] && len(operated[n.ID]) == 0 || hasFlow[n.ID] {
			continue
		}
		r.Findings = append(r.Findings, Finding{Kind: FindingNoInterfaces, Process: n.ID, Tables: g.tablesOf(n.ID), Clauses: []string{n.Clause},
			Message: fmt.Sprintf("%s is run but has no flow wired to or from any other process", g.label(n.ID))})
	}
	for _, n := range g.nodes {
		for _, o := range operated[n.ID] {
			r.Findings = append(r.Findings, g.operatedFindings(n, o, present)...)
		}
	}
	for i := range r.Findings {
		r.Findings[i].Clauses2018 = g.clauses2018Of(r.Findings[i].Clauses)
	}
	slices.SortStableFunc(r.Findings, func(a, b Finding) int {
		return slices.Index(findingOrder[:], a.Kind) - slices.Index(findingOrder[:], b.Kind)
	})
	r.Share = 1
	if r.Required > 0 {
		r.Share = float64(r.InPlace) / float64(r.Required)
	}
	return r
}

// operatedFindings reports a process operated by another party: always for
// information, and as a governance finding when the process that governs
// that kind of party is not present (4.2 with 7.2 for suppliers, 6.1 for
// internal groups and customers).
func (g *Graph) operatedFindings(n Node, o OtherParty, present map[NodeID]bool) []Finding {
	governor, clause, through := ProcessNode(process.ServiceLevelManagement), "6.1", "an agreement"
	if o.Type == process.PartySupplier {
		governor, clause, through = ProcessNode(process.SupplierManagement), "7.2", "a contract"
	}
	party := o.Party
	if party == "" {
		party = "another party"
	}
	tables := g.tablesOf(n.ID, governor)
	fs := []Finding{{Kind: FindingOperated, Process: n.ID, Tables: g.tablesOf(n.ID), Clauses: []string{"4.2", clause},
		Message: fmt.Sprintf("%s is operated by %s %s: its %d interfaces cross to the party and are governed through %s",
			g.label(n.ID), orDefault(string(o.Type), "party"), party, len(g.touching(n.ID)), through)}}
	if _, ok := g.node[governor]; ok && !present[governor] {
		fs = append(fs, Finding{Kind: FindingGovernance, Process: n.ID, Tables: tables, Clauses: []string{"4.2", clause},
			Message: fmt.Sprintf("%s is operated by %s, but %s, which governs such parties, is not run", g.label(n.ID), party, g.label(governor))})
	}
	return fs
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func (g *Graph) edgeFinding(kind FindingKind, e Edge, msg string) Finding {
	clauses := slices.Clone(e.Clauses)
	if clauses == nil {
		clauses = g.clausesOf(e.From, e.To)
	}
	return Finding{Kind: kind, Edge: e.Ref, From: e.From, To: e.To, Kinds: slices.Clone(e.Kinds),
		Tables: slices.Clone(e.Tables), Clauses: clauses, Message: msg}
}

// tablesOf returns the tables of the given nodes that have one, in table
// order.
func (g *Graph) tablesOf(ids ...NodeID) []string {
	ts := []string{}
	for _, id := range ids {
		if i, ok := g.node[id]; ok && g.nodes[i].Table != "" && !slices.Contains(ts, g.nodes[i].Table) {
			ts = append(ts, g.nodes[i].Table)
		}
	}
	slices.SortFunc(ts, compareTables)
	return ts
}

// clausesOf returns the clauses of the given nodes that have one.
func (g *Graph) clausesOf(ids ...NodeID) []string {
	cs := []string{}
	for _, id := range ids {
		if i, ok := g.node[id]; ok && g.nodes[i].Clause != "" && !slices.Contains(cs, g.nodes[i].Clause) {
			cs = append(cs, g.nodes[i].Clause)
		}
	}
	return cs
}

// label names a node in messages by its code, or its ID.
func (g *Graph) label(id NodeID) string {
	if i, ok := g.node[id]; ok {
		return g.nodes[i].Label()
	}
	return string(id)
}

func kindList(ks []process.RecordKind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// WriteText writes the report for people: a summary line, then one line per
// finding with its kind, tables and clauses.
func (r Report) WriteText(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "required interfaces in place: %d of %d (%.0f%%)\n", r.InPlace, r.Required, 100*r.Share)
	for _, k := range findingOrder {
		if n := r.Count(k); n > 0 {
			fmt.Fprintf(b, "%s: %d\n", k, n)
		}
	}
	for _, f := range r.Findings {
		fmt.Fprintf(b, "%-13s [%s; %s] %s\n", f.Kind, strings.Join(f.Tables, ", "), strings.Join(f.Clauses, ", "), f.Message)
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("interfaces: write report: %w", err)
	}
	return nil
}
