package process

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"
)

var updateSeeds = flag.Bool("update-seeds", false, "rewrite testdata/fuzz/FuzzDecodeRecord from the examples of every kind")

// TestFuzzSeeds writes, with -update-seeds, the seed corpus of
// FuzzDecodeRecord: one valid record of every kind of Clauses 8–9 and the
// service. Without the flag it checks that the committed seeds decode and
// validate.
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
	if len(entries) < len(everyKind(t)) {
		t.Fatalf("got %d seeds, want one per kind (%d)", len(entries), len(everyKind(t)))
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			ok(t, err)
			var s string
			if _, err := fmt.Sscanf(string(b), "go test fuzz v1\n[]byte(%q)\n", &s); err != nil {
				t.Fatalf("seed %s: %v", e.Name(), err)
			}
			r, err := Decode([]byte(s))
			ok(t, err)
			ok(t, r.Validate())
			if string(r.Meta().Kind) != e.Name() {
				t.Fatalf("got kind %s, want %s", r.Meta().Kind, e.Name())
			}
		})
	}
}

// FuzzDecodeRecord decodes any input as a record, validates it and tries
// every move of its type with a few actors and times. Nothing may panic,
// and every refused move must leave the record as it was.
func FuzzDecodeRecord(f *testing.F) {
	f.Add([]byte(`{"kind":"incident"}`))
	f.Add([]byte(`{"kind":"request-for-change","status":"assessed","class":"emergency","approvals":[{"by":"a"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Decode(data)
		if err != nil {
			return
		}
		_ = r.Validate()
		_, _ = json.Marshal(r)
		base := r.Meta().Updated
		if base.IsZero() {
			base = t0
		}
		actors := []Actor{{}, nobody, allRole, {Name: r.Meta().Title, Roles: allRole.Roles}}
		times := []time.Time{{}, base.Add(-time.Hour), base.Add(time.Minute), base.Add(time.Hour)}
		for _, by := range actors {
			for _, at := range times {
				for i, move := range moves(r, by, at) {
					before := clone(r)
					if err := move(); err != nil && !reflect.DeepEqual(before, r) {
						t.Fatalf("move %d of %T by %q at %v refused (%v) but changed the record", i, r, by.Name, at, err)
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

// moves returns every move and change method of r's type, bound to by and
// at with plausible arguments.
func moves(r Record, by Actor, at time.Time) []func() error {
	id := r.Meta().ID
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
		for _, s := range CILifecycle().States() {
			fs = append(fs, func() error { return r.Move(by, at, s, ID{}) }, func() error { return r.Move(by, at, s, NewID()) })
		}
		return fs
	case *RequestForChange:
		pol := &ChangePolicy{Header: NewHeader(KindChangePolicy, "p", by, t0), RequiredApprovals: 1,
			StandardChanges: []StandardChange{{Code: r.Model, Description: "d"}}}
		pir := &PostImplementationReview{Header: NewHeader(KindPostImplementationReview, "p", by, t0),
			Change: id, Held: t0, Reviewers: []string{"x", by.Name}, Findings: "f"}
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
	}
	return nil
}
