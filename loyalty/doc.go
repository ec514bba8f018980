// Package loyalty measures how engaged and loyal partners are, exactly
// and explainably: an engagement score broken down by pillar, programme
// levels with hysteresis, leaderboards and the partners' standing over
// time. Every function takes the evaluation time as a parameter.
//
// # Model
//
// A [Scorer] (compiled from a [ScorerSpec] by [NewScorer] or
// [ParseScorer]) declares pillars (revenue, training, deal registration,
// marketing, portal activity…) with weights that sum exactly to 1, the
// activities that earn points in each pillar, a half-life, a rolling
// window and bands. [Scorer.Score] scores a population of partners
// ([PartnerActivity]: activity records and manual [Adjustment]s) as of a
// time and returns [Scores]: each partner's rolling-window and lifetime
// [Engagement], with its band and a breakdown by pillar.
//
// A [Ladder] (from a [LadderSpec]) is a programme's levels with criteria
// as data; [Ladder.Walk] replays a partner's [Snapshot]s and returns its
// [Standing]: level, at-risk flags with reasons, and the distance to the
// next level. [Leaderboard] ranks [RankEntry] values with deterministic
// ties, percentile ranks and movement since the previous period.
//
// [ComputeRetention] follows [Member]s through explicit
// [RetentionPeriod]s: per period the partners retained, churned,
// reactivated and active for the first time, the retention rate overall
// and for new and existing partners, the share of wallet where the host
// provides it, and the cohorts by enrolment period.
// [ComputeLeadMetrics] reads dealreg's lead records ([LeadEngagement]) and
// closed deals ([ClosedDeal]): per partner the time from assignment to
// acceptance and to first action, and the breaches of a [LeadSLA]; and
// the partner-sourced, vendor-sourced and influenced shares of deals and
// revenue ([ClosedDealOf] reads a won dealreg registration).
//
// [NewScorecard] gathers a partner's figures for a period (score, band
// and breakdown, ladder standing, board row, [RetentionOf] flags, lead
// handling) into one [Scorecard] with a snake_case JSON form and an
// English summary sentence.
//
// For large populations, [Scorer.ScoreColumns] and [Ladder.WalkColumns]
// read the same inputs in column form ([ActivityColumns],
// [SnapshotColumns]: times as Unix seconds, activities by index, metric
// values as integers at a declared scale) and return the same results
// ([Scores], [Standings]) while allocating per population, not per
// partner or record; [Scores.Board] ranks the scores as integers, sorted
// once, and returns what [Leaderboard] returns for them.
//
// # Formulas
//
// For a partner and a pillar p, the raw value x_p is the sum over the
// partner's activity records of count × points × f(age), plus its
// adjustments in effect, never below zero, divided by the partner's size
// when the pillar is per-size. Records after the evaluation time do not
// count yet; the rolling score counts records and adjustments whose age
// is below the window (in (at − window, at]), the lifetime score all.
//
//   - Decay: f(a) = ⌊2^(−a/h) · 10^P⌋ / 10^P for an age of a whole days
//     (elapsed time truncated to days) and a half-life of h days, P =
//     PointPlaces: exact to P places, rounded down, computed without
//     floating point (the h-th root is found with big integers: y is the
//     largest integer with y^h · 2^r ≤ 10^(P·h) for r = a mod h, then
//     halved ⌊a / h⌋ times, which equals the floor of the exact value).
//     Each record's decayed points are rounded down to P places.
//   - Caps: at most Cap occurrences of an activity count per calendar
//     window (UTC day, Monday-to-Sunday week, month, quarter or year),
//     the earliest first; the rolling score applies the caps to the
//     window's own records.
//   - Normalisation, rounded down to NormPlaces (9): min-max (x − min) /
//     (max − min) over the scored population (when every value is equal:
//     1 if positive, else 0); percentile rank (B + E/2) / N, B partners
//     strictly below, E equal (itself included); fixed target
//     min(x / target, 1).
//   - Score = 100 · Σ_p w_p · norm_p, exact (Engagement.Exact), then
//     rounded half-even once to ScorePlaces. The pillar points apportion
//     the rounded score by largest remainder (ties by pillar name): they
//     sum exactly to it, each within one unit of its exact share.
//   - Bands: the band with the greatest From not above the score.
//   - Levels: promote to the highest level whose promote bounds are all
//     met; demote, after GraceDays continuously below a retain bound, to
//     the highest lower level whose retain bounds are met.
//   - Leaderboard ranks: 1 + the number of strictly greater values
//     (1, 2, 2, 4), ties listed by ascending id; percentile (B + E/2) / N
//     rounded half-even to PercentilePlaces.
//   - Retention of period k: Retained / Active of period k − 1 (partners
//     active in both over partners active in k − 1); new partners are
//     those enrolled in period k − 1, existing ones earlier. Cohort rate:
//     the cohort's partners active in a period over the cohort's size.
//     Share of wallet: Σ vendor / Σ total over the period's wallet
//     entries with a positive total. A rate with a zero base is 0.
//   - Lead percentiles are nearest rank: the p-th percentile of n
//     durations in ascending order is the one at rank ⌈p · n / 100⌉, the
//     median the lower median (rank ⌈n / 2⌉). Sourcing shares apportion 1
//     at RatePlaces by largest remainder (ties by source order) so that
//     they sum exactly to 1.
//
// # Rounding
//
// No float64 anywhere. Points, decay factors and raw values are integers
// at PointPlaces (at most MaxPointPlaces, 9), rounded down where stated
// above; normalised values at 9 places, rounded down; weights at most 6
// places; the exact score is then exact, and the reported score is
// rounded half-even once. Retention, cohort, wallet and sourcing rates
// are exact ratios rounded half-even once to RatePlaces (4) places as a
// fraction.
//
// # Errors
//
// Bad inputs return an [*InputError] whose Path is a JSON Pointer into
// the input's JSON form ("/pillars/1/weight", "/levels/2/criteria/0/retain")
// or, for a function's argument, the argument's name as a member
// ("/partners/3/events/7/kind", "/history/2/metrics", "/query/top").
// It unwraps to a sentinel ([ErrEmpty], [ErrDuplicate], [ErrUnknown],
// [ErrNegative], [ErrNonPositive], [ErrWeights], [ErrRange], [ErrOrder],
// [ErrInvalid]). Documents are decoded strictly (strictjson); a decoding
// failure is an *InputError at the failure's path matching ErrInvalid and
// the strictjson sentinel. Unknown enumeration names are [*EnumError]s.
// The package never panics on input data; only Must* helpers do.
//
// # Concurrency
//
// All types are immutable values and all functions pure: safe for
// concurrent use. Results never depend on the order of partners,
// records, snapshots or entries, nor on map iteration order.
package loyalty
