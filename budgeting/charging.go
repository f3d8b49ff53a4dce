package budgeting

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// Price is the price of one unit of a driver of a service (per user, per
// GB, per ticket), in the price list's currency; it may be finer than the
// currency's minor unit (0.125 EUR per GB) (ISO/IEC 20000-1:2011, 6.4:
// charging, where the provider charges). Unit is held to the limits on
// untrusted numbers (process.MaxDigits, process.MaxExponent).
type Price struct {
	Service process.ID      `json:"service"`
	Driver  string          `json:"driver"`
	Unit    decimal.Decimal `json:"unit"`
}

// PriceList is the prices a provider charges in a currency
// (ISO/IEC 20000-1:2011, 6.4).
type PriceList struct {
	Currency Currency `json:"currency"`
	Prices   []Price  `json:"prices"`
}

// Usage is how much of a driver of a service a customer used in a period,
// the quantity a charge prices (ISO/IEC 20000-1:2011, 6.4). Quantity is held
// to the limits on untrusted numbers (process.MaxDigits,
// process.MaxExponent).
type Usage struct {
	Customer string          `json:"customer"`
	Service  process.ID      `json:"service"`
	Driver   string          `json:"driver"`
	Period   Period          `json:"period"`
	Quantity decimal.Decimal `json:"quantity"`
}

// Charge is one line of charges: a customer's usage of a driver of a
// service in a period, at the unit price, rounded half to even to the minor
// unit (ISO/IEC 20000-1:2011, 6.4; record kind charge). Its numbers are held
// to the limits on untrusted numbers (process.MaxDigits,
// process.MaxExponent) when decoded.
type Charge struct {
	Customer string          `json:"customer"`
	Period   Period          `json:"period"`
	Service  process.ID      `json:"service"`
	Driver   string          `json:"driver"`
	Quantity decimal.Decimal `json:"quantity"`
	Unit     decimal.Decimal `json:"unit"`
	Amount   Money           `json:"amount"`
}

// Charges are the charges of a price list for usage, ordered by period,
// customer, service and driver. Showback charges are computed and shown to
// customers but not invoiced (ISO/IEC 20000-1:2011, 6.4).
type Charges struct {
	Currency Currency `json:"currency"`
	Showback bool     `json:"showback"`
	Lines    []Charge `json:"lines"`
}

