package process

import (
	"fmt"
	"regexp"
	"slices"
	"time"
)

// CIType defines one type of configuration item and the attributes every
// item of the type must record (ISO/IEC 20000-1:2011, 9.1: each type of CI
// is defined). Its title is the type's display name.
type CIType struct {
	Header
	// Code is the type's stable identifier ("server", "application").
	Code        string `json:"code"`
	Description string `json:"description"`
	// RequiredAttributes names the attributes an item of this type must
	// hold in [ConfigurationItem.Attributes].
	RequiredAttributes []string `json:"requiredAttributes,omitempty"`
	// Versioned says items of the type must record a version.
	Versioned bool `json:"versioned,omitempty"`
}

var _ Record = (*CIType)(nil)

// typeCode is the form of a CI type code and of attribute names: lower
// case letters, digits and dashes, starting with a letter.
var typeCode = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// NewCIType defines a CI type with the given code (ISO/IEC 20000-1:2011, 9.1).
func NewCIType(title, code string, by Actor, at time.Time) *CIType {
	return &CIType{Header: NewHeader(KindCIType, title, by, at), Code: code}
}

// Validate checks the type's code, description and required attribute
// names (ISO/IEC 20000-1:2011, 9.1).
func (t *CIType) Validate() error {
	v := ValidationError{Subject: t.Subject()}
	t.validate(&v, KindCIType)
	switch {
	case t.Code == "":
		v.Add("code", ErrRequired)
	case !typeCode.MatchString(t.Code):
		v.Addf("code", ErrInvalidValue, "%q: lower-case letters, digits and dashes", t.Code)
	}
	v.RequireText("description", t.Description)
	for i, a := range t.RequiredAttributes {
		p := fmt.Sprintf("requiredAttributes[%d]", i)
		switch {
		case a == "":
			v.Add(p, ErrRequired)
		case !typeCode.MatchString(a):
			v.Addf(p, ErrInvalidValue, "%q: lower-case letters, digits and dashes", a)
		case slices.Index(t.RequiredAttributes, a) < i:
			v.Addf(p, ErrInvalidValue, "%q repeated", a)
		}
	}
	return v.Err()
}

// Check reports, as a *ValidationError on ci, what ci lacks of what its type
// requires: each required attribute and, for a versioned type, its version.
// It checks ci against t whatever ci.Type says; the store-level check that
// ci.Type is t belongs to the host (ISO/IEC 20000-1:2011, 9.1). A nil ci
// is an error wrapping [ErrRequired].
func (t *CIType) Check(ci *ConfigurationItem) error {
	if ci == nil {
		return fmt.Errorf("process: %s: check: configuration item: %w", t.Subject(), ErrRequired)
	}
	v := ValidationError{Subject: ci.Subject()}
	for _, a := range t.RequiredAttributes {
		v.RequireText("attributes."+a, ci.Attributes[a])
	}
	if t.Versioned {
		v.RequireText("version", ci.Version)
	}
	return v.Err()
}

// CIState is the status of a configuration item in its life (ISO/IEC
// 20000-1:2011, 9.1). The zero CIState is unset.
type CIState string

// The states of a configuration item.
const (
	CIPlanned       CIState = "planned"        // approved to exist, not yet acquired or built
	CIOrdered       CIState = "ordered"        // on order from a supplier
	CIInDevelopment CIState = "in-development" // being built or configured
	CIActive        CIState = "active"         // live, in use by services
	CIMaintenance   CIState = "maintenance"    // temporarily out of use for maintenance or repair
	CIRetired       CIState = "retired"        // no longer in use, still held
	CIDisposed      CIState = "disposed"       // removed for good
)

