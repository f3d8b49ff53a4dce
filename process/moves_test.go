package process

import (
	"errors"
	"reflect"
	"slices"
	"testing"
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
					err := l.Apply(h, to, allRole, t0.Add(1), "", nil)
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
					err := l.Apply(h, to, Actor{Name: "nick", Roles: []Role{"other"}}, t0.Add(1), "", nil)
					if !errors.Is(err, ErrForbidden) || !reflect.DeepEqual(before, h) {
						t.Fatalf("without %s: got %v, want ErrForbidden and no change", role, err)
					}
				}
				ok(t, l.Apply(h, to, allRole, t0.Add(1), "n", nil))
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
	t.Run("service", func(t *testing.T) { testMoves(t, ServiceLifecycle()) })
	t.Run("incident", func(t *testing.T) { testMoves(t, IncidentLifecycle()) })
	t.Run("service-request", func(t *testing.T) { testMoves(t, ServiceRequestLifecycle()) })
	t.Run("problem", func(t *testing.T) { testMoves(t, ProblemLifecycle()) })
	t.Run("known-error", func(t *testing.T) { testMoves(t, KnownErrorLifecycle()) })
	t.Run("configuration-item", func(t *testing.T) { testMoves(t, CILifecycle()) })
	t.Run("request-for-change", func(t *testing.T) { testMoves(t, ChangeLifecycle()) })
	t.Run("release", func(t *testing.T) { testMoves(t, ReleaseLifecycle()) })
	t.Run("deployment", func(t *testing.T) { testMoves(t, DeploymentLifecycle()) })
}

func TestLifecycleKinds(t *testing.T) {
	cases := []struct {
		got, want RecordKind
	}{
		{ServiceLifecycle().Kind(), KindService},
		{IncidentLifecycle().Kind(), KindIncident},
		{ServiceRequestLifecycle().Kind(), KindServiceRequest},
		{ProblemLifecycle().Kind(), KindProblem},
		{KnownErrorLifecycle().Kind(), KindKnownError},
		{CILifecycle().Kind(), KindConfigurationItem},
		{ChangeLifecycle().Kind(), KindRequestForChange},
		{ReleaseLifecycle().Kind(), KindRelease},
		{DeploymentLifecycle().Kind(), KindDeployment},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}
