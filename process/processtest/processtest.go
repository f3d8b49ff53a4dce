package processtest

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
)

// Zone is the zone of [T0]: a fixed UTC+1, so tests do not depend on the
// machine's time zone database.
var Zone = time.FixedZone("CET", 3600)

// T0 is the base time of every test: Monday 2 March 2026, 09:00 in [Zone].
var T0 = time.Date(2026, 3, 2, 9, 0, 0, 0, Zone)

// At returns T0 plus h hours.
func At(h int) time.Time { return T0.Add(time.Duration(h) * time.Hour) }

// The actors of the tests, one per role the rules ask for, named as the
// in-package fixtures of process name them.
var (
	Desk     = process.Actor{ID: "dana", Roles: []process.Role{process.RoleServiceDesk}}
	IM       = process.Actor{ID: "ines", Roles: []process.Role{process.RoleIncidentManager}}
	MIM      = process.Actor{ID: "mika", Roles: []process.Role{process.RoleMajorIncidentManager}}
	Top      = process.Actor{ID: "tess", Roles: []process.Role{process.RoleTopManagement}}
	PM       = process.Actor{ID: "paul", Roles: []process.Role{process.RoleProblemManager}}
	CM       = process.Actor{ID: "carl", Roles: []process.Role{process.RoleChangeManager}}
	CAB1     = process.Actor{ID: "alice", Roles: []process.Role{process.RoleChangeAuthority}}
	CAB2     = process.Actor{ID: "bob", Roles: []process.Role{process.RoleChangeAuthority}}
	ECAB     = process.Actor{ID: "erin", Roles: []process.Role{process.RoleEmergencyAuthority}}
	RM       = process.Actor{ID: "rita", Roles: []process.Role{process.RoleReleaseManager}}
	Customer = process.Actor{ID: "cora", Roles: []process.Role{process.RoleCustomer}}
	CfgM     = process.Actor{ID: "cfg", Roles: []process.Role{process.RoleConfigurationManager}}
	Owner    = process.Actor{ID: "olga", Roles: []process.Role{process.RoleServiceOwner}}
	DTO      = process.Actor{ID: "dora", Roles: []process.Role{process.RoleDesignTransitionOwner}}
	SLM      = process.Actor{ID: "lee", Roles: []process.Role{process.RoleServiceLevelManager}}
	Security = process.Actor{ID: "sid", Roles: []process.Role{process.RoleSecurityManager}}
	BRM      = process.Actor{ID: "bea", Roles: []process.Role{process.RoleRelationshipManager}}
	Supplier = process.Actor{ID: "sam", Roles: []process.Role{process.RoleSupplierManager}}
	Nobody   = process.Actor{ID: "nick"}

	// Continuity (6.3), capacity (6.5), budgeting (6.4) and the SMS of
	// Clause 4 (the management representative and the internal auditor).
	Continuity = process.Actor{ID: "cole", Roles: []process.Role{process.RoleContinuityManager}}
	Capacity   = process.Actor{ID: "cathy", Roles: []process.Role{process.RoleCapacityManager}}
	Finance    = process.Actor{ID: "mia", Roles: []process.Role{process.RoleFinanceManager}}
	Rep        = process.Actor{ID: "rep", Roles: []process.Role{process.RoleManagementRep}}
	Auditor    = process.Actor{ID: "ann", Roles: []process.Role{process.RoleAuditor}}
)

// Actors returns every actor above, in the order declared.
func Actors() []process.Actor {
	return []process.Actor{Desk, IM, MIM, Top, PM, CM, CAB1, CAB2, ECAB, RM, Customer, CfgM, Owner, DTO, SLM,
		Security, BRM, Supplier, Nobody, Continuity, Capacity, Finance, Rep, Auditor}
}

// Location loads the named zone, failing the test if the machine lacks it.
func Location(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load location %s: %v", name, err)
	}
	return loc
}

// Local parses s ("2006-01-02 15:04") as a wall time in loc, failing the
// test on a malformed s.
func Local(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

// RoundTrip checks that a decoded record r survives the module's JSON
// encoding: it encodes, decode reads the encoding back, and the second
// encoding is the first byte for byte. It fails t at the first breach and
// returns the encoding. The decoders' fuzz targets run it on every input
// their decoder accepts.
func RoundTrip(t testing.TB, decode func([]byte) (process.Record, error), r process.Record) []byte {
	t.Helper()
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("decoded %s, which does not encode: %v", r.Meta().Kind, err)
	}
	again, err := decode(out)
	if err != nil {
		t.Fatalf("encoded %s, which does not decode: %v", out, err)
	}
	out2, err := json.Marshal(again)
	if err != nil {
		t.Fatalf("decoded %s again, which does not encode: %v", r.Meta().Kind, err)
	}
	if !bytes.Equal(out, out2) {
		t.Fatalf("round trip changed the record:\n%s\n%s", out, out2)
	}
	return out
}
