package interfaces

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/process"
)

// covers reports whether a record created at created and last changed at
// updated was live during the audit period p: created before its end,
// changed at or after its start. A zero Start or End leaves that side of
// the period open.
func covers(p process.Window, created, updated time.Time) bool {
	if !p.End.IsZero() && !created.Before(p.End) {
		return false
	}
	if updated.IsZero() || updated.Before(created) {
		updated = created
	}
	return p.Start.IsZero() || !updated.Before(p.Start)
}

// started reports whether t is before the end of p.
func started(p process.Window, t time.Time) bool { return p.End.IsZero() || t.Before(p.End) }

// RecordRef names a record in a finding: its kind, ID and title.
type RecordRef struct {
	Kind  process.RecordKind `json:"kind"`
	ID    process.ID         `json:"id"`
	Title string             `json:"title,omitempty"`
}

func refOf(h *process.Header) RecordRef { return RecordRef{Kind: h.Kind, ID: h.ID, Title: h.Title} }

// String names the record as messages do: "release 0190a3c1".
func (r RecordRef) String() string { return process.Subject(r.Kind, r.ID) }

// Rule is one check [Audit] makes on live records: a required interface of
// the graph that records can show to be missing. Rules are data: [AuditRules]
// lists them, each with the interface (its ends and the kind of record it
// reads) and the clause of ISO/IEC 20000-1:2011 that requires it.
type Rule struct {
	// Name identifies the rule ("release-baseline").
	Name string `json:"name"`
	// From and To are the ends of the interface the rule checks; Audit
	// cites the graph's first edge between them and skips the rule when
	// the graph has none.
	From NodeID `json:"from"`
	To   NodeID `json:"to"`
	// Kind is the kind of record the rule is about: Audit reads each
	// record of this kind in the period once.
	Kind process.RecordKind `json:"kind"`
	// Clause is the clause of ISO/IEC 20000-1:2011 the rule rests on.
	Clause string `json:"clause"`
	// Description says in our words what the rule finds.
	Description string `json:"description"`

	check func(a *auditor, r process.Record, h *process.Header) []finding
}

// finding is what a rule's check returns: a message and the other records
// it names (the record checked comes first in the AuditFinding).
type finding struct {
	msg     string
	related []RecordRef
}

// States the rules read from a record's status and history. The record
// types of package process use some of these names; a host's own types may
// use others, so the sets are generous.
var (
	approvedStates  = []string{"approved", "authorised", "authorized", "scheduled", "building", "built", "testing", "tested", "implementing", "implemented", "deploying", "deployed", "completed", "successful", "failed", "unsuccessful", "backed-out", "rolled-back", "reviewed"}
	completedStates = []string{"implemented", "deployed", "completed", "succeeded", "successful", "reviewed"}
	failedStates    = []string{"failed", "unsuccessful", "backed-out", "rolled-back"}
	deployedStates  = []string{"deployed", "live", "released", "early-life-support", "reviewed"}
	resolvedStates  = []string{"resolved", "closed", "fulfilled"}
	hiddenStates    = []string{"draft", "unpublished", "hidden"}
	needsChange     = []string{"awaiting-change", "change-required", "pending-change", "change-raised"}
)

// reached returns when h first moved into one of the states (from its
// history), or its Updated time if it is in one of them with no such move
// recorded, and whether it ever reached one.
func reached(h *process.Header, states []string) (time.Time, bool) {
	for _, e := range h.History {
		if e.Action == process.ActionMoved && slices.Contains(states, e.To) {
			return e.At, true
		}
	}
	if slices.Contains(states, h.Status) {
		return h.Updated, true
	}
	return time.Time{}, false
}

// approved reports whether a request for change was ever approved: an
// approval in its history or a state that only approved changes reach.
func approved(h *process.Header) (time.Time, bool) {
	for _, e := range h.History {
		if e.Action == process.ActionApproved {
			return e.At, true
		}
	}
	return reached(h, approvedStates)
}

// Optional methods that typed records may have and the rules use when they
// do; records without them are judged on their header.
type (
	majorFlag interface{ IsMajor() bool }
	// needsChangeFlag is a problem whose resolution needs a change (8.2).
	needsChangeFlag interface{ NeedsChange() bool }
	// visibleFlag is a known error and whether incident management can see it (8.1).
	visibleFlag interface{ Visible() bool }
	// securityFlag is an incident that says whether it is a security incident (6.6.3).
	securityFlag interface{ IsSecurity() bool }
)

