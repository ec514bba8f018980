package strictjson_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

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

func TestUnmarshalRejects(t *testing.T) {
	deep := strings.Repeat(`{"tags":`, 40) + `{}` + strings.Repeat(`}`, 40)
	tests := []struct {
		name string
		doc  string
		kind error
		path string
	}{
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
	}
	for _, tt := range tests {
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
		`{"cap":"` + strings.Repeat("9", 500) + ` USD"}`, `{"tags":{"a":"1","A":"2"}}`} {
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
