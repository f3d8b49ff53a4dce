package sms

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/smskit/iso20000/process"
)

// Rule is one test of the evidence for a requirement, stated as data so
// that a host can add its own and a researcher can read them (ISO/IEC
// 20000-1:2011, 4.3.3: records that show conformity). A rule looks at the
// records of its Kinds as they stood at the end of the assessment period
// and counts those that:
//
//   - validate (a blank or incomplete record never counts);
//   - were created by the period's end, and were in one of States at that
//     end, as their history tells (any state when States is empty);
//   - hold the values of Fields and a value in every field of Present
//     (fields are named as in the record's JSON, nested with dots);
//   - are dated as Recent asks: by the field Date, or, when Date is empty,
//     when the record entered the state it was in (its creation when it
//     never moved);
//   - hold every link of Links.
//
// The rule is satisfied when at least Min records count (one when Min is
// zero), the latest of them is not overdue by its Due field, every subject
// of Each is covered, no finding of the interface audit falls under Audit,
// and the computed Check (if any) passes. A rule with Attest set is
// satisfied only by an [Attestation] of the requirement: what no record
// can show.
//
// A rule judges "partly" when some of what it asks was found: records that
// count but too few, subjects of Each some covered, audit findings on some
// of the records.
type Rule struct {
	// Name names the rule in findings; unique within a requirement.
	Name string `json:"name"`
	// Kinds are the record kinds that can show the requirement.
	Kinds []process.RecordKind `json:"kinds,omitempty"`
	// States are the lifecycle states that count (Header.Status at the
	// period's end); empty means any.
	States []string `json:"states,omitempty"`
	// Fields are values the record must hold, keyed by JSON field name
	// ("major": "true", "process": "incident-and-service-request-management").
	Fields map[string]string `json:"fields,omitempty"`
	// Present are JSON fields that must hold a value: not absent, empty,
	// false, zero or the zero time.
	Present []string `json:"present,omitempty"`
	// Recent is how recent a record must be to count.
	Recent Recency `json:"recent,omitempty"`
	// Months is the interval of [WithinInterval]: the record is dated at
	// most this many months before the period's end.
	Months int `json:"months,omitempty"`
	// Date names the JSON time field that dates the record ("held",
	// "completed"); empty means when it entered its state.
	Date string `json:"date,omitempty"`
	// Due names a JSON time field of the next due date ("nextDue",
	// "reviewDue"): the latest record that counts must not be overdue at
	// the period's end.
	Due string `json:"due,omitempty"`
	// Links are links every counted record must hold.
	Links []Need `json:"links,omitempty"`
	// Min is the number of records that must count; zero means one.
	Min int `json:"min,omitempty"`
	// Each asks that every record of a kind be covered by one that counts
	// ("each supplier has a contract").
	Each *Subject `json:"each,omitempty"`
	// Audit names rules of the interface audit (package interfaces):
	// their findings in the period count against the requirement. With
	// no Kinds, the records those rules read must exist in the period.
	Audit []string `json:"audit,omitempty"`
	// Check names a computed check of [Checks] for what a record's fields
	// alone cannot show (competence per role, the plan's interfaces).
	Check string `json:"check,omitempty"`
	// Attest marks what records cannot show: the rule is met only by an
	// [Attestation] of the requirement.
	Attest bool `json:"attest,omitempty"`
	// Optional makes the rule ask only of records that exist: when no
	// record of Kinds holding the values of Fields exists at the period's
	// end (a provider that removed no service has no removal plan), it is
	// satisfied vacuously. A requirement is never met on vacuous rules
	// alone.
	Optional bool `json:"optional,omitempty"`
}

// Recency is how recent a record must be to count for a [Rule] (ISO/IEC
// 20000-1:2011, 4.5.4: reviews and audits at planned intervals). The zero
// Recency accepts any record created by the period's end.
type Recency string

// The recencies of a rule.
const (
	AnyTime        Recency = ""         // any record created by the period's end
	InPeriod       Recency = "period"   // dated inside the assessment period
	WithinInterval Recency = "interval" // dated at most Rule.Months before the period's end
)

