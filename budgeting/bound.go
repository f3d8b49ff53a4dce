package budgeting

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
)

// Scope returns what the approval of the budget covers: its service,
// period, currency, lines and variations. It is bound once the budget is
// approved: it changes then only through [Budget.Vary], whose approval
// records the new content's digest, and [process.Check] refuses a budget
// whose lines were written after approval (ISO/IEC 20000-1:2011, 6.4).
func (b *Budget) Scope() (content []byte, bound bool) {
	content, err := json.Marshal(struct {
		Service    process.ID   `json:"service"`
		Period     Period       `json:"period"`
		Currency   Currency     `json:"currency"`
		Lines      []BudgetLine `json:"lines"`
		Variations []Variation  `json:"variations"`
	}{b.Service, b.Period, b.Currency, b.Lines, variationsInUTC(b.Variations)})
	if err != nil {
		content = fmt.Appendf(nil, "%v", *b) // a budget that does not encode (an unknown category) still binds, by its printed values
	}
	st := b.State()
	return content, st == BudgetApproved || st == BudgetClosed
}

// variationsInUTC returns vs with their times in UTC, so that the digest
// of an approval does not change when a store hands the same instants back
// in another location.
func variationsInUTC(vs []Variation) []Variation {
	out := make([]Variation, len(vs))
	for i, v := range vs {
		v.At = v.At.UTC()
		out[i] = v
	}
	return out
}

// bindLast records the digest of the budget's content on its last history
// entry, the approval just recorded.
func (b *Budget) bindLast() {
	content, _ := b.Scope()
	b.History[len(b.History)-1].Scope = process.ScopeDigest(content)
}

// Guard refuses, for [process.Set], a write to the requester, who created
// the budget and may not approve it, and to the bound content of an
// approved budget (ISO/IEC 20000-1:2011, 6.4).
func (b *Budget) Guard(by process.Actor, at time.Time, dst any) error {
	switch dst {
	case &b.Requester:
		return fmt.Errorf("the requester is who created the budget: %w", process.ErrProtected)
	case &b.Service, &b.Period, &b.Currency:
		if _, bound := b.Scope(); bound {
			return fmt.Errorf("the budget is %s: it changes through variations: %w", b.Status, process.ErrProtected)
		}
	}
	return nil
}
