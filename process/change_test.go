package process

import (
	"errors"
	"testing"
	"time"
)

func TestChangePolicyValidate(t *testing.T) {
	cases := append(headerCases[*ChangePolicy](),
		vcase[*ChangePolicy]{"nothing controlled", func(p *ChangePolicy) { p.ControlledCIs, p.ControlledTypes = nil, nil }, "controlledCIs", ErrRequired},
		vcase[*ChangePolicy]{"zero CI", func(p *ChangePolicy) { p.ControlledCIs[0] = ID{} }, "controlledCIs[0]", ErrRequired},
		vcase[*ChangePolicy]{"zero type", func(p *ChangePolicy) { p.ControlledTypes[0] = ID{} }, "controlledTypes[0]", ErrRequired},
		vcase[*ChangePolicy]{"no criteria", func(p *ChangePolicy) { p.MajorImpactCriteria = nil }, "majorImpactCriteria", ErrRequired},
		vcase[*ChangePolicy]{"blank criterion", func(p *ChangePolicy) { p.MajorImpactCriteria[0] = " " }, "majorImpactCriteria[0]", ErrRequired},
		vcase[*ChangePolicy]{"no approvals", func(p *ChangePolicy) { p.RequiredApprovals = 0 }, "requiredApprovals", ErrRequired},
		vcase[*ChangePolicy]{"negative approvals", func(p *ChangePolicy) { p.RequiredApprovals = -1 }, "requiredApprovals", ErrInvalidValue},
		vcase[*ChangePolicy]{"standard change without code", func(p *ChangePolicy) { p.StandardChanges[0].Code = "" }, "standardChanges[0].code", ErrRequired},
		vcase[*ChangePolicy]{"standard change without description", func(p *ChangePolicy) { p.StandardChanges[0].Description = "" }, "standardChanges[0].description", ErrRequired},
		vcase[*ChangePolicy]{"standard change repeated", func(p *ChangePolicy) {
			p.StandardChanges = append(p.StandardChanges, p.StandardChanges[0])
		}, "standardChanges[1].code", ErrInvalidValue},
	)
	testValidate(t, newChangePolicy, cases)

	p := newChangePolicy(t)
	if !p.Controls(p.ControlledCIs[0], ID{}) || !p.Controls(NewID(), p.ControlledTypes[0]) || p.Controls(NewID(), NewID()) || p.Controls(NewID(), ID{}) {
		t.Error("Controls: got a wrong answer")
	}
	if !p.Standard("add-mailbox") || p.Standard("reboot") || p.Standard("") {
		t.Error("Standard: got a wrong answer")
	}
}

