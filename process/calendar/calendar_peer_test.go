package calendar

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// This file holds the test-only peers of Calendar, written from the spec
// without any of its compiled tables: a day-by-day calculator and a naive
// minute-stepping one. They share only the definition of how a wall time
// maps to an instant (the first instant whose local clock shows it or
// later), which they compute with the time package alone.

type peerCal struct {
	spec     Spec
	loc      *time.Location
	closed   map[Date]bool
	openings map[Date][]Interval
	days     map[Date][]realSpan // the minute stepper's cache
}

type realSpan struct{ a, b time.Time }

func newPeer(spec Spec) *peerCal {
	loc, err := time.LoadLocation(spec.Zone)
	if err != nil {
		panic(err)
	}
	p := &peerCal{spec: spec, loc: loc, closed: map[Date]bool{}, openings: map[Date][]Interval{}, days: map[Date][]realSpan{}}
	for _, h := range spec.Holidays {
		if h.Feast != "" {
			for y := FirstYear; y <= LastYear; y++ {
				p.closed[h.Feast.In(y)] = true // Easter's dates are checked against published ones
			}
			continue
		}
		if !h.Yearly {
			p.closed[h.Date] = true
			continue
		}
		for y := FirstYear; y <= LastYear; y++ {
			if d := (Date{y, h.Date.Month, h.Date.Day}); d.Valid() {
				p.closed[d] = true
			}
		}
	}
	for _, c := range spec.Closures {
		for d := c.From; !after(d, c.To); d = nextDate(d, 1) {
			p.closed[d] = true
		}
	}
	for _, o := range spec.Openings {
		p.openings[o.Date] = o.Intervals
	}
	return p
}

func after(a, b Date) bool {
	return time.Date(a.Year, a.Month, a.Day, 0, 0, 0, 0, time.UTC).After(time.Date(b.Year, b.Month, b.Day, 0, 0, 0, 0, time.UTC))
}

func nextDate(d Date, n int) Date {
	t := time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

func dateOf(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return Date{y, m, d}
}

func (p *peerCal) own(d Date) []Interval {
	if ivs, ok := p.openings[d]; ok {
		return ivs
	}
	if p.closed[d] {
		return nil
	}
	return p.spec.Week[time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()]
}

// instant returns the first instant at which the local clock shows second
// sec of date d or later.
func (p *peerCal) instant(d Date, sec int) time.Time {
	wall := time.Date(d.Year, d.Month, d.Day, 0, 0, sec, 0, time.UTC).Unix()
	guess := time.Date(d.Year, d.Month, d.Day, 0, 0, sec, 0, p.loc)
	var offs []int
	for _, h := range []time.Duration{-36 * time.Hour, 0, 36 * time.Hour} {
		_, o := guess.Add(h).Zone()
		offs = append(offs, o)
	}
	best := time.Time{}
	for _, o := range offs {
		u := time.Unix(wall-int64(o), 0)
		if _, got := u.In(p.loc).Zone(); got == o && (best.IsZero() || u.Before(best)) {
			best = u
		}
	}
	if !best.IsZero() {
		return best
	}
	// The wall time falls in a gap: the instant of the change skipping it.
	lo, hi := wall-int64(slices.Max(offs)), wall-int64(slices.Min(offs))
	_, o0 := time.Unix(lo, 0).In(p.loc).Zone()
	for hi-lo > 1 {
		m := lo + (hi-lo)/2
		if _, o := time.Unix(m, 0).In(p.loc).Zone(); o == o0 {
			lo = m
		} else {
			hi = m
		}
	}
	return time.Unix(hi, 0)
}

// spans returns the real open spans of date d, in order.
func (p *peerCal) spans(d Date) []realSpan {
	type ws struct{ a, b int }
	var w []ws
	for _, iv := range p.own(d) {
		if iv.End <= iv.Start {
			w = append(w, ws{int(iv.Start), secondsPerDay})
		} else {
			w = append(w, ws{int(iv.Start), int(iv.End)})
		}
	}
	for _, iv := range p.own(nextDate(d, -1)) {
		if iv.End <= iv.Start && iv.End > 0 {
			w = append(w, ws{0, int(iv.End)})
		}
	}
	slices.SortFunc(w, func(x, y ws) int { return x.a - y.a })
	var out []realSpan
	for i := 0; i < len(w); {
		a, b := w[i].a, w[i].b
		j := i + 1
		for j < len(w) && w[j].a <= b {
			b = max(b, w[j].b)
			j++
		}
		i = j
		s := realSpan{p.instant(d, a), p.instant(d, b)}
		if s.b.After(s.a) {
			out = append(out, s)
		}
	}
	return out
}

// dayBusinessTime steps day by day over the local dates of [from, to).
func (p *peerCal) dayBusinessTime(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	var sum time.Duration
	last := nextDate(dateOf(to, p.loc), 1)
	for d := nextDate(dateOf(from, p.loc), -1); !after(d, last); d = nextDate(d, 1) {
		for _, s := range p.spans(d) {
			a, b := s.a, s.b
			if a.Before(from) {
				a = from
			}
			if b.After(to) {
				b = to
			}
			if b.After(a) {
				sum += b.Sub(a)
			}
		}
	}
	return sum
}

// dayDeadline steps day by day from start until d of business time has
// elapsed; it gives up after 30 years.
func (p *peerCal) dayDeadline(start time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return start
	}
	first := nextDate(dateOf(start, p.loc), -1)
	for n := 0; n < 366*30; n++ {
		for _, s := range p.spans(nextDate(first, n)) {
			a := s.a
			if a.Before(start) {
				a = start
			}
			if !s.b.After(a) {
				continue
			}
			if l := s.b.Sub(a); d <= l {
				return a.Add(d).In(start.Location())
			}
			d -= s.b.Sub(a)
		}
	}
	return time.Time{}
}

