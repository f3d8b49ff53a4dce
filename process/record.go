package process

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Record is any record of the service management system: a struct that
// embeds [Header] and validates itself (ISO/IEC 20000-1:2011, 4.3.3). Every
// record type of the library implements it, and so may a host's own types
// for custom kinds.
type Record interface {
	// Meta returns the record's common header. The pointer aliases the
	// record: changes through it change the record.
	Meta() *Header
	// Validate reports every field at fault as a *ValidationError, or nil.
	Validate() error
}

// Header is the part every record shares: its identity, kind and title, when
// it was created and last changed, its lifecycle state, its typed links to
// other records and its append-only history (ISO/IEC 20000-1:2011, 4.3.3).
//
// Status holds the record's lifecycle state as text; lifecycle methods set
// it, and each record type reads it back as its typed state with State().
// A host sets it directly only when loading a stored record; Validate checks
// it. Links and History are appended to by [Header.Link], [Header.Unlink],
// [Set] and the lifecycle methods; they are never rewritten.
type Header struct {
	ID      ID         `json:"id"`
	Kind    RecordKind `json:"kind"`
	Title   string     `json:"title"`
	Status  string     `json:"status,omitempty"`
	Created time.Time  `json:"created"`
	Updated time.Time  `json:"updated"`
	Links   []Link     `json:"links,omitempty"`
	History []Event    `json:"history,omitempty"`
}

// NewHeader returns the header of a new record of the given kind: a fresh
// ID, created and updated at at, and a history that starts with its creation
// by by. Status is left empty for the record's constructor to set.
func NewHeader(kind RecordKind, title string, by Actor, at time.Time) Header {
	return Header{
		ID:      NewID(),
		Kind:    kind,
		Title:   title,
		Created: at,
		Updated: at,
		History: []Event{{At: at, Actor: by.ID, Action: ActionCreated}},
	}
}

// Meta returns h itself, so that every struct embedding a Header has the
// method [Record] asks for.
func (h *Header) Meta() *Header { return h }

// Subject names the record as messages do: kind and short ID.
func (h *Header) Subject() string { return Subject(h.Kind, h.ID) }

// Linked returns, in the order they were added, the IDs of the records h
// links to with links of type t.
func (h *Header) Linked(t LinkType) []ID {
	var ids []ID
	for _, l := range h.Links {
		if l.Type == t {
			ids = append(ids, l.To)
		}
	}
	return ids
}

// HasLink reports whether h links to the record to with a link of type t.
func (h *Header) HasLink(t LinkType, to ID) bool {
	return slices.ContainsFunc(h.Links, func(l Link) bool { return l.Type == t && l.To == to })
}

// Link adds a link of type t from h to the record to, of kind toKind, and
// records it in the history. It refuses, changing nothing, a link type that
// does not join h's kind to toKind ([ErrInvalidLink]), a zero target or
// actor ([ErrRequired]) and a link that is already there ([ErrExists]).
func (h *Header) Link(by Actor, at time.Time, t LinkType, to ID, toKind RecordKind) error {
	l := Link{Type: t, To: to, Kind: toKind}
	if err := l.check(h.Kind); err != nil {
		return fmt.Errorf("%s: %s: link %s: %w", h.Kind.Package(), h.Subject(), t, err)
	}
	if err := h.CheckEvent(by, at); err != nil {
		return err
	}
	if h.HasLink(t, to) {
		return fmt.Errorf("%s: %s: link %s to %s: %w", h.Kind.Package(), h.Subject(), t, Subject(toKind, to), ErrExists)
	}
	h.Links = append(h.Links, l)
	h.append(Event{At: at, Actor: by.ID, Action: ActionLinked, Field: string(t), To: string(toKind), Ref: to})
	return nil
}

