// Package incentive is the payout engine of a channel programme: rebates,
// SPIFs, growth and performance bonuses for partner companies and their
// individual reps, defined as data, evaluated exactly, explained line by
// line, accrued, settled, trued up and clawed back. Finance teams embed it
// in billing jobs; a PRM stores its plans as JSON.
//
// # Model
//
// A Plan (validated once by NewPlan or ParsePlan, then evaluated many
// times) has components. Each ComponentSpec is effective-dated and
// versioned and says
//
//   - who is eligible: partner tier, certifications, sales inside the
//     authorised territory, territory, product category, customer segment,
//     sales motion (new, renewal, expansion), billing (recurring,
//     one-time), qualifying event names;
//   - what is measured per recipient and period (MeasureKind): revenue,
//     units, recurring revenue, growth over a baseline as an amount or a
//     percentage, or a count of qualifying transactions (EventCount: a
//     qualifying event, Kind QualifyingEvent, counts only there, never
//     towards a revenue or units measure);
//   - the schedule that turns the measure into a payout: a tier.Spec (all
//     modes of package tier, with their explicit boundary conventions);
//   - modifiers: an accelerator above quota, multipliers chosen by a
//     recipient metric such as customer satisfaction, and gates that hold
//     the line back (it pays 0, after floor and cap, the trace keeping the
//     figure and the reason) unless a recipient metric reaches a minimum
//     (certified, registrations) or the measure reaches a share of quota
//     (x ≥ attainment × quota, compared exactly);
//   - a floor and a cap per line; a budget per period of its own (a SPIF's
//     funding, BudgetSpec) with a declared exhaustion rule: pro-rata by
//     largest remainder, or first come by transaction date, then ID;
//     and, plan-wide, a cap per recipient and a budget per period;
//   - the recipient: the partner company or the individual rep.
//
// Nothing that moves money has a default. In a plan document every member
// a payout reads must be written, zero included: places and rounding, each
// tier's from and its rate, price or amount, the threshold, step and
// rate_places where the schedule's mode uses them, each band's from and
// factor; an absent one is an error at its JSON Pointer. Rates carry their
// unit ("2.5%", "250bp"; only "0" may be bare): a bare "1" would be 100 %,
// so it is rejected with a hint (did you mean "1%"?), and a rate above
// 100 % needs "rates_above_100_percent": true on the component's schedule,
// which every trace of that component then states. In Go, a Spec states
// every value (there is no absence), and a rate carries its unit through
// its constructor: money.RateFromPercent, RateFromBasisPoints or
// RateFromFraction. Plan.MarshalJSON writes rates as percentages.
//
// Transactions (sales, credit notes and returns as negative amounts,
// qualifying events) stream through an Accumulator, or Evaluate, as an
// iter.Seq. Every transaction has a date (the zero time is a data error,
// never "outside the period"), and a sale a positive amount (a missing or
// zero amount is a data error at "/amount"). Otherwise a transaction
// carries only what the plan reads: Motion is
// required only when a component filters on motions, Billing only when one
// filters on billing or measures recurring revenue, RepID only when a rep
// component counts the transaction. Memory is bounded by the number of recipients, not
// transactions (a first-come budget also keeps the claims that can still
// reach it: those up to the one that spends it, plus a bounded batch),
// and partial results merge exactly (Accumulator.Merge, Partial as JSON,
// first-come claims included), so a host can shard by partner across
// goroutines or machines. Result holds one Line per recipient × component version
// (Result.Line finds one), each with a Trace that serialises to JSON and
// renders as one English sentence.
//
// A Ledger (immutable, append-only) books accruals (EstimateActuals, or
// EstimateForecast: accrue at the tier the forecast reaches), settlements
// (pay the entitlement minus what was settled, as deltas tagged with the
// period they correct; closed runs are never edited) and clawbacks of
// returns after settlement (at the rate the schedule earned, after
// modifiers and before floor and cap, limited to what was paid on that
// earning; growth components at the payout earned per unit of growth).
// Every entry records the hash of the plan that produced it, so a stored
// ledger replays as of its plan versions. The ledger is tamper-evident:
// each run is sealed in a hash chain (Ledger.Seals, Ledger.Head) over its
// content and the previous run's hash, and ParseLedger fails with
// ErrTampered naming the first run that was edited, or after which a run
// was removed, inserted or reordered. Its document is format 2
// (LedgerFormat); format 1 (before chaining) is still read.
//
// The ledger also books draws (Draw, from ParseDraw: a guaranteed payment
// per period to one recipient). Ledger.Draw tops the window's settled
// earnings E up to the draw D (drawn max(D − E, 0)); a recoverable draw
// carries what was drawn as a balance recovered from earnings above the
// draw, at most its recovery cap a period, and forgiven on termination
// (Ledger.EndDraw); a non-recoverable draw is forgiven in the period it is
// paid. Every booking checks the balance identity B₁ = B₀ + P − R − F,
// and ParseLedger checks it again on the stored entries.
//
// Recurring revenue is measured as booked or, by a component's
// ContractValue, per contract of Transaction.TermMonths months: its total,
// annual (A · 12 / T), first-year (A · min(T, 12) / T) or monthly
// (A / T) value, rounded once per contract; renewals and expansion are
// selected by motion. Behaviour programmes (Behaviour, from
// ParseBehaviour) pay money or points for qualifying events, with caps per
// recipient per UTC day, ISO week or period counted in order of date then
// ID, and points worth a declared point value.
//
// SplitLine splits a period line into transaction lines for statement
// detail, line_k = R(c_k) − R(c_{k−1}) over the cumulative measure in
// date-then-ID order, returns reversing in proportion, so that they sum
// exactly to the line. Repeated transaction IDs are not detected by
// default (nothing is kept per transaction); Accumulator.AddUnique detects
// them through an IDSet the caller provides (MemoryIDs in memory, or the
// host's own store to keep memory bounded).
//
// Credit splits: a transaction's Credits credit it to several partners or
// reps, replacing its own recipient of each kind they name. Split credit
// of a kind sums to exactly 100 % and shares the measure by largest
// remainder in minor units of the measure's scale (or of the value's own
// places when finer), ties to the smaller recipient ID, a negative measure
// mirroring a positive one: the parts always sum to the measure. Overlay
// credit (Credit.Overlay) is additive, share × measure rounded half away
// from zero at the same scale, counted only by components with
// ComponentSpec.Overlay, whose traces say so: a transaction's credit may
// add up to more than 100 % by design. A transaction is "paid twice" when
// one recipient holds both split and overlay credit of it (listed in both
// roles, or overlay credit to the transaction's own recipient) while the
// plan has an overlay component of that kind: a *DataError (ErrCredit,
// ErrDuplicate) unless PlanSpec.DoubleCredit allows it. Several
// components counting the same credit (a commission and a SPIF on the same
// revenue) is the plan's design, not double credit. Returns and credit
// notes carry the sale's credits and reverse each part with the same
// shares, in evaluation, Ledger.Clawback and SplitLine alike.
//
// Team components (ComponentSpec.Team) pay a pool or team: the schedule,
// floor and cap apply to the members' summed measure, the award is rounded
// once and shared among the members by the team's rule (Group.Share:
// equal, by contribution, by declared weights; largest remainder, ties by
// recipient), one line per member, every member included; the member
// lines sum exactly to the award and each trace states the rule, the
// member's weight and share. Only members' credit counts.
//
// Weighted multi-measure attainment (ComponentSpec.Attainment): the
// schedule sees A = Σ w_i · min(m_i / q_i, cap_i) in percentage points,
// weights summing to exactly 100 %, m_i a component's period measure or a
// metric fact, q_i a fixed quota or the recipient's quota fact, computed
// exactly and rounded once to GrowthPlaces toward the tier that does not
// pay yet. Pay curves are tier schedules over attainment points:
// thresholds are tier bounds, accelerators higher marginal rates or
// prices above 100, decelerators lower ones beyond a point (incremental
// mode); an accelerator modifier with a factor below 1 decelerates too.
//
// # Evaluation and rounding
//
// For each recipient × component version with at least one eligible
// transaction:
//
//  1. the measure is summed exactly (x; for growth, x = V − B, or
//     (V − B)/B × 100 to GrowthPlaces places, rounded toward the tier that
//     does not pay yet so that the tier reached is exact);
//  2. the schedule pays S(x) exactly (package tier; only a linear
//     schedule rounds, its interpolated rate, as its Spec declares);
//  3. an accelerator pays S(q) + f·(S(x) − S(q)) above quota q; multipliers
//     multiply; all exactly;
//  4. the component floor, then cap, bound the exact figure;
//  5. the line is rounded ONCE, with the plan's RoundingMode to its Places
//     (0 ≤ Places ≤ the currency's digits) — the only rounding step;
//  6. a component version's own budget bounds its rounded lines: ProRata
//     reduces them as step 7 does; FirstCome grants each transaction, in
//     order of date then ID, round(min(C_k, B)) − round(min(C_{k−1}, B))
//     of the cumulative payout C and lowers a line to its recipient's
//     grants (see BudgetSpec); either way the version's lines never sum to
//     more than its budget;
//  7. the plan's per-recipient cap, then its budget, reduce the rounded
//     positive lines of a group that exceeds them by largest remainder in
//     whole units of the last place (ties by recipient, then component
//     ID, then version), so the group sums exactly to the limit rounded
//     down to Places. This
//     step divides but never rounds a fraction: it hands out whole units.
//
// Lines are therefore exact to the last place, sum exactly to every total,
// and never depend on transaction order, map iteration or goroutine
// scheduling: integer and decimal sums commute, and output is sorted by
// recipient ID, recipient kind, component ID and effective date. Ledger
// amounts are differences of rounded lines (no rounding); clawbacks and
// forecast accruals are rounded once with the plan's mode and places.
// Transaction lines (SplitLine) are differences of rounded figures, and
// the reversal of returns is shared in whole units of the last place by
// largest remainder.
//
// # Fast path
//
// The API speaks decimal.Decimal and money.Amount. Inside, each measure
// is an int64 at the measure's scale (the currency's minor unit for money,
// 4 places for units, 0 for events) with overflow-checked accumulation
// (internal/fixed); a value finer than the scale or beyond int64 spills to
// an exact decimal sum beside it. Schedules are evaluated by package
// tier's own int64 form (tier.FixedSchedule.Evaluate: payout, tier and
// rate), modifiers and limits on int64 with the same exactness; any step
// that would overflow, or a measure finer than the compiled scale, is
// redone in decimal (tier.Schedule.Evaluate, decimal arithmetic). The
// all-decimal reference evaluator in the tests (tier.Schedule.Evaluate,
// decimal arithmetic, money.Round) must agree on every line: rapid
// properties and a fuzz target check it. The per-transaction loop
// allocates nothing: a money.Amount of ordinary size is read in its int64
// form (money.Amount.ScaledInt64), and recipients are found by ID in an
// open-addressing table that matches IDs of up to 16 bytes inside its
// slots (internal/idindex). A host that adds many transactions for
// the same partners resolves each partner once (Accumulator.Partner gives a
// PartnerHandle; Accumulator.AddFor adds with it, skipping the look-up by
// ID), with results identical to Add. A Line holds no decimal (56 bytes,
// two pointers): its figures are read through methods (Line.Amount,
// Line.Measure), which build their decimals when called, so a Line cannot
// be changed to disagree with its Trace. A line whose component reads no
// facts and that no budget or plan cap reduces after rounding keeps only
// its measure, count and amount: Line.Trace computes its steps again, from
// the same figures, when asked for.
//
// # Documents and limits
//
// Every document the package reads has one entry point of the same shape,
// ParseX(data []byte) (X, error), decoding strictly (unknown fields,
// duplicate or case-variant keys, null and JSON numbers where decimals
// are expected are errors) within documented constant limits:
//
//	ParsePlan     MaxPlanBytes, MaxPlanDepth (and MaxComponents, MaxTiers, …)
//	ParseLedger   MaxLedgerBytes, MaxLedgerDepth
//	ParsePartial  MaxPartialBytes, MaxPartialDepth
//
// The data a host feeds in streams through library decoders:
// ReadTransactionsCSV (header-mapped with the member names of
// Transaction's JSON form, delimiter option) and ReadTransactionsJSONL
// yield an iter.Seq2 of transactions and *LineError values (line, column
// or pointer, value, reason), going on past bad lines up to
// DecodeOptions.MaxErrors and rejecting repeated transaction IDs on
// request; an error of the io.Reader ends them with a *LineError
// matching ErrRead (the input is incomplete: not one more bad line).
// ReadFactsCSV and ReadFactsJSONL read recipient facts. A UTF-8
// byte-order mark at the start is skipped. The CSV readers work on bytes
// (columns resolved once, dates and currencies cached), a record longer
// than MaxLineBytes is a LineError (read past to its end, quoted fields
// included, without being held), and every ID (id, partner_id, rep_id,
// corrects, a fact's recipient) is checked like an ID in a plan, and each
// value a plan's eligibility list is compared with (partner_tier,
// certifications, territory, category, segment, event) likewise but for
// the length: at most MaxIDLen bytes (IDs), no control, invalid or
// bidi-override character, and
// nothing with which it would plainly display like another ID and not be
// it: no invisible character (a zero-width space, a soft hyphen; a
// zero-width (non-)joiner only inside a word of a script it changes), no
// space other than U+0020, no white space at either end (CSV cells, and
// the elements of a CSV list, are trimmed first; a JSON string is not),
// and Unicode normal form C.
//
// Accumulator.AddCSV reads a CSV document straight into an accumulator:
// the same result as ReadTransactionsCSV followed by Add of every
// transaction dated in the period, yielding the other lines (errors,
// lines Add refuses, lines outside the period or correcting one), and
// faster, for a usual line is added without being built as a
// Transaction. AddOptions report what it adds (control totals, each
// line's ID). Accumulator.AddCSVBytes does the same on a document held in
// memory, read in place.
//
// Limits are checked before the work they bound: ParsePlan rejects a list
// longer than MaxSetEntries while walking the document, before decoding
// it; NewPlan counts every list before copying anything; ParseLedger is
// linear in runs and entries; and every evaluation (Accumulator.Add,
// Result, Evaluate, Ledger.Clawback, EstimateForecast) rejects an amount,
// units or fact outside the money operating range (an exponent beyond
// ±money.MaxExponent) as a *DataError naming the transaction or recipient
// and matching ErrData and money.ErrRange, before computing with it.
//
// Plan, Ledger and Partial marshal to those documents and unmarshal
// through the same entry points, so they round-trip. JSON keys are
// snake_case; decimals are strings. MustParsePlan is for literals in
// tests and examples.
//
// # Errors
//
// Errors that name a field carry its JSON Pointer (RFC 6901) into the JSON
// form of the input, also for values built in Go, and have a FieldPath
// method, so a host maps any of them to a form field with
// errors.As(err, &interface{ FieldPath() string }):
//
//   - NewPlan and ParsePlan report every problem at once (errors.Join) as
//     *PlanError values naming the field of the plan
//     ("/components/1/schedule/tiers/2/rate") and matching ErrInvalid,
//     ErrEnum, ErrTooMany (more than MaxComponents, MaxTiers, …),
//     ErrDuplicate or ErrSchedule (which also matches package tier's
//     sentinels). Document errors — unknown fields, duplicate or
//     case-variant keys, null, JSON numbers for money, rates without a
//     unit (strictjson.ErrRateUnit), oversize documents, excessive
//     nesting — are *strictjson.Error values with the pointer.
//   - Evaluating a valid plan fails only on bad data: a *DataError naming
//     the transaction ID and the field of its JSON form ("/amount",
//     "/motion"), or the recipient and the missing fact in the JSON form of
//     RecipientFacts ("/baselines/volume"), matching ErrData, ErrCurrency or
//     ErrMissingFact. Result reports the missing facts of every recipient
//     at once (errors.Join, in line order), not only the first.
//   - Accumulator.AddPartial and ParseLedger report a *DataError at the
//     field of the partial ("/measures/3", matching ErrMismatch) or of the
//     ledger document ("/runs/2/entries/0/amount", matching ErrInvalid;
//     "/runs/2", matching ErrTampered, for a run that does not verify).
//   - Accumulator.AddUnique reports a repeated transaction ID as a
//     *DataError at "/id" matching ErrDuplicate.
//
// Messages read "incentive: /path = "value": reason", with the
// transaction or recipient first for data. Text that names no value of an
// enumeration is an *EnumError (matching ErrEnum) with the kind of value
// ("measure"), the rejected input, the valid names and the nearest one.
// Ledger misuse matches ErrClosed, ErrMismatch or ErrPeriod. The package
// never panics on input data; only the Must functions do.
//
// # Concurrency
//
// Plan, Result, Line, Trace, Partial and Ledger are immutable values, safe
// for concurrent use. An Accumulator is a mutable builder like hash.Hash:
// use one per goroutine and Merge them.
package incentive
