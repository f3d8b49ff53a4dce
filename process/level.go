package process

import "fmt"

// Level is a grade of an incident's impact or urgency (ISO/IEC 20000-1:2011,
// 8.1: priority takes account of impact and urgency). The library's default
// levels are high, medium and low; a host's priority matrix may declare its
// own. The zero Level is unset.
type Level string

// The default levels of impact and urgency.
const (
	LevelHigh   Level = "high"
	LevelMedium Level = "medium"
	LevelLow    Level = "low"
)

// Valid reports whether l is one of the default levels.
func (l Level) Valid() bool { return l == LevelHigh || l == LevelMedium || l == LevelLow }

// String returns the level's code.
func (l Level) String() string { return string(l) }

// Priority is the order in which work on an incident, service request or
// problem is done, 1 being the most urgent (ISO/IEC 20000-1:2011, 8.1, 8.2).
// It is computed from impact and urgency by a priority matrix; the zero
// Priority is unset.
type Priority int

// Valid reports whether p is set (1 or more).
func (p Priority) Valid() bool { return p >= 1 }

// String returns "P1", "P2", …, or "unset".
func (p Priority) String() string {
	if p < 1 {
		return "unset"
	}
	return fmt.Sprintf("P%d", int(p))
}
