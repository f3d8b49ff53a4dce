package process

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

var nyc = time.FixedZone("EST", -5*3600)

// everyKind returns one full record of each kind this file's records cover,
// walked through their lives where they have one, with times in several
// zones.
func everyKind(t *testing.T) []Record {
	t.Helper()
	c := &clock{}
	inc := newIncident(t, c)
	ok(t, inc.Assign(desk, c.next().In(nyc), "messaging", "sam"))
	ok(t, inc.Pend(desk, c.next().In(time.UTC), PendingCustomer))
	ok(t, inc.DeclareMajor(im, c.next(), "mika", "mail down"))
	ok(t, inc.AcknowledgeNotice(top, c.next().In(nyc)))

	req := newServiceRequest(t, c)
	req.NeedsApproval = true
	ok(t, req.Approve(im, c.next().In(nyc)))
	ok(t, req.Fulfil(desk, c.next(), "workplace"))

	prob := newProblem(t, c)
	ok(t, prob.Investigate(pm, c.next()))
	ke := newKnownError(t, prob.ID, c)
	ok(t, prob.Identify(pm, c.next().In(nyc), ke))
	ok(t, ke.AwaitFix(pm, c.next(), NewID()))

	ci := newCI(t, c)
	ok(t, ci.Move(cfgm, c.next().In(time.UTC), CIActive, NewID()))

	rfc := rfcTo(t, ChangeClosed, c)
	sched := newSchedule(t)
	sched.Communicated = t0.In(nyc)
	sched.CommunicatedTo = []string{"customers"}

	rel := releaseTo(t, ReleaseDeployed, c)
	dep := newDeployment(t, c)
	ok(t, dep.Start(rm, c.next()))
	ok(t, dep.Succeed(rm, c.next().In(nyc), "checksums match", "all sites"))

	svc := newService(t)
	ok(t, svc.GoLive(owner, c.next().In(nyc)))

	return []Record{
		svc, inc, newMajorIncidentReview(t), req, prob, ke,
		newCIType(t), ci, newCIRelationship(t), newBaseline(t, rel.ID, c), newConfigurationAudit(t),
		newChangePolicy(t), rfc, sched, newPIR(t, rfc.ID),
		newReleasePolicy(t), rel, newAcceptanceTest(t, rel.ID, c), dep, newPDR(t, rel.ID),
	}
}

