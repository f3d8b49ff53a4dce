package process

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServiceCatalogueValidate(t *testing.T) {
	testValidate(t, newServiceCatalogue, append(headerCases[*ServiceCatalogue](), []vcase[*ServiceCatalogue]{
		{"no entries", func(c *ServiceCatalogue) { c.Entries = nil }, "entries", ErrRequired},
		{"no entries[0].service", func(c *ServiceCatalogue) { c.Entries[0].Service = ID{} }, "entries[0].service", ErrRequired},
		{"bad entries[1].service", func(c *ServiceCatalogue) { c.Entries[1].Service = c.Entries[0].Service }, "entries[1].service", ErrInvalidValue},
		{"no entries[1].description", func(c *ServiceCatalogue) { c.Entries[1].Description = "" }, "entries[1].description", ErrRequired},
		{"no entries[0].dependsOn[0]", func(c *ServiceCatalogue) { c.Entries[0].DependsOn[0] = ID{} }, "entries[0].dependsOn[0]", ErrRequired},
		{"bad entries[0].dependsOn[0]", func(c *ServiceCatalogue) { c.Entries[0].DependsOn[0] = c.Entries[0].Service }, "entries[0].dependsOn[0]", ErrInvalidValue},
		{"no entries[0].components[1]", func(c *ServiceCatalogue) { c.Entries[0].Components[1] = "" }, "entries[0].components[1]", ErrRequired},
	}...))
}

