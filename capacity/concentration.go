package capacity

import (
	"cmp"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// PartnerRevenue is one partner's revenue over the period analysed.
type PartnerRevenue struct {
	ID      string
	Revenue money.Amount
}

// Equal reports whether two entries have the same id and equal revenue.
func (p PartnerRevenue) Equal(o PartnerRevenue) bool {
	return p.ID == o.ID && p.Revenue.Equal(o.Revenue)
}

// Concentration is partner revenue ranked for concentration measures:
// how much of the revenue the largest partners earn. Build it with
// NewConcentration; it is immutable. The zero Concentration has no
// partners and every measure is zero.
type Concentration struct {
	cur    money.Currency
	exp    int32            // common exponent of the scaled coefficients
	ranked []PartnerRevenue // descending revenue, ties by ascending ID
	small  []int64          // coefficients at exp in ranked order, when all fit
	large  []*big.Int       // otherwise
	total  *big.Int         // Σ c
	totalD decimal.Decimal  // Σ c at exp: the total revenue, the denominator of revenue shares
	sumSq  *big.Int         // Σ c²
	sumIX  *big.Int         // Σ i·c_(i), ascending order, i = 1…n
}

// NewConcentration validates and ranks partner revenues: descending by
// revenue, ties broken by ascending partner id, so that nothing depends on
// the input order. It runs in O(n log n).
//
// Every revenue must be a valid amount in the first entry's currency
// (*money.CurrencyMismatchError, matching money.ErrCurrencyMismatch,
// otherwise) and non-negative (ErrNegative: a negative revenue — a net
// credit — has no meaning as a share of revenue; net it out before
// analysing). Ids must be non-empty and unique (ErrEmpty, ErrDuplicate).
// There must be at least one partner (ErrEmpty) and the total must be
// positive (ErrNonPositive, path "/revenues"). Errors are *InputError
// values with paths "/revenues/i/id" or "/revenues/i/revenue", joined (at
// most 16 are reported).
func NewConcentration(revenues []PartnerRevenue) (Concentration, error) {
	n := len(revenues)
	if n == 0 {
		return Concentration{}, inputErr("/revenues", "", ErrEmpty)
	}
	if n > math.MaxInt32 {
		return Concentration{}, inputErr("/revenues", "", ErrRange)
	}
	cur := revenues[0].Revenue.Currency()
	if err := checkRevenues(revenues, cur); err != nil {
		return Concentration{}, err
	}

	c := Concentration{cur: cur, exp: revenues[0].Revenue.Decimal().Exponent()}
	for _, r := range revenues {
		c.exp = min(c.exp, r.Revenue.Decimal().Exponent())
	}
	order := c.rank(revenues)
	c.ranked = make([]PartnerRevenue, n)
	for i, o := range order {
		c.ranked[i] = revenues[o]
	}

	c.total, c.sumSq, c.sumIX = new(big.Int), new(big.Int), new(big.Int)
	var v, t, idx big.Int
	for i := range n {
		x := c.at(i, &v)
		c.total.Add(c.total, x)
		t.Mul(x, x)
		c.sumSq.Add(c.sumSq, &t)
		t.Mul(x, idx.SetInt64(int64(n-i))) // ascending rank of descending position i
		c.sumIX.Add(c.sumIX, &t)
	}
	if c.total.Sign() <= 0 {
		return Concentration{}, inputErr("/revenues", "total 0", ErrNonPositive)
	}
	c.totalD = decimal.NewFromBigInt(c.total, c.exp)
	return c, nil
}

// checkRevenues checks ids (non-empty, unique) and revenues (valid, in
// cur, non-negative, in the operating range).
func checkRevenues(revenues []PartnerRevenue, cur money.Currency) error {
	var l errList
	ids := make(map[string]struct{}, len(revenues))
	for i, r := range revenues {
		if r.ID == "" {
			l.add(inputErr(field.At("revenues", i, "id"), "", ErrEmpty))
		} else if _, dup := ids[r.ID]; dup {
			l.add(inputErr(field.At("revenues", i, "id"), r.ID, ErrDuplicate))
		}
		ids[r.ID] = struct{}{}
		if a := r.Revenue; !a.IsValid() || a.Currency() != cur || a.Sign() < 0 || !money.InRange(a.Decimal()) {
			checkAmount(&l, field.At("revenues", i, "revenue"), a, cur, 0) // slow path: errors only
		}
	}
	return l.err()
}

// rank sets c's scaled coefficients in rank order (descending, ties by
// ascending id) and returns the input index of each rank.
func (c *Concentration) rank(revenues []PartnerRevenue) []int32 {
	n := len(revenues)
	order := make([]int32, n)
	if small, ok := scaleSmall(revenues, c.exp); ok {
		type kv struct {
			v int64
			i int32
		}
		kvs := make([]kv, n)
		for i, v := range small {
			kvs[i] = kv{v, int32(i)}
		}
		slices.SortFunc(kvs, func(a, b kv) int {
			if a.v != b.v {
				return cmp.Compare(b.v, a.v)
			}
			return strings.Compare(revenues[a.i].ID, revenues[b.i].ID)
		})
		for i, e := range kvs {
			small[i], order[i] = e.v, e.i
		}
		c.small = small
	} else {
		large := make([]*big.Int, n)
		scales := map[int32]*big.Int{}
		for i, r := range revenues {
			v := r.Revenue.Decimal()
			x := v.Coefficient() // a copy
			if shift := v.Exponent() - c.exp; shift > 0 {
				p, ok := scales[shift]
				if !ok {
					p = pow10(int64(shift))
					scales[shift] = p
				}
				x.Mul(x, p)
			}
			large[i] = x
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int {
			if x := large[b].Cmp(large[a]); x != 0 {
				return x
			}
			return strings.Compare(revenues[a].ID, revenues[b].ID)
		})
		c.large = make([]*big.Int, n)
		for i, o := range order {
			c.large[i] = large[o]
		}
	}
	return order
}

// scaleSmall returns every revenue's coefficient at exponent exp as int64,
// or false if one does not fit.
func scaleSmall(revenues []PartnerRevenue, exp int32) ([]int64, bool) {
	out := make([]int64, len(revenues))
	for i, r := range revenues {
		v := r.Revenue.Decimal()
		if v.NumDigits() > 18 {
			return nil, false
		}
		c := v.CoefficientInt64()
		for s := v.Exponent() - exp; s > 0; s-- {
			if c > math.MaxInt64/10 {
				return nil, false
			}
			c *= 10
		}
		out[i] = c
	}
	return out, true
}

func pow10(k int64) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(k), nil) }

