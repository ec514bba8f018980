package incentive

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
)

// Credit splits: one transaction credited to several partners or reps.
//
// A transaction's Credits replace, for the recipient kinds they name, the
// transaction's own recipient (PartnerID or RepID). Split credit
// (Overlay false) shares the transaction's measure: the split shares of
// one kind sum to exactly 100 %, and each recipient is credited its part
// of the measure by largest remainder (see creditParts). Overlay credit
// (Overlay true) is additive: each overlay recipient is credited its share
// of the whole measure on top of the split credit, so the credit of one
// transaction may add up to more than 100 % by design; only components
// with ComponentSpec.Overlay count it, and their traces say so.

// MaxCredits is the largest number of credits of one transaction.
const MaxCredits = 16

// maxSharePlaces is the most digits after the point of a credit's share
// as a fraction (16 as a percentage): shares then fit an int64 scale.
const maxSharePlaces = 18

// ErrCredit reports a transaction's credits that cannot be applied: split
// shares of a kind that do not sum to 100 %, a share outside (0, 100 %], a
// recipient credited twice. Such errors are *DataError values that match
// ErrData too.
var ErrCredit = errors.New("incentive: invalid credit split")

// Credit is one recipient's share of a transaction's credit. Its JSON
// form is {"recipient": {"kind": "rep", "id": "r1"}, "share": "60%"}, with
// "overlay": true for overlay credit.
type Credit struct {
	Recipient Recipient `json:"recipient"`
	// Share is the share of the transaction's measure credited: more than
	// 0 % and at most 100 %, with at most 16 digits after the point as a
	// percentage.
	Share money.Rate `json:"share"`
	// Overlay marks overlay credit: additive, counted only by components
	// with ComponentSpec.Overlay, not part of the 100 % of split credit.
	Overlay bool `json:"overlay,omitzero"`
}

// Equal reports whether c and o are equal (shares numerically).
func (c Credit) Equal(o Credit) bool {
	return c.Recipient == o.Recipient && c.Share.Equal(o.Share) && c.Overlay == o.Overlay
}

// hasSplit reports whether t has split credit of kind k.
func (t *Transaction) hasSplit(k RecipientKind) bool {
	for i := range t.Credits {
		if c := &t.Credits[i]; !c.Overlay && c.Recipient.Kind == k {
			return true
		}
	}
	return false
}

// own returns t's own recipient of kind k ("" for a rep when RepID is
// empty).
func (t *Transaction) own(k RecipientKind) string {
	if k == RecipientRep {
		return t.RepID
	}
	return t.PartnerID
}

// creditErr returns the *DataError for t's credit field at path; it
// matches ErrData, ErrCredit and err, if not nil (ErrDuplicate,
// ErrInvalid, …), and reads "invalid transaction: credit split: reason".
func (t *Transaction) creditErr(path, value string, err error, reason string) error {
	ce := &creditError{err: fmt.Errorf("%w: credit split: %s", ErrData, reason), also: err}
	return &DataError{Transaction: field.Truncate(t.ID), Path: path, Value: value, Err: ce}
}

// creditError is the cause of a credit split's *DataError.
type creditError struct {
	err  error
	also error
}

func (e *creditError) Error() string { return e.err.Error() }

func (e *creditError) Unwrap() []error {
	if e.also != nil {
		return []error{e.err, ErrCredit, e.also}
	}
	return []error{e.err, ErrCredit}
}

