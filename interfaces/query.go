package interfaces

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/smskit/iso20000/process"
)

// Table is one table of ISO/IEC 20000-2:2012, Annex A, as the library reads
// it: for one process, every edge that leaves it for another process, every
// edge that reaches it from one, and its integration with the SMS.
type Table struct {
	// Name is the table's name ("A.13").
	Name string `json:"name"`
	// Process is the node of the process the table is about.
	Process Node `json:"process"`
	// Out are the edges from the process to other processes; In the edges
	// from other processes to it; both in graph order.
	Out []Edge `json:"out"`
	In  []Edge `json:"in"`
	// SMS are the process-specific edges between the process and an SMS
	// element, either way, in graph order.
	SMS []Edge `json:"sms"`
	// Generic is the integration every process has with the SMS elements
	// (Node.Generic), in node order.
	Generic []Integration `json:"generic"`
}

// Integration is one generic point where a process meets an SMS element
// (ISO/IEC 20000-2:2012, Annex A: the SMS integration of each table).
type Integration struct {
	Element   NodeID    `json:"element"`
	Direction Direction `json:"direction"`
	Clause    string    `json:"clause"`
	Carries   string    `json:"carries,omitempty"`
}

// Table returns the table with the given name ("A.13"), or an error
// wrapping [process.ErrNotFound].
func (g *Graph) Table(name string) (Table, error) {
	i, ok := g.tables[name]
	if !ok {
		return Table{}, fmt.Errorf("interfaces: table %q: %w", name, process.ErrNotFound)
	}
	n := g.nodes[i]
	t := Table{Name: name, Process: n.clone(), Out: []Edge{}, In: []Edge{}, SMS: []Edge{}, Generic: []Integration{}}
	for _, j := range g.touching(n.ID) {
		e := g.edges[j]
		if !slices.Contains(e.Tables, name) {
			continue
		}
		switch {
		case e.From.SMS() || e.To.SMS():
			t.SMS = append(t.SMS, e.clone())
		case e.From == n.ID:
			t.Out = append(t.Out, e.clone())
		default:
			t.In = append(t.In, e.clone())
		}
	}
	for _, m := range g.nodes {
		if m.ID.SMS() && m.Generic != "" {
			t.Generic = append(t.Generic, Integration{Element: m.ID, Direction: m.Generic, Clause: m.Clause, Carries: m.Integration})
		}
	}
	return t, nil
}

// Tables returns every table of the graph in table order (A.1 to A.14, then
// other names sorted).
func (g *Graph) Tables() []Table {
	names := make([]string, 0, len(g.tables))
	for name := range g.tables {
		names = append(names, name)
	}
	slices.SortFunc(names, compareTables)
	ts := make([]Table, len(names))
	for i, name := range names {
		ts[i], _ = g.Table(name)
	}
	return ts
}

// compareTables orders table names by their number after "A." when both
// have one, then as text.
func compareTables(a, b string) int {
	na, oka := tableNumber(a)
	nb, okb := tableNumber(b)
	switch {
	case oka && okb:
		return cmp.Or(cmp.Compare(na, nb), strings.Compare(a, b))
	case oka:
		return -1
	case okb:
		return 1
	}
	return strings.Compare(a, b)
}

func tableNumber(s string) (int, bool) {
	rest, ok := strings.CutPrefix(s, "A.")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil
}

// touching returns the indexes of the edges into and out of n, in graph order.
func (g *Graph) touching(n NodeID) []int {
	idx := slices.Concat(g.out[n], g.in[n])
	slices.Sort(idx)
	return slices.Compact(idx)
}

// Out returns the edges that leave node n, in graph order: the interfaces
// through which it provides or raises records.
func (g *Graph) Out(n NodeID) []Edge { return g.pick(g.out[n]) }

// In returns the edges that reach node n, in graph order: the interfaces
// through which it receives records.
func (g *Graph) In(n NodeID) []Edge { return g.pick(g.in[n]) }

