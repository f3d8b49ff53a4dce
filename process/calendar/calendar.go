package calendar

import (
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"time"

	"github.com/smskit/iso20000/process"
)

// The civil years a Calendar compiles holidays and daylight-saving days for
// (ISO/IEC 20000-1:2011, 6.1).
const (
	FirstYear = 1970
	LastYear  = 2199
)

const (
	secondsPerDay = 86400
	// refSunday is the day number (days since 1970-01-01) of a Sunday.
	refSunday = 3
)

// Calendar is a compiled, immutable [Spec]: service hours that answer
// business-time questions at a cost independent of span length and nearly
// independent of the number of holidays (ISO/IEC 20000-1:2011, 6.1, 8.1).
// It is safe for concurrent use by any number of goroutines.
//
// A nil *Calendar, or a zero Calendar, is the 24x7 clock: business time is
// real elapsed time.
type Calendar struct {
	// The fields every question reads come first, to share cache lines.
	//
	// A lookup index over the horizon, one bucket of one cache line per
	// 1<<bucketShift days from day bucket0: the zone's offset at the
	// bucket's first second (by unix day) and its next change, the business
	// seconds before each of its days and which of them are special (by
	// local day). Business time at an instant of a normal or closed day is
	// read from the bucket and the weekly pieces alone, and a deadline is
	// found by galloping over the buckets.
	buckets []bucket
	bucket0 int64
	// wfix holds the weekly pieces, wall seconds in the day, wk for each
	// weekday from Sunday and wk empty ones for a closed day, padded with
	// empty pieces.
	wfix    []piece
	wk      int
	loc     *time.Location
	wpieces []piece // the weekly pieces unpadded: weekday d's are wpieces[wlo[d]:wlo[d+1]]
	wlo     [8]int32
	sp      []special // the special days, in order
	pieces  []piece   // real pieces of special days, unix seconds

	spec Spec

	// Zone offsets: regime k starts at zStart[k] (unix seconds) with offset
	// zOff[k]; its first wall second is zWall[k]. zStart[0] is MinInt64.
	zStart []int64
	zOff   []int64
	zWall  []int64

	week       [7][]piece // weekly pieces per weekday, wall seconds in the day
	daySecs    [7]int64
	weekSecs   int64
	weekPrefix [8]int64 // business seconds of the weekdays before index, from Sunday

	// spWD[j] is the number of working days before special day j, and
	// spWDAnchor[j] the anchor of the normal days after it:
	// working days before D = spWDAnchor[j] + baseDays(D).
	spWD, spWDAnchor []int64
	weekWD           int64    // working days of a week
	weekWDPrefix     [8]int64 // working days of the weekdays before index, from Sunday
	// named are the closed days a holiday or closure names, by day.
	named []namedDay
}

// bucket is one entry of the lookup index, 64 bytes: one cache line.
type bucket struct {
	base         int64 // business seconds before the bucket's first day
	next         int64 // the zone's first change after the bucket's start, or MaxInt64
	off, offNext int32 // the offset before and from next
	sp           int32 // special days before the bucket's first day
	// delta[k] is the business seconds of the bucket's days before day k
	// (at most 8 days of 25 hours).
	delta   [1 << bucketShift]uint32
	special uint8 // bit k: day k is a special day
	pieces  uint8 // bit k: day k is a special day with open time
	multi   bool  // the zone changes twice within the bucket: search instead
	wd0     uint8 // the weekday of the bucket's first day
}

// bucketShift sets the width (1<<bucketShift days) of the lookup buckets:
// eight days, so that a bucket fills one cache line.
const bucketShift = 3

// piece is a half-open span [a, b) of seconds.
type piece struct{ a, b int64 }

// special is a day that differs from its weekday.
type special struct {
	cum    int64 // business seconds accumulated before the day
	anchor int64 // for the normal days after it: cum(D) = anchor + baseAbs(D)
	day    int32 // local day number
	secs   int32 // business seconds of the day
	lo, hi int32 // its real pieces in Calendar.pieces
}

// end returns the business seconds accumulated by the end of the day.
func (s *special) end() int64 { return s.cum + int64(s.secs) }

