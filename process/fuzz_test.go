package process

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

var updateSeeds = flag.Bool("update-seeds", false, "rewrite testdata/fuzz/FuzzDecodeRecord from the examples of every kind")

// edgeSeeds are the committed seeds of FuzzDecodeRecord that are not one
// valid record of the kind they are named after: a record in a later state
// (which need not validate), or an input decoding refuses with err.
var edgeSeeds = map[string]struct {
	kind   RecordKind
	status string
	err    error
}{
	"bad-enum":                       {err: ErrInvalidValue},
	"complaint-actioned":             {kind: KindComplaint, status: string(ComplaintActioned)},
	"contract-dispute-investigating": {kind: KindContractDispute, status: string(DisputeInvestigating)},
	"security-policy-approved":       {kind: KindSecurityPolicy, status: string(SecurityPolicyApproved)},
	"service-plan-tested":            {kind: KindServicePlan, status: string(PlanTested)},
	"sla-in-force":                   {kind: KindSLA, status: string(AgreementInForce)},
}

// TestFuzzSeeds writes, with -update-seeds, the seed corpus of
// FuzzDecodeRecord: one valid record of every kind of package process, from
// everyKind. Without the flag it checks that every kind has its seed, that
// the seeds named after a kind decode as a valid record of that kind, and
// that the edge seeds decode as they should.
func TestFuzzSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzDecodeRecord")
	if *updateSeeds {
		ok(t, os.MkdirAll(dir, 0o755))
		for _, r := range everyKind(t) {
			data, err := json.Marshal(r)
			ok(t, err)
			body := "go test fuzz v1\n[]byte(" + strconv.Quote(string(data)) + ")\n"
			ok(t, os.WriteFile(filepath.Join(dir, string(r.Meta().Kind)), []byte(body), 0o644))
		}
	}
	entries, err := os.ReadDir(dir)
	ok(t, err)
	seeds := map[string]bool{}
	for _, e := range entries {
		seeds[e.Name()] = true
		t.Run(e.Name(), func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			ok(t, err)
			var s string
			if _, err := fmt.Sscanf(string(b), "go test fuzz v1\n[]byte(%q)\n", &s); err != nil {
				t.Fatalf("seed %s: %v", e.Name(), err)
			}
			r, err := Decode([]byte(s))
			edge, isEdge := edgeSeeds[e.Name()]
			switch {
			case isEdge && edge.err != nil:
				if !errors.Is(err, edge.err) {
					t.Fatalf("got %v, want an error matching %v", err, edge.err)
				}
			case isEdge:
				ok(t, err)
				if r.Meta().Kind != edge.kind || r.Meta().Status != edge.status {
					t.Fatalf("got a %s %s, want a %s %s", r.Meta().Status, r.Meta().Kind, edge.status, edge.kind)
				}
			default:
				ok(t, err)
				ok(t, r.Validate())
				if string(r.Meta().Kind) != e.Name() {
					t.Fatalf("got kind %s, want %s", r.Meta().Kind, e.Name())
				}
			}
		})
	}
	for _, k := range processKinds() {
		if !seeds[string(k)] {
			t.Errorf("kind %s has no seed", k)
		}
	}
	for name := range edgeSeeds {
		if !seeds[name] {
			t.Errorf("edge seed %s is missing", name)
		}
	}
}

