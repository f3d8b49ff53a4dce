package cmdb

import (
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRiskModel(t *testing.T) {
	x := webShop(t, RedundancyGroup{MinUp: 1})
	m := DefaultRiskModel()
	tests := []struct {
		name      string
		in        ChangeRiskInput
		score     int
		level     process.Level
		services  []process.ID
		otherCIs  int
		factorsBy []string
	}{
		// hostA takes vm4 and vm5, absorbed by the cluster: 2 CIs (2), one
		// earlier failure (10), no back-out plan (20) = 32.
		{"host, failed before, no back-out", ChangeRiskInput{Change: cid(70), CIs: ints(ciHostA), FailedBefore: []process.ID{cid(71), cid(70)}},
			32, process.LevelMedium, nil, 2, []string{"cis", "failed-before", "backout"}},
		// The cluster takes the app, the shop and dns: 1 service (10), 3
		// CIs (3), tested back-out = 13.
		{"cluster, tested back-out", ChangeRiskInput{CIs: ints(ciClus), BackoutPlan: true, BackoutTested: true},
			13, process.LevelLow, ints(ciShop), 3, []string{"services", "cis"}},
		// The SAN takes everything: 1 service (10), 10 CIs (10), outage
		// (15), untested back-out (10), three failures capped at 20 = 65.
		{"san, outage, capped failures", ChangeRiskInput{CIs: ints(ciSAN), Outage: true, BackoutPlan: true, FailedBefore: ints(81, 82, 83)},
			65, process.LevelHigh, ints(ciShop), 10, []string{"services", "cis", "failed-before", "outage", "backout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := m.Assess(x, tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.score, r.Score, "score: %+v", r.Factors)
			assert.Equal(t, tt.level, r.Level)
			assert.Equal(t, tt.services, r.Services)
			assert.Equal(t, tt.otherCIs, r.CIs)
			var names []string
			for _, f := range r.Factors {
				names = append(names, f.Name)
			}
			assert.Equal(t, tt.factorsBy, names)
		})
	}
	bad := m
	bad.High, bad.OutagePoints = 10, -1
	_, err := bad.Assess(x, ChangeRiskInput{})
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("medium", process.ErrInvalidValue))
	assert.True(t, ve.Has("outagePoints", process.ErrInvalidValue))
}

func TestRouteChange(t *testing.T) {
	policy := &process.ChangePolicy{StandardChanges: []process.StandardChange{{Code: "patch-os", Description: "monthly os patch"}}}
	low := ChangeRisk{Level: process.LevelLow, Services: ints(1)}
	high := ChangeRisk{Level: process.LevelHigh, Services: ints(1, 2, 3)}
	rules := ChangeRoutingRules{MajorServices: 3, MajorCIs: ints(ciSAN)}
	rfc := func(class process.ChangeClass, model string, cis ...int) *process.RequestForChange {
		return &process.RequestForChange{Class: class, Model: model, AffectedCIs: ints(cis...)}
	}
	tests := []struct {
		name  string
		rfc   *process.RequestForChange
		risk  ChangeRisk
		move  ServiceMove
		class process.ChangeClass
		dt    bool
	}{
		{"standard model, low risk", rfc(process.ChangeNormal, "patch-os", ciVM4), low, ServiceMove{}, process.ChangeStandard, false},
		{"standard model, many services", rfc(process.ChangeNormal, "patch-os", ciVM4), high, ServiceMove{}, process.ChangeNormal, true},
		{"unknown model", rfc(process.ChangeNormal, "resize", ciVM4), low, ServiceMove{}, process.ChangeNormal, false},
		{"major ci", rfc(process.ChangeNormal, "", ciSAN), low, ServiceMove{}, process.ChangeNormal, true},
		{"removes a service", rfc(process.ChangeNormal, "patch-os"), low, ServiceMove{Removes: true}, process.ChangeNormal, true},
		{"transfers a service, emergency", rfc(process.ChangeEmergency, ""), low, ServiceMove{Transfers: true}, process.ChangeEmergency, true},
		{"marked major", &process.RequestForChange{Class: process.ChangeNormal, MajorImpact: true}, low, ServiceMove{}, process.ChangeNormal, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := RouteChange(policy, rules, tt.rfc, tt.risk, tt.move)
			assert.Equal(t, tt.class, rt.Class)
			assert.Equal(t, tt.dt, rt.DesignTransition, "reasons %v", rt.Reasons)
			if tt.dt {
				assert.NotEmpty(t, rt.Reasons)
			}
		})
	}
}
