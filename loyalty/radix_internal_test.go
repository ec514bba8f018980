package loyalty

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestRadixSort: radixSort sorts like slices.Sort, keys of any width.
// (Checked to fail with the passes stopping one digit early.)
func TestRadixSort(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		width := rapid.IntRange(0, 64).Draw(t, "width")
		keys := rapid.SliceOf(rapid.Uint64()).Draw(t, "keys")
		for i := range keys {
			if width < 64 {
				keys[i] &= 1<<width - 1
			}
		}
		want := slices.Clone(keys)
		slices.Sort(want)
		radixSort(keys)
		if !slices.Equal(keys, want) {
			t.Fatalf("got %v, want %v", keys, want)
		}
	})
}

// TestDivider: divider.div is ⌊x / d⌋ for every d > 0 and 0 ≤ x < 2^63.
// (Checked to fail without the correction step.)
func TestDivider(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := rapid.OneOf(rapid.Int64Range(1, 100), rapid.Int64Range(1, math.MaxInt64)).Draw(t, "d")
		x := rapid.OneOf(rapid.Int64Range(0, 1000), rapid.Int64Range(0, math.MaxInt64)).Draw(t, "x")
		if got := newDivider(d).div(x); got != x/d {
			t.Fatalf("%d / %d = %d, want %d", x, d, got, x/d)
		}
	})
}
