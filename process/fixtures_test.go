package process

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// Actors of the tests, one per role the rules ask for.
var (
	desk    = Actor{Name: "dana", Roles: []Role{RoleServiceDesk}}
	im      = Actor{Name: "ines", Roles: []Role{RoleIncidentManager}}
	mim     = Actor{Name: "mika", Roles: []Role{RoleMajorIncidentManager}}
	top     = Actor{Name: "tess", Roles: []Role{RoleTopManagement}}
	pm      = Actor{Name: "paul", Roles: []Role{RoleProblemManager}}
	cm      = Actor{Name: "carl", Roles: []Role{RoleChangeManager}}
	cab1    = Actor{Name: "alice", Roles: []Role{RoleChangeAuthority}}
	cab2    = Actor{Name: "bob", Roles: []Role{RoleChangeAuthority}}
	ecab    = Actor{Name: "erin", Roles: []Role{RoleEmergencyAuthority}}
	rm      = Actor{Name: "rita", Roles: []Role{RoleReleaseManager}}
	cust    = Actor{Name: "cora", Roles: []Role{RoleCustomer}}
	cfgm    = Actor{Name: "cfg", Roles: []Role{RoleConfigurationManager}}
	owner   = Actor{Name: "olga", Roles: []Role{RoleServiceOwner}}
	nobody  = Actor{Name: "nick"}
	tz      = time.FixedZone("CET", 3600)
	t0      = time.Date(2026, 3, 2, 9, 0, 0, 0, tz)
	allRole = Actor{Name: "root", Roles: []Role{
		RoleServiceDesk, RoleIncidentManager, RoleMajorIncidentManager, RoleProblemManager, RoleChangeManager,
		RoleChangeAuthority, RoleEmergencyAuthority, RoleReleaseManager, RoleConfigurationManager,
		RoleServiceOwner, RoleTopManagement, RoleCustomer,
	}}
)

// clock hands out instants a minute apart, from t0.
type clock struct{ n int }

func (c *clock) next() time.Time {
	c.n++
	return t0.Add(time.Duration(c.n) * time.Minute)
}

// ok fails the test at once if err is not nil.
func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// deepCopy copies v with every slice, map and pointer it holds (times keep
// their shared, immutable locations).
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		n := reflect.New(v.Type().Elem())
		n.Elem().Set(deepCopy(v.Elem()))
		return n
	case reflect.Struct:
		n := reflect.New(v.Type()).Elem()
		n.Set(v)
		for i := range v.NumField() {
			if n.Field(i).CanSet() {
				n.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return n
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		n := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			n.Index(i).Set(deepCopy(v.Index(i)))
		}
		return n
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		n := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			n.SetMapIndex(it.Key(), deepCopy(it.Value()))
		}
		return n
	}
	return v
}

func clone[T any](x T) T { return deepCopy(reflect.ValueOf(x)).Interface().(T) }

// refused runs a move that must fail with want, and checks that it left r
// exactly as it was.
func refused[R any](t *testing.T, r R, want error, move func() error) {
	t.Helper()
	before := clone(r)
	err := move()
	if err == nil {
		t.Fatalf("got no error, want %v", want)
	}
	if !errors.Is(err, want) {
		t.Fatalf("got %v, want an error matching %v", err, want)
	}
	if !reflect.DeepEqual(before, r) {
		t.Fatalf("refused move changed the record:\nbefore %+v\nafter  %+v", before, r)
	}
}

// vcase is one case of a Validate table: break the record, expect path.
type vcase[R Record] struct {
	name string
	mut  func(R)
	path string
	err  error
}

// testValidate checks that fresh() validates, and that each case's change
// makes Validate name the case's path with its reason.
func testValidate[R Record](t *testing.T, fresh func(t *testing.T) R, cases []vcase[R]) {
	t.Helper()
	t.Run("valid", func(t *testing.T) {
		if err := fresh(t).Validate(); err != nil {
			t.Fatalf("valid example: got %v, want nil", err)
		}
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := fresh(t)
			c.mut(r)
			err := r.Validate()
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want a *ValidationError", err)
			}
			if !ve.Has(c.path, c.err) {
				t.Fatalf("got %v, want %s: %v", err, c.path, c.err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want it to match ErrInvalid", err)
			}
		})
	}
}

