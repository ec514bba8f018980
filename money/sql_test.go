package money_test

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

// Compile-time checks: the value types a host stores are Scanners and Valuers.
var (
	_ sql.Scanner   = (*money.Amount)(nil)
	_ driver.Valuer = money.Amount{}
	_ sql.Scanner   = (*money.Rate)(nil)
	_ driver.Valuer = money.Rate{}
	_ sql.Scanner   = (*money.Currency)(nil)
	_ driver.Valuer = money.Currency{}
	_ sql.Scanner   = (*money.RoundingMode)(nil)
	_ driver.Valuer = money.RoundingMode(0)
)

// TestSQLRoundTrip writes each value with Value and reads it back with
// Scan, as text (what PostgreSQL's TEXT and NUMERIC columns hand over) and
// as []byte; the column text is the documented form, written by hand.
func TestSQLRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		in     driver.Valuer
		column string
		back   func(src any) (any, error)
	}{
		{"amount", money.MustParse("1234.5 USD"), "1234.50 USD", scanAs[money.Amount]},
		{"amount with sub-cent digits", money.MustParse("-3.00010 EUR"), "-3.00010 EUR", scanAs[money.Amount]},
		{"amount in a 0-digit currency", money.MustParse("1500 JPY"), "1500 JPY", scanAs[money.Amount]},
		{"amount in a 3-digit currency", money.MustParse("2.5 IQD"), "2.500 IQD", scanAs[money.Amount]},
		{"rate in percent", money.MustRate("2.5%"), "0.025", scanAs[money.Rate]},
		{"rate in basis points", money.MustRate("-1bp"), "-0.0001", scanAs[money.Rate]},
		{"currency", money.MustCurrency("CHF"), "CHF", scanAs[money.Currency]},
		{"rounding mode", money.HalfEven, "half-even", scanAs[money.RoundingMode]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.in.Value()
			if err != nil {
				t.Fatal(err)
			}
			if v != tt.column {
				t.Errorf("Value = %#v, want %q", v, tt.column)
			}
			for _, src := range []any{v, []byte(v.(string))} {
				got, err := tt.back(src)
				if err != nil {
					t.Fatalf("Scan(%#v): %v", src, err)
				}
				if !equalAny(got, tt.in) {
					t.Errorf("Scan(%#v) = %v, want %v", src, got, tt.in)
				}
			}
		})
	}
}

// TestSQLRateInteger reads an integer fraction exactly: 1 is 100 %.
func TestSQLRateInteger(t *testing.T) {
	var r money.Rate
	if err := r.Scan(int64(1)); err != nil {
		t.Fatal(err)
	}
	if !r.Equal(money.MustRate("100%")) {
		t.Errorf("Scan(int64(1)) = %v, want 1", r)
	}
}

func scanAs[T any, P interface {
	*T
	sql.Scanner
}](src any) (any, error) {
	var v T
	err := P(&v).Scan(src)
	return v, err
}

func equalAny(a any, b driver.Valuer) bool {
	switch x := a.(type) {
	case money.Amount:
		return x.Equal(b.(money.Amount)) && x.String() == b.(money.Amount).String()
	case money.Rate:
		return x.Equal(b.(money.Rate))
	case money.Currency:
		return x == b.(money.Currency)
	case money.RoundingMode:
		return x == b.(money.RoundingMode)
	}
	return false
}

// TestSQLRejects checks that values a column should never hold are the
// package's typed errors, not a silent zero, and that nothing goes through
// a binary float.
func TestSQLRejects(t *testing.T) {
	tests := []struct {
		name string
		scan func(src any) (any, error)
		src  any
		want error
	}{
		{"amount NULL", scanAs[money.Amount], nil, money.ErrSyntax},
		{"amount without currency", scanAs[money.Amount], "12.50", money.ErrSyntax},
		{"amount as float", scanAs[money.Amount], 12.5, money.ErrSyntax},
		{"amount as integer", scanAs[money.Amount], int64(12), money.ErrSyntax},
		{"amount unknown currency", scanAs[money.Amount], "12.50 ZZZ", money.ErrUnknownCurrency},
		{"amount withdrawn currency", scanAs[money.Amount], "12.50 DEM", money.ErrWithdrawnCurrency},
		{"amount exponent", scanAs[money.Amount], "1e3 USD", money.ErrSyntax},
		{"amount NUL", scanAs[money.Amount], "1.00\x00 USD", money.ErrSyntax},
		{"rate as float", scanAs[money.Rate], 0.025, money.ErrSyntax},
		{"rate NULL", scanAs[money.Rate], nil, money.ErrSyntax},
		{"rate as bool", scanAs[money.Rate], true, money.ErrSyntax},
		{"currency lower case", scanAs[money.Currency], "usd", money.ErrSyntax},
		{"currency without minor unit", scanAs[money.Currency], "XAU", money.ErrNoMinorUnit},
		{"currency as time", scanAs[money.Currency], time.Unix(0, 0).UTC(), money.ErrSyntax},
		{"rounding mode unknown", scanAs[money.RoundingMode], "half-odd", money.ErrRoundingMode},
		{"rounding mode unspecified", scanAs[money.RoundingMode], "unspecified", money.ErrRoundingMode},
		{"rounding mode NULL", scanAs[money.RoundingMode], nil, money.ErrRoundingMode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.scan(tt.src)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Scan(%#v) = %v, want %v", tt.src, err, tt.want)
			}
			var pe *money.ParseError
			var ee *money.EnumError
			if !errors.As(err, &pe) && !errors.As(err, &ee) {
				t.Errorf("Scan(%#v) error %T is not a *ParseError or *EnumError", tt.src, err)
			}
		})
	}
	for _, v := range []driver.Valuer{money.Amount{}, money.Currency{}, money.RoundingMode(0)} {
		if got, err := v.Value(); err == nil {
			t.Errorf("Value of zero %T = %#v, want an error", v, got)
		}
	}
}

// TestSQLAmountProperty: any in-range amount survives Value then Scan
// with its digits (String form) and currency.
func TestSQLAmountProperty(t *testing.T) {
	curs := []string{"USD", "JPY", "IQD", "EUR", "CLF"}
	rapid.Check(t, func(t *rapid.T) {
		cur := money.MustCurrency(rapid.SampledFrom(curs).Draw(t, "currency"))
		d := decimal.New(rapid.Int64().Draw(t, "coefficient"), -rapid.Int32Range(0, 12).Draw(t, "places"))
		a := money.New(d, cur)
		v, err := a.Value()
		if err != nil {
			t.Fatal(err)
		}
		var b money.Amount
		if err := b.Scan(v); err != nil {
			t.Fatalf("Scan(%q): %v", v, err)
		}
		if !b.Equal(a) || b.String() != a.String() {
			t.Fatalf("round trip %v → %q → %v", a, v, b)
		}
	})
}

// An amount is stored as its text; decimal places and currency survive.
func ExampleAmount_Value() {
	v, _ := money.MustParse("1234.5 USD").Value()
	fmt.Printf("%q\n", v)
	var back money.Amount
	_ = back.Scan([]byte("-3.00010 EUR")) // as a driver hands over a TEXT column
	fmt.Println(back)
	err := back.Scan(12.5) // a float column is refused
	fmt.Println(errors.Is(err, money.ErrSyntax))
	// Output:
	// "1234.50 USD"
	// -3.00010 EUR
	// true
}
