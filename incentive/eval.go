package incentive

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/internal/idindex"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// GrowthPlaces is the number of decimal places of a GrowthPercent measure.
// The growth is rounded toward the tier that does not pay yet (Floor for
// LowerInclusive schedules, Ceiling for UpperInclusive ones), so that with
// tier bounds of at most GrowthPlaces places (checked by NewPlan) the tier
// reached is exactly the tier of the true growth.
const GrowthPlaces = 6

// unitScale is the scale of the int64 accumulators for Units measures.
const unitScale = 4

// modifier is the compiled form of a ModifierSpec.
type modifier struct {
	kind   ModifierKind
	metric string
	factor num // accelerator
	quota  num
	hasQ   bool
	from   []num // multiplier bands
	fact   []num
	gate   gateRule // gate
}

func (c *component) compileNum(ps PlanSpec) {
	c.group = c.groupKey()
	switch c.spec.Measure {
	case Revenue, RecurringRevenue, GrowthAmount, GrowthPercent:
		c.scale = ps.Currency.Digits()
	case Units:
		c.scale = unitScale
	case EventCount, MeasureUnspecified:
		c.scale = 0
	}
	// The schedule sees the measure (at c.scale), or a growth percentage
	// at GrowthPlaces.
	xs := c.scale
	if c.spec.Measure == GrowthPercent {
		xs = GrowthPlaces
	}
	c.fast = compileFixed(c.sched, xs)
	if c.spec.Floor != nil {
		c.floor, c.hasFloor = numOf(*c.spec.Floor), true
	}
	if c.spec.Cap != nil {
		c.cap, c.hasCap = numOf(*c.spec.Cap), true
	}
	for _, m := range c.spec.Modifiers {
		cm := modifier{kind: m.Kind, metric: m.Metric, factor: numOf(m.Factor)}
		if m.Quota != nil {
			cm.quota, cm.hasQ = numOf(*m.Quota), true
		}
		for _, b := range m.Bands {
			cm.from = append(cm.from, numOf(b.From))
			cm.fact = append(cm.fact, numOf(b.Factor))
		}
		cm.gate = compileGate(m)
		c.mods = append(c.mods, cm)
	}
}

// acc is the running measure of one recipient × component: an int64 at
// the component's scale. Values that do not fit (finer than the scale, or
// overflowing int64) go to an exact decimal spill kept beside it, in a
// map of the side (spills are rare, so the hot slots stay 16 bytes).
type acc struct {
	sum int64
	n   int64 // contributing transactions
}

// addMinor adds v at the component's scale; false means it overflowed
// and the caller must spill.
func (a *acc) addMinor(v int64) bool {
	s, ok := fixed.AddChecked(a.sum, v)
	if !ok {
		return false
	}
	a.sum = s
	a.n++
	return true
}

// groupKey identifies the raw measure a component sums: components with
// equal keys can share an accumulator.
func (c *component) groupKey() string {
	class := "amount"
	switch c.spec.Measure {
	case Revenue, GrowthAmount, GrowthPercent:
	case RecurringRevenue:
		class = "recurring"
	case Units:
		class = "units"
	case EventCount:
		class = "events"
	case MeasureUnspecified:
		class = "none"
	}
	// Eligibility lists are sorted by NewPlan, so this encoding (every
	// string length-prefixed, so it is injective) is canonical.
	b := append([]byte(class), '|')
	for _, t := range []time.Time{c.from, c.until} {
		if t.IsZero() {
			b = append(b, "open|"...)
			continue
		}
		b = append(strconv.AppendInt(b, t.UnixNano(), 10), '|')
	}
	e := c.spec.Eligibility
	for _, list := range [][]string{e.PartnerTiers, e.Certifications, e.Territories, e.Categories, e.Segments, e.Events} {
		b = append(strconv.AppendInt(b, int64(len(list)), 10), ':')
		for _, v := range list {
			b = append(strconv.AppendInt(b, int64(len(v)), 10), ':')
			b = append(b, v...)
		}
		b = append(b, '|')
	}
	b = strconv.AppendBool(b, e.AuthorisedOnly)
	b = append(strconv.AppendUint(append(b, '|'), uint64(c.motions), 10), '|')
	b = strconv.AppendUint(b, uint64(c.billing), 10)
	if c.contracted() { // a different measure of the same transactions
		b = append(b, "|contract:"+c.spec.ContractValue.String()...)
	}
	if c.spec.Overlay {
		b = append(b, "|overlay"...)
	}
	return string(b)
}

