package attribution_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/proptest"
	"github.com/partnerecon/partnerecon/mdf/attribution"
	"github.com/partnerecon/partnerecon/money"
)

func TestMain(m *testing.M) { proptest.Main(m) }

var t0 = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// j builds a journey from "a>b>c", one touch a day starting at t0, and a
// value: "" for no conversion, "300.00" for 300.00 USD converting a day
// after the last touch, "1" (or anything) under conversions rules.
func j(path, value string) attribution.Journey {
	var js attribution.Journey
	for i, c := range strings.Split(path, ">") {
		js.Touches = append(js.Touches, attribution.Touch{Channel: c, At: t0.AddDate(0, 0, i)})
	}
	if value != "" {
		v := money.MustParse(value + " USD")
		js.Conversion = &attribution.ConversionEvent{At: t0.AddDate(0, 0, len(js.Touches)), Value: &v}
	}
	return js
}

func d(s string) decimal.Decimal { return money.MustDecimal(s) }

// credits returns the result's credits as "channel=value" with the
// result's places.
func credits(r attribution.Result) string {
	var b strings.Builder
	for i, c := range r.Credits {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c.Channel + "=" + money.FormatDecimal(c.Value, r.Places))
	}
	return b.String()
}

// tb is what the helpers need of *testing.T and *rapid.T.
type tb interface {
	Helper()
	Fatalf(string, ...any)
}

func rule(t tb, doc string) attribution.Rule {
	t.Helper()
	r, err := attribution.ParseRule([]byte(doc))
	if err != nil {
		t.Fatalf("ParseRule(%s): %v", doc, err)
	}
	return r
}

func attribute(t tb, r attribution.Rule, js []attribution.Journey) attribution.Result {
	t.Helper()
	res, err := r.Attribute(js)
	if err != nil {
		t.Fatalf("Attribute: %v", err)
	}
	return res
}
