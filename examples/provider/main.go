// Command provider runs a realistic service provider for a quarter and
// writes what its service management system reports: the first program to
// run to see the whole library at work.
//
// The provider, Northwind Managed Services, runs four services for two
// customers, one in Berlin and one in New York, under SLAs whose service
// hours are in each customer's time zone with its public holidays (Easter
// and Whitsun included). It keeps a CMDB of a few hundred configuration
// items, buys hosting from a supplier that sub-contracts its network, and
// runs an SMS with a scope, policy, objectives and plan. A quarter of
// operations is then generated from a seed: incidents at rates that follow
// the working day, service requests, problems and known errors, changes on
// a weekly schedule, releases deployed from baselines, a major incident,
// a continuity test, costs and utilisation. Every record goes in through
// the store's checks (process.MemStore.Put), as a host's would.
//
// It prints a summary (targets met, availability, the interface audit's
// findings, the conformity score) and writes into the folder -out: the
// service reports of each customer and month (Markdown with charts, and
// JSON), the capacity plan, the cost report, the conformity report in
// both editions' numbering, the interface graph and the CMDB as DOT and
// Mermaid. The same seed gives the same files, byte for byte.
//
//	go run ./examples/provider            # writes provider-out/
//	go run ./examples/provider -seed 7 -out /tmp/q2
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	seed := flag.Uint64("seed", 1, "seed of the generated quarter: the same seed gives the same records and files")
	out := flag.String("out", "provider-out", "folder to write the reports, plans and graphs into")
	flag.Parse()
	if err := run(os.Stdout, *seed, *out); err != nil {
		fmt.Fprintln(os.Stderr, "provider:", err)
		os.Exit(1)
	}
}

// run builds the provider from seed, writes its outputs into dir and
// prints the summary on w.
func run(w io.Writer, seed uint64, dir string) error {
	p, err := build(seed)
	if err != nil {
		return err
	}
	sum, err := p.write(dir)
	if err != nil {
		return err
	}
	return sum.print(w, dir)
}