// New validates spec and compiles it into service hours (ISO/IEC
// 20000-1:2011, 6.1). It returns every problem found in one
// *[process.ValidationError]: a missing or unknown zone, intervals out of
// range, empty or overlapping, invalid dates, dates outside the compiled
// years, closures that end before they start, two openings on one date.
// Compiling takes time and memory in proportion to the special days of the
// horizon (see the package documentation); do it once per spec.
func New(spec Spec) (*Calendar, error) {
	v := process.ValidationError{Package: "calendar", Subject: "calendar " + strconv.Quote(spec.Name)}
	c := &Calendar{spec: cloneSpec(spec)}
	if spec.Zone == "" {
		v.Add("zone", process.ErrRequired)
	} else if loc, err := time.LoadLocation(spec.Zone); err != nil {
		v.Addf("zone", process.ErrInvalidValue, "unknown time zone %q", spec.Zone)
	} else {
		c.loc = loc
	}
	for d := range 7 {
		for i, iv := range spec.Week[d] {
			iv.validate(fmt.Sprintf("week[%d][%d]", d, i), &v)
		}
	}
	inHorizon := func(path string, d Date) {
		switch {
		case !d.Valid():
			v.Addf(path, process.ErrInvalidValue, "%s is not a date", d)
		case d.Year < FirstYear || d.Year > LastYear:
			v.Addf(path, process.ErrInvalidValue, "%s is outside %d–%d", d, FirstYear, LastYear)
		}
	}
	for i, h := range spec.Holidays {
		path := fmt.Sprintf("holidays[%d]", i)
		switch {
		case h.Feast != "" && !h.Feast.Valid():
			v.Addf(path+".feast", process.ErrInvalidValue, "unknown feast %q", string(h.Feast))
		case h.Feast != "" && h.Date != (Date{}):
			v.Addf(path+".date", process.ErrInvalidValue, "a feast's date follows Easter: give no date")
		case h.Feast == "":
			inHorizon(path+".date", h.Date)
		}
	}
	for i, cl := range spec.Closures {
		inHorizon(fmt.Sprintf("closures[%d].from", i), cl.From)
		inHorizon(fmt.Sprintf("closures[%d].to", i), cl.To)
		if cl.From.Valid() && cl.To.Valid() && cl.To.dayNumber() < cl.From.dayNumber() {
			v.Addf(fmt.Sprintf("closures[%d].to", i), process.ErrInvalidValue, "%s is before %s", cl.To, cl.From)
		}
	}
	seen := map[Date]int{}
	for i, o := range spec.Openings {
		path := fmt.Sprintf("openings[%d]", i)
		inHorizon(path+".date", o.Date)
		if j, dup := seen[o.Date]; dup {
			v.Addf(path+".date", process.ErrInvalidValue, "%s is already opened by openings[%d]", o.Date, j)
		}
		seen[o.Date] = i
		if len(o.Intervals) == 0 {
			v.Add(path+".intervals", process.ErrRequired)
		}
		for j, iv := range o.Intervals {
			iv.validate(fmt.Sprintf("%s.intervals[%d]", path, j), &v)
		}
	}
	if v.Err() != nil {
		return nil, v.Err()
	}
	// Overlaps in the weekly hours, after splitting shifts at midnight.
	for d := range 7 {
		own := spec.Week[d]
		prev := spec.Week[(d+6)%7]
		ps := dayPieces(own, prev)
		for i := 1; i < len(ps); i++ {
			if ps[i].a < ps[i-1].b {
				v.Addf(fmt.Sprintf("week[%d]", d), process.ErrInvalidValue, "intervals overlap on %s at %s",
					time.Weekday(d), TimeOfDay(ps[i].a))
				break
			}
		}
		c.week[d] = mergePieces(ps)
	}
	for i, o := range spec.Openings {
		ps := dayPieces(o.Intervals, nil)
		for j := 1; j < len(ps); j++ {
			if ps[j].a < ps[j-1].b {
				v.Addf(fmt.Sprintf("openings[%d].intervals", i), process.ErrInvalidValue, "intervals overlap")
				break
			}
		}
	}
	if err := c.compileZone(); err != nil {
		v.Add("zone", err)
	}
	if v.Err() != nil {
		return nil, v.Err()
	}
	for d := range 7 {
		for _, p := range c.week[d] {
			c.daySecs[d] += p.b - p.a
		}
		c.weekPrefix[d+1] = c.weekPrefix[d] + c.daySecs[d]
		c.wpieces = append(c.wpieces, c.week[d]...)
		c.wlo[d+1] = int32(len(c.wpieces))
	}
	c.weekSecs = c.weekPrefix[7]
	for d := range 7 {
		c.wk = max(c.wk, len(c.week[d]))
	}
	c.wfix = make([]piece, 8*c.wk)
	for d := range 7 {
		copy(c.wfix[d*c.wk:], c.week[d])
	}
	c.compileSpecials()
	c.compileWorkingDays()
	c.compileBuckets()
	return c, nil
}

