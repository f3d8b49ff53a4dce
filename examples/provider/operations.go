package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
	"github.com/smskit/iso20000/process/clock"
)

// fault is a recurring cause of incidents on a service, and what problem
// management makes of it: a problem at its third occurrence, a known error
// two working days later, and a fix in the service's next monthly release.
type fault struct {
	svc     *service
	cause   string
	ci      *process.ConfigurationItem // the item it shows on
	at      []time.Time                // occurrences before the fix
	problem *process.Problem
	known   *process.KnownError
	fixedBy *process.RequestForChange
	fixed   time.Time // when the fix was deployed; zero while not
	seen    []process.ID
}

// month is one month of a service's releases: the changes its release
// carries, scheduled into the third Tuesday's maintenance window.
type month struct {
	svc     *service
	window  process.Window
	changes []*process.RequestForChange
	fixes   []*fault
	// rel and test are the release and its acceptance test, once made.
	rel  *process.Release
	test *process.ReleaseAcceptanceTest
}

// operate generates the quarter: the schedule of change, the major
// incident, each service's incidents, service requests, problems,
// changes and releases, a security incident, the continuity test, and
// the costs and utilisation.
func (p *provider) operate() error {
	// One schedule of change per month, communicated at its start.
	for m := time.April; m <= time.June; m++ {
		start := time.Date(2026, m, 1, 0, 0, 0, 0, p.quarter.Start.Location())
		s := named(p, process.NewScheduleOfChange(fmt.Sprintf("Schedule of change %s 2026", m), process.Window{Start: start, End: start.AddDate(0, 1, 0)}, cm, start.AddDate(0, 0, -5)))
		p.do(s.Communicate(cm, start.AddDate(0, 0, -4), []string{"customers", "service desk", "Rheinhost"}))
		p.put(s)
		p.schedules = append(p.schedules, s)
	}
	p.patches()
	months := p.planReleases()
	// The first changes of three services were raised by an improvement
	// and by the service and supplier reviews (setReviews links them).
	for _, i := range []int{6, 0, 3} {
		p.improvementChange = append(p.improvementChange, months[i].changes[0])
	}
	faults := p.planFaults(months)
	for _, s := range p.services {
		p.incidents(s, faults)
		p.requests(s)
	}
	p.majorIncident()
	for _, m := range months {
		p.release(m)
	}
	for _, f := range faults {
		p.closeProblem(f)
	}
	p.securityIncident()
	p.continuityTest()
	p.costsAndCapacity()
	p.design(months[6])
	return nil
}

// local returns t's wall clock in the customer's zone.
func (s *service) local(t time.Time) time.Time { return t.In(s.cust.zone) }

// office reports whether t falls in the service's office hours.
func (p *provider) office(s *service, t time.Time) bool {
	c := p.calendars[s.cust.office]
	return c.BusinessTime(t, t.Add(time.Minute)) > 0
}

// poisson draws from a Poisson distribution of mean lambda (small).
func (p *provider) poisson(lambda float64) int {
	l, k, q := math.Exp(-lambda), 0, p.rng.Float64()
	for q > l {
		k++
		q *= p.rng.Float64()
	}
	return k
}

// lognormal draws a factor around median m with spread sigma.
func (p *provider) lognormal(m, sigma float64) float64 {
	return m * math.Exp(sigma*p.rng.NormFloat64())
}

// rate is the share of a service's office-hour incident rate at t:
// Monday mornings peak, evenings, weekends and holidays are quiet.
func (p *provider) rate(s *service, t time.Time) float64 {
	if !p.office(s, t) {
		return 0.12
	}
	l := s.local(t)
	if l.Weekday() == time.Monday && l.Hour() < 12 {
		return 1.6
	}
	return 1
}

// thirdTuesday returns the service's maintenance window in month m: the
// third Tuesday, 21:00 to 23:00 in Berlin for the Berlin customer, and
// 19:00 to 21:00 in New York for the New York customer (which overlaps
// its office hours by an hour: planned downtime, excluded from the
// agreed service time as its SLA says).
func thirdTuesday(s *service, m time.Month) process.Window {
	d := time.Date(2026, m, 1, 0, 0, 0, 0, s.cust.zone)
	for d.Weekday() != time.Tuesday {
		d = d.AddDate(0, 0, 1)
	}
	d = d.AddDate(0, 0, 14)
	hour := 21
	if s.cust.slug == "hudson" {
		hour = 19
	}
	start := time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, s.cust.zone)
	return process.Window{Start: start, End: start.Add(2 * time.Hour)}
}