// majorOf reports whether a record says itself that it is major: a
// [process.Incident] declared major (8.1), a [process.RequestForChange] with
// potential major impact (9.2, 5.1), or any record with an IsMajor method;
// known is false when the record does not say.
func majorOf(r process.Record) (major, known bool) {
	switch x := r.(type) {
	case *process.Incident:
		return x.Major, true
	case *process.RequestForChange:
		return x.MajorImpact, true
	case majorFlag:
		return x.IsMajor(), true
	}
	return false, false
}

// needsChangeOf reports whether a problem's resolution needs a change: as
// a [process.Problem] or a NeedsChange method says, or else by its
// status (8.2).
func needsChangeOf(r process.Record, h *process.Header) bool {
	switch x := r.(type) {
	case *process.Problem:
		return x.NeedsChange
	case needsChangeFlag:
		return x.NeedsChange()
	}
	return slices.Contains(needsChange, h.Status)
}

// isMajor reports whether an incident or a change is major: as the record
// says (see majorOf), or else for an incident, a link to a major incident
// review; for a change, a link from a service plan (changes with potential
// major impact go through design and transition, 5.1).
func (a *auditor) isMajor(r process.Record, h *process.Header) bool {
	if m, ok := majorOf(r); ok {
		return m
	}
	switch h.Kind {
	case process.KindIncident:
		return linksKind(h, process.LinkReviewedBy, process.KindMajorIncidentReview)
	case process.KindRequestForChange:
		return a.raisedByPlan[h.ID]
	}
	return false
}

func linksKind(h *process.Header, t process.LinkType, k process.RecordKind) bool {
	for _, l := range h.Links {
		if l.Type == t && l.Kind == k {
			return true
		}
	}
	return false
}

func linkedKind(h *process.Header, k process.RecordKind) bool {
	for _, l := range h.Links {
		if l.Kind == k {
			return true
		}
	}
	return false
}

// auditRules is the library's rules, in the order Audit reports them.
var auditRules = []Rule{
	{Name: "release-baseline", From: cfg, To: rdm, Kind: process.KindRelease, Clause: "9.1",
		Description: "a deployed release with no configuration baseline taken before its deployment",
		check:       (*auditor).releaseBaseline},
	{Name: "release-change", From: chg, To: rdm, Kind: process.KindRelease, Clause: "9.2",
		Description: "a deployed release that implements no request for change",
		check:       (*auditor).releaseChange},
	{Name: "release-review", From: rdm, To: chg, Kind: process.KindRelease, Clause: "9.3",
		Description: "a deployed release, more than the post-deployment window ago, with no post-deployment review",
		check:       (*auditor).releaseReview},
	{Name: "service-plan-change", From: dt, To: chg, Kind: process.KindServicePlan, Clause: "5.1",
		Description: "a new or changed service designed or built with no request for change raised for it",
		check:       (*auditor).servicePlanChange},
	{Name: "change-scheduled", From: chg, To: rdm, Kind: process.KindRequestForChange, Clause: "9.2",
		Description: "an approved change that never reached a schedule of change",
		check:       (*auditor).changeScheduled},
	{Name: "change-security", From: chg, To: ism, Kind: process.KindRequestForChange, Clause: "6.6.3",
		Description: "an approved change with no security risk assessment",
		check:       (*auditor).changeSecurity},
	{Name: "change-ci", From: chg, To: cfg, Kind: process.KindRequestForChange, Clause: "9.1",
		Description: "a completed change linked to no configuration item",
		check:       (*auditor).changeCI},
	{Name: "problem-rfc", From: prb, To: chg, Kind: process.KindProblem, Clause: "8.2",
		Description: "a problem whose resolution needs a change, with no request for change linked",
		check:       (*auditor).problemRFC},
	{Name: "known-error-visible", From: prb, To: isr, Kind: process.KindKnownError, Clause: "8.1",
		Description: "a known error not visible to incident management",
		check:       (*auditor).knownErrorVisible},
	{Name: "known-error-unused", From: prb, To: isr, Kind: process.KindIncident, Clause: "8.1",
		Description: "an incident of a problem resolved, after the problem's known error was recorded, with nothing linked as its resolution: the known error was not visible or not used",
		check:       (*auditor).knownErrorUnused},
	{Name: "known-error-ci", From: prb, To: cfg, Kind: process.KindKnownError, Clause: "9.1",
		Description: "a known error linked to no configuration item",
		check:       (*auditor).knownErrorCI},
	{Name: "major-incident-reported", From: isr, To: sr, Kind: process.KindIncident, Clause: "6.2",
		Description: "a major incident with no entry in a service report of its period",
		check:       (*auditor).majorIncidentReported},
	{Name: "security-incident-reviewed", From: isr, To: ism, Kind: process.KindIncident, Clause: "6.6.3",
		Description: "a security incident that no security incident review covers, though reviews were made after it",
		check:       (*auditor).securityIncidentReviewed},
	{Name: "incident-after-release", From: isr, To: rdm, Kind: process.KindIncident, Clause: "9.3",
		Description: "an incident on a CI a release changed, in the window after its deployment, not linked to the release",
		check:       (*auditor).incidentAfterRelease},
	{Name: "invocation-reported", From: sca, To: sr, Kind: process.KindContinuityInvocation, Clause: "6.3.3",
		Description: "an invocation of the continuity plan missing from the service reports made since",
		check:       (*auditor).invocationReported},
	{Name: "continuity-retest", From: chg, To: sca, Kind: process.KindContinuityPlan, Clause: "6.3.3",
		Description: "a continuity plan not re-tested after a major change (to one of its services, when it names them)",
		check:       (*auditor).continuityRetest},
	{Name: "capacity-costs", From: capm, To: ba, Kind: process.KindCapacityPlan, Clause: "6.5",
		Description: "a capacity plan whose upgrade costs are not in budgeting: an upgrade with no budgeting record (or, for other record types, no budgeting record linked)",
		check:       (*auditor).capacityCosts},
}

