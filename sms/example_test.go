package sms_test

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/sms"
)

// note is a minimal record type standing in for a host's own records.
type note struct{ process.Header }

func (n *note) Validate() error { return nil }

func ExampleAssess() {
	store := process.NewMemStore()
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for _, k := range []process.RecordKind{process.KindIncident, process.KindServiceRequest, process.KindProblem} {
		_ = store.Put(&note{process.NewHeader(k, "evidence", process.Actor{Name: "auditor"}, at)})
	}
	rep, err := sms.Assess(sms.System{Name: "acme"}, store)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range rep.Findings {
		if f.Requirement.Process == process.IncidentRequest || f.Requirement.Process == process.Problem {
			fmt.Println(f.Requirement.ID, f.Status, f.Missing)
		}
	}
	// Output:
	// 8.1/a met []
	// 8.1/b not-met [major-incident-review]
	// 8.2/a met []
	// 8.2/b not-met [known-error]
}