// Between returns the edges between a and b in either direction, in graph
// order.
func (g *Graph) Between(a, b NodeID) []Edge {
	var idx []int
	for _, i := range g.out[a] {
		if g.edges[i].To == b {
			idx = append(idx, i)
		}
	}
	for _, i := range g.out[b] {
		if g.edges[i].To == a && a != b {
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	return g.pick(idx)
}

// Producers returns, in node order, the nodes that send records of kind k
// to another node: the sources of the edges that carry k, whether they
// provide records they own or raise records for the target to own.
func (g *Graph) Producers(k process.RecordKind) []NodeID {
	return g.endsCarrying(k, func(e Edge) NodeID { return e.From })
}

// Consumers returns, in node order, the nodes that receive records of kind k
// from another node: the targets of the edges that carry k.
func (g *Graph) Consumers(k process.RecordKind) []NodeID {
	return g.endsCarrying(k, func(e Edge) NodeID { return e.To })
}

func (g *Graph) endsCarrying(k process.RecordKind, end func(Edge) NodeID) []NodeID {
	seen := make(map[NodeID]bool)
	for _, e := range g.edges {
		if e.Carry(k) {
			seen[end(e)] = true
		}
	}
	var ns []NodeID
	for _, n := range g.nodes {
		if seen[n.ID] {
			ns = append(ns, n.ID)
		}
	}
	return ns
}

// Needs returns the record kinds node n needs from others: every kind that
// other nodes provide to it (edges in, mode [Provides]), sorted by code.
// Requests raised to it are not counted: n owns those records itself.
func (g *Graph) Needs(n NodeID) []process.RecordKind {
	var ks []process.RecordKind
	for _, i := range g.in[n] {
		if e := g.edges[i]; e.Mode == Provides {
			ks = append(ks, e.Kinds...)
		}
	}
	slices.Sort(ks)
	return slices.Compact(ks)
}

// Path is a walk along edges, each starting where the one before ended.
type Path []Edge

// Nodes returns the nodes the path visits, first to last.
func (p Path) Nodes() []NodeID {
	if len(p) == 0 {
		return nil
	}
	ns := []NodeID{p[0].From}
	for _, e := range p {
		ns = append(ns, e.To)
	}
	return ns
}

// String writes the path as "from -[ref]-> next -[ref]-> … to".
func (p Path) String() string {
	if len(p) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(string(p[0].From))
	for _, e := range p {
		b.WriteString(" -[" + e.Ref + "]-> " + string(e.To))
	}
	return b.String()
}

// ShortestPath returns a path with the fewest edges from node from to node
// to, and whether there is one: how records of one process can reach
// another, as in how a complaint reaches release planning. Among paths of
// equal length it returns the first in graph order of edges. The path from a
// node to itself is empty.
func (g *Graph) ShortestPath(from, to NodeID) (Path, bool) {
	if _, ok := g.node[from]; !ok {
		return nil, false
	}
	if _, ok := g.node[to]; !ok {
		return nil, false
	}
	if from == to {
		return Path{}, true
	}
	via := map[NodeID]int{from: -1}
	queue := []NodeID{from}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, i := range g.out[n] {
			m := g.edges[i].To
			if _, seen := via[m]; seen {
				continue
			}
			via[m] = i
			if m == to {
				var idx []int
				for at := to; via[at] >= 0; at = g.edges[via[at]].From {
					idx = append(idx, via[at])
				}
				slices.Reverse(idx)
				return Path(g.pick(idx)), true
			}
			queue = append(queue, m)
		}
	}
	return nil, false
}

// Paths yields every simple path (no node twice) from node from to node to
// with at most maxLen edges, depth first in graph order of edges. The number
// of paths grows fast with maxLen: stop the loop early, or keep maxLen
// small (the standard graph has tens of thousands of paths of length 5
// between busy processes).
func (g *Graph) Paths(from, to NodeID, maxLen int) iter.Seq[Path] {
	return func(yield func(Path) bool) {
		if _, ok := g.node[from]; !ok || from == to || maxLen < 1 {
			return
		}
		if _, ok := g.node[to]; !ok {
			return
		}
		onPath := map[NodeID]bool{from: true}
		var stack []int
		var walk func(n NodeID) bool
		walk = func(n NodeID) bool {
			for _, i := range g.out[n] {
				m := g.edges[i].To
				if onPath[m] {
					continue
				}
				stack = append(stack, i)
				if m == to {
					if !yield(Path(g.pick(stack))) {
						return false
					}
				} else if len(stack) < maxLen {
					onPath[m] = true
					ok := walk(m)
					onPath[m] = false
					if !ok {
						return false
					}
				}
				stack = stack[:len(stack)-1]
			}
			return true
		}
		walk(from)
	}
}
