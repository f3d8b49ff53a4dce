package process

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hugeExponent is a decimal built in code, as no decoder would give it:
// printing, comparing or rounding it takes minutes and gigabytes.
var hugeExponent = decimal.New(1, 1_000_000_000)

// longDecimal is a decimal of n nines.
func longDecimal(n int) decimal.Decimal {
	c := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
	return decimal.NewFromBigInt(c.Sub(c, big.NewInt(1)), 0)
}

func TestCheckDecimal(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    decimal.Decimal
		ok   bool
	}{
		{"zero", decimal.Decimal{}, true},
		{"a price", decimal.RequireFromString("-1234.5678"), true},
		{"MaxDigits nines", longDecimal(MaxDigits), true},
		{"MaxDigits negative nines", longDecimal(MaxDigits).Neg(), true},
		{"1e40", decimal.New(1, MaxExponent), true},
		{"1e-40", decimal.New(1, -MaxExponent), true},
		{"a zero of exponent 40", decimal.New(0, MaxExponent), true},
		{"10^40", longDecimal(MaxDigits).Add(decimal.NewFromInt(1)), false},
		{"-10^40", longDecimal(MaxDigits).Neg().Sub(decimal.NewFromInt(1)), false},
		{"1e41", decimal.New(1, MaxExponent+1), false},
		{"1e-41", decimal.New(1, -MaxExponent-1), false},
		{"a zero of exponent 41", decimal.New(0, MaxExponent+1), false},
		{"exponent of a billion", hugeExponent, false},
		{"exponent of minus a billion", decimal.New(-7, -1_000_000_000), false},
		{"a million digits", longDecimal(1_000_000), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckDecimal(tc.d)
			if tc.ok {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, ErrTooLarge)
		})
	}
	price, long := decimal.RequireFromString("12.5"), longDecimal(1_000_000)
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = CheckDecimal(price) }), "allocations checking a price")
	assert.LessOrEqual(t, testing.AllocsPerRun(100, func() { _ = CheckDecimal(long) }), 3.0,
		"only the error allocates, whatever the size of the number")
}

// TestValidateRefusesHugeDecimals: a decimal built in code with an
// exponent of a billion used to pass Validate, or to hang it (25 s and
// 3.8 GB for an availability measurement), and then hang whatever printed
// or compared it. Validate refuses it at once, naming the field.
func TestValidateRefusesHugeDecimals(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    func(t *testing.T) Record
		path string
	}{
		{"sla target", func(t *testing.T) Record { s := newSLA(t); s.Targets[0].Value = hugeExponent; return s }, "targets[0].value"},
		{"ola workload", func(t *testing.T) Record { o := newOLA(t); o.Workload[0].Volume = hugeExponent; return o }, "workload[0].volume"},
		{"measurement achieved", func(t *testing.T) Record { m := newTargetMeasurement(t); m.Achieved = hugeExponent; return m }, "achieved"},
		{"availability target", func(t *testing.T) Record {
			m := newAvailabilityMeasurement(t)
			m.Target = hugeExponent
			return m
		}, "target"},
		{"availability achieved", func(t *testing.T) Record {
			m := newAvailabilityMeasurement(t)
			m.Achieved = longDecimal(1_000_000)
			return m
		}, "achieved"},
		{"continuity plan target", func(t *testing.T) Record { p := newContinuityPlan(t); p.Targets[0].Value = hugeExponent; return p }, "targets[0].value"},
		{"supplier contract workload", func(t *testing.T) Record {
			c := newSupplierContract(t)
			c.Workload[0].Volume = hugeExponent.Neg()
			return c
		}, "workload[0].volume"},
		{"survey scale", func(t *testing.T) Record { s := newSatisfactionSurvey(t); s.Results[0].Scale = hugeExponent; return s }, "results[0].scale"},
		{"survey score", func(t *testing.T) Record { s := newSatisfactionSurvey(t); s.Results[0].Score = hugeExponent; return s }, "results[0].score"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r(t)
			start := time.Now()
			err := r.Validate()
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tc.path, ErrTooLarge), "%v", err)
			assert.ErrorIs(t, err, ErrTooLarge)
			assert.Contains(t, err.Error(), tc.path+": ")
			assert.Less(t, time.Since(start), 10*time.Second, "Validate computed with the number")
		})
	}
	t.Run("service target", func(t *testing.T) {
		tg := availabilityTarget()
		tg.Value = hugeExponent
		assert.ErrorIs(t, tg.Validate(), ErrTooLarge)
	})
	t.Run("measure target", func(t *testing.T) {
		terms := agreementTerms()
		_, err := MeasureTarget(NewID(), &terms, "availability", atHour(0), atHour(1), hugeExponent, nobody, t0)
		assert.ErrorIs(t, err, ErrTooLarge)
		assert.Regexp(t, `^process: measure target "availability" of [0-9a-f]{8}: achieved: `, err.Error())
		terms.Targets[0].Value = hugeExponent
		_, err = MeasureTarget(NewID(), &terms, "availability", atHour(0), atHour(1), decimal.NewFromInt(99), nobody, t0)
		assert.ErrorIs(t, err, ErrTooLarge)
	})
	t.Run("within the limits", func(t *testing.T) {
		s := newSLA(t)
		s.Targets[1].Value = decimal.New(1, MaxExponent)
		s.Workload[0].Volume = longDecimal(MaxDigits).Shift(-MaxExponent)
		assert.NoError(t, s.Validate())
	})
}

