package incentive

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// change changes the settable value v to a different value of its type:
// a zero value becomes non-zero, so mutate also fills a value. Slices get
// a new backing array (never the original's), so a copy of a struct can
// be mutated without touching the struct it was copied from.
func change(v reflect.Value) {
	switch x := v.Addr().Interface().(type) {
	case *decimal.Decimal:
		*x = x.Add(decimal.New(1, -2))
		return
	case *money.Amount:
		if !x.IsValid() {
			*x = money.MustParse("1.00 USD")
		} else if y, err := x.Add(money.New(decimal.New(1, -2), x.Currency())); err == nil {
			*x = y
		}
		return
	case *money.Rate:
		*x = money.RateFromFraction(x.Fraction().Add(decimal.New(1, -2)))
		return
	case *money.Currency:
		if x.Code() == "USD" {
			*x = money.MustCurrency("EUR")
		} else {
			*x = money.MustCurrency("USD")
		}
		return
	case *time.Time:
		*x = x.Add(time.Hour)
		return
	case *Line: // no exported field: another line, paying another recipient
		*x = handLine(Recipient{Kind: RecipientPartner, ID: x.id + "x"}, "c", "p", decimal.Zero, decimal.Zero)
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint8:
		v.SetUint(v.Uint()%2 + 1) // stays a valid enum value: 0 → 1, 1 → 2, 2 → 1
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				change(v.Field(i))
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), max(v.Len(), 1), max(v.Len(), 1))
		reflect.Copy(s, v)
		change(s.Index(0))
		v.Set(s)
	case reflect.Pointer: // a fresh copy, so the value changed is not shared
		n := reflect.New(v.Type().Elem())
		if !v.IsNil() {
			n.Elem().Set(v.Elem())
		}
		change(n.Elem())
		v.Set(n)
	default:
		panic("change: unhandled " + v.Type().String())
	}
}

// checkEqualFields fills a T, then changes each exported field in turn
// (for a struct or slice field: every exported field of it, or of its
// first element) and checks that Equal reports false — or true for the
// fields Equal deliberately ignores.
func checkEqualFields[T interface{ Equal(T) bool }](t *testing.T, ignored ...string) {
	t.Helper()
	var base T
	change(reflect.ValueOf(&base).Elem())
	if !base.Equal(base) {
		t.Fatalf("%T: a value differs from itself", base)
	}
	rt := reflect.TypeFor[T]()
	for i := range rt.NumField() {
		f := rt.Field(i)
		if !f.IsExported() {
			continue
		}
		other := base
		change(reflect.ValueOf(&other).Elem().Field(i))
		if got, want := base.Equal(other), slices.Contains(ignored, f.Name); got != want {
			t.Errorf("%T: changing %s: Equal = %v, want %v", base, f.Name, got, want)
		}
	}
}

// Every hand-written Equal method notices a change in any field, except
// the fields its doc says it ignores.
func TestEqualMethodsCoverEveryField(t *testing.T) {
	t.Run("ModifierStep", func(t *testing.T) { checkEqualFields[ModifierStep](t) })
	t.Run("LimitStep", func(t *testing.T) { checkEqualFields[LimitStep](t) })
	t.Run("Trace", func(t *testing.T) { checkEqualFields[Trace](t) })
	t.Run("AttainmentStep", func(t *testing.T) { checkEqualFields[AttainmentStep](t) })
	t.Run("Credit", func(t *testing.T) { checkEqualFields[Credit](t) })
	t.Run("DrawStep", func(t *testing.T) { checkEqualFields[DrawStep](t) })
	t.Run("BehaviourLine", func(t *testing.T) { checkEqualFields[BehaviourLine](t) })
	t.Run("MemberShare", func(t *testing.T) { checkEqualFields[MemberShare](t) })
	t.Run("GroupAward", func(t *testing.T) { checkEqualFields[GroupAward](t) })
	t.Run("BudgetSpec", func(t *testing.T) { checkEqualFields[BudgetSpec](t) })
	t.Run("PartialClaim", func(t *testing.T) { checkEqualFields[PartialClaim](t) })
	t.Run("Entry", func(t *testing.T) { checkEqualFields[Entry](t) })
	t.Run("Position", func(t *testing.T) { checkEqualFields[Position](t) })
	t.Run("Estimate", func(t *testing.T) { checkEqualFields[Estimate](t) })
	t.Run("PartialMeasure", func(t *testing.T) { checkEqualFields[PartialMeasure](t) })
	t.Run("Period", func(t *testing.T) { checkEqualFields[Period](t) })
	// Result.Equal compares the plan by hash, which determines its ID and
	// version.
	t.Run("Result", func(t *testing.T) { checkEqualFields[Result](t, "Plan", "PlanVersion") })
}

// The Equal methods over unexported state: Line compares traces (its
// calculation), Ledger runs and entries, Plan its content hash, Date the
// day. Figures by hand: 1 % of 10.00 = 0.10, of 20.00 = 0.20.
func TestEqualMethodsOverUnexportedState(t *testing.T) {
	p := MustParsePlan(ledgerPlan)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	eval := func(amount string) Result {
		r, err := Evaluate(p, q3, nil, slices.Values([]Transaction{sale("1", 3, amount)}))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a, b := eval("10.00"), eval("20.00")
	// Same figures, different calculations (one more transaction): the
	// traces differ.
	la := a.Lines[0]
	lb, lc := ownCopy(la)
	lc.count++
	if lb.Recipient() != la.Recipient() || lb.Component() != la.Component() || lb.Version() != la.Version() ||
		lb.Period() != la.Period() || !lb.Measure().Equal(la.Measure()) || !lb.Amount().Equal(la.Amount()) {
		t.Fatal("ownCopy changed the line's figures")
	}
	if la.Equal(lb) || !la.Equal(eval("10.00").Lines[0]) || la.Equal(b.Lines[0]) {
		t.Error("Line.Equal does not compare traces")
	}
	var l Ledger
	l1, _, err := l.Settle("2025-09", a)
	if err != nil {
		t.Fatal(err)
	}
	l2, _, _ := l.Settle("2025-09", b)        // another entry
	l3, _, _ := l.Settle("2025-10", a)        // another run
	l4, _, _ := l1.Settle("2025-10", a)       // a run without entries
	l5, _, _ := Ledger{}.Settle("2025-09", a) // the same
	if l1.Equal(l2) || l1.Equal(l3) || l1.Equal(l4) || !l1.Equal(l5) {
		t.Error("Ledger.Equal misses runs or entries")
	}
	other := MustParsePlan(strings.Replace(ledgerPlan, `"places":2`, `"places":1`, 1))
	if p.Equal(other) || !p.Equal(MustParsePlan(ledgerPlan)) {
		t.Error("Plan.Equal")
	}
	if MustDate("2025-07-01").Equal(MustDate("2025-07-02")) || !MustDate("2025-07-01").Equal(NewDate(2025, 7, 1)) {
		t.Error("Date.Equal")
	}
}
