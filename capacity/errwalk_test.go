package capacity_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// validatorCases lists a failing call for every validator and decoder
// path of the package, with the JSON Pointer it must report (by reading
// the code paths of New, ParseModel, the evaluation functions and every
// check they make).
func validatorCases(t testing.TB) []errCase {
	spec := func(f func(*capacity.ModelSpec)) func() error {
		return func() error {
			s := seedSpec()
			f(&s)
			_, err := capacity.New(s)
			return err
		}
	}
	parse := func(doc string) func() error {
		return func() error { _, err := capacity.ParseModel([]byte(doc)); return err }
	}
	const okDoc = `"service_ratio":"1","hourly_rate":"200 USD","billable_hours":"1000","consultants_per_partner":"5"`
	noFunnel := seedSpec()
	noFunnel.Funnel = capacity.Funnel{}
	c := mustConc(t, ten())
	cover := func(ps []capacity.Footprint, ds []capacity.Demand, f func(*capacity.Query)) func() error {
		return func() error {
			q := seedQuery()
			if f != nil {
				f(&q)
			}
			_, err := capacity.Cover(ps, ds, q)
			return err
		}
	}
	develop := func(fd func(*capacity.Develop), fr func(*capacity.Recruit), horizon int) func() error {
		return func() error {
			d, r := baseDevelop(), baseRecruit()
			if fd != nil {
				fd(&d)
			}
			if fr != nil {
				fr(&r)
			}
			_, err := capacity.RecruitOrDevelop(c, d, r, horizon)
			return err
		}
	}
	goal := func(f func(*capacity.RecruitGoal)) func() error {
		return func() error {
			g := capacity.RecruitGoal{Target: d("1"), At: 3, Earliest: 0, ProductiveShare: rate("1")}
			f(&g)
			_, err := capacity.PlanRecruiting(quarterly(), g)
			return err
		}
	}
	geo := map[string]string{"geography": "London"}
	return []errCase{
		// New
		{"service ratio", spec(func(s *capacity.ModelSpec) { s.ServiceRatio = d("0") }), "/service_ratio", capacity.ErrNonPositive},
		{"hourly rate", spec(func(s *capacity.ModelSpec) { s.HourlyRate = money.Amount{} }), "/hourly_rate", capacity.ErrInvalid},
		{"hours", spec(func(s *capacity.ModelSpec) { s.BillableHours = d("-1") }), "/billable_hours", capacity.ErrNonPositive},
		{"per partner", spec(func(s *capacity.ModelSpec) { s.ConsultantsPerPartner = d("0") }), "/consultants_per_partner", capacity.ErrNonPositive},
		{"stage name", spec(func(s *capacity.ModelSpec) { s.Funnel = capacity.Stages(capacity.FunnelStage{Rate: rate("1")}) }), "/funnel/stages/0/name", capacity.ErrEmpty},
		{"stage rate", spec(func(s *capacity.ModelSpec) { s.Funnel = capacity.Share(rate("2")) }), "/funnel/stages/0/rate", capacity.ErrShareRange},
		{"funnel alone", func() error { return capacity.Funnel{}.Validate() }, "", capacity.ErrEmpty},
		{"more than 16 problems", func() error {
			st := make([]capacity.FunnelStage, 20)
			_, err := capacity.New(capacity.ModelSpec{HourlyRate: amt("1 USD"), ServiceRatio: d("1"), BillableHours: d("1"),
				ConsultantsPerPartner: d("1"), Funnel: capacity.Stages(st...)})
			return err
		}, "/funnel/stages/0/name", capacity.ErrEmpty},
		// ParseModel: every strictjson failure, and a valid document with an invalid field
		{"syntax", parse(`{`), "", strictjson.ErrSyntax},
		{"unknown member", parse(`{` + okDoc + `,"funnnel":{}}`), "/funnnel", strictjson.ErrUnknownField},
		{"duplicate member", parse(`{` + okDoc + `,"service_ratio":"2"}`), "/service_ratio", strictjson.ErrDuplicateKey},
		{"null", parse(`{` + okDoc + `,"funnel":null}`), "/funnel", strictjson.ErrNull},
		{"number", parse(`{"service_ratio":1}`), "/service_ratio", strictjson.ErrNumber},
		{"bad amount", parse(`{"hourly_rate":"200 dollars"}`), "/hourly_rate", strictjson.ErrType},
		{"bad rate", parse(`{` + okDoc + `,"funnel":{"stages":[{"name":"a","rate":"lots"}]}}`), "/funnel/stages/0/rate", strictjson.ErrType},
		{"too deep", parse(`{"funnel":{"stages":[{"name":[[]]}]}}`), "/funnel/stages/0/name", strictjson.ErrTooDeep},
		{"too large", parse(`{"x":"` + strings.Repeat("a", capacity.MaxModelBytes) + `"}`), "", strictjson.ErrTooLarge},
		{"parsed but invalid", parse(`{` + strings.Replace(okDoc, `"5"`, `"0"`, 1) + `}`), "/consultants_per_partner", capacity.ErrNonPositive},
		{"unmarshal", func() error { var m capacity.Model; return m.UnmarshalJSON([]byte(`[]`)) }, "", strictjson.ErrType},
		{"marshal zero model", func() error { _, err := capacity.Model{}.MarshalJSON(); return err }, "", capacity.ErrEmpty},
		// Evaluation
		{"zero model", func() error { _, err := capacity.Required(capacity.Model{}, amt("1 USD")); return err }, "", capacity.ErrEmpty},
		{"target", func() error { _, err := capacity.Required(seedModel(), amt("-1 USD")); return err }, "/target", capacity.ErrNegative},
		{"required without funnel", func() error { _, err := capacity.Required(model(noFunnel), amt("1 USD")); return err }, "/funnel", capacity.ErrEmpty},
		{"active partners", func() error { _, err := capacity.SupportedByPartners(seedModel(), -1); return err }, "/active_partners", capacity.ErrNegative},
		{"recruits", func() error { _, err := capacity.SupportedByRecruits(seedModel(), -1); return err }, "/recruits", capacity.ErrNegative},
		{"recruits without funnel", func() error { _, err := capacity.SupportedByRecruits(model(noFunnel), 1); return err }, "/funnel", capacity.ErrEmpty},
		// Concentration
		{"no revenues", func() error { _, err := capacity.NewConcentration(nil); return err }, "/revenues", capacity.ErrEmpty},
		{"revenue id", func() error { _, err := capacity.NewConcentration(revenues("", "1 USD")); return err }, "/revenues/0/id", capacity.ErrEmpty},
		{"revenue currency", func() error { _, err := capacity.NewConcentration(revenues("a", "1 USD", "b", "1 EUR")); return err }, "/revenues/1/revenue", money.ErrCurrencyMismatch},
		{"zero total", func() error { _, err := capacity.NewConcentration(revenues("a", "0 USD")); return err }, "/revenues", capacity.ErrNonPositive},
		{"k", func() error { _, err := c.TopK(-1); return err }, "/k", capacity.ErrRange},
		{"p", func() error { _, err := c.TopShare(rate("0")); return err }, "/p", capacity.ErrShareRange},
		{"share", func() error { _, err := c.PartnersForShare(rate("2")); return err }, "/share", capacity.ErrShareRange},
		{"top", func() error { _, err := c.Next(rate("1"), rate("0.2")); return err }, "/top", capacity.ErrShareRange},
		{"next", func() error { _, err := c.Next(rate("0.2"), rate("0")); return err }, "/next", capacity.ErrShareRange},
		// Cover
		{"segment by", cover(nil, nil, func(q *capacity.Query) { q.SegmentBy = []string{""} }), "/query/segment_by/0", capacity.ErrEmpty},
		{"filter without a dimension", cover(nil, nil, func(q *capacity.Query) { q.Filter = map[string][]string{"": {"x"}} }), "/query/filter/", capacity.ErrEmpty},
		{"filter with a slash", cover(nil, nil, func(q *capacity.Query) { q.Filter = map[string][]string{"a/b~c": nil} }), "/query/filter/a~1b~0c", capacity.ErrEmpty},
		{"capability", cover(nil, nil, func(q *capacity.Query) { q.Capabilities = []string{""} }), "/query/capabilities/0", capacity.ErrEmpty},
		{"max coverage", cover(nil, nil, func(q *capacity.Query) { q.Thresholds.MaxCoverage = d("-1") }), "/query/thresholds/max_coverage", capacity.ErrNegative},
		{"partner id", cover([]capacity.Footprint{partner("", "London", "1")}, nil, nil), "/partners/0/id", capacity.ErrEmpty},
		{"demand segment", cover(nil, []capacity.Demand{{Segment: geo, Required: d("1")}, {Segment: geo, Required: d("1")}}, nil), "/demand/1/segment", capacity.ErrDuplicate},
		// Ramps and cohorts
		{"ramp step", func() error { _, err := capacity.NewRamp(rate("2"), rate("1")); return err }, "/0", capacity.ErrShareRange},
		{"ramp json", func() error { var r capacity.Ramp; return r.UnmarshalJSON([]byte(`["0%", 1]`)) }, "/1", strictjson.ErrNumber},
		{"ramp json invalid", func() error { var r capacity.Ramp; return r.UnmarshalJSON([]byte(`["0%"]`)) }, "/0", capacity.ErrShareRange},
		{"marshal zero ramp", func() error { _, err := capacity.Ramp{}.MarshalJSON(); return err }, "", capacity.ErrEmpty},
		{"zero ramp", func() error { _, err := capacity.EffectiveCapacity(capacity.Ramp{}, nil, 0, 0); return err }, "/ramp", capacity.ErrEmpty},
		{"cohort", func() error {
			_, err := capacity.EffectiveCapacity(quarterly(), []capacity.Cohort{{Count: -1}}, 0, 0)
			return err
		}, "/cohorts/0/count", capacity.ErrNegative},
		{"to", func() error { _, err := capacity.EffectiveCapacity(quarterly(), nil, 1, 0); return err }, "/to", capacity.ErrRange},
		{"goal target", goal(func(g *capacity.RecruitGoal) { g.Target = d("0") }), "/goal/target", capacity.ErrNonPositive},
		{"goal share", goal(func(g *capacity.RecruitGoal) { g.ProductiveShare = rate("0") }), "/goal/productive_share", capacity.ErrShareRange},
		{"goal existing", goal(func(g *capacity.RecruitGoal) { g.Existing = []capacity.Cohort{{Count: -1}} }), "/goal/existing/0/count", capacity.ErrNegative},
		{"goal at", goal(func(g *capacity.RecruitGoal) { g.Earliest = 3 }), "/goal/at", capacity.ErrUnreachable},
		{"goal zero ramp", func() error { _, err := capacity.PlanRecruiting(capacity.Ramp{}, capacity.RecruitGoal{}); return err }, "/ramp", capacity.ErrEmpty},
		// RecruitOrDevelop
		{"concentration", func() error {
			_, err := capacity.RecruitOrDevelop(capacity.Concentration{}, baseDevelop(), baseRecruit(), 1)
			return err
		}, "/concentration", capacity.ErrEmpty},
		{"horizon", develop(nil, nil, 0), "/horizon", capacity.ErrRange},
		{"develop target", develop(func(d *capacity.Develop) { d.Target = amt("1 USD") }, nil, 1), "/develop/target", capacity.ErrConflict},
		{"develop cost", develop(func(d *capacity.Develop) { d.CostPerPartner = amt("0 USD") }, nil, 1), "/develop/cost_per_partner", capacity.ErrNonPositive},
		{"recruit count", develop(nil, func(r *capacity.Recruit) { r.Count = 0 }, 1), "/recruit/count", capacity.ErrNonPositive},
		{"recruit cost", develop(nil, func(r *capacity.Recruit) { r.ActivationCost = amt("-1 USD") }, 1), "/recruit/activation_cost", capacity.ErrNegative},
		// Ratios
		{"den", func() error { _, err := capacity.NewRatio(d("1"), d("0")); return err }, "/den", capacity.ErrNonPositive},
	}
}

