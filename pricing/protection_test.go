package pricing_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

// protectionSpec returns a rule with a minimum advantage of 5 % of list
// under spec(s).
func protectionSpec(s pricing.Stacking) pricing.ProtectionSpec {
	return pricing.ProtectionSpec{MinAdvantage: ratePtr("0.05"), Pricing: spec(s)}
}

func protection(t fataler, ps pricing.ProtectionSpec) pricing.Protection {
	t.Helper()
	p, err := pricing.NewProtection(ps)
	return must(t, p, err)
}

// The classic conflict: the registered owner has tier 10 % + registration
// 15 %; a non-registered competitor gets tier 10 % + special pricing 30 %.
func classicContest() pricing.Contest {
	return pricing.Contest{
		ID:   "D-1",
		List: money.MustParse("10000.00 USD"),
		Owner: pricing.Bid{Partner: "OWNER", Discounts: []pricing.Discount{
			disc(pricing.TierDiscount, "tier", "0.10"), disc(pricing.RegistrationDiscount, "registration", "0.15")}},
		Competitors: []pricing.Bid{
			{Partner: "RIVAL", Discounts: []pricing.Discount{disc(pricing.TierDiscount, "tier", "0.10"), disc(pricing.SpecialPricing, "special", "0.30")}},
			{Partner: "OTHER", Discounts: []pricing.Discount{disc(pricing.TierDiscount, "tier", "0.05")}},
		},
	}
}

func TestCheckClassic(t *testing.T) {
	tests := []struct {
		name                                     string
		stacking                                 pricing.Stacking
		ownerNet, rivalNet, advantage, violation string
		special, restoredNet                     string
	}{
		// Additive: owner 10000·(1 − 0.25) = 7500; rival 10000·(1 − 0.40) =
		// 6000; M = 5 % of list = 500; target 5500; violated by 2000.
		// d = (7500 − 5500)/10000 = 0.2 → owner net 10000·(1 − 0.45) = 5500.
		{"additive", pricing.Additive, "7500.00", "6000.00", "-1500.00", "2000.00", "0.2", "5500.00"},
		// Compounding: owner 10000·0.9·0.85 = 7650; rival 10000·0.9·0.7 =
		// 6300; target 5800; violated by 1850. d = 1850/7650 =
		// 0.2418300653… → 0.241831 (ceiling, 6 places); 7650·0.758169 =
		// 5799.99285 → 5799.99 ≤ 5800.
		{"compounding", pricing.Compounding, "7650.00", "6300.00", "-1350.00", "1850.00", "0.241831", "5799.99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := protection(t, protectionSpec(tt.stacking)).Check(classicContest())
			require.NoError(t, err)
			require.Equal(t, "RIVAL", rep.BestCompetitor)
			require.True(t, rep.OwnerQuote.Net.Equal(money.MustParse(tt.ownerNet+" USD")), "owner %s", rep.OwnerQuote.Net)
			require.True(t, rep.CompetitorNet.Equal(money.MustParse(tt.rivalNet+" USD")), "rival %s", rep.CompetitorNet)
			require.True(t, rep.MinAdvantage.Equal(money.MustParse("500 USD")))
			require.True(t, rep.Advantage.Equal(money.MustParse(tt.advantage+" USD")), "advantage %s", rep.Advantage)
			require.True(t, rep.Violated)
			require.True(t, rep.Violation.Equal(money.MustParse(tt.violation+" USD")), "violation %s", rep.Violation)
			require.True(t, rep.Restore.Possible, rep.Restore.Reason.Sentence())
			require.True(t, rep.Restore.Special.Equal(money.MustRate(tt.special)), "special %s", rep.Restore.Special.FormatFraction())
			require.True(t, rep.Restore.Quote.Net.Equal(money.MustParse(tt.restoredNet+" USD")), "restored %s", rep.Restore.Quote.Net)
		})
	}
}

