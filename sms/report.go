package sms

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/smskit/iso20000/process"
)

// Edition selects the clause numbering of a written report: the edition
// the requirements were written against (2011), or the current one (2018).
type Edition string

// The editions a report can be numbered in.
const (
	Edition2011 Edition = "2011" // ISO/IEC 20000-1:2011
	Edition2018 Edition = "2018" // ISO/IEC 20000-1:2018
)

// Valid reports whether e is one of the editions.
func (e Edition) Valid() bool { return e == Edition2011 || e == Edition2018 }

// String returns the edition's year.
func (e Edition) String() string { return string(e) }

// MarshalText encodes the edition as its year, or as nothing when unset;
// an unknown value is an error wrapping [process.ErrInvalidValue].
func (e Edition) MarshalText() ([]byte, error) { return process.MarshalEnum(e) }

// UnmarshalText decodes a known edition or "" (unset); any other value is
// an error wrapping [process.ErrInvalidValue] and leaves the receiver
// unchanged.
func (e *Edition) UnmarshalText(b []byte) error { return process.UnmarshalEnum(e, b) }

// statusText is how a report shows an outcome.
var statusText = map[Status]string{Met: "met", PartlyMet: "partly met", NotMet: "not met"}

// WriteMarkdown writes the report as a Markdown document a consultant can
// hand a client: the score and totals, the summaries per clause and per
// process, the warnings, then every requirement in clause order with its
// outcome, the evidence that counted and why, and what is missing; the
// gaps are listed first, each with its first missing piece. With
// [Edition2018] the requirements are ordered and headed by their 2018
// clauses, the 2011 clause beside them (ISO/IEC 20000-1:2011, Clauses 4 to
// 9). It refuses an unknown edition.
func (r *Report) WriteMarkdown(w io.Writer, e Edition) error {
	if !e.Valid() {
		return fmt.Errorf("sms: report: edition %q: %w", string(e), process.ErrInvalidValue)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Conformity self-assessment: %s\n\n", orUnnamed(r.System))
	fmt.Fprintf(&b, "Against ISO/IEC 20000-1:2011, numbered by the %s edition. Period %s to %s; records judged as they stood at its end.\n\n",
		e, day(r.Period.Start), day(r.Period.End))
	fmt.Fprintf(&b, "**Score: %.1f%%** (met counts 1, partly met a half) — met %d, partly met %d, not met %d of %d requirements.\n\n",
		r.Score, r.Totals[Met], r.Totals[PartlyMet], r.Totals[NotMet], len(r.Findings))
	for _, wn := range r.Warnings {
		fmt.Fprintf(&b, "> **Warning:** %s\n\n", wn)
	}
	summaries := func(title, key string, ss []Summary) {
		fmt.Fprintf(&b, "## %s\n\n| %s | | met | partly | not met | score |\n|---|---|---:|---:|---:|---:|\n", title, key)
		for _, s := range ss {
			fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %.1f%% |\n", s.Key, s.Title, s.Met, s.PartlyMet, s.NotMet, s.Score)
		}
		b.WriteString("\n")
	}
	summaries("By clause (2011)", "clause", r.Clauses)
	summaries("By process", "process", r.Processes)
	gaps := 0
	for _, f := range r.Findings {
		if f.Status == Met {
			continue
		}
		if gaps == 0 {
			b.WriteString("## Gaps\n\n| requirement | 2018 | outcome | first gap |\n|---|---|---|---|\n")
		}
		gaps++
		first := ""
		for _, res := range f.Results {
			if len(res.Missing) > 0 {
				first = res.Missing[0]
				break
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", f.Requirement.ID, strings.Join(f.Requirement.Clauses2018, ", "), statusText[f.Status], strings.ReplaceAll(first, "|", `\|`))
	}
	if gaps > 0 {
		b.WriteString("\n")
	}

	fs := slices.Clone(r.Findings)
	if e == Edition2018 {
		slices.SortStableFunc(fs, func(x, y Finding) int {
			return compareClauses(first2018(x.Requirement), first2018(y.Requirement))
		})
	}
	b.WriteString("## Requirements\n")
	heading := ""
	for _, f := range fs {
		q := f.Requirement
		h := section(q.Clause)
		if e == Edition2018 {
			h = first2018(q)
		}
		if h != heading {
			heading = h
			if e == Edition2018 {
				fmt.Fprintf(&b, "\n### %s\n", h)
			} else {
				fmt.Fprintf(&b, "\n### %s %s\n", h, sectionTitle(h))
			}
		}
		num := q.ID
		if e == Edition2018 {
			num = strings.Join(q.Clauses2018, ", ") + " (2011: " + q.ID + ")"
		}
		fmt.Fprintf(&b, "\n#### %s — %s\n\n", num, statusText[f.Status])
		fmt.Fprintf(&b, "%s\n\n", q.Summary)
		if e == Edition2011 {
			fmt.Fprintf(&b, "2018: %s. ", strings.Join(q.Clauses2018, ", "))
		}
		fmt.Fprintf(&b, "Shown by: %s\n\n", q.Shown)
		for _, res := range f.Results {
			fmt.Fprintf(&b, "- rule `%s`: %s", res.Rule, statusText[res.Status])
			if res.Counted > 0 {
				fmt.Fprintf(&b, ", %d counted", res.Counted)
			}
			b.WriteString("\n")
			for _, it := range res.Evidence {
				ref := string(it.Kind) + " " + it.ID.Short()
				if it.Attested {
					ref = "attestation backed by " + ref
				}
				fmt.Fprintf(&b, "  - evidence: %s %q — %s\n", ref, it.Title, it.Why)
			}
			if more := res.Counted - len(res.Evidence); more > 0 && len(res.Evidence) > 0 {
				fmt.Fprintf(&b, "  - and %d more\n", more)
			}
			for _, m := range res.Missing {
				fmt.Fprintf(&b, "  - **gap:** %s\n", m)
			}
			for _, n := range res.Notes {
				fmt.Fprintf(&b, "  - note: %s\n", n)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// first2018 is the clause a requirement is ordered under in the 2018
// numbering.
func first2018(q Requirement) string {
	if len(q.Clauses2018) == 0 {
		return "(none)"
	}
	return slices.MinFunc(q.Clauses2018, compareClauses)
}

func orUnnamed(s string) string { return cmp.Or(s, "(unnamed SMS)") }

// WriteCatalogue writes requirements as a Markdown table a researcher can
// read: per requirement its ID, its 2011 and 2018 clauses, its process,
// what it asks, and how it is judged (the rules, or attestation), followed
// by the count of requirements per clause of 2011 and how many are judged
// from records (ISO/IEC 20000-1:2011, Clauses 4 to 9).
func WriteCatalogue(w io.Writer, reqs []Requirement) error {
	var b strings.Builder
	b.WriteString("| ID | 2011 | 2018 | process | requirement | judged by |\n|---|---|---|---|---|---|\n")
	type count struct{ all, attested int }
	per := map[string]*count{}
	var keys []string
	for _, q := range reqs {
		p := "SMS"
		if q.Process != "" {
			p = q.Process.Code()
		}
		var rules []string
		for _, r := range q.Evidence {
			rules = append(rules, "`"+r.Name+"` "+r.judges())
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", q.ID, q.Clause, strings.Join(q.Clauses2018, ", "), p,
			strings.ReplaceAll(q.Summary, "|", `\|`), strings.Join(rules, "; "))
		k := section(q.Clause)
		if per[k] == nil {
			per[k] = &count{}
			keys = append(keys, k)
		}
		per[k].all++
		if q.Attested() {
			per[k].attested++
		}
	}
	b.WriteString("\n| clause | | requirements | from records | by attestation only |\n|---|---|---:|---:|---:|\n")
	var all, attested int
	for _, k := range keys {
		c := per[k]
		all, attested = all+c.all, attested+c.attested
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d |\n", k, sectionTitle(k), c.all, c.all-c.attested, c.attested)
	}
	fmt.Fprintf(&b, "| all | | %d | %d | %d |\n", all, all-attested, attested)
	_, err := io.WriteString(w, b.String())
	return err
}

// judges says in brief what a rule reads.
func (r Rule) judges() string {
	switch {
	case r.Attest:
		return "attestation"
	case r.Check != "":
		return "check " + r.Check
	}
	var parts []string
	if len(r.Kinds) > 0 {
		parts = append(parts, strings.TrimSpace(statesText(r.States)+" "+kindsText(r.Kinds)))
	}
	switch r.Recent {
	case InPeriod:
		parts = append(parts, "in the period")
	case WithinInterval:
		parts = append(parts, fmt.Sprintf("within %d months", r.Months))
	}
	if r.Each != nil {
		parts = append(parts, "covering each "+kindsText(r.Each.Kinds))
	}
	if len(r.Audit) > 0 {
		parts = append(parts, "interface audit "+strings.Join(r.Audit, ", "))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
