package incentive_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
)

// A rep earns 10 points for each registered lead, at most 2 a day; a
// point is worth 0.25 USD. The third lead of 7 July is dropped.
func ExampleBehaviour_Evaluate() {
	b := incentive.MustParseBehaviour(`{"id": "engagement", "version": "1", "currency": "USD",
		"rounding": "half-even", "places": 2, "point_value": "0.25",
		"rewards": [{"event": "lead-registered", "recipient": "rep", "points": "10",
			"event_caps": [{"window": "day", "max_events": 2}]}]}`)
	lead := func(id string, day int) incentive.Transaction {
		return incentive.Transaction{ID: id, Date: time.Date(2025, 7, day, 9, 0, 0, 0, time.UTC), Kind: incentive.QualifyingEvent,
			PartnerID: "acme", RepID: "ana", Event: "lead-registered"}
	}
	r, err := b.Evaluate(q3(), slices.Values([]incentive.Transaction{lead("l1", 7), lead("l2", 7), lead("l3", 7), lead("l4", 8)}))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range r.Lines {
		fmt.Println(l.Sentence())
	}
	// Output:
	// rep:ana, 4 lead-registered events in Q3 2025: 3 counted (1 dropped by the cap of 2 a day, in order of date then ID), 10 points each = 30 points at 0.25 USD a point = 7.50 USD (half-even to 2 places).
}