// checkCredits validates t.Credits for p (see Credit and the package
// documentation of credit splits).
func (t *Transaction) checkCredits(p *Plan) error {
	n := len(t.Credits)
	if n == 0 {
		return nil
	}
	if n > MaxCredits {
		return t.creditErr("/credits", fmt.Sprint(n), ErrTooMany, fmt.Sprintf("%d credits, at most %d", n, MaxCredits))
	}
	hundred := money.RateFromFraction(decimal.New(1, 0))
	var sum [RecipientRep + 1]money.Rate
	var has [RecipientRep + 1]bool
	for i := range t.Credits {
		c := &t.Credits[i]
		at := func(member string) string { return field.At("credits", i) + member } // built on error only
		if !c.Recipient.Kind.IsValid() {
			return t.creditErr(at("/recipient/kind"), c.Recipient.Kind.String(), ErrEnum, "recipient kind required (partner or rep)")
		}
		if c.Recipient.ID == "" {
			return t.creditErr(at("/recipient/id"), "", ErrInvalid, "recipient id required")
		}
		if err := idText(c.Recipient.ID); err != nil {
			return t.creditErr(at("/recipient/id"), field.Truncate(c.Recipient.ID), ErrInvalid, err.Error())
		}
		if c.Share.Sign() <= 0 || c.Share.Cmp(hundred) > 0 {
			return t.creditErr(at("/share"), c.Share.String(), ErrInvalid, "a share is more than 0% and at most 100%")
		}
		if f := c.Share.Fraction(); f.Exponent() < -maxSharePlaces {
			return t.creditErr(at("/share"), c.Share.String(), ErrInvalid, "a share has at most 16 digits after the point")
		}
		for j := range i {
			o := &t.Credits[j]
			if o.Recipient != c.Recipient {
				continue
			}
			if o.Overlay == c.Overlay {
				return t.creditErr(at("/recipient"), c.Recipient.String(), ErrDuplicate, fmt.Sprintf("credited twice (as /credits/%d)", j))
			}
			if t.doubleCredit(p, c.Recipient.Kind) {
				return t.creditErr(at("/recipient"), c.Recipient.String(), ErrDuplicate,
					fmt.Sprintf("split and overlay credit to one recipient (as /credits/%d) pays the transaction twice; the plan's double_credit allows it", j))
			}
		}
		if !c.Overlay {
			k := c.Recipient.Kind
			sum[k], has[k] = sum[k].Add(c.Share), true
		}
	}
	for _, k := range [...]RecipientKind{RecipientPartner, RecipientRep} {
		if has[k] && !sum[k].Equal(hundred) {
			return t.creditErr("/credits", sum[k].String(), nil, fmt.Sprintf("the %s split credit sums to %s, not 100%% (mark additive credit as overlay)", k, sum[k]))
		}
	}
	// Overlay credit to the transaction's own recipient, who holds the
	// whole split credit when the transaction has none of that kind.
	for i := range t.Credits {
		c := &t.Credits[i]
		k := c.Recipient.Kind
		if c.Overlay && !has[k] && c.Recipient.ID == t.own(k) && t.doubleCredit(p, k) {
			return t.creditErr(field.At("credits", i)+"/recipient", c.Recipient.String(), ErrDuplicate,
				"overlay credit to the transaction's own "+k.String()+" pays the transaction twice; the plan's double_credit allows it")
		}
	}
	return nil
}

// doubleCredit reports whether one recipient's split and overlay credit
// of kind k would pay a transaction twice under p: p has an overlay
// component paying kind k and does not allow double credit.
func (t *Transaction) doubleCredit(p *Plan, k RecipientKind) bool {
	return !p.spec.DoubleCredit && p.overlays&(1<<k) != 0
}

// creditSet is the credit of one kind of a transaction, in int64 form:
// split recipients with their shares at a common scale (summing to
// 10^places), overlay recipients with theirs.
type creditSet struct {
	split, overlay  [MaxCredits]creditShare
	nSplit, nOver   int
	splitDen        uint64 // 10^places of the split shares
	overlayDenScale [MaxCredits]int32
}

type creditShare struct {
	id string
	w  uint64 // the share's coefficient at its scale
}

// shareUnits returns r as w·10^(−places): the coefficient and the number
// of places (at least 0).
func shareUnits(r money.Rate) (uint64, int32) {
	f := r.Fraction()
	e := f.Exponent()
	c := f.CoefficientInt64() // ≤ 10^19 digits: checked by checkCredits
	if e >= 0 {
		v, _ := fixed.Pow10(e)
		return uint64(c * v), 0
	}
	return uint64(c), -e
}

// collect fills cs with t's credit of kind k; a transaction without split
// credit of kind k credits its own recipient with 100 %.
func (cs *creditSet) collect(t *Transaction, k RecipientKind) {
	var places [MaxCredits]int32
	maxP := int32(0)
	for i := range t.Credits {
		c := &t.Credits[i]
		if c.Recipient.Kind != k {
			continue
		}
		w, p := shareUnits(c.Share)
		if c.Overlay {
			cs.overlay[cs.nOver] = creditShare{c.Recipient.ID, w}
			cs.overlayDenScale[cs.nOver] = p
			cs.nOver++
			continue
		}
		cs.split[cs.nSplit] = creditShare{c.Recipient.ID, w}
		places[cs.nSplit] = p
		maxP = max(maxP, p)
		cs.nSplit++
	}
	if cs.nSplit == 0 {
		if id := t.own(k); id != "" {
			cs.split[0], cs.nSplit, cs.splitDen = creditShare{id, 1}, 1, 1
		}
		return
	}
	for i := range cs.nSplit {
		m, _ := fixed.Pow10(maxP - places[i])
		cs.split[i].w *= uint64(m)
	}
	d, _ := fixed.Pow10(maxP)
	cs.splitDen = uint64(d)
}

