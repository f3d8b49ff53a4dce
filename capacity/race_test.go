//go:build race

package capacity

// raceEnabled is set when the tests run under the race detector, which
// slows the fits some tenfold: the statistical tests then draw fewer
// series, their deterministic seeds and assertions unchanged.
const raceEnabled = true
