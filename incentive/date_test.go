package incentive

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestParseDateRange pins the documented range 1900-01-01 … 9999-12-31
// and the wording for impossible days. Before the fix "0001-01-01" parsed
// (and could not be told from unset) and 2025-02-30 said only "not
// YYYY-MM-DD".
func TestParseDateRange(t *testing.T) {
	for _, s := range []string{"1900-01-01", "2025-02-28", "2024-02-29", "9999-12-31"} {
		if _, err := ParseDate(s); err != nil {
			t.Errorf("ParseDate(%q) = %v", s, err)
		}
	}
	cases := []struct{ in, msg string }{
		{"0001-01-01", `incentive: invalid value: date "0001-01-01" is outside 1900-01-01 … 9999-12-31`},
		{"1899-12-31", `incentive: invalid value: date "1899-12-31" is outside 1900-01-01 … 9999-12-31`},
		{"2025-02-30", `incentive: invalid value: date "2025-02-30" is not a calendar day`},
		{"2025-13-01", `incentive: invalid value: date "2025-13-01" is not a calendar day`},
		{"2025-1-01", `incentive: invalid value: date "2025-1-01" is not YYYY-MM-DD`},
	}
	for _, c := range cases {
		_, err := ParseDate(c.in)
		if err == nil || err.Error() != c.msg || !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDate(%q) = %v, want %s", c.in, err, c.msg)
		}
	}
}

// TestEffectiveUntilYearOne pins that an effective_until of 0001-01-01 is
// an error, in JSON and in Go, not "never ends"; and that an
// effective_from of 0001-01-01 is reported as out of range, not as
// missing.
func TestEffectiveUntilYearOne(t *testing.T) {
	doc := twoTier(placesTop, `,"effective_until":"0001-01-01"`, "", `,"rate":"2%"`)
	if _, err := ParsePlan([]byte(doc)); err == nil || !strings.Contains(err.Error(), "outside 1900-01-01") {
		t.Errorf("ParsePlan(effective_until 0001-01-01) = %v", err)
	}
	spec := MustParsePlan(twoTier(placesTop, "", "", `,"rate":"2%"`)).Spec()
	spec.Components[0].EffectiveUntil = NewDate(1, time.January, 1)
	_, err := NewPlan(spec)
	if !slices.Contains(planErrorPaths(err), "/components/0/effective_until") {
		t.Errorf("NewPlan(EffectiveUntil 0001-01-01) = %v, want an error at effective_until", err)
	}
	spec.Components[0].EffectiveUntil = Date{}
	spec.Components[0].EffectiveFrom = NewDate(1, time.January, 1)
	_, err = NewPlan(spec)
	if err == nil || strings.Contains(err.Error(), "required") || !strings.Contains(err.Error(), "outside") {
		t.Errorf("NewPlan(EffectiveFrom 0001-01-01) = %v, want out of range", err)
	}
}

// FuzzParseDate: ParseDate accepts exactly the calendar days of the
// documented range written YYYY-MM-DD, and round-trips them.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-07-01", "0001-01-01", "1900-01-01", "9999-12-31", "2025-02-29", "2024-02-29",
		"+025-01-01", "2025-1-1", "２０２５-01-01", "2025-07-01\x00", "\ufeff2025-07-01", "10000-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseDate(%q) = %v, not ErrInvalid", s, err)
			}
			return
		}
		if !d.IsValid() || d.String() != s {
			t.Fatalf("ParseDate(%q) = %v (valid %t), does not round-trip", s, d, d.IsValid())
		}
		b, err := d.MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("MarshalText = %q, %v", b, err)
		}
	})
}
