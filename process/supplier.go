package process

import (
	"fmt"
	"slices"
	"time"
)

// SupplierRole says whether a supplier contracts with the provider directly
// as a lead supplier or is sub-contracted by another supplier
// (ISO/IEC 20000-1:2011, 7.2). The zero SupplierRole is unset.
type SupplierRole string

// The roles of a supplier (ISO/IEC 20000-1:2011, 7.2).
const (
	SupplierLead          SupplierRole = "lead"
	SupplierSubcontracted SupplierRole = "sub-contracted"
)

// Valid reports whether r is one of the roles above.
func (r SupplierRole) Valid() bool { return r == SupplierLead || r == SupplierSubcontracted }

// String returns the role's code.
func (r SupplierRole) String() string { return string(r) }

// MarshalText encodes a known or unset role; any other is an error.
func (r SupplierRole) MarshalText() ([]byte, error) { return MarshalEnum(r) }

// UnmarshalText decodes a known or unset role; any other is an error.
func (r *SupplierRole) UnmarshalText(b []byte) error { return UnmarshalEnum(r, b) }

// Supplier is a supplier, with the person in the provider who
// owns the relationship; a sub-contracted supplier names the supplier that
// leads it, so that the provider sees the chain (ISO/IEC 20000-1:2011, 7.2).
type Supplier struct {
	Header
	Role SupplierRole `json:"role"`
	// Lead is the supplier that sub-contracts this one; set exactly when
	// Role is sub-contracted.
	Lead    ID     `json:"lead,omitzero"`
	Owner   string `json:"owner"`
	Contact string `json:"contact,omitempty"`
}

// NewSupplier records a lead supplier with its owner (ISO/IEC 20000-1:2011,
// 7.2).
func NewSupplier(name, owner string, by Actor, at time.Time) *Supplier {
	return &Supplier{Header: NewHeader(KindSupplier, name, by, at), Role: SupplierLead, Owner: owner}
}

// NewSubcontractor records a supplier sub-contracted by lead
// (ISO/IEC 20000-1:2011, 7.2).
func NewSubcontractor(name, owner string, lead ID, by Actor, at time.Time) *Supplier {
	return &Supplier{Header: NewHeader(KindSupplier, name, by, at), Role: SupplierSubcontracted, Lead: lead, Owner: owner}
}

// Validate reports every field at fault: role and owner; a lead for a
// sub-contracted supplier (not itself), none for a lead supplier
// (ISO/IEC 20000-1:2011, 7.2).
func (s *Supplier) Validate() error {
	v := ValidationError{Subject: s.Subject()}
	s.validate(&v, KindSupplier)
	CheckEnum(&v, "role", s.Role)
	v.Require("owner", s.Owner != "")
	switch {
	case s.Role == SupplierSubcontracted && s.Lead.IsZero():
		v.Add("lead", ErrRequired)
	case s.Role == SupplierSubcontracted && s.Lead == s.ID:
		v.Addf("lead", ErrInvalidValue, "a supplier does not lead itself")
	case s.Role == SupplierLead && !s.Lead.IsZero():
		v.Addf("lead", ErrInvalidValue, "a lead supplier has no lead")
	}
	return v.Err()
}

// SupplierChain returns the chain from the supplier id up to its lead
// supplier: the supplier itself first, then the supplier that
// sub-contracts it, and so on to a lead supplier (ISO/IEC 20000-1:2011,
// 7.2). It refuses a chain that comes back on itself ([ErrSupplierCycle]),
// a record that is not a supplier ([ErrInvalidValue]), a missing record
// (the store's error, wrapping [ErrNotFound]) and a sub-contracted
// supplier with no lead ([ErrRequired]).
func SupplierChain(st Store, id ID) ([]*Supplier, error) {
	var chain []*Supplier
	seen := make(map[ID]bool)
	for cur := id; ; {
		if seen[cur] {
			return nil, fmt.Errorf("process: supplier chain of %s: back at %s after %d: %w", id.Short(), cur.Short(), len(chain), ErrSupplierCycle)
		}
		seen[cur] = true
		r, err := st.Get(cur)
		if err != nil {
			return nil, fmt.Errorf("process: supplier chain of %s: %w", id.Short(), err)
		}
		s, ok := r.(*Supplier)
		switch {
		case r == nil || ok && s == nil:
			return nil, fmt.Errorf("process: supplier chain of %s: %s: no record: %w", id.Short(), cur.Short(), ErrNotFound)
		case !ok:
			return nil, fmt.Errorf("process: supplier chain of %s: %s is not a supplier: %w", id.Short(), r.Meta().Subject(), ErrInvalidValue)
		}
		chain = append(chain, s)
		if s.Role == SupplierLead {
			return chain, nil
		}
		if s.Lead.IsZero() {
			return nil, fmt.Errorf("process: supplier chain of %s: %s has no lead: %w", id.Short(), s.Subject(), ErrRequired)
		}
		cur = s.Lead
	}
}

