package strictjson_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

type tierDoc struct {
	From decimal.Decimal `json:"from"`
	Rate money.Rate      `json:"rate"`
}

type planDoc struct {
	Name  string            `json:"name"`
	Cap   money.Amount      `json:"cap"`
	Tiers []tierDoc         `json:"tiers"`
	Tags  map[string]string `json:"tags,omitempty"`
	Count int               `json:"count,omitempty"`
}

const good = `{"name":"rebate","cap":"500.00 USD","tiers":[{"from":"0","rate":"2%"},{"from":"100000.00","rate":"0.035"}],"count":2}`

func TestUnmarshalGood(t *testing.T) {
	var p planDoc
	require.NoError(t, strictjson.Unmarshal([]byte(good), &p, strictjson.Limits{}))
	require.Equal(t, "rebate", p.Name)
	require.True(t, p.Cap.Equal(money.MustParse("500 USD")))
	require.True(t, p.Tiers[1].From.Equal(money.MustDecimal("100000")))
	require.True(t, p.Tiers[0].Rate.Equal(money.MustRate("0.02")))
	require.Equal(t, 2, p.Count)
}

type rejectCase struct {
	name string
	doc  string
	kind error
	path string
}

// rejectCases lists documents Unmarshal rejects, with the sentinel and
// the JSON Pointer of the offending value ("" where the test does not pin
// it).
func rejectCases() []rejectCase {
	deep := strings.Repeat(`{"tags":`, 40) + `{}` + strings.Repeat(`}`, 40)
	return []rejectCase{
		{"unknown field", `{"name":"x","bogus":1}`, strictjson.ErrUnknownField, "/bogus"},
		{"case variant alone", `{"NAME":"x"}`, strictjson.ErrUnknownField, "/NAME"},
		{"case-variant duplicate", `{"name":"x","NAME":"y"}`, strictjson.ErrDuplicateKey, "/NAME"},
		{"exact duplicate", `{"name":"x","name":"y"}`, strictjson.ErrDuplicateKey, "/name"},
		{"nested duplicate", `{"tiers":[{"from":"0","rate":"1%","RATE":"2%"}]}`, strictjson.ErrDuplicateKey, "/tiers/0/RATE"},
		{"null", `{"name":null}`, strictjson.ErrNull, "/name"},
		{"null in array", `{"tiers":[null]}`, strictjson.ErrNull, "/tiers/0"},
		{"number for decimal", `{"tiers":[{"from":0,"rate":"1%"}]}`, strictjson.ErrNumber, "/tiers/0/from"},
		{"number for amount", `{"cap":500}`, strictjson.ErrType, "/cap"},
		{"exponent decimal", `{"tiers":[{"from":"1e5","rate":"1%"}]}`, strictjson.ErrType, "/tiers/0/from"},
		{"unicode minus", `{"tiers":[{"from":"−5","rate":"1%"}]}`, strictjson.ErrType, "/tiers/0/from"},
		{"fullwidth digit", `{"tiers":[{"from":"５","rate":"1%"}]}`, strictjson.ErrType, "/tiers/0/from"},
		{"trailing data", good + `{}`, strictjson.ErrSyntax, ""},
		{"truncated", `{"name":"x"`, strictjson.ErrSyntax, ""},
		{"empty", ``, strictjson.ErrSyntax, ""},
		{"invalid utf8", "{\"name\":\"\xff\"}", strictjson.ErrSyntax, ""},
		{"too deep", deep, strictjson.ErrTooDeep, ""},
		{"wrong kind", `{"tiers":{}}`, strictjson.ErrType, "/tiers"},
		{"number for rate", `{"tiers":[{"from":"0","rate":0.02}]}`, strictjson.ErrNumber, "/tiers/0/rate"},
		{"number for amount is ErrNumber too", `{"cap":500}`, strictjson.ErrNumber, "/cap"},
		{"bool for decimal", `{"tiers":[{"from":true,"rate":"1%"}]}`, strictjson.ErrType, "/tiers/0/from"},
		{"malformed amount", `{"cap":"500 usd"}`, money.ErrSyntax, "/cap"},
		{"malformed rate", `{"tiers":[{"from":"0","rate":"2.5 %"}]}`, money.ErrSyntax, "/tiers/0/rate"},
		{"huge decimal", `{"tiers":[{"from":"` + strings.Repeat("9", 81) + `","rate":"1%"}]}`, money.ErrRange, "/tiers/0/from"},
		// Case folding is Unicode simple folding: the Kelvin sign K folds
		// with k, the long s ſ with s.
		{"kelvin sign duplicate", `{"tags":{"k":"1","K":"2"}}`, strictjson.ErrDuplicateKey, "/tags/K"},
		{"long s duplicate", `{"tags":{"ſize":"1","SIZE":"2"}}`, strictjson.ErrDuplicateKey, "/tags/SIZE"},
		{"escaped exact duplicate", `{"name":"x","na\u006de":"y"}`, strictjson.ErrDuplicateKey, "/name"},
		{"duplicate after many keys", `{"tags":{` + manyKeys(100) + `,"K7":"x"}}`, strictjson.ErrDuplicateKey, "/tags/K7"},
		{"null deep in array", `{"tiers":[{"from":"0","rate":"1%"},[null]]}`, strictjson.ErrNull, "/tiers/1/0"},
	}
}

