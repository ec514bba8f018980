package loyalty

import (
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
