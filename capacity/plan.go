package capacity

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// Item is a content item the capacity plan must hold (ISO/IEC 20000-1:2011,
// 6.5). [Plan.Validate] names each missing item by its code, as the path of
// a process.ErrRequired finding. The items are those the standard lists,
// a closed set ([Items]); the zero Item is unset.
type Item string

// The content items of a capacity plan, in the order of 6.5.
const (
	// The plan covers human, technical, information and financial
	// resources: one item per type.
	ItemHumanResources       Item = "resources.human"
	ItemTechnicalResources   Item = "resources.technical"
	ItemInformationResources Item = "resources.information"
	ItemFinancialResources   Item = "resources.financial"
	// Current and forecast demand.
	ItemCurrentDemand  Item = "current-demand"
	ItemForecastDemand Item = "forecast-demand"
	// The effect of the agreed availability, continuity and service-level
	// requirements.
	ItemAvailabilityEffect Item = "effects.availability"
	ItemContinuityEffect   Item = "effects.continuity"
	ItemServiceLevelEffect Item = "effects.service-level"
	// Timescales, thresholds and costs of upgrades.
	ItemThresholds Item = "thresholds"
	ItemUpgrades   Item = "upgrades"
	// The effect of statutory, regulatory, contractual or organisational
	// changes.
	ItemOrganisationalEffect Item = "effects.regulatory"
	// The effect of new or changed services and new technology.
	ItemServiceTechnologyEffect Item = "effects.services-technology"
	// Procedures for predictive analysis.
	ItemProcedures Item = "procedures"
)

// Items returns every content item of a capacity plan, in the order of
// ISO/IEC 20000-1:2011, 6.5.
func Items() []Item {
	return []Item{
		ItemHumanResources, ItemTechnicalResources, ItemInformationResources, ItemFinancialResources,
		ItemCurrentDemand, ItemForecastDemand,
		ItemAvailabilityEffect, ItemContinuityEffect, ItemServiceLevelEffect,
		ItemThresholds, ItemUpgrades,
		ItemOrganisationalEffect, ItemServiceTechnologyEffect,
		ItemProcedures,
	}
}

// Valid reports whether i is one of the content items of a capacity plan
// listed by [Items] (ISO/IEC 20000-1:2011, 6.5).
func (i Item) Valid() bool { return slices.Contains(Items(), i) }

// String returns the item's code (ISO/IEC 20000-1:2011, 6.5).
func (i Item) String() string { return string(i) }

