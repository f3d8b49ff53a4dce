package process

import (
	"fmt"
	"iter"
	"slices"
	"strings"
)

// LinkType is the meaning of a link from one record to another: an incident
// affects a configuration item, a problem requires a request for change, a
// release is baselined by a configuration baseline. Each link type names the
// pairs of kinds it may join; a link between other kinds is invalid
// ([ErrInvalidLink]). A host may use its own link types with the prefix "x-";
// they join any kinds.
type LinkType string

// Link is a typed, directed link from the record that holds it to another
// record, with the target's kind so that it can be checked without a store.
type Link struct {
	Type LinkType   `json:"type"`
	To   ID         `json:"to"`
	Kind RecordKind `json:"kind"`
}

// The link types the library knows.
const (
	LinkService       LinkType = "service"              // any record → the service it concerns (6.1: the catalogue is every process's reference)
	LinkAffects       LinkType = "affects"              // a ticket, change or release → the CI it affects (8.1, 9.1)
	LinkCausedBy      LinkType = "caused-by"            // an incident or problem → the change, release or deployment that caused it
	LinkResolvedBy    LinkType = "resolved-by"          // an incident → the known error, change or release that resolved it (8.1)
	LinkRaised        LinkType = "raised"               // a record → a record it gave rise to in another process
	LinkRequires      LinkType = "requires"             // a problem → the request for change its fix needs (8.2)
	LinkKnownError    LinkType = "known-error"          // a problem → its known error (8.2)
	LinkDuplicateOf   LinkType = "duplicate-of"         // a ticket → the ticket it repeats
	LinkChildOf       LinkType = "child-of"             // a ticket → its parent ticket of the same kind
	LinkImplementedBy LinkType = "implemented-by"       // a request for change → the release that implements it (9.2, 9.3)
	LinkBaselinedBy   LinkType = "baselined-by"         // a release → the baseline taken before it goes live (9.1)
	LinkFixes         LinkType = "fixes"                // a release → a known error or problem it fixes (9.3)
	LinkCarries       LinkType = "carries"              // a release → a known error it goes live with (9.3)
	LinkDeploys       LinkType = "deploys"              // a deployment → the release it deploys (9.3)
	LinkScheduledIn   LinkType = "scheduled-in"         // a request for change → the schedule of change listing it (9.2)
	LinkReviewedBy    LinkType = "reviewed-by"          // a record → the review made of it (PIR, post-deployment, major incident)
	LinkTestedBy      LinkType = "tested-by"            // a release → its acceptance test (9.3)
	LinkAfterRelease  LinkType = "after-release"        // an incident → the release deployed before it, in its review period (9.3)
	LinkChangedBy     LinkType = "changed-by"           // a CI → a request for change associated with it (9.1)
	LinkIncludes      LinkType = "includes"             // a baseline → a CI it holds (9.1)
	LinkSecurityCheck LinkType = "security-assessed-by" // a request for change → its security risk assessment (6.6.3)
	LinkReportedIn    LinkType = "reported-in"          // a record → the service report that reports it (6.2)
	LinkGoverns       LinkType = "governed-by"          // a record → the policy that governs it (change policy, release policy)

	// Clauses 5–7
	LinkFulfils            LinkType = "fulfils"                // a service plan or design → the service requirement it meets (5.2)
	LinkDesignedBy         LinkType = "designed-by"            // a service plan → the service design made for it (5.3)
	LinkAcceptedAgainst    LinkType = "accepted-against"       // a service plan, design or acceptance test → an acceptance criterion (5.2, 5.4)
	LinkAcceptanceTestedBy LinkType = "acceptance-tested-by"   // a service plan → its service acceptance test (5.4)
	LinkTransitionReported LinkType = "transition-reported-in" // a service plan → its transition report (5.4)
	LinkSpecifies          LinkType = "specifies"              // a service design → an SLA, catalogue, contract or CI it calls for (5.1, 5.3)
	LinkEvidencedBy        LinkType = "evidenced-by"           // a transition report or acceptance test → release test or deployment results (5.4)
	LinkAmendedBy          LinkType = "amended-by"             // an agreement or catalogue → the request for change that amended it (6.1, 9.2)
	LinkSupports           LinkType = "supports"               // an OLA or supplier contract → the agreement it supports (6.1, 7.2)
	LinkAfterChange        LinkType = "after-change"           // a continuity or availability plan test → the major change it re-tests after (6.3.2)
	LinkAbout              LinkType = "about"                  // a record → a record of another process it concerns (a complaint about an incident)
	LinkTreatedBy          LinkType = "treated-by"             // a security risk assessment → a control that treats its risks (6.6.2)
	LinkGrantsAccess       LinkType = "grants-access-to"       // an access agreement → the supplier it admits (6.6.2)
)

