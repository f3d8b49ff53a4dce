package budgeting

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// The benchmarks apportion a large provider's period of cost entries, and
// report on it against budget, three ways on the same entries: with the
// library, with plain int64 minor units (the floor: no validation, no
// decimals, no trace) and with naive per-entry decimal.Decimal arithmetic.
// All three must agree to the cent before any timing. Then each round (one
// b.Loop iteration) times every contender once, in an order that turns
// round by round, each after a collection of the garbage of the one before;
// the metrics are medians over the rounds: nanoseconds per entry of each
// contender, its ratios to the floor and to naive decimal (each the median
// of the rounds' own ratios, so that a noisy round moves both sides), and
// the library's allocations per call. ns/op, the time of a whole round, is
// left out. They run at 100,000 and 1,000,000 entries (100,000 only with
// -short); BUDGETING_BENCH_ENTRIES sets one other size (for the one-off
// 10,000,000-entry measurement) and BUDGETING_BENCH_NAIVE=skip leaves naive
// decimal out. For medians over several rounds:
//
//	go test ./budgeting -run '^$' -bench . -benchtime 5x

const (
	benchServices = 5000
	benchRules    = 10000
)

var benchPeriods = []Period{"2026-10", "2026-11", "2026-12"}

// bookLedger books entries into a new ledger in euros.
func bookLedger(b *testing.B, entries []CostEntry) *Ledger {
	l, err := NewLedger(EUR)
	if err != nil {
		b.Fatal(err)
	}
	if err := l.Add(entries...); err != nil {
		b.Fatal(err)
	}
	return l
}

type benchData struct {
	model   Model
	entries []CostEntry
	floor   floorData
}

// benchSizes returns the numbers of entries to benchmark at.
func benchSizes(b *testing.B) []int {
	if s := os.Getenv("BUDGETING_BENCH_ENTRIES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		return []int{n}
	}
	if testing.Short() {
		return []int{100_000}
	}
	return []int{100_000, 1_000_000}
}

func seqID(prefix, n int) process.ID {
	var id process.ID
	id[0] = byte(prefix)
	id[6] = 0x70
	id[8] = 0x80
	for i := 15; i > 8 && n > 0; i-- {
		id[i] = byte(n)
		n >>= 8
	}
	return id
}

// makeBench builds a provider of 5,000 services and 10,000 rules of one to
// five shares each, and n entries: 30% direct, 70% indirect.
func makeBench(n int) *benchData {
	rng := rand.New(rand.NewPCG(1, 2))
	bd := &benchData{model: Model{Currency: EUR}}
	order := rng.Perm(benchServices) // IDs not in index order
	for i := range benchServices {
		bd.model.Services = append(bd.model.Services, Service{ID: seqID(1, order[i]+1), Name: fmt.Sprintf("service %d", i)})
	}
	for r := range benchRules {
		k := 1 + rng.IntN(5)
		rule := Rule{ID: seqID(2, r+1), Name: fmt.Sprintf("rule %d", r), Basis: BasisDriver, Driver: "usage"}
		for _, s := range rng.Perm(benchServices)[:k] {
			w := decimal.New(int64(1+rng.IntN(99999)), -2) // 0.01 … 999.99
			rule.Shares = append(rule.Shares, Share{Service: bd.model.Services[s].ID, Weight: w})
		}
		bd.model.Rules = append(bd.model.Rules, rule)
	}
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) // a date in benchPeriods, all of late 2026
	bd.entries = make([]CostEntry, n)
	for i := range bd.entries {
		cents := int64(1 + rng.IntN(10_000_000))
		amt := decimal.New(cents, -2)
		if cents%100 == 0 && i%2 == 0 {
			amt = decimal.New(cents/100, 0) // some whole euros
		}
		e := CostEntry{ID: seqID(3, i+1), Amount: amt, Currency: EUR, Date: at,
			Period: benchPeriods[rng.IntN(len(benchPeriods))], Category: categories[rng.IntN(numCategories)]}
		if rng.IntN(10) < 3 {
			e.Nature, e.Service = Direct, bd.model.Services[rng.IntN(benchServices)].ID
		} else {
			e.Nature, e.Rule = Indirect, bd.model.Rules[rng.IntN(benchRules)].ID
		}
		bd.entries[i] = e
	}
	bd.floor = makeFloor(bd.model, bd.entries)
	return bd
}

