package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// indexCalendars are the calendars the index is checked on: the property
// fleet (three zones with daylight saving, 0-200 holidays, night shifts,
// openings, closures) and zones whose offsets change at midnight, skip a
// day or sit at the far ends of the offset range.
func indexCalendars(t *testing.T) []*Calendar {
	t.Helper()
	cals := append([]*Calendar(nil), propFleet().cals...)
	r := rand.New(rand.NewPCG(21, 1))
	for _, z := range []string{"America/Havana", "America/Santiago", "Pacific/Apia", "Pacific/Kiritimati",
		"Pacific/Pago_Pago", "Asia/Tehran", "Australia/Lord_Howe", "UTC"} {
		for _, h := range []int{0, 200} {
			spec := genCalendar(r, z, h)
			c, err := New(spec)
			if err != nil {
				t.Fatalf("%s: %v", z, err)
			}
			cals = append(cals, c)
		}
	}
	return cals
}

// indexInstants returns instants around the places the index can go
// wrong: zone changes, the midnights and open pieces of special days
// (holidays, closures, openings at the ends of a span or pause), local and
// unix midnights at the edges of buckets, the horizon's ends, and random
// instants.
func indexInstants(c *Calendar, r *rand.Rand) []int64 {
	var us []int64
	for k := 1; k < len(c.zStart); k++ {
		if z := c.zStart[k]; z > 1700000000 && z < 1900000000 {
			for _, d := range []int64{-3601, -3600, -1, 0, 1, 3599, 3600} {
				us = append(us, z+d)
			}
		}
	}
	for _, sp := range c.sp { // holidays, closures, openings: their midnights and pieces
		if d := int64(sp.day); d >= 19700 && d < 21200 {
			for _, w := range []int64{d * secondsPerDay, (d + 1) * secondsPerDay} {
				u := c.wallToUnix(w)
				us = append(us, u-1, u, u+1)
			}
			for _, p := range c.pieces[sp.lo:sp.hi] {
				us = append(us, p.a-1, p.a, p.b-1, p.b)
			}
		}
	}
	first, end := horizon()
	// The race detector makes each check ten times slower: a quarter of
	// the random instants there, every edge case still.
	buckets, random := 400, 2000
	if raceEnabled {
		buckets, random = 100, 500
	}
	for range buckets {
		d := first + r.Int64N(end-first)
		if r.IntN(2) == 0 {
			d = 19700 + r.Int64N(1500) // 2023–2027
		}
		d = d &^ (1<<bucketShift - 1) // a bucket's first day
		for _, w := range []int64{-1, 0, 1} {
			u := (d+w)*secondsPerDay - c.offsetAt(d*secondsPerDay)
			us = append(us, u-1, u, u+1, (d+w)*secondsPerDay-1, (d+w)*secondsPerDay)
		}
	}
	for _, d := range []int64{first - 3, first, end - 1, end + 2} {
		us = append(us, d*secondsPerDay, d*secondsPerDay+43200)
	}
	for range random {
		us = append(us, 1700000000+r.Int64N(200000000))
	}
	return us
}

// TestIndexMatchesSearch checks the bucket index against the searches it
// shortcuts: business time and openness at an instant, and the instant a
// target is reached, on every calendar, near zone changes and bucket edges.
func TestIndexMatchesSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(22, 2))
	for ci, c := range indexCalendars(t) {
		for _, u := range indexInstants(c, r) {
			s, open, hint := c.cum(u)
			ws, wopen, _ := c.cumSlow(u)
			if s != ws || open != wopen {
				t.Fatalf("calendar %d (%s): cum(%d) = %d, %v; search %d, %v", ci, c.spec.Zone, u, s, open, ws, wopen)
			}
			for _, dt := range []int64{1, 60, 3600, 8 * 3600, 86400, 30 * 86400, -1, -3600, -86400, -30 * 86400} {
				for _, h := range []int{hint, -1, hint + 3, hint - 3} {
					got, edge, ok := c.reach(s+dt, h)
					want, wedge, wok := c.reachSlow(s+dt, -1)
					if got != want || ok != wok || ok && edge != wedge {
						t.Fatalf("calendar %d (%s): reach(%d, hint %d) = %d, %v, %v; search %d, %v, %v",
							ci, c.spec.Zone, s+dt, h, got, edge, ok, want, wedge, wok)
					}
					if ok && !edge {
						if _, o, _ := c.cumSlow(got); !o {
							t.Fatalf("calendar %d (%s): reach(%d) = %d not at an edge, but closed", ci, c.spec.Zone, s+dt, got)
						}
					}
				}
			}
		}
	}
}

// refDeadlineWith is DeadlineWith as it was before the index: every
// search over the special days and a check of openness at every result.
func (c *Calendar) refDeadlineWith(start time.Time, d time.Duration, o Options) time.Time {
	s0, open, _ := c.cumSlow(start.Unix())
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
		u, _, ok := c.reachSlow(q+1, -1)
		if !ok {
			return time.Time{}
		}
		return time.Unix(u-1, r).In(start.Location())
	}
	u, _, ok := c.reachSlow(q, -1)
	if !ok {
		return time.Time{}
	}
	if _, openAt, _ := c.cumSlow(u); !openAt && back != o.ExhaustedAtOpening {
		if v, _, ok := c.reachSlow(q+1, -1); ok {
			u = v - 1
		}
	}
	return time.Unix(u, 0).In(start.Location())
}

// TestDeadlineIndexEdges checks Deadline, forwards and backwards and with
// every convention, against the searches, from instants at zone changes
// and bucket edges, for delays that end at closings, openings and midnights.
func TestDeadlineIndexEdges(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 3))
	opts := []Options{{}, {ExhaustedAtOpening: true}, {ZeroAtOpening: true}, {ExhaustedAtOpening: true, ZeroAtOpening: true}}
	for ci, c := range indexCalendars(t) {
		us := indexInstants(c, r)
		for i, u := range us {
			if i%3 != 0 {
				continue
			}
			start := time.Unix(u, int64(r.IntN(3))*int64(time.Millisecond)*250).In(c.loc)
			for _, d := range []time.Duration{0, time.Second, time.Hour, 8 * time.Hour, 24 * time.Hour, 200 * time.Hour,
				-time.Second, -time.Hour, -8 * time.Hour, -200 * time.Hour, 90 * time.Minute, time.Duration(r.Int64N(int64(400 * time.Hour)))} {
				for _, o := range opts {
					got, want := c.DeadlineWith(start, d, o), c.refDeadlineWith(start, d, o)
					if !got.Equal(want) {
						t.Fatalf("calendar %d (%s): DeadlineWith(%s, %s, %+v) = %s; search %s", ci, c.spec.Zone, start, d, o, got, want)
					}
				}
			}
		}
	}
}
