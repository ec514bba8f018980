package incentive

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

// basePlan is a valid one-component plan; mutate builds variants of it.
const basePlan = `{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,
 "components":[{"id":"c","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"},{"from":"100","rate":"2%"}]}COMP}]TOP}`

func mutate(comp, top string) string {
	return strings.NewReplacer("COMP", comp, "TOP", top).Replace(basePlan)
}

func tiersJSON(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"from":"%d","rate":"1%%"}`, i*10)
	}
	return b.String()
}

// planErrorPaths returns the JSON paths of every *PlanError in err.
func planErrorPaths(err error) []string {
	var out []string
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		var pe *PlanError
		if x, ok := e.(*PlanError); ok {
			out = append(out, x.Path)
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		if errors.As(e, &pe) {
			out = append(out, pe.Path)
		}
	}
	walk(err)
	return out
}

// planRejectCase is a plan document ParsePlan rejects, the sentinel the
// error matches and the JSON Pointer it names.
type planRejectCase struct {
	name string
	doc  string
	err  error  // sentinel
	path string // JSON Pointer named by the error
}

// parsePlanRejects lists the documents ParsePlan rejects: decoder errors
// and validation errors of every part of a plan.
func parsePlanRejects() []planRejectCase {
	comps := make([]string, 33)
	for i := range comps {
		comps[i] = fmt.Sprintf(`{"id":"c%d","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue","schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%%"}]}}`, i)
	}
	base := mutate("", "")
	return []planRejectCase{
		{"unknown field", mutate(`,"bogus":1`, ""), strictjson.ErrUnknownField, "/components/0/bogus"},
		{"case-variant key", strings.Replace(base, `"rate":"2%"`, `"rate":"2%","RATE":"0.03"`, 1), strictjson.ErrDuplicateKey, "/components/0/schedule/tiers/1/RATE"},
		{"duplicate key", mutate(`,"cap":"1","cap":"2"`, ""), strictjson.ErrDuplicateKey, "/components/0/cap"},
		{"number for money", mutate(`,"cap":500`, ""), strictjson.ErrNumber, "/components/0/cap"},
		{"number for decimal bound", strings.Replace(base, `"from":"100"`, `"from":100`, 1), strictjson.ErrNumber, "/components/0/schedule/tiers/1/from"},
		{"null", mutate(`,"cap":null`, ""), strictjson.ErrNull, "/components/0/cap"},
		{"oversize", mutate("", `,"name":"`+strings.Repeat("x", MaxPlanBytes)+`"`), strictjson.ErrTooLarge, ""},
		{"too deep", mutate(`,"eligibility":{"segments":[[[[[[[["x"]]]]]]]]}`, ""), strictjson.ErrTooDeep, "/components/0/eligibility/segments/0/0/0/0/0/0"},
		{"too many components", `{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[` + strings.Join(comps, ",") + `]}`, ErrTooMany, "/components"},
		{"too many tiers", strings.Replace(base, `{"from":"0","rate":"1%"},{"from":"100","rate":"2%"}`, tiersJSON(MaxTiers+1), 1), ErrTooMany, "/components/0/schedule/tiers"},
		{"unsorted tiers", strings.Replace(base, `"from":"100"`, `"from":"0"`, 1), tier.ErrDuplicate, "/components/0/schedule/tiers/1/from"},
		{"schedule error is ErrSchedule", strings.Replace(base, `"from":"100"`, `"from":"0"`, 1), ErrSchedule, "/components/0/schedule/tiers/1/from"},
		{"places beyond currency", strings.Replace(base, `"places":2`, `"places":3`, 1), ErrInvalid, "/places"},
		{"missing rounding", strings.Replace(base, `"rounding":"half-even",`, ``, 1), ErrEnum, "/rounding"},
		{"floor above cap", mutate(`,"floor":"10","cap":"5"`, ""), ErrInvalid, "/components/0/floor"},
		{"negative budget", mutate("", `,"budget":"-1"`), ErrInvalid, "/budget"},
		{"accelerator not first", mutate(`,"modifiers":[{"kind":"multiplier","metric":"csat","bands":[{"from":"0","factor":"1"}]},{"kind":"accelerator","factor":"2","quota":"5"}]`, ""), ErrInvalid, "/components/0/modifiers/1/kind"},
		{"bands not ascending", mutate(`,"modifiers":[{"kind":"multiplier","metric":"csat","bands":[{"from":"5","factor":"1"},{"from":"5","factor":"2"}]}]`, ""), ErrInvalid, "/components/0/modifiers/0/bands/1/from"},
		{"duplicate set entry", mutate(`,"eligibility":{"segments":["smb","smb"]}`, ""), ErrDuplicate, "/components/0/eligibility/segments/1"},
		{"unknown enum", strings.Replace(base, `"measure":"revenue"`, `"measure":"profit"`, 1), strictjson.ErrType, "/components/0/measure"},
		{"bad date", strings.Replace(base, `"2025-01-01"`, `"2025-02-30"`, 1), strictjson.ErrType, "/components/0/effective_from"},
		{"until before from", mutate(`,"effective_until":"2024-12-31"`, ""), ErrInvalid, "/components/0/effective_until"},
		{"no components", `{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[]}`, ErrInvalid, "/components"},
		{"trailing data", base + "{}", strictjson.ErrSyntax, ""},
	}
}

func TestParsePlanRejects(t *testing.T) {
	tests := parsePlanRejects()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePlan([]byte(tt.doc))
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			var se *strictjson.Error
			if errors.As(err, &se) {
				if se.Path != tt.path {
					t.Fatalf("path %q, want %q (%v)", se.Path, tt.path, err)
				}
				return
			}
			paths := planErrorPaths(err)
			for _, p := range paths {
				if p == tt.path {
					return
				}
			}
			t.Fatalf("paths %q do not include %q (%v)", paths, tt.path, err)
		})
	}
}

func TestPlanVersionsOverlap(t *testing.T) {
	v := func(ver, from, until string) string {
		u := ""
		if until != "" {
			u = `,"effective_until":"` + until + `"`
		}
		return `{"id":"c","version":"` + ver + `","effective_from":"` + from + `"` + u + `,"recipient":"partner","measure":"revenue","schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}}`
	}
	doc := func(a, b string) []byte {
		return []byte(`{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[` + a + "," + b + `]}`)
	}
	if _, err := ParsePlan(doc(v("1", "2025-01-01", "2025-07-01"), v("2", "2025-07-01", ""))); err != nil {
		t.Fatalf("adjacent versions rejected: %v", err)
	}
	if _, err := ParsePlan(doc(v("1", "2025-01-01", "2025-07-02"), v("2", "2025-07-01", ""))); !errors.Is(err, ErrInvalid) {
		t.Fatalf("overlapping versions: %v", err)
	}
	if _, err := ParsePlan(doc(v("1", "2025-01-01", "2025-07-01"), v("1", "2025-07-01", ""))); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("repeated version: %v", err)
	}
}