func TestRequestForChangeValidate(t *testing.T) {
	fresh := func(t *testing.T) *RequestForChange { return rfcTo(t, ChangeScheduled, &clock{}) }
	cases := append(headerCases[*RequestForChange](),
		vcase[*RequestForChange]{"unknown status", func(r *RequestForChange) { r.Status = "approved" }, "status", ErrInvalidValue},
		vcase[*RequestForChange]{"no description", func(r *RequestForChange) { r.Description = "" }, "description", ErrRequired},
		vcase[*RequestForChange]{"no requester", func(r *RequestForChange) { r.Requester = "" }, "requester", ErrRequired},
		vcase[*RequestForChange]{"no class", func(r *RequestForChange) { r.Class = "" }, "class", ErrRequired},
		vcase[*RequestForChange]{"unknown class", func(r *RequestForChange) { r.Class = "minor" }, "class", ErrInvalidValue},
		vcase[*RequestForChange]{"standard without model", func(r *RequestForChange) { r.Class = ChangeStandard }, "model", ErrRequired},
		vcase[*RequestForChange]{"no risk", func(r *RequestForChange) { r.Risk = "" }, "risk", ErrRequired},
		vcase[*RequestForChange]{"blank risk", func(r *RequestForChange) { r.Risk = "  " }, "risk", ErrInvalidValue},
		vcase[*RequestForChange]{"no impact assessment", func(r *RequestForChange) { r.ImpactAssessment = "" }, "impactAssessment", ErrRequired},
		vcase[*RequestForChange]{"no business benefit", func(r *RequestForChange) { r.BusinessBenefit = "" }, "businessBenefit", ErrRequired},
		vcase[*RequestForChange]{"no backout plan", func(r *RequestForChange) { r.BackoutPlan = "" }, "backoutPlan", ErrRequired},
		vcase[*RequestForChange]{"no window end", func(r *RequestForChange) { r.Window.End = time.Time{} }, "window.end", ErrRequired},
		vcase[*RequestForChange]{"no window start", func(r *RequestForChange) { r.Window.Start = time.Time{} }, "window.start", ErrRequired},
		vcase[*RequestForChange]{"window backwards", func(r *RequestForChange) { r.Window.End = r.Window.Start }, "window.end", ErrInvalidValue},
		vcase[*RequestForChange]{"service not linked", func(r *RequestForChange) { r.Services[0] = NewID() }, "services[0]", ErrInvalidLink},
		vcase[*RequestForChange]{"zero CI", func(r *RequestForChange) { r.AffectedCIs = append(r.AffectedCIs, ID{}) }, "affectedCIs[1]", ErrRequired},
		vcase[*RequestForChange]{"approval without approver", func(r *RequestForChange) { r.Approvals[1].By = "" }, "approvals[1].by", ErrRequired},
		vcase[*RequestForChange]{"approval without time", func(r *RequestForChange) { r.Approvals[0].At = time.Time{} }, "approvals[0].at", ErrRequired},
		vcase[*RequestForChange]{"approval without decision", func(r *RequestForChange) { r.Approvals[0].Decision = "" }, "approvals[0].decision", ErrRequired},
		vcase[*RequestForChange]{"implemented without implementer", func(r *RequestForChange) {
			r.Status, r.Outcome = string(ChangeImplemented), "ok"
		}, "implementer", ErrRequired},
		vcase[*RequestForChange]{"implemented without outcome", func(r *RequestForChange) {
			r.Status, r.Implementer = string(ChangeImplemented), "dana"
		}, "outcome", ErrRequired},
	)
	testValidate(t, fresh, cases)

	t.Run("emergency states its back-out plan once authorised", func(t *testing.T) {
		c := &clock{}
		r := newRFC(t, ChangeEmergency, c)
		r.BackoutPlan = "restore"
		ok(t, r.AuthoriseEmergency(ecab, c.next()))
		ok(t, r.Validate())
		r.BackoutPlan = ""
		if err := r.Validate(); err == nil || !err.(*ValidationError).Has("backoutPlan", ErrRequired) {
			t.Fatalf("got %v, want backoutPlan required", err)
		}
	})
	t.Run("new request needs no assessment yet", func(t *testing.T) {
		ok(t, newRFC(t, ChangeNormal, &clock{}).Validate())
	})
}

func TestRequestForChangeNormalPath(t *testing.T) {
	c := &clock{}
	r := rfcTo(t, ChangeClosed, c)
	ok(t, r.Validate())
	var moves []string
	for _, e := range r.History {
		if e.Action == ActionMoved {
			moves = append(moves, e.To)
		}
	}
	want := []string{"assessed", "authorised", "scheduled", "implementing", "implemented", "reviewed", "closed"}
	if len(moves) != len(want) {
		t.Fatalf("got moves %v, want %v", moves, want)
	}
	for i := range want {
		if moves[i] != want[i] {
			t.Fatalf("got moves %v, want %v", moves, want)
		}
	}
	if len(r.Approvals) != 2 || r.Approvals[0].By != "alice" || r.Approvals[1].By != "bob" || r.Implementer != "dana" {
		t.Fatalf("got approvals %+v implementer %q", r.Approvals, r.Implementer)
	}
	if !linkedKind(&r.Header, LinkReviewedBy, KindPostImplementationReview) {
		t.Fatal("closed change has no review link")
	}
}

