package tier_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

// TestParseScheduleRequiresMoneyMembers pins that a member the mode reads
// to compute a payout is required in JSON: its absence is an ErrMissing
// naming the member, never a silent zero. (Before the fix each of these
// documents parsed, and tier 2 of the first paid 0 on 150,000.55.)
func TestParseScheduleRequiresMoneyMembers(t *testing.T) {
	cases := []struct{ name, doc, path string }{
		{"rate of tier 2", `{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"},{"from":"100000"}]}`, "/tiers/1/rate"},
		{"from of tier 2", `{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"},{"rate":"2%"}]}`, "/tiers/1/from"},
		{"amount", `{"mode":"flat-per-tier","boundary":"lower-inclusive","tiers":[{"from":"0"}]}`, "/tiers/0/amount"},
		{"threshold", `{"mode":"retro-from-threshold","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}`, "/threshold"},
		{"step", `{"mode":"package","boundary":"lower-inclusive","tiers":[{"from":"0","amount":"5"}]}`, "/step"},
		{"rate_places", `{"mode":"linear","boundary":"lower-inclusive","rounding":"half-even","tiers":[{"from":"0","rate":"1%"},{"from":"10","rate":"2%"}]}`, "/rate_places"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := tier.ParseSchedule([]byte(c.doc))
			if !errors.Is(err, tier.ErrMissing) {
				t.Fatalf("ParseSchedule = %v, want ErrMissing", err)
			}
			if !strings.Contains(err.Error(), "tier: "+c.path+": ") {
				t.Errorf("error %q does not name %s", err, c.path)
			}
		})
	}
}

// TestParseScheduleZeroStillAccepted: a member written as zero is stated,
// not absent; flat fees are optional.
func TestParseScheduleZeroStillAccepted(t *testing.T) {
	s, err := tier.ParseSchedule([]byte(`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"0"},{"from":"100","rate":"2%","flat":"5"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	// Round trip: the zero rate is written back, with the unit on the rest.
	b, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"0%"},{"from":"100","rate":"2%","flat":"5"}]}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("MarshalJSON (-want +got):\n%s", diff)
	}
	if _, err := tier.ParseSchedule(b); err != nil {
		t.Errorf("round trip: %v", err)
	}
}

// TestRateUnitRequired pins that a bare non-zero rate is rejected with a
// hint: "1" would be the fraction 1, that is 100 %.
func TestRateUnitRequired(t *testing.T) {
	_, err := tier.ParseSchedule([]byte(`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1"}]}`))
	if !errors.Is(err, strictjson.ErrRateUnit) || !errors.Is(err, tier.ErrJSON) {
		t.Fatalf("err = %v, want ErrRateUnit", err)
	}
	want := `tier: /tiers/0/rate = "1": rate without a unit: did you mean "1%"?`
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

// TestRateAbove100NeedsOptIn pins that a rate above 100 % (here 150 %) is
// an error unless the schedule opts in.
func TestRateAbove100NeedsOptIn(t *testing.T) {
	spec := tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive,
		Tiers: []tier.Tier{{From: decimal.Zero, Rate: money.RateFromPercent(decimal.NewFromInt(150))}}}
	if _, err := tier.New(spec); !errors.Is(err, tier.ErrRate) {
		t.Fatalf("New(150%%) = %v, want ErrRate", err)
	}
	spec.RatesAbove100 = true
	s, err := tier.New(spec)
	if err != nil {
		t.Fatal(err)
	}
	// 150 % of 10 = 15.
	if got := s.Payout(decimal.NewFromInt(10)); !got.Equal(decimal.NewFromInt(15)) {
		t.Errorf("Payout(10) = %s, want 15", got)
	}
}

// TestParseScheduleCountsBeforeDecoding: a document with far more tiers
// than MaxTiers is rejected while it is walked, before the tiers are
// decoded (2,000 tiers used to be decoded first: thousands of
// allocations).
func TestParseScheduleCountsBeforeDecoding(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"mode":"all-units","boundary":"lower-inclusive","tiers":[`)
	for i := range 2000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"from":"%d","rate":"0"}`, i)
	}
	b.WriteString(`]}`)
	doc := []byte(b.String())
	var err error
	allocs := testing.AllocsPerRun(1, func() { _, err = tier.ParseSchedule(doc) })
	if !errors.Is(err, tier.ErrTooManyTiers) || !errors.Is(err, strictjson.ErrTooLong) {
		t.Fatalf("ParseSchedule = %v, want ErrTooManyTiers", err)
	}
	if want := "tier: /tiers: too many tiers: more than 64"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if allocs > 500 {
		t.Errorf("%v allocations before rejecting 2,000 tiers", allocs)
	}
}

// TestExactlyMaxTiers: MaxTiers tiers are accepted, one more is not, in
// Go and in JSON (whose count is checked before decoding).
func TestExactlyMaxTiers(t *testing.T) {
	for _, n := range []int{tier.MaxTiers, tier.MaxTiers + 1} {
		spec := tier.Spec{Mode: tier.Incremental, Boundary: tier.LowerInclusive}
		var b strings.Builder
		b.WriteString(`{"mode":"incremental","boundary":"lower-inclusive","tiers":[`)
		for i := range n {
			spec.Tiers = append(spec.Tiers, tier.Tier{From: decimal.New(int64(i)*100, 0), Rate: money.RateFromPercent(decimal.New(1, 0))})
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"from":"%d","rate":"1%%"}`, i*100)
		}
		b.WriteString(`]}`)
		_, errNew := tier.New(spec)
		s, errParse := tier.ParseSchedule([]byte(b.String()))
		if n == tier.MaxTiers {
			if errNew != nil || errParse != nil {
				t.Fatalf("%d tiers: New %v, ParseSchedule %v", n, errNew, errParse)
			}
			// 1 % of every tier's 100 up to the last bound, then of 50 more.
			if got := s.Payout(decimal.New(int64(n-1)*100+50, 0)); !got.Equal(decimal.New(int64(n-1)+0, 0).Add(decimal.New(5, -1))) {
				t.Errorf("Payout = %s", got)
			}
			continue
		}
		if !errors.Is(errNew, tier.ErrTooManyTiers) || !errors.Is(errParse, tier.ErrTooManyTiers) {
			t.Errorf("%d tiers: New %v, ParseSchedule %v, want ErrTooManyTiers", n, errNew, errParse)
		}
	}
}
