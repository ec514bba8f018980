// Package margin answers "do I offer my partners a profitable business
// proposition?" — not only "how much margin do I give them?". It models
// the partner's whole economics: the profit and loss on each deal, line
// by line with the source of each line; a partner's year by lever, with
// each lever's share of the profit; a subscription over its life;
// the effect of changing one lever and the break-even of a target; two
// programmes side by side; and the programme across all its partners.
// It also gets the margin identities right.
//
// It ties the other packages together: the buy price is package pricing's
// waterfall, back-end earnings can be lines of package incentive (with
// their traces), co-op reimbursement follows package mdf's claim formula,
// and the programme view ranks partner profit with package capacity's
// concentration measures.
//
// # Model
//
// A [ResaleSpec] (the open form and the JSON form) describes one deal as
// the partner sees it; [NewResale] or [ParseResale] validates it once into a
// [Resale] and prices its [PnL]:
//
//	list price ──pricing's waterfall (tier, registration, special pricing)──▶ buy price
//	street price = list · (1 − street discount) · (1 + brand premium), or declared
//
// and one [Item] per line, each with its [ItemKind], its [Lever], the
// JSON Pointer of the member it comes from, the declared origin and an
// English explanation:
//
//	Lever          Items                          Amount
//	front-end      one per waterfall step         the step's discount (a floor step is negative)
//	               street                         sell − list
//	back-end       rebate, incentive, spif        declared, or rate × buy, or tiered:
//	                                              round(R(prior + buy) − R(prior))
//	offsets        mdf                            declared, or min(approved, round(spend × vendor share))
//	               offset                         declared value (training, certification, NFR licences)
//	services       services                       round(sell × attach ratio × services margin)
//	cost-to-serve  marketing                      −spend on each funded activity
//	               cost                           −(declared, or rate × sell)
//
// The front-end items sum to sell − buy, the front-end margin. An MDF
// line and its marketing line together are the reimbursement net of the
// partner's co-pay. For a SaaS pass-through the front-end is zero and the
// services are all of the profit: "the razor and the blades".
// [EarningFromIncentive] turns a line of an evaluated incentive plan into
// an earning that keeps the plan, component and trace.
//
// A tiered earning ([TieredSpec]) is a volume rebate: a tier schedule of
// package tier (all-units or incremental) on the partner's purchases in
// the period, the prior purchases plus this deal's buy price; the deal
// earns what it adds to the period's rebate, R(prior + buy) − R(prior)
// (running attainment), and its line carries a [TierTrace]: the tier
// reached, its bounds and rate, and the exact payouts.
//
// [Annual] sums a partner's resales and partner-level [Benefit]s into a
// [PartnerPnL] with one [LeverShare] per lever. [SubscriptionSpec] →
// [Subscription] → [Subscription.Lifetime] gives a subscription's terms
// and lifetime value. [Sensitivity] changes one [Knob] ([Resale.With]) and
// reports the change in partner profit and vendor cost ([PnL.VendorCost]);
// [BreakEven] finds the least rate of a knob at which the profit reaches a
// target, and [BreakEvenSize] the least deal size (list price), across
// the tier crossings and all-units cliffs of tiered earnings
// ([Crossing]). [Compare] sets two programmes side by side for one partner
// ([Versus]); [Survey] views the programme across partners ([View]),
// listing every partner short of a threshold with the lever that explains
// it ([Loss]).
//
// # Formulas
//
// With price P and cost C:
//
//	margin   m = (P − C) / P                    Margin
//	markup   u = (P − C) / C                    Markup
//	         u = m / (1 − m),  m = u / (1 + u)  MarkupOfMargin, MarginOfMarkup (exact, round-trip)
//	gross-up P = x / (1 − c), never x · (1 + c) GrossUp (also the price for margin c on cost x)
//	cost-plus P = C · (1 + u), then guards      CostPlus (MarginGuards: min, max)
//	stacked margins   additive    P = C / (1 − Σ m_i)   StackMargins
//	                  compounding P = C / Π (1 − m_i)
//	stacked markups   additive    P = C · (1 + Σ u_i)   StackMarkups
//	                  compounding P = C · Π (1 + u_i)
//	lever share       s_l = lever_l / profit, Σ s_l = 1   Annual
//	subscription      R_t = R · ((1 − churn)(1 + expansion))^t
//	                  LTV = Σ π_t / (1 + discount rate)^t   Subscription.Lifetime
//
// # Rounding
//
// Margins, markups and shares are exact ratios (capacity.Ratio): never
// rounded by the package; round one once with its Round method. A price
// (GrossUp, CostPlus, StackMargins, StackMarkups) is rounded once, from
// the exact value, to the currency's minor unit with the caller's mode
// (money.Div for quotients); CostPlus's guard prices are rounded up
// (minimum margin) or down (maximum margin) so that the guard holds. In a
// resale, pricing rounds the buy price with the policy's mode; every line
// computed from a rate (street price, earnings, co-op share, services,
// costs) is rounded once to the minor unit with the resale's mode; declared
// amounts must already be whole minor units. So every line is whole minor
// units and the lines sum exactly to the profit; nothing is rounded
// again in Annual, Compare or Survey. A subscription is computed in exact
// rationals (discount factors have no finite decimal form); each total is
// rounded once, and each term is the difference of consecutive rounded
// cumulative totals, so the terms sum exactly to the totals. A break-even
// is exact where the profit is linear in the knob (an [Exact] solution,
// rounded once to [BreakEvenPlaces] on the side that reaches the target) and
// bracketed by bisection to a declared precision elsewhere ([Bisection]);
// the [Solution] says which. A deal size is always bracketed by
// bisection, in whole minor units, after the list prices at which a tiered
// earning changes tier have been found exactly ([SizeSolution]). A tiered
// line is rounded once, from the exact difference of the schedule's
// payouts.
//
// # Errors
//
// Bad inputs return an [*InputError] whose Path is a JSON Pointer (RFC
// 6901) into the input's JSON form, also for values built in Go: a
// resale's members ("/list", "/discounts/1/rate", "/pricing/floor/rate",
// "/earnings/0/kind", "/earnings/1/tiered/prior",
// "/earnings/1/tiered/schedule/tiers/2/rate", "/mdf/0/vendor_share",
// "/services/attach_ratio"), a subscription's ("/churn"), and a
// function's arguments named as members ("/price", "/cost", "/fee",
// "/guards/min", "/margins/1", "/resales/3", "/benefits/0/amount",
// "/knob", "/name", "/profit", "/lo", "/hi", "/precision",
// "/theirs/partner", "/partners/2", "/threshold"). FieldPath returns the
// path. Errors unwrap to a sentinel — [ErrMissing], [ErrInvalid],
// [ErrConflict], [ErrDuplicate], [ErrCurrency], [ErrPricing],
// [ErrSchedule], [ErrRange], [ErrNoSolution] — and to their cause (a
// pricing sentinel such as pricing.ErrStack, a tier sentinel such as
// tier.ErrRate, money.ErrCurrencyMismatch, a strictjson sentinel).
// Validations report every problem at once with errors.Join (at most 16).
// Currencies are never mixed: every amount of a resale is in its list
// price's currency, and Annual, Compare and Survey refuse another. An
// unknown enumeration name is an [*EnumError] listing the valid names.
// The package never panics on input data; only MustParseResale and
// MustParseSubscription do, for literals.
//
// # JSON
//
// [ParseResale] and [ParseSubscription] decode strictly (unknown, duplicate
// or case-variant members, null and JSON numbers are errors; at most
// [MaxResaleBytes] bytes, [MaxResaleDepth] levels, [MaxEntries] entries per
// list); members are snake_case, amounts and rates strings ("500.00 USD",
// "2.5%"). Members that move money are required: an absent one is an
// error, not zero. A tiered earning's schedule is a tier schedule
// document, read as tier.ParseSchedule reads it (its rates carry their
// unit, "2%"; every member its mode uses is required), its errors placed
// under the earning ("/earnings/1/tiered/schedule/tiers/0/rate"). Resale
// and Subscription marshal back to the same form.
//
// # Concurrency
//
// All types are immutable values (slices handed in are copied, slices
// handed out are copies) and all functions are pure: safe for concurrent
// use. Results never depend on input order or map iteration order.
package margin