func TestRequestForChangeAssess(t *testing.T) {
	c := &clock{}
	r := newRFC(t, ChangeNormal, c)
	refused(t, r, ErrForbidden, func() error { return r.Assess(desk, c.next(), assessment) })
	a := assessment
	a.BackoutPlan = ""
	refused(t, r, ErrPrecondition, func() error { return r.Assess(cm, c.next(), a) })
	var ve *ValidationError
	if err := r.Assess(cm, c.next(), a); !errors.As(err, &ve) || !ve.Has("backoutPlan", ErrRequired) {
		t.Fatalf("got %v, want backoutPlan required", err)
	}
	a = assessment
	a.Risk = ""
	refused(t, r, ErrRequired, func() error { return r.Assess(cm, c.next(), a) })
	ok(t, r.Assess(cm, c.next(), assessment))
	if r.Risk != LevelMedium || r.BackoutPlan != "restore snapshot" || !r.BackoutTested {
		t.Fatalf("got %+v", r)
	}
}

func TestRequestForChangeAuthorisation(t *testing.T) {
	assessed := func(t *testing.T, c *clock, requester Actor) *RequestForChange {
		r := NewRequestForChange("x", ChangeNormal, requester, c.next())
		r.Description = "x"
		ok(t, r.Assess(cm, c.next(), assessment))
		return r
	}
	policy2 := newChangePolicy(t) // two approvals
	policy1 := newChangePolicy(t)
	policy1.RequiredApprovals = 1

	t.Run("needs assessment first", func(t *testing.T) {
		c := &clock{}
		r := newRFC(t, ChangeNormal, c)
		refused(t, r, ErrInvalidTransition, func() error { return r.Authorise(cab1, c.next(), policy1) })
	})
	t.Run("needs the change authority", func(t *testing.T) {
		c := &clock{}
		r := assessed(t, c, desk)
		refused(t, r, ErrForbidden, func() error { return r.Authorise(cm, c.next(), policy1) })
		refused(t, r, ErrForbidden, func() error { return r.Approve(cm, c.next(), DecisionApprove, "") })
	})
	t.Run("requester cannot be the only approver", func(t *testing.T) {
		c := &clock{}
		r := assessed(t, c, cab1)
		refused(t, r, ErrSegregation, func() error { return r.Authorise(cab1, c.next(), policy1) })
		refused(t, r, ErrSegregation, func() error { return r.Authorise(cab1, c.next(), nil) })
		ok(t, r.Approve(cab1, c.next(), DecisionApprove, "my own change"))
		refused(t, r, ErrSegregation, func() error { return r.Authorise(cab1, c.next(), policy1) })
		ok(t, r.Authorise(cab2, c.next(), policy1))
		if len(r.Approvals) != 2 {
			t.Fatalf("got %d approvals, want 2", len(r.Approvals))
		}
	})
	t.Run("requester's approval is not counted", func(t *testing.T) {
		c := &clock{}
		r := assessed(t, c, cab1)
		ok(t, r.Approve(cab1, c.next(), DecisionApprove, ""))
		refused(t, r, ErrPrecondition, func() error { return r.Authorise(cab2, c.next(), policy2) })
		cab3 := Actor{ID: "cleo", Roles: []Role{RoleChangeAuthority}}
		ok(t, r.Approve(cab3, c.next(), DecisionApprove, ""))
		ok(t, r.Authorise(cab2, c.next(), policy2))
		ok(t, r.Validate())
	})
	t.Run("a repeated approver counts once", func(t *testing.T) {
		// A record decoded from a host's store may repeat an approver.
		c := &clock{}
		r := assessed(t, c, desk)
		at := c.next()
		r.Approvals = []Approval{
			{By: "alice", At: at, Decision: DecisionApprove},
			{By: "alice", At: at, Decision: DecisionApprove},
			{By: " ", At: at, Decision: DecisionApprove},
		}
		refused(t, r, ErrPrecondition, func() error { return r.Authorise(cab1, c.next(), policy2) })
		var ve *ValidationError
		if err := r.Validate(); !errors.As(err, &ve) || !ve.Has("approvals[1].by", ErrInvalidValue) {
			t.Fatalf("got %v, want approvals[1].by: ErrInvalidValue", err)
		}
	})
	t.Run("enough approvals", func(t *testing.T) {
		c := &clock{}
		r := assessed(t, c, desk)
		refused(t, r, ErrPrecondition, func() error { return r.Authorise(cab1, c.next(), policy2) })
		ok(t, r.Approve(cab1, c.next(), DecisionApprove, ""))
		refused(t, r, ErrPrecondition, func() error { return r.Authorise(cab1, c.next(), policy2) })
		ok(t, r.Authorise(cab2, c.next(), policy2))
	})
	t.Run("a rejection blocks", func(t *testing.T) {
		c := &clock{}
		r := assessed(t, c, desk)
		ok(t, r.Approve(cab1, c.next(), DecisionReject, "too risky"))
		refused(t, r, ErrPrecondition, func() error { return r.Authorise(cab2, c.next(), policy1) })
	})
	t.Run("one decision each", func(t *testing.T) {
		c := &clock{}
		r := assessed(t, c, desk)
		ok(t, r.Approve(cab1, c.next(), DecisionApprove, ""))
		refused(t, r, ErrExists, func() error { return r.Approve(cab1, c.next(), DecisionReject, "") })
		refused(t, r, ErrInvalidValue, func() error { return r.Approve(cab2, c.next(), "maybe", "") })
		refused(t, r, ErrInvalidValue, func() error { return r.Approve(cab2, t0, DecisionApprove, "") })
	})
	t.Run("approving only when assessed", func(t *testing.T) {
		c := &clock{}
		r := newRFC(t, ChangeNormal, c)
		refused(t, r, ErrPrecondition, func() error { return r.Approve(cab1, c.next(), DecisionApprove, "") })
	})
	t.Run("governed by another policy", func(t *testing.T) {
		c := &clock{}
		r := assessed(t, c, desk)
		ok(t, r.Link(cm, c.next(), LinkGoverns, NewID(), KindChangePolicy))
		refused(t, r, ErrPrecondition, func() error { return r.Authorise(cab1, c.next(), policy1) })
	})
	t.Run("governed, its policy cannot be left out", func(t *testing.T) {
		// Without its policy the request would need one approval, not two.
		c := &clock{}
		r := assessed(t, c, desk)
		ok(t, r.Link(cm, c.next(), LinkGoverns, policy2.ID, KindChangePolicy))
		refused(t, r, ErrPrecondition, func() error { return r.Authorise(cab1, c.next(), nil) })
		refused(t, r, ErrPrecondition, func() error { return r.Authorise(cab1, c.next(), policy2) })
		ok(t, r.Approve(cab2, c.next(), DecisionApprove, ""))
		ok(t, r.Authorise(cab1, c.next(), policy2))
	})
	t.Run("standard change is pre-authorised", func(t *testing.T) {
		c := &clock{}
		r := newRFC(t, ChangeStandard, c)
		refused(t, r, ErrInvalidTransition, func() error { return r.Authorise(cab1, c.next(), policy1) })
		// Assessing it would leave it where only authorisation leads on.
		refused(t, r, ErrPrecondition, func() error { return r.Assess(cm, c.next(), assessment) })
		r.Status = string(ChangeAssessed) // as a host's store might hold it
		refused(t, r, ErrPrecondition, func() error { return r.Authorise(cab1, c.next(), policy1) })
	})
}