// planReleases makes each service's monthly release plan with one or two
// changes of its own.
func (p *provider) planReleases() []*month {
	var months []*month
	for _, s := range p.services {
		for m := time.April; m <= time.June; m++ {
			mo := &month{svc: s, window: thirdTuesday(s, m)}
			for i := range 1 + p.rng.IntN(2) {
				app := s.apps[p.rng.IntN(len(s.apps))]
				title := fmt.Sprintf("%s: %s to the %s release", s.rec.Title, app.Title, m)
				if i == 1 {
					title = fmt.Sprintf("%s: configuration change on %s", s.rec.Title, app.Title)
				}
				created := mo.window.Start.AddDate(0, 0, -10-p.rng.IntN(5))
				mo.changes = append(mo.changes, p.change(title, s, app, created, mo.window))
			}
			months = append(months, mo)
		}
	}
	return months
}

// planFaults draws the occurrences of each service's faults, opens the
// problem at the third and the known error two working days on, and puts
// its fix into the first release built after it.
func (p *provider) planFaults(months []*month) []*fault {
	var faults []*fault
	for _, s := range p.services {
		cal := p.calendars[s.cust.office]
		for _, cause := range s.faults {
			f := &fault{svc: s, cause: cause, ci: s.apps[p.rng.IntN(len(s.apps))]}
			t := p.quarter.Start
			for {
				t = t.Add(time.Duration(p.rng.ExpFloat64() * float64(6*24*time.Hour)))
				if !t.Before(p.quarter.End) {
					break
				}
				t = cal.Deadline(t, time.Duration(p.rng.IntN(600))*time.Minute) // during office hours
				f.at = append(f.at, t)
			}
			if len(f.at) >= 3 {
				third := f.at[2]
				knownAt := cal.AddWorkingDays(third, 2)
				for _, mo := range months {
					if mo.svc == s && mo.window.Start.After(knownAt.AddDate(0, 0, 5)) {
						mo.fixes = append(mo.fixes, f)
						f.fixed = mo.window.End
						break
					}
				}
				if !f.fixed.IsZero() {
					f.at = slices.DeleteFunc(f.at, func(t time.Time) bool { return t.After(f.fixed) })
				}
			}
			faults = append(faults, f)
		}
	}
	return faults
}

// priorities and their impact and urgency, drawn with these weights.
var priorities = []struct {
	p               process.Priority
	impact, urgency process.Level
	weight          float64
}{
	{1, process.LevelHigh, process.LevelHigh, 0.005},
	{2, process.LevelHigh, process.LevelMedium, 0.06},
	{3, process.LevelMedium, process.LevelMedium, 0.35},
	{4, process.LevelLow, process.LevelMedium, 1},
}

// target returns the response and resolution targets of priority pr in
// the customer's SLA, and the calendar the resolution target runs on, as
// the target clocks read them (clock.FromServiceTarget).
func (p *provider) target(s *service, pr process.Priority) (resp, res time.Duration, cal *calendar.Calendar) {
	for _, t := range s.cust.sla.Targets {
		kind := clock.Resolution
		switch t.Name {
		case fmt.Sprintf("P%d response", pr):
			kind = clock.FirstResponse
		case fmt.Sprintf("P%d resolution", pr):
		default:
			continue
		}
		ct, err := clock.FromServiceTarget(t, p.calendars, clock.IncidentRules(kind))
		if err != nil {
			p.do(err)
			continue
		}
		if kind == clock.FirstResponse {
			resp = ct.Duration
		} else {
			res, cal = ct.Duration, ct.Calendar
		}
	}
	return resp, res, cal
}

