package process

import (
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// CatalogueEntry is one service in the service catalogue, with the services
// it depends on and the components it is made of (ISO/IEC 20000-1:2011,
// 6.1).
type CatalogueEntry struct {
	Service     ID     `json:"service"`
	Description string `json:"description"`
	// DependsOn are the services this service depends on.
	DependsOn []ID `json:"dependsOn,omitempty"`
	// Components names the service components the service is built from.
	Components []string `json:"components,omitempty"`
}

// ServiceCatalogue is the catalogue of services agreed with the customer:
// each service, the dependencies between services and their components
// (ISO/IEC 20000-1:2011, 6.1). Once agreed, it changes through change
// management ([LinkAmendedBy]).
type ServiceCatalogue struct {
	Header
	// Customer is who the catalogue is agreed with, if it is agreed with
	// one customer.
	Customer ID               `json:"customer,omitzero"`
	Entries  []CatalogueEntry `json:"entries"`
}

// NewServiceCatalogue starts an empty catalogue (ISO/IEC 20000-1:2011, 6.1).
func NewServiceCatalogue(title string, by Actor, at time.Time) *ServiceCatalogue {
	return &ServiceCatalogue{Header: NewHeader(KindServiceCatalogue, title, by, at)}
}

// Validate reports every field at fault: at least one entry, each with its
// service (once in the catalogue) and description; dependencies name other
// services, never the entry's own (ISO/IEC 20000-1:2011, 6.1).
func (c *ServiceCatalogue) Validate() error {
	v := ValidationError{Subject: c.Subject()}
	c.validate(&v, KindServiceCatalogue)
	v.Require("entries", len(c.Entries) > 0)
	seen := make(map[ID]bool, len(c.Entries))
	for i, e := range c.Entries {
		p := fmt.Sprintf("entries[%d]", i)
		switch {
		case e.Service.IsZero():
			v.Add(p+".service", ErrRequired)
		case seen[e.Service]:
			v.Addf(p+".service", ErrInvalidValue, "%s listed twice", e.Service.Short())
		}
		seen[e.Service] = true
		v.Require(p+".description", e.Description != "")
		for j, d := range e.DependsOn {
			q := fmt.Sprintf("%s.dependsOn[%d]", p, j)
			switch {
			case d.IsZero():
				v.Add(q, ErrRequired)
			case d == e.Service:
				v.Addf(q, ErrInvalidValue, "a service does not depend on itself")
			}
		}
		v.CheckTexts(p+".components", e.Components, false)
	}
	return v.Err()
}

// Entry returns the catalogue entry of service, if there is one
// (ISO/IEC 20000-1:2011, 6.1).
func (c *ServiceCatalogue) Entry(service ID) (CatalogueEntry, bool) {
	i := slices.IndexFunc(c.Entries, func(e CatalogueEntry) bool { return e.Service == service })
	if i < 0 {
		return CatalogueEntry{}, false
	}
	return c.Entries[i], true
}

// Dependencies returns every service that service depends on, directly or
// through other catalogued services, breadth first and each once; a cycle
// of dependencies ends the walk rather than looping (ISO/IEC 20000-1:2011,
// 6.1).
func (c *ServiceCatalogue) Dependencies(service ID) []ID {
	seen := map[ID]bool{service: true}
	var out []ID
	queue := []ID{service}
	for len(queue) > 0 {
		e, ok := c.Entry(queue[0])
		queue = queue[1:]
		if !ok {
			continue
		}
		for _, d := range e.DependsOn {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
				queue = append(queue, d)
			}
		}
	}
	return out
}

// TargetKind is what a service target measures (ISO/IEC 20000-1:2011, 6.1).
// The zero TargetKind is unset.
type TargetKind string

// The kinds of service target (ISO/IEC 20000-1:2011, 6.1).
const (
	TargetAvailability TargetKind = "availability"    // share of agreed service hours the service is available; higher is better
	TargetResponse     TargetKind = "response-time"   // time to respond; lower is better
	TargetResolution   TargetKind = "resolution-time" // time to resolve; lower is better
	TargetReliability  TargetKind = "reliability"     // time between failures; higher is better
	TargetThroughput   TargetKind = "throughput"      // volume handled; higher is better
	TargetSatisfaction TargetKind = "satisfaction"    // customer satisfaction score; higher is better
)

