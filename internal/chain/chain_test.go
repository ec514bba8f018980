package chain

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"testing"
)

// An independent computation of the documented input: lengths as 8-byte
// big-endian integers before the domain and prev, then the content.
func TestHashLayout(t *testing.T) {
	in := []byte{0, 0, 0, 0, 0, 0, 0, 1, 'd', 0, 0, 0, 0, 0, 0, 0, 2, 'p', 'q', 'x', 'y', 'z'}
	sum := sha256.Sum256(in)
	if got, want := Hash("d", "pq", []byte("xyz")), hex.EncodeToString(sum[:]); got != want {
		t.Fatalf("Hash = %s, want %s", got, want)
	}
	h := New("d", "pq")
	h.Field("xyz")
	in2 := append(in[:len(in)-3:len(in)-3], 0, 0, 0, 0, 0, 0, 0, 3, 'x', 'y', 'z')
	if sum := sha256.Sum256(in2); h.Sum() != hex.EncodeToString(sum[:]) {
		t.Fatal("Field layout")
	}
	// The length prefixes keep ("d", "pq") and ("dp", "q") apart.
	if Hash("d", "pq", nil) == Hash("dp", "q", nil) {
		t.Fatal("ambiguous encoding")
	}
}

type rec struct {
	link    Link
	content string
}

func build(contents ...string) []rec {
	var out []rec
	prev := ""
	for _, c := range contents {
		h := Hash("test", prev, []byte(c))
		out = append(out, rec{Link{prev, h}, c})
		prev = h
	}
	return out
}

func verify(rs []rec) (int, error) {
	links := make([]Link, len(rs))
	for i, r := range rs {
		links[i] = r.link
	}
	return Verify("test", links, func(i int, h Hasher) error { _, err := h.Write([]byte(rs[i].content)); return err })
}

func TestVerify(t *testing.T) {
	good := build("a", "b", "c", "d")
	tests := []struct {
		name   string
		change func([]rec) []rec
		at     int
		err    error
	}{
		{"untouched", func(r []rec) []rec { return r }, -1, nil},
		{"edited content", func(r []rec) []rec { r[2].content = "C"; return r }, 2, ErrHash},
		{"edited hash", func(r []rec) []rec { r[1].link.Hash = Hash("test", r[1].link.Prev, []byte("x")); return r }, 1, ErrHash},
		{"removed", func(r []rec) []rec { return slices.Delete(r, 1, 2) }, 1, ErrPrev},
		{"removed first", func(r []rec) []rec { return r[1:] }, 0, ErrPrev},
		{"swapped", func(r []rec) []rec { r[1], r[2] = r[2], r[1]; return r }, 1, ErrPrev},
		{"inserted", func(r []rec) []rec { return slices.Insert(r, 2, build("x")[0]) }, 2, ErrPrev},
		{"inserted and linked", func(r []rec) []rec {
			x := rec{Link{r[1].link.Hash, Hash("test", r[1].link.Hash, []byte("x"))}, "x"}
			return slices.Insert(r, 2, x)
		}, 3, ErrPrev},
		{"malformed hash", func(r []rec) []rec { r[3].link.Hash = "ABC"; return r }, 3, ErrForm},
		{"uppercase hash", func(r []rec) []rec { r[0].link.Hash = "F" + r[0].link.Hash[1:]; return r }, 0, ErrForm},
		{"other domain", func(r []rec) []rec {
			r[0].link.Hash = Hash("other", "", []byte("a"))
			return r
		}, 0, ErrHash},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			at, err := verify(tc.change(slices.Clone(good)))
			if at != tc.at || !errors.Is(err, tc.err) || (tc.err == nil) != (err == nil) {
				t.Fatalf("Verify = %d, %v; want %d, %v", at, err, tc.at, tc.err)
			}
		})
	}
	boom := errors.New("boom")
	if at, err := Verify("test", []Link{good[0].link, good[1].link}, func(i int, h Hasher) error {
		if i == 1 {
			return boom
		}
		_, err := h.Write([]byte("a"))
		return err
	}); at != 1 || !errors.Is(err, boom) {
		t.Fatalf("content error: %d, %v", at, err)
	}
}

func FuzzVerify(f *testing.F) {
	f.Add([]byte("abc"), 1, byte('x'))
	f.Add([]byte(""), 0, byte(0))
	f.Fuzz(func(t *testing.T, data []byte, pos int, b byte) {
		contents := []string{"r0", string(data), "r2"}
		rs := build(contents...)
		if at, err := verify(rs); at != -1 || err != nil {
			t.Fatalf("untouched chain fails at %d: %v", at, err)
		}
		// Change one byte of record 1's content: record 1 must fail.
		if len(data) == 0 {
			return
		}
		i := uint(pos) % uint(len(data))
		if data[i] == b {
			return
		}
		c := []byte(rs[1].content)
		c[i] = b
		rs[1].content = string(c)
		if at, err := verify(rs); at != 1 || !errors.Is(err, ErrHash) {
			t.Fatalf("edited record: %d, %v", at, err)
		}
	})
}

func TestLinked(t *testing.T) {
	type r struct{ N int }
	enc := func(x r) ([]byte, error) { return []byte{byte(x.N)}, nil }
	var recs []Linked[r]
	for i := range 3 {
		b, _ := enc(r{i})
		recs = Append("lk", recs, r{i}, b)
	}
	if recs[0].Prev != "" || recs[1].Prev != recs[0].Hash || Head(recs) != recs[2].Hash || Head[r](nil) != "" {
		t.Fatalf("links %+v", recs)
	}
	if at, err := VerifyLinked("lk", recs, enc); at != -1 || err != nil {
		t.Fatalf("untouched: %d %v", at, err)
	}
	bad := slices.Clone(recs)
	bad[1].Record.N = 7
	if at, err := VerifyLinked("lk", bad, enc); at != 1 || !errors.Is(err, ErrHash) {
		t.Fatalf("edited: %d %v", at, err)
	}
	boom := errors.New("boom")
	if at, err := VerifyLinked("lk", recs, func(r) ([]byte, error) { return nil, boom }); at != 0 || !errors.Is(err, boom) {
		t.Fatalf("encoding error: %d %v", at, err)
	}
}
