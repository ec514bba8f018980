package strictjson

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/internal/proptest"
)

// collide builds the names of an object of n members "m0" … and gives
// members a and b the same fingerprint (as two folds whose FNV-1a hashes
// collide would have), in the fingerprint scan and in the map.
func collide(t *testing.T, n, a, b int) *names {
	t.Helper()
	ns := names{seed: maphash.MakeSeed()}
	for i := range n {
		if _, dup := ns.add(fmt.Appendf(nil, "%q", fmt.Sprintf("m%d", i))); dup {
			t.Fatalf("m%d: duplicate", i)
		}
	}
	ns.fps[b] = ns.fps[a]
	if ns.index != nil {
		delete(ns.index, ns.fingerprint(ns.fold(b)))
	}
	return &ns
}

// Two folds with the same fingerprint are still told apart, whether the
// object is scanned (small) or indexed (large), and whichever of the two
// the map holds: each is found at its own position, and a name with
// neither fold is not found.
func TestNamesFingerprintCollision(t *testing.T) {
	for _, n := range []int{5, namesLinear + 10} {
		for _, ab := range [][2]int{{1, 3}, {3, 1}} {
			ns := collide(t, n, ab[0], ab[1])
			for _, i := range []int{ab[0], ab[1], n - 1} {
				f := []byte(fmt.Sprintf("m%d", i))
				if got, ok := ns.find(f, ns.fps[i]); !ok || got != i {
					t.Errorf("n=%d %v: m%d found at %d, %t", n, ab, i, got, ok)
				}
			}
			if got, ok := ns.find([]byte("zz"), ns.fps[ab[0]]); ok {
				t.Errorf("n=%d %v: zz found at %d", n, ab, got)
			}
		}
	}
}

// refDuplicate is the case-fold duplicate check as written before names
// kept fingerprints: a map per object from each name's fold (of its
// unquoted string) to the name. It returns the pointer and message of the
// first duplicate ("exact" for one the decoder itself refuses), or "" for
// none.
func refDuplicate(data []byte) string {
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	var stack []map[string]string
	for {
		kind := dec.PeekKind()
		if kind == 0 {
			_, err := dec.ReadToken()
			var se *jsontext.SyntacticError
			if errors.As(err, &se) && errors.Is(se.Err, jsontext.ErrDuplicateName) {
				return string(se.JSONPointer) + ": exact"
			}
			return ""
		}
		if d := dec.StackDepth(); d > 0 && kind == '"' {
			if k, n := dec.StackIndex(d); k == '{' && n%2 == 0 {
				tok, err := dec.ReadToken()
				if err != nil {
					var se *jsontext.SyntacticError
					if errors.As(err, &se) && errors.Is(se.Err, jsontext.ErrDuplicateName) {
						return string(se.JSONPointer) + ": exact"
					}
					return "syntax"
				}
				name := tok.String()
				if prev, dup := stack[len(stack)-1][fold(name)]; dup {
					return fmt.Sprintf("%s: %q and %q", dec.StackPointer(), prev, name)
				}
				stack[len(stack)-1][fold(name)] = name
				continue
			}
		}
		tok, err := dec.ReadToken()
		if err != nil {
			return "syntax"
		}
		switch tok.Kind() {
		case '{', '[':
			stack = append(stack, map[string]string{})
		case '}', ']':
			stack = stack[:len(stack)-1]
		}
	}
}

// genObject writes an object of up to 80 members named from a few
// spellings of a few names (case variants, escapes, the Kelvin sign, the
// long s), some holding objects or arrays of objects.
func genObject(t *rapid.T, depth int) string {
	spellings := []string{"k", "K", `\u004b`, "\u212a", "size", "SIZE", "ſize", `s\u0069ze`, "a\"b", "A\"B", "é", "É"}
	n := rapid.IntRange(0, 80).Draw(t, "members")
	// Either names drawn from a small set (a duplicate soon), or distinct
	// names with at most one case variant or escaped copy of an earlier
	// one (a large object read to its end, or to a late duplicate of a
	// name before, at or after the switch to the map).
	distinct := rapid.Bool().Draw(t, "distinct")
	again, of := -1, 0
	if distinct {
		n = rapid.IntRange(1, namesLinear+20).Draw(t, "distinct members")
		again = rapid.SampledFrom([]int{-1, n - 1, rapid.IntRange(0, n-1).Draw(t, "at")}).Draw(t, "again")
		of = rapid.SampledFrom([]int{0, 1, namesLinear - 1, namesLinear, again - 1, rapid.IntRange(0, n).Draw(t, "any")}).Draw(t, "of")
	}
	var b strings.Builder
	b.WriteByte('{')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		var name string
		switch {
		case distinct && i == again && of >= 0 && of < i:
			name = rapid.SampledFrom([]string{"M%d", `\u006d%d`, "m%d"}).Draw(t, "variant")
			name = fmt.Sprintf(name, of)
		case distinct:
			name = fmt.Sprintf("m%d", i)
		case rapid.IntRange(0, 4).Draw(t, "spelled") == 0:
			name = rapid.SampledFrom(spellings).Draw(t, "name")
		default:
			name = fmt.Sprintf("m%d", rapid.IntRange(0, 300).Draw(t, "m"))
		}
		if strings.Contains(name, `"`) {
			name = strings.ReplaceAll(name, `"`, `\"`)
		}
		b.WriteString(`"` + name + `":`)
		switch v := rapid.IntRange(0, 39).Draw(t, "value"); {
		case v == 0 && depth < 2:
			b.WriteString(genObject(t, depth+1))
		case v == 1 && depth < 2:
			b.WriteString("[" + genObject(t, depth+1) + "," + genObject(t, depth+1) + "]")
		default:
			b.WriteString(`"v"`)
		}
	}
	b.WriteByte('}')
	return b.String()
}

// The prepass finds the same first duplicate as the reference, at the same
// pointer and with the same message, in objects small and large (past
// namesLinear) and nested; an exact duplicate is the decoder's own error
// in both.
func TestPropPrepassDuplicatesAsReference(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		doc := genObject(t, 0)
		want := refDuplicate([]byte(doc))
		err := prepass([]byte(doc), 1000, math.MaxInt)
		var got string
		if err != nil {
			var se *Error
			if !errors.As(err, &se) || se.Kind != ErrDuplicateKey {
				t.Fatalf("%s: %v", doc, err)
			}
			got = fmt.Sprintf("%s: %v", se.Path, se.Cause)
			if strings.HasSuffix(got, " is written twice") {
				got = se.Path + ": exact"
			}
		}
		if got != want {
			t.Fatalf("%s\nprepass:   %q\nreference: %q", doc, got, want)
		}
	})
}

func TestMain(m *testing.M) { proptest.Main(m) }