// at returns the scaled coefficient at descending rank i (0-based), using
// buf for the small representation.
func (c Concentration) at(i int, buf *big.Int) *big.Int {
	if c.small != nil {
		return buf.SetInt64(c.small[i])
	}
	return c.large[i]
}

// N returns the number of partners.
func (c Concentration) N() int { return len(c.ranked) }

// Currency returns the revenues' currency.
func (c Concentration) Currency() money.Currency { return c.cur }

// Total returns the exact total revenue.
func (c Concentration) Total() money.Amount {
	if c.total == nil {
		return money.Amount{}
	}
	return money.New(c.totalD, c.cur)
}

// Ranked returns a copy of the partners in rank order: descending revenue,
// ties by ascending id.
func (c Concentration) Ranked() []PartnerRevenue { return slices.Clone(c.ranked) }

// Equal reports whether two concentrations rank the same partners with
// equal revenues.
func (c Concentration) Equal(o Concentration) bool {
	return c.cur == o.cur && slices.EqualFunc(c.ranked, o.ranked, PartnerRevenue.Equal)
}

// prefix returns Σ of the first k ranked coefficients.
func (c Concentration) prefix(k int) *big.Int {
	sum := new(big.Int)
	var v big.Int
	for i := range k {
		sum.Add(sum, c.at(i, &v))
	}
	return sum
}

// TopK returns the share of total revenue earned by the k highest-revenue
// partners (CR_k), exact: their revenue over the total revenue (Num and
// Den). k must be in [0, N] (ErrRange). It is non-decreasing in k and
// TopK(N) is 1.
func (c Concentration) TopK(k int) (Ratio, error) {
	if k < 0 || k > c.N() {
		return Ratio{}, inputErr("/k", strconv.Itoa(k), ErrRange)
	}
	return c.revenueShare(c.prefix(k)), nil
}

