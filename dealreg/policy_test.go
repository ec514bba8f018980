package dealreg_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/strictjson"
)

func TestParsePolicyFixture(t *testing.T) {
	p := loadPolicy(t)
	// Figures straight from testdata/policy.json.
	require.Equal(t, 90*24*time.Hour, p.Window())
	require.Equal(t, 2, p.MaxExtensions())
	require.Equal(t, 30*24*time.Hour, p.ExtensionLength())
	require.True(t, p.MinDealSize().Equal(money.MustParse("10000 USD")))
	require.Equal(t, 48*time.Hour, p.ApprovalSLA())
	require.True(t, p.RegistrationDiscount().Equal(money.MustRate("15%")))
	prot, err := p.Protection()
	require.NoError(t, err)
	require.True(t, prot.MinAdvantage().Equal(money.MustRate("5%")))
	require.Equal(t, pricing.Additive, prot.Policy().Stacking())
	kind, rate, action := prot.Policy().Floor()
	require.Equal(t, pricing.FloorShareOfList, kind)
	require.True(t, rate.Equal(money.MustRate("30%")))
	require.Equal(t, pricing.FloorError, action)
	// M = 10000.00 · 5 % = 500 (exact).
	require.True(t, prot.MinAdvantageFor(money.MustParse("10000.00 USD")).Equal(money.MustParse("500 USD")))
	require.Equal(t, []dealreg.RouteClass{dealreg.NewPartner, dealreg.HighPerformer}, p.Leads().Order)
	// Requirements accumulate: SKUs only from commit.
	require.Equal(t, []dealreg.Field{dealreg.FieldCustomerName, dealreg.FieldCustomerCountry, dealreg.FieldProductLines},
		p.RequiredAt(dealreg.Prospecting))
	require.Equal(t, []dealreg.Field{dealreg.FieldCustomerName, dealreg.FieldCustomerCountry, dealreg.FieldProductLines, dealreg.FieldDealSize, dealreg.FieldExpectedClose},
		p.RequiredAt(dealreg.Negotiation))
	require.Equal(t, []dealreg.Field{dealreg.FieldCustomerName, dealreg.FieldCustomerCountry, dealreg.FieldContact, dealreg.FieldProductLines, dealreg.FieldDealSize, dealreg.FieldExpectedClose, dealreg.FieldSKUs},
		p.RequiredAt(dealreg.Commit))
}

func TestPolicyRoundTrip(t *testing.T) {
	p := loadPolicy(t)
	b, err := p.MarshalJSON()
	require.NoError(t, err)
	q, err := dealreg.ParsePolicy(b)
	require.NoError(t, err)
	if diff := cmp.Diff(p, q); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}
	b2, err := q.MarshalJSON()
	require.NoError(t, err)
	require.Equal(t, string(b), string(b2))
	// Encoded through strictjson when embedded in a larger document.
	b3, err := strictjson.Marshal(struct{ P dealreg.Policy }{p})
	require.NoError(t, err)
	require.Contains(t, string(b3), `"window":"90d"`)
}

