//go:build race

package calendar

// raceEnabled is set under the race detector: the index tests then check
// fewer random instants.
const raceEnabled = true
