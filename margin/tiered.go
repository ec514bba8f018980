package margin

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// TieredSpec is a back-end earning paid by a tier schedule (package tier)
// on the partner's purchases from the vendor in the period, the base a
// channel-finance reader expects of a volume rebate: the period volume is
// Prior, the purchases earlier in the period, plus this deal's buy price,
// and the deal earns what it adds to the period's rebate,
//
//	line = round(R(Prior + Buy) − R(Prior))      ("running attainment")
//
// rounded once with the resale's rounding mode, never rate(tier of
// Prior + Buy) · Buy. With Prior zero the deal is the period. The line
// keeps a TierTrace: the tier reached, its bounds and rate.
type TieredSpec struct {
	// Schedule is the rebate schedule, all-units (retroactive: the rate of
	// the tier reached on the whole volume, with cliffs at the bounds) or
	// incremental (each tier's rate on the volume inside it), with rates
	// rather than prices per unit. Its bounds are purchase volumes in the
	// resale's currency. Required.
	Schedule tier.Schedule `json:"schedule"`
	// Prior is the partner's purchases from the vendor earlier in the
	// period, at buy price, in the resale's currency: at least 0, whole
	// minor units. Required ("0.00 USD" for the period's first deal).
	Prior *money.Amount `json:"prior"`
}

// Equal reports whether two tiered earnings are the same.
func (t TieredSpec) Equal(o TieredSpec) bool {
	return t.Schedule.Equal(o.Schedule) && ptrEqual(t.Prior, o.Prior)
}

// TierTrace explains a line paid by a tier schedule: the period volume
// before and after the deal, the tier each reaches, the bounds and rate of
// the tier reached, and the exact payouts whose difference, rounded once,
// is the line. It is the zero TierTrace on every other line.
type TierTrace struct {
	Mode     tier.Mode     `json:"mode"`
	Boundary tier.Boundary `json:"boundary"`
	// Prior is the period volume before the deal; Volume is Prior + Buy.
	Prior  money.Amount `json:"prior"`
	Volume money.Amount `json:"volume"`
	// PriorTier and Tier are the 1-based tiers Prior and Volume reach, of
	// Tiers.
	PriorTier int `json:"prior_tier"`
	Tier      int `json:"tier"`
	Tiers     int `json:"tiers"`
	// From and To bound the tier Volume reaches; Unbounded is true (and
	// To zero) for the last tier. Rate is that tier's rate: the rate on
	// the whole volume in all-units, the marginal rate in incremental.
	From      decimal.Decimal `json:"from"`
	To        decimal.Decimal `json:"to,omitzero"`
	Unbounded bool            `json:"unbounded,omitzero"`
	Rate      money.Rate      `json:"rate"`
	// Before and After are R(Prior) and R(Volume), exact and unrounded.
	Before decimal.Decimal `json:"before"`
	After  decimal.Decimal `json:"after"`
}

// IsZero reports whether t is the zero TierTrace (the line is not tiered).
func (t TierTrace) IsZero() bool { return t.Tiers == 0 }

// Equal reports whether two traces are the same (decimals compared
// numerically).
func (t TierTrace) Equal(o TierTrace) bool {
	return t.Mode == o.Mode && t.Boundary == o.Boundary && amountEqual(t.Prior, o.Prior) &&
		amountEqual(t.Volume, o.Volume) && t.PriorTier == o.PriorTier && t.Tier == o.Tier && t.Tiers == o.Tiers &&
		t.From.Equal(o.From) && t.To.Equal(o.To) && t.Unbounded == o.Unbounded && t.Rate.Equal(o.Rate) &&
		t.Before.Equal(o.Before) && t.After.Equal(o.After)
}