func TestParsePolicyRejects(t *testing.T) {
	base, err := os.ReadFile("testdata/policy.json")
	require.NoError(t, err)
	doc := string(base)
	tests := []struct {
		name string
		doc  string
		want error
		path string
	}{
		{"null", `null`, strictjson.ErrNull, ""},
		{"null member", strings.Replace(doc, `"50%"`, `null`, 1), strictjson.ErrNull, "/secondary_share"},
		{"bare rate", strings.Replace(doc, `"50%"`, `"0.5"`, 1), strictjson.ErrRateUnit, "/secondary_share"},
		{"number for rate", strings.Replace(doc, `"registration_discount": "15%"`, `"registration_discount": 0.15`, 1), strictjson.ErrType, "/registration_discount"},
		{"number for amount", strings.Replace(doc, `"10000.00 USD"`, `10000`, 1), strictjson.ErrType, "/min_deal_size"},
		{"case-variant duplicate", strings.Replace(doc, `"window": "90d",`, `"window": "90d", "Window": "10d",`, 1), strictjson.ErrDuplicateKey, "/Window"},
		{"exact duplicate", strings.Replace(doc, `"window": "90d",`, `"window": "90d", "window": "10d",`, 1), strictjson.ErrDuplicateKey, ""},
		{"unknown field", strings.Replace(doc, `"window": "90d",`, `"windows": "90d",`, 1), strictjson.ErrUnknownField, "/windows"},
		{"bad enum", strings.Replace(doc, `"additive"`, `"Additive"`, 1), strictjson.ErrType, "/pricing/stacking"},
		{"bad duration", strings.Replace(doc, `"90d"`, `"ninety days"`, 1), strictjson.ErrType, "/window"},
		{"deep", strings.Repeat("[", 40) + strings.Repeat("]", 40), strictjson.ErrTooDeep, ""},
		{"huge", `{"tiers":["` + strings.Repeat("x", dealreg.MaxPolicyBytes) + `"]}`, strictjson.ErrTooLarge, ""},
		{"trailing", doc + "{}", strictjson.ErrSyntax, ""},
		{"negative window", strings.Replace(doc, `"90d"`, `"-5h"`, 1), dealreg.ErrInvalidField, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := dealreg.ParsePolicy([]byte(tt.doc))
			require.Error(t, err)
			if tt.want != nil {
				require.ErrorIs(t, err, tt.want)
			}
			if tt.path != "" {
				var se *strictjson.Error
				require.ErrorAs(t, err, &se)
				require.Equal(t, tt.path, se.Path)
			}
			require.True(t, hasPrefix(err), err.Error())
		})
	}
}

// NewPolicy must report every problem at once, each naming its JSON
// Pointer: a *FieldError, or for the protection rule's members a
// *pricing.PolicyError at the same pointer. The zero floor is no floor (no
// error), and the leads part is absent (not checked).
func TestNewPolicyReportsAll(t *testing.T) {
	_, err := dealreg.NewPolicy(dealreg.PolicySpec{
		Window:         -time.Hour,
		MaxExtensions:  99,
		Tiers:          []string{"gold", "gold"},
		Eligibility:    []dealreg.EligibilityRule{{ProductLine: "storage", MinTier: "diamond"}},
		Requirements:   []dealreg.FieldRequirement{{Stage: dealreg.Commit, Fields: []dealreg.Field{dealreg.FieldSKUs, dealreg.FieldSKUs}}},
		SecondaryShare: money.MustRate("1.5"),
		Pricing:        pricing.PolicySpec{Stacking: pricing.Priority, Priority: []pricing.DiscountKind{pricing.TierDiscount}},
	})
	require.ErrorIs(t, err, dealreg.ErrInvalidField)
	require.ErrorIs(t, err, pricing.ErrInvalid)
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		got = append(got, fieldPath(e))
	}
	want := []string{
		"/window", "/extensions/max", "/extensions/length", "/approval_sla", "/tiers/1",
		"/eligibility/0/min_tier", "/requirements/0/fields/1", "/conflict_rule", "/secondary_share",
		"/pricing/priority", "/pricing/rounding",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("fields (-want +got):\n%s", diff)
	}
}

