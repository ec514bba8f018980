// Command mutate is partnerecon's mutation tester. For each package it makes
// the mutants gremlins makes by default — CONDITIONALS_BOUNDARY (< ↔ <=,
// > ↔ >=), CONDITIONALS_NEGATION (== ↔ !=, < ↔ >=, > ↔ <=),
// ARITHMETIC_BASE (+ ↔ -, * ↔ /, % → *), INVERT_NEGATIVES (-x → x) and
// INCREMENT_DECREMENT (++ ↔ --) — in the package's own non-generated,
// non-test files, runs the tests that execute each mutant, and reports
// every mutant as KILLED, LIVED, TIMED OUT (counted as killed), NOT COVERED
// (no test runs its line) or NOT VIABLE (it does not compile).
//
// It compiles a package once, not once per mutant (mutant schemata): every
// mutation site is rewritten into a switch on a mutant number read from the
// environment, so one test binary holds every mutant and each mutant costs
// one run of that binary. A site the rewrite cannot express (a constant
// expression the compiler needs as a constant) falls back to its own
// compilation through `go test -overlay`. The working tree is never
// written. Each mutant runs only the tests that cover its line, found from
// one coverage profile per test; with -short, a mutant that survives their
// -short run meets them in full before it is reported LIVED.
//
//	mutate [-short] [-workers 2] [-equivalent F] [-threshold 95] [-files RE] ./money ./tier
//
// The efficacy is KILLED / (KILLED + LIVED), leaving out the LIVED mutants
// listed in the equivalent file ("<pkg>/<file>:<line>:<col> <MUTATOR>" at
// column 1, the reason indented below); a whole-package run prints the
// entries that match no live mutant as STALE EQUIVALENT. mutate exits 1 if
// any package is below the threshold, 2 on a usage or build error.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/packages"
)

// Mutator names, as gremlins prints them.
const (
	boundary  = "CONDITIONALS_BOUNDARY"
	negation  = "CONDITIONALS_NEGATION"
	arith     = "ARITHMETIC_BASE"
	invertNeg = "INVERT_NEGATIVES"
	incDec    = "INCREMENT_DECREMENT"
)

var (
	boundaryOf = map[token.Token]token.Token{token.LSS: token.LEQ, token.LEQ: token.LSS, token.GTR: token.GEQ, token.GEQ: token.GTR}
	negationOf = map[token.Token]token.Token{token.EQL: token.NEQ, token.NEQ: token.EQL, token.LSS: token.GEQ, token.GEQ: token.LSS, token.GTR: token.LEQ, token.LEQ: token.GTR}
	arithOf    = map[token.Token]token.Token{token.ADD: token.SUB, token.SUB: token.ADD, token.MUL: token.QUO, token.QUO: token.MUL, token.REM: token.MUL}
	arithFunc  = map[token.Token]string{token.ADD: "zzMutAdd", token.SUB: "zzMutSub", token.MUL: "zzMutMul", token.QUO: "zzMutQuo", token.REM: "zzMutRem"}
)

// A mutant is one change of one operator.
type mutant struct {
	id     int // 1-based; 0 is "no mutant"
	kind   string
	file   string // base name
	line   int
	col    int
	from   token.Token
	to     token.Token
	opOff  int // byte offset of the operator in the file
	site   *site
	status string
	tests  []string // the tests covering its line
	full   bool     // run them without -short
}

func (m *mutant) key() string { return fmt.Sprintf("%s:%d:%d %s", m.file, m.line, m.col, m.kind) }

// A site is one expression or statement holding one or two mutants.
type site struct {
	node     ast.Node
	file     *srcFile
	start    int // byte offsets of node in file
	end      int
	mutants  []*mutant
	typeArg  string // explicit type argument for the arithmetic helpers, or ""
	fallback bool   // compiled on its own, not in the schemata
	funcLo   int    // enclosing top-level declaration, for coverage of case conditions
	funcHi   int
	pkgLevel bool // in a package-level const or var declaration: every test depends on it
	children []*site
}

type srcFile struct {
	path  string // absolute
	base  string
	src   []byte
	sites []*site // top-level sites (not nested in another site), by position
	tf    *token.File
}

type config struct {
	short     bool
	workers   int
	timeout   time.Duration
	files     *regexp.Regexp
	only      *regexp.Regexp
	verbose   bool
	equiv     map[string]bool
	threshold float64
	root      string
	keep      bool
	// firstLimit is the time limit of a mutant's first run (the tests
	// covering its line, -short); timeout is that of the full run.
	firstLimit time.Duration
}

