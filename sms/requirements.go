package sms

import (
	"fmt"
	"slices"
	"strings"

	"github.com/smskit/iso20000/process"
)

// Requirement is one requirement of ISO/IEC 20000-1:2011 (Clauses 4 to 9),
// stated in the library's own words, with the clauses of the 2018 edition
// that carry it and the rules that judge it from the records. The
// catalogue paraphrases; it does not reproduce the standard.
type Requirement struct {
	// ID is stable: the clause, a slash and a letter ("8.1/b").
	ID string `json:"id"`
	// Clause is the clause of ISO/IEC 20000-1:2011 that sets it.
	Clause string `json:"clause"`
	// Clauses2018 are the clauses of ISO/IEC 20000-1:2018 that carry it.
	Clauses2018 []string `json:"clauses2018"`
	// Process is the process it belongs to, or "" for the SMS itself
	// (Clause 4).
	Process process.Process `json:"process,omitempty"`
	// Summary says what is required, in our words.
	Summary string `json:"summary"`
	// Shown says how a provider shows it is met, in our words.
	Shown string `json:"shown"`
	// Evidence are the rules that judge it; it is met when all are
	// satisfied.
	Evidence []Rule `json:"evidence"`
}

// Attested reports whether the requirement is shown by attestation only.
func (r Requirement) Attested() bool {
	return len(r.Evidence) > 0 && !slices.ContainsFunc(r.Evidence, func(x Rule) bool { return !x.Attest })
}

// Validate reports every field at fault: ID, clause and summary are
// required, the clause must lie in Clauses 4 to 9 and in its process's
// clause, a 2018 clause is required, and there must be at least one rule,
// each valid and named once (ISO/IEC 20000-1:2011, Clauses 4 to 9).
func (r Requirement) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: "requirement " + orNone(r.ID)}
	r.validate(&v, "")
	return v.Err()
}

func (r Requirement) validate(v *process.ValidationError, p string) {
	v.RequireText(p+"id", r.ID)
	v.RequireText(p+"summary", r.Summary)
	v.RequireText(p+"clause", r.Clause)
	if r.Clause != "" {
		top := strings.SplitN(r.Clause, ".", 2)[0]
		if top < "4" || top > "9" || len(top) != 1 {
			v.Addf(p+"clause", process.ErrInvalidValue, "%s is outside Clauses 4 to 9", r.Clause)
		}
		if r.Process != "" && !inClause(r.Clause, r.Process.Clause()) {
			v.Addf(p+"clause", process.ErrInvalidValue, "%s is not a clause of %s (%s)", r.Clause, r.Process, r.Process.Clause())
		}
	}
	if r.Process != "" && !r.Process.Valid() {
		v.Addf(p+"process", process.ErrInvalidValue, "unknown process %q", string(r.Process))
	}
	v.CheckTexts(p+"clauses2018", r.Clauses2018, true)
	v.Require(p+"evidence", len(r.Evidence) > 0)
	names := map[string]bool{}
	for i, x := range r.Evidence {
		path := fmt.Sprintf("%sevidence[%d]", p, i)
		x.validate(v, path)
		if names[x.Name] {
			v.Addf(path+".name", process.ErrExists, "rule %q given twice", x.Name)
		}
		names[x.Name] = true
	}
}

// inClause reports whether c is clause parent or one of its sub-clauses.
func inClause(c, parent string) bool { return c == parent || strings.HasPrefix(c, parent+".") }

// validateCatalogue checks every requirement and that IDs are unique.
func validateCatalogue(reqs []Requirement) error {
	v := process.ValidationError{Package: "sms", Subject: "requirements"}
	ids := map[string]bool{}
	for i, r := range reqs {
		p := fmt.Sprintf("[%d].", i)
		r.validate(&v, p)
		if ids[r.ID] {
			v.Addf(p+"id", process.ErrExists, "%s given twice", r.ID)
		}
		ids[r.ID] = true
	}
	return v.Err()
}

// clone returns a deep copy of r.
func (r Requirement) clone() Requirement {
	r.Clauses2018 = slices.Clone(r.Clauses2018)
	r.Evidence = slices.Clone(r.Evidence)
	for i, x := range r.Evidence {
		x.Kinds = slices.Clone(x.Kinds)
		x.States = slices.Clone(x.States)
		x.Present = slices.Clone(x.Present)
		x.Links = slices.Clone(x.Links)
		for j, n := range x.Links {
			x.Links[j].States = slices.Clone(n.States)
		}
		x.Audit = slices.Clone(x.Audit)
		if x.Fields != nil {
			m := make(map[string]string, len(x.Fields))
			for k, v := range x.Fields {
				m[k] = v
			}
			x.Fields = m
		}
		if x.Each != nil {
			e := *x.Each
			e.Kinds, e.States = slices.Clone(e.Kinds), slices.Clone(e.States)
			x.Each = &e
		}
		r.Evidence[i] = x
	}
	return r
}

// Requirements returns the catalogue of requirements of ISO/IEC
// 20000-1:2011, Clauses 4 to 9, in clause order. The slice and its
// contents are fresh copies on each call.
func Requirements() []Requirement {
	out := make([]Requirement, len(catalogue))
	for i, r := range catalogue {
		out[i] = r.clone()
	}
	return out
}
