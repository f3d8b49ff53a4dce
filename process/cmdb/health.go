package cmdb

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/smskit/iso20000/process"
)

// CIHealthInput is a configuration item as the CMDB health check sees it:
// its identity, CI type, fields by name ("version", "owner",
// "attributes.serial") and when it was last updated (ISO/IEC 20000-1:2011,
// 9.1).
type CIHealthInput struct {
	CI      process.ID
	Type    string
	Fields  map[string]string
	Updated time.Time
}

// RelationRule says which CI types a CI of type From may relate to with a
// relationship of type Type (a vm runs-on a host or a cluster). Pairs of
// CI type and relationship type without a rule are not checked (ISO/IEC
// 20000-1:2011, 9.1: each type of CI is defined).
type RelationRule struct {
	From string
	Type process.RelationType
	To   []string
}

// HealthRules are what the CMDB health check holds the CIs to (ISO/IEC
// 20000-1:2011, 9.1: each type of CI is defined; the CMDB is kept accurate
// and audited). The zero HealthRules checks only orphans and relationships
// to unknown CIs.
type HealthRules struct {
	// Required lists, per CI type, the fields every CI of the type fills.
	Required map[string][]string
	// Keys are fields that identify a CI (a serial number, a host name):
	// two CIs of one type with the same non-empty value of a key are
	// duplicates.
	Keys []string
	// StaleAfter, when positive, makes a CI not updated since Now minus
	// StaleAfter stale.
	StaleAfter time.Duration
	Now        time.Time
	// Relations are the type rules of relationships.
	Relations []RelationRule
	// Standalone lists the CI types that may have no relationship (not
	// orphans).
	Standalone []string
}

// HealthIssue is a kind of defect the CMDB health check finds (ISO/IEC
// 20000-1:2011, 9.1). The zero HealthIssue is unset.
type HealthIssue string

// The kinds of CMDB defect.
const (
	HealthIncomplete  HealthIssue = "incomplete"   // a field its type requires is empty
	HealthOrphan      HealthIssue = "orphan"       // no relationship to any CI
	HealthDuplicate   HealthIssue = "duplicate"    // same type and key value as another CI
	HealthStale       HealthIssue = "stale"        // not updated for too long
	HealthBadRelation HealthIssue = "bad-relation" // a relationship to an unknown CI or against the type rules
)

// Valid reports whether i is one of the issues above.
func (i HealthIssue) Valid() bool {
	switch i {
	case HealthIncomplete, HealthOrphan, HealthDuplicate, HealthStale, HealthBadRelation:
		return true
	}
	return false
}

// String returns the issue's code.
func (i HealthIssue) String() string { return string(i) }

// MarshalText encodes the issue as its code, and the zero HealthIssue as
// empty text; it refuses an unknown issue with an error wrapping
// [process.ErrInvalidValue].
func (i HealthIssue) MarshalText() ([]byte, error) { return process.MarshalEnum(i) }

// UnmarshalText decodes an issue's code, and empty text as the zero
// HealthIssue; it refuses any other text with an error wrapping
// [process.ErrInvalidValue], leaving i unchanged.
func (i *HealthIssue) UnmarshalText(b []byte) error { return process.UnmarshalEnum(i, b) }

// HealthFinding is one defect: its kind, the CI, the other CI concerned (the
// CI it duplicates, the target of a bad relationship), the field at fault
// for an incomplete or duplicate CI, and a description (ISO/IEC
// 20000-1:2011, 9.1).
type HealthFinding struct {
	Issue  HealthIssue
	CI     process.ID
	Other  process.ID
	Field  string
	Detail string
}

// HealthReport is the result of a CMDB health check: how many CIs and
// relationships were checked, and every defect found, ordered by CI, then
// issue, then field and other CI (ISO/IEC 20000-1:2011, 9.1).
type HealthReport struct {
	CIs, Relations int
	Findings       []HealthFinding
}

// Count returns the number of findings of issue i.
func (r HealthReport) Count(i HealthIssue) int {
	n := 0
	for _, f := range r.Findings {
		if f.Issue == i {
			n++
		}
	}
	return n
}

