package sms

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/budgeting"
	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// day56 returns midnight plus nine hours of the given day of 2026 in the
// sample's zone.
func day56(month time.Month, d int) time.Time {
	return time.Date(2026, month, d, 9, 0, 0, 0, processtest.Zone)
}

// clause56 adds the records that meet the requirements of Clauses 5 and
// 6: design and transition, and the service delivery processes. Its
// records are named "56-…".
func (s *sample) clause56() {
	t := s.t
	t.Helper()
	ok := func(err error) {
		t.Helper()
		require.NoError(t, err)
	}
	var (
		top, rep, slm, dto, owner = processtest.Top, processtest.Rep, processtest.SLM, processtest.DTO, processtest.Owner
		cm, cab, desk, sec        = processtest.CM, processtest.CAB1, processtest.Desk, processtest.Security
		cont, capm, fin, brm      = processtest.Continuity, processtest.Capacity, processtest.Finance, processtest.BRM
		rm, cfg                   = processtest.RM, processtest.CfgM
		jan                       = day56(time.January, 5)
	)
	x := func(name string) process.LinkType { return process.LinkType("x-" + name) }

	// Controlled documents of the processes, backing their documented
	// procedures and the attestations.
	docs := map[process.Process]*Document{}
	for _, p := range []process.Process{p5, p61, p62, p63, p64, p65, p66} {
		d := NewDocument(p.String()+" procedure", "1.0", owner.ID, rep, jan)
		d.Process, d.ReviewDue = p, day56(time.December, 1)
		ok(d.Move(rep, jan, DocApproved, "approved"))
		ok(d.Move(rep, jan, DocIssued, "issued"))
		s.put("56-doc-"+p.Code(), d)
		docs[p] = d
	}

	// The customer and the services.
	cust := process.NewCustomer("56-Acme", brm.ID, brm, jan)
	cust.Contacts = []string{"it@acme.example"}
	s.put("56-customer", cust)
	network := process.NewService("56-network", owner.ID, owner, jan)
	network.Description, network.Criticality, network.Customers = "site network", process.CriticalityHigh, []process.ID{cust.ID}
	ok(network.GoLive(owner, jan))
	s.put("56-network", network)
	pay := process.NewService("56-payments", owner.ID, owner, jan)
	pay.Description, pay.Criticality, pay.Customers = "card payments", process.CriticalityCritical, []process.ID{cust.ID}
	ok(pay.GoLive(owner, jan))
	s.put("56-payments", pay)
	// Every live service of the sample, the earlier parts' too, is
	// agreed, catalogued, planned for and budgeted here.
	services := []process.ID{pay.ID, network.ID}
	var others []*process.Service
	for r, err := range s.store.Records(process.KindService) {
		ok(err)
		if o, isSvc := r.(*process.Service); isSvc && o.State() == process.ServiceLive && !slices.Contains(services, o.ID) {
			others = append(others, o)
			services = append(services, o.ID)
		}
	}

	// Service level management (6.1).
	target := func(name string, k process.TargetKind, v string, u process.TargetUnit) process.ServiceTarget {
		return process.ServiceTarget{Name: name, Kind: k, Value: decimal.RequireFromString(v), Unit: u, Calendar: "office-hours"}
	}
	terms := func() process.AgreementTerms {
		return process.AgreementTerms{Services: slices.Clone(services),
			Targets: []process.ServiceTarget{
				target("availability", process.TargetAvailability, "99.5", process.UnitPercent),
				target("response", process.TargetResponse, "5", process.UnitMinutes),
			},
			Workload:   []process.WorkloadCharacteristic{{Measure: "payments", Volume: decimal.NewFromInt(50000), Per: "day", Pattern: "peaks at month end"}},
			Exceptions: []string{"planned maintenance on Sunday mornings"},
			Start:      jan}
	}
	sla := process.NewSLA("56-SLA payments", cust.ID, terms(), slm, jan)
	ok(sla.Agree(slm, jan, "agreed with Acme"))
	ok(sla.Enforce(slm, jan, "in force"))
	s.put("56-sla", sla)
	ola := process.NewOLA("56-OLA network team", "network team", terms(), slm, jan)
	ok(ola.Agree(slm, jan, "agreed"))
	ok(ola.Enforce(slm, jan, "in force"))
	ok(ola.Link(slm, jan, process.LinkSupports, sla.ID, process.KindSLA))
	s.put("56-ola", ola)

	// Configuration: the CI of the new service.
	ciType := process.NewCIType("56-server", "server", cfg, jan)
	ciType.Description = "a physical or virtual server"
	s.put("56-ci-type", ciType)
	ci := process.NewConfigurationItem("56-payments gateway", ciType.ID, cfg, jan)
	ci.Description, ci.Location, ci.Owner = "payments gateway server", "data centre A", owner.ID
	s.put("56-ci", ci)

	policy := process.NewChangePolicy("56-change policy", cm, jan)
	policy.ControlledCIs = []process.ID{ci.ID}
	policy.MajorImpactCriteria = []string{"a new service", "a change to a critical service's availability"}
	s.put("56-change-policy", policy)

	// Information security (6.6).
	secPolicy := process.NewSecurityPolicy("56-security policy", "protect card data", sec.ID, sec, jan)
	ok(secPolicy.Approve(top, jan, "approved"))
	ok(secPolicy.Communicate(sec, jan.Add(time.Hour), []string{"staff", "Acme", "suppliers"}, "communicated"))
	s.put("56-security-policy", secPolicy)
	control := process.NewSecurityControl("56-MFA", "no access without a second factor", sec.ID, sec, jan)
	control.Measures = []process.EffectivenessMeasure{{Name: "MFA coverage", Method: "monthly account scan", Result: "100 %", Measured: jan}}
	s.put("56-control", control)
	sra := process.NewSecurityRiskAssessment("56-security risk assessment", "payments", jan, sec, jan)
	sra.Risks = []process.SecurityRisk{{Asset: "card data", Threat: "credential theft", Likelihood: process.LevelMedium,
		Impact: process.LevelHigh, Treatment: process.TreatReduce, Owner: sec.ID, Controls: []process.ID{control.ID}}}
	sra.NextDue = day56(time.December, 1)
	ok(sra.Link(sec, jan, process.LinkTreatedBy, control.ID, process.KindSecurityControl))
	s.put("56-sra", sra)
	access := process.NewAccessAgreement("56-access for the card processor", "card processor", "payments gateway logs", jan, sec, jan)
	access.Controls = []string{"MFA", "read-only accounts"}
	s.put("56-access", access)

	// The change that takes the new service in: major, assessed for
	// security, authorised and on the schedule.
	at := day56(time.February, 2)
	rfc := process.NewRequestForChange("56-new payments gateway", process.ChangeNormal, desk, at)
	rfc.Description = "replace the payments gateway"
	ok(rfc.AddService(desk, at, pay.ID))
	ok(rfc.Affect(desk, at, ci.ID))
	ok(rfc.Link(desk, at, process.LinkSecurityCheck, sra.ID, process.KindSecurityRiskAssessment))
	ok(rfc.Assess(cm, at.Add(time.Hour), process.Assessment{Risk: process.LevelMedium, Impact: "payments down for an hour",
		BusinessBenefit: "fewer failures", Feasibility: "vendor supported", FinancialImpact: "12,000 EUR in the 2026 budget",
		BackoutPlan: "switch back to the old gateway", BackoutTested: true, MajorImpact: true}))
	ok(rfc.Authorise(cab, at.Add(2*time.Hour), nil))
	s.put("56-rfc", rfc)
	soc := process.NewScheduleOfChange("56-schedule of change", process.Window{Start: jan, End: day56(time.December, 31)}, cm, at)
	soc.Entries = []process.ScheduleEntry{{Change: rfc.ID, Window: process.Window{Start: day56(time.March, 20), End: day56(time.March, 20).Add(2 * time.Hour)}}}
	s.put("56-schedule", soc)

	catalogue := process.NewServiceCatalogue("56-service catalogue", slm, jan)
	catalogue.Customer = cust.ID
	catalogue.Entries = []process.CatalogueEntry{
		{Service: pay.ID, Description: "card payments", DependsOn: []process.ID{network.ID}, Components: []string{"gateway", "database"}},
		{Service: network.ID, Description: "site network", Components: []string{"switches"}},
	}
	for _, o := range others {
		catalogue.Entries = append(catalogue.Entries, process.CatalogueEntry{Service: o.ID, Description: o.Description})
	}
	for _, id := range services {
		ok(catalogue.Link(slm, jan, process.LinkService, id, process.KindService))
	}
	ok(catalogue.Link(slm, at.Add(3*time.Hour), process.LinkAmendedBy, rfc.ID, process.KindRequestForChange))
	s.put("56-catalogue", catalogue)

	// Budgets (6.4): one per service, approved by finance, one varied.
	budgetOf := func(name string, svc process.ID, amount string) *budgeting.Budget {
		b, err := budgeting.NewBudget(budgeting.BudgetPlan{Title: name, Service: svc, Period: "2026", Currency: "EUR",
			Base: []budgeting.BudgetLine{
				{Category: budgeting.CategoryPersonnel, Amount: decimal.RequireFromString(amount)},
				{Category: budgeting.CategoryLicences, Amount: decimal.RequireFromString("5000.00")},
			}}, slm, jan)
		ok(err)
		ok(b.Approve(fin, jan.Add(time.Hour), budgeting.Approver{Actor: fin, Limit: budgeting.Money{Amount: decimal.NewFromInt(1000000), Currency: "EUR"}}))
		return b
	}
	payBudget := budgetOf("56-budget payments 2026", pay.ID, "80000.00")
	ok(payBudget.Vary(slm, at, budgeting.Variation{Reason: "new gateway (change 56-rfc)",
		Lines: []budgeting.BudgetLine{{Category: budgeting.CategoryAssets, Amount: decimal.RequireFromString("12000.00"), Change: rfc.ID}}},
		budgeting.Approver{Actor: fin, Limit: budgeting.Money{Amount: decimal.NewFromInt(50000), Currency: "EUR"}}))
	s.put("56-budget", payBudget)
	s.put("56-budget-network", budgetOf("56-budget network 2026", network.ID, "40000.00"))
	for i, o := range others {
		s.put(fmt.Sprintf("56-budget-other-%d", i), budgetOf("56-budget "+o.Title+" 2026", o.ID, "10000.00"))
	}

	// Continuity and availability (6.3).
	planTerms := func() process.PlanTerms {
		return process.PlanTerms{Services: slices.Clone(services), Invocation: "the duty manager invokes on a site loss",
			Responsibilities: []process.RoleAssignment{{Role: "invoker", Holder: cont.ID}},
			Targets:          []process.ServiceTarget{target("availability in invocation", process.TargetAvailability, "95", process.UnitPercent)},
			Recovery:         []process.RecoveryRequirement{{Description: "payments back on site B", RecoveryTime: 4 * time.Hour, DataLoss: 15 * time.Minute}},
			ReturnToNormal:   "move back to site A in a planned window", Retest: "re-tested within a month of a major change"}
	}
	risks := process.NewContinuityRiskAssessment("56-continuity risk assessment", jan, cont, jan)
	risks.Services, risks.Requirements = slices.Clone(services), "payments recover in 4 hours, as the SLA and the business plan ask"
	risks.Risks = []process.ContinuityRisk{{Description: "site loss", Likelihood: process.LevelLow, Impact: process.LevelHigh, Treatment: process.TreatReduce, Action: "site B"}}
	risks.NextDue = day56(time.December, 1)
	ok(risks.Link(cont, jan, process.LinkAbout, sla.ID, process.KindSLA))
	s.put("56-continuity-risks", risks)
	contPlan := process.NewContinuityPlan("56-continuity plan", planTerms(), cont, jan)
	s.put("56-continuity-plan", contPlan)
	availPlan := process.NewAvailabilityPlan("56-availability plan", planTerms(), cont, jan)
	s.put("56-availability-plan", availPlan)
	for name, plan := range map[string]process.ID{"56-continuity-test": contPlan.ID, "56-availability-test": availPlan.ID} {
		pt := process.NewPlanTest(name, plan, "site loss", day56(time.February, 10), cont, day56(time.February, 10))
		pt.Results = []process.PlanTestResult{{Objective: "recover in 4 hours", Met: true}}
		s.put(name, pt)
	}

	// Capacity (6.5).
	cpu := capacity.NewResource("56-gateway cpu", capacity.ResourceTechnical, 64, "cores", capm, jan)
	cpu.Team, cpu.Services = "platform", []process.ID{pay.ID}
	s.put("56-cpu", cpu)
	agents := capacity.NewResource("56-payments support", capacity.ResourceHuman, 200, "agent-hours/week", capm, jan)
	agents.Team = "payments support"
	s.put("56-agents", agents)
	var series []*capacity.Series
	for _, r := range []*capacity.Resource{cpu, agents} {
		se := capacity.NewSeries("56-use of "+r.Title, r.ID, "busy", r.Unit, capm, jan)
		var pts []capacity.Point
		for h := range 24 * 14 {
			pts = append(pts, capacity.Point{At: jan.Add(time.Duration(h) * time.Hour), Value: 20 + float64(h%24) + 0.01*float64(h)})
		}
		ok(se.Add(capm, jan.AddDate(0, 0, 14), pts...))
		s.put("56-series-"+r.Title, se)
		series = append(series, se)
		th := capacity.NewThreshold("56-threshold "+r.Title, r.ID, "busy", 0.7*r.Capacity, 0.9*r.Capacity, capm, jan)
		s.put("56-threshold-"+r.Title, th)
	}
	reg, err := capacity.Regularise(series[0].Points, time.Hour, capacity.GapLinear, 3)
	ok(err)
	forecast, err := capacity.NewForecast(series[0], reg, 24*7, &capacity.Options{Method: capacity.MethodLinear}, capm, jan.AddDate(0, 0, 15))
	ok(err)
	s.put("56-forecast", forecast)
	reqs, err := capacity.RequirementsFromSLA(sla, capm, jan.AddDate(0, 0, 15))
	ok(err)
	for i, q := range reqs {
		s.put(fmt.Sprintf("56-capacity-requirement-%d", i), q)
	}
	cplan := capacity.NewPlan("56-capacity plan 2026", jan, day56(time.December, 31), capm, jan.AddDate(0, 0, 16))
	cplan.Demand = []capacity.Demand{
		capacity.DemandOf(cpu, reg, forecast),
		{Resource: agents.ID, Title: agents.Title, Type: capacity.ResourceHuman, Unit: agents.Unit, Capacity: agents.Capacity,
			Current: capacity.Stats{N: 10, Mean: 120, Max: 160}, Forecast: forecast.ID, ForecastPeak: 170, ForecastUpper: 180},
	}
	cplan.Excluded = []capacity.Exclusion{{Type: capacity.ResourceInformation, Reason: "the payments database is sized with the gateway"},
		{Type: capacity.ResourceFinancial, Reason: "spend is in the budgets of 6.4"}}
	cplan.Considerations = []capacity.Consideration{
		{Area: capacity.AreaAvailability, Source: availPlan.ID, SourceKind: process.KindAvailabilityPlan, Description: "99.5 % needs N+1 gateways"},
		{Area: capacity.AreaContinuity, Source: contPlan.ID, SourceKind: process.KindContinuityPlan, Description: "site B mirrors site A"},
		{Area: capacity.AreaServiceLevel, Source: sla.ID, SourceKind: process.KindSLA, Description: "300 ms caps CPU at 70 %"},
		{Area: capacity.AreaRegulatory, Description: "card data kept 7 years"},
		{Area: capacity.AreaChangedService, Source: rfc.ID, SourceKind: process.KindRequestForChange, Description: "the new gateway needs 8 more cores"},
	}
	for _, q := range reqs {
		cplan.Considerations = append(cplan.Considerations, capacity.Consideration{Area: capacity.AreaServiceLevel, Source: q.ID,
			SourceKind: process.KindCapacityRequirement, Description: q.Title})
	}
	cplan.Thresholds = []process.ID{s.id("56-threshold-" + cpu.Title), s.id("56-threshold-" + agents.Title)}
	cplan.Upgrades = []capacity.Upgrade{{Resource: cpu.ID, Description: "8 more cores", Due: day56(time.June, 1), Add: 8,
		Cost: decimal.RequireFromString("12000.00"), Currency: "EUR", Budget: payBudget.ID, BudgetKind: process.KindBudget, Change: rfc.ID}}
	cplan.Procedures = []capacity.Procedure{{Method: capacity.MethodHoltWintersAdditive, Description: "daily season, held-out week"}}
	ok(cplan.Approve(capm, jan.AddDate(0, 0, 17), "approved"))
	s.put("56-capacity-plan", cplan)

	// Service reporting (6.2): a definition, monthly reports from January
	// to May, each with its decisions.
	def := process.NewReportDefinition("56-monthly service report", "SR-1", "performance of the payments services", process.ReportMonthly, slm, jan)
	def.Audience, def.Sources = []string{"Acme", "service owner"}, []string{"monitoring", "service desk"}
	s.put("56-report-definition", def)
	reports := map[time.Month]*process.ServiceReport{}
	for m := time.January; m <= time.May; m++ {
		start := time.Date(2026, m, 1, 0, 0, 0, 0, processtest.Zone)
		end := start.AddDate(0, 1, 0)
		issued := end.AddDate(0, 0, 2)
		r := process.NewServiceReport(fmt.Sprintf("56-service report %s", m), def.ID, start, end, issued, slm, issued)
		r.Sections = []process.ReportSection{
			{Topic: process.TopicPerformance, Summary: "targets met"},
			{Topic: process.TopicSignificantEvents, Summary: "see the events linked"},
			{Topic: process.TopicWorkload, Summary: "volumes steady, month-end peak"},
			{Topic: process.TopicNonconformities, Summary: "none detected"},
			{Topic: process.TopicTrends, Summary: "use grows 2 % a month"},
			{Topic: process.TopicSatisfaction, Summary: "satisfaction 8 of 10, no complaints"},
		}
		ok(r.Decide(slm, issued.Add(time.Hour), process.ReportDecision{Decision: "keep the plan",
			Actions: []process.ReportAction{{Action: "watch month-end load", Owner: capm.ID}}, CommunicatedTo: []string{"Acme"}}))
		s.put(fmt.Sprintf("56-report-%d", m), r)
		reports[m] = r
	}
	reported := func(r process.Record, m time.Month, by process.Actor, at time.Time) {
		t.Helper()
		ok(r.Meta().Link(by, at, process.LinkReportedIn, reports[m].ID, process.KindServiceReport))
	}
	for m := time.January; m <= time.May; m++ {
		start := time.Date(2026, m, 1, 0, 0, 0, 0, processtest.Zone)
		tm, err := process.MeasureTarget(sla.ID, &sla.AgreementTerms, "availability", start, start.AddDate(0, 1, -1),
			decimal.RequireFromString("99.8"), slm, reports[m].Issued)
		ok(err)
		reported(tm, m, slm, reports[m].Issued)
		s.put(fmt.Sprintf("56-measurement-%d", m), tm)
	}
	reported(series[0], time.January, capm, jan.AddDate(0, 1, 3))
	s.put("56-series-"+cpu.Title, series[0])
	reported(forecast, time.January, capm, jan.AddDate(0, 1, 3))
	s.put("56-forecast", forecast)
	survey := process.NewSatisfactionSurvey("56-satisfaction survey Q1", day56(time.March, 16),
		process.SurveySample{Population: 200, Size: 40, Method: "random users of Acme"}, brm, day56(time.March, 16))
	survey.Customer = cust.ID
	survey.Results = []process.SurveyResult{{Question: "overall", Score: decimal.NewFromInt(8), Scale: decimal.NewFromInt(10)}}
	survey.Analysis = "steady; month-end slowness is the main concern"
	reported(survey, time.March, brm, day56(time.March, 16))
	s.put("56-survey", survey)
	review := process.NewServiceReview("56-service review 2026", cust.ID, day56(time.April, 14), 12, brm, day56(time.April, 14))
	review.Participants = []string{"Acme", slm.ID}
	ok(review.Link(brm, day56(time.April, 14), process.LinkAbout, sla.ID, process.KindSLA))
	s.put("56-service-review", review)

	// Continuity monitoring (6.3.3): availability measured and reported, an
	// invocation reported.
	am := process.NewAvailabilityMeasurement("56-availability April", pay.ID, day56(time.April, 1), day56(time.April, 30),
		decimal.RequireFromString("99.5"), decimal.RequireFromString("99.7"), cont, day56(time.May, 1))
	am.Outages = []process.AvailabilityOutage{{Start: day56(time.April, 9), End: day56(time.April, 9).Add(time.Hour),
		Cause: "switch failure", Investigation: "firmware fault, fixed"}}
	reported(am, time.April, cont, day56(time.May, 3))
	s.put("56-availability", am)
	inv := process.NewContinuityInvocation("56-invocation March", contPlan.ID, day56(time.March, 10), "site A power loss", "payments down 2 hours", cont, day56(time.March, 10))
	inv.Recovery, inv.Recovered, inv.Normal = "failed over to site B", day56(time.March, 10).Add(2*time.Hour), day56(time.March, 11)
	reported(inv, time.March, cont, day56(time.March, 11))
	s.put("56-invocation", inv)

	// Security incidents (6.6.3).
	phish := process.NewIncident("56-phishing", desk, day56(time.March, 3))
	ok(phish.SetService(desk, day56(time.March, 3), pay.ID))
	phish.Description, phish.Security = "a payments clerk was phished", true
	ok(phish.Classify(desk, day56(time.March, 3), "security", process.LevelMedium, process.LevelHigh, 2))
	s.put("56-security-incident", phish)
	sir := process.NewSecurityIncidentReview("56-security incident review Q1", jan.AddDate(0, 0, -4), day56(time.March, 31), day56(time.April, 2), sec, day56(time.April, 2))
	sir.Findings = []process.SecurityFinding{{Type: "phishing", Count: 1, Impact: "one account reset"}}
	sir.Improvements = []string{"phishing training for payments clerks"}
	ok(sir.Link(sec, day56(time.April, 2), process.LinkAbout, phish.ID, process.KindIncident))
	s.put("56-sir", sir)

	// Design and transition (5): the new gateway, a removal and a transfer.
	requirement := process.NewServiceRequirement("56-faster payments", "Acme", "payments confirmed in under a second", brm, jan)
	s.put("56-service-requirement", requirement)
	criterion := process.NewAcceptanceCriterion("56-confirmation time", "95 % of payments confirmed in 1 s", "load test", dto, jan)
	s.put("56-criterion", criterion)
	release := process.NewRelease("56-gateway release", process.ReleaseMajor, rm, at)
	release.Description, release.DeploymentMeans = "payments gateway v5", "phased roll-out"
	release.Planned = process.Window{Start: day56(time.March, 20), End: day56(time.March, 20).Add(2 * time.Hour)}
	release.Deliverables = []string{"gateway v5", "runbook"}
	release.AcceptanceCriteria = []process.Criterion{{Code: "confirmation time", Description: "95 % in 1 s"}}
	ok(release.AddChange(rm, at.Add(3*time.Hour), rfc.ID))
	s.put("56-release", release)
	relTest := process.NewReleaseAcceptanceTest("56-gateway release test", release.ID, "staging", rm, day56(time.March, 5))
	relTest.Results = []process.TestResult{{Criterion: "confirmation time", Passed: true}}
	s.put("56-release-test", relTest)

	plan := func(name string, kind process.PlanKind, at time.Time) *process.ServicePlan {
		p := process.NewServicePlan(name, kind, dto, at)
		p.Authorities = []process.RoleAssignment{{Role: "design and transition owner", Holder: dto.ID}}
		p.Parties = []process.PlanParty{{Name: "provider", Work: "design, build, transition", Provider: true}, {Name: "gateway vendor", Work: "supply the gateway"}}
		p.Communication = "fortnightly note to Acme"
		p.Resources = process.Resources{Human: "2 engineers", Technical: "2 servers", Information: "payments data model", Financial: "12,000 EUR"}
		p.Start, p.End = at, day56(time.June, 30)
		p.Risks = []process.PlanRisk{{Description: "vendor late", Treatment: "keep the old gateway"}}
		p.Dependencies = []process.ID{network.ID}
		p.Testing = "load test in staging"
		p.ExpectedOutcomes = []process.ExpectedOutcome{{Measure: "confirmation time p95", Target: "1 s"}}
		ok(p.Link(dto, at, process.LinkFulfils, requirement.ID, process.KindServiceRequirement))
		ok(p.Link(dto, at, process.LinkAcceptedAgainst, criterion.ID, process.KindAcceptanceCriterion))
		ok(p.Link(dto, at, x("budget"), payBudget.ID, process.KindBudget))
		return p
	}
	removal := plan("56-remove the old gateway", process.PlanRemoval, at)
	removal.Removal = &process.RemovalItems{Date: day56(time.June, 30), Archiving: "logs archived 7 years", Disposal: "disks shredded",
		DataTransfer: "none left on the old gateway", Decommission: []string{"old gateway"}}
	ok(removal.Link(dto, at, process.LinkService, pay.ID, process.KindService))
	ok(removal.Plan(dto, at, "planned"))
	s.put("56-removal-plan", removal)
	transfer := plan("56-transfer the network to Acme", process.PlanTransfer, at)
	transfer.TransferTo = "Acme IT"
	ok(transfer.Link(dto, at, process.LinkService, network.ID, process.KindService))
	ok(transfer.Plan(dto, at, "planned"))
	s.put("56-transfer-plan", transfer)

	design := process.NewServiceDesign("56-gateway design", dto, at)
	design.Roles = []process.DesignRole{{Role: "gateway operator", Responsibility: "runs the gateway"}}
	design.Activities = []string{"operate the gateway", "rotate keys"}
	design.Agreements = "SLA payments gains a confirmation target"
	design.SMSChanges = "none"
	design.Resources = process.Resources{Human: "2 operators", Technical: "2 servers", Information: "gateway runbook", Financial: "licences 5,000 EUR"}
	design.Skills, design.Technology = []string{"gateway administration"}, []string{"gateway v5"}
	design.Effects = "the web shop is reconfigured"
	ok(design.Link(dto, at, process.LinkSpecifies, sla.ID, process.KindSLA))
	ok(design.Link(dto, at, process.LinkSpecifies, ci.ID, process.KindConfigurationItem))
	ok(design.Link(dto, at, x("capacity"), reqs[0].ID, process.KindCapacityRequirement))
	s.put("56-design", design)
	sat := process.NewServiceAcceptanceTest("56-gateway acceptance test", "staging", day56(time.March, 6), dto, day56(time.March, 6))
	sat.Results = []process.CriterionResult{{Criterion: criterion.ID, Met: true, Evidence: "p95 0.8 s"}}
	ok(sat.Link(dto, day56(time.March, 6), process.LinkAcceptedAgainst, criterion.ID, process.KindAcceptanceCriterion))
	ok(sat.Link(dto, day56(time.March, 6), process.LinkEvidencedBy, relTest.ID, process.KindReleaseAcceptanceTest))
	s.put("56-acceptance-test", sat)
	tr := process.NewTransitionReport("56-gateway transition report", day56(time.April, 20), dto, day56(time.April, 20))
	tr.Outcomes = []process.OutcomeResult{{Measure: "confirmation time p95", Expected: "1 s", Achieved: "0.8 s", Met: true}}
	ok(tr.Link(dto, day56(time.April, 20), process.LinkEvidencedBy, relTest.ID, process.KindReleaseAcceptanceTest))
	reported(tr, time.April, dto, day56(time.April, 20))
	s.put("56-transition-report", tr)

	gw := plan("56-new payments gateway", process.PlanNew, at)
	ok(gw.Link(dto, at, process.LinkService, pay.ID, process.KindService))
	ok(gw.Link(dto, at, process.LinkRaised, rfc.ID, process.KindRequestForChange))
	ok(gw.Link(dto, at, x("release"), release.ID, process.KindRelease))
	ok(gw.Plan(dto, at, "planned"))
	ok(gw.Link(dto, at.Add(time.Hour), process.LinkDesignedBy, design.ID, process.KindServiceDesign))
	ok(gw.Design(dto, at.Add(time.Hour), "designed"))
	ok(gw.Build(dto, day56(time.March, 1), "built"))
	ok(gw.Link(dto, day56(time.March, 6), process.LinkAcceptanceTestedBy, sat.ID, process.KindServiceAcceptanceTest))
	ok(gw.Test(dto, day56(time.March, 6), sat, "tested"))
	ok(gw.Accept(owner, day56(time.March, 21), sat, "accepted"))
	ok(gw.Link(dto, day56(time.April, 20), process.LinkTransitionReported, tr.ID, process.KindTransitionReport))
	ok(gw.Review(dto, day56(time.April, 20), tr, "outcomes reported"))
	s.put("56-service-plan", gw)

	// Attestations for what no record can show.
	for id, p := range map[string]process.Process{
		"6.1/n": p61, "6.3.1/d": p63, "6.3.2/g": p63,
		"6.4/d": p64, "6.4/h": p64, "6.5/n": p65, "6.6.1/c": p66, "6.6.1/e": p66, "6.6.1/g": p66,
	} {
		s.attestations = append(s.attestations, Attestation{Requirement: id, By: rep, At: day56(time.June, 1),
			Statement: "checked against " + docs[p].Title, Document: docs[p].ID, Expires: day56(time.December, 31)})
	}
	slices.SortFunc(s.attestations, func(a, b Attestation) int { return strings.Compare(a.Requirement, b.Requirement) })
}

