package strictjson

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

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
	// ErrTooLong reports an array with more elements than
	// Limits.MaxElements, found before anything is decoded.
	ErrTooLong = errors.New("strictjson: array too long")
	ErrType    = errors.New("strictjson: invalid value")
	// ErrRateUnit reports a non-zero rate written without its unit ("1"
	// instead of "1%") in a document decoded with RatesWithUnit. It is
	// also an ErrType.
	ErrRateUnit = errors.New("strictjson: rate without a unit")
)

// Option changes how Unmarshal and Marshal treat one kind of value. The
// zero Option changes nothing.
type Option struct {
	rateUnit bool
}

// RatesWithUnit makes money.Rate values carry their unit: Unmarshal
// rejects a bare non-zero number ("1", "0.025") with ErrRateUnit and a
// hint (did you mean "1%"?), accepting only "2.5%", "250bp" and a bare
// zero ("0"); Marshal writes rates as percentages ("2.5%"), never as bare
// fractions. A bare "1" would otherwise be the fraction 1, that is 100 %.
func RatesWithUnit() Option { return Option{rateUnit: true} }

func merge(opts []Option) Option {
	var o Option
	for _, x := range opts {
		o.rateUnit = o.rateUnit || x.rateUnit
	}
	return o
}

// Default limits, used for a zero field of Limits.
const (
	DefaultMaxBytes = 1 << 20 // 1 MiB
	DefaultMaxDepth = 32
)

