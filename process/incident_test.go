package process

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestIncidentValidate(t *testing.T) {
	fresh := func(t *testing.T) *Incident { return newIncident(t, &clock{}) }
	cases := append(headerCases[*Incident](),
		vcase[*Incident]{"no status", func(i *Incident) { i.Status = "" }, "status", ErrRequired},
		vcase[*Incident]{"no description", func(i *Incident) { i.Description = "" }, "description", ErrRequired},
		vcase[*Incident]{"no reporter", func(i *Incident) { i.Reporter = "" }, "reporter", ErrRequired},
		vcase[*Incident]{"no impact", func(i *Incident) { i.Impact = "" }, "impact", ErrRequired},
		vcase[*Incident]{"blank urgency", func(i *Incident) { i.Urgency = " " }, "urgency", ErrInvalidValue},
		vcase[*Incident]{"no urgency", func(i *Incident) { i.Urgency = "" }, "urgency", ErrRequired},
		vcase[*Incident]{"no priority", func(i *Incident) { i.Priority = 0 }, "priority", ErrRequired},
		vcase[*Incident]{"no category", func(i *Incident) { i.Category = "" }, "category", ErrRequired},
		vcase[*Incident]{"no service", func(i *Incident) { i.Service = ID{} }, "service", ErrRequired},
		vcase[*Incident]{"service not linked", func(i *Incident) { i.Service = NewID() }, "service", ErrInvalidLink},
		vcase[*Incident]{"zero CI", func(i *Incident) { i.AffectedCIs[1] = ID{} }, "affectedCIs[1]", ErrRequired},
		vcase[*Incident]{"CI repeated", func(i *Incident) { i.AffectedCIs[1] = i.AffectedCIs[0] }, "affectedCIs[1]", ErrInvalidValue},
		vcase[*Incident]{"CI not linked", func(i *Incident) { i.AffectedCIs = append(i.AffectedCIs, NewID()) }, "affectedCIs[2]", ErrInvalidLink},
		vcase[*Incident]{"assigned without group", func(i *Incident) { i.Status = string(IncidentAssigned) }, "assigneeGroup", ErrRequired},
		vcase[*Incident]{"pending without reason", func(i *Incident) { i.Status = string(IncidentPending); i.AssigneeGroup = "g" }, "pendingReason", ErrRequired},
		vcase[*Incident]{"reason while not pending", func(i *Incident) { i.PendingReason = PendingCustomer }, "pendingReason", ErrInvalidValue},
		vcase[*Incident]{"resolved without resolution", func(i *Incident) {
			i.Status, i.AssigneeGroup, i.Resolved = string(IncidentResolved), "g", t0
		}, "resolution", ErrRequired},
		vcase[*Incident]{"closed without time", func(i *Incident) {
			i.Status, i.AssigneeGroup, i.Resolved, i.Resolution = string(IncidentClosed), "g", t0, "fixed"
		}, "closed", ErrRequired},
		vcase[*Incident]{"major without responsible", func(i *Incident) { i.Major = true }, "majorResponsible", ErrRequired},
		vcase[*Incident]{"major without notice", func(i *Incident) { i.Major = true }, "notices", ErrRequired},
		vcase[*Incident]{"notice without responsible", func(i *Incident) {
			i.Notices = []TopManagementNotice{{At: t0, By: "ines"}}
		}, "notices[0].responsible", ErrRequired},
		vcase[*Incident]{"notice without summary", func(i *Incident) {
			i.Notices = []TopManagementNotice{{At: t0, By: "ines", Responsible: "mika"}}
		}, "notices[0].summary", ErrRequired},
		vcase[*Incident]{"half acknowledged notice", func(i *Incident) {
			i.Notices = []TopManagementNotice{{At: t0, By: "ines", Responsible: "mika", AckBy: "tess"}}
		}, "notices[0].ackAt", ErrInvalidValue},
		vcase[*Incident]{"notice acknowledged before it was sent", func(i *Incident) {
			i.Notices = []TopManagementNotice{{At: t0, By: "ines", Responsible: "mika", AckBy: "tess", AckAt: t0.Add(-time.Minute)}}
		}, "notices[0].ackAt", ErrInvalidValue},
		vcase[*Incident]{"closed before resolved", func(i *Incident) {
			i.Status, i.AssigneeGroup, i.Resolution = string(IncidentClosed), "g", "fixed"
			i.Resolved, i.Closed = t0.Add(time.Hour), t0
		}, "closed", ErrInvalidValue},
		vcase[*Incident]{"bad link", func(i *Incident) {
			i.Links = append(i.Links, Link{Type: LinkDeploys, To: NewID(), Kind: KindRelease})
		}, "links[3]", ErrInvalidLink},
	)
	testValidate(t, fresh, cases)
}

