package incentive

import (
	"encoding/binary"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// FuzzParsePlan feeds hostile documents to ParsePlan: it must never panic,
// and a plan it accepts must round-trip through its canonical encoding to
// the same hash.
func FuzzParsePlan(f *testing.F) {
	seeds := []string{
		mutate("", ""),
		benchPlan,
		smokeSeed,
		mutate(`,"cap":null`, ""),
		mutate(`,"cap":1e3`, ""),
		mutate(`,"cap":"1e3"`, ""),
		mutate(`,"cap":"+1"`, ""),
		mutate(`,"cap":"٣"`, ""),
		mutate(`,"Cap":"1","cap":"2"`, ""),
		mutate(`,"floor":"-99999999999999999999999"`, ""),
		mutate(`,"cap":"0.0000000000000000000000001"`, ""),
		mutate(`,"modifiers":[{"kind":"accelerator","factor":"1.5"}]`, ""),
		mutate(`,"eligibility":{"motions":["new","new"]}`, ""),
		mutate(`,"budget":{"amount":"5000","exhaustion":"pro-rata"}`, ""),
		mutate(`,"budget":{"amount":"5000","exhaustion":"first-come"}`, ""),
		mutate(`,"budget":{"exhaustion":"first-come"}`, ""),
		mutate(`,"budget":{"amount":5000,"exhaustion":"pro_rata"}`, ""),
		mutate(`,"budget":{"amount":"-0.001","exhaustion":"first-come","amount":"1"}`, ""),
		mutate(`,"budget":null`, ""),
		mutate(`,"budget":{"amount":"1e30","exhaustion":""}`, ""),
		mutate(`,"modifiers":[{"kind":"gate","metric":"certified","at_least":"1"},{"kind":"gate","attainment":"80%","quota":"1000"}]`, ""),
		mutate(`,"modifiers":[{"kind":"gate","attainment":"80"}]`, ""),
		mutate(`,"modifiers":[{"kind":"gate","metric":"x"}]`, ""),
		mutate(`,"modifiers":[{"kind":"gate","attainment":"1e9%","at_least":null}]`, ""),
		strings.Replace(mutate(`,"contract_value":"annualised"`, ""), `"revenue"`, `"recurring-revenue"`, 1),
		mutate(`,"contract_value":"first-year"`, ""),
		mutate(`,"contract_value":"annualized"`, ""),
		mutate(`,"contract_value":null`, ""),
		mutate(`,"contract_value":""`, ""),
		mutate(`,"overlay":true`, `,"double_credit":true`),
		mutate(`,"team":{"id":"t","share":"weights","members":[{"recipient":{"kind":"partner","id":"a"},"weight":"2"},{"recipient":{"kind":"partner","id":"b"},"weight":"0"}]}`, ""),
		mutate(`,"team":{"id":"t","share":"equal","members":[{"recipient":{"kind":"rep","id":"a"},"weight":"1"}]}`, ""),
		mutate(`,"team":{"id":"","share":"contribution","members":[]}`, ""),
		mutate(`,"team":null`, ""),
		mutate(`,"attainment":{"measures":[{"component":"c","weight":"70%","cap":"150%"},{"metric":"logos","weight":"30%","quota":"4"}]}`, ""),
		mutate(`,"attainment":{"measures":[{"component":"c","weight":"0.7"}]}`, ""),
		mutate(`,"attainment":{"measures":[{"metric":"m","weight":"100%","cap":"1e9%","quota":"-1"}]}`, ""),
		mutate(`,"attainment":{"measures":[]}`, ""),
		mutate(`,"overlay":"true"`, `,"double_credit":1`),
		mutate(`,"overlay":null,"Overlay":false`, `,"double_credit":false,"double_credit":true`),
		strings.Replace(mutate("", ""), `"USD"`, `"XXX"`, 1),
		strings.Replace(mutate("", ""), `"places":2`, `"places":-1`, 1),
		strings.Replace(mutate("", ""), `"rate":"1%"`, `"rate":"1%"`, 1),
		strings.Replace(mutate("", ""), `"rate":"1%"`, `"rate":"-1bp"`, 1),
		`{"id":"p"`,
		`[]`,
		`null`,
		"\xff\xfe",
		`{"id":"p","id":"q"}`,
		strings.Repeat("[", 100) + strings.Repeat("]", 100),
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePlan(data)
		if err != nil {
			if p.IsValid() {
				t.Fatal("invalid plan returned with an error")
			}
			return
		}
		enc, err := p.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON of a valid plan: %v", err)
		}
		q, err := ParsePlan(enc)
		if err != nil {
			t.Fatalf("canonical encoding does not parse: %v\n%s", err, enc)
		}
		if q.Hash() != p.Hash() {
			t.Fatalf("round trip changed the hash")
		}
	})
}

const smokeSeed = `{"id":"s","version":"1","currency":"JPY","rounding":"floor","places":0,"recipient_cap":"100","budget":"1000",
 "components":[{"id":"g","version":"1","effective_from":"2025-01-01","recipient":"rep","measure":"growth-percent",
  "schedule":{"mode":"flat-per-tier","boundary":"upper-inclusive","tiers":[{"from":"0","amount":"0"},{"from":"10","amount":"5"}]},
  "modifiers":[{"kind":"multiplier","metric":"csat","bands":[{"from":"0","factor":"0.5"}]}]}]}`

