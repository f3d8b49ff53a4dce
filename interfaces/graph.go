package interfaces

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/smskit/iso20000/process"
)

// Sentinel errors for the kinds of problem [New] finds in a graph. Each is
// wrapped in a [process.FieldError] of the *[process.ValidationError] New
// returns, beside the sentinels of package process ([process.ErrRequired],
// [process.ErrInvalidValue], [process.ErrUnknownKind], [process.ErrExists]).
var (
	// ErrUnknownNode marks a node that is neither a process, an SMS element
	// nor a custom node, or an edge end that is not a node of the graph.
	ErrUnknownNode = errors.New("interfaces: unknown node")
	// ErrSelfLoop marks an edge from a node to itself.
	ErrSelfLoop = errors.New("interfaces: self-loop")
	// ErrDuplicateEdge marks a second edge with the same ends and mode.
	ErrDuplicateEdge = errors.New("interfaces: duplicate edge")
	// ErrOwnership marks a record kind on an edge that is not owned by the end
	// the mode requires: the source of a providing edge, the target of a
	// raising edge.
	ErrOwnership = errors.New("interfaces: record kind not owned as the mode requires")
	// ErrTable marks a table reference that does not match the ends of its
	// edge, or an edge missing the table of one of its ends.
	ErrTable = errors.New("interfaces: table does not match the edge's ends")
	// ErrEmptyTable marks a node's table that no edge belongs to.
	ErrEmptyTable = errors.New("interfaces: empty table")
	// ErrIsolated marks a process with no edge to or from any other node.
	ErrIsolated = errors.New("interfaces: isolated process")
)

// NodeID identifies a node of the graph: a process code
// ([process.Process], "change"), one of the SMS elements below, or a
// host's own node with the prefix "x-". The zero NodeID is unset, which
// [New] refuses as a node or an edge end.
type NodeID string

// The SMS elements of ISO/IEC 20000-1:2011, Clause 4, that the processes
// integrate with.
const (
	TopManagement    NodeID = "top-management"    // management responsibility (4.1)
	Governance       NodeID = "governance"        // governance of processes operated by other parties (4.2)
	Documentation    NodeID = "documentation"     // documentation management (4.3)
	Resources        NodeID = "resources"         // resource management, competence (4.4)
	Plan             NodeID = "plan"              // the service management plan (4.5.2)
	Monitoring       NodeID = "monitoring"        // monitoring and measurement (4.5.4.1)
	InternalAudit    NodeID = "internal-audit"    // internal audit (4.5.4.2)
	ManagementReview NodeID = "management-review" // management review (4.5.4.3)
	Improvement      NodeID = "improvement"       // continual improvement (4.5.5)
)

// smsElements lists the SMS elements in clause order.
var smsElements = [...]NodeID{TopManagement, Governance, Documentation, Resources, Plan, Monitoring, InternalAudit, ManagementReview, Improvement}

// ProcessNode returns the node of process p.
func ProcessNode(p process.Process) NodeID { return NodeID(p) }

// Process returns the process n stands for, or "" if n is not a process.
func (n NodeID) Process() process.Process {
	if p := process.Process(n); p.Valid() {
		return p
	}
	return ""
}

// SMS reports whether n is one of the SMS elements of Clause 4.
func (n NodeID) SMS() bool { return slices.Contains(smsElements[:], n) }

// Custom reports whether n is a host's own node: "x-" and at least one more
// character.
func (n NodeID) Custom() bool {
	return len(n) > len(process.CustomKindPrefix) && strings.HasPrefix(string(n), process.CustomKindPrefix)
}

// Valid reports whether n is a process or an SMS element. Custom nodes are
// not valid in this sense; see [NodeID.Custom].
func (n NodeID) Valid() bool { return n.Process() != "" || n.SMS() }

// String returns the node's code.
func (n NodeID) String() string { return string(n) }

// MarshalText encodes the node as its code: a process, an SMS element or a
// custom node, and the zero NodeID as empty text. Any other node is refused
// with an error wrapping [ErrUnknownNode] and [process.ErrInvalidValue].
func (n NodeID) MarshalText() ([]byte, error) {
	if n != "" && !n.Valid() && !n.Custom() {
		return nil, unknownNode(string(n))
	}
	return []byte(n), nil
}

