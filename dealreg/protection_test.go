package dealreg_test

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/money"
)

// policyWith is a protection-only policy: minimum advantage 5 %, the
// given stacking, no lifecycle members.
func policyWith(s dealreg.Stacking) dealreg.Policy {
	return dealreg.MustNewPolicy(dealreg.PolicySpec{MinAdvantage: money.MustRate("0.05"), Pricing: pricing(s)})
}

// The registered owner has tier 10 % + registration
// 15 %; a non-registered competitor gets tier 10 % + special pricing 30 %.
func seedDeal() dealreg.DealPricing {
	return dealreg.DealPricing{
		ID:   "D-1",
		List: money.MustParse("10000.00 USD"),
		Owner: dealreg.Bid{Partner: "OWNER", Discounts: []dealreg.Discount{
			disc(dealreg.TierDiscount, "tier", "0.10"), disc(dealreg.RegistrationDiscount, "registration", "0.15")}},
		Competitors: []dealreg.Bid{
			{Partner: "RIVAL", Discounts: []dealreg.Discount{disc(dealreg.TierDiscount, "tier", "0.10"), disc(dealreg.SpecialPricing, "special", "0.30")}},
			{Partner: "OTHER", Discounts: []dealreg.Discount{disc(dealreg.TierDiscount, "tier", "0.05")}},
		},
	}
}

func TestCheckProtectionSeed(t *testing.T) {
	tests := []struct {
		name                                     string
		stacking                                 dealreg.Stacking
		ownerNet, rivalNet, advantage, violation string
		special, restoredNet                     string
	}{
		// Additive: owner 10000·(1 − 0.25) = 7500; rival 10000·(1 − 0.40) =
		// 6000; M = 5 % of list = 500; target 5500; violated by 2000.
		// d = (7500 − 5500)/10000 = 0.2 → owner net 10000·(1 − 0.45) = 5500.
		{"additive", dealreg.Additive, "7500.00", "6000.00", "-1500.00", "2000.00", "0.2", "5500.00"},
		// Compounding: owner 10000·0.9·0.85 = 7650; rival 10000·0.9·0.7 =
		// 6300; target 5800; violated by 1850. d = 1850/7650 =
		// 0.2418300653… → 0.241831 (ceiling, 6 places); 7650·0.758169 =
		// 5799.99285 → 5799.99 ≤ 5800.
		{"compounding", dealreg.Compounding, "7650.00", "6300.00", "-1350.00", "1850.00", "0.241831", "5799.99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := dealreg.CheckProtection(seedDeal(), policyWith(tt.stacking))
			require.NoError(t, err)
			require.Equal(t, "RIVAL", rep.BestCompetitor)
			require.True(t, rep.OwnerQuote.Net.Equal(money.MustParse(tt.ownerNet+" USD")), "owner %s", rep.OwnerQuote.Net)
			require.True(t, rep.CompetitorNet.Equal(money.MustParse(tt.rivalNet+" USD")), "rival %s", rep.CompetitorNet)
			require.True(t, rep.MinAdvantage.Equal(money.MustParse("500 USD")))
			require.True(t, rep.Advantage.Equal(money.MustParse(tt.advantage+" USD")), "advantage %s", rep.Advantage)
			require.True(t, rep.Violated)
			require.True(t, rep.Violation.Equal(money.MustParse(tt.violation+" USD")), "violation %s", rep.Violation)
			require.True(t, rep.Restore.Possible, rep.Restore.Reason)
			require.True(t, rep.Restore.Special.Equal(money.MustRate(tt.special)), "special %s", rep.Restore.Special.FormatFraction())
			require.True(t, rep.Restore.Quote.Net.Equal(money.MustParse(tt.restoredNet+" USD")), "restored %s", rep.Restore.Quote.Net)
		})
	}
}

// Registration respected: with the same special pricing for both, the
// additive owner keeps L·d_r = 1500 ≥ M; compounding only
// L·d_r·0.9·0.8 = 1080.
func TestCheckProtectionRespected(t *testing.T) {
	d := seedDeal()
	d.Owner.Discounts = append(d.Owner.Discounts, disc(dealreg.SpecialPricing, "special", "0.20"))
	d.Competitors = d.Competitors[:1]
	d.Competitors[0].Discounts = []dealreg.Discount{disc(dealreg.TierDiscount, "tier", "0.10"), disc(dealreg.SpecialPricing, "special", "0.20")}
	for s, adv := range map[dealreg.Stacking]string{dealreg.Additive: "1500.00 USD", dealreg.Compounding: "1080.00 USD"} {
		rep, err := dealreg.CheckProtection(d, policyWith(s))
		require.NoError(t, err)
		require.False(t, rep.Violated, s.String())
		require.True(t, rep.Advantage.Equal(money.MustParse(adv)), "%s advantage %s", s, rep.Advantage)
		require.True(t, rep.Violation.IsZero())
	}
}

