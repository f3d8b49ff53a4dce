package sms

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
		{"policy approved by top management", validPolicy(), func(r process.Record) error { return r.(*Policy).Move(board, at, Approved, "") }, "approved", nil},
		{"policy approval needs top management", validPolicy(), func(r process.Record) error { return r.(*Policy).Move(rep, at, Approved, "") }, "", process.ErrForbidden},
		{"incomplete policy not approved", NewPolicy("p", "s", clerk, t0), func(r process.Record) error { return r.(*Policy).Move(board, at, Approved, "") }, "", process.ErrPrecondition},
		{"incomplete plan not approved", NewPlan("p", "rep", clerk, t0), func(r process.Record) error { return r.(*Plan).Move(board, at, Approved, "") }, "", process.ErrPrecondition},
		{"plan approved", validPlan(), func(r process.Record) error { return r.(*Plan).Move(board, at, Approved, "") }, "approved", nil},
		{"incomplete scope not approved", NewScopeStatement("s", nil, nil, nil, clerk, t0), func(r process.Record) error { return r.(*ScopeStatement).Move(board, at, Approved, "") }, "", process.ErrPrecondition},
		{"incomplete document not approved", NewDocument("d", "", "", clerk, t0), func(r process.Record) error { return r.(*Document).Move(rep, at, DocApproved, "") }, "", process.ErrPrecondition},
		{"scope withdrawn", validScope(), func(r process.Record) error { return r.(*ScopeStatement).Move(board, at, Withdrawn, "") }, "withdrawn", nil},
		{"objective approved", validObjective(), func(r process.Record) error { return r.(*Objective).Move(board, at, Approved, "") }, "approved", nil},
		{"document not issued before approval", validDocument(), func(r process.Record) error { return r.(*Document).Move(rep, at, DocIssued, "") }, "", process.ErrInvalidTransition},
		{"document approved", validDocument(), func(r process.Record) error { return r.(*Document).Move(rep, at, DocApproved, "") }, "approved", nil},
		{"document issue needs review date", func() process.Record {
			d := validDocument()
			require.NoError(t, d.Move(rep, at, DocApproved, ""))
			return d
		}(), func(r process.Record) error { return r.(*Document).Move(rep, at, DocIssued, "") }, "", process.ErrPrecondition},
		{"obsolete is final", func() process.Record {
			d := validDocument()
			require.NoError(t, d.Move(rep, at, DocObsolete, ""))
			return d
		}(), func(r process.Record) error { return r.(*Document).Move(rep, at, DocApproved, "") }, "", process.ErrInvalidTransition},
		{"audit by an auditor", validAudit(), func(r process.Record) error { return r.(*InternalAudit).Move(aud, at, AuditInProgress, "") }, "in-progress", nil},
		{"auditor may not audit own area", validAudit(), func(r process.Record) error {
			return r.(*InternalAudit).Move(process.Actor{ID: "cm", Roles: []process.Role{process.RoleAuditor}}, at, AuditInProgress, "")
		}, "", process.ErrSegregation},
		{"audit needs an auditor", validAudit(), func(r process.Record) error { return r.(*InternalAudit).Move(rep, at, AuditInProgress, "") }, "", process.ErrForbidden},
		{"nc correction needed", validNC(), func(r process.Record) error { return r.(*Nonconformity).Move(clerk, at, NCCorrected, "") }, "", process.ErrPrecondition},
		{"nc not closed before correction", validNC(), func(r process.Record) error { return r.(*Nonconformity).Move(rep, at, NCClosed, "") }, "", process.ErrInvalidTransition},
		{"ca approved", validCA(), func(r process.Record) error { return r.(*CorrectiveAction).Move(rep, at, ActionApproved, "") }, "approved", nil},
		{"ca skips no step", validCA(), func(r process.Record) error { return r.(*CorrectiveAction).Move(rep, at, ActionImplemented, "") }, "", process.ErrInvalidTransition},
		{"improvement approval needs top management", validImprovement(), func(r process.Record) error { return r.(*Improvement).Move(rep, at, ActionApproved, "") }, "", process.ErrForbidden},
		{"pa planning needs a plan", func() process.Record {
			p := validPA()
			require.NoError(t, p.Move(rep, at, ActionApproved, ""))
			return p
		}(), func(r process.Record) error { return r.(*PreventiveAction).Move(rep, at, ActionPlanned, "") }, "", process.ErrPrecondition},
		{"move before last history entry", validPolicy(), func(r process.Record) error { return r.(*Policy).Move(board, t0.Add(-time.Hour), Approved, "") }, "", process.ErrInvalidValue},
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

