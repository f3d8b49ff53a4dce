package cmdb

import (
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
)

func TestMatchKnownErrors(t *testing.T) {
	x := webShop(t, RedundancyGroup{MinUp: 1})
	svc := cid(200)
	inc := IncidentSignature{CIs: ints(ciApp), Services: []process.ID{svc},
		Description: "Checkout times out with database connection pool exhausted"}
	kes := []KnownErrorProfile{
		{KnownError: cid(303), CIs: ints(ciShop), Symptoms: "login page blank"}, // downstream of the app: no match
		{KnownError: cid(305), CIs: ints(ciSAN), Symptoms: "disk latency"},      // the app depends on it via the db
		{KnownError: cid(302), CIs: ints(ciDB), Symptoms: "Database connection pool exhausted"},
		{KnownError: cid(304), Services: []process.ID{svc}},
		{KnownError: cid(301), CIs: ints(ciApp), Services: []process.ID{svc}, Symptoms: "checkout timeout"},
	}
	got := MatchKnownErrors(inc, kes, x, nil)
	want := []KnownErrorMatch{
		// 40 (ci) + 25 (service) + 35 × 1/2 words, rounded: 18.
		{KnownError: cid(301), Score: 83, CI: true, Service: true, Words: []string{"checkout"}},
		// 20 (the app depends on the db) + 35 × 4/4.
		{KnownError: cid(302), Score: 55, RelatedCI: true, Words: []string{"database", "connection", "pool", "exhausted"}},
		{KnownError: cid(304), Score: 25, Service: true},
		{KnownError: cid(305), Score: 20, RelatedCI: true},
	}
	assert.Equal(t, want, got)

	// Without an index, dependencies are not seen.
	got = MatchKnownErrors(inc, kes, nil, &MatchWeights{CI: 1, Service: 1, Symptoms: 4})
	// A tie at 4 (1 + 1 + 4 × 1/2; 4 × 4/4) goes by ID.
	assert.Equal(t, []KnownErrorMatch{
		{KnownError: cid(301), Score: 4, CI: true, Service: true, Words: []string{"checkout"}},
		{KnownError: cid(302), Score: 4, Words: []string{"database", "connection", "pool", "exhausted"}},
		{KnownError: cid(304), Score: 1, Service: true},
	}, got)
}