// AuditRules returns the rules [Audit] applies, in the order it reports
// them.
func AuditRules() []Rule { return slices.Clone(auditRules) }

// passOrder is the order of the passes over the records: kinds whose
// records other rules look up come first. Each kind is read once.
var passOrder = [...]process.RecordKind{
	process.KindServiceReport, process.KindSecurityIncidentReview, process.KindServicePlan, process.KindScheduleOfChange, process.KindDeployment, process.KindRequestForChange, process.KindPlanTest,
	process.KindRelease, process.KindProblem, process.KindKnownError, process.KindIncident,
	process.KindContinuityInvocation, process.KindContinuityPlan, process.KindCapacityPlan,
}

// AuditFinding is one required interface that live records show missing:
// the rule, the interface (edge, ends, tables), the clause, and the records,
// the one checked first.
type AuditFinding struct {
	Rule   string   `json:"rule"`
	Edge   string   `json:"edge,omitempty"`
	From   NodeID   `json:"from"`
	To     NodeID   `json:"to"`
	Tables []string `json:"tables"`
	Clause string   `json:"clause"`
	// Clauses2018 are the clauses of ISO/IEC 20000-1:2018 that carry the
	// same requirement (see [Graph.Clauses2018]).
	Clauses2018 []string    `json:"clauses2018"`
	Records     []RecordRef `json:"records"`
	Message     string      `json:"message"`
}

// RuleCount says how many records a rule checked and how many it found at
// fault.
type RuleCount struct {
	Rule    string `json:"rule"`
	Checked int    `json:"checked"`
	Failed  int    `json:"failed"`
}

// AuditReport is the result of [Audit].
type AuditReport struct {
	Period process.Window `json:"period"`
	// Records is the number of records of the period read.
	Records int `json:"records"`
	// Rules counts, per rule applied, the records checked and at fault;
	// rules whose interface the graph lacks are left out.
	Rules    []RuleCount    `json:"rules"`
	Findings []AuditFinding `json:"findings"`
}

// auditor holds what one audit has learnt so far. Each pass adds to the
// indexes that later passes read.
type auditor struct {
	store  process.Store
	period process.Window
	// err is the first store error a lookup met; it ends the audit.
	err error
	// raisedByPlan: requests for change a service plan raised (major).
	raisedByPlan map[process.ID]bool
	// deployedAt: releases and when a deployment of them was recorded.
	deployedAt map[process.ID]time.Time
	// reviewedDeploy: releases one of whose deployments was reviewed.
	reviewedDeploy map[process.ID]bool
	// implemented: releases that implement a request for change.
	implemented map[process.ID]bool
	// scheduled: changes entered on a schedule of change.
	scheduled map[process.ID]bool
	// knownErrors: problem → its known error.
	knownErrors map[process.ID]RecordRef
	// knownErrorAt: known error → when it was recorded.
	knownErrorAt map[process.ID]time.Time
	// lastMajor: the latest major change completed; majorBySvc the latest
	// per service it changed.
	lastMajor  deployed
	majorBySvc map[process.ID]deployed
	// tests: plan → the latest test linked with it; lastTest for tests
	// linked to no plan.
	tests    map[process.ID]time.Time
	lastTest time.Time
	// lastReport: when the latest service report was made.
	lastReport time.Time
	// sirAbout: incidents a security incident review is about; sirPeriods
	// the periods reviews covered; lastSIR the end of the latest.
	sirAbout   map[process.ID]bool
	sirPeriods []process.Window
	lastSIR    time.Time
	// ciReleases: CI → releases that changed it, with their deployment.
	ciReleases map[process.ID][]deployed
}

type deployed struct {
	ref RecordRef
	at  time.Time
}

