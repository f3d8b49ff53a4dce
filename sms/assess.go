package sms

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/smskit/iso20000/interfaces"
	"github.com/smskit/iso20000/process"
)

// Status is the outcome of assessing one requirement of [Requirements]
// against the records kept (ISO/IEC 20000-1:2011, Clauses 4 to 9). The
// zero Status is unset.
type Status string

// The outcomes of a self-assessment (ISO/IEC 20000-1:2011, Clauses 4 to
// 9). There is no "not applicable": a provider that claims conformity
// excludes no requirement of Clauses 4 to 9 (ISO/IEC 20000-1:2011, 1.2).
const (
	Met       Status = "met"        // every rule of the requirement is satisfied
	PartlyMet Status = "partly-met" // some of the evidence was found
	NotMet    Status = "not-met"    // none of it was found
)

// Valid reports whether s is one of the outcomes.
func (s Status) Valid() bool { return s == Met || s == PartlyMet || s == NotMet }

// String returns the outcome's code.
func (s Status) String() string { return string(s) }

// MarshalText encodes the outcome as its code, or as nothing when unset;
// an unknown value is an error wrapping [process.ErrInvalidValue].
func (s Status) MarshalText() ([]byte, error) { return process.MarshalEnum(s) }

// UnmarshalText decodes a known outcome or "" (unset); any other value
// is an error wrapping [process.ErrInvalidValue] and leaves the receiver
// unchanged.
func (s *Status) UnmarshalText(b []byte) error { return process.UnmarshalEnum(s, b) }

// System describes the service management system being assessed: its
// name, the processes of Clauses 5 to 9 that other parties operate for it
// in whole or in part, and how long its records are kept (ISO/IEC
// 20000-1:2011, 4.2, 4.3.3). The zero System runs every process itself.
//
// A system cannot exclude a requirement: processes other parties operate
// are assessed like the others, and must also show the provider's
// governance of them (4.2).
type System struct {
	// Name names the SMS in reports.
	Name string `json:"name"`
	// OperatedByOthers lists the processes that other parties (suppliers,
	// internal groups, customers acting as suppliers) operate in whole or
	// in part; the provider must show it governs them (4.2).
	OperatedByOthers []process.Process `json:"operatedByOthers,omitempty"`
	// Retention says how long records of each kind are kept (4.3.3).
	Retention []Retention `json:"retention,omitempty"`
}

// Validate reports unknown processes and retention entries at fault
// (ISO/IEC 20000-1:2011, 4.2, 4.3.3).
func (s System) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: "system"}
	for i, p := range s.OperatedByOthers {
		if !p.Valid() {
			v.Addf(fmt.Sprintf("operatedByOthers[%d]", i), process.ErrInvalidValue, "unknown process %q", string(p))
		}
	}
	seen := map[process.RecordKind]bool{}
	for i, r := range s.Retention {
		path := fmt.Sprintf("retention[%d]", i)
		if !r.Kind.Valid() {
			v.Addf(path+".kind", process.ErrInvalidValue, "unknown kind %q", string(r.Kind))
		} else if seen[r.Kind] {
			v.Addf(path+".kind", process.ErrExists, "%s given twice", r.Kind)
		}
		seen[r.Kind] = true
		if r.Months <= 0 {
			v.Addf(path+".months", process.ErrInvalidValue, "not positive")
		}
	}
	return v.Err()
}

// Options are the settings of one assessment. Period is required; the
// rest have defaults.
type Options struct {
	// Period is the assessment period: records are judged as they stood
	// at its end, and recency is measured from it.
	Period process.Window `json:"period"`
	// Attestations are what people stated for the requirements records
	// cannot show.
	Attestations []Attestation `json:"attestations,omitempty"`
	// Requirements is the catalogue assessed; nil means [Requirements]. A
	// host adds its own with append(sms.Requirements(), mine...).
	Requirements []Requirement `json:"-"`
	// Auditor runs the interface audit the integration requirements read;
	// nil means an [interfaces.Auditor] on the standard graph with the
	// library's rules. Its graph also gives the plan's interfaces.
	Auditor *interfaces.Auditor `json:"-"`
	// MaxEvidence caps the records listed per rule; zero means 5. Counts
	// are always complete.
	MaxEvidence int `json:"maxEvidence,omitempty"`
}

// Finding is the assessment of one requirement: its outcome and what
// each of its rules found (ISO/IEC 20000-1:2011, Clauses 4 to 9).
type Finding struct {
	Requirement Requirement  `json:"requirement"`
	Status      Status       `json:"status"`
	Results     []RuleResult `json:"results"`
}

