package cmdb

import (
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSnapshotDiff(t *testing.T) {
	at := processtest.T0
	f := func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	before, err := TakeSnapshot(cid(50), ints(51), at,
		[]CISnapshot{
			{CI: cid(3), Fields: f("version", "1.0", "location", "dc1")},
			{CI: cid(1), Fields: f("version", "2.4", "attributes.os", "debian 12")},
			{CI: cid(2), Fields: f("version", "9")},
		},
		[]Relation{{From: cid(1), To: cid(2), Type: process.RelationRunsOn}, {From: cid(3), To: cid(2), Type: process.RelationUses}},
	)
	require.NoError(t, err)
	after, err := TakeSnapshot(cid(52), nil, at.Add(time.Hour),
		[]CISnapshot{
			{CI: cid(1), Fields: f("version", "2.5", "owner", "ops")}, // version changed, os dropped, owner added
			{CI: cid(2), Fields: f("version", "9")},                   // unchanged
			{CI: cid(4), Fields: f("version", "1")},                   // added; 3 removed
		},
		[]Relation{{From: cid(1), To: cid(2), Type: process.RelationRunsOn}, {From: cid(4), To: cid(2), Type: process.RelationUses}},
	)
	require.NoError(t, err)
	d := before.Diff(after)
	assert.Equal(t, SnapshotDiff{
		Added:   ints(4),
		Removed: ints(3),
		Changed: []CIDiff{{CI: cid(1), Fields: []FieldChange{
			{Field: "attributes.os", From: "debian 12"},
			{Field: "owner", To: "ops"},
			{Field: "version", From: "2.4", To: "2.5"},
		}}},
		AddedRelations:   []Relation{{From: cid(4), To: cid(2), Type: process.RelationUses}},
		RemovedRelations: []Relation{{From: cid(3), To: cid(2), Type: process.RelationUses}},
	}, d)
	assert.False(t, d.Empty())
	assert.True(t, before.Diff(before).Empty())

	// The snapshot is a copy: changing the input later changes nothing.
	in := []CISnapshot{{CI: cid(1), Fields: f("version", "1")}}
	s, err := TakeSnapshot(process.ID{}, nil, at, in, nil)
	require.NoError(t, err)
	in[0].Fields["version"] = "2"
	assert.Equal(t, "1", s.CIs[0].Fields["version"])

	_, err = TakeSnapshot(process.ID{}, nil, time.Time{}, []CISnapshot{{CI: cid(1)}, {CI: cid(1)}}, []Relation{{From: cid(1), To: cid(9)}})
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("taken", process.ErrRequired))
	assert.True(t, ve.Has("cis[1].ci", process.ErrInvalidValue))
	assert.True(t, ve.Has("relations[0]", process.ErrInvalidValue))
}
