// Package decimal is a minimal stand-in for github.com/shopspring/decimal,
// with the same names as the parts the house rules care about.
package decimal

var DivisionPrecision = 16

var PowPrecisionNegativeExponent = 16

var MarshalJSONWithoutQuotes = false

var ExpMaxIterations = 1000

var Zero = Decimal{}

type Decimal struct {
	value int64
	exp   int32
}

func New(value int64, exp int32) Decimal { return Decimal{value, exp} }

func NewFromFloat(value float64) Decimal { return Decimal{} }

func NewFromFloat32(value float32) Decimal { return Decimal{} }

func NewFromFloatWithExponent(value float64, exp int32) Decimal { return Decimal{} }

func RequireFromString(s string) Decimal { return Decimal{} }

func (d Decimal) Add(d2 Decimal) Decimal { return d }

func (d Decimal) Div(d2 Decimal) Decimal { return d }

func (d Decimal) DivRound(d2 Decimal, precision int32) Decimal { return d }

func (d Decimal) QuoRem(d2 Decimal, precision int32) (Decimal, Decimal) { return d, d }

func (d Decimal) Inv() Decimal { return d }

func (d Decimal) Float64() (float64, bool) { return 0, false }

func (d Decimal) InexactFloat64() float64 { return 0 }

func (d Decimal) Round(places int32) Decimal { return d }

func (d Decimal) IsZero() bool { return d.value == 0 }

func (d Decimal) Equal(d2 Decimal) bool { return d.value == d2.value && d.exp == d2.exp }
