package calendar

import "time"

// Options are the conventions of deadline placement on which the tools a
// provider migrates from differ (ISO/IEC 20000-1:2011, 6.1, 8.1). The zero
// Options is the library's default, which is also ServiceNow's and iTop's:
// a delay that runs out exactly at a closing time ends at that closing, and
// a zero delay returns the start even outside hours.
type Options struct {
	// ExhaustedAtOpening places a deadline that falls exactly at a closing
	// time (the delay uses up the day) at the next opening instead, as
	// GLPI does: 8 working hours from Monday 09:00 on 09:00–17:00 end on
	// Tuesday 09:00, not Monday 17:00. A backward deadline that falls at an
	// opening is placed at the previous closing instead.
	ExhaustedAtOpening bool `json:"exhaustedAtOpening,omitempty"`
	// ZeroAtOpening makes a zero delay that starts outside hours end at
	// the next opening (the first working second), not at the start.
	ZeroAtOpening bool `json:"zeroAtOpening,omitempty"`
}

// Deadline returns the instant at which d of business time has elapsed
// since start (ISO/IEC 20000-1:2011, 6.1, 8.1: the instant a service target
// ends), in start's location, with the library's default [Options]: when d
// runs out at the end of an opening, the deadline is that end, not the next
// opening, and a d of zero returns start. A negative d counts backwards:
// the instant from which -d of business time runs up to start (the latest
// such instant: an opening, not the closing before it). It returns the
// zero Time when the calendar is never open long enough. A nil calendar
// adds d to start. It costs the same for any d and does not allocate.
func (c *Calendar) Deadline(start time.Time, d time.Duration) time.Time {
	return c.DeadlineWith(start, d, Options{})
}

// DeadlineWith is [Calendar.Deadline] with the conventions o.
func (c *Calendar) DeadlineWith(start time.Time, d time.Duration, o Options) time.Time {
	if c.around() {
		return start.Add(d)
	}
	s0, open, hint := c.cum(start.Unix())
	if d == 0 {
		if !open && o.ZeroAtOpening {
			return c.NextOpening(start)
		}
		return start
	}
	var n0 int64
	if open {
		n0 = int64(start.Nanosecond())
	}
	back := d < 0
	// The target, in business seconds and nanoseconds: q + r/1e9.
	q := s0 + int64(d/time.Second)
	r := n0 + int64(d%time.Second)
	for r < 0 {
		q--
		r += int64(time.Second)
	}
	if r >= int64(time.Second) {
		q++
		r -= int64(time.Second)
	}
	if r != 0 {
		u, _, ok := c.reach(q+1, hint)
		if !ok {
			return time.Time{}
		}
		return time.Unix(u-1, r).In(start.Location())
	}
	u, edge, ok := c.reach(q, hint)
	if !ok {
		return time.Time{}
	}
	// u is the earliest instant with q business seconds: a closing when
	// the target falls on a boundary. Forward, that is the default; GLPI
	// moves on to the opening. Backward, the opening is the default, and
	// ExhaustedAtOpening keeps the closing. Strictly inside an open piece
	// (not at its end) the calendar is open.
	if back == o.ExhaustedAtOpening || !edge {
		return time.Unix(u, 0).In(start.Location())
	}
	if _, openAt, hb := c.cum(u); !openAt {
		if v, _, ok := c.reach(q+1, hb); ok {
			u = v - 1
		}
	}
	return time.Unix(u, 0).In(start.Location())
}