// Summary totals the findings of one clause or one process, with its
// score (ISO/IEC 20000-1:2011, Clauses 4 to 9).
type Summary struct {
	// Key is the clause ("4.1", "6.3") or the process code ("SMS" for
	// Clause 4).
	Key       string  `json:"key"`
	Title     string  `json:"title"`
	Met       int     `json:"met"`
	PartlyMet int     `json:"partlyMet"`
	NotMet    int     `json:"notMet"`
	Score     float64 `json:"score"`
}

func (s *Summary) add(st Status) {
	switch st {
	case Met:
		s.Met++
	case PartlyMet:
		s.PartlyMet++
	default:
		s.NotMet++
	}
}

func (s *Summary) close() {
	if n := s.Met + s.PartlyMet + s.NotMet; n > 0 {
		s.Score = round1(100 * (float64(s.Met) + 0.5*float64(s.PartlyMet)) / float64(n))
	}
}

func round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }

// Report is a conformity self-assessment: one finding per requirement, in
// clause order, summaries per clause and per process, and the score, the
// share of requirements met with partly met ones counting half, as a
// percentage (ISO/IEC 20000-1:2011, Clauses 4 to 9).
type Report struct {
	System    string         `json:"system"`
	Period    process.Window `json:"period"`
	Findings  []Finding      `json:"findings"`
	Totals    map[Status]int `json:"totals"`
	Clauses   []Summary      `json:"clauses"`
	Processes []Summary      `json:"processes"`
	Score     float64        `json:"score"`
	// Warnings are about the system as a whole, such as most processes
	// being operated by others (ISO/IEC 20000-2:2012, 1.2).
	Warnings []string `json:"warnings,omitempty"`
}

// ErrPeriod is returned for an assessment period without a start or an
// end, or ending before it starts.
var ErrPeriod = errors.New("assessment period not set")

// Assess judges every requirement of the catalogue (opt.Requirements, or
// [Requirements]) against the records in store as they stood at the end
// of opt.Period, and returns the report. A requirement is met when every
// one of its rules is satisfied, partly met when some of the evidence was
// found, not met otherwise; the empty store meets nothing. It refuses an
// invalid system, catalogue, attestation or period, and returns the first
// error the store reports. It only reads the store.
//
// Processes other parties operate are judged on the same rules, and each
// of their requirements also needs a valid other-party record governing
// the process (4.2). When others operate most of the processes of Clauses
// 5 to 9, 4.2 is at best partly met and the report warns that governance
// is unlikely to be shown (ISO/IEC 20000-2:2012, 1.2).
func Assess(sys System, store process.Store, opt Options) (*Report, error) {
	if err := sys.Validate(); err != nil {
		return nil, err
	}
	p := opt.Period
	if p.Start.IsZero() || p.End.IsZero() || p.End.Before(p.Start) {
		return nil, fmt.Errorf("sms: assess: %w", ErrPeriod)
	}
	reqs := opt.Requirements
	if reqs == nil {
		reqs = catalogue
	}
	if err := validateCatalogue(reqs); err != nil {
		return nil, err
	}
	for i, at := range opt.Attestations {
		if err := at.Validate(); err != nil {
			return nil, fmt.Errorf("sms: assess: attestations[%d]: %w", i, err)
		}
	}
	a := &assessment{
		sys: sys, store: process.ReadOnly(store), period: p, opt: opt,
		maxEvidence: cmp.Or(opt.MaxEvidence, 5),
		kinds:       map[process.RecordKind][]*seen{},
		got:         map[process.ID]*seen{},
	}
	if a.auditor = opt.Auditor; a.auditor == nil {
		a.auditor = &interfaces.Auditor{}
	}
	rep := &Report{System: sys.Name, Period: p, Totals: map[Status]int{}}
	clauses := map[string]*Summary{}
	procs := map[string]*Summary{}
	for _, req := range reqs {
		f, err := a.assess(req)
		if err != nil {
			return nil, err
		}
		rep.Findings = append(rep.Findings, f)
		rep.Totals[f.Status]++
		key := section(req.Clause)
		if clauses[key] == nil {
			clauses[key] = &Summary{Key: key, Title: sectionTitle(key)}
		}
		clauses[key].add(f.Status)
		pk, pt := "SMS", "The service management system (Clause 4)"
		if req.Process != "" {
			pk, pt = req.Process.Code(), req.Process.String()
		}
		if procs[pk] == nil {
			procs[pk] = &Summary{Key: pk, Title: pt}
		}
		procs[pk].add(f.Status)
	}
	var total Summary
	for _, f := range rep.Findings {
		total.add(f.Status)
	}
	total.close()
	rep.Score = total.Score
	for _, k := range slices.SortedFunc(maps.Keys(clauses), compareClauses) {
		clauses[k].close()
		rep.Clauses = append(rep.Clauses, *clauses[k])
	}
	order := map[string]int{"SMS": -1}
	for i, pr := range process.All() {
		order[pr.Code()] = i
	}
	for _, k := range slices.SortedFunc(maps.Keys(procs), func(x, y string) int { return cmp.Compare(order[x], order[y]) }) {
		procs[k].close()
		rep.Processes = append(rep.Processes, *procs[k])
	}
	rep.Warnings = a.warnings
	return rep, nil
}

