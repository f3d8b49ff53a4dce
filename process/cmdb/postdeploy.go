package cmdb

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
)

// PostDeploymentWindow is the period after a deployment in which incidents
// on a release's CIs are attributed to it for the post-deployment review
// (ISO/IEC 20000-1:2011, 9.3: success or failure is monitored, including the
// incidents related to the release in the period after deployment).
type PostDeploymentWindow struct {
	Release  process.ID
	CIs      []process.ID // the CIs the release deployed
	Deployed time.Time
	// Period is how long after Deployed incidents count; zero means
	// [process.PostDeploymentPeriod].
	Period time.Duration
	// Index, if set, widens the release's CIs to every CI they affect
	// downstream (an incident on an application that runs on a patched
	// host counts).
	Index *Index
}

// Window returns the period in which incidents count: from Deployed to
// Deployed plus Period, or plus [process.PostDeploymentPeriod] when Period
// is zero.
func (p PostDeploymentWindow) Window() process.Window {
	d := p.Period
	if d == 0 {
		d = process.PostDeploymentPeriod
	}
	return process.Window{Start: p.Deployed, End: p.Deployed.Add(d)}
}

// Incidents returns the IDs of the incidents among recs (records of other
// kinds are skipped) created in [Deployed, Deployed+Period) that affect
// ([process.LinkAffects]) one of the release's CIs, in the order of recs.
func (p PostDeploymentWindow) Incidents(recs []process.Record) ([]process.ID, error) {
	if p.Period < 0 {
		return nil, fmt.Errorf("cmdb: %s: post-deployment period %v: %w", process.Subject(process.KindRelease, p.Release), p.Period, process.ErrInvalidValue)
	}
	cis := make(map[process.ID]bool, len(p.CIs))
	for _, c := range p.CIs {
		cis[c] = true
	}
	if p.Index != nil && len(p.CIs) > 0 {
		if known := p.Index.known(p.CIs); len(known) > 0 {
			r, err := p.Index.Impact(ImpactQuery{CIs: known, Direction: Downstream})
			if err != nil {
				return nil, err
			}
			for a := range r.All() {
				cis[a.CI] = true
			}
			r.Release()
		}
	}
	w := p.Window()
	var out []process.ID
	for _, rec := range recs {
		h := rec.Meta()
		if h.Kind != process.KindIncident || h.Created.Before(w.Start) || !h.Created.Before(w.End) {
			continue
		}
		if slices.ContainsFunc(h.Linked(process.LinkAffects), func(id process.ID) bool { return cis[id] }) {
			out = append(out, h.ID)
		}
	}
	return out, nil
}

// Link links each incident of [PostDeploymentWindow.Incidents] to the release
// with [process.LinkAfterRelease], recorded in its history as done by by at at,
// skipping those already linked, and returns the IDs newly linked. It checks
// every incident before changing any: on error nothing is linked.
func (p PostDeploymentWindow) Link(by process.Actor, at time.Time, recs []process.Record) ([]process.ID, error) {
	ids, err := p.Incidents(recs)
	if err != nil {
		return nil, err
	}
	if p.Release.IsZero() {
		return nil, fmt.Errorf("cmdb: post-deployment window: release: %w", process.ErrRequired)
	}
	want := make(map[process.ID]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	var todo []*process.Header
	var errs []error
	for _, rec := range recs {
		h := rec.Meta()
		if !want[h.ID] || h.HasLink(process.LinkAfterRelease, p.Release) {
			continue
		}
		if err := h.CheckEvent(by, at); err != nil {
			errs = append(errs, err)
		}
		todo = append(todo, h)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make([]process.ID, 0, len(todo))
	for _, h := range todo {
		if err := h.Link(by, at, process.LinkAfterRelease, p.Release, process.KindRelease); err != nil {
			return out, err
		}
		out = append(out, h.ID)
	}
	return out, nil
}
