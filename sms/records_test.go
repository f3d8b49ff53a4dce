package sms

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	t0    = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clerk = process.Actor{Name: "clerk"}
	board = process.Actor{Name: "ceo", Roles: []process.Role{process.RoleTopManagement}}
	rep   = process.Actor{Name: "rep", Roles: []process.Role{process.RoleManagementRep}}
	aud   = process.Actor{Name: "ann", Roles: []process.Role{process.RoleAuditor}}
)

func validScope() *ScopeStatement {
	return NewScopeStatement("SMS scope", []string{"email"}, []string{"IT operations"}, []string{"Leeds"}, clerk, t0)
}

func validPolicy() *Policy {
	p := NewPolicy("SM policy", "we run services to agreed levels", clerk, t0)
	p.MeetsRequirements, p.ContinualImprovement = true, true
	return p
}

func validObjective() *Objective {
	return NewObjective("availability", "monthly availability", ">= 99.5%", "rep", clerk, t0)
}

func validPlan() *Plan {
	p := NewPlan("SM plan 2026", "rep", clerk, t0)
	p.Objectives = []process.ID{process.NewID()}
	p.ServiceRequirements = []string{"email available in office hours"}
	p.Obligations = []string{"data protection law"}
	p.Authorities = []Authority{{Role: process.RoleChangeManager, Holder: "cm", Responsibilities: "runs change"}}
	p.Resources = Resources{Human: "12 staff", Technical: "two sites", Information: "CMDB", Financial: "budget 2026"}
	p.OtherParties = "suppliers under contract, reviewed yearly"
	p.Interfaces = []Interface{{From: process.IncidentRequest, To: process.Problem, Coordination: "recurring incidents raise problems"}}
	p.RiskApproach, p.RiskAcceptance = "risk register", "residual risk low"
	p.Technology = []string{"ticketing tool"}
	p.Measurement = "quarterly report, yearly audit"
	return p
}

func validParty() *OtherParty {
	return NewOtherParty("Acme Hosting", PartySupplier, []process.Process{process.Capacity},
		Governance{Accountable: "capacity manager", Definition: "our capacity process", Interfaces: "weekly reports",
			Measures: []string{"utilisation report on time"}, Improvements: "our improvement register"}, clerk, t0)
}

func validDocument() *Document { return NewDocument("Change procedure", "1.0", "cm", clerk, t0) }

func validAudit() *InternalAudit {
	a := NewInternalAudit("Audit Q1", t0.AddDate(0, 1, 0), []AuditedArea{{Area: "change", Owners: []string{"cm"}}}, []string{"ann"}, clerk, t0)
	a.Criteria, a.Method = []string{"9.2"}, "interviews and samples"
	return a
}

func validFinding() *AuditFinding {
	return NewAuditFinding("RFCs without review", process.NewID(), FindingNonconformity, "9.2/b", "3 of 20 sampled", aud, t0)
}

func validReview() *ManagementReview {
	r := NewManagementReview("Review 2026", t0, "ceo", clerk, t0)
	for _, in := range ReviewInputs() {
		r.Inputs[in] = "considered"
	}
	r.Decisions = []string{"fund a second site"}
	r.Actions = []ReviewAction{{What: "cost the site", Owner: "cfo", Due: t0.AddDate(0, 2, 0)}}
	r.NextDue = t0.AddDate(1, 0, 0)
	return r
}

func validNC() *Nonconformity {
	return NewNonconformity("RFCs without review", "9.2/b", "post-implementation reviews skipped", clerk, t0)
}

func targets() []Target { return []Target{{Measure: "RFCs reviewed", Target: "100%"}} }

func validCA() *CorrectiveAction {
	return NewCorrectiveAction("enforce reviews", process.NewID(), "no reminder", "cm", targets(), clerk, t0)
}

func validPA() *PreventiveAction {
	return NewPreventiveAction("second approver", "approver away", "cm", targets(), clerk, t0)
}

