package analysis

import "testing"

// comparePaths splits JSON Pointers at every "/" (RFC 6901), so an empty
// reference token ("//") is a token of its own, ordered before any other
// (nextToken's `IndexByte(p, '/') >= 0`, which finds a "/" at the start
// of the rest too). "//b" is the tokens "" and "b"; "/!" the token "!":
// "" < "!", so "//b" comes first. Read as one token "/b" it would come
// after "!" ('/' is 0x2F, '!' 0x21).
func TestComparePathsEmptyToken(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"//b", "/!", -1},
		{"/!", "//b", 1},
		{"/x//b", "/x/!", -1},
		{"//b", "//b", 0},
	} {
		if got := comparePaths(tc.a, tc.b); got != tc.want {
			t.Errorf("comparePaths(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