// Valid reports whether k is one of the kinds above.
func (k TargetKind) Valid() bool {
	switch k {
	case TargetAvailability, TargetResponse, TargetResolution, TargetReliability, TargetThroughput, TargetSatisfaction:
		return true
	}
	return false
}

// String returns the kind's code.
func (k TargetKind) String() string { return string(k) }

// MarshalText encodes a known or unset kind; any other is an error.
func (k TargetKind) MarshalText() ([]byte, error) { return MarshalEnum(k) }

// UnmarshalText decodes a known or unset kind; any other is an error.
func (k *TargetKind) UnmarshalText(b []byte) error { return UnmarshalEnum(k, b) }

// LowerIsBetter reports whether an achieved value below the target meets it
// (response and resolution times) rather than one above it
// (ISO/IEC 20000-1:2011, 6.1).
func (k TargetKind) LowerIsBetter() bool { return k == TargetResponse || k == TargetResolution }

// TargetUnit is the unit of a service target's value (ISO/IEC 20000-1:2011,
// 6.1). The zero TargetUnit is unset.
type TargetUnit string

// The units of service targets (ISO/IEC 20000-1:2011, 6.1).
const (
	UnitPercent TargetUnit = "percent"
	UnitMinutes TargetUnit = "minutes"
	UnitHours   TargetUnit = "hours"
	UnitDays    TargetUnit = "days"
	UnitCount   TargetUnit = "count"
	UnitScore   TargetUnit = "score"
)

// Valid reports whether u is one of the units above.
func (u TargetUnit) Valid() bool {
	switch u {
	case UnitPercent, UnitMinutes, UnitHours, UnitDays, UnitCount, UnitScore:
		return true
	}
	return false
}

// String returns the unit's code.
func (u TargetUnit) String() string { return string(u) }

// MarshalText encodes a known or unset unit; any other is an error.
func (u TargetUnit) MarshalText() ([]byte, error) { return MarshalEnum(u) }

// UnmarshalText decodes a known or unset unit; any other is an error.
func (u *TargetUnit) UnmarshalText(b []byte) error { return UnmarshalEnum(u, b) }

var hundred = decimal.NewFromInt(100)

// ServiceTarget is one target of an SLA, OLA or contract: what is measured,
// the value aimed for and its unit, the service hours it runs on and the
// exceptions to it (ISO/IEC 20000-1:2011, 6.1). Calendar names the business
// calendar of service hours (time zone, working hours, holidays) that the
// host keeps; clock.FromServiceTarget resolves it among the host's calendars
// to make the target's clock. Value is held to the limits on untrusted
// numbers ([MaxDigits] significant digits, an exponent within
// ±[MaxExponent]): Validate and decoding refuse more with [ErrTooLarge].
type ServiceTarget struct {
	Name       string          `json:"name"`
	Kind       TargetKind      `json:"kind"`
	Value      decimal.Decimal `json:"value"`
	Unit       TargetUnit      `json:"unit"`
	Calendar   string          `json:"calendar"`
	Exceptions []string        `json:"exceptions,omitempty"`
	// Pause lists the pending reasons that pause the clock of a response or
	// resolution target, as the SLA or OLA agrees them (ISO/IEC
	// 20000-1:2011, 6.1: an agreement may count waiting for the customer
	// against the customer, and an OLA may count waiting for a supplier
	// against the provider). Empty: the host's rules for the record decide
	// (clock.FromServiceTarget then keeps its template's pause).
	Pause []PendingReason `json:"pause,omitempty"`
	// Service is the service the target is for, when the agreement covers
	// several.
	Service ID `json:"service,omitzero"`
}

// Validate reports every field at fault: name, kind, unit and calendar are
// required; the value is within the limits on untrusted numbers
// ([MaxDigits], [MaxExponent]), not negative, and a percentage is at most
// 100; an availability target is a percentage; the pause reasons are known
// [PendingReason] values, none repeated, on a response or resolution
// target only (ISO/IEC 20000-1:2011, 6.1).
func (t ServiceTarget) Validate() error {
	var v ValidationError
	v.Subject = "service target"
	t.check(&v, "")
	return v.Err()
}

