package interfaces

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/smskit/iso20000/process"
)

// covers reports whether a record was live during the audit period p:
// created before its end, and either changed at or after its start or
// still open then (not in a final state: resolved, closed, completed,
// failed, retired and the like), as an agreement in force or a CI in use
// is. A zero Start or End leaves that side of the period open.
func covers(p process.Window, h *process.Header) bool {
	if !p.End.IsZero() && !h.Created.Before(p.End) {
		return false
	}
	updated := h.Updated
	if updated.IsZero() || updated.Before(h.Created) {
		updated = h.Created
	}
	return p.Start.IsZero() || !updated.Before(p.Start) || !final(h.Status)
}

// final reports whether a status ends a record's life.
func final(status string) bool {
	return status == "reviewed" || slices.Contains(endedStates, status) || slices.Contains(completedStates, status) || slices.Contains(failedStates, status)
}

// RecordRef names a record in a finding: its kind, ID and title.
type RecordRef struct {
	Kind  process.RecordKind `json:"kind"`
	ID    process.ID         `json:"id"`
	Title string             `json:"title,omitempty"`
}

func refOf(h *process.Header) RecordRef { return RecordRef{Kind: h.Kind, ID: h.ID, Title: h.Title} }

// String names the record as messages do: "release 0190a3c1".
func (r RecordRef) String() string { return process.Subject(r.Kind, r.ID) }

// AuditFinding is one interface that live records show failed: the rule,
// the interface (edge, ends, tables), the clauses in both editions, and the
// records, the one checked first.
type AuditFinding struct {
	Rule   string   `json:"rule"`
	Edge   string   `json:"edge,omitempty"`
	From   NodeID   `json:"from"`
	To     NodeID   `json:"to"`
	Tables []string `json:"tables"`
	Clause string   `json:"clause"`
	// Clauses2018 are the clauses of ISO/IEC 20000-1:2018 that carry the
	// same requirement (see [Graph.Clauses2018]).
	Clauses2018 []string    `json:"clauses2018"`
	Records     []RecordRef `json:"records"`
	// Missing is the kind of record the interface calls for that is
	// missing, when one is.
	Missing process.RecordKind `json:"missing,omitempty"`
	Message string             `json:"message"`
}

// RuleCount says how many records a rule checked and how many it found at
// fault.
type RuleCount struct {
	Rule    string `json:"rule"`
	Checked int    `json:"checked"`
	Failed  int    `json:"failed"`
}

// AuditReport is the result of [Audit].
type AuditReport struct {
	Period process.Window `json:"period"`
	// Records is the number of records of the period checked.
	Records int `json:"records"`
	// Rules counts, per rule applied, the records checked and at fault;
	// rules whose interface the graph lacks are left out.
	Rules []RuleCount `json:"rules"`
	// Findings are in the order of the rules, each rule's by the ID of the
	// record checked.
	Findings []AuditFinding `json:"findings"`
}

// applied is a rule with the edge it cites on one graph.
type applied struct {
	rule        Rule
	edge        Edge
	clauses2018 []string
}

// apply returns the rules whose interface g has, with their edges.
func apply(g *Graph, rules []Rule) []applied {
	var as []applied
	for _, r := range rules {
		if e, ok := g.edgeOf(r); ok {
			as = append(as, applied{rule: r, edge: e, clauses2018: g.Clauses2018(r.Clause)})
		}
	}
	return as
}

// missing returns the kind of record a violation of the rule says is
// missing: its own, or else the first the rule calls for.
func (ap *applied) missing(v Violation) process.RecordKind {
	if v.Missing == "" && len(ap.rule.Calls) > 0 {
		return ap.rule.Calls[0]
	}
	return v.Missing
}

// finding turns a violation of an applied rule on h into a finding.
func (ap *applied) finding(h *process.Header, v Violation) AuditFinding {
	missing := ap.missing(v)
	return AuditFinding{
		Rule: ap.rule.Name, Edge: ap.edge.Ref, From: ap.edge.From, To: ap.edge.To,
		Tables: slices.Clone(ap.edge.Tables), Clause: ap.rule.Clause, Clauses2018: slices.Clone(ap.clauses2018),
		Records: append([]RecordRef{refOf(h)}, v.Records...), Missing: missing,
		Message: h.Subject() + ": " + v.Message,
	}
}

