package process

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

var nyc = time.FixedZone("EST", -5*3600)

// everyKind returns one full record of each kind of processKinds, walked
// through their lives where they have one, with times in several zones.
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

	// The records of Clauses 5 to 7 move in hours from t0 (atHour).
	plan := newServicePlan(t)
	ok(t, plan.Link(dto, atHour(1), LinkDesignedBy, NewID(), KindServiceDesign))
	ok(t, plan.Design(dto, atHour(2).In(nyc), "design approved"))
	ok(t, plan.Build(dto, atHour(3).In(time.UTC), ""))

	sla := newSLA(t)
	ok(t, sla.Agree(slm, atHour(1).In(nyc), "signed"))
	ok(t, sla.Enforce(slm, atHour(24).In(time.UTC), ""))
	ola := newOLA(t)
	ok(t, ola.Link(slm, atHour(1), LinkSupports, sla.ID, KindSLA))
	ok(t, ola.Agree(slm, atHour(2).In(nyc), ""))

	report := newServiceReport(t)
	ok(t, report.Decide(nobody, atHour(24*33).In(nyc), ReportDecision{Decision: "review SLA", CommunicatedTo: []string{"customer"}}))

	policy := newSecurityPolicy(t)
	ok(t, policy.Approve(top, atHour(1).In(nyc), ""))
	ok(t, policy.Communicate(sec, atHour(2).In(time.UTC), []string{"all staff"}, "intranet"))

	complaint := newComplaint(t)
	ok(t, complaint.Link(nobody, atHour(1), LinkAbout, inc.ID, KindIncident))
	ok(t, complaint.Investigate(brm, atHour(2).In(nyc), ""))
	ok(t, complaint.Act(brm, atHour(3), "slow disks", []string{"new disks"}))
	ok(t, complaint.Report(brm, atHour(4).In(time.UTC), []string{"customer CIO"}, "call"))

	dispute := newContractDispute(t)
	ok(t, dispute.Investigate(sup, atHour(1).In(nyc), ""))
	ok(t, dispute.Act(sup, atHour(2), "credits due", []string{"invoice credits"}))

	return []Record{
		newServiceRequirement(t), plan, newServiceDesign(t), newAcceptanceCriterion(t), newServiceAcceptanceTest(t), newTransitionReport(t),
		svc, newServiceCatalogue(t), sla, ola, newTargetMeasurement(t),
		newReportDefinition(t), report,
		newContinuityRiskAssessment(t), newContinuityPlan(t), newAvailabilityPlan(t), newPlanTest(t), newAvailabilityMeasurement(t), newContinuityInvocation(t),
		policy, newSecurityRiskAssessment(t), newSecurityControl(t), newAccessAgreement(t), newSecurityIncidentReview(t),
		newCustomer(t), newInterestedParty(t), newServiceReview(t), complaint, newSatisfactionSurvey(t),
		newSupplier(t), newSupplierContract(t), newSupplierReview(t), dispute,
		inc, newMajorIncidentReview(t), req, prob, ke,
		newCIType(t), ci, newCIRelationship(t), newBaseline(t, rel.ID, c), newConfigurationAudit(t),
		newChangePolicy(t), rfc, sched, newPIR(t, rfc.ID),
		newReleasePolicy(t), rel, newAcceptanceTest(t, rel.ID, c), dep, newPDR(t, rel.ID),
	}
}

