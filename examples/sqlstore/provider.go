package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// rec is a record that is a header and nothing else, of any kind: the
// records of the generated provider, as the interface audit's own
// benchmark builds them, so that the audit is shown to judge any record
// type on what its header says.
type rec struct {
	process.Header
}

// Validate checks the header.
func (r *rec) Validate() error {
	v := process.ValidationError{Subject: r.Subject()}
	process.ValidateHeader(&r.Header, r.Kind, &v)
	return v.Err()
}

// decodeRec decodes a stored record of any kind as a [rec]: the decoder of
// the stores that hold the generated provider.
func decodeRec(data []byte) (process.Record, error) {
	r := &rec{}
	if err := json.Unmarshal(data, r); err != nil {
		return nil, fmt.Errorf("decode record: %w", err)
	}
	return r, nil
}

// t0 is the start of the provider's year.
var t0 = processtest.T0

// to makes a link to r.
func to(t process.LinkType, r process.Record) process.Link {
	return process.Link{Type: t, To: r.Meta().ID, Kind: r.Meta().Kind}
}

// x makes a host's own link (x-…) to r.
func x(name string, r process.Record) process.Link {
	return process.Link{Type: process.LinkType("x-" + name), To: r.Meta().ID, Kind: r.Meta().Kind}
}

// header makes a header created at created, with the status set at
// updated, and the history that explains its links and status.
func header(rng *rand.Rand, kind process.RecordKind, title, status string, created, updated time.Time, links ...process.Link) process.Header {
	h := process.Header{ID: newID(rng), Kind: kind, Title: title, Status: status, Created: created, Updated: created, Links: links,
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

// newID returns an ID from rng (a version 4 UUID), so that a seed gives
// the same provider, IDs included, every time.
func newID(rng *rand.Rand) process.ID {
	var id process.ID
	for i := 0; i < 16; i += 8 {
		v := rng.Uint64()
		for j := range 8 {
			id[i+j] = byte(v >> (8 * j))
		}
	}
	id[6] = id[6]&0x0f | 0x40
	id[8] = id[8]&0x3f | 0x80
	return id
}

// dedupe drops repeated links (same type and target).
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

// provider generates about n records of a provider's year from a fixed
// seed, as the interface audit's benchmark does (package interfaces,
// audit_bench_test.go): configuration items, changes (most scheduled and
// assessed), releases with their baselines, deployments and reviews,
// incidents on the CIs (some after a release, some major), problems with
// known errors, and a few continuity and capacity plans; about one record
// in twenty breaks a rule. It hands each record to emit, every record
// after the records it links to, and returns the year.
func provider(n int, emit func(process.Record) error) (process.Window, error) {
	rng := rand.New(rand.NewPCG(20000, 1))
	year := process.Window{Start: t0, End: t0.AddDate(1, 0, 0)}
	at := func() time.Time { return t0.Add(time.Duration(rng.Int64N(int64(360 * 24 * time.Hour)))) }
	chance := func(p float64) bool { return rng.Float64() < p }
	count := 0
	var err error
	add := func(kind process.RecordKind, title, status string, created, updated time.Time, links ...process.Link) process.Record {
		r := &rec{header(rng, kind, title, status, created, updated, links...)}
		count++
		if err == nil {
			err = emit(r)
		}
		return r
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
	for count < n && err == nil {
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
			changed := &rec{header(rng, process.KindConfigurationItem, "ci", "live", d, d, to(process.LinkChangedBy, rfc))}
			changed.History = append(changed.History, process.Event{At: d, Actor: "test", Action: process.ActionChanged, Field: "version", To: "2", Ref: rfc.Meta().ID})
			count++
			if err == nil {
				err = emit(changed)
			}
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
	return year, err
}