func (t ServiceTarget) check(v *ValidationError, p string) {
	v.Require(p+"name", t.Name != "")
	CheckEnum(v, p+"kind", t.Kind)
	CheckEnum(v, p+"unit", t.Unit)
	v.Require(p+"calendar", t.Calendar != "")
	switch {
	case !v.Decimal(p+"value", t.Value):
		// Past the limits on untrusted numbers: neither compared nor printed.
	case t.Value.IsNegative():
		v.Addf(p+"value", ErrInvalidValue, "%s is negative", t.Value)
	case t.Unit == UnitPercent && t.Value.GreaterThan(hundred):
		v.Addf(p+"value", ErrInvalidValue, "%s%% is over 100%%", t.Value)
	}
	if t.Kind == TargetAvailability && t.Unit != "" && t.Unit != UnitPercent {
		v.Addf(p+"unit", ErrInvalidValue, "availability is a percentage, not %s", t.Unit)
	}
	v.CheckTexts(p+"exceptions", t.Exceptions, false)
	if len(t.Pause) > 0 && t.Kind.Valid() && !t.Kind.LowerIsBetter() {
		v.Addf(p+"pause", ErrInvalidValue, "a %s target has no clock to pause", t.Kind)
	}
	for i, r := range t.Pause {
		path := fmt.Sprintf("%spause[%d]", p, i)
		CheckEnum(v, path, r)
		if r != "" && slices.Contains(t.Pause[:i], r) {
			v.Addf(path, ErrInvalidValue, "%q repeated", string(r))
		}
	}
}

// Met reports whether achieved meets the target: at or under it for times to
// respond or resolve, at or over it otherwise (ISO/IEC 20000-1:2011, 6.1).
func (t ServiceTarget) Met(achieved decimal.Decimal) bool {
	if t.Kind.LowerIsBetter() {
		return achieved.LessThanOrEqual(t.Value)
	}
	return achieved.GreaterThanOrEqual(t.Value)
}

func checkTargets(v *ValidationError, path string, list []ServiceTarget) {
	v.Require(path, len(list) > 0)
	names := make(map[string]bool, len(list))
	for i, t := range list {
		p := fmt.Sprintf("%s[%d]", path, i)
		t.check(v, p+".")
		if t.Name != "" && names[t.Name] {
			v.Addf(p+".name", ErrInvalidValue, "%q names another target", t.Name)
		}
		names[t.Name] = true
	}
}

// WorkloadCharacteristic is one characteristic of the workload an agreement
// expects: what is counted, the volume per period, and how it varies over
// time (ISO/IEC 20000-1:2011, 6.1, 6.2). Volume is held to the limits on
// untrusted numbers ([MaxDigits], [MaxExponent]).
type WorkloadCharacteristic struct {
	Measure string          `json:"measure"`
	Volume  decimal.Decimal `json:"volume"`
	Per     string          `json:"per"`
	Pattern string          `json:"pattern,omitempty"`
}

func checkWorkload(v *ValidationError, path string, list []WorkloadCharacteristic) {
	v.Require(path, len(list) > 0)
	for i, w := range list {
		p := fmt.Sprintf("%s[%d]", path, i)
		v.Require(p+".measure", w.Measure != "")
		v.Require(p+".per", w.Per != "")
		if v.Decimal(p+".volume", w.Volume) && w.Volume.IsNegative() {
			v.Addf(p+".volume", ErrInvalidValue, "%s is negative", w.Volume)
		}
	}
}

// AgreementTerms is the content of an SLA or OLA: the services it covers,
// their targets, the expected workload, the exceptions and the dates it runs
// (ISO/IEC 20000-1:2011, 6.1). Once the agreement is agreed, its terms
// change only through [SLA.Amend] or [OLA.Amend] with a request for change.
type AgreementTerms struct {
	Services   []ID                     `json:"services"`
	Targets    []ServiceTarget          `json:"targets"`
	Workload   []WorkloadCharacteristic `json:"workload"`
	Exceptions []string                 `json:"exceptions,omitempty"`
	// Start is when the agreement takes effect; End, if set, when it ends.
	Start time.Time `json:"start"`
	End   time.Time `json:"end,omitzero"`
}

func (a *AgreementTerms) check(v *ValidationError) {
	checkIDs(v, "services", a.Services, true)
	checkTargets(v, "targets", a.Targets)
	checkWorkload(v, "workload", a.Workload)
	v.CheckTexts("exceptions", a.Exceptions, false)
	v.Require("start", !a.Start.IsZero())
	checkNotBefore(v, "end", a.End, a.Start, "start")
	for i, t := range a.Targets {
		if !t.Service.IsZero() && !slices.Contains(a.Services, t.Service) {
			v.Addf(fmt.Sprintf("targets[%d].service", i), ErrInvalidValue, "%s is not a service of the agreement", t.Service.Short())
		}
	}
}

