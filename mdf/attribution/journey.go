package attribution

import (
	"math/bits"
	"slices"
	"strconv"
	"time"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Documented limits of the journeys.
const (
	// MaxJourneysBytes is the largest journeys document ParseJourneys
	// reads.
	MaxJourneysBytes = 256 << 20
	// MaxJourneysDepth is the deepest nesting of a journeys document
	// (/journeys/0/touches/0/channel has depth 5).
	MaxJourneysDepth = 5
	// MaxJourneys is the largest number of journeys attributed at once.
	MaxJourneys = 10_000_000
	// MaxTouches is the largest number of touches of one journey.
	MaxTouches = 10_000
	// MaxChannels is the largest number of distinct channels.
	MaxChannels = 64
	// MaxChannelLen is the longest channel name, in bytes.
	MaxChannelLen = 200
)

// Touch is one marketing touch of a journey: a channel at a time.
type Touch struct {
	Channel string    `json:"channel"`
	At      time.Time `json:"at"`
}

// ConversionEvent ends a converting journey: when it converted and, under the
// Revenue basis, its value (required there, ignored under
// Conversions).
type ConversionEvent struct {
	At    time.Time     `json:"at"`
	Value *money.Amount `json:"value,omitempty"`
}

// Journey is one prospect's ordered touches, ending in a conversion or
// not (Conversion nil). Touches are in time order (equal times keep their
// order); the conversion is not before the last touch.
type Journey struct {
	Touches    []Touch          `json:"touches"`
	Conversion *ConversionEvent `json:"conversion,omitempty"`
}

type journeysDoc struct {
	Journeys []Journey `json:"journeys"`
}

// ParseJourneys decodes a journeys document, {"journeys": [...]},
// strictly: unknown or duplicate members, null, malformed times or
// amounts, documents over MaxJourneysBytes or nested deeper than
// MaxJourneysDepth fail with an *InputError at the offending JSON Pointer
// ("/journeys/3/touches/0/at"). The journeys themselves are validated by
// Rule.Attribute.
func ParseJourneys(data []byte) ([]Journey, error) {
	var doc journeysDoc
	if err := strictjson.Unmarshal(data, &doc, strictjson.Limits{MaxBytes: MaxJourneysBytes, MaxDepth: MaxJourneysDepth}); err != nil {
		return nil, documentError(err)
	}
	if doc.Journeys == nil {
		return nil, inputErr("/journeys", "", wrap(ErrMissing, "the journeys array is required"))
	}
	return doc.Journeys, nil
}

// MarshalJourneys encodes journeys in the form ParseJourneys reads.
func MarshalJourneys(journeys []Journey) ([]byte, error) {
	if journeys == nil {
		journeys = []Journey{}
	}
	return strictjson.Marshal(journeysDoc{Journeys: journeys})
}

// data is the validated, compact form of the journeys.
type data struct {
	channels []string // distinct channel names, sorted
	touches  []uint8  // channel indices of every journey, concatenated
	off      []int32  // journey i's touches are touches[off[i]:off[i+1]]
	value    []uint64 // units of the basis; 0 for a journey that did not convert
	conv     []bool   // converted
	steps    []int64  // TimeDecay only: whole steps before the conversion, per touch
	total    u128     // Σ value
	nconv    int
}

func (d data) journey(i int) []uint8 { return d.touches[d.off[i]:d.off[i+1]] }

// load validates the journeys for rule r and builds their compact form.
func (r Rule) load(js []Journey) (data, error) {
	var l errList
	if len(js) > MaxJourneys {
		return data{}, inputErr("/journeys", strconv.Itoa(len(js)), wrap(ErrRange, "at most %d journeys", MaxJourneys))
	}
	index := map[string]int{}
	var names []string
	n := 0
	for _, j := range js {
		n += len(j.Touches)
	}
	raw := make([]uint8, 0, n) // channel indices in order of first sight
	for i, j := range js {
		if len(j.Touches) == 0 {
			l.add(field.At("journeys", i, "touches"), "", wrap(ErrEmpty, "a journey needs at least one touch"))
		} else if len(j.Touches) > MaxTouches {
			l.add(field.At("journeys", i, "touches"), strconv.Itoa(len(j.Touches)), wrap(ErrRange, "at most %d touches", MaxTouches))
		}
		for k, t := range j.Touches {
			c, ok := index[t.Channel]
			if !ok {
				path := func() string { return field.At("journeys", i, "touches", k, "channel") }
				switch {
				case t.Channel == "":
					l.add(path(), "", wrap(ErrEmpty, "a touch needs a channel"))
				case len(t.Channel) > MaxChannelLen:
					l.add(path(), t.Channel, wrap(ErrRange, "at most %d bytes", MaxChannelLen))
				case len(index) >= MaxChannels:
					l.add(path(), t.Channel, wrap(ErrRange, "at most %d distinct channels", MaxChannels))
				default:
					c = len(names)
					index[t.Channel] = c
					names = append(names, t.Channel)
				}
			}
			raw = append(raw, uint8(c))
			if k > 0 && t.At.Before(j.Touches[k-1].At) {
				l.add(field.At("journeys", i, "touches", k, "at"), t.At.Format(time.RFC3339Nano), wrap(ErrOrder, "before the previous touch"))
			}
		}
		if l.full() {
			break
		}
	}
	sorted := slices.Clone(names)
	slices.Sort(sorted)
	var remap [MaxChannels]uint8
	for i, c := range sorted {
		remap[index[c]] = uint8(i)
	}
	for i, c := range raw {
		raw[i] = remap[c]
	}
	d := data{
		channels: sorted,
		touches:  raw,
		off:      make([]int32, 1, len(js)+1),
		value:    make([]uint64, len(js)),
		conv:     make([]bool, len(js)),
	}
	if r.spec.Method == TimeDecay {
		d.steps = make([]int64, 0, n)
	}
	at := 0
	for i, j := range js {
		if len(j.Touches) == 0 || l.full() {
			continue // reported above, or enough reported
		}
		at += len(j.Touches)
		d.off = append(d.off, int32(at))
		r.loadJourney(&l, &d, i, j)
	}
	if err := l.err(); err != nil {
		return data{}, err
	}
	return d, nil
}

func (r Rule) loadJourney(l *errList, d *data, i int, j Journey) {
	c := j.Conversion
	if c == nil {
		return
	}
	last := j.Touches[len(j.Touches)-1].At
	if c.At.Before(last) {
		l.add(field.At("journeys", i, "conversion", "at"), c.At.Format(time.RFC3339Nano), wrap(ErrOrder, "before the last touch"))
		return
	}
	d.conv[i] = true
	d.nconv++
	v, ok := r.units(l, i, c)
	if !ok {
		return
	}
	d.value[i] = v
	var carry uint64
	d.total.lo, carry = bits.Add64(d.total.lo, v, 0)
	d.total.hi += carry
	if d.steps != nil {
		step := time.Duration(r.spec.Decay.Step)
		for _, t := range j.Touches {
			d.steps = append(d.steps, int64(c.At.Sub(t.At)/step))
		}
	}
}

// units returns the value of a conversion in units of the basis.
func (r Rule) units(l *errList, i int, c *ConversionEvent) (uint64, bool) {
	if r.spec.Basis == Conversions {
		return uint64(r.unit), true
	}
	path := func() string { return field.At("journeys", i, "conversion", "value") }
	if c.Value == nil {
		l.add(path(), "", wrap(ErrMissing, "revenue needs the value of every conversion"))
		return 0, false
	}
	v := *c.Value
	if v.Currency() != *r.spec.Currency {
		l.add(path(), v.String(), wrap(ErrCurrency, "the rule is in %s", r.spec.Currency.Code()))
		return 0, false
	}
	if v.Sign() < 0 {
		l.add(path(), v.String(), wrap(ErrInvalid, "must not be negative"))
		return 0, false
	}
	u, ok := fixed.FromDecimal(v.Decimal(), v.Currency().Digits())
	if !ok {
		l.add(path(), v.String(), wrap(ErrInvalid, "must be a whole number of minor units below 2^63"))
		return 0, false
	}
	return uint64(u), true
}
