package calendar

import "time"

// A working day is a civil day of the calendar's zone with some business
// time in it (ISO/IEC 20000-1:2011, 6.1: targets stated in working days run
// on the service hours). The methods of this file count, find and query
// working days at a cost independent of the span: the compiled calendar
// keeps the number of working days before every special day, as it keeps
// the business time.

// namedDay is a closed day and the holiday or closure it is for.
type namedDay struct {
	day  int32
	name string
}

// orFeast returns a feast holiday's name, or the feast's code.
func orFeast(h Holiday) string {
	if h.Name != "" {
		return h.Name
	}
	return string(h.Feast)
}

// compileWorkingDays counts the working days of the week and before each
// special day.
func (c *Calendar) compileWorkingDays() {
	for d := range 7 {
		var n int64
		if c.daySecs[d] > 0 {
			n = 1
		}
		c.weekWDPrefix[d+1] = c.weekWDPrefix[d] + n
	}
	c.weekWD = c.weekWDPrefix[7]
	c.spWD = make([]int64, len(c.sp))
	c.spWDAnchor = make([]int64, len(c.sp))
	var anchor int64
	for j := range c.sp {
		d := int64(c.sp[j].day)
		c.spWD[j] = anchor + c.baseDays(d)
		var w int64
		if c.sp[j].secs > 0 {
			w = 1
		}
		c.spWDAnchor[j] = c.spWD[j] + w - c.baseDays(d+1)
		anchor = c.spWDAnchor[j]
	}
}

// baseDays returns the working days of the weekly hours from refSunday to
// day d (negative before it).
func (c *Calendar) baseDays(d int64) int64 {
	n := d - refSunday
	q := floorDiv(n, 7)
	return q*c.weekWD + c.weekWDPrefix[n-7*q]
}

// wdBefore returns the number of working days before day d (from a fixed
// origin).
func (c *Calendar) wdBefore(d int64) int64 {
	j := c.lastSpecial(d)
	if j >= 0 && int64(c.sp[j].day) == d {
		return c.spWD[j]
	}
	if j >= 0 {
		return c.spWDAnchor[j] + c.baseDays(d)
	}
	return c.baseDays(d)
}

// dayWith returns the working day D for which wdBefore(D) < target <=
// wdBefore(D+1): the target-th working day from the origin.
func (c *Calendar) dayWith(target int64, hint int) (int64, bool) {
	lo, hi := -1, len(c.sp) // spWD[lo]+w(lo) < target <= spWD[hi]+w(hi)
	end := func(j int) int64 {
		if c.sp[j].secs > 0 {
			return c.spWD[j] + 1
		}
		return c.spWD[j]
	}
	// Gallop from the special day near the start, so that a target a few
	// weeks away costs a few steps whatever the holidays of other years.
	if hint >= 0 && hint < len(c.sp) {
		if end(hint) < target {
			lo = hint
			for step := 1; lo+step < len(c.sp); step *= 2 {
				if end(lo+step) >= target {
					hi = lo + step
					break
				}
				lo += step
			}
		} else {
			hi = hint
			for step := 1; hi-step >= 0; step *= 2 {
				if end(hi-step) < target {
					lo = hi - step
					break
				}
				hi -= step
			}
		}
	}
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if end(m) < target {
			lo = m
		} else {
			hi = m
		}
	}
	if hi < len(c.sp) && target > c.spWD[hi] {
		return int64(c.sp[hi].day), true
	}
	if c.weekWD == 0 {
		return 0, false
	}
	var anchor int64
	if lo >= 0 {
		anchor = c.spWDAnchor[lo]
	}
	x := target - anchor // smallest D with baseDays(D+1) >= x
	q := floorDiv(x-1, c.weekWD)
	r := 1
	for q*c.weekWD+c.weekWDPrefix[r] < x {
		r++
	}
	return refSunday + 7*q + int64(r) - 1, true
}

// nthWorkingDay returns the working day n working days after local day d0
// (n > 0), or before it (n < 0), d0 not counted; false when there is none
// in the compiled years.
func (c *Calendar) nthWorkingDay(d0 int64, n int) (int64, bool) {
	target := c.wdBefore(d0+1) + int64(n)
	if n < 0 {
		target = c.wdBefore(d0) + int64(n) + 1
	}
	d, ok := c.dayWith(target, c.lastSpecial(d0))
	return d, ok && inHorizon(d)
}

