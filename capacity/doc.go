// Package capacity answers "do I have the right number of partners?"
// (DOMAIN.md §2): how many consultants, active partners and recruits a
// revenue target needs, how a partner base ramps up, how well capable
// partners cover each market segment, how concentrated partner revenue is,
// and whether developing "the next 20 %" beats recruiting.
//
// # Model
//
// The funnel ([Model], [Required]) follows the seed's "doing the math":
//
//	services    = target × ServiceRatio
//	consultants = ⌈services / (HourlyRate × BillableHours)⌉
//	active      = ⌈consultants / ConsultantsPerPartner⌉
//	recruits    = ⌈active / productive share⌉
//
// $100M at 1:1, $200/hr, 1000 hr/yr, 5 consultants per partner and a 20 %
// productive share need $100M of services, 500 consultants, 100 active
// partners and 500 recruits. The productive share is one [Share] or the
// product of named [Stages] (trained → active → engaged). [SupportedByPartners]
// and [SupportedByRecruits] run the funnel backwards.
//
// A [Ramp] gives productivity by tenure (0/25/75/100 % by quarter);
// [EffectiveCapacity] sums [Cohort] values per period and [PlanRecruiting]
// says how many to recruit in which period to reach a capacity target.
// Periods are integers chosen by the caller ([QuarterIndex] and
// [MonthIndex] map a time.Time the caller passes in); nothing reads a
// clock.
//
// [Cover] matches [Partner] attributes (arbitrary dimensions) and
// capabilities against [Demand] per segment and classifies each segment as
// [Under], [Balanced], [Over] or [NoDemand] — for example the coverage of
// partners with banking expertise and managed services in London, New York
// and Zurich.
//
// [NewConcentration] ranks partner revenue (descending, ties by id) and
// gives top-k shares, the top p % share, the smallest head producing a
// given share, the Lorenz curve, Gini, HHI and its equivalent number of
// partners. [RecruitOrDevelop] compares lifting the next band of partners
// with recruiting new ones.
//
// # Rounding
//
// People are whole and are rounded exactly once per step, from the exact
// quotient (money.Div): up ([money.Ceiling]) when computing what is
// needed, down ([money.Floor]) when computing what a base supports. In the
// forward funnel the rounded count of each step feeds the next. Amounts
// stay exact except SupportedBy*'s revenue (rounded down to the minor
// unit) and [Option]'s cost and revenue (half-even to the minor unit).
// Every ratio — shares, coverage, Lorenz points, Gini, HHI, equivalent
// partners, returns per currency unit — is reported exact, as a [Ratio]
// (numerator and denominator), and never rounded by the package: the
// caller rounds it exactly once, to the places and with the mode it needs,
// with [Ratio.Round] (money.Div on the exact quotient). Rounding a rounded
// ratio again can be wrong near a tie: 0.1234500000004 rounds half-even
// to 0.1235 at 4 places, but via 12 places (0.123450000000) to 0.1234.
// [Ratio.Decimal] and [Ratio.String] give the default figure, at
// [SharePlaces] (12) places, half-even ([ShareRounding]); use them for
// display, not as input to further rounding. Thresholds are compared
// against exact values, never against rounded ratios. The "top p %" of n
// partners is the first ⌈p·n⌉ of them, never interpolated. Expected head
// counts ([StageCount], [PeriodCapacity]) are exact decimals, not rounded.
//
// # Errors
//
// Bad inputs return an [*InputError] naming the field ("HourlyRate",
// "Funnel.Stages[1].Rate", "Revenues[7].ID") that unwraps to a sentinel:
// [ErrNonPositive], [ErrNegative], [ErrShareRange], [ErrEmpty],
// [ErrDuplicate], [ErrInvalid], [ErrRange], [ErrConflict],
// [ErrUnreachable], or to a money error such as
// money.ErrCurrencyMismatch. Validations report every problem at once with
// errors.Join (at most 16). Negative partner revenues are rejected rather
// than netted. Every decimal input must lie in money's operating range
// (|exponent| ≤ money.MaxExponent) and every intermediate figure must stay
// in it and, for head counts, in int64: otherwise [ErrRange] on the field
// (or the step's driving field: "Target", "Funnel", "Develop"), never a
// wrong figure. Period indices may be any int; spans are computed without
// overflow. The package never panics on input data; only [MustRamp] does,
// for literals.
//
// # Concurrency
//
// All types are immutable values (slices handed in are copied, slices
// handed out are copies) and all functions are pure: safe for concurrent
// use without synchronisation. Results never depend on input order or map
// iteration order.
package capacity
