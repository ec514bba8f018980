// Package houserules defines an analyzer that enforces the partnerecon house
// rules on library code: money is exact and never float, precision and
// rounding are explicit values, there are no hidden inputs (clock, I/O,
// unseeded randomness, package-level state), a library never panics on
// data, and decimals are compared with Equal, never ==.
//
// # Scope
//
// The analyzer looks only at library code. It skips:
//   - files whose name ends in _test.go (so external test packages are skipped
//     entirely);
//   - generated files (those with a "Code generated ... DO NOT EDIT." header);
//   - packages named main;
//   - packages whose import path matches the -skip regular expression, which by
//     default matches any "examples" path segment, internal/proptest and the
//     tools module itself.
//
// # Rules
//
// Every diagnostic starts with "houserules: " and names the rule it breaks.
//
//  1. float: no float32 or float64 anywhere: not in declarations, conversions,
//     struct fields, signatures, nor as the type of a variable or of a call result.
//  2. decimal: no (decimal.Decimal).Div, DivRound, Inv, Float64, InexactFloat64
//     and no decimal.NewFromFloat* (github.com/shopspring/decimal).
//  3. decimalglobal: no reference to a package-level variable of
//     github.com/shopspring/decimal (DivisionPrecision, Zero, ...).
//  4. clock: no time.Now, Since, Until, Sleep, After, AfterFunc, Tick,
//     NewTimer, NewTicker.
//  5. io: no import of os, os/..., io/ioutil, net, net/http, net/http/...,
//     log, log/..., syscall; no fmt.Print*, fmt.Fprint*, fmt.Scan*,
//     fmt.Fscan*, nor the print/println builtins.
//     rand: no top-level function of math/rand, math/rand/v2 or crypto/rand
//     other than the constructors of explicitly seeded generators
//     (rand.New, rand.NewSource, rand.NewPCG, rand.NewChaCha8, rand.NewZipf).
//  6. global: no package-level var except the blank identifier
//     (var _ I = T{}) and error sentinels: names starting with Err or err
//     whose type implements error.
//  7. panic: no call of the panic builtin outside functions (or methods)
//     whose name starts with Must.
//  8. decimaleq: no == or != (and no switch, which compares with ==) on
//     operands whose type holds a decimal: decimal.Decimal
//     (github.com/shopspring/decimal), money.Amount, money.Rate, or any
//     struct or array type with such a field or element, transitively
//     (through named types, struct fields, embedded fields and array
//     elements; not through pointers, slices, maps, channels or
//     interfaces, which == compares by identity or not at all). == on a
//     decimal compares its representation, so 1.0 != 1.00; use the type's
//     Equal method (or Cmp) instead. A comparison with a pointer, such as
//     p == nil, is not a comparison of decimals and is allowed.
//  9. omitzero: no `json:",omitzero"` on a pointer field whose element
//     type has an IsZero() bool method (decimal.Decimal, money.Amount,
//     money.Rate, time.Time, ...). encoding/json calls IsZero through
//     the pointer, so a present zero value ("cap": "0") is dropped as if
//     it were absent — a cap of zero becomes no cap. Use omitempty, which
//     omits only a nil pointer.
//
// # Escape hatches
//
// Rules float, global and panic can be waived for one line with a comment on
// the same line or on the line before:
//
//	//lint:allow float <reason>
//	//lint:allow global <reason>
//	//lint:allow panic <reason>
//
// The reason is mandatory. A //lint:allow comment naming any other rule, or
// without a reason, is itself reported (rule directive). The other rules have
// no escape hatch: they encode "never".
package houserules

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// DefaultSkip is the default value of the -skip flag: import paths of packages
// that are not library code.
const DefaultSkip = `(^|/)examples(/|$)|(^|/)internal/proptest(/|$)|^github\.com/partnerecon/partnerecon/tools(/|$)`

// Analyzer is the houserules analyzer.
var Analyzer = &analysis.Analyzer{
	Name: "houserules",
	Doc:  "enforce the partnerecon house rules on library code (no float money, no banned decimal API or globals, no clock, no I/O or unseeded randomness, no package-level mutable state, no panics, no == on values holding decimals)",
	Run:  run,
}

