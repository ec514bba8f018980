package pricing

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// RestorePlaces is the number of decimal places of a restoring special
// discount (Restore.Special): 6, i.e. 0.0001 %.
const RestorePlaces = 6

// SharePlaces is the number of decimal places of the shares of
// ProgrammeReport: 4, rounded half-even.
const SharePlaces = 4

// ProtectionSpec is the open form of a registration-protection rule: the
// registered owner's minimum price advantage over any competing partner
// and the pricing policy the bids are quoted under. NewProtection
// validates it. The registration discount itself travels in the bids (the
// owner's bid carries it as a RegistrationDiscount, a secondary
// registrant's bid its reduced share), so the rule needs nothing else.
type ProtectionSpec struct {
	// MinAdvantage is the owner's minimum price advantage as a share of
	// list, M = L·MinAdvantage, in [0, 1]. Required.
	MinAdvantage *money.Rate `json:"min_advantage,omitempty"`
	// Pricing is the policy every bid is quoted under.
	Pricing PolicySpec `json:"pricing"`
}

// Equal reports whether two specifications are the same (rates compared
// numerically).
func (s ProtectionSpec) Equal(o ProtectionSpec) bool {
	return ratePtrEqual(s.MinAdvantage, o.MinAdvantage) && s.Pricing.Equal(o.Pricing)
}

// Protection is a validated, immutable registration-protection rule. Get
// one from NewProtection or ParseProtection; the zero Protection is
// invalid and checks nothing.
type Protection struct {
	minAdvantage money.Rate
	min          *money.Rate // as given, for Spec
	policy       Policy
}

// NewProtection validates spec and returns the rule. Every problem is
// reported at once as errors.Join of *PolicyError values naming JSON
// Pointers ("/min_advantage", "/pricing/cap").
func NewProtection(spec ProtectionSpec) (Protection, error) {
	var c checker
	if spec.MinAdvantage == nil {
		c.add("/min_advantage", "", ErrMissing)
	} else {
		c.rate("/min_advantage", *spec.MinAdvantage, false)
	}
	c.policy("/pricing", spec.Pricing)
	if err := errors.Join(c.errs...); err != nil {
		return Protection{}, err
	}
	return Protection{minAdvantage: *spec.MinAdvantage, min: clonePtr(spec.MinAdvantage), policy: compilePolicy(spec.Pricing)}, nil
}

// ParseProtection decodes a protection document strictly and validates it
// as NewProtection does (limits and decoding errors as for ParsePolicy).
func ParseProtection(data []byte) (Protection, error) {
	var spec ProtectionSpec
	if err := decode(data, &spec); err != nil {
		return Protection{}, err
	}
	return NewProtection(spec)
}

// MustParseProtection is ParseProtection that panics on error, for
// literals in tests and examples.
func MustParseProtection(data string) Protection {
	p, err := ParseProtection([]byte(data))
	if err != nil {
		panic(err)
	}
	return p
}

// IsValid reports whether p was built by NewProtection or ParseProtection.
func (p Protection) IsValid() bool { return p.policy.valid }

// Spec returns a deep copy of the specification p was built from.
func (p Protection) Spec() ProtectionSpec {
	return ProtectionSpec{MinAdvantage: clonePtr(p.min), Pricing: p.policy.Spec()}
}

// Policy returns the pricing policy bids are quoted under.
func (p Protection) Policy() Policy { return p.policy }

// MinAdvantage returns the minimum advantage as a share of list.
func (p Protection) MinAdvantage() money.Rate { return p.minAdvantage }

// MinAdvantageFor returns M = list·MinAdvantage, exact.
func (p Protection) MinAdvantageFor(list money.Amount) money.Amount {
	return list.MulRate(p.minAdvantage)
}

// Equal reports whether two rules have the same specification.
func (p Protection) Equal(o Protection) bool {
	return p.Spec().Equal(o.Spec()) && p.IsValid() == o.IsValid()
}

// MarshalJSON encodes the specification in the form ParseProtection
// reads. The zero Protection fails.
func (p Protection) MarshalJSON() ([]byte, error) {
	if !p.IsValid() {
		return nil, zeroProtection()
	}
	return strictjson.Marshal(p.Spec(), strictjson.RatesWithUnit())
}

// UnmarshalJSON is ParseProtection.
func (p *Protection) UnmarshalJSON(b []byte) error {
	q, err := ParseProtection(b)
	if err == nil {
		*p = q
	}
	return err
}

