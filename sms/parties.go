package sms

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
)

// Governance is how the provider governs a process another party
// operates: who stays accountable, how the provider controls the process's
// definition and its interfaces, the performance and conformity measures
// it sets, and how it controls the planning of improvements (ISO/IEC
// 20000-1:2011, 4.2).
type Governance struct {
	Accountable  string   `json:"accountable"`
	Definition   string   `json:"definition"`
	Interfaces   string   `json:"interfaces"`
	Measures     []string `json:"measures"`
	Improvements string   `json:"improvements"`
}

// OtherParty is a party that operates all or part of some processes for
// the provider, with the governance the provider keeps over them (ISO/IEC
// 20000-1:2011, 4.2). Clause 4 itself is never handed over, so Processes
// names processes of Clauses 5 to 9 only.
type OtherParty struct {
	process.Header
	Type       process.PartyType `json:"type"`
	Processes  []process.Process `json:"processes"`
	Governance Governance        `json:"governance"`
	// Supplier is the supplier record, when the party is a supplier (7.2).
	Supplier process.ID `json:"supplier,omitzero"`
}

// NewOtherParty records another party operating processes (ISO/IEC
// 20000-1:2011, 4.2).
func NewOtherParty(name string, t process.PartyType, processes []process.Process, g Governance, by process.Actor, at time.Time) *OtherParty {
	return &OtherParty{Header: process.NewHeader(process.KindOtherParty, name, by, at), Type: t, Processes: processes, Governance: g}
}

// Validate reports every field at fault: a known type, at least one known
// process, and every governance item (ISO/IEC 20000-1:2011, 4.2).
func (p *OtherParty) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: p.Subject()}
	process.ValidateHeader(&p.Header, process.KindOtherParty, &v)
	process.CheckEnum(&v, "type", p.Type)
	v.Require("processes", len(p.Processes) > 0)
	for i, pr := range p.Processes {
		if !pr.Valid() {
			v.Addf(fmt.Sprintf("processes[%d]", i), process.ErrInvalidValue, "unknown process %q", string(pr))
		}
	}
	v.RequireText("governance.accountable", p.Governance.Accountable)
	v.RequireText("governance.definition", p.Governance.Definition)
	v.RequireText("governance.interfaces", p.Governance.Interfaces)
	v.CheckTexts("governance.measures", p.Governance.Measures, true)
	v.RequireText("governance.improvements", p.Governance.Improvements)
	return v.Err()
}