var skipFlag = DefaultSkip

func init() {
	Analyzer.Flags.StringVar(&skipFlag, "skip", DefaultSkip, "regular expression matching import paths of packages that are not library code")
}

const decimalPath = "github.com/shopspring/decimal"

// Rule keys. They appear in diagnostics (as the Category) and in
// //lint:allow directives.
const (
	ruleFloat         = "float"
	ruleDecimal       = "decimal"
	ruleDecimalGlobal = "decimalglobal"
	ruleClock         = "clock"
	ruleIO            = "io"
	ruleRand          = "rand"
	ruleGlobal        = "global"
	rulePanic         = "panic"
	ruleDecimalEq     = "decimaleq"
	ruleOmitZero      = "omitzero"
	ruleDirective     = "directive"
)

// moneyPath is the import path of package money, whose Amount and Rate
// hold decimals.
const moneyPath = "github.com/partnerecon/partnerecon/money"

// waivable lists the rules that accept a //lint:allow escape hatch.
var waivable = map[string]bool{ruleFloat: true, ruleGlobal: true, rulePanic: true}

var (
	bannedDecimalMethods = map[string]string{
		"Div":            "depends on the global DivisionPrecision; divide with explicit places and an explicit rounding mode (QuoRem), rounding once",
		"DivRound":       "hides its rounding mode; divide with explicit places and an explicit rounding mode (QuoRem), rounding once",
		"Inv":            "depends on the global DivisionPrecision",
		"Float64":        "money is never float",
		"InexactFloat64": "money is never float",
	}
	bannedTimeFuncs = map[string]bool{
		"Now": true, "Since": true, "Until": true, "Sleep": true, "After": true,
		"AfterFunc": true, "Tick": true, "NewTimer": true, "NewTicker": true,
	}
	allowedRandFuncs = map[string]bool{
		"New": true, "NewSource": true, "NewPCG": true, "NewChaCha8": true, "NewZipf": true,
	}
)

func bannedImport(path string) bool {
	switch path {
	case "os", "io/ioutil", "net", "net/http", "log", "syscall":
		return true
	}
	return strings.HasPrefix(path, "os/") ||
		strings.HasPrefix(path, "log/") ||
		strings.HasPrefix(path, "net/http/")
}

func bannedFmtFunc(name string) bool {
	return strings.HasPrefix(name, "Print") ||
		strings.HasPrefix(name, "Fprint") ||
		strings.HasPrefix(name, "Scan") ||
		strings.HasPrefix(name, "Fscan")
}

type allowKey struct {
	file string
	line int
	rule string
}

type checker struct {
	pass    *analysis.Pass
	allowed map[allowKey]bool
	// reported dedups diagnostics of one rule on one line.
	reported map[allowKey]bool
	// decimal memoises holdsDecimal per type.
	decimal map[types.Type]string
}

var directiveRE = regexp.MustCompile(`^//\s*lint:allow\b(.*)$`)

func run(pass *analysis.Pass) (any, error) {
	skip, err := regexp.Compile(skipFlag)
	if err != nil {
		return nil, fmt.Errorf("houserules: bad -skip pattern: %v", err)
	}
	if pass.Pkg.Name() == "main" || skip.MatchString(pass.Pkg.Path()) {
		return nil, nil
	}
	c := &checker{pass: pass, allowed: map[allowKey]bool{}, reported: map[allowKey]bool{}, decimal: map[types.Type]string{}}
	for _, f := range pass.Files {
		name := pass.Fset.File(f.Pos()).Name()
		if strings.HasSuffix(name, "_test.go") || ast.IsGenerated(f) {
			continue
		}
		c.collectDirectives(f)
		c.checkFile(f)
	}
	return nil, nil
}

