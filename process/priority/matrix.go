package priority

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
)

// ClockBasis says on which clock a priority's targets run (ISO/IEC
// 20000-1:2011, 6.1). The zero ClockBasis is unset.
type ClockBasis string

// The clocks a priority's targets run on.
const (
	AroundTheClock ClockBasis = "24x7"          // real elapsed time
	OnServiceHours ClockBasis = "service-hours" // the service hours of the SLA
)

// Valid reports whether b is one of the clocks above.
func (b ClockBasis) Valid() bool { return b == AroundTheClock || b == OnServiceHours }

// String returns the clock's code.
func (b ClockBasis) String() string { return string(b) }

// MarshalText encodes the clock basis by the module's rule for enumerations
// ([process.MarshalEnum]): its code, or nothing when unset.
func (b ClockBasis) MarshalText() ([]byte, error) { return process.MarshalEnum(b) }

// UnmarshalText decodes a known code or "" (unset) and refuses any other
// value ([process.UnmarshalEnum]).
func (b *ClockBasis) UnmarshalText(t []byte) error { return process.UnmarshalEnum(b, t) }

// Target is what a priority of a matrix promises (ISO/IEC
// 20000-1:2011, 6.1, 8.1): its name, the business time to first response
// and to resolution (zero: by agreement, no target) and the clock they run
// on.
type Target struct {
	Priority      process.Priority `json:"priority"`
	Name          string           `json:"name"`
	FirstResponse time.Duration    `json:"firstResponse,omitempty"`
	Resolution    time.Duration    `json:"resolution,omitempty"`
	Clock         ClockBasis       `json:"clock"`
}

// Matrix turns an incident's impact and urgency into a priority
// with its targets (ISO/IEC 20000-1:2011, 8.1). It is versioned data: ID
// and Version name it, Impacts and Urgencies list its levels from the
// highest, Cells[i][j] is the priority for Impacts[i] and Urgencies[j],
// and Targets say what each priority promises. Check it with Validate.
type Matrix struct {
	ID        string               `json:"id"`
	Version   int                  `json:"version"`
	Impacts   []process.Level      `json:"impacts"`
	Urgencies []process.Level      `json:"urgencies"`
	Cells     [][]process.Priority `json:"cells"`
	Targets   []Target             `json:"targets"`
}

// DefaultMatrix returns a fresh copy of the library's default
// matrix, "default" version 1: three levels each of impact and urgency,
// priorities 1 (critical) to 5 (planning), with first-response and
// resolution targets; priorities 1 and 2 run around the clock, 3 to 5 on
// the SLA's service hours (ISO/IEC 20000-1:2011, 8.1).
func DefaultMatrix() *Matrix {
	day := 24 * time.Hour
	return &Matrix{
		ID: "default", Version: 1,
		Impacts:   []process.Level{process.LevelHigh, process.LevelMedium, process.LevelLow},
		Urgencies: []process.Level{process.LevelHigh, process.LevelMedium, process.LevelLow},
		Cells: [][]process.Priority{
			{1, 2, 3},
			{2, 3, 4},
			{3, 4, 5},
		},
		Targets: []Target{
			{Priority: 1, Name: "critical", FirstResponse: 15 * time.Minute, Resolution: 4 * time.Hour, Clock: AroundTheClock},
			{Priority: 2, Name: "high", FirstResponse: 30 * time.Minute, Resolution: 8 * time.Hour, Clock: AroundTheClock},
			// 3 days of 8 service hours, 5 days of 8 service hours.
			{Priority: 3, Name: "medium", FirstResponse: 2 * time.Hour, Resolution: 24 * time.Hour, Clock: OnServiceHours},
			{Priority: 4, Name: "low", FirstResponse: day, Resolution: 40 * time.Hour, Clock: OnServiceHours},
			{Priority: 5, Name: "planning", FirstResponse: 2 * day, Clock: OnServiceHours},
		},
	}
}