// splitParts sets out[:cs.nSplit] to the largest-remainder parts of m
// (minor units at some scale) in proportion to the split shares: part i
// gets ⌊|m|·w_i/W⌋ and the units left go one each to the largest
// remainders, ties to the smaller recipient ID; a negative m mirrors a
// positive one (money.Allocate's rule). The parts sum to m. False when m
// is math.MinInt64.
func (cs *creditSet) splitParts(m int64, out *[MaxCredits]int64) bool {
	if m == math.MinInt64 {
		return false
	}
	u := uint64(m)
	if m < 0 {
		u = uint64(-m)
	}
	n := cs.nSplit
	var rem [MaxCredits]uint64
	var bumped [MaxCredits]bool
	var sum uint64
	for i := range n {
		hi, lo := bits.Mul64(u, cs.split[i].w)
		q, r := bits.Div64(hi, lo, cs.splitDen) // hi < W: q ≤ u
		out[i], rem[i] = int64(q), r
		sum += q
	}
	for left := u - sum; left > 0; left-- {
		best := -1
		for i := range n {
			if bumped[i] {
				continue
			}
			if best < 0 || rem[i] > rem[best] || rem[i] == rem[best] && cs.split[i].id < cs.split[best].id {
				best = i
			}
		}
		out[best]++
		bumped[best] = true
	}
	if m < 0 {
		for i := range n {
			out[i] = -out[i]
		}
	}
	return true
}

// overlayPart returns overlay credit i of m: |m|·w_i/10^places rounded
// half away from zero to m's scale, with m's sign.
func (cs *creditSet) overlayPart(i int, m int64) (int64, bool) {
	d, ok := fixed.Pow10(cs.overlayDenScale[i])
	if !ok || cs.overlay[i].w > math.MaxInt64 {
		return 0, false
	}
	return fixed.MulDivRound(m, int64(cs.overlay[i].w), d, money.HalfUp)
}

// creditPartsDec is the decimal form of the credit of kind k (split, or
// overlay when overlay) of t's measure m, for values that do not fit the
// int64 form: the same rules at the scale of m or the component's scale,
// whichever is finer. It calls fn for each credited recipient.
func creditPartsDec(t *Transaction, k RecipientKind, overlay bool, m decimal.Decimal, scale int32, fn func(id string, part decimal.Decimal)) {
	places := max(scale, -canon(m).Exponent()) // m's own places, trailing zeros aside
	units := m.Shift(places).BigInt()
	if !overlay {
		var ws []money.Weight
		for i := range t.Credits {
			if c := &t.Credits[i]; !c.Overlay && c.Recipient.Kind == k {
				ws = append(ws, money.Weight{Key: c.Recipient.ID, Value: c.Share.Fraction()})
			}
		}
		if len(ws) == 0 {
			if id := t.own(k); id != "" {
				fn(id, m)
			}
			return
		}
		parts, err := money.AllocateUnits(units, ws)
		if err != nil { // unreachable: shares checked, positive and distinct
			return
		}
		for i, w := range ws {
			fn(w.Key, decimal.NewFromBigInt(parts[i], -places))
		}
		return
	}
	for i := range t.Credits {
		if c := &t.Credits[i]; c.Overlay && c.Recipient.Kind == k {
			part, err := money.Round(c.Share.Of(m), places, money.HalfUp)
			if err != nil {
				continue
			}
			fn(c.Recipient.ID, part)
		}
	}
}

// credited calls fn for each recipient c credits t to, with the
// recipient's part of t's measure for c (exact decimal, by the rules of
// creditSet): the transaction's own recipient with the whole measure when
// it has no credits of c's kind and c is not an overlay component.
func (c *component) credited(p *Plan, t *Transaction, fn func(id string, part decimal.Decimal)) {
	m := c.contribution(p, t)
	creditPartsDec(t, c.spec.Recipient, c.spec.Overlay, m, c.scale, fn)
}

// creditFor returns rec's part of t's measure for c, and whether c
// credits rec at all.
func (c *component) creditFor(p *Plan, t *Transaction, rec Recipient) (decimal.Decimal, bool) {
	if rec.Kind != c.spec.Recipient {
		return decimal.Decimal{}, false
	}
	var out decimal.Decimal
	found := false
	c.credited(p, t, func(id string, part decimal.Decimal) {
		if id == rec.ID {
			out, found = part, true
		}
	})
	return out, found
}

