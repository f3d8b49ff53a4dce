package process

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"time"
)

// Check reports whether the store s may hold r, as the library's rules
// ask of every write: the same checks for the in-memory store and for a
// host's own (a SQL store runs Check before it writes, inside the
// transaction that writes). It refuses, wrapping:
//
//   - [ErrRequired]: a nil record, or a nil pointer to one;
//   - the *ValidationError of r.Validate, which includes a status its
//     history's moves do not lead to and accountability fields (requester,
//     approvals, implementer, priority) that disagree with the history
//     ([ErrInconsistent]);
//   - [ErrInconsistent]: a [Bound] record whose content no longer matches
//     what its last approval bound;
//   - [ErrInconsistent]: links the history's linked and unlinked entries
//     do not explain (a link added or removed behind the methods' backs);
//   - [ErrInvalidValue] and [ErrHistoryRewritten]: a replacement of
//     another kind than the stored record, or whose history does not begin
//     with the stored history (histories are append-only);
//   - [ErrNotFound] and [ErrInvalidLink]: a link to a record not in s, or
//     of another kind than the link says (a record may link to itself);
//   - [ErrInconsistent] with [ErrNotFound] or [ErrPrecondition]: the rules
//     that span records. A known error's problem is stored. A release's
//     changes are stored and authorised. A change with potential major
//     impact is implemented only once a service plan raised it and reached
//     design (Clause 5). A reviewed change's review, a closed or
//     cancelled major incident's review and a reviewed release's review
//     are stored and review that record. A record type of another
//     package adds its own by implementing [CrossChecker].
//
// The rules that span records hold when the record that names another is
// written: a later change of the record named (a change a release holds,
// sent back for approval) is found by the next write of the record that
// names it, which is refused until it is put right, and by the interface
// audit. Check reads s and never writes it (ISO/IEC 20000-1:2011, 4.3.3, 5.1,
// 8.1, 8.2, 9.2, 9.3).
func Check(s Store, r Record) error {
	if isNil(r) {
		return fmt.Errorf("process: check: nil record: %w", ErrRequired)
	}
	if s == nil || reflect.ValueOf(s).Kind() == reflect.Pointer && reflect.ValueOf(s).IsNil() {
		return fmt.Errorf("process: check %s: nil store: %w", r.Meta().Subject(), ErrRequired)
	}
	if err := r.Validate(); err != nil {
		return err
	}
	h := r.Meta()
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s: %s: %w", h.Kind.Package(), h.Subject(), fmt.Errorf(format, args...))
	}
	if err := checkBinding(r); err != nil {
		return fail("%w", err)
	}
	old, err := s.Get(h.ID)
	switch {
	case err == nil:
		oh := old.Meta()
		if oh.Kind != h.Kind {
			return fail("stored as %s: %w", oh.Kind, ErrInvalidValue)
		}
		if !historyExtends(oh.History, h.History) {
			return fail("%w", ErrHistoryRewritten)
		}
	case !errors.Is(err, ErrNotFound):
		return fail("%w", err)
	}
	for i, l := range h.Links {
		if l.To == h.ID {
			if l.Kind != h.Kind {
				return fail("links[%d]: target is %s, not %s: %w", i, h.Kind, l.Kind, ErrInvalidLink)
			}
			continue
		}
		t, err := s.Get(l.To)
		if err != nil {
			return fail("links[%d]: %s: %w", i, Subject(l.Kind, l.To), err)
		}
		if k := t.Meta().Kind; k != l.Kind {
			return fail("links[%d]: target is %s, not %s: %w", i, k, l.Kind, ErrInvalidLink)
		}
	}
	if err := linksExplained(h); err != nil {
		return fail("%w", err)
	}
	if err := crossCheck(s, r); err != nil {
		return fail("%w: %w", err, ErrInconsistent)
	}
	return nil
}

