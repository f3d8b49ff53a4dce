package process

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// bindMove records on the last move of h's history the digest of what r,
// a [Bound] record, now holds, when an approval binds it: the agreeing,
// amending or accepting move just made.
func bindMove(r Bound, h *Header) {
	content, bound := r.Scope()
	if !bound {
		return
	}
	for i := len(h.History) - 1; i >= 0; i-- {
		if e := &h.History[i]; e.Action == ActionMoved || (e.Action == ActionChanged && e.Field == termsField) {
			e.Scope = ScopeDigest(content)
			return
		}
	}
}

// canonical encodes v as the content of an approval: JSON of plain values
// in a fixed field order.
func canonical(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Appendf(nil, "%v", v) // a value that does not encode (an unknown code) still binds, by its printed values
	}
	return b
}

// agreed reports whether an agreement in state st is bound by its
// agreement: agreed, in force or under review.
func agreed(st AgreementState) bool {
	return st == AgreementAgreed || st == AgreementInForce || st == AgreementUnderReview
}

// inUTC returns the terms with their dates in UTC, so that the digest of
// an approval does not change when a store hands the same instants back in
// another location.
func (a AgreementTerms) inUTC() AgreementTerms {
	a.Start, a.End = a.Start.UTC(), a.End.UTC()
	return a
}

// Scope returns what the agreement of the SLA covers: its customer and its
// terms. It is bound from agreement until retirement: its terms change
// then only through [SLA.Amend] with a request for change, which records
// the new content's digest (ISO/IEC 20000-1:2011, 6.1, 9.2).
func (s *SLA) Scope() (content []byte, bound bool) {
	return canonical(struct {
		Customer ID             `json:"customer"`
		Terms    AgreementTerms `json:"terms"`
	}{s.Customer, s.AgreementTerms.inUTC()}), agreed(s.State())
}

// Scope returns what the agreement of the OLA covers: its group and its
// terms, bound as an SLA's are (ISO/IEC 20000-1:2011, 6.1, 9.2).
func (o *OLA) Scope() (content []byte, bound bool) {
	return canonical(struct {
		Group string         `json:"group"`
		Terms AgreementTerms `json:"terms"`
	}{o.Group, o.AgreementTerms.inUTC()}), agreed(o.State())
}

// Scope returns what the acceptance of the release covers: its type,
// version, description, deliverables, acceptance criteria and the
// changes, fixes and known errors it carries (as sets). It is bound from
// acceptance until it is deployed: what goes live is what was tested and
// accepted (ISO/IEC 20000-1:2011, 9.3).
func (r *Release) Scope() (content []byte, bound bool) {
	sorted := func(ids []ID) []ID {
		ids = slices.Clone(ids)
		slices.SortFunc(ids, ID.Compare)
		return ids
	}
	content = canonical(struct {
		Type               ReleaseType `json:"type"`
		Version            string      `json:"version"`
		Description        string      `json:"description"`
		Deliverables       []string    `json:"deliverables"`
		AcceptanceCriteria []Criterion `json:"acceptanceCriteria"`
		Changes            []ID        `json:"changes"`
		Fixes              []ID        `json:"fixes"`
		Carries            []ID        `json:"carries"`
	}{r.Type, r.Version, r.Description, r.Deliverables, r.AcceptanceCriteria, sorted(r.Changes), sorted(r.Fixes), sorted(r.Carries)})
	st := r.State()
	return content, st == ReleaseAccepted || st == ReleaseDeploying || st == ReleaseDeployed
}

// Guard refuses, for [Set], a write to who accepted the release, which
// [Release.Accept] records, and to what an acceptance covers while it
// binds ([Release.Scope]) (ISO/IEC 20000-1:2011, 9.3).
func (r *Release) Guard(by Actor, at time.Time, dst any) error {
	switch dst {
	case &r.AcceptedBy:
		return fmt.Errorf("who accepted the release is recorded by its acceptance: %w", ErrProtected)
	case &r.Type, &r.Version, &r.Description:
		if _, bound := r.Scope(); bound {
			return fmt.Errorf("the release is %s on its acceptance: %w", r.Status, ErrProtected)
		}
	}
	return nil
}