// TestEveryKindCovered checks that every kind of package process has a
// record type, a full example in everyKind and only one, and that no other
// kind has a record type.
func TestEveryKindCovered(t *testing.T) {
	examples := map[RecordKind][]Record{}
	all := everyKind(t)
	for _, r := range all {
		examples[r.Meta().Kind] = append(examples[r.Meta().Kind], r)
	}
	kinds := processKinds()
	for _, k := range kinds {
		t.Run(string(k), func(t *testing.T) {
			if got := len(examples[k]); got != 1 {
				t.Fatalf("got %d examples, want 1", got)
			}
			r := newRecord(k)
			if r == nil {
				t.Fatal("newRecord gives nil")
			}
			if got := r.Meta().Kind; got != "" {
				t.Errorf("newRecord: got kind %q, want the zero kind", got)
			}
			if got, want := reflect.TypeOf(r), reflect.TypeOf(examples[k][0]); got != want {
				t.Errorf("newRecord: got %v, want %v", got, want)
			}
			delete(examples, k)
		})
	}
	for k := range examples {
		t.Errorf("example of kind %s, which is not a kind of package process", k)
	}
	if len(all) != len(kinds) {
		t.Errorf("got %d examples, want %d, one per kind", len(all), len(kinds))
	}
	for _, k := range Kinds() {
		if !slices.Contains(kinds, k) && newRecord(k) != nil {
			t.Errorf("kind %s: newRecord gives a record, but the kind is not one of package process", k)
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

// TestJSONZeroRecords checks that the zero value of every record type
// encodes, and decodes back to an equal value that encodes the same.
func TestJSONZeroRecords(t *testing.T) {
	for _, k := range processKinds() {
		t.Run(string(k), func(t *testing.T) {
			r := newRecord(k)
			data, err := json.Marshal(r)
			if err != nil {
				t.Fatalf("marshal the zero %T: got %v, want nil", r, err)
			}
			back := newRecord(k)
			if err := json.Unmarshal(data, back); err != nil {
				t.Fatalf("unmarshal %s: got %v, want nil", data, err)
			}
			if diff := sameValue(reflect.ValueOf(r), reflect.ValueOf(back), ""); diff != "" {
				t.Fatalf("round trip differs at %s", diff)
			}
			again, err := json.Marshal(back)
			ok(t, err)
			if !bytes.Equal(data, again) {
				t.Fatalf("re-encoded differs:\n got %s\nwant %s", again, data)
			}
		})
	}
}

// sameValue compares two values field by field, times by instant and zone
// offset, decimals by value and exponent, and treats nil and empty slices
// and maps alike; it returns the path of the first difference, or "".
func sameValue(a, b reflect.Value, path string) string {
	if a.Type() == reflect.TypeFor[decimal.Decimal]() {
		da, db := a.Interface().(decimal.Decimal), b.Interface().(decimal.Decimal)
		if !da.Equal(db) || da.Exponent() != db.Exponent() {
			return fmt.Sprintf("%s: %v != %v", path, da, db)
		}
		return ""
	}
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
	cases := []struct {
		name, json string
		want       error
	}{
		{"criticality", `{` + head("service") + `,"criticality":"vital"}`, ErrInvalidValue},
		{"pending reason", `{` + head("incident") + `,"pendingReason":"lunch"}`, ErrInvalidValue},
		{"request pending reason", `{` + head("service-request") + `,"pendingReason":"lunch"}`, ErrInvalidValue},
		{"relation type", `{` + head("configuration-item") + `,"relationships":[{"type":"likes","to":"` + id + `"}]}`, ErrInvalidValue},
		{"relationship record type", `{` + head("ci-relationship") + `,"type":"likes"}`, ErrInvalidValue},
		{"change class", `{` + head("request-for-change") + `,"class":"minor"}`, ErrInvalidValue},
		{"decision", `{` + head("request-for-change") + `,"approvals":[{"by":"a","at":"2026-03-02T09:00:00Z","decision":"maybe"}]}`, ErrInvalidValue},
		{"release type", `{` + head("release") + `,"type":"patch"}`, ErrInvalidValue},
		{"policy release type", `{` + head("release-policy") + `,"types":["major","patch"]}`, ErrInvalidValue},
		{"id", `{` + head("incident") + `,"service":"not-an-id"}`, ErrInvalidValue},
		{"link kind", `{` + head("incident") + `,"links":[{"type":"affects","to":"` + id + `","kind":"gizmo"}]}`, ErrUnknownKind},
		{"plan type", `{"kind":"service-plan","type":"merger"}`, ErrInvalidValue},
		{"target kind", `{"kind":"sla","targets":[{"kind":"speed"}]}`, ErrInvalidValue},
		{"target unit", `{"kind":"ola","targets":[{"unit":"furlongs"}]}`, ErrInvalidValue},
		{"report frequency", `{"kind":"report-definition","frequency":"hourly"}`, ErrInvalidValue},
		{"report topic", `{"kind":"service-report","sections":[{"topic":"gossip"}]}`, ErrInvalidValue},
		{"risk treatment", `{"kind":"security-risk-assessment","risks":[{"treatment":"ignore"}]}`, ErrInvalidValue},
		{"supplier role", `{"kind":"supplier","role":"boss"}`, ErrInvalidValue},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode([]byte(c.json))
			if err == nil {
				t.Fatalf("got no error decoding %s", c.json)
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want it to match %v", err, c.want)
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
