package process

import (
	"testing"
	"time"
)

func TestReleasePolicyValidate(t *testing.T) {
	cases := append(headerCases[*ReleasePolicy](),
		vcase[*ReleasePolicy]{"no frequency", func(p *ReleasePolicy) { p.Frequency = "" }, "frequency", ErrRequired},
		vcase[*ReleasePolicy]{"no types", func(p *ReleasePolicy) { p.Types = nil }, "types", ErrRequired},
		vcase[*ReleasePolicy]{"blank type", func(p *ReleasePolicy) { p.Types[2] = "" }, "types[2]", ErrRequired},
		vcase[*ReleasePolicy]{"unknown type", func(p *ReleasePolicy) { p.Types[1] = "patch" }, "types[1]", ErrInvalidValue},
		vcase[*ReleasePolicy]{"repeated type", func(p *ReleasePolicy) { p.Types[1] = ReleaseMajor }, "types[1]", ErrInvalidValue},
		vcase[*ReleasePolicy]{"no emergency handling", func(p *ReleasePolicy) { p.Emergency = "" }, "emergency", ErrRequired},
	)
	testValidate(t, newReleasePolicy, cases)
}

func TestReleaseValidate(t *testing.T) {
	fresh := func(t *testing.T) *Release { return newRelease(t, &clock{}) }
	cases := append(headerCases[*Release](),
		vcase[*Release]{"unknown status", func(r *Release) { r.Status = "live" }, "status", ErrInvalidValue},
		vcase[*Release]{"no type", func(r *Release) { r.Type = "" }, "type", ErrRequired},
		vcase[*Release]{"no description", func(r *Release) { r.Description = "" }, "description", ErrRequired},
		vcase[*Release]{"no planned start", func(r *Release) { r.Planned.Start = time.Time{} }, "planned.start", ErrRequired},
		vcase[*Release]{"no deliverables", func(r *Release) { r.Deliverables = nil }, "deliverables", ErrRequired},
		vcase[*Release]{"blank deliverable", func(r *Release) { r.Deliverables[0] = "" }, "deliverables[0]", ErrRequired},
		vcase[*Release]{"no deployment means", func(r *Release) { r.DeploymentMeans = "" }, "deploymentMeans", ErrRequired},
		vcase[*Release]{"no criteria", func(r *Release) { r.AcceptanceCriteria = nil }, "acceptanceCriteria", ErrRequired},
		vcase[*Release]{"criterion without code", func(r *Release) { r.AcceptanceCriteria[1].Code = "" }, "acceptanceCriteria[1].code", ErrRequired},
		vcase[*Release]{"criterion without description", func(r *Release) { r.AcceptanceCriteria[0].Description = "" }, "acceptanceCriteria[0].description", ErrRequired},
		vcase[*Release]{"criterion repeated", func(r *Release) { r.AcceptanceCriteria[1].Code = "AC1" }, "acceptanceCriteria[1].code", ErrInvalidValue},
		vcase[*Release]{"no changes", func(r *Release) { r.Changes = nil }, "changes", ErrRequired},
		vcase[*Release]{"zero change", func(r *Release) { r.Changes[0] = ID{} }, "changes[0]", ErrRequired},
		vcase[*Release]{"fix not linked", func(r *Release) { r.Fixes[0] = NewID() }, "fixes[0]", ErrInvalidLink},
		vcase[*Release]{"carried not linked", func(r *Release) { r.Carries = append(r.Carries, NewID()) }, "carries[1]", ErrInvalidLink},
		vcase[*Release]{"baseline not linked", func(r *Release) { r.Baseline = NewID() }, "baseline", ErrInvalidLink},
		vcase[*Release]{"accepted without accepter", func(r *Release) { r.Status = string(ReleaseAccepted) }, "acceptedBy", ErrRequired},
		vcase[*Release]{"deploying without baseline", func(r *Release) {
			r.Status, r.AcceptedBy = string(ReleaseDeploying), "rita"
		}, "baseline", ErrRequired},
		vcase[*Release]{"deployed without time", func(r *Release) {
			r.Status, r.AcceptedBy = string(ReleaseDeployed), "rita"
		}, "deployed", ErrRequired},
		vcase[*Release]{"reviewed, not failed, never deployed", func(r *Release) {
			r.Status = string(ReleaseReviewed)
		}, "deployed", ErrRequired},
	)
	testValidate(t, fresh, cases)
}

