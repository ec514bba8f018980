package main

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/examples/internal/golden"
)

var update = flag.Bool("update", false, "rewrite testdata/svg-structure.txt")

// TestSVGStructure draws the sample's charts and pins each SVG's
// structure — how many elements of each kind, and every text (titles,
// axis labels, tick labels, legend) — not its bytes, which depend on the
// font metrics and float formatting of the plotting library. A PNG is
// written next to each SVG and must be non-empty.
func TestSVGStructure(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run([]string{"-out", dir}, &out); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.svg"))
	sort.Strings(files)
	if len(files) != 8 {
		t.Fatalf("%d SVG files, want 8 (2 scenarios × 4 charts)", len(files))
	}
	var summary strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&summary, "== %s\n%s", filepath.Base(f), structure(t, data))
		png, err := os.Stat(strings.TrimSuffix(f, ".svg") + ".png")
		if err != nil || png.Size() < 1000 {
			t.Errorf("PNG next to %s: %v", f, err)
		}
	}
	golden.Check(t, filepath.Join("testdata", "svg-structure.txt"), []byte(summary.String()), *update)
}

// structure lists element counts by name and the texts in document order.
func structure(t *testing.T, data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(data))
	counts := map[string]int{}
	var texts []string
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			counts[e.Name.Local]++
			inText = e.Name.Local == "text"
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if s := strings.TrimSpace(string(e)); inText && s != "" {
				texts = append(texts, s)
			}
		}
	}
	var names []string
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s %d\n", n, counts[n])
	}
	fmt.Fprintf(&b, "texts: %s\n", strings.Join(texts, " | "))
	return b.String()
}