func validImprovement() *Improvement {
	return NewImprovement("self-service resets", "password resets take an hour", process.LevelHigh, "sd", targets(), clerk, t0)
}

func validCompetence() *CompetenceRecord {
	return NewCompetenceRecord("cm competence", "cm", process.RoleChangeManager, []string{"5 years"}, "rep", t0, clerk, t0)
}

func validTraining() *TrainingRecord {
	return NewTrainingRecord("cm training", "cm", "change process", "ITSM foundation", t0, clerk, t0)
}

func fixtures() []process.Record {
	return []process.Record{validScope(), validPolicy(), validObjective(), validPlan(), validParty(), validDocument(),
		validCompetence(), validTraining(), validAudit(), validFinding(), validReview(), validNC(), validCA(), validPA(), validImprovement()}
}

func TestFixturesValidAndCoverEveryKind(t *testing.T) {
	seen := map[process.RecordKind]bool{}
	for _, r := range fixtures() {
		require.NoError(t, r.Validate(), r.Meta().Kind)
		seen[r.Meta().Kind] = true
	}
	for _, k := range process.Kinds() {
		if k.SMS() {
			assert.True(t, seen[k], "no fixture for %s", k)
		}
	}
}

func TestValidatePaths(t *testing.T) {
	tests := []struct {
		name string
		rec  func() process.Record
		path string
		err  error
	}{
		{"scope units", func() process.Record { s := validScope(); s.Units = nil; return s }, "units", process.ErrRequired},
		{"scope blank location", func() process.Record { s := validScope(); s.Locations = []string{" "}; return s }, "locations[0]", process.ErrRequired},
		{"policy commitment", func() process.Record { p := validPolicy(); p.ContinualImprovement = false; return p }, "continualImprovement", process.ErrRequired},
		{"policy status", func() process.Record { p := validPolicy(); p.Status = "live"; return p }, "status", process.ErrInvalidValue},
		{"objective target", func() process.Record { o := validObjective(); o.Target = ""; return o }, "target", process.ErrRequired},
		{"plan representative", func() process.Record { p := validPlan(); p.Representative = ""; return p }, "representative", process.ErrRequired},
		{"plan interfaces", func() process.Record { p := validPlan(); p.Interfaces = nil; return p }, "interfaces", process.ErrRequired},
		{"plan interface self", func() process.Record {
			p := validPlan()
			p.Interfaces[0].To = p.Interfaces[0].From
			return p
		}, "interfaces[0].to", process.ErrInvalidValue},
		{"plan interface process", func() process.Record { p := validPlan(); p.Interfaces[0].From = "nope"; return p }, "interfaces[0].from", process.ErrInvalidValue},
		{"plan resources", func() process.Record { p := validPlan(); p.Resources.Financial = ""; return p }, "resources.financial", process.ErrRequired},
		{"plan authority holder", func() process.Record { p := validPlan(); p.Authorities[0].Holder = ""; return p }, "authorities[0].holder", process.ErrRequired},
		{"plan risk acceptance", func() process.Record { p := validPlan(); p.RiskAcceptance = ""; return p }, "riskAcceptance", process.ErrRequired},
		{"party type", func() process.Record { p := validParty(); p.Type = "friend"; return p }, "type", process.ErrInvalidValue},
		{"party process", func() process.Record { p := validParty(); p.Processes = []process.Process{"sms"}; return p }, "processes[0]", process.ErrInvalidValue},
		{"party measures", func() process.Record { p := validParty(); p.Governance.Measures = nil; return p }, "governance.measures", process.ErrRequired},
		{"document version", func() process.Record { d := validDocument(); d.Version = ""; return d }, "version", process.ErrRequired},
		{"document issued unapproved", func() process.Record { d := validDocument(); d.Status = string(DocIssued); return d }, "approvedBy", process.ErrRequired},
		{"audit independence", func() process.Record { a := validAudit(); a.Auditors = []string{"ann", "cm"}; return a }, "auditors[1]", process.ErrSegregation},
		{"audit method", func() process.Record { a := validAudit(); a.Method = ""; return a }, "method", process.ErrRequired},
		{"audit area owners", func() process.Record { a := validAudit(); a.Areas[0].Owners = nil; return a }, "areas[0].owners", process.ErrRequired},
		{"finding type", func() process.Record { f := validFinding(); f.Type = ""; return f }, "type", process.ErrRequired},
		{"finding audit", func() process.Record { f := validFinding(); f.Audit = process.ID{}; return f }, "audit", process.ErrRequired},
		{"review input", func() process.Record { r := validReview(); delete(r.Inputs, InputWorkload); return r }, "inputs.workload", process.ErrRequired},
		{"review unknown input", func() process.Record { r := validReview(); r.Inputs["gossip"] = "x"; return r }, "inputs", process.ErrInvalidValue},
		{"review decisions", func() process.Record { r := validReview(); r.Decisions = nil; return r }, "decisions", process.ErrRequired},
		{"review action owner", func() process.Record { r := validReview(); r.Actions[0].Owner = ""; return r }, "actions[0].owner", process.ErrRequired},
		{"review next due", func() process.Record { r := validReview(); r.NextDue = t0; return r }, "nextDue", process.ErrInvalidValue},
		{"nc closed without action", func() process.Record {
			n := validNC()
			n.Status, n.Correction = string(NCClosed), "fixed"
			return n
		}, "correctiveActions", process.ErrRequired},
		{"ca nonconformity", func() process.Record { c := validCA(); c.Nonconformity = process.ID{}; return c }, "nonconformity", process.ErrRequired},
		{"ca targets", func() process.Record { c := validCA(); c.Targets = nil; return c }, "targets", process.ErrRequired},
		{"ca planned without plan", func() process.Record { c := validCA(); c.Status = string(ActionPlanned); return c }, "plan", process.ErrRequired},
		{"ca measured without result", func() process.Record {
			c := validCA()
			c.Status, c.Plan, c.Due = string(ActionMeasured), "p", t0
			return c
		}, "targets[0].result", process.ErrRequired},
		{"pa potential", func() process.Record { p := validPA(); p.Potential = ""; return p }, "potential", process.ErrRequired},
		{"improvement priority", func() process.Record { m := validImprovement(); m.Priority = "urgent"; return m }, "priority", process.ErrInvalidValue},
		{"competence self-assessed", func() process.Record { c := validCompetence(); c.Assessor = "cm"; return c }, "assessor", process.ErrSegregation},
		{"training need", func() process.Record { r := validTraining(); r.Need = ""; return r }, "need", process.ErrRequired},
		{"header kind", func() process.Record { r := validTraining(); r.Kind = process.KindDocument; return r }, "kind", process.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rec().Validate()
			var ve *process.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, tt.err), "got %v, want %s: %v", err, tt.path, tt.err)
			assert.ErrorIs(t, err, tt.err)
		})
	}
}

