package capacity

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// TestErrorsNamePackage checks that the errors of the package read
// "capacity: …", as encoding/json's read "json: …": the validation errors
// of records and of plain values, refused moves, analysis and forecasting.
func TestErrorsNamePackage(t *testing.T) {
	_, regErr := Regularise(nil, time.Hour, GapLinear, 0)
	_, fitErr := Fit([]float64{1}, MethodLinear, 0, 0)
	_, allErr := ForecastAll(context.Background(), [][]float64{{1, 2, 3, 4}, {1}}, 2, nil, 2)
	_, decErr := Decode([]byte(`{"kind":"incident"}`))
	f := sampleForecast(t)
	p := completePlan(t)
	s := NewSeries("web", process.NewID(), "cpu", "%", actor, t0)
	for _, tc := range []struct {
		name       string
		err        error
		validation bool
	}{
		{"a record", (&Plan{}).Validate(), true},
		{"a threshold", (&Threshold{}).Validate(), true},
		{"a scenario", Scenario{}.Validate(), true},
		{"a refused scenario", f.Apply(actor, t0.Add(2*time.Hour), Scenario{}), true},
		{"a refused move", p.Approve(processtest.Nobody, t0.Add(time.Hour), ""), false},
		{"a refused revision", p.Revise(actor, t0.Add(time.Hour), "", process.ID{}, nil), false},
		{"a revision by no one", p.Revise(process.Actor{}, t0.Add(time.Hour), "x", process.ID{}, nil), false},
		{"points added by no one", s.Add(process.Actor{}, t0, pts(1)...), false},
		{"a scenario applied too early", f.Apply(actor, t0.Add(-time.Hour)), false},
		{"a series", regErr, false},
		{"a fit", fitErr, false},
		{"a batch of forecasts", allErr, false},
		{"decoding", decErr, false},
		{"a sentinel", ErrTooShort, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.err)
			for line := range strings.Lines(tc.err.Error()) {
				assert.True(t, strings.HasPrefix(line, "capacity: "), "got %q", line)
			}
			assert.NotContains(t, tc.err.Error(), "process: ")
			if tc.validation {
				var ve *process.ValidationError
				require.True(t, errors.As(tc.err, &ve), "got %T", tc.err)
				assert.Equal(t, "capacity", ve.Package)
			}
		})
	}
}
