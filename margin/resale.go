package margin

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Documented limits of the documents ParseResale reads.
const (
	// MaxResaleBytes is the largest resale document.
	MaxResaleBytes = 64 << 10
	// MaxResaleDepth is the deepest nesting of objects and arrays in a resale
	// document (the deepest legal member,
	// /earnings/i/tiered/schedule/tiers/j/from, has depth 7).
	MaxResaleDepth = 8
	// MaxEntries is the largest number of entries in any one list of a
	// resale (discounts, earnings, mdf, offsets, costs).
	MaxEntries = 256
)

// ResaleSpec is the open, declarative form of one deal as the partner sees
// it, and its JSON form: the list price and the waterfall that gives the
// partner's buy price, the street price the partner sells at, and every
// other way the deal makes or costs the partner money. NewResale validates
// it into a Resale, whose PnL is the partner's profit and loss on the deal.
//
// Members that move money are required: List, Rounding, each entry's
// amount or rate, a services block's attach ratio and margin. Lists may
// be empty; an absent Services block means no attached services.
type ResaleSpec struct {
	// ID names the deal. Required.
	ID string `json:"id"`
	// List is the deal's list price, a whole number of minor units; its
	// currency is the resale's, and every other amount must be in it.
	List *money.Amount `json:"list"`
	// Pricing is the vendor's pricing policy (package pricing): how the
	// discounts stack, the floor, the rounding of the buy price.
	Pricing pricing.PolicySpec `json:"pricing"`
	// Discounts are the partner's discounts off list: tier, registration,
	// special pricing, promotion. The buy price is pricing's net.
	Discounts []pricing.Discount `json:"discounts,omitzero"`
	// VendorCost is the vendor's cost, required exactly when Pricing has a
	// margin floor (pricing.Policy.NeedsCost), absent otherwise.
	VendorCost *money.Amount `json:"vendor_cost,omitempty"`
	// Sell is the partner's street price to its customer.
	Sell SellSpec `json:"sell"`
	// Earnings are back-end rebates, incentives and SPIFs on the deal.
	Earnings []EarningSpec `json:"earnings,omitzero"`
	// MDF are funded marketing activities attributed to the deal.
	MDF []FundingSpec `json:"mdf,omitzero"`
	// Offsets are declared cost offsets: training, certification,
	// not-for-resale licences.
	Offsets []OffsetSpec `json:"offsets,omitzero"`
	// Services are the services attached to the product; nil for none.
	Services *ServicesSpec `json:"services,omitempty"`
	// Costs are the partner's costs to serve the deal.
	Costs []CostSpec `json:"costs,omitzero"`
	// Rounding rounds every line computed from a rate, once, to the
	// currency's minor unit. Required.
	Rounding money.RoundingMode `json:"rounding"`
}

// SellSpec gives the street price: either Price, as declared, or both
// StreetDiscount and BrandPremium, for the price
// list · (1 − StreetDiscount) · (1 + BrandPremium) rounded once.
type SellSpec struct {
	Price *money.Amount `json:"price,omitempty"`
	// StreetDiscount is the discount off list the market expects, in
	// [0, 1].
	StreetDiscount *money.Rate `json:"street_discount,omitempty"`
	// BrandPremium is the premium the brand lets the partner charge on the
	// street price, at least 0.
	BrandPremium *money.Rate `json:"brand_premium,omitempty"`
}

// EarningSpec is one back-end earning: a rebate, incentive or SPIF,
// either an Amount as declared (for instance a line of package incentive:
// see EarningFromIncentive), a Rate of the buy price, or Tiered, a tier
// schedule on the partner's period purchases (see TieredSpec): exactly
// one of the three.
type EarningSpec struct {
	// Kind is Rebate, Incentive or SPIF. Required.
	Kind ItemKind `json:"kind"`
	// Name is unique among the resale's earnings. Required.
	Name   string        `json:"name"`
	Amount *money.Amount `json:"amount,omitempty"`
	// Rate is taken on the buy price, at least 0.
	Rate *money.Rate `json:"rate,omitempty"`
	// Tiered pays a tier schedule on the period's purchases.
	Tiered *TieredSpec `json:"tiered,omitempty"`
	// Origin says where the figure comes from (a plan and component); Note
	// explains it. Both are free text carried to the P&L line.
	Origin string `json:"origin,omitzero"`
	Note   string `json:"note,omitzero"`
}

