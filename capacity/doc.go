// Package capacity answers "do I have the right number of partners?": how
// many consultants, active partners and recruits a revenue target needs,
// how a partner base ramps up, how well capable partners cover each market
// segment, how concentrated partner revenue is, and whether developing
// "the next 20 %" beats recruiting.
//
// # Model
//
// The funnel ([Model], [Required]) does the math from revenue to people:
// a subscription business whose partners deliver the services its
// customers need, where services capacity is the bottleneck.
//
//	services    = target × ServiceRatio
//	consultants = ⌈services / (HourlyRate × BillableHours)⌉
//	active      = ⌈consultants / ConsultantsPerPartner⌉
//	recruits    = ⌈active / productive share⌉
//
// $100M at 1:1, $200/hr, 1000 hr/yr, 5 consultants per partner and a 20 %
// productive share need $100M of services, 500 consultants, 100 active
// partners and 500 recruits. The productive share is one [Share] or the
// product of named [Stages] (trained → active → engaged: 50 % × 80 % ×
// 50 % = 20 %, so 500 recruits → 250 trained → 200 active → 100 engaged).
// A [ModelSpec] (the open form and the JSON form) is validated once by
// [New] or [ParseModel] into a [Model], which [Required],
// [SupportedByPartners] and [SupportedByRecruits] evaluate without
// validating it again; the last two run the funnel backwards, and
// SupportedByPartners needs no funnel at all.
//
// A [Ramp] gives productivity by tenure (0/25/75/100 % by quarter);
// [EffectiveCapacity] sums [Cohort] values per period and [PlanRecruiting]
// says how many to recruit in which period to reach a capacity target.
// Periods are integers chosen by the caller ([QuarterIndex] and
// [MonthIndex] map a time.Time the caller passes in); nothing reads a
// clock.
//
// [Cover] matches each partner's [Footprint] (attributes over arbitrary
// dimensions, and capabilities) against [Demand] per segment and
// classifies each segment as [Under], [Balanced], [Over] or [NoDemand] —
// for example the coverage of partners with banking expertise and managed
// services in London, New York and Zurich.
//
// [NewConcentration] ranks partner revenue (descending, ties by id) and
// gives top-k shares, the top p % share, the smallest head producing a
// given share, the Lorenz curve, Gini, HHI (also in antitrust points,
// [Concentration.HHIPoints]) and its equivalent number of partners.
// [RecruitOrDevelop] compares lifting the next band of partners with
// recruiting new ones.
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
// Bad inputs return an [*InputError] whose Path is a JSON Pointer (RFC
// 6901) into the input's JSON form, also for values built in Go:
// "/hourly_rate" and "/funnel/stages/1/rate" in a model; for the
// arguments of a function, the argument's name as a member, in
// snake_case: "/target", "/active_partners", "/recruits",
// "/revenues/17/id", "/k", "/p", "/share", "/top", "/next",
// "/partners/3/capacity", "/demand/0/segment",
// "/query/thresholds/min_coverage", "/ramp", "/cohorts/2/count", "/to",
// "/goal/existing/0/count", "/develop/uplift", "/recruit/count",
// "/horizon", "/num", "/den". A ramp's own steps are "/0", "/1", …; the
// empty path is the whole model (or ramp, or funnel). FieldPath returns
// the path, so a host maps an error of any package to a form field with
// errors.As(err, &interface{ FieldPath() string }). The error unwraps to a
// sentinel: [ErrNonPositive], [ErrNegative], [ErrShareRange], [ErrEmpty],
// [ErrDuplicate], [ErrInvalid], [ErrRange], [ErrConflict],
// [ErrUnreachable], or to a money error such as
// money.ErrCurrencyMismatch. Validations report every problem at once with
// errors.Join (at most 16). Negative partner revenues are rejected rather
// than netted. Every decimal input must lie in money's operating range
// (money.InRange) and every intermediate figure must stay in it and, for
// head counts, in int64: otherwise [ErrRange] on the input that drives the
// step ("/target", "/consultants_per_partner", "/funnel", "/develop"),
// never a wrong figure. Period indices may be any int; spans are computed
// without overflow. An unknown [Status] or [Choice] name is an
// [*EnumError] that lists the valid names and unwraps to ErrInvalid.
// The package never panics on input data; only [MustRamp] and
// [MustParseModel] do, for literals.
//
// # JSON
//
// Input types have a JSON form with snake_case members and decimals,
// amounts and rates as strings ("200.00 USD", "20%"). [ParseModel]
// decodes a model strictly (unknown or duplicate members, null, JSON
// numbers and a bare non-zero rate such as "0.2", which needs its unit,
// are errors; at most [MaxModelBytes] bytes and [MaxModelDepth] levels)
// and [Model.MarshalJSON] writes it back, rates as percentages.
//
// # Concurrency
//
// All types are immutable values (slices handed in are copied, slices
// handed out are copies) and all functions are pure: safe for concurrent
// use without synchronisation. Results never depend on input order or map
// iteration order.
package capacity
