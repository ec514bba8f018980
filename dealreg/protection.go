package dealreg

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// RestorePlaces is the number of decimal places of a restoring special
// discount (ProtectionReport.Restore): 6, i.e. 0.0001 %.
const RestorePlaces = 6

// Bid is one partner's pricing on a deal: the discounts it would get.
type Bid struct {
	Partner   string     `json:"partner"`
	Discounts []Discount `json:"discounts,omitzero"`
}

// DealPricing is a registered deal with the pricing of its owner and of
// the competing partners. Only the owner has the full registration
// discount; a competitor may carry the reduced one a secondary registrant
// keeps (Resolution.Discount).
type DealPricing struct {
	ID          string       `json:"id"`
	List        money.Amount `json:"list"`
	Cost        money.Amount `json:"cost,omitzero"` // the vendor's cost; needed only for a margin floor
	Owner       Bid          `json:"owner"`         // the registered owner, with its registration discount
	Competitors []Bid        `json:"competitors,omitzero"`
}

// Restore is the owner special-pricing discount that restores protection.
type Restore struct {
	// Possible reports whether a special discount in [0, 1] restores the
	// invariant under the policy (see CheckProtection).
	Possible bool
	// Special is the owner's special-pricing rate, replacing any special
	// pricing it already has: the smallest rate with RestorePlaces
	// decimals that restores the invariant (rounded up, money.Ceiling).
	Special money.Rate
	// Quote is the owner's quote with Special.
	Quote Quote
	// Reason says why restoring is impossible.
	Reason string
}

// ProtectionReport is the result of CheckProtection for one deal.
type ProtectionReport struct {
	Deal       string
	OwnerQuote Quote
	// BestCompetitor is the competitor with the lowest net (ties: lowest
	// partner ID); "" when there are no competitors.
	BestCompetitor string
	CompetitorNet  money.Amount
	// MinAdvantage is M = List·Policy.MinAdvantage, exact.
	MinAdvantage money.Amount
	// Advantage is CompetitorNet − owner's net (negative when the owner is
	// undercut).
	Advantage money.Amount
	// Violated reports owner net > CompetitorNet − M (compared exactly);
	// Violation is by how much, rounded up to the minor unit (zero when
	// not violated).
	Violated  bool
	Violation money.Amount
	// BySpecialPricing reports that special pricing nullified the
	// registration: the invariant is violated, and would hold if the
	// competitors' special-pricing discounts were removed (the owner is
	// undercut because of them, not because of, say, a higher tier).
	BySpecialPricing bool
	// Restore is set when Violated.
	Restore Restore
}

// CheckProtection checks the registration-protection invariant on one
// deal under the policy's pricing: the owner's net must be at most the
// lowest competitor net minus M = List·MinAdvantage,
//
//	net(owner) ≤ min over competitors net − M.
//
// Nets are the rounded quoted nets (PricingPolicy.Quote). When violated,
// it solves for the owner special-pricing discount d (replacing the
// owner's own special pricing) that restores the invariant, exactly: with
// target X = (min competitor net − M) rounded down to the minor unit (so
// that the rounded owner net meets the invariant under any rounding mode)
// and S, P the sum and product of (1 − d_i) over the owner's other
// discounts:
//
//	Additive, CappedSum: L·(1 − S − d) ≤ X   ⇒ d = (L·(1 − S) − X) / L
//	Compounding:         L·P·(1 − d) ≤ X     ⇒ d = (L·P − X) / (L·P)
//	BestOf, Priority:    L·(1 − d) ≤ X       ⇒ d = (L − X) / L
//
// each divided with money.Div to RestorePlaces places rounding up
// (money.Ceiling), so the rate is sufficient. Restoring is impossible when
// d > 1, when the stack would exceed 100 % (Additive) or the cap
// (CappedSum), when a higher-priority discount shuts special pricing out
// (Priority), or when the owner's quote would break its floor; Reason
// says which.
//
// Errors: *FieldError matching ErrPolicyPart for a policy without the
// protection part; *FieldError for a missing deal or partner ID ("/id",
// "/owner/partner", "/competitors/<i>/partner"); *DuplicateIDError for a partner bidding
// twice (the owner included); *BidError wrapping Quote's error for a bid
// that cannot be priced.
func CheckProtection(d DealPricing, p Policy) (ProtectionReport, error) {
	if err := p.need(PartProtection); err != nil {
		return ProtectionReport{}, err
	}
	if err := d.checkIDs(); err != nil {
		return ProtectionReport{}, err
	}
	pp := p.spec.Pricing
	rep := ProtectionReport{Deal: d.ID}
	oq, err := pp.Quote(d.List, d.Owner.Discounts, d.Cost)
	if err != nil {
		return ProtectionReport{}, &BidError{Deal: d.ID, Partner: d.Owner.Partner, Owner: true, Err: err}
	}
	rep.OwnerQuote = oq
	cur := d.List.Currency()
	rep.MinAdvantage = p.MinAdvantageFor(d.List)
	rep.CompetitorNet, rep.Advantage, rep.Violation = money.Zero(cur), money.Zero(cur), money.Zero(cur)
	if len(d.Competitors) == 0 {
		return rep, nil
	}
	best, bestNet, err := lowestNet(d, pp, false)
	if err != nil {
		return ProtectionReport{}, err
	}
	rep.BestCompetitor, rep.CompetitorNet = best, money.New(bestNet, cur)
	on := oq.Net.Decimal()
	rep.Advantage = money.New(bestNet.Sub(on), cur)
	target := bestNet.Sub(rep.MinAdvantage.Decimal())
	if on.Cmp(target) <= 0 {
		return rep, nil
	}
	rep.Violated = true
	// The exact violation, rounded up to the minor unit for reporting (M
	// may carry more digits than the currency).
	v, err := money.Round(on.Sub(target), cur.Digits(), money.Ceiling)
	if err != nil {
		return ProtectionReport{}, err
	}
	rep.Violation = money.New(v, cur)
	_, plainNet, err := lowestNet(d, pp, true)
	if err != nil {
		return ProtectionReport{}, err
	}
	rep.BySpecialPricing = on.Cmp(plainNet.Sub(rep.MinAdvantage.Decimal())) <= 0
	rep.Restore, err = restore(d, pp, target)
	if err != nil {
		return ProtectionReport{}, err
	}
	return rep, nil
}