// Bid is one partner's pricing on a deal: the discounts it would get.
type Bid struct {
	Partner   string     `json:"partner"` // the partner's ID
	Discounts []Discount `json:"discounts"`
}

// Equal reports whether two bids are the same (rates compared
// numerically).
func (b Bid) Equal(o Bid) bool {
	return b.Partner == o.Partner && slices.EqualFunc(b.Discounts, o.Discounts, Discount.Equal)
}

// Contest is one registered deal as the protection check sees it: its
// list price, the vendor's cost if a margin floor needs it, the bid of the
// registered owner (with its registration discount) and the bids of the
// competing partners (a secondary registrant's bid may carry its reduced
// registration discount). Error paths are JSON Pointers into this form,
// e.g. "/competitors/1/discounts/0/rate".
type Contest struct {
	ID   string       `json:"id"`
	List money.Amount `json:"list"`
	// Cost is the vendor's cost; the zero Amount when not given. Only a
	// margin floor needs it, and then its absence is an error. (The JSON
	// form omits a cost that is zero or absent alike.)
	Cost        money.Amount `json:"cost,omitzero"`
	Owner       Bid          `json:"owner"`
	Competitors []Bid        `json:"competitors,omitzero"`
}

// Equal reports whether two contests are the same (decimals compared
// numerically).
func (c Contest) Equal(o Contest) bool {
	return c.ID == o.ID && amountEqual(c.List, o.List) && amountEqual(c.Cost, o.Cost) &&
		c.Owner.Equal(o.Owner) && slices.EqualFunc(c.Competitors, o.Competitors, Bid.Equal)
}

// Restore is the owner special-pricing discount that restores protection.
type Restore struct {
	// Possible reports whether a special discount in [0, 1] restores the
	// invariant under the policy.
	Possible bool `json:"possible"`
	// Special is the owner's special-pricing rate, replacing any special
	// pricing it already has: the smallest rate with RestorePlaces
	// decimals that restores the invariant (rounded up, money.Ceiling).
	// Zero when not even a rate can be named (ReasonTargetBelowZero,
	// ReasonNetAlreadyZero, ReasonPriority).
	Special money.Rate `json:"special"`
	// Quote is the owner's quote with Special, when one was priced.
	Quote Quote `json:"quote,omitzero"`
	// Reason says why restoring is impossible; ReasonUnspecified when
	// Possible.
	Reason RestoreReason `json:"reason,omitzero"`
	// Blocking names the owner's discount that has priority over special
	// pricing (ReasonPriority only).
	Blocking string `json:"blocking,omitzero"`
}

// Equal reports whether two restores are the same (decimals compared
// numerically).
func (r Restore) Equal(o Restore) bool {
	return r.Possible == o.Possible && r.Special.Equal(o.Special) && r.Quote.Equal(o.Quote) &&
		r.Reason == o.Reason && r.Blocking == o.Blocking
}

// ProtectionReport is the result of Protection.Check for one contest.
type ProtectionReport struct {
	Deal       string `json:"deal"`
	OwnerQuote Quote  `json:"owner_quote"`
	// BestCompetitor is the competitor with the lowest net (ties: lowest
	// partner ID); "" when there are no competitors.
	BestCompetitor string       `json:"best_competitor"`
	CompetitorNet  money.Amount `json:"competitor_net"`
	// MinAdvantage is M = List·MinAdvantage, exact.
	MinAdvantage money.Amount `json:"min_advantage"`
	// Advantage is CompetitorNet − owner's net (negative when the owner
	// is undercut).
	Advantage money.Amount `json:"advantage"`
	// Violated reports owner net > CompetitorNet − M (compared exactly);
	// Violation is by how much, rounded up to the minor unit (zero when
	// not violated).
	Violated  bool         `json:"violated"`
	Violation money.Amount `json:"violation"`
	// BySpecialPricing reports that special pricing nullified the
	// registration: the invariant is violated, and would hold if the
	// competitors' special-pricing discounts were removed.
	BySpecialPricing bool `json:"by_special_pricing"`
	// Restore is set when Violated.
	Restore Restore `json:"restore,omitzero"`
}

