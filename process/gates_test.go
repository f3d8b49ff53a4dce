package process

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReleaseGates(t *testing.T) {
	ready := ReleaseReadiness{
		Release:  cid(50),
		Changes:  []ChangeApproval{{Change: cid(51), Authorised: true}, {Change: cid(52), Authorised: true}},
		Criteria: []string{"login", "checkout"},
		// checkout failed first, then passed on retest: the later result counts.
		Results:  []AcceptanceResult{{"login", true}, {"checkout", false}, {"checkout", true}},
		Baseline: cid(60),
	}
	tests := []struct {
		name string
		edit func(r *ReleaseReadiness)
		want []GateFailure
	}{
		{"all gates pass", func(*ReleaseReadiness) {}, nil},
		{"one change not authorised", func(r *ReleaseReadiness) { r.Changes[1].Authorised = false },
			[]GateFailure{{Gate: GateChangesAuthorised, Record: cid(52), Detail: "not authorised"}}},
		{"no changes", func(r *ReleaseReadiness) { r.Changes = nil },
			[]GateFailure{{Gate: GateChangesAuthorised, Detail: "implements no change"}}},
		{"criterion failed on retest", func(r *ReleaseReadiness) { r.Results = append(r.Results, AcceptanceResult{"login", false}) },
			[]GateFailure{{Gate: GateAcceptance, Criterion: "login", Detail: "failed"}}},
		{"criterion not tested", func(r *ReleaseReadiness) { r.Results = r.Results[:1] },
			[]GateFailure{{Gate: GateAcceptance, Criterion: "checkout", Detail: "not tested"}}},
		{"no criteria", func(r *ReleaseReadiness) { r.Criteria = nil },
			[]GateFailure{{Gate: GateAcceptance, Detail: "no acceptance criteria agreed"}}},
		{"no baseline, and everything else wrong", func(r *ReleaseReadiness) {
			r.Baseline = ID{}
			r.Changes[0].Authorised = false
			r.Results = nil
		}, []GateFailure{
			{Gate: GateChangesAuthorised, Record: cid(51), Detail: "not authorised"},
			{Gate: GateAcceptance, Criterion: "login", Detail: "not tested"},
			{Gate: GateAcceptance, Criterion: "checkout", Detail: "not tested"},
			{Gate: GateBaseline, Detail: "no configuration baseline taken"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ready
			r.Changes = append([]ChangeApproval(nil), ready.Changes...)
			r.Results = append([]AcceptanceResult(nil), ready.Results...)
			tt.edit(&r)
			assert.Equal(t, tt.want, r.Gates())
			err := r.Deployable()
			if tt.want == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, ErrPrecondition)
			}
		})
	}
}

// ticket is a minimal incident record for the post-deployment tests.
type ticket struct{ Header }

func (t *ticket) Validate() error { return nil }

func TestPostDeploymentWindow(t *testing.T) {
	deployed := time.Date(2026, 3, 2, 22, 0, 0, 0, time.UTC)
	boss := Actor{Name: "rm", Roles: []Role{RoleReleaseManager}}
	inc := func(n int, at time.Time, cis ...int) *ticket {
		h := Header{ID: cid(n), Kind: KindIncident, Title: "inc", Created: at, Updated: at}
		for _, c := range cis {
			require.NoError(t, h.Link(LinkAffects, cid(c), KindConfigurationItem, boss, at))
		}
		return &ticket{h}
	}
	// The release patched the host (7); vm4 runs on it; the app runs on the
	// cluster of vm4–vm6 (min up 1), so the app is not affected by the host.
	x := webShop(t, RedundancyGroup{MinUp: 1})
	recs := []Record{
		inc(101, deployed.Add(time.Hour), ciHostA),                 // on the host, in the period
		inc(102, deployed.Add(2*time.Hour), ciVM4),                 // on a vm of the host: linked only with the index
		inc(103, deployed.Add(-time.Minute), ciHostA),              // before the deployment
		inc(104, deployed.Add(72*time.Hour), ciHostA),              // after the period
		inc(105, deployed.Add(3*time.Hour), ciApp),                 // the app: absorbed by the cluster
		inc(106, deployed.Add(71*time.Hour+59*time.Minute), ciSAN), // unrelated CI
	}
	w := PostDeploymentWindow{Release: cid(50), CIs: []ID{cid(ciHostA)}, Deployed: deployed, Period: 72 * time.Hour}
	got, err := w.Incidents(recs)
	require.NoError(t, err)
	assert.Equal(t, []ID{cid(101)}, got)
	w.Index = x
	got, err = w.Incidents(recs)
	require.NoError(t, err)
	assert.Equal(t, []ID{cid(101), cid(102)}, got)

	// Linking: an actor is needed, and nothing changes without one.
	_, err = w.Link(recs, Actor{}, deployed)
	assert.True(t, errors.Is(err, ErrRequired), "got %v", err)
	assert.False(t, recs[0].Meta().HasLink(LinkAfterRelease, cid(50)))
	linked, err := w.Link(recs, boss, deployed.Add(80*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, []ID{cid(101), cid(102)}, linked)
	assert.True(t, recs[1].Meta().HasLink(LinkAfterRelease, cid(50)))
	linked, err = w.Link(recs, boss, deployed.Add(81*time.Hour))
	require.NoError(t, err)
	assert.Empty(t, linked, "linked twice")

	_, err = PostDeploymentWindow{Release: cid(50)}.Incidents(recs)
	assert.ErrorIs(t, err, ErrInvalidValue)
}
