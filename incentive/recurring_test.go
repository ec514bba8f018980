package incentive

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

// genContractValue draws a recurring-revenue component's contract value
// setting (absent half the time).
func genContractValue(t *rapid.T, m MeasureKind) ContractValue {
	if m != RecurringRevenue {
		return ContractUnspecified
	}
	return rapid.SampledFrom([]ContractValue{ContractUnspecified, ContractUnspecified, ContractTotal, ContractAnnualised,
		ContractFirstYear, ContractMonthly}).Draw(t, "contract value")
}

// genTerm draws a contract term in months, twelve a third of the time.
func genTerm(t *rapid.T) int32 {
	if rapid.IntRange(0, 2).Draw(t, "term 12") == 0 {
		return 12
	}
	return rapid.Int32Range(1, 60).Draw(t, "term")
}

// refContractValue is the reference's contract value of t: the fraction
// of the amount as a decimal quotient, rounded with the plan's mode on the
// magnitude, or the amount itself when the fraction is 1.
func refContractValue(p Plan, cv ContractValue, t *Transaction) decimal.Decimal {
	a := t.Amount.Decimal()
	term := decimal.New(int64(t.TermMonths), 0)
	var num decimal.Decimal
	switch cv {
	case ContractAnnualised:
		num = decimal.New(12, 0)
	case ContractFirstYear:
		num = decimal.Min(term, decimal.New(12, 0))
	case ContractMonthly:
		num = decimal.New(1, 0)
	case ContractUnspecified, ContractTotal:
		return a
	}
	if num.Equal(term) {
		return a
	}
	v, err := money.Div(a.Abs().Mul(num), term, p.spec.Currency.Digits(), p.spec.Rounding)
	if err != nil {
		panic(err)
	}
	if a.Sign() < 0 {
		return v.Neg()
	}
	return v
}

const recurringPlan = `{"id": "fy25-subs", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [
  {"id": "arr", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "recurring-revenue",
   "contract_value": "annualised", "eligibility": {"motions": ["new", "expansion"]},
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "10%"}]}},
  {"id": "renewals-y1", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "recurring-revenue",
   "contract_value": "first-year", "eligibility": {"motions": ["renewal"]},
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "4%"}]}},
  {"id": "tcv-bonus", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "recurring-revenue",
   "contract_value": "total",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]}},
  {"id": "mrr-kicker", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "recurring-revenue",
   "contract_value": "monthly",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "50%"}]}}
 ]}`

func subTx(id, date, rep string, amount string, term int32, motion Motion) Transaction {
	return Transaction{ID: id, Date: MustDate(date).Time(), Kind: Sale, PartnerID: "acme", RepID: rep,
		Amount: money.MustParse(amount + " USD"), Billing: Recurring, Motion: motion, TermMonths: term}
}

