// Package strictjson decodes and encodes the JSON documents partnerecon
// stores for its hosts — incentive plans, deal-registration policies —
// with the strictness a finance library needs:
//
//   - unknown members are rejected ([ErrUnknownField]); names match
//     case-sensitively, and two names of one object that differ only in
//     case ("rate" and "RATE") are a [ErrDuplicateKey], as are exact
//     duplicates;
//   - null is rejected anywhere ([ErrNull]): it never silently becomes zero;
//   - decimal.Decimal values must be JSON strings in plain decimal notation
//     (money.ParseDecimal: no exponent, no '+', ASCII only); a JSON number
//     there is [ErrNumber]. money.Amount and money.Rate decode strictly by
//     their own methods;
//   - documents larger than [Limits.MaxBytes] ([ErrTooLarge]) or nested
//     deeper than [Limits.MaxDepth] ([ErrTooDeep]) are rejected before
//     decoding; malformed JSON, invalid UTF-8 and trailing data are
//     [ErrSyntax]; a value of the wrong JSON kind is [ErrType].
//
// Every failure is a [*Error] whose Path is the JSON Pointer (RFC 6901) of
// the offending value, e.g. "/components/0/tiers/2/rate", and which
// matches its sentinel with errors.Is (and the underlying cause too, e.g.
// money.ErrSyntax).
//
// Encoding ([Marshal]) is deterministic: struct fields in declaration
// order, map keys sorted, decimals as strings in plain notation.
//
// It is built on github.com/go-json-experiment/json, the mirror of the
// standard library's encoding/json/v2. The package has no state and is
// safe for concurrent use.
package strictjson

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Sentinel errors; every *Error unwraps to one of them.
var (
	ErrSyntax       = errors.New("strictjson: invalid JSON")
	ErrDuplicateKey = errors.New("strictjson: duplicate key")
	ErrUnknownField = errors.New("strictjson: unknown field")
	ErrNull         = errors.New("strictjson: null is not allowed")
	ErrNumber       = errors.New("strictjson: JSON number where a decimal string is required")
	ErrTooLarge     = errors.New("strictjson: document too large")
	ErrTooDeep      = errors.New("strictjson: document nested too deeply")
	ErrType         = errors.New("strictjson: invalid value")
)

// Default limits, used for a zero field of Limits.
const (
	DefaultMaxBytes = 1 << 20 // 1 MiB
	DefaultMaxDepth = 32
)

// Limits bounds the documents Unmarshal accepts. Zero fields take the
// defaults.
type Limits struct {
	MaxBytes int // document size in bytes
	MaxDepth int // nesting of objects and arrays; the top-level value is depth 1
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	return l
}

// Error reports where and why a document was rejected.
type Error struct {
	Path  string // JSON Pointer of the offending value; "" is the whole document
	Kind  error  // one of the sentinels
	Cause error  // the underlying error, if any (e.g. a *money.ParseError)
}

func (e *Error) Error() string {
	path := e.Path
	if path == "" {
		path = "/"
	}
	msg := fmt.Sprintf("%v at %q", e.Kind, path)
	if e.Cause != nil {
		msg += ": " + e.Cause.Error()
	}
	return msg
}

// Unwrap returns the sentinel and the cause.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Cause}
}

// Unmarshal decodes data into v, a non-nil pointer, strictly (see the
// package documentation).
func Unmarshal(data []byte, v any, lim Limits) error {
	lim = lim.withDefaults()
	if len(data) > lim.MaxBytes {
		return &Error{Kind: ErrTooLarge, Cause: fmt.Errorf("%d bytes > %d", len(data), lim.MaxBytes)}
	}
	if err := prepass(data, lim.MaxDepth); err != nil {
		return err
	}
	err := json.Unmarshal(data, v,
		json.RejectUnknownMembers(true),
		json.WithUnmarshalers(json.UnmarshalFromFunc(unmarshalDecimal)))
	if err == nil {
		return nil
	}
	return convert(err)
}

