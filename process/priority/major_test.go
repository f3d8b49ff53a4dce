package priority

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMajorCriteria(t *testing.T) {
	payments := process.NewID()
	c := DefaultMajorCriteria()
	require.NoError(t, c.Validate())
	tests := []struct {
		name  string
		facts Facts
		major bool
		rules []string
	}{
		{"P1 on a critical service", Facts{Priority: 1, CriticalService: true}, true, []string{"priority 1 on a critical service"}},
		{"P1 on another service", Facts{Priority: 1}, false, nil},
		{"P2 on a critical service", Facts{Priority: 2, CriticalService: true}, false, nil},
		{"many users", Facts{Priority: 3, AffectedUsers: 100}, true, []string{"100 or more users affected"}},
		{"both", Facts{Priority: 1, CriticalService: true, AffectedUsers: 5000}, true,
			[]string{"priority 1 on a critical service", "100 or more users affected"}},
		{"unset priority", Facts{CriticalService: true, AffectedUsers: 99}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			major, rules := c.Evaluate(tt.facts)
			assert.Equal(t, tt.major, major)
			assert.Equal(t, tt.rules, rules)
		})
	}

	all := &MajorCriteria{ID: "acme", Version: 2, Match: MatchAll, Rules: []MajorRule{
		{Name: "payments", Services: []process.ID{payments}},
		{Name: "P2 or higher", MaxPriority: 2},
	}}
	require.NoError(t, all.Validate())
	major, rules := all.Evaluate(Facts{Priority: 2, Service: payments})
	assert.True(t, major)
	assert.Equal(t, []string{"payments", "P2 or higher"}, rules)
	major, rules = all.Evaluate(Facts{Priority: 3, Service: payments})
	assert.False(t, major, "all of: one rule is not enough")
	assert.Equal(t, []string{"payments"}, rules)

	bad := &MajorCriteria{Match: "some", Rules: []MajorRule{{Name: "x"}, {Name: "x", MinAffectedUsers: -1}}}
	var ve *process.ValidationError
	require.True(t, errors.As(bad.Validate(), &ve))
	for _, p := range []string{"id", "version", "match", "rules[0]", "rules[1].name", "rules[1].minAffectedUsers"} {
		assert.True(t, ve.Has(p, nil), "want a finding at %s in %v", p, ve)
	}

	b, err := json.Marshal(all)
	require.NoError(t, err)
	var back MajorCriteria
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, *all, back)
}
