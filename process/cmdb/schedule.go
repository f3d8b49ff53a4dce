package cmdb

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
)

// ChangeSlot is one change on a schedule of change: the request for change,
// the CIs it touches and the window in which it is to be implemented
// (ISO/IEC 20000-1:2011, 9.2: the schedule of change holds approved changes
// and their proposed deployment dates).
type ChangeSlot struct {
	Change process.ID
	CIs    []process.ID
	process.Window
}

// TimeSpan is a named span of time on a schedule: a CI's maintenance window
// or a blackout in which no change may be made (ISO/IEC 20000-1:2011, 9.2).
// Owner is the record that declares it (the CI for a maintenance window, the
// schedule of change or policy for a blackout).
type TimeSpan struct {
	Owner process.ID
	process.Window
	Reason string
}

// ConflictReason says why two scheduled changes, or a change and its
// calendar, conflict (ISO/IEC 20000-1:2011, 9.2). The zero ConflictReason is
// unset.
type ConflictReason string

// The reasons for a schedule conflict.
const (
	ConflictSameCI             ConflictReason = "same-ci"             // two changes on one CI in overlapping windows
	ConflictRelatedCI          ConflictReason = "related-ci"          // changes on a CI and its parent or child, overlapping
	ConflictOutsideMaintenance ConflictReason = "outside-maintenance" // a change not wholly inside a maintenance window of its CI
	ConflictBlackout           ConflictReason = "blackout"            // a change overlapping a blackout
)

// Valid reports whether r is one of the reasons above.
func (r ConflictReason) Valid() bool {
	switch r {
	case ConflictSameCI, ConflictRelatedCI, ConflictOutsideMaintenance, ConflictBlackout:
		return true
	}
	return false
}

// String returns the reason's code.
func (r ConflictReason) String() string { return string(r) }

// MarshalText encodes the reason as its code, and the zero ConflictReason as
// empty text; it refuses an unknown reason with an error wrapping
// [process.ErrInvalidValue].
func (r ConflictReason) MarshalText() ([]byte, error) { return process.MarshalEnum(r) }

// UnmarshalText decodes a reason's code, and empty text as the zero
// ConflictReason; it refuses any other text with an error wrapping
// [process.ErrInvalidValue], leaving r unchanged.
func (r *ConflictReason) UnmarshalText(b []byte) error { return process.UnmarshalEnum(r, b) }

// ScheduleConflict is one conflict found on a schedule of change: the change,
// the other record (the other change, the CI whose maintenance window it
// misses, or the record declaring the blackout), the CIs concerned and why
// (ISO/IEC 20000-1:2011, 9.2).
type ScheduleConflict struct {
	Reason  ConflictReason
	Change  process.ID
	Other   process.ID
	CI      process.ID // the change's CI concerned
	OtherCI process.ID // the other change's CI (parent or child for related-ci)
	Detail  string
}

// String describes the conflict: "change 0190a3c1 and change 0190a3c2:
// same-ci on 0190a3c9".
func (c ScheduleConflict) String() string {
	return fmt.Sprintf("change %s and %s: %s on %s: %s", c.Change.Short(), c.Other.Short(), c.Reason, c.CI.Short(), c.Detail)
}

// ScheduleCheck is what a schedule of change is checked against: the slots,
// the maintenance windows of CIs (a CI with none may be changed at any
// time), the blackouts, and an impact index giving each CI's parents and
// children (one relationship away, either way); without an index only the
// same CI conflicts (ISO/IEC 20000-1:2011, 9.2).
type ScheduleCheck struct {
	Slots       []ChangeSlot
	Maintenance []TimeSpan // Owner is the CI
	Blackouts   []TimeSpan
	Index       *Index
}

