package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"testing"

	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with the file testdata/name, or rewrites it with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	processtest.Golden(t, name, got, *update)
}

// aprilReport builds the report of the hand-built store for April.
func aprilReport(t *testing.T) *Report {
	t.Helper()
	w := newWorld(t)
	r, err := Build(w.store, w.def, Scope{Customer: w.customer}, april, &Options{Calendars: office()})
	require.NoError(t, err)
	return r
}

func TestGoldenJSON(t *testing.T) {
	r := aprilReport(t)
	var b bytes.Buffer
	require.NoError(t, r.WriteJSON(&b))
	golden(t, "april.json", b.Bytes())

	// The JSON reads back into the same figures.
	var back Report
	require.NoError(t, json.Unmarshal(b.Bytes(), &back))
	var again bytes.Buffer
	require.NoError(t, back.WriteJSON(&again))
	assert.Equal(t, b.String(), again.String())
}

func TestGoldenMarkdown(t *testing.T) {
	r := aprilReport(t)
	var b bytes.Buffer
	require.NoError(t, r.WriteMarkdown(&b))
	golden(t, "april.md", b.Bytes())

	// Deterministic: a second build writes the same bytes.
	var again bytes.Buffer
	require.NoError(t, aprilReport(t).WriteMarkdown(&again))
	assert.Equal(t, b.String(), again.String())
}

// The charts of a report with nothing in it still draw.
func TestMarkdownEmpty(t *testing.T) {
	r := &Report{Period: april, Trends: []Trend{{Period: april}}}
	var b bytes.Buffer
	require.NoError(t, r.WriteMarkdown(&b))
	assert.Contains(t, b.String(), "No major incidents, deployments or continuity invocations.")
	assert.Contains(t, b.String(), "<svg")

	// A report decoded from elsewhere whose lists disagree in length
	// still writes, and does not panic.
	odd := []byte(`{"availability":[{"goal":"99.9","achieved":"97"}],"trends":[{"metShare":"80"}],
		"workload":[{"kind":"incident","counts":[]},{"kind":"complaint","counts":[1,2,3,4,5]}]}`)
	var d Report
	require.NoError(t, json.Unmarshal(odd, &d))
	b.Reset()
	require.NoError(t, d.WriteMarkdown(&b))
	assert.Contains(t, d.ServiceReport(slm, april.End, "odd", april.End).Sections[2].Summary, "incident: none counted")
}
