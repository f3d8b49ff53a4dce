package process

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServiceCatalogueValidate(t *testing.T) {
	runValidate57(t, validServiceCatalogue, []vcase57[*ServiceCatalogue]{
		{"entries", ErrRequired, func(c *ServiceCatalogue) { c.Entries = nil }},
		{"entries[0].service", ErrRequired, func(c *ServiceCatalogue) { c.Entries[0].Service = ID{} }},
		{"entries[1].service", ErrInvalidValue, func(c *ServiceCatalogue) { c.Entries[1].Service = c.Entries[0].Service }},
		{"entries[1].description", ErrRequired, func(c *ServiceCatalogue) { c.Entries[1].Description = "" }},
		{"entries[0].dependsOn[0]", ErrRequired, func(c *ServiceCatalogue) { c.Entries[0].DependsOn[0] = ID{} }},
		{"entries[0].dependsOn[0]", ErrInvalidValue, func(c *ServiceCatalogue) { c.Entries[0].DependsOn[0] = c.Entries[0].Service }},
		{"entries[0].components[1]", ErrRequired, func(c *ServiceCatalogue) { c.Entries[0].Components[1] = "" }},
	})
}

func TestServiceCatalogueDependencies(t *testing.T) {
	a, b, c, d, ext := NewID(), NewID(), NewID(), NewID(), NewID()
	cat := validServiceCatalogue()
	cat.Entries = []CatalogueEntry{
		{Service: a, Description: "a", DependsOn: []ID{b, c}},
		{Service: b, Description: "b", DependsOn: []ID{d}},
		{Service: c, Description: "c", DependsOn: []ID{d, a}}, // a cycle back to a
		{Service: d, Description: "d", DependsOn: []ID{ext}},
	}
	require.NoError(t, cat.Validate())
	assert.Equal(t, []ID{b, c, d, ext}, cat.Dependencies(a))
	assert.Equal(t, []ID{d, a, ext, b}, cat.Dependencies(c))
	assert.Empty(t, cat.Dependencies(ext))
	e, ok := cat.Entry(b)
	assert.True(t, ok)
	assert.Equal(t, "b", e.Description)
	_, ok = cat.Entry(ext)
	assert.False(t, ok)
}

func TestServiceTarget(t *testing.T) {
	t.Run("validate", func(t *testing.T) {
		cases := []struct {
			path string
			err  error
			mut  func(*ServiceTarget)
		}{
			{"name", ErrRequired, func(s *ServiceTarget) { s.Name = "" }},
			{"kind", ErrRequired, func(s *ServiceTarget) { s.Kind = "" }},
			{"kind", ErrInvalidValue, func(s *ServiceTarget) { s.Kind = "speed" }},
			{"unit", ErrRequired, func(s *ServiceTarget) { s.Unit = "" }},
			{"unit", ErrInvalidValue, func(s *ServiceTarget) { s.Unit = UnitHours }},
			{"calendar", ErrRequired, func(s *ServiceTarget) { s.Calendar = "" }},
			{"value", ErrInvalidValue, func(s *ServiceTarget) { s.Value = decimal.NewFromInt(-1) }},
			{"value", ErrInvalidValue, func(s *ServiceTarget) { s.Value = decimal.RequireFromString("100.01") }},
			{"exceptions[0]", ErrRequired, func(s *ServiceTarget) { s.Exceptions[0] = "" }},
		}
		require.NoError(t, target57().Validate())
		for _, c := range cases {
			t.Run(c.path, func(t *testing.T) {
				tg := target57()
				c.mut(&tg)
				var ve *ValidationError
				require.ErrorAs(t, tg.Validate(), &ve)
				assert.True(t, ve.Has(c.path, c.err), "got %v, want %s", ve, c.path)
			})
		}
	})
	t.Run("met", func(t *testing.T) {
		avail := target57()
		assert.True(t, avail.Met(decimal.RequireFromString("99.5")))
		assert.True(t, avail.Met(decimal.RequireFromString("99.9")))
		assert.False(t, avail.Met(decimal.RequireFromString("99.49")))
		res := ServiceTarget{Kind: TargetResolution, Value: decimal.NewFromInt(4), Unit: UnitHours}
		assert.True(t, res.Met(decimal.NewFromInt(4)))
		assert.True(t, res.Met(decimal.RequireFromString("3.5")))
		assert.False(t, res.Met(decimal.RequireFromString("4.01")))
	})
}

