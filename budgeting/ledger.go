package budgeting

import (
	"fmt"
	"math"
	"math/big"
	"runtime"
	"slices"

	"github.com/smskit/iso20000/process"
)

// Ledger holds the cost entries of one or more periods in the form the
// apportioner reads fastest: each entry checked when it is booked, its
// amount in minor units, 32 bytes an entry (ISO/IEC 20000-1:2011, 6.4).
// A host books entries into a ledger as they arrive and apportions it as
// often as reports need, with [Apportioner.ApportionLedger]; it gives the
// same allocation as [Apportioner.Apportion] over the same entries. The
// zero Ledger is not usable: make one with [NewLedger]. A Ledger is not
// safe for concurrent mutation.
type Ledger struct {
	cur     Currency
	exp     int32
	periods []Period
	rows    []ledgerRow
	big     map[int]*big.Int // amounts that do not fit int64 minor units, by row
}

// ledgerRow is one booked entry: the service (direct) or rule (indirect) it
// goes to, its amount in minor units (see Ledger.big when flagBig), its
// period and category.
type ledgerRow struct {
	to     process.ID
	v      int64
	period uint16
	cat    uint8
	flags  uint8
}

const (
	flagDirect uint8 = 1 << iota
	flagBig
)

// NewLedger returns an empty ledger of cost entries in currency cur
// (ISO/IEC 20000-1:2011, 6.4), or an error matching [ErrUnknownCurrency].
func NewLedger(cur Currency) (*Ledger, error) {
	exp, err := cur.MinorUnit()
	if err != nil {
		return nil, err
	}
	return &Ledger{cur: cur, exp: exp}, nil
}

// Currency returns the currency of the ledger's entries.
func (l *Ledger) Currency() Currency { return l.cur }

// Len returns the number of entries booked.
func (l *Ledger) Len() int { return len(l.rows) }

// Add books entries. It refuses, booking none of them, an invalid entry or
// one in another currency, as a *process.ValidationError naming it
// (entries[3].currency: [ErrCurrencyMismatch]). Whether services and rules
// exist is checked when the ledger is apportioned.
func (l *Ledger) Add(entries ...CostEntry) error {
	n, np := len(l.rows), len(l.periods)
	l.rows = slices.Grow(l.rows, len(entries))
	for i := range entries {
		if err := l.add(&entries[i]); err != nil {
			l.rows, l.periods = l.rows[:n], l.periods[:np]
			for k := range l.big {
				if k >= n {
					delete(l.big, k)
				}
			}
			return l.refusal(i, &entries[i])
		}
	}
	return nil
}

// add books one entry, or reports that it is refused.
func (l *Ledger) add(e *CostEntry) error {
	c := e.Category.index()
	if e.Currency != l.cur || c < 0 || e.Period == "" || e.ID.IsZero() || e.Date.IsZero() ||
		e.Behaviour != "" && !e.Behaviour.Valid() || e.Expense != "" && !e.Expense.Valid() {
		return process.ErrInvalid
	}
	row := ledgerRow{cat: uint8(c)}
	switch {
	case e.Nature == Direct && !e.Service.IsZero() && e.Rule.IsZero():
		row.to, row.flags = e.Service, flagDirect
	case e.Nature == Indirect && !e.Rule.IsZero() && e.Service.IsZero():
		row.to = e.Rule
	default:
		return process.ErrInvalid
	}
	pi := slices.Index(l.periods, e.Period)
	if pi < 0 {
		if len(l.periods) > math.MaxUint16 {
			return process.ErrInvalid
		}
		l.periods = append(l.periods, e.Period)
		pi = len(l.periods) - 1
	}
	row.period = uint16(pi)
	v, fits, err := toMinor(e.Amount, l.exp)
	if err != nil {
		return err
	}
	row.v = v
	if !fits {
		b, err := toMinorBig(e.Amount, l.exp)
		if err != nil {
			return err
		}
		if l.big == nil {
			l.big = make(map[int]*big.Int)
		}
		l.big[len(l.rows)] = b
		row.flags |= flagBig
	}
	l.rows = append(l.rows, row)
	return nil
}

// refusal explains why entry i was refused.
func (l *Ledger) refusal(i int, e *CostEntry) error {
	v := process.ValidationError{Package: pkg, Subject: process.Subject(process.KindCostEntry, e.ID)}
	p := fmt.Sprintf("entries[%d].", i)
	e.validate(&v, p)
	if e.Currency != l.cur && e.Currency.Valid() {
		v.Addf(p+"currency", ErrCurrencyMismatch, "%s, want %s", e.Currency, l.cur)
	}
	if len(v.Fields) == 0 {
		v.Addf(p+"period", process.ErrInvalidValue, "more than %d periods", math.MaxUint16+1)
	}
	return &v
}

// ApportionLedger is [Apportioner.Apportion] over the entries booked in l:
// the same allocation, faster, since each entry was checked and converted
// when it was booked. It refuses a ledger in another currency
// ([ErrCurrencyMismatch]) and, as a *process.ValidationError naming the
// entry by its place in the ledger (ledger[12].rule), a service or rule the
// apportioner does not know ([process.ErrNotFound]); on error it returns no
// allocation.
func (a *Apportioner) ApportionLedger(l *Ledger) (*Allocation, error) {
	if l.cur != a.cur {
		return nil, fmt.Errorf("budgeting: ledger in %s, apportioner in %s: %w", l.cur, a.cur, ErrCurrencyMismatch)
	}
	r := &Allocation{ap: a}
	for _, p := range l.periods {
		r.period(p) // the allocation's period i is the ledger's period i
	}
	var sp splitter
	var batch [batchSize]pending
	rows := l.rows
	for start := 0; start < len(rows); start += batchSize {
		n := min(batchSize, len(rows)-start)
		var touch int64
		for b := range n {
			row := &rows[start+b]
			if row.flags&flagDirect != 0 {
				touch += a.touchSlot(process.ID{}, row.to)
			} else {
				touch += a.touchSlot(row.to, row.to)
			}
		}
		runtime.KeepAlive(touch)
		for b := range n {
			row := &rows[start+b]
			pd := pending{v: row.v, p: int32(row.period), c: int8(row.cat), slow: row.flags&flagBig != 0, i: int32(b)}
			if !a.lookup(&pd, row.flags&flagDirect != 0, row.to) {
				return nil, a.rowError(start+b, row)
			}
			batch[b] = pd
		}
		err := a.accumulate(r, batch[:n], &sp, func(pd *pending) error {
			i := start + int(pd.i)
			amount := l.big[i]
			if amount == nil {
				amount = big.NewInt(rows[i].v)
			}
			a.addGeneral(&r.acc[pd.p], pd, amount, rows[i].to, &sp)
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

// rowError reports that row i of a ledger names an unknown service or rule.
func (a *Apportioner) rowError(i int, row *ledgerRow) error {
	v := process.ValidationError{Package: pkg, Subject: "ledger"}
	if row.flags&flagDirect != 0 {
		v.Addf(fmt.Sprintf("ledger[%d].service", i), process.ErrNotFound, "service %s", row.to.Short())
	} else {
		v.Addf(fmt.Sprintf("ledger[%d].rule", i), process.ErrNotFound, "rule %s", row.to.Short())
	}
	return &v
}
