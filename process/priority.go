package process

import (
	"fmt"
	"maps"
	"slices"
	"time"
)

// Priority and major incidents as data (ISO/IEC 20000-1:2011, 8.1: the
// priority of incidents and service requests takes account of impact and
// urgency; major incidents are classified by criteria agreed with the
// customer). The library's default matrix is the example of the reference
// priority table; a host replaces it per service or SLA, and every computed
// priority says which matrix version produced it.

// ClockBasis says on which clock a priority's targets run (ISO/IEC
// 20000-1:2011, 6.1). The zero ClockBasis is unset.
type ClockBasis string

// The clocks a priority's targets run on.
const (
	ClockAroundTheClock ClockBasis = "24x7"          // real elapsed time
	ClockServiceHours   ClockBasis = "service-hours" // the service hours of the SLA
)

// Valid reports whether b is one of the clocks above.
func (b ClockBasis) Valid() bool { return b == ClockAroundTheClock || b == ClockServiceHours }

// String returns the clock's code.
func (b ClockBasis) String() string { return string(b) }

// MarshalText encodes the clock basis by the module's rule for enumerations
// ([MarshalEnum]): its code, or nothing when unset.
func (b ClockBasis) MarshalText() ([]byte, error) { return MarshalEnum(b) }

// UnmarshalText decodes a known code or "" (unset) and refuses any other
// value ([UnmarshalEnum]).
func (c *ClockBasis) UnmarshalText(b []byte) error { return UnmarshalEnum(c, b) }

// PriorityTarget is what a priority of a matrix promises (ISO/IEC
// 20000-1:2011, 6.1, 8.1): its name, the business time to first response
// and to resolution (zero: by agreement, no target) and the clock they run
// on.
type PriorityTarget struct {
	Priority      Priority      `json:"priority"`
	Name          string        `json:"name"`
	FirstResponse time.Duration `json:"firstResponse,omitempty"`
	Resolution    time.Duration `json:"resolution,omitempty"`
	Clock         ClockBasis    `json:"clock"`
}

// PriorityMatrix turns an incident's impact and urgency into a priority
// with its targets (ISO/IEC 20000-1:2011, 8.1). It is versioned data: ID
// and Version name it, Impacts and Urgencies list its levels from the
// highest, Cells[i][j] is the priority for Impacts[i] and Urgencies[j],
// and Targets say what each priority promises. Check it with Validate.
type PriorityMatrix struct {
	ID        string           `json:"id"`
	Version   int              `json:"version"`
	Impacts   []Level          `json:"impacts"`
	Urgencies []Level          `json:"urgencies"`
	Cells     [][]Priority     `json:"cells"`
	Targets   []PriorityTarget `json:"targets"`
}

// DefaultPriorityMatrix returns a fresh copy of the library's default
// matrix, "default" version 1: three levels each of impact and urgency,
// priorities 1 (critical) to 5 (planning), with first-response and
// resolution targets; priorities 1 and 2 run around the clock, 3 to 5 on
// the SLA's service hours (ISO/IEC 20000-1:2011, 8.1).
func DefaultPriorityMatrix() *PriorityMatrix {
	day := 24 * time.Hour
	return &PriorityMatrix{
		ID: "default", Version: 1,
		Impacts:   []Level{LevelHigh, LevelMedium, LevelLow},
		Urgencies: []Level{LevelHigh, LevelMedium, LevelLow},
		Cells: [][]Priority{
			{1, 2, 3},
			{2, 3, 4},
			{3, 4, 5},
		},
		Targets: []PriorityTarget{
			{Priority: 1, Name: "critical", FirstResponse: 15 * time.Minute, Resolution: 4 * time.Hour, Clock: ClockAroundTheClock},
			{Priority: 2, Name: "high", FirstResponse: 30 * time.Minute, Resolution: 8 * time.Hour, Clock: ClockAroundTheClock},
			// 3 days of 8 service hours, 5 days of 8 service hours.
			{Priority: 3, Name: "medium", FirstResponse: 2 * time.Hour, Resolution: 24 * time.Hour, Clock: ClockServiceHours},
			{Priority: 4, Name: "low", FirstResponse: day, Resolution: 40 * time.Hour, Clock: ClockServiceHours},
			{Priority: 5, Name: "planning", FirstResponse: 2 * day, Clock: ClockServiceHours},
		},
	}
}

