package equaltest_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/internal/equaltest"
)

// pair's Equal compares A and b but ignores Note.
type pair struct {
	A    int
	b    string
	Note string
}

func (p pair) Equal(o pair) bool { return p.A == o.A && p.b == o.b }

// forgetful's Equal forgets b.
type forgetful struct {
	A int
	b string
}

func (p forgetful) Equal(o forgetful) bool { return p.A == o.A }

// recorder captures the errors Check reports.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestCheckPasses(t *testing.T) {
	equaltest.Check(t, pair{A: 1, b: "x", Note: "n"}, []equaltest.Field[pair]{
		{Name: "A", Change: func(p pair) pair { p.A++; return p }},
		{Name: "b", Change: func(p pair) pair { p.b += "y"; return p }},
		// Note is a comment, deliberately not part of equality.
		{Name: "Note", KeepsEqual: true, Change: func(p pair) pair { p.Note = "other"; return p }},
	})
}

func TestCheckFails(t *testing.T) {
	v := forgetful{A: 1, b: "x"}
	tests := []struct {
		name   string
		fields []equaltest.Field[forgetful]
		want   []string
	}{
		{"Equal ignores a field", []equaltest.Field[forgetful]{
			{Name: "A", Change: func(p forgetful) forgetful { p.A++; return p }},
			{Name: "b", Change: func(p forgetful) forgetful { p.b = "y"; return p }},
		}, []string{"equaltest_test.forgetful: changing b left Equal true: {1 x} vs {1 y}"}},
		{"documented as ignored but compared", []equaltest.Field[forgetful]{
			{Name: "A", KeepsEqual: true, Change: func(p forgetful) forgetful { p.A++; return p }},
			{Name: "b", KeepsEqual: true, Change: func(p forgetful) forgetful { p.b = "y"; return p }},
		}, []string{"equaltest_test.forgetful: changing A (documented as ignored by Equal) made Equal false: {1 x} vs {2 x}"}},
		{"field without a change, unknown name", []equaltest.Field[forgetful]{
			{Name: "A", Change: func(p forgetful) forgetful { p.A++; return p }},
			{Name: "B", KeepsEqual: true, Change: func(p forgetful) forgetful { return p }},
		}, []string{
			"equaltest_test.forgetful: field b has no change: say how Equal treats it",
			"equaltest_test.forgetful: a change names B, which is not a field",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			equaltest.Check(r, v, tt.fields)
			if diff := cmp.Diff(tt.want, r.errs); diff != "" {
				t.Error(diff)
			}
		})
	}
}

// asym's Equal is not symmetric: it only looks at its own flag.
type asym struct{ Flag bool }

func (a asym) Equal(o asym) bool { return !a.Flag }

func TestCheckSymmetry(t *testing.T) {
	r := &recorder{TB: t}
	equaltest.Check(r, asym{}, []equaltest.Field[asym]{{Name: "Flag", Change: func(a asym) asym { a.Flag = true; return a }}})
	want := []string{"equaltest_test.asym: Equal is not symmetric after changing Flag: {false} vs {true}"}
	if diff := cmp.Diff(want, r.errs); diff != "" {
		t.Error(diff)
	}
}