// CheckSchedule finds every conflict of a schedule of change (ISO/IEC
// 20000-1:2011, 9.2): two changes on the same CI, or on a CI and its parent or
// child, in overlapping windows; a change not wholly inside a maintenance
// window of its CI; a change overlapping a blackout. Windows that only touch do
// not overlap. Each pair of changes is reported once per reason and CI pair,
// ordered by the changes' start, then by ID.
//
// It sweeps the windows of each CI in start order, so its work grows with the
// number of slots times their CIs (and parents and children), plus the
// conflicts found, not with the square of the schedule. A slot whose window
// ends before it starts is reported as an error wrapping
// [process.ErrInvalidValue].
func CheckSchedule(in ScheduleCheck) ([]ScheduleConflict, error) {
	type entry struct {
		ci         process.ID // the CI the entry sits on
		start, end time.Time
		slot       int
		via        process.ID // zero: the slot's own CI; else the slot's CI of which ci is parent or child
	}
	var entries []entry
	for i, s := range in.Slots {
		if !s.End.After(s.Start) {
			return nil, fmt.Errorf("cmdb: schedule: change %s: window %s–%s: %w", s.Change.Short(), s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), process.ErrInvalidValue)
		}
		for _, ci := range s.CIs {
			entries = append(entries, entry{ci: ci, start: s.Start, end: s.End, slot: i})
			for _, n := range in.Index.neighbours(ci) {
				entries = append(entries, entry{ci: n, start: s.Start, end: s.End, slot: i, via: ci})
			}
		}
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		return cmp.Or(a.ci.Compare(b.ci), a.start.Compare(b.start))
	})
	var out []ScheduleConflict
	seen := make(map[ScheduleConflict]bool)
	add := func(c ScheduleConflict) {
		k := c
		k.Detail = ""
		if !seen[k] {
			seen[k] = true
			out = append(out, c)
		}
	}
	var active []entry
	for i, e := range entries {
		if i == 0 || entries[i-1].ci != e.ci {
			active = active[:0]
		}
		// Drop the entries that ended by e's start.
		active = slices.DeleteFunc(active, func(a entry) bool { return !a.end.After(e.start) })
		for _, a := range active {
			if a.slot == e.slot || (!a.via.IsZero() && !e.via.IsZero()) {
				continue // one change; or two children of one CI
			}
			first, second := a, e
			if in.Slots[e.slot].Start.Before(in.Slots[a.slot].Start) ||
				(in.Slots[e.slot].Start.Equal(in.Slots[a.slot].Start) && in.Slots[e.slot].Change.Compare(in.Slots[a.slot].Change) < 0) {
				first, second = e, a
			}
			c := ScheduleConflict{Reason: ConflictSameCI, Change: in.Slots[first.slot].Change, Other: in.Slots[second.slot].Change}
			switch {
			case first.via.IsZero() && second.via.IsZero():
				c.CI, c.OtherCI = e.ci, e.ci
				c.Detail = "both change " + e.ci.Short()
			case first.via.IsZero():
				c.Reason, c.CI, c.OtherCI = ConflictRelatedCI, first.ci, second.via
				c.Detail = fmt.Sprintf("%s is related to %s", first.ci.Short(), second.via.Short())
			default:
				c.Reason, c.CI, c.OtherCI = ConflictRelatedCI, first.via, second.ci
				c.Detail = fmt.Sprintf("%s is related to %s", first.via.Short(), second.ci.Short())
			}
			add(c)
		}
		active = append(active, e)
	}
	out = append(out, maintenanceConflicts(in)...)
	out = append(out, blackoutConflicts(in)...)
	starts := make(map[process.ID]time.Time, len(in.Slots))
	for _, s := range in.Slots {
		starts[s.Change] = s.Start
	}
	slices.SortStableFunc(out, func(a, b ScheduleConflict) int {
		sa, sb := starts[a.Change], starts[b.Change]
		return cmp.Or(sa.Compare(sb), a.Change.Compare(b.Change), a.Other.Compare(b.Other), cmp.Compare(a.Reason, b.Reason))
	})
	return out, nil
}

// neighbours returns the CIs one relationship away from ci, either way, in
// index order; nil without an index or for a CI not in it.
func (x *Index) neighbours(ci process.ID) []process.ID {
	if x == nil {
		return nil
	}
	v, ok := x.pos[ci]
	if !ok {
		return nil
	}
	var ns []int32
	for _, c := range []*csr{&x.fwd, &x.rev} {
		for _, n := range c.dst[c.off[v]:c.off[v+1]] {
			if n != v {
				ns = append(ns, n)
			}
		}
	}
	slices.Sort(ns)
	ns = slices.Compact(ns)
	out := make([]process.ID, len(ns))
	for i, n := range ns {
		out[i] = x.ids[n]
	}
	return out
}

