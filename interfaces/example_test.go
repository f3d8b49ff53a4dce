package interfaces_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/smskit/iso20000/interfaces"
	"github.com/smskit/iso20000/process"
)

func ExampleGraph_Table() {
	t, err := interfaces.Standard().Table("A.13")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s %s: %d out, %d in, %d SMS\n", t.Name, t.Process.Title, len(t.Out), len(t.In), len(t.SMS))
	for _, e := range t.Out[:3] {
		fmt.Printf("  %s → %s (%s): %v\n", e.Ref, e.To, e.Basis, e.Kinds)
	}
	// Output:
	// A.13 Change management: 8 out, 12 in, 2 SMS
	//   1 → design-transition (required): [change-policy request-for-change]
	//   32 → continuity-availability (required): [request-for-change]
	//   41 → capacity (required): [request-for-change]
}

func ExampleGraph_ShortestPath() {
	g := interfaces.Standard()
	// How does a complaint reach release planning?
	p, ok := g.ShortestPath(interfaces.ProcessNode(process.BusinessRelationshipManagement), interfaces.ProcessNode(process.ReleaseDeploymentManagement))
	fmt.Println(ok, p)
	// Output:
	// true business-relationship -[14]-> design-transition -[4]-> release-deployment
}

func ExampleCheck() {
	g := interfaces.Standard()
	decl := interfaces.Declaration{
		Runs: []process.Process{process.IncidentRequestManagement, process.ProblemManagement},
		Flows: []interfaces.Flow{
			{From: interfaces.ProcessNode(process.IncidentRequestManagement), To: interfaces.ProcessNode(process.ProblemManagement)},
		},
	}
	r := interfaces.Check(g, decl)
	for _, f := range r.Findings {
		if f.Kind == interfaces.FindingGap {
			fmt.Println(f.Kind, f.Edge, f.Tables, f.Clauses)
		}
	}
	fmt.Printf("%d of %d required interfaces in place\n", r.InPlace, r.Required)
	// Output:
	// gap 55 [A.10 A.11] [8.1 8.2]
	// gap S4 [A.10] [8.1]
	// gap S5 [A.11] [8.2]
	// 1 of 12 required interfaces in place
}

func ExampleView_WriteMermaid() {
	g := interfaces.Standard()
	v, err := g.Subgraph(interfaces.ProcessNode(process.ProblemManagement), interfaces.ProcessNode(process.ChangeManagement))
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := v.WriteMermaid(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ---
	// title: "Interfaces between PRB, CHG"
	// ---
	// flowchart LR
	//   subgraph g_resolution["Resolution processes"]
	//     problem["PRB<br/>Problem management (8.2)"]:::resolution
	//   end
	//   subgraph g_control["Control processes"]
	//     change["CHG<br/>Change management (9.2)"]:::control
	//   end
	//   problem -->|"61 raises"| change
	//   change -.->|"62"| problem
	//   classDef design_transition fill:#fde2c8,stroke:#555555
	//   classDef service_delivery fill:#d6e9f8,stroke:#555555
	//   classDef relationship fill:#e2f0d9,stroke:#555555
	//   classDef resolution fill:#f8d7da,stroke:#555555
	//   classDef control fill:#e8dcf2,stroke:#555555
	//   classDef sms fill:#eeeeee,stroke:#555555
	//   classDef custom fill:#ffffff,stroke:#555555
}

// ticket is a host's own record type: any struct embedding process.Header
// can be audited.
type ticket struct {
	process.Header
}

func (t *ticket) Validate() error {
	v := process.ValidationError{Subject: t.Subject()}
	process.ValidateHeader(&t.Header, t.Kind, &v)
	return v.Err()
}

func ExampleAudit() {
	store := process.NewMemStore()
	by := process.Actor{ID: "ann"}
	jan := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

	// A problem whose fix needs a change, with no request for change.
	p := &ticket{process.NewHeader(process.KindProblem, "payments time out", by, jan)}
	p.Status = "awaiting-change"
	if err := store.Put(p); err != nil {
		fmt.Println(err)
		return
	}

	q1 := process.Window{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}
	r, err := interfaces.Audit(interfaces.Standard(), store, q1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range r.Findings {
		fmt.Println(f.Rule, "edge", f.Edge, f.Tables, f.Clause, f.Clauses2018)
	}
	// Output:
	// problem-rfc edge 61 [A.11 A.13] 8.2 [8.6.3]
}

// A host adds its own rule beside the library's and sets its policy: here,
// problems must name a root cause once resolved, and releases are watched
// for 30 days after deployment.
func ExampleAuditor() {
	store := process.NewMemStore()
	by := process.Actor{ID: "ann"}
	jan := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	p := &ticket{process.NewHeader(process.KindProblem, "payments time out", by, jan)}
	p.Status = "resolved"
	if err := store.Put(p); err != nil {
		fmt.Println(err)
		return
	}

	rootCause := interfaces.Rule{
		Name: "x-root-cause", From: interfaces.ProcessNode(process.ProblemManagement), To: interfaces.Improvement,
		Kind: process.KindProblem, Clause: "8.2",
		Description: "a problem resolved with no root cause recorded",
		Check: func(c *interfaces.Context, r process.Record) []interfaces.Violation {
			if r.Meta().Status == "resolved" && !strings.Contains(r.Meta().Title, "because") {
				return []interfaces.Violation{{Message: "resolved with no root cause"}}
			}
			return nil
		},
	}
	a := &interfaces.Auditor{
		Rules:  append(interfaces.Rules(), rootCause),
		Policy: interfaces.Policy{PostDeployment: 30 * 24 * time.Hour},
	}
	q1 := process.Window{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}
	r, err := a.Audit(store, q1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range r.Findings {
		fmt.Println(f.Rule, "edge", f.Edge, f.Clause)
	}
	// Output:
	// x-root-cause edge S5 8.2
}

// Coverage says, edge by edge, which rules check an interface on live
// records, or why records cannot show its flow.
func ExampleCoverage() {
	for _, c := range interfaces.Coverage(interfaces.Standard(), nil) {
		if c.Edge == "67" || c.Edge == "37" {
			fmt.Println(c.Edge, c.Basis, c.Rules, c.Missing, c.Reason != "")
		}
	}
	// Output:
	// 37 required [] [] true
	// 67 required [change-ci-updated] [configuration-item] false
}