// floorData is the int64 floor's input: the same entries as int64 cents and
// indices, the rules as int64 weights over service indices sorted by ID.
type floorData struct {
	entries []floorEntry
	rules   []floorRule
	ids     []process.ID // service index → ID (sorted)
}

type floorEntry struct {
	cents  int64
	target int32 // service index for direct, rule index for indirect
	direct bool
	cat    uint8
	period uint8
}

type floorRule struct {
	targets []int32
	w       []int64
	wt      int64
}

func makeFloor(m Model, entries []CostEntry) floorData {
	var f floorData
	for _, s := range m.Services {
		f.ids = append(f.ids, s.ID)
	}
	slices.SortFunc(f.ids, process.ID.Compare)
	svc := map[process.ID]int32{}
	for i, id := range f.ids {
		svc[id] = int32(i)
	}
	rule := map[process.ID]int32{}
	for i, r := range m.Rules {
		rule[r.ID] = int32(i)
		shares := slices.Clone(r.Shares)
		slices.SortFunc(shares, func(x, y Share) int { return x.Service.Compare(y.Service) })
		var fr floorRule
		for _, s := range shares {
			fr.targets = append(fr.targets, svc[s.Service])
			w := s.Weight.Shift(2).IntPart()
			fr.w = append(fr.w, w)
			fr.wt += w
		}
		f.rules = append(f.rules, fr)
	}
	for _, e := range entries {
		fe := floorEntry{cents: e.Amount.Shift(2).IntPart(), cat: uint8(e.Category.index()),
			period: uint8(slices.Index(benchPeriods, e.Period))}
		if e.Nature == Direct {
			fe.target, fe.direct = svc[e.Service], true
		} else {
			fe.target = rule[e.Rule]
		}
		f.entries = append(f.entries, fe)
	}
	return f
}

// floorApportion is the floor: plain int64 cents, largest remainder with
// ties to the lower service ID, totals per period × service × category.
func floorApportion(f *floorData) []int64 {
	nsvc := len(f.ids)
	tot := make([]int64, len(benchPeriods)*nsvc*numCategories)
	var q, r [5]int64
	for i := range f.entries {
		e := &f.entries[i]
		base := int(e.period) * nsvc
		if e.direct {
			tot[(base+int(e.target))*numCategories+int(e.cat)] += e.cents
			continue
		}
		fr := &f.rules[e.target]
		left := e.cents
		for j, w := range fr.w {
			p := e.cents * w
			q[j], r[j] = p/fr.wt, p%fr.wt
			left -= q[j]
		}
		for ; left > 0; left-- {
			best := 0
			for j := 1; j < len(fr.w); j++ {
				if r[j] > r[best] {
					best = j
				}
			}
			r[best] = -1
			q[best]++
		}
		for j, t := range fr.targets {
			tot[(base+int(t))*numCategories+int(e.cat)] += q[j]
		}
	}
	return tot
}

// naiveApportion is what a straightforward implementation does: decimal
// arithmetic on every entry and share, with the same largest-remainder rule.
func naiveApportion(m Model, entries []CostEntry) []decimal.Decimal {
	ids := make([]process.ID, 0, len(m.Services))
	for _, s := range m.Services {
		ids = append(ids, s.ID)
	}
	slices.SortFunc(ids, process.ID.Compare)
	svc := map[process.ID]int{}
	for i, id := range ids {
		svc[id] = i
	}
	rules := map[process.ID]Rule{}
	totals := map[process.ID]decimal.Decimal{}
	for _, r := range m.Rules {
		r.Shares = slices.Clone(r.Shares)
		slices.SortFunc(r.Shares, func(x, y Share) int { return x.Service.Compare(y.Service) })
		t := decimal.Zero
		for _, s := range r.Shares {
			t = t.Add(s.Weight)
		}
		rules[r.ID], totals[r.ID] = r, t
	}
	nsvc := len(ids)
	tot := make([]decimal.Decimal, len(benchPeriods)*nsvc*numCategories)
	cent := decimal.New(1, -2)
	q := make([]decimal.Decimal, 5)
	rem := make([]decimal.Decimal, 5)
	for _, e := range entries {
		base := slices.Index(benchPeriods, e.Period) * nsvc
		c := e.Category.index()
		if e.Nature == Direct {
			k := (base+svc[e.Service])*numCategories + c
			tot[k] = tot[k].Add(e.Amount)
			continue
		}
		r, wt := rules[e.Rule], totals[e.Rule]
		left := e.Amount
		for j, s := range r.Shares {
			q[j], rem[j] = e.Amount.Mul(s.Weight).QuoRem(wt, 2)
			left = left.Sub(q[j])
		}
		taken := [5]bool{}
		for ; left.IsPositive(); left = left.Sub(cent) {
			best := -1
			for j := range r.Shares {
				if !taken[j] && (best < 0 || rem[j].GreaterThan(rem[best])) {
					best = j
				}
			}
			taken[best] = true
			q[best] = q[best].Add(cent)
		}
		for j, s := range r.Shares {
			k := (base+svc[s.Service])*numCategories + c
			tot[k] = tot[k].Add(q[j])
		}
	}
	return tot
}