// addCredited adds t to the groups h of side s (of kind k) for a
// transaction with credits, or a side with overlay components: split
// groups credit the split recipients, overlay groups the overlay
// recipients, each by its part (creditSet). The parts are computed in
// int64 while they fit; checking the shares (decimal arithmetic) costs a
// few allocations per credited transaction, transactions without credits
// keep the allocation-free path.
func (a *Accumulator) addCredited(s *side, k RecipientKind, h uint64, t *Transaction, amountMinor int64, amountOK bool) {
	var cs creditSet
	cs.collect(t, k)
	var parts [MaxCredits]int64
	for hh := h; hh != 0; hh &= hh - 1 {
		g := bits.TrailingZeros64(hh)
		overlay := s.overlay&(1<<g) != 0
		c := &a.plan.comps[s.groups[g]]
		m, ok := int64(0), true
		switch s.measure[g] {
		case RecurringRevenue:
			m, ok = amountMinor, amountOK
			if ok && c.contracted() { // the contract value, then split
				m, ok = c.spec.ContractValue.contractMinor(m, t.TermMonths, a.plan.spec.Rounding)
			}
		case Revenue, GrowthAmount, GrowthPercent:
			m, ok = amountMinor, amountOK
		case Units:
			m, ok = fixed.FromDecimal(t.Units, unitScale)
		case EventCount:
			m = 1
			if t.Kind.reversal() {
				m = -1
			}
		case MeasureUnspecified:
		}
		n := cs.nSplit
		if overlay {
			n = cs.nOver
		}
		if ok && !overlay {
			ok = cs.splitParts(m, &parts)
		}
		for i := 0; ok && i < n; i++ {
			if overlay {
				parts[i], ok = cs.overlayPart(i, m)
			}
		}
		if !ok { // the exact decimal form, spilled
			creditPartsDec(t, k, overlay, c.contribution(&a.plan, t), c.scale, func(id string, part decimal.Decimal) {
				i := s.slot(id) + g
				s.spill(i, part)
				a.claimCredit(s, g, id, t, numOf(part))
			})
			continue
		}
		for i := range n {
			id := cs.split[i].id
			if overlay {
				id = cs.overlay[i].id
			}
			j := s.slot(id) + g
			if !s.accs[j].addMinor(parts[i]) {
				s.spill(j, decimal.New(parts[i], -c.scale))
			}
			a.claimCredit(s, g, id, t, small(parts[i], c.scale))
		}
	}
}

// claimCredit books recipient id's claim x (its credited part of t) on
// the first-come budgets of group g of side s.
func (a *Accumulator) claimCredit(s *side, g int, id string, t *Transaction, x num) {
	if s.firstCome&(1<<g) == 0 || x.sign() <= 0 {
		return // credit notes and returns claim nothing
	}
	for _, j := range s.fcComps {
		if s.groupOf[j] == g {
			a.bookClaim(s.comps[j], id, t, x)
		}
	}
}

// parseCredits reads the credits column of a transactions CSV: entries
// separated by ";", each "kind:id=share" for split credit or
// "kind:id+=share" for overlay credit, the share with its unit ("60%",
// "2500bp"): "rep:r1=60%;rep:r2=40%;rep:m1+=100%". An ID written there
// cannot contain ";" or "=", nor end with "+" (use JSON Lines for such
// IDs). On error it returns the JSON Pointer of the bad member and the
// entry.
func parseCredits(s string) ([]Credit, string, string, error) {
	entries := strings.Split(s, ";")
	if len(entries) > MaxCredits {
		return nil, "/credits", s, fmt.Errorf("%d credits, at most %d", len(entries), MaxCredits)
	}
	out := make([]Credit, 0, len(entries))
	for i, e := range entries {
		e = strings.TrimSpace(e)
		p := field.At("credits", i)
		rec, share, ok := strings.Cut(e, "=")
		if !ok {
			return nil, p, e, errors.New(`a credit is "kind:id=share" (split) or "kind:id+=share" (overlay)`)
		}
		var c Credit
		if r, isOver := strings.CutSuffix(rec, "+"); isOver {
			rec, c.Overlay = r, true
		}
		kind, id, ok := strings.Cut(rec, ":")
		if !ok {
			return nil, p + "/recipient", e, errors.New(`the recipient is "partner:ID" or "rep:ID"`)
		}
		k, err := ParseRecipientKind(strings.TrimSpace(kind))
		if err != nil {
			return nil, p + "/recipient/kind", kind, err
		}
		c.Recipient = Recipient{Kind: k, ID: strings.TrimSpace(id)}
		if c.Recipient.ID == "" {
			return nil, p + "/recipient/id", e, errors.New("required")
		}
		if err := idText(c.Recipient.ID); err != nil {
			return nil, p + "/recipient/id", c.Recipient.ID, err
		}
		share = strings.TrimSpace(share)
		if !strings.HasSuffix(share, "%") && !strings.HasSuffix(share, "bp") {
			return nil, p + "/share", share, errors.New(`a share carries its unit: "60%" or "6000bp"`)
		}
		if c.Share, err = money.ParseRate(share); err != nil {
			return nil, p + "/share", share, err
		}
		out = append(out, c)
	}
	return out, "", "", nil
}