// Valid reports whether r is one of the recencies.
func (r Recency) Valid() bool { return r == AnyTime || r == InPeriod || r == WithinInterval }

// String returns the recency's code ("any" for [AnyTime]).
func (r Recency) String() string {
	if r == AnyTime {
		return "any"
	}
	return string(r)
}

// MarshalText encodes the recency as its code; an unknown value is an
// error wrapping [process.ErrInvalidValue].
func (r Recency) MarshalText() ([]byte, error) { return process.MarshalEnum(r) }

// UnmarshalText decodes a known recency; any other value is an error
// wrapping [process.ErrInvalidValue] and leaves the receiver unchanged.
func (r *Recency) UnmarshalText(b []byte) error { return process.UnmarshalEnum(r, b) }

// Need is a link a counted record must hold: of type Type to a record of
// kind Kind (any kind when empty), or, when Field is set, the ID of a
// stored record of kind Kind in that JSON field; the record named must be
// in one of States at the period's end (any state when empty) (ISO/IEC
// 20000-1:2011, 4.3.3).
type Need struct {
	Type   process.LinkType   `json:"type,omitempty"`
	Kind   process.RecordKind `json:"kind,omitempty"`
	Field  string             `json:"field,omitempty"`
	States []string           `json:"states,omitempty"`
}

// String says what the need asks for, as a finding names what is missing
// ("a reported-in link to a service-report").
func (n Need) String() string {
	target := strings.TrimSpace(strings.Join(n.States, " or ") + " " + string(n.Kind))
	switch {
	case n.Field != "":
		return fmt.Sprintf("%s naming a %s", n.Field, target)
	case n.Kind != "":
		return fmt.Sprintf("a %s link to a %s", n.Type, target)
	}
	return fmt.Sprintf("a %s link", n.Type)
}

// accepts reports whether the record t is one the need may name.
func (n Need) accepts(t *seen) bool {
	return (n.Kind == "" || t.rec.Meta().Kind == n.Kind) && (len(n.States) == 0 || slices.Contains(n.States, t.state))
}

// Subject is what a rule's Each covers: every record of Kinds in one of
// States at the period's end (any state when empty) must be joined to a
// record that counts, by a link of type Link in either direction (any link
// when empty) or, when Field is set, by its ID in that JSON field of the
// counted record. Share is the share that must be covered, between 0 and
// 1; zero means all (ISO/IEC 20000-1:2011, 7.2: each supplier has a
// contract).
type Subject struct {
	Kinds  []process.RecordKind `json:"kinds"`
	States []string             `json:"states,omitempty"`
	Link   process.LinkType     `json:"link,omitempty"`
	Field  string               `json:"field,omitempty"`
	Share  float64              `json:"share,omitempty"`
}

// validate reports what makes r unusable, under path.
func (r Rule) validate(v *process.ValidationError, path string) {
	v.RequireText(path+".name", r.Name)
	if !r.Recent.Valid() {
		v.Addf(path+".recent", process.ErrInvalidValue, "unknown recency %q", string(r.Recent))
	}
	if r.Recent == WithinInterval && r.Months <= 0 {
		v.Addf(path+".months", process.ErrRequired, "an interval needs months")
	}
	if r.Min < 0 {
		v.Addf(path+".min", process.ErrInvalidValue, "negative")
	}
	for i, k := range r.Kinds {
		if !k.Valid() {
			v.Addf(fmt.Sprintf("%s.kinds[%d]", path, i), process.ErrInvalidValue, "unknown kind %q", string(k))
		}
	}
	if r.Each != nil {
		v.Require(path+".each.kinds", len(r.Each.Kinds) > 0)
		if r.Each.Share < 0 || r.Each.Share > 1 {
			v.Addf(path+".each.share", process.ErrInvalidValue, "%v is not between 0 and 1", r.Each.Share)
		}
	}
	if r.Check != "" {
		if _, ok := checks[r.Check]; !ok {
			v.Addf(path+".check", process.ErrInvalidValue, "unknown check %q", r.Check)
		}
	}
	asks := len(r.Kinds) > 0 || len(r.Audit) > 0 || r.Check != "" || r.Attest
	if !asks {
		v.Addf(path, process.ErrRequired, "a rule needs kinds, audit rules, a check or an attestation")
	}
	if r.Attest && (len(r.Kinds) > 0 || len(r.Audit) > 0 || r.Check != "") {
		v.Addf(path+".attest", process.ErrInvalidValue, "an attested rule reads no records")
	}
}

