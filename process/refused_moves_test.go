package process

import (
	"reflect"
	"testing"
	"time"
)

// namedMove is one move or change method of a record, bound to the record:
// good calls it with plausible input, bad with input it refuses whoever
// calls it and whatever state the record is in.
type namedMove struct {
	name string
	good func(by Actor, at time.Time) error
	bad  func(by Actor, at time.Time) error
}

// moveSubject is a record type whose moves the tests drive from every
// state: at returns a fresh record in a state (put there by [reach]),
// moves its methods, can the role its lifecycle asks for a move.
type moveSubject struct {
	name   string
	states []string
	at     func(t *testing.T, state string) Record
	moves  func(r Record) []namedMove
	can    func(from, to string) (Role, bool)
}

// beforeHistory is a time before every record's history in these tests.
var beforeHistory = t0.Add(-time.Hour)

// lifecycleStates returns the states of l as strings, less those in except.
func lifecycleStates[S ~string](l *Lifecycle[S], except ...S) []string {
	var out []string
	for _, s := range l.States() {
		skip := false
		for _, e := range except {
			skip = skip || s == e
		}
		if !skip {
			out = append(out, string(s))
		}
	}
	return out
}

// canOf returns l.Can on strings.
func canOf[S ~string](l *Lifecycle[S]) func(from, to string) (Role, bool) {
	return func(from, to string) (Role, bool) { return l.Can(S(from), S(to)) }
}

// moveSubjects are the record types of the trust review, each from its
// initial state (and the variants whose rules differ: a major incident, a
// request that needs approval, each class of change).
func moveSubjects() []moveSubject {
	incident := func(major bool) func(t *testing.T, st string) Record {
		return func(t *testing.T, st string) Record {
			c := &clock{}
			i := newIncident(t, c)
			if major {
				ok(t, i.Assign(im, c.next(), "mail team", ""))
				ok(t, i.DeclareMajor(im, c.next(), "mika", "mail down for all"))
			}
			reach(incidentLifecycle, &i.Header, IncidentState(st))
			return i
		}
	}
	request := func(approval bool) func(t *testing.T, st string) Record {
		return func(t *testing.T, st string) Record {
			c := &clock{}
			r := newServiceRequest(t, c)
			if approval {
				ok(t, Set(r, "needsApproval", &r.NeedsApproval, true, ID{}, "", im, c.next()))
			}
			reach(requestLifecycle, &r.Header, ServiceRequestState(st))
			return r
		}
	}
	change := func(class ChangeClass) func(t *testing.T, st string) Record {
		return func(t *testing.T, st string) Record {
			c := &clock{}
			r := newRFC(t, class, c)
			if class == ChangeEmergency {
				ok(t, Set(r, "backoutPlan", &r.BackoutPlan, "revert", ID{}, "", desk, c.next()))
			}
			reach(changeLifecycle, &r.Header, ChangeState(st))
			return r
		}
	}
	return []moveSubject{
		{"incident", lifecycleStates(incidentLifecycle), incident(false), incidentMoves, canOf(incidentLifecycle)},
		{"major incident", lifecycleStates(incidentLifecycle, IncidentNew), incident(true), incidentMoves, canOf(incidentLifecycle)},
		{"service request", lifecycleStates(requestLifecycle), request(false), requestMoves, canOf(requestLifecycle)},
		{"service request needing approval", lifecycleStates(requestLifecycle), request(true), requestMoves, canOf(requestLifecycle)},
		{"problem", lifecycleStates(problemLifecycle), func(t *testing.T, st string) Record {
			p := newProblem(t, &clock{})
			reach(problemLifecycle, &p.Header, ProblemState(st))
			return p
		}, problemMoves, canOf(problemLifecycle)},
		{"known error", lifecycleStates(knownErrorLifecycle), func(t *testing.T, st string) Record {
			k := newKnownError(t, NewID(), &clock{})
			reach(knownErrorLifecycle, &k.Header, KnownErrorState(st))
			return k
		}, knownErrorMoves, canOf(knownErrorLifecycle)},
		{"normal change", lifecycleStates(changeLifecycle), change(ChangeNormal), changeMoves, canOf(changeLifecycle)},
		{"emergency change", lifecycleStates(changeLifecycle), change(ChangeEmergency), changeMoves, canOf(changeLifecycle)},
		{"standard change", lifecycleStates(changeLifecycle), change(ChangeStandard), changeMoves, canOf(changeLifecycle)},
		{"release", lifecycleStates(releaseLifecycle), func(t *testing.T, st string) Record {
			r := newRelease(t, &clock{})
			reach(releaseLifecycle, &r.Header, ReleaseState(st))
			return r
		}, releaseMoves, canOf(releaseLifecycle)},
	}
}

