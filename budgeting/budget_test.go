package budgeting

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
)

var (
	// planner requests budgets: the service owner of the shared fixtures.
	planner = processtest.Owner
	// manager, the finance manager of the shared fixtures, approves up to
	// 50,000 EUR.
	manager = Approver{Actor: processtest.Finance, Limit: MustMoney("50000", EUR)}
	// board approves up to 1,000,000 EUR: top management.
	board = Approver{Actor: processtest.Top, Limit: MustMoney("1000000", EUR)}
	chg1  = process.MustParseID("20000000-0000-7000-8000-000000000001")
	chg2  = process.MustParseID("20000000-0000-7000-8000-000000000002")
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
	b, err := NewBudget(emailPlan(), planner, processtest.T0)
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
			b, err := NewBudget(tc.plan, planner, processtest.T0)
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
		{"within the limit", []Approver{manager}, nil, manager.Actor.ID},
		{"over the limit", []Approver{small}, ErrOverLimit, ""},
		{"over the limit is forbidden", []Approver{small}, process.ErrForbidden, ""},
		{"a higher approver", []Approver{small, board}, nil, board.Actor.ID},
		{"requester approves", []Approver{{Actor: planner, Limit: MustMoney("1e9", EUR)}}, process.ErrSegregation, ""},
		{"requester among approvers", []Approver{board, {Actor: planner, Limit: MustMoney("1", EUR)}}, process.ErrSegregation, ""},
		{"no approver", nil, process.ErrRequired, ""},
		{"limit in another currency", []Approver{{Actor: board.Actor, Limit: MustMoney("1e9", USD)}}, ErrCurrencyMismatch, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := NewBudget(emailPlan(), planner, processtest.T0)
			require.NoError(t, err)
			before := snapshot(t, b)
			err = b.Approve(manager.Actor, processtest.At(1), tc.approvers...)
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
		b, err := NewBudget(emailPlan(), planner, processtest.T0)
		require.NoError(t, err)
		require.NoError(t, b.Approve(manager.Actor, processtest.At(1), manager))
		return b
	}
	move := Variation{Reason: "licences to staff", Lines: []BudgetLine{
		{Category: CategoryLicences, Amount: d("-30000")}, {Category: CategoryPersonnel, Amount: d("30000")}}}
	t.Run("moving money counts both ways", func(t *testing.T) {
		b := newApproved(t)
		before := snapshot(t, b)
		err := b.Vary(planner, processtest.At(2), move, manager)
		require.ErrorIs(t, err, ErrOverLimit, "60,000 moved is above a 50,000 limit")
		assert.Equal(t, before, snapshot(t, b))
		require.NoError(t, b.Vary(planner, processtest.At(2), move, manager, board))
		assert.Equal(t, "50000.00 EUR", b.Total().String(), "a move keeps the total")
		require.Len(t, b.Approvals, 2)
		assert.Equal(t, 0, b.Approvals[1].Variation)
		assert.Equal(t, board.Actor.ID, b.Approvals[1].By)
	})
	t.Run("requester may not approve", func(t *testing.T) {
		b := newApproved(t)
		err := b.Vary(board.Actor, processtest.At(2), move, board)
		require.ErrorIs(t, err, process.ErrSegregation)
	})
	t.Run("draft budgets are not varied", func(t *testing.T) {
		b, err := NewBudget(emailPlan(), planner, processtest.T0)
		require.NoError(t, err)
		require.ErrorIs(t, b.Vary(planner, processtest.T0, move, board), process.ErrPrecondition)
	})
}