// Item is one piece of evidence a rule counted: a record (its ID, kind
// and title), or an attestation (Attested, with the document that backs
// it), and why it counted (ISO/IEC 20000-1:2011, 4.3.3).
type Item struct {
	ID       process.ID         `json:"id"`
	Kind     process.RecordKind `json:"kind"`
	Title    string             `json:"title,omitempty"`
	Attested bool               `json:"attested,omitempty"`
	Why      string             `json:"why"`
}

// RuleResult is what one rule judged: its outcome, how many records
// counted, the first of them (up to [Options].MaxEvidence), and what is
// missing.
type RuleResult struct {
	Rule     string   `json:"rule"`
	Status   Status   `json:"status"`
	Counted  int      `json:"counted"`
	Evidence []Item   `json:"evidence,omitempty"`
	Missing  []string `json:"missing,omitempty"`
	Notes    []string `json:"notes,omitempty"`
	// Vacuous marks a rule satisfied because there was nothing for it to
	// judge (no nonconformity closed, no process operated by others): it
	// lets its requirement be met, but never partly met on its own.
	Vacuous bool `json:"vacuous,omitempty"`
}

// seen is one record as the assessment sees it at the period's end.
type seen struct {
	rec   process.Record
	state string    // its state at the period's end
	since time.Time // when it entered that state (its creation when never moved)
	valid bool
	root  reflect.Value // what rules read its fields from, set on first use
}

// stateAt returns the state h was in at t, and since when, as its history
// tells; ok is false when the record did not exist yet.
func stateAt(h *process.Header, t time.Time) (state string, since time.Time, ok bool) {
	if h.Created.After(t) {
		return "", time.Time{}, false
	}
	state, since = h.Status, h.Created
	first := true
	for _, e := range h.History {
		if e.Action != process.ActionMoved {
			continue
		}
		if first { // the state before the first move is where it started
			state, first = e.From, false
		}
		if e.At.After(t) {
			break
		}
		state, since = e.To, e.At
	}
	return state, since, true
}

// day formats t as a date in its own location.
func day(t time.Time) string { return t.Format("2006-01-02") }

// kindsText lists kinds as "a or b".
func kindsText(ks []process.RecordKind) string {
	ss := make([]string, len(ks))
	for i, k := range ks {
		ss[i] = string(k)
	}
	return strings.Join(ss, " or ")
}

// statesText lists states as "a or b", or "" when any state counts.
func statesText(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return " " + strings.Join(ss, " or ")
}

// counts reports whether the record passes the rule's record tests at the
// period's end; when it does not, why says the first test it failed.
func (a *assessment) counts(r Rule, s *seen) (when time.Time, why string, ok bool) {
	if !s.valid {
		return time.Time{}, "not valid", false
	}
	if len(r.States) > 0 && !slices.Contains(r.States, s.state) {
		return time.Time{}, "in state " + orNone(s.state), false
	}
	for _, f := range sortedKeys(r.Fields) {
		if !s.holdsValue(f, r.Fields[f]) {
			v, _ := s.field(f)
			return time.Time{}, fmt.Sprintf("%s is %q, not %q", f, text(v), r.Fields[f]), false
		}
	}
	for _, f := range r.Present {
		if _, ok := s.field(f); !ok {
			return time.Time{}, "no " + f, false
		}
	}
	when = s.since
	if r.Date != "" {
		v, _ := s.field(r.Date)
		t, ok := timeOf(v)
		if !ok {
			return time.Time{}, "no " + r.Date, false
		}
		when = t
	}
	switch r.Recent {
	case InPeriod:
		if when.Before(a.period.Start) || when.After(a.period.End) {
			return time.Time{}, "dated " + day(when) + ", outside the period", false
		}
	case WithinInterval:
		if when.Before(a.period.End.AddDate(0, -r.Months, 0)) {
			return time.Time{}, fmt.Sprintf("dated %s, more than %d months before the period's end", day(when), r.Months), false
		}
		if when.After(a.period.End) {
			return time.Time{}, "dated " + day(when) + ", after the period", false
		}
	}
	for _, n := range r.Links {
		if !a.holds(s, n) {
			return time.Time{}, "no " + n.String(), false
		}
	}
	return when, "", true
}

