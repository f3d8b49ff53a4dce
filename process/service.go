package process

import (
	"time"
)

// ServiceState is where a service stands in its life: in the pipeline
// (being designed or transitioned), live, or retired (ISO/IEC 20000-1:2011,
// 5 and 6.1). The zero ServiceState is unset.
type ServiceState string

// The states of a service.
const (
	ServicePipeline ServiceState = "pipeline" // designed or in transition, not yet offered
	ServiceLive     ServiceState = "live"     // offered to customers under the catalogue
	ServiceRetired  ServiceState = "retired"  // removed, or abandoned before going live
)

var serviceLifecycle = MustLifecycle(KindService, ServicePipeline,
	[]ServiceState{ServicePipeline, ServiceLive, ServiceRetired},
	[]ServiceState{ServiceRetired},
	[]Move[ServiceState]{
		{From: []ServiceState{ServicePipeline}, To: ServiceLive, Role: RoleServiceOwner},
		{From: []ServiceState{ServicePipeline, ServiceLive}, To: ServiceRetired, Role: RoleServiceOwner},
	})

// Lifecycle returns the lifecycle of a service: pipeline → live →
// retired, moved by its service owner (ISO/IEC 20000-1:2011, 5.1, 6.1).
// The receiver is not read: a nil *Service gives the same lifecycle.
func (*Service) Lifecycle() *Lifecycle[ServiceState] { return serviceLifecycle }

// Valid reports whether s is a state of [Service.Lifecycle].
func (s ServiceState) Valid() bool { return serviceLifecycle.Valid(s) }

// String returns the state's code.
func (s ServiceState) String() string { return string(s) }

// MarshalText encodes a known state; an unknown one is an error.
func (s ServiceState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known state; an unknown one is an error.
func (s *ServiceState) UnmarshalText(b []byte) error {
	return UnmarshalEnum(s, b)
}

// Criticality is how much the business depends on a service, as agreed with
// the customer; it feeds the criteria for major incidents and the impact of
// changes (ISO/IEC 20000-1:2011, 6.1, 8.1). The zero Criticality is unset.
type Criticality string

// The grades of criticality.
const (
	CriticalityCritical Criticality = "critical"
	CriticalityHigh     Criticality = "high"
	CriticalityMedium   Criticality = "medium"
	CriticalityLow      Criticality = "low"
)

// Valid reports whether c is one of the grades above.
func (c Criticality) Valid() bool {
	switch c {
	case CriticalityCritical, CriticalityHigh, CriticalityMedium, CriticalityLow:
		return true
	}
	return false
}

// String returns the grade's code.
func (c Criticality) String() string { return string(c) }

// MarshalText encodes a known grade; an unknown one is an error.
func (c Criticality) MarshalText() ([]byte, error) { return MarshalEnum(c) }

// UnmarshalText decodes a known grade; an unknown one is an error.
func (c *Criticality) UnmarshalText(b []byte) error { return UnmarshalEnum(c, b) }

// Service is one service of the catalogue: the record every other process
// points at with a [LinkService] link (ISO/IEC 20000-1:2011, 6.1). Its title
// is the service's name.
type Service struct {
	Header
	// Description says what the service delivers, in the customer's terms.
	Description string `json:"description"`
	// Owner names the person accountable for the service.
	Owner string `json:"owner"`
	// Criticality grades the business's dependence on the service.
	Criticality Criticality `json:"criticality,omitempty"`
	// Customers are the customer records the service is delivered to;
	// a live service has at least one.
	Customers []ID `json:"customers,omitempty"`
}

var _ Record = (*Service)(nil)

// NewService returns a service in the pipeline, named title, with the given
// owner, recorded by by at at (ISO/IEC 20000-1:2011, 6.1).
func NewService(title, owner string, by Actor, at time.Time) *Service {
	s := &Service{Header: NewHeader(KindService, title, by, at), Owner: owner}
	serviceLifecycle.Start(&s.Header)
	return s
}

// State returns the service's lifecycle state.
func (s *Service) State() ServiceState { return ServiceState(s.Status) }

// Validate checks that the service has a name, description, owner,
// criticality and, once live, a customer (ISO/IEC 20000-1:2011, 6.1).
func (s *Service) Validate() error {
	v := ValidationError{Subject: s.Subject()}
	s.validate(&v, KindService)
	serviceLifecycle.ValidateState(&s.Header, &v)
	v.RequireText("description", s.Description)
	v.RequireText("owner", s.Owner)
	CheckEnum(&v, "criticality", s.Criticality)
	validateRefs(&v, &s.Header, "customers", s.Customers, "")
	if s.State() == ServiceLive {
		v.Require("customers", len(s.Customers) > 0)
	}
	return v.Err()
}

// GoLive moves the service from the pipeline to live; by must be a service
// owner, and the service must name at least one customer (ISO/IEC
// 20000-1:2011, 5.4, 6.1).
func (s *Service) GoLive(by Actor, at time.Time) error {
	return serviceLifecycle.apply(&s.Header, ServiceLive, by, at, "", func() error {
		if len(s.Customers) == 0 {
			return unmet("no customer")
		}
		return nil
	})
}

// Retire removes the service from the catalogue, or abandons it before it
// went live; reason is recorded in the history (ISO/IEC 20000-1:2011, 5.1).
func (s *Service) Retire(by Actor, at time.Time, reason string) error {
	return serviceLifecycle.apply(&s.Header, ServiceRetired, by, at, reason, needText("reason", reason))
}
