package processtest

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
)

// Enum is what [EnumText] needs of an enumeration: the module's
// [process.Enum] with its String and text encoding.
type Enum interface {
	process.Enum
	String() string
	encoding.TextMarshaler
}

// EnumText checks that the enumeration E keeps the module's encoding rule
// (see [process.MarshalEnum]), failing t for each breach: every known value
// is Valid, is its own String, encodes as its code and decodes back; ""
// encodes and decodes as unset, alone and as a JSON field; a value E does
// not know is refused both ways with an error that wraps
// [process.ErrInvalidValue] and opens with the package and type of E
// ("sms: unknown PartyType …"), and a refused decoding leaves the
// destination unchanged. known must hold at least one value.
func EnumText[E Enum, P interface {
	*E
	encoding.TextUnmarshaler
}](t testing.TB, known ...E) {
	t.Helper()
	if len(known) == 0 {
		t.Fatal("EnumText: no known values")
	}
	for _, e := range known {
		if !e.Valid() {
			t.Errorf("%q is not Valid", string(e))
		}
		if e.String() != string(e) {
			t.Errorf("%q.String() = %q, want its code", string(e), e.String())
		}
		b, err := e.MarshalText()
		if err != nil || string(b) != string(e) {
			t.Errorf("%q.MarshalText() = %q, %v; want its code", string(e), b, err)
		}
		var got E
		if err := P(&got).UnmarshalText([]byte(e)); err != nil || got != e {
			t.Errorf("UnmarshalText(%q) = %q, %v; want the value back", string(e), string(got), err)
		}
	}

	var unset E
	if b, err := unset.MarshalText(); err != nil || len(b) != 0 {
		t.Errorf(`"".MarshalText() = %q, %v; want nothing (unset)`, b, err)
	}
	got := known[0]
	if err := P(&got).UnmarshalText(nil); err != nil || got != unset {
		t.Errorf(`UnmarshalText("") = %q, %v; want the zero value`, string(got), err)
	}
	type field struct {
		V E `json:"v"`
	}
	if b, err := json.Marshal(field{}); err != nil || string(b) != `{"v":""}` {
		t.Errorf(`json.Marshal of an unset field = %s, %v; want {"v":""}`, b, err)
	}
	back := field{V: known[0]}
	if err := json.Unmarshal([]byte(`{"v":""}`), &back); err != nil || back.V != unset {
		t.Errorf(`json.Unmarshal of {"v":""} = %q, %v; want the zero value`, string(back.V), err)
	}

	bad := E("no-such-value")
	if bad.Valid() {
		t.Fatalf("%q is Valid: EnumText needs a value the type does not know", string(bad))
	}
	pkg, typ, _ := strings.Cut(fmt.Sprintf("%T", bad), ".")
	want := pkg + ": unknown " + typ + ` "no-such-value"`
	check := func(what string, err error) {
		t.Helper()
		switch {
		case !errors.Is(err, process.ErrInvalidValue):
			t.Errorf("%s of an unknown value: err = %v, want one wrapping process.ErrInvalidValue", what, err)
		case !strings.HasPrefix(err.Error(), want):
			t.Errorf("%s of an unknown value: err = %q, want it to open %q", what, err, want)
		}
	}
	_, err := bad.MarshalText()
	check("MarshalText", err)
	got = known[0]
	check("UnmarshalText", P(&got).UnmarshalText([]byte(bad)))
	if got != known[0] {
		t.Errorf("a refused UnmarshalText changed the destination to %q", string(got))
	}
	back = field{V: known[0]}
	if err := json.Unmarshal([]byte(`{"v":"no-such-value"}`), &back); !errors.Is(err, process.ErrInvalidValue) || back.V != known[0] {
		t.Errorf("json.Unmarshal of an unknown value: err = %v, value %q; want ErrInvalidValue and the value unchanged", err, string(back.V))
	}
}
