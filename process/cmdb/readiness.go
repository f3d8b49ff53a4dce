package cmdb

import (
	"fmt"
	"slices"
	"strings"

	"github.com/smskit/iso20000/process"
)

// ReleaseGate names one condition a release meets before it may be deployed
// (ISO/IEC 20000-1:2011, 9.3: a release is built and tested against agreed
// acceptance criteria, approved, and baselined before deployment; 9.2: it
// implements authorised changes). The zero ReleaseGate is unset.
type ReleaseGate string

// The release gates.
const (
	GateChangesAuthorised ReleaseGate = "changes-authorised" // every change the release implements is authorised
	GateAcceptance        ReleaseGate = "acceptance"         // every acceptance criterion is met by a passed test
	GateBaseline          ReleaseGate = "baseline"           // a configuration baseline is taken
)

// Valid reports whether g is one of the gates above.
func (g ReleaseGate) Valid() bool {
	return g == GateChangesAuthorised || g == GateAcceptance || g == GateBaseline
}

// String returns the gate's code.
func (g ReleaseGate) String() string { return string(g) }

// ChangeApproval is a change a release implements and whether it is
// authorised (ISO/IEC 20000-1:2011, 9.2).
type ChangeApproval struct {
	Change     process.ID
	Authorised bool
}

// MarshalText encodes the release gate by the module's rule for enumerations
// ([process.MarshalEnum]): its code, or nothing when unset.
func (g ReleaseGate) MarshalText() ([]byte, error) { return process.MarshalEnum(g) }

// UnmarshalText decodes a known code or "" (unset) and refuses any other
// value ([process.UnmarshalEnum]).
func (g *ReleaseGate) UnmarshalText(b []byte) error { return process.UnmarshalEnum(g, b) }

// AcceptanceResult is the outcome of testing a release against one
// acceptance criterion, named by its code (ISO/IEC 20000-1:2011, 9.3).
type AcceptanceResult struct {
	Criterion string
	Passed    bool
}

// ReleaseReadiness is what the release gates look at: the release, the
// changes it implements, its agreed acceptance criteria and the results of
// its acceptance tests in the order they were made (a later result for a
// criterion replaces an earlier one), and its configuration baseline
// (ISO/IEC 20000-1:2011, 9.3).
type ReleaseReadiness struct {
	Release  process.ID
	Changes  []ChangeApproval
	Criteria []string
	Results  []AcceptanceResult
	Baseline process.ID
}

// GateFailure is one gate a release does not pass: the gate, the record or
// criterion at fault where there is one, and why (ISO/IEC 20000-1:2011,
// 9.3).
type GateFailure struct {
	Gate      ReleaseGate
	Record    process.ID // the change not authorised; zero otherwise
	Criterion string     // the criterion not met; "" otherwise
	Detail    string
}

// String reads "acceptance: criterion login: failed".
func (f GateFailure) String() string {
	var b strings.Builder
	b.WriteString(string(f.Gate))
	if !f.Record.IsZero() {
		b.WriteString(": change " + f.Record.Short())
	}
	if f.Criterion != "" {
		b.WriteString(": criterion " + f.Criterion)
	}
	b.WriteString(": " + f.Detail)
	return b.String()
}

