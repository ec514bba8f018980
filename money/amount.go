package money

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Amount is an exact decimal value in one currency. The zero value has no
// currency and is invalid (IsValid reports false); operations on it return
// ErrInvalidCurrency.
//
// An amount whose coefficient fits an int64 (up to 18 digits always, 19
// digits up to 9223372036854775807) is held inline, without allocation,
// and computed on in int64; a larger one is held as a decimal.Decimal.
// The two forms give exactly the same results: only the cost differs.
type Amount struct {
	c    int64           // compact form: the value is c·10^e
	d    decimal.Decimal // wide form: the value, when wide
	e    int16
	wide bool
	cur  Currency
}

// New returns value in currency cur, exactly (no rounding).
func New(value decimal.Decimal, cur Currency) Amount { return fromDec(value, cur) }

// dec returns the value as a decimal.Decimal.
func (a Amount) dec() decimal.Decimal {
	if a.wide {
		return a.d
	}
	return decimal.New(a.c, int32(a.e))
}

// Zero returns 0 in cur.
func Zero(cur Currency) Amount { return Amount{cur: cur} }

// FromMinor returns units minor units of cur: FromMinor(12345, USD) is
// 123.45 USD, FromMinor(12345, JPY) is 12345 JPY.
func FromMinor(units int64, cur Currency) Amount {
	return mkAmount(units, -int64(cur.Digits()), cur)
}

// Parse parses "<decimal> <CODE>", for example "1234.50 USD" or
// "-3 JPY", as written by Amount.String. The number follows ParseDecimal,
// and written with the currency's places it must fit MaxTextLen bytes, so
// that every parsed amount can be written and parsed back.
func Parse(s string) (Amount, error) {
	if len(s) > MaxTextLen+4 {
		return Amount{}, parseError("Parse", s, ErrRange)
	}
	num, code, ok := strings.Cut(s, " ")
	if !ok {
		return Amount{}, parseError("Parse", s, ErrSyntax)
	}
	cur, err := ParseCurrency(code)
	if err != nil {
		return Amount{}, parseError("Parse", s, unwrapOnce(err))
	}
	return ParseIn(num, cur)
}

// ParseIn parses a decimal number (see ParseDecimal) as an amount in cur.
func ParseIn(s string, cur Currency) (Amount, error) {
	if err := cur.check("ParseIn"); err != nil {
		return Amount{}, err
	}
	if c, e, ok := parseCompact(s); ok {
		if textLen(c, e, cur.Digits()) > MaxTextLen {
			return Amount{}, parseError("ParseIn", s, ErrRange)
		}
		return Amount{c: c, e: int16(e), cur: cur}, nil
	}
	d, err := ParseDecimal(s)
	if err != nil {
		return Amount{}, err
	}
	if len(formatFixed(d, cur.Digits())) > MaxTextLen {
		// It could not be written back within the limit.
		return Amount{}, parseError("ParseIn", s, ErrRange)
	}
	return fromDec(d, cur), nil
}

// MustParse is Parse that panics on error, for literals in tests and
// examples.
func MustParse(s string) Amount {
	a, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return a
}

func unwrapOnce(err error) error {
	if pe, ok := err.(*ParseError); ok {
		return pe.Err
	}
	return err
}

// IsValid reports whether a has a currency.
func (a Amount) IsValid() bool { return a.cur.IsValid() }

// Decimal returns the exact decimal value (without the currency). For an
// amount held inline it builds the decimal, which allocates: code on a hot
// path reads the value with Sign, Cmp or ScaledInt64 instead.
func (a Amount) Decimal() decimal.Decimal { return a.dec() }

// ScaledInt64 returns a·10^places as an int64 (12.34 USD at 2 places is
// 1234) when that is a whole number and fits, without allocating for an
// amount held inline; ok is false otherwise (a finer value, one beyond
// int64, places outside [0, MaxPlaces]). It ignores the currency.
func (a Amount) ScaledInt64(places int32) (v int64, ok bool) {
	if !a.wide && int32(a.e) == -places && places >= 0 && places <= MaxPlaces {
		return a.c, true // the usual amount, already at that scale: minorCompact's result, without a call
	}
	if places < 0 || places > MaxPlaces {
		return 0, false
	}
	if !a.wide {
		v, err := minorCompact(a, places)
		return v, err == nil
	}
	if !inRange(a.d) {
		return 0, false
	}
	if a.d.Exponent() < -places && !a.d.RoundDown(places).Equal(a.d) {
		return 0, false
	}
	bi := a.d.Shift(places).BigInt()
	if !bi.IsInt64() {
		return 0, false
	}
	return bi.Int64(), true
}

// InRange reports whether a is inside the money operating range (see
// MaxExponent), without allocating; CheckRange(q, a.Decimal()) gives the
// error to report when it is not.
func (a Amount) InRange() bool { return !a.wide || inRange(a.d) }

// Currency returns the currency.
func (a Amount) Currency() Currency { return a.cur }