// Registration respected: with the same special pricing for both, the
// additive owner keeps L·d_r = 1500 ≥ M; compounding only
// L·d_r·0.9·0.8 = 1080.
func TestCheckRespected(t *testing.T) {
	d := classicContest()
	d.Owner.Discounts = append(d.Owner.Discounts, disc(pricing.SpecialPricing, "special", "0.20"))
	d.Competitors = d.Competitors[:1]
	d.Competitors[0].Discounts = []pricing.Discount{disc(pricing.TierDiscount, "tier", "0.10"), disc(pricing.SpecialPricing, "special", "0.20")}
	for _, tc := range []struct {
		s   pricing.Stacking
		adv string
	}{{pricing.Additive, "1500.00 USD"}, {pricing.Compounding, "1080.00 USD"}} {
		rep, err := protection(t, protectionSpec(tc.s)).Check(d)
		require.NoError(t, err)
		require.False(t, rep.Violated, tc.s.String())
		require.True(t, rep.Advantage.Equal(money.MustParse(tc.adv)), "%s advantage %s", tc.s, rep.Advantage)
		require.True(t, rep.Violation.IsZero())
	}
}

type contestCase struct {
	name string
	edit func(*pricing.Contest)
	want error
	path string
	msg  string
}

// Bad bids are errors that name the deal and the JSON Pointer of the bad
// value. An empty partner ID used to restart the search for the best
// competitor and could hide a violation.
func contestErrorCases() []contestCase {
	return []contestCase{
		{"competitor without ID", func(d *pricing.Contest) { d.Competitors[0].Partner = "" }, pricing.ErrMissing,
			"/competitors/0/partner", `pricing: deal "D-1" /competitors/0/partner: missing required value`},
		{"owner without ID", func(d *pricing.Contest) { d.Owner.Partner = "" }, pricing.ErrMissing, "/owner/partner", ""},
		{"deal without ID", func(d *pricing.Contest) { d.ID = "" }, pricing.ErrMissing, "/id", "pricing: /id: missing required value"},
		{"owner also competing", func(d *pricing.Contest) { d.Competitors[1].Partner = "OWNER" }, pricing.ErrDuplicate,
			"/competitors/1/partner", `pricing: deal "D-1" /competitors/1/partner = "OWNER": duplicate: the partner bids twice`},
		{"competitor stack above 100%", func(d *pricing.Contest) {
			d.Competitors[0].Discounts = append(d.Competitors[0].Discounts, disc(pricing.Promotion, "promo", "0.7"))
		}, pricing.ErrStack, "/competitors/0/discounts",
			`pricing: deal "D-1" /competitors/0/discounts = "1.1": invalid discount stack: the discounts total more than 100%`},
		{"owner rate above one", func(d *pricing.Contest) { d.Owner.Discounts[0].Rate = money.MustRate("1.5") }, pricing.ErrStack,
			"/owner/discounts/0/rate", `pricing: deal "D-1" /owner/discounts/0/rate = "1.5": invalid discount stack: rate outside [0, 1]`},
		{"competitor unnamed discount", func(d *pricing.Contest) { d.Competitors[1].Discounts[0].Name = "" }, pricing.ErrMissing,
			"/competitors/1/discounts/0/name", ""},
		{"no list", func(d *pricing.Contest) { d.List = money.Amount{} }, pricing.ErrMissing, "/list", ""},
		{"cost in another currency", func(d *pricing.Contest) { d.Cost = money.MustParse("1.00 EUR") }, pricing.ErrCurrency, "/cost", ""},
	}
}

func TestCheckBadInput(t *testing.T) {
	p := protection(t, protectionSpec(pricing.Additive))
	for _, tt := range contestErrorCases() {
		t.Run(tt.name, func(t *testing.T) {
			d := classicContest()
			tt.edit(&d)
			_, err := p.Check(d)
			require.ErrorIs(t, err, tt.want)
			var ie *pricing.InputError
			require.ErrorAs(t, err, &ie)
			require.Equal(t, tt.path, ie.Path)
			require.Equal(t, d.ID, ie.Deal)
			if tt.msg != "" {
				require.EqualError(t, err, tt.msg)
			}
		})
	}
	// A bid below an error floor is wrapped at its discounts: 75 % off
	// the owner's list is 2500.00, below 30 % of list = 3000.00.
	floored := protectionSpec(pricing.Additive)
	floored.Pricing = withFloor(floored.Pricing, pricing.FloorShareOfList, "0.3", pricing.FloorError)
	d := classicContest()
	d.Owner.Discounts = append(d.Owner.Discounts, disc(pricing.Promotion, "promo", "0.5"))
	_, err := protection(t, floored).Check(d)
	require.ErrorIs(t, err, pricing.ErrFloor)
	require.EqualError(t, err, `pricing: deal "D-1" /owner/discounts: net 2500.00 below share-of-list floor 3000.00`)
	// A margin floor needs the contest's cost.
	margin := protectionSpec(pricing.Additive)
	margin.Pricing = withFloor(margin.Pricing, pricing.FloorMargin, "0.2", pricing.FloorError)
	_, err = protection(t, margin).Check(classicContest())
	require.ErrorIs(t, err, pricing.ErrMissing)
	require.EqualError(t, err, `pricing: deal "D-1" /cost: missing required value: a margin floor needs the cost`)
}

