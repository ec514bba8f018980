package incentive_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// rebatePlan is a quarterly volume rebate: 1 % of revenue, 2 % from
// 100,000 and 3.5 % from 400,000, all-units, half-even to cents.
const rebatePlan = `{
 "id": "fy25-rebate", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [
  {"id": "volume", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [
    {"from": "0", "rate": "1%"}, {"from": "100000", "rate": "2%"}, {"from": "400000", "rate": "3.5%"}]}}
 ]}`

func q3() incentive.Period {
	p := incentive.NewPeriod("2025-Q3", incentive.MustDate("2025-07-01"), incentive.MustDate("2025-10-01"))
	p.Label = "Q3 2025"
	return p
}

// sale is a sale of amount USD on 1 August 2025. Motion and Billing are
// left unspecified: rebatePlan neither filters on them nor measures
// recurring revenue, so it does not need them.
func sale(id, partner, amount string) incentive.Transaction {
	return incentive.Transaction{ID: id, Date: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
		PartnerID: partner, Amount: money.MustParse(amount + " USD")}
}

func ExampleParsePlan() {
	p, err := incentive.ParsePlan([]byte(rebatePlan))
	if err != nil {
		fmt.Println(err)
		return
	}
	mode, places := p.Rounding()
	fmt.Println(p.ID(), p.Version(), p.Currency(), mode, places)
	fmt.Println(len(p.Hash()), "hex digits of SHA-256")
	// Output:
	// fy25-rebate 1 USD half-even 2
	// 64 hex digits of SHA-256
}

func ExampleParsePlan_strict() {
	// A JSON number where money is expected is rejected with its path.
	_, err := incentive.ParsePlan([]byte(`{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,"budget":5000,"components":[]}`))
	fmt.Println(err)
	// Output:
	// strictjson: JSON number where a decimal string is required at "/budget"
}

func ExampleNewPlan() {
	_, err := incentive.NewPlan(incentive.PlanSpec{
		ID: "spiff", Version: "1", Currency: money.MustCurrency("USD"), Rounding: money.HalfEven, Places: 2,
		Components: []incentive.ComponentSpec{{
			ID: "leads", Version: "1", EffectiveFrom: incentive.MustDate("2025-01-01"),
			Recipient: incentive.RecipientRep, Measure: incentive.EventCount,
			Schedule: tier.Spec{Mode: tier.FlatPerTier, Boundary: tier.LowerInclusive,
				Tiers: []tier.Tier{{From: decimal.New(5, 0), Amount: decimal.New(250, 0)}}},
		}},
	})
	var pe *incentive.PlanError
	fmt.Println(errors.As(err, &pe), pe.Path, errors.Is(err, tier.ErrGap))
	// Output:
	// true /components/0/schedule/tiers/0/from true
}

func ExampleEvaluate() {
	p := incentive.MustParsePlan(rebatePlan)
	txs := []incentive.Transaction{
		sale("1", "acme", "300000.00"),
		sale("2", "acme", "112000.00"),
		sale("3", "bolt", "99999.99"),
	}
	r, err := incentive.Evaluate(p, q3(), nil, slices.Values(txs))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range r.Lines {
		fmt.Println(l.Recipient(), l.Component(), money.FormatDecimal(l.Amount(), 2))
	}
	fmt.Println("total", money.FormatDecimal(r.Total(), 2))
	// Output:
	// partner:acme volume 14420.00
	// partner:bolt volume 1000.00
	// total 15420.00
}

func ExampleResult_Line() {
	p := incentive.MustParsePlan(rebatePlan)
	r, err := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{
		sale("1", "acme", "300000.00"), sale("2", "acme", "112000.00"), sale("3", "bolt", "99999.99")}))
	if err != nil {
		fmt.Println(err)
		return
	}
	// acme sold 300,000 + 112,000 = 412,000.00, in the 3.5 % tier:
	// 3.5 % × 412,000 = 14,420.00.
	acme := incentive.Recipient{Kind: incentive.RecipientPartner, ID: "acme"}
	l, ok := r.Line(acme, "volume")
	fmt.Println(ok, money.FormatDecimal(l.Measure(), 2), money.FormatDecimal(l.Amount(), 2))
	// No rep is paid by this plan.
	_, ok = r.Line(incentive.Recipient{Kind: incentive.RecipientRep, ID: "acme"}, "volume")
	fmt.Println(ok)
	// Output:
	// true 412000.00 14420.00
	// false
}

func ExampleDataError() {
	p := incentive.MustParsePlan(rebatePlan)
	_, err := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("s9", "acme", "-5.00")}))
	fmt.Println(err)
	// A host maps the error to the field of its transaction form.
	var f interface{ FieldPath() string }
	if errors.As(err, &f) {
		fmt.Println(f.FieldPath())
	}
	// Output:
	// incentive: transaction "s9": /amount = "-5.00 USD": invalid transaction: a sale is positive (credit notes and returns are negative)
	// /amount
}

