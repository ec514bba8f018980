package mdf

import (
	"slices"
	"strings"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// SegmentationSpec declares the thresholds that sort partners into
// marketing segments. Every member is required. The rules, in order:
//
//  1. one-to-many: revenue < OneToManyBelow (too small for individual
//     support);
//  2. core: marketing capability ≥ CoreCapability (needs little help);
//  3. growth: resource use ≥ GrowthResourceUse or MDF utilisation ≥
//     GrowthUtilisation (eager, uses the vendor's resources);
//  4. sales-only: every other partner (will not market without
//     continuous support).
type SegmentationSpec struct {
	OneToManyBelow    *money.Amount `json:"one_to_many_below"`
	CoreCapability    *money.Rate   `json:"core_capability"`
	GrowthResourceUse *money.Rate   `json:"growth_resource_use"`
	GrowthUtilisation *money.Rate   `json:"growth_utilisation"`
}

// Segmentation is a validated SegmentationSpec. The zero Segmentation is
// invalid.
type Segmentation struct {
	spec  SegmentationSpec
	valid bool
}

// NewSegmentation validates spec: every member present, rates in [0,
// 100%], the revenue threshold not negative. Errors are *InputErrors at
// "/one_to_many_below", "/core_capability", … joined.
func NewSegmentation(spec SegmentationSpec) (Segmentation, error) {
	var l errList
	if spec.OneToManyBelow == nil {
		l.add("/one_to_many_below", "", ErrMissing)
	} else if err := checkAmount(*spec.OneToManyBelow, money.Currency{}, false); err != nil {
		l.add("/one_to_many_below", spec.OneToManyBelow.String(), err)
	}
	checkUnit(&l, "/core_capability", spec.CoreCapability)
	checkUnit(&l, "/growth_resource_use", spec.GrowthResourceUse)
	checkUnit(&l, "/growth_utilisation", spec.GrowthUtilisation)
	if err := l.err(); err != nil {
		return Segmentation{}, err
	}
	s := spec
	s.OneToManyBelow, s.CoreCapability = clonePtr(s.OneToManyBelow), clonePtr(s.CoreCapability)
	s.GrowthResourceUse, s.GrowthUtilisation = clonePtr(s.GrowthResourceUse), clonePtr(s.GrowthUtilisation)
	return Segmentation{spec: s, valid: true}, nil
}

// ParseSegmentation decodes a segmentation document strictly and
// validates it as NewSegmentation does.
func ParseSegmentation(data []byte) (Segmentation, error) {
	var spec SegmentationSpec
	if err := decode(data, &spec); err != nil {
		return Segmentation{}, err
	}
	return NewSegmentation(spec)
}

// MustParseSegmentation is ParseSegmentation that panics on error, for
// literals in tests and examples.
func MustParseSegmentation(data string) Segmentation {
	s, err := ParseSegmentation([]byte(data))
	if err != nil {
		panic(err)
	}
	return s
}

// Spec returns a copy of the specification.
func (s Segmentation) Spec() SegmentationSpec {
	o := s.spec
	o.OneToManyBelow, o.CoreCapability = clonePtr(o.OneToManyBelow), clonePtr(o.CoreCapability)
	o.GrowthResourceUse, o.GrowthUtilisation = clonePtr(o.GrowthResourceUse), clonePtr(o.GrowthUtilisation)
	return o
}

// IsValid reports whether s was built by NewSegmentation or
// ParseSegmentation.
func (s Segmentation) IsValid() bool { return s.valid }

// Equal reports whether two segmentations have the same thresholds.
func (s Segmentation) Equal(o Segmentation) bool {
	return s.valid == o.valid && ptrEqual(s.spec.OneToManyBelow, o.spec.OneToManyBelow) &&
		ptrEqual(s.spec.CoreCapability, o.spec.CoreCapability) &&
		ptrEqual(s.spec.GrowthResourceUse, o.spec.GrowthResourceUse) &&
		ptrEqual(s.spec.GrowthUtilisation, o.spec.GrowthUtilisation)
}

func checkUnit(l *errList, path string, r *money.Rate) {
	switch {
	case r == nil:
		l.add(path, "", ErrMissing)
	case !r.Within(money.Rate{}, money.RateFromFraction(decimalOne())):
		l.add(path, r.FormatPercent(), wrap(ErrInvalid, "outside [0, 100%%]"))
	}
}

// Signals are what a partner's marketing segment is decided from:
// its revenue, its marketing capability (a score as a share, 0–100 %),
// its use of the vendor's marketing resources (a share) and its MDF
// utilisation (spent / allocated, see Returns.Utilisation).
type Signals struct {
	Partner     string       `json:"partner"`
	Revenue     money.Amount `json:"revenue"`
	Capability  money.Rate   `json:"capability"`
	ResourceUse money.Rate   `json:"resource_use"`
	Utilisation money.Rate   `json:"utilisation"`
}

// SignalTest is one comparison behind a classification: the signal, its
// value, the comparison and threshold, and whether it held.
type SignalTest struct {
	Signal    string `json:"signal"`
	Value     string `json:"value"`
	Op        string `json:"op"` // "<" or "≥"
	Threshold string `json:"threshold"`
	Holds     bool   `json:"holds"`
}

// Sentence returns "capability 70% ≥ 60%" or "resource use 10% ≥ 30%:
// no".
func (t SignalTest) Sentence() string {
	s := t.Signal + " " + t.Value + " " + t.Op + " " + t.Threshold
	if !t.Holds {
		s += ": no"
	}
	return s
}

// Classification is a partner's segment with the tests that decided it,
// in the order of the rules (see SegmentationSpec).
type Classification struct {
	Partner string       `json:"partner"`
	Segment Segment      `json:"segment"`
	Reasons []SignalTest `json:"reasons"`
}

// Classify assigns every partner its segment, sorted by partner ID.
// Errors: "/partners/i/partner" (missing, duplicate),
// "/partners/i/revenue" (missing, negative, another currency than the
// threshold), "/partners/i/capability" and the other rates outside [0,
// 100%].
func (s Segmentation) Classify(partners []Signals) ([]Classification, error) {
	if !s.valid {
		return nil, &InputError{Err: wrap(ErrInvalid, "the zero Segmentation (use NewSegmentation)")}
	}
	var l errList
	seen := map[string]bool{}
	unit := money.RateFromFraction(decimalOne())
	for i, p := range partners {
		at := field.At("partners", i)
		switch {
		case p.Partner == "":
			l.add(at+"/partner", "", ErrMissing)
		case seen[p.Partner]:
			l.add(at+"/partner", p.Partner, ErrDuplicate)
		}
		seen[p.Partner] = true
		if err := checkAmount(p.Revenue, s.spec.OneToManyBelow.Currency(), false); err != nil {
			l.add(at+"/revenue", amountText(p.Revenue), err)
		}
		for _, r := range []struct {
			name string
			v    money.Rate
		}{{"capability", p.Capability}, {"resource_use", p.ResourceUse}, {"utilisation", p.Utilisation}} {
			if !r.v.Within(money.Rate{}, unit) {
				l.add(at+"/"+r.name, r.v.FormatPercent(), wrap(ErrInvalid, "outside [0, 100%%]"))
			}
		}
	}
	if err := l.err(); err != nil {
		return nil, err
	}
	out := make([]Classification, len(partners))
	for i, p := range partners {
		out[i] = s.classify(p)
	}
	slices.SortFunc(out, func(a, b Classification) int { return strings.Compare(a.Partner, b.Partner) })
	return out, nil
}

func (s Segmentation) classify(p Signals) Classification {
	c := Classification{Partner: p.Partner}
	small := less(p.Revenue, *s.spec.OneToManyBelow)
	c.Reasons = append(c.Reasons, SignalTest{Signal: "revenue", Value: p.Revenue.String(), Op: "<",
		Threshold: s.spec.OneToManyBelow.String(), Holds: small})
	if small {
		c.Segment = OneToMany
		return c
	}
	core := p.Capability.Cmp(*s.spec.CoreCapability) >= 0
	c.Reasons = append(c.Reasons, rateTest("capability", p.Capability, *s.spec.CoreCapability, core))
	if core {
		c.Segment = Core
		return c
	}
	uses := p.ResourceUse.Cmp(*s.spec.GrowthResourceUse) >= 0
	spends := p.Utilisation.Cmp(*s.spec.GrowthUtilisation) >= 0
	c.Reasons = append(c.Reasons, rateTest("resource use", p.ResourceUse, *s.spec.GrowthResourceUse, uses),
		rateTest("utilisation", p.Utilisation, *s.spec.GrowthUtilisation, spends))
	c.Segment = SalesOnly
	if uses || spends {
		c.Segment = Growth
	}
	return c
}

func rateTest(signal string, v, threshold money.Rate, holds bool) SignalTest {
	return SignalTest{Signal: signal, Value: v.FormatPercent(), Op: "≥", Threshold: threshold.FormatPercent(), Holds: holds}
}