func main() {
	var cfg config
	flag.BoolVar(&cfg.short, "short", false, "run the tests in -short mode first (a mutant that survives is retried in full)")
	flag.IntVar(&cfg.workers, "workers", 2, "mutants run at once")
	flag.DurationVar(&cfg.timeout, "timeout", 5*time.Minute, "time limit of a mutant's full run (a -short run is limited to ten times the clean -short run of the whole suite)")
	filesRE := flag.String("files", "", "only mutate files whose base name matches this regular expression")
	onlyRE := flag.String("only", "", `only run the mutants whose "file:line:col MUTATOR" matches this regular expression`)
	eqFile := flag.String("equivalent", "", "file listing equivalent mutants")
	flag.Float64Var(&cfg.threshold, "threshold", 0, "efficacy, in percent, below which mutate exits 1")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the work directory (schemata, binaries) and print its path")
	flag.BoolVar(&cfg.verbose, "v", false, "print every mutant, not only the live ones")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: mutate [flags] ./pkg ...")
		os.Exit(2)
	}
	if *filesRE != "" {
		cfg.files = regexp.MustCompile(*filesRE)
	}
	if *onlyRE != "" {
		cfg.only = regexp.MustCompile(*onlyRE)
	}
	root, err := os.Getwd()
	if err != nil {
		fatal(err)
	}
	cfg.root = root
	cfg.equiv = map[string]bool{}
	if *eqFile != "" {
		cfg.equiv, err = readEquivalent(*eqFile)
		if err != nil {
			fatal(err)
		}
	}
	var below []string
	for _, p := range flag.Args() {
		_, eff, err := runPackage(&cfg, p)
		if err != nil {
			fatal(fmt.Errorf("%s: %w", p, err))
		}
		if eff < cfg.threshold {
			below = append(below, fmt.Sprintf("%s (%.2f%%)", p, eff))
		}
	}
	if len(below) > 0 {
		fmt.Printf("\nmutation efficacy below %.0f%%: %s\n", cfg.threshold, strings.Join(below, ", "))
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "mutate:", err)
	os.Exit(2)
}

func readEquivalent(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	eq := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] < 'a' || line[0] > 'z' {
			continue
		}
		f := strings.Fields(line)
		if len(f) >= 2 {
			eq[f[0]+" "+f[1]] = true
		}
	}
	return eq, nil
}

// runPackage mutates one package and returns its mutants and efficacy in
// percent.
func runPackage(cfg *config, pattern string) ([]*mutant, float64, error) {
	rel := strings.TrimPrefix(filepath.ToSlash(filepath.Clean(pattern)), "./")
	fmt.Printf("\n==== mutate ./%s ====\n", rel)
	start := time.Now()
	pkg, err := load(cfg.root, "./"+rel)
	if err != nil {
		return nil, 0, err
	}
	files, muts := collect(cfg, pkg)
	work, err := os.MkdirTemp("", "mutate")
	if err != nil {
		return nil, 0, err
	}
	if cfg.keep {
		fmt.Println("work directory:", work)
	} else {
		defer os.RemoveAll(work)
	}
	dir := filepath.Join(cfg.root, rel)

	cover, err := coverage(cfg, dir, work)
	if err != nil {
		return nil, 0, err
	}
	var todo []*mutant
	for _, m := range muts {
		if m.status != "" {
			continue
		}
		if cfg.only != nil && !cfg.only.MatchString(m.key()) {
			m.status = "SKIPPED"
			continue
		}
		m.tests = cover.testsFor(m)
		if len(m.tests) == 0 {
			m.status = "NOT COVERED"
			continue
		}
		todo = append(todo, m)
	}
	bin, err := buildSchemata(cfg, dir, work, files)
	if err != nil {
		return nil, 0, err
	}
	fmt.Printf("%d mutants: %d to run (%d compiled on their own), %d not covered, %d not viable; %d tests\n",
		len(muts), len(todo), countFallback(todo), count(muts, "NOT COVERED"), count(muts, "NOT VIABLE"), len(cover.tests))

	runAll(cfg, dir, work, bin, todo)
	var retry []*mutant
	for _, m := range todo {
		if m.status == "LIVED" {
			retry = append(retry, m)
		}
	}
	if len(retry) > 0 && cfg.short {
		// A mutant that survives the -short run of the tests covering its
		// line meets them again in full (10,000 cases per property) before it
		// is reported. Tests that never run its line cannot see it: package
		// initialisation runs in every test's process, so its blocks are in
		// every test's profile.
		// Tests that skip themselves under -short (a 256 MiB document, say)
		// cover nothing there: the full run adds them all.
		sort.Strings(cover.skipped)
		for _, m := range retry {
			m.full = true
			for _, t := range cover.skipped {
				if !slices.Contains(m.tests, t) {
					m.tests = append(m.tests, t)
				}
			}
		}
		runAll(cfg, dir, work, bin, retry)
	}

	var k, l, e int
	for _, m := range muts {
		key := rel + "/" + m.key()
		switch m.status {
		case "KILLED", "TIMED OUT":
			k++
		case "LIVED":
			if cfg.equiv[key] {
				e++
				m.status = "LIVED (equivalent)"
			} else {
				l++
			}
		}
		if cfg.verbose || m.status == "LIVED" {
			fmt.Printf("%-18s %s at %s:%d:%d  %s\n", m.status, m.kind, m.file, m.line, m.col, lineText(files, m))
		}
	}
	if cfg.only == nil && cfg.files == nil {
		for _, key := range staleEquivalents(cfg.equiv, rel, muts) {
			fmt.Printf("STALE EQUIVALENT   %s (no live mutant there: remove or re-key the entry)\n", key)
		}
	}
	eff := 100.0
	if k+l > 0 {
		eff = 100 * float64(k) / float64(k+l)
	}
	fmt.Printf("%s: %d killed, %d lived, %d lived but listed as equivalent, %d not covered, %d not viable: efficacy %.2f%% (%s)\n",
		rel, k, l, e, count(muts, "NOT COVERED"), count(muts, "NOT VIABLE"), eff, time.Since(start).Round(time.Second))
	return muts, eff, nil
}

