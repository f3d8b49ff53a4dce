package process

import (
	"fmt"

	"github.com/google/uuid"
)

// ID identifies one record of the service management system, whatever its
// kind (ISO/IEC 20000-1:2011, 4.3.3: records are identifiable and
// retrievable). It is a comparable value, usable as a map key; the zero ID
// identifies nothing (see [ID.IsZero]).
type ID uuid.UUID

// NewID returns a fresh ID. IDs are version 7 UUIDs, so that IDs created later
// sort after earlier ones; it panics only if the system's random source fails.
func NewID() ID { return ID(uuid.Must(uuid.NewV7())) }

// ParseID parses an ID in any form uuid.Parse accepts (the canonical
// 8-4-4-4-12 hex form, with or without braces or the urn:uuid: prefix).
func ParseID(s string) (ID, error) {
	u, err := uuid.Parse(s)
	if err != nil {
		return ID{}, fmt.Errorf("process: invalid id %q: %w", s, ErrInvalidValue)
	}
	return ID(u), nil
}

// MustParseID is like [ParseID] but panics on a malformed ID. It is intended
// for tests and for literals in code.
func MustParseID(s string) ID {
	id, err := ParseID(s)
	if err != nil {
		panic(err)
	}
	return id
}

// IsZero reports whether id is the zero ID, which identifies no record.
func (id ID) IsZero() bool { return id == ID{} }

// String returns the canonical 36-character form of id.
func (id ID) String() string { return uuid.UUID(id).String() }

// Short returns the last eight hex digits of id, as messages name records.
// The last digits are random in a version 7 ID, whose first digits are a
// timestamp shared by records created close together.
func (id ID) Short() string { return id.String()[28:] }

// Compare returns -1, 0 or +1 as id sorts before, with or after other, in
// byte order; for IDs from [NewID] that is creation order.
func (id ID) Compare(other ID) int {
	for i := range id {
		switch {
		case id[i] < other[i]:
			return -1
		case id[i] > other[i]:
			return 1
		}
	}
	return 0
}

// MarshalText encodes id in canonical form.
func (id ID) MarshalText() ([]byte, error) { return uuid.UUID(id).MarshalText() }

// UnmarshalText decodes an ID from any form [ParseID] accepts.
func (id *ID) UnmarshalText(b []byte) error {
	v, err := ParseID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}
