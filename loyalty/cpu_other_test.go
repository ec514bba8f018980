//go:build !unix

package loyalty_test

import "testing"

// loop runs f in b.Loop (CPU time is reported on Unix only).
func loop(b *testing.B, f func()) {
	for b.Loop() {
		f()
	}
}