// libTotals reads the library's allocation into the floor's layout.
func libTotals(b testing.TB, r *Allocation, ids []process.ID) []int64 {
	idx := map[process.ID]int{}
	for i, id := range ids {
		idx[id] = i
	}
	tot := make([]int64, len(benchPeriods)*len(ids)*numCategories)
	for c := range r.Costs() {
		k := (slices.Index(benchPeriods, c.Period)*len(ids)+idx[c.Service])*numCategories + c.Category.index()
		tot[k] = c.Amount.Amount.Shift(2).IntPart()
	}
	return tot
}

var benchCache = map[int]*benchData{}

// getBench returns the benchmark data of n entries, made once, and lets the
// data of other sizes go: the live heap is then the same whichever size ran
// before, and so is what a collection costs naive decimal, which allocates
// per entry.
func getBench(n int) *benchData {
	for k := range benchCache {
		if k != n {
			delete(benchCache, k)
		}
	}
	if bd, ok := benchCache[n]; ok {
		return bd
	}
	bd := makeBench(n)
	benchCache[n] = bd
	return bd
}

// bySize runs bench as a sub-benchmark per size: entries=100000 and so on.
func bySize(b *testing.B, bench func(b *testing.B, bd *benchData)) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) { bench(b, getBench(n)) })
	}
}

func BenchmarkApportion(b *testing.B) { bySize(b, benchApportion) }

