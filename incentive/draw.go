package incentive

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Draws: a guaranteed payment per period to one recipient, booked in the
// Ledger next to the settlements it tops up.
//
// What is paid each period. For a draw of D per period, let E be what the
// recipient earned in the window as the ledger stands when the draw is
// booked (Σ of its settlement and clawback entries for the window, over
// every component), B₀ the draw balance carried in (what was advanced and
// not yet recovered) and C the recovery cap per period (+∞ when absent):
//
//	drawn      P = max(D − E, 0)
//	recovered  R = min(B₀, C, max(E − D, 0))      (recoverable draw)
//	           R = 0                              (non-recoverable draw)
//	forgiven   F = P                              (non-recoverable draw: the draw is never owed back)
//	           F = 0                              (recoverable draw, while it runs)
//	balance    B₁ = B₀ + P − R − F
//	pay        E + P − R = max(E, D) − R
//
// So the recipient is paid at least D every period (pay ≥ D ≥ 0: R never
// exceeds E − D), and over a draw's life Σ pay = Σ max(E_t, D) − Σ R_t. A
// recoverable draw's balance is never negative and R never exceeds the cap
// or the balance. On termination (EndDraw) the remaining balance B is
// forgiven: F = B, B₁ = 0, nothing paid. Nothing is rounded: D and C have at
// most the currency's digits and E is a sum of rounded entries.

// Documented limits of a draw, checked by NewDraw and ParseDraw.
const (
	// MaxDrawBytes is the largest draw document ParseDraw reads.
	MaxDrawBytes = 64 << 10
	// MaxDrawDepth is the deepest nesting of a draw document
	// (/recipient/kind has depth 2).
	MaxDrawDepth = 2
)

const drawNames enum.Names = "unspecified recoverable non-recoverable"

const drawLabel = "draw kind"

// DrawKind says whether a draw is owed back from later earnings. The zero
// value is invalid.
type DrawKind uint8

// Draw kinds.
const (
	// DrawUnspecified is the invalid zero DrawKind.
	DrawUnspecified DrawKind = iota
	// Recoverable draws are advances: the part of the draw above earnings
	// is carried as a balance and recovered from earnings above the draw,
	// at most RecoveryCap a period; the balance left at termination is
	// forgiven.
	Recoverable
	// NonRecoverable draws are guarantees: the part of the draw above
	// earnings is forgiven in the period it is paid, so no balance is
	// carried. Its name in JSON is "non-recoverable".
	NonRecoverable
)

// String returns "recoverable" or "non-recoverable".
func (k DrawKind) String() string { return drawNames.String(drawLabel, uint8(k)) }

// IsValid reports whether k is Recoverable or NonRecoverable.
func (k DrawKind) IsValid() bool { return drawNames.IsValid(uint8(k)) }

// MarshalText returns the name; it fails for an invalid kind.
func (k DrawKind) MarshalText() ([]byte, error) { return marshalEnum(drawNames, drawLabel, k) }

// UnmarshalText parses a name as written by MarshalText.
func (k *DrawKind) UnmarshalText(b []byte) error { return unmarshalEnum(k, drawNames, drawLabel, b) }

// ParseDrawKind parses "recoverable" or "non-recoverable"; other text is
// an *EnumError listing the valid names.
func ParseDrawKind(s string) (DrawKind, error) { return parseEnum[DrawKind](drawNames, drawLabel, s) }

// DrawSpec is the declarative form of one recipient's draw (see ParseDraw).
type DrawSpec struct {
	// ID identifies the draw; its ledger entries carry it as their
	// component, so it must not be the ID of a component of the
	// recipient's plans.
	ID        string    `json:"id"`
	Recipient Recipient `json:"recipient"`
	Kind      DrawKind  `json:"kind"`
	// Currency is the currency of Amount, RecoveryCap and the settlements
	// the draw tops up.
	Currency money.Currency `json:"currency"`
	// Amount is the draw per period, positive, with at most the
	// currency's digits after the point.
	Amount decimal.Decimal `json:"amount"`
	// RecoveryCap, on a recoverable draw only, caps what is recovered in
	// one period (not negative, the currency's digits at most); absent, a
	// period recovers all it can.
	RecoveryCap *decimal.Decimal `json:"recovery_cap,omitempty"`
}

// Draw is a validated, immutable draw. Get one from NewDraw or ParseDraw.
// The zero Draw is invalid.
type Draw struct {
	spec DrawSpec
	hash string
}

// NewDraw validates spec and returns the draw. Every problem is reported
// at once (errors.Join) as *PlanError values at the JSON Pointer of the
// draw's JSON form ("/recovery_cap"), matching ErrInvalid or ErrEnum.
func NewDraw(spec DrawSpec) (Draw, error) {
	var v validator
	v.id("/id", spec.ID, true)
	if !spec.Recipient.Kind.IsValid() {
		v.add("/recipient/kind", spec.Recipient.Kind.String(), fmt.Errorf("%w: recipient kind required", ErrEnum))
	}
	v.id("/recipient/id", spec.Recipient.ID, true)
	if !spec.Kind.IsValid() {
		v.add("/kind", spec.Kind.String(), fmt.Errorf("%w: draw kind required (recoverable or non-recoverable)", ErrEnum))
	}
	cur := spec.Currency
	if !cur.IsValid() {
		v.add("/currency", "", fmt.Errorf("%w: required", ErrInvalid))
	}
	amount := func(p string, d decimal.Decimal, positive bool) {
		if !v.dec(p, d, true) {
			return
		}
		switch {
		case positive && d.IsZero():
			v.add(p, "0", fmt.Errorf("%w: must be positive", ErrInvalid))
		case cur.IsValid() && !d.Equal(d.Truncate(cur.Digits())):
			v.add(p, moneyText(d), fmt.Errorf("%w: more than %d digits after the point for %s", ErrInvalid, cur.Digits(), cur.Code()))
		}
	}
	amount("/amount", spec.Amount, true)
	if spec.RecoveryCap != nil {
		if spec.Kind == NonRecoverable {
			v.add("/recovery_cap", moneyText(*spec.RecoveryCap), fmt.Errorf("%w: a non-recoverable draw recovers nothing", ErrInvalid))
		} else {
			amount("/recovery_cap", *spec.RecoveryCap, false)
		}
	}
	if err := errors.Join(v.errs...); err != nil {
		return Draw{}, err
	}
	spec.Amount = canon(spec.Amount)
	spec.RecoveryCap = canonPtr(spec.RecoveryCap)
	enc, err := strictjson.Marshal(spec)
	if err != nil {
		return Draw{}, &PlanError{Err: fmt.Errorf("%w: canonical encoding failed: %v", ErrInvalid, err)}
	}
	sum := sha256.Sum256(enc)
	return Draw{spec: spec, hash: hex.EncodeToString(sum[:])}, nil
}

func moneyText(d decimal.Decimal) string { return money.FormatDecimal(d, 0) }

// ParseDraw decodes a draw document strictly (unknown fields, duplicate
// or case-variant keys, null and JSON numbers for amounts are
// *strictjson.Error values with their pointer) and validates it as NewDraw
// does.
func ParseDraw(data []byte) (Draw, error) {
	var spec DrawSpec
	if err := strictjson.Unmarshal(data, &spec, strictjson.Limits{MaxBytes: MaxDrawBytes, MaxDepth: MaxDrawDepth}); err != nil {
		return Draw{}, err
	}
	return NewDraw(spec)
}

// MustParseDraw is ParseDraw that panics on error, for literals in tests
// and examples.
func MustParseDraw(data string) Draw {
	d, err := ParseDraw([]byte(data))
	if err != nil {
		panic(err)
	}
	return d
}

// IsValid reports whether d was built by NewDraw or ParseDraw.
func (d Draw) IsValid() bool { return d.hash != "" }

// ID returns the draw ID.
func (d Draw) ID() string { return d.spec.ID }

// Hash returns the hex SHA-256 of the draw's canonical encoding; its
// ledger entries record it as their plan hash.
func (d Draw) Hash() string { return d.hash }

// Spec returns a copy of the draw's normalised specification.
func (d Draw) Spec() DrawSpec {
	s := d.spec
	s.RecoveryCap = clonePtr(s.RecoveryCap)
	return s
}

// MarshalJSON returns the canonical encoding (the input of Hash).
func (d Draw) MarshalJSON() ([]byte, error) {
	if !d.IsValid() {
		return nil, fmt.Errorf("%w: zero draw", ErrInvalid)
	}
	return strictjson.Marshal(d.spec)
}

// UnmarshalJSON is ParseDraw.
func (d *Draw) UnmarshalJSON(b []byte) error {
	q, err := ParseDraw(b)
	if err != nil {
		return err
	}
	*d = q
	return nil
}

// DrawStep is what one booking of a draw did, in the figures of the
// package documentation above (see Ledger.Draw): the trace of a draw.
type DrawStep struct {
	Draw      string    `json:"draw"`
	Kind      DrawKind  `json:"kind"`
	Recipient Recipient `json:"recipient"`
	Window    string    `json:"window"`
	// Ended reports a termination (EndDraw): everything left is forgiven.
	Ended bool `json:"ended,omitzero"`
	// Amount is the draw D; Cap the recovery cap C when HasCap.
	Amount decimal.Decimal `json:"amount"`
	HasCap bool            `json:"has_cap,omitzero"`
	Cap    decimal.Decimal `json:"cap,omitzero"`
	// Earned is E, what the window's settlements and clawbacks stand at.
	Earned decimal.Decimal `json:"earned"`
	// BalanceStart B₀, Drawn P, Recovered R, Forgiven F, BalanceEnd B₁ =
	// B₀ + P − R − F.
	BalanceStart decimal.Decimal `json:"balance_start"`
	Drawn        decimal.Decimal `json:"drawn"`
	Recovered    decimal.Decimal `json:"recovered"`
	Forgiven     decimal.Decimal `json:"forgiven"`
	BalanceEnd   decimal.Decimal `json:"balance_end"`
	// Pay is E + P − R, what the recipient is paid for the window with the
	// draw (0 on termination, which pays nothing).
	Pay    decimal.Decimal `json:"pay"`
	places int32
	code   string
}

// Equal compares numerically.
func (s DrawStep) Equal(o DrawStep) bool {
	return s.Draw == o.Draw && s.Kind == o.Kind && s.Recipient == o.Recipient && s.Window == o.Window && s.Ended == o.Ended &&
		s.Amount.Equal(o.Amount) && s.HasCap == o.HasCap && s.Cap.Equal(o.Cap) && s.Earned.Equal(o.Earned) &&
		s.BalanceStart.Equal(o.BalanceStart) && s.Drawn.Equal(o.Drawn) && s.Recovered.Equal(o.Recovered) &&
		s.Forgiven.Equal(o.Forgiven) && s.BalanceEnd.Equal(o.BalanceEnd) && s.Pay.Equal(o.Pay)
}

// Sentence renders the step as one English sentence, e.g.
//
//	rep:ana's recoverable draw sign-on of 1,000.00 USD in 2025-02: earned
//	400.00, below the draw, so 600.00 drawn and 1,000.00 paid; balance
//	0.00 + 600.00 drawn = 600.00.
func (s DrawStep) Sentence() string {
	m := func(d decimal.Decimal) string { return group(d, s.places) }
	var b strings.Builder
	b.WriteString(fmt.Sprintf("%s's %s draw %s of %s %s in %s: ", s.Recipient, s.Kind, s.Draw, m(s.Amount), s.code, s.Window))
	switch {
	case s.Ended:
		b.WriteString(fmt.Sprintf("the draw ends and the balance of %s is forgiven, nothing paid; balance %s - %s forgiven = %s.",
			m(s.BalanceStart), m(s.BalanceStart), m(s.Forgiven), m(s.BalanceEnd)))
		return b.String()
	case s.Drawn.Sign() > 0:
		b.WriteString(fmt.Sprintf("earned %s, below the draw, so %s drawn and %s paid", m(s.Earned), m(s.Drawn), m(s.Pay)))
	default:
		b.WriteString(fmt.Sprintf("earned %s, at or above the draw, so nothing drawn", m(s.Earned)))
		if s.Kind == Recoverable {
			switch {
			case s.Recovered.Sign() > 0:
				b.WriteString(fmt.Sprintf(", %s recovered (the least of the balance %s, ", m(s.Recovered), m(s.BalanceStart)))
				if s.HasCap {
					b.WriteString(fmt.Sprintf("the cap %s, ", m(s.Cap)))
				}
				b.WriteString(fmt.Sprintf("and the %s earned above the draw) and %s paid", m(s.Earned.Sub(s.Amount)), m(s.Pay)))
			default:
				b.WriteString(fmt.Sprintf(", nothing to recover, %s paid", m(s.Pay)))
			}
		} else {
			b.WriteString(fmt.Sprintf(", %s paid", m(s.Pay)))
		}
	}
	if s.Kind == NonRecoverable {
		if s.Drawn.Sign() > 0 {
			b.WriteString(fmt.Sprintf("; non-recoverable, so the %s drawn is forgiven at once and no balance is carried.", m(s.Drawn)))
		} else {
			b.WriteString("; non-recoverable, no balance.")
		}
		return b.String()
	}
	b.WriteString(fmt.Sprintf("; balance %s + %s drawn - %s recovered = %s.", m(s.BalanceStart), m(s.Drawn), m(s.Recovered), m(s.BalanceEnd)))
	return b.String()
}

// isDraw reports whether k is one of the draw entry kinds.
func (k EntryKind) isDraw() bool {
	switch k {
	case DrawPaid, DrawRecovery, DrawForgiveness, DrawEnd:
		return true
	case EntryUnspecified, Accrual, Settlement, Clawback:
	}
	return false
}

// drawState is where a draw stands in a ledger.
type drawState struct {
	balance  decimal.Decimal
	booked   bool // a window of it is booked
	ended    bool
	hash     string
	inWindow bool // the window asked for is booked already
}

// drawState reads d's entries for window and the recipient's earnings E
// in window. The balance is Σ of the draw's entry amounts; every entry's
// target must equal the running balance (the identity), else the ledger
// is inconsistent.
func (l Ledger) drawState(d Draw, window string) (drawState, decimal.Decimal, error) {
	var st drawState
	var earned decimal.Decimal
	rec := d.spec.Recipient
	for i := range l.entries {
		e := &l.entries[i]
		if e.Recipient != rec {
			continue
		}
		if !e.Kind.isDraw() {
			if e.Window == window && (e.Kind == Settlement || e.Kind == Clawback) {
				if e.Component == d.spec.ID {
					return st, earned, fmt.Errorf("%w: draw %q has the ID of a component settled for %s", ErrInvalid, d.spec.ID, rec)
				}
				earned = earned.Add(e.Amount)
			}
			continue
		}
		if e.Component != d.spec.ID {
			continue
		}
		st.balance = st.balance.Add(e.Amount)
		if !st.balance.Equal(e.Target) {
			return st, earned, fmt.Errorf("%w: draw %q of %s: the %s entry of run %q stands at %s, its entries sum to %s", ErrInvalid,
				d.spec.ID, rec, e.Kind, e.Run, moneyText(e.Target), moneyText(st.balance))
		}
		st.booked, st.hash = true, e.PlanHash
		st.ended = st.ended || e.Kind == DrawEnd
		st.inWindow = st.inWindow || e.Window == window
	}
	return st, earned, nil
}

// drawOpen checks the run, the window and the draw's standing before a
// booking.
func (l Ledger) drawOpen(run, window string, d Draw, ending bool) ([]string, drawState, decimal.Decimal, error) {
	runs, err := l.open(run)
	if err != nil {
		return nil, drawState{}, decimal.Decimal{}, err
	}
	if !d.IsValid() {
		return nil, drawState{}, decimal.Decimal{}, fmt.Errorf("%w: zero draw", ErrInvalid)
	}
	if window == "" || len(window) > MaxIDLen {
		return nil, drawState{}, decimal.Decimal{}, fmt.Errorf("%w: window %q", ErrPeriod, field.Truncate(window))
	}
	st, earned, err := l.drawState(d, window)
	switch {
	case err != nil:
		return nil, st, earned, err
	case st.booked && st.hash != d.hash:
		return nil, st, earned, fmt.Errorf("%w: draw %q of %s was booked with other terms (hash %s)", ErrMismatch, d.spec.ID, d.spec.Recipient, st.hash)
	case st.ended:
		return nil, st, earned, fmt.Errorf("%w: draw %q of %s has ended", ErrClosed, d.spec.ID, d.spec.Recipient)
	case st.inWindow && !ending:
		return nil, st, earned, fmt.Errorf("%w: draw %q of %s is already booked for window %q", ErrDuplicate, d.spec.ID, d.spec.Recipient, field.Truncate(window))
	}
	return runs, st, earned, nil
}

func (d Draw) step(window string, st drawState, earned decimal.Decimal) DrawStep {
	s := DrawStep{Draw: d.spec.ID, Kind: d.spec.Kind, Recipient: d.spec.Recipient, Window: window, Amount: d.spec.Amount,
		Earned: earned, BalanceStart: st.balance, places: d.spec.Currency.Digits(), code: d.spec.Currency.Code()}
	if d.spec.RecoveryCap != nil {
		s.HasCap, s.Cap = true, *d.spec.RecoveryCap
	}
	return s
}

// Draw books, in run, draw d for window: the recipient's earnings E in the
// window are read from the ledger (Σ of its settlement and clawback
// entries for the window over every component, so settle the window
// first), and the draw drawn, recovered and forgiven by the formulas at
// the top of draw.go. Entries, of Component d.ID() and plan hash
// d.Hash(): a DrawPaid of +P, a DrawRecovery of −R, a DrawForgiveness of
// −F (non-recoverable), each only when not zero; each entry's Amount is
// its change to the draw balance, Target the balance after it, Measure the
// earnings E. The balance identity B₁ = B₀ + P − R − F is checked against
// the ledger's entries before and after.
//
// Each window is drawn once (ErrDuplicate); a draw that ended is closed
// (ErrClosed); a draw booked before with other terms is ErrMismatch.
// Settlement deltas or clawbacks booked for the window after its draw do
// not reopen the draw: they are paid or recovered as they stand.
func (l Ledger) Draw(run, window string, d Draw) (Ledger, DrawStep, error) {
	runs, st, earned, err := l.drawOpen(run, window, d, false)
	if err != nil {
		return l, DrawStep{}, err
	}
	s := d.step(window, st, earned)
	amt := d.spec.Amount
	zero := decimal.Decimal{}
	s.Drawn = decimal.Max(amt.Sub(earned), zero)
	if d.spec.Kind == Recoverable {
		r := decimal.Min(st.balance, decimal.Max(earned.Sub(amt), zero))
		if s.HasCap {
			r = decimal.Min(r, s.Cap)
		}
		s.Recovered = r
	} else {
		s.Forgiven = s.Drawn
	}
	s.BalanceEnd = st.balance.Add(s.Drawn).Sub(s.Recovered).Sub(s.Forgiven)
	s.Pay = earned.Add(s.Drawn).Sub(s.Recovered)
	var add []Entry
	bal := st.balance
	for _, x := range [...]struct {
		kind EntryKind
		amt  decimal.Decimal
	}{{DrawPaid, s.Drawn}, {DrawRecovery, s.Recovered.Neg()}, {DrawForgiveness, s.Forgiven.Neg()}} {
		if x.amt.IsZero() {
			continue
		}
		bal = bal.Add(x.amt)
		add = append(add, Entry{Kind: x.kind, Run: run, Window: window, Recipient: d.spec.Recipient, Component: d.spec.ID,
			Amount: x.amt, Target: bal, Measure: earned, PlanHash: d.hash})
	}
	if len(add) == 0 { // record that the window was drawn
		add = append(add, Entry{Kind: DrawPaid, Run: run, Window: window, Recipient: d.spec.Recipient, Component: d.spec.ID,
			Target: bal, Measure: earned, PlanHash: d.hash})
	}
	return l.drawBooked(runs, add, d, window, s)
}

// EndDraw books, in run, the termination of draw d in window: the balance
// left is forgiven (F = B₀, B₁ = 0, nothing paid) by a DrawEnd entry of
// −F (0 when nothing is owed). No window of d is booked after it
// (ErrClosed). Book the window's Draw first if the recipient is also paid
// for it.
func (l Ledger) EndDraw(run, window string, d Draw) (Ledger, DrawStep, error) {
	runs, st, earned, err := l.drawOpen(run, window, d, true) // the window may have been drawn
	if err != nil {
		return l, DrawStep{}, err
	}
	s := d.step(window, st, earned)
	s.Ended, s.Forgiven, s.Pay = true, st.balance, decimal.Decimal{}
	add := []Entry{{Kind: DrawEnd, Run: run, Window: window, Recipient: d.spec.Recipient, Component: d.spec.ID,
		Amount: st.balance.Neg(), Target: decimal.Decimal{}, Measure: earned, PlanHash: d.hash}}
	return l.drawBooked(runs, add, d, window, s)
}

// drawBooked books add and checks the balance identity on the result.
func (l Ledger) drawBooked(runs []string, add []Entry, d Draw, window string, s DrawStep) (Ledger, DrawStep, error) {
	if !s.BalanceEnd.Equal(s.BalanceStart.Add(s.Drawn).Sub(s.Recovered).Sub(s.Forgiven)) {
		return l, DrawStep{}, fmt.Errorf("%w: draw %q: balance identity fails", ErrInvalid, d.spec.ID)
	}
	n := l.with(runs, add)
	st, _, err := n.drawState(d, window)
	if err != nil {
		return l, DrawStep{}, err
	}
	if !st.balance.Equal(s.BalanceEnd) {
		return l, DrawStep{}, fmt.Errorf("%w: draw %q: the ledger's balance %s is not B₀ + P − R − F = %s", ErrInvalid, d.spec.ID,
			moneyText(st.balance), moneyText(s.BalanceEnd))
	}
	return n, s, nil
}

// checkDraws checks, for a parsed ledger, that every draw entry's target
// is the running balance of its draw (Σ of its amounts so far), and that
// no draw is booked after it ended: a violation is a *DataError at the
// entry matching ErrInvalid.
func (l Ledger) checkDraws() error {
	type key struct {
		rec Recipient
		id  string
	}
	type run struct {
		bal   decimal.Decimal
		ended bool
	}
	m := map[key]run{}
	for ri := range l.runs {
		es := l.runEntries(ri)
		for j := range es {
			e := &es[j]
			if !e.Kind.isDraw() {
				continue
			}
			k := key{e.Recipient, e.Component}
			r := m[k]
			p := field.At("runs", ri, "entries", j)
			if r.ended {
				return invalidLedger(p+"/kind", e.Kind.String(), "draw "+e.Component+" of "+e.Recipient.String()+" is booked after it ended")
			}
			r.bal = r.bal.Add(e.Amount)
			if !r.bal.Equal(e.Target) {
				return invalidLedger(p+"/target", moneyText(e.Target), "the draw balance after this entry is "+moneyText(r.bal))
			}
			r.ended = e.Kind == DrawEnd
			m[k] = r
		}
	}
	return nil
}
