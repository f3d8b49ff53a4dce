package interfaces

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// seedLarge fills a MemStore with about n records of a provider's year, from
// a fixed seed: configuration items, changes (most approved, scheduled and
// assessed), releases with their baselines, deployments and reviews,
// incidents on the CIs (some after a release, some major), problems with
// known errors, and a few continuity and capacity plans. About one record
// in twenty breaks a rule.
func seedLarge(tb testing.TB, n int) (*process.MemStore, process.Window) {
	tb.Helper()
	f := newFixture(tb)
	rng := rand.New(rand.NewPCG(20000, 1))
	year := process.Window{Start: t0, End: t0.AddDate(1, 0, 0)}
	at := func() time.Time { return t0.Add(time.Duration(rng.Int64N(int64(360 * 24 * time.Hour)))) }
	chance := func(p float64) bool { return rng.Float64() < p }
	count := 0
	add := func(kind process.RecordKind, title, status string, created, updated time.Time, links ...process.Link) process.Record {
		count++
		return f.add(kind, title, status, created, updated, links...)
	}
	cis := make([]process.Record, 0, n/10+1)
	for range n/10 + 1 {
		cis = append(cis, add(process.KindConfigurationItem, "ci", "live", t0, t0))
	}
	ci := func() process.Record { return cis[rng.IntN(len(cis))] }
	soc := add(process.KindScheduleOfChange, "schedule", "", t0, t0)
	budget := add(process.KindBudget, "budget", "approved", t0, t0)
	sra := add(process.KindSecurityRiskAssessment, "security assessment", "", t0, t0)
	srp := add(process.KindServiceReport, "report", "", year.End.Add(-time.Hour), year.End.Add(-time.Hour))
	var releases []process.Record
	for count < n {
		switch pick := rng.IntN(100); {
		case pick < 10: // a release, its baseline, deployment, review and change
			d := at()
			var links []process.Link
			if chance(0.95) {
				links = append(links, to(process.LinkBaselinedBy, add(process.KindConfigurationBaseline, "baseline", "", d.Add(-time.Hour), d.Add(-time.Hour))))
			}
			if chance(0.95) {
				links = append(links, to(process.LinkReviewedBy, add(process.KindPostDeploymentReview, "review", "", d.Add(48*time.Hour), d.Add(48*time.Hour))))
			}
			links = append(links, to(process.LinkAffects, ci()))
			rel := add(process.KindRelease, "release", "deployed", d.Add(-72*time.Hour), d, links...)
			releases = append(releases, rel)
			add(process.KindDeployment, "deployment", "completed", d, d, to(process.LinkDeploys, rel), to(process.LinkReportedIn, srp))
			rfc := add(process.KindRequestForChange, "change", "implemented", d.Add(-96*time.Hour), d,
				to(process.LinkScheduledIn, soc), to(process.LinkSecurityCheck, sra), x("budget", budget), to(process.LinkImplementedBy, rel))
			// The CI it changed, updated under it.
			changed := rec{header(process.KindConfigurationItem, "ci", "live", d, d, to(process.LinkChangedBy, rfc))}
			changed.History = append(changed.History, process.Event{At: d, Actor: "test", Action: process.ActionChanged, Field: "version", To: "2", Ref: rfc.Meta().ID})
			count++
			f.put(&changed)
		case pick < 60: // an incident on a CI, now and then after a release or major
			c := at()
			links := []process.Link{to(process.LinkAffects, ci())}
			if len(releases) > 0 && chance(0.2) {
				r := releases[rng.IntN(len(releases))]
				changed := r.Meta().Links[len(r.Meta().Links)-1] // the CI the release affects
				links = append(links, process.Link{Type: process.LinkAffects, To: changed.To, Kind: changed.Kind})
				if chance(0.9) {
					links = append(links, to(process.LinkAfterRelease, r))
				}
			}
			if chance(0.01) {
				links = append(links, to(process.LinkReviewedBy, add(process.KindMajorIncidentReview, "review", "", c.Add(24*time.Hour), c.Add(24*time.Hour), to(process.LinkReportedIn, srp))))
			}
			add(process.KindIncident, "incident", "resolved", c, c.Add(4*time.Hour), dedupe(links)...)
		case pick < 85: // a change
			c := at()
			var links []process.Link
			if chance(0.97) {
				links = append(links, to(process.LinkScheduledIn, soc))
			}
			if chance(0.97) {
				links = append(links, to(process.LinkSecurityCheck, sra))
			}
			links = append(links, to(process.LinkAffects, ci()), x("budget", budget))
			add(process.KindRequestForChange, "change", "approved", c, c.Add(24*time.Hour), links...)
		case pick < 97: // a problem and its known error
			c := at()
			status := "published"
			if chance(0.05) {
				status = "draft"
			}
			ke := add(process.KindKnownError, "known error", status, c, c, to(process.LinkAffects, ci()))
			add(process.KindProblem, "problem", "known-error", c, c.Add(time.Hour), to(process.LinkKnownError, ke))
		case pick < 99:
			add(process.KindContinuityPlan, "continuity plan", "", at(), at())
		default:
			add(process.KindCapacityPlan, "capacity plan", "", at(), at(), x("budget", budget))
		}
	}
	return f.store, year
}

