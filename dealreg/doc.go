// Package dealreg is partnerecon's deal-registration engine: the
// registration lifecycle, the programme policy as data, conflict detection
// and resolution, selective routing of vendor-passed leads, and programme
// metrics. The price waterfall and the protection check that catches
// special pricing undercutting a registered partner live in package
// pricing; a policy's protection part compiles into a pricing.Protection.
//
// Deal registration has two goals: early visibility of deals for the
// vendor, and protection of the partner's investment — the registered
// partner gets an extra discount over other partners competing for the
// same deal. Special pricing granted elsewhere in the organisation often
// gives a non-registered partner a bigger discount and nullifies the
// registration. This package and package pricing make the protection
// checkable.
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
// may offer. Protection runs from approval for the policy's window (plus
// granted extensions) and ends at ExpiresAt exclusive:
// [Registration.Protected] is true at ExpiresAt − 1ns and false at
// ExpiresAt, whether or not the Expire event has been recorded; from
// ExpiresAt on an approved registration accepts only Expire. The recorded
// timestamps are a complete history: [Registration.StateAt], Protected and
// Open answer for any past instant too. After approval an update may
// narrow the product lines but not widen them (protection covers what the
// vendor approved).
//
// A registration's fields are read through accessors; none is writable
// from outside, so its state changes only through Apply. A host stores
// [Registration.Record] (a [RegistrationRecord], with a snake_case JSON
// form) and restores it with [RestoreRegistration], which checks that the
// record is one Apply could have produced: the timestamps its state
// implies and no others, in order, and ExpiresAt = DecidedAt + window +
// extensions × extension length.
//
// An [EventJournal] keeps the events applied to registrations (approvals,
// rejections, extensions, outcomes) in a tamper-evident hash chain: the
// host records each event with [EventJournal.Record] after
// [Registration.Apply], stores the journal, and [ParseEventJournal] fails
// with ErrTampered naming the first record that was edited, or after
// which one was removed, inserted or reordered.
//
// # Policy
//
// A programme is a [PolicySpec] (the open form, and the form of its JSON
// document) compiled once into a [Policy] by [NewPolicy], or decoded and
// compiled by [ParsePolicy] (via strictjson: unknown or case-variant
// duplicate members, null, JSON numbers for rates and amounts, more than
// [MaxPolicyBytes] or nesting deeper than [MaxPolicyDepth] are rejected).
// Every problem is reported at once as errors.Join of *[FieldError]s. The
// functions that take a Policy then do not check it again. JSON members
// are snake_case ("approval_sla", "conflict_rule"), durations are "90d" or
// Go durations, rates and amounts are strings ("15%", "10000.00 USD").
//
// The members fall into parts ([PolicyPart]): the lifecycle (window,
// extensions, approval_sla, tiers, requirements; min_deal_size and
// eligibility optional), conflicts (conflict_rule, secondary_share and the
// exclusions), protection (registration_discount,
// vendor_leads_registrable, min_advantage, pricing) and leads. A policy
// carries only the parts it uses — a deal desk that only checks protection
// writes no lifecycle members — but a part it carries must be complete:
// every member that moves money or time is required, so none is ever a
// silent zero. A function that needs a part the policy lacks fails with a
// *[FieldError] matching [ErrPolicyPart] ([Policy.Has] tells in advance).
// Required deal fields depend on the stage ([Policy.RequiredAt]):
// requirements accumulate from the stage they name, so SKU detail can be
// asked for only at [Commit], when the price is being guaranteed.
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
// [ConflictRule], ties by registration ID, each with its
// [ResolutionReason].
//
// Fuzzy matching: a policy's Matching ([MatchSpec]) may ask for fuzzy
// matching instead of exact keys. A customer is then compared on its
// ISO 3166-1 country ([NormaliseCountry]: alpha-2, alpha-3 or English
// name, from a generated table), its name variants ([NameVariants]: legal
// forms, punctuation and geographic qualifiers removed, Unicode folded
// and transliterated, "Müller" as "muller" and "mueller") and its
// registrable domain ([RegistrableDomain], by the public-suffix list);
// [Policy.MatchCustomers] scores a pair exactly (Jaro-Winkler on tokens,
// in rational arithmetic) against the policy's threshold and lists the
// [Signal]s found. Under fuzzy matching [Policy.CheckDeal] and Submit
// refuse a country NormaliseCountry does not know ("/customer/country",
// naming the nearest country); one carried by an older or restored
// registration counts as not given. [NewMatchIndex] finds fuzzy conflicts
// through blocking keys, each [Conflict] carrying its Score and Signals,
// and [Resolve] matches the [Exclusions] the same way. The policy's
// OnApprovedConflict ([ConflictAction]) makes [Registration.Apply] refuse,
// approve as secondary ([Registration.SecondaryTo]) or hold for review an
// approval that conflicts with an approved, still-protected registration
// the host passes in [Event].Conflicting (*[ConflictError]).
//
// Leads: [Route] sends a vendor-passed lead only to new partners (to ramp
// them) and high performers (as a reward), by segment, capability and
// capacity, ties by partner ID. [LeadRecord] tracks assigned, accepted,
// rejected and silent (after the acceptance SLA), reassignment and time to
// engage; [NewFromLead] lets the accepting partner register the lead,
// keeping the lead's ID and source for measuring the lead programme.
//
// Protection: [Policy.Protection] returns the protection part compiled
// into a pricing.Protection (minimum advantage and pricing policy): its
// Check prices the owner's and the competitors' bids as waterfalls and
// checks net(owner) ≤ min competitor net − M, says whether the
// competitors' special pricing caused a violation and solves for the
// special-pricing discount that restores it; its CheckProgramme counts how
// often special pricing nullified registration across deals. The
// registration discount a bid carries is dealreg's:
// [Registration.DiscountRate], reduced for a secondary registration by
// [Resolution].Discount.
// [ComputeMetrics] and [ComputeLeadStats] report the programme.
//
// # Rounding
//
// Ratios of counts are money.Div to [RatioPlaces] (4) places, half-even.
// A secondary registration's discount, Registration.DiscountRate ×
// SecondaryShare, is exact. Quotes and the protection check round as
// package pricing documents.
//
// # Errors
//
// Every error matches an exported sentinel with errors.Is ([ErrTransition],
// [ErrMissingField], [ErrPolicyPart], [ErrDuplicateID], …) and the typed
// errors (*[TransitionError], *[FieldError], *[EligibilityError],
// *[LeadError], *[DuplicateIDError], *[EnumError]) carry the details for
// errors.As. Messages start with "dealreg: ". The members of a policy's
// protection rule, "/min_advantage" and "/pricing/…", are checked by
// package pricing and reported as its *pricing.PolicyError (matching
// pricing.ErrMissing, pricing.ErrInvalid or pricing.ErrEnum) at the same
// JSON Pointers, with the same FieldPath method.
//
// A *FieldError names the offending member by a JSON Pointer (RFC 6901)
// into the JSON form of the value checked, also when the value was built
// in Go: "/extensions/max" in a policy, "/customer/name" or
// "/skus/2/quantity" in a deal, "/decided_at" in a registration record,
// "/registrations/3/id" or "/outcomes/0/list" in a list argument. Its
// message reads
//
//	dealreg: /path = "value": reason
//
// and its FieldPath method (also on *DuplicateIDError and
// *EligibilityError) lets a host map any
// error to a form field with errors.As(err, &interface{ FieldPath() string }).
// Machine-readable reasons are enumerations: [ResolutionReason] (whose
// String is the sentence a report shows) and [EligibilityReason]. An
// unknown enumeration name is an *EnumError listing the valid names and
// the nearest one. The package never panics on input data; only
// MustNewPolicy and MustParsePolicy, meant for literals, panic.
//
// # Concurrency
//
// All types are values and all functions are pure, with time passed in
// explicitly: safe for concurrent use without synchronisation.
package dealreg