// headerCases are the header faults every record kind reports.
func headerCases[R Record]() []vcase[R] {
	return []vcase[R]{
		{"no id", func(r R) { r.Meta().ID = ID{} }, "id", ErrRequired},
		{"no title", func(r R) { r.Meta().Title = "" }, "title", ErrRequired},
		{"wrong kind", func(r R) { r.Meta().Kind = KindBudget }, "kind", ErrInvalidValue},
		{"no created", func(r R) { r.Meta().Created = time.Time{} }, "created", ErrRequired},
	}
}

// --- valid examples of every kind, built through their methods ---

func newService(t *testing.T) *Service {
	t.Helper()
	s := NewService("E-mail", "olga", owner, t0)
	s.Description = "mail for all staff"
	s.Criticality = CriticalityHigh
	s.Customers = []ID{NewID()}
	return s
}

func newIncident(t *testing.T, c *clock) *Incident {
	t.Helper()
	i := NewIncident("mail down", desk, c.next())
	i.Description = "users cannot send mail"
	ok(t, i.Classify(desk, c.next(), "email", LevelHigh, LevelMedium, 2))
	ok(t, i.SetService(desk, c.next(), NewID()))
	ok(t, i.Affect(desk, c.next(), NewID()))
	ok(t, i.Affect(desk, c.next(), NewID()))
	return i
}

func newMajorIncidentReview(t *testing.T) *MajorIncidentReview {
	t.Helper()
	r := NewMajorIncidentReview("review of mail outage", NewID(), mim, t0)
	r.Held = t0.Add(48 * time.Hour)
	r.Reviewers = []string{"mika", "ines"}
	r.Findings = "storage filled up; alerting was missing"
	r.Actions = []string{"add disk alert"}
	return r
}

func newServiceRequest(t *testing.T, c *clock) *ServiceRequest {
	t.Helper()
	r := NewServiceRequest("new laptop", "laptop", desk, c.next())
	r.Description = "standard laptop for new starter"
	r.Priority = 4
	ok(t, r.SetService(desk, c.next(), NewID()))
	return r
}

func newProblem(t *testing.T, c *clock) *Problem {
	t.Helper()
	p := NewProblem("mail storage fills", pm, c.next())
	p.Description = "mail store fills every month"
	ok(t, p.Classify(pm, c.next(), "email", LevelHigh, LevelLow, 3))
	ok(t, p.AddService(pm, c.next(), NewID()))
	ok(t, p.Affect(pm, c.next(), NewID()))
	p.Incidents = []ID{NewID()}
	return p
}

func newKnownError(t *testing.T, problem ID, c *clock) *KnownError {
	t.Helper()
	k := NewKnownError("mail store fills", problem, "no quota on archive folder", "purge the archive folder", pm, c.next())
	ok(t, k.Affect(pm, c.next(), NewID()))
	return k
}

func newCIType(t *testing.T) *CIType {
	t.Helper()
	ct := NewCIType("Server", "server", cfgm, t0)
	ct.Description = "a physical or virtual server"
	ct.RequiredAttributes = []string{"os", "cpu-count"}
	ct.Versioned = true
	return ct
}

func newCI(t *testing.T, c *clock) *ConfigurationItem {
	t.Helper()
	ci := NewConfigurationItem("mail01", NewID(), cfgm, c.next())
	ci.Description = "mail server"
	ci.Location = "DC1 rack 4"
	ci.Owner = "ops"
	ci.Version = "1.0"
	ci.Attributes = map[string]string{"os": "linux", "cpu-count": "8"}
	ok(t, ci.AddService(cfgm, c.next(), NewID()))
	ok(t, ci.Relate(cfgm, c.next(), RelationRunsOn, NewID()))
	ok(t, ci.AddChange(cfgm, c.next(), NewID()))
	ci.Problems = []ID{NewID()}
	ci.KnownErrors = []ID{NewID()}
	return ci
}