// collectDirectives records //lint:allow comments; a directive on line L
// waives its rule on lines L and L+1.
func (c *checker) collectDirectives(f *ast.File) {
	for _, cg := range f.Comments {
		for _, cm := range cg.List {
			m := directiveRE.FindStringSubmatch(cm.Text)
			if m == nil {
				continue
			}
			rest, _, _ := strings.Cut(m[1], "//") // a trailing comment is not part of the reason
			fields := strings.Fields(rest)
			switch {
			case len(fields) == 0:
				c.report(cm.Pos(), ruleDirective, "//lint:allow needs a rule (float, global or panic) and a reason")
				continue
			case !waivable[fields[0]]:
				c.report(cm.Pos(), ruleDirective, fmt.Sprintf("//lint:allow %s: rule %q has no escape hatch (only float, global and panic do)", fields[0], fields[0]))
				continue
			case len(fields) < 2:
				c.report(cm.Pos(), ruleDirective, fmt.Sprintf("//lint:allow %s needs a reason", fields[0]))
				continue
			}
			p := c.pass.Fset.Position(cm.Pos())
			c.allowed[allowKey{p.Filename, p.Line, fields[0]}] = true
			c.allowed[allowKey{p.Filename, p.Line + 1, fields[0]}] = true
		}
	}
}

func (c *checker) report(pos token.Pos, rule, msg string) {
	p := c.pass.Fset.Position(pos)
	k := allowKey{p.Filename, p.Line, rule}
	if waivable[rule] && c.allowed[k] {
		return
	}
	if c.reported[k] {
		return
	}
	c.reported[k] = true
	c.pass.Report(analysis.Diagnostic{Pos: pos, Category: rule, Message: "houserules: " + msg})
}

func (c *checker) checkFile(f *ast.File) {
	for _, imp := range f.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err == nil && bannedImport(path) {
			c.report(imp.Pos(), ruleIO, fmt.Sprintf("import of %q in library code (no I/O in library packages)", path))
		}
	}
	for _, decl := range f.Decls {
		if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			c.checkPackageVars(gd)
		}
	}
	// Walk the file, tracking the enclosing top-level function for rule panic.
	var funcName string
	for _, decl := range f.Decls {
		funcName = ""
		if fd, ok := decl.(*ast.FuncDecl); ok {
			funcName = fd.Name.Name
		}
		ast.Inspect(decl, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				c.checkIdent(n)
			case *ast.CallExpr:
				c.checkCall(n, funcName)
			case *ast.BinaryExpr:
				if n.Op == token.EQL || n.Op == token.NEQ {
					c.checkDecimalEq(n.OpPos, n.Op.String(), n.X, n.Y)
				}
			case *ast.SwitchStmt:
				if n.Tag != nil {
					c.checkDecimalEq(n.Switch, "switch", n.Tag)
				}
			case *ast.Field:
				c.checkOmitZero(n)
			}
			return true
		})
	}
}

// checkOmitZero implements rule omitzero: a struct field tagged
// json:",omitzero" whose type is a pointer to a type with an IsZero()
// bool method.
func (c *checker) checkOmitZero(f *ast.Field) {
	if f.Tag == nil {
		return
	}
	tag, err := strconv.Unquote(f.Tag.Value)
	if err != nil {
		return
	}
	opts := strings.Split(reflect.StructTag(tag).Get("json"), ",")
	if len(opts) < 2 || !slices.Contains(opts[1:], "omitzero") {
		return
	}
	ptr, ok := c.pass.TypesInfo.TypeOf(f.Type).(*types.Pointer)
	if !ok {
		return
	}
	obj, _, _ := types.LookupFieldOrMethod(ptr, true, nil, "IsZero")
	fn, ok := obj.(*types.Func)
	if !ok {
		return
	}
	sig := fn.Type().(*types.Signature)
	if sig.Params().Len() != 0 || sig.Results().Len() != 1 || !types.Identical(sig.Results().At(0).Type(), types.Typ[types.Bool]) {
		return
	}
	c.report(f.Tag.Pos(), ruleOmitZero, fmt.Sprintf("omitzero on %s drops a present zero value (encoding/json calls IsZero through the pointer): use omitempty, which omits only nil",
		types.TypeString(ptr, types.RelativeTo(c.pass.Pkg))))
}

func isFloat(t types.Type) (string, bool) {
	if t == nil {
		return "", false
	}
	b, ok := t.Underlying().(*types.Basic)
	if !ok {
		return "", false
	}
	switch b.Kind() {
	case types.Float32, types.Float64:
		return b.Name(), true
	case types.UntypedFloat:
		return "float64", true
	}
	return "", false
}

