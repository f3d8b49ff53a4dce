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
	"github.com/smskit/iso20000/process/processtest"
)

// rec is a test-only record: a header and nothing else, so that the audit is
// shown to work on any record type.
type rec struct {
	process.Header
}

func (r *rec) Validate() error {
	v := process.ValidationError{Subject: r.Subject()}
	process.ValidateHeader(&r.Header, r.Kind, &v)
	return v.Err()
}

// flagged is a test-only record with the optional methods typed records may
// have.
type flagged struct {
	rec
	major, needsChange, visible, security bool
}

func (r *flagged) IsMajor() bool     { return r.major }
func (r *flagged) NeedsChange() bool { return r.needsChange }
func (r *flagged) Visible() bool     { return r.visible }
func (r *flagged) IsSecurity() bool  { return r.security }

// t0 is the base time of the audit tests; the records are placed by day.
var t0 = processtest.T0

// day returns t0 plus n days.
func day(n int) time.Time { return t0.Add(time.Duration(n) * 24 * time.Hour) }

// fixture builds records into a MemStore.
type fixture struct {
	t     testing.TB
	store *process.MemStore
}

func newFixture(t testing.TB) *fixture { return &fixture{t: t, store: process.NewMemStore()} }

// to makes a link to r.
func to(t process.LinkType, r process.Record) process.Link {
	return process.Link{Type: t, To: r.Meta().ID, Kind: r.Meta().Kind}
}

// header makes a header created at created, with the status set at updated.
func header(kind process.RecordKind, title, status string, created, updated time.Time, links ...process.Link) process.Header {
	h := process.Header{ID: process.NewID(), Kind: kind, Title: title, Status: status, Created: created, Updated: created, Links: links,
		History: []process.Event{{At: created, Actor: "test", Action: process.ActionCreated}}}
	for _, l := range links {
		h.History = append(h.History, process.Event{At: created, Actor: "test", Action: process.ActionLinked, Field: string(l.Type), To: string(l.Kind), Ref: l.To})
	}
	if status != "" && updated.After(created) {
		h.History = append(h.History, process.Event{At: updated, Actor: "test", Action: process.ActionMoved, To: status})
		h.Updated = updated
	}
	return h
}

func (f *fixture) put(r process.Record) process.Record {
	f.t.Helper()
	if err := f.store.Put(r); err != nil {
		f.t.Fatalf("put %s: %v", r.Meta().Title, err)
	}
	return r
}

func (f *fixture) add(kind process.RecordKind, title, status string, created, updated time.Time, links ...process.Link) process.Record {
	f.t.Helper()
	return f.put(&rec{header(kind, title, status, created, updated, links...)})
}

// world holds the records every audit test shares: a fully integrated set.
type world struct {
	ci1, ci2, soc, sra, rel1, rfc1, inc1, srp, cp1 process.Record
}