var ciLifecycle = MustLifecycle(KindConfigurationItem, CIPlanned,
	[]CIState{CIPlanned, CIOrdered, CIInDevelopment, CIActive, CIMaintenance, CIRetired, CIDisposed},
	[]CIState{CIDisposed},
	[]Move[CIState]{
		{From: []CIState{CIPlanned}, To: CIOrdered, Role: RoleConfigurationManager},
		{From: []CIState{CIPlanned, CIOrdered}, To: CIInDevelopment, Role: RoleConfigurationManager},
		{From: []CIState{CIPlanned, CIOrdered, CIInDevelopment, CIMaintenance, CIRetired}, To: CIActive, Role: RoleConfigurationManager},
		{From: []CIState{CIActive}, To: CIMaintenance, Role: RoleConfigurationManager},
		{From: []CIState{CIPlanned, CIOrdered, CIInDevelopment, CIActive, CIMaintenance}, To: CIRetired, Role: RoleConfigurationManager},
		{From: []CIState{CIRetired}, To: CIDisposed, Role: RoleConfigurationManager},
	})

// Lifecycle returns the lifecycle of a configuration item's status:
// planned → ordered → in development → active ⇄ maintenance → retired →
// disposed, with shortcuts (a planned item may go straight to active, a
// retired one back into use); every move needs a configuration manager
// (ISO/IEC 20000-1:2011, 9.1).
// The receiver is not read: a nil *ConfigurationItem gives the same lifecycle.
func (*ConfigurationItem) Lifecycle() *Lifecycle[CIState] { return ciLifecycle }

// Valid reports whether s is a state of [ConfigurationItem.Lifecycle].
func (s CIState) Valid() bool { return ciLifecycle.Valid(s) }

// String returns the state's code.
func (s CIState) String() string { return string(s) }