// Sign returns -1, 0 or +1.
func (a Amount) Sign() int {
	if a.wide {
		return a.d.Sign()
	}
	return sign64(a.c)
}

// IsZero reports whether the value is zero.
func (a Amount) IsZero() bool { return a.Sign() == 0 }

// Neg returns −a.
func (a Amount) Neg() Amount {
	if !a.wide {
		a.c = -a.c // never MinInt64
		return a
	}
	return fromDec(a.d.Neg(), a.cur)
}

// Abs returns |a|.
func (a Amount) Abs() Amount {
	if a.Sign() < 0 {
		return a.Neg()
	}
	return a
}

// Equal reports whether a and b have the same currency and numerically
// equal values (1.0 USD equals 1.00 USD). go-cmp uses it.
func (a Amount) Equal(b Amount) bool { return a.cur == b.cur && cmpAmount(a, b) == 0 }

// cmpAmount compares the values of a and b exactly.
func cmpAmount(a, b Amount) int {
	if !a.wide && !b.wide {
		return cmpCompact(a, b)
	}
	return cmpDec(a.dec(), b.dec())
}

// add is a+b exactly, both in range and in a's currency.
func (a Amount) add(b Amount) Amount {
	if !a.wide && !b.wide {
		if s, ok := addCompact(a, b); ok {
			return s
		}
	}
	return fromDec(a.dec().Add(b.dec()), a.cur)
}

func (a Amount) same(op string, b Amount) error {
	if err := a.cur.check(op); err != nil {
		return err
	}
	if a.cur != b.cur {
		return &CurrencyMismatchError{Op: op, A: a.cur, B: b.cur}
	}
	return nil
}

// inRange checks that a and b are in the operating range (see
// MaxExponent), the condition for exact addition in bounded time.
func (a Amount) inRange(b Amount) error {
	if !a.wide && !b.wide {
		return nil
	}
	if err := a.checkExp("a"); err != nil {
		return err
	}
	return b.checkExp("b")
}

// checkExp is checkExp on a's value: nil for the inline form, which is
// always in range.
func (a Amount) checkExp(quantity string) error {
	if !a.wide {
		return nil
	}
	return checkExp(quantity, a.d)
}

// Add returns a+b exactly. Different currencies are ErrCurrencyMismatch; a
// value outside the operating range (see MaxExponent) is ErrRange.
func (a Amount) Add(b Amount) (Amount, error) {
	if err := a.same("Add", b); err != nil {
		return Amount{}, err
	}
	if err := a.inRange(b); err != nil {
		return Amount{}, err
	}
	return a.add(b), nil
}

// Sub returns a−b exactly. Different currencies are ErrCurrencyMismatch; a
// value outside the operating range (see MaxExponent) is ErrRange.
func (a Amount) Sub(b Amount) (Amount, error) {
	if err := a.same("Sub", b); err != nil {
		return Amount{}, err
	}
	if err := a.inRange(b); err != nil {
		return Amount{}, err
	}
	return a.add(b.Neg()), nil
}

// Cmp compares a and b: -1 if a < b, 0 if equal, +1 if a > b. Different
// currencies are ErrCurrencyMismatch. The comparison is exact for any
// values, in or outside the operating range.
func (a Amount) Cmp(b Amount) (int, error) {
	if err := a.same("Cmp", b); err != nil {
		return 0, err
	}
	return cmpAmount(a, b), nil
}

// Mul returns a·f exactly (no rounding). It never panics: far outside the
// operating range the result stays outside it (see MaxExponent).
func (a Amount) Mul(f decimal.Decimal) Amount {
	if !a.wide {
		if p, ok := mulCompact(a, f); ok {
			return p
		}
	}
	return fromDec(mulDec(a.dec(), f), a.cur)
}

// MulRate returns a·r exactly (no rounding), as Mul does.
func (a Amount) MulRate(r Rate) Amount { return a.mulRate(r) }

// Sum adds amounts, all of which must be in cur; the sum of none is zero in
// cur. A different currency is a *CurrencyMismatchError naming it; a value
// outside the operating range (see MaxExponent) is ErrRange.
func Sum(cur Currency, amounts ...Amount) (Amount, error) {
	if err := cur.check("Sum"); err != nil {
		return Amount{}, err
	}
	total := Zero(cur)
	for i, x := range amounts {
		if x.cur != cur {
			return Amount{}, &CurrencyMismatchError{Op: "Sum", A: cur, B: x.cur}
		}
		if x.wide {
			if err := checkExp("amount "+strconv.Itoa(i), x.d); err != nil {
				return Amount{}, err
			}
		}
		total = total.add(x)
	}
	return total, nil
}

// Round rounds a to its currency's minor unit with mode.
func (a Amount) Round(mode RoundingMode) (Amount, error) {
	return a.RoundTo(a.cur.Digits(), mode)
}