// seedGood adds records with every required interface in place.
func seedGood(f *fixture) world {
	var w world
	w.ci1 = f.add(process.KindConfigurationItem, "ci-1", "live", day(0), day(0))
	w.ci2 = f.add(process.KindConfigurationItem, "ci-2", "live", day(0), day(0))
	w.soc = f.add(process.KindScheduleOfChange, "schedule", "", day(0), day(0))
	w.sra = f.add(process.KindSecurityRiskAssessment, "security assessment", "", day(0), day(0))
	bl := f.add(process.KindConfigurationBaseline, "baseline-1", "", day(1), day(1), to(process.LinkIncludes, w.ci1))
	pdr := f.add(process.KindPostDeploymentReview, "review-1", "", day(8), day(8))
	w.rel1 = f.add(process.KindRelease, "release-1", "deployed", day(2), day(5),
		to(process.LinkBaselinedBy, bl), to(process.LinkAffects, w.ci1), to(process.LinkReviewedBy, pdr))
	f.add(process.KindDeployment, "deployment-1", "completed", day(5), day(5), to(process.LinkDeploys, w.rel1))
	w.rfc1 = f.add(process.KindRequestForChange, "change-1", "implemented", day(1), day(4),
		to(process.LinkScheduledIn, w.soc), to(process.LinkSecurityCheck, w.sra), to(process.LinkAffects, w.ci1), to(process.LinkImplementedBy, w.rel1))
	// A service plan raised change-1: a change with potential major impact (5.1).
	f.add(process.KindServicePlan, "service plan", "designed", day(0), day(1), to(process.LinkRaised, w.rfc1))
	w.srp = f.add(process.KindServiceReport, "report-month-1", "", day(20), day(20))
	mir := f.add(process.KindMajorIncidentReview, "major incident review", "", day(9), day(9), to(process.LinkReportedIn, w.srp))
	w.inc1 = f.add(process.KindIncident, "incident-1", "resolved", day(6), day(7),
		to(process.LinkReviewedBy, mir), to(process.LinkAffects, w.ci1), to(process.LinkAfterRelease, w.rel1))
	ke := f.add(process.KindKnownError, "known-error-1", "published", day(3), day(3), to(process.LinkAffects, w.ci1))
	f.add(process.KindIncident, "incident-2", "resolved", day(8), day(9), to(process.LinkResolvedBy, ke))
	prb1 := f.add(process.KindProblem, "problem-1", "awaiting-change", day(2), day(3), to(process.LinkRequires, w.rfc1), to(process.LinkKnownError, ke))
	f.add(process.KindIncident, "incident-3", "resolved", day(8), day(9), to(process.LinkRaised, prb1), to(process.LinkResolvedBy, ke))
	w.cp1 = f.add(process.KindContinuityPlan, "continuity-plan-1", "", day(0), day(0))
	f.add(process.KindContinuityInvocation, "invocation-1", "", day(12), day(12), to(process.LinkReportedIn, w.srp))
	sec := f.put(&flagged{rec: rec{header(process.KindIncident, "security-incident-1", "resolved", day(3), day(4))}, security: true})
	f.add(process.KindSecurityIncidentReview, "security review", "", day(15), day(15), to(process.LinkAbout, sec))
	f.add(process.KindPlanTest, "plan-test-1", "", day(10), day(10), process.Link{Type: "x-tests", To: w.cp1.Meta().ID, Kind: process.KindContinuityPlan})
	cap1 := f.add(process.KindCapacityPlan, "capacity-plan-1", "", day(0), day(0))
	f.add(process.KindBudget, "budget-2026", "", day(0), day(0), process.Link{Type: "x-funds", To: cap1.Meta().ID, Kind: process.KindCapacityPlan})
	// Outside the period: gaps that must not be reported.
	f.add(process.KindRequestForChange, "change-next-year", "approved", day(400), day(401))
	f.add(process.KindKnownError, "known-error-old", "draft", day(-100), day(-100))
	return w
}

// goodRelease adds a deployed release with everything in place but what
// skip names, and the change it implements.
func (f *fixture) goodRelease(w world, title string, deployed time.Time, skip string) process.Record {
	var links []process.Link
	if skip != "baseline" {
		at := deployed.Add(-time.Hour)
		if skip == "late-baseline" {
			at = deployed.Add(time.Hour)
		}
		links = append(links, to(process.LinkBaselinedBy, f.add(process.KindConfigurationBaseline, title+" baseline", "", at, at)))
	}
	if skip != "review" {
		links = append(links, to(process.LinkReviewedBy, f.add(process.KindPostDeploymentReview, title+" review", "", deployed.Add(48*time.Hour), deployed.Add(48*time.Hour))))
	}
	r := f.add(process.KindRelease, title, "deployed", deployed.Add(-72*time.Hour), deployed, links...)
	if skip != "change" {
		f.add(process.KindRequestForChange, title+" change", "implemented", deployed.Add(-96*time.Hour), deployed,
			to(process.LinkScheduledIn, w.soc), to(process.LinkSecurityCheck, w.sra), to(process.LinkAffects, w.ci2), to(process.LinkImplementedBy, r))
	}
	return r
}