// side holds the recipients of one kind. Components of the side that
// count the same raw measure with the same eligibility and effective
// dates share one accumulator (a group): a plan with a retroactive
// rebate, an incremental rebate and a bonus on the same revenue sums each
// transaction once.
type side struct {
	comps   []int // plan component indices paying this recipient kind
	groupOf []int // per entry of comps: its group
	groups  []int // per group: the plan component index representing it
	order   []int // entries of comps in output order (component ID, effective date)
	// always has bit g set for each group that counts every transaction of
	// the period (no eligibility filter, effective for the whole period);
	// filtered lists the other groups, checked per transaction.
	always   uint64
	filtered []int
	// events has bit g set for each group whose measure is EventCount:
	// the only groups a qualifying event (Kind QualifyingEvent) counts for.
	events  uint64
	measure []MeasureKind // per group
	index   idindex.Index // the recipients' IDs, numbered in order of arrival
	names   *textArena    // the bytes of index's IDs
	accs    []acc         // index.Len() × len(groups)
	// spills holds the exact decimal part of an acc (by index in accs)
	// that does not fit its int64.
	spills map[int]decimal.Decimal
	// firstCome has bit g set for each group with a component of a
	// first-come budget; fcComps lists those components (entries of
	// comps). See spif.go.
	firstCome uint64
	fcComps   []int
	// overlay has bit g set for each group counting overlay credit
	// (credit.go).
	overlay uint64
}

// spill adds d exactly to acc i's decimal part and counts a transaction.
func (s *side) spill(i int, d decimal.Decimal) {
	if s.spills == nil {
		s.spills = map[int]decimal.Decimal{}
	}
	s.spills[i] = s.spills[i].Add(d)
	s.accs[i].n++
}

// addEvent counts one event into accumulator i, or takes one off for a
// reversal (a credit note or return).
func (s *side) addEvent(i int, reversal bool) {
	d := int64(1)
	if reversal {
		d = -1
	}
	if !s.accs[i].addMinor(d) {
		s.spill(i, decimal.New(d, 0))
	}
}

// total returns acc i's exact measure at scale.
//
// The result is in canonical form, whatever path the measure took (one
// pass, shards, partials through JSON): at the measure's scale when it
// fits int64 there, else with its trailing zeros removed down to that
// scale, so equal measures always print alike.
func (s *side) total(i int, scale int32) num {
	if d, ok := s.spills[i]; ok {
		d = d.Add(decimal.New(s.accs[i].sum, -scale))
		if v, ok := fixed.FromDecimal(d, scale); ok {
			return small(v, scale)
		}
		return numOf(canonAtLeast(d, scale))
	}
	return small(s.accs[i].sum, scale)
}

// canonAtLeast returns d without trailing zeros after the point, but with
// at least places digits after it.
func canonAtLeast(d decimal.Decimal, places int32) decimal.Decimal {
	c := canon(d)
	if c.Exponent() > -places {
		return c.Round(places) // exact: it only adds zeros (Truncate never does)
	}
	return c
}

// mergeAcc adds count transactions and the measure (sum at scale, plus an
// optional decimal part) into acc i.
func (s *side) mergeAcc(i int, scale int32, sum, n int64, extra decimal.Decimal, hasExtra bool) {
	a := &s.accs[i]
	a.n += n
	if v, ok := fixed.AddChecked(a.sum, sum); ok {
		a.sum = v
	} else {
		extra = extra.Add(decimal.New(sum, -scale))
		hasExtra = true
	}
	if hasExtra {
		if s.spills == nil {
			s.spills = map[int]decimal.Decimal{}
		}
		s.spills[i] = s.spills[i].Add(extra)
	}
}

// slot returns the index in accs of id's first group, adding id if it is
// new. A new ID is copied (into names, one allocation per chunk of IDs):
// it may be cut from a decoder's chunk of many lines
// (ReadTransactionsCSV), which the Accumulator must not keep alive.
func (s *side) slot(id string) int {
	i, ok := s.index.Find(id)
	if !ok {
		if s.names == nil {
			s.names = new(textArena)
		}
		id = s.names.copyString(id)
		i, _ = s.index.Add(id)
		s.accs = append(s.accs, make([]acc, len(s.groups))...)
	}
	return i * len(s.groups)
}

// Accumulator evaluates a stream of transactions for one plan and period
// with memory bounded by the number of recipients, not transactions. It is
// mutable, like hash.Hash: feed it with Add or AddAll, combine shards with
// Merge or AddPartial, and finish with Result. An Accumulator is not safe
// for concurrent use; give each goroutine its own and Merge them.
//
// Measures are exact: amounts are summed in int64 minor units with
// overflow checks, and a value that does not fit (finer than the measure's
// scale, or beyond int64) spills into an exact decimal sum, so the result
// never depends on the order of transactions.
type Accumulator struct {
	plan    Plan
	period  Period
	sides   [3]side // indexed by RecipientKind
	txs     int64
	skipped int64
	// whole has bit i set when component i is effective for the whole
	// period, so the per-line date check can be skipped.
	whole uint64
	kinds []RecipientKind // the sides with at least one group
	// The period's bounds as Unix seconds and nanoseconds, for inPeriod;
	// mono reports that a bound carries a monotonic clock reading.
	startSec, endSec   int64
	startNsec, endNsec int
	mono               bool
	// books holds, per plan component, the claims on its first-come
	// budget; nil when no component has one.
	books []book
	// eager gives every line its own calculation, none compact (tests
	// compare the two).
	eager bool
	// csv is AddCSV's memory of line shapes, kept for its next call;
	// kept holds its reader's buffers and its caches of texts.
	csv  *csvShapes
	kept *csvKept
}