// hiding is a store that hides some records of another: a sample with a
// record missing.
type hiding struct {
	process.Store
	hide map[process.ID]bool
}

func (h hiding) Get(id process.ID) (process.Record, error) {
	if h.hide[id] {
		return nil, fmt.Errorf("hidden %s: %w", id.Short(), process.ErrNotFound)
	}
	return h.Store.Get(id)
}

func (h hiding) Records(k process.RecordKind) iter.Seq2[process.Record, error] {
	return func(yield func(process.Record, error) bool) {
		for r, err := range h.Store.Records(k) {
			if err == nil && h.hide[r.Meta().ID] {
				continue
			}
			if !yield(r, err) {
				return
			}
		}
	}
}

func (h hiding) LinksTo(id process.ID) iter.Seq2[process.Backlink, error] {
	return func(yield func(process.Backlink, error) bool) {
		for b, err := range h.Store.LinksTo(id) {
			if err == nil && h.hide[b.From] {
				continue
			}
			if !yield(b, err) {
				return
			}
		}
	}
}

// in56 reports whether a requirement belongs to Clause 5 or 6.
func in56(r Requirement) bool {
	return strings.HasPrefix(r.Clause, "5") || strings.HasPrefix(r.Clause, "6")
}

// unmet56 returns the requirements of Clauses 5 and 6 not met, with what
// their rules miss.
func unmet56(rep *Report) (ids []string, why []string) { return unmet(rep, in56) }