// Unlink removes the link of type t from h to the record to and records it in
// the history; [ErrNotFound] if there is no such link.
func (h *Header) Unlink(by Actor, at time.Time, t LinkType, to ID) error {
	i := slices.IndexFunc(h.Links, func(l Link) bool { return l.Type == t && l.To == to })
	if i < 0 {
		return fmt.Errorf("%s: %s: link %s to %s: %w", h.Kind.Package(), h.Subject(), t, to.Short(), ErrNotFound)
	}
	if err := h.CheckEvent(by, at); err != nil {
		return err
	}
	kind := h.Links[i].Kind
	h.Links = slices.Delete(slices.Clone(h.Links), i, i+1)
	h.append(Event{At: at, Actor: by.ID, Action: ActionUnlinked, Field: string(t), From: string(kind), Ref: to})
	return nil
}

// Note appends a free-text entry to the history (a work note, a customer
// update) without changing anything else.
func (h *Header) Note(by Actor, at time.Time, text string) error {
	if err := h.CheckEvent(by, at); err != nil {
		return err
	}
	if text == "" {
		return fmt.Errorf("%s: %s: note: %w", h.Kind.Package(), h.Subject(), ErrRequired)
	}
	h.append(Event{At: at, Actor: by.ID, Action: ActionNoted, Note: text})
	return nil
}

// Set changes the field at *dst of record r to v, naming it field in the
// history, if v differs from the current value; it records who changed it,
// when, the record that authorised the change (for configuration items,
// the request for change; zero when none) and why, in note (the reason for
// a priority override, say; "" when none). It refuses a zero actor or time,
// a time before the last history entry, and, wrapping [ErrProtected], the
// fields of the header (identity, kind, times, status, links, history:
// states change only through lifecycle moves) and any field that r, when
// it is [Guarded], refuses: the fields that carry accountability (who
// requested, approved, implemented) and the content an approval binds.
// On a [Bound] record in a bound state, a write that changes what the
// approval covers is refused ([ErrProtected]), changing nothing, unless it
// amends an agreed SLA or OLA under the request for change the agreement
// links with [LinkAmendedBy]: that write records the new content's digest.
func Set[T comparable](r Record, field string, dst *T, v T, authority ID, note string, by Actor, at time.Time) error {
	h := r.Meta()
	if p, ok := any(dst).(*string); ok && p == &h.Status {
		return fmt.Errorf("%s: %s: set %s: the status changes only by lifecycle moves: %w: %w", h.Kind.Package(), h.Subject(), field, ErrProtected, ErrInvalidTransition)
	}
	if headerField(h, dst) {
		return fmt.Errorf("%s: %s: set %s: the header changes only through the record's methods: %w", h.Kind.Package(), h.Subject(), field, ErrProtected)
	}
	if err := h.CheckEvent(by, at); err != nil {
		return err
	}
	if *dst == v {
		return nil
	}
	n, updated, old := len(h.History), h.Updated, *dst
	b, isBound := r.(Bound)
	before, wasBound, matched := "", false, error(nil)
	if isBound {
		if content, bound := b.Scope(); bound {
			before, wasBound, matched = ScopeDigest(content), true, checkBinding(r)
		}
	}
	if g, ok := r.(Guarded); ok {
		if err := g.Guard(by, at, dst); err != nil {
			return fmt.Errorf("%s: %s: set %s: %w", h.Kind.Package(), h.Subject(), field, err)
		}
	}
	set(r, field, dst, v, authority, note, by, at)
	if !wasBound {
		return nil
	}
	content, bound := b.Scope()
	if !bound || ScopeDigest(content) == before {
		return nil
	}
	// The write changes what an approval bound: only an amendment under the
	// request for change the record links as amending it (an agreed SLA or
	// OLA) binds anew, and only content that still matched its approval.
	err := matched // content written behind the methods' backs is not laundered by an amendment
	if err == nil {
		err = amendable(r, authority)
	}
	if err != nil {
		*dst, h.History, h.Updated = old, h.History[:n], updated
		return fmt.Errorf("%s: %s: set %s: %w", h.Kind.Package(), h.Subject(), field, err)
	}
	h.History[len(h.History)-1].Scope = ScopeDigest(content)
	return nil
}

