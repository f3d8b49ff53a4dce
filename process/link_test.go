package process

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLinkRules(t *testing.T) {
	tests := []struct {
		t        LinkType
		from, to RecordKind
		want     bool
	}{
		{LinkAffects, KindIncident, KindConfigurationItem, true},
		{LinkAffects, KindConfigurationItem, KindIncident, false},
		{LinkRequires, KindProblem, KindRequestForChange, true},
		{LinkRequires, KindIncident, KindRequestForChange, false},
		{LinkImplementedBy, KindRequestForChange, KindRelease, true},
		{LinkBaselinedBy, KindRelease, KindConfigurationBaseline, true},
		{LinkService, KindComplaint, KindService, true},
		{LinkService, KindComplaint, KindIncident, false},
		{"x-anything", KindComplaint, "x-widget", true},
		{"x-anything", KindComplaint, "bogus", false},
		{"bogus", KindIncident, KindConfigurationItem, false},
	}
	for _, tt := range tests {
		if got := tt.t.Allows(tt.from, tt.to); got != tt.want {
			t.Errorf("%s.Allows(%s, %s) = %v, want %v", tt.t, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestLinkTypesTable(t *testing.T) {
	ts := LinkTypes()
	assert.True(t, slices.IsSorted(ts))
	for _, lt := range ts {
		assert.True(t, lt.Valid(), "%s", lt)
		assert.False(t, lt.Custom(), "%s", lt)
		n := 0
		for from, to := range lt.Pairs() {
			n++
			assert.True(t, from.Valid() && to.Valid(), "%s: %s → %s", lt, from, to)
			assert.True(t, lt.Allows(from, to), "%s: %s → %s", lt, from, to)
		}
		assert.Positive(t, n, "%s joins nothing", lt)
	}
	n := 0
	for range LinkService.Pairs() {
		n++
	}
	assert.Equal(t, len(Kinds()), n, "service links come from any kind")
	for range LinkAffects.Pairs() {
		break // stopping early must not panic
	}
}
