package dealreg_test

import (
	"os"
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/internal/proptest"
)

func TestMain(m *testing.M) { proptest.Main(m) }

// t0 is the reference instant of the tests.
var t0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

func loadPolicy(t testing.TB) dealreg.Policy {
	t.Helper()
	b, err := os.ReadFile("testdata/policy.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := dealreg.ParsePolicy(b)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
