package process

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Limits on untrusted numbers. A decimal's cost grows with its size: one of
// a million digits takes seconds to parse, and one with an exponent of a
// billion (decimal.New(1, 1e9)) takes minutes and gigabytes to print,
// compare or round. The module refuses, with [ErrTooLarge], a decimal
// past either limit wherever it takes one in: Validate methods, decoding
// ([UnmarshalJSON]) and the arithmetic of budgeting and capacity.
//
// The limits are far above any figure of service management: 40 digits
// hold any int64 amount in minor units (19 digits) times a weight, price or
// rate of 20 digits, and an exponent within ±40 holds a rate as small as
// 1e-40 or a figure as large as 10^80. Within them, two decimals line up in
// at most 120 digits, so arithmetic on them takes microseconds.
const (
	// MaxDigits is the most significant digits a decimal's coefficient
	// may have (trailing zeros count: 1.000 has four).
	MaxDigits = 40
	// MaxExponent is the largest magnitude of a decimal's exponent: 1e40
	// and 1e-40 are within it, 1e41 and 0.1e-40 are not.
	MaxExponent = 40
)

// coefficientBound holds ±10^MaxDigits, with exponent 0; they are read only.
var coefficientBound = [2]decimal.Decimal{
	decimal.NewFromBigInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(MaxDigits), nil), 0),
	decimal.NewFromBigInt(new(big.Int).Neg(new(big.Int).Exp(big.NewInt(10), big.NewInt(MaxDigits), nil)), 0),
}

// CheckDecimal returns an error wrapping [ErrTooLarge] if d has more than
// [MaxDigits] significant digits or an exponent beyond ±[MaxExponent], and
// nil otherwise. It takes constant time and does not allocate, whatever the
// size of d: it never formats d.
func CheckDecimal(d decimal.Decimal) error {
	e := d.Exponent()
	if e > MaxExponent || e < -MaxExponent {
		return fmt.Errorf("exponent %d is beyond ±%d: %w", e, MaxExponent, ErrTooLarge)
	}
	// The coefficient, as a decimal of exponent 0 sharing d's words,
	// compared with ±10^MaxDigits: a coefficient longer than the bound's
	// few words is told by its length alone. (BitLen would tell too, but
	// decimal gives the coefficient only as a copy.)
	c := d.Shift(-e)
	if s := c.Sign(); s > 0 && c.Cmp(coefficientBound[0]) >= 0 || s < 0 && c.Cmp(coefficientBound[1]) <= 0 {
		return fmt.Errorf("more than %d digits: %w", MaxDigits, ErrTooLarge)
	}
	return nil
}

// Decimal records a finding wrapping [ErrTooLarge] for path unless d is
// within [MaxDigits] and [MaxExponent] ([CheckDecimal]), and reports
// whether it is: a caller skips the checks that would compute with d, or
// print it, when it is not.
func (e *ValidationError) Decimal(path string, d decimal.Decimal) bool {
	if err := CheckDecimal(d); err != nil {
		e.Add(path, err)
		return false
	}
	return true
}

