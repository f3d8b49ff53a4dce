package process

import (
	"fmt"
	"slices"
	"time"
)

// ReleaseType is the kind of a release as the release policy defines it
// (ISO/IEC 20000-1:2011, 9.3). The zero ReleaseType is unset.
type ReleaseType string

// The types of release.
const (
	ReleaseMajor     ReleaseType = "major"     // new functions or significant change
	ReleaseMinor     ReleaseType = "minor"     // small improvements and fixes
	ReleaseEmergency ReleaseType = "emergency" // a fix needed at once, outside the planned frequency
)

// Valid reports whether t is one of the types above.
func (t ReleaseType) Valid() bool {
	return t == ReleaseMajor || t == ReleaseMinor || t == ReleaseEmergency
}

// String returns the type's code.
func (t ReleaseType) String() string { return string(t) }

// MarshalText encodes a known type; an unknown one is an error.
func (t ReleaseType) MarshalText() ([]byte, error) { return MarshalEnum(t) }

// UnmarshalText decodes a known type; an unknown one is an error.
func (t *ReleaseType) UnmarshalText(b []byte) error { return UnmarshalEnum(t, b) }

// ReleasePolicy states how often releases are made, of which types, and how
// emergency releases are handled (ISO/IEC 20000-1:2011, 9.3). Releases link
// to it with [LinkGoverns].
type ReleasePolicy struct {
	Header
	// Frequency is how often releases of each planned type are made
	// ("monthly minor releases, quarterly major ones").
	Frequency string        `json:"frequency"`
	Types     []ReleaseType `json:"types"`
	// Emergency says how emergency releases are handled.
	Emergency string `json:"emergency"`
}

var _ Record = (*ReleasePolicy)(nil)

// NewReleasePolicy starts a release policy (ISO/IEC 20000-1:2011, 9.3).
func NewReleasePolicy(title string, by Actor, at time.Time) *ReleasePolicy {
	return &ReleasePolicy{Header: NewHeader(KindReleasePolicy, title, by, at)}
}

// Validate checks the policy's frequency, types and emergency handling
// (ISO/IEC 20000-1:2011, 9.3).
func (p *ReleasePolicy) Validate() error {
	v := ValidationError{Subject: p.Subject()}
	p.validate(&v, KindReleasePolicy)
	v.RequireText("frequency", p.Frequency)
	v.Require("types", len(p.Types) > 0)
	for i, t := range p.Types {
		path := fmt.Sprintf("types[%d]", i)
		CheckEnum(&v, path, t)
		if t != "" && slices.Index(p.Types, t) < i {
			v.Addf(path, ErrInvalidValue, "%q repeated", string(t))
		}
	}
	v.RequireText("emergency", p.Emergency)
	return v.Err()
}

// ReleaseState is where a release stands in its life (ISO/IEC
// 20000-1:2011, 9.3). The zero ReleaseState is unset.
type ReleaseState string

// The states of a release.
const (
	ReleasePlanned   ReleaseState = "planned"   // planned with the customer
	ReleaseBuilding  ReleaseState = "building"  // being built
	ReleaseTesting   ReleaseState = "testing"   // under acceptance test
	ReleaseAccepted  ReleaseState = "accepted"  // verified and approved for deployment
	ReleaseDeploying ReleaseState = "deploying" // being deployed, baseline taken
	ReleaseDeployed  ReleaseState = "deployed"  // live; its early-life incidents watched
	ReleaseReviewed  ReleaseState = "reviewed"  // post-deployment review done
	ReleaseClosed    ReleaseState = "closed"
	ReleaseFailed    ReleaseState = "failed" // build, test or deployment failed; reviewed
	ReleaseCancelled ReleaseState = "cancelled"
)