// dayOf returns the local day number of unix second u and its wall second.
func (c *Calendar) dayOf(u int64) (day, wall int64) {
	l := u + c.offsetAt(u)
	return floorDiv(l, secondsPerDay), l
}

// daySpan returns the first opening and the last closing instant (unix
// seconds) of local day d, and false when d has no working time.
func (c *Calendar) daySpan(d int64) (open, close int64, ok bool) {
	j := c.lastSpecial(d)
	if j >= 0 && int64(c.sp[j].day) == d {
		s := &c.sp[j]
		if s.lo == s.hi {
			return 0, 0, false
		}
		return c.pieces[s.lo].a, c.pieces[s.hi-1].b, true
	}
	ps := c.wpieces[c.wlo[weekday(d)]:c.wlo[weekday(d)+1]]
	if len(ps) == 0 {
		return 0, 0, false
	}
	a, b := d*secondsPerDay+ps[0].a, d*secondsPerDay+ps[len(ps)-1].b
	return a - c.offsetAtWall(a), b - c.offsetAtWall(b-1), true
}

// inHorizon reports whether local day d lies in the compiled years.
func inHorizon(d int64) bool {
	first, end := horizon()
	return d >= first && d < end
}

// WorkingDay reports whether the civil day d has working time on the
// calendar: an open weekday that no holiday or closure closes, or a day an
// exceptional opening opens (ISO/IEC 20000-1:2011, 6.1). A nil calendar
// works every day.
func (c *Calendar) WorkingDay(d Date) bool {
	if c.around() {
		return d.Valid()
	}
	if !d.Valid() {
		return false
	}
	_, _, ok := c.daySpan(d.dayNumber())
	return ok
}

