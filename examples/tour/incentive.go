package main

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// incentiveTourPlan is the chapter's plan: a retroactive volume rebate, a
// capped bonus on recurring (cloud) revenue, and a SPIF for reps who
// register leads.
const incentiveTourPlan = `{
 "id": "fy25-partner-rewards", "version": "3", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [
  {"id": "volume-rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [
    {"from": "0", "rate": "1%"}, {"from": "100000", "rate": "2%"}, {"from": "250000", "rate": "3%"}, {"from": "400000", "rate": "3.5%"}]}},
  {"id": "cloud-bonus", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "recurring-revenue",
   "eligibility": {"motions": ["renewal", "expansion"]},
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1.5%"}]},
   "cap": "500"},
  {"id": "lead-spiff", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "events",
   "eligibility": {"events": ["lead-registered"]},
   "schedule": {"mode": "flat-per-tier", "boundary": "lower-inclusive", "tiers": [{"from": "0", "amount": "0"}, {"from": "3", "amount": "150"}]}}
 ]}`

func incentiveTx(id string, month time.Month, day int, partner, amount string, motion incentive.Motion, billing incentive.Billing) incentive.Transaction {
	t := incentive.Transaction{ID: id, Date: time.Date(2025, month, day, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
		PartnerID: partner, Amount: money.MustParse(amount + " USD"), Motion: motion, Billing: billing}
	if t.Amount.Sign() < 0 {
		t.Kind = incentive.Return
	}
	return t
}

// incentiveChapter evaluates a small rebate plan for Q3 2025, prints each
// payout with its trace sentence, then accrues, settles, trues up and
// claws back through a ledger.
func incentiveChapter(w io.Writer) error {
	plan, err := incentive.ParsePlan([]byte(incentiveTourPlan))
	if err != nil {
		return err
	}
	q3 := incentive.NewPeriod("2025-Q3", incentive.MustDate("2025-07-01"), incentive.MustDate("2025-10-01"))
	q3.Label = "Q3 2025"
	txs := []incentive.Transaction{
		incentiveTx("s1", time.July, 4, "acme", "300000.00", incentive.NewBusiness, incentive.OneTime),
		incentiveTx("s2", time.August, 12, "acme", "112000.00", incentive.Renewal, incentive.Recurring),
		incentiveTx("s3", time.August, 20, "bolt", "99999.99", incentive.Expansion, incentive.Recurring),
		incentiveTx("s4", time.September, 2, "bolt", "-5000.00", incentive.Expansion, incentive.Recurring),
	}
	for i := range 4 {
		txs = append(txs, incentive.Transaction{ID: fmt.Sprintf("l%d", i), Date: time.Date(2025, time.July, 10+i, 0, 0, 0, 0, time.UTC),
			Kind: incentive.QualifyingEvent, PartnerID: "acme", RepID: "dana", Event: "lead-registered"})
	}
	res, err := incentive.Evaluate(plan, q3, nil, slices.Values(txs))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   Plan %s v%s (%d components), hash %s…\n", plan.ID(), plan.Version(), len(plan.Spec().Components), plan.Hash()[:12])
	fmt.Fprintln(w, "   Q3 2025 payouts (exact, rounded once per line, half-even to cents):")
	for _, l := range res.Lines {
		fmt.Fprintf(w, "     %-14s %-14s %12s USD\n", l.Recipient(), l.Component(), money.FormatDecimal(l.Amount(), 2))
	}
	fmt.Fprintf(w, "     %-29s %12s USD\n", "total", money.FormatDecimal(res.Total(), 2))
	fmt.Fprintln(w, "   Why (one sentence per line):")
	for _, l := range res.Lines {
		fmt.Fprintf(w, "     - %s/%s: %s\n", l.Recipient(), l.Component(), l.Trace().Sentence())
	}

	// Accrual on a forecast, true-up on actuals, settlement, correction.
	acme := incentive.Recipient{Kind: incentive.RecipientPartner, ID: "acme"}
	july, err := incentive.Evaluate(plan, q3, nil, slices.Values(txs[:1]))
	if err != nil {
		return err
	}
	var ledger incentive.Ledger
	est, err := incentive.EstimateForecast(plan, july, nil, incentive.Forecast{acme: {"volume-rebate": decimal.New(420000, 0)}})
	if err != nil {
		return err
	}
	var booked []incentive.Entry
	step := func(l incentive.Ledger, es []incentive.Entry, err error) error {
		if err != nil {
			return err
		}
		ledger, booked = l, append(booked, es...)
		return nil
	}
	if err := step(ledger.Accrue("2025-07", q3.ID, est)); err != nil {
		return err
	}
	if err := step(ledger.Accrue("2025-09", q3.ID, incentive.EstimateActuals(res))); err != nil {
		return err
	}
	if err := step(ledger.Settle("2025-09", res)); err != nil {
		return err
	}
	// October: a late Q3 sale for bolt lifts it past 100,000 (tier 2).
	late := append(slices.Clone(txs), incentiveTx("s5", time.September, 30, "bolt", "5000.01", incentive.NewBusiness, incentive.OneTime))
	res2, err := incentive.Evaluate(plan, q3, nil, slices.Values(late))
	if err != nil {
		return err
	}
	if err := step(ledger.Settle("2025-10", res2)); err != nil {
		return err
	}
	// November: acme returns 12,000.00 of its Q3 purchases.
	ret := incentiveTx("r1", time.November, 3, "acme", "-12000.00", incentive.NewBusiness, incentive.OneTime)
	ret.Corrects = q3.ID
	if err := step(ledger.Clawback("2025-11", plan, slices.Values([]incentive.Transaction{ret}))); err != nil {
		return err
	}
	fmt.Fprintln(w, "   Ledger (accrue on forecast, true up, settle, correct, claw back):")
	fmt.Fprintf(w, "     %-10s %-8s %-8s %-14s %-14s %12s\n", "kind", "run", "window", "recipient", "component", "amount USD")
	for _, e := range booked {
		fmt.Fprintf(w, "     %-10s %-8s %-8s %-14s %-14s %12s\n", e.Kind, e.Run, e.Window, e.Recipient, e.Component, money.FormatDecimal(e.Amount, 2))
	}
	pos := ledger.Position(q3.ID, acme, "volume-rebate")
	fmt.Fprintf(w, "   acme's Q3 volume rebate: settled %s, clawed back %s, net paid %s USD\n",
		money.FormatDecimal(pos.Settled, 2), money.FormatDecimal(pos.ClawedBack, 2), money.FormatDecimal(pos.Paid(), 2))
	return ledgerVerification(w, ledger, plan)
}

// ledgerVerification stores the ledger, reads it back (ParseLedger checks
// the hash chain of its runs), then edits one settled amount in the stored
// bytes, as someone with access to the database might, and reads again.
func ledgerVerification(w io.Writer, ledger incentive.Ledger, plan incentive.Plan) error {
	stored, err := ledger.MarshalJSON()
	if err != nil {
		return err
	}
	back, err := incentive.ParseLedger(stored)
	if err != nil {
		return err
	}
	same := true
	for _, e := range back.Entries() {
		same = same && e.PlanHash == plan.Hash()
	}
	fmt.Fprintf(w, "   Stored ledger: %d runs, chained; head %s…; every entry names plan hash %s…: %v\n",
		len(back.Seals()), back.Head()[:12], plan.Hash()[:12], same)
	edited := bytes.Replace(stored, []byte(`"amount":"14420.00"`), []byte(`"amount":"15420.00"`), 1)
	if bytes.Equal(edited, stored) {
		return fmt.Errorf("the tour's ledger has no settlement of 14420.00 to edit")
	}
	_, err = incentive.ParseLedger(edited)
	fmt.Fprintf(w, "   The same ledger with acme's settlement edited (14420.00 → 15420.00):\n     %v\n", err)
	return nil
}