// checkBinding refuses a [Bound] record in a bound state whose content
// differs from the digest its history last recorded.
func checkBinding(r Record) error {
	b, ok := r.(Bound)
	if !ok {
		return nil
	}
	content, bound := b.Scope()
	if !bound {
		return nil
	}
	h := r.Meta()
	d, i := boundDigest(h)
	if i < 0 {
		return fmt.Errorf("%s, but no history entry records what was approved: %w", h.Status, ErrInconsistent)
	}
	if d != ScopeDigest(content) {
		e := h.History[i]
		return fmt.Errorf("content changed since history[%d] (%s by %s at %s) bound it: %w", i, e.Action, e.Actor, e.At.Format(time.RFC3339), ErrInconsistent)
	}
	return nil
}

// linksExplained refuses links that h's history does not explain: the links
// must be those its linked and unlinked entries leave, in any order, so a
// link added or removed behind the methods' backs is caught (ISO/IEC
// 20000-1:2011, 4.3.3).
func linksExplained(h *Header) error {
	type key struct {
		t  LinkType
		to ID
	}
	want := map[key]int{}
	for _, e := range h.History {
		switch e.Action {
		case ActionLinked:
			want[key{LinkType(e.Field), e.Ref}]++
		case ActionUnlinked:
			want[key{LinkType(e.Field), e.Ref}]--
		}
	}
	for i, l := range h.Links {
		k := key{l.Type, l.To}
		if want[k] <= 0 {
			return fmt.Errorf("links[%d]: %s to %s, but no history entry added it: %w", i, l.Type, Subject(l.Kind, l.To), ErrInconsistent)
		}
		want[k]--
	}
	for k, n := range want {
		if n > 0 {
			return fmt.Errorf("the history adds a %s link to %s that the record does not hold: %w", k.t, k.to.Short(), ErrInconsistent)
		}
	}
	return nil
}

// crossCheck runs the rules that span records on r.
func crossCheck(s Store, r Record) error {
	switch r := r.(type) {
	case *KnownError:
		_, err := stored[*Problem](s, r.Problem, "problem")
		return err
	case *Release:
		for i, id := range r.Changes {
			c, err := stored[*RequestForChange](s, id, fmt.Sprintf("changes[%d]", i))
			if err != nil {
				return err
			}
			if !c.Authorised() {
				return fmt.Errorf("changes[%d]: %s is %s, not authorised: %w", i, c.Subject(), orNone(c.Status), ErrPrecondition)
			}
		}
		if r.State() == ReleaseReviewed || r.State() == ReleaseClosed {
			return reviewsOf(s, &r.Header, KindPostDeploymentReview, func(rv *PostDeploymentReview) ID { return rv.Release })
		}
	case *RequestForChange:
		if r.MajorImpact && (r.State() == ChangeImplementing || r.after(changeImplementedOn...)) {
			if err := designedFor(s, r); err != nil {
				return err
			}
		}
		if r.after(changeReviewedOn...) {
			return reviewsOf(s, &r.Header, KindPostImplementationReview, func(rv *PostImplementationReview) ID { return rv.Change })
		}
	case *Incident:
		if r.Major && (r.State() == IncidentClosed || r.State() == IncidentCancelled) {
			return reviewsOf(s, &r.Header, KindMajorIncidentReview, func(rv *MajorIncidentReview) ID { return rv.Incident })
		}
	case CrossChecker:
		return r.CrossCheck(s)
	}
	return nil
}

// CrossChecker is a record type whose rules span other stored records,
// from any package: [Check] calls CrossCheck with the store the record is
// written to, and refuses the write when it returns an error (wrapped
// with [ErrInconsistent]). CrossCheck reads s and never writes it.
type CrossChecker interface {
	Record
	CrossCheck(s Store) error
}

// stored returns the record id of s as an R, the record a field named
// path refers to.
func stored[R Record](s Store, id ID, path string) (R, error) {
	var zero R
	rec, err := s.Get(id)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	got, ok := rec.(R)
	if !ok {
		return zero, fmt.Errorf("%s: %s is a %s: %w", path, id.Short(), rec.Meta().Kind, ErrInvalidValue)
	}
	return got, nil
}

