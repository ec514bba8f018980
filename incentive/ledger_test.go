package incentive

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

const ledgerPlan = `{"id":"q","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
 {"id":"rebate","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"},{"from":"100000","rate":"2%"}]}}]}`

func sale(id string, day int, amount string) Transaction {
	return Transaction{ID: id, Date: time.Date(2025, 7, day, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "acme",
		Amount: money.MustParse(amount + " USD"), Motion: NewBusiness, Billing: OneTime}
}

func ret(id string, amount, corrects string) Transaction {
	return Transaction{ID: id, Date: time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC), Kind: Return, PartnerID: "acme",
		Amount: money.MustParse("-" + amount + " USD"), Motion: NewBusiness, Billing: OneTime, Corrects: corrects}
}

func amounts(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Kind.String()+" "+e.Run+" "+e.Window+" "+money.FormatDecimal(e.Amount, 2))
	}
	return out
}

// A quarter accrued monthly (first on a forecast, then on actuals),
// settled at quarter end, corrected by a late sale, and clawed back after
// returns. Every figure is a hand calculation.
func TestLedgerLifecycle(t *testing.T) {
	p := MustParsePlan(ledgerPlan)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	acme := Recipient{RecipientPartner, "acme"}
	eval := func(txs ...Transaction) Result {
		r, err := Evaluate(p, q3, nil, slices.Values(txs))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	var l Ledger
	step := func(l2 Ledger, es []Entry, err error) []string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		l = l2
		return amounts(es)
	}

	// July: 60,000 of actuals, forecast 150,000 for the quarter → tier 2.
	july := eval(sale("1", 3, "60000.00"))
	est, err := EstimateForecast(p, july, nil, Forecast{acme: {"rebate": decimal.New(150000, 0)}})
	if err != nil {
		t.Fatal(err)
	}
	// F(150,000) = 2% × 150,000 = 3,000; 3,000 × 60,000 / 150,000 = 1,200.00
	// (on actuals alone it would be 1% × 60,000 = 600.00).
	if got := step(l.Accrue("2025-07", "2025-Q3", est)); !slices.Equal(got, []string{"accrual 2025-07 2025-Q3 1200.00"}) {
		t.Fatalf("july: %q", got)
	}
	// August: 130,000 to date → 2% × 130,000 = 2,600.00; true-up +1,400.00.
	aug := eval(sale("1", 3, "60000.00"), sale("2", 20, "70000.00"))
	if got := step(l.Accrue("2025-08", "2025-Q3", EstimateActuals(aug))); !slices.Equal(got, []string{"accrual 2025-08 2025-Q3 1400.00"}) {
		t.Fatalf("august: %q", got)
	}
	// September close: 140,000 → 2,800.00; accrual +200.00, settlement 2,800.00.
	sep := eval(sale("1", 3, "60000.00"), sale("2", 20, "70000.00"), sale("3", 28, "10000.00"))
	if got := step(l.Accrue("2025-09", "2025-Q3", EstimateActuals(sep))); !slices.Equal(got, []string{"accrual 2025-09 2025-Q3 200.00"}) {
		t.Fatalf("september accrual: %q", got)
	}
	if got := step(l.Settle("2025-09", sep)); !slices.Equal(got, []string{"settlement 2025-09 2025-Q3 2800.00"}) {
		t.Fatalf("september settlement: %q", got)
	}
	// Settling the same data again pays nothing.
	if got := step(l.Settle("2025-09", sep)); len(got) != 0 {
		t.Fatalf("re-settlement paid again: %q", got)
	}
	// October: a late Q3 sale of 5,000 → 145,000 → 2,900.00: a delta of
	// +100.00 booked in October, tagged with the window it corrects.
	late := eval(sale("1", 3, "60000.00"), sale("2", 20, "70000.00"), sale("3", 28, "10000.00"), sale("4", 30, "5000.00"))
	if got := step(l.Settle("2025-10", late)); !slices.Equal(got, []string{"settlement 2025-10 2025-Q3 100.00"}) {
		t.Fatalf("correction: %q", got)
	}
	// A closed run cannot be booked again.
	if _, _, err := l.Settle("2025-09", late); !errors.Is(err, ErrClosed) {
		t.Fatalf("closed run: %v", err)
	}
	// November: a return of 20,000 of Q3 volume → 20,000 × 2,900 / 145,000
	// = 400.00 clawed back (the original 2 % rate).
	if got := step(l.Clawback("2025-11", p, slices.Values([]Transaction{ret("r1", "20000.00", "2025-Q3")}))); !slices.Equal(got, []string{"clawback 2025-11 2025-Q3 -400.00"}) {
		t.Fatalf("clawback: %q", got)
	}
	// December: 150,000 more returned → 3,000.00 at the original rate, but
	// only 2,900 − 400 = 2,500.00 is left of what was paid.
	if got := step(l.Clawback("2025-12", p, slices.Values([]Transaction{ret("r2", "150000.00", "2025-Q3")}))); !slices.Equal(got, []string{"clawback 2025-12 2025-Q3 -2500.00"}) {
		t.Fatalf("limited clawback: %q", got)
	}
	// Earned: 2% × 145,000 = 2,900 (no floor or cap); basis: the measure.
	want := Position{Accrued: decimal.New(2800, 0), Settled: decimal.New(2900, 0), ClawedBack: decimal.New(2900, 0), Measure: decimal.New(145000, 0),
		Earned: decimal.New(2900, 0), Basis: decimal.New(145000, 0)}
	if d := cmp.Diff(want, l.Position("2025-Q3", acme, "rebate")); d != "" {
		t.Fatal(d)
	}
	// Nothing more can be clawed back.
	if got := step(l.Clawback("2025-12", p, slices.Values([]Transaction{ret("r3", "1.00", "2025-Q3")}))); len(got) != 0 {
		t.Fatalf("clawed back beyond what was paid: %q", got)
	}
	// The Q4 evaluation ignores returns that correct Q3.
	q4 := NewPeriod("2025-Q4", MustDate("2025-10-01"), MustDate("2026-01-01"))
	r, err := Evaluate(p, q4, nil, slices.Values([]Transaction{ret("r1", "20000.00", "2025-Q3")}))
	if err != nil || len(r.Lines) != 0 || r.Skipped != 1 {
		t.Fatalf("Q4: %v lines, %d skipped, %v", len(r.Lines), r.Skipped, err)
	}
	// The ledger round-trips through JSON.
	b, err := l.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseLedger(b)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Equal(l) {
		t.Fatal("ledger JSON round trip changed it")
	}
}

