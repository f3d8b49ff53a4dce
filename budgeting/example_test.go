package budgeting_test

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/budgeting"
	"github.com/smskit/iso20000/process"
)

func Example() {
	email := process.MustParseID("00000000-0000-7000-8000-000000000001")
	web := process.MustParseID("00000000-0000-7000-8000-000000000002")
	desk := process.MustParseID("00000000-0000-7000-8000-000000000003")
	byTickets := process.MustParseID("00000000-0000-7000-8000-0000000000a1")

	a, err := budgeting.NewApportioner(budgeting.Model{
		Currency: budgeting.EUR,
		Services: []budgeting.Service{
			{ID: email, Name: "email"},
			{ID: web, Name: "web"},
			{ID: desk, Name: "service desk", Shared: true, Rule: byTickets},
		},
		Rules: []budgeting.Rule{{ID: byTickets, Name: "tickets", Basis: budgeting.BasisDriver, Driver: "tickets",
			Shares: []budgeting.Share{{Service: email, Weight: decimal.NewFromInt(2)}, {Service: web, Weight: decimal.NewFromInt(1)}}}},
	})
	if err != nil {
		panic(err)
	}
	on := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	cost := func(n byte, amount string, c budgeting.Category, to process.ID) budgeting.CostEntry {
		return budgeting.CostEntry{ID: process.ID{15: n}, Amount: decimal.RequireFromString(amount), Currency: budgeting.EUR,
			Date: on, Period: "2026-11", Category: c, Nature: budgeting.Direct, Service: to}
	}
	alloc, err := a.Apportion([]budgeting.CostEntry{
		cost(1, "1200.00", budgeting.CategoryLicences, email),
		cost(2, "800.00", budgeting.CategoryLicences, web),
		cost(3, "1000.00", budgeting.CategoryPersonnel, desk), // 666.67 to email, 333.33 to web
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("email costs", alloc.Cost(email, "2026-11"))
	fmt.Println("web costs", alloc.Cost(web, "2026-11"))
	for l := range alloc.Lines() {
		if l.Service == email {
			fmt.Println("  email", l.Source.Kind, l.Amount)
		}
	}

	b, err := budgeting.NewBudget(budgeting.BudgetPlan{Title: "email 2026-11", Service: email, Period: "2026-11",
		Currency: budgeting.EUR, Base: []budgeting.BudgetLine{
			{Category: budgeting.CategoryLicences, Amount: decimal.RequireFromString("1200")},
			{Category: budgeting.CategoryPersonnel, Amount: decimal.RequireFromString("600")},
		}}, process.Actor{ID: "pat"}, on)
	if err != nil {
		panic(err)
	}
	lead := budgeting.Approver{Actor: process.Actor{ID: "mia"}, Limit: budgeting.MustMoney("1000", budgeting.EUR)}
	err = b.Approve(lead.Actor, on, lead)
	fmt.Println("over the limit:", errors.Is(err, budgeting.ErrOverLimit))
	cfo := budgeting.Approver{Actor: process.Actor{ID: "bo"}, Limit: budgeting.MustMoney("100000", budgeting.EUR)}
	fmt.Println("approved:", b.Approve(lead.Actor, on, lead, cfo) == nil, b.State())

	rep, err := budgeting.NewCostReport(alloc, []*budgeting.Budget{b}, &budgeting.ReportOptions{Threshold: decimal.NewFromInt(5)})
	if err != nil {
		panic(err)
	}
	if err := rep.WriteCSV(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// email costs 1866.67 EUR
	// web costs 1133.33 EUR
	//   email direct 1200.00 EUR
	//   email stepped-down 666.67 EUR
	// over the limit: true
	// approved: true approved
	// period,service,name,category,currency,budget,actual,forecast,variance,variance_pct,forecast_variance,overspend,forecast_overspend
	// 2026-11,00000000-0000-7000-8000-000000000001,email,licences,EUR,1200.00,1200.00,1200.00,0.00,0.00,0.00,false,false
	// 2026-11,00000000-0000-7000-8000-000000000001,email,personnel,EUR,600.00,666.67,666.67,66.67,11.11,66.67,true,true
	// 2026-11,00000000-0000-7000-8000-000000000002,web,licences,EUR,0.00,800.00,800.00,800.00,,800.00,true,true
	// 2026-11,00000000-0000-7000-8000-000000000002,web,personnel,EUR,0.00,333.33,333.33,333.33,,333.33,true,true
	// 2026-11,00000000-0000-7000-8000-000000000001,email,total,EUR,1800.00,1866.67,1866.67,66.67,3.70,66.67,false,false
	// 2026-11,00000000-0000-7000-8000-000000000002,web,total,EUR,0.00,1133.33,1133.33,1133.33,,1133.33,true,true
}

func ExampleApportioner_Split() {
	a, b, c := process.ID{15: 1}, process.ID{15: 2}, process.ID{15: 3}
	even := process.ID{15: 9}
	ap, err := budgeting.NewApportioner(budgeting.Model{Currency: budgeting.EUR,
		Services: []budgeting.Service{{ID: a}, {ID: b}, {ID: c}},
		Rules: []budgeting.Rule{{ID: even, Basis: budgeting.BasisEven,
			Shares: []budgeting.Share{{Service: c}, {Service: b}, {Service: a}}}}})
	if err != nil {
		panic(err)
	}
	portions, err := ap.Split(budgeting.MustMoney("100", budgeting.EUR), even)
	if err != nil {
		panic(err)
	}
	for _, p := range portions {
		fmt.Println(p.Amount)
	}
	// Output:
	// 33.34 EUR
	// 33.33 EUR
	// 33.33 EUR
}

func ExampleLedger() {
	svc, overheads := process.ID{15: 1}, process.ID{15: 9}
	a, err := budgeting.NewApportioner(budgeting.Model{Currency: budgeting.JPY,
		Services: []budgeting.Service{{ID: svc, Name: "hosting"}},
		Rules:    []budgeting.Rule{{ID: overheads, Basis: budgeting.BasisEven, Shares: []budgeting.Share{{Service: svc}}}}})
	if err != nil {
		panic(err)
	}
	l, err := budgeting.NewLedger(budgeting.JPY)
	if err != nil {
		panic(err)
	}
	on := time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)
	err = l.Add(
		budgeting.CostEntry{ID: process.ID{15: 1}, Amount: decimal.NewFromInt(120000), Currency: budgeting.JPY, Date: on,
			Period: "2026-11", Category: budgeting.CategoryFacilities, Nature: budgeting.Indirect, Rule: overheads},
		budgeting.CostEntry{ID: process.ID{15: 2}, Amount: decimal.RequireFromString("0.5"), Currency: budgeting.JPY, Date: on,
			Period: "2026-11", Category: budgeting.CategoryFacilities, Nature: budgeting.Direct, Service: svc},
	)
	fmt.Println("half a yen:", errors.Is(err, budgeting.ErrPrecision), "booked:", l.Len())
	err = l.Add(budgeting.CostEntry{ID: process.ID{15: 1}, Amount: decimal.NewFromInt(120000), Currency: budgeting.JPY, Date: on,
		Period: "2026-11", Category: budgeting.CategoryFacilities, Nature: budgeting.Indirect, Rule: overheads})
	fmt.Println("booked:", l.Len(), err)
	alloc, err := a.ApportionLedger(l)
	if err != nil {
		panic(err)
	}
	fmt.Println(alloc.Cost(svc, "2026-11"))
	// Output:
	// half a yen: true booked: 0
	// booked: 1 <nil>
	// 120000 JPY
}

func ExampleCostReport_MinorLines() {
	hosting, overheads := process.ID{15: 1}, process.ID{15: 9}
	a, err := budgeting.NewApportioner(budgeting.Model{Currency: budgeting.EUR,
		Services: []budgeting.Service{{ID: hosting, Name: "hosting"}},
		Rules:    []budgeting.Rule{{ID: overheads, Basis: budgeting.BasisEven, Shares: []budgeting.Share{{Service: hosting}}}}})
	if err != nil {
		panic(err)
	}
	on := time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)
	alloc, err := a.Apportion([]budgeting.CostEntry{{ID: process.ID{15: 1}, Amount: decimal.RequireFromString("1050.25"),
		Currency: budgeting.EUR, Date: on, Period: "2026-11", Category: budgeting.CategoryFacilities,
		Nature: budgeting.Indirect, Rule: overheads}})
	if err != nil {
		panic(err)
	}
	b, err := budgeting.NewBudget(budgeting.BudgetPlan{Title: "hosting 2026-11", Service: hosting, Period: "2026-11",
		Currency: budgeting.EUR, Base: []budgeting.BudgetLine{
			{Category: budgeting.CategoryFacilities, Amount: decimal.RequireFromString("1000")}}}, process.Actor{ID: "pat"}, on)
	if err != nil {
		panic(err)
	}
	rep, err := budgeting.NewCostReport(alloc, []*budgeting.Budget{b}, &budgeting.ReportOptions{Threshold: decimal.NewFromInt(5)})
	if err != nil {
		panic(err)
	}
	lines, err := rep.MinorLines()
	if err != nil { // budgeting.ErrOverflow: read rep.Lines instead, exact at any size
		panic(err)
	}
	for l := range lines {
		// Cents, and hundredths of a percent; money only for the line shown.
		fmt.Println(l.Name, l.Category, l.Actual, l.Variance, l.VariancePct, l.Overspend)
		if l.Overspend {
			f := l.Figures()
			fmt.Println("  over budget by", f.Variance, "of", f.Budget)
		}
	}
	// Output:
	// hosting facilities 105025 5025 503 true
	//   over budget by 50.25 EUR of 1000.00 EUR
}