// A member left out is reported, never read as zero: a policy without
// "registration_discount" must not silently grant none. Every missing
// member is listed at once, with what else is wrong.
func TestParsePolicyMissingMembers(t *testing.T) {
	base, err := os.ReadFile("testdata/policy.json")
	require.NoError(t, err)
	doc := string(base)
	for _, cut := range []string{
		`"registration_discount": "15%",`, `"exclude_direct_active": true,`, `"secondary_share": "50%",`,
		`"max_reassignments": 2`, `"rounding": "half-even"`, `"extensions": {"max": 2, "length": "30d"},`,
	} {
		require.Contains(t, doc, cut)
		doc = strings.Replace(doc, cut, "", 1)
	}
	doc = strings.Replace(doc, `"order": ["new-partner", "high-performer"],`, `"order": ["new-partner", "high-performer"]`, 1)
	doc = strings.Replace(doc, `"floor": {"kind": "share-of-list", "rate": "30%", "action": "error"},`, `"floor": {"kind": "share-of-list", "action": "error"}`, 1)
	doc = strings.Replace(doc, `"window": "90d"`, `"window": "0d"`, 1) // invalid as well as the missing ones
	_, err = dealreg.ParsePolicy([]byte(doc))
	var got []string
	for _, e := range flatten(err) {
		got = append(got, fieldPath(e)+" "+errName(e))
	}
	// Members dealreg finds absent first, then what validation finds:
	// the lifecycle's, then package pricing's.
	want := []string{
		"/extensions missing", "/secondary_share missing", "/exclude_direct_active missing",
		"/registration_discount missing", "/leads/max_reassignments missing", "/window invalid",
		"/pricing/floor/rate missing", "/pricing/rounding missing",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("errors (-want +got):\n%s", diff)
	}

	// The cap is required with capped-sum only.
	capped := strings.Replace(string(base), `"stacking": "additive"`, `"stacking": "capped-sum"`, 1)
	_, err = dealreg.ParsePolicy([]byte(capped))
	require.ErrorIs(t, err, pricing.ErrMissing)
	require.Equal(t, "/pricing/cap", fieldPath(err))
	require.EqualError(t, err, `pricing: /pricing/cap: missing required value: capped-sum needs a cap`)
	_, err = dealreg.ParsePolicy([]byte(strings.Replace(capped, `"stacking": "capped-sum"`, `"stacking": "capped-sum", "cap": "40%"`, 1)))
	require.NoError(t, err)
}

func errName(err error) string {
	switch {
	case errors.Is(err, dealreg.ErrMissingField), errors.Is(err, pricing.ErrMissing):
		return "missing"
	case errors.Is(err, dealreg.ErrInvalidField), errors.Is(err, pricing.ErrInvalid):
		return "invalid"
	default:
		return err.Error()
	}
}

// Product lines of eligibility rules are unique as they are matched:
// without case or surrounding space.
func TestValidateEligibilityLinesNormalised(t *testing.T) {
	s := loadPolicy(t).Spec()
	s.Eligibility = append(s.Eligibility, dealreg.EligibilityRule{ProductLine: " Storage"})
	_, err := dealreg.NewPolicy(s)
	var fe *dealreg.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "/eligibility/2/product_line", fe.Path)
}

func TestDurationText(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Duration
		out  string
	}{
		{"90d", 90 * 24 * time.Hour, "90d"},
		{"0d", 0, "0s"},
		{"36h", 36 * time.Hour, "36h0m0s"},
		{"48h", 48 * time.Hour, "2d"},
		{"1h30m", 90 * time.Minute, "1h30m0s"},
		{"-48h", -48 * time.Hour, "-48h0m0s"}, // negative: not "-2d", which would not parse back
		// The largest whole number of days in an int64 of nanoseconds:
		// ⌊(2⁶³ − 1) / 86 400 000 000 000⌋ = 106751.
		{"106751d", 106751 * 24 * time.Hour, "106751d"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			var d dealreg.Duration
			require.NoError(t, d.UnmarshalText([]byte(tt.in)))
			require.Equal(t, tt.want, time.Duration(d))
			b, err := d.MarshalText()
			require.NoError(t, err)
			require.Equal(t, tt.out, string(b))
		})
	}
	// 106752 days and 999999 days overflow a time.Duration: they used to
	// wrap around to a garbage (even negative) window.
	for _, bad := range []string{"", "d", "-1d", "1.5d", "9999999d", "999999d", "106752d", "1e3d", "x", strings.Repeat("9", 40) + "h"} {
		var d dealreg.Duration
		require.ErrorIs(t, d.UnmarshalText([]byte(bad)), dealreg.ErrInvalidField, bad)
	}
}

