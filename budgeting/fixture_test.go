package budgeting

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// The worked example: a provider with three services (email, web, payroll),
// a shared data centre apportioned by CI counts and a shared service desk
// apportioned by tickets; the data centre also serves the desk, so its cost
// steps down through the desk.
//
// Records (budgets, their approvals and variations) are made at the shared
// fixture times of processtest (processtest.T0, processtest.At) by its
// actors. The costs they account for fall in period "2026-11": day is a day
// of that period, kept here rather than derived from processtest.T0 because
// the periods, dates and dated exchange rates of these tests are all of
// November 2026.
var (
	svcEmail   = process.MustParseID("00000000-0000-7000-8000-000000000001")
	svcWeb     = process.MustParseID("00000000-0000-7000-8000-000000000002")
	svcPayroll = process.MustParseID("00000000-0000-7000-8000-000000000003")
	svcDC      = process.MustParseID("00000000-0000-7000-8000-000000000004")
	svcDesk    = process.MustParseID("00000000-0000-7000-8000-000000000005")
	ruleCIs    = process.MustParseID("00000000-0000-7000-8000-0000000000a1")
	ruleTicket = process.MustParseID("00000000-0000-7000-8000-0000000000a2")
	ruleEven   = process.MustParseID("00000000-0000-7000-8000-0000000000a3")
	day        = time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC) // a day of period "2026-11"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func workedModel() Model {
	return Model{
		Currency: EUR,
		Services: []Service{
			{ID: svcDesk, Name: "service desk", Shared: true, Rule: ruleTicket},
			{ID: svcWeb, Name: "web"},
			{ID: svcEmail, Name: "email"},
			{ID: svcPayroll, Name: "payroll"},
			{ID: svcDC, Name: "data centre", Shared: true, Rule: ruleCIs},
		},
		Rules: []Rule{
			{ID: ruleCIs, Name: "CI count", Basis: BasisDriver, Driver: "ci-count", Shares: []Share{
				{svcEmail, d("10")}, {svcWeb, d("25")}, {svcPayroll, d("5")}, {svcDesk, d("2")}}},
			{ID: ruleTicket, Name: "tickets", Basis: BasisDriver, Driver: "tickets", Shares: []Share{
				{svcEmail, d("120")}, {svcWeb, d("45")}, {svcPayroll, d("35")}}},
			{ID: ruleEven, Name: "overheads", Basis: BasisEven, Shares: []Share{
				{Service: svcPayroll}, {Service: svcWeb}, {Service: svcEmail}}},
		},
	}
}

func entry(n int, amount string, c Category, nature Nature, to process.ID) CostEntry {
	e := CostEntry{ID: process.MustParseID("10000000-0000-7000-8000-" + pad12(n)), Amount: d(amount), Currency: EUR,
		Date: day, Period: "2026-11", Category: c, Nature: nature}
	if nature == Direct {
		e.Service = to
	} else {
		e.Rule = to
	}
	return e
}

func pad12(n int) string {
	s := "000000000000" + itoa(n)
	return s[len(s)-12:]
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

func workedEntries() []CostEntry {
	return []CostEntry{
		entry(1, "1000.00", CategoryPersonnel, Direct, svcEmail),
		entry(2, "2500", CategoryLicences, Direct, svcWeb),
		entry(3, "800.00", CategoryExternalServices, Direct, svcPayroll),
		entry(4, "10000.00", CategoryFacilities, Direct, svcDC),
		entry(5, "6000.00", CategoryPersonnel, Direct, svcDesk),
		entry(6, "1000.00", CategoryOverheads, Indirect, ruleEven),
	}
}
