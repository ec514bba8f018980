package attribution

// Attribute attributes the total of the journeys (their values or their number) to their channels by the
// rule's method. The journeys are validated first: every problem is an
// *InputError at "/journeys/<i>/…" (at most 16 joined). The result does
// not depend on the order of the journeys.
func (r Rule) Attribute(journeys []Journey) (Result, error) {
	if !r.valid {
		return Result{}, errZeroRule()
	}
	d, err := r.load(journeys)
	if err != nil {
		return Result{}, err
	}
	switch r.spec.Method {
	case Markov:
		return r.markov(d)
	case Shapley:
		return r.shapley(d)
	case FirstTouch, LastTouch, Linear, PositionBased, TimeDecay:
		return r.result(d, r.heuristic(d)), nil
	case MethodUnspecified:
	}
	return Result{}, errZeroRule() // unreachable: a valid rule has a method
}
