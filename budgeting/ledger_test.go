package budgeting

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

func TestLedgerGivesTheSameAllocation(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 4))
	for iter := range 200 {
		m, entries := randomModel(rng)
		a, err := NewApportioner(m)
		require.NoError(t, err)
		want, err := a.Apportion(entries)
		require.NoError(t, err)
		l, err := NewLedger(m.Currency)
		require.NoError(t, err)
		// Book in two goes.
		require.NoError(t, l.Add(entries[:len(entries)/2]...))
		require.NoError(t, l.Add(entries[len(entries)/2:]...))
		require.Equal(t, len(entries), l.Len())
		got, err := a.ApportionLedger(l)
		require.NoError(t, err)
		require.Equal(t, costsOf(t, want), costsOf(t, got), "iteration %d", iter)
		var wl, gl []Line
		for x := range want.Lines() {
			wl = append(wl, x)
		}
		for x := range got.Lines() {
			gl = append(gl, x)
		}
		require.Equal(t, len(wl), len(gl), "iteration %d", iter)
		for i := range wl {
			require.True(t, wl[i].Amount.Amount.Equal(gl[i].Amount.Amount) && wl[i].Source == gl[i].Source && wl[i].Entries == gl[i].Entries,
				"iteration %d line %d: %+v vs %+v", iter, i, wl[i], gl[i])
		}
	}
}

func TestLedgerRefuses(t *testing.T) {
	l, err := NewLedger(EUR)
	require.NoError(t, err)
	require.NoError(t, l.Add(workedEntries()...))
	bad := workedEntries()
	bad[4].Currency = USD
	err = l.Add(bad...)
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("entries[4].currency", ErrCurrencyMismatch), "got %v", err)
	assert.Equal(t, 6, l.Len(), "nothing of a refused batch is booked")

	_, err = NewLedger("XXX")
	assert.ErrorIs(t, err, ErrUnknownCurrency)

	a, err := NewApportioner(workedModel())
	require.NoError(t, err)
	stranger := workedEntries()[:1]
	stranger[0].Service = process.MustParseID("99999999-0000-7000-8000-000000000001")
	require.NoError(t, l.Add(stranger...))
	r, err := a.ApportionLedger(l)
	assert.Nil(t, r)
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("ledger[6].service", process.ErrNotFound), "got %v", err)

	usd, err := NewLedger(USD)
	require.NoError(t, err)
	_, err = a.ApportionLedger(usd)
	assert.ErrorIs(t, err, ErrCurrencyMismatch)
}