func TestIncidentLifecycle(t *testing.T) {
	c := &clock{}
	i := newIncident(t, c)
	if i.State() != IncidentNew {
		t.Fatalf("got %s, want %s", i.State(), IncidentNew)
	}
	steps := []struct {
		name string
		do   func() error
		want IncidentState
	}{
		{"assign", func() error { return i.Assign(desk, c.next(), "messaging", "sam") }, IncidentAssigned},
		{"start", func() error { return i.Start(desk, c.next()) }, IncidentInProgress},
		{"pend", func() error { return i.Pend(desk, c.next(), PendingSupplier) }, IncidentPending},
		{"resume", func() error { return i.Resume(desk, c.next()) }, IncidentInProgress},
		{"resolve", func() error { return i.Resolve(desk, c.next(), "restarted the queue") }, IncidentResolved},
		{"reopen", func() error { return i.Reopen(desk, c.next(), "still failing") }, IncidentInProgress},
		{"pend again", func() error { return i.Pend(desk, c.next(), PendingCustomer) }, IncidentPending},
		{"resolve from pending", func() error { return i.Resolve(desk, c.next(), "disk cleared") }, IncidentResolved},
		{"close", func() error { return i.Close(desk, c.next()) }, IncidentClosed},
	}
	for _, s := range steps {
		ok(t, s.do())
		if i.State() != s.want {
			t.Fatalf("%s: got %s, want %s", s.name, i.State(), s.want)
		}
		if err := i.Validate(); err != nil {
			t.Fatalf("%s: record invalid: %v", s.name, err)
		}
	}
	if i.AssigneeGroup != "messaging" || i.Assignee != "sam" || i.Resolution != "disk cleared" || i.Closed.IsZero() {
		t.Errorf("got group %q assignee %q resolution %q closed %v", i.AssigneeGroup, i.Assignee, i.Resolution, i.Closed)
	}
	if i.PendingReason != "" {
		t.Errorf("pending reason after resolve: got %q, want empty", i.PendingReason)
	}
	// The pending moves carry their reason as the note of the history entry.
	var reasons []string
	for _, e := range i.History {
		if e.Action == ActionMoved && e.To == string(IncidentPending) {
			reasons = append(reasons, e.Note)
		}
	}
	if want := []string{string(PendingSupplier), string(PendingCustomer)}; !slices.Equal(reasons, want) {
		t.Errorf("pending notes: got %q, want %q", reasons, want)
	}
}

func TestIncidentPendingReasonField(t *testing.T) {
	c := &clock{}
	i := newIncident(t, c)
	ok(t, i.Assign(desk, c.next(), "g", ""))
	ok(t, i.Pend(desk, c.next(), PendingChange))
	if i.PendingReason != PendingChange {
		t.Fatalf("got %q, want %q", i.PendingReason, PendingChange)
	}
	ok(t, i.Validate())
	ok(t, i.Start(desk, c.next()))
	if i.PendingReason != "" {
		t.Fatalf("after start: got %q, want empty", i.PendingReason)
	}
}

func TestIncidentCancel(t *testing.T) {
	for _, st := range []IncidentState{IncidentNew, IncidentAssigned, IncidentInProgress, IncidentPending} {
		t.Run(string(st), func(t *testing.T) {
			c := &clock{}
			i := newIncident(t, c)
			if st != IncidentNew {
				ok(t, i.Assign(desk, c.next(), "g", ""))
			}
			if st == IncidentInProgress {
				ok(t, i.Start(desk, c.next()))
			}
			if st == IncidentPending {
				ok(t, i.Pend(desk, c.next(), PendingCustomer))
			}
			refused(t, i, ErrPrecondition, func() error { return i.Cancel(desk, c.next(), "") })
			ok(t, i.Cancel(desk, c.next(), "duplicate"))
			if i.State() != IncidentCancelled {
				t.Fatalf("got %s, want %s", i.State(), IncidentCancelled)
			}
		})
	}
}