// compareIDs orders requirement IDs as the catalogue does: by clause, then
// by letter.
func compareIDs(a, b string) int {
	order := map[string]int{}
	for i, r := range catalogue {
		order[r.ID] = i
	}
	return order[a] - order[b]
}

// TestSample56 assesses the sample provider: every requirement of
// Clauses 5 and 6 is met, and a gap planted in each sub-clause leaves
// exactly the requirements that rest on it unmet.
func TestSample56(t *testing.T) {
	s := newSample(t)
	rep, err := Assess(System{Name: "sample"}, s.store, s.options())
	require.NoError(t, err)
	base, why := unmet56(rep)
	assert.Empty(t, base, "every requirement of Clauses 5 and 6 is met by the sample:\n%s", strings.Join(why, "\n"))
	n := 0
	for _, r := range Requirements() {
		if in56(r) {
			n++
		}
	}
	require.GreaterOrEqual(t, n, 100)

	end := period.End.Add(-24 * time.Hour)
	tests := []struct {
		name string
		hide []string
		// change moves a stored record of the sample.
		change func(t *testing.T, s *sample)
		want   []string
	}{
		// A provider that removed or transferred no service has nothing
		// for 5.1/c and 5.1/d to judge beyond its documented process.
		{name: "5.1 no removal plan: nothing to judge", hide: []string{"56-removal-plan"}, want: nil},
		{name: "5.1 no transfer plan: nothing to judge", hide: []string{"56-transfer-plan"}, want: nil},
		{name: "5.2 the requirement planned for is gone", hide: []string{"56-service-requirement"}, want: []string{"5.2/a"}},
		{name: "5.3 the design no longer specifies the SLA", change: func(t *testing.T, s *sample) {
			d := s.get("56-design").(*process.ServiceDesign)
			require.NoError(t, d.Unlink(processtest.DTO, end, process.LinkSpecifies, s.id("56-sla")))
			require.NoError(t, s.store.Put(d))
		}, want: []string{"5.3/d"}},
		{name: "5.4 no transition report", hide: []string{"56-transition-report"}, want: []string{"5.4/c", "5.4/d"}},
		{name: "6.1 the OLA retired", change: func(t *testing.T, s *sample) {
			o := s.get("56-ola").(*process.OLA)
			require.NoError(t, o.Retire(processtest.SLM, end, "network team merged"))
			require.NoError(t, s.store.Put(o))
		}, want: []string{"6.1/m"}},
		{name: "6.2 utilisation no longer reported", change: func(t *testing.T, s *sample) {
			se := s.get("56-series-56-gateway cpu").(*capacity.Series)
			require.NoError(t, se.Unlink(processtest.Capacity, end, process.LinkReportedIn, s.id("56-report-1")))
			require.NoError(t, s.store.Put(se))
		}, want: []string{"6.2/f"}},
		{name: "6.3.1 no continuity risk assessment", hide: []string{"56-continuity-risks"}, want: []string{"6.3.1/a", "6.3.1/b"}},
		{name: "6.3.2 no availability plan", hide: []string{"56-availability-plan"},
			want: []string{"6.3.1/f", "6.3.2/b", "6.3.2/h", "6.3.3/c"}},
		{name: "6.3.3 the availability plan never tested", hide: []string{"56-availability-test"}, want: []string{"6.3.3/c"}},
		{name: "6.4 a service without a budget", hide: []string{"56-budget-network"}, want: []string{"6.4/b"}},
		{name: "6.5 no forecast", hide: []string{"56-forecast"}, want: []string{"6.2/h", "6.5/e", "6.5/m"}},
		{name: "6.6.1 the security policy superseded", change: func(t *testing.T, s *sample) {
			p := s.get("56-security-policy").(*process.SecurityPolicy)
			require.NoError(t, p.Supersede(processtest.Top, end, "withdrawn"))
			require.NoError(t, s.store.Put(p))
		}, want: []string{"6.6.1/a", "6.6.1/b"}},
		{name: "6.6.2 no access agreement", hide: []string{"56-access"}, want: []string{"6.6.2/d"}},
		{name: "6.6.3 no security incident review", hide: []string{"56-sir"}, want: []string{"6.6.3/c", "6.6.3/d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSample(t)
			var store process.Store = s.store
			if tt.change != nil {
				tt.change(t, s)
			}
			if len(tt.hide) > 0 {
				h := hiding{Store: s.store, hide: map[process.ID]bool{}}
				for _, name := range tt.hide {
					h.hide[s.id(name)] = true
				}
				store = h
			}
			rep, err := Assess(System{Name: "sample"}, store, s.options())
			require.NoError(t, err)
			// The gap adds exactly its requirements to those the whole
			// sample leaves unmet (none, once every part is complete).
			got, why := unmet56(rep)
			want := slices.Clone(base)
			for _, id := range tt.want {
				if !slices.Contains(want, id) {
					want = append(want, id)
				}
			}
			slices.SortFunc(want, compareIDs)
			assert.Equal(t, want, got, "%s", strings.Join(why, "\n"))
		})
	}
}
