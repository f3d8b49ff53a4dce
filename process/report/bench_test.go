package report

import (
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
)

// BenchmarkTicket measures the whole target status of one ticket: a P3
// incident paused over the Easter holidays, then re-prioritised to P1.
func BenchmarkTicket(b *testing.B) {
	svc := process.NewID()
	sla := agreement(process.NewID(), svc)
	cals := office()
	inc := incident(b, "mail slow", svc, 3, bt(time.April, 2, 15, 0),
		assign(bt(time.April, 2, 16, 0)), pend(bt(time.April, 2, 16, 30)), resume(bt(time.April, 7, 10, 0)),
		reprioritise(bt(time.April, 7, 11, 0), 1))
	at := bt(time.April, 7, 12, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Ticket(inc, sla, cals, at); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAvailability measures a service's availability over a year
// of office hours with an outage every working day and a change every
// week; it reports the time per outage.
func BenchmarkAvailability(b *testing.B) {
	svc := process.NewID()
	sla := agreement(process.NewID(), svc)
	days := 365
	if testing.Short() {
		days = 30
	}
	var incidents []*process.Incident
	var changes []*process.RequestForChange
	start := bt(time.January, 1, 0, 0)
	for d := range days {
		day := start.AddDate(0, 0, d)
		if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			continue
		}
		opened := day.Add(10 * time.Hour)
		incidents = append(incidents, &process.Incident{
			Header:   process.Header{ID: process.NewID(), Kind: process.KindIncident, Title: "outage", Status: string(process.IncidentResolved), Created: opened},
			Priority: 1, Service: svc, Resolved: opened.Add(90 * time.Minute),
		})
		if day.Weekday() == time.Wednesday {
			changes = append(changes, implemented("patch", process.Window{Start: day.Add(16 * time.Hour), End: day.Add(18 * time.Hour)}, svc))
		}
	}
	in := AvailabilityInput{Agreement: sla, Service: svc, Period: process.Window{Start: start, End: start.AddDate(0, 0, days)},
		Incidents: incidents, Changes: changes, Calendars: office()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Availability(in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(incidents)+len(changes)), "ns/outage")
}
