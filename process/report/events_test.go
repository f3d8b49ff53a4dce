package report

import (
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

// overlay is a store that adds records to a MemStore without its checks,
// as a host's store holding records of other tools may: the builder reads
// through process.Store alone.
type overlay struct {
	*process.MemStore
	extra []process.Record
}

func (o overlay) Get(id process.ID) (process.Record, error) {
	for _, r := range o.extra {
		if r.Meta().ID == id {
			return r, nil
		}
	}
	return o.MemStore.Get(id)
}

func (o overlay) Records(k process.RecordKind) iter.Seq2[process.Record, error] {
	return func(yield func(process.Record, error) bool) {
		for r, err := range o.MemStore.Records(k) {
			if !yield(r, err) {
				return
			}
		}
		for _, r := range o.extra {
			if r.Meta().Kind == k && !yield(r, nil) {
				return
			}
		}
	}
}

func header(n int, k process.RecordKind, title string, created time.Time) process.Header {
	return process.Header{ID: fixedID(n), Kind: k, Title: title, Created: created, Updated: created}
}

// Deployments are significant events when their release implements a
// change to a service of the report; the change's window is planned
// downtime, counted or excluded as the options say.
func TestBuildDeploymentsAndPlannedDowntime(t *testing.T) {
	w := newWorld(t)
	// The change: Tuesday 21 April 16:00-18:00, 1h of office hours.
	rfc := &process.RequestForChange{Header: header(40, process.KindRequestForChange, "upgrade the store", bt(time.April, 10, 9, 0)),
		Services: []process.ID{w.mail}, Window: process.Window{Start: bt(time.April, 21, 16, 0), End: bt(time.April, 21, 18, 0)}, Implementer: "ivan"}
	other := &process.RequestForChange{Header: header(41, process.KindRequestForChange, "web change", bt(time.April, 10, 9, 0)),
		Services: []process.ID{process.NewID()}}
	rel := &process.Release{Header: header(42, process.KindRelease, "store 2.0", bt(time.April, 10, 9, 0)), Changes: []process.ID{rfc.ID}}
	webRel := &process.Release{Header: header(43, process.KindRelease, "web 5", bt(time.April, 10, 9, 0)), Changes: []process.ID{other.ID}}
	deploy := func(n int, release process.ID, day int) *process.Deployment {
		return &process.Deployment{Header: header(n, process.KindDeployment, fmt.Sprintf("deployment %d", n), bt(time.April, 1, 9, 0)),
			Release: release, Target: "production", Window: process.Window{Start: bt(time.April, day, 16, 0), End: bt(time.April, day, 18, 0)}}
	}
	s := overlay{w.store, []process.Record{rfc, other, rel, webRel,
		deploy(50, rel.ID, 21), deploy(51, webRel.ID, 21), deploy(52, rel.ID, 30)}}
	s.extra[len(s.extra)-1].(*process.Deployment).Window.Start = bt(time.May, 2, 16, 0) // after April

	for _, tt := range []struct {
		count    bool
		achieved string
	}{
		// Excluded: (160 - 1 - 8) / (160 - 1) = 151/159 = 94.9685...%.
		{false, "94.969"},
		// Counted: (160 - 9) / 160 = 94.375 %.
		{true, "94.375"},
	} {
		r, err := Build(s, w.def, Scope{Services: []process.ID{w.mail}}, april, &Options{Calendars: office(), CountPlanned: tt.count})
		require.NoError(t, err)
		var events []process.ID
		for _, e := range r.Events {
			events = append(events, e.Record)
		}
		assert.Equal(t, []process.ID{w.b.ID, w.invocation.ID, fixedID(50)}, events)
		a := r.Availability[0]
		assert.Equal(t, time.Hour, a.PlannedDowntime)
		assert.True(t, a.Achieved.Equal(dec(tt.achieved)), "counted %v: %s", tt.count, a.Achieved)
		assert.Equal(t, Workload{Kind: process.KindRequestForChange, Counts: []int{0, 0, 0, 1}}, r.Workload[2])
	}
}
