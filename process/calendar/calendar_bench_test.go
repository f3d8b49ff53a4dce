package calendar

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"
	"unsafe"

	"github.com/smskit/iso20000/process/processtest"
)

// The clock benchmark of issue 4: a seeded generator of tickets over
// calendars in three zones with daylight saving in range, 1-4 intervals a
// day, 0-200 holidays a year, spans from a minute to 120 days and 0-5
// pauses; the library beside a day-by-day and a minute-stepping peer that
// must agree with it on the tickets before anything is timed.
//
//	go test ./process/calendar -run '^$' -bench Tickets -benchtime 1x -short   # CI smoke run
//	go test ./process/calendar -run '^$' -bench Tickets -timeout 1h           # full scale
//	go test ./process/calendar -run '^$' -bench '^BenchmarkTickets$' -count 6 | tee t.txt
//	benchstat -col /impl -filter '/impl:(library OR fastday)' t.txt          # library beside the fast day stepper

// fleet is a set of generated calendars with their peers.
type fleet struct {
	cals     []*Calendar
	peers    []*peerCal
	holidays []int // holidays a year of each calendar
}

var holidayBuckets = []int{0, 50, 200}

func newFleet(seed uint64) *fleet {
	r := rand.New(rand.NewPCG(seed, 4))
	f := &fleet{}
	for _, z := range genZones {
		for _, h := range holidayBuckets {
			for range 3 {
				spec := genCalendar(r, z, h)
				f.cals = append(f.cals, Must(spec))
				f.peers = append(f.peers, newPeer(spec))
				f.holidays = append(f.holidays, h)
			}
		}
	}
	return f
}

// libWork is what a target clock asks of a calendar for one ticket: the
// business time of every running segment, and the deadline from the last
// resume given the time used before it.
func libWork(c *Calendar, tk *peerTicket) (time.Duration, time.Time) {
	var used, last time.Duration
	n := len(tk.seg)
	for i := 0; i+1 < n; i += 2 {
		last = c.BusinessTime(tk.seg[i], tk.seg[i+1])
		used += last
	}
	return used, c.Deadline(tk.seg[n-2], max(tk.target-(used-last), 0)) // a clock asks forward only
}

func libBusiness(c *Calendar, tk *peerTicket) time.Duration {
	var used time.Duration
	for i := 0; i+1 < len(tk.seg); i += 2 {
		used += c.BusinessTime(tk.seg[i], tk.seg[i+1])
	}
	return used
}

func dayWork(p *peerCal, tk *peerTicket) (time.Duration, time.Time) {
	var used, last time.Duration
	n := len(tk.seg)
	for i := 0; i+1 < n; i += 2 {
		last = p.dayBusinessTime(tk.seg[i], tk.seg[i+1])
		used += last
	}
	return used, p.dayDeadline(tk.seg[n-2], tk.target-(used-last))
}

func minuteWork(p *peerCal, tk *peerTicket) (time.Duration, time.Time) {
	var used, last time.Duration
	n := len(tk.seg)
	for i := 0; i+1 < n; i += 2 {
		last = p.minuteBusinessTime(tk.seg[i], tk.seg[i+1])
		used += last
	}
	return used, p.minuteDeadline(tk.seg[n-2], tk.target-(used-last))
}

// agree checks the library against a peer on tickets; it returns the first
// disagreement.
func agree(f *fleet, tickets []peerTicket, peer func(*peerCal, *peerTicket) (time.Duration, time.Time)) error {
	for i := range tickets {
		tk := &tickets[i]
		gu, gd := libWork(f.cals[tk.cal], tk)
		wu, wd := peer(f.peers[tk.cal], tk)
		if gu != wu || !gd.Equal(wd) {
			return fmt.Errorf("peerTicket %d (calendar %d %s, segments %v, target %s): library %s, %s; peer %s, %s",
				i, tk.cal, f.cals[tk.cal].spec.Zone, tk.seg, tk.target, gu, gd, wu, wd)
		}
	}
	return nil
}

func TestCalendarPeersAgree(t *testing.T) {
	f := newFleet(1)
	nday, nmin := 3000, 120
	if testing.Short() {
		nday, nmin = 400, 25
	}
	tickets := genTickets(rand.New(rand.NewPCG(2, 4)), nday, len(f.cals), 0)
	if err := agree(f, tickets, dayWork); err != nil {
		t.Fatalf("day stepper: %v", err)
	}
	if err := agree(f, tickets[:nmin], minuteWork); err != nil {
		t.Fatalf("minute stepper: %v", err)
	}
}

// ticketSet is a bucket of the ticket benchmarks: tickets of one kind,
// named as benchstat reads sub-benchmark names (span=30d/holidays=any).
type ticketSet struct {
	name string
	ts   []peerTicket
}

