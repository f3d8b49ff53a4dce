package sms

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// d79 is processtest.T0 plus n days.
func d79(n int) time.Time { return processtest.T0.AddDate(0, 0, n) }

// clause79 adds the records that meet the requirements of Clauses 7 to 9:
// a customer, a supplier, and one incident, problem, change and release of
// the payments service (clause56's) carried through their lifecycles
// together.
func (s *sample) clause79() {
	t := s.t
	t.Helper()
	ok := func(err error) {
		t.Helper()
		require.NoError(t, err)
	}
	var (
		brm, sup, desk, mim, top = processtest.BRM, processtest.Supplier, processtest.Desk, processtest.MIM, processtest.Top
		pm, cm, cab1, cab2, rm   = processtest.PM, processtest.CM, processtest.CAB1, processtest.CAB2, processtest.RM
		cfg, owner, slm, rep     = processtest.CfgM, processtest.Owner, processtest.SLM, processtest.Rep
	)

	// The documented processes of Clauses 7 to 9, issued and current; each
	// also backs the attestations of its process.
	docs := map[process.Process]*Document{}
	for _, p := range []process.Process{p71, p72, p81, p82, p91, p92, p93} {
		doc := NewDocument(p.String()+" process", "1.0", rep.ID, rep, d79(-60))
		doc.Process, doc.Location, doc.ReviewDue = p, "intranet/sms/"+p.Code(), d79(330)
		ok(doc.Move(rep, d79(-59), DocApproved, "approved"))
		ok(doc.Move(rep, d79(-58), DocIssued, "issued"))
		s.put("79-doc-"+p.Code(), doc)
		docs[p] = doc
	}
	attest := func(id string, p process.Process, by process.Actor, statement string) {
		s.attestations = append(s.attestations, Attestation{Requirement: id, By: by, At: d79(0),
			Statement: statement, Document: docs[p].ID, Expires: d79(365)})
	}
	attest("7.1/f", p71, brm, "quarterly account plans keep the customer's business and needs current")
	attest("7.1/i", p71, brm, "every major change to payroll had a service review before and after it")
	attest("7.1/k", p71, brm, "the complaint definition is agreed with Acme HR in the relationship charter")
	attest("7.2/q", p72, sup, "CloudCo's contract sets how it manages its sub-contractors; checked at each review")
	attest("8.1/f", p81, processtest.IM, "customers get progress updates and are told, with escalation, of targets at risk")
	attest("8.1/n", p81, processtest.IM, "major incident criteria are agreed with each customer in the SLA annex")
	attest("8.2/l", p82, pm, "problem resolution effectiveness is reported monthly to the service owner")
	attest("9.1/o", p91, cfg, "master copies are in the signed artefact store referenced from each CI")
	attest("9.1/r", p91, cfg, "every configuration audit deficiency was corrected and reported to the change board")
	attest("9.1/s", p91, cfg, "update access to the CMDB is limited to configuration managers")
	attest("9.2/s", p92, cm, "changes are analysed quarterly for trends; results go to the management review")

	// 7.1: the customer, the live service it takes, an interested party.
	cust := process.NewCustomer("Acme HR", brm.ID, brm, d79(-120))
	cust.Contacts, cust.Users = []string{"hr-director@acme.example"}, []string{"payroll clerks", "managers"}
	s.put("79-customer", cust)
	// The service is the earlier part's: Clause 6 agrees, catalogues,
	// plans and budgets every live service, and runs before this part.
	svc := s.get("56-payments").(*process.Service)
	s.put("79-interested-party", process.NewInterestedParty("tax authority", "regulator", "payroll filings on time", brm, d79(-120)))
	need := process.NewServiceRequirement("payroll cut-off two days later", "Acme HR", "run payroll on the 27th, not the 25th", brm, d79(5))
	need.Customer = cust.ID
	s.put("79-service-requirement", need)

	// The service report of the half year, which the complaint, survey,
	// major incident and deployment are reported in.
	report := process.NewServiceReport("payroll half-year report", process.NewID(),
		time.Date(2026, 1, 1, 0, 0, 0, 0, processtest.Zone), time.Date(2026, 6, 1, 0, 0, 0, 0, processtest.Zone), d79(92), slm, d79(92))
	report.Sections = []process.ReportSection{
		{Topic: process.TopicSignificantEvents, Summary: "one major incident; release 1.1 deployed"},
		{Topic: process.TopicWorkload, Summary: "payroll runs flat at 4,000 payslips a month"},
	}
	s.put("79-report", report)

	// 7.1: a complaint, escalated past its due date, then closed.
	cmp := process.NewComplaint("late payslips", cust.ID, "HR director", "payslips reached staff two days late", d79(3), d79(8), brm, d79(3))
	ok(cmp.Link(brm, d79(3), process.LinkReportedIn, report.ID, process.KindServiceReport))
	ok(cmp.Investigate(brm, d79(4), "print queue checked"))
	ok(cmp.Escalate(brm, d79(9), "Acme HR director", "past the agreed five days"))
	ok(cmp.Act(brm, d79(10), "print queue stalled", []string{"queue monitoring added"}))
	ok(cmp.Report(brm, d79(11), []string{"HR director"}, "outcome sent"))
	ok(cmp.Close(brm, d79(12), "payslips now sent electronically"))
	s.put("79-complaint", cmp)

	survey := process.NewSatisfactionSurvey("payroll survey 2026", d79(20), process.SurveySample{Population: 400, Size: 80, Method: "random by department"}, brm, d79(20))
	survey.Results = []process.SurveyResult{{Question: "overall", Score: decimal.RequireFromString("4.2"), Scale: decimal.NewFromInt(5)}}
	survey.Analysis = "steady; payslip timing is the main concern"
	ok(survey.Link(brm, d79(20), process.LinkReportedIn, report.ID, process.KindServiceReport))
	s.put("79-survey", survey)

	// 7.2: the supplier, the OLA its contract supports, the contract.
	supplier := process.NewSupplier("CloudCo", sup.ID, sup, d79(-120))
	supplier.Contact = "account@cloudco.example"
	s.put("79-supplier", supplier)
	target := process.ServiceTarget{Name: "availability", Kind: process.TargetAvailability, Value: decimal.RequireFromString("99.5"),
		Unit: process.UnitPercent, Calendar: "eu-business-hours"}
	workload := []process.WorkloadCharacteristic{{Measure: "payslips", Volume: decimal.NewFromInt(4000), Per: "month"}}
	ola := process.NewOLA("payroll hosting OLA", "infrastructure", process.AgreementTerms{Services: []process.ID{svc.ID},
		Targets: []process.ServiceTarget{target}, Workload: workload, Start: d79(-60), End: d79(300)}, slm, d79(-61))
	ok(ola.Agree(slm, d79(-60), "agreed"))
	ok(ola.Enforce(slm, d79(-60), "in force"))
	s.put("79-ola", ola)
	contract := process.NewSupplierContract("CloudCo hosting contract", supplier.ID, d79(-50), sup, d79(-50))
	contract.Scope = "hosting of the payroll platform"
	contract.Dependencies = "CloudCo depends on its data-centre carrier; payroll depends on CloudCo"
	contract.Requirements = []string{"two sites", "EU data residency"}
	contract.Targets = []process.ServiceTarget{target}
	contract.Interfaces = "incidents and changes exchanged through the service desk API"
	contract.Integration = "CloudCo attends the change board and the monthly service review"
	contract.Workload = workload
	contract.Exceptions = []string{"none"}
	contract.Responsibilities = []process.RoleAssignment{{Role: "contract manager", Holder: sup.ID}, {Role: "account manager", Holder: "CloudCo"}}
	contract.Reporting, contract.Charging = "monthly performance report", "fixed monthly fee per environment"
	contract.Termination, contract.Transfer = "six months' notice", "CloudCo assists migration for three months"
	ok(contract.Link(sup, d79(-50), process.LinkSupports, ola.ID, process.KindOLA))
	s.put("79-contract", contract)

	dispute := process.NewContractDispute("service credits", contract.ID, sup.ID, "credits for the February outage not paid", d79(6), sup, d79(6))
	ok(dispute.Investigate(sup, d79(7), "outage log checked"))
	ok(dispute.Act(sup, d79(8), "credits owed", []string{"credits claimed"}))
	ok(dispute.Close(sup, d79(9), "credits paid"))
	s.put("79-dispute", dispute)

	// 9.1: CI type, two items, the change policy and release policy.
	ciType := process.NewCIType("Application", "application", cfg, d79(-150))
	ciType.Description, ciType.Versioned = "a deployed application", true
	s.put("79-ci-type", ciType)
	db := process.NewConfigurationItem("payroll database", ciType.ID, cfg, d79(-150))
	db.Description, db.Location, db.Owner, db.Version = "payroll database", "CloudCo site A", owner.ID, "15"
	ok(db.Move(cfg, d79(-149), process.CIActive, process.ID{}))
	s.put("79-ci-db", db)
	ci := process.NewConfigurationItem("payroll application", ciType.ID, cfg, d79(-150))
	ci.Description, ci.Location, ci.Owner, ci.Version = "payroll application", "CloudCo site A", owner.ID, "1.0"
	ok(ci.Move(cfg, d79(-149), process.CIActive, process.ID{}))
	ok(ci.AddService(cfg, d79(-149), svc.ID))
	ok(ci.Relate(cfg, d79(-149), process.RelationDependsOn, db.ID))
	ci.Controlled = true
	s.put("79-ci", ci)
	policy := process.NewChangePolicy("change policy", cm, d79(-150))
	policy.ControlledCIs = []process.ID{ci.ID}
	policy.MajorImpactCriteria = []string{"removes or transfers a service", "outage of a critical service over four hours"}
	policy.StandardChanges = []process.StandardChange{{Code: "patch", Description: "monthly OS patch"}}
	s.put("79-change-policy", policy)
	relPolicy := process.NewReleasePolicy("release policy", rm, d79(-150))
	relPolicy.Frequency = "monthly minor releases, quarterly major ones"
	relPolicy.Types = []process.ReleaseType{process.ReleaseMajor, process.ReleaseMinor, process.ReleaseEmergency}
	relPolicy.Emergency = "emergency releases follow the emergency change procedure"
	s.put("79-release-policy", relPolicy)

	// 8.1, 8.2: a major incident and a minor one, the problem behind them
	// and its known error.
	incident := func(title string, at time.Time, impact process.Level, p process.Priority) *process.Incident {
		i := process.NewIncident(title, desk, at)
		i.Description = title + " for Acme staff"
		ok(i.SetService(desk, at, svc.ID))
		ok(i.Affect(desk, at, ci.ID))
		ok(i.Classify(desk, at, "application", impact, process.LevelHigh, p))
		ok(i.Assign(desk, at, "application support", mim.ID))
		ok(i.Start(mim, at.Add(10*time.Minute)))
		return i
	}
	major := incident("payroll down", d79(1), process.LevelHigh, 1)
	ok(major.DeclareMajor(mim, d79(1).Add(time.Hour), mim.ID, "payroll run cannot start"))
	ok(major.AcknowledgeNotice(top, d79(1).Add(2*time.Hour)))
	ok(major.Link(mim, d79(1).Add(2*time.Hour), process.LinkReportedIn, report.ID, process.KindServiceReport))
	minor := incident("payroll slow", d79(1).Add(30*time.Minute), process.LevelLow, 4)

	prb := process.NewProblem("payroll application crashes", pm, d79(1).Add(3*time.Hour))
	prb.Description, prb.Incidents = "the application crashes under month-end load", []process.ID{major.ID, minor.ID}
	s.adjust("79-problem", prb)
	ok(prb.Classify(pm, d79(1).Add(3*time.Hour), "application", process.LevelHigh, process.LevelMedium, 2))
	ok(prb.AddService(pm, d79(1).Add(3*time.Hour), svc.ID))
	ok(prb.Affect(pm, d79(1).Add(3*time.Hour), ci.ID))
	ok(prb.Investigate(pm, d79(1).Add(3*time.Hour)))
	s.put("79-problem", prb)
	ke := process.NewKnownError("memory leak in payroll 1.0", prb.ID, "memory leak in the report module", "restart the application before the run", pm, d79(1).Add(4*time.Hour))
	ok(ke.Affect(pm, d79(1).Add(4*time.Hour), ci.ID))
	s.put("79-known-error", ke)
	ok(prb.Identify(pm, d79(1).Add(4*time.Hour), ke))
	s.put("79-problem", prb)

	proactive := process.NewProblem("disk growth trend on payroll", pm, d79(2))
	proactive.Description, proactive.Proactive = "trend analysis shows the disk fills by June", true
	ok(proactive.Classify(pm, d79(2), "capacity", process.LevelMedium, process.LevelLow, 3))
	ok(proactive.Affect(pm, d79(2), db.ID))
	ok(proactive.Investigate(pm, d79(2)))
	s.put("79-problem-proactive", proactive)
	ke2 := process.NewKnownError("log rotation off", proactive.ID, "log rotation disabled", "purge logs weekly", pm, d79(3))
	ok(ke2.Affect(pm, d79(3), db.ID))
	s.put("79-known-error-2", ke2)
	ok(proactive.Identify(pm, d79(3), ke2))
	s.put("79-problem-proactive", proactive)

	for _, i := range []*process.Incident{major, minor} {
		ok(i.Link(mim, d79(2), process.LinkResolvedBy, ke.ID, process.KindKnownError))
		ok(i.Resolve(mim, d79(2), "restarted by the known error's workaround"))
	}
	mir := process.NewMajorIncidentReview("payroll down review", major.ID, mim, d79(3))
	mir.Held, mir.Reviewers = d79(3), []string{mim.ID, pm.ID}
	mir.Findings, mir.Cause, mir.Actions = "restored in six hours", "memory leak", []string{"fix the leak", "alert on memory"}
	s.put("79-major-review", mir)
	ok(major.Link(mim, d79(3), process.LinkReviewedBy, mir.ID, process.KindMajorIncidentReview))
	ok(major.Close(mim, d79(3).Add(time.Hour)))
	ok(minor.Close(mim, d79(3).Add(time.Hour)))
	s.put("79-incident", major)
	s.put("79-incident-minor", minor)

	sr := process.NewServiceRequest("payroll report access", "report access", desk, d79(5))
	sr.Description = "read access to payroll reports for a new manager"
	ok(process.Set(sr, "priority", &sr.Priority, 4, process.ID{}, "", desk, d79(5)))
	ok(sr.SetService(desk, d79(5), svc.ID))
	ok(sr.Fulfil(desk, d79(5).Add(time.Hour), "access management"))
	ok(sr.Complete(desk, d79(6), "access granted"))
	ok(sr.Close(desk, d79(7)))
	s.put("79-request", sr)

	// 9.2: the change that fixes the known error, assessed for security,
	// scheduled, implemented through a release and reviewed.
	sra := process.NewSecurityRiskAssessment("payroll 1.1 security assessment", "payroll 1.1", d79(20), processtest.Security, d79(20))
	sra.Risks = []process.SecurityRisk{{Asset: "payroll data", Threat: "regression in access checks", Likelihood: process.LevelLow,
		Impact: process.LevelHigh, Treatment: process.TreatAccept, Owner: owner.ID}}
	s.put("79-security-assessment", sra)
	rfc := process.NewRequestForChange("payroll 1.1", process.ChangeNormal, owner, d79(20))
	rfc.Description = "fix the report module's memory leak"
	ok(rfc.AddService(owner, d79(20), svc.ID))
	ok(rfc.Affect(owner, d79(20), ci.ID))
	ok(rfc.Link(owner, d79(20), process.LinkGoverns, policy.ID, process.KindChangePolicy))
	ok(rfc.Link(owner, d79(20), process.LinkSecurityCheck, sra.ID, process.KindSecurityRiskAssessment))
	ok(rfc.Assess(cm, d79(21), process.Assessment{Risk: process.LevelMedium, Impact: "payroll down for two hours out of hours",
		BusinessBenefit: "no month-end crashes", Feasibility: "tested fix from the vendor", FinancialImpact: "within the run budget",
		BackoutPlan: "redeploy 1.0 from the baseline", BackoutTested: true}))
	ok(rfc.Approve(cab1, d79(22), process.DecisionApprove, "fine"))
	ok(rfc.Authorise(cab2, d79(22), policy))
	ok(rfc.Schedule(cm, d79(23), process.Window{Start: d79(30), End: d79(30).Add(4 * time.Hour)}, policy))
	schedule := process.NewScheduleOfChange("payroll schedule H1", process.Window{Start: period.Start, End: period.End}, cm, d79(23))
	ok(schedule.Add(cm, d79(23), rfc))
	ok(schedule.Communicate(cm, d79(24), []string{"Acme HR", "service desk", "CloudCo"}))
	s.adjust("79-schedule", schedule)
	s.put("79-schedule", schedule)
	ok(rfc.Link(cm, d79(24), process.LinkScheduledIn, schedule.ID, process.KindScheduleOfChange))
	s.put("79-rfc", rfc)
	ok(ke.AwaitFix(pm, d79(24), rfc.ID))
	s.put("79-known-error", ke)
	ok(prb.RequireChange(pm, d79(24), rfc.ID))
	s.put("79-problem", prb)

	// The service review and the supplier review raised this change.
	review := process.NewServiceReview("payroll review Q1", cust.ID, d79(25), 6, brm, d79(25))
	review.Participants = []string{brm.ID, "Acme HR director"}
	review.Findings, review.Actions = []string{"month-end crashes"}, []string{"fix the leak in release 1.1"}
	ok(review.Link(brm, d79(25), process.LinkRaised, rfc.ID, process.KindRequestForChange))
	s.put("79-service-review", review)
	supReview := process.NewSupplierReview("CloudCo review H1", supplier.ID, contract.ID, d79(25), 6, sup, d79(25))
	supReview.Participants = []string{sup.ID, "CloudCo account manager"}
	supReview.Performance, supReview.ContractChanges = "met every target but one", []string{"add restart window to the contract"}
	ok(supReview.Link(sup, d79(25), process.LinkRaised, rfc.ID, process.KindRequestForChange))
	s.put("79-supplier-review", supReview)

	// 9.3: the release that implements the change and fixes the known error.
	rel := process.NewRelease("payroll 1.1", process.ReleaseMinor, rm, d79(24))
	rel.Description, rel.Version = "memory leak fix", "1.1"
	rel.Planned = process.Window{Start: d79(29), End: d79(32)}
	rel.Deliverables, rel.DeploymentMeans = []string{"application package 1.1", "release notes"}, "automated roll-out"
	rel.AcceptanceCriteria = []process.Criterion{{Code: "month-end", Description: "a month-end run completes without a crash"}}
	ok(rel.AddChange(rm, d79(24), rfc.ID))
	ok(rel.Fix(rm, d79(24), ke.ID, process.KindKnownError))
	ok(rel.Link(rm, d79(24), process.LinkGoverns, relPolicy.ID, process.KindReleasePolicy))
	ok(rel.Build(rm, d79(25)))
	s.put("79-release", rel)
	uat := process.NewReleaseAcceptanceTest("payroll 1.1 acceptance", rel.ID, "staging, a copy of production", rm, d79(26))
	uat.Results = []process.TestResult{{Criterion: "month-end", Passed: true, Evidence: "run of 4,000 payslips"}}
	s.put("79-acceptance-test", uat)
	ok(rel.Link(rm, d79(26), process.LinkTestedBy, uat.ID, process.KindReleaseAcceptanceTest))
	ok(rel.Test(rm, d79(26)))
	ok(rel.Accept(processtest.Customer, d79(27), uat))
	base, err := process.NewConfigurationBaseline("payroll before 1.1", rel.ID, []*process.ConfigurationItem{ci, db}, cfg, d79(28))
	ok(err)
	s.put("79-baseline", base)
	ok(rel.Deploy(rm, d79(29), base))
	s.put("79-release", rel)
	ok(rfc.Link(cm, d79(29), process.LinkImplementedBy, rel.ID, process.KindRelease))
	ok(rfc.Implement(rm, d79(30)))
	s.put("79-rfc", rfc)
	dep, err := process.NewDeployment("payroll 1.1 to production", rel.ID, "production", process.Window{Start: d79(30), End: d79(30).Add(4 * time.Hour)}, rm, d79(29))
	ok(err)
	ok(dep.Link(rm, d79(29), process.LinkReportedIn, report.ID, process.KindServiceReport))
	ok(dep.Start(rm, d79(30)))
	ok(dep.Succeed(rm, d79(30).Add(time.Hour), "package checksums and signatures verified", "deployed in one hour"))
	s.put("79-deployment", dep)
	ok(rel.Complete(rm, d79(30).Add(time.Hour)))
	s.put("79-release", rel)
	ok(rfc.Complete(rm, d79(30).Add(2*time.Hour), "deployed as planned"))
	s.put("79-rfc", rfc)

	// The CMDB updated under the change, with its known errors.
	ok(ci.Update(cfg, d79(30).Add(3*time.Hour), process.CIVersion, "1.1", rfc.ID))
	ci.Problems, ci.KnownErrors = []process.ID{prb.ID}, []process.ID{ke.ID}
	s.put("79-ci", ci)
	db.Problems, db.KnownErrors = []process.ID{proactive.ID}, []process.ID{ke2.ID}
	s.put("79-ci-db", db)

	pir := process.NewPostImplementationReview("payroll 1.1 review", rfc.ID, cm, d79(35))
	pir.Held, pir.Reviewers, pir.Successful = d79(35), []string{cm.ID, cab1.ID}, true
	pir.Findings, pir.Actions = "the leak is gone", []string{"add a month-end load test to the pipeline"}
	s.put("79-pir", pir)
	ok(rfc.Review(cm, d79(35), pir))
	ok(rfc.Close(cm, d79(36)))
	s.put("79-rfc", rfc)

	pdr := process.NewPostDeploymentReview("payroll 1.1 after deployment", rel.ID, process.Window{Start: d79(30), End: d79(44)}, rm, d79(45))
	pdr.Held, pdr.Reviewers, pdr.Successful = d79(45), []string{rm.ID, cm.ID}, true
	pdr.Incidents, pdr.Findings = nil, "no incident in the two weeks after deployment"
	pdr.Actions = []string{"keep the month-end load test"}
	s.adjust("79-pdr", pdr)
	s.put("79-pdr", pdr)
	ok(rel.Review(rm, d79(45), pdr))
	ok(rel.Close(rm, d79(46)))
	s.put("79-release", rel)

	ok(ke.Retire(pm, d79(46), "fixed by release 1.1"))
	s.put("79-known-error", ke)
	ok(prb.Resolve(pm, d79(31), "fixed by release 1.1"))
	ok(prb.Close(pm, d79(46), "no crash in the month-end run after the fix"))
	s.put("79-problem", prb)

	audit := process.NewConfigurationAudit("CMDB audit of payroll", "payroll service items", processtest.Auditor.ID, cfg, d79(40))
	audit.Checked = 2
	audit.Deficiencies = []process.Deficiency{{CI: db.ID, Description: "location recorded as site B", Action: "corrected to site A", Corrected: d79(41)}}
	s.adjust("79-cmdb-audit", audit)
	s.put("79-cmdb-audit", audit)
}

