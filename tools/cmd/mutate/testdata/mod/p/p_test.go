package p

import "testing"

// Clamp is tested away from its bounds: its boundary mutants live.
func TestClamp(t *testing.T) {
	if Clamp(5, 0, 10) != 5 || Clamp(-1, 0, 10) != 0 || Clamp(11, 0, 10) != 10 {
		t.Fatal("Clamp")
	}
}

func TestSum(t *testing.T) {
	if Sum([]int{1, 2, 3}) != 6 {
		t.Fatal("Sum")
	}
}

// Neg is tested with K = 1, where × K and ÷ K agree.
func TestNeg(t *testing.T) {
	if Neg(3) != -3 {
		t.Fatal("Neg")
	}
}

func TestLabel(t *testing.T) {
	if Label("a") != "a!" {
		t.Fatal("Label")
	}
}

// Kind is not tested at 0.
func TestKind(t *testing.T) {
	if Kind(1) != "positive" || Kind(-1) != "other" {
		t.Fatal("Kind")
	}
}

// Kind at 0 is asked only without -short: mutate's -short pass cannot see
// it, and its full pass must add it.
func TestKindZero(t *testing.T) {
	if testing.Short() {
		t.Skip("only without -short")
	}
	if Kind(0) != "other" {
		t.Fatal("Kind(0)")
	}
}
