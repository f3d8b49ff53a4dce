package sms

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/smskit/iso20000/process"
)

// Status is the outcome of assessing one requirement of [Requirements]
// against the records kept (ISO/IEC 20000-1:2011, Clauses 4 to 9). The
// zero Status is unset.
type Status string

// The outcomes of a self-assessment (ISO/IEC 20000-1:2011, Clauses 4 to
// 9).
const (
	Met           Status = "met"            // a record of every evidence kind was found
	PartlyMet     Status = "partly-met"     // some evidence was found, some is missing
	NotMet        Status = "not-met"        // no evidence was found
	NotApplicable Status = "not-applicable" // the system excludes the process, with a reason
)

// Valid reports whether s is one of the four outcomes.
func (s Status) Valid() bool {
	switch s {
	case Met, PartlyMet, NotMet, NotApplicable:
		return true
	}
	return false
}

// String returns the outcome's code.
func (s Status) String() string { return string(s) }

// MarshalText encodes the outcome as its code, or as nothing when unset;
// an unknown value is an error wrapping [process.ErrInvalidValue].
func (s Status) MarshalText() ([]byte, error) { return process.MarshalEnum(s) }

// UnmarshalText decodes a known outcome or "" (unset); any other value
// is an error wrapping [process.ErrInvalidValue] and leaves the receiver
// unchanged.
func (s *Status) UnmarshalText(b []byte) error { return process.UnmarshalEnum(s, b) }

// System describes the service management system being assessed: what it
// leaves out and what other parties run for it (ISO/IEC 20000-1:2011, 4.2,
// 4.5.1). The zero System runs every process itself and excludes nothing.
type System struct {
	// Name names the SMS in reports.
	Name string `json:"name"`
	// Excluded maps a process the provider does not run to the reason.
	// The requirements of Clause 4 can never be excluded.
	Excluded map[process.Process]string `json:"excluded,omitempty"`
	// OperatedByOthers lists the processes that other parties (suppliers,
	// internal groups, customers acting as suppliers) operate in whole or
	// in part; the provider must show it governs them (4.2).
	OperatedByOthers []process.Process `json:"operatedByOthers,omitempty"`
}

// Validate reports unknown processes and exclusions without a reason
// (ISO/IEC 20000-1:2011, 4.2, 4.5.1).
func (s System) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: "system"}
	for _, p := range slices.Sorted(maps.Keys(s.Excluded)) {
		path := "excluded." + string(p)
		if !p.Valid() {
			v.Addf(path, process.ErrInvalidValue, "unknown process %q", string(p))
		}
		v.Require(path, s.Excluded[p] != "")
	}
	for i, p := range s.OperatedByOthers {
		if !p.Valid() {
			v.Addf(fmt.Sprintf("operatedByOthers[%d]", i), process.ErrInvalidValue, "unknown process %q", string(p))
		}
	}
	return v.Err()
}

// Evidence is what a self-assessment found of one kind of record: the
// records kept to show conformity (ISO/IEC 20000-1:2011, 4.3.3).
type Evidence struct {
	Kind  process.RecordKind `json:"kind"`
	Count int                `json:"count"`
}

// Finding is the assessment of one requirement: its outcome, the evidence
// found and the kinds of record missing (ISO/IEC 20000-1:2011, Clauses 4
// to 9).
type Finding struct {
	Requirement Requirement          `json:"requirement"`
	Status      Status               `json:"status"`
	Found       []Evidence           `json:"found,omitempty"`
	Missing     []process.RecordKind `json:"missing,omitempty"`
	Note        string               `json:"note,omitempty"`
}

// Report is a gap report: one finding per requirement, in clause order,
// with the totals per outcome (ISO/IEC 20000-1:2011, Clauses 4 to 9).
type Report struct {
	System   string         `json:"system"`
	Findings []Finding      `json:"findings"`
	Totals   map[Status]int `json:"totals"`
}

