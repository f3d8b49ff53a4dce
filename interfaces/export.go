package interfaces

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/smskit/iso20000/process"
)

// View is a part of a graph chosen for export: the whole graph, one table or
// a subgraph. It writes itself as JSON, Graphviz DOT and Mermaid. A View is
// an immutable value, safe for concurrent use.
type View struct {
	title string
	nodes []Node
	edges []Edge
}

// View returns the whole graph for export.
func (g *Graph) View() View {
	return View{title: "ISO/IEC 20000 process interfaces", nodes: g.Nodes(), edges: g.Edges()}
}

// TableView returns one table for export: the table's process, the edges of
// the table (out, in and its process-specific SMS edges) and the nodes at
// their other ends, in graph order. The generic SMS integration of every
// table is not drawn. An unknown table is an error wrapping
// [process.ErrNotFound].
func (g *Graph) TableView(name string) (View, error) {
	t, err := g.Table(name)
	if err != nil {
		return View{}, err
	}
	keep := map[NodeID]bool{t.Process.ID: true}
	var edges []Edge
	for _, i := range g.touching(t.Process.ID) {
		if e := g.edges[i]; slices.Contains(e.Tables, name) {
			edges = append(edges, e.clone())
			keep[e.From], keep[e.To] = true, true
		}
	}
	return View{title: "Table " + name + ": " + t.Process.Title, nodes: g.keepNodes(keep), edges: edges}, nil
}

// Subgraph returns the given nodes and every edge between two of them for
// export, in graph order. A node not in the graph is an error wrapping
// [ErrUnknownNode]. The JSON of a subgraph need not pass [New]: a process
// may be left with no edge.
func (g *Graph) Subgraph(ids ...NodeID) (View, error) {
	keep := make(map[NodeID]bool, len(ids))
	for _, id := range ids {
		if _, ok := g.node[id]; !ok {
			return View{}, fmt.Errorf("interfaces: subgraph: node %q: %w", id, ErrUnknownNode)
		}
		keep[id] = true
	}
	var edges []Edge
	for _, e := range g.edges {
		if keep[e.From] && keep[e.To] {
			edges = append(edges, e.clone())
		}
	}
	labels := make([]string, 0, len(ids))
	for _, n := range g.keepNodes(keep) {
		labels = append(labels, n.Label())
	}
	return View{title: "Interfaces between " + strings.Join(labels, ", "), nodes: g.keepNodes(keep), edges: edges}, nil
}

func (g *Graph) keepNodes(keep map[NodeID]bool) []Node {
	var ns []Node
	for _, n := range g.nodes {
		if keep[n.ID] {
			ns = append(ns, n.clone())
		}
	}
	return ns
}

// Nodes returns the view's nodes in graph order.
func (v View) Nodes() []Node {
	ns := make([]Node, len(v.nodes))
	for i, n := range v.nodes {
		ns[i] = n.clone()
	}
	return ns
}

// Edges returns the view's edges in graph order.
func (v View) Edges() []Edge {
	es := make([]Edge, len(v.edges))
	for i, e := range v.edges {
		es[i] = e.clone()
	}
	return es
}

// document is the JSON form of a graph: what New takes.
type document struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// WriteJSON writes the view as an indented JSON object {"nodes": […],
// "edges": […]}; for the whole graph, [DecodeJSON] reads it back into an
// equal graph.
func (v View) WriteJSON(w io.Writer) error {
	doc := document{Nodes: v.nodes, Edges: v.edges}
	if doc.Nodes == nil {
		doc.Nodes = []Node{}
	}
	if doc.Edges == nil {
		doc.Edges = []Edge{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("interfaces: write json: %w", err)
	}
	return nil
}

// MarshalJSON encodes the whole graph as [View.WriteJSON] does.
func (g *Graph) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := g.View().WriteJSON(&b); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(b.Bytes()), nil
}

// DecodeJSON reads a graph from the JSON that [View.WriteJSON] writes and
// builds it with [New]. Unknown fields, nodes, record kinds, modes and bases
// are errors; so is anything New finds.
func DecodeJSON(data []byte) (*Graph, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var doc document
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("interfaces: decode graph: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("interfaces: decode graph: data after the graph: %w", process.ErrInvalidValue)
	}
	return New(doc.Nodes, doc.Edges)
}

// groupStyle is how diagrams show each group: a title and a fill colour.
var groupStyle = map[string][2]string{
	string(process.GroupDesignTransition): {process.GroupDesignTransition.String(), "#fde2c8"},
	string(process.GroupServiceDelivery):  {process.GroupServiceDelivery.String(), "#d6e9f8"},
	string(process.GroupRelationship):     {process.GroupRelationship.String(), "#e2f0d9"},
	string(process.GroupResolution):       {process.GroupResolution.String(), "#f8d7da"},
	string(process.GroupControl):          {process.GroupControl.String(), "#e8dcf2"},
	GroupSMS:                              {"Service management system (Clause 4)", "#eeeeee"},
	GroupCustom:                           {"Other nodes", "#ffffff"},
}

// groupOrder lists the groups in the order diagrams draw them.
var groupOrder = [...]string{
	string(process.GroupDesignTransition), string(process.GroupServiceDelivery), string(process.GroupRelationship),
	string(process.GroupResolution), string(process.GroupControl), GroupSMS, GroupCustom,
}

