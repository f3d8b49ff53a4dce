package interfaces

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// smallNodes and smallEdges make a valid graph of three processes and one
// SMS element, for tests that change one thing at a time.
func smallNodes() []Node {
	return []Node{
		{ID: isr, Code: "ISR", Title: "Incident and service request management", Clause: "8.1", Table: "A.10"},
		{ID: cfg, Code: "CFG", Title: "Configuration management", Clause: "9.1", Table: "A.12"},
		{ID: chg, Code: "CHG", Title: "Change management", Clause: "9.2", Table: "A.13"},
		{ID: Improvement, Code: "IMP", Title: "Continual improvement", Clause: "4.5.5", Generic: FromProcess},
	}
}

func smallEdges() []Edge {
	return []Edge{
		{Ref: "66", From: cfg, To: chg, Mode: Provides, Kinds: []process.RecordKind{process.KindConfigurationItem}, Basis: Required, Clauses: []string{"9.1"}, Tables: []string{"A.12", "A.13"}},
		{Ref: "67", From: chg, To: cfg, Mode: Provides, Kinds: []process.RecordKind{process.KindRequestForChange}, Basis: Required, Clauses: []string{"9.2"}, Tables: []string{"A.12", "A.13"}},
		{Ref: "57", From: cfg, To: isr, Mode: Provides, Kinds: []process.RecordKind{process.KindConfigurationItem}, Basis: Required, Clauses: []string{"8.1"}, Tables: []string{"A.10", "A.12"}},
		{Ref: "58", From: isr, To: chg, Mode: Raises, Kinds: []process.RecordKind{process.KindRequestForChange}, Basis: Expected, Tables: []string{"A.10", "A.13"}},
		{Ref: "S6", From: chg, To: Improvement, Mode: Provides, Kinds: []process.RecordKind{process.KindPostImplementationReview}, Basis: Required, Clauses: []string{"9.2"}, Tables: []string{"A.13"}},
	}
}

func TestNewValid(t *testing.T) {
	g, err := New(smallNodes(), smallEdges())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if got := len(g.Edges()); got != 5 {
		t.Errorf("edges: got %d, want 5", got)
	}
}

func validationFields(t *testing.T, err error) *process.ValidationError {
	t.Helper()
	var ve *process.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v, want a *process.ValidationError", err)
	}
	if !errors.Is(err, process.ErrInvalid) {
		t.Errorf("errors.Is(err, ErrInvalid) = false")
	}
	return ve
}

