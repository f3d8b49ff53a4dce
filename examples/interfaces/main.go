// Command interfaces prints table A.13 (change management) of the process
// interfaces of ISO/IEC 20000-2:2012, Annex A, as the library encodes them,
// and writes the whole interface graph as Graphviz DOT and Mermaid.
//
// Usage:
//
//	interfaces [-table A.13] [-dot graph.dot] [-mermaid graph.mmd]
//
// With -dot or -mermaid set to "-" (the default) the diagram goes to
// standard output after the table; an empty value skips it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/smskit/iso20000/interfaces"
)

func main() {
	table := flag.String("table", "A.13", "the table of Annex A to print")
	dot := flag.String("dot", "-", `file to write the whole graph to as Graphviz DOT ("-" for standard output, "" to skip)`)
	mermaid := flag.String("mermaid", "-", `file to write the whole graph to as Mermaid ("-" for standard output, "" to skip)`)
	flag.Parse()
	if err := run(os.Stdout, *table, *dot, *mermaid); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(stdout io.Writer, table, dot, mermaid string) error {
	g := interfaces.Standard()
	t, err := g.Table(table)
	if err != nil {
		return err
	}
	printTable(stdout, t)
	v := g.View()
	if err := write(stdout, dot, v.WriteDOT); err != nil {
		return err
	}
	return write(stdout, mermaid, v.WriteMermaid)
}

func printTable(w io.Writer, t interfaces.Table) {
	fmt.Fprintf(w, "Table %s: %s (%s)\n", t.Name, t.Process.Title, t.Process.Clause)
	section := func(title string, es []interfaces.Edge) {
		fmt.Fprintf(w, "\n%s\n", title)
		for _, e := range es {
			kinds := make([]string, len(e.Kinds))
			for i, k := range e.Kinds {
				kinds[i] = string(k)
			}
			basis := string(e.Basis)
			if len(e.Clauses) > 0 {
				basis += " " + strings.Join(e.Clauses, ", ")
			}
			fmt.Fprintf(w, "  %-4s %s → %s, %s %s: %s [%s]\n", e.Ref, e.From, e.To, e.Mode, strings.Join(kinds, ", "), e.Carries, basis)
		}
	}
	section("Interfaces out", t.Out)
	section("Interfaces in", t.In)
	section("Integration with the SMS, specific to the process", t.SMS)
	fmt.Fprintf(w, "\nIntegration with the SMS, as every process has it\n")
	for _, in := range t.Generic {
		fmt.Fprintf(w, "  %-17s %-12s %s (%s)\n", in.Element, in.Direction, in.Carries, in.Clause)
	}
}

// write sends a diagram to the named file, to out for "-", or nowhere for "".
func write(out io.Writer, name string, fn func(io.Writer) error) error {
	switch name {
	case "":
		return nil
	case "-":
		fmt.Fprintln(out)
		return fn(out)
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