var releaseLifecycle = MustLifecycle(KindRelease, ReleasePlanned,
	[]ReleaseState{ReleasePlanned, ReleaseBuilding, ReleaseTesting, ReleaseAccepted, ReleaseDeploying,
		ReleaseDeployed, ReleaseReviewed, ReleaseClosed, ReleaseFailed, ReleaseCancelled},
	[]ReleaseState{ReleaseClosed, ReleaseCancelled},
	[]Move[ReleaseState]{
		{From: []ReleaseState{ReleasePlanned, ReleaseTesting}, To: ReleaseBuilding, Role: RoleReleaseManager},
		{From: []ReleaseState{ReleaseBuilding}, To: ReleaseTesting, Role: RoleReleaseManager},
		{From: []ReleaseState{ReleaseTesting}, To: ReleaseAccepted},
		{From: []ReleaseState{ReleaseAccepted}, To: ReleaseDeploying, Role: RoleReleaseManager},
		{From: []ReleaseState{ReleaseDeploying}, To: ReleaseDeployed, Role: RoleReleaseManager},
		{From: []ReleaseState{ReleaseBuilding, ReleaseTesting, ReleaseDeploying}, To: ReleaseFailed, Role: RoleReleaseManager},
		{From: []ReleaseState{ReleaseDeployed, ReleaseFailed}, To: ReleaseReviewed, Role: RoleReleaseManager},
		{From: []ReleaseState{ReleaseReviewed}, To: ReleaseClosed, Role: RoleReleaseManager},
		{From: []ReleaseState{ReleasePlanned, ReleaseBuilding, ReleaseTesting, ReleaseAccepted}, To: ReleaseCancelled, Role: RoleReleaseManager},
	})

// Lifecycle returns the lifecycle of a release: planned → building
// → testing (→ building again if tests fail) → accepted → deploying →
// deployed → reviewed → closed; building, testing or deploying → failed →
// reviewed; cancelled before deployment (ISO/IEC 20000-1:2011, 9.3).
// Acceptance needs a release manager or the customer; every other move a
// release manager.
// The receiver is not read: a nil *Release gives the same lifecycle.
func (*Release) Lifecycle() *Lifecycle[ReleaseState] { return releaseLifecycle }

// Valid reports whether s is a state of [Release.Lifecycle].
func (s ReleaseState) Valid() bool { return releaseLifecycle.Valid(s) }

// String returns the state's code.
func (s ReleaseState) String() string { return string(s) }

