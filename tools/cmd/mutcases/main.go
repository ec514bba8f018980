// Command mutcases runs the mutants that gremlins lists as NOT COVERED
// because they sit in a `case` condition of a tagless switch, or on a line
// holding a function literal: gremlins maps coverage to statement blocks,
// and a case condition is in none (and a line with a closure maps to the
// closure's block), so it never runs those mutants, although the suite
// executes the line. A mutant on such a line that the suite really never
// runs is reported LIVED: look at it.
//
// It reads gremlins' output on stdin, applies each such mutant to the
// package's file through `go test -overlay` (the working tree is never
// written), runs the package's tests and prints one line per mutant in
// gremlins' own format ("KILLED CONDITIONALS_BOUNDARY at f.go:12:9"), so
// .ci/mutation counts them with the rest. A mutant that does not compile
// (a duplicate case constant) is NOT VIABLE. Mutants gremlins left out for
// another reason (a line the suite never runs) are left alone.
//
//	mutcases -pkg ./money [-short] < gremlins.log
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

var entry = regexp.MustCompile(`^\s*NOT COVERED (\w+) at (\S+):(\d+):(\d+)\s*$`)

var tables = map[string]map[string]string{
	"CONDITIONALS_BOUNDARY": {">": ">=", "<": "<=", ">=": ">", "<=": "<"},
	"CONDITIONALS_NEGATION": {"==": "!=", "!=": "==", ">": "<=", "<": ">=", ">=": "<", "<=": ">"},
	"ARITHMETIC_BASE":       {"+": "-", "-": "+", "*": "/", "/": "*", "%": "*"},
	"INVERT_NEGATIVES":      {"-": ""},
	"INCREMENT_DECREMENT":   {"++": "--", "--": "++"},
}

func main() {
	pkg := flag.String("pkg", "", "package directory, e.g. ./money")
	short := flag.Bool("short", false, "run the -short suite")
	flag.Parse()
	if *pkg == "" {
		fmt.Fprintln(os.Stderr, "mutcases: -pkg required")
		os.Exit(2)
	}
	tmp, err := os.MkdirTemp("", "mutcases")
	if err != nil {
		fatal(err)
	}
	defer os.RemoveAll(tmp)
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		m := entry.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		mut, file := m[1], m[2]
		ln, _ := strconv.Atoi(m[3])
		col, _ := strconv.Atoi(m[4])
		path, err := filepath.Abs(filepath.Join(*pkg, file))
		if err != nil {
			fatal(err)
		}
		src, err := os.ReadFile(path)
		if err != nil {
			fatal(err)
		}
		lines := bytes.Split(src, []byte("\n"))
		if ln < 1 || ln > len(lines) {
			continue
		}
		line := string(lines[ln-1])
		if !strings.HasPrefix(strings.TrimSpace(line), "case ") && !strings.Contains(line, "func(") {
			continue // a line the suite does not run: gremlins is right
		}
		mutated, ok := apply(line, col-1, tables[mut])
		if !ok {
			fmt.Printf("SKIPPED %s at %s:%d:%d\n", mut, file, ln, col)
			continue
		}
		lines[ln-1] = []byte(mutated)
		dir := "./" + filepath.ToSlash(filepath.Dir(filepath.Join(*pkg, file))) // the file's own package
		status := run(tmp, dir, path, bytes.Join(lines, []byte("\n")), *short)
		fmt.Printf("%s %s at %s:%d:%d\n", status, mut, file, ln, col)
	}
	if err := sc.Err(); err != nil {
		fatal(err)
	}
}

// apply replaces the operator at byte offset i of line by its mutant.
func apply(line string, i int, table map[string]string) (string, bool) {
	if i < 0 || i >= len(line) {
		return "", false
	}
	for _, n := range []int{2, 1} {
		if i+n > len(line) {
			continue
		}
		if to, ok := table[line[i:i+n]]; ok {
			return line[:i] + to + line[i+n:], true
		}
	}
	return "", false
}

// run tests pkg with path replaced by src and reports KILLED, LIVED or
// NOT VIABLE (the mutant does not compile).
func run(tmp, pkg, path string, src []byte, short bool) string {
	mf := filepath.Join(tmp, "mutant.go")
	if err := os.WriteFile(mf, src, 0o600); err != nil {
		fatal(err)
	}
	ov, _ := json.Marshal(map[string]map[string]string{"Replace": {path: mf}})
	of := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(of, ov, 0o600); err != nil {
		fatal(err)
	}
	args := []string{"test", "-count=1", "-failfast", "-overlay", of}
	if short {
		args = append(args, "-short")
	}
	out, err := exec.Command("go", append(args, pkg)...).CombinedOutput()
	switch {
	case err == nil:
		return "LIVED"
	case bytes.Contains(out, []byte("[build failed]")) || bytes.Contains(out, []byte("[setup failed]")):
		return "NOT VIABLE"
	}
	return "KILLED"
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "mutcases:", err)
	os.Exit(1)
}