func TestLifecyclesExposed(t *testing.T) {
	approval := []struct {
		kind process.RecordKind
		l    *process.Lifecycle[ApprovalState]
	}{
		{process.KindScopeStatement, (*ScopeStatement)(nil).Lifecycle()},
		{process.KindServiceManagementPolicy, (*Policy)(nil).Lifecycle()},
		{process.KindServiceManagementObjective, (*Objective)(nil).Lifecycle()},
		{process.KindServiceManagementPlan, (*Plan)(nil).Lifecycle()},
	}
	for _, a := range approval {
		require.NotNil(t, a.l, a.kind)
		assert.Equal(t, a.kind, a.l.Kind())
		role, ok := a.l.Can(Draft, Approved)
		assert.True(t, ok, a.kind)
		assert.Equal(t, process.RoleTopManagement, role, a.kind)
	}
	action := []struct {
		kind     process.RecordKind
		l        *process.Lifecycle[ActionState]
		approver process.Role
	}{
		{process.KindCorrectiveAction, (*CorrectiveAction)(nil).Lifecycle(), process.RoleManagementRep},
		{process.KindPreventiveAction, (*PreventiveAction)(nil).Lifecycle(), process.RoleManagementRep},
		{process.KindImprovement, (*Improvement)(nil).Lifecycle(), process.RoleTopManagement},
	}
	for _, a := range action {
		require.NotNil(t, a.l, a.kind)
		assert.Equal(t, a.kind, a.l.Kind())
		role, ok := a.l.Can(ActionRecorded, ActionApproved)
		assert.True(t, ok, a.kind)
		assert.Equal(t, a.approver, role, a.kind)
	}
	assert.Equal(t, process.KindDocument, (*Document)(nil).Lifecycle().Kind())
	assert.Equal(t, process.KindInternalAudit, (*InternalAudit)(nil).Lifecycle().Kind())
	assert.Equal(t, process.KindNonconformity, (*Nonconformity)(nil).Lifecycle().Kind())
	role, ok := (*Document)(nil).Lifecycle().Can(DocApproved, DocIssued)
	assert.True(t, ok)
	assert.Equal(t, process.RoleManagementRep, role)
}

// TestLifecycleMethods checks every record type of the package that has a
// state: it has a Lifecycle method, which gives the lifecycle of its own
// kind, the same for a record as for a nil pointer, and the record's state
// is one of the lifecycle's.
func TestLifecycleMethods(t *testing.T) {
	n := 0
	for _, r := range fixtures() {
		rv := reflect.ValueOf(r)
		if !rv.MethodByName("State").IsValid() {
			continue
		}
		n++
		t.Run(rv.Type().Elem().Name(), func(t *testing.T) {
			m := rv.MethodByName("Lifecycle")
			require.True(t, m.IsValid(), "%T has a State but no Lifecycle method", r)
			got := m.Call(nil)[0]
			fromNil := reflect.Zero(rv.Type()).MethodByName("Lifecycle").Call(nil)[0]
			assert.Equal(t, got.Pointer(), fromNil.Pointer(), "a nil receiver gives another lifecycle")
			assert.Equal(t, r.Meta().Kind, got.MethodByName("Kind").Call(nil)[0].Interface())
			state := rv.MethodByName("State").Call(nil)[0]
			assert.True(t, got.MethodByName("Valid").Call([]reflect.Value{state})[0].Bool(), "state %v", state)
		})
	}
	assert.Equal(t, 10, n, "record types with a lifecycle")
}

func TestEnums(t *testing.T) {
	assert.True(t, process.PartySupplier.Valid())
	assert.False(t, process.PartyType("").Valid())
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
	_, err := process.PartyType("x").MarshalText()
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	_, err = FindingType("x").MarshalText()
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	_, err = ReviewInput("x").MarshalText()
	assert.ErrorIs(t, err, process.ErrInvalidValue)
}

func TestStatesAndStrings(t *testing.T) {
	at := t0.Add(time.Hour)
	s, p, o, pl := validScope(), validPolicy(), validObjective(), validPlan()
	require.NoError(t, s.Move(board, at, Approved, ""))
	require.NoError(t, p.Move(board, at, Approved, ""))
	require.NoError(t, o.Move(board, at, Approved, ""))
	require.NoError(t, pl.Move(board, at, Approved, ""))
	for _, got := range []ApprovalState{s.State(), p.State(), o.State(), pl.State()} {
		assert.Equal(t, "approved", got.String())
	}
	require.NoError(t, p.Move(rep, at, Draft, "revise"))
	assert.Equal(t, Draft, p.State())
	assert.Equal(t, "under-review", DocUnderReview.String())
	assert.Equal(t, "observation", FindingObservation.String())
	assert.Equal(t, "internal-group", process.PartyInternalGroup.String())
	assert.Equal(t, "changes", InputChanges.String())
	assert.Equal(t, "reported", AuditReported.String())
	assert.Equal(t, "closed", NCClosed.String())
	assert.Equal(t, "measured", ActionMeasured.String())

	p.Status = ""
	var ve *process.ValidationError
	require.ErrorAs(t, p.Validate(), &ve)
	assert.True(t, ve.Has("status", process.ErrRequired), "got %v", ve)
}