// UnmarshalText decodes the code of a process, an SMS element or a custom
// node ("x-…"), and empty text as the zero NodeID. Unlike the module's other
// enumerations it accepts values [NodeID.Valid] does not list: a host's own
// nodes. Any other text is refused with an error wrapping [ErrUnknownNode]
// and [process.ErrInvalidValue], leaving n unchanged.
func (n *NodeID) UnmarshalText(b []byte) error {
	m := NodeID(b)
	if m != "" && !m.Valid() && !m.Custom() {
		return unknownNode(string(b))
	}
	*n = m
	return nil
}

// unknownNode is the error for text that names no node.
func unknownNode(s string) error {
	return fmt.Errorf("%w %q: %w", ErrUnknownNode, s, process.ErrInvalidValue)
}

// GroupSMS is the group of the SMS elements, beside the five process groups
// of [process.Group]; GroupCustom is the group of a host's own nodes.
const (
	GroupSMS    = "sms"
	GroupCustom = "custom"
)

// Node is a vertex of the graph: a process of Clauses 5 to 9 or an element of
// the SMS of Clause 4, with its clause in each edition (editions.md of the
// reference: ISO/IEC 20000-1:2011 and ISO/IEC 20000-1:2018).
type Node struct {
	ID NodeID `json:"id"`
	// Code is the short name diagrams use (CHG, IMP); the ID when empty.
	Code  string `json:"code,omitempty"`
	Title string `json:"title"`
	// Clause is the clause of ISO/IEC 20000-1:2011 ("9.2", "4.5.5").
	Clause string `json:"clause,omitempty"`
	// Clauses2018 are the clauses of ISO/IEC 20000-1:2018 that carry the
	// same requirements ("8.5.1").
	Clauses2018 []string `json:"clauses2018,omitempty"`
	// Table is the process's table of Annex A ("A.13"); empty for SMS
	// elements.
	Table string `json:"table,omitempty"`
	// Generic is, for an SMS element, the way every process integrates
	// with it (ISO/IEC 20000-2:2012, Annex A: each table's SMS
	// integration); empty when only some processes do.
	Generic Direction `json:"generic,omitempty"`
	// Integration says in our words what the generic integration carries.
	Integration string `json:"integration,omitempty"`
}

// Group returns the node's group: the process group ([process.Group]) of a
// process, [GroupSMS] for an SMS element and [GroupCustom] for others.
func (n Node) Group() string {
	switch {
	case n.ID.Process() != "":
		return string(n.ID.Process().Group())
	case n.ID.SMS():
		return GroupSMS
	}
	return GroupCustom
}

// Label returns the node's code, or its ID when it has no code.
func (n Node) Label() string {
	if n.Code != "" {
		return n.Code
	}
	return string(n.ID)
}

// Mode says who creates the records that flow on an edge (ISO/IEC
// 20000-2:2012, Annex A).
type Mode string

// The two modes of an edge.
const (
	// Provides: the source passes records it owns to the target, which uses
	// them.
	Provides Mode = "provides"
	// Raises: the source creates a record that the target owns from then
	// on (a request for change raised by any process, owned by change
	// management, 9.2).
	Raises Mode = "raises"
)

// Valid reports whether m is Provides or Raises.
func (m Mode) Valid() bool { return m == Provides || m == Raises }

// String returns the mode's code, or "%!Mode(code)" for an invalid value.
func (m Mode) String() string {
	if m.Valid() {
		return string(m)
	}
	return "%!Mode(" + string(m) + ")"
}

// MarshalText encodes the mode as its code, and the zero Mode as empty
// text; it refuses an unknown mode with an error wrapping
// [process.ErrInvalidValue].
func (m Mode) MarshalText() ([]byte, error) { return process.MarshalEnum(m) }

// UnmarshalText decodes a mode's code, and empty text as the zero Mode; it
// refuses any other text with an error wrapping [process.ErrInvalidValue],
// leaving m unchanged.
func (m *Mode) UnmarshalText(b []byte) error { return process.UnmarshalEnum(m, b) }

// Basis says why an edge is in the graph, and so how [Check] and [Audit]
// treat a host that lacks it.
type Basis string

// The two bases of an edge.
const (
	// Required: a requirement of ISO/IEC 20000-1:2011 names the flow (the
	// edge's clauses); a missing one is a gap.
	Required Basis = "required"
	// Expected: established practice; a missing one is advice, not a gap.
	Expected Basis = "expected"
)

// Valid reports whether b is Required or Expected.
func (b Basis) Valid() bool { return b == Required || b == Expected }

// String returns the basis's code, or "%!Basis(code)" for an invalid value.
func (b Basis) String() string {
	if b.Valid() {
		return string(b)
	}
	return "%!Basis(" + string(b) + ")"
}