// FundingSpec is one marketing activity funded by MDF or co-op: the
// partner spends Spend, the vendor reimburses either Reimbursed, as
// declared (for instance mdf.Request.Reimbursable), or
// min(Approved, round(Spend · VendorShare)) as package mdf computes a
// claim. The partner's co-pay is Spend − reimbursement.
type FundingSpec struct {
	// Name is unique among the resale's funded activities. Required.
	Name string `json:"name"`
	// Spend is the eligible cost the partner paid, at least 0. Required.
	Spend      *money.Amount `json:"spend"`
	Reimbursed *money.Amount `json:"reimbursed,omitempty"`
	// VendorShare is in [0, 1]; Approved, optional, caps the
	// reimbursement and is allowed only with VendorShare.
	VendorShare *money.Rate   `json:"vendor_share,omitempty"`
	Approved    *money.Amount `json:"approved,omitempty"`
	Origin      string        `json:"origin,omitzero"`
}

// OffsetSpec is a cost offset valued as declared: free or reimbursed
// training and certification, not-for-resale licences.
type OffsetSpec struct {
	// Name is unique among the resale's offsets. Required.
	Name string `json:"name"`
	// Value is at least 0. Required.
	Value  *money.Amount `json:"value"`
	Origin string        `json:"origin,omitzero"`
}

// ServicesSpec is the services attached to the product: services revenue
// is AttachRatio × the sell price, and the partner keeps Margin of it.
type ServicesSpec struct {
	// AttachRatio is services revenue per unit of product revenue, at
	// least 0 (1:1 is "100%"; it may exceed 100 %). Required.
	AttachRatio *money.Rate `json:"attach_ratio"`
	// Margin is the partner's margin on services, at most 100 %.
	// Required.
	Margin *money.Rate `json:"margin"`
}

// CostSpec is one cost to serve: an Amount as declared, or a Rate of the
// sell price.
type CostSpec struct {
	// Name is unique among the resale's costs. Required.
	Name   string        `json:"name"`
	Amount *money.Amount `json:"amount,omitempty"`
	Rate   *money.Rate   `json:"rate,omitempty"`
	Origin string        `json:"origin,omitzero"`
}

// Resale is a validated, immutable resale with its P&L. Get one from NewResale
// or ParseResale; the zero Resale is invalid (IsValid is false).
type Resale struct {
	spec  ResaleSpec
	valid bool
	pnl   PnL
}

// NewResale validates spec, prices it and returns the resale. Every problem
// of the specification is reported at once (at most 16, errors.Join) as
// *InputError values naming the JSON Pointer of each member ("/list",
// "/earnings/2/rate", "/pricing/cap"), matching ErrMissing, ErrInvalid,
// ErrConflict, ErrDuplicate, ErrCurrency or ErrRange; then the waterfall
// itself may fail with ErrPricing (an invalid discount stack at
// "/discounts/…", a net below its floor at "/discounts").
func NewResale(spec ResaleSpec) (Resale, error) {
	if err := checkSale(spec); err != nil {
		return Resale{}, err
	}
	s := Resale{spec: spec.clone(), valid: true}
	pnl, err := evaluate(s.spec)
	if err != nil {
		return Resale{}, err
	}
	s.pnl = pnl
	return s, nil
}

// ParseResale decodes a resale document strictly and validates it as NewResale
// does. Unknown or case-variant duplicate members, null, JSON numbers for
// amounts and rates, a bare non-zero rate ("0.3" instead of "30%":
// strictjson.ErrRateUnit, with a hint), documents over MaxResaleBytes or nested deeper than
// MaxResaleDepth fail with an *InputError at the offending JSON Pointer that
// also matches the strictjson sentinel (strictjson.ErrUnknownField, …). A
// discount without its rate is ErrMissing at "/discounts/i/rate".
func ParseResale(data []byte) (Resale, error) {
	var spec ResaleSpec
	err := strictjson.Unmarshal(data, &spec, strictjson.Limits{MaxBytes: MaxResaleBytes, MaxDepth: MaxResaleDepth}, strictjson.RatesWithUnit())
	if err != nil {
		return Resale{}, documentError(err)
	}
	present, err := strictjson.Members(data, isDiscountRate)
	if err != nil {
		return Resale{}, documentError(err)
	}
	for i := range spec.Discounts {
		if p := field.At("discounts", i, "rate"); !present[p] {
			return Resale{}, inputErr(p, "", wrap(ErrMissing, "a discount states its rate"))
		}
	}
	return NewResale(spec)
}

