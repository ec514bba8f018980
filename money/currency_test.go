package money_test

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/money"
)

// outcome is what a parse of a currency code gave, in comparable form.
type outcome struct {
	Digits    int32
	Withdrawn bool
	Err       error // the sentinel, or nil
}

func parseOutcome(c money.Currency, err error) outcome {
	if err != nil {
		for _, s := range []error{money.ErrSyntax, money.ErrUnknownCurrency, money.ErrWithdrawnCurrency, money.ErrNoMinorUnit, money.ErrRange} {
			if errors.Is(err, s) {
				return outcome{Err: s}
			}
		}
		return outcome{Err: err}
	}
	return outcome{Digits: c.Digits(), Withdrawn: c.IsWithdrawn()}
}

var errorsByIdentity = cmp.Comparer(func(a, b error) bool { return a == b })

// The minor units ISO 4217 list one gives (the column "Minor unit" of
// the SIX table); the first block is where CLDR (golang.org/x/text, used
// before) disagreed: IQD 3 not 0, IDR/COP/MGA/LAK/RSD/AFN/ALL 2 not 0,
// and MRU, VES, SLE, ZWG, UYW were unknown to it.
func TestISO4217Sample(t *testing.T) {
	want := map[string]outcome{
		"IQD": {Digits: 3}, "IDR": {Digits: 2}, "COP": {Digits: 2}, "MGA": {Digits: 2}, "LAK": {Digits: 2},
		"RSD": {Digits: 2}, "AFN": {Digits: 2}, "ALL": {Digits: 2},
		"MRU": {Digits: 2}, "VES": {Digits: 2}, "SLE": {Digits: 2}, "ZWG": {Digits: 2}, "UYW": {Digits: 4},
		"USD": {Digits: 2}, "EUR": {Digits: 2}, "JPY": {Digits: 0}, "BHD": {Digits: 3}, "KWD": {Digits: 3},
		"CLF": {Digits: 4}, "ISK": {Digits: 0}, "CHF": {Digits: 2}, "XCG": {Digits: 2},
		// Withdrawn: list three only.
		"DEM": {Err: money.ErrWithdrawnCurrency}, "ZWL": {Err: money.ErrWithdrawnCurrency},
		"BGN": {Err: money.ErrWithdrawnCurrency}, "HRK": {Err: money.ErrWithdrawnCurrency},
		"ANG": {Err: money.ErrWithdrawnCurrency}, "SLL": {Err: money.ErrWithdrawnCurrency},
		// In list one with minor unit "N.A.".
		"XAU": {Err: money.ErrNoMinorUnit}, "XDR": {Err: money.ErrNoMinorUnit},
		"XTS": {Err: money.ErrNoMinorUnit}, "XXX": {Err: money.ErrNoMinorUnit},
		// In neither list; malformed.
		"ABC": {Err: money.ErrUnknownCurrency}, "usd": {Err: money.ErrSyntax}, "US": {Err: money.ErrSyntax},
	}
	got := map[string]outcome{}
	for code := range want {
		c, err := money.ParseCurrency(code)
		got[code] = parseOutcome(c, err)
		if err != nil {
			var pe *money.ParseError
			if !errors.As(err, &pe) || pe.Func != "ParseCurrency" || pe.Input != code {
				t.Errorf("%s: %#v is not a *ParseError for ParseCurrency", code, err)
			}
		} else if c.Code() != code {
			t.Errorf("%s: code %s", code, c.Code())
		}
	}
	if d := cmp.Diff(want, got, errorsByIdentity); d != "" {
		t.Fatalf("ParseCurrency (-want +got):\n%s", d)
	}
}

func TestParseHistoricCurrency(t *testing.T) {
	tests := []struct {
		code   string
		digits int32
		want   outcome
	}{
		{"DEM", 2, outcome{Digits: 2, Withdrawn: true}},
		{"ZWL", 2, outcome{Digits: 2, Withdrawn: true}},
		{"BGN", 2, outcome{Digits: 2, Withdrawn: true}},
		{"ITL", 0, outcome{Digits: 0, Withdrawn: true}},
		{"DEM", 4, outcome{Digits: 4, Withdrawn: true}},
		{"DEM", 5, outcome{Err: money.ErrRange}},
		{"DEM", -1, outcome{Err: money.ErrRange}},
		// A current code: ISO's digits, and only those.
		{"USD", 2, outcome{Digits: 2}},
		{"IQD", 3, outcome{Digits: 3}},
		{"USD", 3, outcome{Err: money.ErrRange}},
		{"JPY", 2, outcome{Err: money.ErrRange}},
		// No minor unit stays rejected, whatever the caller says.
		{"XAU", 2, outcome{Err: money.ErrNoMinorUnit}},
		{"XTS", 0, outcome{Err: money.ErrNoMinorUnit}},
		{"ABC", 2, outcome{Err: money.ErrUnknownCurrency}},
		{"dem", 2, outcome{Err: money.ErrSyntax}},
	}
	for _, tt := range tests {
		c, err := money.ParseHistoricCurrency(tt.code, tt.digits)
		if d := cmp.Diff(tt.want, parseOutcome(c, err), errorsByIdentity); d != "" {
			t.Errorf("ParseHistoricCurrency(%q, %d) (-want +got):\n%s (%v)", tt.code, tt.digits, d, err)
		}
	}
	// A current code gives exactly ParseCurrency's currency.
	usd, err := money.ParseHistoricCurrency("USD", 2)
	if err != nil || usd != money.MustCurrency("USD") {
		t.Fatalf("ParseHistoricCurrency(USD, 2) = %v, %v", usd, err)
	}

	// A withdrawn currency computes and prints, but its text form is
	// refused: UnmarshalText would reject it.
	dem, err := money.ParseHistoricCurrency("DEM", 2)
	if err != nil {
		t.Fatal(err)
	}
	a := money.FromMinor(12345, dem) // 123.45 DEM
	sum, err := a.Add(money.FromMinor(5, dem))
	if err != nil || sum.String() != "123.50 DEM" {
		t.Fatalf("123.45 DEM + 0.05 DEM = %s, %v", sum, err)
	}
	for name, f := range map[string]func() error{
		"Currency.MarshalText": func() error { _, err := dem.MarshalText(); return err },
		"Amount.MarshalText":   func() error { _, err := a.MarshalText(); return err },
		"Amount.MarshalJSON":   func() error { _, err := json.Marshal(a); return err },
	} {
		if err := f(); !errors.Is(err, money.ErrWithdrawnCurrency) {
			t.Errorf("%s: %v, want ErrWithdrawnCurrency", name, err)
		}
	}
	if _, err := money.Parse("123.45 DEM"); !errors.Is(err, money.ErrWithdrawnCurrency) {
		t.Errorf("Parse(123.45 DEM): %v", err)
	}
	// Same code, different digits: different currencies.
	dem0, _ := money.ParseHistoricCurrency("DEM", 0)
	if _, err := money.FromMinor(1, dem0).Add(money.FromMinor(1, dem)); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("DEM(0) + DEM(2): %v", err)
	}
}

