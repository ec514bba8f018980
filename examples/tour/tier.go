package main

import (
	"fmt"
	"io"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// tierTourRebate is a quarterly volume rebate: 2 % to 100,000, 3 % to
// 250,000, 5 % above; a volume equal to a bound earns the higher tier.
const tierTourRebate = `{
  "mode": "all-units",
  "boundary": "lower-inclusive",
  "tiers": [
    {"from": "0",      "rate": "2%"},
    {"from": "100000", "rate": "3%"},
    {"from": "250000", "rate": "5%"}
  ]
}`

// tierChapter shows the same tiers paid back to dollar one and
// incrementally, the cliff at a bound, the partner watchlist (distance to
// the next tier) and running attainment over a quarter's deals.
func tierChapter(w io.Writer) error {
	all, err := tier.ParseSchedule([]byte(tierTourRebate))
	if err != nil {
		return err
	}
	spec := all.Spec()
	spec.Mode = tier.Incremental
	inc, err := tier.New(spec)
	if err != nil {
		return err
	}
	cents := func(d decimal.Decimal) (string, error) {
		r, err := money.Round(d, 2, money.HalfEven)
		if err != nil {
			return "", err
		}
		return money.FormatDecimal(r, 2), nil
	}

	fmt.Fprintln(w, "   rebate tiers 2% / 3% from 100,000 / 5% from 250,000 (bound belongs to the higher tier)")
	fmt.Fprintf(w, "   %12s  %12s  %12s   (exact)\n", "volume", "all-units", "incremental")
	for _, v := range []string{"99999.99", "100000.00", "100000.01", "250000.00", "400000.00"} {
		x := money.MustDecimal(v)
		// exact, unrounded payouts
		fmt.Fprintf(w, "   %12s  %12s  %12s\n", v, money.FormatDecimal(all.Payout(x), 2), money.FormatDecimal(inc.Payout(x), 2))
	}
	below := all.Evaluate(money.MustDecimal("99999.99"))
	cliff, err := cents(below.PayoutAtNext.Sub(below.Rate.Of(below.Next)))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   all-units cliff at 100,000: +%s ((3%% − 2%%) × 100,000); incremental has none\n", cliff)

	fmt.Fprintln(w, "\n   watchlist (all-units): how far each partner is from the next tier")
	fmt.Fprintf(w, "   %-10s %12s %5s %12s %12s %14s\n", "partner", "volume", "tier", "payout", "to next", "payout there")
	for _, p := range []struct{ name, volume string }{
		{"Acme", "82500.00"}, {"Globex", "241000.00"}, {"Initech", "310000.00"},
	} {
		r := all.Evaluate(money.MustDecimal(p.volume))
		pay, err := cents(r.Payout)
		if err != nil {
			return err
		}
		toNext, there := "—", "—"
		if r.HasNext {
			if toNext, err = cents(r.ToNext); err != nil {
				return err
			}
			if there, err = cents(r.PayoutAtNext); err != nil {
				return err
			}
		}
		fmt.Fprintf(w, "   %-10s %12s %2d/%d %12s %12s %14s\n", p.name, p.volume, r.Tier, r.Tiers, pay, toNext, there)
	}

	fmt.Fprintln(w, "\n   running attainment (all-units): each deal earns R(after) − R(before)")
	fmt.Fprintf(w, "   %-6s %12s %12s %12s\n", "deal", "amount", "cumulative", "earns")
	var cum, sum decimal.Decimal
	for i, amount := range []string{"60000.00", "35000.00", "12000.00", "-8000.00"} {
		d := money.MustDecimal(amount)
		earn := all.Marginal(cum, d)
		cum, sum = cum.Add(d), sum.Add(earn)
		e, err := cents(earn)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "   %-6d %12s %12s %12s\n", i+1, amount, money.FormatDecimal(cum, 2), e)
	}
	total, err := cents(sum)
	if err != nil {
		return err
	}
	direct, err := cents(all.Payout(cum))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   sum of deals %s = R(%s) = %s; deal 3 crossed 100,000 and lifted the first 95,000 to 3%%; the return fell back below it\n",
		total, money.FormatDecimal(cum, 2), direct)
	return nil
}