// Validate checks the matrix: an ID and a positive version, levels of
// impact and urgency that are set and unique, every cell filled with a
// priority, one target per priority used, each with a name, a clock, and
// durations not negative.
func (m *PriorityMatrix) Validate() error {
	v := ValidationError{Subject: "priority matrix " + m.ID}
	v.Require("id", m.ID != "")
	if m.Version < 1 {
		v.Addf("version", ErrInvalidValue, "version %d is not positive", m.Version)
	}
	levels := func(name string, ls []Level) {
		if len(ls) == 0 {
			v.Add(name, ErrRequired)
		}
		seen := map[Level]bool{}
		for i, l := range ls {
			path := fmt.Sprintf("%s[%d]", name, i)
			if l == "" {
				v.Add(path, ErrRequired)
			} else if seen[l] {
				v.Addf(path, ErrInvalidValue, "level %q repeated", string(l))
			}
			seen[l] = true
		}
	}
	levels("impacts", m.Impacts)
	levels("urgencies", m.Urgencies)
	used := map[Priority]bool{}
	if len(m.Cells) != len(m.Impacts) {
		v.Addf("cells", ErrInvalidValue, "%d rows for %d impacts", len(m.Cells), len(m.Impacts))
	}
	for i, row := range m.Cells {
		if len(row) != len(m.Urgencies) {
			v.Addf(fmt.Sprintf("cells[%d]", i), ErrInvalidValue, "%d cells for %d urgencies", len(row), len(m.Urgencies))
		}
		for j, p := range row {
			if !p.Valid() {
				v.Add(fmt.Sprintf("cells[%d][%d]", i, j), ErrRequired)
			}
			used[p] = true
		}
	}
	has := map[Priority]bool{}
	for i, t := range m.Targets {
		path := fmt.Sprintf("targets[%d]", i)
		switch {
		case !t.Priority.Valid():
			v.Add(path+".priority", ErrRequired)
		case has[t.Priority]:
			v.Addf(path+".priority", ErrInvalidValue, "%s repeated", t.Priority)
		}
		has[t.Priority] = true
		v.Require(path+".name", t.Name != "")
		if !t.Clock.Valid() {
			v.Addf(path+".clock", ErrInvalidValue, "unknown clock %q", string(t.Clock))
		}
		if t.FirstResponse < 0 {
			v.Addf(path+".firstResponse", ErrInvalidValue, "negative %s", t.FirstResponse)
		}
		if t.Resolution < 0 {
			v.Addf(path+".resolution", ErrInvalidValue, "negative %s", t.Resolution)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(used)) {
		if p.Valid() && !has[p] {
			v.Addf("targets", ErrRequired, "no target for %s", p)
		}
	}
	return v.Err()
}

// Prioritisation is a priority computed by a matrix, with the matrix and
// version that produced it and the impact and urgency it came from
// (ISO/IEC 20000-1:2011, 8.1).
type Prioritisation struct {
	Priority Priority `json:"priority"`
	Impact   Level    `json:"impact"`
	Urgency  Level    `json:"urgency"`
	Matrix   string   `json:"matrix"`
	Version  int      `json:"version"`
}

// Prioritise returns the priority for impact and urgency, with the matrix
// version that produced it. It refuses, with [ErrInvalidValue], a level the
// matrix does not declare.
func (m *PriorityMatrix) Prioritise(impact, urgency Level) (Prioritisation, error) {
	i := slices.Index(m.Impacts, impact)
	j := slices.Index(m.Urgencies, urgency)
	v := ValidationError{Subject: "priority matrix " + m.ID}
	if i < 0 {
		v.Addf("impact", ErrInvalidValue, "level %q not in the matrix", string(impact))
	}
	if j < 0 {
		v.Addf("urgency", ErrInvalidValue, "level %q not in the matrix", string(urgency))
	}
	if i >= 0 && (i >= len(m.Cells) || j >= len(m.Cells[i])) {
		v.Addf("cells", ErrInvalidValue, "no cell for %s impact and %s urgency", impact, urgency)
	}
	if err := v.Err(); err != nil {
		return Prioritisation{}, err
	}
	return Prioritisation{Priority: m.Cells[i][j], Impact: impact, Urgency: urgency, Matrix: m.ID, Version: m.Version}, nil
}

// Target returns what priority p promises, if the matrix has it.
func (m *PriorityMatrix) Target(p Priority) (PriorityTarget, bool) {
	i := slices.IndexFunc(m.Targets, func(t PriorityTarget) bool { return t.Priority == p })
	if i < 0 {
		return PriorityTarget{}, false
	}
	return m.Targets[i], true
}

// MatrixResolver picks the priority matrix in force for a record: the one
// of its SLA, else the one of its service, else Default, else the
// library's default (ISO/IEC 20000-1:2011, 6.1, 8.1: a matrix is agreed per
// service or SLA).
type MatrixResolver struct {
	Default   *PriorityMatrix        `json:"default,omitempty"`
	BySLA     map[ID]*PriorityMatrix `json:"bySLA,omitempty"`
	ByService map[ID]*PriorityMatrix `json:"byService,omitempty"`
}

// Resolve returns the matrix in force for the SLA sla and the service
// service (either may be zero).
func (r *MatrixResolver) Resolve(sla, service ID) *PriorityMatrix {
	if m := r.BySLA[sla]; m != nil && !sla.IsZero() {
		return m
	}
	if m := r.ByService[service]; m != nil && !service.IsZero() {
		return m
	}
	if r.Default != nil {
		return r.Default
	}
	return DefaultPriorityMatrix()
}

// Prioritise resolves the matrix for sla and service and prioritises with
// it.
func (r *MatrixResolver) Prioritise(sla, service ID, impact, urgency Level) (Prioritisation, error) {
	return r.Resolve(sla, service).Prioritise(impact, urgency)
}

// Validate checks every matrix of the resolver, in order of ID.
func (r *MatrixResolver) Validate() error {
	v := ValidationError{Subject: "priority matrices"}
	if r.Default != nil {
		v.Merge("default", r.Default.Validate())
	}
	for _, id := range slices.SortedFunc(maps.Keys(r.BySLA), ID.Compare) {
		v.Merge("bySLA["+id.String()+"]", r.BySLA[id].Validate())
	}
	for _, id := range slices.SortedFunc(maps.Keys(r.ByService), ID.Compare) {
		v.Merge("byService["+id.String()+"]", r.ByService[id].Validate())
	}
	return v.Err()
}

// Override is a priority set by hand instead of the computed one (ISO/IEC
// 20000-1:2011, 8.1): it always carries a reason, who set it and when. Make
// one with [NewOverride]; keep it in the record's history with
// [Override.Event].
type Override struct {
	Computed Prioritisation `json:"computed"`
	Priority Priority       `json:"priority"`
	Reason   string         `json:"reason"`
	By       string         `json:"by"`
	At       time.Time      `json:"at"`
}

// NewOverride overrides the computed priority with p. It refuses, with a
// *[ValidationError], an override without a reason, an unset priority, an
// actor without a name or a zero time.
func NewOverride(computed Prioritisation, p Priority, reason string, by Actor, at time.Time) (Override, error) {
	v := ValidationError{Subject: "priority override"}
	v.Require("reason", reason != "")
	if !p.Valid() {
		v.Add("priority", ErrRequired)
	}
	v.Require("by", by.Name != "")
	v.Require("at", !at.IsZero())
	if err := v.Err(); err != nil {
		return Override{}, err
	}
	return Override{Computed: computed, Priority: p, Reason: reason, By: by.Name, At: at}, nil
}

// Event returns the history entry that records the override: a change of
// the field "priority" from the computed to the overriding priority, written
// as [Set] writes them ("P3"), with the reason and the matrix version as
// note.
func (o Override) Event() Event {
	return Event{At: o.At, Actor: o.By, Action: ActionChanged, Field: "priority",
		From: o.Computed.Priority.String(), To: o.Priority.String(),
		Note: fmt.Sprintf("%s (matrix %s v%d)", o.Reason, o.Computed.Matrix, o.Computed.Version)}
}

// Apply sets the priority field *dst of record r to the override and keeps
// it in the record's history: a change of "priority" from the field's
// current value, by the override's author, with the reason and the matrix
// version as note (ISO/IEC 20000-1:2011, 8.1: the override is traceable).
// It refuses, changing nothing, an override older than the record's last
// history entry or one that changes nothing.
func (o Override) Apply(r Record, dst *Priority) error {
	h := r.Meta()
	if err := h.CheckEvent(Actor{Name: o.By}, o.At); err != nil {
		return err
	}
	if n := len(h.History); n > 0 && o.At.Before(h.History[n-1].At) {
		return fmt.Errorf("process: %s: priority override at %s is before the last history entry: %w",
			h.Subject(), o.At.Format(time.RFC3339), ErrInvalidValue)
	}
	if *dst == o.Priority {
		return fmt.Errorf("process: %s: priority is already %s: %w", h.Subject(), o.Priority, ErrInvalidValue)
	}
	e := o.Event()
	e.From = dst.String()
	*dst = o.Priority
	h.append(e)
	return nil
}

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
// ([MarshalEnum]): its code, or nothing when unset.
func (m MatchMode) MarshalText() ([]byte, error) { return MarshalEnum(m) }

// UnmarshalText decodes a known code or "" (unset) and refuses any other
// value ([UnmarshalEnum]).
func (m *MatchMode) UnmarshalText(b []byte) error { return UnmarshalEnum(m, b) }

// MajorRule is one criterion of a major incident as agreed with the
// customer (ISO/IEC 20000-1:2011, 8.1). It matches an incident when every
// condition it sets holds: a priority at or above MaxPriority (1 is the
// highest), on a service marked critical, on one of Services, at least
// MinAffectedUsers users affected, a security incident. A rule sets at
// least one condition.
type MajorRule struct {
	Name             string   `json:"name"`
	MaxPriority      Priority `json:"maxPriority,omitempty"`
	CriticalService  bool     `json:"criticalService,omitempty"`
	Services         []ID     `json:"services,omitempty"`
	MinAffectedUsers int      `json:"minAffectedUsers,omitempty"`
	Security         bool     `json:"security,omitempty"`
}

func (r MajorRule) match(f IncidentFacts) bool {
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
	v := ValidationError{Subject: "major incident criteria " + c.ID}
	v.Require("id", c.ID != "")
	if c.Version < 1 {
		v.Addf("version", ErrInvalidValue, "version %d is not positive", c.Version)
	}
	if !c.Match.Valid() {
		v.Addf("match", ErrInvalidValue, "unknown match %q", string(c.Match))
	}
	if len(c.Rules) == 0 {
		v.Add("rules", ErrRequired)
	}
	names := map[string]bool{}
	for i, r := range c.Rules {
		path := fmt.Sprintf("rules[%d]", i)
		switch {
		case r.Name == "":
			v.Add(path+".name", ErrRequired)
		case names[r.Name]:
			v.Addf(path+".name", ErrInvalidValue, "name %q repeated", r.Name)
		}
		names[r.Name] = true
		if r.MaxPriority < 0 {
			v.Addf(path+".maxPriority", ErrInvalidValue, "negative priority %d", int(r.MaxPriority))
		}
		if r.MinAffectedUsers < 0 {
			v.Addf(path+".minAffectedUsers", ErrInvalidValue, "negative count %d", r.MinAffectedUsers)
		}
		if r.MaxPriority == 0 && !r.CriticalService && len(r.Services) == 0 && r.MinAffectedUsers == 0 && !r.Security {
			v.Addf(path, ErrInvalidValue, "sets no condition")
		}
	}
	return v.Err()
}

// IncidentFacts are what the major-incident criteria look at (ISO/IEC
// 20000-1:2011, 8.1).
type IncidentFacts struct {
	Priority        Priority `json:"priority"`
	Service         ID       `json:"service,omitzero"`
	CriticalService bool     `json:"criticalService,omitempty"`
	AffectedUsers   int      `json:"affectedUsers,omitempty"`
	Security        bool     `json:"security,omitempty"`
}

// Evaluate reports whether an incident with facts f is major, and the
// names of the rules that matched, in the criteria's order.
func (c *MajorCriteria) Evaluate(f IncidentFacts) (major bool, matched []string) {
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
