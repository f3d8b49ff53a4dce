package capacity

import "math"

// zScore returns the two-sided normal quantile for coverage level in (0,1).
func zScore(level float64) float64 {
	return math.Sqrt2 * math.Erfinv(level)
}

// tScore returns the two-sided quantile of Student's t with df degrees of
// freedom for coverage level in (0,1): the t with P(|T| ≤ t) = level. It
// falls back to the normal quantile for df beyond 1e6 and for df < 1.
func tScore(level, df float64) float64 {
	z := zScore(level)
	if !(df >= 1) || df > 1e6 {
		return z
	}
	// P(|T| ≤ t) = 1 − I_{df/(df+t²)}(df/2, 1/2): bisect on t, which it
	// increases with; the t quantile lies above the normal one.
	p := 1 - level
	lo, hi := z, z
	for tailT(hi, df) > p {
		lo = hi
		hi *= 2
		if hi > 1e12 {
			return hi
		}
	}
	for range 200 {
		mid := (lo + hi) / 2
		if tailT(mid, df) > p {
			lo = mid
		} else {
			hi = mid
		}
		if hi-lo <= 1e-13*hi {
			break
		}
	}
	return (lo + hi) / 2
}

// tailT returns P(|T| > t) for Student's t with df degrees of freedom.
func tailT(t, df float64) float64 {
	return regIncBeta(df/2, 0.5, df/(df+t*t))
}

// regIncBeta returns the regularised incomplete beta function I_x(a, b),
// by the continued fraction of Numerical Recipes (Press et al., 6.4).
func regIncBeta(a, b, x float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a + b)
	lb, _ := math.Lgamma(a)
	lc, _ := math.Lgamma(b)
	front := math.Exp(la - lb - lc + a*math.Log(x) + b*math.Log1p(-x))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(a, b, x) / a
	}
	return 1 - front*betaCF(b, a, 1-x)/b
}

// betaCF evaluates the continued fraction of the incomplete beta function
// by the modified Lentz method.
func betaCF(a, b, x float64) float64 {
	qab, qap, qam := a+b, a+1, a-1
	c, d := 1.0, 1/awayFromZero(1-qab*x/qap)
	h := d
	// step applies the term aa of the fraction to c and d and returns the
	// factor it multiplies h by.
	step := func(aa float64) float64 {
		d = 1 / awayFromZero(1+aa*d)
		c = awayFromZero(1 + aa/c)
		return d * c
	}
	for m := 1; m <= 300; m++ {
		fm := float64(m)
		h *= step(fm * (b - fm) * x / ((qam + 2*fm) * (a + 2*fm)))
		del := step(-(a + fm) * (qab + fm) * x / ((a + 2*fm) * (qap + 2*fm)))
		h *= del
		if math.Abs(del-1) < 1e-15 {
			break
		}
	}
	return h
}

// awayFromZero returns x, or 1e-300 when x is nearer zero than that: the
// Lentz method divides by its terms.
func awayFromZero(x float64) float64 {
	if math.Abs(x) < 1e-300 {
		return 1e-300
	}
	return x
}
