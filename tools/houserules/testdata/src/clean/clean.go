// Package clean follows every house rule and must produce no diagnostic.
package clean

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"
)

var ErrNegative = errors.New("clean: negative amount")

type Amount struct {
	Units    int64
	Currency string
}

func (a Amount) Decimal() decimal.Decimal { return decimal.New(a.Units, -2) }

func Share(a, b decimal.Decimal, places int32) (decimal.Decimal, error) {
	if a.Add(b).IsZero() {
		return decimal.Decimal{}, ErrNegative
	}
	q, _ := a.QuoRem(b, places)
	return q, nil
}

func Due(issued time.Time, terms time.Duration) time.Time { return issued.Add(terms) }

func Describe(w io.Writer, a Amount) string { return fmt.Sprintf("%d %s", a.Units, a.Currency) }

func MustAmount(units int64) Amount {
	if units < 0 {
		panic(ErrNegative)
	}
	return Amount{Units: units}
}
