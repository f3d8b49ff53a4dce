package interfaces

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"reflect"
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	processtest.Golden(t, name, got, *update)
}

func TestExportGolden(t *testing.T) {
	g := Standard()
	table, err := g.TableView("A.13")
	if err != nil {
		t.Fatal(err)
	}
	sub, err := g.Subgraph(isr, prb, chg, rdm, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		view View
	}{
		{"standard", g.View()},
		{"table-A.13", table},
		{"subgraph-resolution-control", sub},
	} {
		for _, f := range []struct {
			ext   string
			write func(View, *bytes.Buffer) error
		}{
			{"json", func(v View, b *bytes.Buffer) error { return v.WriteJSON(b) }},
			{"dot", func(v View, b *bytes.Buffer) error { return v.WriteDOT(b) }},
			{"mmd", func(v View, b *bytes.Buffer) error { return v.WriteMermaid(b) }},
		} {
			t.Run(c.name+"."+f.ext, func(t *testing.T) {
				var b bytes.Buffer
				if err := f.write(c.view, &b); err != nil {
					t.Fatal(err)
				}
				golden(t, c.name+"."+f.ext, b.Bytes())
			})
		}
	}
}

func TestExportStyles(t *testing.T) {
	g := Standard()
	var dot, mmd bytes.Buffer
	if err := g.View().WriteDOT(&dot); err != nil {
		t.Fatal(err)
	}
	if err := g.View().WriteMermaid(&mmd); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"change" -> "information-security" [label="44", style=solid`,                     // required
		`"change" -> "service-level" [label="73", style=dashed`,                           // expected
		`"design-transition" -> "change" [label="2 raises", style=solid, arrowhead=empty`, // raises
		`subgraph "cluster_control"`,
	} {
		if !strings.Contains(dot.String(), want) {
			t.Errorf("DOT lacks %q", want)
		}
	}
	for _, want := range []string{
		`change -->|"44"| information_security`,
		`change -.->|"73"| service_level`,
		`classDef control fill:#e8dcf2`,
		`subgraph g_sms["Service management system (Clause 4)"]`,
	} {
		if !strings.Contains(mmd.String(), want) {
			t.Errorf("Mermaid lacks %q", want)
		}
	}
	if got, want := strings.Count(dot.String(), "style=dashed"), 31; got != want {
		t.Errorf("dashed edges in DOT: got %d, want %d", got, want)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	g := Standard()
	data, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeJSON(data)
	if err != nil {
		t.Fatalf("DecodeJSON: %v", err)
	}
	if !reflect.DeepEqual(back.Nodes(), g.Nodes()) || !reflect.DeepEqual(back.Edges(), g.Edges()) {
		t.Errorf("round trip changed the graph")
	}
	again, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, data) {
		t.Errorf("second encoding differs from the first")
	}
}

func TestDecodeJSONErrors(t *testing.T) {
	for _, c := range []struct {
		name, data string
		want       error
	}{
		{"unknown field", `{"nodes":[],"edges":[],"colour":"red"}`, nil},
		{"unknown mode", `{"nodes":[],"edges":[{"from":"change","to":"problem","mode":"pushes","kinds":["request-for-change"],"basis":"expected"}]}`, process.ErrInvalidValue},
		{"unknown kind", `{"nodes":[],"edges":[{"from":"change","to":"problem","mode":"provides","kinds":["widget"],"basis":"expected"}]}`, process.ErrUnknownKind},
		{"unknown node", `{"nodes":[{"id":"sales","title":"Sales"}],"edges":[]}`, ErrUnknownNode},
		{"invalid graph", `{"nodes":[{"id":"change","title":"Change","table":"A.13"}],"edges":[]}`, ErrIsolated},
		{"trailing data", `{"nodes":[],"edges":[]} {}`, process.ErrInvalidValue},
		{"not json", `nodes`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			g, err := DecodeJSON([]byte(c.data))
			if err == nil || g != nil {
				t.Fatalf("got %v, %v; want an error", g, err)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("got %v, want %v", err, c.want)
			}
		})
	}
}

func TestSubgraphUnknownNode(t *testing.T) {
	if _, err := Standard().Subgraph(chg, "sales"); !errors.Is(err, ErrUnknownNode) {
		t.Errorf("got %v, want ErrUnknownNode", err)
	}
	if _, err := Standard().TableView("A.0"); !errors.Is(err, process.ErrNotFound) {
		t.Errorf("got %v, want ErrNotFound", err)
	}
}
