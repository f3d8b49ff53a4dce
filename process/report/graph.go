package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/cmdb"
)

// Graph is a drawing of configuration items and their relationships: the
// whole CMDB ([CMDBGraph]) or the tree of what a service depends on
// ([DependencyTree]) (ISO/IEC 20000-1:2011, 9.1). It writes itself as
// Graphviz DOT and as a Mermaid flowchart, the same bytes for the same
// graph, as the interface graph does (package interfaces).
type Graph struct {
	Title string      `json:"title"`
	Nodes []GraphNode `json:"nodes"`
	Edges []GraphEdge `json:"edges"`
}

// GraphNode is a configuration item or service of a [Graph]: Label is
// its title (its short ID when it has none), Type its CI type's code
// ("service" for a service), Depth its distance from the service in a
// dependency tree (0 in a CMDB graph) (ISO/IEC 20000-1:2011, 9.1).
type GraphNode struct {
	ID      process.ID `json:"id"`
	Label   string     `json:"label"`
	Type    string     `json:"type"`
	Service bool       `json:"service,omitempty"`
	Depth   int        `json:"depth,omitempty"`
}

// GraphEdge is a relationship of a [Graph], From relating to To as Type
// ("From runs-on To") (ISO/IEC 20000-1:2011, 9.1).
type GraphEdge struct {
	From process.ID           `json:"from"`
	To   process.ID           `json:"to"`
	Type process.RelationType `json:"type"`
}

// CMDBGraph returns the CMDB held in s as a graph: every service and
// configuration item, by ID, and every relationship (those a CI holds,
// its membership of services as part-of, and the ci-relationship
// records), by from, to and type (ISO/IEC 20000-1:2011, 9.1). It returns
// the store's errors, and one wrapping [process.ErrInvalidValue] for a
// record stored as another type than its kind's.
func CMDBGraph(s process.Store) (Graph, error) {
	g := Graph{Title: "CMDB"}
	codes := map[process.ID]string{}
	types, err := load[*process.CIType](s, process.KindCIType)
	if err != nil {
		return Graph{}, err
	}
	for _, t := range types {
		codes[t.ID] = t.Code
	}
	services, err := load[*process.Service](s, process.KindService)
	if err != nil {
		return Graph{}, err
	}
	for _, v := range services {
		g.Nodes = append(g.Nodes, GraphNode{ID: v.ID, Label: cmp.Or(v.Title, v.ID.Short()), Type: string(process.KindService), Service: true})
	}
	cis, err := load[*process.ConfigurationItem](s, process.KindConfigurationItem)
	if err != nil {
		return Graph{}, err
	}
	for _, c := range cis {
		g.Nodes = append(g.Nodes, GraphNode{ID: c.ID, Label: cmp.Or(c.Title, c.ID.Short()), Type: cmp.Or(codes[c.Type], "ci")})
		for _, r := range c.Relationships {
			g.Edges = append(g.Edges, GraphEdge{From: c.ID, To: r.To, Type: r.Type})
		}
		for _, svc := range c.Services {
			g.Edges = append(g.Edges, GraphEdge{From: c.ID, To: svc, Type: process.RelationPartOf})
		}
	}
	rels, err := load[*process.CIRelationship](s, process.KindCIRelationship)
	if err != nil {
		return Graph{}, err
	}
	for _, r := range rels {
		g.Edges = append(g.Edges, GraphEdge{From: r.From, To: r.To, Type: r.Type})
	}
	slices.SortFunc(g.Nodes, func(a, b GraphNode) int { return a.ID.Compare(b.ID) })
	slices.SortFunc(g.Edges, compareEdges)
	g.Edges = slices.Compact(g.Edges)
	return g, nil
}

func compareEdges(a, b GraphEdge) int {
	return cmp.Or(a.From.Compare(b.From), a.To.Compare(b.To), cmp.Compare(a.Type, b.Type))
}