// UnmarshalJSON is json.Unmarshal with the module's limits on untrusted
// numbers. Before decoding, it reads data once, guided by the type of v,
// and refuses a value bound for a decimal.Decimal (a JSON number or string)
// whose text has more than [MaxDigits] significant digits, an exponent
// beyond ±[MaxExponent], or more than 256 bytes (padding), before anything
// parses it: parsing a long number takes time that grows with the square
// of its length. The refusal is a [FieldError] naming the value's JSON
// path ("targets[0].value") and wrapping [ErrTooLarge] (for v a
// *decimal.Decimal, the bare reason); any other error is json.Unmarshal's.
// The reading takes time linear in len(data).
//
// If v's type has its own UnmarshalJSON method, that method is left to
// apply the limits (the records of the module that hold decimals do, and
// so does budgeting.Money). Values nested in v are read by the exported
// fields and JSON names of their Go types, as encoding/json reads them.
func UnmarshalJSON(data []byte, v any) error {
	if err := checkNumbers(data, reflect.TypeOf(v)); err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

// decodeRecord is the UnmarshalJSON of a record of kind k holding
// decimals: plain is the record with a type of no methods, and errors read
// as [DecodeWith]'s.
func decodeRecord(data []byte, plain any, k RecordKind) error {
	if err := UnmarshalJSON(data, plain); err != nil {
		return fmt.Errorf("%s: decode %s: %w", k.Package(), k, err)
	}
	return nil
}

// The records of this package that hold decimals decode with the limits on
// untrusted numbers, however they are decoded (ISO/IEC 20000-1:2011, 6.1,
// 6.3, 7.1, 7.2).

// UnmarshalJSON decodes the agreement, refusing a number past the limits on
// untrusted numbers ([MaxDigits], [MaxExponent]) with [ErrTooLarge].
func (s *SLA) UnmarshalJSON(data []byte) error {
	type plain SLA
	return decodeRecord(data, (*plain)(s), KindSLA)
}

// UnmarshalJSON decodes the agreement, refusing a number past the limits on
// untrusted numbers ([MaxDigits], [MaxExponent]) with [ErrTooLarge].
func (o *OLA) UnmarshalJSON(data []byte) error {
	type plain OLA
	return decodeRecord(data, (*plain)(o), KindOLA)
}

// UnmarshalJSON decodes the measurement, refusing a number past the limits
// on untrusted numbers ([MaxDigits], [MaxExponent]) with [ErrTooLarge].
func (m *TargetMeasurement) UnmarshalJSON(data []byte) error {
	type plain TargetMeasurement
	return decodeRecord(data, (*plain)(m), KindTargetMeasurement)
}

// UnmarshalJSON decodes the measurement, refusing a number past the limits
// on untrusted numbers ([MaxDigits], [MaxExponent]) with [ErrTooLarge].
func (m *AvailabilityMeasurement) UnmarshalJSON(data []byte) error {
	type plain AvailabilityMeasurement
	return decodeRecord(data, (*plain)(m), KindAvailabilityMeasurement)
}

// UnmarshalJSON decodes the plan, refusing a number past the limits on
// untrusted numbers ([MaxDigits], [MaxExponent]) with [ErrTooLarge].
func (p *ContinuityPlan) UnmarshalJSON(data []byte) error {
	type plain ContinuityPlan
	return decodeRecord(data, (*plain)(p), KindContinuityPlan)
}

// UnmarshalJSON decodes the plan, refusing a number past the limits on
// untrusted numbers ([MaxDigits], [MaxExponent]) with [ErrTooLarge].
func (p *AvailabilityPlan) UnmarshalJSON(data []byte) error {
	type plain AvailabilityPlan
	return decodeRecord(data, (*plain)(p), KindAvailabilityPlan)
}

// UnmarshalJSON decodes the survey, refusing a number past the limits on
// untrusted numbers ([MaxDigits], [MaxExponent]) with [ErrTooLarge].
func (s *SatisfactionSurvey) UnmarshalJSON(data []byte) error {
	type plain SatisfactionSurvey
	return decodeRecord(data, (*plain)(s), KindSatisfactionSurvey)
}

// UnmarshalJSON decodes the contract, refusing a number past the limits on
// untrusted numbers ([MaxDigits], [MaxExponent]) with [ErrTooLarge].
func (c *SupplierContract) UnmarshalJSON(data []byte) error {
	type plain SupplierContract
	return decodeRecord(data, (*plain)(c), KindSupplierContract)
}

// checkNumbers reads data as JSON bound for a value of type t and returns a
// FieldError wrapping ErrTooLarge for the first decimal past the limits,
// in the order of data. It stops without error where data is not JSON:
// json.Unmarshal reports that. A type with its own UnmarshalJSON at the
// root is not read.
func checkNumbers(data []byte, t reflect.Type) error {
	if t == nil {
		return nil
	}
	p := numberPlanOf(t)
	if p == nil || (p != decimalPlan && t.Implements(unmarshalerType)) {
		return nil
	}
	s := numberScan{data: data}
	s.value(p, 0)
	return s.err
}

var (
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	decimalType     = reflect.TypeFor[decimal.Decimal]()
	nullDecimalType = reflect.TypeFor[decimal.NullDecimal]()
)

// numberPlan says where the decimals are in the JSON of a Go type: the
// value itself (decimalPlan), the fields of an object, the elements of an
// array, or the values (and, with keyDecimal, the keys) of a map. A nil
// *numberPlan holds no decimal: its JSON is skipped.
type numberPlan struct {
	kind       planKind
	fields     map[string]*numberPlan // by JSON name
	folded     map[string]*numberPlan // by JSON name, folded as encoding/json folds keys
	elem       *numberPlan            // of arrays and maps
	keyDecimal bool
}

type planKind uint8

const (
	planDecimal planKind = iota + 1
	planObject
	planArray
	planMap
)

// decimalPlan is the plan of a decimal; it is read only.
var decimalPlan = &numberPlan{kind: planDecimal}

// numberPlans caches the plan of each type, as encoding/json caches the
// fields of each type: it is safe for concurrent use and its content
// depends on nothing but the types.
var numberPlans sync.Map // reflect.Type → *numberPlan (nil held as (*numberPlan)(nil))

// numberPlanOf returns the plan of type t.
func numberPlanOf(t reflect.Type) *numberPlan {
	if p, ok := numberPlans.Load(t); ok {
		return p.(*numberPlan)
	}
	p := buildPlan(t, map[reflect.Type]*numberPlan{})
	numberPlans.Store(t, p)
	return p
}

// buildPlan builds the plan of t; building holds the plans of the structs
// being built, so that a recursive type refers to its own plan.
func buildPlan(t reflect.Type, building map[reflect.Type]*numberPlan) *numberPlan {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case decimalType, nullDecimalType:
		return decimalPlan
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		if e := buildPlan(t.Elem(), building); e != nil {
			return &numberPlan{kind: planArray, elem: e}
		}
	case reflect.Map:
		k := t.Key()
		keyDec := k == decimalType || k.Kind() == reflect.Pointer && k.Elem() == decimalType
		if e := buildPlan(t.Elem(), building); e != nil || keyDec {
			return &numberPlan{kind: planMap, elem: e, keyDecimal: keyDec}
		}
	case reflect.Struct:
		if p, ok := building[t]; ok {
			return p
		}
		if embedsDecimal(t) {
			return decimalPlan // its JSON is the embedded decimal's
		}
		p := &numberPlan{kind: planObject, fields: map[string]*numberPlan{}, folded: map[string]*numberPlan{}}
		building[t] = p
		type candidate struct {
			depth  int
			tagged bool
			plan   *numberPlan
		}
		best := map[string]candidate{}
		var walk func(t reflect.Type, depth int, seen map[reflect.Type]bool)
		walk = func(t reflect.Type, depth int, seen map[reflect.Type]bool) {
			if seen[t] {
				return
			}
			seen[t] = true
			for i := range t.NumField() {
				f := t.Field(i)
				tag := f.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, _, _ := strings.Cut(tag, ",")
				ft := f.Type
				if f.Anonymous {
					et := ft
					if et.Kind() == reflect.Pointer {
						et = et.Elem()
					}
					if name == "" && et.Kind() == reflect.Struct && et != decimalType && et != nullDecimalType {
						walk(et, depth+1, seen)
						continue
					}
					if !f.IsExported() && et.Kind() != reflect.Struct {
						continue
					}
				} else if !f.IsExported() {
					continue
				}
				tagged := name != ""
				if !tagged {
					name = f.Name
				}
				c, ok := best[name]
				if ok && (c.depth < depth || c.depth == depth && (c.tagged || !tagged) && c.plan != nil) {
					continue
				}
				best[name] = candidate{depth: depth, tagged: tagged, plan: buildPlan(ft, building)}
			}
		}
		walk(t, 0, map[reflect.Type]bool{})
		for _, name := range slices.Sorted(maps.Keys(best)) {
			c := best[name]
			if c.plan == nil {
				continue
			}
			p.fields[name] = c.plan
			folded := string(foldName(nil, []byte(name)))
			if _, dup := p.folded[folded]; !dup {
				p.folded[folded] = c.plan
			}
		}
		if len(p.fields) == 0 {
			delete(building, t)
			return nil
		}
		return p
	}
	return nil
}