// Must is [New] for specs known to be valid, such as literals in tests; it
// panics on an invalid spec (ISO/IEC 20000-1:2011, 6.1).
func Must(spec Spec) *Calendar {
	c, err := New(spec)
	if err != nil {
		panic(err)
	}
	return c
}

// dayPieces returns, sorted, the parts of a day's own intervals that fall
// on the day and the parts of the previous day's intervals that cross
// midnight into it, in wall seconds.
func dayPieces(own, prev []Interval) []piece {
	var ps []piece
	for _, iv := range own {
		end := int64(iv.End)
		if iv.crosses() {
			end = secondsPerDay
		}
		ps = append(ps, piece{int64(iv.Start), end})
	}
	ps = append(ps, overflow(prev)...)
	slices.SortFunc(ps, func(x, y piece) int { return int(x.a - y.a) })
	return ps
}

// overflow returns the parts of ivs that run past midnight into the next
// day.
func overflow(ivs []Interval) []piece {
	var ps []piece
	for _, iv := range ivs {
		if iv.crosses() && iv.End > 0 {
			ps = append(ps, piece{0, int64(iv.End)})
		}
	}
	return ps
}

// mergePieces joins sorted pieces that touch or overlap.
func mergePieces(ps []piece) []piece {
	out := ps[:0:0]
	for _, p := range ps {
		if n := len(out); n > 0 && p.a <= out[n-1].b {
			out[n-1].b = max(out[n-1].b, p.b)
			continue
		}
		out = append(out, p)
	}
	return out
}

// horizon returns the first day number compiled and the one after the last.
func horizon() (first, end int64) {
	return Date{FirstYear, time.January, 1}.dayNumber(), Date{LastYear + 1, time.January, 1}.dayNumber()
}

// compileZone records the zone's offsets over the horizon.
func (c *Calendar) compileZone() error {
	first, end := horizon()
	from := time.Unix((first-2)*secondsPerDay, 0).In(c.loc)
	until := (end + 2) * secondsPerDay
	_, off := from.Zone()
	c.zStart = []int64{math.MinInt64}
	c.zOff = []int64{int64(off)}
	// Walk the zone's offset changes. ZoneBounds gives the next change,
	// but in the rule-based years past the zone's table it may report a
	// bound that is not a change, or none past it; so each bound is checked
	// and, when it does not advance, the walk steps by a day.
	offAt := func(u int64) int64 { _, o := time.Unix(u, 0).In(c.loc).Zone(); return int64(o) }
	u := from.Unix()
	for u <= until {
		_, e := time.Unix(u, 0).In(c.loc).ZoneBounds()
		next := u + secondsPerDay
		if !e.IsZero() && e.Unix() > u {
			next = e.Unix()
		} else if e.IsZero() && c.zOff[len(c.zOff)-1] == offAt(until) {
			break // no more changes
		}
		cur := c.zOff[len(c.zOff)-1]
		if offAt(next) == cur {
			u = next
			continue
		}
		lo, hi := u, next // offAt(lo) == cur != offAt(hi)
		for hi-lo > 1 {
			m := lo + (hi-lo)/2
			if offAt(m) == cur {
				lo = m
			} else {
				hi = m
			}
		}
		c.zStart = append(c.zStart, hi)
		c.zOff = append(c.zOff, offAt(hi))
		u = hi
	}
	c.zWall = make([]int64, len(c.zStart))
	c.zWall[0] = math.MinInt64
	for k := 1; k < len(c.zStart); k++ {
		c.zWall[k] = c.zStart[k] + c.zOff[k]
		if k > 1 && c.zWall[k] <= c.zWall[k-1] {
			return fmt.Errorf("zone %s changes offset twice within an hour at %s: %w",
				c.loc, time.Unix(c.zStart[k], 0).UTC(), process.ErrInvalidValue)
		}
	}
	return nil
}