// Limits bounds the documents Unmarshal accepts. Zero (or negative)
// fields take the defaults.
type Limits struct {
	MaxBytes int // document size in bytes
	MaxDepth int // nesting of objects and arrays; the top-level value is depth 1
	// MaxElements is the most elements any one array may have; zero means
	// no limit beyond MaxBytes. A longer array is ErrTooLong, found while
	// the document is walked and before anything is decoded, so a decoder
	// with a documented count (tiers, components) pays nothing for the
	// elements beyond it.
	MaxElements int
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxElements <= 0 {
		l.MaxElements = math.MaxInt
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
	// Line and Column locate a syntax error (ErrSyntax) in the document,
	// both from 1, the column in characters; zero otherwise.
	Line, Column int
}

// Error returns "<sentinel message> at <quoted path>[ (line L, column
// C)][: <cause>]". The cause is worded for a person: what was expected,
// the nearest valid member name, never a Go type.
func (e *Error) Error() string {
	path := e.Path
	if path == "" {
		path = "/"
	}
	msg := fmt.Sprintf("%v at %q", e.Kind, path)
	if e.Line > 0 {
		msg += fmt.Sprintf(" (line %d, column %d)", e.Line, e.Column)
	}
	if e.Cause != nil {
		msg += ": " + e.Cause.Error()
	}
	return msg
}

// Reason returns the failure without its path, for a package that reports
// the path in its own field error: the kind ("unknown field", "invalid
// value") and, when it says more, the cause. A decoder's own wording,
// which names Go types, is left out.
func (e *Error) Reason() string {
	msg := strings.TrimPrefix(e.Kind.Error(), "strictjson: ")
	if e.Cause == nil {
		return msg
	}
	cause := e.Cause.Error()
	switch {
	case strings.HasPrefix(cause, "json: "):
		return msg
	case strings.HasPrefix(cause, "jsontext: "):
		cause = strings.TrimPrefix(cause, "jsontext: ")
	}
	return msg + ": " + cause
}

// Detail returns e as the cause of a package's own field error: an error
// worded by Reason (the failure without its path, which the package's
// error carries, and without the decoder's own wording), with the prefix
// "pkg: " of a cause from that package left out so that the package name
// is not said twice, and matching both sentinel and e (errors.Is/As).
// Every package that decodes a document through strictjson wraps its
// failures with it: mdf's documentError returns
// &InputError{Path: se.Path, Err: se.Detail(ErrInvalid, "mdf")}.
func (e *Error) Detail(sentinel error, pkg string) error {
	return detailError{e: e, sentinel: sentinel, pkg: pkg}
}

// detailError is the error Detail returns.
type detailError struct {
	e        *Error
	sentinel error
	pkg      string
}

func (d detailError) Error() string {
	return strings.ReplaceAll(d.e.Reason(), ": "+d.pkg+": ", ": ")
}

func (d detailError) Unwrap() []error { return []error{d.sentinel, d.e} }

// FieldPath returns Path, the JSON Pointer of the offending value ("" for
// the whole document). Hosts map an error of any partnerecon package to a
// form field through errors.As(err, &interface{ FieldPath() string }).
func (e *Error) FieldPath() string { return e.Path }

// Unwrap returns the sentinel and the cause. An ErrNumber error also
// unwraps to ErrType: a number where a string is required is a value of
// the wrong kind.
func (e *Error) Unwrap() []error {
	errs := make([]error, 0, 3)
	errs = append(errs, e.Kind)
	if e.Kind == ErrNumber || e.Kind == ErrRateUnit {
		errs = append(errs, ErrType)
	}
	if e.Cause != nil {
		errs = append(errs, e.Cause)
	}
	return errs
}

// Unmarshal decodes data into v, a non-nil pointer, strictly (see the
// package documentation), with the given options.
func Unmarshal(data []byte, v any, lim Limits, opts ...Option) error {
	lim = lim.withDefaults()
	o := merge(opts)
	if len(data) > lim.MaxBytes {
		return &Error{Kind: ErrTooLarge, Cause: fmt.Errorf("%d bytes > %d", len(data), lim.MaxBytes)}
	}
	data = trimBOM(data)
	if err := prepass(data, lim.MaxDepth, lim.MaxElements); err != nil {
		return err
	}
	err := json.Unmarshal(data, v,
		json.RejectUnknownMembers(true),
		json.WithUnmarshalers(json.JoinUnmarshalers(
			json.UnmarshalFromFunc(func(dec *jsontext.Decoder, d *decimal.Decimal) error {
				return unmarshalString(dec, func(s string) (err error) { *d, err = money.ParseDecimal(s); return err })
			}),
			json.UnmarshalFromFunc(func(dec *jsontext.Decoder, a *money.Amount) error {
				return unmarshalString(dec, func(s string) (err error) { *a, err = money.Parse(s); return err })
			}),
			json.UnmarshalFromFunc(func(dec *jsontext.Decoder, r *money.Rate) error {
				return unmarshalString(dec, func(s string) (err error) { *r, err = parseRate(s, o.rateUnit); return err })
			}),
		)))
	if err == nil {
		return nil
	}
	return convert(err, data)
}

// bom is the UTF-8 encoding of U+FEFF, which spreadsheet exports and some
// editors write at the start of a file.
const bom = "\ufeff"

// trimBOM drops a byte-order mark at the start of data (only there).
func trimBOM(data []byte) []byte { return bytes.TrimPrefix(data, []byte(bom)) }

// Marshal encodes v deterministically, with decimal.Decimal values as JSON
// strings in plain notation. It fails with an *Error rather than write a
// document Unmarshal would reject: a null, case-variant duplicate keys, or
// a decimal outside what money.ParseDecimal reads (see money.MaxTextLen
// and money.MaxExponent).
func Marshal(v any, opts ...Option) ([]byte, error) {
	b, err := json.Marshal(v, json.Deterministic(true), json.WithMarshalers(marshalers(opts)))
	if err != nil {
		return nil, convert(err, nil)
	}
	if err := prepass(b, math.MaxInt, math.MaxInt); err != nil {
		return nil, err
	}
	return b, nil
}

// MarshalEncode writes v to enc as Marshal encodes it, without Marshal's
// check of the whole document: for a MarshalJSONTo method, so that a
// document is encoded in one pass and checked once, by the Marshal that
// encodes it.
func MarshalEncode(enc *jsontext.Encoder, v any, opts ...Option) error {
	return json.MarshalEncode(enc, v, json.Deterministic(true), json.WithMarshalers(marshalers(opts)))
}

// marshalers are the encoders of decimals, and of rates with RatesWithUnit.
func marshalers(opts []Option) *json.Marshalers {
	m := json.MarshalToFunc(marshalDecimal)
	if merge(opts).rateUnit {
		m = json.JoinMarshalers(m, json.MarshalToFunc(marshalRatePercent))
	}
	return m
}

// EncodeDecimal writes d to enc as Marshal writes a decimal: a JSON string
// in plain notation, refused (money.ErrRange) outside money's operating
// range or when the text is too long for money.ParseDecimal to read back.
// It is for a MarshalJSONTo method that writes its fields itself.
func EncodeDecimal(enc *jsontext.Encoder, d decimal.Decimal) error { return marshalDecimal(enc, d) }

func marshalDecimal(enc *jsontext.Encoder, d decimal.Decimal) error {
	if err := money.CheckRange("decimal", d); err != nil {
		return err
	}
	s := money.FormatDecimal(d, 0)
	// ParseDecimal reads back any in-range text FormatDecimal writes that
	// fits MaxTextLen bytes; a longer one is its error.
	if len(s) > money.MaxTextLen {
		if _, err := money.ParseDecimal(s); err != nil {
			return err // too long to be read back
		}
	}
	return enc.WriteToken(jsontext.String(s))
}

// marshalRatePercent writes a rate as a percentage ("2.5%").
func marshalRatePercent(enc *jsontext.Encoder, r money.Rate) error {
	if _, err := r.MarshalText(); err != nil {
		return err // out of range
	}
	return enc.WriteToken(jsontext.String(r.FormatPercent()))
}

// parseRate parses a rate; with unit, a bare non-zero number is a
// *RateUnitError.
func parseRate(s string, unit bool) (money.Rate, error) {
	r, err := money.ParseRate(s)
	if err != nil || !unit || r.IsZero() || strings.HasSuffix(s, "%") || strings.HasSuffix(s, "bp") {
		return r, err
	}
	return money.Rate{}, &RateUnitError{Input: s}
}

// RateUnitError is the cause of an ErrRateUnit *Error: a bare non-zero
// rate. Its message suggests the unit the writer probably meant.
type RateUnitError struct {
	Input string // the rate as written, e.g. "1"
}

// Error returns the hint: `did you mean "1%"?` for a bare number of 1 or
// more, `did you mean "2.5%" (the fraction 0.025) or "0.025%"?` below 1.
func (e *RateUnitError) Error() string {
	r, err := money.ParseRate(e.Input)
	if err != nil || r.Fraction().Abs().Cmp(decimal.New(1, 0)) >= 0 {
		return fmt.Sprintf("did you mean %q?", e.Input+"%")
	}
	return fmt.Sprintf("did you mean %q (the fraction %s) or %q?", r.FormatPercent(), e.Input, e.Input+"%")
}

// unmarshalString reads a JSON string and hands its value to parse. A
// number is ErrNumber, any other kind ErrType.
func unmarshalString(dec *jsontext.Decoder, parse func(string) error) error {
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
	return parse(tok.String())
}

// fold maps a name to a key shared by exactly the names equal to it under
// Unicode simple case folding (as strings.EqualFold): each rune becomes
// the smallest rune of its folding orbit, lower-cased if that is an ASCII
// capital, so that ASCII lower-case names (the common case) map to
// themselves without allocating.
func fold(name string) string {
	return strings.Map(foldRune, name)
}

func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	if 'A' <= m && m <= 'Z' {
		m += 'a' - 'A'
	}
	return m
}

