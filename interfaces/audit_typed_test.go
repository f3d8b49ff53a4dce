package interfaces

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// TestAuditTypedRecords audits the record types of package process: the
// rules read their typed fields (an incident declared major, a problem whose
// fix needs a change, a change entered on a schedule of change by entry
// rather than by link).
func TestAuditTypedRecords(t *testing.T) {
	s := process.NewMemStore()
	by, mim := processtest.CM, processtest.MIM
	at := day(10)
	put := func(r process.Record) {
		t.Helper()
		if err := s.Put(r); err != nil {
			t.Fatalf("put %s: %v", r.Meta().Title, err)
		}
	}

	svc := process.NewService("payments", processtest.Owner.ID, by, at)
	svc.Description, svc.Criticality = "card payments", process.CriticalityCritical
	put(svc)

	inc := process.NewIncident("payments down", mim, at)
	if err := inc.SetService(mim, at, svc.ID); err != nil {
		t.Fatal(err)
	}
	inc.Description = "card payments fail"
	require.NoError(t, inc.Classify(mim, at, "payments", process.LevelHigh, process.LevelHigh, 1))
	require.NoError(t, inc.DeclareMajor(mim, at, mim.ID, "payments down"))
	put(inc)

	phish := process.NewIncident("phishing", processtest.Desk, at)
	if err := phish.SetService(processtest.Desk, at, svc.ID); err != nil {
		t.Fatal(err)
	}
	phish.Description, phish.Security = "credentials phished", true
	require.NoError(t, phish.Classify(processtest.Desk, at, "security", process.LevelMedium, process.LevelHigh, 2))
	put(phish)

	minor := process.NewIncident("printer jam", processtest.Desk, at)
	if err := minor.SetService(processtest.Desk, at, svc.ID); err != nil {
		t.Fatal(err)
	}
	minor.Description = "jammed"
	require.NoError(t, minor.Classify(processtest.Desk, at, "printing", process.LevelLow, process.LevelLow, 5))
	put(minor)

	prb := process.NewProblem("payments keep failing", processtest.PM, at)
	prb.Description = "root cause unknown"
	require.NoError(t, prb.Classify(processtest.PM, at, "payments", process.LevelHigh, process.LevelMedium, 2))
	prb.NeedsChange = true
	put(prb)

	rfc := process.NewRequestForChange("upgrade gateway", process.ChangeNormal, processtest.Desk, at)
	rfc.Description = "new gateway version"
	require.NoError(t, rfc.Assess(processtest.CM, at.Add(time.Hour), process.Assessment{Risk: process.LevelMedium,
		Impact: "payments", BusinessBenefit: "fewer failures", BackoutPlan: "roll back"}))
	require.NoError(t, rfc.Authorise(processtest.CAB1, at.Add(time.Hour), nil))
	require.NoError(t, rfc.Schedule(processtest.CM, at.Add(2*time.Hour), process.Window{Start: day(20), End: day(20).Add(2 * time.Hour)}, nil))
	put(rfc)

	soc := process.NewScheduleOfChange("schedule of the quarter", process.Window{Start: day(0), End: day(90)}, by, at)
	soc.Entries = []process.ScheduleEntry{{Change: rfc.ID, Window: rfc.Window}}
	put(soc)

	put(&rec{header(process.KindServiceReport, "monthly report", "", day(31), day(31))})

	r, err := Audit(Standard(), s, quarter)
	if err != nil {
		t.Fatal(err)
	}
	got := names(r)
	// The phishing incident is not yet due for a security incident review:
	// none has been made, and it is younger than the review interval.
	want := []string{
		"major-incident-reported: payments down",
		"change-financial: upgrade gateway",
		"change-security: upgrade gateway",
		"problem-rfc: payments keep failing",
		"major-incident-top-management: payments down",
		"change-assessed-ci: upgrade gateway",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\ngot  %q\nwant %q", got, want)
	}
	// With reviews due monthly, the unreviewed phishing incident is late.
	r, err = (&Auditor{Policy: Policy{SecurityReview: 30 * 24 * time.Hour}}).Audit(s, quarter)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(names(r), "security-incident-reviewed: phishing") {
		t.Errorf("monthly security reviews: got %q, want the phishing incident", names(r))
	}
}