func incidentMoves(rec Record) []namedMove {
	i := rec.(*Incident)
	return []namedMove{
		{"classify",
			func(by Actor, at time.Time) error { return i.Classify(by, at, "db", LevelLow, LevelLow, 4) },
			func(by Actor, at time.Time) error { return i.Classify(by, at, " ", LevelLow, LevelLow, 4) }},
		{"set service",
			func(by Actor, at time.Time) error { return i.SetService(by, at, NewID()) },
			func(by Actor, at time.Time) error { return i.SetService(by, at, ID{}) }},
		{"affect",
			func(by Actor, at time.Time) error { return i.Affect(by, at, NewID()) },
			func(by Actor, at time.Time) error { return i.Affect(by, at, ID{}) }},
		{"assign",
			func(by Actor, at time.Time) error { return i.Assign(by, at, "network", "ines") },
			func(by Actor, at time.Time) error { return i.Assign(by, at, " ", "ines") }},
		{"reassign",
			func(by Actor, at time.Time) error { return i.Reassign(by, at, "db team", "bob") },
			func(by Actor, at time.Time) error { return i.Reassign(by, at, "", "bob") }},
		{"start",
			func(by Actor, at time.Time) error { return i.Start(by, at) },
			func(by Actor, at time.Time) error { return i.Start(by, beforeHistory) }},
		{"reopen",
			func(by Actor, at time.Time) error { return i.Reopen(by, at, "still down") },
			func(by Actor, at time.Time) error { return i.Reopen(by, at, "") }},
		{"pend",
			func(by Actor, at time.Time) error { return i.Pend(by, at, PendingCustomer) },
			func(by Actor, at time.Time) error { return i.Pend(by, at, "later") }},
		{"resume",
			func(by Actor, at time.Time) error { return i.Resume(by, at) },
			func(by Actor, at time.Time) error { return i.Resume(by, beforeHistory) }},
		{"resolve",
			func(by Actor, at time.Time) error { return i.Resolve(by, at, "restarted") },
			func(by Actor, at time.Time) error { return i.Resolve(by, at, "\t") }},
		{"close",
			func(by Actor, at time.Time) error { return i.Close(by, at) },
			func(by Actor, at time.Time) error { return i.Close(by, beforeHistory) }},
		{"cancel",
			func(by Actor, at time.Time) error { return i.Cancel(by, at, "duplicate") },
			func(by Actor, at time.Time) error { return i.Cancel(by, at, "") }},
		{"declare major",
			func(by Actor, at time.Time) error { return i.DeclareMajor(by, at, "mika", "all mail down") },
			func(by Actor, at time.Time) error { return i.DeclareMajor(by, at, "", "all mail down") }},
		{"acknowledge notice",
			func(by Actor, at time.Time) error { return i.AcknowledgeNotice(by, at) },
			func(by Actor, at time.Time) error { return i.AcknowledgeNotice(by, beforeHistory) }},
		{"link review",
			func(by Actor, at time.Time) error {
				return i.Link(by, at, LinkReviewedBy, NewID(), KindMajorIncidentReview)
			},
			func(by Actor, at time.Time) error {
				return i.Link(by, at, LinkReviewedBy, NewID(), KindPostImplementationReview)
			}},
		{"unlink service",
			func(by Actor, at time.Time) error { return i.Unlink(by, at, LinkService, i.Service) },
			func(by Actor, at time.Time) error { return i.Unlink(by, at, LinkService, NewID()) }},
		{"note",
			func(by Actor, at time.Time) error { return i.Note(by, at, "customer called") },
			func(by Actor, at time.Time) error { return i.Note(by, at, "") }},
		{"set priority",
			func(by Actor, at time.Time) error {
				return Set(i, "priority", &i.Priority, 1, ID{}, "escalated by the customer", by, at)
			},
			func(by Actor, at time.Time) error { return Set(i, "status", &i.Status, "closed", ID{}, "", by, at) }},
	}
}