// Special pricing nullified the registration only when the owner would
// keep its advantage without the competitors' special prices.
func TestBySpecialPricing(t *testing.T) {
	p := protection(t, protectionSpec(pricing.Additive))
	// Classic contest: violated (owner 7500 vs rival 6000 − 500). Without
	// the rival's 30 % special the rival nets 9000 and OTHER 9500: target
	// 9000 − 500 = 8500 ≥ 7500, so special pricing is the cause.
	rep, err := p.Check(classicContest())
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.True(t, rep.BySpecialPricing)

	// A platinum rival with a 30 % tier discount and no special pricing:
	// 7000 − 500 = 6500 < 7500, violated, but not by special pricing.
	tierOnly := classicContest()
	tierOnly.ID = "D-2"
	tierOnly.Competitors = []pricing.Bid{{Partner: "PLATINUM", Discounts: []pricing.Discount{disc(pricing.TierDiscount, "tier", "0.30")}}}
	rep, err = p.Check(tierOnly)
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.False(t, rep.BySpecialPricing)

	// Programme: 2 violations of 2 deals (share 1), 1 by special pricing
	// (1/2 = 0.5).
	prog, err := p.CheckProgramme([]pricing.Contest{tierOnly, classicContest()})
	require.NoError(t, err)
	require.Equal(t, 2, prog.Violations)
	require.Equal(t, 1, prog.BySpecialPricing)
	require.True(t, prog.Share.Equal(money.MustRate("1")))
	require.True(t, prog.SpecialPricingShare.Equal(money.MustRate("0.5")))
}