func TestReleaseLifecycle(t *testing.T) {
	c := &clock{}
	r := releaseTo(t, ReleaseClosed, c)
	ok(t, r.Validate())
	if r.AcceptedBy != "rita" || r.Baseline.IsZero() || !r.HasLink(LinkBaselinedBy, r.Baseline) || r.Deployed.IsZero() {
		t.Fatalf("got %+v", r)
	}
	if !linkedKind(&r.Header, LinkReviewedBy, KindPostDeploymentReview) {
		t.Fatal("closed release has no review link")
	}
	refused(t, r, ErrInvalidTransition, func() error { return r.Cancel(rm, c.next(), "x") })
}

func TestReleaseRoles(t *testing.T) {
	c := &clock{}
	r := newRelease(t, c)
	refused(t, r, ErrForbidden, func() error { return r.Build(desk, c.next()) })
	empty := NewRelease("R0", ReleaseMinor, rm, c.next())
	refused(t, empty, ErrPrecondition, func() error { return empty.Build(rm, c.next()) })
	ok(t, r.Build(rm, c.next()))
	refused(t, r, ErrForbidden, func() error { return r.Test(desk, c.next()) })
	ok(t, r.Test(rm, c.next()))
	ok(t, r.Build(rm, c.next())) // tests failed: back to building
	ok(t, r.Test(rm, c.next()))
	ok(t, r.Validate())
}

func TestReleaseAccept(t *testing.T) {
	setup := func(t *testing.T) (*Release, *ReleaseAcceptanceTest, *clock) {
		c := &clock{}
		r := releaseTo(t, ReleaseTesting, c)
		a := newAcceptanceTest(t, r.ID, c)
		ok(t, r.Link(rm, c.next(), LinkTestedBy, a.ID, KindReleaseAcceptanceTest))
		return r, a, c
	}
	t.Run("by the release manager", func(t *testing.T) {
		r, a, c := setup(t)
		ok(t, r.Accept(rm, c.next(), a))
		ok(t, r.Validate())
	})
	t.Run("by the customer", func(t *testing.T) {
		r, a, c := setup(t)
		ok(t, r.Accept(cust, c.next(), a))
		if r.AcceptedBy != "cora" {
			t.Fatalf("got accepted by %q, want cora", r.AcceptedBy)
		}
	})
	t.Run("not by anyone else", func(t *testing.T) {
		r, a, c := setup(t)
		refused(t, r, ErrForbidden, func() error { return r.Accept(desk, c.next(), a) })
	})
	t.Run("a failed test", func(t *testing.T) {
		r, a, c := setup(t)
		a.Results[1].Passed = false
		refused(t, r, ErrPrecondition, func() error { return r.Accept(rm, c.next(), a) })
	})
	t.Run("a criterion without result", func(t *testing.T) {
		r, a, c := setup(t)
		a.Results = a.Results[:1]
		refused(t, r, ErrPrecondition, func() error { return r.Accept(rm, c.next(), a) })
	})
	t.Run("no tests", func(t *testing.T) {
		r, _, c := setup(t)
		refused(t, r, ErrPrecondition, func() error { return r.Accept(rm, c.next()) })
	})
	t.Run("a linked test left out", func(t *testing.T) {
		r, a, c := setup(t)
		b := newAcceptanceTest(t, r.ID, c)
		ok(t, r.Link(rm, c.next(), LinkTestedBy, b.ID, KindReleaseAcceptanceTest))
		refused(t, r, ErrPrecondition, func() error { return r.Accept(rm, c.next(), a) })
		ok(t, r.Accept(rm, c.next(), a, b))
	})
	t.Run("a test not linked", func(t *testing.T) {
		r, a, c := setup(t)
		b := newAcceptanceTest(t, r.ID, c)
		refused(t, r, ErrPrecondition, func() error { return r.Accept(rm, c.next(), a, b) })
	})
	t.Run("a test of another release", func(t *testing.T) {
		r, _, c := setup(t)
		b := newAcceptanceTest(t, NewID(), c)
		ok(t, r.Link(rm, c.next(), LinkTestedBy, b.ID, KindReleaseAcceptanceTest))
		refused(t, r, ErrPrecondition, func() error { return r.Accept(rm, c.next(), b) })
	})
	t.Run("an invalid test", func(t *testing.T) {
		r, a, c := setup(t)
		a.Environment = ""
		refused(t, r, ErrPrecondition, func() error { return r.Accept(rm, c.next(), a) })
		refused(t, r, ErrPrecondition, func() error { return r.Accept(rm, c.next(), nil) })
	})
	t.Run("a test made after the acceptance", func(t *testing.T) {
		r, a, c := setup(t)
		at := c.next()
		a.Tested = at.Add(time.Hour)
		refused(t, r, ErrPrecondition, func() error { return r.Accept(rm, at, a) })
	})
}