// SupplierContract is the documented contract with a supplier, holding
// every content item Clause 7.2 asks for (ISO/IEC 20000-1:2011, 7.2). It
// links the SLAs and OLAs it supports ([LinkSupports]).
type SupplierContract struct {
	Header
	Supplier ID     `json:"supplier"`
	Scope    string `json:"scope"`
	// Dependencies are those between services, processes and parties.
	Dependencies string                   `json:"dependencies"`
	Requirements []string                 `json:"requirements"`
	Targets      []ServiceTarget          `json:"targets"`
	Interfaces   string                   `json:"interfaces"`
	Integration  string                   `json:"integration"`
	Workload     []WorkloadCharacteristic `json:"workload"`
	// Exceptions are the exceptions to the service ("none" is one).
	Exceptions       []string         `json:"exceptions"`
	Responsibilities []RoleAssignment `json:"responsibilities"`
	Reporting        string           `json:"reporting"`
	Charging         string           `json:"charging"`
	// Termination says how the contract is ended as planned; Transfer how
	// the services move to another party when it is.
	Termination string    `json:"termination"`
	Transfer    string    `json:"transfer"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end,omitzero"`
}

// NewSupplierContract starts a contract with supplier (ISO/IEC 20000-1:2011,
// 7.2).
func NewSupplierContract(title string, supplier ID, start time.Time, by Actor, at time.Time) *SupplierContract {
	return &SupplierContract{Header: NewHeader(KindSupplierContract, title, by, at), Supplier: supplier, Start: start}
}

// Validate reports every content item of 7.2 missing (ISO/IEC 20000-1:2011,
// 7.2).
func (c *SupplierContract) Validate() error {
	v := ValidationError{Subject: c.Subject()}
	c.validate(&v, KindSupplierContract)
	v.Require("supplier", !c.Supplier.IsZero())
	v.Require("scope", c.Scope != "")
	v.Require("dependencies", c.Dependencies != "")
	v.CheckTexts("requirements", c.Requirements, true)
	checkTargets(&v, "targets", c.Targets)
	v.Require("interfaces", c.Interfaces != "")
	v.Require("integration", c.Integration != "")
	checkWorkload(&v, "workload", c.Workload)
	v.CheckTexts("exceptions", c.Exceptions, true)
	checkAssignments(&v, "responsibilities", c.Responsibilities)
	v.Require("reporting", c.Reporting != "")
	v.Require("charging", c.Charging != "")
	v.Require("termination", c.Termination != "")
	v.Require("transfer", c.Transfer != "")
	v.Require("start", !c.Start.IsZero())
	checkNotBefore(&v, "end", c.End, c.Start, "start")
	return v.Err()
}

// SupplierReview reviews a supplier's contract and performance, at least
// once a year (ISO/IEC 20000-1:2011, 7.2). It links the SLAs whose targets
// the supplier supports ([LinkAbout]) and the requests for change for
// contract changes ([LinkRaised]).
type SupplierReview struct {
	Header
	Supplier     ID        `json:"supplier"`
	Contract     ID        `json:"contract"`
	Held         time.Time `json:"held"`
	Participants []string  `json:"participants"`
	// Performance summarises the supplier's performance against the
	// contract's targets.
	Performance string `json:"performance"`
	// ContractChanges are the changes to the contract the review calls
	// for; they go through change management.
	ContractChanges []string `json:"contractChanges,omitempty"`
	// IntervalMonths is the planned interval to the next review, 1 to 12.
	IntervalMonths int `json:"intervalMonths"`
}

// NewSupplierReview records a review of supplier under contract held at
// held (ISO/IEC 20000-1:2011, 7.2).
func NewSupplierReview(title string, supplier, contract ID, held time.Time, intervalMonths int, by Actor, at time.Time) *SupplierReview {
	return &SupplierReview{Header: NewHeader(KindSupplierReview, title, by, at), Supplier: supplier, Contract: contract, Held: held, IntervalMonths: intervalMonths}
}

// Validate reports every field at fault: supplier, contract, date,
// participants, performance and an interval of 1 to 12 months
// (ISO/IEC 20000-1:2011, 7.2).
func (r *SupplierReview) Validate() error {
	v := ValidationError{Subject: r.Subject()}
	r.validate(&v, KindSupplierReview)
	v.Require("supplier", !r.Supplier.IsZero())
	v.Require("contract", !r.Contract.IsZero())
	v.Require("held", !r.Held.IsZero())
	v.CheckTexts("participants", r.Participants, true)
	v.Require("performance", r.Performance != "")
	v.CheckTexts("contractChanges", r.ContractChanges, false)
	checkInterval(&v, r.IntervalMonths)
	return v.Err()
}

// NextDue returns when the next review of the supplier is due, never more
// than a year after this one (ISO/IEC 20000-1:2011, 7.2).
func (r *SupplierReview) NextDue() time.Time { return nextDue(r.Held, r.IntervalMonths) }

// DisputeState is a state of a contract dispute (ISO/IEC 20000-1:2011, 7.2).
type DisputeState string

// The states of a contract dispute (ISO/IEC 20000-1:2011, 7.2).
const (
	DisputeRecorded      DisputeState = "recorded"
	DisputeInvestigating DisputeState = "investigating"
	DisputeActioned      DisputeState = "actioned"
	DisputeClosed        DisputeState = "closed"
)