// revenueShare returns the exact share of a sum of scaled coefficients in
// the total: that revenue over the total revenue (0/1 for the zero
// Concentration, whose total is zero).
func (c Concentration) revenueShare(sum *big.Int) Ratio {
	return exact(decimal.NewFromBigInt(sum, c.exp), c.totalD)
}

// Top is a head of the ranking: the first Partners partners.
type Top struct {
	// Partners is the number of partners in the head.
	Partners int
	// PartnerShare is Partners / N, exact (Num Partners, Den N).
	PartnerShare Ratio
	// RevenueShare is their share of total revenue, exact (Num their
	// revenue, Den the total revenue).
	RevenueShare Ratio
}

// Equal reports whether two heads are equal.
func (t Top) Equal(o Top) bool {
	return t.Partners == o.Partners && t.PartnerShare.Equal(o.PartnerShare) && t.RevenueShare.Equal(o.RevenueShare)
}

func (c Concentration) top(k int, prefix *big.Int) Top {
	return Top{
		Partners:     k,
		PartnerShare: exact(decimal.New(int64(k), 0), decimal.New(int64(c.N()), 0)),
		RevenueShare: c.revenueShare(prefix),
	}
}

// topCount returns ⌈p·n⌉, at least 0 and at most n, in exact integer
// arithmetic. p is a validated rate in [0, 1] (so its exponent is within
// the operating range).
func topCount(p money.Rate, n int) int {
	f := p.Fraction()
	k := new(big.Int).Mul(f.Coefficient(), big.NewInt(int64(n)))
	if e := int64(f.Exponent()); e >= 0 {
		k.Mul(k, pow10(e))
	} else {
		var r big.Int
		k.QuoRem(k, pow10(-e), &r) // k ≥ 0: truncation is the floor
		if r.Sign() > 0 {
			k.Add(k, big.NewInt(1))
		}
	}
	switch {
	case k.Sign() < 0:
		return 0
	case k.Cmp(big.NewInt(int64(n))) > 0:
		return n
	}
	return int(k.Int64())
}

// TopShare returns the share of revenue earned by the top p of partners —
// the observed side of the "80/20 rule" (top 20 % → ?). The head is the
// first ⌈p·N⌉ partners (rounded up, never interpolated): the top 20 % of 7
// partners is 2 partners. p must be in (0, 1] (ErrShareRange).
func (c Concentration) TopShare(p money.Rate) (Top, error) {
	var l errList
	checkShare(&l, "/p", p)
	if err := l.err(); err != nil {
		return Top{}, err
	}
	if c.N() == 0 {
		return Top{}, nil
	}
	k := topCount(p, c.N())
	return c.top(k, c.prefix(k)), nil
}

// PartnersForShare returns the smallest head of the ranking whose revenue
// is at least share of the total (compared exactly): "what share of
// partners produces 80 % of revenue?". share must be in (0, 1]
// (ErrShareRange).
func (c Concentration) PartnersForShare(share money.Rate) (Top, error) {
	var l errList
	checkShare(&l, "/share", share)
	if err := l.err(); err != nil {
		return Top{}, err
	}
	if c.N() == 0 {
		return Top{}, nil
	}
	// prefix ≥ s·total with s = coef·10^e  ⇔  prefix·10^max(0,−e) ≥ coef·total·10^max(0,e).
	f := share.Fraction()
	e := int64(f.Exponent())
	rhs := new(big.Int).Mul(f.Coefficient(), c.total)
	lhsScale := big.NewInt(1)
	if e >= 0 {
		rhs.Mul(rhs, pow10(e))
	} else {
		lhsScale = pow10(-e)
	}
	sum := new(big.Int)
	var v, t big.Int
	for i := range c.N() {
		sum.Add(sum, c.at(i, &v))
		if t.Mul(sum, lhsScale).Cmp(rhs) >= 0 {
			return c.top(i+1, sum), nil
		}
	}
	return c.top(c.N(), sum), nil // unreachable: the full prefix is the total
}

// LorenzPoint is a point of the Lorenz curve: the poorest Partners share of
// partners earn the Revenue share of revenue. Both are exact: Partners is
// i/N and Revenue the i lowest revenues over the total revenue (Num and
// Den).
type LorenzPoint struct {
	Partners Ratio
	Revenue  Ratio
}

// Equal reports whether two points are equal.
func (p LorenzPoint) Equal(o LorenzPoint) bool {
	return p.Partners.Equal(o.Partners) && p.Revenue.Equal(o.Revenue)
}