// Audit checks the required interfaces of g on the live records of store that
// were live in period (created before its end and changed at or after its
// start; a zero Start or End leaves that side open): for each rule of
// [AuditRules] whose interface g has, every record of the rule's kind. Each
// finding names the records, the interface (edge and tables) and the clause. It
// reads each kind once, in one pass over its records of the period (plus, per
// record, lookups of the records it links to and links from), so its time is
// linear in the number of records. It reads the store only through
// [process.Store] and changes nothing. A store error ends the audit and is
// returned; a nil store is an error wrapping [process.ErrRequired], a nil graph
// an empty one.
func Audit(g *Graph, store process.Store, period process.Window) (AuditReport, error) {
	store = process.ReadOnly(store) // reads only: no copies
	if g == nil {
		g = &Graph{}
	}
	if store == nil {
		return AuditReport{}, fmt.Errorf("interfaces: audit: store: %w", process.ErrRequired)
	}
	a := &auditor{
		store:          store,
		period:         period,
		raisedByPlan:   make(map[process.ID]bool),
		deployedAt:     make(map[process.ID]time.Time),
		reviewedDeploy: make(map[process.ID]bool),
		implemented:    make(map[process.ID]bool),
		scheduled:      make(map[process.ID]bool),
		knownErrors:    make(map[process.ID]RecordRef),
		knownErrorAt:   make(map[process.ID]time.Time),
		tests:          make(map[process.ID]time.Time),
		ciReleases:     make(map[process.ID][]deployed),
		majorBySvc:     make(map[process.ID]deployed),
		sirAbout:       make(map[process.ID]bool),
	}
	type applied struct {
		rule        Rule
		edge        Edge
		clauses2018 []string
		count       *RuleCount
	}
	rep := AuditReport{Period: period, Rules: []RuleCount{}, Findings: []AuditFinding{}}
	counts := make([]RuleCount, 0, len(auditRules))
	byKind := make(map[process.RecordKind][]applied)
	for _, r := range auditRules {
		es := g.Between(r.From, r.To)
		i := slices.IndexFunc(es, func(e Edge) bool { return e.From == r.From })
		if i < 0 {
			continue
		}
		counts = append(counts, RuleCount{Rule: r.Name})
		byKind[r.Kind] = append(byKind[r.Kind], applied{rule: r, edge: es[i], clauses2018: g.Clauses2018(r.Clause)})
	}
	for k := range byKind {
		for i := range byKind[k] {
			n := slices.IndexFunc(counts, func(c RuleCount) bool { return c.Rule == byKind[k][i].rule.Name })
			byKind[k][i].count = &counts[n]
		}
	}
	found := make(map[string][]AuditFinding)
	for _, kind := range passOrder {
		rules := byKind[kind]
		for r, err := range store.Records(kind) {
			if err != nil {
				return AuditReport{}, fmt.Errorf("interfaces: audit: records of kind %s: %w", kind, err)
			}
			h := r.Meta()
			if !started(period, h.Created) {
				continue
			}
			a.collect(r, h)
			if !covers(period, h.Created, h.Updated) {
				continue
			}
			rep.Records++
			for _, ap := range rules {
				ap.count.Checked++
				for _, f := range ap.rule.check(a, r, h) {
					ap.count.Failed++
					found[ap.rule.Name] = append(found[ap.rule.Name], AuditFinding{
						Rule: ap.rule.Name, Edge: ap.edge.Ref, From: ap.edge.From, To: ap.edge.To,
						Tables: slices.Clone(ap.edge.Tables), Clause: ap.rule.Clause, Clauses2018: slices.Clone(ap.clauses2018),
						Records: append([]RecordRef{refOf(h)}, f.related...),
						Message: h.Subject() + ": " + f.msg,
					})
				}
			}
		}
		if a.err != nil {
			return AuditReport{}, a.err
		}
		if kind == process.KindRelease {
			// Sorted by deployment, so that an incident looks up only the
			// releases of its window.
			for _, ds := range a.ciReleases {
				slices.SortStableFunc(ds, func(x, y deployed) int { return x.at.Compare(y.at) })
			}
		}
	}
	for _, r := range auditRules {
		rep.Findings = append(rep.Findings, found[r.Name]...)
	}
	rep.Rules = append(rep.Rules, counts...)
	return rep, nil
}

// get returns the record with the given ID, or nil when the store has none;
// other store errors are kept in a.err.
func (a *auditor) get(id process.ID) process.Record {
	r, err := a.store.Get(id)
	if err != nil {
		if !errorsIsNotFound(err) && a.err == nil {
			a.err = fmt.Errorf("interfaces: audit: %w", err)
		}
		return nil
	}
	return r
}

