package field

import (
	"errors"
	"strings"
	"testing"
)

func TestPath(t *testing.T) {
	// Expected pointers written by hand from RFC 6901 §3 and §5.
	cases := []struct {
		got, want string
	}{
		{At(), ""},
		{At("tiers", 0, "from"), "/tiers/0/from"},
		{At("components", 1, "schedule", "tiers", 2, "rate"), "/components/1/schedule/tiers/2/rate"},
		{At("a/b"), "/a~1b"},
		{At("m~n"), "/m~0n"},
		{At(""), "/"},
		{Path("").Key("registrations").Index(3).Key("decided_at").String(), "/registrations/3/decided_at"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
		if !Valid(c.got) {
			t.Errorf("Valid(%q) = false", c.got)
		}
	}
}

func TestValid(t *testing.T) {
	for _, s := range []string{"tiers[0].from", "Funnel.Stages[1].Rate", "partner-id", "owner partner", "/a~", "/a~2", "registrations/1/id", "\xff"} {
		if Valid(s) {
			t.Errorf("Valid(%q) = true, want false", s)
		}
	}
	for _, s := range []string{"", "/", "/a/0", "/a~0b~1c", "/ünï"} {
		if !Valid(s) {
			t.Errorf("Valid(%q) = false, want true", s)
		}
	}
}

func TestTruncate(t *testing.T) {
	short := strings.Repeat("a", MaxValue)
	if Truncate(short) != short {
		t.Errorf("a value of exactly MaxValue bytes was cut")
	}
	// 63 ASCII bytes then a 2-byte rune straddling the limit: the rune is
	// dropped whole, never split.
	s := strings.Repeat("a", MaxValue-1) + "éxyz"
	got := Truncate(s)
	if want := strings.Repeat("a", MaxValue-1) + "…"; got != want {
		t.Errorf("Truncate = %q, want %q", got, want)
	}
}

func TestMessage(t *testing.T) {
	errRate := errors.New("tier: invalid rate")
	cases := []struct {
		path, value, want string
	}{
		{"/tiers/2/rate", "-1", `tier: /tiers/2/rate = "-1": invalid rate`},
		{"/tiers/2/rate", "", `tier: /tiers/2/rate: invalid rate`},
		{"", "", `tier: invalid rate`},
		{"", "x", `tier: "x": invalid rate`},
	}
	for _, c := range cases {
		if got := Message("tier", c.path, c.value, errRate); got != c.want {
			t.Errorf("Message(%q, %q) = %q, want %q", c.path, c.value, got, c.want)
		}
	}
	if got := Message("tier", "/x", "", nil); got != "tier: /x: invalid" {
		t.Errorf("nil reason: %q", got)
	}
}