func TestCheckEdges(t *testing.T) {
	// No competitors: nothing to violate.
	d := classicContest()
	d.Competitors = nil
	rep, err := protection(t, protectionSpec(pricing.Additive)).Check(d)
	require.NoError(t, err)
	require.False(t, rep.Violated)
	require.Equal(t, "", rep.BestCompetitor)

	// Duplicate competitor.
	d = classicContest()
	d.Competitors = append(d.Competitors, d.Competitors[0])
	_, err = protection(t, protectionSpec(pricing.Additive)).Check(d)
	require.ErrorIs(t, err, pricing.ErrDuplicate)

	// A competitor at 100 % off: target −500 < 0, cannot restore.
	d = classicContest()
	d.Competitors[0].Discounts = []pricing.Discount{disc(pricing.SpecialPricing, "special", "1")}
	rep, err = protection(t, protectionSpec(pricing.Additive)).Check(d)
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.False(t, rep.Restore.Possible)
	require.Equal(t, pricing.ReasonTargetBelowZero, rep.Restore.Reason)

	// A rival at 96 % off nets 400; target 400 − 500 < 0.
	d = classicContest()
	d.Owner.Discounts[0].Rate = money.MustRate("0.60")
	d.Competitors = []pricing.Bid{{Partner: "RIVAL", Discounts: []pricing.Discount{disc(pricing.SpecialPricing, "special", "0.96")}}}
	rep, err = protection(t, protectionSpec(pricing.Additive)).Check(d)
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.False(t, rep.Restore.Possible)

	// Priority with tier first: special pricing cannot help the owner.
	ps := protectionSpec(pricing.Priority)
	ps.Pricing.Priority = []pricing.DiscountKind{pricing.TierDiscount, pricing.SpecialPricing, pricing.RegistrationDiscount, pricing.Promotion}
	rep, err = protection(t, ps).Check(classicContest())
	require.NoError(t, err)
	// Owner: tier 10 % only = 9000; rival: tier 10 % = 9000; other 5 % = 9500.
	require.True(t, rep.Violated)
	require.False(t, rep.Restore.Possible)
	require.Equal(t, pricing.ReasonPriority, rep.Restore.Reason)
	require.Equal(t, "tier", rep.Restore.Blocking)

	// Capped sum at 30 %: owner 25 %, rival min(40 %, 30 %) = 7000, target
	// 6500 needs 35 % > cap.
	ps = protectionSpec(pricing.CappedSum)
	ps.Pricing.Cap = ratePtr("0.30")
	rep, err = protection(t, ps).Check(classicContest())
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.False(t, rep.Restore.Possible)
	require.Equal(t, pricing.ReasonAboveCap, rep.Restore.Reason)

	// Floor at 55 % of list with error: restoring to 5500 is exactly the
	// floor; at 56 % (5600) the fix breaks it.
	ps = protectionSpec(pricing.Additive)
	ps.Pricing = withFloor(ps.Pricing, pricing.FloorShareOfList, "0.55", pricing.FloorError)
	rep, err = protection(t, ps).Check(classicContest())
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.True(t, rep.Restore.Possible)
	ps.Pricing = withFloor(ps.Pricing, pricing.FloorShareOfList, "0.56", pricing.FloorError)
	rep, err = protection(t, ps).Check(classicContest())
	require.NoError(t, err)
	require.True(t, rep.Violated)
	require.False(t, rep.Restore.Possible)
	require.Equal(t, pricing.ReasonBreaksFloor, rep.Restore.Reason)

	// The same floor with clamp: the restoring quote is clamped to 5600 >
	// target 5500.
	ps.Pricing.Floor.Action = pricing.FloorClamp
	rep, err = protection(t, ps).Check(classicContest())
	require.NoError(t, err)
	require.False(t, rep.Restore.Possible)
	require.Equal(t, pricing.ReasonFloorClamp, rep.Restore.Reason)
	require.True(t, rep.Restore.Quote.Net.Equal(money.MustParse("5600.00 USD")))

	// Additive, owner tier 60 % + registration 30 % nets 1000.00; a rival
	// at 92 % off nets 800.00, target 800 − 500 = 300: d = (10000·0.1 −
	// 300)/10000 = 0.07, a total of 97 %: possible, net 300.00.
	d = classicContest()
	d.Owner.Discounts = []pricing.Discount{disc(pricing.TierDiscount, "tier", "0.60"), disc(pricing.RegistrationDiscount, "registration", "0.30")}
	d.Competitors = []pricing.Bid{{Partner: "RIVAL", Discounts: []pricing.Discount{disc(pricing.SpecialPricing, "special", "0.92")}}}
	rep, err = protection(t, protectionSpec(pricing.Additive)).Check(d)
	require.NoError(t, err)
	require.True(t, rep.Restore.Possible)
	require.True(t, rep.Restore.Special.Equal(money.MustRate("0.07")), rep.Restore.Special.FormatFraction())
	require.True(t, rep.Restore.Quote.Net.Equal(money.MustParse("300.00 USD")))
}

// Restores at the edge of 100 %.
func TestRestoreAtFullDiscount(t *testing.T) {
	free := []pricing.Bid{{Partner: "RIVAL", Discounts: []pricing.Discount{disc(pricing.SpecialPricing, "special", "1")}}}
	// Best-of, M = 0, owner 15 % nets 8500.00; a free rival: target 0,
	// d = (10000 − 0)/10000 = 1: possible, net 0.00.
	ps := protectionSpec(pricing.BestOf)
	ps.MinAdvantage = ratePtr("0")
	d := classicContest()
	d.Competitors = free
	rep, err := protection(t, ps).Check(d)
	require.NoError(t, err)
	require.True(t, rep.Restore.Possible)
	require.True(t, rep.Restore.Special.Equal(money.MustRate("1")))

	// Additive, M = 0, owner 50 % + 45 % nets 500.00; a free rival:
	// d = (10000·0.05 − 0)/10000 = 0.05, a total of exactly 100 %:
	// possible, net 0.00.
	ps = protectionSpec(pricing.Additive)
	ps.MinAdvantage = ratePtr("0")
	d.Owner.Discounts = []pricing.Discount{disc(pricing.TierDiscount, "tier", "0.50"), disc(pricing.RegistrationDiscount, "registration", "0.45")}
	rep, err = protection(t, ps).Check(d)
	require.NoError(t, err)
	require.True(t, rep.Restore.Possible)
	require.True(t, rep.Restore.Special.Equal(money.MustRate("0.05")), rep.Restore.Special.FormatFraction())
	require.True(t, rep.Restore.Quote.Net.IsZero())

	// Additive, M = 0, list 1 000 000.00, owner tier 0.9999995 nets
	// exactly 0.50; a free rival: d = 0.0000005 rounded up to 6 places is
	// 0.000001, and 0.9999995 + 0.000001 > 1: the stack would pass 100 %.
	d.List = money.MustParse("1000000.00 USD")
	d.Owner.Discounts = []pricing.Discount{disc(pricing.TierDiscount, "tier", "0.9999995")}
	rep, err = protection(t, ps).Check(d)
	require.NoError(t, err)
	require.True(t, rep.OwnerQuote.Net.Equal(money.MustParse("0.50 USD")))
	require.False(t, rep.Restore.Possible)
	require.Equal(t, pricing.ReasonStackAbove100, rep.Restore.Reason)
	require.True(t, rep.Restore.Special.Equal(money.MustRate("0.000001")))
}