func dedupe(ls []process.Link) []process.Link {
	var out []process.Link
	for _, l := range ls {
		dup := false
		for _, o := range out {
			if o.Type == l.Type && o.To == l.To {
				dup = true
			}
		}
		if !dup {
			out = append(out, l)
		}
	}
	return out
}

// auditKinds returns the kinds an audit of store reads, in the order it
// first reads them.
func auditKinds(tb testing.TB, store process.Store, period process.Window) []process.RecordKind {
	tb.Helper()
	cs := &countingStore{Store: store, records: make(map[process.RecordKind]int)}
	if _, err := Audit(Standard(), cs, period); err != nil {
		tb.Fatal(err)
	}
	return cs.order
}

// floorPass is the peer of the audit: one bare pass over the records of the
// kinds the audit reads, through the same read-only view, reading each
// record (its header, and every link it holds: the audit cannot judge a
// record without its links) with no rule. headersOnly reads the header
// alone, as the earlier floor did.
func floorPass(store process.Store, period process.Window, kinds []process.RecordKind, headersOnly bool) int {
	seen := 0
	view := process.ReadOnly(store)
	for _, k := range kinds {
		for r, err := range view.Records(k) {
			if err != nil {
				panic(err)
			}
			h := r.Meta()
			if !covers(period, h) {
				continue
			}
			if headersOnly {
				seen += len(h.Links)
				continue
			}
			for _, l := range h.Links {
				seen += int(l.To[15]&1) + len(l.Kind) + len(l.Type)
			}
		}
	}
	return seen
}

