package dealreg

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// RatioPlaces is the number of decimal places of the rates Metrics and
// LeadStats report (counts divided by counts), rounded half-even.
const RatioPlaces = 4

// DealOutcome is a closed deal, registered or not, for programme metrics.
type DealOutcome struct {
	ID         string       `json:"id"`
	Registered bool         `json:"registered"`
	Won        bool         `json:"won"`
	List       money.Amount `json:"list"` // deal value at list
	// RegistrationDiscount is the registration discount granted on the
	// deal (zero when not registered).
	RegistrationDiscount money.Rate `json:"registration_discount"`
	// PartnerMargin is the partner's margin on the deal: what
	// registration protected.
	PartnerMargin money.Amount `json:"partner_margin"`
}

// PartnerCount is a count per partner.
type PartnerCount struct {
	Partner string
	Count   int
}

// Metrics are deal-registration programme metrics.
type Metrics struct {
	// PerPartner counts registrations (any state past draft) per partner,
	// sorted by partner ID.
	PerPartner []PartnerCount
	// Submitted counts registrations that were submitted; Approved and
	// Rejected count decisions.
	Submitted, Approved, Rejected int
	// ApprovalRate is Approved / (Approved + Rejected).
	ApprovalRate money.Rate
	// MedianApproval and MeanApproval are over DecidedAt − SubmittedAt of
	// approved registrations, truncated to the nanosecond (the median of
	// an even count is the mean of the middle two).
	MedianApproval, MeanApproval time.Duration
	// WithinSLA counts decisions (approval or rejection) taken before
	// SubmittedAt + Policy.ApprovalSLA.
	WithinSLA int
	// EarlyCount counts submitted registrations whose StageAtSubmission
	// was at or before the early stage; EarlyShare is EarlyCount/Submitted.
	EarlyCount int
	EarlyShare money.Rate
	// EarlyValueShare is the same share weighted by Deal.Size (over the
	// registrations that state a size).
	EarlyValueShare money.Rate
	// Win rates of registered and unregistered closed deals.
	RegisteredWinRate, UnregisteredWinRate money.Rate
	// DiscountCost is Σ List·RegistrationDiscount over won registered deals
	// (exact); ProtectedMargin is Σ PartnerMargin over the same deals;
	// CostPerMargin is DiscountCost / ProtectedMargin (0 when no margin).
	DiscountCost, ProtectedMargin money.Amount
	CostPerMargin                 money.Rate
}

// ratio returns num/den rounded half-even to RatioPlaces, 0 when den is 0.
func ratio(num, den decimal.Decimal) (money.Rate, error) {
	if den.IsZero() {
		return money.Rate{}, nil
	}
	r, err := money.Div(num, den, RatioPlaces, money.HalfEven)
	if err != nil {
		return money.Rate{}, err
	}
	return money.RateFromFraction(r), nil
}

func countRatio(num, den int) (money.Rate, error) {
	return ratio(decimal.NewFromInt(int64(num)), decimal.NewFromInt(int64(den)))
}

// durationStats returns the median and mean of ds, truncated toward zero.
func durationStats(ds []time.Duration) (median, mean time.Duration) {
	if len(ds) == 0 {
		return 0, 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		median = s[n/2]
	} else {
		a, b := big.NewInt(int64(s[n/2-1])), big.NewInt(int64(s[n/2]))
		median = time.Duration(a.Add(a, b).Quo(a, big.NewInt(2)).Int64())
	}
	sum := new(big.Int)
	for _, d := range s {
		sum.Add(sum, big.NewInt(int64(d)))
	}
	mean = time.Duration(sum.Quo(sum, big.NewInt(int64(n))).Int64())
	return median, mean
}