func TestRequestForChangeStandard(t *testing.T) {
	c := &clock{}
	r := newRFC(t, ChangeStandard, c)
	policy := newChangePolicy(t)
	refused(t, r, ErrPrecondition, func() error { return r.Schedule(cm, c.next(), window1, nil) })
	r.Model = "reboot"
	refused(t, r, ErrPrecondition, func() error { return r.Schedule(cm, c.next(), window1, policy) })
	r.Model = "add-mailbox"
	refused(t, r, ErrForbidden, func() error { return r.Schedule(desk, c.next(), window1, policy) })
	refused(t, r, ErrPrecondition, func() error { return r.Schedule(cm, c.next(), Window{Start: window1.End, End: window1.Start}, policy) })
	ok(t, r.Schedule(cm, c.next(), window1, policy))
	ok(t, r.Validate())
	ok(t, r.Implement(desk, c.next()))
	ok(t, r.Complete(desk, c.next(), "mailbox created"))
	ok(t, r.Review(cm, c.next(), newPIR(t, r.ID)))
	ok(t, r.Close(cm, c.next()))
	ok(t, r.Validate())
	if len(r.Approvals) != 0 {
		t.Fatalf("standard change: got approvals %+v, want none", r.Approvals)
	}

	n := newRFC(t, ChangeNormal, c)
	refused(t, n, ErrPrecondition, func() error { return n.Schedule(cm, c.next(), window1, policy) })

	t.Run("model of another policy than its own", func(t *testing.T) {
		c := &clock{}
		r := newRFC(t, ChangeStandard, c)
		ok(t, r.Link(cm, c.next(), LinkGoverns, NewID(), KindChangePolicy))
		refused(t, r, ErrPrecondition, func() error { return r.Schedule(cm, c.next(), window1, policy) })
	})
}

