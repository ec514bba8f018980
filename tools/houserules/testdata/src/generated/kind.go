package generated

var mutable int // want `houserules: package-level var mutable in library code`