// NewAccumulator returns an empty accumulator for plan and period.
func NewAccumulator(p Plan, period Period) (*Accumulator, error) {
	if !p.IsValid() {
		return nil, fmt.Errorf("%w: zero plan", ErrInvalid)
	}
	if err := period.Validate(); err != nil {
		return nil, err
	}
	a := &Accumulator{plan: p, period: period,
		startSec: period.Start.Unix(), startNsec: period.Start.Nanosecond(),
		endSec: period.End.Unix(), endNsec: period.End.Nanosecond(),
		// Round(0) strips a monotonic reading, and only that changes ==.
		mono: period.Start != period.Start.Round(0) || period.End != period.End.Round(0)}
	keys := make([][]string, len(a.sides))
	for i := range p.comps {
		c := &p.comps[i]
		s := &a.sides[c.spec.Recipient]
		s.comps = append(s.comps, i)
		k := c.group
		g := slices.Index(keys[c.spec.Recipient], k)
		if g < 0 {
			g = len(s.groups)
			s.groups = append(s.groups, i)
			keys[c.spec.Recipient] = append(keys[c.spec.Recipient], k)
		}
		s.groupOf = append(s.groupOf, g)
		if !c.from.After(period.Start) && (c.until.IsZero() || !c.until.Before(period.End)) {
			a.whole |= 1 << i
		}
	}
	for k := range a.sides {
		s := &a.sides[k]
		if len(s.groups) > 0 {
			a.kinds = append(a.kinds, RecipientKind(k))
		}
		for g, ci := range s.groups {
			s.measure = append(s.measure, p.comps[ci].spec.Measure)
			if p.comps[ci].spec.Measure == EventCount {
				s.events |= 1 << g
			}
			if p.comps[ci].spec.Overlay {
				s.overlay |= 1 << g
			}
			if a.whole&(1<<ci) != 0 && p.comps[ci].unfiltered() {
				s.always |= 1 << g
			} else {
				s.filtered = append(s.filtered, g)
			}
		}
	}
	a.firstComeSetup()
	for k := range a.sides {
		s := &a.sides[k]
		for j := range s.comps {
			s.order = append(s.order, j)
		}
		slices.SortFunc(s.order, func(x, y int) int {
			cx, cy := &p.comps[s.comps[x]], &p.comps[s.comps[y]]
			if c := cmp.Compare(cx.spec.ID, cy.spec.ID); c != 0 {
				return c
			}
			return cx.from.Compare(cy.from)
		})
	}
	return a, nil
}

// inPeriod is a.period.Contains(d). Time.Before compares Unix seconds,
// then nanoseconds, unless both times carry monotonic readings; so when
// the period's bounds carry none (they come from dates), comparing the
// precomputed instants is exactly Contains, without two calls that copy
// the times.
func (a *Accumulator) inPeriod(d time.Time) bool {
	if a.mono {
		return a.period.Contains(d)
	}
	s, n := d.Unix(), d.Nanosecond()
	if s < a.startSec || s == a.startSec && n < a.startNsec {
		return false
	}
	return s < a.endSec || s == a.endSec && n < a.endNsec
}

// Add adds one transaction. A transaction dated outside the period, or
// one that corrects an earlier period (Transaction.Corrects), is counted as
// skipped and otherwise ignored. Invalid data is a *DataError (an amount
// or units outside the money operating range included, checked first);
// the accumulator is then unchanged.
func (a *Accumulator) Add(t Transaction) error { return a.add(&t, -1) }

// AddAll adds every transaction of seq, stopping at the first error.
func (a *Accumulator) AddAll(seq iter.Seq[Transaction]) error {
	for t := range seq {
		if err := a.add(&t, -1); err != nil {
			return err
		}
	}
	return nil
}

