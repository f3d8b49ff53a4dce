package process

import (
	"fmt"
	"strings"
)

// Process is one of the fourteen service management processes of
// ISO/IEC 20000-1:2011, Clauses 5 to 9. Its value is a stable kebab-case code
// used in JSON and in the interface graph; the zero Process is unset.
type Process string

// The fourteen processes, in the order of the clauses.
const (
	DesignTransition                 Process = "design-transition"        // design and transition of new or changed services (5)
	ServiceLevelManagement           Process = "service-level"            // service level management (6.1)
	ServiceReporting                 Process = "service-reporting"        // service reporting (6.2)
	ContinuityAvailabilityManagement Process = "continuity-availability"  // service continuity and availability management (6.3)
	BudgetingAccounting              Process = "budgeting-accounting"     // budgeting and accounting for services (6.4)
	CapacityManagement               Process = "capacity"                 // capacity management (6.5)
	InformationSecurityManagement    Process = "information-security"     // information security management (6.6)
	BusinessRelationshipManagement   Process = "business-relationship"    // business relationship management (7.1)
	SupplierManagement               Process = "supplier"                 // supplier management (7.2)
	IncidentRequestManagement        Process = "incident-service-request" // incident and service request management (8.1)
	ProblemManagement                Process = "problem"                  // problem management (8.2)
	ConfigurationManagement          Process = "configuration"            // configuration management (9.1)
	ChangeManagement                 Process = "change"                   // change management (9.2)
	ReleaseDeploymentManagement      Process = "release-deployment"       // release and deployment management (9.3)
)

// Group is the clause-level family a process belongs to
// (ISO/IEC 20000-1:2011, Clauses 5 to 9).
type Group string

// The five process groups.
const (
	GroupDesignTransition Group = "design-transition" // Clause 5
	GroupServiceDelivery  Group = "service-delivery"  // Clause 6
	GroupRelationship     Group = "relationship"      // Clause 7
	GroupResolution       Group = "resolution"        // Clause 8
	GroupControl          Group = "control"           // Clause 9
)

type processInfo struct {
	clause string
	group  Group
	title  string
	code   string // short code used in diagrams (DT, SLM, …)
}

var processes = [...]struct {
	p Process
	processInfo
}{
	{DesignTransition, processInfo{"5", GroupDesignTransition, "Design and transition of new or changed services", "DT"}},
	{ServiceLevelManagement, processInfo{"6.1", GroupServiceDelivery, "Service level management", "SLM"}},
	{ServiceReporting, processInfo{"6.2", GroupServiceDelivery, "Service reporting", "SR"}},
	{ContinuityAvailabilityManagement, processInfo{"6.3", GroupServiceDelivery, "Service continuity and availability management", "SCA"}},
	{BudgetingAccounting, processInfo{"6.4", GroupServiceDelivery, "Budgeting and accounting for services", "BA"}},
	{CapacityManagement, processInfo{"6.5", GroupServiceDelivery, "Capacity management", "CAP"}},
	{InformationSecurityManagement, processInfo{"6.6", GroupServiceDelivery, "Information security management", "ISM"}},
	{BusinessRelationshipManagement, processInfo{"7.1", GroupRelationship, "Business relationship management", "BRM"}},
	{SupplierManagement, processInfo{"7.2", GroupRelationship, "Supplier management", "SUP"}},
	{IncidentRequestManagement, processInfo{"8.1", GroupResolution, "Incident and service request management", "ISR"}},
	{ProblemManagement, processInfo{"8.2", GroupResolution, "Problem management", "PRB"}},
	{ConfigurationManagement, processInfo{"9.1", GroupControl, "Configuration management", "CFG"}},
	{ChangeManagement, processInfo{"9.2", GroupControl, "Change management", "CHG"}},
	{ReleaseDeploymentManagement, processInfo{"9.3", GroupControl, "Release and deployment management", "RDM"}},
}

func (p Process) info() (processInfo, bool) {
	for _, e := range processes {
		if e.p == p {
			return e.processInfo, true
		}
	}
	return processInfo{}, false
}

// All returns the fourteen processes in clause order. The slice is a fresh
// copy on each call.
func All() []Process {
	all := make([]Process, len(processes))
	for i, e := range processes {
		all[i] = e.p
	}
	return all
}

// Valid reports whether p is one of the fourteen processes.
func (p Process) Valid() bool {
	_, ok := p.info()
	return ok
}

// Clause returns the clause of ISO/IEC 20000-1:2011 that sets the process's
// requirements ("5", "6.1", … "9.3"), or "" for an invalid Process.
func (p Process) Clause() string {
	i, _ := p.info()
	return i.clause
}

// Group returns the clause-level group of the process, or "" for an invalid
// Process.
func (p Process) Group() Group {
	i, _ := p.info()
	return i.group
}

// Code returns the process's short code (DT, SLM, SR, SCA, BA, CAP, ISM, BRM,
// SUP, ISR, PRB, CFG, CHG, RDM), as diagrams of the interface graph use it.
func (p Process) Code() string {
	i, _ := p.info()
	return i.code
}

// String returns the process's title as the standard names it, or
// "%!Process(code)" for an invalid value.
func (p Process) String() string {
	if i, ok := p.info(); ok {
		return i.title
	}
	return "%!Process(" + string(p) + ")"
}

// MarshalText encodes a valid process as its code, and the zero Process as
// nothing (unset, as every enumeration of the module); any other value is an
// error.
func (p Process) MarshalText() ([]byte, error) {
	if p != "" && !p.Valid() {
		return nil, fmt.Errorf("process: invalid process %q: %w", string(p), ErrInvalidValue)
	}
	return []byte(p), nil
}

// UnmarshalText decodes a process from anything [Parse] accepts, and ""
// as the zero Process (unset).
func (p *Process) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = ""
		return nil
	}
	q, err := Parse(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// Parse returns the process named by s: its code ("change"), its short code
// ("CHG"), its clause ("9.2") or its title ("Change management"), the last
// two ignoring case and surrounding space.
func Parse(s string) (Process, error) {
	t := strings.TrimSpace(s)
	for _, e := range processes {
		if string(e.p) == t || e.clause == t || strings.EqualFold(e.title, t) || strings.EqualFold(e.code, t) {
			return e.p, nil
		}
	}
	return "", fmt.Errorf("process: unknown process %q: %w", s, ErrInvalidValue)
}

// Valid reports whether g is one of the five process groups.
func (g Group) Valid() bool {
	switch g {
	case GroupDesignTransition, GroupServiceDelivery, GroupRelationship, GroupResolution, GroupControl:
		return true
	}
	return false
}

// String returns the group's title, or "%!Group(code)" for an invalid value.
func (g Group) String() string {
	switch g {
	case GroupDesignTransition:
		return "Design and transition of new or changed services"
	case GroupServiceDelivery:
		return "Service delivery processes"
	case GroupRelationship:
		return "Relationship processes"
	case GroupResolution:
		return "Resolution processes"
	case GroupControl:
		return "Control processes"
	}
	return "%!Group(" + string(g) + ")"
}

// MarshalText encodes the group by the module's rule for enumerations
// ([MarshalEnum]): its code, or nothing when unset.
func (g Group) MarshalText() ([]byte, error) { return MarshalEnum(g) }

// UnmarshalText decodes a known code or "" (unset) and refuses any other
// value ([UnmarshalEnum]).
func (g *Group) UnmarshalText(b []byte) error { return UnmarshalEnum(g, b) }