// staleEquivalents returns the entries of the equivalent list for package
// rel that match no live mutant: the mutant is killed now, or its line
// moved.
func staleEquivalents(equiv map[string]bool, rel string, muts []*mutant) []string {
	live := map[string]bool{}
	for _, m := range muts {
		if strings.HasPrefix(m.status, "LIVED") {
			live[rel+"/"+m.key()] = true
		}
	}
	var stale []string
	for key := range equiv {
		if file, _, ok := strings.Cut(key, ":"); ok && filepath.Dir(file) == rel && !live[key] {
			stale = append(stale, key)
		}
	}
	sort.Strings(stale)
	return stale
}

func count(ms []*mutant, status string) int {
	n := 0
	for _, m := range ms {
		if m.status == status {
			n++
		}
	}
	return n
}

func countFallback(ms []*mutant) int {
	n := 0
	for _, m := range ms {
		if m.site.fallback {
			n++
		}
	}
	return n
}

func lineText(files map[string]*srcFile, m *mutant) string {
	f := files[m.file]
	lines := bytes.Split(f.src, []byte("\n"))
	if m.line-1 < len(lines) {
		return strings.TrimSpace(string(lines[m.line-1]))
	}
	return ""
}

func load(root, pattern string) (*packages.Package, error) {
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Dir:  root,
	}, pattern)
	if err != nil {
		return nil, err
	}
	if len(pkgs) != 1 {
		return nil, fmt.Errorf("%d packages match", len(pkgs))
	}
	if len(pkgs[0].Errors) > 0 {
		return nil, pkgs[0].Errors[0]
	}
	return pkgs[0], nil
}

// collect finds the mutation sites and their mutants, and decides which
// sites the schemata can express.
func collect(cfg *config, pkg *packages.Package) (map[string]*srcFile, []*mutant) {
	files := map[string]*srcFile{}
	var muts []*mutant
	for i, f := range pkg.Syntax {
		_ = i
		path := pkg.Fset.File(f.Pos()).Name()
		base := filepath.Base(path)
		if strings.HasSuffix(base, "_test.go") || ast.IsGenerated(f) {
			continue
		}
		if cfg.files != nil && !cfg.files.MatchString(base) {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			fatal(err)
		}
		sf := &srcFile{path: path, base: base, src: src, tf: pkg.Fset.File(f.Pos())}
		files[base] = sf
		c := collector{pkg: pkg, file: sf}
		for _, d := range f.Decls {
			c.funcLo, c.funcHi = sf.tf.Offset(d.Pos()), sf.tf.Offset(d.End())
			_, c.pkgLevel = d.(*ast.GenDecl)
			constDecl := false
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
				constDecl = true
			}
			c.walk(d, nil, constDecl)
		}
		sf.sites = c.top
		muts = append(muts, c.muts...)
	}
	sort.SliceStable(muts, func(i, j int) bool {
		a, b := muts[i], muts[j]
		if a.file != b.file {
			return a.file < b.file
		}
		return a.opOff < b.opOff
	})
	for i, m := range muts {
		m.id = i + 1
	}
	return files, muts
}

