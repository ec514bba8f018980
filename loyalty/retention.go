package loyalty

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// RatePlaces is the number of places (as a fraction: 0.6667 is 66.67 %)
// of the retention, cohort, share-of-wallet and sourcing rates, each
// rounded half-even once from its exact ratio of counts or sums.
const RatePlaces = 4

// RetentionPeriod is a reporting period [Start, End) (a month, a quarter).
type RetentionPeriod struct {
	Name  string    `json:"name"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Member is a partner as retention reads it: when it enrolled, when it
// was active and, where the host knows it, its share of wallet.
type Member struct {
	ID       string    `json:"id"`
	Enrolled time.Time `json:"enrolled"`
	// Active lists the times of the partner's qualifying activity (an
	// order, a closed deal…), none before Enrolled: a partner is active
	// in a period when one of them falls in it.
	Active []time.Time `json:"active,omitzero"`
	// Wallet gives the partner's spend per period, where known.
	Wallet []WalletEntry `json:"wallet,omitzero"`
}

// WalletEntry is a partner's spend in a period: Vendor on the vendor's
// products out of Total in the category (0 ≤ Vendor ≤ Total, one
// currency for the whole population).
type WalletEntry struct {
	Period string       `json:"period"`
	Vendor money.Amount `json:"vendor"`
	Total  money.Amount `json:"total"`
}

// Equal reports whether w and o are the same entry.
func (w WalletEntry) Equal(o WalletEntry) bool {
	return w.Period == o.Period && w.Vendor.Equal(o.Vendor) && w.Total.Equal(o.Total)
}

// Retention is the result of [ComputeRetention]: a row per period and a
// cohort per enrolment period, in the periods' order.
type Retention struct {
	Periods []PeriodRetention `json:"periods"`
	Cohorts []EnrolmentCohort `json:"cohorts"`
}

// Equal reports whether r and o are the same figures.
func (r Retention) Equal(o Retention) bool {
	return slices.EqualFunc(r.Periods, o.Periods, PeriodRetention.Equal) &&
		slices.EqualFunc(r.Cohorts, o.Cohorts, EnrolmentCohort.Equal)
}

// PeriodRetention is one period's movement. Active = Retained +
// Reactivated + FirstActive, and Retained + Churned = the previous
// period's Active. In the first period every active partner counts as
// FirstActive and the retention figures are zero.
type PeriodRetention struct {
	Period string `json:"period"`
	// Enrolled counts the partners enrolled before the period's end.
	Enrolled int `json:"enrolled"`
	Active   int `json:"active"`
	// Retained: active in the previous period and in this one. Churned:
	// active in the previous period, not in this one. Reactivated:
	// inactive in the previous period, active in this one and in an
	// earlier one. FirstActive: active for the first time.
	Retained    int `json:"retained"`
	Churned     int `json:"churned"`
	Reactivated int `json:"reactivated"`
	FirstActive int `json:"first_active"`
	// Rate is Retained / previous Active; NewRate and ExistingRate split
	// the previous period's active partners into those who enrolled in
	// the previous period (new) and before it (existing). A rate whose
	// base is 0 is 0 (the base, NewBase or ExistingBase, shows it).
	Rate         money.Rate `json:"rate"`
	NewBase      int        `json:"new_base"`
	NewRetained  int        `json:"new_retained"`
	NewRate      money.Rate `json:"new_rate"`
	ExistingBase int        `json:"existing_base"`
	ExistingRate money.Rate `json:"existing_rate"`
	// Wallet is the share of wallet Σ vendor / Σ total over the
	// WalletPartners partners with an entry for the period whose total is
	// positive (0 when none).
	WalletPartners int        `json:"wallet_partners"`
	Wallet         money.Rate `json:"wallet"`
}

// Equal reports whether p and o are the same figures.
func (p PeriodRetention) Equal(o PeriodRetention) bool {
	return p.Period == o.Period && p.Enrolled == o.Enrolled && p.Active == o.Active &&
		p.Retained == o.Retained && p.Churned == o.Churned && p.Reactivated == o.Reactivated &&
		p.FirstActive == o.FirstActive && p.Rate.Cmp(o.Rate) == 0 &&
		p.NewBase == o.NewBase && p.NewRetained == o.NewRetained && p.NewRate.Cmp(o.NewRate) == 0 &&
		p.ExistingBase == o.ExistingBase && p.ExistingRate.Cmp(o.ExistingRate) == 0 &&
		p.WalletPartners == o.WalletPartners && p.Wallet.Cmp(o.Wallet) == 0
}

// EnrolmentCohort is the partners who enrolled in one period, followed
// through that period and every later one.
type EnrolmentCohort struct {
	Period string       `json:"period"`
	Size   int          `json:"size"`
	Cells  []CohortCell `json:"cells"`
}

// Equal reports whether c and o are the same cohort.
func (c EnrolmentCohort) Equal(o EnrolmentCohort) bool {
	return c.Period == o.Period && c.Size == o.Size && slices.EqualFunc(c.Cells, o.Cells, CohortCell.Equal)
}

// CohortCell is how many of a cohort were active in a period, and that
// count over the cohort's size (0 for an empty cohort).
type CohortCell struct {
	Period string     `json:"period"`
	Active int        `json:"active"`
	Rate   money.Rate `json:"rate"`
}

// Equal reports whether c and o are the same cell.
func (c CohortCell) Equal(o CohortCell) bool {
	return c.Period == o.Period && c.Active == o.Active && c.Rate.Cmp(o.Rate) == 0
}

// rateOf returns n / den rounded half-even once to RatePlaces, or 0 for
// den = 0.
func rateOf(n, den int64) money.Rate {
	if den == 0 {
		return money.Rate{}
	}
	q, _ := money.Div(decimal.New(n, 0), decimal.New(den, 0), RatePlaces, money.HalfEven) // den ≠ 0: cannot fail
	return money.RateFromFraction(q)
}

// checkPeriods validates periods: named, unique, Start < End, in
// ascending order without overlap.
func checkPeriods(periods []RetentionPeriod) error {
	if len(periods) == 0 {
		return inputErr("/periods", "", ErrEmpty)
	}
	seen := make(map[string]bool, len(periods))
	for i, p := range periods {
		switch {
		case p.Name == "":
			return inputErr(field.At("periods", i, "name"), "", ErrEmpty)
		case seen[p.Name]:
			return inputErr(field.At("periods", i, "name"), p.Name, ErrDuplicate)
		case !p.Start.Before(p.End):
			return inputErr(field.At("periods", i, "end"), p.End.Format(time.RFC3339), ErrOrder)
		case i > 0 && p.Start.Before(periods[i-1].End):
			return inputErr(field.At("periods", i, "start"), p.Start.Format(time.RFC3339), ErrOrder)
		}
		seen[p.Name] = true
	}
	return nil
}

// periodOf returns the index of the period that contains t, or −1.
func periodOf(periods []RetentionPeriod, t time.Time) int {
	i, _ := slices.BinarySearchFunc(periods, t, func(p RetentionPeriod, t time.Time) int {
		if !p.End.After(t) {
			return -1
		}
		return 1
	})
	if i < len(periods) && !t.Before(periods[i].Start) {
		return i
	}
	return -1
}

// ComputeRetention follows members through periods (given in ascending
// order, not overlapping; gaps are allowed). Activity outside every
// period is ignored; a member enrolled outside every period belongs to
// no cohort. The result does not depend on the order of members or of
// their records. Errors: "/periods/1/start" ([ErrOrder]),
// "/members/2/id" ([ErrEmpty], [ErrDuplicate]), "/members/2/active/0"
// (before enrolment, [ErrOrder]), "/members/2/wallet/1/period"
// ([ErrUnknown], [ErrDuplicate]), "/members/2/wallet/1/vendor" (negative,
// above total, or another currency: [ErrRange]).
func ComputeRetention(periods []RetentionPeriod, members []Member) (Retention, error) {
	if err := checkPeriods(periods); err != nil {
		return Retention{}, err
	}
	n := len(periods)
	index := make(map[string]int, n)
	for i, p := range periods {
		index[p.Name] = i
	}
	rows := make([]PeriodRetention, n)
	cohortSize := make([]int64, n)
	cohortActive := make([][]int64, n)
	for c := range cohortActive {
		cohortActive[c] = make([]int64, n)
	}
	newBase, existingBase, existingRetained, base := make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
	vendor, total := make([]decimal.Decimal, n), make([]decimal.Decimal, n)
	var cur money.Currency
	ids := make(map[string]bool, len(members))
	for mi, m := range members {
		if m.ID == "" {
			return Retention{}, inputErr(field.At("members", mi, "id"), "", ErrEmpty)
		}
		if ids[m.ID] {
			return Retention{}, inputErr(field.At("members", mi, "id"), m.ID, ErrDuplicate)
		}
		ids[m.ID] = true
		active, err := activeIn(periods, m, mi)
		if err != nil {
			return Retention{}, err
		}
		if err := addWallet(m, mi, index, &cur, rows, vendor, total); err != nil {
			return Retention{}, err
		}
		cohort := periodOf(periods, m.Enrolled)
		if cohort >= 0 {
			cohortSize[cohort]++
		}
		everActive := false
		for k := range n {
			if m.Enrolled.Before(periods[k].End) {
				rows[k].Enrolled++
			}
			if cohort >= 0 && k >= cohort && active[k] {
				cohortActive[cohort][k]++
			}
			switch {
			case active[k] && k > 0 && active[k-1]:
				rows[k].Retained++
			case active[k] && everActive:
				rows[k].Reactivated++
			case active[k]:
				rows[k].FirstActive++
			case k > 0 && active[k-1]:
				rows[k].Churned++
			}
			if k > 0 && active[k-1] {
				base[k]++
				if cohort == k-1 {
					newBase[k]++
					if active[k] {
						rows[k].NewRetained++
					}
				} else {
					existingBase[k]++
					if active[k] {
						existingRetained[k]++
					}
				}
			}
			if active[k] {
				rows[k].Active++
				everActive = true
			}
		}
	}
	out := Retention{Periods: rows, Cohorts: make([]EnrolmentCohort, n)}
	for k := range n {
		r := &rows[k]
		r.Period = periods[k].Name
		r.Rate = rateOf(int64(r.Retained), base[k])
		r.NewBase, r.ExistingBase = int(newBase[k]), int(existingBase[k])
		r.NewRate = rateOf(int64(r.NewRetained), newBase[k])
		r.ExistingRate = rateOf(existingRetained[k], existingBase[k])
		if r.WalletPartners > 0 {
			q, _ := money.Div(vendor[k], total[k], RatePlaces, money.HalfEven) // total > 0
			r.Wallet = money.RateFromFraction(q)
		}
		c := EnrolmentCohort{Period: periods[k].Name, Size: int(cohortSize[k]), Cells: make([]CohortCell, 0, n-k)}
		for j := k; j < n; j++ {
			c.Cells = append(c.Cells, CohortCell{Period: periods[j].Name, Active: int(cohortActive[k][j]), Rate: rateOf(cohortActive[k][j], cohortSize[k])})
		}
		out.Cohorts[k] = c
	}
	return out, nil
}

// addWallet checks m's wallet entries and adds those with a positive
// total to the period sums.
func addWallet(m Member, mi int, index map[string]int, cur *money.Currency, rows []PeriodRetention, vendor, total []decimal.Decimal) error {
	seen := make(map[string]bool, len(m.Wallet))
	for wi, w := range m.Wallet {
		at := func(name string) string { return field.At("members", mi, "wallet", wi, name) }
		k, ok := index[w.Period]
		switch {
		case !ok:
			return inputErr(at("period"), w.Period, ErrUnknown)
		case seen[w.Period]:
			return inputErr(at("period"), w.Period, ErrDuplicate)
		case !w.Vendor.IsValid() || !w.Total.IsValid() || w.Vendor.Currency() != w.Total.Currency():
			return inputErr(at("total"), w.Total.String(), ErrRange)
		case cur.IsValid() && w.Vendor.Currency() != *cur:
			return inputErr(at("vendor"), w.Vendor.String(), ErrRange)
		case w.Vendor.Sign() < 0 || w.Vendor.Decimal().Cmp(w.Total.Decimal()) > 0:
			return inputErr(at("vendor"), w.Vendor.String(), ErrRange)
		}
		seen[w.Period] = true
		*cur = w.Vendor.Currency()
		if w.Total.Sign() > 0 {
			rows[k].WalletPartners++
			vendor[k] = vendor[k].Add(w.Vendor.Decimal())
			total[k] = total[k].Add(w.Total.Decimal())
		}
	}
	return nil
}
