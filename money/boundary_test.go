package money_test

import (
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/money"
)

// Limits hold exactly at their bound and fail one past it (mutation testing
// found these boundaries untested).
func TestTextLengthBoundary(t *testing.T) {
	usd, err := money.ParseCurrency("USD")
	if err != nil {
		t.Fatal(err)
	}
	// The inline path: 1 at the 78th place is "0." + 77 zeros + "1",
	// exactly MaxTextLen (80) bytes; at the 79th place it is 81.
	exact := "0." + strings.Repeat("0", 77) + "1"
	if len(exact) != money.MaxTextLen {
		t.Fatalf("test text is %d bytes, want %d", len(exact), money.MaxTextLen)
	}
	if _, err := money.ParseIn(exact, usd); err != nil {
		t.Errorf("ParseIn of a %d-byte amount: %v", len(exact), err)
	}
	if _, err := money.Parse(exact + " USD"); err != nil {
		t.Errorf("Parse of a %d-byte amount and its code: %v", len(exact), err)
	}
	over := "0." + strings.Repeat("0", 78) + "1"
	if _, err := money.ParseIn(over, usd); err == nil {
		t.Errorf("ParseIn of a %d-byte amount succeeded", len(over))
	}
	// The wide path: 77 digits are written with the currency's 2 places
	// as 80 bytes; 78 digits as 81.
	wide := strings.Repeat("9", 77)
	if _, err := money.ParseIn(wide, usd); err != nil {
		t.Errorf("ParseIn of 77 digits (80 bytes written): %v", err)
	}
	if _, err := money.Parse(wide + " USD"); err != nil {
		t.Errorf("Parse of 77 digits and its code: %v", err)
	}
	if _, err := money.ParseIn(wide+"9", usd); err == nil {
		t.Errorf("ParseIn of 78 digits (81 bytes written) succeeded")
	}
}

func TestScaledInt64PlacesBoundary(t *testing.T) {
	twelve := money.MustParse("12 USD")
	if v, ok := twelve.ScaledInt64(0); !ok || v != 12 {
		t.Errorf("ScaledInt64(0) of 12 USD = %d, %v; want 12, true", v, ok)
	}
	zero := money.MustParse("0 USD")
	if v, ok := zero.ScaledInt64(money.MaxPlaces); !ok || v != 0 {
		t.Errorf("ScaledInt64(MaxPlaces) of 0 USD = %d, %v; want 0, true", v, ok)
	}
	for _, p := range []int32{-1, money.MaxPlaces + 1} {
		if _, ok := zero.ScaledInt64(p); ok {
			t.Errorf("ScaledInt64(%d) succeeded", p)
		}
	}
}

func TestSplitPartsBoundary(t *testing.T) {
	total := money.MustParse("10000.00 USD")
	one, err := money.Split(total, 1)
	if err != nil || len(one) != 1 || !one[0].Equal(total) {
		t.Errorf("Split into 1 part = %v, %v; want [10000.00 USD]", one, err)
	}
	// 1,000,000 cents into MaxParts = 1,000,000 parts: one cent each.
	many, err := money.Split(total, money.MaxParts)
	if err != nil || len(many) != money.MaxParts || !many[0].Equal(money.MustParse("0.01 USD")) {
		t.Errorf("Split into MaxParts parts: %d parts, first %v, err %v", len(many), many[0:min(1, len(many))], err)
	}
	for _, n := range []int{0, money.MaxParts + 1} {
		if _, err := money.Split(total, n); err == nil {
			t.Errorf("Split into %d parts succeeded", n)
		}
	}
}
