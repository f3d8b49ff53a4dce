package report

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
	"github.com/smskit/iso20000/process/clock"
)

// DefaultPeriods is the number of earlier periods a report compares its
// workload and trends with when [Options] says none (ISO/IEC 20000-1:2011,
// 6.2: trend information).
const DefaultPeriods = 3

// Scope is what a service report covers: services, or every service of
// a customer's agreements, or both (ISO/IEC 20000-1:2011, 6.2).
type Scope struct {
	Services []process.ID `json:"services,omitempty"`
	Customer process.ID   `json:"customer,omitzero"`
}

// Options are the choices of [Build] that the records do not hold
// (ISO/IEC 20000-1:2011, 6.2, 6.3.2). A nil *Options is the zero Options.
type Options struct {
	// Calendars maps the calendar names that service targets use to
	// calendars.
	Calendars map[string]*calendar.Calendar
	// Periods is the number of earlier periods of the same length compared
	// with the period; 0 means [DefaultPeriods], a negative number none.
	Periods int
	// CountPlanned and Outage are those of [AvailabilityInput].
	CountPlanned bool
	Outage       func(*process.Incident) bool
}

// Report is the content of a service report computed from the records:
// performance against every response and resolution target per priority,
// availability per service, significant events, workload and trends over
// the earlier periods, nonconformities, satisfaction and complaints, and
// the decisions and actions of earlier reports (ISO/IEC 20000-1:2011,
// 6.2). [Report.ServiceReport] turns it into the report record; its
// figures are Go values, and it writes itself as JSON and Markdown.
type Report struct {
	Definition process.ID     `json:"definition,omitzero"`
	Title      string         `json:"title"`
	Services   []process.ID   `json:"services"`
	Customer   process.ID     `json:"customer,omitzero"`
	Agreements []process.ID   `json:"agreements"`
	Period     process.Window `json:"period"`
	// Performance has one row per agreement, target and priority.
	Performance  []TargetPerformance   `json:"performance"`
	Availability []ServiceAvailability `json:"availability"`
	Events       []Event               `json:"events"`
	// Workload counts the records of each kind opened in each period,
	// the earlier periods first and this one last, as Trends lists them.
	Workload        []Workload        `json:"workload"`
	Nonconformities []Nonconformity   `json:"nonconformities"`
	Trends          []Trend           `json:"trends"`
	Satisfaction    Satisfaction      `json:"satisfaction"`
	Decisions       []EarlierDecision `json:"decisions"`
	// Titles holds the titles of the services, agreements and customer
	// the report names, for its readers.
	Titles map[process.ID]string `json:"titles"`
	// Reported lists the records the report reports that may be linked to
	// the report record with [process.LinkReportedIn] (incidents,
	// deployments, invocations, complaints, surveys), each once.
	Reported []process.ID `json:"reported"`
}

// TargetPerformance is how the tickets of one priority did against one
// response or resolution target of an agreement in the period
// (ISO/IEC 20000-1:2011, 6.1, 6.2). A ticket counts when its clock stopped
// in the period, met or breached, or runs at its end (breached or
// running). MetShare is the percentage of Met among Met and Breached,
// rounded to [PercentPlaces] (100 when both are zero); MeanTime and
// MaxTime are the business time used, pauses excluded, by the tickets
// whose clock stopped in the period.
type TargetPerformance struct {
	Agreement process.ID       `json:"agreement"`
	Target    string           `json:"target"`
	Kind      clock.Kind       `json:"kind"`
	Priority  process.Priority `json:"priority"`
	Met       int              `json:"met"`
	Breached  int              `json:"breached"`
	Running   int              `json:"running"`
	MetShare  decimal.Decimal  `json:"metShare"`
	MeanTime  time.Duration    `json:"meanTime"`
	MaxTime   time.Duration    `json:"maxTime"`
	stopped   int
	totalTime time.Duration
}

// Event is a significant event of the period: a major incident, a
// deployment or an invocation of the continuity plan (ISO/IEC
// 20000-1:2011, 6.2).
type Event struct {
	At     time.Time          `json:"at"`
	Kind   process.RecordKind `json:"kind"`
	Record process.ID         `json:"record"`
	Title  string             `json:"title"`
	Status string             `json:"status"`
}

// Workload is the number of records of one kind opened for the services
// in each period, the earlier periods first (ISO/IEC 20000-1:2011, 6.2).
type Workload struct {
	Kind   process.RecordKind `json:"kind"`
	Counts []int              `json:"counts"`
}