func floatMsg(name string) string {
	return name + " in library code (money is never float)"
}

func (c *checker) checkIdent(id *ast.Ident) {
	info := c.pass.TypesInfo
	// Rule float: a mention of the float32/float64 type names.
	if obj, ok := info.Uses[id].(*types.TypeName); ok && obj.Parent() == types.Universe {
		if name, ok := isFloat(obj.Type()); ok {
			c.report(id.Pos(), ruleFloat, floatMsg(name))
			return
		}
	}
	// Rule float: a variable (declared by :=, var, range, parameters of a
	// func literal...) whose type is a float even though no float type name is
	// written, e.g. x := 1.5.
	if v, ok := info.Defs[id].(*types.Var); ok && id.Name != "_" {
		if name, ok := isFloat(v.Type()); ok {
			c.report(id.Pos(), ruleFloat, floatMsg(name))
			return
		}
	}
	obj := info.Uses[id]
	if obj == nil || obj.Pkg() == nil {
		return
	}
	// Rule decimalglobal: any reference to a package-level variable of
	// shopspring/decimal.
	pkgLevel := obj.Pkg().Scope().Lookup(obj.Name()) == obj
	if v, ok := obj.(*types.Var); ok && pkgLevel && obj.Pkg().Path() == "crypto/rand" {
		c.report(id.Pos(), ruleRand, fmt.Sprintf("crypto/rand.%s in library code (randomness needs an explicit seed: take a *rand.Rand)", v.Name()))
		return
	}
	if v, ok := obj.(*types.Var); ok && pkgLevel && obj.Pkg().Path() == decimalPath {
		hint := "precision and formatting are explicit values, never process-wide settings"
		if v.Name() == "Zero" {
			hint = "use decimal.Decimal{} for zero"
		}
		c.report(id.Pos(), ruleDecimalGlobal, fmt.Sprintf("reference to shopspring global decimal.%s in library code (%s)", v.Name(), hint))
		return
	}
	fn, ok := obj.(*types.Func)
	if !ok {
		return
	}
	sig, _ := fn.Type().(*types.Signature)
	pkg := fn.Pkg().Path()
	if sig != nil && sig.Recv() != nil {
		// Rule decimal: banned methods of decimal.Decimal (also as method
		// values and method expressions).
		if pkg == decimalPath && recvNamed(sig.Recv().Type()) == "Decimal" {
			if why, banned := bannedDecimalMethods[fn.Name()]; banned {
				c.report(id.Pos(), ruleDecimal, fmt.Sprintf("(decimal.Decimal).%s in library code (%s)", fn.Name(), why))
			}
		}
		return
	}
	switch pkg {
	case decimalPath:
		if strings.HasPrefix(fn.Name(), "NewFromFloat") {
			c.report(id.Pos(), ruleDecimal, fmt.Sprintf("decimal.%s in library code (money is never float; parse a string or use integer minor units)", fn.Name()))
		}
	case "time":
		if bannedTimeFuncs[fn.Name()] {
			c.report(id.Pos(), ruleClock, fmt.Sprintf("time.%s in library code (no clock reads or timers; take the time as a parameter)", fn.Name()))
		}
	case "fmt":
		if bannedFmtFunc(fn.Name()) {
			c.report(id.Pos(), ruleIO, fmt.Sprintf("fmt.%s in library code (no printing or I/O in library packages; fmt.Sprintf and fmt.Errorf are fine)", fn.Name()))
		}
	case "math/rand", "math/rand/v2", "crypto/rand":
		if !allowedRandFuncs[fn.Name()] {
			c.report(id.Pos(), ruleRand, fmt.Sprintf("%s.%s in library code (randomness needs an explicit seed: take a *rand.Rand)", pkg, fn.Name()))
		}
	}
}

