package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process/processtest"
)

var update = flag.Bool("update", false, "rewrite the golden summary in testdata")

// wantFiles are the files the demonstration writes.
var wantFiles = []string{
	"capacity-1.svg", "capacity-2.svg", "capacity-3.svg", "capacity-plan.md",
	"cmdb.dot", "cmdb.mmd", "conformity-2011.md", "conformity-2018.md", "conformity.json",
	"cost-report.csv", "cost-report.json", "fleet-tracking-dependencies.dot", "fleet-tracking-dependencies.mmd",
	"interface-audit.txt", "interfaces.dot", "interfaces.mmd",
	"reports/hudson-2026-04.json", "reports/hudson-2026-04.md", "reports/hudson-2026-05.json", "reports/hudson-2026-05.md",
	"reports/hudson-2026-06.json", "reports/hudson-2026-06.md", "reports/hudson-2026-Q2.md",
	"reports/spreewerk-2026-04.json", "reports/spreewerk-2026-04.md", "reports/spreewerk-2026-05.json", "reports/spreewerk-2026-05.md",
	"reports/spreewerk-2026-06.json", "reports/spreewerk-2026-06.md", "reports/spreewerk-2026-Q2.md",
}

// TestDemonstration runs the provider with seed 1, as CI does: it writes
// every file, each well formed, and its summary is the golden one
// (testdata/summary-seed1.txt; go test -update rewrites it when a change
// of the library is meant to move a figure).
func TestDemonstration(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(&out, 1, dir))
	summary := strings.ReplaceAll(out.String(), dir, "OUT")
	processtest.Golden(t, "summary-seed1.txt", []byte(summary), *update)

	var got []string
	require.NoError(t, filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			got = append(got, filepath.ToSlash(rel))
		}
		return err
	}))
	slices.Sort(got)
	assert.Equal(t, wantFiles, got)
	for _, name := range got {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		require.NotEmpty(t, b, name)
		switch filepath.Ext(name) {
		case ".json":
			assert.True(t, json.Valid(b), "%s is not JSON", name)
		case ".svg":
			assert.True(t, bytes.HasPrefix(b, []byte("<svg")), "%s is not SVG", name)
		case ".dot":
			assert.True(t, bytes.HasPrefix(b, []byte("digraph")), "%s is not DOT", name)
		case ".mmd":
			assert.Contains(t, string(b), "\nflowchart ", "%s is not a Mermaid flowchart", name)
		case ".md":
			assert.True(t, bytes.HasPrefix(b, []byte("# ")), "%s has no title", name)
		}
	}

	// Key figures, beside the golden summary: every customer's targets
	// were measured, the conformity assessment ran over the records, and
	// the interface audit found what a generated quarter leaves.
	var conf struct {
		Score    float64 `json:"score"`
		Findings []struct {
			Status string `json:"status"`
		} `json:"findings"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "conformity.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &conf))
	assert.Len(t, conf.Findings, 332)
	assert.Greater(t, conf.Score, 80.0)
	assert.Less(t, conf.Score, 100.0, "a generated quarter leaves gaps; a perfect score would mean the assessment judged nothing")
	assert.Contains(t, summary, "targets, Spreewerk Logistik GmbH")
	assert.Contains(t, summary, "targets, Hudson Health Partners")
	assert.Regexp(t, `interface audit\s+\d+ records checked, [1-9]\d* finding`, summary)
}

// TestDemonstrationDeterministic runs seed 1 twice: the same files, byte
// for byte; and seed 2 gives other records.
func TestDemonstrationDeterministic(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("three more runs of the demonstration: not with -short or -race")
	}
	read := func(seed uint64) map[string][]byte {
		dir := t.TempDir()
		require.NoError(t, run(new(bytes.Buffer), seed, dir))
		files := map[string][]byte{}
		for _, name := range wantFiles {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			require.NoError(t, err)
			files[name] = b
		}
		return files
	}
	a, b, c := read(1), read(1), read(2)
	for _, name := range wantFiles {
		assert.Equal(t, a[name], b[name], "%s differs between two runs of seed 1", name)
	}
	assert.NotEqual(t, a["reports/spreewerk-2026-05.json"], c["reports/spreewerk-2026-05.json"])
}
