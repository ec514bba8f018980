package enums

func partialInTest() int {
	switch ModeA {
	case ModeA:
		return 1
	}
	return 0
}
