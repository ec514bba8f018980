package directive

//lint:allow clock tests need it // want `houserules: //lint:allow clock: rule "clock" has no escape hatch`
var _ = 0

//lint:allow float // want `houserules: //lint:allow float needs a reason`
func F() float64 { return 0 } // want `houserules: float64 in library code`
