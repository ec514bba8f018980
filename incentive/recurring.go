package incentive

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
)

// Recurring revenue: subscription contracts valued by a plan setting.
//
// A recurring-revenue component may declare how a contract's booked
// amount A (Transaction.Amount) over its term of T months
// (Transaction.TermMonths) counts in its measure (ComponentSpec.ContractValue):
//
//	total       A                          (total contract value, TCV)
//	annualised  A · 12 / T                 (annual value, ACV or ARR)
//	first-year  A · min(T, 12) / T         (the first twelve months only)
//	monthly     A / T                      (monthly value, MRR)
//
// A value whose factor is not 1 is rounded once per contract, to the
// currency's minor unit with the plan's rounding mode, on the magnitude
// (so a credit note of the same contract reverses exactly what its sale
// counted); a factor of 1 (total, or T = 12 annualised, or T ≤ 12 first
// year) takes A as it stands. Renewals and expansion inside existing
// customers are selected by the component's motions (Eligibility.Motions:
// new, renewal, expansion). The trace names the setting.

// MaxTermMonths is the longest contract term, in months (50 years).
const MaxTermMonths = 600

const contractNames enum.Names = "unspecified total annualised first-year monthly"

const contractLabel = "contract value"

// ContractValue says how a recurring-revenue component counts a
// multi-month contract. The zero value means the setting is absent: the
// amount counts as booked and no term is needed.
type ContractValue uint8

// Contract values.
const (
	// ContractUnspecified is the zero ContractValue: no setting.
	ContractUnspecified ContractValue = iota
	// ContractTotal counts the total contract value A.
	ContractTotal
	// ContractAnnualised counts A · 12 / T (ACV, ARR).
	ContractAnnualised
	// ContractFirstYear counts A · min(T, 12) / T.
	ContractFirstYear
	// ContractMonthly counts A / T (MRR).
	ContractMonthly
)

// String returns "total", "annualised", "first-year" or "monthly".
func (c ContractValue) String() string { return contractNames.String(contractLabel, uint8(c)) }

// IsValid reports whether c is a named setting (not the zero value).
func (c ContractValue) IsValid() bool { return contractNames.IsValid(uint8(c)) }

// MarshalText returns the name; it fails for the zero value.
func (c ContractValue) MarshalText() ([]byte, error) {
	return marshalEnum(contractNames, contractLabel, c)
}

// UnmarshalText parses a name as written by MarshalText.
func (c *ContractValue) UnmarshalText(b []byte) error {
	return unmarshalEnum(c, contractNames, contractLabel, b)
}

// ParseContractValue parses "total", "annualised", "first-year" or
// "monthly"; other text is an *EnumError listing the valid names.
func ParseContractValue(s string) (ContractValue, error) {
	return parseEnum[ContractValue](contractNames, contractLabel, s)
}

// factor returns the fraction num / den of A a contract of term months
// counts.
func (c ContractValue) factor(term int32) (num, den int64) {
	t := int64(term)
	switch c {
	case ContractAnnualised:
		return 12, t
	case ContractFirstYear:
		return min(t, 12), t
	case ContractMonthly:
		return 1, t
	case ContractUnspecified, ContractTotal:
	}
	return 1, 1
}

// contractMinor returns the contract value of an amount of minor units
// (at the currency's scale), and false when it overflows int64.
func (c ContractValue) contractMinor(minor int64, term int32, mode money.RoundingMode) (int64, bool) {
	num, den := c.factor(term)
	if num == den {
		return minor, true
	}
	neg := minor < 0
	if neg {
		if minor == -1<<63 {
			return 0, false
		}
		minor = -minor
	}
	v, ok := fixed.MulDivRound(minor, num, den, mode)
	if neg {
		v = -v
	}
	return v, ok
}

