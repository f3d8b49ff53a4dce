package process

import "fmt"

// This file declares RelationType as the records of Clause 9 do (ci.go on
// the records branch); it goes when that lands.

// RelationType is the meaning of a relationship from one configuration item
// to another (ISO/IEC 20000-1:2011, 9.1). The zero RelationType is unset.
type RelationType string

// The types of relationship between configuration items.
const (
	RelationDependsOn   RelationType = "depends-on"   // the item needs the other to work
	RelationRunsOn      RelationType = "runs-on"      // software on its host, a VM on its hypervisor
	RelationPartOf      RelationType = "part-of"      // a component of the other
	RelationConnectedTo RelationType = "connected-to" // a network or physical connection
	RelationUses        RelationType = "uses"         // consumes the other's function
)

// Valid reports whether t is one of the relation types above.
func (t RelationType) Valid() bool {
	switch t {
	case RelationDependsOn, RelationRunsOn, RelationPartOf, RelationConnectedTo, RelationUses:
		return true
	}
	return false
}

// String returns the relation type's code.
func (t RelationType) String() string { return string(t) }

// MarshalText encodes a known relation type; an unknown one is an error.
func (t RelationType) MarshalText() ([]byte, error) {
	if !t.Valid() {
		return nil, fmt.Errorf("process: relation type %q: %w", string(t), ErrInvalidValue)
	}
	return []byte(t), nil
}

// UnmarshalText decodes a known relation type; an unknown one is an error.
func (t *RelationType) UnmarshalText(b []byte) error {
	if !RelationType(b).Valid() {
		return fmt.Errorf("process: relation type %q: %w", string(b), ErrInvalidValue)
	}
	*t = RelationType(b)
	return nil
}
