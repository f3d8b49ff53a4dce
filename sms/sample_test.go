package sms

import (
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/require"
)

// period is the assessment period of the sample provider: the first half
// of 2026. Its records are dated around processtest.T0 (2 March 2026).
var period = process.Window{
	Start: time.Date(2026, 1, 1, 0, 0, 0, 0, processtest.Zone),
	End:   time.Date(2026, 7, 1, 0, 0, 0, 0, processtest.Zone),
}

// sample is a complete sample provider, built in parts in clause order:
// clause4 (sample4_test.go), clause56 (sample56_test.go), clause79
// (sample79_test.go). A part reads the records of earlier parts by name
// with get; every record is stored with put, through MemStore.Put and so
// through every check of the store.
type sample struct {
	t     *testing.T
	store *process.MemStore
	r     map[string]process.Record
	// attestations made by the parts, for the requirements records cannot
	// show.
	attestations []Attestation
	// skip names records a variant of the sample leaves out (put stores
	// nothing under them), and tweak changes a record before its part
	// approves or stores it: the planted gaps.
	skip  map[string]bool
	tweak map[string]func(process.Record)
}

// newSample builds the complete sample provider.
func newSample(t *testing.T) *sample { return newVariant(t, nil) }

// newVariant builds the sample provider with a planted gap: plant sets
// skip and tweak before the parts run.
func newVariant(t *testing.T, plant func(*sample)) *sample {
	t.Helper()
	s := &sample{t: t, store: process.NewMemStore(), r: map[string]process.Record{},
		skip: map[string]bool{}, tweak: map[string]func(process.Record){}}
	if plant != nil {
		plant(s)
	}
	s.clause4()
	s.clause56()
	s.clause79()
	s.clause4Late()
	return s
}

// put stores r under name, failing the test when the store refuses it.
func (s *sample) put(name string, r process.Record) {
	s.t.Helper()
	if s.skip[name] {
		return
	}
	require.NoError(s.t, s.store.Put(r), name)
	s.r[name] = r
}

// adjust applies the variant's tweak of the record name, if any.
func (s *sample) adjust(name string, r process.Record) {
	if f := s.tweak[name]; f != nil {
		f(r)
	}
}

// get returns the record stored under name by an earlier put.
func (s *sample) get(name string) process.Record {
	s.t.Helper()
	r, ok := s.r[name]
	require.True(s.t, ok, "no sample record %q", name)
	return r
}

// id returns the ID of the record stored under name.
func (s *sample) id(name string) process.ID { return s.get(name).Meta().ID }

// options are the assessment options of the sample.
func (s *sample) options() Options { return Options{Period: period, Attestations: s.attestations} }