// isDiscountRate reports whether p is the pointer of a discount's rate,
// "/discounts/<index>/rate".
func isDiscountRate(p string) bool {
	rest, ok := strings.CutPrefix(p, "/discounts/")
	if !ok {
		return false
	}
	idx, ok := strings.CutSuffix(rest, "/rate")
	return ok && idx != "" && strings.Trim(idx, "0123456789") == ""
}

// MustParseResale is ParseResale that panics on error, for literals in tests
// and examples.
func MustParseResale(data string) Resale {
	s, err := ParseResale([]byte(data))
	if err != nil {
		panic(err)
	}
	return s
}

// IsValid reports whether s was built by NewResale or ParseResale.
func (s Resale) IsValid() bool { return s.valid }

// ID returns the deal's ID.
func (s Resale) ID() string { return s.spec.ID }

// Spec returns a deep copy of the specification s was built from.
func (s Resale) Spec() ResaleSpec { return s.spec.clone() }

// PnL returns the partner's P&L on the resale (a copy; the zero PnL for the
// zero Resale).
func (s Resale) PnL() PnL { return s.pnl.clone() }

// Equal reports whether two resales have the same specification (decimals
// compared numerically); their P&Ls are then equal too.
func (s Resale) Equal(o Resale) bool { return s.valid == o.valid && s.spec.Equal(o.spec) }

// MarshalJSON encodes the specification in the form ParseResale reads. The
// zero Resale fails.
func (s Resale) MarshalJSON() ([]byte, error) {
	if !s.valid {
		return nil, inputErr("", "", wrap(ErrInvalid, "the zero Resale (use NewResale or ParseResale)"))
	}
	return strictjson.Marshal(s.spec, strictjson.RatesWithUnit())
}

// UnmarshalJSON is ParseResale.
func (s *Resale) UnmarshalJSON(b []byte) error {
	v, err := ParseResale(b)
	if err == nil {
		*s = v
	}
	return err
}

// checkSale validates a specification without pricing it.
func checkSale(s ResaleSpec) error {
	var l errList
	if s.ID == "" {
		l.add(inputErr("/id", "", wrap(ErrMissing, "the deal's ID")))
	}
	var cur money.Currency
	if s.List == nil {
		l.add(inputErr("/list", "", wrap(ErrMissing, "the list price")))
	} else if err := checkAmount("/list", *s.List, money.Currency{}, nonNegative, true); err != nil {
		l.add(err)
	} else {
		cur = s.List.Currency()
	}
	policy, perr := pricing.NewPolicy(s.Pricing)
	for _, e := range pricingErrors(perr) {
		l.add(e)
	}
	switch {
	case perr != nil:
	case policy.NeedsCost() && s.VendorCost == nil:
		l.add(inputErr("/vendor_cost", "", wrap(ErrMissing, "the pricing policy has a margin floor")))
	case !policy.NeedsCost() && s.VendorCost != nil:
		l.add(inputErr("/vendor_cost", "", wrap(ErrConflict, "set, but only a margin floor uses it")))
	case s.VendorCost != nil:
		l.add(checkAmount("/vendor_cost", *s.VendorCost, cur, nonNegative, false))
	}
	if len(s.Discounts) > MaxEntries {
		l.add(inputErr("/discounts", fmt.Sprint(len(s.Discounts)), wrap(ErrRange, "at most %d entries", MaxEntries)))
	}
	checkSell(&l, s.Sell, cur)
	checkEarnings(&l, s.Earnings, cur)
	checkFunding(&l, s.MDF, cur)
	checkOffsets(&l, s.Offsets, cur)
	if sv := s.Services; sv != nil {
		if sv.AttachRatio == nil {
			l.add(inputErr("/services/attach_ratio", "", ErrMissing))
		} else {
			l.add(checkRate("/services/attach_ratio", *sv.AttachRatio, zeroRate(), false))
		}
		if sv.Margin == nil {
			l.add(inputErr("/services/margin", "", ErrMissing))
		} else {
			l.add(checkAtMost1("/services/margin", *sv.Margin, true))
		}
	}
	checkCosts(&l, s.Costs, cur)
	l.add(checkMode("/rounding", s.Rounding))
	return l.err()
}