// selects reports whether the record holds the values of the rule's
// Fields: for an optional rule, the records it asks of.
func (a *assessment) selects(r Rule, s *seen) bool {
	for f, want := range r.Fields {
		if !s.holdsValue(f, want) {
			return false
		}
	}
	return true
}

// holds reports whether the record holds the link or reference n asks for.
func (a *assessment) holds(s *seen, n Need) bool {
	if n.Field != "" {
		v, _ := s.field(n.Field)
		for _, id := range ids(v) {
			if t, ok := a.byID(id); ok && n.accepts(t) {
				return true
			}
		}
		return false
	}
	for _, l := range s.rec.Meta().Links {
		if n.Type == "" || l.Type == n.Type {
			if t, ok := a.byID(l.To); ok && n.accepts(t) {
				return true
			}
		}
	}
	return false
}

// why says why a counted record counted.
func why(r Rule, s *seen, when time.Time) string {
	var parts []string
	if len(r.States) > 0 {
		parts = append(parts, s.state)
	} else {
		parts = append(parts, "valid")
	}
	switch r.Recent {
	case InPeriod:
		parts = append(parts, "dated "+day(when)+" in the period")
	case WithinInterval:
		parts = append(parts, fmt.Sprintf("dated %s, within %d months", day(when), r.Months))
	}
	for _, f := range sortedKeys(r.Fields) {
		parts = append(parts, f+" "+r.Fields[f])
	}
	if len(r.Present) > 0 {
		parts = append(parts, "with "+strings.Join(r.Present, ", "))
	}
	for _, n := range r.Links {
		parts = append(parts, "with "+n.String())
	}
	return strings.Join(parts, ", ")
}

// judge applies one rule of requirement req.
func (a *assessment) judge(req *Requirement, r Rule) (RuleResult, error) {
	res := RuleResult{Rule: r.Name}
	if r.Attest {
		a.attested(req, &res)
		return res, nil
	}
	var counted []*seen
	var latest *seen
	var latestWhen time.Time
	refused := map[string]int{}
	examined, selected := 0, 0
	for _, k := range r.Kinds {
		recs, err := a.records(k)
		if err != nil {
			return res, err
		}
		for _, s := range recs {
			if s == nil {
				continue
			}
			examined++
			if r.Optional && !a.selects(r, s) {
				continue
			}
			selected++
			when, reason, ok := a.counts(r, s)
			if !ok {
				refused[reason]++
				continue
			}
			counted = append(counted, s)
			if latest == nil || when.After(latestWhen) {
				latest, latestWhen = s, when
			}
			if len(res.Evidence) < a.maxEvidence {
				h := s.rec.Meta()
				res.Evidence = append(res.Evidence, Item{ID: h.ID, Kind: h.Kind, Title: h.Title, Why: why(r, s, when)})
			}
		}
	}
	res.Counted = len(counted)
	min := max(r.Min, 1)
	found, short := 0, 0 // parts of the rule found and found short
	if len(r.Kinds) > 0 {
		switch {
		case len(counted) >= min:
			found++
		case len(counted) > 0:
			short++
			res.Missing = append(res.Missing, fmt.Sprintf("%d of the %d %s records needed", len(counted), min, kindsText(r.Kinds)))
		case selected == 0 && r.Optional:
			res.Notes = append(res.Notes, "no "+kindsText(r.Kinds)+": nothing to judge")
		default:
			res.Missing = append(res.Missing, a.none(r, examined, refused))
		}
	}
	if r.Due != "" && latest != nil {
		v, _ := latest.field(r.Due)
		if due, ok := timeOf(v); ok && due.Before(a.period.End) {
			short++
			res.Missing = append(res.Missing, fmt.Sprintf("the latest %s (%s) was due again by %s", latest.rec.Meta().Kind, latest.rec.Meta().ID.Short(), day(due)))
		}
	}
	if r.Each != nil {
		covered, total, uncovered, err := a.cover(r.Each, counted)
		if err != nil {
			return res, err
		}
		need := r.Each.Share
		if need == 0 {
			need = 1
		}
		switch {
		case total == 0:
			res.Notes = append(res.Notes, "no "+kindsText(r.Each.Kinds)+" to cover")
		case float64(covered) >= need*float64(total)-1e-9:
			found++
			res.Notes = append(res.Notes, fmt.Sprintf("%d of %d %s covered", covered, total, kindsText(r.Each.Kinds)))
		default:
			if covered > 0 {
				short++
			}
			res.Missing = append(res.Missing, fmt.Sprintf("%d of %d %s not covered: %s", total-covered, total, kindsText(r.Each.Kinds), shortIDs(uncovered)))
		}
	}
	if len(r.Audit) > 0 {
		f, s, err := a.audited(r, &res)
		if err != nil {
			return res, err
		}
		found, short = found+f, short+s
	}
	if r.Check != "" {
		f, s, err := checks[r.Check].run(a, req, &res)
		if err != nil {
			return res, err
		}
		found, short = found+f, short+s
	}
	switch {
	case len(res.Missing) == 0 && found == 0 && short == 0:
		res.Status, res.Vacuous = Met, true
	case len(res.Missing) == 0 && found > 0:
		res.Status = Met
	case found > 0 || short > 0:
		res.Status = PartlyMet
	default:
		res.Status = NotMet
	}
	return res, nil
}

