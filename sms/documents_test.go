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
	require.NoError(t, d.Move(DocApproved, rep, at, ""))
	assert.Equal(t, "rep", d.ApprovedBy)
	d.ReviewDue = at.AddDate(1, 0, 0)
	require.NoError(t, d.Move(DocIssued, rep, at, ""))
	require.NoError(t, d.Move(DocUnderReview, clerk, at, ""))
	require.NoError(t, d.Validate())
	d.Version = "1.1"
	later := at.Add(time.Hour)
	require.NoError(t, d.Move(DocApproved, rep, later, "re-approved"))
	assert.Equal(t, later, d.ApprovedAt)
	assert.False(t, d.Obsolete())
	require.NoError(t, d.Move(DocObsolete, rep, later, "replaced"))
	assert.True(t, d.Obsolete())
	require.NoError(t, d.Validate())
}