// Lorenz returns the N+1 points (i/N, L_i) for i = 0…N, where L_i is the
// share of revenue of the i lowest-revenue partners; both coordinates are
// exact ratios. The first point is (0, 0) and the last (1, 1).
func (c Concentration) Lorenz() []LorenzPoint {
	n := c.N()
	if n == 0 {
		return nil
	}
	out := make([]LorenzPoint, 0, n+1)
	nd := decimal.New(int64(n), 0) // shared: decimals are immutable
	sum := new(big.Int)
	out = append(out, LorenzPoint{Partners: exact(decimal.Decimal{}, nd), Revenue: c.revenueShare(sum)})
	var v big.Int
	for i := 1; i <= n; i++ {
		sum.Add(sum, c.at(n-i, &v))
		out = append(out, LorenzPoint{
			Partners: exact(decimal.New(int64(i), 0), nd),
			Revenue:  c.revenueShare(sum),
		})
	}
	return out
}

// Gini returns the Gini coefficient from the sorted formula
//
//	G = 2·Σ i·x_(i) / (n·Σx) − (n+1)/n,   x_(1) ≤ … ≤ x_(n),
//
// as the exact ratio (2·Σ i·x_(i) − (n+1)·Σx) / (n·Σx). It lies in
// [0, (n−1)/n]: 0 when all partners earn the same, (n−1)/n when one earns
// everything. The zero Concentration's Gini is 0.
func (c Concentration) Gini() Ratio {
	n := int64(c.N())
	if n == 0 {
		return Ratio{}
	}
	num := new(big.Int).Lsh(c.sumIX, 1)
	num.Sub(num, new(big.Int).Mul(big.NewInt(n+1), c.total))
	den := new(big.Int).Mul(big.NewInt(n), c.total)
	return bigRatio(num, den)
}

// HHI returns the Herfindahl–Hirschman index Σ s_i² of the revenue shares
// s_i = x_i / Σx, as the exact ratio Σx_i² / (Σx)². It lies in [1/n, 1].
// For the antitrust "points" scale (0–10,000) use HHIPoints.
// The zero Concentration's HHI is 0.
func (c Concentration) HHI() Ratio {
	if c.N() == 0 {
		return Ratio{}
	}
	return bigRatio(c.sumSq, new(big.Int).Mul(c.total, c.total))
}

// HHIPoints returns the HHI on the antitrust "points" scale, Σ (100·s_i)²
// with shares in percent: the exact ratio 10,000·Σx_i² / (Σx)², in
// [10,000/n, 10,000]. Round it once with Ratio.Round (for example to 0
// places, half-even); it equals HHI rounded to 4 more places and shifted,
// since rounding commutes with powers of ten. The zero Concentration's is
// 0.
func (c Concentration) HHIPoints() Ratio {
	if c.N() == 0 {
		return Ratio{}
	}
	num := new(big.Int).Mul(c.sumSq, big.NewInt(10000))
	return bigRatio(num, new(big.Int).Mul(c.total, c.total))
}

// EquivalentPartners returns 1/HHI — the number of equal-sized partners
// that would give the same concentration — as the exact ratio
// (Σx)² / Σx_i². It lies in [1, n]. The zero Concentration's is 0.
func (c Concentration) EquivalentPartners() Ratio {
	if c.N() == 0 {
		return Ratio{}
	}
	return bigRatio(new(big.Int).Mul(c.total, c.total), c.sumSq)
}

// Next returns "the next" band of the ranking: the partners ranked after
// the top ⌈top·N⌉ up to rank ⌈(top+next)·N⌉ (at most N). With top = next =
// 20 % these are the partners just below the top 20 %, the candidates for
// development (see RecruitOrDevelop). top must be in [0, 1) and next in (0, 1]
// (ErrShareRange). The band may be empty for very few partners.
func (c Concentration) Next(top, next money.Rate) ([]PartnerRevenue, error) {
	var l errList
	checkFraction(&l, "/top", top, true)
	checkShare(&l, "/next", next)
	if err := l.err(); err != nil {
		return nil, err
	}
	from := topCount(top, c.N())
	to := topCount(top.Add(next), c.N())
	return slices.Clone(c.ranked[from:to]), nil
}
