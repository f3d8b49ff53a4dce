package cmdb

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/smskit/iso20000/process"
)

// KnownErrorProfile is what known-error matching compares a new incident
// with: the known error, the CIs and services it affects, and its symptoms
// as free text (ISO/IEC 20000-1:2011, 8.2: known errors are recorded; 8.1:
// incidents are resolved using them).
type KnownErrorProfile struct {
	KnownError process.ID
	CIs        []process.ID
	Services   []process.ID
	Symptoms   string
}

// IncidentSignature is what is known of a new incident when matching it
// with known errors: the CIs and services it affects and its description
// (ISO/IEC 20000-1:2011, 8.1).
type IncidentSignature struct {
	CIs         []process.ID
	Services    []process.ID
	Description string
}

// MatchWeights are the points a known error earns towards its score for
// each kind of match (ISO/IEC 20000-1:2011, 8.2). The zero MatchWeights
// means [DefaultMatchWeights].
type MatchWeights struct {
	CI        int // a CI of the incident is one of the known error's
	RelatedCI int // a CI of the incident depends, at any depth, on one of the known error's (needs an index)
	Service   int // a service of the incident is one of the known error's
	Symptoms  int // times the share of the known error's symptom words found in the description
}

// DefaultMatchWeights weighs an affected CI most, then the service, then
// symptom words, then a CI the incident's CI depends on: at most 100 points.
func DefaultMatchWeights() MatchWeights {
	return MatchWeights{CI: 40, RelatedCI: 20, Service: 25, Symptoms: 35}
}

// KnownErrorMatch is one known error matched with an incident: its score
// (0–100 with the default weights) and what matched (ISO/IEC 20000-1:2011,
// 8.1, 8.2).
type KnownErrorMatch struct {
	KnownError process.ID
	Score      int
	CI         bool     // a CI matched
	RelatedCI  bool     // a CI the incident's CIs depend on matched (and no CI did)
	Service    bool     // a service matched
	Words      []string // the symptom words found in the description, in the known error's order
}

// MatchKnownErrors ranks the known errors that match a new incident,
// highest score first, then by ID; known errors that match nothing are left
// out (ISO/IEC 20000-1:2011, 8.1, 8.2). Symptoms and description are
// compared as sets of lower-case words of three letters or more, common
// words left out. With an index, a known error on a CI the incident's CIs
// depend on (upstream, at any depth) scores RelatedCI. A nil w means the
// default weights.
func MatchKnownErrors(inc IncidentSignature, kes []KnownErrorProfile, x *Index, w *MatchWeights) []KnownErrorMatch {
	wt := DefaultMatchWeights()
	if w != nil && *w != (MatchWeights{}) {
		wt = *w
	}
	desc := make(map[string]bool)
	for _, t := range words(inc.Description) {
		desc[t] = true
	}
	var upstream *Impact
	if x != nil {
		if known := x.known(inc.CIs); len(known) > 0 {
			upstream, _ = x.Impact(ImpactQuery{CIs: known, Direction: Upstream})
			defer upstream.Release()
		}
	}
	var out []KnownErrorMatch
	for _, ke := range kes {
		m := KnownErrorMatch{KnownError: ke.KnownError}
		m.CI = slices.ContainsFunc(ke.CIs, func(c process.ID) bool { return slices.Contains(inc.CIs, c) })
		if !m.CI && upstream != nil {
			m.RelatedCI = slices.ContainsFunc(ke.CIs, upstream.Has)
		}
		m.Service = slices.ContainsFunc(ke.Services, func(s process.ID) bool { return slices.Contains(inc.Services, s) })
		sym := words(ke.Symptoms)
		for _, t := range sym {
			if desc[t] {
				m.Words = append(m.Words, t)
			}
		}
		if m.CI {
			m.Score += wt.CI
		}
		if m.RelatedCI {
			m.Score += wt.RelatedCI
		}
		if m.Service {
			m.Score += wt.Service
		}
		if len(sym) > 0 {
			m.Score += (wt.Symptoms*len(m.Words) + len(sym)/2) / len(sym)
		}
		if m.CI || m.RelatedCI || m.Service || len(m.Words) > 0 {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b KnownErrorMatch) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), a.KnownError.Compare(b.KnownError))
	})
	return out
}

// stopWords are common words that say nothing of a symptom.
var stopWords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "not": true, "are": true, "was": true,
	"when": true, "from": true, "this": true, "that": true, "after": true, "into": true, "all": true,
	"can": true, "cannot": true, "does": true, "has": true, "have": true, "but": true, "our": true,
}

// words returns the distinct lower-case words of s of three letters or
// more, in order of first appearance, stop words left out.
func words(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len([]rune(f)) >= 3 && !stopWords[f] && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// KnownErrorProfiles reads the known errors of s that are not retired as
// profiles for [MatchKnownErrors]: their CIs, the service of their problem
// when it has one, and their title and symptoms as symptoms (ISO/IEC
// 20000-1:2011, 8.2).
func KnownErrorProfiles(s process.Store) ([]KnownErrorProfile, error) {
	var out []KnownErrorProfile
	err := eachRecord(s, process.KindKnownError, func(k *process.KnownError) error {
		if k.Lifecycle().Final(k.State()) {
			return nil
		}
		p := KnownErrorProfile{KnownError: k.ID, CIs: slices.Clone(k.AffectedCIs), Symptoms: k.Title + " " + k.Symptoms}
		if rec, err := s.Get(k.Problem); err == nil {
			p.Services = rec.Meta().Linked(process.LinkService)
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// SignatureOf returns what matching needs of an incident: its CIs, service,
// and title and description.
func SignatureOf(i *process.Incident) IncidentSignature {
	sig := IncidentSignature{CIs: slices.Clone(i.AffectedCIs), Description: i.Title + " " + i.Description}
	if !i.Service.IsZero() {
		sig.Services = []process.ID{i.Service}
	}
	return sig
}