func ExampleParseMeasureKind() {
	m, err := incentive.ParseMeasureKind("recurring-revenue")
	fmt.Println(m, err)
	_, err = incentive.ParseMeasureKind("revenu")
	fmt.Println(err)
	var ee *incentive.EnumError
	fmt.Println(errors.As(err, &ee), ee.Type, ee.Suggestion, errors.Is(err, incentive.ErrEnum))
	// Output:
	// recurring-revenue <nil>
	// incentive: unknown measure "revenu" (valid: revenue, units, recurring-revenue, growth-amount, growth-percent, events; did you mean "revenue"?)
	// true measure revenue true
}

func ExampleTrace_Sentence() {
	p := incentive.MustParsePlan(rebatePlan)
	r, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "412000.00")}))
	fmt.Println(r.Lines[0].Trace().Sentence())
	// Output:
	// 3.5% on 412,000.00 USD of Q3 2025 revenue (all-units, tier 3 of 3: at least 400,000.00 USD) = 14,420.00 USD; rounded half-even to 2 places: 14,420.00 USD.
}

func ExampleLine_Trace() {
	p := incentive.MustParsePlan(rebatePlan)
	r, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "99999.99")}))
	t := r.Lines[0].Trace()
	fmt.Println(t.Tier, t.Tiers, t.Boundary, t.Rate, t.Exact, t.Rounding, t.Rounded)
	// Output:
	// 1 3 lower-inclusive 1% 999.9999 half-even 1000
}

func ExampleAccumulator_Merge() {
	p := incentive.MustParsePlan(rebatePlan)
	// Two goroutines (or machines) each accumulate a shard.
	a, _ := incentive.NewAccumulator(p, q3())
	b, _ := incentive.NewAccumulator(p, q3())
	_ = a.Add(sale("1", "acme", "60000.00"))
	_ = b.Add(sale("2", "acme", "40000.00"))
	if err := a.Merge(b); err != nil {
		fmt.Println(err)
		return
	}
	r, _ := a.Result(nil)
	fmt.Println(money.FormatDecimal(r.Lines[0].Measure(), 2), money.FormatDecimal(r.Lines[0].Amount(), 2))
	// Output:
	// 100000.00 2000.00
}

func ExampleAccumulator_AddPartial() {
	p := incentive.MustParsePlan(rebatePlan)
	shard, _ := incentive.NewAccumulator(p, q3())
	_ = shard.AddAll(slices.Values([]incentive.Transaction{sale("1", "acme", "150000.00")}))
	doc, _ := shard.Partial().MarshalJSON() // sent to the combining host
	part, err := incentive.ParsePartial(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	all, _ := incentive.NewAccumulator(p, q3())
	_ = all.AddPartial(part)
	r, _ := all.Result(nil)
	m := part.Measures[0]
	fmt.Println(part.Period, m.Recipient, m.Component, m.Volume, m.Count)
	fmt.Println(money.FormatDecimal(r.Total(), 2))
	// Output:
	// 2025-Q3 partner:acme volume 150000 1
	// 3000.00
}

func ExampleLedger_Settle() {
	p := incentive.MustParsePlan(rebatePlan)
	var l incentive.Ledger
	// September: the quarter closes at 90,000 → 900.00.
	r1, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "90000.00")}))
	l, es, _ := l.Settle("2025-09", r1)
	fmt.Println(es[0].Run, es[0].Window, es[0].Amount)
	// October: a late Q3 sale lifts acme to tier 2: 2 % × 110,000 = 2,200.00;
	// only the delta is paid, tagged with the quarter it corrects.
	r2, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "90000.00"), sale("2", "acme", "20000.00")}))
	l, es, _ = l.Settle("2025-10", r2)
	fmt.Println(es[0].Run, es[0].Window, es[0].Amount)
	fmt.Println(l.Position("2025-Q3", incentive.Recipient{Kind: incentive.RecipientPartner, ID: "acme"}, "volume").Settled)
	// Output:
	// 2025-09 2025-Q3 900
	// 2025-10 2025-Q3 1300
	// 2200
}

func ExampleEstimateForecast() {
	p := incentive.MustParsePlan(rebatePlan)
	acme := incentive.Recipient{Kind: incentive.RecipientPartner, ID: "acme"}
	// 50,000 sold so far; the quarter is forecast at 120,000 (tier 2).
	actual, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "50000.00")}))
	est, _ := incentive.EstimateForecast(p, actual, nil, incentive.Forecast{acme: {"volume": decimal.New(120000, 0)}})
	fmt.Println("on actuals:", incentive.EstimateActuals(actual)[0].Amount)
	fmt.Println("at the forecast tier:", est[0].Amount)
	// Output:
	// on actuals: 500
	// at the forecast tier: 1000
}

