package itsm

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/smskit/iso20000/process"
)

// fuzzTools are the tools the fuzz targets read rows for, by the first
// byte of the input.
var fuzzTools = []*Tool{ServiceNow(), GLPI(), ITop()}

// seeds adds the fixtures and a generated history to f's corpus.
func seeds(f *testing.F) {
	for _, name := range []string{"servicenow-incident-sys_audit.json", "glpi-ticket-logs.csv", "itop-incident-changeops.csv"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		tool := byte(0)
		switch name[0] {
		case 'g':
			tool = 1
		case 'i':
			tool = 2
		}
		f.Add(append([]byte{tool}, b...))
	}
	var buf bytes.Buffer
	if err := WriteRows(ServiceNow(), &buf, newGenerator(1).ticket(3).rows); err != nil {
		f.Fatal(err)
	}
	f.Add(append([]byte{0}, buf.Bytes()...))
}

// FuzzReadRows reads anything as rows of a tool: never a panic, an error
// wrapping ErrMalformed or rows that write and read back the same.
func FuzzReadRows(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		tool := fuzzTools[int(data[0])%len(fuzzTools)]
		rows, err := ReadRows(tool, bytes.NewReader(data[1:]), nil)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := WriteRows(tool, &buf, rows); err != nil {
			t.Fatalf("rows read do not write: %v", err)
		}
		again, err := ReadRows(tool, &buf, nil)
		if err != nil {
			t.Fatalf("rows written do not read: %v", err)
		}
		if len(again) != len(rows) {
			t.Fatalf("%d rows written, %d read back", len(rows), len(again))
		}
		for i := range rows {
			a, b := rows[i], again[i]
			if a.Ticket != b.Ticket || a.Field != b.Field || a.Old != b.Old || a.New != b.New || a.User != b.User {
				t.Fatalf("row %d: wrote %+v, read %+v", i, a, b)
			}
		}
	})
}

// FuzzReplay replays anything read as rows: never a panic, every row
// placed or reported, and a record returned without error valid.
func FuzzReplay(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		tool := fuzzTools[int(data[0])%len(fuzzTools)]
		rows, err := ReadRows(tool, bytes.NewReader(data[1:]), nil)
		if err != nil || len(rows) > 500 {
			return
		}
		for _, kind := range []process.RecordKind{process.KindIncident, process.KindProblem, process.KindRequestForChange, process.KindConfigurationItem} {
			rec, rep, err := Replay(tool, kind, rows, &Options{Lookup: hostLookup}, migrator, imported)
			if rep != nil && rep.Placed+len(rep.Unplaced) != rep.Rows {
				t.Fatalf("%s: %d rows, %d placed, %d reported", kind, rep.Rows, rep.Placed, len(rep.Unplaced))
			}
			if err == nil {
				if verr := rec.Validate(); verr != nil {
					t.Fatalf("%s: imported, yet invalid: %v", kind, verr)
				}
				if _, _, err := Export(tool, rec, nil); err != nil && !isUnmapped(err) {
					t.Fatalf("%s: export: %v", kind, err)
				}
			}
		}
	})
}

// isUnmapped reports whether err is a refusal of a value the tool has no
// code for.
func isUnmapped(err error) bool {
	var ve *process.ValidationError
	return errors.As(err, &ve) && errors.Is(err, ErrUnmapped)
}
