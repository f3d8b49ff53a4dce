package priority

import (
	"errors"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMatrixResolver(t *testing.T) {
	sla, service, other := process.NewID(), process.NewID(), process.NewID()
	// A customer's own matrix: two levels each, four priorities... all 24x7.
	gold := &Matrix{ID: "gold", Version: 3,
		Impacts: []process.Level{"wide", "narrow"}, Urgencies: []process.Level{"now", "later"},
		Cells: [][]process.Priority{{1, 2}, {2, 3}},
		Targets: []Target{
			{Priority: 1, Name: "p1", FirstResponse: 5 * time.Minute, Resolution: 2 * time.Hour, Clock: AroundTheClock},
			{Priority: 2, Name: "p2", FirstResponse: 15 * time.Minute, Resolution: 4 * time.Hour, Clock: AroundTheClock},
			{Priority: 3, Name: "p3", FirstResponse: time.Hour, Resolution: 8 * time.Hour, Clock: OnServiceHours},
		}}
	svc := DefaultMatrix()
	svc.ID, svc.Version = "payments", 2
	svc.Cells[1][1] = 2
	r := &Resolver{BySLA: map[process.ID]*Matrix{sla: gold}, ByService: map[process.ID]*Matrix{service: svc}}
	require.NoError(t, r.Validate())

	got, err := r.Prioritise(sla, service, "wide", "later")
	require.NoError(t, err)
	assert.Equal(t, Prioritisation{Priority: 2, Impact: "wide", Urgency: "later", Matrix: "gold", Version: 3}, got, "the SLA's matrix first")
	got, err = r.Prioritise(process.ID{}, service, process.LevelMedium, process.LevelMedium)
	require.NoError(t, err)
	assert.Equal(t, Prioritisation{Priority: 2, Impact: process.LevelMedium, Urgency: process.LevelMedium, Matrix: "payments", Version: 2}, got, "then the service's")
	got, err = r.Prioritise(other, other, process.LevelMedium, process.LevelMedium)
	require.NoError(t, err)
	assert.Equal(t, "default", got.Matrix, "then the default")
	assert.Equal(t, process.Priority(3), got.Priority)

	r.BySLA[other] = &Matrix{ID: "broken", Version: 1}
	var ve *process.ValidationError
	require.True(t, errors.As(r.Validate(), &ve))
	assert.True(t, ve.Has("bySLA["+other.String()+"].impacts", process.ErrRequired), "%v", ve)
}
