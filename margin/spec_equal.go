package margin

import (
	"slices"

	"github.com/partnerecon/partnerecon/pricing"
)

// ptrEqual compares two optional values with their Equal method.
func ptrEqual[T interface{ Equal(T) bool }](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return (*a).Equal(*b)
}

// Equal reports whether two specifications are the same (decimals compared
// numerically).
func (s ResaleSpec) Equal(o ResaleSpec) bool {
	return s.ID == o.ID && ptrEqual(s.List, o.List) && s.Pricing.Equal(o.Pricing) &&
		slices.EqualFunc(s.Discounts, o.Discounts, pricing.Discount.Equal) &&
		ptrEqual(s.VendorCost, o.VendorCost) && s.Sell.Equal(o.Sell) &&
		slices.EqualFunc(s.Earnings, o.Earnings, EarningSpec.Equal) &&
		slices.EqualFunc(s.MDF, o.MDF, FundingSpec.Equal) &&
		slices.EqualFunc(s.Offsets, o.Offsets, OffsetSpec.Equal) &&
		ptrEqual(s.Services, o.Services) &&
		slices.EqualFunc(s.Costs, o.Costs, CostSpec.Equal) && s.Rounding == o.Rounding
}

// Equal reports whether two sell prices are specified the same way.
func (s SellSpec) Equal(o SellSpec) bool {
	return ptrEqual(s.Price, o.Price) && ptrEqual(s.StreetDiscount, o.StreetDiscount) &&
		ptrEqual(s.BrandPremium, o.BrandPremium)
}

// Equal reports whether two earnings are the same.
func (e EarningSpec) Equal(o EarningSpec) bool {
	return e.Kind == o.Kind && e.Name == o.Name && ptrEqual(e.Amount, o.Amount) && ptrEqual(e.Rate, o.Rate) &&
		ptrEqual(e.Tiered, o.Tiered) && e.Origin == o.Origin && e.Note == o.Note
}

// Equal reports whether two funded activities are the same.
func (f FundingSpec) Equal(o FundingSpec) bool {
	return f.Name == o.Name && ptrEqual(f.Spend, o.Spend) && ptrEqual(f.Reimbursed, o.Reimbursed) &&
		ptrEqual(f.VendorShare, o.VendorShare) && ptrEqual(f.Approved, o.Approved) && f.Origin == o.Origin
}

// Equal reports whether two offsets are the same.
func (f OffsetSpec) Equal(o OffsetSpec) bool {
	return f.Name == o.Name && ptrEqual(f.Value, o.Value) && f.Origin == o.Origin
}

// Equal reports whether two services blocks are the same.
func (s ServicesSpec) Equal(o ServicesSpec) bool {
	return ptrEqual(s.AttachRatio, o.AttachRatio) && ptrEqual(s.Margin, o.Margin)
}

// Equal reports whether two costs are the same.
func (c CostSpec) Equal(o CostSpec) bool {
	return c.Name == o.Name && ptrEqual(c.Amount, o.Amount) && ptrEqual(c.Rate, o.Rate) && c.Origin == o.Origin
}
