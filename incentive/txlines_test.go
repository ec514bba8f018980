package incentive

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

func txLine(id string, day, month int, measure, amount string) TxLine {
	return TxLine{Transaction: id, Date: time.Date(2025, time.Month(month), day, 0, 0, 0, 0, time.UTC),
		Measure: decimal.RequireFromString(measure), Amount: decimal.RequireFromString(amount)}
}

// A quarter that crosses the 100,000 tier (ledgerPlan: 1 %, 2 % from
// 100,000, all-units) split by transaction. Hand calculation, sales in
// date order, R(c) = rate(c) × c rounded to cents:
//
//	3 Jul   60,000  c = 60,000   R = 600.00     line   600.00
//	20 Jul  70,000  c = 130,000  R = 2,600.00   line 2,000.00 (crosses the tier: pays the retro uplift)
//	28 Jul  10,000  c = 140,000  R = 2,800.00   line   200.00
//	returns: V = 140,000 − 15,000 − 5,000 = 120,000, R(V) = 2,400.00;
//	         2,400 − 2,800 = −400.00 in proportion 15,000 : 5,000
//	20 Sep r1 −15,000  −300.00;  20 Sep r2 −5,000  −100.00
//	Σ = 600 + 2,000 + 200 − 300 − 100 = 2,400.00 = the period line.
func TestSplitLineGolden(t *testing.T) {
	p := MustParsePlan(ledgerPlan)
	r1, r2 := ret("r1", "15000.00", ""), ret("r2", "5000.00", "")
	r1.Date, r2.Date = time.Date(2025, 9, 20, 0, 0, 0, 0, time.UTC), time.Date(2025, 9, 20, 0, 0, 0, 0, time.UTC)
	txs := []Transaction{r2, sale("3", 28, "10000.00"), sale("1", 3, "60000.00"), r1, sale("2", 20, "70000.00"),
		ret("old", "1000.00", "2025-Q2")} // corrects Q2: not counted
	r, err := Evaluate(p, q3Period, nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	got, err := SplitLine(p, r.Lines[0], nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	want := []TxLine{
		txLine("1", 3, 7, "60000.00", "600.00"),
		txLine("2", 20, 7, "70000.00", "2000.00"),
		txLine("3", 28, 7, "10000.00", "200.00"),
		txLine("r1", 20, 9, "-15000.00", "-300.00"),
		txLine("r2", 20, 9, "-5000.00", "-100.00"),
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatal(d)
	}
	if !r.Lines[0].Amount().Equal(decimal.New(2400, 0)) {
		t.Fatalf("period line %s", r.Lines[0].Amount())
	}
}

// A floor goes to the first transaction; a recipient cap is taken from
// the positive lines in proportion. Hand calculation (floorPlan's rebate,
// 1 % with a 500.00 floor; a recipient cap of 300.00 on a copy):
//
//	floor: 10,000 → R = 500.00 (floor); 20,000 → R = 500.00; 60,000 → 600.00
//	       lines 500.00, 0.00, 100.00 (Σ 600.00)
//	cap 300.00 (rebate alone, growth removed): 300 in proportion 500 : 100
//	       = 250.00, 50.00; the zero line stays 0.00.
func TestSplitLineFloorAndCap(t *testing.T) {
	for _, tc := range []struct {
		name, plan string
		want       []string
	}{
		{"floor", floorPlan, []string{"500.00", "0.00", "100.00"}},
		{"recipient cap", `{"id":"c","version":"1","currency":"USD","rounding":"half-even","places":2,"recipient_cap":"300","components":[
 {"id":"rebate","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]},"floor":"500"}]}`, []string{"250.00", "0.00", "50.00"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := MustParsePlan(tc.plan)
			txs := []Transaction{sale("1", 1, "10000.00"), sale("2", 2, "10000.00"), sale("3", 3, "40000.00")}
			r, err := Evaluate(p, q3Period, growthFacts(), slices.Values(txs))
			if err != nil {
				t.Fatal(err)
			}
			ln, _ := r.Line(Recipient{RecipientPartner, "acme"}, "rebate")
			got, err := SplitLine(p, ln, growthFacts(), slices.Values(txs))
			if err != nil {
				t.Fatal(err)
			}
			var amounts []string
			for _, l := range got {
				amounts = append(amounts, money.FormatDecimal(l.Amount, 2))
			}
			if d := cmp.Diff(tc.want, amounts); d != "" {
				t.Fatal(d)
			}
		})
	}
}

func TestSplitLineErrors(t *testing.T) {
	p := MustParsePlan(ledgerPlan)
	txs := []Transaction{sale("1", 3, "60000.00"), sale("2", 20, "70000.00")}
	r, err := Evaluate(p, q3Period, nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SplitLine(p, r.Lines[0], nil, slices.Values(txs[:1])); !errors.Is(err, ErrMismatch) {
		t.Errorf("missing transaction: %v", err)
	}
	if _, err := SplitLine(MustParsePlan(floorPlan), r.Lines[0], nil, slices.Values(txs)); !errors.Is(err, ErrMismatch) {
		t.Errorf("other plan: %v", err)
	}
	if _, err := SplitLine(p, Line{}, nil, slices.Values(txs)); !errors.Is(err, ErrInvalid) {
		t.Errorf("zero line: %v", err)
	}
	bad := sale("3", 5, "1.00")
	bad.Amount = money.MustParse("1.00 EUR")
	if _, err := SplitLine(p, r.Lines[0], nil, slices.Values(append(txs, bad))); !errors.Is(err, ErrCurrency) {
		t.Errorf("bad transaction: %v", err)
	}
}

// Transaction lines sum exactly to their period line, whatever the plan
// (every schedule mode, modifiers, floors, caps, recipient caps and
// budgets), and do not depend on the order of the transactions.
func TestPropSplitLine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{planLimits: true})
		txs := genTxs(t, p.Currency(), 12)
		r := mustEval(t, p, txs)
		perm := rapid.Permutation(txs).Draw(t, "perm")
		for _, ln := range r.Lines {
			got, err := SplitLine(p, ln, genFacts(), slices.Values(txs))
			if err != nil {
				t.Fatalf("%s %s: %v", ln.Recipient(), ln.Component(), err)
			}
			var sum decimal.Decimal
			for _, l := range got {
				sum = sum.Add(l.Amount)
			}
			if !sum.Equal(ln.Amount()) {
				t.Fatalf("%s %s: lines sum to %s, the period line is %s", ln.Recipient(), ln.Component(), sum, ln.Amount())
			}
			again, err := SplitLine(p, ln, genFacts(), slices.Values(perm))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(got, again, TxLine.Equal) {
				t.Fatalf("order changed the lines:\n%s", cmp.Diff(got, again))
			}
		}
	})
}
