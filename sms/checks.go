package sms

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/smskit/iso20000/interfaces"
	"github.com/smskit/iso20000/process"
)

// check is a computed check: what a rule's data cannot say. It adds to
// res what it found and missed, and returns whether its part of the rule
// was found in full (found) or in part (short).
type check func(a *assessment, req *Requirement, res *RuleResult) (found, short int, err error)

// checks are the computed checks a [Rule] names by Check, with what each
// judges. See [Checks].
var checks = map[string]struct {
	about string
	run   check
}{
	"governance":            {"every process the system says others operate is governed by a valid other-party record; when others operate most processes, at best partly met (ISO/IEC 20000-1:2011, 4.2; ISO/IEC 20000-2:2012, 1.2)", governance},
	"competence":            {"every role holder of the approved plan has a valid competence record for that role; gaps are listed per role (ISO/IEC 20000-1:2011, 4.4.2)", competence},
	"plan-interfaces":       {"the approved plan's interfaces between processes are those of the interface graph: none missing, none the graph lacks (ISO/IEC 20000-1:2011, 4.5.2)", planInterfaces},
	"retention":             {"a retention period is set for every kind of record kept; records past it are listed (ISO/IEC 20000-1:2011, 4.3.3)", retention},
	"nonconformity-closure": {"every nonconformity closed in the period has all its corrective actions closed with their targets met (ISO/IEC 20000-1:2011, 4.5.5.1)", closure},
}

// Checks returns the names of the computed checks a [Rule] can name, each
// with what it judges.
func Checks() map[string]string {
	out := make(map[string]string, len(checks))
	for name, c := range checks {
		out[name] = c.about
	}
	return out
}

// plan returns the service management plan approved at the period's end,
// the latest approved when there are several.
func (a *assessment) plan() (*Plan, error) {
	plans, err := a.records(process.KindServiceManagementPlan)
	if err != nil {
		return nil, err
	}
	var best *Plan
	var since time.Time
	for _, s := range plans {
		p, ok := s.rec.(*Plan)
		if ok && s.valid && s.state == string(Approved) && (best == nil || s.since.After(since)) {
			best, since = p, s.since
		}
	}
	return best, nil
}

func governance(a *assessment, _ *Requirement, res *RuleResult) (int, int, error) {
	if len(a.sys.OperatedByOthers) == 0 {
		res.Notes = append(res.Notes, "the system says no process is operated by another party")
		return 0, 0, nil
	}
	parties, err := a.records(process.KindOtherParty)
	if err != nil {
		return 0, 0, err
	}
	governed := map[process.Process]bool{}
	for _, s := range parties {
		if op, ok := s.rec.(*OtherParty); ok && s.valid {
			for _, p := range op.Processes {
				governed[p] = true
			}
		}
	}
	distinct := map[process.Process]bool{}
	var ungoverned []string
	for _, p := range a.sys.OperatedByOthers {
		if distinct[p] {
			continue
		}
		distinct[p] = true
		if !governed[p] {
			ungoverned = append(ungoverned, p.Code())
		}
	}
	majority := len(distinct)*2 > len(process.All())
	if majority {
		w := fmt.Sprintf("other parties operate %d of the %d processes: governance by the provider is unlikely to be shown (ISO/IEC 20000-2:2012, 1.2)", len(distinct), len(process.All()))
		res.Missing = append(res.Missing, w)
		if !slices.Contains(a.warnings, w) {
			a.warnings = append(a.warnings, w)
		}
	}
	if len(ungoverned) > 0 {
		res.Missing = append(res.Missing, "no valid other-party record governs "+strings.Join(ungoverned, ", "))
		if len(ungoverned) < len(distinct) {
			return 0, 1, nil
		}
		return 0, 0, nil
	}
	res.Notes = append(res.Notes, fmt.Sprintf("other parties operate %d processes, each governed", len(distinct)))
	if majority {
		return 0, 1, nil
	}
	return 1, 0, nil
}

// Gap is a role of the approved plan whose holder has no valid competence
// record for it (ISO/IEC 20000-1:2011, 4.4.2).
type Gap struct {
	Role   process.Role `json:"role"`
	Holder string       `json:"holder"`
}

// CompetenceGaps returns, in the plan's order, the roles of its
// authorities whose holders have no valid competence record for that role
// among records (ISO/IEC 20000-1:2011, 4.4.2).
func CompetenceGaps(plan *Plan, records []*CompetenceRecord) []Gap {
	has := map[Gap]bool{}
	for _, c := range records {
		if c != nil && c.Validate() == nil {
			has[Gap{c.Role, c.Person}] = true
		}
	}
	var gaps []Gap
	for _, au := range plan.Authorities {
		g := Gap{au.Role, au.Holder}
		if !has[g] && !slices.Contains(gaps, g) {
			gaps = append(gaps, g)
		}
	}
	return gaps
}