func TestRequestForChangeEmergency(t *testing.T) {
	t.Run("own path", func(t *testing.T) {
		c := &clock{}
		r := newRFC(t, ChangeEmergency, c)
		refused(t, r, ErrPrecondition, func() error { return r.AuthoriseEmergency(ecab, c.next()) }) // no back-out plan
		r.BackoutPlan = "revert config"
		refused(t, r, ErrForbidden, func() error { return r.AuthoriseEmergency(cab1, c.next()) })
		ok(t, r.AuthoriseEmergency(ecab, c.next()))
		ok(t, r.Implement(desk, c.next()))
		ok(t, r.Complete(desk, c.next(), "patched"))
		refused(t, r, ErrInvalidTransition, func() error { return r.Close(cm, c.next()) }) // not reviewed yet
	})
	t.Run("requester is not the emergency authority", func(t *testing.T) {
		c := &clock{}
		r := newRFC(t, ChangeEmergency, c)
		r.Requester = ecab.ID
		r.BackoutPlan = "revert"
		refused(t, r, ErrSegregation, func() error { return r.AuthoriseEmergency(ecab, c.next()) })
	})
	t.Run("only emergency changes", func(t *testing.T) {
		c := &clock{}
		r := newRFC(t, ChangeNormal, c)
		r.BackoutPlan = "revert"
		refused(t, r, ErrPrecondition, func() error { return r.AuthoriseEmergency(ecab, c.next()) })
	})
	t.Run("reviewed afterwards with its assessment", func(t *testing.T) {
		c := &clock{}
		r := newRFC(t, ChangeEmergency, c)
		r.BackoutPlan = "revert"
		ok(t, r.Approve(ecab, c.next(), DecisionApprove, "go"))
		ok(t, r.AuthoriseEmergency(Actor{ID: "eve", Roles: []Role{RoleEmergencyAuthority}}, c.next()))
		ok(t, r.Implement(desk, c.next()))
		ok(t, r.Complete(desk, c.next(), "patched"))
		ok(t, r.Validate())
		// The review is refused until the assessment is complete, so that
		// the move never leaves an invalid record.
		refused(t, r, ErrPrecondition, func() error { return r.Review(cm, c.next(), newPIR(t, r.ID)) })
		r.Risk, r.ImpactAssessment, r.BusinessBenefit = LevelHigh, "outage risk", "security fix"
		ok(t, r.Review(cm, c.next(), newPIR(t, r.ID)))
		ok(t, r.Validate())
		ok(t, r.Close(cm, c.next()))
	})
}