func benchApportion(b *testing.B, bd *benchData) {
	a, err := NewApportioner(bd.model)
	if err != nil {
		b.Fatal(err)
	}
	book := func() *Ledger { return bookLedger(b, bd.entries) }
	ledger := book()
	naive := os.Getenv("BUDGETING_BENCH_NAIVE") != "skip"
	// Agree to the cent before timing anything.
	lib, err := a.Apportion(bd.entries)
	if err != nil {
		b.Fatal(err)
	}
	floor := floorApportion(&bd.floor)
	if !slices.Equal(libTotals(b, lib, bd.floor.ids), floor) {
		b.Fatal("library and int64 floor disagree")
	}
	fromLedger, err := a.ApportionLedger(book())
	if err != nil {
		b.Fatal(err)
	}
	if !slices.Equal(libTotals(b, fromLedger, bd.floor.ids), floor) {
		b.Fatal("ledger and int64 floor disagree")
	}
	if naive {
		for k, x := range naiveApportion(bd.model, bd.entries) {
			if x.Shift(2).IntPart() != floor[k] {
				b.Fatalf("naive decimal and floor disagree at %d: %s vs %d", k, x, floor[k])
			}
		}
	}
	apportion := func(r *Allocation, err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	stages := []stage{
		{name: "lib", allocs: true, run: func() { apportion(a.Apportion(bd.entries)) }},
		// A ledger booked and apportioned: the whole cost of a report on
		// entries a host books once.
		{name: "lib-ledger", allocs: true, run: func() { apportion(a.ApportionLedger(book())) }},
		{name: "booking", allocs: true, run: func() { book() }},
		{name: "ledger-apportion", allocs: true, run: func() { apportion(a.ApportionLedger(ledger)) }},
		{name: "floor", run: func() { floorApportion(&bd.floor) }},
	}
	if naive {
		stages = append(stages, stage{name: "naive", run: func() { naiveApportion(bd.model, bd.entries) }})
	}
	runRounds(b, len(bd.entries), stages).report(b, [][2]string{
		{"lib", "floor"}, {"lib-ledger", "floor"}, {"ledger-apportion", "floor"},
		{"naive", "lib"}, {"naive", "lib-ledger"}, {"naive", "ledger-apportion"},
	})
}

// benchBudgets returns a budget per service and period with a line per
// category, and the same budgets as int64 cents in the floor's layout.
func benchBudgets(m Model, ids []process.ID) ([]*Budget, []int64) {
	rng := rand.New(rand.NewPCG(3, 4))
	idx := map[process.ID]int{}
	for i, id := range ids {
		idx[id] = i
	}
	cents := make([]int64, len(benchPeriods)*len(ids)*numCategories)
	var out []*Budget
	by, at := processtest.Owner, processtest.T0
	for pi, p := range benchPeriods {
		for _, s := range m.Services {
			plan := BudgetPlan{Title: "budget", Service: s.ID, Period: p, Currency: EUR}
			for c := range numCategories {
				v := int64(rng.IntN(200_000_000))
				plan.Base = append(plan.Base, BudgetLine{Category: categories[c], Amount: decimal.New(v, -2)})
				cents[(pi*len(ids)+idx[s.ID])*numCategories+c] = v
			}
			b, err := NewBudget(plan, by, at)
			if err != nil {
				panic(err)
			}
			out = append(out, b)
		}
	}
	return out, cents
}

// floorLine is the floor's report line, in cents and hundredths of a
// percent.
type floorLine struct {
	budget, actual, forecast, variance, pct int64
	over                                    bool
}

// roundDiv is a·n/d rounded half away from zero, in plain int64.
func roundDiv(a, n, d int64) int64 {
	p := a * n
	q, r := p/d, p%d
	if r < 0 {
		r = -r
	}
	if 2*r >= d {
		if p < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// floorReport is the floor's budget-vs-actual report: int64 everywhere.
func floorReport(f *floorData, budget []int64, elapsed, length, threshold int64) []floorLine {
	actual := floorApportion(f)
	out := make([]floorLine, len(actual))
	for i, a := range actual {
		b := budget[i]
		l := floorLine{budget: b, actual: a, forecast: roundDiv(a, length, elapsed), variance: a - b}
		if b > 0 {
			l.pct = roundDiv(l.variance, 10000, b)
			l.over = l.variance*100 > threshold*b
		} else {
			l.over = l.variance > 0
		}
		out[i] = l
	}
	return out
}

type naiveLine struct {
	budget, actual, forecast, variance, pct decimal.Decimal
	over                                    bool
}

// naiveReport is the naive report: decimals everywhere.
func naiveReport(m Model, entries []CostEntry, budgets []*Budget, ids []process.ID, elapsed, length, threshold decimal.Decimal) []naiveLine {
	actual := naiveApportion(m, entries)
	idx := map[process.ID]int{}
	for i, id := range ids {
		idx[id] = i
	}
	budget := make([]decimal.Decimal, len(actual))
	for _, b := range budgets {
		base := (slices.Index(benchPeriods, b.Period)*len(ids) + idx[b.Service]) * numCategories
		for _, l := range b.Lines {
			k := base + l.Category.index()
			budget[k] = budget[k].Add(l.Amount)
		}
	}
	out := make([]naiveLine, len(actual))
	hundred := decimal.NewFromInt(100)
	for i, a := range actual {
		b := budget[i]
		l := naiveLine{budget: b, actual: a, forecast: a.Mul(length).DivRound(elapsed, 2), variance: a.Sub(b)}
		if b.IsPositive() {
			l.pct = l.variance.Mul(hundred).DivRound(b, 2)
			l.over = l.variance.Mul(hundred).GreaterThan(threshold.Mul(b))
		} else {
			l.over = l.variance.IsPositive()
		}
		out[i] = l
	}
	return out
}

func BenchmarkReport(b *testing.B) { bySize(b, benchReport) }

func benchReport(b *testing.B, bd *benchData) {
	a, err := NewApportioner(bd.model)
	if err != nil {
		b.Fatal(err)
	}
	budgets, cents := benchBudgets(bd.model, bd.floor.ids)
	opt := &ReportOptions{Elapsed: 20, Length: 30, Threshold: decimal.NewFromInt(5)}
	report := func(alloc *Allocation, err error) *CostReport {
		if err != nil {
			b.Fatal(err)
		}
		rep, err := NewCostReport(alloc, budgets, opt)
		if err != nil {
			b.Fatal(err)
		}
		return rep
	}
	book := func() *Ledger { return bookLedger(b, bd.entries) }
	ledger := book()
	// read reads every line of a report in minor units, as the floor
	// makes them, and counts the overspent ones.
	read := func(rep *CostReport) int {
		lines, err := rep.MinorLines()
		if err != nil {
			b.Fatal(err)
		}
		over := 0
		for l := range lines {
			if l.Overspend {
				over++
			}
		}
		return over
	}
	// readDecimal reads every line as money.
	readDecimal := func(rep *CostReport) int {
		over := 0
		for l := range rep.Lines() {
			if l.Overspend && l.Actual.Amount.Sign() > 0 {
				over++
			}
		}
		return over
	}
	naive := os.Getenv("BUDGETING_BENCH_NAIVE") != "skip"

	// Agree to the cent before timing anything: the library's lines in minor
	// units are the floor's non-zero lines, the same as the library's lines
	// as money, and the same from a ledger; naive decimal's are the floor's.
	floor := floorReport(&bd.floor, cents, 20, 30, 5)
	idx := map[process.ID]int{}
	for i, id := range bd.floor.ids {
		idx[id] = i
	}
	rep := report(a.Apportion(bd.entries))
	lines, err := rep.MinorLines()
	if err != nil {
		b.Fatal(err)
	}
	var minor []MinorLine
	seen := map[int]bool{}
	for l := range lines {
		k := (slices.Index(benchPeriods, l.Period)*len(bd.floor.ids)+idx[l.Service])*numCategories + l.Category.index()
		got := floorLine{budget: l.Budget, actual: l.Actual, forecast: l.Forecast, variance: l.Variance, pct: l.VariancePct, over: l.Overspend}
		if got != floor[k] || seen[k] {
			b.Fatalf("library and floor disagree on %s %s %s: %+v vs %+v", l.Period, l.Service.Short(), l.Category, got, floor[k])
		}
		seen[k] = true
		minor = append(minor, l)
	}
	for k, f := range floor {
		if !seen[k] && (f.budget != 0 || f.actual != 0 || f.forecast != 0) {
			b.Fatalf("library leaves out the floor's line %d: %+v", k, f)
		}
	}
	i := 0
	for l := range rep.Lines() {
		if i >= len(minor) || l.Period != minor[i].Period || l.Service != minor[i].Service || l.Category != minor[i].Category ||
			!sameFigures(l.Figures, minor[i].Figures()) {
			b.Fatalf("library's line %d as money differs from the same in minor units", i)
		}
		i++
	}
	if i != len(minor) {
		b.Fatal("library's lines as money differ from the same in minor units")
	}
	fromLedger, err := report(a.ApportionLedger(book())).MinorLines()
	if err != nil {
		b.Fatal(err)
	}
	if !slices.Equal(slices.Collect(fromLedger), minor) {
		b.Fatal("ledger report differs")
	}
	if naive {
		nl := naiveReport(bd.model, bd.entries, budgets, bd.floor.ids, decimal.NewFromInt(20), decimal.NewFromInt(30), decimal.NewFromInt(5))
		for k, x := range nl {
			f := floor[k]
			if x.actual.Shift(2).IntPart() != f.actual || x.forecast.Shift(2).IntPart() != f.forecast ||
				x.variance.Shift(2).IntPart() != f.variance || x.pct.Shift(2).IntPart() != f.pct || x.over != f.over {
				b.Fatalf("naive and floor disagree at %d: %+v vs %+v", k, x, f)
			}
		}
	}

	stages := []stage{
		// The report from the entries, every line read in minor units.
		{name: "lib", allocs: true, run: func() { read(report(a.Apportion(bd.entries))) }},
		// The same from a ledger booked in the round: booking included.
		{name: "lib-ledger", allocs: true, run: func() { read(report(a.ApportionLedger(book()))) }},
		// Its two parts: booking, and the report from a booked ledger.
		{name: "booking", allocs: true, run: func() { book() }},
		{name: "ledger-report", allocs: true, run: func() { read(report(a.ApportionLedger(ledger))) }},
		// The report from the entries, every line read as money.
		{name: "lib-decimal", allocs: true, run: func() { readDecimal(report(a.Apportion(bd.entries))) }},
		{name: "floor", run: func() { floorReport(&bd.floor, cents, 20, 30, 5) }},
	}
	if naive {
		stages = append(stages, stage{name: "naive", run: func() {
			naiveReport(bd.model, bd.entries, budgets, bd.floor.ids, decimal.NewFromInt(20), decimal.NewFromInt(30), decimal.NewFromInt(5))
		}})
	}
	runRounds(b, len(bd.entries), stages).report(b, [][2]string{
		{"lib", "floor"}, {"lib-ledger", "floor"}, {"ledger-report", "floor"}, {"lib-decimal", "floor"},
		{"naive", "lib"}, {"naive", "lib-ledger"}, {"naive", "ledger-report"}, {"naive", "lib-decimal"},
	})
}

// stage is one contender of a benchmark round: the name its metrics carry,
// its work, and whether its allocations are reported.
type stage struct {
	name   string
	run    func()
	allocs bool
}

// rounds holds what runRounds measured: per stage and round, nanoseconds
// per entry, allocations and bytes allocated.
type rounds struct {
	stages               []stage
	ns, allocs, bytes    [][]float64
	entries, roundsTimed int
}

// runRounds runs every stage once per b.Loop iteration, starting each round
// one stage further on, each after a garbage collection, and times each on
// its own.
func runRounds(b *testing.B, entries int, stages []stage) *rounds {
	r := &rounds{stages: stages, entries: entries, ns: make([][]float64, len(stages)),
		allocs: make([][]float64, len(stages)), bytes: make([][]float64, len(stages))}
	var ms runtime.MemStats
	for b.Loop() {
		for k := range stages {
			i := (k + r.roundsTimed) % len(stages)
			runtime.GC() // the garbage of the stage before is collected outside the timing
			runtime.ReadMemStats(&ms)
			m0, b0 := ms.Mallocs, ms.TotalAlloc
			t0 := time.Now()
			stages[i].run()
			el := time.Since(t0)
			runtime.ReadMemStats(&ms)
			r.ns[i] = append(r.ns[i], float64(el.Nanoseconds())/float64(entries))
			r.allocs[i] = append(r.allocs[i], float64(ms.Mallocs-m0))
			r.bytes[i] = append(r.bytes[i], float64(ms.TotalAlloc-b0))
		}
		r.roundsTimed++
	}
	return r
}

// report reports the medians: each stage's nanoseconds per entry
// (lib-ns/entry), the allocations of those that report them (lib-allocs/op,
// lib-B/op), and for each pair {x, y} the median over rounds of x's time
// over y's (lib/floor: times the floor; naive/lib: times faster than naive).
func (r *rounds) report(b *testing.B, pairs [][2]string) {
	b.ReportMetric(0, "ns/op") // a whole round: not a figure of any one stage
	at := map[string]int{}
	for i, s := range r.stages {
		at[s.name] = i
		b.ReportMetric(processtest.Median(r.ns[i]), s.name+"-ns/entry")
		if s.allocs {
			b.ReportMetric(processtest.Median(r.allocs[i]), s.name+"-allocs/op")
			b.ReportMetric(processtest.Median(r.bytes[i]), s.name+"-B/op")
		}
	}
	for _, p := range pairs {
		x, ok1 := at[p[0]]
		y, ok2 := at[p[1]]
		if !ok1 || !ok2 {
			continue // a stage left out (BUDGETING_BENCH_NAIVE=skip)
		}
		ratio := make([]float64, r.roundsTimed)
		for k := range ratio {
			ratio[k] = r.ns[x][k] / r.ns[y][k]
		}
		b.ReportMetric(processtest.Median(ratio), p[0]+"/"+p[1])
	}
}
