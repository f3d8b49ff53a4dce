package cmdb

import (
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckSchedule(t *testing.T) {
	const (
		ciH, ciV, ciW, ciU = 11, 12, 13, 14
		blackout           = 90
	)
	x, err := Build(
		[]Node{{ID: cid(ciH), Type: "host"}, {ID: cid(ciV), Type: "vm"}, {ID: cid(ciW), Type: "vm"}, {ID: cid(ciU), Type: "app"}},
		[]Relation{{From: cid(ciV), To: cid(ciH), Type: process.RelationHostedOn}, {From: cid(ciW), To: cid(ciH), Type: process.RelationHostedOn}},
		nil)
	require.NoError(t, err)
	day := processtest.At(-9) // midnight before processtest.T0: slots are named by the time of day
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	slot := func(c, ci, h1, m1, h2, m2 int) ChangeSlot {
		return ChangeSlot{Change: cid(c), CIs: []process.ID{cid(ci)}, Window: process.Window{Start: at(h1, m1), End: at(h2, m2)}}
	}
	in := ScheduleCheck{
		Slots: []ChangeSlot{
			slot(7, ciU, 22, 0, 23, 30), // in the blackout, outside U's windows
			slot(1, ciV, 1, 0, 3, 0),
			slot(2, ciV, 2, 0, 4, 0),    // overlaps 1 on V
			slot(3, ciH, 3, 30, 5, 0),   // overlaps 2 on V's host; 1 ended at 3:00
			slot(4, ciW, 3, 0, 3, 30),   // touches 3 on W's host only; V is a sibling
			slot(5, ciU, 10, 0, 11, 0),  // past U's 9:00–10:30 window
			slot(6, ciU, 12, 0, 12, 30), // inside U's 12:00–13:00 window
		},
		Maintenance: []TimeSpan{
			{Owner: cid(ciU), Window: process.Window{Start: at(12, 0), End: at(13, 0)}},
			{Owner: cid(ciU), Window: process.Window{Start: at(9, 0), End: at(10, 30)}},
		},
		Blackouts: []TimeSpan{{Owner: cid(blackout), Window: process.Window{Start: at(20, 0), End: at(23, 0)}, Reason: "month-end close"}},
		Index:     x,
	}
	got, err := CheckSchedule(in)
	require.NoError(t, err)
	type short struct {
		Reason        ConflictReason
		Change, Other process.ID
		CI, OtherCI   process.ID
	}
	var gs []short
	for _, c := range got {
		gs = append(gs, short{c.Reason, c.Change, c.Other, c.CI, c.OtherCI})
	}
	assert.Equal(t, []short{
		{ConflictSameCI, cid(1), cid(2), cid(ciV), cid(ciV)},
		{ConflictRelatedCI, cid(2), cid(3), cid(ciV), cid(ciH)},
		{ConflictOutsideMaintenance, cid(5), cid(ciU), cid(ciU), process.ID{}},
		{ConflictOutsideMaintenance, cid(7), cid(ciU), cid(ciU), process.ID{}},
		{ConflictBlackout, cid(7), cid(blackout), process.ID{}, process.ID{}},
	}, gs)
	assert.Contains(t, got[4].Detail, "month-end close")

	// Without an index only the same CI conflicts.
	in.Index = nil
	got, err = CheckSchedule(in)
	require.NoError(t, err)
	for _, c := range got {
		assert.NotEqual(t, ConflictRelatedCI, c.Reason, "got %v", c)
	}

	// A window that ends before it starts is refused.
	_, err = CheckSchedule(ScheduleCheck{Slots: []ChangeSlot{slot(1, ciV, 3, 0, 2, 0)}})
	assert.ErrorIs(t, err, process.ErrInvalidValue)
}

func TestConflictReasonText(t *testing.T) {
	for _, r := range []ConflictReason{ConflictSameCI, ConflictRelatedCI, ConflictOutsideMaintenance, ConflictBlackout} {
		t.Run(string(r), func(t *testing.T) { processtest.EnumText(t, r) })
	}
}
