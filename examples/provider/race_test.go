//go:build race

package main

// raceEnabled is set under the race detector, which makes the
// demonstration several times slower: CI's race run checks one run, and
// the README's go test ./... checks determinism too.
const raceEnabled = true
