package loyalty

import (
	"strings"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/strictjson"
)

// requiredName reports whether p names one of the members whose absence ParseScorer and ParseLadder
// refuse: a number of places, a window, a grace period, a weight, points
// or a bound read as zero when left out would change every score or level
// without a word. (The set Members keeps is bounded by the document.)
func requiredName(p string) bool {
	switch p[strings.LastIndexByte(p, '/')+1:] {
	case "score_places", "point_places", "window_days", "grace_days",
		"weight", "points", "from", "promote", "retain":
		return true
	}
	return false
}

// missing adds an ErrEmpty *InputError to l for every pointer in want
// that data does not hold as a member. data is a document strictjson
// accepted.
func missing(l *errList, data []byte, want []string) error {
	present, err := strictjson.Members(data, requiredName)
	if err != nil {
		return decodeErr(err)
	}
	for _, p := range want {
		if !present[p] {
			l.add(p, "", requiredErr{})
		}
	}
	return nil
}

// requiredErr is the reason of an absent required member: it matches
// ErrEmpty.
type requiredErr struct{}

func (requiredErr) Error() string { return "required member left out (write it, even when it is 0)" }
func (requiredErr) Unwrap() error { return ErrEmpty }

// scorerRequired lists the required members of a decoded scorer spec.
func scorerRequired(spec ScorerSpec) []string {
	want := []string{"/score_places", "/point_places", "/window_days"}
	for i := range spec.Pillars {
		want = append(want, field.At("pillars", i, "weight"))
	}
	for i := range spec.Activities {
		want = append(want, field.At("activities", i, "points"))
	}
	for i := range spec.Bands {
		want = append(want, field.At("bands", i, "from"))
	}
	return want
}

// ladderRequired lists the required members of a decoded ladder spec.
func ladderRequired(spec LadderSpec) []string {
	want := []string{"/grace_days"}
	for i, lv := range spec.Levels {
		for j := range lv.Criteria {
			want = append(want, field.At("levels", i, "criteria", j, "promote"), field.At("levels", i, "criteria", j, "retain"))
		}
	}
	return want
}
