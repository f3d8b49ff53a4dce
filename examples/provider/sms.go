package main

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/interfaces"
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/sms"
)

// setSMS records the service management system itself (Clause 4): its
// documents, scope, policy, objectives and plan, and the competence of
// the people the plan names.
func (p *provider) setSMS() error {
	dec1 := p.day(time.December, 1).AddDate(-1, 0, 0)
	issue := func(title string, proc process.Process) *sms.Document {
		d := named(p, sms.NewDocument(title, "2.0", rep.ID, rep, dec1))
		d.Process, d.Location, d.ReviewDue = proc, "intranet/sms/"+proc.Code(), p.day(time.November, 30)
		p.do(d.Move(rep, dec1.Add(time.Hour), sms.DocApproved, "approved"))
		p.do(d.Move(rep, dec1.Add(2*time.Hour), sms.DocIssued, "issued"))
		p.put(d)
		return d
	}
	manual := issue("SMS manual", "")
	standard := named(p, sms.NewDocument("ISO/IEC 20000-1:2011 (purchased copy)", "2011", rep.ID, rep, dec1))
	standard.External, standard.Location, standard.ReviewDue = true, "library/standards", p.day(time.November, 30)
	p.do(standard.Move(rep, dec1.Add(time.Hour), sms.DocApproved, "approved"))
	p.do(standard.Move(rep, dec1.Add(2*time.Hour), sms.DocIssued, "issued"))
	p.put(standard)
	for _, proc := range process.All() {
		p.docs[proc] = issue(proc.String()+": process and procedures", proc)
	}
	p.sys = sms.System{Name: "Northwind Managed Services"}
	for _, k := range process.Kinds() {
		p.sys.Retention = append(p.sys.Retention, sms.Retention{Kind: k, Months: 84})
	}
	// What records cannot show is attested by the management
	// representative, backed by the SMS manual, for the year.
	// Each is backed by the issued document of its process.
	for _, r := range sms.Requirements() {
		if !attestOnly(r) {
			continue
		}
		doc := manual
		if d, ok := p.docs[r.Process]; ok {
			doc = d
		}
		p.attestations = append(p.attestations, sms.Attestation{Requirement: r.ID, By: rep, At: p.day(time.March, 30),
			Statement: "stated at the management review of March, checked against " + doc.Title, Document: doc.ID, Expires: p.day(time.December, 31)})
	}

	jan := p.day(time.January, 2)
	scope := named(p, sms.NewScopeStatement("SMS scope", []string{"Fleet tracking", "Warehouse management", "Patient portal", "Clinical e-mail", "Hosting platform"},
		[]string{"operations", "service desk", "platform team"}, []string{"Berlin", "Frankfurt", "Nuremberg"}, rep, jan))
	p.do(scope.Move(top, jan.Add(time.Hour), sms.Approved, "approved by the board"))
	p.put(scope)
	policy := named(p, sms.NewPolicy("Service management policy", "we deliver the services our customers agreed, and improve them every quarter", rep, jan))
	policy.MeetsRequirements, policy.ContinualImprovement = true, true
	policy.ImprovementCriteria = []string{"benefit to customers", "cost", "risk"}
	p.do(policy.Move(top, jan.Add(time.Hour), sms.Approved, "approved by the board"))
	p.put(policy)
	var objectives []process.ID
	for _, o := range [][3]string{
		{"Availability", "monthly availability of each service on its service hours", ">= 99.5 %"},
		{"Resolution on time", "share of incidents resolved within their target", ">= 90 %"},
		{"Customer satisfaction", "mean survey score", ">= 80 %"},
	} {
		obj := named(p, sms.NewObjective(o[0], o[1], o[2], rep.ID, rep, jan))
		p.do(obj.Move(top, jan.Add(time.Hour), sms.Approved, "approved"))
		p.put(obj)
		objectives = append(objectives, obj.ID)
	}
	plan := named(p, sms.NewPlan("Service management plan 2026", rep.ID, rep, jan.Add(2*time.Hour)))
	plan.Objectives = objectives
	plan.ServiceRequirements = []string{"each service available 99.5 % of its customer's office hours", "P1 incidents resolved in four hours"}
	plan.Limitations = []string{"the Nuremberg site is a warm standby only"}
	plan.Obligations = []string{"GDPR", "HIPAA business associate agreement with Hudson Health Partners", "customer contracts"}
	plan.Authorities = []sms.Authority{
		{Role: process.RoleIncidentManager, Holder: im.ID, Responsibilities: "runs incident and service request management"},
		{Role: process.RoleChangeManager, Holder: cm.ID, Responsibilities: "runs change management and the change board"},
		{Role: process.RoleProblemManager, Holder: pm.ID, Responsibilities: "runs problem management"},
		{Role: process.RoleServiceLevelManager, Holder: slm.ID, Responsibilities: "agrees and reports service levels"},
		{Role: process.RoleManagementRep, Holder: rep.ID, Responsibilities: "runs the SMS"},
	}
	plan.Resources = process.Resources{Human: "34 staff", Technical: "two sites, 48 hosts", Information: "CMDB and ticketing tool", Financial: "budget 2026"}
	plan.OtherParties = "Rheinhost hosts the platform under contract, reviewed twice a year"
	plan.Interfaces = sms.PlanInterfaces(interfaces.Standard(), []sms.Interface{
		{From: process.IncidentRequestManagement, To: process.ProblemManagement, Coordination: "a third incident of one fault raises a problem"},
		{From: process.ProblemManagement, To: process.ChangeManagement, Coordination: "a known error's fix is a request for change"},
	})
	plan.RiskApproach, plan.RiskAcceptance = "risk register reviewed monthly", "residual risks rated low or accepted by the board"
	plan.Technology = []string{"ticketing tool", "CMDB", "monitoring"}
	plan.Measurement = "monthly service reports, the internal audit in May, the management review in June"
	p.do(plan.Move(top, jan.Add(3*time.Hour), sms.Approved, "approved"))
	p.put(plan)
	for _, au := range plan.Authorities {
		assessor := rep.ID
		if au.Holder == rep.ID {
			assessor = top.ID
		}
		p.put(named(p, sms.NewCompetenceRecord("competence of "+au.Holder, au.Holder, au.Role, []string{"ISO/IEC 20000 foundation", "five years in the role"}, assessor, jan, rep, jan)))
	}
	tr := named(p, sms.NewTrainingRecord("change board training", cm.ID, "chairing the change board", "two-day course", p.day(time.February, 10), rep, p.day(time.February, 10)))
	tr.Effectiveness = "chaired four boards without findings"
	p.put(tr)
	return nil
}