// prepass walks the tokens once to enforce depth, null and case-folded
// duplicate names, reporting the JSON Pointer of the offender.
func prepass(data []byte, maxDepth, maxElements int) error {
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	// stack[i] holds the names seen so far in the object open at depth
	// i+1 (nil for an array); entries past len(stack) keep their backing
	// arrays for reuse by the next sibling.
	var stack []names
	seed := maphash.MakeSeed() // names' fingerprints: unpredictable, so not chosen to collide
	for {
		kind := dec.PeekKind()
		if kind == 0 {
			_, err := dec.ReadToken()
			if errors.Is(err, io.EOF) {
				break
			}
			return syntax(err, string(dec.StackPointer()), data)
		}
		if depth := dec.StackDepth(); depth > 0 {
			k, n := dec.StackIndex(depth)
			if k == '[' && kind != ']' && n >= int64(maxElements) {
				p := string(dec.StackPointer())
				return &Error{Path: p[:strings.LastIndexByte(p, '/')], Kind: ErrTooLong,
					Cause: fmt.Errorf("more than %d elements", maxElements)}
			}
			if kind == '"' && k == '{' && n%2 == 0 {
				// The next token is a member name, read raw (quoted):
				// no string is made of it unless it is a duplicate.
				v, err := dec.ReadValue()
				if err != nil {
					return syntax(err, string(dec.StackPointer()), data)
				}
				if prev, dup := stack[len(stack)-1].add(v); dup {
					return &Error{Path: string(dec.StackPointer()), Kind: ErrDuplicateKey,
						Cause: fmt.Errorf("%q and %q", prev, unquote(v))}
				}
				continue
			}
		}
		tok, err := dec.ReadToken()
		if err != nil {
			return syntax(err, string(dec.StackPointer()), data)
		}
		switch tok.Kind() {
		case 'n':
			return &Error{Path: string(dec.StackPointer()), Kind: ErrNull}
		case '{', '[':
			if len(stack)+1 > maxDepth {
				return &Error{Path: string(dec.StackPointer()), Kind: ErrTooDeep,
					Cause: fmt.Errorf("depth > %d", maxDepth)}
			}
			if len(stack) < cap(stack) {
				stack = stack[:len(stack)+1]
				stack[len(stack)-1].reset(seed)
			} else {
				stack = append(stack, names{seed: seed})
			}
		case '}', ']':
			stack = stack[:len(stack)-1]
		}
	}
	return nil
}