// Audit checks the interfaces of g on the live records of store with the
// library's [Rules] and the default [Policy], as of the end of period; see
// [Auditor.Audit]. A nil graph is an empty one: no rule applies.
func Audit(g *Graph, store process.Store, period process.Window) (AuditReport, error) {
	if g == nil {
		g = &Graph{}
	}
	return (&Auditor{Graph: g}).Audit(store, period)
}

// Audit checks the interfaces of the Auditor's graph on the live records of
// store that were live in period (created before its end and changed at or
// after its start; a zero Start or End leaves that side open): for each
// rule whose interface the graph has, every record of the rule's kind,
// judged as of the end of the period (or the Auditor's clock when it has
// none). Each finding names the records, the interface (edge and tables)
// and the clauses. It reads each kind once, plus lookups of the records a
// check follows links to and from, so its time is linear in the number of
// records; it reads the store only through [process.Store] and changes
// nothing. A store error ends the audit and is returned; a nil store is an
// error wrapping [process.ErrRequired], rules that cannot run (no name, a
// repeated name, no kind, no check) a *[process.ValidationError].
func (a *Auditor) Audit(store process.Store, period process.Window) (AuditReport, error) {
	if store == nil {
		return AuditReport{}, fmt.Errorf("interfaces: audit: store: %w", process.ErrRequired)
	}
	rules := a.rules()
	if err := checkRules(rules); err != nil {
		return AuditReport{}, fmt.Errorf("interfaces: audit: %w", err)
	}
	now := period.End
	if now.IsZero() {
		now = a.now()
	}
	c := newContext(process.ReadOnly(store), now, a.Policy)
	as := apply(a.graph(), rules)
	rep := AuditReport{Period: period, Rules: make([]RuleCount, len(as)), Findings: []AuditFinding{}}
	found := make([][]AuditFinding, len(as))
	var kinds []process.RecordKind // in the order rules first read them
	byKind := make(map[process.RecordKind][]int)
	for i, ap := range as {
		rep.Rules[i].Rule = ap.rule.Name
		if _, seen := byKind[ap.rule.Kind]; !seen {
			kinds = append(kinds, ap.rule.Kind)
		}
		byKind[ap.rule.Kind] = append(byKind[ap.rule.Kind], i)
	}
	for _, k := range kinds {
		for _, r := range c.Records(k) {
			h := r.Meta()
			if !covers(period, h) {
				continue
			}
			rep.Records++
			for _, i := range byKind[k] {
				ap := &as[i]
				rep.Rules[i].Checked++
				vs := ap.rule.Check(c, r)
				if len(vs) > 0 {
					rep.Rules[i].Failed++
				}
				for _, v := range vs {
					found[i] = append(found[i], ap.finding(h, v))
				}
			}
			if c.err != nil {
				return AuditReport{}, fmt.Errorf("interfaces: audit: %w", c.err)
			}
		}
		if c.err != nil {
			return AuditReport{}, fmt.Errorf("interfaces: audit: %w", c.err)
		}
	}
	for _, fs := range found {
		slices.SortStableFunc(fs, func(x, y AuditFinding) int { return x.Records[0].ID.Compare(y.Records[0].ID) })
		rep.Findings = append(rep.Findings, fs...)
	}
	return rep, nil
}

// WriteText writes the report for people: a summary per rule, then one line
// per finding with its edge, tables and clause.
func (r AuditReport) WriteText(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "records audited: %d; findings: %d\n", r.Records, len(r.Findings))
	for _, c := range r.Rules {
		fmt.Fprintf(b, "  %-24s checked %d, at fault %d\n", c.Rule, c.Checked, c.Failed)
	}
	for _, f := range r.Findings {
		names := make([]string, len(f.Records))
		for i, rec := range f.Records {
			names[i] = rec.String()
		}
		fmt.Fprintf(b, "%s [edge %s; %s; %s] %s (records: %s)\n", f.Rule, f.Edge, strings.Join(f.Tables, ", "), f.Clause, f.Message, strings.Join(names, ", "))
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("interfaces: write audit report: %w", err)
	}
	return nil
}

func errorsIsNotFound(err error) bool { return errors.Is(err, process.ErrNotFound) }