func TestEveryKindCovered(t *testing.T) {
	var got []RecordKind
	for _, r := range everyKind(t) {
		got = append(got, r.Meta().Kind)
	}
	for _, k := range Kinds() {
		if o := k.Owner(); o != IncidentRequestManagement && o != ProblemManagement && o != ConfigurationManagement && o != ChangeManagement && o != ReleaseDeploymentManagement && k != KindService {
			continue
		}
		found := false
		for _, g := range got {
			found = found || g == k
		}
		if !found {
			t.Errorf("kind %s has no example", k)
		}
		if r := newRecord(k); r == nil {
			t.Errorf("kind %s: newRecord gives nil", k)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for _, r := range everyKind(t) {
		t.Run(string(r.Meta().Kind), func(t *testing.T) {
			ok(t, r.Validate())
			data, err := json.Marshal(r)
			ok(t, err)
			back, err := Decode(data)
			ok(t, err)
			if reflect.TypeOf(back) != reflect.TypeOf(r) {
				t.Fatalf("decoded as %T, want %T", back, r)
			}
			ok(t, back.Validate())
			again, err := json.Marshal(back)
			ok(t, err)
			if !bytes.Equal(data, again) {
				t.Fatalf("re-encoded differs:\n got %s\nwant %s", again, data)
			}
			if diff := sameValue(reflect.ValueOf(r), reflect.ValueOf(back), ""); diff != "" {
				t.Fatalf("round trip differs at %s", diff)
			}
			cp, err := Copy(r)
			ok(t, err)
			if diff := sameValue(reflect.ValueOf(r), reflect.ValueOf(cp), ""); diff != "" {
				t.Fatalf("copy differs at %s", diff)
			}
		})
	}
}

// sameValue compares two values field by field, times by instant and zone
// offset, and treats nil and empty slices and maps alike; it returns the
// path of the first difference, or "".
func sameValue(a, b reflect.Value, path string) string {
	if a.Type() == reflect.TypeFor[time.Time]() {
		ta, tb := a.Interface().(time.Time), b.Interface().(time.Time)
		_, oa := ta.Zone()
		_, ob := tb.Zone()
		if !ta.Equal(tb) || oa != ob {
			return fmt.Sprintf("%s: %v != %v", path, ta, tb)
		}
		return ""
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path + ": nil"
			}
			return ""
		}
		return sameValue(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := range a.NumField() {
			if !a.Type().Field(i).IsExported() {
				continue
			}
			if d := sameValue(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: length %d != %d", path, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := sameValue(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.Len() != b.Len() {
			return path + ": map size"
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				return fmt.Sprintf("%s[%v]: missing", path, k)
			}
			if d := sameValue(a.MapIndex(k), bv, fmt.Sprintf("%s[%v]", path, k)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return fmt.Sprintf("%s: %v != %v", path, a.Interface(), b.Interface())
	}
	return ""
}

func TestJSONKeepsZones(t *testing.T) {
	c := &clock{}
	inc := newIncident(t, c)
	at := time.Date(2026, 7, 1, 8, 30, 0, 123456789, nyc)
	ok(t, inc.Assign(desk, at, "g", ""))
	data, err := json.Marshal(inc)
	ok(t, err)
	back, err := Decode(data)
	ok(t, err)
	got := back.Meta().History[len(back.Meta().History)-1].At
	if !got.Equal(at) || got.Format(time.RFC3339Nano) != "2026-07-01T08:30:00.123456789-05:00" {
		t.Fatalf("got %s, want %s", got.Format(time.RFC3339Nano), at.Format(time.RFC3339Nano))
	}
}

func TestJSONRejectsUnknownValues(t *testing.T) {
	id := NewID().String()
	head := func(kind string) string {
		return fmt.Sprintf(`"id":%q,"kind":%q,"title":"x","created":"2026-03-02T09:00:00+01:00","updated":"2026-03-02T09:00:00+01:00"`, id, kind)
	}
	cases := []struct{ name, json string }{
		{"criticality", `{` + head("service") + `,"criticality":"vital"}`},
		{"pending reason", `{` + head("incident") + `,"pendingReason":"lunch"}`},
		{"request pending reason", `{` + head("service-request") + `,"pendingReason":"lunch"}`},
		{"relation type", `{` + head("configuration-item") + `,"relationships":[{"type":"likes","to":"` + id + `"}]}`},
		{"relationship record type", `{` + head("ci-relationship") + `,"type":"likes"}`},
		{"change class", `{` + head("request-for-change") + `,"class":"minor"}`},
		{"decision", `{` + head("request-for-change") + `,"approvals":[{"by":"a","at":"2026-03-02T09:00:00Z","decision":"maybe"}]}`},
		{"release type", `{` + head("release") + `,"type":"patch"}`},
		{"policy release type", `{` + head("release-policy") + `,"types":["major","patch"]}`},
		{"id", `{` + head("incident") + `,"service":"not-an-id"}`},
		{"link kind", `{` + head("incident") + `,"links":[{"type":"affects","to":"` + id + `","kind":"gizmo"}]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode([]byte(c.json))
			if err == nil {
				t.Fatalf("got no error decoding %s", c.json)
			}
			if !errors.Is(err, ErrInvalidValue) && !errors.Is(err, ErrUnknownKind) {
				t.Fatalf("got %v, want it to match ErrInvalidValue or ErrUnknownKind", err)
			}
		})
	}
	t.Run("enum values as text", func(t *testing.T) {
		inc := newIncident(t, &clock{})
		data, err := json.Marshal(inc)
		ok(t, err)
		for _, want := range []string{`"impact":"high"`, `"urgency":"medium"`, `"status":"new"`, `"priority":2`} {
			if !strings.Contains(string(data), want) {
				t.Errorf("got %s, want it to hold %s", data, want)
			}
		}
		inc.PendingReason = "lunch"
		if _, err := json.Marshal(inc); err == nil || !errors.Is(err, ErrInvalidValue) {
			t.Errorf("marshal of unknown pending reason: got %v, want ErrInvalidValue", err)
		}
	})
}