// Validate checks the matrix: an ID and a positive version, levels of
// impact and urgency that are set and unique, every cell filled with a
// priority, one target per priority used, each with a name, a clock, and
// durations not negative.
func (m *Matrix) Validate() error {
	v := process.ValidationError{Package: "priority", Subject: "priority matrix " + m.ID}
	v.Require("id", m.ID != "")
	if m.Version < 1 {
		v.Addf("version", process.ErrInvalidValue, "version %d is not positive", m.Version)
	}
	levels := func(name string, ls []process.Level) {
		if len(ls) == 0 {
			v.Add(name, process.ErrRequired)
		}
		seen := map[process.Level]bool{}
		for i, l := range ls {
			path := fmt.Sprintf("%s[%d]", name, i)
			if l == "" {
				v.Add(path, process.ErrRequired)
			} else if seen[l] {
				v.Addf(path, process.ErrInvalidValue, "level %q repeated", string(l))
			}
			seen[l] = true
		}
	}
	levels("impacts", m.Impacts)
	levels("urgencies", m.Urgencies)
	used := map[process.Priority]bool{}
	if len(m.Cells) != len(m.Impacts) {
		v.Addf("cells", process.ErrInvalidValue, "%d rows for %d impacts", len(m.Cells), len(m.Impacts))
	}
	for i, row := range m.Cells {
		if len(row) != len(m.Urgencies) {
			v.Addf(fmt.Sprintf("cells[%d]", i), process.ErrInvalidValue, "%d cells for %d urgencies", len(row), len(m.Urgencies))
		}
		for j, p := range row {
			if !p.Valid() {
				v.Add(fmt.Sprintf("cells[%d][%d]", i, j), process.ErrRequired)
			}
			used[p] = true
		}
	}
	has := map[process.Priority]bool{}
	for i, t := range m.Targets {
		path := fmt.Sprintf("targets[%d]", i)
		switch {
		case !t.Priority.Valid():
			v.Add(path+".priority", process.ErrRequired)
		case has[t.Priority]:
			v.Addf(path+".priority", process.ErrInvalidValue, "%s repeated", t.Priority)
		}
		has[t.Priority] = true
		v.Require(path+".name", t.Name != "")
		if !t.Clock.Valid() {
			v.Addf(path+".clock", process.ErrInvalidValue, "unknown clock %q", string(t.Clock))
		}
		if t.FirstResponse < 0 {
			v.Addf(path+".firstResponse", process.ErrInvalidValue, "negative %s", t.FirstResponse)
		}
		if t.Resolution < 0 {
			v.Addf(path+".resolution", process.ErrInvalidValue, "negative %s", t.Resolution)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(used)) {
		if p.Valid() && !has[p] {
			v.Addf("targets", process.ErrRequired, "no target for %s", p)
		}
	}
	return v.Err()
}

// Prioritisation is a priority computed by a matrix, with the matrix and
// version that produced it and the impact and urgency it came from
// (ISO/IEC 20000-1:2011, 8.1).
type Prioritisation struct {
	Priority process.Priority `json:"priority"`
	Impact   process.Level    `json:"impact"`
	Urgency  process.Level    `json:"urgency"`
	Matrix   string           `json:"matrix"`
	Version  int              `json:"version"`
}

// Prioritise returns the priority for impact and urgency, with the matrix
// version that produced it. It refuses, with [process.ErrInvalidValue], a level the
// matrix does not declare.
func (m *Matrix) Prioritise(impact, urgency process.Level) (Prioritisation, error) {
	i := slices.Index(m.Impacts, impact)
	j := slices.Index(m.Urgencies, urgency)
	v := process.ValidationError{Package: "priority", Subject: "priority matrix " + m.ID}
	if i < 0 {
		v.Addf("impact", process.ErrInvalidValue, "level %q not in the matrix", string(impact))
	}
	if j < 0 {
		v.Addf("urgency", process.ErrInvalidValue, "level %q not in the matrix", string(urgency))
	}
	if i >= 0 && (i >= len(m.Cells) || j >= len(m.Cells[i])) {
		v.Addf("cells", process.ErrInvalidValue, "no cell for %s impact and %s urgency", impact, urgency)
	}
	if err := v.Err(); err != nil {
		return Prioritisation{}, err
	}
	return Prioritisation{Priority: m.Cells[i][j], Impact: impact, Urgency: urgency, Matrix: m.ID, Version: m.Version}, nil
}

// Target returns what priority p promises, if the matrix has it.
func (m *Matrix) Target(p process.Priority) (Target, bool) {
	i := slices.IndexFunc(m.Targets, func(t Target) bool { return t.Priority == p })
	if i < 0 {
		return Target{}, false
	}
	return m.Targets[i], true
}
