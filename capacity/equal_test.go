package capacity_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

// variants returns copies of v that differ from it in exactly one place:
// each exported field changed in turn (recursively into structs and the
// first element of slices), and each slice one element longer. Decimals,
// amounts and rates change by one unit, ratios by one, integers and enums
// by one, strings by a suffix.
func variants(v reflect.Value) []reflect.Value {
	one := decimal.New(1, 0)
	set := func(x any) []reflect.Value {
		c := reflect.New(v.Type()).Elem()
		c.Set(reflect.ValueOf(x))
		return []reflect.Value{c}
	}
	switch x := v.Interface().(type) {
	case decimal.Decimal:
		return set(x.Add(one))
	case money.Amount:
		if !x.IsValid() {
			return set(amt("1 USD"))
		}
		return set(money.New(x.Decimal().Add(one), x.Currency()))
	case money.Rate:
		return set(money.RateFromFraction(x.Fraction().Add(one)))
	case capacity.Ratio:
		r, err := capacity.NewRatio(x.Num().Add(x.Den()), x.Den())
		if err != nil {
			panic(err)
		}
		return set(r)
	}
	var out []reflect.Value
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		c := reflect.New(v.Type()).Elem()
		c.SetInt(v.Int() + 1)
		out = append(out, c)
	case reflect.Uint8:
		c := reflect.New(v.Type()).Elem()
		c.SetUint(v.Uint() + 1)
		out = append(out, c)
	case reflect.String:
		c := reflect.New(v.Type()).Elem()
		c.SetString(v.String() + "x")
		out = append(out, c)
	case reflect.Slice:
		longer := reflect.Append(v, reflect.Zero(v.Type().Elem()))
		out = append(out, longer)
		if v.Len() > 0 {
			for _, e := range variants(v.Index(0)) {
				c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
				reflect.Copy(c, v)
				c.Index(0).Set(e)
				out = append(out, c)
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				panic(fmt.Sprintf("%s: unexported field %s", v.Type(), v.Type().Field(i).Name))
			}
			for _, f := range variants(v.Field(i)) {
				c := reflect.New(v.Type()).Elem()
				c.Set(v)
				c.Field(i).Set(f)
				out = append(out, c)
			}
		}
	default:
		panic(fmt.Sprintf("no variant for %s", v.Type()))
	}
	return out
}

// TestEqualSeesEveryField checks each hand-written Equal method of a type
// with exported fields: a value equals itself, and changing any one field
// (anywhere inside it) makes Equal false. The bases fill every slice so
// that its elements are changed too.
func TestEqualSeesEveryField(t *testing.T) {
	r := rat("1", "3")
	stage := capacity.StageCount{Name: "a", Rate: rate("0.5"), Cumulative: rate("0.5"), Expected: d("2")}
	seg := capacity.SegmentCoverage{Key: "g=L", Values: []capacity.DimValue{{Dimension: "g", Value: "L"}}, PartnerIDs: []string{"p"},
		Capacity: d("3"), Demand: d("4"), Ratio: r, PartnersPerUnit: r, Status: capacity.Under}
	opt := capacity.Option{Partners: 2, Productive: d("2"), Cost: amt("1 USD"), Revenue: amt("2 USD"), Net: amt("1 USD"), ReturnPerUnit: r}
	recOpt := capacity.RecruitOption{Start: 1, Tenure: 2, Productivity: rate("0.5"), Recruits: 3}
	bases := []any{
		capacity.FunnelStage{Name: "a", Rate: rate("0.5")},
		capacity.Stages(capacity.FunnelStage{Name: "a", Rate: rate("0.5")}),
		seedSpec(),
		stage,
		capacity.Sizing{Target: amt("1 USD"), ServicesRevenue: amt("1 USD"), RevenuePerConsultant: amt("1 USD"),
			Consultants: 1, ActivePartners: 1, ProductiveShare: rate("0.5"), Recruits: 2, Stages: []capacity.StageCount{stage}},
		capacity.Support{Recruits: 1, ActivePartners: 1, Consultants: 1, ServicesRevenue: amt("1 USD"), Revenue: amt("1 USD")},
		capacity.PartnerRevenue{ID: "a", Revenue: amt("1 USD")},
		capacity.Top{Partners: 1, PartnerShare: r, RevenueShare: r},
		capacity.LorenzPoint{Partners: r, Revenue: r},
		seg,
		capacity.Coverage{Segments: []capacity.SegmentCoverage{seg}, Total: seg},
		opt,
		capacity.Comparison{Horizon: 1, Develop: opt, Recruit: opt, Better: capacity.ChooseDevelop},
		capacity.PeriodCapacity{Period: 1, Started: 2, Effective: d("1.5")},
		recOpt,
		capacity.RecruitPlan{Existing: d("1"), Gap: d("2"), Options: []capacity.RecruitOption{recOpt}},
	}
	for _, b := range bases {
		v := reflect.ValueOf(b)
		t.Run(v.Type().Name(), func(t *testing.T) {
			eq := v.MethodByName("Equal")
			if !eq.Call([]reflect.Value{v})[0].Bool() {
				t.Fatalf("%+v does not equal itself", b)
			}
			vs := variants(v)
			if len(vs) < v.NumField() {
				t.Fatalf("only %d variants for %d fields", len(vs), v.NumField())
			}
			for _, w := range vs {
				if eq.Call([]reflect.Value{w})[0].Bool() {
					t.Errorf("Equal ignores a change:\n%+v\n%+v", b, w.Interface())
				}
			}
		})
	}
}

