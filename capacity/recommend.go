package capacity

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// Assessment is what [Recommend] weighs for one resource: the resource, the
// forecast of its utilisation, the threshold on it and the cost of the
// upgrade that would keep it clear (ISO/IEC 20000-1:2011, 6.5).
type Assessment struct {
	Resource  *Resource
	Forecast  *Forecast
	Threshold *Threshold
	// Upgrade describes the upgrade, adds Add to capacity and costs Cost in
	// Currency (an ISO 4217 code); Cost is held to the limits on untrusted
	// numbers (process.MaxDigits, process.MaxExponent).
	Upgrade  string
	Add      float64
	Cost     decimal.Decimal
	Currency string
	// Prudent uses the upper bound of the prediction interval, not the point
	// forecast, to find when the threshold is reached.
	Prudent bool
}

// Recommendation is a resource that needs an upgrade, by when, and at what
// cost (ISO/IEC 20000-1:2011, 6.5: timescales, thresholds and costs of
// upgrades; enough capacity is provided).
type Recommendation struct {
	Resource process.ID `json:"resource"`
	Title    string     `json:"title"`
	// Reaches is when the forecast reaches the threshold's limit of
	// Severity (critical when it reaches it, warning otherwise).
	Severity Severity  `json:"severity"`
	Reaches  time.Time `json:"reaches"`
	// OrderBy is when the upgrade must be ordered: Reaches less the
	// resource's lead time.
	OrderBy time.Time `json:"orderBy"`
	// Urgency is high when OrderBy is past, medium when it falls within 30
	// days of now, low otherwise.
	Urgency     process.Level   `json:"urgency"`
	Threshold   process.ID      `json:"threshold"`
	Upgrade     string          `json:"upgrade"`
	Add         float64         `json:"add"`
	Cost        decimal.Decimal `json:"cost"`
	Currency    string          `json:"currency"`
	Forecast    process.ID      `json:"forecast"`
	Exhaustion  Exhaustion      `json:"exhaustion"`
	HeadroomNow Headroom        `json:"headroomNow"`
}

// soon is how far ahead an order date counts as medium urgency.
const soon = 30 * 24 * time.Hour

// Recommend returns the resources whose forecast reaches their threshold,
// each with when to order the upgrade and its cost, most urgent first: by
// order date, then critical before warning, then resource ID. A resource
// whose forecast stays below the warning limit needs no upgrade and is left
// out. It refuses an assessment with no resource, forecast or threshold,
// a threshold on another resource ([process.ErrRequired],
// [process.ErrInvalidValue]), or a cost past the limits on untrusted
// numbers (process.MaxDigits, process.MaxExponent; process.ErrTooLarge).
// ISO/IEC 20000-1:2011, 6.5.
func Recommend(items []Assessment, now time.Time) ([]Recommendation, error) {
	var out []Recommendation
	for i, a := range items {
		if a.Resource == nil || a.Forecast == nil || a.Threshold == nil {
			return nil, fmt.Errorf("capacity: recommend: assessment %d: resource, forecast and threshold: %w", i, process.ErrRequired)
		}
		if a.Threshold.Resource != a.Resource.ID || a.Forecast.Resource != a.Resource.ID {
			return nil, fmt.Errorf("capacity: recommend: assessment %d: threshold and forecast must be of %s: %w", i, a.Resource.Subject(), process.ErrInvalidValue)
		}
		if err := process.CheckDecimal(a.Cost); err != nil {
			return nil, fmt.Errorf("capacity: recommend: assessment %d: cost: %w", i, err)
		}
		var e Exhaustion
		found := false
		for _, s := range []Severity{SeverityCritical, SeverityWarning} {
			var err error
			e, found, err = Exhaust(a.Forecast, a.Threshold, s, a.Prudent)
			if err != nil {
				return nil, fmt.Errorf("capacity: recommend: assessment %d: %w", i, err)
			}
			if found {
				break
			}
		}
		if !found {
			continue
		}
		r := Recommendation{
			Resource: a.Resource.ID, Title: a.Resource.Title, Severity: e.Severity, Reaches: e.At,
			OrderBy: e.At.Add(-a.Resource.LeadTime), Threshold: a.Threshold.ID, Upgrade: a.Upgrade,
			Add: a.Add, Cost: a.Cost, Currency: a.Currency, Forecast: a.Forecast.ID, Exhaustion: e,
		}
		if n := len(a.Forecast.Points); n > 0 {
			r.HeadroomNow = a.Resource.Headroom(a.Forecast.Points[0].Value)
		}
		switch {
		case !r.OrderBy.After(now):
			r.Urgency = process.LevelHigh
		case !r.OrderBy.After(now.Add(soon)):
			r.Urgency = process.LevelMedium
		default:
			r.Urgency = process.LevelLow
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b Recommendation) int {
		if c := a.OrderBy.Compare(b.OrderBy); c != 0 {
			return c
		}
		if c := cmp.Compare(severityRank(b.Severity), severityRank(a.Severity)); c != 0 {
			return c
		}
		return a.Resource.Compare(b.Resource)
	})
	return out, nil
}

// PlanUpgrade turns the recommendation into an upgrade of the capacity plan,
// due when the threshold is reached.
func (r Recommendation) PlanUpgrade() Upgrade {
	return Upgrade{
		Resource: r.Resource, Description: r.Upgrade, Due: r.Reaches, Threshold: r.Threshold,
		Add: r.Add, Cost: r.Cost, Currency: r.Currency,
	}
}