// incidents generates a service's incidents hour by hour: the random
// ones at its rate, and each fault's occurrences, linked to the problem
// and known error once they exist.
func (p *provider) incidents(s *service, faults []*fault) {
	type arrival struct {
		at    time.Time
		fault *fault
	}
	var arrivals []arrival
	for t := p.quarter.Start; t.Before(p.quarter.End); t = t.Add(time.Hour) {
		for range p.poisson(s.rate * p.rate(s, t)) {
			arrivals = append(arrivals, arrival{at: t.Add(time.Duration(p.rng.IntN(3600)) * time.Second)})
		}
	}
	for _, f := range faults {
		if f.svc == s {
			for _, t := range f.at {
				arrivals = append(arrivals, arrival{at: t, fault: f})
			}
		}
	}
	slices.SortFunc(arrivals, func(a, b arrival) int { return a.at.Compare(b.at) })
	titles := []string{"cannot log in", "page loads slowly", "report shows wrong totals", "export fails", "screen freezes", "error after saving",
		"printer not found", "user locked out", "data not refreshed", "notification not received"}
	for _, a := range arrivals {
		w := 0.0
		for _, pr := range priorities {
			w += pr.weight
		}
		x, pick := p.rng.Float64()*w, priorities[len(priorities)-1]
		for _, pr := range priorities {
			if x < pr.weight {
				pick = pr
				break
			}
			x -= pr.weight
		}
		title, category := titles[p.rng.IntN(len(titles))], "software"
		if a.fault != nil {
			title, category = a.fault.cause, "application"
			if pick.p < 3 {
				pick = priorities[2]
			}
		}
		inc := p.incident(s, s.rec.Title+": "+title, category, pick.p, pick.impact, pick.urgency, a.at, a.fault)
		if a.fault != nil {
			p.occurred(a.fault, inc)
		}
		p.generated[process.KindIncident]++
	}
}

// incident records one incident of s opened at opened and carries it as
// far as the quarter's end allows: assigned within (mostly) its response
// target, perhaps waiting for the customer, resolved within (mostly) its
// resolution target, closed two working days later.
func (p *provider) incident(s *service, title, category string, pr process.Priority, impact, urgency process.Level, opened time.Time, f *fault) *process.Incident {
	end := p.quarter.End
	agent := []process.Actor{desk, desk2}[p.rng.IntN(2)]
	inc := named(p, process.NewIncident(title, agent, opened))
	inc.Description = title + ", reported by a user of " + s.cust.rec.Title
	p.do(inc.SetService(agent, opened, s.rec.ID))
	// Half the users' incidents name no item (a password, a printer at
	// home); the rest one of the service's items, a fault's its own.
	switch {
	case f != nil:
		p.do(inc.Affect(agent, opened, f.ci.ID))
	case p.rng.IntN(2) == 0:
		cis := p.serviceCIs(s)
		p.do(inc.Affect(agent, opened, cis[p.rng.IntN(len(cis))].ID))
	}
	p.do(inc.Classify(agent, opened, category, impact, urgency, pr))
	resp, res, cal := p.target(s, pr)
	office := p.calendars[s.cust.office]
	var steps []step
	assigned := cal.Deadline(opened, time.Duration(p.lognormal(0.35, 0.6)*float64(resp)))
	steps = append(steps, step{assigned, func(t time.Time) error { return inc.Assign(agent, t, s.slug+" support", "second line") }})
	steps = append(steps, step{assigned.Add(5 * time.Minute), func(t time.Time) error { return inc.Start(agent, t) }})
	share := p.lognormal(0.4, 0.55)
	work := time.Duration(share * float64(res))
	at := assigned.Add(5 * time.Minute)
	if pr >= 3 && p.rng.Float64() < 0.2 {
		pend := cal.Deadline(at, work/3)
		back := pend.Add(time.Duration(2+p.rng.IntN(40)) * time.Hour)
		steps = append(steps, step{pend, func(t time.Time) error { return inc.Pend(agent, t, process.PendingCustomer) }})
		steps = append(steps, step{back, func(t time.Time) error { return inc.Resume(agent, t) }})
		at, work = back, work-work/3
	}
	resolved := cal.Deadline(at, work)
	if !resolved.After(at) {
		resolved = at.Add(time.Minute)
	}
	resolution := "fixed by second line"
	if f != nil && f.known != nil && resolved.After(f.known.Created) {
		resolution = "workaround of the known error applied: " + f.known.Workaround
		ke := f.known.ID
		steps = append(steps, step{resolved, func(t time.Time) error {
			return inc.Link(agent, t, process.LinkResolvedBy, ke, process.KindKnownError)
		}})
	}
	steps = append(steps, step{resolved, func(t time.Time) error { return inc.Resolve(agent, t, resolution) }})
	steps = append(steps, step{office.AddWorkingDays(resolved, 2), func(t time.Time) error { return inc.Close(agent, t) }})
	for _, st := range steps {
		if !st.at.Before(end) {
			break
		}
		p.do(st.move(st.at))
	}
	p.put(inc)
	return inc
}

// step is one move of a ticket at an instant.
type step struct {
	at   time.Time
	move func(time.Time) error
}