// Gates returns every gate r does not pass, in gate order (changes,
// acceptance, baseline) and, within a gate, in the order of the changes and
// criteria (ISO/IEC 20000-1:2011, 9.2, 9.3). A release with no changes, or
// with no agreed acceptance criteria, does not pass that gate.
func (r ReleaseReadiness) Gates() []GateFailure {
	var out []GateFailure
	if len(r.Changes) == 0 {
		out = append(out, GateFailure{Gate: GateChangesAuthorised, Detail: "implements no change"})
	}
	for _, c := range r.Changes {
		if !c.Authorised {
			out = append(out, GateFailure{Gate: GateChangesAuthorised, Record: c.Change, Detail: "not authorised"})
		}
	}
	if len(r.Criteria) == 0 {
		out = append(out, GateFailure{Gate: GateAcceptance, Detail: "no acceptance criteria agreed"})
	}
	latest := make(map[string]bool, len(r.Results))
	for _, t := range r.Results {
		latest[t.Criterion] = t.Passed
	}
	for _, c := range r.Criteria {
		passed, tested := latest[c]
		switch {
		case !tested:
			out = append(out, GateFailure{Gate: GateAcceptance, Criterion: c, Detail: "not tested"})
		case !passed:
			out = append(out, GateFailure{Gate: GateAcceptance, Criterion: c, Detail: "failed"})
		}
	}
	if r.Baseline.IsZero() {
		out = append(out, GateFailure{Gate: GateBaseline, Detail: "no configuration baseline taken"})
	}
	return out
}

// Deployable returns nil when r passes every gate, and otherwise an error
// wrapping [process.ErrPrecondition] that lists each failure.
func (r ReleaseReadiness) Deployable() error {
	fs := r.Gates()
	if len(fs) == 0 {
		return nil
	}
	msgs := make([]string, len(fs))
	for i, f := range fs {
		msgs[i] = f.String()
	}
	return fmt.Errorf("cmdb: %s: not deployable: %s: %w", process.Subject(process.KindRelease, r.Release), strings.Join(msgs, "; "), process.ErrPrecondition)
}

// ReadinessFromStore gathers the release gates' inputs for rel from s
// (ISO/IEC 20000-1:2011, 9.2, 9.3): each change it implements, authorised
// once it has reached the authorised state or any later one short of
// rejection or cancellation; its acceptance criteria; the results of its
// acceptance tests ([process.LinkTestedBy]) in the order the release links them;
// and its baseline.
func ReadinessFromStore(s process.Store, rel *process.Release) (ReleaseReadiness, error) {
	s = process.ReadOnly(s) // reads only: no copies
	r := ReleaseReadiness{Release: rel.ID, Baseline: rel.Baseline}
	for _, id := range rel.Changes {
		rec, err := s.Get(id)
		if err != nil {
			return ReleaseReadiness{}, err
		}
		c, ok := rec.(*process.RequestForChange)
		if !ok {
			return ReleaseReadiness{}, fmt.Errorf("cmdb: %s: change %s is a %T: %w", rel.Subject(), id.Short(), rec, process.ErrInvalidValue)
		}
		r.Changes = append(r.Changes, ChangeApproval{Change: id, Authorised: c.Authorised()})
	}
	for _, c := range rel.AcceptanceCriteria {
		r.Criteria = append(r.Criteria, c.Code)
	}
	for _, id := range rel.Linked(process.LinkTestedBy) {
		rec, err := s.Get(id)
		if err != nil {
			return ReleaseReadiness{}, err
		}
		t, ok := rec.(*process.ReleaseAcceptanceTest)
		if !ok {
			return ReleaseReadiness{}, fmt.Errorf("cmdb: %s: test %s is a %T: %w", rel.Subject(), id.Short(), rec, process.ErrInvalidValue)
		}
		for _, res := range t.Results {
			r.Results = append(r.Results, AcceptanceResult{Criterion: res.Criterion, Passed: res.Passed})
		}
	}
	return r, nil
}

// ReleaseCIs returns the CIs a release deploys: those its changes affect,
// read from s, in order, each once (ISO/IEC 20000-1:2011, 9.3).
func ReleaseCIs(s process.Store, rel *process.Release) ([]process.ID, error) {
	var out []process.ID
	for _, id := range rel.Changes {
		rec, err := s.Get(id)
		if err != nil {
			return nil, err
		}
		if c, ok := rec.(*process.RequestForChange); ok {
			for _, ci := range c.AffectedCIs {
				if !slices.Contains(out, ci) {
					out = append(out, ci)
				}
			}
		}
	}
	return out, nil
}
