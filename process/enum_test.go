package process

import (
	"errors"
	"reflect"
	"testing"
)

// textEnum is an enumeration of package process with its text methods.
type textEnum interface {
	Enum
	String() string
	MarshalText() ([]byte, error)
}

// enumCase tests the text methods of one enumeration.
type enumCase struct {
	name string
	test func(t *testing.T)
}

// enumText returns the case of enumeration E: each of codes is valid, is
// its own String and text, and decodes to itself; "" is not valid, encodes
// as nothing and decodes to the zero value; "bogus", "x" and each of bad
// are not valid, and both text methods refuse them with an error wrapping
// ErrInvalidValue, decoding leaving the destination unchanged.
func enumText[E textEnum, P interface {
	*E
	UnmarshalText([]byte) error
}](codes []E, bad ...E) enumCase {
	return enumCase{reflect.TypeFor[E]().Name(), func(t *testing.T) {
		if len(codes) == 0 {
			t.Fatal("no codes")
		}
		for _, c := range codes {
			if !c.Valid() {
				t.Errorf("%q: got not valid, want valid", c)
			}
			if got := c.String(); got != string(c) {
				t.Errorf("%q.String(): got %q, want %q", c, got, c)
			}
			b, err := c.MarshalText()
			if err != nil || string(b) != string(c) {
				t.Errorf("%q.MarshalText(): got %q, %v; want %q, nil", c, b, err, c)
			}
			var got E
			if err := P(&got).UnmarshalText([]byte(c)); err != nil || got != c {
				t.Errorf("UnmarshalText(%q): got %q, %v; want %q, nil", c, got, err, c)
			}
		}
		var zero E
		if zero.Valid() {
			t.Error(`"": got valid, want not valid`)
		}
		if b, err := zero.MarshalText(); err != nil || len(b) != 0 {
			t.Errorf(`"".MarshalText(): got %q, %v; want "", nil`, b, err)
		}
		for _, text := range [][]byte{nil, {}} {
			got := codes[0]
			if err := P(&got).UnmarshalText(text); err != nil || got != zero {
				t.Errorf("UnmarshalText(%q): got %q, %v; want the zero value, nil", text, got, err)
			}
		}
		for _, v := range append([]E{"bogus", "x"}, bad...) {
			if v.Valid() {
				t.Errorf("%q: got valid, want not valid", v)
			}
			if b, err := v.MarshalText(); !errors.Is(err, ErrInvalidValue) {
				t.Errorf("%q.MarshalText(): got %q, %v; want an error matching ErrInvalidValue", v, b, err)
			}
			for _, start := range []E{zero, codes[0]} {
				got := start
				err := P(&got).UnmarshalText([]byte(v))
				if !errors.Is(err, ErrInvalidValue) {
					t.Errorf("UnmarshalText(%q): got %v, want an error matching ErrInvalidValue", v, err)
				}
				if got != start {
					t.Errorf("refused UnmarshalText(%q) changed %q to %q", v, start, got)
				}
			}
		}
	}}
}

// TestEnumText holds every closed enumeration of package process, the
// states of the lifecycles included, to the encoding rule of [Enum], with
// the codes each must have.
func TestEnumText(t *testing.T) {
	cases := []enumCase{
		// The records of the service and of Clauses 8–9.
		enumText([]ServiceState{"pipeline", "live", "retired"}),
		enumText([]Criticality{"critical", "high", "medium", "low"}, "vital"),
		enumText([]IncidentState{"new", "assigned", "in-progress", "pending", "resolved", "closed", "cancelled"}),
		enumText([]PendingReason{"waiting-for-customer", "waiting-for-supplier", "waiting-for-change", "waiting-for-problem", "waiting-for-schedule"}, "lunch"),
		enumText([]ServiceRequestState{"new", "approved", "rejected", "fulfilling", "pending", "fulfilled", "closed", "cancelled"}),
		enumText([]ProblemState{"new", "investigating", "known-error", "resolved", "closed", "cancelled"}),
		enumText([]KnownErrorState{"open", "fix-pending", "retired"}),
		enumText([]CIState{"planned", "ordered", "in-development", "active", "maintenance", "retired", "disposed"}),
		enumText([]RelationType{"depends-on", "runs-on", "part-of", "connected-to", "uses", "hosted-on", "member-of", "contains", "replicates", "provided-by", "communicates"}, "likes"),
		enumText([]ChangeClass{"standard", "normal", "emergency"}, "minor"),
		enumText([]ChangeState{"requested", "assessed", "authorised", "scheduled", "implementing", "implemented", "failed", "backed-out", "reviewed", "closed", "rejected", "cancelled"}, "approved"),
		enumText([]Decision{"approve", "reject"}, "maybe"),
		enumText([]ReleaseType{"major", "minor", "emergency"}, "patch"),
		enumText([]ReleaseState{"planned", "building", "testing", "accepted", "deploying", "deployed", "reviewed", "closed", "failed", "cancelled"}),
		enumText([]DeploymentState{"scheduled", "in-progress", "succeeded", "failed", "rolled-back"}),
		// The records of Clauses 5–7.
		enumText([]PlanKind{"new", "changed", "removal", "transfer"}, "merger"),
		enumText([]ServicePlanState{"requested", "planned", "designed", "built", "tested", "transitioned", "reviewed", "rejected", "withdrawn"}, "approved"),
		enumText([]TargetKind{"availability", "response-time", "resolution-time", "reliability", "throughput", "satisfaction"}, "speed"),
		enumText([]TargetUnit{"percent", "minutes", "hours", "days", "count", "score"}, "furlongs"),
		enumText([]AgreementState{"draft", "agreed", "in-force", "under-review", "retired"}, "signed"),
		enumText([]ReportFrequency{"daily", "weekly", "monthly", "quarterly", "yearly", "on-demand"}, "hourly"),
		enumText([]ReportTopic{"performance", "significant-events", "workload", "nonconformities", "trends", "satisfaction", "other"}, "gossip"),
		enumText([]RiskTreatment{"reduce", "avoid", "transfer", "accept"}, "ignore"),
		enumText([]SecurityPolicyState{"draft", "approved", "communicated", "superseded"}, "open"),
		enumText([]ComplaintState{"recorded", "investigating", "actioned", "reported", "closed"}, "open"),
		enumText([]SupplierRole{"lead", "sub-contracted"}, "boss"),
		enumText([]DisputeState{"recorded", "investigating", "actioned", "closed"}, "reported"),
		// Shared by every record.
		enumText([]Action{"created", "moved", "changed", "linked", "unlinked", "noted", "approved"}),
		enumText([]PartyType{"supplier", "internal-group", "customer"}),
	}
	for _, c := range cases {
		t.Run(c.name, c.test)
	}
}