// occurred records an occurrence of a fault: the third opens the
// problem, and two working days later its known error.
func (p *provider) occurred(f *fault, inc *process.Incident) {
	f.seen = append(f.seen, inc.ID)
	if len(f.seen) != 3 {
		return
	}
	s := f.svc
	at := inc.Created.Add(time.Hour)
	prb := named(p, process.NewProblem(s.rec.Title+": "+f.cause, pm, at))
	prb.Description, prb.Incidents = "three incidents of one cause: "+f.cause, slices.Clone(f.seen)
	p.do(prb.Classify(pm, at, "application", process.LevelMedium, process.LevelMedium, 3))
	p.do(prb.AddService(pm, at, s.rec.ID))
	p.do(prb.Affect(pm, at, f.ci.ID))
	p.do(prb.Investigate(pm, at))
	p.put(prb)
	f.problem = prb
	knownAt := p.calendars[s.cust.office].AddWorkingDays(at, 2)
	if !knownAt.Before(p.quarter.End) {
		return
	}
	ke := named(p, process.NewKnownError(f.cause, prb.ID, "root cause of "+f.cause+" found in the application logs", "restart the affected job and clear its queue", pm, knownAt))
	p.do(ke.Affect(pm, knownAt, f.ci.ID))
	p.put(ke)
	p.do(prb.Identify(pm, knownAt, ke))
	p.put(prb)
	f.known = ke
	p.generated[process.KindProblem]++
	p.generated[process.KindKnownError]++
}

// closeProblem resolves and closes the problem a release fixed: resolved
// at the deployment, closed after two weeks without recurrence.
func (p *provider) closeProblem(f *fault) {
	if f.problem == nil || f.known == nil || f.fixedBy == nil || f.fixed.IsZero() || !f.fixed.Before(p.quarter.End) {
		return
	}
	p.do(f.problem.Resolve(pm, f.fixed.Add(time.Hour), "fixed by "+f.fixedBy.Title))
	p.do(f.known.Retire(pm, f.fixed.Add(time.Hour), "fixed by "+f.fixedBy.Title))
	p.put(f.known)
	if closeAt := f.fixed.AddDate(0, 0, 14); closeAt.Before(p.quarter.End) {
		p.do(f.problem.Close(pm, closeAt, "no recurrence in two weeks"))
	}
	p.put(f.problem)
}

// requests generates the service requests of s in office hours:
// fulfilled, completed and closed, at priority 4.
func (p *provider) requests(s *service) {
	items := []string{"new user account", "access to a report", "software install", "password reset", "mailbox delegation", "new laptop"}
	office := p.calendars[s.cust.office]
	for t := p.quarter.Start; t.Before(p.quarter.End); t = t.Add(time.Hour) {
		if !p.office(s, t) {
			continue
		}
		for range p.poisson(s.requests) {
			opened := t.Add(time.Duration(p.rng.IntN(3600)) * time.Second)
			item := items[p.rng.IntN(len(items))]
			sr := named(p, process.NewServiceRequest(s.rec.Title+": "+item, item, desk, opened))
			sr.Description = item + " for a user of " + s.cust.rec.Title
			p.do(process.Set(sr, "priority", &sr.Priority, 4, process.ID{}, "", desk, opened))
			p.do(sr.SetService(desk, opened, s.rec.ID))
			fulfil := office.Deadline(opened, time.Duration(p.lognormal(0.3, 0.6)*float64(4*time.Hour)))
			done := office.Deadline(fulfil, time.Duration(p.lognormal(0.3, 0.6)*float64(40*time.Hour)))
			if fulfil.Before(p.quarter.End) {
				p.do(sr.Fulfil(desk, fulfil, s.slug+" support"))
			}
			if done.Before(p.quarter.End) {
				p.do(sr.Complete(desk, done, item+" done"))
			}
			if c := office.AddWorkingDays(done, 1); c.Before(p.quarter.End) {
				p.do(sr.Close(desk, c))
			}
			p.put(sr)
			p.generated[process.KindServiceRequest]++
		}
	}
}

