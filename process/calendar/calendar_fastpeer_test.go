package calendar

import (
	"slices"
	"time"
)

// fastDay is the competitive day-stepping peer: the oracle's open spans of
// every local day of the ticket horizon (2024–2028), computed once from
// the spec with the time package and kept as unix nanoseconds, so that a
// question steps day by day over plain integers, with no zone lookup per
// instant and no allocation. It is what a careful host would write without
// the library's compiled week arithmetic.
type fastDay struct {
	dayStart []int64 // unix ns of each local day's first instant, and one past the last day
	lo       []int32 // the day's spans are spans[lo[i]:lo[i+1]]
	spans    [][2]int64
}

func newFastDay(p *peerCal) *fastDay {
	f := &fastDay{}
	first, last := Date{2024, time.January, 1}, Date{2029, time.January, 1}
	for d := first; d != last; d = nextDate(d, 1) {
		f.dayStart = append(f.dayStart, p.instant(d, 0).UnixNano())
		f.lo = append(f.lo, int32(len(f.spans)))
		for _, s := range p.spans(d) {
			f.spans = append(f.spans, [2]int64{s.a.UnixNano(), s.b.UnixNano()})
		}
	}
	f.dayStart = append(f.dayStart, p.instant(last, 0).UnixNano())
	f.lo = append(f.lo, int32(len(f.spans)))
	return f
}

// day returns the index of the local day holding unix ns t.
func (f *fastDay) day(t int64) int {
	i, found := slices.BinarySearch(f.dayStart, t)
	if !found {
		i--
	}
	return max(0, min(i, len(f.lo)-2))
}

func (f *fastDay) businessTime(from, to time.Time) time.Duration {
	a, b := from.UnixNano(), to.UnixNano()
	if b <= a {
		return 0
	}
	var sum int64
	for i := f.day(a); i < len(f.lo)-1 && f.dayStart[i] < b; i++ {
		for _, s := range f.spans[f.lo[i]:f.lo[i+1]] {
			x, y := max(s[0], a), min(s[1], b)
			if y > x {
				sum += y - x
			}
		}
	}
	return time.Duration(sum)
}

func (f *fastDay) deadline(start time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return start
	}
	a, left := start.UnixNano(), int64(d)
	for i := f.day(a); i < len(f.lo)-1; i++ {
		for _, s := range f.spans[f.lo[i]:f.lo[i+1]] {
			x := max(s[0], a)
			if s[1] <= x {
				continue
			}
			if l := s[1] - x; left <= l {
				return time.Unix(0, x+left).In(start.Location())
			}
			left -= s[1] - x
		}
	}
	return time.Time{}
}

// fastWork is what a clock asks of the fast peer for one ticket, as
// libWork asks the library.
func fastWork(f *fastDay, tk *peerTicket) (time.Duration, time.Time) {
	var used, last time.Duration
	n := len(tk.seg)
	for i := 0; i+1 < n; i += 2 {
		last = f.businessTime(tk.seg[i], tk.seg[i+1])
		used += last
	}
	return used, f.deadline(tk.seg[n-2], max(tk.target-(used-last), 0))
}
