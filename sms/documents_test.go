package sms

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDocumentCycle(t *testing.T) {
	d := validDocument()
	at := t0.Add(time.Hour)
	require.NoError(t, d.Move(rep, at, DocApproved, ""))
	assert.Equal(t, "rep", d.ApprovedBy)
	d.ReviewDue = at.AddDate(1, 0, 0)
	require.NoError(t, d.Move(rep, at, DocIssued, ""))
	require.NoError(t, d.Move(clerk, at, DocUnderReview, ""))
	require.NoError(t, d.Validate())
	d.Version = "1.1"
	later := at.Add(time.Hour)
	require.NoError(t, d.Move(rep, later, DocApproved, "re-approved"))
	assert.Equal(t, later, d.ApprovedAt)
	assert.False(t, d.Obsolete())
	require.NoError(t, d.Move(rep, later, DocObsolete, "replaced"))
	assert.True(t, d.Obsolete())
	require.NoError(t, d.Validate())
}