// checkIDs requires a deal ID and partner IDs, each bidder once.
func (d DealPricing) checkIDs() error {
	var errs []error
	if d.ID == "" {
		errs = append(errs, missing("/id"))
	}
	if d.Owner.Partner == "" {
		errs = append(errs, missing("/owner/partner"))
	}
	seen := map[string]bool{d.Owner.Partner: true}
	for i, c := range d.Competitors {
		switch {
		case c.Partner == "":
			errs = append(errs, missing(field.At("competitors", i, "partner")))
		case seen[c.Partner]:
			errs = append(errs, &DuplicateIDError{What: "bidder", ID: c.Partner, Path: field.At("competitors", i, "partner")})
		}
		seen[c.Partner] = true
	}
	return errors.Join(errs...)
}

// lowestNet quotes every competitor (without special pricing when
// noSpecial) and returns the lowest net, ties to the lowest partner ID.
func lowestNet(d DealPricing, pp PricingPolicy, noSpecial bool) (string, decimal.Decimal, error) {
	var best string
	var bestNet decimal.Decimal
	for i, c := range d.Competitors {
		ds := c.Discounts
		if noSpecial {
			ds = slices.DeleteFunc(slices.Clone(ds), func(x Discount) bool { return x.Kind == SpecialPricing })
		}
		q, err := pp.Quote(d.List, ds, d.Cost)
		if err != nil {
			return "", decimal.Decimal{}, &BidError{Deal: d.ID, Partner: c.Partner, Err: err}
		}
		n := q.Net.Decimal()
		if o := n.Cmp(bestNet); i == 0 || o < 0 || o == 0 && c.Partner < best {
			best, bestNet = c.Partner, n
		}
	}
	return best, bestNet, nil
}