// HolidayOn returns the holiday or closure that closes the civil day d
// (its name, and d as its date; a yearly holiday or feast is reported on
// the date it falls on), and false when none does, or an exceptional
// opening opens the day again (ISO/IEC 20000-1:2011, 6.1).
func (c *Calendar) HolidayOn(d Date) (Holiday, bool) {
	if c.around() || !d.Valid() {
		return Holiday{}, false
	}
	n := int32(d.dayNumber())
	lo, hi := 0, len(c.named)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c.named[m].day < n {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(c.named) && c.named[lo].day == n {
		return Holiday{Name: c.named[lo].name, Date: d}, true
	}
	return Holiday{}, false
}

// WorkingDays returns the number of working days from the civil day from
// up to, not including, to; negative when to is before from (ISO/IEC
// 20000-1:2011, 6.1). It costs the same for any span. A nil calendar
// counts every day.
func (c *Calendar) WorkingDays(from, to Date) int {
	if !from.Valid() || !to.Valid() {
		return 0
	}
	a, b := from.dayNumber(), to.dayNumber()
	if c.around() {
		return int(b - a)
	}
	return int(c.wdBefore(b) - c.wdBefore(a))
}

// AddWorkingDays returns the instant n whole working days after start (n
// negative: before it), as GLPI and ServiceNow count targets in days on
// service hours (ISO/IEC 20000-1:2011, 6.1, 8.1). A start outside working
// hours counts from the next opening, as a clock on the calendar starts
// there. The start's day is not counted; the time of day is the start's in
// the calendar's zone, clamped into the working span of the day reached
// (from its first opening to its last closing); a time that does not
// exist on that day (a spring-forward gap) stands for the instant of the
// change. n of zero returns start. The result is in start's location; it
// is the zero Time when the calendar has no n-th working day. A nil
// calendar counts every day. It costs the same for any n, and a later
// start never gives an earlier result.
func (c *Calendar) AddWorkingDays(start time.Time, n int) time.Time {
	if n == 0 {
		return start
	}
	if c.around() {
		return start.AddDate(0, 0, n)
	}
	loc := start.Location()
	if u, open, ok := c.nextOpen(start.Unix()); !ok {
		return time.Time{}
	} else if !open {
		start = time.Unix(u, 0)
	}
	d0, wall := c.dayOf(start.Unix())
	d, ok := c.nthWorkingDay(d0, n)
	if !ok {
		return time.Time{}
	}
	first, last, ok := c.daySpan(d)
	if !ok {
		return time.Time{}
	}
	u := c.wallToUnix(d*secondsPerDay + wall - d0*secondsPerDay)
	nanos := int64(start.Nanosecond())
	switch {
	case u >= last:
		u, nanos = last, 0
	case u < first:
		u, nanos = first, 0
	}
	return time.Unix(u, nanos).In(loc)
}

// EndOfWorkingDay returns the last closing of the working day n working
// days after t's (n of zero: t's own day, or, when it has no working time
// left after t, the next working day), in t's location (ISO/IEC
// 20000-1:2011, 6.1: "by the end of the working day"); n negative counts
// back. It is the zero Time when there is no such day, and for a nil
// calendar, which never closes.
func (c *Calendar) EndOfWorkingDay(t time.Time, n int) time.Time {
	if c.around() {
		return time.Time{}
	}
	u := t.Unix()
	d0, _ := c.dayOf(u)
	if n == 0 {
		if _, last, ok := c.daySpan(d0); ok && last > u {
			return time.Unix(last, 0).In(t.Location())
		}
		n = 1 // today has no working time left: the next working day's
	}
	d, ok := c.nthWorkingDay(d0, n)
	if !ok {
		return time.Time{}
	}
	_, last, _ := c.daySpan(d)
	return time.Unix(last, 0).In(t.Location())
}

// NextOpening returns the first instant at or after t at which the
// calendar is open: t itself when it is open (ISO/IEC 20000-1:2011, 6.1).
// It is the zero Time when the calendar never opens again. A nil calendar
// returns t.
func (c *Calendar) NextOpening(t time.Time) time.Time {
	if c.around() {
		return t
	}
	u, open, ok := c.nextOpen(t.Unix())
	switch {
	case open:
		return t
	case !ok:
		return time.Time{}
	}
	return time.Unix(u, 0).In(t.Location())
}

// nextOpen returns the first second at or after unix second u at which the
// calendar is open, whether u itself is, and false when it never opens
// again.
func (c *Calendar) nextOpen(u int64) (next int64, open, ok bool) {
	s, open, hint := c.cum(u)
	if open {
		return u, true, true
	}
	v, _, ok := c.reach(s+1, hint)
	return v - 1, false, ok
}

// NextClosing returns the first instant after t at which the calendar
// closes: the end of the opening t falls in, or of the next one when it is
// closed at t (ISO/IEC 20000-1:2011, 6.1). Openings that run on across
// midnight are one opening. It is the zero Time when the calendar does not
// close within a year of t (a 24x7 calendar, a nil one) or never opens
// again.
func (c *Calendar) NextClosing(t time.Time) time.Time {
	if c.around() {
		return time.Time{}
	}
	o := c.NextOpening(t)
	if o.IsZero() {
		return o
	}
	u := o.Unix()
	for range 370 {
		d, _ := c.dayOf(u)
		end, ok := c.closeAfter(d, u)
		if !ok {
			return time.Time{}
		}
		if _, open, _ := c.cum(end); !open {
			return time.Unix(end, 0).In(t.Location())
		}
		u = end // open on across midnight
	}
	return time.Time{}
}

// closeAfter returns the end of the piece of day d that holds or follows
// unix second u.
func (c *Calendar) closeAfter(d, u int64) (int64, bool) {
	j := c.lastSpecial(d)
	if j >= 0 && int64(c.sp[j].day) == d {
		s := &c.sp[j]
		for _, p := range c.pieces[s.lo:s.hi] {
			if u < p.b {
				return p.b, true
			}
		}
		return 0, false
	}
	for _, p := range c.wpieces[c.wlo[weekday(d)]:c.wlo[weekday(d)+1]] {
		b := d*secondsPerDay + p.b
		if ub := b - c.offsetAtWall(b-1); u < ub {
			return ub, true
		}
	}
	return 0, false
}

// HasWorkingTime reports whether the calendar is ever open in the years it
// compiles: weekly hours, or an exceptional opening. A calendar without
// cannot carry a target (ISO/IEC 20000-1:2011, 6.1); a nil calendar is
// always open.
func (c *Calendar) HasWorkingTime() bool {
	if c.around() || c.weekSecs > 0 {
		return true
	}
	for i := range c.sp {
		if c.sp[i].secs > 0 {
			return true
		}
	}
	return false
}