// Nonconformity is a nonconformity of the period: a breached target on a
// ticket, a missed availability target, or a nonconformity the SMS
// recorded (kind "nonconformity", read by its header) (ISO/IEC
// 20000-1:2011, 4.5.5, 6.2).
type Nonconformity struct {
	Kind    process.RecordKind `json:"kind"`
	Record  process.ID         `json:"record"`
	Title   string             `json:"title"`
	At      time.Time          `json:"at"`
	Target  string             `json:"target,omitempty"`
	Service process.ID         `json:"service,omitzero"`
	Status  string             `json:"status,omitempty"`
}

// Trend holds the headline figures of one period: tickets' targets met
// and breached, the share met, and the availability of each service
// (ISO/IEC 20000-1:2011, 6.2).
type Trend struct {
	Period       process.Window    `json:"period"`
	Met          int               `json:"met"`
	Breached     int               `json:"breached"`
	MetShare     decimal.Decimal   `json:"metShare"`
	Availability []decimal.Decimal `json:"availability"`
}

// Satisfaction gathers the satisfaction surveys conducted and the
// complaints received in the period (ISO/IEC 20000-1:2011, 6.2, 7.1).
type Satisfaction struct {
	Surveys    []Survey    `json:"surveys"`
	Complaints []Complaint `json:"complaints"`
}

// Survey is one satisfaction survey: Score is the mean of its results as
// a percentage of their scales, rounded to [PercentPlaces] (ISO/IEC
// 20000-1:2011, 7.1).
type Survey struct {
	Record    process.ID      `json:"record"`
	Title     string          `json:"title"`
	Conducted time.Time       `json:"conducted"`
	Score     decimal.Decimal `json:"score"`
	Analysis  string          `json:"analysis"`
}

// Complaint is one complaint received in the period, with its state
// (ISO/IEC 20000-1:2011, 6.2, 7.1).
type Complaint struct {
	Record   process.ID `json:"record"`
	Title    string     `json:"title"`
	Received time.Time  `json:"received"`
	Status   string     `json:"status"`
}

// EarlierDecision is a decision recorded on an earlier report of the
// same definition, with its actions (ISO/IEC 20000-1:2011, 6.2).
type EarlierDecision struct {
	Report process.ID `json:"report"`
	process.ReportDecision
}

// records holds what a report reads from the store.
type records struct {
	slas       []*process.SLA
	incidents  []*process.Incident
	requests   []*process.ServiceRequest
	changes    []*process.RequestForChange
	complaints []*process.Complaint
}

// load reads every record of kind k as a T, or returns an error wrapping
// [process.ErrInvalidValue] for a record of another type.
func load[T process.Record](s process.Store, k process.RecordKind) ([]T, error) {
	var out []T
	for r, err := range s.Records(k) {
		if err != nil {
			return nil, fmt.Errorf("report: %s records: %w", k, err)
		}
		t, ok := r.(T)
		if !ok {
			return nil, fmt.Errorf("report: %s record %T: %w", k, r, process.ErrInvalidValue)
		}
		out = append(out, t)
	}
	return out, nil
}

// covers reports whether the agreement is in effect at some instant of
// the period: agreed (not a draft, not retired) and within its dates.
func covers(s *process.SLA, p process.Window) bool {
	st := s.State()
	return st != process.AgreementDraft && st != process.AgreementRetired &&
		s.Start.Before(p.End) && (s.End.IsZero() || s.End.After(p.Start))
}

