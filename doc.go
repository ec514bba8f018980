// Package partnerecon is an embeddable Go SDK for channel programme
// economics: the money and rules behind a vendor's partner programme. PRM
// and CRM backends, billing jobs and consultants' tools import its
// packages; it does no I/O, so the host plugs in its own storage.
//
// # Packages
//
//   - money: the shared vocabulary — Amount (exact decimal + ISO 4217
//     currency), Rate, RoundingMode, Div, Allocate. A leaf every other
//     package imports.
//   - capacity: how many partners, with which skills, where — the quota →
//     services → consultants → partners → recruits funnel, ramp, segment
//     coverage, concentration (80/20, Gini, HHI).
//   - strictjson: strict decoding of the JSON documents hosts store (plans,
//     policies, schedules) with typed errors carrying a JSON Pointer.
//   - tier: tier schedules (all-units, incremental, retro-from-threshold,
//     linear, increment, flat, package) with explicit boundary conventions.
//   - incentive: payout plans as data — rebates, SPIFs, caps, gates,
//     accruals, true-ups and clawbacks, each payout with a trace.
//   - dealreg: deal registration lifecycle, conflicts, vendor-passed leads,
//     price stacking that keeps the registered partner protected.
//
// The import graph is the architecture:
//
//	money ← strictjson
//	money ← capacity
//	money, strictjson, internal/fixed ← tier
//	money, strictjson, internal/fixed, tier ← incentive
//	money, strictjson ← dealreg
//
// # Promises
//
//   - Pure functions: no I/O, no package-level mutable state, no clock
//     reads (time is always a parameter), no hidden randomness.
//   - Money is exact: github.com/shopspring/decimal values, never float64;
//     rounding happens once, with an explicit mode and number of places;
//     every split sums to its whole.
//   - Bad input returns a typed error, matchable with errors.Is and
//     errors.As, naming the field or rule; library code never panics on
//     data (only Must* helpers for literals do).
//   - Results never depend on input order, map order or scheduling.
//   - Every type is an immutable value, safe for concurrent use.
package partnerecon