func TestServiceCatalogueDependencies(t *testing.T) {
	a, b, c, d, ext := NewID(), NewID(), NewID(), NewID(), NewID()
	cat := newServiceCatalogue(t)
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
		require.NoError(t, availabilityTarget().Validate())
		for _, c := range cases {
			t.Run(c.path, func(t *testing.T) {
				tg := availabilityTarget()
				c.mut(&tg)
				var ve *ValidationError
				require.ErrorAs(t, tg.Validate(), &ve)
				assert.True(t, ve.Has(c.path, c.err), "got %v, want %s", ve, c.path)
			})
		}
	})
	t.Run("pause", func(t *testing.T) {
		res := ServiceTarget{Name: "resolve", Kind: TargetResolution, Value: decimal.NewFromInt(3), Unit: UnitDays, Calendar: "office",
			Pause: []PendingReason{PendingCustomer, PendingSchedule}}
		require.NoError(t, res.Validate())
		cases := []struct {
			name  string
			pause []PendingReason
			kind  TargetKind
			path  string
			err   error
		}{
			{"unknown reason", []PendingReason{PendingCustomer, "waiting-for-godot"}, TargetResolution, "pause[1]", ErrInvalidValue},
			{"blank reason", []PendingReason{""}, TargetResponse, "pause[0]", ErrRequired},
			{"repeated reason", []PendingReason{PendingSupplier, PendingSupplier}, TargetResolution, "pause[1]", ErrInvalidValue},
			{"no clock to pause", []PendingReason{PendingCustomer}, TargetAvailability, "pause", ErrInvalidValue},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				tg := res
				tg.Pause, tg.Kind = c.pause, c.kind
				if c.kind == TargetAvailability {
					tg.Unit, tg.Value = UnitPercent, decimal.NewFromInt(99)
				}
				var ve *ValidationError
				require.ErrorAs(t, tg.Validate(), &ve)
				assert.True(t, ve.Has(c.path, c.err), "got %v, want %s", ve, c.path)
			})
		}
		// Within an agreement's terms the path is the target's.
		terms := agreementTerms()
		terms.Targets[1].Pause = []PendingReason{"waiting-for-godot"}
		var v ValidationError
		terms.check(&v)
		assert.True(t, v.Has("targets[1].pause[0]", ErrInvalidValue), "got %v", v.Err())
	})
	t.Run("pause keeps digests", func(t *testing.T) {
		// A target without pause reasons encodes as before, so the digests
		// of agreements approved before Pause existed still match.
		b, err := json.Marshal(availabilityTarget())
		require.NoError(t, err)
		assert.NotContains(t, string(b), "pause")
		res := availabilityTarget()
		res.Kind, res.Unit, res.Pause = TargetResolution, UnitHours, []PendingReason{PendingCustomer}
		b, err = json.Marshal(res)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"pause":["waiting-for-customer"]`)
		var back ServiceTarget
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, res.Pause, back.Pause)
		assert.ErrorIs(t, json.Unmarshal([]byte(`{"pause":["waiting-for-godot"]}`), &back), ErrInvalidValue)
	})
	t.Run("met", func(t *testing.T) {
		avail := availabilityTarget()
		assert.True(t, avail.Met(decimal.RequireFromString("99.5")))
		assert.True(t, avail.Met(decimal.RequireFromString("99.9")))
		assert.False(t, avail.Met(decimal.RequireFromString("99.49")))
		res := ServiceTarget{Kind: TargetResolution, Value: decimal.NewFromInt(4), Unit: UnitHours}
		assert.True(t, res.Met(decimal.NewFromInt(4)))
		assert.True(t, res.Met(decimal.RequireFromString("3.5")))
		assert.False(t, res.Met(decimal.RequireFromString("4.01")))
	})
}

func agreementCases[T interface {
	Record
	*SLA | *OLA
}](terms func(T) *AgreementTerms) []vcase[T] {
	return []vcase[T]{
		{"no status", func(r T) { r.Meta().Status = "" }, "status", ErrRequired},
		{"bad status", func(r T) { r.Meta().Status = "signed" }, "status", ErrInvalidValue},
		{"no services", func(r T) { terms(r).Services = nil }, "services", ErrRequired},
		{"no services[0]", func(r T) { terms(r).Services[0] = ID{} }, "services[0]", ErrRequired},
		{"bad services[1]", func(r T) { terms(r).Services = append(terms(r).Services, terms(r).Services[0]) }, "services[1]", ErrInvalidValue},
		{"no exceptions[0]", func(r T) { terms(r).Exceptions[0] = "  " }, "exceptions[0]", ErrRequired},
		{"no targets", func(r T) { terms(r).Targets = nil }, "targets", ErrRequired},
		{"no targets[0].calendar", func(r T) { terms(r).Targets[0].Calendar = "" }, "targets[0].calendar", ErrRequired},
		{"bad targets[1].kind", func(r T) { terms(r).Targets[1].Kind = "speed" }, "targets[1].kind", ErrInvalidValue},
		{"no targets[1].unit", func(r T) { terms(r).Targets[1].Unit = "" }, "targets[1].unit", ErrRequired},
		{"bad targets[1].value", func(r T) { terms(r).Targets[1].Value = decimal.NewFromInt(-4) }, "targets[1].value", ErrInvalidValue},
		{"bad targets[1].name", func(r T) { terms(r).Targets[1].Name = terms(r).Targets[0].Name }, "targets[1].name", ErrInvalidValue},
		{"bad targets[1].service", func(r T) { terms(r).Targets[1].Service = NewID() }, "targets[1].service", ErrInvalidValue},
		{"no workload", func(r T) { terms(r).Workload = nil }, "workload", ErrRequired},
		{"no workload[0].measure", func(r T) { terms(r).Workload[0].Measure = "" }, "workload[0].measure", ErrRequired},
		{"no workload[0].per", func(r T) { terms(r).Workload[0].Per = "" }, "workload[0].per", ErrRequired},
		{"bad workload[0].volume", func(r T) { terms(r).Workload[0].Volume = decimal.NewFromInt(-1) }, "workload[0].volume", ErrInvalidValue},
		{"no exceptions[0]", func(r T) { terms(r).Exceptions[0] = "" }, "exceptions[0]", ErrRequired},
		{"no start", func(r T) { terms(r).Start = time.Time{} }, "start", ErrRequired},
		{"bad end", func(r T) { terms(r).End = terms(r).Start.Add(-1) }, "end", ErrInvalidValue},
		{"no agreed", func(r T) { r.Meta().Status = string(AgreementInForce) }, "agreed", ErrRequired},
	}
}

func TestSLAValidate(t *testing.T) {
	testValidate(t, newSLA, append(append(headerCases[*SLA](), agreementCases(func(s *SLA) *AgreementTerms { return &s.AgreementTerms })...),
		vcase[*SLA]{"no customer", func(s *SLA) { s.Customer = ID{} }, "customer", ErrRequired},
		vcase[*SLA]{"bad agreed", func(s *SLA) { s.Agreed = s.Created.Add(-1) }, "agreed", ErrInvalidValue},
	))
}

func TestOLAValidate(t *testing.T) {
	testValidate(t, newOLA, append(append(headerCases[*OLA](), agreementCases(func(o *OLA) *AgreementTerms { return &o.AgreementTerms })...),
		vcase[*OLA]{"no group", func(o *OLA) { o.Group = "" }, "group", ErrRequired},
	))
}

func TestTargetMeasurementValidate(t *testing.T) {
	testValidate(t, newTargetMeasurement, append(headerCases[*TargetMeasurement](), []vcase[*TargetMeasurement]{
		{"no agreement", func(m *TargetMeasurement) { m.Agreement = ID{} }, "agreement", ErrRequired},
		{"no target", func(m *TargetMeasurement) { m.Target = "" }, "target", ErrRequired},
		{"no periodStart", func(m *TargetMeasurement) { m.PeriodStart = time.Time{} }, "periodStart", ErrRequired},
		{"no periodEnd", func(m *TargetMeasurement) { m.PeriodEnd = time.Time{} }, "periodEnd", ErrRequired},
		{"bad periodEnd", func(m *TargetMeasurement) { m.PeriodEnd = m.PeriodStart.Add(-1) }, "periodEnd", ErrInvalidValue},
		{"no reason", func(m *TargetMeasurement) { m.Reason = "" }, "reason", ErrRequired},
	}...))
}

func TestMeasureTarget(t *testing.T) {
	terms := agreementTerms()
	m, err := MeasureTarget(NewID(), &terms, "p1-resolution", atHour(0), atHour(10), decimal.RequireFromString("3.9"), nobody, t0)
	require.NoError(t, err)
	assert.True(t, m.Met)
	require.NoError(t, m.Validate(), "a met target needs no reason")
	m, err = MeasureTarget(NewID(), &terms, "availability", atHour(0), atHour(10), decimal.RequireFromString("98"), nobody, t0)
	require.NoError(t, err)
	assert.False(t, m.Met)
	_, err = MeasureTarget(NewID(), &terms, "latency", atHour(0), atHour(10), decimal.Zero, nobody, t0)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.NotPanics(t, func() {
		_, err = MeasureTarget(NewID(), nil, "availability", atHour(0), atHour(10), decimal.Zero, nobody, t0)
	})
	assert.ErrorIs(t, err, ErrRequired)
}

func TestSLALifecycle(t *testing.T) {
	t.Run("happy path", func(t *testing.T) {
		s := newSLA(t)
		assert.Equal(t, AgreementDraft, s.State())
		require.NoError(t, s.Agree(slm, atHour(1), "signed"))
		assert.Equal(t, atHour(1), s.Agreed)
		require.NoError(t, s.Enforce(slm, atHour(24), ""))
		require.NoError(t, s.Review(slm, atHour(48), ""))
		require.NoError(t, s.Enforce(slm, atHour(49), "review done"))
		require.NoError(t, s.Retire(slm, atHour(50), ""))
		assert.Equal(t, AgreementRetired, s.State())
		require.NoError(t, s.Validate())
	})
	t.Run("draft retired", func(t *testing.T) {
		s := newSLA(t)
		require.NoError(t, s.Retire(slm, atHour(1), "abandoned"))
		require.NoError(t, s.Validate())
	})
	cases := []struct {
		name  string
		state AgreementState
		want  error
		move  func(*SLA) error
	}{
		{"agree needs manager", AgreementDraft, ErrForbidden, func(s *SLA) error { return s.Agree(nobody, atHour(1), "") }},
		{"agree incomplete", AgreementDraft, ErrPrecondition, func(s *SLA) error { return s.Agree(slm, atHour(1), "") }},
		{"agree twice", AgreementAgreed, ErrInvalidTransition, func(s *SLA) error { return s.Agree(slm, atHour(1), "") }},
		{"enforce a draft", AgreementDraft, ErrInvalidTransition, func(s *SLA) error { return s.Enforce(slm, atHour(30), "") }},
		{"enforce before start", AgreementAgreed, ErrPrecondition, func(s *SLA) error { return s.Enforce(slm, atHour(23), "") }},
		{"enforce after end", AgreementUnderReview, ErrPrecondition, func(s *SLA) error { return s.Enforce(slm, atHour(24*365+1), "") }},
		{"review an agreed SLA", AgreementAgreed, ErrInvalidTransition, func(s *SLA) error { return s.Review(slm, atHour(30), "") }},
		{"review needs manager", AgreementInForce, ErrForbidden, func(s *SLA) error { return s.Review(nobody, atHour(30), "") }},
		{"retire twice", AgreementRetired, ErrInvalidTransition, func(s *SLA) error { return s.Retire(slm, atHour(30), "") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newSLA(t)
			s.Status = string(c.state)
			if c.state != AgreementDraft {
				s.Agreed = atHour(0)
			}
			if c.name == "agree incomplete" {
				s.Targets = nil
			}
			refusedTransition(t, s, c.want, func() error { return c.move(s) })
		})
	}
}

func TestSLAAmend(t *testing.T) {
	newTerms := func(s *SLA) AgreementTerms {
		t := agreementTerms()
		t.Services = s.Services
		t.Targets = t.Targets[:1]
		t.Targets[0].Value = decimal.RequireFromString("99.9")
		return t
	}
	t.Run("draft without RFC", func(t *testing.T) {
		s := newSLA(t)
		require.NoError(t, s.Amend(slm, atHour(1), newTerms(s), ID{}, "tighter"))
		assert.True(t, s.Targets[0].Value.Equal(decimal.RequireFromString("99.9")))
		assert.Empty(t, s.Linked(LinkAmendedBy))
	})
	t.Run("agreed with RFC", func(t *testing.T) {
		s := newSLA(t)
		require.NoError(t, s.Agree(slm, atHour(1), ""))
		rfc := NewID()
		require.NoError(t, s.Amend(slm, atHour(2), newTerms(s), rfc, "tighter"))
		assert.Equal(t, []ID{rfc}, s.Linked(LinkAmendedBy))
		last := s.History[len(s.History)-1]
		assert.Equal(t, ActionChanged, last.Action)
		assert.Equal(t, rfc, last.Ref)
		assert.Len(t, s.Targets, 1)
		require.NoError(t, s.Validate())
		// A second amendment under the same RFC does not link it twice.
		require.NoError(t, s.Amend(slm, atHour(3), newTerms(s), rfc, "again"))
		assert.Len(t, s.Linked(LinkAmendedBy), 1)
	})
	refusals := []struct {
		name  string
		state AgreementState
		want  error
		move  func(*SLA) error
	}{
		{"agreed without RFC", AgreementAgreed, ErrPrecondition, func(s *SLA) error { return s.Amend(slm, atHour(2), newTerms(s), ID{}, "") }},
		{"in force without RFC", AgreementInForce, ErrPrecondition, func(s *SLA) error { return s.Amend(slm, atHour(2), newTerms(s), ID{}, "") }},
		{"under review without RFC", AgreementUnderReview, ErrPrecondition, func(s *SLA) error { return s.Amend(slm, atHour(2), newTerms(s), ID{}, "") }},
		{"retired", AgreementRetired, ErrPrecondition, func(s *SLA) error { return s.Amend(slm, atHour(2), newTerms(s), NewID(), "") }},
		{"needs manager", AgreementInForce, ErrForbidden, func(s *SLA) error { return s.Amend(nobody, atHour(2), newTerms(s), NewID(), "") }},
		{"invalid terms", AgreementInForce, ErrRequired, func(s *SLA) error {
			tm := newTerms(s)
			tm.Targets[0].Calendar = ""
			return s.Amend(slm, atHour(2), tm, NewID(), "")
		}},
		{"time before history", AgreementInForce, ErrInvalidValue, func(s *SLA) error { return s.Amend(slm, t0.Add(-1), newTerms(s), NewID(), "") }},
		{"no actor", AgreementDraft, ErrRequired, func(s *SLA) error { return s.Amend(Actor{}, atHour(2), newTerms(s), ID{}, "") }},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			s := newSLA(t)
			s.Status = string(c.state)
			refused(t, s, c.want, func() error { return c.move(s) })
		})
	}
}

func TestOLALifecycleAndAmend(t *testing.T) {
	o := newOLA(t)
	require.NoError(t, o.Link(slm, atHour(0), LinkSupports, NewID(), KindSLA))
	refusedTransition(t, o, ErrForbidden, func() error { return o.Agree(nobody, atHour(1), "") })
	require.NoError(t, o.Agree(slm, atHour(1), ""))
	refusedTransition(t, o, ErrPrecondition, func() error { return o.Enforce(slm, atHour(2), "") })
	require.NoError(t, o.Enforce(slm, atHour(24), ""))
	refused(t, o, ErrPrecondition, func() error { return o.Amend(slm, atHour(25), agreementTerms(), ID{}, "") })
	tm := agreementTerms()
	require.NoError(t, o.Amend(slm, atHour(25), tm, NewID(), ""))
	require.NoError(t, o.Review(slm, atHour(26), ""))
	require.NoError(t, o.Retire(slm, atHour(27), ""))
	refusedTransition(t, o, ErrInvalidTransition, func() error { return o.Review(slm, atHour(28), "") })
	require.NoError(t, o.Validate())
	assert.Equal(t, KindOLA, olaLifecycle.Kind())
	assert.Equal(t, KindSLA, slaLifecycle.Kind())
}

func TestSLAAmendmentsInHistory(t *testing.T) {
	s := newSLA(t)
	require.NoError(t, s.Amend(slm, atHour(1), agreementTerms(), ID{}, "draft change"))
	require.NoError(t, s.Agree(slm, atHour(2), ""))
	rfc := NewID()
	tm := agreementTerms()
	require.NoError(t, s.Amend(slm, atHour(3), tm, rfc, ""))
	require.NoError(t, s.Validate(), "a draft amendment needs no RFC; a later one has its link")
	withRFC, err := Copy(s)
	require.NoError(t, err)
	require.NoError(t, Set(withRFC, "customer", &withRFC.Customer, NewID(), rfc, "", slm, atHour(4)))
	require.NoError(t, withRFC.Validate(), "a change of an agreed SLA under a linked RFC")

	forged := func(s *SLA) {
		s.History = append(s.History, Event{At: atHour(4), Actor: "mallory", Action: ActionChanged, Field: "terms"})
	}
	unlinked := func(s *SLA) {
		s.Links = nil
	}
	// A Set without its RFC is refused by Set itself; written as a host's
	// store might hold it, the history's change without a reference is.
	setCustomer := func(s *SLA) {
		s.History = append(s.History, Event{At: atHour(4), Actor: slm.ID, Action: ActionChanged, Field: "customer"})
	}
	fresh := func(t *testing.T) *SLA {
		c, err := Copy(s)
		require.NoError(t, err)
		return c
	}
	unbound := fresh(t)
	before := clone(unbound)
	assert.ErrorIs(t, Set(unbound, "customer", &unbound.Customer, NewID(), ID{}, "", slm, atHour(4)), ErrProtected, "agreed: no write without its RFC")
	assert.ErrorIs(t, Set(unbound, "customer", &unbound.Customer, NewID(), NewID(), "", slm, atHour(4)), ErrProtected, "nor under an RFC it does not link")
	assert.Equal(t, before, unbound, "refused writes change nothing")
	testValidate(t, fresh, append(headerCases[*SLA](), []vcase[*SLA]{
		{"forged change without its RFC", forged, fmt.Sprintf("history[%d].ref", len(s.History)), ErrRequired},
		{"RFC no longer linked", unlinked, fmt.Sprintf("history[%d].ref", len(s.History)-1), ErrInvalidLink},
		{"set without an RFC", setCustomer, fmt.Sprintf("history[%d].ref", len(s.History)), ErrRequired},
	}...))
}