// Build computes the service report of definition def (which may be
// nil) for the services of scope over period from the records of s, on
// the calendars and choices of opts (ISO/IEC 20000-1:2011, 6.2). Each
// service is measured under the first agreement in the store that covers
// it and is in effect in the period; tickets are measured by [Ticket] at
// the period's end, availability by [Availability]. Earlier periods have
// the period's length: calendar months when the period runs from a
// month's start to a later one's, else its duration.
//
// It returns an error wrapping [process.ErrRequired] for a nil store, an
// empty scope or a missing period, [process.ErrInvalidValue] for a period
// that ends before it starts, [process.ErrNotFound] for a service no
// agreement covers, and the errors of reading the store and of [Ticket]
// and [Availability].
func Build(s process.Store, def *process.ReportDefinition, scope Scope, period process.Window, opts *Options) (*Report, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	switch {
	case s == nil:
		return nil, fmt.Errorf("report: build: store: %w", process.ErrRequired)
	case len(scope.Services) == 0 && scope.Customer.IsZero():
		return nil, fmt.Errorf("report: build: scope: %w", process.ErrRequired)
	case period.Start.IsZero() || period.End.IsZero():
		return nil, fmt.Errorf("report: build: period: %w", process.ErrRequired)
	case !period.Start.Before(period.End):
		return nil, fmt.Errorf("report: build: period does not end after it starts: %w", process.ErrInvalidValue)
	}
	var recs records
	var err error
	if recs.slas, err = load[*process.SLA](s, process.KindSLA); err != nil {
		return nil, err
	}
	r := &Report{Customer: scope.Customer, Period: period, Services: slices.Clone(scope.Services)}
	if def != nil {
		r.Definition, r.Title = def.ID, def.Title
	}
	for _, a := range recs.slas {
		if !scope.Customer.IsZero() && a.Customer == scope.Customer && covers(a, period) {
			for _, svc := range a.Services {
				if !slices.Contains(r.Services, svc) {
					r.Services = append(r.Services, svc)
				}
			}
		}
	}
	bySvc := make(map[process.ID]*process.SLA, len(r.Services))
	for _, svc := range r.Services {
		i := slices.IndexFunc(recs.slas, func(a *process.SLA) bool { return covers(a, period) && slices.Contains(a.Services, svc) })
		if i < 0 {
			return nil, fmt.Errorf("report: build: no agreement in effect covers service %s: %w", svc.Short(), process.ErrNotFound)
		}
		bySvc[svc] = recs.slas[i]
		if !slices.Contains(r.Agreements, recs.slas[i].ID) {
			r.Agreements = append(r.Agreements, recs.slas[i].ID)
		}
	}
	if err := r.titles(s, recs.slas); err != nil {
		return nil, err
	}
	inScope := func(svc process.ID) bool { _, ok := bySvc[svc]; return ok }
	if recs.incidents, err = load[*process.Incident](s, process.KindIncident); err != nil {
		return nil, err
	}
	recs.incidents = slices.DeleteFunc(recs.incidents, func(i *process.Incident) bool { return !inScope(i.Service) })
	if recs.requests, err = load[*process.ServiceRequest](s, process.KindServiceRequest); err != nil {
		return nil, err
	}
	recs.requests = slices.DeleteFunc(recs.requests, func(q *process.ServiceRequest) bool { return !inScope(q.Service) })
	if recs.changes, err = load[*process.RequestForChange](s, process.KindRequestForChange); err != nil {
		return nil, err
	}
	recs.changes = slices.DeleteFunc(recs.changes, func(c *process.RequestForChange) bool { return !slices.ContainsFunc(c.Services, inScope) })
	customers := customersOf(r.Agreements, recs.slas)
	if recs.complaints, err = load[*process.Complaint](s, process.KindComplaint); err != nil {
		return nil, err
	}
	recs.complaints = slices.DeleteFunc(recs.complaints, func(c *process.Complaint) bool { return !slices.Contains(customers, c.Customer) })

	periods := earlier(period, cmp.Or(o.Periods, DefaultPeriods))
	for i, p := range periods {
		f, err := measure(&recs, bySvc, r.Services, p, &o)
		if err != nil {
			return nil, err
		}
		r.Trends = append(r.Trends, f.trend)
		if i == len(periods)-1 {
			r.Performance, r.Availability = f.performance, f.availability
			r.Nonconformities = f.breaches
		}
	}
	r.Workload = workload(&recs, periods)
	if err := r.events(s, &recs, inScope); err != nil {
		return nil, err
	}
	if err := r.nonconformities(s); err != nil {
		return nil, err
	}
	if err := r.satisfaction(s, &recs, customers); err != nil {
		return nil, err
	}
	if def != nil {
		if err := r.decisions(s, def.ID); err != nil {
			return nil, err
		}
	}
	r.reported()
	return r, nil
}

// titles records the titles of the report's services, agreements and
// customer.
func (r *Report) titles(s process.Store, slas []*process.SLA) error {
	r.Titles = map[process.ID]string{}
	for _, a := range slas {
		if slices.Contains(r.Agreements, a.ID) {
			r.Titles[a.ID] = a.Title
		}
	}
	ids := slices.Clone(r.Services)
	if !r.Customer.IsZero() {
		ids = append(ids, r.Customer)
	}
	for _, id := range ids {
		rec, err := s.Get(id)
		if err != nil {
			return fmt.Errorf("report: build: %w", err)
		}
		r.Titles[id] = rec.Meta().Title
	}
	return nil
}

