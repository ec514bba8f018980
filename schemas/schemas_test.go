package schemas_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/loyalty"
	"github.com/partnerecon/partnerecon/pricing"
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
}

var cases = []schemaCase{
	{file: "loyalty-scorer.schema.json", typ: reflect.TypeFor[loyalty.ScorerSpec](),
		parse: func(b []byte) error { _, err := loyalty.ParseScorer(b); return err }},
	{file: "loyalty-ladder.schema.json", typ: reflect.TypeFor[loyalty.LadderSpec](),
		parse: func(b []byte) error { _, err := loyalty.ParseLadder(b); return err }},
	{file: "pricing-policy.schema.json", typ: reflect.TypeFor[pricing.PolicySpec](),
		parse: func(b []byte) error { _, err := pricing.ParsePolicy(b); return err }},
	{file: "pricing-protection.schema.json", typ: reflect.TypeFor[pricing.ProtectionSpec](),
		parse:     func(b []byte) error { _, err := pricing.ParseProtection(b); return err },
		validated: []string{"/min_advantage"}},
}

type node = map[string]any

// TestSchemasMatchGoTypes: every JSON member of each Spec struct is a
// property of its schema object and every property is a member, at
// every depth; the schema's required members are exactly the members
// without omitzero/omitempty plus the validated ones; the schema's
// example parses with the SDK, and fails without a validated member.
// (Checked to fail with a member removed from a schema's $defs, and with
// a member added to the required list.)
func TestSchemasMatchGoTypes(t *testing.T) {
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(c.file)
			if err != nil {
				t.Fatal(err)
			}
			var root node
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			if err := dec.Decode(&root); err != nil {
				t.Fatal(err)
			}
			if root["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
				t.Errorf("$schema = %v", root["$schema"])
			}
			compare(t, root, root, c.typ, "", c.validated)
			examples, _ := root["examples"].([]any)
			if len(examples) == 0 {
				t.Fatal("no example")
			}
			for _, ex := range examples {
				doc, _ := json.Marshal(ex)
				if err := c.parse(doc); err != nil {
					t.Errorf("example does not parse: %v", err)
				}
				for _, v := range c.validated {
					without := maps(ex.(node))
					delete(without, strings.TrimPrefix(v, "/"))
					doc, _ := json.Marshal(without)
					if c.parse(doc) == nil {
						t.Errorf("example without %s parses: it is not required", v)
					}
				}
			}
		})
	}
}

func maps(m node) node {
	out := node{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// resolve follows a local "$ref" ("#/$defs/name").
func resolve(t *testing.T, root, n node) node {
	t.Helper()
	ref, ok := n["$ref"].(string)
	if !ok {
		return n
	}
	name, found := strings.CutPrefix(ref, "#/$defs/")
	defs, _ := root["$defs"].(node)
	def, ok := defs[name].(node)
	if !found || !ok {
		t.Fatalf("unresolved $ref %q", ref)
	}
	return def
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

// compare checks schema object n against struct type typ at path.
func compare(t *testing.T, root, n node, typ reflect.Type, path string, validated []string) {
	t.Helper()
	n = resolve(t, root, n)
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
			items, ok := resolve(t, root, sub)["items"].(node)
			if !ok {
				t.Errorf("%s: want an array with items", p)
				continue
			}
			compare(t, root, items, ft.Elem(), p+"/*", validated)
		} else if !leaf(ft) {
			compare(t, root, sub, ft, p, validated)
		}
	}
	for name := range props {
		if !slices.Contains(members, name) {
			t.Errorf("%s/%s: in the schema, not in %s", path, name, typ)
		}
	}
	var got []string
	req, _ := n["required"].([]any)
	for _, r := range req {
		got = append(got, r.(string))
	}
	slices.Sort(got)
	slices.Sort(required)
	if !slices.Equal(got, required) {
		t.Errorf("%s: required %v, want %v (from %s's tags)", path+"/", got, required, typ)
	}
}