// seedGaps adds one record per rule that breaks it, and returns the
// findings expected, as "rule: title of the record checked".
func seedGaps(f *fixture, w world) []string {
	f.goodRelease(w, "release-no-baseline", day(5), "baseline")
	f.goodRelease(w, "release-late-baseline", day(5), "late-baseline")
	f.goodRelease(w, "release-no-change", day(5), "change")
	f.goodRelease(w, "release-no-review", day(5), "review")
	f.add(process.KindRequestForChange, "change-unscheduled", "approved", day(10), day(11), to(process.LinkSecurityCheck, w.sra))
	f.add(process.KindRequestForChange, "change-insecure", "approved", day(10), day(11), to(process.LinkScheduledIn, w.soc))
	f.add(process.KindRequestForChange, "change-no-ci", "implemented", day(10), day(12), to(process.LinkScheduledIn, w.soc), to(process.LinkSecurityCheck, w.sra))
	f.add(process.KindProblem, "problem-no-rfc", "awaiting-change", day(10), day(11))
	f.put(&flagged{rec: rec{header(process.KindProblem, "problem-flagged-no-rfc", "investigating", day(10), day(11))}, needsChange: true})
	f.add(process.KindKnownError, "known-error-draft", "draft", day(10), day(10), to(process.LinkAffects, w.ci2))
	f.put(&flagged{rec: rec{header(process.KindKnownError, "known-error-flagged-hidden", "open", day(10), day(10), to(process.LinkAffects, w.ci2))}})
	ke := f.add(process.KindKnownError, "known-error-no-ci", "published", day(10), day(10))
	prb := f.add(process.KindProblem, "problem-with-known-error", "known-error", day(9), day(10), to(process.LinkKnownError, ke))
	f.add(process.KindIncident, "incident-ignoring-known-error", "resolved", day(11), day(12), to(process.LinkRaised, prb))
	f.add(process.KindIncident, "incident-before-known-error", "resolved", day(8), day(9), to(process.LinkRaised, prb)) // resolved before it existed: fine
	mir := f.add(process.KindMajorIncidentReview, "unreported review", "", day(12), day(12))
	f.add(process.KindIncident, "incident-major-unreported", "resolved", day(11), day(12), to(process.LinkReviewedBy, mir), to(process.LinkAffects, w.ci2))
	f.put(&flagged{rec: rec{header(process.KindIncident, "incident-flagged-major", "resolved", day(11), day(12))}, major: true})
	f.add(process.KindIncident, "incident-after-release", "resolved", day(7), day(8), to(process.LinkAffects, w.ci1))
	f.add(process.KindIncident, "incident-long-after-release", "resolved", day(30), day(31), to(process.LinkAffects, w.ci1)) // outside the window: fine
	f.add(process.KindIncident, "incident-before-release", "resolved", day(3), day(4), to(process.LinkAffects, w.ci1))       // before the deployment: fine
	f.add(process.KindContinuityPlan, "continuity-plan-untested", "", day(0), day(0))
	f.add(process.KindCapacityPlan, "capacity-plan-no-costs", "", day(0), day(0))
	f.add(process.KindServicePlan, "service-plan-no-change", "designed", day(1), day(3))
	f.put(&flagged{rec: rec{header(process.KindIncident, "security-incident-unreviewed", "resolved", day(5), day(6))}, security: true})
	f.put(&flagged{rec: rec{header(process.KindIncident, "security-incident-recent", "new", day(16), day(16))}, security: true}) // no review since: fine
	f.add(process.KindContinuityInvocation, "invocation-unreported", "", day(13), day(13))
	return []string{
		"service-plan-change: service-plan-no-change",
		"security-incident-reviewed: security-incident-unreviewed",
		"invocation-reported: invocation-unreported",
		"release-baseline: release-no-baseline",
		"release-baseline: release-late-baseline",
		"release-change: release-no-change",
		"release-review: release-no-review",
		"change-scheduled: change-unscheduled",
		"change-security: change-insecure",
		"change-ci: change-no-ci",
		"problem-rfc: problem-no-rfc",
		"problem-rfc: problem-flagged-no-rfc",
		"known-error-visible: known-error-draft",
		"known-error-visible: known-error-flagged-hidden",
		"known-error-unused: incident-ignoring-known-error",
		"known-error-ci: known-error-no-ci",
		"major-incident-reported: incident-major-unreported",
		"major-incident-reported: incident-flagged-major",
		"incident-after-release: incident-after-release",
		"continuity-retest: continuity-plan-untested",
		"capacity-costs: capacity-plan-no-costs",
	}
}

var quarter = process.Window{Start: day(0), End: day(90)}

func findingNames(r AuditReport) []string {
	var s []string
	for _, f := range r.Findings {
		s = append(s, f.Rule+": "+f.Records[0].Title)
	}
	return s
}

