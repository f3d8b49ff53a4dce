package budgeting

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// FuzzParseMoney checks that parsing never panics and that what parses
// prints and parses back to the same amount.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"12.50 EUR", "-3 JPY", "1.234 KWD", "1e3 USD", "0.001 EUR", "x EUR", "1 XXX", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			return
		}
		back, err := ParseMoney(m.String())
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", s, m, err)
		}
		if !back.Amount.Equal(m.Amount) || back.Currency != m.Currency {
			t.Fatalf("%q: got %s back, want %s", s, back, m)
		}
	})
}

// FuzzSplit apportions an amount by weights given as text ("3,0.5,7") and
// checks that the portions add up exactly, keep the amount's sign and do not
// depend on the order of the shares.
func FuzzSplit(f *testing.F) {
	f.Add("100.00", "10,25,5,2")
	f.Add("0.01", "1,1,1")
	f.Add("-7.77", "0.5,0.25,0.25")
	f.Add("123456789012345678901234.56", "3,1")
	f.Add("5", "0,0")
	f.Add("1", "1e30,1")
	f.Fuzz(func(t *testing.T, amount, weights string) {
		amt, err := decimal.NewFromString(amount)
		if err != nil || amt.NumDigits() > 60 || amt.Exponent() < -30 || amt.Exponent() > 30 {
			return
		}
		var shares []Share
		for i, w := range strings.Split(weights, ",") {
			wd, err := decimal.NewFromString(w)
			if err != nil || i >= 20 || wd.NumDigits() > 40 || wd.Exponent() < -20 || wd.Exponent() > 20 {
				return
			}
			shares = append(shares, Share{Service: seqID(1, i+1), Weight: wd})
		}
		m := Model{Currency: EUR, Rules: []Rule{{ID: seqID(2, 1), Basis: BasisFixedShares, Shares: shares}}}
		for i := range shares {
			m.Services = append(m.Services, Service{ID: seqID(1, i+1)})
		}
		a, err := NewApportioner(m)
		if err != nil {
			return // negative or all-zero weights: refused
		}
		portions, err := a.Split(Money{Amount: amt, Currency: EUR}, seqID(2, 1))
		if err != nil {
			return // finer than a cent: refused
		}
		sum := decimal.Zero
		for _, p := range portions {
			sum = sum.Add(p.Amount.Amount)
			if p.Amount.Amount.Sign()*amt.Sign() < 0 {
				t.Fatalf("portion %s has the wrong sign for %s", p.Amount, amt)
			}
		}
		if !sum.Equal(amt) {
			t.Fatalf("portions of %s add up to %s", amt, sum)
		}
		// Reversed shares, same portions per service.
		m.Rules[0].Shares = make([]Share, len(shares))
		for i, s := range shares {
			m.Rules[0].Shares[len(shares)-1-i] = s
		}
		a2, err := NewApportioner(m)
		if err != nil {
			t.Fatal(err)
		}
		again, err := a2.Split(Money{Amount: amt, Currency: EUR}, seqID(2, 1))
		if err != nil {
			t.Fatal(err)
		}
		for i := range portions {
			if portions[i].Service != again[i].Service || !portions[i].Amount.Amount.Equal(again[i].Amount.Amount) {
				t.Fatalf("order of shares changed the result: %v vs %v", portions, again)
			}
		}
	})
}
