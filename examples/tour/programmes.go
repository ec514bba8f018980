package main

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// programmesTourPlan is the chapter's plan: a quarterly rebate gated on
// 80 % of quota, and an August SPIF of 250.00 per new deal for reps, paid
// first come from a budget of 1,000.00.
const programmesTourPlan = `{
 "id": "fy25-q3-programme", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [
  {"id": "gated-rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}, {"from": "100000", "rate": "3%"}]},
   "modifiers": [{"kind": "gate", "attainment": "80%"}]},
  {"id": "aug-new-deal-spif", "version": "1", "effective_from": "2025-08-01", "effective_until": "2025-09-01",
   "recipient": "rep", "measure": "events", "eligibility": {"motions": ["new"]},
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "price": "250"}]},
   "budget": {"amount": "1000", "exhaustion": "first-come"}}
 ]}`

// programmesTourTeam shares a team award by each rep's contribution.
const programmesTourTeam = `{"id": "team-east", "share": "contribution", "members": [
 {"recipient": {"kind": "rep", "id": "ana"}},
 {"recipient": {"kind": "rep", "id": "bo"}},
 {"recipient": {"kind": "rep", "id": "cy"}}]}`

// programmesChapter shows the programme features beyond a plain rebate:
// a gate that holds a payout back, a SPIF budget that is never exceeded,
// a team award shared exactly, a statement line by transaction, a
// recoverable draw booked in the ledger and behaviour rewards in points.
func programmesChapter(w io.Writer) error {
	plan, err := incentive.ParsePlan([]byte(programmesTourPlan))
	if err != nil {
		return err
	}
	q3 := incentive.NewPeriod("2025-Q3", incentive.MustDate("2025-07-01"), incentive.MustDate("2025-10-01"))
	q3.Label = "Q3 2025"
	deal := func(id string, month time.Month, day int, partner, rep, amount string) incentive.Transaction {
		return incentive.Transaction{ID: id, Date: time.Date(2025, month, day, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
			PartnerID: partner, RepID: rep, Motion: incentive.NewBusiness, Amount: money.MustParse(amount + " USD")}
	}
	txs := []incentive.Transaction{
		deal("d-01", time.July, 8, "acme", "ana", "60000.00"),
		deal("d-02", time.August, 1, "acme", "bo", "30000.00"),
		deal("d-03", time.August, 4, "globex", "cy", "25000.00"),
		deal("d-04", time.August, 4, "acme", "ana", "20000.00"),
		deal("d-05", time.August, 9, "globex", "bo", "5000.00"),
		deal("d-06", time.August, 21, "acme", "cy", "12000.00"),
	}
	quota := func(q int64) incentive.RecipientFacts {
		return incentive.RecipientFacts{Quotas: map[string]decimal.Decimal{"gated-rebate": decimal.New(q, 0)}}
	}
	facts := incentive.Facts{
		{Kind: incentive.RecipientPartner, ID: "acme"}:   quota(120000),
		{Kind: incentive.RecipientPartner, ID: "globex"}: quota(50000),
	}
	res, err := incentive.Evaluate(plan, q3, facts, slices.Values(txs))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "   Q3 2025: a rebate gated on 80% of quota, and an August SPIF of 250.00 per new deal from a 1,000.00 budget:")
	for _, l := range res.Lines {
		fmt.Fprintf(w, "     %-14s %-18s %10s USD\n", l.Recipient(), l.Component(), money.FormatDecimal(l.Amount(), 2))
	}
	fmt.Fprintln(w, "   Why:")
	for _, l := range res.Lines {
		if l.Recipient().ID == "globex" || l.Recipient().ID == "cy" {
			fmt.Fprintf(w, "     - %s/%s: %s\n", l.Recipient(), l.Component(), l.Trace().Sentence())
		}
	}

	// A team award shared by contribution: each rep's Q3 revenue.
	team, err := incentive.ParseGroup([]byte(programmesTourTeam))
	if err != nil {
		return err
	}
	contrib := map[incentive.Recipient]decimal.Decimal{}
	for _, t := range txs {
		r := incentive.Recipient{Kind: incentive.RecipientRep, ID: t.RepID}
		contrib[r] = contrib[r].Add(t.Amount.Decimal())
	}
	award, err := team.Share(money.MustParse("1000.00 USD"), 2, contrib)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   Team award: %s\n", award.Sentence())

	// acme's rebate as a statement by transaction: the lines sum to the
	// period line, whatever the order of the sales.
	acme, ok := res.Line(incentive.Recipient{Kind: incentive.RecipientPartner, ID: "acme"}, "gated-rebate")
	if !ok {
		return fmt.Errorf("no rebate line for acme")
	}
	lines, err := incentive.SplitLine(plan, acme, facts, slices.Values(txs))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "   acme's rebate by transaction (cumulative: the sale that opens the gate or reaches a tier carries what it unlocks):")
	for _, l := range lines {
		fmt.Fprintf(w, "     %-5s %10s revenue → %8s USD\n", l.Transaction, money.FormatDecimal(l.Measure, 2), money.FormatDecimal(l.Amount, 2))
	}
	fmt.Fprintf(w, "     period line %s USD\n", money.FormatDecimal(acme.Amount(), 2))
	if err := programmesDraw(w, res); err != nil {
		return err
	}
	return programmesBehaviour(w, q3)
}

