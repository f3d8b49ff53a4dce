package sms

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJSONRoundTrip(t *testing.T) {
	for _, r := range fixtures() {
		t.Run(string(r.Meta().Kind), func(t *testing.T) {
			b, err := json.Marshal(r)
			require.NoError(t, err)
			got, err := Decode(b)
			require.NoError(t, err)
			assert.IsType(t, r, got)
			b2, err := json.Marshal(got)
			require.NoError(t, err)
			assert.JSONEq(t, string(b), string(b2))
			require.NoError(t, got.Validate())
		})
	}
}

func TestDecodeRefusesAndFallsBack(t *testing.T) {
	tests := []struct {
		name string
		in   string
		err  error
	}{
		{"unknown finding type", `{"kind":"audit-finding","type":"minor"}`, process.ErrInvalidValue},
		{"unknown party type", `{"kind":"other-party","type":"friend"}`, process.ErrInvalidValue},
		{"unknown review input", `{"kind":"management-review","inputs":{"gossip":"x"}}`, process.ErrInvalidValue},
		{"unknown kind", `{"kind":"x-thing"}`, process.ErrUnknownKind},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.in))
			assert.ErrorIs(t, err, tt.err)
		})
	}
	_, err := Decode([]byte(`not json`))
	assert.Error(t, err)

	inc := process.NewIncident("mail down", clerk, t0)
	b, err := json.Marshal(inc)
	require.NoError(t, err)
	got, err := Decode(b)
	require.NoError(t, err)
	assert.IsType(t, &process.Incident{}, got)
}

// FuzzDecode checks that Decode never panics and that what it decodes
// encodes and decodes again to the same JSON.
func FuzzDecode(f *testing.F) {
	for _, r := range fixtures() {
		b, err := json.Marshal(r)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Decode(data)
		if err != nil {
			return
		}
		processtest.RoundTrip(t, Decode, r)
	})
}

// TestZeroRecordsEncode checks the encoding rule of the module on every
// record type of the package: the zero record, whose enumerations are all
// unset, encodes, and decodes back to the same JSON, both by json.Unmarshal
// into its type and, once it names its kind, by Decode. Validate, not the
// encoding, is what reports its missing fields.
func TestZeroRecordsEncode(t *testing.T) {
	for _, r := range fixtures() {
		typ := reflect.TypeOf(r).Elem()
		t.Run(typ.Name(), func(t *testing.T) {
			zero := reflect.New(typ).Interface().(process.Record)
			b, err := json.Marshal(zero)
			require.NoError(t, err)

			back := reflect.New(typ).Interface().(process.Record)
			require.NoError(t, json.Unmarshal(b, back))
			b2, err := json.Marshal(back)
			require.NoError(t, err)
			assert.JSONEq(t, string(b), string(b2))

			zero.Meta().Kind = r.Meta().Kind
			b, err = json.Marshal(zero)
			require.NoError(t, err)
			got, err := Decode(b)
			require.NoError(t, err)
			assert.IsType(t, r, got)
			b2, err = json.Marshal(got)
			require.NoError(t, err)
			assert.JSONEq(t, string(b), string(b2))

			err = got.Validate()
			assert.ErrorIs(t, err, process.ErrRequired)
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), "sms: "), "got %q", err)
		})
	}
}

// kindsWithoutRecords are the kinds of the module's catalogue that no record
// type holds on its own, and why; every other kind decodes through Decode.
var kindsWithoutRecords = map[process.RecordKind]string{
	process.KindServiceTarget:     "a target lives inside its SLA, OLA or contract",
	process.KindCostEntry:         "cost entries are budgeting values (CostEntry, Ledger), not records with a history",
	process.KindApportionmentRule: "apportionment rules are budgeting values (Rule), not records with a history",
	process.KindCostReport:        "cost reports are computed (budgeting.Report), not kept",
	process.KindCharge:            "charges are computed (budgeting.Charge), not kept",
}

// TestDecodeEveryKind decodes a record of every kind of the module through
// the one decoder: each comes back as the type of its package, with its
// kind, and the kinds without a record type are refused as unknown.
func TestDecodeEveryKind(t *testing.T) {
	pkgOf := func(r process.Record) string {
		name := fmt.Sprintf("%T", r) // "*sms.Policy"
		pkg, _, _ := strings.Cut(strings.TrimPrefix(name, "*"), ".")
		return pkg
	}
	seen := map[string]int{}
	for _, k := range process.Kinds() {
		t.Run(string(k), func(t *testing.T) {
			r, err := Decode([]byte(fmt.Sprintf(`{"kind":%q,"title":"t"}`, k)))
			if why, ok := kindsWithoutRecords[k]; ok {
				assert.ErrorIs(t, err, process.ErrUnknownKind, "kind without a record type (%s)", why)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, k, r.Meta().Kind)
			assert.Equal(t, "t", r.Meta().Title)
			assert.Equal(t, k.Package(), pkgOf(r), "kind %s decodes to %T", k, r)
			seen[pkgOf(r)]++
		})
	}
	for _, p := range []string{"process", "sms", "budgeting", "capacity"} {
		assert.Positive(t, seen[p], "no kind decoded to package %s", p)
	}
	_, err := Decode([]byte(`{"kind":"x-ticket"}`))
	assert.ErrorIs(t, err, process.ErrUnknownKind, "a host's custom kind is the host's to decode")
	_, err = Decode([]byte(`{"kind":"no-such-kind"}`))
	assert.Error(t, err)
	_, err = Decode([]byte(`{`))
	assert.Error(t, err)
}