func competence(a *assessment, _ *Requirement, res *RuleResult) (int, int, error) {
	plan, err := a.plan()
	if err != nil || plan == nil {
		if plan == nil && err == nil {
			res.Missing = append(res.Missing, "no approved plan names the roles to be competent for")
		}
		return 0, 0, err
	}
	recs, err := a.records(process.KindCompetenceRecord)
	if err != nil {
		return 0, 0, err
	}
	var cs []*CompetenceRecord
	for _, s := range recs {
		if c, ok := s.rec.(*CompetenceRecord); ok {
			cs = append(cs, c)
		}
	}
	gaps := CompetenceGaps(plan, cs)
	for _, g := range gaps {
		res.Missing = append(res.Missing, fmt.Sprintf("competence gap: %s holds %s with no competence record for it", g.Holder, g.Role))
	}
	switch {
	case len(gaps) == 0:
		res.Notes = append(res.Notes, fmt.Sprintf("all %d authorities of the plan have competence records", len(plan.Authorities)))
		return 1, 0, nil
	case len(gaps) < len(plan.Authorities):
		return 0, 1, nil
	}
	return 0, 0, nil
}

// PlanInterfaces returns the interfaces between processes that a plan
// must describe: one per pair of processes the graph joins by an edge
// between two processes, in the graph's edge order, with the coordination
// the host declared for the pair in declared, or the graph's description
// of what flows when it declared none (ISO/IEC 20000-1:2011, 4.5.2).
// Writing the plan's interfaces from it keeps plan and graph from
// drifting.
func PlanInterfaces(g *interfaces.Graph, declared []Interface) []Interface {
	said := map[[2]process.Process]string{}
	for _, d := range declared {
		said[[2]process.Process{d.From, d.To}] = d.Coordination
	}
	var out []Interface
	seen := map[[2]process.Process]bool{}
	for _, pair := range graphPairs(g) {
		if seen[pair.key] {
			continue
		}
		seen[pair.key] = true
		c := said[pair.key]
		if c == "" {
			c = pair.carries
		}
		out = append(out, Interface{From: pair.key[0], To: pair.key[1], Coordination: c})
	}
	return out
}

type pair struct {
	key     [2]process.Process
	carries string
}

// graphPairs lists the process-to-process edges of g.
func graphPairs(g *interfaces.Graph) []pair {
	var out []pair
	for _, e := range g.Edges() {
		from, to := e.From.Process(), e.To.Process()
		if from != "" && to != "" && from != to {
			out = append(out, pair{[2]process.Process{from, to}, cmp.Or(e.Carries, e.Ref)})
		}
	}
	return out
}

func planInterfaces(a *assessment, _ *Requirement, res *RuleResult) (int, int, error) {
	plan, err := a.plan()
	if err != nil || plan == nil {
		if plan == nil && err == nil {
			res.Missing = append(res.Missing, "no approved plan describes the interfaces between processes")
		}
		return 0, 0, err
	}
	g := a.auditor.Graph
	if g == nil {
		g = interfaces.Standard()
	}
	want := map[[2]process.Process]bool{}
	for _, p := range graphPairs(g) {
		want[p.key] = true
	}
	has := map[[2]process.Process]bool{}
	var extra []string
	for _, in := range plan.Interfaces {
		k := [2]process.Process{in.From, in.To}
		has[k] = true
		if !want[k] {
			extra = append(extra, in.From.Code()+"→"+in.To.Code())
		}
	}
	var missing []string
	for _, k := range slices.SortedFunc(maps.Keys(want), func(x, y [2]process.Process) int {
		return strings.Compare(x[0].Code()+x[1].Code(), y[0].Code()+y[1].Code())
	}) {
		if !has[k] {
			missing = append(missing, k[0].Code()+"→"+k[1].Code())
		}
	}
	if len(missing) > 0 {
		res.Missing = append(res.Missing, fmt.Sprintf("the plan describes %d of the graph's %d process interfaces; missing: %s", len(want)-len(missing), len(want), strings.Join(missing, ", ")))
	}
	if len(extra) > 0 {
		res.Missing = append(res.Missing, "the plan describes interfaces the graph lacks: "+strings.Join(extra, ", "))
	}
	switch {
	case len(missing) == 0 && len(extra) == 0:
		res.Notes = append(res.Notes, fmt.Sprintf("the plan describes the graph's %d process interfaces", len(want)))
		return 1, 0, nil
	case len(missing) < len(want):
		return 0, 1, nil
	}
	return 0, 0, nil
}

// Retention is how long records of one kind are kept after they were last
// changed (ISO/IEC 20000-1:2011, 4.3.3).
type Retention struct {
	Kind   process.RecordKind `json:"kind"`
	Months int                `json:"months"`
}

// ErrRetained is returned for disposing of a record still under its
// retention period.
var ErrRetained = fmt.Errorf("record under retention")

// retentionOf returns the retention of kind k, if the system sets one.
func (s System) retentionOf(k process.RecordKind) (Retention, bool) {
	i := slices.IndexFunc(s.Retention, func(r Retention) bool { return r.Kind == k })
	if i < 0 {
		return Retention{}, false
	}
	return s.Retention[i], true
}

