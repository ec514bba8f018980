package enums

import "other"

type Mode int

const (
	ModeUnspecified Mode = iota
	ModeA
	ModeB
)

func Partial(m Mode) int {
	switch m { // want `exhaustive: missing cases in expression switch: .*ModeUnspecified, .*ModeB`
	case ModeA:
		return 1
	}
	return 0
}

func DefaultIsNotEnough(m Mode) int {
	switch m { // want `exhaustive: missing cases in expression switch: .*ModeUnspecified`
	case ModeA, ModeB:
		return 1
	default:
		return 0
	}
}

func Complete(m Mode) int {
	switch m {
	case ModeUnspecified:
		return 0
	case ModeA, ModeB:
		return 1
	}
	return 0
}

func Intentional(m Mode) int {
	// Only ModeA is special here.
	//exhaustive:ignore
	switch m {
	case ModeA:
		return 1
	}
	return 0
}

func Foreign(k other.Kind) int {
	switch k {
	case other.KindA:
		return 1
	default:
		return 0
	}
}
