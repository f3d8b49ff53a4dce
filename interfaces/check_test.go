package interfaces

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
)

// wiredHost declares every process but those left out as run, and every
// edge between present nodes as wired.
func wiredHost(g *Graph, leaveOut ...process.Process) Declaration {
	var d Declaration
	for _, p := range process.All() {
		if !slices.Contains(leaveOut, p) {
			d.Runs = append(d.Runs, p)
		}
	}
	absent := func(n NodeID) bool { return slices.Contains(leaveOut, n.Process()) }
	for _, e := range g.Edges() {
		if !absent(e.From) && !absent(e.To) {
			d.Flows = append(d.Flows, Flow{From: e.From, To: e.To})
		}
	}
	return d
}

func kindsOf(r Report) map[FindingKind][]string {
	m := make(map[FindingKind][]string)
	for _, f := range r.Findings {
		m[f.Kind] = append(m[f.Kind], f.Edge)
	}
	return m
}

func TestCheckFullyWired(t *testing.T) {
	r := Check(Standard(), wiredHost(Standard()))
	if len(r.Findings) != 0 {
		t.Errorf("got findings %v, want none", r.Findings)
	}
	if r.Required != 55 || r.InPlace != 55 || r.Share != 1 {
		t.Errorf("got %d of %d (%v), want 55 of 55", r.InPlace, r.Required, r.Share)
	}
}

func TestCheckMissingProblemManagement(t *testing.T) {
	g := Standard()
	r := Check(g, wiredHost(g, process.ProblemManagement))
	got := kindsOf(r)
	if want := []string{"55", "56", "61", "64", "65"}; !slices.Equal(got[FindingNotRun], want) {
		t.Errorf("not-run: got %v, want %v", got[FindingNotRun], want)
	}
	for _, k := range []FindingKind{FindingGap, FindingAdvice, FindingNoInterfaces, FindingUnknownFlow} {
		if len(got[k]) != 0 {
			t.Errorf("%s: got %v, want none", k, got[k])
		}
	}
	if r.Required != 54 || r.InPlace != 49 {
		t.Errorf("got %d of %d, want 49 of 54", r.InPlace, r.Required)
	}
	f := r.Findings[0]
	if !slices.Equal(f.Tables, []string{"A.10", "A.11"}) || !slices.Equal(f.Clauses, []string{"8.1", "8.2"}) {
		t.Errorf("first finding cites %v %v, want A.10, A.11 and 8.1, 8.2", f.Tables, f.Clauses)
	}
	if !strings.Contains(f.Message, "PRB is not run, but ISR depends on it") {
		t.Errorf("message: %q", f.Message)
	}
	var text, js bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	golden(t, "check-missing-problem.txt", text.Bytes())
	enc := json.NewEncoder(&js)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	golden(t, "check-missing-problem.json", js.Bytes())
}

func TestCheckChangeThroughSupplier(t *testing.T) {
	g := Standard()
	d := wiredHost(g, process.ChangeManagement)
	d.OtherParties = []OtherParty{{Process: process.ChangeManagement, Party: "Acme Operations", Type: process.PartySupplier}}
	for _, e := range g.Edges() {
		if e.From == chg || e.To == chg {
			d.Flows = append(d.Flows, Flow{From: e.From, To: e.To})
		}
	}
	r := Check(g, d)
	got := kindsOf(r)
	if len(r.Findings) != 1 || len(got[FindingOperated]) != 1 {
		t.Fatalf("got %v, want one operated finding", r.Findings)
	}
	f := r.Findings[0]
	if f.Process != chg || !slices.Equal(f.Clauses, []string{"4.2", "7.2"}) || !strings.Contains(f.Message, "22 interfaces") {
		t.Errorf("operated finding: %+v", f)
	}
	if r.Required != 55 || r.InPlace != 55 {
		t.Errorf("got %d of %d, want 55 of 55", r.InPlace, r.Required)
	}

	// Without supplier management the party is not governed.
	d2 := wiredHost(g, process.ChangeManagement, process.SupplierManagement)
	d2.OtherParties = d.OtherParties
	for _, e := range g.Edges() {
		if (e.From == chg || e.To == chg) && e.From != sup && e.To != sup {
			d2.Flows = append(d2.Flows, Flow{From: e.From, To: e.To})
		}
	}
	r2 := Check(g, d2)
	got2 := kindsOf(r2)
	if len(got2[FindingGovernance]) != 1 {
		t.Errorf("governance: got %v, want one finding", r2.Findings)
	}
	if want := []string{"7", "37", "49"}; !slices.Equal(got2[FindingNotRun], want) {
		t.Errorf("not-run: got %v, want %v", got2[FindingNotRun], want)
	}
}

func TestCheckPartialHost(t *testing.T) {
	g := Standard()
	d := Declaration{
		Runs: []process.Process{process.IncidentRequestManagement, process.ProblemManagement, process.ChangeManagement, process.ServiceLevelManagement},
		Flows: []Flow{
			{From: isr, To: prb}, // 56, wired
			{From: prb, To: isr, Kinds: []process.RecordKind{process.KindKnownError}}, // 55, wired by one of its kinds
			{From: prb, To: chg, Kinds: []process.RecordKind{process.KindIncident}},   // no such kind on 61: unknown
			{From: chg, To: isr}, // no such interface
			{From: isr, To: chg, Kinds: []process.RecordKind{process.KindRequestForChange, "x-ticket"}}, // 58, plus an unknown kind
		},
	}
	r := Check(g, d)
	got := kindsOf(r)
	if want := []string{"61", "S4", "S5", "S6", "S8", "S9", "S11"}; !slices.Equal(got[FindingGap], want) {
		t.Errorf("gaps: got %v, want %v", got[FindingGap], want)
	}
	if want := []string{"18", "22", "62", "73"}; !slices.Equal(got[FindingAdvice], want) {
		t.Errorf("advice: got %v, want %v", got[FindingAdvice], want)
	}
	if n := len(got[FindingUnknownFlow]); n != 3 {
		t.Errorf("unknown flows: got %d, want 3: %v", n, r.Findings)
	}
	var noIf []NodeID
	for _, f := range r.Findings {
		if f.Kind == FindingNoInterfaces {
			noIf = append(noIf, f.Process)
		}
	}
	if want := []NodeID{slm}; !slices.Equal(noIf, want) {
		t.Errorf("no interfaces: got %v, want %v", noIf, want)
	}
	for i := 1; i < len(r.Findings); i++ {
		if slices.Index(findingOrder[:], r.Findings[i-1].Kind) > slices.Index(findingOrder[:], r.Findings[i].Kind) {
			t.Errorf("findings out of order at %d", i)
		}
	}
	for _, f := range r.Findings {
		if len(f.Tables) == 0 || len(f.Clauses) == 0 {
			t.Errorf("finding cites no table or clause: %+v", f)
		}
	}
}