// CheckHealth checks the CIs and relationships of a CMDB against rules
// (ISO/IEC 20000-1:2011, 9.1): fields their type requires, orphans,
// duplicates, stale CIs, and relationships to unknown CIs or against the
// type rules. Its work is linear in the CIs and relationships, plus sorting.
func CheckHealth(cis []CIHealthInput, relations []Relation, rules HealthRules) HealthReport {
	rep := HealthReport{CIs: len(cis), Relations: len(relations)}
	byID := make(map[process.ID]*CIHealthInput, len(cis))
	for i := range cis {
		byID[cis[i].CI] = &cis[i]
	}
	related := make(map[process.ID]bool, len(cis))
	allowed := make(map[[2]string][]string, len(rules.Relations))
	for _, r := range rules.Relations {
		k := [2]string{r.From, string(r.Type)}
		allowed[k] = append(allowed[k], r.To...)
	}
	for _, r := range relations {
		from, to := byID[r.From], byID[r.To]
		switch {
		case from == nil:
			rep.Findings = append(rep.Findings, HealthFinding{Issue: HealthBadRelation, CI: r.From, Other: r.To,
				Detail: fmt.Sprintf("%s from a ci not in the cmdb", r.Type)})
			continue
		case to == nil:
			rep.Findings = append(rep.Findings, HealthFinding{Issue: HealthBadRelation, CI: r.From, Other: r.To,
				Detail: fmt.Sprintf("%s to a ci not in the cmdb", r.Type)})
			related[r.From] = true
			continue
		}
		related[r.From], related[r.To] = true, true
		if to2, ok := allowed[[2]string{from.Type, string(r.Type)}]; ok && !slices.Contains(to2, to.Type) {
			rep.Findings = append(rep.Findings, HealthFinding{Issue: HealthBadRelation, CI: r.From, Other: r.To,
				Detail: fmt.Sprintf("a %s may not %s a %s (only %s)", from.Type, r.Type, to.Type, strings.Join(to2, ", "))})
		}
	}
	keys := make(map[[3]string][]process.ID)
	for _, c := range cis {
		for _, f := range rules.Required[c.Type] {
			if strings.TrimSpace(c.Fields[f]) == "" {
				rep.Findings = append(rep.Findings, HealthFinding{Issue: HealthIncomplete, CI: c.CI, Field: f,
					Detail: fmt.Sprintf("a %s records its %s", c.Type, f)})
			}
		}
		if !related[c.CI] && !slices.Contains(rules.Standalone, c.Type) {
			rep.Findings = append(rep.Findings, HealthFinding{Issue: HealthOrphan, CI: c.CI, Detail: "no relationship to any ci"})
		}
		if rules.StaleAfter > 0 && c.Updated.Before(rules.Now.Add(-rules.StaleAfter)) {
			rep.Findings = append(rep.Findings, HealthFinding{Issue: HealthStale, CI: c.CI,
				Detail: fmt.Sprintf("not updated since %s", c.Updated.Format(time.DateOnly))})
		}
		for _, k := range rules.Keys {
			if val := strings.ToLower(strings.TrimSpace(c.Fields[k])); val != "" {
				key := [3]string{c.Type, k, val}
				keys[key] = append(keys[key], c.CI)
			}
		}
	}
	// Every CI sharing a key value is a duplicate of the one with the
	// lowest ID.
	for key, ids := range keys {
		if len(ids) < 2 {
			continue
		}
		first := slices.MinFunc(ids, process.ID.Compare)
		for _, id := range ids {
			if id != first {
				rep.Findings = append(rep.Findings, HealthFinding{Issue: HealthDuplicate, CI: id, Other: first, Field: key[1],
					Detail: fmt.Sprintf("same %s as %s", key[1], first.Short())})
			}
		}
	}
	slices.SortStableFunc(rep.Findings, func(a, b HealthFinding) int {
		return cmp.Or(a.CI.Compare(b.CI), cmp.Compare(a.Issue, b.Issue), cmp.Compare(a.Field, b.Field), a.Other.Compare(b.Other))
	})
	return rep
}

// HealthFromStore checks the CMDB a [process.Store] holds (ISO/IEC
// 20000-1:2011, 9.1): every configuration item, typed by its CI type's code,
// with the fields of [CISnapshotOf] and its last update; the fields each CI
// type requires (its required attributes, and its version when versioned) added
// to rules.Required; and the relationships of the items and of the
// ci-relationship records.
func HealthFromStore(s process.Store, rules HealthRules) (HealthReport, error) {
	s = process.ReadOnly(s) // reads only: no copies
	required := make(map[string][]string, len(rules.Required))
	for k, v := range rules.Required {
		required[k] = slices.Clone(v)
	}
	codes := make(map[process.ID]string)
	if err := eachRecord(s, process.KindCIType, func(t *process.CIType) error {
		codes[t.ID] = t.Code
		for _, a := range t.RequiredAttributes {
			required[t.Code] = append(required[t.Code], "attributes."+a)
		}
		if t.Versioned {
			required[t.Code] = append(required[t.Code], "version")
		}
		return nil
	}); err != nil {
		return HealthReport{}, err
	}
	rules.Required = required
	items, _, err := storeCMDBItems(s, nil)
	if err != nil {
		return HealthReport{}, err
	}
	cis := make([]CIHealthInput, len(items))
	var rels []Relation
	for i, c := range items {
		t := codes[c.Type]
		if t == "" {
			t = "ci"
		}
		cis[i] = CIHealthInput{CI: c.ID, Type: t, Fields: CISnapshotOf(c).Fields, Updated: c.Updated}
		for _, r := range c.Relationships {
			rels = append(rels, Relation{From: c.ID, To: r.To, Type: r.Type})
		}
	}
	if err := eachRecord(s, process.KindCIRelationship, func(r *process.CIRelationship) error {
		rels = append(rels, Relation{From: r.From, To: r.To, Type: r.Type})
		return nil
	}); err != nil {
		return HealthReport{}, err
	}
	return CheckHealth(cis, rels, rules), nil
}

// Audit records the report as a configuration audit (ISO/IEC 20000-1:2011,
// 9.1: the CMDB is audited and its deficiencies recorded): the number of
// CIs checked, and one deficiency per finding, naming its CI and issue.
func (r HealthReport) Audit(by process.Actor, at time.Time, title string, scope string) *process.ConfigurationAudit {
	a := process.NewConfigurationAudit(title, scope, by.ID, by, at)
	a.Checked = r.CIs
	for _, f := range r.Findings {
		d := string(f.Issue) + ": " + f.Detail
		if f.Field != "" {
			d = string(f.Issue) + ": " + f.Field + ": " + f.Detail
		}
		a.Deficiencies = append(a.Deficiencies, process.Deficiency{CI: f.CI, Description: d})
	}
	return a
}
