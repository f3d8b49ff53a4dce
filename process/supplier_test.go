package process

import (
	"iter"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSupplierValidate(t *testing.T) {
	runValidate57(t, validSupplier, []vcase57[*Supplier]{
		{"role", ErrRequired, func(s *Supplier) { s.Role = "" }},
		{"role", ErrInvalidValue, func(s *Supplier) { s.Role = "boss" }},
		{"owner", ErrRequired, func(s *Supplier) { s.Owner = "" }},
		{"lead", ErrInvalidValue, func(s *Supplier) { s.Lead = NewID() }},
		{"lead", ErrRequired, func(s *Supplier) { s.Role = SupplierSubcontracted }},
		{"lead", ErrInvalidValue, func(s *Supplier) { s.Role, s.Lead = SupplierSubcontracted, s.ID }},
	})
	require.NoError(t, NewSubcontractor("carrier", "Sam", NewID(), clerk57, t57).Validate())
}

func TestSupplierChain(t *testing.T) {
	st := NewMemStore()
	lead := validSupplier()
	sub := NewSubcontractor("carrier", "Sam", lead.ID, clerk57, t57)
	subsub := NewSubcontractor("fibre crew", "Sam", sub.ID, clerk57, t57)
	for _, s := range []*Supplier{lead, sub, subsub} {
		require.NoError(t, st.Put(s))
	}
	t.Run("chain to the lead", func(t *testing.T) {
		got, err := SupplierChain(st, subsub.ID)
		require.NoError(t, err)
		assert.Equal(t, []*Supplier{subsub, sub, lead}, got)
		got, err = SupplierChain(st, lead.ID)
		require.NoError(t, err)
		assert.Equal(t, []*Supplier{lead}, got)
	})
	t.Run("cycle", func(t *testing.T) {
		st := NewMemStore()
		a := NewSubcontractor("a", "Sam", NewID(), clerk57, t57)
		b := NewSubcontractor("b", "Sam", a.ID, clerk57, t57)
		a.Lead = b.ID
		require.NoError(t, st.Put(a))
		require.NoError(t, st.Put(b))
		_, err := SupplierChain(st, a.ID)
		assert.ErrorIs(t, err, ErrSupplierCycle)
	})
	t.Run("missing lead", func(t *testing.T) {
		orphan := NewSubcontractor("orphan", "Sam", NewID(), clerk57, t57)
		require.NoError(t, st.Put(orphan))
		_, err := SupplierChain(st, orphan.ID)
		assert.ErrorIs(t, err, ErrNotFound)
	})
	t.Run("not a supplier", func(t *testing.T) {
		c := validCustomer()
		require.NoError(t, st.Put(c))
		_, err := SupplierChain(st, c.ID)
		assert.ErrorIs(t, err, ErrInvalidValue)
	})
	t.Run("store returns no record", func(t *testing.T) {
		for name, r := range map[string]Record{"nil": nil, "nil supplier": (*Supplier)(nil)} {
			t.Run(name, func(t *testing.T) {
				var err error
				require.NotPanics(t, func() { _, err = SupplierChain(nilStore57{r}, NewID()) })
				assert.ErrorIs(t, err, ErrNotFound)
			})
		}
	})
	t.Run("sub-contracted without lead", func(t *testing.T) {
		st := NewMemStore()
		s := validSupplier()
		require.NoError(t, st.Put(s))
		s.Role = SupplierSubcontracted // changed behind the store's back
		_, err := SupplierChain(st, s.ID)
		assert.ErrorIs(t, err, ErrRequired)
	})
}

func TestSupplierContractValidate(t *testing.T) {
	runValidate57(t, validSupplierContract, []vcase57[*SupplierContract]{
		{"supplier", ErrRequired, func(c *SupplierContract) { c.Supplier = ID{} }},
		{"scope", ErrRequired, func(c *SupplierContract) { c.Scope = "" }},
		{"dependencies", ErrRequired, func(c *SupplierContract) { c.Dependencies = "" }},
		{"requirements", ErrRequired, func(c *SupplierContract) { c.Requirements = nil }},
		{"targets", ErrRequired, func(c *SupplierContract) { c.Targets = nil }},
		{"targets[0].unit", ErrRequired, func(c *SupplierContract) { c.Targets[0].Unit = "" }},
		{"interfaces", ErrRequired, func(c *SupplierContract) { c.Interfaces = "" }},
		{"integration", ErrRequired, func(c *SupplierContract) { c.Integration = "" }},
		{"workload", ErrRequired, func(c *SupplierContract) { c.Workload = nil }},
		{"exceptions", ErrRequired, func(c *SupplierContract) { c.Exceptions = nil }},
		{"responsibilities", ErrRequired, func(c *SupplierContract) { c.Responsibilities = nil }},
		{"responsibilities[0].role", ErrRequired, func(c *SupplierContract) { c.Responsibilities[0].Role = "" }},
		{"reporting", ErrRequired, func(c *SupplierContract) { c.Reporting = "" }},
		{"charging", ErrRequired, func(c *SupplierContract) { c.Charging = "" }},
		{"termination", ErrRequired, func(c *SupplierContract) { c.Termination = "" }},
		{"transfer", ErrRequired, func(c *SupplierContract) { c.Transfer = "" }},
		{"start", ErrRequired, func(c *SupplierContract) { c.Start = zeroTime57 }},
		{"end", ErrInvalidValue, func(c *SupplierContract) { c.End = c.Start.Add(-1) }},
	})
	c := validSupplierContract()
	require.NoError(t, c.Link(clerk57, at57(1), LinkSupports, NewID(), KindSLA))
	require.NoError(t, c.Link(clerk57, at57(1), LinkSupports, NewID(), KindOLA))
	assert.ErrorIs(t, c.Link(clerk57, at57(1), LinkSupports, NewID(), KindIncident), ErrInvalidLink)
}

func TestSupplierReviewValidate(t *testing.T) {
	runValidate57(t, validSupplierReview, []vcase57[*SupplierReview]{
		{"supplier", ErrRequired, func(r *SupplierReview) { r.Supplier = ID{} }},
		{"contract", ErrRequired, func(r *SupplierReview) { r.Contract = ID{} }},
		{"held", ErrRequired, func(r *SupplierReview) { r.Held = zeroTime57 }},
		{"participants", ErrRequired, func(r *SupplierReview) { r.Participants = nil }},
		{"performance", ErrRequired, func(r *SupplierReview) { r.Performance = "" }},
		{"contractChanges[0]", ErrRequired, func(r *SupplierReview) { r.ContractChanges = []string{""} }},
		{"intervalMonths", ErrRequired, func(r *SupplierReview) { r.IntervalMonths = 0 }},
		{"intervalMonths", ErrInvalidValue, func(r *SupplierReview) { r.IntervalMonths = 18 }},
	})
	r := validSupplierReview()
	assert.Equal(t, r.Held.AddDate(1, 0, 0), r.NextDue())
	r.IntervalMonths = 3
	assert.Equal(t, r.Held.AddDate(0, 3, 0), r.NextDue())
}

func TestContractDisputeValidate(t *testing.T) {
	runValidate57(t, validContractDispute, []vcase57[*ContractDispute]{
		{"status", ErrRequired, func(d *ContractDispute) { d.Status = "" }},
		{"contract", ErrRequired, func(d *ContractDispute) { d.Contract = ID{} }},
		{"raised", ErrRequired, func(d *ContractDispute) { d.Raised = zeroTime57 }},
		{"raisedBy", ErrRequired, func(d *ContractDispute) { d.RaisedBy = "" }},
		{"description", ErrRequired, func(d *ContractDispute) { d.Description = "" }},
		{"findings", ErrRequired, func(d *ContractDispute) { d.Status = string(DisputeActioned) }},
		{"actions", ErrRequired, func(d *ContractDispute) { d.Status = string(DisputeActioned) }},
		{"resolution", ErrRequired, func(d *ContractDispute) {
			d.Status, d.Findings, d.Actions = string(DisputeClosed), "x", []string{"y"}
		}},
	})
}

func TestContractDisputeLifecycle(t *testing.T) {
	sm := actor57("sam", RoleSupplierManager)
	t.Run("happy path", func(t *testing.T) {
		d := validContractDispute()
		require.NoError(t, d.Investigate(sm, at57(1), ""))
		require.NoError(t, d.Act(sm, at57(2), "credits due", []string{"invoice credits"}))
		require.NoError(t, d.Close(sm, at57(3), "credits paid"))
		assert.Equal(t, DisputeClosed, d.State())
		require.NoError(t, d.Validate())
	})
	cases := []struct {
		name  string
		state DisputeState
		want  error
		move  func(*ContractDispute) error
	}{
		{"investigate needs supplier manager", DisputeRecorded, ErrForbidden, func(d *ContractDispute) error { return d.Investigate(clerk57, at57(1), "") }},
		{"act before investigating", DisputeRecorded, ErrInvalidTransition, func(d *ContractDispute) error { return d.Act(sm, at57(1), "x", []string{"y"}) }},
		{"act without actions", DisputeInvestigating, ErrPrecondition, func(d *ContractDispute) error { return d.Act(sm, at57(1), "x", []string{""}) }},
		{"close before acting", DisputeInvestigating, ErrInvalidTransition, func(d *ContractDispute) error { return d.Close(sm, at57(1), "x") }},
		{"close without resolution", DisputeActioned, ErrPrecondition, func(d *ContractDispute) error { return d.Close(sm, at57(1), "") }},
		{"close with a blank resolution", DisputeActioned, ErrRequired, func(d *ContractDispute) error { return d.Close(sm, at57(1), "\n") }},
		{"close needs supplier manager", DisputeActioned, ErrForbidden, func(d *ContractDispute) error { return d.Close(clerk57, at57(1), "x") }},
		{"nothing after closed", DisputeClosed, ErrInvalidTransition, func(d *ContractDispute) error { return d.Investigate(sm, at57(1), "") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := validContractDispute()
			d.Status, d.Findings, d.Actions, d.Resolution = string(c.state), "x", []string{"y"}, "z"
			transition57(t, d, c.want, c.move)
		})
	}
}

// nilStore57 is a misbehaving store whose Get returns r with no error.
type nilStore57 struct{ r Record }

func (s nilStore57) Get(ID) (Record, error) { return s.r, nil }
func (nilStore57) Records(RecordKind) iter.Seq2[Record, error] {
	return func(func(Record, error) bool) {}
}
func (nilStore57) LinksTo(ID) iter.Seq2[Backlink, error] { return func(func(Backlink, error) bool) {} }