// contractDecimal is contractMinor on an exact decimal amount.
func (c ContractValue) contractDecimal(a decimal.Decimal, term int32, digits int32, mode money.RoundingMode) (decimal.Decimal, error) {
	num, den := c.factor(term)
	if num == den {
		return a, nil
	}
	v, err := money.Div(a.Abs().Mul(decimal.New(num, 0)), decimal.New(den, 0), digits, mode)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if a.Sign() < 0 {
		v = v.Neg()
	}
	return v, nil
}

// contracted reports whether c values recurring contracts by their term.
func (c *component) contracted() bool {
	return c.spec.Measure == RecurringRevenue && c.spec.ContractValue != ContractUnspecified
}

// addContract adds t's contract value to acc i of s for c.
func (a *Accumulator) addContract(s *side, i int, c *component, t *Transaction, minor int64, ok bool) {
	cv, mode := c.spec.ContractValue, a.plan.spec.Rounding
	if ok {
		if v, fits := cv.contractMinor(minor, t.TermMonths, mode); fits && s.accs[i].addMinor(v) {
			return
		}
	}
	v, err := cv.contractDecimal(t.Amount.Decimal(), t.TermMonths, a.plan.spec.Currency.Digits(), mode)
	if err != nil { // not reached: the amount is in range and the factor at most 12
		v = decimal.Decimal{}
	}
	s.spill(i, v)
}

// contractAmount returns t's amount as c counts it.
func (c *component) contractAmount(p *Plan, t *Transaction) decimal.Decimal {
	if !c.contracted() {
		return t.Amount.Decimal()
	}
	v, err := c.spec.ContractValue.contractDecimal(t.Amount.Decimal(), t.TermMonths, p.spec.Currency.Digits(), p.spec.Rounding)
	if err != nil {
		return decimal.Decimal{}
	}
	return v
}

// checkTerm checks Transaction.TermMonths: within [0, MaxTermMonths],
// and set on a recurring sale, credit note or return when a component of
// p values contracts by their term.
func (t *Transaction) checkTerm(p *Plan) error {
	switch {
	case t.TermMonths < 0 || t.TermMonths > MaxTermMonths:
		return t.bad("/term_months", strconv.Itoa(int(t.TermMonths)), ErrData, fmt.Sprintf("a term is 1 to %d months", MaxTermMonths))
	case t.TermMonths == 0 && p.needTerm && t.Billing == Recurring && t.Kind != QualifyingEvent:
		return t.bad("/term_months", "", ErrData, "term_months required: a component values recurring contracts by their term (contract_value)")
	}
	return nil
}

// contractValue checks a component's contract_value at path p.
func (v *validator) contractValue(p string, c ComponentSpec) {
	switch {
	case c.ContractValue == ContractUnspecified:
	case !c.ContractValue.IsValid():
		v.add(p+"/contract_value", c.ContractValue.String(), ErrEnum)
	case c.Measure != RecurringRevenue:
		v.add(p+"/contract_value", c.ContractValue.String(), fmt.Errorf("%w: only a recurring-revenue measure values contracts", ErrInvalid))
	}
}

// contractPhrase is the sentence clause naming a trace's contract value,
// worded without brackets: the tier's bracket follows it.
func (t Trace) contractPhrase() string {
	var what string
	switch t.ContractValue {
	case ContractTotal:
		return " at total contract value"
	case ContractAnnualised:
		what = "annualised contract value, each contract's amount × 12 / its term in months"
	case ContractFirstYear:
		what = "first-year contract value, each contract's amount × min(term, 12) / its term in months"
	case ContractMonthly:
		what = "monthly contract value, each contract's amount / its term in months"
	case ContractUnspecified:
		return ""
	}
	return " at " + what + " rounded " + t.Rounding.String() + " to " + strconv.Itoa(int(t.Currency.Digits())) + " places"
}

// parseTerm parses a CSV term_months value: a whole number of months in
// [1, MaxTermMonths] (the engine checks the range again with the plan).
func parseTerm(s string, dst *int32) error {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n < 1 || n > MaxTermMonths {
		return fmt.Errorf("not a whole number of months from 1 to %d", MaxTermMonths)
	}
	*dst = int32(n)
	return nil
}