// compileSpecials finds every day that differs from its weekday, computes
// its real open pieces, and the business time accumulated before it.
func (c *Calendar) compileSpecials() {
	first, end := horizon()
	// own[d] overrides the day's own intervals: nil slice = closed.
	own := map[int64][]Interval{}
	named := map[int64]string{} // the holiday or closure each closed day is for
	closeDay := func(d int64, name string) {
		own[d] = nil
		if _, seen := named[d]; !seen || name != "" && named[d] == "" {
			named[d] = name
		}
	}
	for _, h := range c.spec.Holidays {
		switch {
		case h.Feast != "":
			for y := FirstYear; y <= LastYear; y++ {
				closeDay(h.Feast.In(y).dayNumber(), orFeast(h))
			}
		case !h.Yearly:
			closeDay(h.Date.dayNumber(), h.Name)
		default:
			for y := FirstYear; y <= LastYear; y++ {
				if d := (Date{y, h.Date.Month, h.Date.Day}); d.Valid() {
					closeDay(d.dayNumber(), h.Name)
				}
			}
		}
	}
	for _, cl := range c.spec.Closures {
		for d := cl.From.dayNumber(); d <= cl.To.dayNumber(); d++ {
			closeDay(d, cl.Name)
		}
	}

	for _, o := range c.spec.Openings {
		own[o.Date.dayNumber()] = o.Intervals
	}
	c.named = make([]namedDay, 0, len(named))
	for d, n := range named {
		if own[d] == nil { // not opened again by an exceptional opening
			c.named = append(c.named, namedDay{day: int32(d), name: n})
		}
	}
	slices.SortFunc(c.named, func(x, y namedDay) int { return int(x.day) - int(y.day) })
	days := map[int64]bool{}
	for d, ivs := range own {
		days[d] = true
		if len(overflow(ivs)) > 0 || len(overflow(c.spec.Week[weekday(d)])) > 0 {
			days[d+1] = true
		}
	}
	for k := 1; k < len(c.zStart); k++ {
		// Every local day the change touches, including days it skips
		// (Apia skipped 30 December 2011).
		t := c.zStart[k]
		a, b := floorDiv(t-1+c.zOff[k-1], secondsPerDay), floorDiv(t+c.zOff[k], secondsPerDay)
		for d := min(a, b); d <= max(a, b); d++ {
			days[d] = true
		}
	}
	ownOf := func(d int64) []Interval {
		if ivs, ok := own[d]; ok {
			return ivs
		}
		return c.spec.Week[weekday(d)]
	}
	order := make([]int64, 0, len(days))
	for d := range days {
		if d >= first && d < end {
			order = append(order, d)
		}
	}
	slices.Sort(order)
	c.sp = make([]special, 0, len(order))
	var anchor int64 // cum(D) = anchor + baseAbs(D) before the first special
	for _, d := range order {
		s := special{day: int32(d), lo: int32(len(c.pieces))}
		var secs int64
		for _, p := range mergePieces(dayPieces(ownOf(d), ownOf(d-1))) {
			a, b := c.wallToUnix(d*secondsPerDay+p.a), c.wallToUnix(d*secondsPerDay+p.b)
			if b > a {
				c.pieces = append(c.pieces, piece{a, b})
				secs += b - a
			}
		}
		s.hi = int32(len(c.pieces))
		s.cum = anchor + c.baseAbs(d)
		s.secs = int32(secs)
		s.anchor = s.end() - c.baseAbs(d+1)
		anchor = s.anchor
		c.sp = append(c.sp, s)
	}
}