// MarshalText encodes the basis as its code, and the zero Basis as empty
// text; it refuses an unknown basis with an error wrapping
// [process.ErrInvalidValue].
func (b Basis) MarshalText() ([]byte, error) { return process.MarshalEnum(b) }

// UnmarshalText decodes a basis's code, and empty text as the zero Basis; it
// refuses any other text with an error wrapping [process.ErrInvalidValue],
// leaving b unchanged.
func (b *Basis) UnmarshalText(t []byte) error { return process.UnmarshalEnum(b, t) }

// Direction is the way a process integrates with an SMS element generically
// (ISO/IEC 20000-2:2012, Annex A: the SMS integration of every table).
type Direction string

// The directions of a generic integration.
const (
	ToProcess   Direction = "to-process"   // the element gives every process something (the plan, resources)
	FromProcess Direction = "from-process" // every process gives the element something (measures, review input)
	Both        Direction = "both"         // both ways (documentation: procedures in, records out)
)

// Valid reports whether d is one of the three directions.
func (d Direction) Valid() bool { return d == ToProcess || d == FromProcess || d == Both }

// String returns the direction's code, or "%!Direction(code)" for an
// invalid value.
func (d Direction) String() string {
	if d.Valid() {
		return string(d)
	}
	return "%!Direction(" + string(d) + ")"
}

// MarshalText encodes the direction as its code, and the zero Direction as
// empty text; it refuses an unknown direction with an error wrapping
// [process.ErrInvalidValue].
func (d Direction) MarshalText() ([]byte, error) { return process.MarshalEnum(d) }

// UnmarshalText decodes a direction's code, and empty text as the zero
// Direction; it refuses any other text with an error wrapping
// [process.ErrInvalidValue], leaving d unchanged.
func (d *Direction) UnmarshalText(b []byte) error { return process.UnmarshalEnum(d, b) }

// Edge is one interface: a directed flow of records from one node to another
// (ISO/IEC 20000-2:2012, Annex A), with the record kinds that flow, what they
// carry, why the edge is there and the tables it belongs to.
type Edge struct {
	// Ref names the edge: its row in the catalogue ("44", "S6"). Optional
	// in a custom graph; unique when given.
	Ref  string `json:"ref,omitempty"`
	From NodeID `json:"from"`
	To   NodeID `json:"to"`
	Mode Mode   `json:"mode"`
	// Kinds are the record kinds that flow, at least one.
	Kinds []process.RecordKind `json:"kinds"`
	// Carries says in our words what the records carry to the target.
	Carries string `json:"carries,omitempty"`
	Basis   Basis  `json:"basis"`
	// Clauses are the clauses of ISO/IEC 20000-1:2011 that name the flow;
	// at least one when Basis is Required.
	Clauses []string `json:"clauses,omitempty"`
	// Tables are the tables of Annex A the edge belongs to: the table of
	// each end that has one.
	Tables []string `json:"tables,omitempty"`
}

// Carry reports whether records of kind k flow on e.
func (e Edge) Carry(k process.RecordKind) bool { return slices.Contains(e.Kinds, k) }

// clone returns a deep copy of e; empty lists become nil, so that a graph
// and its JSON round trip are equal.
func (e Edge) clone() Edge {
	e.Kinds = cloneList(e.Kinds)
	e.Clauses = cloneList(e.Clauses)
	e.Tables = cloneList(e.Tables)
	return e
}

// clone returns a deep copy of n; an empty list becomes nil.
func (n Node) clone() Node {
	n.Clauses2018 = cloneList(n.Clauses2018)
	return n
}