func recvNamed(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

func (c *checker) checkCall(call *ast.CallExpr, funcName string) {
	info := c.pass.TypesInfo
	fun := ast.Unparen(call.Fun)
	if id, ok := fun.(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "panic":
				if !strings.HasPrefix(funcName, "Must") {
					c.report(call.Pos(), rulePanic, "panic in library code (a library never panics; return an error, or name the function MustX)")
				}
			case "print", "println":
				c.report(call.Pos(), ruleIO, b.Name()+" in library code (no printing in library packages)")
			}
			return
		}
	}
	// Rule float: a call (not a conversion, which the type name already
	// reports) whose result is a float, e.g. math.Sqrt(x) or strconv.ParseFloat.
	if tv, ok := info.Types[call]; ok && !tv.IsType() && tv.Value == nil {
		if tuple, ok := tv.Type.(*types.Tuple); ok {
			for i := 0; i < tuple.Len(); i++ {
				if name, ok := isFloat(tuple.At(i).Type()); ok {
					c.report(call.Pos(), ruleFloat, floatMsg(name))
					return
				}
			}
		} else if name, ok := isFloat(tv.Type); ok {
			if ftv, ok := info.Types[call.Fun]; ok && ftv.IsType() {
				return // conversion: reported at the type name
			}
			c.report(call.Pos(), ruleFloat, floatMsg(name))
		}
	}
}

// checkPackageVars implements rule global.
func (c *checker) checkPackageVars(gd *ast.GenDecl) {
	errType := types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	for _, spec := range gd.Specs {
		vs := spec.(*ast.ValueSpec)
		for _, name := range vs.Names {
			if name.Name == "_" {
				continue // var _ I = T{}: a compile-time interface assertion
			}
			obj := c.pass.TypesInfo.Defs[name]
			if (strings.HasPrefix(name.Name, "Err") || strings.HasPrefix(name.Name, "err")) &&
				obj != nil && types.Implements(obj.Type(), errType) {
				continue // error sentinel
			}
			c.report(name.Pos(), ruleGlobal, fmt.Sprintf("package-level var %s in library code (no package-level mutable state: use a const, a switch or a func; only ErrX sentinels and var _ I = T{} are allowed, else //lint:allow global <reason>)", name.Name))
		}
	}
}

// checkDecimalEq implements rule decimaleq: op (==, != or switch) applied
// to operands of which one holds a decimal.
func (c *checker) checkDecimalEq(pos token.Pos, op string, operands ...ast.Expr) {
	for _, e := range operands {
		t := c.pass.TypesInfo.TypeOf(e)
		if t == nil {
			continue
		}
		if what := c.holdsDecimal(t); what != "" {
			c.report(pos, ruleDecimalEq, fmt.Sprintf("%s on %s, which holds %s, in library code (== compares the representation: 1.0 != 1.00; use Equal or Cmp)",
				op, types.TypeString(t, c.qualifier), what))
			return
		}
	}
}

// qualifier writes a type's package by name ("money.Amount"), and not at
// all for the package being checked.
func (c *checker) qualifier(p *types.Package) string {
	if p == c.pass.Pkg {
		return ""
	}
	return p.Name()
}

// holdsDecimal returns the decimal type that t is or contains ("" for
// none): decimal.Decimal, money.Amount or money.Rate, itself or as a
// field or element of a struct or array, transitively.
func (c *checker) holdsDecimal(t types.Type) string {
	if what, ok := c.decimal[t]; ok {
		return what
	}
	c.decimal[t] = "" // a type cannot contain itself without a pointer
	var what string
	switch u := types.Unalias(t).(type) {
	case *types.Named:
		obj := u.Obj()
		switch {
		case obj.Pkg() != nil && obj.Pkg().Path() == decimalPath && obj.Name() == "Decimal":
			what = "decimal.Decimal"
		case obj.Pkg() != nil && obj.Pkg().Path() == moneyPath && (obj.Name() == "Amount" || obj.Name() == "Rate"):
			what = "money." + obj.Name()
		default:
			what = c.holdsDecimal(u.Underlying())
		}
	case *types.Struct:
		for i := 0; i < u.NumFields() && what == ""; i++ {
			what = c.holdsDecimal(u.Field(i).Type())
		}
	case *types.Array:
		what = c.holdsDecimal(u.Elem())
	}
	c.decimal[t] = what
	return what
}
