package processtest

import (
	"fmt"
	"reflect"
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
