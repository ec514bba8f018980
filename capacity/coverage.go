package capacity

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Status classifies a segment's distribution (DOMAIN.md §2a–2b).
type Status uint8

// Segment statuses. The zero value is StatusUnspecified.
const (
	// StatusUnspecified is the zero value; it never appears in a result
	// and MarshalText rejects it.
	StatusUnspecified Status = iota
	// Under: coverage below Thresholds.MinCoverage; customers cannot find
	// a capable partner and the vendor must serve them itself.
	Under
	// Balanced: neither under- nor over-distributed.
	Balanced
	// Over: coverage above Thresholds.MaxCoverage or more partners per unit
	// of demand than Thresholds.MaxPartnersPerUnit: a price-war risk.
	Over
	// NoDemand: matching partners in a segment for which no demand was
	// given.
	NoDemand
)

// String returns the status name: "under", "balanced", "over",
// "no-demand", or "unspecified".
func (s Status) String() string {
	switch s {
	case StatusUnspecified:
		return "unspecified"
	case Under:
		return "under"
	case Balanced:
		return "balanced"
	case Over:
		return "over"
	case NoDemand:
		return "no-demand"
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// IsValid reports whether s is a named status other than
// StatusUnspecified.
func (s Status) IsValid() bool { return s >= Under && s <= NoDemand }

// MarshalText returns the status name; an invalid status fails with
// ErrInvalid.
func (s Status) MarshalText() ([]byte, error) {
	if !s.IsValid() {
		return nil, inputErr("Status", s.String(), ErrInvalid)
	}
	return []byte(s.String()), nil
}

// UnmarshalText parses a status name written by MarshalText.
func (s *Status) UnmarshalText(b []byte) error {
	for v := Under; v <= NoDemand; v++ {
		if v.String() == string(b) {
			*s = v
			return nil
		}
	}
	return inputErr("Status", string(b), ErrInvalid)
}

// Partner is a partner as segment coverage sees it: attributes over
// arbitrary dimensions (geography=London, industry=banking), capabilities
// (certifications, practices such as "managed-services") and a capacity
// figure in the caller's unit (consultants, revenue capacity, …).
type Partner struct {
	ID           string
	Attributes   map[string]string
	Capabilities []string
	// Capacity is non-negative.
	Capacity decimal.Decimal
}

// Demand is the required capacity in one segment. Segment holds a value
// for each of the query's SegmentBy dimensions and no other.
type Demand struct {
	Segment  map[string]string
	Required decimal.Decimal // positive, in the partners' Capacity unit
}

// Thresholds classify coverage. Ratios are compared exactly (capacity
// against demand × threshold), never after rounding.
type Thresholds struct {
	// MinCoverage: capacity / demand below it is Under. Positive.
	MinCoverage decimal.Decimal
	// MaxCoverage: capacity / demand above it is Over. Zero means no
	// limit; otherwise at least MinCoverage.
	MaxCoverage decimal.Decimal
	// MaxPartnersPerUnit: partners / demand above it is Over (too many
	// partners chasing each unit of demand). Zero means no limit.
	MaxPartnersPerUnit decimal.Decimal
}

// Query selects partners and demand and says how to group and judge them.
type Query struct {
	// SegmentBy are the dimensions that define a segment, e.g.
	// ["geography"]. Non-empty, unique.
	SegmentBy []string
	// Filter restricts dimensions to sets of values (geography ∈ {London,
	// New York, Zurich}); every filtered dimension must match. A partner
	// lacking a filtered dimension does not match. Demand rows are filtered
	// on the SegmentBy dimensions only.
	Filter map[string][]string
	// Capabilities a partner must all have (all-of).
	Capabilities []string
	Thresholds   Thresholds
}

// DimValue is one dimension's value in a segment.
type DimValue struct{ Dimension, Value string }

// SegmentCoverage is the coverage of one segment (or, as Coverage.Total,
// of all of them together).
type SegmentCoverage struct {
	// Key is "dim=value" pairs joined by ", ", in SegmentBy order
	// ("all" for the total).
	Key    string
	Values []DimValue
	// PartnerIDs are the matching partners, sorted.
	PartnerIDs []string
	// Capacity is the sum of the matching partners' capacity, exact.
	Capacity decimal.Decimal
	// Demand is the required capacity, exact (zero for NoDemand).
	Demand decimal.Decimal
	// Ratio is Capacity / Demand, exact (Num Capacity, Den Demand); the
	// zero Ratio when Demand is zero.
	Ratio Ratio
	// PartnersPerUnit is len(PartnerIDs) / Demand, exact (Den Demand); the
	// zero Ratio when Demand is zero.
	PartnersPerUnit Ratio
	Status          Status
}

// Equal reports whether two segment coverages are equal.
func (s SegmentCoverage) Equal(o SegmentCoverage) bool {
	return s.Key == o.Key && slices.Equal(s.Values, o.Values) && slices.Equal(s.PartnerIDs, o.PartnerIDs) &&
		s.Capacity.Equal(o.Capacity) && s.Demand.Equal(o.Demand) && s.Ratio.Equal(o.Ratio) &&
		s.PartnersPerUnit.Equal(o.PartnersPerUnit) && s.Status == o.Status
}

// Coverage is the answer to a Query.
type Coverage struct {
	// Segments are sorted by their values in SegmentBy order (byte-wise).
	Segments []SegmentCoverage
	// Total aggregates every segment (Key "all"), judged by the same
	// thresholds; partners in NoDemand segments count in its Capacity.
	Total SegmentCoverage
}

// Equal reports whether two coverages are equal.
func (c Coverage) Equal(o Coverage) bool {
	return slices.EqualFunc(c.Segments, o.Segments, SegmentCoverage.Equal) && c.Total.Equal(o.Total)
}

func (q Query) validate(l *errList) {
	if len(q.SegmentBy) == 0 {
		l.add(inputErr("SegmentBy", "", ErrEmpty))
	}
	for i, d := range q.SegmentBy {
		switch {
		case d == "":
			l.add(inputErr(indexed("SegmentBy", i), "", ErrEmpty))
		case slices.Contains(q.SegmentBy[:i], d):
			l.add(inputErr(indexed("SegmentBy", i), d, ErrDuplicate))
		}
	}
	dims := make([]string, 0, len(q.Filter))
	for d := range q.Filter {
		dims = append(dims, d)
	}
	slices.Sort(dims)
	for _, d := range dims {
		if d == "" {
			l.add(inputErr("Filter", "", ErrEmpty))
		} else if len(q.Filter[d]) == 0 {
			l.add(inputErr("Filter["+d+"]", "", ErrEmpty))
		}
	}
	for i, c := range q.Capabilities {
		if c == "" {
			l.add(inputErr(indexed("Capabilities", i), "", ErrEmpty))
		}
	}
	t := q.Thresholds
	checkPositive(l, "Thresholds.MinCoverage", t.MinCoverage)
	checkNonNegative(l, "Thresholds.MaxCoverage", t.MaxCoverage)
	if t.MaxCoverage.Sign() > 0 && t.MaxCoverage.Cmp(t.MinCoverage) < 0 {
		l.add(inputErr("Thresholds.MaxCoverage", t.MaxCoverage.String(), ErrRange))
	}
	checkNonNegative(l, "Thresholds.MaxPartnersPerUnit", t.MaxPartnersPerUnit)
}

// matches reports whether attrs pass the filter on the given dimensions
// (all of the filter's dimensions when only is nil).
func (q Query) matches(attrs map[string]string, only []string) bool {
	for d, set := range q.Filter {
		if only != nil && !slices.Contains(only, d) {
			continue
		}
		v, ok := attrs[d]
		if !ok || !slices.Contains(set, v) {
			return false
		}
	}
	return true
}

// segment returns attrs' values for the SegmentBy dimensions, in order,
// and whether attrs has every one of them.
func (q Query) segment(attrs map[string]string) ([]string, bool) {
	values := make([]string, len(q.SegmentBy))
	for j, dim := range q.SegmentBy {
		v, ok := attrs[dim]
		if !ok {
			return nil, false
		}
		values[j] = v
	}
	return values, true
}

type segAcc struct {
	values   []string
	partners []string
	capacity decimal.Decimal
	demand   decimal.Decimal
	hasDem   bool
}

func segKey(values []string) string {
	var b strings.Builder
	for _, v := range values {
		b.WriteString(strconv.Itoa(len(v))) // length-prefixed: unambiguous
		b.WriteByte(':')
		b.WriteString(v)
		b.WriteByte(';')
	}
	return b.String()
}

// Cover answers a coverage query (DOMAIN.md §2c): which partners with the
// required capabilities serve each segment, their capacity against the
// segment's demand, and whether the segment is under-distributed,
// balanced or over-distributed.
//
// A partner matches when it has every Query.Capabilities entry, passes
// Query.Filter on every filtered dimension, and has a value for every
// SegmentBy dimension; it joins the segment of those values. Demand rows
// passing the filter on the SegmentBy dimensions define the other
// segments; a segment with demand and no partners is Under with ratio 0;
// one with partners and no demand row is NoDemand.
//
// Classification, with ratio = capacity / demand compared exactly:
// Under if ratio < MinCoverage; otherwise Over if ratio > MaxCoverage
// (when set) or partners / demand > MaxPartnersPerUnit (when set);
// otherwise Balanced. Under takes precedence.
//
// Rounding: none. Ratio and PartnersPerUnit are exact; round each once
// with Ratio.Round (Ratio.Decimal gives SharePlaces, half-even).
// The result is independent of the order of partners and demand rows.
//
// Errors (joined *InputError values): ErrEmpty, ErrDuplicate (partner id,
// demand segment, SegmentBy dimension), ErrNegative (capacity),
// ErrNonPositive (demand, MinCoverage), ErrInvalid (a demand segment
// without exactly the SegmentBy dimensions), ErrRange (MaxCoverage below
// MinCoverage).
func Cover(partners []Partner, demand []Demand, q Query) (Coverage, error) {
	var l errList
	q.validate(&l)
	ids := make(map[string]bool, len(partners))
	for i, p := range partners {
		f := indexed("Partners", i)
		switch {
		case p.ID == "":
			l.add(inputErr(f+".ID", "", ErrEmpty))
		case ids[p.ID]:
			l.add(inputErr(f+".ID", p.ID, ErrDuplicate))
		}
		ids[p.ID] = true
		checkNonNegative(&l, f+".Capacity", p.Capacity)
	}

	segs := map[string]*segAcc{}
	get := func(values []string) *segAcc {
		k := segKey(values)
		s, ok := segs[k]
		if !ok {
			s = &segAcc{values: values}
			segs[k] = s
		}
		return s
	}
	for i, d := range demand {
		f := indexed("Demand", i)
		checkPositive(&l, f+".Required", d.Required)
		values, ok := q.segment(d.Segment)
		if !ok || len(d.Segment) != len(q.SegmentBy) {
			l.add(inputErr(f+".Segment", fmtSegment(d.Segment), ErrInvalid))
			continue
		}
		if !q.matches(d.Segment, q.SegmentBy) {
			continue
		}
		s := get(values)
		if s.hasDem {
			l.add(inputErr(f+".Segment", fmtSegment(d.Segment), ErrDuplicate))
			continue
		}
		s.hasDem = true
		s.demand = d.Required
	}
	if err := l.err(); err != nil {
		return Coverage{}, err
	}
	for _, p := range partners {
		if !hasAll(p.Capabilities, q.Capabilities) || !q.matches(p.Attributes, nil) {
			continue
		}
		values, ok := q.segment(p.Attributes)
		if !ok {
			continue
		}
		s := get(values)
		s.partners = append(s.partners, p.ID)
		s.capacity = s.capacity.Add(p.Capacity)
	}

	accs := make([]*segAcc, 0, len(segs))
	for _, s := range segs {
		accs = append(accs, s)
	}
	slices.SortFunc(accs, func(a, b *segAcc) int { return slices.Compare(a.values, b.values) })
	var out Coverage
	var total segAcc
	for _, s := range accs {
		slices.Sort(s.partners)
		r, err := s.result(q)
		if err != nil {
			return Coverage{}, err
		}
		out.Segments = append(out.Segments, r)
		total.partners = append(total.partners, s.partners...)
		total.capacity = total.capacity.Add(s.capacity)
		total.demand = total.demand.Add(s.demand)
	}
	slices.Sort(total.partners)
	total.hasDem = total.demand.Sign() > 0
	var err error
	if out.Total, err = total.result(q); err != nil {
		return Coverage{}, err
	}
	out.Total.Key = "all"
	return out, nil
}

func (s *segAcc) result(q Query) (SegmentCoverage, error) {
	r := SegmentCoverage{
		PartnerIDs: slices.Clone(s.partners),
		Capacity:   s.capacity,
		Demand:     s.demand,
	}
	keys := make([]string, len(s.values))
	for i, v := range s.values {
		r.Values = append(r.Values, DimValue{Dimension: q.SegmentBy[i], Value: v})
		keys[i] = q.SegmentBy[i] + "=" + v
	}
	r.Key = strings.Join(keys, ", ")
	if !s.hasDem {
		r.Status = NoDemand
		return r, nil
	}
	n := decimal.NewFromInt(int64(len(s.partners)))
	var err error
	if r.Ratio, err = ratio("Demand", s.capacity, s.demand); err != nil {
		return SegmentCoverage{}, err
	}
	if r.PartnersPerUnit, err = ratio("Demand", n, s.demand); err != nil {
		return SegmentCoverage{}, err
	}
	t := q.Thresholds
	switch {
	case s.capacity.Cmp(t.MinCoverage.Mul(s.demand)) < 0:
		r.Status = Under
	case t.MaxCoverage.Sign() > 0 && s.capacity.Cmp(t.MaxCoverage.Mul(s.demand)) > 0,
		t.MaxPartnersPerUnit.Sign() > 0 && n.Cmp(t.MaxPartnersPerUnit.Mul(s.demand)) > 0:
		r.Status = Over
	default:
		r.Status = Balanced
	}
	return r, nil
}

func hasAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func fmtSegment(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
	}
	return strings.Join(parts, ", ")
}
