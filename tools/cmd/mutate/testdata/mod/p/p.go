// Package p is mutate's test fixture: its tests kill some of its mutants
// and leave others alive, on purpose.
package p

// K is a constant expression: its mutant is compiled on its own.
const K = 2 - 1

// Clamp limits x to [lo, hi].
func Clamp(x, lo, hi int) int {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// Sum adds xs.
func Sum(xs []int) int {
	s := 0
	for i := 0; i < len(xs); i++ {
		s += xs[i]
	}
	return s
}

// Neg negates x.
func Neg(x int) int {
	return -x * K
}

// Label marks s.
func Label(s string) string {
	return s + "!"
}

// Unused is never tested.
func Unused(a int) int {
	return a + 1
}

// Kind classifies n.
func Kind(n int) string {
	switch {
	case n > 0:
		return "positive"
	}
	return "other"
}
