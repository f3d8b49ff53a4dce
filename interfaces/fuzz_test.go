package interfaces

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzNew decodes JSON into a graph document and builds it with New: no
// input may panic, and a graph that validates writes itself as JSON that
// decodes into an equal graph.
func FuzzNew(f *testing.F) {
	std, err := json.Marshal(Standard())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(std)
	f.Add([]byte(`{"nodes":[],"edges":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := DecodeJSON(data)
		if err != nil {
			if g != nil {
				t.Fatalf("got a graph and an error")
			}
			return
		}
		var b bytes.Buffer
		if err := g.View().WriteJSON(&b); err != nil {
			t.Fatalf("WriteJSON of a valid graph: %v", err)
		}
		back, err := DecodeJSON(b.Bytes())
		if err != nil {
			t.Fatalf("round trip: %v\n%s", err, b.Bytes())
		}
		if !reflect.DeepEqual(back.Nodes(), g.Nodes()) || !reflect.DeepEqual(back.Edges(), g.Edges()) {
			t.Fatalf("round trip changed the graph")
		}
		// The queries must not panic on any valid graph either.
		for _, tb := range g.Tables() {
			_ = tb
		}
		for _, n := range g.Nodes() {
			g.ShortestPath(n.ID, g.Nodes()[0].ID)
			for range g.Paths(n.ID, g.Nodes()[0].ID, 3) {
				break
			}
		}
	})
}
