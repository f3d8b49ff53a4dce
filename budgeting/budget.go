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
// The zero BudgetState is invalid.
type BudgetState string

// The states of a budget.
const (
	BudgetDraft    BudgetState = "draft"    // being prepared; lines may change
	BudgetApproved BudgetState = "approved" // approved within a limit; changes only by approved variations
	BudgetClosed   BudgetState = "closed"   // the period is over
)

// Valid reports whether s is one of the states.
func (s BudgetState) Valid() bool {
	return s == BudgetDraft || s == BudgetApproved || s == BudgetClosed
}

// String returns the state's code.
func (s BudgetState) String() string { return string(s) }

// MarshalText encodes the code, refusing an unknown state.
func (s BudgetState) MarshalText() ([]byte, error) { return marshalEnum(s, "budget state") }

// UnmarshalText decodes a code, refusing an unknown state.
func (s *BudgetState) UnmarshalText(b []byte) error { return unmarshalEnum(s, b, "budget state") }

// BudgetLifecycle returns the lifecycle of budgets: draft → approved →
// closed. Approval checks limits and segregation (see [Budget.Approve]);
// closing needs the finance manager role.
func BudgetLifecycle() *process.Lifecycle[BudgetState] {
	l, err := process.NewLifecycle(process.KindBudget, BudgetDraft,
		[]BudgetState{BudgetDraft, BudgetApproved, BudgetClosed}, []BudgetState{BudgetClosed},
		[]process.Move[BudgetState]{
			{From: []BudgetState{BudgetDraft}, To: BudgetApproved},
			{From: []BudgetState{BudgetApproved}, To: BudgetClosed, Role: process.RoleFinanceManager},
		})
	if err != nil {
		panic(err) // a fixed table, checked by tests
	}
	return l
}

// BudgetLine is one line of a budget: an amount for a category of cost,
// from the base or from a planned change (ISO/IEC 20000-1:2011, 6.4).
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

// Approval records who approved what amount, under which limit, and when.
// Variation is the index of the variation approved, or -1 for the budget.
type Approval struct {
	By        string          `json:"by"`
	Limit     decimal.Decimal `json:"limit"`
	Amount    decimal.Decimal `json:"amount"`
	At        time.Time       `json:"at"`
	Variation int             `json:"variation"`
}