func TestAuditNoGaps(t *testing.T) {
	f := newFixture(t)
	seedGood(f)
	r, err := Audit(Standard(), f.store, quarter)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 0 {
		t.Errorf("got findings %q, want none", findingNames(r))
	}
	if len(r.Rules) != len(AuditRules()) {
		t.Errorf("rules applied: got %d, want %d", len(r.Rules), len(AuditRules()))
	}
	for _, c := range r.Rules {
		if c.Checked == 0 {
			t.Errorf("rule %s checked no record: the seed does not exercise it", c.Rule)
		}
	}
}

func TestAuditEachGap(t *testing.T) {
	f := newFixture(t)
	w := seedGood(f)
	want := seedGaps(f, w)
	r, err := Audit(Standard(), f.store, quarter)
	if err != nil {
		t.Fatal(err)
	}
	got := findingNames(r)
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		t.Errorf("findings:\ngot  %q\nwant %q", got, want)
	}
	// Every rule finds its gap, findings come in rule order, and each names
	// the edge, its tables and the clause.
	var order []string
	for _, rule := range AuditRules() {
		order = append(order, rule.Name)
	}
	last := -1
	for _, fd := range r.Findings {
		i := slices.Index(order, fd.Rule)
		if i < last {
			t.Errorf("finding %s out of rule order", fd.Rule)
		}
		last = i
		e, ok := Standard().Edge(fd.Edge)
		if !ok || e.From != fd.From || e.To != fd.To || !slices.Equal(e.Tables, fd.Tables) || e.Basis != Required {
			t.Errorf("finding %s cites edge %q %s→%s %v, not a required edge of the graph", fd.Rule, fd.Edge, fd.From, fd.To, fd.Tables)
		}
		if fd.Clause == "" || fd.Message == "" || len(fd.Records) == 0 {
			t.Errorf("finding %s lacks clause, message or records: %+v", fd.Rule, fd)
		}
	}
	for _, rule := range order {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, rule+": ") }) {
			t.Errorf("rule %s found nothing", rule)
		}
	}
	byRule := func(name string) AuditFinding {
		i := slices.IndexFunc(r.Findings, func(f AuditFinding) bool { return f.Rule == name })
		return r.Findings[i]
	}
	if fd := byRule("incident-after-release"); len(fd.Records) != 3 || fd.Records[1].ID != w.rel1.Meta().ID || fd.Records[2].ID != w.ci1.Meta().ID || fd.Edge != "59" || fd.Clause != "9.3" {
		t.Errorf("incident-after-release: got %+v, want the incident, release-1 and ci-1 on edge 59 (9.3)", fd)
	}
	if fd := byRule("continuity-retest"); len(fd.Records) != 2 || fd.Records[1].ID != w.rfc1.Meta().ID || fd.Edge != "32" {
		t.Errorf("continuity-retest: got %+v, want the plan and change-1 on edge 32", fd)
	}
	if fd := byRule("release-baseline"); fd.Edge != "68" || fd.Clause != "9.1" || !slices.Equal(fd.Tables, []string{"A.12", "A.14"}) {
		t.Errorf("release-baseline: got %+v", fd)
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
}