func cloneList[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// Graph is a validated process-interface graph: nodes, edges and the tables
// they make (ISO/IEC 20000-2:2012, Annex A). It is immutable and safe for
// concurrent use by many goroutines; build one with [New] or take the
// library's catalogue from [Standard]. The zero Graph is an empty graph.
type Graph struct {
	nodes  []Node
	edges  []Edge
	node   map[NodeID]int
	out    map[NodeID][]int // edge indexes by source, in edge order
	in     map[NodeID][]int // edge indexes by target, in edge order
	tables map[string]int   // table name → node index
}

// Standard returns the library's catalogue of the process interfaces of
// ISO/IEC 20000-2:2012, Annex A: the 14 processes, the 9 SMS elements, 74
// edges between processes and 12 process-specific SMS edges. It is built
// and validated on first use and shared: the same immutable *Graph on every
// call.
func Standard() *Graph { return standard() }

var standard = sync.OnceValue(func() *Graph {
	g, err := New(catalogueNodes(), catalogueEdges())
	if err != nil {
		// The catalogue is checked by the package's tests.
		panic(err)
	}
	return g
})

// New builds a graph of the given nodes and edges, which it copies. It
// returns every problem at once in a *[process.ValidationError] with paths
// such as "nodes[3].table" and "edges[12].kinds[0]":
//
//   - a node that is not a process, an SMS element or a custom node ("x-"),
//     or twice in the list ([ErrUnknownNode], [process.ErrExists]);
//   - an edge end that is not a node ([ErrUnknownNode]), a self-loop
//     ([ErrSelfLoop]), a second edge with the same ends and mode
//     ([ErrDuplicateEdge]);
//   - an unknown record kind ([process.ErrUnknownKind]), or a kind not owned
//     by the source of a providing edge or the target of a raising edge
//     ([ErrOwnership]); the records of Clause 4 are owned by the SMS element
//     of their clause, and custom kinds by whoever the host says;
//   - a table reference that is empty, does not match the edge's ends, or
//     misses the table of one of them ([ErrTable]); a node's table that no
//     edge lists ([ErrEmptyTable]);
//   - a process (or custom node) with no edge at all ([ErrIsolated]);
//   - missing or invalid fields: mode, basis, the clauses of a required
//     edge, a process's table.
func New(nodes []Node, edges []Edge) (*Graph, error) {
	g := &Graph{
		nodes:  make([]Node, len(nodes)),
		edges:  make([]Edge, len(edges)),
		node:   make(map[NodeID]int, len(nodes)),
		out:    make(map[NodeID][]int),
		in:     make(map[NodeID][]int),
		tables: make(map[string]int),
	}
	for i, n := range nodes {
		g.nodes[i] = n.clone()
	}
	for i, e := range edges {
		g.edges[i] = e.clone()
	}
	v := process.ValidationError{Package: "interfaces", Subject: "interface graph"}
	for i, n := range g.nodes {
		g.validateNode(&v, i, n)
	}
	type key struct {
		from, to NodeID
		mode     Mode
	}
	seen := make(map[key]int, len(edges))
	refs := make(map[string]int, len(edges))
	listed := make(map[string]bool)
	for i, e := range g.edges {
		p := "edges[" + strconv.Itoa(i) + "]"
		if e.Ref != "" {
			if j, ok := refs[e.Ref]; ok {
				v.Addf(p+".ref", process.ErrExists, "%q is also edges[%d]", e.Ref, j)
			} else {
				refs[e.Ref] = i
			}
		}
		ends := true
		for _, end := range [...]struct {
			name string
			id   NodeID
		}{{"from", e.From}, {"to", e.To}} {
			switch _, ok := g.node[end.id]; {
			case end.id == "":
				v.Add(p+"."+end.name, process.ErrRequired)
				ends = false
			case !ok:
				v.Addf(p+"."+end.name, ErrUnknownNode, "%q", end.id)
				ends = false
			}
		}
		if e.From != "" && e.From == e.To {
			v.Addf(p, ErrSelfLoop, "%s", e.From)
		}
		process.CheckEnum(&v, p+".mode", e.Mode)
		process.CheckEnum(&v, p+".basis", e.Basis)
		if e.Basis == Required && len(e.Clauses) == 0 {
			v.Addf(p+".clauses", process.ErrRequired, "a required edge names its clauses")
		}
		v.CheckTexts(p+".clauses", e.Clauses, false)
		if ends && e.Mode.Valid() {
			k := key{e.From, e.To, e.Mode}
			if j, ok := seen[k]; ok {
				v.Addf(p, ErrDuplicateEdge, "same ends and mode as edges[%d]", j)
			} else {
				seen[k] = i
			}
		}
		g.validateKinds(&v, p, e, ends)
		if ends {
			g.validateTables(&v, p, e, listed)
		}
		if ends {
			g.out[e.From] = append(g.out[e.From], i)
			g.in[e.To] = append(g.in[e.To], i)
		}
	}
	for i, n := range g.nodes {
		p := "nodes[" + strconv.Itoa(i) + "]"
		if n.ID.SMS() || g.node[n.ID] != i {
			continue
		}
		if len(g.out[n.ID])+len(g.in[n.ID]) == 0 {
			v.Addf(p, ErrIsolated, "%s has no interfaces", n.ID)
		}
		if n.Table != "" && !listed[n.Table] {
			v.Addf(p+".table", ErrEmptyTable, "no edge belongs to %s", n.Table)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return g, nil
}

func (g *Graph) validateNode(v *process.ValidationError, i int, n Node) {
	p := "nodes[" + strconv.Itoa(i) + "]"
	switch {
	case n.ID == "":
		v.Add(p+".id", process.ErrRequired)
		return
	case !n.ID.Valid() && !n.ID.Custom():
		v.Addf(p+".id", ErrUnknownNode, "%q is not a process, an SMS element or a custom node (%q…)", n.ID, process.CustomKindPrefix)
		return
	}
	if j, ok := g.node[n.ID]; ok {
		v.Addf(p+".id", process.ErrExists, "%q is also nodes[%d]", n.ID, j)
		return
	}
	g.node[n.ID] = i
	v.RequireText(p+".title", n.Title)
	switch {
	case n.ID.SMS() && n.Table != "":
		v.Addf(p+".table", process.ErrInvalidValue, "an SMS element has no table of its own")
	case n.ID.Process() != "" && n.Table == "":
		v.Addf(p+".table", process.ErrRequired, "a process has a table")
	case n.Table != "":
		if j, ok := g.tables[n.Table]; ok {
			v.Addf(p+".table", process.ErrExists, "%s is also the table of nodes[%d]", n.Table, j)
		} else {
			g.tables[n.Table] = i
		}
	}
	switch {
	case n.Generic == "":
	case !n.Generic.Valid():
		v.Addf(p+".generic", process.ErrInvalidValue, "%q", n.Generic)
	case !n.ID.SMS():
		v.Addf(p+".generic", process.ErrInvalidValue, "only SMS elements have a generic integration")
	}
	v.CheckTexts(p+".clauses2018", n.Clauses2018, false)
}

func (g *Graph) validateKinds(v *process.ValidationError, p string, e Edge, ends bool) {
	if len(e.Kinds) == 0 {
		v.Addf(p+".kinds", process.ErrRequired, "an edge carries at least one record kind")
		return
	}
	for j, k := range e.Kinds {
		q := p + ".kinds[" + strconv.Itoa(j) + "]"
		switch {
		case k == "":
			v.Add(q, process.ErrRequired)
			continue
		case !k.Valid() && !k.Custom():
			v.Addf(q, process.ErrUnknownKind, "%q", k)
			continue
		case slices.Index(e.Kinds, k) < j:
			v.Addf(q, process.ErrInvalidValue, "%s listed twice", k)
			continue
		}
		if !ends || !e.Mode.Valid() || k.Custom() {
			continue
		}
		end, role := e.From, "source"
		if e.Mode == Raises {
			end, role = e.To, "target"
		}
		if owner := Owner(k); owner != end {
			v.Addf(q, ErrOwnership, "%s is owned by %s, not by the %s %s of a %s edge", k, owner, role, end, e.Mode)
		}
	}
}

func (g *Graph) validateTables(v *process.ValidationError, p string, e Edge, listed map[string]bool) {
	var want []string
	for _, id := range [...]NodeID{e.From, e.To} {
		if t := g.nodes[g.node[id]].Table; t != "" && !slices.Contains(want, t) {
			want = append(want, t)
		}
	}
	if len(e.Tables) == 0 && len(want) > 0 {
		v.Addf(p+".tables", process.ErrRequired, "the edge belongs to no table; want %s", strings.Join(want, ", "))
		return
	}
	for j, t := range e.Tables {
		q := p + ".tables[" + strconv.Itoa(j) + "]"
		switch {
		case t == "":
			v.Addf(q, process.ErrRequired, "empty table reference")
		case slices.Index(e.Tables, t) < j:
			v.Addf(q, process.ErrInvalidValue, "%s listed twice", t)
		case !slices.Contains(want, t):
			v.Addf(q, ErrTable, "%s is the table of neither %s nor %s", t, e.From, e.To)
		default:
			listed[t] = true
		}
	}
	for _, t := range want {
		if !slices.Contains(e.Tables, t) {
			v.Addf(p+".tables", ErrTable, "missing %s", t)
		}
	}
}

// Owner returns the node that owns records of kind k: the owning process
// for the records of Clauses 5 to 9, the SMS element of its clause for the
// records of Clause 4 (an improvement is owned by continual improvement,
// an other-party record by governance of other parties), and "" for custom
// and unknown kinds (ISO/IEC 20000-1:2011, 4.3.3).
func Owner(k process.RecordKind) NodeID {
	if p := k.Owner(); p != "" {
		return ProcessNode(p)
	}
	switch k {
	case process.KindServiceManagementPolicy, process.KindServiceManagementObjective:
		return TopManagement
	case process.KindOtherParty:
		return Governance
	case process.KindDocument:
		return Documentation
	case process.KindCompetenceRecord, process.KindTrainingRecord:
		return Resources
	case process.KindScopeStatement, process.KindServiceManagementPlan:
		return Plan
	case process.KindInternalAudit, process.KindAuditFinding:
		return InternalAudit
	case process.KindManagementReview:
		return ManagementReview
	case process.KindNonconformity, process.KindCorrectiveAction, process.KindPreventiveAction, process.KindImprovement:
		return Improvement
	}
	return ""
}

// Nodes returns the graph's nodes in the order given to [New].
func (g *Graph) Nodes() []Node {
	ns := make([]Node, len(g.nodes))
	for i, n := range g.nodes {
		ns[i] = n.clone()
	}
	return ns
}

// Edges returns the graph's edges in the order given to [New].
func (g *Graph) Edges() []Edge { return g.pick(allIndexes(len(g.edges))) }

// Node returns the node with the given ID, and whether the graph has it.
func (g *Graph) Node(id NodeID) (Node, bool) {
	i, ok := g.node[id]
	if !ok {
		return Node{}, false
	}
	return g.nodes[i].clone(), true
}

// Edge returns the edge with the given ref ("44", "S6"), and whether the
// graph has it.
func (g *Graph) Edge(ref string) (Edge, bool) {
	for _, e := range g.edges {
		if e.Ref == ref && ref != "" {
			return e.clone(), true
		}
	}
	return Edge{}, false
}

func (g *Graph) pick(idx []int) []Edge {
	es := make([]Edge, len(idx))
	for i, j := range idx {
		es[i] = g.edges[j].clone()
	}
	return es
}

func allIndexes(n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// Clauses2018 returns the clauses of ISO/IEC 20000-1:2018 that carry the
// requirements of a clause of the 2011 edition: those of the longest 2011
// clause that is c or a prefix of it, among the graph's nodes and the
// sub-clauses of Clause 4 that no node stands for ("6.3.3" is service
// continuity and availability, 8.7.1 and 8.7.2 in 2018; "4.5.1", the
// scope, is 4.3; "4.5.5" is continual improvement, 10.1 and 10.2). Where a
// node and a sub-clause share a clause, the node's mapping is used. It
// returns nil when no clause is a prefix of c.
func (g *Graph) Clauses2018(c string) []string {
	best, bestLen := []string(nil), -1
	consider := func(clause string, to []string) {
		if clause == "" || len(to) == 0 || (c != clause && !strings.HasPrefix(c, clause+".")) {
			return
		}
		if len(clause) > bestLen {
			best, bestLen = to, len(clause)
		}
	}
	for _, n := range g.nodes {
		consider(n.Clause, n.Clauses2018)
	}
	for _, m := range clause4In2018 {
		consider(m.clause, m.to)
	}
	return slices.Clone(best)
}

// clause4In2018 maps the sub-clauses of Clause 4 of the 2011 edition that
// no node of the graph stands for to the 2018 clauses that carry them
// (editions.md of the reference). A node with the same clause wins.
var clause4In2018 = []struct {
	clause string
	to     []string
}{
	{"4.1.1", []string{"5.1"}},
	{"4.1.2", []string{"5.2"}},
	{"4.1.3", []string{"5.3", "7.4"}},
	{"4.1.4", []string{"5.3"}},
	{"4.3.1", []string{"7.5.1"}},
	{"4.3.2", []string{"7.5.2", "7.5.3"}},
	{"4.3.3", []string{"7.5.1", "7.5.3"}},
	{"4.4.1", []string{"7.1"}},
	{"4.4.2", []string{"7.2", "7.3"}},
	{"4.5.1", []string{"4.3"}},
	{"4.5.3", []string{"8.1"}},
	{"4.5.5.1", []string{"10.1", "10.2"}},
	{"4.5.5.2", []string{"10.2"}},
}

// clauses2018Of maps each of the 2011 clauses to 2018, in order, without
// repeats.
func (g *Graph) clauses2018Of(cs []string) []string {
	out := []string{}
	for _, c := range cs {
		for _, d := range g.Clauses2018(c) {
			if !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	return out
}