// TestErrorPaths walks every error case of the package (the validator and
// decoder cases above and the hostile inputs): each error must match its
// sentinel, errors.As must find a FieldPath() error whose path is the
// expected one, and every FieldPath() anywhere in the error tree must be
// a syntactically valid JSON Pointer.
func TestErrorPaths(t *testing.T) {
	cases := append(validatorCases(t), hostileCases(t)...)
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v does not match %v", err, tt.want)
			}
			var fp interface{ FieldPath() string }
			if !errors.As(err, &fp) {
				t.Fatalf("no FieldPath() in %T: %v", err, err)
			}
			if !hasPath(err, tt.field) {
				t.Errorf("no FieldPath() %q in %v", tt.field, err)
			}
			walkPaths(err, func(p string) {
				if !field.Valid(p) {
					t.Errorf("FieldPath() %q is not a JSON Pointer (in %v)", p, err)
				}
			})
		})
	}
}

// walkPaths calls f with the FieldPath of every error in err's tree.
func walkPaths(err error, f func(string)) {
	if err == nil {
		return
	}
	if fp, ok := err.(interface{ FieldPath() string }); ok {
		f(fp.FieldPath())
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		walkPaths(u.Unwrap(), f)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			walkPaths(e, f)
		}
	}
}

func hasPath(err error, want string) bool {
	found := false
	walkPaths(err, func(p string) { found = found || p == want })
	return found
}