// pricingErrors rewrites pricing's policy errors under "/pricing",
// keeping pricing's sentinels reachable.
func pricingErrors(err error) []error {
	if err == nil {
		return nil
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	out := make([]error, 0, len(errs))
	for _, e := range errs {
		path := ""
		var pe *pricing.PolicyError
		if errors.As(e, &pe) {
			path = pe.Path
		}
		out = append(out, inputErr("/pricing"+path, "", fmt.Errorf("%w: %w", ErrPricing, e)))
	}
	return out
}

func checkSell(l *errList, s SellSpec, cur money.Currency) {
	rates := s.StreetDiscount != nil || s.BrandPremium != nil
	switch {
	case s.Price != nil && rates:
		l.add(inputErr("/sell/price", "", wrap(ErrConflict, "a declared price, or street_discount and brand_premium, not both")))
	case s.Price != nil:
		l.add(checkAmount("/sell/price", *s.Price, cur, nonNegative, true))
	case !rates:
		l.add(inputErr("/sell", "", wrap(ErrMissing, "a price, or street_discount and brand_premium")))
	default:
		if s.StreetDiscount == nil {
			l.add(inputErr("/sell/street_discount", "", ErrMissing))
		} else {
			l.add(checkAtMost1("/sell/street_discount", *s.StreetDiscount, false))
		}
		if s.BrandPremium == nil {
			l.add(inputErr("/sell/brand_premium", "", ErrMissing))
		} else {
			l.add(checkRate("/sell/brand_premium", *s.BrandPremium, zeroRate(), false))
		}
	}
}

// names checks one list's names: present and unique.
type names struct {
	list string
	seen map[string]int
}

func (n *names) check(l *errList, i int, name string) {
	p := field.At(n.list, i, "name")
	if name == "" {
		l.add(inputErr(p, "", ErrMissing))
		return
	}
	if n.seen == nil {
		n.seen = map[string]int{}
	}
	if j, dup := n.seen[name]; dup {
		l.add(inputErr(p, name, wrap(ErrDuplicate, "name also at %s", field.At(n.list, j))))
		return
	}
	n.seen[name] = i
}

// checkCount reports a list longer than MaxEntries; it returns false then.
func checkCount(l *errList, list string, n int) bool {
	if n > MaxEntries {
		l.add(inputErr("/"+list, fmt.Sprint(n), wrap(ErrRange, "at most %d entries", MaxEntries)))
		return false
	}
	return true
}

// amountOrRate checks an entry that has exactly one of an amount (at
// least 0, whole minor units) and a rate (at least 0).
func amountOrRate(l *errList, at field.Path, a *money.Amount, r *money.Rate, cur money.Currency) {
	switch {
	case a != nil && r != nil:
		l.add(inputErr(at.Key("rate").String(), "", wrap(ErrConflict, "an amount or a rate, not both")))
	case a != nil:
		l.add(checkAmount(at.Key("amount").String(), *a, cur, nonNegative, true))
	case r != nil:
		l.add(checkRate(at.Key("rate").String(), *r, zeroRate(), false))
	default:
		l.add(inputErr(at.Key("amount").String(), "", wrap(ErrMissing, "an amount or a rate")))
	}
}

func checkEarnings(l *errList, es []EarningSpec, cur money.Currency) {
	if !checkCount(l, "earnings", len(es)) {
		return
	}
	n := names{list: "earnings"}
	for i, e := range es {
		at := field.Path("/earnings").Index(i)
		switch {
		case e.Kind == ItemKindUnspecified:
			l.add(inputErr(at.Key("kind").String(), "", wrap(ErrMissing, "rebate, incentive or spif")))
		case !e.Kind.IsValid():
			_, err := e.Kind.MarshalText()
			l.add(inputErr(at.Key("kind").String(), "", err))
		case e.Kind.Lever() != BackEnd:
			l.add(inputErr(at.Key("kind").String(), e.Kind.String(), wrap(ErrInvalid, "an earning is a rebate, incentive or spif")))
		}
		n.check(l, i, e.Name)
		switch {
		case e.Tiered != nil && (e.Amount != nil || e.Rate != nil):
			l.add(inputErr(at.Key("tiered").String(), "", wrap(ErrConflict, "an amount, a rate or a tier schedule, only one")))
		case e.Tiered != nil:
			checkTiered(l, at, *e.Tiered, cur)
		default:
			amountOrRate(l, at, e.Amount, e.Rate, cur)
		}
	}
}

func checkFunding(l *errList, fs []FundingSpec, cur money.Currency) {
	if !checkCount(l, "mdf", len(fs)) {
		return
	}
	n := names{list: "mdf"}
	for i, f := range fs {
		at := field.Path("/mdf").Index(i)
		n.check(l, i, f.Name)
		if f.Spend == nil {
			l.add(inputErr(at.Key("spend").String(), "", ErrMissing))
		} else {
			l.add(checkAmount(at.Key("spend").String(), *f.Spend, cur, nonNegative, true))
		}
		switch {
		case f.Reimbursed != nil && f.VendorShare != nil:
			l.add(inputErr(at.Key("vendor_share").String(), "", wrap(ErrConflict, "a reimbursed amount or a vendor share, not both")))
		case f.Reimbursed != nil:
			l.add(checkAmount(at.Key("reimbursed").String(), *f.Reimbursed, cur, nonNegative, true))
		case f.VendorShare != nil:
			l.add(checkAtMost1(at.Key("vendor_share").String(), *f.VendorShare, false))
		default:
			l.add(inputErr(at.Key("reimbursed").String(), "", wrap(ErrMissing, "a reimbursed amount or a vendor share")))
		}
		switch {
		case f.Approved != nil && f.VendorShare == nil:
			l.add(inputErr(at.Key("approved").String(), "", wrap(ErrConflict, "set, but only a vendor share uses it")))
		case f.Approved != nil:
			l.add(checkAmount(at.Key("approved").String(), *f.Approved, cur, nonNegative, true))
		}
	}
}

func checkOffsets(l *errList, os []OffsetSpec, cur money.Currency) {
	if !checkCount(l, "offsets", len(os)) {
		return
	}
	n := names{list: "offsets"}
	for i, o := range os {
		n.check(l, i, o.Name)
		p := field.At("offsets", i, "value")
		if o.Value == nil {
			l.add(inputErr(p, "", ErrMissing))
		} else {
			l.add(checkAmount(p, *o.Value, cur, nonNegative, true))
		}
	}
}

func checkCosts(l *errList, cs []CostSpec, cur money.Currency) {
	if !checkCount(l, "costs", len(cs)) {
		return
	}
	n := names{list: "costs"}
	for i, c := range cs {
		n.check(l, i, c.Name)
		amountOrRate(l, field.Path("/costs").Index(i), c.Amount, c.Rate, cur)
	}
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func (s ResaleSpec) clone() ResaleSpec {
	s.List = clonePtr(s.List)
	s.Pricing = clonePolicy(s.Pricing)
	s.Discounts = slices.Clone(s.Discounts)
	s.VendorCost = clonePtr(s.VendorCost)
	s.Sell = SellSpec{Price: clonePtr(s.Sell.Price), StreetDiscount: clonePtr(s.Sell.StreetDiscount), BrandPremium: clonePtr(s.Sell.BrandPremium)}
	s.Earnings = slices.Clone(s.Earnings)
	for i, e := range s.Earnings {
		s.Earnings[i].Amount, s.Earnings[i].Rate, s.Earnings[i].Tiered = clonePtr(e.Amount), clonePtr(e.Rate), clonePtr(e.Tiered)
		if t := s.Earnings[i].Tiered; t != nil {
			t.Prior = clonePtr(t.Prior)
		}
	}
	s.MDF = slices.Clone(s.MDF)
	for i, f := range s.MDF {
		s.MDF[i] = FundingSpec{Name: f.Name, Spend: clonePtr(f.Spend), Reimbursed: clonePtr(f.Reimbursed),
			VendorShare: clonePtr(f.VendorShare), Approved: clonePtr(f.Approved), Origin: f.Origin}
	}
	s.Offsets = slices.Clone(s.Offsets)
	for i, o := range s.Offsets {
		s.Offsets[i].Value = clonePtr(o.Value)
	}
	if s.Services != nil {
		s.Services = &ServicesSpec{AttachRatio: clonePtr(s.Services.AttachRatio), Margin: clonePtr(s.Services.Margin)}
	}
	s.Costs = slices.Clone(s.Costs)
	for i, c := range s.Costs {
		s.Costs[i].Amount, s.Costs[i].Rate = clonePtr(c.Amount), clonePtr(c.Rate)
	}
	return s
}

func clonePolicy(p pricing.PolicySpec) pricing.PolicySpec {
	p.Cap = clonePtr(p.Cap)
	p.Priority = slices.Clone(p.Priority)
	p.Floor.Rate = clonePtr(p.Floor.Rate)
	return p
}

// Currency returns the resale's currency (the list price's).
func (s Resale) Currency() money.Currency { return s.pnl.Currency() }
