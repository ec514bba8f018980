package strictjson_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/strictjson"
)

// Detail words the failure without its path and without the package's own
// prefix on the cause, and still matches the package's sentinel and the
// strictjson error.
func TestDetail(t *testing.T) {
	errPkg := errors.New("acme: invalid input")
	se := &strictjson.Error{Path: "/rate", Kind: strictjson.ErrType, Cause: errors.New("acme: rate needs a unit")}
	d := se.Detail(errPkg, "acme")
	// ErrType reads "strictjson: invalid value": without its prefix, then
	// the cause without "acme: ".
	if got, want := d.Error(), "invalid value: rate needs a unit"; got != want {
		t.Errorf("Detail = %q, want %q", got, want)
	}
	if strings.Contains(d.Error(), "acme:") || strings.Contains(d.Error(), "/rate") {
		t.Errorf("Detail repeats the package or the path: %q", d.Error())
	}
	var as *strictjson.Error
	if !errors.Is(d, errPkg) || !errors.Is(d, strictjson.ErrType) || !errors.As(d, &as) || as != se {
		t.Errorf("Detail does not match the sentinel, the kind and the strictjson error: %v", d)
	}
}
