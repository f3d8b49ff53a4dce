package process

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ReleaseGate names one condition a release meets before it may be deployed
// (ISO/IEC 20000-1:2011, 9.3: a release is built and tested against agreed
// acceptance criteria, approved, and baselined before deployment; 9.2: it
// implements authorised changes). The zero ReleaseGate is invalid.
type ReleaseGate string

// The release gates.
const (
	GateChangesAuthorised ReleaseGate = "changes-authorised" // every change the release implements is authorised
	GateAcceptance        ReleaseGate = "acceptance"         // every acceptance criterion is met by a passed test
	GateBaseline          ReleaseGate = "baseline"           // a configuration baseline is taken
)

// Valid reports whether g is one of the gates above.
func (g ReleaseGate) Valid() bool {
	return g == GateChangesAuthorised || g == GateAcceptance || g == GateBaseline
}

// String returns the gate's code.
func (g ReleaseGate) String() string { return string(g) }

// ChangeApproval is a change a release implements and whether it is
// authorised (ISO/IEC 20000-1:2011, 9.2).
type ChangeApproval struct {
	Change     ID
	Authorised bool
}

// AcceptanceResult is the outcome of testing a release against one
// acceptance criterion, named by its code (ISO/IEC 20000-1:2011, 9.3).
type AcceptanceResult struct {
	Criterion string
	Passed    bool
}

// ReleaseReadiness is what the release gates look at: the release, the
// changes it implements, its agreed acceptance criteria and the results of
// its acceptance tests in the order they were made (a later result for a
// criterion replaces an earlier one), and its configuration baseline
// (ISO/IEC 20000-1:2011, 9.3).
type ReleaseReadiness struct {
	Release  ID
	Changes  []ChangeApproval
	Criteria []string
	Results  []AcceptanceResult
	Baseline ID
}

// GateFailure is one gate a release does not pass: the gate, the record or
// criterion at fault where there is one, and why (ISO/IEC 20000-1:2011,
// 9.3).
type GateFailure struct {
	Gate      ReleaseGate
	Record    ID     // the change not authorised; zero otherwise
	Criterion string // the criterion not met; "" otherwise
	Detail    string
}

// String reads "acceptance: criterion login: failed".
func (f GateFailure) String() string {
	var b strings.Builder
	b.WriteString(string(f.Gate))
	if !f.Record.IsZero() {
		b.WriteString(": change " + f.Record.Short())
	}
	if f.Criterion != "" {
		b.WriteString(": criterion " + f.Criterion)
	}
	b.WriteString(": " + f.Detail)
	return b.String()
}

// Gates returns every gate r does not pass, in gate order (changes,
// acceptance, baseline) and, within a gate, in the order of the changes and
// criteria (ISO/IEC 20000-1:2011, 9.2, 9.3). A release with no changes, or
// with no agreed acceptance criteria, does not pass that gate.
func (r ReleaseReadiness) Gates() []GateFailure {
	var out []GateFailure
	if len(r.Changes) == 0 {
		out = append(out, GateFailure{Gate: GateChangesAuthorised, Detail: "implements no change"})
	}
	for _, c := range r.Changes {
		if !c.Authorised {
			out = append(out, GateFailure{Gate: GateChangesAuthorised, Record: c.Change, Detail: "not authorised"})
		}
	}
	if len(r.Criteria) == 0 {
		out = append(out, GateFailure{Gate: GateAcceptance, Detail: "no acceptance criteria agreed"})
	}
	latest := make(map[string]bool, len(r.Results))
	for _, t := range r.Results {
		latest[t.Criterion] = t.Passed
	}
	for _, c := range r.Criteria {
		passed, tested := latest[c]
		switch {
		case !tested:
			out = append(out, GateFailure{Gate: GateAcceptance, Criterion: c, Detail: "not tested"})
		case !passed:
			out = append(out, GateFailure{Gate: GateAcceptance, Criterion: c, Detail: "failed"})
		}
	}
	if r.Baseline.IsZero() {
		out = append(out, GateFailure{Gate: GateBaseline, Detail: "no configuration baseline taken"})
	}
	return out
}

// Deployable returns nil when r passes every gate, and otherwise an error
// wrapping [ErrPrecondition] that lists each failure.
func (r ReleaseReadiness) Deployable() error {
	fs := r.Gates()
	if len(fs) == 0 {
		return nil
	}
	msgs := make([]string, len(fs))
	for i, f := range fs {
		msgs[i] = f.String()
	}
	return fmt.Errorf("process: %s: not deployable: %s: %w", Subject(KindRelease, r.Release), strings.Join(msgs, "; "), ErrPrecondition)
}

// PostDeploymentWindow is the period after a deployment in which incidents
// on a release's CIs are attributed to it for the post-deployment review
// (ISO/IEC 20000-1:2011, 9.3: success or failure is monitored, including the
// incidents related to the release in the period after deployment).
type PostDeploymentWindow struct {
	Release  ID
	CIs      []ID // the CIs the release deployed
	Deployed time.Time
	Period   time.Duration
	// Index, if set, widens the release's CIs to every CI they affect
	// downstream (an incident on an application that runs on a patched
	// host counts).
	Index *Index
}

