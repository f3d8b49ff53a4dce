package budgeting

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// randomModel builds a random provider: services (some shared, stepping
// down in ID order so there is no cycle), rules with random weights, and
// entries with random amounts, some too large for int64 minor units.
func randomModel(rng *rand.Rand) (Model, []CostEntry) {
	m := Model{Currency: []Currency{EUR, JPY, KWD}[rng.IntN(3)]}
	ns := 1 + rng.IntN(12)
	for i := range ns {
		m.Services = append(m.Services, Service{ID: seqID(1, i+1), Name: "s" + itoa(i)})
	}
	nr := 1 + rng.IntN(6)
	for r := range nr {
		rule := Rule{ID: seqID(2, r+1), Basis: []Basis{BasisDriver, BasisFixedShares, BasisEven}[rng.IntN(3)], Driver: "d"}
		for _, s := range rng.Perm(ns)[:1+rng.IntN(ns)] {
			rule.Shares = append(rule.Shares, Share{Service: m.Services[s].ID, Weight: decimal.New(int64(rng.IntN(1000)), -int32(rng.IntN(3)))})
		}
		rule.Shares[0].Weight = rule.Shares[0].Weight.Add(decimal.NewFromInt(1)) // never all zero
		m.Rules = append(m.Rules, rule)
	}
	// Shared services: the first few, each passing cost only to services
	// after it.
	for s := 0; s < ns-1 && rng.IntN(3) == 0; s++ {
		rid := seqID(2, 100+s)
		rule := Rule{ID: rid, Basis: BasisDriver, Driver: "d"}
		for _, t := range rng.Perm(ns - s - 1)[:1+rng.IntN(ns-s-1)] {
			rule.Shares = append(rule.Shares, Share{Service: m.Services[s+1+t].ID, Weight: decimal.NewFromInt(int64(1 + rng.IntN(50)))})
		}
		m.Rules = append(m.Rules, rule)
		m.Services[s].Shared, m.Services[s].Rule = true, rid
	}
	exp, _ := minorUnit(m.Currency)
	n := rng.IntN(60)
	entries := make([]CostEntry, n)
	for i := range entries {
		var amt decimal.Decimal
		switch rng.IntN(10) {
		case 0: // beyond int64 minor units
			amt = decimal.New(rng.Int64N(1e9), 0).Mul(decimal.New(1, 17)).Add(decimal.New(rng.Int64N(1000), -exp))
		case 1: // near the int64 edge
			amt = decimal.New(1<<62+rng.Int64N(1<<20), -exp)
		default:
			amt = decimal.New(rng.Int64N(1e9), -exp)
		}
		e := CostEntry{ID: seqID(3, i+1), Amount: amt, Currency: m.Currency, Date: day,
			Period: []Period{"2026-11", "2026-12"}[rng.IntN(2)], Category: categories[rng.IntN(numCategories)]}
		if rng.IntN(2) == 0 {
			e.Nature, e.Service = Direct, m.Services[rng.IntN(ns)].ID
		} else {
			e.Nature, e.Rule = Indirect, m.Rules[rng.IntN(nr)].ID
		}
		entries[i] = e
	}
	return m, entries
}

// totalsOf returns the sum of entries per period, and the allocation's
// costs per period, service and category as strings.
func costsOf(t *testing.T, r *Allocation) map[string]string {
	out := map[string]string{}
	for c := range r.Costs() {
		out[string(c.Period)+"/"+c.Service.String()+"/"+string(c.Category)] = c.Amount.Amount.String()
	}
	return out
}

func TestApportionProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for iter := range 300 {
		m, entries := randomModel(rng)
		a, err := NewApportioner(m)
		require.NoError(t, err, "iteration %d", iter)
		r, err := a.Apportion(entries)
		require.NoError(t, err, "iteration %d", iter)

		// The costs of every period add up exactly to the entries of
		// that period, and none is negative (inputs are not).
		want := map[Period]decimal.Decimal{}
		for _, e := range entries {
			want[e.Period] = want[e.Period].Add(e.Amount)
		}
		got := map[Period]decimal.Decimal{}
		for c := range r.Costs() {
			require.False(t, c.Amount.Amount.IsNegative(), "iteration %d: negative cost %s", iter, c.Amount)
			got[c.Period] = got[c.Period].Add(c.Amount.Amount)
		}
		for p, w := range want {
			require.True(t, got[p].Equal(w), "iteration %d period %s: got %s want %s", iter, p, got[p], w)
		}
		// The trace adds up to the same totals per service.
		trace := map[string]decimal.Decimal{}
		for l := range r.Lines() {
			if l.Source.Kind != SourcePassedOn {
				require.False(t, l.Amount.Amount.IsNegative(), "iteration %d: negative trace line", iter)
			}
			k := string(l.Period) + l.Service.String()
			trace[k] = trace[k].Add(l.Amount.Amount)
		}
		for _, svc := range m.Services {
			for _, p := range r.Periods() {
				require.True(t, trace[string(p)+svc.ID.String()].Equal(r.Cost(svc.ID, p).Amount), "iteration %d: trace vs cost", iter)
			}
		}

		// Shuffling the entries, the services and the rules' shares changes
		// nothing.
		m2 := m
		m2.Services = slices.Clone(m.Services)
		rng.Shuffle(len(m2.Services), func(i, j int) { m2.Services[i], m2.Services[j] = m2.Services[j], m2.Services[i] })
		m2.Rules = slices.Clone(m.Rules)
		for i := range m2.Rules {
			sh := slices.Clone(m2.Rules[i].Shares)
			rng.Shuffle(len(sh), func(x, y int) { sh[x], sh[y] = sh[y], sh[x] })
			m2.Rules[i].Shares = sh
		}
		e2 := slices.Clone(entries)
		rng.Shuffle(len(e2), func(i, j int) { e2[i], e2[j] = e2[j], e2[i] })
		a2, err := NewApportioner(m2)
		require.NoError(t, err)
		r2, err := a2.Apportion(e2)
		require.NoError(t, err)
		require.Equal(t, costsOf(t, r), costsOf(t, r2), "iteration %d: order changed the result", iter)
	}
}

func TestSplitProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	var sp splitter
	for iter := range 5000 {
		k := 1 + rng.IntN(12)
		w := make([]uint64, k)
		var wt uint64
		for j := range w {
			w[j] = uint64(rng.IntN(1000))
			wt += w[j]
		}
		if wt == 0 {
			w[0], wt = 1, 1
		}
		a := rng.Int64N(1<<62) - 1<<61
		q := sp.split(a, w, wt)
		var sum int64
		for j, x := range q {
			sum += x
			require.False(t, a >= 0 && x < 0 || a <= 0 && x > 0, "iteration %d: share %d has the wrong sign", iter, j)
			if w[j] == 0 {
				require.Zero(t, x, "iteration %d: zero weight got a share", iter)
			}
		}
		require.Equal(t, a, sum, "iteration %d", iter)
		// The big path gives the same shares.
		bw := make([]*big.Int, k)
		for j := range w {
			bw[j] = new(big.Int).SetUint64(w[j])
		}
		got := make([]int64, k)
		splitBig(big.NewInt(a), bw, new(big.Int).SetUint64(wt), func(j int, x *big.Int) { got[j] = x.Int64() })
		require.Equal(t, slices.Clone(q), got, "iteration %d: big path differs", iter)
	}
}

func TestApportionAllocationsPerEntry(t *testing.T) {
	small, large := makeBench(2_000), makeBench(20_000)
	a, err := NewApportioner(small.model)
	require.NoError(t, err)
	// Entries of the large set refer to the same model (same seed).
	allocs := func(e []CostEntry) float64 {
		return testing.AllocsPerRun(3, func() {
			if _, err := a.Apportion(e); err != nil {
				t.Fatal(err)
			}
		})
	}
	s, l := allocs(small.entries), allocs(large.entries)
	require.LessOrEqual(t, l, s+2, "allocations grow with entries: %v for 2,000, %v for 20,000", s, l)
}
