package process

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLinkRules checks which kinds link types join: a table of pairs, and
// for every link type of Clauses 5–7 that it joins two processes' records
// only where Annex A has an interface between them (in either direction),
// the service record aside.
func TestLinkRules(t *testing.T) {
	tests := []struct {
		t        LinkType
		from, to RecordKind
		want     bool
	}{
		{LinkAffects, KindIncident, KindConfigurationItem, true},
		{LinkAffects, KindConfigurationItem, KindIncident, false},
		{LinkRequires, KindProblem, KindRequestForChange, true},
		{LinkRequires, KindIncident, KindRequestForChange, false},
		{LinkImplementedBy, KindRequestForChange, KindRelease, true},
		{LinkBaselinedBy, KindRelease, KindConfigurationBaseline, true},
		{LinkService, KindComplaint, KindService, true},
		{LinkService, KindComplaint, KindIncident, false},
		{"x-anything", KindComplaint, "x-widget", true},
		{"x-anything", KindComplaint, "bogus", false},
		{"bogus", KindIncident, KindConfigurationItem, false},
		{LinkAbout, KindComplaint, KindIncident, true},
		{LinkAbout, KindComplaint, KindProblem, false},
		{LinkRaised, KindServiceReview, KindRequestForChange, true},
		{LinkRaised, KindComplaint, KindRequestForChange, true}, // A.8 #51: BRM raises changes
		{LinkRaised, KindComplaint, KindProblem, false},
		{LinkSupports, KindSupplierContract, KindSLA, true},
		{LinkAfterChange, KindPlanTest, KindRequestForChange, true},
	}
	for _, tt := range tests {
		if got := tt.t.Allows(tt.from, tt.to); got != tt.want {
			t.Errorf("%s.Allows(%s, %s) = %v, want %v", tt.t, tt.from, tt.to, got, tt.want)
		}
	}
	t.Run("Annex A interfaces", func(t *testing.T) {
		edges := map[[2]Process]bool{}
		for _, e := range [][2]Process{
			{ChangeManagement, DesignTransition}, {DesignTransition, ConfigurationManagement}, {DesignTransition, ReleaseDeploymentManagement},
			{DesignTransition, ServiceLevelManagement}, {DesignTransition, SupplierManagement}, {ServiceLevelManagement, ContinuityAvailabilityManagement},
			{ServiceLevelManagement, SupplierManagement}, {ServiceLevelManagement, BusinessRelationshipManagement}, {ServiceLevelManagement, ChangeManagement},
			{ServiceReporting, BusinessRelationshipManagement}, {IncidentRequestManagement, ContinuityAvailabilityManagement},
			{ChangeManagement, ContinuityAvailabilityManagement}, {IncidentRequestManagement, InformationSecurityManagement},
			{InformationSecurityManagement, SupplierManagement}, {IncidentRequestManagement, BusinessRelationshipManagement},
		} {
			edges[e], edges[[2]Process{e[1], e[0]}] = true, true
		}
		for _, lt := range []LinkType{LinkFulfils, LinkDesignedBy, LinkAcceptedAgainst, LinkAcceptanceTestedBy,
			LinkTransitionReported, LinkSpecifies, LinkEvidencedBy, LinkAmendedBy, LinkSupports, LinkAfterChange,
			LinkAbout, LinkTreatedBy, LinkGrantsAccess} {
			assert.True(t, lt.Valid(), "%s", lt)
			for from, to := range lt.Pairs() {
				pf, pt := from.Owner(), to.Owner()
				if pf == pt || to == KindService {
					continue
				}
				assert.True(t, edges[[2]Process{pf, pt}], "%s: %s (%s) → %s (%s) has no interface", lt, from, pf.Code(), to, pt.Code())
			}
		}
	})
}

func TestLinkTypesTable(t *testing.T) {
	ts := LinkTypes()
	assert.True(t, slices.IsSorted(ts))
	for _, lt := range ts {
		assert.True(t, lt.Valid(), "%s", lt)
		assert.False(t, lt.Custom(), "%s", lt)
		n := 0
		for from, to := range lt.Pairs() {
			n++
			assert.True(t, from.Valid() && to.Valid(), "%s: %s → %s", lt, from, to)
			assert.True(t, lt.Allows(from, to), "%s: %s → %s", lt, from, to)
		}
		assert.Positive(t, n, "%s joins nothing", lt)
	}
	n := 0
	for range LinkService.Pairs() {
		n++
	}
	assert.Equal(t, len(Kinds()), n, "service links come from any kind")
	for range LinkAffects.Pairs() {
		break // stopping early must not panic
	}
}

// TestCrossProcessLinks stores the four typed links of issue 3 between
// the records of Clauses 5–7 and those of Clauses 8–9, and reads them back
// from their targets.
func TestCrossProcessLinks(t *testing.T) {
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
	sla := newSLA(t)
	for _, r := range []Record{incident, rfc, sla} {
		require.NoError(t, st.Put(r))
	}

	complaint := newComplaint(t)
	require.NoError(t, complaint.Link(nobody, atHour(1), LinkAbout, incident.ID, KindIncident))
	review := newServiceReview(t)
	require.NoError(t, review.Link(nobody, atHour(1), LinkRaised, rfc.ID, KindRequestForChange))
	contract := newSupplierContract(t)
	require.NoError(t, contract.Link(nobody, atHour(1), LinkSupports, sla.ID, KindSLA))
	test := newPlanTest(t)
	require.NoError(t, test.Link(nobody, atHour(1), LinkAfterChange, rfc.ID, KindRequestForChange))
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
	wrong := newComplaint(t)
	wrong.Links = []Link{{Type: LinkAbout, To: rfc.ID, Kind: KindIncident}}
	assert.ErrorIs(t, st.Put(wrong), ErrInvalidLink)
}
