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

// statusText is how a report shows an outcome.
var statusText = map[Status]string{Met: "met", PartlyMet: "partly met", NotMet: "not met"}

// WriteMarkdown writes the report as a Markdown document a consultant can
// hand a client: the score and totals, the summaries per clause and per
// process, the warnings, then every requirement in clause order with its
// outcome, the evidence that counted and why, and what is missing. With
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
				ref := string(it.Kind)
				if !it.ID.IsZero() {
					ref += " " + it.ID.Short()
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
