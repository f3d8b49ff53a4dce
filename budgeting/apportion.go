package budgeting

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"math"
	"math/big"
	"runtime"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// Sentinel errors of apportionment (ISO/IEC 20000-1:2011, 6.4).
var (
	// ErrZeroDriver marks an apportionment rule whose weights add up to
	// zero: there is nothing to apportion by.
	ErrZeroDriver = errors.New("budgeting: driver total is zero")
	// ErrCycle marks shared services whose rules pass costs round in a
	// circle; the step-down method cannot order them.
	ErrCycle = errors.New("budgeting: shared services apportion to each other in a cycle")
)

// Basis is how an apportionment rule shares a cost out
// (ISO/IEC 20000-1:2011, 6.4). The zero Basis is unset.
type Basis string

// Bases of apportionment.
const (
	// BasisFixedShares shares by agreed fixed proportions (50/30/20, or
	// 0.5/0.3/0.2: only the ratios count).
	BasisFixedShares Basis = "fixed-shares"
	// BasisDriver shares in proportion to a measured driver: usage, users,
	// CI counts, tickets, or any measure the host gives.
	BasisDriver Basis = "driver"
	// BasisEven shares equally among the rule's services; weights are
	// ignored.
	BasisEven Basis = "even"
)

// Valid reports whether b is one of the bases.
func (b Basis) Valid() bool { return b == BasisFixedShares || b == BasisDriver || b == BasisEven }

// String returns the basis's code.
func (b Basis) String() string { return string(b) }

