package sms

import (
	"slices"

	"github.com/smskit/iso20000/process"
)

// catalogue is the requirement data, in clause order and our own words:
// Clause 4 in catalogue4.go, Clauses 5 and 6 in catalogue56.go, Clauses
// 7 to 9 in catalogue79.go.
var catalogue = slices.Concat(clause4, clause5, clause6, clause7, clause8, clause9)

// The processes, short.
const (
	p5   = process.DesignTransition
	p61  = process.ServiceLevelManagement
	p62  = process.ServiceReporting
	p63  = process.ContinuityAvailabilityManagement
	p64  = process.BudgetingAccounting
	p65  = process.CapacityManagement
	p66  = process.InformationSecurityManagement
	p71  = process.BusinessRelationshipManagement
	p72  = process.SupplierManagement
	p81  = process.IncidentRequestManagement
	p82  = process.ProblemManagement
	p91  = process.ConfigurationManagement
	p92  = process.ChangeManagement
	p93  = process.ReleaseDeploymentManagement
	none = process.Process("")
)

// The builders below keep the catalogue readable as data: each returns a
// changed copy of its rule.

// req is one requirement.
func req(id, clause string, c2018 []string, p process.Process, summary, shown string, rules ...Rule) Requirement {
	return Requirement{ID: id, Clause: clause, Clauses2018: c2018, Process: p, Summary: summary, Shown: shown, Evidence: rules}
}

// in2018 lists 2018 clauses.
func in2018(cs ...string) []string { return cs }

// rec is a rule counting valid records of the kinds.
func rec(name string, ks ...process.RecordKind) Rule { return Rule{Name: name, Kinds: ks} }

// states converts typed states to the text rules compare.
func states[S ~string](ss ...S) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// in keeps records in one of the states.
func (r Rule) in(ss ...string) Rule { r.States = append(slices.Clone(r.States), ss...); return r }

// where keeps records whose JSON field holds value.
func (r Rule) where(field, value string) Rule {
	m := map[string]string{field: value}
	for k, v := range r.Fields {
		m[k] = v
	}
	r.Fields = m
	return r
}

// with keeps records whose JSON fields hold a value.
func (r Rule) with(fields ...string) Rule {
	r.Present = append(slices.Clone(r.Present), fields...)
	return r
}

// inPeriod keeps records dated in the period.
func (r Rule) inPeriod() Rule { r.Recent = InPeriod; return r }

// within keeps records dated at most months before the period's end.
func (r Rule) within(months int) Rule { r.Recent, r.Months = WithinInterval, months; return r }

// dated dates records by their JSON time field.
func (r Rule) dated(field string) Rule { r.Date = field; return r }

// due asks that the latest record not be overdue by its JSON time field.
func (r Rule) due(field string) Rule { r.Due = field; return r }

// link keeps records linking by t to a record of kind k.
func (r Rule) link(t process.LinkType, k process.RecordKind) Rule {
	r.Links = append(slices.Clone(r.Links), Need{Type: t, Kind: k})
	return r
}

// ref keeps records naming a stored record of kind k in their JSON field.
func (r Rule) ref(field string, k process.RecordKind) Rule {
	r.Links = append(slices.Clone(r.Links), Need{Field: field, Kind: k})
	return r
}

// refIn keeps records naming, in their JSON field, a stored record of
// kind k in one of the states at the period's end.
func (r Rule) refIn(field string, k process.RecordKind, ss ...string) Rule {
	r.Links = append(slices.Clone(r.Links), Need{Field: field, Kind: k, States: ss})
	return r
}

// optional asks only of records that exist: with none, the rule has
// nothing to judge.
func (r Rule) optional() Rule { r.Optional = true; return r }

// atLeast asks for n records.
func (r Rule) atLeast(n int) Rule { r.Min = n; return r }

// each asks that every record of the kinds be joined to a counted record
// by a link of type t (any link when empty), in either direction.
func (r Rule) each(t process.LinkType, ks ...process.RecordKind) Rule {
	r.Each = &Subject{Kinds: ks, Link: t}
	return r
}

// eachNamed asks that every record of the kinds be named in the JSON
// field of a counted record.
func (r Rule) eachNamed(field string, ks ...process.RecordKind) Rule {
	r.Each = &Subject{Kinds: ks, Field: field}
	return r
}

// of narrows the subjects of each to those in the states.
func (r Rule) of(ss ...string) Rule {
	e := *r.Each
	e.States = append(slices.Clone(e.States), ss...)
	r.Each = &e
	return r
}

// audit adds the findings of interface-audit rules.
func (r Rule) audit(names ...string) Rule {
	r.Audit = append(slices.Clone(r.Audit), names...)
	return r
}

// audited is a rule judged by the interface audit alone: the records the
// named rules read must exist in the period, with no finding.
func audited(name string, rules ...string) Rule { return Rule{Name: name, Audit: rules} }

// attested is a rule only an attestation satisfies.
func attested(name string) Rule { return Rule{Name: name, Attest: true} }

// computed is a rule judged by a computed check of [Checks].
func computed(name, check string) Rule { return Rule{Name: name, Check: check} }

// documented is a rule asking for the issued, current documented policy,
// process or procedure of p (or of the SMS, when p is "").
func documented(p process.Process) Rule {
	return rec("documented", process.KindDocument).in(states(DocIssued, DocUnderReview)...).where("process", string(p)).due("reviewDue")
}