// add adds t; partner is the partner's slot when the caller resolved it
// (see PartnerHandle), else −1.
func (a *Accumulator) add(t *Transaction, partner int) error {
	if err := t.checkRange(); err != nil {
		return err
	}
	// The amount converted once to the scale of the money measures; its
	// sign comes with it, so the check need not read the decimal again.
	amountMinor, amountOK := t.Amount.ScaledInt64(a.plan.spec.Currency.Digits())
	as := t.Amount.Sign()
	if err := t.checkSigned(&a.plan, as); err != nil {
		return err
	}
	if !a.inPeriod(t.Date) || t.Corrects != "" {
		a.skipped++
		return nil
	}
	comps := a.plan.comps
	// Find the eligible groups first, so that a rep component with a
	// missing RepID fails before anything is added. Groups without
	// filters that are effective for the whole period always match.
	var hits [3]uint64
	var bases [3]int // per kind: the recipient's first slot, −1 for a new recipient
	anyHit := false
	for _, k := range a.kinds {
		s := &a.sides[k]
		if h := a.hits(s, t); h != 0 {
			if k == RecipientRep && t.RepID == "" && h&^s.overlay != 0 && !t.hasSplit(RecipientRep) {
				return t.bad("/rep_id", "", ErrData, "rep_id required: a rep component counts the transaction")
			}
			hits[k] = h
			anyHit = true
			// The recipient's slot, found before anything changes: a new
			// recipient's ID is checked as the decoders check it (once,
			// not on every line), so that "acme" and "acme" with a
			// zero-width space are not two partners. (Credits' IDs are
			// checked with the credits.)
			bases[k] = -1
			if id, path := t.PartnerID, "/partner_id"; k != RecipientPartner || partner < 0 {
				if k == RecipientRep {
					id, path = t.RepID, "/rep_id"
				}
				if j, ok := s.index.Find(id); ok {
					bases[k] = j * len(s.groups)
				} else if err := idText(id); err != nil && id != "" {
					return t.bad(path, field.Truncate(id), ErrInvalid, err.Error())
				}
			}
		}
	}
	a.txs++
	if !anyHit {
		return nil
	}
	for _, k := range a.kinds {
		h := hits[k]
		if h == 0 {
			continue
		}
		s := &a.sides[k]
		if len(t.Credits) != 0 || s.overlay != 0 {
			a.addCredited(s, k, h, t, amountMinor, amountOK)
			continue
		}
		id := t.PartnerID
		if k == RecipientRep {
			id = t.RepID
		}
		base := partner
		if k != RecipientPartner || partner < 0 {
			if base = bases[k]; base < 0 {
				base = s.slot(id)
			}
		}
		for ; h != 0; h &= h - 1 {
			g := bits.TrailingZeros64(h)
			i := base + g
			switch s.measure[g] {
			case RecurringRevenue:
				if c := &comps[s.groups[g]]; c.contracted() {
					a.addContract(s, i, c, t, amountMinor, amountOK)
				} else if !amountOK || !s.accs[i].addMinor(amountMinor) {
					s.spill(i, t.Amount.Decimal())
				}
			case Revenue, GrowthAmount, GrowthPercent:
				if !amountOK || !s.accs[i].addMinor(amountMinor) {
					s.spill(i, t.Amount.Decimal())
				}
			case Units:
				if m, ok := fixed.FromDecimal(t.Units, unitScale); !ok || !s.accs[i].addMinor(m) {
					s.spill(i, t.Units)
				}
			case EventCount:
				s.addEvent(i, t.Kind.reversal())
			case MeasureUnspecified:
			}
		}
		if fc := hits[k] & s.firstCome; fc != 0 {
			a.addClaims(s, fc, id, t, amountMinor, amountOK)
		}
	}
	return nil
}

// hits returns the groups of s that t counts for, as bits.
func (a *Accumulator) hits(s *side, t *Transaction) uint64 {
	h := s.always
	for _, g := range s.filtered {
		ci := s.groups[g]
		c := &a.plan.comps[ci]
		if (a.whole&(1<<ci) != 0 || c.effective(t.Date)) && c.eligible(t) {
			h |= 1 << g
		}
	}
	if t.Kind == QualifyingEvent {
		h &= s.events // an event has no amount or units to count
	}
	return h
}

// Merge adds b's measures into a. Both must be for the same plan (by
// hash) and period: ErrMismatch otherwise; counts whose sum would overflow
// int64 are ErrData, and a is then unchanged. Merging is exact, associative
// and commutative, so shards can be combined in any order.
func (a *Accumulator) Merge(b *Accumulator) error {
	if !a.plan.Equal(b.plan) || !a.period.Equal(b.period) {
		return fmt.Errorf("%w: merging %q/%q into %q/%q", ErrMismatch, b.plan.hash, b.period.ID, a.plan.hash, a.period.ID)
	}
	if !a.countsFit(b) {
		return fmt.Errorf("%w: merged counts would exceed %d", ErrData, int64(math.MaxInt64))
	}
	for k := range b.sides {
		bs, as := &b.sides[k], &a.sides[k]
		n := len(bs.groups)
		for i, id := range bs.index.All() {
			if !anyAcc(bs.accs[i*n : i*n+n]) {
				continue
			}
			dst := as.slot(id)
			for g := range n {
				src := i*n + g
				extra, has := bs.spills[src]
				as.mergeAcc(dst+g, a.plan.comps[bs.groups[g]].scale, bs.accs[src].sum, bs.accs[src].n, extra, has)
			}
		}
	}
	a.mergeBooks(b)
	a.txs += b.txs
	a.skipped += b.skipped
	return nil
}

// countsFit reports whether adding b's counts to a's overflows nothing.
func (a *Accumulator) countsFit(b *Accumulator) bool {
	if _, ok := fixed.AddChecked(a.txs, b.txs); !ok {
		return false
	}
	if _, ok := fixed.AddChecked(a.skipped, b.skipped); !ok {
		return false
	}
	for k := range b.sides {
		bs, as := &b.sides[k], &a.sides[k]
		n := len(bs.groups)
		for i, id := range bs.index.All() {
			j, ok := as.index.Find(id)
			if !ok {
				continue
			}
			for g := range n {
				if _, ok := fixed.AddChecked(as.accs[j*n+g].n, bs.accs[i*n+g].n); !ok {
					return false
				}
			}
		}
	}
	return true
}

