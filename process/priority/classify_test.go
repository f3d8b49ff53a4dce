package priority

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClassifyByMatrix(t *testing.T) {
	n := 0
	next := func() time.Time { n++; return processtest.T0.Add(time.Duration(n) * time.Minute) }
	inc := process.NewIncident("VPN down", processtest.Desk, processtest.T0)
	pz, err := Classify(inc, DefaultMatrix(), "network", process.LevelHigh, process.LevelMedium, processtest.Desk, next())
	require.NoError(t, err)
	if pz.Priority != 2 || inc.Priority != 2 {
		t.Fatalf("priority = %v (incident %v), want P2", pz.Priority, inc.Priority)
	}
	last := inc.History[len(inc.History)-1]
	if last.Action != process.ActionNoted || last.Note == "" {
		t.Fatalf("last history entry = %+v, want a note naming the matrix", last)
	}
	m := DefaultMatrix()
	if want := fmt.Sprintf("priority P2 computed by priority matrix %s version %d", m.ID, m.Version); last.Note != want {
		t.Errorf("note = %q, want %q", last.Note, want)
	}

	before, err := process.Copy(inc)
	require.NoError(t, err)
	if _, err := Classify(inc, DefaultMatrix(), "network", "severe", process.LevelMedium, processtest.Desk, next()); !errors.Is(err, process.ErrInvalidValue) {
		t.Errorf("unknown level: err = %v, want ErrInvalidValue", err)
	}
	if _, err := Classify(inc, nil, "network", process.LevelLow, process.LevelLow, processtest.Desk, next()); !errors.Is(err, process.ErrRequired) {
		t.Errorf("nil matrix: err = %v, want ErrRequired", err)
	}
	if _, err := Classify(inc, DefaultMatrix(), "", process.LevelLow, process.LevelLow, processtest.Desk, next()); err == nil {
		t.Error("blank category accepted")
	}
	after, err := process.Copy(inc)
	require.NoError(t, err)
	assert.Equal(t, before, after, "a refused classification changed the incident")
}

func TestIncidentFacts(t *testing.T) {
	inc := process.NewIncident("Breach", processtest.Desk, processtest.T0)
	inc.Priority, inc.Security = 1, true
	f := FactsOf(inc, true, 500)
	want := Facts{Priority: 1, CriticalService: true, AffectedUsers: 500, Security: true}
	if f != want {
		t.Fatalf("Facts = %+v, want %+v", f, want)
	}
	major, matched := DefaultMajorCriteria().Evaluate(f)
	if !major || len(matched) == 0 {
		t.Errorf("default criteria: major = %v (%v), want a major incident", major, matched)
	}
}