func requestMoves(rec Record) []namedMove {
	r := rec.(*ServiceRequest)
	return []namedMove{
		{"set service",
			func(by Actor, at time.Time) error { return r.SetService(by, at, NewID()) },
			func(by Actor, at time.Time) error { return r.SetService(by, at, ID{}) }},
		{"approve",
			func(by Actor, at time.Time) error { return r.Approve(by, at) },
			func(by Actor, at time.Time) error { return r.Approve(by, beforeHistory) }},
		{"reject",
			func(by Actor, at time.Time) error { return r.Reject(by, at, "no budget") },
			func(by Actor, at time.Time) error { return r.Reject(by, at, " ") }},
		{"fulfil",
			func(by Actor, at time.Time) error { return r.Fulfil(by, at, "desk") },
			func(by Actor, at time.Time) error { return r.Fulfil(by, beforeHistory, "desk") }},
		{"pend",
			func(by Actor, at time.Time) error { return r.Pend(by, at, PendingSupplier) },
			func(by Actor, at time.Time) error { return r.Pend(by, at, "soon") }},
		{"complete",
			func(by Actor, at time.Time) error { return r.Complete(by, at, "laptop delivered") },
			func(by Actor, at time.Time) error { return r.Complete(by, at, "") }},
		{"close",
			func(by Actor, at time.Time) error { return r.Close(by, at) },
			func(by Actor, at time.Time) error { return r.Close(by, beforeHistory) }},
		{"cancel",
			func(by Actor, at time.Time) error { return r.Cancel(by, at, "no longer needed") },
			func(by Actor, at time.Time) error { return r.Cancel(by, at, "") }},
		{"set needs approval",
			func(by Actor, at time.Time) error {
				return Set(r, "needsApproval", &r.NeedsApproval, !r.NeedsApproval, ID{}, "", by, at)
			},
			func(by Actor, at time.Time) error {
				return Set(r, "requester", &r.Requester, "mallory", ID{}, "", by, at)
			}},
	}
}

func problemMoves(rec Record) []namedMove {
	p := rec.(*Problem)
	return []namedMove{
		{"classify",
			func(by Actor, at time.Time) error { return p.Classify(by, at, "storage", LevelHigh, LevelHigh, 1) },
			func(by Actor, at time.Time) error { return p.Classify(by, at, "storage", "", LevelHigh, 1) }},
		{"add service",
			func(by Actor, at time.Time) error { return p.AddService(by, at, NewID()) },
			func(by Actor, at time.Time) error { return p.AddService(by, at, ID{}) }},
		{"affect",
			func(by Actor, at time.Time) error { return p.Affect(by, at, NewID()) },
			func(by Actor, at time.Time) error { return p.Affect(by, at, ID{}) }},
		{"require change",
			func(by Actor, at time.Time) error { return p.RequireChange(by, at, NewID()) },
			func(by Actor, at time.Time) error { return p.RequireChange(by, at, ID{}) }},
		{"investigate",
			func(by Actor, at time.Time) error { return p.Investigate(by, at) },
			func(by Actor, at time.Time) error { return p.Investigate(by, beforeHistory) }},
		{"identify",
			func(by Actor, at time.Time) error {
				return p.Identify(by, at, NewKnownError("k", p.ID, "no quota", "purge", pm, t0))
			},
			func(by Actor, at time.Time) error { return p.Identify(by, at, nil) }},
		{"resolve",
			func(by Actor, at time.Time) error { return p.Resolve(by, at, "quota set") },
			func(by Actor, at time.Time) error { return p.Resolve(by, at, "") }},
		{"close",
			func(by Actor, at time.Time) error { return p.Close(by, at, "no recurrence in a month") },
			func(by Actor, at time.Time) error { return p.Close(by, at, "") }},
		{"cancel",
			func(by Actor, at time.Time) error { return p.Cancel(by, at, "duplicate") },
			func(by Actor, at time.Time) error { return p.Cancel(by, at, "") }},
	}
}