// reviewsOf checks that h links to at least one review of kind k with
// [LinkReviewedBy], and that each such review is stored as an R and names
// h's record as what it reviews (subject).
func reviewsOf[R Record](s Store, h *Header, k RecordKind, subject func(R) ID) error {
	found := false
	for i, l := range h.Links {
		if l.Type != LinkReviewedBy || l.Kind != k {
			continue
		}
		rv, err := stored[R](s, l.To, fmt.Sprintf("links[%d]", i))
		if err != nil {
			return err
		}
		if got := subject(rv); got != h.ID {
			return fmt.Errorf("links[%d]: %s reviews %s, not this record: %w", i, rv.Meta().Subject(), got.Short(), ErrPrecondition)
		}
		found = true
	}
	if !found {
		return fmt.Errorf("%s with no %s linked: %w", h.Status, k, ErrPrecondition)
	}
	return nil
}

// designedFor checks that a service plan raised the change c with
// [LinkRaised] and has reached design: a change with potential major
// impact goes through design and transition (ISO/IEC 20000-1:2011, 5.1).
func designedFor(s Store, c *RequestForChange) error {
	for b, err := range s.LinksTo(c.ID) {
		if err != nil {
			return err
		}
		if b.Type != LinkRaised || b.Kind != KindServicePlan {
			continue
		}
		p, err := stored[*ServicePlan](s, b.From, "service plan")
		if err != nil {
			return err
		}
		if slices.Contains(planDesignedOn, p.State()) {
			return nil
		}
	}
	return fmt.Errorf("potential major impact, but no service plan that raised it has reached design (Clause 5): %w", ErrPrecondition)
}

// planDesignedOn are the states of a service plan that has been designed.
var planDesignedOn = []ServicePlanState{PlanDesigned, PlanBuilt, PlanTested, PlanTransitioned, PlanReviewed}