// ComputeMetrics computes programme metrics from registrations and closed
// deal outcomes. early is the stage up to which a registration counts as
// early visibility (e.g. Qualification). Ratios are rounded half-even to
// RatioPlaces; amounts are exact. The result does not depend on the order
// of the inputs.
//
// Errors: amounts in more than one currency (*money.CurrencyMismatchError);
// a policy without the lifecycle part (ErrPolicyPart), an invalid early
// stage ("/early"), a missing registration or deal ID
// ("/registrations/<i>/id", "/outcomes/<i>/id"), a negative deal size or
// list, a registration discount outside [0, 1], or a won registered deal
// without its list and partner margin (the cost and what it protected
// would be silently dropped) (*FieldError); duplicate IDs
// (*DuplicateIDError).
func ComputeMetrics(regs []Registration, outcomes []DealOutcome, early Stage, p Policy) (Metrics, error) {
	if err := p.need(PartLifecycle); err != nil {
		return Metrics{}, err
	}
	if !early.IsValid() {
		return Metrics{}, invalid("/early", early.String(), "must be a named stage")
	}
	if err := checkOutcomes(outcomes); err != nil {
		return Metrics{}, err
	}
	var m Metrics
	var cur currencyOf
	approvals, earlyValue, totalValue, err := m.addRegistrations(regs, early, p, &cur)
	if err != nil {
		return Metrics{}, err
	}
	cost, margin, regWon, regClosed, unWon, unClosed, err := outcomeTotals(outcomes, &cur)
	if err != nil {
		return Metrics{}, err
	}
	m.MedianApproval, m.MeanApproval = durationStats(approvals)
	if cur.c.IsValid() {
		m.DiscountCost, m.ProtectedMargin = money.New(cost, cur.c), money.New(margin, cur.c)
	}
	for _, r := range []struct {
		dst      *money.Rate
		num, den decimal.Decimal
	}{
		{&m.ApprovalRate, dec(m.Approved), dec(m.Approved + m.Rejected)},
		{&m.EarlyShare, dec(m.EarlyCount), dec(m.Submitted)},
		{&m.EarlyValueShare, earlyValue, totalValue},
		{&m.RegisteredWinRate, dec(regWon), dec(regClosed)},
		{&m.UnregisteredWinRate, dec(unWon), dec(unClosed)},
		{&m.CostPerMargin, cost, margin},
	} {
		if *r.dst, err = ratio(r.num, r.den); err != nil {
			return Metrics{}, err
		}
	}
	return m, nil
}

func dec(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }

// currencyOf is the one currency of a computation's amounts, set by the
// first amount added.
type currencyOf struct{ c money.Currency }

func (c *currencyOf) add(a money.Amount) error {
	if !c.c.IsValid() {
		c.c = a.Currency()
		return nil
	}
	if a.Currency() != c.c {
		return &money.CurrencyMismatchError{Op: "ComputeMetrics", A: c.c, B: a.Currency()}
	}
	return nil
}

// addRegistrations counts the submitted registrations into m (per partner,
// decisions, within the SLA, early ones) and returns the approval times
// and the early and total deal values.
func (m *Metrics) addRegistrations(regs []Registration, early Stage, p Policy, cur *currencyOf) (approvals []time.Duration, earlyValue, totalValue decimal.Decimal, err error) {
	ids := newIDSet("registration", len(regs))
	per := map[string]int{}
	for i, reg := range regs {
		if err := ids.check("registrations", i, reg.rec.ID); err != nil {
			return nil, earlyValue, totalValue, err
		}
		r := reg.rec
		if r.SubmittedAt.IsZero() {
			continue
		}
		if r.Deal.Size.IsValid() && r.Deal.Size.Sign() < 0 {
			return nil, earlyValue, totalValue, invalid(field.At("registrations", i, "deal", "size"), r.Deal.Size.String(), "must not be negative")
		}
		m.Submitted++
		per[r.Registrant.ID]++
		isEarly := r.StageAtSubmission <= early
		if isEarly {
			m.EarlyCount++
		}
		if r.Deal.Size.IsValid() {
			if err := cur.add(r.Deal.Size); err != nil {
				return nil, earlyValue, totalValue, err
			}
			totalValue = totalValue.Add(r.Deal.Size.Decimal())
			if isEarly {
				earlyValue = earlyValue.Add(r.Deal.Size.Decimal())
			}
		}
		if r.DecidedAt.IsZero() {
			continue
		}
		if r.DecidedAt.Before(reg.ReviewDue(p)) {
			m.WithinSLA++
		}
		if r.State == Rejected {
			m.Rejected++
			continue
		}
		m.Approved++
		approvals = append(approvals, r.DecidedAt.Sub(r.SubmittedAt))
	}
	for id, n := range per {
		m.PerPartner = append(m.PerPartner, PartnerCount{Partner: id, Count: n})
	}
	slices.SortFunc(m.PerPartner, func(a, b PartnerCount) int { return strings.Compare(a.Partner, b.Partner) })
	return approvals, earlyValue, totalValue, nil
}

// outcomeTotals counts closed deals and sums the registration discount's
// cost and the margin it protected over won registered deals.
func outcomeTotals(outcomes []DealOutcome, cur *currencyOf) (cost, margin decimal.Decimal, regWon, regClosed, unWon, unClosed int, err error) {
	for _, o := range outcomes {
		if !o.Registered {
			unClosed++
			if o.Won {
				unWon++
			}
			continue
		}
		regClosed++
		if !o.Won {
			continue
		}
		regWon++
		if err := cur.add(o.List); err != nil {
			return cost, margin, 0, 0, 0, 0, err
		}
		if err := cur.add(o.PartnerMargin); err != nil {
			return cost, margin, 0, 0, 0, 0, err
		}
		cost = cost.Add(o.List.MulRate(o.RegistrationDiscount).Decimal())
		margin = margin.Add(o.PartnerMargin.Decimal())
	}
	return cost, margin, regWon, regClosed, unWon, unClosed, nil
}