func TestImprovementRaisesChange(t *testing.T) {
	store := process.NewMemStore()
	rfc := process.NewRequestForChange("self-service portal", process.ChangeNormal, clerk, t0)
	rfc.Description = "let users reset their own passwords"
	require.NoError(t, store.Put(rfc))
	m := validImprovement()
	require.NoError(t, m.Link(clerk, t0.Add(time.Minute), process.LinkRaised, rfc.ID, process.KindRequestForChange))
	require.NoError(t, store.Put(m))
	var from []process.ID
	for b, err := range store.LinksTo(rfc.ID) {
		require.NoError(t, err)
		from = append(from, b.From)
	}
	assert.Equal(t, []process.ID{m.ID}, from)
}

func TestEnumText(t *testing.T) {
	t.Run("NonconformityState", func(t *testing.T) { processtest.EnumText(t, (*Nonconformity)(nil).Lifecycle().States()...) })
	t.Run("ActionState", func(t *testing.T) { processtest.EnumText(t, (*CorrectiveAction)(nil).Lifecycle().States()...) })
	t.Run("Status", func(t *testing.T) { processtest.EnumText(t, Met, PartlyMet, NotMet) })
	t.Run("AuditState", func(t *testing.T) { processtest.EnumText(t, (*InternalAudit)(nil).Lifecycle().States()...) })
	t.Run("FindingType", func(t *testing.T) {
		processtest.EnumText(t, FindingNonconformity, FindingObservation, FindingOpportunity)
	})
	t.Run("DocumentState", func(t *testing.T) { processtest.EnumText(t, (*Document)(nil).Lifecycle().States()...) })
	t.Run("ApprovalState", func(t *testing.T) {
		processtest.EnumText(t, (*Policy)(nil).Lifecycle().States()...)
	})
	t.Run("ReviewInput", func(t *testing.T) { processtest.EnumText(t, ReviewInputs()...) })
	t.Run("Recency", func(t *testing.T) { processtest.EnumText(t, InPeriod, WithinInterval) })
	t.Run("Edition", func(t *testing.T) { processtest.EnumText(t, Edition2011, Edition2018) })
}

// TestErrorsNameThePackage checks that the errors of the package's records
// and values read "sms: …", as encoding/json's read "json: …".
func TestErrorsNameThePackage(t *testing.T) {
	at := t0.Add(time.Hour)
	sysErr := System{OperatedByOthers: []process.Process{"ghost"}}.Validate()
	_, decodeErr := Decode([]byte(`{"kind":"audit-finding","type":"minor"}`))
	_, assessErr := Assess(System{OperatedByOthers: []process.Process{"nope"}}, process.NewMemStore(), Options{Period: period})
	tests := []struct {
		name string
		err  error
		want string // the message's start
		is   error
	}{
		{"validation", NewPolicy("p", "", clerk, t0).Validate(), "sms: service-management-policy ", process.ErrRequired},
		{"validation of a value", sysErr, "sms: system invalid: operatedByOthers[0]", process.ErrInvalidValue},
		{"assess", assessErr, "sms: system invalid: operatedByOthers[0]", process.ErrInvalidValue},
		{"transition by role", validPolicy().Move(rep, at, Approved, ""), "sms: service-management-policy ", process.ErrForbidden},
		{"transition not allowed", validNC().Move(rep, at, NCClosed, ""), "sms: nonconformity ", process.ErrInvalidTransition},
		{"transition precondition", validNC().Move(clerk, at, NCCorrected, ""), "sms: nonconformity ", process.ErrPrecondition},
		{"transition segregation", validAudit().Move(process.Actor{ID: "cm", Roles: []process.Role{process.RoleAuditor}}, at, AuditInProgress, ""),
			"sms: internal-audit ", process.ErrSegregation},
		{"independence", validAudit().Independent("cm"), "sms: internal-audit ", process.ErrSegregation},
		{"decode", decodeErr, "sms: decode audit-finding: ", process.ErrInvalidValue},
	}
	assert.Contains(t, sysErr.Error(), `unknown process "ghost"`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Error(t, tt.err)
			assert.ErrorIs(t, tt.err, tt.is)
			msg := tt.err.Error()
			assert.True(t, strings.HasPrefix(msg, tt.want), "got %q, want %q…", msg, tt.want)
			assert.NotContains(t, msg, "process: ")
		})
	}
	var te *process.TransitionError
	err := validAudit().Move(process.Actor{ID: "cm", Roles: []process.Role{process.RoleAuditor}}, at, AuditInProgress, "")
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1, strings.Count(err.Error(), "sms: "), "the reason does not repeat the prefix: %q", err)
	assert.Contains(t, err.Error(), `auditor "cm" owns "change"`)
}