func knownErrorMoves(rec Record) []namedMove {
	k := rec.(*KnownError)
	return []namedMove{
		{"affect",
			func(by Actor, at time.Time) error { return k.Affect(by, at, NewID()) },
			func(by Actor, at time.Time) error { return k.Affect(by, at, ID{}) }},
		{"await fix",
			func(by Actor, at time.Time) error { return k.AwaitFix(by, at, NewID()) },
			func(by Actor, at time.Time) error { return k.AwaitFix(by, at, ID{}) }},
		{"reopen",
			func(by Actor, at time.Time) error { return k.Reopen(by, at, "fix abandoned") },
			func(by Actor, at time.Time) error { return k.Reopen(by, at, "") }},
		{"retire",
			func(by Actor, at time.Time) error { return k.Retire(by, at, "fixed by R1") },
			func(by Actor, at time.Time) error { return k.Retire(by, at, " ") }},
	}
}

func changeMoves(rec Record) []namedMove {
	c := rec.(*RequestForChange)
	policy := &ChangePolicy{Header: NewHeader(KindChangePolicy, "p", cm, t0), RequiredApprovals: 1,
		ControlledCIs: []ID{NewID()}, MajorImpactCriteria: []string{"x"},
		StandardChanges: []StandardChange{{Code: "add-mailbox", Description: "create a mailbox"}}}
	pir := func() *PostImplementationReview {
		r := NewPostImplementationReview("PIR", c.ID, cm, t0)
		r.Held, r.Reviewers, r.Successful, r.Findings = t0, []string{"carl", "alice"}, true, "fine"
		return r
	}
	return []namedMove{
		{"add service",
			func(by Actor, at time.Time) error { return c.AddService(by, at, NewID()) },
			func(by Actor, at time.Time) error { return c.AddService(by, at, ID{}) }},
		{"affect",
			func(by Actor, at time.Time) error { return c.Affect(by, at, NewID()) },
			func(by Actor, at time.Time) error { return c.Affect(by, at, ID{}) }},
		{"assess",
			func(by Actor, at time.Time) error { return c.Assess(by, at, assessment) },
			func(by Actor, at time.Time) error { return c.Assess(by, at, Assessment{Risk: LevelLow}) }},
		{"approve",
			func(by Actor, at time.Time) error { return c.Approve(by, at, DecisionApprove, "") },
			func(by Actor, at time.Time) error { return c.Approve(by, at, "maybe", "") }},
		{"authorise",
			func(by Actor, at time.Time) error { return c.Authorise(by, at, nil) },
			func(by Actor, at time.Time) error { return c.Authorise(by, beforeHistory, nil) }},
		{"authorise emergency",
			func(by Actor, at time.Time) error { return c.AuthoriseEmergency(by, at) },
			func(by Actor, at time.Time) error { return c.AuthoriseEmergency(by, beforeHistory) }},
		{"schedule",
			func(by Actor, at time.Time) error { return c.Schedule(by, at, window1, policy) },
			func(by Actor, at time.Time) error {
				return c.Schedule(by, at, Window{Start: window1.End, End: window1.Start}, policy)
			}},
		{"implement",
			func(by Actor, at time.Time) error { return c.Implement(by, at) },
			func(by Actor, at time.Time) error { return c.Implement(by, beforeHistory) }},
		{"complete",
			func(by Actor, at time.Time) error { return c.Complete(by, at, "done") },
			func(by Actor, at time.Time) error { return c.Complete(by, at, "") }},
		{"fail",
			func(by Actor, at time.Time) error { return c.Fail(by, at, "broke mail") },
			func(by Actor, at time.Time) error { return c.Fail(by, at, " ") }},
		{"back out",
			func(by Actor, at time.Time) error { return c.BackOut(by, at, "snapshot restored") },
			func(by Actor, at time.Time) error { return c.BackOut(by, at, "") }},
		{"review",
			func(by Actor, at time.Time) error { return c.Review(by, at, pir()) },
			func(by Actor, at time.Time) error { return c.Review(by, at, nil) }},
		{"close",
			func(by Actor, at time.Time) error { return c.Close(by, at) },
			func(by Actor, at time.Time) error { return c.Close(by, beforeHistory) }},
		{"reject",
			func(by Actor, at time.Time) error { return c.Reject(by, at, "too risky") },
			func(by Actor, at time.Time) error { return c.Reject(by, at, "") }},
		{"cancel",
			func(by Actor, at time.Time) error { return c.Cancel(by, at, "withdrawn") },
			func(by Actor, at time.Time) error { return c.Cancel(by, at, "") }},
		{"set description",
			func(by Actor, at time.Time) error {
				return Set(c, "description", &c.Description, "also the archive", ID{}, "", by, at)
			},
			func(by Actor, at time.Time) error {
				return Set(c, "requester", &c.Requester, "mallory", ID{}, "", by, at)
			}},
		{"set implementer",
			func(by Actor, at time.Time) error { return Set(c, "risk", &c.Risk, LevelHigh, ID{}, "", by, at) },
			func(by Actor, at time.Time) error {
				return Set(c, "implementer", &c.Implementer, "mallory", ID{}, "", by, at)
			}},
	}
}

