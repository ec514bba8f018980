package incentive

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/strictjson"
)

// planLedgerEst is an estimate of amount for partner id's component comp,
// from plan hash hash.
func planLedgerEst(id, comp string, amount int64, hash string) Estimate {
	return Estimate{Recipient: Recipient{Kind: RecipientPartner, ID: id}, Component: comp, Measure: decimal.New(amount*100, 0),
		Amount: decimal.New(amount, 0), PlanHash: hash}
}

// planLedgerBooked writes entries as "recipient component amount hash".
func planLedgerBooked(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Recipient.ID+" "+e.Component+" "+e.Amount.String()+" "+e.PlanHash)
	}
	return out
}

// Accrue books its entries by recipient, then component: acme's "z"
// before bolt's "a" (book's sort compares components only within a
// recipient).
func TestPlanLedgerAccrualOrder(t *testing.T) {
	var l Ledger
	_, es, err := l.Accrue("r1", "2025-Q3", []Estimate{planLedgerEst("bolt", "a", 20, "h"), planLedgerEst("acme", "z", 10, "h")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := planLedgerBooked(es), []string{"acme z 10 h", "bolt a 20 h"}; !slices.Equal(got, want) {
		t.Errorf("booked %q, want %q", got, want)
	}
}

// A reversal records the plan hash the run's estimates share, "" when
// they differ (Accrue: the first estimate sets the shared hash, each
// later one clears it if it differs). Run 1 accrues acme 10, bolt 20 and
// cyan 30 under "h"; a run 2 estimating acme alone under "h" reverses bolt
// (−20) and cyan (−30) with "h"; one estimating acme under "h1" and bolt
// under "h2" reverses cyan with "".
func TestPlanLedgerReversalHash(t *testing.T) {
	var l Ledger
	l, _, err := l.Accrue("r1", "2025-Q3", []Estimate{planLedgerEst("acme", "c", 10, "h"), planLedgerEst("bolt", "c", 20, "h"),
		planLedgerEst("cyan", "c", 30, "h")})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		est  []Estimate
		want []string
	}{
		{"one estimate", []Estimate{planLedgerEst("acme", "c", 10, "h")}, []string{"bolt c -20 h", "cyan c -30 h"}},
		{"two hashes", []Estimate{planLedgerEst("acme", "c", 10, "h1"), planLedgerEst("bolt", "c", 20, "h2")}, []string{"cyan c -30 "}},
	} {
		_, es, err := l.Accrue("r2", "2025-Q3", c.est)
		if err != nil {
			t.Fatal(err)
		}
		if got := planLedgerBooked(es); !slices.Equal(got, c.want) {
			t.Errorf("%s: booked %q, want %q", c.name, got, c.want)
		}
	}
}

// A run or window ID of exactly MaxIDLen (128) bytes may be booked; one
// of 129 is ErrPeriod (Ledger.open and Accrue: `len > MaxIDLen`).
func TestPlanLedgerIDsAtTheLimit(t *testing.T) {
	est := []Estimate{planLedgerEst("acme", "c", 10, "h")}
	at, over := strings.Repeat("r", MaxIDLen), strings.Repeat("r", MaxIDLen+1)
	var l Ledger
	if _, _, err := l.Accrue(at, at, est); err != nil {
		t.Errorf("run and window of %d bytes: %v", MaxIDLen, err)
	}
	_, _, err := l.Accrue(over, "2025-Q3", est)
	if !errors.Is(err, ErrPeriod) || !strings.HasPrefix(err.Error(), "incentive: invalid period: run \"rrr") ||
		!strings.HasSuffix(err.Error(), "\" must have 1 to 128 bytes") {
		t.Errorf("run of %d bytes: %v", MaxIDLen+1, err)
	}
	_, _, err = l.Accrue("r1", over, est)
	if !errors.Is(err, ErrPeriod) || !strings.HasPrefix(err.Error(), "incentive: invalid period: window \"rrr") {
		t.Errorf("window of %d bytes: %v", MaxIDLen+1, err)
	}
}

// ParseLedger's depth limits: a format-1 document (no "format" member)
// nests at most MaxLedgerDepth−1 = 5 deep, a format-2 one 6. The format
// probe skips a member's value up to 5 levels below the top-level object
// (hasFormat: skipShallow(dec, MaxLedgerDepth−1), failing only when
// deeper); deeper, it cannot tell and hands the document to the format-2
// decoder. So {"runs":[[[[[]]]]]} (depth 6, the value 5 levels deep) is
// a format-1 document refused at its sixth level, the fifth "[" at
// /runs/0/0/0/0 ("depth > 5"); {"runs":[[[[[[]]]]]]} (depth 7, the value
// 6 levels deep) goes to the format-2 decoder and is refused at its
// seventh level, the sixth "[" at /runs/0/0/0/0/0 ("depth > 6").
func TestPlanLedgerDepthLimits(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`{"runs":[[[[[]]]]]}`, `strictjson: document nested too deeply at "/runs/0/0/0/0": depth > 5`},
		{`{"runs":[[[[[[]]]]]]}`, `strictjson: document nested too deeply at "/runs/0/0/0/0/0": depth > 6`},
	} {
		_, err := ParseLedger([]byte(c.doc))
		if !errors.Is(err, strictjson.ErrTooDeep) || err.Error() != c.want {
			t.Errorf("%s: got %v, want %q", c.doc, err, c.want)
		}
	}
}

// Clawback claws back only where something was settled (clawRate:
// `Settled.Sign() <= 0` → nothing to claw back), even when the position
// has an earned rate and room under what was clawed back. The ledger is a
// format-2 document, its run hash chained as ParseLedger verifies it,
// holding for acme × c in 2025-Q3 a settlement of 0.00 that earned 10.00
// on a basis of 1,000.00 and a clawback entry of +50.00 (so Settled −
// ClawedBack = 0 − (−50.00) = 50.00). A return of 100.00 against 2025-Q3
// would claw back 100.00 × 10 / 1,000 = 1.00 at the earned rate; as
// nothing was settled it books nothing.
func TestPlanLedgerNothingSettledNothingClawed(t *testing.T) {
	w, acme := "2025-Q3", Recipient{Kind: RecipientPartner, ID: "acme"}
	src := Ledger{runs: []string{"2025-09"}, starts: []int{0}, hashes: make([]string, 1), entries: []Entry{
		{Kind: Settlement, Run: "2025-09", Window: w, Recipient: acme, Component: "c",
			Amount: decimal.New(0, -2), Target: decimal.New(0, -2), Measure: decimal.New(100000, -2), Earned: decimal.New(1000, -2), Basis: decimal.New(100000, -2)},
		{Kind: Clawback, Run: "2025-09", Window: w, Recipient: acme, Component: "c",
			Amount: decimal.New(5000, -2), Target: decimal.New(5000, -2), Measure: decimal.New(-100000, -2)},
	}}
	src.hashes[0] = src.runHash(0, "")
	doc, err := src.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	l, err := ParseLedger(doc)
	if err != nil {
		t.Fatal(err)
	}
	_, es, err := l.Clawback("2025-10", MustParsePlan(mutate("", "")), slices.Values([]Transaction{ret("x1", "100.00", w)}))
	if err != nil || len(es) != 0 {
		t.Errorf("booked %q (%v), want nothing", planLedgerBooked(es), err)
	}
}