func newCIRelationship(t *testing.T) *CIRelationship {
	t.Helper()
	return NewCIRelationship("mail01 runs on host7", NewID(), RelationRunsOn, NewID(), cfgm, t0)
}

func newBaseline(t *testing.T, release ID, c *clock) *ConfigurationBaseline {
	t.Helper()
	a, b := newCI(t, c), newCI(t, c)
	b.Version = "2.3"
	bl, err := NewConfigurationBaseline("before R1", release, []*ConfigurationItem{a, b}, cfgm, c.next())
	ok(t, err)
	return bl
}

func newConfigurationAudit(t *testing.T) *ConfigurationAudit {
	t.Helper()
	a := NewConfigurationAudit("Q1 CMDB audit", "data centre 1", "audrey", cfgm, t0)
	a.Checked = 120
	a.Deficiencies = []Deficiency{
		{CI: NewID(), Description: "location wrong", Action: "corrected", Corrected: t0.Add(time.Hour)},
		{Description: "switch missing from CMDB"},
	}
	return a
}

func newChangePolicy(t *testing.T) *ChangePolicy {
	t.Helper()
	p := NewChangePolicy("change policy", cm, t0)
	p.ControlledCIs = []ID{NewID()}
	p.ControlledTypes = []ID{NewID()}
	p.MajorImpactCriteria = []string{"affects a critical service for more than an hour"}
	p.StandardChanges = []StandardChange{{Code: "add-mailbox", Description: "create a mailbox"}}
	p.RequiredApprovals = 2
	return p
}

var window1 = Window{Start: t0.Add(72 * time.Hour), End: t0.Add(74 * time.Hour)}

var assessment = Assessment{
	Risk: LevelMedium, Impact: "mail unavailable 30 minutes", BusinessBenefit: "no more outages",
	Feasibility: "done before", FinancialImpact: "none", BackoutPlan: "restore snapshot", BackoutTested: true,
}

func newRFC(t *testing.T, class ChangeClass, c *clock) *RequestForChange {
	t.Helper()
	r := NewRequestForChange("add archive quota", class, desk, c.next())
	r.Description = "set a quota on the archive folder"
	if class == ChangeStandard {
		r.Model = "add-mailbox"
	}
	ok(t, r.AddService(desk, c.next(), NewID()))
	ok(t, r.Affect(desk, c.next(), NewID()))
	return r
}

// rfcTo walks a normal change to state s by the usual path.
func rfcTo(t *testing.T, s ChangeState, c *clock) *RequestForChange {
	t.Helper()
	r := newRFC(t, ChangeNormal, c)
	steps := []struct {
		st ChangeState
		do func() error
	}{
		{ChangeAssessed, func() error { return r.Assess(cm, c.next(), assessment) }},
		{ChangeAuthorised, func() error {
			if err := r.Approve(cab1, c.next(), DecisionApprove, ""); err != nil {
				return err
			}
			return r.Authorise(cab2, c.next(), newChangePolicy(t))
		}},
		{ChangeScheduled, func() error { return r.Schedule(cm, c.next(), window1, nil) }},
		{ChangeImplementing, func() error { return r.Implement(desk, c.next()) }},
		{ChangeImplemented, func() error { return r.Complete(desk, c.next(), "done, checks passed") }},
		{ChangeReviewed, func() error { return r.Review(cm, c.next(), newPIR(t, r.ID)) }},
		{ChangeClosed, func() error { return r.Close(cm, c.next()) }},
	}
	for _, st := range steps {
		if r.State() == s {
			break
		}
		ok(t, st.do())
	}
	if r.State() != s {
		t.Fatalf("rfcTo: got %s, want %s", r.State(), s)
	}
	return r
}

func newPIR(t *testing.T, change ID) *PostImplementationReview {
	t.Helper()
	r := NewPostImplementationReview("PIR archive quota", change, cm, t0)
	r.Held = t0 // before the review is recorded on the change
	r.Reviewers = []string{"carl", "alice"}
	r.Successful = true
	r.Findings = "quota works"
	return r
}

