package process

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// Decode decodes one record of a kind of this package from JSON into the Go
// type of its kind, read from its "kind" field, and returns it without
// validating it. It returns an error wrapping [ErrUnknownKind] for a kind
// this package has no type for: sms.Decode reads a record of any kind of the
// module (Clause 4, budgeting and capacity records included), a host decodes
// its custom kinds itself.
func Decode(data []byte) (Record, error) { return DecodeWith(data, "process", newRecord) }

// DecodeWith decodes one record from JSON into the Go type that newRecord
// gives for its kind, read from its "kind" field, and returns it without
// validating it. newRecord returns an empty record of its type for a kind,
// or nil for a kind it has none for, which DecodeWith reports as an error
// wrapping [ErrUnknownKind]. Errors open with pkg, the name of the package
// that decodes. Each package of the module decodes its kinds with it, and a
// host decodes its custom kinds ("x-…") the same way; nothing is
// registered anywhere. It decodes with [UnmarshalJSON]: a decimal past the
// limits on untrusted numbers ([MaxDigits], [MaxExponent]) is refused, with
// an error wrapping [ErrTooLarge] that names its JSON path, before it is
// parsed.
func DecodeWith(data []byte, pkg string, newRecord func(RecordKind) Record) (Record, error) {
	var head struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%s: decode record: %w", pkg, err)
	}
	r := newRecord(RecordKind(head.Kind))
	if r == nil {
		return nil, fmt.Errorf("%s: decode record: kind %q: %w", pkg, head.Kind, ErrUnknownKind)
	}
	if err := UnmarshalJSON(data, r); err != nil {
		prefix := pkg + ": decode " + head.Kind + ": "
		if strings.HasPrefix(err.Error(), prefix) {
			return nil, err // the record's own UnmarshalJSON has named it
		}
		return nil, fmt.Errorf("%s%w", prefix, err)
	}
	return r, nil
}

// Copy returns a deep copy of r, made by a JSON round trip, for a record
// shared between goroutines or about to cross a process boundary; times
// come back with the offset JSON writes, not their location. (A [MemStore]
// needs no Copy: its Get already returns a copy of its own.)
func Copy[R Record](r R) (R, error) {
	var zero R
	t := reflect.TypeOf(r)
	if t == nil || t.Kind() != reflect.Pointer || reflect.ValueOf(r).IsNil() {
		return zero, fmt.Errorf("process: copy: %T is not a non-nil pointer to a record: %w", r, ErrInvalidValue)
	}
	data, err := json.Marshal(r)
	if err != nil {
		return zero, fmt.Errorf("process: copy %s: %w", r.Meta().Subject(), err)
	}
	out := reflect.New(t.Elem()).Interface().(R)
	if err := json.Unmarshal(data, out); err != nil {
		return zero, fmt.Errorf("process: copy %s: %w", r.Meta().Subject(), err)
	}
	return out, nil
}

// newRecord returns a new empty record of the Go type for kind k, or nil.
// Each record file adds its kinds here.
func newRecord(k RecordKind) Record {
	switch k {
	case KindService:
		return &Service{}
	case KindIncident:
		return &Incident{}
	case KindServiceRequest:
		return &ServiceRequest{}
	case KindMajorIncidentReview:
		return &MajorIncidentReview{}
	case KindProblem:
		return &Problem{}
	case KindKnownError:
		return &KnownError{}
	case KindCIType:
		return &CIType{}
	case KindConfigurationItem:
		return &ConfigurationItem{}
	case KindCIRelationship:
		return &CIRelationship{}
	case KindConfigurationBaseline:
		return &ConfigurationBaseline{}
	case KindConfigurationAudit:
		return &ConfigurationAudit{}
	case KindChangePolicy:
		return &ChangePolicy{}
	case KindRequestForChange:
		return &RequestForChange{}
	case KindScheduleOfChange:
		return &ScheduleOfChange{}
	case KindPostImplementationReview:
		return &PostImplementationReview{}
	case KindReleasePolicy:
		return &ReleasePolicy{}
	case KindRelease:
		return &Release{}
	case KindReleaseAcceptanceTest:
		return &ReleaseAcceptanceTest{}
	case KindDeployment:
		return &Deployment{}
	case KindPostDeploymentReview:
		return &PostDeploymentReview{}
	case KindServiceRequirement:
		return new(ServiceRequirement)
	case KindServicePlan:
		return new(ServicePlan)
	case KindServiceDesign:
		return new(ServiceDesign)
	case KindAcceptanceCriterion:
		return new(AcceptanceCriterion)
	case KindServiceAcceptanceTest:
		return new(ServiceAcceptanceTest)
	case KindTransitionReport:
		return new(TransitionReport)
	case KindServiceCatalogue:
		return new(ServiceCatalogue)
	case KindSLA:
		return new(SLA)
	case KindOLA:
		return new(OLA)
	case KindTargetMeasurement:
		return new(TargetMeasurement)
	case KindReportDefinition:
		return new(ReportDefinition)
	case KindServiceReport:
		return new(ServiceReport)
	case KindContinuityRiskAssessment:
		return new(ContinuityRiskAssessment)
	case KindContinuityPlan:
		return new(ContinuityPlan)
	case KindAvailabilityPlan:
		return new(AvailabilityPlan)
	case KindPlanTest:
		return new(PlanTest)
	case KindAvailabilityMeasurement:
		return new(AvailabilityMeasurement)
	case KindContinuityInvocation:
		return new(ContinuityInvocation)
	case KindSecurityPolicy:
		return new(SecurityPolicy)
	case KindSecurityRiskAssessment:
		return new(SecurityRiskAssessment)
	case KindSecurityControl:
		return new(SecurityControl)
	case KindAccessAgreement:
		return new(AccessAgreement)
	case KindSecurityIncidentReview:
		return new(SecurityIncidentReview)
	case KindCustomer:
		return new(Customer)
	case KindInterestedParty:
		return new(InterestedParty)
	case KindServiceReview:
		return new(ServiceReview)
	case KindComplaint:
		return new(Complaint)
	case KindSatisfactionSurvey:
		return new(SatisfactionSurvey)
	case KindSupplier:
		return new(Supplier)
	case KindSupplierContract:
		return new(SupplierContract)
	case KindSupplierReview:
		return new(SupplierReview)
	case KindContractDispute:
		return new(ContractDispute)
	}
	return nil
}