// Equal reports whether two reports are the same (decimals compared
// numerically).
func (r ProtectionReport) Equal(o ProtectionReport) bool {
	return r.Deal == o.Deal && r.OwnerQuote.Equal(o.OwnerQuote) && r.BestCompetitor == o.BestCompetitor &&
		amountEqual(r.CompetitorNet, o.CompetitorNet) && amountEqual(r.MinAdvantage, o.MinAdvantage) &&
		amountEqual(r.Advantage, o.Advantage) && r.Violated == o.Violated && amountEqual(r.Violation, o.Violation) &&
		r.BySpecialPricing == o.BySpecialPricing && r.Restore.Equal(o.Restore)
}

// Check checks the registration-protection invariant on one contest: the
// owner's net must be at most the lowest competitor net minus
// M = List·MinAdvantage,
//
//	net(owner) ≤ min over competitors net − M.
//
// Nets are the rounded quoted nets (Policy.Quote, with the contest's cost
// when given). When violated, Check solves for the owner special-pricing
// discount d (replacing the owner's own special pricing) that restores the
// invariant, exactly: with target X = (min competitor net − M) rounded
// down to the minor unit (so that the rounded owner net meets the
// invariant under any rounding mode) and S, P the sum and product of
// (1 − d_i) over the owner's other discounts:
//
//	Additive, CappedSum: L·(1 − S − d) ≤ X   ⇒ d = (L·(1 − S) − X) / L
//	Compounding:         L·P·(1 − d) ≤ X     ⇒ d = (L·P − X) / (L·P)
//	BestOf, Priority:    L·(1 − d) ≤ X       ⇒ d = (L − X) / L
//
// each divided with money.Div to RestorePlaces places rounding up
// (money.Ceiling), so the rate is sufficient. Restore.Reason says why
// restoring is impossible.
//
// Errors are *InputError values carrying the contest's ID and the JSON
// Pointer of the value in the contest's form: a missing ID ("/id") or
// partner ("/owner/partner", "/competitors/1/partner"), a partner bidding
// twice (ErrDuplicate), a bid that cannot be priced
// ("/competitors/0/discounts", wrapping the quote's reason, e.g. ErrStack
// or a *BelowFloorError).
func (p Protection) Check(c Contest) (ProtectionReport, error) {
	if !p.IsValid() {
		return ProtectionReport{}, zeroProtection()
	}
	if err := c.checkIDs(); err != nil {
		return ProtectionReport{}, err
	}
	pol := p.policy
	oq, err := pol.quote(c.List, c.Cost, c.Cost.IsValid(), c.Owner.Discounts, "/owner/discounts")
	if err != nil {
		return ProtectionReport{}, bidErr(c.ID, "/owner/discounts", err)
	}
	cur := c.List.Currency()
	rep := ProtectionReport{Deal: c.ID, OwnerQuote: oq, MinAdvantage: p.MinAdvantageFor(c.List)}
	rep.CompetitorNet, rep.Advantage, rep.Violation = money.Zero(cur), money.Zero(cur), money.Zero(cur)
	if len(c.Competitors) == 0 {
		return rep, nil
	}
	best, bestNet, err := lowestNet(c, pol, false)
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
	_, plainNet, err := lowestNet(c, pol, true)
	if err != nil {
		return ProtectionReport{}, err
	}
	rep.BySpecialPricing = on.Cmp(plainNet.Sub(rep.MinAdvantage.Decimal())) <= 0
	rep.Restore, err = restore(c, pol, target)
	if err != nil {
		return ProtectionReport{}, err
	}
	return rep, nil
}

// checkIDs requires a deal ID and partner IDs, each bidder once.
func (c Contest) checkIDs() error {
	var errs []error
	add := func(path, value string, err error) {
		errs = append(errs, &InputError{Deal: c.ID, Path: path, Value: field.Truncate(value), Err: err})
	}
	if c.ID == "" {
		add("/id", "", ErrMissing)
	}
	if c.Owner.Partner == "" {
		add("/owner/partner", "", ErrMissing)
	}
	seen := map[string]bool{c.Owner.Partner: true}
	for i, b := range c.Competitors {
		path := field.At("competitors", i, "partner")
		switch {
		case b.Partner == "":
			add(path, "", ErrMissing)
		case seen[b.Partner]:
			add(path, b.Partner, wrap(ErrDuplicate, "the partner bids twice"))
		}
		seen[b.Partner] = true
	}
	return errors.Join(errs...)
}

