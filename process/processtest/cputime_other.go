//go:build !linux

package processtest

import "time"

var cpuEpoch = time.Now()

// ThreadCPU falls back to wall time where the thread's CPU clock is not
// read.
func ThreadCPU() time.Duration { return time.Since(cpuEpoch) }