// Target returns the target named name, if there is one
// (ISO/IEC 20000-1:2011, 6.1).
func (a *AgreementTerms) Target(name string) (ServiceTarget, bool) {
	i := slices.IndexFunc(a.Targets, func(t ServiceTarget) bool { return t.Name == name })
	if i < 0 {
		return ServiceTarget{}, false
	}
	return a.Targets[i], true
}

// AgreementState is a state of a service level or operational level
// agreement (ISO/IEC 20000-1:2011, 6.1).
type AgreementState string

// The states of an agreement (ISO/IEC 20000-1:2011, 6.1).
const (
	AgreementDraft       AgreementState = "draft"        // being negotiated
	AgreementAgreed      AgreementState = "agreed"       // agreed by both sides, not yet in effect
	AgreementInForce     AgreementState = "in-force"     // in effect
	AgreementUnderReview AgreementState = "under-review" // in effect, being reviewed
	AgreementRetired     AgreementState = "retired"      // no longer in effect
)

// String returns the state's code.
func (s AgreementState) String() string { return string(s) }

// Valid reports whether s is a state of the agreement lifecycle.
func (s AgreementState) Valid() bool { return slaLifecycle.Valid(s) }

func agreementLifecycle(k RecordKind) *Lifecycle[AgreementState] {
	return MustLifecycle(k, AgreementDraft,
		[]AgreementState{AgreementDraft, AgreementAgreed, AgreementInForce, AgreementUnderReview, AgreementRetired},
		[]AgreementState{AgreementRetired},
		[]Move[AgreementState]{
			{From: []AgreementState{AgreementDraft}, To: AgreementAgreed, Role: RoleServiceLevelManager},
			{From: []AgreementState{AgreementAgreed, AgreementUnderReview}, To: AgreementInForce, Role: RoleServiceLevelManager},
			{From: []AgreementState{AgreementInForce}, To: AgreementUnderReview, Role: RoleServiceLevelManager},
			{From: []AgreementState{AgreementDraft, AgreementAgreed, AgreementInForce, AgreementUnderReview}, To: AgreementRetired, Role: RoleServiceLevelManager},
		})
}

