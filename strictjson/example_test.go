package strictjson_test

import (
	"errors"
	"fmt"

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
