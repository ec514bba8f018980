package fixed_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/internal/proptest"
)

func TestMain(m *testing.M) { proptest.Main(m) }
