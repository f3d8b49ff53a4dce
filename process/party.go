package process

// PartyType is the kind of other party that operates all or part of a
// process for the provider, which says how the provider governs it
// (ISO/IEC 20000-1:2011, 4.2). The zero PartyType is unset.
type PartyType string

// The other parties of 4.2.
const (
	PartySupplier      PartyType = "supplier"       // an external supplier, governed through a contract by supplier management (7.2)
	PartyInternalGroup PartyType = "internal-group" // a group of the provider's own organisation outside the SMS, governed through an operational level agreement (6.1)
	PartyCustomer      PartyType = "customer"       // a customer acting as a supplier, governed through an agreement with the customer (6.1)
)

// Valid reports whether t is one of the party types.
func (t PartyType) Valid() bool {
	return t == PartySupplier || t == PartyInternalGroup || t == PartyCustomer
}

// String returns the type's code.
func (t PartyType) String() string { return string(t) }

// MarshalText encodes the type by the module's rule for enumerations
// ([MarshalEnum]).
func (t PartyType) MarshalText() ([]byte, error) { return MarshalEnum(t) }

// UnmarshalText decodes the type by the module's rule for enumerations
// ([UnmarshalEnum]).
func (t *PartyType) UnmarshalText(b []byte) error { return UnmarshalEnum(t, b) }