// RoundTo rounds a to places decimal places with mode.
func (a Amount) RoundTo(places int32, mode RoundingMode) (Amount, error) {
	if err := a.cur.check("Round"); err != nil {
		return Amount{}, err
	}
	if !a.wide {
		if err := checkRounding(places, mode); err != nil {
			return Amount{}, err
		}
		return roundCompact(a, places, mode), nil
	}
	v, err := Round(a.d, places, mode)
	if err != nil {
		return Amount{}, err
	}
	return fromDec(v, a.cur), nil
}

// Convert returns a·rate in currency to, rounded once to to's minor unit
// with mode. rate is the number of units of to per unit of a's currency and
// must be positive. a and rate must be in the operating range (ErrRange,
// see MaxExponent).
func (a Amount) Convert(to Currency, rate decimal.Decimal, mode RoundingMode) (Amount, error) {
	if err := a.cur.check("Convert"); err != nil {
		return Amount{}, err
	}
	if err := to.check("Convert"); err != nil {
		return Amount{}, err
	}
	if err := a.checkExp("a"); err != nil {
		return Amount{}, err
	}
	if err := checkExp("rate", rate); err != nil {
		return Amount{}, err
	}
	if rate.Sign() <= 0 {
		return Amount{}, &RangeError{Quantity: "rate", Value: rate.String(), Min: "0 (exclusive)"}
	}
	return a.Mul(rate).inCurrency(to).Round(mode)
}

// inCurrency returns a's value in cur.
func (a Amount) inCurrency(cur Currency) Amount {
	a.cur = cur
	return a
}

// MinorUnits returns a as an integer number of minor units. A value finer
// than the minor unit is ErrPrecision; one outside int64 is ErrOverflow;
// one outside the operating range (see MaxExponent) is ErrRange.
func (a Amount) MinorUnits() (int64, error) {
	if err := a.cur.check("MinorUnits"); err != nil {
		return 0, err
	}
	if !a.wide {
		return minorCompact(a, a.cur.Digits())
	}
	if err := checkExp("a", a.d); err != nil {
		return 0, err
	}
	if a.d.Exponent() < -a.cur.Digits() {
		r := a.d.RoundDown(a.cur.Digits())
		if !r.Equal(a.d) {
			return 0, ErrPrecision
		}
	}
	bi := a.d.Shift(a.cur.Digits()).BigInt()
	if !bi.IsInt64() {
		return 0, ErrOverflow
	}
	return bi.Int64(), nil
}

// String returns "<value> <CODE>" with at least the currency's digits
// after the point (more if the value carries more), e.g. "1234.50 USD".
// The zero Amount prints "0 (no currency)".
func (a Amount) String() string {
	if !a.IsValid() {
		return "0 (no currency)"
	}
	return a.fixed(a.cur.Digits()) + " " + a.cur.Code()
}

// fixed is formatFixed of a's value.
func (a Amount) fixed(places int32) string {
	if !a.wide {
		var buf [48]byte
		return string(appendFixed(buf[:0], a.c, int32(a.e), places))
	}
	return formatFixed(a.d, places)
}

// Format returns the value with places digits, rounded with mode, and the
// code, e.g. Format(2, HalfEven) → "1234.50 USD". It is for display.
func (a Amount) Format(places int32, mode RoundingMode) (string, error) {
	r, err := a.RoundTo(places, mode)
	if err != nil {
		return "", err
	}
	return r.fixed(places) + " " + a.cur.Code(), nil
}

// MarshalText returns String's form. It fails for the zero Amount
// (ErrInvalidCurrency), for a withdrawn currency (ErrWithdrawnCurrency;
// see ParseHistoricCurrency) and, with a *RangeError (ErrRange), for a value
// that Parse could not read back: outside the operating range, or longer
// than MaxTextLen bytes when written with the currency's places.
func (a Amount) MarshalText() ([]byte, error) {
	if err := a.cur.checkText("MarshalText"); err != nil {
		return nil, err
	}
	if err := a.checkExp("a"); err != nil {
		return nil, err
	}
	num := a.fixed(a.cur.Digits())
	if len(num) > MaxTextLen {
		return nil, &RangeError{Quantity: "text length", Value: strconv.Itoa(len(num)), Min: "1", Max: strconv.Itoa(MaxTextLen)}
	}
	return []byte(num + " " + a.cur.Code()), nil
}

// UnmarshalText parses the form written by MarshalText (see Parse).
func (a *Amount) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// MarshalJSON returns the text form as a JSON string, e.g. "1234.50 USD".
func (a Amount) MarshalJSON() ([]byte, error) {
	b, err := a.MarshalText()
	if err != nil {
		return nil, err
	}
	return append(append([]byte{'"'}, b...), '"'), nil
}

// UnmarshalJSON accepts only a JSON string in the text form. Numbers,
// null, escapes and over-long input are errors.
func (a *Amount) UnmarshalJSON(b []byte) error {
	s, err := unquoteJSON("Amount.UnmarshalJSON", b)
	if err != nil {
		return err
	}
	return a.UnmarshalText([]byte(s))
}