func TestReleaseDeploy(t *testing.T) {
	c := &clock{}
	r := releaseTo(t, ReleaseAccepted, c)
	refused(t, r, ErrPrecondition, func() error { return r.Deploy(rm, c.next(), nil) })
	refused(t, r, ErrPrecondition, func() error { return r.Deploy(rm, c.next(), newBaseline(t, NewID(), c)) })
	bad := newBaseline(t, r.ID, c)
	bad.Items = nil
	refused(t, r, ErrPrecondition, func() error { return r.Deploy(rm, c.next(), bad) })
	late := newBaseline(t, r.ID, c)
	late.Taken = c.next().Add(time.Hour)
	refused(t, r, ErrPrecondition, func() error { return r.Deploy(rm, c.next(), late) })
	bl := newBaseline(t, r.ID, c)
	refused(t, r, ErrForbidden, func() error { return r.Deploy(desk, c.next(), bl) })
	refused(t, r, ErrInvalidTransition, func() error { return r.Complete(rm, c.next()) })
	ok(t, r.Deploy(rm, c.next(), bl))
	if r.Baseline != bl.ID || !r.HasLink(LinkBaselinedBy, bl.ID) {
		t.Fatalf("got baseline %s, want %s linked", r.Baseline.Short(), bl.ID.Short())
	}
	ok(t, r.Validate())
	ok(t, r.Complete(rm, c.next()))
	refused(t, r, ErrPrecondition, func() error { return r.Review(rm, c.next(), nil) })
	refused(t, r, ErrPrecondition, func() error { return r.Review(rm, c.next(), newPDR(t, NewID())) })
	bad2 := newPDR(t, r.ID)
	bad2.Findings = ""
	refused(t, r, ErrPrecondition, func() error { return r.Review(rm, c.next(), bad2) })
	later := newPDR(t, r.ID)
	at := c.next()
	later.Held = at.Add(time.Hour)
	refused(t, r, ErrPrecondition, func() error { return r.Review(rm, at, later) })
	refused(t, r, ErrInvalidTransition, func() error { return r.Close(rm, c.next()) })
}

func TestReleaseFailCancel(t *testing.T) {
	for _, st := range []ReleaseState{ReleaseBuilding, ReleaseTesting, ReleaseDeploying} {
		t.Run("fail when "+string(st), func(t *testing.T) {
			c := &clock{}
			r := releaseTo(t, st, c)
			refused(t, r, ErrPrecondition, func() error { return r.Fail(rm, c.next(), "") })
			ok(t, r.Fail(rm, c.next(), "broken build"))
			ok(t, r.Validate())
			ok(t, r.Review(rm, c.next(), newPDR(t, r.ID)))
			ok(t, r.Validate())
			ok(t, r.Close(rm, c.next()))
			ok(t, r.Validate())
		})
	}
	for _, st := range []ReleaseState{ReleasePlanned, ReleaseBuilding, ReleaseTesting, ReleaseAccepted} {
		t.Run("cancel when "+string(st), func(t *testing.T) {
			c := &clock{}
			r := releaseTo(t, st, c)
			refused(t, r, ErrForbidden, func() error { return r.Cancel(desk, c.next(), "x") })
			refused(t, r, ErrPrecondition, func() error { return r.Cancel(rm, c.next(), "") })
			ok(t, r.Cancel(rm, c.next(), "descoped"))
			ok(t, r.Validate())
		})
	}
	t.Run("no cancel once deploying", func(t *testing.T) {
		c := &clock{}
		r := releaseTo(t, ReleaseDeploying, c)
		refused(t, r, ErrInvalidTransition, func() error { return r.Cancel(rm, c.next(), "x") })
	})
}

