package process

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testMoves checks a lifecycle as data: every move the lifecycle allows
// succeeds from every state it names, with its role, and is refused
// without it; every other pair of states is refused as an invalid
// transition; every refusal leaves the header unchanged; every state but
// the initial one is reachable and every non-final state has a way out.
func testMoves[S ~string](t *testing.T, l *Lifecycle[S]) {
	t.Helper()
	states := l.States()
	header := func(from S) *Header {
		h := NewHeader(l.Kind(), "x", desk, t0)
		h.Status = string(from)
		return &h
	}
	for _, from := range states {
		for _, to := range states {
			role, allowed := l.Can(from, to)
			name := string(from) + " to " + string(to)
			t.Run(name, func(t *testing.T) {
				h := header(from)
				if !allowed {
					before := clone(h)
					err := l.apply(h, to, allRole, t0.Add(1), "", nil)
					if !errors.Is(err, ErrInvalidTransition) {
						t.Fatalf("got %v, want ErrInvalidTransition", err)
					}
					if !reflect.DeepEqual(before, h) {
						t.Fatal("refused move changed the header")
					}
					return
				}
				if l.Final(from) {
					t.Fatalf("move out of final state %s", from)
				}
				if role != "" {
					before := clone(h)
					err := l.apply(h, to, Actor{ID: "nick", Roles: []Role{"other"}}, t0.Add(1), "", nil)
					if !errors.Is(err, ErrForbidden) || !reflect.DeepEqual(before, h) {
						t.Fatalf("without %s: got %v, want ErrForbidden and no change", role, err)
					}
				}
				ok(t, l.apply(h, to, allRole, t0.Add(1), "n", nil))
				if h.Status != string(to) {
					t.Fatalf("got %s, want %s", h.Status, to)
				}
				last := h.History[len(h.History)-1]
				if last.Action != ActionMoved || last.From != string(from) || last.To != string(to) || last.Note != "n" {
					t.Fatalf("got history entry %+v", last)
				}
			})
		}
	}
	t.Run("reachable", func(t *testing.T) {
		seen := []S{l.Initial()}
		for i := 0; i < len(seen); i++ {
			for _, n := range l.Next(seen[i]) {
				if !slices.Contains(seen, n) {
					seen = append(seen, n)
				}
			}
		}
		for _, s := range states {
			if !slices.Contains(seen, s) {
				t.Errorf("state %s unreachable", s)
			}
			if !l.Final(s) && len(l.Next(s)) == 0 {
				t.Errorf("state %s is a dead end but not final", s)
			}
		}
	})
}

func TestLifecycles(t *testing.T) {
	t.Run("service", func(t *testing.T) { testMoves(t, serviceLifecycle) })
	t.Run("incident", func(t *testing.T) { testMoves(t, incidentLifecycle) })
	t.Run("service-request", func(t *testing.T) { testMoves(t, requestLifecycle) })
	t.Run("problem", func(t *testing.T) { testMoves(t, problemLifecycle) })
	t.Run("known-error", func(t *testing.T) { testMoves(t, knownErrorLifecycle) })
	t.Run("configuration-item", func(t *testing.T) { testMoves(t, ciLifecycle) })
	t.Run("request-for-change", func(t *testing.T) { testMoves(t, changeLifecycle) })
	t.Run("release", func(t *testing.T) { testMoves(t, releaseLifecycle) })
	t.Run("deployment", func(t *testing.T) { testMoves(t, deploymentLifecycle) })
	t.Run("service-plan", func(t *testing.T) { testMoves(t, servicePlanLifecycle) })
	t.Run("sla", func(t *testing.T) { testMoves(t, slaLifecycle) })
	t.Run("ola", func(t *testing.T) { testMoves(t, olaLifecycle) })
	t.Run("security-policy", func(t *testing.T) { testMoves(t, securityPolicyLifecycle) })
	t.Run("complaint", func(t *testing.T) { testMoves(t, complaintLifecycle) })
	t.Run("contract-dispute", func(t *testing.T) { testMoves(t, disputeLifecycle) })
}