type collector struct {
	pkg            *packages.Package
	file           *srcFile
	top            []*site
	muts           []*mutant
	funcLo, funcHi int
	pkgLevel       bool
}

// walk visits n's subtree; parent is the innermost enclosing site.
func (c *collector) walk(n ast.Node, parent *site, constCtx bool) {
	ast.Inspect(n, func(x ast.Node) bool {
		if x == nil {
			return true
		}
		switch x := x.(type) {
		case *ast.ArrayType:
			if x.Len != nil {
				c.walk(x.Len, parent, true)
			}
			c.walk(x.Elt, parent, constCtx)
			return false
		case *ast.BinaryExpr:
			s := c.binary(x, constCtx)
			if s == nil {
				return true
			}
			c.add(s, parent)
			c.walk(x.X, s, constCtx)
			c.walk(x.Y, s, constCtx)
			return false
		case *ast.UnaryExpr:
			if x.Op != token.SUB {
				return true
			}
			s := c.newSite(x)
			s.mutants = []*mutant{c.mutant(invertNeg, x.OpPos, token.SUB, token.ILLEGAL, s)}
			s.fallback = constCtx || !c.numeric(x, s)
			c.add(s, parent)
			c.walk(x.X, s, constCtx)
			return false
		case *ast.IncDecStmt:
			to := token.DEC
			if x.Tok == token.DEC {
				to = token.INC
			}
			s := c.newSite(x)
			s.mutants = []*mutant{c.mutant(incDec, x.TokPos, x.Tok, to, s)}
			c.add(s, parent)
			c.walk(x.X, s, constCtx)
			return false
		}
		return true
	})
}

func (c *collector) newSite(n ast.Node) *site {
	return &site{node: n, file: c.file, start: c.file.tf.Offset(n.Pos()), end: c.file.tf.Offset(n.End()), funcLo: c.funcLo, funcHi: c.funcHi, pkgLevel: c.pkgLevel}
}

func (c *collector) add(s *site, parent *site) {
	if parent == nil {
		c.top = append(c.top, s)
	} else {
		parent.children = append(parent.children, s)
	}
}

func (c *collector) mutant(kind string, pos token.Pos, from, to token.Token, s *site) *mutant {
	p := c.pkg.Fset.Position(pos)
	m := &mutant{kind: kind, file: c.file.base, line: p.Line, col: p.Column, from: from, to: to, opOff: c.file.tf.Offset(pos), site: s}
	c.muts = append(c.muts, m)
	return m
}

func (c *collector) binary(x *ast.BinaryExpr, constCtx bool) *site {
	s := c.newSite(x)
	if to, ok := boundaryOf[x.Op]; ok {
		s.mutants = append(s.mutants, c.mutant(boundary, x.OpPos, x.Op, to, s))
	}
	if to, ok := negationOf[x.Op]; ok {
		s.mutants = append(s.mutants, c.mutant(negation, x.OpPos, x.Op, to, s))
	}
	if len(s.mutants) > 0 {
		tv := c.pkg.TypesInfo.Types[x]
		// The boolean form is untyped, like the comparison it replaces; a
		// constant comparison may be needed as a constant.
		s.fallback = constCtx || tv.Value != nil
		return s
	}
	to, ok := arithOf[x.Op]
	if !ok {
		return nil
	}
	m := c.mutant(arith, x.OpPos, x.Op, to, s)
	s.mutants = []*mutant{m}
	if b, ok := c.pkg.TypesInfo.Types[x].Type.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
		m.status = "NOT VIABLE" // string concatenation has no minus
		s.fallback = true
		return s
	}
	s.fallback = constCtx || !c.numeric(x, s)
	return s
}

