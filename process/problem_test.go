package process

import (
	"testing"
)

func TestProblemValidate(t *testing.T) {
	fresh := func(t *testing.T) *Problem { return newProblem(t, &clock{}) }
	cases := append(headerCases[*Problem](),
		vcase[*Problem]{"unknown status", func(p *Problem) { p.Status = "open" }, "status", ErrInvalidValue},
		vcase[*Problem]{"no description", func(p *Problem) { p.Description = "" }, "description", ErrRequired},
		vcase[*Problem]{"no impact", func(p *Problem) { p.Impact = "" }, "impact", ErrRequired},
		vcase[*Problem]{"no urgency", func(p *Problem) { p.Urgency = "" }, "urgency", ErrRequired},
		vcase[*Problem]{"no priority", func(p *Problem) { p.Priority = 0 }, "priority", ErrRequired},
		vcase[*Problem]{"no category", func(p *Problem) { p.Category = "" }, "category", ErrRequired},
		vcase[*Problem]{"service not linked", func(p *Problem) { p.Services = append(p.Services, NewID()) }, "services[1]", ErrInvalidLink},
		vcase[*Problem]{"zero CI", func(p *Problem) { p.AffectedCIs[0] = ID{} }, "affectedCIs[0]", ErrRequired},
		vcase[*Problem]{"zero incident", func(p *Problem) { p.Incidents = append(p.Incidents, ID{}) }, "incidents[1]", ErrRequired},
		vcase[*Problem]{"known error not linked", func(p *Problem) { p.KnownError = NewID() }, "knownError", ErrInvalidLink},
		vcase[*Problem]{"known-error without root cause", func(p *Problem) { p.Status = string(ProblemKnownError) }, "rootCause", ErrRequired},
		vcase[*Problem]{"known-error without known error", func(p *Problem) { p.Status = string(ProblemKnownError) }, "knownError", ErrRequired},
		vcase[*Problem]{"resolved without resolution", func(p *Problem) { p.Status = string(ProblemResolved) }, "resolution", ErrRequired},
		vcase[*Problem]{"closed without review", func(p *Problem) {
			p.Status, p.Resolution, p.Resolved = string(ProblemClosed), "fixed", t0
		}, "effective", ErrRequired},
	)
	testValidate(t, fresh, cases)
}

func TestProblemLifecycle(t *testing.T) {
	c := &clock{}
	p := newProblem(t, c)
	ok(t, p.Investigate(desk, c.next()))
	ke := newKnownError(t, p.ID, c)
	other := newKnownError(t, NewID(), c)

	refused(t, p, ErrPrecondition, func() error { return p.Identify(pm, c.next(), nil) })
	refused(t, p, ErrPrecondition, func() error { return p.Identify(pm, c.next(), other) })
	bad := newKnownError(t, p.ID, c)
	bad.Workaround = ""
	refused(t, p, ErrPrecondition, func() error { return p.Identify(pm, c.next(), bad) })

	ok(t, p.Identify(pm, c.next(), ke))
	ok(t, p.Validate())
	if p.State() != ProblemKnownError || p.KnownError != ke.ID || !p.HasLink(LinkKnownError, ke.ID) || p.RootCause != ke.RootCause {
		t.Fatalf("got %s, known error %s, root cause %q", p.State(), p.KnownError.Short(), p.RootCause)
	}

	ok(t, p.RequireChange(pm, c.next(), NewID()))
	if !p.NeedsChange {
		t.Fatal("got NeedsChange false after RequireChange")
	}
	refused(t, p, ErrPrecondition, func() error { return p.Resolve(pm, c.next(), "") })
	ok(t, p.Resolve(pm, c.next(), "quota set by change"))
	ok(t, p.Validate())
	ok(t, p.Investigate(pm, c.next()))
	if p.Resolution != "" || !p.Resolved.IsZero() {
		t.Fatalf("reinvestigated: got resolution %q at %v, want none", p.Resolution, p.Resolved)
	}
	ok(t, p.Resolve(pm, c.next(), "quota set again"))
	refused(t, p, ErrForbidden, func() error { return p.Close(desk, c.next(), "no recurrence") })
	refused(t, p, ErrPrecondition, func() error { return p.Close(pm, c.next(), "") })
	ok(t, p.Close(pm, c.next(), "no recurrence in 30 days"))
	ok(t, p.Validate())
	refused(t, p, ErrInvalidTransition, func() error { return p.Investigate(pm, c.next()) })
}

