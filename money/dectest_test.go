package money_test

import (
	"bufio"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// The General Decimal Arithmetic conformance vectors (testdata/dectest,
// see the README there) drive Round and Div. Each vector states an
// operation, its operands, the context (precision in significant digits,
// rounding mode, exponent limits) and the correctly rounded result. money
// has no precision in significant digits: it rounds to a number of
// decimal places. A vector maps onto money when that number is fixed by
// the vector:
//
//   - quantize x y rounds x to the exponent of y: Round(x, −exp(y), mode);
//   - tointegral x rounds x to an integer: Round(x, 0, mode);
//   - add, subtract, multiply compute the exact value v (shopspring's Add,
//     Sub and Mul are exact) and round it to the precision p: that is
//     Round(v, p − 1 − adj(v), mode), adj(v) being the power of ten of
//     v's leading digit;
//   - divide x y is Div(x, y, p − 1 − adj(x/y), mode), adj from the exact
//     quotient; a zero divisor must be ErrDivisionByZero.
//
// Results are compared numerically (money has no negative zero and does
// not keep the "ideal exponent"). When a vector says whether the result is
// Inexact, the result must differ from the exact value exactly then.
//
// Vectors outside money's domain are skipped and counted under the
// reasons below; the test fails if fewer than minDecTestRun vectors ran,
// so a parser or mapping change that silently skips them is caught.
const minDecTestRun = 1500

// decTest skip reasons, each a case money cannot express.
const (
	skipOperation = "operation money does not have (power)"
	skipRounding  = "rounding mode 05up (round-for-reround) has no money equivalent"
	skipSpecial   = "NaN, infinity or an encoded (#hex) operand or result"
	skipLimits    = "result shaped by the context's exponent limits (overflow, underflow, subnormal, clamped)"
	skipRange     = "operand or result outside money's operating range (MaxExponent)"
	skipLeft      = "rounds left of the decimal point (negative places: a power of ten above one)"
	skipPlaces    = "more places than MaxPlaces"
	skipInvalid   = "quantize result longer than the context precision (Invalid_operation): money has no precision limit"
)

func TestDecTest(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "dectest", "*.decTest"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no decTest files: %v", err)
	}
	skipped := map[string]int{}
	ran := 0
	for _, file := range files {
		for _, v := range readDecTest(t, file) {
			reason, err := v.run()
			switch {
			case err != nil:
				t.Errorf("%s %s: %s %s -> %s %v (precision %d, %s): %v",
					filepath.Base(file), v.id, v.op, strings.Join(v.operands, " "), v.result, v.conditions, v.precision, v.rounding, err)
			case reason != "":
				skipped[reason]++
			default:
				ran++
			}
		}
	}
	total := ran
	for _, reason := range slices.Sorted(func(yield func(string) bool) {
		for r := range skipped {
			if !yield(r) {
				return
			}
		}
	}) {
		t.Logf("skipped %4d: %s", skipped[reason], reason)
		total += skipped[reason]
	}
	t.Logf("ran %d of %d vectors", ran, total)
	if ran < minDecTestRun {
		t.Errorf("only %d decTest vectors ran, want at least %d", ran, minDecTestRun)
	}
}

type decVector struct {
	id, op     string
	operands   []string
	result     string
	conditions []string // lower case
	precision  int
	rounding   string
}

// readDecTest parses the decTest format: "keyword: value" directives
// (precision, rounding, …) that hold until changed, and test lines
// "id operation operand… -> result condition…", with "--" comments and
// optionally quoted tokens.
func readDecTest(t *testing.T, file string) []decVector {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []decVector
	precision, rounding := 0, ""
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text, _, _ := strings.Cut(sc.Text(), "--")
		fields := strings.Fields(text)
		if len(fields) == 0 {
			continue
		}
		if key, ok := strings.CutSuffix(strings.ToLower(fields[0]), ":"); ok {
			if len(fields) != 2 {
				t.Fatalf("%s:%d: bad directive %q", file, line, text)
			}
			switch key {
			case "precision":
				if precision, err = strconv.Atoi(fields[1]); err != nil {
					t.Fatalf("%s:%d: %v", file, line, err)
				}
			case "rounding":
				rounding = strings.ToLower(fields[1])
			case "version", "extended", "maxexponent", "minexponent", "clamp":
				// extended is 1 throughout; the exponent limits matter
				// only for the conditions skipped as skipLimits.
				if key == "extended" && fields[1] != "1" {
					t.Fatalf("%s:%d: subset arithmetic is not supported", file, line)
				}
			default:
				t.Fatalf("%s:%d: unknown directive %q", file, line, key)
			}
			continue
		}
		arrow := slices.Index(fields, "->")
		if arrow < 2 || arrow == len(fields)-1 {
			t.Fatalf("%s:%d: bad test line %q", file, line, text)
		}
		v := decVector{id: fields[0], op: strings.ToLower(fields[1]), result: unquote(fields[arrow+1]), precision: precision, rounding: rounding}
		for _, o := range fields[2:arrow] {
			v.operands = append(v.operands, unquote(o))
		}
		for _, c := range fields[arrow+2:] {
			v.conditions = append(v.conditions, strings.ToLower(c))
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		return strings.ReplaceAll(s[1:len(s)-1], s[:1]+s[:1], s[:1])
	}
	return s
}

// decTestModes maps the decTest rounding names to money's modes.
func decTestMode(name string) (money.RoundingMode, bool) {
	switch name {
	case "half_even":
		return money.HalfEven, true
	case "half_up":
		return money.HalfUp, true
	case "half_down":
		return money.HalfDown, true
	case "down":
		return money.TowardZero, true
	case "up":
		return money.AwayFromZero, true
	case "ceiling":
		return money.Ceiling, true
	case "floor":
		return money.Floor, true
	}
	return money.RoundingUnspecified, false
}

