package report

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

// month is the hand-worked month of the availability tests: Monday 16
// March to Thursday 16 April 2026 in Berlin. Its office hours: 23
// weekdays (16-20 March, 23-27 March, 30 March-3 April, 6-10 April,
// 13-15 April) less Good Friday and Easter Monday, 21 days of 8 hours =
// 168h. The clocks go forward on Sunday 29 March.
var month = process.Window{Start: bt(time.March, 16, 0, 0), End: bt(time.April, 16, 0, 0)}

// implemented returns a change to services implemented in window; only
// the fields Availability reads are set.
func implemented(title string, w process.Window, services ...process.ID) *process.RequestForChange {
	return &process.RequestForChange{Header: process.Header{ID: process.NewID(), Kind: process.KindRequestForChange, Title: title},
		Window: w, Services: services, Implementer: "ivan"}
}

func TestAvailabilityMonth(t *testing.T) {
	mail, web := process.NewID(), process.NewID()
	sla := agreement(process.NewID(), mail, web)
	// Outage 1, P1: Friday 27 March 16:00 CET to Monday 30 March 10:00
	// CEST, over the weekend the clocks go forward: 1h on Friday, 1h on
	// Monday = 2h of office time (65h of real time).
	o1 := incident(t, "mail down", mail, 1, bt(time.March, 27, 16, 0),
		assign(bt(time.March, 27, 16, 5)), resolve(bt(time.March, 30, 10, 0)))
	// Outage 2, P2 declared major: Thursday 2 April 15:00 to Tuesday 7
	// April 11:00, over Good Friday and Easter Monday: 2h on Thursday, 2h
	// on Tuesday = 4h.
	o2 := incident(t, "mail store lost", mail, 2, bt(time.April, 2, 15, 0),
		assign(bt(time.April, 2, 15, 5)),
		func(i *process.Incident) error {
			return i.DeclareMajor(process.Actor{ID: "mia", Roles: []process.Role{process.RoleIncidentManager}}, bt(time.April, 2, 15, 10), "mia", "mail store lost")
		},
		resolve(bt(time.April, 7, 11, 0)))
	// A P1 on the same outage, 16:00-16:30 on Thursday: inside outage 2, so
	// it adds no downtime and no failure.
	dup := incident(t, "cannot read mail", mail, 1, bt(time.April, 2, 16, 0),
		assign(bt(time.April, 2, 16, 10)), resolve(bt(time.April, 2, 16, 30)))
	// Not outages: a P3 of the service, a P1 of another service.
	p3 := incident(t, "slow search", mail, 3, bt(time.April, 1, 10, 0))
	other := incident(t, "web down", web, 1, bt(time.April, 1, 10, 0))
	// Planned: the mail change, Wednesday 8 April 16:00-18:00, 1h of
	// office time; the web change, Tuesday 14 April 16:00-17:30, 1h.
	mailChange := implemented("patch mail", process.Window{Start: bt(time.April, 8, 16, 0), End: bt(time.April, 8, 18, 0)}, mail)
	webChange := implemented("patch web", process.Window{Start: bt(time.April, 14, 16, 0), End: bt(time.April, 14, 17, 30)}, web)
	// A change not implemented is no downtime.
	planned := implemented("not done", process.Window{Start: bt(time.April, 9, 9, 0), End: bt(time.April, 9, 17, 0)}, mail)
	planned.Implementer = ""

	in := AvailabilityInput{Agreement: sla, Period: month, Calendars: office(),
		Incidents: []*process.Incident{o1, o2, dup, p3, other},
		Changes:   []*process.RequestForChange{mailChange, webChange, planned}}

	tests := []struct {
		name                             string
		service                          process.ID
		countPlanned                     bool
		planned, unplanned, agreed, down time.Duration
		achieved                         string
		met                              bool
		failures                         int
		mtbf, mtrs                       time.Duration
	}{
		// Excluded: agreed 168h - 1h = 167h; down 6h; 161/167 = 96.4071...%.
		// MTBF (168 - 1 - 6)h / 2 = 80h30m; MTRS 6h / 2 = 3h.
		{"mail, planned excluded", mail, false, time.Hour, 6 * time.Hour, 167 * time.Hour, 6 * time.Hour, "96.407", false, 2, 80*time.Hour + 30*time.Minute, 3 * time.Hour},
		// Counted: agreed 168h; down 7h; 161/168 = 95.8333...%.
		{"mail, planned counted", mail, true, time.Hour, 6 * time.Hour, 168 * time.Hour, 7 * time.Hour, "95.833", false, 2, 80*time.Hour + 30*time.Minute, 3 * time.Hour},
		// The web P1 of 1 April 10:00 is never resolved: down to the end of
		// the month, 1 April 10-17 (7h), 2 April (8h), 7-10 April (32h),
		// 13-15 April (24h) = 71h, the change's 1h inside it counted as
		// planned: 70h unplanned.
		// Excluded: 167h agreed, 70h down: 97/167 = 58.0838...%.
		{"web, planned excluded", web, false, time.Hour, 70 * time.Hour, 167 * time.Hour, 70 * time.Hour, "58.084", false, 1, 97 * time.Hour, 70 * time.Hour},
		// Counted: 168h agreed, 71h down: 97/168 = 57.7380...%.
		{"web, planned counted", web, true, time.Hour, 70 * time.Hour, 168 * time.Hour, 71 * time.Hour, "57.738", false, 1, 97 * time.Hour, 70 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := in
			in.Service, in.CountPlanned = tt.service, tt.countPlanned
			a, err := Availability(in)
			require.NoError(t, err)
			assert.Equal(t, 168*time.Hour, a.ServiceHours)
			assert.Equal(t, tt.planned, a.PlannedDowntime, "planned")
			assert.Equal(t, tt.unplanned, a.UnplannedDowntime, "unplanned")
			assert.Equal(t, tt.agreed, a.Agreed, "agreed")
			assert.Equal(t, tt.down, a.Downtime, "downtime")
			assert.True(t, a.Achieved.Equal(decimal.RequireFromString(tt.achieved)), "achieved %s, want %s", a.Achieved, tt.achieved)
			assert.Equal(t, tt.met, a.Met)
			assert.Equal(t, tt.failures, a.Failures, "failures")
			assert.Equal(t, tt.mtbf, a.MTBF, "mtbf")
			assert.Equal(t, tt.mtrs, a.MTRS, "mtrs")
		})
	}

	a, err := Availability(AvailabilityInput{Agreement: sla, Service: mail, Period: month, Calendars: office(),
		Incidents: in.Incidents, Changes: in.Changes})
	require.NoError(t, err)
	var got []process.ID
	for _, o := range a.Investigate() {
		got = append(got, o.Record)
	}
	assert.Equal(t, []process.ID{o1.ID, o2.ID, dup.ID}, got, "unplanned outages by start")
	assert.Equal(t, []time.Duration{2 * time.Hour, 4 * time.Hour, 30 * time.Minute}, []time.Duration{a.Outages[0].Downtime, a.Outages[1].Downtime, a.Outages[2].Downtime})
	require.Len(t, a.Outages, 4)
	assert.True(t, a.Outages[3].Planned)
	m := a.Measurement(desk, bt(time.April, 16, 9, 0), "mail, March-April")
	assert.Len(t, m.Outages, 4)
	assert.True(t, m.Achieved.Equal(a.Achieved))
}

