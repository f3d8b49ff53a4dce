package capacity

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// completePlan returns a plan with every content item of 6.5.
func completePlan(t *testing.T) *Plan {
	t.Helper()
	p := NewPlan("Capacity plan 2026", t0, t0.AddDate(1, 0, 0), actor, t0)
	for _, typ := range []ResourceType{ResourceHuman, ResourceTechnical, ResourceInformation} {
		p.Demand = append(p.Demand, Demand{Resource: process.NewID(), Title: string(typ), Type: typ, Capacity: 100, Unit: "u",
			Current: Stats{N: 10, Mean: 50, Max: 70}, Forecast: process.NewID(), ForecastPeak: 80, ForecastUpper: 90})
	}
	p.Excluded = []Exclusion{{Type: ResourceFinancial, Reason: "cloud spend is covered by the budget (6.4)"}}
	p.Considerations = []Consideration{
		{Area: AreaAvailability, Description: "99.9 % needs N+1 web servers"},
		{Area: AreaContinuity, Source: process.NewID(), SourceKind: process.KindContinuityPlan, Description: "warm standby doubles storage"},
		{Area: AreaServiceLevel, Description: "p95 response 300 ms caps CPU at 70 %"},
		{Area: AreaRegulatory, Description: "records kept 10 years: +2 TB a year"},
		{Area: AreaNewService, Description: "payments API from June"},
	}
	p.Thresholds = []process.ID{process.NewID()}
	p.Upgrades = []Upgrade{{Resource: p.Demand[1].Resource, Description: "two more web servers", Due: t0.AddDate(0, 6, 0),
		Add: 32, Cost: decimal.RequireFromString("12400.00"), Currency: "EUR", Budget: process.NewID(), BudgetKind: process.KindBudget}}
	p.Procedures = []Procedure{{Method: MethodHoltWintersAdditive, Description: "weekly season, fitted on two years, held-out week"}}
	require.NoError(t, p.Validate())
	return p
}

func TestPlanValidateNamesEveryMissingItem(t *testing.T) {
	p := NewPlan("empty", t0, t0.AddDate(1, 0, 0), actor, t0)
	err := p.Validate()
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, it := range Items() {
		assert.True(t, ve.Has(string(it), process.ErrRequired), "want %s missing in %v", it, err)
	}
	assert.Equal(t, Items(), p.Missing())
}

func TestPlanValidateEachItem(t *testing.T) {
	tests := []struct {
		item   Item
		remove func(p *Plan)
	}{
		{ItemHumanResources, func(p *Plan) { p.Demand = p.Demand[1:] }},
		{ItemFinancialResources, func(p *Plan) { p.Excluded = nil }},
		{ItemForecastDemand, func(p *Plan) {
			for i := range p.Demand {
				p.Demand[i].Forecast = process.ID{}
			}
		}},
		{ItemContinuityEffect, func(p *Plan) { p.Considerations = append(p.Considerations[:1], p.Considerations[2:]...) }},
		{ItemOrganisationalEffect, func(p *Plan) { p.Considerations = append(p.Considerations[:3], p.Considerations[4:]...) }},
		{ItemUpgrades, func(p *Plan) { p.Upgrades = nil }},
		{ItemThresholds, func(p *Plan) { p.Thresholds = nil }},
		{ItemProcedures, func(p *Plan) { p.Procedures = nil }},
	}
	for _, tt := range tests {
		t.Run(string(tt.item), func(t *testing.T) {
			p := completePlan(t)
			tt.remove(p)
			assert.Equal(t, []Item{tt.item}, p.Missing())
			var ve *process.ValidationError
			require.ErrorAs(t, p.Validate(), &ve)
			assert.True(t, ve.Has(string(tt.item), process.ErrRequired))
		})
	}
	p := completePlan(t)
	p.Upgrades = nil
	p.NoUpgrades = "forecast peaks stay under 60 % all year"
	assert.NoError(t, p.Validate(), "no upgrade, with the reason, is complete")
}

func TestPlanValidateFields(t *testing.T) {
	p := completePlan(t)
	p.Upgrades[0].Currency = "euro"
	p.Upgrades[0].Cost = decimal.RequireFromString("-1")
	p.Upgrades[0].Due = p.To.AddDate(0, 1, 0)
	p.Upgrades[0].BudgetKind = process.KindIncident
	p.Considerations[0].Area = "weather"
	p.Procedures[0].Method = "crystal-ball"
	p.Version = 3
	var ve *process.ValidationError
	require.ErrorAs(t, p.Validate(), &ve)
	for _, path := range []string{"upgrades[0].currency", "upgrades[0].cost", "upgrades[0].due", "upgrades[0].budgetKind",
		"considerations[0].area", "procedures[0].method", "version"} {
		assert.True(t, ve.Has(path, process.ErrInvalidValue), "want %s in %v", path, ve)
	}
}