func agreementCases57[T interface {
	Record
	*SLA | *OLA
}](terms func(T) *AgreementTerms) []vcase57[T] {
	return []vcase57[T]{
		{"status", ErrRequired, func(r T) { r.Meta().Status = "" }},
		{"status", ErrInvalidValue, func(r T) { r.Meta().Status = "signed" }},
		{"services", ErrRequired, func(r T) { terms(r).Services = nil }},
		{"services[0]", ErrRequired, func(r T) { terms(r).Services[0] = ID{} }},
		{"services[1]", ErrInvalidValue, func(r T) { terms(r).Services = append(terms(r).Services, terms(r).Services[0]) }},
		{"exceptions[0]", ErrRequired, func(r T) { terms(r).Exceptions[0] = "  " }},
		{"targets", ErrRequired, func(r T) { terms(r).Targets = nil }},
		{"targets[0].calendar", ErrRequired, func(r T) { terms(r).Targets[0].Calendar = "" }},
		{"targets[1].kind", ErrInvalidValue, func(r T) { terms(r).Targets[1].Kind = "speed" }},
		{"targets[1].unit", ErrRequired, func(r T) { terms(r).Targets[1].Unit = "" }},
		{"targets[1].value", ErrInvalidValue, func(r T) { terms(r).Targets[1].Value = decimal.NewFromInt(-4) }},
		{"targets[1].name", ErrInvalidValue, func(r T) { terms(r).Targets[1].Name = terms(r).Targets[0].Name }},
		{"targets[1].service", ErrInvalidValue, func(r T) { terms(r).Targets[1].Service = NewID() }},
		{"workload", ErrRequired, func(r T) { terms(r).Workload = nil }},
		{"workload[0].measure", ErrRequired, func(r T) { terms(r).Workload[0].Measure = "" }},
		{"workload[0].per", ErrRequired, func(r T) { terms(r).Workload[0].Per = "" }},
		{"workload[0].volume", ErrInvalidValue, func(r T) { terms(r).Workload[0].Volume = decimal.NewFromInt(-1) }},
		{"exceptions[0]", ErrRequired, func(r T) { terms(r).Exceptions[0] = "" }},
		{"start", ErrRequired, func(r T) { terms(r).Start = zeroTime57 }},
		{"end", ErrInvalidValue, func(r T) { terms(r).End = terms(r).Start.Add(-1) }},
		{"agreed", ErrRequired, func(r T) { r.Meta().Status = string(AgreementInForce) }},
	}
}

func TestSLAValidate(t *testing.T) {
	runValidate57(t, validSLA, append(agreementCases57(func(s *SLA) *AgreementTerms { return &s.AgreementTerms }),
		vcase57[*SLA]{"customer", ErrRequired, func(s *SLA) { s.Customer = ID{} }},
		vcase57[*SLA]{"agreed", ErrInvalidValue, func(s *SLA) { s.Agreed = s.Created.Add(-1) }},
	))
}

func TestOLAValidate(t *testing.T) {
	runValidate57(t, validOLA, append(agreementCases57(func(o *OLA) *AgreementTerms { return &o.AgreementTerms }),
		vcase57[*OLA]{"group", ErrRequired, func(o *OLA) { o.Group = "" }},
	))
}

func TestTargetMeasurementValidate(t *testing.T) {
	runValidate57(t, validTargetMeasurement, []vcase57[*TargetMeasurement]{
		{"agreement", ErrRequired, func(m *TargetMeasurement) { m.Agreement = ID{} }},
		{"target", ErrRequired, func(m *TargetMeasurement) { m.Target = "" }},
		{"periodStart", ErrRequired, func(m *TargetMeasurement) { m.PeriodStart = zeroTime57 }},
		{"periodEnd", ErrRequired, func(m *TargetMeasurement) { m.PeriodEnd = zeroTime57 }},
		{"periodEnd", ErrInvalidValue, func(m *TargetMeasurement) { m.PeriodEnd = m.PeriodStart.Add(-1) }},
		{"reason", ErrRequired, func(m *TargetMeasurement) { m.Reason = "" }},
	})
}

func TestMeasureTarget(t *testing.T) {
	terms := terms57()
	m, err := MeasureTarget(NewID(), &terms, "p1-resolution", at57(0), at57(10), decimal.RequireFromString("3.9"), clerk57, t57)
	require.NoError(t, err)
	assert.True(t, m.Met)
	require.NoError(t, m.Validate(), "a met target needs no reason")
	m, err = MeasureTarget(NewID(), &terms, "availability", at57(0), at57(10), decimal.RequireFromString("98"), clerk57, t57)
	require.NoError(t, err)
	assert.False(t, m.Met)
	_, err = MeasureTarget(NewID(), &terms, "latency", at57(0), at57(10), decimal.Zero, clerk57, t57)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.NotPanics(t, func() {
		_, err = MeasureTarget(NewID(), nil, "availability", at57(0), at57(10), decimal.Zero, clerk57, t57)
	})
	assert.ErrorIs(t, err, ErrRequired)
}