// The hash depends on content, not spelling: trailing zeros and set order
// do not change it; a rate does.
func TestPlanHashCanonical(t *testing.T) {
	a := MustParsePlan(mutate(`,"cap":"500","eligibility":{"segments":["smb","ent"]}`, ""))
	b := MustParsePlan(strings.Replace(mutate(`,"cap":"500.000","eligibility":{"segments":["ent","smb"]}`, ""), `"rate":"1%"`, `"rate":"1%"`, 1))
	c := MustParsePlan(strings.Replace(mutate(`,"cap":"500"`, ""), `"rate":"1%"`, `"rate":"1.1%"`, 1))
	if a.Hash() != b.Hash() {
		t.Fatalf("equal plans hash differently: %s vs %s", a.Hash(), b.Hash())
	}
	if a.Hash() == c.Hash() || len(a.Hash()) != 64 {
		t.Fatal("different plans hash the same")
	}
	// Round trip: the canonical encoding parses back to the same plan.
	enc, err := a.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(enc); hex.EncodeToString(sum[:]) != a.Hash() {
		t.Fatalf("Hash is not the SHA-256 of the canonical encoding")
	}
	back, err := ParsePlan(enc)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Equal(a) {
		t.Fatalf("round trip changed the hash")
	}
	if d := cmp.Diff(a.Spec().Components[0].Eligibility.Segments, []string{"ent", "smb"}); d != "" {
		t.Fatal(d)
	}
}

// A schedule with unit prices and flat fees (tier's "flat + per unit"):
// the plan hash ignores their spelling, and the trace prints the price as
// a price. By hand: 150 units reach tier 2, all-units: 150 × 8 + 100 =
// 1,300.00.
func TestUnitPriceAndFlatFee(t *testing.T) {
	doc := func(price, flat string) string {
		return `{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
		 {"id":"seats","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"units",
		  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[
		   {"from":"0","price":"10","flat":"50"},{"from":"100","price":"` + price + `","flat":"` + flat + `"}]}}]}`
	}
	p := MustParsePlan(doc("8", "100"))
	if q := MustParsePlan(doc("8.00", "100.0")); !p.Equal(q) {
		t.Fatal("the spelling of a price or flat fee changes the plan hash")
	}
	if q := MustParsePlan(doc("8", "101")); p.Equal(q) {
		t.Fatal("a different flat fee keeps the plan hash")
	}
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	seats := func(id string, n int64) Transaction {
		return Transaction{ID: id, Date: time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "acme",
			Amount: money.MustParse("900.00 USD"), Units: decimal.New(n, 0)}
	}
	r, err := Evaluate(p, q3, nil, slices.Values([]Transaction{seats("a", 90), seats("b", 60)}))
	if err != nil {
		t.Fatal(err)
	}
	l, ok := r.Line(Recipient{RecipientPartner, "acme"}, "seats")
	if !ok {
		t.Fatal("no line")
	}
	want := "8 per unit on 150 units sold in 2025-Q3 plus a flat 100.00 USD (all-units, tier 2 of 2: at least 100 units) = 1,300.00 USD; rounded half-even to 2 places: 1,300.00 USD." // 8 × 150 + 100
	if d := cmp.Diff(want, l.Trace().Sentence()); d != "" {
		t.Fatal(d)
	}
	if !l.Amount().Equal(decimal.New(1300, 0)) || !l.Trace().PerUnit {
		t.Fatalf("amount %s, per unit %v", l.Amount(), l.Trace().PerUnit)
	}
}