// A partner and a rep paid on subscriptions: a three-year prepaid
// contract, a monthly one, a renewal for two years and an expansion for
// seven months; every figure by hand.
func TestRecurringGolden(t *testing.T) {
	p := MustParsePlan(recurringPlan)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	q3.Label = "Q3 2025"
	txs := []Transaction{
		subTx("s1", "2025-07-10", "ana", "36000.00", 36, NewBusiness), // 3 years prepaid
		subTx("s2", "2025-07-20", "ana", "500.00", 1, NewBusiness),    // one month
		subTx("s3", "2025-08-05", "ana", "24000.00", 24, Renewal),     // 2-year renewal
		subTx("s4", "2025-09-01", "ana", "1000.00", 7, Expansion),     // 7-month expansion
	}
	r, err := Evaluate(p, q3, nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		rec, comp, measure, amount, hand string
	}{
		// ARR (annualised) of new and expansion: s1 36,000 × 12 / 36 = 12,000.00; s2 500 × 12 / 1 = 6,000.00;
		// s4 1,000 × 12 / 7 = 1,714.2857… → 1,714.29 (half-even); Σ 19,714.29; 10 % = 1,971.429 → 1,971.43.
		{"partner:acme", "arr", "19714.29", "1971.43", "10% of 12,000 + 6,000 + 1,714.29"},
		// First year of the renewal: 24,000 × 12 / 24 = 12,000.00; 4 % = 480.00.
		{"partner:acme", "renewals-y1", "12000.00", "480.00", "4% of 12,000"},
		// MRR of all four: 36,000/36 = 1,000; 500/1 = 500; 24,000/24 = 1,000; 1,000/7 = 142.857… → 142.86;
		// Σ 2,642.86; 50 % = 1,321.43.
		{"rep:ana", "mrr-kicker", "2642.86", "1321.43", "50% of 2,642.86"},
		// TCV of all four: 36,000 + 500 + 24,000 + 1,000 = 61,500.00; 1 % = 615.00.
		{"rep:ana", "tcv-bonus", "61500.00", "615.00", "1% of 61,500"},
	}
	if len(r.Lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(r.Lines), len(want))
	}
	for i, w := range want {
		l := r.Lines[i]
		if l.Recipient().String() != w.rec || l.Component() != w.comp || !l.Measure().Equal(dd(w.measure)) || !l.Amount().Equal(dd(w.amount)) {
			t.Errorf("line %d: %s %s measure %s amount %s; want %s %s %s %s (%s)", i, l.Recipient(), l.Component(), l.Measure(), l.Amount(),
				w.rec, w.comp, w.measure, w.amount, w.hand)
		}
	}
	s := r.Lines[0].Trace().Sentence()
	if !strings.Contains(s, "19,714.29 USD of Q3 2025 recurring revenue at annualised contract value, each contract's amount × 12 / its term in months rounded half-even to 2 places (all-units") {
		t.Errorf("sentence does not name the setting: %s", s)
	}
	if tr := r.Lines[3].Trace(); tr.ContractValue != ContractTotal || !strings.Contains(tr.Sentence(), "recurring revenue at total contract value (all-units") {
		t.Errorf("tcv trace: %v %s", tr.ContractValue, tr.Sentence())
	}
	// A credit note of s4 in full reverses exactly what it counted: the
	// ARR measure drops by 1,714.29 to 18,000.00, 10 % = 1,800.00.
	cn := subTx("c4", "2025-09-15", "ana", "-1000.00", 7, Expansion)
	cn.Kind = CreditNote
	r2, err := Evaluate(p, q3, nil, slices.Values(append(slices.Clone(txs), cn)))
	if err != nil {
		t.Fatal(err)
	}
	if l, _ := r2.Line(Recipient{RecipientPartner, "acme"}, "arr"); !l.Measure().Equal(dd("18000.00")) || !l.Amount().Equal(dd("1800.00")) {
		t.Errorf("after the credit note: %s, %s; want 18,000.00 and 1,800.00", l.Measure(), l.Amount())
	}
}

func TestRecurringErrors(t *testing.T) {
	p := MustParsePlan(recurringPlan)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	for _, c := range []struct {
		term  int32
		value string
	}{{0, ""}, {-1, "-1"}, {MaxTermMonths + 1, "601"}} {
		tx := subTx("s1", "2025-07-10", "ana", "100.00", c.term, NewBusiness)
		_, err := Evaluate(p, q3, nil, slices.Values([]Transaction{tx}))
		var de *DataError
		if !errors.As(err, &de) || de.Path != "/term_months" || de.Value != c.value || !errors.Is(err, ErrData) {
			t.Errorf("term %d: %v", c.term, err)
		}
	}
	// A one-time sale needs no term.
	one := subTx("o1", "2025-07-10", "ana", "100.00", 0, NewBusiness)
	one.Billing = OneTime
	if _, err := Evaluate(p, q3, nil, slices.Values([]Transaction{one})); err != nil {
		t.Errorf("one-time sale: %v", err)
	}
	bad := strings.Replace(recurringPlan, `"measure": "recurring-revenue",
   "contract_value": "total"`, `"measure": "revenue",
   "contract_value": "total"`, 1)
	_, err := ParsePlan([]byte(bad))
	var pe *PlanError
	if !errors.As(err, &pe) || pe.Path != "/components/2/contract_value" || !errors.Is(err, ErrInvalid) {
		t.Errorf("contract value on revenue: %v", err)
	}
	_, err = ParsePlan([]byte(strings.Replace(recurringPlan, `"annualised"`, `"annualized"`, 1)))
	var ee *EnumError
	if !errors.As(err, &ee) || ee.Suggestion != "annualised" {
		t.Errorf("annualized: %v", err)
	}
	// The setting is in the plan hash.
	q := MustParsePlan(strings.Replace(recurringPlan, `"annualised"`, `"first-year"`, 1))
	if q.Hash() == p.Hash() {
		t.Error("contract value not in the plan hash")
	}
}

func TestContractValueEnum(t *testing.T) {
	checkEnum(t, "contract value", []string{"total", "annualised", "first-year", "monthly"}, ParseContractValue)
}