// amendable returns nil if the content of the bound record r may change
// under authority: r is an agreement that links authority with
// [LinkAmendedBy]. Otherwise it returns an error wrapping [ErrProtected].
func amendable(r Record, authority ID) error {
	h := r.Meta()
	if (h.Kind != KindSLA && h.Kind != KindOLA) || authority.IsZero() || !h.HasLink(LinkAmendedBy, authority) {
		return fmt.Errorf("%s is bound by its approval; it changes through the record's methods: %w", h.Status, ErrProtected)
	}
	return nil
}

// set is [Set] without its checks, for the record types' own methods,
// which check actor, time and state themselves.
func set[T comparable](r Record, field string, dst *T, v T, authority ID, note string, by Actor, at time.Time) {
	if *dst == v {
		return
	}
	h := r.Meta()
	from := fmt.Sprint(*dst)
	*dst = v
	h.append(Event{At: at, Actor: by.ID, Action: ActionChanged, Field: field, From: from, To: fmt.Sprint(v), Ref: authority, Note: note})
}

// headerField reports whether dst points at a field of h that only the
// record's methods and moves write.
func headerField(h *Header, dst any) bool {
	switch p := dst.(type) {
	case *ID:
		return p == &h.ID
	case *RecordKind:
		return p == &h.Kind
	case *time.Time:
		return p == &h.Created || p == &h.Updated
	}
	return false
}

// Guarded is implemented by a record whose fields are not all open to
// [Set]. Set calls Guard, on behalf of by at at, before it writes the field
// at dst (a pointer into the record): Guard returns an error wrapping
// [ErrProtected] to refuse the write, or nil to let it go on, after
// recording in the history what the write entails. A request for change
// refuses writes to its requester and implementer, and a write to its
// authorised scope sends it back for approval (ISO/IEC 20000-1:2011, 9.2).
type Guarded interface {
	Record
	Guard(by Actor, at time.Time, dst any) error
}

// Bound is implemented by a record that an approval binds to what it
// approved: an authorised request for change, an approved budget, an
// accepted release, an agreed SLA. Scope returns the content the approval
// covers, in a canonical encoding, and whether an approval binds the
// record in its current state. The record's approving methods record the
// content's digest in the history ([Event.Scope]); [Check] refuses a bound
// record whose content no longer matches the last digest recorded, so a
// field written directly after approval is caught wherever the record is
// stored (ISO/IEC 20000-1:2011, 6.4, 9.2, 9.3).
type Bound interface {
	Record
	Scope() (content []byte, bound bool)
}