// linkedFrom reports whether a record of one of the kinds holds a link to
// id (of type t, or any type when t is "").
func (a *auditor) linkedFrom(id process.ID, t process.LinkType, kinds func(process.RecordKind) bool) bool {
	for b, err := range a.store.LinksTo(id) {
		if err != nil {
			if a.err == nil {
				a.err = fmt.Errorf("interfaces: audit: links to %s: %w", id.Short(), err)
			}
			return false
		}
		if (t == "" || b.Type == t) && kinds(b.Kind) {
			return true
		}
	}
	return false
}

func is(k process.RecordKind) func(process.RecordKind) bool {
	return func(x process.RecordKind) bool { return x == k }
}

// collect adds what a record tells later passes.
func (a *auditor) collect(r process.Record, h *process.Header) {
	switch h.Kind {
	case process.KindServiceReport:
		if h.Created.After(a.lastReport) {
			a.lastReport = h.Created
		}
	case process.KindSecurityIncidentReview:
		end := h.Created
		if x, ok := r.(*process.SecurityIncidentReview); ok && !x.PeriodStart.IsZero() && !x.PeriodEnd.IsZero() {
			a.sirPeriods = append(a.sirPeriods, process.Window{Start: x.PeriodStart, End: x.PeriodEnd})
			end = x.PeriodEnd
		}
		if end.After(a.lastSIR) {
			a.lastSIR = end
		}
		for _, l := range h.Links {
			if l.Kind == process.KindIncident {
				a.sirAbout[l.To] = true
			}
		}
	case process.KindServicePlan:
		for _, l := range h.Links {
			if l.Type == process.LinkRaised && l.Kind == process.KindRequestForChange {
				a.raisedByPlan[l.To] = true
			}
		}
	case process.KindScheduleOfChange:
		if s, ok := r.(*process.ScheduleOfChange); ok {
			for _, e := range s.Entries {
				a.scheduled[e.Change] = true
			}
		}
	case process.KindProblem:
		for _, l := range h.Links {
			if l.Type == process.LinkKnownError {
				a.knownErrors[h.ID] = RecordRef{Kind: l.Kind, ID: l.To}
			}
		}
		if p, ok := r.(*process.Problem); ok && !p.KnownError.IsZero() {
			a.knownErrors[h.ID] = RecordRef{Kind: process.KindKnownError, ID: p.KnownError}
		}
	case process.KindKnownError:
		a.knownErrorAt[h.ID] = h.Created
		if k, ok := r.(*process.KnownError); ok && !k.Problem.IsZero() {
			if _, seen := a.knownErrors[k.Problem]; !seen {
				a.knownErrors[k.Problem] = RecordRef{Kind: process.KindKnownError, ID: h.ID}
			}
		}
	case process.KindDeployment:
		at, ok := reached(h, slices.Concat(completedStates, deployedStates))
		if !ok {
			at = h.Created
		}
		reviewed := linksKind(h, process.LinkReviewedBy, process.KindPostDeploymentReview)
		links := h.Links
		if d, ok := r.(*process.Deployment); ok && !d.Release.IsZero() && !h.HasLink(process.LinkDeploys, d.Release) {
			links = append(slices.Clip(links), process.Link{Type: process.LinkDeploys, To: d.Release, Kind: process.KindRelease})
		}
		for _, l := range links {
			if l.Type != process.LinkDeploys {
				continue
			}
			if prev, seen := a.deployedAt[l.To]; !seen || at.Before(prev) {
				a.deployedAt[l.To] = at
			}
			if reviewed {
				a.reviewedDeploy[l.To] = true
			}
		}
	case process.KindRequestForChange:
		for _, l := range h.Links {
			if l.Type == process.LinkImplementedBy {
				a.implemented[l.To] = true
			}
		}
		if at, ok := reached(h, completedStates); ok && a.isMajor(r, h) {
			d := deployed{ref: refOf(h), at: at}
			later(&a.lastMajor, d)
			for _, svc := range servicesOf(r, h) {
				m := a.majorBySvc[svc]
				later(&m, d)
				a.majorBySvc[svc] = m
			}
		}
	case process.KindPlanTest:
		if t, ok := r.(*process.PlanTest); ok && !t.Plan.IsZero() {
			if t.Performed.After(a.tests[t.Plan]) {
				a.tests[t.Plan] = t.Performed
			}
			return
		}
		plan := false
		for _, l := range h.Links {
			if l.Kind == process.KindContinuityPlan {
				plan = true
				if h.Created.After(a.tests[l.To]) {
					a.tests[l.To] = h.Created
				}
			}
		}
		if !plan && h.Created.After(a.lastTest) {
			a.lastTest = h.Created
		}
	case process.KindRelease:
		at, ok := a.releaseDeployed(r, h)
		if !ok {
			return
		}
		if rel, ok := r.(*process.Release); ok {
			for _, c := range rel.Changes {
				a.implemented[h.ID] = a.implemented[h.ID] || !c.IsZero()
			}
		}
		for _, l := range h.Links {
			if l.Type == process.LinkAffects {
				a.ciReleases[l.To] = append(a.ciReleases[l.To], deployed{ref: refOf(h), at: at})
			}
		}
	}
}

