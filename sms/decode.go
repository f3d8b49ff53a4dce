package sms

import (
	"encoding/json"
	"fmt"

	"github.com/smskit/iso20000/process"
)

// Decode decodes one record from JSON into the Go type of its kind. The
// Clause 4 kinds decode to this package's types; any other kind is passed
// to [process.Decode]. It does not validate the record; an enum field with
// an unknown value is refused (ISO/IEC 20000-1:2011, 4.3.3).
func Decode(data []byte) (process.Record, error) {
	var head struct {
		Kind process.RecordKind `json:"kind"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("sms: decode record: %w", err)
	}
	r := newRecord(head.Kind)
	if r == nil {
		return process.Decode(data)
	}
	if err := json.Unmarshal(data, r); err != nil {
		return nil, fmt.Errorf("sms: decode %s: %w", head.Kind, err)
	}
	return r, nil
}

// newRecord returns an empty record of this package's type for k, or nil.
func newRecord(k process.RecordKind) process.Record {
	switch k {
	case process.KindScopeStatement:
		return &ScopeStatement{}
	case process.KindServiceManagementPolicy:
		return &Policy{}
	case process.KindServiceManagementObjective:
		return &Objective{}
	case process.KindServiceManagementPlan:
		return &Plan{}
	case process.KindOtherParty:
		return &OtherParty{}
	case process.KindDocument:
		return &Document{}
	case process.KindCompetenceRecord:
		return &CompetenceRecord{}
	case process.KindTrainingRecord:
		return &TrainingRecord{}
	case process.KindInternalAudit:
		return &InternalAudit{}
	case process.KindAuditFinding:
		return &AuditFinding{}
	case process.KindManagementReview:
		return &ManagementReview{}
	case process.KindNonconformity:
		return &Nonconformity{}
	case process.KindCorrectiveAction:
		return &CorrectiveAction{}
	case process.KindPreventiveAction:
		return &PreventiveAction{}
	case process.KindImprovement:
		return &Improvement{}
	}
	return nil
}
