package sms

import (
	"errors"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
)

func TestIndependent(t *testing.T) {
	a := validAudit()
	assert.NoError(t, a.Independent("ann"))
	err := a.Independent("cm")
	assert.True(t, errors.Is(err, process.ErrSegregation), "got %v", err)
}