// assessment is the state of one call of [Assess].
type assessment struct {
	sys         System
	store       process.Store
	period      process.Window
	opt         Options
	maxEvidence int
	auditor     *interfaces.Auditor
	kinds       map[process.RecordKind][]*seen
	got         map[process.ID]*seen // records by ID, nil when absent at the period's end
	audit       *interfaces.AuditReport
	warnings    []string
}

// records returns the records of kind k that existed at the period's end.
func (a *assessment) records(k process.RecordKind) ([]*seen, error) {
	if ss, ok := a.kinds[k]; ok {
		return ss, nil
	}
	var ss []*seen
	for r, err := range a.store.Records(k) {
		if err != nil {
			return nil, fmt.Errorf("sms: assess: reading %s records: %w", k, err)
		}
		if s := a.see(r); s != nil {
			ss = append(ss, s)
		}
	}
	a.kinds[k] = ss
	return ss, nil
}

// see returns the record as it stood at the period's end, or nil when it
// did not exist yet.
func (a *assessment) see(r process.Record) *seen {
	h := r.Meta()
	if s, ok := a.got[h.ID]; ok {
		return s
	}
	var s *seen
	if state, since, ok := stateAt(h, a.period.End); ok {
		s = &seen{rec: r, state: state, since: since, valid: r.Validate() == nil}
	}
	a.got[h.ID] = s
	return s
}

// byID returns the stored record id as it stood at the period's end.
func (a *assessment) byID(id process.ID) (*seen, bool) {
	if s, ok := a.got[id]; ok {
		return s, s != nil
	}
	r, err := a.store.Get(id)
	if err != nil {
		a.got[id] = nil
		return nil, false
	}
	s := a.see(r)
	return s, s != nil
}

// assess judges one requirement.
func (a *assessment) assess(req Requirement) (Finding, error) {
	f := Finding{Requirement: req.clone()}
	for _, r := range req.Evidence {
		res, err := a.judge(&req, r)
		if err != nil {
			return f, err
		}
		f.Results = append(f.Results, res)
	}
	if req.Process != "" && slices.Contains(a.sys.OperatedByOthers, req.Process) {
		res, err := a.governed(req.Process)
		if err != nil {
			return f, err
		}
		f.Results = append(f.Results, res)
	}
	f.Status = combine(f.Results)
	return f, nil
}

// combine gives a requirement's outcome from its rules' outcomes.
func combine(rs []RuleResult) Status {
	met, some := 0, false
	for _, r := range rs {
		switch r.Status {
		case Met:
			met++
			some = some || !r.Vacuous
		case PartlyMet:
			some = true
		}
	}
	switch {
	case !some: // nothing found, or only rules with nothing to judge
		return NotMet
	case met == len(rs):
		return Met
	}
	return PartlyMet
}

// governed judges the provider's governance of process p, which another
// party operates (ISO/IEC 20000-1:2011, 4.2).
func (a *assessment) governed(p process.Process) (RuleResult, error) {
	res := RuleResult{Rule: "governed-by-provider"}
	parties, err := a.records(process.KindOtherParty)
	if err != nil {
		return res, err
	}
	for _, s := range parties {
		op, ok := s.rec.(*OtherParty)
		if !ok || !s.valid || !slices.Contains(op.Processes, p) {
			continue
		}
		res.Counted++
		if len(res.Evidence) < a.maxEvidence {
			res.Evidence = append(res.Evidence, Item{ID: op.ID, Kind: op.Kind, Title: op.Title,
				Why: fmt.Sprintf("operates %s, accountable %s, measured by %s", p.Code(), op.Governance.Accountable, strings.Join(op.Governance.Measures, "; "))})
		}
	}
	if res.Counted == 0 {
		res.Status = NotMet
		res.Missing = []string{fmt.Sprintf("no valid other-party record governs %s, which the system says others operate", p.Code())}
		return res, nil
	}
	res.Status = Met
	return res, nil
}