// A service with planned downtime only: 2h of office time in the month.
// Excluded, it is 100 % available and meets 99 %; counted, 166/168 =
// 98.8095...% and misses it.
func TestAvailabilityPlannedOnly(t *testing.T) {
	svc := process.NewID()
	sla := agreement(process.NewID(), svc)
	c := implemented("upgrade", process.Window{Start: bt(time.March, 18, 15, 0), End: bt(time.March, 18, 17, 0)}, svc)
	for _, tt := range []struct {
		count    bool
		achieved string
		met      bool
	}{{false, "100", true}, {true, "98.810", false}} {
		a, err := Availability(AvailabilityInput{Agreement: sla, Service: svc, Period: month, Calendars: office(),
			Changes: []*process.RequestForChange{c}, CountPlanned: tt.count})
		require.NoError(t, err)
		assert.True(t, a.Achieved.Equal(decimal.RequireFromString(tt.achieved)), "counted %v: %s", tt.count, a.Achieved)
		assert.Equal(t, tt.met, a.Met)
		assert.Zero(t, a.Failures)
		assert.Zero(t, a.MTBF)
		assert.Empty(t, a.Investigate())
	}
}

func TestAvailabilityRefused(t *testing.T) {
	svc := process.NewID()
	sla := agreement(process.NewID(), svc)
	noTarget := agreement(process.NewID(), svc)
	noTarget.Targets = noTarget.Targets[1:]
	for _, tt := range []struct {
		name string
		in   AvailabilityInput
		want error
	}{
		{"no agreement", AvailabilityInput{Service: svc, Period: month}, process.ErrRequired},
		{"no service", AvailabilityInput{Agreement: sla, Period: month}, process.ErrRequired},
		{"no period", AvailabilityInput{Agreement: sla, Service: svc}, process.ErrRequired},
		{"period backwards", AvailabilityInput{Agreement: sla, Service: svc, Period: process.Window{Start: month.End, End: month.Start}}, process.ErrInvalidValue},
		{"not covered", AvailabilityInput{Agreement: sla, Service: process.NewID(), Period: month}, process.ErrPrecondition},
		{"no target", AvailabilityInput{Agreement: noTarget, Service: svc, Period: month}, process.ErrNotFound},
		{"no calendar", AvailabilityInput{Agreement: sla, Service: svc, Period: month}, process.ErrNotFound},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Availability(tt.in)
			assert.True(t, errors.Is(err, tt.want), "got %v", err)
		})
	}
}
