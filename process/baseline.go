package process

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"
)

// CISnapshot is one configuration item as a snapshot holds it: its ID and
// the fields that matter for comparison, by name ("version", "location",
// "attributes.os"); ISO/IEC 20000-1:2011, 9.1.
type CISnapshot struct {
	CI     ID
	Fields map[string]string
}

// CMDBSnapshot is a frozen copy of a set of CIs and relationships, tied to
// the release and changes it was taken for (ISO/IEC 20000-1:2011, 9.1: a
// configuration baseline is taken before a release goes live; 9.3). It is
// compared with another snapshot, or with one of the current state, by
// [CMDBSnapshot.Diff]. Take one with [TakeSnapshot]; it is immutable after.
type CMDBSnapshot struct {
	Release   ID
	Changes   []ID
	Taken     time.Time
	CIs       []CISnapshot // sorted by CI
	Relations []CIRelation // sorted by from, to, type
}

// TakeSnapshot copies cis and relations into a snapshot, sorted, for the
// release and changes given. It refuses a zero time or CI ([ErrRequired]),
// a CI twice, and a relationship naming a CI not in the snapshot
// ([ErrInvalidValue]), as one *ValidationError.
func TakeSnapshot(release ID, changes []ID, at time.Time, cis []CISnapshot, relations []CIRelation) (*CMDBSnapshot, error) {
	v := ValidationError{Subject: "cmdb snapshot"}
	v.Require("taken", !at.IsZero())
	s := &CMDBSnapshot{Release: release, Changes: slices.Clone(changes), Taken: at}
	seen := make(map[ID]bool, len(cis))
	for i, c := range cis {
		switch {
		case c.CI.IsZero():
			v.Add(fmt.Sprintf("cis[%d].ci", i), ErrRequired)
		case seen[c.CI]:
			v.Addf(fmt.Sprintf("cis[%d].ci", i), ErrInvalidValue, "%s twice", c.CI.Short())
		}
		seen[c.CI] = true
		s.CIs = append(s.CIs, CISnapshot{CI: c.CI, Fields: maps.Clone(c.Fields)})
	}
	for i, r := range relations {
		if !seen[r.From] || !seen[r.To] {
			v.Addf(fmt.Sprintf("relations[%d]", i), ErrInvalidValue, "names a ci not in the snapshot")
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(s.CIs, func(a, b CISnapshot) int { return a.CI.Compare(b.CI) })
	s.Relations = slices.Clone(relations)
	slices.SortFunc(s.Relations, compareRelations)
	s.Relations = slices.Compact(s.Relations)
	return s, nil
}

func compareRelations(a, b CIRelation) int {
	return cmp.Or(a.From.Compare(b.From), a.To.Compare(b.To), cmp.Compare(a.Type, b.Type), cmp.Compare(a.Flow, b.Flow))
}

// FieldChange is one field of a CI that differs between two snapshots; From
// or To is "" when the field is missing on that side.
type FieldChange struct {
	Field    string
	From, To string
}

// CIDiff is a CI held by both snapshots with the fields that differ, sorted
// by field name.
type CIDiff struct {
	CI     ID
	Fields []FieldChange
}

// SnapshotDiff is what changed from one snapshot to another: CIs added,
// removed and changed (with their fields), relationships added and removed
// (ISO/IEC 20000-1:2011, 9.1). Every list is sorted.
type SnapshotDiff struct {
	Added, Removed                   []ID
	Changed                          []CIDiff
	AddedRelations, RemovedRelations []CIRelation
}

// Empty reports whether nothing changed.
func (d SnapshotDiff) Empty() bool {
	return len(d.Added)+len(d.Removed)+len(d.Changed)+len(d.AddedRelations)+len(d.RemovedRelations) == 0
}

// Diff returns what changed from s to next (s before, next after), by one
// merge pass over both sorted snapshots. To compare with the current state,
// take a snapshot of it and pass that as next.
func (s *CMDBSnapshot) Diff(next *CMDBSnapshot) SnapshotDiff {
	var d SnapshotDiff
	a, b := s.CIs, next.CIs
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || (len(a) > 0 && a[0].CI.Compare(b[0].CI) < 0):
			d.Removed = append(d.Removed, a[0].CI)
			a = a[1:]
		case len(a) == 0 || a[0].CI.Compare(b[0].CI) > 0:
			d.Added = append(d.Added, b[0].CI)
			b = b[1:]
		default:
			if fs := diffFields(a[0].Fields, b[0].Fields); len(fs) > 0 {
				d.Changed = append(d.Changed, CIDiff{CI: a[0].CI, Fields: fs})
			}
			a, b = a[1:], b[1:]
		}
	}
	ra, rb := s.Relations, next.Relations
	for len(ra) > 0 || len(rb) > 0 {
		c := 0
		switch {
		case len(rb) == 0:
			c = -1
		case len(ra) == 0:
			c = 1
		default:
			c = compareRelations(ra[0], rb[0])
		}
		switch {
		case c < 0:
			d.RemovedRelations = append(d.RemovedRelations, ra[0])
			ra = ra[1:]
		case c > 0:
			d.AddedRelations = append(d.AddedRelations, rb[0])
			rb = rb[1:]
		default:
			ra, rb = ra[1:], rb[1:]
		}
	}
	return d
}

func diffFields(a, b map[string]string) []FieldChange {
	var out []FieldChange
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if bv, ok := b[k]; !ok || bv != a[k] {
			out = append(out, FieldChange{Field: k, From: a[k], To: bv})
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[k]; !ok {
			out = append(out, FieldChange{Field: k, To: b[k]})
		}
	}
	slices.SortStableFunc(out, func(x, y FieldChange) int { return cmp.Compare(x.Field, y.Field) })
	return out
}