// embedsDecimal reports whether struct type t decodes as the decimal it
// embeds, by the UnmarshalJSON it is promoted.
func embedsDecimal(t reflect.Type) bool {
	if !reflect.PointerTo(t).Implements(unmarshalerType) {
		return false
	}
	for i := range t.NumField() {
		f := t.Field(i)
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && (ft == decimalType || ft == nullDecimalType) {
			return true
		}
	}
	return false
}

// foldName appends name folded as encoding/json folds object keys to match
// fields without regard to case: ASCII letters upper-cased, other runes
// lower- then upper-cased.
func foldName(out, name []byte) []byte {
	for i := 0; i < len(name); {
		if c := name[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(name[i:])
		out = utf8.AppendRune(out, unicode.ToUpper(unicode.ToLower(r)))
		i += n
	}
	return out
}

// maxScanDepth is the deepest nesting the scan follows, as encoding/json
// refuses deeper input.
const maxScanDepth = 10000

// numberScan reads JSON along a plan. Every step consumes input or stops,
// so that it ends in time linear in the input.
type numberScan struct {
	data    []byte
	i       int
	path    []pathStep // where the scan is, for the error
	scratch []byte
	err     error
	stop    bool // the input is not JSON, or an error was found
}

// pathStep is an object key as it stands in the input (escapes and all),
// or an array index.
type pathStep struct {
	key     []byte
	index   int
	isIndex bool
}

func (s *numberScan) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// value reads one value bound for plan p.
func (s *numberScan) value(p *numberPlan, depth int) {
	s.ws()
	if s.i >= len(s.data) || depth > maxScanDepth {
		s.stop = true
		return
	}
	c := s.data[s.i]
	switch {
	case p == nil:
		s.skip()
	case p.kind == planDecimal && c == '"':
		s.check(s.str())
	case p.kind == planDecimal && (c == '-' || '0' <= c && c <= '9'):
		start := s.i
		for s.i < len(s.data) && isNumberByte(s.data[s.i]) {
			s.i++
		}
		s.check(s.data[start:s.i])
	case (p.kind == planObject || p.kind == planMap) && c == '{':
		s.object(p, depth)
	case p.kind == planArray && c == '[':
		s.array(p.elem, depth)
	default:
		s.skip()
	}
}

func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// object reads an object bound for a struct or a map.
func (s *numberScan) object(p *numberPlan, depth int) {
	s.i++ // {
	for !s.stop {
		s.ws()
		if s.i >= len(s.data) {
			s.stop = true
			return
		}
		switch s.data[s.i] {
		case '}':
			s.i++
			return
		case ',':
			s.i++
			continue
		case '"':
		default:
			s.stop = true
			return
		}
		raw := s.str()
		if s.stop {
			return
		}
		s.ws()
		if s.i >= len(s.data) || s.data[s.i] != ':' {
			s.stop = true
			return
		}
		s.i++
		var fp *numberPlan
		if p.kind == planMap {
			if p.keyDecimal {
				s.path = append(s.path, pathStep{key: raw})
				s.check(raw)
				s.path = s.path[:len(s.path)-1]
				if s.stop {
					return
				}
			}
			fp = p.elem
		} else {
			key := raw
			if bytes.IndexByte(raw, '\\') >= 0 {
				key = []byte(unescapeKey(raw))
			}
			var ok bool
			if fp, ok = p.fields[string(key)]; !ok {
				s.scratch = foldName(s.scratch[:0], key)
				fp = p.folded[string(s.scratch)]
			}
		}
		if fp == nil {
			s.skip()
			continue
		}
		s.path = append(s.path, pathStep{key: raw})
		s.value(fp, depth+1)
		s.path = s.path[:len(s.path)-1]
	}
}

// array reads an array whose elements are bound for plan elem.
func (s *numberScan) array(elem *numberPlan, depth int) {
	s.i++ // [
	for n := 0; !s.stop; {
		s.ws()
		if s.i >= len(s.data) {
			s.stop = true
			return
		}
		switch s.data[s.i] {
		case ']':
			s.i++
			return
		case ',':
			s.i++
			continue
		}
		s.path = append(s.path, pathStep{index: n, isIndex: true})
		start := s.i
		s.value(elem, depth+1)
		s.path = s.path[:len(s.path)-1]
		if s.i == start && !s.stop {
			s.stop = true // not a value
		}
		n++
	}
}

// str reads a string and returns its text as it stands between the
// quotes, escapes and all: what decimal.Decimal's UnmarshalJSON parses.
func (s *numberScan) str() []byte {
	start := s.i + 1
	j := start
	for {
		k := bytes.IndexByte(s.data[j:], '"')
		if k < 0 {
			s.stop = true
			s.i = len(s.data)
			return nil
		}
		j += k
		n := 0
		for j-1-n >= start && s.data[j-1-n] == '\\' {
			n++
		}
		if n%2 == 0 {
			s.i = j + 1
			return s.data[start:j]
		}
		j++
	}
}

// unescapeKey returns the text of an object key, unescaped.
func unescapeKey(raw []byte) string {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	var k string
	if err := json.Unmarshal(append(append([]byte{'"'}, raw...), '"'), &k); err != nil {
		return string(raw)
	}
	return k
}

// skip reads over one value of any kind.
func (s *numberScan) skip() {
	depth := 0
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case '"':
			s.str()
		case '{', '[':
			depth++
			s.i++
			continue
		case '}', ']':
			if depth == 0 {
				return
			}
			depth--
			s.i++
		case ',', ':', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return
			}
			s.i++
			continue
		default:
			s.i++
			continue
		}
		if depth == 0 {
			return
		}
	}
	if depth > 0 {
		s.stop = true
	}
}