// badTxCase changes a valid sale into a transaction that evaluation
// rejects, with the JSON Pointer and sentinel of the error.
type badTxCase struct {
	name  string
	tx    func(Transaction) Transaction
	field string
	err   error
}

// badTransactions lists the invalid transactions of ledgerPlan's
// evaluation.
func badTransactions() []badTxCase {
	return []badTxCase{
		{"no partner", func(t Transaction) Transaction { t.PartnerID = ""; return t }, "/partner_id", ErrData},
		{"negative sale", func(t Transaction) Transaction { t.Amount = t.Amount.Neg(); return t }, "/amount", ErrData},
		{"positive return", func(t Transaction) Transaction { t.Kind = Return; return t }, "/amount", ErrData},
		{"other currency", func(t Transaction) Transaction { t.Amount = money.MustParse("10.00 EUR"); return t }, "/amount", ErrCurrency},
		{"no kind", func(t Transaction) Transaction { t.Kind = KindUnspecified; return t }, "/kind", ErrData},
		{"motion out of range", func(t Transaction) Transaction { t.Motion = 9; return t }, "/motion", ErrData},
		{"units of a return", func(t Transaction) Transaction {
			t.Kind, t.Amount, t.Units = Return, t.Amount.Neg(), decimal.New(1, 0)
			return t
		}, "/units", ErrData},
		{"amount of an event", func(t Transaction) Transaction { t.Kind = QualifyingEvent; return t }, "/amount", ErrData},
		{"sale correcting", func(t Transaction) Transaction { t.Corrects = "2025-Q2"; return t }, "/corrects", ErrData},
	}
}

func TestEvaluateRejectsBadData(t *testing.T) {
	p := MustParsePlan(ledgerPlan)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	good := sale("ok", 3, "10.00")
	tests := badTransactions()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Evaluate(p, q3, nil, slices.Values([]Transaction{good, tt.tx(good)}))
			var de *DataError
			if !errors.Is(err, tt.err) || !errors.As(err, &de) || de.Path != tt.field {
				t.Fatalf("err = %v, want %v on %s", err, tt.err, tt.field)
			}
		})
	}
	// A missing fact is a *DataError naming the recipient and the fact's
	// path in the JSON form of RecipientFacts.
	g := MustParsePlan(`{"id":"g","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"g","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"growth-amount",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"10%"}]}}]}`)
	_, err := Evaluate(g, q3, nil, slices.Values([]Transaction{good}))
	var de *DataError
	if !errors.Is(err, ErrMissingFact) || !errors.As(err, &de) || de.Recipient != "partner:acme" || de.Path != "/baselines/g" {
		t.Fatalf("missing fact: %v", err)
	}
}

