package capacity

import (
	"fmt"
	"math"
	"time"

	"github.com/smskit/iso20000/process"
)

// ResourceType is the kind of resource a capacity plan covers: the plan
// covers human, technical, information and financial resources
// (ISO/IEC 20000-1:2011, 6.5). The zero ResourceType is unset.
type ResourceType string

// The resource types of 6.5.
const (
	ResourceHuman       ResourceType = "human"       // people: a team, a rota
	ResourceTechnical   ResourceType = "technical"   // a CI: servers, storage, network links, licences
	ResourceInformation ResourceType = "information" // data and knowledge: a database, a knowledge base
	ResourceFinancial   ResourceType = "financial"   // money: a budget line, a cloud spending limit
)

// ResourceTypes returns the four resource types in the order of
// ISO/IEC 20000-1:2011, 6.5.
func ResourceTypes() []ResourceType {
	return []ResourceType{ResourceHuman, ResourceTechnical, ResourceInformation, ResourceFinancial}
}

// Valid reports whether t is one of the types above.
func (t ResourceType) Valid() bool {
	switch t {
	case ResourceHuman, ResourceTechnical, ResourceInformation, ResourceFinancial:
		return true
	}
	return false
}

// String returns the type's code.
func (t ResourceType) String() string { return string(t) }

// MarshalText encodes the type: its code, or nothing when unset; an
// unknown value is refused.
func (t ResourceType) MarshalText() ([]byte, error) { return process.MarshalEnum(t) }

// UnmarshalText decodes a code, or "" as unset; an unknown value is refused
// and leaves t unchanged.
func (t *ResourceType) UnmarshalText(b []byte) error { return process.UnmarshalEnum(t, b) }

// Resource is a resource whose capacity is managed: a configuration item
// or a team, with its capacity in a unit (ISO/IEC 20000-1:2011, 6.5).
// Capacity is a measured quantity (cores, GiB, agent-hours a week) kept as
// float64; money belongs in upgrade costs, as decimals. Its kind is
// process.KindCapacityResource. Not safe for concurrent mutation.
type Resource struct {
	process.Header
	Type ResourceType `json:"type"`
	// CI is the configuration item the resource is, for technical and
	// information resources; Team names the team, for human ones. One of
	// the two is required.
	CI   process.ID `json:"ci,omitzero"`
	Team string     `json:"team,omitempty"`
	// Capacity is what the resource can deliver, in Unit; more than zero.
	Capacity float64 `json:"capacity"`
	Unit     string  `json:"unit"`
	// Services are the services that draw on the resource.
	Services []process.ID `json:"services,omitempty"`
	// LeadTime is how long an upgrade takes from order to use: a
	// recommendation to upgrade comes this long before the threshold is
	// reached.
	LeadTime time.Duration `json:"leadTime,omitempty"`
}

// NewResource returns a new resource of type t with the given capacity.
// ISO/IEC 20000-1:2011, 6.5.
func NewResource(title string, t ResourceType, capacity float64, unit string, by process.Actor, at time.Time) *Resource {
	return &Resource{
		Header: process.NewHeader(process.KindCapacityResource, title, by, at),
		Type:   t, Capacity: capacity, Unit: unit,
	}
}

// Validate reports every field at fault: the header, an unknown type, no CI
// and no team, a capacity not finite or not above zero, no unit, a zero
// service ID and a negative lead time.
func (r *Resource) Validate() error {
	v := process.ValidationError{Subject: r.Subject()}
	process.ValidateHeader(&r.Header, process.KindCapacityResource, &v)
	process.CheckEnum(&v, "type", r.Type)
	if r.CI.IsZero() && blank(r.Team) {
		v.Addf("ci", process.ErrRequired, "a configuration item or a team")
	}
	switch {
	case math.IsNaN(r.Capacity) || math.IsInf(r.Capacity, 0):
		v.Add("capacity", ErrNotFinite)
	case r.Capacity <= 0:
		v.Addf("capacity", process.ErrInvalidValue, "%g, want more than 0", r.Capacity)
	}
	v.RequireText("unit", r.Unit)
	for i, s := range r.Services {
		v.Require(fmt.Sprintf("services[%d]", i), !s.IsZero())
	}
	if r.LeadTime < 0 {
		v.Addf("leadTime", process.ErrInvalidValue, "negative")
	}
	return v.Err()
}

// Headroom returns the capacity left at a given use.
// ISO/IEC 20000-1:2011, 6.5.
func (r *Resource) Headroom(used float64) Headroom { return HeadroomOf(r.Capacity, used) }
