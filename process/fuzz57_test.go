package process

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// moves57 returns every move and helper of the records of Clauses 5–7 that
// applies to r, each as a function that changes r or reads it.
func moves57(r Record, at time.Time) []func() error {
	by := every57
	rfc := NewID()
	switch x := r.(type) {
	case *ServicePlan:
		test := validServiceAcceptanceTest()
		report := validTransitionReport()
		return []func() error{
			func() error { return x.Plan(by, at, "") },
			func() error { return x.Design(by, at, "") },
			func() error { return x.Build(by, at, "") },
			func() error { return x.Test(by, at, nil, "") },
			func() error { return x.Test(by, at, test, "") },
			func() error { return x.Accept(by, at, test, "") },
			func() error { return x.Review(by, at, report, "") },
			func() error { return x.Reject(by, at, "") },
			func() error { return x.Withdraw(by, at, "") },
		}
	case *SLA:
		terms := x.AgreementTerms
		return []func() error{
			func() error { return x.Agree(by, at, "") },
			func() error { return x.Enforce(by, at, "") },
			func() error { return x.Review(by, at, "") },
			func() error { return x.Retire(by, at, "") },
			func() error { return x.Amend(by, at, terms, ID{}, "") },
			func() error { return x.Amend(by, at, terms, rfc, "") },
			func() error {
				_, err := MeasureTarget(x.ID, &x.AgreementTerms, "availability", at, at, decimal.NewFromInt(99), by, at)
				return err
			},
		}
	case *OLA:
		terms := x.AgreementTerms
		return []func() error{
			func() error { return x.Agree(by, at, "") },
			func() error { return x.Enforce(by, at, "") },
			func() error { return x.Review(by, at, "") },
			func() error { return x.Retire(by, at, "") },
			func() error { return x.Amend(by, at, terms, rfc, "") },
		}
	case *SecurityPolicy:
		return []func() error{
			func() error { return x.Approve(by, at, "") },
			func() error { return x.Communicate(by, at, []string{"staff"}, "") },
			func() error { return x.Supersede(by, at, "") },
		}
	case *Complaint:
		return []func() error{
			func() error { return x.Investigate(by, at, "") },
			func() error { return x.Act(by, at, "f", []string{"a"}) },
			func() error { return x.Report(by, at, []string{"c"}, "") },
			func() error { return x.Close(by, at, "r") },
			func() error { x.Overdue(at); return x.Escalate(by, at, "boss", "") },
		}
	case *ContractDispute:
		return []func() error{
			func() error { return x.Investigate(by, at, "") },
			func() error { return x.Act(by, at, "f", []string{"a"}) },
			func() error { return x.Close(by, at, "r") },
		}
	case *ServiceReport:
		return []func() error{func() error {
			return x.Decide(by, at, ReportDecision{Decision: "d", CommunicatedTo: []string{"c"}})
		}}
	case *ServiceCatalogue:
		return []func() error{func() error {
			for _, e := range x.Entries {
				x.Dependencies(e.Service)
				x.Entry(e.Service)
			}
			return nil
		}}
	case *ContinuityPlan:
		return []func() error{func() error {
			x.RetestNeeded(nil, []MajorServiceChange{{Change: rfc, Service: firstID57(x.Services), At: at}})
			return nil
		}}
	case *AvailabilityPlan:
		return []func() error{func() error {
			x.RetestNeeded(nil, []MajorServiceChange{{Change: rfc, Service: firstID57(x.Services), At: at}})
			return nil
		}}
	case *ServiceAcceptanceTest:
		return []func() error{func() error { x.Unmet([]ID{rfc}); return nil }}
	case *TransitionReport:
		return []func() error{func() error { x.Shortfalls(); return nil }}
	case *PlanTest:
		return []func() error{func() error { x.Passed(); return nil }}
	case *AvailabilityMeasurement:
		return []func() error{func() error { x.Met(); return nil }}
	case *ServiceReview:
		return []func() error{func() error { x.NextDue(); return nil }}
	case *SupplierReview:
		return []func() error{func() error { x.NextDue(); return nil }}
	}
	return nil
}

func firstID57(ids []ID) ID {
	if len(ids) == 0 {
		return ID{}
	}
	return ids[0]
}

// FuzzDecodeRecords57 decodes arbitrary JSON as a record of Clauses 5–7,
// validates it and tries every move on a fresh copy: nothing may panic, and
// a refused move leaves the record as it was.
func FuzzDecodeRecords57(f *testing.F) {
	for _, k := range kinds57() {
		data, err := json.Marshal(valid57[k]())
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"kind":"sla","status":"in-force","targets":[{"kind":"availability","value":"101"}]}`))
	f.Add([]byte(`{"kind":"complaint","status":"recorded","due":"2026-01-01T00:00:00Z"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Decode(data)
		if err != nil {
			return
		}
		_ = r.Validate()
		base, err := json.Marshal(r)
		if err != nil {
			return
		}
		at := time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)
		if h := r.Meta().History; len(h) > 0 && h[len(h)-1].At.After(at) {
			at = h[len(h)-1].At
		}
		n := len(moves57(r, at))
		for i := range n {
			fresh, err := Decode(base)
			if err != nil {
				t.Fatalf("re-decode: %v", err)
			}
			if err := moves57(fresh, at)[i](); err != nil {
				after, merr := json.Marshal(fresh)
				if merr != nil {
					t.Fatalf("marshal after refused move %d: %v", i, merr)
				}
				if !bytes.Equal(base, after) {
					t.Fatalf("move %d refused (%v) but changed the record:\n%s\n%s", i, err, base, after)
				}
				continue
			}
			_ = fresh.Validate()
			if _, err := json.Marshal(fresh); err != nil {
				t.Fatalf("marshal after move %d: %v", i, err)
			}
		}
	})
}