// snapshot returns r as JSON, to check that a refused move changed nothing.
func snapshot(t *testing.T, r process.Record) string {
	t.Helper()
	b, err := json.Marshal(r)
	require.NoError(t, err)
	return string(b)
}

func TestMoves(t *testing.T) {
	at := t0.Add(time.Hour)
	tests := []struct {
		name string
		rec  process.Record
		move func(r process.Record) error
		want string // the state after, or "" for a refusal
		err  error
	}{
		{"policy approved by top management", validPolicy(), func(r process.Record) error { return r.(*Policy).Move(Approved, board, at, "") }, "approved", nil},
		{"policy approval needs top management", validPolicy(), func(r process.Record) error { return r.(*Policy).Move(Approved, rep, at, "") }, "", process.ErrForbidden},
		{"incomplete policy not approved", NewPolicy("p", "s", clerk, t0), func(r process.Record) error { return r.(*Policy).Move(Approved, board, at, "") }, "", process.ErrPrecondition},
		{"incomplete plan not approved", NewPlan("p", "rep", clerk, t0), func(r process.Record) error { return r.(*Plan).Move(Approved, board, at, "") }, "", process.ErrPrecondition},
		{"plan approved", validPlan(), func(r process.Record) error { return r.(*Plan).Move(Approved, board, at, "") }, "approved", nil},
		{"incomplete scope not approved", NewScopeStatement("s", nil, nil, nil, clerk, t0), func(r process.Record) error { return r.(*ScopeStatement).Move(Approved, board, at, "") }, "", process.ErrPrecondition},
		{"incomplete document not approved", NewDocument("d", "", "", clerk, t0), func(r process.Record) error { return r.(*Document).Move(DocApproved, rep, at, "") }, "", process.ErrPrecondition},
		{"scope withdrawn", validScope(), func(r process.Record) error { return r.(*ScopeStatement).Move(Withdrawn, board, at, "") }, "withdrawn", nil},
		{"objective approved", validObjective(), func(r process.Record) error { return r.(*Objective).Move(Approved, board, at, "") }, "approved", nil},
		{"document not issued before approval", validDocument(), func(r process.Record) error { return r.(*Document).Move(DocIssued, rep, at, "") }, "", process.ErrInvalidTransition},
		{"document approved", validDocument(), func(r process.Record) error { return r.(*Document).Move(DocApproved, rep, at, "") }, "approved", nil},
		{"document issue needs review date", func() process.Record {
			d := validDocument()
			require.NoError(t, d.Move(DocApproved, rep, at, ""))
			return d
		}(), func(r process.Record) error { return r.(*Document).Move(DocIssued, rep, at, "") }, "", process.ErrPrecondition},
		{"obsolete is final", func() process.Record {
			d := validDocument()
			require.NoError(t, d.Move(DocObsolete, rep, at, ""))
			return d
		}(), func(r process.Record) error { return r.(*Document).Move(DocApproved, rep, at, "") }, "", process.ErrInvalidTransition},
		{"audit by an auditor", validAudit(), func(r process.Record) error { return r.(*InternalAudit).Move(AuditInProgress, aud, at, "") }, "in-progress", nil},
		{"auditor may not audit own area", validAudit(), func(r process.Record) error {
			return r.(*InternalAudit).Move(AuditInProgress, process.Actor{Name: "cm", Roles: []process.Role{process.RoleAuditor}}, at, "")
		}, "", process.ErrSegregation},
		{"audit needs an auditor", validAudit(), func(r process.Record) error { return r.(*InternalAudit).Move(AuditInProgress, rep, at, "") }, "", process.ErrForbidden},
		{"nc correction needed", validNC(), func(r process.Record) error { return r.(*Nonconformity).Move(NCCorrected, clerk, at, "") }, "", process.ErrPrecondition},
		{"nc not closed before correction", validNC(), func(r process.Record) error { return r.(*Nonconformity).Move(NCClosed, rep, at, "") }, "", process.ErrInvalidTransition},
		{"ca approved", validCA(), func(r process.Record) error { return r.(*CorrectiveAction).Move(ActionApproved, rep, at, "") }, "approved", nil},
		{"ca skips no step", validCA(), func(r process.Record) error { return r.(*CorrectiveAction).Move(ActionImplemented, rep, at, "") }, "", process.ErrInvalidTransition},
		{"improvement approval needs top management", validImprovement(), func(r process.Record) error { return r.(*Improvement).Move(ActionApproved, rep, at, "") }, "", process.ErrForbidden},
		{"pa planning needs a plan", func() process.Record {
			p := validPA()
			require.NoError(t, p.Move(ActionApproved, rep, at, ""))
			return p
		}(), func(r process.Record) error { return r.(*PreventiveAction).Move(ActionPlanned, rep, at, "") }, "", process.ErrPrecondition},
		{"move before last history entry", validPolicy(), func(r process.Record) error { return r.(*Policy).Move(Approved, board, t0.Add(-time.Hour), "") }, "", process.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot(t, tt.rec)
			err := tt.move(tt.rec)
			if tt.err != nil {
				var te *process.TransitionError
				require.ErrorAs(t, err, &te)
				assert.ErrorIs(t, err, tt.err)
				assert.Equal(t, before, snapshot(t, tt.rec), "refused move changed the record")
				return
			}
			require.NoError(t, err)
			h := tt.rec.Meta()
			assert.Equal(t, tt.want, h.Status)
			last := h.History[len(h.History)-1]
			assert.Equal(t, process.ActionMoved, last.Action)
			assert.Equal(t, tt.want, last.To)
			require.NoError(t, tt.rec.Validate())
		})
	}
}