func TestAuditPeriod(t *testing.T) {
	f := newFixture(t)
	w := seedGood(f)
	seedGaps(f, w)
	// Before any record existed, nothing is read.
	r, err := Audit(Standard(), f.store, process.Window{End: day(-200)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Records != 0 || len(r.Findings) != 0 {
		t.Errorf("got %d records, %d findings, want none", r.Records, len(r.Findings))
	}
	// An open period reads everything, the old draft known error included.
	r, err = Audit(Standard(), f.store, process.Window{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(findingNames(r), "known-error-visible: known-error-old") {
		t.Errorf("open period: got %q, want the old known error", findingNames(r))
	}
}

func TestAuditCustomGraphSkipsRules(t *testing.T) {
	f := newFixture(t)
	w := seedGood(f)
	seedGaps(f, w)
	g, err := New(smallNodes(), smallEdges())
	if err != nil {
		t.Fatal(err)
	}
	r, err := Audit(g, f.store, quarter)
	if err != nil {
		t.Fatal(err)
	}
	// The small graph has only CHG → CFG among the rules' interfaces.
	if len(r.Rules) != 1 || r.Rules[0].Rule != "change-ci" {
		t.Errorf("rules: got %+v, want change-ci only", r.Rules)
	}
	if got := findingNames(r); !slices.Equal(got, []string{"change-ci: change-no-ci"}) {
		t.Errorf("findings: got %q", got)
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
	f := newFixture(t)
	w := seedGood(f)
	seedGaps(f, w)
	for _, kind := range []process.RecordKind{process.KindIncident, "none"} {
		_, err := Audit(Standard(), failingStore{f.store, kind}, quarter)
		if !errors.Is(err, errDisk) {
			t.Errorf("kind %s: got %v, want the store's error", kind, err)
		}
	}
}

func TestAuditRulesAreRequiredEdges(t *testing.T) {
	g := Standard()
	for _, r := range AuditRules() {
		es := g.Between(r.From, r.To)
		i := slices.IndexFunc(es, func(e Edge) bool { return e.From == r.From })
		if i < 0 {
			t.Errorf("rule %s: no edge %s → %s", r.Name, r.From, r.To)
			continue
		}
		if e := es[i]; e.Basis != Required || !slices.Contains(e.Clauses, r.Clause) {
			t.Errorf("rule %s: edge %s is %s %v, want required with clause %s", r.Name, e.Ref, e.Basis, e.Clauses, r.Clause)
		}
		if !slices.Contains(passOrder[:], r.Kind) {
			t.Errorf("rule %s: kind %s has no pass", r.Name, r.Kind)
		}
	}
}

func TestRelated(t *testing.T) {
	f := newFixture(t)
	w := seedGood(f)
	g := Standard()
	r, err := Related(g, f.store, w.inc1.Meta().ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, grp := range r.Groups {
		for _, rr := range grp.Records {
			got = append(got, grp.Edge.Ref+" "+string(rr.Link)+" "+rr.Record.Title)
		}
	}
	want := []string{"57 affects ci-1", "59 after-release release-1"}
	if !slices.Equal(got, want) {
		t.Errorf("groups: got %q, want %q", got, want)
	}
	if len(r.Missing) != 0 {
		t.Errorf("missing: got %+v, want none", r.Missing)
	}

	// Records that call for others that do not exist.
	resolved := f.add(process.KindIncident, "resolved by a workaround", "resolved", day(3), day(4), to(process.LinkAffects, w.ci2))
	failed := f.add(process.KindRequestForChange, "failed change", "failed", day(3), day(4), to(process.LinkScheduledIn, w.soc), to(process.LinkSecurityCheck, w.sra))
	for _, c := range []struct {
		rec  process.Record
		want []string
	}{
		{resolved, []string{"known-error 56"}},
		{failed, []string{"problem 62"}},
	} {
		r, err := Related(g, f.store, c.rec.Meta().ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range r.Missing {
			got = append(got, string(m.Kind)+" "+m.Edge.Ref)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: missing %q, want %q", c.rec.Meta().Title, got, c.want)
		}
	}

	// Seen from the release: the change that it implements and the incident
	// after it, each under its interface.
	r, err = Related(g, f.store, w.rel1.Meta().ID)
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, grp := range r.Groups {
		for _, rr := range grp.Records {
			got = append(got, grp.Edge.Ref+" "+string(rr.Link)+" "+rr.Record.Title)
		}
	}
	want = []string{"59 after-release incident-1", "68 baselined-by baseline-1", "69 affects ci-1", "70 implemented-by change-1"}
	if !slices.Equal(got, want) {
		t.Errorf("release groups: got %q, want %q", got, want)
	}
	if _, err := Related(g, f.store, process.NewID()); !errors.Is(err, process.ErrNotFound) {
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
}

func TestRelatedUnexplainedLinks(t *testing.T) {
	f := newFixture(t)
	w := seedGood(f)
	g, err := New(smallNodes(), smallEdges()) // ISR, CFG, CHG and IMP only
	if err != nil {
		t.Fatal(err)
	}
	r, err := Related(g, f.store, w.inc1.Meta().ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, grp := range r.Groups {
		got = append(got, grp.Edge.Ref+" "+string(grp.Edge.From)+"→"+string(grp.Edge.To)+" "+grp.Records[0].Record.Title)
	}
	want := []string{
		"57 configuration→incident-service-request ci-1",
		" incident-service-request→release-deployment release-1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("groups: got %q, want %q", got, want)
	}
}
