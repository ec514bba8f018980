package enum

import (
	"slices"
	"testing"
)

const modes Names = "unspecified all-units incremental retro-from-threshold"

func TestNames(t *testing.T) {
	if got := modes.Len(); got != 4 {
		t.Errorf("Len = %d, want 4", got)
	}
	for v, want := range []string{"unspecified", "all-units", "incremental", "retro-from-threshold", ""} {
		if got := modes.Name(uint8(v)); got != want {
			t.Errorf("Name(%d) = %q, want %q", v, got, want)
		}
	}
	if got := modes.String("Mode", 9); got != "Mode(9)" {
		t.Errorf("String(9) = %q", got)
	}
	if !slices.Equal(modes.Valid(), []string{"all-units", "incremental", "retro-from-threshold"}) {
		t.Errorf("Valid = %q", modes.Valid())
	}
	for v := uint8(1); v <= 3; v++ {
		got, f := modes.Parse(modes.Name(v))
		if f.Failed || got != v {
			t.Errorf("Parse(Name(%d)) = %d, %+v", v, got, f)
		}
		b, f := modes.Marshal("Mode", v)
		if f.Failed || string(b) != modes.Name(v) {
			t.Errorf("Marshal(%d) = %q, %+v", v, b, f)
		}
	}
	for _, bad := range []string{"", "unspecified", "All-Units", "all-units ", "retro"} {
		if v, f := modes.Parse(bad); !f.Failed || v != 0 {
			t.Errorf("Parse(%q) = %d, %+v; want a failure", bad, v, f)
		}
	}
	for _, v := range []uint8{0, 4, 255} {
		if _, f := modes.Marshal("Mode", v); !f.Failed {
			t.Errorf("Marshal(%d) succeeded", v)
		}
	}
	if !modes.IsValid(3) || modes.IsValid(0) || modes.IsValid(4) {
		t.Error("IsValid wrong")
	}
}

func TestSuggestion(t *testing.T) {
	cases := map[string]string{
		"All_Units":           "all-units",   // case and separator
		"incremntal":          "incremental", // one deletion
		"graduated":           "",            // another system's word: no guess
		"":                    "",
		"retro-frm-threshold": "retro-from-threshold",
	}
	for in, want := range cases {
		_, f := modes.Parse(in)
		if f.Suggestion != want {
			t.Errorf("Parse(%q) suggests %q, want %q", in, f.Suggestion, want)
		}
	}
}

func TestMessage(t *testing.T) {
	_, f := modes.Parse("incremntal")
	got := Message("tier", "mode", f.Input, f.Valid, f.Suggestion)
	want := `tier: unknown mode "incremntal" (valid: all-units, incremental, retro-from-threshold; did you mean "incremental"?)`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	_, f = modes.Parse("zzz")
	got = Message("tier", "mode", f.Input, f.Valid, f.Suggestion)
	want = `tier: unknown mode "zzz" (valid: all-units, incremental, retro-from-threshold)`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestDistance(t *testing.T) {
	// Hand-computed Levenshtein distances.
	cases := []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"flaw", "lawn", 2}, {"abc", "abc", 0}}
	for _, c := range cases {
		if got := distance(c.a, c.b); got != c.d {
			t.Errorf("distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}
