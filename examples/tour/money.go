package main

import (
	"fmt"
	"io"

	"github.com/partnerecon/partnerecon/money"
)

func moneyChapter(w io.Writer) error {
	usd, err := money.ParseCurrency("USD")
	if err != nil {
		return err
	}
	// One rate, three spellings.
	r := money.MustRate("250bp")
	fmt.Fprintf(w, "   a rate written 0.025, 2.5%% or 250bp is one value: %s = %s = %s\n",
		r.FormatFraction(), r.FormatPercent(), r.FormatBasisPoints())

	// Exact until rounded once.
	base := money.MustParse("412000.37 USD")
	raw := base.MulRate(money.MustRate("3.5%"))
	even, err := raw.Round(money.HalfEven)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   3.5%% of %s = %s exactly, %s rounded once (half-even)\n", base, raw, even)

	// A tie, rounded by each mode.
	tie := money.MustParse("0.125 USD")
	fmt.Fprintf(w, "   %s to cents:", tie)
	for _, m := range []money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown, money.Ceiling, money.Floor} {
		x, err := tie.Round(m)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, " %s %s;", m, x.Decimal().StringFixed(2))
	}
	fmt.Fprintln(w)

	// A pool split three ways: no cent lost, the leftover cent by key.
	pool := money.FromMinor(100000, usd)
	parts, err := money.Allocate(pool, []money.Weight{
		{Key: "partner-c", Value: money.MustDecimal("1")},
		{Key: "partner-a", Value: money.MustDecimal("1")},
		{Key: "partner-b", Value: money.MustDecimal("1")},
	})
	if err != nil {
		return err
	}
	total, err := money.Sum(usd, parts...)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   %s split 1:1:1 → c %s, a %s, b %s (sum %s)\n", pool, parts[0], parts[1], parts[2], total)

	// Mixing currencies is an error, not a silent sum.
	_, err = pool.Add(money.MustParse("5.00 EUR"))
	fmt.Fprintf(w, "   adding 5.00 EUR to USD: %v\n", err)
	return nil
}
