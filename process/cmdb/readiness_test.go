package cmdb

import (
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
)

func TestReleaseGates(t *testing.T) {
	ready := ReleaseReadiness{
		Release:  cid(50),
		Changes:  []ChangeApproval{{Change: cid(51), Authorised: true}, {Change: cid(52), Authorised: true}},
		Criteria: []string{"login", "checkout"},
		// checkout failed first, then passed on retest: the later result counts.
		Results:  []AcceptanceResult{{"login", true}, {"checkout", false}, {"checkout", true}},
		Baseline: cid(60),
	}
	tests := []struct {
		name string
		edit func(r *ReleaseReadiness)
		want []GateFailure
	}{
		{"all gates pass", func(*ReleaseReadiness) {}, nil},
		{"one change not authorised", func(r *ReleaseReadiness) { r.Changes[1].Authorised = false },
			[]GateFailure{{Gate: GateChangesAuthorised, Record: cid(52), Detail: "not authorised"}}},
		{"no changes", func(r *ReleaseReadiness) { r.Changes = nil },
			[]GateFailure{{Gate: GateChangesAuthorised, Detail: "implements no change"}}},
		{"criterion failed on retest", func(r *ReleaseReadiness) { r.Results = append(r.Results, AcceptanceResult{"login", false}) },
			[]GateFailure{{Gate: GateAcceptance, Criterion: "login", Detail: "failed"}}},
		{"criterion not tested", func(r *ReleaseReadiness) { r.Results = r.Results[:1] },
			[]GateFailure{{Gate: GateAcceptance, Criterion: "checkout", Detail: "not tested"}}},
		{"no criteria", func(r *ReleaseReadiness) { r.Criteria = nil },
			[]GateFailure{{Gate: GateAcceptance, Detail: "no acceptance criteria agreed"}}},
		{"no baseline, and everything else wrong", func(r *ReleaseReadiness) {
			r.Baseline = process.ID{}
			r.Changes[0].Authorised = false
			r.Results = nil
		}, []GateFailure{
			{Gate: GateChangesAuthorised, Record: cid(51), Detail: "not authorised"},
			{Gate: GateAcceptance, Criterion: "login", Detail: "not tested"},
			{Gate: GateAcceptance, Criterion: "checkout", Detail: "not tested"},
			{Gate: GateBaseline, Detail: "no configuration baseline taken"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ready
			r.Changes = append([]ChangeApproval(nil), ready.Changes...)
			r.Results = append([]AcceptanceResult(nil), ready.Results...)
			tt.edit(&r)
			assert.Equal(t, tt.want, r.Gates())
			err := r.Deployable()
			if tt.want == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, process.ErrPrecondition)
			}
		})
	}
}

func TestReleaseGateText(t *testing.T) {
	processtest.EnumText(t, GateChangesAuthorised, GateAcceptance, GateBaseline)
}
