package idindex

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/internal/proptest"
)

func TestMain(m *testing.M) { proptest.Main(m) }

// TestAgainstMap: any sequence of Adds and Finds numbers IDs exactly as a
// map[string]int that gives each new ID the next number. IDs are drawn
// from a small alphabet including the zero byte, at every length from 0 to
// 40, so that keys differing only in trailing zero bytes, in one byte past
// the 16th, or in length alone meet in one table; the table grows many
// times.
func TestAgainstMap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		alphabet := []byte{0, 'a', 'b', 0xff}
		id := rapid.Custom(func(t *rapid.T) string {
			n := rapid.IntRange(0, 40).Draw(t, "len")
			b := make([]byte, n)
			for i := range b {
				b[i] = alphabet[rapid.IntRange(0, len(alphabet)-1).Draw(t, "byte")]
			}
			return string(b)
		})
		var x Index
		want := map[string]int{}
		for _, s := range rapid.SliceOfN(id, 0, 300).Draw(t, "ids") {
			if rapid.Bool().Draw(t, "find") {
				n, ok := x.Find(s)
				wn, wok := want[s]
				if ok != wok || n != wn {
					t.Fatalf("Find(%q) = %d, %v; want %d, %v", s, n, ok, wn, wok)
				}
				continue
			}
			n, added := x.Add(s)
			wn, known := want[s]
			if !known {
				wn = len(want)
				want[s] = wn
			}
			if n != wn || added == known {
				t.Fatalf("Add(%q) = %d, %v; want %d, %v", s, n, added, wn, !known)
			}
		}
		if x.Len() != len(want) {
			t.Fatalf("Len %d, want %d", x.Len(), len(want))
		}
		for s, n := range want {
			if got, ok := x.Find(s); !ok || got != n || x.ID(n) != s {
				t.Fatalf("Find(%q) = %d, %v; want %d", s, got, ok, n)
			}
		}
	})
}

// TestLookAlikes: IDs equal in their first 16 bytes, or in their words
// once zero-padded, are told apart (worked out by hand: "ab" and
// "ab\x00" have the same padded words and differ in length only; the
// 17- and 18-byte IDs share their first 16 bytes).
func TestLookAlikes(t *testing.T) {
	ids := []string{"", "\x00", "ab", "ab\x00", "ab\x00\x00\x00\x00\x00\x00",
		"abcdefgh", "abcdefgh\x00", "0123456789abcdef", "0123456789abcdefX", "0123456789abcdefY",
		strings.Repeat("z", 300), strings.Repeat("z", 301)}
	var x Index
	for i, id := range ids {
		if n, added := x.Add(id); n != i || !added {
			t.Fatalf("Add(%q) = %d, %v; want %d, true", id, n, added, i)
		}
	}
	for i, id := range ids {
		if n, ok := x.Find(id); n != i || !ok {
			t.Errorf("Find(%q) = %d, %v; want %d, true", id, n, ok, i)
		}
		if n, added := x.Add(id); n != i || added {
			t.Errorf("second Add(%q) = %d, %v; want %d, false", id, n, added, i)
		}
	}
	for _, id := range []string{"a", "ab\x00\x00", "abcdefg", "0123456789abcdefZ", strings.Repeat("z", 299)} {
		if n, ok := x.Find(id); ok {
			t.Errorf("Find(%q) = %d, true; it was never added", id, n)
		}
	}
}

// TestWords pins the padded words of each length class, worked out by
// hand from the ASCII codes (a = 0x61 … q = 0x71), little-endian.
func TestWords(t *testing.T) {
	for _, tc := range []struct {
		id     string
		w0, w1 uint64
	}{
		{"", 0, 0},
		{"a", 0x61, 0},
		{"abc", 0x636261, 0},
		{"abcd", 0x64636261, 0},
		{"abcde", 0x6564636261, 0},
		{"abcdefg", 0x0067666564636261, 0},
		{"abcdefgh", 0x6867666564636261, 0},
		{"abcdefghi", 0x6867666564636261, 0x69},
		{"abcdefghijklmno", 0x6867666564636261, 0x006f6e6d6c6b6a69},
		{"abcdefghijklmnop", 0x6867666564636261, 0x706f6e6d6c6b6a69},
		{"abcdefghijklmnopq", 0x6867666564636261, 0x706f6e6d6c6b6a69},
	} {
		w0, w1 := words(tc.id)
		if w0 != tc.w0 || w1 != tc.w1 {
			t.Errorf("words(%q) = %#x, %#x; want %#x, %#x", tc.id, w0, w1, tc.w0, tc.w1)
		}
	}
}

