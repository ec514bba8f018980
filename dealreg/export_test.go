package dealreg

// JaroWinkler exposes jaroWinkler to the tests: the similarity of two
// tokens as the fraction n/d.
func JaroWinkler(a, b string) (n, d int64) { return jaroWinkler([]rune(a), []rune(b)) }

// CountryTable is the generated ISO 3166-1 table and its release.
const CountryTable, CountryTableRelease = countryTable, countryTableRelease
