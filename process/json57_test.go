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
		case DesignTransition, ServiceLevelManagement, ServiceReporting, ContinuityAvailabilityManagement, InformationSecurityManagement, BusinessRelationshipManagement, SupplierManagement:
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
	assert.True(t, LinkAbout.Allows(KindComplaint, KindIncident))
	assert.True(t, LinkRaised.Allows(KindServiceReview, KindRequestForChange))
	assert.True(t, LinkRaised.Allows(KindComplaint, KindRequestForChange), "A.8 #51: BRM raises changes")
	assert.False(t, LinkRaised.Allows(KindComplaint, KindProblem))
	assert.True(t, LinkSupports.Allows(KindSupplierContract, KindSLA))
	assert.True(t, LinkAfterChange.Allows(KindPlanTest, KindRequestForChange))
	assert.False(t, LinkAbout.Allows(KindComplaint, KindProblem))
}

// checkRoles57 checks every move of l: refused without its role, with the
// record unchanged, and allowed with it.
func checkRoles57[S ~string](t *testing.T, l *Lifecycle[S]) {
	t.Helper()
	for m := range l.Moves() {
		for _, from := range m.From {
			t.Run(string(from)+"→"+string(m.To), func(t *testing.T) {
				require.NotEmpty(t, m.Role, "every move of Clauses 5–7 needs a role")
				h := NewHeader(l.Kind(), "x", clerk57, t57)
				h.Status = string(from)
				before := h
				before.History = append([]Event(nil), h.History...)
				err := l.apply(&h, m.To, actor57("nobody", RoleAuditor), at57(1), "", nil)
				assert.ErrorIs(t, err, ErrForbidden)
				assert.Equal(t, before, h)
				require.NoError(t, l.apply(&h, m.To, actor57("holder", m.Role), at57(1), "", nil))
				assert.Equal(t, string(m.To), h.Status)
			})
		}
	}
}

func TestRoleRules57(t *testing.T) {
	t.Run("service plan", func(t *testing.T) { checkRoles57(t, ServicePlanLifecycle()) })
	t.Run("sla", func(t *testing.T) { checkRoles57(t, SLALifecycle()) })
	t.Run("ola", func(t *testing.T) { checkRoles57(t, OLALifecycle()) })
	t.Run("security policy", func(t *testing.T) { checkRoles57(t, SecurityPolicyLifecycle()) })
	t.Run("complaint", func(t *testing.T) { checkRoles57(t, ComplaintLifecycle()) })
	t.Run("contract dispute", func(t *testing.T) { checkRoles57(t, DisputeLifecycle()) })
	// The roles the clauses call for, spelled out.
	cases := []struct {
		name string
		can  func() (Role, bool)
		want Role
	}{
		{"acceptance by the service owner", func() (Role, bool) { return ServicePlanLifecycle().Can(PlanTested, PlanTransitioned) }, RoleServiceOwner},
		{"rejection by change authority", func() (Role, bool) { return ServicePlanLifecycle().Can(PlanPlanned, PlanRejected) }, RoleChangeAuthority},
		{"planning by the design owner", func() (Role, bool) { return ServicePlanLifecycle().Can(PlanRequested, PlanPlanned) }, RoleDesignTransitionOwner},
		{"SLA agreed by service level manager", func() (Role, bool) { return SLALifecycle().Can(AgreementDraft, AgreementAgreed) }, RoleServiceLevelManager},
		{"policy approved by top management", func() (Role, bool) {
			return SecurityPolicyLifecycle().Can(SecurityPolicyDraft, SecurityPolicyApproved)
		}, RoleTopManagement},
		{"policy communicated by security manager", func() (Role, bool) {
			return SecurityPolicyLifecycle().Can(SecurityPolicyApproved, SecurityPolicyCommunicated)
		}, RoleSecurityManager},
		{"complaint closed by relationship manager", func() (Role, bool) { return ComplaintLifecycle().Can(ComplaintReported, ComplaintClosed) }, RoleRelationshipManager},
		{"dispute closed by supplier manager", func() (Role, bool) { return DisputeLifecycle().Can(DisputeActioned, DisputeClosed) }, RoleSupplierManager},
	}
	for _, c := range cases {
		got, ok := c.can()
		assert.True(t, ok, c.name)
		assert.Equal(t, c.want, got, c.name)
	}
}

func TestStates57Valid(t *testing.T) {
	assert.True(t, PlanReviewed.Valid())
	assert.False(t, ServicePlanState("approved").Valid())
	assert.True(t, AgreementUnderReview.Valid())
	assert.False(t, AgreementState("").Valid())
	assert.True(t, SecurityPolicyCommunicated.Valid())
	assert.False(t, SecurityPolicyState("open").Valid())
	assert.True(t, ComplaintReported.Valid())
	assert.False(t, ComplaintState("open").Valid())
	assert.True(t, DisputeActioned.Valid())
	assert.False(t, DisputeState("reported").Valid())
	assert.Equal(t, "in-force", AgreementInForce.String())
	_, ok := ComplaintLifecycle().Can(ComplaintActioned, ComplaintClosed)
	assert.False(t, ok, "a complaint is reported before it is closed (7.1)")
}
