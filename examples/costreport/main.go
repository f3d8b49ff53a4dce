// Command costreport prints a service cost report for a small provider
// (ISO/IEC 20000-1:2011, 6.4): three services, a shared data centre
// apportioned by CI counts and a shared service desk apportioned by tickets,
// costs in two currencies converted at dated rates, budgets built from a
// base and the planned changes of the month, approval within limits, actual
// against budget and forecast, and the trace of where each service's cost
// came from.
package main

import (
	"errors"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/budgeting"
	"github.com/smskit/iso20000/process"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "costreport:", err)
		os.Exit(1)
	}
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func run() error {
	var (
		email   = process.MustParseID("00000000-0000-7000-8000-000000000001")
		web     = process.MustParseID("00000000-0000-7000-8000-000000000002")
		payroll = process.MustParseID("00000000-0000-7000-8000-000000000003")
		dc      = process.MustParseID("00000000-0000-7000-8000-000000000004")
		desk    = process.MustParseID("00000000-0000-7000-8000-000000000005")
		byCIs   = process.MustParseID("00000000-0000-7000-8000-0000000000a1")
		byTix   = process.MustParseID("00000000-0000-7000-8000-0000000000a2")
		byUsers = process.MustParseID("00000000-0000-7000-8000-0000000000a3")
		migrate = process.MustParseID("00000000-0000-7000-8000-0000000000c1")
	)
	const period = budgeting.Period("2026-11")
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	asOf := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

	a, err := budgeting.NewApportioner(budgeting.Model{
		Currency: budgeting.EUR,
		Services: []budgeting.Service{
			{ID: email, Name: "email"},
			{ID: web, Name: "web shop"},
			{ID: payroll, Name: "payroll"},
			{ID: dc, Name: "data centre", Shared: true, Rule: byCIs},
			{ID: desk, Name: "service desk", Shared: true, Rule: byTix},
		},
		Rules: []budgeting.Rule{
			{ID: byCIs, Name: "CI count", Basis: budgeting.BasisDriver, Driver: "ci-count", Shares: []budgeting.Share{
				{Service: email, Weight: d("40")}, {Service: web, Weight: d("95")}, {Service: payroll, Weight: d("15")}, {Service: desk, Weight: d("6")}}},
			{ID: byTix, Name: "tickets", Basis: budgeting.BasisDriver, Driver: "tickets", Shares: []budgeting.Share{
				{Service: email, Weight: d("310")}, {Service: web, Weight: d("122")}, {Service: payroll, Weight: d("57")}}},
			{ID: byUsers, Name: "users", Basis: budgeting.BasisDriver, Driver: "users", Shares: []budgeting.Share{
				{Service: email, Weight: d("1200")}, {Service: web, Weight: d("35")}, {Service: payroll, Weight: d("1200")}}},
		},
	})
	if err != nil {
		return err
	}

	n := byte(0)
	entry := func(amount string, cur budgeting.Currency, c budgeting.Category, nature budgeting.Nature, to process.ID, what string) budgeting.CostEntry {
		n++
		e := budgeting.CostEntry{ID: process.ID{6: 0x70, 8: 0x80, 15: n}, Amount: d(amount), Currency: cur, Date: start.AddDate(0, 0, int(n)),
			Period: period, Category: c, Nature: nature, Expense: budgeting.Operating, Description: what}
		if nature == budgeting.Direct {
			e.Service = to
		} else {
			e.Rule = to
		}
		return e
	}
	entries := []budgeting.CostEntry{
		entry("4200.00", budgeting.EUR, budgeting.CategoryLicences, budgeting.Direct, email, "mail suite licences"),
		entry("6100.00", budgeting.USD, budgeting.CategoryExternalServices, budgeting.Direct, web, "payment gateway"),
		entry("2150.00", budgeting.EUR, budgeting.CategoryExternalServices, budgeting.Direct, payroll, "payroll bureau"),
		entry("18000.00", budgeting.EUR, budgeting.CategoryFacilities, budgeting.Direct, dc, "power and cooling"),
		entry("9500.00", budgeting.EUR, budgeting.CategoryAssets, budgeting.Direct, dc, "server depreciation"),
		entry("14250.00", budgeting.EUR, budgeting.CategoryPersonnel, budgeting.Direct, desk, "desk staff"),
		entry("3000.00", budgeting.EUR, budgeting.CategoryOverheads, budgeting.Indirect, byUsers, "office and HR overheads"),
	}
	// The change's effort, costed from a rate card, lands on email.
	card := budgeting.RateCard{Currency: budgeting.EUR, Rates: []budgeting.LabourRate{
		{Role: "engineer", PerHour: budgeting.MustMoney("92.50", budgeting.EUR)}, {Role: "manager", PerHour: budgeting.MustMoney("120", budgeting.EUR)}}}
	effort, err := card.Cost(process.KindRequestForChange, migrate, []budgeting.Effort{{Role: "engineer", Hours: d("26.5")}, {Role: "manager", Hours: d("4")}})
	if err != nil {
		return err
	}
	entries = append(entries, effort.Entry(process.ID{6: 0x70, 8: 0x80, 15: 99}, email, period, asOf))

	// The web shop's gateway is billed in dollars: convert explicitly.
	rates, err := budgeting.NewRates(budgeting.Rate{From: budgeting.USD, To: budgeting.EUR, On: start, Rate: d("0.9184")})
	if err != nil {
		return err
	}
	entries, used, err := rates.ConvertEntries(entries, budgeting.EUR)
	if err != nil {
		return err
	}

	alloc, err := a.Apportion(entries)
	if err != nil {
		return err
	}

	// Budgets: a base per service plus the planned changes of the month.
	planner := process.Actor{ID: "pat"}
	approver := budgeting.Approver{Actor: process.Actor{ID: "mia", Roles: []process.Role{process.RoleFinanceManager}}, Limit: budgeting.MustMoney("25000", budgeting.EUR)}
	cfo := budgeting.Approver{Actor: process.Actor{ID: "bo", Roles: []process.Role{process.RoleTopManagement}}, Limit: budgeting.MustMoney("250000", budgeting.EUR)}
	changes := []budgeting.PlannedChange{{Change: migrate, Title: "mailbox migration", Service: email, Period: period,
		Category: budgeting.CategoryPersonnel, Estimate: budgeting.MustMoney("3000", budgeting.EUR)}}
	var budgets []*budgeting.Budget
	for _, p := range []struct {
		svc   process.ID
		name  string
		lines []budgeting.BudgetLine
	}{
		{email, "email", []budgeting.BudgetLine{{Category: budgeting.CategoryLicences, Amount: d("4200")}, {Category: budgeting.CategoryFacilities, Amount: d("5000")},
			{Category: budgeting.CategoryPersonnel, Amount: d("8000")}, {Category: budgeting.CategoryOverheads, Amount: d("1500")}, {Category: budgeting.CategoryAssets, Amount: d("2500")}}},
		{web, "web shop", []budgeting.BudgetLine{{Category: budgeting.CategoryExternalServices, Amount: d("5500")}, {Category: budgeting.CategoryFacilities, Amount: d("11000")},
			{Category: budgeting.CategoryPersonnel, Amount: d("3500")}, {Category: budgeting.CategoryAssets, Amount: d("5800")}}},
		{payroll, "payroll", []budgeting.BudgetLine{{Category: budgeting.CategoryExternalServices, Amount: d("2200")}, {Category: budgeting.CategoryFacilities, Amount: d("1800")},
			{Category: budgeting.CategoryPersonnel, Amount: d("1700")}, {Category: budgeting.CategoryOverheads, Amount: d("1500")}, {Category: budgeting.CategoryAssets, Amount: d("900")}}},
	} {
		b, err := budgeting.NewBudget(budgeting.BudgetPlan{Title: p.name + " " + string(period), Service: p.svc, Period: period,
			Currency: budgeting.EUR, Base: p.lines, Changes: changes}, planner, start)
		if err != nil {
			return err
		}
		if err := b.Approve(approver.Actor, start.Add(time.Hour), approver); errors.Is(err, budgeting.ErrOverLimit) {
			// Above the finance manager's limit: a higher approver joins.
			fmt.Printf("budget of %s (%s) is above %s's limit; the CFO approves\n", p.name, b.Total(), approver.Actor.ID)
			if err := b.Approve(approver.Actor, start.Add(time.Hour), approver, cfo); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		budgets = append(budgets, b)
	}

	rep, err := budgeting.NewCostReport(alloc, budgets, &budgeting.ReportOptions{Elapsed: 20, Length: 30, Threshold: d("5")})
	if err != nil {
		return err
	}

	fmt.Printf("\nService cost report, %s (as of %s, 20 of 30 days)\n\n", period, asOf.Format(time.DateOnly))
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "service\tbudget\tactual\tvariance\t%\tforecast\tflag\t")
	for t := range rep.Totals() {
		flag := ""
		if t.Overspend {
			flag = "OVERSPENT"
		} else if t.ForecastOverspend {
			flag = "forecast over"
		}
		pct := "n/a"
		if t.VariancePct.Valid {
			pct = t.VariancePct.Decimal.StringFixed(2)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", t.Name, t.Budget, t.Actual, t.Variance, pct, t.Forecast, flag)
	}
	if err := w.Flush(); err != nil {
		return err
	}

	fmt.Println("\nWhere each service's cost came from:")
	names := map[process.ID]string{email: "email", web: "web shop", payroll: "payroll", dc: "data centre", desk: "service desk"}
	w = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	for l := range alloc.Lines() {
		src := string(l.Source.Kind)
		if !l.Source.From.IsZero() {
			src += " from " + names[l.Source.From]
		}
		fmt.Fprintf(w, "  %s\t%s\t%s\t\n", names[l.Service], src, l.Amount)
	}
	if err := w.Flush(); err != nil {
		return err
	}

	fmt.Println("\nExchange rates used:")
	for _, r := range used {
		fmt.Printf("  1 %s = %s %s from %s\n", r.From, r.Rate, r.To, r.On.Format(time.DateOnly))
	}
	fmt.Printf("\nChange %s: %s of effort, budgeted %s\n", migrate, effort.Total, changes[0].Estimate)
	return nil
}
