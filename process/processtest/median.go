package processtest

import "slices"

// Median returns the median of xs (the mean of the middle two for an even
// count), or 0 for none: what the module's benchmarks report of repeated
// paired timings, so that one slow round on a shared machine does not move
// the figure.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