// FuzzDecodeRecord decodes any input as a record and validates it. It then
// tries each move of its type on a fresh copy, by an actor with every role
// at a time after the record's history: a refused move must leave the
// record's JSON as it was, an accepted one a record that encodes. Last it
// tries every move in turn with a few actors and times: a refused move must
// leave the record as it was. Nothing may panic.
func FuzzDecodeRecord(f *testing.F) {
	f.Add([]byte(`{"kind":"incident"}`))
	f.Add([]byte(`{"kind":"request-for-change","status":"assessed","class":"emergency","approvals":[{"by":"a"}]}`))
	f.Add([]byte(`{"kind":"sla","status":"in-force","targets":[{"kind":"availability","value":"101"}]}`))
	f.Add([]byte(`{"kind":"complaint","status":"recorded","due":"2026-01-01T00:00:00Z"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Decode(data)
		if err != nil {
			return
		}
		_ = r.Validate()
		if enc, err := json.Marshal(r); err == nil {
			late := t0.AddDate(5, 0, 0)
			if h := r.Meta().History; len(h) > 0 && h[len(h)-1].At.After(late) {
				late = h[len(h)-1].At
			}
			for i := range len(moves(r, allRole, late)) {
				fresh, err := Decode(enc)
				if err != nil {
					t.Fatalf("re-decode: %v", err)
				}
				if err := moves(fresh, allRole, late)[i](); err != nil {
					after, merr := json.Marshal(fresh)
					if merr != nil {
						t.Fatalf("marshal after refused move %d: %v", i, merr)
					}
					if !bytes.Equal(enc, after) {
						t.Fatalf("move %d refused (%v) but changed the record:\n%s\n%s", i, err, enc, after)
					}
					continue
				}
				_ = fresh.Validate()
				if _, err := json.Marshal(fresh); err != nil {
					t.Fatalf("marshal after move %d: %v", i, err)
				}
			}
		}
		base := r.Meta().Updated
		if base.IsZero() {
			base = t0
		}
		actors := []Actor{{}, nobody, allRole, {ID: r.Meta().Title, Roles: allRole.Roles}}
		times := []time.Time{{}, base.Add(-time.Hour), base.Add(time.Minute), base.Add(time.Hour)}
		for _, by := range actors {
			for _, at := range times {
				for i, move := range moves(r, by, at) {
					before := clone(r)
					if err := move(); err != nil && !reflect.DeepEqual(before, r) {
						t.Fatalf("move %d of %T by %q at %v refused (%v) but changed the record", i, r, by.ID, at, err)
					}
				}
			}
		}
		_ = r.Validate()
		if out, err := json.Marshal(r); err == nil {
			if _, err := Decode(out); err != nil {
				t.Fatalf("re-decoding a record that encoded: %v", err)
			}
		}
	})
}

// moves returns every move, change method and helper of r's type, bound to
// by and at with plausible arguments.
func moves(r Record, by Actor, at time.Time) []func() error {
	id, change := r.Meta().ID, NewID()
	switch r := r.(type) {
	case *Service:
		return []func() error{
			func() error { return r.GoLive(by, at) },
			func() error { return r.Retire(by, at, "x") },
			func() error { return r.Retire(by, at, "") },
		}
	case *Incident:
		fs := []func() error{
			func() error { return r.Classify(by, at, "c", LevelHigh, LevelLow, 2) },
			func() error { return r.SetService(by, at, NewID()) },
			func() error { return r.Affect(by, at, NewID()) },
			func() error { return r.Assign(by, at, "g", "a") },
			func() error { return r.Assign(by, at, "", "") },
			func() error { return r.Reassign(by, at, "h", "b") },
			func() error { return r.Start(by, at) },
			func() error { return r.Resume(by, at) },
			func() error { return r.Resolve(by, at, "fixed") },
			func() error { return r.Resolve(by, at, "") },
			func() error { return r.Reopen(by, at, "again") },
			func() error { return r.DeclareMajor(by, at, "mika", "s") },
			func() error { return r.AcknowledgeNotice(by, at) },
			func() error { return r.Link(by, at, LinkReviewedBy, NewID(), KindMajorIncidentReview) },
			func() error { return r.Close(by, at) },
			func() error { return r.Cancel(by, at, "dup") },
		}
		for _, reason := range []PendingReason{PendingCustomer, PendingChange, "", "x"} {
			fs = append(fs, func() error { return r.Pend(by, at, reason) })
		}
		return fs
	case *ServiceRequest:
		return []func() error{
			func() error { return r.SetService(by, at, NewID()) },
			func() error { return r.Approve(by, at) },
			func() error { return r.Reject(by, at, "no") },
			func() error { return r.Fulfil(by, at, "g") },
			func() error { return r.Fulfil(by, at, "") },
			func() error { return r.Pend(by, at, PendingSupplier) },
			func() error { return r.Pend(by, at, "x") },
			func() error { return r.Complete(by, at, "done") },
			func() error { return r.Close(by, at) },
			func() error { return r.Cancel(by, at, "x") },
		}
	case *Problem:
		ke := NewKnownError("k", id, "cause", "workaround", by, at)
		return []func() error{
			func() error { return r.Classify(by, at, "c", LevelLow, LevelLow, 3) },
			func() error { return r.AddService(by, at, NewID()) },
			func() error { return r.Affect(by, at, NewID()) },
			func() error { return r.RequireChange(by, at, NewID()) },
			func() error { return r.Investigate(by, at) },
			func() error { return r.Identify(by, at, nil) },
			func() error { return r.Identify(by, at, ke) },
			func() error { return r.Resolve(by, at, "fixed") },
			func() error { return r.Close(by, at, "effective") },
			func() error { return r.Cancel(by, at, "x") },
		}
	case *KnownError:
		return []func() error{
			func() error { return r.Affect(by, at, NewID()) },
			func() error { return r.AwaitFix(by, at, NewID()) },
			func() error { return r.AwaitFix(by, at, ID{}) },
			func() error { return r.Reopen(by, at, "x") },
			func() error { return r.Retire(by, at, "x") },
		}
	case *ConfigurationItem:
		fs := []func() error{
			func() error { return r.Update(by, at, CIVersion, "2", ID{}) },
			func() error { return r.Update(by, at, CILocation, "x", NewID()) },
			func() error { return r.Update(by, at, "colour", "x", NewID()) },
			func() error { return r.Relate(by, at, RelationDependsOn, NewID()) },
			func() error { return r.Relate(by, at, "x", id) },
			func() error { return r.AddService(by, at, NewID()) },
			func() error { return r.AddChange(by, at, NewID()) },
		}
		for _, s := range ciLifecycle.States() {
			fs = append(fs, func() error { return r.Move(by, at, s, ID{}) }, func() error { return r.Move(by, at, s, NewID()) })
		}
		return fs
	case *RequestForChange:
		pol := &ChangePolicy{Header: NewHeader(KindChangePolicy, "p", by, t0), RequiredApprovals: 1,
			StandardChanges: []StandardChange{{Code: r.Model, Description: "d"}}}
		pir := &PostImplementationReview{Header: NewHeader(KindPostImplementationReview, "p", by, t0),
			Change: id, Held: t0, Reviewers: []string{"x", by.ID}, Findings: "f"}
		w := Window{Start: at, End: at.Add(time.Hour)}
		return []func() error{
			func() error { return r.AddService(by, at, NewID()) },
			func() error { return r.Affect(by, at, NewID()) },
			func() error { return r.Assess(by, at, assessment) },
			func() error { return r.Assess(by, at, Assessment{}) },
			func() error { return r.Approve(by, at, DecisionApprove, "") },
			func() error { return r.Approve(by, at, DecisionReject, "") },
			func() error { return r.Authorise(by, at, nil) },
			func() error { return r.Authorise(by, at, pol) },
			func() error { return r.AuthoriseEmergency(by, at) },
			func() error { return r.Schedule(by, at, w, pol) },
			func() error { return r.Schedule(by, at, Window{}, nil) },
			func() error { return r.Implement(by, at) },
			func() error { return r.Complete(by, at, "ok") },
			func() error { return r.Fail(by, at, "bad") },
			func() error { return r.BackOut(by, at, "restored") },
			func() error { return r.Review(by, at, pir) },
			func() error { return r.Review(by, at, nil) },
			func() error { return r.Close(by, at) },
			func() error { return r.Reject(by, at, "no") },
			func() error { return r.Cancel(by, at, "x") },
		}
	case *ScheduleOfChange:
		rfc := NewRequestForChange("c", ChangeNormal, by, t0)
		rfc.Status, rfc.Window = string(ChangeScheduled), Window{Start: at, End: at.Add(time.Hour)}
		return []func() error{
			func() error { return r.Add(by, at, rfc) },
			func() error { return r.Add(by, at, nil) },
			func() error {
				return r.AddBlackout(by, at, Blackout{Window: Window{Start: at, End: at.Add(time.Hour)}, Reason: "x"})
			},
			func() error { return r.Communicate(by, at, []string{"x"}) },
		}
	case *Release:
		test := &ReleaseAcceptanceTest{Header: NewHeader(KindReleaseAcceptanceTest, "t", by, t0), Release: id,
			Environment: "e", Tester: "t", Tested: t0}
		for _, c := range r.AcceptanceCriteria {
			test.Results = append(test.Results, TestResult{Criterion: c.Code, Passed: true})
		}
		bl := &ConfigurationBaseline{Header: NewHeader(KindConfigurationBaseline, "b", by, t0), Release: id, Taken: t0}
		ci := NewID()
		bl.Items = []BaselineItem{{CI: ci, Version: "1"}}
		bl.Links = []Link{{Type: LinkIncludes, To: ci, Kind: KindConfigurationItem}}
		pdr := &PostDeploymentReview{Header: NewHeader(KindPostDeploymentReview, "r", by, t0), Release: id,
			Period: Window{Start: t0, End: t0.Add(time.Hour)}, Held: t0, Reviewers: []string{"x"}, Findings: "f"}
		return []func() error{
			func() error { return r.AddChange(by, at, NewID()) },
			func() error { return r.Fix(by, at, NewID(), KindProblem) },
			func() error { return r.Carry(by, at, NewID()) },
			func() error { return r.Build(by, at) },
			func() error { return r.Test(by, at) },
			func() error { return r.Link(by, at, LinkTestedBy, test.ID, KindReleaseAcceptanceTest) },
			func() error { return r.Accept(by, at, test) },
			func() error { return r.Accept(by, at, nil) },
			func() error { return r.Deploy(by, at, bl) },
			func() error { return r.Deploy(by, at, nil) },
			func() error { return r.Complete(by, at) },
			func() error { return r.Fail(by, at, "x") },
			func() error { return r.Review(by, at, pdr) },
			func() error { return r.Close(by, at) },
			func() error { return r.Cancel(by, at, "x") },
		}
	case *Deployment:
		return []func() error{
			func() error { return r.Start(by, at) },
			func() error { return r.Succeed(by, at, "i", "o") },
			func() error { return r.Fail(by, at, "x") },
			func() error { return r.RollBack(by, at, "x") },
		}
	case *CIType:
		return []func() error{func() error { return r.Check(&ConfigurationItem{}) }}
	case *ConfigurationBaseline:
		return []func() error{func() error { r.Version(NewID()); return nil }}
	case *ConfigurationAudit:
		return []func() error{func() error { r.Open(); return nil }}
	// The records of Clauses 5 to 7.
	case *ServicePlan:
		test := NewServiceAcceptanceTest("acceptance", "staging", atHour(10), nobody, t0)
		test.Results = []CriterionResult{{Criterion: NewID(), Met: true, Evidence: "probe log"}}
		report := NewTransitionReport("transition", atHour(48), nobody, t0)
		report.Outcomes = []OutcomeResult{{Measure: "availability", Expected: "99.5%", Achieved: "99.7%", Met: true}}
		return []func() error{
			func() error { return r.Plan(by, at, "") },
			func() error { return r.Design(by, at, "") },
			func() error { return r.Build(by, at, "") },
			func() error { return r.Test(by, at, nil, "") },
			func() error { return r.Test(by, at, test, "") },
			func() error { return r.Accept(by, at, test, "") },
			func() error { return r.Review(by, at, report, "") },
			func() error { return r.Reject(by, at, "") },
			func() error { return r.Withdraw(by, at, "") },
		}
	case *SLA:
		terms := r.AgreementTerms
		return []func() error{
			func() error { return r.Agree(by, at, "") },
			func() error { return r.Enforce(by, at, "") },
			func() error { return r.Review(by, at, "") },
			func() error { return r.Retire(by, at, "") },
			func() error { return r.Amend(by, at, terms, ID{}, "") },
			func() error { return r.Amend(by, at, terms, change, "") },
			func() error {
				_, err := MeasureTarget(r.ID, &r.AgreementTerms, "availability", at, at, decimal.NewFromInt(99), by, at)
				return err
			},
		}
	case *OLA:
		terms := r.AgreementTerms
		return []func() error{
			func() error { return r.Agree(by, at, "") },
			func() error { return r.Enforce(by, at, "") },
			func() error { return r.Review(by, at, "") },
			func() error { return r.Retire(by, at, "") },
			func() error { return r.Amend(by, at, terms, change, "") },
		}
	case *SecurityPolicy:
		return []func() error{
			func() error { return r.Approve(by, at, "") },
			func() error { return r.Communicate(by, at, []string{"staff"}, "") },
			func() error { return r.Supersede(by, at, "") },
		}
	case *Complaint:
		return []func() error{
			func() error { return r.Investigate(by, at, "") },
			func() error { return r.Act(by, at, "f", []string{"a"}) },
			func() error { return r.Report(by, at, []string{"c"}, "") },
			func() error { return r.Close(by, at, "r") },
			func() error { r.Overdue(at); return r.Escalate(by, at, "boss", "") },
		}
	case *ContractDispute:
		return []func() error{
			func() error { return r.Investigate(by, at, "") },
			func() error { return r.Act(by, at, "f", []string{"a"}) },
			func() error { return r.Close(by, at, "r") },
		}
	case *ServiceReport:
		return []func() error{func() error {
			return r.Decide(by, at, ReportDecision{Decision: "d", CommunicatedTo: []string{"c"}})
		}}
	case *ServiceCatalogue:
		return []func() error{func() error {
			for _, e := range r.Entries {
				r.Dependencies(e.Service)
				r.Entry(e.Service)
			}
			return nil
		}}
	case *ContinuityPlan:
		return []func() error{func() error {
			r.RetestNeeded(nil, []MajorServiceChange{{Change: change, Service: firstID(r.Services), At: at}})
			return nil
		}}
	case *AvailabilityPlan:
		return []func() error{func() error {
			r.RetestNeeded(nil, []MajorServiceChange{{Change: change, Service: firstID(r.Services), At: at}})
			return nil
		}}
	case *ServiceAcceptanceTest:
		return []func() error{func() error { r.Unmet([]ID{change}); return nil }}
	case *TransitionReport:
		return []func() error{func() error { r.Shortfalls(); return nil }}
	case *PlanTest:
		return []func() error{func() error { r.Passed(); return nil }}
	case *AvailabilityMeasurement:
		return []func() error{func() error { r.Met(); return nil }}
	case *ServiceReview:
		return []func() error{func() error { r.NextDue(); return nil }}
	case *SupplierReview:
		return []func() error{func() error { r.NextDue(); return nil }}
	}
	return nil
}

// firstID returns the first of ids, or the zero ID.
func firstID(ids []ID) ID {
	if len(ids) == 0 {
		return ID{}
	}
	return ids[0]
}