// The generated table says, for every one of the 26³ three-letter codes,
// what the checked-in data file says. The file is read here with
// encoding/csv, independently of the generator.
func TestISO4217TableMatchesData(t *testing.T) {
	f, err := os.Open("testdata/iso4217/codes-all.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"Entity", "Currency", "AlphabeticCode", "NumericCode", "MinorUnit", "WithdrawalDate"}, recs[0]); d != "" {
		t.Fatalf("header (-want +got):\n%s", d)
	}
	current := map[string]outcome{} // list one
	withdrawn := map[string]bool{}  // list three
	for _, r := range recs[1:] {
		code, minor, until := r[2], r[4], r[5]
		switch {
		case code == "":
		case until != "":
			withdrawn[code] = true
		case minor == "-":
			current[code] = outcome{Err: money.ErrNoMinorUnit}
		default:
			current[code] = outcome{Digits: int32(minor[0] - '0')}
		}
	}
	counts := map[string]int{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			for c := 'A'; c <= 'Z'; c++ {
				code := string([]rune{a, b, c})
				want, ok := current[code]
				historic := want // what ParseHistoricCurrency(code, 1) should give
				switch {
				case ok && want.Err == nil:
					counts["current"]++
					if want.Digits != 1 {
						historic = outcome{Err: money.ErrRange}
					}
				case ok:
					counts["no minor unit"]++
				case withdrawn[code]:
					counts["withdrawn"]++
					want = outcome{Err: money.ErrWithdrawnCurrency}
					historic = outcome{Digits: 1, Withdrawn: true}
				default:
					want = outcome{Err: money.ErrUnknownCurrency}
					historic = want
				}
				if d := cmp.Diff(want, parseOutcome(money.ParseCurrency(code)), errorsByIdentity); d != "" {
					t.Errorf("ParseCurrency(%s) (-data +table):\n%s", code, d)
				}
				if d := cmp.Diff(historic, parseOutcome(money.ParseHistoricCurrency(code, 1)), errorsByIdentity); d != "" {
					t.Errorf("ParseHistoricCurrency(%s, 1) (-data +table):\n%s", code, d)
				}
			}
		}
	}
	// The counts the generated file's header states.
	if d := cmp.Diff(map[string]int{"current": 165, "no minor unit": 13, "withdrawn": 129}, counts); d != "" {
		t.Errorf("counts (-want +got):\n%s", d)
	}
}

// Currency.UnmarshalText parses as ParseCurrency does and leaves its
// receiver unchanged on error; it is what decodes a currency member of a
// JSON document.
func TestCurrencyUnmarshalText(t *testing.T) {
	var c money.Currency
	if err := c.UnmarshalText([]byte("IQD")); err != nil || c != money.MustCurrency("IQD") || c.Digits() != 3 {
		t.Fatalf("IQD: %v %d %v", c, c.Digits(), err)
	}
	for in, want := range map[string]error{
		"DEM": money.ErrWithdrawnCurrency, "XAU": money.ErrNoMinorUnit, "ABC": money.ErrUnknownCurrency,
		"iqd": money.ErrSyntax, "": money.ErrSyntax, "IQD\x00": money.ErrSyntax,
	} {
		err := c.UnmarshalText([]byte(in))
		if !errors.Is(err, want) {
			t.Errorf("%q: %v, want %v", in, err, want)
		}
		if c != money.MustCurrency("IQD") {
			t.Errorf("%q: receiver changed to %v", in, c)
		}
	}
	var doc struct {
		Cur money.Currency `json:"cur"`
	}
	if err := json.Unmarshal([]byte(`{"cur":"JPY"}`), &doc); err != nil || doc.Cur.Code() != "JPY" {
		t.Fatalf("JSON: %v %v", doc.Cur, err)
	}
	if err := json.Unmarshal([]byte(`{"cur":"ZWL"}`), &doc); !errors.Is(err, money.ErrWithdrawnCurrency) {
		t.Fatalf("JSON ZWL: %v", err)
	}
	b, err := json.Marshal(doc)
	if err != nil || string(b) != `{"cur":"JPY"}` {
		t.Fatalf("marshal: %s %v", b, err)
	}
	if _, err := (money.Currency{}).MarshalText(); !errors.Is(err, money.ErrInvalidCurrency) {
		t.Fatalf("zero Currency: %v", err)
	}
}
