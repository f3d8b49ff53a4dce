package process

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCrossProcessLinks57 stores the four typed links of issue 3 between
// the records of Clauses 5–7 and those of Clauses 8–9, and reads them back
// from their targets.
func TestCrossProcessLinks57(t *testing.T) {
	var c clock
	st := NewMemStore()
	service := newService(t)
	require.NoError(t, st.Put(service))
	incident := NewIncident("payments slow", desk, c.next())
	incident.Description = "card payments take minutes"
	require.NoError(t, incident.Classify(desk, c.next(), "payments", LevelHigh, LevelMedium, 2))
	require.NoError(t, incident.SetService(desk, c.next(), service.ID))
	rfc := NewRequestForChange("longer service hours", ChangeNormal, desk, c.next())
	rfc.Description = "extend support hours to weekends"
	require.NoError(t, rfc.AddService(desk, c.next(), service.ID))
	sla := validSLA()
	for _, r := range []Record{incident, rfc, sla} {
		require.NoError(t, st.Put(r))
	}

	complaint := validComplaint()
	require.NoError(t, complaint.Link(clerk57, at57(1), LinkAbout, incident.ID, KindIncident))
	review := validServiceReview()
	require.NoError(t, review.Link(clerk57, at57(1), LinkRaised, rfc.ID, KindRequestForChange))
	contract := validSupplierContract()
	require.NoError(t, contract.Link(clerk57, at57(1), LinkSupports, sla.ID, KindSLA))
	test := validPlanTest()
	require.NoError(t, test.Link(clerk57, at57(1), LinkAfterChange, rfc.ID, KindRequestForChange))
	for _, r := range []Record{complaint, review, contract, test} {
		require.NoError(t, st.Put(r))
	}

	backlinks := func(id ID) []Backlink {
		var out []Backlink
		for b, err := range st.LinksTo(id) {
			require.NoError(t, err)
			out = append(out, b)
		}
		return out
	}
	assert.Equal(t, []Backlink{{From: complaint.ID, Kind: KindComplaint, Type: LinkAbout}}, backlinks(incident.ID))
	assert.ElementsMatch(t, []Backlink{
		{From: review.ID, Kind: KindServiceReview, Type: LinkRaised},
		{From: test.ID, Kind: KindPlanTest, Type: LinkAfterChange},
	}, backlinks(rfc.ID))
	assert.Equal(t, []Backlink{{From: contract.ID, Kind: KindSupplierContract, Type: LinkSupports}}, backlinks(sla.ID))

	// A link to a record of the wrong kind is refused by the store.
	wrong := validComplaint()
	wrong.Links = []Link{{Type: LinkAbout, To: rfc.ID, Kind: KindIncident}}
	assert.ErrorIs(t, st.Put(wrong), ErrInvalidLink)
}