// bidErr places a quote error of one bid in the contest: an *InputError
// gets the deal's ID (its path is already in the contest's form), any
// other reason (a *BelowFloorError) is wrapped at the bid's discounts.
func bidErr(deal, discPath string, err error) error {
	var ie *InputError
	if errors.As(err, &ie) {
		cp := *ie
		cp.Deal = deal
		return &cp
	}
	return &InputError{Deal: deal, Path: discPath, Err: err}
}

// lowestNet quotes every competitor (without special pricing when
// noSpecial) and returns the lowest net, ties to the lowest partner ID.
func lowestNet(c Contest, pol Policy, noSpecial bool) (string, decimal.Decimal, error) {
	var best string
	var bestNet decimal.Decimal
	for i, b := range c.Competitors {
		ds := b.Discounts
		if noSpecial {
			ds = slices.DeleteFunc(slices.Clone(ds), func(x Discount) bool { return x.Kind == SpecialPricing })
		}
		path := field.At("competitors", i, "discounts")
		q, err := pol.quote(c.List, c.Cost, c.Cost.IsValid(), ds, path)
		if err != nil {
			return "", decimal.Decimal{}, bidErr(c.ID, path, err)
		}
		n := q.Net.Decimal()
		if o := n.Cmp(bestNet); i == 0 || o < 0 || o == 0 && b.Partner < best {
			best, bestNet = b.Partner, n
		}
	}
	return best, bestNet, nil
}

// restore solves for the owner's special-pricing rate that brings its net
// to the target (see Check).
func restore(c Contest, pol Policy, target decimal.Decimal) (Restore, error) {
	cur := c.List.Currency()
	x, err := money.Round(target, cur.Digits(), money.Floor)
	if err != nil {
		return Restore{}, err
	}
	if x.Sign() < 0 {
		return Restore{Reason: ReasonTargetBelowZero}, nil
	}
	L := c.List.Decimal()
	one := decimal.NewFromInt(1)
	var others []Discount
	sum, prod := decimal.Decimal{}, one
	for _, d := range c.Owner.Discounts {
		if d.Kind == SpecialPricing {
			continue
		}
		others = append(others, d)
		sum = sum.Add(d.Rate.Fraction())
		prod = prod.Mul(one.Sub(d.Rate.Fraction()))
	}
	var num, den decimal.Decimal
	switch pol.spec.Stacking {
	case Additive, CappedSum:
		num, den = L.Mul(one.Sub(sum)).Sub(x), L
	case Compounding:
		num, den = L.Mul(prod).Sub(x), L.Mul(prod)
	case Priority:
		for _, o := range others {
			if !o.Rate.IsZero() && pol.rank[o.Kind] < pol.rank[SpecialPricing] {
				return Restore{Reason: ReasonPriority, Blocking: o.Name}, nil
			}
		}
		num, den = L.Sub(x), L
	case BestOf, StackingUnspecified:
		num, den = L.Sub(x), L
	default:
		num, den = L.Sub(x), L
	}
	if den.IsZero() {
		return Restore{Reason: ReasonNetAlreadyZero}, nil
	}
	r, err := money.Div(num, den, RestorePlaces, money.Ceiling)
	if err != nil {
		return Restore{}, err
	}
	if r.Sign() < 0 {
		r = decimal.Decimal{}
	}
	special := money.RateFromFraction(r)
	switch {
	case r.Cmp(one) > 0:
		return Restore{Special: special, Reason: ReasonSpecialAbove100}, nil
	case pol.spec.Stacking == Additive && sum.Add(r).Cmp(one) > 0:
		return Restore{Special: special, Reason: ReasonStackAbove100}, nil
	case pol.spec.Stacking == CappedSum && L.Sub(x).Cmp(L.Mul(pol.cap.Fraction())) > 0:
		// The effective total is min(cap, S + d): feasible iff L·cap ≥ L − X.
		return Restore{Special: special, Reason: ReasonAboveCap}, nil
	}
	name := "protection-restore"
	for slices.ContainsFunc(others, func(o Discount) bool { return o.Name == name }) {
		name += "'"
	}
	q, err := pol.quote(c.List, c.Cost, c.Cost.IsValid(), append(others, Discount{Kind: SpecialPricing, Name: name, Rate: special}), "/owner/discounts")
	if errors.Is(err, ErrFloor) {
		return Restore{Special: special, Reason: ReasonBreaksFloor}, nil
	}
	if err != nil {
		return Restore{}, bidErr(c.ID, "/owner/discounts", err)
	}
	if q.Net.Decimal().Cmp(x) > 0 {
		return Restore{Special: special, Quote: q, Reason: ReasonFloorClamp}, nil
	}
	return Restore{Possible: true, Special: special, Quote: q}, nil
}