func TestIncidentRefusals(t *testing.T) {
	c := &clock{}
	at := func() time.Time { return c.next() }
	i := newIncident(t, c)
	t.Run("close a new incident", func(t *testing.T) {
		refused(t, i, ErrInvalidTransition, func() error { return i.Close(desk, at()) })
	})
	t.Run("resolve a new incident", func(t *testing.T) {
		refused(t, i, ErrInvalidTransition, func() error { return i.Resolve(desk, at(), "x") })
	})
	t.Run("assign without group", func(t *testing.T) {
		refused(t, i, ErrPrecondition, func() error { return i.Assign(desk, at(), " ", "") })
	})
	t.Run("assign without priority", func(t *testing.T) {
		j := NewIncident("x", desk, t0)
		refused(t, j, ErrPrecondition, func() error { return j.Assign(desk, at(), "g", "") })
	})
	t.Run("no actor", func(t *testing.T) {
		refused(t, i, ErrRequired, func() error { return i.Assign(Actor{}, at(), "g", "") })
	})
	t.Run("time runs backwards", func(t *testing.T) {
		refused(t, i, ErrInvalidValue, func() error { return i.Assign(desk, t0.Add(-time.Hour), "g", "") })
		refused(t, i, ErrInvalidValue, func() error { return i.Affect(desk, t0.Add(-time.Hour), NewID()) })
	})
	ok(t, i.Assign(desk, at(), "g", ""))
	t.Run("pend with unknown reason", func(t *testing.T) {
		refused(t, i, ErrPrecondition, func() error { return i.Pend(desk, at(), "lunch") })
	})
	t.Run("resume when not pending", func(t *testing.T) {
		refused(t, i, ErrInvalidTransition, func() error { return i.Resume(desk, at()) })
	})
	t.Run("reopen when not resolved", func(t *testing.T) {
		refused(t, i, ErrInvalidTransition, func() error { return i.Reopen(desk, at(), "x") })
	})
	t.Run("resolve without resolution", func(t *testing.T) {
		refused(t, i, ErrPrecondition, func() error { return i.Resolve(desk, at(), "") })
	})
	ok(t, i.Resolve(desk, at(), "fixed"))
	t.Run("start a resolved incident", func(t *testing.T) {
		refused(t, i, ErrInvalidTransition, func() error { return i.Start(desk, at()) })
	})
	t.Run("reopen without reason", func(t *testing.T) {
		refused(t, i, ErrPrecondition, func() error { return i.Reopen(desk, at(), "") })
	})
	t.Run("classify with bad levels", func(t *testing.T) {
		refused(t, i, ErrRequired, func() error { return i.Classify(desk, at(), "c", "", LevelLow, 1) })
		refused(t, i, ErrRequired, func() error { return i.Classify(desk, at(), "", LevelLow, LevelLow, 1) })
		refused(t, i, ErrRequired, func() error { return i.Classify(desk, at(), "c", LevelLow, LevelLow, 0) })
	})
	t.Run("affect same CI twice", func(t *testing.T) {
		refused(t, i, ErrExists, func() error { return i.Affect(desk, at(), i.AffectedCIs[0]) })
	})
	t.Run("second service", func(t *testing.T) {
		refused(t, i, ErrExists, func() error { return i.SetService(desk, at(), NewID()) })
	})
	ok(t, i.Close(desk, at()))
	t.Run("cancel a closed incident", func(t *testing.T) {
		refused(t, i, ErrInvalidTransition, func() error { return i.Cancel(desk, at(), "x") })
	})
	var te *TransitionError
	err := i.Cancel(desk, at(), "x")
	if !errors.As(err, &te) || te.From != string(IncidentClosed) || te.To != string(IncidentCancelled) || te.Kind != KindIncident {
		t.Fatalf("got %v, want a *TransitionError from closed to cancelled", err)
	}
}

