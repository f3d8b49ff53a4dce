package processtest

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/process"
)

// CheckDecimals fails t for each decimal reachable from v through exported
// fields, pointers, slices, arrays, maps and interfaces that is past the
// limits on untrusted numbers (process.MaxDigits, process.MaxExponent),
// naming its Go path. Fuzz targets of decoders call it on what they
// accept.
func CheckDecimals(t testing.TB, v any) {
	t.Helper()
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		if !v.IsValid() {
			return
		}
		if v.Type() == reflect.TypeFor[decimal.Decimal]() {
			if err := process.CheckDecimal(v.Interface().(decimal.Decimal)); err != nil {
				t.Errorf("%s: accepted past the limits: %v", path, err)
			}
			return
		}
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem(), path)
		case reflect.Interface:
			walk(v.Elem(), path)
		case reflect.Struct:
			for i := range v.NumField() {
				if f := v.Type().Field(i); f.IsExported() {
					walk(v.Field(i), path+"."+f.Name)
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.Map:
			n := 0 // keys are not printed: a decimal key may be past the limits
			for it := v.MapRange(); it.Next(); n++ {
				walk(it.Key(), fmt.Sprintf("%s[key %d]", path, n))
				walk(it.Value(), fmt.Sprintf("%s[value %d]", path, n))
			}
		}
	}
	walk(reflect.ValueOf(v), fmt.Sprintf("%T", v))
}

// DecimalSeeds adds to the decimal fuzz target f, for each JSON template
// (in which each "@" stands for the text of a decimal), the literals every
// such target starts from: normal as a number and as a string, an
// exponent and a digit count past the limits, a tiny negative, and null.
func DecimalSeeds(f *testing.F, normal string, templates ...string) {
	for _, tmpl := range templates {
		for _, lit := range []string{normal, strconv.Quote(normal), "1e2147483647", "-1e-41", strings.Repeat("9", 41), "null"} {
			f.Add(tmpl, lit)
		}
	}
}

// DecodeDecimals is the body of a decimal fuzz target: it decodes tmpl with
// each "@" replaced by lit, and fails t if a refusal for the size of a
// number does not satisfy named (the error names who decoded it), or if
// what decode accepts holds a decimal past the limits. It returns the JSON
// it decoded.
func DecodeDecimals(t *testing.T, decode func([]byte) (process.Record, error), named func(msg string) bool, tmpl, lit string) []byte {
	t.Helper()
	data := []byte(strings.ReplaceAll(tmpl, "@", lit))
	r, err := decode(data)
	if err != nil {
		if errors.Is(err, process.ErrTooLarge) && !named(err.Error()) {
			t.Fatalf("a number refused without naming who decoded it: %v", err)
		}
		return data
	}
	CheckDecimals(t, r)
	_ = r.Validate() // within the limits, quick
	return data
}