// TestAuditTypedContinuityAndReports audits typed plans, plan tests, major
// changes and service reports: a plan is due for a re-test after a major
// change to one of its services only, and a major incident must be in a
// report whose period holds it.
func TestAuditTypedContinuityAndReports(t *testing.T) {
	by := processtest.CM
	s := &sliceStore{}
	payments, web := process.NewService("payments", processtest.Owner.ID, by, day(0)), process.NewService("web", processtest.Owner.ID, by, day(0))
	s.add(payments, web)

	major := process.NewRequestForChange("new data centre for payments", process.ChangeNormal, by, day(1))
	major.MajorImpact = true
	if err := major.AddService(by, day(1), payments.ID); err != nil {
		t.Fatal(err)
	}
	major.History = append(major.History, process.Event{At: day(15), Actor: by.ID, Action: process.ActionMoved, From: "implementing", To: "implemented"})
	major.Status, major.Updated = "implemented", day(15)
	s.add(major)

	stale := process.NewContinuityPlan("payments continuity", process.PlanTerms{Services: []process.ID{payments.ID}}, by, day(0))
	fresh := process.NewContinuityPlan("payments continuity, site B", process.PlanTerms{Services: []process.ID{payments.ID}}, by, day(0))
	other := process.NewContinuityPlan("web continuity", process.PlanTerms{Services: []process.ID{web.ID}}, by, day(0))
	s.add(stale, fresh, other,
		process.NewPlanTest("stale test", stale.ID, "site loss", day(5), by, day(5)),
		process.NewPlanTest("re-test", fresh.ID, "site loss", day(20), by, day(20)),
	)

	month := process.NewServiceReport("first month", process.ID{}, day(-1), day(30), day(31), by, day(31))
	second := process.NewServiceReport("second month", process.ID{}, day(30), day(60), day(61), by, day(61))
	s.add(month, second)
	inMonth, after := process.NewIncident("payments down", processtest.MIM, day(12)), process.NewIncident("payments down again", processtest.MIM, day(40))
	for _, inc := range []*process.Incident{inMonth, after} {
		inc.Major = true
		if err := inc.Link(processtest.MIM, inc.Created, process.LinkReportedIn, month.ID, process.KindServiceReport); err != nil {
			t.Fatal(err)
		}
		s.add(inc)
	}

	r, err := Audit(Standard(), s, quarter)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"major-incident-reported: payments down again",
		"continuity-retest: payments continuity",
	}
	var got []string
	for _, f := range r.Findings {
		if f.Rule == "continuity-retest" || f.Rule == "major-incident-reported" {
			got = append(got, f.Rule+": "+f.Records[0].Title)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\ngot  %q\nwant %q", got, want)
	}
}

// TestAuditCapacityPlanUpgrades reads the upgrades of a capacity.Plan: each
// upgrade's cost must be carried by a budgeting record (6.5, 6.4).
func TestAuditCapacityPlanUpgrades(t *testing.T) {
	by := processtest.Owner
	s := &sliceStore{}
	budget := &rec{header(process.KindBudget, "budget 2026", "", day(0), day(0))}
	s.add(budget)
	upgrade := func(desc string, b process.ID, k process.RecordKind) capacity.Upgrade {
		return capacity.Upgrade{Description: desc, Due: day(60), Cost: decimal.RequireFromString("12000.00"), Currency: "EUR", Budget: b, BudgetKind: k}
	}
	funded := capacity.NewPlan("funded", day(0), day(365), by, day(0))
	funded.Upgrades = []capacity.Upgrade{upgrade("storage", budget.ID, process.KindBudget)}
	unfunded := capacity.NewPlan("unfunded", day(0), day(365), by, day(0))
	unfunded.Upgrades = []capacity.Upgrade{
		upgrade("storage", budget.ID, process.KindBudget),
		upgrade("cpu", process.ID{}, ""),
		upgrade("network", process.NewID(), process.KindCostEntry),
	}
	none := capacity.NewPlan("no upgrades", day(0), day(365), by, day(0))
	none.NoUpgrades = "demand is flat"
	draft := capacity.NewPlan("draft", day(0), day(365), by, day(0))
	draft.Upgrades = []capacity.Upgrade{upgrade("cpu", process.ID{}, "")} // a draft is not judged yet
	for _, p := range []*capacity.Plan{funded, unfunded, none} {
		p.Status = string(capacity.PlanApproved)
	}
	s.add(funded, unfunded, none, draft)

	r, err := Audit(Standard(), s, quarter)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings {
		if f.Rule == "capacity-costs" {
			got = append(got, f.Records[0].Title+": "+f.Message[strings.Index(f.Message, ": ")+2:])
		}
	}
	// Due dates read in UTC: day(60), 09:00 in processtest.Zone, is 08:00.
	want := []string{
		"unfunded: upgrade 2 (cpu, due 2026-05-01 08:00 UTC, costing 12000 EUR) is carried by no budgeting record",
		"unfunded: upgrade 3 (network, due 2026-05-01 08:00 UTC, costing 12000 EUR) names a budgeting record that is not in the store",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\ngot  %q\nwant %q", got, want)
	}
}

