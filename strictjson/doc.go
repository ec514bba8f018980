// Package strictjson decodes and encodes the JSON documents partnerecon
// stores for its hosts — incentive plans, deal-registration policies —
// with the strictness a finance library needs:
//
//   - unknown members are rejected ([ErrUnknownField]); names match
//     case-sensitively, and two names of one object that differ only in
//     case ("rate" and "RATE", under Unicode simple case folding, so "K"
//     and the Kelvin sign "K" too) are a [ErrDuplicateKey], as are exact
//     duplicates;
//   - null is rejected anywhere ([ErrNull]): it never silently becomes zero;
//   - decimal.Decimal, money.Amount and money.Rate values must be JSON
//     strings: decimals in plain notation (money.ParseDecimal: no exponent,
//     no '+', ASCII only), amounts as money.Parse ("500.00 USD"), rates as
//     money.ParseRate ("2.5%", "0.025", "250bp"). A JSON number there is
//     [ErrNumber] (which is also an [ErrType]); a malformed string is
//     [ErrType] and matches the money sentinel too (money.ErrSyntax, …);
//   - documents larger than [Limits.MaxBytes] ([ErrTooLarge]) or nested
//     deeper than [Limits.MaxDepth] ([ErrTooDeep]) are rejected before
//     decoding; malformed JSON, invalid UTF-8 and trailing data are
//     [ErrSyntax]; a value of the wrong JSON kind is [ErrType].
//
// Options: with [RatesWithUnit] a money.Rate must carry its unit ("2.5%",
// "250bp"; only zero may be bare): a bare "1" is [ErrRateUnit] with a hint
// (did you mean "1%"?), and Marshal writes rates as percentages. [Members]
// lists the members a document has, so that a decoder can require a
// member whose absence would otherwise read as zero.
//
// Messages are for a person: an unknown member suggests the nearest valid
// name of its object (did you mean "rate"?) or lists them; a value of the
// wrong kind says what was expected ("expected an array, not a string");
// a syntax error gives its line and column ([Error.Line], [Error.Column])
// rather than a byte offset; no message names a Go type. A UTF-8
// byte-order mark at the very start of a document is skipped (spreadsheet
// exports write one); anywhere else it is a syntax error.
//
// Every failure is a [*Error] whose Path is the JSON Pointer (RFC 6901) of
// the offending value, e.g. "/components/0/tiers/2/rate" ("" for the whole
// document), and which matches its sentinel with errors.Is (and the
// underlying cause too, e.g. money.ErrSyntax). Its FieldPath method
// returns the pointer, as the field errors of every partnerecon package
// do, so a host maps any error to a form field with
// errors.As(err, &interface{ FieldPath() string }).
//
// Encoding ([Marshal]) is deterministic: struct fields in declaration
// order, map keys sorted, decimals as strings in plain notation. Marshal
// never writes what Unmarshal rejects: a null (a nil pointer or
// interface), map keys that differ only in case, or a decimal that
// money.ParseDecimal cannot read back are errors.
//
// It is built on github.com/go-json-experiment/json, the mirror of the
// standard library's encoding/json/v2. The package has no state and is
// safe for concurrent use.
package strictjson