// A transaction that a rep component counts must name the rep, in
// evaluation and in clawbacks alike (never silently skipped).
func TestRepIDRequired(t *testing.T) {
	p := MustParsePlan(`{"id":"r","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"spiff","version":"1","effective_from":"2025-01-01","recipient":"rep","measure":"revenue",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}}]}`)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	var de *DataError
	_, err := Evaluate(p, q3, nil, slices.Values([]Transaction{sale("1", 3, "100.00")}))
	if !errors.Is(err, ErrData) || !errors.As(err, &de) || de.Path != "/rep_id" {
		t.Fatalf("Evaluate: %v, want ErrData on /rep_id", err)
	}
	_, _, err = Ledger{}.Clawback("2025-11", p, slices.Values([]Transaction{ret("r1", "10.00", "2025-Q3")}))
	if !errors.Is(err, ErrData) || !errors.As(err, &de) || de.Path != "/rep_id" {
		t.Fatalf("Clawback: %v, want ErrData on /rep_id", err)
	}
}

// A qualifying event counts only for event components: a partner whose
// only transaction in the period is an event gets no revenue line, so the
// revenue component's floor (100.00) does not pay on no sales. A partner
// with a 1,000.00 sale gets 1 % = 10.00, raised to the floor 100.00 (hand
// calculation), and the event component counts the one event (flat 25.00).
func TestEventsDoNotOpenRevenueLines(t *testing.T) {
	p := MustParsePlan(`{"id":"e","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"rebate","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue","floor":"100",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}},
	 {"id":"mdf-events","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"events",
	  "schedule":{"mode":"flat-per-tier","boundary":"lower-inclusive","tiers":[{"from":"0","amount":"0"},{"from":"1","amount":"25"}]}}]}`)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	txs := []Transaction{
		{ID: "ev", Date: time.Date(2025, 7, 2, 0, 0, 0, 0, time.UTC), Kind: QualifyingEvent, PartnerID: "quiet", Event: "webinar"},
		{ID: "s1", Date: time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "seller", Amount: money.MustParse("1000.00 USD"),
			Motion: NewBusiness, Billing: OneTime},
	}
	res, err := Evaluate(p, q3, nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range res.Lines {
		got = append(got, l.Recipient().String()+"/"+l.Component()+"="+money.FormatDecimal(l.Amount(), 2))
	}
	want := []string{"partner:quiet/mdf-events=25.00", "partner:seller/mdf-events=25.00", "partner:seller/rebate=100.00"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("lines (-want +got):\n%s", diff)
	}
}

// Motion and Billing are required only by plans that read them: a
// component filtering on motions, or on billing, or measuring recurring
// revenue (which counts Billing = recurring only). Figures by hand: 1 % of
// 1,000.00 = 10.00.
func TestMotionAndBillingRequiredOnlyWhenRead(t *testing.T) {
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	plan := func(measure, eligibility string) Plan {
		return MustParsePlan(`{"id":"m","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
		 {"id":"c","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"` + measure + `"` + eligibility + `,
		  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}}]}`)
	}
	bare := sale("s", 3, "1000.00")
	bare.Motion, bare.Billing = MotionUnspecified, BillingUnspecified
	withMotion, withBilling := bare, bare
	withMotion.Motion, withBilling.Billing = NewBusiness, Recurring
	event := Transaction{ID: "e", Date: bare.Date, Kind: QualifyingEvent, PartnerID: "acme", Event: "webinar"}
	tests := []struct {
		name string
		plan Plan
		tx   Transaction
		path string // "" = accepted, paying want
		want string
	}{
		{"no filter, neither given", plan("revenue", ""), bare, "", "10.00"},
		{"motion filter, no motion", plan("revenue", `,"eligibility":{"motions":["new"]}`), bare, "/motion", ""},
		{"motion filter, motion given", plan("revenue", `,"eligibility":{"motions":["new"]}`), withMotion, "", "10.00"},
		{"motion filter, event", plan("revenue", `,"eligibility":{"motions":["new"]}`), event, "", ""},
		{"billing filter, no billing", plan("revenue", `,"eligibility":{"billing":["one-time"]}`), bare, "/billing", ""},
		{"recurring revenue, no billing", plan("recurring-revenue", ""), bare, "/billing", ""},
		{"recurring revenue, billing given", plan("recurring-revenue", ""), withBilling, "", "10.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Evaluate(tt.plan, q3, nil, slices.Values([]Transaction{tt.tx}))
			if tt.path != "" {
				var de *DataError
				if !errors.Is(err, ErrData) || !errors.As(err, &de) || de.Path != tt.path || de.Transaction != tt.tx.ID {
					t.Fatalf("err = %v, want ErrData at %s", err, tt.path)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got string
			if len(r.Lines) > 0 {
				got = money.FormatDecimal(r.Lines[0].Amount(), 2)
			}
			if got != tt.want {
				t.Fatalf("paid %q, want %q", got, tt.want)
			}
		})
	}
}