// parseDecTestNumber reads a finite decTest number: sign, digits with an
// optional point, optional exponent. ok is false for NaN, sNaN, infinities
// and encoded (#) forms.
func parseDecTestNumber(s string) (decimal.Decimal, bool) {
	mant, exp := s, int64(0)
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.ParseInt(s[i+1:], 10, 32)
		if err != nil {
			return decimal.Decimal{}, false
		}
		mant, exp = s[:i], e
	}
	neg := false
	switch {
	case strings.HasPrefix(mant, "-"):
		neg, mant = true, mant[1:]
	case strings.HasPrefix(mant, "+"):
		mant = mant[1:]
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return decimal.Decimal{}, false
	}
	c, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return decimal.Decimal{}, false
	}
	if neg {
		c.Neg(c)
	}
	e := exp - int64(len(frac))
	if e != int64(int32(e)) {
		return decimal.Decimal{}, false
	}
	return decimal.NewFromBigInt(c, int32(e)), true
}

// adjusted returns the power of ten of |v|'s leading digit (v ≠ 0).
func adjusted(v decimal.Decimal) int64 {
	return int64(v.Exponent()) + int64(v.NumDigits()) - 1
}

// quotientAdjusted returns ⌊log10 |a/b|⌋ for non-zero a and b.
func quotientAdjusted(a, b decimal.Decimal) int64 {
	adj := adjusted(a) - adjusted(b)
	// |a/b| ≥ 10^adj iff the leading-digit mantissas satisfy ma ≥ mb.
	ma := new(big.Rat).SetFrac(new(big.Int).Abs(a.Coefficient()), pow10(a.NumDigits()-1))
	mb := new(big.Rat).SetFrac(new(big.Int).Abs(b.Coefficient()), pow10(b.NumDigits()-1))
	if ma.Cmp(mb) < 0 {
		adj--
	}
	return adj
}

func pow10(n int) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }

func (v decVector) has(cond string) bool { return slices.Contains(v.conditions, cond) }

// run checks one vector. It returns a skip reason for a vector outside
// money's domain, or an error for a mismatch.
func (v decVector) run() (skip string, err error) {
	mode, ok := decTestMode(v.rounding)
	if v.rounding == "05up" {
		return skipRounding, nil
	}
	if !ok {
		return "", errors.New("unknown rounding " + strconv.Quote(v.rounding))
	}
	switch v.op {
	case "quantize", "tointegral", "add", "subtract", "multiply", "divide":
	default:
		return skipOperation, nil
	}
	ops := make([]decimal.Decimal, len(v.operands))
	for i, o := range v.operands {
		if ops[i], ok = parseDecTestNumber(o); !ok {
			return skipSpecial, nil
		}
		if !money.InRange(ops[i]) {
			return skipRange, nil
		}
	}
	if v.op == "divide" && ops[1].IsZero() {
		if !v.has("division_by_zero") && !v.has("division_undefined") {
			return "", errors.New("zero divisor without a division condition")
		}
		if _, err := money.Div(ops[0], ops[1], 0, mode); !errors.Is(err, money.ErrDivisionByZero) {
			return "", errors.New("Div by zero: want ErrDivisionByZero, got " + errString(err))
		}
		return "", nil
	}
	for _, c := range []string{"overflow", "underflow", "subnormal", "clamped"} {
		if v.has(c) {
			return skipLimits, nil
		}
	}
	if v.op == "quantize" && v.has("invalid_operation") {
		return skipInvalid, nil
	}
	want, ok := parseDecTestNumber(v.result)
	if !ok {
		return skipSpecial, nil
	}
	if !money.InRange(want) {
		return skipRange, nil
	}
	var got, exact decimal.Decimal
	var places int64
	switch v.op {
	case "quantize":
		places = -int64(ops[1].Exponent())
		exact = ops[0]
	case "tointegral":
		places = 0
		exact = ops[0]
	case "add", "subtract", "multiply":
		switch v.op {
		case "add":
			exact = ops[0].Add(ops[1])
		case "subtract":
			exact = ops[0].Sub(ops[1])
		default:
			exact = ops[0].Mul(ops[1])
		}
		if !exact.IsZero() {
			places = int64(v.precision) - 1 - adjusted(exact)
		}
	case "divide":
		if !ops[0].IsZero() {
			places = int64(v.precision) - 1 - quotientAdjusted(ops[0], ops[1])
		}
	}
	switch {
	case places < 0:
		return skipLeft, nil
	case places > money.MaxPlaces:
		return skipPlaces, nil
	}
	if v.op == "divide" {
		got, err = money.Div(ops[0], ops[1], int32(places), mode)
	} else {
		got, err = money.Round(exact, int32(places), mode)
	}
	if err != nil {
		return "", err
	}
	if !got.Equal(want) {
		return "", errors.New("got " + got.String() + " at " + strconv.FormatInt(places, 10) + " places")
	}
	// tointegral never signals Inexact (tointegralx does); the others do
	// whenever the result differs from the exact value.
	if v.op != "tointegral" {
		var isExact bool
		if v.op == "divide" {
			isExact = got.Mul(ops[1]).Equal(ops[0])
		} else {
			isExact = got.Equal(exact)
		}
		if isExact == v.has("inexact") {
			return "", errors.New("Inexact condition disagrees with the result " + got.String())
		}
	}
	return "", nil
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