type linkRule struct {
	from, to []RecordKind // nil means any kind
}

var (
	tickets     = []RecordKind{KindIncident, KindServiceRequest}
	ciAffecting = []RecordKind{
		KindIncident, KindServiceRequest, KindProblem, KindKnownError, KindRequestForChange,
		KindRelease, KindDeployment, KindContinuityInvocation,
	}
)

// linkRules is the table of allowed pairs per link type. A pair joining the
// records of two processes must match an interface of Annex A
// (interfaces.Standard checks this in its tests).
var linkRules = map[LinkType][]linkRule{
	LinkService:    {{nil, []RecordKind{KindService}}},
	LinkAffects:    {{ciAffecting, []RecordKind{KindConfigurationItem}}},
	LinkCausedBy:   {{[]RecordKind{KindIncident, KindProblem}, []RecordKind{KindRequestForChange, KindRelease, KindDeployment}}},
	LinkResolvedBy: {{[]RecordKind{KindIncident}, []RecordKind{KindKnownError, KindProblem, KindRequestForChange, KindRelease}}, {[]RecordKind{KindProblem}, []RecordKind{KindRequestForChange, KindRelease}}},
	LinkRaised: {
		{tickets, []RecordKind{KindProblem, KindRequestForChange}},
		{[]RecordKind{KindProblem}, []RecordKind{KindKnownError}},
		{[]RecordKind{KindSecurityIncidentReview}, []RecordKind{KindProblem, KindRequestForChange}},
		{[]RecordKind{KindCapacityThreshold}, []RecordKind{KindIncident}},
		{[]RecordKind{KindCapacityPlan, KindContinuityRiskAssessment, KindContinuityPlan, KindServiceReview, KindServicePlan, KindSLA, KindSupplierReview, KindSecurityRiskAssessment, KindImprovement}, []RecordKind{KindRequestForChange}},
		{[]RecordKind{KindComplaint}, []RecordKind{KindRequestForChange}}, // A.8 #51: the action on a complaint is a change to a service or agreement (7.1)
	},
	LinkRequires:      {{[]RecordKind{KindProblem}, []RecordKind{KindRequestForChange}}},
	LinkKnownError:    {{[]RecordKind{KindProblem}, []RecordKind{KindKnownError}}},
	LinkDuplicateOf:   {{tickets, tickets}, {[]RecordKind{KindProblem}, []RecordKind{KindProblem}}},
	LinkChildOf:       {{tickets, tickets}, {[]RecordKind{KindProblem}, []RecordKind{KindProblem}}, {[]RecordKind{KindRequestForChange}, []RecordKind{KindRequestForChange}}},
	LinkImplementedBy: {{[]RecordKind{KindRequestForChange}, []RecordKind{KindRelease}}},
	LinkBaselinedBy:   {{[]RecordKind{KindRelease}, []RecordKind{KindConfigurationBaseline}}},
	LinkFixes:         {{[]RecordKind{KindRelease}, []RecordKind{KindKnownError, KindProblem}}},
	LinkCarries:       {{[]RecordKind{KindRelease}, []RecordKind{KindKnownError}}},
	LinkDeploys:       {{[]RecordKind{KindDeployment}, []RecordKind{KindRelease}}},
	LinkScheduledIn:   {{[]RecordKind{KindRequestForChange}, []RecordKind{KindScheduleOfChange}}},
	LinkReviewedBy: {
		{[]RecordKind{KindRequestForChange}, []RecordKind{KindPostImplementationReview}},
		{[]RecordKind{KindRelease, KindDeployment}, []RecordKind{KindPostDeploymentReview}},
		{[]RecordKind{KindIncident}, []RecordKind{KindMajorIncidentReview}},
	},
	LinkTestedBy:      {{[]RecordKind{KindRelease}, []RecordKind{KindReleaseAcceptanceTest}}},
	LinkAfterRelease:  {{[]RecordKind{KindIncident}, []RecordKind{KindRelease}}},
	LinkChangedBy:     {{[]RecordKind{KindConfigurationItem}, []RecordKind{KindRequestForChange}}},
	LinkIncludes:      {{[]RecordKind{KindConfigurationBaseline}, []RecordKind{KindConfigurationItem}}},
	LinkSecurityCheck: {{[]RecordKind{KindRequestForChange}, []RecordKind{KindSecurityRiskAssessment}}},
	LinkReportedIn: {{[]RecordKind{
		KindIncident, KindMajorIncidentReview, KindContinuityInvocation, KindAvailabilityMeasurement,
		KindDeployment, KindComplaint, KindSatisfactionSurvey, KindTargetMeasurement, KindTransitionReport,
		KindCapacityForecast, KindUtilisationSeries,
	}, []RecordKind{KindServiceReport}}},
	LinkGoverns: {
		{[]RecordKind{KindRequestForChange}, []RecordKind{KindChangePolicy}},
		{[]RecordKind{KindRelease}, []RecordKind{KindReleasePolicy}},
	},

	// Clauses 5–7
	LinkFulfils:            {{[]RecordKind{KindServicePlan, KindServiceDesign}, []RecordKind{KindServiceRequirement}}},
	LinkDesignedBy:         {{[]RecordKind{KindServicePlan}, []RecordKind{KindServiceDesign}}},
	LinkAcceptedAgainst:    {{[]RecordKind{KindServicePlan, KindServiceDesign, KindServiceAcceptanceTest}, []RecordKind{KindAcceptanceCriterion}}},
	LinkAcceptanceTestedBy: {{[]RecordKind{KindServicePlan}, []RecordKind{KindServiceAcceptanceTest}}},
	LinkTransitionReported: {{[]RecordKind{KindServicePlan}, []RecordKind{KindTransitionReport}}},
	LinkSpecifies: {
		{[]RecordKind{KindServiceDesign}, []RecordKind{KindSLA, KindServiceCatalogue}}, // A.1 #6
		{[]RecordKind{KindServiceDesign}, []RecordKind{KindSupplierContract}},          // A.1 #7
		{[]RecordKind{KindServiceDesign}, []RecordKind{KindConfigurationItem}},         // A.1 #3
	},
	LinkEvidencedBy: {{[]RecordKind{KindTransitionReport, KindServiceAcceptanceTest}, []RecordKind{KindReleaseAcceptanceTest, KindDeployment}}}, // A.1 #5
	LinkAmendedBy:   {{[]RecordKind{KindSLA, KindOLA, KindServiceCatalogue}, []RecordKind{KindRequestForChange}}},                               // A.2 #22, #73
	LinkSupports: {
		{[]RecordKind{KindOLA}, []RecordKind{KindSLA}},
		{[]RecordKind{KindSupplierContract}, []RecordKind{KindSLA, KindOLA}}, // A.9 #19
	},
	LinkAfterChange: {{[]RecordKind{KindPlanTest}, []RecordKind{KindRequestForChange}}}, // A.4 #32
	LinkAbout: {
		{[]RecordKind{KindComplaint}, []RecordKind{KindIncident}},                                                     // A.8 #52
		{[]RecordKind{KindAvailabilityMeasurement, KindContinuityInvocation}, []RecordKind{KindIncident}},             // A.4 #35
		{[]RecordKind{KindSecurityIncidentReview}, []RecordKind{KindIncident}},                                        // A.7 #46
		{[]RecordKind{KindServiceReview}, []RecordKind{KindServiceReport}},                                            // A.8 #30
		{[]RecordKind{KindServiceReview}, []RecordKind{KindSLA, KindServiceCatalogue, KindTargetMeasurement}},         // A.8 #21
		{[]RecordKind{KindSupplierReview}, []RecordKind{KindSLA}},                                                     // A.9 #23
		{[]RecordKind{KindContinuityRiskAssessment, KindContinuityPlan, KindAvailabilityPlan}, []RecordKind{KindSLA}}, // A.4 #16
	},
	LinkTreatedBy:    {{[]RecordKind{KindSecurityRiskAssessment}, []RecordKind{KindSecurityControl}}},
	LinkGrantsAccess: {{[]RecordKind{KindAccessAgreement}, []RecordKind{KindSupplier}}}, // A.7 #49
}

