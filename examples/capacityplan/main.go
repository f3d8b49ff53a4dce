// Command capacityplan writes a capacity plan (ISO/IEC 20000-1:2011, 6.5)
// as Markdown with one SVG chart per resource, the way a capacity manager
// pastes it into a review:
//
//	go run ./examples/capacityplan -out /tmp/plan
//
// It draws eight weeks of hourly utilisation for three resources (web
// CPU, database storage, service desk workload), forecasts four weeks
// ahead with the combination of the methods each series' held-out error
// ranks best, adds a new service from the third week ahead as a scenario,
// finds the upgrades needed by when and at what cost, and writes plan.md
// and the charts.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/process"
)

func main() {
	out := flag.String("out", "capacityplan-out", "directory to write plan.md and the charts into")
	flag.Parse()
	if err := run(*out); err != nil {
		log.Fatal(err)
	}
}

type resource struct {
	res     *capacity.Resource
	metric  string
	th      *capacity.Threshold
	gen     func(t int) float64
	upgrade string
	add     float64
	cost    string
}

func run(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cathy := process.Actor{ID: "cathy", Roles: []process.Role{process.RoleCapacityManager}}
	end := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC) // a Monday
	const hours = 24 * 7 * 8
	begin := end.Add(-hours * time.Hour)
	rng := rand.New(rand.NewPCG(6, 5))
	day := func(t int) float64 { return math.Sin(2 * math.Pi * float64((t+18)%24) / 24) }
	weekday := func(t int) float64 {
		if (t/24)%7 >= 5 {
			return 0.55
		}
		return 1
	}

	mk := func(title string, typ capacity.ResourceType, capa float64, unit string, lead time.Duration) *capacity.Resource {
		r := capacity.NewResource(title, typ, capa, unit, cathy, begin)
		if typ == capacity.ResourceHuman {
			r.Team = "service desk, first line"
		} else {
			r.CI = process.NewID()
		}
		r.LeadTime = lead
		return r
	}
	rs := []resource{
		{res: mk("web cluster CPU", capacity.ResourceTechnical, 100, "%", 14*24*time.Hour), metric: "cpu-busy",
			gen: func(t int) float64 {
				return (38 + 0.012*float64(t) + 22*day(t)*weekday(t)) + 2.5*rng.NormFloat64()
			}, upgrade: "two more web nodes", add: 40, cost: "18400.00"},
		{res: mk("customer database storage", capacity.ResourceInformation, 4000, "GiB", 30*24*time.Hour), metric: "storage-used",
			gen:     func(t int) float64 { return 2900 + 0.45*float64(t) + 4*day(t) + 3*rng.NormFloat64() },
			upgrade: "storage shelf, 2 TiB", add: 2048, cost: "9250.00"},
		{res: mk("service desk workload", capacity.ResourceHuman, 24, "tickets/hour", 60*24*time.Hour), metric: "tickets",
			gen: func(t int) float64 {
				return math.Max(0, 6+9*math.Max(0, day(t))*weekday(t)+1.5*rng.NormFloat64())
			}, upgrade: "one more agent on the day shift", add: 4, cost: "4100.00"},
	}
	rs[0].th = capacity.NewThreshold("web CPU", rs[0].res.ID, "cpu-busy", 75, 90, cathy, begin)
	rs[0].th.Bands = []capacity.TimeBand{{From: 0, To: 5 * 60, Warning: 85, Critical: 95}} // nightly batch may run hotter
	rs[1].th = capacity.NewThreshold("database storage", rs[1].res.ID, "storage-used", 3400, 3800, cathy, begin)
	rs[2].th = capacity.NewThreshold("service desk load", rs[2].res.ID, "tickets", 18, 22, cathy, begin)

	plan := capacity.NewPlan("Capacity plan, winter 2026/27", end, end.AddDate(0, 6, 0), cathy, end)
	payments := capacity.Scenario{Name: "payments API goes live", Kind: capacity.EffectNewService,
		Source: process.NewID(), SourceKind: process.KindService, From: end.Add(14 * 24 * time.Hour), Add: 6}
	var opts capacity.RenderOptions
	var items []capacity.Assessment
	for i, r := range rs {
		s := capacity.NewSeries(r.res.Title, r.res.ID, r.metric, r.res.Unit, cathy, begin)
		var points []capacity.Point
		for t := range hours {
			if i == 0 && t > 24*20 && t < 24*20+7 {
				continue // a monitoring outage: six hours with no data
			}
			jitter := time.Duration(rng.IntN(50)) * time.Minute
			points = append(points, capacity.Point{At: begin.Add(time.Duration(t)*time.Hour + jitter), Value: r.gen(t)})
		}
		// The eight weeks of measurements are loaded in one batch: one
		// history entry.
		if err := s.Add(cathy, end, points...); err != nil {
			return err
		}
		reg, err := capacity.Regularise(s.Points, time.Hour, capacity.GapLinear, 12)
		if err != nil {
			return err
		}
		f, err := capacity.NewForecast(s, reg, 24*7*4, nil, cathy, end)
		if err != nil {
			return err
		}
		if i == 0 {
			if err := f.Apply(cathy, end, payments); err != nil {
				return err
			}
		}
		opts.Forecasts = append(opts.Forecasts, f)
		recent := capacity.Regular{Start: reg.At(len(reg.Values) - 24*14), Step: reg.Step, Values: reg.Values[len(reg.Values)-24*14:]}
		plan.Demand = append(plan.Demand, capacity.DemandOf(r.res, recent, f))
		plan.Thresholds = append(plan.Thresholds, r.th.ID)
		items = append(items, capacity.Assessment{Resource: r.res, Forecast: f, Threshold: r.th, Upgrade: r.upgrade,
			Add: r.add, Cost: decimal.RequireFromString(r.cost), Currency: "EUR", Prudent: true})

		name := fmt.Sprintf("chart-%d.svg", i+1)
		file, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		chart := capacity.Chart{Title: r.res.Title, Unit: r.res.Unit, History: recent, Forecast: f, Threshold: r.th}
		if err := chart.WriteSVG(file); err != nil {
			file.Close()
			return err
		}
		if err := file.Close(); err != nil {
			return err
		}
		opts.Charts = append(opts.Charts, capacity.ChartRef{Title: r.res.Title, Path: name})
	}
	recs, err := capacity.Recommend(items, end)
	if err != nil {
		return err
	}
	opts.Recommendations = recs
	for _, rec := range recs {
		u := rec.PlanUpgrade()
		u.Budget, u.BudgetKind = process.NewID(), process.KindBudget // the budget line of 6.4 that carries it
		plan.Upgrades = append(plan.Upgrades, u)
	}
	if len(plan.Upgrades) == 0 {
		plan.NoUpgrades = "every forecast stays under its warning limit over the horizon"
	}
	plan.Excluded = []capacity.Exclusion{{Type: capacity.ResourceFinancial, Reason: "spending limits are planned in the budget (6.4); no metered financial resource"}}
	plan.Considerations = []capacity.Consideration{
		{Area: capacity.AreaAvailability, SourceKind: process.KindAvailabilityPlan, Source: process.NewID(), Description: "99.9 % for web shop: N+1 web nodes, so usable CPU is one node less than installed"},
		{Area: capacity.AreaContinuity, SourceKind: process.KindContinuityPlan, Source: process.NewID(), Description: "warm standby database: storage upgrades are bought twice"},
		{Area: capacity.AreaServiceLevel, SourceKind: process.KindSLA, Source: process.NewID(), Description: "p95 page time 800 ms holds while CPU stays under 75 %: the warning limit"},
		{Area: capacity.AreaRegulatory, Description: "payment records kept ten years: +600 GiB a year from the payments API"},
		{Area: capacity.AreaOrganisational, Description: "service desk moves to a follow-the-sun rota in March: hourly capacity per shift changes"},
		{Area: capacity.AreaNewService, Source: payments.Source, SourceKind: process.KindService, Description: "payments API from " + payments.From.Format("2 Jan") + ": +6 % web CPU (load test)"},
		{Area: capacity.AreaTechnology, Description: "next web node generation gives 30 % more per core; priced in the upgrade"},
	}
	plan.Procedures = []capacity.Procedure{
		{Method: capacity.MethodCombined, Description: "each hourly series forecast by the mean of the three candidates of least error on the held-out last week, weighted by the inverse of that error; the model line of each forecast names them"},
		{Method: capacity.MethodHoltWintersAdditive, Description: "daily or weekly season, smoothing fitted by least squares as R's HoltWinters does"},
		{Method: capacity.MethodHoltWintersMultiplicative, Description: "as above, for series whose swing grows with demand"},
		{Method: capacity.MethodDoubleSeasonal, Description: "daily and weekly seasons together"},
		{Method: capacity.MethodETS, Description: "exponential-smoothing state-space models, form chosen by AICc, daily season"},
		{Method: capacity.MethodLinear, Description: "straight-line trend for series without a season"},
	}
	if err := plan.Validate(); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "plan.md"))
	if err != nil {
		return err
	}
	if err := capacity.WriteMarkdown(f, plan, &opts); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Printf("wrote %s with %d charts; %d upgrade(s) recommended\n", filepath.Join(dir, "plan.md"), len(opts.Charts), len(recs))
	return nil
}
