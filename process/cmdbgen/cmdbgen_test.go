package cmdbgen

import (
	"reflect"
	"testing"
)

func TestGenerate(t *testing.T) {
	cfg := Config{CIs: 10_000, Relations: 50_000, Seed: 3}
	g := Generate(cfg)
	if got, want := len(g.IDs), cfg.CIs; got != want {
		t.Fatalf("got %d CIs, want %d", got, want)
	}
	if got, want := len(g.From), cfg.Relations; got != want {
		t.Fatalf("got %d relationships, want %d", got, want)
	}
	if !reflect.DeepEqual(g, Generate(cfg)) {
		t.Fatal("two graphs from one config differ")
	}
	if reflect.DeepEqual(g.IDs, Generate(Config{CIs: 10_000, Relations: 50_000, Seed: 4}).IDs) {
		t.Fatal("graphs from two seeds have the same IDs")
	}
	seen := make(map[[16]byte]bool, len(g.IDs))
	for _, id := range g.IDs {
		if seen[id] {
			t.Fatalf("id %x twice", id)
		}
		seen[id] = true
	}
	member := make(map[[2]int32]bool)
	for e, r := range g.Rel {
		if r == MemberOf {
			member[[2]int32{g.From[e], g.To[e]}] = true
		}
	}
	for _, gr := range g.Groups {
		if gr.MinUp < 1 || gr.MinUp > len(gr.Members) {
			t.Fatalf("group %d: min up %d of %d", gr.CI, gr.MinUp, len(gr.Members))
		}
		for _, m := range gr.Members {
			if !member[[2]int32{m, gr.CI}] {
				t.Fatalf("group %d: member %d without member-of", gr.CI, m)
			}
		}
	}
	for _, l := range Layers {
		if len(g.ByLayer(l)) == 0 {
			t.Fatalf("layer %s empty", l)
		}
	}
	sc := g.Scenarios(4)
	if !reflect.DeepEqual(sc, g.Scenarios(4)) {
		t.Fatal("scenarios differ between calls")
	}
	if got, want := len(sc), len(Layers)+2; got != want {
		t.Fatalf("got %d scenarios, want %d", got, want)
	}
}