// Assess checks every requirement of [Requirements] against the records in
// store and returns a gap report. A requirement is met when a record of every
// evidence kind is found, partly met when some are, not met when none are,
// and not applicable when the system excludes its process. It refuses an
// invalid system and returns the first error the store reports.
//
// Governance (4.2) is judged on the system: processes operated by other
// parties need other-party records, and when others operate most of the
// processes of Clauses 5 to 9 the finding is at best partly met, since
// governance is then unlikely to be shown (ISO/IEC 20000-2:2012, 1.2).
func Assess(sys System, store process.Store) (*Report, error) {
	store = process.ReadOnly(store) // reads only: no copies
	if err := sys.Validate(); err != nil {
		return nil, err
	}
	counts := map[process.RecordKind]int{}
	count := func(k process.RecordKind) (int, error) {
		if n, ok := counts[k]; ok {
			return n, nil
		}
		n := 0
		for _, err := range store.Records(k) {
			if err != nil {
				return 0, fmt.Errorf("sms: assess: reading %s records: %w", k, err)
			}
			n++
		}
		counts[k] = n
		return n, nil
	}
	rep := &Report{System: sys.Name, Totals: map[Status]int{}}
	for _, req := range Requirements() {
		f := Finding{Requirement: req}
		if reason, ok := sys.Excluded[req.Process]; ok && req.Process != "" {
			f.Status, f.Note = NotApplicable, reason
			rep.add(f)
			continue
		}
		evidence := req.Evidence
		if evidence == nil { // any record at all shows records are kept
			evidence = process.Kinds()
		}
		for _, k := range evidence {
			n, err := count(k)
			if err != nil {
				return nil, err
			}
			if n > 0 {
				f.Found = append(f.Found, Evidence{Kind: k, Count: n})
			} else if req.Evidence != nil {
				f.Missing = append(f.Missing, k)
			}
		}
		switch {
		case len(f.Found) == 0:
			f.Status = NotMet
			if req.Evidence == nil {
				f.Missing = []process.RecordKind{}
				f.Note = "no records at all"
			}
		case len(f.Missing) == 0:
			f.Status = Met
		default:
			f.Status = PartlyMet
		}
		if req.ID == "4.2/a" {
			governance(&f, sys)
		}
		rep.add(f)
	}
	return rep, nil
}

// governance adjusts the finding of 4.2 to what the system declares.
func governance(f *Finding, sys System) {
	if len(sys.OperatedByOthers) == 0 {
		f.Status, f.Missing, f.Note = Met, nil, "no process is operated by another party"
		return
	}
	distinct := map[process.Process]bool{}
	for _, p := range sys.OperatedByOthers {
		distinct[p] = true
	}
	if len(distinct)*2 > len(process.All()) && f.Status == Met {
		f.Status = PartlyMet
		f.Note = fmt.Sprintf("other parties operate %d of the %d processes: governance is unlikely to be shown", len(distinct), len(process.All()))
	}
}

func (r *Report) add(f Finding) {
	r.Findings = append(r.Findings, f)
	r.Totals[f.Status]++
}

// WriteText writes the report as plain text, one line per requirement and a
// line of totals (ISO/IEC 20000-1:2011, Clauses 4 to 9).
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Conformity self-assessment: %s\n", orUnnamed(r.System))
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "%-8s %-14s %s\n", f.Requirement.ID, f.Status, f.Requirement.Summary)
		if len(f.Missing) > 0 {
			ks := make([]string, len(f.Missing))
			for i, k := range f.Missing {
				ks[i] = string(k)
			}
			fmt.Fprintf(&b, "         missing: %s\n", strings.Join(ks, ", "))
		}
		if f.Note != "" {
			fmt.Fprintf(&b, "         note: %s\n", f.Note)
		}
	}
	fmt.Fprintf(&b, "met %d, partly met %d, not met %d, not applicable %d\n",
		r.Totals[Met], r.Totals[PartlyMet], r.Totals[NotMet], r.Totals[NotApplicable])
	_, err := io.WriteString(w, b.String())
	return err
}

// JSON returns the report as indented JSON; totals are keyed by status in
// sorted order (ISO/IEC 20000-1:2011, Clauses 4 to 9).
func (r *Report) JSON() ([]byte, error) { return json.MarshalIndent(r, "", "  ") }

func orUnnamed(s string) string {
	if s == "" {
		return "(unnamed SMS)"
	}
	return s
}