// change records a normal change of s on ci, assessed, approved by two
// members of the change board, authorised and scheduled into window.
func (p *provider) change(title string, s *service, ci *process.ConfigurationItem, created time.Time, window process.Window) *process.RequestForChange {
	rfc := named(p, process.NewRequestForChange(title, process.ChangeNormal, owner, created))
	rfc.Description = title
	p.do(rfc.AddService(owner, created, s.rec.ID))
	p.do(rfc.Affect(owner, created, ci.ID))
	p.do(rfc.Link(owner, created, process.LinkGoverns, p.changePolicy.ID, process.KindChangePolicy))
	p.do(rfc.Link(owner, created, process.LinkSecurityCheck, p.securityRisk.ID, process.KindSecurityRiskAssessment))
	p.do(rfc.Assess(cm, created.Add(24*time.Hour), process.Assessment{Risk: process.LevelLow, Impact: "the service is down for the window",
		BusinessBenefit: "fewer incidents", Feasibility: "tested in staging", FinancialImpact: "within the run budget",
		BackoutPlan: "redeploy the previous baseline", BackoutTested: true}))
	p.do(rfc.Approve(cab1, created.Add(48*time.Hour), process.DecisionApprove, "low risk"))
	p.do(rfc.Authorise(cab2, created.Add(49*time.Hour), p.changePolicy))
	p.schedule(rfc, created.Add(50*time.Hour), window)
	p.put(rfc)
	p.generated[process.KindRequestForChange]++
	return rfc
}

// schedule schedules rfc into window and into the month's schedule of
// change. Changes are generated service by service: the schedule takes
// each in at at, or after the last one it took.
func (p *provider) schedule(rfc *process.RequestForChange, at time.Time, window process.Window) {
	sched := p.scheduleOf(window.Start)
	if sched.Updated.After(at) {
		at = sched.Updated
	}
	p.do(rfc.Schedule(cm, at, window, p.changePolicy))
	p.do(sched.Add(cm, at, rfc))
	p.put(sched)
	p.do(rfc.Link(cm, at, process.LinkScheduledIn, sched.ID, process.KindScheduleOfChange))
}

// review holds the post-implementation review of an implemented change
// with the change manager and reviewer, and closes the change.
func (p *provider) review(rfc *process.RequestForChange, at time.Time, reviewer, findings string) {
	pir := named(p, process.NewPostImplementationReview(rfc.Title+" review", rfc.ID, cm, at))
	pir.Held, pir.Reviewers, pir.Successful, pir.Findings = at, []string{cm.ID, reviewer}, true, findings
	pir.Actions = []string{"none beyond the change record"}
	p.put(pir)
	p.do(rfc.Link(cm, at, process.LinkReviewedBy, pir.ID, process.KindPostImplementationReview))
	p.do(rfc.Review(cm, at, pir))
	p.do(rfc.Close(cm, at.Add(time.Hour)))
}

// scheduleOf returns the month's schedule of change that holds t.
func (p *provider) scheduleOf(t time.Time) *process.ScheduleOfChange {
	for _, s := range p.schedules {
		if !t.Before(s.Period.Start) && t.Before(s.Period.End) {
			return s
		}
	}
	return p.schedules[len(p.schedules)-1]
}

