package budgeting

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

// A budget's approvers are identities: the requester under another
// spelling is refused, not counted as someone else.
func TestBudgetApproverIdentity(t *testing.T) {
	for _, id := range []string{" " + planner.ID, planner.ID + "\u200b", planner.ID + "\t", " ", ""} {
		b, err := NewBudget(emailPlan(), planner, processtest.T0)
		require.NoError(t, err)
		before := snapshot(t, b)
		err = b.Approve(manager.Actor, processtest.At(1), Approver{Actor: process.Actor{ID: id}, Limit: MustMoney("1e9", EUR)})
		require.Error(t, err, "approver %q", id)
		assert.True(t, errors.Is(err, process.ErrInvalidValue) || errors.Is(err, process.ErrRequired), "approver %q: %v", id, err)
		assert.Equal(t, before, snapshot(t, b), "a refused approval changes nothing")
	}
	b, err := NewBudget(emailPlan(), planner, processtest.T0)
	require.NoError(t, err)
	err = b.Approve(manager.Actor, processtest.At(1), Approver{Actor: planner, Limit: MustMoney("1e9", EUR)})
	assert.ErrorIs(t, err, process.ErrSegregation, "the requester, by the same identity")
}

// An approved budget binds its lines: written behind Vary's back, it is
// refused by the store; through Vary it is accepted.
func TestBudgetApprovalBindsLines(t *testing.T) {
	s := process.NewMemStore()
	b, err := NewBudget(emailPlan(), planner, processtest.T0)
	require.NoError(t, err)
	require.NoError(t, b.Approve(manager.Actor, processtest.At(1), manager))
	require.NoError(t, s.Put(b))

	forged, err := s.Get(b.ID)
	require.NoError(t, err)
	fb := forged.(*Budget)
	fb.Lines[0].Amount = d("90000")
	assert.ErrorIs(t, s.Put(fb), process.ErrInconsistent, "lines written after approval")

	got, err := s.Get(b.ID)
	require.NoError(t, err)
	assert.Equal(t, b.Lines, got.(*Budget).Lines, "the store is unchanged")

	varied := got.(*Budget)
	require.NoError(t, varied.Vary(planner, processtest.At(2), Variation{Lines: []BudgetLine{{Category: CategoryPersonnel, Amount: d("1000")}}, Reason: "new starter"}, manager))
	require.NoError(t, s.Put(varied), "a variation approved through Vary binds anew")

	assert.ErrorIs(t, process.Set(varied, "requester", &varied.Requester, manager.Actor.ID, process.ID{}, "", planner, processtest.At(3)), process.ErrProtected)
	varied.Requester = manager.Actor.ID
	assert.ErrorIs(t, varied.Validate(), process.ErrInconsistent, "the requester is the budget's creator")
}
