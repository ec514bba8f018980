package schemas_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/loyalty"
	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/tier"
)

// schemaCase ties a schema file to the Go type it describes and to the
// SDK's parser of that document.
type schemaCase struct {
	file  string
	typ   reflect.Type
	parse func([]byte) error
	// validated lists members (as JSON Pointers to the member in the
	// schema's object, "/min_advantage") that are pointers in Go, tagged
	// omitempty so that absence can be detected, and required by the
	// SDK's validation: required in the schema, and checked to be by
	// removing them from the example.
	validated []string
	// wire, for a document whose Go form is unexported (dealreg's
	// policy), re-encodes a parsed document: typ is nil, and the members
	// are checked against the examples (which together must have every
	// member) and against what the SDK writes.
	wire func([]byte) ([]byte, error)
	// exact: the SDK rejects an example without a member exactly when the
	// schema's required, dependentRequired and if/then say it must be
	// there (otherwise only the schema's required members are checked to
	// be required by the SDK).
	exact bool
	// unitRates: rates must carry their unit ("2.5%"); a bare "2.5" is
	// refused by the SDK, so by the schema's pattern.
	unitRates bool
	// lenient: the schema lists as required members that the SDK always
	// writes but whose absence it reads as zero, so an example without
	// one of them may still parse.
	lenient bool
}

var cases = []schemaCase{
	{file: "loyalty-scorer.schema.json", typ: reflect.TypeFor[loyalty.ScorerSpec](),
		parse: func(b []byte) error { _, err := loyalty.ParseScorer(b); return err }, lenient: true, unitRates: true},
	{file: "loyalty-ladder.schema.json", typ: reflect.TypeFor[loyalty.LadderSpec](),
		parse: func(b []byte) error { _, err := loyalty.ParseLadder(b); return err }, lenient: true},
	{file: "pricing-policy.schema.json", typ: reflect.TypeFor[pricing.PolicySpec](),
		parse: func(b []byte) error { _, err := pricing.ParsePolicy(b); return err }, exact: true, unitRates: true},
	{file: "pricing-protection.schema.json", typ: reflect.TypeFor[pricing.ProtectionSpec](),
		parse:     func(b []byte) error { _, err := pricing.ParseProtection(b); return err },
		validated: []string{"/min_advantage"}, exact: true, unitRates: true},
	{file: "incentive-plan.schema.json", typ: reflect.TypeFor[incentive.PlanSpec](),
		parse: func(b []byte) error { _, err := incentive.ParsePlan(b); return err }, unitRates: true, exact: true},
	{file: "tier-schedule.schema.json", typ: reflect.TypeFor[tier.Spec](), exact: true, unitRates: true,
		parse: func(b []byte) error { _, err := tier.ParseSchedule(b); return err }},
	{file: "incentive-group.schema.json", typ: reflect.TypeFor[incentive.GroupSpec](), exact: true,
		parse: func(b []byte) error { _, err := incentive.ParseGroup(b); return err }},
	{file: "incentive-behaviour.schema.json", typ: reflect.TypeFor[incentive.BehaviourSpec](),
		parse: func(b []byte) error { _, err := incentive.ParseBehaviour(b); return err }},
	{file: "incentive-draw.schema.json", typ: reflect.TypeFor[incentive.DrawSpec](), exact: true,
		parse: func(b []byte) error { _, err := incentive.ParseDraw(b); return err }},
	{file: "margin-resale.schema.json", typ: reflect.TypeFor[margin.ResaleSpec](), exact: true,
		parse: func(b []byte) error { _, err := margin.ParseResale(b); return err }, unitRates: true},
	{file: "dealreg-policy.schema.json", exact: true,
		parse: func(b []byte) error { _, err := dealreg.ParsePolicy(b); return err },
		wire: func(b []byte) ([]byte, error) {
			p, err := dealreg.ParsePolicy(b)
			if err != nil {
				return nil, err
			}
			return p.MarshalJSON()
		}},
	{file: "mdf-programme.schema.json", typ: reflect.TypeFor[mdf.ProgrammeSpec](), exact: true,
		parse: func(b []byte) error { _, err := mdf.ParseProgramme(b); return err }, unitRates: true},
	{file: "mdf-fund.schema.json", typ: reflect.TypeFor[mdf.FundRecord](), exact: true,
		parse: func(b []byte) error { _, err := mdf.ParseFund(b); return err }, unitRates: true},
	{file: "mdf-segmentation.schema.json", typ: reflect.TypeFor[mdf.SegmentationSpec](), exact: true,
		parse: func(b []byte) error { _, err := mdf.ParseSegmentation(b); return err }, unitRates: true},
}