func TestReleaseContents(t *testing.T) {
	c := &clock{}
	r := newRelease(t, c)
	refused(t, r, ErrExists, func() error { return r.AddChange(rm, c.next(), r.Changes[0]) })
	refused(t, r, ErrRequired, func() error { return r.AddChange(rm, c.next(), ID{}) })
	refused(t, r, ErrInvalidLink, func() error { return r.Fix(rm, c.next(), NewID(), KindIncident) })
	ok(t, r.Fix(rm, c.next(), NewID(), KindProblem))
	refused(t, r, ErrExists, func() error { return r.Carry(rm, c.next(), r.Carries[0]) })
	ok(t, r.Validate())

	t.Run("nothing added once under test", func(t *testing.T) {
		for _, st := range []ReleaseState{ReleaseTesting, ReleaseAccepted, ReleaseDeployed} {
			c := &clock{}
			r := releaseTo(t, st, c)
			refused(t, r, ErrPrecondition, func() error { return r.AddChange(rm, c.next(), NewID()) })
			refused(t, r, ErrPrecondition, func() error { return r.Fix(rm, c.next(), NewID(), KindProblem) })
			ok(t, r.Carry(rm, c.next(), NewID())) // a known error it goes live with may be found in test
		}
		c := &clock{}
		r := releaseTo(t, ReleaseBuilding, c)
		ok(t, r.AddChange(rm, c.next(), NewID()))
		ok(t, r.Fix(rm, c.next(), NewID(), KindProblem))
	})
}

func TestReleaseAcceptanceTestValidate(t *testing.T) {
	fresh := func(t *testing.T) *ReleaseAcceptanceTest { return newAcceptanceTest(t, NewID(), &clock{}) }
	cases := append(headerCases[*ReleaseAcceptanceTest](),
		vcase[*ReleaseAcceptanceTest]{"no release", func(a *ReleaseAcceptanceTest) { a.Release = ID{} }, "release", ErrRequired},
		vcase[*ReleaseAcceptanceTest]{"no environment", func(a *ReleaseAcceptanceTest) { a.Environment = "" }, "environment", ErrRequired},
		vcase[*ReleaseAcceptanceTest]{"no tester", func(a *ReleaseAcceptanceTest) { a.Tester = "" }, "tester", ErrRequired},
		vcase[*ReleaseAcceptanceTest]{"no time", func(a *ReleaseAcceptanceTest) { a.Tested = time.Time{} }, "tested", ErrRequired},
		vcase[*ReleaseAcceptanceTest]{"no results", func(a *ReleaseAcceptanceTest) { a.Results = nil }, "results", ErrRequired},
		vcase[*ReleaseAcceptanceTest]{"result without criterion", func(a *ReleaseAcceptanceTest) { a.Results[1].Criterion = "" }, "results[1].criterion", ErrRequired},
		vcase[*ReleaseAcceptanceTest]{"criterion twice", func(a *ReleaseAcceptanceTest) { a.Results[1].Criterion = "AC1" }, "results[1].criterion", ErrInvalidValue},
	)
	testValidate(t, fresh, cases)
	a := fresh(t)
	if !a.Passed() {
		t.Fatal("all passed: got not passed")
	}
	a.Results[0].Passed = false
	if a.Passed() {
		t.Fatal("one failed: got passed")
	}
	if (&ReleaseAcceptanceTest{}).Passed() {
		t.Fatal("no results: got passed")
	}
}

