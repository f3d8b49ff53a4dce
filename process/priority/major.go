package priority

import (
	"fmt"
	"slices"

	"github.com/smskit/iso20000/process"
)

// MatchMode says whether a major incident needs any or all of the rules of
// its criteria (ISO/IEC 20000-1:2011, 8.1). The zero MatchMode is unset.
type MatchMode string

// The match modes.
const (
	MatchAny MatchMode = "any"
	MatchAll MatchMode = "all"
)

// Valid reports whether m is one of the modes above.
func (m MatchMode) Valid() bool { return m == MatchAny || m == MatchAll }

// String returns the mode's code.
func (m MatchMode) String() string { return string(m) }

// MarshalText encodes the match mode by the module's rule for enumerations
// ([process.MarshalEnum]): its code, or nothing when unset.
func (m MatchMode) MarshalText() ([]byte, error) { return process.MarshalEnum(m) }

// UnmarshalText decodes a known code or "" (unset) and refuses any other
// value ([process.UnmarshalEnum]).
func (m *MatchMode) UnmarshalText(b []byte) error { return process.UnmarshalEnum(m, b) }

// MajorRule is one criterion of a major incident as agreed with the
// customer (ISO/IEC 20000-1:2011, 8.1). It matches an incident when every
// condition it sets holds: a priority at or above MaxPriority (1 is the
// highest), on a service marked critical, on one of Services, at least
// MinAffectedUsers users affected, a security incident. A rule sets at
// least one condition.
type MajorRule struct {
	Name             string           `json:"name"`
	MaxPriority      process.Priority `json:"maxPriority,omitempty"`
	CriticalService  bool             `json:"criticalService,omitempty"`
	Services         []process.ID     `json:"services,omitempty"`
	MinAffectedUsers int              `json:"minAffectedUsers,omitempty"`
	Security         bool             `json:"security,omitempty"`
}

func (r MajorRule) match(f Facts) bool {
	return (r.MaxPriority == 0 || (f.Priority.Valid() && f.Priority <= r.MaxPriority)) &&
		(!r.CriticalService || f.CriticalService) &&
		(len(r.Services) == 0 || slices.Contains(r.Services, f.Service)) &&
		(r.MinAffectedUsers == 0 || f.AffectedUsers >= r.MinAffectedUsers) &&
		(!r.Security || f.Security)
}

// MajorCriteria are the criteria agreed with the customer that make an
// incident major (ISO/IEC 20000-1:2011, 8.1), as versioned data: an incident
// is major when any (or all, per Match) of Rules match it.
type MajorCriteria struct {
	ID      string      `json:"id"`
	Version int         `json:"version"`
	Match   MatchMode   `json:"match"`
	Rules   []MajorRule `json:"rules"`
}

// DefaultMajorCriteria returns the library's default criteria, "default"
// version 1: any of a priority 1 incident on a service marked critical, or
// 100 users or more affected.
func DefaultMajorCriteria() *MajorCriteria {
	return &MajorCriteria{ID: "default", Version: 1, Match: MatchAny, Rules: []MajorRule{
		{Name: "priority 1 on a critical service", MaxPriority: 1, CriticalService: true},
		{Name: "100 or more users affected", MinAffectedUsers: 100},
	}}
}

// Validate checks the criteria: an ID, a positive version, a match mode,
// at least one rule, each named uniquely and setting at least one
// condition, none negative.
func (c *MajorCriteria) Validate() error {
	v := process.ValidationError{Package: "priority", Subject: "major incident criteria " + c.ID}
	v.Require("id", c.ID != "")
	if c.Version < 1 {
		v.Addf("version", process.ErrInvalidValue, "version %d is not positive", c.Version)
	}
	if !c.Match.Valid() {
		v.Addf("match", process.ErrInvalidValue, "unknown match %q", string(c.Match))
	}
	if len(c.Rules) == 0 {
		v.Add("rules", process.ErrRequired)
	}
	names := map[string]bool{}
	for i, r := range c.Rules {
		path := fmt.Sprintf("rules[%d]", i)
		switch {
		case r.Name == "":
			v.Add(path+".name", process.ErrRequired)
		case names[r.Name]:
			v.Addf(path+".name", process.ErrInvalidValue, "name %q repeated", r.Name)
		}
		names[r.Name] = true
		if r.MaxPriority < 0 {
			v.Addf(path+".maxPriority", process.ErrInvalidValue, "negative priority %d", int(r.MaxPriority))
		}
		if r.MinAffectedUsers < 0 {
			v.Addf(path+".minAffectedUsers", process.ErrInvalidValue, "negative count %d", r.MinAffectedUsers)
		}
		if r.MaxPriority == 0 && !r.CriticalService && len(r.Services) == 0 && r.MinAffectedUsers == 0 && !r.Security {
			v.Addf(path, process.ErrInvalidValue, "sets no condition")
		}
	}
	return v.Err()
}

// Facts are what the major-incident criteria look at (ISO/IEC
// 20000-1:2011, 8.1).
type Facts struct {
	Priority        process.Priority `json:"priority"`
	Service         process.ID       `json:"service,omitzero"`
	CriticalService bool             `json:"criticalService,omitempty"`
	AffectedUsers   int              `json:"affectedUsers,omitempty"`
	Security        bool             `json:"security,omitempty"`
}

// Evaluate reports whether an incident with facts f is major, and the
// names of the rules that matched, in the criteria's order.
func (c *MajorCriteria) Evaluate(f Facts) (major bool, matched []string) {
	for _, r := range c.Rules {
		if r.match(f) {
			matched = append(matched, r.Name)
		}
	}
	if c.Match == MatchAll {
		return len(c.Rules) > 0 && len(matched) == len(c.Rules), matched
	}
	return len(matched) > 0, matched
}