// TestAuditTypedRules shows the rules that read only typed fields: a
// service report's sections, a major incident's notices to top management,
// and the class of a change against the security policy.
func TestAuditTypedRules(t *testing.T) {
	s := &sliceStore{}
	mim := processtest.MIM
	svc := process.NewService("payments", processtest.Owner.ID, processtest.CM, day(0))
	s.add(svc)

	withWorkload := process.NewServiceReport("report with workload", process.NewID(), day(0), day(30), day(31), processtest.Owner, day(31))
	withWorkload.Sections = []process.ReportSection{{Topic: process.TopicPerformance, Summary: "met"}, {Topic: process.TopicWorkload, Summary: "steady"}}
	without := process.NewServiceReport("report without workload", process.NewID(), day(30), day(60), day(61), processtest.Owner, day(61))
	without.Sections = []process.ReportSection{{Topic: process.TopicPerformance, Summary: "met"}}
	draft := process.NewServiceReport("draft report", process.NewID(), day(60), day(90), time.Time{}, processtest.Owner, day(80))
	s.add(withWorkload, without, draft)

	major := func(title string, ack bool) *process.Incident {
		inc := process.NewIncident(title, mim, day(40))
		require.NoError(t, inc.SetService(mim, day(40), svc.ID))
		inc.Description = "down"
		require.NoError(t, inc.Classify(mim, day(40), "payments", process.LevelHigh, process.LevelHigh, 1))
		require.NoError(t, inc.DeclareMajor(mim, day(40), mim.ID, title))
		if ack {
			require.NoError(t, inc.AcknowledgeNotice(processtest.Top, day(40).Add(2*time.Hour)))
		}
		inc.Links = append(inc.Links, process.Link{Type: process.LinkReportedIn, To: without.ID, Kind: process.KindServiceReport})
		return inc
	}
	s.add(major("acknowledged", true), major("never acknowledged", false))

	change := func(title string, class process.ChangeClass) *process.RequestForChange {
		rfc := process.NewRequestForChange(title, class, processtest.Desk, day(10))
		rfc.Status = string(process.ChangeAuthorised)
		rfc.FinancialImpact = "none"
		rfc.AffectedCIs = []process.ID{process.NewID()}
		rfc.Links = append(rfc.Links, process.Link{Type: process.LinkScheduledIn, To: process.NewID(), Kind: process.KindScheduleOfChange})
		return rfc
	}
	s.add(change("standard change", process.ChangeStandard), change("normal change", process.ChangeNormal))

	a := &Auditor{Policy: Policy{SecurityAssessed: []process.ChangeClass{process.ChangeNormal, process.ChangeEmergency}}}
	r, err := a.Audit(s, quarter)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings {
		if slices.Contains([]string{"workload-reported", "major-incident-top-management", "change-security"}, f.Rule) {
			got = append(got, f.Rule+": "+f.Records[0].Title)
		}
	}
	want := []string{
		"workload-reported: report without workload",
		"change-security: normal change",
		"major-incident-top-management: never acknowledged",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\ngot  %q\nwant %q", got, want)
	}
	// Given 60 days to acknowledge, the notice is not yet late at the end
	// of the quarter.
	r, err = (&Auditor{Policy: Policy{Acknowledge: 60 * 24 * time.Hour}}).Audit(s, quarter)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		if f.Rule == "major-incident-top-management" {
			t.Errorf("with 60 days to acknowledge: got %s", f.Message)
		}
	}
}

// TestAuditReleaseWindow shows a typed release judged against the
// deployment window planned with the customer (9.3).
func TestAuditReleaseWindow(t *testing.T) {
	s := &sliceStore{}
	by := processtest.RM
	release := func(title string, planned process.Window, deployed time.Time) *process.Release {
		r := process.NewRelease(title, process.ReleaseMinor, by, day(1))
		r.Planned, r.Deployed = planned, deployed
		if !deployed.IsZero() {
			r.Status = string(process.ReleaseDeployed)
		}
		return r
	}
	window := process.Window{Start: day(20), End: day(21)}
	s.add(release("in its window", window, day(20).Add(time.Hour)),
		release("outside its window", window, day(25)),
		release("with no window", process.Window{}, day(25)),
		release("not deployed", window, time.Time{}))
	r, err := Audit(Standard(), s, quarter)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings {
		if f.Rule == "release-window" {
			got = append(got, f.Records[0].Title)
			if f.Edge != "72" || f.Clause != "9.3" {
				t.Errorf("release-window cites edge %s, clause %s; want 72, 9.3", f.Edge, f.Clause)
			}
		}
	}
	if want := []string{"outside its window", "with no window"}; !slices.Equal(slices.Sorted(slices.Values(got)), want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
