package strictjson_test

import (
	"errors"
	"fmt"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

func ExampleUnmarshal() {
	type rebate struct {
		Rate money.Rate   `json:"rate"`
		Cap  money.Amount `json:"cap"`
	}
	var r rebate
	err := strictjson.Unmarshal([]byte(`{"rate":"2.5%","cap":"500.00 USD"}`), &r, strictjson.Limits{})
	fmt.Println(r.Rate, r.Cap, err)

	err = strictjson.Unmarshal([]byte(`{"rate":"2.5%","RATE":"9%"}`), &r, strictjson.Limits{})
	var se *strictjson.Error
	fmt.Println(errors.Is(err, strictjson.ErrDuplicateKey), errors.As(err, &se) && se.Path == "/RATE")
	// Output:
	// 2.5% 500.00 USD <nil>
	// true true
}

func ExampleMarshal() {
	type rebate struct {
		Rate money.Rate   `json:"rate"`
		Cap  money.Amount `json:"cap"`
	}
	b, err := strictjson.Marshal(rebate{Rate: money.MustRate("250bp"), Cap: money.MustParse("500 USD")})
	fmt.Println(string(b), err)
	// Output: {"rate":"0.025","cap":"500.00 USD"} <nil>
}

// Every rejection is an *Error with the JSON Pointer of the offending
// value; it matches its sentinel, and the money sentinel behind it.
func ExampleError() {
	type tier struct {
		From money.Amount `json:"from"`
	}
	var t struct {
		Tiers []tier `json:"tiers"`
	}
	err := strictjson.Unmarshal([]byte(`{"tiers":[{"from":"0 USD"},{"from":"1e3 USD"}]}`), &t, strictjson.Limits{})
	var se *strictjson.Error
	if errors.As(err, &se) {
		fmt.Println(se.Path, errors.Is(err, strictjson.ErrType), errors.Is(err, money.ErrSyntax))
	}
	err = strictjson.Unmarshal([]byte(`{"tiers":[{"from":1000}]}`), &t, strictjson.Limits{})
	fmt.Println(errors.Is(err, strictjson.ErrNumber))
	// Output:
	// /tiers/1/from true true
	// true
}

// Marshal refuses to write a document Unmarshal would reject.
func ExampleMarshal_null() {
	type doc struct {
		Note *string `json:"note"`
	}
	_, err := strictjson.Marshal(doc{})
	fmt.Println(err)
	// Output: strictjson: null is not allowed at "/note"
}

// A host maps any error of any partnerecon package to a form field
// through the FieldPath method, without knowing the package's error type.
func ExampleError_FieldPath() {
	var doc struct {
		Discounts []money.Rate `json:"discounts"`
	}
	err := strictjson.Unmarshal([]byte(`{"discounts":["5%","ten percent"]}`), &doc, strictjson.Limits{})
	var fp interface{ FieldPath() string }
	if errors.As(err, &fp) {
		fmt.Println(fp.FieldPath())
	}
	// Output: /discounts/1
}

// With RatesWithUnit a rate must say whether it is a percentage or basis
// points: a bare "1" would be the fraction 1, that is 100 %.
func ExampleRatesWithUnit() {
	type rebate struct {
		Rate money.Rate `json:"rate"`
	}
	var r rebate
	err := strictjson.Unmarshal([]byte(`{"rate":"1"}`), &r, strictjson.Limits{}, strictjson.RatesWithUnit())
	fmt.Println(err)
	fmt.Println(errors.Is(err, strictjson.ErrRateUnit))
	err = strictjson.Unmarshal([]byte(`{"rate":"0.025"}`), &r, strictjson.Limits{}, strictjson.RatesWithUnit())
	fmt.Println(err)
	b, _ := strictjson.Marshal(rebate{Rate: money.MustRate("250bp")}, strictjson.RatesWithUnit())
	fmt.Println(string(b))
	// Output:
	// strictjson: rate without a unit at "/rate": did you mean "1%"?
	// true
	// strictjson: rate without a unit at "/rate": did you mean "2.5%" (the fraction 0.025) or "0.025%"?
	// {"rate":"2.5%"}
}

// Members tells an absent member from one written as zero.
func ExampleMembers() {
	doc := []byte(`{"tiers":[{"from":"0","rate":"0"},{"from":"100"}]}`)
	has, err := strictjson.Members(doc, func(p string) bool { return true })
	fmt.Println(has["/tiers/0/rate"], has["/tiers/1/rate"], err)
	// Output: true false <nil>
}

// ExampleError_Reason shows the failure without its path, for a package
// that reports the path in a field error of its own.
func ExampleError_Reason() {
	var v struct {
		Places int `json:"places"`
	}
	err := strictjson.Unmarshal([]byte(`{"places":2,"places":3}`), &v, strictjson.Limits{})
	var se *strictjson.Error
	if errors.As(err, &se) {
		fmt.Printf("%s: %s\n", se.FieldPath(), se.Reason())
	}
	// Output:
	// /places: duplicate key: "places" is written twice
}

// payout's MarshalJSONTo writes its members into the document being
// encoded; Marshal encodes the whole document in one pass and checks it
// once.
type payout struct {
	Partner string
	Amount  decimal.Decimal
}

func (p payout) MarshalJSONTo(enc *jsontext.Encoder) error {
	type plain struct {
		Partner string          `json:"partner"`
		Amount  decimal.Decimal `json:"amount"`
	}
	return strictjson.MarshalEncode(enc, plain(p))
}

func ExampleMarshalEncode() {
	b, err := strictjson.Marshal([]payout{{"acme", decimal.New(15050, -2)}, {"bolt", decimal.New(7, 0)}})
	fmt.Println(string(b), err)
	// Output:
	// [{"partner":"acme","amount":"150.50"},{"partner":"bolt","amount":"7"}] <nil>
}

// entry writes its members itself, each decimal as Marshal writes one.
type entry struct {
	Account string
	Balance decimal.Decimal
}

func (e entry) MarshalJSONTo(enc *jsontext.Encoder) error {
	if err := enc.WriteToken(jsontext.BeginObject); err != nil {
		return err
	}
	if err := enc.WriteToken(jsontext.String("account")); err != nil {
		return err
	}
	if err := enc.WriteToken(jsontext.String(e.Account)); err != nil {
		return err
	}
	if err := enc.WriteToken(jsontext.String("balance")); err != nil {
		return err
	}
	if err := strictjson.EncodeDecimal(enc, e.Balance); err != nil {
		return err
	}
	return enc.WriteToken(jsontext.EndObject)
}

func ExampleEncodeDecimal() {
	b, err := strictjson.Marshal(entry{"4000", decimal.New(-125, -1)})
	fmt.Println(string(b), err)
	_, err = strictjson.Marshal(entry{"4000", decimal.New(1, 5000)}) // outside the operating range
	var se *strictjson.Error
	fmt.Println(errors.Is(err, money.ErrRange), errors.As(err, &se) && se.Path == "/balance")
	// Output:
	// {"account":"4000","balance":"-12.5"} <nil>
	// true true
}