// LinkTypes returns the link types the library knows, sorted.
func LinkTypes() []LinkType {
	ts := make([]LinkType, 0, len(linkRules))
	for t := range linkRules {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	return ts
}

// Valid reports whether t is a link type the library knows.
func (t LinkType) Valid() bool {
	_, ok := linkRules[t]
	return ok
}

// Custom reports whether t is a host's own link type ("x-…").
func (t LinkType) Custom() bool {
	return len(t) > 2 && strings.HasPrefix(string(t), CustomKindPrefix)
}

// String returns the link type's code.
func (t LinkType) String() string { return string(t) }

// MarshalText encodes a known or custom link type as its code and the zero
// LinkType as nothing (unset); any other value is an error wrapping
// [ErrInvalidValue].
func (t LinkType) MarshalText() ([]byte, error) {
	if t.Custom() {
		return []byte(t), nil
	}
	return MarshalEnum(t)
}

// UnmarshalText decodes a known or custom link type, or "" (unset); any
// other value is refused and leaves t unchanged.
func (t *LinkType) UnmarshalText(b []byte) error {
	if c := LinkType(b); c.Custom() {
		*t = c
		return nil
	}
	return UnmarshalEnum(t, b)
}

// Allows reports whether a link of type t may go from a record of kind from
// to one of kind to. Custom link types allow any pair of valid or custom kinds.
func (t LinkType) Allows(from, to RecordKind) bool {
	if t.Custom() {
		return (from.Valid() || from.Custom()) && (to.Valid() || to.Custom())
	}
	for _, r := range linkRules[t] {
		if (r.from == nil || slices.Contains(r.from, from)) && (r.to == nil || slices.Contains(r.to, to)) {
			return true
		}
	}
	return false
}

// Pairs yields every pair of known kinds a link of type t may join, in a
// deterministic order; a rule that allows any kind yields every known kind.
func (t LinkType) Pairs() iter.Seq2[RecordKind, RecordKind] {
	return func(yield func(RecordKind, RecordKind) bool) {
		for _, r := range linkRules[t] {
			from, to := r.from, r.to
			if from == nil {
				from = Kinds()
			}
			if to == nil {
				to = Kinds()
			}
			for _, f := range from {
				for _, k := range to {
					if !yield(f, k) {
						return
					}
				}
			}
		}
	}
}

// check reports why l may not leave a record of kind from, or nil.
func (l Link) check(from RecordKind) error {
	switch {
	case l.Type == "":
		return fmt.Errorf("type: %w", ErrRequired)
	case l.To.IsZero():
		return fmt.Errorf("to: %w", ErrRequired)
	case !l.Type.Valid() && !l.Type.Custom():
		return fmt.Errorf("unknown link type %q: %w", l.Type, ErrInvalidLink)
	case !l.Type.Allows(from, l.Kind):
		return fmt.Errorf("%s may not join %s to %s: %w", l.Type, from, orNone(string(l.Kind)), ErrInvalidLink)
	}
	return nil
}