// Guard refuses, for [Set], a write to the request's requester or
// approver, which its creation and its decision record, and to whether it
// needs approval once it has left new, or by its requester at any time
// ([ErrSegregation]) (ISO/IEC 20000-1:2011, 8.1).
func (r *ServiceRequest) Guard(by Actor, at time.Time, dst any) error {
	switch dst {
	case &r.Requester:
		return fmt.Errorf("the requester is who created the request: %w", ErrProtected)
	case &r.Approver:
		return fmt.Errorf("the approver is who decided the request: %w", ErrProtected)
	case &r.NeedsApproval:
		if r.State() != RequestNew {
			return fmt.Errorf("whether the request needs approval, once it is %s: %w", r.Status, ErrProtected)
		}
		if by.ID == r.Requester {
			return fmt.Errorf("%s may not decide whether their own request needs approval: %w", by.ID, ErrSegregation)
		}
	}
	return nil
}

// Guard refuses, for [Set], a write to whether the incident is major and
// to who is responsible for it: [Incident.DeclareMajor] declares a major
// incident, with its notice to top management, and a declared major
// incident is not undeclared; it is reviewed (ISO/IEC 20000-1:2011, 8.1).
func (i *Incident) Guard(by Actor, at time.Time, dst any) error {
	switch dst {
	case &i.Major, &i.MajorResponsible:
		return fmt.Errorf("a major incident is declared by DeclareMajor and never undeclared: %w", ErrProtected)
	}
	return nil
}

// validateAccountability adds the findings on the fields that must match
// the history: the requester is who created the request, the approver who
// decided it and not the requester, the priority what the history set
// (ISO/IEC 20000-1:2011, 8.1).
func (r *ServiceRequest) validateAccountability(v *ValidationError) {
	requesterCreated(v, &r.Header, r.Requester)
	explained(v, &r.Header, "approver", r.Approver, "")
	if r.Approver != "" && r.Approver == r.Requester {
		v.Addf("approver", ErrSegregation, "%s decided their own request", r.Approver)
	}
	explained(v, &r.Header, "priority", r.Priority, Priority(0))
}

// requesterCreated adds [ErrInconsistent] for "requester" unless requester
// is who created the record, as its history's first entry says: a request
// is asked for by whoever records it (ISO/IEC 20000-1:2011, 8.1, 9.2).
func requesterCreated(v *ValidationError, h *Header, requester string) {
	if len(h.History) > 0 && requester != h.History[0].Actor {
		v.Addf("requester", ErrInconsistent, "%q, but %q created the request", requester, h.History[0].Actor)
	}
}

// explainClassification adds the findings on an incident's or problem's
// impact, urgency and priority that no history entry set: a priority is
// set by classification or an override, with who and when, never written
// into the record (ISO/IEC 20000-1:2011, 8.1, 8.2).
func explainClassification(v *ValidationError, h *Header, impact, urgency Level, p Priority) {
	explained(v, h, "impact", impact, Level(""))
	explained(v, h, "urgency", urgency, Level(""))
	explained(v, h, "priority", p, Priority(0))
}

// explained adds [ErrInconsistent] for path unless value is what the last
// change of the field path in h's history set it to, or zero when no entry
// changed it: the field is written only by methods that record the change.
func explained(v *ValidationError, h *Header, path string, value, zero any) {
	want, set := fmt.Sprint(zero), false
	for i := len(h.History) - 1; i >= 0; i-- {
		if e := h.History[i]; e.Action == ActionChanged && e.Field == path {
			want, set = e.To, true
			break
		}
	}
	if got := fmt.Sprint(value); got != want {
		if set {
			v.Addf(path, ErrInconsistent, "%s, but the history last set it to %s", got, want)
		} else {
			v.Addf(path, ErrInconsistent, "%s, but no history entry set it", got)
		}
	}
}