// releaseDeployed returns when a release was first deployed: the earlier of
// its move to a deployed state and the first deployment of it recorded.
func (a *auditor) releaseDeployed(r process.Record, h *process.Header) (time.Time, bool) {
	at, ok := reached(h, deployedStates)
	if rel, isRel := r.(*process.Release); isRel && !rel.Deployed.IsZero() && (!ok || rel.Deployed.Before(at)) {
		at, ok = rel.Deployed, true
	}
	if d, seen := a.deployedAt[h.ID]; seen && (!ok || d.Before(at)) {
		at, ok = d, true
	}
	return at, ok
}

func one(msg string, related ...RecordRef) []finding {
	return []finding{{msg: msg, related: related}}
}

func (a *auditor) releaseBaseline(r process.Record, h *process.Header) []finding {
	at, ok := a.releaseDeployed(r, h)
	if !ok {
		return nil
	}
	var late []RecordRef
	for _, l := range h.Links {
		if l.Type != process.LinkBaselinedBy {
			continue
		}
		b := a.get(l.To)
		if b == nil {
			continue
		}
		if !b.Meta().Created.After(at) {
			return nil
		}
		late = append(late, refOf(b.Meta()))
	}
	if len(late) > 0 {
		return one(fmt.Sprintf("deployed %s, but its configuration baseline was taken after the deployment", stamp(at)), late...)
	}
	return one(fmt.Sprintf("deployed %s with no configuration baseline", stamp(at)))
}

func (a *auditor) releaseChange(r process.Record, h *process.Header) []finding {
	if _, ok := a.releaseDeployed(r, h); !ok || a.implemented[h.ID] {
		return nil
	}
	return one("deployed, but no request for change is implemented by it")
}

func (a *auditor) releaseReview(r process.Record, h *process.Header) []finding {
	at, ok := a.releaseDeployed(r, h)
	if !ok || (!a.period.End.IsZero() && a.period.End.Sub(at) < process.PostDeploymentPeriod) {
		return nil
	}
	if linksKind(h, process.LinkReviewedBy, process.KindPostDeploymentReview) || a.reviewedDeploy[h.ID] {
		return nil
	}
	return one(fmt.Sprintf("deployed %s and not reviewed: success or failure never went back to change management", stamp(at)))
}

func (a *auditor) servicePlanChange(_ process.Record, h *process.Header) []finding {
	if _, ok := reached(h, []string{"designed", "built", "tested", "transitioned", "reviewed"}); !ok || linksKind(h, process.LinkRaised, process.KindRequestForChange) {
		return nil
	}
	return one("designed or built with no request for change raised: the service does not go through change management")
}

func (a *auditor) securityIncidentReviewed(r process.Record, h *process.Header) []finding {
	security := false
	switch x := r.(type) {
	case *process.Incident:
		security = x.Security
	case securityFlag:
		security = x.IsSecurity()
	}
	if !security || a.sirAbout[h.ID] {
		return nil
	}
	if !a.lastSIR.IsZero() && !h.Created.Before(a.lastSIR) {
		return nil // no review made since: not yet due
	}
	for _, w := range a.sirPeriods {
		if !h.Created.Before(w.Start) && h.Created.Before(w.End) {
			return nil
		}
	}
	return one("a security incident that no security incident review covers: its type, volume and impact were not analysed")
}

func (a *auditor) invocationReported(_ process.Record, h *process.Header) []finding {
	if a.lastReport.IsZero() || !a.lastReport.After(h.Created) {
		return nil
	}
	for _, l := range h.Links {
		if l.Type != process.LinkReportedIn || l.Kind != process.KindServiceReport {
			continue
		}
		if rep := a.get(l.To); rep != nil && reportCovers(rep, h.Created) {
			return nil
		}
	}
	return one(fmt.Sprintf("invoked %s, but missing from the service reports made since (the latest %s)", stamp(h.Created), stamp(a.lastReport)))
}

func (a *auditor) changeScheduled(_ process.Record, h *process.Header) []finding {
	if _, ok := approved(h); !ok || a.scheduled[h.ID] || linksKind(h, process.LinkScheduledIn, process.KindScheduleOfChange) {
		return nil
	}
	return one("approved, but never in a schedule of change")
}