// Charge prices usage, one line per usage record. It refuses, as a
// *process.ValidationError, usage with no price ([process.ErrNotFound]),
// negative quantities or prices, quantities or prices past the limits on
// untrusted numbers ([process.ErrTooLarge]), a missing customer or period,
// and an unknown currency.
func (pl PriceList) Charge(usage []Usage, showback bool) (*Charges, error) {
	v := process.ValidationError{Package: pkg, Subject: "charges"}
	exp, err := pl.Currency.MinorUnit()
	if err != nil {
		v.Add("currency", err)
	}
	for i, p := range pl.Prices {
		path := fmt.Sprintf("prices[%d].unit", i)
		if v.Decimal(path, p.Unit) && p.Unit.IsNegative() {
			v.Addf(path, process.ErrInvalidValue, "negative")
		}
	}
	out := &Charges{Currency: pl.Currency, Showback: showback}
	for i, u := range usage {
		p := fmt.Sprintf("usage[%d]", i)
		v.Require(p+".customer", u.Customer != "")
		v.Require(p+".period", u.Period != "")
		quantityOK := v.Decimal(p+".quantity", u.Quantity)
		if quantityOK && u.Quantity.IsNegative() {
			v.Addf(p+".quantity", process.ErrInvalidValue, "negative")
		}
		j := slices.IndexFunc(pl.Prices, func(x Price) bool { return x.Service == u.Service && x.Driver == u.Driver })
		if j < 0 {
			v.Addf(p+".driver", process.ErrNotFound, "no price for %q of service %s", u.Driver, u.Service.Short())
			continue
		}
		unit := pl.Prices[j].Unit
		if !quantityOK || process.CheckDecimal(unit) != nil {
			continue // refused above
		}
		amount := u.Quantity.Mul(unit).RoundBank(exp)
		if !v.Decimal(p+".quantity", amount) { // a product past the limits
			continue
		}
		out.Lines = append(out.Lines, Charge{Customer: u.Customer, Period: u.Period, Service: u.Service, Driver: u.Driver,
			Quantity: u.Quantity, Unit: unit, Amount: Money{Amount: amount, Currency: pl.Currency}})
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(out.Lines, func(x, y Charge) int {
		return cmp.Or(cmp.Compare(x.Period, y.Period), cmp.Compare(x.Customer, y.Customer), x.Service.Compare(y.Service), cmp.Compare(x.Driver, y.Driver))
	})
	return out, nil
}

// CustomerCharge is what one customer is charged in one period
// (ISO/IEC 20000-1:2011, 6.4).
type CustomerCharge struct {
	Customer string `json:"customer"`
	Period   Period `json:"period"`
	Amount   Money  `json:"amount"`
}

// ByCustomer returns the charges per customer and period, ordered by period
// and customer.
func (c *Charges) ByCustomer() []CustomerCharge {
	var out []CustomerCharge
	for _, l := range c.Lines {
		n := len(out)
		if n > 0 && out[n-1].Customer == l.Customer && out[n-1].Period == l.Period {
			out[n-1].Amount.Amount = out[n-1].Amount.Amount.Add(l.Amount.Amount)
			continue
		}
		out = append(out, CustomerCharge{Customer: l.Customer, Period: l.Period, Amount: l.Amount})
	}
	return out
}

// RecoveryStatus says whether the charges of a service recovered its cost,
// fell short or went beyond it (ISO/IEC 20000-1:2011, 6.4). The zero
// RecoveryStatus is invalid.
type RecoveryStatus string

// Recovery statuses.
const (
	Recovered     RecoveryStatus = "recovered"      // charges equal the cost
	UnderRecovery RecoveryStatus = "under-recovery" // charges below the cost
	OverRecovery  RecoveryStatus = "over-recovery"  // charges above the cost
)

// Valid reports whether s is one of the statuses.
func (s RecoveryStatus) Valid() bool {
	return s == Recovered || s == UnderRecovery || s == OverRecovery
}

// String returns the status's code.
func (s RecoveryStatus) String() string { return string(s) }

// MarshalText encodes the status: its code, or nothing when unset; an
// unknown value is refused.
func (s RecoveryStatus) MarshalText() ([]byte, error) { return process.MarshalEnum(s) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves s unchanged.
func (s *RecoveryStatus) UnmarshalText(b []byte) error { return process.UnmarshalEnum(s, b) }

// Recovery reconciles a service's charges in a period with its cost:
// Difference is charged − cost (ISO/IEC 20000-1:2011, 6.4).
type Recovery struct {
	Period     Period         `json:"period"`
	Service    process.ID     `json:"service"`
	Name       string         `json:"name"`
	Cost       Money          `json:"cost"`
	Charged    Money          `json:"charged"`
	Difference Money          `json:"difference"`
	Status     RecoveryStatus `json:"status"`
}

// Reconcile compares what each service charged with what it cost in each
// period of alloc or of the charges, ordered by period and service ID
// (ISO/IEC 20000-1:2011, 6.4). Shared services, whose cost is passed on,
// are left out unless they charge. It refuses charges in another currency
// ([ErrCurrencyMismatch]) or for an unknown service ([process.ErrNotFound]).
func Reconcile(c *Charges, alloc *Allocation) ([]Recovery, error) {
	a := alloc.ap
	if c.Currency != a.cur {
		return nil, fmt.Errorf("budgeting: reconcile: charges in %s, costs in %s: %w", c.Currency, a.cur, ErrCurrencyMismatch)
	}
	type k struct {
		p Period
		s int32
	}
	charged := map[k]decimal.Decimal{}
	for i, l := range c.Lines {
		s, ok := a.svc.get(l.Service)
		if !ok {
			return nil, fmt.Errorf("budgeting: reconcile: lines[%d]: service %s: %w", i, l.Service.Short(), process.ErrNotFound)
		}
		charged[k{l.Period, s}] = charged[k{l.Period, s}].Add(l.Amount.Amount)
	}
	periods := alloc.Periods()
	for key := range charged {
		periods = append(periods, key.p)
	}
	slices.Sort(periods)
	periods = slices.Compact(periods)
	var out []Recovery
	for _, p := range periods {
		for s, svc := range a.services {
			ch, has := charged[k{p, int32(s)}]
			if svc.Shared && !has {
				continue
			}
			cost := alloc.Cost(svc.ID, p)
			if cost.IsZero() && !has {
				continue
			}
			r := Recovery{Period: p, Service: svc.ID, Name: svc.Name, Cost: cost, Charged: Money{Amount: ch, Currency: a.cur}}
			r.Difference = Money{Amount: ch.Sub(cost.Amount), Currency: a.cur}
			switch r.Difference.Amount.Sign() {
			case 0:
				r.Status = Recovered
			case -1:
				r.Status = UnderRecovery
			default:
				r.Status = OverRecovery
			}
			out = append(out, r)
		}
	}
	return out, nil
}
