package budgeting

import (
	"math"
	"math/big"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// This file holds the integer core of the package: amounts in minor units of
// their currency as int64 with overflow checked, falling back to big.Int for
// a value that does not fit, and the largest-remainder split that makes every
// apportionment add up exactly (ISO/IEC 20000-1:2011, 6.4).

// pow10 holds 10^0 … 10^18; it is read only.
var pow10 = [19]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// toMinor returns d in minor units of a currency with exp decimal places.
// fits is false, with a nil error, when d is exact in minor units but does
// not fit an int64 (use toMinorBig); the error is ErrPrecision when d is finer
// than the minor unit, and wraps process.ErrTooLarge when d is past the
// limits on untrusted numbers (process.MaxDigits, process.MaxExponent),
// which every amount passes through here before any arithmetic. It does not
// allocate.
func toMinor(d decimal.Decimal, exp int32) (v int64, fits bool, err error) {
	if err := process.CheckDecimal(d); err != nil {
		return 0, false, err
	}
	if d.NumDigits() > 18 {
		if d.Exponent()+exp < 0 && !d.Shift(exp).IsInteger() {
			return 0, false, ErrPrecision
		}
		return 0, false, nil
	}
	c := d.CoefficientInt64() // |c| < 1e18: exact
	if c == 0 {
		return 0, true, nil
	}
	s := d.Exponent() + exp // multiply c by 10^s
	switch {
	case s == 0:
		return c, true, nil
	case s > 0:
		if s > 18 {
			return 0, false, nil
		}
		neg := c < 0
		u := uint64(c)
		if neg {
			u = -u
		}
		hi, lo := bits.Mul64(u, pow10[s])
		if hi != 0 || lo > math.MaxInt64 {
			return 0, false, nil
		}
		if neg {
			return -int64(lo), true, nil
		}
		return int64(lo), true, nil
	default:
		if -s > 18 {
			return 0, false, ErrPrecision // 0 < |c| < 1e18 < 10^-s
		}
		p := int64(pow10[-s])
		if c%p != 0 {
			return 0, false, ErrPrecision
		}
		return c / p, true, nil
	}
}

// toMinorBig returns d in minor units as a big.Int, or ErrPrecision, or an
// error wrapping process.ErrTooLarge as toMinor does.
func toMinorBig(d decimal.Decimal, exp int32) (*big.Int, error) {
	if err := process.CheckDecimal(d); err != nil {
		return nil, err
	}
	s := d.Shift(exp)
	if !s.IsInteger() {
		return nil, ErrPrecision
	}
	return s.BigInt(), nil
}

// fromMinor returns v minor units of a currency with exp places as a decimal
// with exactly exp places.
func fromMinor(v int64, exp int32) decimal.Decimal { return decimal.New(v, -exp) }

// acc is an exact accumulator of minor units: an int64 while the sum fits,
// a big.Int from the first overflow on. Its zero value is 0.
type acc struct {
	v int64
	b *big.Int
}

// add adds x to a, checking for overflow; it allocates only on the first
// overflow and after it.
func (a *acc) add(x int64) {
	if a.b == nil {
		s := a.v + x
		if (a.v^s)&(x^s) >= 0 { // no signed overflow
			a.v = s
			return
		}
		a.b = big.NewInt(a.v)
		a.v = 0
	}
	a.b.Add(a.b, big.NewInt(x))
}

// addBig adds x to a.
func (a *acc) addBig(x *big.Int) {
	if a.b == nil {
		if x.IsInt64() {
			a.add(x.Int64())
			return
		}
		a.b = big.NewInt(a.v)
		a.v = 0
	}
	a.b.Add(a.b, x)
}

// addAcc adds o to a.
func (a *acc) addAcc(o acc) {
	if o.b != nil {
		a.addBig(o.b)
		return
	}
	a.add(o.v)
}

// isZero reports whether a is 0.
func (a acc) isZero() bool { return a.b == nil && a.v == 0 || a.b != nil && a.b.Sign() == 0 }

// small returns a as an int64 and true if it fits.
func (a acc) small() (int64, bool) {
	if a.b == nil {
		return a.v, true
	}
	if a.b.IsInt64() {
		return a.b.Int64(), true
	}
	return 0, false
}

// big returns a as a new big.Int.
func (a acc) big() *big.Int {
	if a.b != nil {
		return new(big.Int).Set(a.b)
	}
	return big.NewInt(a.v)
}

// decimal returns a as a decimal with exp places.
func (a acc) decimal(exp int32) decimal.Decimal {
	if a.b == nil {
		return fromMinor(a.v, exp)
	}
	return decimal.NewFromBigInt(a.b, -exp)
}

// ledger is a row of exact accumulators of minor units: int64 while a sum
// fits, with the part that overflowed spilled into big integers. Slot i
// holds v[i] + big[i].
type ledger struct {
	v   []int64
	big map[int]*big.Int
}

func newLedger(n int) ledger { return ledger{v: make([]int64, n)} }

// add adds x to slot i; it allocates only when the slot overflows.
func (l *ledger) add(i int, x int64) {
	s := l.v[i] + x
	if (l.v[i]^s)&(x^s) < 0 { // signed overflow
		l.spill(i, x)
		return
	}
	l.v[i] = s
}

// spill moves slot i's int64 part plus x into its big part.
func (l *ledger) spill(i int, x int64) {
	b := big.NewInt(l.v[i])
	b.Add(b, big.NewInt(x))
	l.v[i] = 0
	l.addBig(i, b)
}

// addBig adds x to slot i.
func (l *ledger) addBig(i int, x *big.Int) {
	if x.IsInt64() {
		if s := l.v[i] + x.Int64(); (l.v[i]^s)&(x.Int64()^s) >= 0 {
			l.v[i] = s
			return
		}
	}
	if l.big == nil {
		l.big = make(map[int]*big.Int)
	}
	if b := l.big[i]; b != nil {
		b.Add(b, x)
		return
	}
	l.big[i] = new(big.Int).Set(x)
}

// at returns slot i.
func (l *ledger) at(i int) acc {
	a := acc{v: l.v[i]}
	if b := l.big[i]; b != nil {
		a.addBig(b)
	}
	return a
}

// splitter holds scratch space for splits, so that a split allocates
// nothing once the scratch is as long as the longest rule.
type splitter struct {
	q   []int64
	rem []uint64
	idx []int32
}

// split distributes the amount a (minor units, any sign) over weights w of
// total wt > 0 and returns the shares, one per weight, in scratch space
// valid until the next split. Each share is the floor of a·w[j]/wt in
// magnitude, plus one unit for the |a| − Σfloor weights with the largest
// remainders, ties going to the lower j; so the shares add up exactly to a,
// have a's sign, and depend on nothing but a and w.
func (s *splitter) split(a int64, w []uint64, wt uint64) []int64 { return splitInts(s, a, w, wt) }

// splitInts is split for weights of any unsigned width.
func splitInts[W uint32 | uint64](s *splitter, a int64, w []W, wt uint64) []int64 {
	if cap(s.q) < len(w) {
		s.q = make([]int64, len(w))
		s.rem = make([]uint64, len(w))
	}
	q := s.q[:len(w)]
	if len(w) == 1 {
		q[0] = a
		return q
	}
	neg := a < 0
	u := uint64(a)
	if neg {
		u = -u
	}
	rem := s.rem[:len(w)]
	var sum uint64
	for j, wj := range w {
		hi, lo := bits.Mul64(u, uint64(wj))
		qj, r := bits.Div64(hi, lo, wt) // hi < wt since wj ≤ wt
		rem[j] = r
		sum += qj
		q[j] = int64(qj)
	}
	if left := u - sum; left > 0 { // left < len(w)
		s.largest(rem, q, left)
	}
	if neg {
		for j := range q {
			q[j] = -q[j]
		}
	}
	return q
}

// largest adds one unit to q[j] for the left weights with the largest
// remainders, ties to the lower j.
func (s *splitter) largest(rem []uint64, q []int64, left uint64) {
	if len(rem) <= 8 {
		// Select the largest remainders one by one: at most 7 passes over
		// at most 8 weights.
		for ; left > 0; left-- {
			best := -1
			for j, r := range rem {
				if r != math.MaxUint64 && (best < 0 || r > rem[best]) {
					best = j
				}
			}
			rem[best] = math.MaxUint64 // taken; a real remainder is < wt ≤ MaxUint64
			q[best]++
		}
		return
	}
	if cap(s.idx) < len(rem) {
		s.idx = make([]int32, len(rem))
	}
	idx := s.idx[:len(rem)]
	for j := range idx {
		idx[j] = int32(j)
	}
	slices.SortFunc(idx, func(x, y int32) int {
		switch {
		case rem[x] > rem[y]:
			return -1
		case rem[x] < rem[y]:
			return 1
		}
		return int(x - y)
	})
	for _, j := range idx[:left] {
		q[j]++
	}
}

// splitBig is split for amounts or weights that do not fit 64 bits. It
// allocates; the package uses it only where a value does not fit.
func splitBig(a *big.Int, w []*big.Int, wt *big.Int, out func(j int, share *big.Int)) {
	if a.Sign() == 0 {
		return
	}
	u := new(big.Int).Abs(a)
	neg := a.Sign() < 0
	rem := make([]*big.Int, len(w))
	sum := new(big.Int)
	shares := make([]*big.Int, len(w))
	for j, wj := range w {
		q, r := new(big.Int), new(big.Int)
		q.QuoRem(new(big.Int).Mul(u, wj), wt, r)
		rem[j], shares[j] = r, q
		sum.Add(sum, q)
	}
	left := new(big.Int).Sub(u, sum).Int64() // < len(w)
	idx := make([]int, len(w))
	for j := range idx {
		idx[j] = j
	}
	slices.SortStableFunc(idx, func(x, y int) int { return -rem[x].Cmp(rem[y]) })
	for _, j := range idx[:left] {
		shares[j].Add(shares[j], big.NewInt(1))
	}
	for j, q := range shares {
		if q.Sign() == 0 {
			continue
		}
		if neg {
			q.Neg(q)
		}
		out(j, q)
	}
}

// mulDivRound returns a·n/d rounded half away from zero, for d > 0 and n ≥ 0,
// and false if the result does not fit an int64.
func mulDivRound(a int64, n, d uint64) (int64, bool) {
	neg := a < 0
	u := uint64(a)
	if neg {
		u = -u
	}
	hi, lo := bits.Mul64(u, n)
	if hi >= d {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, d)
	if r >= d-r { // r ≥ d/2
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(q), true
	}
	return int64(q), true
}