func anyAcc(s []acc) bool {
	for i := range s {
		if s[i].n != 0 {
			return true
		}
	}
	return false
}

// Result finishes the evaluation: for each recipient × component with at
// least one eligible transaction it evaluates the schedule on the exact
// period measure, applies the modifiers, the component floor and cap,
// rounds once with the plan's mode and places, then applies the plan's
// per-recipient cap and budget by largest-remainder reduction in whole
// units of the last place (see the package documentation). Lines are
// sorted by recipient ID, recipient kind, component ID and effective date.
// It fails only on missing facts (*DataError values matching
// ErrMissingFact, one for every line that lacks one, joined) or
// facts outside the money operating range (matching ErrData and
// money.ErrRange).
// The accumulator may be used further.
func (a *Accumulator) Result(f Facts) (Result, error) {
	// The lines point at a copy of the plan (a few words; its components
	// are shared), not at the accumulator's: a Result the host keeps does
	// not keep the accumulator's recipient tables alive.
	p := new(Plan)
	*p = a.plan
	res := Result{Plan: p.spec.ID, PlanVersion: p.spec.Version, PlanHash: p.hash, Period: a.period,
		Currency: p.spec.Currency, Transactions: a.txs, Skipped: a.skipped}
	// Recipients in output order (ID, then kind); lines come out sorted
	// without moving them.
	type ref struct {
		id   string
		kind RecipientKind
		i    int
	}
	refs := make([]ref, 0, a.sides[RecipientPartner].index.Len()+a.sides[RecipientRep].index.Len())
	n := 0
	for k := RecipientPartner; k <= RecipientRep; k++ {
		s := &a.sides[k]
		ng := len(s.groups)
		for i, id := range s.index.All() {
			m := 0
			for j := range s.comps {
				if s.accs[i*ng+s.groupOf[j]].n != 0 {
					m++
				}
			}
			if m > 0 {
				refs = append(refs, ref{id: id, kind: k, i: i})
				n += m
			}
		}
	}
	order := sortedOrder(len(refs), func(i int) string { return refs[i].id }, func(i, j int) int { return cmp.Compare(refs[i].kind, refs[j].kind) })
	period := new(Period)
	*period = a.period
	// Line calculations are allocated in chunks as they are filled, so
	// that each chunk is still in cache when it is written (one slab of n
	// would be zeroed, evicted, then written again).
	var calcs []lineCalc
	// A line whose calculation can be computed again from its measure and
	// count alone is compact: it stores those and shares its component's
	// plan, period and component (Line.calcInto). Its component reads no
	// facts and no cap or budget reduces the line after rounding.
	shared := make([]lineCalc, len(p.comps))
	planLimits := p.spec.RecipientCap != nil || p.spec.Budget != nil
	for i := range shared {
		c := &p.comps[i]
		shared[i] = lineCalc{plan: p, period: period, comp: c,
			compact: !a.eager && !planLimits && c.recomputable()}
	}
	var tmp lineCalc
	res.Lines = make([]Line, 0, n)
	// sc holds the steps of the lines that keep their calculation; csc
	// those of a line that may be compact, its room taken again by the
	// next such line.
	var sc, csc scratch
	var missingFacts []error
	for _, o := range order {
		r := refs[o]
		s := &a.sides[r.kind]
		ng := len(s.groups)
		rec := Recipient{Kind: r.kind, ID: r.id}
		facts, hasFacts := f[rec]
		for _, j := range s.order {
			ai := r.i*ng + s.groupOf[j]
			ac := &s.accs[ai]
			if ac.n == 0 {
				continue
			}
			c := &p.comps[s.comps[j]]
			if c.team != nil {
				continue // team.go: after every recipient
			}
			tmp = lineCalc{}
			lc := &tmp
			if c.spec.Attainment != nil {
				at, err := a.attain(c, s, r.i, rec, facts, hasFacts)
				if err != nil {
					if !errors.Is(err, ErrMissingFact) {
						return Result{}, err
					}
					missingFacts = append(missingFacts, err)
					continue
				}
				lc.attain = at
			}
			calc, lsc := &shared[c.idx], &sc
			if calc.compact {
				csc.limits = csc.limits[:0]
				lsc = &csc
			}
			if err := c.compute(lc, lsc, p, rec, s.total(ai, c.scale), ac.n, facts, hasFacts); err != nil {
				if !errors.Is(err, ErrMissingFact) {
					return Result{}, err
				}
				// Report every recipient's missing facts, not only the
				// first: the host fixes its facts in one go.
				missingFacts = append(missingFacts, err)
				continue
			}
			lc.period = period
			if calc.compact && !lc.volume.big() && !lc.amount.big() {
				res.Lines = append(res.Lines, compactLine(rec, calc, lc))
				continue
			}
			if len(calcs) == 0 {
				calcs = make([]lineCalc, min(n-len(res.Lines), lineChunk))
			}
			calc = &calcs[0]
			calcs = calcs[1:]
			*calc = tmp
			if lsc == &csc {
				calc.limits = slices.Clone(calc.limits) // csc's room is taken again
			}
			// The measure shown: a weighted attainment's schedule saw
			// points, but the line shows the period's volume.
			calc.measure = calc.base
			if calc.attain != nil {
				calc.measure = calc.volume
			}
			res.Lines = append(res.Lines, ownLine(rec, calc))
		}
	}
	if len(missingFacts) > 0 {
		return Result{}, errors.Join(missingFacts...)
	}
	if err := a.teamLines(&res, p, period, &sc); err != nil {
		return Result{}, err
	}
	if err := a.applyComponentBudgets(res.Lines); err != nil {
		return Result{}, err
	}
	if err := applyPlanLimits(p, res.Lines); err != nil {
		return Result{}, err
	}
	return res, nil
}

// sortedOrder returns the indices 0 … n−1 in the order of their IDs (id
// returns one), then of tie. It sorts pointer-free numbers (the IDs'
// first bytes after their common prefix) rather than the IDs, by radix:
// comparing IDs with a shared prefix is slower, and moving strings costs
// write barriers. IDs whose numbers are equal are then ordered by
// comparison, among themselves.
func sortedOrder(n int, id func(int) string, tie func(i, j int) int) []int {
	from := 0
	if n > 0 {
		from = len(id(0))
		for i := 1; i < n && from > 0; i++ {
			from = commonPrefix(id(0)[:from], id(i))
		}
	}
	keys := make([]keyed, n)
	for i := range keys {
		keys[i] = keyed{sortKey(id(i), from), i}
	}
	radixSort(keys)
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && keys[hi].key == keys[lo].key {
			hi++
		}
		if hi-lo > 1 {
			slices.SortFunc(keys[lo:hi], func(x, y keyed) int {
				if c := cmp.Compare(id(x.i), id(y.i)); c != 0 {
					return c
				}
				return tie(x.i, y.i)
			})
		}
		lo = hi
	}
	order := make([]int, n)
	for i, k := range keys {
		order[i] = k.i
	}
	return order
}

// keyed is an index with its sort key.
type keyed struct {
	key uint64
	i   int
}

