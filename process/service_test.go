package process

import "testing"

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