// Bad bids are errors that name the deal and the bidder. An empty partner
// ID used to restart the search for the best competitor and could hide a
// violation.
func TestCheckProtectionBadInput(t *testing.T) {
	p := policyWith(dealreg.Additive)
	tests := []struct {
		name string
		edit func(*dealreg.DealPricing)
		want error
		msg  string
	}{
		{"competitor without ID", func(d *dealreg.DealPricing) { d.Competitors[0].Partner = "" }, dealreg.ErrMissingField,
			`dealreg: /competitors/0/partner: missing required field`},
		{"owner without ID", func(d *dealreg.DealPricing) { d.Owner.Partner = "" }, dealreg.ErrMissingField, ""},
		{"deal without ID", func(d *dealreg.DealPricing) { d.ID = "" }, dealreg.ErrMissingField, ""},
		{"owner also competing", func(d *dealreg.DealPricing) { d.Competitors[1].Partner = "OWNER" }, dealreg.ErrDuplicateID,
			`dealreg: /competitors/1/partner = "OWNER": duplicate bidder id`},
		{"competitor stack above 100%", func(d *dealreg.DealPricing) {
			d.Competitors[0].Discounts = append(d.Competitors[0].Discounts, disc(dealreg.Promotion, "promo", "0.7"))
		}, dealreg.ErrStack, `dealreg: deal "D-1" competitor "RIVAL": discounts total 1.1, above 100%`},
		{"owner rate above one", func(d *dealreg.DealPricing) { d.Owner.Discounts[0].Rate = money.MustRate("1.5") }, dealreg.ErrStack,
			`dealreg: deal "D-1" owner "OWNER": discount "tier" rate 1.5 outside [0, 1]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := seedDeal()
			tt.edit(&d)
			_, err := dealreg.CheckProtection(d, p)
			require.ErrorIs(t, err, tt.want)
			if tt.msg != "" {
				require.EqualError(t, err, tt.msg)
			}
		})
	}
	var be *dealreg.BidError
	d := seedDeal()
	d.Owner.Discounts[0].Rate = money.MustRate("1.5")
	_, err := dealreg.CheckProtection(d, p)
	require.ErrorAs(t, err, &be)
	require.Equal(t, dealreg.BidError{Deal: "D-1", Partner: "OWNER", Owner: true, Err: be.Err}, *be)

	bad := p.Spec()
	bad.MinAdvantage = money.MustRate("-0.05")
	_, err = dealreg.NewPolicy(bad)
	require.ErrorIs(t, err, dealreg.ErrInvalidField)
	require.Equal(t, "/min_advantage", fieldPath(err))
}

// Special pricing nullified the registration only when the owner would
// keep its advantage without the competitors' special prices.
func TestBySpecialPricing(t *testing.T) {
	p := policyWith(dealreg.Additive)
	// Seed deal: violated (owner 7500 vs rival 6000 − 500). Without the
	// rival's 30 % special the rival nets 9000 and OTHER 9500: target
	// 9000 − 500 = 8500 ≥ 7500, so special pricing is the cause.
	rep, err := dealreg.CheckProtection(seedDeal(), p)
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.True(t, rep.BySpecialPricing)

	// A platinum rival with a 30 % tier discount and no special pricing:
	// 7000 − 500 = 6500 < 7500, violated, but not by special pricing.
	tierOnly := seedDeal()
	tierOnly.ID = "D-2"
	tierOnly.Competitors = []dealreg.Bid{{Partner: "PLATINUM", Discounts: []dealreg.Discount{disc(dealreg.TierDiscount, "tier", "0.30")}}}
	rep, err = dealreg.CheckProtection(tierOnly, p)
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.False(t, rep.BySpecialPricing)

	// Programme: 2 violations of 2 deals (share 1), 1 by special pricing
	// (1/2 = 0.5).
	prog, err := dealreg.CheckProgramme([]dealreg.DealPricing{tierOnly, seedDeal()}, p)
	require.NoError(t, err)
	require.Equal(t, 2, prog.Violations)
	require.Equal(t, 1, prog.BySpecialPricing)
	require.True(t, prog.Share.Equal(money.MustRate("1")))
	require.True(t, prog.SpecialPricingShare.Equal(money.MustRate("0.5")))
}

func TestCheckProtectionEdges(t *testing.T) {
	// No competitors: nothing to violate.
	d := seedDeal()
	d.Competitors = nil
	rep, err := dealreg.CheckProtection(d, policyWith(dealreg.Additive))
	require.NoError(t, err)
	require.False(t, rep.Violated)
	require.Equal(t, "", rep.BestCompetitor)

	// Duplicate competitor.
	d = seedDeal()
	d.Competitors = append(d.Competitors, d.Competitors[0])
	_, err = dealreg.CheckProtection(d, policyWith(dealreg.Additive))
	require.ErrorIs(t, err, dealreg.ErrDuplicateID)

	// A competitor at 100 % off: target −500 < 0, cannot restore.
	d = seedDeal()
	d.Competitors[0].Discounts = []dealreg.Discount{disc(dealreg.SpecialPricing, "special", "1")}
	rep, err = dealreg.CheckProtection(d, policyWith(dealreg.Additive))
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.False(t, rep.Restore.Possible)
	require.Contains(t, rep.Restore.Reason, "below zero")

	// A rival at 96 % off nets 400; target 400 − 500 < 0.
	d = seedDeal()
	d.Owner.Discounts[0].Rate = money.MustRate("0.60")
	d.Competitors = []dealreg.Bid{{Partner: "RIVAL", Discounts: []dealreg.Discount{disc(dealreg.SpecialPricing, "special", "0.96")}}}
	rep, err = dealreg.CheckProtection(d, policyWith(dealreg.Additive))
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.False(t, rep.Restore.Possible)

	// Priority with tier first: special pricing cannot help the owner.
	p := policyWith(dealreg.Priority)
	p = with(p, func(s *dealreg.PolicySpec) {
		s.Pricing.Priority = []dealreg.DiscountKind{dealreg.TierDiscount, dealreg.SpecialPricing, dealreg.RegistrationDiscount, dealreg.Promotion}
	})
	rep, err = dealreg.CheckProtection(seedDeal(), p)
	require.NoError(t, err)
	// Owner: tier 10 % only = 9000; rival: tier 10 % = 9000; other 5 % = 9500.
	require.True(t, rep.Violated)
	require.False(t, rep.Restore.Possible)
	require.Contains(t, rep.Restore.Reason, "has priority")

	// Capped sum at 30 %: owner 25 %, rival min(40 %, 30 %) = 7000, target
	// 6500 needs 35 % > cap.
	p = policyWith(dealreg.CappedSum)
	p = with(p, func(s *dealreg.PolicySpec) { s.Pricing.Cap = money.MustRate("0.30") })
	rep, err = dealreg.CheckProtection(seedDeal(), p)
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.False(t, rep.Restore.Possible)
	require.Contains(t, rep.Restore.Reason, "cap")

	// Floor at 60 % of list with error: restoring to 5500 breaks it.
	p = policyWith(dealreg.Additive)
	p = with(p, func(s *dealreg.PolicySpec) {
		s.Pricing.Floor = dealreg.Floor{Kind: dealreg.FloorShareOfList, Rate: money.MustRate("0.55"), Action: dealreg.FloorError}
	})
	rep, err = dealreg.CheckProtection(seedDeal(), p)
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.True(t, rep.Restore.Possible)                                                      // 5500 is exactly the floor
	p = with(p, func(s *dealreg.PolicySpec) { s.Pricing.Floor.Rate = money.MustRate("0.56") }) // 5500 < 5600: the fix breaks the floor
	rep, err = dealreg.CheckProtection(seedDeal(), p)
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.False(t, rep.Restore.Possible)
	require.Contains(t, rep.Restore.Reason, "floor")
}

// Properties of the restore: when possible, the restored quote meets the
// invariant, and the special rate one step (10⁻⁶) lower would not (the
// rate is the smallest sufficient one on the 6-place grid, measured on the
// exact net against the target rounded down to the minor unit).
func TestRestoreProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		st := rapid.SampledFrom([]dealreg.Stacking{dealreg.Additive, dealreg.Compounding, dealreg.BestOf, dealreg.CappedSum, dealreg.Priority}).Draw(t, "stacking")
		p := policyWith(st)
		p = with(p, func(s *dealreg.PolicySpec) {
			s.MinAdvantage = money.RateFromBasisPoints(decimal.NewFromInt(rapid.Int64Range(0, 1000).Draw(t, "mbp")))
		})
		p = with(p, func(s *dealreg.PolicySpec) {
			s.Pricing.Rounding = rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.Ceiling, money.Floor}).Draw(t, "mode")
		})
		bp := func(name string, hi int64) money.Rate {
			return money.RateFromBasisPoints(decimal.NewFromInt(rapid.Int64Range(0, hi).Draw(t, name)))
		}
		d := dealreg.DealPricing{
			ID:   "D",
			List: money.FromMinor(rapid.Int64Range(1, 1e9).Draw(t, "list"), money.MustCurrency("USD")),
			Owner: dealreg.Bid{Partner: "O", Discounts: []dealreg.Discount{
				{Kind: dealreg.TierDiscount, Name: "tier", Rate: bp("tier", 2500)},
				{Kind: dealreg.RegistrationDiscount, Name: "reg", Rate: bp("reg", 2000)},
				{Kind: dealreg.SpecialPricing, Name: "sp", Rate: bp("ownsp", 1000)},
			}},
		}
		for i := range rapid.IntRange(1, 3).Draw(t, "competitors") {
			d.Competitors = append(d.Competitors, dealreg.Bid{Partner: fmt.Sprintf("C%d", i), Discounts: []dealreg.Discount{
				{Kind: dealreg.TierDiscount, Name: "tier", Rate: bp("ctier", 2500)},
				{Kind: dealreg.SpecialPricing, Name: "sp", Rate: bp("csp", 5000)},
			}})
		}
		rep, err := dealreg.CheckProtection(d, p)
		if err != nil {
			t.Fatal(err)
		}
		target, _ := rep.CompetitorNet.Sub(rep.MinAdvantage)
		if rep.Violated != (rep.OwnerQuote.Net.Decimal().Cmp(target.Decimal()) > 0) {
			t.Fatalf("violated = %v, owner %s target %s", rep.Violated, rep.OwnerQuote.Net, target)
		}
		if !rep.Violated || !rep.Restore.Possible {
			return
		}
		if rep.Restore.Quote.Net.Decimal().Cmp(target.Decimal()) > 0 {
			t.Fatalf("restored net %s above target %s", rep.Restore.Quote.Net, target)
		}
		x, _ := target.RoundTo(2, money.Floor)
		step := money.RateFromFraction(decimal.New(1, -dealreg.RestorePlaces))
		lower := rep.Restore.Special.Sub(step)
		if lower.Sign() < 0 {
			return
		}
		var others []dealreg.Discount
		for _, ds := range d.Owner.Discounts {
			if ds.Kind != dealreg.SpecialPricing {
				others = append(others, ds)
			}
		}
		q, err := p.Pricing().Quote(d.List, append(others, dealreg.Discount{Kind: dealreg.SpecialPricing, Name: "x", Rate: lower}), money.Amount{})
		if err != nil {
			t.Fatal(err)
		}
		if q.ExactNet.Decimal().Cmp(x.Decimal()) <= 0 {
			t.Fatalf("special %s is not minimal: %s already reaches %s", rep.Restore.Special.FormatFraction(), lower.FormatFraction(), x)
		}
	})
}

func TestCheckProgramme(t *testing.T) {
	p := policyWith(dealreg.Additive)
	ok := seedDeal()
	ok.ID = "D-2"
	ok.Competitors = ok.Competitors[1:] // only OTHER at 9500: target 9000 ≥ 7500
	bad := seedDeal()                   // violated by 2000.00
	bad2 := seedDeal()
	bad2.ID = "D-3"
	bad2.List = money.MustParse("20000.00 USD") // scales: violated by 4000.00
	rep, err := dealreg.CheckProgramme([]dealreg.DealPricing{bad2, ok, bad}, p)
	require.NoError(t, err)
	require.Equal(t, 3, rep.Deals)
	require.Equal(t, 2, rep.Violations)
	require.True(t, rep.Share.Equal(money.MustRate("0.6667")), rep.Share.FormatFraction()) // 2/3 half-even at 4 places
	require.True(t, rep.TotalViolation.Equal(money.MustParse("6000.00 USD")))
	require.Equal(t, []string{"D-1", "D-3"}, rep.Violated)
	require.Equal(t, "D-1", rep.Reports[0].Deal)

	_, err = dealreg.CheckProgramme([]dealreg.DealPricing{bad, bad}, p)
	require.ErrorIs(t, err, dealreg.ErrDuplicateID)
	eur := seedDeal()
	eur.ID = "D-9"
	eur.List = money.MustParse("10.00 EUR")
	_, err = dealreg.CheckProgramme([]dealreg.DealPricing{bad, eur}, p)
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	empty, err := dealreg.CheckProgramme(nil, p)
	require.NoError(t, err)
	require.Zero(t, empty.Deals)
}