func TestIncidentMajor(t *testing.T) {
	c := &clock{}
	i := newIncident(t, c)
	ok(t, i.Assign(desk, c.next(), "messaging", ""))

	t.Run("declaring needs an incident manager", func(t *testing.T) {
		refused(t, i, ErrForbidden, func() error { return i.DeclareMajor(desk, c.next(), "mika", "mail down") })
	})
	t.Run("declaring needs a responsible person", func(t *testing.T) {
		refused(t, i, ErrPrecondition, func() error { return i.DeclareMajor(im, c.next(), "", "mail down") })
		refused(t, i, ErrRequired, func() error { return i.DeclareMajor(im, c.next(), "mika", " ") })
	})
	ok(t, i.DeclareMajor(im, c.next(), "mika", "mail down for all staff"))
	ok(t, i.Validate())
	t.Run("declaring notifies top management", func(t *testing.T) {
		if !i.Major || i.MajorResponsible != "mika" || i.MajorDeclared.IsZero() {
			t.Fatalf("got major %t responsible %q declared %v", i.Major, i.MajorResponsible, i.MajorDeclared)
		}
		if len(i.Notices) != 1 || i.Notices[0].Responsible != "mika" || i.Notices[0].By != "ines" {
			t.Fatalf("got notices %+v, want one naming mika, by ines", i.Notices)
		}
		last := i.History[len(i.History)-1]
		if last.Action != ActionNoted || last.Field != "notices" {
			t.Fatalf("got last history entry %+v, want a notice entry", last)
		}
		if got := i.PendingNotices(); !slices.Equal(got, []int{0}) {
			t.Fatalf("pending notices: got %v, want [0]", got)
		}
	})
	t.Run("declaring twice", func(t *testing.T) {
		refused(t, i, ErrPrecondition, func() error { return i.DeclareMajor(im, c.next(), "mika", "again") })
	})
	t.Run("acknowledging needs top management", func(t *testing.T) {
		refused(t, i, ErrForbidden, func() error { return i.AcknowledgeNotice(im, c.next()) })
	})
	ok(t, i.AcknowledgeNotice(top, c.next()))
	if i.Notices[0].AckBy != "tess" || len(i.PendingNotices()) != 0 {
		t.Fatalf("got notice %+v, want acknowledged by tess", i.Notices[0])
	}
	t.Run("acknowledging with nothing pending", func(t *testing.T) {
		refused(t, i, ErrPrecondition, func() error { return i.AcknowledgeNotice(top, c.next()) })
	})
	ok(t, i.Resolve(desk, c.next(), "storage extended"))
	t.Run("closing needs a major incident manager", func(t *testing.T) {
		refused(t, i, ErrForbidden, func() error { return i.Close(desk, c.next()) })
	})
	t.Run("closing needs the review", func(t *testing.T) {
		refused(t, i, ErrPrecondition, func() error { return i.Close(mim, c.next()) })
	})
	rev := newMajorIncidentReview(t)
	ok(t, i.Link(mim, c.next(), LinkReviewedBy, rev.ID, KindMajorIncidentReview))
	ok(t, i.Close(mim, c.next()))
	ok(t, i.Validate())

	t.Run("incident manager may close too", func(t *testing.T) {
		c := &clock{}
		j := newIncident(t, c)
		ok(t, j.Assign(desk, c.next(), "g", ""))
		ok(t, j.DeclareMajor(mim, c.next(), "mika", "x"))
		ok(t, j.Resolve(desk, c.next(), "fixed"))
		ok(t, j.Link(im, c.next(), LinkReviewedBy, NewID(), KindMajorIncidentReview))
		ok(t, j.Close(im, c.next()))
	})
	t.Run("cancelling needs a major incident manager", func(t *testing.T) {
		c := &clock{}
		j := newIncident(t, c)
		ok(t, j.Assign(desk, c.next(), "g", ""))
		ok(t, j.DeclareMajor(im, c.next(), "mika", "x"))
		refused(t, j, ErrForbidden, func() error { return j.Cancel(desk, c.next(), "duplicate") })
		refused(t, j, ErrPrecondition, func() error { return j.Cancel(mim, c.next(), "duplicate of another major incident") })
		ok(t, j.Link(im, c.next(), LinkReviewedBy, NewID(), KindMajorIncidentReview))
		ok(t, j.Cancel(mim, c.next(), "duplicate of another major incident"))
	})
	t.Run("not on a resolved incident", func(t *testing.T) {
		c := &clock{}
		j := newIncident(t, c)
		ok(t, j.Assign(desk, c.next(), "g", ""))
		ok(t, j.Resolve(desk, c.next(), "fixed"))
		refused(t, j, ErrPrecondition, func() error { return j.DeclareMajor(im, c.next(), "mika", "x") })
	})
}