// Members returns the JSON Pointers of the object members in data for
// which keep returns true ("/tiers/2/rate"), so that a decoder can tell
// an absent member from one written as zero. Call it on a document
// Unmarshal accepted: it returns an ErrSyntax *Error on malformed JSON and
// walks the document once, keeping only what keep selects.
func Members(data []byte, keep func(pointer string) bool) (map[string]bool, error) {
	data = trimBOM(data)
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	out := map[string]bool{}
	for {
		kind := dec.PeekKind()
		if depth := dec.StackDepth(); kind == '"' && depth > 0 {
			if k, n := dec.StackIndex(depth); k == '{' && n%2 == 0 {
				if _, err := dec.ReadToken(); err != nil {
					return nil, syntax(err, string(dec.StackPointer()), data)
				}
				if p := string(dec.StackPointer()); keep(p) {
					out[p] = true
				}
				continue
			}
		}
		if _, err := dec.ReadToken(); err != nil {
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			return nil, syntax(err, string(dec.StackPointer()), data)
		}
	}
}

// names is the set of member names of one object, keyed by their case
// fold. Each fold has a 64-bit fingerprint (hash/maphash); a name is looked up
// by scanning the fingerprints while the object is small, through a map
// from fingerprint to the first name with it beyond namesLinear names (maps
// with many keys), and by scanning again on a fingerprint the map has for
// another fold. The folds and the names as written (raw JSON strings) are
// kept one after another in two byte slices, and the map is reused from
// object to object, so that a name costs no allocation.
type names struct {
	folds, raws     []byte
	foldEnd, rawEnd []int    // where each name's fold and raw name end
	fps             []uint64 // each fold's fingerprint
	index           map[uint64]int
	spare           map[uint64]int // index's storage, kept for the next object
	seed            maphash.Seed
}

const namesLinear = 64

// reset empties ns for the next object (a slot past the stack's length
// may never have been used: it gets the seed too).
func (ns *names) reset(seed maphash.Seed) {
	ns.folds, ns.raws, ns.foldEnd, ns.rawEnd, ns.fps, ns.index = ns.folds[:0], ns.raws[:0], ns.foldEnd[:0], ns.rawEnd[:0], ns.fps[:0], nil
	ns.seed = seed
}

// fold returns the fold of name i.
func (ns *names) fold(i int) []byte {
	from := 0
	if i > 0 {
		from = ns.foldEnd[i-1]
	}
	return ns.folds[from:ns.foldEnd[i]]
}

// written returns name i as written.
func (ns *names) written(i int) string {
	from := 0
	if i > 0 {
		from = ns.rawEnd[i-1]
	}
	return unquote(ns.raws[from:ns.rawEnd[i]])
}

// fingerprint returns b's 64-bit hash under the prepass's random seed: a
// document cannot be written so that many of its names share one (and
// are scanned for each other).
func (ns *names) fingerprint(b []byte) uint64 { return maphash.Bytes(ns.seed, b) }

// find returns the position of the name whose fold is f (fingerprint fp).
func (ns *names) find(f []byte, fp uint64) (int, bool) {
	if ns.index != nil {
		i, ok := ns.index[fp]
		if !ok {
			return 0, false
		}
		if bytes.Equal(ns.fold(i), f) {
			return i, true
		}
		// Another fold with the same fingerprint: scan them all.
	}
	for i, g := range ns.fps {
		if g == fp && bytes.Equal(ns.fold(i), f) {
			return i, true
		}
	}
	return 0, false
}

