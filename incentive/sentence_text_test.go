package incentive

import (
	"math/big"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

// genTextDecimal draws a decimal for the sentence formatters: zero,
// coefficients of up to 18 digits and beyond (up to 45), often with
// trailing zeros, of either sign, at exponents from −95 to 30.
func genTextDecimal(t *rapid.T) decimal.Decimal {
	digits := rapid.IntRange(0, 45).Draw(t, "digits")
	var sb strings.Builder
	for i := range digits {
		lo := 0
		if i == 0 {
			lo = 1
		}
		sb.WriteByte(byte('0' + rapid.IntRange(lo, 9).Draw(t, "digit")))
	}
	sb.WriteString(strings.Repeat("0", rapid.IntRange(0, 6).Draw(t, "zeros")))
	c, _ := new(big.Int).SetString("0"+sb.String(), 10)
	if rapid.Bool().Draw(t, "negative") {
		c.Neg(c)
	}
	return decimal.NewFromBigInt(c, int32(rapid.IntRange(-95, 30).Draw(t, "exponent")))
}

// TestCanonTextAsCanon: canonText writes what money.FormatDecimal writes
// of canon(d), for every decimal and number of places (the reference is
// the composition it replaces, both of which it leaves unchanged).
func TestCanonTextAsCanon(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genTextDecimal(t)
		places := int32(rapid.IntRange(-2, money.MaxPlaces+3).Draw(t, "places"))
		if got, want := canonText(d, places), money.FormatDecimal(canon(d), places); got != want {
			t.Fatalf("canonText(%s, %d) = %q, want %q", d.String(), places, got, want)
		}
	})
}

// groupBefore is group as it was written before it appended to a buffer:
// the reference for TestGroupAsBefore.
func groupBefore(d decimal.Decimal, places int32) string {
	s := money.FormatDecimal(d, places)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// TestGroupAsBefore: group and groupCanon write what the former group
// wrote of d and of canon(d), and a trace's money what it wrote with the
// currency's code after it.
func TestGroupAsBefore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genTextDecimal(t)
		places := int32(rapid.IntRange(-2, money.MaxPlaces+3).Draw(t, "places"))
		if got, want := group(d, places), groupBefore(d, places); got != want {
			t.Fatalf("group(%s, %d) = %q, want %q", d.String(), places, got, want)
		}
		if got, want := groupCanon(d, places), groupBefore(canon(d), places); got != want {
			t.Fatalf("groupCanon(%s, %d) = %q, want %q", d.String(), places, got, want)
		}
		cur := rapid.SampledFrom([]string{"USD", "JPY", "KWD"}).Draw(t, "currency")
		tr := Trace{Currency: money.MustCurrency(cur)}
		if got, want := tr.money(d), groupBefore(canon(d), tr.Currency.Digits())+" "+cur; got != want {
			t.Fatalf("money(%s) in %s = %q, want %q", d.String(), cur, got, want)
		}
	})
}