// hostileSLA is an agreement whose first target's value is lit.
func hostileSLA(lit string) []byte {
	return []byte(`{"kind":"sla","title":"gold","targets":[{"name":"availability","kind":"availability","value":` + lit + `,"unit":"percent"}]}`)
}

// TestDecodeRefusesLongDecimals: a decimal of a million digits used to
// take seconds to decode (ten million: minutes), the parse being
// quadratic. Decoding refuses it, and a huge exponent, before parsing,
// naming the JSON path.
func TestDecodeRefusesLongDecimals(t *testing.T) {
	million := strings.Repeat("7", 1_000_000)
	for _, tc := range []struct {
		name, lit, reason string
	}{
		{"a million digits", million, "1000000 digits, more than 40"},
		{"a million digits in a string", `"` + million + `"`, "1000000 digits, more than 40"},
		{"a million places", "0." + million, "1000000 digits, more than 40"},
		{"a million zeros of places", `"0.` + strings.Repeat("0", 1_000_000) + `1"`, "exponent -1000001 is beyond ±40"},
		{"a huge exponent", "1e2147483647", "exponent 2147483647 is beyond ±40"},
		{"a huge exponent in a string", `"1e2147483647"`, "exponent 2147483647 is beyond ±40"},
		{"a negative exponent", "1e-41", "exponent -41 is beyond ±40"},
		{"41 digits", "1" + strings.Repeat("0", 40), "41 digits, more than 40"},
		{"padded with zeros", `"` + strings.Repeat("0", 300) + `1"`, "301 bytes of text, more than 256"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := hostileSLA(tc.lit)
			r, err := Decode(data)
			require.Error(t, err)
			assert.Nil(t, r)
			assert.ErrorIs(t, err, ErrTooLarge)
			assert.Equal(t, "process: decode sla: targets[0].value: "+tc.reason+": number too large", err.Error())
			var fe FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, "targets[0].value", fe.Path)

			var s SLA
			err = json.Unmarshal(data, &s)
			assert.ErrorIs(t, err, ErrTooLarge, "json.Unmarshal applies the limits too")
			assert.Equal(t, "process: decode sla: targets[0].value: "+tc.reason+": number too large", err.Error())
		})
	}
	for _, lit := range []string{"99.95", `"99.95"`, "1e40", `"-1e-40"`, strings.Repeat("9", 40), "null", `"0.` + strings.Repeat("0", 39) + `1"`} {
		t.Run("within the limits: "+lit, func(t *testing.T) {
			r, err := Decode(hostileSLA(lit))
			require.NoError(t, err)
			if lit != "null" {
				assert.NoError(t, CheckDecimal(r.(*SLA).Targets[0].Value))
			}
		})
	}
}

// TestDecimalRecordsDecodeWithLimits holds every record type of the package
// that holds a decimal to decoding with the limits, however it is decoded:
// it has its own UnmarshalJSON, and refuses a decimal too large.
func TestDecimalRecordsDecodeWithLimits(t *testing.T) {
	n := 0
	for _, k := range processKinds() {
		r := newRecord(k)
		if numberPlanOf(reflect.TypeOf(r)) == nil {
			continue
		}
		n++
		t.Run(string(k), func(t *testing.T) {
			require.Implements(t, (*json.Unmarshaler)(nil), r, "a record holding decimals decodes with the limits")
			data, err := json.Marshal(r)
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(data, newRecord(k)))
		})
	}
	assert.Equal(t, 8, n, "record types holding decimals")
}

