package process

import (
	"errors"
	"reflect"
	"testing"
)

func TestClassifyByMatrix(t *testing.T) {
	var c clock
	inc := NewIncident("VPN down", desk, t0)
	pz, err := inc.ClassifyByMatrix(desk, c.next(), DefaultPriorityMatrix(), "network", LevelHigh, LevelMedium)
	ok(t, err)
	if pz.Priority != 2 || inc.Priority != 2 {
		t.Fatalf("priority = %v (incident %v), want P2", pz.Priority, inc.Priority)
	}
	last := inc.History[len(inc.History)-1]
	if last.Action != ActionNoted || last.Field != "priority" || last.Note == "" {
		t.Fatalf("last history entry = %+v, want a note naming the matrix", last)
	}
	m := DefaultPriorityMatrix()
	if want := "computed by priority matrix " + m.ID; len(last.Note) < len(want) || last.Note[:len(want)] != want {
		t.Errorf("note = %q, want it to start %q", last.Note, want)
	}

	before := deepCopy(reflect.ValueOf(inc)).Interface().(*Incident)
	if _, err := inc.ClassifyByMatrix(desk, c.next(), DefaultPriorityMatrix(), "network", "severe", LevelMedium); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("unknown level: err = %v, want ErrInvalidValue", err)
	}
	if _, err := inc.ClassifyByMatrix(desk, c.next(), nil, "network", LevelLow, LevelLow); !errors.Is(err, ErrRequired) {
		t.Errorf("nil matrix: err = %v, want ErrRequired", err)
	}
	if _, err := inc.ClassifyByMatrix(desk, c.next(), DefaultPriorityMatrix(), "", LevelLow, LevelLow); err == nil {
		t.Error("blank category accepted")
	}
	if !reflect.DeepEqual(before, inc) {
		t.Error("a refused classification changed the incident")
	}
}

func TestIncidentFacts(t *testing.T) {
	inc := NewIncident("Breach", desk, t0)
	inc.Priority, inc.Security = 1, true
	f := inc.Facts(true, 500)
	want := IncidentFacts{Priority: 1, CriticalService: true, AffectedUsers: 500, Security: true}
	if f != want {
		t.Fatalf("Facts = %+v, want %+v", f, want)
	}
	major, matched := DefaultMajorCriteria().Evaluate(f)
	if !major || len(matched) == 0 {
		t.Errorf("default criteria: major = %v (%v), want a major incident", major, matched)
	}
}
