// Package tier evaluates tier schedules: the curves that turn a volume
// (revenue, units, attainment) into a payout, used by rebates, discounts,
// SPIFs and commission plans. A schedule is validated once by New and then
// evaluated many times, exactly, with shopspring decimals.
//
// # Model
//
// A [Spec] lists tiers by their lower bounds b_1 = 0 < b_2 < … (Tier.From);
// each tier ends where the next begins and the last is unbounded, so gaps
// and overlaps cannot be expressed, and New rejects unsorted or duplicate
// bounds and a first bound other than 0. Each schedule declares its
// [Boundary] convention: with [LowerInclusive] a volume equal to b belongs
// to the tier that starts at b (tiers [b_i, b_{i+1})); with
// [UpperInclusive] it belongs to the tier that ends at b (tiers
// (b_i, b_{i+1}]). The first tier always contains 0.
//
// The [Mode] gives the formula. With x the cumulative volume, j the tier
// containing x, r_i the tiers' rates (or prices), f_i their flat fees
// (Tier.Flat, zero unless set), θ Spec.Threshold and s Spec.Step:
//
//	mode                  R(x)                                             also known as
//	AllUnits              r_j · x + f_j                                    retroactive, back to dollar one, volume (Stripe, Zuora), range (Salesforce CPQ)
//	Incremental           Σ_i r_i · max(0, min(x, b_{i+1}) − b_i) + Σ_{i≤j} f_i  graduated (Stripe), slab (Salesforce CPQ), marginal, tiered (Zuora), progressive
//	RetroFromThreshold    r_j · max(0, x − θ)                              retro above threshold, "from the hurdle"
//	Linear                rate(x) · x                                      interpolated, sliding scale, payout curve
//	Increment             v · ⌊(x − θ)/s⌋ for x > θ                        per-step bonus, "$v for every s over θ"
//	FlatPerTier           Amount of tier j                                 stepped bonus, flat fee per tier, lump sum
//	Package               p · (started blocks of size s)                   package (Stripe), per block, per pack
//
// AllUnits creates cliffs: at a bound b the payout jumps by
// (r_{j+1} − r_j)·b + f_{j+1} − f_j. Incremental is continuous except for
// the flat fees, each added once when x reaches its tier. Increment and Package take
// exactly one tier, whose Amount is v (per full step) or p (per started
// block). A step is full when x reaches its end, under either convention.
// A block of size s is started, under UpperInclusive, as soon as x exceeds
// its start (blocks (ks, (k+1)s], so ⌈x/s⌉ blocks, the classic package
// price); under LowerInclusive, when x reaches its start (blocks
// [ks, (k+1)s), so ⌊x/s⌋ + 1 blocks for x > 0).
//
// Linear interpolates the rate between knots (a_i, r_i), given as tiers
// whose From is a_i (the first knot need not be 0): for a_i ≤ x ≤ a_{i+1},
// rate(x) = r_i + (r_{i+1} − r_i)·(x − a_i)/(a_{i+1} − a_i); below the
// first knot rate(x) = r_1 and above the last rate(x) = r_n (clamped). The
// division is the only one in the package: the rate is computed from the
// exact quotient and rounded once, to Spec.RatePlaces digits of the
// fraction with Spec.Rounding (both required for Linear), and the payout is
// that rate times x, exactly. So Result.Rate is the rate a reader can
// multiply by x to check the payout.
//
// # Rates, prices and flat fees
//
// In the rate modes a tier multiplies the volume either by a rate
// (Tier.Rate, a fraction of a money volume: "2.5%" or "250bp" in JSON,
// where a rate always carries its unit and only "0" may be bare; in Go,
// money.RateFromPercent, RateFromBasisPoints or RateFromFraction state the
// unit) or
// by a price (Tier.Price, an amount per unit of a counted volume: seats,
// licences, events; "price": "10" in JSON is 10 per unit). A schedule uses
// one or the other in all its tiers ([Schedule.PerUnit] tells which), so a
// price is always written and printed as a price — [Result.FormatRate] and
// [Schedule.String] give "10 per unit", never "1000%" — while the
// arithmetic is the same: r_i above is the rate or the price. A rate
// above 100 % is rejected unless the Spec sets RatesAbove100
// ("rates_above_100_percent": true), as it is almost always a unit mistake.
//
// # Required members
//
// Absence is never read as zero. In a schedule document every member the
// mode uses to compute a payout must be written, zero included ("0%"):
// each tier's from, its rate or price (rate modes) or its amount
// (increment, flat-per-tier, package), the threshold, the step and
// rate_places where the mode uses them; a missing one is an [ErrMissing]
// naming the member ([Spec.RequirePresent]). A flat fee is optional.
//
// AllUnits and Incremental tiers may also carry a flat fee (Tier.Flat), the
// "flat + per unit" tier of billing systems: AllUnits pays x·r_j + f_j of
// the tier reached ("volume" pricing with a flat amount per tier);
// Incremental pays each tier's rate on the volume inside it plus the flat
// fee of every tier reached ("graduated" pricing with flat amounts). A fee
// is due as soon as x is in its tier, under the boundary convention: the
// first tier's at x = 0 already, none below 0. The other modes reject
// prices (except RetroFromThreshold and Linear, which take them like
// rates) and flat fees.
//
// # Running attainment and negative volumes
//
// A schedule is evaluated on the cumulative (net) volume. A deal of size d
// at prior attainment A earns [Schedule.Marginal] = R(A + d) − R(A), never
// rate(tier of A + d)·d, so payouts over a sequence of deals sum to
// R(total) in any order. Returns and credit notes are negative d.
//
// Net volume below 0 is below the first tier (Result.Tier = 0). There
// AllUnits, Incremental and Linear pay the first tier's rate, r_1·x (a
// negative payout: the return is reversed at the base rate, never at a
// higher tier's; no flat fee), while RetroFromThreshold, FlatPerTier, Increment and
// Package pay 0 (nothing is owed back below the threshold or first block).
//
// # Rounding
//
// [Schedule.Payout], [Schedule.Marginal] and [Schedule.Evaluate] return
// exact, unrounded values; except for Linear's rate (see above) nothing is
// rounded here. Callers round the figures they report, once, with
// money.Round and an explicit mode.
//
// # Limits and JSON
//
// A Spec has at most [MaxTiers] tiers, and every decimal in it at most
// [MaxPlaces] digits after the point and an absolute value below
// 10^[MaxMagnitudeDigits]. Spec has snake_case JSON tags (decimals and
// rates as strings). [ParseSchedule] decodes a schedule document strictly
// (unknown, duplicate or null members and JSON numbers for decimals are
// errors; at most [MaxScheduleBytes] bytes, nested at most
// [MaxScheduleDepth] deep) and validates it as New does;
// [Schedule.UnmarshalJSON] does the same, so a Schedule can be a member of
// a larger strict JSON document, and [Schedule.MarshalJSON] writes the
// document back.
//
// # Fast path
//
// [Schedule.Fixed] compiles a schedule for volumes given as int64 integers at
// a scale (cents: scale 2) into a [FixedSchedule], whose Payout returns the
// exact payout as an int64 at [FixedSchedule.PayoutScale] (the volume scale
// plus the rates' decimal places; the amounts' places in the amount modes)
// and whose Evaluate also returns the tier reached, the tier count and the
// rate applied (a [FixedResult], the rate as a numerator over
// 10^[FixedSchedule.RatePlaces]), both without allocating. Their results
// are identical to [Schedule.Payout] and to the same fields of
// [Schedule.Evaluate] whenever ok is true (a differential property test
// checks it for every mode); they report ok = false, never a wrong number,
// when the schedule does not fit int64 at that scale or an evaluation
// overflows, and the caller then uses the decimal methods.
//
// # Errors
//
// New reports every problem at once, as an errors.Join of [*SpecError]
// values whose Path is the JSON Pointer (RFC 6901) of the field in the
// schedule's JSON form, such as "/tiers/2/from" (also for a Spec built in
// Go), and which unwrap to a sentinel ([ErrUnsorted], [ErrDuplicate],
// [ErrGap], [ErrRate], [ErrTooManyTiers], …). ParseSchedule reports a
// document it cannot decode as a *SpecError too, at the pointer of the
// offending member, unwrapping to [ErrJSON]; an unknown mode or boundary
// name is an [*EnumError] (unwrapping to [ErrMode] or [ErrBoundary]) that
// lists the valid names and suggests the nearest. A host maps any of them
// to a form field with errors.As and the FieldPath method. Messages start
// with "tier: ". Evaluation of a valid Schedule never fails and never
// panics; only MustNew and MustParseSchedule panic.
//
// # Concurrency
//
// Schedule is an immutable value; all methods are safe for concurrent use.
package tier
