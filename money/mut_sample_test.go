package money

import (
	"errors"
	"strings"
	"testing"
)

// These tests kill mutants a sampled mutation run found alive.

// A rate whose longest text form is exactly MaxTextLen (80) bytes is
// read; one byte more is ErrRange. "0.000…01" with 77 zeros after the
// point is 80 bytes as a fraction (2 + 77 + 1) and 76 as basis points
// ("0." + 73 zeros + "1bp"), so the fraction form decides (rate.go
// checkText: `n > MaxTextLen` → `>=` refused 80).
func TestRateTextAtTheLimit(t *testing.T) {
	at := "0." + strings.Repeat("0", 77) + "1"
	if len(at) != MaxTextLen {
		t.Fatalf("test text is %d bytes", len(at))
	}
	r, err := ParseRate(at)
	if err != nil || r.FormatFraction() != at {
		t.Errorf("%d bytes: %v, %q", len(at), err, r.FormatFraction())
	}
	// A rate whose basis-point form is 81 bytes: its fraction form is
	// written 4 places further, "0.0000" + 74 digits… — build it as bp.
	over := "0." + strings.Repeat("0", 74) + "1bp" // 76 + 3 = 79 bytes as bp, 0.…(78 zeros)1 = 81 as a fraction
	if _, err := ParseRate(over); !errors.Is(err, ErrRange) {
		t.Errorf("81-byte fraction form: %v, want ErrRange", err)
	}
}

// A JSON string of up to MaxTextLen bytes of text reaches the parser
// (parse.go unquoteJSON: its length guard `> MaxTextLen+6` → `MaxTextLen-6`
// refused texts of 75 to 80 bytes before they were read).
func TestUnmarshalJSONTextAtTheLimit(t *testing.T) {
	text := "0.025" + strings.Repeat("0", MaxTextLen-5) // 80 bytes: 2.5 % with trailing zeros
	var r Rate
	if err := r.UnmarshalJSON([]byte(`"` + text + `"`)); err != nil || r.FormatPercent() != "2.5%" {
		t.Errorf("%d-byte text: %v, %s", len(text), err, r)
	}
}