// audited applies the interface audit's findings to a rule.
func (a *assessment) audited(r Rule, res *RuleResult) (found, short int, err error) {
	if a.audit == nil {
		rep, err := a.auditor.Audit(a.store, a.period)
		if err != nil {
			return 0, 0, fmt.Errorf("sms: assess: interface audit: %w", err)
		}
		a.audit = &rep
	}
	checked, failed := 0, 0
	for _, rc := range a.audit.Rules {
		if slices.Contains(r.Audit, rc.Rule) {
			checked += rc.Checked
			failed += rc.Failed
		}
	}
	valid, err := a.validOf(r.Audit)
	if err != nil {
		return 0, 0, err
	}
	if checked == 0 || !valid { // a clean audit of invalid records shows nothing
		if len(r.Kinds) == 0 {
			res.Missing = append(res.Missing, "no records of the period for the interface rules "+strings.Join(r.Audit, ", "))
		}
		return 0, 0, nil
	}
	res.Notes = append(res.Notes, fmt.Sprintf("interface audit: %d records checked by %s, %d at fault", checked, strings.Join(r.Audit, ", "), failed))
	if failed == 0 {
		return 1, 0, nil
	}
	listed := 0
	for _, fd := range a.audit.Findings {
		if !slices.Contains(r.Audit, fd.Rule) {
			continue
		}
		if listed == a.maxEvidence {
			res.Missing = append(res.Missing, fmt.Sprintf("and %d more findings", failed-listed))
			break
		}
		res.Missing = append(res.Missing, fd.Rule+": "+fd.Message)
		listed++
	}
	if failed < checked {
		return 0, 1, nil
	}
	return 0, 0, nil
}

// validOf reports whether a valid record of a kind the named interface
// rules read was active in the period (created or changed in it): a
// clean audit of records nobody touched in the period shows nothing of
// how the processes work together now.
func (a *assessment) validOf(names []string) (bool, error) {
	rules := a.auditor.Rules
	if rules == nil {
		rules = interfaces.Rules()
	}
	for _, ir := range rules {
		if !slices.Contains(names, ir.Name) {
			continue
		}
		recs, err := a.records(ir.Kind)
		if err != nil {
			return false, err
		}
		if slices.ContainsFunc(recs, func(s *seen) bool { return s.valid && a.active(s) }) {
			return true, nil
		}
	}
	return false, nil
}

// section returns the clause a requirement is summarised under: the first
// two levels ("4.5.4.2" gives "4.5", "6.1" stays, "5.2" gives "5").
func section(clause string) string {
	parts := strings.Split(clause, ".")
	switch {
	case parts[0] == "5":
		return "5"
	case len(parts) >= 2:
		return parts[0] + "." + parts[1]
	}
	return clause
}

// compareClauses orders dotted clause numbers numerically.
func compareClauses(x, y string) int {
	xs, ys := strings.Split(x, "."), strings.Split(y, ".")
	for i := 0; i < len(xs) && i < len(ys); i++ {
		var xi, yi int
		fmt.Sscan(xs[i], &xi)
		fmt.Sscan(ys[i], &yi)
		if c := cmp.Compare(xi, yi); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(xs), len(ys))
}

// sectionTitles names the clauses findings are summarised under (ISO/IEC
// 20000-1:2011, Clauses 4 to 9).
var sectionTitles = map[string]string{
	"4.1": "Management responsibility", "4.2": "Governance of processes operated by other parties",
	"4.3": "Documentation management", "4.4": "Resource management",
	"4.5": "Establish and improve the SMS", "5": "Design and transition of new or changed services",
	"6.1": "Service level management", "6.2": "Service reporting",
	"6.3": "Service continuity and availability management", "6.4": "Budgeting and accounting for services",
	"6.5": "Capacity management", "6.6": "Information security management",
	"7.1": "Business relationship management", "7.2": "Supplier management",
	"8.1": "Incident and service request management", "8.2": "Problem management",
	"9.1": "Configuration management", "9.2": "Change management", "9.3": "Release and deployment management",
}

func sectionTitle(k string) string { return cmp.Or(sectionTitles[k], "Clause "+k) }

// JSON returns the report as indented JSON (ISO/IEC 20000-1:2011, Clauses
// 4 to 9).
func (r *Report) JSON() ([]byte, error) { return json.MarshalIndent(r, "", "  ") }

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// active reports whether the record was created or changed in the period.
func (a *assessment) active(s *seen) bool {
	h := s.rec.Meta()
	in := func(t time.Time) bool { return !t.Before(a.period.Start) && !t.After(a.period.End) }
	if in(h.Created) {
		return true
	}
	return slices.ContainsFunc(h.History, func(e process.Event) bool { return in(e.At) })
}