// MarshalText encodes a known state; an unknown one is an error.
func (s CIState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known state; an unknown one is an error.
func (s *CIState) UnmarshalText(b []byte) error { return UnmarshalEnum(s, b) }

// RelationType is the meaning of a relationship from one configuration item
// to another (ISO/IEC 20000-1:2011, 9.1). The zero RelationType is unset.
type RelationType string

// The types of relationship between configuration items.
const (
	RelationDependsOn   RelationType = "depends-on"   // the item needs the other to work
	RelationRunsOn      RelationType = "runs-on"      // software on its host, a VM on its hypervisor
	RelationPartOf      RelationType = "part-of"      // a component of the other
	RelationConnectedTo RelationType = "connected-to" // a network or physical connection
	RelationUses        RelationType = "uses"         // consumes the other's function without depending on it to run

	// Further types, for the CMDB engine's impact analysis (package cmdb
	// gives each its direction of impact; it also accepts a host's own
	// types, "x-…", when each relationship gives its flow).
	RelationHostedOn    RelationType = "hosted-on"    // virtual A is hosted on physical B: B's failure affects A
	RelationMemberOf    RelationType = "member-of"    // A is a member of the redundancy group B: counts towards B's failure
	RelationContains    RelationType = "contains"     // A contains B (a rack, a chassis): A's failure affects B
	RelationReplicates  RelationType = "replicates"   // A and B replicate each other: failure affects both ways
	RelationProvidedBy  RelationType = "provided-by"  // service A is provided by B: B's failure affects A
	RelationCommunicate RelationType = "communicates" // A exchanges data with B: failure affects both ways
)

// Valid reports whether t is one of the relation types the library knows:
// those above, each of which the CMDB engine gives a direction of impact.
func (t RelationType) Valid() bool {
	switch t {
	case RelationDependsOn, RelationRunsOn, RelationPartOf, RelationConnectedTo, RelationUses,
		RelationHostedOn, RelationMemberOf, RelationContains, RelationReplicates, RelationProvidedBy, RelationCommunicate:
		return true
	}
	return false
}

// String returns the relation type's code.
func (t RelationType) String() string { return string(t) }

// MarshalText encodes a known relation type; an unknown one is an error.
func (t RelationType) MarshalText() ([]byte, error) { return MarshalEnum(t) }

// UnmarshalText decodes a known relation type; an unknown one is an error.
func (t *RelationType) UnmarshalText(b []byte) error {
	return UnmarshalEnum(t, b)
}

// Relation is one relationship held inside a configuration item: this item
// relates to the item To as Type says (ISO/IEC 20000-1:2011, 9.1). A host
// that manages relationships as records of their own uses
// [CIRelationship] instead.
type Relation struct {
	Type RelationType `json:"type"`
	To   ID           `json:"to"`
}

// ConfigurationItem is one element under configuration management: its
// type, status, version, location, owner, relationships to other items and
// to the services it serves, and the requests for change, problems and
// known errors associated with it (ISO/IEC 20000-1:2011, 9.1). Its title is
// the item's name; Status holds its [CIState].
//
// Changes to an item are traceable: [ConfigurationItem.Update] and
// [ConfigurationItem.Move] record who changed what and when, and the
// request for change that authorised it. An item under change control
// ([ChangePolicy]) is changed only with one.
type ConfigurationItem struct {
	Header
	// Type is the [CIType] record of the item.
	Type        ID     `json:"type"`
	Description string `json:"description"`
	Version     string `json:"version,omitempty"`
	Location    string `json:"location"`
	Owner       string `json:"owner"`
	// Attributes are the type's attributes, by name.
	Attributes map[string]string `json:"attributes,omitempty"`
	// Services are the services the item is a component of ([LinkService]).
	Services []ID `json:"services,omitempty"`
	// Relationships are the item's relationships to other items.
	Relationships []Relation `json:"relationships,omitempty"`
	// Changes are the requests for change associated with the item
	// ([LinkChangedBy]).
	Changes []ID `json:"changes,omitempty"`
	// Problems and KnownErrors are those associated with the item; the
	// problem or known error links to the item with [LinkAffects].
	Problems    []ID `json:"problems,omitempty"`
	KnownErrors []ID `json:"knownErrors,omitempty"`
	// Controlled marks an item under change control (9.2): its status,
	// version and location change only with a request for change.
	Controlled bool `json:"controlled,omitempty"`
}

var _ Record = (*ConfigurationItem)(nil)

// NewConfigurationItem records a planned configuration item of type
// typeID (ISO/IEC 20000-1:2011, 9.1).
func NewConfigurationItem(title string, typeID ID, by Actor, at time.Time) *ConfigurationItem {
	c := &ConfigurationItem{Header: NewHeader(KindConfigurationItem, title, by, at), Type: typeID}
	ciLifecycle.Start(&c.Header)
	return c
}

// State returns the item's status.
func (c *ConfigurationItem) State() CIState { return CIState(c.Status) }

// Validate checks that the item records its type, description, location,
// owner, its references and relationships (ISO/IEC 20000-1:2011, 9.1). What
// the item's type requires is checked by [CIType.Check].
func (c *ConfigurationItem) Validate() error {
	v := ValidationError{Subject: c.Subject()}
	c.validate(&v, KindConfigurationItem)
	ciLifecycle.ValidateState(&c.Header, &v)
	v.Require("type", !c.Type.IsZero())
	v.RequireText("description", c.Description)
	v.RequireText("location", c.Location)
	v.RequireText("owner", c.Owner)
	for _, k := range sortedKeys(c.Attributes) {
		if !typeCode.MatchString(k) {
			v.Addf("attributes."+k, ErrInvalidValue, "attribute name %q", k)
		}
	}
	validateRefs(&v, &c.Header, "services", c.Services, LinkService)
	for i, r := range c.Relationships {
		p := fmt.Sprintf("relationships[%d]", i)
		CheckEnum(&v, p+".type", r.Type)
		switch {
		case r.To.IsZero():
			v.Add(p+".to", ErrRequired)
		case r.To == c.ID:
			v.Addf(p+".to", ErrInvalidValue, "relates to itself")
		case slices.IndexFunc(c.Relationships, func(o Relation) bool { return o == r }) < i:
			v.Addf(p, ErrInvalidValue, "repeated")
		}
	}
	validateRefs(&v, &c.Header, "changes", c.Changes, LinkChangedBy)
	validateRefs(&v, &c.Header, "problems", c.Problems, "")
	validateRefs(&v, &c.Header, "knownErrors", c.KnownErrors, "")
	return v.Err()
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// authorise refuses a change to a controlled item without a request for
// change, and records the request as associated with the item.
func (c *ConfigurationItem) authorise(rfc ID) error {
	if c.Controlled && rfc.IsZero() {
		return unmet("item is under change control: a request for change is required")
	}
	return nil
}

// associate adds rfc to the item's changes, with its link, if not there.
func (c *ConfigurationItem) associate(rfc ID, by Actor, at time.Time) {
	if !rfc.IsZero() && !slices.Contains(c.Changes, rfc) {
		_ = addRef(&c.Header, &c.Changes, LinkChangedBy, rfc, KindRequestForChange, by, at)
	}
}

// Move changes the item's status to to. An item under change control needs
// the request for change rfc that authorises the move; a non-zero rfc is
// recorded in the move's history note and among the item's changes
// (ISO/IEC 20000-1:2011, 9.1, 9.2).
func (c *ConfigurationItem) Move(by Actor, at time.Time, to CIState, rfc ID) error {
	note := ""
	if !rfc.IsZero() {
		note = "authorised by " + Subject(KindRequestForChange, rfc)
	}
	if err := ciLifecycle.apply(&c.Header, to, by, at, note, func() error { return c.authorise(rfc) }); err != nil {
		return err
	}
	c.associate(rfc, by, at)
	return nil
}

// CIField names a field of a configuration item that [ConfigurationItem.Update]
// changes (ISO/IEC 20000-1:2011, 9.1).
type CIField string

// The fields Update changes.
const (
	CIVersion  CIField = "version"
	CILocation CIField = "location"
	CIOwner    CIField = "owner"
)

// Valid reports whether f is one of the fields above.
func (f CIField) Valid() bool { return f == CIVersion || f == CILocation || f == CIOwner }

// String returns the field's JSON name.
func (f CIField) String() string { return string(f) }

// MarshalText encodes the field by the module's rule for enumerations
// ([MarshalEnum]).
func (f CIField) MarshalText() ([]byte, error) { return MarshalEnum(f) }

// UnmarshalText decodes a known field or "" (unset) and refuses any other
// value ([UnmarshalEnum]).
func (f *CIField) UnmarshalText(b []byte) error { return UnmarshalEnum(f, b) }

// Update sets the item's version, location or owner to value, recording who,
// when and the authorising request for change rfc in the history; by must
// be a configuration manager, and an item under change control needs rfc
// (ISO/IEC 20000-1:2011, 9.1: versions tracked, changes traceable and
// auditable, update access to the CMDB controlled). Refused, it changes
// nothing.
func (c *ConfigurationItem) Update(by Actor, at time.Time, field CIField, value string, rfc ID) error {
	fail := func(err error) error { return fmt.Errorf("process: %s: update %s: %w", c.Subject(), field, err) }
	if err := needRole(by, RoleConfigurationManager); err != nil {
		return fail(err)
	}
	var dst *string
	switch field {
	case CIVersion:
		dst = &c.Version
	case CILocation:
		dst = &c.Location
	case CIOwner:
		dst = &c.Owner
	default:
		return fail(fmt.Errorf("unknown field: %w", ErrInvalidValue))
	}
	if blank(value) {
		return fail(ErrRequired)
	}
	if err := c.authorise(rfc); err != nil {
		return fail(err)
	}
	if err := c.CheckEvent(by, at); err != nil {
		return err
	}
	if err := Set(c, string(field), dst, value, rfc, "", by, at); err != nil {
		return err
	}
	c.associate(rfc, by, at)
	return nil
}

// Relate adds a relationship of type t from the item to the item to,
// recorded in the history; by must be a configuration manager (ISO/IEC
// 20000-1:2011, 9.1: update access to the CMDB controlled).
func (c *ConfigurationItem) Relate(by Actor, at time.Time, t RelationType, to ID) error {
	fail := func(err error) error { return fmt.Errorf("process: %s: relate %s: %w", c.Subject(), t, err) }
	r := Relation{Type: t, To: to}
	switch err := needRole(by, RoleConfigurationManager); {
	case err != nil:
		return fail(err)
	case !t.Valid():
		return fail(fmt.Errorf("relation type %q: %w", string(t), ErrInvalidValue))
	case to.IsZero():
		return fail(ErrRequired)
	case to == c.ID:
		return fail(fmt.Errorf("relates to itself: %w", ErrInvalidValue))
	case slices.Contains(c.Relationships, r):
		return fail(ErrExists)
	}
	if err := c.CheckEvent(by, at); err != nil {
		return err
	}
	c.Relationships = append(c.Relationships, r)
	c.append(Event{At: at, Actor: by.ID, Action: ActionChanged, Field: "relationships", To: string(t) + " " + to.String()})
	return nil
}

// AddService records a service the item is a component of ([LinkService])
// (ISO/IEC 20000-1:2011, 9.1).
func (c *ConfigurationItem) AddService(by Actor, at time.Time, svc ID) error {
	return addRef(&c.Header, &c.Services, LinkService, svc, KindService, by, at)
}

// AddChange records a request for change associated with the item
// ([LinkChangedBy]) (ISO/IEC 20000-1:2011, 9.1).
func (c *ConfigurationItem) AddChange(by Actor, at time.Time, rfc ID) error {
	return addRef(&c.Header, &c.Changes, LinkChangedBy, rfc, KindRequestForChange, by, at)
}

// CIRelationship is a relationship between two configuration items kept as
// a record of its own, with its own history, for hosts whose CMDB holds
// relationships apart from items (ISO/IEC 20000-1:2011, 9.1).
type CIRelationship struct {
	Header
	From        ID           `json:"from"`
	To          ID           `json:"to"`
	Type        RelationType `json:"type,omitempty"`
	Description string       `json:"description,omitempty"`
}

var _ Record = (*CIRelationship)(nil)

// NewCIRelationship records that the item from relates to the item to as t
// (ISO/IEC 20000-1:2011, 9.1).
func NewCIRelationship(title string, from ID, t RelationType, to ID, by Actor, at time.Time) *CIRelationship {
	return &CIRelationship{Header: NewHeader(KindCIRelationship, title, by, at), From: from, To: to, Type: t}
}

// Validate checks that the relationship names two different items and its
// type (ISO/IEC 20000-1:2011, 9.1).
func (r *CIRelationship) Validate() error {
	v := ValidationError{Subject: r.Subject()}
	r.validate(&v, KindCIRelationship)
	v.Require("from", !r.From.IsZero())
	v.Require("to", !r.To.IsZero())
	if !r.From.IsZero() && r.From == r.To {
		v.Addf("to", ErrInvalidValue, "same as from")
	}
	CheckEnum(&v, "type", r.Type)
	return v.Err()
}

// BaselineItem is one configuration item in a baseline, at the version it
// had when the baseline was taken (ISO/IEC 20000-1:2011, 9.1).
type BaselineItem struct {
	CI      ID     `json:"ci"`
	Version string `json:"version"`
}

// ConfigurationBaseline is a snapshot of configuration items and their
// versions taken at a point in time, before a release goes live (ISO/IEC
// 20000-1:2011, 9.1, 9.3). It links to each item with [LinkIncludes]; the
// release links to it with [LinkBaselinedBy].
type ConfigurationBaseline struct {
	Header
	// Release is the release the baseline was taken for.
	Release ID             `json:"release,omitzero"`
	Taken   time.Time      `json:"taken"`
	Items   []BaselineItem `json:"items"`
}

var _ Record = (*ConfigurationBaseline)(nil)

// NewConfigurationBaseline takes a baseline of cis for release at at: each
// item's ID and current version, with a [LinkIncludes] link to each
// (ISO/IEC 20000-1:2011, 9.1). An item with no version is recorded with
// version "unversioned".
func NewConfigurationBaseline(title string, release ID, cis []*ConfigurationItem, by Actor, at time.Time) (*ConfigurationBaseline, error) {
	b := &ConfigurationBaseline{Header: NewHeader(KindConfigurationBaseline, title, by, at), Release: release, Taken: at}
	for _, ci := range cis {
		if ci == nil {
			continue
		}
		ver := ci.Version
		if blank(ver) {
			ver = "unversioned"
		}
		if slices.ContainsFunc(b.Items, func(it BaselineItem) bool { return it.CI == ci.ID }) {
			continue
		}
		if err := b.Link(by, at, LinkIncludes, ci.ID, KindConfigurationItem); err != nil {
			return nil, err
		}
		b.Items = append(b.Items, BaselineItem{CI: ci.ID, Version: ver})
	}
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return b, nil
}

// Validate checks the baseline's time and items: at least one, each with
// its item (linked with [LinkIncludes]) and version, none twice (ISO/IEC
// 20000-1:2011, 9.1).
func (b *ConfigurationBaseline) Validate() error {
	v := ValidationError{Subject: b.Subject()}
	b.validate(&v, KindConfigurationBaseline)
	v.Require("taken", !b.Taken.IsZero())
	v.Require("items", len(b.Items) > 0)
	for i, it := range b.Items {
		p := fmt.Sprintf("items[%d]", i)
		switch {
		case it.CI.IsZero():
			v.Add(p+".ci", ErrRequired)
		case slices.IndexFunc(b.Items, func(o BaselineItem) bool { return o.CI == it.CI }) < i:
			v.Addf(p+".ci", ErrInvalidValue, "%s repeated", it.CI.Short())
		case !b.HasLink(LinkIncludes, it.CI):
			v.Addf(p+".ci", ErrInvalidLink, "no %s link to %s", LinkIncludes, it.CI.Short())
		}
		v.RequireText(p+".version", it.Version)
	}
	return v.Err()
}

// Version returns the version the baseline holds for the item ci, and
// whether it holds the item (ISO/IEC 20000-1:2011, 9.1).
func (b *ConfigurationBaseline) Version(ci ID) (string, bool) {
	for _, it := range b.Items {
		if it.CI == ci {
			return it.Version, true
		}
	}
	return "", false
}

// Deficiency is one finding of a configuration audit: what is wrong with
// the CMDB (an item missing, a version or location wrong) and its
// correction (ISO/IEC 20000-1:2011, 9.1).
type Deficiency struct {
	// CI is the item concerned; zero when the deficiency is an item
	// missing from the CMDB.
	CI          ID     `json:"ci,omitzero"`
	Description string `json:"description"`
	// Action is what was done or is to be done to correct it.
	Action    string    `json:"action,omitempty"`
	Corrected time.Time `json:"corrected,omitzero"`
}

// ConfigurationAudit is an audit of the CMDB against what is really there,
// made at planned intervals, with the deficiencies it found and their
// correction (ISO/IEC 20000-1:2011, 9.1).
type ConfigurationAudit struct {
	Header
	Scope        string       `json:"scope"`
	Auditor      string       `json:"auditor"`
	Performed    time.Time    `json:"performed"`
	Checked      int          `json:"checked"` // number of items checked
	Deficiencies []Deficiency `json:"deficiencies,omitempty"`
}

var _ Record = (*ConfigurationAudit)(nil)

// NewConfigurationAudit records an audit of scope performed by auditor at
// at (ISO/IEC 20000-1:2011, 9.1).
func NewConfigurationAudit(title, scope, auditor string, by Actor, at time.Time) *ConfigurationAudit {
	return &ConfigurationAudit{Header: NewHeader(KindConfigurationAudit, title, by, at), Scope: scope, Auditor: auditor, Performed: at}
}

// Validate checks the audit's scope, auditor, date and count, and each
// deficiency's description, and that a corrected one says how and was
// corrected after the audit found it (ISO/IEC 20000-1:2011, 9.1).
func (a *ConfigurationAudit) Validate() error {
	v := ValidationError{Subject: a.Subject()}
	a.validate(&v, KindConfigurationAudit)
	v.RequireText("scope", a.Scope)
	v.RequireText("auditor", a.Auditor)
	v.Require("performed", !a.Performed.IsZero())
	if a.Checked < 0 {
		v.Addf("checked", ErrInvalidValue, "%d", a.Checked)
	}
	for i, d := range a.Deficiencies {
		p := fmt.Sprintf("deficiencies[%d]", i)
		v.RequireText(p+".description", d.Description)
		if !d.Corrected.IsZero() {
			v.RequireText(p+".action", d.Action)
			if d.Corrected.Before(a.Performed) {
				v.Addf(p+".corrected", ErrInvalidValue, "before the audit was performed")
			}
		}
	}
	return v.Err()
}

// Open returns the indexes of the deficiencies not yet corrected, in order
// (ISO/IEC 20000-1:2011, 9.1).
func (a *ConfigurationAudit) Open() []int {
	var idx []int
	for i, d := range a.Deficiencies {
		if d.Corrected.IsZero() {
			idx = append(idx, i)
		}
	}
	return idx
}