// compileBuckets fills the bucket indexes.
func (c *Calendar) compileBuckets() {
	if len(c.sp) == 0 && len(c.zStart) == 1 {
		return // one offset, no special days: nothing to look up
	}
	first, end := horizon()
	c.bucket0 = first
	n := (end-first)>>bucketShift + 1
	c.buckets = make([]bucket, n)
	k, j := 0, 0
	var anchor int64 // of the last special day before the day
	for b := range n {
		day := first + b<<bucketShift
		u := day * secondsPerDay
		for k+1 < len(c.zStart) && c.zStart[k+1] <= u {
			k++
		}
		for j < len(c.sp) && int64(c.sp[j].day) < day {
			anchor = c.sp[j].anchor
			j++
		}
		e := bucket{next: math.MaxInt64, off: int32(c.zOff[k]), offNext: int32(c.zOff[k]), sp: int32(j),
			wd0: uint8(weekday(day))}
		for i, x, a := 0, j, anchor; i < 1<<bucketShift; i++ {
			d := day + int64(i)
			var before int64 // business seconds before day d
			if x < len(c.sp) && int64(c.sp[x].day) == d {
				before = c.sp[x].cum
				e.special |= 1 << i
				if c.sp[x].lo < c.sp[x].hi {
					e.pieces |= 1 << i
				}
				a = c.sp[x].anchor
				x++
			} else {
				before = a + c.baseAbs(d)
			}
			if i == 0 {
				e.base = before
			}
			e.delta[i] = uint32(before - e.base)
		}
		if k+1 < len(c.zStart) {
			e.next, e.offNext = c.zStart[k+1], int32(c.zOff[k+1])
			end := u + (1<<bucketShift)*secondsPerDay
			e.multi = k+2 < len(c.zStart) && c.zStart[k+2] < end
		}
		c.buckets[b] = e
	}
}

// weekday returns the weekday of day number d.
func weekday(d int64) int { return int(d - refSunday - 7*floorDiv(d-refSunday, 7)) }

// baseAbs returns the business seconds of the weekly hours from refSunday to
// day d (negative before it).
func (c *Calendar) baseAbs(d int64) int64 {
	n := d - refSunday
	q := floorDiv(n, 7)
	return q*c.weekSecs + c.weekPrefix[n-7*q]
}

// wallToUnix returns the first instant at which the local clock shows the
// wall second w (seconds since 1970-01-01 00:00 local) or later.
func (c *Calendar) wallToUnix(w int64) int64 {
	k := c.regime(w - 3*secondsPerDay)
	best := int64(math.MaxInt64)
	for ; k < len(c.zStart) && (k == 0 || c.zStart[k] <= w+3*secondsPerDay); k++ {
		u := max(c.zStart[k], w-c.zOff[k])
		if k+1 < len(c.zStart) && u >= c.zStart[k+1] {
			continue
		}
		best = min(best, u)
	}
	return best
}

// offsetAt returns the zone's offset at unix second u.
func (c *Calendar) offsetAt(u int64) int64 {
	if b := uint64(floorDiv(u, secondsPerDay)-c.bucket0) >> bucketShift; b < uint64(len(c.buckets)) {
		if e := &c.buckets[b]; !e.multi {
			if u >= e.next {
				return int64(e.offNext)
			}
			return int64(e.off)
		}
	}
	return c.zOff[c.regime(u)]
}

