package process

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Window is a span of time with a start and an end: a change's planned
// implementation window, a blackout in the schedule of change, a review
// period (ISO/IEC 20000-1:2011, 9.2, 9.3). The zero Window is unset. Both
// instants keep their location.
type Window struct {
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
}

// IsZero reports whether w is unset.
func (w Window) IsZero() bool { return w.Start.IsZero() && w.End.IsZero() }

// Overlaps reports whether w and o share any instant; windows that only
// touch (one ends when the other starts) do not overlap.
func (w Window) Overlaps(o Window) bool { return w.Start.Before(o.End) && o.Start.Before(w.End) }

// Contains reports whether o lies wholly inside w.
func (w Window) Contains(o Window) bool { return !o.Start.Before(w.Start) && !o.End.After(w.End) }

// Duration returns the length of w.
func (w Window) Duration() time.Duration { return w.End.Sub(w.Start) }

// validate adds findings for w under path: both ends required, end after
// start.
func (w Window) validate(v *ValidationError, path string) {
	v.Require(path+".start", !w.Start.IsZero())
	v.Require(path+".end", !w.End.IsZero())
	if !w.Start.IsZero() && !w.End.IsZero() && !w.End.After(w.Start) {
		v.Addf(path+".end", ErrInvalidValue, "not after start")
	}
}

// check returns the findings of validate as an error, for move arguments.
func (w Window) check(path string) error {
	v := ValidationError{Subject: path}
	w.validate(&v, path)
	return v.Err()
}

// validateRefs checks a list of record IDs held in a field: each set, none
// repeated and, when t is not empty, each matched by a link of type t in h
// (the field and the links are kept in step by the record's methods).
func validateRefs(v *ValidationError, h *Header, path string, ids []ID, t LinkType) {
	for i, id := range ids {
		p := fmt.Sprintf("%s[%d]", path, i)
		switch {
		case id.IsZero():
			v.Add(p, ErrRequired)
		case slices.Index(ids, id) < i:
			v.Addf(p, ErrInvalidValue, "%s repeated", id.Short())
		case t != "" && !h.HasLink(t, id):
			v.Addf(p, ErrInvalidLink, "no %s link to %s", t, id.Short())
		}
	}
}

// validateRef checks one record ID held in a field: set, and when t is not
// empty matched by a link of type t in h.
func validateRef(v *ValidationError, h *Header, path string, id ID, t LinkType) {
	switch {
	case id.IsZero():
		v.Add(path, ErrRequired)
	case t != "" && !h.HasLink(t, id):
		v.Addf(path, ErrInvalidLink, "no %s link to %s", t, id.Short())
	}
}

// validateReview adds the findings on what every review record holds:
// when it was held, at least one reviewer, its findings, and no blank
// reviewer or action (ISO/IEC 20000-1:2011, 8.1, 9.2, 9.3).
func validateReview(v *ValidationError, held time.Time, reviewers []string, findings string, actions []string) {
	v.Require("held", !held.IsZero())
	v.Identities("reviewers", reviewers, true)
	v.RequireText("findings", findings)
	v.CheckTexts("actions", actions, false)
}

// addRef links h to the record id of kind k with a link of type t and adds
// id to the field *dst, together or not at all. Adding an ID already there
// is an error wrapping [ErrExists].
func addRef(h *Header, dst *[]ID, t LinkType, id ID, k RecordKind, by Actor, at time.Time) error {
	if id.IsZero() {
		return fmt.Errorf("process: %s: link %s: %w", h.Subject(), t, ErrRequired)
	}
	if slices.Contains(*dst, id) {
		return fmt.Errorf("process: %s: %s %s: %w", h.Subject(), t, Subject(k, id), ErrExists)
	}
	if err := linkOnce(h, t, id, k, by, at); err != nil {
		return err
	}
	*dst = append(*dst, id)
	return nil
}

// setRef links h to the record id of kind k with a link of type t and sets
// the field *dst to id. A field already set to another record is an error
// wrapping [ErrExists].
func setRef(h *Header, dst *ID, t LinkType, id ID, k RecordKind, by Actor, at time.Time) error {
	if id.IsZero() {
		return fmt.Errorf("process: %s: link %s: %w", h.Subject(), t, ErrRequired)
	}
	if *dst == id {
		return nil
	}
	if !dst.IsZero() {
		return fmt.Errorf("process: %s: %s already %s: %w", h.Subject(), t, dst.Short(), ErrExists)
	}
	if err := linkOnce(h, t, id, k, by, at); err != nil {
		return err
	}
	*dst = id
	return nil
}

// linkOnce links h to the record id of kind k with a link of type t unless
// the link is there already, refusing, changing nothing, a time before the
// last entry of h's history.
func linkOnce(h *Header, t LinkType, id ID, k RecordKind, by Actor, at time.Time) error {
	if err := h.CheckEvent(by, at); err != nil {
		return err
	}
	if h.HasLink(t, id) {
		return nil
	}
	return h.Link(by, at, t, id, k)
}

// linkedKind reports whether h holds a link of type t to a record of kind k.
func linkedKind(h *Header, t LinkType, k RecordKind) bool {
	return slices.ContainsFunc(h.Links, func(l Link) bool { return l.Type == t && l.Kind == k })
}

// needRole returns nil if by holds any of roles, and an error wrapping
// [ErrForbidden] naming them otherwise.
func needRole(by Actor, roles ...Role) error {
	if slices.ContainsFunc(roles, by.Has) {
		return nil
	}
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	return fmt.Errorf("%w: %s", ErrForbidden, strings.Join(names, " or "))
}

// unmet returns an error wrapping [ErrPrecondition] with a formatted detail.
func unmet(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrPrecondition)
}

// blank reports whether s holds nothing but white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// missing returns an error wrapping both [ErrRequired] and
// [ErrPrecondition]: a move needs field and it is not given.
func missing(field string) error {
	return fmt.Errorf("%s: %w: %w", field, ErrRequired, ErrPrecondition)
}

// needText returns the check of a move that needs the text s, named field:
// an error wrapping [ErrRequired] and [ErrPrecondition] when s is blank.
func needText(field, s string) func() error {
	return func() error {
		if blank(s) {
			return missing(field)
		}
		return nil
	}
}

// validLevel reports whether l may grade impact, urgency or risk: one of
// the default levels or a host's own level, which [Level] does not know, so
// any code that is not blank (ISO/IEC 20000-1:2011, 8.1).
func validLevel(l Level) bool { return l.Valid() || !blank(string(l)) }

// checkLevel adds ErrRequired for an unset impact, urgency or risk level and
// ErrInvalidValue for a blank one; a host's own non-blank levels are accepted.
func checkLevel(v *ValidationError, path string, l Level) {
	switch {
	case l == "":
		v.Add(path, ErrRequired)
	case !validLevel(l):
		v.Addf(path, ErrInvalidValue, "%q", string(l))
	}
}