func (a *auditor) changeSecurity(_ process.Record, h *process.Header) []finding {
	if _, ok := approved(h); !ok || linksKind(h, process.LinkSecurityCheck, process.KindSecurityRiskAssessment) {
		return nil
	}
	return one("approved with no security risk assessment")
}

func (a *auditor) changeCI(_ process.Record, h *process.Header) []finding {
	if _, ok := reached(h, completedStates); !ok || linkedKind(h, process.KindConfigurationItem) {
		return nil
	}
	if a.linkedFrom(h.ID, process.LinkChangedBy, is(process.KindConfigurationItem)) {
		return nil
	}
	return one("completed, but linked to no configuration item: the CMDB cannot show what it changed")
}

func (a *auditor) problemRFC(r process.Record, h *process.Header) []finding {
	if !needsChangeOf(r, h) || linkedKind(h, process.KindRequestForChange) || a.linkedFrom(h.ID, "", is(process.KindRequestForChange)) {
		return nil
	}
	return one("its resolution needs a change, but no request for change is linked")
}

func (a *auditor) knownErrorVisible(r process.Record, h *process.Header) []finding {
	hidden := slices.Contains(hiddenStates, h.Status)
	if f, ok := r.(visibleFlag); ok {
		hidden = !f.Visible()
	}
	if !hidden {
		return nil
	}
	return one("not visible to incident management (status " + orDefault(h.Status, "none") + ")")
}

func (a *auditor) knownErrorUnused(_ process.Record, h *process.Header) []finding {
	resolved, ok := reached(h, resolvedStates)
	if !ok || linksKindType(h, process.LinkResolvedBy) {
		return nil
	}
	for _, l := range h.Links {
		if l.Type != process.LinkRaised || l.Kind != process.KindProblem {
			continue
		}
		ke, ok := a.knownErrors[l.To]
		if !ok {
			continue
		}
		if at, seen := a.knownErrorAt[ke.ID]; seen && at.Before(resolved) {
			return one(fmt.Sprintf("resolved %s with nothing linked as its resolution, though its problem's known error was recorded %s", stamp(resolved), stamp(at)),
				ke, RecordRef{Kind: l.Kind, ID: l.To})
		}
	}
	return nil
}

func linksKindType(h *process.Header, t process.LinkType) bool {
	return slices.ContainsFunc(h.Links, func(l process.Link) bool { return l.Type == t })
}

func (a *auditor) knownErrorCI(_ process.Record, h *process.Header) []finding {
	if linkedKind(h, process.KindConfigurationItem) {
		return nil
	}
	return one("linked to no configuration item")
}

func (a *auditor) majorIncidentReported(r process.Record, h *process.Header) []finding {
	if !a.isMajor(r, h) {
		return nil
	}
	reported := func(h2 *process.Header) bool {
		for _, l := range h2.Links {
			if l.Type != process.LinkReportedIn || l.Kind != process.KindServiceReport {
				continue
			}
			if rep := a.get(l.To); rep != nil && reportCovers(rep, h.Created) {
				return true
			}
		}
		return false
	}
	if reported(h) {
		return nil
	}
	var reviews []RecordRef
	for _, l := range h.Links {
		if l.Type == process.LinkReviewedBy && l.Kind == process.KindMajorIncidentReview {
			if rv := a.get(l.To); rv != nil {
				if reported(rv.Meta()) {
					return nil
				}
				reviews = append(reviews, refOf(rv.Meta()))
			}
		}
	}
	return one("a major incident with no entry in a service report of its period", reviews...)
}

func (a *auditor) incidentAfterRelease(_ process.Record, h *process.Header) []finding {
	var fs []finding
	var seen []process.ID
	for _, l := range h.Links {
		if l.Type != process.LinkAffects {
			continue
		}
		ds := a.ciReleases[l.To]
		from := h.Created.Add(-process.PostDeploymentPeriod)
		i, _ := slices.BinarySearchFunc(ds, from, func(d deployed, t time.Time) int {
			if d.at.After(t) {
				return 1
			}
			return -1
		})
		for _, d := range ds[i:] {
			if h.Created.Before(d.at) {
				break
			}
			if slices.Contains(seen, d.ref.ID) {
				continue
			}
			seen = append(seen, d.ref.ID)
			if slices.ContainsFunc(h.Links, func(x process.Link) bool { return x.To == d.ref.ID }) {
				continue
			}
			fs = append(fs, finding{
				msg:     fmt.Sprintf("raised %s on a CI that %s changed %s, but not linked to the release", stamp(h.Created), d.ref, stamp(d.at)),
				related: []RecordRef{d.ref, {Kind: l.Kind, ID: l.To}},
			})
		}
	}
	return fs
}

