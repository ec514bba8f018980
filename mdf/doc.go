// Package mdf is partnerecon's market development funds and co-op: funds
// whose balances can never turn negative unnoticed, the request → claim
// lifecycle as pure transitions with explicit time, proof of performance
// declared as data, the returns of funded campaigns, marketing
// segmentation of partners, and the check that promotional allowances are
// offered on proportionally equal terms.
//
// # Model
//
// A [Fund] is an immutable value built by [NewFund] from a [FundSpec]: a
// discretionary fund grows by [Fund.Allot], a co-op fund by [Fund.Accrue]
// on the partner's eligible purchases. Every operation returns a new Fund
// or a typed error and leaves its receiver unchanged: [Fund.Reduce] (a
// negative adjustment), [Fund.Expire], [Fund.Cancel], [Transfer] and
// [Rollover] between funds (funds of two currencies only with a
// caller-given [Conversion]), and [SplitBudget], which allots a budget
// across funds with money.Allocate. Operations are dated and may not be
// dated before the fund's last one.
//
// A [Request] is built by [NewRequest] and advanced by [Request.Apply],
// which returns the new request and the new fund together. Its states and
// events:
//
//	requested      pre-approve → pre-approved; deny → denied; cancel → cancelled
//	pre-approved   complete-activity → activity-done; extend; lapse → lapsed; cancel
//	activity-done  claim → claimed; extend; lapse → lapsed; cancel
//	claimed        approve-claim → claim-approved; deny-claim → claim-denied; cancel
//	claim-approved pay → claim-approved, or paid once the approved amount is paid
//
// A [Programme] (compiled from a [ProgrammeSpec] by [NewProgramme] or
// [ParseProgramme]) gives the claim window (claims are due before the
// activity's end + the window + the extensions granted), the number and
// length of extensions, and per activity type the vendor's share of the
// cost and the evidence a claim needs. [CheckProof] lists every gap of a
// proof at once; [LeadTouches] turns the leads captured as proof into
// attributable touches and [LeadJourneys] groups them by lead, with the
// host's [LeadConversion]s, into journeys for package mdf/attribution
// (the activity type, campaign or partner as the channel);
// [DuplicateClaims] finds an invoice claimed under
// two requests (a second claim on one request fails with
// ErrDuplicateClaim).
//
// [Measure] totals [Campaign]s grouped by partner, activity type,
// campaign or any dimension of the caller's. [Segmentation.Classify] puts
// partners in a [Segment] from declared thresholds, with the tests that
// decided it. [CheckAllowances] reports every partner offered a lower
// allowance rate than a competitor in its market.
//
// A [DecisionJournal] keeps the decisions on requests (pre-approvals,
// denials, claims, claim approvals, payments, cancellations, lapses) in a
// tamper-evident hash chain: the host records each event with
// [DecisionJournal.Record] after [Request.Apply], stores the journal, and
// [ParseDecisionJournal] fails with ErrTampered naming the first record
// that was edited, or after which one was removed, inserted or reordered.
//
// # Formulas
//
// Balance identity, after every operation and every event:
//
//	available = allocated − (paid + approved + pending),  every term ≥ 0
//
// A request holds its amount as pending while requested, the pre-approved
// amount as approved until its claim is decided, then the approved claim
// less what is paid as approved and what is paid as paid; denied,
// cancelled and lapsed requests and denied claims hold nothing — their
// amount is available again. Only a new request asks for more than is
// available (refused with an *InsufficientError); every later event
// moves money between balances or back to available.
//
// Co-op accrual on cumulative eligible purchases P:
//
//	accrued = min(cap, round(rate × P))
//
// and each call's accrual is the difference of consecutive totals, so
// accruals sum exactly to the total and never pass the cap.
//
// Reimbursement of a claim (co-pay is the partner's share of the cost):
//
//	reimbursable = min(pre-approved, round(claimed cost × vendor share))
//
// and the approved claim is reimbursable or, with a [DecisionReason],
// less. Returns (see [Returns]):
//
//	ROI = (revenue − spend) / spend        revenue per unit spent = revenue / spend
//	cost per lead = spend / leads          cost per opportunity = spend / opportunities
//	pipeline per unit spent = pipeline / spend    utilisation = spend / allocated
//
// A zero denominator gives a [Figure] with a status saying so (NoSpend,
// NoLeads, NoOpportunities, NoAllocation) and a zero value, never a
// division.
//
// # Rounding
//
// Fund amounts are whole minor units of the fund's currency (an amount
// with more places is refused). A co-op accrual and a claim's vendor share
// are rounded once, with the co-op terms' and the programme's rounding
// modes, to the currency's minor unit. A conversion between funds is
// rounded once to the target's minor unit with the Conversion's mode.
// Ratios of [Returns] are money.Div to [FigurePlaces] (6) places, costs
// per lead and opportunity to the currency's minor unit, both with
// [FigureRounding] (half-even), once from exact totals. Allowance rates
// and segmentation thresholds are compared exactly.
//
// # Errors
//
// Every error matches a sentinel (ErrMissing, ErrInsufficient,
// ErrTransition, ErrDeadline, ErrDuplicateClaim, ErrProof, …) with
// errors.Is and is typed: an *InputError (Path, Value, Err), an
// *InsufficientError (what was asked for, what the balance holds), a
// *TransitionError (operation, state, reason), a *ProofError (every
// gap), an *EnumError for an unknown name. Each has a FieldPath method
// returning the JSON Pointer of the member at fault: a specification
// member ("/coop/rate", "/activities/1/evidence/0/min"), an event member
// ("/amount", "/reason", "/claim/proof/3/amount"), or a function argument
// named as a member ("/campaigns/2/spend", "/partners/0/revenue",
// "/allowances/4/rate", "/shares/1/weight", "/touches/2/lead_id",
// "/conversions/0/at", "/to", "/conversion/rate",
// "/at" for a time out of order or past a deadline, "/kind" for an event
// the state does not accept). Documents (ParseProgramme,
// ParseSegmentation) are strict JSON limited to [MaxDocumentBytes] and
// [MaxDocumentDepth].
//
// # Concurrency
//
// Every type is an immutable value and every function is pure (time is
// always a parameter): safe for concurrent use.
package mdf
