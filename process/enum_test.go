package process

import (
	"errors"
	"testing"
)

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