func TestSLALifecycle(t *testing.T) {
	slm := actor57("lee", RoleServiceLevelManager)
	t.Run("happy path", func(t *testing.T) {
		s := validSLA()
		assert.Equal(t, AgreementDraft, s.State())
		require.NoError(t, s.Agree(slm, at57(1), "signed"))
		assert.Equal(t, at57(1), s.Agreed)
		require.NoError(t, s.Enforce(slm, at57(24), ""))
		require.NoError(t, s.Review(slm, at57(48), ""))
		require.NoError(t, s.Enforce(slm, at57(49), "review done"))
		require.NoError(t, s.Retire(slm, at57(50), ""))
		assert.Equal(t, AgreementRetired, s.State())
		require.NoError(t, s.Validate())
	})
	t.Run("draft retired", func(t *testing.T) {
		s := validSLA()
		require.NoError(t, s.Retire(slm, at57(1), "abandoned"))
		require.NoError(t, s.Validate())
	})
	cases := []struct {
		name  string
		state AgreementState
		want  error
		move  func(*SLA) error
	}{
		{"agree needs manager", AgreementDraft, ErrForbidden, func(s *SLA) error { return s.Agree(clerk57, at57(1), "") }},
		{"agree incomplete", AgreementDraft, ErrPrecondition, func(s *SLA) error { return s.Agree(slm, at57(1), "") }},
		{"agree twice", AgreementAgreed, ErrInvalidTransition, func(s *SLA) error { return s.Agree(slm, at57(1), "") }},
		{"enforce a draft", AgreementDraft, ErrInvalidTransition, func(s *SLA) error { return s.Enforce(slm, at57(30), "") }},
		{"enforce before start", AgreementAgreed, ErrPrecondition, func(s *SLA) error { return s.Enforce(slm, at57(23), "") }},
		{"enforce after end", AgreementUnderReview, ErrPrecondition, func(s *SLA) error { return s.Enforce(slm, at57(24*365+1), "") }},
		{"review an agreed SLA", AgreementAgreed, ErrInvalidTransition, func(s *SLA) error { return s.Review(slm, at57(30), "") }},
		{"review needs manager", AgreementInForce, ErrForbidden, func(s *SLA) error { return s.Review(clerk57, at57(30), "") }},
		{"retire twice", AgreementRetired, ErrInvalidTransition, func(s *SLA) error { return s.Retire(slm, at57(30), "") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := validSLA()
			s.Status = string(c.state)
			if c.state != AgreementDraft {
				s.Agreed = at57(0)
			}
			if c.name == "agree incomplete" {
				s.Targets = nil
			}
			transition57(t, s, c.want, c.move)
		})
	}
}

func TestSLAAmend(t *testing.T) {
	slm := actor57("lee", RoleServiceLevelManager)
	newTerms := func(s *SLA) AgreementTerms {
		t := terms57()
		t.Services = s.Services
		t.Targets = t.Targets[:1]
		t.Targets[0].Value = decimal.RequireFromString("99.9")
		return t
	}
	t.Run("draft without RFC", func(t *testing.T) {
		s := validSLA()
		require.NoError(t, s.Amend(slm, at57(1), newTerms(s), ID{}, "tighter"))
		assert.True(t, s.Targets[0].Value.Equal(decimal.RequireFromString("99.9")))
		assert.Empty(t, s.Linked(LinkAmendedBy))
	})
	t.Run("agreed with RFC", func(t *testing.T) {
		s := validSLA()
		require.NoError(t, s.Agree(slm, at57(1), ""))
		rfc := NewID()
		require.NoError(t, s.Amend(slm, at57(2), newTerms(s), rfc, "tighter"))
		assert.Equal(t, []ID{rfc}, s.Linked(LinkAmendedBy))
		last := s.History[len(s.History)-1]
		assert.Equal(t, ActionChanged, last.Action)
		assert.Equal(t, rfc, last.Ref)
		assert.Len(t, s.Targets, 1)
		require.NoError(t, s.Validate())
		// A second amendment under the same RFC does not link it twice.
		require.NoError(t, s.Amend(slm, at57(3), newTerms(s), rfc, "again"))
		assert.Len(t, s.Linked(LinkAmendedBy), 1)
	})
	refusals := []struct {
		name  string
		state AgreementState
		want  error
		move  func(*SLA) error
	}{
		{"agreed without RFC", AgreementAgreed, ErrPrecondition, func(s *SLA) error { return s.Amend(slm, at57(2), newTerms(s), ID{}, "") }},
		{"in force without RFC", AgreementInForce, ErrPrecondition, func(s *SLA) error { return s.Amend(slm, at57(2), newTerms(s), ID{}, "") }},
		{"under review without RFC", AgreementUnderReview, ErrPrecondition, func(s *SLA) error { return s.Amend(slm, at57(2), newTerms(s), ID{}, "") }},
		{"retired", AgreementRetired, ErrPrecondition, func(s *SLA) error { return s.Amend(slm, at57(2), newTerms(s), NewID(), "") }},
		{"needs manager", AgreementInForce, ErrForbidden, func(s *SLA) error { return s.Amend(clerk57, at57(2), newTerms(s), NewID(), "") }},
		{"invalid terms", AgreementInForce, ErrRequired, func(s *SLA) error {
			tm := newTerms(s)
			tm.Targets[0].Calendar = ""
			return s.Amend(slm, at57(2), tm, NewID(), "")
		}},
		{"time before history", AgreementInForce, ErrInvalidValue, func(s *SLA) error { return s.Amend(slm, t57.Add(-1), newTerms(s), NewID(), "") }},
		{"no actor", AgreementDraft, ErrRequired, func(s *SLA) error { return s.Amend(Actor{}, at57(2), newTerms(s), ID{}, "") }},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			s := validSLA()
			s.Status = string(c.state)
			refuse57(t, s, c.want, c.move)
		})
	}
}