// check refuses lit, the text of a decimal, if it is past the limits.
func (s *numberScan) check(lit []byte) {
	if s.stop {
		return
	}
	if err := checkDecimalText(lit); err != nil {
		s.err = err // a decimal at the root has no path
		if len(s.path) > 0 {
			s.err = FieldError{Path: s.pathString(), Err: err}
		}
		s.stop = true
	}
}

func (s *numberScan) pathString() string {
	var b strings.Builder
	for _, p := range s.path {
		switch {
		case p.isIndex:
			b.WriteString("[" + strconv.Itoa(p.index) + "]")
		case b.Len() > 0:
			b.WriteString("." + unescapeKey(p.key))
		default:
			b.WriteString(unescapeKey(p.key))
		}
	}
	return b.String()
}

// maxDecimalText is the longest text of a decimal that decoding parses.
// Within the limits a decimal needs far less (40 digits, 40 places and an
// exponent); only padding such as leading zeros makes more.
const maxDecimalText = 256

// checkDecimalText returns an error wrapping ErrTooLarge if lit is longer
// than maxDecimalText, or if the decimal that decimal.NewFromString would
// parse from lit has more than MaxDigits significant digits or an exponent
// beyond ±MaxExponent. It parses no big number: the digits are counted,
// the exponent is the one after 'e' less the places after the point, as
// NewFromString takes them. Text that is not a decimal may pass, for the
// parser to refuse.
func checkDecimalText(lit []byte) error {
	digits, places := 0, int64(0)
	point := false
	i := 0
	for ; i < len(lit); i++ {
		c := lit[i]
		if c == 'e' || c == 'E' {
			break
		}
		if point {
			places++
		}
		switch {
		case c == '.':
			point = true
		case '1' <= c && c <= '9', c == '0' && digits > 0:
			digits++
		}
	}
	var exp int64
	if i < len(lit) {
		e := lit[i+1:]
		neg := len(e) > 0 && e[0] == '-'
		if len(e) > 0 && (e[0] == '-' || e[0] == '+') {
			e = e[1:]
		}
		for _, c := range e {
			if c < '0' || c > '9' {
				break
			}
			if exp < 1<<40 { // past any int32 exponent: no need to read on
				exp = exp*10 + int64(c-'0')
			}
		}
		if neg {
			exp = -exp
		}
	}
	exp -= places
	if digits > MaxDigits {
		return fmt.Errorf("%d digits, more than %d: %w", digits, MaxDigits, ErrTooLarge)
	}
	if exp > MaxExponent || exp < -MaxExponent {
		return fmt.Errorf("exponent %d is beyond ±%d: %w", exp, MaxExponent, ErrTooLarge)
	}
	if len(lit) > maxDecimalText {
		return fmt.Errorf("%d bytes of text, more than %d: %w", len(lit), maxDecimalText, ErrTooLarge)
	}
	return nil
}
