package capacity

import (
	"encoding/json"
	"fmt"

	"github.com/smskit/iso20000/process"
)

// Decode decodes one capacity record from JSON into its Go type, read from
// its "kind" field, without validating it: a [Requirement], [Resource],
// [Series], [Threshold], [Forecast] or [Plan] (ISO/IEC 20000-1:2011, 6.5).
// It returns an error wrapping process.ErrUnknownKind for any other kind,
// and refuses an enumeration with an unknown value
// (process.ErrInvalidValue). Nothing is registered: process.Decode decodes
// the records of package process, budgeting.Decode those of budgeting.
func Decode(data []byte) (process.Record, error) {
	var head struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("capacity: decode record: %w", err)
	}
	var r process.Record
	switch process.RecordKind(head.Kind) {
	case process.KindCapacityRequirement:
		r = new(Requirement)
	case process.KindCapacityResource:
		r = new(Resource)
	case process.KindUtilisationSeries:
		r = new(Series)
	case process.KindCapacityThreshold:
		r = new(Threshold)
	case process.KindCapacityForecast:
		r = new(Forecast)
	case process.KindCapacityPlan:
		r = new(Plan)
	default:
		return nil, fmt.Errorf("capacity: decode record: kind %q: %w", head.Kind, process.ErrUnknownKind)
	}
	if err := json.Unmarshal(data, r); err != nil {
		return nil, fmt.Errorf("capacity: decode %s: %w", head.Kind, err)
	}
	return r, nil
}