// fuzzPlans are evaluated against the reference by FuzzEvaluate: every
// schedule mode, both boundary conventions, modifiers, floors and caps.
var fuzzPlans = []string{ //lint:allow global test fixture
	benchPlan,
	`{"id":"f","version":"1","currency":"BHD","rounding":"half-up","places":3,"components":[
	 {"id":"a","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"units","schedule":{"mode":"linear","boundary":"upper-inclusive","tiers":[{"from":"10","rate":"1%"},{"from":"1000","rate":"5%"}],"rate_places":6,"rounding":"half-even"}},
	 {"id":"b","version":"1","effective_from":"2025-01-01","recipient":"rep","measure":"revenue","schedule":{"mode":"retro-from-threshold","boundary":"upper-inclusive","tiers":[{"from":"0","rate":"2%"},{"from":"5000","rate":"4%"}],"threshold":"1000"},"floor":"-5","cap":"90000"},
	 {"id":"c","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue","schedule":{"mode":"increment","boundary":"lower-inclusive","tiers":[{"from":"0","amount":"12.5"}],"threshold":"100","step":"250"}},
	 {"id":"d","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"recurring-revenue","schedule":{"mode":"package","boundary":"upper-inclusive","tiers":[{"from":"0","amount":"7"}],"step":"1000.5"},
	  "modifiers":[{"kind":"accelerator","factor":"2","quota":"3000"},{"kind":"multiplier","metric":"csat","bands":[{"from":"0","factor":"0.9"},{"from":"80","factor":"1.25"}]}]}]}`,
	`{"id":"b","version":"1","currency":"USD","rounding":"half-up","places":2,"components":[
	 {"id":"fc","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"units","schedule":{"mode":"incremental","boundary":"upper-inclusive","tiers":[{"from":"0","price":"0.37"}]},"budget":{"amount":"250.005","exhaustion":"first-come"}},
	 {"id":"fr","version":"1","effective_from":"2025-01-01","recipient":"rep","measure":"revenue","schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"3.5%"}]},"budget":{"amount":"100","exhaustion":"first-come"}},
	 {"id":"pr","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue","schedule":{"mode":"retro-from-threshold","boundary":"upper-inclusive","tiers":[{"from":"0","rate":"2%"},{"from":"5000","rate":"4%"}],"threshold":"1000"},"floor":"-5","budget":{"amount":"333.33","exhaustion":"pro-rata"}}]}`,
}

// FuzzEvaluate decodes transactions from bytes and checks the fast path
// against the all-decimal reference.
func FuzzEvaluate(f *testing.F) {
	f.Add(uint8(0), []byte{})
	f.Add(uint8(1), []byte("0123456789abcdefghijklmnopqrstuvwxyz"))
	f.Add(uint8(0), []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4, 5, 6, 7, 8})
	f.Add(uint8(1), []byte{0, 0, 0, 0, 0, 0, 0, 0x80, 9, 9, 9, 9, 9, 9, 9, 9, 0xff, 0, 0, 0, 0, 0, 0, 0x80})
	plans := make([]Plan, len(fuzzPlans))
	for i, s := range fuzzPlans {
		plans[i] = MustParsePlan(s)
	}
	facts := genFacts()
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		p := plans[int(which)%len(plans)]
		cur := p.Currency()
		var txs []Transaction
		for i := 0; len(data) >= 9 && i < 64; i++ {
			v := int64(binary.LittleEndian.Uint64(data))
			ctl := data[8]
			data = data[9:]
			kind := Sale
			if v < 0 {
				kind = Return
			}
			tx := Transaction{ID: "f", Date: genPeriod.Start.Add(time.Duration(ctl%3) * time.Hour), Kind: kind,
				PartnerID: []string{"p1", "p2"}[ctl>>7], RepID: "r1", Motion: Renewal, Billing: Recurring,
				Amount: money.New(decimal.New(v, -int32(ctl%7)), cur), Units: decimal.New(v%100000, -int32(ctl%5))}
			if kind == Sale && tx.Units.Sign() < 0 || kind == Return && tx.Units.Sign() > 0 {
				tx.Units = tx.Units.Neg()
			}
			txs = append(txs, tx)
		}
		got, err := Evaluate(p, genPeriod, facts, slices.Values(txs))
		want, rerr := refEvaluate(p, genPeriod, facts, txs)
		if (err == nil) != (rerr == nil) {
			t.Fatalf("fast err %v, reference err %v", err, rerr)
		}
		if err != nil {
			return
		}
		if fast := asRef(got); !slices.EqualFunc(want, fast, refLine.equal) {
			t.Fatalf("fast path differs from reference:\n%s", cmp.Diff(want, fast, cmpopts.EquateEmpty()))
		}
		if p.spec.RecipientCap == nil && p.spec.Budget == nil {
			if d := cmp.Diff(refBudgets(t, p, genPeriod, want, txs), fastAmounts(got)); d != "" {
				t.Fatalf("component budgets differ from reference (-ref +fast):\n%s", d)
			}
		}
	})
}
