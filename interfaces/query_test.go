package interfaces

import (
	"slices"
	"testing"

	"github.com/smskit/iso20000/process"
)

func refsOf(es []Edge) []string {
	s := make([]string, 0, len(es))
	for _, e := range es {
		s = append(s, e.Ref)
	}
	return s
}

func TestOutInBetween(t *testing.T) {
	g := Standard()
	for _, c := range []struct {
		name string
		got  []Edge
		want []string
	}{
		{"out of BA", g.Out(ba), []string{"39"}},
		{"in to BA", g.In(ba), []string{"9", "36", "37", "38", "74"}},
		{"between CHG and CFG", g.Between(chg, cfg), []string{"66", "67"}},
		{"between CFG and CHG", g.Between(cfg, chg), []string{"66", "67"}},
		{"between PRB and ISR", g.Between(prb, isr), []string{"55", "56"}},
		{"between BA and PRB", g.Between(ba, prb), []string{}},
		{"out of IMP", g.Out(Improvement), []string{"S8"}},
		{"in to IMP", g.In(Improvement), []string{"S5", "S6", "S7", "S11"}},
	} {
		if got := refsOf(c.got); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestProducersConsumers(t *testing.T) {
	g := Standard()
	if got, want := g.Producers(process.KindRequestForChange), []NodeID{dt, slm, sca, capm, ism, brm, isr, prb, chg}; !slices.Equal(got, want) {
		t.Errorf("producers of RFCs: got %v, want %v", got, want)
	}
	if got, want := g.Consumers(process.KindRequestForChange), []NodeID{dt, slm, sca, capm, ism, prb, cfg, chg, rdm}; !slices.Equal(got, want) {
		t.Errorf("consumers of RFCs: got %v, want %v", got, want)
	}
	if got, want := g.Consumers(process.KindConfigurationBaseline), []NodeID{rdm}; !slices.Equal(got, want) {
		t.Errorf("consumers of baselines: got %v, want %v", got, want)
	}
	if got := g.Producers(process.KindCharge); len(got) != 0 {
		t.Errorf("producers of charges: got %v, want none", got)
	}
}

func TestNeeds(t *testing.T) {
	g := Standard()
	got := g.Needs(rdm)
	want := []process.RecordKind{
		process.KindAcceptanceCriterion, process.KindConfigurationBaseline, process.KindIncident, process.KindKnownError,
		process.KindProblem, process.KindRequestForChange, process.KindScheduleOfChange, process.KindServiceDesign,
	}
	if !slices.Equal(got, want) {
		t.Errorf("needs of RDM: got %v, want %v", got, want)
	}
	// Change management owns the requests raised to it: they are not needs.
	if slices.Contains(g.Needs(chg), process.KindRequestForChange) {
		t.Errorf("needs of CHG include its own RFCs")
	}
}

func TestShortestPath(t *testing.T) {
	g := Standard()
	for _, c := range []struct {
		from, to NodeID
		want     string
		ok       bool
	}{
		{brm, rdm, "business-relationship -[14]-> design-transition -[4]-> release-deployment", true},
		{ba, sr, "budgeting-accounting -[39]-> change -[1]-> design-transition -[13]-> service-reporting", true},
		{cfg, rdm, "configuration -[68]-> release-deployment", true},
		{chg, chg, "", true},
		{TopManagement, chg, "", false},
		{"x-nowhere", chg, "", false},
	} {
		p, ok := g.ShortestPath(c.from, c.to)
		if ok != c.ok || p.String() != c.want {
			t.Errorf("ShortestPath(%s, %s): got %q %v, want %q %v", c.from, c.to, p, ok, c.want, c.ok)
		}
	}
}

func TestPaths(t *testing.T) {
	g := Standard()
	var got []string
	for p := range g.Paths(brm, rdm, 2) {
		got = append(got, p.String())
		nodes := p.Nodes()
		if nodes[0] != brm || nodes[len(nodes)-1] != rdm {
			t.Errorf("path %s does not join BRM to RDM", p)
		}
	}
	want := []string{
		"business-relationship -[14]-> design-transition -[4]-> release-deployment",
		"business-relationship -[51]-> change -[70]-> release-deployment",
	}
	if !slices.Equal(got, want) {
		t.Errorf("paths of length ≤ 2: got %q, want %q", got, want)
	}
	// Every path is simple and no longer than asked, and the first path
	// yielded can be stopped on.
	n := 0
	for p := range g.Paths(isr, rdm, 4) {
		n++
		if len(p) > 4 {
			t.Errorf("path %s longer than 4", p)
		}
		if ns := p.Nodes(); len(slices.Compact(slices.Sorted(slices.Values(ns)))) != len(ns) {
			t.Errorf("path %s visits a node twice", p)
		}
	}
	if n < 10 {
		t.Errorf("got %d paths from ISR to RDM of length ≤ 4, want many", n)
	}
	for range g.Paths(isr, rdm, 4) {
		break
	}
	if got := slices.Collect(g.Paths(chg, chg, 3)); len(got) != 0 {
		t.Errorf("paths from a node to itself: got %d, want none", len(got))
	}
}

func TestTablesOrder(t *testing.T) {
	var got []string
	for _, tb := range Standard().Tables() {
		got = append(got, tb.Name)
	}
	want := []string{"A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.7", "A.8", "A.9", "A.10", "A.11", "A.12", "A.13", "A.14"}
	if !slices.Equal(got, want) {
		t.Errorf("tables: got %v, want %v", got, want)
	}
}

func TestClauses2018(t *testing.T) {
	g := Standard()
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"6.3.3", []string{"8.7.1", "8.7.2"}},
		{"9.1", []string{"8.2.6", "8.2.5"}},
		{"4.5.5", []string{"10.1", "10.2"}},
		{"4.5.4.3", []string{"9.3"}},
		{"4.2", []string{"8.2.3"}},
		{"5.4", []string{"8.5.2", "8.2.2"}},
		{"6.10", nil},
		{"12", nil},
	} {
		if got := g.Clauses2018(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Clauses2018(%q) = %v, want %v", c.in, got, c.want)
		}
	}
	// Every clause an edge cites maps to the 2018 edition.
	for _, e := range g.Edges() {
		for _, c := range e.Clauses {
			if len(g.Clauses2018(c)) == 0 {
				t.Errorf("edge %s: clause %s has no 2018 clause", e.Ref, c)
			}
		}
	}
}