func TestActionLifecycleToClosed(t *testing.T) {
	m := validImprovement()
	at := t0.Add(time.Hour)
	require.NoError(t, m.Move(ActionApproved, board, at, "worth it"))
	m.Plan, m.Due = "self-service portal", at.AddDate(0, 1, 0)
	require.NoError(t, m.Move(ActionPlanned, clerk, at, ""))
	require.NoError(t, m.Move(ActionImplemented, clerk, at, ""))
	err := m.Move(ActionMeasured, clerk, at, "")
	require.ErrorIs(t, err, process.ErrPrecondition)
	m.Targets[0].Result, m.Targets[0].Met = "100%", true
	require.NoError(t, m.Move(ActionMeasured, clerk, at, ""))
	require.ErrorIs(t, m.Move(ActionClosed, clerk, at, ""), process.ErrForbidden)
	require.NoError(t, m.Move(ActionClosed, rep, at, ""))
	assert.True(t, m.Achieved())
	assert.True(t, improvementLifecycle.Final(m.State()))
	require.NoError(t, m.Validate())
}

func TestLifecyclesExposed(t *testing.T) {
	for _, k := range []process.RecordKind{process.KindScopeStatement, process.KindServiceManagementPolicy, process.KindServiceManagementObjective, process.KindServiceManagementPlan} {
		l := ApprovalLifecycle(k)
		require.NotNil(t, l, k)
		assert.Equal(t, k, l.Kind())
	}
	assert.Nil(t, ApprovalLifecycle(process.KindDocument))
	for _, k := range []process.RecordKind{process.KindCorrectiveAction, process.KindPreventiveAction, process.KindImprovement} {
		l := ActionLifecycle(k)
		require.NotNil(t, l, k)
		assert.Equal(t, k, l.Kind())
	}
	assert.Nil(t, ActionLifecycle(process.KindNonconformity))
	assert.Equal(t, process.KindDocument, DocumentLifecycle().Kind())
	assert.Equal(t, process.KindInternalAudit, AuditLifecycle().Kind())
	assert.Equal(t, process.KindNonconformity, NonconformityLifecycle().Kind())
	role, ok := DocumentLifecycle().Can(DocApproved, DocIssued)
	assert.True(t, ok)
	assert.Equal(t, process.RoleManagementRep, role)
}