func TestRequestForChangeImplementation(t *testing.T) {
	t.Run("schedule first", func(t *testing.T) {
		c := &clock{}
		r := rfcTo(t, ChangeAuthorised, c)
		refused(t, r, ErrPrecondition, func() error { return r.Implement(desk, c.next()) })
	})
	t.Run("failed and backed out", func(t *testing.T) {
		c := &clock{}
		r := rfcTo(t, ChangeImplementing, c)
		refused(t, r, ErrPrecondition, func() error { return r.Fail(desk, c.next(), "") })
		ok(t, r.Fail(desk, c.next(), "database lock"))
		ok(t, r.BackOut(desk, c.next(), "snapshot restored"))
		ok(t, r.Validate())
		ok(t, r.Review(cm, c.next(), newPIR(t, r.ID)))
		ok(t, r.Close(cm, c.next()))
		if r.Outcome != "snapshot restored" {
			t.Fatalf("got outcome %q", r.Outcome)
		}
	})
	t.Run("back out a completed change", func(t *testing.T) {
		c := &clock{}
		r := rfcTo(t, ChangeImplemented, c)
		ok(t, r.BackOut(desk, c.next(), "side effects"))
	})
	t.Run("complete needs an outcome", func(t *testing.T) {
		c := &clock{}
		r := rfcTo(t, ChangeImplementing, c)
		refused(t, r, ErrPrecondition, func() error { return r.Complete(desk, c.next(), " ") })
	})
}

func TestRequestForChangeReview(t *testing.T) {
	c := &clock{}
	r := rfcTo(t, ChangeImplementing, c)
	// The implementer is also a change manager.
	impl := Actor{ID: "ivan", Roles: []Role{RoleChangeManager}}
	r.Implementer = impl.ID
	ok(t, r.Complete(desk, c.next(), "done"))

	alone := newPIR(t, r.ID)
	alone.Reviewers = []string{"ivan"}
	refused(t, r, ErrSegregation, func() error { return r.Review(impl, c.next(), alone) })
	refused(t, r, ErrForbidden, func() error { return r.Review(desk, c.next(), newPIR(t, r.ID)) })
	refused(t, r, ErrPrecondition, func() error { return r.Review(cm, c.next(), newPIR(t, NewID())) })
	refused(t, r, ErrPrecondition, func() error { return r.Review(cm, c.next(), nil) })
	bad := newPIR(t, r.ID)
	bad.Findings = ""
	refused(t, r, ErrPrecondition, func() error { return r.Review(cm, c.next(), bad) })
	later := newPIR(t, r.ID)
	at := c.next()
	later.Held = at.Add(time.Hour)
	refused(t, r, ErrPrecondition, func() error { return r.Review(cm, at, later) })
	refused(t, r, ErrInvalidTransition, func() error { return r.Close(cm, c.next()) })

	// Another reviewer on the review lets the implementer close it.
	withOther := newPIR(t, r.ID)
	withOther.Reviewers = []string{"ivan", "alice"}
	ok(t, r.Review(impl, c.next(), withOther))
	if !r.HasLink(LinkReviewedBy, withOther.ID) {
		t.Fatal("review not linked")
	}
	refused(t, r, ErrForbidden, func() error { return r.Close(desk, c.next()) })
	ok(t, r.Close(cm, c.next()))
}

