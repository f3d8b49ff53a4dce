package report

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/clock"
)

func TestTicket(t *testing.T) {
	svc := process.NewID()
	sla := agreement(process.NewID(), svc)
	cals := office()
	type want struct {
		name            string
		state           clock.State
		elapsed, paused time.Duration
		deadline        time.Time
	}
	tests := []struct {
		name string
		inc  *process.Incident
		at   time.Time
		want []want
	}{{
		// Logged Thursday 2 April 15:00, assigned at 16:00 (response: 1h of
		// 2h, met). Pending for the customer from 16:30 to Tuesday 7 April
		// 10:00, over Good Friday, the weekend and Easter Monday: paused
		// 16:30-17:00 and Tuesday 09:00-10:00, 1h30m of office time. Used by
		// Wednesday 12:00: 15:00-16:30 (1h30m), Tuesday 10:00-17:00 (7h),
		// Wednesday 09:00-12:00 (3h) = 11h30m of 24h; the 12h30m left run
		// Wednesday 12:00-17:00 (5h) and Thursday 9 April 09:00-16:30.
		name: "pause over a holiday",
		inc: incident(t, "mail slow", svc, 3, bt(time.April, 2, 15, 0),
			assign(bt(time.April, 2, 16, 0)), pend(bt(time.April, 2, 16, 30)), resume(bt(time.April, 7, 10, 0))),
		at: bt(time.April, 8, 12, 0),
		want: []want{
			{"P3 response", clock.Met, time.Hour, 0, bt(time.April, 2, 17, 0)},
			{"P3 resolution", clock.Running, 11*time.Hour + 30*time.Minute, 90 * time.Minute, bt(time.April, 9, 16, 30)},
		},
	}, {
		// Logged Friday 27 March 14:00 CET, assigned 16:30: response took
		// 2h30m of 2h, breached at 16:00. Resolved Tuesday 31 March 11:00
		// CEST, after the clocks went forward: Friday 14:00-17:00 (3h),
		// Monday (8h), Tuesday 09:00-11:00 (2h) = 13h of 24h, met; it would
		// have run out Wednesday 1 April 14:00 CEST (3+8+8, then 5h).
		name: "across the change to summer time",
		inc: incident(t, "web down", svc, 3, bt(time.March, 27, 14, 0),
			assign(bt(time.March, 27, 16, 30)), resolve(bt(time.March, 31, 11, 0))),
		at: bt(time.April, 1, 9, 0),
		want: []want{
			{"P3 response", clock.Breached, 150 * time.Minute, 0, bt(time.March, 27, 16, 0)},
			{"P3 resolution", clock.Met, 13 * time.Hour, 0, bt(time.April, 1, 14, 0)},
		},
	}, {
		// Logged P3 Monday 13 April 09:00, assigned 09:30 (response met),
		// raised to P1 at 10:00 with 1h of office time used: P1 runs around
		// the clock, 4h less the 1h used, due 13:00. The response clock had
		// stopped before the change; its target becomes P1's 15 minutes,
		// which its 30 minutes passed: breached at the change, as a clock
		// moved to a target its time used already passes is.
		name: "re-prioritised to P1",
		inc: incident(t, "payments failing", svc, 3, bt(time.April, 13, 9, 0),
			assign(bt(time.April, 13, 9, 30)), reprioritise(bt(time.April, 13, 10, 0), 1)),
		at: bt(time.April, 13, 11, 0),
		want: []want{
			{"P1 response", clock.Breached, 30 * time.Minute, 0, bt(time.April, 13, 10, 0)},
			{"P1 resolution", clock.Running, 2 * time.Hour, 0, bt(time.April, 13, 13, 0)},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Ticket(tt.inc, sla, cals, tt.at)
			require.NoError(t, err)
			assert.Equal(t, tt.inc.ID, got.Ticket)
			assert.Equal(t, slices.ContainsFunc(tt.want, func(w want) bool { return w.state == clock.Breached }), got.Breached())
			require.Len(t, got.Targets, len(tt.want))
			for i, w := range tt.want {
				s := got.Targets[i]
				assert.Equal(t, w.name, s.Target, "target %d", i)
				assert.Equal(t, w.state, s.State, "%s state", w.name)
				assert.Equal(t, w.elapsed, s.Elapsed, "%s elapsed", w.name)
				assert.Equal(t, w.paused, s.Paused, "%s paused", w.name)
				assert.True(t, w.deadline.Equal(s.Deadline), "%s deadline: got %s, want %s", w.name, s.Deadline, w.deadline)
			}
		})
	}
}

func TestTicketRefused(t *testing.T) {
	svc := process.NewID()
	sla := agreement(process.NewID(), svc)
	inc := incident(t, "x", svc, 3, bt(time.April, 13, 9, 0))
	other := incident(t, "y", process.NewID(), 3, bt(time.April, 13, 9, 0))
	var nilInc *process.Incident
	for _, tt := range []struct {
		name string
		r    process.Record
		sla  *process.SLA
		want error
	}{
		{"nil record", nil, sla, process.ErrRequired},
		{"nil incident", nilInc, sla, process.ErrRequired},
		{"nil agreement", inc, nil, process.ErrRequired},
		{"not a ticket", sla, sla, process.ErrInvalidValue},
		{"service not covered", other, sla, process.ErrPrecondition},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Ticket(tt.r, tt.sla, office(), bt(time.April, 13, 10, 0))
			assert.True(t, errors.Is(err, tt.want), "got %v, want %v", err, tt.want)
		})
	}
	// An unknown calendar is the clock's error, not a panic.
	_, err := Ticket(inc, sla, nil, bt(time.April, 13, 10, 0))
	assert.ErrorIs(t, err, process.ErrNotFound)
}

// A service request: logged Friday 10 April 16:00, fulfilment started
// Monday 13 April 10:00 (response: 1h on Friday + 1h on Monday = 2h of 2h,
// met on the minute), pending for the customer 11:00-14:00 (3h paused),
// fulfilled Tuesday 14 April 12:00: used 2h + Monday 10-11 and 14-17 (4h)
// + Tuesday 09-12 (3h) = 9h of 24h, met.
func TestTicketServiceRequest(t *testing.T) {
	svc := process.NewID()
	sla := agreement(process.NewID(), svc)
	r := &process.ServiceRequest{Header: process.Header{Title: "new mailbox"}, Description: "a mailbox for a new starter",
		Item: "mailbox", Priority: 3, Service: svc}
	require.NoError(t, r.Open(desk, bt(time.April, 10, 16, 0)))
	require.NoError(t, r.Fulfil(desk, bt(time.April, 13, 10, 0), "messaging"))
	require.NoError(t, r.Pend(desk, bt(time.April, 13, 11, 0), process.PendingCustomer))
	require.NoError(t, r.Fulfil(desk, bt(time.April, 13, 14, 0), "messaging"))
	require.NoError(t, r.Complete(desk, bt(time.April, 14, 12, 0), "mailbox created"))
	got, err := Ticket(r, sla, office(), bt(time.April, 15, 9, 0))
	require.NoError(t, err)
	require.Len(t, got.Targets, 2)
	assert.Equal(t, clock.Met, got.Targets[0].State)
	assert.Equal(t, 2*time.Hour, got.Targets[0].Elapsed)
	assert.Equal(t, clock.Met, got.Targets[1].State)
	assert.Equal(t, 9*time.Hour, got.Targets[1].Elapsed)
	assert.Equal(t, 3*time.Hour, got.Targets[1].Paused)
	assert.False(t, got.Breached())
}
