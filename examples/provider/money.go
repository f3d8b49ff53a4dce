package main

import (
	"fmt"
	"math"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/budgeting"
	"github.com/smskit/iso20000/process"
)

// quarterPeriod is the accounting period of the quarter.
const quarterPeriod = budgeting.Period("2026-Q2")

// setBudgets records the quarter's budget of every service, approved by
// finance (the platform's above the finance manager's limit, so the
// board approves it too).
func (p *provider) setBudgets() error {
	at := p.day(time.March, 16)
	finance := budgeting.Approver{Actor: finm, Limit: budgeting.MustMoney("100000", budgeting.EUR)}
	board := budgeting.Approver{Actor: top, Limit: budgeting.MustMoney("1000000", budgeting.EUR)}
	line := func(c budgeting.Category, amount string) budgeting.BudgetLine {
		return budgeting.BudgetLine{Category: c, Amount: dec(amount)}
	}
	plans := []struct {
		svc   *process.Service
		lines []budgeting.BudgetLine
	}{
		{p.services[0].rec, []budgeting.BudgetLine{line(budgeting.CategoryPersonnel, "42000"), line(budgeting.CategoryLicences, "9000"), line(budgeting.CategoryFacilities, "21000")}},
		{p.services[1].rec, []budgeting.BudgetLine{line(budgeting.CategoryPersonnel, "36000"), line(budgeting.CategoryLicences, "12000"), line(budgeting.CategoryFacilities, "18000")}},
		{p.services[2].rec, []budgeting.BudgetLine{line(budgeting.CategoryPersonnel, "39000"), line(budgeting.CategoryExternalServices, "7500"), line(budgeting.CategoryFacilities, "19000")}},
		{p.services[3].rec, []budgeting.BudgetLine{line(budgeting.CategoryPersonnel, "18000"), line(budgeting.CategoryLicences, "15500"), line(budgeting.CategoryFacilities, "12000")}},
		{p.platform, []budgeting.BudgetLine{line(budgeting.CategoryExternalServices, "96000"), line(budgeting.CategoryAssets, "30000"), line(budgeting.CategoryPersonnel, "27000")}},
	}
	for _, pl := range plans {
		b, err := budgeting.NewBudget(budgeting.BudgetPlan{Title: pl.svc.Title + " " + string(quarterPeriod), Service: pl.svc.ID, Period: quarterPeriod,
			Currency: budgeting.EUR, Base: pl.lines}, slm, at)
		if err != nil {
			return err
		}
		named(p, b)
		p.do(b.Approve(finm, at.Add(time.Hour), finance, board))
		p.put(b)
		p.budgets = append(p.budgets, b)
	}
	return nil
}

// bookCosts books the quarter's cost entries, month by month: each service's
// direct costs, the platform's costs apportioned by the services' CIs,
// and the service desk's by their tickets (counted from the generated
// records).
func (p *provider) bookCosts() error {
	byCIs, byTickets := p.newID(p.quarter.Start), p.newID(p.quarter.Start)
	cis, tickets := map[process.ID]int{}, map[process.ID]int{}
	for _, c := range p.cis {
		for _, s := range c.Services {
			cis[s]++
		}
	}
	for _, k := range []process.RecordKind{process.KindIncident, process.KindServiceRequest} {
		for r, err := range p.store.Records(k) {
			if err != nil {
				return err
			}
			for _, l := range r.Meta().Links {
				if l.Type == process.LinkService {
					tickets[l.To]++
				}
			}
		}
	}
	model := budgeting.Model{Currency: budgeting.EUR}
	shares := func(m map[process.ID]int) []budgeting.Share {
		var out []budgeting.Share
		for _, s := range p.services {
			out = append(out, budgeting.Share{Service: s.rec.ID, Weight: decimal.NewFromInt(int64(m[s.rec.ID]))})
		}
		return out
	}
	for _, s := range p.services {
		model.Services = append(model.Services, budgeting.Service{ID: s.rec.ID, Name: s.rec.Title})
	}
	model.Services = append(model.Services, budgeting.Service{ID: p.platform.ID, Name: p.platform.Title, Shared: true, Rule: byCIs})
	model.Rules = []budgeting.Rule{
		{ID: byCIs, Name: "configuration items", Basis: budgeting.BasisDriver, Driver: "ci-count", Shares: shares(cis)},
		{ID: byTickets, Name: "tickets", Basis: budgeting.BasisDriver, Driver: "tickets", Shares: shares(tickets)},
	}
	a, err := budgeting.NewApportioner(model)
	if err != nil {
		return err
	}
	p.apportion = a
	n := 0
	entry := func(m time.Month, amount float64, c budgeting.Category, svc, rule process.ID, what string) {
		n++
		e := budgeting.CostEntry{ID: p.newID(p.quarter.Start), Amount: decimal.New(int64(math.Round(amount*100)), -2), Currency: budgeting.EUR,
			Date: time.Date(2026, m, 28, 12, 0, 0, 0, p.quarter.Start.Location()), Period: quarterPeriod, Category: c,
			Expense: budgeting.Operating, Description: fmt.Sprintf("%s, %s", what, m)}
		if rule.IsZero() {
			e.Nature, e.Service = budgeting.Direct, svc
		} else {
			e.Nature, e.Rule = budgeting.Indirect, rule
		}
		p.costs = append(p.costs, e)
	}
	for m := time.April; m <= time.June; m++ {
		for i, s := range p.services {
			base := []float64{14000, 12000, 13000, 6000}[i]
			entry(m, base*(0.95+0.12*p.rng.Float64()), budgeting.CategoryPersonnel, s.rec.ID, process.ID{}, s.rec.Title+" team")
			entry(m, []float64{3000, 4000, 2500, 5200}[i]*(0.98+0.05*p.rng.Float64()), []budgeting.Category{budgeting.CategoryLicences, budgeting.CategoryLicences,
				budgeting.CategoryExternalServices, budgeting.CategoryLicences}[i], s.rec.ID, process.ID{}, s.rec.Title+" licences and services")
		}
		entry(m, 32000, budgeting.CategoryExternalServices, p.platform.ID, process.ID{}, "Rheinhost racks and power")
		entry(m, 10000*(1+0.2*p.rng.Float64()), budgeting.CategoryAssets, p.platform.ID, process.ID{}, "host and storage depreciation")
		entry(m, 9000+600*p.rng.Float64(), budgeting.CategoryPersonnel, p.platform.ID, process.ID{}, "platform team")
		entry(m, 21000+2000*p.rng.Float64(), budgeting.CategoryFacilities, process.ID{}, byTickets, "service desk")
	}
	return nil
}

// costReport is the quarter's budget-against-actual report.
func (p *provider) costReport() (*budgeting.CostReport, error) {
	alloc, err := p.apportion.Apportion(p.costs)
	if err != nil {
		return nil, err
	}
	return budgeting.NewCostReport(alloc, p.budgets, &budgeting.ReportOptions{Threshold: dec("5")})
}

// costsAndCapacity books the costs and records the capacity resources,
// their utilisation, forecasts and the plan.
func (p *provider) costsAndCapacity() {
	p.do(p.bookCosts())
	p.do(p.capacity())
}
