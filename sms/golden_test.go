package sms

import (
	"bytes"
	"flag"
	"regexp"
	"testing"

	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with the file testdata/name, or rewrites it with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	processtest.Golden(t, name, got, *update)
}

var (
	uuidRE  = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	shortRE = regexp.MustCompile(`\b[0-9a-f]{8}\b`)
)

// stable replaces the record IDs of a report, which are new on every run,
// by their order of first appearance, so that golden files compare.
func stable(b []byte) []byte {
	seen := map[string]string{}
	name := func(short string) string {
		if n, ok := seen[short]; ok {
			return n
		}
		n := "rec" + string(rune('0'+len(seen)/1000%10)) + string(rune('0'+len(seen)/100%10)) + string(rune('0'+len(seen)/10%10)) + string(rune('0'+len(seen)%10))
		seen[short] = n
		return n
	}
	b = uuidRE.ReplaceAllFunc(b, func(m []byte) []byte { return []byte(name(string(m[28:]))) })
	return shortRE.ReplaceAllFunc(b, func(m []byte) []byte { return []byte(name(string(m))) })
}

func TestGoldenCatalogue(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteCatalogue(&b, Requirements()))
	golden(t, "catalogue.md", b.Bytes())
}

// TestGoldenReport writes the assessment of the sample provider with two
// planted gaps (no management review; a role holder without a competence
// record) as Markdown in both numberings and as JSON.
func TestGoldenReport(t *testing.T) {
	s := newVariant(t, func(s *sample) {
		s.skip["review"] = true
	})
	rep, err := Assess(sampleSystem(), s.store, s.options())
	require.NoError(t, err)
	for _, e := range []Edition{Edition2011, Edition2018} {
		var b bytes.Buffer
		require.NoError(t, rep.WriteMarkdown(&b, e))
		golden(t, "report-"+string(e)+".md", stable(b.Bytes()))
	}
	js, err := rep.JSON()
	require.NoError(t, err)
	golden(t, "report.json", stable(js))
}