// ticketSets returns the buckets: the mixed tickets (n of them), tickets of
// a fixed span (their deadline a quarter of the span away) and the mixed
// tickets on calendars of a fixed number of holidays a year (m of each
// kind). Each set keeps its segments in one array, as a host scanning
// tickets from its store would, so that the benchmarks time the calendar
// and not the allocator's scattering of small slices.
func ticketSets(f *fleet, mixed []peerTicket, m int) []ticketSet {
	sets := []ticketSet{{"span=any/holidays=any", compactTickets(mixed)}}
	for _, span := range []time.Duration{24 * time.Hour, 30 * 24 * time.Hour, 120 * 24 * time.Hour} {
		ts := genTickets(rand.New(rand.NewPCG(5, 4)), m, len(f.cals), span)
		for i := range ts {
			ts[i].target = span / 4 // a deadline as far off as the span
		}
		sets = append(sets, ticketSet{fmt.Sprintf("span=%dd/holidays=any", span/(24*time.Hour)), compactTickets(ts)})
	}
	for _, h := range holidayBuckets {
		var ts []peerTicket
		for _, tk := range mixed[:min(m, len(mixed))] {
			if f.holidays[tk.cal] == h {
				ts = append(ts, tk)
			}
		}
		sets = append(sets, ticketSet{fmt.Sprintf("span=any/holidays=%d", h), compactTickets(ts)})
	}
	return sets
}

// compactTickets returns a copy of ts whose segments share one array.
func compactTickets(ts []peerTicket) []peerTicket {
	n := 0
	for i := range ts {
		n += len(ts[i].seg)
	}
	all := make([]time.Time, 0, n)
	out := make([]peerTicket, len(ts))
	for i, tk := range ts {
		k := len(all)
		all = append(all, tk.seg...)
		tk.seg = all[k:len(all):len(all)]
		out[i] = tk
	}
	return out
}

// newFastDays returns the competitive day stepper of every calendar of f.
func newFastDays(f *fleet) []*fastDay {
	fast := make([]*fastDay, len(f.peers))
	for i, p := range f.peers {
		fast[i] = newFastDay(p)
	}
	return fast
}

// agreeFast checks the library against the competitive day stepper on
// both questions the benchmarks time: the business time of every segment,
// and the deadline of the target from the first.
func agreeFast(f *fleet, fast []*fastDay, set ticketSet) error {
	for k := range set.ts {
		tk := &set.ts[k]
		c, p := f.cals[tk.cal], fast[tk.cal]
		if g, w := libBusiness(c, tk), fastBusiness(p, tk); g != w {
			return fmt.Errorf("%s: ticket %d: business time: library %s, fast day stepper %s", set.name, k, g, w)
		}
		if g, w := c.Deadline(tk.seg[0], tk.target), p.deadline(tk.seg[0], tk.target); !g.Equal(w) {
			return fmt.Errorf("%s: ticket %d: deadline: library %s, fast day stepper %s", set.name, k, g, w)
		}
	}
	return nil
}

func fastBusiness(p *fastDay, tk *peerTicket) time.Duration {
	var used time.Duration
	for i := 0; i+1 < len(tk.seg); i += 2 {
		used += p.businessTime(tk.seg[i], tk.seg[i+1])
	}
	return used
}

// ticketOp is one question of a ticket benchmark on one implementation.
type ticketOp func(tk *peerTicket) int64

// ticketOps returns, for the fleet, the business time of every segment
// (op=business) and the deadline of the target from the first segment
// (op=deadline) on the library, the competitive day stepper (fastday), the
// oracle's day stepper (day) and the minute stepper (minute).
func ticketOps(f *fleet, fast []*fastDay) map[string]map[string]ticketOp {
	return map[string]map[string]ticketOp{
		"business": {
			"library": func(tk *peerTicket) int64 { return int64(libBusiness(f.cals[tk.cal], tk)) },
			"fastday": func(tk *peerTicket) int64 { return int64(fastBusiness(fast[tk.cal], tk)) },
			"day": func(tk *peerTicket) int64 {
				var s time.Duration
				for j := 0; j+1 < len(tk.seg); j += 2 {
					s += f.peers[tk.cal].dayBusinessTime(tk.seg[j], tk.seg[j+1])
				}
				return int64(s)
			},
			"minute": func(tk *peerTicket) int64 {
				var s time.Duration
				for j := 0; j+1 < len(tk.seg); j += 2 {
					s += f.peers[tk.cal].minuteBusinessTime(tk.seg[j], tk.seg[j+1])
				}
				return int64(s)
			},
		},
		"deadline": {
			"library": func(tk *peerTicket) int64 { return f.cals[tk.cal].Deadline(tk.seg[0], tk.target).Unix() },
			"fastday": func(tk *peerTicket) int64 { return fast[tk.cal].deadline(tk.seg[0], tk.target).Unix() },
			"day":     func(tk *peerTicket) int64 { return f.peers[tk.cal].dayDeadline(tk.seg[0], tk.target).Unix() },
			"minute":  func(tk *peerTicket) int64 { return f.peers[tk.cal].minuteDeadline(tk.seg[0], tk.target).Unix() },
		},
	}
}

