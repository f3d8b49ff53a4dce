package itsm

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// BenchmarkReplay replays generated ServiceNow incident histories (the
// quirks of TestReplayGenerated) and reports the cost per audit row: the
// replay through the checked import, and the same with reading the rows
// from the tool's CSV first. ns/row is wall time; cpu-ns/row the CPU time
// of the benchmark's thread (processtest.ThreadCPU), steadier on a shared
// machine. With -short it replays 200 tickets, else 2,000.
func BenchmarkReplay(b *testing.B) {
	tickets := 2000
	if testing.Short() {
		tickets = 200
	}
	g := newGenerator(20250106)
	var hs []history
	var csv [][]byte
	rows := 0
	for n := range tickets {
		h := g.ticket(n)
		if h.truth.refused {
			continue
		}
		hs = append(hs, h)
		rows += len(h.rows)
		var buf bytes.Buffer
		if err := WriteRows(ServiceNow(), &buf, h.rows); err != nil {
			b.Fatal(err)
		}
		csv = append(csv, buf.Bytes())
	}
	o := &Options{Lookup: genLookup, ServiceOf: cmdbOf(g.cmdb)}
	b.Run("replay", func(b *testing.B) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		cpu := processtest.ThreadCPU()
		for b.Loop() {
			for _, h := range hs {
				if _, _, err := Replay(ServiceNow(), process.KindIncident, h.rows, o, migrator, imported); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64((processtest.ThreadCPU()-cpu).Nanoseconds())/float64(b.N)/float64(rows), "cpu-ns/row")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
	})
	b.Run("read+replay", func(b *testing.B) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		cpu := processtest.ThreadCPU()
		for b.Loop() {
			for _, c := range csv {
				rs, err := ReadRows(ServiceNow(), bytes.NewReader(c), nil)
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := Replay(ServiceNow(), process.KindIncident, rs, o, migrator, imported); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64((processtest.ThreadCPU()-cpu).Nanoseconds())/float64(b.N)/float64(rows), "cpu-ns/row")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
	})
}