func TestLifecycleKinds(t *testing.T) {
	cases := []struct {
		got, want RecordKind
	}{
		{serviceLifecycle.Kind(), KindService},
		{incidentLifecycle.Kind(), KindIncident},
		{requestLifecycle.Kind(), KindServiceRequest},
		{problemLifecycle.Kind(), KindProblem},
		{knownErrorLifecycle.Kind(), KindKnownError},
		{ciLifecycle.Kind(), KindConfigurationItem},
		{changeLifecycle.Kind(), KindRequestForChange},
		{releaseLifecycle.Kind(), KindRelease},
		{deploymentLifecycle.Kind(), KindDeployment},
		{servicePlanLifecycle.Kind(), KindServicePlan},
		{slaLifecycle.Kind(), KindSLA},
		{olaLifecycle.Kind(), KindOLA},
		{securityPolicyLifecycle.Kind(), KindSecurityPolicy},
		{complaintLifecycle.Kind(), KindComplaint},
		{disputeLifecycle.Kind(), KindContractDispute},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}

// rolesOf returns the roles the moves of l ask for.
func rolesOf[S ~string](l *Lifecycle[S]) []Role {
	var roles []Role
	for m := range l.Moves() {
		if m.Role != "" && !slices.Contains(roles, m.Role) {
			roles = append(roles, m.Role)
		}
	}
	return roles
}

// TestAllRoleHoldsEveryRole checks that the actor the tests use for "any
// role" holds every role a lifecycle of package process asks for.
func TestAllRoleHoldsEveryRole(t *testing.T) {
	lifecycles := map[string][]Role{
		"service": rolesOf(serviceLifecycle), "incident": rolesOf(incidentLifecycle),
		"service-request": rolesOf(requestLifecycle), "problem": rolesOf(problemLifecycle),
		"known-error": rolesOf(knownErrorLifecycle), "configuration-item": rolesOf(ciLifecycle),
		"request-for-change": rolesOf(changeLifecycle), "release": rolesOf(releaseLifecycle),
		"deployment": rolesOf(deploymentLifecycle), "service-plan": rolesOf(servicePlanLifecycle),
		"sla": rolesOf(slaLifecycle), "ola": rolesOf(olaLifecycle),
		"security-policy": rolesOf(securityPolicyLifecycle), "complaint": rolesOf(complaintLifecycle),
		"contract-dispute": rolesOf(disputeLifecycle),
	}
	for name, roles := range lifecycles {
		for _, r := range roles {
			if !allRole.Has(r) {
				t.Errorf("%s: allRole lacks %s", name, r)
			}
		}
	}
}

// checkRoles checks every move of l: it has a role, is refused to an actor
// without it, leaving the header unchanged, and is allowed to an actor with
// that role alone.
func checkRoles[S ~string](t *testing.T, l *Lifecycle[S]) {
	t.Helper()
	for m := range l.Moves() {
		for _, from := range m.From {
			t.Run(string(from)+"→"+string(m.To), func(t *testing.T) {
				require.NotEmpty(t, m.Role, "every move of Clauses 5–7 needs a role")
				h := NewHeader(l.Kind(), "x", nobody, t0)
				h.Status = string(from)
				before := h
				before.History = append([]Event(nil), h.History...)
				err := l.apply(&h, m.To, Actor{ID: "audrey", Roles: []Role{RoleAuditor}}, atHour(1), "", nil)
				assert.ErrorIs(t, err, ErrForbidden)
				assert.Equal(t, before, h)
				require.NoError(t, l.apply(&h, m.To, Actor{ID: "holder", Roles: []Role{m.Role}}, atHour(1), "", nil))
				assert.Equal(t, string(m.To), h.Status)
			})
		}
	}
}

// TestRoleRules checks the roles the lifecycles of Clauses 5–7 ask for:
// every move has one, and the clauses name some of them.
func TestRoleRules(t *testing.T) {
	t.Run("service plan", func(t *testing.T) { checkRoles(t, servicePlanLifecycle) })
	t.Run("sla", func(t *testing.T) { checkRoles(t, slaLifecycle) })
	t.Run("ola", func(t *testing.T) { checkRoles(t, olaLifecycle) })
	t.Run("security policy", func(t *testing.T) { checkRoles(t, securityPolicyLifecycle) })
	t.Run("complaint", func(t *testing.T) { checkRoles(t, complaintLifecycle) })
	t.Run("contract dispute", func(t *testing.T) { checkRoles(t, disputeLifecycle) })
	// The roles the clauses call for, spelled out.
	cases := []struct {
		name string
		can  func() (Role, bool)
		want Role
	}{
		{"acceptance by the service owner", func() (Role, bool) { return servicePlanLifecycle.Can(PlanTested, PlanTransitioned) }, RoleServiceOwner},
		{"rejection by change authority", func() (Role, bool) { return servicePlanLifecycle.Can(PlanPlanned, PlanRejected) }, RoleChangeAuthority},
		{"planning by the design owner", func() (Role, bool) { return servicePlanLifecycle.Can(PlanRequested, PlanPlanned) }, RoleDesignTransitionOwner},
		{"SLA agreed by service level manager", func() (Role, bool) { return slaLifecycle.Can(AgreementDraft, AgreementAgreed) }, RoleServiceLevelManager},
		{"policy approved by top management", func() (Role, bool) {
			return securityPolicyLifecycle.Can(SecurityPolicyDraft, SecurityPolicyApproved)
		}, RoleTopManagement},
		{"policy communicated by security manager", func() (Role, bool) {
			return securityPolicyLifecycle.Can(SecurityPolicyApproved, SecurityPolicyCommunicated)
		}, RoleSecurityManager},
		{"complaint closed by relationship manager", func() (Role, bool) { return complaintLifecycle.Can(ComplaintReported, ComplaintClosed) }, RoleRelationshipManager},
		{"dispute closed by supplier manager", func() (Role, bool) { return disputeLifecycle.Can(DisputeActioned, DisputeClosed) }, RoleSupplierManager},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := c.can()
			assert.True(t, ok, "got no such move, want one")
			assert.Equal(t, c.want, got, "got role %s, want %s", got, c.want)
		})
	}
	t.Run("complaint reported before it is closed (7.1)", func(t *testing.T) {
		_, ok := complaintLifecycle.Can(ComplaintActioned, ComplaintClosed)
		assert.False(t, ok, "got a move from actioned to closed, want none")
	})
}
