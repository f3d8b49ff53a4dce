package process

import (
	"iter"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSupplierValidate(t *testing.T) {
	testValidate(t, newSupplier, append(headerCases[*Supplier](), []vcase[*Supplier]{
		{"no role", func(s *Supplier) { s.Role = "" }, "role", ErrRequired},
		{"bad role", func(s *Supplier) { s.Role = "boss" }, "role", ErrInvalidValue},
		{"no owner", func(s *Supplier) { s.Owner = "" }, "owner", ErrRequired},
		{"bad lead", func(s *Supplier) { s.Lead = NewID() }, "lead", ErrInvalidValue},
		{"no lead", func(s *Supplier) { s.Role = SupplierSubcontracted }, "lead", ErrRequired},
		{"bad lead", func(s *Supplier) { s.Role, s.Lead = SupplierSubcontracted, s.ID }, "lead", ErrInvalidValue},
	}...))
	require.NoError(t, NewSubcontractor("carrier", "Sam", NewID(), nobody, t0).Validate())
}

func TestSupplierChain(t *testing.T) {
	st := NewMemStore()
	lead := newSupplier(t)
	sub := NewSubcontractor("carrier", "Sam", lead.ID, nobody, t0)
	subsub := NewSubcontractor("fibre crew", "Sam", sub.ID, nobody, t0)
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
		a := NewSubcontractor("a", "Sam", NewID(), nobody, t0)
		b := NewSubcontractor("b", "Sam", a.ID, nobody, t0)
		a.Lead = b.ID
		require.NoError(t, st.Put(a))
		require.NoError(t, st.Put(b))
		_, err := SupplierChain(st, a.ID)
		assert.ErrorIs(t, err, ErrSupplierCycle)
	})
	t.Run("missing lead", func(t *testing.T) {
		orphan := NewSubcontractor("orphan", "Sam", NewID(), nobody, t0)
		require.NoError(t, st.Put(orphan))
		_, err := SupplierChain(st, orphan.ID)
		assert.ErrorIs(t, err, ErrNotFound)
	})
	t.Run("not a supplier", func(t *testing.T) {
		c := newCustomer(t)
		require.NoError(t, st.Put(c))
		_, err := SupplierChain(st, c.ID)
		assert.ErrorIs(t, err, ErrInvalidValue)
	})
	t.Run("store returns no record", func(t *testing.T) {
		for name, r := range map[string]Record{"nil": nil, "nil supplier": (*Supplier)(nil)} {
			t.Run(name, func(t *testing.T) {
				var err error
				require.NotPanics(t, func() { _, err = SupplierChain(nilStore{r}, NewID()) })
				assert.ErrorIs(t, err, ErrNotFound)
			})
		}
	})
	t.Run("sub-contracted without lead", func(t *testing.T) {
		s := newSupplier(t)
		s.Role = SupplierSubcontracted // a host's store holding what MemStore refuses
		_, err := SupplierChain(nilStore{s}, s.ID)
		assert.ErrorIs(t, err, ErrRequired)
	})
}

func TestSupplierContractValidate(t *testing.T) {
	testValidate(t, newSupplierContract, append(headerCases[*SupplierContract](), []vcase[*SupplierContract]{
		{"no supplier", func(c *SupplierContract) { c.Supplier = ID{} }, "supplier", ErrRequired},
		{"no scope", func(c *SupplierContract) { c.Scope = "" }, "scope", ErrRequired},
		{"no dependencies", func(c *SupplierContract) { c.Dependencies = "" }, "dependencies", ErrRequired},
		{"no requirements", func(c *SupplierContract) { c.Requirements = nil }, "requirements", ErrRequired},
		{"no targets", func(c *SupplierContract) { c.Targets = nil }, "targets", ErrRequired},
		{"no targets[0].unit", func(c *SupplierContract) { c.Targets[0].Unit = "" }, "targets[0].unit", ErrRequired},
		{"no interfaces", func(c *SupplierContract) { c.Interfaces = "" }, "interfaces", ErrRequired},
		{"no integration", func(c *SupplierContract) { c.Integration = "" }, "integration", ErrRequired},
		{"no workload", func(c *SupplierContract) { c.Workload = nil }, "workload", ErrRequired},
		{"no exceptions", func(c *SupplierContract) { c.Exceptions = nil }, "exceptions", ErrRequired},
		{"no responsibilities", func(c *SupplierContract) { c.Responsibilities = nil }, "responsibilities", ErrRequired},
		{"no responsibilities[0].role", func(c *SupplierContract) { c.Responsibilities[0].Role = "" }, "responsibilities[0].role", ErrRequired},
		{"no reporting", func(c *SupplierContract) { c.Reporting = "" }, "reporting", ErrRequired},
		{"no charging", func(c *SupplierContract) { c.Charging = "" }, "charging", ErrRequired},
		{"no termination", func(c *SupplierContract) { c.Termination = "" }, "termination", ErrRequired},
		{"no transfer", func(c *SupplierContract) { c.Transfer = "" }, "transfer", ErrRequired},
		{"no start", func(c *SupplierContract) { c.Start = time.Time{} }, "start", ErrRequired},
		{"bad end", func(c *SupplierContract) { c.End = c.Start.Add(-1) }, "end", ErrInvalidValue},
	}...))
	c := newSupplierContract(t)
	require.NoError(t, c.Link(nobody, atHour(1), LinkSupports, NewID(), KindSLA))
	require.NoError(t, c.Link(nobody, atHour(1), LinkSupports, NewID(), KindOLA))
	assert.ErrorIs(t, c.Link(nobody, atHour(1), LinkSupports, NewID(), KindIncident), ErrInvalidLink)
}