// MarshalText encodes the basis: its code, or nothing when unset; an
// unknown value is refused.
func (b Basis) MarshalText() ([]byte, error) { return process.MarshalEnum(b) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves b unchanged.
func (b *Basis) UnmarshalText(text []byte) error { return process.UnmarshalEnum(b, text) }

// Share is one service's weight in an apportionment rule: its fixed share,
// or its measure of the driver (tickets raised, CIs owned, users)
// (ISO/IEC 20000-1:2011, 6.4). Weight is held to the limits on untrusted
// numbers (process.MaxDigits, process.MaxExponent).
type Share struct {
	Service process.ID      `json:"service"`
	Weight  decimal.Decimal `json:"weight"`
}

// Rule is an apportionment rule: how an indirect cost, or the cost of a
// shared service, is shared out among services (ISO/IEC 20000-1:2011, 6.4;
// record kind apportionment-rule). Weights must not be negative and must not
// all be zero (except for [BasisEven]).
type Rule struct {
	ID     process.ID `json:"id"`
	Name   string     `json:"name"`
	Basis  Basis      `json:"basis"`
	Driver string     `json:"driver,omitempty"` // the measure for BasisDriver: "tickets", "ci-count", "users", …
	Shares []Share    `json:"shares"`
}

// Service is a service that costs are allocated and apportioned to
// (ISO/IEC 20000-1:2011, 6.4). A shared service (a data centre, a service
// desk) is a cost pool of its own: its whole cost is passed on by its Rule
// to the services that use it, by the step-down method.
type Service struct {
	ID     process.ID `json:"id"`
	Name   string     `json:"name"`
	Shared bool       `json:"shared,omitempty"`
	Rule   process.ID `json:"rule,omitzero"` // how a shared service's cost is passed on
}

// Model is what an [Apportioner] is built from: the currency of the
// accounts, the services and the rules (ISO/IEC 20000-1:2011, 6.4).
type Model struct {
	Currency Currency  `json:"currency"`
	Services []Service `json:"services"`
	Rules    []Rule    `json:"rules"`
}

// SourceKind says how an amount came to a service in an [Allocation]:
// allocated directly, apportioned by a rule, or passed on by a shared
// service (ISO/IEC 20000-1:2011, 6.4). The zero SourceKind is unset.
type SourceKind string

// Kinds of source of an allocated amount.
const (
	SourceDirect   SourceKind = "direct"       // direct costs allocated to the service
	SourceRule     SourceKind = "apportioned"  // indirect costs apportioned to it by a rule
	SourceStepDown SourceKind = "stepped-down" // a shared service's cost passed on to it
	SourcePassedOn SourceKind = "passed-on"    // a shared service's own cost passed on (negative)
)

// Valid reports whether k is one of the kinds of source.
func (k SourceKind) Valid() bool {
	return k == SourceDirect || k == SourceRule || k == SourceStepDown || k == SourcePassedOn
}

// String returns the kind's code.
func (k SourceKind) String() string { return string(k) }

// MarshalText encodes the kind: its code, or nothing when unset; an unknown
// value is refused.
func (k SourceKind) MarshalText() ([]byte, error) { return process.MarshalEnum(k) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves k unchanged.
func (k *SourceKind) UnmarshalText(b []byte) error { return process.UnmarshalEnum(k, b) }

// Source says where an amount of an [Allocation] came from: directly, by
// which rule, or from which shared service by the step-down method
// (ISO/IEC 20000-1:2011, 6.4).
type Source struct {
	Kind SourceKind `json:"kind"`
	Rule process.ID `json:"rule,omitzero"`
	From process.ID `json:"from,omitzero"` // the shared service, for SourceStepDown
}

// key is one way an amount reaches a service, a column of the trace: the
// trace slot it is summed in, and the slot counting its entries (-1 for
// none). Slots are laid out so that one entry touches one run of adjacent
// slots: a direct service's count and amount; a rule's count and its
// targets' amounts.
type key struct {
	svc   int32
	slot  int32
	count int32
	src   Source
}

// crule is a compiled rule: targets sorted by service ID, and weights as
// integers scaled to a common exponent (or big integers where they do not
// fit 64 bits).
type crule struct {
	targets []int32
	w       []uint64
	wt      uint64
	bw      []*big.Int // non-nil when the weights do not fit 64 bits
	bwt     *big.Int
}

// Apportioner allocates direct costs to services and apportions indirect
// costs by rules, then passes the cost of shared services on by the
// step-down method (ISO/IEC 20000-1:2011, 6.4). Build it with
// [NewApportioner]; it is immutable and safe for concurrent use.
type Apportioner struct {
	cur      Currency
	exp      int32
	services []Service // sorted by ID
	svc      idIndex
	rules    []crule
	ruleIDs  []process.ID
	rule     idIndex
	rtab     ruleTable // the rules as the apportionment loop reads them
	ruleBase []int32   // per rule: its first trace slot (the count; targets follow)
	direct   []int32   // per service: the trace slot of its direct count; the amount follows
	nslot    int       // trace slots
	order    []int32   // shared services in step-down order
	stepRule []int32   // per shared service: its rule; -1 for others
	stepBase []int32   // per shared service: the trace slot of target 0 of its step-down
	outKey   []int32   // per shared service: the trace slot of its passed-on amount
	keys     []key     // every key; direct key of service s is s
	keysOf   [][]int32
}

// NewApportioner validates m and compiles it, to allocate direct costs and
// apportion indirect ones (ISO/IEC 20000-1:2011, 6.4). It refuses, as a
// *process.ValidationError, an unknown currency, missing or duplicate IDs,
// shares naming unknown services, negative weights or weights past the
// limits on untrusted numbers ([process.ErrTooLarge]), a rule whose weights add
// up to zero ([ErrZeroDriver]), a shared service without a rule; and, with
// [ErrCycle], shared services that pass costs to each other in a cycle
// (step-down needs an order; the reciprocal method is not used).
func NewApportioner(m Model) (*Apportioner, error) {
	v := process.ValidationError{Package: pkg, Subject: "apportionment model"}
	exp, ok := minorUnit(m.Currency)
	if !ok {
		if m.Currency == "" {
			v.Add("currency", process.ErrRequired)
		} else {
			v.Addf("currency", ErrUnknownCurrency, "%q", string(m.Currency))
		}
	}
	a := &Apportioner{cur: m.Currency, exp: exp, svc: newIDIndex(len(m.Services)), rule: newIDIndex(len(m.Rules))}
	ids := make(map[process.ID]bool, len(m.Services))
	a.services = slices.Clone(m.Services)
	slices.SortStableFunc(a.services, func(x, y Service) int { return x.ID.Compare(y.ID) })
	for i, s := range m.Services {
		p := fmt.Sprintf("services[%d]", i)
		if s.ID.IsZero() {
			v.Add(p+".id", process.ErrRequired)
			continue
		}
		if ids[s.ID] {
			v.Addf(p+".id", process.ErrExists, "service %s", s.ID.Short())
			continue
		}
		ids[s.ID] = true
	}
	for i, s := range a.services {
		a.svc.put(s.ID, int32(i))
	}
	ruleIdx := make([]int, len(m.Rules)) // sorted position → input position
	for i := range ruleIdx {
		ruleIdx[i] = i
	}
	slices.SortStableFunc(ruleIdx, func(x, y int) int { return m.Rules[x].ID.Compare(m.Rules[y].ID) })
	for _, i := range ruleIdx {
		r := m.Rules[i]
		p := fmt.Sprintf("rules[%d]", i)
		if r.ID.IsZero() {
			v.Add(p+".id", process.ErrRequired)
			continue
		}
		if _, dup := a.rule.get(r.ID); dup {
			v.Addf(p+".id", process.ErrExists, "rule %s", r.ID.Short())
			continue
		}
		cr, ok := a.compileRule(r, p, &v)
		if !ok {
			continue
		}
		a.rule.put(r.ID, int32(len(a.rules)))
		a.rules = append(a.rules, cr)
		a.ruleIDs = append(a.ruleIDs, r.ID)
	}
	a.stepRule = make([]int32, len(a.services))
	for i, s := range a.services {
		a.stepRule[i] = -1
		p := fmt.Sprintf("services[%d].rule", slices.IndexFunc(m.Services, func(x Service) bool { return x.ID == s.ID }))
		if !s.Shared {
			if !s.Rule.IsZero() {
				v.Addf(p, process.ErrInvalidValue, "only a shared service passes its cost on by a rule")
			}
			continue
		}
		if s.Rule.IsZero() {
			v.Add(p, process.ErrRequired)
			continue
		}
		ri, ok := a.rule.get(s.Rule)
		if !ok {
			if !slices.ContainsFunc(m.Rules, func(r Rule) bool { return r.ID == s.Rule }) {
				v.Addf(p, process.ErrNotFound, "rule %s", s.Rule.Short())
			}
			continue
		}
		a.stepRule[i] = ri
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := a.stepDownOrder(); err != nil {
		return nil, err
	}
	a.buildKeys()
	return a, nil
}

// compileRule checks r and scales its weights to integers.
func (a *Apportioner) compileRule(r Rule, p string, v *process.ValidationError) (crule, bool) {
	n := len(v.Fields)
	process.CheckEnum(v, p+".basis", r.Basis)
	if r.Basis == BasisDriver && r.Driver == "" {
		v.Add(p+".driver", process.ErrRequired)
	}
	if len(r.Shares) == 0 {
		v.Add(p+".shares", process.ErrRequired)
	}
	shares := make([]Share, 0, len(r.Shares))
	seen := make(map[process.ID]bool, len(r.Shares))
	minExp := int32(0)
	for j, s := range r.Shares {
		sp := fmt.Sprintf("%s.shares[%d]", p, j)
		if _, ok := a.svc.get(s.Service); !ok {
			if s.Service.IsZero() {
				v.Add(sp+".service", process.ErrRequired)
			} else {
				v.Addf(sp+".service", process.ErrNotFound, "service %s", s.Service.Short())
			}
			continue
		}
		if seen[s.Service] {
			v.Addf(sp+".service", process.ErrExists, "service %s twice", s.Service.Short())
			continue
		}
		seen[s.Service] = true
		if r.Basis == BasisEven {
			s.Weight = decimal.NewFromInt(1)
		}
		if !v.Decimal(sp+".weight", s.Weight) {
			continue
		}
		if s.Weight.IsNegative() {
			v.Addf(sp+".weight", process.ErrInvalidValue, "negative weight %s", s.Weight)
			continue
		}
		minExp = min(minExp, s.Weight.Exponent())
		shares = append(shares, s)
	}
	if len(v.Fields) > n {
		return crule{}, false
	}
	slices.SortFunc(shares, func(x, y Share) int { return x.Service.Compare(y.Service) })
	cr := crule{targets: make([]int32, len(shares)), w: make([]uint64, len(shares))}
	bw := make([]*big.Int, len(shares))
	bwt := new(big.Int)
	fits := true
	for j, s := range shares {
		cr.targets[j], _ = a.svc.get(s.Service)
		b := s.Weight.Shift(-minExp).BigInt() // exact: minExp is the least exponent
		bw[j] = b
		bwt.Add(bwt, b)
		if b.IsUint64() {
			cr.w[j] = b.Uint64()
		} else {
			fits = false
		}
	}
	if bwt.Sign() == 0 {
		v.Addf(p+".shares", ErrZeroDriver, "rule %q", r.Name)
		return crule{}, false
	}
	if fits && bwt.IsUint64() && bwt.Uint64() <= math.MaxInt64 {
		cr.wt = bwt.Uint64()
	} else {
		cr.bw, cr.bwt, cr.w = bw, bwt, nil
	}
	return cr, true
}

// stepDownOrder orders the shared services so that each comes after every
// shared service that passes cost to it (Kahn's algorithm, lower ID first),
// or returns ErrCycle naming the services caught in cycles.
func (a *Apportioner) stepDownOrder() error {
	n := len(a.services)
	indeg := make([]int, n)
	for _, ri := range a.stepRule {
		if ri < 0 {
			continue
		}
		for _, t := range a.rules[ri].targets {
			if a.services[t].Shared {
				indeg[t]++
			}
		}
	}
	var ready []int32 // kept sorted descending so the lowest index pops last
	for s := range n {
		if a.services[s].Shared && indeg[s] == 0 {
			ready = append(ready, int32(s))
		}
	}
	slices.Reverse(ready)
	for len(ready) > 0 {
		s := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		a.order = append(a.order, s)
		for _, t := range a.rules[a.stepRule[s]].targets {
			if !a.services[t].Shared {
				continue
			}
			if indeg[t]--; indeg[t] == 0 {
				ready = append(ready, t)
				slices.SortFunc(ready, func(x, y int32) int { return cmp.Compare(y, x) })
			}
		}
	}
	var stuck []string
	for s := range n {
		if a.services[s].Shared && indeg[s] > 0 {
			stuck = append(stuck, a.name(int32(s)))
		}
	}
	if len(stuck) > 0 {
		return fmt.Errorf("%w: %s (the step-down method needs an order; the reciprocal method is not supported)", ErrCycle, strings.Join(stuck, ", "))
	}
	return nil
}

// name returns how messages name service s.
func (a *Apportioner) name(s int32) string {
	if n := a.services[s].Name; n != "" {
		return n
	}
	return a.services[s].ID.Short()
}

// buildKeys lays out the accumulator slots and the keys of the trace: for
// each service its direct count and amount, for each rule its count and
// targets, for each shared service its step-down targets and its passed-on
// amount; and, per service, its keys in report order.
func (a *Apportioner) buildKeys() {
	slot := int32(0)
	next := func() int32 { slot++; return slot - 1 }
	a.direct = make([]int32, len(a.services))
	for s := range a.services {
		cs := next()
		a.direct[s] = cs
		a.keys = append(a.keys, key{svc: int32(s), slot: next(), count: cs, src: Source{Kind: SourceDirect}})
	}
	a.rtab = newRuleTable(len(a.rules))
	a.ruleBase = make([]int32, len(a.rules))
	for r, cr := range a.rules {
		cs := next()
		a.ruleBase[r] = cs
		a.rtab.put(a.ruleIDs[r], cs, &cr)
		for _, t := range cr.targets {
			a.keys = append(a.keys, key{svc: t, slot: next(), count: cs, src: Source{Kind: SourceRule, Rule: a.ruleIDs[r]}})
		}
	}
	a.stepBase = make([]int32, len(a.services))
	a.outKey = make([]int32, len(a.services))
	for s, ri := range a.stepRule {
		a.stepBase[s], a.outKey[s] = -1, -1
		if ri < 0 {
			continue
		}
		a.stepBase[s] = slot
		for _, t := range a.rules[ri].targets {
			a.keys = append(a.keys, key{svc: t, slot: next(), count: -1, src: Source{Kind: SourceStepDown, Rule: a.ruleIDs[ri], From: a.services[s].ID}})
		}
		a.outKey[s] = slot
		a.keys = append(a.keys, key{svc: int32(s), slot: next(), count: -1, src: Source{Kind: SourcePassedOn, Rule: a.ruleIDs[ri]}})
	}
	a.nslot = int(slot)
	a.keysOf = make([][]int32, len(a.services))
	for k, ky := range a.keys {
		a.keysOf[ky.svc] = append(a.keysOf[ky.svc], int32(k))
	}
	order := map[SourceKind]int{SourceDirect: 0, SourceRule: 1, SourceStepDown: 2, SourcePassedOn: 3}
	for _, ks := range a.keysOf {
		slices.SortFunc(ks, func(x, y int32) int {
			p, q := a.keys[x].src, a.keys[y].src
			return cmp.Or(cmp.Compare(order[p.Kind], order[q.Kind]), p.From.Compare(q.From), p.Rule.Compare(q.Rule))
		})
	}
}

// Currency returns the currency the apportioner accounts in.
func (a *Apportioner) Currency() Currency { return a.cur }

// Portion is one service's part of an amount split by a rule
// (ISO/IEC 20000-1:2011, 6.4).
type Portion struct {
	Service process.ID `json:"service"`
	Amount  Money      `json:"amount"`
}

// Split apportions one amount by the rule with ID rule, returning each
// service's portion in service ID order (services with a zero portion
// included). The portions add up exactly to m. It refuses money in another
// currency ([ErrCurrencyMismatch]), finer than the minor unit
// ([ErrPrecision]) or past the limits on untrusted numbers
// ([process.ErrTooLarge]), and an unknown rule ([process.ErrNotFound]).
func (a *Apportioner) Split(m Money, rule process.ID) ([]Portion, error) {
	if m.Currency != a.cur {
		return nil, fmt.Errorf("budgeting: split %s: %w: want %s", m, ErrCurrencyMismatch, a.cur)
	}
	ri, ok := a.rule.get(rule)
	if !ok {
		return nil, fmt.Errorf("budgeting: split by rule %s: %w", rule.Short(), process.ErrNotFound)
	}
	cr := &a.rules[ri]
	parts := make([]acc, len(cr.targets))
	v, fits, err := toMinor(m.Amount, a.exp)
	switch {
	case err != nil:
		return nil, fmt.Errorf("budgeting: split %s: %w", decimalText(m.Amount), err)
	case fits && cr.bw == nil:
		var sp splitter
		for j, x := range sp.split(v, cr.w, cr.wt) {
			parts[j].add(x)
		}
	default:
		b, err := toMinorBig(m.Amount, a.exp)
		if err != nil {
			return nil, fmt.Errorf("budgeting: split %s: %w", decimalText(m.Amount), err)
		}
		splitBig(b, cr.bigWeights(), cr.bigTotal(), func(j int, x *big.Int) { parts[j].addBig(x) })
	}
	out := make([]Portion, len(cr.targets))
	for j, t := range cr.targets {
		out[j] = Portion{Service: a.services[t].ID, Amount: Money{Amount: parts[j].decimal(a.exp), Currency: a.cur}}
	}
	return out, nil
}

// splitMinor splits v minor units by cr, adding each share to trace slot
// base+j and to the category-c total of target j.
func (a *Apportioner) splitMinor(p *periodAcc, base, c int, v int64, cr *crule, sp *splitter) {
	if cr.bw != nil {
		a.splitLarge(p, base, c, big.NewInt(v), cr)
		return
	}
	ns := len(a.services)
	for j, x := range sp.split(v, cr.w, cr.wt) {
		p.trace.add(base+j, x)
		p.tot.add(c*ns+int(cr.targets[j]), x)
	}
}

// splitLarge is splitMinor for a big amount.
func (a *Apportioner) splitLarge(p *periodAcc, base, c int, b *big.Int, cr *crule) {
	ns := len(a.services)
	splitBig(b, cr.bigWeights(), cr.bigTotal(), func(j int, x *big.Int) {
		p.trace.addBig(base+j, x)
		p.tot.addBig(c*ns+int(cr.targets[j]), x)
	})
}

func (cr *crule) bigWeights() []*big.Int {
	if cr.bw != nil {
		return cr.bw
	}
	w := make([]*big.Int, len(cr.w))
	for j, x := range cr.w {
		w[j] = new(big.Int).SetUint64(x)
	}
	return w
}

func (cr *crule) bigTotal() *big.Int {
	if cr.bwt != nil {
		return cr.bwt
	}
	return new(big.Int).SetUint64(cr.wt)
}

// Apportion allocates every direct entry to its service and apportions every
// indirect entry by its rule, per period and category, then passes each
// shared service's cost on by the step-down method (ISO/IEC 20000-1:2011,
// 6.4). Every amount is exact in the currency's minor unit. It refuses, as a
// *process.ValidationError naming the entry (entries[12].service), an
// invalid entry, money in another currency ([ErrCurrencyMismatch]), an
// amount finer than the minor unit ([ErrPrecision]) or past the limits on
// untrusted numbers ([process.ErrTooLarge]) and an unknown service or rule
// ([process.ErrNotFound]); on error it returns no allocation.
//
// The loop over entries works in int64 minor units and allocates nothing per
// entry; amounts that do not fit take an exact big-integer path.
func (a *Apportioner) Apportion(entries []CostEntry) (*Allocation, error) {
	r := &Allocation{ap: a}
	var sp splitter
	var lastP Period
	pi := -1
	var batch [batchSize]pending
	for start := 0; start < len(entries); start += batchSize {
		n := min(batchSize, len(entries)-start)
		// Phase 0: touch the amounts' coefficients, which live behind two
		// pointers, and the table slots the entries' rules or services hash
		// to, so that the cache misses of a batch overlap.
		// The first batch is touched here; each later batch while the one
		// before it is processed, a batch ahead.
		var touch int64
		if start == 0 {
			for b := range n {
				e := &entries[b]
				touch += e.Amount.CoefficientInt64() + a.touchSlot(e.Rule, e.Service)
			}
		}
		for b := start + batchSize; b < min(start+2*batchSize, len(entries)); b++ {
			e := &entries[b]
			touch += e.Amount.CoefficientInt64() + a.touchSlot(e.Rule, e.Service)
		}
		runtime.KeepAlive(touch)
		// Phase 1: check each entry, convert its amount and look up its
		// service or rule.
		for b := range n {
			i := start + b
			e := &entries[i]
			c := e.Category.index()
			if e.Currency != a.cur || c < 0 || e.Period == "" || e.ID.IsZero() || e.Date.IsZero() {
				return nil, a.entryError(i, e)
			}
			if pi < 0 || e.Period != lastP {
				pi = -1
				for j, p := range r.periods {
					if p == e.Period {
						pi = j
						break
					}
				}
				if pi < 0 {
					pi = r.period(e.Period)
				}
				lastP = e.Period
			}
			v, fits, err := toMinor(e.Amount, a.exp)
			if err != nil {
				return nil, a.entryError(i, e)
			}
			pd := pending{v: v, p: int32(pi), c: int8(c), slow: !fits, i: int32(b)}
			var ok bool
			switch e.Nature {
			case Direct:
				ok = a.lookup(&pd, true, e.Service) && e.Rule.IsZero()
			case Indirect:
				ok = a.lookup(&pd, false, e.Rule) && e.Service.IsZero()
			}
			if !ok {
				return nil, a.entryError(i, e)
			}
			batch[b] = pd
		}
		err := a.accumulate(r, batch[:n], &sp, func(pd *pending) error {
			e := &entries[start+int(pd.i)]
			amount, err := toMinorBig(e.Amount, a.exp)
			if err != nil {
				return a.entryError(start+int(pd.i), e)
			}
			a.addGeneral(&r.acc[pd.p], pd, amount, e.Rule, &sp)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	r.sortPeriods()
	a.stepDown(r, &sp)
	return r, nil
}

// touchSlot reads the table slot that rule (or, if rule is zero, service)
// hashes to, so that its cache miss overlaps with others.
func (a *Apportioner) touchSlot(rule, service process.ID) int64 {
	if !rule.IsZero() {
		return int64(a.rtab.slots[hashID(rule)&a.rtab.mask].wt)
	}
	return int64(a.svc.slots[hashID(service)&a.svc.mask].v)
}

// lookup finds the service (direct) or rule id of pd and reports whether it
// is known.
func (a *Apportioner) lookup(pd *pending, direct bool, id process.ID) bool {
	if direct {
		s, ok := a.svc.get(id)
		pd.x, pd.direct = s, true
		return ok
	}
	x, ok := a.rtab.get(id)
	pd.x = x
	pd.slow = pd.slow || a.rtab.slots[x].wt == 0
	return ok
}

// accumulate adds a batch of checked and looked-up entries: it first
// touches the rules and accumulators the batch adds to, so that their cache
// misses overlap, then adds. Entries marked slow (amounts or rules that do
// not fit 64 bits) go to general.
func (a *Apportioner) accumulate(r *Allocation, batch []pending, sp *splitter, general func(*pending) error) error {
	var touch int64
	ns := len(a.services)
	for b := range batch {
		pd := &batch[b]
		if pd.direct {
			touch += r.acc[pd.p].tot.v[int(pd.c)*ns+int(pd.x)] + r.acc[pd.p].trace.v[a.direct[pd.x]]
			continue
		}
		h := &a.rtab.slots[pd.x]
		tr := r.acc[pd.p].trace.v
		touch += int64(h.wt) + tr[h.base()] + tr[h.base()+h.k()]
	}
	for b := range batch {
		pd := &batch[b]
		if pd.direct {
			continue
		}
		if h := &a.rtab.slots[pd.x]; h.wt > 0 {
			tot := r.acc[pd.p].tot.v[int(pd.c)*ns:]
			for _, t := range h.t[:h.k()] {
				touch += tot[t]
			}
		}
	}
	runtime.KeepAlive(touch)
	for b := range batch {
		pd := &batch[b]
		if pd.slow {
			if err := general(pd); err != nil {
				return err
			}
			continue
		}
		a.addFast(&r.acc[pd.p], pd, sp)
	}
	return nil
}

// batchSize is how many entries Apportion looks up before it accumulates
// them, so that the cache misses of their lookups overlap.
const batchSize = 32

// pending is an entry checked and looked up, waiting to be accumulated: its
// amount in minor units, period, category, its service (direct) or rule
// slot, and its index in the batch.
type pending struct {
	v      int64
	p      int32
	x      int32
	i      int32
	c      int8
	direct bool
	slow   bool
}

// addFast accumulates an entry whose amount and rule fit 64 bits.
func (a *Apportioner) addFast(p *periodAcc, pd *pending, sp *splitter) {
	ns, c := len(a.services), int(pd.c)
	if pd.direct {
		k := int(a.direct[pd.x])
		p.trace.v[k]++
		p.trace.add(k+1, pd.v)
		p.tot.add(c*ns+int(pd.x), pd.v)
		return
	}
	h := &a.rtab.slots[pd.x]
	base := h.base()
	p.trace.v[base]++
	base++
	for j, x := range splitInts(sp, pd.v, h.w[:h.k()], uint64(h.wt)) {
		p.trace.add(base+j, x)
		p.tot.add(c*ns+int(h.t[j]), x)
	}
}

// addGeneral accumulates an entry of amount minor units through the exact
// general path; rule is the entry's rule if it is indirect.
func (a *Apportioner) addGeneral(p *periodAcc, pd *pending, amount *big.Int, rule process.ID, sp *splitter) {
	ns, c := len(a.services), int(pd.c)
	if pd.direct {
		k := int(a.direct[pd.x])
		p.trace.v[k]++
		p.trace.addBig(k+1, amount)
		p.tot.addBig(c*ns+int(pd.x), amount)
		return
	}
	ri, _ := a.rule.get(rule) // known: found in the rule table
	base := int(a.ruleBase[ri])
	p.trace.v[base]++
	cr := &a.rules[ri]
	if amount.IsInt64() && cr.bw == nil {
		a.splitMinor(p, base+1, c, amount.Int64(), cr, sp)
		return
	}
	a.splitLarge(p, base+1, c, amount, cr)
}

// entryError explains why entry i was refused.
func (a *Apportioner) entryError(i int, e *CostEntry) error {
	v := process.ValidationError{Package: pkg, Subject: process.Subject(process.KindCostEntry, e.ID)}
	p := fmt.Sprintf("entries[%d].", i)
	e.validate(&v, p)
	if e.Currency != a.cur && e.Currency.Valid() {
		v.Addf(p+"currency", ErrCurrencyMismatch, "%s, want %s", e.Currency, a.cur)
	}
	if e.Nature == Direct && !e.Service.IsZero() {
		if _, ok := a.svc.get(e.Service); !ok {
			v.Addf(p+"service", process.ErrNotFound, "service %s", e.Service.Short())
		}
	}
	if e.Nature == Indirect && !e.Rule.IsZero() {
		if _, ok := a.rule.get(e.Rule); !ok {
			v.Addf(p+"rule", process.ErrNotFound, "rule %s", e.Rule.Short())
		}
	}
	if len(v.Fields) == 0 { // cannot happen: every refusal above has a finding
		v.Addf(p+"amount", process.ErrInvalidValue, "refused")
	}
	return &v
}

// stepDown passes each shared service's cost, per period and category, on
// to the services its rule names, in step-down order.
func (a *Apportioner) stepDown(r *Allocation, sp *splitter) {
	ns := len(a.services)
	for pi := range r.periods {
		p := &r.acc[pi]
		for _, s := range a.order {
			cr := &a.rules[a.stepRule[s]]
			out, base := int(a.outKey[s]), int(a.stepBase[s])
			for c := range numCategories {
				total := p.tot.at(c*ns + int(s))
				if total.isZero() {
					continue
				}
				if v, ok := total.small(); ok && v != math.MinInt64 {
					p.tot.add(c*ns+int(s), -v)
					p.trace.add(out, -v)
					a.splitMinor(p, base, c, v, cr, sp)
					continue
				}
				tb := total.big()
				neg := new(big.Int).Neg(tb)
				p.tot.addBig(c*ns+int(s), neg)
				p.trace.addBig(out, neg)
				a.splitLarge(p, base, c, tb, cr)
			}
		}
	}
}

// Allocation is the result of [Apportioner.Apportion]: for each period the
// cost of every service by category, and the trace of where every amount
// came from (ISO/IEC 20000-1:2011, 6.4). It is immutable and safe for
// concurrent use.
type Allocation struct {
	ap      *Apportioner
	periods []Period
	acc     []periodAcc
}

// periodAcc holds one period's accumulators: the total of each service by
// category (category × service) and the trace (one slot per key, summed
// over categories).
type periodAcc struct {
	tot   ledger
	trace ledger
}

// period returns the index of period p, adding it if new.
func (r *Allocation) period(p Period) int {
	if i := slices.Index(r.periods, p); i >= 0 {
		return i
	}
	r.periods = append(r.periods, p)
	r.acc = append(r.acc, periodAcc{tot: newLedger(len(r.ap.services) * numCategories), trace: newLedger(r.ap.nslot)})
	return len(r.periods) - 1
}

func (r *Allocation) sortPeriods() {
	idx := make([]int, len(r.periods))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(x, y int) int { return strings.Compare(string(r.periods[x]), string(r.periods[y])) })
	ps, as := make([]Period, len(idx)), make([]periodAcc, len(idx))
	for i, j := range idx {
		ps[i], as[i] = r.periods[j], r.acc[j]
	}
	r.periods, r.acc = ps, as
}

// Currency returns the currency of every amount in r.
func (r *Allocation) Currency() Currency { return r.ap.cur }

// Periods returns the periods r covers, in order.
func (r *Allocation) Periods() []Period { return slices.Clone(r.periods) }

// Line is one line of the trace of an [Allocation]: what reached a service
// in a period from one source, all categories together, and how many cost
// entries it comes from (zero for amounts stepped down from a shared
// service). [Allocation.Costs] gives the categories (ISO/IEC
// 20000-1:2011, 6.4).
type Line struct {
	Period  Period     `json:"period"`
	Service process.ID `json:"service"`
	Source  Source     `json:"source"`
	Amount  Money      `json:"amount"`
	Entries int        `json:"entries"`
}

// Lines yields every non-empty line of the trace, ordered by period,
// service ID and source (direct, apportioned, stepped down, passed on): per
// service, where every amount came from.
func (r *Allocation) Lines() iter.Seq[Line] {
	return func(yield func(Line) bool) {
		a := r.ap
		for pi, p := range r.periods {
			t := &r.acc[pi].trace
			for s := range a.services {
				for _, k := range a.keysOf[s] {
					ky := a.keys[k]
					x := t.at(int(ky.slot))
					n := int64(0)
					if ky.count >= 0 {
						n = t.v[ky.count]
					}
					if x.isZero() && n == 0 {
						continue
					}
					l := Line{Period: p, Service: a.services[s].ID, Source: ky.src,
						Amount: Money{Amount: x.decimal(a.exp), Currency: a.cur}, Entries: int(n)}
					if !yield(l) {
						return
					}
				}
			}
		}
	}
}

// cost returns the total that reached service s in period pi and category
// c, all sources together.
func (r *Allocation) cost(pi, s, c int) acc {
	return r.acc[pi].tot.at(c*len(r.ap.services) + s)
}

// Cost returns the total cost of a service in a period, all categories and
// sources together: the overall cost per service of 6.4. A shared service's
// cost is zero once passed on. An unknown service or period costs zero.
func (r *Allocation) Cost(service process.ID, period Period) Money {
	var t acc
	s, ok := r.ap.svc.get(service)
	pi := slices.Index(r.periods, period)
	if ok && pi >= 0 {
		for c := range numCategories {
			t.addAcc(r.cost(pi, int(s), c))
		}
	}
	return Money{Amount: t.decimal(r.ap.exp), Currency: r.ap.cur}
}

// ServiceCost is the total cost of one service in one period and category
// (ISO/IEC 20000-1:2011, 6.4: the overall cost per service).
type ServiceCost struct {
	Period   Period     `json:"period"`
	Service  process.ID `json:"service"`
	Name     string     `json:"name"`
	Category Category   `json:"category"`
	Amount   Money      `json:"amount"`
}

// Costs yields the total cost of each service per period and category,
// every source together, ordered by period, service ID and category, leaving
// out zero totals.
func (r *Allocation) Costs() iter.Seq[ServiceCost] {
	return func(yield func(ServiceCost) bool) {
		a := r.ap
		for pi, p := range r.periods {
			for s, svc := range a.services {
				for c := range numCategories {
					t := r.cost(pi, s, c)
					if t.isZero() {
						continue
					}
					if !yield(ServiceCost{Period: p, Service: svc.ID, Name: svc.Name, Category: categories[c],
						Amount: Money{Amount: t.decimal(a.exp), Currency: a.cur}}) {
						return
					}
				}
			}
		}
	}
}