func TestDeploymentValidate(t *testing.T) {
	fresh := func(t *testing.T) *Deployment { return newDeployment(t, &clock{}) }
	cases := append(headerCases[*Deployment](),
		vcase[*Deployment]{"unknown status", func(d *Deployment) { d.Status = "done" }, "status", ErrInvalidValue},
		vcase[*Deployment]{"no release", func(d *Deployment) { d.Release = ID{} }, "release", ErrRequired},
		vcase[*Deployment]{"release not linked", func(d *Deployment) { d.Release = NewID() }, "release", ErrInvalidLink},
		vcase[*Deployment]{"no target", func(d *Deployment) { d.Target = "" }, "target", ErrRequired},
		vcase[*Deployment]{"no window end", func(d *Deployment) { d.Window.End = time.Time{} }, "window.end", ErrRequired},
		vcase[*Deployment]{"succeeded without integrity check", func(d *Deployment) {
			d.Status, d.Outcome = string(DeploymentSucceeded), "ok"
		}, "integrity", ErrRequired},
		vcase[*Deployment]{"failed without outcome", func(d *Deployment) { d.Status = string(DeploymentFailed) }, "outcome", ErrRequired},
	)
	testValidate(t, fresh, cases)
	if _, err := NewDeployment("x", ID{}, "site", window1, rm, t0); err == nil {
		t.Fatal("deployment of no release: got no error")
	}
}

func TestDeploymentLifecycle(t *testing.T) {
	t.Run("succeeds", func(t *testing.T) {
		c := &clock{}
		d := newDeployment(t, c)
		refused(t, d, ErrInvalidTransition, func() error { return d.Succeed(rm, c.next(), "sha256 ok", "done") })
		ok(t, d.Start(rm, c.next()))
		refused(t, d, ErrPrecondition, func() error { return d.Succeed(rm, c.next(), "", "done") })
		refused(t, d, ErrPrecondition, func() error { return d.Succeed(rm, c.next(), "sha256 ok", "") })
		ok(t, d.Succeed(rm, c.next(), "sha256 ok", "done"))
		ok(t, d.Validate())
		refused(t, d, ErrInvalidTransition, func() error { return d.RollBack(rm, c.next(), "x") })
	})
	t.Run("fails, retried, rolled back", func(t *testing.T) {
		c := &clock{}
		d := newDeployment(t, c)
		ok(t, d.Start(rm, c.next()))
		refused(t, d, ErrPrecondition, func() error { return d.Fail(rm, c.next(), "") })
		ok(t, d.Fail(rm, c.next(), "disk full"))
		ok(t, d.Validate())
		ok(t, d.Start(rm, c.next()))
		ok(t, d.RollBack(rm, c.next(), "previous version restored"))
		ok(t, d.Validate())
		refused(t, d, ErrInvalidTransition, func() error { return d.Start(rm, c.next()) })
	})
}

func TestPostDeploymentReviewValidate(t *testing.T) {
	fresh := func(t *testing.T) *PostDeploymentReview { return newPDR(t, NewID()) }
	cases := append(headerCases[*PostDeploymentReview](),
		vcase[*PostDeploymentReview]{"no release", func(r *PostDeploymentReview) { r.Release = ID{} }, "release", ErrRequired},
		vcase[*PostDeploymentReview]{"no period end", func(r *PostDeploymentReview) { r.Period.End = time.Time{} }, "period.end", ErrRequired},
		vcase[*PostDeploymentReview]{"not held", func(r *PostDeploymentReview) { r.Held = time.Time{} }, "held", ErrRequired},
		vcase[*PostDeploymentReview]{"no reviewers", func(r *PostDeploymentReview) { r.Reviewers = nil }, "reviewers", ErrRequired},
		vcase[*PostDeploymentReview]{"zero incident", func(r *PostDeploymentReview) { r.Incidents[0] = ID{} }, "incidents[0]", ErrRequired},
		vcase[*PostDeploymentReview]{"no findings", func(r *PostDeploymentReview) { r.Findings = "" }, "findings", ErrRequired},
	)
	testValidate(t, fresh, cases)
}