func TestEnums(t *testing.T) {
	assert.True(t, PartySupplier.Valid())
	assert.False(t, PartyType("").Valid())
	assert.True(t, FindingOpportunity.Valid())
	assert.False(t, FindingType("minor").Valid())
	assert.Len(t, ReviewInputs(), 8)
	for _, in := range ReviewInputs() {
		assert.True(t, in.Valid(), in)
	}
	assert.False(t, ReviewInput("").Valid())
	assert.True(t, DocIssued.Valid())
	assert.False(t, DocumentState("published").Valid())
	assert.True(t, ActionMeasured.Valid())
	assert.True(t, Withdrawn.Valid())
	assert.True(t, AuditReported.Valid())
	assert.True(t, NCCorrected.Valid())
	_, err := PartyType("x").MarshalText()
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	_, err = FindingType("x").MarshalText()
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	_, err = ReviewInput("x").MarshalText()
	assert.ErrorIs(t, err, process.ErrInvalidValue)
}

func TestJSONRoundTrip(t *testing.T) {
	for _, r := range fixtures() {
		t.Run(string(r.Meta().Kind), func(t *testing.T) {
			b, err := json.Marshal(r)
			require.NoError(t, err)
			got, err := Decode(b)
			require.NoError(t, err)
			assert.IsType(t, r, got)
			b2, err := json.Marshal(got)
			require.NoError(t, err)
			assert.JSONEq(t, string(b), string(b2))
			require.NoError(t, got.Validate())
		})
	}
}

