package report

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
)

// The hand-worked fixtures: office hours in Berlin, Monday to Friday 09:00
// to 17:00, with Good Friday and Easter Monday as holidays (in 2026 on 3
// and 6 April) and Christmas; Europe's clocks go forward on 29 March 2026,
// from CET (UTC+1) to CEST (UTC+2).

var (
	desk  = process.Actor{ID: "dana", Roles: []process.Role{process.RoleServiceDesk}}
	berln = mustZone("Europe/Berlin")
)

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// office returns the calendars of the fixtures by the names the targets
// use: office hours and around the clock.
func office() map[string]*calendar.Calendar {
	return map[string]*calendar.Calendar{"office": calendar.Must(calendar.Spec{
		Name: "office", Zone: "Europe/Berlin",
		Week: calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(9, 0), End: calendar.HM(17, 0)}),
		Holidays: []calendar.Holiday{
			{Name: "good friday", Feast: calendar.GoodFriday},
			{Name: "easter monday", Feast: calendar.EasterMonday},
			{Name: "christmas", Date: calendar.Date{Year: 2026, Month: time.December, Day: 25}, Yearly: true},
		},
	}), "24x7": calendar.Must(calendar.Spec{Name: "24x7", Zone: "Europe/Berlin", Week: calendar.EveryDay(calendar.AllDay())})}
}

// bt is a time in Berlin in 2026.
func bt(month time.Month, day, hour, min int) time.Time {
	return time.Date(2026, month, day, hour, min, 0, 0, berln)
}

func hours(n int64) decimal.Decimal { return decimal.NewFromInt(n) }

// agreement returns an SLA for the services with the fixtures' targets:
// P1 on 24x7, P3 on office hours, and availability of 99 % on office hours.
func agreement(customer process.ID, services ...process.ID) *process.SLA {
	terms := process.AgreementTerms{
		Services: services,
		Targets: []process.ServiceTarget{
			{Name: "availability", Kind: process.TargetAvailability, Value: decimal.NewFromInt(99), Unit: process.UnitPercent, Calendar: "office"},
			{Name: "P1 response", Kind: process.TargetResponse, Value: decimal.NewFromInt(15), Unit: process.UnitMinutes, Calendar: "24x7"},
			{Name: "P1 resolution", Kind: process.TargetResolution, Value: hours(4), Unit: process.UnitHours, Calendar: "24x7"},
			{Name: "P3 response", Kind: process.TargetResponse, Value: hours(2), Unit: process.UnitHours, Calendar: "office"},
			{Name: "P3 resolution", Kind: process.TargetResolution, Value: hours(24), Unit: process.UnitHours, Calendar: "office",
				Pause: []process.PendingReason{process.PendingCustomer}},
		},
		Workload: []process.WorkloadCharacteristic{{Measure: "incidents", Volume: decimal.NewFromInt(20), Per: "month"}},
		Start:    bt(time.January, 1, 0, 0),
	}
	return process.NewSLA("mail and web", customer, terms, desk, bt(time.January, 1, 0, 0))
}

// step is one move of a ticket's life, at an instant.
type step func(*process.Incident) error

// incident opens an incident of priority p on service at opened and
// applies the steps in order.
func incident(t testing.TB, title string, service process.ID, p process.Priority, opened time.Time, steps ...step) *process.Incident {
	t.Helper()
	return incidentID(t, process.ID{}, title, service, p, opened, steps...)
}

// fixedID returns the n-th ID of the golden fixtures.
func fixedID(n int) process.ID {
	return process.MustParseID(fmt.Sprintf("019d0000-0000-7000-8000-%012d", n))
}

// incidentID is incident with the given ID (a fresh one if zero).
func incidentID(t testing.TB, id process.ID, title string, service process.ID, p process.Priority, opened time.Time, steps ...step) *process.Incident {
	t.Helper()
	impact := map[process.Priority]process.Level{1: process.LevelHigh, 2: process.LevelHigh, 3: process.LevelMedium, 4: process.LevelMedium, 5: process.LevelLow}[p]
	i := &process.Incident{Header: process.Header{ID: id, Title: title}, Description: title, Category: "software",
		Impact: impact, Urgency: process.LevelMedium, Priority: p, Service: service}
	require.NoError(t, i.Open(desk, opened))
	for _, s := range steps {
		require.NoError(t, s(i))
	}
	return i
}

func assign(at time.Time) step {
	return func(i *process.Incident) error { return i.Assign(desk, at, "messaging", "sam") }
}

func pend(at time.Time) step {
	return func(i *process.Incident) error { return i.Pend(desk, at, process.PendingCustomer) }
}

func resume(at time.Time) step { return func(i *process.Incident) error { return i.Resume(desk, at) } }

func resolve(at time.Time) step {
	return func(i *process.Incident) error { return i.Resolve(desk, at, "restarted the relay") }
}

func reprioritise(at time.Time, p process.Priority) step {
	return func(i *process.Incident) error {
		return i.Classify(desk, at, i.Category, process.LevelHigh, process.LevelHigh, p)
	}
}
