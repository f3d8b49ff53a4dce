package cmdb

import (
	"errors"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ticket is a minimal incident record for the post-deployment tests.
type ticket struct{ process.Header }

func (t *ticket) Validate() error { return nil }

func TestPostDeploymentWindow(t *testing.T) {
	deployed := processtest.At(12)
	boss := processtest.RM
	inc := func(n int, at time.Time, cis ...int) *ticket {
		h := process.Header{ID: cid(n), Kind: process.KindIncident, Title: "inc", Created: at, Updated: at}
		for _, c := range cis {
			require.NoError(t, h.Link(boss, at, process.LinkAffects, cid(c), process.KindConfigurationItem))
		}
		return &ticket{h}
	}
	// The release patched the host (7); vm4 runs on it; the app runs on the
	// cluster of vm4–vm6 (min up 1), so the app is not affected by the host.
	x := webShop(t, RedundancyGroup{MinUp: 1})
	recs := []process.Record{
		inc(101, deployed.Add(time.Hour), ciHostA),                 // on the host, in the period
		inc(102, deployed.Add(2*time.Hour), ciVM4),                 // on a vm of the host: linked only with the index
		inc(103, deployed.Add(-time.Minute), ciHostA),              // before the deployment
		inc(104, deployed.Add(72*time.Hour), ciHostA),              // after the period
		inc(105, deployed.Add(3*time.Hour), ciApp),                 // the app: absorbed by the cluster
		inc(106, deployed.Add(71*time.Hour+59*time.Minute), ciSAN), // unrelated CI
	}
	w := PostDeploymentWindow{Release: cid(50), CIs: []process.ID{cid(ciHostA)}, Deployed: deployed, Period: 72 * time.Hour}
	got, err := w.Incidents(recs)
	require.NoError(t, err)
	assert.Equal(t, []process.ID{cid(101)}, got)
	w.Index = x
	got, err = w.Incidents(recs)
	require.NoError(t, err)
	assert.Equal(t, []process.ID{cid(101), cid(102)}, got)

	// Linking: an actor is needed, and nothing changes without one.
	_, err = w.Link(process.Actor{}, deployed, recs)
	assert.True(t, errors.Is(err, process.ErrRequired), "got %v", err)
	assert.False(t, recs[0].Meta().HasLink(process.LinkAfterRelease, cid(50)))
	linked, err := w.Link(boss, deployed.Add(80*time.Hour), recs)
	require.NoError(t, err)
	assert.Equal(t, []process.ID{cid(101), cid(102)}, linked)
	assert.True(t, recs[1].Meta().HasLink(process.LinkAfterRelease, cid(50)))
	linked, err = w.Link(boss, deployed.Add(81*time.Hour), recs)
	require.NoError(t, err)
	assert.Empty(t, linked, "linked twice")

	_, err = PostDeploymentWindow{Release: cid(50), Period: -time.Hour}.Incidents(recs)
	assert.ErrorIs(t, err, process.ErrInvalidValue)

	// No period: the library's default, 14 days, in which incident 104
	// (72 hours after the deployment, outside the 72-hour window) counts too.
	def, err := PostDeploymentWindow{Release: cid(50), CIs: w.CIs, Deployed: deployed}.Incidents(recs)
	require.NoError(t, err)
	long, err := PostDeploymentWindow{Release: cid(50), CIs: w.CIs, Deployed: deployed, Period: process.PostDeploymentPeriod}.Incidents(recs)
	require.NoError(t, err)
	assert.Equal(t, long, def)
	assert.Equal(t, []process.ID{cid(101), cid(104)}, def)
	assert.Equal(t, process.Window{Start: deployed, End: deployed.Add(14 * 24 * time.Hour)}, PostDeploymentWindow{Deployed: deployed}.Window())
	assert.Equal(t, process.Window{Start: deployed, End: deployed.Add(72 * time.Hour)}, w.Window())
}
