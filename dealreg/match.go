package dealreg

import (
	"cmp"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// ScorePlaces is the number of decimal places of a reported similarity
// score (CustomerMatch.Score, Conflict.Score): 4, rounded toward zero, so
// that a reported score is never above the exact one the threshold was
// compared with.
const ScorePlaces = 4

// MatchSpec says how conflict detection decides that two registrations
// are for the same customer. The zero MatchSpec (or an absent "matching"
// member) is exact matching.
type MatchSpec struct {
	// Mode is MatchExact or MatchFuzzy.
	Mode MatchMode
	// Threshold is the similarity score, in (0, 1], from which two
	// customers are the same under MatchFuzzy (0.9 is a good start);
	// MatchExact uses none.
	Threshold money.Rate
}

// Equal reports whether two match specs are the same (thresholds compared
// numerically).
func (m MatchSpec) Equal(o MatchSpec) bool {
	return m.Mode == o.Mode && m.Threshold.Equal(o.Threshold)
}

func (m MatchSpec) isZero() bool {
	return m.Mode == MatchModeUnspecified && m.Threshold.IsZero()
}

// validate checks a match spec at the JSON Pointer prefix.
func (m MatchSpec) validate(prefix string) []error {
	var errs []error
	switch m.Mode {
	case MatchExact:
		if !m.Threshold.IsZero() {
			errs = append(errs, invalid(prefix+"/threshold", m.Threshold.FormatFraction(), "exact matching uses no threshold"))
		}
	case MatchFuzzy:
		if m.Threshold.Sign() <= 0 || m.Threshold.Cmp(money.RateFromFraction(decimalOne())) > 0 {
			errs = append(errs, invalid(prefix+"/threshold", m.Threshold.FormatFraction(), "must be in (0, 1]"))
		}
	case MatchModeUnspecified:
		errs = append(errs, missing(prefix+"/mode"))
	default:
		errs = append(errs, invalid(prefix+"/mode", m.Mode.String(), "must be %q or %q", MatchExact, MatchFuzzy))
	}
	return errs
}

// matcher is a compiled MatchSpec; the zero matcher is exact matching.
type matcher struct {
	fuzzy     bool
	threshold *big.Rat // fuzzy only
	// tp/tq is the threshold when both fit in 20 bits, for the integer
	// screen of nameSame; tq = 0 otherwise.
	tp, tq int64
}

func newMatcher(m MatchSpec) matcher {
	if m.Mode != MatchFuzzy {
		return matcher{}
	}
	out := matcher{fuzzy: true, threshold: m.Threshold.Fraction().Rat()}
	if n, d := out.threshold.Num(), out.threshold.Denom(); n.IsInt64() && d.IsInt64() && d.Int64() < 1<<20 {
		out.tp, out.tq = n.Int64(), d.Int64()
	}
	return out
}

// identity is a customer as fuzzy matching compares it.
type identity struct {
	key      CustomerKey // the exact key
	variants [][]string  // the name's tokens, per NameVariants form
	runes    [][][]rune  // the same tokens as runes
	joined   []string    // the variants as NameVariants returns them
	domain   string      // RegistrableDomain
	country  string      // alpha-2, or "" (none given, or unknown)
	multi    bool        // the name has several tokens (in its first variant)
}

// newIdentity normalises c. An unknown country is taken as not given (see
// Policy.MatchCustomers).
func newIdentity(c Customer) identity {
	id := identity{key: NormaliseCustomer(c), domain: RegistrableDomain(c.Domain)}
	id.country, _ = NormaliseCountry(c.Country) // "" when unknown
	for _, translit := range []bool{false, true} {
		if translit && isASCII(c.Name) {
			break // nothing to transliterate: the same variant
		}
		toks := nameTokens(c.Name, translit)
		j := strings.Join(toks, " ")
		if j == "" || slices.Contains(id.joined, j) {
			continue
		}
		id.variants = append(id.variants, toks)
		id.runes = append(id.runes, runesOf(toks))
		id.joined = append(id.joined, j)
	}
	id.multi = len(id.variants) > 0 && len(id.variants[0]) > 1
	return id
}

// pairTokens is the number of leading name tokens whose pairs are
// blocking keys.
const pairTokens = 4

// blockKeys returns the candidate-generation keys of a customer under
// fuzzy matching, sorted and without duplicates; two customers are
// compared only if they share one:
//
//   - "t" and each name token, in every variant;
//   - for a name of one token, "p" and its first four runes (a typo in a
//     one-word name, "Initech" and "Initeck", shares no token);
//   - for a name of several tokens, "q", a token, a space and the first
//     rune of another token, for the pairs among the first pairTokens
//     tokens ("kuehne l", "logistics k");
//   - "d" and the registrable domain.
//
// Two names of several tokens each are compared under their "q" and "d"
// keys only, not under a shared token: "Acme Bank" and "Acme Logistics"
// share "acme" but are not compared, while "Kühne Logistics" and
// "Kuehne Logistcs" share "q kuehne l". The keys are a heuristic, not a
// bound: two names of several tokens that share no token with the same
// first rune of another token (typos in every word, or the first rune
// of the other word changed) are not compared.
func (id identity) blockKeys() []string {
	var keys []string
	for _, v := range id.variants {
		for _, t := range v {
			keys = append(keys, "t"+t)
		}
		if len(v) == 1 {
			t := v[0]
			if i := runeOffset(t, 4); i < len(t) {
				t = t[:i]
			}
			keys = append(keys, "p"+t)
			continue
		}
		head := v[:min(len(v), pairTokens)]
		for i, t := range head {
			for j, u := range head {
				if i != j {
					keys = append(keys, "q"+t+" "+u[:runeOffset(u, 1)])
				}
			}
		}
	}
	if id.domain != "" {
		keys = append(keys, "d"+id.domain)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// runeOffset returns the byte offset of the n-th rune of s, or len(s).
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// CustomerMatch is the verdict of Policy.MatchCustomers on two customers.
type CustomerMatch struct {
	// Same reports that the customers are taken to be the same.
	Same bool
	// Score is the similarity in [0, 1] (fuzzy matching; 1 or 0 under
	// exact matching), truncated to ScorePlaces places for display; the
	// threshold is compared with the exact score.
	Score money.Rate
	// Signals lists the evidence found, in Signal order.
	Signals []Signal
}

// Equal reports whether two verdicts are the same (scores compared
// numerically).
func (m CustomerMatch) Equal(o CustomerMatch) bool {
	return m.Same == o.Same && m.Score.Equal(o.Score) && slices.Equal(m.Signals, o.Signals)
}

// MatchCustomers reports whether a and b are the same customer under the
// policy's matching (MatchSpec; exact when the policy has none) and why.
//
// Fuzzy matching works on the normalised identity of each customer: the
// country as an ISO 3166-1 alpha-2 code (NormaliseCountry), the name's
// variants (NameVariants) and the registrable domain (RegistrableDomain).
// Two countries given and different rule the match out. A country that
// NormaliseCountry rejects counts as not given (SignalCountryMissing):
// CheckDeal and Submit refuse one under fuzzy matching, but registrations
// submitted before, under exact matching, or restored
// (RestoreRegistration does not check the deal again) may carry one, and
// the name and domain then decide — a conflict is reported for review
// rather than hidden behind a misspelt country. Otherwise
//
//	score = max(name similarity, 1 if the registrable domains are equal)
//
// and the customers are the same when score ≥ Threshold. The name
// similarity is the largest, over the pairs of variants, of the symmetric
// Monge-Elkan mean of token Jaro-Winkler similarities: for token lists A
// and B,
//
//	sim(A, B) = (Σ_{a∈A} max_{b∈B} jw(a, b) + Σ_{b∈B} max_{a∈A} jw(a, b)) / (|A| + |B|)
//
// with jw the Jaro-Winkler similarity of two tokens (matching window
// ⌊max(|a|, |b|)/2⌋ − 1, Winkler prefix of up to 4 runes, scale 1/10),
// computed exactly with rational numbers: the score depends on nothing
// but the two customers, and a and b may be swapped. Under exact
// matching, Same is CustomerKey.SameCustomer and the score 1 or 0.
func (p Policy) MatchCustomers(a, b Customer) CustomerMatch {
	m := p.match
	if !m.fuzzy {
		ka, kb := NormaliseCustomer(a), NormaliseCustomer(b)
		out := CustomerMatch{Same: ka.SameCustomer(kb)}
		if ka.Name != "" && ka.Name == kb.Name {
			out.Signals = append(out.Signals, SignalSameName)
		}
		if ka.Domain != "" && ka.Domain == kb.Domain {
			out.Signals = append(out.Signals, SignalSameDomain)
		}
		if ka.Country == kb.Country {
			out.Signals = append(out.Signals, SignalSameCountry)
		}
		if out.Same {
			out.Score = money.RateFromFraction(decimalOne())
		}
		return out
	}
	ia, ib := newIdentity(a), newIdentity(b)
	same, score, signals := m.compare(&ia, &ib, true)
	return CustomerMatch{Same: same, Score: reportScore(score), Signals: signals}
}

// compare matches two identities under fuzzy matching. The exact score
// is computed when needScore or when the customers match; otherwise score
// is nil.
func (m matcher) compare(a, b *identity, needScore bool) (same bool, score *big.Rat, signals []Signal) {
	if !countriesMeet(a.country, b.country) {
		if needScore {
			score = new(big.Rat)
		}
		return false, score, nil
	}
	sameName := false
	for _, x := range a.joined {
		if slices.Contains(b.joined, x) {
			sameName = true
		}
	}
	sameDomain := a.domain != "" && a.domain == b.domain
	nameOK := sameName || m.nameSame(a.runes, b.runes)
	switch {
	case sameName || sameDomain:
		score = big.NewRat(1, 1)
	case nameOK || needScore:
		score = nameSimilarity(a.runes, b.runes)
	default:
		return false, nil, nil
	}
	switch {
	case sameName:
		signals = append(signals, SignalSameName)
	case nameOK:
		signals = append(signals, SignalSimilarName)
	}
	if sameDomain {
		signals = append(signals, SignalSameDomain)
	}
	if a.country != "" && b.country != "" {
		signals = append(signals, SignalSameCountry)
	} else {
		signals = append(signals, SignalCountryMissing)
	}
	return nameOK || sameDomain, score, signals
}

// countriesMeet reports whether two normalised countries allow a match:
// equal, or one of them not given.
func countriesMeet(a, b string) bool { return a == "" || b == "" || a == b }

// screenBits is the fixed-point scale of the integer screen: similarities
// are bounded as multiples of 2⁻³².
const screenBits = 32

// nameSame decides whether the name similarity reaches the threshold.
// An integer screen bounds each variant pair's Monge-Elkan sum between
// L = Σ ⌊jw·2³²⌋ and L + k (k terms) and compares with the threshold
// scaled the same way; only a pair it cannot decide is computed exactly.
// The answer is always the exact one.
func (m matcher) nameSame(a, b [][][]rune) bool {
	for _, x := range a {
		for _, y := range b {
			if m.tq == 0 {
				if mongeElkan(x, y).Cmp(m.threshold) >= 0 {
					return true
				}
				continue
			}
			if m.lengthBound(x, y) {
				continue // the token lengths alone keep it below the threshold
			}
			lo, k := mongeElkanFloor(x, y)
			// Σ jw ≥ t·K  ⇔  Σ jw·2³²·tq ≥ tp·K·2³², K = k terms. With
			// tp ≤ tq < 2²⁰, K ≤ 2·MaxNameTokens and lo < K·2³², every
			// product stays below 2⁵⁸.
			need := m.tp * k << screenBits
			switch {
			case lo*m.tq >= need:
				return true
			case (lo+k)*m.tq < need:
				continue
			}
			if mongeElkan(x, y).Cmp(m.threshold) >= 0 {
				return true
			}
		}
	}
	return false
}

// lengthBound reports whether token lengths alone prove that the
// Monge-Elkan sum of x and y stays below the threshold (m.tq ≠ 0). With
// s and L the shorter and longer length of two tokens, at most s runes
// match, so jaro ≤ (s/s + s/L + 1)/3 = (2L + s)/(3L) and, with a prefix
// of l ≤ min(4, s) runes, jw ≤ jaro + l·(1 − jaro)/10 =
// (20L + 10s + l·(L − s))/(30L); each term of the sum is bounded by the
// largest such bound over its row or column, rounded up to 2⁻³², and the
// pair is skipped when even the bounds miss the threshold.
func (m matcher) lengthBound(x, y [][]rune) bool {
	var ub [MaxNameTokens * MaxNameTokens]int64
	for i := range x {
		for j := range y {
			la, lb := int64(min(len(x[i]), MaxTokenRunes)), int64(min(len(y[j]), MaxTokenRunes))
			s, L := min(la, lb), max(la, lb)
			if s == 0 {
				ub[i*len(y)+j] = 0
				if L == 0 {
					ub[i*len(y)+j] = 1 << screenBits
				}
				continue
			}
			l := min(4, s)
			num, den := 20*L+10*s+l*(L-s), 30*L
			ub[i*len(y)+j] = ((num << screenBits) + den - 1) / den
		}
	}
	sum := rowColMaxSum(ub[:], len(x), len(y))
	k := int64(len(x) + len(y))
	return sum*m.tq < m.tp*k<<screenBits
}

// mongeElkanFloor returns Σ ⌊jw·2³²⌋ over the terms of the symmetric
// Monge-Elkan sum of x and y, and the number of terms, |x| + |y|.
func mongeElkanFloor(x, y [][]rune) (sum, k int64) {
	var sims [MaxNameTokens * MaxNameTokens]int64
	for i := range x {
		for j := range y {
			n, d := jaroWinkler(x[i], y[j])
			sims[i*len(y)+j] = (n << screenBits) / d
		}
	}
	return rowColMaxSum(sims[:], len(x), len(y)), int64(len(x) + len(y))
}

// rowColMaxSum returns the sum of the row maxima and the column maxima of
// the nx × ny non-negative matrix v (row-major): the symmetric
// Monge-Elkan sum of its terms.
func rowColMaxSum(v []int64, nx, ny int) int64 {
	var sum int64
	for i := range nx {
		best := int64(0)
		for j := range ny {
			best = max(best, v[i*ny+j])
		}
		sum += best
	}
	for j := range ny {
		best := int64(0)
		for i := range nx {
			best = max(best, v[i*ny+j])
		}
		sum += best
	}
	return sum
}

// reportScore truncates an exact score to ScorePlaces places.
func reportScore(r *big.Rat) money.Rate {
	q, err := money.Div(decimal.NewFromBigInt(r.Num(), 0), decimal.NewFromBigInt(r.Denom(), 0), ScorePlaces, money.TowardZero)
	if err != nil { // not reached: the denominator is positive and small
		return money.Rate{}
	}
	return money.RateFromFraction(q)
}

// nameSimilarity is the largest symmetric Monge-Elkan similarity over the
// pairs of variants (see Policy.MatchCustomers); 0 when a side has no
// variant.
func nameSimilarity(a, b [][][]rune) *big.Rat {
	best := new(big.Rat)
	for _, x := range a {
		for _, y := range b {
			if s := mongeElkan(x, y); s.Cmp(best) > 0 {
				best = s
			}
		}
	}
	return best
}

// mongeElkan is the symmetric Monge-Elkan mean of token Jaro-Winkler
// similarities of two non-empty token lists.
func mongeElkan(ra, rb [][]rune) *big.Rat {
	// jw[i][j] as fractions n/d with small integers.
	type frac struct{ n, d int64 }
	sims := make([]frac, len(ra)*len(rb))
	for i := range ra {
		for j := range rb {
			n, d := jaroWinkler(ra[i], rb[j])
			sims[i*len(rb)+j] = frac{n, d}
		}
	}
	less := func(x, y frac) bool { return x.n*y.d < y.n*x.d }
	sum := new(big.Rat)
	add := func(f frac) { sum.Add(sum, big.NewRat(f.n, f.d)) }
	for i := range ra {
		m := sims[i*len(rb)]
		for j := 1; j < len(rb); j++ {
			if f := sims[i*len(rb)+j]; less(m, f) {
				m = f
			}
		}
		add(m)
	}
	for j := range rb {
		m := sims[j]
		for i := 1; i < len(ra); i++ {
			if f := sims[i*len(rb)+j]; less(m, f) {
				m = f
			}
		}
		add(m)
	}
	return sum.Quo(sum, big.NewRat(int64(len(ra)+len(rb)), 1))
}

func runesOf(toks []string) [][]rune {
	out := make([][]rune, len(toks))
	for i, t := range toks {
		out[i] = []rune(t)
	}
	return out
}

// jaroWinkler returns the Jaro-Winkler similarity of two tokens as n/d:
// with m matching runes (equal and at most ⌊max(|a|, |b|)/2⌋ − 1 apart),
// t half the number of matched runes out of order (exactly, not rounded
// down), and l the common
// prefix of at most 4 runes,
//
//	jaro = (m/|a| + m/|b| + (m − t)/m) / 3   (0 when m = 0)
//	jw   = jaro + l·(1 − jaro)/10
//
// Tokens have at most MaxTokenRunes runes, so n and d stay far inside
// int64 (d ≤ 60·64³).
func jaroWinkler(a, b []rune) (n, d int64) {
	a, b = a[:min(len(a), MaxTokenRunes)], b[:min(len(b), MaxTokenRunes)]
	la, lb := int64(len(a)), int64(len(b))
	if la == 0 || lb == 0 {
		if la == lb {
			return 1, 1
		}
		return 0, 1
	}
	window := max(len(a), len(b))/2 - 1
	window = max(window, 0)
	var ma, mb [MaxTokenRunes]bool
	var m int64
	for i, r := range a {
		lo, hi := max(0, i-window), min(len(b), i+window+1)
		for j := lo; j < hi; j++ {
			if !mb[j] && b[j] == r {
				ma[i], mb[j] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0, 1
	}
	var half int64
	k := 0
	for i := range a {
		if !ma[i] {
			continue
		}
		for !mb[k] {
			k++
		}
		if a[i] != b[k] {
			half++
		}
		k++
	}
	// t = half/2 exactly: jaro = N/D with
	// N = 2·m·m·lb + 2·m·m·la + (2m − half)·la·lb, D = 6·la·lb·m.
	jn, jd := 2*m*m*lb+2*m*m*la+(2*m-half)*la*lb, 6*la*lb*m
	var l int64
	for l < 4 && l < la && l < lb && a[l] == b[l] {
		l++
	}
	// jw = (10·N + l·(D − N)) / (10·D).
	return 10*jn + l*(jd-jn), 10 * jd
}

// approvalConflicts applies PolicySpec.OnApprovedConflict to the approval
// of r at time at: it keeps the registrations of e.Conflicting that are
// protected at at and conflict with r under the policy's matching, and
// returns the one r becomes secondary to (ApproveAsSecondary), or a
// *ConflictError (RefuseConflict; ReviewConflict unless e.Reviewed).
func (p Policy) approvalConflicts(r Registration, e Event, at time.Time) (string, error) {
	action := p.spec.OnApprovedConflict
	if !p.Has(PartConflicts) || action == ConflictActionUnspecified || len(e.Conflicting) == 0 {
		return "", nil
	}
	c := r.claim().asOf(at)
	if !c.ok {
		c = claimSpan{from: at, open: true, ok: true}
	}
	me := p.claimant(r, c)
	type hit struct {
		id      string
		decided time.Time
	}
	var hits []hit
	for _, o := range e.Conflicting {
		if o.rec.ID == r.rec.ID || !o.Protected(at) {
			continue
		}
		other := p.claimant(o, o.claim().asOf(at))
		if _, ok := pairConflict(&me, &other, p.match); ok {
			hits = append(hits, hit{o.rec.ID, o.rec.DecidedAt})
		}
	}
	if len(hits) == 0 {
		return "", nil
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(a.decided.Compare(b.decided), strings.Compare(a.id, b.id)) })
	hits = slices.CompactFunc(hits, func(a, b hit) bool { return a.id == b.id })
	switch action {
	case ApproveAsSecondary:
		return hits[0].id, nil
	case ReviewConflict:
		if e.Reviewed {
			return "", nil
		}
	case RefuseConflict, ConflictActionUnspecified:
	}
	ce := &ConflictError{ID: r.rec.ID, Action: action}
	for _, h := range hits {
		ce.With = append(ce.With, h.id)
	}
	return "", ce
}

// claimant is r as conflict detection compares it, with claim c.
func (p Policy) claimant(r Registration, c claimSpan) indexed {
	in := indexed{id: r.rec.ID, key: NormaliseCustomer(r.rec.Deal.Customer), lines: normLines(r.rec.Deal.ProductLines), claim: c}
	if p.match.fuzzy {
		in.ident = newIdentity(r.rec.Deal.Customer)
	}
	return in
}
