package main

import (
	"math"
	"time"

	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/process"
)

// capacityRun is what the capacity plan is written from.
type capacityRun struct {
	plan   *capacity.Plan
	charts []capacity.Chart
	opts   capacity.RenderOptions
}

// horizon is how far the capacity forecasts look ahead: four weeks.
const horizon = 24 * 7 * 4

// capacity records three resources with the quarter's hourly utilisation:
// the platform's CPU, following both customers' working days; the fleet
// database's storage, growing; and the service desk, measured in the
// tickets the quarter generated each hour. Each is forecast four weeks
// ahead and assessed against its threshold in the capacity plan.
func (p *provider) capacity() error {
	at := p.quarter.End.Add(-time.Hour)
	begin := p.quarter.Start
	hours := int(p.quarter.End.Sub(begin) / time.Hour)
	p.requirementsFromSLAs(begin.AddDate(0, 0, -20))
	berlin, newYork := p.quarter.Start.Location(), p.customers[1].zone
	load := func(t time.Time, loc *time.Location) float64 {
		l := t.In(loc)
		if l.Weekday() == time.Saturday || l.Weekday() == time.Sunday {
			return 0.2
		}
		return math.Max(0, math.Sin(math.Pi*float64(l.Hour()-6)/14))
	}
	tickets := make([]float64, hours)
	for _, k := range []process.RecordKind{process.KindIncident, process.KindServiceRequest} {
		for r, err := range p.store.Records(k) {
			if err != nil {
				return err
			}
			if i := int(r.Meta().Created.Sub(begin) / time.Hour); i >= 0 && i < hours {
				tickets[i]++
			}
		}
	}
	type resource struct {
		res     *capacity.Resource
		metric  string
		warn    float64
		crit    float64
		value   func(i int, t time.Time) float64
		upgrade string
		add     float64
		cost    string
	}
	mk := func(title string, t capacity.ResourceType, c float64, unit string, lead time.Duration) *capacity.Resource {
		r := named(p, capacity.NewResource(title, t, c, unit, capm, begin.AddDate(0, 0, -30)))
		r.LeadTime = lead
		if t == capacity.ResourceHuman {
			r.Team = "service desk"
		} else {
			r.CI = p.hosts[0].ID
		}
		return r
	}
	rs := []resource{
		{res: mk("Platform CPU", capacity.ResourceTechnical, 100, "%", 21*24*time.Hour), metric: "cpu-busy", warn: 75, crit: 90,
			value: func(i int, t time.Time) float64 {
				return 30 + 0.004*float64(i) + 22*load(t, berlin) + 14*load(t, newYork) + 2.5*p.rng.NormFloat64()
			}, upgrade: "four more hosts in Frankfurt", add: 16, cost: "64000.00"},
		{res: mk("Fleet database storage", capacity.ResourceInformation, 6000, "GiB", 30*24*time.Hour), metric: "storage-used", warn: 5000, crit: 5600,
			value: func(i int, t time.Time) float64 {
				return 3900 + 0.55*float64(i) + 6*load(t, berlin) + 3*p.rng.NormFloat64()
			}, upgrade: "a 2 TiB storage shelf", add: 2048, cost: "9800.00"},
		{res: mk("Service desk", capacity.ResourceHuman, 12, "tickets/hour", 60*24*time.Hour), metric: "tickets", warn: 9, crit: 11,
			value:   func(i int, _ time.Time) float64 { return tickets[i] },
			upgrade: "one more agent on the day shift", add: 3, cost: "14500.00"},
	}
	run := &capacityRun{plan: named(p, capacity.NewPlan("Capacity plan, third quarter 2026", p.quarter.End, p.quarter.End.AddDate(0, 3, 0), capm, at))}
	var items []capacity.Assessment
	for _, r := range rs {
		p.put(r.res)
		th := named(p, capacity.NewThreshold(r.res.Title, r.res.ID, r.metric, r.warn, r.crit, capm, begin))
		p.put(th)
		s := named(p, capacity.NewSeries(r.res.Title+" utilisation", r.res.ID, r.metric, r.res.Unit, capm, begin))
		points := make([]capacity.Point, hours)
		for i := range points {
			t := begin.Add(time.Duration(i) * time.Hour)
			points[i] = capacity.Point{At: t, Value: r.value(i, t)}
		}
		p.do(s.Add(capm, at, points...))
		p.put(s)
		reg, err := capacity.Regularise(s.Points, time.Hour, capacity.GapLinear, 3)
		if err != nil {
			return err
		}
		f, err := capacity.NewForecast(s, reg, horizon, nil, capm, at)
		if err != nil {
			return err
		}
		named(p, f)
		p.put(f)
		run.opts.Forecasts = append(run.opts.Forecasts, f)
		recent := capacity.Regular{Start: reg.At(len(reg.Values) - 24*14), Step: reg.Step, Values: reg.Values[len(reg.Values)-24*14:]}
		run.plan.Demand = append(run.plan.Demand, capacity.DemandOf(r.res, recent, f))
		run.plan.Thresholds = append(run.plan.Thresholds, th.ID)
		run.charts = append(run.charts, capacity.Chart{Title: r.res.Title, Unit: r.res.Unit, History: recent, Forecast: f, Threshold: th})
		items = append(items, capacity.Assessment{Resource: r.res, Forecast: f, Threshold: th, Upgrade: r.upgrade, Add: r.add,
			Cost: dec(r.cost), Currency: "EUR", Prudent: true})
	}
	recs, err := capacity.Recommend(items, p.quarter.End)
	if err != nil {
		return err
	}
	run.opts.Recommendations = recs
	for _, rec := range recs {
		u := rec.PlanUpgrade()
		u.Budget, u.BudgetKind = p.budgets[len(p.budgets)-1].ID, process.KindBudget
		run.plan.Upgrades = append(run.plan.Upgrades, u)
	}
	if len(run.plan.Upgrades) == 0 {
		run.plan.NoUpgrades = "every forecast stays under its warning limit over the horizon"
	}
	run.plan.Excluded = []capacity.Exclusion{{Type: capacity.ResourceFinancial, Reason: "spending is planned in the budgets of 6.4"}}
	run.plan.Considerations = []capacity.Consideration{
		{Area: capacity.AreaAvailability, Source: p.availability.ID, SourceKind: process.KindAvailabilityPlan, Description: "99.5 % needs N+1 hosts at each site"},
		{Area: capacity.AreaContinuity, Source: p.continuity.ID, SourceKind: process.KindContinuityPlan, Description: "Nuremberg must carry every service alone"},
		{Area: capacity.AreaServiceLevel, Source: p.customers[0].sla.ID, SourceKind: process.KindSLA, Description: "P1 resolution in four hours needs a second line on call"},
		{Area: capacity.AreaRegulatory, Description: "patient records kept ten years"},
		{Area: capacity.AreaChangedService, Source: p.services[0].rec.ID, SourceKind: process.KindService, Description: "automatic failover of fleet tracking doubles its database writes"},
		{Area: capacity.AreaTechnology, Description: "the next host generation gives 30 % more per core"},
	}
	run.plan.Procedures = []capacity.Procedure{{Method: capacity.MethodCombined, Description: "hourly series forecast four weeks ahead by the library's default combination"}}
	p.do(run.plan.Approve(capm, at, "approved"))
	p.put(run.plan)
	p.capacityRun = run
	return nil
}
