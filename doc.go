// Package partnerecon is an embeddable Go SDK for channel programme
// economics: the money and rules behind a vendor's partner programme. PRM
// and CRM backends, billing jobs and consultants' tools import its
// packages; it does no I/O, so the host plugs in its own storage.
//
// # Packages
//
//   - money: the shared vocabulary — Amount (exact decimal + ISO 4217
//     currency), Rate, RoundingMode, Div, Allocate, Split. A leaf every
//     other package imports.
//   - strictjson: strict decoding of the JSON documents hosts store (plans,
//     policies, schedules, models) with typed errors carrying a JSON
//     Pointer.
//   - capacity: how many partners, with which skills, where — the quota →
//     services → consultants → partners → recruits funnel, ramp, segment
//     coverage, concentration (80/20, Gini, HHI).
//   - tier: tier schedules (all-units, incremental, retro-from-threshold,
//     linear, increment, flat, package; flat + per-unit tiers) with
//     explicit boundary conventions.
//   - incentive: payout plans as data — rebates, SPIFs, caps, gates,
//     accruals, true-ups and clawbacks, each payout with a trace.
//   - pricing: the price waterfall — discount stacking, floors, quotes with
//     their steps, and the check that special pricing never erases the
//     registered partner's price advantage.
//   - dealreg: deal registration lifecycle, conflicts found however the
//     customer is spelled, approval that respects them, vendor-passed
//     leads, programme metrics; its protection check is pricing's.
//   - mdf: market development funds and co-op — fund balances, accrual,
//     request → claim → proof of performance → payment, ROI, marketing
//     segmentation, the equal-terms allowance check; mdf/attribution:
//     exact multi-touch attribution (heuristics, Markov removal effects,
//     Shapley values).
//   - loyalty: engagement scores with exact decay and a breakdown that sums
//     to the score, programme tiers with hysteresis, leaderboards, pruning,
//     retention cohorts, lead-engagement metrics, quarterly scorecards, NPS,
//     profile completeness.
//   - incentive/analysis: a plan examined before it pays — lint (cliffs,
//     unreachable tiers, negative marginal rates, version gaps, budget
//     exposure), what-if, plan comparison, seeded population simulation.
//   - margin: the partner's whole economics — P&L per resale and per year
//     by lever, subscription lifetime value, margin identities,
//     sensitivity and break-even, programme comparison and survey.
//
// The import graph is the architecture (internal/field and internal/enum,
// the shared error and enum plumbing, are imported by every package but
// strictjson and are left out):
//
//	money ← strictjson
//	money, strictjson ← capacity
//	money, strictjson, internal/fixed ← tier
//	money, strictjson, internal/fixed, tier ← incentive
//	money, strictjson ← pricing
//	money, strictjson, pricing ← dealreg
//	money, strictjson, internal/fixed ← mdf/attribution ← mdf
//	money, strictjson, internal/fixed, dealreg ← loyalty
//	money, strictjson, internal/fixed, tier, incentive ← incentive/analysis
//	money, strictjson, capacity, pricing, incentive ← margin
//
// # Conventions every package shares
//
//   - Documents are JSON with snake_case member names; decimals, amounts
//     and rates are JSON strings ("2.5%", "500.00 USD"), never numbers, and
//     a non-zero rate carries its unit. Unknown, duplicate and null members
//     are errors (strictjson), and so is an absent member that moves money.
//   - An open XSpec (exported fields, the JSON form) is compiled once by
//     New(spec) or ParseX(data) into an opaque, validated X (tier.Spec →
//     tier.Schedule, incentive.PlanSpec → incentive.Plan, capacity.ModelSpec
//     → capacity.Model, pricing.PolicySpec → pricing.Policy,
//     dealreg.PolicySpec → dealreg.Policy, mdf.ProgrammeSpec →
//     mdf.Programme, attribution.RuleSpec → attribution.Rule,
//     loyalty.ScorerSpec → loyalty.Scorer, margin.ResaleSpec →
//     margin.Resale, analysis.LintSpec → analysis.Linter). Evaluating a compiled value
//     never re-validates it and fails only on bad data. MustParseX exists
//     for literals in tests and examples.
//   - An error that names a field carries its JSON Pointer (RFC 6901) into
//     the package's JSON form ("/tiers/2/rate",
//     "/components/1/schedule/tiers/0/from"), also when the value was built
//     in Go, and has a FieldPath method: a host maps an error of any
//     package to a form field with
//     errors.As(err, &interface{ FieldPath() string }). Field errors print
//     as "pkg: /path = "value": reason", with long values truncated.
//   - Enumerations are typed integers whose zero value is Unspecified and
//     rejected; they parse and print their canonical names, and an unknown
//     name is an EnumError listing the valid names and the nearest one.
//   - Each package exports ErrX sentinels (errors.Is) and typed errors
//     (errors.As) that unwrap to them.
//
// # Promises
//
//   - Pure functions: no I/O, no package-level mutable state, no clock
//     reads (time is always a parameter), no hidden randomness.
//   - Money is exact: github.com/shopspring/decimal values, never float64,
//     never compared with == (the module's linter rejects it); rounding
//     happens once, with an explicit mode and number of places; every split
//     sums to its whole.
//   - Bad input returns a typed error, matchable with errors.Is and
//     errors.As, naming the field or rule; library code never panics on
//     data (only Must* helpers for literals do).
//   - Results never depend on input order, map order or scheduling.
//   - Every type is an immutable value, safe for concurrent use.
package partnerecon