func TestMajorIncidentReviewValidate(t *testing.T) {
	cases := append(headerCases[*MajorIncidentReview](),
		vcase[*MajorIncidentReview]{"no incident", func(r *MajorIncidentReview) { r.Incident = ID{} }, "incident", ErrRequired},
		vcase[*MajorIncidentReview]{"not held", func(r *MajorIncidentReview) { r.Held = time.Time{} }, "held", ErrRequired},
		vcase[*MajorIncidentReview]{"no reviewers", func(r *MajorIncidentReview) { r.Reviewers = nil }, "reviewers", ErrRequired},
		vcase[*MajorIncidentReview]{"blank reviewer", func(r *MajorIncidentReview) { r.Reviewers[1] = "" }, "reviewers[1]", ErrRequired},
		vcase[*MajorIncidentReview]{"no findings", func(r *MajorIncidentReview) { r.Findings = "" }, "findings", ErrRequired},
		vcase[*MajorIncidentReview]{"blank action", func(r *MajorIncidentReview) { r.Actions = []string{""} }, "actions[0]", ErrRequired},
	)
	testValidate(t, newMajorIncidentReview, cases)
}

func TestIncidentHostLevels(t *testing.T) {
	c := &clock{}
	i := newIncident(t, c)
	ok(t, i.Classify(desk, c.next(), "email", "critical", "immediate", 1))
	ok(t, i.Validate())
}

func TestIncidentInStore(t *testing.T) {
	c := &clock{}
	st := NewMemStore()
	svc := newService(t)
	ok(t, st.Put(svc))
	ci := newCI(t, c)
	ci.Services, ci.Changes, ci.Links = nil, nil, nil
	ci.History = slices.DeleteFunc(ci.History, func(e Event) bool { return e.Action == ActionLinked })
	ok(t, st.Put(ci))

	inc := NewIncident("mail down", desk, c.next())
	inc.Description = "no mail"
	ok(t, inc.Classify(desk, c.next(), "email", LevelHigh, LevelHigh, 1))
	ok(t, inc.SetService(desk, c.next(), svc.ID))
	ok(t, inc.Affect(desk, c.next(), ci.ID))
	ok(t, st.Put(inc))

	// Work on a copy, then store it: the history only grows.
	cp, err := Copy(inc)
	ok(t, err)
	ok(t, cp.Assign(desk, c.next(), "messaging", ""))
	ok(t, st.Put(cp))
	got, err := st.Get(inc.ID)
	ok(t, err)
	if got.(*Incident).State() != IncidentAssigned {
		t.Fatalf("stored state: got %s, want %s", got.(*Incident).State(), IncidentAssigned)
	}
	var from []RecordKind
	for b, err := range st.LinksTo(svc.ID) {
		ok(t, err)
		from = append(from, b.Kind)
	}
	if !slices.Equal(from, []RecordKind{KindIncident}) {
		t.Fatalf("links to the service: got %v, want one from an incident", from)
	}
	// Putting the older copy back would rewrite history.
	if err := st.Put(inc); !errors.Is(err, ErrHistoryRewritten) {
		t.Fatalf("got %v, want ErrHistoryRewritten", err)
	}
}

func TestIncidentReassignReclassify(t *testing.T) {
	c := &clock{}
	i := newIncident(t, c)
	refused(t, i, ErrPrecondition, func() error { return i.Reassign(desk, c.next(), "network", "") })
	ok(t, i.Assign(desk, c.next(), "messaging", "sam"))
	refused(t, i, ErrPrecondition, func() error { return i.Reassign(desk, c.next(), "", "") })
	refused(t, i, ErrPrecondition, func() error { return i.Reassign(desk, c.next(), "messaging", "sam") })
	ok(t, i.Reassign(desk, c.next(), "network", "nia"))
	last := i.History[len(i.History)-1]
	if i.AssigneeGroup != "network" || last.Field != "assignee" || last.From != "sam" || last.To != "nia" {
		t.Fatalf("got group %q, last entry %+v", i.AssigneeGroup, last)
	}
	ok(t, i.Classify(desk, c.next(), "network", LevelHigh, LevelHigh, 1))
	if i.Priority != 1 || i.Category != "network" {
		t.Fatalf("got %s %q", i.Priority, i.Category)
	}
	ok(t, i.Resolve(desk, c.next(), "fixed"))
	ok(t, i.Close(desk, c.next()))
	refused(t, i, ErrPrecondition, func() error { return i.Classify(desk, c.next(), "x", LevelLow, LevelLow, 4) })
	refused(t, i, ErrPrecondition, func() error { return i.Reassign(desk, c.next(), "g", "") })
}