// numeric reports whether the expression's type fits the helpers, and sets
// the explicit type argument where it can be named.
func (c *collector) numeric(x ast.Expr, s *site) bool {
	tv, ok := c.pkg.TypesInfo.Types[x]
	if !ok || tv.Type == nil {
		return false
	}
	t := tv.Type
	b, ok := t.Underlying().(*types.Basic)
	if !ok {
		_, isParam := t.(*types.TypeParam)
		return isParam
	}
	if b.Info()&types.IsNumeric == 0 || b.Info()&types.IsComplex != 0 {
		return false
	}
	if b.Info()&types.IsUntyped != 0 {
		return tv.Value == nil // an untyped non-constant (a shift): leave to inference
	}
	switch t := t.(type) {
	case *types.Basic:
		s.typeArg = t.Name()
	case *types.Named:
		if t.Obj().Pkg() == c.pkg.Types && t.Obj().Parent() == c.pkg.Types.Scope() && t.TypeArgs().Len() == 0 {
			s.typeArg = t.Obj().Name()
		}
	case *types.Alias:
		return tv.Value == nil
	}
	if tv.Value != nil && s.typeArg == "" {
		return false
	}
	return true
}

// render writes src[lo:hi] with every site in it replaced by its schemata
// form.
func render(w *bytes.Buffer, src []byte, lo, hi int, sites []*site) {
	for _, s := range sites {
		if s.start < lo || s.end > hi {
			continue
		}
		w.Write(src[lo:s.start])
		s.write(w, src)
		lo = s.end
	}
	w.Write(src[lo:hi])
}

func (s *site) operand(w *bytes.Buffer, src []byte, e ast.Node) {
	tf := s.file.tf
	w.WriteByte('(')
	render(w, src, tf.Offset(e.Pos()), tf.Offset(e.End()), s.children)
	w.WriteByte(')')
}

func (s *site) write(w *bytes.Buffer, src []byte) {
	if s.fallback {
		render(w, src, s.start, s.end, s.children)
		return
	}
	targ := ""
	if s.typeArg != "" {
		targ = "[" + s.typeArg + "]"
	}
	switch n := s.node.(type) {
	case *ast.BinaryExpr:
		if _, ok := arithOf[n.Op]; ok && len(s.mutants) == 1 && s.mutants[0].kind == arith {
			fmt.Fprintf(w, "%s%s(%d, ", arithFunc[n.Op], targ, s.mutants[0].id)
			s.operand(w, src, n.X)
			w.WriteString(", ")
			s.operand(w, src, n.Y)
			w.WriteString(")")
			return
		}
		// (on == a && X op1 Y || on == b && X op2 Y || on != a && on != b && X op Y)
		w.WriteByte('(')
		var ids []string
		for _, m := range s.mutants {
			fmt.Fprintf(w, "zzMutOn == %d && ", m.id)
			s.operand(w, src, n.X)
			fmt.Fprintf(w, " %s ", m.to)
			s.operand(w, src, n.Y)
			w.WriteString(" || ")
			ids = append(ids, fmt.Sprintf("zzMutOn != %d && ", m.id))
		}
		w.WriteString(strings.Join(ids, ""))
		s.operand(w, src, n.X)
		fmt.Fprintf(w, " %s ", n.Op)
		s.operand(w, src, n.Y)
		w.WriteByte(')')
	case *ast.UnaryExpr:
		fmt.Fprintf(w, "zzMutNeg%s(%d, ", targ, s.mutants[0].id)
		s.operand(w, src, n.X)
		w.WriteString(")")
	case *ast.IncDecStmt:
		fn := "zzMutInc"
		if n.Tok == token.DEC {
			fn = "zzMutDec"
		}
		var x bytes.Buffer
		render(&x, src, s.file.tf.Offset(n.X.Pos()), s.file.tf.Offset(n.X.End()), s.children)
		fmt.Fprintf(w, "%s = %s(%d, %s)", x.String(), fn, s.mutants[0].id, x.String())
	}
}

const helpers = `package %s

import (
	"os"
	"strconv"
)

var zzMutOn = func() int {
	n, _ := strconv.Atoi(os.Getenv("PARTNERECON_MUTANT"))
	return n
}()

type zzMutInt interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

type zzMutNum interface {
	zzMutInt | ~float32 | ~float64
}

func zzMutAdd[T zzMutNum](m int, a, b T) T {
	if zzMutOn == m {
		return a - b
	}
	return a + b
}

func zzMutSub[T zzMutNum](m int, a, b T) T {
	if zzMutOn == m {
		return a + b
	}
	return a - b
}

func zzMutMul[T zzMutNum](m int, a, b T) T {
	if zzMutOn == m {
		return a / b
	}
	return a * b
}

func zzMutQuo[T zzMutNum](m int, a, b T) T {
	if zzMutOn == m {
		return a * b
	}
	return a / b
}

func zzMutRem[T zzMutInt](m int, a, b T) T {
	if zzMutOn == m {
		return a * b
	}
	return a %% b
}

func zzMutNeg[T zzMutNum](m int, a T) T {
	if zzMutOn == m {
		return a
	}
	return -a
}

func zzMutInc[T zzMutNum](m int, a T) T {
	if zzMutOn == m {
		return a - 1
	}
	return a + 1
}

func zzMutDec[T zzMutNum](m int, a T) T {
	if zzMutOn == m {
		return a + 1
	}
	return a - 1
}
`