// hasPrefix reports whether err's message starts with the prefix of a
// package of the module that ParsePolicy reports through: dealreg,
// strictjson (decoding) or pricing (the protection rule's members).
func hasPrefix(err error) bool {
	for _, p := range []string{"dealreg: ", "strictjson: ", "pricing: "} {
		if strings.HasPrefix(err.Error(), p) {
			return true
		}
	}
	return false
}

func FuzzParsePolicy(f *testing.F) {
	base, err := os.ReadFile("testdata/policy.json")
	if err != nil {
		f.Fatal(err)
	}
	doc := string(base)
	for _, s := range []string{
		doc, `null`, `{}`, `[]`, `0`, `""`,
		strings.Replace(doc, `"0.15"`, `0.15`, 1),
		strings.Replace(doc, `"0.15"`, `"1e2"`, 1),
		strings.Replace(doc, `"10000.00 USD"`, `10000.00`, 1),
		strings.Replace(doc, `"10000.00 USD"`, `"10000.00 XXX"`, 1),
		strings.Replace(doc, `"window"`, `"WINDOW"`, 1),
		strings.Replace(doc, `"window": "90d",`, `"window": "90d", "wInDoW": "1d",`, 1),
		strings.Replace(doc, `"90d"`, `"`+strings.Repeat("9", 5000)+`d"`, 1),
		strings.Replace(doc, `"registered"`, `"`+strings.Repeat("r", 70000)+`"`, 1),
		strings.Repeat(`{"a":`, 100) + strings.Repeat(`}`, 100),
		strings.Repeat(`[`, 10000),
		strings.Replace(doc, `"max": 2`, `"max": 1e400`, 1),
		strings.Replace(doc, `"max": 2`, `"max": -9223372036854775809`, 1),
		"{\"window\":\"90d\xff\"}",
		strings.Replace(doc, `"order": ["new-partner", "high-performer"]`, `"order": ["new-partner", "new-partner"]`, 1),
		strings.Replace(doc, `"registration_discount": "15%",`, ``, 1),
		strings.Replace(doc, `"floor": {"kind": "share-of-list", "rate": "30%", "action": "error"},`, `"floor": {"kind": "margin", "action": "clamp"},`, 1),
		strings.Replace(doc, `"90d"`, `"106752d"`, 1),
		strings.Replace(doc, `"leads": {`, `"leads": {"order": [], "x": 1,`, 1),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := dealreg.ParsePolicy(data)
		if err != nil {
			if !hasPrefix(err) {
				t.Fatalf("error without package prefix: %v", err)
			}
			return
		}
		// Anything accepted is valid, compiles again from its spec, and
		// round-trips.
		p2, err := dealreg.NewPolicy(p.Spec())
		require.NoError(t, err)
		require.True(t, p.Equal(p2))
		b, err := p.MarshalJSON()
		require.NoError(t, err)
		q, err := dealreg.ParsePolicy(b)
		require.NoError(t, err)
		require.True(t, p.Equal(q))
	})
}

// A zero rate or amount is a value, not an absence: it must survive
// MarshalJSON (omitzero on a pointer would call its IsZero and drop it,
// turning "no registration discount" into "registration discount unset").
func TestPolicyRoundTripKeepsZeroValues(t *testing.T) {
	base, err := os.ReadFile("testdata/policy.json")
	require.NoError(t, err)
	doc := strings.NewReplacer(`"registration_discount": "15%"`, `"registration_discount": "0"`,
		`"min_advantage": "5%"`, `"min_advantage": "0"`).Replace(string(base))
	p, err := dealreg.ParsePolicy([]byte(doc))
	require.NoError(t, err)
	b, err := p.MarshalJSON()
	require.NoError(t, err)
	for _, member := range []string{`"registration_discount":"0`, `"min_advantage":"0`} {
		require.Contains(t, string(b), member)
	}
	q, err := dealreg.ParsePolicy(b)
	require.NoError(t, err)
	require.Equal(t, string(b), string(mustMarshal(t, q)))
}

func mustMarshal(t *testing.T, p dealreg.Policy) []byte {
	t.Helper()
	b, err := p.MarshalJSON()
	require.NoError(t, err)
	return b
}
