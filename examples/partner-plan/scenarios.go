package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/partnerecon/partnerecon/examples/partner-plan/scenario"
)

// runScenarios works a scenario file (or the embedded sample), prints its
// tables side by side and, with csvDir, writes each as csvDir/NAME.csv.
func runScenarios(path, csvDir string, w io.Writer) error {
	data := scenario.Sample()
	if path != "sample" {
		fi, err := os.Stat(path)
		if err != nil {
			return err
		}
		if fi.Size() > scenario.MaxBytes {
			return fmt.Errorf("%s: %d bytes, more than %d", path, fi.Size(), scenario.MaxBytes)
		}
		if data, err = os.ReadFile(path); err != nil {
			return err
		}
	}
	f, err := scenario.Parse(data)
	if err != nil {
		return fmt.Errorf("scenario %s: %w", path, err)
	}
	rep, err := scenario.Build(f)
	if err != nil {
		return fmt.Errorf("scenario %s: %w", path, err)
	}
	for i, t := range rep.Tables {
		if i > 0 {
			fmt.Fprintln(w)
		}
		printTable(w, t)
	}
	if csvDir == "" {
		return nil
	}
	if err := os.MkdirAll(csvDir, 0o755); err != nil {
		return err
	}
	for _, t := range rep.Tables {
		if err := writeCSV(filepath.Join(csvDir, t.Name+".csv"), t); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\n%d tables written to %s as CSV\n", len(rep.Tables), csvDir)
	return nil
}

// printTable prints a table with its columns aligned: the first left, the
// others right.
func printTable(w io.Writer, t scenario.Table) {
	width := make([]int, len(t.Header))
	for _, r := range append([][]string{t.Header}, t.Rows...) {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	fmt.Fprintln(w, t.Title)
	for _, r := range append([][]string{t.Header}, t.Rows...) {
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if i == 0 {
				b.WriteString("  " + c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func writeCSV(path string, t scenario.Table) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(f)
	cw.Write(t.Header)
	cw.WriteAll(t.Rows)
	if err := cw.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
