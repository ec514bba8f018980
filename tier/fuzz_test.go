package tier_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// FuzzNew builds specs from arbitrary fields: New must never panic, errors
// must be *SpecError values, and a valid schedule must evaluate without
// panicking and satisfy Evaluate == Payout and the Marginal identity.
func FuzzNew(f *testing.F) {
	f.Add(uint8(1), uint8(1), "0", "0.02", "100000", "0.03", "", "", "0", int32(0), uint8(0), "99999.99", "0.01")
	f.Add(uint8(2), uint8(2), "0", "0.02", "100000", "0.03", "", "", "0", int32(0), uint8(0), "100000", "-5")
	f.Add(uint8(3), uint8(1), "0", "0.02", "100000", "0.03", "", "100000", "", int32(0), uint8(0), "100000.01", "1")
	f.Add(uint8(4), uint8(1), "10", "0.01", "20", "0.03", "", "", "", int32(6), uint8(1), "13.3333", "2")
	f.Add(uint8(5), uint8(1), "0", "", "", "", "50", "100", "10", int32(0), uint8(0), "120", "-30")
	f.Add(uint8(6), uint8(2), "0", "", "10", "", "5", "", "", int32(0), uint8(0), "10", "0")
	f.Add(uint8(7), uint8(2), "0", "", "", "", "25", "", "100", int32(0), uint8(0), "100.01", "99.99")
	f.Add(uint8(0), uint8(0), "-1", "-0.5", "-2", "x", "-1", "-1", "0", int32(-1), uint8(99), "1e5", "")
	f.Add(uint8(1), uint8(1), "0", "0.000000000000000000001", "1000000000000000000000", "1", "", "", "", int32(0), uint8(0), "1", "1")
	f.Add(uint8(4), uint8(2), "5", "0.5", "5", "0.5", "", "", "", int32(19), uint8(8), "5", "0")
	f.Fuzz(func(t *testing.T, mode, boundary uint8, from0, rate0, from1, rate1, amount, threshold, step string,
		places int32, rounding uint8, xs, ds string) {
		dec := func(s string) decimal.Decimal {
			v, err := money.ParseDecimal(s)
			if err != nil {
				return decimal.Decimal{}
			}
			return v
		}
		spec := tier.Spec{
			Mode: tier.Mode(mode), Boundary: tier.Boundary(boundary),
			Tiers: []tier.Tier{
				{From: dec(from0), Rate: money.RateFromFraction(dec(rate0)), Amount: dec(amount)},
			},
			Threshold: dec(threshold), Step: dec(step), RatePlaces: places, Rounding: money.RoundingMode(rounding),
		}
		if from1 != "" {
			spec.Tiers = append(spec.Tiers, tier.Tier{From: dec(from1), Rate: money.RateFromFraction(dec(rate1)), Amount: dec(amount)})
		}
		s, err := tier.New(spec)
		if err != nil {
			for _, e := range unjoin(err) {
				var se *tier.SpecError
				if !errors.As(e, &se) {
					t.Fatalf("not a *SpecError: %v", e)
				}
			}
			if s.IsValid() {
				t.Fatal("invalid spec gave a valid schedule")
			}
			return
		}
		x, dl := dec(xs), dec(ds)
		ev := s.Evaluate(x)
		if !ev.Payout.Equal(s.Payout(x)) {
			t.Fatalf("Evaluate.Payout %s != Payout %s", ev.Payout, s.Payout(x))
		}
		if !s.Payout(x).Add(s.Marginal(x, dl)).Equal(s.Payout(x.Add(dl))) {
			t.Fatal("Marginal identity broken")
		}
		if fs, ok := s.Fixed(2); ok {
			checkFixed(t, s, fs, x)
		}
	})
}

// FuzzParseSchedule feeds arbitrary documents to ParseSchedule: no
// panics, every error is a *SpecError whose path is a valid JSON Pointer,
// and accepted documents round-trip.
func FuzzParseSchedule(f *testing.F) {
	for _, s := range []string{
		`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"0.02"},{"from":"100000","rate":"3%"}]}`,
		`{"mode":"linear","boundary":"upper-inclusive","rate_places":6,"rounding":"half-even","tiers":[{"from":"100","rate":"1%"},{"from":"200","rate":"3%"}]}`,
		`{"mode":"increment","boundary":"lower-inclusive","threshold":"100","step":"10","tiers":[{"from":"0","amount":"50"}]}`,
		`{"mode":"package","boundary":"upper-inclusive","step":"100","tiers":[{"from":"0","amount":"25"}]}`,
		`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":0,"rate":"0.02"}]}`,
		`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":null}]}`,
		`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"0.02","From":"1"}]}`,
		`{"mode":"all-units","mode":"incremental","boundary":"lower-inclusive","tiers":[]}`,
		`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"1e3","rate":"0.02"}]}`,
		`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"0.02"}],"extra":1}`,
		`{"mode":"flat-per-tier","boundary":"lower-inclusive","tiers":[{"from":"0","amount":"-1"}]}`,
		`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
		`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"0.02"}]} x`,
		"\xff", ``, `null`, `"all-units"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := tier.ParseSchedule(data)
		if err != nil {
			var se *tier.SpecError
			if !errors.As(err, &se) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			checkPaths(t, err)
			return
		}
		b, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := tier.ParseSchedule(b)
		if err != nil || !back.Equal(s) {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		_ = s.Evaluate(decimal.New(12345, -2))
	})
}