// Variation is a change to an approved budget: lines to add (negative
// amounts reduce), why, and who asked.
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
// period: those of this service and period are taken).
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
// period, carrying the change's estimate. It refuses, as a
// *process.ValidationError, an invalid plan, including a change estimated
// in another currency ([ErrCurrencyMismatch]).
func NewBudget(plan BudgetPlan, by process.Actor, at time.Time) (*Budget, error) {
	b := &Budget{Header: process.NewHeader(process.KindBudget, plan.Title, by, at), Service: plan.Service,
		Period: plan.Period, Currency: plan.Currency, Requester: by.Name, Lines: slices.Clone(plan.Base)}
	b.Status = string(BudgetDraft)
	v := process.ValidationError{Subject: b.Subject()}
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

// Validate reports every field at fault as a *process.ValidationError.
func (b *Budget) Validate() error {
	v := process.ValidationError{Subject: b.Subject()}
	process.ValidateHeader(&b.Header, process.KindBudget, &v)
	if !b.State().Valid() {
		enumFault(&v, "status", b.Status)
	}
	v.Require("service", !b.Service.IsZero())
	v.Require("period", b.Period != "")
	v.Require("requester", b.Requester != "")
	exp, ok := minorUnit(b.Currency)
	if !ok {
		Money{Currency: b.Currency}.validate(&v, "")
	}
	checkLines := func(p string, lines []BudgetLine) {
		for i, l := range lines {
			lp := fmt.Sprintf("%s[%d]", p, i)
			if !l.Category.Valid() {
				enumFault(&v, lp+".category", string(l.Category))
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
	return v.Err()
}

// linesValid reports whether every line, variations included, has a valid
// category and an amount exact in minor units of exp places.
func (b *Budget) linesValid(exp int32) bool {
	for l := range b.lines() {
		if !l.Category.Valid() {
			return false
		}
		if _, _, err := toMinor(l.Amount, exp); err != nil {
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

// CategoryAmount is an amount for one category of cost.
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
	best := -1
	for i, a := range approvers {
		if a.Actor.Name == "" {
			return Approver{}, fmt.Errorf("approvers[%d].actor: %w", i, process.ErrRequired)
		}
		if a.Actor.Name == requester {
			return Approver{}, fmt.Errorf("%s requested it and may not approve it: %w", requester, process.ErrSegregation)
		}
		if a.Limit.Currency != b.Currency {
			return Approver{}, fmt.Errorf("approvers[%d].limit: %w: %s, want %s", i, ErrCurrencyMismatch, a.Limit.Currency, b.Currency)
		}
		if best < 0 || a.Limit.Amount.GreaterThan(approvers[best].Limit.Amount) {
			best = i
		}
	}
	if amount.GreaterThan(approvers[best].Limit.Amount) {
		return Approver{}, fmt.Errorf("%w: %s above %s (%s)", ErrOverLimit, Money{amount, b.Currency}, approvers[best].Limit, approvers[best].Actor.Name)
	}
	return approvers[best], nil
}

// Approve approves a draft budget at at. The approvers together must have
// a limit at least the budget's total (the highest limit counts: a budget
// above one approver's limit needs a higher approver), and the requester
// may not be one of them. A refusal is a *process.TransitionError matching
// [ErrOverLimit] (and [process.ErrForbidden]), [process.ErrSegregation] or
// [process.ErrRequired], and leaves the budget unchanged.
func (b *Budget) Approve(at time.Time, approvers ...Approver) error {
	if err := b.Validate(); err != nil {
		return err
	}
	total := b.Total().Amount
	by, err := b.checkApprovers(total, b.Requester, approvers)
	if err != nil && b.State() == BudgetDraft {
		return &process.TransitionError{Kind: b.Kind, ID: b.ID, From: b.Status, To: string(BudgetApproved), Err: err}
	}
	if err := BudgetLifecycle().Apply(by.Actor, at, &b.Header, BudgetApproved, "approved "+b.Total().String(), nil); err != nil {
		return err
	}
	b.Approvals = append(b.Approvals, Approval{By: by.Actor.Name, Limit: by.Limit.Amount, Amount: total, At: at, Variation: -1})
	return nil
}

// Vary adds a variation to an approved budget, requested by requester and
// approved by approvers at at. The size of a variation is the sum of the
// absolute amounts of its lines (moving money between categories counts);
// it must be within the highest approver's limit, and the requester may not
// approve it. It refuses, changing nothing, a budget not approved
// ([process.ErrPrecondition]), invalid lines (*process.ValidationError),
// [ErrOverLimit] and [process.ErrSegregation].
func (b *Budget) Vary(requester process.Actor, at time.Time, v Variation, approvers ...Approver) error {
	fail := func(err error) error { return fmt.Errorf("budgeting: %s: variation: %w", b.Subject(), err) }
	if b.State() != BudgetApproved {
		return fail(fmt.Errorf("budget is %s, not approved: %w", b.Status, process.ErrPrecondition))
	}
	if requester.Name == "" || at.IsZero() {
		return fail(fmt.Errorf("requester and time: %w", process.ErrRequired))
	}
	if len(v.Lines) == 0 {
		return fail(fmt.Errorf("lines: %w", process.ErrRequired))
	}
	v.Requester, v.At, v.Lines = requester.Name, at, slices.Clone(v.Lines)
	size := decimal.Zero
	for _, l := range v.Lines {
		size = size.Add(l.Amount.Abs())
	}
	by, err := b.checkApprovers(size, requester.Name, approvers)
	if err != nil {
		return fail(err)
	}
	trial := *b
	trial.Variations = append(slices.Clone(b.Variations), v)
	if err := trial.Validate(); err != nil {
		return err
	}
	if err := b.Note(by.Actor, at, fmt.Sprintf("variation %d of %s approved: %s", len(b.Variations), Money{size, b.Currency}, v.Reason)); err != nil {
		return fail(err)
	}
	b.Variations = trial.Variations
	b.Approvals = append(b.Approvals, Approval{By: by.Actor.Name, Limit: by.Limit.Amount, Amount: size, At: at, Variation: len(b.Variations) - 1})
	return nil
}