type node = map[string]any

// TestSchemasMatchGoTypes: every JSON member of each Spec struct is a
// property of its schema object and every property is a member, at
// every depth; the schema's required members are exactly the members
// without omitzero/omitempty plus the validated ones; decimals, rates
// and amounts are strings with a pattern that accepts what the SDK reads;
// the schema's example parses with the SDK, and fails without any member
// the schema requires (for exact cases: fails exactly when the schema
// requires the member). (Checked to fail with a member removed from a
// schema's $defs, with a member added to the required list, with a
// member the SDK requires left out of a required list, and with a rate
// pattern that accepts a bare rate.)
func TestSchemasMatchGoTypes(t *testing.T) {
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			root := load(t, c.file)
			if root["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
				t.Errorf("$schema = %v", root["$schema"])
			}
			checkKeywords(t, root, "")
			examples, _ := root["examples"].([]any)
			if len(examples) == 0 {
				t.Fatal("no example")
			}
			if c.typ != nil {
				compare(t, root, root, c.typ, "", c.validated, c.unitRates)
			}
			seen := map[string]bool{}
			for _, ex := range examples {
				doc, _ := json.Marshal(ex)
				if err := c.parse(doc); err != nil {
					t.Errorf("example does not parse: %v", err)
					continue
				}
				if c.wire != nil {
					// The example has every member of the schema, and the
					// SDK writes none that the schema lacks.
					members(t, root, root, ex, "", seen)
					out, err := c.wire(doc)
					if err != nil {
						t.Fatal(err)
					}
					var back any
					if err := json.Unmarshal(out, &back); err != nil {
						t.Fatal(err)
					}
					members(t, root, root, back, "", nil)
				}
				for _, v := range c.validated {
					without := clone(ex).(node)
					delete(without, strings.TrimPrefix(v, "/"))
					doc, _ := json.Marshal(without)
					if c.parse(doc) == nil {
						t.Errorf("example without %s parses: it is not required", v)
					}
				}
				removals(t, c, root, ex)
			}
			if c.wire != nil {
				// Every member of the schema is in some example.
				properties(t, root, root, "", seen, map[string]bool{})
			}
		})
	}
}

// load reads and decodes a schema file.
func load(t *testing.T, file string) node {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var root node
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil {
		t.Fatal(err)
	}
	return root
}

// keywords are the JSON Schema keywords the schemas use: the test's
// required-member evaluation (missing) understands the assertions among
// them that say a member must be present.
var keywords = []string{"$schema", "$id", "$ref", "$defs", "title", "description", "examples",
	"type", "properties", "required", "additionalProperties", "dependentRequired", "if", "then",
	"items", "enum", "const", "allOf", "anyOf", "pattern", "format", "minLength", "maxLength", "minimum", "maximum",
	"minItems", "maxItems", "uniqueItems", "minProperties"}

