package sms

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	pt "github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/require"
)

// withIncidents adds n closed incidents of the period to the sample, on
// its payments service (on no CI, so that they do not recur), so that the assessment reads a store of
// operational size.
func withIncidents(b *testing.B, n int) *sample {
	b.Helper()
	t := &testing.T{}
	s := newSample(t)
	require.False(b, t.Failed(), "the sample builds")
	svc := s.get("56-payments")
	for i := range n {
		at := period.Start.Add(time.Duration(i%(170*24)) * time.Hour)
		inc := process.NewIncident(fmt.Sprintf("ticket %d", i), pt.Desk, at)
		inc.Description = "user cannot pay"
		require.NoError(b, inc.SetService(pt.Desk, at, svc.Meta().ID))
		require.NoError(b, inc.Classify(pt.Desk, at, "application", process.LevelLow, process.LevelLow, 4))
		require.NoError(b, inc.Assign(pt.Desk, at, "application support", pt.IM.ID))
		require.NoError(b, inc.Start(pt.IM, at.Add(time.Minute)))
		require.NoError(b, inc.Resolve(pt.IM, at.Add(time.Hour), "restarted the payment worker"))
		require.NoError(b, inc.Close(pt.Desk, at.Add(2*time.Hour)))
		require.NoError(b, s.store.Put(inc))
	}
	return s
}

// BenchmarkAssess times the whole assessment of the sample provider
// with n incidents beside its floor: one pass that reads every record of
// the store once and validates it, which any assessment must do. Both
// are timed in the same run; the assessment's answer is checked before
// timing (every requirement met).
func BenchmarkAssess(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		if testing.Short() && n > 1_000 {
			continue
		}
		s := withIncidents(b, n)
		sys, opt := sampleSystem(), s.options()
		rep, err := Assess(sys, s.store, opt)
		require.NoError(b, err)
		require.Equal(b, 100.0, rep.Score, "%v", notMet(rep, ""))
		records := s.store.Len()
		b.Run(fmt.Sprintf("incidents=%d/library", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Assess(sys, s.store, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(records), "ns/record")
		})
		b.Run(fmt.Sprintf("incidents=%d/floor", n), func(b *testing.B) {
			b.ReportAllocs()
			view := process.ReadOnly(s.store)
			for b.Loop() {
				for _, k := range process.Kinds() {
					for r, err := range view.Records(k) {
						if err != nil || r.Validate() != nil && r.Meta().Kind == "" {
							b.Fatal(err)
						}
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(records), "ns/record")
		})
		runtime.GC()
	}
}