func TestUnmarshalRejects(t *testing.T) {
	for _, tt := range rejectCases() {
		t.Run(tt.name, func(t *testing.T) {
			var p planDoc
			err := strictjson.Unmarshal([]byte(tt.doc), &p, strictjson.Limits{})
			require.Error(t, err)
			require.ErrorIs(t, err, tt.kind, "%v", err)
			var se *strictjson.Error
			require.True(t, errors.As(err, &se))
			if tt.path != "" {
				require.Equal(t, tt.path, se.Path, "%v", err)
			}
		})
	}
}

// manyKeys returns n distinct members "k0":"v", "k1":"v", … (more than
// the linear-scan limit of the duplicate check).
func manyKeys(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = `"k` + strconv.Itoa(i) + `":"v"`
	}
	return strings.Join(parts, ",")
}

func TestManyDistinctKeys(t *testing.T) {
	var p planDoc
	require.NoError(t, strictjson.Unmarshal([]byte(`{"tags":{`+manyKeys(100)+`}}`), &p, strictjson.Limits{}))
	require.Len(t, p.Tags, 100)
}

type marshalCase struct {
	name string
	v    any
	want error
	path string
}

// marshalRejectCases lists values Marshal refuses to write.
func marshalRejectCases() []marshalCase {
	type withPtr struct {
		P *string `json:"p"`
	}
	type withDec struct {
		D decimal.Decimal `json:"d"`
	}
	return []marshalCase{
		{"nil pointer is null", withPtr{}, strictjson.ErrNull, "/p"},
		{"case-variant map keys", map[string]int{"rate": 1, "RATE": 2}, strictjson.ErrDuplicateKey, "/rate"},
		{"decimal too long to read back", withDec{D: decimal.New(1, 80)}, money.ErrRange, "/d"},
		{"decimal outside the operating range", withDec{D: decimal.New(1, 1<<30)}, money.ErrRange, "/d"},
		{"zero amount", struct {
			A money.Amount `json:"a"`
		}{}, money.ErrInvalidCurrency, "/a"},
		{"amount too long", struct {
			A money.Amount `json:"a"`
		}{money.New(decimal.New(1, 80), money.MustCurrency("USD"))}, money.ErrRange, "/a"},
	}
}

// Marshal never writes what Unmarshal rejects.
func TestMarshalRejects(t *testing.T) {
	for _, tt := range marshalRejectCases() {
		t.Run(tt.name, func(t *testing.T) {
			_, err := strictjson.Marshal(tt.v)
			require.ErrorIs(t, err, tt.want, "%v", err)
			var se *strictjson.Error
			require.True(t, errors.As(err, &se), "%T %v", err, err)
			require.Equal(t, tt.path, se.Path, "%v", err)
		})
	}
}

// A decimal whose text is exactly money.MaxTextLen bytes long is written,
// and reads back; one byte more is refused (marshalRejectCases). Also
// negative, with places, and a minus sign counted in the length.
func TestMarshalDecimalAtTextLimit(t *testing.T) {
	type withDec struct {
		D decimal.Decimal `json:"d"`
	}
	for _, d := range []decimal.Decimal{decimal.New(1, 79), decimal.New(-1, 78), decimal.New(-1, -77),
		decimal.New(123456789, -70)} {
		b, err := strictjson.Marshal(withDec{D: d})
		require.NoError(t, err, "%s", d)
		var back withDec
		require.NoError(t, strictjson.Unmarshal(b, &back, strictjson.Limits{}))
		require.True(t, back.D.Equal(d), "%s read back as %s", d, back.D)
	}
	for _, d := range []decimal.Decimal{decimal.New(-1, 79), decimal.New(-1, -78)} {
		_, err := strictjson.Marshal(withDec{D: d})
		require.ErrorIs(t, err, money.ErrRange, "%s", d)
	}
}

