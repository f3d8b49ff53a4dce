package sms

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/smskit/iso20000/process"
)

// The rules name a record's fields as its JSON does. They are read here by
// walking the record's value with reflection, by the JSON names of its
// fields, without encoding it; a record type with its own MarshalJSON (a
// host's, say) is read from its JSON instead, so the names are always the
// ones its JSON shows.

// values returns every value at a dotted JSON path of the record; a
// segment "[]" stands for each element of a list ("sections[].topic" is
// the topic of each section), and a map is read by its keys
// ("inputs.performance").
func (s *seen) values(path string) []reflect.Value {
	if !s.root.IsValid() {
		s.root = reflect.ValueOf(s.rec)
		if _, custom := s.rec.(json.Marshaler); custom {
			var m any
			if b, err := json.Marshal(s.rec); err == nil && json.Unmarshal(b, &m) == nil {
				s.root = reflect.ValueOf(m)
			} else {
				s.root = reflect.ValueOf(map[string]any{}) // unreadable: no fields
			}
		}
	}
	cur := []reflect.Value{s.root}
	for part := range strings.SplitSeq(strings.ReplaceAll(path, "[]", ".[]"), ".") {
		if part == "" {
			continue
		}
		var next []reflect.Value
		for _, v := range cur {
			v = deref(v)
			if !v.IsValid() {
				continue
			}
			switch {
			case part == "[]":
				if v.Kind() == reflect.Slice || v.Kind() == reflect.Array {
					for i := range v.Len() {
						next = append(next, v.Index(i))
					}
				}
			case v.Kind() == reflect.Map && v.Type().Key().Kind() == reflect.String:
				if x := v.MapIndex(reflect.ValueOf(part).Convert(v.Type().Key())); x.IsValid() {
					next = append(next, x)
				}
			case v.Kind() == reflect.Struct && !leaf(v):
				if idx, ok := jsonFields(v.Type())[part]; ok {
					if x, err := v.FieldByIndexErr(idx); err == nil {
						next = append(next, x)
					}
				}
			}
		}
		cur = next
	}
	return cur
}

// deref follows pointers and interfaces; the zero Value for nil.
func deref(v reflect.Value) reflect.Value {
	if v.IsValid() && !v.CanInterface() {
		return reflect.Value{}
	}
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

var (
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	timeType      = reflect.TypeFor[time.Time]()
)

// leaf reports whether a value is read whole: a time, or a value that
// encodes itself (an ID, an enumeration, a decimal, money).
func leaf(v reflect.Value) bool {
	t := v.Type()
	if l, ok := leaves.Load(t); ok {
		return l.(bool)
	}
	l := t == timeType || t.Implements(textMarshaler) || t.Implements(jsonMarshaler) ||
		reflect.PointerTo(t).Implements(textMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler)
	leaves.Store(t, l)
	return l
}

// leaves caches leaf per type.
var leaves sync.Map // reflect.Type → bool

// fieldIndex caches, per struct type, its fields by JSON name.
var fieldIndex sync.Map // reflect.Type → map[string][]int

// jsonFields returns the fields of struct type t by the names encoding/json
// gives them: the tag's name or the Go name, with the fields of embedded
// structs promoted, and "-" left out.
func jsonFields(t reflect.Type) map[string][]int {
	if m, ok := fieldIndex.Load(t); ok {
		return m.(map[string][]int)
	}
	m := map[string][]int{}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && deref(reflect.New(f.Type).Elem()).Kind() == reflect.Struct {
			continue // its fields are promoted
		}
		if name == "" {
			name = f.Name
		}
		if _, taken := m[name]; !taken || len(f.Index) < len(m[name]) {
			m[name] = f.Index
		}
	}
	fieldIndex.Store(t, m)
	return m
}

// text returns a value as the text Rule.Fields compares with: a string as
// is, a bool as true or false, a number in decimal, a time in RFC 3339, a
// value that encodes itself as its text.
func text(v reflect.Value) string {
	v = deref(v)
	if !v.IsValid() {
		return ""
	}
	if v.Type() == timeType {
		return v.Interface().(time.Time).Format(time.RFC3339Nano)
	}
	if m, ok := v.Interface().(encoding.TextMarshaler); ok {
		b, err := m.MarshalText()
		if err != nil {
			return ""
		}
		return string(b)
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	}
	if m, ok := v.Interface().(json.Marshaler); ok {
		b, err := m.MarshalJSON()
		if err != nil {
			return ""
		}
		return strings.Trim(string(b), `"`)
	}
	return ""
}

// present reports whether a value holds something: not nil, empty, false,
// zero or the zero time.
func present(v reflect.Value) bool {
	v = deref(v)
	switch {
	case !v.IsValid():
		return false
	case v.Kind() == reflect.Slice || v.Kind() == reflect.Map || v.Kind() == reflect.String:
		return v.Len() > 0 && v.String() != "0001-01-01T00:00:00Z"
	}
	return !v.IsZero()
}

// field returns the first value at a JSON path of the record (see
// values), and whether any value there holds something.
func (s *seen) field(path string) (reflect.Value, bool) {
	vs := s.values(path)
	if len(vs) == 0 {
		return reflect.Value{}, false
	}
	for _, v := range vs {
		if present(v) {
			return vs[0], true
		}
	}
	return vs[0], false
}

// holdsValue reports whether some value at the JSON path reads as want;
// no value at all reads as "".
func (s *seen) holdsValue(path, want string) bool {
	vs := s.values(path)
	if len(vs) == 0 {
		return want == ""
	}
	for _, v := range vs {
		if text(v) == want {
			return true
		}
	}
	return false
}

// ids returns the record IDs a value names: one ID, a list of them, or
// their text.
func ids(v reflect.Value) []process.ID {
	v = deref(v)
	if !v.IsValid() {
		return nil
	}
	if id, ok := v.Interface().(process.ID); ok {
		if id.IsZero() {
			return nil
		}
		return []process.ID{id}
	}
	if v.Kind() == reflect.Slice || v.Kind() == reflect.Array {
		var out []process.ID
		for i := range v.Len() {
			out = append(out, ids(v.Index(i))...)
		}
		return out
	}
	if v.Kind() == reflect.String {
		if id, err := process.ParseID(v.String()); err == nil && !id.IsZero() {
			return []process.ID{id}
		}
	}
	return nil
}

// timeOf returns the time a value holds, a time or its RFC 3339 text.
func timeOf(v reflect.Value) (time.Time, bool) {
	v = deref(v)
	if !v.IsValid() {
		return time.Time{}, false
	}
	if t, ok := v.Interface().(time.Time); ok {
		return t, !t.IsZero()
	}
	if v.Kind() == reflect.String {
		t, err := time.Parse(time.RFC3339Nano, v.String())
		return t, err == nil && !t.IsZero()
	}
	return time.Time{}, false
}
