package process_test

import (
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
)

// TestOneFixtureSet holds the in-package fixtures of process (which cannot
// import processtest) to the same base time and actors as processtest, so
// that the module's tests speak of one set.
func TestOneFixtureSet(t *testing.T) {
	assert.True(t, process.FixtureT0.Equal(processtest.T0), "t0 %s, processtest.T0 %s", process.FixtureT0, processtest.T0)
	assert.Equal(t, process.FixtureT0.Location().String(), processtest.T0.Location().String())
	assert.Equal(t, process.FixtureActors, processtest.Actors()[:len(process.FixtureActors)])
}
