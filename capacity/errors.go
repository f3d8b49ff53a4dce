package capacity

import (
	"errors"
)

// pkg names the package in its errors: every message starts "capacity: ",
// and the validation errors of values that are not records set it as their
// Package.
const pkg = "capacity"

// Sentinel errors for the kinds of failure particular to capacity
// management. Validation errors are the library's one *process.ValidationError
// and wrap the process sentinels (process.ErrRequired, process.ErrInvalidValue);
// the sentinels below are wrapped by the errors of analysis and forecasting
// (ISO/IEC 20000-1:2011, 6.5), so callers match them with [errors.Is].
var (
	// ErrTooShort is returned when a series has too few points for what is
	// asked of it: a forecast needs at least three points (two to fit, one
	// held out), a seasonal model at least two whole seasons to start from.
	ErrTooShort = errors.New("capacity: series too short")
	// ErrNonPositive is returned when a multiplicative Holt-Winters model is
	// asked of a series with a value at or below zero (an all-zero series
	// among them): seasonal factors are ratios and need positive values.
	ErrNonPositive = errors.New("capacity: multiplicative model needs positive values")
	// ErrGap is returned when a utilisation series has a gap longer than the
	// regularisation policy allows, or any gap under the policy that refuses
	// gaps.
	ErrGap = errors.New("capacity: gap in series")
	// ErrNoData is returned when a series has no points at all.
	ErrNoData = errors.New("capacity: no data")
	// ErrNotFinite is returned when a value is NaN, infinite or so large
	// (beyond ±1e100) that its square would overflow.
	ErrNotFinite = errors.New("capacity: value not finite")
)