// regime returns the index of the zone regime in force at unix second u.
func (c *Calendar) regime(u int64) int {
	lo, hi := 0, len(c.zStart) // zStart[lo] <= u < zStart[hi]
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if c.zStart[m] <= u {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// offsetAtWall returns the offset in force at wall second w, for a wall
// second of a normal day (not in a gap or a repeated hour).
func (c *Calendar) offsetAtWall(w int64) int64 {
	if o := c.offsetAt(w - c.offsetAt(w)); c.offsetAt(w-o) == o {
		return o
	}
	lo, hi := 0, len(c.zWall)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if c.zWall[m] <= w {
			lo = m
		} else {
			hi = m
		}
	}
	return c.zOff[lo]
}

// lastSpecial returns the index of the last special day at or before day d,
// or -1.
func (c *Calendar) lastSpecial(d int64) int {
	if b := uint64(d-c.bucket0) >> bucketShift; b < uint64(len(c.buckets)) {
		e := &c.buckets[b]
		k := (d - c.bucket0) & (1<<bucketShift - 1)
		return int(e.sp) + bits.OnesCount8(e.special&(uint8(2)<<k-1)) - 1
	}
	lo, hi := -1, len(c.sp) // sp[lo].day <= d < sp[hi].day
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if int64(c.sp[m].day) <= d {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// dayNum returns the day number of second x (since 1970-01-01 in some
// clock): floorDiv(x, secondsPerDay), with an unsigned division for the
// usual non-negative x.
func dayNum(x int64) int64 {
	if x >= 0 {
		return int64(uint64(x) / secondsPerDay)
	}
	return floorDiv(x, secondsPerDay)
}

// cum returns the business seconds accumulated up to unix second u (from a
// fixed origin), whether the second [u, u+1) is open, and the index of the
// bucket of u's day, a hint for [Calendar.reach] (-1 if none).
//
// The usual case reads one bucket: the offset, the business seconds before
// the day, and whether the day is special; a normal day then walks the
// weekday's pieces, and only a special day with open time reads its own.
func (c *Calendar) cum(u int64) (int64, bool, int) {
	b := uint64(dayNum(u)-c.bucket0) >> bucketShift
	if b >= uint64(len(c.buckets)) {
		return c.cumSlow(u)
	}
	e := &c.buckets[b]
	off := int64(e.off)
	if u >= e.next {
		off = int64(e.offNext)
	}
	l := u + off
	d := dayNum(l)
	if e.multi {
		return c.cumSlow(u)
	}
	k := uint64(d-c.bucket0) - b<<bucketShift
	if k >= 1<<bucketShift { // the local day is in the next or previous bucket
		b = uint64(d-c.bucket0) >> bucketShift
		if b >= uint64(len(c.buckets)) {
			return c.cumSlow(u)
		}
		e = &c.buckets[b]
		k = uint64(d-c.bucket0) & (1<<bucketShift - 1)
	}
	acc := e.base + int64(e.delta[k])
	bit := uint8(1) << k
	if e.pieces&bit != 0 { // a special day with open time
		s := &c.sp[int(e.sp)+bits.OnesCount8(e.special&(bit<<1-1))-1]
		for _, p := range c.pieces[s.lo:s.hi] {
			if u >= p.b {
				acc += p.b - p.a
				continue
			}
			if u >= p.a {
				return acc + u - p.a, true, int(b)
			}
			break
		}
		return acc, false, int(b)
	}
	sec := l - d*secondsPerDay
	wd := int(e.wd0) + int(k)
	if wd >= 7 {
		wd -= 7
	}
	// A closed special day has the empty pieces of wfix's eighth day.
	closed := -int(e.special >> k & 1)
	wd ^= (wd ^ 7) & closed
	// Without branches, which the weekdays and holidays of random instants
	// defeat: each piece adds the part of it before sec, and sets the sign
	// bit of open when it holds sec.
	var open uint64
	for _, p := range c.wfix[wd*c.wk : wd*c.wk+c.wk] {
		x, n := sec-p.a, p.b-p.a
		open |= (uint64(x) - uint64(n)) &^ uint64(x)
		acc += min(max(x, 0), n)
	}
	return acc, open>>63 != 0, int(b)
}

// cumSlow is [Calendar.cum] without the bucket shortcut, for instants
// outside the index, in a bucket with two zone changes, or whose local day
// lies in the next or previous bucket.
func (c *Calendar) cumSlow(u int64) (int64, bool, int) {
	off := c.offsetAt(u)
	l := u + off
	d := floorDiv(l, secondsPerDay)
	hb := -1
	if b := uint64(d-c.bucket0) >> bucketShift; b < uint64(len(c.buckets)) {
		hb = int(b)
	}
	j := c.lastSpecial(d)
	if j >= 0 && int64(c.sp[j].day) == d {
		s := &c.sp[j]
		acc := s.cum
		for _, p := range c.pieces[s.lo:s.hi] {
			if u >= p.b {
				acc += p.b - p.a
				continue
			}
			if u >= p.a {
				return acc + u - p.a, true, hb
			}
			break
		}
		return acc, false, hb
	}
	var anchor int64
	if j >= 0 {
		anchor = c.sp[j].anchor
	}
	acc := anchor + c.baseAbs(d)
	sec := l - d*secondsPerDay
	wd := weekday(d)
	for _, p := range c.wpieces[c.wlo[wd]:c.wlo[wd+1]] {
		if sec >= p.b {
			acc += p.b - p.a
			continue
		}
		if sec >= p.a {
			return acc + sec - p.a, true, hb
		}
		break
	}
	return acc, false, hb
}

// reach returns the earliest unix second u at which cum(u) >= target,
// whether u ends an open piece of its day (so that the calendar may be
// closed at u; otherwise it is open), and false when the calendar never
// accumulates that much. hint is the index of a bucket near the answer (or
// -1), as [Calendar.cum] returns it: the search gallops from it over the
// buckets, so a target a few days away costs a few steps.
func (c *Calendar) reach(target int64, hint int) (int64, bool, bool) {
	n := len(c.buckets)
	if n < 2 || target <= c.buckets[0].base || target > c.buckets[n-1].base {
		return c.reachSlow(target, -1)
	}
	// The bucket whose days reach target: base[lo] < target <= base[hi].
	lo, hi := 0, n-1
	if hint >= 0 && hint < n-1 {
		if c.buckets[hint].base < target {
			lo = hint
			for step := 1; lo+step < hi; step *= 2 {
				if c.buckets[lo+step].base >= target {
					hi = lo + step
					break
				}
				lo += step
			}
		} else {
			hi = hint
			for step := 1; hi-step > lo; step *= 2 {
				if c.buckets[hi-step].base < target {
					lo = hi - step
					break
				}
				hi -= step
			}
		}
	}
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if c.buckets[m].base < target {
			lo = m
		} else {
			hi = m
		}
	}
	e := &c.buckets[lo]
	// The day: the last k with base + delta[k] < target.
	rem := target - e.base
	k := 0 // the deltas grow: count those below rem
	for _, x := range e.delta[1:] {
		if int64(x) < rem {
			k++
		}
	}
	rem -= int64(e.delta[k])
	d := c.bucket0 + int64(lo)<<bucketShift + int64(k)
	if bit := uint8(1) << k; e.special&bit != 0 {
		s := &c.sp[int(e.sp)+bits.OnesCount8(e.special&(bit<<1-1))-1]
		for _, p := range c.pieces[s.lo:s.hi] {
			if n := p.b - p.a; rem <= n {
				return p.a + rem, rem == n, true
			}
			rem -= p.b - p.a
		}
		return 0, false, false // not reached: the index is consistent
	}
	wd := int(e.wd0) + k
	if wd >= 7 {
		wd -= 7
	}
	for _, p := range c.wpieces[c.wlo[wd]:c.wlo[wd+1]] {
		if n := p.b - p.a; rem <= n {
			w := d*secondsPerDay + p.a + rem
			// A normal day lies in one zone regime, the bucket's offset
			// before its change or after it.
			off := int64(e.off)
			switch {
			case e.multi:
				off = c.offsetAtWall(w - 1)
			case w-1-off >= e.next:
				off = int64(e.offNext)
			}
			return w - off, rem == n, true
		}
		rem -= p.b - p.a
	}
	return 0, false, false // not reached: the index is consistent
}

// reachSlow is [Calendar.reach] by a search over the special days, for
// targets outside the index; hint is the index of a special day with
// sp[hint].cum < target (or -1).
func (c *Calendar) reachSlow(target int64, hint int) (int64, bool, bool) {
	// First special whose end reaches target: sp[lo].end() < target <= sp[hi].end().
	lo, hi := -1, len(c.sp)
	if hint >= 0 && hint < len(c.sp) && c.sp[hint].end() < target {
		lo = hint
		for step := 1; ; step *= 2 {
			next := lo + step
			if next >= len(c.sp) {
				break
			}
			if c.sp[next].end() >= target {
				hi = next
				break
			}
			lo = next
		}
	} else if hint >= 0 && hint < len(c.sp) {
		// target > sp[hint].cum >= sp[hint-1].end(): the answer is hint.
		lo, hi = hint-1, hint
	}
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if c.sp[m].end() < target {
			lo = m
		} else {
			hi = m
		}
	}
	if hi < len(c.sp) && target > c.sp[hi].cum {
		s := &c.sp[hi]
		acc := s.cum
		for _, p := range c.pieces[s.lo:s.hi] {
			if n := p.b - p.a; acc+n >= target {
				return p.a + target - acc, acc+n == target, true
			}
			acc += p.b - p.a
		}
		return 0, false, false // not reached: cum bookkeeping is consistent
	}
	if c.weekSecs == 0 {
		return 0, false, false
	}
	var anchor int64
	if lo >= 0 {
		anchor = c.sp[lo].anchor
	}
	// Smallest day d with anchor + baseAbs(d+1) >= target.
	x := target - anchor
	q := floorDiv(x-1, c.weekSecs)
	r := 1
	for q*c.weekSecs+c.weekPrefix[r] < x {
		r++
	}
	d := refSunday + 7*q + int64(r) - 1
	rem := x - c.baseAbs(d)
	wd := weekday(d)
	for _, p := range c.wpieces[c.wlo[wd]:c.wlo[wd+1]] {
		if n := p.b - p.a; rem <= n {
			w := d*secondsPerDay + p.a + rem
			return w - c.offsetAtWall(w-1), rem == n, true
		}
		rem -= p.b - p.a
	}
	return 0, false, false
}

// cumAt returns the business seconds up to t and the nanoseconds of t's
// second that count.
func (c *Calendar) cumAt(t time.Time) (secs, nanos int64) {
	s, open, _ := c.cum(t.Unix())
	if open {
		return s, int64(t.Nanosecond())
	}
	return s, 0
}

// BusinessTime returns the business time between from and to: the real
// time elapsed while the calendar is open (ISO/IEC 20000-1:2011, 6.1, 8.1).
// It is zero when to is not after from. A nil calendar counts all elapsed
// time. It costs the same for any span and does not allocate. Results
// beyond about 292 years saturate.
func (c *Calendar) BusinessTime(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	if c.around() {
		return to.Sub(from)
	}
	s0, n0 := c.cumAt(from)
	s1, n1 := c.cumAt(to)
	ds := s1 - s0
	if ds >= math.MaxInt64/int64(time.Second)-1 {
		return math.MaxInt64
	}
	return time.Duration(ds*int64(time.Second) + n1 - n0)
}

// Open reports whether the calendar is open at t. A nil calendar is always
// open.
func (c *Calendar) Open(t time.Time) bool {
	if c.around() {
		return true
	}
	_, open, _ := c.cum(t.Unix())
	return open
}

// Name returns the calendar's name.
func (c *Calendar) Name() string {
	if c.around() {
		return "24x7"
	}
	return c.spec.Name
}

// Location returns the calendar's time zone; UTC for a nil calendar.
func (c *Calendar) Location() *time.Location {
	if c.around() {
		return time.UTC
	}
	return c.loc
}

// Spec returns a copy of the description the calendar was built from.
func (c *Calendar) Spec() Spec {
	if c.around() {
		return Spec{Name: "24x7", Zone: "UTC", Week: EveryDay(AllDay())}
	}
	return cloneSpec(c.spec)
}

// WeeklyHours returns the business time of a week without holidays or
// daylight-saving changes.
func (c *Calendar) WeeklyHours() time.Duration {
	if c.around() {
		return 7 * 24 * time.Hour
	}
	return time.Duration(c.weekSecs) * time.Second
}

// around reports whether c counts around the clock: a nil or zero
// Calendar (one not built by [New]).
func (c *Calendar) around() bool { return c == nil || c.loc == nil }

// MarshalJSON writes the calendar as its [Spec].
func (c *Calendar) MarshalJSON() ([]byte, error) { return json.Marshal(c.Spec()) }

// UnmarshalJSON reads a [Spec] and compiles it as [New]
// does, refusing an invalid one. It is meant for decoding into a new
// Calendar (a field of a decoded value); a Calendar in use by other
// goroutines must not be decoded into.
func (c *Calendar) UnmarshalJSON(b []byte) error {
	var spec Spec
	if err := json.Unmarshal(b, &spec); err != nil {
		return fmt.Errorf("calendar: decode spec: %w: %w", process.ErrInvalidValue, err)
	}
	nc, err := New(spec)
	if err != nil {
		return err
	}
	*c = *nc
	return nil
}