func (a *auditor) continuityRetest(r process.Record, h *process.Header) []finding {
	major := a.lastMajor
	if svcs := servicesOf(r, h); len(svcs) > 0 {
		major = deployed{}
		for _, svc := range svcs {
			later(&major, a.majorBySvc[svc])
		}
	}
	if major.at.IsZero() || h.Created.After(major.at) {
		return nil
	}
	tested := a.tests[h.ID]
	if a.lastTest.After(tested) {
		tested = a.lastTest
	}
	for _, l := range h.Links {
		if l.Kind != process.KindPlanTest {
			continue
		}
		if t := a.get(l.To); t != nil && t.Meta().Created.After(tested) {
			tested = t.Meta().Created
		}
	}
	if !tested.Before(major.at) {
		return nil
	}
	last := "never tested"
	if !tested.IsZero() {
		last = "last tested " + stamp(tested)
	}
	return one(fmt.Sprintf("not re-tested after the major change completed %s (%s)", stamp(major.at), last), major.ref)
}

// reportCovers reports whether a service report covers an event at t: a
// [process.ServiceReport] whose period holds t, or else any report made at
// or after t (6.2).
func reportCovers(rep process.Record, t time.Time) bool {
	if s, ok := rep.(*process.ServiceReport); ok && !s.PeriodStart.IsZero() && !s.PeriodEnd.IsZero() {
		return !t.Before(s.PeriodStart) && t.Before(s.PeriodEnd)
	}
	return !rep.Meta().Created.Before(t)
}

// later sets *d to e if e is later.
func later(d *deployed, e deployed) {
	if e.at.After(d.at) {
		*d = e
	}
}

// servicesOf returns the services a record concerns: its links to service
// records, and the services a continuity plan's terms name (6.3.2).
func servicesOf(r process.Record, h *process.Header) []process.ID {
	svcs := h.Linked(process.LinkService)
	switch x := r.(type) {
	case *process.ContinuityPlan:
		svcs = append(svcs, x.Services...)
	case *process.RequestForChange:
		svcs = append(svcs, x.Services...)
	}
	slices.SortFunc(svcs, process.ID.Compare)
	return slices.Compact(svcs)
}

func (a *auditor) capacityCosts(r process.Record, h *process.Header) []finding {
	budgeting := func(k process.RecordKind) bool { return Owner(k) == ba }
	if p, ok := r.(*capacity.Plan); ok {
		return a.upgradeCosts(p, budgeting)
	}
	if slices.ContainsFunc(h.Links, func(l process.Link) bool { return budgeting(l.Kind) }) || a.linkedFrom(h.ID, "", budgeting) {
		return nil
	}
	return one("no budgeting record linked: the timescales and costs of its upgrades are not in the budget")
}

// upgradeCosts checks each upgrade of a capacity plan for the budgeting
// record that carries its cost (6.5: timescales and costs of upgrades; 6.4).
// A retired plan, and a plan with no upgrades, call for none.
func (a *auditor) upgradeCosts(p *capacity.Plan, budgeting func(process.RecordKind) bool) []finding {
	if p.State() == capacity.PlanRetired {
		return nil
	}
	var fs []finding
	for i, u := range p.Upgrades {
		what := fmt.Sprintf("upgrade %d (%s, due %s, costing %s %s)", i+1, orDefault(u.Description, "no description"), stamp(u.Due), u.Cost.String(), u.Currency)
		switch {
		case u.Budget.IsZero() || !budgeting(u.BudgetKind):
			fs = append(fs, finding{msg: what + " is carried by no budgeting record"})
		case a.get(u.Budget) == nil:
			fs = append(fs, finding{msg: what + " names a budgeting record that is not in the store",
				related: []RecordRef{{Kind: u.BudgetKind, ID: u.Budget}}})
		}
	}
	return fs
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") }

// WriteText writes the report for people: a summary per rule, then one line
// per finding with its edge, tables and clause.
func (r AuditReport) WriteText(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "records audited: %d; findings: %d\n", r.Records, len(r.Findings))
	for _, c := range r.Rules {
		fmt.Fprintf(b, "  %-24s checked %d, at fault %d\n", c.Rule, c.Checked, c.Failed)
	}
	for _, f := range r.Findings {
		names := make([]string, len(f.Records))
		for i, rec := range f.Records {
			names[i] = rec.String()
		}
		fmt.Fprintf(b, "%s [edge %s; %s; %s] %s (records: %s)\n", f.Rule, f.Edge, strings.Join(f.Tables, ", "), f.Clause, f.Message, strings.Join(names, ", "))
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("interfaces: write audit report: %w", err)
	}
	return nil
}

func errorsIsNotFound(err error) bool { return errors.Is(err, process.ErrNotFound) }
