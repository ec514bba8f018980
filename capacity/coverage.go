package capacity

import (
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
)

// Footprint is a partner as segment coverage sees it: attributes over
// arbitrary dimensions (geography=London, industry=banking), capabilities
// (certifications, practices such as "managed-services") and a capacity
// figure in the caller's unit (consultants, revenue capacity, …).
type Footprint struct {
	// ID identifies the partner. Non-empty, unique.
	ID string `json:"id"`
	// Attributes map dimensions to the partner's value in each.
	Attributes map[string]string `json:"attributes,omitempty"`
	// Capabilities are the partner's certifications and practices.
	Capabilities []string `json:"capabilities,omitempty"`
	// Capacity is non-negative.
	Capacity decimal.Decimal `json:"capacity"`
}

// Demand is the required capacity in one segment. Segment holds a value
// for each of the query's SegmentBy dimensions and no other.
type Demand struct {
	// Segment maps each SegmentBy dimension to this segment's value.
	Segment map[string]string `json:"segment"`
	// Required is positive, in the partners' Capacity unit.
	Required decimal.Decimal `json:"required"`
}

// Thresholds classify coverage. Ratios are compared exactly (capacity
// against demand × threshold), never after rounding.
type Thresholds struct {
	// MinCoverage: capacity / demand below it is Under. Positive.
	MinCoverage decimal.Decimal `json:"min_coverage"`
	// MaxCoverage: capacity / demand above it is Over. Zero means no
	// limit; otherwise at least MinCoverage.
	MaxCoverage decimal.Decimal `json:"max_coverage,omitzero"`
	// MaxPartnersPerUnit: partners / demand above it is Over (too many
	// partners chasing each unit of demand). Zero means no limit.
	MaxPartnersPerUnit decimal.Decimal `json:"max_partners_per_unit,omitzero"`
}

// Query selects partners and demand and says how to group and judge them.
type Query struct {
	// SegmentBy are the dimensions that define a segment, e.g.
	// ["geography"]. Non-empty, unique.
	SegmentBy []string `json:"segment_by"`
	// Filter restricts dimensions to sets of values (geography ∈ {London,
	// New York, Zurich}); every filtered dimension must match. A partner
	// lacking a filtered dimension does not match. Demand rows are filtered
	// on the SegmentBy dimensions only.
	Filter map[string][]string `json:"filter,omitempty"`
	// Capabilities a partner must all have (all-of).
	Capabilities []string `json:"capabilities,omitempty"`
	// Thresholds classify each segment's coverage.
	Thresholds Thresholds `json:"thresholds"`
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
	const at field.Path = "/query"
	if len(q.SegmentBy) == 0 {
		l.add(inputErr(string(at.Key("segment_by")), "", ErrEmpty))
	}
	for i, d := range q.SegmentBy {
		switch {
		case d == "":
			l.add(inputErr(string(at.Key("segment_by").Index(i)), "", ErrEmpty))
		case slices.Contains(q.SegmentBy[:i], d):
			l.add(inputErr(string(at.Key("segment_by").Index(i)), d, ErrDuplicate))
		}
	}
	dims := make([]string, 0, len(q.Filter))
	for d := range q.Filter {
		dims = append(dims, d)
	}
	slices.Sort(dims)
	for _, d := range dims {
		filter := at.Key("filter").Key(d)
		if d == "" {
			l.add(inputErr(string(filter), "", ErrEmpty))
		} else if len(q.Filter[d]) == 0 {
			l.add(inputErr(string(filter), "", ErrEmpty))
		}
	}
	for i, c := range q.Capabilities {
		if c == "" {
			l.add(inputErr(string(at.Key("capabilities").Index(i)), "", ErrEmpty))
		}
	}
	t := q.Thresholds
	th := at.Key("thresholds")
	checkPositive(l, string(th.Key("min_coverage")), t.MinCoverage)
	checkNonNegative(l, string(th.Key("max_coverage")), t.MaxCoverage)
	if t.MaxCoverage.Sign() > 0 && t.MaxCoverage.Cmp(t.MinCoverage) < 0 {
		l.add(inputErr(string(th.Key("max_coverage")), t.MaxCoverage.String(), ErrRange))
	}
	checkNonNegative(l, string(th.Key("max_partners_per_unit")), t.MaxPartnersPerUnit)
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

// Cover answers a coverage query: which partners with the
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
// MinCoverage). Paths name the arguments as members of one document:
// "/partners/3/capacity", "/demand/0/segment",
// "/query/thresholds/min_coverage".
func Cover(partners []Footprint, demand []Demand, q Query) (Coverage, error) {
	var l errList
	q.validate(&l)
	checkFootprints(&l, partners)
	segs := segments{}
	segs.addDemand(&l, demand, q)
	if err := l.err(); err != nil {
		return Coverage{}, err
	}
	segs.addPartners(partners, q)
	return segs.coverage(q)
}

// checkFootprints checks partner ids (non-empty, unique) and capacities
// (non-negative).
func checkFootprints(l *errList, partners []Footprint) {
	ids := make(map[string]bool, len(partners))
	for i, p := range partners {
		switch {
		case p.ID == "":
			l.add(inputErr(field.At("partners", i, "id"), "", ErrEmpty))
		case ids[p.ID]:
			l.add(inputErr(field.At("partners", i, "id"), p.ID, ErrDuplicate))
		}
		ids[p.ID] = true
		checkNonNegative(l, field.At("partners", i, "capacity"), p.Capacity)
	}
}

// segments accumulates partners and demand by segment key.
type segments map[string]*segAcc

func (segs segments) get(values []string) *segAcc {
	k := segKey(values)
	s, ok := segs[k]
	if !ok {
		s = &segAcc{values: values}
		segs[k] = s
	}
	return s
}

// addDemand checks the demand rows and records those that pass the
// filter, one per segment.
func (segs segments) addDemand(l *errList, demand []Demand, q Query) {
	for i, d := range demand {
		checkPositive(l, field.At("demand", i, "required"), d.Required)
		seg := field.At("demand", i, "segment")
		values, ok := q.segment(d.Segment)
		if !ok || len(d.Segment) != len(q.SegmentBy) {
			l.add(inputErr(seg, fmtSegment(d.Segment), ErrInvalid))
			continue
		}
		if !q.matches(d.Segment, q.SegmentBy) {
			continue
		}
		s := segs.get(values)
		if s.hasDem {
			l.add(inputErr(seg, fmtSegment(d.Segment), ErrDuplicate))
			continue
		}
		s.hasDem = true
		s.demand = d.Required
	}
}

// addPartners adds every matching partner to its segment.
func (segs segments) addPartners(partners []Footprint, q Query) {
	for _, p := range partners {
		if !hasAll(p.Capabilities, q.Capabilities) || !q.matches(p.Attributes, nil) {
			continue
		}
		values, ok := q.segment(p.Attributes)
		if !ok {
			continue
		}
		s := segs.get(values)
		s.partners = append(s.partners, p.ID)
		s.capacity = s.capacity.Add(p.Capacity)
	}
}

// coverage judges every segment, in order of their values, and the total.
func (segs segments) coverage(q Query) (Coverage, error) {
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
	if r.Ratio, err = ratio("/demand", s.capacity, s.demand); err != nil {
		return SegmentCoverage{}, err
	}
	if r.PartnersPerUnit, err = ratio("/demand", n, s.demand); err != nil {
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
