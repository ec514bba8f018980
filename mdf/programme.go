package mdf

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Documented limits of the documents ParseProgramme, ParseFund and
// ParseSegmentation read.
const (
	// MaxDocumentBytes is the largest document.
	MaxDocumentBytes = 256 << 10
	// MaxDocumentDepth is the deepest nesting of objects and arrays (the
	// deepest legal member, /activities/0/evidence/0/kind, has depth 4).
	MaxDocumentDepth = 8
	// MaxDays bounds claim windows and extension lengths (ten years).
	MaxDays = 3660
	// MaxExtensionCount bounds the number of extensions a programme grants.
	MaxExtensionCount = 100
)

// ProgrammeSpec is the open form of an MDF programme's rules: how long a
// partner has to claim after an activity ends, how often and by how much
// the vendor may extend that deadline, and per activity type the vendor's
// share of the eligible cost (the co-pay is the rest) and the evidence a
// claim must carry. NewProgramme validates it into a Programme.
type ProgrammeSpec struct {
	// ClaimWindowDays is the number of days after the activity's end
	// within which a claim must be submitted. Required, 1…MaxDays.
	ClaimWindowDays int `json:"claim_window_days"`
	// MaxExtensions is how many times the claim deadline may be
	// extended, 0…MaxExtensionCount.
	MaxExtensions int `json:"max_extensions,omitzero"`
	// ExtensionDays is the length of one extension; required (1…MaxDays)
	// when MaxExtensions > 0, absent otherwise.
	ExtensionDays int `json:"extension_days,omitzero"`
	// Rounding rounds a claim's vendor share (claimed cost × vendor
	// share) once to the currency's minor unit. Required.
	Rounding money.RoundingMode `json:"rounding"`
	// Activities lists the eligible activity types, each once. Required.
	Activities []ActivitySpec `json:"activities"`
}

// ActivitySpec is one eligible activity type.
type ActivitySpec struct {
	// Type names the activity ("trade-show", "email", "webinar").
	Type string `json:"type"`
	// VendorShare is the share of the eligible cost the vendor
	// reimburses, in (0, 100%]; the partner co-pays the rest. Required.
	VendorShare *money.Rate `json:"vendor_share"`
	// Evidence is the proof of performance a claim must carry: at least
	// Min items of each kind, each kind once.
	Evidence []EvidenceRule `json:"evidence,omitzero"`
}

// EvidenceRule asks for at least Min (≥ 1) items of one kind.
type EvidenceRule struct {
	Kind EvidenceKind `json:"kind"`
	Min  int          `json:"min"`
}

// Equal reports whether two specifications are the same (rates compared
// numerically).
func (s ProgrammeSpec) Equal(o ProgrammeSpec) bool {
	return s.ClaimWindowDays == o.ClaimWindowDays && s.MaxExtensions == o.MaxExtensions &&
		s.ExtensionDays == o.ExtensionDays && s.Rounding == o.Rounding &&
		slices.EqualFunc(s.Activities, o.Activities, ActivitySpec.Equal)
}

// Equal reports whether two activity specifications are the same.
func (a ActivitySpec) Equal(o ActivitySpec) bool {
	return a.Type == o.Type && ptrEqual(a.VendorShare, o.VendorShare) && slices.Equal(a.Evidence, o.Evidence)
}

func (s ProgrammeSpec) clone() ProgrammeSpec {
	s.Activities = slices.Clone(s.Activities)
	for i := range s.Activities {
		s.Activities[i].VendorShare = clonePtr(s.Activities[i].VendorShare)
		s.Activities[i].Evidence = slices.Clone(s.Activities[i].Evidence)
	}
	return s
}

// Programme is a validated ProgrammeSpec: opaque and immutable. The zero
// Programme is invalid (IsValid is false) and every lifecycle event
// refuses it.
type Programme struct {
	spec  ProgrammeSpec
	valid bool
}

