// Package pricing is partnerecon's price waterfall: discounts of named
// kinds stacked under a declared policy, a floor under the net, one
// rounding, and every step of the way from list to net. On top of it sits
// the registration-protection check: the partner that registered a deal
// keeps a minimum price advantage over every competing partner, even after
// special pricing is stacked.
//
// Deal registration uses it to check protection; a partner-margin
// calculation uses it for the partner's buy price (list, then tier
// discount, registration discount and special pricing).
//
// # Model
//
// A [PolicySpec] is the open, JSON form of a policy; [NewPolicy] (or
// [ParsePolicy] for a document) validates it once into an opaque
// [Policy], which then prices any number of quotes without checking
// itself again. [Policy.Quote] takes a list price and [Discount]s and
// returns a [Quote] with one [Step] per discount. Discounts are put in
// waterfall order whatever the input order: by [DiscountKind] (tier →
// registration → special pricing → promotion), then by name.
//
// With list L and discount rates d_i in waterfall order, the stacking
// policies are:
//
//	Stacking      net                          other names
//	additive      L·(1 − Σ d_i), Σ d_i ≤ 1     "sum of discounts", "off list"
//	compounding   L·Π(1 − d_i)                 "cascading", "chained", "multiplicative"
//	priority      L·(1 − d_k)                  "exclusive": the non-zero discount whose kind
//	                                           comes first in the priority order (largest of that kind)
//	best-of       L·(1 − max d_i)              "best price", "non-stackable"
//	capped-sum    L·(1 − min(Σ d_i, cap))      "capped stack": the discount that crosses the
//	                                           cap is cut to fit, later ones drop
//
// Every rate is in [0, 1]; a net is never negative.
//
// # Floors
//
// A floor is a lower bound on the net. The zero [FloorSpec] — an absent
// "floor" member — means no floor, as the kind "none" does. A
// share-of-list floor requires net ≥ L·rate; a margin floor requires the
// vendor's margin over cost to be at least rate, net·(1 − rate) ≥ cost.
// Only a margin floor needs the cost: [Policy.Quote] works without one
// and fails with ErrMissing at "/cost" under a margin floor, and
// [Policy.QuoteWithCost] passes it ([Policy.NeedsCost] tells which).
// Below the floor, the action "error" fails with a *[BelowFloorError];
// "clamp" raises the net to the floor and adds a final "floor" step with a
// negative amount.
//
// # Rounding
//
// A quote is exact until its net, which is rounded once to the currency's
// minor unit with the policy's rounding mode. Each step's running net is
// rounded once from its exact value, and each step's amount is the
// difference of consecutive rounded nets, so the amounts sum exactly to
// list − net. The floor is judged on the net as charged (rounded) against
// the exact floor, and a clamped net is rounded up (money.Ceiling), so the
// price never falls below the floor by even a fraction of a minor unit.
// A restoring special discount ([Restore]) is divided with money.Div to
// [RestorePlaces] (6) places rounding up, so it always suffices; shares
// of a [ProgrammeReport] are money.Div to [SharePlaces] (4) places,
// half-even. The protection invariant compares exact values, never rounded
// copies of thresholds.
//
// # Protection
//
// A [ProtectionSpec] (minimum advantage M as a share of list, and the
// pricing policy) compiles into a [Protection]. [Protection.Check] takes a
// [Contest] — a deal's list price, optional cost, the registered owner's
// [Bid] and the competitors' bids — and checks
//
//	net(owner) ≤ min over competitors net − L·M.
//
// When violated it reports by how much, whether the competitors' special
// pricing caused it (without their special-pricing discounts the invariant
// would hold), and solves for the owner special-pricing rate that restores
// it, or says with a [RestoreReason] why none can. The registration
// discount travels in the bids: the owner's bid carries it, a secondary
// registrant's bid may carry its reduced share. [Protection.CheckProgramme]
// runs the check across deals and counts how often special pricing
// nullified registration.
//
// # Errors
//
// Every error matches a sentinel with errors.Is ([ErrMissing],
// [ErrInvalid], [ErrEnum], [ErrStack], [ErrDuplicate], [ErrCurrency],
// [ErrFloor]). Field errors — *[PolicyError] for specifications and
// documents, *[InputError] for quote inputs and contests — carry Path, the
// JSON Pointer of the value in the JSON form ("/floor/rate",
// "/pricing/cap", "/competitors/1/discounts/0/rate"), also for values
// built in Go, and a FieldPath method, so a host maps any of them to a form
// field. Unknown enumeration names are *[EnumError] with the valid names
// and the nearest one. Messages start with "pricing: ". The package never
// panics on input data; only MustParsePolicy and MustParseProtection,
// meant for literals, panic.
//
// # Concurrency
//
// Policies, protections, quotes and reports are immutable values and every
// function is pure: safe for concurrent use without synchronisation.
package pricing