func TestProblemNeedsChange(t *testing.T) {
	c := &clock{}
	p := newProblem(t, c)
	ok(t, p.Investigate(pm, c.next()))
	p.NeedsChange = true
	refused(t, p, ErrPrecondition, func() error { return p.Resolve(pm, c.next(), "will be fixed") })
	ok(t, p.RequireChange(pm, c.next(), NewID()))
	ok(t, p.Resolve(pm, c.next(), "fixed by change"))
}

func TestProblemCancel(t *testing.T) {
	c := &clock{}
	p := newProblem(t, c)
	refused(t, p, ErrForbidden, func() error { return p.Cancel(desk, c.next(), "dup") })
	refused(t, p, ErrPrecondition, func() error { return p.Cancel(pm, c.next(), "") })
	ok(t, p.Cancel(pm, c.next(), "duplicate"))
	refused(t, p, ErrInvalidTransition, func() error { return p.Investigate(pm, c.next()) })
}

func TestKnownErrorValidate(t *testing.T) {
	fresh := func(t *testing.T) *KnownError { return newKnownError(t, NewID(), &clock{}) }
	cases := append(headerCases[*KnownError](),
		vcase[*KnownError]{"unknown status", func(k *KnownError) { k.Status = "x" }, "status", ErrInvalidValue},
		vcase[*KnownError]{"no problem", func(k *KnownError) { k.Problem = ID{} }, "problem", ErrRequired},
		vcase[*KnownError]{"no root cause", func(k *KnownError) { k.RootCause = "" }, "rootCause", ErrRequired},
		vcase[*KnownError]{"no workaround", func(k *KnownError) { k.Workaround = "" }, "workaround", ErrRequired},
		vcase[*KnownError]{"CI not linked", func(k *KnownError) { k.AffectedCIs = append(k.AffectedCIs, NewID()) }, "affectedCIs[1]", ErrInvalidLink},
		vcase[*KnownError]{"fix pending without fix", func(k *KnownError) { k.Status = string(KnownErrorFixPending) }, "fix", ErrRequired},
	)
	testValidate(t, fresh, cases)
}

func TestKnownErrorLifecycle(t *testing.T) {
	c := &clock{}
	k := newKnownError(t, NewID(), c)
	refused(t, k, ErrPrecondition, func() error { return k.AwaitFix(pm, c.next(), ID{}) })
	fix := NewID()
	ok(t, k.AwaitFix(desk, c.next(), fix))
	ok(t, k.Validate())
	if k.State() != KnownErrorFixPending || k.Fix != fix {
		t.Fatalf("got %s fix %s", k.State(), k.Fix.Short())
	}
	refused(t, k, ErrPrecondition, func() error { return k.Reopen(pm, c.next(), "") })
	ok(t, k.Reopen(pm, c.next(), "change rejected"))
	if !k.Fix.IsZero() {
		t.Fatalf("reopened: got fix %s, want none", k.Fix.Short())
	}
	refused(t, k, ErrForbidden, func() error { return k.Retire(desk, c.next(), "fixed") })
	refused(t, k, ErrPrecondition, func() error { return k.Retire(pm, c.next(), "") })
	ok(t, k.Retire(pm, c.next(), "fixed by release 1.1"))
	ok(t, k.Validate())
	refused(t, k, ErrInvalidTransition, func() error { return k.AwaitFix(pm, c.next(), fix) })
}