var compileErr = regexp.MustCompile(`(?m)^(?:\S*/)?([^/\s:]+\.go):(\d+):\d+: `)

// buildSchemata compiles the test binary holding every mutant, moving the
// sites the compiler refuses to their own compilation until it builds.
func buildSchemata(cfg *config, dir, work string, files map[string]*srcFile) (string, error) {
	bin := filepath.Join(work, "schemata.test")
	for attempt := 0; attempt < 30; attempt++ {
		ov := overlay{Replace: map[string]string{}}
		pkgName := ""
		for base, f := range files {
			var b bytes.Buffer
			render(&b, f.src, 0, len(f.src), f.sites)
			p := filepath.Join(work, "schemata-"+base)
			if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
				return "", err
			}
			ov.Replace[f.path] = p
			if pkgName == "" {
				pkgName = packageName(f.src)
			}
		}
		hp := filepath.Join(work, "zz_mutants.go")
		if err := os.WriteFile(hp, []byte(fmt.Sprintf(helpers, pkgName)), 0o644); err != nil {
			return "", err
		}
		ov.Replace[filepath.Join(dir, "zz_mutants_generated.go")] = hp
		ovPath, err := ov.write(work, "schemata.json")
		if err != nil {
			return "", err
		}
		out, err := goCmd(dir, "test", "-c", "-vet=off", "-overlay", ovPath, "-o", bin, ".")
		if err == nil {
			if err := checkClean(cfg, dir, bin); err != nil {
				return "", err
			}
			return bin, nil
		}
		moved := 0
		for _, m := range compileErr.FindAllStringSubmatch(out, -1) {
			f := files[strings.TrimPrefix(m[1], "schemata-")]
			if f == nil {
				continue
			}
			line, _ := strconv.Atoi(m[2])
			moved += f.fallbackLine(line)
		}
		if moved == 0 {
			return "", fmt.Errorf("the schemata do not compile:\n%s", out)
		}
	}
	return "", errors.New("the schemata do not compile after 30 attempts")
}

// fallbackLine moves every schemata site spanning the given line (1-based)
// of the original file to its own compilation.
func (f *srcFile) fallbackLine(line int) int {
	moved := 0
	var visit func([]*site)
	visit = func(ss []*site) {
		for _, s := range ss {
			lo := f.tf.Line(f.tf.Pos(s.start))
			hi := f.tf.Line(f.tf.Pos(s.end))
			if line >= lo && line <= hi {
				if !s.fallback {
					s.fallback = true
					moved++
				}
			}
			visit(s.children)
		}
	}
	visit(f.sites)
	return moved
}

func packageName(src []byte) string {
	m := regexp.MustCompile(`(?m)^package (\w+)`).FindSubmatch(src)
	if m == nil {
		return "main"
	}
	return string(m[1])
}

// checkClean runs the whole suite with no mutant active: the rewrite must
// change nothing.
func checkClean(cfg *config, dir, bin string) error {
	start := time.Now()
	defer func() {
		// A mutant that loops forever is TIMED OUT after ten times the
		// clean run of the whole suite (at least 10 s): the first pass runs
		// a subset of it.
		cfg.firstLimit = max(10*time.Second, 10*time.Since(start))
	}()
	cmd := exec.Command(bin, testArgs(cfg.short, "-test.timeout=10m")...)
	cmd.Dir = dir
	cmd.Env = append(mutantEnv(), "PARTNERECON_MUTANT=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("the schemata binary fails with no mutant active:\n%s", tail(out))
	}
	return nil
}

type overlay struct {
	Replace map[string]string
}

func (o overlay) write(dir, name string) (string, error) {
	data, err := json.Marshal(o)
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, name)
	return p, os.WriteFile(p, data, 0o644)
}

func goCmd(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func tail(out []byte) string {
	const n = 3000
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return string(out)
}

// runAll runs the mutants on cfg.workers workers.
func runAll(cfg *config, dir, work, bin string, todo []*mutant) {
	ch := make(chan *mutant)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	last := time.Now()
	for w := 0; w < cfg.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range ch {
				runOne(cfg, dir, work, bin, m, w)
				mu.Lock()
				done++
				if time.Since(last) > 30*time.Second {
					last = time.Now()
					fmt.Fprintf(os.Stderr, "  %d/%d mutants run\n", done, len(todo))
				}
				mu.Unlock()
			}
		}()
	}
	for _, m := range todo {
		ch <- m
	}
	close(ch)
	wg.Wait()
}