// release builds, tests and deploys a service's monthly release from a
// baseline, implementing its changes and fixing the known errors of its
// faults; the changes are then reviewed and closed.
func (p *provider) release(m *month) {
	s, w := m.svc, m.window
	end := p.quarter.End
	for _, f := range m.fixes {
		if f.known == nil {
			continue
		}
		fix := p.change(s.rec.Title+": fix for "+f.cause, s, s.apps[0], f.known.Created.Add(2*time.Hour), w)
		p.do(f.problem.RequireChange(pm, f.known.Created.Add(3*time.Hour), fix.ID))
		p.put(f.problem)
		p.do(f.known.AwaitFix(pm, f.known.Created.Add(3*time.Hour), fix.ID))
		p.put(f.known)
		f.fixedBy = fix
		m.changes = append(m.changes, fix)
	}
	built := w.Start.AddDate(0, 0, -6)
	rel := named(p, process.NewRelease(fmt.Sprintf("%s %s", s.rec.Title, w.Start.Format("2006.01")), process.ReleaseMinor, rm, built.Add(-time.Hour)))
	rel.Description, rel.Version = "monthly release of "+s.rec.Title, w.Start.Format("2006.01")
	rel.Planned = w
	rel.Deliverables, rel.DeploymentMeans = []string{"application packages", "release notes"}, "automated roll-out in the maintenance window"
	rel.AcceptanceCriteria = []process.Criterion{{Code: "regression", Description: "the regression suite passes in staging"}}
	for _, c := range m.changes {
		p.do(rel.AddChange(rm, built.Add(-time.Hour), c.ID))
	}
	for _, f := range m.fixes {
		if f.known != nil {
			p.do(rel.Fix(rm, built.Add(-time.Hour), f.known.ID, process.KindKnownError))
		}
	}
	p.do(rel.Link(rm, built.Add(-time.Hour), process.LinkGoverns, p.releasePolicy.ID, process.KindReleasePolicy))
	p.do(rel.Build(rm, built))
	p.put(rel)
	m.rel = rel
	tested := built.AddDate(0, 0, 2)
	if !tested.Before(end) {
		return
	}
	uat := named(p, process.NewReleaseAcceptanceTest(rel.Title+" acceptance", rel.ID, "staging", rm, tested))
	uat.Results = []process.TestResult{{Criterion: "regression", Passed: true, Evidence: "regression suite green"}}
	p.put(uat)
	m.test = uat
	p.do(rel.Link(rm, tested, process.LinkTestedBy, uat.ID, process.KindReleaseAcceptanceTest))
	p.do(rel.Test(rm, tested))
	customer := cust1
	if s.cust.slug == "hudson" {
		customer = cust2
	}
	p.do(rel.Accept(customer, tested.Add(24*time.Hour), uat))
	p.put(rel)
	if !w.End.Before(end) {
		return
	}
	base, err := process.NewConfigurationBaseline(rel.Title+" baseline", rel.ID, p.serviceCIs(s), cfgm, w.Start.Add(-time.Hour))
	if err != nil {
		p.do(err)
		return
	}
	named(p, base)
	p.put(base)
	p.do(rel.Deploy(rm, w.Start, base))
	p.put(rel)
	dep, err := process.NewDeployment(rel.Title+" to production", rel.ID, "production", w, rm, w.Start.Add(-time.Hour))
	if err != nil {
		p.do(err)
		return
	}
	named(p, dep)
	p.do(dep.Start(rm, w.Start))
	p.do(dep.Succeed(rm, w.End.Add(-30*time.Minute), "package checksums verified", "deployed in 90 minutes"))
	p.put(dep)
	p.generated[process.KindDeployment]++
	for _, c := range m.changes {
		p.do(c.Link(cm, w.Start, process.LinkImplementedBy, rel.ID, process.KindRelease))
		p.do(c.Implement(rm, w.Start))
		// The configuration manager records the new versions under the
		// change.
		for _, id := range c.AffectedCIs {
			if ci := p.ci(id); ci != nil {
				p.do(ci.Update(cfgm, w.Start.Add(time.Hour), process.CIVersion, rel.Version, c.ID))
				p.put(ci)
			}
		}
		p.do(c.Complete(rm, w.End, "deployed with "+rel.Title))
		if reviewed := w.End.AddDate(0, 0, 3); reviewed.Before(end) {
			p.review(c, reviewed, owner.ID, "implemented as planned")
		}
		p.put(c)
	}
	p.do(rel.Complete(rm, w.End))
	if held := w.End.AddDate(0, 0, 15); held.Before(end) {
		pdr := named(p, process.NewPostDeploymentReview(rel.Title+" post-deployment review", rel.ID, process.Window{Start: w.End, End: w.End.AddDate(0, 0, 14)}, rm, held))
		pdr.Held, pdr.Reviewers, pdr.Successful, pdr.Findings = held, []string{rm.ID, owner.ID}, true, "no incidents caused by the release"
		pdr.Actions = []string{"keep the roll-out script as it is"}
		p.put(pdr)
		p.do(rel.Link(rm, held, process.LinkReviewedBy, pdr.ID, process.KindPostDeploymentReview))
		p.do(rel.Review(rm, held, pdr))
		p.do(rel.Close(rm, held.Add(time.Hour)))
	}
	p.put(rel)
	p.generated[process.KindRelease]++
}