// checkKeywords fails on a keyword outside keywords, anywhere in a schema.
func checkKeywords(t *testing.T, n node, path string) {
	t.Helper()
	for k, v := range n {
		if !slices.Contains(keywords, k) {
			t.Errorf("%s: keyword %q is not one the test understands", path, k)
		}
		switch k {
		case "properties", "$defs", "dependentRequired", "examples":
			if m, ok := v.(node); ok && k != "dependentRequired" {
				for name, sub := range m {
					if s, ok := sub.(node); ok {
						checkKeywords(t, s, path+"/"+k+"/"+name)
					}
				}
			}
		case "enum", "const":
		default:
			if s, ok := v.(node); ok {
				checkKeywords(t, s, path+"/"+k)
			}
			for i, x := range anys(v) {
				if s, ok := x.(node); ok {
					checkKeywords(t, s, path+"/"+k+"/"+strconv.Itoa(i))
				}
			}
		}
	}
}

// clone deep-copies a decoded JSON value.
func clone(v any) any {
	switch v := v.(type) {
	case node:
		out := node{}
		for k, x := range v {
			out[k] = clone(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = clone(x)
		}
		return out
	}
	return v
}

// resolve follows a "$ref": local ("#/$defs/name") or to another schema
// of this folder ("pricing-policy.schema.json"), and returns the root
// the result belongs to.
func resolve(t *testing.T, root, n node) (node, node) {
	t.Helper()
	ref, ok := n["$ref"].(string)
	if !ok {
		return root, n
	}
	file, frag, _ := strings.Cut(ref, "#")
	if file != "" {
		if strings.Contains(file, "/") || !strings.HasSuffix(file, ".schema.json") {
			t.Fatalf("$ref %q: want a schema of this folder", ref)
		}
		root = load(t, file)
		if frag == "" {
			return root, root
		}
	}
	name, found := strings.CutPrefix(frag, "/$defs/")
	defs, _ := root["$defs"].(node)
	def, ok := defs[name].(node)
	if !found || !ok {
		t.Fatalf("unresolved $ref %q", ref)
	}
	return root, def
}

var (
	textType = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonType = reflect.TypeFor[json.Unmarshaler]()
)

// leaf reports a type that decodes itself from a JSON value (decimals,
// rates, enumerations): a string or number in the schema, not an object.
func leaf(typ reflect.Type) bool {
	p := reflect.PointerTo(typ)
	return p.Implements(textType) || p.Implements(jsonType) || typ.Kind() != reflect.Struct
}

// Leaf types written as strings with a pattern, and texts each pattern
// must accept and refuse.
var (
	decimalType = reflect.TypeFor[decimal.Decimal]()
	rateType    = reflect.TypeFor[money.Rate]()
	amountType  = reflect.TypeFor[money.Amount]()
)

// checkLeaf checks the schema of a decimal, rate or amount member: a
// string whose pattern accepts the SDK's forms (and, for rates that must
// carry their unit, refuses a bare non-zero rate).
func checkLeaf(t *testing.T, n node, typ reflect.Type, path string, unitRates bool) {
	t.Helper()
	var accept, refuse []string
	switch typ {
	case decimalType:
		accept, refuse = []string{"0", "-12.5", "100000"}, []string{"1e3", "12,5", ""}
	case rateType:
		accept, refuse = []string{"2.5%", "250bp", "0"}, []string{"2.5 %", "", "%"}
		if unitRates {
			refuse = append(refuse, "2.5", "1")
		} else {
			accept = append(accept, "0.025")
		}
	case amountType:
		accept, refuse = []string{"100.00 USD", "-0.5 EUR", "0 JPY"}, []string{"100.00", "USD 100", "100.00 usd"}
	default:
		return
	}
	pat, _ := n["pattern"].(string)
	re, err := regexp.Compile(pat)
	if n["type"] != "string" || pat == "" || err != nil {
		t.Errorf("%s: want a string with a pattern (%v)", path, err)
		return
	}
	for _, s := range accept {
		if !re.MatchString(s) {
			t.Errorf("%s: pattern %s refuses %q", path, pat, s)
		}
	}
	for _, s := range refuse {
		if re.MatchString(s) {
			t.Errorf("%s: pattern %s accepts %q", path, pat, s)
		}
	}
}

// compare checks schema object n against struct type typ at path.
func compare(t *testing.T, root, n node, typ reflect.Type, path string, validated []string, unitRates bool) {
	t.Helper()
	root, n = resolve(t, root, n)
	if n["type"] != "object" || n["additionalProperties"] != false {
		t.Errorf("%s: want an object schema without additional properties", path+"/")
	}
	props, _ := n["properties"].(node)
	var members, required []string
	for i := range typ.NumField() {
		f := typ.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if !f.IsExported() || name == "-" || name == "" {
			continue
		}
		members = append(members, name)
		p := path + "/" + name
		optional := strings.Contains(opts, "omitzero") || strings.Contains(opts, "omitempty")
		if !optional || slices.Contains(validated, p) {
			required = append(required, name)
		}
		sub, ok := props[name].(node)
		if !ok {
			t.Errorf("%s: member missing from the schema", p)
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Slice && !leaf(ft.Elem()) {
			r, s := resolve(t, root, sub)
			items, ok := s["items"].(node)
			if !ok {
				t.Errorf("%s: want an array with items", p)
				continue
			}
			compare(t, r, items, ft.Elem(), p+"/*", validated, unitRates)
		} else if !leaf(ft) {
			compare(t, root, sub, ft, p, validated, unitRates)
		} else {
			_, s := resolve(t, root, sub)
			checkLeaf(t, s, ft, p, unitRates)
		}
	}
	for name := range props {
		if !slices.Contains(members, name) {
			t.Errorf("%s/%s: in the schema, not in %s", path, name, typ)
		}
	}
	got := strs(n["required"])
	slices.Sort(got)
	slices.Sort(required)
	if !slices.Equal(got, required) {
		t.Errorf("%s: required %v, want %v (from %s's tags)", path+"/", got, required, typ)
	}
}

// strs returns a JSON array of strings.
func strs(v any) []string {
	var out []string
	a, _ := v.([]any)
	for _, s := range a {
		out = append(out, s.(string))
	}
	return out
}

// members checks the members of document v against schema n, at every
// depth: each is a property of the schema. With seen, it records each
// member's pointer, array indices as "*".
func members(t *testing.T, root, n node, v any, path string, seen map[string]bool) {
	t.Helper()
	root, n = resolve(t, root, n)
	switch v := v.(type) {
	case []any:
		if items, ok := n["items"].(node); ok {
			for _, x := range v {
				members(t, root, items, x, path+"/*", seen)
			}
		}
	case node:
		props, _ := n["properties"].(node)
		for k, x := range v {
			sub, ok := props[k].(node)
			if !ok {
				t.Errorf("%s/%s: the SDK's member is not in the schema", path, k)
				continue
			}
			if seen != nil {
				seen[path+"/"+k] = true
			}
			members(t, root, sub, x, path+"/"+k, seen)
		}
	}
}

// properties checks that every property of schema n, at every depth, is
// in seen (visited guards against recursive schemas).
func properties(t *testing.T, root, n node, path string, seen, visited map[string]bool) {
	t.Helper()
	root, n = resolve(t, root, n)
	if visited[path] {
		return
	}
	visited[path] = true
	if items, ok := n["items"].(node); ok {
		properties(t, root, items, path+"/*", seen, visited)
	}
	props, _ := n["properties"].(node)
	for k, sub := range props {
		if !seen[path+"/"+k] {
			t.Errorf("%s/%s: in the schema, in no example", path, k)
			continue
		}
		properties(t, root, sub.(node), path+"/"+k, seen, visited)
	}
}

// missing returns the pointers of the members document v lacks although
// schema n requires them, at every depth: required; dependentRequired;
// allOf, each subschema applied to v; a "then" applied to v when its
// "if" holds (its required members present and its consts and enums
// matched); anyOf, reported (at "…/anyOf") when every branch misses a
// member.
func missing(t *testing.T, root, n node, v any, path string) []string {
	t.Helper()
	root, n = resolve(t, root, n)
	var out []string
	add := func(ps ...string) {
		for _, p := range ps {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	for _, sub := range anys(n["allOf"]) {
		add(missing(t, root, sub.(node), v, path)...)
	}
	if cond, ok := n["if"].(node); ok {
		if o, isObj := v.(node); isObj && holds(cond, o) {
			then, _ := n["then"].(node)
			add(missing(t, root, then, v, path)...)
		}
	}
	if branches := anys(n["anyOf"]); len(branches) > 0 {
		met := false
		for _, b := range branches {
			met = met || len(missing(t, root, b.(node), v, path)) == 0
		}
		if !met {
			add(path + "/anyOf")
		}
	}
	switch v := v.(type) {
	case []any:
		if items, ok := n["items"].(node); ok {
			for i, x := range v {
				add(missing(t, root, items, x, path+"/"+strconv.Itoa(i))...)
			}
		}
	case node:
		need := strs(n["required"])
		deps, _ := n["dependentRequired"].(node)
		for k, d := range deps {
			if _, ok := v[k]; ok {
				need = append(need, strs(d)...)
			}
		}
		for _, k := range need {
			if _, ok := v[k]; !ok {
				add(path + "/" + k)
			}
		}
		props, _ := n["properties"].(node)
		for k, x := range v {
			if sub, ok := props[k].(node); ok {
				add(missing(t, root, sub, x, path+"/"+k)...)
			}
		}
	}
	return out
}

// anys returns a JSON array.
func anys(v any) []any { a, _ := v.([]any); return a }

// holds evaluates an "if" against value v: its required members
// present, and each present member matching its const, its enum and,
// recursively, its own required members and properties.
func holds(cond node, v any) bool {
	o, ok := v.(node)
	if !ok {
		return len(strs(cond["required"])) == 0 && cond["properties"] == nil
	}
	for _, k := range strs(cond["required"]) {
		if _, ok := o[k]; !ok {
			return false
		}
	}
	props, _ := cond["properties"].(node)
	for k, p := range props {
		x, present := o[k]
		if !present {
			continue
		}
		p := p.(node)
		if c, ok := p["const"]; ok && x != c {
			return false
		}
		if e, ok := p["enum"]; ok && !slices.Contains(anys(e), x) {
			return false
		}
		if (p["required"] != nil || p["properties"] != nil) && !holds(p, x) {
			return false
		}
	}
	return true
}

// removals removes each member of example ex in turn (at every depth):
// if the schema then finds a member missing, the SDK must refuse the
// document; in an exact case the SDK must accept it otherwise.
func removals(t *testing.T, c schemaCase, root node, ex any) {
	t.Helper()
	if got := missing(t, root, root, ex, ""); len(got) > 0 {
		t.Fatalf("the example lacks %v", got)
	}
	var walk func(v any, path []string)
	walk = func(v any, path []string) {
		switch v := v.(type) {
		case []any:
			for i, x := range v {
				walk(x, append(path, strconv.Itoa(i)))
			}
		case node:
			for k, x := range v {
				p := append(slices.Clone(path), k)
				doc := clone(ex)
				remove(doc, p)
				data, _ := json.Marshal(doc)
				schemaRefuses := len(missing(t, root, root, doc, "")) > 0
				sdkRefuses := c.parse(data) != nil
				ptr := "/" + strings.Join(p, "/")
				switch {
				case schemaRefuses && !sdkRefuses && !c.lenient:
					t.Errorf("without %s: the schema requires it, the SDK does not", ptr)
				case c.exact && sdkRefuses && !schemaRefuses:
					t.Errorf("without %s: the SDK requires it, the schema does not", ptr)
				}
				walk(x, p)
			}
		}
	}
	walk(ex, nil)
}

// remove deletes the member at path (object keys and array indices).
func remove(v any, path []string) {
	for i, k := range path {
		last := i == len(path)-1
		switch x := v.(type) {
		case node:
			if last {
				delete(x, k)
				return
			}
			v = x[k]
		case []any:
			j, _ := strconv.Atoi(k)
			v = x[j]
		}
	}
}
