package capacity

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

func TestDecodeRoundTrip(t *testing.T) {
	res := NewResource("web", ResourceTechnical, 100, "%", actor, t0)
	res.CI = process.NewID()
	s := NewSeries("web", res.ID, "cpu", "%", actor, t0)
	require.NoError(t, s.Add(pts(1, 2, 3)...))
	q := NewRequirement("p95", process.NewID(), "ms", "ms", BoundAtMost, 300, actor, t0)
	records := []process.Record{res, s, q, nightThreshold(), completePlan(t)}
	for _, r := range records {
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
	_, err := Decode([]byte(`{"kind":"incident"}`))
	assert.ErrorIs(t, err, process.ErrUnknownKind)
	_, err = Decode([]byte(`{"kind":"capacity-resource","type":"robots"}`))
	assert.ErrorIs(t, err, process.ErrInvalidValue, "unknown enum values are refused when decoded")
	_, err = Decode([]byte(`{`))
	assert.Error(t, err)
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
		methods := []Method{"", MethodLinear, MethodHoltWintersAdditive, MethodHoltWintersMultiplicative}
		opt := &Options{Method: methods[int(method)%len(methods)], Periods: []int{2 + int(period)%30}}
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