func TestRequestForChangeRejectCancel(t *testing.T) {
	t.Run("rejected on request", func(t *testing.T) {
		c := &clock{}
		r := newRFC(t, ChangeNormal, c)
		refused(t, r, ErrForbidden, func() error { return r.Reject(cab1, c.next(), "no") })
		refused(t, r, ErrPrecondition, func() error { return r.Reject(cm, c.next(), "") })
		ok(t, r.Reject(cm, c.next(), "duplicate"))
		if len(r.Approvals) != 0 {
			t.Fatalf("got approvals %+v, want none", r.Approvals)
		}
	})
	t.Run("rejected by the authority", func(t *testing.T) {
		c := &clock{}
		r := rfcTo(t, ChangeAssessed, c)
		refused(t, r, ErrForbidden, func() error { return r.Reject(cm, c.next(), "no") })
		ok(t, r.Reject(cab1, c.next(), "risk too high"))
		ok(t, r.Validate())
		if len(r.Approvals) != 1 || r.Approvals[0].Decision != DecisionReject {
			t.Fatalf("got approvals %+v, want one rejection", r.Approvals)
		}
		refused(t, r, ErrInvalidTransition, func() error { return r.Cancel(desk, c.next(), "x") })
	})
	for _, st := range []ChangeState{ChangeRequested, ChangeAssessed, ChangeAuthorised, ChangeScheduled} {
		t.Run("cancel when "+string(st), func(t *testing.T) {
			c := &clock{}
			r := rfcTo(t, st, c)
			refused(t, r, ErrForbidden, func() error { return r.Cancel(nobody, c.next(), "x") })
			refused(t, r, ErrPrecondition, func() error { return r.Cancel(desk, c.next(), "") })
			ok(t, r.Cancel(desk, c.next(), "not needed")) // the requester
		})
	}
	t.Run("change manager cancels", func(t *testing.T) {
		c := &clock{}
		r := newRFC(t, ChangeNormal, c)
		ok(t, r.Cancel(cm, c.next(), "withdrawn"))
	})
	t.Run("too late to cancel", func(t *testing.T) {
		c := &clock{}
		r := rfcTo(t, ChangeImplementing, c)
		refused(t, r, ErrInvalidTransition, func() error { return r.Cancel(desk, c.next(), "x") })
	})
}

func TestScheduleOfChange(t *testing.T) {
	cases := append(headerCases[*ScheduleOfChange](),
		vcase[*ScheduleOfChange]{"no period end", func(s *ScheduleOfChange) { s.Period.End = time.Time{} }, "period.end", ErrRequired},
		vcase[*ScheduleOfChange]{"blackout without reason", func(s *ScheduleOfChange) { s.Blackouts[0].Reason = "" }, "blackouts[0].reason", ErrRequired},
		vcase[*ScheduleOfChange]{"blackout without end", func(s *ScheduleOfChange) { s.Blackouts[0].Window.End = time.Time{} }, "blackouts[0].window.end", ErrRequired},
		vcase[*ScheduleOfChange]{"entry without change", func(s *ScheduleOfChange) { s.Entries[0].Change = ID{} }, "entries[0].change", ErrRequired},
		vcase[*ScheduleOfChange]{"entry repeated", func(s *ScheduleOfChange) { s.Entries = append(s.Entries, s.Entries[0]) }, "entries[1].change", ErrInvalidValue},
		vcase[*ScheduleOfChange]{"entry without window end", func(s *ScheduleOfChange) { s.Entries[0].Window.End = time.Time{} }, "entries[0].window.end", ErrRequired},
		vcase[*ScheduleOfChange]{"entry in a blackout", func(s *ScheduleOfChange) { s.Entries[0].Window = s.Blackouts[0].Window }, "entries[0].window", ErrInvalidValue},
		vcase[*ScheduleOfChange]{"entry outside the period", func(s *ScheduleOfChange) {
			s.Entries[0].Window = Window{Start: t0.Add(-2 * time.Hour), End: t0.Add(-time.Hour)}
		}, "entries[0].window", ErrInvalidValue},
		vcase[*ScheduleOfChange]{"communicated to nobody", func(s *ScheduleOfChange) { s.Communicated = t0 }, "communicatedTo", ErrRequired},
	)
	testValidate(t, newSchedule, cases)

	t.Run("add", func(t *testing.T) {
		c := &clock{}
		s := newSchedule(t)
		s.Entries = nil
		r := rfcTo(t, ChangeAuthorised, c)
		refused(t, s, ErrPrecondition, func() error { return s.Add(cm, c.next(), r) })
		refused(t, s, ErrRequired, func() error { return s.Add(cm, c.next(), nil) })
		ok(t, r.Schedule(cm, c.next(), s.Blackouts[0].Window, nil))
		refused(t, s, ErrPrecondition, func() error { return s.Add(cm, c.next(), r) })

		r2 := rfcTo(t, ChangeScheduled, c)
		ok(t, s.Add(cm, c.next(), r2))
		refused(t, s, ErrExists, func() error { return s.Add(cm, c.next(), r2) })
		ok(t, s.Validate())

		late := rfcTo(t, ChangeAuthorised, c)
		ok(t, late.Schedule(cm, c.next(), Window{Start: t0.Add(60 * 24 * time.Hour), End: t0.Add(61 * 24 * time.Hour)}, nil))
		refused(t, s, ErrPrecondition, func() error { return s.Add(cm, c.next(), late) })

		refused(t, s, ErrPrecondition, func() error {
			return s.AddBlackout(cm, c.next(), Blackout{Window: window1, Reason: "freeze"})
		})
		refused(t, s, ErrRequired, func() error {
			return s.AddBlackout(cm, c.next(), Blackout{Window: Window{Start: t0.Add(20 * 24 * time.Hour), End: t0.Add(21 * 24 * time.Hour)}})
		})
		ok(t, s.AddBlackout(cm, c.next(), Blackout{Window: Window{Start: t0.Add(20 * 24 * time.Hour), End: t0.Add(21 * 24 * time.Hour)}, Reason: "audit"}))
		refused(t, s, ErrRequired, func() error { return s.Communicate(cm, c.next(), nil) })
		ok(t, s.Communicate(cm, c.next(), []string{"service desk", "customers"}))
		ok(t, s.Validate())
	})
}

