package mdf

import (
	"cmp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

func decimalOne() decimal.Decimal { return decimal.New(1, 0) }

// Allowance is the promotional allowance a programme offers one partner
// in one market, as a rate of the partner's purchases.
type Allowance struct {
	Partner string     `json:"partner"`
	Market  string     `json:"market"`
	Rate    money.Rate `json:"rate"`
}

// Deviation is a partner offered a lower allowance rate than a competitor
// in the same market: Reference is the market's highest rate and
// ReferencePartners the partners offered it (sorted).
type Deviation struct {
	Market            string     `json:"market"`
	Partner           string     `json:"partner"`
	Rate              money.Rate `json:"rate"`
	Reference         money.Rate `json:"reference"`
	ReferencePartners []string   `json:"reference_partners"`
}

// Equal reports whether two deviations are the same (rates compared
// numerically).
func (d Deviation) Equal(o Deviation) bool {
	return d.Market == o.Market && d.Partner == o.Partner && d.Rate.Equal(o.Rate) &&
		d.Reference.Equal(o.Reference) && slices.Equal(d.ReferencePartners, o.ReferencePartners)
}

// CheckAllowances checks that promotional allowances are offered to
// competing partners — the partners of one market — on proportionally
// equal terms: the same rate of purchases. It reports every partner whose
// rate is below its market's highest rate, sorted by market then partner
// (nil when every market is uniform). Rates are compared exactly. It is a
// programme check, not legal advice. Errors: "/allowances/i/partner" and
// "/allowances/i/market" (missing; a partner twice in one market is
// ErrDuplicate), "/allowances/i/rate" (outside [0, 100%]).
func CheckAllowances(allowances []Allowance) ([]Deviation, error) {
	var l errList
	type pm struct{ partner, market string }
	seen := map[pm]bool{}
	unit := money.RateFromFraction(decimalOne())
	for i, a := range allowances {
		p := field.At("allowances", i)
		if a.Partner == "" {
			l.add(p+"/partner", "", ErrMissing)
		}
		if a.Market == "" {
			l.add(p+"/market", "", ErrMissing)
		}
		if k := (pm{a.Partner, a.Market}); a.Partner != "" && seen[k] {
			l.add(p+"/partner", a.Partner, wrap(ErrDuplicate, "twice in market %q", a.Market))
		} else {
			seen[k] = true
		}
		if !a.Rate.Within(money.Rate{}, unit) {
			l.add(p+"/rate", a.Rate.FormatPercent(), wrap(ErrInvalid, "outside [0, 100%%]"))
		}
	}
	if err := l.err(); err != nil {
		return nil, err
	}
	markets := map[string][]Allowance{}
	for _, a := range allowances {
		markets[a.Market] = append(markets[a.Market], a)
	}
	var out []Deviation
	for _, as := range markets {
		top := as[0].Rate
		for _, a := range as[1:] {
			if a.Rate.Cmp(top) > 0 {
				top = a.Rate
			}
		}
		var refs []string
		for _, a := range as {
			if a.Rate.Cmp(top) == 0 {
				refs = append(refs, a.Partner)
			}
		}
		slices.Sort(refs)
		for _, a := range as {
			if a.Rate.Cmp(top) < 0 {
				out = append(out, Deviation{Market: a.Market, Partner: a.Partner, Rate: a.Rate, Reference: top,
					ReferencePartners: slices.Clone(refs)})
			}
		}
	}
	slices.SortFunc(out, func(a, b Deviation) int {
		return cmp.Or(strings.Compare(a.Market, b.Market), strings.Compare(a.Partner, b.Partner))
	})
	return out, nil
}