// MarshalText encodes the agreement state by the module's rule for enumerations
// ([MarshalEnum]): its code, or nothing when unset.
func (s AgreementState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known code or "" (unset) and refuses any other
// value ([UnmarshalEnum]).
func (s *AgreementState) UnmarshalText(b []byte) error { return UnmarshalEnum(s, b) }

var (
	slaLifecycle = agreementLifecycle(KindSLA)
	olaLifecycle = agreementLifecycle(KindOLA)
)

// Lifecycle returns the lifecycle of SLAs: draft, agreed, in force,
// under review (and back in force), retired; every move needs a service
// level manager (ISO/IEC 20000-1:2011, 6.1).
// The receiver is not read: a nil *SLA gives the same lifecycle.
func (*SLA) Lifecycle() *Lifecycle[AgreementState] { return slaLifecycle }

// Lifecycle returns the lifecycle of OLAs, the same as an SLA's
// (ISO/IEC 20000-1:2011, 6.1).
// The receiver is not read: a nil *OLA gives the same lifecycle.
func (*OLA) Lifecycle() *Lifecycle[AgreementState] { return olaLifecycle }

// SLA is a service level agreement with a customer: the services, their
// targets, workload, exceptions and dates (ISO/IEC 20000-1:2011, 6.1).
// Once agreed it changes only through [SLA.Amend] with a request for
// change. OLAs and supplier contracts that support it link to it with
// [LinkSupports].
type SLA struct {
	Header
	Customer ID `json:"customer"`
	// Agreed is when the agreement was agreed; set by [SLA.Agree].
	Agreed time.Time `json:"agreed,omitzero"`
	AgreementTerms
}

// NewSLA starts a draft SLA with customer (ISO/IEC 20000-1:2011, 6.1).
func NewSLA(title string, customer ID, terms AgreementTerms, by Actor, at time.Time) *SLA {
	s := &SLA{Header: NewHeader(KindSLA, title, by, at), Customer: customer, AgreementTerms: terms}
	slaLifecycle.Start(&s.Header)
	return s
}

// State returns the SLA's lifecycle state.
func (s *SLA) State() AgreementState { return AgreementState(s.Status) }

// Validate reports every field at fault: the customer, the terms (services,
// targets with calendar, workload, start), once agreed the date of
// agreement, and any change after agreement in the history without its
// linked request for change (ISO/IEC 20000-1:2011, 6.1, 9.2).
func (s *SLA) Validate() error {
	v := ValidationError{Subject: s.Subject()}
	s.validate(&v, KindSLA)
	slaLifecycle.ValidateState(&s.Header, &v)
	v.Require("customer", !s.Customer.IsZero())
	s.check(&v)
	checkAgreed(&v, s.State(), s.Agreed, s.Created)
	checkAmendments(&v, &s.Header)
	return v.Err()
}

func checkAgreed(v *ValidationError, st AgreementState, agreed, created time.Time) {
	switch st {
	case AgreementAgreed, AgreementInForce, AgreementUnderReview:
		v.Require("agreed", !agreed.IsZero())
	}
	checkNotBefore(v, "agreed", agreed, created, "created")
}

// checkAmendments adds to v a finding for each change of the agreement
// (its terms through Amend, or any other field through [Set]) that the
// history shows after the agreement was agreed without the request for
// change that authorised it, linked with [LinkAmendedBy].
func checkAmendments(v *ValidationError, h *Header) {
	agreed := false
	for i, e := range h.History {
		switch {
		case e.Action == ActionMoved && e.To == string(AgreementAgreed):
			agreed = true
		case agreed && e.Action == ActionChanged:
			p := fmt.Sprintf("history[%d].ref", i)
			if e.Ref.IsZero() {
				v.Addf(p, ErrRequired, "%s changed after agreement without a request for change", e.Field)
			} else if !h.HasLink(LinkAmendedBy, e.Ref) {
				v.Addf(p, ErrInvalidLink, "%s not linked (%s)", e.Ref.Short(), LinkAmendedBy)
			}
		}
	}
}

// termsField names the terms of an agreement in its history.
const termsField = "terms"

// Agree moves a draft SLA to agreed and records when; it is refused while
// the SLA is incomplete (ISO/IEC 20000-1:2011, 6.1).
func (s *SLA) Agree(by Actor, at time.Time, note string) error {
	err := slaLifecycle.apply(&s.Header, AgreementAgreed, by, at, note, func() error {
		v := ValidationError{Subject: s.Subject()}
		v.Require("customer", !s.Customer.IsZero())
		s.check(&v)
		return precondition(v.Err())
	})
	if err == nil {
		s.Agreed = at
		bindMove(s, &s.Header)
	}
	return err
}

// Enforce puts an agreed or reviewed SLA in force; it is refused before
// the agreement's start and after its end (ISO/IEC 20000-1:2011, 6.1).
func (s *SLA) Enforce(by Actor, at time.Time, note string) error {
	return slaLifecycle.apply(&s.Header, AgreementInForce, by, at, note, s.termCheck(at))
}

// Review puts an SLA in force under review (ISO/IEC 20000-1:2011, 6.1).
func (s *SLA) Review(by Actor, at time.Time, note string) error {
	return slaLifecycle.apply(&s.Header, AgreementUnderReview, by, at, note, nil)
}

// Retire ends an SLA (ISO/IEC 20000-1:2011, 6.1).
func (s *SLA) Retire(by Actor, at time.Time, note string) error {
	return slaLifecycle.apply(&s.Header, AgreementRetired, by, at, note, nil)
}

// Amend replaces the SLA's terms. A draft is amended freely; once agreed,
// an amendment needs the request for change that authorises it, which it
// links with [LinkAmendedBy] and names in the history; a retired SLA is
// not amended (ISO/IEC 20000-1:2011, 6.1, 9.2). It refuses, changing
// nothing: an actor who is not a service level manager ([ErrForbidden]), a
// missing request for change ([ErrPrecondition]), a retired SLA
// ([ErrPrecondition]), invalid terms (*ValidationError) and a missing actor
// or time. The SLA takes ownership of terms.
func (s *SLA) Amend(by Actor, at time.Time, terms AgreementTerms, rfc ID, note string) error {
	if err := amend(&s.Header, AgreementState(s.Status), &terms, rfc, by, at, note); err != nil {
		return err
	}
	s.AgreementTerms = terms
	bindMove(s, &s.Header)
	return nil
}

// termCheck returns the check of a move into force at at: refused before
// the agreement starts or after it ends.
func (a *AgreementTerms) termCheck(at time.Time) func() error {
	return func() error {
		if at.Before(a.Start) {
			return fmt.Errorf("agreement starts %s: %w", a.Start.Format(time.RFC3339), ErrPrecondition)
		}
		if !a.End.IsZero() && at.After(a.End) {
			return fmt.Errorf("agreement ended %s: %w", a.End.Format(time.RFC3339), ErrPrecondition)
		}
		return nil
	}
}

// amend checks an amendment of an agreement in state st to terms and, if
// it is allowed, records it on h; the caller then replaces the terms.
func amend(h *Header, st AgreementState, terms *AgreementTerms, rfc ID, by Actor, at time.Time, note string) error {
	if err := h.CheckEvent(by, at); err != nil {
		return err
	}
	if !by.Has(RoleServiceLevelManager) {
		return fmt.Errorf("process: %s: amend: %w: %s", h.Subject(), ErrForbidden, RoleServiceLevelManager)
	}
	switch st {
	case AgreementRetired:
		return fmt.Errorf("process: %s: amend: agreement is retired: %w", h.Subject(), ErrPrecondition)
	case AgreementDraft:
	default:
		if rfc.IsZero() {
			return fmt.Errorf("process: %s: amend: an agreement in state %s changes only through a request for change: %w", h.Subject(), st, ErrPrecondition)
		}
	}
	v := ValidationError{Subject: h.Subject()}
	terms.check(&v)
	if err := v.Err(); err != nil {
		return err
	}
	if !rfc.IsZero() && !h.HasLink(LinkAmendedBy, rfc) {
		h.Links = append(h.Links, Link{Type: LinkAmendedBy, To: rfc, Kind: KindRequestForChange})
		h.append(Event{At: at, Actor: by.ID, Action: ActionLinked, Field: string(LinkAmendedBy), To: string(KindRequestForChange), Ref: rfc})
	}
	h.append(Event{At: at, Actor: by.ID, Action: ActionChanged, Field: termsField, Note: note, Ref: rfc})
	return nil
}

// OLA is an operational level agreement with an internal group, supporting
// one or more SLAs ([LinkSupports]) (ISO/IEC 20000-1:2011, 6.1). It has
// the lifecycle and amendment rule of an [SLA].
type OLA struct {
	Header
	// Group is the internal group that commits to the targets.
	Group  string    `json:"group"`
	Agreed time.Time `json:"agreed,omitzero"`
	AgreementTerms
}

// NewOLA starts a draft OLA with an internal group (ISO/IEC 20000-1:2011,
// 6.1).
func NewOLA(title, group string, terms AgreementTerms, by Actor, at time.Time) *OLA {
	o := &OLA{Header: NewHeader(KindOLA, title, by, at), Group: group, AgreementTerms: terms}
	olaLifecycle.Start(&o.Header)
	return o
}

// State returns the OLA's lifecycle state.
func (o *OLA) State() AgreementState { return AgreementState(o.Status) }

// Validate reports every field at fault: the group, the terms, once agreed
// the date of agreement, and any change after agreement without its linked
// request for change (ISO/IEC 20000-1:2011, 6.1, 9.2).
func (o *OLA) Validate() error {
	v := ValidationError{Subject: o.Subject()}
	o.validate(&v, KindOLA)
	olaLifecycle.ValidateState(&o.Header, &v)
	v.Require("group", o.Group != "")
	o.check(&v)
	checkAgreed(&v, o.State(), o.Agreed, o.Created)
	checkAmendments(&v, &o.Header)
	return v.Err()
}

// Agree moves a draft OLA to agreed and records when
// (ISO/IEC 20000-1:2011, 6.1).
func (o *OLA) Agree(by Actor, at time.Time, note string) error {
	err := olaLifecycle.apply(&o.Header, AgreementAgreed, by, at, note, func() error {
		v := ValidationError{Subject: o.Subject()}
		v.Require("group", o.Group != "")
		o.check(&v)
		return precondition(v.Err())
	})
	if err == nil {
		o.Agreed = at
		bindMove(o, &o.Header)
	}
	return err
}

// Enforce puts an agreed or reviewed OLA in force; it is refused before
// the agreement's start and after its end (ISO/IEC 20000-1:2011, 6.1).
func (o *OLA) Enforce(by Actor, at time.Time, note string) error {
	return olaLifecycle.apply(&o.Header, AgreementInForce, by, at, note, o.termCheck(at))
}

// Review puts an OLA in force under review (ISO/IEC 20000-1:2011, 6.1).
func (o *OLA) Review(by Actor, at time.Time, note string) error {
	return olaLifecycle.apply(&o.Header, AgreementUnderReview, by, at, note, nil)
}

// Retire ends an OLA (ISO/IEC 20000-1:2011, 6.1).
func (o *OLA) Retire(by Actor, at time.Time, note string) error {
	return olaLifecycle.apply(&o.Header, AgreementRetired, by, at, note, nil)
}

// Amend replaces the OLA's terms under the rule of [SLA.Amend]
// (ISO/IEC 20000-1:2011, 6.1, 9.2).
func (o *OLA) Amend(by Actor, at time.Time, terms AgreementTerms, rfc ID, note string) error {
	if err := amend(&o.Header, AgreementState(o.Status), &terms, rfc, by, at, note); err != nil {
		return err
	}
	o.AgreementTerms = terms
	bindMove(o, &o.Header)
	return nil
}

// TargetMeasurement records how one target of an SLA or OLA was met over a
// period, with the reason and the action when it was missed
// (ISO/IEC 20000-1:2011, 6.1). It is reported in service reports
// ([LinkReportedIn]). Achieved is held to the limits on untrusted numbers
// ([MaxDigits], [MaxExponent]).
type TargetMeasurement struct {
	Header
	// Agreement is the SLA or OLA whose target was measured.
	Agreement ID `json:"agreement"`
	// Target is the name of the target within the agreement.
	Target      string          `json:"target"`
	PeriodStart time.Time       `json:"periodStart"`
	PeriodEnd   time.Time       `json:"periodEnd"`
	Achieved    decimal.Decimal `json:"achieved"`
	Met         bool            `json:"met"`
	// Reason says why a missed target was missed; Action what is done
	// about it.
	Reason string `json:"reason,omitempty"`
	Action string `json:"action,omitempty"`
}

// MeasureTarget returns a measurement of the target of terms named target
// over a period, with Met computed from the target (ISO/IEC 20000-1:2011,
// 6.1). It returns an error wrapping [ErrRequired] if terms is nil, one
// wrapping [ErrNotFound] if there is no such target, and one wrapping
// [ErrTooLarge] if achieved or the target's value is past the limits on
// untrusted numbers ([MaxDigits], [MaxExponent]).
func MeasureTarget(agreement ID, terms *AgreementTerms, target string, start, end time.Time, achieved decimal.Decimal, by Actor, at time.Time) (*TargetMeasurement, error) {
	if terms == nil {
		return nil, fmt.Errorf("process: measure target %q of %s: terms: %w", target, agreement.Short(), ErrRequired)
	}
	t, ok := terms.Target(target)
	if !ok {
		return nil, fmt.Errorf("process: measure target %q of %s: %w", target, agreement.Short(), ErrNotFound)
	}
	for _, x := range []struct {
		path string
		d    decimal.Decimal
	}{{"achieved", achieved}, {"value", t.Value}} {
		if err := CheckDecimal(x.d); err != nil {
			return nil, fmt.Errorf("process: measure target %q of %s: %s: %w", target, agreement.Short(), x.path, err)
		}
	}
	m := &TargetMeasurement{
		Header:    NewHeader(KindTargetMeasurement, t.Name, by, at),
		Agreement: agreement, Target: t.Name, PeriodStart: start, PeriodEnd: end,
		Achieved: achieved, Met: t.Met(achieved),
	}
	return m, nil
}

// Validate reports every field at fault: agreement, target and period are
// required, the achieved value is within the limits on untrusted numbers
// ([MaxDigits], [MaxExponent]), and a missed target needs its reason
// (ISO/IEC 20000-1:2011, 6.1).
func (m *TargetMeasurement) Validate() error {
	v := ValidationError{Subject: m.Subject()}
	m.validate(&v, KindTargetMeasurement)
	v.Require("agreement", !m.Agreement.IsZero())
	v.Require("target", m.Target != "")
	checkPeriod(&v, "periodStart", "periodEnd", m.PeriodStart, m.PeriodEnd)
	v.Decimal("achieved", m.Achieved)
	if !m.Met {
		v.Require("reason", m.Reason != "")
	}
	return v.Err()
}