func TestPostImplementationReviewValidate(t *testing.T) {
	fresh := func(t *testing.T) *PostImplementationReview { return newPIR(t, NewID()) }
	cases := append(headerCases[*PostImplementationReview](),
		vcase[*PostImplementationReview]{"no change", func(r *PostImplementationReview) { r.Change = ID{} }, "change", ErrRequired},
		vcase[*PostImplementationReview]{"not held", func(r *PostImplementationReview) { r.Held = time.Time{} }, "held", ErrRequired},
		vcase[*PostImplementationReview]{"no reviewers", func(r *PostImplementationReview) { r.Reviewers = nil }, "reviewers", ErrRequired},
		vcase[*PostImplementationReview]{"blank reviewer", func(r *PostImplementationReview) { r.Reviewers[0] = "" }, "reviewers[0]", ErrRequired},
		vcase[*PostImplementationReview]{"no findings", func(r *PostImplementationReview) { r.Findings = "" }, "findings", ErrRequired},
	)
	testValidate(t, fresh, cases)
}

func TestWindow(t *testing.T) {
	a := Window{Start: t0, End: t0.Add(time.Hour)}
	b := Window{Start: t0.Add(time.Hour), End: t0.Add(2 * time.Hour)}
	if a.Overlaps(b) || b.Overlaps(a) {
		t.Error("touching windows: got overlap")
	}
	if !a.Overlaps(Window{Start: t0.Add(30 * time.Minute), End: t0.Add(90 * time.Minute)}) {
		t.Error("overlapping windows: got none")
	}
	if !a.Contains(a) || a.Contains(b) || a.Duration() != time.Hour || a.IsZero() || !(Window{}).IsZero() {
		t.Error("Contains/Duration/IsZero: got a wrong answer")
	}
	// Windows compare instants, whatever their zones.
	ny := time.FixedZone("EST", -5*3600)
	c := Window{Start: t0.In(ny), End: t0.Add(time.Hour).In(ny)}
	if !a.Contains(c) || !c.Contains(a) {
		t.Error("same window in another zone: got not contained")
	}
}