// programmesDraw settles Q3 in a ledger and books cy's recoverable draw
// against what cy earned in the window.
func programmesDraw(w io.Writer, res incentive.Result) error {
	var ledger incentive.Ledger
	ledger, _, err := ledger.Settle("2025-10", res)
	if err != nil {
		return err
	}
	draw, err := incentive.ParseDraw([]byte(`{"id": "new-rep-draw", "recipient": {"kind": "rep", "id": "cy"},
	 "kind": "recoverable", "currency": "USD", "amount": "600.00", "recovery_cap": "200.00"}`))
	if err != nil {
		return err
	}
	_, st, err := ledger.Draw("2025-10", "2025-Q3", draw)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   A new rep's draw, booked in the ledger: %s\n", st.Sentence())
	return nil
}

// programmesBehaviour rewards behaviours, not sales: points per training
// course and registered lead, with anti-gaming caps per day and week.
func programmesBehaviour(w io.Writer, q3 incentive.Period) error {
	b, err := incentive.ParseBehaviour([]byte(`{"id": "engagement", "version": "1", "currency": "USD",
	 "rounding": "half-even", "places": 2, "point_value": "0.50",
	 "rewards": [
	  {"event": "course-completed", "recipient": "rep", "points": "40", "event_caps": [{"window": "week", "max_events": 2}]},
	  {"event": "lead-registered", "recipient": "rep", "points": "10", "event_caps": [{"window": "day", "max_events": 3}]}]}`))
	if err != nil {
		return err
	}
	ev := func(id string, day int, event string) incentive.Transaction {
		return incentive.Transaction{ID: id, Date: time.Date(2025, time.September, day, 10, 0, 0, 0, time.UTC),
			Kind: incentive.QualifyingEvent, PartnerID: "acme", RepID: "bo", Event: event}
	}
	var evs []incentive.Transaction
	for i, day := range []int{1, 2, 3, 9} { // 1–3 September: one ISO week; 9 September: the next
		evs = append(evs, ev(fmt.Sprintf("c%d", i+1), day, "course-completed"))
	}
	for i := range 5 { // five leads on 10 September
		evs = append(evs, ev(fmt.Sprintf("l%d", i+1), 10, "lead-registered"))
	}
	r, err := b.Evaluate(q3, slices.Values(evs))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "   Behaviour rewards (points, capped against gaming):")
	for _, l := range r.Lines {
		fmt.Fprintf(w, "     - %s\n", l.Sentence())
	}
	return nil
}
