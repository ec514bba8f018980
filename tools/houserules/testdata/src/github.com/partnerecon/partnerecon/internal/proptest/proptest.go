// Package proptest is test support, not library code.
package proptest

import "math/rand"

var seed = rand.Int63()

func Ratio() float64 { return float64(seed) / 3 }
