package interfaces

import (
	"cmp"
	"slices"
	"time"

	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/process"
)

// The indexes the library's rules share. Each is built once per audit or
// Related call, from the records of the kinds it names, and its value does
// not depend on the order the store yields them in.

// dated is a record and a time that matters about it.
type dated struct {
	ref RecordRef
	at  time.Time
}

// later returns the later of d and e; on a tie, the one of lower ID.
func (d dated) later(e dated) dated {
	if e.at.After(d.at) || e.at.Equal(d.at) && !e.at.IsZero() && e.ref.ID.Compare(d.ref.ID) < 0 {
		return e
	}
	return d
}

// earlier returns the earlier of d and e (a zero d counts as none); on a
// tie, the one of lower ID.
func (d dated) earlier(e dated) dated {
	if d.ref.ID.IsZero() || e.at.Before(d.at) || e.at.Equal(d.at) && e.ref.ID.Compare(d.ref.ID) < 0 {
		return e
	}
	return d
}

func byID(x, y process.Record) int { return x.Meta().ID.Compare(y.Meta().ID) }

var (
	// continuityPlans: service → the continuity and availability plans
	// that cover it (6.3.2).
	continuityPlans = servicesIndex(process.KindContinuityPlan, process.KindAvailabilityPlan)
	// agreements: service → its SLAs.
	agreements = servicesIndex(process.KindSLA)
	// contracts: service → the supplier contracts it depends on.
	contracts = servicesIndex(process.KindSupplierContract)

	// supplierContracts: supplier → its contracts.
	supplierContracts = groupBy(process.KindSupplierContract, process.KindSupplier, func(r process.Record) process.ID {
		if x, ok := r.(*process.SupplierContract); ok {
			return x.Supplier
		}
		return process.ID{}
	})
	// raisedByPlan: the requests for change a service plan raised.
	raisedByPlan = NewIndex(func(c *Context) map[process.ID]bool {
		m := make(map[process.ID]bool)
		for _, r := range c.Records(process.KindServicePlan) {
			for _, l := range r.Meta().Links {
				if l.Type == process.LinkRaised && l.Kind == process.KindRequestForChange {
					m[l.To] = true
				}
			}
		}
		return m
	})
	// problemsLinking: incident → the problems that link to it or list it.
	problemsLinking = NewIndex(func(c *Context) map[process.ID][]process.ID {
		m := make(map[process.ID][]process.ID)
		for _, r := range c.Records(process.KindProblem) {
			h := r.Meta()
			for _, l := range h.Links {
				if l.Kind == process.KindIncident {
					m[l.To] = append(m[l.To], h.ID)
				}
			}
			if p, ok := r.(*process.Problem); ok {
				for _, inc := range p.Incidents {
					m[inc] = append(m[inc], h.ID)
				}
			}
		}
		return m
	})

	// reportsAbout: record → when a service report last linked it.
	reportsAbout = latestAbout(process.KindServiceReport, nil, func(r process.Record) time.Time { return r.Meta().Created })
	// serviceReviews: SLA, customer or service → when a service review last
	// named it (7.1).
	serviceReviews = latestAbout(process.KindServiceReview,
		func(r process.Record) []process.ID {
			if x, ok := r.(*process.ServiceReview); ok {
				return []process.ID{x.Customer}
			}
			return nil
		},
		func(r process.Record) time.Time {
			if x, ok := r.(*process.ServiceReview); ok && !x.Held.IsZero() {
				return x.Held
			}
			return r.Meta().Created
		})
	// supplierReviews: contract or supplier → when a supplier review last
	// named it (7.2).
	supplierReviews = latestAbout(process.KindSupplierReview,
		func(r process.Record) []process.ID {
			if x, ok := r.(*process.SupplierReview); ok {
				return []process.ID{x.Supplier, x.Contract}
			}
			return nil
		},
		func(r process.Record) time.Time {
			if x, ok := r.(*process.SupplierReview); ok && !x.Held.IsZero() {
				return x.Held
			}
			return r.Meta().Created
		})

	// measurementsReported: agreement → when a service report that holds
	// one of its target measurements was last made (6.1, 6.2).
	measurementsReported = NewIndex(func(c *Context) latest {
		l := make(latest)
		for _, r := range c.Records(process.KindTargetMeasurement) {
			h := r.Meta()
			var agreed []process.ID
			for _, lk := range h.Links {
				if lk.Kind == process.KindSLA || lk.Kind == process.KindOLA {
					agreed = append(agreed, lk.To)
				}
			}
			if x, ok := r.(*process.TargetMeasurement); ok {
				agreed = append(agreed, x.Agreement)
			}
			for _, lk := range h.Links {
				if lk.Kind != process.KindServiceReport {
					continue
				}
				if rep := c.Get(lk.To); rep != nil {
					for _, a := range agreed {
						l.note(a, rep.Meta().Created)
					}
				}
			}
		}
		return l
	})

	// lastReport: when the latest service report was made.
	lastReport = NewIndex(func(c *Context) time.Time {
		var last time.Time
		for _, r := range c.Records(process.KindServiceReport) {
			if t := r.Meta().Created; t.After(last) {
				last = t
			}
		}
		return last
	})

	// securityReviews: what the security incident reviews covered (6.6.3).
	securityReviews = NewIndex(func(c *Context) sirFacts {
		f := sirFacts{about: make(map[process.ID]bool)}
		for _, r := range c.Records(process.KindSecurityIncidentReview) {
			h := r.Meta()
			end := h.Created
			if x, ok := r.(*process.SecurityIncidentReview); ok && !x.PeriodStart.IsZero() && !x.PeriodEnd.IsZero() {
				f.periods = append(f.periods, process.Window{Start: x.PeriodStart, End: x.PeriodEnd})
				end = x.PeriodEnd
			}
			if end.After(f.last) {
				f.last = end
			}
			for _, l := range h.Links {
				if l.Kind == process.KindIncident {
					f.about[l.To] = true
				}
			}
		}
		return f
	})

	// capacityRequirements: SLA → the capacity requirements drawn from it.
	capacityRequirements = groupBy(process.KindCapacityRequirement, process.KindSLA, func(r process.Record) process.ID {
		if x, ok := r.(*capacity.Requirement); ok {
			return x.SLA
		}
		return process.ID{}
	})

	// catalogued: the services some service catalogue in force lists.
	catalogued = NewIndex(func(c *Context) map[process.ID]bool {
		m := make(map[process.ID]bool)
		for _, r := range c.Records(process.KindServiceCatalogue) {
			h := r.Meta()
			if slices.Contains(retiredStates, h.Status) {
				continue
			}
			for _, s := range h.Linked(process.LinkService) {
				m[s] = true
			}
			if x, ok := r.(*process.ServiceCatalogue); ok {
				for _, e := range x.Entries {
					m[e.Service] = true
				}
			}
		}
		return m
	})

	// knownErrors: problem → its earliest known error, with when it was
	// recorded.
	knownErrors = NewIndex(func(c *Context) map[process.ID]dated {
		made := make(map[process.ID]time.Time)
		m := make(map[process.ID]dated)
		note := func(problem process.ID, ke RecordRef, at time.Time) {
			if !problem.IsZero() {
				m[problem] = m[problem].earlier(dated{ref: ke, at: at})
			}
		}
		for _, r := range c.Records(process.KindKnownError) {
			h := r.Meta()
			made[h.ID] = h.Created
			for _, l := range h.Links {
				if l.Kind == process.KindProblem {
					note(l.To, refOf(h), h.Created)
				}
			}
			if x, ok := r.(*process.KnownError); ok {
				note(x.Problem, refOf(h), h.Created)
			}
		}
		for _, r := range c.Records(process.KindProblem) {
			h := r.Meta()
			kes := h.Linked(process.LinkKnownError)
			if x, ok := r.(*process.Problem); ok && !x.KnownError.IsZero() {
				kes = append(kes, x.KnownError)
			}
			for _, ke := range kes {
				if at, ok := made[ke]; ok {
					note(h.ID, RecordRef{Kind: process.KindKnownError, ID: ke}, at)
				}
			}
		}
		return m
	})

	// byCI: configuration item → the incidents on it and the releases that
	// changed it, each by time: one index, so that an incident's rules
	// look each of its CIs up once.
	byCI = NewIndex(func(c *Context) map[process.ID]*ciFacts {
		m := make(map[process.ID]*ciFacts)
		of := func(ci process.ID) *ciFacts {
			f := m[ci]
			if f == nil {
				f = &ciFacts{}
				m[ci] = f
			}
			return f
		}
		for _, r := range c.Records(process.KindIncident) {
			h := r.Meta()
			for i, l := range h.Links {
				if l.Type != process.LinkAffects || slices.ContainsFunc(h.Links[:i], func(x process.Link) bool { return x.Type == l.Type && x.To == l.To }) {
					continue
				}
				f := of(l.To)
				f.incidents = append(f.incidents, incidentAt{at: h.Created.UnixNano(), h: h})
			}
		}
		for _, r := range c.Records(process.KindRelease) {
			h := r.Meta()
			at, ok := releaseDeployed(c, r, h)
			if !ok {
				continue
			}
			for _, l := range h.Links {
				if l.Type == process.LinkAffects {
					f := of(l.To)
					f.releases = append(f.releases, dated{ref: refOf(h), at: at})
				}
			}
		}
		for _, f := range m {
			slices.SortFunc(f.incidents, func(x, y incidentAt) int {
				if x.at != y.at {
					return cmp.Compare(x.at, y.at)
				}
				return x.h.ID.Compare(y.h.ID)
			})
			slices.SortFunc(f.releases, func(x, y dated) int {
				if c := x.at.Compare(y.at); c != 0 {
					return c
				}
				return x.ref.ID.Compare(y.ref.ID)
			})
		}
		return m
	})

	// scheduled: the changes some schedule of change lists.
	scheduled = NewIndex(func(c *Context) map[process.ID]bool {
		m := make(map[process.ID]bool)
		for _, r := range c.Records(process.KindScheduleOfChange) {
			for _, l := range r.Meta().Links {
				if l.Kind == process.KindRequestForChange {
					m[l.To] = true
				}
			}
			if s, ok := r.(*process.ScheduleOfChange); ok {
				for _, e := range s.Entries {
					m[e.Change] = true
				}
			}
		}
		return m
	})

	// deployments: release → when a deployment of it was first recorded.
	deployments = NewIndex(func(c *Context) map[process.ID]time.Time {
		m := make(map[process.ID]time.Time)
		for _, r := range c.Records(process.KindDeployment) {
			h := r.Meta()
			at, ok := reached(h, doneOrLive)
			if !ok {
				at = h.Created
			}
			rels := h.Linked(process.LinkDeploys)
			if d, ok := r.(*process.Deployment); ok && !d.Release.IsZero() {
				rels = append(rels, d.Release)
			}
			for _, rel := range rels {
				if prev, seen := m[rel]; !seen || at.Before(prev) {
					m[rel] = at
				}
			}
		}
		return m
	})

	// majorChanges: the changes with potential major impact: the latest
	// completed, overall and per service, and the approved ones per service.
	majorChanges = NewIndex(func(c *Context) majorFacts {
		f := majorFacts{bySvc: make(map[process.ID]dated), approved: make(byService)}
		for _, r := range c.Records(process.KindRequestForChange) {
			h := r.Meta()
			if ok := everApproved(h); !ok || !c.majorChange(r) {
				continue
			}
			svcs := servicesOf(r, h)
			for _, s := range svcs {
				f.approved[s] = append(f.approved[s], r)
			}
			at, ok := reached(h, completedStates)
			if !ok {
				continue
			}
			d := dated{ref: refOf(h), at: at}
			f.any = f.any.later(d)
			for _, s := range svcs {
				f.bySvc[s] = f.bySvc[s].later(d)
			}
		}
		for s := range f.approved {
			slices.SortFunc(f.approved[s], byID)
		}
		return f
	})

	// planTests: continuity or availability plan → when it was last tested.
	planTests = NewIndex(func(c *Context) map[process.ID]time.Time {
		m := make(map[process.ID]time.Time)
		note := func(plan process.ID, at time.Time) {
			if at.After(m[plan]) {
				m[plan] = at
			}
		}
		performed := func(r process.Record) time.Time {
			if t, ok := r.(*process.PlanTest); ok && !t.Performed.IsZero() {
				return t.Performed
			}
			return r.Meta().Created
		}
		for _, r := range c.Records(process.KindPlanTest) {
			h := r.Meta()
			if t, ok := r.(*process.PlanTest); ok && !t.Plan.IsZero() {
				note(t.Plan, performed(r))
			}
			for _, l := range h.Links {
				if l.Kind == process.KindContinuityPlan || l.Kind == process.KindAvailabilityPlan {
					note(l.To, performed(r))
				}
			}
		}
		for _, k := range []process.RecordKind{process.KindContinuityPlan, process.KindAvailabilityPlan} {
			for _, r := range c.Records(k) {
				for _, l := range r.Meta().Links {
					if l.Kind == process.KindPlanTest {
						if t := c.Get(l.To); t != nil {
							note(r.Meta().ID, performed(t))
						}
					}
				}
			}
		}
		return m
	})
)