// patches records the monthly standard change that patches the hosts.
func (p *provider) patches() {
	for m := time.April; m <= time.June; m++ {
		at := time.Date(2026, m, 8, 22, 0, 0, 0, p.quarter.Start.Location())
		rfc := named(p, process.NewRequestForChange(fmt.Sprintf("Patch the hosts, %s", m), process.ChangeStandard, cm, at.AddDate(0, 0, -2)))
		rfc.Description, rfc.Model = "monthly operating system patches of the platform's hosts", "patch"
		p.do(rfc.AddService(cm, rfc.Created, p.platform.ID))
		p.do(rfc.Affect(cm, rfc.Created, p.hosts[0].ID))
		p.do(rfc.Link(cm, rfc.Created, process.LinkGoverns, p.changePolicy.ID, process.KindChangePolicy))
		p.do(rfc.Link(cm, rfc.Created, process.LinkType("x-funded-by"), p.budgets[len(p.budgets)-1].ID, process.KindBudget))
		p.schedule(rfc, rfc.Created, process.Window{Start: at, End: at.Add(2 * time.Hour)})
		p.do(rfc.Implement(cfgm, at))
		p.do(rfc.Complete(cfgm, at.Add(90*time.Minute), "48 hosts patched"))
		p.review(rfc, at.AddDate(0, 0, 1), cfgm.ID, "every host patched and rebooted")
		p.put(rfc)
		p.generated[process.KindRequestForChange]++
	}
}

// majorIncident is the quarter's major incident: Frankfurt's storage
// array fails on 19 May, fleet tracking goes down, the continuity plan
// is invoked and the service fails over to Nuremberg; the review, a
// complaint and a problem follow.
func (p *provider) majorIncident() {
	s := p.services[0]
	t := time.Date(2026, 5, 19, 10, 12, 0, 0, s.cust.zone)
	inc := named(p, process.NewIncident(s.rec.Title+" down for every truck", desk, t))
	inc.Description = "no positions received since 10:05; the storage array in Frankfurt reports a controller fault"
	p.do(inc.SetService(desk, t, s.rec.ID))
	p.do(inc.Affect(desk, t, s.apps[0].ID))
	p.do(inc.Classify(desk, t, "infrastructure", process.LevelHigh, process.LevelHigh, 1))
	p.do(inc.Assign(desk, t.Add(4*time.Minute), "platform team", im.ID))
	p.do(inc.Start(im, t.Add(6*time.Minute)))
	p.do(inc.DeclareMajor(im, t.Add(10*time.Minute), im.ID, "fleet tracking down for every customer truck"))
	p.do(inc.AcknowledgeNotice(top, t.Add(25*time.Minute)))
	inv := named(p, process.NewContinuityInvocation("Fail fleet tracking over to Nuremberg", p.continuity.ID, t.Add(50*time.Minute),
		"storage array controller failure in Frankfurt", "no truck positions for customers", contm, t.Add(50*time.Minute)))
	inv.Recovery, inv.Recovered, inv.Normal = "databases restored on the Nuremberg array", t.Add(3*time.Hour+20*time.Minute), t.AddDate(0, 0, 2)
	p.put(inv)
	p.do(inc.Resolve(im, t.Add(3*time.Hour+28*time.Minute), "failed over to Nuremberg; service restored"))
	mir := named(p, process.NewMajorIncidentReview("Review of the fleet tracking outage", inc.ID, im, t.AddDate(0, 0, 3)))
	mir.Held, mir.Reviewers = t.AddDate(0, 0, 3), []string{im.ID, pm.ID, contm.ID}
	mir.Findings, mir.Cause = "restored in 3 h 28 min by failing over; the failover was manual", "controller firmware fault"
	mir.Actions = []string{"upgrade the array firmware", "automate the failover"}
	p.put(mir)
	p.do(inc.Link(im, t.AddDate(0, 0, 3), process.LinkReviewedBy, mir.ID, process.KindMajorIncidentReview))
	p.do(inc.Close(im, t.AddDate(0, 0, 3).Add(time.Hour)))
	p.put(inc)
	p.generated[process.KindIncident]++

	prb := named(p, process.NewProblem("Storage array controller fault", pm, t.AddDate(0, 0, 1)))
	prb.Description, prb.Incidents = "the Frankfurt array's controller failed under load", []process.ID{inc.ID}
	p.do(prb.Classify(pm, prb.Created, "infrastructure", process.LevelHigh, process.LevelMedium, 2))
	p.do(prb.AddService(pm, prb.Created, p.platform.ID))
	p.do(prb.Investigate(pm, prb.Created))
	p.put(prb)
	ke := named(p, process.NewKnownError("array controller firmware fault", prb.ID, "a firmware fault under heavy write load", "fail over to Nuremberg", pm, t.AddDate(0, 0, 4)))
	p.put(ke)
	p.do(prb.Identify(pm, ke.Created, ke))
	p.put(prb)
	p.generated[process.KindProblem]++
	p.generated[process.KindKnownError]++

	cmp := named(p, process.NewComplaint("Trucks invisible for three hours", s.cust.rec.ID, "head of dispatch", "no truck positions on 19 May from 10:05 to 13:40",
		t.AddDate(0, 0, 1), t.AddDate(0, 0, 8), brm, t.AddDate(0, 0, 1)))
	p.do(cmp.Investigate(brm, t.AddDate(0, 0, 2), "major incident review read"))
	p.do(cmp.Escalate(brm, t.AddDate(0, 0, 9), "Spreewerk's managing director", "past the agreed week"))
	p.do(cmp.Act(brm, t.AddDate(0, 0, 10), "failover was manual", []string{"automatic failover funded"}))
	p.do(cmp.Report(brm, t.AddDate(0, 0, 11), []string{"head of dispatch"}, "outcome sent"))
	p.do(cmp.Close(brm, t.AddDate(0, 0, 12), "accepted by the customer"))
	p.put(cmp)

	// Trend analysis finds a problem before any incident does.
	db := p.serviceCIs(p.services[1])[0]
	pro := named(p, process.NewProblem("Warehouse database log volume grows 4 % a week", pm, p.day(time.June, 3)))
	pro.Description, pro.Proactive = "trend analysis of the capacity series shows the log volume full by September", true
	p.do(pro.Classify(pm, pro.Created, "capacity", process.LevelMedium, process.LevelLow, 3))
	p.do(pro.AddService(pm, pro.Created, p.services[1].rec.ID))
	p.do(pro.Affect(pm, pro.Created, db.ID))
	p.do(pro.Investigate(pm, pro.Created))
	p.put(pro)
	p.generated[process.KindProblem]++
}