func restore(d DealPricing, pp PricingPolicy, target decimal.Decimal) (Restore, error) {
	cur := d.List.Currency()
	x, err := money.Round(target, cur.Digits(), money.Floor)
	if err != nil {
		return Restore{}, err
	}
	if x.Sign() < 0 {
		return Restore{Reason: "the competitor net minus the minimum advantage is below zero"}, nil
	}
	L := d.List.Decimal()
	one := decimalOne()
	var others []Discount
	sum, prod := decimal.Decimal{}, one
	for _, ds := range d.Owner.Discounts {
		if ds.Kind == SpecialPricing {
			continue
		}
		others = append(others, ds)
		sum = sum.Add(ds.Rate.Fraction())
		prod = prod.Mul(one.Sub(ds.Rate.Fraction()))
	}
	var num, den decimal.Decimal
	switch pp.Stacking {
	case Additive, CappedSum:
		num, den = L.Mul(one.Sub(sum)).Sub(x), L
	case Compounding:
		num, den = L.Mul(prod).Sub(x), L.Mul(prod)
	case BestOf:
		num, den = L.Sub(x), L
	case Priority:
		for _, o := range others {
			if !o.Rate.IsZero() && slices.Index(pp.Priority, o.Kind) < slices.Index(pp.Priority, SpecialPricing) {
				return Restore{Reason: fmt.Sprintf("special pricing does not apply: %s discount %q has priority", o.Kind, o.Name)}, nil
			}
		}
		num, den = L.Sub(x), L
	case StackingUnspecified:
		return Restore{}, invalid("/pricing/stacking", "", "must be specified")
	default:
		return Restore{}, invalid("/pricing/stacking", pp.Stacking.String(), "unknown stacking")
	}
	if den.IsZero() {
		return Restore{Reason: "the owner's other discounts already take the net to zero"}, nil
	}
	r, err := money.Div(num, den, RestorePlaces, money.Ceiling)
	if err != nil {
		return Restore{}, err
	}
	if r.Sign() < 0 {
		r = decimal.Decimal{}
	}
	special := money.RateFromFraction(r)
	if r.Cmp(one) > 0 {
		return Restore{Special: special, Reason: fmt.Sprintf("special pricing of %s would be needed, above 100%%", special.FormatFraction())}, nil
	}
	switch pp.Stacking {
	case Additive:
		if sum.Add(r).Cmp(one) > 0 {
			return Restore{Special: special, Reason: fmt.Sprintf("the stack would total %s, above 100%%", money.FormatDecimal(sum.Add(r), 0))}, nil
		}
	case CappedSum:
		// The effective total is min(cap, S + d): feasible iff L·cap ≥ L − X.
		if L.Sub(x).Cmp(L.Mul(pp.Cap.Fraction())) > 0 {
			return Restore{Special: special, Reason: fmt.Sprintf("the needed discount exceeds the cap %s", pp.Cap.FormatFraction())}, nil
		}
	case Compounding, BestOf, Priority, StackingUnspecified:
	default:
	}
	name := "protection-restore"
	for slices.ContainsFunc(others, func(o Discount) bool { return o.Name == name }) {
		name += "'"
	}
	q, err := pp.Quote(d.List, append(slices.Clone(others), Discount{Kind: SpecialPricing, Name: name, Rate: special}), d.Cost)
	if errors.Is(err, ErrFloor) {
		return Restore{Special: special, Reason: "the restoring price breaks the floor: " + trimPrefix(err)}, nil
	}
	if err != nil {
		return Restore{}, err
	}
	if q.Net.Decimal().Cmp(x) > 0 {
		return Restore{Special: special, Quote: q, Reason: "the floor clamp keeps the owner's net above the target"}, nil
	}
	return Restore{Possible: true, Special: special, Quote: q}, nil
}

// ProgrammeReport summarises protection across a set of deals: how often
// the registered owner was undercut, and how often special pricing was the
// cause (it nullified the registration).
type ProgrammeReport struct {
	Deals      int
	Violations int
	// Share is Violations/Deals, rounded half-even to RatioPlaces (0 for
	// no deals).
	Share money.Rate
	// BySpecialPricing counts the violations caused by special pricing
	// (ProtectionReport.BySpecialPricing); SpecialPricingShare is
	// BySpecialPricing/Deals, rounded half-even to RatioPlaces.
	BySpecialPricing    int
	SpecialPricingShare money.Rate
	// TotalViolation sums the violations (zero in the deals' currency; the
	// zero Amount when there are no deals).
	TotalViolation money.Amount
	// Violated lists the IDs of the violated deals, sorted.
	Violated []string
	Reports  []ProtectionReport // one per deal, sorted by deal ID
}

// CheckProgramme runs CheckProtection on every deal. Deals must share one
// currency (*money.CurrencyMismatchError) and have unique IDs
// (*DuplicateIDError). The result does not depend on the order of deals.
func CheckProgramme(deals []DealPricing, p Policy) (ProgrammeReport, error) {
	ids := newIDSet("deal", len(deals))
	for i, d := range deals {
		if err := ids.check("deals", i, d.ID); err != nil {
			return ProgrammeReport{}, err
		}
	}
	ds := slices.Clone(deals)
	slices.SortFunc(ds, func(a, b DealPricing) int { return strings.Compare(a.ID, b.ID) })
	var rep ProgrammeReport
	for i, d := range ds {
		r, err := CheckProtection(d, p)
		if err != nil {
			return ProgrammeReport{}, err
		}
		if i == 0 {
			rep.TotalViolation = money.Zero(d.List.Currency())
		}
		if rep.TotalViolation, err = rep.TotalViolation.Add(r.Violation); err != nil {
			return ProgrammeReport{}, err
		}
		rep.Deals++
		if r.Violated {
			rep.Violations++
			rep.Violated = append(rep.Violated, d.ID)
		}
		if r.BySpecialPricing {
			rep.BySpecialPricing++
		}
		rep.Reports = append(rep.Reports, r)
	}
	var err error
	if rep.Share, err = countRatio(rep.Violations, rep.Deals); err != nil {
		return ProgrammeReport{}, err
	}
	if rep.SpecialPricingShare, err = countRatio(rep.BySpecialPricing, rep.Deals); err != nil {
		return ProgrammeReport{}, err
	}
	return rep, nil
}
