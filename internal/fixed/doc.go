// Package fixed is partnerecon's int64 fast path: exact money arithmetic on
// integers with an implied decimal scale, for evaluations that must run at
// near machine speed (a million incentive lines). It is internal: domain
// packages use it behind APIs that fall back to exact decimals.
//
// # Model
//
// A value v at scale k stands for v·10^−k: 12345 at scale 2 is 123.45.
// Rates are numerators over 10^p: 1.5 % is 150 at p = 4. Scales run from 0
// to MaxScale (18), the largest power of ten that fits an int64.
//
// Every function that can fail returns ok = false instead of a wrong
// number: on overflow, on a value that is not exactly representable at the
// requested scale (FromDecimal and ParseUnits never truncate), and on an
// invalid rounding mode or scale. A false ok means "take the decimal path",
// never "use the result anyway".
//
// # Rounding
//
// DivRound, MulDivRound, MulRate and Rescale round once, from the exact
// integer quotient and remainder (MulDivRound keeps the 128-bit product, so
// a·b may exceed int64 as long as the quotient fits), under every
// money.RoundingMode. The results are identical to money.Round and
// money.Div on the decimal equivalents; the tests check this differentially.
//
// # Concurrency
//
// All functions are pure and safe for concurrent use.
package fixed
