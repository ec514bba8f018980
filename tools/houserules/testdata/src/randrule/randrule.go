package randrule

import (
	crand "crypto/rand"
	"math/rand"
	randv2 "math/rand/v2"
)

func Bad() int {
	rand.Seed(1)         // want `houserules: math/rand.Seed in library code`
	_ = randv2.IntN(3)   // want `houserules: math/rand/v2.IntN in library code`
	_ = crand.Reader     // want `houserules: crypto/rand.Reader in library code`
	return rand.Intn(10) // want `houserules: math/rand.Intn in library code`
}

// Good uses explicitly seeded generators.
func Good(seed int64) int {
	r := rand.New(rand.NewSource(seed))
	r2 := randv2.New(randv2.NewPCG(1, 2))
	return r.Intn(10) + r2.IntN(3)
}
