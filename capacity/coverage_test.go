package capacity_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/capacity"
)

func partner(id, geo string, capacityUnits string, caps ...string) capacity.Footprint {
	return capacity.Footprint{
		ID:           id,
		Attributes:   map[string]string{"geography": geo, "industry": "banking"},
		Capabilities: caps,
		Capacity:     d(capacityUnits),
	}
}

const (
	bank = "banking-expertise"
	msp  = "managed-services"
)

// seedPartners is a small book of partners for the banking and managed
// services coverage question; capacity is in consultants.

func seedPartners() []capacity.Footprint {
	return []capacity.Footprint{
		partner("p1", "London", "12", bank, msp),
		partner("p2", "London", "20", bank), // no managed services
		partner("p3", "London", "8", bank, msp, "security"),
		partner("p4", "New York", "30", msp, bank),
		partner("p5", "New York", "15", msp), // no banking expertise
		partner("p6", "New York", "25", bank, msp),
		partner("p7", "New York", "20", bank, msp),
		partner("p8", "Zurich", "10", bank, msp),
		partner("p9", "Paris", "10", bank, msp), // outside the filter
	}
}

func seedDemand() []capacity.Demand {
	dem := func(geo, req string) capacity.Demand {
		return capacity.Demand{Segment: map[string]string{"geography": geo}, Required: d(req)}
	}
	return []capacity.Demand{dem("Zurich", "12"), dem("New York", "40"), dem("London", "40"), dem("Paris", "10")}
}

func seedQuery() capacity.Query {
	return capacity.Query{
		SegmentBy:    []string{"geography"},
		Filter:       map[string][]string{"geography": {"London", "New York", "Zurich"}},
		Capabilities: []string{bank, msp},
		Thresholds:   capacity.Thresholds{MinCoverage: d("0.8"), MaxCoverage: d("1.5"), MaxPartnersPerUnit: d("0.1")},
	}
}

func TestCoverSeed(t *testing.T) {
	got, err := capacity.Cover(seedPartners(), seedDemand(), seedQuery())
	require.NoError(t, err)
	geo := func(v string) []capacity.DimValue { return []capacity.DimValue{{Dimension: "geography", Value: v}} }
	want := capacity.Coverage{
		Segments: []capacity.SegmentCoverage{{
			// p1 + p3 = 20 consultants for 40: 0.5 < 0.8 → under; 2/40 = 0.05.
			Key: "geography=London", Values: geo("London"), PartnerIDs: []string{"p1", "p3"},
			Capacity: d("20"), Demand: d("40"), Ratio: rat("20", "40"), PartnersPerUnit: rat("2", "40"), Status: capacity.Under,
		}, {
			// p4 + p6 + p7 = 75 for 40: 1.875 > 1.5 → over; 3/40 = 0.075.
			Key: "geography=New York", Values: geo("New York"), PartnerIDs: []string{"p4", "p6", "p7"},
			Capacity: d("75"), Demand: d("40"), Ratio: rat("75", "40"), PartnersPerUnit: rat("3", "40"), Status: capacity.Over,
		}, {
			// p8 = 10 for 12: 0.8333… in [0.8, 1.5]; 1/12 = 0.0833… ≤ 0.1 → balanced.
			Key: "geography=Zurich", Values: geo("Zurich"), PartnerIDs: []string{"p8"},
			Capacity: d("10"), Demand: d("12"), Ratio: rat("10", "12"), PartnersPerUnit: rat("1", "12"), Status: capacity.Balanced,
		}},
		// 105 for 92: 1.14130434782608… → balanced; 6/92 = 0.0652173913043…
		Total: capacity.SegmentCoverage{
			Key: "all", PartnerIDs: []string{"p1", "p3", "p4", "p6", "p7", "p8"},
			Capacity: d("105"), Demand: d("92"), Ratio: rat("105", "92"), PartnersPerUnit: rat("6", "92"), Status: capacity.Balanced,
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Cover (-want +got):\n%s", diff)
	}
	// The ratios are exact: Num and Den are the segment's capacity and
	// demand. The default figures (12 places, half-even) from the
	// quotients above: 0.5, 1.875, 0.8333…33|3 → 0.833333333333,
	// 1.1413043478|26|08… → 1.141304347826, 1/12 → 0.083333333333,
	// 6/92 = 0.06521739130434… → 0.065217391304.
	for _, s := range append(got.Segments, got.Total) {
		require.True(t, s.Ratio.Num().Equal(s.Capacity) && s.Ratio.Den().Equal(s.Demand), "%s: %s/%s", s.Key, s.Ratio.Num(), s.Ratio.Den())
	}
	var figures []string
	for _, s := range append(got.Segments, got.Total) {
		figures = append(figures, s.Ratio.String(), s.PartnersPerUnit.String())
	}
	require.Equal(t, []string{
		"0.500000000000", "0.050000000000",
		"1.875000000000", "0.075000000000",
		"0.833333333333", "0.083333333333",
		"1.141304347826", "0.065217391304",
	}, figures)
}

// Exact thresholds are balanced: coverage equal to the minimum or the
// maximum and partners per unit equal to the maximum are not flagged.
func TestCoverBoundaries(t *testing.T) {
	q := seedQuery()
	q.Filter = nil
	q.Capabilities = nil
	tests := []struct {
		name     string
		capacity string // one partner
		demand   string
		maxPPU   string
		want     capacity.Status
	}{
		{"at minimum", "8", "10", "0", capacity.Balanced},               // 0.8 = min
		{"below minimum", "7.99", "10", "0", capacity.Under},            // 0.799
		{"at maximum", "15", "10", "0", capacity.Balanced},              // 1.5 = max
		{"above maximum", "15.01", "10", "0", capacity.Over},            // 1.501
		{"at partners per unit", "10", "10", "0.1", capacity.Balanced},  // 1/10 = 0.1
		{"above partners per unit", "10", "10", "0.09", capacity.Over},  // 0.1 > 0.09
		{"under wins over crowding", "1", "10", "0.01", capacity.Under}, // 0.1 < 0.8 and 0.1 > 0.01
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := q
			q.Thresholds.MaxPartnersPerUnit = d(tt.maxPPU)
			got, err := capacity.Cover(
				[]capacity.Footprint{partner("p", "Oslo", tt.capacity)},
				[]capacity.Demand{{Segment: map[string]string{"geography": "Oslo"}, Required: d(tt.demand)}}, q)
			require.NoError(t, err)
			require.Len(t, got.Segments, 1)
			require.Equal(t, tt.want, got.Segments[0].Status)
		})
	}
}