func ExampleLedger_Accrue() {
	p := incentive.MustParsePlan(rebatePlan)
	var l incentive.Ledger
	july, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "50000.00")}))
	l, es, _ := l.Accrue("2025-07", "2025-Q3", incentive.EstimateActuals(july))
	fmt.Println(es[0].Amount)
	aug, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "50000.00"), sale("2", "acme", "60000.00")}))
	_, es, _ = l.Accrue("2025-08", "2025-Q3", incentive.EstimateActuals(aug))
	fmt.Println(es[0].Amount, "true-up to", es[0].Target)
	// Output:
	// 500
	// 1700 true-up to 2200
}

func ExampleLedger_Clawback() {
	p := incentive.MustParsePlan(rebatePlan)
	r, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "150000.00")}))
	var l incentive.Ledger
	l, _, _ = l.Settle("2025-09", r) // 2 % × 150,000 = 3,000.00 paid
	ret := incentive.Transaction{ID: "r1", Date: time.Date(2025, 10, 5, 0, 0, 0, 0, time.UTC), Kind: incentive.Return,
		PartnerID: "acme", Amount: money.MustParse("-10000.00 USD"), Corrects: "2025-Q3"}
	_, es, _ := l.Clawback("2025-10", p, slices.Values([]incentive.Transaction{ret}))
	fmt.Println(es[0].Window, es[0].Amount)
	// Output:
	// 2025-Q3 -200
}

func ExampleParseLedger() {
	l, err := incentive.ParseLedger([]byte(`{"runs":["2025-09"],"entries":[{"kind":"settlement","run":"2025-09","window":"2025-Q3",
	 "recipient":{"kind":"partner","id":"acme"},"component":"volume","amount":"900.00","target":"900.00","measure":"90000.00"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.Runs(), len(l.Entries()))
	// Output:
	// [2025-09] 1
}

func ExampleParseDate() {
	d, err := incentive.ParseDate("2025-07-01")
	fmt.Println(d, err)
	_, err = incentive.ParseDate("2025-02-30")
	fmt.Println(err)
	// Output:
	// 2025-07-01 <nil>
	// incentive: invalid value: date "2025-02-30" is not a calendar day
}

// ReadTransactionsCSV streams a CSV file's transactions and reports every
// bad line (up to MaxErrors) with its line and column.
func ExampleReadTransactionsCSV() {
	csv := "id,date,kind,partner_id,amount\n" +
		"s1,2025-08-01,sale,acme,1200.00\n" +
		"s2,2025-08-02,sale,acme,12OO.00\n" +
		"s1,2025-08-03,sale,bolt,50.00\n"
	opt := incentive.DecodeOptions{Currency: money.MustCurrency("USD"), MaxErrors: 10, RejectDuplicateIDs: true}
	for t, err := range incentive.ReadTransactionsCSV(strings.NewReader(csv), opt) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(t.ID, t.PartnerID, t.Amount)
	}
	// Output:
	// s1 acme 1200.00 USD
	// incentive: line 3: amount = "12OO.00": invalid syntax
	// incentive: line 4: id = "s1": transaction ID already used on line 2
}

func ExampleReadTransactionsJSONL() {
	jsonl := `{"id":"s1","date":"2025-08-01","kind":"sale","partner_id":"acme","amount":"1200.00 USD"}` + "\n" +
		`{"id":"e1","date":"2025-08-02","kind":"event","partner_id":"acme","event":"lead-registered"}` + "\n"
	for t, err := range incentive.ReadTransactionsJSONL(strings.NewReader(jsonl), incentive.DecodeOptions{}) {
		fmt.Println(t.ID, t.Kind, t.Amount, err)
	}
	// Output:
	// s1 sale 1200.00 USD <nil>
	// e1 event 0 (no currency) <nil>
}

func ExampleReadFactsCSV() {
	f, err := incentive.ReadFactsCSV(strings.NewReader("recipient,fact,name,value\npartner:acme,metric,csat,4.6\n"), incentive.DecodeOptions{})
	fmt.Println(f[incentive.Recipient{Kind: incentive.RecipientPartner, ID: "acme"}].Metrics["csat"], err)
	// Output: 4.6 <nil>
}

func ExampleReadFactsJSONL() {
	doc := `{"recipient":"rep:ana","fact":"quota","name":"spiff","value":"50000"}`
	f, err := incentive.ReadFactsJSONL(strings.NewReader(doc), incentive.DecodeOptions{})
	fmt.Println(f[incentive.Recipient{Kind: incentive.RecipientRep, ID: "ana"}].Quotas["spiff"], err)
	// Output: 50000 <nil>
}
