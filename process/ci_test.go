package process

import (
	"errors"
	"testing"
	"time"
)

func TestCITypeValidate(t *testing.T) {
	cases := append(headerCases[*CIType](),
		vcase[*CIType]{"no code", func(c *CIType) { c.Code = "" }, "code", ErrRequired},
		vcase[*CIType]{"bad code", func(c *CIType) { c.Code = "Big Server" }, "code", ErrInvalidValue},
		vcase[*CIType]{"no description", func(c *CIType) { c.Description = "" }, "description", ErrRequired},
		vcase[*CIType]{"blank attribute", func(c *CIType) { c.RequiredAttributes[1] = "" }, "requiredAttributes[1]", ErrRequired},
		vcase[*CIType]{"bad attribute", func(c *CIType) { c.RequiredAttributes[1] = "CPU" }, "requiredAttributes[1]", ErrInvalidValue},
		vcase[*CIType]{"repeated attribute", func(c *CIType) { c.RequiredAttributes[1] = "os" }, "requiredAttributes[1]", ErrInvalidValue},
	)
	testValidate(t, newCIType, cases)
}

func TestCITypeCheck(t *testing.T) {
	ct := newCIType(t)
	ci := newCI(t, &clock{})
	ok(t, ct.Check(ci))
	ci.Attributes = map[string]string{"os": "linux"}
	ci.Version = ""
	err := ct.Check(ci)
	ve, _ := err.(*ValidationError)
	if ve == nil || !ve.Has("attributes.cpu-count", ErrRequired) || !ve.Has("version", ErrRequired) || ve.Has("attributes.os", nil) {
		t.Fatalf("got %v, want attributes.cpu-count and version required", err)
	}
	if err := ct.Check(nil); !errors.Is(err, ErrRequired) {
		t.Fatalf("nil item: got %v, want ErrRequired", err)
	}
}

func TestConfigurationItemValidate(t *testing.T) {
	fresh := func(t *testing.T) *ConfigurationItem { return newCI(t, &clock{}) }
	cases := append(headerCases[*ConfigurationItem](),
		vcase[*ConfigurationItem]{"unknown status", func(c *ConfigurationItem) { c.Status = "live" }, "status", ErrInvalidValue},
		vcase[*ConfigurationItem]{"no type", func(c *ConfigurationItem) { c.Type = ID{} }, "type", ErrRequired},
		vcase[*ConfigurationItem]{"no description", func(c *ConfigurationItem) { c.Description = "" }, "description", ErrRequired},
		vcase[*ConfigurationItem]{"no location", func(c *ConfigurationItem) { c.Location = "" }, "location", ErrRequired},
		vcase[*ConfigurationItem]{"no owner", func(c *ConfigurationItem) { c.Owner = "" }, "owner", ErrRequired},
		vcase[*ConfigurationItem]{"bad attribute name", func(c *ConfigurationItem) { c.Attributes["Disk Size"] = "1" }, "attributes.Disk Size", ErrInvalidValue},
		vcase[*ConfigurationItem]{"service not linked", func(c *ConfigurationItem) { c.Services[0] = NewID() }, "services[0]", ErrInvalidLink},
		vcase[*ConfigurationItem]{"relation without type", func(c *ConfigurationItem) { c.Relationships[0].Type = "" }, "relationships[0].type", ErrRequired},
		vcase[*ConfigurationItem]{"relation of unknown type", func(c *ConfigurationItem) { c.Relationships[0].Type = "likes" }, "relationships[0].type", ErrInvalidValue},
		vcase[*ConfigurationItem]{"relation without target", func(c *ConfigurationItem) { c.Relationships[0].To = ID{} }, "relationships[0].to", ErrRequired},
		vcase[*ConfigurationItem]{"relation to itself", func(c *ConfigurationItem) { c.Relationships[0].To = c.ID }, "relationships[0].to", ErrInvalidValue},
		vcase[*ConfigurationItem]{"relation repeated", func(c *ConfigurationItem) {
			c.Relationships = append(c.Relationships, c.Relationships[0])
		}, "relationships[1]", ErrInvalidValue},
		vcase[*ConfigurationItem]{"change not linked", func(c *ConfigurationItem) { c.Changes = append(c.Changes, NewID()) }, "changes[1]", ErrInvalidLink},
		vcase[*ConfigurationItem]{"zero problem", func(c *ConfigurationItem) { c.Problems[0] = ID{} }, "problems[0]", ErrRequired},
		vcase[*ConfigurationItem]{"zero known error", func(c *ConfigurationItem) { c.KnownErrors[0] = ID{} }, "knownErrors[0]", ErrRequired},
	)
	testValidate(t, fresh, cases)
}