// customersOf returns the customers of the agreements.
func customersOf(ids []process.ID, slas []*process.SLA) []process.ID {
	var out []process.ID
	for _, a := range slas {
		if slices.Contains(ids, a.ID) && !slices.Contains(out, a.Customer) {
			out = append(out, a.Customer)
		}
	}
	return out
}

// earlier returns n periods of p's length before p, then p, oldest first.
func earlier(p process.Window, n int) []process.Window {
	n = max(n, 0)
	months := 0
	if s := p.Start; s.Day() == 1 && s.Hour() == 0 && s.Minute() == 0 && s.Second() == 0 && s.Nanosecond() == 0 {
		for m := 1; m <= 12*100; m++ {
			e := s.AddDate(0, m, 0)
			if e.Equal(p.End) {
				months = m
				break
			}
			if e.After(p.End) {
				break
			}
		}
	}
	out := make([]process.Window, n+1)
	for i := range out {
		k := n - i
		if months > 0 {
			out[i] = process.Window{Start: p.Start.AddDate(0, -months*k, 0), End: p.Start.AddDate(0, -months*(k-1), 0)}
		} else {
			d := p.End.Sub(p.Start)
			out[i] = process.Window{Start: p.Start.Add(-d * time.Duration(k)), End: p.End.Add(-d * time.Duration(k))}
		}
	}
	return out
}

// figures are what [measure] computes for one period.
type figures struct {
	performance  []TargetPerformance
	availability []ServiceAvailability
	breaches     []Nonconformity
	trend        Trend
}

