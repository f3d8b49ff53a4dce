package process

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProcessCatalogue(t *testing.T) {
	all := All()
	require.Len(t, all, 14)
	clauses := []string{"5", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "7.1", "7.2", "8.1", "8.2", "9.1", "9.2", "9.3"}
	seen := map[Process]bool{}
	for i, p := range all {
		assert.True(t, p.Valid(), "%s", p)
		assert.Equal(t, clauses[i], p.Clause(), "clause of %s", p)
		assert.True(t, p.Group().Valid(), "group of %s", p)
		assert.NotEmpty(t, p.Code())
		assert.False(t, seen[p], "duplicate %s", p)
		seen[p] = true
	}
	all[0] = "changed"
	assert.Equal(t, DesignTransition, All()[0], "All returns a copy")
}

func TestProcessGroups(t *testing.T) {
	tests := []struct {
		p    Process
		want Group
	}{
		{DesignTransition, GroupDesignTransition},
		{ServiceLevelManagement, GroupServiceDelivery},
		{InformationSecurityManagement, GroupServiceDelivery},
		{SupplierManagement, GroupRelationship},
		{ProblemManagement, GroupResolution},
		{ReleaseDeploymentManagement, GroupControl},
	}
	for _, tt := range tests {
		if got := tt.p.Group(); got != tt.want {
			t.Errorf("%s.Group() = %s, want %s", tt.p, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Process
	}{
		{"change", ChangeManagement},
		{"9.2", ChangeManagement},
		{"CHG", ChangeManagement},
		{"chg", ChangeManagement},
		{"  Change management ", ChangeManagement},
		{"incident and service request management", IncidentRequestManagement},
		{"5", DesignTransition},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
	for _, bad := range []string{"", "9.9", "changes", "x-change"} {
		_, err := Parse(bad)
		assert.ErrorIs(t, err, ErrInvalidValue, bad)
	}
}

func TestProcessStringAndJSON(t *testing.T) {
	assert.Equal(t, "Change management", ChangeManagement.String())
	assert.Equal(t, `%!Process(nope)`, Process("nope").String())
	assert.Equal(t, "%!Group(x)", Group("x").String())
	b, err := json.Marshal(map[string]Process{"p": ProblemManagement})
	require.NoError(t, err)
	assert.JSONEq(t, `{"p":"problem"}`, string(b))
	var m map[string]Process
	require.NoError(t, json.Unmarshal([]byte(`{"p":"8.2"}`), &m))
	assert.Equal(t, ProblemManagement, m["p"])
	assert.Error(t, json.Unmarshal([]byte(`{"p":"nope"}`), &m))
	_, err = json.Marshal(Process("nope"))
	assert.ErrorIs(t, err, ErrInvalidValue)
}

func TestRecordKinds(t *testing.T) {
	ks := Kinds()
	require.Len(t, ks, 79) // the kinds of records.md
	counts := map[Process]int{}
	sms := 0
	for _, k := range ks {
		assert.True(t, k.Valid(), "%s", k)
		assert.False(t, k.Custom(), "%s", k)
		assert.NotEmpty(t, k.Clause(), "%s", k)
		assert.Equal(t, strings.ToLower(string(k)), string(k))
		if k.SMS() {
			sms++
			assert.True(t, strings.HasPrefix(k.Clause(), "4"), "%s clause %s", k, k.Clause())
			continue
		}
		o := k.Owner()
		require.True(t, o.Valid(), "owner of %s", k)
		assert.Equal(t, o.Clause(), k.Clause(), "clause of %s", k)
		counts[o]++
	}
	assert.Equal(t, 15, sms)
	for _, p := range All() {
		assert.GreaterOrEqual(t, counts[p], 2, "kinds owned by %s", p)
	}
	tests := []struct {
		k     RecordKind
		owner Process
	}{
		{KindIncident, IncidentRequestManagement},
		{KindKnownError, ProblemManagement},
		{KindRequestForChange, ChangeManagement},
		{KindScheduleOfChange, ChangeManagement},
		{KindConfigurationBaseline, ConfigurationManagement},
		{KindSLA, ServiceLevelManagement},
		{KindBudget, BudgetingAccounting},
		{KindCapacityPlan, CapacityManagement},
		{KindComplaint, BusinessRelationshipManagement},
		{KindSupplierContract, SupplierManagement},
		{KindContinuityPlan, ContinuityAvailabilityManagement},
		{KindRelease, ReleaseDeploymentManagement},
		{KindInternalAudit, ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.owner, tt.k.Owner(), "owner of %s", tt.k)
	}
}

func TestParseKind(t *testing.T) {
	k, err := ParseKind("request-for-change")
	require.NoError(t, err)
	assert.Equal(t, KindRequestForChange, k)
	k, err = ParseKind("x-vendor-widget")
	require.NoError(t, err)
	assert.True(t, k.Custom())
	assert.False(t, k.Valid())
	assert.Equal(t, Process(""), k.Owner())
	for _, bad := range []string{"", "x-", "incidents", "Incident"} {
		_, err := ParseKind(bad)
		assert.ErrorIs(t, err, ErrUnknownKind, bad)
	}
	var got struct{ K RecordKind }
	require.NoError(t, json.Unmarshal([]byte(`{"K":"sla"}`), &got))
	assert.Equal(t, KindSLA, got.K)
	err = json.Unmarshal([]byte(`{"K":"slaa"}`), &got)
	assert.True(t, errors.Is(err, ErrUnknownKind), "%v", err)
	_, err = json.Marshal(RecordKind("bogus"))
	assert.ErrorIs(t, err, ErrUnknownKind)
}

func TestLevelPriority(t *testing.T) {
	assert.True(t, LevelHigh.Valid())
	assert.False(t, Level("").Valid())
	assert.False(t, Level("severe").Valid())
	assert.Equal(t, "P1", Priority(1).String())
	assert.Equal(t, "unset", Priority(0).String())
	assert.False(t, Priority(0).Valid())
	assert.True(t, Priority(5).Valid())
}
