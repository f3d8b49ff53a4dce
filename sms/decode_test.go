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

// TestDecodeUnknownKind checks that a kind the module does not know, a
// host's custom kind among them, is refused by this package: the error
// opens "sms: " and wraps process.ErrUnknownKind, and names the kind. A kind
// of package process that has no record type is still process.Decode's to
// refuse.
func TestDecodeUnknownKind(t *testing.T) {
	for _, tt := range []struct{ name, in, kind string }{
		{"custom", `{"kind":"x-ticket","title":"t"}`, "x-ticket"},
		{"custom prefix only", `{"kind":"x-"}`, "x-"},
		{"unknown", `{"kind":"no-such-kind"}`, "no-such-kind"},
		{"empty", `{"kind":""}`, ""},
		{"missing", `{"title":"t"}`, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Decode([]byte(tt.in))
			assert.Nil(t, r)
			require.ErrorIs(t, err, process.ErrUnknownKind)
			assert.True(t, strings.HasPrefix(err.Error(), "sms: "), "got %q", err)
			assert.NotContains(t, err.Error(), "process: ", "got %q", err)
			assert.Contains(t, err.Error(), fmt.Sprintf("%q", tt.kind))
		})
	}
	_, err := Decode([]byte(`{"kind":"x-ticket"}`))
	assert.Contains(t, err.Error(), "custom", "a custom kind is named as the host's")

	_, err = Decode([]byte(`{"kind":"service-target"}`))
	require.ErrorIs(t, err, process.ErrUnknownKind, "a process kind without a record type")
	assert.True(t, strings.HasPrefix(err.Error(), "process: "), "process kinds go to process.Decode: got %q", err)
	_, err = Decode([]byte(`{"kind":"cost-entry"}`))
	require.ErrorIs(t, err, process.ErrUnknownKind, "a budgeting kind without a record type")
	assert.True(t, strings.HasPrefix(err.Error(), "budgeting: "), "budgeting kinds go to budgeting.Decode: got %q", err)

	_, err = Decode([]byte(`{"kind":5}`))
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "sms: "), "got %q", err)
}

// TestPlanResourcesJSON pins the encoding of the plan's resources, a
// process.Resources: the same four fields, under the same names.
func TestPlanResourcesJSON(t *testing.T) {
	b, err := json.Marshal(validPlan())
	require.NoError(t, err)
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &m))
	assert.JSONEq(t, `{"human":"12 staff","technical":"two sites","information":"CMDB","financial":"budget 2026"}`, string(m["resources"]))

	var p Plan
	require.NoError(t, json.Unmarshal([]byte(`{"kind":"service-management-plan","resources":{"human":"h","technical":"t","information":"i","financial":"f"}}`), &p))
	assert.Equal(t, process.Resources{Human: "h", Technical: "t", Information: "i", Financial: "f"}, p.Resources)
}