// in reports whether t lies in the period p: at or after its start,
// before its end.
func in(p process.Window, t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// measure computes the performance and availability figures of the
// period p.
func measure(recs *records, bySvc map[process.ID]*process.SLA, services []process.ID, p process.Window, o *Options) (figures, error) {
	var f figures
	rows := map[perfKey]*TargetPerformance{}
	var order []perfKey
	count := func(r process.Record) error {
		t, err := ticketOf(r)
		if err != nil || !t.h.Created.Before(p.End) || (t.done && t.lastMove().Before(p.Start)) {
			// Not yet logged, or finished before the period: its clocks
			// stopped before it starts.
			return err
		}
		sla := bySvc[t.service]
		st, err := t.status(sla, o.Calendars, clock.Timeline(t.h), p.End)
		if err != nil {
			return err
		}
		for _, c := range st.Targets {
			stopped := c.State == clock.Met || (c.State == clock.Breached && !c.Stopped.IsZero())
			switch {
			case c.State == clock.Cancelled || c.State == clock.NotStarted:
				continue
			case stopped && !in(p, c.Stopped):
				continue
			}
			k := perfKey{sla.ID, c.Target, st.Priority}
			row := rows[k]
			if row == nil {
				row = &TargetPerformance{Agreement: sla.ID, Target: c.Target, Kind: c.Kind, Priority: st.Priority}
				rows[k] = row
				order = append(order, k)
			}
			switch {
			case c.Breached:
				row.Breached++
				at := c.Deadline
				f.breaches = append(f.breaches, Nonconformity{Kind: t.h.Kind, Record: t.h.ID, Title: t.h.Title, At: at, Target: c.Target, Service: t.service, Status: t.h.Status})
			case c.State == clock.Met:
				row.Met++
			default:
				row.Running++
			}
			if stopped {
				row.stopped++
				row.totalTime += c.Elapsed
				row.MaxTime = max(row.MaxTime, c.Elapsed)
			}
		}
		return nil
	}
	for _, i := range recs.incidents {
		if err := count(i); err != nil {
			return f, err
		}
	}
	for _, q := range recs.requests {
		if err := count(q); err != nil {
			return f, err
		}
	}
	rank := make(map[process.ID]int, len(recs.slas))
	for i, a := range recs.slas {
		rank[a.ID] = i
	}
	slices.SortFunc(order, func(a, b perfKey) int {
		return cmp.Or(rank[a.agreement]-rank[b.agreement],
			int(a.priority-b.priority), targetRank(rows[a].Kind)-targetRank(rows[b].Kind), cmp.Compare(a.target, b.target))
	})
	for _, k := range order {
		row := rows[k]
		row.MetShare = percent(time.Duration(row.Met), time.Duration(row.Met+row.Breached))
		if row.stopped > 0 {
			row.MeanTime = row.totalTime / time.Duration(row.stopped)
		}
		f.performance = append(f.performance, *row)
		f.trend.Met += row.Met
		f.trend.Breached += row.Breached
	}
	f.trend.Period = p
	f.trend.MetShare = percent(time.Duration(f.trend.Met), time.Duration(f.trend.Met+f.trend.Breached))
	slices.SortFunc(f.breaches, func(a, b Nonconformity) int { return cmp.Or(a.At.Compare(b.At), a.Record.Compare(b.Record)) })
	for _, svc := range services {
		a, err := Availability(AvailabilityInput{Agreement: bySvc[svc], Service: svc, Period: p, Incidents: recs.incidents,
			Changes: recs.changes, Calendars: o.Calendars, CountPlanned: o.CountPlanned, Outage: o.Outage})
		if err != nil {
			return f, err
		}
		f.availability = append(f.availability, a)
		f.trend.Availability = append(f.trend.Availability, a.Achieved)
		if !a.Met {
			f.breaches = append(f.breaches, Nonconformity{Kind: process.KindSLA, Record: a.Agreement, Title: "availability below target",
				At: p.End, Target: a.Target, Service: svc})
		}
	}
	return f, nil
}

// perfKey identifies a row of performance.
type perfKey struct {
	agreement process.ID
	target    string
	priority  process.Priority
}

// targetRank orders first response before resolution.
func targetRank(k clock.Kind) int {
	if k == clock.FirstResponse {
		return 0
	}
	return 1
}

// workload counts the incidents, service requests, changes and
// complaints opened in each period.
func workload(recs *records, periods []process.Window) []Workload {
	counts := func(k process.RecordKind, created func(yield func(time.Time))) Workload {
		w := Workload{Kind: k, Counts: make([]int, len(periods))}
		created(func(t time.Time) {
			for i, p := range periods {
				if in(p, t) {
					w.Counts[i]++
				}
			}
		})
		return w
	}
	return []Workload{
		counts(process.KindIncident, func(y func(time.Time)) {
			for _, r := range recs.incidents {
				y(r.Created)
			}
		}),
		counts(process.KindServiceRequest, func(y func(time.Time)) {
			for _, r := range recs.requests {
				y(r.Created)
			}
		}),
		counts(process.KindRequestForChange, func(y func(time.Time)) {
			for _, r := range recs.changes {
				y(r.Created)
			}
		}),
		counts(process.KindComplaint, func(y func(time.Time)) {
			for _, r := range recs.complaints {
				y(r.Received)
			}
		}),
	}
}

// events gathers the significant events of the period: major incidents
// declared on the services, deployments of releases that implement
// changes to them, and invocations of continuity plans that cover them.
func (r *Report) events(s process.Store, recs *records, inScope func(process.ID) bool) error {
	for _, i := range recs.incidents {
		if i.Major && in(r.Period, i.MajorDeclared) {
			r.Events = append(r.Events, Event{At: i.MajorDeclared, Kind: i.Kind, Record: i.ID, Title: i.Title, Status: i.Status})
		}
	}
	changes := make(map[process.ID]bool, len(recs.changes))
	for _, c := range recs.changes {
		changes[c.ID] = true
	}
	deployments, err := load[*process.Deployment](s, process.KindDeployment)
	if err != nil {
		return err
	}
	releases := map[process.ID]bool{}
	for _, d := range deployments {
		if !in(r.Period, d.Window.Start) {
			continue
		}
		ok, seen := releases[d.Release]
		if !seen {
			rec, err := s.Get(d.Release)
			if err != nil {
				return fmt.Errorf("report: %s: %w", d.Subject(), err)
			}
			rel, _ := rec.(*process.Release)
			ok = rel != nil && slices.ContainsFunc(rel.Changes, func(id process.ID) bool { return changes[id] })
			releases[d.Release] = ok
		}
		if ok {
			r.Events = append(r.Events, Event{At: d.Window.Start, Kind: d.Kind, Record: d.ID, Title: d.Title, Status: d.Status})
		}
	}
	invocations, err := load[*process.ContinuityInvocation](s, process.KindContinuityInvocation)
	if err != nil {
		return err
	}
	for _, c := range invocations {
		if !in(r.Period, c.Invoked) {
			continue
		}
		rec, err := s.Get(c.Plan)
		if err != nil {
			return fmt.Errorf("report: %s: %w", c.Subject(), err)
		}
		if plan, _ := rec.(*process.ContinuityPlan); plan != nil && slices.ContainsFunc(plan.Services, inScope) {
			r.Events = append(r.Events, Event{At: c.Invoked, Kind: c.Kind, Record: c.ID, Title: c.Title, Status: c.Status})
		}
	}
	slices.SortFunc(r.Events, func(a, b Event) int { return cmp.Or(a.At.Compare(b.At), a.Record.Compare(b.Record)) })
	return nil
}

// nonconformities adds the nonconformities the SMS recorded in the
// period, read by their headers alone (the records belong to package
// sms, which this package cannot import).
func (r *Report) nonconformities(s process.Store) error {
	for rec, err := range s.Records(process.KindNonconformity) {
		if err != nil {
			return fmt.Errorf("report: %s records: %w", process.KindNonconformity, err)
		}
		h := rec.Meta()
		if in(r.Period, h.Created) {
			r.Nonconformities = append(r.Nonconformities, Nonconformity{Kind: h.Kind, Record: h.ID, Title: h.Title, At: h.Created, Status: h.Status})
		}
	}
	slices.SortStableFunc(r.Nonconformities, func(a, b Nonconformity) int { return cmp.Or(a.At.Compare(b.At), a.Record.Compare(b.Record)) })
	return nil
}

// satisfaction gathers the surveys of the customers (or of no customer)
// conducted in the period and their complaints received in it.
func (r *Report) satisfaction(s process.Store, recs *records, customers []process.ID) error {
	surveys, err := load[*process.SatisfactionSurvey](s, process.KindSatisfactionSurvey)
	if err != nil {
		return err
	}
	r.Satisfaction = Satisfaction{Surveys: []Survey{}, Complaints: []Complaint{}}
	for _, v := range surveys {
		if !in(r.Period, v.Conducted) || (!v.Customer.IsZero() && !slices.Contains(customers, v.Customer)) {
			continue
		}
		r.Satisfaction.Surveys = append(r.Satisfaction.Surveys, Survey{Record: v.ID, Title: v.Title, Conducted: v.Conducted, Score: score(v.Results), Analysis: v.Analysis})
	}
	for _, c := range recs.complaints {
		if in(r.Period, c.Received) {
			r.Satisfaction.Complaints = append(r.Satisfaction.Complaints, Complaint{Record: c.ID, Title: c.Title, Received: c.Received, Status: c.Status})
		}
	}
	return nil
}

// score returns the mean of the results as a percentage of their scales,
// skipping results without a positive scale.
func score(results []process.SurveyResult) decimal.Decimal {
	sum, n := decimal.Zero, 0
	for _, x := range results {
		if x.Scale.IsPositive() {
			sum = sum.Add(x.Score.Mul(decimal.NewFromInt(100)).DivRound(x.Scale, 2*PercentPlaces))
			n++
		}
	}
	if n == 0 {
		return decimal.Zero
	}
	return sum.DivRound(decimal.NewFromInt(int64(n)), PercentPlaces)
}

// decisions gathers the decisions of earlier reports of the definition,
// those whose period ended by this one's start, oldest first.
func (r *Report) decisions(s process.Store, def process.ID) error {
	reports, err := load[*process.ServiceReport](s, process.KindServiceReport)
	if err != nil {
		return err
	}
	slices.SortStableFunc(reports, func(a, b *process.ServiceReport) int { return a.PeriodEnd.Compare(b.PeriodEnd) })
	for _, e := range reports {
		if e.Definition != def || e.PeriodEnd.After(r.Period.Start) {
			continue
		}
		for _, d := range e.Decisions {
			r.Decisions = append(r.Decisions, EarlierDecision{Report: e.ID, ReportDecision: d})
		}
	}
	return nil
}

// reported lists the records the report reports that may link to it
// ([process.LinkType.Allows]), each once, in the order the report names
// them.
func (r *Report) reported() {
	seen := map[process.ID]bool{}
	add := func(id process.ID, k process.RecordKind) {
		if process.LinkReportedIn.Allows(k, process.KindServiceReport) && !seen[id] {
			seen[id] = true
			r.Reported = append(r.Reported, id)
		}
	}
	for _, e := range r.Events {
		add(e.Record, e.Kind)
	}
	for _, n := range r.Nonconformities {
		add(n.Record, n.Kind)
	}
	for _, a := range r.Availability {
		for _, o := range a.Investigate() {
			add(o.Record, o.Kind)
		}
	}
	for _, v := range r.Satisfaction.Surveys {
		add(v.Record, process.KindSatisfactionSurvey)
	}
	for _, c := range r.Satisfaction.Complaints {
		add(c.Record, process.KindComplaint)
	}
}
