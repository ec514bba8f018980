// Package money is partnerecon's shared money vocabulary: exact decimal
// amounts tagged with an ISO 4217 currency, fractional rates that cannot be
// confused between "2.5%", "0.025" and "250bp", rounding modes, a
// division helper that rounds exactly once, and largest-remainder allocation
// that never loses or creates a minor unit.
//
// Every other package of partnerecon builds on it: strictjson (strict JSON
// documents), tier (tier schedules), capacity (partner capacity planning),
// incentive (payout plans), pricing (the price waterfall), dealreg (deal
// registration), mdf (market development funds) and loyalty (engagement
// and programme tiers). It is a leaf: besides the standard library and
// github.com/shopspring/decimal it imports only the module's internal
// helpers for enumerations and error messages.
//
// # Model
//
// [Currency] is a validated ISO 4217 code together with its number of minor
// unit digits. Codes and digits come from ISO 4217 itself: list one
// (current currencies and funds) and list three (withdrawn codes) as
// published by SIX, the maintenance agency, as of 2026-02-01, in a table
// generated from a checked-in copy of the lists (testdata/iso4217; run
// go generate to refresh it) — never from a hand-typed table or from
// CLDR's display conventions (ISO gives IQD 3 digits, IDR and COP 2, CLF
// and UYW 4, JPY 0). [ParseCurrency] accepts only current codes:
//
//   - a withdrawn code (DEM, ZWL, BGN, …) is [ErrWithdrawnCurrency];
//     [ParseHistoricCurrency] accepts it on request, with the minor-unit
//     digits the caller states, since ISO's list three records none, and
//     such a currency has no text form (MarshalText fails);
//   - a code listed without a minor unit (ISO's "N.A.": the metals XAU,
//     XAG, XPD, XPT, the units of account XDR, XSU, XUA and XBA–XBD, the
//     testing code XTS and XXX, "no currency") is [ErrNoMinorUnit]: an
//     amount always rounds to a minor unit, and the package never assumes
//     one;
//   - any other code is [ErrUnknownCurrency], never "two digits by
//     default".
//
// The zero Currency is invalid ([Currency.IsValid]).
//
// [Amount] is a decimal value in one currency. Its zero value has no
// currency and is invalid. Amounts keep every digit they are given: an
// intermediate figure such as 412000 × 0.035 stays exact until the caller
// rounds it, once, with an explicit [RoundingMode] ([Amount.Round]).
// Adding, subtracting, comparing or summing amounts of different currencies
// returns an [*CurrencyMismatchError] that matches [ErrCurrencyMismatch].
// Conversion happens only through [Amount.Convert] with a rate the caller
// supplies, rounded once to the target currency's minor unit.
//
// An Amount whose coefficient fits an int64 (every amount of ordinary
// business data) is held inline as that integer and an exponent, and
// parsing, adding, comparing, rounding and splitting it allocate nothing;
// a larger one is held as a decimal.Decimal. The two forms give exactly
// the same digits and errors. [Amount.Decimal] builds a decimal (an
// allocation for the inline form); hot paths read [Amount.Sign],
// [Amount.Cmp], [Amount.ScaledInt64] and [Amount.InRange] instead.
//
// [Rate] is a dimensionless fraction: 0.025, 2.5% and 250bp are the same
// Rate. Constructors name their unit ([RateFromFraction], [RateFromPercent],
// [RateFromBasisPoints]); [ParseRate] requires the unit to be explicit in
// the text for percent and basis points, and a bare number is a fraction.
// [Rate.Within] checks a declared range. A rate is held inline like an
// amount: parsing, comparing, adding, multiplying it and applying it with
// [Amount.MulRate] allocate nothing; [Rate.Fraction] builds a decimal.
//
// # Rounding
//
// [RoundingMode] enumerates half-even (the documented default,
// [DefaultRounding]), half-up (half away from zero), half-down (half toward
// zero), toward zero, away from zero, ceiling and floor. All rounding in
// partnerecon goes through [Round] and [Div]: Div computes a/b rounded to
// the requested places in one step from the exact quotient and remainder, so
// there is no "guard digits then round again" double rounding.
// decimal.Decimal.Div and shopspring's package-level settings
// (DivisionPrecision and friends) are never used. The zero RoundingMode
// is unspecified and rejected: a caller always states the mode. Its text
// form is the mode's name ("half-even"; [ParseRoundingMode]). Round and
// Div are checked against an independent rational reference and against
// the General Decimal Arithmetic conformance vectors for rounding,
// quantize and divide.
//
// # Allocation
//
// [Allocate] splits an amount by weights with the largest-remainder method
// in minor units. The parts sum exactly to the total, each part is within
// one minor unit of its exact share, leftover units go to the largest
// fractional parts with ties broken by the caller's stable key (never by
// position), and a negative total mirrors the positive one.
// [AllocateInt64] does the same on a plain int64 count of units (people,
// points, minor units), and [AllocateUnits] on a *big.Int for totals
// beyond int64.
//
// [Split] divides an amount into n equal parts without weights. The parts
// are identical, so their position is their stable key: the leftover
// minor units go one each to the first parts (100.00 USD in 3 is 33.34,
// 33.33, 33.33), exactly as Allocate with n equal weights whose keys sort
// in position order.
//
// # Operating range
//
// A decimal c·10^e is in the operating range when |e| ≤ [MaxExponent]
// (1000). Everything the package parses is in range. Outside it, the
// functions that return an error report a *RangeError ([ErrRange]) instead
// of panicking (shopspring's QuoRem, Shift and Mul panic when an exponent
// overflows int32) or computing with a billion-digit number; comparisons
// stay exact; the few methods without an error result never panic and
// return a value still outside the range, so the next checked step reports
// it. See [MaxExponent] for the list.
//
// # Encoding
//
// Amount marshals as text "1234.50 USD" with the currency's places (more if
// the value carries more digits), Rate as a fraction "0.025". JSON forms are
// the same text as JSON strings. Decoding is strict: JSON numbers, null,
// exponents, a leading '+', Unicode digits or minus signs and inputs longer
// than [MaxTextLen] bytes are rejected. MarshalText fails rather than write
// a text that UnmarshalText would reject.
//
// Amount, Rate, Currency and RoundingMode implement sql.Scanner and
// driver.Valuer with the same text forms, so a host stores an amount in one
// text column ("1234.50 USD": exact, currency included) or, as documented
// in sql.go, a NUMERIC column of Amount.Decimal() beside a currency column;
// a nullable column scans into sql.Null[T]. A float from the database is
// an error, never a number.
//
// # Errors
//
// Every error matches an exported sentinel with errors.Is ([ErrSyntax],
// [ErrUnknownCurrency], [ErrCurrencyMismatch], [ErrRange], …) and most are
// typed ([*ParseError], [*CurrencyMismatchError], [*RangeError],
// [*WeightError], [*EnumError]) so that errors.As gives the details.
// Messages start with "money: ". A rejected rounding mode is an
// [*EnumError] listing the valid names and the nearest one.
//
// money has no document form of its own, so its errors carry no field
// path (and no FieldPath method): a RangeError names the quantity it
// checked in words ("places", "exponent of weight") and a WeightError
// names a weight by position and key. A package that decodes a document
// wraps them in its own field error, which carries the JSON Pointer.
//
// The package never panics on input data; only the Must functions, meant
// for literals in tests and examples, panic.
//
// # Concurrency
//
// All types are immutable values and all functions are pure: safe for
// concurrent use without synchronisation.
package money