func TestConfigurationItemLifecycle(t *testing.T) {
	c := &clock{}
	ci := newCI(t, c)
	path := []CIState{CIOrdered, CIInDevelopment, CIActive, CIMaintenance, CIActive, CIRetired, CIDisposed}
	for _, s := range path {
		ok(t, ci.Move(cfgm, c.next(), s, ID{}))
		if ci.State() != s {
			t.Fatalf("got %s, want %s", ci.State(), s)
		}
		ok(t, ci.Validate())
	}
	refused(t, ci, ErrInvalidTransition, func() error { return ci.Move(cfgm, c.next(), CIActive, ID{}) })

	ci = newCI(t, c)
	refused(t, ci, ErrForbidden, func() error { return ci.Move(desk, c.next(), CIActive, ID{}) })
	refused(t, ci, ErrInvalidTransition, func() error { return ci.Move(cfgm, c.next(), CIDisposed, ID{}) })
	refused(t, ci, ErrInvalidTransition, func() error { return ci.Move(cfgm, c.next(), "broken", ID{}) })
}

func TestConfigurationItemChangeControl(t *testing.T) {
	c := &clock{}
	ci := newCI(t, c)
	ci.Controlled = true
	refused(t, ci, ErrPrecondition, func() error { return ci.Move(cfgm, c.next(), CIActive, ID{}) })
	refused(t, ci, ErrPrecondition, func() error { return ci.Update(cfgm, c.next(), CIVersion, "2.0", ID{}) })

	rfc := NewID()
	ok(t, ci.Move(cfgm, c.next(), CIActive, rfc))
	if last := ci.History[len(ci.History)-1]; last.Action != ActionLinked || last.Ref != rfc {
		t.Fatalf("got last entry %+v, want the link to the authorising change", last)
	}
	ok(t, ci.Update(cfgm, c.next(), CIVersion, "2.0", rfc))
	var found bool
	for _, e := range ci.History {
		if e.Action == ActionChanged && e.Field == "version" {
			found = e.From == "1.0" && e.To == "2.0" && e.Ref == rfc && e.Actor == "cfg"
		}
	}
	if !found {
		t.Fatalf("no traceable version change in history %+v", ci.History)
	}
	ok(t, ci.Update(cfgm, c.next(), CILocation, "DC2", rfc))
	ok(t, ci.Update(cfgm, c.next(), CIOwner, "team b", rfc))
	if ci.Version != "2.0" || ci.Location != "DC2" || ci.Owner != "team b" {
		t.Fatalf("got %q %q %q", ci.Version, ci.Location, ci.Owner)
	}
	ok(t, ci.Validate())
	refused(t, ci, ErrInvalidValue, func() error { return ci.Update(cfgm, c.next(), "colour", "red", rfc) })
	refused(t, ci, ErrRequired, func() error { return ci.Update(cfgm, c.next(), CIVersion, "", rfc) })
	refused(t, ci, ErrInvalidValue, func() error { return ci.Update(cfgm, t0, CIVersion, "3", rfc) })
	refused(t, ci, ErrForbidden, func() error { return ci.Update(desk, c.next(), CIVersion, "3", rfc) })
}

func TestConfigurationItemRelate(t *testing.T) {
	c := &clock{}
	ci := newCI(t, c)
	other := NewID()
	ok(t, ci.Relate(cfgm, c.next(), RelationDependsOn, other))
	refused(t, ci, ErrExists, func() error { return ci.Relate(cfgm, c.next(), RelationDependsOn, other) })
	refused(t, ci, ErrInvalidValue, func() error { return ci.Relate(cfgm, c.next(), "likes", other) })
	refused(t, ci, ErrInvalidValue, func() error { return ci.Relate(cfgm, c.next(), RelationUses, ci.ID) })
	refused(t, ci, ErrRequired, func() error { return ci.Relate(cfgm, c.next(), RelationUses, ID{}) })
	refused(t, ci, ErrForbidden, func() error { return ci.Relate(desk, c.next(), RelationUses, NewID()) })
	ok(t, ci.Validate())
}

func TestCIRelationshipValidate(t *testing.T) {
	cases := append(headerCases[*CIRelationship](),
		vcase[*CIRelationship]{"no from", func(r *CIRelationship) { r.From = ID{} }, "from", ErrRequired},
		vcase[*CIRelationship]{"no to", func(r *CIRelationship) { r.To = ID{} }, "to", ErrRequired},
		vcase[*CIRelationship]{"to itself", func(r *CIRelationship) { r.To = r.From }, "to", ErrInvalidValue},
		vcase[*CIRelationship]{"no type", func(r *CIRelationship) { r.Type = "" }, "type", ErrRequired},
	)
	testValidate(t, newCIRelationship, cases)
}

