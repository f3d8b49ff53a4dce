package budgeting

import (
	"github.com/smskit/iso20000/process"
)

// Decode decodes one budgeting record from JSON into its Go type, read from
// its "kind" field, without validating it (ISO/IEC 20000-1:2011, 6.4). Of
// the kinds of budgeting and accounting, the budget (process.KindBudget,
// a [Budget]) is a record with a header and a history; cost entries,
// apportionment rules, cost reports and charges are plain values
// ([CostEntry], [Rule], [CostReport], [Charge]) that carry no kind and are
// decoded with encoding/json. Decode returns an error wrapping
// process.ErrUnknownKind for any kind it has no record type for, and
// refuses an enumeration with an unknown value (process.ErrInvalidValue)
// and, before parsing it, a decimal past the limits on untrusted numbers
// (process.ErrTooLarge, naming its JSON path); the budget, cost entries,
// rules, charges and money apply those limits however they are decoded.
// Nothing is registered: process.Decode decodes the records of package
// process, and capacity.Decode those of capacity management.
func Decode(data []byte) (process.Record, error) {
	return process.DecodeWith(data, "budgeting", newRecord)
}

// newRecord returns an empty record of this package's type for kind k, or
// nil when the package has none.
func newRecord(k process.RecordKind) process.Record {
	switch k {
	case process.KindBudget:
		return new(Budget)
	}
	return nil
}
