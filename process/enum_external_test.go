package process_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// enumCase tests the text methods of one enumeration.
type enumCase struct {
	name string
	test func(t *testing.T)
}

// enumCodes returns the case of enumeration E: its codes are exactly codes
// (each valid; "", "bogus", "x" and each of bad not), and it keeps the
// module's encoding rule ([processtest.EnumText]).
func enumCodes[E processtest.Enum, P interface {
	*E
	UnmarshalText([]byte) error
}](codes []E, bad ...E) enumCase {
	return enumCase{reflect.TypeFor[E]().Name(), func(t *testing.T) {
		processtest.EnumText[E, P](t, codes...)
		for _, v := range append([]E{"", "bogus", "x"}, bad...) {
			if v.Valid() {
				t.Errorf("%q: got valid, want not valid", string(v))
			}
		}
	}}
}

// TestEnumText holds every closed enumeration of package process, the
// states of the lifecycles included, to the encoding rule of
// [process.Enum], with the codes each must have.
func TestEnumText(t *testing.T) {
	cases := []enumCase{
		enumCodes([]process.CIField{"version", "location", "owner"}, "colour"),
		// The records of the service and of Clauses 8–9.
		enumCodes([]process.ServiceState{"pipeline", "live", "retired"}),
		enumCodes([]process.Criticality{"critical", "high", "medium", "low"}, "vital"),
		enumCodes([]process.IncidentState{"new", "assigned", "in-progress", "pending", "resolved", "closed", "cancelled"}),
		enumCodes([]process.PendingReason{"waiting-for-customer", "waiting-for-supplier", "waiting-for-change", "waiting-for-problem", "waiting-for-schedule"}, "lunch"),
		enumCodes([]process.ServiceRequestState{"new", "approved", "rejected", "fulfilling", "pending", "fulfilled", "closed", "cancelled"}),
		enumCodes([]process.ProblemState{"new", "investigating", "known-error", "resolved", "closed", "cancelled"}),
		enumCodes([]process.KnownErrorState{"open", "fix-pending", "retired"}),
		enumCodes([]process.CIState{"planned", "ordered", "in-development", "active", "maintenance", "retired", "disposed"}),
		enumCodes([]process.RelationType{"depends-on", "runs-on", "part-of", "connected-to", "uses", "hosted-on", "member-of", "contains", "replicates", "provided-by", "communicates"}, "likes"),
		enumCodes([]process.ChangeClass{"standard", "normal", "emergency"}, "minor"),
		enumCodes([]process.ChangeState{"requested", "assessed", "authorised", "scheduled", "implementing", "implemented", "failed", "backed-out", "reviewed", "closed", "rejected", "cancelled"}, "approved"),
		enumCodes([]process.Decision{"approve", "reject"}, "maybe"),
		enumCodes([]process.ReleaseType{"major", "minor", "emergency"}, "patch"),
		enumCodes([]process.ReleaseState{"planned", "building", "testing", "accepted", "deploying", "deployed", "reviewed", "closed", "failed", "cancelled"}),
		enumCodes([]process.DeploymentState{"scheduled", "in-progress", "succeeded", "failed", "rolled-back"}),
		// The records of Clauses 5–7.
		enumCodes([]process.PlanKind{"new", "changed", "removal", "transfer"}, "merger"),
		enumCodes([]process.ServicePlanState{"requested", "planned", "designed", "built", "tested", "transitioned", "reviewed", "rejected", "withdrawn"}, "approved"),
		enumCodes([]process.TargetKind{"availability", "response-time", "resolution-time", "reliability", "throughput", "satisfaction"}, "speed"),
		enumCodes([]process.TargetUnit{"percent", "minutes", "hours", "days", "count", "score"}, "furlongs"),
		enumCodes([]process.AgreementState{"draft", "agreed", "in-force", "under-review", "retired"}, "signed"),
		enumCodes([]process.ReportFrequency{"daily", "weekly", "monthly", "quarterly", "yearly", "on-demand"}, "hourly"),
		enumCodes([]process.ReportTopic{"performance", "significant-events", "workload", "nonconformities", "trends", "satisfaction", "other"}, "gossip"),
		enumCodes([]process.RiskTreatment{"reduce", "avoid", "transfer", "accept"}, "ignore"),
		enumCodes([]process.SecurityPolicyState{"draft", "approved", "communicated", "superseded"}, "open"),
		enumCodes([]process.ComplaintState{"recorded", "investigating", "actioned", "reported", "closed"}, "open"),
		enumCodes([]process.SupplierRole{"lead", "sub-contracted"}, "boss"),
		enumCodes([]process.DisputeState{"recorded", "investigating", "actioned", "closed"}, "reported"),
		// Shared by every record.
		enumCodes([]process.Action{"created", "moved", "changed", "linked", "unlinked", "noted", "approved"}),
		enumCodes([]process.PartyType{"supplier", "internal-group", "customer"}),
	}
	for _, c := range cases {
		t.Run(c.name, c.test)
	}
}

// TestGroupText checks the text methods of process.Group, whose String is
// the group's title rather than its code (as Process's is), so that
// processtest.EnumText does not apply.
func TestGroupText(t *testing.T) {
	for _, g := range []process.Group{process.GroupDesignTransition, process.GroupServiceDelivery, process.GroupRelationship, process.GroupResolution, process.GroupControl, ""} {
		b, err := g.MarshalText()
		var back process.Group = "stale"
		if err != nil || string(b) != string(g) || back.UnmarshalText(b) != nil || back != g {
			t.Errorf("%q: MarshalText = %q, %v; decoded back %q", string(g), b, err, string(back))
		}
	}
	back := process.GroupControl
	if _, err := process.Group("delivery").MarshalText(); !errors.Is(err, process.ErrInvalidValue) {
		t.Errorf("unknown group encoded: %v", err)
	}
	if err := back.UnmarshalText([]byte("delivery")); !errors.Is(err, process.ErrInvalidValue) || back != process.GroupControl {
		t.Errorf("unknown group decoded: %v, %q", err, string(back))
	}
}
