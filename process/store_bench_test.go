package process

import (
	"testing"
)

// benchIncident returns a store holding a service and an incident on it
// with a history of about twenty entries, the shape of a ticket a desk
// works on.
func benchIncident(b *testing.B) (*MemStore, *Incident) {
	s := NewMemStore()
	svc := NewService("E-mail", "olga", owner, t0)
	svc.Description, svc.Criticality, svc.Customers = "mail for all staff", CriticalityHigh, []ID{NewID()}
	if err := s.Put(svc); err != nil {
		b.Fatal(err)
	}
	c := &clock{}
	i := NewIncident("mail down", desk, c.next())
	i.Description = "users cannot send mail"
	if err := i.Classify(desk, c.next(), "email", LevelHigh, LevelMedium, 2); err != nil {
		b.Fatal(err)
	}
	if err := i.SetService(desk, c.next(), svc.ID); err != nil {
		b.Fatal(err)
	}
	for range 15 {
		if err := i.Note(desk, c.next(), "customer called again"); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Put(i); err != nil {
		b.Fatal(err)
	}
	return s, i
}

// BenchmarkMemStorePut times a replacement of a stored incident: Check
// (validation, history replay, links, history extension) and the copy the
// store keeps.
func BenchmarkMemStorePut(b *testing.B) {
	s, i := benchIncident(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Put(i); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck times Check alone on the same incident, the gate a
// host's store runs before it writes.
func BenchmarkCheck(b *testing.B) {
	s, i := benchIncident(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Check(ReadOnly(s), i); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMemStoreGet times a Get, which returns a deep copy, beside a
// read through ReadOnly, which does not copy.
func BenchmarkMemStoreGet(b *testing.B) {
	s, i := benchIncident(b)
	b.Run("copy", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Get(i.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("read-only", func(b *testing.B) {
		r := ReadOnly(s)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.Get(i.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}