// Properties of the restore: when possible, the restored quote meets the
// invariant, and the special rate one step (10⁻⁶) lower would not (the
// rate is the smallest sufficient one on the 6-place grid, measured on the
// exact net against the target rounded down to the minor unit).
func TestRestoreProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		st := rapid.SampledFrom(allStackings()).Draw(t, "stacking")
		ps := protectionSpec(st)
		ps.MinAdvantage = ratePtr(fmt.Sprintf("%dbp", rapid.Int64Range(0, 1000).Draw(t, "mbp")))
		ps.Pricing.Rounding = rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.Ceiling, money.Floor}).Draw(t, "mode")
		p := protection(t, ps)
		bp := func(name string, hi int64) money.Rate {
			return money.RateFromBasisPoints(decimal.NewFromInt(rapid.Int64Range(0, hi).Draw(t, name)))
		}
		d := pricing.Contest{
			ID:   "D",
			List: money.FromMinor(rapid.Int64Range(1, 1e9).Draw(t, "list"), money.MustCurrency("USD")),
			Owner: pricing.Bid{Partner: "O", Discounts: []pricing.Discount{
				{Kind: pricing.TierDiscount, Name: "tier", Rate: bp("tier", 2500)},
				{Kind: pricing.RegistrationDiscount, Name: "reg", Rate: bp("reg", 2000)},
				{Kind: pricing.SpecialPricing, Name: "sp", Rate: bp("ownsp", 1000)},
			}},
		}
		for i := range rapid.IntRange(1, 3).Draw(t, "competitors") {
			d.Competitors = append(d.Competitors, pricing.Bid{Partner: fmt.Sprintf("C%d", i), Discounts: []pricing.Discount{
				{Kind: pricing.TierDiscount, Name: "tier", Rate: bp("ctier", 2500)},
				{Kind: pricing.SpecialPricing, Name: "sp", Rate: bp("csp", 5000)},
			}})
		}
		rep, err := p.Check(d)
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
		step := money.RateFromFraction(decimal.New(1, -pricing.RestorePlaces))
		lower := rep.Restore.Special.Sub(step)
		if lower.Sign() < 0 {
			return
		}
		var others []pricing.Discount
		for _, ds := range d.Owner.Discounts {
			if ds.Kind != pricing.SpecialPricing {
				others = append(others, ds)
			}
		}
		q, err := p.Policy().Quote(d.List, append(others, pricing.Discount{Kind: pricing.SpecialPricing, Name: "x", Rate: lower}))
		if err != nil {
			t.Fatal(err)
		}
		if q.ExactNet.Decimal().Cmp(x.Decimal()) <= 0 {
			t.Fatalf("special %s is not minimal: %s already reaches %s", rep.Restore.Special.FormatFraction(), lower.FormatFraction(), x)
		}
	})
}