// NewProgramme validates spec. Errors are *InputErrors at the members of
// ProgrammeSpec ("/claim_window_days", "/activities/1/vendor_share",
// "/activities/0/evidence/2/min", …), joined.
func NewProgramme(spec ProgrammeSpec) (Programme, error) {
	var l errList
	if spec.ClaimWindowDays < 1 || spec.ClaimWindowDays > MaxDays {
		l.add("/claim_window_days", itoa(spec.ClaimWindowDays), wrap(ErrRange, "want 1…%d days", MaxDays))
	}
	switch {
	case spec.MaxExtensions < 0 || spec.MaxExtensions > MaxExtensionCount:
		l.add("/max_extensions", itoa(spec.MaxExtensions), wrap(ErrRange, "want 0…%d", MaxExtensionCount))
	case spec.MaxExtensions == 0 && spec.ExtensionDays != 0:
		l.add("/extension_days", itoa(spec.ExtensionDays), wrap(ErrInvalid, "no extensions are granted"))
	case spec.MaxExtensions > 0 && (spec.ExtensionDays < 1 || spec.ExtensionDays > MaxDays):
		l.add("/extension_days", itoa(spec.ExtensionDays), wrap(ErrRange, "want 1…%d days", MaxDays))
	}
	if !spec.Rounding.IsValid() {
		l.add("/rounding", "", ErrMissing)
	}
	if len(spec.Activities) == 0 {
		l.add("/activities", "", ErrMissing)
	}
	types := make(map[string]bool, len(spec.Activities))
	for i, a := range spec.Activities {
		p := field.At("activities", i)
		switch {
		case a.Type == "":
			l.add(p+"/type", "", ErrMissing)
		case types[a.Type]:
			l.add(p+"/type", a.Type, ErrDuplicate)
		}
		types[a.Type] = true
		checkShare(&l, p+"/vendor_share", a.VendorShare)
		kinds := make(map[EvidenceKind]bool, len(a.Evidence))
		for j, e := range a.Evidence {
			q := field.At("activities", i, "evidence", j)
			switch {
			case !e.Kind.IsValid():
				l.add(q+"/kind", e.Kind.String(), ErrMissing)
			case kinds[e.Kind]:
				l.add(q+"/kind", e.Kind.String(), ErrDuplicate)
			}
			kinds[e.Kind] = true
			if e.Min < 1 {
				l.add(q+"/min", itoa(e.Min), ErrNonPositive)
			}
		}
	}
	if err := l.err(); err != nil {
		return Programme{}, err
	}
	return Programme{spec: spec.clone(), valid: true}, nil
}

// checkShare checks a required rate in (0, 100%].
func checkShare(l *errList, path string, r *money.Rate) {
	switch {
	case r == nil:
		l.add(path, "", ErrMissing)
	case !money.InRange(r.Fraction()):
		l.add(path, r.String(), ErrRange)
	case r.Sign() <= 0 || r.Cmp(money.RateFromFraction(decimal.New(1, 0))) > 0:
		l.add(path, r.FormatPercent(), wrap(ErrInvalid, "outside (0, 100%%]"))
	}
}

// ParseProgramme decodes a programme document strictly (strictjson:
// unknown, duplicate or null members, JSON numbers for rates, documents
// over MaxDocumentBytes or deeper than MaxDocumentDepth are *InputErrors
// at the offending pointer) and validates it as NewProgramme does.
func ParseProgramme(data []byte) (Programme, error) {
	var spec ProgrammeSpec
	if err := decode(data, &spec); err != nil {
		return Programme{}, err
	}
	return NewProgramme(spec)
}

func decode(data []byte, v any) error {
	if err := strictjson.Unmarshal(data, v, strictjson.Limits{MaxBytes: MaxDocumentBytes, MaxDepth: MaxDocumentDepth}, strictjson.RatesWithUnit()); err != nil {
		return documentError(err)
	}
	return nil
}

// MustParseProgramme is ParseProgramme that panics on error, for literals
// in tests and examples.
func MustParseProgramme(data string) Programme {
	p, err := ParseProgramme([]byte(data))
	if err != nil {
		panic(err)
	}
	return p
}

// IsValid reports whether p was built by NewProgramme or ParseProgramme.
func (p Programme) IsValid() bool { return p.valid }

// Spec returns a deep copy of the specification.
func (p Programme) Spec() ProgrammeSpec { return p.spec.clone() }

// Equal reports whether two programmes have the same specification.
func (p Programme) Equal(o Programme) bool { return p.valid == o.valid && p.spec.Equal(o.spec) }

// MarshalJSON encodes the specification in the form ParseProgramme
// reads. The zero Programme fails.
func (p Programme) MarshalJSON() ([]byte, error) {
	if !p.valid {
		return nil, zeroProgramme()
	}
	return strictjson.Marshal(p.spec, strictjson.RatesWithUnit())
}

// UnmarshalJSON is ParseProgramme.
func (p *Programme) UnmarshalJSON(b []byte) error {
	q, err := ParseProgramme(b)
	if err == nil {
		*p = q
	}
	return err
}

func zeroProgramme() error {
	return &InputError{Err: wrap(ErrInvalid, "the zero Programme (use NewProgramme or ParseProgramme)")}
}

// ClaimWindow returns the claim window as a duration (days × 24 h).
func (p Programme) ClaimWindow() time.Duration { return days(p.spec.ClaimWindowDays) }

// ExtensionLength returns the length of one extension (zero when none are
// granted).
func (p Programme) ExtensionLength() time.Duration { return days(p.spec.ExtensionDays) }

// MaxExtensions returns how many extensions may be granted.
func (p Programme) MaxExtensions() int { return p.spec.MaxExtensions }

// Activity returns the activity type's specification (a copy) and
// whether the programme has it.
func (p Programme) Activity(activityType string) (ActivitySpec, bool) {
	for _, a := range p.spec.Activities {
		if a.Type == activityType {
			a.VendorShare = clonePtr(a.VendorShare)
			a.Evidence = slices.Clone(a.Evidence)
			return a, true
		}
	}
	return ActivitySpec{}, false
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }
