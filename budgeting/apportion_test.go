package budgeting

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

func TestApportionWorkedExample(t *testing.T) {
	a, err := NewApportioner(workedModel())
	require.NoError(t, err)
	r, err := a.Apportion(workedEntries())
	require.NoError(t, err)

	t.Run("totals", func(t *testing.T) {
		for _, tc := range []struct {
			svc  process.ID
			want string
		}{
			{svcEmail, "7600.01"}, {svcWeb, "10242.85"}, {svcPayroll, "3457.14"}, {svcDC, "0"}, {svcDesk, "0"},
		} {
			got := r.Cost(tc.svc, "2026-11")
			assert.True(t, got.Amount.Equal(d(tc.want)), "%s: got %s want %s", a.name(a.svc[tc.svc]), got, tc.want)
		}
	})
	t.Run("trace", func(t *testing.T) {
		type row struct {
			svc  process.ID
			cat  Category
			src  Source
			want string
		}
		want := []row{
			{svcEmail, CategoryPersonnel, Source{Kind: SourceDirect}, "1000.00"},
			{svcEmail, CategoryOverheads, Source{Kind: SourceRule, Rule: ruleEven}, "333.34"},
			{svcEmail, CategoryPersonnel, Source{Kind: SourceStepDown, Rule: ruleTicket, From: svcDesk}, "3600.00"},
			{svcEmail, CategoryFacilities, Source{Kind: SourceStepDown, Rule: ruleTicket, From: svcDesk}, "285.72"},
			{svcEmail, CategoryFacilities, Source{Kind: SourceStepDown, Rule: ruleCIs, From: svcDC}, "2380.95"},
			{svcWeb, CategoryFacilities, Source{Kind: SourceStepDown, Rule: ruleCIs, From: svcDC}, "5952.38"},
			{svcWeb, CategoryFacilities, Source{Kind: SourceStepDown, Rule: ruleTicket, From: svcDesk}, "107.14"},
			{svcPayroll, CategoryFacilities, Source{Kind: SourceStepDown, Rule: ruleCIs, From: svcDC}, "1190.48"},
			{svcPayroll, CategoryFacilities, Source{Kind: SourceStepDown, Rule: ruleTicket, From: svcDesk}, "83.33"},
			{svcDesk, CategoryFacilities, Source{Kind: SourceStepDown, Rule: ruleCIs, From: svcDC}, "476.19"},
			{svcDesk, CategoryFacilities, Source{Kind: SourcePassedOn, Rule: ruleTicket}, "-476.19"},
			{svcDesk, CategoryPersonnel, Source{Kind: SourcePassedOn, Rule: ruleTicket}, "-6000.00"},
			{svcDC, CategoryFacilities, Source{Kind: SourcePassedOn, Rule: ruleCIs}, "-10000.00"},
		}
		var lines []Line
		for l := range r.Lines() {
			lines = append(lines, l)
		}
		for _, w := range want {
			found := false
			for _, l := range lines {
				if l.Service == w.svc && l.Category == w.cat && l.Source == w.src {
					found = true
					assert.True(t, l.Amount.Amount.Equal(d(w.want)), "%v %s %v: got %s want %s", w.svc, w.cat, w.src, l.Amount, w.want)
				}
			}
			assert.True(t, found, "no line for %v %s %v", w.svc.Short(), w.cat, w.src)
		}
	})
}

func TestNewApportionerRefuses(t *testing.T) {
	cycle := workedModel()
	cycle.Rules[1].Shares = append(cycle.Rules[1].Shares, Share{svcDC, d("1")}) // desk → DC → desk
	zero := workedModel()
	zero.Rules[1].Shares = []Share{{svcEmail, d("0")}, {svcWeb, d("0")}}
	unknown := workedModel()
	unknown.Currency = "XXX"
	neg := workedModel()
	neg.Rules[0].Shares[0].Weight = d("-1")
	for _, tc := range []struct {
		name string
		m    Model
		want error
		path string
	}{
		{"cycle", cycle, ErrCycle, ""},
		{"zero driver", zero, ErrZeroDriver, "rules[1].shares"},
		{"unknown currency", unknown, ErrUnknownCurrency, "currency"},
		{"negative weight", neg, process.ErrInvalidValue, "rules[0].shares[0].weight"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := NewApportioner(tc.m)
			require.Error(t, err)
			assert.Nil(t, a)
			assert.ErrorIs(t, err, tc.want)
			if tc.path != "" {
				var ve *process.ValidationError
				require.True(t, errors.As(err, &ve), "got %T", err)
				assert.True(t, ve.Has(tc.path, tc.want), "got %v", err)
			}
		})
	}
}
