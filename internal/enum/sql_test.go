package enum

import (
	"errors"
	"math"
	"testing"
	"time"
)

type text string

func (t text) MarshalText() ([]byte, error) {
	if t == "" {
		return nil, errors.New("empty")
	}
	return []byte(t), nil
}

// TestSQLText pins the text handed to UnmarshalText for every kind of
// database value, and that []byte input is copied.
func TestSQLText(t *testing.T) {
	raw := []byte("approved")
	got := SQLText(raw)
	raw[0] = 'X'
	if string(got) != "approved" {
		t.Errorf("[]byte not copied: %q", got)
	}
	for _, tt := range []struct {
		src  any
		want string
	}{
		{"1.00 USD", "1.00 USD"},
		{int64(-42), "-42"},
		{nil, "NULL"},
		{true, "true"},
		{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), "2026-01-02T03:04:05Z"},
		{0.1, "float 0.1"},
		{math.Inf(1), "float +Inf"},
		{struct{}{}, "value"},
	} {
		if got := string(SQLText(tt.src)); got != tt.want {
			t.Errorf("SQLText(%#v) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestSQLValue(t *testing.T) {
	v, err := SQLValue(text("incremental"))
	if err != nil || v != "incremental" {
		t.Errorf("SQLValue = %#v, %v", v, err)
	}
	if v, err := SQLValue(text("")); err == nil || v != nil {
		t.Errorf("SQLValue(empty) = %#v, %v; want the MarshalText error", v, err)
	}
}

type doc string

func (d doc) MarshalJSON() ([]byte, error) {
	if d == "" {
		return nil, errors.New("empty")
	}
	return []byte(d), nil
}

func TestSQLJSON(t *testing.T) {
	v, err := SQLJSON(doc(`{"id":"p"}`))
	if err != nil || v != `{"id":"p"}` {
		t.Errorf("SQLJSON = %#v, %v", v, err)
	}
	if v, err := SQLJSON(doc("")); err == nil || v != nil {
		t.Errorf("SQLJSON(empty) = %#v, %v; want the MarshalJSON error", v, err)
	}
}