// maintenanceConflicts finds the slots not wholly inside a maintenance window
// of each of their CIs that has any: per CI the windows sorted by start, and
// a binary search for the last window starting at or before the slot.
func maintenanceConflicts(in ScheduleCheck) []ScheduleConflict {
	windows := slices.Clone(in.Maintenance)
	slices.SortStableFunc(windows, func(a, b TimeSpan) int { return cmp.Or(a.Owner.Compare(b.Owner), a.Start.Compare(b.Start)) })
	var out []ScheduleConflict
	for _, s := range in.Slots {
		for _, ci := range s.CIs {
			lo, _ := slices.BinarySearchFunc(windows, ci, func(w TimeSpan, id process.ID) int { return w.Owner.Compare(id) })
			hi := lo
			for hi < len(windows) && windows[hi].Owner == ci {
				hi++
			}
			if lo == hi {
				continue // no maintenance windows: any time
			}
			ws := windows[lo:hi]
			i, _ := slices.BinarySearchFunc(ws, s.Start, func(w TimeSpan, t time.Time) int {
				if w.Start.After(t) {
					return 1
				}
				return -1
			})
			inside := false
			// Windows may overlap each other: any starting at or before the
			// slot and ending at or after its end will do.
			for j := i - 1; j >= 0 && !inside; j-- {
				inside = !ws[j].End.Before(s.End)
			}
			if !inside {
				out = append(out, ScheduleConflict{Reason: ConflictOutsideMaintenance, Change: s.Change, Other: ci, CI: ci,
					Detail: "not inside a maintenance window of " + ci.Short()})
			}
		}
	}
	return out
}

// blackoutConflicts finds the slots overlapping a blackout: blackouts sorted
// by start, a binary search for those starting before the slot ends.
func blackoutConflicts(in ScheduleCheck) []ScheduleConflict {
	bs := slices.Clone(in.Blackouts)
	slices.SortStableFunc(bs, func(a, b TimeSpan) int { return a.Start.Compare(b.Start) })
	var out []ScheduleConflict
	for _, s := range in.Slots {
		n, _ := slices.BinarySearchFunc(bs, s.End, func(b TimeSpan, t time.Time) int {
			if b.Start.Before(t) {
				return -1
			}
			return 1
		})
		for _, b := range bs[:n] {
			if b.End.After(s.Start) {
				out = append(out, ScheduleConflict{Reason: ConflictBlackout, Change: s.Change, Other: b.Owner, Detail: "blackout: " + b.Reason})
			}
		}
	}
	return out
}

// ScheduleFromStore turns a schedule of change into the slots and blackouts
// [CheckSchedule] checks (ISO/IEC 20000-1:2011, 9.2): each entry's change
// with the CIs it affects, read from s, and its window; each blackout,
// owned by the schedule. Maintenance windows and the index are the
// host's to add.
func ScheduleFromStore(s process.Store, sched *process.ScheduleOfChange) (ScheduleCheck, error) {
	var in ScheduleCheck
	for _, e := range sched.Entries {
		rec, err := s.Get(e.Change)
		if err != nil {
			return ScheduleCheck{}, err
		}
		c, ok := rec.(*process.RequestForChange)
		if !ok {
			return ScheduleCheck{}, fmt.Errorf("cmdb: %s: entry %s is a %T: %w", sched.Subject(), e.Change.Short(), rec, process.ErrInvalidValue)
		}
		in.Slots = append(in.Slots, ChangeSlot{Change: e.Change, CIs: slices.Clone(c.AffectedCIs), Window: e.Window})
	}
	for _, b := range sched.Blackouts {
		in.Blackouts = append(in.Blackouts, TimeSpan{Owner: sched.ID, Window: b.Window, Reason: b.Reason})
	}
	return in, nil
}
