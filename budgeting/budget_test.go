package budgeting

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

var (
	planner = process.Actor{Name: "pat", Roles: []process.Role{process.RoleServiceOwner}}
	manager = Approver{Actor: process.Actor{Name: "mia", Roles: []process.Role{process.RoleFinanceManager}}, Limit: MustMoney("50000", EUR)}
	board   = Approver{Actor: process.Actor{Name: "bo", Roles: []process.Role{process.RoleTopManagement}}, Limit: MustMoney("1000000", EUR)}
	chg1    = process.MustParseID("20000000-0000-7000-8000-000000000001")
	chg2    = process.MustParseID("20000000-0000-7000-8000-000000000002")
)

func emailPlan() BudgetPlan {
	return BudgetPlan{Title: "email 2026-11", Service: svcEmail, Period: "2026-11", Currency: EUR,
		Base: []BudgetLine{
			{Category: CategoryPersonnel, Amount: d("30000")},
			{Category: CategoryLicences, Amount: d("12000.50")},
		},
		Changes: []PlannedChange{
			{Change: chg1, Title: "mailbox migration", Service: svcEmail, Period: "2026-11", Category: CategoryExternalServices, Estimate: MustMoney("7999.50", EUR)},
			{Change: chg2, Title: "web redesign", Service: svcWeb, Period: "2026-11", Category: CategoryPersonnel, Estimate: MustMoney("5000", EUR)},
			{Change: chg2, Title: "next month", Service: svcEmail, Period: "2026-12", Category: CategoryPersonnel, Estimate: MustMoney("5000", EUR)},
		}}
}

func TestNewBudgetTakesPlannedChanges(t *testing.T) {
	b, err := NewBudget(emailPlan(), planner, day)
	require.NoError(t, err)
	assert.Equal(t, BudgetDraft, b.State())
	require.Len(t, b.Lines, 3, "only the change of this service and period lands in the budget")
	assert.Equal(t, chg1, b.Lines[2].Change)
	assert.Equal(t, "50000.00 EUR", b.Total().String())
	byCat := b.ByCategory()
	require.Len(t, byCat, 3)
	assert.Equal(t, CategoryLicences, byCat[0].Category)
	assert.Equal(t, CategoryExternalServices, byCat[1].Category)
	assert.True(t, byCat[1].Amount.Amount.Equal(d("7999.50")))
}

func TestNewBudgetRefuses(t *testing.T) {
	usd := emailPlan()
	usd.Changes[0].Estimate = MustMoney("10", USD)
	sub := emailPlan()
	sub.Base[0].Amount = d("1.005")
	for _, tc := range []struct {
		name string
		plan BudgetPlan
		path string
		want error
	}{
		{"change in another currency", usd, "changes[0].estimate.currency", ErrCurrencyMismatch},
		{"amount finer than a cent", sub, "lines[0].amount", ErrPrecision},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := NewBudget(tc.plan, planner, day)
			assert.Nil(t, b)
			var ve *process.ValidationError
			require.True(t, errors.As(err, &ve), "got %v", err)
			assert.True(t, ve.Has(tc.path, tc.want), "got %v", err)
		})
	}
}

func TestBudgetApprove(t *testing.T) {
	small := manager
	small.Limit = MustMoney("49999.99", EUR)
	for _, tc := range []struct {
		name      string
		approvers []Approver
		want      error
		by        string
	}{
		{"within the limit", []Approver{manager}, nil, "mia"},
		{"over the limit", []Approver{small}, ErrOverLimit, ""},
		{"over the limit is forbidden", []Approver{small}, process.ErrForbidden, ""},
		{"a higher approver", []Approver{small, board}, nil, "bo"},
		{"requester approves", []Approver{{Actor: planner, Limit: MustMoney("1e9", EUR)}}, process.ErrSegregation, ""},
		{"requester among approvers", []Approver{board, {Actor: planner, Limit: MustMoney("1", EUR)}}, process.ErrSegregation, ""},
		{"no approver", nil, process.ErrRequired, ""},
		{"limit in another currency", []Approver{{Actor: board.Actor, Limit: MustMoney("1e9", USD)}}, ErrCurrencyMismatch, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := NewBudget(emailPlan(), planner, day)
			require.NoError(t, err)
			before := snapshot(t, b)
			err = b.Approve(day.Add(time.Hour), tc.approvers...)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				var te *process.TransitionError
				assert.True(t, errors.As(err, &te), "got %T", err)
				assert.Equal(t, before, snapshot(t, b), "a refused approval changes nothing")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, BudgetApproved, b.State())
			require.Len(t, b.Approvals, 1)
			assert.Equal(t, tc.by, b.Approvals[0].By)
			assert.Equal(t, -1, b.Approvals[0].Variation)
			require.NoError(t, b.Validate())
		})
	}
}

func TestBudgetVary(t *testing.T) {
	newApproved := func(t *testing.T) *Budget {
		b, err := NewBudget(emailPlan(), planner, day)
		require.NoError(t, err)
		require.NoError(t, b.Approve(day.Add(time.Hour), manager))
		return b
	}
	move := Variation{Reason: "licences to staff", Lines: []BudgetLine{
		{Category: CategoryLicences, Amount: d("-30000")}, {Category: CategoryPersonnel, Amount: d("30000")}}}
	t.Run("moving money counts both ways", func(t *testing.T) {
		b := newApproved(t)
		before := snapshot(t, b)
		err := b.Vary(planner, day.Add(2*time.Hour), move, manager)
		require.ErrorIs(t, err, ErrOverLimit, "60,000 moved is above a 50,000 limit")
		assert.Equal(t, before, snapshot(t, b))
		require.NoError(t, b.Vary(planner, day.Add(2*time.Hour), move, manager, board))
		assert.Equal(t, "50000.00 EUR", b.Total().String(), "a move keeps the total")
		require.Len(t, b.Approvals, 2)
		assert.Equal(t, 0, b.Approvals[1].Variation)
		assert.Equal(t, "bo", b.Approvals[1].By)
	})
	t.Run("requester may not approve", func(t *testing.T) {
		b := newApproved(t)
		err := b.Vary(board.Actor, day.Add(2*time.Hour), move, board)
		require.ErrorIs(t, err, process.ErrSegregation)
	})
	t.Run("draft budgets are not varied", func(t *testing.T) {
		b, err := NewBudget(emailPlan(), planner, day)
		require.NoError(t, err)
		require.ErrorIs(t, b.Vary(planner, day, move, board), process.ErrPrecondition)
	})
}

func TestBudgetLifecycle(t *testing.T) {
	l := BudgetLifecycle()
	_, ok := l.Can(BudgetDraft, BudgetApproved)
	assert.True(t, ok)
	role, ok := l.Can(BudgetApproved, BudgetClosed)
	assert.True(t, ok)
	assert.Equal(t, process.RoleFinanceManager, role)
	_, ok = l.Can(BudgetClosed, BudgetDraft)
	assert.False(t, ok)
}

// snapshot returns b as JSON, to compare before and after a refusal.
func snapshot(t *testing.T, b *Budget) string {
	t.Helper()
	j, err := json.Marshal(b)
	require.NoError(t, err)
	return string(j)
}