// radixSort sorts keys by key, least significant byte first, skipping
// the bytes in which all keys agree. It is stable.
func radixSort(keys []keyed) {
	if len(keys) < 2 {
		return
	}
	var count [8][256]int
	for _, k := range keys {
		for b := range 8 {
			count[b][byte(k.key>>(8*b))]++
		}
	}
	src, dst := keys, make([]keyed, len(keys))
	for b := range 8 {
		c := &count[b]
		if c[byte(src[0].key>>(8*b))] == len(src) {
			continue // every key has this byte
		}
		sum := 0
		for v := range c {
			c[v], sum = sum, sum+c[v]
		}
		for _, k := range src {
			v := byte(k.key >> (8 * b))
			dst[c[v]] = k
			c[v]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}

// commonPrefix returns the length of the longest common prefix of a and
// b.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// sortKey returns the 8 bytes of id from index from as a big-endian
// number, zero-padded: for IDs sharing their first from bytes, a smaller
// key means a smaller ID, and equal keys leave the order to the IDs
// themselves (a zero byte and the end pad alike).
func sortKey(id string, from int) uint64 {
	var k uint64
	for i := from; i < from+8; i++ {
		k <<= 8
		if i < len(id) {
			k |= uint64(id[i])
		}
	}
	return k
}

// lineChunk is the number of line calculations allocated at once by
// Result (about 70 KB).
const lineChunk = 256

// Evaluate evaluates plan over period for the transactions of seq: a
// convenience for NewAccumulator, AddAll and Result.
func Evaluate(p Plan, period Period, f Facts, seq iter.Seq[Transaction]) (Result, error) {
	a, err := NewAccumulator(p, period)
	if err != nil {
		return Result{}, err
	}
	if err := a.AddAll(seq); err != nil {
		return Result{}, err
	}
	return a.Result(f)
}

// lineCalc records every step of one line's computation, in num form so
// that the fast path allocates nothing; Line.Trace turns it into decimals.
type lineCalc struct {
	plan        *Plan
	period      *Period
	comp        *component
	volume      num // Σ measure of the eligible transactions
	count       int64
	baseline    num
	hasBaseline bool
	base        num // x, the value the schedule is evaluated at
	measure     num // what Line.Measure shows: base, or volume (attainment, team)
	sched       schedOut
	mods        []modStep
	gate        *gateCalc   // the gates' steps, nil without gates (gate.go)
	team        *teamCalc   // the member's share of a team award (team.go)
	attain      *attainCalc // the attainment the schedule saw (attainment.go)
	limits      []limitStep
	exact       num // after modifiers, floor and cap
	rounded     num
	amount      num // after recipient cap and budget
	// compact marks the calculation a component's compact lines share
	// (Accumulator.Result): only plan, period and comp are set.
	compact bool
}

type modStep struct {
	kind          ModifierKind
	metric        string
	value         num // metric value, or quota
	factor        num
	before, after num
}

type limitStep struct {
	kind          LimitKind
	limit         num
	before, after num
}

// factRange reports a fact of rec outside the money operating range, at
// path in the JSON form of RecipientFacts, before any work is done with it.
func factRange(rec Recipient, path string, d decimal.Decimal) error {
	if err := money.CheckRange("fact", d); err != nil {
		return &DataError{Recipient: rec.String(), Path: path, Value: money.FormatDecimal(d, 0), Err: fmt.Errorf("%w: %w", ErrData, err)}
	}
	return nil
}

// missing reports a fact of rec that a component needs, at path in the
// JSON form of RecipientFacts.
func missing(rec Recipient, path, value, reason string) error {
	return &DataError{Recipient: rec.String(), Path: path, Value: value, Err: fmt.Errorf("%w: %s", ErrMissingFact, reason)}
}

// scratch hands out the modifier and limit steps of many lines' traces
// from shared blocks, so that Result allocates once per block rather than
// once per modified or capped line. Blocks start small and double up to
// maxScratchBlock, so a small result does not pay for a large block. The
// zero scratch is ready to use.
type scratch struct {
	mods       []modStep
	limits     []limitStep
	modBlock   int
	limitBlock int
}

const maxScratchBlock = 512

// grow returns the size of the next block after one of size n.
func grow(n int) int { return min(max(2*n, 4), maxScratchBlock) }

// modSteps returns an empty slice with room for n steps.
func (sc *scratch) modSteps(n int) []modStep {
	if cap(sc.mods)-len(sc.mods) < n {
		sc.modBlock = grow(sc.modBlock)
		sc.mods = make([]modStep, 0, max(sc.modBlock, n))
	}
	k := len(sc.mods)
	sc.mods = sc.mods[:k+n]
	return sc.mods[k : k : k+n]
}

// addLimit appends st to steps, taking the first step's room from a block.
func (sc *scratch) addLimit(steps []limitStep, st limitStep) []limitStep {
	if len(steps) > 0 {
		return append(steps, st)
	}
	if len(sc.limits) == cap(sc.limits) {
		sc.limitBlock = grow(sc.limitBlock)
		sc.limits = make([]limitStep, 0, sc.limitBlock)
	}
	k := len(sc.limits)
	sc.limits = append(sc.limits, st)
	return sc.limits[k : k+1 : k+1]
}

// recomputable reports whether c's lines can be computed again from their
// measure and count alone: c reads no facts (no baseline, quota, metric,
// gate or attainment) and has no budget of its own, which would reduce its
// lines after rounding. (A team's lines are made apart, each with its own
// calculation.)
func (c *component) recomputable() bool {
	m := c.spec.Measure
	return m != GrowthAmount && m != GrowthPercent && len(c.mods) == 0 &&
		c.spec.Attainment == nil && !c.budget.set
}

// compute is the line formula of the package documentation, on nums. It
// fills *lc (which must be zero) and takes trace steps from sc.
func (c *component) compute(lc *lineCalc, sc *scratch, p *Plan, rec Recipient, vol num, count int64, f RecipientFacts, hasFacts bool) error {
	lc.plan, lc.comp, lc.volume, lc.count, lc.base = p, c, vol, count, vol
	switch c.spec.Measure {
	case GrowthAmount, GrowthPercent:
		b, ok := f.Baselines[c.spec.ID]
		if !hasFacts || !ok {
			return missing(rec, field.At("baselines", c.spec.ID), "", "no baseline for component "+strconv.Quote(c.spec.ID))
		}
		if err := factRange(rec, field.At("baselines", c.spec.ID), b); err != nil {
			return err
		}
		lc.baseline, lc.hasBaseline = numOf(b), true
		diff := vol.sub(lc.baseline)
		if c.spec.Measure == GrowthAmount {
			lc.base = diff
			break
		}
		if b.Sign() <= 0 {
			return missing(rec, field.At("baselines", c.spec.ID), money.FormatDecimal(b, 0), "a growth percentage needs a positive baseline")
		}
		mode := money.Floor
		if c.spec.Schedule.Boundary == tier.UpperInclusive {
			mode = money.Ceiling
		}
		g, err := money.Div(diff.dec().Shift(2), b, GrowthPlaces, mode)
		if err != nil {
			return err
		}
		lc.base = numOf(g)
	case Revenue, RecurringRevenue, Units, EventCount, MeasureUnspecified:
	}
	if lc.attain != nil {
		lc.base = lc.attain.x
	}
	lc.sched = c.evalSchedule(lc.base)
	pay := lc.sched.payout
	if len(c.mods) > 0 {
		lc.mods = sc.modSteps(len(c.mods))
	}
	for i := range c.mods {
		m := &c.mods[i]
		switch m.kind {
		case Accelerator:
			q, ok := m.quota, m.hasQ
			if !ok {
				var qd decimal.Decimal
				qd, ok = f.Quotas[c.spec.ID]
				if !hasFacts || !ok {
					return missing(rec, field.At("quotas", c.spec.ID), "", "no quota for component "+strconv.Quote(c.spec.ID))
				}
				if err := factRange(rec, field.At("quotas", c.spec.ID), qd); err != nil {
					return err
				}
				q = numOf(qd)
			}
			after := pay
			if lc.base.cmp(q) > 0 {
				sq := c.evalSchedule(q).payout
				after = sq.add(m.factor.mul(pay.sub(sq)))
			}
			lc.mods = append(lc.mods, modStep{kind: Accelerator, value: q, factor: m.factor, before: pay, after: after})
			pay = after
		case Multiplier:
			md, ok := f.Metrics[m.metric]
			if !hasFacts || !ok {
				return missing(rec, field.At("metrics", m.metric), "", "no metric "+strconv.Quote(m.metric))
			}
			if err := factRange(rec, field.At("metrics", m.metric), md); err != nil {
				return err
			}
			v := numOf(md)
			factor := small(1, 0)
			for k := range m.from {
				if v.cmp(m.from[k]) >= 0 {
					factor = m.fact[k]
				}
			}
			after := pay.mul(factor)
			lc.mods = append(lc.mods, modStep{kind: Multiplier, metric: m.metric, value: v, factor: factor, before: pay, after: after})
			pay = after
		case Gate:
			if err := c.checkGate(lc, m, rec, f, hasFacts); err != nil {
				return err
			}
		case ModifierUnspecified:
		}
	}
	if c.hasFloor && pay.cmp(c.floor) < 0 {
		lc.limits = sc.addLimit(lc.limits, limitStep{kind: ComponentFloor, limit: c.floor, before: pay, after: c.floor})
		pay = c.floor
	}
	if c.hasCap && pay.cmp(c.cap) > 0 {
		lc.limits = sc.addLimit(lc.limits, limitStep{kind: ComponentCap, limit: c.cap, before: pay, after: c.cap})
		pay = c.cap
	}
	if lc.gate != nil && lc.gate.held {
		lc.gate.heldPay, pay = pay, small(0, 0)
	}
	lc.exact = pay
	r, err := pay.round(p.spec.Places, p.spec.Rounding)
	if err != nil {
		return err
	}
	lc.rounded, lc.amount = r, r
	return nil
}

// applyPlanLimits applies the per-recipient cap, then the budget, to the
// rounded lines (sorted), by largest-remainder reduction of the positive
// lines in whole units of the last place.
func applyPlanLimits(p *Plan, lines []Line) error {
	if p.spec.RecipientCap != nil {
		limit := numOf(*p.spec.RecipientCap)
		for i := 0; i < len(lines); {
			j := i + 1
			for j < len(lines) && lines[j].Recipient() == lines[i].Recipient() {
				j++
			}
			if err := reduce(p, lines[i:j], limit, RecipientCap); err != nil {
				return err
			}
			i = j
		}
	}
	if p.spec.Budget != nil {
		return reduce(p, lines, numOf(*p.spec.Budget), BudgetCap)
	}
	return nil
}

// tieKey is the tie-break key of a line in a cap or budget reduction: its
// recipient, component and version, each with NUL escaped as NUL SOH and
// joined by NUL NUL. The encoding is unambiguous (no two lines share a
// key, whatever their IDs contain) and orders keys as the tuples
// (recipient, component, version) compare.
func tieKey(l Line) string {
	esc := func(s string) string { return strings.ReplaceAll(s, "\x00", "\x00\x01") }
	return esc(l.Recipient().String()) + "\x00\x00" + esc(l.Component()) + "\x00\x00" + esc(l.Version())
}

// reduce lowers the positive lines of group so that the group sums to
// limit when it exceeds it. The limit is first rounded down (toward −∞) to
// the plan's places, so the reduced lines never exceed it.
func reduce(p *Plan, group []Line, limit num, kind LimitKind) error {
	places := p.spec.Places
	total, pos := small(0, places), small(0, places)
	for i := range group {
		a := group[i].calc.amount
		total = total.add(a)
		if a.sign() > 0 {
			pos = pos.add(a)
		}
	}
	if total.cmp(limit) <= 0 {
		return nil
	}
	lim, err := limit.round(places, money.Floor)
	if err != nil {
		return err
	}
	target := lim.sub(total.sub(pos)) // what the positive lines may keep
	if target.sign() < 0 {
		target = small(0, places)
	}
	var weights []money.Weight
	var idx []int
	for i := range group {
		if a := group[i].calc.amount; a.sign() > 0 {
			weights = append(weights, money.Weight{Key: tieKey(group[i]), Value: a.dec()})
			idx = append(idx, i)
		}
	}
	units := new(big.Int).Set(target.dec().Shift(places).BigInt())
	parts, err := money.AllocateUnits(units, weights)
	if err != nil {
		return err
	}
	for k, i := range idx {
		lc := group[i].calc
		after := numOf(decimal.NewFromBigInt(parts[k], -places))
		lc.limits = append(slices.Clip(lc.limits), limitStep{kind: kind, limit: limit, before: lc.amount, after: after})
		lc.amount = after
	}
	return nil
}
