package calendar

import (
	"fmt"
	"math/rand/v2"
	"runtime"
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

func BenchmarkTickets(b *testing.B) {
	n, nmin := 1_000_000, 300
	if testing.Short() {
		n, nmin = 2_000, 10
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
	b.Logf("%d tickets agree with the day stepper, %d with the minute stepper (checked in %s)", n, nmin, time.Since(start).Round(time.Millisecond))

	runLib := func(b *testing.B, ts []peerTicket, deadline bool) {
		b.ReportAllocs()
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		var sink time.Duration
		n, cpu0 := 0, processtest.ThreadCPU()
		defer func() { b.ReportMetric(float64(processtest.ThreadCPU()-cpu0)/float64(max(n, 1)), "cpu-ns/op") }()
		for i := 0; b.Loop(); i++ {
			n++
			tk := &ts[i%len(ts)]
			c := f.cals[tk.cal]
			if deadline {
				sink += time.Duration(c.Deadline(tk.seg[0], tk.target).Unix())
			} else {
				sink += libBusiness(c, tk)
			}
		}
		_ = sink
	}
	b.Run("library/business", func(b *testing.B) { runLib(b, tickets, false) })
	b.Run("library/deadline", func(b *testing.B) { runLib(b, tickets, true) })
	runPeer := func(b *testing.B, ts []peerTicket, deadline bool, minute bool) {
		b.ReportAllocs()
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		var sink time.Duration
		n, cpu0 := 0, processtest.ThreadCPU()
		defer func() { b.ReportMetric(float64(processtest.ThreadCPU()-cpu0)/float64(max(n, 1)), "cpu-ns/op") }()
		for i := 0; b.Loop(); i++ {
			n++
			tk := &ts[i%len(ts)]
			p := f.peers[tk.cal]
			switch {
			case deadline && minute:
				sink += time.Duration(p.minuteDeadline(tk.seg[0], tk.target).Unix())
			case deadline:
				sink += time.Duration(p.dayDeadline(tk.seg[0], tk.target).Unix())
			case minute:
				for j := 0; j+1 < len(tk.seg); j += 2 {
					sink += p.minuteBusinessTime(tk.seg[j], tk.seg[j+1])
				}
			default:
				for j := 0; j+1 < len(tk.seg); j += 2 {
					sink += p.dayBusinessTime(tk.seg[j], tk.seg[j+1])
				}
			}
		}
		_ = sink
	}
	b.Run("day/business", func(b *testing.B) { runPeer(b, tickets, false, false) })
	b.Run("day/deadline", func(b *testing.B) { runPeer(b, tickets, true, false) })
	b.Run("minute/business", func(b *testing.B) { runPeer(b, tickets[:nmin], false, true) })
	b.Run("minute/deadline", func(b *testing.B) { runPeer(b, tickets[:nmin], true, true) })

	// Flatness: the same work on spans of fixed length, and on calendars of
	// a fixed number of holidays a year.
	m := min(n, 100_000)
	for _, span := range []time.Duration{24 * time.Hour, 30 * 24 * time.Hour, 120 * 24 * time.Hour} {
		ts := genTickets(rand.New(rand.NewPCG(5, 4)), m, len(f.cals), span)
		for i := range ts {
			ts[i].target = span / 4 // a deadline as far off as the span
		}
		name := fmt.Sprintf("span=%dd", span/(24*time.Hour))
		b.Run("library/business/"+name, func(b *testing.B) { runLib(b, ts, false) })
		b.Run("library/deadline/"+name, func(b *testing.B) { runLib(b, ts, true) })
	}
	for _, h := range holidayBuckets {
		var ts []peerTicket
		for _, tk := range tickets[:m] {
			if f.holidays[tk.cal] == h {
				ts = append(ts, tk)
			}
		}
		name := fmt.Sprintf("holidays=%d", h)
		b.Run("library/business/"+name, func(b *testing.B) { runLib(b, ts, false) })
		b.Run("library/deadline/"+name, func(b *testing.B) { runLib(b, ts, true) })
	}
}

// BenchmarkTicketRatios times the library and each peer on the same
// tickets in alternating blocks, so that the load of a shared machine
// falls on both alike, and reports the ratios: x-day and x-minute are how
// many times faster the library is per ticket (business time of every
// segment plus the deadline).
func BenchmarkTicketRatios(b *testing.B) {
	nday, nmin := 20_000, 200
	if testing.Short() {
		nday, nmin = 500, 4
	}
	f := newFleet(1)
	tickets := genTickets(rand.New(rand.NewPCG(3, 4)), nday, len(f.cals), 0)
	if err := agree(f, tickets, dayWork); err != nil {
		b.Fatalf("day stepper: %v", err)
	}
	if err := agree(f, tickets[:nmin], minuteWork); err != nil {
		b.Fatalf("minute stepper: %v", err)
	}
	fast := make([]*fastDay, len(f.peers))
	for i, p := range f.peers {
		fast[i] = newFastDay(p)
	}
	for k := range tickets { // the fast peer agrees on every ticket before anything is timed
		tk := &tickets[k]
		gu, gd := libWork(f.cals[tk.cal], tk)
		wu, wd := fastWork(fast[tk.cal], tk)
		if gu != wu || !gd.Equal(wd) {
			b.Fatalf("fast day stepper: ticket %d: library %s, %s; peer %s, %s", k, gu, gd, wu, wd)
		}
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	// Wall time and this thread's CPU time of each side.
	var lib, day, fastT, libM, minute [2]time.Duration
	var nLib, nLibM, nMin int
	var sink time.Duration
	const block = 100
	const reps = 200 // library passes over a minute-stepper peerTicket
	now := func() [2]time.Duration {
		return [2]time.Duration{time.Duration(time.Now().UnixNano()), processtest.ThreadCPU()}
	}
	add := func(acc *[2]time.Duration, a, b [2]time.Duration) { acc[0] += b[0] - a[0]; acc[1] += b[1] - a[1] }
	i, j := 0, 0
	for b.Loop() {
		// A block of tickets: library, then the day stepper.
		blk := tickets[i : i+block]
		i = (i + block) % (len(tickets) - block)
		t0 := now()
		for k := range blk {
			u, d := libWork(f.cals[blk[k].cal], &blk[k])
			sink += u + time.Duration(d.Unix())
		}
		t1 := now()
		for k := range blk {
			u, d := dayWork(f.peers[blk[k].cal], &blk[k])
			sink += u + time.Duration(d.Unix())
		}
		t2 := now()
		for k := range blk {
			u, d := fastWork(fast[blk[k].cal], &blk[k])
			sink += u + time.Duration(d.Unix())
		}
		t3 := now()
		add(&lib, t0, t1)
		add(&day, t1, t2)
		add(&fastT, t2, t3)
		nLib += len(blk)
		// One ticket: the library many times, then the minute stepper once.
		tk := &tickets[j]
		j = (j + 1) % nmin
		t0 = now()
		for range reps {
			u, d := libWork(f.cals[tk.cal], tk)
			sink += u + time.Duration(d.Unix())
		}
		t1 = now()
		u, d := minuteWork(f.peers[tk.cal], tk)
		sink += u + time.Duration(d.Unix())
		t2 = now()
		add(&libM, t0, t1)
		add(&minute, t1, t2)
		nLibM += reps
		nMin++
	}
	_ = sink
	for k, unit := range []string{"wall", "cpu"} {
		perLib := float64(lib[k]) / float64(nLib)
		perDay := float64(day[k]) / float64(nLib)
		perFast := float64(fastT[k]) / float64(nLib)
		perLibM := float64(libM[k]) / float64(nLibM)
		perMin := float64(minute[k]) / float64(nMin)
		b.ReportMetric(perLib, "lib-"+unit+"-ns/peerTicket")
		b.ReportMetric(perDay, "day-"+unit+"-ns/peerTicket")
		b.ReportMetric(perMin, "minute-"+unit+"-ns/peerTicket")
		b.ReportMetric(perDay/perLib, "x-day-"+unit)
		b.ReportMetric(perFast, "fastday-"+unit+"-ns/peerTicket")
		b.ReportMetric(perFast/perLib, "x-fastday-"+unit)
		b.ReportMetric(perMin/perLibM, "x-minute-"+unit)
	}
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
		len(c.buckets)*int(unsafe.Sizeof(bucket{})) + len(c.wpieces)*32
	b.ReportMetric(float64(size), "retained-B")
}