// none says why no record counted.
func (a *assessment) none(r Rule, examined int, refused map[string]int) string {
	want := "no " + strings.TrimSpace(statesText(r.States)+" "+kindsText(r.Kinds))
	switch r.Recent {
	case InPeriod:
		want += " in the period"
	case WithinInterval:
		want += fmt.Sprintf(" within %d months", r.Months)
	}
	if examined == 0 {
		return want
	}
	reasons := sortedKeys(refused)
	slices.SortStableFunc(reasons, func(x, y string) int { return refused[y] - refused[x] })
	if len(reasons) > 3 {
		reasons = reasons[:3]
	}
	for i, why := range reasons {
		reasons[i] = fmt.Sprintf("%d %s", refused[why], why)
	}
	return fmt.Sprintf("%s (%d examined: %s)", want, examined, strings.Join(reasons, "; "))
}

// cover counts the subjects of e covered by the counted records.
func (a *assessment) cover(e *Subject, counted []*seen) (covered, total int, uncovered []process.ID, err error) {
	byCounted := map[process.ID]bool{}
	named := map[process.ID]bool{}
	for _, s := range counted {
		byCounted[s.rec.Meta().ID] = true
		if e.Field != "" {
			v, _ := s.field(e.Field)
			for _, id := range ids(v) {
				named[id] = true
			}
			continue
		}
		for _, l := range s.rec.Meta().Links {
			if e.Link == "" || l.Type == e.Link {
				named[l.To] = true
			}
		}
	}
	for _, k := range e.Kinds {
		recs, err := a.records(k)
		if err != nil {
			return 0, 0, nil, err
		}
		for _, s := range recs {
			if s == nil || (len(e.States) > 0 && !slices.Contains(e.States, s.state)) {
				continue
			}
			total++
			h := s.rec.Meta()
			ok := named[h.ID]
			if !ok && e.Field == "" {
				ok = slices.ContainsFunc(h.Links, func(l process.Link) bool {
					return byCounted[l.To] && (e.Link == "" || l.Type == e.Link)
				})
			}
			if ok {
				covered++
			} else {
				uncovered = append(uncovered, h.ID)
			}
		}
	}
	return covered, total, uncovered, nil
}

// shortIDs lists up to five IDs in short form.
func shortIDs(ids []process.ID) string {
	var ss []string
	for i, id := range ids {
		if i == 5 {
			ss = append(ss, fmt.Sprintf("and %d more", len(ids)-5))
			break
		}
		ss = append(ss, id.Short())
	}
	return strings.Join(ss, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