// BenchmarkAudit times the audit and its floor as a pair in each round, on
// the same store, and reports the medians: the audit's and the floor's
// time per record and their ratio. The answers are checked before timing:
// the audit finds the same findings on every run, and the floor sees
// every link of the records the audit checks. The first round after a
// garbage collection (cold) is reported beside the median (warm).
func BenchmarkAudit(b *testing.B) {
	sizes := []int{100_000, 1_000_000}
	if testing.Short() {
		sizes = []int{20_000}
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			store, year := seedLarge(b, n)
			g := Standard()
			kinds := auditKinds(b, store, year)
			first, err := Audit(g, store, year)
			if err != nil {
				b.Fatal(err)
			}
			again, err := Audit(g, store, year)
			if err != nil {
				b.Fatal(err)
			}
			if !slices.EqualFunc(first.Findings, again.Findings, func(x, y AuditFinding) bool {
				return x.Rule == y.Rule && x.Message == y.Message && slices.Equal(x.Records, y.Records)
			}) {
				b.Fatal("two audits of one store disagree")
			}
			if floorPass(store, year, kinds, false) == 0 {
				b.Fatal("the floor saw no link")
			}
			var audit, floor, bare, ratio, ratioBare []float64
			var cold float64
			runtime.GC() // the seeding's garbage is collected before the clock starts
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				start := time.Now()
				floorPass(store, year, kinds, false)
				f := time.Since(start)
				start = time.Now()
				floorPass(store, year, kinds, true)
				fb := time.Since(start)
				start = time.Now()
				if _, err := Audit(g, store, year); err != nil {
					b.Fatal(err)
				}
				a := time.Since(start)
				if len(audit) == 0 {
					cold = float64(a.Nanoseconds()) / float64(store.Len())
				}
				audit = append(audit, float64(a.Nanoseconds())/float64(store.Len()))
				floor = append(floor, float64(f.Nanoseconds())/float64(store.Len()))
				bare = append(bare, float64(fb.Nanoseconds())/float64(store.Len()))
				ratio = append(ratio, float64(a)/float64(f))
				ratioBare = append(ratioBare, float64(a)/float64(fb))
			}
			b.StopTimer()
			b.ReportMetric(processtest.Median(audit), "audit-ns/record")
			b.ReportMetric(cold, "cold-audit-ns/record")
			b.ReportMetric(processtest.Median(floor), "floor-ns/record")
			b.ReportMetric(processtest.Median(ratio), "audit/floor")
			b.ReportMetric(processtest.Median(bare), "headers-ns/record")
			b.ReportMetric(processtest.Median(ratioBare), "audit/headers")
			b.ReportMetric(float64(store.Len()), "records")
			b.ReportMetric(float64(len(first.Findings)), "findings")
		})
	}
}

func TestSeedLargeFindsGaps(t *testing.T) {
	store, year := seedLarge(t, 3000)
	rep, err := Audit(Standard(), store, year)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) == 0 || rep.Records < 2000 {
		t.Errorf("got %d findings over %d records, want some over about 3000", len(rep.Findings), rep.Records)
	}
}

// countingStore counts the calls the audit makes.
type countingStore struct {
	process.Store
	records       map[process.RecordKind]int
	order         []process.RecordKind
	gets, linksTo int
}

func (s *countingStore) Records(k process.RecordKind) iter.Seq2[process.Record, error] {
	if s.records[k] == 0 {
		s.order = append(s.order, k)
	}
	s.records[k]++
	return s.Store.Records(k)
}

func (s *countingStore) Get(id process.ID) (process.Record, error) {
	s.gets++
	return s.Store.Get(id)
}

func (s *countingStore) LinksTo(id process.ID) iter.Seq2[process.Backlink, error] {
	s.linksTo++
	return s.Store.LinksTo(id)
}

// TestAuditOnePass shows the audit linear without timing it: it reads each
// kind once, and looks up a bounded number of records per record read.
func TestAuditOnePass(t *testing.T) {
	perRecord := make(map[int]float64)
	for _, n := range []int{2000, 8000} {
		store, year := seedLarge(t, n)
		cs := &countingStore{Store: store, records: make(map[process.RecordKind]int)}
		rep, err := Audit(Standard(), cs, year)
		if err != nil {
			t.Fatal(err)
		}
		for k, c := range cs.records {
			if c != 1 {
				t.Errorf("n=%d: kind %s read %d times, want once", n, k, c)
			}
		}
		if lookups := cs.gets + cs.linksTo; lookups > 6*rep.Records {
			t.Errorf("n=%d: %d lookups for %d records, want at most 6 per record", n, lookups, rep.Records)
		}
		perRecord[n] = float64(cs.gets+cs.linksTo) / float64(rep.Records)
	}
	if perRecord[8000] > 1.25*perRecord[2000] {
		t.Errorf("lookups per record grow with the store: %.2f at 2000 records, %.2f at 8000", perRecord[2000], perRecord[8000])
	}
	t.Logf("lookups per record: %.2f at 2000 records, %.2f at 8000", perRecord[2000], perRecord[8000])
}
