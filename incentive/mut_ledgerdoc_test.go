package incentive

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/partnerecon/partnerecon/internal/proptest"
	"github.com/partnerecon/partnerecon/strictjson"
)

// These tests kill mutants of ledgerdoc.go that the -short suite never
// ran (gremlins: NOT COVERED) or that survived it.

const mutLedgerDoc = `{"runs":["2025-09"],"entries":[{"kind":"settlement","run":"2025-09","window":"2025-Q3",
 "recipient":{"kind":"partner","id":"acme"},"component":"volume","amount":"900.00","target":"900.00","measure":"90000.00"}]}`

// Ledger.UnmarshalJSON is ParseLedger inside a host's own JSON: a ledger
// decodes to the one ParseLedger returns, and a bad one is ParseLedger's
// error (a *strictjson.Error for an unknown member), the host value left
// as it was.
func TestMutLedgerUnmarshalJSON(t *testing.T) {
	want, err := ParseLedger([]byte(mutLedgerDoc))
	if err != nil {
		t.Fatal(err)
	}
	var host struct{ L Ledger }
	if err := json.Unmarshal([]byte(`{"L":`+mutLedgerDoc+`}`), &host); err != nil {
		t.Fatal(err)
	}
	if !host.L.Equal(want) || host.L.Head() != want.Head() || len(host.L.Entries()) != 1 {
		t.Errorf("decoded %v entries, head %q; want ParseLedger's (head %q)", len(host.L.Entries()), host.L.Head(), want.Head())
	}
	var bad struct{ L Ledger }
	err = json.Unmarshal([]byte(`{"L":{"runs":[],"entries":[],"extra":1}}`), &bad)
	var se *strictjson.Error
	if !errors.As(err, &se) {
		t.Errorf("unknown member: %v, want a *strictjson.Error", err)
	}
	if len(bad.L.Runs()) != 0 || bad.L.Head() != (Ledger{}).Head() {
		t.Errorf("a failed decode changed the ledger")
	}
}

// A format-1 ledger (no "format" member) of exactly MaxLedgerBytes is read
// as format 1; one byte more is too large. Each document is
// {"runs":[],"entries":[]} padded with spaces to its size. Not with
// -short or -race: it builds a 256 MiB document.
func TestMutLedgerV1AtSizeLimit(t *testing.T) {
	if testing.Short() || proptest.Race() {
		t.Skip("builds a 256 MiB document (not with -short or -race)")
	}
	const body = `{"runs":[],"entries":[]}`
	doc := make([]byte, MaxLedgerBytes+1)
	copy(doc, body[:len(body)-1])
	for i := len(body) - 1; i < len(doc); i++ {
		doc[i] = ' '
	}
	doc[MaxLedgerBytes-1] = '}'
	l, err := ParseLedger(doc[:MaxLedgerBytes])
	if err != nil || len(l.Runs()) != 0 {
		t.Errorf("exactly MaxLedgerBytes: %v", err)
	}
	doc[MaxLedgerBytes-1], doc[MaxLedgerBytes] = ' ', '}'
	var se *strictjson.Error
	if _, err := ParseLedger(doc); !errors.As(err, &se) {
		t.Errorf("one byte over: %v, want a *strictjson.Error", err)
	}
}