func TestCoverNoDemandAndNoPartners(t *testing.T) {
	q := seedQuery()
	q.Filter = nil
	got, err := capacity.Cover(
		[]capacity.Footprint{partner("g1", "Geneva", "5", bank, msp)},
		[]capacity.Demand{{Segment: map[string]string{"geography": "Zurich"}, Required: d("12")}}, q)
	require.NoError(t, err)
	require.Len(t, got.Segments, 2)
	// Geneva: partners but no demand row.
	require.Equal(t, "geography=Geneva", got.Segments[0].Key)
	require.Equal(t, capacity.NoDemand, got.Segments[0].Status)
	require.True(t, got.Segments[0].Ratio.Equal(capacity.Ratio{}))
	require.True(t, got.Segments[0].PartnersPerUnit.Num().IsZero())
	// Zurich: demand, no partners: ratio 0 → under.
	require.Equal(t, capacity.Under, got.Segments[1].Status)
	require.Empty(t, got.Segments[1].PartnerIDs)
	// Total: 5 for 12 → 0.416666666667 → under.
	require.True(t, got.Total.Ratio.Equal(rat("5", "12")))
	require.Equal(t, "0.416666666667", got.Total.Ratio.String())
	require.Equal(t, capacity.Under, got.Total.Status)

	// No demand at all.
	got, err = capacity.Cover([]capacity.Footprint{partner("g1", "Geneva", "5")}, nil, capacity.Query{
		SegmentBy: []string{"geography"}, Thresholds: capacity.Thresholds{MinCoverage: d("1")},
	})
	require.NoError(t, err)
	require.Equal(t, capacity.NoDemand, got.Total.Status)
}

// Two segment dimensions; a filter on a non-segment dimension applies to
// partners only; a partner without a segment dimension is left out.
func TestCoverMultiDimension(t *testing.T) {
	ps := []capacity.Footprint{
		{ID: "a", Attributes: map[string]string{"geography": "London", "industry": "banking", "tier": "gold"}, Capacity: d("3")},
		{ID: "b", Attributes: map[string]string{"geography": "London", "industry": "insurance", "tier": "gold"}, Capacity: d("4")},
		{ID: "c", Attributes: map[string]string{"geography": "London", "industry": "banking", "tier": "silver"}, Capacity: d("5")},
		{ID: "d", Attributes: map[string]string{"geography": "London", "tier": "gold"}, Capacity: d("6")}, // no industry
	}
	dem := []capacity.Demand{
		{Segment: map[string]string{"geography": "London", "industry": "banking"}, Required: d("3")},
		{Segment: map[string]string{"geography": "London", "industry": "insurance"}, Required: d("8")},
	}
	got, err := capacity.Cover(ps, dem, capacity.Query{
		SegmentBy:  []string{"geography", "industry"},
		Filter:     map[string][]string{"tier": {"gold"}},
		Thresholds: capacity.Thresholds{MinCoverage: d("1")},
	})
	require.NoError(t, err)
	require.Len(t, got.Segments, 2)
	// banking: a = 3 for 3 → 1 → balanced; insurance: b = 4 for 8 → under.
	require.Equal(t, "geography=London, industry=banking", got.Segments[0].Key)
	require.Equal(t, []string{"a"}, got.Segments[0].PartnerIDs)
	require.Equal(t, capacity.Balanced, got.Segments[0].Status)
	require.Equal(t, []string{"b"}, got.Segments[1].PartnerIDs)
	require.Equal(t, capacity.Under, got.Segments[1].Status)
}