// TestEqualOpaque checks the Equal methods of the opaque types, whose
// fields are unexported: Model compares its spec (the other fields are
// derived from it), Ramp its steps, Concentration its currency and
// ranking (the sums it keeps are derived from the ranking), and Ratio its
// exact value, deliberately not its representation (2/4 equals 1/2).
func TestEqualOpaque(t *testing.T) {
	base := seedSpec()
	m := model(base)
	if !m.Equal(model(seedSpec())) {
		t.Fatal("model does not equal an identical one")
	}
	for _, w := range variants(reflect.ValueOf(base)) {
		other, err := capacity.New(w.Interface().(capacity.ModelSpec))
		if err != nil {
			continue // an invalid spec has no model to compare
		}
		if m.Equal(other) {
			t.Errorf("Model.Equal ignores a change: %+v", w.Interface())
		}
	}
	if m.Equal(capacity.Model{}) {
		t.Error("model equals the zero Model")
	}

	ramp := quarterly()
	for _, other := range []capacity.Ramp{
		capacity.MustRamp(rate("0"), rate("0.25"), rate("0.75")),
		capacity.MustRamp(rate("0"), rate("0.25"), rate("0.75"), rate("1"), rate("1")),
		capacity.MustRamp(rate("0.1"), rate("0.25"), rate("0.75"), rate("1")),
		{},
	} {
		if ramp.Equal(other) {
			t.Errorf("Ramp.Equal ignores a change: %v", other.Steps())
		}
	}
	if !ramp.Equal(quarterly()) {
		t.Error("ramp does not equal an identical one")
	}

	c := mustConc(t, revenues("a", "2 USD", "b", "1 USD"))
	if !c.Equal(mustConc(t, revenues("b", "1 USD", "a", "2.00 USD"))) {
		t.Error("concentration depends on input order or representation")
	}
	for _, other := range [][]capacity.PartnerRevenue{
		revenues("a", "2 USD", "c", "1 USD"),
		revenues("a", "2 USD", "b", "1.5 USD"),
		revenues("a", "2 EUR", "b", "1 EUR"),
		revenues("a", "2 USD", "b", "1 USD", "c", "1 USD"),
	} {
		if c.Equal(mustConc(t, other)) {
			t.Errorf("Concentration.Equal ignores a change: %v", other)
		}
	}

	if !rat("2", "4").Equal(rat("1", "2")) {
		t.Error("Ratio.Equal compares representation")
	}
	if rat("1", "2").Equal(rat("1", "3")) || rat("1", "2").Equal(rat("2", "2")) {
		t.Error("Ratio.Equal ignores a change of numerator or denominator")
	}
}