// BenchmarkTickets times each question per ticket, one sub-benchmark per
// bucket, question and implementation, named for benchstat:
//
//	BenchmarkTickets/span=30d/holidays=any/op=business/impl=library
//
// so that `benchstat -col /impl` sets the library beside the competitive
// day stepper (fastday) on every bucket; the day and minute steppers run on
// the mixed tickets only (the minute stepper on its first few). Every
// answer is checked against the peers before anything is timed; cpu-ns/op
// is the thread's CPU time, steadier than ns/op on a shared machine.
func BenchmarkTickets(b *testing.B) {
	n, nmin, m := 1_000_000, 300, 100_000
	if testing.Short() {
		n, nmin, m = 2_000, 10, 2_000
	}
	f := newFleet(1)
	tickets := genTickets(rand.New(rand.NewPCG(3, 4)), n, len(f.cals), 0)
	start := time.Now()
	if err := agree(f, tickets, dayWork); err != nil {
		b.Fatalf("day stepper: %v", err)
	}
	if err := agree(f, tickets[:nmin], minuteWork); err != nil {
		b.Fatalf("minute stepper: %v", err)
	}
	fast := newFastDays(f)
	sets := ticketSets(f, tickets, m)
	for _, set := range sets {
		if err := agreeFast(f, fast, set); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("%d tickets agree with the day stepper, %d with the minute stepper, every set with the fast day stepper (checked in %s)",
		n, nmin, time.Since(start).Round(time.Millisecond))

	ops := ticketOps(f, fast)
	run := func(b *testing.B, ts []peerTicket, op ticketOp) {
		b.ReportAllocs()
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		var sink int64
		n, cpu0 := 0, processtest.ThreadCPU()
		defer func() { b.ReportMetric(float64(processtest.ThreadCPU()-cpu0)/float64(max(n, 1)), "cpu-ns/op") }()
		for i := 0; b.Loop(); i++ {
			n++
			sink += op(&ts[i%len(ts)])
		}
		_ = sink
	}
	for k, set := range sets {
		for _, op := range []string{"business", "deadline"} {
			impls := []string{"library", "fastday"}
			if k == 0 {
				impls = append(impls, "day", "minute")
			}
			for _, impl := range impls {
				ts := set.ts
				if impl == "minute" {
					ts = ts[:nmin]
				}
				b.Run(set.name+"/op="+op+"/impl="+impl, func(b *testing.B) { run(b, ts, ops[op][impl]) })
			}
		}
	}
}

// median returns the median of xs, reordering them.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	if n := len(xs); n%2 == 0 {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
	return xs[len(xs)/2]
}