func TestDecodeRefusesAndFallsBack(t *testing.T) {
	tests := []struct {
		name string
		in   string
		err  error
	}{
		{"unknown finding type", `{"kind":"audit-finding","type":"minor"}`, process.ErrInvalidValue},
		{"unknown party type", `{"kind":"other-party","type":"friend"}`, process.ErrInvalidValue},
		{"unknown review input", `{"kind":"management-review","inputs":{"gossip":"x"}}`, process.ErrInvalidValue},
		{"unknown kind", `{"kind":"x-thing"}`, process.ErrUnknownKind},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.in))
			assert.ErrorIs(t, err, tt.err)
		})
	}
	_, err := Decode([]byte(`not json`))
	assert.Error(t, err)

	inc := process.NewIncident("mail down", clerk, t0)
	b, err := json.Marshal(inc)
	require.NoError(t, err)
	got, err := Decode(b)
	require.NoError(t, err)
	assert.IsType(t, &process.Incident{}, got)
}

func TestAssessWithClause4Records(t *testing.T) {
	store := process.NewMemStore()
	for _, r := range fixtures() {
		require.NoError(t, store.Put(r))
	}
	rep, err := Assess(System{Name: "test"}, store)
	require.NoError(t, err)
	for _, f := range rep.Findings {
		if f.Requirement.Process != "" {
			continue
		}
		onlySMS := f.Requirement.Evidence != nil
		for _, k := range f.Requirement.Evidence {
			onlySMS = onlySMS && k.SMS()
		}
		if onlySMS {
			assert.Equal(t, Met, f.Status, "%s: missing %v", f.Requirement.ID, f.Missing)
		}
	}
	n := 0
	for r, err := range store.Records(process.KindInternalAudit) {
		require.NoError(t, err)
		assert.IsType(t, &InternalAudit{}, r)
		n++
	}
	assert.Equal(t, 1, n)
}

func TestIndependent(t *testing.T) {
	a := validAudit()
	assert.NoError(t, a.Independent("ann"))
	err := a.Independent("cm")
	assert.True(t, errors.Is(err, process.ErrSegregation), "got %v", err)
}

func TestDocumentCycle(t *testing.T) {
	d := validDocument()
	at := t0.Add(time.Hour)
	require.NoError(t, d.Move(DocApproved, rep, at, ""))
	assert.Equal(t, "rep", d.ApprovedBy)
	d.ReviewDue = at.AddDate(1, 0, 0)
	require.NoError(t, d.Move(DocIssued, rep, at, ""))
	require.NoError(t, d.Move(DocUnderReview, clerk, at, ""))
	require.NoError(t, d.Validate())
	d.Version = "1.1"
	later := at.Add(time.Hour)
	require.NoError(t, d.Move(DocApproved, rep, later, "re-approved"))
	assert.Equal(t, later, d.ApprovedAt)
	assert.False(t, d.Obsolete())
	require.NoError(t, d.Move(DocObsolete, rep, later, "replaced"))
	assert.True(t, d.Obsolete())
	require.NoError(t, d.Validate())
}

// FuzzDecode checks that Decode never panics and that what it decodes
// encodes and decodes again to the same JSON.
func FuzzDecode(f *testing.F) {
	for _, r := range fixtures() {
		b, err := json.Marshal(r)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Decode(data)
		if err != nil {
			return
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("decoded %s does not encode: %v", r.Meta().Kind, err)
		}
		r2, err := Decode(b)
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		b2, err := json.Marshal(r2)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != string(b2) {
			t.Fatalf("got %s, want %s", b2, b)
		}
	})
}
