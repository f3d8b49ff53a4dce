package cmdb

import (
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
)

func TestCheckCMDBHealth(t *testing.T) {
	now := processtest.T0
	recent, old := now.AddDate(0, 0, -10), now.AddDate(0, -6, 0)
	cis := []CIHealthInput{
		{CI: cid(1), Type: "host", Fields: map[string]string{"serial": "ABC", "owner": "ops"}, Updated: recent},
		{CI: cid(2), Type: "host", Fields: map[string]string{"serial": "abc "}, Updated: recent}, // same serial; no owner
		{CI: cid(3), Type: "vm", Fields: map[string]string{"owner": "ops"}, Updated: old},        // stale
		{CI: cid(4), Type: "vm", Fields: map[string]string{"owner": "ops"}, Updated: recent},     // orphan
		{CI: cid(5), Type: "service", Updated: recent},                                           // may stand alone
		{CI: cid(6), Type: "app", Updated: recent},                                               // runs on a host directly
	}
	rels := []Relation{
		{From: cid(3), To: cid(1), Type: process.RelationRunsOn},
		{From: cid(6), To: cid(1), Type: process.RelationRunsOn},
		{From: cid(3), To: cid(9), Type: process.RelationUses},
		{From: cid(2), To: cid(1), Type: process.RelationPartOf},
	}
	rules := HealthRules{
		Required:   map[string][]string{"host": {"owner"}, "vm": {"owner"}},
		Keys:       []string{"serial"},
		StaleAfter: 90 * 24 * time.Hour,
		Now:        now,
		Relations: []RelationRule{
			{From: "vm", Type: process.RelationRunsOn, To: []string{"host", "cluster"}},
			{From: "app", Type: process.RelationRunsOn, To: []string{"vm", "cluster"}},
		},
		Standalone: []string{"service"},
	}
	rep := CheckHealth(cis, rels, rules)
	type short struct {
		Issue HealthIssue
		CI    process.ID
		Other process.ID
		Field string
	}
	var got []short
	for _, f := range rep.Findings {
		got = append(got, short{f.Issue, f.CI, f.Other, f.Field})
	}
	assert.Equal(t, []short{
		{HealthDuplicate, cid(2), cid(1), "serial"},
		{HealthIncomplete, cid(2), process.ID{}, "owner"},
		{HealthBadRelation, cid(3), cid(9), ""},
		{HealthStale, cid(3), process.ID{}, ""},
		{HealthOrphan, cid(4), process.ID{}, ""},
		{HealthBadRelation, cid(6), cid(1), ""},
	}, got)
	assert.Equal(t, 6, rep.CIs)
	assert.Equal(t, 2, rep.Count(HealthBadRelation))
	assert.Contains(t, rep.Findings[5].Detail, "a app may not runs-on a host")
}

func TestHealthIssueText(t *testing.T) {
	for _, i := range []HealthIssue{HealthIncomplete, HealthOrphan, HealthDuplicate, HealthStale, HealthBadRelation} {
		t.Run(string(i), func(t *testing.T) { processtest.EnumText(t, i) })
	}
}
