package interfaces

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCoverageComplete shows every edge of the standard graph checked by a
// rule or given a reason, never both and never neither, and every rule
// citing an edge of the graph.
func TestCoverageComplete(t *testing.T) {
	g := Standard()
	cov := Coverage(g, nil)
	if len(cov) != len(g.Edges()) {
		t.Fatalf("got %d rows for %d edges", len(cov), len(g.Edges()))
	}
	ruled := 0
	for _, c := range cov {
		switch {
		case len(c.Rules) == 0 && c.Reason == "":
			t.Errorf("edge %s (%s → %s, %s) is silent: no rule and no reason", c.Edge, c.From, c.To, c.Basis)
		case len(c.Rules) > 0 && c.Reason != "":
			t.Errorf("edge %s has rules %v and a reason", c.Edge, c.Rules)
		case len(c.Rules) > 0:
			ruled++
		}
	}
	for _, u := range unchecked {
		e, ok := g.Edge(u.ref)
		if !ok || e.From != u.from || e.To != u.to {
			t.Errorf("reason for edge %s %s → %s: no such edge in the standard graph", u.ref, u.from, u.to)
		}
	}
	applied := apply(g, Rules())
	if len(applied) != len(Rules()) {
		t.Errorf("%d of %d rules cite an edge of the standard graph", len(applied), len(Rules()))
	}
	required := 0
	for _, c := range cov {
		if c.Basis == Required && len(c.Rules) > 0 {
			required++
		}
	}
	t.Logf("%d rules; %d of %d edges checked by a rule (%d required), %d with a stated reason",
		len(Rules()), ruled, len(cov), required, len(cov)-ruled)
}

func TestCoverageGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCoverage(&b, Standard(), nil); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "coverage.md")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("coverage differs from %s (run go test -update to accept):\n%s", golden, b.String())
	}
}

// TestCoverageInDocs shows the coverage table of the package docs (the doc
// comment of Coverage) as the library computes it.
func TestCoverageInDocs(t *testing.T) {
	src, err := os.ReadFile("coverage.go")
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, c := range Coverage(Standard(), nil) {
		what := strings.Join(c.Rules, ", ")
		if what == "" {
			what = "no rule: " + c.Reason
		}
		fmt.Fprintf(&want, "//\t%-4s %-5s→ %-5s %-9s %s\n", c.Edge, code(c.From), code(c.To), c.Basis, what)
	}
	block := regexp.MustCompile(`(?s)// The coverage of the Standard graph by the library's rules:\n//\n(.*?)//\n// Regenerate`)
	m := block.FindSubmatchIndex(src)
	if m == nil {
		t.Fatal("coverage.go has no coverage block in the doc of Coverage")
	}
	if got := string(src[m[2]:m[3]]); got != want.String() {
		if *update {
			out := slices.Concat(src[:m[2]], []byte(want.String()), src[m[3]:])
			if err := os.WriteFile("coverage.go", out, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("the coverage block in the doc of Coverage is out of date (run go test -update):\n%s", want.String())
	}
}

// code is the short code of a node of the standard graph.
func code(n NodeID) string {
	if x, ok := Standard().Node(n); ok {
		return x.Code
	}
	return string(n)
}
