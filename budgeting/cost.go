package budgeting

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// Category is what a cost is for: the cost components that budgeting and
// accounting cover at least (ISO/IEC 20000-1:2011, 6.4). The zero Category
// is invalid.
type Category string

// The categories of cost of 6.4.
const (
	CategoryAssets           Category = "assets"            // hardware and other assets
	CategoryLicences         Category = "licences"          // software licences (assets too)
	CategorySharedResources  Category = "shared-resources"  // resources several services share
	CategoryOverheads        Category = "overheads"         // general overheads of the provider
	CategoryExternalServices Category = "external-services" // services supplied by other parties
	CategoryPersonnel        Category = "personnel"         // staff and contractors
	CategoryFacilities       Category = "facilities"        // buildings, power, cooling
)

// Categories returns every category of cost of ISO/IEC 20000-1:2011, 6.4,
// in a fixed order.
func Categories() []Category { return slices.Clone(categories[:]) }

var categories = [...]Category{CategoryAssets, CategoryLicences, CategorySharedResources,
	CategoryOverheads, CategoryExternalServices, CategoryPersonnel, CategoryFacilities}

const numCategories = len(categories)

// index returns c's position in Categories, or -1. It switches on the
// length first, so that each case is one comparison with a constant.
func (c Category) index() int {
	switch len(c) {
	case 6:
		if c == CategoryAssets {
			return 0
		}
	case 8:
		if c == CategoryLicences {
			return 1
		}
	case 16:
		if c == CategorySharedResources {
			return 2
		}
	case 9:
		switch c {
		case CategoryOverheads:
			return 3
		case CategoryPersonnel:
			return 5
		}
	case 17:
		if c == CategoryExternalServices {
			return 4
		}
	case 10:
		if c == CategoryFacilities {
			return 6
		}
	}
	return -1
}

// Valid reports whether c is one of the categories.
func (c Category) Valid() bool { return c.index() >= 0 }

// String returns the category's code.
func (c Category) String() string { return string(c) }

// MarshalText encodes the category: its code, or nothing when unset; an
// unknown category is refused.
func (c Category) MarshalText() ([]byte, error) { return process.MarshalEnum(c) }

// UnmarshalText decodes a code, or "" as unset; an unknown category is
// refused and leaves c unchanged.
func (c *Category) UnmarshalText(b []byte) error { return process.UnmarshalEnum(c, b) }

// Nature says whether a cost is direct (attributable to one service and
// allocated to it) or indirect (shared, and apportioned by a rule)
// (ISO/IEC 20000-1:2011, 6.4). The zero Nature is unset.
type Nature string

// Natures of cost.
const (
	Direct   Nature = "direct"
	Indirect Nature = "indirect"
)

// Valid reports whether n is Direct or Indirect.
func (n Nature) Valid() bool { return n == Direct || n == Indirect }

// String returns the nature's code.
func (n Nature) String() string { return string(n) }

