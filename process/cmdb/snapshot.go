package cmdb

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/smskit/iso20000/process"
)

// CISnapshot is one configuration item as a snapshot holds it: its ID and
// the fields that matter for comparison, by name ("version", "location",
// "attributes.os"); ISO/IEC 20000-1:2011, 9.1.
type CISnapshot struct {
	CI     process.ID
	Fields map[string]string
}

// Snapshot is a frozen copy of a set of CIs and relationships, tied to
// the release and changes it was taken for (ISO/IEC 20000-1:2011, 9.1: a
// configuration baseline is taken before a release goes live; 9.3). It is
// compared with another snapshot, or with one of the current state, by
// [Snapshot.Diff]. Take one with [TakeSnapshot]; it is immutable after.
type Snapshot struct {
	Release   process.ID
	Changes   []process.ID
	Taken     time.Time
	CIs       []CISnapshot // sorted by CI
	Relations []Relation   // sorted by from, to, type
}

// TakeSnapshot copies cis and relations into a snapshot, sorted, for the
// release and changes given. It refuses a zero time or CI
// ([process.ErrRequired]), a CI twice, and a relationship naming a CI not in
// the snapshot ([process.ErrInvalidValue]), as one
// *[process.ValidationError].
func TakeSnapshot(release process.ID, changes []process.ID, at time.Time, cis []CISnapshot, relations []Relation) (*Snapshot, error) {
	v := process.ValidationError{Package: "cmdb", Subject: "snapshot"}
	v.Require("taken", !at.IsZero())
	s := &Snapshot{Release: release, Changes: slices.Clone(changes), Taken: at}
	seen := make(map[process.ID]bool, len(cis))
	for i, c := range cis {
		switch {
		case c.CI.IsZero():
			v.Add(fmt.Sprintf("cis[%d].ci", i), process.ErrRequired)
		case seen[c.CI]:
			v.Addf(fmt.Sprintf("cis[%d].ci", i), process.ErrInvalidValue, "%s twice", c.CI.Short())
		}
		seen[c.CI] = true
		s.CIs = append(s.CIs, CISnapshot{CI: c.CI, Fields: maps.Clone(c.Fields)})
	}
	for i, r := range relations {
		if !seen[r.From] || !seen[r.To] {
			v.Addf(fmt.Sprintf("relations[%d]", i), process.ErrInvalidValue, "names a ci not in the snapshot")
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

func compareRelations(a, b Relation) int {
	return cmp.Or(a.From.Compare(b.From), a.To.Compare(b.To), cmp.Compare(a.Type, b.Type), cmp.Compare(a.Flow, b.Flow))
}

// FieldChange is one field of a CI that differs between two snapshots; From
// or To is "" when the field is missing on that side (ISO/IEC 20000-1:2011,
// 9.1).
type FieldChange struct {
	Field    string
	From, To string
}

// CIDiff is a CI held by both snapshots with the fields that differ, sorted
// by field name (ISO/IEC 20000-1:2011, 9.1).
type CIDiff struct {
	CI     process.ID
	Fields []FieldChange
}

// SnapshotDiff is what changed from one snapshot to another: CIs added,
// removed and changed (with their fields), relationships added and removed
// (ISO/IEC 20000-1:2011, 9.1). Every list is sorted.
type SnapshotDiff struct {
	Added, Removed                   []process.ID
	Changed                          []CIDiff
	AddedRelations, RemovedRelations []Relation
}

// Empty reports whether nothing changed.
func (d SnapshotDiff) Empty() bool {
	return len(d.Added)+len(d.Removed)+len(d.Changed)+len(d.AddedRelations)+len(d.RemovedRelations) == 0
}

// Diff returns what changed from s to next (s before, next after), by one
// merge pass over both sorted snapshots. To compare with the current state,
// take a snapshot of it and pass that as next.
func (s *Snapshot) Diff(next *Snapshot) SnapshotDiff {
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

// CISnapshotOf returns the fields of a configuration item a snapshot
// compares: title, status, type, version, location, owner, description,
// controlled, services (sorted, comma-separated) and each attribute as
// "attributes.name" (ISO/IEC 20000-1:2011, 9.1). Empty fields are left out.
func CISnapshotOf(c *process.ConfigurationItem) CISnapshot {
	f := map[string]string{
		"title": c.Title, "status": c.Status, "version": c.Version, "location": c.Location,
		"owner": c.Owner, "description": c.Description,
	}
	if !c.Type.IsZero() {
		f["type"] = c.Type.String()
	}
	if c.Controlled {
		f["controlled"] = "true"
	}
	if len(c.Services) > 0 {
		ss := make([]string, len(c.Services))
		for i, s := range c.Services {
			ss[i] = s.String()
		}
		slices.Sort(ss)
		f["services"] = strings.Join(ss, ",")
	}
	for k, v := range c.Attributes {
		f["attributes."+k] = v
	}
	maps.DeleteFunc(f, func(_, v string) bool { return v == "" })
	return CISnapshot{CI: c.ID, Fields: f}
}

// storeCMDBItems reads the configuration items of s (those in ids, or all
// when ids is nil) and the relationships among them, from the items and
// from ci-relationship records.
func storeCMDBItems(s process.Store, ids []process.ID) ([]*process.ConfigurationItem, []Relation, error) {
	var items []*process.ConfigurationItem
	in := make(map[process.ID]bool)
	if ids == nil {
		if err := eachRecord(s, process.KindConfigurationItem, func(c *process.ConfigurationItem) error {
			items = append(items, c)
			in[c.ID] = true
			return nil
		}); err != nil {
			return nil, nil, err
		}
	}
	for _, id := range ids {
		rec, err := s.Get(id)
		if err != nil {
			return nil, nil, err
		}
		c, ok := rec.(*process.ConfigurationItem)
		if !ok {
			return nil, nil, fmt.Errorf("cmdb: %s is a %T, not a configuration item: %w", id.Short(), rec, process.ErrInvalidValue)
		}
		items = append(items, c)
		in[c.ID] = true
	}
	var rels []Relation
	for _, c := range items {
		for _, r := range c.Relationships {
			if in[r.To] {
				rels = append(rels, Relation{From: c.ID, To: r.To, Type: r.Type})
			}
		}
	}
	err := eachRecord(s, process.KindCIRelationship, func(r *process.CIRelationship) error {
		if in[r.From] && in[r.To] {
			rels = append(rels, Relation{From: r.From, To: r.To, Type: r.Type})
		}
		return nil
	})
	return items, rels, err
}

// SnapshotFromStore takes a snapshot of the configuration items cis of s
// (every item when cis is nil) and the relationships among them, tied to
// release and changes (ISO/IEC 20000-1:2011, 9.1, 9.3). A snapshot of the
// current state, compared with an earlier one, shows what changed since.
func SnapshotFromStore(s process.Store, release process.ID, changes []process.ID, at time.Time, cis []process.ID) (*Snapshot, error) {
	items, rels, err := storeCMDBItems(s, cis)
	if err != nil {
		return nil, err
	}
	snaps := make([]CISnapshot, len(items))
	for i, c := range items {
		snaps[i] = CISnapshotOf(c)
	}
	return TakeSnapshot(release, changes, at, snaps, rels)
}

// SnapshotOfBaseline returns a configuration baseline record as a snapshot:
// each item with its version only, no relationships (the record holds
// none), tied to its release and to changes.
func SnapshotOfBaseline(b *process.ConfigurationBaseline, changes []process.ID) (*Snapshot, error) {
	snaps := make([]CISnapshot, len(b.Items))
	for i, it := range b.Items {
		snaps[i] = CISnapshot{CI: it.CI, Fields: map[string]string{"version": it.Version}}
	}
	return TakeSnapshot(b.Release, changes, b.Taken, snaps, nil)
}

// Only returns a copy of s keeping only the given fields of each CI, for
// comparing snapshots that hold different fields (a baseline record holds
// versions only).
func (s *Snapshot) Only(fields ...string) *Snapshot {
	out := *s
	out.Changes = slices.Clone(s.Changes)
	out.Relations = slices.Clone(s.Relations)
	out.CIs = make([]CISnapshot, len(s.CIs))
	for i, c := range s.CIs {
		f := make(map[string]string)
		for _, k := range fields {
			if v, ok := c.Fields[k]; ok {
				f[k] = v
			}
		}
		out.CIs[i] = CISnapshot{CI: c.CI, Fields: f}
	}
	return &out
}