// RetainedUntil returns when r's retention period ends: its last change
// plus the retention the system sets for its kind; ok is false when the
// system sets none (ISO/IEC 20000-1:2011, 4.3.3).
func (s System) RetainedUntil(r process.Record) (until time.Time, ok bool) {
	h := r.Meta()
	ret, ok := s.retentionOf(h.Kind)
	if !ok {
		return time.Time{}, false
	}
	return ret.until(h), true
}

// until is when the retention of a record with header h ends.
func (r Retention) until(h *process.Header) time.Time { return h.Updated.AddDate(0, r.Months, 0) }

// Disposable reports whether r may be disposed of at t: nil when its
// retention period has ended, an error wrapping [ErrRetained] while it
// runs or when the system sets no retention for its kind (a record is
// kept until one is set) (ISO/IEC 20000-1:2011, 4.3.3). A host's store
// calls it before it deletes a record.
func (s System) Disposable(r process.Record, t time.Time) error {
	if r == nil {
		return fmt.Errorf("sms: dispose: nil record: %w", process.ErrRequired)
	}
	h := r.Meta()
	until, ok := s.RetainedUntil(r)
	switch {
	case !ok:
		return fmt.Errorf("sms: %s: no retention period set for %s: %w", h.Subject(), h.Kind, ErrRetained)
	case t.Before(until):
		return fmt.Errorf("sms: %s: retained until %s: %w", h.Subject(), day(until), ErrRetained)
	}
	return nil
}

func retention(a *assessment, _ *Requirement, res *RuleResult) (int, int, error) {
	var unset []string
	var past []process.ID
	kept := 0
	for _, k := range process.Kinds() {
		recs, err := a.records(k)
		if err != nil {
			return 0, 0, err
		}
		if len(recs) == 0 {
			continue
		}
		kept++
		ret, ok := a.sys.retentionOf(k)
		if !ok {
			unset = append(unset, string(k))
			continue
		}
		for _, s := range recs {
			if ret.until(s.rec.Meta()).Before(a.period.End) {
				past = append(past, s.rec.Meta().ID)
			}
		}
	}
	if len(past) > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d records are past their retention period and may be disposed of: %s", len(past), shortIDs(past)))
	}
	switch {
	case kept == 0:
		res.Missing = append(res.Missing, "no records kept")
		return 0, 0, nil
	case len(unset) > 0:
		res.Missing = append(res.Missing, "no retention period set for "+strings.Join(unset, ", "))
		if len(unset) < kept {
			return 0, 1, nil
		}
		return 0, 0, nil
	}
	res.Notes = append(res.Notes, fmt.Sprintf("retention set for all %d kinds kept", kept))
	return 1, 0, nil
}

// effective returns why a nonconformity's causes are not shown removed,
// or nil: it has corrective actions, and each, found by get, names it, is
// closed and met every target (ISO/IEC 20000-1:2011, 4.5.5.1).
func (n *Nonconformity) effective(get func(process.ID) (*CorrectiveAction, bool)) error {
	if len(n.CorrectiveActions) == 0 {
		return fmt.Errorf("correctiveActions: none: %w", process.ErrPrecondition)
	}
	for i, id := range n.CorrectiveActions {
		c, ok := get(id)
		switch {
		case !ok:
			return fmt.Errorf("correctiveActions[%d]: %s: %w", i, id.Short(), process.ErrNotFound)
		case c.Nonconformity != n.ID:
			return fmt.Errorf("correctiveActions[%d]: %s corrects another nonconformity: %w", i, c.Subject(), process.ErrInvalidLink)
		case c.State() != ActionClosed:
			return fmt.Errorf("correctiveActions[%d]: %s is %s, not closed: %w", i, c.Subject(), orNone(c.Status), process.ErrPrecondition)
		case !c.Achieved():
			return fmt.Errorf("correctiveActions[%d]: %s did not meet its targets: %w", i, c.Subject(), process.ErrPrecondition)
		}
	}
	return nil
}

func closure(a *assessment, _ *Requirement, res *RuleResult) (int, int, error) {
	ncs, err := a.records(process.KindNonconformity)
	if err != nil {
		return 0, 0, err
	}
	get := func(id process.ID) (*CorrectiveAction, bool) {
		s, ok := a.byID(id)
		if !ok {
			return nil, false
		}
		c, ok := s.rec.(*CorrectiveAction)
		return c, ok
	}
	closed, bad := 0, 0
	for _, s := range ncs {
		n, ok := s.rec.(*Nonconformity)
		if !ok || s.state != string(NCClosed) || s.since.Before(a.period.Start) {
			continue
		}
		closed++
		if err := n.effective(get); err != nil {
			bad++
			res.Missing = append(res.Missing, fmt.Sprintf("%s closed without its causes shown removed: %v", n.Subject(), err))
		}
	}
	switch {
	case closed == 0:
		res.Notes = append(res.Notes, "no nonconformity closed in the period")
		return 0, 0, nil
	case bad == 0:
		res.Notes = append(res.Notes, fmt.Sprintf("nonconformities closed in the period: %d, each with its actions closed and effective", closed))
		return 1, 0, nil
	case bad < closed:
		return 0, 1, nil
	}
	return 0, 0, nil
}
