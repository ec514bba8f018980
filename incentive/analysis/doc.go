// Package analysis examines an incentive plan before it pays a cent: what
// it can cost, where it has cliffs and holes, and what a change would do.
// It uses only package incentive's public API (a validated
// [incentive.Plan], its [incentive.PlanSpec], [incentive.Evaluate] and the
// [incentive.Accumulator]) and package tier's schedules, so every figure
// it reports is one the engine would pay.
//
// # Model
//
// Four tools, each an entry point:
//
//   - Lint ([Linter.Lint], [Linter.LintDraft], [Linter.LintGroup]) checks a plan statically, without
//     transactions, and returns [Finding] values — a [Check], a [Severity],
//     the JSON Pointer of the offending member of the plan document, an
//     English message and the exact figures ([Detail]) — and the plan's
//     [Exposure]. The options are an open [LintSpec] compiled once by
//     [NewLinter] or [ParseLinter].
//   - What-if ([WhatIf]) evaluates a plan and an alternative in one pass
//     over the transactions — a [Scenario] scaling volumes per partner,
//     segment or product category by exact factors and shifting shares of
//     volume between categories ([ShiftSpec], exactly conserved), a second plan, or
//     both ([Change]) — and pairs the lines ([LineDiff], with both traces)
//     into a [Diff].
//   - Compare ([Compare], [Diff.Gains]) says who gains and who loses
//     moving from one plan to another for the same population ([Gains]).
//   - Simulate ([Simulate]) draws a population of partners' attainment
//     ([Population]: uniform between bounds, resampled from last year's
//     volumes, or a weighted table; with the metrics and quota its
//     modifiers read, each drawn alike) many times and reports the programme
//     cost per draw with its mean and P50/P90/P99, the share of partners in
//     each tier and the mean marginal payout of one more unit of volume
//     ([Simulation]). A partner drawn at volume 0 has no sales, so, as in
//     incentive.Evaluate, it has no line and is paid no floor.
//
// # Lint rules
//
//	check                    severity  finds
//	cliff                    warning   a retroactive (all-units, retro-from-threshold) jump at a
//	                                   bound of at least LintSpec.CliffJump:
//	                                   (r_{j+1} − r_j)·b + f_{j+1} − f_j (retro: ·(b − θ))
//	unreachable-tier         warning   the component cap is reached at a tier's bound, after
//	                                   the least modifiers: that tier and all above pay the cap
//	unreachable-accelerator  warning   the cap is reached at the accelerator's fixed quota
//	negative-marginal        critical  a lower payout just above a bound than just below it,
//	                                   or a linear segment where rate(x)·x falls
//	version-gap              warning   days between two versions of a component
//	exposure                 info      the most the plan can pay per partner, per rep and in
//	                                   total in one period, or that nothing bounds it
//	unbudgeted-spif          warning   a time-boxed version (an effective_until after which no
//	                                   version of its ID is effective) without a budget
//	closed-gate              critical  a gate on a metric not in LintSpec.Metrics (every line
//	                                   fails to evaluate); warning: a gate minimum above the
//	                                   metric's declared max (it never opens)
//	double-pay               warning   two components, one recipient kind and measure, effective
//	                                   on a common day, whose eligibility overlaps without either
//	                                   containing the other: the message names the overlap
//	split-sum                warning   shares of a split that look like fractions or percentages
//	                                   (summing to [0.5, 2) or [50, 200)) but sum to neither 1 nor
//	                                   100 (a team component's weights; LintGroup: a group's)
//	version-overlap          critical  two versions of a component effective on one day (LintDraft)
//
// A Cliff's jump is clipped by the component cap; a jump hidden entirely
// by the cap is reported as an unreachable tier instead. "At the bound"
// means on entering the tier: at the bound under lower-inclusive, just
// above it under upper-inclusive. Stepped bonuses (flat-per-tier,
// increment, package) and incremental flat fees jump by design and are
// not cliffs. Overlapping versions are rejected by incentive.NewPlan, so a
// valid plan has none to report.
//
// Exposure bounds each component line by the supremum of its schedule
// (unbounded when the last tier's rate, or an increment or package amount,
// is positive), times the greatest multiplier band factor and accelerator
// factor, bounded by the cap, raised to the floor and rounded as the line
// is; it adds the components paying each kind of recipient and applies the
// recipient cap; the total is the budget, or unbounded. Each component
// also names the least measure that reaches its maximum ([ComponentExposure].Reach).
// Rules are numbered in the order they were added, so more can follow
// without renumbering.
//
// Stacking is not double pay: a component whose eligibility contains
// another's (a rebate on every sale beside a SPIF on one category, or a
// rebate and a bonus on the same revenue) pays the overlap twice by
// design. Of gates, lint knows only what LintSpec.Metrics declares; an
// attainment gate compares the measure, which nothing bounds, with a
// share of quota, so it can always open. Group weights are relative
// (incentive shares in proportion), so sums of 1 and 100 are both read as
// whole.
//
// [Linter.LintDraft] lints a specification that is not yet a plan: more
// components than incentive.MaxComponents (up to [MaxDraftComponents]),
// or versions that overlap; [Linter.LintGroup] lints a group's split.
//
// # Rounding
//
// Lint figures are exact and unrounded, except exposure maxima (rounded
// as lines are: the plan's mode and places; recipient cap and budget
// rounded down to the places, as incentive reduces lines to them). What-if
// and Compare figures are sums and differences of rounded lines: exact,
// no further rounding. A simulation's costs are sums of lines each rounded
// once as incentive rounds it; Simulation.Mean is the only division on
// money, rounded once with the plan's mode and places; tier shares are
// rounded half-even to [SharePlaces] and the marginal payout half-even to
// [MarginalPlaces]. Percentiles are nearest-rank: costs some draw had.
//
// # Randomness
//
// Only the sampling is random. Draw i of a simulation uses its own
// math/rand/v2 PCG generator seeded with (PopulationSpec.Seed, i), and
// bounded integers are derived from its 64-bit outputs alone (Lemire's
// multiply-and-reject), so the stream is fixed by the PCG algorithm: the
// same seed gives the same simulation, to the byte, on any machine and
// for any number of workers. There is no global source.
//
// # Errors
//
// Invalid options, scenarios and populations are reported at once
// ([errors.Join]) as [*ParamError] values whose Path is the JSON Pointer
// of the field in the input's JSON form ("/scales/2/factor",
// "/attainment/table/3/weight"), also for values built in Go, matching
// [ErrInvalid], [ErrTooMany] or [ErrDuplicate]; a document that does not
// decode (unknown or repeated members, null, a JSON number where a
// decimal string belongs, over its size or depth limit) is a *ParamError
// at the member's pointer that also matches the strictjson sentinel. An
// unknown rule, severity, dimension or shape name is an [*EnumError].
// Plans that cannot be analysed match [ErrPlan]; evaluation errors from
// WhatIf and Compare are incentive's own (*incentive.DataError). Nothing
// panics on input data; only the Must functions do.
//
// # Concurrency
//
// Linter, Scenario, Population and every result are immutable values,
// safe for concurrent use. Simulate runs its draws on the number of
// goroutines it is given and returns when all are done; the result does
// not depend on that number.
package analysis