func TestNewInvalid(t *testing.T) {
	type want struct {
		path string
		err  error
	}
	for _, c := range []struct {
		name  string
		nodes func([]Node) []Node
		edges func([]Edge) []Edge
		want  []want
	}{
		{
			name:  "unknown node in the list",
			nodes: func(ns []Node) []Node { return append(ns, Node{ID: "sales", Title: "Sales"}) },
			want:  []want{{"nodes[4].id", ErrUnknownNode}},
		},
		{
			name:  "duplicate node",
			nodes: func(ns []Node) []Node { return append(ns, ns[0]) },
			want:  []want{{"nodes[4].id", process.ErrExists}},
		},
		{
			name:  "edge to a node not in the graph",
			edges: func(es []Edge) []Edge { es[0].To = "x-sales"; return es },
			want:  []want{{"edges[0].to", ErrUnknownNode}},
		},
		{
			name:  "unknown record kind",
			edges: func(es []Edge) []Edge { es[0].Kinds = []process.RecordKind{"widget"}; return es },
			want:  []want{{"edges[0].kinds[0]", process.ErrUnknownKind}},
		},
		{
			name:  "self-loop",
			edges: func(es []Edge) []Edge { es[0].To = cfg; es[0].Tables = []string{"A.12"}; return es },
			want:  []want{{"edges[0]", ErrSelfLoop}},
		},
		{
			name: "duplicate edge",
			edges: func(es []Edge) []Edge {
				d := es[0].clone()
				d.Ref = "66b"
				return append(es, d)
			},
			want: []want{{"edges[5]", ErrDuplicateEdge}},
		},
		{
			name:  "providing edge with a kind the source does not own",
			edges: func(es []Edge) []Edge { es[0].Kinds = append(es[0].Kinds, process.KindRequestForChange); return es },
			want:  []want{{"edges[0].kinds[1]", ErrOwnership}},
		},
		{
			name:  "raising edge with a kind the target does not own",
			edges: func(es []Edge) []Edge { es[3].Kinds = []process.RecordKind{process.KindIncident}; return es },
			want:  []want{{"edges[3].kinds[0]", ErrOwnership}},
		},
		{
			name:  "table of neither end",
			edges: func(es []Edge) []Edge { es[0].Tables = []string{"A.10", "A.12", "A.13"}; return es },
			want:  []want{{"edges[0].tables[0]", ErrTable}},
		},
		{
			name:  "table of one end missing",
			edges: func(es []Edge) []Edge { es[0].Tables = []string{"A.12"}; return es },
			want:  []want{{"edges[0].tables", ErrTable}},
		},
		{
			name:  "edge in no table",
			edges: func(es []Edge) []Edge { es[0].Tables = nil; return es },
			want:  []want{{"edges[0].tables", process.ErrRequired}},
		},
		{
			name:  "empty table reference",
			edges: func(es []Edge) []Edge { es[0].Tables = append(es[0].Tables, ""); return es },
			want:  []want{{"edges[0].tables[2]", process.ErrRequired}},
		},
		{
			name:  "isolated process with an empty table",
			nodes: func(ns []Node) []Node { return append(ns, Node{ID: prb, Title: "Problem management", Table: "A.11"}) },
			want:  []want{{"nodes[4]", ErrIsolated}, {"nodes[4].table", ErrEmptyTable}},
		},
		{
			name: "missing mode, basis and clauses",
			edges: func(es []Edge) []Edge {
				es[0].Mode, es[1].Basis, es[2].Clauses = "", "maybe", nil
				return es
			},
			want: []want{{"edges[0].mode", process.ErrRequired}, {"edges[1].basis", process.ErrInvalidValue}, {"edges[2].clauses", process.ErrRequired}},
		},
		{
			name: "blank title and clauses",
			nodes: func(ns []Node) []Node {
				ns[1].Title, ns[2].Clauses2018 = " ", []string{"8.5.1", ""}
				return ns
			},
			edges: func(es []Edge) []Edge { es[0].Clauses = []string{"9.1", " "}; return es },
			want:  []want{{"nodes[1].title", process.ErrRequired}, {"nodes[2].clauses2018[1]", process.ErrRequired}, {"edges[0].clauses[1]", process.ErrRequired}},
		},
		{
			name:  "process without a table",
			nodes: func(ns []Node) []Node { ns[0].Table = ""; return ns },
			want:  []want{{"nodes[0].table", process.ErrRequired}, {"edges[2].tables[0]", ErrTable}, {"edges[3].tables[0]", ErrTable}},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			ns, es := smallNodes(), smallEdges()
			if c.nodes != nil {
				ns = c.nodes(ns)
			}
			if c.edges != nil {
				es = c.edges(es)
			}
			g, err := New(ns, es)
			if g != nil {
				t.Errorf("got a graph, want nil")
			}
			ve := validationFields(t, err)
			for _, w := range c.want {
				if !ve.Has(w.path, w.err) {
					t.Errorf("got %v, want %s: %v", err, w.path, w.err)
				}
			}
			if len(ve.Fields) != len(c.want) {
				t.Errorf("got %d findings (%v), want %d", len(ve.Fields), err, len(c.want))
			}
		})
	}
}