// String returns the state's code.
func (s DisputeState) String() string { return string(s) }

// Valid reports whether s is a state of the contract dispute lifecycle.
func (s DisputeState) Valid() bool { return disputeLifecycle.Valid(s) }

var disputeLifecycle = MustLifecycle(KindContractDispute, DisputeRecorded,
	[]DisputeState{DisputeRecorded, DisputeInvestigating, DisputeActioned, DisputeClosed},
	[]DisputeState{DisputeClosed},
	[]Move[DisputeState]{
		{From: []DisputeState{DisputeRecorded}, To: DisputeInvestigating, Role: RoleSupplierManager},
		{From: []DisputeState{DisputeInvestigating}, To: DisputeActioned, Role: RoleSupplierManager},
		{From: []DisputeState{DisputeActioned}, To: DisputeClosed, Role: RoleSupplierManager},
	})

// Lifecycle returns the lifecycle of contract disputes: recorded,
// investigating, actioned, closed; every move needs a supplier manager
// (ISO/IEC 20000-1:2011, 7.2).
// The receiver is not read: a nil *ContractDispute gives the same lifecycle.
func (*ContractDispute) Lifecycle() *Lifecycle[DisputeState] { return disputeLifecycle }

// ContractDispute is a dispute between the provider and a supplier over a
// contract: recorded, investigated, acted on and closed
// (ISO/IEC 20000-1:2011, 7.2).
type ContractDispute struct {
	Header
	Contract    ID        `json:"contract"`
	Raised      time.Time `json:"raised"`
	RaisedBy    string    `json:"raisedBy"`
	Description string    `json:"description"`
	// Findings and Actions are set by [ContractDispute.Act].
	Findings string   `json:"findings,omitempty"`
	Actions  []string `json:"actions,omitempty"`
	// Resolution is set by [ContractDispute.Close].
	Resolution string `json:"resolution,omitempty"`
}

// MarshalText encodes the dispute state by the module's rule for enumerations
// ([MarshalEnum]): its code, or nothing when unset.
func (s DisputeState) MarshalText() ([]byte, error) { return MarshalEnum(s) }

// UnmarshalText decodes a known code or "" (unset) and refuses any other
// value ([UnmarshalEnum]).
func (s *DisputeState) UnmarshalText(b []byte) error { return UnmarshalEnum(s, b) }

// NewContractDispute records a dispute over contract raised at raised
// (ISO/IEC 20000-1:2011, 7.2).
func NewContractDispute(title string, contract ID, raisedBy, description string, raised time.Time, by Actor, at time.Time) *ContractDispute {
	d := &ContractDispute{Header: NewHeader(KindContractDispute, title, by, at), Contract: contract, RaisedBy: raisedBy, Description: description, Raised: raised}
	disputeLifecycle.Start(&d.Header)
	return d
}

// State returns the dispute's lifecycle state.
func (d *ContractDispute) State() DisputeState { return DisputeState(d.Status) }

// Validate reports every field at fault: contract, date, who raised it and
// description; from actioned on the findings and actions, once closed the
// resolution (ISO/IEC 20000-1:2011, 7.2).
func (d *ContractDispute) Validate() error {
	v := ValidationError{Subject: d.Subject()}
	d.validate(&v, KindContractDispute)
	disputeLifecycle.ValidateState(&d.Header, &v)
	v.Require("contract", !d.Contract.IsZero())
	v.Require("raised", !d.Raised.IsZero())
	v.Require("raisedBy", d.RaisedBy != "")
	v.Require("description", d.Description != "")
	switch d.State() {
	case DisputeActioned, DisputeClosed:
		v.Require("findings", d.Findings != "")
		v.CheckTexts("actions", d.Actions, true)
	}
	if d.State() == DisputeClosed {
		v.Require("resolution", d.Resolution != "")
	}
	return v.Err()
}

// Investigate starts the investigation of a recorded dispute
// (ISO/IEC 20000-1:2011, 7.2).
func (d *ContractDispute) Investigate(by Actor, at time.Time, note string) error {
	return disputeLifecycle.apply(&d.Header, DisputeInvestigating, by, at, note, nil)
}

// Act records the findings and the actions taken; both are required
// (ISO/IEC 20000-1:2011, 7.2).
func (d *ContractDispute) Act(by Actor, at time.Time, findings string, actions []string) error {
	err := disputeLifecycle.apply(&d.Header, DisputeActioned, by, at, findings, func() error {
		return requireOutcome(findings, actions)
	})
	if err == nil {
		d.Findings, d.Actions = findings, slices.Clone(actions)
	}
	return err
}

// Close closes an actioned dispute with its resolution, which is required
// (ISO/IEC 20000-1:2011, 7.2).
func (d *ContractDispute) Close(by Actor, at time.Time, resolution string) error {
	err := disputeLifecycle.apply(&d.Header, DisputeClosed, by, at, resolution, func() error {
		if blank(resolution) {
			return missing("resolution")
		}
		return nil
	})
	if err == nil {
		d.Resolution = resolution
	}
	return err
}
