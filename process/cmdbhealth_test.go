package process

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestCheckCMDBHealth(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	recent, old := now.AddDate(0, 0, -10), now.AddDate(0, -6, 0)
	cis := []CIHealthInput{
		{CI: cid(1), Type: "host", Fields: map[string]string{"serial": "ABC", "owner": "ops"}, Updated: recent},
		{CI: cid(2), Type: "host", Fields: map[string]string{"serial": "abc "}, Updated: recent}, // same serial; no owner
		{CI: cid(3), Type: "vm", Fields: map[string]string{"owner": "ops"}, Updated: old},        // stale
		{CI: cid(4), Type: "vm", Fields: map[string]string{"owner": "ops"}, Updated: recent},     // orphan
		{CI: cid(5), Type: "service", Updated: recent},                                           // may stand alone
		{CI: cid(6), Type: "app", Updated: recent},                                               // runs on a host directly
	}
	rels := []CIRelation{
		{From: cid(3), To: cid(1), Type: RelationRunsOn},
		{From: cid(6), To: cid(1), Type: RelationRunsOn},
		{From: cid(3), To: cid(9), Type: RelationUses},
		{From: cid(2), To: cid(1), Type: RelationPartOf},
	}
	rules := HealthRules{
		Required:   map[string][]string{"host": {"owner"}, "vm": {"owner"}},
		Keys:       []string{"serial"},
		StaleAfter: 90 * 24 * time.Hour,
		Now:        now,
		Relations: []RelationRule{
			{From: "vm", Type: RelationRunsOn, To: []string{"host", "cluster"}},
			{From: "app", Type: RelationRunsOn, To: []string{"vm", "cluster"}},
		},
		Standalone: []string{"service"},
	}
	rep := CheckCMDBHealth(cis, rels, rules)
	type short struct {
		Issue HealthIssue
		CI    ID
		Other ID
		Field string
	}
	var got []short
	for _, f := range rep.Findings {
		got = append(got, short{f.Issue, f.CI, f.Other, f.Field})
	}
	assert.Equal(t, []short{
		{HealthDuplicate, cid(2), cid(1), "serial"},
		{HealthIncomplete, cid(2), ID{}, "owner"},
		{HealthBadRelation, cid(3), cid(9), ""},
		{HealthStale, cid(3), ID{}, ""},
		{HealthOrphan, cid(4), ID{}, ""},
		{HealthBadRelation, cid(6), cid(1), ""},
	}, got)
	assert.Equal(t, 6, rep.CIs)
	assert.Equal(t, 2, rep.Count(HealthBadRelation))
	assert.Contains(t, rep.Findings[5].Detail, "a app may not runs-on a host")
}