// serviceCIs returns the configuration items of s, in CMDB order.
func (p *provider) serviceCIs(s *service) []*process.ConfigurationItem {
	var out []*process.ConfigurationItem
	for _, c := range p.cis {
		if slices.Contains(c.Services, s.rec.ID) {
			out = append(out, c)
		}
	}
	return out
}

// ci returns the configuration item id, or nil.
func (p *provider) ci(id process.ID) *process.ConfigurationItem {
	for _, c := range p.cis {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// securityIncident records a phishing incident and the quarter's
// security incident review.
func (p *provider) securityIncident() {
	s := p.services[2]
	t := time.Date(2026, 4, 22, 11, 0, 0, 0, s.cust.zone)
	inc := named(p, process.NewIncident("Phishing mail to portal administrators", desk, t))
	inc.Description, inc.Security = "two administrators received a credential phishing mail; one clicked", true
	p.do(inc.SetService(desk, t, s.rec.ID))
	p.do(inc.Classify(desk, t, "security", process.LevelMedium, process.LevelHigh, 2))
	p.do(inc.Assign(desk, t.Add(10*time.Minute), "security", secm.ID))
	p.do(inc.Start(secm, t.Add(15*time.Minute)))
	p.do(inc.Resolve(secm, t.Add(3*time.Hour), "password reset, sessions revoked; MFA held"))
	p.do(inc.Close(secm, t.AddDate(0, 0, 2)))
	p.put(inc)
	p.generated[process.KindIncident]++
	sir := named(p, process.NewSecurityIncidentReview("Security incident review Q2", p.quarter.Start, p.quarter.End.Add(-time.Hour), p.day(time.June, 29), secm, p.day(time.June, 29)))
	sir.Findings = []process.SecurityFinding{{Type: "phishing", Count: 1, Impact: "one password reset"}}
	sir.Improvements = []string{"phishing training for administrators"}
	p.do(sir.Link(secm, sir.Created, process.LinkAbout, inc.ID, process.KindIncident))
	p.put(sir)
}

// continuityTest records the June test of the continuity and
// availability plans.
func (p *provider) continuityTest() {
	at := p.day(time.June, 13)
	for _, plan := range []struct {
		id    process.ID
		title string
	}{{p.continuity.ID, "Continuity test June"}, {p.availability.ID, "Availability test June"}} {
		t := named(p, process.NewPlanTest(plan.title, plan.id, "loss of the Frankfurt site", at, contm, at))
		t.Results = []process.PlanTestResult{{Objective: "every service back in four hours", Met: true}}
		t.Actions = []string{"automate the database failover"}
		p.put(t)
	}
}

// sortedKinds returns the kinds of m by count, most first.
func sortedKinds(m map[process.RecordKind]int) []process.RecordKind {
	ks := make([]process.RecordKind, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b process.RecordKind) int { return cmp.Or(m[b]-m[a], cmp.Compare(a, b)) })
	return ks
}
