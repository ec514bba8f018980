package loyalty

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// ProfileField is a declared partner-profile field (business model,
// products and solutions sold, other programmes, certifications…): its
// weight in the completeness score and whether it is required.
type ProfileField struct {
	Name     string     `json:"name"`
	Weight   money.Rate `json:"weight"`
	Required bool       `json:"required,omitzero"`
}

// Completeness is how complete a partner's profile is.
type Completeness struct {
	// Score is the sum of the weights of the filled fields, in [0, 1],
	// exact (the weights sum exactly to 1).
	Score money.Rate `json:"score"`
	// Complete is true when every required field is filled.
	Complete bool `json:"complete"`
	// Missing lists the empty fields in declaration order; MissingRequired
	// the required ones among them.
	Missing         []string `json:"missing,omitzero"`
	MissingRequired []string `json:"missing_required,omitzero"`
}

// Equal reports whether c and o are the same result.
func (c Completeness) Equal(o Completeness) bool {
	return c.Score.Equal(o.Score) && c.Complete == o.Complete && slices.Equal(c.Missing, o.Missing) &&
		slices.Equal(c.MissingRequired, o.MissingRequired)
}

// ProfileCompleteness scores a profile (field name → value; a value that
// is empty or only spaces is missing) against the declared fields, whose
// weights must each lie in (0, 1] and sum exactly to 1 ([ErrWeights] at
// "/fields/2/weight" or "/fields"). Profile entries for undeclared fields
// are ignored.
func ProfileCompleteness(fields []ProfileField, profile map[string]string) (Completeness, error) {
	var l errList
	seen := map[string]int{}
	var sum decimal.Decimal
	for i, f := range fields {
		checkName(&l, field.At("fields", i, "name"), f.Name, seen, i)
		if f.Weight.Sign() <= 0 || f.Weight.Fraction().GreaterThan(decimal.New(1, 0)) {
			l.add(field.At("fields", i, "weight"), f.Weight.String(), ErrWeights)
		}
		sum = sum.Add(f.Weight.Fraction())
	}
	if len(fields) == 0 {
		l.add("/fields", "", ErrEmpty)
	} else if !sum.Equal(decimal.New(1, 0)) {
		l.add("/fields", sum.String(), ErrWeights)
	}
	if err := l.err(); err != nil {
		return Completeness{}, err
	}
	c := Completeness{Complete: true}
	for _, f := range fields {
		if strings.TrimSpace(profile[f.Name]) != "" {
			c.Score = c.Score.Add(f.Weight)
			continue
		}
		c.Missing = append(c.Missing, f.Name)
		if f.Required {
			c.MissingRequired = append(c.MissingRequired, f.Name)
			c.Complete = false
		}
	}
	return c, nil
}
