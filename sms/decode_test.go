package sms

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
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
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("decoded %s does not encode: %v", r.Meta().Kind, err)
		}
		r2, err := Decode(b)
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		b2, err := json.Marshal(r2)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != string(b2) {
			t.Fatalf("got %s, want %s", b2, b)
		}
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