// Incidents returns the IDs of the incidents among recs (records of other
// kinds are skipped) created in [Deployed, Deployed+Period) that affect
// ([LinkAffects]) one of the release's CIs, in the order of recs.
func (p PostDeploymentWindow) Incidents(recs []Record) ([]ID, error) {
	if p.Period <= 0 {
		return nil, fmt.Errorf("process: %s: post-deployment period %v: %w", Subject(KindRelease, p.Release), p.Period, ErrInvalidValue)
	}
	cis := make(map[ID]bool, len(p.CIs))
	for _, c := range p.CIs {
		cis[c] = true
	}
	if p.Index != nil && len(p.CIs) > 0 {
		var known []ID
		for _, c := range p.CIs {
			if _, ok := p.Index.pos[c]; ok {
				known = append(known, c)
			}
		}
		if len(known) > 0 {
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
	end := p.Deployed.Add(p.Period)
	var out []ID
	for _, rec := range recs {
		h := rec.Meta()
		if h.Kind != KindIncident || h.Created.Before(p.Deployed) || !h.Created.Before(end) {
			continue
		}
		if slices.ContainsFunc(h.Linked(LinkAffects), func(id ID) bool { return cis[id] }) {
			out = append(out, h.ID)
		}
	}
	return out, nil
}

// Link links each incident of [PostDeploymentWindow.Incidents] to the
// release with [LinkAfterRelease], recorded in its history as done by by at
// at, skipping those already linked, and returns the IDs newly linked. It
// checks every incident before changing any: on error nothing is linked.
func (p PostDeploymentWindow) Link(recs []Record, by Actor, at time.Time) ([]ID, error) {
	ids, err := p.Incidents(recs)
	if err != nil {
		return nil, err
	}
	if p.Release.IsZero() {
		return nil, fmt.Errorf("process: post-deployment review: release: %w", ErrRequired)
	}
	want := make(map[ID]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	var todo []*Header
	var errs []error
	for _, rec := range recs {
		h := rec.Meta()
		if !want[h.ID] || h.HasLink(LinkAfterRelease, p.Release) {
			continue
		}
		if err := h.checkEvent(by, at); err != nil {
			errs = append(errs, err)
		}
		todo = append(todo, h)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make([]ID, 0, len(todo))
	for _, h := range todo {
		if err := h.Link(LinkAfterRelease, p.Release, KindRelease, by, at); err != nil {
			return out, err
		}
		out = append(out, h.ID)
	}
	return out, nil
}

// ReadinessFromStore gathers the release gates' inputs for rel from s
// (ISO/IEC 20000-1:2011, 9.2, 9.3): each change it implements, authorised
// once it has reached the authorised state or any later one short of
// rejection or cancellation; its acceptance criteria; the results of its
// acceptance tests ([LinkTestedBy]) in the order the release links them;
// and its baseline.
func ReadinessFromStore(s Store, rel *Release) (ReleaseReadiness, error) {
	r := ReleaseReadiness{Release: rel.ID, Baseline: rel.Baseline}
	for _, id := range rel.Changes {
		rec, err := s.Get(id)
		if err != nil {
			return ReleaseReadiness{}, err
		}
		c, ok := rec.(*RequestForChange)
		if !ok {
			return ReleaseReadiness{}, fmt.Errorf("process: %s: change %s is a %T: %w", rel.Subject(), id.Short(), rec, ErrInvalidValue)
		}
		r.Changes = append(r.Changes, ChangeApproval{Change: id, Authorised: c.after(changeAuthorisedOn...)})
	}
	for _, c := range rel.AcceptanceCriteria {
		r.Criteria = append(r.Criteria, c.Code)
	}
	for _, id := range rel.Linked(LinkTestedBy) {
		rec, err := s.Get(id)
		if err != nil {
			return ReleaseReadiness{}, err
		}
		t, ok := rec.(*ReleaseAcceptanceTest)
		if !ok {
			return ReleaseReadiness{}, fmt.Errorf("process: %s: test %s is a %T: %w", rel.Subject(), id.Short(), rec, ErrInvalidValue)
		}
		for _, res := range t.Results {
			r.Results = append(r.Results, AcceptanceResult{Criterion: res.Criterion, Passed: res.Passed})
		}
	}
	return r, nil
}

// ReleaseCIs returns the CIs a release deploys: those its changes affect,
// read from s, in order, each once (ISO/IEC 20000-1:2011, 9.3).
func ReleaseCIs(s Store, rel *Release) ([]ID, error) {
	var out []ID
	for _, id := range rel.Changes {
		rec, err := s.Get(id)
		if err != nil {
			return nil, err
		}
		if c, ok := rec.(*RequestForChange); ok {
			for _, ci := range c.AffectedCIs {
				if !slices.Contains(out, ci) {
					out = append(out, ci)
				}
			}
		}
	}
	return out, nil
}