// TestUnmarshalJSON covers the reading of the Go type: nested and embedded
// structs, pointers, slices, maps (values and keys), keys matched without
// regard to case or escaped, and decimals of encoding's own kinds.
func TestUnmarshalJSON(t *testing.T) {
	type Leaf struct {
		D decimal.Decimal `json:"d"`
	}
	type Inner struct {
		Leaf
		P     *decimal.Decimal           `json:"p"`
		List  []Leaf                     `json:"list"`
		ByKey map[string]decimal.Decimal `json:"byKey"`
		Keys  map[decimal.Decimal]int    `json:"keys"`
		Null  decimal.NullDecimal        `json:"null"`
		Skip  decimal.Decimal            `json:"-"`
		Text  string                     `json:"text"`
	}
	type Embedding struct{ decimal.Decimal }
	type Outer struct {
		Inner *Inner `json:"inner"`
		Name  string
		Money Embedding `json:"money"`
	}
	huge := `"1e99"`
	for _, tc := range []struct {
		data, path string
	}{
		{`{"inner":{"d":` + huge + `}}`, "inner.d"},
		{`{"inner":{"D":` + huge + `}}`, "inner.D"},
		{`{"INNER":{"p":1e99}}`, "INNER.p"},
		{`{"inner":{"list":[{"d":1},{"d":` + huge + `}]}}`, "inner.list[1].d"},
		{`{"inner":{"byKey":{"a":1,"b":` + huge + `}}}`, "inner.byKey.b"},
		{`{"inner":{"keys":{"1e99":1}}}`, "inner.keys.1e99"},
		{`{"inner":{"null":` + huge + `}}`, "inner.null"},
		{`{"inner":{"\u0064":` + huge + `}}`, "inner.d"},
		{`{"inner":{"text":"x","d":1,"d":` + huge + `}}`, "inner.d"},
		{` { "inner" : { "list" : [ { "d" : 1e-99 } ] } } `, "inner.list[0].d"},
		{`{"money":1e99}`, "money"},
	} {
		t.Run(tc.data, func(t *testing.T) {
			var o Outer
			err := UnmarshalJSON([]byte(tc.data), &o)
			assert.ErrorIs(t, err, ErrTooLarge)
			var fe FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.path, fe.Path)
		})
	}
	for i, data := range []string{
		`{"inner":{"d":"12.5","p":-3,"list":[{"d":1}],"byKey":{"a":"1e40"},"keys":{"7":1},"null":null,"text":"` + strings.Repeat("9", 1000) + `"}}`,
		`{"inner":{"-":1e99,"Skip":1e99,"text":"1e99"}, "Name":"1e99"}`,
		`{"other":{"d":1e99},"inner":null}`,
	} {
		t.Run(fmt.Sprint("accepted ", i), func(t *testing.T) {
			var o Outer
			assert.NoError(t, UnmarshalJSON([]byte(data), &o))
		})
	}
	t.Run("a decimal", func(t *testing.T) {
		var d decimal.Decimal
		assert.NoError(t, UnmarshalJSON([]byte(`"1.5"`), &d))
		assert.True(t, d.Equal(decimal.RequireFromString("1.5")))
		err := UnmarshalJSON([]byte(`1e999`), &d)
		assert.ErrorIs(t, err, ErrTooLarge)
		assert.EqualError(t, err, "exponent 999 is beyond ±40: number too large")
	})
	t.Run("malformed input is json's to report", func(t *testing.T) {
		for _, data := range []string{`{"inner":{"d":`, `{"inner":[`, `{"inner":{"d" 1}}`, `[`, ``, `{"inner":{"list":[{"d":1},,]}}`} {
			var o Outer
			err := UnmarshalJSON([]byte(data), &o)
			require.Error(t, err, data)
			assert.False(t, errors.Is(err, ErrTooLarge), data)
		}
	})
}

// TestValidationErrorDecimal shows the finding as a Validate method adds it.
func TestValidationErrorDecimal(t *testing.T) {
	id := NewID()
	v := ValidationError{Subject: Subject(KindSLA, id)}
	assert.True(t, v.Decimal("targets[0].value", decimal.NewFromInt(99)))
	assert.False(t, v.Decimal("targets[1].value", hugeExponent))
	assert.EqualError(t, v.Err(), "process: sla "+id.Short()+" invalid: targets[1].value: exponent 1000000000 is beyond ±40: number too large")
}

// BenchmarkDecodeHostileDecimal decodes an agreement whose target value is
// a number of a million (and of ten million) digits, refused before it is
// parsed: the time is that of reading the input once (it was 2.4 s for a
// megabyte and 146 s for ten, the parse being quadratic).
func BenchmarkDecodeHostileDecimal(b *testing.B) {
	for _, mb := range []int{1, 10} {
		data := hostileSLA(strings.Repeat("9", mb<<20))
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Decode(data); !errors.Is(err, ErrTooLarge) {
					b.Fatal(err)
				}
			}
		})
	}
}
