package budgeting

import (
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// ErrOverLimit marks an approval of an amount above every approver's limit
// (ISO/IEC 20000-1:2011, 6.4: financial control and approval are
// effective). It also matches [process.ErrForbidden].
var ErrOverLimit = fmt.Errorf("budgeting: amount above the approver's limit: %w", process.ErrForbidden)

// BudgetState is where a budget is in its life (ISO/IEC 20000-1:2011, 6.4).
// The zero BudgetState is unset.
type BudgetState string

// The states of a budget.
const (
	BudgetDraft    BudgetState = "draft"    // being prepared; lines may change
	BudgetApproved BudgetState = "approved" // approved within a limit; changes only by approved variations
	BudgetClosed   BudgetState = "closed"   // the period is over
)

// Valid reports whether s is one of the states.
func (s BudgetState) Valid() bool { return budgetLifecycle.Valid(s) }

// String returns the state's code.
func (s BudgetState) String() string { return string(s) }

// MarshalText encodes the state: its code, or nothing when unset; an
// unknown state is refused.
func (s BudgetState) MarshalText() ([]byte, error) { return process.MarshalEnum(s) }

// UnmarshalText decodes a code, or "" as unset; an unknown state is refused
// and leaves s unchanged.
func (s *BudgetState) UnmarshalText(b []byte) error { return process.UnmarshalEnum(s, b) }

// budgetLifecycle is the lifecycle of budgets; it is immutable.
var budgetLifecycle = process.MustLifecycle(process.KindBudget, BudgetDraft,
	[]BudgetState{BudgetDraft, BudgetApproved, BudgetClosed}, []BudgetState{BudgetClosed},
	[]process.Move[BudgetState]{
		{From: []BudgetState{BudgetDraft}, To: BudgetApproved},
		{From: []BudgetState{BudgetApproved}, To: BudgetClosed, Role: process.RoleFinanceManager},
	})

// Lifecycle returns the lifecycle of budgets: draft → approved → closed
// (ISO/IEC 20000-1:2011, 6.4: financial control and approval). Approval
// checks limits and segregation (see [Budget.Approve]); closing needs the
// finance manager role (see [Budget.Close]). The lifecycle is immutable and
// safe for concurrent use.
// The receiver is not read: a nil *Budget gives the same lifecycle.
func (*Budget) Lifecycle() *process.Lifecycle[BudgetState] { return budgetLifecycle }

// BudgetLine is one line of a budget: an amount for a category of cost,
// from the base or from a planned change (ISO/IEC 20000-1:2011, 6.4). The
// amount is held to the limits on untrusted numbers (process.MaxDigits,
// process.MaxExponent).
type BudgetLine struct {
	Category    Category        `json:"category"`
	Amount      decimal.Decimal `json:"amount"`
	Change      process.ID      `json:"change,omitzero"` // the planned change this line is for
	Description string          `json:"description,omitempty"`
}

// PlannedChange is a change planned for a period, with its estimated cost:
// budgets take the planned changes of their period into account
// (ISO/IEC 20000-1:2011, 6.4).
type PlannedChange struct {
	Change   process.ID `json:"change"`
	Title    string     `json:"title"`
	Service  process.ID `json:"service"`
	Period   Period     `json:"period"`
	Category Category   `json:"category"`
	Estimate Money      `json:"estimate"`
}

// Approver is someone who may approve budgets and variations up to Limit
// (ISO/IEC 20000-1:2011, 6.4). Limits are the host's delegation of
// financial authority.
type Approver struct {
	Actor process.Actor `json:"actor"`
	Limit Money         `json:"limit"`
}

// Approval records who approved what amount of a budget, under which limit,
// and when (ISO/IEC 20000-1:2011, 6.4: financial control and approval).
// Variation is the index of the variation approved, or -1 for the budget.
// Limit and Amount are held to the limits on untrusted numbers
// (process.MaxDigits, process.MaxExponent).
type Approval struct {
	By        string          `json:"by"`
	Limit     decimal.Decimal `json:"limit"`
	Amount    decimal.Decimal `json:"amount"`
	At        time.Time       `json:"at"`
	Variation int             `json:"variation"`
}

// Variation is a change to an approved budget: lines to add (negative
// amounts reduce), why, and who asked (ISO/IEC 20000-1:2011, 6.4).
type Variation struct {
	Lines     []BudgetLine `json:"lines"`
	Reason    string       `json:"reason"`
	Requester string       `json:"requester"`
	At        time.Time    `json:"at"`
}

// Budget is the budget of one service for one period, with lines by
// category built from a base and the planned changes of the period, and its
// approvals and variations (ISO/IEC 20000-1:2011, 6.4; record kind budget).
// Its Status is a [BudgetState]. A Budget is not safe for concurrent
// mutation.
type Budget struct {
	process.Header
	Service    process.ID   `json:"service"`
	Period     Period       `json:"period"`
	Currency   Currency     `json:"currency"`
	Requester  string       `json:"requester"`
	Lines      []BudgetLine `json:"lines"`
	Variations []Variation  `json:"variations,omitempty"`
	Approvals  []Approval   `json:"approvals,omitempty"`
}

// BudgetPlan is what a budget is built from: the service, period and
// currency, the base lines, and the planned changes (of any service and
// period: those of this service and period are taken) (ISO/IEC
// 20000-1:2011, 6.4: budgets take planned changes into account).
type BudgetPlan struct {
	Title    string
	Service  process.ID
	Period   Period
	Currency Currency
	Base     []BudgetLine
	Changes  []PlannedChange
}

// NewBudget builds a draft budget from plan, requested by by at at: the
// base lines, then one line per planned change of the same service and
// period, carrying the change's estimate (ISO/IEC 20000-1:2011, 6.4:
// budgets take planned changes into account). It refuses, as a
// *process.ValidationError, an invalid plan, including a change estimated
// in another currency ([ErrCurrencyMismatch]).
func NewBudget(plan BudgetPlan, by process.Actor, at time.Time) (*Budget, error) {
	b := &Budget{Header: process.NewHeader(process.KindBudget, plan.Title, by, at), Service: plan.Service,
		Period: plan.Period, Currency: plan.Currency, Requester: by.ID, Lines: slices.Clone(plan.Base)}
	budgetLifecycle.Start(&b.Header)
	v := process.ValidationError{Package: pkg, Subject: b.Subject()}
	for i, c := range plan.Changes {
		if c.Service != plan.Service || c.Period != plan.Period {
			continue
		}
		p := fmt.Sprintf("changes[%d]", i)
		v.Require(p+".change", !c.Change.IsZero())
		if c.Estimate.Currency != plan.Currency {
			v.Addf(p+".estimate.currency", ErrCurrencyMismatch, "%s, want %s", c.Estimate.Currency, plan.Currency)
			continue
		}
		b.Lines = append(b.Lines, BudgetLine{Category: c.Category, Amount: c.Estimate.Amount, Change: c.Change, Description: c.Title})
	}
	v.Merge("", b.Validate())
	if err := v.Err(); err != nil {
		return nil, err
	}
	return b, nil
}

// State returns the budget's lifecycle state.
func (b *Budget) State() BudgetState { return BudgetState(b.Status) }

// Validate reports every field at fault as a *process.ValidationError: the
// header and state, the service, period and requester, the currency, and
// each line's category and amount, variations included, and the amounts of
// approvals, each within the limits on untrusted numbers
// ([process.ErrTooLarge]) (ISO/IEC 20000-1:2011, 6.4).
func (b *Budget) Validate() error {
	v := process.ValidationError{Package: pkg, Subject: b.Subject()}
	process.ValidateHeader(&b.Header, process.KindBudget, &v)
	budgetLifecycle.ValidateState(&b.Header, &v)
	v.Require("service", !b.Service.IsZero())
	v.Require("period", b.Period != "")
	v.Identity("requester", b.Requester)
	if len(b.History) > 0 && b.Requester != b.History[0].Actor {
		v.Addf("requester", process.ErrInconsistent, "%q, but %q created the budget", b.Requester, b.History[0].Actor)
	}
	exp, ok := minorUnit(b.Currency)
	if !ok {
		Money{Currency: b.Currency}.validate(&v, "")
	}
	checkLines := func(p string, lines []BudgetLine) {
		for i, l := range lines {
			lp := fmt.Sprintf("%s[%d]", p, i)
			process.CheckEnum(&v, lp+".category", l.Category)
			if !v.Decimal(lp+".amount", l.Amount) {
				continue
			}
			if _, _, err := toMinor(l.Amount, exp); ok && err != nil {
				v.Add(lp+".amount", err)
			}
		}
	}
	checkLines("lines", b.Lines)
	for i, vr := range b.Variations {
		checkLines(fmt.Sprintf("variations[%d].lines", i), vr.Lines)
	}
	for i, a := range b.Approvals {
		p := fmt.Sprintf("approvals[%d]", i)
		v.Decimal(p+".limit", a.Limit)
		v.Decimal(p+".amount", a.Amount)
	}
	return v.Err()
}

// sumLines adds every line, variations included, to sums by category, in
// minor units of exp places, and reports false, with sums partly added, on
// the first line with an invalid category or an amount not exact in them.
// It reads each amount once.
func (b *Budget) sumLines(sums *[numCategories]acc, exp int32) bool {
	add := func(lines []BudgetLine) bool {
		for i := range lines {
			l := &lines[i]
			c := l.Category.index()
			if c < 0 {
				return false
			}
			v, fits, err := toMinor(l.Amount, exp)
			switch {
			case err != nil:
				return false
			case fits:
				sums[c].add(v)
			default:
				x, err := toMinorBig(l.Amount, exp)
				if err != nil {
					return false
				}
				sums[c].addBig(x)
			}
		}
		return true
	}
	if !add(b.Lines) {
		return false
	}
	for i := range b.Variations {
		if !add(b.Variations[i].Lines) {
			return false
		}
	}
	return true
}

// lines yields every line of the budget: the base and planned changes, then
// the lines of each variation.
func (b *Budget) lines() iter.Seq[BudgetLine] {
	return func(yield func(BudgetLine) bool) {
		for _, l := range b.Lines {
			if !yield(l) {
				return
			}
		}
		for _, vr := range b.Variations {
			for _, l := range vr.Lines {
				if !yield(l) {
					return
				}
			}
		}
	}
}

// Total returns the sum of every line, variations included.
func (b *Budget) Total() Money {
	t := decimal.Zero
	for l := range b.lines() {
		t = t.Add(l.Amount)
	}
	return Money{Amount: t, Currency: b.Currency}
}

// ByCategory returns the budget per category, variations included, in the
// order of [Categories], leaving out categories with no line.
func (b *Budget) ByCategory() []CategoryAmount {
	var sums [numCategories]decimal.Decimal
	var has [numCategories]bool
	for l := range b.lines() {
		if c := l.Category.index(); c >= 0 {
			sums[c], has[c] = sums[c].Add(l.Amount), true
		}
	}
	var out []CategoryAmount
	for c := range numCategories {
		if has[c] {
			out = append(out, CategoryAmount{Category: categories[c], Amount: Money{Amount: sums[c], Currency: b.Currency}})
		}
	}
	return out
}

// CategoryAmount is an amount for one category of cost (ISO/IEC
// 20000-1:2011, 6.4).
type CategoryAmount struct {
	Category Category `json:"category"`
	Amount   Money    `json:"amount"`
}

// checkApprovers checks that approvers may approve amount requested by
// requester: at least one approver, none of them the requester
// ([process.ErrSegregation]), limits in the budget's currency, and the
// highest limit at least amount ([ErrOverLimit]). It returns the approver
// with the highest limit.
func (b *Budget) checkApprovers(amount decimal.Decimal, requester string, approvers []Approver) (Approver, error) {
	if len(approvers) == 0 {
		return Approver{}, fmt.Errorf("approver: %w", process.ErrRequired)
	}
	if err := process.CheckDecimal(amount); err != nil {
		return Approver{}, fmt.Errorf("amount to approve: %w", err) // a sum past the limits
	}
	best := -1
	for i, a := range approvers {
		if err := process.CheckIdentity(a.Actor.ID); err != nil {
			return Approver{}, fmt.Errorf("approvers[%d].actor: %w", i, err)
		}
		if a.Actor.ID == requester {
			return Approver{}, fmt.Errorf("%s requested it and may not approve it: %w", requester, process.ErrSegregation)
		}
		if a.Limit.Currency != b.Currency {
			return Approver{}, fmt.Errorf("approvers[%d].limit: %w: %s, want %s", i, ErrCurrencyMismatch, a.Limit.Currency, b.Currency)
		}
		if err := process.CheckDecimal(a.Limit.Amount); err != nil {
			return Approver{}, fmt.Errorf("approvers[%d].limit.amount: %w", i, err)
		}
		if best < 0 || a.Limit.Amount.GreaterThan(approvers[best].Limit.Amount) {
			best = i
		}
	}
	if amount.GreaterThan(approvers[best].Limit.Amount) {
		return Approver{}, fmt.Errorf("%w: %s above %s (%s)", ErrOverLimit, Money{amount, b.Currency}, approvers[best].Limit, approvers[best].Actor.ID)
	}
	return approvers[best], nil
}

// Approve approves a draft budget, recorded by by at at on behalf of the
// approvers (ISO/IEC 20000-1:2011, 6.4: financial control and approval are
// effective). The approvers together must have a limit at least the
// budget's total (the highest limit counts: a budget above one approver's
// limit needs a higher approver), and the budget's requester may not be one
// of them. The move follows [Budget.Lifecycle]; the history records it by
// by, naming the approver whose limit covers it, and [Budget.Approvals]
// records the approval. It refuses an invalid budget
// (*process.ValidationError); every other refusal is a
// *process.TransitionError: a budget not in draft
// ([process.ErrInvalidTransition]), a missing actor or time
// ([process.ErrRequired]), a time before the last history entry
// ([process.ErrInvalidValue]), no approver ([process.ErrRequired]), a
// total above every limit ([ErrOverLimit], which matches
// [process.ErrForbidden]), the requester among the approvers
// ([process.ErrSegregation]) and a limit in another currency
// ([ErrCurrencyMismatch]). A refused approval leaves the budget unchanged.
func (b *Budget) Approve(by process.Actor, at time.Time, approvers ...Approver) error {
	if err := b.Validate(); err != nil {
		return err
	}
	total := b.Total()
	best, refused := b.checkApprovers(total.Amount, b.Requester, approvers)
	note := fmt.Sprintf("approved %s by %s within a limit of %s", total, best.Actor.ID, best.Limit)
	if err := budgetLifecycle.Apply(by, at, &b.Header, BudgetApproved, note, func() error { return refused }); err != nil {
		return err
	}
	b.Approvals = append(b.Approvals, Approval{By: best.Actor.ID, Limit: best.Limit.Amount, Amount: total.Amount, At: at, Variation: -1})
	b.bindLast()
	return nil
}

// Close closes an approved budget at the end of its period, by a finance
// manager at at, with note for the history (ISO/IEC 20000-1:2011, 6.4). A
// refusal is a *process.TransitionError (a budget not approved, an actor
// without the finance manager role, a missing actor or time, a time before
// the last history entry) and leaves the budget unchanged.
func (b *Budget) Close(by process.Actor, at time.Time, note string) error {
	return budgetLifecycle.Apply(by, at, &b.Header, BudgetClosed, note, nil)
}

// Vary adds a variation to an approved budget, requested by by at at and
// approved by approvers (ISO/IEC 20000-1:2011, 6.4: financial control and
// approval). The size of a variation is the sum of the absolute amounts of
// its lines (moving money between categories counts); it must be within the
// highest approver's limit, and the requester may not approve it. The
// history records the variation by by, naming the approver;
// [Budget.Approvals] records the approval. It refuses, changing nothing, a
// budget not approved ([process.ErrPrecondition]), a missing actor or time
// ([process.ErrRequired]), a time before the last history entry
// ([process.ErrInvalidValue]), no lines ([process.ErrRequired]), invalid
// lines (*process.ValidationError), amounts past the limits on untrusted
// numbers ([process.ErrTooLarge]), [ErrOverLimit] and
// [process.ErrSegregation].
func (b *Budget) Vary(by process.Actor, at time.Time, v Variation, approvers ...Approver) error {
	fail := func(err error) error { return fmt.Errorf("budgeting: %s: variation: %w", b.Subject(), err) }
	if b.State() != BudgetApproved {
		return fail(fmt.Errorf("budget is %s, not approved: %w", b.Status, process.ErrPrecondition))
	}
	if err := b.CheckEvent(by, at); err != nil {
		return err
	}
	if len(v.Lines) == 0 {
		return fail(fmt.Errorf("lines: %w", process.ErrRequired))
	}
	v.Requester, v.At, v.Lines = by.ID, at, slices.Clone(v.Lines)
	size := decimal.Zero
	for i, l := range v.Lines {
		if err := process.CheckDecimal(l.Amount); err != nil {
			return fail(fmt.Errorf("lines[%d].amount: %w", i, err))
		}
		size = size.Add(l.Amount.Abs())
	}
	best, err := b.checkApprovers(size, by.ID, approvers)
	if err != nil {
		return fail(err)
	}
	trial := *b
	trial.Variations = append(slices.Clone(b.Variations), v)
	if err := trial.Validate(); err != nil {
		return err
	}
	note := fmt.Sprintf("variation %d of %s approved by %s: %s", len(b.Variations), Money{size, b.Currency}, best.Actor.ID, v.Reason)
	if err := b.Note(by, at, note); err != nil {
		return fail(err)
	}
	b.Variations = trial.Variations
	b.Approvals = append(b.Approvals, Approval{By: best.Actor.ID, Limit: best.Limit.Amount, Amount: size, At: at, Variation: len(b.Variations) - 1})
	b.bindLast()
	return nil
}