func releaseMoves(rec Record) []namedMove {
	r := rec.(*Release)
	test := func() *ReleaseAcceptanceTest {
		a := NewReleaseAcceptanceTest("acceptance", r.ID, "lab", rm, t0)
		for _, c := range r.AcceptanceCriteria {
			a.Results = append(a.Results, TestResult{Criterion: c.Code, Passed: true})
		}
		return a
	}
	baseline := func() *ConfigurationBaseline {
		ci := NewID()
		b := &ConfigurationBaseline{Header: NewHeader(KindConfigurationBaseline, "before", cfgm, t0), Release: r.ID, Taken: t0,
			Items: []BaselineItem{{CI: ci, Version: "1"}}}
		b.Links = []Link{{Type: LinkIncludes, To: ci, Kind: KindConfigurationItem}}
		return b
	}
	pdr := func() *PostDeploymentReview {
		p := NewPostDeploymentReview("review", r.ID, Window{Start: t0, End: t0.Add(time.Hour)}, rm, t0)
		p.Held, p.Reviewers, p.Findings = t0, []string{"rita"}, "fine"
		return p
	}
	return []namedMove{
		{"add change",
			func(by Actor, at time.Time) error { return r.AddChange(by, at, NewID()) },
			func(by Actor, at time.Time) error { return r.AddChange(by, at, ID{}) }},
		{"fix",
			func(by Actor, at time.Time) error { return r.Fix(by, at, NewID(), KindProblem) },
			func(by Actor, at time.Time) error { return r.Fix(by, at, ID{}, KindProblem) }},
		{"carry",
			func(by Actor, at time.Time) error { return r.Carry(by, at, NewID()) },
			func(by Actor, at time.Time) error { return r.Carry(by, at, ID{}) }},
		{"build",
			func(by Actor, at time.Time) error { return r.Build(by, at) },
			func(by Actor, at time.Time) error { return r.Build(by, beforeHistory) }},
		{"test",
			func(by Actor, at time.Time) error { return r.Test(by, at) },
			func(by Actor, at time.Time) error { return r.Test(by, beforeHistory) }},
		{"link test",
			func(by Actor, at time.Time) error {
				return r.Link(by, at, LinkTestedBy, NewID(), KindReleaseAcceptanceTest)
			},
			func(by Actor, at time.Time) error {
				return r.Link(by, at, LinkTestedBy, ID{}, KindReleaseAcceptanceTest)
			}},
		{"accept",
			func(by Actor, at time.Time) error { return r.Accept(by, at, test()) },
			func(by Actor, at time.Time) error { return r.Accept(by, at, nil) }},
		{"deploy",
			func(by Actor, at time.Time) error { return r.Deploy(by, at, baseline()) },
			func(by Actor, at time.Time) error { return r.Deploy(by, at, nil) }},
		{"complete",
			func(by Actor, at time.Time) error { return r.Complete(by, at) },
			func(by Actor, at time.Time) error { return r.Complete(by, beforeHistory) }},
		{"fail",
			func(by Actor, at time.Time) error { return r.Fail(by, at, "tests failed") },
			func(by Actor, at time.Time) error { return r.Fail(by, at, "") }},
		{"review",
			func(by Actor, at time.Time) error { return r.Review(by, at, pdr()) },
			func(by Actor, at time.Time) error { return r.Review(by, at, nil) }},
		{"close",
			func(by Actor, at time.Time) error { return r.Close(by, at) },
			func(by Actor, at time.Time) error { return r.Close(by, beforeHistory) }},
		{"cancel",
			func(by Actor, at time.Time) error { return r.Cancel(by, at, "descoped") },
			func(by Actor, at time.Time) error { return r.Cancel(by, at, "") }},
		{"set description",
			func(by Actor, at time.Time) error {
				return Set(r, "description", &r.Description, "and more", ID{}, "", by, at)
			},
			func(by Actor, at time.Time) error {
				return Set(r, "acceptedBy", &r.AcceptedBy, "mallory", ID{}, "", by, at)
			}},
	}
}