func newSchedule(t *testing.T) *ScheduleOfChange {
	t.Helper()
	s := NewScheduleOfChange("March changes", Window{Start: t0, End: t0.Add(30 * 24 * time.Hour)}, cm, t0)
	s.Blackouts = []Blackout{{Window: Window{Start: t0.Add(10 * 24 * time.Hour), End: t0.Add(11 * 24 * time.Hour)}, Reason: "month-end close"}}
	s.Entries = []ScheduleEntry{{Change: NewID(), Window: window1}}
	return s
}

func newReleasePolicy(t *testing.T) *ReleasePolicy {
	t.Helper()
	p := NewReleasePolicy("release policy", rm, t0)
	p.Frequency = "monthly minor, quarterly major"
	p.Types = []ReleaseType{ReleaseMajor, ReleaseMinor, ReleaseEmergency}
	p.Emergency = "emergency releases follow emergency changes"
	return p
}

func newRelease(t *testing.T, c *clock) *Release {
	t.Helper()
	r := NewRelease("R1", ReleaseMinor, rm, c.next())
	r.Description = "archive quota and fixes"
	r.Version = "1.1"
	r.Planned = window1
	r.Deliverables = []string{"config package"}
	r.DeploymentMeans = "automated roll-out"
	r.AcceptanceCriteria = []Criterion{{Code: "AC1", Description: "mail flows"}, {Code: "AC2", Description: "quota enforced"}}
	ok(t, r.AddChange(rm, c.next(), NewID()))
	ok(t, r.Fix(rm, c.next(), NewID(), KindKnownError))
	ok(t, r.Carry(rm, c.next(), NewID()))
	return r
}

func newAcceptanceTest(t *testing.T, release ID, c *clock) *ReleaseAcceptanceTest {
	t.Helper()
	a := NewReleaseAcceptanceTest("R1 acceptance", release, "acceptance lab", rm, c.next())
	a.Results = []TestResult{{Criterion: "AC1", Passed: true, Evidence: "test log 1"}, {Criterion: "AC2", Passed: true}}
	return a
}

// releaseTo walks a release to state s by the usual path.
func releaseTo(t *testing.T, s ReleaseState, c *clock) *Release {
	t.Helper()
	r := newRelease(t, c)
	steps := []struct {
		st ReleaseState
		do func() error
	}{
		{ReleaseBuilding, func() error { return r.Build(rm, c.next()) }},
		{ReleaseTesting, func() error { return r.Test(rm, c.next()) }},
		{ReleaseAccepted, func() error {
			at := newAcceptanceTest(t, r.ID, c)
			if err := r.Link(rm, c.next(), LinkTestedBy, at.ID, KindReleaseAcceptanceTest); err != nil {
				return err
			}
			return r.Accept(rm, c.next(), at)
		}},
		{ReleaseDeploying, func() error {
			bl := newBaseline(t, r.ID, c) // taken before the deployment starts
			return r.Deploy(rm, c.next(), bl)
		}},
		{ReleaseDeployed, func() error { return r.Complete(rm, c.next()) }},
		{ReleaseReviewed, func() error { return r.Review(rm, c.next(), newPDR(t, r.ID)) }},
		{ReleaseClosed, func() error { return r.Close(rm, c.next()) }},
	}
	for _, st := range steps {
		if r.State() == s {
			break
		}
		ok(t, st.do())
	}
	if r.State() != s {
		t.Fatalf("releaseTo: got %s, want %s", r.State(), s)
	}
	return r
}

func newDeployment(t *testing.T, c *clock) *Deployment {
	t.Helper()
	d, err := NewDeployment("R1 to site A", NewID(), "site A", window1, rm, c.next())
	ok(t, err)
	return d
}

func newPDR(t *testing.T, release ID) *PostDeploymentReview {
	t.Helper()
	r := NewPostDeploymentReview("R1 review", release, Window{Start: t0.Add(-14 * 24 * time.Hour), End: t0}, rm, t0)
	r.Held = t0 // before the review is recorded on the release
	r.Reviewers = []string{"rita", "carl"}
	r.Successful = true
	r.Incidents = []ID{NewID()}
	r.Findings = "two minor incidents"
	return r
}
func cid(n int) ID { return MustParseID(fmt.Sprintf("00000000-0000-0000-0000-%012d", n)) }