// MarshalText encodes the nature: its code, or nothing when unset; an
// unknown value is refused.
func (n Nature) MarshalText() ([]byte, error) { return process.MarshalEnum(n) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves n unchanged.
func (n *Nature) UnmarshalText(b []byte) error { return process.UnmarshalEnum(n, b) }

// Behaviour says whether a cost is fixed or varies with use
// (ISO/IEC 20000-1:2011, 6.4). The zero Behaviour is unset.
type Behaviour string

// Behaviours of cost.
const (
	Fixed    Behaviour = "fixed"
	Variable Behaviour = "variable"
)

// Valid reports whether b is Fixed or Variable.
func (b Behaviour) Valid() bool { return b == Fixed || b == Variable }

// String returns the behaviour's code.
func (b Behaviour) String() string { return string(b) }

// MarshalText encodes the behaviour: its code, or nothing when unset; an
// unknown value is refused.
func (b Behaviour) MarshalText() ([]byte, error) { return process.MarshalEnum(b) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves b unchanged.
func (b *Behaviour) UnmarshalText(text []byte) error { return process.UnmarshalEnum(b, text) }

// Expense says whether a cost is a capital or an operating expense
// (ISO/IEC 20000-1:2011, 6.4). The zero Expense is unset.
type Expense string

// Kinds of expense.
const (
	Capital   Expense = "capital"
	Operating Expense = "operating"
)

// Valid reports whether e is Capital or Operating.
func (e Expense) Valid() bool { return e == Capital || e == Operating }

// String returns the expense's code.
func (e Expense) String() string { return string(e) }

// MarshalText encodes the expense: its code, or nothing when unset; an
// unknown value is refused.
func (e Expense) MarshalText() ([]byte, error) { return process.MarshalEnum(e) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves e unchanged.
func (e *Expense) UnmarshalText(b []byte) error { return process.UnmarshalEnum(e, b) }

// Period names an accounting period as the host keeps them: "2026-11",
// "2026-Q4", "FY2026". Budgets, costs, reports and charges are per period
// (ISO/IEC 20000-1:2011, 6.4); the package compares periods as text and
// orders them as text, so a host should use names that sort in time order.
// The zero Period is invalid.
type Period string

// Month returns the accounting period "YYYY-MM" that t falls in, in t's
// location (ISO/IEC 20000-1:2011, 6.4).
func Month(t time.Time) Period { return Period(t.Format("2006-01")) }

// String returns the period's name.
func (p Period) String() string { return string(p) }

// CostEntry is one cost incurred by the provider: an amount in a currency,
// when and in which period, what it is for, and where it comes from
// (ISO/IEC 20000-1:2011, 6.4). A direct cost names the Service it is
// allocated to; an indirect cost names the apportionment Rule that shares it
// out. The source references (CI, supplier contract, change) tie the cost to
// the records of other processes.
//
// CostEntry is a plain value rather than a full record with a history: a
// provider books a million of them a period, and the ledger that holds them
// is the host's. Amount is held to the limits on untrusted numbers
// (process.MaxDigits, process.MaxExponent): Validate, decoding and the
// package's arithmetic refuse more with process.ErrTooLarge.
type CostEntry struct {
	ID          process.ID      `json:"id"`
	Amount      decimal.Decimal `json:"amount"`
	Currency    Currency        `json:"currency"`
	Date        time.Time       `json:"date"`
	Period      Period          `json:"period"`
	Category    Category        `json:"category"`
	Nature      Nature          `json:"nature"`
	Behaviour   Behaviour       `json:"behaviour,omitempty"`
	Expense     Expense         `json:"expense,omitempty"`
	Service     process.ID      `json:"service,omitzero"`  // the service a direct cost is allocated to
	Rule        process.ID      `json:"rule,omitzero"`     // the rule an indirect cost is apportioned by
	CI          process.ID      `json:"ci,omitzero"`       // the configuration item it is for
	Contract    process.ID      `json:"contract,omitzero"` // the supplier contract it is paid under
	Change      process.ID      `json:"change,omitzero"`   // the change that caused it
	Description string          `json:"description,omitempty"`
}

// Money returns the entry's amount and currency.
func (e CostEntry) Money() Money { return Money{Amount: e.Amount, Currency: e.Currency} }

// Validate reports every field at fault as a *process.ValidationError:
// identity, money, date and period, category and nature, and the service or
// rule the nature calls for (ISO/IEC 20000-1:2011, 6.4).
func (e CostEntry) Validate() error {
	v := process.ValidationError{Package: pkg, Subject: process.Subject(process.KindCostEntry, e.ID)}
	e.validate(&v, "")
	return v.Err()
}

func (e CostEntry) validate(v *process.ValidationError, p string) {
	v.Require(p+"id", !e.ID.IsZero())
	e.Money().validate(v, p)
	v.Require(p+"date", !e.Date.IsZero())
	v.Require(p+"period", e.Period != "")
	process.CheckEnum(v, p+"category", e.Category)
	switch e.Nature {
	case Direct:
		v.Require(p+"service", !e.Service.IsZero())
		if !e.Rule.IsZero() {
			v.Addf(p+"rule", process.ErrInvalidValue, "a direct cost has no apportionment rule")
		}
	case Indirect:
		v.Require(p+"rule", !e.Rule.IsZero())
		if !e.Service.IsZero() {
			v.Addf(p+"service", process.ErrInvalidValue, "an indirect cost is apportioned by its rule, not allocated")
		}
	default:
		process.CheckEnum(v, p+"nature", e.Nature)
	}
	if e.Behaviour != "" {
		process.CheckEnum(v, p+"behaviour", e.Behaviour)
	}
	if e.Expense != "" {
		process.CheckEnum(v, p+"expense", e.Expense)
	}
}
