package fixed_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
)

var sinkInt int64

func BenchmarkAddChecked(b *testing.B) {
	b.ReportAllocs()
	x, y := int64(123456789), int64(987654321)
	for b.Loop() {
		v, _ := fixed.AddChecked(x, y)
		x = v & 0xffffff
	}
	sinkInt = x
}

func BenchmarkMulChecked(b *testing.B) {
	b.ReportAllocs()
	x := int64(123456789)
	for b.Loop() {
		v, _ := fixed.MulChecked(x, 350)
		x = v & 0xfffffff
	}
	sinkInt = x
}

func BenchmarkMulRate(b *testing.B) {
	for _, m := range []money.RoundingMode{money.HalfEven, money.Floor} {
		b.Run(m.String(), func(b *testing.B) {
			b.ReportAllocs()
			x := int64(41234567)
			for b.Loop() {
				v, _ := fixed.MulRate(x, 375, 4, m)
				x = v + 41234567
			}
			sinkInt = x
		})
	}
}

// BenchmarkMulRateDecimal is the decimal equivalent of MulRate, for
// comparison: exact product then money.Round.
func BenchmarkMulRateDecimal(b *testing.B) {
	b.ReportAllocs()
	x := decimal.New(41234567, -2)
	r := decimal.New(375, -4)
	for b.Loop() {
		_, _ = money.Round(x.Mul(r), 2, money.HalfEven)
	}
}

func BenchmarkRescale(b *testing.B) {
	b.ReportAllocs()
	x := int64(282098730)
	for b.Loop() {
		v, _ := fixed.Rescale(x, 5, 2, money.HalfEven)
		x = v + 282098730
	}
	sinkInt = x
}

func BenchmarkFromDecimal(b *testing.B) {
	b.ReportAllocs()
	d := money.MustDecimal("123456.78")
	for b.Loop() {
		sinkInt, _ = fixed.FromDecimal(d, 2)
	}
}

func BenchmarkParseUnits(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkInt, _ = fixed.ParseUnits("123456.78", 2)
	}
}