// ciFacts is what the byCI index holds for one configuration item.
type ciFacts struct {
	incidents []incidentAt
	releases  []dated
}

// incidentAt is an incident on a CI and when it was raised (Unix
// nanoseconds, for a small entry: the index holds one per incident and CI).
type incidentAt struct {
	at int64
	h  *process.Header
}

// groupBy returns an index of the records of kind k by the records of kind
// key they link to or (for typed records) name in the field typed
// returns, each group by ID.
func groupBy(k, key process.RecordKind, typed func(process.Record) process.ID) *Index[map[process.ID][]process.Record] {
	return NewIndex(func(c *Context) map[process.ID][]process.Record {
		m := make(map[process.ID][]process.Record)
		for _, r := range c.Records(k) {
			var keys []process.ID
			for _, l := range r.Meta().Links {
				if l.Kind == key {
					keys = append(keys, l.To)
				}
			}
			keys = append(keys, typed(r))
			slices.SortFunc(keys, process.ID.Compare)
			for _, id := range slices.Compact(keys) {
				if !id.IsZero() {
					m[id] = append(m[id], r)
				}
			}
		}
		for id := range m {
			slices.SortFunc(m[id], byID)
		}
		return m
	})
}

// sirFacts is what the security incident reviews covered: the incidents
// they name, the periods they cover, and the end of the latest.
type sirFacts struct {
	about   map[process.ID]bool
	periods []process.Window
	last    time.Time
}

// majorFacts is the latest change with potential major impact completed,
// overall and per service, and the approved ones per service.
type majorFacts struct {
	any      dated
	bySvc    map[process.ID]dated
	approved byService
}

// majorChange reports whether a change has potential major impact: as it
// says, or, for a record that cannot say, when a service plan raised it
// (such changes go through design and transition, 5.1).
func (c *Context) majorChange(r process.Record) bool {
	switch r.(type) {
	case *process.RequestForChange, majorFlag:
		return majorOf(r)
	}
	return raisedByPlan.Of(c)[r.Meta().ID]
}