// open reports whether the calendar is open at t, from the cached spans of
// the dates around t.
func (p *peerCal) open(t time.Time) bool {
	d := dateOf(t, p.loc)
	for _, dd := range []Date{nextDate(d, -1), d, nextDate(d, 1)} {
		sp, ok := p.days[dd]
		if !ok {
			sp = p.spans(dd)
			p.days[dd] = sp
		}
		for _, s := range sp {
			if !t.Before(s.a) && t.Before(s.b) {
				return true
			}
		}
	}
	return false
}

// minuteBusinessTime counts the open minutes of [from, to); from, to and
// every opening boundary must fall on whole minutes.
func (p *peerCal) minuteBusinessTime(from, to time.Time) time.Duration {
	var sum time.Duration
	for t := from; t.Before(to); t = t.Add(time.Minute) {
		if p.open(t) {
			sum += time.Minute
		}
	}
	return sum
}

// minuteDeadline steps minute by minute from start until d (whole minutes)
// of business time has elapsed; it gives up after two years.
func (p *peerCal) minuteDeadline(start time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return start
	}
	for t, n := start, 0; n < 2*366*1440; t, n = t.Add(time.Minute), n+1 {
		if p.open(t) {
			d -= time.Minute
			if d <= 0 {
				return t.Add(time.Minute).In(start.Location())
			}
		}
	}
	return time.Time{}
}

// The seeded generator of calendars and tickets.

var genZones = []string{"Europe/Berlin", "America/New_York", "Australia/Sydney"}

// genCalendar returns a random calendar in zone with about holidays
// one-off holidays a year over 2024–2028, on whole minutes.
func genCalendar(r *rand.Rand, zone string, holidays int) Spec {
	spec := Spec{Name: "gen", Zone: zone}
	if r.IntN(8) == 0 {
		spec.Week = EveryDay(AllDay())
	} else {
		// Each weekday's intervals lie in a 24h window starting at w0, so they
		// may cross midnight but never overlap the next day's.
		w0 := 0
		if r.IntN(3) == 0 {
			w0 = 12*60 + r.IntN(12*60)
		}
		n := 1 + r.IntN(4)
		pts := map[int]bool{}
		for len(pts) < 2*n {
			pts[w0+r.IntN(1440)] = true
		}
		cuts := slices.Sorted(func(yield func(int) bool) {
			for k := range pts {
				if !yield(k) {
					return
				}
			}
		})
		var ivs []Interval
		for i := 0; i < len(cuts); i += 2 {
			ivs = append(ivs, Interval{TimeOfDay(cuts[i] % 1440 * 60), TimeOfDay(cuts[i+1] % 1440 * 60)})
		}
		days := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
		if r.IntN(3) == 0 {
			days = append(days, time.Saturday)
		}
		if r.IntN(5) == 0 {
			days = append(days, time.Sunday)
		}
		spec.Week = Week(days, ivs...)
	}
	seen := map[Date]bool{}
	for y := 2024; y <= 2028; y++ {
		for range holidays {
			d := nextDate(Date{y, time.January, 1}, r.IntN(365))
			if !seen[d] {
				seen[d] = true
				spec.Holidays = append(spec.Holidays, Holiday{Date: d})
			}
		}
	}
	if holidays > 0 {
		spec.Holidays = append(spec.Holidays, Holiday{Date: Date{2020, time.December, 25}, Yearly: true})
		spec.Closures = append(spec.Closures, Closure{From: Date{2025, time.December, 27}, To: Date{2026, time.January, 3}})
		d := nextDate(Date{2026, time.January, 1}, r.IntN(365))
		spec.Openings = append(spec.Openings, Opening{Date: d, Intervals: []Interval{{HM(8, 0), HM(12, 30)}, {HM(23, 0), HM(1, 0)}}})
	}
	return spec
}

// peerTicket is a span of time with pauses, as a target clock sees it: the
// clock runs over [seg[0], seg[1]), [seg[2], seg[3]), ...; target is the
// business time it is allowed.
type peerTicket struct {
	cal    int
	seg    []time.Time
	target time.Duration
}

// genTickets returns n tickets over the calendars, starting in 2025–2027 on
// whole minutes, spanning from a minute to maxSpan (log-uniform), with 0–5
// pauses. If span is non-zero every ticket spans exactly that.
func genTickets(r *rand.Rand, n, ncal int, span time.Duration) []peerTicket {
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]peerTicket, n)
	for i := range out {
		start := base.Add(time.Duration(r.IntN(2*365*1440)) * time.Minute)
		s := span
		if s == 0 {
			s = time.Duration(math.Exp(r.Float64()*math.Log(120*1440))) * time.Minute
		}
		s = s.Truncate(time.Minute)
		end := start.Add(s)
		np := r.IntN(6)
		cuts := make([]time.Time, 0, 2*np)
		for range 2 * np {
			cuts = append(cuts, start.Add(time.Duration(r.Int64N(int64(s/time.Minute)+1))*time.Minute))
		}
		slices.SortFunc(cuts, func(a, b time.Time) int { return a.Compare(b) })
		seg := append([]time.Time{start}, cuts...)
		seg = append(seg, end)
		out[i] = peerTicket{cal: r.IntN(ncal), seg: seg, target: time.Duration(1+r.IntN(200*60)) * time.Minute}
	}
	return out
}