// TestOpenEnumText checks the text methods of the enumerations that do
// more than [MarshalEnum] and [UnmarshalEnum] (see enumDecoders in
// conventions_test.go): "" encodes as unset and decodes to the zero value,
// a host's custom kinds and link types ("x-…") are accepted, and an
// unknown value is refused, by decoding without changing the destination.
func TestOpenEnumText(t *testing.T) {
	type text interface {
		MarshalText() ([]byte, error)
	}
	cases := []struct {
		name   string
		codes  []string // encode and decode as themselves
		custom []string // a host's own values, accepted as they are
		bad    []string // refused both ways
		err    error    // the refusals wrap it
		enc    func(string) text
		dec    func(start, s string) (string, error)
	}{
		{
			name: "Process",
			codes: []string{"design-transition", "service-level", "service-reporting", "continuity-availability",
				"budgeting-accounting", "capacity", "information-security", "business-relationship", "supplier",
				"incident-service-request", "problem", "configuration", "change", "release-deployment"},
			bad: []string{"bogus", "x-change", "9.9", "changes"},
			err: ErrInvalidValue,
			enc: func(s string) text { return Process(s) },
			dec: func(start, s string) (string, error) {
				p := Process(start)
				err := p.UnmarshalText([]byte(s))
				return string(p), err
			},
		},
		{
			name:   "RecordKind",
			codes:  []string{"incident", "service", "sla", "complaint", "request-for-change", "budget", "internal-audit"},
			custom: []string{"x-widget", "x-vendor-asset"},
			bad:    []string{"bogus", "x-", "incidents", "Incident"},
			err:    ErrUnknownKind,
			enc:    func(s string) text { return RecordKind(s) },
			dec: func(start, s string) (string, error) {
				k := RecordKind(start)
				err := k.UnmarshalText([]byte(s))
				return string(k), err
			},
		},
		{
			name:   "LinkType",
			codes:  []string{string(LinkAffects), string(LinkService), string(LinkRaised), string(LinkSupports), string(LinkAbout)},
			custom: []string{"x-anything", "x-depends"},
			bad:    []string{"bogus", "x-", "x", "Affects"},
			err:    ErrInvalidValue,
			enc:    func(s string) text { return LinkType(s) },
			dec: func(start, s string) (string, error) {
				l := LinkType(start)
				err := l.UnmarshalText([]byte(s))
				return string(l), err
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := c.codes[0]
			for _, v := range append(append([]string(nil), c.codes...), c.custom...) {
				b, err := c.enc(v).MarshalText()
				if err != nil || string(b) != v {
					t.Errorf("%q.MarshalText(): got %q, %v; want %q, nil", v, b, err, v)
				}
				got, err := c.dec("", v)
				if err != nil || got != v {
					t.Errorf("UnmarshalText(%q): got %q, %v; want %q, nil", v, got, err, v)
				}
			}
			if b, err := c.enc("").MarshalText(); err != nil || len(b) != 0 {
				t.Errorf(`"".MarshalText(): got %q, %v; want "", nil`, b, err)
			}
			if got, err := c.dec(start, ""); err != nil || got != "" {
				t.Errorf(`UnmarshalText(""): got %q, %v; want the zero value, nil`, got, err)
			}
			for _, v := range c.bad {
				if b, err := c.enc(v).MarshalText(); !errors.Is(err, c.err) {
					t.Errorf("%q.MarshalText(): got %q, %v; want an error matching %v", v, b, err, c.err)
				}
				for _, from := range []string{"", start} {
					got, err := c.dec(from, v)
					if !errors.Is(err, c.err) {
						t.Errorf("UnmarshalText(%q): got %v, want an error matching %v", v, err, c.err)
					}
					if got != from {
						t.Errorf("refused UnmarshalText(%q) changed %q to %q", v, from, got)
					}
				}
			}
		})
	}
}