// TestNewAllProblemsTogether builds a graph with every kind of problem at
// once and checks New reports each.
func TestNewAllProblemsTogether(t *testing.T) {
	ns := append(smallNodes(),
		Node{ID: "sales", Title: "Sales"},
		Node{ID: prb, Title: "Problem management", Table: "A.11"},
	)
	es := smallEdges()
	es[0].Kinds = append(es[0].Kinds, "widget", process.KindIncident)
	es[1].Tables = []string{"A.1", "A.12", "A.13"}
	es = append(es,
		Edge{Ref: "loop", From: chg, To: chg, Mode: Provides, Kinds: []process.RecordKind{process.KindRequestForChange}, Basis: Expected, Tables: []string{"A.13"}},
		Edge{Ref: "dup", From: cfg, To: chg, Mode: Provides, Kinds: []process.RecordKind{process.KindConfigurationItem}, Basis: Expected, Tables: []string{"A.12", "A.13"}},
		Edge{Ref: "ghost", From: "x-ghost", To: chg, Mode: Raises, Kinds: []process.RecordKind{process.KindRequestForChange}, Basis: Expected},
		Edge{Ref: "untabled", From: isr, To: cfg, Mode: Provides, Kinds: []process.RecordKind{process.KindIncident}, Basis: Expected, Tables: []string{""}},
	)
	_, err := New(ns, es)
	ve := validationFields(t, err)
	for _, w := range []struct {
		path string
		err  error
	}{
		{"nodes[4].id", ErrUnknownNode},
		{"nodes[5]", ErrIsolated},
		{"nodes[5].table", ErrEmptyTable},
		{"edges[0].kinds[1]", process.ErrUnknownKind},
		{"edges[0].kinds[2]", ErrOwnership},
		{"edges[1].tables[0]", ErrTable},
		{"edges[5]", ErrSelfLoop},
		{"edges[6]", ErrDuplicateEdge},
		{"edges[7].from", ErrUnknownNode},
		{"edges[8].tables[0]", process.ErrRequired},
		{"edges[8].tables", ErrTable},
	} {
		if !ve.Has(w.path, w.err) {
			t.Errorf("missing %s: %v", w.path, w.err)
		}
	}
	for _, sentinel := range []error{ErrUnknownNode, ErrIsolated, ErrEmptyTable, process.ErrUnknownKind, ErrOwnership, ErrTable, ErrSelfLoop, ErrDuplicateEdge} {
		if !errors.Is(err, sentinel) {
			t.Errorf("errors.Is(err, %v) = false", sentinel)
		}
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "interfaces: interface graph invalid: ") {
		t.Errorf("message: got %q", msg)
	}
}

func TestNewCopiesInput(t *testing.T) {
	ns, es := smallNodes(), smallEdges()
	g, err := New(ns, es)
	if err != nil {
		t.Fatal(err)
	}
	es[0].Kinds[0] = process.KindIncident
	ns[0].Title = "changed"
	got := g.Edges()
	if got[0].Kinds[0] != process.KindConfigurationItem {
		t.Errorf("graph changed with its input: %v", got[0].Kinds)
	}
	got[0].Kinds[0] = process.KindIncident
	if g.Edges()[0].Kinds[0] != process.KindConfigurationItem {
		t.Errorf("graph changed through Edges()")
	}
	if n, _ := g.Node(isr); n.Title == "changed" {
		t.Errorf("graph changed through its nodes")
	}
}

func TestStandardShared(t *testing.T) {
	var wg sync.WaitGroup
	gs := make([]*Graph, 8)
	for i := range gs {
		wg.Go(func() {
			gs[i] = Standard()
			_, _ = gs[i].Table("A.13")
			_, _ = gs[i].ShortestPath(brm, rdm)
		})
	}
	wg.Wait()
	for _, g := range gs {
		if g != gs[0] {
			t.Fatalf("Standard returned different graphs")
		}
	}
}

