package incentive

import (
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// Result's sort keys order IDs as the IDs order: after their common
// prefix, a smaller key is a smaller ID, and a larger key a larger one
// (equal keys defer to the IDs), for IDs with zero bytes, shared
// prefixes and lengths on both sides of the 8 key bytes.
func TestPropSortKeyOrdersIDs(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		id := rapid.StringOfN(rapid.SampledFrom([]rune{0, 'a', 'b', '0', '9', 0x7f, 'é'}), 0, 14, -1)
		ids := rapid.SliceOfN(id, 1, 6).Draw(t, "ids")
		if rapid.Bool().Draw(t, "prefixed") {
			for i := range ids {
				ids[i] = "partner-" + ids[i]
			}
		}
		from := len(ids[0])
		for _, id := range ids {
			from = commonPrefix(ids[0][:from], id)
		}
		for _, x := range ids {
			if x[:from] != ids[0][:from] {
				t.Fatalf("%q does not start with %q", x, ids[0][:from])
			}
			for _, y := range ids {
				kx, ky := sortKey(x, from), sortKey(y, from)
				if kx < ky && x >= y || kx > ky && x <= y {
					t.Fatalf("keys %x, %x for %q, %q", kx, ky, x, y)
				}
			}
		}
		if len(ids) > 1 && from < len(ids[0]) && from < len(ids[1]) && ids[0][from] == ids[1][from] && allShare(ids, from+1) {
			t.Fatalf("%q share more than %d bytes", ids, from)
		}
	})
}

// allShare reports whether every ID has the first n bytes of ids[0].
func allShare(ids []string, n int) bool {
	for _, id := range ids {
		if len(id) < n || len(ids[0]) < n || id[:n] != ids[0][:n] {
			return false
		}
	}
	return true
}

// sortedOrder gives the order of a comparison sort by ID, then by the
// tie-breaker (here a kind drawn per entry; the pairs are distinct, as
// Result's ID and recipient kind are), for up to 600 entries with shared
// prefixes, zero bytes, IDs that agree on the 8 key bytes and differ
// later, and keys that vary in few bytes (so radixSort skips passes).
func TestPropSortedOrderIsComparisonOrder(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		id := rapid.StringOfN(rapid.SampledFrom([]rune{0, 'a', 'b', '0', '9', 0x7f, 'é'}), 0, 20, -1)
		type entry struct {
			id   string
			kind int
		}
		seen := map[entry]bool{}
		var es []entry
		prefix := rapid.SampledFrom([]string{"", "partner-", "p-00000000"}).Draw(t, "prefix")
		for range rapid.IntRange(0, 600).Draw(t, "n") {
			e := entry{prefix + id.Draw(t, "id"), rapid.IntRange(0, 2).Draw(t, "kind")}
			if !seen[e] {
				seen[e] = true
				es = append(es, e)
			}
		}
		got := sortedOrder(len(es), func(i int) string { return es[i].id }, func(i, j int) int { return es[i].kind - es[j].kind })
		want := make([]int, len(es))
		for i := range want {
			want[i] = i
		}
		slices.SortFunc(want, func(i, j int) int {
			if c := strings.Compare(es[i].id, es[j].id); c != 0 {
				return c
			}
			return es[i].kind - es[j].kind
		})
		if !slices.Equal(got, want) {
			t.Fatalf("sortedOrder = %v, want %v", got, want)
		}
	})
}