// The check does not depend on the order of competitors or of discounts.
func TestCheckOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := protection(t, pricing.ProtectionSpec{MinAdvantage: ratePtr("0.05"), Pricing: genPolicySpec(t)})
		d := pricing.Contest{ID: "D", List: money.FromMinor(rapid.Int64Range(0, 1e9).Draw(t, "list"), money.MustCurrency("EUR")),
			Owner: pricing.Bid{Partner: "O", Discounts: genDiscounts(t)}}
		for i := range rapid.IntRange(0, 4).Draw(t, "competitors") {
			d.Competitors = append(d.Competitors, pricing.Bid{Partner: fmt.Sprintf("C%d", i), Discounts: genDiscounts(t)})
		}
		rep, err := p.Check(d)
		e := d
		e.Owner.Discounts = rapid.Permutation(d.Owner.Discounts).Draw(t, "owner")
		e.Competitors = rapid.Permutation(d.Competitors).Draw(t, "competitors perm")
		for i := range e.Competitors {
			e.Competitors[i].Discounts = rapid.Permutation(e.Competitors[i].Discounts).Draw(t, "discounts")
		}
		rep2, err2 := p.Check(e)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("errors differ: %v / %v", err, err2)
		}
		// The same kind of failure, whichever bid is reported first.
		for _, s := range []error{pricing.ErrMissing, pricing.ErrInvalid, pricing.ErrEnum, pricing.ErrStack,
			pricing.ErrDuplicate, pricing.ErrCurrency, pricing.ErrFloor} {
			if errors.Is(err, s) != errors.Is(err2, s) {
				t.Fatalf("errors differ on %v: %v / %v", s, err, err2)
			}
		}
		if err == nil && !rep.Equal(rep2) {
			t.Fatalf("reports differ:\n%s", cmp.Diff(rep, rep2))
		}
	})
}

func TestCheckProgramme(t *testing.T) {
	p := protection(t, protectionSpec(pricing.Additive))
	ok := classicContest()
	ok.ID = "D-2"
	ok.Competitors = ok.Competitors[1:] // only OTHER at 9500: target 9000 ≥ 7500
	bad := classicContest()             // violated by 2000.00
	bad2 := classicContest()
	bad2.ID = "D-3"
	bad2.List = money.MustParse("20000.00 USD") // scales: violated by 4000.00
	rep, err := p.CheckProgramme([]pricing.Contest{bad2, ok, bad})
	require.NoError(t, err)
	require.Equal(t, 3, rep.Deals)
	require.Equal(t, 2, rep.Violations)
	require.True(t, rep.Share.Equal(money.MustRate("0.6667")), rep.Share.FormatFraction()) // 2/3 half-even at 4 places
	require.True(t, rep.TotalViolation.Equal(money.MustParse("6000.00 USD")))
	if diff := cmp.Diff([]string{"D-1", "D-3"}, rep.Violated); diff != "" {
		t.Fatal(diff)
	}
	require.Equal(t, "D-1", rep.Reports[0].Deal)
	again, err := p.CheckProgramme([]pricing.Contest{ok, bad, bad2})
	require.NoError(t, err)
	require.True(t, rep.Equal(again), "order dependence")

	_, err = p.CheckProgramme([]pricing.Contest{bad, bad})
	require.ErrorIs(t, err, pricing.ErrDuplicate)
	require.EqualError(t, err, `pricing: deal "D-1" /id = "D-1": duplicate: two deals with this ID`)
	eur := classicContest()
	eur.ID = "D-9"
	eur.List = money.MustParse("10.00 EUR")
	_, err = p.CheckProgramme([]pricing.Contest{bad, eur})
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	require.ErrorIs(t, err, pricing.ErrCurrency)
	empty, err := p.CheckProgramme(nil)
	require.NoError(t, err)
	require.Zero(t, empty.Deals)
	_, err = p.CheckProgramme([]pricing.Contest{{}})
	require.ErrorIs(t, err, pricing.ErrMissing)
}

func TestProtectionZeroValues(t *testing.T) {
	var p pricing.Protection
	require.False(t, p.IsValid())
	_, err := p.Check(classicContest())
	require.ErrorIs(t, err, pricing.ErrInvalid)
	_, err = p.CheckProgramme([]pricing.Contest{classicContest()})
	require.ErrorIs(t, err, pricing.ErrInvalid)
	_, err = p.MarshalJSON()
	require.ErrorIs(t, err, pricing.ErrInvalid)
	_, err = protection(t, protectionSpec(pricing.Additive)).Check(pricing.Contest{})
	require.ErrorIs(t, err, pricing.ErrMissing)
}
