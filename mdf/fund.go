package mdf

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// Scope says whom a fund is for. Every member is optional: a fund for one
// partner names it, a pool for a tier, segment or country names that.
type Scope struct {
	Partner string `json:"partner,omitzero"`
	Tier    string `json:"tier,omitzero"`
	Segment string `json:"segment,omitzero"`
	Country string `json:"country,omitzero"` // ISO 3166-1 alpha-2, as given
}

// CoopTerms are the accrual terms of a co-op fund: it accrues Rate × the
// partner's cumulative eligible purchases, rounded once to the currency's
// minor unit with Rounding, and never more than Cap in total. Rate and
// Cap move money and are required.
type CoopTerms struct {
	Rate     *money.Rate        `json:"rate"`
	Cap      *money.Amount      `json:"cap"`
	Rounding money.RoundingMode `json:"rounding"`
}

// FundSpec is the open form of a fund: what it is, not what it holds. A
// fund is valid from OpensAt until ExpiresAt (exclusive). Coop is required
// for a co-op fund and must be absent for a discretionary one.
type FundSpec struct {
	ID        string         `json:"id"`
	Kind      FundKind       `json:"kind"`
	Currency  money.Currency `json:"currency"`
	Scope     Scope          `json:"scope,omitzero"`
	OpensAt   time.Time      `json:"opens_at"`
	ExpiresAt time.Time      `json:"expires_at"`
	Coop      *CoopTerms     `json:"coop,omitempty"`
}

// Equal reports whether two specifications are the same (rates and
// amounts compared numerically, times with time.Time.Equal).
func (s FundSpec) Equal(o FundSpec) bool {
	return s.ID == o.ID && s.Kind == o.Kind && s.Currency == o.Currency && s.Scope == o.Scope &&
		s.OpensAt.Equal(o.OpensAt) && s.ExpiresAt.Equal(o.ExpiresAt) && coopEqual(s.Coop, o.Coop)
}

func coopEqual(a, b *CoopTerms) bool {
	if a == nil || b == nil {
		return a == b
	}
	return ptrEqual(a.Rate, b.Rate) && ptrEqual(a.Cap, b.Cap) && a.Rounding == b.Rounding
}

func ptrEqual[T interface{ Equal(T) bool }](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return (*a).Equal(*b)
}

func (s FundSpec) clone() FundSpec {
	if s.Coop != nil {
		c := *s.Coop
		c.Rate, c.Cap = clonePtr(c.Rate), clonePtr(c.Cap)
		s.Coop = &c
	}
	return s
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// Balance is a fund's position. It always satisfies the balance identity
//
//	Available = Allocated − (Paid + Approved + Pending)
//
// with every member at least zero: Allocated is what the fund holds
// (allotments and co-op accruals, less transfers out, negative
// adjustments and what lapsed), Pending what open requests have asked
// for, Approved what the vendor has committed and not yet paid, Paid what
// it has paid.
type Balance struct {
	Allocated money.Amount `json:"allocated"`
	Paid      money.Amount `json:"paid"`
	Approved  money.Amount `json:"approved"`
	Pending   money.Amount `json:"pending"`
	Available money.Amount `json:"available"`
}

// Equal reports whether two balances are the same (amounts compared
// numerically).
func (b Balance) Equal(o Balance) bool {
	return b.Allocated.Equal(o.Allocated) && b.Paid.Equal(o.Paid) && b.Approved.Equal(o.Approved) &&
		b.Pending.Equal(o.Pending) && b.Available.Equal(o.Available)
}

// FundRecord is the stored form of a fund: its specification and every
// counter, for a host's database (Fund.Record exports one, RestoreFund
// checks one). Purchases and Accrued are kept for co-op funds only (zero
// amounts otherwise). Lapsed is what expired or was cancelled unused.
type FundRecord struct {
	Spec        FundSpec     `json:"spec"`
	Status      FundStatus   `json:"status"`
	Allocated   money.Amount `json:"allocated"`
	Paid        money.Amount `json:"paid"`
	Approved    money.Amount `json:"approved"`
	Pending     money.Amount `json:"pending"`
	Lapsed      money.Amount `json:"lapsed"`
	Purchases   money.Amount `json:"purchases"`
	Accrued     money.Amount `json:"accrued"`
	LastEventAt time.Time    `json:"last_event_at"`
}

// Equal reports whether two records are the same (amounts compared
// numerically, times with time.Time.Equal).
func (r FundRecord) Equal(o FundRecord) bool {
	return r.Spec.Equal(o.Spec) && r.Status == o.Status && r.Allocated.Equal(o.Allocated) &&
		r.Paid.Equal(o.Paid) && r.Approved.Equal(o.Approved) && r.Pending.Equal(o.Pending) &&
		r.Lapsed.Equal(o.Lapsed) && r.Purchases.Equal(o.Purchases) && r.Accrued.Equal(o.Accrued) &&
		r.LastEventAt.Equal(o.LastEventAt)
}

// Fund is a market development or co-op fund: an immutable value. Every
// operation returns a new Fund (or a typed error, leaving nothing
// changed); none turns a balance negative. The zero Fund is not a fund
// (IsValid is false); start from NewFund.
type Fund struct {
	rec FundRecord
}

// NewFund checks spec and returns an open fund holding nothing, whose
// last event is its opening (operations may not be dated earlier).
// Errors are *InputErrors at the members of FundSpec ("/id",
// "/coop/rate", …), joined.
func NewFund(spec FundSpec) (Fund, error) {
	if err := checkFundSpec(spec); err != nil {
		return Fund{}, err
	}
	z := money.Zero(spec.Currency)
	return Fund{rec: FundRecord{
		Spec: spec.clone(), Status: FundOpen, Allocated: z, Paid: z, Approved: z, Pending: z, Lapsed: z,
		Purchases: z, Accrued: z, LastEventAt: spec.OpensAt,
	}}, nil
}

// MustNewFund is NewFund that panics on error, for literals in tests and
// examples.
func MustNewFund(spec FundSpec) Fund {
	f, err := NewFund(spec)
	if err != nil {
		panic(err)
	}
	return f
}

func checkFundSpec(s FundSpec) error {
	var l errList
	if s.ID == "" {
		l.add("/id", "", ErrMissing)
	}
	if !s.Currency.IsValid() {
		l.add("/currency", "", ErrMissing)
	}
	if s.OpensAt.IsZero() {
		l.add("/opens_at", "", ErrMissing)
	}
	if s.ExpiresAt.IsZero() {
		l.add("/expires_at", "", ErrMissing)
	} else if !s.OpensAt.IsZero() && !s.OpensAt.Before(s.ExpiresAt) {
		l.add("/expires_at", s.ExpiresAt.Format(time.RFC3339), wrap(ErrInvalid, "not after opens_at"))
	}
	switch s.Kind {
	case Discretionary:
		if s.Coop != nil {
			l.add("/coop", "", wrap(ErrInvalid, "a discretionary fund has no co-op terms"))
		}
	case Coop:
		checkCoop(&l, s.Coop, s.Currency)
	case FundKindUnspecified:
		l.add("/kind", "", ErrMissing)
	default:
		l.add("/kind", s.Kind.String(), ErrInvalid)
	}
	return l.err()
}

func checkCoop(l *errList, c *CoopTerms, cur money.Currency) {
	if c == nil {
		l.add("/coop", "", wrap(ErrMissing, "a co-op fund needs its accrual terms"))
		return
	}
	switch {
	case c.Rate == nil:
		l.add("/coop/rate", "", ErrMissing)
	case !money.InRange(c.Rate.Fraction()):
		l.add("/coop/rate", c.Rate.String(), ErrRange)
	case c.Rate.Sign() <= 0 || c.Rate.Cmp(money.RateFromFraction(decimal.New(1, 0))) > 0:
		l.add("/coop/rate", c.Rate.FormatPercent(), wrap(ErrInvalid, "outside (0, 100%]"))
	}
	if c.Cap == nil {
		l.add("/coop/cap", "", ErrMissing)
	} else if err := checkAmount(*c.Cap, cur, true); err != nil {
		l.add("/coop/cap", c.Cap.String(), err)
	}
	if !c.Rounding.IsValid() {
		l.add("/coop/rounding", "", ErrMissing)
	}
}

// checkAmount checks that a is a valid amount in cur, a whole number of
// minor units in the operating range, and positive (or not negative).
func checkAmount(a money.Amount, cur money.Currency, positive bool) error {
	switch {
	case !a.IsValid():
		return ErrMissing
	case cur.IsValid() && a.Currency() != cur:
		return wrap(ErrCurrency, "%s, want %s", a.Currency().Code(), cur.Code())
	case !money.InRange(a.Decimal()):
		return ErrRange
	case a.Decimal().Exponent() < -a.Currency().Digits() && !a.Decimal().Equal(a.Decimal().Truncate(a.Currency().Digits())):
		return wrap(ErrInvalid, "more places than the currency's minor unit")
	case positive && a.Sign() <= 0:
		return ErrNonPositive
	case a.Sign() < 0:
		return ErrNegative
	}
	return nil
}

// Record returns the fund's stored form (a copy).
func (f Fund) Record() FundRecord {
	r := f.rec
	r.Spec = r.Spec.clone()
	return r
}

// IsValid reports whether f was built by NewFund, RestoreFund or an
// operation on such a fund.
func (f Fund) IsValid() bool { return f.rec.Status.IsValid() }

// Spec returns the fund's specification (a copy).
func (f Fund) Spec() FundSpec { return f.rec.Spec.clone() }

// ID returns the fund's ID.
func (f Fund) ID() string { return f.rec.Spec.ID }

// Currency returns the fund's currency.
func (f Fund) Currency() money.Currency { return f.rec.Spec.Currency }

// Status returns whether the fund is open, expired or cancelled.
func (f Fund) Status() FundStatus { return f.rec.Status }

// LastEventAt returns the time of the last operation (the opening at
// first).
func (f Fund) LastEventAt() time.Time { return f.rec.LastEventAt }

// Lapsed returns what expired or was cancelled unused.
func (f Fund) Lapsed() money.Amount { return f.rec.Lapsed }

// Accrued returns a co-op fund's total accrual so far, min(cap,
// round(rate × purchases)); zero for a discretionary fund.
func (f Fund) Accrued() money.Amount { return f.rec.Accrued }

// Purchases returns a co-op fund's cumulative eligible purchases.
func (f Fund) Purchases() money.Amount { return f.rec.Purchases }

// Available returns Allocated − (Paid + Approved + Pending).
func (f Fund) Available() money.Amount {
	r := f.rec
	return minus(r.Allocated, plus(r.Paid, plus(r.Approved, r.Pending)))
}

// Balance returns the fund's position.
func (f Fund) Balance() Balance {
	r := f.rec
	return Balance{Allocated: r.Allocated, Paid: r.Paid, Approved: r.Approved, Pending: r.Pending, Available: f.Available()}
}

// Equal reports whether two funds are the same value.
func (f Fund) Equal(o Fund) bool { return f.rec.Equal(o.rec) }

// plus and minus add amounts the package has checked to share a currency.
func plus(a, b money.Amount) money.Amount {
	return money.New(a.Decimal().Add(b.Decimal()), a.Currency())
}

func minus(a, b money.Amount) money.Amount {
	return money.New(a.Decimal().Sub(b.Decimal()), a.Currency())
}

func less(a, b money.Amount) bool { return a.Decimal().LessThan(b.Decimal()) }

func minAmount(a, b money.Amount) money.Amount {
	if less(b, a) {
		return b
	}
	return a
}

// op checks what every operation needs: a valid fund, a time not before
// the last event, an open fund before its expiry when live is set.
func (f Fund) op(name string, at time.Time, live bool) error {
	if !f.IsValid() {
		return &TransitionError{Op: name, From: f.rec.Status.String(), Err: wrap(ErrInvalid, "the zero Fund (use NewFund)")}
	}
	if at.Before(f.rec.LastEventAt) {
		return &TransitionError{Path: "/at", Op: name, From: f.rec.Status.String(),
			Err: wrap(ErrTransition, "dated before the last event at %s", f.rec.LastEventAt.Format(time.RFC3339))}
	}
	if !live {
		return nil
	}
	if f.rec.Status != FundOpen {
		return &TransitionError{Op: name, From: f.rec.Status.String(), Err: ErrTransition}
	}
	if !at.Before(f.rec.Spec.ExpiresAt) {
		return &TransitionError{Path: "/at", Op: name, From: f.rec.Status.String(),
			Err: wrap(ErrDeadline, "the fund expired at %s", f.rec.Spec.ExpiresAt.Format(time.RFC3339))}
	}
	return nil
}

// take checks that amount (at path) is positive, in the fund's currency
// and covered by have, a balance named what.
func (f Fund) take(path string, amount, have money.Amount, what string) error {
	if err := checkAmount(amount, f.rec.Spec.Currency, true); err != nil {
		return inputErr(path, amountText(amount), err)
	}
	if less(have, amount) {
		return &InsufficientError{Path: path, Need: amount, Have: have, What: what}
	}
	return nil
}

func amountText(a money.Amount) string {
	if !a.IsValid() {
		return ""
	}
	return a.String()
}

// Allot adds amount to a discretionary fund's allocation: Allocated and
// Available grow by amount. The fund must be open and at before its
// expiry; amount positive, in the fund's currency, in whole minor units
// ("/amount").
func (f Fund) Allot(amount money.Amount, at time.Time) (Fund, error) {
	if err := f.op("allot", at, true); err != nil {
		return Fund{}, err
	}
	if f.rec.Spec.Kind != Discretionary {
		return Fund{}, &TransitionError{Op: "allot", From: f.rec.Status.String(),
			Err: wrap(ErrTransition, "a co-op fund grows only by accrual")}
	}
	if err := checkAmount(amount, f.rec.Spec.Currency, true); err != nil {
		return Fund{}, inputErr("/amount", amountText(amount), err)
	}
	g := f
	g.rec.Allocated = plus(g.rec.Allocated, amount)
	g.rec.LastEventAt = at
	return g, nil
}

// Accrue records eligible purchases on a co-op fund and returns the new
// fund and the accrual they earn. The fund's accrual is always
//
//	Accrued = min(Cap, round(Rate × P))
//
// for the cumulative purchases P, rounded once with the terms' rounding
// mode to the currency's minor unit; each call's accrual is the
// difference of consecutive totals, so the accruals sum exactly to the
// total and the cap is never passed. purchases may be negative (a return
// or credit note) as long as P stays at least zero ("/purchases",
// ErrNegative); a negative accrual needs the fund's Available to cover it
// (*InsufficientError). The fund must be open and at before its expiry.
func (f Fund) Accrue(purchases money.Amount, at time.Time) (Fund, money.Amount, error) {
	if err := f.op("accrue", at, true); err != nil {
		return Fund{}, money.Amount{}, err
	}
	c := f.rec.Spec.Coop
	if f.rec.Spec.Kind != Coop || c == nil {
		return Fund{}, money.Amount{}, &TransitionError{Op: "accrue", From: f.rec.Status.String(),
			Err: wrap(ErrTransition, "only a co-op fund accrues")}
	}
	if err := checkAmount(purchases.Abs(), f.rec.Spec.Currency, false); err != nil || purchases.Currency() != f.rec.Spec.Currency {
		if err == nil {
			err = wrap(ErrCurrency, "%s, want %s", purchases.Currency().Code(), f.rec.Spec.Currency.Code())
		}
		return Fund{}, money.Amount{}, inputErr("/purchases", amountText(purchases), err)
	}
	total := plus(f.rec.Purchases, purchases)
	if total.Sign() < 0 {
		return Fund{}, money.Amount{}, inputErr("/purchases", purchases.String(),
			wrap(ErrNegative, "cumulative purchases would be %s", total))
	}
	accrued, err := coopAccrual(*c, total)
	if err != nil {
		return Fund{}, money.Amount{}, inputErr("/purchases", purchases.String(), err)
	}
	delta := minus(accrued, f.rec.Accrued)
	if delta.Sign() < 0 {
		if err := f.take("/purchases", delta.Neg(), f.Available(), "available"); err != nil {
			return Fund{}, money.Amount{}, err
		}
	}
	g := f
	g.rec.Purchases, g.rec.Accrued = total, accrued
	g.rec.Allocated = plus(g.rec.Allocated, delta)
	g.rec.LastEventAt = at
	return g, delta, nil
}

// coopAccrual is min(cap, round(rate × purchases)).
func coopAccrual(c CoopTerms, purchases money.Amount) (money.Amount, error) {
	a, err := purchases.MulRate(*c.Rate).Round(c.Rounding)
	if err != nil {
		return money.Amount{}, wrap(ErrRange, "%v", err)
	}
	return minAmount(a, *c.Cap), nil
}

// Reduce is a negative adjustment: Allocated and Available fall by
// amount, which must be positive and at most Available ("/amount";
// *InsufficientError otherwise). It is allowed in any status (a vendor
// may claw back what was released to an expired fund).
func (f Fund) Reduce(amount money.Amount, at time.Time) (Fund, error) {
	if err := f.op("reduce", at, false); err != nil {
		return Fund{}, err
	}
	if err := f.take("/amount", amount, f.Available(), "available"); err != nil {
		return Fund{}, err
	}
	g := f
	g.rec.Allocated = minus(g.rec.Allocated, amount)
	g.rec.LastEventAt = at
	return g, nil
}

// Expire lapses what is available at or after the fund's expiry:
// Allocated falls and Lapsed grows by Available, which becomes zero, and
// the status becomes FundExpired. Pending and approved amounts stay
// (requests made in time still run); what they later return to available
// lapses at the next Expire, which an expired fund accepts again. Expire
// before ExpiresAt is ErrDeadline; on a cancelled fund ErrTransition.
func (f Fund) Expire(at time.Time) (Fund, error) {
	if err := f.op("expire", at, false); err != nil {
		return Fund{}, err
	}
	if f.rec.Status == FundCancelled {
		return Fund{}, &TransitionError{Op: "expire", From: f.rec.Status.String(), Err: ErrTransition}
	}
	if at.Before(f.rec.Spec.ExpiresAt) {
		return Fund{}, &TransitionError{Path: "/at", Op: "expire", From: f.rec.Status.String(),
			Err: wrap(ErrDeadline, "the fund expires at %s", f.rec.Spec.ExpiresAt.Format(time.RFC3339))}
	}
	return f.lapse(FundExpired, at), nil
}

// Cancel closes an open fund early: what is available lapses as in
// Expire and the status becomes FundCancelled. Commitments made before
// still run; what they later return to available stays there until the
// host removes it with Reduce (Expire refuses a cancelled fund).
func (f Fund) Cancel(at time.Time) (Fund, error) {
	if err := f.op("cancel", at, false); err != nil {
		return Fund{}, err
	}
	if f.rec.Status != FundOpen {
		return Fund{}, &TransitionError{Op: "cancel", From: f.rec.Status.String(), Err: ErrTransition}
	}
	return f.lapse(FundCancelled, at), nil
}

func (f Fund) lapse(status FundStatus, at time.Time) Fund {
	avail := f.Available()
	g := f
	g.rec.Allocated = minus(g.rec.Allocated, avail)
	g.rec.Lapsed = plus(g.rec.Lapsed, avail)
	g.rec.Status = status
	g.rec.LastEventAt = at
	return g
}

// Conversion is a caller-given exchange rate for moving money between
// funds of two currencies: Rate units of the target currency per unit of
// the source currency (positive), the result rounded once to the target's
// minor unit with Rounding. The zero Conversion means "none": funds of
// two currencies are then never combined (ErrCurrency), and a Conversion
// between funds of one currency is refused too, so that a rate is never
// applied by mistake.
type Conversion struct {
	Rate     decimal.Decimal    `json:"rate"`
	Rounding money.RoundingMode `json:"rounding"`
}

// IsZero reports whether c is the zero Conversion.
func (c Conversion) IsZero() bool { return c.Rate.IsZero() && c.Rounding == money.RoundingUnspecified }

// convert returns amount in to's currency under c ("/conversion/…").
func (c Conversion) convert(amount money.Amount, to money.Currency) (money.Amount, error) {
	same := amount.Currency() == to
	switch {
	case same && c.IsZero():
		return amount, nil
	case same:
		return money.Amount{}, inputErr("/conversion", "", wrap(ErrCurrency, "a conversion between funds of one currency"))
	case c.IsZero():
		return money.Amount{}, inputErr("/conversion", "",
			wrap(ErrCurrency, "%s to %s needs a conversion", amount.Currency().Code(), to.Code()))
	case c.Rate.Sign() <= 0 || !money.InRange(c.Rate):
		return money.Amount{}, inputErr("/conversion/rate", c.Rate.String(), ErrNonPositive)
	case !c.Rounding.IsValid():
		return money.Amount{}, inputErr("/conversion/rounding", "", ErrMissing)
	}
	out, err := amount.Convert(to, c.Rate, c.Rounding)
	if err != nil {
		return money.Amount{}, inputErr("/conversion/rate", c.Rate.String(), wrap(ErrRange, "%v", err))
	}
	return out, nil
}

// Transfer moves amount (in from's currency, at most from's Available)
// to a discretionary fund: from's Allocated falls by amount, to's
// Allocated grows by amount converted with conv (the zero Conversion when
// both funds have one currency). The target must be open and at before
// its expiry; the source may be in any status. It returns both new funds
// and what the target received. Moving to the same fund ID is ErrInvalid
// ("/to").
func Transfer(from, to Fund, amount money.Amount, conv Conversion, at time.Time) (Fund, Fund, money.Amount, error) {
	if from.IsValid() && to.IsValid() && from.ID() == to.ID() {
		return Fund{}, Fund{}, money.Amount{}, inputErr("/to", to.ID(), wrap(ErrInvalid, "a transfer to the same fund"))
	}
	if err := from.op("transfer", at, false); err != nil {
		return Fund{}, Fund{}, money.Amount{}, err
	}
	if err := to.op("transfer", at, true); err != nil {
		return Fund{}, Fund{}, money.Amount{}, err
	}
	if to.rec.Spec.Kind != Discretionary {
		return Fund{}, Fund{}, money.Amount{}, inputErr("/to", to.ID(), wrap(ErrInvalid, "a co-op fund grows only by accrual"))
	}
	if err := from.take("/amount", amount, from.Available(), "available"); err != nil {
		return Fund{}, Fund{}, money.Amount{}, err
	}
	got, err := conv.convert(amount, to.Currency())
	if err != nil {
		return Fund{}, Fund{}, money.Amount{}, err
	}
	if got.Sign() <= 0 {
		return Fund{}, Fund{}, money.Amount{}, inputErr("/amount", amount.String(),
			wrap(ErrNonPositive, "converts to %s", got))
	}
	f, g := from, to
	f.rec.Allocated = minus(f.rec.Allocated, amount)
	g.rec.Allocated = plus(g.rec.Allocated, got)
	f.rec.LastEventAt, g.rec.LastEventAt = at, at
	return f, g, got, nil
}

// Rollover moves everything available in from into a discretionary fund
// at or after from's expiry, instead of letting it lapse: as Transfer of
// from's Available, after which from is FundExpired (nothing lapses). It
// returns both funds and what the target received (zero when nothing was
// available). from must be open or expired; into open at at.
func Rollover(from, into Fund, conv Conversion, at time.Time) (Fund, Fund, money.Amount, error) {
	if err := from.op("rollover", at, false); err != nil {
		return Fund{}, Fund{}, money.Amount{}, err
	}
	if from.rec.Status == FundCancelled {
		return Fund{}, Fund{}, money.Amount{}, &TransitionError{Op: "rollover", From: from.rec.Status.String(), Err: ErrTransition}
	}
	if at.Before(from.rec.Spec.ExpiresAt) {
		return Fund{}, Fund{}, money.Amount{}, &TransitionError{Path: "/at", Op: "rollover", From: from.rec.Status.String(),
			Err: wrap(ErrDeadline, "the fund expires at %s", from.rec.Spec.ExpiresAt.Format(time.RFC3339))}
	}
	avail := from.Available()
	if avail.Sign() == 0 {
		if err := into.op("rollover", at, true); err != nil {
			return Fund{}, Fund{}, money.Amount{}, err
		}
		if _, err := conv.convert(avail, into.Currency()); err != nil {
			return Fund{}, Fund{}, money.Amount{}, err
		}
		f := from
		f.rec.Status, f.rec.LastEventAt = FundExpired, at
		return f, into, money.Zero(into.Currency()), nil
	}
	f, g, got, err := Transfer(from, into, avail, conv, at)
	if err != nil {
		return Fund{}, Fund{}, money.Amount{}, err
	}
	f.rec.Status = FundExpired
	return f, g, got, nil
}

// BudgetShare is one fund's weight in a budget split.
type BudgetShare struct {
	Fund   Fund
	Weight decimal.Decimal // non-negative
}

// SplitBudget allots total across discretionary funds in proportion to
// their weights with money.Allocate (largest remainder, ties by fund ID):
// the allotments sum exactly to total and each is within one minor unit of
// its exact share. A fund whose share is zero is returned unchanged.
// Errors: "/total" (positive, whole minor units), "/shares" (empty),
// "/shares/i/weight" (negative, all zero), "/shares/i/fund" (duplicate ID,
// another currency) and the errors of Allot for each fund.
func SplitBudget(total money.Amount, shares []BudgetShare, at time.Time) ([]Fund, error) {
	if err := checkAmount(total, money.Currency{}, true); err != nil {
		return nil, inputErr("/total", amountText(total), err)
	}
	if len(shares) == 0 {
		return nil, inputErr("/shares", "", ErrMissing)
	}
	weights := make([]money.Weight, len(shares))
	seen := make(map[string]bool, len(shares))
	var l errList
	for i, s := range shares {
		p := field.At("shares", i)
		switch {
		case !s.Fund.IsValid():
			l.add(p+"/fund", "", ErrMissing)
		case seen[s.Fund.ID()]:
			l.add(p+"/fund", s.Fund.ID(), ErrDuplicate)
		case s.Fund.Currency() != total.Currency():
			l.add(p+"/fund", s.Fund.ID(), wrap(ErrCurrency, "%s, want %s", s.Fund.Currency().Code(), total.Currency().Code()))
		}
		if s.Fund.IsValid() {
			seen[s.Fund.ID()] = true
		}
		if s.Weight.Sign() < 0 || !money.InRange(s.Weight) {
			l.add(p+"/weight", s.Weight.String(), ErrNegative)
		}
		weights[i] = money.Weight{Key: s.Fund.ID(), Value: s.Weight}
	}
	if err := l.err(); err != nil {
		return nil, err
	}
	parts, err := money.Allocate(total, weights)
	if err != nil {
		return nil, inputErr("/shares", "", wrap(ErrInvalid, "%v", err))
	}
	out := make([]Fund, len(shares))
	for i, s := range shares {
		out[i] = s.Fund
		if parts[i].Sign() == 0 {
			continue
		}
		g, err := s.Fund.Allot(parts[i], at)
		if err != nil {
			return nil, prefixErr(field.At("shares", i, "fund"), err)
		}
		out[i] = g
	}
	return out, nil
}

// prefixErr puts prefix in front of the path of an error from a nested
// call.
func prefixErr(prefix string, err error) error {
	switch e := err.(type) {
	case *InputError:
		c := *e
		c.Path = prefix + c.Path
		return &c
	case *TransitionError:
		c := *e
		c.Path = prefix + c.Path
		return &c
	case *InsufficientError:
		c := *e
		c.Path = prefix + c.Path
		return &c
	}
	return err
}