func TestNodeID(t *testing.T) {
	for _, c := range []struct {
		id                 NodeID
		valid, sms, custom bool
		process            process.Process
	}{
		{"change", true, false, false, process.ChangeManagement},
		{Improvement, true, true, false, ""},
		{"x-demand", false, false, true, ""},
		{"x-", false, false, false, ""},
		{"", false, false, false, ""},
	} {
		if got := c.id.Valid(); got != c.valid {
			t.Errorf("%q.Valid() = %v, want %v", c.id, got, c.valid)
		}
		if got := c.id.SMS(); got != c.sms {
			t.Errorf("%q.SMS() = %v, want %v", c.id, got, c.sms)
		}
		if got := c.id.Custom(); got != c.custom {
			t.Errorf("%q.Custom() = %v, want %v", c.id, got, c.custom)
		}
		if got := c.id.Process(); got != c.process {
			t.Errorf("%q.Process() = %v, want %v", c.id, got, c.process)
		}
		// Processes, SMS elements and custom nodes read and write as their
		// codes, "" as unset; any other is refused, leaving the node as it was.
		ok := c.valid || c.custom || c.id == ""
		back := NodeID("plan")
		err := back.UnmarshalText([]byte(c.id))
		switch {
		case ok && (err != nil || back != c.id):
			t.Errorf("UnmarshalText(%q): got %q, %v, want it back", c.id, back, err)
		case !ok && (!errors.Is(err, ErrUnknownNode) || !errors.Is(err, process.ErrInvalidValue) || back != "plan"):
			t.Errorf("UnmarshalText(%q): got %q, %v, want an unknown node, unchanged", c.id, back, err)
		}
		b, err := c.id.MarshalText()
		if ok != (err == nil) || (ok && string(b) != string(c.id)) {
			t.Errorf("MarshalText(%q): got %q, %v, want ok=%v", c.id, b, err, ok)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "interfaces: unknown node ") {
			t.Errorf("MarshalText(%q): message %q lacks the package's prefix", c.id, err)
		}
	}
}

func TestEnumsText(t *testing.T) {
	for _, m := range []Mode{Provides, Raises} {
		t.Run("mode "+string(m), func(t *testing.T) { processtest.EnumText(t, m) })
	}
	for _, b := range []Basis{Required, Expected} {
		t.Run("basis "+string(b), func(t *testing.T) { processtest.EnumText(t, b) })
	}
	for _, d := range []Direction{ToProcess, FromProcess, Both} {
		t.Run("direction "+string(d), func(t *testing.T) { processtest.EnumText(t, d) })
	}
	for _, k := range findingOrder {
		t.Run("finding "+string(k), func(t *testing.T) { processtest.EnumText(t, k) })
	}
	if got := Mode("x").String(); got != "%!Mode(x)" {
		t.Errorf("Mode.String: got %q", got)
	}
}

// TestEdgeUnsetFields decodes an edge without mode and basis: the JSON
// reads, and New reports both fields as required, not as invalid values.
func TestEdgeUnsetFields(t *testing.T) {
	_, err := DecodeJSON([]byte(`{"nodes":[],"edges":[{"from":"change","to":"problem","mode":"","kinds":["request-for-change"]}]}`))
	ve := validationFields(t, err)
	for _, path := range []string{"edges[0].mode", "edges[0].basis"} {
		if !ve.Has(path, process.ErrRequired) {
			t.Errorf("missing %s: required in %v", path, err)
		}
	}
	if ve.Package != "interfaces" {
		t.Errorf("package: got %q, want interfaces", ve.Package)
	}
}

func TestOwnerOfSMSKinds(t *testing.T) {
	for _, k := range process.Kinds() {
		o := Owner(k)
		switch {
		case k.SMS() && !o.SMS():
			t.Errorf("Owner(%s) = %q, want an SMS element", k, o)
		case !k.SMS() && o != ProcessNode(k.Owner()):
			t.Errorf("Owner(%s) = %q, want %s", k, o, k.Owner())
		}
	}
	if o := Owner("x-thing"); o != "" {
		t.Errorf("Owner(custom) = %q, want none", o)
	}
	if !slices.Contains(smsElements[:], Owner(process.KindImprovement)) {
		t.Errorf("improvement has no SMS owner")
	}
}