func runOne(cfg *config, dir, work, bin string, m *mutant, worker int) {
	args := testArgs(cfg.short && !m.full, "-test.failfast", "-test.run=^("+strings.Join(m.tests, "|")+")$")
	if m.site.fallback {
		m.status = runFallback(cfg, dir, work, m, worker, args)
	} else {
		ctx, cancel := context.WithTimeout(context.Background(), cfg.limit(m))
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Dir = dir
		cmd.Env = append(mutantEnv(), "PARTNERECON_MUTANT="+strconv.Itoa(m.id))
		err := cmd.Run()
		m.status = verdict(ctx, err)
		cancel()
		if cfg.keep {
			fmt.Printf("mutant %d %s: %s %v\n", m.id, m.key(), strings.Join(args, " "), err)
		}
	}
}

// testArgs are a test binary's flags: no cache, one processor, -short
// when asked, then extra.
func testArgs(short bool, extra ...string) []string {
	args := []string{"-test.count=1", "-test.cpu=1"}
	if short {
		args = append(args, "-test.short")
	}
	return append(args, extra...)
}

func (cfg *config) limit(m *mutant) time.Duration {
	if !m.full && cfg.firstLimit > 0 {
		return cfg.firstLimit
	}
	return cfg.timeout
}

// mutantEnv is the environment of every test-binary run (clean, coverage,
// mutant): one processor, and rapid neither shrinks a failing case (a kill
// needs no minimal example, and shrinking takes up to 30 s) nor writes fail
// files into testdata.
func mutantEnv() []string {
	return append(os.Environ(), "GOMAXPROCS=1", "RAPID_SHRINKTIME=1ns", "RAPID_NOFAILFILE=1")
}

func verdict(ctx context.Context, err error) string {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "TIMED OUT"
	case err == nil:
		return "LIVED"
	default:
		return "KILLED"
	}
}

// runFallback compiles one mutant on its own, through go test -overlay.
func runFallback(cfg *config, dir, work string, m *mutant, worker int, args []string) string {
	f := m.site.file
	src := append([]byte(nil), f.src[:m.opOff]...)
	switch m.kind {
	case invertNeg:
		src = append(src, f.src[m.opOff+1:]...)
	default:
		src = append(src, m.to.String()...)
		src = append(src, f.src[m.opOff+len(m.from.String()):]...)
	}
	p := filepath.Join(work, fmt.Sprintf("fallback%d-%s", worker, f.base))
	if err := os.WriteFile(p, src, 0o644); err != nil {
		fatal(err)
	}
	ovPath, err := overlay{Replace: map[string]string{f.path: p}}.write(work, fmt.Sprintf("fallback%d.json", worker))
	if err != nil {
		fatal(err)
	}
	bin := filepath.Join(work, fmt.Sprintf("fallback%d.test", worker))
	if out, err := goCmd(dir, "test", "-c", "-vet=off", "-overlay", ovPath, "-o", bin, "."); err != nil {
		if strings.Contains(out, ".go:") {
			return "NOT VIABLE"
		}
		fatal(fmt.Errorf("building mutant %s: %s", m.key(), out))
	}
	ctx, cancel := context.WithTimeout(context.Background(), cfg.limit(m))
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = mutantEnv()
	return verdict(ctx, cmd.Run())
}

// coverageMap holds, per test, the blocks it executed.
type coverageMap struct {
	tests   []string
	skipped []string           // tests that skip themselves under -short (their profile there is empty)
	blocks  map[string][]block // by file base name: the blocks some test ran, with the tests
	all     map[string][]block // every block of the profiles, run or not (no tests)
}

type block struct {
	lo, hi int64 // line<<20 | col
	tests  []int
}

func pos(line, col int) int64 { return int64(line)<<20 | int64(col) }