// Marshal encodes v deterministically, with decimal.Decimal values as JSON
// strings in plain notation.
func Marshal(v any) ([]byte, error) {
	b, err := json.Marshal(v,
		json.Deterministic(true),
		json.WithMarshalers(json.MarshalToFunc(marshalDecimal)))
	if err != nil {
		return nil, convert(err)
	}
	return b, nil
}

func marshalDecimal(enc *jsontext.Encoder, d decimal.Decimal) error {
	return enc.WriteToken(jsontext.String(money.FormatDecimal(d, 0)))
}

func unmarshalDecimal(dec *jsontext.Decoder, d *decimal.Decimal) error {
	if k := dec.PeekKind(); k != '"' {
		if _, err := dec.ReadValue(); err != nil {
			return err
		}
		if k == '0' {
			return ErrNumber
		}
		return ErrType
	}
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	v, err := money.ParseDecimal(tok.String())
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// prepass walks the tokens once to enforce depth, null and case-folded
// duplicate names, reporting the JSON Pointer of the offender.
func prepass(data []byte, maxDepth int) error {
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		names  map[string]string // folded → as written
	}
	var stack []frame
	for {
		kind := dec.PeekKind()
		if kind == 0 {
			_, err := dec.ReadToken()
			if errors.Is(err, io.EOF) {
				break
			}
			return syntax(err, string(dec.StackPointer()))
		}
		if depth := dec.StackDepth(); depth > 0 {
			if k, n := dec.StackIndex(depth); kind == '"' && k == '{' && n%2 == 0 {
				// The next token is a member name.
				tok, err := dec.ReadToken()
				if err != nil {
					return syntax(err, string(dec.StackPointer()))
				}
				name := tok.String()
				f := stack[len(stack)-1]
				folded := strings.ToLower(name)
				if prev, ok := f.names[folded]; ok {
					return &Error{Path: string(dec.StackPointer()), Kind: ErrDuplicateKey,
						Cause: fmt.Errorf("%q and %q", prev, name)}
				}
				f.names[folded] = name
				continue
			}
		}
		path := string(dec.StackPointer())
		tok, err := dec.ReadToken()
		if err != nil {
			return syntax(err, path)
		}
		switch tok.Kind() {
		case 'n':
			return &Error{Path: string(dec.StackPointer()), Kind: ErrNull}
		case '{', '[':
			if len(stack)+1 > maxDepth {
				return &Error{Path: string(dec.StackPointer()), Kind: ErrTooDeep,
					Cause: fmt.Errorf("depth > %d", maxDepth)}
			}
			fr := frame{object: tok.Kind() == '{'}
			if fr.object {
				fr.names = map[string]string{}
			}
			stack = append(stack, fr)
		case '}', ']':
			stack = stack[:len(stack)-1]
		}
	}
	return nil
}

func syntax(err error, path string) error {
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		if se.JSONPointer != "" {
			path = string(se.JSONPointer)
		}
		if errors.Is(se.Err, jsontext.ErrDuplicateName) {
			return &Error{Path: path, Kind: ErrDuplicateKey, Cause: err}
		}
	}
	return &Error{Path: path, Kind: ErrSyntax, Cause: err}
}

// convert maps an error of the json package to an *Error.
func convert(err error) error {
	var se *json.SemanticError
	if errors.As(err, &se) {
		path := string(se.JSONPointer)
		switch {
		case errors.Is(se.Err, json.ErrUnknownName):
			return &Error{Path: path, Kind: ErrUnknownField, Cause: err}
		case errors.Is(se.Err, ErrNumber):
			return &Error{Path: path, Kind: ErrNumber}
		case se.Err != nil:
			return &Error{Path: path, Kind: ErrType, Cause: se.Err}
		default:
			return &Error{Path: path, Kind: ErrType, Cause: err}
		}
	}
	var sy *jsontext.SyntacticError
	if errors.As(err, &sy) {
		return syntax(err, "")
	}
	return &Error{Kind: ErrType, Cause: err}
}