func TestPlanApproveAndRevise(t *testing.T) {
	p := completePlan(t)
	err := p.Approve(processtest.Nobody, t0.Add(time.Hour), "")
	require.ErrorIs(t, err, process.ErrForbidden)
	assert.Equal(t, PlanDraft, p.State())

	incomplete := completePlan(t)
	incomplete.Procedures = nil
	err = incomplete.Approve(actor, t0.Add(time.Hour), "")
	require.ErrorIs(t, err, process.ErrPrecondition)
	var te *process.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, PlanDraft, incomplete.State())

	require.NoError(t, p.Approve(actor, t0.Add(time.Hour), "approved at the CAB"))
	assert.Equal(t, PlanApproved, p.State())

	rfc := process.NewID()
	at := t0.Add(48 * time.Hour)
	err = p.Revise(actor, at, "storage upgrade brought forward", rfc, func(q *Plan) error {
		q.Upgrades[0].Due = q.Upgrades[0].Due.AddDate(0, -2, 0)
		q.Title = "Capacity plan 2026 (rev)"
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 2, p.Version)
	assert.Equal(t, PlanDraft, p.State(), "a revised plan goes back for approval")
	assert.Equal(t, "Capacity plan 2026 (rev)", p.Title)
	require.Len(t, p.Revisions, 1)
	assert.Equal(t, Revision{Version: 2, At: at, By: "cathy", Note: "storage upgrade brought forward", Change: rfc, Changed: []string{"title", "upgrades"}}, p.Revisions[0])
	require.NoError(t, p.Validate())

	// Refusals change nothing.
	before, err := process.Copy(p)
	require.NoError(t, err)
	cases := []struct {
		name   string
		by     process.Actor
		at     time.Time
		note   string
		change func(*Plan) error
		want   error
	}{
		{"no actor", process.Actor{}, at, "x", func(*Plan) error { return nil }, process.ErrRequired},
		{"no note", actor, at, "", func(*Plan) error { return nil }, process.ErrRequired},
		{"time before history", actor, t0, "x", func(*Plan) error { return nil }, process.ErrInvalidValue},
		{"change fails", actor, at, "x", func(*Plan) error { return errors.New("boom") }, nil},
		{"result invalid", actor, at, "x", func(q *Plan) error { q.Procedures = nil; return nil }, process.ErrRequired},
		{"header touched", actor, at, "x", func(q *Plan) error { q.Version = 99; q.ID = process.NewID(); return nil }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := p.Revise(c.by, c.at, c.note, process.ID{}, c.change)
			if c.name == "header touched" {
				require.NoError(t, err)
				assert.Equal(t, before.ID, p.ID, "the change may not alter the header")
				assert.Equal(t, 3, p.Version, "version is the revision's, not the change's")
				return
			}
			require.Error(t, err)
			if c.want != nil {
				assert.ErrorIs(t, err, c.want)
			}
			assert.Equal(t, before, p, "a refused revision changes nothing")
		})
	}
	require.NoError(t, p.Retire(actor, at, "superseded"))
	err = p.Revise(actor, at, "x", process.ID{}, func(*Plan) error { return nil })
	assert.ErrorIs(t, err, process.ErrInvalidTransition)
}

func TestAreaAndItemCodes(t *testing.T) {
	var a Area
	require.NoError(t, a.UnmarshalText([]byte("continuity")))
	assert.Equal(t, ItemContinuityEffect, a.item())
	assert.ErrorIs(t, a.UnmarshalText([]byte("weather")), process.ErrInvalidValue)
	assert.Len(t, Items(), 14)
	assert.Equal(t, PlanDraft, (*Plan)(nil).Lifecycle().Initial())
	assert.Equal(t, process.KindCapacityPlan, (*Plan)(nil).Lifecycle().Kind())
	p := NewPlan("capacity plan 2026", t0, t0.AddDate(1, 0, 0), actor, t0)
	assert.Same(t, (*Plan)(nil).Lifecycle(), p.Lifecycle(), "the receiver is not read")
	for _, it := range Items() {
		assert.True(t, it.Valid(), it)
	}
	assert.False(t, Item("").Valid())
	assert.False(t, Item("resources").Valid())
}

func TestPlanInStore(t *testing.T) {
	st := process.NewMemStore()
	p := completePlan(t)
	require.NoError(t, st.Put(p))
	rfc := process.NewID()
	require.NoError(t, p.Revise(actor, t0.Add(time.Hour), "new threshold", rfc, func(q *Plan) error {
		q.Thresholds = append(q.Thresholds, process.NewID())
		return nil
	}))
	require.NoError(t, st.Put(p), "a revision extends the stored history")
	got, err := st.Get(p.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, got.(*Plan).Version)

	// A threshold raises incidents through the link Annex A allows (CAP → ISR).
	th := NewThreshold("cpu", process.NewID(), "cpu", 70, 90, actor, t0)
	require.NoError(t, th.Link(actor, t0.Add(time.Minute), process.LinkRaised, process.NewID(), process.KindIncident))
	require.NoError(t, th.Validate())
}