// ProgrammeReport summarises protection across a set of deals: how often
// the registered owner was undercut, and how often special pricing was the
// cause (it nullified the registration).
type ProgrammeReport struct {
	Deals      int `json:"deals"`
	Violations int `json:"violations"`
	// Share is Violations/Deals, rounded half-even to SharePlaces (0 for
	// no deals).
	Share money.Rate `json:"share"`
	// BySpecialPricing counts the violations caused by special pricing
	// (ProtectionReport.BySpecialPricing); SpecialPricingShare is
	// BySpecialPricing/Deals, rounded half-even to SharePlaces.
	BySpecialPricing    int        `json:"by_special_pricing"`
	SpecialPricingShare money.Rate `json:"special_pricing_share"`
	// TotalViolation sums the violations (zero in the deals' currency; the
	// zero Amount when there are no deals).
	TotalViolation money.Amount `json:"total_violation"`
	// Violated lists the IDs of the violated deals, sorted.
	Violated []string           `json:"violated"`
	Reports  []ProtectionReport `json:"reports"` // one per deal, sorted by deal ID
}

// Equal reports whether two reports are the same (decimals compared
// numerically).
func (r ProgrammeReport) Equal(o ProgrammeReport) bool {
	return r.Deals == o.Deals && r.Violations == o.Violations && r.Share.Equal(o.Share) &&
		r.BySpecialPricing == o.BySpecialPricing && r.SpecialPricingShare.Equal(o.SpecialPricingShare) &&
		amountEqual(r.TotalViolation, o.TotalViolation) && slices.Equal(r.Violated, o.Violated) &&
		slices.EqualFunc(r.Reports, o.Reports, ProtectionReport.Equal)
}

// CheckProgramme runs Check on every contest. Contests must have unique
// IDs (ErrDuplicate at "/id") and share one currency (ErrCurrency at
// "/list"); errors carry the contest's ID. The result does not depend on
// the order of the contests.
func (p Protection) CheckProgramme(contests []Contest) (ProgrammeReport, error) {
	cs := slices.Clone(contests)
	slices.SortFunc(cs, func(a, b Contest) int { return strings.Compare(a.ID, b.ID) })
	var rep ProgrammeReport
	for i, c := range cs {
		if i > 0 && cs[i-1].ID == c.ID && c.ID != "" {
			return ProgrammeReport{}, &InputError{Deal: c.ID, Path: "/id", Value: field.Truncate(c.ID), Err: wrap(ErrDuplicate, "two deals with this ID")}
		}
		r, err := p.Check(c)
		if err != nil {
			return ProgrammeReport{}, err
		}
		if i == 0 {
			rep.TotalViolation = money.Zero(c.List.Currency())
		}
		if rep.TotalViolation, err = rep.TotalViolation.Add(r.Violation); err != nil {
			return ProgrammeReport{}, &InputError{Deal: c.ID, Path: "/list", Value: c.List.String(), Err: fmt.Errorf("%w: %w", ErrCurrency, err)}
		}
		rep.Deals++
		if r.Violated {
			rep.Violations++
			rep.Violated = append(rep.Violated, c.ID)
		}
		if r.BySpecialPricing {
			rep.BySpecialPricing++
		}
		rep.Reports = append(rep.Reports, r)
	}
	var err error
	if rep.Share, err = countShare(rep.Violations, rep.Deals); err != nil {
		return ProgrammeReport{}, err
	}
	if rep.SpecialPricingShare, err = countShare(rep.BySpecialPricing, rep.Deals); err != nil {
		return ProgrammeReport{}, err
	}
	return rep, nil
}

// countShare returns num/den rounded half-even to SharePlaces, 0 when den
// is 0.
func countShare(num, den int) (money.Rate, error) {
	if den == 0 {
		return money.Rate{}, nil
	}
	r, err := money.Div(decimal.NewFromInt(int64(num)), decimal.NewFromInt(int64(den)), SharePlaces, money.HalfEven)
	if err != nil {
		return money.Rate{}, err
	}
	return money.RateFromFraction(r), nil
}

func zeroProtection() error {
	return &PolicyError{Err: wrap(ErrInvalid, "the zero Protection (use NewProtection or ParseProtection)")}
}
