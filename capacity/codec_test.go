package capacity

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

func TestDecodeRoundTrip(t *testing.T) {
	res := NewResource("web", ResourceTechnical, 100, "%", actor, t0)
	res.CI = process.NewID()
	s := NewSeries("web", res.ID, "cpu", "%", actor, t0)
	require.NoError(t, s.Add(actor, t0, pts(1, 2, 3)...))
	q := NewRequirement("p95", process.NewID(), "ms", "ms", BoundAtMost, 300, actor, t0)
	records := []process.Record{res, s, q, nightThreshold(), sampleForecast(t), completePlan(t)}
	kinds := map[process.RecordKind]bool{}
	for _, r := range records {
		kinds[r.Meta().Kind] = true
		t.Run(string(r.Meta().Kind), func(t *testing.T) {
			data, err := json.Marshal(r)
			require.NoError(t, err)
			got, err := Decode(data)
			require.NoError(t, err)
			require.NoError(t, got.Validate())
			again, err := json.Marshal(got)
			require.NoError(t, err)
			assert.JSONEq(t, string(data), string(again))
		})
	}
	for _, k := range process.Kinds() {
		if k.Owner() == process.CapacityManagement {
			assert.True(t, kinds[k], "the round trip covers %s", k)
		}
	}
	_, err := Decode([]byte(`{"kind":"incident"}`))
	assert.ErrorIs(t, err, process.ErrUnknownKind)
	_, err = Decode([]byte(`{"kind":"budget"}`))
	assert.ErrorIs(t, err, process.ErrUnknownKind, "budgets are budgeting's to decode")
	_, err = Decode([]byte(`{"kind":"capacity-resource","type":"robots"}`))
	assert.ErrorIs(t, err, process.ErrInvalidValue, "unknown enum values are refused when decoded")
	_, err = Decode([]byte(`{`))
	assert.Error(t, err)
}

// sampleForecast returns a forecast of a small daily series with a
// scenario applied, so that every part of a forecast record is set.
func sampleForecast(t *testing.T) *Forecast {
	t.Helper()
	s := NewSeries("web", process.NewID(), "cpu", "%", actor, t0)
	require.NoError(t, s.Add(actor, t0, pts(genHW(3, 24*4, 24, 0.3, 0.05, 0.2, 1)...)...))
	r, err := Regularise(s.Points, time.Hour, GapLinear, 0)
	require.NoError(t, err)
	f, err := NewForecast(s, r, 24, nil, actor, t0)
	require.NoError(t, err)
	require.NoError(t, f.Apply(actor, t0.Add(time.Hour), Scenario{Name: "launch", Kind: EffectNewService, From: f.Points[3].At, Add: 5}))
	return f
}

// TestMarshalZeroRecords checks that the zero value of every record type,
// and of the values they hold, encodes: an unset enumeration encodes as "".
func TestMarshalZeroRecords(t *testing.T) {
	for _, v := range []any{&Requirement{}, &Resource{}, &Series{}, &Threshold{}, &Forecast{}, &Plan{},
		Requirement{}, Resource{}, Series{}, Threshold{}, Forecast{}, Plan{},
		Demand{}, Consideration{}, Upgrade{}, Procedure{}, Exclusion{}, Revision{}, Scenario{}, TimeBand{},
		Model{}, Result{}, Candidate{}, Crossing{}, Exhaustion{}, Recommendation{}, Regular{}} {
		t.Run(fmt.Sprintf("%T", v), func(t *testing.T) {
			_, err := json.Marshal(v)
			assert.NoError(t, err)
		})
	}
}

// FuzzDecode feeds arbitrary JSON to Decode: it never panics, and a record
// it decodes validates without panicking, encodes, decodes again and
// encodes to the same bytes. Seeds in testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"kind":"capacity-threshold","windows":[{"from":1320,"to":240,"days":[0,6]}]}`))
	f.Add([]byte(`{"kind":"budget"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Decode(data)
		if err != nil {
			return
		}
		_ = r.Validate() // must not panic
		if p, ok := r.(*Plan); ok {
			_ = p.Missing()
		}
		processtest.RoundTrip(t, Decode, r)
	})
}

// FuzzForecastValues feeds arbitrary values to the forecaster: it must
// never panic, and a forecast it returns holds no NaN or infinity. More
// seeds in testdata/fuzz/FuzzForecastValues.
func FuzzForecastValues(f *testing.F) {
	f.Add([]byte{}, uint8(0), uint8(4))
	f.Add(floats(1, 2, 3), uint8(0), uint8(2))
	f.Add(floats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), uint8(2), uint8(3))
	f.Add(floats(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5), uint8(1), uint8(3))
	f.Add(floats(1e99, -1e99, 1e99, -1e99, 1e99, -1e99, 1e99, -1e99), uint8(1), uint8(2))
	f.Add(floats(1, 1e-300, 1, 1e-300, 1, 1e-300, 1, 1e-300, 1), uint8(2), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, method uint8, period uint8) {
		var y []float64
		for len(data) >= 8 && len(y) < 2000 {
			y = append(y, math.Float64frombits(binary.LittleEndian.Uint64(data)))
			data = data[8:]
		}
		methods := []Method{"", MethodLinear, MethodHoltWintersAdditive, MethodHoltWintersMultiplicative, MethodETS, MethodDoubleSeasonal, MethodCombined}
		p := 2 + int(period)%30
		opt := &Options{Method: methods[int(method)%len(methods)], Periods: []int{p, 2 * p}}
		r, err := ForecastValues(y, 5, opt)
		if err != nil {
			return
		}
		assertFinite(t, r)
	})
}

func floats(vs ...float64) []byte {
	b := make([]byte, 0, 8*len(vs))
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

// FuzzRegularise feeds arbitrary points to Regularise: no panic, and a
// regular series it returns holds only finite values.
func FuzzRegularise(f *testing.F) {
	// More seeds in testdata/fuzz/FuzzRegularise.
	f.Add([]byte{}, int64(3600), uint8(0), 0)
	f.Fuzz(func(t *testing.T, data []byte, step int64, policy uint8, maxGap int) {
		var ps []Point
		for len(data) >= 16 && len(ps) < 500 {
			sec := int64(binary.LittleEndian.Uint64(data)) % (1 << 40)
			ps = append(ps, Point{At: time.Unix(sec, 0).UTC(), Value: math.Float64frombits(binary.LittleEndian.Uint64(data[8:]))})
			data = data[16:]
		}
		policies := []GapPolicy{GapLinear, GapPrevious, GapRefuse}
		r, err := Regularise(ps, time.Duration(step)*time.Second, policies[int(policy)%3], maxGap)
		if err != nil {
			return
		}
		for i, v := range r.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("value %d is %g", i, v)
			}
		}
	})
}
