package dealreg

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// RatioPlaces is the number of decimal places of the rates Metrics and
// LeadStats report (counts divided by counts), rounded half-even.
const RatioPlaces = 4

// DealOutcome is a closed deal, registered or not, for programme metrics.
type DealOutcome struct {
	ID         string
	Registered bool
	Won        bool
	List       money.Amount // deal value at list
	// RegistrationDiscount is the registration discount granted on the
	// deal (zero when not registered).
	RegistrationDiscount money.Rate
	// PartnerMargin is the partner's margin on the deal: what
	// registration protected.
	PartnerMargin money.Amount
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
// an invalid early stage or policy registration rules, a missing
// registration, partner or deal ID, a negative deal size or list, a
// registration discount outside [0, 1], or a won registered deal without
// its List and PartnerMargin (the cost and what it protected would be
// silently dropped) (*FieldError); a decision dated before its submission
// (*FieldError matching ErrTimeOrder); duplicate IDs (*DuplicateIDError).
func ComputeMetrics(regs []Registration, outcomes []DealOutcome, early Stage, p Policy) (Metrics, error) {
	if errs := p.registrationErrors(); len(errs) > 0 {
		return Metrics{}, errors.Join(errs...)
	}
	if !early.IsValid() {
		return Metrics{}, &FieldError{Field: "early", Err: ErrInvalidField, Detail: "must be a named stage"}
	}
	if err := checkOutcomes(outcomes); err != nil {
		return Metrics{}, err
	}
	var m Metrics
	ids := newIDSet("registration", len(regs))
	per := map[string]int{}
	var approvals []time.Duration
	var earlyValue, totalValue decimal.Decimal
	var cur money.Currency
	setCur := func(a money.Amount) error {
		if !cur.IsValid() {
			cur = a.Currency()
			return nil
		}
		if a.Currency() != cur {
			return &money.CurrencyMismatchError{Op: "ComputeMetrics", A: cur, B: a.Currency()}
		}
		return nil
	}
	for i, r := range regs {
		if err := ids.check("registrations", i, r.ID); err != nil {
			return Metrics{}, err
		}
		if r.SubmittedAt.IsZero() {
			continue
		}
		switch {
		case r.Partner.ID == "":
			return Metrics{}, &FieldError{Field: fmt.Sprintf("registrations/%d/partner/id", i), Err: ErrMissingField}
		case !r.DecidedAt.IsZero() && r.DecidedAt.Before(r.SubmittedAt):
			return Metrics{}, &FieldError{Field: fmt.Sprintf("registrations/%d/decidedAt", i), Err: ErrTimeOrder, Detail: "decided before it was submitted"}
		case r.Deal.Size.IsValid() && r.Deal.Size.Sign() < 0:
			return Metrics{}, &FieldError{Field: fmt.Sprintf("registrations/%d/deal/size", i), Err: ErrInvalidField, Detail: "must not be negative"}
		}
		m.Submitted++
		per[r.Partner.ID]++
		isEarly := r.StageAtSubmission <= early
		if isEarly {
			m.EarlyCount++
		}
		if r.Deal.Size.IsValid() {
			if err := setCur(r.Deal.Size); err != nil {
				return Metrics{}, err
			}
			totalValue = totalValue.Add(r.Deal.Size.Decimal())
			if isEarly {
				earlyValue = earlyValue.Add(r.Deal.Size.Decimal())
			}
		}
		if r.DecidedAt.IsZero() {
			continue
		}
		if r.DecidedAt.Before(r.ReviewDue(p)) {
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
	m.MedianApproval, m.MeanApproval = durationStats(approvals)

	var err error
	if m.ApprovalRate, err = countRatio(m.Approved, m.Approved+m.Rejected); err != nil {
		return Metrics{}, err
	}
	if m.EarlyShare, err = countRatio(m.EarlyCount, m.Submitted); err != nil {
		return Metrics{}, err
	}
	if m.EarlyValueShare, err = ratio(earlyValue, totalValue); err != nil {
		return Metrics{}, err
	}

	var regWon, regClosed, unWon, unClosed int
	var cost, margin decimal.Decimal
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
		if err := setCur(o.List); err != nil {
			return Metrics{}, err
		}
		if err := setCur(o.PartnerMargin); err != nil {
			return Metrics{}, err
		}
		cost = cost.Add(o.List.MulRate(o.RegistrationDiscount).Decimal())
		margin = margin.Add(o.PartnerMargin.Decimal())
	}
	if m.RegisteredWinRate, err = countRatio(regWon, regClosed); err != nil {
		return Metrics{}, err
	}
	if m.UnregisteredWinRate, err = countRatio(unWon, unClosed); err != nil {
		return Metrics{}, err
	}
	if cur.IsValid() {
		m.DiscountCost, m.ProtectedMargin = money.New(cost, cur), money.New(margin, cur)
	}
	if m.CostPerMargin, err = ratio(cost, margin); err != nil {
		return Metrics{}, err
	}
	return m, nil
}

// checkOutcomes checks deal outcomes: IDs present and unique, a list that
// is not negative, a registration discount in [0, 1], and the list and
// partner margin of every won registered deal.
func checkOutcomes(outcomes []DealOutcome) error {
	ids := newIDSet("deal", len(outcomes))
	var errs []error
	for i, o := range outcomes {
		path := fmt.Sprintf("outcomes/%d", i)
		if err := ids.check("outcomes", i, o.ID); err != nil {
			errs = append(errs, err)
		}
		if o.List.IsValid() && o.List.Sign() < 0 {
			errs = append(errs, fieldErr(path+"/list", "must not be negative, got %s", o.List))
		}
		errs = checkFraction(errs, path+"/registrationDiscount", o.RegistrationDiscount)
		if o.Registered && o.Won {
			if !o.List.IsValid() {
				errs = append(errs, &FieldError{Field: path + "/list", Err: ErrMissingField, Detail: "a won registered deal needs its list value"})
			}
			if !o.PartnerMargin.IsValid() {
				errs = append(errs, &FieldError{Field: path + "/partnerMargin", Err: ErrMissingField, Detail: "a won registered deal needs the margin registration protected"})
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
// (*FieldError) and unique (*DuplicateIDError).
func ComputeLeadStats(records []LeadRecord, at time.Time, rp RoutingPolicy) (LeadStats, error) {
	if err := rp.Validate(); err != nil {
		return LeadStats{}, err
	}
	var s LeadStats
	ids := newIDSet("lead", len(records))
	src := map[string]*SourceCount{}
	var engage []time.Duration
	for i, l := range records {
		if err := ids.check("records", i, l.Lead.ID); err != nil {
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