// refusalVariant is one way of calling a move that may be refused.
type refusalVariant struct {
	name string
	by   Actor
	bad  bool // call the move's bad input
	at   func(r Record) time.Time
	// mustFail says the call is refused in every state.
	mustFail bool
}

var refusalVariants = []refusalVariant{
	{name: "no role", by: nobody, at: afterHistory},
	{name: "bad input", by: allRole, bad: true, at: afterHistory, mustFail: true},
	{name: "time before the history", by: allRole, at: func(Record) time.Time { return beforeHistory }},
	{name: "no time", by: allRole, at: func(Record) time.Time { return time.Time{} }},
	{name: "no actor", by: Actor{Roles: allRole.Roles}, at: afterHistory},
}

// TestRefusedMovesChangeNothing calls every move of every record type of
// the trust review from every state of its lifecycle: by an actor with no
// role, by one with every role and bad input, at a time before the
// history, with no time and with no actor. Whenever a call is refused the
// record must be exactly as it was; bad input is always refused; an actor
// with no role makes no move its lifecycle gives a role; no call made
// before the history or without a time or actor changes anything.
func TestRefusedMovesChangeNothing(t *testing.T) {
	for _, sub := range moveSubjects() {
		t.Run(sub.name, func(t *testing.T) {
			for _, st := range sub.states {
				t.Run(st, func(t *testing.T) {
					n := len(sub.moves(sub.at(t, st)))
					for i := range n {
						name := sub.moves(sub.at(t, st))[i].name
						for _, v := range refusalVariants {
							t.Run(name+"/"+v.name, func(t *testing.T) {
								r := sub.at(t, st)
								m := sub.moves(r)[i]
								call := m.good
								if v.bad {
									call = m.bad
								}
								before := clone(r)
								err := call(v.by, v.at(r))
								changed := !reflect.DeepEqual(before, r)
								if err != nil {
									if changed {
										t.Fatalf("refused (%v) but changed the record:\nbefore %+v\nafter  %+v", err, before, r)
									}
									return
								}
								if v.mustFail {
									t.Fatalf("bad input accepted: %+v", r.Meta().History[len(r.Meta().History)-1])
								}
								if !changed {
									return
								}
								switch v.name {
								case "no role":
									if to := r.Meta().Status; to != st {
										if role, _ := sub.can(st, to); role != "" {
											t.Fatalf("an actor with no role moved %s → %s, which needs %s", st, to, role)
										}
									}
								default:
									t.Fatalf("accepted by %q at %v and changed the record: %+v", v.by.ID, v.at(r), r.Meta().History[len(r.Meta().History)-1])
								}
							})
						}
					}
				})
			}
		})
	}
}