// BenchmarkTicketRatios times the library and the competitive day stepper
// as pairs: each iteration runs one block of tickets on the library, then
// the same block on the peer, so that the load of a shared machine falls
// on both alike; it reports the medians over the blocks of the thread CPU
// time per ticket (lib-ns/ticket, fastday-ns/ticket) and of the ratio
// (x-fastday: how many times faster the library is), and the median ratio
// of wall time (x-fastday-wall). On the mixed tickets, op=ticket is a
// target clock's whole work for a ticket (the business time of every
// segment, then the deadline from the last resume) beside the fast and the
// oracle's day steppers (x-day), and the minute stepper on a few tickets
// (x-minute, by totals).
func BenchmarkTicketRatios(b *testing.B) {
	nday, nmin, m := 20_000, 200, 20_000
	if testing.Short() {
		nday, nmin, m = 500, 4, 500
	}
	f := newFleet(1)
	tickets := genTickets(rand.New(rand.NewPCG(3, 4)), nday, len(f.cals), 0)
	if err := agree(f, tickets, dayWork); err != nil {
		b.Fatalf("day stepper: %v", err)
	}
	if err := agree(f, tickets[:nmin], minuteWork); err != nil {
		b.Fatalf("minute stepper: %v", err)
	}
	fast := newFastDays(f)
	for k := range tickets { // the fast peer agrees on every ticket before anything is timed
		tk := &tickets[k]
		gu, gd := libWork(f.cals[tk.cal], tk)
		wu, wd := fastWork(fast[tk.cal], tk)
		if gu != wu || !gd.Equal(wd) {
			b.Fatalf("fast day stepper: ticket %d: library %s, %s; peer %s, %s", k, gu, gd, wu, wd)
		}
	}
	sets := ticketSets(f, tickets, m)
	for _, set := range sets {
		if err := agreeFast(f, fast, set); err != nil {
			b.Fatal(err)
		}
	}
	const block = 256
	now := func() [2]time.Duration {
		return [2]time.Duration{time.Duration(time.Now().UnixNano()), processtest.ThreadCPU()}
	}
	// pairs times the sides on blocks of ts in turn and reports the medians.
	pairs := func(b *testing.B, ts []peerTicket, names []string, sides []ticketOp) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		per := make([][]float64, len(sides))   // CPU ns a ticket of each side, by block
		ratio := make([][]float64, len(sides)) // CPU and wall ratio to the library, by block
		wall := make([][]float64, len(sides))
		var sink int64
		i := 0
		for b.Loop() {
			blk := ts[i : i+min(block, len(ts))]
			i = (i + block) % max(len(ts)-block, 1)
			t := make([][2]time.Duration, len(sides)+1)
			t[0] = now()
			for s, op := range sides {
				for k := range blk {
					sink += op(&blk[k])
				}
				t[s+1] = now()
			}
			for s := range sides {
				cpu := float64(t[s+1][1]-t[s][1]) / float64(len(blk))
				per[s] = append(per[s], cpu)
				ratio[s] = append(ratio[s], float64(t[s+1][1]-t[s][1])/float64(max(t[1][1]-t[0][1], 1)))
				wall[s] = append(wall[s], float64(t[s+1][0]-t[s][0])/float64(max(t[1][0]-t[0][0], 1)))
			}
		}
		_ = sink
		for s, name := range names {
			b.ReportMetric(median(per[s]), name+"-ns/ticket")
			if s > 0 {
				b.ReportMetric(median(ratio[s]), "x-"+name)
				b.ReportMetric(median(wall[s]), "x-"+name+"-wall")
			}
		}
	}
	ops := ticketOps(f, fast)
	for _, set := range sets {
		for _, op := range []string{"business", "deadline"} {
			b.Run(set.name+"/op="+op, func(b *testing.B) {
				pairs(b, set.ts, []string{"lib", "fastday"}, []ticketOp{ops[op]["library"], ops[op]["fastday"]})
			})
		}
	}
	work := func(w func(*peerTicket) (time.Duration, time.Time)) ticketOp {
		return func(tk *peerTicket) int64 { u, d := w(tk); return int64(u) + d.Unix() }
	}
	lib := work(func(tk *peerTicket) (time.Duration, time.Time) { return libWork(f.cals[tk.cal], tk) })
	b.Run(sets[0].name+"/op=ticket", func(b *testing.B) {
		pairs(b, tickets, []string{"lib", "fastday", "day"}, []ticketOp{lib,
			work(func(tk *peerTicket) (time.Duration, time.Time) { return fastWork(fast[tk.cal], tk) }),
			work(func(tk *peerTicket) (time.Duration, time.Time) { return dayWork(f.peers[tk.cal], tk) })})
	})
	b.Run(sets[0].name+"/op=ticket/peer=minute", func(b *testing.B) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		const reps = 200 // library passes over a minute-stepper ticket
		var libT, minT time.Duration
		var sink int64
		j := 0
		for b.Loop() {
			tk := &tickets[j]
			j = (j + 1) % nmin
			t0 := processtest.ThreadCPU()
			for range reps {
				sink += lib(tk)
			}
			t1 := processtest.ThreadCPU()
			sink += work(func(tk *peerTicket) (time.Duration, time.Time) { return minuteWork(f.peers[tk.cal], tk) })(tk)
			t2 := processtest.ThreadCPU()
			libT += t1 - t0
			minT += t2 - t1
		}
		_ = sink
		b.ReportMetric(float64(minT)*reps/float64(max(libT, 1)), "x-minute")
	})
}

// BenchmarkNewCalendar compiles a calendar in a zone with daylight saving,
// 200 holidays a year over five years and ten yearly ones; retained-B is
// the size of the compiled tables.
func BenchmarkNewCalendar(b *testing.B) {
	spec := genCalendar(rand.New(rand.NewPCG(8, 8)), "Europe/Berlin", 200)
	for m := range 10 {
		spec.Holidays = append(spec.Holidays, Holiday{Date: Date{2000, time.Month(m + 1), 1}, Yearly: true})
	}
	b.ReportAllocs()
	var c *Calendar
	for b.Loop() {
		c = Must(spec)
	}
	size := len(c.zStart)*24 + len(c.sp)*int(unsafe.Sizeof(special{})) + len(c.pieces)*16 +
		len(c.buckets)*int(unsafe.Sizeof(bucket{})) + len(c.wpieces)*32 + len(c.wfix)*16
	b.ReportMetric(float64(size), "retained-B")
}
