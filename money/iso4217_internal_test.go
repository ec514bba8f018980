package money

import (
	"os"
	"strings"
	"testing"
)

// The package documentation and ParseCurrency's doc state the date of the
// generated table; regenerating it from newer lists must update them.
func TestISODateDocumented(t *testing.T) {
	for _, name := range []string{"doc.go", "currency.go"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.ReplaceAll(string(b), "\n// ", " "), "as of "+isoDate) {
			t.Errorf("%s does not say the ISO 4217 table is as of %s", name, isoDate)
		}
	}
}
