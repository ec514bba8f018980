package main

import (
	"bytes"
	"flag"
	"path/filepath"
	"testing"

	"github.com/partnerecon/partnerecon/examples/internal/golden"
)

var update = flag.Bool("update", false, "rewrite testdata/tour.golden")

// TestTour runs the whole tour and compares its output with the golden
// file, which a reader can review as the expected report.
func TestTour(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "tour.golden"), buf.Bytes(), *update)
}
