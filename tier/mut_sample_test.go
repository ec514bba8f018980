package tier_test

import (
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/tier"
)

// A bound written with more than MaxPlaces (18) places is in range when
// the extra places are zeros: "100." + 18 digits + "0" is 100.000…01 with
// 18 places (spec.go inRange: `−MaxPlaces−exp` → `MaxPlaces−exp` judged
// it too long); a nineteenth non-zero place is refused.
func TestBoundExtraZeroPlaces(t *testing.T) {
	doc := func(from string) string {
		return `{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"},{"from":"` + from + `","rate":"2%"}]}`
	}
	ok := "100." + strings.Repeat("0", 17) + "1" + "0" // 19 places, the last 0
	if _, err := tier.ParseSchedule([]byte(doc(ok))); err != nil {
		t.Errorf("%s: %v", ok, err)
	}
	bad := "100." + strings.Repeat("0", 18) + "1" // 19 places
	if _, err := tier.ParseSchedule([]byte(doc(bad))); err == nil {
		t.Errorf("%s accepted", bad)
	}
}