// Bad destinations and limits are errors, not panics; negative limits
// take the defaults.
func TestUnmarshalDestinations(t *testing.T) {
	err := strictjson.Unmarshal([]byte(`{}`), nil, strictjson.Limits{})
	require.ErrorIs(t, err, strictjson.ErrType)
	var p planDoc
	err = strictjson.Unmarshal([]byte(`{}`), p, strictjson.Limits{})
	require.ErrorIs(t, err, strictjson.ErrType)
	require.NoError(t, strictjson.Unmarshal([]byte(good), &p, strictjson.Limits{MaxBytes: -1, MaxDepth: -1}))
	require.Equal(t, `strictjson: null is not allowed at "/name"`, strictjson.Unmarshal([]byte(`{"name":null}`), &p, strictjson.Limits{}).Error())
	require.Equal(t, `strictjson: invalid value at "/"`, (&strictjson.Error{Kind: strictjson.ErrType}).Error())
}

func TestTooLarge(t *testing.T) {
	doc := `{"name":"` + strings.Repeat("a", 2000) + `"}`
	var p planDoc
	err := strictjson.Unmarshal([]byte(doc), &p, strictjson.Limits{MaxBytes: 1000})
	require.ErrorIs(t, err, strictjson.ErrTooLarge)
}

func TestRoundTrip(t *testing.T) {
	var p planDoc
	require.NoError(t, strictjson.Unmarshal([]byte(good), &p, strictjson.Limits{}))
	b, err := strictjson.Marshal(p)
	require.NoError(t, err)
	require.Equal(t, `{"name":"rebate","cap":"500.00 USD","tiers":[{"from":"0","rate":"0.02"},{"from":"100000.00","rate":"0.035"}],"count":2}`, string(b))
	var q planDoc
	require.NoError(t, strictjson.Unmarshal(b, &q, strictjson.Limits{}))
	b2, err := strictjson.Marshal(q)
	require.NoError(t, err)
	require.Equal(t, string(b), string(b2))
}