// coverage lists the package's tests and records, for each, the blocks it
// runs.
func coverage(cfg *config, dir, work string) (*coverageMap, error) {
	bin := filepath.Join(work, "cover.test")
	if out, err := goCmd(dir, "test", "-c", "-vet=off", "-cover", "-covermode=set", "-o", bin, "."); err != nil {
		return nil, fmt.Errorf("building the coverage binary: %s", out)
	}
	cmd := exec.Command(bin, "-test.list", ".")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("listing tests: %v", err)
	}
	cm := &coverageMap{blocks: map[string][]block{}, all: map[string][]block{}}
	for _, t := range strings.Fields(string(out)) {
		if strings.HasPrefix(t, "Benchmark") || t == "ok" {
			continue
		}
		cm.tests = append(cm.tests, t)
	}
	type key struct {
		file   string
		lo, hi int64
	}
	idx := map[key]int{}
	var mu sync.Mutex
	ch := make(chan int)
	var wg sync.WaitGroup
	var firstErr error
	for w := 0; w < cfg.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ti := range ch {
				prof := filepath.Join(work, fmt.Sprintf("cover%d.out", ti))
				cmd := exec.Command(bin, testArgs(cfg.short, "-test.run=^"+cm.tests[ti]+"$", "-test.v", "-test.coverprofile="+prof)...)
				cmd.Dir = dir
				cmd.Env = mutantEnv()
				out, err := cmd.CombinedOutput()
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("test %s fails on the unmutated code:\n%s", cm.tests[ti], tail(out))
				}
				if cfg.short && bytes.Contains(out, []byte("--- SKIP: "+cm.tests[ti]+" ")) {
					cm.skipped = append(cm.skipped, regexp.QuoteMeta(cm.tests[ti]))
				}
				mu.Unlock()
				data, _ := os.ReadFile(prof)
				os.Remove(prof)
				sc := bufio.NewScanner(bytes.NewReader(data))
				for sc.Scan() {
					var file string
					var l0, c0, l1, c1, n, cnt int
					line := sc.Text()
					i := strings.LastIndex(line, ".go:")
					if i < 0 {
						continue
					}
					file = filepath.Base(line[:i+3])
					if _, err := fmt.Sscanf(line[i+4:], "%d.%d,%d.%d %d %d", &l0, &c0, &l1, &c1, &n, &cnt); err != nil {
						continue
					}
					k := key{file, pos(l0, c0), pos(l1, c1)}
					mu.Lock()
					if ti == 0 { // every profile lists every block
						cm.all[file] = append(cm.all[file], block{lo: k.lo, hi: k.hi})
					}
					if cnt == 0 {
						mu.Unlock()
						continue
					}
					bi, ok := idx[k]
					if !ok {
						bi = len(cm.blocks[file])
						idx[k] = bi
						cm.blocks[file] = append(cm.blocks[file], block{lo: k.lo, hi: k.hi})
					}
					cm.blocks[file][bi].tests = append(cm.blocks[file][bi].tests, ti)
					mu.Unlock()
				}
			}
		}()
	}
	for ti := range cm.tests {
		ch <- ti
	}
	close(ch)
	wg.Wait()
	return cm, firstErr
}

// testsFor returns the tests that run the mutant's operator: those whose
// profile has a run block holding it; for an operator in no block at all
// (a case condition, say), those that run any block of its enclosing
// function; for a package-level constant or variable, all.
func (cm *coverageMap) testsFor(m *mutant) []string {
	p := pos(m.line, m.col)
	set := map[int]bool{}
	if m.site.pkgLevel {
		// A constant or a package variable's initial value is in no
		// coverage block, but the code of every test may read it.
		for t := range cm.tests {
			set[t] = true
		}
	}
	for _, b := range cm.blocks[m.file] {
		if b.lo <= p && p < b.hi {
			for _, t := range b.tests {
				set[t] = true
			}
		}
	}
	if len(set) == 0 && !m.site.pkgLevel && !cm.inBlock(m.file, p) {
		tf := m.site.file.tf
		lo := tf.Position(tf.Pos(m.site.funcLo))
		hi := tf.Position(tf.Pos(m.site.funcHi))
		plo, phi := pos(lo.Line, lo.Column), pos(hi.Line, hi.Column)
		for _, b := range cm.blocks[m.file] {
			if b.lo >= plo && b.hi <= phi {
				for _, t := range b.tests {
					set[t] = true
				}
			}
		}
	}
	var out []string
	for t := range set {
		out = append(out, regexp.QuoteMeta(cm.tests[t]))
	}
	sort.Strings(out)
	return out
}

// inBlock reports whether p is inside a block of the coverage profiles,
// run or not. An operator in no block at all — a case condition, a line
// of an expression the coverage tool splits around a function literal —
// still runs whenever its function does.
func (cm *coverageMap) inBlock(file string, p int64) bool {
	for _, b := range cm.all[file] {
		if b.lo <= p && p < b.hi {
			return true
		}
	}
	return false
}