func TestConfigurationBaseline(t *testing.T) {
	fresh := func(t *testing.T) *ConfigurationBaseline { return newBaseline(t, NewID(), &clock{}) }
	cases := append(headerCases[*ConfigurationBaseline](),
		vcase[*ConfigurationBaseline]{"not taken", func(b *ConfigurationBaseline) { b.Taken = time.Time{} }, "taken", ErrRequired},
		vcase[*ConfigurationBaseline]{"empty", func(b *ConfigurationBaseline) { b.Items = nil }, "items", ErrRequired},
		vcase[*ConfigurationBaseline]{"zero item", func(b *ConfigurationBaseline) { b.Items[1].CI = ID{} }, "items[1].ci", ErrRequired},
		vcase[*ConfigurationBaseline]{"item repeated", func(b *ConfigurationBaseline) { b.Items[1].CI = b.Items[0].CI }, "items[1].ci", ErrInvalidValue},
		vcase[*ConfigurationBaseline]{"item not linked", func(b *ConfigurationBaseline) { b.Items[1].CI = NewID() }, "items[1].ci", ErrInvalidLink},
		vcase[*ConfigurationBaseline]{"no version", func(b *ConfigurationBaseline) { b.Items[0].Version = "" }, "items[0].version", ErrRequired},
	)
	testValidate(t, fresh, cases)

	t.Run("snapshot", func(t *testing.T) {
		c := &clock{}
		a, b := newCI(t, c), newCI(t, c)
		b.Version = ""
		rel := NewID()
		bl, err := NewConfigurationBaseline("bl", rel, []*ConfigurationItem{a, nil, b, a}, cfgm, c.next())
		ok(t, err)
		if len(bl.Items) != 2 || bl.Release != rel || !bl.HasLink(LinkIncludes, a.ID) || !bl.HasLink(LinkIncludes, b.ID) {
			t.Fatalf("got %+v", bl)
		}
		if v, found := bl.Version(a.ID); !found || v != "1.0" {
			t.Fatalf("version of a: got %q %t, want 1.0", v, found)
		}
		if v, _ := bl.Version(b.ID); v != "unversioned" {
			t.Fatalf("version of b: got %q, want unversioned", v)
		}
		// Later changes to an item do not change the baseline.
		ok(t, a.Update(cfgm, c.next(), CIVersion, "9", ID{}))
		if v, _ := bl.Version(a.ID); v != "1.0" {
			t.Fatalf("after update: got %q, want 1.0", v)
		}
		if _, found := bl.Version(NewID()); found {
			t.Fatal("got an unknown item found")
		}
		if _, err := NewConfigurationBaseline("empty", rel, nil, cfgm, c.next()); err == nil {
			t.Fatal("empty baseline: got no error")
		}
	})
}

func TestConfigurationAuditValidate(t *testing.T) {
	cases := append(headerCases[*ConfigurationAudit](),
		vcase[*ConfigurationAudit]{"no scope", func(a *ConfigurationAudit) { a.Scope = "" }, "scope", ErrRequired},
		vcase[*ConfigurationAudit]{"no auditor", func(a *ConfigurationAudit) { a.Auditor = "" }, "auditor", ErrRequired},
		vcase[*ConfigurationAudit]{"no date", func(a *ConfigurationAudit) { a.Performed = time.Time{} }, "performed", ErrRequired},
		vcase[*ConfigurationAudit]{"negative count", func(a *ConfigurationAudit) { a.Checked = -1 }, "checked", ErrInvalidValue},
		vcase[*ConfigurationAudit]{"blank deficiency", func(a *ConfigurationAudit) { a.Deficiencies[1].Description = "" }, "deficiencies[1].description", ErrRequired},
		vcase[*ConfigurationAudit]{"corrected without action", func(a *ConfigurationAudit) { a.Deficiencies[0].Action = "" }, "deficiencies[0].action", ErrRequired},
		vcase[*ConfigurationAudit]{"corrected before the audit", func(a *ConfigurationAudit) {
			a.Deficiencies[0].Corrected = a.Performed.Add(-time.Hour)
		}, "deficiencies[0].corrected", ErrInvalidValue},
	)
	testValidate(t, newConfigurationAudit, cases)
	a := newConfigurationAudit(t)
	if got := a.Open(); len(got) != 1 || got[0] != 1 {
		t.Fatalf("open deficiencies: got %v, want [1]", got)
	}
}
