// Package attribution credits revenue or conversions to the marketing
// channels of multi-touch journeys, exactly: by first touch, last touch,
// linear, position-based and time-decay rules, by the removal effects of
// an absorbing Markov chain of order k solved in exact rational
// arithmetic, and by Shapley values over all 2^n coalitions. Every
// method's credits sum exactly to the total attributed.
//
// # Model
//
// A [Journey] is one prospect's [Touch] values in time order — a channel
// name and a time — ending in a [ConversionEvent] (a time and, for revenue, a
// value) or not. A [RuleSpec] (the open form and the JSON form) names the
// [Method], the [Basis] (revenue in a currency, or conversions to a
// number of places) and the method's parameters; [NewRule] or [ParseRule]
// validates it once into a [Rule], and [Rule.Attribute] attributes any
// number of journeys. The [Result] lists every channel seen in any
// journey, sorted by name, with its rounded credit, its exact credit (a
// [Fraction]) and, per method, the removal effect or the sampling error
// bound. A channel that appears in no journey has no entry, and
// [Result.Credit] returns zero for it.
//
// # Formulas
//
// The total T is the sum of the conversion values (Revenue) or the
// number of converting journeys (Conversions). Each method gives every
// channel c an exact non-negative weight w_c; the credits are T split in
// proportion to the weights (see Rounding).
//
//	first-touch     w_c = Σ value of the journeys whose first touch is c
//	last-touch      w_c = Σ value of the journeys whose last touch is c
//	linear          every touch gets value/L (L touches; a channel touched
//	                twice gets two shares)
//	position-based  declared shares first/middle/last summing to exactly 1
//	                (e.g. 40 %/20 %/40 %): one touch takes all; two touches
//	                get first + middle/2 and last + middle/2; from three on
//	                the L−2 touches between share middle equally
//	time-decay      touch i weighs 2^(−Δt_i/h), Δt_i its time before the
//	                conversion, h the half-life (exactness below)
//	markov          w_c = RE_c, the removal effect (below)
//	shapley         w_c = φ_c, the Shapley value (below)
//
// Time decay. Δt is counted in whole steps (DecaySpec.Step, rounded
// down), and the half-life is m whole steps (1 ≤ m ≤ [MaxDecaySteps]). A
// touch n = q·m + r steps before the conversion weighs 2^(−q)·Y(r) with
// Y(r) = ⌊2^(−r/m)·10^12⌋·10^−12, [DecayPlaces] = 12: Y(r) is the largest
// integer Y with Y^m·2^r ≤ 10^(12m), found by exact integer powers (a
// fixed-point first guess is corrected by these comparisons), never by
// floating point. Its share of its journey is ⌊w_i/Σw·10^12⌋·10^−12,
// computed exactly; a touch more than 96 half-lives older than its
// journey's newest touch weighs 0. w_c is the sum of value × share over
// the touches of c. Y(r) is within 10^−12 of 2^(−r/m), so a share is
// within about 3·10^−12 of the exact real-valued one; everything after
// the two truncations is exact.
//
// Markov. The chain has a start state, one transient state per observed
// tuple of the last ≤ k channels (order k, [MaxOrder] at most: a journey
// a > b > c passes start → (a) → (a,b) → (b,c) for k = 2), and two
// absorbing states, conversion and null (a journey that does not
// convert). Consecutive touches of the same channel count once (a > a > b
// is a > b: for k = 1 a self-loop would not change any absorption
// probability; for larger k it keeps tuples of successive distinct
// channels); a channel touched again later (a > b > a) is a new visit.
// Transition probabilities are observed counts over row totals, every
// journey counting once whatever its value. P(conv) is the probability of
// absorption in conversion from the start, x_start of (I − Q)·x = R_conv.
// Removing channel c sends every transition into a state containing c to
// null. Then
//
//	RE_c = 1 − P_without_c(conv) / P(conv),   credit_c = RE_c / Σ RE × T
//
// (all RE are 0 when P(conv) = 0). The systems are solved exactly: with
// integer rows N_s·x_s − Σ_t n_st·x_t = n_s,conv, x_start =
// det(A_start)/det(A) by Cramer's rule, both determinants computed modulo
// enough 63-bit primes (Hadamard's bound) by Gaussian elimination and
// rebuilt by the Chinese remainder theorem — no simulation, no floating
// point. Journeys are first reduced to transition counts, and the chain
// is solved once for P(conv) and once per channel.
//
// Shapley. φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S∪{i}) − v(S)) over
// the n channels of converting journeys (every other channel is a null
// player with φ = 0). The coalition value v is declared ([Coalition]):
// [Subset], the total of the converting journeys whose channel set is a
// subset of S, or [Touching], the total of those touching S. Up to
// [MaxExactChannels] (20) channels — fewer if ShapleySpec.ExactUpTo says
// so — the values are exact: v over all 2^n coalitions by a subset-sum
// (zeta) transform, then the marginal contributions summed by coalition
// size, in integers, O(n·2^n), never over the n! orders. Beyond, they are
// estimated from SamplingSpec.Permutations random orders drawn by
// math/rand/v2's PCG seeded with SamplingSpec.Seed (Fisher–Yates with
// rejection sampling, so a seed always gives the same orders); Credit.Bound
// is ε_c = V_c/(2·√(M·δ)) rounded up, V_c the value of the converting
// journeys that touch c, M the permutations and δ = 1 − confidence: by
// Chebyshev's inequality with Popoviciu's bound on the variance of a
// contribution in [0, V_c], |Exact − φ_c| ≤ ε_c with probability at
// least 1 − δ for each channel. Both games are sums of one game per
// journey that is symmetric in the journey's channels, so both split each
// converting journey's value equally among its distinct channels; unlike
// linear, a repeated touch does not earn a second share.
//
// # Rounding
//
// Credits are rounded once, in the currency's minor unit (Revenue) or to
// RuleSpec.Places (Conversions), by the largest-remainder method on the
// exact shares q_c = T·w_c/Σw: every channel gets ⌊q_c⌋ units and the
// units left over go one each to the largest fractional parts, ties to
// the channel name that sorts first. So the credits sum exactly to the
// total, each is within one unit of its exact share, a channel with
// weight 0 gets 0, channels with equal weights get equal credits up to
// that one tie-broken unit, and nothing depends on the order of the
// journeys. Conversion values must be whole minor units, below 2^63
// each; the Shapley method also needs the total below 2^63 units (so at
// most 9 conversions at 18 places), otherwise ErrRange.
//
// # Errors
//
// Bad inputs return an [*InputError] whose Path is a JSON Pointer (RFC
// 6901) into the JSON form, also for values built in Go: "/method",
// "/currency", "/places", "/position/first", "/decay/half_life",
// "/decay/step", "/order", "/shapley/value", "/shapley/exact_up_to",
// "/shapley/sampling/permutations", "/shapley/sampling/confidence" for a
// rule; "/journeys/3/touches", "/journeys/3/touches/1/channel",
// "/journeys/3/touches/1/at", "/journeys/3/conversion/at",
// "/journeys/3/conversion/value" and "/journeys" for the journeys. It
// unwraps to [ErrMissing], [ErrInvalid], [ErrEmpty], [ErrOrder],
// [ErrCurrency], [ErrRange] or [ErrEnum]; an unknown enumeration name is
// an [*EnumError]. Validation reports every problem at once (at most 16,
// with errors.Join). A document that does not decode is an *InputError
// at the offending member that also matches the strictjson sentinel.
// The package never panics on input data; only [MustParseRule] does, for
// literals.
//
// # JSON
//
// [ParseRule] reads a rule document and [Rule.MarshalJSON] writes it
// back; [ParseJourneys] reads {"journeys": [...]} and [MarshalJourneys]
// writes it. Decoding is strict (unknown or duplicate members, null and
// JSON numbers for decimals are errors; at most [MaxRuleBytes] /
// [MaxJourneysBytes] bytes and [MaxRuleDepth] / [MaxJourneysDepth]
// levels). Members are snake_case; amounts ("120.00 USD") and rates
// ("40%") are strings, times RFC 3339, spans Go durations ("168h").
//
//	{"method":"position-based","basis":"revenue","currency":"USD",
//	 "position":{"first":"40%","middle":"20%","last":"40%"}}
//	{"method":"markov","basis":"conversions","places":2,"order":2}
//	{"method":"shapley","basis":"revenue","currency":"EUR",
//	 "shapley":{"value":"subset","sampling":
//	   {"permutations":10000,"seed":[1,2],"confidence":"95%"}}}
//
// # Concurrency
//
// Rules and results are immutable values and every function is pure (no
// clock, no I/O, no hidden randomness): safe for concurrent use. Results
// never depend on the order of the journeys or on map iteration order.
package attribution
