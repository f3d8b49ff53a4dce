package capacity

import (
	"fmt"
	"math"
	"time"

	"github.com/smskit/iso20000/process"
)

// EffectKind says where a change in demand comes from: the effects a
// capacity plan weighs (ISO/IEC 20000-1:2011, 6.5). The zero EffectKind is
// invalid.
type EffectKind string

// The sources of demand effects.
const (
	EffectNewService     EffectKind = "new-service"     // a new service taken on
	EffectChangedService EffectKind = "changed-service" // a service changed or retired
	EffectChange         EffectKind = "change"          // a change to a CI (request for change)
	EffectBusinessEvent  EffectKind = "business-event"  // a campaign, a season, a merger
	EffectTechnology     EffectKind = "technology"      // new technology (more efficient hardware)
)

// Valid reports whether k is one of the kinds above.
func (k EffectKind) Valid() bool {
	switch k {
	case EffectNewService, EffectChangedService, EffectChange, EffectBusinessEvent, EffectTechnology:
		return true
	}
	return false
}

// String returns the kind's code.
func (k EffectKind) String() string { return string(k) }

// MarshalText encodes the kind: its code, or nothing when unset; an
// unknown value is refused.
func (k EffectKind) MarshalText() ([]byte, error) { return process.MarshalEnum(k) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves k unchanged.
func (k *EffectKind) UnmarshalText(b []byte) error { return process.UnmarshalEnum(k, b) }

// Scenario is an expected change in demand from a date: a new service, a
// change, a business event (ISO/IEC 20000-1:2011, 6.5: the effect of new or
// changed services and of changes on capacity; Annex A, CHG → CAP). From
// From (and until Until, if set) every forecast step becomes
// value·Scale + Add, the interval likewise.
type Scenario struct {
	Name string     `json:"name"`
	Kind EffectKind `json:"kind"`
	// Source is the record behind the scenario (a service, a request for
	// change), of kind SourceKind; optional.
	Source     process.ID         `json:"source,omitzero"`
	SourceKind process.RecordKind `json:"sourceKind,omitempty"`
	From       time.Time          `json:"from"`
	Until      time.Time          `json:"until,omitzero"`
	// Add is added to demand, in the series' unit; Scale multiplies it
	// (0 means 1: no scaling; to remove demand use a negative Add).
	Add   float64 `json:"add"`
	Scale float64 `json:"scale"`
}

// Validate reports every field at fault: a missing name or start, an
// unknown kind, an end not after the start, a source without its kind,
// and an Add or Scale not finite or a negative Scale.
func (s Scenario) Validate() error {
	v := process.ValidationError{Package: pkg, Subject: "scenario " + s.Name}
	v.RequireText("name", s.Name)
	process.CheckEnum(&v, "kind", s.Kind)
	v.Require("from", !s.From.IsZero())
	if !s.Until.IsZero() && !s.Until.After(s.From) {
		v.Addf("until", process.ErrInvalidValue, "not after from")
	}
	if !s.Source.IsZero() && !s.SourceKind.Valid() && !s.SourceKind.Custom() {
		v.Addf("sourceKind", process.ErrInvalidValue, "%q", s.SourceKind)
	}
	if math.IsNaN(s.Add) || math.Abs(s.Add) > maxAbs {
		v.Add("add", ErrNotFinite)
	}
	if math.IsNaN(s.Scale) || s.Scale > maxAbs || s.Scale < 0 {
		v.Addf("scale", process.ErrInvalidValue, "%g, want 0 to 1e100", s.Scale)
	}
	return v.Err()
}

// Apply applies scenarios to the forecast's steps, in order, by by at at:
// it records them in [Forecast.Scenarios] and, one entry a scenario, in the
// history (ISO/IEC 20000-1:2011, 6.5: the effect of new or changed services
// on capacity). It refuses, changing nothing, a missing actor or time
// ([process.ErrRequired]), a time before the last history entry
// ([process.ErrInvalidValue]) and an invalid scenario
// (*process.ValidationError).
func (f *Forecast) Apply(by process.Actor, at time.Time, scenarios ...Scenario) error {
	if err := f.CheckEvent(by, at); err != nil {
		return err
	}
	for i, s := range scenarios {
		if err := s.Validate(); err != nil {
			return fmt.Errorf("capacity: %s: scenario %d: %w", f.Subject(), i, err)
		}
	}
	for _, s := range scenarios {
		if err := f.Note(by, at, fmt.Sprintf("scenario %q (%s) applied", s.Name, s.Kind)); err != nil {
			return fmt.Errorf("capacity: apply scenarios: %w", err) // cannot happen: checked above
		}
		scale := s.Scale
		if scale == 0 {
			scale = 1
		}
		for i := range f.Points {
			p := &f.Points[i]
			if p.At.Before(s.From) || (!s.Until.IsZero() && !p.At.Before(s.Until)) {
				continue
			}
			p.Value = finite(p.Value*scale + s.Add)
			p.Lower = finite(p.Lower*scale + s.Add)
			p.Upper = finite(p.Upper*scale + s.Add)
		}
		f.Scenarios = append(f.Scenarios, s)
	}
	return nil
}