func TestSupplierReviewValidate(t *testing.T) {
	testValidate(t, newSupplierReview, append(headerCases[*SupplierReview](), []vcase[*SupplierReview]{
		{"no supplier", func(r *SupplierReview) { r.Supplier = ID{} }, "supplier", ErrRequired},
		{"no contract", func(r *SupplierReview) { r.Contract = ID{} }, "contract", ErrRequired},
		{"no held", func(r *SupplierReview) { r.Held = time.Time{} }, "held", ErrRequired},
		{"no participants", func(r *SupplierReview) { r.Participants = nil }, "participants", ErrRequired},
		{"no performance", func(r *SupplierReview) { r.Performance = "" }, "performance", ErrRequired},
		{"no contractChanges[0]", func(r *SupplierReview) { r.ContractChanges = []string{""} }, "contractChanges[0]", ErrRequired},
		{"no intervalMonths", func(r *SupplierReview) { r.IntervalMonths = 0 }, "intervalMonths", ErrRequired},
		{"bad intervalMonths", func(r *SupplierReview) { r.IntervalMonths = 18 }, "intervalMonths", ErrInvalidValue},
	}...))
	r := newSupplierReview(t)
	assert.Equal(t, r.Held.AddDate(1, 0, 0), r.NextDue())
	r.IntervalMonths = 3
	assert.Equal(t, r.Held.AddDate(0, 3, 0), r.NextDue())
}

func TestContractDisputeValidate(t *testing.T) {
	testValidate(t, newContractDispute, append(headerCases[*ContractDispute](), []vcase[*ContractDispute]{
		{"no status", func(d *ContractDispute) { d.Status = "" }, "status", ErrRequired},
		{"no contract", func(d *ContractDispute) { d.Contract = ID{} }, "contract", ErrRequired},
		{"no raised", func(d *ContractDispute) { d.Raised = time.Time{} }, "raised", ErrRequired},
		{"no raisedBy", func(d *ContractDispute) { d.RaisedBy = "" }, "raisedBy", ErrRequired},
		{"no description", func(d *ContractDispute) { d.Description = "" }, "description", ErrRequired},
		{"no findings", func(d *ContractDispute) { d.Status = string(DisputeActioned) }, "findings", ErrRequired},
		{"no actions", func(d *ContractDispute) { d.Status = string(DisputeActioned) }, "actions", ErrRequired},
		{"no resolution", func(d *ContractDispute) {
			d.Status, d.Findings, d.Actions = string(DisputeClosed), "x", []string{"y"}
		}, "resolution", ErrRequired},
	}...))
}

func TestContractDisputeLifecycle(t *testing.T) {
	t.Run("happy path", func(t *testing.T) {
		d := newContractDispute(t)
		require.NoError(t, d.Investigate(sup, atHour(1), ""))
		require.NoError(t, d.Act(sup, atHour(2), "credits due", []string{"invoice credits"}))
		require.NoError(t, d.Close(sup, atHour(3), "credits paid"))
		assert.Equal(t, DisputeClosed, d.State())
		require.NoError(t, d.Validate())
	})
	cases := []struct {
		name  string
		state DisputeState
		want  error
		move  func(*ContractDispute) error
	}{
		{"investigate needs supplier manager", DisputeRecorded, ErrForbidden, func(d *ContractDispute) error { return d.Investigate(nobody, atHour(1), "") }},
		{"act before investigating", DisputeRecorded, ErrInvalidTransition, func(d *ContractDispute) error { return d.Act(sup, atHour(1), "x", []string{"y"}) }},
		{"act without actions", DisputeInvestigating, ErrPrecondition, func(d *ContractDispute) error { return d.Act(sup, atHour(1), "x", []string{""}) }},
		{"close before acting", DisputeInvestigating, ErrInvalidTransition, func(d *ContractDispute) error { return d.Close(sup, atHour(1), "x") }},
		{"close without resolution", DisputeActioned, ErrPrecondition, func(d *ContractDispute) error { return d.Close(sup, atHour(1), "") }},
		{"close with a blank resolution", DisputeActioned, ErrRequired, func(d *ContractDispute) error { return d.Close(sup, atHour(1), "\n") }},
		{"close needs supplier manager", DisputeActioned, ErrForbidden, func(d *ContractDispute) error { return d.Close(nobody, atHour(1), "x") }},
		{"nothing after closed", DisputeClosed, ErrInvalidTransition, func(d *ContractDispute) error { return d.Investigate(sup, atHour(1), "") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := newContractDispute(t)
			d.Status, d.Findings, d.Actions, d.Resolution = string(c.state), "x", []string{"y"}, "z"
			refusedTransition(t, d, c.want, func() error { return c.move(d) })
		})
	}
}

// nilStore is a misbehaving store whose Get returns r with no error.
type nilStore struct{ r Record }

func (s nilStore) Get(ID) (Record, error) { return s.r, nil }
func (nilStore) Records(RecordKind) iter.Seq2[Record, error] {
	return func(func(Record, error) bool) {}
}
func (nilStore) LinksTo(ID) iter.Seq2[Backlink, error] { return func(func(Backlink, error) bool) {} }
