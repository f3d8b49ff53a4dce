package sms

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/smskit/iso20000/process"
)

// FuzzRequirement reads a requirement from JSON, as a host loading its own
// rules would, and assesses it on a store of Clause 4 records: a
// requirement that validates is judged without panicking and with one of
// the outcomes, and one that does not is refused as a validation error.
// The seeds are the library's own requirements.
func FuzzRequirement(f *testing.F) {
	for _, q := range Requirements() {
		b, err := json.Marshal(q)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x/a","clause":"4.1","clauses2018":["5.1"],"summary":"s","evidence":[{"name":"n","kinds":["document"],"present":["a[].b[].[]","..",""],"fields":{"[]":"","x..y":"z"}}]}`))
	store := process.NewMemStore()
	for _, r := range fixtures() {
		if err := store.Put(r); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var q Requirement
		if json.Unmarshal(data, &q) != nil {
			return
		}
		rep, err := Assess(System{}, store, Options{Period: period, Requirements: []Requirement{q}})
		if err != nil {
			var ve *process.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("refused without a validation error: %v", err)
			}
			return
		}
		if len(rep.Findings) != 1 || !rep.Findings[0].Status.Valid() {
			t.Fatalf("findings %+v", rep.Findings)
		}
	})
}
