package interfaces

import (
	"bytes"
	"encoding/json"
	"errors"
	"iter"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
)

// planted returns the provider with every plant added.
func planted(t testing.TB) *provider {
	p := newProvider(t)
	for _, pl := range plants() {
		pl.add(p)
	}
	return p
}

func TestAuditPeriod(t *testing.T) {
	p := planted(t)
	// Before any record existed, nothing is read.
	r, err := Audit(Standard(), p.f.store, process.Window{End: day(-500)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Records != 0 || len(r.Findings) != 0 {
		t.Errorf("got %d records, %d findings, want none", r.Records, len(r.Findings))
	}
	// The quarter leaves out the incident resolved before it; an open
	// period (judged as of the quarter's end) reads it.
	r, err = Audit(Standard(), p.f.store, quarter)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(names(r), "major-incident-reported: old major incident") {
		t.Errorf("quarter: got the incident resolved before it")
	}
	r, err = (&Auditor{Now: func() time.Time { return quarter.End }}).Audit(p.f.store, process.Window{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(names(r), "major-incident-reported: old major incident") {
		t.Errorf("open period: got %q, want the old major incident", names(r))
	}
}

func TestAuditCustomGraphSkipsRules(t *testing.T) {
	p := planted(t)
	g, err := New(smallNodes(), smallEdges()) // ISR, CFG, CHG and IMP only
	if err != nil {
		t.Fatal(err)
	}
	r, err := Audit(g, p.f.store, quarter)
	if err != nil {
		t.Fatal(err)
	}
	var applied []string
	for _, c := range r.Rules {
		applied = append(applied, c.Rule)
	}
	want := []string{"change-assessed-ci", "change-ci-updated", "change-reviewed"}
	if !slices.Equal(applied, want) {
		t.Errorf("rules: got %q, want %q", applied, want)
	}
	got := names(r)
	wantFindings := []string{"change-assessed-ci: change with no ci", "change-ci-updated: change with no ci update", "change-reviewed: major change never reviewed"}
	if !slices.Equal(slices.Sorted(slices.Values(got)), wantFindings) {
		t.Errorf("findings: got %q, want %q", got, wantFindings)
	}
}

// failingStore fails on LinksTo and on the records of one kind.
type failingStore struct {
	process.Store
	kind process.RecordKind
}

var errDisk = errors.New("disk on fire")

func (s failingStore) Records(k process.RecordKind) iter.Seq2[process.Record, error] {
	if k == s.kind {
		return func(yield func(process.Record, error) bool) { yield(nil, errDisk) }
	}
	return s.Store.Records(k)
}

func (s failingStore) LinksTo(process.ID) iter.Seq2[process.Backlink, error] {
	return func(yield func(process.Backlink, error) bool) { yield(process.Backlink{}, errDisk) }
}

func TestAuditStoreErrors(t *testing.T) {
	p := planted(t)
	for _, kind := range []process.RecordKind{process.KindIncident, process.KindServiceReport, "none"} {
		if _, err := Audit(Standard(), failingStore{p.f.store, kind}, quarter); !errors.Is(err, errDisk) {
			t.Errorf("kind %s: got %v, want the store's error", kind, err)
		}
		id := p.r["major incident"].Meta().ID
		if _, err := Related(Standard(), failingStore{p.f.store, kind}, id); !errors.Is(err, errDisk) {
			t.Errorf("related, kind %s: got %v, want the store's error", kind, err)
		}
	}
}

func TestAuditReportOutput(t *testing.T) {
	p := planted(t)
	r, err := Audit(Standard(), p.f.store, quarter)
	if err != nil {
		t.Fatal(err)
	}
	// Findings come in rule order, each rule's by record ID.
	order := make(map[string]int)
	for i, rule := range Rules() {
		order[rule.Name] = i
	}
	if !slices.IsSortedFunc(r.Findings, func(x, y AuditFinding) int {
		if c := order[x.Rule] - order[y.Rule]; c != 0 {
			return c
		}
		return x.Records[0].ID.Compare(y.Records[0].ID)
	}) {
		t.Errorf("findings out of order: %q", names(r))
	}
	var text, js bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "release-baseline [edge 68; A.12, A.14; 9.1] release ") {
		t.Errorf("text report:\n%s", text.String())
	}
	if err := json.NewEncoder(&js).Encode(r); err != nil {
		t.Fatal(err)
	}
	var back AuditReport
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Findings) != len(r.Findings) {
		t.Errorf("JSON round trip: %v", err)
	}
	rel := slices.IndexFunc(r.Findings, func(f AuditFinding) bool { return f.Rule == "incident-after-release" })
	if f := r.Findings[rel]; len(f.Records) != 3 || f.Records[1].ID != p.r["release"].Meta().ID || f.Records[2].ID != p.r["ci-1"].Meta().ID || f.Missing != process.KindRelease {
		t.Errorf("incident-after-release: got %+v, want the incident, the release and ci-1, with a release missing", f)
	}
}

// TestAuditorRules shows a host's own rule applied beside the library's,
// and rules that cannot run refused before anything is read.
func TestAuditorRules(t *testing.T) {
	p := newProvider(t)
	untitled := Rule{Name: "x-untitled-incident", From: isr, To: prb, Kind: process.KindIncident, Clause: "8.1",
		Description: "an incident with no title",
		Check: func(_ *Context, r process.Record) []Violation {
			if r.Meta().Title == "incident closed" {
				return violation("titled as a state, not a symptom")
			}
			return nil
		}}
	a := &Auditor{Rules: append(Rules(), untitled)}
	r, err := a.Audit(p.f.store, quarter)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(r); !slices.Equal(got, []string{"x-untitled-incident: incident closed"}) {
		t.Errorf("findings: got %q", got)
	}
	if f := r.Findings[0]; f.Edge != "56" || f.Clause != "8.1" {
		t.Errorf("the host's rule cites edge %s, clause %s; want 56, 8.1", f.Edge, f.Clause)
	}
	for _, bad := range [][]Rule{
		{untitled, untitled},
		{{Name: "no-check", Kind: process.KindIncident}},
		{{Kind: process.KindIncident, Check: untitled.Check}},
	} {
		_, err := (&Auditor{Rules: bad}).Audit(p.f.store, quarter)
		var ve *process.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("rules %v: got %v, want a validation error", bad, err)
		}
		if _, err := (&Auditor{Rules: bad}).Related(p.f.store, p.r["sla"].Meta().ID); !errors.As(err, &ve) {
			t.Errorf("related, rules %v: got %v, want a validation error", bad, err)
		}
	}
}

// TestPolicyWindows shows the policy's windows and intervals deciding what
// is due.
func TestPolicyWindows(t *testing.T) {
	p := newProvider(t)
	p.release("release never reviewed", day(30), "review")
	p.add("ci-3", process.KindConfigurationItem, "live", day(-300), day(-300))
	for i := 1; i <= 2; i++ {
		p.add("twice", process.KindIncident, "resolved", day(60+i), day(61+i), to(process.LinkAffects, p.r["ci-3"]))
	}
	cases := []struct {
		policy Policy
		want   []string
	}{
		{Policy{}, []string{"release-review: release never reviewed"}},
		{Policy{PostDeployment: 70 * 24 * time.Hour}, nil},
		{Policy{RecurringIncidents: 2}, []string{"recurring-incidents: twice", "release-review: release never reviewed"}},
		{Policy{ServiceReview: 5 * 24 * time.Hour, PostDeployment: 70 * 24 * time.Hour}, []string{"service-review: sla"}},
		{Policy{SupplierReview: 10 * 24 * time.Hour, PostDeployment: 70 * 24 * time.Hour}, []string{"supplier-review: contract"}},
		{Policy{Reporting: 12 * time.Hour, PostDeployment: 70 * 24 * time.Hour}, []string{"sla-reported: sla"}},
	}
	for _, c := range cases {
		r, err := (&Auditor{Policy: c.policy}).Audit(p.f.store, quarter)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(r); !slices.Equal(slices.Sorted(slices.Values(got)), c.want) {
			t.Errorf("policy %+v: got %q, want %q", c.policy, got, c.want)
		}
	}
}

// TestPolicySecurityAssessed shows a change whose record cannot say its
// class assessed whatever classes the policy names (typed changes are
// shown in TestAuditTypedRules).
func TestPolicySecurityAssessed(t *testing.T) {
	p := newProvider(t)
	p.change("change with no assessment", "approved", day(60), day(61), "security")
	for _, classes := range [][]process.ChangeClass{nil, {process.ChangeNormal}} {
		r, err := (&Auditor{Policy: Policy{SecurityAssessed: classes}}).Audit(p.f.store, quarter)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(r); !slices.Equal(got, []string{"change-security: change with no assessment"}) {
			t.Errorf("classes %v: got %q", classes, got)
		}
	}
}

func TestRelated(t *testing.T) {
	p := newProvider(t)
	g := Standard()
	groups := func(r RelatedRecords) []string {
		var got []string
		for _, grp := range r.Groups {
			for _, rr := range grp.Records {
				got = append(got, grp.Edge.Ref+" "+string(rr.Link)+" "+rr.Record.Title)
			}
		}
		return got
	}
	r, err := Related(g, p.f.store, p.r["major incident"].Meta().ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := groups(r), []string{"57 affects ci-1", "59 after-release release"}; !slices.Equal(got, want) {
		t.Errorf("groups: got %q, want %q", got, want)
	}
	if len(r.Missing) != 0 {
		t.Errorf("missing: got %+v, want none", r.Missing)
	}
	// Seen from the release: the change that implements it, the incident
	// after it, its baseline and the CI it changed, each under its interface.
	r, err = Related(g, p.f.store, p.r["release"].Meta().ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"4 x-release service plan", "65 fixes known error fixed", "68 baselined-by baseline", "69 affects ci-1", "70 implemented-by release change", "59 after-release major incident"}
	if got := groups(r); !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		t.Errorf("release groups: got %q, want %q", got, want)
	}
	if _, err := Related(g, p.f.store, process.NewID()); !errors.Is(err, process.ErrNotFound) {
		t.Errorf("unknown record: got %v, want not found", err)
	}
}

func TestNilArguments(t *testing.T) {
	if _, err := Audit(Standard(), nil, quarter); !errors.Is(err, process.ErrRequired) {
		t.Errorf("Audit with no store: got %v, want ErrRequired", err)
	}
	if _, err := Related(Standard(), nil, process.NewID()); !errors.Is(err, process.ErrRequired) {
		t.Errorf("Related with no store: got %v, want ErrRequired", err)
	}
	if r := Check(nil, Declaration{Runs: []process.Process{process.ChangeManagement}}); r.Required != 0 || r.Share != 1 {
		t.Errorf("Check on no graph: got %+v", r)
	}
	r, err := Audit(nil, process.NewMemStore(), quarter)
	if err != nil || len(r.Findings) != 0 || len(r.Rules) != 0 {
		t.Errorf("Audit on no graph: got %+v, %v", r, err)
	}
	if c := Coverage(nil, nil); len(c) != 0 {
		t.Errorf("Coverage on no graph: got %d rows", len(c))
	}
}

func TestRelatedUnexplainedLinks(t *testing.T) {
	p := newProvider(t)
	g, err := New(smallNodes(), smallEdges()) // ISR, CFG, CHG and IMP only
	if err != nil {
		t.Fatal(err)
	}
	r, err := Related(g, p.f.store, p.r["major incident"].Meta().ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, grp := range r.Groups {
		got = append(got, grp.Edge.Ref+" "+string(grp.Edge.From)+"→"+string(grp.Edge.To)+" "+grp.Records[0].Record.Title)
	}
	want := []string{
		"57 configuration→incident-service-request ci-1",
		" incident-service-request→release-deployment release",
	}
	if !slices.Equal(got, want) {
		t.Errorf("groups: got %q, want %q", got, want)
	}
}

// nilStore is a broken host store: it yields and returns nil records.
type nilStore struct{ process.Store }

func (nilStore) Get(process.ID) (process.Record, error) { return (*process.Incident)(nil), nil }

func (nilStore) Records(process.RecordKind) iter.Seq2[process.Record, error] {
	return func(yield func(process.Record, error) bool) { yield(nil, nil) }
}

func (nilStore) LinksTo(process.ID) iter.Seq2[process.Backlink, error] {
	return func(func(process.Backlink, error) bool) {}
}

// TestNilRecordsRefused shows a store that yields nil records refused with
// an error, not a panic.
func TestNilRecordsRefused(t *testing.T) {
	if _, err := Audit(Standard(), nilStore{}, quarter); !errors.Is(err, process.ErrRequired) {
		t.Errorf("audit: got %v, want ErrRequired", err)
	}
	if _, err := Related(Standard(), nilStore{}, process.NewID()); !errors.Is(err, process.ErrNotFound) {
		t.Errorf("related: got %v, want ErrNotFound", err)
	}
}
