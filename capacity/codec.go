package capacity

import (
	"github.com/smskit/iso20000/process"
)

// Decode decodes one capacity record from JSON into its Go type, read from
// its "kind" field, without validating it: a [Requirement], [Resource],
// [Series], [Threshold], [Forecast] or [Plan] (ISO/IEC 20000-1:2011, 6.5).
// It returns an error wrapping process.ErrUnknownKind for any other kind,
// and refuses an enumeration with an unknown value
// (process.ErrInvalidValue) and, before parsing it, a cost past the limits
// on untrusted numbers (process.ErrTooLarge, naming its JSON path). Nothing is registered: process.Decode decodes
// the records of package process, budgeting.Decode those of budgeting.
func Decode(data []byte) (process.Record, error) {
	return process.DecodeWith(data, "capacity", newRecord)
}

// newRecord returns an empty record of this package's type for kind k, or
// nil when the package has none.
func newRecord(k process.RecordKind) process.Record {
	switch k {
	case process.KindCapacityRequirement:
		return new(Requirement)
	case process.KindCapacityResource:
		return new(Resource)
	case process.KindUtilisationSeries:
		return new(Series)
	case process.KindCapacityThreshold:
		return new(Threshold)
	case process.KindCapacityForecast:
		return new(Forecast)
	case process.KindCapacityPlan:
		return new(Plan)
	}
	return nil
}
