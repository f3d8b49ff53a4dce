package process

import (
	"errors"
	"reflect"
	"testing"
)

func TestServiceValidate(t *testing.T) {
	cases := append(headerCases[*Service](),
		vcase[*Service]{"no status", func(s *Service) { s.Status = "" }, "status", ErrRequired},
		vcase[*Service]{"unknown status", func(s *Service) { s.Status = "gone" }, "status", ErrInvalidValue},
		vcase[*Service]{"no description", func(s *Service) { s.Description = " " }, "description", ErrRequired},
		vcase[*Service]{"no owner", func(s *Service) { s.Owner = "" }, "owner", ErrRequired},
		vcase[*Service]{"no criticality", func(s *Service) { s.Criticality = "" }, "criticality", ErrRequired},
		vcase[*Service]{"unknown criticality", func(s *Service) { s.Criticality = "vital" }, "criticality", ErrInvalidValue},
		vcase[*Service]{"zero customer", func(s *Service) { s.Customers = append(s.Customers, ID{}) }, "customers[1]", ErrRequired},
		vcase[*Service]{"live without customer", func(s *Service) { s.Status = string(ServiceLive); s.Customers = nil }, "customers", ErrRequired},
	)
	testValidate(t, newService, cases)
}

func TestServiceLifecycle(t *testing.T) {
	t.Run("pipeline to live to retired", func(t *testing.T) {
		s := newService(t)
		if s.State() != ServicePipeline {
			t.Fatalf("got %s, want %s", s.State(), ServicePipeline)
		}
		ok(t, s.GoLive(owner, t0.Add(1)))
		ok(t, s.Validate())
		ok(t, s.Retire(owner, t0.Add(2), "replaced by cloud mail"))
		if s.State() != ServiceRetired {
			t.Fatalf("got %s, want %s", s.State(), ServiceRetired)
		}
	})
	t.Run("abandoned in the pipeline", func(t *testing.T) {
		s := newService(t)
		ok(t, s.Retire(owner, t0.Add(1), "cancelled project"))
	})
	t.Run("refusals", func(t *testing.T) {
		s := newService(t)
		refused(t, s, ErrForbidden, func() error { return s.GoLive(desk, t0.Add(1)) })
		s.Customers = nil
		refused(t, s, ErrPrecondition, func() error { return s.GoLive(owner, t0.Add(1)) })
		refused(t, s, ErrPrecondition, func() error { return s.Retire(owner, t0.Add(1), "") })
		ok(t, s.Retire(owner, t0.Add(1), "dropped"))
		refused(t, s, ErrInvalidTransition, func() error { return s.GoLive(owner, t0.Add(2)) })
	})
}

func TestEnumsRejectUnknown(t *testing.T) {
	type enum interface {
		MarshalText() ([]byte, error)
	}
	bad := []enum{
		ServiceState("x"), Criticality("x"), IncidentState("x"), PendingReason("x"), ServiceRequestState("x"),
		ProblemState("x"), KnownErrorState("x"), CIState("x"), RelationType("x"), ChangeClass("x"),
		ChangeState("x"), Decision("x"), ReleaseType("x"), ReleaseState("x"), DeploymentState("x"),
	}
	for _, e := range bad {
		if _, err := e.MarshalText(); err == nil {
			t.Errorf("%T(%q).MarshalText: got no error, want one", e, e)
		}
	}
	good := []interface {
		enum
		Valid() bool
		String() string
	}{
		ServicePipeline, CriticalityLow, IncidentPending, PendingCustomer, RequestFulfilling, ProblemKnownError,
		KnownErrorOpen, CIActive, RelationDependsOn, ChangeEmergency, ChangeBackedOut, DecisionReject,
		ReleaseEmergency, ReleaseDeploying, DeploymentRolledBack,
	}
	for _, e := range good {
		b, err := e.MarshalText()
		if err != nil || string(b) != e.String() || !e.Valid() {
			t.Errorf("%T(%q): got %q, %v, valid %t; want its code, nil, true", e, e, b, err, e.Valid())
		}
	}
	var zero ChangeClass
	if zero.Valid() {
		t.Errorf("zero ChangeClass: got valid, want invalid")
	}
}

func TestEnumsUnmarshal(t *testing.T) {
	type text interface{ UnmarshalText([]byte) error }
	cases := []struct {
		dst  text
		good string
	}{
		{new(ServiceState), "live"}, {new(Criticality), "critical"}, {new(IncidentState), "pending"},
		{new(PendingReason), "waiting-for-change"}, {new(ServiceRequestState), "fulfilled"},
		{new(ProblemState), "known-error"}, {new(KnownErrorState), "retired"}, {new(CIState), "disposed"},
		{new(RelationType), "part-of"}, {new(ChangeClass), "standard"}, {new(ChangeState), "backed-out"},
		{new(Decision), "approve"}, {new(ReleaseType), "major"}, {new(ReleaseState), "accepted"},
		{new(DeploymentState), "succeeded"},
	}
	for _, c := range cases {
		name := reflect.TypeOf(c.dst).Elem().Name()
		t.Run(name, func(t *testing.T) {
			if err := c.dst.UnmarshalText([]byte("bogus")); !errors.Is(err, ErrInvalidValue) {
				t.Fatalf("bogus: got %v, want ErrInvalidValue", err)
			}
			if got := reflect.ValueOf(c.dst).Elem().String(); got != "" {
				t.Fatalf("refused value stored %q", got)
			}
			ok(t, c.dst.UnmarshalText([]byte(c.good)))
			if got := reflect.ValueOf(c.dst).Elem().String(); got != c.good {
				t.Fatalf("got %q, want %q", got, c.good)
			}
		})
	}
}