// MarshalText encodes a known state; an unknown one is an error.
func (s ReleaseState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known state; an unknown one is an error.
func (s *ReleaseState) UnmarshalText(b []byte) error { return UnmarshalEnum(s, b) }

// Criterion is one acceptance criterion agreed for a release, identified by
// its code within the release (ISO/IEC 20000-1:2011, 9.3).
type Criterion struct {
	Code        string `json:"code"`
	Description string `json:"description"`
}

// Release is a set of new or changed configuration items built, tested and
// deployed together (ISO/IEC 20000-1:2011, 9.3). It is planned with the
// customer: dates, deliverables, means of deployment, the approved changes
// it implements (each links to it with [LinkImplementedBy]) and the known
// errors and problems it fixes ([LinkFixes]) or goes live with
// ([LinkCarries]). It links to its acceptance tests ([LinkTestedBy]), to
// the baseline taken before it goes live ([LinkBaselinedBy]) and to its
// post-deployment review ([LinkReviewedBy]).
type Release struct {
	Header
	Type        ReleaseType `json:"type,omitempty"`
	Description string      `json:"description"`
	Version     string      `json:"version,omitempty"`
	// Planned is the planned deployment window, agreed with the customer.
	Planned      Window   `json:"planned,omitzero"`
	Deliverables []string `json:"deliverables,omitempty"`
	// DeploymentMeans says how the release is deployed (automated roll-out,
	// phased, big bang, manual).
	DeploymentMeans    string      `json:"deploymentMeans"`
	AcceptanceCriteria []Criterion `json:"acceptanceCriteria,omitempty"`
	// Changes are the approved requests for change the release implements.
	Changes []ID `json:"changes,omitempty"`
	// Fixes are known errors and problems it removes ([LinkFixes]).
	Fixes []ID `json:"fixes,omitempty"`
	// Carries are known errors it goes live with ([LinkCarries]).
	Carries []ID `json:"carries,omitempty"`
	// Baseline is the configuration baseline taken before deployment
	// ([LinkBaselinedBy]).
	Baseline ID `json:"baseline,omitzero"`
	// AcceptedBy is who accepted the release.
	AcceptedBy string    `json:"acceptedBy,omitempty"`
	Deployed   time.Time `json:"deployed,omitzero"`
}

var _ Record = (*Release)(nil)

// NewRelease plans a release of type t (ISO/IEC 20000-1:2011, 9.3).
func NewRelease(title string, t ReleaseType, by Actor, at time.Time) *Release {
	r := &Release{Header: NewHeader(KindRelease, title, by, at), Type: t}
	releaseLifecycle.Start(&r.Header)
	return r
}

// State returns the release's lifecycle state.
func (r *Release) State() ReleaseState { return ReleaseState(r.Status) }

// Validate checks what 9.3 asks a release plan to hold: type, description,
// planned window, deliverables, means of deployment, acceptance criteria,
// the changes it implements; the accepter once accepted; the baseline from
// deployment on; the deployment time once deployed (a release reviewed
// after it failed need not have been accepted or deployed) (ISO/IEC
// 20000-1:2011, 9.3).
func (r *Release) Validate() error {
	v := ValidationError{Subject: r.Subject()}
	r.validate(&v, KindRelease)
	releaseLifecycle.ValidateState(&r.Header, &v)
	explained(&v, &r.Header, "acceptedBy", r.AcceptedBy, "")
	CheckEnum(&v, "type", r.Type)
	v.RequireText("description", r.Description)
	r.Planned.validate(&v, "planned")
	v.Require("deliverables", len(r.Deliverables) > 0)
	v.CheckTexts("deliverables", r.Deliverables, false)
	v.RequireText("deploymentMeans", r.DeploymentMeans)
	v.Require("acceptanceCriteria", len(r.AcceptanceCriteria) > 0)
	for i, c := range r.AcceptanceCriteria {
		p := fmt.Sprintf("acceptanceCriteria[%d]", i)
		v.RequireText(p+".code", c.Code)
		v.RequireText(p+".description", c.Description)
		if !blank(c.Code) && slices.IndexFunc(r.AcceptanceCriteria, func(o Criterion) bool { return o.Code == c.Code }) < i {
			v.Addf(p+".code", ErrInvalidValue, "%q repeated", c.Code)
		}
	}
	v.Require("changes", len(r.Changes) > 0)
	validateRefs(&v, &r.Header, "changes", r.Changes, "")
	validateRefs(&v, &r.Header, "fixes", r.Fixes, LinkFixes)
	validateRefs(&v, &r.Header, "carries", r.Carries, LinkCarries)
	if !r.Baseline.IsZero() {
		validateRef(&v, &r.Header, "baseline", r.Baseline, LinkBaselinedBy)
	}
	switch r.State() {
	case ReleaseAccepted:
		v.Identity("acceptedBy", r.AcceptedBy)
	case ReleaseDeploying:
		v.Identity("acceptedBy", r.AcceptedBy)
		v.Require("baseline", !r.Baseline.IsZero())
	case ReleaseReviewed, ReleaseClosed:
		if r.failed() {
			break // reviewed after failing: it may never have been accepted or deployed
		}
		fallthrough
	case ReleaseDeployed:
		v.Identity("acceptedBy", r.AcceptedBy)
		v.Require("baseline", !r.Baseline.IsZero())
		v.Require("deployed", !r.Deployed.IsZero())
	}
	return v.Err()
}

// failed reports whether the release's history holds a move to failed.
func (r *Release) failed() bool {
	return slices.ContainsFunc(r.History, func(e Event) bool {
		return e.Action == ActionMoved && e.To == string(ReleaseFailed)
	})
}

// AddChange records an approved request for change the release implements
// (ISO/IEC 20000-1:2011, 9.2, 9.3). The request links to the release with
// [LinkImplementedBy]; the host adds that link on the request. Changes are
// added while the release is planned or being built: once it is under
// test, what it holds is what is tested and accepted ([ErrPrecondition]).
func (r *Release) AddChange(by Actor, at time.Time, rfc ID) error {
	fail := func(err error) error { return fmt.Errorf("process: %s: add change: %w", r.Subject(), err) }
	switch {
	case !r.openToContent():
		return fail(unmet("release is %s", orNone(r.Status)))
	case rfc.IsZero():
		return fail(ErrRequired)
	case slices.Contains(r.Changes, rfc):
		return fail(ErrExists)
	}
	if err := r.CheckEvent(by, at); err != nil {
		return err
	}
	r.Changes = append(r.Changes, rfc)
	r.append(Event{At: at, Actor: by.ID, Action: ActionChanged, Field: "changes", To: rfc.String()})
	return nil
}

// Fix records a known error or problem the release removes ([LinkFixes]),
// while the release is planned or being built, as [Release.AddChange]
// (ISO/IEC 20000-1:2011, 9.3).
func (r *Release) Fix(by Actor, at time.Time, id ID, kind RecordKind) error {
	if !r.openToContent() {
		return fmt.Errorf("process: %s: fix: %w", r.Subject(), unmet("release is %s", orNone(r.Status)))
	}
	return addRef(&r.Header, &r.Fixes, LinkFixes, id, kind, by, at)
}

// openToContent reports whether the release may still take changes and
// fixes: it is planned or being built, not yet tested or accepted.
func (r *Release) openToContent() bool {
	return r.State() == ReleasePlanned || r.State() == ReleaseBuilding
}

// Carry records a known error the release goes live with ([LinkCarries])
// (ISO/IEC 20000-1:2011, 9.3).
func (r *Release) Carry(by Actor, at time.Time, ke ID) error {
	return addRef(&r.Header, &r.Carries, LinkCarries, ke, KindKnownError, by, at)
}

// Build starts building the release, or rebuilds it after failed tests
// (ISO/IEC 20000-1:2011, 9.3); it needs at least one change.
func (r *Release) Build(by Actor, at time.Time) error {
	return releaseLifecycle.apply(&r.Header, ReleaseBuilding, by, at, "", func() error {
		if len(r.Changes) == 0 {
			return missing("changes")
		}
		return nil
	})
}

// Test hands the built release to acceptance testing in a controlled
// environment (ISO/IEC 20000-1:2011, 9.3).
func (r *Release) Test(by Actor, at time.Time) error {
	return releaseLifecycle.apply(&r.Header, ReleaseTesting, by, at, "", nil)
}

// Accept verifies and approves the tested release for deployment (ISO/IEC
// 20000-1:2011, 9.3). by must be a release manager or the customer. tests
// are the release's acceptance tests: each must be a test of this release,
// linked with [LinkTestedBy], every linked test must be among them, all
// must have passed no later than at, and every acceptance criterion must
// have a passing result.
func (r *Release) Accept(by Actor, at time.Time, tests ...*ReleaseAcceptanceTest) error {
	err := releaseLifecycle.apply(&r.Header, ReleaseAccepted, by, at, "", func() error {
		if err := needRole(by, RoleReleaseManager, RoleCustomer); err != nil {
			return err
		}
		return r.checkTests(tests, at)
	})
	if err != nil {
		return err
	}
	set(r, "acceptedBy", &r.AcceptedBy, by.ID, ID{}, "", by, at)
	bindMove(r, &r.Header)
	return nil
}

// checkTests checks the acceptance tests of r as Accept at at requires.
func (r *Release) checkTests(tests []*ReleaseAcceptanceTest, at time.Time) error {
	if len(r.AcceptanceCriteria) == 0 {
		return missing("acceptanceCriteria")
	}
	given := make([]ID, 0, len(tests))
	for _, t := range tests {
		switch {
		case t == nil:
			return missing("test")
		case t.Release != r.ID:
			return unmet("%s is not a test of this release", t.Subject())
		case !r.HasLink(LinkTestedBy, t.ID):
			return unmet("%s is not linked with %s", t.Subject(), LinkTestedBy)
		}
		if err := t.Validate(); err != nil {
			return fmt.Errorf("%w: %w", err, ErrPrecondition)
		}
		if !t.Passed() {
			return unmet("%s did not pass", t.Subject())
		}
		if t.Tested.After(at) {
			return unmet("%s was tested after the acceptance", t.Subject())
		}
		given = append(given, t.ID)
	}
	for _, id := range r.Linked(LinkTestedBy) {
		if !slices.Contains(given, id) {
			return unmet("result of %s not given", Subject(KindReleaseAcceptanceTest, id))
		}
	}
	for _, c := range r.AcceptanceCriteria {
		ok := slices.ContainsFunc(tests, func(t *ReleaseAcceptanceTest) bool {
			return slices.ContainsFunc(t.Results, func(res TestResult) bool { return res.Criterion == c.Code && res.Passed })
		})
		if !ok {
			return unmet("criterion %q has no passing result", c.Code)
		}
	}
	return nil
}

// Deploy starts deploying the accepted release. A baseline must have been
// taken first: baseline must be a valid configuration baseline of this
// release, taken no later than at, and the release links to it with
// [LinkBaselinedBy] (ISO/IEC 20000-1:2011, 9.1, 9.3).
func (r *Release) Deploy(by Actor, at time.Time, baseline *ConfigurationBaseline) error {
	err := releaseLifecycle.apply(&r.Header, ReleaseDeploying, by, at, "", func() error {
		if baseline == nil {
			return missing("baseline")
		}
		if baseline.Release != r.ID {
			return unmet("%s was not taken for this release", baseline.Subject())
		}
		if !r.Baseline.IsZero() && r.Baseline != baseline.ID {
			return unmet("release already has baseline %s", r.Baseline.Short())
		}
		if baseline.Taken.After(at) {
			return unmet("%s was taken after the deployment started", baseline.Subject())
		}
		if err := baseline.Validate(); err != nil {
			return fmt.Errorf("%w: %w", err, ErrPrecondition)
		}
		return nil
	})
	if err != nil {
		return err
	}
	_ = setRef(&r.Header, &r.Baseline, LinkBaselinedBy, baseline.ID, KindConfigurationBaseline, by, at)
	return nil
}

// Complete records the deployment done and the release live (ISO/IEC
// 20000-1:2011, 9.3).
func (r *Release) Complete(by Actor, at time.Time) error {
	if err := releaseLifecycle.apply(&r.Header, ReleaseDeployed, by, at, "", nil); err != nil {
		return err
	}
	r.Deployed = at
	return nil
}

// Fail records that building, testing or deploying the release failed, with
// why; the failure is then analysed in review (ISO/IEC 20000-1:2011, 9.3).
func (r *Release) Fail(by Actor, at time.Time, reason string) error {
	return releaseLifecycle.apply(&r.Header, ReleaseFailed, by, at, reason, needText("reason", reason))
}

// Review records the post-deployment review of a deployed or failed
// release: review must be a valid review of this release, held no later
// than at, and is linked with [LinkReviewedBy] (ISO/IEC 20000-1:2011, 9.3).
func (r *Release) Review(by Actor, at time.Time, review *PostDeploymentReview) error {
	err := releaseLifecycle.apply(&r.Header, ReleaseReviewed, by, at, "", func() error {
		if review == nil {
			return missing("review")
		}
		if review.Release != r.ID {
			return unmet("%s is not a review of this release", review.Subject())
		}
		if review.Held.After(at) {
			return unmet("%s was held after %s", review.Subject(), at.Format(time.RFC3339))
		}
		if err := review.Validate(); err != nil {
			return fmt.Errorf("%w: %w", err, ErrPrecondition)
		}
		return nil
	})
	if err != nil {
		return err
	}
	_ = linkOnce(&r.Header, LinkReviewedBy, review.ID, KindPostDeploymentReview, by, at) // cannot fail: Apply checked actor and time, review.Validate its ID
	return nil
}

// Close closes a reviewed release (ISO/IEC 20000-1:2011, 9.3).
func (r *Release) Close(by Actor, at time.Time) error {
	return releaseLifecycle.apply(&r.Header, ReleaseClosed, by, at, "", nil)
}

// Cancel abandons the release before deployment, for reason (ISO/IEC 20000-1:2011, 9.3).
func (r *Release) Cancel(by Actor, at time.Time, reason string) error {
	return releaseLifecycle.apply(&r.Header, ReleaseCancelled, by, at, reason, needText("reason", reason))
}

// TestResult is the result of testing a release against one acceptance
// criterion (ISO/IEC 20000-1:2011, 9.3).
type TestResult struct {
	// Criterion is the code of the release's acceptance criterion.
	Criterion string `json:"criterion"`
	Passed    bool   `json:"passed"`
	Evidence  string `json:"evidence,omitempty"`
}

// ReleaseAcceptanceTest is a test of a release in a controlled acceptance
// environment against its agreed acceptance criteria (ISO/IEC
// 20000-1:2011, 9.3). The release links to it with [LinkTestedBy].
type ReleaseAcceptanceTest struct {
	Header
	Release     ID           `json:"release"`
	Environment string       `json:"environment"`
	Tester      string       `json:"tester"`
	Tested      time.Time    `json:"tested"`
	Results     []TestResult `json:"results"`
}

var _ Record = (*ReleaseAcceptanceTest)(nil)

// NewReleaseAcceptanceTest records a test of release in environment (ISO/IEC 20000-1:2011, 9.3).
func NewReleaseAcceptanceTest(title string, release ID, environment string, by Actor, at time.Time) *ReleaseAcceptanceTest {
	return &ReleaseAcceptanceTest{Header: NewHeader(KindReleaseAcceptanceTest, title, by, at),
		Release: release, Environment: environment, Tester: by.ID, Tested: at}
}

// Validate checks the test's release, environment, tester, time and
// results, each naming its criterion once (ISO/IEC 20000-1:2011, 9.3).
func (t *ReleaseAcceptanceTest) Validate() error {
	v := ValidationError{Subject: t.Subject()}
	t.validate(&v, KindReleaseAcceptanceTest)
	v.Require("release", !t.Release.IsZero())
	v.RequireText("environment", t.Environment)
	v.Identity("tester", t.Tester)
	v.Require("tested", !t.Tested.IsZero())
	v.Require("results", len(t.Results) > 0)
	for i, res := range t.Results {
		p := fmt.Sprintf("results[%d].criterion", i)
		v.RequireText(p, res.Criterion)
		if !blank(res.Criterion) && slices.IndexFunc(t.Results, func(o TestResult) bool { return o.Criterion == res.Criterion }) < i {
			v.Addf(p, ErrInvalidValue, "%q repeated", res.Criterion)
		}
	}
	return v.Err()
}

// Passed reports whether the test has results and every one passed (ISO/IEC 20000-1:2011, 9.3).
func (t *ReleaseAcceptanceTest) Passed() bool {
	return len(t.Results) > 0 && !slices.ContainsFunc(t.Results, func(r TestResult) bool { return !r.Passed })
}

// DeploymentState is where a deployment stands (ISO/IEC 20000-1:2011,
// 9.3). The zero DeploymentState is unset.
type DeploymentState string

// The states of a deployment.
const (
	DeploymentScheduled  DeploymentState = "scheduled"
	DeploymentInProgress DeploymentState = "in-progress"
	DeploymentSucceeded  DeploymentState = "succeeded"
	DeploymentFailed     DeploymentState = "failed"
	DeploymentRolledBack DeploymentState = "rolled-back"
)

var deploymentLifecycle = MustLifecycle(KindDeployment, DeploymentScheduled,
	[]DeploymentState{DeploymentScheduled, DeploymentInProgress, DeploymentSucceeded, DeploymentFailed, DeploymentRolledBack},
	[]DeploymentState{DeploymentSucceeded, DeploymentRolledBack},
	[]Move[DeploymentState]{
		{From: []DeploymentState{DeploymentScheduled}, To: DeploymentInProgress},
		{From: []DeploymentState{DeploymentInProgress}, To: DeploymentSucceeded},
		{From: []DeploymentState{DeploymentInProgress}, To: DeploymentFailed},
		{From: []DeploymentState{DeploymentInProgress, DeploymentFailed}, To: DeploymentRolledBack},
		{From: []DeploymentState{DeploymentFailed}, To: DeploymentInProgress},
	})

// Lifecycle returns the lifecycle of a deployment: scheduled →
// in progress → succeeded, or failed → retried or rolled back (ISO/IEC
// 20000-1:2011, 9.3).
// The receiver is not read: a nil *Deployment gives the same lifecycle.
func (*Deployment) Lifecycle() *Lifecycle[DeploymentState] { return deploymentLifecycle }

// Valid reports whether s is a state of [Deployment.Lifecycle].
func (s DeploymentState) Valid() bool { return deploymentLifecycle.Valid(s) }

// String returns the state's code.
func (s DeploymentState) String() string { return string(s) }

// MarshalText encodes a known state; an unknown one is an error.
func (s DeploymentState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known state; an unknown one is an error.
func (s *DeploymentState) UnmarshalText(b []byte) error {
	return UnmarshalEnum(s, b)
}

// Deployment is the deployment of a release into one target environment or
// location, keeping the integrity of what it deploys (ISO/IEC 20000-1:2011,
// 9.3). It links to its release with [LinkDeploys].
type Deployment struct {
	Header
	Release ID     `json:"release"`
	Target  string `json:"target"` // the environment, site or group of users deployed to
	Window  Window `json:"window"`
	// Integrity records how the integrity of the deployed components was
	// verified (checksums, signatures, inventory).
	Integrity string `json:"integrity,omitempty"`
	Outcome   string `json:"outcome,omitempty"`
}

var _ Record = (*Deployment)(nil)

// NewDeployment schedules the deployment of release to target in window
// (ISO/IEC 20000-1:2011, 9.3), linked with [LinkDeploys].
func NewDeployment(title string, release ID, target string, w Window, by Actor, at time.Time) (*Deployment, error) {
	d := &Deployment{Header: NewHeader(KindDeployment, title, by, at), Target: target, Window: w}
	deploymentLifecycle.Start(&d.Header)
	if err := setRef(&d.Header, &d.Release, LinkDeploys, release, KindRelease, by, at); err != nil {
		return nil, err
	}
	return d, nil
}

// State returns the deployment's lifecycle state.
func (d *Deployment) State() DeploymentState { return DeploymentState(d.Status) }

// Validate checks the deployment's release, target and window; its
// integrity check once succeeded; its outcome once finished (ISO/IEC
// 20000-1:2011, 9.3).
func (d *Deployment) Validate() error {
	v := ValidationError{Subject: d.Subject()}
	d.validate(&v, KindDeployment)
	deploymentLifecycle.ValidateState(&d.Header, &v)
	validateRef(&v, &d.Header, "release", d.Release, LinkDeploys)
	v.RequireText("target", d.Target)
	d.Window.validate(&v, "window")
	switch d.State() {
	case DeploymentSucceeded:
		v.RequireText("integrity", d.Integrity)
		v.RequireText("outcome", d.Outcome)
	case DeploymentFailed, DeploymentRolledBack:
		v.RequireText("outcome", d.Outcome)
	}
	return v.Err()
}

// Start starts the deployment, or retries a failed one (ISO/IEC 20000-1:2011, 9.3).
func (d *Deployment) Start(by Actor, at time.Time) error {
	return deploymentLifecycle.apply(&d.Header, DeploymentInProgress, by, at, "", nil)
}

// Succeed records the deployment done, with how the integrity of what was
// deployed was verified (ISO/IEC 20000-1:2011, 9.3).
func (d *Deployment) Succeed(by Actor, at time.Time, integrity, outcome string) error {
	err := deploymentLifecycle.apply(&d.Header, DeploymentSucceeded, by, at, outcome, func() error {
		if blank(integrity) {
			return missing("integrity")
		}
		if blank(outcome) {
			return missing("outcome")
		}
		return nil
	})
	if err != nil {
		return err
	}
	set(d, "integrity", &d.Integrity, integrity, ID{}, "", by, at)
	set(d, "outcome", &d.Outcome, outcome, ID{}, "", by, at)
	return nil
}

// Fail records the deployment failed, with why (ISO/IEC 20000-1:2011, 9.3).
func (d *Deployment) Fail(by Actor, at time.Time, reason string) error {
	return d.end(DeploymentFailed, by, at, reason)
}

// RollBack records the deployment rolled back, with what was restored (ISO/IEC 20000-1:2011, 9.3).
func (d *Deployment) RollBack(by Actor, at time.Time, note string) error {
	return d.end(DeploymentRolledBack, by, at, note)
}

func (d *Deployment) end(to DeploymentState, by Actor, at time.Time, outcome string) error {
	err := deploymentLifecycle.apply(&d.Header, to, by, at, outcome, needText("outcome", outcome))
	if err != nil {
		return err
	}
	set(d, "outcome", &d.Outcome, outcome, ID{}, "", by, at)
	return nil
}

// PostDeploymentPeriod is the library's default for how long after a
// release's deployment the incidents on the CIs it changed are attributed
// to it and expected to be linked to it, for its post-deployment review
// (ISO/IEC 20000-1:2011, 9.3: the success or failure of a release is
// monitored, including the incidents related to it in the period after
// deployment). The interface audit uses it; the CMDB engine's post-deployment
// window takes it when given no period of its own.
const PostDeploymentPeriod = 14 * 24 * time.Hour

// PostDeploymentReview is the review of a release after deployment: its
// success or failure, the incidents related to it in the period after
// deployment, and what follows for change management and improvement
// (ISO/IEC 20000-1:2011, 9.3). The release links to it with
// [LinkReviewedBy].
type PostDeploymentReview struct {
	Header
	Release ID `json:"release"`
	// Period is the period after deployment whose incidents were analysed.
	Period     Window    `json:"period"`
	Held       time.Time `json:"held"`
	Reviewers  []string  `json:"reviewers"`
	Successful bool      `json:"successful"`
	// Incidents are the incidents related to the release in Period.
	Incidents []ID     `json:"incidents,omitempty"`
	Findings  string   `json:"findings"`
	Actions   []string `json:"actions,omitempty"`
}

var _ Record = (*PostDeploymentReview)(nil)

// NewPostDeploymentReview starts the review of release over period (ISO/IEC 20000-1:2011, 9.3).
func NewPostDeploymentReview(title string, release ID, period Window, by Actor, at time.Time) *PostDeploymentReview {
	return &PostDeploymentReview{Header: NewHeader(KindPostDeploymentReview, title, by, at), Release: release, Period: period}
}

// Validate checks the review's release, period, time, reviewers, incidents
// and findings (ISO/IEC 20000-1:2011, 9.3).
func (r *PostDeploymentReview) Validate() error {
	v := ValidationError{Subject: r.Subject()}
	r.validate(&v, KindPostDeploymentReview)
	v.Require("release", !r.Release.IsZero())
	r.Period.validate(&v, "period")
	validateRefs(&v, &r.Header, "incidents", r.Incidents, "")
	validateReview(&v, r.Held, r.Reviewers, r.Findings, r.Actions)
	return v.Err()
}