// nodeLabel is how diagrams name a node: code, title and clause.
func nodeLabel(n Node) (code, detail string) {
	detail = n.Title
	if n.Clause != "" {
		detail += " (" + n.Clause + ")"
	}
	return n.Label(), detail
}

// edgeLabel is how diagrams name an edge: its ref, and "raises" for a
// raising edge.
func edgeLabel(e Edge) string {
	l := e.Ref
	if e.Mode == Raises {
		l = strings.TrimSpace(l + " raises")
	}
	return l
}

// WriteDOT writes the view as a Graphviz digraph: nodes clustered and
// coloured by group, required edges solid, expected edges dashed, raising
// edges with a hollow arrowhead; each edge labelled with its ref and with the
// record kinds as its tooltip.
func (v View) WriteDOT(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "digraph interfaces {\n")
	fmt.Fprintf(b, "\tgraph [label=%s, labelloc=t, rankdir=LR, fontname=\"Helvetica\"];\n", dotQuote(v.title))
	fmt.Fprintf(b, "\tnode [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n")
	fmt.Fprintf(b, "\tedge [fontname=\"Helvetica\", fontsize=8];\n")
	for _, grp := range groupOrder {
		var ns []Node
		for _, n := range v.nodes {
			if n.Group() == grp {
				ns = append(ns, n)
			}
		}
		if len(ns) == 0 {
			continue
		}
		st := groupStyle[grp]
		fmt.Fprintf(b, "\tsubgraph %s {\n", dotQuote("cluster_"+grp))
		fmt.Fprintf(b, "\t\tlabel=%s; style=dotted;\n", dotQuote(st[0]))
		for _, n := range ns {
			code, detail := nodeLabel(n)
			fmt.Fprintf(b, "\t\t%s [label=%s, tooltip=%s, fillcolor=%s];\n",
				dotQuote(string(n.ID)), dotQuote(code+"\n"+detail), dotQuote(detail), dotQuote(st[1]))
		}
		fmt.Fprintf(b, "\t}\n")
	}
	for _, e := range v.edges {
		style := "solid"
		if e.Basis != Required {
			style = "dashed"
		}
		arrow := "normal"
		if e.Mode == Raises {
			arrow = "empty"
		}
		fmt.Fprintf(b, "\t%s -> %s [label=%s, style=%s, arrowhead=%s, tooltip=%s];\n",
			dotQuote(string(e.From)), dotQuote(string(e.To)), dotQuote(edgeLabel(e)), style, arrow, dotQuote(edgeTooltip(e)))
	}
	fmt.Fprintf(b, "}\n")
	if err := b.Flush(); err != nil {
		return fmt.Errorf("interfaces: write dot: %w", err)
	}
	return nil
}

func edgeTooltip(e Edge) string {
	ks := make([]string, len(e.Kinds))
	for i, k := range e.Kinds {
		ks[i] = string(k)
	}
	s := string(e.Mode) + " " + strings.Join(ks, ", ")
	if e.Carries != "" {
		s += ": " + e.Carries
	}
	if len(e.Clauses) > 0 {
		s += " (" + string(e.Basis) + " " + strings.Join(e.Clauses, ", ") + ")"
	} else {
		s += " (" + string(e.Basis) + ")"
	}
	return s
}

// dotQuote returns s as a DOT quoted string.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "")
	return `"` + r.Replace(s) + `"`
}

// WriteMermaid writes the view as a Mermaid flowchart: nodes in one
// subgraph per group and styled by group, required edges solid (-->),
// expected edges dashed (-.->), each labelled with its ref.
func (v View) WriteMermaid(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "---\ntitle: \"%s\"\n---\nflowchart LR\n", mermaidText(v.title))
	for _, grp := range groupOrder {
		var ns []Node
		for _, n := range v.nodes {
			if n.Group() == grp {
				ns = append(ns, n)
			}
		}
		if len(ns) == 0 {
			continue
		}
		fmt.Fprintf(b, "  subgraph %s[\"%s\"]\n", mermaidID("g-"+grp), mermaidText(groupStyle[grp][0]))
		for _, n := range ns {
			code, detail := nodeLabel(n)
			fmt.Fprintf(b, "    %s[\"%s<br/>%s\"]:::%s\n", mermaidID(string(n.ID)), mermaidText(code), mermaidText(detail), mermaidID(grp))
		}
		fmt.Fprintf(b, "  end\n")
	}
	for _, e := range v.edges {
		arrow := "-->"
		if e.Basis != Required {
			arrow = "-.->"
		}
		fmt.Fprintf(b, "  %s %s|\"%s\"| %s\n", mermaidID(string(e.From)), arrow, mermaidText(edgeLabel(e)), mermaidID(string(e.To)))
	}
	for _, grp := range groupOrder {
		fmt.Fprintf(b, "  classDef %s fill:%s,stroke:#555555\n", mermaidID(grp), groupStyle[grp][1])
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("interfaces: write mermaid: %w", err)
	}
	return nil
}

// mermaidID turns a node ID into a Mermaid identifier: letters, digits and
// underscores only.
func mermaidID(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, s)
}

// mermaidText escapes text for a quoted Mermaid label.
func mermaidText(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "\n", " ", "<", "#lt;", ">", "#gt;")
	return r.Replace(s)
}
