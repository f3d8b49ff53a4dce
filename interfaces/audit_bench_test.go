package interfaces

import (
	"iter"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
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
	sra := add(process.KindSecurityRiskAssessment, "security assessment", "", t0, t0)
	srp := add(process.KindServiceReport, "report", "", year.End.Add(-time.Hour), year.End.Add(-time.Hour))
	var releases []process.Record
	for count < n {
		switch x := rng.IntN(100); {
		case x < 10: // a release, its baseline, deployment, review and change
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
			add(process.KindDeployment, "deployment", "completed", d, d, to(process.LinkDeploys, rel))
			add(process.KindRequestForChange, "change", "implemented", d.Add(-96*time.Hour), d,
				to(process.LinkScheduledIn, soc), to(process.LinkSecurityCheck, sra), to(process.LinkAffects, ci()), to(process.LinkImplementedBy, rel))
		case x < 60: // an incident on a CI, now and then after a release or major
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
		case x < 85: // a change
			c := at()
			var links []process.Link
			if chance(0.97) {
				links = append(links, to(process.LinkScheduledIn, soc))
			}
			if chance(0.97) {
				links = append(links, to(process.LinkSecurityCheck, sra))
			}
			links = append(links, to(process.LinkAffects, ci()))
			add(process.KindRequestForChange, "change", "approved", c, c.Add(24*time.Hour), links...)
		case x < 97: // a problem and its known error
			c := at()
			status := "published"
			if chance(0.05) {
				status = "draft"
			}
			ke := add(process.KindKnownError, "known error", status, c, c, to(process.LinkAffects, ci()))
			add(process.KindProblem, "problem", "known-error", c, c.Add(time.Hour), to(process.LinkKnownError, ke))
		case x < 99:
			add(process.KindContinuityPlan, "continuity plan", "", at(), at())
		default:
			add(process.KindCapacityPlan, "capacity plan", "", at(), at())
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

func BenchmarkAudit(b *testing.B) {
	n := 1_000_000
	if testing.Short() {
		n = 20_000
	}
	store, year := seedLarge(b, n)
	g := Standard()
	runtime.GC() // the seeding's garbage is collected before the clock starts
	b.ReportAllocs()
	b.ResetTimer()
	var rep AuditReport
	for b.Loop() {
		var err error
		rep, err = Audit(g, store, year)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(store.Len()), "ns/record")
	b.ReportMetric(float64(store.Len()), "records")
	b.ReportMetric(float64(len(rep.Findings)), "findings")
}

// BenchmarkAuditFloor is the peer: one bare pass over the same records of
// the kinds the audit reads, touching each header, with no rule.
func BenchmarkAuditFloor(b *testing.B) {
	n := 1_000_000
	if testing.Short() {
		n = 20_000
	}
	store, year := seedLarge(b, n)
	runtime.GC() // the seeding's garbage is collected before the clock starts
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		seen := 0
		for _, k := range passOrder {
			for r, err := range process.ReadOnly(store).Records(k) {
				if err != nil {
					b.Fatal(err)
				}
				if h := r.Meta(); covers(year, h.Created, h.Updated) {
					seen += len(h.Links)
				}
			}
		}
		if seen == 0 {
			b.Fatal("no links seen")
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(store.Len()), "ns/record")
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
	gets, linksTo int
}

func (s *countingStore) Records(k process.RecordKind) iter.Seq2[process.Record, error] {
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
		if len(cs.records) != len(passOrder) {
			t.Errorf("n=%d: read %d kinds, want %d", n, len(cs.records), len(passOrder))
		}
		if lookups := cs.gets + cs.linksTo; lookups > 2*rep.Records {
			t.Errorf("n=%d: %d lookups for %d records, want at most 2 per record", n, lookups, rep.Records)
		}
	}
}
