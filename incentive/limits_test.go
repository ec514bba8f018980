package incentive

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

// ledgerDoc returns a ledger of n runs and a settlement entry in each of
// the first m.
func ledgerDoc(n, m int) []byte {
	var b strings.Builder
	b.WriteString(`{"runs":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"r%d"`, i)
	}
	b.WriteString(`],"entries":[`)
	for i := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"kind":"settlement","run":"r%d","window":"w","recipient":{"kind":"partner","id":"a"},"component":"c","amount":"1","target":"1","measure":"1"}`, i)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// TestParseLedgerManyRuns parses 100,000 runs (and 1,000 entries), about
// 0.9 MB. The checks were quadratic in runs (a linear search per run and
// per entry): such a document took about 17 s, and this test timed out
// after 120 s on the old code with 100,000 entries; they are now hash
// lookups (BenchmarkParseLedgerRuns
// shows the linear growth).
func TestParseLedgerManyRuns(t *testing.T) {
	l, err := ParseLedger(ledgerDoc(100000, 1000))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Runs()) != 100000 {
		t.Fatalf("%d runs", len(l.Runs()))
	}
	// The checks still hold: a run listed twice, an entry of an unlisted run.
	_, err = ParseLedger([]byte(`{"runs":["a","b","a"],"entries":[]}`))
	var de *DataError
	if !errors.As(err, &de) || de.Path != "/runs/2" {
		t.Errorf("duplicate run: %v", err)
	}
	_, err = ParseLedger([]byte(`{"runs":["a"],"entries":[{"kind":"settlement","run":"b","window":"w","recipient":{"kind":"partner","id":"a"},"component":"c","amount":"1","target":"1","measure":"1"}]}`))
	if !errors.As(err, &de) || de.Path != "/entries/0/run" {
		t.Errorf("unlisted run: %v", err)
	}
}

func BenchmarkParseLedgerRuns(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		doc := ledgerDoc(n, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseLedger(doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestHugeExponentsRejected pins that amounts, units and facts outside the
// money operating range (exponent beyond ±1000) are typed data errors
// naming the transaction or recipient, before any work. Before the fix
// decimal.New(1, 1e7) was accepted by Add and Result then ran for tens of
// seconds; an exponent of -1e7 failed late with an untyped error.
func TestHugeExponentsRejected(t *testing.T) {
	p := MustParsePlan(unitsPlan)
	period := NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	aug := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	usd := money.MustCurrency("USD")
	txs := []struct {
		name, path string
		tx         Transaction
	}{
		{"huge amount", "/amount", Transaction{ID: "big", Date: aug, Kind: Sale, PartnerID: "a", Amount: money.New(decimal.New(1, 10000000), usd)}},
		{"tiny amount", "/amount", Transaction{ID: "tiny", Date: aug, Kind: Sale, PartnerID: "a", Amount: money.New(decimal.New(1, -10000000), usd)}},
		{"huge units", "/units", Transaction{ID: "u", Date: aug, Kind: Sale, PartnerID: "a", Amount: money.MustParse("1.00 USD"), Units: decimal.New(1, 10000000)}},
	}
	for _, c := range txs {
		t.Run(c.name, func(t *testing.T) {
			a, err := NewAccumulator(p, period)
			if err != nil {
				t.Fatal(err)
			}
			err = a.Add(c.tx)
			var de *DataError
			if !errors.As(err, &de) || de.Transaction != c.tx.ID || de.Path != c.path || !errors.Is(err, ErrData) || !errors.Is(err, money.ErrRange) {
				t.Fatalf("Add = %v, want a range *DataError for %s at %s", err, c.tx.ID, c.path)
			}
		})
	}
	// A fact: the multiplier metric of recipient partner:a.
	mp := MustParsePlan(twoTier(placesTop, `,"modifiers":[{"kind":"multiplier","metric":"csat","bands":[{"from":"4","factor":"1.25"}]}]`, "", `,"rate":"2%"`))
	f := Facts{{RecipientPartner, "a"}: {Metrics: map[string]decimal.Decimal{"csat": decimal.New(1, 10000000)}}}
	_, err := Evaluate(mp, period, f, slices.Values([]Transaction{{ID: "s", Date: aug, Kind: Sale, PartnerID: "a", Amount: money.MustParse("1.00 USD")}}))
	var de *DataError
	if !errors.As(err, &de) || de.Recipient != "partner:a" || de.Path != "/metrics/csat" || !errors.Is(err, money.ErrRange) {
		t.Fatalf("Evaluate(huge metric) = %v, want a range *DataError for partner:a at /metrics/csat", err)
	}
}

// TestNewPlanCountsFirst pins that NewPlan counts components, tiers,
// modifiers, bands and list entries before normalising anything: before
// the fix 10,000 components of one tier each were cloned (an allocation
// each) before the count failed.
func TestNewPlanCountsFirst(t *testing.T) {
	spec := MustParsePlan(twoTier(placesTop, "", "", `,"rate":"2%"`)).Spec()
	comps := make([]ComponentSpec, 10000)
	for i := range comps {
		comps[i] = spec.Components[0]
	}
	spec.Components = comps
	var err error
	allocs := testing.AllocsPerRun(1, func() { _, err = NewPlan(spec) })
	if !errors.Is(err, ErrTooMany) {
		t.Fatalf("NewPlan = %v, want ErrTooMany", err)
	}
	if allocs > 100 {
		t.Errorf("NewPlan allocated %v times before rejecting 10,000 components", allocs)
	}
}

// TestParsePlanCountsBeforeDecoding pins that a plan document with far
// more tiers than MaxTiers is rejected before its tiers are decoded.
func TestParsePlanCountsBeforeDecoding(t *testing.T) {
	var tiers strings.Builder
	for i := range 20000 {
		if i > 0 {
			tiers.WriteByte(',')
		}
		fmt.Fprintf(&tiers, `{"from":"%d","rate":"1%%"}`, i)
	}
	doc := []byte(strings.Replace(twoTierPlan, `{"from":"0","rate":"1%"},{"from":"100000"TIER2}`, tiers.String(), 1))
	doc = []byte(strings.NewReplacer("TOP", placesTop, "COMP", "", "SCHED", "").Replace(string(doc)))
	var err error
	allocs := testing.AllocsPerRun(1, func() { _, err = ParsePlan(doc) })
	if !errors.Is(err, strictjson.ErrTooLong) {
		t.Fatalf("ParsePlan = %v, want ErrTooLong", err)
	}
	if allocs > 2000 {
		t.Errorf("ParsePlan allocated %v times before rejecting 20,000 tiers", allocs)
	}
	_ = tier.MaxTiers
}

func TestParsePlanTooLongMessage(t *testing.T) {
	comps := strings.Repeat(`{},`, 70)
	_, err := ParsePlan([]byte(`{"components":[` + comps[:len(comps)-1] + `]}`))
	want := "incentive: /components: too many entries: more than 64 entries"
	if err == nil || err.Error() != want || !errors.Is(err, ErrTooMany) {
		t.Errorf("ParsePlan = %v, want %s", err, want)
	}
}