// MarshalText encodes the item: its code, or nothing when unset; an
// unknown value is refused (ISO/IEC 20000-1:2011, 6.5).
func (i Item) MarshalText() ([]byte, error) { return process.MarshalEnum(i) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves i unchanged (ISO/IEC 20000-1:2011, 6.5).
func (i *Item) UnmarshalText(b []byte) error { return process.UnmarshalEnum(i, b) }

// Area is what a consideration of the plan is about: a requirement or a
// change whose effect on capacity the plan weighs (ISO/IEC 20000-1:2011,
// 6.5). The zero Area is unset.
type Area string

// The areas of considerations.
const (
	AreaAvailability   Area = "availability"   // agreed availability requirements (6.3)
	AreaContinuity     Area = "continuity"     // service continuity requirements (6.3)
	AreaServiceLevel   Area = "service-level"  // service-level requirements (6.1)
	AreaStatutory      Area = "statutory"      // statutory change (a law)
	AreaRegulatory     Area = "regulatory"     // regulatory change (a regulator's rule)
	AreaContractual    Area = "contractual"    // contractual change (a customer or supplier contract)
	AreaOrganisational Area = "organisational" // organisational change (a merger, a new site)
	AreaNewService     Area = "new-service"    // a new service (5)
	AreaChangedService Area = "changed-service"
	AreaTechnology     Area = "technology" // new technology
)

// Valid reports whether a is one of the areas above.
func (a Area) Valid() bool {
	switch a {
	case AreaAvailability, AreaContinuity, AreaServiceLevel, AreaStatutory, AreaRegulatory,
		AreaContractual, AreaOrganisational, AreaNewService, AreaChangedService, AreaTechnology:
		return true
	}
	return false
}

// String returns the area's code.
func (a Area) String() string { return string(a) }

// MarshalText encodes the area: its code, or nothing when unset; an
// unknown value is refused.
func (a Area) MarshalText() ([]byte, error) { return process.MarshalEnum(a) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves a unchanged.
func (a *Area) UnmarshalText(b []byte) error { return process.UnmarshalEnum(a, b) }

// item returns the plan item an area belongs to.
func (a Area) item() Item {
	switch a {
	case AreaAvailability:
		return ItemAvailabilityEffect
	case AreaContinuity:
		return ItemContinuityEffect
	case AreaServiceLevel:
		return ItemServiceLevelEffect
	case AreaStatutory, AreaRegulatory, AreaContractual, AreaOrganisational:
		return ItemOrganisationalEffect
	}
	return ItemServiceTechnologyEffect
}

// Consideration is a requirement or change the plan weighs and its effect
// on capacity, in words: "the continuity plan needs a warm standby: storage
// doubles", "no new services this year". Source is the record behind it (an
// availability plan, a continuity plan, an SLA, a request for change, a
// service), of kind SourceKind; optional (ISO/IEC 20000-1:2011, 6.5).
type Consideration struct {
	Area        Area               `json:"area"`
	Source      process.ID         `json:"source,omitzero"`
	SourceKind  process.RecordKind `json:"sourceKind,omitempty"`
	Description string             `json:"description"`
}

// Demand is the current and forecast demand on one resource, as the plan
// states it (ISO/IEC 20000-1:2011, 6.5).
type Demand struct {
	Resource process.ID `json:"resource"`
	// Title names the resource as the plan's reader knows it.
	Title    string       `json:"title"`
	Type     ResourceType `json:"type"`
	Metric   string       `json:"metric"`
	Unit     string       `json:"unit"`
	Capacity float64      `json:"capacity"`
	// Current is the utilisation over the recent period.
	Current Stats `json:"current"`
	// Forecast is the forecast record behind ForecastPeak and ForecastUpper:
	// the highest point forecast and upper interval bound over its horizon.
	Forecast      process.ID `json:"forecast,omitzero"`
	ForecastPeak  float64    `json:"forecastPeak"`
	ForecastUpper float64    `json:"forecastUpper"`
	// Until is the end of the forecast horizon.
	Until time.Time `json:"until,omitzero"`
}

// DemandOf states the demand on resource res, as the plan holds it
// (ISO/IEC 20000-1:2011, 6.5), from its recent utilisation r and its
// forecast f (nil when there is none).
func DemandOf(res *Resource, r Regular, f *Forecast) Demand {
	d := Demand{Resource: res.ID, Title: res.Title, Type: res.Type, Unit: res.Unit, Capacity: res.Capacity, Current: Summarise(r)}
	if f != nil && len(f.Points) > 0 {
		d.Forecast, d.Metric = f.ID, f.Metric
		d.ForecastPeak, d.ForecastUpper = f.Points[0].Value, f.Points[0].Upper
		for _, p := range f.Points {
			d.ForecastPeak = max(d.ForecastPeak, p.Value)
			d.ForecastUpper = max(d.ForecastUpper, p.Upper)
		}
		d.Until = f.Points[len(f.Points)-1].At.Add(f.Step)
	}
	return d
}

// Upgrade is a planned increase of a resource's capacity: when it must be in
// use, the threshold it keeps clear, what it adds and what it costs
// (ISO/IEC 20000-1:2011, 6.5: timescales, thresholds and costs of
// upgrades; Annex A, CAP → BA). The cost is money, in a currency; the
// budget or cost record of budgeting (6.4) that carries it is linked by ID
// and kind, and the request for change that carries it out by ID. Cost is
// held to the limits on untrusted numbers (process.MaxDigits,
// process.MaxExponent): Validate, decoding, [Recommend] and
// [WriteMarkdown] refuse more with process.ErrTooLarge.
type Upgrade struct {
	Resource    process.ID `json:"resource"`
	Description string     `json:"description"`
	// Due is when the added capacity must be in use.
	Due time.Time `json:"due"`
	// Threshold is the threshold the upgrade keeps the resource under.
	Threshold process.ID `json:"threshold,omitzero"`
	// Add is the capacity added, in the resource's unit.
	Add      float64         `json:"add"`
	Cost     decimal.Decimal `json:"cost"`
	Currency string          `json:"currency"`
	// Budget is the budgeting record that carries the cost (a budget or a
	// cost entry), of kind BudgetKind.
	Budget     process.ID         `json:"budget,omitzero"`
	BudgetKind process.RecordKind `json:"budgetKind,omitempty"`
	// Change is the request for change raised for the upgrade.
	Change process.ID `json:"change,omitzero"`
}

// Procedure is a procedure for predictive analysis the plan uses: a
// forecasting method and how it is applied (ISO/IEC 20000-1:2011, 6.5).
type Procedure struct {
	Method      Method `json:"method"`
	Description string `json:"description"`
}

// Exclusion says why the plan covers no resource of a type: a provider
// without information resources of note says so rather than leaving the
// item out (ISO/IEC 20000-1:2011, 6.5).
type Exclusion struct {
	Type   ResourceType `json:"type"`
	Reason string       `json:"reason"`
}

// Revision is one version of the plan: who revised it, when, why, under
// which request for change, and which parts changed.
// ISO/IEC 20000-1:2011, 6.5.
type Revision struct {
	Version int        `json:"version"`
	At      time.Time  `json:"at"`
	By      string     `json:"by"`
	Note    string     `json:"note"`
	Change  process.ID `json:"change,omitzero"`
	// Changed names the top-level fields that changed, sorted.
	Changed []string `json:"changed,omitempty"`
}

// PlanState is the lifecycle state of a capacity plan, kept under change
// control (ISO/IEC 20000-1:2011, 6.5). The zero PlanState is unset.
type PlanState string

// The states of a capacity plan.
const (
	PlanDraft    PlanState = "draft"    // being written or revised
	PlanApproved PlanState = "approved" // approved and in force
	PlanRetired  PlanState = "retired"  // replaced or withdrawn
)

// Valid reports whether s is one of the states above.
func (s PlanState) Valid() bool { return planLifecycle.Valid(s) }

// String returns the state's code.
func (s PlanState) String() string { return string(s) }

// MarshalText encodes the state: its code, or nothing when unset; an
// unknown value is refused.
func (s PlanState) MarshalText() ([]byte, error) { return process.MarshalEnum(s) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves s unchanged.
func (s *PlanState) UnmarshalText(b []byte) error { return process.UnmarshalEnum(s, b) }

// planLifecycle is the lifecycle of capacity plans; it is immutable.
var planLifecycle = process.MustLifecycle(process.KindCapacityPlan, PlanDraft,
	[]PlanState{PlanDraft, PlanApproved, PlanRetired}, []PlanState{PlanRetired},
	[]process.Move[PlanState]{
		{From: []PlanState{PlanDraft}, To: PlanApproved, Role: process.RoleCapacityManager},
		{From: []PlanState{PlanApproved}, To: PlanDraft},
		{From: []PlanState{PlanDraft, PlanApproved}, To: PlanRetired, Role: process.RoleCapacityManager},
	})

// Lifecycle returns the lifecycle of capacity plans: draft → approved (by
// a capacity manager, only when complete), approved → draft (when
// revised), draft or approved → retired (ISO/IEC 20000-1:2011, 6.5). The
// lifecycle is immutable and safe for concurrent use.
// The receiver is not read: a nil *Plan gives the same lifecycle.
func (*Plan) Lifecycle() *process.Lifecycle[PlanState] { return planLifecycle }

// Plan is the capacity plan, kept under change control: every content item
// of ISO/IEC 20000-1:2011, 6.5, and a version that each revision raises.
// Its kind is process.KindCapacityPlan; it raises requests for change for
// upgrades with process.LinkRaised (Annex A, CAP → CHG). Not safe for
// concurrent mutation.
type Plan struct {
	process.Header
	Version int `json:"version"`
	// From and To bound the period the plan covers.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Demand is the current and forecast demand per resource.
	Demand []Demand `json:"demand"`
	// Excluded lists resource types the plan has none of, with the reason.
	Excluded       []Exclusion     `json:"excluded,omitempty"`
	Considerations []Consideration `json:"considerations"`
	// Thresholds are the thresholds in force on the plan's resources.
	Thresholds []process.ID `json:"thresholds"`
	Upgrades   []Upgrade    `json:"upgrades"`
	// NoUpgrades says why the plan needs no upgrade in its period, when
	// Upgrades is empty.
	NoUpgrades string      `json:"noUpgrades,omitempty"`
	Procedures []Procedure `json:"procedures"`
	Revisions  []Revision  `json:"revisions,omitempty"`
}

// UnmarshalJSON decodes the plan, refusing a cost past the limits on
// untrusted numbers (process.MaxDigits, process.MaxExponent) with
// process.ErrTooLarge, naming its JSON path, before it is parsed.
func (p *Plan) UnmarshalJSON(data []byte) error {
	type plain Plan
	if err := process.UnmarshalJSON(data, (*plain)(p)); err != nil {
		return fmt.Errorf("capacity: decode %s: %w", process.KindCapacityPlan, err)
	}
	return nil
}

// checkCosts returns an error wrapping process.ErrTooLarge for the first
// upgrade whose cost is past the limits on untrusted numbers: such a cost
// would take minutes to print or add up.
func checkCosts(p *Plan) error {
	for i, u := range p.Upgrades {
		if err := process.CheckDecimal(u.Cost); err != nil {
			return fmt.Errorf("upgrades[%d].cost: %w", i, err)
		}
	}
	return nil
}

// NewPlan returns a new draft plan, version 1, for the period [from, to).
// ISO/IEC 20000-1:2011, 6.5.
func NewPlan(title string, from, to time.Time, by process.Actor, at time.Time) *Plan {
	p := &Plan{Header: process.NewHeader(process.KindCapacityPlan, title, by, at), Version: 1, From: from, To: to}
	planLifecycle.Start(&p.Header)
	return p
}

// State returns the plan's lifecycle state.
func (p *Plan) State() PlanState { return PlanState(p.Status) }

// Missing returns the content items of 6.5 the plan lacks, in the order of
// [Items].
func (p *Plan) Missing() []Item {
	var out []Item
	covered := map[ResourceType]bool{}
	for _, d := range p.Demand {
		covered[d.Type] = true
	}
	for _, e := range p.Excluded {
		if !blank(e.Reason) {
			covered[e.Type] = true
		}
	}
	areas := map[Item]bool{}
	for _, c := range p.Considerations {
		if c.Area.Valid() && !blank(c.Description) {
			areas[c.Area.item()] = true
		}
	}
	hasForecast := slices.ContainsFunc(p.Demand, func(d Demand) bool { return !d.Forecast.IsZero() })
	for _, it := range Items() {
		ok := true
		switch it {
		case ItemHumanResources:
			ok = covered[ResourceHuman]
		case ItemTechnicalResources:
			ok = covered[ResourceTechnical]
		case ItemInformationResources:
			ok = covered[ResourceInformation]
		case ItemFinancialResources:
			ok = covered[ResourceFinancial]
		case ItemCurrentDemand:
			ok = slices.ContainsFunc(p.Demand, func(d Demand) bool { return d.Current.N > 0 })
		case ItemForecastDemand:
			ok = hasForecast
		case ItemThresholds:
			ok = len(p.Thresholds) > 0
		case ItemUpgrades:
			ok = len(p.Upgrades) > 0 || !blank(p.NoUpgrades)
		case ItemProcedures:
			ok = len(p.Procedures) > 0
		default:
			ok = areas[it]
		}
		if !ok {
			out = append(out, it)
		}
	}
	return out
}

// Validate reports every field at fault and names every missing content
// item of 6.5 (process.ErrRequired at the item's code, such as
// "effects.continuity"): the header and state, the version, the period,
// demand entries, considerations, upgrades (a resource, a due date inside
// or before the period, a cost not negative and within the limits on
// untrusted numbers (process.ErrTooLarge) in a three-letter ISO 4217
// currency code, a budget link with its kind), procedures and revisions.
func (p *Plan) Validate() error {
	v := process.ValidationError{Subject: p.Subject()}
	process.ValidateHeader(&p.Header, process.KindCapacityPlan, &v)
	planLifecycle.ValidateState(&p.Header, &v)
	if p.Version < 1 {
		v.Addf("version", process.ErrInvalidValue, "%d, want 1 or more", p.Version)
	}
	v.Require("from", !p.From.IsZero())
	v.Require("to", !p.To.IsZero())
	if !p.From.IsZero() && !p.To.IsZero() && !p.To.After(p.From) {
		v.Addf("to", process.ErrInvalidValue, "not after from")
	}
	for i, d := range p.Demand {
		path := fmt.Sprintf("demand[%d].", i)
		v.Require(path+"resource", !d.Resource.IsZero())
		process.CheckEnum(&v, path+"type", d.Type)
		for _, x := range []float64{d.Capacity, d.ForecastPeak, d.ForecastUpper, d.Current.Min, d.Current.Max, d.Current.Mean} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				v.Add(path+"values", ErrNotFinite)
				break
			}
		}
	}
	for i, e := range p.Excluded {
		path := fmt.Sprintf("excluded[%d].", i)
		process.CheckEnum(&v, path+"type", e.Type)
		v.RequireText(path+"reason", e.Reason)
	}
	for i, c := range p.Considerations {
		path := fmt.Sprintf("considerations[%d].", i)
		process.CheckEnum(&v, path+"area", c.Area)
		v.RequireText(path+"description", c.Description)
		if !c.Source.IsZero() && !c.SourceKind.Valid() && !c.SourceKind.Custom() {
			v.Addf(path+"sourceKind", process.ErrInvalidValue, "%q", c.SourceKind)
		}
	}
	for i, t := range p.Thresholds {
		v.Require(fmt.Sprintf("thresholds[%d]", i), !t.IsZero())
	}
	for i, u := range p.Upgrades {
		path := fmt.Sprintf("upgrades[%d].", i)
		v.Require(path+"resource", !u.Resource.IsZero())
		v.RequireText(path+"description", u.Description)
		v.Require(path+"due", !u.Due.IsZero())
		if !u.Due.IsZero() && !p.To.IsZero() && u.Due.After(p.To) {
			v.Addf(path+"due", process.ErrInvalidValue, "after the plan's period")
		}
		if v.Decimal(path+"cost", u.Cost) && u.Cost.IsNegative() {
			v.Addf(path+"cost", process.ErrInvalidValue, "negative")
		}
		if !validCurrency(u.Currency) {
			v.Addf(path+"currency", process.ErrInvalidValue, "%q, want an ISO 4217 code such as EUR", u.Currency)
		}
		if math.IsNaN(u.Add) || math.IsInf(u.Add, 0) {
			v.Add(path+"add", ErrNotFinite)
		}
		if !u.Budget.IsZero() && u.BudgetKind != process.KindBudget && u.BudgetKind != process.KindCostEntry {
			v.Addf(path+"budgetKind", process.ErrInvalidValue, "%q, want %s or %s", u.BudgetKind, process.KindBudget, process.KindCostEntry)
		}
	}
	for i, pr := range p.Procedures {
		path := fmt.Sprintf("procedures[%d].", i)
		process.CheckEnum(&v, path+"method", pr.Method)
		v.RequireText(path+"description", pr.Description)
	}
	for i, r := range p.Revisions {
		path := fmt.Sprintf("revisions[%d].", i)
		if r.Version != i+2 {
			v.Addf(path+"version", process.ErrInvalidValue, "%d, want %d", r.Version, i+2)
		}
		v.Require(path+"at", !r.At.IsZero())
		v.RequireText(path+"by", r.By)
		v.RequireText(path+"note", r.Note)
	}
	if n := len(p.Revisions); p.Version >= 1 && p.Version != n+1 {
		v.Addf("version", process.ErrInvalidValue, "%d with %d revisions, want %d", p.Version, n, n+1)
	}
	for _, it := range p.Missing() {
		v.Add(string(it), process.ErrRequired)
	}
	return v.Err()
}

// blank reports whether s holds nothing but space: a blank reason or
// description is as missing as an empty one, as for
// process.ValidationError.RequireText. Validation of a text field uses
// RequireText; blank serves where no single field is required: the
// coverage that [Plan.Missing] reports, the note [Plan.Revise] is given,
// and the rule that a [Resource] has a configuration item or a team.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// validCurrency reports whether c looks like an ISO 4217 code: three
// upper-case letters.
func validCurrency(c string) bool {
	if len(c) != 3 {
		return false
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// Approve moves a draft plan to approved, by a capacity manager; it refuses
// (a *process.TransitionError wrapping process.ErrPrecondition, the plan
// unchanged) a plan that does not validate (ISO/IEC 20000-1:2011, 6.5).
func (p *Plan) Approve(by process.Actor, at time.Time, note string) error {
	return planLifecycle.Apply(by, at, &p.Header, PlanApproved, note, func() error {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("%w: %w", process.ErrPrecondition, err)
		}
		return nil
	})
}

// Retire moves the plan to retired, by a capacity manager at at, with note
// for the history (ISO/IEC 20000-1:2011, 6.5). A refusal is a
// *process.TransitionError and leaves the plan unchanged.
func (p *Plan) Retire(by process.Actor, at time.Time, note string) error {
	return planLifecycle.Apply(by, at, &p.Header, PlanRetired, note, nil)
}

// Revise makes a new version of the plan: it applies change to a copy,
// checks the copy validates, and only then takes it, raising the version,
// recording a [Revision] (with the request for change that authorised it,
// zero for none, and the fields that changed) and, for an approved plan,
// moving it back to draft for approval. It refuses, changing nothing: a
// retired plan ([process.ErrInvalidTransition]), a missing actor, time or
// note ([process.ErrRequired]), a time before the plan's last history entry
// ([process.ErrInvalidValue]), a cost past the limits on untrusted numbers
// before or after the change (process.ErrTooLarge), an error from change,
// and a revised plan that does not validate. change may not alter the header but the title.
// ISO/IEC 20000-1:2011, 6.5.
func (p *Plan) Revise(by process.Actor, at time.Time, note string, rfc process.ID, change func(*Plan) error) error {
	fail := func(err error) error { return fmt.Errorf("capacity: %s: revise: %w", p.Subject(), err) }
	if p.State() == PlanRetired {
		return fail(process.ErrInvalidTransition)
	}
	if err := p.CheckEvent(by, at); err != nil {
		return err
	}
	switch {
	case blank(note):
		return fail(fmt.Errorf("note: %w", process.ErrRequired))
	case change == nil:
		return fail(fmt.Errorf("change: %w", process.ErrRequired))
	}
	if err := checkCosts(p); err != nil {
		return fail(err)
	}
	cp, err := process.Copy(p)
	if err != nil {
		return fail(err)
	}
	if err := change(cp); err != nil {
		return fail(err)
	}
	if err := checkCosts(cp); err != nil {
		return fail(err)
	}
	title, changed := cp.Title, changedFields(p, cp)
	hcp, err := process.Copy(p)
	if err != nil {
		return fail(err)
	}
	cp.Header = hcp.Header
	cp.Version = p.Version + 1
	cp.Revisions = append(slices.Clone(p.Revisions), Revision{
		Version: cp.Version, At: at, By: by.ID, Note: note, Change: rfc, Changed: changed,
	})
	if title != p.Title {
		if err := process.Set(cp, "title", &cp.Title, title, rfc, "", by, at); err != nil {
			return fail(err)
		}
	}
	if cp.State() == PlanApproved {
		if err := planLifecycle.Apply(by, at, &cp.Header, PlanDraft, fmt.Sprintf("version %d: %s", cp.Version, note), nil); err != nil {
			return fail(err)
		}
	} else if err := cp.Note(by, at, fmt.Sprintf("version %d: %s", cp.Version, note)); err != nil {
		return fail(err)
	}
	if err := cp.Validate(); err != nil {
		return fail(err)
	}
	*p = *cp
	return nil
}

// changedFields names the top-level JSON fields that differ between a and
// b, but the header's and the versioning's own, sorted.
func changedFields(a, b *Plan) []string {
	fields := func(p *Plan) map[string]json.RawMessage {
		m := map[string]json.RawMessage{}
		data, err := json.Marshal(p)
		if err == nil {
			err = json.Unmarshal(data, &m)
		}
		if err != nil {
			return nil
		}
		return m
	}
	fa, fb := fields(a), fields(b)
	skip := []string{"id", "kind", "status", "created", "updated", "links", "history", "version", "revisions"}
	var out []string
	for _, k := range slices.Sorted(maps.Keys(fb)) {
		if !slices.Contains(skip, k) && string(fa[k]) != string(fb[k]) {
			out = append(out, k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(fa)) {
		if _, ok := fb[k]; !ok && !slices.Contains(skip, k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