// add records the name whose raw JSON string is v, or returns the name
// written earlier with the same fold (the prepass then stops: ns is not
// used again).
func (ns *names) add(v []byte) (prev string, dup bool) {
	from := len(ns.folds)
	ns.folds = appendFold(ns.folds, v)
	f := ns.folds[from:]
	fp := ns.fingerprint(f)
	if i, ok := ns.find(f, fp); ok {
		return ns.written(i), true
	}
	n := len(ns.fps)
	if ns.index == nil && n == namesLinear {
		if ns.spare == nil {
			ns.spare = make(map[uint64]int, 4*namesLinear)
		}
		clear(ns.spare)
		ns.index = ns.spare
		for i := len(ns.fps) - 1; i >= 0; i-- { // the first name of a fingerprint last
			ns.index[ns.fps[i]] = i
		}
	}
	if _, taken := ns.index[fp]; ns.index != nil && !taken {
		ns.index[fp] = n
	}
	ns.fps = append(ns.fps, fp)
	ns.foldEnd = append(ns.foldEnd, len(ns.folds))
	ns.raws = append(ns.raws, v...)
	ns.rawEnd = append(ns.rawEnd, len(ns.raws))
	return "", false
}

// appendFold appends to dst the fold of the name whose raw JSON string is
// v: byte by byte for plain ASCII, else through the unquoted name.
func appendFold(dst, v []byte) []byte {
	in := v[1 : len(v)-1]
	for _, c := range in {
		if c == '\\' || c >= utf8.RuneSelf {
			return append(dst, fold(unquote(v))...)
		}
	}
	for _, c := range in {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// unquote returns the name whose raw JSON string (valid: the decoder read
// it) is v.
func unquote(v []byte) string {
	b, _ := jsontext.AppendUnquote(nil, v)
	return string(b)
}

func syntax(err error, path string, data []byte) error {
	var se *jsontext.SyntacticError
	if !errors.As(err, &se) {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			line, col := position(data, int64(len(data)))
			return &Error{Path: path, Kind: ErrSyntax, Cause: &worded{msg: "unexpected EOF", err: err}, Line: line, Column: col}
		}
		return &Error{Path: path, Kind: ErrSyntax, Cause: err}
	}
	if se.JSONPointer != "" {
		path = string(se.JSONPointer)
	}
	line, col := position(data, se.ByteOffset)
	if errors.Is(se.Err, jsontext.ErrDuplicateName) {
		name := path[strings.LastIndexByte(path, '/')+1:]
		name = strings.ReplaceAll(strings.ReplaceAll(name, "~1", "/"), "~0", "~")
		return &Error{Path: path, Kind: ErrDuplicateKey, Cause: &worded{msg: fmt.Sprintf("%q is written twice", name), err: err}, Line: line, Column: col}
	}
	reason := "invalid JSON"
	if se.Err != nil {
		reason = se.Err.Error()
	}
	return &Error{Path: path, Kind: ErrSyntax, Cause: &worded{msg: reason, err: err}, Line: line, Column: col}
}

// position returns the line and column (both from 1, the column in
// characters) of byte offset off of data.
func position(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	nl := bytes.LastIndexByte(before, '\n')
	return bytes.Count(before, []byte{'\n'}) + 1, utf8.RuneCount(before[nl+1:]) + 1
}

// worded is a cause reworded for a person; it unwraps to the decoder's
// error.
type worded struct {
	msg string
	err error
}

func (w *worded) Error() string { return w.msg }
func (w *worded) Unwrap() error { return w.err }

// convert maps an error of the json package to an *Error; data is the
// document (nil when encoding).
func convert(err error, data []byte) error {
	var se *json.SemanticError
	if errors.As(err, &se) {
		path := string(se.JSONPointer)
		switch {
		case errors.Is(se.Err, json.ErrUnknownName):
			return &Error{Path: path, Kind: ErrUnknownField, Cause: &worded{msg: unknownHint(path, se.GoType), err: err}}
		case errors.Is(se.Err, ErrNumber):
			return &Error{Path: path, Kind: ErrNumber}
		case errors.As(se.Err, new(*RateUnitError)):
			return &Error{Path: path, Kind: ErrRateUnit, Cause: se.Err}
		case se.Err != nil:
			return &Error{Path: path, Kind: ErrType, Cause: se.Err}
		case se.GoType != nil && se.JSONKind != 0:
			return &Error{Path: path, Kind: ErrType, Cause: &worded{msg: kindHint(se.GoType, se.JSONKind), err: err}}
		default:
			return &Error{Path: path, Kind: ErrType}
		}
	}
	var sy *jsontext.SyntacticError
	if errors.As(err, &sy) {
		return syntax(err, "", data)
	}
	return &Error{Kind: ErrType, Cause: err}
}