// isNil reports whether r is nil or a nil pointer.
func isNil(r Record) bool {
	if r == nil {
		return true
	}
	v := reflect.ValueOf(r)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// Import checks a record brought in from another system (the ticket tool a
// provider migrates from, a partner's service desk), whose history was
// recorded there: r holds the record's fields and its real history, every
// entry with its time, actor and action in the shapes the library records
// (moves as [ActionMoved] with From and To, approvals of a change as
// [ActionApproved] with Field "approvals" and the decision in To, field
// changes as [ActionChanged] with the value as [Set] writes it, a priority
// as "P3"), and
// source names the system. Import never invents a step: it derives the
// status from the history's last move, marks every entry with source,
// appends one [ActionImported] entry by by at at (carrying the digest of
// the content a [Bound] record's approval covers), and checks the result
// as Validate does, so a history whose moves skip a state the lifecycle
// needs, start from another state, or leave fields unexplained is refused.
// What the source system knew and the library cannot (the roles its users
// held) is trusted; segregation of duties is checked on the identities.
// Refused, r is unchanged; accepted, r is ready for [Check] and a store
// (ISO/IEC 20000-1:2011, 4.3.3).
func Import(r Record, source string, by Actor, at time.Time) error {
	if isNil(r) {
		return fmt.Errorf("process: import: nil record: %w", ErrRequired)
	}
	h := r.Meta()
	fail := func(err error) error {
		return fmt.Errorf("%s: %s: import from %q: %w", h.Kind.Package(), h.Subject(), source, err)
	}
	if err := CheckIdentity(source); err != nil {
		return fail(fmt.Errorf("source: %w", err))
	}
	if len(h.History) == 0 {
		return fail(fmt.Errorf("history: %w", ErrRequired))
	}
	c := clone(r)
	ch := c.Meta()
	for i := range ch.History {
		e := &ch.History[i]
		if e.Source != "" && e.Source != source {
			return fail(fmt.Errorf("history[%d]: from %q: %w", i, e.Source, ErrInvalidValue))
		}
		if e.Action == ActionImported {
			return fail(fmt.Errorf("history[%d]: imported already: %w", i, ErrExists))
		}
		e.Source = source
		if e.Action == ActionMoved {
			ch.Status = e.To
		}
		ch.Updated = maxTime(ch.Updated, e.At)
	}
	if err := ch.CheckEvent(by, at); err != nil {
		return err
	}
	imported := Event{At: at, Actor: by.ID, Action: ActionImported, Source: source, Note: "imported from " + source}
	if b, ok := c.(Bound); ok {
		if content, bound := b.Scope(); bound {
			imported.Scope = ScopeDigest(content)
		}
	}
	ch.append(imported)
	if err := c.Validate(); err != nil {
		return fail(err)
	}
	reflect.ValueOf(r).Elem().Set(reflect.ValueOf(c).Elem())
	return nil
}

// maxTime returns the later of a and b.
func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// clone returns a deep copy of x: every exported field copied, down
// through pointers, slices, arrays, maps and structs, a pointer met twice
// (a cycle, a shared part) copied once; values of types with no exported
// fields (times, decimals) are copied as values, so times keep their
// location and reflect.DeepEqual compares the copy field by field.
// Unexported fields of a host's own types are copied as values, so what
// they refer to is shared.
func clone[T any](x T) T {
	c := copier{seen: map[pointer]reflect.Value{}}
	return c.copy(reflect.ValueOf(x)).Interface().(T)
}

// copier makes the deep copies of clone, remembering the pointers it has
// copied.
type copier struct{ seen map[pointer]reflect.Value }

// pointer identifies a pointer copied: its type and address.
type pointer struct {
	t reflect.Type
	p uintptr
}

// copy returns a deep copy of v, as clone describes.
func (c copier) copy(v reflect.Value) reflect.Value {
	if !v.IsValid() || flat(v.Type()) {
		return v
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		key := pointer{v.Type(), v.Pointer()}
		if n, ok := c.seen[key]; ok {
			return n
		}
		n := reflect.New(v.Type().Elem())
		c.seen[key] = n
		n.Elem().Set(c.copy(v.Elem()))
		return n
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		n := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			n.Index(i).Set(c.copy(v.Index(i)))
		}
		return n
	case reflect.Array:
		n := reflect.New(v.Type()).Elem()
		for i := range v.Len() {
			n.Index(i).Set(c.copy(v.Index(i)))
		}
		return n
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		n := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			n.SetMapIndex(it.Key(), c.copy(it.Value()))
		}
		return n
	case reflect.Struct:
		n := reflect.New(v.Type()).Elem()
		n.Set(v)
		for _, i := range deepFields(v.Type()) {
			n.Field(i).Set(c.copy(v.Field(i)))
		}
		return n
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		n := reflect.New(v.Type()).Elem()
		n.Set(c.copy(v.Elem()))
		return n
	}
	return v
}

// flat reports whether values of t hold nothing deepCopy follows: no
// pointer, slice, map or interface in any exported field, however deep
// (a struct with no exported field, such as time.Time, is a value). Values
// of a flat type are copied by assignment, and a slice of them by copying
// its elements. The answer is kept per type.
func flat(t reflect.Type) bool {
	if f, ok := flatTypes.Load(t); ok {
		return f.(bool)
	}
	f := true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		f = false
	case reflect.Array:
		f = flat(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if sf := t.Field(i); sf.IsExported() && !flat(sf.Type) {
				f = false
				break
			}
		}
	}
	flatTypes.Store(t, f)
	return f
}

// flatTypes caches [flat] by type.
var flatTypes sync.Map

// deepFields returns the indexes of the exported fields of the struct type
// t that are not [flat]: the ones deepCopy follows. The answer is kept per
// type.
func deepFields(t reflect.Type) []int {
	if f, ok := deepFieldsOf.Load(t); ok {
		return f.([]int)
	}
	var idx []int
	for i := range t.NumField() {
		if sf := t.Field(i); sf.IsExported() && !flat(sf.Type) {
			idx = append(idx, i)
		}
	}
	deepFieldsOf.Store(t, idx)
	return idx
}

// deepFieldsOf caches [deepFields] by type.
var deepFieldsOf sync.Map
