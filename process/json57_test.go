package process

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kinds57 are the record kinds of Clauses 5 to 7 that package process
// builds (the service record is built beside the records of Clauses 8–9).
func kinds57() []RecordKind {
	var ks []RecordKind
	for _, k := range Kinds() {
		switch k.Owner() {
		case DesignTransition, ServiceLevel, ServiceReporting, ContinuityAvailability, InformationSecurity, BusinessRelationship, Supplier:
			if k != KindService && k != KindServiceTarget {
				ks = append(ks, k)
			}
		}
	}
	return ks
}

func TestKinds57Covered(t *testing.T) {
	for _, k := range kinds57() {
		assert.Contains(t, valid57, k, "no fixture for %s", k)
		if r := newRecord(k); assert.NotNil(t, r, "newRecord(%s)", k) {
			assert.Zero(t, r.Meta().Kind)
		}
	}
	assert.Len(t, valid57, len(kinds57()))
}

func TestJSONRoundTrip57(t *testing.T) {
	for _, k := range kinds57() {
		t.Run(string(k), func(t *testing.T) {
			r := valid57[k]()
			require.NoError(t, r.Validate())
			data, err := json.Marshal(r)
			require.NoError(t, err)
			got, err := Decode(data)
			require.NoError(t, err)
			assert.Equal(t, r, got)
			require.NoError(t, got.Validate())
			again, err := json.Marshal(got)
			require.NoError(t, err)
			assert.JSONEq(t, string(data), string(again))
		})
	}
}

func TestJSONRejectsUnknownEnum57(t *testing.T) {
	cases := []struct {
		name, json string
	}{
		{"plan type", `{"kind":"service-plan","type":"merger"}`},
		{"target kind", `{"kind":"sla","targets":[{"kind":"speed"}]}`},
		{"target unit", `{"kind":"ola","targets":[{"unit":"furlongs"}]}`},
		{"report frequency", `{"kind":"report-definition","frequency":"hourly"}`},
		{"report topic", `{"kind":"service-report","sections":[{"topic":"gossip"}]}`},
		{"risk treatment", `{"kind":"security-risk-assessment","risks":[{"treatment":"ignore"}]}`},
		{"supplier role", `{"kind":"supplier","role":"boss"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode([]byte(c.json))
			assert.ErrorIs(t, err, ErrInvalidValue)
		})
	}
}

func TestEnumText57(t *testing.T) {
	check := func(t *testing.T, codes []string, marshal func(string) ([]byte, error), unmarshal func([]byte) (string, error)) {
		t.Helper()
		for _, c := range append(slices.Clone(codes), "") {
			b, err := marshal(c)
			require.NoError(t, err, c)
			got, err := unmarshal(b)
			require.NoError(t, err, c)
			assert.Equal(t, c, got)
		}
		_, err := marshal("bogus")
		assert.ErrorIs(t, err, ErrInvalidValue)
		_, err = unmarshal([]byte("bogus"))
		assert.ErrorIs(t, err, ErrInvalidValue)
	}
	t.Run("plan kind", func(t *testing.T) {
		check(t, []string{"new", "changed", "removal", "transfer"},
			func(s string) ([]byte, error) { return PlanKind(s).MarshalText() },
			func(b []byte) (string, error) { var k PlanKind; err := k.UnmarshalText(b); return k.String(), err })
	})
	t.Run("target kind", func(t *testing.T) {
		check(t, []string{"availability", "response-time", "resolution-time", "reliability", "throughput", "satisfaction"},
			func(s string) ([]byte, error) { return TargetKind(s).MarshalText() },
			func(b []byte) (string, error) { var k TargetKind; err := k.UnmarshalText(b); return k.String(), err })
	})
	t.Run("target unit", func(t *testing.T) {
		check(t, []string{"percent", "minutes", "hours", "days", "count", "score"},
			func(s string) ([]byte, error) { return TargetUnit(s).MarshalText() },
			func(b []byte) (string, error) { var k TargetUnit; err := k.UnmarshalText(b); return k.String(), err })
	})
	t.Run("report frequency", func(t *testing.T) {
		check(t, []string{"daily", "weekly", "monthly", "quarterly", "yearly", "on-demand"},
			func(s string) ([]byte, error) { return ReportFrequency(s).MarshalText() },
			func(b []byte) (string, error) {
				var k ReportFrequency
				err := k.UnmarshalText(b)
				return k.String(), err
			})
	})
	t.Run("report topic", func(t *testing.T) {
		check(t, []string{"performance", "significant-events", "workload", "nonconformities", "trends", "satisfaction", "other"},
			func(s string) ([]byte, error) { return ReportTopic(s).MarshalText() },
			func(b []byte) (string, error) { var k ReportTopic; err := k.UnmarshalText(b); return k.String(), err })
	})
	t.Run("risk treatment", func(t *testing.T) {
		check(t, []string{"reduce", "avoid", "transfer", "accept"},
			func(s string) ([]byte, error) { return RiskTreatment(s).MarshalText() },
			func(b []byte) (string, error) { var k RiskTreatment; err := k.UnmarshalText(b); return k.String(), err })
	})
	t.Run("supplier role", func(t *testing.T) {
		check(t, []string{"lead", "sub-contracted"},
			func(s string) ([]byte, error) { return SupplierRole(s).MarshalText() },
			func(b []byte) (string, error) { var k SupplierRole; err := k.UnmarshalText(b); return k.String(), err })
	})
}

// TestLinkRules57 checks that every link type added for Clauses 5–7 joins
// two processes' records only where Annex A has an interface between them
// (in either direction), the service record aside.
func TestLinkRules57(t *testing.T) {
	edges := map[[2]Process]bool{}
	for _, e := range [][2]Process{
		{Change, DesignTransition}, {DesignTransition, Configuration}, {DesignTransition, ReleaseDeployment},
		{DesignTransition, ServiceLevel}, {DesignTransition, Supplier}, {ServiceLevel, ContinuityAvailability},
		{ServiceLevel, Supplier}, {ServiceLevel, BusinessRelationship}, {ServiceLevel, Change},
		{ServiceReporting, BusinessRelationship}, {IncidentRequest, ContinuityAvailability},
		{Change, ContinuityAvailability}, {IncidentRequest, InformationSecurity},
		{InformationSecurity, Supplier}, {IncidentRequest, BusinessRelationship},
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
	assert.True(t, LinkAbout.Allows(KindComplaint, KindIncident))
	assert.True(t, LinkRaised.Allows(KindServiceReview, KindRequestForChange))
	assert.True(t, LinkSupports.Allows(KindSupplierContract, KindSLA))
	assert.True(t, LinkAfterChange.Allows(KindPlanTest, KindRequestForChange))
	assert.False(t, LinkAbout.Allows(KindComplaint, KindProblem))
}