// TestManyIDs: 10,000 IDs added in order get the numbers 0 … 9,999 and
// are all found again, through the table's ten doublings (16 slots, then
// 32, … 16,384 at three quarters full); IDs never added are not found.
// Deterministic, so that a table that stops growing (and loops once full)
// is caught by every run, not only when a property draws enough IDs.
func TestManyIDs(t *testing.T) {
	var x Index
	for i := range 10000 {
		if n, added := x.Add(fmt.Sprintf("p%05d", i)); n != i || !added {
			t.Fatalf("Add(p%05d) = %d, %v; want %d, true", i, n, added, i)
		}
	}
	if x.Len() != 10000 || len(x.slots) != 16384 {
		t.Fatalf("Len %d, %d slots; want 10000, 16384", x.Len(), len(x.slots))
	}
	for i := range 10000 {
		if n, ok := x.Find(fmt.Sprintf("p%05d", i)); n != i || !ok {
			t.Fatalf("Find(p%05d) = %d, %v; want %d, true", i, n, ok, i)
		}
	}
	for _, id := range []string{"p10000", "p0000", "q00001", ""} {
		if _, ok := x.Find(id); ok {
			t.Errorf("Find(%q) found an ID never added", id)
		}
	}
}

// TestZeroIndex: the zero Index finds nothing and has no IDs.
func TestZeroIndex(t *testing.T) {
	var x Index
	if n, ok := x.Find("p"); ok || n != 0 || x.Len() != 0 {
		t.Fatalf("zero Index: Find = %d, %v, Len %d", n, ok, x.Len())
	}
}

var sink int

// BenchmarkFind compares Find with a map[string]int32 on 10,000 IDs of
// the lengths of partner IDs (5 and 13 bytes) and a long one (24), looked
// up in a scattered order through copies of the IDs (as IDs cut from
// input are).
func BenchmarkFind(b *testing.B) {
	for _, format := range []string{"g%04d", "partner-%05d", "partner-000000000-%06d"} {
		ids := make([]string, 10000)
		for i := range ids {
			ids[i] = fmt.Sprintf(format, i)
		}
		order := make([]string, 1<<16)
		for i := range order {
			order[i] = strings.Clone(ids[(i*7919)%len(ids)])
		}
		b.Run(fmt.Sprintf("len=%d/index", len(ids[0])), func(b *testing.B) {
			var x Index
			for _, id := range ids {
				x.Add(id)
			}
			i := 0
			for b.Loop() {
				n, _ := x.Find(order[i&(1<<16-1)])
				sink += n
				i++
			}
		})
		b.Run(fmt.Sprintf("len=%d/map", len(ids[0])), func(b *testing.B) {
			m := map[string]int32{}
			for i, id := range ids {
				m[id] = int32(i)
			}
			i := 0
			for b.Loop() {
				n := m[order[i&(1<<16-1)]]
				sink += int(n)
				i++
			}
		})
	}
}

// TestLongIDsComparedWhole: an ID over 16 bytes whose slot matches
// another's words and tag (a hash collision, forged here by rewriting
// the slot of the first ID at the second's place) is still told apart by
// comparing the whole IDs.
func TestLongIDsComparedWhole(t *testing.T) {
	a, b := "0123456789abcdef-A", "0123456789abcdef-B"
	var x Index
	x.Add(a)
	w0, w1 := words(b)
	h := hash(&x, b, w0, w1)
	clear(x.slots)
	x.slots[h>>x.shift] = slot{w0: w0, w1: w1, tag: tagOf(h, len(b)), n1: 1} // a's number, b's words and tag
	if n, ok := x.Find(b); ok {
		t.Fatalf("Find(%q) = %d, true: matched %q on its first 16 bytes and tag", b, n, a)
	}
}

// TestFindBytes: FindBytes finds what Find finds, for IDs of every length
// class (the long ones hashed whole: maphash.Bytes and maphash.String
// must agree), and nothing else.
func TestFindBytes(t *testing.T) {
	var x Index
	var ids []string
	for n := range 40 {
		id := strings.Repeat("x", n) + "-" + strconv.Itoa(n)
		ids = append(ids, id)
		x.Add(id)
	}
	for _, id := range ids {
		want, _ := x.Find(id)
		if got, ok := x.FindBytes([]byte(id)); !ok || got != want {
			t.Errorf("FindBytes(%q) = %d, %v; Find gives %d", id, got, ok, want)
		}
		if _, ok := x.FindBytes([]byte(id + "?")); ok {
			t.Errorf("FindBytes(%q) found an ID never added", id+"?")
		}
	}
	var empty Index
	if _, ok := empty.FindBytes([]byte("a")); ok {
		t.Error("found in an empty index")
	}
}