// checkTiered checks a tiered earning at pointer at ("/earnings/2").
func checkTiered(l *errList, at field.Path, t TieredSpec, cur money.Currency) {
	p := at.Key("tiered")
	s := t.Schedule
	switch {
	case !s.IsValid():
		l.add(inputErr(p.Key("schedule").String(), "", wrap(ErrMissing, "a tier schedule (tier.New or tier.ParseSchedule)")))
	case s.Mode() != tier.AllUnits && s.Mode() != tier.Incremental:
		l.add(inputErr(p.Key("schedule").Key("mode").String(), s.Mode().String(),
			wrap(ErrInvalid, "a tiered earning is all-units or incremental")))
	case s.PerUnit():
		l.add(inputErr(p.Key("schedule").Key("tiers").String(), "",
			wrap(ErrInvalid, "the schedule has prices per unit; a rebate on purchases takes rates")))
	}
	if t.Prior == nil {
		l.add(inputErr(p.Key("prior").String(), "", wrap(ErrMissing, "the period's purchases before the deal (0 for the first deal)")))
	} else {
		l.add(checkAmount(p.Key("prior").String(), *t.Prior, cur, nonNegative, true))
	}
}

// tiered returns the line of a tiered earning on the buy price: the
// deal's addition to the period's payout, rounded once, with its trace
// and explanation.
func (e *evaluator) tiered(at string, t TieredSpec, buy money.Amount) (money.Amount, TierTrace, string, error) {
	s := t.Schedule
	prior := t.Prior.Decimal()
	vol := prior.Add(buy.Decimal())
	before, after := s.Evaluate(prior), s.Evaluate(vol)
	amt, err := roundAmount(at+"/tiered", after.Payout.Sub(before.Payout), e.cur, e.mode)
	if err != nil {
		return money.Amount{}, TierTrace{}, "", err
	}
	tr := TierTrace{Mode: s.Mode(), Boundary: s.Boundary(), Prior: *t.Prior, Volume: money.New(vol, e.cur),
		PriorTier: before.Tier, Tier: after.Tier, Tiers: after.Tiers, Rate: after.Rate,
		Before: before.Payout, After: after.Payout}
	if ps := s.Portions(vol); len(ps) > 0 {
		last := ps[len(ps)-1]
		tr.From, tr.To, tr.Unbounded = last.From, last.To, last.Unbounded
	}
	return amt, tr, tierText(tr, buy, amt, e.mode), nil
}

// tierText explains a tiered line in one sentence.
func tierText(tr TierTrace, buy, amt money.Amount, mode money.RoundingMode) string {
	to := "∞)"
	if !tr.Unbounded {
		to = plain(tr.To) + ")"
		if tr.Boundary == tier.UpperInclusive {
			to = plain(tr.To) + "]"
		}
	}
	from := "[" + plain(tr.From)
	if tr.Boundary == tier.UpperInclusive && tr.Tier > 1 {
		from = "(" + plain(tr.From)
	}
	return fmt.Sprintf("%s tier schedule (%s) on the period's purchases: prior %s + buy %s = %s reaches tier %d of %d %s, %s, %s %s; "+
		"R(%s) − R(%s) = %s − %s = %s, rounded %s (prior in tier %d)",
		tr.Mode, tr.Boundary, tr.Prior, buy, tr.Volume, tr.Tier, tr.Tiers, from, to, tr.Rate.FormatPercent(), rateScope(tr.Mode),
		plain(tr.Volume.Decimal()), plain(tr.Prior.Decimal()), plain(tr.After), plain(tr.Before), amt, mode, tr.PriorTier)
}

// plain writes an exact decimal without trailing zeros after the point,
// so that the text depends on the value, not on how it was written.
func plain(d decimal.Decimal) string {
	s := money.FormatDecimal(d, 0)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// rateScope says what the rate of the tier reached applies to.
func rateScope(m tier.Mode) string {
	if m == tier.AllUnits {
		return "on the whole volume"
	}
	return "on the volume inside the tier"
}

// scheduleErrors rewrites the errors of a tier schedule decoded inside a
// resale document at base (its JSON Pointer) as *InputError values at
// base + the schedule's own pointer, matching ErrSchedule and tier's
// sentinel; it returns nil when err holds no *tier.SpecError.
func scheduleErrors(base string, err error) error {
	var l errList
	for _, e := range flatten(err, nil) {
		var se *tier.SpecError
		if errors.As(e, &se) {
			l.add(inputErr(base+se.Path, se.Value, fmt.Errorf("%w: %w", ErrSchedule, e)))
		}
	}
	return l.err()
}

// flatten appends the leaves of nested errors.Join values to out.
func flatten(err error, out []error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			out = flatten(e, out)
		}
		return out
	}
	return append(out, err)
}
