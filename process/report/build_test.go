package report

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/clock"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestBuild(t *testing.T) {
	w := newWorld(t)
	r, err := Build(w.store, w.def, Scope{Customer: w.customer}, april, &Options{Calendars: office()})
	require.NoError(t, err)
	assert.Equal(t, []process.ID{w.mail}, r.Services)
	assert.Equal(t, []process.ID{w.sla.ID}, r.Agreements)

	// One met and one breached ticket per priority and target, in order
	// of priority, response first.
	type row struct {
		target        string
		kind          clock.Kind
		met, breached int
		mean, maxTime time.Duration
	}
	want := []row{
		{"P1 response", clock.FirstResponse, 1, 1, 20 * time.Minute, 30 * time.Minute},
		{"P1 resolution", clock.Resolution, 1, 1, 4 * time.Hour, 6 * time.Hour},
		{"P3 response", clock.FirstResponse, 1, 1, 2 * time.Hour, 3 * time.Hour},
		{"P3 resolution", clock.Resolution, 1, 1, 21*time.Hour + 45*time.Minute, 32 * time.Hour},
	}
	require.Len(t, r.Performance, len(want))
	for i, w := range want {
		p := r.Performance[i]
		assert.Equal(t, w.target, p.Target)
		assert.Equal(t, w.kind, p.Kind)
		assert.Equal(t, w.met, p.Met, w.target)
		assert.Equal(t, w.breached, p.Breached, w.target)
		assert.Zero(t, p.Running, w.target)
		assert.True(t, p.MetShare.Equal(dec("50")), "%s share %s", w.target, p.MetShare)
		assert.Equal(t, w.mean, p.MeanTime, w.target)
		assert.Equal(t, w.maxTime, p.MaxTime, w.target)
	}

	// Availability: the P1s are down 2h and 6h of April's 160h: 152/160 = 95 %.
	require.Len(t, r.Availability, 1)
	a := r.Availability[0]
	assert.Equal(t, 160*time.Hour, a.ServiceHours)
	assert.True(t, a.Achieved.Equal(dec("95")), "achieved %s", a.Achieved)
	assert.Equal(t, 2, a.Failures)
	assert.Equal(t, 76*time.Hour, a.MTBF)
	assert.Equal(t, 4*time.Hour, a.MTRS)

	// Significant events: the major incident, then the invocation.
	require.Len(t, r.Events, 2)
	assert.Equal(t, w.b.ID, r.Events[0].Record)
	assert.Equal(t, w.invocation.ID, r.Events[1].Record)

	// Nonconformities in time order: b's response (14 Apr 09:15) and
	// resolution (13:00) breached, the SMS's nonconformity (20 Apr 09:00),
	// d's response (20 Apr 11:00) and resolution (22 Apr 17:00) breached,
	// the availability target missed (end of April).
	var kinds []process.RecordKind
	var ids []process.ID
	for _, n := range r.Nonconformities {
		kinds, ids = append(kinds, n.Kind), append(ids, n.Record)
	}
	assert.Equal(t, []process.ID{w.b.ID, w.b.ID, w.nonconformity.ID, w.d.ID, w.d.ID, w.sla.ID}, ids)
	assert.Equal(t, process.KindSLA, kinds[5])

	// Workload over January, February, March and April.
	assert.Equal(t, Workload{Kind: process.KindIncident, Counts: []int{0, 0, 1, 4}}, r.Workload[0])
	assert.Equal(t, Workload{Kind: process.KindComplaint, Counts: []int{0, 0, 0, 1}}, r.Workload[3])
	require.Len(t, r.Trends, 4)
	assert.Equal(t, april, r.Trends[3].Period)
	assert.Equal(t, 2, r.Trends[2].Met, "March: e's response and resolution met")
	assert.True(t, r.Trends[2].Availability[0].Equal(dec("100")))

	// Satisfaction: (80 % + 60 %) / 2; the complaint.
	require.Len(t, r.Satisfaction.Surveys, 1)
	assert.True(t, r.Satisfaction.Surveys[0].Score.Equal(dec("70")), "score %s", r.Satisfaction.Surveys[0].Score)
	require.Len(t, r.Satisfaction.Complaints, 1)

	// The decision taken on March's report.
	require.Len(t, r.Decisions, 1)
	assert.Equal(t, w.march.ID, r.Decisions[0].Report)
	assert.Equal(t, "review the mail store's capacity", r.Decisions[0].Decision)

	rec := r.ServiceReport(slm, bt(time.May, 4, 9, 0), "Acme April 2026", bt(time.May, 4, 9, 0))
	require.NoError(t, rec.Validate())
	assert.Len(t, rec.Sections, 7)
	assert.Contains(t, rec.Sections[0].Summary, "4 of 8 ticket targets met (50%)")
	// The record goes into the store, and the records it reports link to it.
	put(t, w.store, rec)
	assert.Equal(t, []process.ID{w.b.ID, w.invocation.ID, w.d.ID, w.a.ID, w.survey.ID, w.complaint.ID}, r.Reported)
	for _, id := range r.Reported {
		got, err := w.store.Get(id)
		require.NoError(t, err)
		require.NoError(t, got.Meta().Link(slm, bt(time.May, 4, 10, 0), process.LinkReportedIn, rec.ID, process.KindServiceReport))
		put(t, w.store, got)
	}
}

// A period whose ticket is still open at its end: its resolution clock
// runs (or, past its deadline, is breached); a ticket logged after the
// period is not counted.
func TestBuildOpenTicket(t *testing.T) {
	w := newWorld(t)
	open := incident(t, "calendar sync", w.mail, 3, bt(time.April, 29, 9, 0), assign(bt(time.April, 29, 9, 30)))
	later := incident(t, "later", w.mail, 3, bt(time.May, 4, 9, 0))
	put(t, w.store, open, later)
	r, err := Build(w.store, nil, Scope{Services: []process.ID{w.mail}}, april, &Options{Calendars: office(), Periods: -1})
	require.NoError(t, err)
	assert.Len(t, r.Trends, 1)
	assert.Empty(t, r.Decisions)
	p3 := r.Performance[3]
	assert.Equal(t, "P3 resolution", p3.Target)
	assert.Equal(t, 1, p3.Running, "open at the end of April with 15h30m used")
	assert.Equal(t, Workload{Kind: process.KindIncident, Counts: []int{5}}, r.Workload[0])
}

func TestBuildRefused(t *testing.T) {
	w := newWorld(t)
	for _, tt := range []struct {
		name   string
		s      process.Store
		scope  Scope
		period process.Window
		want   error
	}{
		{"no store", nil, Scope{Services: []process.ID{w.mail}}, april, process.ErrRequired},
		{"no scope", w.store, Scope{}, april, process.ErrRequired},
		{"no period", w.store, Scope{Services: []process.ID{w.mail}}, process.Window{}, process.ErrRequired},
		{"empty period", w.store, Scope{Services: []process.ID{w.mail}}, process.Window{Start: april.Start, End: april.Start}, process.ErrInvalidValue},
		{"no agreement", w.store, Scope{Services: []process.ID{process.NewID()}}, april, process.ErrNotFound},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(tt.s, nil, tt.scope, tt.period, &Options{Calendars: office()})
			assert.True(t, errors.Is(err, tt.want), "got %v", err)
		})
	}
}
