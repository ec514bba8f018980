package incentive

import (
	"encoding/binary"
	"math/bits"
)

// Byte-parallel scans of 8 bytes at a time (SWAR), for the CSV reader's
// hot loop.
const (
	swarOnes = 0x0101010101010101
	swarLow7 = 0x7f7f7f7f7f7f7f7f
	swarHigh = 0x8080808080808080
)

// zeroBytes returns x with the high bit of each zero byte set and every
// other bit clear (exact: no borrow crosses bytes).
func zeroBytes(x uint64) uint64 { return ^((x&swarLow7 + swarLow7) | x | swarLow7) }

// printableASCII reports whether every byte of b is in [0x20, 0x7e].
func printableASCII(b []byte) bool {
	var bad uint64
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		// A byte is below 0x20 when its low 7 bits plus 0x60 stay below
		// 0x80; above 0x7f when its high bit is set.
		bad |= (x | ^(x&swarLow7 + 0x60*swarOnes)) & swarHigh
		bad |= zeroBytes(x ^ 0x7f*swarOnes)
		b = b[8:]
	}
	for _, c := range b {
		if c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return bad == 0
}

// splitFields appends to ends the index of each comma of l and then
// len(l); quoted is true (and ends unusable) if l has a quote.
func splitFields(l []byte, comma byte, ends []int) (_ []int, quoted bool) {
	cm, qm := uint64(comma)*swarOnes, uint64('"')*swarOnes
	i := 0
	for ; i+8 <= len(l); i += 8 {
		x := binary.LittleEndian.Uint64(l[i:])
		if zeroBytes(x^qm) != 0 {
			return ends, true
		}
		for m := zeroBytes(x ^ cm); m != 0; m &= m - 1 {
			ends = append(ends, i+bits.TrailingZeros64(m)/8)
		}
	}
	for ; i < len(l); i++ {
		switch l[i] {
		case comma:
			ends = append(ends, i)
		case '"':
			return ends, true
		}
	}
	return append(ends, len(l)), false
}