func TestCoverErrors(t *testing.T) {
	ok := seedQuery()
	mq := func(f func(*capacity.Query)) capacity.Query {
		q := seedQuery()
		f(&q)
		return q
	}
	geo := func(v string) map[string]string { return map[string]string{"geography": v} }
	tests := []struct {
		name     string
		partners []capacity.Footprint
		demand   []capacity.Demand
		q        capacity.Query
		field    string
		want     error
	}{
		{"no segment dims", nil, nil, mq(func(q *capacity.Query) { q.SegmentBy = nil }), "/query/segment_by", capacity.ErrEmpty},
		{"duplicate segment dim", nil, nil, mq(func(q *capacity.Query) { q.SegmentBy = []string{"g", "g"} }), "/query/segment_by/1", capacity.ErrDuplicate},
		{"empty filter set", nil, nil, mq(func(q *capacity.Query) { q.Filter = map[string][]string{"geography": {}} }), "/query/filter/geography", capacity.ErrEmpty},
		{"empty capability", nil, nil, mq(func(q *capacity.Query) { q.Capabilities = []string{""} }), "/query/capabilities/0", capacity.ErrEmpty},
		{"zero min coverage", nil, nil, mq(func(q *capacity.Query) { q.Thresholds.MinCoverage = d("0") }), "/query/thresholds/min_coverage", capacity.ErrNonPositive},
		{"max below min", nil, nil, mq(func(q *capacity.Query) { q.Thresholds.MaxCoverage = d("0.5") }), "/query/thresholds/max_coverage", capacity.ErrRange},
		{"negative max ppu", nil, nil, mq(func(q *capacity.Query) { q.Thresholds.MaxPartnersPerUnit = d("-1") }), "/query/thresholds/max_partners_per_unit", capacity.ErrNegative},
		{"duplicate partner", []capacity.Footprint{partner("p", "London", "1"), partner("p", "Zurich", "1")}, nil, ok, "/partners/1/id", capacity.ErrDuplicate},
		{"empty partner id", []capacity.Footprint{partner("", "London", "1")}, nil, ok, "/partners/0/id", capacity.ErrEmpty},
		{"negative capacity", []capacity.Footprint{partner("p", "London", "-1")}, nil, ok, "/partners/0/capacity", capacity.ErrNegative},
		{"zero demand", nil, []capacity.Demand{{Segment: geo("London"), Required: d("0")}}, ok, "/demand/0/required", capacity.ErrNonPositive},
		{"demand missing dim", nil, []capacity.Demand{{Segment: map[string]string{"industry": "x"}, Required: d("1")}}, ok, "/demand/0/segment", capacity.ErrInvalid},
		{"demand extra dim", nil, []capacity.Demand{{Segment: map[string]string{"geography": "London", "industry": "x"}, Required: d("1")}}, ok, "/demand/0/segment", capacity.ErrInvalid},
		{"duplicate demand", nil, []capacity.Demand{{Segment: geo("London"), Required: d("1")}, {Segment: geo("London"), Required: d("2")}}, ok, "/demand/1/segment", capacity.ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := capacity.Cover(tt.partners, tt.demand, tt.q)
			require.ErrorIs(t, err, tt.want)
			var ie *capacity.InputError
			require.True(t, errors.As(err, &ie))
			require.Equal(t, tt.field, ie.Path)
		})
	}
}

func TestStatusText(t *testing.T) {
	for _, s := range []capacity.Status{capacity.Under, capacity.Balanced, capacity.Over, capacity.NoDemand} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back capacity.Status
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, s, back)
	}
	require.Equal(t, "no-demand", capacity.NoDemand.String())
	_, err := capacity.StatusUnspecified.MarshalText()
	require.ErrorIs(t, err, capacity.ErrInvalid)
	_, err = capacity.Status(99).MarshalText()
	require.ErrorIs(t, err, capacity.ErrInvalid)
	require.Equal(t, "status(99)", capacity.Status(99).String())
	var s capacity.Status
	require.ErrorIs(t, s.UnmarshalText([]byte("Over")), capacity.ErrInvalid)
	require.ErrorIs(t, s.UnmarshalText([]byte("unspecified")), capacity.ErrInvalid)
}

// The result does not depend on the order of partners, demand rows or
// filter values.
func TestCoverOrderIndependent(t *testing.T) {
	base, err := capacity.Cover(seedPartners(), seedDemand(), seedQuery())
	require.NoError(t, err)
	rapid.Check(t, func(t *rapid.T) {
		ps := rapid.Permutation(seedPartners()).Draw(t, "partners")
		ds := rapid.Permutation(seedDemand()).Draw(t, "demand")
		q := seedQuery()
		q.Filter["geography"] = rapid.Permutation(q.Filter["geography"]).Draw(t, "filter")
		q.Capabilities = rapid.Permutation(q.Capabilities).Draw(t, "caps")
		got, err := capacity.Cover(ps, ds, q)
		if err != nil {
			t.Fatal(err)
		}
		if !base.Equal(got) {
			t.Fatalf("order changed the result (-want +got):\n%s", cmp.Diff(base, got))
		}
	})
}