// my79 reports whether a requirement is of Clauses 7 to 9.
func my79(r Requirement) bool {
	return strings.HasPrefix(r.Clause, "7.") || strings.HasPrefix(r.Clause, "8.") || strings.HasPrefix(r.Clause, "9.")
}

// unmet79 returns the IDs of the requirements of Clauses 7 to 9 the report
// does not find met, with why.
func unmet79(rep *Report) (ids []string, why []string) { return unmet(rep, my79) }

// TestSample79 checks that the sample provider meets every requirement of
// Clauses 7 to 9, and that each planted gap (a record of the clause79 part
// left out or changed) fails exactly the requirements that rest on it.
func TestSample79(t *testing.T) {
	base := newSample(t)
	baseRep, err := Assess(sampleSystem(), base.store, base.options())
	require.NoError(t, err)
	n := 0
	for _, f := range baseRep.Findings {
		if my79(f.Requirement) {
			n++
		}
	}
	assert.GreaterOrEqual(t, n, 110, "requirements of Clauses 7 to 9")
	ids, why := unmet79(baseRep)
	assert.Empty(t, ids, "not met:\n%s", strings.Join(why, "\n"))

	skip := func(names ...string) func(*sample) {
		return func(s *sample) {
			for _, n := range names {
				s.skip[n] = true
			}
		}
	}
	tweak := func(name string, f func(process.Record)) func(*sample) {
		return func(s *sample) { s.tweak[name] = f }
	}
	tests := []struct {
		name  string
		plant func(*sample)
		want  []string
	}{
		{"no service review with the customer", skip("79-service-review"), []string{"7.1/h", "7.1/j"}},
		{"no contract dispute", skip("79-dispute"), []string{"7.2/v", "7.2/w", "7.2/x"}},
		{"no service request", skip("79-request"), []string{"8.1/i", "8.1/j", "8.1/k"}},
		{"a problem naming no incident", tweak("79-problem", func(r process.Record) { r.(*process.Problem).Incidents = nil }),
			[]string{"8.2/b"}},
		{"a stale CMDB audit", tweak("79-cmdb-audit", func(r process.Record) {
			a := r.(*process.ConfigurationAudit)
			a.Performed, a.Deficiencies[0].Corrected = d79(-400), d79(-399)
		}), []string{"9.1/q", "9.1/r"}},
		{"a schedule never communicated", tweak("79-schedule", func(r process.Record) {
			c := r.(*process.ScheduleOfChange)
			c.Communicated, c.CommunicatedTo = time.Time{}, nil
		}), []string{"9.2/l"}},
		{"a release review with no actions", tweak("79-pdr", func(r process.Record) { r.(*process.PostDeploymentReview).Actions = nil }),
			[]string{"9.3/l"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newVariant(t, tt.plant)
			rep, err := Assess(sampleSystem(), s.store, s.options())
			require.NoError(t, err)
			var got []string
			for _, c := range []string{"7.", "8.", "9."} {
				got = append(got, lost(baseRep, rep, c)...)
			}
			_, why := unmet79(rep)
			assert.Equal(t, tt.want, got, "%s", strings.Join(why, "\n"))
		})
	}
}