func FuzzUnmarshal(f *testing.F) {
	for _, s := range []string{good, `{"name":null}`, `{"name":"a","NAME":"b"}`, `{"tiers":[{"from":1e400}]}`,
		`{"cap":"1e3 USD"}`, `[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`, `{"tiers":[{"from":"−1","rate":"-5%"}]}`,
		`{"cap":"` + strings.Repeat("9", 500) + ` USD"}`, `{"tags":{"a":"1","A":"2"}}`,
		// Hostile seeds: Unicode digits and minus, exponents in strings,
		// escapes, a BOM, deep arrays, huge strings, folding look-alikes.
		`{"tiers":[{"from":"١٢","rate":"٥%"}]}`, `{"tiers":[{"from":"\u22121","rate":"1%"}]}`,
		`{"tiers":[{"from":"1E5","rate":"1e-2"}]}`, `{"cap":"1.0e2 USD"}`, "\ufeff{}", "\xef\xbb\xbf{}",
		`{"tags":{"k":"1","\u212a":"2"}}`, `{"na\u006de":"x"}`, `{"count":1e400}`, `{"count":-0}`,
		`{"name":"` + strings.Repeat("\\u0000", 200) + `"}`, strings.Repeat("[", 200) + strings.Repeat("]", 200),
		`{"tiers":[{"from":"-0","rate":"-0bp"}]}`, `{"tiers":[{"from":"+1","rate":"+1%"}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p planDoc
		err := strictjson.Unmarshal(data, &p, strictjson.Limits{MaxBytes: 4096})
		if err != nil {
			var se *strictjson.Error
			if !errors.As(err, &se) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if !p.Cap.IsValid() {
			return // a missing amount is the domain validator's business
		}
		// Anything accepted re-encodes and decodes to the same encoding.
		b, err := strictjson.Marshal(p)
		if err != nil {
			t.Fatalf("marshal accepted value: %v", err)
		}
		var q planDoc
		if err := strictjson.Unmarshal(b, &q, strictjson.Limits{}); err != nil {
			t.Fatalf("re-decode %s: %v", b, err)
		}
		b2, _ := strictjson.Marshal(q)
		if string(b) != string(b2) {
			t.Fatalf("unstable: %s vs %s", b, b2)
		}
	})
}

// Every error of the package, from every decoder and encoder error path
// above plus the limits and destinations, is found by errors.As as a
// FieldPath error, and every FieldPath in its tree (through Unwrap() error
// and Unwrap() []error) is a valid JSON Pointer.
func TestErrorsHaveFieldPaths(t *testing.T) {
	errs := map[string]error{}
	for _, tt := range rejectCases() {
		var p planDoc
		errs["unmarshal/"+tt.name] = strictjson.Unmarshal([]byte(tt.doc), &p, strictjson.Limits{})
	}
	for _, tt := range marshalRejectCases() {
		_, errs["marshal/"+tt.name] = strictjson.Marshal(tt.v)
	}
	var p planDoc
	errs["too large"] = strictjson.Unmarshal([]byte(good), &p, strictjson.Limits{MaxBytes: 10})
	errs["nil destination"] = strictjson.Unmarshal([]byte(`{}`), nil, strictjson.Limits{})
	errs["non-pointer destination"] = strictjson.Unmarshal([]byte(`{}`), p, strictjson.Limits{})
	for name, err := range errs {
		var fp interface{ FieldPath() string }
		if !errors.As(err, &fp) {
			t.Errorf("%s: %v: no FieldPath error", name, err)
			continue
		}
		for _, path := range fieldPaths(err) {
			if !field.Valid(path) {
				t.Errorf("%s: FieldPath %q is not a JSON Pointer (%v)", name, path, err)
			}
		}
	}
}

// fieldPaths returns the FieldPath of every error in err's tree.
func fieldPaths(err error) []string {
	var out []string
	if fp, ok := err.(interface{ FieldPath() string }); ok {
		out = append(out, fp.FieldPath())
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if e := u.Unwrap(); e != nil {
			out = append(out, fieldPaths(e)...)
		}
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			out = append(out, fieldPaths(e)...)
		}
	}
	return out
}

// TestMaxElements: an array longer than Limits.MaxElements is strictjson.ErrTooLong
// at the array's pointer, found before decoding; at exactly the limit it
// decodes.
func TestMaxElements(t *testing.T) {
	var v struct {
		A []struct {
			B []int `json:"b"`
		} `json:"a"`
	}
	lim := strictjson.Limits{MaxElements: 3}
	if err := strictjson.Unmarshal([]byte(`{"a":[{"b":[1,2,3]},{"b":[]},{"b":[1]}]}`), &v, lim); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	err := strictjson.Unmarshal([]byte(`{"a":[{"b":[1,2,3]},{"b":[1,2,3,4]}]}`), &v, lim)
	var se *strictjson.Error
	if !errors.As(err, &se) || se.Kind != strictjson.ErrTooLong || se.Path != "/a/1/b" {
		t.Fatalf("err = %v, want strictjson.ErrTooLong at /a/1/b", err)
	}
	if err := strictjson.Unmarshal([]byte(`[[],[],[],[]]`), new([][]int), lim); !errors.Is(err, strictjson.ErrTooLong) || err.(*strictjson.Error).Path != "" {
		t.Fatalf("top-level: %v", err)
	}
}

// A repeated member is reported in the package's own words, with its line
// and column, never with the decoder's ("jsontext: duplicate object member
// name"), which it was before.
func TestDuplicateKeyWording(t *testing.T) {
	var v struct {
		A string `json:"a/b"`
	}
	err := strictjson.Unmarshal([]byte("{\"a/b\":\"1\",\n \"a/b\":\"2\"}"), &v, strictjson.Limits{})
	// line 2, column 2: the second member's name starts after one space.
	want := `strictjson: duplicate key at "/a~1b" (line 2, column 2): "a/b" is written twice`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	if !errors.Is(err, strictjson.ErrDuplicateKey) {
		t.Fatalf("%v does not match ErrDuplicateKey", err)
	}
}

// A duplicate's message names both members as they read, escapes
// undone, whichever of the two is escaped or outside ASCII, and in a
// large object (indexed) as in a small one.
func TestDuplicateNamesAsRead(t *testing.T) {
	for doc, want := range map[string]string{
		`{"name":"x","N\u0041ME":"y"}`:                   `strictjson: duplicate key at "/NAME": "name" and "NAME"`,
		`{"na\u006de":"x","NAME":"y"}`:                   `strictjson: duplicate key at "/NAME": "name" and "NAME"`,
		`{"tags":{"ſize":"1","SIZE":"2"}}`:               `strictjson: duplicate key at "/tags/SIZE": "ſize" and "SIZE"`,
		`{"tags":{` + manyKeys(100) + `,"K0":"x"}}`:      `strictjson: duplicate key at "/tags/K0": "k0" and "K0"`,
		`{"tags":{` + manyKeys(100) + `,"K\u0037":"x"}}`: `strictjson: duplicate key at "/tags/K7": "k7" and "K7"`,
		`{"Zé":"1","zé":"2"}`:                            `strictjson: duplicate key at "/zé": "Zé" and "zé"`,
		`{"a\u0041":"1","AA":"2"}`:                       `strictjson: duplicate key at "/AA": "aA" and "AA"`,
		`{"a\"b":"x","A\"B":"y"}`:                        `strictjson: duplicate key at "/A\"B": "a\"b" and "A\"B"`,
	} {
		var v map[string]any
		err := strictjson.Unmarshal([]byte(doc), &v, strictjson.Limits{})
		require.ErrorIs(t, err, strictjson.ErrDuplicateKey, doc)
		require.Equal(t, want, err.Error(), doc)
	}
}
