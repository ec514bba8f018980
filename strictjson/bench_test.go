package strictjson_test

import (
	"fmt"
	"testing"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

func benchPlan(n int) planDoc {
	p := planDoc{Name: "rebate", Cap: money.MustParse("500.00 USD"), Tags: map[string]string{"region": "emea", "tier": "gold"}, Count: n}
	for i := range n {
		p.Tiers = append(p.Tiers, tierDoc{From: money.MustDecimal(fmt.Sprint(i * 1000)), Rate: money.MustRate(fmt.Sprint(i%50, "bp"))})
	}
	return p
}

// BenchmarkMarshal includes the read-back check (null, case-variant keys)
// that Marshal runs on its own output.
func BenchmarkMarshal(b *testing.B) {
	for _, n := range []int{10, 1000} {
		p := benchPlan(n)
		b.Run(fmt.Sprintf("tiers=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := strictjson.Marshal(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkUnmarshal(b *testing.B) {
	for _, n := range []int{10, 1000} {
		doc, err := strictjson.Marshal(benchPlan(n))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("tiers=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var p planDoc
				if err := strictjson.Unmarshal(doc, &p, strictjson.Limits{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