func TestBudgetApproveRecordsWhoAndWhen(t *testing.T) {
	b, err := NewBudget(emailPlan(), planner, processtest.T0)
	require.NoError(t, err)
	before := snapshot(t, b)
	for _, tc := range []struct {
		name string
		by   process.Actor
		at   time.Time
		want error
	}{
		{"no actor", process.Actor{}, processtest.At(1), process.ErrRequired},
		{"no time", manager.Actor, time.Time{}, process.ErrRequired},
		{"before the budget was made", manager.Actor, processtest.At(-1), process.ErrInvalidValue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := b.Approve(tc.by, tc.at, manager)
			require.ErrorIs(t, err, tc.want)
			var te *process.TransitionError
			assert.True(t, errors.As(err, &te), "got %T", err)
			assert.Equal(t, before, snapshot(t, b), "a refused approval changes nothing")
		})
	}
	require.NoError(t, b.Approve(manager.Actor, processtest.At(1), board))
	last := b.History[len(b.History)-1]
	assert.Equal(t, manager.Actor.ID, last.Actor, "the history names who recorded the approval")
	assert.True(t, last.At.Equal(processtest.At(1)))
	assert.Equal(t, string(BudgetApproved), last.To)
	assert.Contains(t, last.Note, board.Actor.ID, "and the approver whose limit covers it")
	assert.True(t, b.Updated.Equal(processtest.At(1)))
	require.ErrorIs(t, b.Approve(manager.Actor, processtest.At(2), board), process.ErrInvalidTransition, "approved once")
}

func TestBudgetClose(t *testing.T) {
	b, err := NewBudget(emailPlan(), planner, processtest.T0)
	require.NoError(t, err)
	require.ErrorIs(t, b.Close(manager.Actor, processtest.At(1), "period over"), process.ErrInvalidTransition, "a draft is not closed")
	require.NoError(t, b.Approve(manager.Actor, processtest.At(1), manager))
	before := snapshot(t, b)
	require.ErrorIs(t, b.Close(planner, processtest.At(2), "period over"), process.ErrForbidden, "closing needs a finance manager")
	assert.Equal(t, before, snapshot(t, b))
	require.NoError(t, b.Close(manager.Actor, processtest.At(2), "period over"))
	assert.Equal(t, BudgetClosed, b.State())
	assert.Equal(t, manager.Actor.ID, b.History[len(b.History)-1].Actor)
	require.NoError(t, b.Validate())
}

func TestBudgetVaryRecordsWhoAndWhen(t *testing.T) {
	b, err := NewBudget(emailPlan(), planner, processtest.T0)
	require.NoError(t, err)
	require.NoError(t, b.Approve(manager.Actor, processtest.At(1), manager))
	more := Variation{Reason: "more seats", Lines: []BudgetLine{{Category: CategoryLicences, Amount: d("100")}}}
	before := snapshot(t, b)
	require.ErrorIs(t, b.Vary(process.Actor{}, processtest.At(2), more, manager), process.ErrRequired)
	require.ErrorIs(t, b.Vary(planner, processtest.T0, more, manager), process.ErrInvalidValue, "before the approval")
	assert.Equal(t, before, snapshot(t, b))
	require.NoError(t, b.Vary(planner, processtest.At(2), more, manager))
	last := b.History[len(b.History)-1]
	assert.Equal(t, planner.ID, last.Actor)
	assert.Contains(t, last.Note, manager.Actor.ID)
	assert.Equal(t, planner.ID, b.Variations[0].Requester)
}

func TestBudgetLifecycle(t *testing.T) {
	l := (*Budget)(nil).Lifecycle()
	_, ok := l.Can(BudgetDraft, BudgetApproved)
	assert.True(t, ok)
	role, ok := l.Can(BudgetApproved, BudgetClosed)
	assert.True(t, ok)
	assert.Equal(t, process.RoleFinanceManager, role)
	_, ok = l.Can(BudgetClosed, BudgetDraft)
	assert.False(t, ok)
	assert.Equal(t, process.KindBudget, l.Kind())
	b, err := NewBudget(emailPlan(), planner, processtest.T0)
	require.NoError(t, err)
	assert.Same(t, l, b.Lifecycle(), "the receiver is not read")
	assert.Equal(t, l.Initial(), b.State())
}

// snapshot returns b as JSON, to compare before and after a refusal.
func snapshot(t *testing.T, b *Budget) string {
	t.Helper()
	j, err := json.Marshal(b)
	require.NoError(t, err)
	return string(j)
}