// DependencyTree returns the tree of what service depends on in the CMDB
// index x: the service, then every CI an upstream impact analysis reaches
// from it, by depth and ID, each with the relationship it was reached by,
// drawn as the CMDB records it ("mail server part-of mail", "mail server
// runs-on vm"; a relationship whose type's default flow, [cmdb.FlowOf], is
// to its target is drawn from the CI reached) (ISO/IEC 20000-1:2011, 9.1,
// 6.1: the dependencies of services and their components). Labels
// come from the records of s. It returns the index's errors (a service
// not in it wraps [process.ErrNotFound]) and the store's.
func DependencyTree(s process.Store, x *cmdb.Index, service process.ID) (Graph, error) {
	if x == nil || s == nil {
		return Graph{}, fmt.Errorf("report: dependency tree: index and store: %w", process.ErrRequired)
	}
	imp, err := x.Impact(cmdb.ImpactQuery{CIs: []process.ID{service}, Direction: cmdb.Upstream})
	if err != nil {
		return Graph{}, fmt.Errorf("report: dependency tree of %s: %w", service.Short(), err)
	}
	defer imp.Release()
	g := Graph{}
	for a := range imp.All() {
		rec, err := s.Get(a.CI)
		if err != nil {
			return Graph{}, fmt.Errorf("report: dependency tree of %s: %w", service.Short(), err)
		}
		title := rec.Meta().Title
		if a.Depth == 0 {
			g.Title = "Dependencies of " + cmp.Or(title, a.CI.Short())
		}
		g.Nodes = append(g.Nodes, GraphNode{ID: a.CI, Label: cmp.Or(title, a.CI.Short()), Type: a.Type, Service: a.Service, Depth: a.Depth})
		if p := imp.Path(a.CI); len(p) > 1 {
			e := GraphEdge{From: p[len(p)-2].CI, To: a.CI, Type: p[len(p)-1].Relation}
			if cmdb.FlowOf(e.Type) == cmdb.FlowToTarget {
				// A part's failure reaches the whole: the walk up from the
				// whole went against the relationship "part part-of whole".
				e.From, e.To = e.To, e.From
			}
			g.Edges = append(g.Edges, e)
		}
	}
	slices.SortFunc(g.Nodes, func(a, b GraphNode) int { return cmp.Or(a.Depth-b.Depth, a.ID.Compare(b.ID)) })
	slices.SortFunc(g.Edges, compareEdges)
	return g, nil
}

// WriteDOT writes the graph in Graphviz DOT: services as rounded boxes,
// CIs as boxes labelled with title and type, relationships labelled with
// their type (ISO/IEC 20000-1:2011, 9.1).
func (g Graph) WriteDOT(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "digraph cmdb {\n")
	fmt.Fprintf(b, "\tgraph [label=%s, labelloc=t, rankdir=LR, fontname=\"Helvetica\"];\n", dotQuote(g.Title))
	fmt.Fprintf(b, "\tnode [shape=box, fontname=\"Helvetica\", fontsize=10];\n")
	fmt.Fprintf(b, "\tedge [fontname=\"Helvetica\", fontsize=8];\n")
	for _, n := range g.Nodes {
		style := `style=filled, fillcolor="#eeeeee"`
		if n.Service {
			style = `style="rounded,filled", fillcolor="#cfe2f3"`
		}
		fmt.Fprintf(b, "\t%s [label=%s, %s];\n", dotQuote(n.ID.String()), dotQuote(n.Label+"\n"+n.Type), style)
	}
	for _, e := range g.Edges {
		fmt.Fprintf(b, "\t%s -> %s [label=%s];\n", dotQuote(e.From.String()), dotQuote(e.To.String()), dotQuote(string(e.Type)))
	}
	fmt.Fprintf(b, "}\n")
	if err := b.Flush(); err != nil {
		return fmt.Errorf("report: dot: %w", err)
	}
	return nil
}

// WriteMermaid writes the graph as a Mermaid flowchart: services as
// stadiums, CIs as boxes, relationships labelled with their type
// (ISO/IEC 20000-1:2011, 9.1).
func (g Graph) WriteMermaid(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "---\ntitle: \"%s\"\n---\nflowchart LR\n", mermaidText(g.Title))
	for _, n := range g.Nodes {
		open, end := "[\"", "\"]"
		if n.Service {
			open, end = "([\"", "\"])"
		}
		fmt.Fprintf(b, "\t%s%s%s<br/>%s%s\n", mermaidID(n.ID), open, mermaidText(n.Label), mermaidText(n.Type), end)
	}
	for _, e := range g.Edges {
		fmt.Fprintf(b, "\t%s -->|\"%s\"| %s\n", mermaidID(e.From), mermaidText(string(e.Type)), mermaidID(e.To))
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("report: mermaid: %w", err)
	}
	return nil
}

// dotQuote quotes s as a DOT string.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "")
	return `"` + r.Replace(s) + `"`
}

// mermaidID is the Mermaid node name of id: letters and digits only.
func mermaidID(id process.ID) string {
	return "n" + strings.ReplaceAll(id.String(), "-", "")
}

// mermaidText escapes text for a quoted Mermaid label.
func mermaidText(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "\n", " ", "<", "#lt;", ">", "#gt;", "|", "#124;")
	return r.Replace(s)
}