func TestOLALifecycleAndAmend(t *testing.T) {
	slm := actor57("lee", RoleServiceLevelManager)
	o := validOLA()
	require.NoError(t, o.Link(slm, at57(0), LinkSupports, NewID(), KindSLA))
	transition57(t, o, ErrForbidden, func(o *OLA) error { return o.Agree(clerk57, at57(1), "") })
	require.NoError(t, o.Agree(slm, at57(1), ""))
	transition57(t, o, ErrPrecondition, func(o *OLA) error { return o.Enforce(slm, at57(2), "") })
	require.NoError(t, o.Enforce(slm, at57(24), ""))
	refuse57(t, o, ErrPrecondition, func(o *OLA) error { return o.Amend(slm, at57(25), terms57(), ID{}, "") })
	tm := terms57()
	require.NoError(t, o.Amend(slm, at57(25), tm, NewID(), ""))
	require.NoError(t, o.Review(slm, at57(26), ""))
	require.NoError(t, o.Retire(slm, at57(27), ""))
	transition57(t, o, ErrInvalidTransition, func(o *OLA) error { return o.Review(slm, at57(28), "") })
	require.NoError(t, o.Validate())
	assert.Equal(t, KindOLA, OLALifecycle().Kind())
	assert.Equal(t, KindSLA, SLALifecycle().Kind())
}

func TestSLAAmendmentsInHistory(t *testing.T) {
	slm := actor57("lee", RoleServiceLevelManager)
	s := validSLA()
	require.NoError(t, s.Amend(slm, at57(1), terms57(), ID{}, "draft change"))
	require.NoError(t, s.Agree(slm, at57(2), ""))
	rfc := NewID()
	tm := terms57()
	require.NoError(t, s.Amend(slm, at57(3), tm, rfc, ""))
	require.NoError(t, s.Validate(), "a draft amendment needs no RFC; a later one has its link")
	withRFC, err := Copy(s)
	require.NoError(t, err)
	require.NoError(t, Set(withRFC, "customer", &withRFC.Customer, NewID(), rfc, "", slm, at57(4)))
	require.NoError(t, withRFC.Validate(), "a change of an agreed SLA under a linked RFC")

	forged := func(s *SLA) {
		s.History = append(s.History, Event{At: at57(4), Actor: "mallory", Action: ActionChanged, Field: "terms"})
	}
	unlinked := func(s *SLA) {
		s.Links = nil
	}
	setCustomer := func(s *SLA) {
		require.NoError(t, Set(s, "customer", &s.Customer, NewID(), ID{}, "", slm, at57(4)))
	}
	runValidate57(t, func() *SLA { c, err := Copy(s); require.NoError(t, err); return c }, []vcase57[*SLA]{
		{fmt.Sprintf("history[%d].ref", len(s.History)), ErrRequired, forged},
		{fmt.Sprintf("history[%d].ref", len(s.History)-1), ErrInvalidLink, unlinked},
		{fmt.Sprintf("history[%d].ref", len(s.History)), ErrRequired, setCustomer},
	})
}
