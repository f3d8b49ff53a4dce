package sms

import (
	"fmt"
	"strings"
	"time"

	"github.com/smskit/iso20000/process"
)

// Attestation is a statement that a requirement is met where no record
// can show it: who made it, when, the controlled document that backs it,
// and when it lapses (ISO/IEC 20000-1:2011, 4.3.3). An assessment counts
// it only for a requirement whose rules ask for one, when it was made by
// the period's end, has not expired by then, and its document is stored,
// issued (or under review) at the period's end and valid.
type Attestation struct {
	// Requirement is the ID of the requirement attested ("4.1.1/c").
	Requirement string `json:"requirement"`
	// By is who states it; At when.
	By process.Actor `json:"by"`
	At time.Time     `json:"at"`
	// Statement says what is attested, in the attester's words.
	Statement string `json:"statement"`
	// Document is the controlled document that backs it (a [Document]).
	Document process.ID `json:"document"`
	// Expires is when the statement lapses and must be made again.
	Expires time.Time `json:"expires"`
}

// Validate reports every field at fault: requirement, attester, time,
// statement, document and an expiry after the statement are required
// (ISO/IEC 20000-1:2011, 4.3.3).
func (t Attestation) Validate() error {
	v := process.ValidationError{Package: "sms", Subject: "attestation of " + orNone(t.Requirement)}
	v.RequireText("requirement", t.Requirement)
	v.Identity("by.id", t.By.ID)
	v.Require("at", !t.At.IsZero())
	v.RequireText("statement", t.Statement)
	v.Require("document", !t.Document.IsZero())
	switch {
	case t.Expires.IsZero():
		v.Add("expires", process.ErrRequired)
	case !t.Expires.After(t.At):
		v.Addf("expires", process.ErrInvalidValue, "not after the statement")
	}
	return v.Err()
}

// attested judges an attested rule of req from the options' attestations.
func (a *assessment) attested(req *Requirement, res *RuleResult) {
	var refused []string
	for _, t := range a.opt.Attestations {
		if t.Requirement != req.ID {
			continue
		}
		switch doc, ok := a.byID(t.Document); {
		case t.At.After(a.period.End):
			refused = append(refused, fmt.Sprintf("attested by %s on %s, after the period", t.By.ID, day(t.At)))
		case !t.Expires.After(a.period.End):
			refused = append(refused, fmt.Sprintf("attested by %s, expired on %s", t.By.ID, day(t.Expires)))
		case !ok || doc.rec.Meta().Kind != process.KindDocument:
			refused = append(refused, fmt.Sprintf("attested by %s, but document %s is not a stored document", t.By.ID, t.Document.Short()))
		case !doc.valid || (doc.state != string(DocIssued) && doc.state != string(DocUnderReview)):
			refused = append(refused, fmt.Sprintf("attested by %s, but document %s is %s, not issued", t.By.ID, t.Document.Short(), orNone(doc.state)))
		default:
			res.Counted++
			if len(res.Evidence) < a.maxEvidence {
				res.Evidence = append(res.Evidence, Item{ID: t.Document, Kind: process.KindDocument, Title: doc.rec.Meta().Title, Attested: true,
					Why: fmt.Sprintf("attested by %s on %s, until %s: %s", t.By.ID, day(t.At), day(t.Expires), t.Statement)})
			}
		}
	}
	if res.Counted > 0 {
		res.Status = Met
		return
	}
	res.Status = NotMet
	if len(refused) == 0 {
		res.Missing = []string{"no attestation: records cannot show this"}
		return
	}
	res.Missing = []string{"no valid attestation: " + strings.Join(refused, "; ")}
}