// The int64 path (fixed.MulDivRound) and the decimal path (money.Div)
// value a contract alike for every rounding mode, sign and term.
func TestPropContractPaths(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		cv := rapid.SampledFrom([]ContractValue{ContractTotal, ContractAnnualised, ContractFirstYear, ContractMonthly}).Draw(t, "cv")
		mode := rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown, money.TowardZero, money.AwayFromZero, money.Ceiling, money.Floor}).Draw(t, "mode")
		minor := rapid.Int64Range(-1e15, 1e15).Draw(t, "minor")
		term := rapid.Int32Range(1, MaxTermMonths).Draw(t, "term")
		v, ok := cv.contractMinor(minor, term, mode)
		d, err := cv.contractDecimal(decimal.New(minor, -2), term, 2, mode)
		if !ok || err != nil || !decimal.New(v, -2).Equal(d) {
			t.Fatalf("int %d (%v), decimal %s (%v)", v, ok, d, err)
		}
		nv, _ := cv.contractMinor(-minor, term, mode)
		if nv != -v {
			t.Fatalf("a reversal counts %d, the sale %d", nv, v)
		}
	})
}

// Adding a contract to a warm accumulator allocates nothing: the value
// is computed in int64 (the decimal path is for spills only).
func TestContractAddAllocationFree(t *testing.T) {
	p := MustParsePlan(recurringPlan)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	a, err := NewAccumulator(p, q3)
	if err != nil {
		t.Fatal(err)
	}
	txs := []Transaction{subTx("s1", "2025-07-10", "ana", "36000.00", 36, NewBusiness), subTx("s4", "2025-09-01", "ana", "1000.00", 7, Expansion),
		subTx("s3", "2025-08-05", "ana", "24000.00", 24, Renewal)}
	for i := range txs {
		if err := a.Add(txs[i]); err != nil {
			t.Fatal(err)
		}
	}
	allocs := testing.AllocsPerRun(100, func() {
		for i := range txs {
			_ = a.add(&txs[i], -1)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per run", allocs)
	}
}

// A return of a settled window is clawed back on its contract value: the
// 7-month expansion of 1,000.00 counted 1,714.29 ARR at 10 %, so its full
// return claws back 10 % × 1,714.29 = 171.429 → 171.43.
func TestContractClawback(t *testing.T) {
	p := MustParsePlan(recurringPlan)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	r, err := Evaluate(p, q3, nil, slices.Values([]Transaction{subTx("s4", "2025-09-01", "ana", "1000.00", 7, Expansion)}))
	if err != nil {
		t.Fatal(err)
	}
	var l Ledger
	l, _, err = l.Settle("2025-10", r)
	if err != nil {
		t.Fatal(err)
	}
	ret := subTx("r4", "2025-10-20", "ana", "-1000.00", 7, Expansion)
	ret.Kind, ret.Corrects = Return, "2025-Q3"
	_, es, err := l.Clawback("2025-11", p, slices.Values([]Transaction{ret}))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range es {
		got[e.Component] = e.Amount.String()
	}
	// arr: −171.43; tcv-bonus: 1 % × 1,000 = −10.00; mrr-kicker: 50 % × 142.86 = −71.43.
	want := map[string]string{"arr": "-171.43", "tcv-bonus": "-10", "mrr-kicker": "-71.43"}
	for k, w := range want {
		if !dd(got[k]).Equal(dd(w)) {
			t.Errorf("%s clawed back %s, want %s", k, got[k], w)
		}
	}
}

func TestTermMonthsDecoded(t *testing.T) {
	usdOpt := DecodeOptions{Currency: money.MustCurrency("USD")}
	csv := "id,date,kind,partner_id,amount,billing,term_months\ns1,2025-07-10,sale,acme,36000.00,recurring,36\ns2,2025-07-10,sale,acme,1.00,recurring,0\n"
	var got []Transaction
	var errs []error
	for tx, err := range ReadTransactionsCSV(strings.NewReader(csv), usdOpt) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, tx)
	}
	var le *LineError
	if len(got) != 1 || got[0].TermMonths != 36 || len(errs) != 1 || !errors.As(errs[0], &le) || le.Column != "term_months" {
		t.Errorf("CSV: %+v %v", got, errs)
	}
	jl := `{"id":"s1","date":"2025-07-10","kind":"sale","partner_id":"acme","amount":"100.00","billing":"recurring","term_months":24}` + "\n"
	for tx, err := range ReadTransactionsJSONL(strings.NewReader(jl), usdOpt) {
		if err != nil || tx.TermMonths != 24 {
			t.Errorf("JSONL: %d %v", tx.TermMonths, err)
		}
	}
}
