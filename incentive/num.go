package incentive

import (
	"math"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
)

// num is an exact decimal held as v·10^(−s) in an int64 when it fits, and
// as a decimal.Decimal otherwise ("spilled"). Every operation is exact:
// an int64 operation that would overflow is redone in decimal. This is the
// fast path of evaluation; refEvaluate is the all-decimal reference it is
// tested against.
type num struct {
	v int64
	s int32            // scale, 0 ≤ s ≤ maxScale when not big
	d *decimal.Decimal // the value when big (spilled); nil otherwise
}

const maxScale = 18

func small(v int64, s int32) num { return num{v: v, s: s} }

func bigNum(d decimal.Decimal) num { return num{d: &d} }

// big reports whether a spilled to a decimal.
func (a num) big() bool { return a.d != nil }

// numOf converts d exactly, at its own scale (trailing zeros kept),
// staying in int64 when the scale is in [0, 18] and the value fits.
func numOf(d decimal.Decimal) num {
	s := max(-d.Exponent(), 0)
	if s <= maxScale {
		if v, ok := fixed.FromDecimal(d, s); ok {
			return num{v: v, s: s}
		}
	}
	return bigNum(d)
}

func (a num) dec() decimal.Decimal {
	if a.big() {
		return *a.d
	}
	return decimal.New(a.v, -a.s)
}

func (a num) sign() int {
	if a.big() {
		return a.d.Sign()
	}
	switch {
	case a.v > 0:
		return 1
	case a.v < 0:
		return -1
	}
	return 0
}

func (a num) isZero() bool { return a.sign() == 0 }

// rescale returns a (not big) at scale s ≥ a.s, exactly.
func (a num) rescale(s int32) (int64, bool) {
	if s == a.s {
		return a.v, true
	}
	p, ok := fixed.Pow10(s - a.s)
	if !ok {
		return 0, false
	}
	return fixed.MulChecked(a.v, p)
}

// at returns a as an integer at scale s when that is exact and fits: the
// form tier.FixedSchedule takes.
func (a num) at(s int32) (int64, bool) {
	if a.big() {
		return 0, false
	}
	if a.s <= s {
		return a.rescale(s)
	}
	p, ok := fixed.Pow10(a.s - s)
	if !ok || a.v%p != 0 {
		return 0, false
	}
	return a.v / p, true
}

func (a num) add(b num) num {
	if !a.big() && !b.big() {
		s := max(a.s, b.s)
		x, ok1 := a.rescale(s)
		y, ok2 := b.rescale(s)
		if ok1 && ok2 {
			if z, ok := fixed.AddChecked(x, y); ok {
				return num{v: z, s: s}
			}
		}
	}
	return bigNum(a.dec().Add(b.dec()))
}

func (a num) neg() num {
	if !a.big() && a.v != math.MinInt64 {
		return num{v: -a.v, s: a.s}
	}
	return bigNum(a.dec().Neg())
}

func (a num) sub(b num) num { return a.add(b.neg()) }

func (a num) mul(b num) num {
	if !a.big() && !b.big() && a.s+b.s <= 2*maxScale {
		if z, ok := fixed.MulChecked(a.v, b.v); ok {
			r := num{v: z, s: a.s + b.s}
			if r.s > maxScale {
				return r.reduce()
			}
			return r
		}
	}
	return bigNum(a.dec().Mul(b.dec()))
}

// reduce brings a scale above maxScale back down by dropping trailing
// zeros, or spills to decimal.
func (a num) reduce() num {
	for a.s > maxScale && a.v%10 == 0 {
		a.v /= 10
		a.s--
	}
	if a.s > maxScale {
		return bigNum(decimal.New(a.v, -a.s))
	}
	return a
}

func (a num) cmp(b num) int {
	if !a.big() && !b.big() {
		s := max(a.s, b.s)
		x, ok1 := a.rescale(s)
		y, ok2 := b.rescale(s)
		if ok1 && ok2 {
			switch {
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return 0
		}
	}
	return a.dec().Cmp(b.dec())
}

func (a num) equal(b num) bool { return a.cmp(b) == 0 }

// round rounds a to places with mode, exactly once. The result has scale
// places (or is big).
func (a num) round(places int32, mode money.RoundingMode) (num, error) {
	if a.big() || a.s > maxScale {
		d, err := money.Round(a.dec(), places, mode)
		if err != nil {
			return num{}, err
		}
		return numOf(d), nil
	}
	if a.s <= places {
		if v, ok := a.rescale(places); ok {
			return num{v: v, s: places}, nil
		}
		return a, nil
	}
	if v, ok := fixed.Rescale(a.v, a.s, places, mode); ok {
		return num{v: v, s: places}, nil
	}
	d, err := money.Round(a.dec(), places, mode)
	if err != nil {
		return num{}, err
	}
	return numOf(d), nil
}