// checkOutcomes checks deal outcomes: IDs present and unique, a list that
// is not negative, a registration discount in [0, 1], and the list and
// partner margin of every won registered deal.
func checkOutcomes(outcomes []DealOutcome) error {
	ids := newIDSet("deal", len(outcomes))
	var errs []error
	for i, o := range outcomes {
		if err := ids.check("outcomes", i, o.ID); err != nil {
			errs = append(errs, err)
		}
		if o.List.IsValid() && o.List.Sign() < 0 {
			errs = append(errs, invalid(field.At("outcomes", i, "list"), o.List.String(), "must not be negative"))
		}
		errs = checkFraction(errs, field.At("outcomes", i, "registration_discount"), o.RegistrationDiscount)
		if o.Registered && o.Won {
			if !o.List.IsValid() {
				errs = append(errs, &FieldError{Path: field.At("outcomes", i, "list"), Err: fmt.Errorf("%w: a won registered deal needs its list value", ErrMissingField)})
			}
			if !o.PartnerMargin.IsValid() {
				errs = append(errs, &FieldError{Path: field.At("outcomes", i, "partner_margin"), Err: fmt.Errorf("%w: a won registered deal needs the margin registration protected", ErrMissingField)})
			}
		}
	}
	return errors.Join(errs...)
}

// LeadStats summarises vendor-passed lead handling at a point in time.
type LeadStats struct {
	// Attempts counts assignments, current and past; Accepted, Rejected,
	// Silent and Pending classify them (a past silent attempt counts as
	// silent).
	Attempts, Accepted, Rejected, Silent, Pending int
	// AcceptanceRate is Accepted / Attempts.
	AcceptanceRate money.Rate
	// MedianTimeToEngage and MeanTimeToEngage are over accepted leads
	// (accepted − assigned), truncated to the nanosecond.
	MedianTimeToEngage, MeanTimeToEngage time.Duration
	// BySource counts leads and accepted leads per Lead.Source, sorted by
	// source: the basis of the lead programme's ROI.
	BySource []SourceCount
}

// SourceCount counts the leads of one source.
type SourceCount struct {
	Source          string
	Leads, Accepted int
}

// ComputeLeadStats computes LeadStats for records at time at under rp
// (which must be valid: RoutingPolicy.Validate). Lead IDs must be present
// (*FieldError, "/records/<i>/lead/id") and unique (*DuplicateIDError).
func ComputeLeadStats(records []LeadRecord, at time.Time, rp RoutingPolicy) (LeadStats, error) {
	if err := rp.Validate(); err != nil {
		return LeadStats{}, err
	}
	var s LeadStats
	ids := newIDSet("lead", len(records))
	src := map[string]*SourceCount{}
	var engage []time.Duration
	for i, l := range records {
		if err := ids.checkAt(field.At("records", i, "lead", "id"), l.Lead.ID); err != nil {
			return LeadStats{}, err
		}
		sc := src[l.Lead.Source]
		if sc == nil {
			sc = &SourceCount{Source: l.Lead.Source}
			src[l.Lead.Source] = sc
		}
		sc.Leads++
		for _, h := range l.History {
			s.Attempts++
			switch h.Outcome {
			case LeadRejected:
				s.Rejected++
			case LeadSilent:
				s.Silent++
			case LeadStatusUnspecified, LeadAssigned, LeadAccepted:
			default:
			}
		}
		s.Attempts++
		switch l.StatusAt(at, rp) {
		case LeadAccepted:
			s.Accepted++
			sc.Accepted++
			if d, ok := l.TimeToEngage(); ok {
				engage = append(engage, d)
			}
		case LeadRejected:
			s.Rejected++
		case LeadSilent:
			s.Silent++
		case LeadAssigned:
			s.Pending++
		case LeadStatusUnspecified:
		default:
		}
	}
	for _, sc := range src {
		s.BySource = append(s.BySource, *sc)
	}
	slices.SortFunc(s.BySource, func(a, b SourceCount) int { return strings.Compare(a.Source, b.Source) })
	s.MedianTimeToEngage, s.MeanTimeToEngage = durationStats(engage)
	var err error
	if s.AcceptanceRate, err = countRatio(s.Accepted, s.Attempts); err != nil {
		return LeadStats{}, err
	}
	return s, nil
}