// attestOnly reports whether a requirement has a rule only an
// attestation meets: what no record can show.
func attestOnly(r sms.Requirement) bool {
	for _, e := range r.Evidence {
		if e.Attest {
			return true
		}
	}
	return false
}

// setReviews records the reviews of the quarter: the internal audit of
// May with its nonconformity and corrective action, the service reviews,
// the supplier review, a satisfaction survey per customer, the
// management review of June and an improvement.
func (p *provider) setReviews() error {
	may := p.day(time.May, 12)
	audit := named(p, sms.NewInternalAudit("Internal audit 2026", may, []sms.AuditedArea{{Area: "incident management", Owners: []string{im.ID}},
		{Area: "change management", Owners: []string{cm.ID}}}, []string{auditor.ID}, rep, p.day(time.April, 2)))
	audit.Criteria, audit.Method = []string{"8.1", "9.2"}, "interviews and a sample of 25 incidents and 10 changes"
	p.do(audit.Move(auditor, may, sms.AuditInProgress, "started"))
	p.do(audit.Move(auditor, may.AddDate(0, 0, 2), sms.AuditReported, "reported to the board"))
	p.put(audit)
	finding := named(p, sms.NewAuditFinding("incidents closed without the customer's confirmation", audit.ID, sms.FindingNonconformity, "8.1/j",
		"4 of 25 sampled incidents", auditor, may.AddDate(0, 0, 2)))
	p.put(finding)
	nc := named(p, sms.NewNonconformity(finding.Title, finding.Requirement, finding.Evidence, auditor, may.AddDate(0, 0, 3)))
	nc.Finding, nc.Correction = finding.ID, "the four customers asked and their incidents confirmed"
	p.do(nc.Move(im, may.AddDate(0, 0, 4), sms.NCCorrected, "corrected"))
	ca := named(p, sms.NewCorrectiveAction("confirm before closure", nc.ID, "the tool let the desk close resolved incidents at once", im.ID,
		[]sms.Target{{Measure: "incidents closed with the customer's confirmation", Target: "100 %"}}, im, may.AddDate(0, 0, 4)))
	ca.Plan, ca.Due = "closure waits two working days or the customer's confirmation", p.day(time.June, 12)
	ca.Targets[0].Result, ca.Targets[0].Met = "25 of 25 in the June sample", true
	for i, step := range []struct {
		to sms.ActionState
		by process.Actor
	}{{sms.ActionApproved, rep}, {sms.ActionPlanned, im}, {sms.ActionImplemented, im}, {sms.ActionMeasured, im}, {sms.ActionClosed, rep}} {
		p.do(ca.Move(step.by, may.AddDate(0, 0, 5+7*i), step.to, ""))
	}
	p.put(ca)
	nc.CorrectiveActions = []process.ID{ca.ID}
	p.do(nc.Move(rep, p.day(time.June, 20), sms.NCClosed, "effective"))
	p.put(nc)

	for _, c := range p.customers {
		sr := named(p, process.NewServiceReview(c.rec.Title+" quarterly review", c.rec.ID, p.day(time.June, 24), 3, brm, p.day(time.June, 24)))
		sr.Participants = []string{brm.ID, slm.ID, c.rec.Title + " IT management"}
		sr.Findings, sr.Actions = []string{"targets mostly met; the major incident of May discussed"}, []string{"report P1 updates hourly"}
		p.do(sr.Link(brm, sr.Created, process.LinkAbout, c.sla.ID, process.KindSLA))
		if len(p.improvementChange) > 1 {
			p.do(sr.Link(brm, sr.Created, process.LinkRaised, p.improvementChange[1].ID, process.KindRequestForChange))
		}
		p.put(sr)
		survey := named(p, process.NewSatisfactionSurvey(c.rec.Title+" survey Q2", p.day(time.June, 15), process.SurveySample{Population: 400, Size: 60, Method: "random users"}, brm, p.day(time.June, 15)))
		survey.Customer = c.rec.ID
		survey.Results = []process.SurveyResult{
			{Question: "overall", Score: decimal.NewFromInt(int64(7 + p.rng.IntN(3))), Scale: decimal.NewFromInt(10)},
			{Question: "speed of resolution", Score: decimal.NewFromInt(int64(6 + p.rng.IntN(3))), Scale: decimal.NewFromInt(10)},
		}
		survey.Analysis = "steady; speed of resolution is the main concern"
		p.put(survey)
	}
	for i, k := range p.contracts {
		review := named(p, process.NewSupplierReview(k.Title+" review H1", k.Supplier, k.ID, p.day(time.June, 18+i), 6, supm, p.day(time.June, 18+i)))
		review.Participants = []string{supm.ID, "supplier account manager"}
		review.Performance, review.ContractChanges = "met every target; one power event in May", []string{"add a quarterly failover test to the contract"}
		if len(p.improvementChange) > 2 {
			p.do(review.Link(supm, review.Created, process.LinkRaised, p.improvementChange[2].ID, process.KindRequestForChange))
		}
		p.put(review)
	}
	dispute := named(p, process.NewContractDispute("service credits for the May power event", p.contract.ID, supm.ID, "credits for 40 minutes on one feed not paid", p.day(time.June, 2), supm, p.day(time.June, 2)))
	p.do(dispute.Investigate(supm, p.day(time.June, 3), "power logs checked"))
	p.do(dispute.Act(supm, p.day(time.June, 4), "credits owed", []string{"credits claimed"}))
	p.do(dispute.Close(supm, p.day(time.June, 9), "credits paid"))
	p.put(dispute)
	audit2 := named(p, process.NewConfigurationAudit("CMDB audit June", "every CI of fleet tracking", cfgm.ID, cfgm, p.day(time.June, 22)))
	audit2.Performed, audit2.Checked = p.day(time.June, 22), 47
	audit2.Deficiencies = []process.Deficiency{{CI: p.services[0].apps[1].ID, Description: "version recorded 3.1, running 3.2", Action: "record corrected", Corrected: p.day(time.June, 23)}}
	p.put(audit2)

	// Rheinhost forecasts the data centre's power and cooling for us: a
	// process operated by another party, governed under its contract.
	op := named(p, sms.NewOtherParty("Rheinhost AG", process.PartySupplier, []process.Process{process.CapacityManagement},
		sms.Governance{Accountable: capm.ID, Definition: "our capacity process applies to racks, power and cooling", Interfaces: "monthly rack and power report",
			Measures: []string{"report on time", "forecast error under 10 %"}, Improvements: "through our improvement register"}, supm, p.day(time.April, 1)))
	p.do(op.Link(supm, op.Created, process.LinkType("x-governed-by"), p.contract.ID, process.KindSupplierContract))
	p.put(op)
	pa := named(p, sms.NewPreventiveAction("second carrier between the sites", "a single carrier may cut both sites off", contm.ID,
		[]sms.Target{{Measure: "carrier outages affecting both sites", Target: "0"}}, contm, p.day(time.May, 26)))
	pa.Plan, pa.Due = "contract a second carrier", p.day(time.September, 30)
	p.do(pa.Move(rep, p.day(time.May, 27), sms.ActionApproved, "approved"))
	p.do(pa.Move(contm, p.day(time.May, 28), sms.ActionPlanned, "planned"))
	p.put(pa)
	imp := named(p, sms.NewImprovement("self-service password reset", "a fifth of service requests are password resets", process.LevelHigh, im.ID,
		[]sms.Target{{Measure: "password reset requests a month", Target: "-50 %"}}, im, p.day(time.April, 7)))
	imp.Plan, imp.Due = "a reset page on the portal", p.day(time.June, 15)
	imp.Targets[0].Result, imp.Targets[0].Met = "-58 %", true
	if len(p.improvementChange) > 0 {
		p.do(imp.Link(im, imp.Created, process.LinkRaised, p.improvementChange[0].ID, process.KindRequestForChange))
	}
	for i, step := range []struct {
		to sms.ActionState
		by process.Actor
	}{{sms.ActionApproved, rep}, {sms.ActionPlanned, im}, {sms.ActionImplemented, im}, {sms.ActionMeasured, im}, {sms.ActionClosed, rep}} {
		p.do(imp.Move(step.by, p.day(time.April, 8).AddDate(0, 0, 14*i), step.to, ""))
	}
	p.put(imp)

	mr := named(p, sms.NewManagementReview("Management review Q2 2026", p.day(time.June, 26), top.ID, rep, p.day(time.June, 26)))
	for _, in := range sms.ReviewInputs() {
		mr.Inputs[in] = "considered: see the minutes"
	}
	mr.Decisions = []string{"fund automatic failover of the fleet tracking database"}
	mr.Actions = []sms.ReviewAction{{What: "cost the failover", Owner: finm.ID, Due: p.day(time.August, 31)}}
	mr.NextDue = p.day(time.December, 15)
	p.put(mr)
	return nil
}
