package floatrule

import (
	"math"
	"strconv"
)

type Amount struct {
	Value float64 // want `houserules: float64 in library code \(money is never float\)`
}

type Rate float32 // want `houserules: float32 in library code`

func Scale(x int) int {
	return int(float64(x) * 1.1) // want `houserules: float64 in library code`
}

func Parse(s string) error {
	_, err := strconv.ParseFloat(s, 64) // want `houserules: float64 in library code`
	return err
}

func Root(n int) int {
	r := math.Sqrt(2) // want `houserules: float64 in library code`
	return n + int(r)
}

func Implicit() int {
	x := 1.5 // want `houserules: float64 in library code`
	return int(x)
}

func Sig(fn func() float64) {} // want `houserules: float64 in library code`

//lint:allow float statistics only, never money
func Mean(xs []int) float64 {
	return 0
}

func Median(xs []int) float64 { //lint:allow float statistics only, never money
	return 0
}

// Integer and constant arithmetic is fine.
const ratio = 1.5

func Minor(units int64) int64 { return units * 100 }

func Half(units int64) int64 { return int64(ratio*2) * units }