// ScopeDigest returns the digest an approval of content records: the
// hexadecimal SHA-256 of content.
func ScopeDigest(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// boundDigest returns the digest of the last entry of h's history that
// bound the record's content, and the entry's index, or -1.
func boundDigest(h *Header) (string, int) {
	for i := len(h.History) - 1; i >= 0; i-- {
		if d := h.History[i].Scope; d != "" {
			return d, i
		}
	}
	return "", -1
}

// CheckEvent reports whether an event by by at at may be appended to h's
// history: the actor is named, the time set and not before the last entry
// (histories are append-only and in time order). Every move and link runs
// it first; a host driving a [Lifecycle] of its own, or changing several
// records together, runs it to check all of them before changing any.
func (h *Header) CheckEvent(by Actor, at time.Time) error {
	if err := CheckIdentity(by.ID); err != nil {
		return fmt.Errorf("%s: %s: actor: %w", h.Kind.Package(), h.Subject(), err)
	}
	if at.IsZero() {
		return fmt.Errorf("%s: %s: time: %w", h.Kind.Package(), h.Subject(), ErrRequired)
	}
	if n := len(h.History); n > 0 && at.Before(h.History[n-1].At) {
		return fmt.Errorf("%s: %s: time %s is before the last history entry: %w", h.Kind.Package(), h.Subject(), at.Format(time.RFC3339), ErrInvalidValue)
	}
	return nil
}

// append adds e to the history and moves Updated forward to e.At.
func (h *Header) append(e Event) {
	h.History = append(h.History, e)
	if e.At.After(h.Updated) {
		h.Updated = e.At
	}
}

// validate adds the header's findings to v: identity, the kind the record
// type requires, title, times, links and history.
func (h *Header) validate(v *ValidationError, want RecordKind) {
	if v.Package == "" {
		v.Package = want.Package()
	}
	v.Require("id", !h.ID.IsZero())
	switch {
	case h.Kind == "":
		v.Add("kind", ErrRequired)
	case h.Kind != want:
		v.Addf("kind", ErrInvalidValue, "%q, want %q", h.Kind, want)
	}
	v.Require("title", h.Title != "")
	v.Require("created", !h.Created.IsZero())
	if !h.Updated.IsZero() && h.Updated.Before(h.Created) {
		v.Addf("updated", ErrInvalidValue, "before created")
	}
	for i, l := range h.Links {
		if err := l.check(h.Kind); err != nil {
			v.Add(fmt.Sprintf("links[%d]", i), err)
		}
	}
	for i, e := range h.History {
		p := fmt.Sprintf("history[%d]", i)
		v.Require(p+".at", !e.At.IsZero())
		v.Identity(p+".actor", e.Actor)
		if !e.Action.Valid() {
			v.Addf(p+".action", ErrInvalidValue, "%q", e.Action)
		}
		if i > 0 && e.At.Before(h.History[i-1].At) {
			v.Addf(p+".at", ErrInvalidValue, "before the entry it follows")
		}
	}
}

// ValidateHeader checks the header of a record type of kind want defined
// outside this package (the records of sms, budgeting and capacity, or a
// host's own) and adds its findings to v, as the library's records do. It
// sets v.Package from the kind when v has none.
func ValidateHeader(h *Header, want RecordKind, v *ValidationError) {
	h.validate(v, want)
}

// Action says what a history entry records.
type Action string

// The actions a history records.
const (
	ActionCreated  Action = "created"  // the record was created
	ActionMoved    Action = "moved"    // a lifecycle move: From and To are states
	ActionChanged  Action = "changed"  // a field changed: Field, From, To
	ActionLinked   Action = "linked"   // a link added: Field is the link type, Ref the target
	ActionUnlinked Action = "unlinked" // a link removed
	ActionNoted    Action = "noted"    // a free-text note
	ActionApproved Action = "approved" // an approval given (Note says to what; Scope, when set, the digest of the content approved)
	ActionImported Action = "imported" // the record came in from another system ([Import]): Source names it
)

// Valid reports whether a is one of the actions above.
func (a Action) Valid() bool {
	switch a {
	case ActionCreated, ActionMoved, ActionChanged, ActionLinked, ActionUnlinked, ActionNoted, ActionApproved, ActionImported:
		return true
	}
	return false
}

// String returns the action's code.
func (a Action) String() string { return string(a) }

// Event is one entry of a record's append-only history: who did what and
// when (ISO/IEC 20000-1:2011, 4.3.3 and 9.1: changes are traceable and
// auditable).
type Event struct {
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action Action    `json:"action"`
	Field  string    `json:"field,omitempty"`
	From   string    `json:"from,omitempty"`
	To     string    `json:"to,omitempty"`
	Note   string    `json:"note,omitempty"`
	// Ref is another record the entry concerns: a link's target, or the
	// request for change that authorised a change to a configuration item.
	Ref ID `json:"ref,omitzero"`
	// Scope is the digest of the content an approval bound ([Bound],
	// [ScopeDigest]), on the entries that approve or authorise it.
	Scope string `json:"scope,omitempty"`
	// Source names the system an imported entry came from ([Import]); it
	// is empty for the entries the library recorded itself.
	Source string `json:"source,omitempty"`
}

// MarshalText encodes the action by the module's rule for enumerations
// ([MarshalEnum]): its code, or nothing when unset.
func (a Action) MarshalText() ([]byte, error) { return MarshalEnum(a) }

// UnmarshalText decodes a known code or "" (unset) and refuses any other
// value ([UnmarshalEnum]).
func (a *Action) UnmarshalText(b []byte) error { return UnmarshalEnum(a, b) }

// Role is a responsibility a person holds in the SMS (ISO/IEC 20000-1:2011,
// 4.1.4: roles and responsibilities are defined). A host maps its own
// roles onto these codes, or uses its own strings; the library's rules use
// the constants below.
type Role string

// Roles the library's lifecycle rules use.
const (
	RoleServiceDesk           Role = "service-desk"
	RoleIncidentManager       Role = "incident-manager"
	RoleMajorIncidentManager  Role = "major-incident-manager"
	RoleProblemManager        Role = "problem-manager"
	RoleChangeManager         Role = "change-manager"
	RoleChangeAuthority       Role = "change-authority" // approves normal changes (a change advisory board member)
	RoleEmergencyAuthority    Role = "emergency-change-authority"
	RoleReleaseManager        Role = "release-manager"
	RoleConfigurationManager  Role = "configuration-manager"
	RoleServiceLevelManager   Role = "service-level-manager"
	RoleServiceOwner          Role = "service-owner"
	RoleContinuityManager     Role = "continuity-manager"
	RoleSecurityManager       Role = "security-manager"
	RoleRelationshipManager   Role = "relationship-manager"
	RoleSupplierManager       Role = "supplier-manager"
	RoleCapacityManager       Role = "capacity-manager"
	RoleFinanceManager        Role = "finance-manager"
	RoleTopManagement         Role = "top-management"
	RoleManagementRep         Role = "management-representative"
	RoleCustomer              Role = "customer"
	RoleAuditor               Role = "auditor"
	RoleDesignTransitionOwner Role = "design-transition-owner"
)

// String returns the role's code.
func (r Role) String() string { return string(r) }

// Actor is who does something to a record: a person or system account,
// known by the stable identity the host gives it, with the roles it holds
// at that moment. Moves that need a role check them here.
//
// ID is the host's user ID (a directory's object ID, an OIDC subject, a
// tool's user sys_id), never a display name or a login typed by the user:
// roles, segregation of duties ("the requester does not approve alone")
// and histories compare identities exactly, byte for byte. A host whose
// user IDs are case-insensitive passes them in one case. Every record
// field that names a person (a requester, an approver, an implementer, a
// reviewer) and every history entry's actor holds such an identity; the
// host maps it to a name when it shows the record. [CheckIdentity] says
// which identities are refused (ISO/IEC 20000-1:2011, 4.1.4, 4.3.3).
type Actor struct {
	ID    string `json:"id"`
	Roles []Role `json:"roles,omitempty"`
}

// MaxIdentity is the longest identity, in bytes, that [CheckIdentity]
// accepts.
const MaxIdentity = 256

// CheckIdentity reports whether id can name an actor: it wraps
// [ErrRequired] when id is empty or only white space, and
// [ErrInvalidValue] when it is longer than [MaxIdentity] bytes, is not
// UTF-8, begins or ends with white space, or holds a control character,
// an invisible formatting character (a zero-width space, a joiner, a
// byte-order mark) or white space other than the plain space. Such
// identities display like others and so could pass for another person.
func CheckIdentity(id string) error {
	if blank(id) {
		return fmt.Errorf("identity: %w", ErrRequired)
	}
	bad := func(why string) error { return fmt.Errorf("identity %q: %s: %w", id, why, ErrInvalidValue) }
	switch {
	case len(id) > MaxIdentity:
		return bad(fmt.Sprintf("longer than %d bytes", MaxIdentity))
	case !utf8.ValidString(id):
		return bad("not UTF-8")
	case strings.TrimSpace(id) != id:
		return bad("white space around it")
	}
	for _, r := range id {
		if r != ' ' && (unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			return bad(fmt.Sprintf("holds %U", r))
		}
	}
	return nil
}

// Has reports whether a holds role r.
func (a Actor) Has(r Role) bool { return slices.Contains(a.Roles, r) }
