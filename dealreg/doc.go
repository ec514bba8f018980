// Package dealreg is partnerecon's deal-registration engine: the
// registration lifecycle, the programme policy as data, conflict detection
// and resolution, selective routing of vendor-passed leads, the price
// waterfall with named discount-stacking policies, the protection check
// that catches special pricing undercutting a registered partner, and
// programme metrics.
//
// Deal registration has two goals: early visibility of deals for the
// vendor, and protection of the partner's investment — the registered
// partner gets an extra discount over other partners competing for the
// same deal. Special pricing granted elsewhere in the organisation often
// gives a non-registered partner a bigger discount and nullifies the
// registration. This package makes the protection checkable.
//
// # Model
//
// [Registration] is an immutable value. [Registration.Apply] takes an
// [Event], the time and the [Policy] explicitly and returns the new value:
//
//	draft → submitted → under-review → approved | rejected(reason)
//	approved → won | lost | expired, with extension requests; withdraw from any open state
//
// An illegal event is a *[TransitionError] and the registration is
// returned unchanged. [Registration.AllowedEvents] lists the events a UI
// may offer. Protection runs from approval for Policy.Window (plus granted
// extensions) and ends at ExpiresAt exclusive: [Registration.Protected] is
// true at ExpiresAt − 1ns and false at ExpiresAt, whether or not the
// Expire event has been recorded; from ExpiresAt on an approved
// registration accepts only Expire. The recorded timestamps are a complete
// history: [Registration.StateAt], Protected and Open answer for any past
// instant too. After approval an update may narrow the product lines but
// not widen them (protection covers what the vendor approved).
//
// [Policy] is data, read strictly from JSON by [ParsePolicy] (via
// strictjson; every member that moves money or time is required, so none
// is ever a silent zero) and checked by [Policy.Validate], which reports
// every problem at once as errors.Join of *[FieldError]s naming JSON
// Pointers. Each function that takes a Policy checks the part it uses.
// Required deal fields depend on the stage ([Policy.RequiredAt]):
// requirements accumulate from the stage they name, so SKU detail can be
// asked for only at StageCommit, when the price is being guaranteed.
//
// Conflicts: [NormaliseCustomer] reduces a customer to a [CustomerKey]
// (name without case, accents, punctuation or legal-form suffixes; domain
// without scheme or "www."; country). A registration claims its deal from
// submission until it is rejected, withdrawn, won, lost or its protection
// expires; two registrations of the same customer with a common product
// line conflict when their claims overlap in time — one was submitted
// while the other held its claim, typically inside its protection window
// ([Conflict] says from when until when). [NewIndex] hashes the claims
// begun by an instant by customer key, so [Index.Conflicts] and
// [Index.ConflictsWith] are linear plus the pairs within a key. [Resolve]
// assigns owner, secondary (with a reduced share of the registration
// discount; also to a deal another partner has already won) or excluded
// (direct sales active, existing customer) under the declared
// [ConflictRule], ties by registration ID.
//
// Leads: [Route] sends a vendor-passed lead only to new partners (to ramp
// them) and high performers (as a reward), by segment, capability and
// capacity, ties by partner ID. [LeadRecord] tracks assigned, accepted,
// rejected and silent (after the acceptance SLA), reassignment and time to
// engage; [NewFromLead] lets the accepting partner register the lead,
// keeping the lead's ID and source for measuring the lead programme.
//
// Pricing: [PricingPolicy.Quote] runs the waterfall list → tier →
// registration → special pricing → promotion under a [Stacking] policy
// (additive, compounding, priority, best-of, capped sum) with a floor
// ([FloorError] by default, or [FloorClamp]) and returns every step.
// [CheckProtection] checks net(owner) ≤ min competitor net − M, says
// whether the competitors' special pricing caused a violation, and solves
// for the special-pricing discount that restores it; [CheckProgramme]
// counts how often special pricing nullified registration across deals.
// [ComputeMetrics] and [ComputeLeadStats] report the programme.
//
// # Rounding
//
// A quote is exact until its final net, which is rounded once to the
// currency's minor unit with PricingPolicy.Rounding. Each step's running
// net is rounded once from its exact value and each step's amount is the
// difference of consecutive rounded nets, so the amounts sum exactly to
// list − net (the rounding difference lands where it arises, never lost).
// The floor is judged on the net charged (the rounded net) against the
// exact floor, and a clamped net is rounded up (money.Ceiling), so the
// price never falls below the floor, not even by a fraction of a minor
// unit. A restoring special discount is money.Div to [RestorePlaces]
// (6) places rounded up, so it is always sufficient. Ratios of counts are
// money.Div to [RatioPlaces] (4) places, half-even. Floors and the
// protection invariant compare values, never rounded copies of
// thresholds.
//
// # Errors
//
// Every error matches an exported sentinel with errors.Is ([ErrTransition],
// [ErrMissingField], [ErrStack], [ErrFloor], …) and the typed errors
// (*[TransitionError], *[FieldError], *[EligibilityError], *[StackError],
// *[BelowFloorError], *[BidError], *[LeadError], *[DuplicateIDError],
// *[EnumError])
// carry the details for errors.As. Messages start with "dealreg: ". The
// package never panics on input data; only MustParsePolicy, meant for
// literals, panics.
//
// # Concurrency
//
// All types are values and all functions are pure, with time passed in
// explicitly: safe for concurrent use without synchronisation.
package dealreg
