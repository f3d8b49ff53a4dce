package sms

import (
	"encoding/json"
	"fmt"

	"github.com/smskit/iso20000/budgeting"
	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/process"
)

// Decode decodes one record of any kind the module defines from JSON into
// the Go type of its kind, read from its "kind" field: the Clause 4 kinds to
// this package's types, the kinds of budgeting and accounting (6.4) by
// [budgeting.Decode], those of capacity management (6.5) by
// [capacity.Decode], and the other kinds of the module by [process.Decode].
// It keeps no registry: the kinds and their types are the module's own. It
// does not validate the record; an enumeration field with an unknown
// value is refused, and so is a decimal past the limits on untrusted
// numbers (process.MaxDigits, process.MaxExponent; process.ErrTooLarge),
// before it is parsed (ISO/IEC 20000-1:2011, 4.3.3). A kind the module does
// not know, a host's custom kinds ("x-…") among them, is refused with an
// error that opens "sms: " and wraps [process.ErrUnknownKind]: custom kinds
// are the host's to decode, with [process.DecodeWith].
func Decode(data []byte) (process.Record, error) {
	var head struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("sms: decode record: %w", err)
	}
	k := process.RecordKind(head.Kind)
	switch {
	case newRecord(k) != nil:
		return process.DecodeWith(data, "sms", newRecord)
	case k.Owner() == process.BudgetingAccounting:
		return budgeting.Decode(data)
	case k.Owner() == process.CapacityManagement:
		return capacity.Decode(data)
	case k.Custom():
		return nil, fmt.Errorf("sms: decode record: kind %q is a host's custom kind, for the host to decode: %w", head.Kind, process.ErrUnknownKind)
	case !k.Valid():
		return nil, fmt.Errorf("sms: decode record: kind %q: %w", head.Kind, process.ErrUnknownKind)
	}
	return process.Decode(data)
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
