package cmdbgen

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
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

func TestIndexErrors(t *testing.T) {
	g := Generate(Config{CIs: 1000, Relations: 3000, Seed: 1})
	g.IDs[7] = g.IDs[3]
	_, err := g.Index()
	if !errors.Is(err, process.ErrExists) {
		t.Fatalf("repeated ID: got %v, want ErrExists", err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "cmdbgen: ci 7: cmdb: ") {
		t.Errorf("message: got %q, want the package's prefix and the CI's number", msg)
	}

	g = Generate(Config{CIs: 1000, Relations: 3000, Seed: 1})
	g.Type[5] = uint8(len(g.TypeNames))
	if _, err := g.Index(); !errors.Is(err, process.ErrInvalidValue) || !strings.HasPrefix(err.Error(), "cmdbgen: ci 5: ") {
		t.Errorf("type out of range: got %v", err)
	}
}
